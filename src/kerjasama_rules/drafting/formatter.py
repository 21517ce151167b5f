"""``kerjasama fmt``: rule files in canonical layout, with every comment kept.

Drafter tooling, after the evaluation pipeline. The syntax tree is printed the way
``printer`` prints it (one clause per line, two-space indentation, one blank line between
declarations and before each requirement), and the comments the parser collected are put
back by position: each comment goes on its own line just above the first printed line
whose construct started after it in the original file (a comment at the end of a code
line moves onto its own line just above that line). Blank lines directly before and after
a comment are kept, so the law text quoted at the top of a file stays a separate block.

Guarantees, tested on every bundled file and on generated ones:

* ``parse(format_source(x)) == parse(x)`` (nodes compare without spans);
* ``format_source(format_source(x)) == format_source(x)``;
* ``format_source(format_source(x, lang="en"), lang="id") == format_source(x)`` for a file in
  canonical Indonesian (and the other way round): keyword translation is lossless.

Texts stay on one line, except an ``alasan``/``reason`` longer than the line limit, which
is prose and is cut at spaces into ``"..." "..."`` pieces (the grammar joins them back).
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator
from pathlib import Path

import attrs

from ..errors import ConfigurationError, Diagnostic
from ..fileio import read_text, write_atomic
from ..language import nodes
from ..language.checker import SEVERITIES
from ..language.keywords import KEYWORDS
from ..language.parser import Comment, parse_with_comments
from ..language.printer import citation_to_source, expr_to_source

__all__ = ["FormatResult", "detect_lang", "format_file", "format_source", "write_atomic"]

LINE_LIMIT = 100
WRAP_WIDTH = 95

_ID_OPENERS = {"aturan", "definisi", "penetapan", "tabel", "saklar", "masa_berlaku"}
_EN_OPENERS = {"rule", "define", "determination", "table", "switch", "in_force"}


@attrs.frozen
class _Line:
    text: str  # with its indentation; "" is a blank line
    anchor: int | None = None  # where the construct printed on this line started
    closing: bool = False  # a `}` line: comments before it stay inside the block


@attrs.frozen
class FormatResult:
    """What :func:`format_file` did to one file."""

    path: Path
    changed: bool
    diff: str  # unified diff, empty when unchanged


def _quote(s: str) -> str:
    # Every escape the lexer reads is written back (a tab stays `\t`, never a raw tab).
    body = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return '"' + body + '"'


# Column types: (Indonesian, English), as `typesys.SCALAR_TYPE_NAMES` accepts them.
_TYPE_WORDS = (
    ("teks", "text"),
    ("bilangan", "int"),
    ("angka", "number"),
    ("tanggal", "date"),
    ("boolean", "bool"),
    ("durasi", "duration"),
)

# Severity words: the canonical name -> the word in each keyword language.
_SEVERITY_WORDS = {
    "id": {"error": "galat", "warning": "peringatan", "info": "info"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


def _mask(text: str, comments: tuple[Comment, ...]) -> str:
    """The text with comments and string contents blanked (same length, same lines)."""
    chars = list(text)
    for c in comments:
        for i in range(c.start, min(len(chars), c.start + len(c.text))):
            chars[i] = " "
    masked = "".join(chars)
    out = list(masked)
    for m in re.finditer(r'"(?:[^"\\\n]|\\.)*"', masked):
        for i in range(m.start() + 1, m.end() - 1):
            out[i] = " "
    return "".join(out)


def detect_lang(tree: nodes.RuleFile, text: str) -> str:
    """The keyword set a file is written in, read from its first declaration (``id`` default)."""
    for item in tree.items:
        if item.span is None:
            continue
        m = re.match(r"[A-Za-z_]+", text[item.span.start :])
        if m and m.group(0) in _EN_OPENERS:
            return "en"
        if m and m.group(0) in _ID_OPENERS:
            return "id"
    return "id"


class _Printer:
    def __init__(self, text: str, masked: str, lang: str, keep_units: bool) -> None:
        self.text = text
        self.masked = masked
        self.lang = lang
        self.kw = KEYWORDS[lang]
        self.keep_units = keep_units
        self.lines: list[_Line] = []

    # ---- helpers
    def expr(self, e: nodes.Expr) -> str:
        return expr_to_source(e, lang=self.lang, keep_units=self.keep_units, clarify=True)

    def cites(self, cites: tuple[nodes.Citation, ...]) -> str:
        return f"{self.kw['cite']} " + ", ".join(citation_to_source(c) for c in cites)

    def add(self, text: str, anchor: int | None = None, *, closing: bool = False) -> None:
        self.lines.append(_Line(text, anchor, closing))

    def find(self, item: object, pattern: str) -> int | None:
        # Clauses without a span of their own (titles, sources, ...) are found by their
        # keyword inside the declaration; comments and texts are masked out.
        span = getattr(item, "span", None)
        if span is None:
            return None
        m = re.compile(pattern).search(self.masked, span.start, span.end)
        return m.start() if m else None

    def kw_pattern(self, key: str, after: str) -> str:
        words = "|".join(re.escape(KEYWORDS[lang][key]) for lang in ("id", "en"))
        return rf"(?<![\w.])(?:{words})(?={after})"

    @staticmethod
    def start(x: object) -> int | None:
        span = getattr(x, "span", None)
        return span.start if span is not None else None

    @staticmethod
    def end(x: object) -> int | None:
        span = getattr(x, "span", None)
        return span.end - 1 if span is not None else None

    def title(self, item: object, title: str | None, indent: str = "  ") -> None:
        if title is not None:
            at = self.find(item, self.kw_pattern("title", r'\s*"'))
            self.add(f"{indent}{self.kw['title']} {_quote(title)}", at)

    def severity(self, word: str) -> str:
        # Translated only when a language is asked for (`fmt --lang`), else as written.
        canon = SEVERITIES.get(word)
        if self.keep_units or canon is None:
            return word
        return _SEVERITY_WORDS[self.lang][canon]

    def type_word(self, word: str) -> str:
        # Column types have a word in each language (`teks`/`text`); enum names have one.
        if self.keep_units:
            return word
        for id_word, en_word in _TYPE_WORDS:
            if word in (id_word, en_word):
                return id_word if self.lang == "id" else en_word
        return word

    def condition(self, head: str, e: nodes.Expr, anchor: int | None) -> None:
        """``head expr``; longer than the line limit, a chain of `dan`/`atau` is wrapped
        with one operand per continuation line (the same tree, so stable and idempotent)."""
        one = f"{head} {self.expr(e)}"
        if len(one) <= LINE_LIMIT or not (isinstance(e, nodes.Binary) and e.op in ("and", "or")):
            self.add(one, anchor)
            return
        op = e.op
        parts: list[nodes.Expr] = []
        x: nodes.Expr = e
        while isinstance(x, nodes.Binary) and x.op == op:  # left-nested: `a dan b dan c`
            parts.append(x.right)
            x = x.left
        parts.append(x)
        parts.reverse()
        texts = [self.expr(p) for p in parts]
        for i, p in enumerate(parts):
            # A logical operand keeps its parentheses (as `clarify` prints them inline);
            # so does a right operand of the same operator (the tree must not change).
            nested = isinstance(p, nodes.Binary) and p.op in ("and", "or", "implies")
            if nested and (getattr(p, "op", op) != op or i > 0):
                texts[i] = f"({texts[i]})"
        indent = " " * (len(head) - len(head.lstrip()) + 4)
        self.add(f"{head} {texts[0]}", anchor)
        for t in texts[1:]:
            self.add(f"{indent}{self.kw[op]} {t}")

    # ---- declarations
    def item(self, item: nodes.Item) -> None:
        kw = self.kw
        if isinstance(item, nodes.Definition):
            self.condition(f"{kw['define']} {item.name} =", item.expr, self.start(item))
            if item.citations:
                self.add("  " + self.cites(item.citations), self.start(item.citations[0]))
        elif isinstance(item, nodes.InForce):
            line = f"{kw['in_force']} {item.instrument} {kw['from']} {item.start.isoformat()}"
            if item.end is not None:
                line += f" {kw['until']} {item.end.isoformat()}"
            self.add(line, self.start(item))
        elif isinstance(item, nodes.Table):
            self.table(item)
        elif isinstance(item, nodes.Determination):
            self.determination(item)
        elif isinstance(item, nodes.Switch):
            self.switch(item)
        else:
            self.rule(item)

    def table(self, t: nodes.Table) -> None:
        kw = self.kw
        self.add(f"{kw['table']} {t.name} {{", self.start(t))
        self.title(t, t.title)
        if t.source is not None:
            at = self.find(t, self.kw_pattern("source", r'\s*"'))
            self.add(f"  {kw['source']} {_quote(t.source)}", at)
        if t.verified is not None:
            at = self.find(t, self.kw_pattern("verified", r"\s*\d"))
            self.add(f"  {kw['verified']} {t.verified.isoformat()}", at)
        cols = ", ".join(f"{c.name}: {self.type_word(c.type_name)}" for c in t.columns)
        self.add(f"  {kw['columns']} {cols}", self.start(t.columns[0]) if t.columns else None)
        for row in t.rows:
            vals = ", ".join(self.expr(v) for v in row)
            self.add(f"  {kw['row']} {vals}", self.start(row[0]) if row else None)
        self.add("}", self.end(t), closing=True)

    def determination(self, d: nodes.Determination) -> None:
        kw = self.kw
        self.add(f"{kw['determination']} {d.name} {{", self.start(d))
        self.title(d, d.title)
        for case in d.cases:
            self.add(
                f"  {kw['if']} {self.expr(case.cond)} {kw['then']} {self.expr(case.value)}",
                self.start(case),
            )
            if case.citations:
                self.add("    " + self.cites(case.citations), self.start(case.citations[0]))
        if d.otherwise is not None:
            self.add(f"  {kw['otherwise']} {self.expr(d.otherwise)}", self.start(d.otherwise))
            if d.otherwise_citations:
                self.add(
                    "    " + self.cites(d.otherwise_citations),
                    self.start(d.otherwise_citations[0]),
                )
        self.add("}", self.end(d), closing=True)

    def switch(self, sw: nodes.Switch) -> None:
        kw = self.kw
        self.add(f"{kw['switch']} {sw.name} {{", self.start(sw))
        self.title(sw, sw.title)
        if sw.citations:
            self.add("  " + self.cites(sw.citations), self.start(sw.citations[0]))
        if sw.values:
            at = self.find(sw, self.kw_pattern("values", r"\s+[A-Za-z_]"))
            self.add(f"  {kw['values']} {', '.join(sw.values)}", at)
        if sw.default is not None:
            at = sw.default_span.start if sw.default_span is not None else None
            self.add(f"  {kw['default']} {sw.default}", at)
        if sw.reason is not None:
            at = self.find(sw, self.kw_pattern("reason", r'\s*"'))
            self.texts(f"  {kw['reason']}", sw.reason, at, wrap=True)
        self.add("}", self.end(sw), closing=True)

    def texts(self, head: str, text: str, anchor: int | None, *, wrap: bool) -> None:
        one = f"{head} {_quote(text)}"
        if not wrap or len(one) <= LINE_LIMIT:
            self.add(one, anchor)
            return
        # Greedy, on the width of the printed line (the first one starts after the keyword).
        indent = " " * (len(head) - len(head.lstrip()) + 2)
        pieces: list[str] = []
        for tok in re.findall(r"\S+\s*|\s+", text):
            room = WRAP_WIDTH - (len(head) + 1 if len(pieces) == 1 else len(indent)) - 2
            if pieces and len(_quote(pieces[-1] + tok)) - 2 <= room:
                pieces[-1] += tok
            else:
                pieces.append(tok)
        self.add(f"{head} {_quote(pieces[0])}", anchor)
        for p in pieces[1:]:
            self.add(f"{indent}{_quote(p)}")

    def rule(self, r: nodes.Rule) -> None:
        kw = self.kw
        self.add(f"{kw['rule']} {_quote(r.id)} {{", self.start(r))
        self.title(r, r.title)
        for m in r.titles:
            self.add(f"  {kw['title']} {m.lang} {_quote(m.text)}", self.start(m))
        if r.citations:
            self.add("  " + self.cites(r.citations), self.start(r.citations[0]))
        if r.when is not None:
            self.condition(f"  {kw['when']}", r.when, self.start(r.when))
        for u in r.unless:
            self.condition(f"  {kw['unless']}", u, self.start(u))
        if r.replaces:
            at = self.find(r, self.kw_pattern("replaces", r'\s*"'))
            self.add(f"  {kw['replaces']} {', '.join(_quote(x) for x in r.replaces)}", at)
        for n in r.notes:
            self.add(f"  {kw['note']} {_quote(n.label)} = {self.expr(n.expr)}", self.start(n))
            guard = getattr(n, "guard", None)
            if guard is not None:
                self.add(f"    {kw['if']} {self.expr(guard)}", self.start(guard))
            for m in getattr(n, "messages", ()):
                tag = "" if m.lang == "id" else f" {m.lang}"
                self.texts(f"    {kw['message']}{tag}", m.text, self.start(m), wrap=False)
        for req in r.requirements:
            self.add("")
            self.condition(f"  {kw['require']}", req.expr, self.start(req))
            if req.guard is not None:
                self.condition(f"    {kw['if']}", req.guard, self.start(req.guard))
            if req.citations:
                self.add("    " + self.cites(req.citations), self.start(req.citations[0]))
            for m in req.messages:
                tag = "" if m.lang == "id" else f" {m.lang}"
                self.texts(f"    {kw['message']}{tag}", m.text, self.start(m), wrap=False)
            if req.severity is not None:
                at = req.severity_span.start if req.severity_span is not None else None
                self.add(f"    {kw['severity']} {self.severity(req.severity)}", at)
        self.add("}", self.end(r), closing=True)


@attrs.frozen
class _Placed:
    key: int  # position that decides which printed line the comment goes above
    text: str
    blank_before: bool
    blank_after: bool
    # An end-of-line comment: where it sits, to stay at the end of the printed line
    # of the construct its source line holds.
    trailing_at: int | None = None


def _place(text: str, comments: tuple[Comment, ...]) -> list[_Placed]:
    out: list[_Placed] = []
    for c in comments:
        line_start = text.rfind("\n", 0, c.start) + 1
        trailing = text[line_start : c.start].strip() != ""
        key = line_start if trailing else c.start
        prev_end = line_start - 1  # the newline ending the previous line
        prev_start = text.rfind("\n", 0, max(prev_end, 0)) + 1
        blank_before = not trailing and prev_end > 0 and text[prev_start:prev_end].strip() == ""
        eol = text.find("\n", c.start)
        blank_after = False
        if eol >= 0:
            nxt_end = text.find("\n", eol + 1)
            nxt = text[eol + 1 :] if nxt_end < 0 else text[eol + 1 : nxt_end]
            blank_after = nxt.strip() == "" and nxt_end >= 0
        out.append(
            _Placed(
                key,
                c.text,
                blank_before,
                blank_after and not trailing,
                c.start if trailing else None,
            )
        )
    return out


def _weave(lines: list[_Line], comments: list[_Placed]) -> str:
    out: list[str] = []
    pending_blank = False

    def blank() -> None:
        if out and out[-1] != "" and not out[-1].endswith("{"):
            out.append("")

    def emit(text: str, *, closing: bool = False) -> None:
        nonlocal pending_blank
        if pending_blank and not closing:
            blank()
        pending_blank = False
        out.append(text)

    # End-of-line comments go at the end of the last printed line whose construct starts
    # on their source line before them; the others above the line they precede.
    at_end: dict[int, list[str]] = {}
    above: list[_Placed] = []
    for c in comments:
        target = None
        if c.trailing_at is not None:
            for n, line in enumerate(lines):
                on_line = line.anchor is not None and c.key <= line.anchor < c.trailing_at
                if on_line and (
                    target is None or (line.anchor or 0) >= (lines[target].anchor or 0)
                ):
                    target = n
        if target is None:
            above.append(c)
        else:
            at_end.setdefault(target, []).append(c.text)
    queue = sorted(above, key=lambda c: c.key)
    i = 0
    for n, line in enumerate(lines):
        if line.text == "":
            blank()
            continue
        if n in at_end:
            line = attrs.evolve(line, text="  ".join([line.text, *at_end[n]]))
        if line.anchor is not None:
            indent = len(line.text) - len(line.text.lstrip()) + (2 if line.closing else 0)
            while i < len(queue) and queue[i].key <= line.anchor:
                c = queue[i]
                if c.blank_before:
                    pending_blank = False
                    blank()
                emit(" " * indent + c.text)
                pending_blank = c.blank_after
                i += 1
        emit(line.text, closing=line.closing)
    for c in queue[i:]:
        if c.blank_before:
            pending_blank = False
            blank()
        emit(c.text)
        pending_blank = c.blank_after
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n" if out else ""


def format_source(text: str, *, source: str = "<rules>", lang: str | None = None) -> str:
    """Format the text of one rule file.

    Args:
        text: the file's contents.
        source: the name shown in syntax errors.
        lang: ``id`` or ``en`` to print (and translate) keywords and duration units in that
            language; ``None`` keeps the language of the file and its units as written.

    Raises:
        RuleSyntaxError: the text does not parse.
        ConfigurationError: ``lang`` is not ``id`` or ``en``.
    """
    if lang is not None and lang not in KEYWORDS:
        msg = f"`{lang}` is not a keyword language; use id or en"
        raise ConfigurationError([Diagnostic(code="config.invalid", message=msg)])
    # A byte-order mark (Windows editors) is accepted by the parser and dropped here.
    text = text.removeprefix("\ufeff")
    tree, comments = parse_with_comments(text, source=source)
    target = lang or detect_lang(tree, text)
    printer = _Printer(text, _mask(text, comments), target, keep_units=lang is None)
    for n, item in enumerate(tree.items):
        if n:
            printer.add("")
        printer.item(item)
    return _weave(printer.lines, _place(text, comments))


# Above this many changed lines on either side, the changed middle of a file is shown as
# one hunk: difflib's matcher is quadratic on repetitive lines (a file of 11,000 alike
# rules took minutes), and a diff that long is read as "everything changed" anyway.
_DIFF_MATCH_LINES = 2000


def _diff(path: str, old: str, new: str) -> str:
    """A unified diff of ``old`` and ``new``, in time linear in their size when large.

    The lines both share at the start and at the end are found first (linear); only
    the changed middle is given to difflib, and only when it is small.
    """
    a = old.splitlines(keepends=True)
    b = new.splitlines(keepends=True)
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end = 0
    while end < len(a) - start and end < len(b) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    if max(len(a), len(b)) - start - end <= _DIFF_MATCH_LINES:
        return "".join(difflib.unified_diff(a, b, fromfile=f"a/{path}", tofile=f"b/{path}"))
    context = 3
    lo = max(0, start - context)
    a_hi, b_hi = len(a) - max(0, end - context), len(b) - max(0, end - context)
    out = [f"--- a/{path}\n", f"+++ b/{path}\n"]
    out.append(f"@@ -{_range(lo, a_hi)} +{_range(lo, b_hi)} @@\n")
    out.extend(" " + line for line in a[lo:start])
    out.extend("-" + line for line in a[start : len(a) - end])
    out.extend("+" + line for line in b[start : len(b) - end])
    out.extend(" " + line for line in a[len(a) - end : a_hi])
    # like difflib: a last line without its newline still ends the diff's line
    return "".join(line if line.endswith("\n") else line + "\n" for line in out)


def _range(lo: int, hi: int) -> str:
    """A hunk's ``start,length`` as unified diffs write it (1-based; 0 when empty)."""
    length = hi - lo
    first = lo + 1 if length else lo
    return f"{first}" if length == 1 else f"{first},{length}"


def format_file(
    path: str | os.PathLike[str],
    *,
    lang: str | None = None,
    check: bool = False,
    display: str | None = None,
) -> FormatResult:
    """Format one rule file in place (atomically), or only report with ``check=True``.

    Raises:
        RuleSyntaxError: the file does not parse (it is left untouched).
        ConfigurationError: the file cannot be read or written.
    """
    p = Path(path)
    name = display or str(p)
    old, problem = read_text(p, "max_rule_file_bytes")
    if old is None:
        msg = f"cannot read `{name}`: {problem}"
        raise ConfigurationError([Diagnostic(code="config.unreadable", message=msg, file=name)])
    new = format_source(old, source=name, lang=lang)
    if new == old:
        return FormatResult(p, False, "")
    if not check:
        try:
            write_atomic(p, new)
        except OSError as exc:
            msg = f"cannot write `{name}`: {exc}"
            raise ConfigurationError(
                [Diagnostic(code="config.unwritable", message=msg, file=name)]
            ) from None
    # The diff is only shown by `--check`; building it is quadratic in the worst case.
    return FormatResult(p, True, _diff(name, old, new) if check else "")


def iter_comments(text: str) -> Iterator[str]:
    """The comments of a rule file, in order (for tests and tools)."""
    for c in parse_with_comments(text)[1]:
        yield c.text
