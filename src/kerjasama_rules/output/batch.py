"""What ``kerjasama check`` prints around the reports of several agreements.

The summary table of a portfolio (one row per agreement), the tip that follows an
undetermined report, and the ``errors`` block of the JSON output for files that could
not be read. Everything here renders data the engine and the loader produced.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..engine.report import Report
from ..errors import Diagnostic
from .counts import VERDICT_WORDS, count, tally

__all__ = [
    "diagnostics_to_json",
    "render_summary_rows",
    "render_summary_table",
    "render_template_tip",
    "summary_row",
]

_HEAD = {
    "id": ("perjanjian", "putusan", "pelanggaran", "belum dapat ditentukan", "belum jatuh tempo"),
    "en": ("agreement", "verdict", "violations", "undetermined", "not yet due"),
}


def summary_row(report: Report, lang: str = "id") -> tuple[str, ...]:
    """One row of :func:`render_summary_table`: small enough to keep while the reports
    themselves are streamed out and dropped (``kerjasama check`` over many files)."""
    lang = lang if lang in _HEAD else "id"
    t = tally(report)
    return (
        report.agreement,
        VERDICT_WORDS[lang][report.verdict],
        _cell(t.violations, t.violated_rules, lang),
        _cell(t.undetermined, t.undetermined_rules, lang),
        str(t.pending),
    )


def render_summary_table(reports: Sequence[Report], lang: str = "id") -> str:
    """One row per agreement: its id, verdict, violations, undetermined requirements and
    obligations not yet due, counted and worded as in each report (``counts.py``)."""
    return render_summary_rows([summary_row(r, lang) for r in reports], lang)


def render_summary_rows(body: Sequence[tuple[str, ...]], lang: str = "id") -> str:
    """The summary table from rows made by :func:`summary_row`."""
    lang = lang if lang in _HEAD else "id"
    rows: list[tuple[str, ...]] = [_HEAD[lang], *body]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def _cell(findings: int, rules: int, lang: str) -> str:
    # "3 in 2 rules": the same count as the report's verdict line, without repeating the
    # noun of the column.
    if findings <= 1:
        return str(findings)
    return f"{findings} {'in' if lang == 'en' else 'dalam'} {count(rules, 'rule', lang)}"


def render_template_tip(jenis: str, lang: str = "id") -> str:
    """The line after an undetermined report: where to find every fact the rules read."""
    if lang == "en":
        return f"Tip: `kerjasama template {jenis}` lists every fact the rules read.\n"
    return f"Tip: `kerjasama template {jenis}` mencantumkan semua fakta yang dibaca aturan.\n"


def diagnostics_to_json(diags: Sequence[Diagnostic]) -> list[dict[str, Any]]:
    """The ``errors`` entries of the check JSON: code, message, file, path, help."""
    return [
        {
            "code": d.code,
            "message": d.message,
            "file": d.file or (d.span.source.name if d.span else None),
            "path": d.path,
            "help": d.help,
        }
        for d in diags
    ]
