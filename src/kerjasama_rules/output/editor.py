"""What an editor shows on hover, in Indonesian or English (Markdown for the language server).

The language server (``lsp``) finds the facts (a field's type and legal basis, a unit of
law and the rules citing it); this module words them for people, as the rest of
``output`` does for reports and diagnostics.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "analysis_message",
    "citation_hover",
    "declaration_hover",
    "field_hover",
    "quick_fix_title",
    "witness_action_title",
]

_LABELS = {
    "id": {
        "field": "kolom perjanjian",
        "type": "tipe",
        "values": "nilai yang diperbolehkan",
        "basis": "dasar hukum",
        "unit": "satuan hukum",
        "not_in_inventory": "tidak ada dalam inventaris hukum",
        "checkable": "dapat diperiksa dari fakta perjanjian",
        "cited_by": "dikutip oleh aturan",
        "cited_by_none": "belum dikutip aturan mana pun",
        "note": "catatan",
        "definition": "definisi",
        "determination": "penetapan",
        "table": "tabel",
        "switch": "saklar tafsiran",
        "default": "bawaan",
        "declared": "dideklarasikan di",
        "more": "lainnya",
        "source": "sumber",
    },
    "en": {
        "field": "agreement field",
        "type": "type",
        "values": "allowed values",
        "basis": "legal basis",
        "unit": "unit of law",
        "not_in_inventory": "not in the law inventory",
        "checkable": "checkable from the facts of an agreement",
        "cited_by": "cited by rules",
        "cited_by_none": "no rule cites it yet",
        "note": "note",
        "definition": "definition",
        "determination": "determination",
        "table": "table",
        "switch": "interpretation switch",
        "default": "default",
        "declared": "declared in",
        "more": "more",
        "source": "source",
    },
}

# Types as the checker names them (``a date``), in Indonesian.
_TYPE_ID = {
    "a boolean": "boolean",
    "an integer": "bilangan bulat",
    "a number": "angka",
    "text": "teks",
    "a date": "tanggal",
    "a duration": "durasi",
    "any value": "nilai apa pun",
}

_MAX_RULES = 12


def _lbl(lang: str) -> dict[str, str]:
    return _LABELS["en" if lang == "en" else "id"]


def _type_text(type_text: str, lang: str) -> str:
    if lang == "en":
        return type_text
    out = type_text
    for en, id_ in _TYPE_ID.items():
        out = out.replace(en, id_)
    return out.replace("list of ", "daftar ").replace("record ", "rekaman ")


def field_hover(
    path: str,
    type_text: str,
    *,
    doc: str | None,
    basis: str | None,
    values: Sequence[str],
    lang: str,
) -> str:
    """A field of the agreement: its path, type, meaning, allowed values and legal basis."""
    lbl = _lbl(lang)
    lines = [f"**`{path}`**: {lbl['field']}", ""]
    if doc:
        lines += [doc, ""]
    lines.append(f"- {lbl['type']}: {_type_text(type_text, lang)}")
    if values:
        lines.append(f"- {lbl['values']}: " + ", ".join(f"`{v}`" for v in values))
    if basis:
        lines.append(f"- {lbl['basis']}: {basis}")
    return "\n".join(lines)


def citation_hover(
    unit: str,
    *,
    found: bool | None,
    title: str | None,
    wording: str | None,
    wording_en: str | None = None,
    wording_source: str | None = None,
    wording_missing: str | None = None,
    note: str | None,
    checkable: bool,
    rules: Sequence[str],
    lang: str,
) -> str:
    """A unit of law: its wording when the inventory has it (else why it is missing), what
    else the inventory knows of it, and the rules that cite it."""
    lbl = _lbl(lang)
    head = f"**{unit}**"
    if title:
        head += f": {title}"
    lines = [head, ""]
    if found is False:
        lines += [f"*{lbl['not_in_inventory']}*", ""]
    if wording:
        lines += ["> " + wording.replace("\n", "\n> "), ""]
        if wording_en and lang == "en":
            lines += ["> *" + wording_en.replace("\n", "*\n> *") + "*", ""]
        if wording_source:
            lines += [f"{lbl['source']}: {wording_source}", ""]
    elif wording_missing:
        lines += [f"*{wording_missing}*", ""]
    if note:
        lines.append(f"- {lbl['note']}: {note}")
    if checkable:
        lines.append(f"- {lbl['checkable']}")
    if rules:
        shown = ", ".join(f"`{r}`" for r in rules[:_MAX_RULES])
        extra = len(rules) - _MAX_RULES
        if extra > 0:
            shown += f" (+{extra} {lbl['more']})"
        lines.append(f"- {lbl['cited_by']}: {shown}")
    else:
        lines.append(f"- {lbl['cited_by_none']}")
    return "\n".join(lines).rstrip()


def declaration_hover(
    kind: str,
    name: str,
    *,
    title: str | None,
    values: Sequence[str],
    default: str | None,
    where: str,
    lang: str,
) -> str:
    """A definition, determination, table or switch, and where it is declared."""
    lbl = _lbl(lang)
    head = f"**`{name}`**: {lbl.get(kind, kind)}"
    lines = [head, ""]
    if title:
        lines += [title, ""]
    if values:
        vals = ", ".join(f"`{v}`" for v in values)
        if default:
            vals += f" ({lbl['default']} `{default}`)"
        lines.append(f"- {lbl['values']}: {vals}")
    lines.append(f"- {lbl['declared']} {where}")
    return "\n".join(lines)


def quick_fix_title(replacement: str, lang: str) -> str:
    """The title of the quick fix that applies a "did you mean" suggestion."""
    return f"Ganti dengan `{replacement}`" if lang != "en" else f"Replace with `{replacement}`"


# What each analyzer finding says, in Indonesian (the analyzer's own message is English).
_FINDINGS_ID = {
    "analyze.dead-rule": "aturan `{s}` tidak pernah berlaku pada perjanjian mana pun",
    "analyze.unsatisfiable": "kewajiban aturan `{s}` tidak pernah dapat dipenuhi",
    "analyze.vacuous": "kewajiban aturan `{s}` tidak pernah dapat gagal",
    "analyze.unreachable-kecuali": "`kecuali` pada aturan `{s}` tidak pernah tercapai",
    "analyze.unreachable-guard": "syarat `jika` pada aturan `{s}` tidak pernah tercapai",
    "analyze.unreachable-case": "kasus penetapan `{s}` tidak pernah tercapai",
    "analyze.contradiction": "kewajiban aturan `{s}` bertentangan dengan aturan `{r}`: "
    "perjanjian yang dikenai keduanya tidak dapat memenuhi keduanya",
    "analyze.duplicate": "kewajiban aturan `{s}` sama dengan aturan `{r}`",
    "analyze.duplicate-citation": "aturan `{s}` dan `{r}` mengutip dasar yang sama "
    "dengan akibat berbeda",
    "analyze.determination-overlap": "kasus penetapan `{s}` tumpang tindih",
    "analyze.determination-gap": "penetapan `{s}` tidak menjawab untuk sebagian perjanjian",
    "analyze.redundant": "kewajiban aturan `{s}` sudah tercakup oleh aturan `{r}`",
}

_WITNESS = {
    "id": ("saksi: perjanjian contoh tersedia sebagai tindakan kode", "Salin perjanjian saksi ke"),
    "en": (
        "witness: an example agreement is available as a code action",
        "Copy witness agreement to",
    ),
}


def analysis_message(
    code: str,
    subject: str,
    related_subject: str | None,
    message: str,
    lang: str,
    *,
    witness: bool,
) -> str:
    """An analyzer finding as the editor shows it, in the file's language ``lang``."""
    if lang == "id":
        template = _FINDINGS_ID.get(code, "temuan analisis pada `{s}`")
        text = template.format(s=subject, r=related_subject or "?")
    else:
        text = message
    if witness:
        text += "\n" + _WITNESS["id" if lang == "id" else "en"][0]
    return text


def witness_action_title(file_name: str, lang: str) -> str:
    """The title of the code action that copies a finding's witness agreement to a file."""
    return f"{_WITNESS['id' if lang == 'id' else 'en'][1]} {file_name}"
