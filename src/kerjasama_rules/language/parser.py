"""Rule text -> :class:`nodes.RuleFile`: the lark parse and its syntax errors.

Third stage of the pipeline. This module builds (or loads) the LALR parser, runs it and
turns every lark exception into a :class:`RuleSyntaxError` with a span, a caret-ready
position and a hint. The transformer from lark's tree to nodes is in ``transform.py``
and ``transform_expr.py``; lark types never leave these three modules (the only ones
``tests/test_api.py`` allows to import lark).
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import threading
from importlib import resources

import attrs
import lark
from lark import Lark, Token
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, VisitError

from .. import limits
from ..errors import ConfigurationError, Diagnostic, KerjasamaError, RuleSyntaxError
from ..source import Source, Span
from ..suggest import did_you_mean
from . import nodes
from .keywords import EN_TO_ID, KEYWORDS
from .transform import ToNodes

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
    if not isinstance(text, str) or not isinstance(source, str):
        msg = "parse() takes the rule text and its source name as `str`"
        raise ConfigurationError([Diagnostic(code="config.bad-argument", message=msg)])
    # Windows editors may start a UTF-8 file with a byte-order mark: it is not text.
    text = text.removeprefix("\ufeff")
    src = Source(source, text)
    if len(text) > limits.current().max_rule_file_bytes:
        what = f"the rule file has {len(text)} characters"
        raise RuleSyntaxError([_limit(src, 0, "max_rule_file_bytes", what)])
    bucket: list[Comment] = []
    _COMMENTS.bucket = bucket
    try:
        tree = _parser().parse(text)
    except UnexpectedInput as exc:
        raise RuleSyntaxError([_syntax_diagnostic(src, exc)]) from None
    finally:
        _COMMENTS.bucket = None
    # The transformer, the checker, the printer and the compiler walk expressions
    # recursively: refuse a tree nested deeper than they can walk, before any of them.
    _check_depth(src, tree)
    try:
        items = ToNodes(src).transform(tree)
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


def _limit(src: Source, pos: int, name: str, what: str) -> Diagnostic:
    code = "limit." + name.removeprefix("max_").replace("_", "-")
    return Diagnostic(
        code=code,
        message=limits.limit_message(name, what),
        span=Span(src, pos, min(pos + 1, len(src.text))),
        help="split the expression into definitions (`definisi`) or smaller rules",
        args=(("limit", name),),
    )


def _check_depth(src: Source, tree: lark.Tree[Token]) -> None:
    """Raise when the parse tree nests deeper than ``max_expression_depth`` (iteratively)."""
    most = limits.current().max_expression_depth
    stack: list[tuple[lark.Tree[Token], int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > most:
            pos = getattr(node.meta, "start_pos", 0) if not node.meta.empty else 0
            what = f"an expression nests more than {most} levels deep"
            raise RuleSyntaxError([_limit(src, pos or 0, "max_expression_depth", what)])
        stack.extend((c, depth + 1) for c in node.children if isinstance(c, lark.Tree))


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
        cited = _CITATION_SO_FAR.search(src.text[:start])
        if shown in {"dan", "and", "atau", "or"} and cited is not None:
            # `dasar huruf g dan huruf h`: the units of a citation are listed with commas.
            line_end = src.text.find("\n", start)
            rest = src.text[cited.start() : line_end if line_end >= 0 else len(src.text)]
            fixed = _CONJUNCTION.sub(", ", rest.split("#", 1)[0].rstrip())
            help_text = f"list the units of a citation with commas, not `{shown}`: `{fixed}`"
            args = (("token", shown), ("word", shown), ("fixed", fixed))
        elif (
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


_CITATION_SO_FAR = re.compile(r"\b(dasar|cite)\b[^\n\"#]*$")
_CONJUNCTION = re.compile(r"\s+(?:dan|and|atau|or)\s+")
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


# Re-exported for type checkers that want to see lark is only used here.
_LARK_VERSION = lark.__version__


if __name__ == "__main__":
    print(save_tables())
