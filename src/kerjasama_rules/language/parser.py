"""Rule text -> :class:`nodes.RuleFile`: the lark parse and the transformer to nodes.

Third stage of the pipeline. lark types never leave this module: every lark exception is
converted here into a :class:`RuleSyntaxError` with a span, a caret-ready position and a
hint.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import io
import re
import threading
from decimal import Decimal
from importlib import resources
from typing import Any

import attrs
import lark
from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, VisitError

from ..errors import Diagnostic, KerjasamaError, RuleSyntaxError
from ..source import Source, Span
from ..suggest import did_you_mean
from . import nodes
from .keywords import EN_TO_ID, KEYWORDS

__all__ = ["Comment", "parse", "parse_with_comments"]


@attrs.frozen
class Comment:
    """A ``# ...`` comment: its text (with the ``#``) and where it starts in the file.

    Comments are not part of the syntax tree; the formatter puts them back by position.
    """

    start: int
    text: str


# Comments of the parse running in this thread; lark's lexer callback appends to it.
_COMMENTS = threading.local()


def _collect_comment(tok: Token) -> Token:
    bucket = getattr(_COMMENTS, "bucket", None)
    if bucket is not None:
        bucket.append(Comment(start=tok.start_pos or 0, text=str(tok).rstrip()))
    return tok


_PACKAGE = "kerjasama_rules.language"
_GRAMMAR = "policy.lark"
# The LALR tables built from policy.lark, saved with `python -m kerjasama_rules.language.parser`:
# loading them takes ~20 ms where building takes ~180 ms. Used only when their header
# matches this grammar and this lark version; otherwise the grammar is built as usual.
_TABLES = "policy.lark.tables"


def _build() -> Lark:
    # LALR with the contextual lexer is what lets keywords double as enum values
    # (`kategori == wajib`).
    return Lark.open_from_package(
        _PACKAGE,
        _GRAMMAR,
        parser="lalr",
        propagate_positions=True,
        maybe_placeholders=True,
        # COMMENT stays %ignore'd for the parser; the callback only records it.
        lexer_callbacks={"COMMENT": _collect_comment},
    )


def _tables_header() -> bytes:
    grammar = resources.files(_PACKAGE).joinpath(_GRAMMAR).read_bytes()
    digest = hashlib.sha256(grammar).hexdigest()
    return f"kerjasama-tables/1 grammar={digest} lark={lark.__version__}".encode()


@functools.lru_cache(maxsize=1)
def _parser() -> Lark:
    """The parser, built once per process (from the saved tables when they are current)."""
    try:
        data = resources.files(_PACKAGE).joinpath(_TABLES).read_bytes()
        header, _, payload = data.partition(b"\n")
        if header == _tables_header():
            # `Lark.load` takes no options; `_load` is the same call with them, as lark's
            # own cache uses it.
            loaded: Lark = Lark.__new__(Lark)._load(
                io.BytesIO(payload), lexer_callbacks={"COMMENT": _collect_comment}
            )
            return loaded
    except Exception:  # stale or unreadable tables: build the grammar instead
        pass
    return _build()


def save_tables(path: str | None = None) -> str:
    """Write the parser tables next to the grammar (or to ``path``); returns the path.

    Run ``python -m kerjasama_rules.language.parser`` after editing policy.lark; a test fails
    while the saved tables do not match the grammar.
    """
    import pathlib

    target = pathlib.Path(path) if path else pathlib.Path(__file__).with_name(_TABLES)
    buf = io.BytesIO()
    _build().save(buf, exclude_options=("lexer_callbacks",))  # set again on load
    target.write_bytes(_tables_header() + b"\n" + buf.getvalue())
    return str(target)


def parse(text: str, *, source: str = "<rules>") -> nodes.RuleFile:
    """Parse the text of one rule file.

    Args:
        text: the rule file's contents.
        source: the name shown in diagnostics (usually the path).

    Returns:
        The file's items in source order.

    Raises:
        RuleSyntaxError: the text is not valid policy language.
    """
    return parse_with_comments(text, source=source)[0]


def parse_with_comments(
    text: str, *, source: str = "<rules>"
) -> tuple[nodes.RuleFile, tuple[Comment, ...]]:
    """Parse like :func:`parse`, and also return the file's comments in source order.

    Raises:
        RuleSyntaxError: the text is not valid policy language.
    """
    src = Source(source, text)
    bucket: list[Comment] = []
    _COMMENTS.bucket = bucket
    try:
        tree = _parser().parse(text)
    except UnexpectedInput as exc:
        raise RuleSyntaxError([_syntax_diagnostic(src, exc)]) from None
    finally:
        _COMMENTS.bucket = None
    try:
        items = _ToNodes(src).transform(tree)
    except VisitError as exc:
        orig = exc.orig_exc
        if isinstance(orig, KerjasamaError):
            raise orig from None
        raise RuleSyntaxError(
            [
                Diagnostic(
                    code="syntax.invalid",
                    message=str(orig),
                    span=Span(src, 0, 0),
                    args=(("problem", str(orig)),),
                )
            ]
        ) from None
    return nodes.RuleFile(name=source, items=tuple(items)), tuple(bucket)


# ------------------------------------------------------------------ syntax errors
_KEYWORD_HELP = {
    "EQUAL": "to compare, write `==`; `=` is only used in `definisi name = ...`",
}


def _display_terminal(name: str) -> str:
    parser = _parser()
    for term in parser.terminals:
        if term.name == name:
            pattern = term.pattern
            if pattern.type == "str":
                return f"`{pattern.value}`"
            break
    friendly = {
        "NAME": "a name",
        "STRING": 'a text in quotes ("...")',
        "INT": "a number",
        "DECIMAL": "a number",
        "DATE": "a date (YYYY-MM-DD)",
        "PENJELASAN": "`Penjelasan`",
    }
    return friendly.get(name, name.lower())


def _syntax_diagnostic(src: Source, exc: UnexpectedInput) -> Diagnostic:
    pos = getattr(exc, "pos_in_stream", None)
    if pos is None:
        pos = len(src.text)
    help_text: str | None = None
    if isinstance(exc, UnexpectedCharacters):
        ch = src.text[pos : pos + 1]
        if ch == '"':
            message = 'text is not closed with `"` on the same line'
            end = src.text.find("\n", pos)
            end = len(src.text) if end < 0 else end
            return Diagnostic(
                code="syntax.unterminated-string",
                message=message,
                span=Span(src, pos, end),
                help='close the text with `"`, or join long messages: pesan "a" "b"',
            )
        args: tuple[tuple[str, str], ...] = (("char", ch),)
        message = f"unexpected character `{ch}`"
        span = Span(src, pos, pos + 1)
        expected = sorted(exc.allowed or ())
        if ch == "=":
            help_text = "to compare, write `==`; `=` is only used in `definisi name = ...`"
        elif expected:
            help_text = "expected " + _one_of(expected)
            args += (("expected", _one_of(expected)),)
        return Diagnostic(
            code="syntax.unexpected-character",
            message=message,
            span=span,
            help=help_text,
            args=args,
        )
    token = getattr(exc, "token", None)
    if isinstance(exc, UnexpectedEOF) or (isinstance(token, Token) and token.type == "$END"):
        expected = sorted(getattr(exc, "expected", None) or ())
        open_line = _unclosed_block(src)
        if open_line is not None:
            help_text = f"the block opened at line {open_line} is not closed: add `}}`"
            end_args: tuple[tuple[str, str], ...] = (("line", str(open_line)),)
        elif expected:
            help_text = "expected " + _one_of(expected)
            end_args = (("expected", _one_of(expected)),)
        else:
            help_text, end_args = "a `}` may be missing", ()
        return Diagnostic(
            code="syntax.unexpected-end",
            message="the file ends in the middle of a declaration",
            span=Span(src, len(src.text), len(src.text)),
            help=help_text,
            args=end_args,
        )
    expected = sorted(getattr(exc, "expected", None) or ())
    if isinstance(token, Token):
        start = token.start_pos if token.start_pos is not None else pos
        end = token.end_pos if token.end_pos is not None else start + len(str(token))
        shown = str(token)
        message = f"unexpected `{shown}`"
        args = (("token", shown),)
        help_text = _KEYWORD_HELP.get(token.type)
        if help_text is None and expected:
            help_text = "expected " + _one_of(expected)
            args += (("expected", _one_of(expected)),)
        if (
            shown in {"wajib", "require"} and "RBRACE" in expected
        ) or _REQUIRE_WITHOUT_CONDITION.search(src.text[:start]):
            # `wajib` directly followed by a clause keyword: the keyword was read as a name
            help_text = "a requirement needs a condition after `wajib`: wajib <kondisi>"
        elif token.type == "NAME" or shown.isalpha():
            keyword = did_you_mean(shown, _ALL_KEYWORDS)
            if keyword is not None and keyword != shown:
                help_text = f"did you mean `{keyword}`?"
                args += (("suggestion", keyword),)
        return Diagnostic(
            code="syntax.unexpected-token",
            message=message,
            span=Span(src, start, max(end, start + 1)),
            help=help_text,
            args=args,
        )
    return Diagnostic(code="syntax.invalid", message="invalid syntax", span=Span(src, pos, pos + 1))


_REQUIRE_WITHOUT_CONDITION = re.compile(
    r"\b(wajib|require)\s+(pesan|message|dasar|cite|tingkat|severity|jika|if)\s*$"
)
_ALL_KEYWORDS = sorted(
    {w for table in KEYWORDS.values() for v in table.values() for w in v.split()}
)


def _unclosed_block(src: Source) -> int | None:
    """The line of the last `{` left open, ignoring text in quotes and comments."""
    stack: list[int] = []
    in_string = False
    i = 0
    text = src.text
    while i < len(text):
        ch = text[i]
        if in_string:
            if ch == "\\":
                i += 1
            elif ch == '"' or ch == "\n":
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch == "#":
            nl = text.find("\n", i)
            i = len(text) if nl < 0 else nl
            continue
        elif ch == "{":
            stack.append(i)
        elif ch == "}" and stack:
            stack.pop()
        i += 1
    return src.line_col(stack[-1])[0] if stack else None


def _one_of(names: list[str]) -> str:
    shown = {_display_terminal(n) for n in names}
    # Name each keyword once, Indonesian first: `dasar`/`cite` rather than two entries.
    for en, idn in EN_TO_ID.items():
        if f"`{en}`" in shown and f"`{idn}`" in shown:
            shown -= {f"`{en}`", f"`{idn}`"}
            shown.add(f"`{idn}`/`{en}`")
    ordered = sorted(shown, key=lambda s: (s != "`}`", s.startswith("`") is False, s))
    if len(ordered) > 8:
        ordered = [*ordered[:8], "..."]
    if len(ordered) == 1:
        return ordered[0]
    return "one of " + ", ".join(ordered)


# ------------------------------------------------------------------ tree -> nodes
def _unquote(tok: Token) -> str:
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
class _ToNodes(Transformer[Token, Any]):
    """Callbacks named after grammar rules, each returning a node."""

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

    # ---- file
    def start(self, meta: Any, *items: Any) -> list[Any]:
        return list(items)

    # ---- rules
    def rule(self, meta: Any, rid: Token, *parts: Any) -> nodes.Rule:
        title: str | None = None
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
            id=_unquote(rid),
            title=title,
            citations=tuple(cites),
            when=when,
            unless=tuple(unless),
            requirements=tuple(reqs),
            notes=tuple(notes),
            replaces=tuple(replaces),
            span=self._span(meta),
            id_span=self._tspan(rid),
        )

    def title(self, meta: Any, s: Token) -> tuple[str, str, Span | None]:
        return ("title", _unquote(s), self._span(meta))

    def cite(
        self, meta: Any, *cites: nodes.Citation
    ) -> tuple[str, tuple[nodes.Citation, ...], Any]:
        return ("cite", tuple(cites), self._span(meta))

    def applies_when(self, meta: Any, e: nodes.Expr) -> tuple[str, nodes.Expr, Any]:
        return ("when", e, self._span(meta))

    def unless(self, meta: Any, e: nodes.Expr) -> tuple[str, nodes.Expr, Any]:
        return ("unless", e, self._span(meta))

    def note(
        self, meta: Any, label: Token, e: nodes.Expr, guard: Any
    ) -> tuple[str, nodes.Note, Any]:
        span = self._span(meta)
        cond = guard[1] if guard is not None else None
        return ("note", nodes.Note(_unquote(label), e, guard=cond, span=span), span)

    def replaces(self, meta: Any, *ids: Token) -> tuple[str, tuple[str, ...], Any]:
        return ("replaces", tuple(_unquote(i) for i in ids), self._span(meta))

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
        return ("reason", "".join(_unquote(t) for t in texts), self._span(meta))

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
            text="".join(_unquote(t) for t in texts),
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
        return ("source", _unquote(s))

    def table_verified(self, meta: Any, d: Token) -> tuple[str, datetime.date]:
        return ("verified", self._date(d))

    def columns(self, meta: Any, *cols: nodes.Column) -> tuple[str, tuple[nodes.Column, ...]]:
        return ("columns", cols)

    def column(self, meta: Any, name: Token, type_name: Token) -> nodes.Column:
        return nodes.Column(name=str(name), type_name=str(type_name), span=self._span(meta))

    def row(self, meta: Any, *values: nodes.Literal) -> tuple[nodes.Literal, ...]:
        return tuple(values)

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
        return nodes.Literal(_unquote(tok), span=self._tspan(tok))

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


# Re-exported for type checkers that want to see lark is only used here.
_LARK_VERSION = lark.__version__


if __name__ == "__main__":
    print(save_tables())
