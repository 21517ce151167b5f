"""Minimal repair with z3: fewest changed facts, as soft constraints counted by a solver.

The rules that fail are encoded with the analyzer's :class:`~.encode.Encoder` (the
three-valued meaning, facts as a present flag plus a value). Hard constraints: the rules'
axioms, the run's settings (as-of date, switches), every fixed fact keeps its value, and
every targeted rule ends without an error-severity ``fail`` or ``unknown``. Soft
constraints: each fact keeps its value; the fewest are given up (then the fewest present
facts, so that filling a missing fact wins a tie), then as many preferences for values a
person would write as fit. The counting is done with pseudo-Boolean bounds on a plain
solver, smallest first (``repair_count.least``): z3's ``Optimize`` over the same soft constraints
timed out (over 5 s) on the text facts of the KSDPL cooperation plan, which this answers
in milliseconds. Only the count is proved minimal; the tie-breaks (fewer present facts
changed, the preferences) improve the model found and stop where the solver cannot
decide within a small resource limit, and the preferences choose values only, with the
set of changed facts kept. Every limit is z3's ``rlimit`` (counted work), never a
clock: the same repair on a loaded machine as on an idle one.

Each model becomes a document, replayed on the engine: a rule the change breaks is added
to the goal, a working-day value the model guessed is pinned to the real calendar's,
and only verified repairs are kept. Alternatives block each found set of facts.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

import z3
from dateutil.relativedelta import relativedelta

from ..engine.evaluator import RuleSet
from ..language import nodes
from ..model.agreement import Agreement
from .encode import LIST_BOUND, Encoder, Fact, NotEncodable
from .repair_count import BUDGET, RLIMIT, SolverGaveUp, Spent, least
from .repair_model import (
    Blocked,
    FactChange,
    Fixity,
    Repair,
    RepairTarget,
    Settings,
    Verifier,
    apply_changes,
    doc_get,
    path_parts,
    with_bounds,
)
from .repair_model import depth as _depth
from .repair_model import is_item as _is_item
from .repair_model import periods as _periods
from .repair_model import rank as _rank
from .repair_model import under as _under
from .witness import real_working_days

__all__ = ["SolverGaveUp", "solve"]

_ATTEMPTS = 24
_PP28_IN_FORCE = datetime.date(2018, 7, 13).toordinal()


def _gave_up(s: z3.Solver) -> SolverGaveUp:
    why = s.reason_unknown()
    return SolverGaveUp(f"the solver gave up: {why}", "gave-up", why)


def _current(agreement: Agreement, path: str) -> Any:
    """The model value at ``path`` (``None`` when missing)."""
    cur: Any = agreement
    for p in path_parts(path):
        if isinstance(p, int):
            if not isinstance(cur, tuple | list) or p >= len(cur):
                return None
            cur = cur[p]
        else:
            cur = getattr(cur, p, None)
        if cur is None:
            return None
    return cur


def _const_eq(f: Fact, cur: Any) -> Any:
    kind = f.type.kind
    if kind == "record":
        return z3.BoolVal(True)
    if kind == "list":
        return f.value == len(cur)
    if kind == "enum":
        assert f.type.enum is not None
        return f.value == list(f.type.enum).index(cur)
    if kind == "bool":
        return f.value == z3.BoolVal(bool(cur))
    if kind == "int":
        return f.value == int(cur)
    if kind == "number":
        return f.value == z3.RealVal(str(cur))
    if kind == "date":
        return f.value == cur.toordinal()
    if kind == "text":
        return f.value == z3.StringVal(str(cur))
    if kind == "duration":
        y, m, d = f.value
        return z3.And(y == cur.years, m == cur.months, d == cur.days)
    raise SolverGaveUp(f"a fact of type {kind}", "not-encodable", "", kind)  # pragma: no cover


def _doc_value(f: Fact, m: z3.ModelRef, term: Any = None) -> Any:
    """A model's value of a scalar fact, as a document value."""
    kind = f.type.kind
    term = f.value if term is None else term
    if kind == "duration":
        y, mo, d = (m.eval(t, model_completion=True).as_long() for t in term)
        text = "".join(f"{n}{u}" for n, u in ((y, "Y"), (mo, "M"), (d, "D")) if n)
        return "P" + (text or "0D")
    v = m.eval(term, model_completion=True)
    if kind == "enum":
        assert f.type.enum is not None
        return list(f.type.enum)[v.as_long()].value
    if kind == "bool":
        return z3.is_true(v)
    if kind == "int":
        return v.as_long()
    if kind == "number":
        frac = v.as_fraction()
        return int(frac) if frac.denominator == 1 else float(frac)
    if kind == "date":
        return datetime.date.fromordinal(v.as_long()).isoformat()
    if kind == "text":
        return v.as_string()
    raise SolverGaveUp(f"a fact of type {kind}", "not-encodable", "", kind)  # pragma: no cover


class _Problem:
    def __init__(
        self,
        agreement: Agreement,
        doc: Mapping[str, Any],
        rules: RuleSet,
        settings: Settings,
        fixity: Fixity,
    ) -> None:
        self.agreement = agreement
        self.doc = doc
        self.rules = rules
        self.settings = settings
        self.fixity = fixity
        self.checked = rules._checked
        self.enc = Encoder(self.checked)
        self.pins: list[Any] = []
        self._ok: dict[tuple[str, frozenset[int] | None], Any] = {}
        self._periods = _periods(self.checked)
        ttd = self.enc.fact("perjanjian.tanggal_ttd")
        self._ref = z3.If(ttd.present, ttd.value, self.enc.as_of)
        self._run = self._settings()

    # ------------------------------------------------------------------ encoding
    def _settings(self) -> list[Any]:
        report = self.settings.evaluate(self.rules, self.agreement)
        shown = dict(report.switches)
        out = [self.enc.as_of == self.settings.as_of.toordinal()]
        for name, (var, values) in self.enc.switches.items():
            value = shown.get(name)
            if value is None:
                sw = self.checked.switches.get(name)
                value = sw.default if sw is not None else "libur"
            if value in values:
                out.append(var == values.index(value))
        return out

    def ok(self, rule_id: str, reqs: frozenset[int] | None = None) -> Any:
        """The rule ends with no error-severity ``fail`` or ``unknown`` (among the
        requirements ``reqs`` only, if given; whether it applies is always decided)."""
        got = self._ok.get((rule_id, reqs))
        if got is not None:
            return got
        node = self.rules.rule(rule_id)
        sev = max((q.severity or "error" for q in node.requirements), default="info", key=_rank)
        if sev != "error":
            got = z3.BoolVal(True)
        else:
            try:
                got = self._encode_ok(node, reqs)
            except NotEncodable as exc:
                msg = f"rule `{rule_id}` uses {exc.construct}, which the solver does not encode"
                raise SolverGaveUp(msg, "not-encodable", rule_id, exc.construct) from None
        self._ok[(rule_id, reqs)] = got
        return got

    def _encode_ok(self, node: nodes.Rule, only: frozenset[int] | None) -> Any:
        start, end = self._periods.get(node.id, (None, None))
        in_force = z3.And(
            z3.BoolVal(True) if start is None else self._ref >= start.toordinal(),
            z3.BoolVal(True) if end is None else self._ref < end.toordinal(),
        )
        reqs = []
        for i, q in enumerate(node.requirements):
            if (q.severity or "error") != "error" or (only is not None and i not in only):
                continue
            expr = self.enc.enc(q.expr)
            if q.guard is None:
                reqs.append(expr.t)
            else:
                g = self.enc.enc(q.guard)
                reqs.append(z3.Or(g.f, z3.And(g.t, expr.t)))
        body: Any = z3.And(*reqs) if reqs else z3.BoolVal(True)
        for u in reversed([self.enc.enc(u) for u in node.unless]):
            body = z3.Or(u.t, z3.And(u.f, body))
        if node.when is not None:
            w = self.enc.enc(node.when)
            body = z3.Or(w.f, z3.And(w.t, body))
        return z3.Or(z3.Not(in_force), body)

    # ------------------------------------------------------------------ facts
    def facts(self) -> list[Fact]:
        return sorted(self.enc.facts.values(), key=lambda f: (_depth(f.path), f.path))

    def unchanged(self, f: Fact) -> Any:
        cur = _current(self.agreement, f.path)
        if cur is None:
            return z3.Not(f.present)
        if f.type.kind == "list" and len(cur) > LIST_BOUND:
            msg = f"`{f.path}` has more than {LIST_BOUND} items, the solver's bound for lists"
            raise SolverGaveUp(msg, "list-bound", f.path, str(LIST_BOUND))
        return z3.And(f.present, _const_eq(f, cur))

    def _item_of_list(self, f: Fact) -> bool:
        return f.path.endswith("]")

    def softs(self) -> list[tuple[Any, int]]:
        """(keeps its value, weight) per fact; a fact under a removed record is free."""
        facts = self.facts()
        out: list[tuple[Any, int]] = []
        for f in facts:
            if self._item_of_list(f):
                continue  # counted with its list
            cur = _current(self.agreement, f.path)
            escape = self._removed_above(f.path)
            weight = 100 if cur is None else 101
            if f.type.kind == "record" and cur is None:
                inside = [
                    z3.Not(self.unchanged(g))
                    for g in facts
                    if g.path.startswith((f.path + ".", f.path + "["))
                ]
                out.append((z3.Or(z3.Not(f.present), *inside), weight))
                continue
            keep = self.unchanged(f)
            if f.type.kind == "list" and f.type.elem is not None and f.type.elem.kind != "record":
                items = [self.unchanged(g) for g in facts if _is_item(g.path, f.path)]
                keep = z3.And(keep, *items)
            out.append((z3.Or(keep, *escape), weight))
        return out

    def _removed_above(self, path: str) -> list[Any]:
        out = []
        parts = path_parts(path)
        prefix = ""
        for p in parts[:-1]:
            prefix = f"{prefix}[{p}]" if isinstance(p, int) else (f"{prefix}.{p}" if prefix else p)
            f = self.enc.facts.get(prefix)
            if f is not None and _current(self.agreement, prefix) is not None:
                out.append(z3.Not(f.present))
        return out

    def hard(self) -> list[Any]:
        out = [*self.enc.axioms, *self.pins, *self._run]
        for f in self.facts():
            if self.fixity.fixed(f.path):
                out.append(self.unchanged(f))
            elif f.type.kind in ("record", "list") and self.fixity.holds_fixed(f.path):
                # Removing a record or list would remove a fixed fact inside it, read by
                # the rules or not.
                out.append(self.unchanged(f) if f.type.kind == "list" else f.present)
        return out

    def realism(self) -> list[Any]:
        """Values a person would write: a date of the agreement (so the repair shows the
        bound it must keep, e.g. "on the signing date"), else one in the two years up to
        the as-of date; a placeholder text naming the fact; small numbers; whole years."""
        out = []
        as_of = self.settings.as_of.toordinal()
        dates = sorted(
            {
                d.toordinal()
                for f in self.facts()
                if f.type.kind == "date"
                and isinstance(d := _current(self.agreement, f.path), datetime.date)
            }
        )
        for f in self.facts():
            if self.fixity.fixed(f.path):
                continue
            kind = f.type.kind
            if kind == "date":
                if dates:
                    out.append(z3.Or(*[f.value == d for d in dates]))
                out.append(z3.And(f.value >= max(_PP28_IN_FORCE, as_of - 730), f.value <= as_of))
            elif kind == "text":
                out.append(f.value == z3.StringVal(f"<{path_parts(f.path)[-1]}>"))
            elif kind == "int":
                out.append(z3.And(f.value >= 0, f.value <= 100))
            elif kind == "duration":
                y, m, d = f.value
                out.append(z3.And(m == 0, d == 0, y >= 1, y <= 10))
            elif kind == "list" and f.type.elem is not None and f.type.elem.kind == "enum":
                out += self._list_realism(f)
        return out

    def _list_realism(self, f: Fact) -> list[Any]:
        """A list of members as a person writes it: no member twice, the items it had
        kept where they may stay (no longer than it was), new ones in the members'
        order."""
        items = [self.enc.facts.get(f"{f.path}[{i}]") for i in range(self.enc.list_bound)]
        if any(g is None for g in items):
            return []
        vals = [g.value for g in items if g is not None]
        n = f.value
        out = [
            z3.And(
                *[z3.Implies(n > j, vals[i] != vals[j]) for j in range(len(vals)) for i in range(j)]
            )
        ]
        cur = _current(self.agreement, f.path)
        if isinstance(cur, tuple | list) and cur:
            out.append(n <= len(cur))
            assert f.type.elem is not None and f.type.elem.enum is not None
            members = list(f.type.elem.enum)
            out += [vals[i] == members.index(v) for i, v in enumerate(cur) if i < len(vals)]
        out += [z3.Implies(n > i + 1, vals[i] < vals[i + 1]) for i in range(len(vals) - 1)]
        return out

    # ------------------------------------------------------------------ models
    def changes(self, m: z3.ModelRef) -> list[FactChange]:
        out: list[FactChange] = []
        gone: list[str] = []
        created: list[str] = []
        for f in self.facts():
            if f.path == "id" or any(_under(f.path, g) for g in gone):
                continue
            if self._item_of_list(f):
                continue
            old = doc_get(self.doc, f.path)
            keep = self.unchanged(f)
            if f.type.kind == "list" and f.type.elem is not None and f.type.elem.kind != "record":
                items = [self.unchanged(g) for g in self.facts() if _is_item(g.path, f.path)]
                keep = z3.And(keep, *items)
            if z3.is_true(m.eval(keep, model_completion=True)):
                continue
            if not z3.is_true(m.eval(f.present, model_completion=True)):
                out.append(FactChange(f.path, "remove", old, None))
                gone.append(f.path)
                continue
            kind = "fill" if old is None else "change"
            if f.type.kind == "record":
                if old is None:
                    created.append(f.path)
                continue
            if f.type.kind == "list":
                n = m.eval(f.value, model_completion=True).as_long()
                olds = list(old) if isinstance(old, list) else []
                if f.type.elem is not None and f.type.elem.kind == "record":
                    new: list[Any] = [olds[i] if i < len(olds) else {} for i in range(n)]
                    gone += [f"{f.path}[{i}]" for i in range(n, len(olds))]
                else:
                    new = []
                    for i in range(n):
                        item = self.enc.facts.get(f"{f.path}[{i}]")
                        if item is not None:
                            new.append(_doc_value(item, m))
                        else:
                            new.append(olds[i] if i < len(olds) else None)
                if new != olds or old is None:
                    out.append(FactChange(f.path, kind, old, new))
                continue
            out.append(FactChange(f.path, kind, old, _doc_value(f, m)))
        for c in created:
            if not any(_under(ch.path, c) for ch in out):
                out.append(FactChange(c, "fill", None, {}))
        return sorted(out, key=lambda c: c.path)

    def pins_for(self, m: z3.ModelRef) -> list[Any]:
        """The real calendar's values for working-day applications the model guessed."""
        pins = []
        for call in self.enc.calls:
            if call.func in ("date_plus", "date_minus"):
                pin = _shift_pin(m, call)
            else:
                c = _long(m, call.cuti)
                cuti = self.enc.switches["cuti_bersama"][1][c]
                a, b, got = _long(m, call.a), _long(m, call.b), _long(m, call.result)
                real = real_working_days(call.func, cuti, a, b)
                pin = None
                if real is not None and real != got:
                    same = z3.And(call.cuti == c, call.a == a, call.b == b)
                    pin = z3.Implies(same, call.result == real)
            if pin is not None:
                pins.append(pin)
        return pins


def solve(
    agreement: Agreement,
    doc: Mapping[str, Any],
    rules: RuleSet,
    settings: Settings,
    fixity: Fixity,
    verifier: Verifier,
    targets: Sequence[RepairTarget],
    alternatives: int,
) -> tuple[list[Repair], list[Blocked]]:
    """The verified minimal repairs and the rules that cannot be repaired.

    Raises:
        SolverGaveUp: the solver cannot answer; the caller falls back to the search.
    """
    spent = Spent()
    prob = _Problem(agreement, doc, rules, settings, fixity)
    units = list(dict.fromkeys(t.key for t in targets))
    blocked = [b for k in units if (b := _blocked(prob, k, targets, alternatives, spent))]
    excused = {(b.rule, b.targets[0].index) for b in blocked}
    # The goal: per rule, the requirements not blocked; a rule whose applicability is
    # blocked is left out (its requirements cannot be reached).
    goal: dict[str, frozenset[int] | None] = {}
    for rule in dict.fromkeys(t.rule for t in targets):
        if (rule, None) in excused:
            continue
        out = frozenset(i for r, i in excused if r == rule and i is not None)
        all_reqs = frozenset(range(len(rules.rule(rule).requirements)))
        goal[rule] = (all_reqs - out) if out else None
    if not goal:
        return [], blocked
    blocks: list[Any] = []
    found: list[Repair] = []
    smallest: int | None = None
    for _ in range(_ATTEMPTS):
        if spent.total > BUDGET:
            if found:
                break
            msg = f"the solver found no verified repair within its budget ({BUDGET} rlimit)"
            raise SolverGaveUp(msg, "budget", str(BUDGET))
        goals = [prob.ok(r, reqs) for r, reqs in goal.items()]  # before hard and softs
        softs = prob.softs()
        got = least(
            [*prob.hard(), *goals, *blocks],
            [(z3.Not(keep), weight > 100) for keep, weight in softs],
            prob.realism(),
            smallest or 0,
            spent,
        )
        if got is None:
            if not found and not blocked:
                # Each requirement can be met alone, but not all of them together.
                blocked = [Blocked(t.rule, (t,), ()) for t in targets]
            break
        m = got
        changes = prob.changes(m)
        violated = [keep for keep, _ in softs if not z3.is_true(m.eval(keep, True))]
        block = z3.Or(*violated) if violated else z3.BoolVal(False)
        new = apply_changes(doc, changes)
        left = verifier.targets(new)
        if left is None or not changes:
            blocks.append(block)
            continue
        still = [t for t in left if t.key not in excused]
        if still:
            broken = sorted({t.rule for t in still} - set(goal))
            if broken:
                for r in broken:  # a rule the change breaks joins the goal
                    goal[r] = None
                continue
            pins = prob.pins_for(m)
            if pins:
                prob.pins += pins
            else:
                blocks.append(block)
            continue
        if smallest is not None and len(changes) > smallest:
            break
        blocks.append(block)
        if not verifier.minimal(doc, changes, excused):
            continue
        smallest = len(changes)
        found.append(Repair(with_bounds(doc, changes, verifier, excused), new))
        if len(found) >= alternatives:
            break
    return found, blocked


def _blocked(
    prob: _Problem,
    key: tuple[str, int | None],
    targets: Sequence[RepairTarget],
    alternatives: int,
    spent: Spent,
) -> Blocked | None:
    """``None`` when the requirement can pass with the fixed facts kept; else what it
    needs (``key``'s index ``None``: whether the rule applies)."""
    rule, index = key
    ok = prob.ok(rule, frozenset() if index is None else frozenset([index]))
    s = z3.Solver()
    s.set(rlimit=RLIMIT)
    s.add(*prob.hard(), ok)
    r = s.check()
    spent.add(s)
    if r == z3.unknown:
        raise SolverGaveUp(
            f"the solver gave up: {s.reason_unknown()}", "gave-up", s.reason_unknown()
        )
    if r == z3.sat:
        return None
    # Which fixed facts would have to change: the same optimisation with them soft.
    fixed = [f for f in prob.facts() if prob.fixity.fixed(f.path)]
    keeps = [(f.path, prob.unchanged(f)) for f in fixed]
    hard = [*prob.enc.axioms, *prob.pins, *prob._run, ok]
    hard += [prob.unchanged(f) for f in prob.facts() if f.path in ("id", "jenis")]
    needs: list[tuple[str, ...]] = []
    blocks: list[Any] = []
    for _ in range(alternatives):
        m = least([*hard, *blocks], [(z3.Not(k), False) for _, k in keeps], [], 0, spent)
        if m is None:
            break
        changed = [(p, k) for p, k in keeps if not z3.is_true(m.eval(k, True))]
        if not changed:
            break
        if needs and len(changed) > len(needs[0]):
            break
        needs.append(tuple(p for p, _ in changed))
        blocks.append(z3.Or(*[k for _, k in changed]))
    mine = next(t for t in targets if t.key == key)
    return Blocked(rule, (mine,), tuple(needs))


# ------------------------------------------------------------------ helpers
def _long(m: z3.ModelRef, term: Any) -> int:
    return int(m.eval(term, model_completion=True).as_long())


def _shift_pin(m: z3.ModelRef, call: Any) -> Any:
    d = _long(m, call.a)
    y, mo, da = (_long(m, t) for t in call.b)
    try:
        start = datetime.date.fromordinal(d)
        rd = relativedelta(years=y, months=mo, days=da)
        real = (start + rd if call.func == "date_plus" else start - rd).toordinal()
    except (ValueError, OverflowError):
        return None
    if real == _long(m, call.result):
        return None
    same = z3.And(call.a == d, call.b[0] == y, call.b[1] == mo, call.b[2] == da)
    return z3.Implies(same, call.result == real)
