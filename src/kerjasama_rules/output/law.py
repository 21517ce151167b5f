"""The law's own words for people and machines: one unit (``kerjasama law``) and the
generated pages of ``docs/law/`` (one per instrument, each unit beside the rules and rule
tests that encode it).

Renders the :class:`~kerjasama_rules.law.wording.LawEntry` list that ``law.wording``
builds. Where the inventory has no wording for a unit, the page says so and why; it never
puts a paraphrase in the place of the law's text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from ..law.inventory import Unit
from ..law.wording import LawEntry

__all__ = [
    "law_entries_to_json",
    "law_page_name",
    "render_law_entries",
    "render_law_index",
    "render_law_page",
]

_STATUS = {"missing": "belum", "encoded": "dikodekan", "tested": "teruji"}
_STATUS_EN = {"missing": "missing", "encoded": "encoded", "tested": "tested"}
_NO_WORDING = {"id": "bunyi belum dimuat", "en": "wording not included"}
# The inventory's confidence words, for English readers.
_CONFIDENCE_EN = {"tinggi": "high", "sedang": "medium", "rendah": "low"}
GENERATED_NOTE = (
    "<!-- Dibuat otomatis dari rules/*/inventaris.yaml; jangan disunting. Generated from\n"
    "     the law inventory; do not edit. Regenerate with: kerjasama law --pages docs/law -->"
)


def _depth(u: Unit) -> int:
    return 0 if u.ayat is None and u.huruf is None else (1 if u.huruf is None else 2)


def render_law_entries(entries: Sequence[LawEntry], *, lang: str = "id") -> str:
    """The text of a unit and the units inside it, with the rules citing each."""
    en = lang == "en"
    lines: list[str] = []
    shown_reason: str | None = None
    for e in entries:
        u = e.unit
        pad = "  " * (_depth(u) - _depth(entries[0].unit))
        head = f"{pad}{u.text}"
        if u.title:
            head += f" — {u.title}"
        lines.append(head)
        facts = [
            (
                "confidence" if en else "keyakinan",
                (_CONFIDENCE_EN.get(u.confidence or "", u.confidence) if en else u.confidence)
                or "-",
            ),
            (
                "checkable" if en else "dapat diperiksa",
                ("yes" if en else "ya") if u.checkable else ("no" if en else "tidak"),
            ),
        ]
        lines.append(pad + "  " + "; ".join(f"{k}: {v}" for k, v in facts))
        if u.wording is not None:
            lines.append(f"{pad}  «{u.wording}»")
            lines.append(f"{pad}  {'source' if en else 'sumber'}: {u.wording_source}")
            if u.wording_en:
                lines.append(f"{pad}  EN: {u.wording_en}")
        elif u.wording_missing and u.wording_missing == shown_reason:
            lines.append(f"{pad}  ({_NO_WORDING[lang]}, {'as above' if en else 'lihat di atas'})")
        else:
            reason = f": {_inventory_text(u.wording_missing, en)}" if u.wording_missing else ""
            lines.append(f"{pad}  ({_NO_WORDING[lang]}{reason})")
            shown_reason = u.wording_missing
        if u.note:
            lines.append(f"{pad}  {'note' if en else 'catatan'}: {_inventory_text(u.note, en)}")
        if e.rules:
            label = "rules" if en else "aturan"
            lines.append(f"{pad}  {label}: " + ", ".join(f"{r.id} ({r.location})" for r in e.rules))
        if e.coverage is not None:
            status = (_STATUS_EN if en else _STATUS)[e.coverage.status]
            lines.append(
                f"{pad}  {'coverage' if en else 'cakupan'}: {status} "
                f"({e.coverage.failed_in} {'failing' if en else 'menggagalkan'}, "
                f"{e.coverage.passed_in} {'passing' if en else 'meluluskan'})"
            )
    return "\n".join(lines) + "\n"


def _inventory_text(text: str, en: bool) -> str:
    # The inventory's notes are written in Indonesian only: an English reader sees them
    # quoted, as data in the inventory's language, not as a sentence of the report.
    return f'"{text}" (in Indonesian)' if en else text


def law_entries_to_json(entries: Sequence[LawEntry]) -> dict[str, Any]:
    """``kerjasama-law/1``: every unit with its wording (or why there is none) and rules."""
    units: list[dict[str, Any]] = []
    for e in entries:
        u = e.unit
        units.append(
            {
                "unit": u.text,
                "instrument": u.instrument,
                "pasal": u.pasal,
                "ayat": u.ayat,
                "huruf": u.huruf,
                "title": u.title,
                "confidence": u.confidence,
                "checkable": u.checkable,
                "wording": u.wording,
                "wording_en": u.wording_en,
                "wording_source": u.wording_source,
                "wording_missing": u.wording_missing,
                "note": u.note,
                "rules": [{"id": r.id, "location": r.location} for r in e.rules],
                "coverage": None if e.coverage is None else e.coverage.status,
            }
        )
    return {"format": "kerjasama-law/1", "units": units}


def law_page_name(instrument: str) -> str:
    """``PP 28/2018`` → ``pp-28-2018.md``."""
    return re.sub(r"[^a-z0-9]+", "-", instrument.lower()).strip("-") + ".md"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_law_page(instrument: str, title: str | None, entries: Sequence[LawEntry]) -> str:
    """The Markdown page of one instrument for ``docs/law/``."""
    heading = f"# {instrument}" + (f" — {title}" if title else "")
    reasons = {e.unit.wording_missing for e in entries if e.unit.wording is None}
    with_text = sum(e.unit.wording is not None for e in entries)
    out = [
        heading,
        "",
        GENERATED_NOTE,
        "",
        "Setiap satuan hukum yang diinventaris, dengan bunyinya bila sumber yang dibaca "
        "mengutipnya kata demi kata, di samping aturan (`rules/`) yang mengodekannya dan uji "
        "aturan yang menggagalkan dan meluluskannya.",
        "",
        "Every inventoried unit of law, with its wording where a source at hand quotes it "
        "word for word, beside the rules that encode it and the rule tests that break and "
        "satisfy it.",
        "",
        f"Satuan / units: {len(entries)}; dengan bunyi / with wording: {with_text}.",
        "",
    ]
    if len(reasons) == 1 and None not in reasons:
        out += [f"**Bunyi / wording.** {next(iter(reasons))}", ""]
    for e in entries:
        u = e.unit
        level = "##" if _depth(u) == 0 else ("###" if _depth(u) == 1 else "####")
        out.append(f"{level} {u.text}" + (f" — {_md(u.title)}" if u.title else ""))
        out.append("")
        facts = [
            f"keyakinan / confidence: {u.confidence or '-'}",
            "dapat diperiksa / checkable: " + ("ya" if u.checkable else "tidak"),
        ]
        if u.matrix_rows:
            facts.append("matriks: " + ", ".join(u.matrix_rows))
        out.append("- " + "; ".join(facts))
        if u.wording is not None:
            out.append(f"- bunyi / wording: «{_md(u.wording)}» ({_md(u.wording_source or '')})")
            if u.wording_en:
                out.append(f"- English: {_md(u.wording_en)}")
        elif len(reasons) != 1 and u.wording_missing:
            out.append(f"- bunyi / wording: belum dimuat / not included: {_md(u.wording_missing)}")
        if u.note:
            out.append(f"- catatan / note: {_md(u.note)}")
        if e.rules:
            rules = ", ".join(f"`{r.id}` ({r.location})" for r in e.rules)
            out.append(f"- aturan / rules: {rules}")
        if e.coverage is not None:
            c = e.coverage
            out.append(f"- cakupan / coverage: {_STATUS[c.status]} / {_STATUS_EN[c.status]}")
            if c.failing_cases:
                out.append("- uji yang menggagalkan / failing tests: " + "; ".join(c.failing_cases))
            if c.passing_cases:
                shown = "; ".join(c.passing_cases[:5])
                more = f" (+{len(c.passing_cases) - 5})" if len(c.passing_cases) > 5 else ""
                out.append(f"- uji yang meluluskan / passing tests: {shown}{more}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def render_law_index(pages: Sequence[tuple[str, str | None, str]]) -> str:
    """``docs/law/README.md``: the instruments and their pages."""
    out = [
        "# Hukum di samping aturan / The law beside the rules",
        "",
        GENERATED_NOTE,
        "",
        "Satu halaman per instrumen. Teks undang-undang dan peraturan Indonesia tidak "
        "dilindungi hak cipta (UU 28/2014 Pasal 42); bunyi yang dimuat dikutip apa adanya "
        'dengan sumbernya. `kerjasama law "Pasal 30 ayat (3)"` mencetak satu satuan.',
        "",
        "One page per instrument. Indonesian statutes and regulations are not protected by "
        "copyright (UU 28/2014 Pasal 42); any wording shown is quoted exactly, with its "
        'source. `kerjasama law "Pasal 30 ayat (3)"` prints one unit.',
        "",
    ]
    for instrument, title, page in pages:
        out.append(f"- [{instrument}" + (f" — {title}" if title else "") + f"]({page})")
    return "\n".join(out) + "\n"


def law_json_text(entries: Sequence[LawEntry]) -> str:
    """The JSON document as text."""
    return json.dumps(law_entries_to_json(entries), ensure_ascii=False, indent=2) + "\n"
