"""Facts that cannot be right: dates far outside the life of the law this tool encodes.

A receipt date of 0001-01-01 is a typing error, not a fact; counted from, it gives "-527570
working days left". The report computes from the data as given (the rules must not guess),
but says at the top that the data looks wrong, so that no number built on it is read as
meaningful. A date is implausible when it is before 2014 (UU 23/2014, the oldest law
encoded here, is from 2014) or more than 30 years after the date the report is judged as
of. Only facts of the agreement (``$.`` paths) that the report read are checked.

Examples:
    >>> import datetime
    >>> implausible("0001-01-01", datetime.date(2026, 11, 29))
    'early'
    >>> implausible("2026-03-02", datetime.date(2026, 11, 29)) is None
    True
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from ..engine.report import Evidence, Report

__all__ = ["EARLIEST", "LATEST_YEARS", "DataWarning", "data_warnings", "implausible"]

EARLIEST = datetime.date(2014, 1, 1)
LATEST_YEARS = 30


@attrs.frozen
class DataWarning:
    """A fact whose value cannot be right: ``kind`` is ``early`` or ``late``."""

    path: str
    value: str
    kind: str


def implausible(value: Any, as_of: datetime.date | None) -> str | None:
    """``early``, ``late`` or ``None`` for a value that is (or is not) an ISO date."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return None
    if day < EARLIEST:
        return "early"
    if as_of is not None and day.year > as_of.year + LATEST_YEARS:
        return "late"
    return None


def data_warnings(report: Report) -> tuple[DataWarning, ...]:
    """The implausible facts a report read, each once, in path order."""
    evidence: list[Evidence] = []
    for o in report.outcomes:
        for f in o.findings:
            evidence.extend(f.evidence)
        for n in o.notes:
            evidence.extend(n.evidence)
    for d in report.determinations:
        for b in d.because:
            evidence.extend(b.evidence)
    found: dict[str, DataWarning] = {}
    for e in evidence:
        if not e.path.startswith("$.") or e.path in found:
            continue
        kind = implausible(e.value, report.as_of)
        if kind is not None:
            found[e.path] = DataWarning(e.path, e.value, kind)
    return tuple(found[p] for p in sorted(found))
