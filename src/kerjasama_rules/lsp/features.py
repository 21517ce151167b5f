"""The editor features over plain text and character offsets, with no protocol library.

Each feature takes the document's text (saved or not), an offset and the document's rule
set (:class:`~.workspace.RuleSetView`), and returns plain data that :mod:`.server` turns
into LSP messages. A document that does not parse still gets completion and hover on
field paths: those read the tokens before the cursor, not the tree. Go to definition,
references and hover on citations read the trees of the files that parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import attrs

from ..analysis import AnalysisFinding
from ..drafting.formatter import detect_lang, format_source
from ..engine.rulefiles import display_path
from ..errors import Diagnostic, KerjasamaError
from ..language import nodes
from ..language.checker import complete_citations
from ..language.keywords import KEYWORDS
from ..language.typesys import Type, record_fields
from ..law.inventory import Inventory, normalize_instrument
from ..model.agreement import Agreement
from ..output.editor import analysis_message, citation_hover, declaration_hover, field_hover
from ..output.i18n import localize
from ..source import Span
from .workspace import RuleSetView

__all__ = [
    "Completion",
    "Edit",
    "Problem",
    "completions",
    "definition",
    "document_language",
    "formatting",
    "hover",
    "offset_of",
    "position_of",
    "problems",
    "references",
]

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_QUANT = re.compile(
    r"\b(?:ada|setiap|banyaknya|any|all|count)\s+([A-Za-z_]\w*)\s+(?:dalam|in)\s+"
    r"([A-Za-z_][\w.]*)"
)
_AFTER_DOT = re.compile(r"([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\.(\w*)$")
_AFTER_EQ = re.compile(r"([A-Za-z_][\w.]*)\s*(?:==|!=)\s*(\w*)$")
_IN_SET = re.compile(r"([A-Za-z_][\w.]*)\s+(?:tidak\s+dalam|not\s+in|dalam|in)\s*\{[^{}]*?(\w*)$")
_DID_YOU_MEAN = re.compile(r"did you mean `([^`]+)`\?")
_SEVERITIES = {"error": 1, "warning": 2, "info": 3}


# ------------------------------------------------------------------ positions
def _units(ch: str, encoding: str) -> int:
    """How many code units of the position encoding one character takes."""
    if encoding == "utf-8":
        return len(ch.encode("utf-8"))
    if encoding == "utf-32":
        return 1
    return 2 if ord(ch) > 0xFFFF else 1


def position_of(text: str, offset: int, encoding: str = "utf-16") -> tuple[int, int]:
    """0-based ``(line, character)`` of an offset; characters are code units of the
    position encoding agreed with the client (LSP's default, UTF-16)."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return line, sum(_units(ch, encoding) for ch in text[start:offset])


def offset_of(text: str, line: int, character: int, encoding: str = "utf-16") -> int:
    """The offset of a 0-based LSP position, clamped to the text."""
    start = 0
    for _ in range(line):
        nl = text.find("\n", start)
        if nl < 0:
            return len(text)
        start = nl + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    units = 0
    i = start
    while i < end and units < character:
        units += _units(text[i], encoding)
        i += 1
    return i


# ------------------------------------------------------------------ language
_ID_ONLY = {w.split()[0] for w in KEYWORDS["id"].values()} - {
    w.split()[0] for w in KEYWORDS["en"].values()
}
_EN_ONLY = {w.split()[0] for w in KEYWORDS["en"].values()} - {
    w.split()[0] for w in KEYWORDS["id"].values()
}


def document_language(text: str, tree: nodes.RuleFile | None) -> str:
    """``id`` or ``en``: the keywords the file is written in (the formatter's rule when it
    parses; otherwise the more frequent of the two keyword sets' words)."""
    if tree is not None and tree.items:
        return detect_lang(tree, text)
    words = _IDENT.findall(_strip_comments_and_strings(text))
    en = sum(1 for w in words if w in _EN_ONLY)
    id_ = sum(1 for w in words if w in _ID_ONLY)
    return "en" if en > id_ else "id"


def _strip_comments_and_strings(text: str) -> str:
    return re.sub(r'"(?:[^"\\\n]|\\.)*"?|#[^\n]*', " ", text)


# ------------------------------------------------------------------ diagnostics
@attrs.frozen
class Problem:
    """A diagnostic ready for the editor: offsets, message in the file's language, and the
    replacement its "did you mean" proposes (for the quick fix)."""

    start: int
    end: int
    severity: int
    code: str
    message: str
    replacement: str | None = None
    # (file, 0-based line, 0-based column, what is there) of the other rule of a pair.
    related: tuple[tuple[str, int, int, str], ...] = ()
    witness: str | None = None  # the witness agreement (YAML) of an analyzer finding


def problems(diags: list[Diagnostic], text: str, lang: str) -> list[Problem]:
    """The linter's diagnostics of one document, worded in ``lang``."""
    out = []
    for d in diags:
        message, help_text = localize(d, lang)
        if help_text:
            message = f"{message}\n{help_text}"
        start, end = (d.span.start, d.span.end) if d.span is not None else (0, 0)
        if end <= start:
            end = min(len(text), start + 1)
        replacement = None
        m = _DID_YOU_MEAN.search(d.help or "")
        if m and d.span is not None and re.fullmatch(r"[\w.]+", d.span.snippet):
            replacement = m.group(1)
        out.append(
            Problem(
                start=start,
                end=end,
                severity=_SEVERITIES.get(d.severity, 1),
                code=d.code,
                message=message,
                replacement=replacement,
            )
        )
    return out


def _line_offset(text: str, line: int, column: int) -> int:
    """The offset of a 1-based line and column (in characters) of ``text``."""
    start = 0
    for _ in range(line - 1):
        nl = text.find("\n", start)
        if nl < 0:
            return len(text)
        start = nl + 1
    return min(start + column - 1, len(text))


def analysis_problems(findings: list[AnalysisFinding], text: str, lang: str) -> list[Problem]:
    """The analyzer's findings of one document, worded in ``lang``: each marks the rest
    of the line where the finding's construct starts, and names the other rule of a pair."""
    out = []
    for f in findings:
        start = _line_offset(text, f.location.line, f.location.column)
        nl = text.find("\n", start)
        end = len(text) if nl < 0 else nl
        if end <= start:
            end = min(len(text), start + 1)
        related = tuple(
            (r.file, r.line - 1, r.column - 1, f.related_subject or "") for r in f.related
        )
        witness = f.witness.yaml if f.witness is not None else None
        message = analysis_message(
            f.code, f.subject, f.related_subject, f.message, lang, witness=witness is not None
        )
        out.append(
            Problem(
                start=start,
                end=end,
                severity=_SEVERITIES.get(f.severity, 1),
                code=f.code,
                message=message,
                related=related,
                witness=witness,
            )
        )
    return out


# ------------------------------------------------------------------ field paths
def _root_fields() -> Mapping[str, Type]:
    return record_fields(Agreement)


def _bindings(before: str) -> dict[str, Type]:
    """Quantifier variables bound in the text before the cursor (the latest wins)."""
    env: dict[str, Type] = {}
    for m in _QUANT.finditer(before):
        t = _chain_type(m.group(2).split("."), env)
        if t is not None and t.kind == "list" and t.elem is not None:
            env[m.group(1)] = t.elem
    return env


def _field_of(t: Type | None, name: str) -> Type | None:
    if t is None or t.kind != "record" or t.record is None:
        return None
    return record_fields(t.record).get(name)


def _chain_type(segments: list[str], env: Mapping[str, Type]) -> Type | None:
    """The type of ``a.b.c``: ``a`` a quantifier variable or a field of the agreement."""
    if not segments or not segments[0]:
        return None
    t = env.get(segments[0]) or _root_fields().get(segments[0])
    for seg in segments[1:]:
        t = _field_of(t, seg)
    return t


def _enum_values(t: Type | None) -> list[str]:
    if t is not None and t.kind == "list":
        t = t.elem
    if t is not None and t.kind == "enum" and t.enum is not None:
        return [str(m.value) for m in t.enum]
    return []


def _chain_at(text: str, offset: int) -> tuple[list[str], int, int] | None:
    """The dotted path under the cursor, cut after the segment the cursor is on."""
    start = offset
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_."):
        start -= 1
    end = offset
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    chain = text[start:end].lstrip(".")
    start = end - len(chain)
    if not chain or not _IDENT.match(chain):
        return None
    return chain.split("."), start, end


def _field_identity(text: str, offset: int) -> tuple[type, str, str, Type] | None:
    """``(record class, field name, path text, field type)`` of the field under the cursor."""
    found = _chain_at(text, offset)
    if found is None:
        return None
    segments, start, _ = found
    env = _bindings(text[:start])
    if len(segments) == 1:
        if segments[0] in env or segments[0] not in _root_fields():
            return None
        return Agreement, segments[0], segments[0], _root_fields()[segments[0]]
    parent = _chain_type(segments[:-1], env)
    if parent is None or parent.kind != "record" or parent.record is None:
        return None
    ftype = record_fields(parent.record).get(segments[-1])
    if ftype is None:
        return None
    return parent.record, segments[-1], ".".join(segments), ftype


# ------------------------------------------------------------------ completion
@attrs.frozen
class Completion:
    """One completion item: ``kind`` is keyword, field, enum, definition, determination,
    table, switch or variable."""

    label: str
    kind: str
    detail: str | None = None


def _in_comment_or_string(line_before: str) -> bool:
    # Closed strings removed, an opening quote or a `#` left means the cursor is inside.
    rest = re.sub(r'"(?:[^"\\]|\\.)*"', "", line_before)
    return '"' in rest or "#" in rest


def completions(text: str, offset: int, view: RuleSetView, lang: str) -> list[Completion]:
    """What may be typed at ``offset``: fields after ``.``, enum values after ``==`` or in
    ``dalam {…}``, otherwise keywords, declarations, fields and variables in scope."""
    before = text[:offset]
    line_before = before[before.rfind("\n") + 1 :]
    if _in_comment_or_string(line_before):
        return []
    env = _bindings(before)
    decls = view.declarations()
    m = _AFTER_DOT.search(before)
    if m:
        t = _chain_type(m.group(1).split("."), env)
        if t is not None and t.kind == "record" and t.record is not None:
            return [
                Completion(name, "field", str(ft)) for name, ft in record_fields(t.record).items()
            ]
        return []
    for pattern in (_AFTER_EQ, _IN_SET):
        m = pattern.search(before)
        if m:
            left = m.group(1)
            values = _enum_values(_chain_type(left.split("."), env))
            if not values and left in decls and decls[left][0] == "switch":
                sw = decls[left][1]
                values = list(sw.values) if isinstance(sw, nodes.Switch) else []
            if values:
                return [Completion(v, "enum", left) for v in values]
    out = [Completion(k, "keyword") for k in dict.fromkeys(KEYWORDS[lang].values())]
    out += [Completion(name, kind) for name, (kind, _) in sorted(decls.items())]
    out += [Completion(name, "field", str(t)) for name, t in _root_fields().items()]
    out += [Completion(name, "variable", str(t)) for name, t in env.items()]
    return out


# ------------------------------------------------------------------ definition
def _word_at(text: str, offset: int) -> tuple[str, int, int] | None:
    start = offset
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    end = offset
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    word = text[start:end]
    if not word or not _IDENT.fullmatch(word) or (start > 0 and text[start - 1] == "."):
        return None
    return word, start, end


def definition(text: str, offset: int, view: RuleSetView) -> Span | None:
    """Where the definition, determination, table or switch under the cursor is declared."""
    found = _word_at(text, offset)
    if found is None:
        return None
    decl = view.declarations().get(found[0])
    if decl is None:
        return None
    item = decl[1]
    return getattr(item, "name_span", None) or item.span


# ------------------------------------------------------------------ references
def _exprs_of(item: nodes.Item) -> list[nodes.Expr]:
    out: list[nodes.Expr] = []
    if isinstance(item, nodes.Rule):
        out += [item.when] if item.when is not None else []
        out += list(item.unless)
        for n in item.notes:
            out += [n.expr] + ([n.guard] if n.guard is not None else [])
        for r in item.requirements:
            out += [r.expr] + ([r.guard] if r.guard is not None else [])
    elif isinstance(item, nodes.Definition):
        out.append(item.expr)
    elif isinstance(item, nodes.Determination):
        for case in item.cases:
            out += [case.cond, case.value]
        out += [item.otherwise] if item.otherwise is not None else []
    return out


def _type_of(e: nodes.Expr, env: Mapping[str, Type | None], shadow: set[str]) -> Type | None:
    if isinstance(e, nodes.Name):
        if e.name in env:
            return env[e.name]
        return None if e.name in shadow else _root_fields().get(e.name)
    if isinstance(e, nodes.Field):
        return _field_of(_type_of(e.base, env, shadow), e.name)
    return None


def _field_uses(
    e: nodes.Expr, env: Mapping[str, Type | None], shadow: set[str]
) -> Iterator[tuple[type, str, Span | None]]:
    """Every use of a field of the agreement in ``e``: ``(record class, field, span)``."""
    if isinstance(e, nodes.Name):
        if e.name not in env and e.name not in shadow and e.name in _root_fields():
            yield Agreement, e.name, e.span
        return
    if isinstance(e, nodes.Field):
        base = _type_of(e.base, env, shadow)
        if base is not None and base.kind == "record" and base.record is not None:
            yield base.record, e.name, e.name_span
        yield from _field_uses(e.base, env, shadow)
        return
    if isinstance(e, nodes.Quantifier):
        yield from _field_uses(e.collection, env, shadow)
        coll = _type_of(e.collection, env, shadow)
        elem = coll.elem if coll is not None and coll.kind == "list" else None
        yield from _field_uses(e.body, {**env, e.var: elem}, shadow)
        return
    for child in nodes.children(e):
        yield from _field_uses(child, env, shadow)


def references(text: str, offset: int, view: RuleSetView) -> list[Span]:
    """Every use, in the rule set, of the agreement field under the cursor."""
    ident = _field_identity(text, offset)
    if ident is None:
        return []
    record, name = ident[0], ident[1]
    shadow = set(view.declarations())
    out: list[Span] = []
    for tree in view.trees():
        for item in tree.items:
            for e in _exprs_of(item):
                for rec, field, span in _field_uses(e, {}, shadow):
                    if rec is record and field == name and span is not None:
                        out.append(span)
    return sorted(out, key=lambda s: (s.source.name, s.start))


# ------------------------------------------------------------------ hover
def _completed(item: nodes.Item) -> list[tuple[nodes.Citation, nodes.Citation]]:
    pairs: list[tuple[nodes.Citation, nodes.Citation | None]] = []
    if isinstance(item, nodes.Rule):
        own = complete_citations(item.citations, None)
        pairs += own
        base = next((full for _, full in own if full is not None), None)
        for r in item.requirements:
            pairs += complete_citations(r.citations, base)
    elif isinstance(item, nodes.Definition | nodes.Switch):
        pairs += complete_citations(item.citations, None)
    elif isinstance(item, nodes.Determination):
        for case in item.cases:
            pairs += complete_citations(case.citations, None)
        pairs += complete_citations(item.otherwise_citations, None)
    return [(c, full) for c, full in pairs if full is not None]


def _within(c: nodes.Citation, unit: nodes.Citation) -> bool:
    if c.instrument is None or unit.instrument is None:
        return False
    if normalize_instrument(c.instrument) != normalize_instrument(unit.instrument):
        return False
    if c.pasal != unit.pasal:
        return False
    if unit.ayat is not None and c.ayat != unit.ayat:
        return False
    return unit.huruf is None or c.huruf == unit.huruf


def _citation_hover(
    tree: nodes.RuleFile, offset: int, view: RuleSetView, inventory: Inventory, lang: str
) -> str | None:
    target: nodes.Citation | None = None
    for item in tree.items:
        for written, full in _completed(item):
            s = written.span
            if s is not None and s.start <= offset <= s.end:
                target = full
    if target is None:
        return None
    instrument, pasal = target.instrument, target.pasal
    if instrument is None or pasal is None:
        return None
    target = attrs.evolve(target, angka=None, penjelasan=False)
    citing: list[str] = []
    for t in view.trees():
        for item in t.items:
            if isinstance(item, nodes.Rule) and any(
                _within(full, target) for _, full in _completed(item)
            ):
                citing.append(item.id)
    unit = inventory.unit(instrument, pasal, target.ayat, target.huruf)
    found = inventory.has(instrument, pasal, target.ayat, target.huruf)
    return citation_hover(
        target.text,
        found=found,
        title=unit.title if unit else None,
        wording=unit.wording if unit else None,
        wording_en=unit.wording_en if unit else None,
        wording_source=unit.wording_source if unit else None,
        wording_missing=unit.wording_missing if unit else None,
        note=unit.note if unit else None,
        checkable=bool(unit and unit.checkable),
        rules=sorted(dict.fromkeys(citing)),
        lang=lang,
    )


def _field_hover(text: str, offset: int, lang: str) -> str | None:
    ident = _field_identity(text, offset)
    if ident is None:
        return None
    record, name, path, ftype = ident
    meta = attrs.fields_dict(record)[name].metadata or {}
    return field_hover(
        path,
        str(ftype),
        doc=meta.get("doc"),
        basis=meta.get("dasar"),
        values=_enum_values(ftype),
        lang=lang,
    )


def _declaration_hover(text: str, offset: int, view: RuleSetView, lang: str) -> str | None:
    found = _word_at(text, offset)
    if found is None:
        return None
    decl = view.declarations().get(found[0])
    if decl is None:
        return None
    kind, item = decl
    span = getattr(item, "name_span", None) or item.span
    where = ""
    if span is not None:
        name = span.source.name
        shown = display_path(Path(name)) if Path(name).is_absolute() else name
        where = f"`{shown}:{span.line}`"
    values: tuple[str, ...] = ()
    default = None
    if isinstance(item, nodes.Switch):
        values, default = item.values, item.default
    return declaration_hover(
        kind,
        found[0],
        title=getattr(item, "title", None),
        values=values,
        default=default,
        where=where,
        lang=lang,
    )


def hover(
    text: str,
    offset: int,
    tree: nodes.RuleFile | None,
    view: RuleSetView,
    inventory: Inventory,
    lang: str,
) -> str | None:
    """Markdown for the cursor: a citation, a field path, or a named declaration."""
    if tree is not None:
        shown = _citation_hover(tree, offset, view, inventory, lang)
        if shown is not None:
            return shown
    return _field_hover(text, offset, lang) or _declaration_hover(text, offset, view, lang)


# ------------------------------------------------------------------ formatting
@attrs.frozen
class Edit:
    """Replace ``[start, end)`` of the document with ``new_text``."""

    start: int
    end: int
    new_text: str


def formatting(text: str, name: str) -> list[Edit] | None:
    """The formatter's canonical layout as one edit; ``None`` when the text does not parse."""
    try:
        new = format_source(text, source=name)
    except KerjasamaError:
        return None
    return [] if new == text else [Edit(0, len(text), new)]
