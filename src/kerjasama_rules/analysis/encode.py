"""Checked expressions -> z3 terms with the language's three-valued meaning.

The reference meaning is ``engine/compiler.py``; this module states the same meaning as
logic, so that a solver can answer "is there an agreement such that ...". Every value is
a :class:`Val`: a *known* flag and a value that means something only when known. A fact
of the agreement is a *present* flag plus a value variable (a missing fact is unknown,
never false); ``terisi`` reads the flag. Booleans follow Kleene: ``T = known and v``,
``F = known and not v``. Strict operators are known when both operands are.

Domains: enums and switches are integers over their members, dates are day numbers
(``date.toordinal``) between 1990-01-01 and 2100-12-31, durations are
``(years, months, days)`` ordered exactly like :class:`~kerjasama_rules.model.duration.
Duration` (both added to 2000-01-01), texts are z3 strings, lists hold at most
:data:`LIST_BOUND` items. The working-day functions are uninterpreted and constrained
soundly (at least ``n`` calendar days; monotone in the start date; between zero and the
calendar days for ``hari_kerja_antara``); their applications are recorded so that a
witness can be checked, and pinned, on the real calendar.

A construct without an encoding raises :class:`NotEncodable` naming it; the analyzer then
reports the rule as "not analysed" instead of proving anything about it.

Longer than 600 lines because every construct of the language has its encoding here, one
beside the other like the closures of ``engine/compiler.py`` they mirror: split up, the
three-valued rules would be scattered over several files and harder to check against the
compiler.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import z3

from ..language import nodes
from ..language.checker import CheckedRules
from ..language.typesys import Type, record_fields
from ..model.agreement import Agreement

__all__ = [
    "DATE_MAX",
    "DATE_MIN",
    "LIST_BOUND",
    "Encoder",
    "Fact",
    "NotEncodable",
    "Val",
    "WorkingDayCall",
]

LIST_BOUND = 4
# The largest list bound a rule's numbers may ask for (see :func:`list_bound_for`).
LIST_BOUND_MAX = 12
DATE_MIN = datetime.date(1990, 1, 1).toordinal()
DATE_MAX = datetime.date(2100, 12, 31).toordinal()
_MAX_YEARS, _MAX_MONTHS, _MAX_DAYS = 100, 1200, 36500
# Every character Python's str.strip() removes: `kosong` is "empty after strip".
_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
)
# The same characters as ranges, which the solver handles much faster than a union.
_BLANK = z3.Star(
    z3.Union(
        *[
            z3.Range(a, b)
            for a, b in (
                ("\t", "\r"), ("\x1c", " "), ("\x85", "\x85"), ("\xa0", "\xa0"),
                ("\u1680", "\u1680"), ("\u2000", "\u200a"), ("\u2028", "\u2029"),
                ("\u202f", "\u202f"), ("\u205f", "\u205f"), ("\u3000", "\u3000"),
            )
        ]
    )
)  # fmt: skip
_CUM_DAYS = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)


class NotEncodable(Exception):
    """A construct the encoding does not cover; ``construct`` names it for the report."""

    def __init__(self, construct: str) -> None:
        super().__init__(construct)
        self.construct = construct


@attrs.frozen
class Val:
    """A three-valued value: ``v`` is meaningful only where ``known`` holds.

    ``v`` is a z3 term, a ``(years, months, days)`` triple for durations, a
    :class:`ListVal` for lists, or ``None`` for records (only their presence is read).
    """

    known: Any
    v: Any

    @property
    def t(self) -> Any:
        """Known and true (for booleans)."""
        return z3.And(self.known, self.v)

    @property
    def f(self) -> Any:
        """Known and false (for booleans)."""
        return z3.And(self.known, z3.Not(self.v))


@attrs.frozen
class ListVal:
    """A list: its length and its items (``Val`` for scalars, an item path for records)."""

    length: Any
    items: tuple[Any, ...]
    const: tuple[Any, ...] | None = None  # the Python values of a constant list


@attrs.frozen
class Fact:
    """One fact of the agreement: where it is, its type, its flag and its variables."""

    path: str
    type: Type
    present: Any
    value: Any  # z3 term, duration triple, list length, or None for a record


@attrs.frozen
class WorkingDayCall:
    """One application of an uninterpreted function (a working-day function, a date
    shift), to check against the real one when a witness is replayed."""

    func: str  # "working_days_after" | "working_days_between" | "date_plus" | "date_minus"
    cuti: Any
    a: Any
    b: Any
    result: Any


def _ordinal_of_year_start(y: Any) -> Any:
    # date(y, 1, 1).toordinal() for the proleptic Gregorian calendar, in linear arithmetic.
    p = y - 1
    return 365 * p + p / 4 - p / 100 + p / 400 + 1


def _is_leap(y: Any) -> Any:
    return z3.And(y % 4 == 0, z3.Or(y % 100 != 0, y % 400 == 0))


def duration_end(d: tuple[Any, Any, Any]) -> Any:
    """Days from 2000-01-01 to 2000-01-01 + the duration, exactly as ``Duration._end``.

    Adding whole months to the first of a month never clips, so the end is the first of
    the month ``12*years + months`` months later, plus the days.
    """
    years, months, days = d
    total = 12 * years + months
    k = total / 12
    m = total % 12
    cum: Any = z3.IntVal(_CUM_DAYS[11])
    for i in range(10, -1, -1):
        cum = z3.If(m == i, _CUM_DAYS[i], cum)
    leap = z3.If(z3.And(m >= 2, _is_leap(2000 + k)), 1, 0)
    start = _ordinal_of_year_start(2000 + k) - datetime.date(2000, 1, 1).toordinal()
    return start + cum + leap + days


class Encoder:
    """Encodes the expressions of one :class:`CheckedRules`; owns the fact variables.

    ``axioms`` grows as facts and function applications are created: every query must
    assert all of them (the analyzer adds the new ones to its solver after each
    encoding).
    """

    def __init__(self, checked: CheckedRules) -> None:
        self.checked = checked
        # Lists hold at most this many items: LIST_BOUND, or more when a rule compares a
        # list's size (or a count) with a larger number.
        self.list_bound = list_bound_for(checked)
        self.facts: dict[str, Fact] = {}
        self.axioms: list[Any] = []
        self.calls: list[WorkingDayCall] = []
        self.used_calendar = False
        # Whether some construct is over-approximated (its witnesses need the replay).
        self.approximated = False
        self._defs: dict[str, tuple[Val, frozenset[str]]] = {}
        self._dets: dict[str, tuple[Val, frozenset[str]]] = {}
        self.reads: set[str] = set()
        self.groups: dict[str, tuple[str, ...]] = {}
        self._fresh = 0
        self.as_of = z3.Int("as_of")
        self.axioms.append(z3.And(self.as_of >= DATE_MIN, self.as_of <= DATE_MAX))
        self.switches: dict[str, tuple[Any, tuple[str, ...]]] = {}
        for name, sw in checked.switches.items():
            var = z3.Int("saklar." + name)
            self.switches[name] = (var, tuple(sw.values))
            self.axioms.append(z3.And(var >= 0, var < len(sw.values)))
        if "cuti_bersama" not in self.switches:
            # The calendar choice exists even when no rule file declares the switch.
            var = z3.Int("saklar.cuti_bersama")
            self.switches["cuti_bersama"] = (var, ("libur", "kerja"))
            self.axioms.append(z3.And(var >= 0, var < 2))
        self._root_types = record_fields(Agreement)
        jenis = self.fact("jenis")
        self.axioms.append(jenis.present)  # required by the loader
        self.fact("id")
        self.axioms.append(self.facts["id"].present)

    # ------------------------------------------------------------------ facts
    def _type_of(self, path: str) -> Type:
        fields = self._root_types
        t: Type | None = None
        for part in path.replace("]", "").split("."):
            name, _, idx = part.partition("[")
            t = fields[name]
            if idx:
                assert t.elem is not None
                t = t.elem
            if t.kind == "record" and t.record is not None:
                fields = record_fields(t.record)
        assert t is not None
        return t

    def fact(self, path: str) -> Fact:
        """The variables of the fact at ``path`` (``dprd.diterima``, ``mitra[1].jenis``)."""
        got = self.facts.get(path)
        if got is not None:
            return got
        t = self._type_of(path)
        present = z3.Bool("p:" + path)
        value: Any
        ax: list[Any] = []
        if t.kind == "enum":
            assert t.enum is not None
            value = z3.Int(path)
            ax.append(z3.And(value >= 0, value < len(list(t.enum))))
        elif t.kind == "bool":
            value = z3.Bool(path)
        elif t.kind == "int":
            value = z3.Int(path)
        elif t.kind == "number":
            value = z3.Real(path)
        elif t.kind == "date":
            value = z3.Int(path)
            ax.append(z3.And(value >= DATE_MIN, value <= DATE_MAX))
        elif t.kind == "text":
            value = z3.String(path)
            if path.rpartition(".")[2] == "negara":
                # The loader accepts only two ASCII letters and upper-cases them.
                ax.append(z3.InRe(value, z3.Loop(z3.Range("A", "Z"), 2, 2)))
        elif t.kind == "duration":
            value = (z3.Int(path + ".y"), z3.Int(path + ".m"), z3.Int(path + ".d"))
            ax.append(z3.And(value[0] >= 0, value[0] <= _MAX_YEARS))
            ax.append(z3.And(value[1] >= 0, value[1] <= _MAX_MONTHS))
            ax.append(z3.And(value[2] >= 0, value[2] <= _MAX_DAYS))
        elif t.kind == "list":
            value = z3.Int(path + ".len")
            ax.append(z3.And(value >= 0, value <= self.list_bound))
        elif t.kind == "record":
            value = None
        else:  # pragma: no cover - the model has no other kinds
            raise NotEncodable(f"field of type {t}")
        fact = Fact(path, t, present, value)
        self.facts[path] = fact
        # A fact's flag and value variables go into a query together (see the analyzer's
        # cone of influence), so a witness never shows a present fact with no value.
        names = [present.decl().name()]
        if isinstance(value, tuple):
            names += [v.decl().name() for v in value]
        elif value is not None:
            names.append(value.decl().name())
        for n in names:
            self.groups[n] = tuple(names)
        # A fact is present only inside a present record, or a list item inside its list.
        if "." in path or "[" in path:
            parent, last = _split_parent(path)
            if "[" in last and "." not in last:
                lst, _, idx = last.partition("[")
                lfact = self.fact(parent + lst if parent else lst)
                i = int(idx.rstrip("]"))
                ax.append(present == z3.And(lfact.present, i < lfact.value))
            else:
                ax.append(z3.Implies(present, self.fact(parent.rstrip(".")).present))
        self.axioms.extend(ax)
        return fact

    def fact_val(self, path: str) -> Val:
        """A fact as a value: unknown when absent."""
        f = self.fact(path)
        self.reads.add(path)
        if f.type.kind == "list":
            return Val(f.present, self._list_items(path, f))
        return Val(f.present, f.value)

    def _list_items(self, path: str, f: Fact) -> ListVal:
        assert f.type.elem is not None
        items: list[Any] = []
        for i in range(self.list_bound):
            item_path = f"{path}[{i}]"
            if f.type.elem.kind == "record":
                self.fact(item_path)
                items.append(item_path)
            else:
                items.append(self.fact_val(item_path))
        return ListVal(f.value, tuple(items))

    # ------------------------------------------------------------------ expressions
    def enc(self, e: nodes.Expr, env: dict[str, Any] | None = None) -> Val:
        """The three-valued encoding of a checked expression."""
        return self._e(e, env or {})

    def enc_reads(self, e: nodes.Expr) -> tuple[Val, frozenset[str]]:
        """Encode ``e`` and say which facts it reads (through definitions too)."""
        v, reads = self._tracked(lambda: self._e(e, {}))
        return v, reads

    def _tracked(self, make: Callable[[], Val]) -> tuple[Val, frozenset[str]]:
        outer = self.reads
        self.reads = set()
        try:
            v = make()
            reads = frozenset(self.reads)
        finally:
            self.reads = outer | self.reads
        return v, reads

    def _type(self, e: nodes.Expr) -> Type | None:
        return self.checked.types.get(id(e))

    def _e(self, e: nodes.Expr, env: dict[str, Any]) -> Val:
        if isinstance(e, nodes.Literal):
            return Val(z3.BoolVal(True), _const(e.value))
        if isinstance(e, nodes.DurationLit):
            d = e.value
            return Val(
                z3.BoolVal(True), (z3.IntVal(d.years), z3.IntVal(d.months), z3.IntVal(d.days))
            )
        if isinstance(e, nodes.Name | nodes.Field):
            return self._ref(e, env)
        if isinstance(e, nodes.Present):
            return Val(z3.BoolVal(True), self._present_flag(e.target, env))
        if isinstance(e, nodes.SetLit):
            items = tuple(self._e(i, env) for i in e.items)
            known = z3.And(*[i.known for i in items]) if items else z3.BoolVal(True)
            return Val(known, ListVal(z3.IntVal(len(items)), items))
        if isinstance(e, nodes.Quantifier):
            return self._quantifier(e, env)
        if isinstance(e, nodes.Call):
            return self._call(e, env)
        if isinstance(e, nodes.Unary):
            x = self._e(e.operand, env)
            if e.op == "not":
                return Val(x.known, z3.Not(x.v))
            if isinstance(x.v, tuple):
                raise NotEncodable("negative duration")
            return Val(x.known, -x.v)
        return self._binary(e, env)

    def _ref(self, e: nodes.Name | nodes.Field, env: dict[str, Any]) -> Val:
        res = self.checked.resolutions.get(id(e))
        if res is not None and res.kind == "table_column":
            table, col = res.target
            values = tuple(self.checked.table_columns[table][col])
            items = tuple(Val(z3.BoolVal(True), _const_any(v)) for v in values)
            return Val(z3.BoolVal(True), ListVal(z3.IntVal(len(values)), items, values))
        x, chain = nodes.path_parts(e)
        if not isinstance(x, nodes.Name):
            raise NotEncodable("field of a computed value")
        root = self.checked.resolutions[id(x)]
        if root.kind == "enum":
            return Val(z3.BoolVal(True), z3.IntVal(_enum_index(root.target)))
        if root.kind == "as_of":
            return Val(z3.BoolVal(True), self.as_of)
        if root.kind == "switch":
            var, _ = self.switches[x.name]
            return Val(z3.BoolVal(True), var)
        if root.kind == "definition":
            if chain:
                raise NotEncodable("field of a definition")
            return self._definition(x.name)
        if root.kind == "determination":
            if chain:
                raise NotEncodable("field of a determination")
            return self._determination(x.name)
        if root.kind == "field":
            return self.fact_val(".".join([x.name, *chain]))
        if root.kind == "local":
            bound = env[x.name]
            if isinstance(bound, str):  # a record item of a list fact
                if not chain:
                    return Val(self.fact(bound).present, None)
                return self.fact_val(bound + "." + ".".join(chain))
            if chain:
                raise NotEncodable("field of a list item value")
            assert isinstance(bound, Val)
            return bound
        raise NotEncodable(f"name of kind {root.kind}")

    def _present_flag(self, target: nodes.Expr, env: dict[str, Any]) -> Any:
        x, _ = nodes.path_parts(target)
        if isinstance(x, nodes.Name):
            root = self.checked.resolutions.get(id(x))
            if root is not None and root.kind == "as_of":
                return z3.BoolVal(True)
        return self._e(target, env).known

    def _definition(self, name: str) -> Val:
        got = self._defs.get(name)
        if got is None:
            expr = self.checked.definitions[name].expr
            got = self._defs[name] = self._tracked(lambda: self._e(expr, {}))
        self.reads |= got[1]
        return got[0]

    def _determination(self, name: str) -> Val:
        got = self._dets.get(name)
        if got is None:
            det = self.checked.determinations[name]
            got = self._dets[name] = self._tracked(lambda: self.determination_value(det))
        self.reads |= got[1]
        return got[0]

    def determination_value(self, det: nodes.Determination) -> Val:
        """First true case wins; an unknown case before the winner makes it unknown."""
        if det.otherwise is not None:
            rest = self._e(det.otherwise, {})
        else:
            rest = Val(z3.BoolVal(False), None)
        for case in reversed(det.cases):
            c = self._e(case.cond, {})
            v = self._e(case.value, {})
            known = z3.Or(z3.And(c.t, v.known), z3.And(c.f, rest.known))
            rest = Val(known, _ite(c.t, v.v, rest.v))
        return rest

    # ------------------------------------------------------------------ quantifiers
    def _list(self, e: nodes.Expr, env: dict[str, Any]) -> Val:
        x = self._e(e, env)
        if not isinstance(x.v, ListVal):
            raise NotEncodable("list value")
        return x

    def _quantifier(self, e: nodes.Quantifier, env: dict[str, Any]) -> Val:
        coll = self._list(e.collection, env)
        lst: ListVal = coll.v
        bodies = []
        for i, item in enumerate(lst.items):
            inner = dict(env)
            inner[e.var] = item
            bodies.append(
                (
                    z3.BoolVal(True) if lst.const is not None else i < lst.length,
                    self._e(e.body, inner),
                )
            )
        if e.kind == "any":
            t = z3.Or(*[z3.And(r, b.t) for r, b in bodies]) if bodies else z3.BoolVal(False)
            f = z3.And(*[z3.Or(z3.Not(r), b.f) for r, b in bodies]) if bodies else z3.BoolVal(True)
        elif e.kind == "all":
            t = z3.And(*[z3.Or(z3.Not(r), b.t) for r, b in bodies]) if bodies else z3.BoolVal(True)
            f = z3.Or(*[z3.And(r, b.f) for r, b in bodies]) if bodies else z3.BoolVal(False)
        else:
            known = (
                z3.And(*[z3.Implies(r, b.known) for r, b in bodies]) if bodies else z3.BoolVal(True)
            )
            count = (
                z3.Sum(*[z3.If(z3.And(r, b.t), 1, 0) for r, b in bodies])
                if bodies
                else z3.IntVal(0)
            )
            return Val(z3.And(coll.known, known), count)
        # An absent list is unknown whatever the body says.
        return Val(z3.And(coll.known, z3.Or(t, f)), t)

    # ------------------------------------------------------------------ calls
    def _call(self, e: nodes.Call, env: dict[str, Any]) -> Val:
        from ..language.functions import REGISTRY

        name = REGISTRY[e.func].names[0]
        args = [self._e(a, env) for a in e.args]
        known = z3.And(*[a.known for a in args]) if args else z3.BoolVal(True)
        vals = [a.v for a in args]
        if name == "blank":
            return Val(known, z3.InRe(vals[0], _BLANK))
        if name == "size":
            if isinstance(vals[0], ListVal):
                return Val(known, vals[0].length)
            return Val(known, z3.Length(vals[0]))
        if name == "days_between":
            return Val(known, vals[1] - vals[0])
        if name == "year":
            self._fresh += 1
            y = z3.Int(f"year#{self._fresh}")
            d = vals[0]
            self.axioms.append(
                z3.Implies(
                    known,
                    z3.And(
                        _ordinal_of_year_start(y) <= d,
                        d < _ordinal_of_year_start(y + 1),
                        y >= 1900,
                        y <= 2200,
                    ),
                )
            )
            return Val(known, y)
        if name in ("min", "max"):
            if any(isinstance(v, tuple) for v in vals):
                raise NotEncodable(f"{e.func} of durations")
            out = vals[0]
            for v in vals[1:]:
                out = z3.If(v < out, v, out) if name == "min" else z3.If(v > out, v, out)
            return Val(known, out)
        if name == "lower":
            # No solver theory lowers Unicode text fast: each application is a fresh text,
            # a sound over-approximation. A claim that rests on it is replayed on the engine.
            self._fresh += 1
            self.approximated = True
            return Val(known, z3.String(f"lower#{self._fresh}"))
        if name in ("working_days_after", "working_days_between"):
            return Val(known, self._working_days(name, vals, e))
        raise NotEncodable(f"function {e.func}")

    def _working_days(self, name: str, vals: list[Any], e: nodes.Call) -> Any:
        self.used_calendar = True
        cuti = self.switches["cuti_bersama"][0]
        a, b = vals
        if name == "working_days_after":
            if not (isinstance(e.args[1], nodes.Literal) and isinstance(e.args[1].value, int)):
                raise NotEncodable(f"{e.func} with a computed number of days")
            if e.args[1].value < 0:
                raise NotEncodable(f"{e.func} with a negative number of days")
            fn = z3.Function(
                "working_days_after", z3.IntSort(), z3.IntSort(), z3.IntSort(), z3.IntSort()
            )
            t = fn(cuti, a, b)
            # The n-th working day after d is at least n calendar days later.
            self.axioms.append(t >= a + b)
            self.axioms.append(t <= DATE_MAX + 400)
        else:
            fn = z3.Function(
                "working_days_between", z3.IntSort(), z3.IntSort(), z3.IntSort(), z3.IntSort()
            )
            t = fn(cuti, a, b)
            # Working days in (a, b] are between none and all of the calendar days.
            self.axioms.append(
                z3.If(a <= b, z3.And(t >= 0, t <= b - a), z3.And(t <= 0, t >= b - a))
            )
        for old in self.calls:
            if old.func != name or old.cuti is None:
                continue
            # Monotone: a later start (or end) never gives an earlier due date (fewer days);
            # and from no later a start, more working days end strictly later.
            if name == "working_days_after":
                for x, y in (
                    ((old.a, old.b, old.result), (a, b, t)),
                    ((a, b, t), (old.a, old.b, old.result)),
                ):
                    self.axioms.append(
                        z3.Implies(
                            z3.And(old.cuti == cuti, x[0] <= y[0], x[1] <= y[1]), x[2] <= y[2]
                        )
                    )
                    self.axioms.append(
                        z3.Implies(z3.And(old.cuti == cuti, x[0] <= y[0], x[1] < y[1]), x[2] < y[2])
                    )
            else:
                self.axioms.append(
                    z3.Implies(z3.And(old.cuti == cuti, old.a == a, old.b <= b), old.result <= t)
                )
                self.axioms.append(
                    z3.Implies(z3.And(old.cuti == cuti, old.a == a, b <= old.b), t <= old.result)
                )
        self.calls.append(WorkingDayCall(name, cuti, a, b, t))
        return t

    # ------------------------------------------------------------------ calendar arithmetic
    def _shift(self, d: Any, dur: tuple[Any, Any, Any], sign: int) -> Any:
        """``d ± duration`` (``relativedelta``: months first, the day clipped to the
        month's end, then days), modelled soundly: an uninterpreted function bounded by
        the shortest and longest calendar lengths of the duration and monotone in ``d``;
        a witness replay pins its values to the real ones."""
        years, months, days = dur
        fn = z3.Function(
            "date_plus" if sign > 0 else "date_minus",
            z3.IntSort(), z3.IntSort(), z3.IntSort(), z3.IntSort(), z3.IntSort(),
        )  # fmt: skip
        t = fn(d, years, months, days)
        # A year is 365 or 366 days, a month 28 to 31; clipping loses at most 3 days.
        low = 365 * years + 28 * months + days - 3
        high = 366 * years + 31 * months + days
        if sign > 0:
            self.axioms.append(z3.And(t >= d + low, t <= d + high))
        else:
            self.axioms.append(z3.And(t <= d - low, t >= d - high))
        for old in self.calls:
            if old.func == fn.name():
                same = z3.And(old.b[0] == years, old.b[1] == months, old.b[2] == days)
                self.axioms.append(z3.Implies(z3.And(same, old.a <= d), old.result <= t))
                self.axioms.append(z3.Implies(z3.And(same, d <= old.a), t <= old.result))
        self.calls.append(WorkingDayCall(fn.name(), None, d, (years, months, days), t))
        return t

    # ------------------------------------------------------------------ operators
    def _binary(self, e: nodes.Binary, env: dict[str, Any]) -> Val:
        op = e.op
        a = self._e(e.left, env)
        b = self._e(e.right, env)
        if op == "and":
            return Val(z3.Or(a.f, b.f, z3.And(a.known, b.known)), z3.And(a.v, b.v))
        if op == "or":
            return Val(z3.Or(a.t, b.t, z3.And(a.known, b.known)), z3.Or(a.v, b.v))
        if op == "implies":
            return Val(z3.Or(a.f, b.t, z3.And(a.known, b.known)), z3.Or(z3.Not(a.v), b.v))
        known = z3.And(a.known, b.known)
        if op in ("in", "notin"):
            if not isinstance(b.v, ListVal):
                raise NotEncodable("membership in a non-list")
            lst: ListVal = b.v
            hits = []
            for i, item in enumerate(lst.items):
                if isinstance(item, str):
                    raise NotEncodable("membership of a record")
                in_range = z3.BoolVal(True) if lst.const is not None else i < lst.length
                hits.append(z3.And(in_range, _eq(a.v, item.v)))
                known = z3.And(known, z3.Implies(in_range, item.known))
            member = z3.Or(*hits) if hits else z3.BoolVal(False)
            return Val(known, z3.Not(member) if op == "notin" else member)
        ltype = self._type(e.left)
        if op in ("==", "!=", "<", "<=", ">", ">="):
            if (ltype is not None and ltype.kind == "list") or isinstance(a.v, ListVal):
                raise NotEncodable("comparison of lists")
            if isinstance(a.v, tuple):
                return Val(known, _compare_durations(op, a.v, b.v))
            return Val(known, _COMPARE[op](*_coerce(a.v, b.v)))
        return self._arith(e, a, b, known)

    def _arith(self, e: nodes.Binary, a: Val, b: Val, known: Any) -> Val:
        op = e.op
        if isinstance(a.v, tuple) and isinstance(b.v, tuple):
            if op != "+":
                raise NotEncodable("duration subtraction")
            return Val(known, tuple(x + y for x, y in zip(a.v, b.v, strict=True)))
        if isinstance(b.v, tuple) and op in ("+", "-"):
            return Val(known, self._shift(a.v, b.v, 1 if op == "+" else -1))
        if isinstance(a.v, tuple) and op == "+":
            return Val(known, self._shift(b.v, a.v, 1))
        if isinstance(a.v, tuple) or isinstance(b.v, tuple):
            raise NotEncodable("arithmetic with a duration")
        if z3.is_string(a.v):
            if op != "+":
                raise NotEncodable(f"text operator {op}")
            return Val(known, z3.Concat(a.v, b.v))
        x, y = _coerce(a.v, b.v)
        if op == "+":
            return Val(known, x + y)
        if op == "-":
            return Val(known, x - y)
        if op == "*":
            return Val(known, x * y)
        # `/` always gives a decimal; dividing by zero gives an unknown.
        return Val(z3.And(known, y != 0), z3.ToReal(x) / z3.ToReal(y) if z3.is_int(x) else x / y)


# ------------------------------------------------------------------ helpers
def _split_parent(path: str) -> tuple[str, str]:
    """``a.b[2].c`` -> (``a.b[2].``, ``c``); ``mitra[1]`` -> (``""``, ``mitra[1]``)."""
    dot = path.rfind(".")
    if dot < 0:
        return "", path
    return path[: dot + 1], path[dot + 1 :]


def _enum_index(member: enum.Enum) -> int:
    return list(type(member)).index(member)


def _const(value: Any) -> Any:
    if isinstance(value, bool):
        return z3.BoolVal(value)
    if isinstance(value, int):
        return z3.IntVal(value)
    if isinstance(value, Decimal):
        return z3.RealVal(str(value))
    if isinstance(value, datetime.date):
        return z3.IntVal(value.toordinal())
    if isinstance(value, str):
        return z3.StringVal(value)
    raise NotEncodable(f"literal {value!r}")


def _const_any(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return z3.IntVal(_enum_index(value))
    if hasattr(value, "years") and hasattr(value, "months"):
        return (z3.IntVal(value.years), z3.IntVal(value.months), z3.IntVal(value.days))
    return _const(value)


def _coerce(x: Any, y: Any) -> tuple[Any, Any]:
    if z3.is_int(x) and z3.is_real(y):
        return z3.ToReal(x), y
    if z3.is_real(x) and z3.is_int(y):
        return x, z3.ToReal(y)
    return x, y


def _eq(x: Any, y: Any) -> Any:
    if isinstance(x, tuple):
        return z3.And(*[p == q for p, q in zip(x, y, strict=True)])
    p, q = _coerce(x, y)
    return p == q


def _ite(c: Any, x: Any, y: Any) -> Any:
    if x is None or y is None:
        return x if y is None else y
    if isinstance(x, tuple):
        return tuple(z3.If(c, p, q) for p, q in zip(x, y, strict=True))
    if isinstance(x, ListVal) or isinstance(y, ListVal):
        raise NotEncodable("determination with a list value")
    p, q = _coerce(x, y)
    return z3.If(c, p, q)


def _compare_durations(op: str, a: tuple[Any, Any, Any], b: tuple[Any, Any, Any]) -> Any:
    # `==` compares the fields (5 tahun != 60 bulan); ordering compares the end dates.
    if op == "==":
        return _eq(a, b)
    if op == "!=":
        return z3.Not(_eq(a, b))
    return _COMPARE[op](duration_end(a), duration_end(b))


_COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "==": lambda x, y: x == y,
    "!=": lambda x, y: x != y,
    "<": lambda x, y: x < y,
    "<=": lambda x, y: x <= y,
    ">": lambda x, y: x > y,
    ">=": lambda x, y: x >= y,
}


def list_bound_for(checked: CheckedRules) -> int:
    """The list bound that decides every size comparison of the rules.

    A comparison ``ukuran(mitra) <= 10`` (or ``banyaknya m dalam mitra: ... >= 6``) tells
    lists of up to 10 items from longer ones only when lists of 11 items exist in the
    model: the bound is one more than the largest whole number compared with a size or a
    count, at least :data:`LIST_BOUND` and at most :data:`LIST_BOUND_MAX` (a claim about
    longer lists then rests on the bound, which every finding states).
    """
    from ..language.functions import REGISTRY

    exprs: list[nodes.Expr] = []
    for r in checked.rules:
        exprs += [x for x in (r.when, *r.unless) if x is not None]
        for q in r.requirements:
            exprs += [x for x in (q.expr, q.guard) if x is not None]
    for d in checked.definitions.values():
        exprs.append(d.expr)
    for det in checked.determinations.values():
        exprs += [c.cond for c in det.cases]
    bound = LIST_BOUND
    for e in exprs:
        for x in nodes.subexpressions(e):
            if not isinstance(x, nodes.Binary) or x.op not in ("==", "!=", "<", "<=", ">", ">="):
                continue
            inner = nodes.subexpressions(x.left) + nodes.subexpressions(x.right)
            sized = any(
                (isinstance(y, nodes.Quantifier) and y.kind == "count")
                or (isinstance(y, nodes.Call) and REGISTRY.get(y.func) is not None
                    and REGISTRY[y.func].names[0] == "size")
                for y in inner
            )  # fmt: skip
            if not sized:
                continue
            for y in inner:
                if isinstance(y, nodes.Literal) and type(y.value) is int:
                    bound = max(bound, min(LIST_BOUND_MAX, y.value + 1))
    return bound
