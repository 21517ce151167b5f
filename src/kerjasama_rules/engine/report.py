"""What an evaluation found: plain frozen data, no formatting (that is ``render.py``'s job).

A :class:`Report` holds one :class:`Outcome` per rule. Violations are results, not
exceptions: a failing rule carries :class:`Finding` objects, each with its most specific
citation, its message, the evidence that made it fail and the facts that are missing.
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from ..language.nodes import Citation, Expr

STATUSES = ("pass", "fail", "unknown", "not_applicable", "error")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@attrs.frozen
class Evidence:
    """A fact read while deciding: its path (``$.mitra[0].negara``) and its value."""

    path: str
    value: Any


@attrs.frozen
class Finding:
    """One failed (or undecidable) requirement.

    ``citation`` is the requirement's most specific unit of law; ``citations`` all the
    units it rests on. ``messages`` maps a language (``id``, ``en``) to the text.
    """

    status: str  # "fail" | "unknown"
    severity: str
    citation: Citation
    citations: tuple[Citation, ...]
    messages: tuple[tuple[str, str], ...]
    evidence: tuple[Evidence, ...] = ()
    missing: tuple[str, ...] = ()

    def message(self, lang: str = "id") -> str:
        """The message in ``lang``, falling back to Indonesian."""
        table = dict(self.messages)
        return table.get(lang) or table.get("id") or next(iter(table.values()), "")


@attrs.frozen
class Pending:
    """A requirement whose obligation has not fallen due (its ``jika`` guard is false)."""

    citation: Citation
    messages: tuple[tuple[str, str], ...]
    condition: str
    condition_en: str = ""
    # The `jika` guard itself, so that the output layer can say it in plain words.
    guard: Expr | None = attrs.field(default=None, eq=False)

    def message(self, lang: str = "id") -> str:
        """The message in ``lang``, falling back to Indonesian."""
        table = dict(self.messages)
        return table.get(lang) or table.get("id") or ""

    def condition_in(self, lang: str = "id") -> str:
        """The condition that makes it due, in the keywords of ``lang``."""
        return self.condition_en if lang == "en" and self.condition_en else self.condition


@attrs.frozen
class NoteValue:
    """A value a rule shows when it applies (``catatan``): e.g. a due date and how it
    was computed."""

    label: str
    value: Any
    evidence: tuple[Evidence, ...] = ()
    missing: tuple[str, ...] = ()
    # The label in other languages (`pesan en` after the note): ((lang, text), ...).
    labels: tuple[tuple[str, str], ...] = ()

    def label_in(self, lang: str = "id") -> str:
        """The label in ``lang``, falling back to the Indonesian label of the rule file."""
        return dict(self.labels).get(lang) or self.label


@attrs.frozen
class Location:
    """Where a rule is written: ``file:line:column``."""

    file: str
    line: int
    column: int


@attrs.frozen
class Outcome:
    """The result of one rule on one agreement."""

    rule: str
    status: str
    severity: str
    title: str | None
    citations: tuple[Citation, ...]
    findings: tuple[Finding, ...] = ()
    pending: tuple[Pending, ...] = ()
    location: Location | None = None
    error: str | None = None
    reason: str | None = None
    notes: tuple[NoteValue, ...] = ()
    # The title in other languages (`judul en`): ((lang, text), ...); `title` is Indonesian.
    titles: tuple[tuple[str, str], ...] = ()

    def title_in(self, lang: str = "id") -> str | None:
        """The rule's title in ``lang``, falling back to the Indonesian title."""
        return dict(self.titles).get(lang) or self.title


@attrs.frozen
class Because:
    """One reason behind a determination: the case that decided it and the facts it read."""

    citations: tuple[Citation, ...]
    condition: str
    evidence: tuple[Evidence, ...] = ()
    condition_en: str = ""

    def condition_in(self, lang: str = "id") -> str:
        """The case's condition in the keywords of ``lang``."""
        return self.condition_en if lang == "en" and self.condition_en else self.condition


@attrs.frozen
class DeterminationResult:
    """The value of a named determination (e.g. ``perlu_persetujuan_dprd``) and why."""

    name: str
    title: str | None
    value: Any
    because: tuple[Because, ...] = ()
    missing: tuple[str, ...] = ()


@attrs.frozen
class LawVersion:
    """One instrument version the rules encode, and whether it governed this agreement."""

    instrument: str
    start: datetime.date
    end: datetime.date | None
    applied: bool


@attrs.frozen
class Report:
    """Everything the rules said about one agreement."""

    agreement: str
    source: str | None
    as_of: datetime.date | None
    verdict: str  # "pass" | "fail" | "unknown"
    determinations: tuple[DeterminationResult, ...]
    outcomes: tuple[Outcome, ...]
    switches: tuple[tuple[str, str], ...] = ()
    law: tuple[LawVersion, ...] = ()
    # The date that decides which law applies, and where it came from
    # (`$.perjanjian.tanggal_ttd`, or `as_of` for an unsigned agreement).
    reference_date: datetime.date | None = None
    reference: str | None = None

    def outcome(self, rule_id: str) -> Outcome:
        """The outcome of one rule, by id.

        Raises:
            KeyError: no rule has that id.
        """
        for o in self.outcomes:
            if o.rule == rule_id:
                return o
        raise KeyError(rule_id)

    def determination(self, name: str) -> DeterminationResult:
        """A determination, by name.

        Raises:
            KeyError: no determination has that name.
        """
        for d in self.determinations:
            if d.name == name:
                return d
        raise KeyError(name)

    @property
    def failures(self) -> tuple[Finding, ...]:
        """Every failed finding, in rule order."""
        return tuple(f for o in self.outcomes for f in o.findings if f.status == "fail")


def verdict_of(outcomes: tuple[Outcome, ...]) -> str:
    """``fail`` if an error-severity requirement fails; else ``unknown`` if one is
    undecided or a rule could not run; else ``pass``. Warnings never change the verdict."""
    unknown = False
    for o in outcomes:
        if o.status == "error":
            unknown = True
        for f in o.findings:
            if f.severity != "error":
                continue
            if f.status == "fail":
                return "fail"
            unknown = True
    return "unknown" if unknown else "pass"


@attrs.frozen
class Step:
    """One condition of a rule as it was evaluated, for ``kerjasama explain``.

    ``role`` is ``berlaku`` (applicability), ``kecuali`` (exception), ``jika`` (when a
    requirement falls due), ``wajib`` (the requirement itself), ``catatan`` (a note, its
    label as ``message``), ``catatan_jika`` (when a note is shown) or ``kasus`` (a case of
    a determination).
    """

    role: str
    condition: str
    value: Any
    evidence: tuple[Evidence, ...] = ()
    missing: tuple[str, ...] = ()
    citation: Citation | None = None
    message: tuple[tuple[str, str], ...] = ()
    condition_en: str = ""


@attrs.frozen
class Explanation:
    """The full reasoning of one rule on one agreement: every step and the outcome."""

    outcome: Outcome
    steps: tuple[Step, ...]
    as_of: datetime.date | None = None
