"""Citations: completing relative citations into whole units of law.

A requirement may cite only a sub-unit (``huruf f``); :func:`complete_citations` completes
it from the citation before it or from the rule's first citation. The linter uses the
function as it is; :class:`CitationChecks` is the checker's part, which reports the
citations that cannot be completed.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ..source import Span
from . import nodes
from .check_state import CheckState

__all__ = ["CitationChecks", "complete_citations"]


def complete_citations(
    cites: Iterable[nodes.Citation], base: nodes.Citation | None
) -> list[tuple[nodes.Citation, nodes.Citation | None]]:
    """Complete citations as written into whole units: ``(as written, whole or None)``.

    A sub-unit (``huruf e``, ``ayat (2)``) completes the citation before it in the same
    list, else ``base`` (the rule's first citation): ``Pasal 6 ayat (1) huruf d, huruf e``
    is two units of Pasal 6 ayat (1). A ``Pasal`` without instrument takes the previous
    instrument. ``None`` when there is nothing to complete from.
    """
    out: list[tuple[nodes.Citation, nodes.Citation | None]] = []
    prev = base
    for c in cites:
        full: nodes.Citation | None
        if c.pasal is None:
            if prev is None or prev.pasal is None:
                out.append((c, None))
                continue
            ayat = c.ayat if c.ayat is not None else prev.ayat
            full = attrs.evolve(
                c,
                instrument=prev.instrument,
                pasal=prev.pasal,
                ayat=ayat,
                penjelasan=prev.penjelasan,
            )
        elif c.instrument is None:
            if prev is None or prev.instrument is None:
                out.append((c, None))
                continue
            full = attrs.evolve(c, instrument=prev.instrument)
        else:
            full = c
        out.append((c, full))
        prev = full
    return out


class CitationChecks(CheckState):
    """The checker's mixin that completes the citations of a declaration or a rule."""

    def _resolve_citations(
        self,
        cites: tuple[nodes.Citation, ...],
        base: nodes.Citation | None,
        span: Span | None,
    ) -> tuple[nodes.Citation, ...]:
        out: list[nodes.Citation] = []
        for c, full in complete_citations(cites, base):
            if full is not None:
                out.append(full)
            elif c.pasal is None:
                self._err(
                    "check.incomplete-citation",
                    f"`{c.text}` has no Pasal to belong to",
                    c.span,
                    "write the whole citation: `dasar PP 28/2018 Pasal 30 ayat (3) huruf f`",
                    citation=c.text,
                )
            else:
                self._err(
                    "check.incomplete-citation",
                    f"`{c.text}` does not name its instrument",
                    c.span,
                    "write it in full, e.g. `PP 28/2018 Pasal 27 ayat (1)`",
                    citation=c.text,
                )
        return tuple(out)
