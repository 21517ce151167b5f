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

from ..engine.report import Outcome, Report
from ..law.inventory import Inventory
from .jsontext import dumps_pretty
from .render import REPORT_FORMAT, outcome_to_json, report_to_json

__all__ = ["JsonDocumentWriter", "report_json_block", "report_json_line"]


# The text of outcomes, by identity: most outcomes of a report are the shared, prebuilt
# `not_applicable` and `pass` outcomes of its rules (or memoised ones), the same objects in
# every report, so their text is made once. Each entry keeps its outcome alive, so an id
# is never reused while cached; bounded, cleared when full. With ``--show-law`` (``law``
# given) outcomes carry the cited law and are rendered afresh, outside the cache.
_TEXTS: dict[tuple[int, str, tuple[tuple[str, str], ...], int], tuple[Outcome, str]] = {}
_TEXTS_SIZE = 4096


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _outcome_text(
    o: Outcome,
    lang: str,
    switches: tuple[tuple[str, str], ...],
    depth: int,
    law: Inventory | None = None,
) -> str:
    """An outcome's JSON text: compact (``depth`` -1) or pretty at ``depth`` levels."""
    if law is not None:
        doc = outcome_to_json(o, lang, dict(switches), law)
        return _compact(doc) if depth < 0 else dumps_pretty(doc, depth)
    key = (id(o), lang, switches, depth)
    hit = _TEXTS.get(key)
    if hit is not None and hit[0] is o:
        return hit[1]
    doc = outcome_to_json(o, lang, dict(switches))
    text = _compact(doc) if depth < 0 else dumps_pretty(doc, depth)
    if len(_TEXTS) >= _TEXTS_SIZE:
        _TEXTS.clear()
    _TEXTS[key] = (o, text)
    return text


def report_json_line(report: Report, *, lang: str = "id", law: Inventory | None = None) -> str:
    """One report as a compact JSON object on one line, newline included: the bytes of
    ``json.dumps(report_to_json(report), separators=(",", ":"))`` (``law``: the
    inventory, for ``--show-law``)."""
    doc = report_to_json(report, lang=lang, law=law, outcomes=False)
    parts = []
    for key, value in doc.items():
        if key == "outcomes":
            sw = report.switches
            texts = [_outcome_text(o, lang, sw, -1, law) for o in report.outcomes]
            text = "[" + ",".join(texts) + "]"
        else:
            text = _compact(value)
        parts.append(_compact(key) + ":" + text)
    return "{" + ",".join(parts) + "}\n"


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


def report_json_block(report: Report, *, lang: str = "id", law: Inventory | None = None) -> str:
    """One report pretty-printed for the ``reports`` list of :class:`JsonDocumentWriter`:
    the bytes of its place in ``json.dumps(doc, indent=2)`` (``law``: see
    :func:`report_json_line`)."""
    doc = report_to_json(report, lang=lang, law=law, outcomes=False)
    inner = "\n" + "  " * 3
    parts = []
    for key, value in doc.items():
        if key != "outcomes":
            text = dumps_pretty(value, 3)
        elif not report.outcomes:
            text = "[]"
        else:
            sw = report.switches
            item = ",\n" + "  " * 4
            text = (
                "[\n"
                + "  " * 4
                + item.join([_outcome_text(o, lang, sw, 4, law) for o in report.outcomes])
                + inner
                + "]"
            )
        parts.append(json.dumps(key, ensure_ascii=False) + ": " + text)
    return "{" + inner + ("," + inner).join(parts) + "\n" + "  " * 2 + "}"
