"""Syntax tree -> canonical policy-language text, in Indonesian or English keywords.

Used to show conditions in explanations, and the basis of the formatter: printing a
parsed file and parsing it again gives an equal tree (spans are ignored in equality).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from . import nodes
from .keywords import KEYWORDS

__all__ = ["citation_to_source", "expr_to_source", "to_source", "unit_word"]


_UNITS = {
    "id": {"tahun": "tahun", "bulan": "bulan", "minggu": "minggu", "hari": "hari"},
    "en": {"tahun": "years", "bulan": "months", "minggu": "weeks", "hari": "days"},
}
_UNIT_CANON = {
    "tahun": "tahun", "years": "tahun", "year": "tahun",
    "bulan": "bulan", "months": "bulan", "month": "bulan",
    "minggu": "minggu", "weeks": "minggu", "week": "minggu",
    "hari": "hari", "days": "hari", "day": "hari",
}  # fmt: skip

# Binding strength, loosest first; a child binding more loosely than its parent gets
# parentheses.
_PREC = {"implies": 1, "or": 2, "and": 3, "not": 4, "cmp": 5, "+": 6, "-": 6, "*": 7, "/": 7,
         "neg": 8, "atom": 9}  # fmt: skip
_CMP = {"==", "!=", "<", "<=", ">", ">=", "in", "notin"}


def _quote(s: str) -> str:
    # Every escape the lexer reads is written back (a tab stays `\t`, never a raw tab).
    body = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return '"' + body + '"'


def unit_word(amount: int, unit: str, lang: str) -> str:
    """A duration unit in ``lang``: ``tahun`` whatever the amount; ``1 year``, ``2 years``."""
    word = _UNITS[lang][_UNIT_CANON[unit]]
    return word[:-1] if lang == "en" and amount == 1 else word


def _literal(value: object, kw: dict[str, str]) -> str:
    if value is True:
        return kw["true"]
    if value is False:
        return kw["false"]
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        # Positional notation always: str() writes 0.0000000 as `0E-7`, which the grammar
        # does not read back.
        return format(value, "f")
    return str(value)


def _prec(e: nodes.Expr) -> int:
    if isinstance(e, nodes.Binary):
        return _PREC["cmp"] if e.op in _CMP else _PREC[e.op]
    if isinstance(e, nodes.Unary):
        return _PREC[e.op]
    if isinstance(e, nodes.Quantifier):
        return 0  # extends to the right: parenthesise whenever it is an operand
    return _PREC["atom"]


def expr_to_source(
    e: nodes.Expr, *, lang: str = "id", keep_units: bool = False, clarify: bool = False
) -> str:
    """Print an expression in the keywords of ``lang`` (``id`` or ``en``).

    Duration units are printed in ``lang`` (``5 tahun`` / ``5 years``), or as written in
    the file with ``keep_units`` (the formatter's default, so the tree stays equal).
    With ``clarify``, a ``dan`` inside an ``atau`` keeps its parentheses although
    precedence makes them unneeded, as a drafter would write it for a reader.
    """
    kw = KEYWORDS[lang]

    def wrap(child: nodes.Expr, min_prec: int) -> str:
        text = go(child)
        return f"({text})" if _prec(child) < min_prec else text

    def go(x: nodes.Expr) -> str:
        if isinstance(x, nodes.Literal):
            return _literal(x.value, kw)
        if isinstance(x, nodes.DurationLit):
            if keep_units:
                return f"{x.amount} {x.written or x.unit}"
            return f"{x.amount} {unit_word(x.amount, x.unit, lang)}"
        if isinstance(x, nodes.Name):
            return x.name
        if isinstance(x, nodes.Field):
            return f"{wrap(x.base, _PREC['atom'])}.{x.name}"
        if isinstance(x, nodes.Call):
            return f"{x.func}({', '.join(go(a) for a in x.args)})"
        if isinstance(x, nodes.SetLit):
            return "{" + ", ".join(go(i) for i in x.items) + "}"
        if isinstance(x, nodes.Present):
            return f"{kw['present']} {wrap(x.target, _PREC['atom'])}"
        if isinstance(x, nodes.Quantifier):
            return (
                f"{kw[x.kind]} {x.var} {kw['in']} {wrap(x.collection, _PREC['atom'])}: {go(x.body)}"
            )
        if isinstance(x, nodes.Unary):
            if x.op == "not":
                return f"{kw['not']} {wrap(x.operand, _PREC['not'])}"
            return f"-{wrap(x.operand, _PREC['neg'])}"
        op = x.op
        if op == "implies":
            # Right-associative: the left operand needs parentheses at equal strength.
            p = _PREC["implies"]
            return f"{wrap(x.left, p + 1)} {kw['implies']} {wrap(x.right, p)}"
        if op in ("or", "and"):
            p = _PREC[op]
            p_left, p_right = p, p + 1
            if clarify and op == "or":
                # Parenthesise `and` operands too: `a atau (b dan c)`.
                if isinstance(x.left, nodes.Binary) and x.left.op == "and":
                    p_left = _PREC["and"] + 1
                if isinstance(x.right, nodes.Binary) and x.right.op == "and":
                    p_right = _PREC["and"] + 1
            return f"{wrap(x.left, p_left)} {kw[op]} {wrap(x.right, p_right)}"
        if op in _CMP:
            p = _PREC["cmp"] + 1
            word = kw[op] if op in ("in", "notin") else op
            return f"{wrap(x.left, p)} {word} {wrap(x.right, p)}"
        p = _PREC[op]
        return f"{wrap(x.left, p)} {op} {wrap(x.right, p + 1)}"

    return go(e)


def citation_to_source(c: nodes.Citation) -> str:
    """Print a citation as written in a rule file (instrument first)."""
    parts: list[str] = []
    if c.instrument:
        parts.append(c.instrument)
    if c.penjelasan:
        parts.append("Penjelasan")
    if c.pasal is not None:
        parts.append(f"Pasal {c.pasal}")
    if c.ayat is not None:
        parts.append(f"ayat ({c.ayat})")
    if c.huruf is not None:
        parts.append(f"huruf {c.huruf}")
    if c.angka is not None:
        parts.append(f"angka {c.angka}")
    return " ".join(parts)


def _cites(cites: tuple[nodes.Citation, ...], kw: dict[str, str]) -> str:
    return f"{kw['cite']} " + ", ".join(citation_to_source(c) for c in cites)


def to_source(f: nodes.RuleFile, *, lang: str = "id") -> str:
    """Print a whole rule file canonically (comments are not kept by this function)."""
    kw = KEYWORDS[lang]
    blocks: list[str] = []
    for item in f.items:
        lines: list[str] = []
        if isinstance(item, nodes.Definition):
            line = f"{kw['define']} {item.name} = {expr_to_source(item.expr, lang=lang)}"
            if item.citations:
                line += "\n  " + _cites(item.citations, kw)
            lines.append(line)
        elif isinstance(item, nodes.Table):
            lines.append(f"{kw['table']} {item.name} {{")
            if item.title is not None:
                lines.append(f"  {kw['title']} {_quote(item.title)}")
            if item.source is not None:
                lines.append(f"  {kw['source']} {_quote(item.source)}")
            if item.verified is not None:
                lines.append(f"  {kw['verified']} {item.verified.isoformat()}")
            cols = ", ".join(f"{c.name}: {c.type_name}" for c in item.columns)
            lines.append(f"  {kw['columns']} {cols}")
            for row in item.rows:
                vals = ", ".join(expr_to_source(v, lang=lang) for v in row)
                lines.append(f"  {kw['row']} {vals}")
            lines.append("}")
        elif isinstance(item, nodes.Determination):
            lines.append(f"{kw['determination']} {item.name} {{")
            if item.title is not None:
                lines.append(f"  {kw['title']} {_quote(item.title)}")
            for case in item.cases:
                lines.append(
                    f"  {kw['if']} {expr_to_source(case.cond, lang=lang)}"
                    f" {kw['then']} {expr_to_source(case.value, lang=lang)}"
                )
                if case.citations:
                    lines.append("    " + _cites(case.citations, kw))
            if item.otherwise is not None:
                lines.append(f"  {kw['otherwise']} {expr_to_source(item.otherwise, lang=lang)}")
                if item.otherwise_citations:
                    lines.append("    " + _cites(item.otherwise_citations, kw))
            lines.append("}")
        elif isinstance(item, nodes.InForce):
            line = f"{kw['in_force']} {item.instrument} {kw['from']} {item.start.isoformat()}"
            if item.end is not None:
                line += f" {kw['until']} {item.end.isoformat()}"
            lines.append(line)
        elif isinstance(item, nodes.Switch):
            lines.append(f"{kw['switch']} {item.name} {{")
            if item.title is not None:
                lines.append(f"  {kw['title']} {_quote(item.title)}")
            if item.citations:
                lines.append("  " + _cites(item.citations, kw))
            if item.values:
                lines.append(f"  {kw['values']} {', '.join(item.values)}")
            if item.default is not None:
                lines.append(f"  {kw['default']} {item.default}")
            if item.reason is not None:
                lines.append(f"  {kw['reason']} {_quote(item.reason)}")
            lines.append("}")
        else:
            lines.append(f"{kw['rule']} {_quote(item.id)} {{")
            if item.title is not None:
                lines.append(f"  {kw['title']} {_quote(item.title)}")
            for m in item.titles:
                lines.append(f"  {kw['title']} {m.lang} {_quote(m.text)}")
            if item.citations:
                lines.append("  " + _cites(item.citations, kw))
            if item.when is not None:
                lines.append(f"  {kw['when']} {expr_to_source(item.when, lang=lang)}")
            for u in item.unless:
                lines.append(f"  {kw['unless']} {expr_to_source(u, lang=lang)}")
            if item.replaces:
                ids = ", ".join(_quote(r) for r in item.replaces)
                lines.append(f"  {kw['replaces']} {ids}")
            for n in item.notes:
                line = f"  {kw['note']} {_quote(n.label)} = {expr_to_source(n.expr, lang=lang)}"
                if n.guard is not None:
                    line += f"\n    {kw['if']} {expr_to_source(n.guard, lang=lang)}"
                for m in n.messages:
                    tag = "" if m.lang == "id" else f" {m.lang}"
                    line += f"\n    {kw['message']}{tag} {_quote(m.text)}"
                lines.append(line)
            for req in item.requirements:
                lines.append("")
                lines.append(f"  {kw['require']} {expr_to_source(req.expr, lang=lang)}")
                if req.guard is not None:
                    lines.append(f"    {kw['if']} {expr_to_source(req.guard, lang=lang)}")
                if req.citations:
                    lines.append("    " + _cites(req.citations, kw))
                for m in req.messages:
                    tag = "" if m.lang == "id" else f" {m.lang}"
                    lines.append(f"    {kw['message']}{tag} {_quote(m.text)}")
                if req.severity is not None:
                    lines.append(f"    {kw['severity']} {req.severity}")
            lines.append("}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
