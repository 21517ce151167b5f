"""The transformer's base: lark tree -> expression nodes, and the helpers of every callback.

Part of the parser, so it may import lark (``tests/test_api.py`` allows lark in
``parser.py``, ``transform.py`` and this module only): lark tokens come in, nodes of
:mod:`.nodes` go out. :class:`ExprToNodes` turns expressions and literals into nodes and
gives spans to them; :class:`.transform.ToNodes` adds the declarations on top of it.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from lark import Token, Transformer, v_args

from ..errors import Diagnostic, RuleSyntaxError
from ..source import Source, Span
from . import nodes

__all__ = ["ExprToNodes", "unquote"]


def unquote(tok: Token) -> str:
    """The text of a quoted string token, without the quotes and with escapes replaced."""
    body = str(tok)[1:-1]
    if "\\" not in body:
        return body
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            out.append({"n": "\n", "t": "\t"}.get(nxt, nxt))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


_QUANT = {"any": "any", "ada": "any", "all": "all", "setiap": "all", "semua": "all",
          "count": "count", "banyaknya": "count"}  # fmt: skip


@v_args(inline=True, meta=True)
class ExprToNodes(Transformer[Token, Any]):
    """Callbacks named after the grammar's expression rules, each returning a node."""

    def __init__(self, src: Source) -> None:
        super().__init__()
        self._src = src

    def _span(self, meta: Any) -> Span | None:
        if getattr(meta, "empty", True):
            return None
        return Span(self._src, meta.start_pos, meta.end_pos)

    def _tspan(self, tok: Token) -> Span:
        start = tok.start_pos or 0
        end = tok.end_pos if tok.end_pos is not None else start + len(str(tok))
        return Span(self._src, start, end)

    # ---- expressions
    def implies(self, meta: Any, a: nodes.Expr, b: nodes.Expr) -> nodes.Binary:
        return nodes.Binary("implies", a, b, span=self._span(meta))

    def or_(self, meta: Any, a: nodes.Expr, b: nodes.Expr) -> nodes.Binary:
        return nodes.Binary("or", a, b, span=self._span(meta))

    def and_(self, meta: Any, a: nodes.Expr, b: nodes.Expr) -> nodes.Binary:
        return nodes.Binary("and", a, b, span=self._span(meta))

    def not_(self, meta: Any, a: nodes.Expr) -> nodes.Unary:
        return nodes.Unary("not", a, span=self._span(meta))

    def neg(self, meta: Any, a: nodes.Expr) -> nodes.Unary:
        return nodes.Unary("neg", a, span=self._span(meta))

    def compare(self, meta: Any, a: nodes.Expr, op: Token, b: nodes.Expr) -> nodes.Binary:
        return nodes.Binary(str(op), a, b, span=self._span(meta))

    def comp_op(self, meta: Any, tok: Token) -> Token:
        return tok

    def add_op(self, meta: Any, tok: Token) -> Token:
        return tok

    def mul_op(self, meta: Any, tok: Token) -> Token:
        return tok

    def member(self, meta: Any, a: nodes.Expr, b: nodes.Expr) -> nodes.Binary:
        return nodes.Binary("in", a, b, span=self._span(meta))

    def not_member(self, meta: Any, a: nodes.Expr, b: nodes.Expr) -> nodes.Binary:
        return nodes.Binary("notin", a, b, span=self._span(meta))

    def arith(self, meta: Any, a: nodes.Expr, op: Token, b: nodes.Expr) -> nodes.Binary:
        return nodes.Binary(str(op), a, b, span=self._span(meta))

    def field(self, meta: Any, base: nodes.Expr, name: Token) -> nodes.Field:
        return nodes.Field(base, str(name), span=self._span(meta), name_span=self._tspan(name))

    def name(self, meta: Any, tok: Token) -> nodes.Name:
        return nodes.Name(str(tok), span=self._tspan(tok))

    def call(self, meta: Any, func: Token, *args: nodes.Expr | None) -> nodes.Call:
        real = tuple(a for a in args if a is not None)
        return nodes.Call(str(func), real, span=self._span(meta))

    def set_lit(self, meta: Any, *items: nodes.Expr | None) -> nodes.SetLit:
        return nodes.SetLit(tuple(i for i in items if i is not None), span=self._span(meta))

    def quantifier(
        self, meta: Any, kind: Token, var: Token, coll: nodes.Expr, body: nodes.Expr
    ) -> nodes.Quantifier:
        return nodes.Quantifier(
            kind=_QUANT[str(kind)],
            var=str(var),
            collection=coll,
            body=body,
            span=self._span(meta),
            var_span=self._tspan(var),
        )

    def quant_kind(self, meta: Any, tok: Token) -> Token:
        return tok

    def present(self, meta: Any, target: nodes.Expr) -> nodes.Present:
        return nodes.Present(target, span=self._span(meta))

    # ---- literals
    def int_lit(self, meta: Any, tok: Token) -> nodes.Literal:
        return nodes.Literal(int(tok), span=self._tspan(tok))

    def decimal_lit(self, meta: Any, tok: Token) -> nodes.Literal:
        return nodes.Literal(Decimal(str(tok)), span=self._tspan(tok))

    def string_lit(self, meta: Any, tok: Token) -> nodes.Literal:
        return nodes.Literal(unquote(tok), span=self._tspan(tok))

    def date_lit(self, meta: Any, tok: Token) -> nodes.Literal:
        return nodes.Literal(self._date(tok), span=self._tspan(tok))

    def duration_lit(self, meta: Any, n: Token, unit: Token) -> nodes.DurationLit:
        word = str(unit)
        return nodes.DurationLit(
            int(n), nodes.UNIT_CANON[word], span=self._span(meta), written=word
        )

    def duration_unit(self, meta: Any, tok: Token) -> Token:
        return tok

    def true_lit(self, meta: Any) -> nodes.Literal:
        return nodes.Literal(True, span=self._span(meta))

    def false_lit(self, meta: Any) -> nodes.Literal:
        return nodes.Literal(False, span=self._span(meta))

    def _date(self, tok: Token) -> datetime.date:
        try:
            return datetime.date.fromisoformat(str(tok))
        except ValueError:
            msg = f"`{tok}` is not a real date"
            raise RuleSyntaxError(
                [
                    Diagnostic(
                        code="syntax.bad-date",
                        message=msg,
                        span=self._tspan(tok),
                        help="write dates as YYYY-MM-DD, e.g. 2018-07-13",
                        args=(("date", str(tok)),),
                    )
                ]
            ) from None
