"""``kerjasama template``: the YAML skeleton of every fact the rules read for a kind.

Which facts: ``drafting.template.facts_read``. This module writes them as YAML, each
``null`` ("not known yet") with a comment giving its meaning, allowed values and legal
basis, in the order of the agreement model.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable
from typing import Any

import attrs

from ..drafting.template import Path, facts_read
from ..engine.evaluator import RuleSet
from ..language.typesys import Type, python_type_to_type
from ..model.agreement import Agreement, Jenis

__all__ = ["render_template"]


def _field_info(cls: type, name: str) -> tuple[Type, dict[str, Any]]:
    hints = typing.get_type_hints(cls)
    f = attrs.fields_dict(cls)[name]
    return python_type_to_type(hints[name]), dict(f.metadata or {})


# The words of the skeleton's comments and header in each language. The description of
# each field (its ``doc``) is written in English only, in the agreement model.
_WORDS = {
    "id": {
        "values": "nilai",
        "list": "daftar dari",
        "date": "tanggal YYYY-MM-DD",
        "duration": "mis. 5 tahun",
        "basis": "dasar",
        "header": (
            "# Kerangka perjanjian {jenis}: setiap fakta yang dibaca aturan.",
            "# Ganti null dengan fakta yang diketahui; fakta yang tetap null membuat",
            "# persyaratan yang membacanya 'belum dapat ditentukan' (yang tidak diketahui",
            "# tidak sama dengan salah).",
            "# Lihat docs/agreement-format.md untuk arti dan dasar hukum setiap bidang.",
        ),
    },
    "en": {
        "values": "values",
        "list": "list of",
        "date": "date YYYY-MM-DD",
        "duration": "e.g. 5 years",
        "basis": "basis",
        "header": (
            "# Skeleton of a {jenis} agreement: every fact the rules read.",
            "# Replace null with the facts you know; a fact left null makes the",
            "# requirements that read it 'undetermined' (missing is not false).",
            "# See docs/agreement-format.md for the meaning and legal basis of each field.",
        ),
    },
}


def _comment(t: Type, meta: dict[str, Any], lang: str = "id") -> str:
    w = _WORDS[lang]
    parts = [str(meta.get("doc") or "").rstrip(".")]
    if t.kind == "enum" and t.enum is not None:
        parts.append(f"{w['values']}: " + ", ".join(str(m.value) for m in t.enum))
    elif t.kind == "list" and t.elem is not None and t.elem.kind == "enum" and t.elem.enum:
        parts.append(f"{w['list']}: " + ", ".join(str(m.value) for m in t.elem.enum))
    elif t.kind == "date":
        parts.append(str(w["date"]))
    elif t.kind == "bool":
        parts.append("true/false")
    elif t.kind == "duration":
        parts.append(str(w["duration"]))
    if meta.get("dasar"):
        parts.append(f"{w['basis']}: {meta['dasar']}")
    return "; ".join(p for p in parts if p)


def _tree(paths: Iterable[Path]) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for p in sorted(paths):
        node = tree
        for part in p:
            node = node.setdefault(part, {})
    return tree


def _emit(
    cls: type, tree: dict[str, Any], ind: str, out: list[str], jenis: Jenis, lang: str
) -> None:
    # Fields in the model's order, so the skeleton reads like docs/agreement-format.md.
    for f in attrs.fields(cls):
        if f.name not in tree:
            continue
        sub = tree[f.name]
        t, meta = _field_info(cls, f.name)
        comment = _comment(t, meta, lang)
        if t.kind == "record" and t.record is not None and sub:
            out.append(f"{ind}{f.name}:  # {comment}" if comment else f"{ind}{f.name}:")
            _emit(t.record, sub, ind + "  ", out, jenis, lang)
        elif t.kind == "list" and t.elem is not None and t.elem.kind == "record" and "[]" in sub:
            out.append(f"{ind}{f.name}:  # {comment}" if comment else f"{ind}{f.name}:")
            item: list[str] = []
            assert t.elem.record is not None
            _emit(t.elem.record, sub["[]"], ind + "    ", item, jenis, lang)
            if item:
                item[0] = ind + "  - " + item[0].lstrip()
            out.extend(item)
        else:
            value = "null"
            if f.name == "jenis" and cls is Agreement:
                value = jenis.value
            elif f.name == "id" and cls is Agreement:
                value = '"isi-pengenal-perjanjian"'
            line = f"{ind}{f.name}: {value}"
            out.append(f"{line}  # {comment}" if comment else line)


def render_template(rules: RuleSet, jenis: Jenis, *, lang: str = "id") -> str:
    """A YAML skeleton of the facts the rules read for ``jenis``, every value ``null``."""
    paths = facts_read(rules, jenis)
    out = [line.format(jenis=jenis.value) for line in _WORDS[lang]["header"]]
    _emit(Agreement, _tree(paths), "", out, jenis, lang)
    return "\n".join(out) + "\n"
