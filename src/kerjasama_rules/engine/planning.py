"""Planning an evaluation: which rules run, under which switches, and which law applies.

Before any rule runs, a :class:`Planner` decides which rules can apply to the agreement's
``jenis`` (read from their ``berlaku jika``) and are in force on its reference date; the
others get their shared ``not_applicable`` outcome without running. The plan also says
which versions of the law apply. :class:`Settings` turns the switches a caller asks for
into their values, the working-day calendar and what the report echoes. Both cache their
answers: a plan per ``jenis`` and period of time, settings per distinct request.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from ..errors import ConfigurationError, Diagnostic
from ..language import nodes
from ..language.checked import CheckedRules
from ..model.agreement import Agreement
from ..model.calendar import CutiBersama, WorkingCalendar
from ..suggest import hint
from .compiled_rules import CompiledRule, outcome
from .report import LawVersion, Outcome

__all__ = [
    "Plan",
    "Planner",
    "Resolved",
    "Settings",
    "apply_periods",
    "jenis_filter",
    "reference_date",
]

# Switch values for one run, the calendar they imply, and the settings the report shows.
Resolved = tuple[dict[str, Any], WorkingCalendar, tuple[Any, ...]]


@attrs.frozen
class Plan:
    """What to do for one ``jenis`` on one period of reference dates."""

    run: tuple[int, ...]  # indices of the rules to run
    outcomes: list[Outcome]  # the decided outcomes of the others (copied per evaluation)
    law: tuple[LawVersion, ...]
    # The plan's generated function (codegen.generate_plan): every rule to run, inline.
    # None: the rules run one by one (the reference path of RuleSet(_generate=False)).
    fn: Callable[[Any, list[Outcome], list[Outcome]], None] | None = None


def reference_date(
    agreement: Agreement, as_of: datetime.date | None
) -> tuple[datetime.date | None, str | None]:
    """The date that decides which law governs: signing, else the evaluation date."""
    p = agreement.perjanjian
    if p is not None and p.tanggal_ttd is not None:
        return p.tanggal_ttd, "$.perjanjian.tanggal_ttd"
    if as_of is not None:
        return as_of, "as_of"
    return None, None


def _period_covers(
    start: datetime.date | None, end: datetime.date | None, ref: datetime.date | None
) -> bool:
    # With no reference date (unsigned, no as_of) the law in force now governs: a
    # version applies when it has not ended.
    if ref is None:
        return end is None
    return (start is None or start <= ref) and (end is None or ref < end)


def _in_force(r: CompiledRule, ref: datetime.date | None) -> bool:
    return _period_covers(r.start, r.end, ref)


def apply_periods(
    rules: tuple[CompiledRule, ...], checked: CheckedRules
) -> tuple[CompiledRule, ...]:
    """Give each rule its period: its file's `masa_berlaku`, cut short by replacements."""
    periods = checked.periods
    end: dict[str, datetime.date | None] = {}
    by: dict[str, str] = {}
    for r in rules:
        p = periods.get(r.node.id)
        end.setdefault(r.node.id, p.end if p else None)
    for r in rules:
        p = periods.get(r.node.id)
        for old in r.node.replaces:
            if p is None:
                continue
            current = end.get(old)
            if current is None or p.start < current:
                end[old] = p.start
                by[old] = r.node.id
    out = []
    for r in rules:
        p = periods.get(r.node.id)
        start = p.start if p else None
        stop = end.get(r.node.id)
        if start is None and stop is None:
            out.append(r)
            continue
        reason = f"superseded:{by[r.node.id]}" if r.node.id in by else "not_in_force"
        out.append(
            attrs.evolve(
                r,
                start=start,
                end=stop,
                not_in_force=outcome(r.na, "not_applicable", reason=reason),
            )
        )
    return tuple(out)


def jenis_filter(e: nodes.Expr | None, checked: CheckedRules) -> frozenset[Any] | None:
    """The values of ``jenis`` for which ``e`` can hold, when its conjuncts say so.

    ``jenis`` is a required field, never unknown, so a rule whose applicability demands
    ``jenis == KSDPL`` is certainly not applicable to a KSDD: no need to evaluate it.
    """
    if e is None:
        return None
    if isinstance(e, nodes.Binary) and e.op == "and":
        left = jenis_filter(e.left, checked)
        right = jenis_filter(e.right, checked)
        if left is None:
            return right
        return left if right is None else left & right
    if not (isinstance(e, nodes.Binary) and isinstance(e.left, nodes.Name)):
        return None
    res = checked.resolutions.get(id(e.left))
    if res is None or res.kind != "field" or e.left.name != "jenis":
        return None
    items: tuple[nodes.Expr, ...]
    if e.op == "==":
        items = (e.right,)
    elif e.op == "in" and isinstance(e.right, nodes.SetLit):
        items = e.right.items
    else:
        return None
    values = []
    for item in items:
        r = checked.resolutions.get(id(item))
        if r is None or r.kind != "enum":
            return None
        values.append(r.target)
    return frozenset(values)


class Planner:
    """Which rules to run per ``jenis`` and reference date, and the law applied."""

    def __init__(
        self,
        rules: tuple[CompiledRule, ...],
        checked: CheckedRules,
        generate: Callable[[Any, tuple[int, ...]], Any] | None = None,
    ) -> None:
        self.rules = rules
        # Makes the generated function of a plan from its jenis and the indices of its
        # rules; one function per jenis and set of rules, shared by the periods that run
        # the same rules.
        self.generate = generate
        self.functions: dict[tuple[int, tuple[int, ...]], Any] = {}
        # For each jenis, which rules can apply at all (see jenis_filter).
        self.active: dict[Any, tuple[int, ...]] = {}
        jenis = [jenis_filter(r.node.when, checked) for r in rules]
        jenis_values = {v for js in jenis if js is not None for v in js}
        if jenis_values:
            for j in type(next(iter(jenis_values))):
                self.active[j] = tuple(i for i, js in enumerate(jenis) if js is None or j in js)
        self.all = tuple(range(len(rules)))
        self.na = [r.na for r in rules]
        versions = {p for p in checked.periods.values() if p is not None}
        self.versions = sorted(versions, key=lambda p: (p.instrument, p.start))
        # Dates where some rule enters or leaves force: between two of them, the same
        # rules are in force, so a plan computed once serves the whole period.
        bounds = {d for r in rules for d in (r.start, r.end) if d is not None}
        bounds |= {d for p in self.versions for d in (p.start, p.end) if d is not None}
        self.boundaries = sorted(bounds)
        self.plans: dict[tuple[int, int], Plan] = {}

    def plan(self, jenis: Any, ref: datetime.date | None) -> Plan:
        """Which rules to run for this jenis on this reference date (the rest are decided
        without running: not applicable, or not in force). Cached per period of time."""
        epoch = -1 if ref is None else bisect.bisect_right(self.boundaries, ref)
        key = (id(jenis), epoch)  # enum members are singletons; id() hashes in C
        plan = self.plans.get(key)
        if plan is None:
            outcomes = list(self.na)
            run = []
            for i in self.active.get(jenis, self.all):
                r = self.rules[i]
                if _in_force(r, ref):
                    run.append(i)
                else:
                    assert r.not_in_force is not None
                    outcomes[i] = r.not_in_force
            law = tuple(
                LawVersion(p.instrument, p.start, p.end, _period_covers(p.start, p.end, ref))
                for p in self.versions
            )
            fn = None
            if self.generate is not None:
                fkey = (id(jenis), tuple(run))
                fn = self.functions.get(fkey)
                if fn is None:
                    fn = self.functions[fkey] = self.generate(jenis, tuple(run))
            plan = self.plans[key] = Plan(tuple(run), outcomes, law, fn)
        return plan


class Settings:
    """The interpretation switches of a run: checked, defaulted, and cached."""

    def __init__(self, checked: CheckedRules) -> None:
        self.checked = checked
        self.calendars: dict[Any, WorkingCalendar] = {}
        self.resolved: dict[Any, Resolved] = {}
        self.default: Resolved | None = None

    def calendar(
        self,
        cuti_bersama: CutiBersama | str,
        extra: tuple[tuple[datetime.date, str], ...] = (),
    ) -> WorkingCalendar:
        """The working-day calendar for these settings (one object per distinct setting)."""
        key = (CutiBersama(cuti_bersama), extra)
        cal = self.calendars.get(key)
        if cal is None:
            cal = WorkingCalendar(cuti_bersama=key[0], extra_holidays=extra)
            self.calendars[key] = cal
        return cal

    def resolve(
        self,
        switches: Mapping[str, str] | None,
        cuti_bersama: CutiBersama | str | None,
        regional_holidays: Iterable[tuple[datetime.date, str]] = (),
    ) -> Resolved:
        """Switch values for one run, the calendar they imply, and what the report shows.

        Raises:
            ConfigurationError: a switch or its value is not recognised.
        """
        if (
            not switches
            and cuti_bersama is None
            and not regional_holidays
            and self.default is not None
        ):
            return self.default
        extra = tuple(sorted(regional_holidays))
        given = dict(switches or {})
        if cuti_bersama is not None:
            value = cuti_bersama.value if isinstance(cuti_bersama, CutiBersama) else cuti_bersama
            given.setdefault("cuti_bersama", value)
        key = (tuple(sorted(given.items())), extra)
        cached = self.resolved.get(key)
        if cached is not None:
            return cached
        declared = self.checked.switches
        enums = self.checked.switch_enums
        for name, value in given.items():
            if name not in declared and name != "cuti_bersama":
                msg = f"`{name}` is not an interpretation switch of these rules"
                help_text = hint(name, [*declared, "cuti_bersama"])
                raise ConfigurationError(
                    [Diagnostic(code="config.unknown-switch", message=msg, help=help_text)]
                )
            allowed = declared[name].values if name in declared else ("libur", "kerja")
            if value not in allowed:
                msg = f"`{value}` is not a value of switch `{name}`"
                help_text = "values: " + ", ".join(allowed)
                raise ConfigurationError(
                    [Diagnostic(code="config.unknown-switch-value", message=msg, help=help_text)]
                )
        values = {name: enums[name](given.get(name, sw.default)) for name, sw in declared.items()}
        default_cuti = declared["cuti_bersama"].default if "cuti_bersama" in declared else None
        calendar = self.calendar(given.get("cuti_bersama") or default_cuti or "libur", extra)
        shown = {name: v.value for name, v in values.items()}
        shown["cuti_bersama"] = calendar.cuti_bersama.value
        if extra:
            # Regional holidays change deadlines: the report says which were used.
            shown["libur_daerah"] = ", ".join(f"{d.isoformat()} {n}" for d, n in extra)
        result = (values, calendar, tuple(sorted(shown.items())))
        self.resolved[key] = result
        if not given and not extra:
            self.default = result
        return result
