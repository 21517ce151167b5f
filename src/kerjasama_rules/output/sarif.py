"""Lint diagnostics as SARIF 2.1.0, for code review tools (GitHub code scanning, IDEs).

Drafter tooling, after the linter. One run whose tool is ``kerjasama lint``; its rules
are the diagnostic codes that occur, with their short descriptions from ``i18n``; each
result has the code as ``ruleId``, a level (``error``, ``warning`` or ``note``), the
message in the chosen language and a physical location: the file relative to the
checkout and a region with 1-based start and end line and column (the end column is the
one after the last underlined character, as SARIF counts it). Columns count Unicode code
points (``columnKind``), which is how Python counts string offsets.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..errors import Diagnostic
from .i18n import DESCRIPTIONS, localize

__all__ = ["SARIF_SCHEMA", "SARIF_VERSION", "render_sarif", "to_sarif"]

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_NAME = "kerjasama lint"

_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _region(d: Diagnostic) -> dict[str, int] | None:
    if d.span is None:
        return None
    src = d.span.source
    start_line, start_col = src.line_col(d.span.start)
    end_line, end_col = src.line_col(max(d.span.end, d.span.start))
    if (end_line, end_col) == (start_line, start_col):
        end_col += 1  # an empty span (end of file) still marks one column
    return {
        "startLine": start_line,
        "startColumn": start_col,
        "endLine": end_line,
        "endColumn": end_col,
    }


def _uri(d: Diagnostic) -> str | None:
    name = d.span.source.name if d.span is not None else d.file
    return name.replace("\\", "/") if name else None


def to_sarif(diagnostics: Sequence[Diagnostic], *, lang: str = "en") -> dict[str, Any]:
    """The SARIF log (as plain JSON data) of a list of diagnostics.

    Examples:
        >>> log = to_sarif([])
        >>> log["version"], log["runs"][0]["tool"]["driver"]["name"]
        ('2.1.0', 'kerjasama lint')
    """
    codes = sorted({d.code for d in diagnostics})
    index = {c: i for i, c in enumerate(codes)}
    pick = 1 if lang == "id" else 0
    rules = []
    for code in codes:
        desc = DESCRIPTIONS.get(code)
        rule: dict[str, Any] = {"id": code, "name": code.split(".", 1)[-1]}
        if desc is not None:
            rule["shortDescription"] = {"text": desc[pick]}
        rules.append(rule)
    results = []
    for d in diagnostics:
        message, help_text = localize(d, lang)
        text = message if not help_text else f"{message}\n{help_text}"
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _LEVELS.get(d.severity, "warning"),
            "message": {"text": text},
        }
        uri = _uri(d)
        if uri is not None:
            location: dict[str, Any] = {"artifactLocation": {"uri": uri}}
            region = _region(d)
            if region is not None:
                location["region"] = region
            result["locations"] = [{"physicalLocation": location}]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render_sarif(diagnostics: Sequence[Diagnostic], *, lang: str = "en") -> str:
    """:func:`to_sarif` as indented JSON text, ending with a newline."""
    return json.dumps(to_sarif(diagnostics, lang=lang), ensure_ascii=False, indent=2) + "\n"
