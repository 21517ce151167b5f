"""Lint results as JSON data: one object per diagnostic (``kerjasama lint --format json``)."""

from __future__ import annotations

from typing import Any

from ..drafting.linter import LintResult
from .i18n import localize

__all__ = ["lint_to_json"]


def lint_to_json(result: LintResult, *, lang: str = "en") -> list[dict[str, Any]]:
    """The diagnostics as JSON data: one object per diagnostic (docs/diagnostics.md)."""
    items: list[dict[str, Any]] = []
    for d in result.diagnostics:
        message, help_text = localize(d, lang)
        line = column = end_line = end_column = None
        file = d.file
        if d.span is not None:
            src = d.span.source
            file = src.name
            line, column = src.line_col(d.span.start)
            end_line, end_column = src.line_col(max(d.span.end, d.span.start))
        items.append(
            {
                "code": d.code,
                "severity": d.severity,
                "message": message,
                "help": help_text,
                "file": file,
                "line": line,
                "column": column,
                "end_line": end_line,
                "end_column": end_column,
            }
        )
    return items
