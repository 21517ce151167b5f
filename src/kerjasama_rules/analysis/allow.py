"""Justified findings: ``# analyze: allow CODE -- reason`` comments in rule files.

A drafter silences a finding that is intended (an ayat that restates another with its own
message) with a comment inside the rule or determination, or in the comment block right
above it. The reason after ``--`` is required; it is shown with the justified finding.
Several codes may be listed, separated by commas; the ``analyze.`` prefix is optional.
"""

from __future__ import annotations

import re

from ..language.checker import CheckedRules
from ..source import Span

__all__ = ["ALLOW_PATTERN", "allowances"]

ALLOW_PATTERN = re.compile(r"^\s*#\s*analy[sz]e:\s*allow\s+([\w.,\s-]+?)\s+--\s+(\S.*)$")


def allowances(checked: CheckedRules) -> dict[str, dict[str, str]]:
    """``subject -> {code: reason}`` from ``# analyze: allow CODE -- reason`` comments.

    A comment belongs to the rule or determination whose text holds it, or to the one
    right below the comment block it stands in.
    """
    items: list[tuple[str, Span]] = [(r.id, r.span) for r in checked.rules if r.span]
    items += [(d.name, d.span) for d in checked.determinations.values() if d.span]
    out: dict[str, dict[str, str]] = {}
    by_source: dict[int, list[tuple[str, Span]]] = {}
    for name, span in items:
        by_source.setdefault(id(span.source), []).append((name, span))
    for group in by_source.values():
        source = group[0][1].source
        lines = source.text.splitlines()
        ranges = []
        for name, span in group:
            first = source.line_col(span.start)[0]
            last = source.line_col(max(span.end - 1, span.start))[0]
            top = first
            while top > 1 and lines[top - 2].lstrip().startswith("#"):
                top -= 1
            ranges.append((top, last, name))
        for n, line in enumerate(lines, start=1):
            m = ALLOW_PATTERN.match(line)
            if m is None:
                continue
            for top, last, name in ranges:
                if top <= n <= last:
                    for code in re.split(r"[,\s]+", m.group(1).strip()):
                        full = code if code.startswith("analyze.") else "analyze." + code
                        out.setdefault(name, {})[full] = m.group(2).strip()
    return out
