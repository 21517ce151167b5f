"""One vocabulary of counts for every place that counts a report: verdict, summary, table.

A report counts two different things, and a reader must never have to guess which: the
*rules* that were checked (60 of them, most not applicable) and the *findings* inside
them (a rule can be violated by several of its requirements). Every count is therefore
said with its noun, with the rules it falls in when they differ: "3 violations in 1
rule". Indonesian nouns do not inflect; English ones take a plural ``s``-form listed here.

Examples:
    >>> count(1, "violation", "en"), count(3, "violation", "en"), count(3, "violation", "id")
    ('1 violation', '3 violations', '3 pelanggaran')
"""

from __future__ import annotations

import attrs

from ..engine.report import Report
from .plain import is_waiting

__all__ = [
    "STATUS_WORDS",
    "VERDICT_WORDS",
    "Tally",
    "count",
    "summary_line",
    "tally",
    "verdict_detail",
]

# The verdict in the reader's language: the only words a verdict is ever shown with.
VERDICT_WORDS: dict[str, dict[str, str]] = {
    "id": {"pass": "PATUH", "fail": "TIDAK PATUH", "unknown": "BELUM DAPAT DIPASTIKAN"},
    "en": {"pass": "COMPLIANT", "fail": "NOT COMPLIANT", "unknown": "UNDETERMINED"},
}

# A rule's outcome status in the reader's language (`kerjasama explain`, comparisons).
STATUS_WORDS: dict[str, dict[str, str]] = {
    "id": {
        "pass": "terpenuhi", "fail": "dilanggar", "unknown": "belum dapat ditentukan",
        "not_applicable": "tidak berlaku", "error": "gagal dijalankan",
    },
    "en": {
        "pass": "met", "fail": "violated", "unknown": "undetermined",
        "not_applicable": "not applicable", "error": "could not run",
    },
}  # fmt: skip

# noun -> (English singular, English plural, Indonesian)
_NOUNS: dict[str, tuple[str, str, str]] = {
    "rule": ("rule", "rules", "aturan"),
    "violation": ("violation", "violations", "pelanggaran"),
    "warning": ("warning", "warnings", "peringatan"),
    "undetermined": (
        "undetermined requirement",
        "undetermined requirements",
        "kewajiban belum dapat ditentukan",
    ),
    "pending": ("obligation not yet due", "obligations not yet due", "kewajiban belum jatuh tempo"),
    "error": ("rule that could not run", "rules that could not run", "aturan gagal dijalankan"),
    # Diagnostics and files, for the summaries of lint, fmt and failed commands.
    "file": ("file", "files", "berkas"),
    "diagnostic-error": ("error", "errors", "kesalahan"),
    "diagnostic-warning": ("warning", "warnings", "peringatan"),
    "diagnostic-info": ("info", "info", "info"),
}

_WORDS = {
    "id": {
        "in": "dalam", "summary": "Ringkasan", "checked": "diperiksa", "violated": "dilanggar",
        "warned": "hanya dengan peringatan", "undecided": "belum dapat ditentukan",
        "met": "terpenuhi", "na": "tidak berlaku", "findings": "Temuan",
    },
    "en": {
        "in": "in", "summary": "Summary", "checked": "checked", "violated": "violated",
        "warned": "with warnings only", "undecided": "undetermined",
        "met": "met", "na": "not applicable", "findings": "Findings",
    },
}  # fmt: skip


def count(n: int, noun: str, lang: str = "id") -> str:
    """``n`` and its noun in ``lang`` (``id`` or ``en``), with the English plural."""
    one, many, idn = _NOUNS[noun]
    if lang == "en":
        return f"{n} {one if n == 1 else many}"
    return f"{n} {idn}"


@attrs.frozen
class Tally:
    """What one report counts: findings, and the rules they fall in."""

    rules: int
    met: int
    not_applicable: int
    violations: int
    violated_rules: int
    warnings: int
    warned_rules: int  # rules with warnings and no violation
    undetermined: int
    undetermined_rules: int  # rules with undetermined requirements and no failure
    pending: int
    pending_rules: int
    errors: int


def tally(report: Report) -> Tally:
    """Count a report's rules and findings, once, for every place that shows them."""
    violations = warnings = undetermined = pending = 0
    violated = warned = undecided = waiting = met = na = errors = 0
    switches = dict(report.switches)
    for o in report.outcomes:
        waits = [p for p in o.pending if is_waiting(p.guard, switches)]
        v = sum(1 for f in o.findings if f.status == "fail" and f.severity == "error")
        w = sum(1 for f in o.findings if f.status == "fail" and f.severity != "error")
        u = sum(1 for f in o.findings if f.status == "unknown")
        violations, warnings, undetermined = violations + v, warnings + w, undetermined + u
        pending += len(waits)
        waiting += 1 if waits else 0
        # Each rule is counted once, by its worst state: the summary adds up to `rules`.
        if o.status == "error":
            errors += 1
        elif o.status == "not_applicable":
            na += 1
        elif v:
            violated += 1
        elif w:
            warned += 1
        elif u:
            undecided += 1
        else:
            met += 1
    return Tally(
        rules=len(report.outcomes),
        met=met,
        not_applicable=na,
        violations=violations,
        violated_rules=violated,
        warnings=warnings,
        warned_rules=warned,
        undetermined=undetermined,
        undetermined_rules=undecided,
        pending=pending,
        pending_rules=waiting,
        errors=errors,
    )


def _in_rules(n: int, noun: str, rules: int, lang: str) -> str:
    # "3 violations in 2 rules"; the rules are left out when they cannot differ.
    text = count(n, noun, lang)
    if n > 1:
        text += f" {_WORDS[lang]['in']} {count(rules, 'rule', lang)}"
    return text


def verdict_detail(t: Tally, lang: str = "id") -> str:
    """What stands behind the verdict: violations, then undetermined, then not yet due.

    Examples:
        >>> t = Tally(60, 12, 40, 3, 2, 1, 1, 4, 4, 6, 3, 0)
        >>> verdict_detail(t, "en")
        '3 violations in 2 rules; 4 undetermined requirements in 4 rules; 6 obligations not yet due'
    """
    lang = lang if lang in _WORDS else "id"
    parts = []
    if t.violations:
        parts.append(_in_rules(t.violations, "violation", t.violated_rules, lang))
    if t.undetermined:
        parts.append(_in_rules(t.undetermined, "undetermined", t.undetermined_rules, lang))
    if t.errors:
        parts.append(count(t.errors, "error", lang))
    if t.pending:
        parts.append(count(t.pending, "pending", lang))
    return "; ".join(parts)


def summary_line(t: Tally, lang: str = "id") -> str:
    """The last line of a report: every rule counted once by its worst state, then the
    findings, so that rules and findings are never added together.

    Examples:
        >>> t = Tally(60, 12, 40, 3, 2, 1, 1, 4, 4, 6, 3, 0)
        >>> print(summary_line(t, "en").replace(", 12", ",\n12"))
        Summary: 60 rules checked: 2 violated, 1 with warnings only, 4 undetermined,
        12 met, 40 not applicable.
        Findings: 3 violations, 1 warning, 4 undetermined requirements, 6 obligations not yet due.
    """
    lang = lang if lang in _WORDS else "id"
    w = _WORDS[lang]
    states = [f"{t.violated_rules} {w['violated']}"]
    if t.warned_rules:
        states.append(f"{t.warned_rules} {w['warned']}")
    states += [
        f"{t.undetermined_rules} {w['undecided']}",
        f"{t.met} {w['met']}",
        f"{t.not_applicable} {w['na']}",
    ]
    if t.errors:
        states.append(count(t.errors, "error", lang))
    found = [count(t.violations, "violation", lang)]
    if t.warnings:
        found.append(count(t.warnings, "warning", lang))
    found.append(count(t.undetermined, "undetermined", lang))
    if t.pending:
        found.append(count(t.pending, "pending", lang))
    return (
        f"{w['summary']}: {count(t.rules, 'rule', lang)} {w['checked']}: {', '.join(states)}.\n"
        f"{w['findings']}: {', '.join(found)}."
    )
