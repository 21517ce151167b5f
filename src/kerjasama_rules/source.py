"""Source text and spans: where every diagnostic and every rule points back to.

First stage of the pipeline: a :class:`Source` is the text of one rule file (or one
agreement file) and a :class:`Span` is a half-open ``[start, end)`` character range in
it. Line and column are derived, 1-based, and computed only when a human needs them.
"""

from __future__ import annotations

import bisect

import attrs


@attrs.frozen
class Source:
    """The text of one file, with its display name (usually a path)."""

    name: str
    text: str = attrs.field(repr=False)
    _line_starts: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        starts = [0]
        starts.extend(i + 1 for i, ch in enumerate(self.text) if ch == "\n")
        object.__setattr__(self, "_line_starts", tuple(starts))

    def line_col(self, offset: int) -> tuple[int, int]:
        """Return the 1-based ``(line, column)`` of a 0-based character offset."""
        offset = max(0, min(offset, len(self.text)))
        idx = bisect.bisect_right(self._line_starts, offset) - 1
        return idx + 1, offset - self._line_starts[idx] + 1

    def line_text(self, line: int) -> str:
        """Return the text of a 1-based line, without its newline."""
        if line < 1 or line > len(self._line_starts):
            return ""
        start = self._line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]


@attrs.frozen
class Span:
    """A ``[start, end)`` range of characters in a :class:`Source`."""

    source: Source
    start: int
    end: int

    @property
    def line(self) -> int:
        """1-based line of the start."""
        return self.source.line_col(self.start)[0]

    @property
    def column(self) -> int:
        """1-based column of the start."""
        return self.source.line_col(self.start)[1]

    @property
    def snippet(self) -> str:
        """The text the span covers."""
        return self.source.text[self.start : self.end]

    def location(self) -> str:
        """``file:line:column`` for messages."""
        line, col = self.source.line_col(self.start)
        return f"{self.source.name}:{line}:{col}"
