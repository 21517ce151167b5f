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

from __future__ import annotations

import importlib as _importlib
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from .errors import (
    AgreementError,
    ConfigurationError,
    Diagnostic,
    EvaluationError,
    KerjasamaError,
    RuleCheckError,
    RuleSyntaxError,
)
from .version import __version__ as __version__

if _TYPE_CHECKING:
    from .analysis.repairs import RepairResult, repair
    from .engine.evaluator import RuleSet
    from .engine.report import Evidence, Finding, Outcome, Report
    from .engine.rulefiles import bundled_rules_path, compile, load_rules
    from .language.nodes import Citation
    from .law.units import LawUnit, LawUnits, law_units
    from .model.agreement import Agreement
    from .model.calendar import CutiBersama, WorkingCalendar, compute_deadline
    from .model.loader import load_agreement, load_agreements, unstructure_agreement
    from .output.render import render_json, render_text
    from .source import Span

# The rest of the API is imported when first used (PEP 562): ``import kerjasama_rules``
# costs little, and a program pays only for the stages it calls (the loader does not
# need the engine, a rule listing does not need the agreement loader).
_HOME = {
    "RepairResult": "analysis.repairs",
    "repair": "analysis.repairs",
    "RuleSet": "engine.evaluator",
    "Evidence": "engine.report",
    "Finding": "engine.report",
    "Outcome": "engine.report",
    "Report": "engine.report",
    "bundled_rules_path": "engine.rulefiles",
    "compile": "engine.rulefiles",
    "load_rules": "engine.rulefiles",
    "Citation": "language.nodes",
    "LawUnit": "law.units",
    "LawUnits": "law.units",
    "law_units": "law.units",
    "Agreement": "model.agreement",
    "CutiBersama": "model.calendar",
    "WorkingCalendar": "model.calendar",
    "compute_deadline": "model.calendar",
    "load_agreement": "model.loader",
    "load_agreements": "model.loader",
    "unstructure_agreement": "model.loader",
    "render_json": "output.render",
    "render_text": "output.render",
    "Span": "source",
}


def __getattr__(name: str) -> _Any:
    home = _HOME.get(name)
    if home is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(_importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # later look-ups do not come back here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


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
    "RepairResult",
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
    "repair",
    "unstructure_agreement",
]
