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

__all__ = ["diagnostics_to_json", "render_summary_table", "render_template_tip"]

_HEAD = {
    "id": ("perjanjian", "putusan", "dilanggar", "belum pasti"),
    "en": ("agreement", "verdict", "failed", "undetermined"),
}


def render_summary_table(reports: Sequence[Report], lang: str = "id") -> str:
    """One row per agreement: its id, verdict, violations and undetermined findings."""
    rows = [_HEAD.get(lang, _HEAD["id"])]
    for r in reports:
        failed = sum(
            1
            for o in r.outcomes
            for f in o.findings
            if f.status == "fail" and f.severity == "error"
        )
        unknown = sum(1 for o in r.outcomes for f in o.findings if f.status == "unknown")
        rows.append((r.agreement, r.verdict, str(failed), str(unknown)))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


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
