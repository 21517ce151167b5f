"""What the analyzer found: plain frozen data, no formatting (``output/analysis.py`` renders it)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

import attrs

__all__ = [
    "CODES",
    "AnalysisFinding",
    "AnalysisResult",
    "Location",
    "NotAnalysed",
    "Witness",
]

# Stable finding codes beside the `lint.*` ones, with their severity.
CODES: Mapping[str, str] = {
    "analyze.dead-rule": "error",
    "analyze.unsatisfiable": "error",
    "analyze.vacuous": "warning",
    "analyze.unreachable-kecuali": "warning",
    "analyze.unreachable-guard": "warning",
    "analyze.unreachable-case": "warning",
    "analyze.contradiction": "error",
    "analyze.duplicate": "warning",
    "analyze.duplicate-citation": "error",
    "analyze.determination-overlap": "warning",
    "analyze.determination-gap": "warning",
    "analyze.redundant": "info",
}


@attrs.frozen
class Location:
    """``file:line:column`` of a rule file (1-based)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@attrs.frozen
class Witness:
    """An agreement that shows the finding, with the run settings that show it.

    ``agreement`` is plain data in the agreement format (what ``yaml`` holds);
    ``reproduced`` says whether evaluating it with the real engine showed the claimed
    behaviour (always checked before a finding is reported).
    """

    agreement: Mapping[str, Any]
    as_of: datetime.date
    switches: tuple[tuple[str, str], ...]
    yaml: str
    reproduced: bool
    shows: str  # what `kerjasama check`/`explain` shows on it, in words


@attrs.frozen
class AnalysisFinding:
    """One logic problem of the rules.

    ``proof`` is true when the solver proved the claim (within the stated bounds), false
    for a search result. ``assumptions`` lists what the answer rests on (the list bound,
    the working-day model). ``related`` points at the other party of a pair finding.
    ``justified`` holds the reason of the ``# analyze: allow`` comment that silenced it.
    """

    code: str
    severity: str
    subject: str  # rule id, or determination name
    location: Location
    message: str
    proof: bool
    witness: Witness | None
    assumptions: tuple[str, ...] = ()
    related: tuple[Location, ...] = ()
    related_subject: str | None = None
    justified: str | None = None


@attrs.frozen
class NotAnalysed:
    """A rule or determination the analyzer left alone, and the construct that stopped it."""

    subject: str
    location: Location
    construct: str


@attrs.frozen
class AnalysisResult:
    """Everything one analysis found, in source order."""

    findings: tuple[AnalysisFinding, ...]
    justified: tuple[AnalysisFinding, ...]
    not_analysed: tuple[NotAnalysed, ...]
    list_bound: int
    engine: str  # "z3 4.x" or the search fallback
    rules: int
    requirements: int
    determinations: int
    queries: int

    @property
    def clean(self) -> bool:
        """No unjustified finding of severity error or warning."""
        return not any(f.severity in ("error", "warning") for f in self.findings)
