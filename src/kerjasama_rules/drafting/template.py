"""A starting agreement file for one kind of cooperation: every fact the rules read.

``kerjasama template KSDPL`` prints a YAML skeleton holding each field that the rules able
to apply to a KSDPL read (or the determinations use), as ``null`` — "not known yet" — with
a comment giving its meaning, allowed values and legal basis. Filling it in is how an
agreement moves from *unknown* to a verdict: missing is not false, so the rules ask for
every fact they need.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable
from typing import Any

import attrs

from ..engine.evaluator import RuleSet
from ..language import nodes
from ..language.typesys import Type, python_type_to_type
from ..model.agreement import Agreement, Jenis

__all__ = ["facts_read", "render_template"]

Path = tuple[str, ...]  # field names; "[]" marks the items of a list


def facts_read(rules: RuleSet, jenis: Jenis) -> set[Path]:
    """The field paths read by the rules that can apply to ``jenis`` and by the
    determinations, e.g. ``("dprd", "tanggal_keputusan")``, ``("mitra", "[]", "negara")``."""
    checked = rules._checked
    res = checked.resolutions
    out: set[Path] = {("id",), ("jenis",)}
    seen_defs: set[str] = set()

    def visit(e: nodes.Expr | None, scope: dict[str, Path]) -> None:
        if e is None:
            return
        if isinstance(e, nodes.Quantifier):
            coll = _path_of(e.collection, scope)
            visit(e.collection, scope)
            inner = dict(scope)
            if coll is not None:
                inner[e.var] = (*coll, "[]")
            visit(e.body, inner)
            return
        if isinstance(e, nodes.Name | nodes.Field):
            p = _path_of(e, scope)
            if p is not None:
                out.add(p)
            root, _ = nodes.path_parts(e)
            if isinstance(root, nodes.Name):
                r = res.get(id(root))
                if r is not None and r.kind == "definition" and root.name not in seen_defs:
                    seen_defs.add(root.name)
                    visit(checked.definitions[root.name].expr, {})
            return
        for child in nodes.children(e):
            visit(child, scope)

    def _path_of(e: nodes.Expr, scope: dict[str, Path]) -> Path | None:
        root, chain = nodes.path_parts(e)
        if not isinstance(root, nodes.Name):
            return None
        r = res.get(id(root))
        if r is None:
            return None
        if r.kind == "field":
            return (root.name, *chain)
        if r.kind == "local" and root.name in scope:
            return (*scope[root.name], *chain)
        return None

    for i in rules._active.get(jenis, rules._all):
        node = rules._rules[i].node
        for e in (node.when, *node.unless):
            visit(e, {})
        for n in node.notes:
            visit(n.expr, {})
            visit(n.guard, {})
        for q in node.requirements:
            visit(q.expr, {})
            visit(q.guard, {})
    for det in checked.determinations.values():
        for case in det.cases:
            visit(case.cond, {})
            visit(case.value, {})
    return out


def _field_info(cls: type, name: str) -> tuple[Type, dict[str, Any]]:
    hints = typing.get_type_hints(cls)
    f = attrs.fields_dict(cls)[name]
    return python_type_to_type(hints[name]), dict(f.metadata or {})


def _comment(t: Type, meta: dict[str, Any]) -> str:
    parts = [str(meta.get("doc") or "").rstrip(".")]
    if t.kind == "enum" and t.enum is not None:
        parts.append("nilai: " + ", ".join(str(m.value) for m in t.enum))
    elif t.kind == "list" and t.elem is not None and t.elem.kind == "enum" and t.elem.enum:
        parts.append("daftar dari: " + ", ".join(str(m.value) for m in t.elem.enum))
    elif t.kind == "date":
        parts.append("tanggal YYYY-MM-DD")
    elif t.kind == "bool":
        parts.append("true/false")
    elif t.kind == "duration":
        parts.append("mis. 5 tahun")
    if meta.get("dasar"):
        parts.append(f"dasar: {meta['dasar']}")
    return "; ".join(p for p in parts if p)


def _tree(paths: Iterable[Path]) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for p in sorted(paths):
        node = tree
        for part in p:
            node = node.setdefault(part, {})
    return tree


def _emit(cls: type, tree: dict[str, Any], ind: str, out: list[str], jenis: Jenis) -> None:
    # Fields in the model's order, so the skeleton reads like docs/agreement-format.md.
    for f in attrs.fields(cls):
        if f.name not in tree:
            continue
        sub = tree[f.name]
        t, meta = _field_info(cls, f.name)
        comment = _comment(t, meta)
        if t.kind == "record" and t.record is not None and sub:
            out.append(f"{ind}{f.name}:  # {comment}" if comment else f"{ind}{f.name}:")
            _emit(t.record, sub, ind + "  ", out, jenis)
        elif t.kind == "list" and t.elem is not None and t.elem.kind == "record" and "[]" in sub:
            out.append(f"{ind}{f.name}:  # {comment}" if comment else f"{ind}{f.name}:")
            item: list[str] = []
            assert t.elem.record is not None
            _emit(t.elem.record, sub["[]"], ind + "    ", item, jenis)
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


def render_template(rules: RuleSet, jenis: Jenis) -> str:
    """A YAML skeleton of the facts the rules read for ``jenis``, every value ``null``."""
    paths = facts_read(rules, jenis)
    out = [
        f"# Kerangka perjanjian {jenis.value}: setiap fakta yang dibaca aturan.",
        "# Ganti null dengan fakta yang diketahui; fakta yang tetap null membuat",
        "# persyaratan yang membacanya 'belum dapat ditentukan' (missing is not false).",
        "# Lihat docs/agreement-format.md untuk arti dan dasar hukum setiap bidang.",
    ]
    _emit(Agreement, _tree(paths), "", out, jenis)
    return "\n".join(out) + "\n"
