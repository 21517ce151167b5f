"""The syntax tree of the policy language: frozen attrs classes, spans ignored in equality.

Second stage of the pipeline (``parser`` builds these, ``checker`` reads them, ``printer``
prints them back). The tree keeps everything needed to print a file back to source, so
two parses of the same rules compare equal whatever their layout (spans are ``eq=False``).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import attrs

from ..model.duration import Duration
from ..source import Span

_span = attrs.field(default=None, eq=False, repr=False)


# ------------------------------------------------------------------ citations
@attrs.frozen
class Citation:
    """A unit of law: ``PP 28/2018 Pasal 27 ayat (1) huruf a``.

    A requirement may cite only a sub-unit (``huruf f``); the checker completes it from
    the enclosing rule's first citation, so every citation in a checked rule set is whole.
    """

    instrument: str | None = None
    pasal: int | None = None
    ayat: int | None = None
    huruf: str | None = None
    angka: int | None = None
    penjelasan: bool = False
    span: Span | None = _span

    @property
    def text(self) -> str:
        """Indonesian citation order: ``Pasal 27 ayat (1) huruf a PP 28/2018``."""
        parts: list[str] = []
        if self.penjelasan:
            parts.append("Penjelasan")
        if self.pasal is not None:
            parts.append(f"Pasal {self.pasal}")
        if self.ayat is not None:
            parts.append(f"ayat ({self.ayat})")
        if self.huruf is not None:
            parts.append(f"huruf {self.huruf}")
        if self.angka is not None:
            parts.append(f"angka {self.angka}")
        if self.instrument:
            parts.append(self.instrument)
        return " ".join(parts)

    def specificity(self) -> int:
        """How deep the citation goes: pasal 1, ayat 2, huruf 3, angka 4."""
        return sum(x is not None for x in (self.pasal, self.ayat, self.huruf, self.angka))


# ------------------------------------------------------------------ expressions
@attrs.frozen
class Literal:
    """A constant: bool, int, decimal, text or date."""

    value: bool | int | Decimal | str | datetime.date
    span: Span | None = _span


@attrs.frozen
class DurationLit:
    """A duration literal such as ``5 tahun``.

    ``unit`` is canonical (``tahun``, ``bulan``, ``minggu``, ``hari``) so that ``5 years``
    and ``5 tahun`` are the same tree; ``written`` keeps the word of the file, for the
    formatter, and is ignored in equality.
    """

    amount: int
    unit: str
    span: Span | None = _span
    written: str | None = attrs.field(default=None, eq=False)

    @property
    def value(self) -> Duration:
        """The duration as a value."""
        u = self.unit
        if u in ("tahun", "years", "year"):
            return Duration(years=self.amount)
        if u in ("bulan", "months", "month"):
            return Duration(months=self.amount)
        if u in ("minggu", "weeks", "week"):
            return Duration(days=7 * self.amount)
        return Duration(days=self.amount)


# Every unit word of the grammar, in either language, to its canonical Indonesian form.
UNIT_CANON = {
    "tahun": "tahun", "years": "tahun", "year": "tahun",
    "bulan": "bulan", "months": "bulan", "month": "bulan",
    "minggu": "minggu", "weeks": "minggu", "week": "minggu",
    "hari": "hari", "days": "hari", "day": "hari",
}  # fmt: skip


@attrs.frozen
class Name:
    """A bare name: a field of the agreement, a definition, a table, a local or an enum value."""

    name: str
    span: Span | None = _span


@attrs.frozen
class Field:
    """``base.name``: a field of a record, or a column of a table."""

    base: Expr
    name: str
    span: Span | None = _span
    name_span: Span | None = _span


@attrs.frozen
class Call:
    """A call of a function from the fixed registry in ``functions.py``."""

    func: str
    args: tuple[Expr, ...]
    span: Span | None = _span


@attrs.frozen
class Unary:
    """``not x`` or ``-x``."""

    op: str  # "not" | "neg"
    operand: Expr
    span: Span | None = _span


@attrs.frozen
class Binary:
    """A binary operation.

    ``op`` is one of ``and or implies == != < <= > >= in notin + - * /``.
    """

    op: str
    left: Expr
    right: Expr
    span: Span | None = _span


@attrs.frozen
class SetLit:
    """``{a, b, c}``."""

    items: tuple[Expr, ...]
    span: Span | None = _span


@attrs.frozen
class Quantifier:
    """``any|all|count var in collection: body``."""

    kind: str  # "any" | "all" | "count"
    var: str
    collection: Expr
    body: Expr
    span: Span | None = _span
    var_span: Span | None = _span


@attrs.frozen
class Present:
    """``present path``: true when the fact is known. The only test that reads absence."""

    target: Expr
    span: Span | None = _span


Expr = Literal | DurationLit | Name | Field | Call | Unary | Binary | SetLit | Quantifier | Present


def children(e: Expr) -> tuple[Expr, ...]:
    """The expressions directly inside ``e``, in source order."""
    if isinstance(e, Field):
        return (e.base,)
    if isinstance(e, Call):
        return e.args
    if isinstance(e, Unary):
        return (e.operand,)
    if isinstance(e, Binary):
        return (e.left, e.right)
    if isinstance(e, SetLit):
        return e.items
    if isinstance(e, Quantifier):
        return (e.collection, e.body)
    if isinstance(e, Present):
        return (e.target,)
    return ()


def subexpressions(e: Expr) -> list[Expr]:
    """``e`` and every expression inside it (pre-order)."""
    out: list[Expr] = []
    stack = [e]
    while stack:
        x = stack.pop()
        out.append(x)
        stack.extend(reversed(children(x)))
    return out


def path_parts(e: Expr) -> tuple[Expr, list[str]]:
    """Split ``a.b.c`` into its root (``a``, usually a :class:`Name`) and ``["b", "c"]``."""
    chain: list[str] = []
    x = e
    while isinstance(x, Field):
        chain.append(x.name)
        x = x.base
    chain.reverse()
    return x, chain


def names_in(e: Expr) -> set[str]:
    """Every bare name used in ``e`` (fields, definitions, tables, locals, enum values)."""
    return {x.name for x in subexpressions(e) if isinstance(x, Name)}


# ------------------------------------------------------------------ declarations
@attrs.frozen
class Message:
    """A message in one language (``id`` by default, or ``en``)."""

    lang: str
    text: str
    span: Span | None = _span


@attrs.frozen
class Requirement:
    """``require expr``: one legal requirement, with its own citation, message and severity.

    ``guard`` (``if``/``jika``) says when the obligation falls due; while it is false the
    requirement is *pending*, not failed.
    """

    expr: Expr
    guard: Expr | None = None
    citations: tuple[Citation, ...] = ()
    messages: tuple[Message, ...] = ()
    severity: str | None = None
    span: Span | None = _span
    severity_span: Span | None = _span


@attrs.frozen
class Note:
    """``catatan "label" = expr``: a value the report shows when the rule applies
    (a due date, the working days left), whether or not the rule is met."""

    label: str
    expr: Expr
    guard: Expr | None = None  # shown only when this holds
    span: Span | None = _span
    # The label in other languages (`pesan en "..."` after the note).
    messages: tuple[Message, ...] = ()


@attrs.frozen
class Rule:
    """``rule "id" { ... }``: an article (or part of one) as checkable requirements."""

    id: str
    title: str | None
    citations: tuple[Citation, ...]
    when: Expr | None
    unless: tuple[Expr, ...]
    requirements: tuple[Requirement, ...]
    notes: tuple[Note, ...] = ()
    replaces: tuple[str, ...] = ()
    # The title in other languages (`judul en "..."`); `title` is the Indonesian one.
    titles: tuple[Message, ...] = ()
    span: Span | None = _span
    id_span: Span | None = _span

    def title_in(self, lang: str = "id") -> str | None:
        """The title in ``lang``, falling back to the Indonesian title."""
        for m in self.titles:
            if m.lang == lang:
                return m.text
        return self.title


@attrs.frozen
class Definition:
    """``define name = expr``: a named, reusable expression."""

    name: str
    expr: Expr
    citations: tuple[Citation, ...] = ()
    span: Span | None = _span
    name_span: Span | None = _span


@attrs.frozen
class Case:
    """``if cond then value``, one branch of a determination."""

    cond: Expr
    value: Expr
    citations: tuple[Citation, ...] = ()
    span: Span | None = _span


@attrs.frozen
class Determination:
    """A named conclusion the report exposes with its reasons (e.g. ``perlu_persetujuan_dprd``).

    The first case whose condition holds gives the value; an unknown condition before it
    makes the value unknown.
    """

    name: str
    title: str | None
    cases: tuple[Case, ...]
    otherwise: Expr | None = None
    otherwise_citations: tuple[Citation, ...] = ()
    span: Span | None = _span
    name_span: Span | None = _span


@attrs.frozen
class Column:
    """A typed column of a data table."""

    name: str
    type_name: str
    span: Span | None = _span


@attrs.frozen
class Table:
    """Law data kept in a rule file, with its source and the date it was last verified."""

    name: str
    title: str | None
    source: str | None
    verified: datetime.date | None
    columns: tuple[Column, ...]
    rows: tuple[tuple[Literal, ...], ...]
    span: Span | None = _span
    name_span: Span | None = _span


@attrs.frozen
class Switch:
    """An interpretation switch: a named choice where the law's sources leave a point open.

    Rules read it like an enum (``cuti_bersama == libur``); the value is ``default``
    unless a run sets another. ``reason`` documents why the default was chosen.
    """

    name: str
    title: str | None
    values: tuple[str, ...]
    default: str | None
    reason: str | None
    citations: tuple[Citation, ...] = ()
    span: Span | None = _span
    name_span: Span | None = _span
    default_span: Span | None = _span


@attrs.frozen
class InForce:
    """``masa_berlaku PP 28/2018 sejak 2018-07-13 [hingga ...]``: when a file's rules apply."""

    instrument: str
    start: datetime.date
    end: datetime.date | None = None
    span: Span | None = _span


Item = Rule | Definition | Determination | Table | Switch | InForce


@attrs.frozen
class RuleFile:
    """The items of one rule file, in source order."""

    name: str
    items: tuple[Item, ...]
