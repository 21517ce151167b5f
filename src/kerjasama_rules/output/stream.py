"""Reports rendered one at a time, for output that is written while it is made.

``kerjasama check`` over thousands of agreements must not hold every report until the
end: each report is rendered here as soon as it exists and then dropped. Two shapes:

* JSON Lines: one compact ``report_to_json`` object a line. Compact output goes through
  the C encoder of :mod:`json`.
* The ``kerjasama-report/1`` document of :func:`~.render.render_json`, written piece by
  piece with exactly the bytes ``json.dumps(doc, ensure_ascii=False, indent=2)`` gives
  for the whole document (tests compare the two), laid out by ``jsontext.py`` rather
  than by the pure-Python encoder that ``indent`` selects.
"""

from __future__ import annotations

import json
from typing import Any

from ..engine.report import Report
from .jsontext import dumps_pretty
from .render import REPORT_FORMAT, report_to_json

__all__ = ["JsonDocumentWriter", "report_json_block", "report_json_line"]


def report_json_line(report: Report, *, lang: str = "id") -> str:
    """One report as a compact JSON object on one line, newline included."""
    return (
        json.dumps(report_to_json(report, lang=lang), ensure_ascii=False, separators=(",", ":"))
        + "\n"
    )


def _nested(value: Any, depth: int) -> str:
    """``value`` pretty-printed as it appears ``depth`` levels deep in an indent-2 dump."""
    return dumps_pretty(value, depth)


class JsonDocumentWriter:
    """Writes ``{"format": ..., "reports": [...], <extra keys>}`` one report at a time.

    Call :meth:`head`, then :meth:`report` for each report (each returns text to write),
    then :meth:`tail` with the keys that follow ``reports``.
    """

    def __init__(self) -> None:
        self._count = 0

    def head(self) -> str:
        """The text before the first report."""
        return '{\n  "format": ' + json.dumps(REPORT_FORMAT) + ',\n  "reports": ['

    def report_block(self, block: str) -> str:
        """A report already rendered by :func:`report_json_block`, with its separator."""
        self._count += 1
        return ("," if self._count > 1 else "") + "\n    " + block

    def tail(self, extra: dict[str, Any]) -> str:
        """The end of ``reports`` and the keys that follow it, closing the document."""
        parts = ["\n  ]" if self._count else "]"]
        for key, value in extra.items():
            parts.append(",\n  " + json.dumps(key, ensure_ascii=False) + ": " + _nested(value, 1))
        parts.append("\n}\n")
        return "".join(parts)


def report_json_block(report: Report, *, lang: str = "id") -> str:
    """One report pretty-printed for the ``reports`` list of :class:`JsonDocumentWriter`."""
    return _nested(report_to_json(report, lang=lang), 2)
