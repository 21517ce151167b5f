"""Diagnostics for people: the rustc-like form with a caret under the located text.

Part of the output layer (``render`` re-exports both functions). The words come from the
catalogue in ``i18n.py``, in Indonesian or English.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import Diagnostic
from .counts import count
from .i18n import SEVERITY_WORDS, localize

__all__ = ["render_diagnostic", "render_diagnostics"]


def render_diagnostic(d: Diagnostic, lang: str = "en") -> str:
    """A diagnostic in the rustc-like form: code, location, source line, caret, help.

    Args:
        d: the diagnostic.
        lang: ``en`` (default) or ``id``: the language of the message and help, taken
            from the catalogue in ``i18n.py`` (English when a code has no template).
    """
    words = SEVERITY_WORDS.get(lang, SEVERITY_WORDS["en"])
    message, help_text = localize(d, lang)
    lines = [f"{words.get(d.severity, d.severity)}[{d.code}]: {message}"]
    if d.span is not None:
        src = d.span.source
        line, col = src.line_col(d.span.start)
        lines.append(f"  --> {src.name}:{line}:{col}")
        text = src.line_text(line)
        gutter = " " * len(str(line))
        end_line, end_col = src.line_col(max(d.span.end, d.span.start))
        width = (end_col - col) if end_line == line else len(text) - col + 1
        width = max(1, width)
        lines.append(f"{gutter} |")
        lines.append(f"{line} | {text}")
        lines.append(f"{gutter} | {' ' * (col - 1)}{'^' * width}")
        if d.path:
            lines.append(f"{gutter} = {words['at']}: {d.path}")
        if help_text:
            lines.append(f"{gutter} = {words['help']}: {help_text}")
        return "\n".join(lines)
    where = d.file or ""
    if d.path:
        where = f"{where} @ {d.path}" if where else d.path
    if where:
        lines.append(f"  --> {where}")
    if help_text:
        lines.append(f"   = {words['help']}: {help_text}")
    return "\n".join(lines)


def render_diagnostics(diags: Iterable[Diagnostic], lang: str = "en") -> str:
    """Several diagnostics, separated by blank lines, with a count at the end."""
    items = list(diags)
    body = "\n\n".join(render_diagnostic(d, lang) for d in items)
    errors = sum(1 for d in items if d.severity == "error")
    tail = (
        count(errors, "diagnostic-error", lang)
        if errors
        else count(len(items), "diagnostic-warning", lang)
    )
    return f"{body}\n\n{tail}"
