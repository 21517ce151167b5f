"""The law beside each cited unit (``--show-law``): summary lines and JSON for reports.

Formats :class:`~kerjasama_rules.law.wording.CitedLaw`. The inventory's paraphrase is
always labelled as a summary, never as the law's text; where the official wording is not
included, the line says so and where to read it, once in full and then "as above".
"""

from __future__ import annotations

from typing import Any

from ..language.nodes import Citation
from ..law.inventory import Inventory
from ..law.wording import cited_law

__all__ = ["LawLines", "cited_law_json"]

_WORDS = {
    "id": {
        "summary": "ringkasan (bukan teks resmi)",
        "wording": "bunyi",
        "source": "sumber",
        "none": "teks resmi tidak dimuat",
        "above": "lihat di atas",
        "absent": "tidak ada dalam inventaris hukum; teks resmi tidak dimuat",
    },
    "en": {
        "summary": "summary (not the official text)",
        "wording": "wording",
        "source": "source",
        "none": "official text not included",
        "above": "as above",
        "absent": "not in the law inventory; official text not included",
    },
}


class LawLines:
    """Renders the law of cited units for one text report, remembering which reason for
    a missing wording was already printed so that it is written out only once."""

    def __init__(self, inventory: Inventory, lang: str) -> None:
        self.inventory = inventory
        self.lang = lang if lang in _WORDS else "id"
        self.shown: set[str] = set()

    def lines(self, citation: Citation, pad: str) -> list[str]:
        """The lines to print under a cited unit, each starting with ``pad``."""
        w = _WORDS[self.lang]
        en = self.lang == "en"
        found = cited_law(self.inventory, citation)
        u = found.unit
        if u is None:
            return [f"{pad}{found.citation}: {w['absent']}"]
        out: list[str] = []
        summary = found.summary_en if en else found.summary
        if summary:
            out.append(f"{pad}{w['summary']}, {u.text}: {summary}")
        if u.wording is not None:
            out.append(f"{pad}{w['wording']} {u.text}: «{u.wording}»")
            if en and u.wording_en:
                out.append(f"{pad}EN: {u.wording_en}")
            out.append(f"{pad}{w['source']}: {u.wording_source}")
            return out
        reason = u.wording_missing_en if en else u.wording_missing
        if reason and reason in self.shown:
            out.append(f"{pad}{w['none']} ({w['above']})")
        elif reason:
            # The reason says itself that the official text is not included, and where
            # to read it.
            self.shown.add(reason)
            out.append(f"{pad}{reason}")
        else:
            out.append(f"{pad}{w['none']}")
        return out


def cited_law_json(inventory: Inventory, citation: Citation, lang: str) -> dict[str, Any]:
    """``{"unit", "summary", "summary_is_official_text": false, "wording", ...}``."""
    found = cited_law(inventory, citation)
    u = found.unit
    en = lang == "en"
    return {
        "unit": u.text if u is not None else None,
        "in_inventory": u is not None,
        "summary": found.summary_en if en else found.summary,
        "summary_is_official_text": False,
        "wording": u.wording if u is not None else None,
        "wording_en": u.wording_en if u is not None else None,
        "wording_source": u.wording_source if u is not None else None,
        "wording_missing": (
            None if u is None else (u.wording_missing_en if en else u.wording_missing)
        ),
    }
