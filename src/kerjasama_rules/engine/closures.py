"""The closures expressions compile to, and the :class:`Context` they read.

Every builder here returns a closure ``f(ctx) -> value``; ``compiler.Compiler`` chooses
which builder each checked expression needs. Three-valued logic (Kleene) lives in these
closures: ``False and unknown`` is false, ``True or unknown`` is true, anything else that
touches an unknown is unknown, and the unknown carries the paths of the missing facts.
The ``*_rec`` builders and the ``rec`` flavours are the recording closures: they append
``(path, value)`` for each fact they read to ``ctx.record`` and keep only the reads that
decided the result.
"""

from __future__ import annotations

import datetime
import enum
import operator
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from .. import limits
from ..errors import Diagnostic, EvaluationError
from ..language.values import Unknown, merge
from ..model.duration import Duration, shift_date

Fn = Callable[["Context"], Any]

_U = Unknown
_AS_OF_UNKNOWN = Unknown(frozenset({"as_of"}))


class Context:
    """Everything one evaluation of one agreement reads: facts, inputs and scratch space."""

    __slots__ = (
        "agreement",
        "as_of",
        "calendar",
        "evidence",
        "keep_reads",
        "locals",
        "memo",
        "paths",
        "record",
        "switches",
        "work",
    )

    def __init__(
        self,
        agreement: Any,
        as_of: datetime.date | None,
        calendar: Any,
        switches: dict[str, Any] | None = None,
    ) -> None:
        self.agreement = agreement
        self.as_of = as_of
        self.calendar = calendar
        self.switches: dict[str, Any] = switches or {}
        # Whether findings and notes carry the facts behind them (recording re-runs).
        self.evidence = True
        self.locals: dict[str, Any] = {}
        self.paths: dict[str, str] = {}
        self.memo: dict[str, Any] = {}
        self.record: list[tuple[str, Any]] | None = None
        # `kerjasama explain`: keep every fact read, not only those that decided.
        self.keep_reads = False
        # The steps this evaluation may still take (limit `max_evaluation_work`).
        self.work = limits.current().max_evaluation_work


class WorkLimitError(EvaluationError):
    """An evaluation took more steps than ``max_evaluation_work`` allows.

    Raised by :func:`spend` without a place; the rule runner adds the rule and the
    evaluator the agreement (:meth:`located`), so the message names both.
    """

    def __init__(
        self, rule: str | None = None, agreement: str | None = None, source: str | None = None
    ) -> None:
        self.rule, self.agreement, self.source = rule, agreement, source
        most = limits.current().max_evaluation_work
        what = "the evaluation"
        if rule is not None:
            what += f" of rule `{rule}`"
        if agreement is not None:
            what += f" on agreement `{agreement}`"
        what += f" takes more than {most:,} steps (items of the lists its quantifiers go through)"
        super().__init__(
            [
                Diagnostic(
                    code="limit.evaluation-work",
                    message=limits.limit_message("max_evaluation_work", what),
                    file=source,
                    help="quantifiers nested over long lists multiply their steps: shorten "
                    "the lists or the nesting, or raise the limit "
                    "(kerjasama_rules.limits.configure)",
                    args=(("limit", "max_evaluation_work"), ("value", str(most))),
                )
            ]
        )

    def located(
        self, *, rule: str | None = None, agreement: str | None = None, source: str | None = None
    ) -> WorkLimitError:
        """The same error with more of its place filled in (what is known stays)."""
        return WorkLimitError(self.rule or rule, self.agreement or agreement, self.source or source)


def spend(ctx: Context, steps: int) -> None:
    """Count ``steps`` against the evaluation's budget; over it, :class:`WorkLimitError`."""
    ctx.work -= steps
    if ctx.work < 0:
        raise WorkLimitError


def const(value: Any) -> Fn:
    """A closure returning ``value`` (literals, enum members, table columns)."""
    return lambda ctx: value


def memoised(key: str, body: Fn) -> Fn:
    """``body`` computed at most once per evaluation, kept in ``ctx.memo[key]``."""

    def memo(ctx: Context) -> Any:
        m = ctx.memo
        if key in m:
            return m[key]
        v = body(ctx)
        m[key] = v
        return v

    return memo


def recorded_as(name: str, fn: Fn) -> Fn:
    """``fn`` whose value is recorded as a derived fact named ``name``."""

    def rec(ctx: Context) -> Any:
        v = fn(ctx)
        assert ctx.record is not None
        ctx.record.append((name, None if v.__class__ is _U else v))
        return v

    return rec


def as_of_value(rec: bool) -> Fn:
    """The reference date of the run; unknown (``as_of``) when none was given."""

    def as_of(ctx: Context) -> Any:
        v = ctx.as_of
        if rec and ctx.record is not None:
            ctx.record.append(("as_of", v))
        return _AS_OF_UNKNOWN if v is None else v

    return as_of


def switch_value(name: str, rec: bool) -> Fn:
    """The value of interpretation switch ``name`` in this run."""

    def switch(ctx: Context) -> Any:
        v = ctx.switches[name]
        if rec and ctx.record is not None:
            ctx.record.append(("saklar." + name, v))
        return v

    return switch


def field_path(names: list[str], rec: bool) -> Fn:
    """A field path of the agreement; unknown with its JSONPath when a link is ``None``."""
    path = "$." + ".".join(names)
    unk = Unknown(frozenset({path}))
    if rec:

        def field_rec(ctx: Context) -> Any:
            v = ctx.agreement
            for n in names:
                v = getattr(v, n)
                if v is None:
                    assert ctx.record is not None
                    ctx.record.append((path, None))
                    return unk
            assert ctx.record is not None
            ctx.record.append((path, v))
            return v

        return field_rec
    if len(names) == 1:
        get1 = operator.attrgetter(names[0])

        def field1(ctx: Context) -> Any:
            v = get1(ctx.agreement)
            return unk if v is None else v

        return field1
    if len(names) == 2:
        a, b = names

        def field2(ctx: Context) -> Any:
            v = getattr(ctx.agreement, a)
            if v is None:
                return unk
            v = getattr(v, b)
            return unk if v is None else v

        return field2

    def field_n(ctx: Context) -> Any:
        v = ctx.agreement
        for n in names:
            v = getattr(v, n)
            if v is None:
                return unk
        return v

    return field_n


def local_path(var: str, chain: list[str], rec: bool) -> Fn:
    """A path from a quantifier's local variable (an item of a list)."""
    suffix = "".join("." + c for c in chain)

    def local(ctx: Context) -> Any:
        v = ctx.locals[var]
        for n in chain:
            v = getattr(v, n)
            if v is None:
                path = ctx.paths[var] + suffix
                if rec and ctx.record is not None:
                    ctx.record.append((path, None))
                return Unknown(frozenset({path}))
        if rec and ctx.record is not None and (chain or not hasattr(v, "__attrs_attrs__")):
            ctx.record.append((ctx.paths[var] + suffix, v))
        return v

    return local


def getattr_chain(base: Fn, chain: list[str]) -> Fn:
    """Attributes ``chain`` read from the value of ``base``."""

    def get(ctx: Context) -> Any:
        v = base(ctx)
        for n in chain:
            if v.__class__ is _U:
                return v
            v = getattr(v, n)
            if v is None:
                return Unknown(frozenset())
        return v

    return get


def and_(a: Fn, b: Fn) -> Fn:
    """Kleene ``dan``: false wins, then unknown."""

    def and_(ctx: Context) -> Any:
        x = a(ctx)
        if x is False:
            return False
        y = b(ctx)
        if y is False:
            return False
        if x is True:
            return y
        if y is True:
            return x
        return merge(x, y)

    return and_


def or_(a: Fn, b: Fn) -> Fn:
    """Kleene ``atau``: true wins, then unknown."""

    def or_(ctx: Context) -> Any:
        x = a(ctx)
        if x is True:
            return True
        y = b(ctx)
        if y is True:
            return True
        if x is False:
            return y
        if y is False:
            return x
        return merge(x, y)

    return or_


def and_rec(a: Fn, b: Fn) -> Fn:
    """Recording ``dan``: keeps only the reads of the conjunct(s) that made it false."""

    def and_(ctx: Context) -> Any:
        rec = ctx.record
        assert rec is not None
        start = len(rec)
        x = a(ctx)
        if x is False:
            return False
        mid = len(rec)
        y = b(ctx)
        if y is False:
            if not ctx.keep_reads:
                del rec[start:mid]
            return False
        if x is True:
            return y
        if y is True:
            return x
        return merge(x, y)

    return and_


def or_rec(a: Fn, b: Fn) -> Fn:
    """Recording ``atau``: keeps only the reads of the disjunct that made it true."""

    def or_(ctx: Context) -> Any:
        rec = ctx.record
        assert rec is not None
        start = len(rec)
        x = a(ctx)
        if x is True:
            return True
        mid = len(rec)
        y = b(ctx)
        if y is True:
            if not ctx.keep_reads:
                del rec[start:mid]
            return True
        if x is False:
            return y
        if y is False:
            return x
        return merge(x, y)

    return or_


def strict2(a: Fn, b: Fn, op: Callable[[Any, Any], Any]) -> Fn:
    """``op`` of two operands; unknown (their unknowns merged) if either is unknown."""

    def strict(ctx: Context) -> Any:
        x = a(ctx)
        y = b(ctx)
        if x.__class__ is _U or y.__class__ is _U:
            return merge(x, y)
        return op(x, y)

    return strict


def member_const(a: Fn, values: Any, *, negate: bool) -> Fn:
    """Membership of ``a`` in a constant set, as a lookup built once."""
    # Enum members are singletons: test identity through their ids, which hash in C
    # (Enum.__hash__ is Python code and dominated the profile).
    if values and all(isinstance(v, enum.Enum) for v in values):
        ids = frozenset(id(v) for v in values)
        if negate:
            return lambda ctx: x if (x := a(ctx)).__class__ is _U else id(x) not in ids
        return lambda ctx: x if (x := a(ctx)).__class__ is _U else id(x) in ids
    try:
        lookup: Any = frozenset(values)
    except TypeError:
        lookup = tuple(values)
    if negate:
        return lambda ctx: x if (x := a(ctx)).__class__ is _U else x not in lookup
    return lambda ctx: x if (x := a(ctx)).__class__ is _U else x in lookup


def compare_const(a: Fn, op: str, c: Any) -> Fn:
    """Comparison of ``a`` with the constant ``c``."""
    if isinstance(c, enum.Enum) and op in ("==", "!="):
        if op == "==":
            return lambda ctx: x if (x := a(ctx)).__class__ is _U else x is c
        return lambda ctx: x if (x := a(ctx)).__class__ is _U else x is not c
    fn = COMPARE[op]
    return lambda ctx: x if (x := a(ctx)).__class__ is _U else fn(x, c)


def membership(a: Fn, b: Fn, *, negate: bool) -> Fn:
    """Membership of ``a`` in the collection ``b``, both computed per run."""

    def member(ctx: Context) -> Any:
        x = a(ctx)
        y = b(ctx)
        if x.__class__ is _U or y.__class__ is _U:
            return merge(x, y)
        return (x not in y) if negate else (x in y)

    return member


def shift(d: datetime.date, dur: Duration, sign: int) -> datetime.date:
    """``d`` moved by the calendar duration ``dur`` forwards (``sign`` 1) or back (-1)."""
    # Same arithmetic as relativedelta without building one (see model.duration).
    return shift_date(d, dur, sign)


def divide(a: Any, b: Any) -> Any:
    """Exact decimal division; unknown when dividing by zero."""
    if b == 0:
        return Unknown(frozenset())
    return Decimal(a) / Decimal(b)


COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
ARITH: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
}
