"""Rule consistency analysis: what the rules mean, proved with an SMT solver.

Encodes checked rules into z3 with the language's three-valued meaning and reports dead
rules, requirements that can never be met or never fail, unreachable ``kecuali``, guards
and determination cases, contradictions, duplicates, redundancies, and determination
overlaps and gaps, each located and with a witness agreement replayed on the engine;
and minimal repair of one agreement (``repair``: the fewest fact changes that make it
comply, each replayed), with a bounded search when z3 is missing. z3 is optional (the
``analysis`` extra); it is imported only when an analysis runs.

May import: engine, language, model and the base modules (errors, source, suggest).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ..errors import ConfigurationError, Diagnostic
from .findings import CODES, AnalysisFinding, AnalysisResult, Location, NotAnalysed, Witness
from .repairs import Blocked, FactChange, Repair, RepairResult, RepairTarget, repair

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..engine.evaluator import RuleSet
    from ..language.checker import CheckedRules
    from .diff import DiffResult

__all__ = [
    "CODES",
    "AnalysisFinding",
    "AnalysisResult",
    "Blocked",
    "FactChange",
    "Location",
    "NotAnalysed",
    "Repair",
    "RepairResult",
    "RepairTarget",
    "Witness",
    "analyze",
    "analyze_rules",
    "repair",
    "semantic_diff",
    "z3_available",
]

_INSTALL = "install the analysis extra: pip install 'kerjasama-rules[analysis]'"


def z3_available() -> bool:
    """Whether the z3 solver (the ``analysis`` extra) is installed."""
    try:
        import z3  # noqa: F401
    except ImportError:
        return False
    return True


def analyze_rules(checked: CheckedRules, rules: RuleSet | None = None) -> AnalysisResult:
    """Analyse checked rules.

    Raises:
        ConfigurationError: z3 is not installed (code ``config.no-solver``).
    """
    if not z3_available():
        msg = "the rule analysis needs the z3 solver, which is not installed"
        raise ConfigurationError([Diagnostic(code="config.no-solver", message=msg, help=_INSTALL)])
    from .analyzer import analyze_checked

    return analyze_checked(checked, rules)


def semantic_diff(old: Sequence[str], new: Sequence[str]) -> DiffResult:
    """Which agreements change outcome between two versions of the rules.

    Each argument is a list of rule files or directories. Returns the change classes,
    each with a witness replayed on both versions.

    Raises:
        ConfigurationError: z3 is not installed, or a path does not exist.
    """
    if not z3_available():
        msg = "the semantic diff needs the z3 solver, which is not installed"
        raise ConfigurationError([Diagnostic(code="config.no-solver", message=msg, help=_INSTALL)])
    from .diff import semantic_diff as run

    return run(old, new)


def analyze(*paths: str | os.PathLike[str]) -> AnalysisResult:
    """Load rule files (the bundled rules when no path is given) and analyse them.

    Raises:
        RuleSyntaxError, RuleCheckError: the rules do not load.
        ConfigurationError: a path does not exist, or z3 is not installed.

    Examples:
        >>> from kerjasama_rules.analysis import analyze
        >>> result = analyze()  # doctest: +SKIP
        >>> result.clean  # doctest: +SKIP
        True
    """
    from ..engine.rulefiles import load_rules

    rules = load_rules(*paths)
    return analyze_rules(rules._checked, rules)
