"""A starting agreement file for one kind of cooperation: every fact the rules read.

``kerjasama template KSDPL`` prints a YAML skeleton holding each field that the rules able
to apply to a KSDPL read (or the determinations use), as ``null`` — "not known yet" — with
a comment giving its meaning, allowed values and legal basis. Filling it in is how an
agreement moves from *unknown* to a verdict: missing is not false, so the rules ask for
every fact they need.
"""

from __future__ import annotations

from ..engine.evaluator import RuleSet
from ..language import nodes
from ..model.agreement import Jenis

__all__ = ["Path", "facts_read"]

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
