"""kerjasama_rules: Indonesia's law on regional cooperation as checkable, explainable rules.

The pipeline, one module per stage, each a function of its inputs::

    rules/*.kr --parser.parse--> nodes.RuleFile --checker.check--> CheckedRules
        --compiler (closures)--> RuleSet --RuleSet.evaluate(agreement)--> report.Report
        --render--> text | JSON
    agreement.yaml --loader.load_agreement--> agreement.Agreement --------^

Typical use::

    import kerjasama_rules as kr
    rules = kr.load_rules()                      # the bundled PP 28/2018 rules
    agreement = kr.load_agreement("examples/ksdpl-arnhem-patuh.yaml")
    report = rules.evaluate(agreement, as_of=datetime.date(2026, 11, 29))
    print(kr.render_text(report))
"""

from .engine.evaluator import RuleSet
from .engine.report import Evidence, Finding, Outcome, Report
from .engine.rulefiles import bundled_rules_path, compile, load_rules
from .errors import (
    AgreementError,
    ConfigurationError,
    Diagnostic,
    EvaluationError,
    KerjasamaError,
    RuleCheckError,
    RuleSyntaxError,
)
from .language.nodes import Citation
from .law.units import LawUnit, LawUnits, law_units
from .model.agreement import Agreement
from .model.calendar import CutiBersama, WorkingCalendar, compute_deadline
from .model.loader import load_agreement, load_agreements, unstructure_agreement
from .output.render import render_json, render_text
from .source import Span

__version__ = "0.1.0"

__all__ = [
    "Agreement",
    "AgreementError",
    "Citation",
    "ConfigurationError",
    "CutiBersama",
    "Diagnostic",
    "EvaluationError",
    "Evidence",
    "Finding",
    "KerjasamaError",
    "LawUnit",
    "LawUnits",
    "Outcome",
    "Report",
    "RuleCheckError",
    "RuleSet",
    "RuleSyntaxError",
    "Span",
    "WorkingCalendar",
    "bundled_rules_path",
    "compile",
    "compute_deadline",
    "law_units",
    "load_agreement",
    "load_agreements",
    "load_rules",
    "render_json",
    "render_text",
    "unstructure_agreement",
]
