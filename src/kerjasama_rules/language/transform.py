"""The transformer: lark tree -> :class:`nodes.RuleFile` items (rules and declarations).

Part of the parser, so it may import lark (``tests/test_api.py`` allows lark in
``parser.py``, ``transform_expr.py`` and this module only; nothing lark leaves them).
:class:`ToNodes` builds rules with their clauses, requirements, citations, periods in
force, switches, definitions, determinations and tables; the expressions inside them come
from its base, :class:`.transform_expr.ExprToNodes`. A clause given twice is a
:class:`RuleSyntaxError`.
"""

from __future__ import annotations

import datetime
from typing import Any

from lark import Token, v_args

from ..errors import Diagnostic, RuleSyntaxError
from ..source import Span
from . import nodes
from .transform_expr import ExprToNodes, unquote

__all__ = ["ToNodes"]


@v_args(inline=True, meta=True)
class ToNodes(ExprToNodes):
    """Callbacks named after the grammar's file-level rules, each returning a node.

    ``ToNodes(source).transform(tree)`` gives the list of a file's items.
    """

    # ---- file
    def start(self, meta: Any, *items: Any) -> list[Any]:
        return list(items)

    # ---- rules
    def rule(self, meta: Any, rid: Token, *parts: Any) -> nodes.Rule:
        title: str | None = None
        titles: dict[str, nodes.Message] = {}
        cites: list[nodes.Citation] = []
        when: nodes.Expr | None = None
        unless: list[nodes.Expr] = []
        reqs: list[nodes.Requirement] = []
        notes: list[nodes.Note] = []
        replaces: list[str] = []
        for part in parts:
            kind, value, span = part
            if kind == "note":
                notes.append(value)
            elif kind == "replaces":
                replaces.extend(value)
            elif kind == "title":
                if title is not None:
                    raise _dup("judul", span)
                title = value
            elif kind == "title_in":
                if value.lang == "id":  # `judul id "..."` is the title itself
                    if title is not None:
                        raise _dup("judul", span)
                    title = value.text
                    continue
                if value.lang in titles:
                    raise _dup(f"judul {value.lang}", span)
                titles[value.lang] = value
            elif kind == "cite":
                cites.extend(value)
            elif kind == "when":
                if when is not None:
                    msg = "a rule has one `berlaku jika`; join conditions with `dan`"
                    raise RuleSyntaxError(
                        [Diagnostic(code="syntax.duplicate-clause", message=msg, span=span)]
                    )
                when = value
            elif kind == "unless":
                unless.append(value)
            else:
                reqs.append(value)
        return nodes.Rule(
            id=unquote(rid),
            title=title,
            citations=tuple(cites),
            when=when,
            unless=tuple(unless),
            requirements=tuple(reqs),
            notes=tuple(notes),
            replaces=tuple(replaces),
            titles=tuple(titles.values()),
            span=self._span(meta),
            id_span=self._tspan(rid),
        )

    def title(self, meta: Any, s: Token) -> tuple[str, str, Span | None]:
        return ("title", unquote(s), self._span(meta))

    def title_in(self, meta: Any, lang: Token, s: Token) -> tuple[str, nodes.Message, Any]:
        span = self._span(meta)
        return ("title_in", nodes.Message(lang=str(lang), text=unquote(s), span=span), span)

    def cite(
        self, meta: Any, *cites: nodes.Citation
    ) -> tuple[str, tuple[nodes.Citation, ...], Any]:
        return ("cite", tuple(cites), self._span(meta))

    def applies_when(self, meta: Any, e: nodes.Expr) -> tuple[str, nodes.Expr, Any]:
        return ("when", e, self._span(meta))

    def unless(self, meta: Any, e: nodes.Expr) -> tuple[str, nodes.Expr, Any]:
        return ("unless", e, self._span(meta))

    def note(
        self, meta: Any, label: Token, e: nodes.Expr, guard: Any, *messages: Any
    ) -> tuple[str, nodes.Note, Any]:
        span = self._span(meta)
        cond = guard[1] if guard is not None else None
        msgs = tuple(m[1] for m in messages)
        return ("note", nodes.Note(unquote(label), e, guard=cond, span=span, messages=msgs), span)

    def replaces(self, meta: Any, *ids: Token) -> tuple[str, tuple[str, ...], Any]:
        return ("replaces", tuple(unquote(i) for i in ids), self._span(meta))

    def in_force(
        self, meta: Any, instrument: str, start: Token, end: Token | None
    ) -> nodes.InForce:
        return nodes.InForce(
            instrument=instrument,
            start=self._date(start),
            end=self._date(end) if end is not None else None,
            span=self._span(meta),
        )

    def switch(self, meta: Any, name: Token, *parts: Any) -> nodes.Switch:
        fields: dict[str, Any] = {"citations": ()}
        default_span: Span | None = None
        for kind, value, span in parts:
            if kind in fields and kind != "citations":
                raise _dup({"title": "judul", "values": "nilai", "default": "bawaan",
                            "reason": "alasan"}[kind], span)  # fmt: skip
            if kind == "cite":
                fields["citations"] = fields["citations"] + value
                continue
            if kind == "default":
                default_span = span
            fields[kind] = value
        return nodes.Switch(
            name=str(name),
            title=fields.get("title"),
            values=fields.get("values", ()),
            default=fields.get("default"),
            reason=fields.get("reason"),
            citations=fields["citations"],
            span=self._span(meta),
            name_span=self._tspan(name),
            default_span=default_span,
        )

    def switch_values(self, meta: Any, *names: Token) -> tuple[str, tuple[str, ...], Any]:
        return ("values", tuple(str(n) for n in names), self._span(meta))

    def switch_default(self, meta: Any, name: Token) -> tuple[str, str, Span]:
        return ("default", str(name), self._tspan(name))

    def switch_reason(self, meta: Any, *texts: Token) -> tuple[str, str, Any]:
        return ("reason", "".join(unquote(t) for t in texts), self._span(meta))

    def requirement(self, meta: Any, expr: nodes.Expr, *attrs_: Any) -> tuple[str, Any, Any]:
        guard: nodes.Expr | None = None
        cites: list[nodes.Citation] = []
        msgs: list[nodes.Message] = []
        severity: str | None = None
        sev_span: Span | None = None
        for kind, value, span in attrs_:
            if kind == "guard":
                if guard is not None:
                    raise _dup("jika", span)
                guard = value
            elif kind == "cite":
                cites.extend(value)
            elif kind == "message":
                msgs.append(value)
            elif kind == "severity":
                if severity is not None:
                    raise _dup("tingkat", span)
                severity, sev_span = value, span
        req = nodes.Requirement(
            expr=expr,
            guard=guard,
            citations=tuple(cites),
            messages=tuple(msgs),
            severity=severity,
            span=self._span(meta),
            severity_span=sev_span,
        )
        return ("require", req, req.span)

    def guard(self, meta: Any, e: nodes.Expr) -> tuple[str, nodes.Expr, Any]:
        return ("guard", e, self._span(meta))

    def message(self, meta: Any, lang: Token | None, *texts: Token) -> tuple[str, Any, Any]:
        span = self._span(meta)
        msg = nodes.Message(
            lang=str(lang) if lang is not None else "id",
            text="".join(unquote(t) for t in texts),
            span=span,
        )
        return ("message", msg, span)

    def lang_tag(self, meta: Any, tok: Token) -> Token:
        return tok

    def severity(self, meta: Any, name: Token) -> tuple[str, str, Span]:
        return ("severity", str(name), self._tspan(name))

    # ---- citations
    def citation_full(
        self,
        meta: Any,
        instrument: str | None,
        penjelasan: Token | None,
        pasal: Token,
        ayat: int | None,
        huruf: str | None,
        angka: int | None,
    ) -> nodes.Citation:
        return nodes.Citation(
            instrument=instrument,
            pasal=int(pasal),
            ayat=ayat,
            huruf=huruf,
            angka=angka,
            penjelasan=penjelasan is not None,
            span=self._span(meta),
        )

    def citation_ayat(
        self, meta: Any, ayat: int, huruf: str | None, angka: int | None
    ) -> nodes.Citation:
        return nodes.Citation(ayat=ayat, huruf=huruf, angka=angka, span=self._span(meta))

    def citation_huruf(self, meta: Any, huruf: str, angka: int | None) -> nodes.Citation:
        return nodes.Citation(huruf=huruf, angka=angka, span=self._span(meta))

    def instrument(self, meta: Any, kind: Token, number: Token, year: Token) -> str:
        return f"{kind} {int(number)}/{int(year)}"

    def instrument_kind(self, meta: Any, tok: Token) -> Token:
        return tok

    def ayat(self, meta: Any, n: Token) -> int:
        return int(n)

    def huruf(self, meta: Any, letter: Token) -> str:
        text = str(letter)
        if len(text) != 1 or not text.islower():
            msg = f"`huruf {text}` is not a letter of a list"
            raise RuleSyntaxError(
                [
                    Diagnostic(
                        code="syntax.bad-citation",
                        message=msg,
                        span=self._tspan(letter),
                        help="a huruf is one lowercase letter, e.g. `huruf a`",
                        args=(("letter", text),),
                    )
                ]
            )
        return text

    def angka(self, meta: Any, n: Token) -> int:
        return int(n)

    # ---- definitions, determinations, tables
    def definition(self, meta: Any, name: Token, expr: nodes.Expr, cite: Any) -> nodes.Definition:
        return nodes.Definition(
            name=str(name),
            expr=expr,
            citations=cite[1] if cite else (),
            span=self._span(meta),
            name_span=self._tspan(name),
        )

    def determination(self, meta: Any, name: Token, title: Any, *rest: Any) -> nodes.Determination:
        cases = [r for r in rest if isinstance(r, nodes.Case)]
        other = rest[-1] if rest and isinstance(rest[-1], tuple) else None
        return nodes.Determination(
            name=str(name),
            title=title[1] if title else None,
            cases=tuple(cases),
            otherwise=other[0] if other else None,
            otherwise_citations=other[1] if other else (),
            span=self._span(meta),
            name_span=self._tspan(name),
        )

    def case(self, meta: Any, cond: nodes.Expr, value: nodes.Expr, cite: Any) -> nodes.Case:
        return nodes.Case(
            cond=cond, value=value, citations=cite[1] if cite else (), span=self._span(meta)
        )

    def otherwise(
        self, meta: Any, value: nodes.Expr, cite: Any
    ) -> tuple[nodes.Expr, tuple[nodes.Citation, ...]]:
        return (value, cite[1] if cite else ())

    def table(self, meta: Any, name: Token, *parts: Any) -> nodes.Table:
        title = source = None
        verified: datetime.date | None = None
        columns: tuple[nodes.Column, ...] = ()
        rows: list[tuple[nodes.Literal, ...]] = []
        for part in parts:
            if isinstance(part, tuple) and part and part[0] == "title":
                title = part[1]
            elif isinstance(part, tuple) and part and part[0] == "source":
                source = part[1]
            elif isinstance(part, tuple) and part and part[0] == "verified":
                verified = part[1]
            elif isinstance(part, tuple) and part and part[0] == "columns":
                columns = part[1]
            else:
                rows.append(part)
        return nodes.Table(
            name=str(name),
            title=title,
            source=source,
            verified=verified,
            columns=columns,
            rows=tuple(rows),
            span=self._span(meta),
            name_span=self._tspan(name),
        )

    def table_source(self, meta: Any, s: Token) -> tuple[str, str]:
        return ("source", unquote(s))

    def table_verified(self, meta: Any, d: Token) -> tuple[str, datetime.date]:
        return ("verified", self._date(d))

    def columns(self, meta: Any, *cols: nodes.Column) -> tuple[str, tuple[nodes.Column, ...]]:
        return ("columns", cols)

    def column(self, meta: Any, name: Token, type_name: Token) -> nodes.Column:
        return nodes.Column(name=str(name), type_name=str(type_name), span=self._span(meta))

    def row(self, meta: Any, *values: nodes.Literal) -> tuple[nodes.Literal, ...]:
        return tuple(values)


def _dup(keyword: str, span: Span | None) -> RuleSyntaxError:
    msg = f"`{keyword}` is given twice"
    return RuleSyntaxError(
        [
            Diagnostic(
                code="syntax.duplicate-clause",
                message=msg,
                span=span,
                args=(("keyword", keyword),),
            )
        ]
    )
