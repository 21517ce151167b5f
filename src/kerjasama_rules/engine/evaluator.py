"""Applies compiled rules to agreements -> :class:`report.Report`.

Sixth stage of the pipeline. :class:`RuleSet` is what ``compile``/``load_rules`` return:
rules parsed and checked once, every expression compiled to closures once, then applied
to as many agreements as you like. One rule's failure to run never hides the others: it
becomes an ``error`` outcome.

Speed comes from work done once: each rule's ``not_applicable`` and plain ``pass``
outcomes are built at compile time and shared (they are immutable), and a rule whose
``berlaku jika`` demands certain ``jenis`` is skipped without evaluation for the others.
Evidence is collected only for findings, by re-running the recording closures.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from ..errors import ConfigurationError, Diagnostic
from ..language import nodes
from ..language.checker import CheckedRules
from ..language.printer import expr_to_source
from ..language.values import Unknown, to_json_value
from ..model.agreement import Agreement
from ..model.calendar import CutiBersama, WorkingCalendar
from ..suggest import hint
from .codegen import generate_rule
from .compiler import Compiler, Context
from .report import (
    SEVERITY_RANK,
    Because,
    DeterminationResult,
    Evidence,
    Explanation,
    Finding,
    LawVersion,
    Location,
    NoteValue,
    Outcome,
    Pending,
    Report,
    Step,
    verdict_of,
)

__all__ = ["RuleSet"]

Fn = Callable[[Context], Any]
_U = Unknown
_EXCEPTION_UNKNOWN = (
    ("id", "belum dapat ditentukan apakah pengecualian (kecuali) aturan ini berlaku"),
    ("en", "cannot yet tell whether this rule's exception applies"),
)
_APPLICABILITY_UNKNOWN = (
    ("id", "belum dapat ditentukan apakah aturan ini berlaku"),
    ("en", "cannot yet tell whether this rule applies"),
)


@attrs.frozen
class _Req:
    node: nodes.Requirement
    expr: Fn
    expr_rec: Fn
    guard: Fn | None
    guard_rec: Fn | None
    messages: tuple[tuple[str, str], ...]
    citation: nodes.Citation
    citations: tuple[nodes.Citation, ...]
    condition: str
    severity: str
    condition_en: str = ""
    # Whether a false `jika` means "not yet due" (it waits for a fact: `terisi x`) rather
    # than "does not arise" (`tidak terisi x` once x is known): only the first is pending.
    pends: bool = True
    # Getters of every input the requirement reads, when that set is fixed (no
    # quantifier): a failure's evidence is then a pure function of them, memoised.
    key: tuple[Fn, ...] | None = None
    memo: dict[Any, tuple[Evidence, ...]] = attrs.field(factory=dict, eq=False)


@attrs.frozen
class _Rule:
    node: nodes.Rule
    when: Fn | None
    unless: tuple[Fn, ...]
    reqs: tuple[_Req, ...]
    severity: str
    location: Location | None
    # label, fast closure, recording closure, and the getters of the inputs a note reads
    # (None: not a fixed set) so that its value and evidence can be memoised
    notes: tuple[tuple[str, Fn, Fn, tuple[Fn, ...] | None, Fn | None], ...]
    jenis: frozenset[Any] | None
    na: Outcome
    passed: Outcome
    # In force on [start, end): from its file's `masa_berlaku`, ended early by a rule
    # that `menggantikan` it. None: unbounded.
    start: datetime.date | None = None
    end: datetime.date | None = None
    not_in_force: Outcome | None = None
    # The generated decision function (codegen.py); None: decide with the closures.
    program: Fn | None = None
    memo: dict[Any, Outcome] = attrs.field(factory=dict, eq=False)
    memo_lean: dict[Any, Outcome] = attrs.field(factory=dict, eq=False)
    memo_notes: dict[Any, NoteValue] = attrs.field(factory=dict, eq=False)


@attrs.frozen
class _Det:
    node: nodes.Determination
    run: Fn
    conditions: tuple[str, ...]
    # Fast getters of every input the determination reads, when that set is fixed: its
    # result (value and reasons) is then a pure function of them and is memoised.
    key: tuple[Fn, ...] | None
    cache: dict[Any, DeterminationResult] = attrs.field(factory=dict, eq=False)


_DET_CACHE_SIZE = 4096


@attrs.frozen
class _Plan:
    run: tuple[int, ...]  # indices of the rules to run
    outcomes: list[Outcome]  # the decided outcomes of the others (copied per evaluation)
    law: tuple[LawVersion, ...]


def _outcome(
    base: Outcome,
    status: str,
    *,
    severity: str | None = None,
    findings: tuple[Finding, ...] = (),
    pending: tuple[Pending, ...] = (),
    notes: tuple[NoteValue, ...] = (),
    reason: str | None = None,
    error: str | None = None,
) -> Outcome:
    # Direct construction: attrs.evolve introspects the class on every call.
    return Outcome(
        base.rule,
        status,
        severity or base.severity,
        base.title,
        base.citations,
        findings,
        pending,
        base.location,
        error,
        reason,
        notes,
    )


def _reference_date(
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


def _in_force(r: _Rule, ref: datetime.date | None) -> bool:
    return _period_covers(r.start, r.end, ref)


def _apply_periods(rules: tuple[_Rule, ...], checked: CheckedRules) -> tuple[_Rule, ...]:
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
                not_in_force=_outcome(r.na, "not_applicable", reason=reason),
            )
        )
    return tuple(out)


def _step(role: str, expr: nodes.Expr, rec: Fn, ctx: Context, **kw: Any) -> tuple[Any, Step]:
    """Run one condition with recording, for an explanation: its value and its step."""
    value, evidence = RuleSet._recorded(rec, ctx)
    unknown = value.__class__ is _U
    return value, Step(
        role=role,
        condition=expr_to_source(expr),
        condition_en=expr_to_source(expr, lang="en"),
        value=None if unknown else to_json_value(value),
        evidence=evidence,
        missing=tuple(sorted(value.missing)) if unknown else (),
        **kw,
    )


def _waits_for_fact(guard: nodes.Expr) -> bool:
    """Whether a requirement's `jika` waits for a fact to become known (`terisi x`, maybe
    with other conditions): then while it is false the obligation is pending."""
    if isinstance(guard, nodes.Present):
        return True
    if isinstance(guard, nodes.Binary) and guard.op == "and":
        return _waits_for_fact(guard.left) or _waits_for_fact(guard.right)
    return False


def _getters(reads: dict[str, Fn] | None) -> tuple[Fn, ...] | None:
    return None if reads is None else tuple(reads[k] for k in sorted(reads))


def _det_key(comp: Compiler, d: nodes.Determination) -> tuple[Fn, ...] | None:
    exprs = [e for c in d.cases for e in (c.cond, c.value)]
    if d.otherwise is not None:
        exprs.append(d.otherwise)
    getters: dict[str, Fn] = {}
    for e in exprs:
        reads = comp.static_reads(e)
        if reads is None:
            return None
        getters.update(reads)
    return tuple(getters[k] for k in sorted(getters))


def _case_text(c: nodes.Case) -> str:
    cond = expr_to_source(c.cond)
    if isinstance(c.value, nodes.Literal):
        return cond
    return f"{cond} maka {expr_to_source(c.value)}"


def _most_specific(cites: tuple[nodes.Citation, ...]) -> nodes.Citation:
    return max(cites, key=lambda c: c.specificity())


def _jenis_filter(e: nodes.Expr | None, checked: CheckedRules) -> frozenset[Any] | None:
    """The values of ``jenis`` for which ``e`` can hold, when its conjuncts say so.

    ``jenis`` is a required field, never unknown, so a rule whose applicability demands
    ``jenis == KSDPL`` is certainly not applicable to a KSDD: no need to evaluate it.
    """
    if e is None:
        return None
    if isinstance(e, nodes.Binary) and e.op == "and":
        left = _jenis_filter(e.left, checked)
        right = _jenis_filter(e.right, checked)
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


class RuleSet:
    """Rules parsed, checked and compiled once; call :meth:`evaluate` per agreement.

    Build one with :func:`kerjasama_rules.load_rules` or :func:`kerjasama_rules.compile`.
    """

    def __init__(
        self, checked: CheckedRules, *, _generate: bool = True, _memo_facts: bool = True
    ) -> None:
        self._checked = checked
        # Memoise results that are pure functions of facts (determinations, notes, the
        # evidence of findings); off only to measure the engine without it.
        self._memo_facts = _memo_facts
        comp = Compiler(checked)
        self._rules = tuple(self._compile_rule(comp, checked, r) for r in checked.rules)
        if _generate:
            # The fast path: one generated function per rule (codegen.py). The closures
            # stay, to explain findings and as the reference the tests compare against.
            self._rules = tuple(
                attrs.evolve(r, program=generate_rule(comp, r.node).fn) for r in self._rules
            )
        self._dets = tuple(
            _Det(
                node=d,
                run=comp.determination_cases(d, record=True),
                conditions=tuple(_case_text(c) for c in d.cases),
                key=_det_key(comp, d),
            )
            for d in checked.determinations.values()
        )
        # For each jenis, which rules can apply at all (see _jenis_filter).
        self._active: dict[Any, tuple[int, ...]] = {}
        jenis_values = {v for r in self._rules if r.jenis is not None for v in r.jenis}
        if jenis_values:
            for j in type(next(iter(jenis_values))):
                self._active[j] = tuple(
                    i for i, r in enumerate(self._rules) if r.jenis is None or j in r.jenis
                )
        self._all = tuple(range(len(self._rules)))
        self._na = [r.na for r in self._rules]
        self._rules = _apply_periods(self._rules, checked)
        versions = {p for p in checked.periods.values() if p is not None}
        self._versions = sorted(versions, key=lambda p: (p.instrument, p.start))
        # Dates where some rule enters or leaves force: between two of them, the same
        # rules are in force, so a plan computed once serves the whole period.
        bounds = {d for r in self._rules for d in (r.start, r.end) if d is not None}
        bounds |= {d for p in self._versions for d in (p.start, p.end) if d is not None}
        self._boundaries = sorted(bounds)
        self._plans: dict[tuple[int, int], _Plan] = {}
        self._calendars: dict[Any, WorkingCalendar] = {}
        self._settings: dict[Any, tuple[dict[str, Any], WorkingCalendar, tuple[Any, ...]]] = {}
        self._default_settings: tuple[dict[str, Any], WorkingCalendar, tuple[Any, ...]] | None = (
            None
        )

    @staticmethod
    def _compile_rule(comp: Compiler, checked: CheckedRules, r: nodes.Rule) -> _Rule:
        reqs = []
        for q in r.requirements:
            cites = q.citations or r.citations
            reqs.append(
                _Req(
                    node=q,
                    expr=comp.compile(q.expr),
                    expr_rec=comp.compile(q.expr, record=True),
                    guard=comp.compile(q.guard) if q.guard is not None else None,
                    guard_rec=comp.compile(q.guard, record=True) if q.guard is not None else None,
                    messages=tuple((m.lang, m.text) for m in q.messages),
                    citation=_most_specific(cites),
                    citations=cites,
                    condition=expr_to_source(q.guard) if q.guard is not None else "",
                    condition_en=(
                        expr_to_source(q.guard, lang="en") if q.guard is not None else ""
                    ),
                    severity=q.severity or "error",
                    key=_getters(comp.static_reads(q.expr, calendar=True)),
                    pends=q.guard is None or _waits_for_fact(q.guard),
                )
            )
        severity = max(
            (q.severity or "error" for q in r.requirements),
            key=lambda s: SEVERITY_RANK[s],
            default="info",
        )
        loc = None
        if r.id_span is not None:
            loc = Location(r.id_span.source.name, r.id_span.line, r.id_span.column)

        def shared(status: str) -> Outcome:
            return Outcome(
                rule=r.id,
                status=status,
                severity=severity,
                title=r.title,
                citations=r.citations,
                location=loc,
            )

        return _Rule(
            node=r,
            when=comp.compile(r.when) if r.when is not None else None,
            unless=tuple(comp.compile(u) for u in r.unless),
            reqs=tuple(reqs),
            severity=severity,
            location=loc,
            notes=tuple(
                (
                    n.label,
                    comp.compile(n.expr),
                    comp.compile(n.expr, record=True),
                    _getters(comp.static_reads(n.expr, calendar=True)),
                    comp.compile(n.guard) if n.guard is not None else None,
                )
                for n in r.notes
            ),
            jenis=_jenis_filter(r.when, checked),
            na=shared("not_applicable"),
            passed=shared("pass"),
        )

    # ------------------------------------------------------------------ introspection
    @property
    def rules(self) -> tuple[nodes.Rule, ...]:
        """The checked rules, in load order, with their citations completed."""
        return self._checked.rules

    @property
    def determinations(self) -> tuple[nodes.Determination, ...]:
        """The named determinations the reports expose."""
        return tuple(self._checked.determinations.values())

    @property
    def tables(self) -> tuple[nodes.Table, ...]:
        """The data tables of the rule files."""
        return tuple(self._checked.tables.values())

    @property
    def switches(self) -> tuple[nodes.Switch, ...]:
        """The interpretation switches declared by the rule files, sorted by name."""
        sw = self._checked.switches
        return tuple(sw[k] for k in sorted(sw))

    def switches_read_for(self, jenis: Any) -> set[str]:
        """The switches that the rules able to apply to this ``jenis`` can read
        (``cuti_bersama`` through the working-day functions too)."""
        from ..language.functions import REGISTRY

        names: set[str] = set()
        res = self._checked.resolutions
        for i in self._active.get(jenis, self._all):
            node = self._rules[i].node
            exprs = [node.when, *node.unless, *(n.expr for n in node.notes)]
            exprs += [x for q in node.requirements for x in (q.expr, q.guard)]
            for e in exprs:
                if e is None:
                    continue
                for sub in nodes.subexpressions(e):
                    r = res.get(id(sub))
                    if r is not None and r.kind == "switch":
                        names.add(r.target)
                    if isinstance(sub, nodes.Call) and REGISTRY[sub.func].needs_context:
                        names.add("cuti_bersama")
        return names & {s.name for s in self.switches}

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """Checker warnings (problems that do not stop the rules from running)."""
        return self._checked.warnings

    def rule(self, rule_id: str) -> nodes.Rule:
        """A rule by id.

        Raises:
            KeyError: no such rule.
        """
        for r in self._checked.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    # ------------------------------------------------------------------ evaluation
    def _calendar(
        self,
        cuti_bersama: CutiBersama | str,
        extra: tuple[tuple[datetime.date, str], ...] = (),
    ) -> WorkingCalendar:
        key = (CutiBersama(cuti_bersama), extra)
        cal = self._calendars.get(key)
        if cal is None:
            cal = WorkingCalendar(cuti_bersama=key[0], extra_holidays=extra)
            self._calendars[key] = cal
        return cal

    def _resolve_settings(
        self,
        switches: Mapping[str, str] | None,
        cuti_bersama: CutiBersama | str | None,
        regional_holidays: Iterable[tuple[datetime.date, str]] = (),
    ) -> tuple[dict[str, Any], WorkingCalendar, tuple[Any, ...]]:
        """Switch values for one run, the calendar they imply, and what the report shows."""
        if (
            not switches
            and cuti_bersama is None
            and not regional_holidays
            and self._default_settings is not None
        ):
            return self._default_settings
        extra = tuple(sorted(regional_holidays))
        given = dict(switches or {})
        if cuti_bersama is not None:
            value = cuti_bersama.value if isinstance(cuti_bersama, CutiBersama) else cuti_bersama
            given.setdefault("cuti_bersama", value)
        key = (tuple(sorted(given.items())), extra)
        cached = self._settings.get(key)
        if cached is not None:
            return cached
        declared = self._checked.switches
        enums = self._checked.switch_enums
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
        calendar = self._calendar(given.get("cuti_bersama") or default_cuti or "libur", extra)
        shown = {name: v.value for name, v in values.items()}
        shown["cuti_bersama"] = calendar.cuti_bersama.value
        if extra:
            # Regional holidays change deadlines: the report says which were used.
            shown["libur_daerah"] = ", ".join(f"{d.isoformat()} {n}" for d, n in extra)
        result = (values, calendar, tuple(sorted(shown.items())))
        self._settings[key] = result
        if not given and not extra:
            self._default_settings = result
        return result

    def evaluate(
        self,
        agreement: Agreement,
        *,
        as_of: datetime.date | None = None,
        source: str | None = None,
        switches: Mapping[str, str] | None = None,
        cuti_bersama: CutiBersama | str | None = None,
        evidence: bool = True,
        regional_holidays: Iterable[tuple[datetime.date, str]] = (),
    ) -> Report:
        """Apply every rule to one agreement.

        Args:
            agreement: the facts, as loaded by :func:`kerjasama_rules.load_agreement`.
            as_of: the date the agreement is judged at; rules that need it are
                ``unknown`` without it. The library never reads the clock.
            source: where the agreement came from, echoed in the report.
            switches: interpretation switches to set for this run (name -> value);
                the others keep their documented defaults (see :attr:`switches`).
            cuti_bersama: shorthand for ``switches={"cuti_bersama": ...}``: ``libur``
                (national collective leave days are not working days, the default) or
                ``kerja`` (they are).
            regional_holidays: the region's own holidays, ``(date, name)`` pairs, which
                are not working days for the deadlines (the report lists them).
            evidence: whether findings, notes and determinations carry the facts that
                decided them (the default). ``False`` keeps every outcome, finding,
                citation and missing fact but skips the explanation re-runs: for
                dashboards that only count verdicts.

        Returns:
            A report with one outcome per rule, the determinations and a verdict.

        Raises:
            ConfigurationError: ``agreement`` is not an :class:`Agreement`, or a switch
                or its value is not recognised.
        """
        if not isinstance(agreement, Agreement):
            msg = f"evaluate() takes an Agreement, got {type(agreement).__name__}"
            raise ConfigurationError(msg)
        if as_of is not None and (
            not isinstance(as_of, datetime.date) or isinstance(as_of, datetime.datetime)
        ):
            msg = "as_of must be a datetime.date"
            raise ConfigurationError(msg)
        holidays = tuple(regional_holidays) if regional_holidays else ()
        if holidays and not all(
            isinstance(h, tuple)
            and len(h) == 2
            and isinstance(h[0], datetime.date)
            and isinstance(h[1], str)
            for h in holidays
        ):
            msg = "regional_holidays must be (datetime.date, name) pairs"
            raise ConfigurationError(msg)
        values, calendar, shown = self._resolve_settings(switches, cuti_bersama, holidays)
        ctx = Context(agreement, as_of, calendar, values)
        ctx.evidence = evidence
        ref, ref_source = _reference_date(agreement, as_of)
        plan = self._plan(agreement.jenis, ref)
        outs = plan.outcomes.copy()
        rules = self._rules
        run = self._run_rule
        ran = []
        for i in plan.run:
            o = outs[i] = run(rules[i], ctx)
            if o.findings or o.error is not None:
                ran.append(o)
        outcomes = tuple(outs)
        dets = tuple([self._run_det(d, ctx) for d in self._dets])
        return Report(
            agreement.id,
            source,
            as_of,
            # Only outcomes with findings or errors can move the verdict off `pass`.
            verdict_of(tuple(ran)),
            dets,
            outcomes,
            shown,
            plan.law,
            ref,
            ref_source,
        )

    def _plan(self, jenis: Any, ref: datetime.date | None) -> _Plan:
        """Which rules to run for this jenis on this reference date (the rest are decided
        without running: not applicable, or not in force). Cached per period of time."""
        epoch = -1 if ref is None else bisect.bisect_right(self._boundaries, ref)
        key = (id(jenis), epoch)  # enum members are singletons; id() hashes in C
        plan = self._plans.get(key)
        if plan is None:
            outcomes = list(self._na)
            run = []
            for i in self._active.get(jenis, self._all):
                r = self._rules[i]
                if _in_force(r, ref):
                    run.append(i)
                else:
                    assert r.not_in_force is not None
                    outcomes[i] = r.not_in_force
            law = tuple(
                LawVersion(p.instrument, p.start, p.end, _period_covers(p.start, p.end, ref))
                for p in self._versions
            )
            plan = self._plans[key] = _Plan(tuple(run), outcomes, law)
        return plan

    def evaluate_many(
        self,
        agreements: Iterable[Agreement],
        *,
        as_of: datetime.date | None = None,
        switches: Mapping[str, str] | None = None,
        cuti_bersama: CutiBersama | str | None = None,
        evidence: bool = True,
    ) -> list[Report]:
        """Evaluate several agreements with the same options (see :meth:`evaluate`)."""
        return [
            self.evaluate(
                a, as_of=as_of, switches=switches, cuti_bersama=cuti_bersama, evidence=evidence
            )
            for a in agreements
        ]

    def explain(
        self,
        agreement: Agreement,
        rule_id: str,
        *,
        as_of: datetime.date | None = None,
        switches: Mapping[str, str] | None = None,
        cuti_bersama: CutiBersama | str | None = None,
        regional_holidays: Iterable[tuple[datetime.date, str]] = (),
    ) -> Explanation:
        """The full reasoning of one rule: each condition, its value and the facts it read.

        Raises:
            ConfigurationError: no rule has that id.
        """
        compiled = next((r for r in self._rules if r.node.id == rule_id), None)
        if compiled is None:
            msg = f"no rule has the id `{rule_id}`"
            raise ConfigurationError(
                [
                    Diagnostic(
                        code="config.unknown-rule",
                        message=msg,
                        help=hint(rule_id, [r.node.id for r in self._rules]),
                    )
                ]
            )
        holidays = tuple(regional_holidays)
        report = self.evaluate(
            agreement,
            as_of=as_of,
            switches=switches,
            cuti_bersama=cuti_bersama,
            regional_holidays=holidays,
        )
        values, calendar, _ = self._resolve_settings(switches, cuti_bersama, holidays)
        ctx = Context(agreement, as_of, calendar, values)
        node = compiled.node
        steps: list[Step] = []

        def step(role: str, expr: nodes.Expr, rec: Fn, **kw: Any) -> Any:
            value, st = _step(role, expr, rec, ctx, **kw)
            steps.append(st)
            return value

        comp = Compiler(self._checked)
        if (
            node.when is not None
            and step("berlaku", node.when, comp.compile(node.when, record=True)) is not True
        ):
            return Explanation(report.outcome(rule_id), tuple(steps), as_of)
        for u in node.unless:
            if step("kecuali", u, comp.compile(u, record=True)) is not False:
                # the exception holds, or it is unknown whether it does: the rule stops here
                return Explanation(report.outcome(rule_id), tuple(steps), as_of)
        for n in node.notes:
            if n.guard is None or step("jika", n.guard, comp.compile(n.guard, record=True)) is True:
                step("catatan", n.expr, comp.compile(n.expr, record=True))
        for q in compiled.reqs:
            if q.node.guard is not None:
                g = step("jika", q.node.guard, q.guard_rec)  # type: ignore[arg-type]
                if g is not True:
                    continue
            step("wajib", q.node.expr, q.expr_rec, citation=q.citation, message=q.messages)
        return Explanation(report.outcome(rule_id), tuple(steps), as_of)

    def explain_determination(
        self,
        agreement: Agreement,
        name: str,
        *,
        as_of: datetime.date | None = None,
        switches: Mapping[str, str] | None = None,
        cuti_bersama: CutiBersama | str | None = None,
    ) -> tuple[DeterminationResult, tuple[Step, ...]]:
        """The reasoning of a determination: each case in order until one decides.

        Raises:
            KeyError: no determination has that name.
        """
        det = self._checked.determinations[name]
        result = self.evaluate(
            agreement, as_of=as_of, switches=switches, cuti_bersama=cuti_bersama
        ).determination(name)
        values, calendar, _ = self._resolve_settings(switches, cuti_bersama)
        ctx = Context(agreement, as_of, calendar, values)
        comp = Compiler(self._checked)
        steps: list[Step] = []
        for case in det.cases:
            value, st = _step(
                "kasus",
                case.cond,
                comp.compile(case.cond, record=True),
                ctx,
                citation=case.citations[0] if case.citations else None,
            )
            steps.append(st)
            unknown = value.__class__ is _U
            if value is True or unknown:
                # the first true case decides; an unknown one leaves the value unknown
                break
        return result, tuple(steps)

    # ------------------------------------------------------------------ one rule
    def _run_rule(self, r: _Rule, ctx: Context) -> Outcome:
        try:
            if r.program is not None:
                return self._run_program(r, ctx)
            return self._run_rule_unchecked(r, ctx)
        except Exception as exc:
            return _outcome(r.na, "error", error=f"{type(exc).__name__}: {exc}")

    def _run_rule_unchecked(self, r: _Rule, ctx: Context) -> Outcome:
        """The reference path: decide with the closures (RuleSet(..., _generate=False))."""
        if r.when is not None:
            w = r.when(ctx)
            if w is False:
                return r.na
            if w.__class__ is _U:
                node = r.node
                finding = Finding(
                    status="unknown",
                    severity=r.severity,
                    citation=_most_specific(node.citations),
                    citations=node.citations,
                    messages=_APPLICABILITY_UNKNOWN,
                    missing=tuple(sorted(w.missing)),
                )
                return _outcome(r.na, "unknown", findings=(finding,), reason="applicability")
        for u in r.unless:
            x = u(ctx)
            if x is True:
                return _outcome(r.na, "not_applicable", reason="exception")
            if x.__class__ is _U:
                # Whether the exception holds is unknown, so whether the rule applies is too.
                finding = Finding(
                    status="unknown",
                    severity=r.severity,
                    citation=_most_specific(r.node.citations),
                    citations=r.node.citations,
                    messages=_EXCEPTION_UNKNOWN,
                    missing=tuple(sorted(x.missing)),
                )
                return _outcome(r.na, "unknown", findings=(finding,), reason="exception")
        findings: list[Finding] = []
        pending: list[Pending] = []
        for q in r.reqs:
            if q.guard is not None:
                g = q.guard(ctx)
                if g is False:
                    if q.pends:
                        pending.append(Pending(q.citation, q.messages, q.condition, q.condition_en))
                    continue
                if g.__class__ is _U:
                    assert q.guard_rec is not None
                    findings.append(self._finding(q, "unknown", g, q.guard_rec, ctx))
                    continue
            v = q.expr(ctx)
            if v is True:
                continue
            status = "fail" if v is False else "unknown"
            findings.append(self._finding(q, status, v, q.expr_rec, ctx))
        notes = tuple([n for i in range(len(r.notes)) if (n := self._note(r, i, ctx)) is not None])
        return self._conclude(r, findings, pending, notes)

    def _run_program(self, r: _Rule, ctx: Context) -> Outcome:
        assert r.program is not None
        res: Any = r.program(ctx)
        if res.__class__ is int:
            if res == 0:
                return r.na
            return _outcome(r.na, "not_applicable", reason="exception")
        if not res and not r.notes:
            return r.passed
        if res and res[0].__class__ is str:
            if res[0] == "when":
                messages, reason, value = _APPLICABILITY_UNKNOWN, "applicability", res[1]
            else:
                messages, reason, value = _EXCEPTION_UNKNOWN, "exception", res[2]
            finding = Finding(
                status="unknown",
                severity=r.severity,
                citation=_most_specific(r.node.citations),
                citations=r.node.citations,
                messages=messages,
                missing=tuple(sorted(value.missing)),
            )
            return _outcome(r.na, "unknown", findings=(finding,), reason=reason)
        notes = (
            tuple([n for i in range(len(r.notes)) if (n := self._note(r, i, ctx)) is not None])
            if r.notes
            else ()
        )
        if not res and not notes:
            return r.passed
        # Without notes, the outcome is a pure function of `res`, except for the evidence
        # of findings: memoised per rule (the same pending obligations, the same unknowns).
        memo = None if notes else (r.memo if ctx.evidence else r.memo_lean)
        if memo is not None:
            hit = memo.get(res)
            if hit is not None:
                return hit
        findings: list[Finding] = []
        pending: list[Pending] = []
        for i, kind, value in res:
            q = r.reqs[i]
            if kind == "pending":
                if q.pends:
                    pending.append(Pending(q.citation, q.messages, q.condition, q.condition_en))
            elif kind == "guard":
                assert q.guard_rec is not None
                findings.append(self._finding(q, "unknown", value, q.guard_rec, ctx))
            else:
                status = "fail" if value is False else "unknown"
                findings.append(self._finding(q, status, value, q.expr_rec, ctx))
        outcome = self._conclude(r, findings, pending, notes)
        if memo is not None and (not ctx.evidence or all(f.status != "fail" for f in findings)):
            if len(memo) >= _DET_CACHE_SIZE:
                memo.clear()
            memo[res] = outcome
        return outcome

    def _conclude(
        self,
        r: _Rule,
        findings: list[Finding],
        pending: list[Pending],
        notes: tuple[NoteValue, ...],
    ) -> Outcome:
        if not findings and not pending and not notes:
            return r.passed
        failed = [f.severity for f in findings if f.status == "fail"]
        if failed:
            status, severity = "fail", max(failed, key=SEVERITY_RANK.__getitem__)
        else:
            status, severity = ("unknown" if findings else "pass"), r.severity
        return _outcome(
            r.na,
            status,
            severity=severity,
            findings=tuple(findings),
            pending=tuple(pending),
            notes=notes,
        )

    def _note(self, r: _Rule, i: int, ctx: Context) -> NoteValue | None:
        label, fast, rec, key_fns, guard = r.notes[i]
        if guard is not None and guard(ctx) is not True:
            return None
        key = None
        if key_fns is not None and self._memo_facts:
            key = (i, ctx.evidence, ctx.calendar, *[get(ctx) for get in key_fns])
            hit = r.memo_notes.get(key)
            if hit is not None:
                return hit
        if ctx.evidence:
            value, evidence = RuleSet._recorded(rec, ctx)
        else:
            value, evidence = fast(ctx), ()
        unknown = value.__class__ is _U
        note = NoteValue(
            label=label,
            value=None if unknown else to_json_value(value),
            evidence=evidence,
            missing=tuple(sorted(value.missing)) if unknown else (),
        )
        if key is not None:
            if len(r.memo_notes) >= _DET_CACHE_SIZE:
                r.memo_notes.clear()
            r.memo_notes[key] = note
        return note

    @staticmethod
    def _recorded(fn: Fn, ctx: Context) -> tuple[Any, tuple[Evidence, ...]]:
        """Run a recording closure; its value and the facts it read, first read first."""
        ctx.record = []
        try:
            value = fn(ctx)
            reads = ctx.record
        finally:
            ctx.record = None
        seen: dict[str, Any] = {}
        for path, v in reads:
            if path not in seen:
                seen[path] = to_json_value(v)
        return value, tuple(Evidence(p, v) for p, v in seen.items())

    @staticmethod
    def _explain(rec: Fn, ctx: Context) -> tuple[Evidence, ...]:
        return RuleSet._recorded(rec, ctx)[1]

    def _evidence(self, q: _Req, rec: Fn, ctx: Context) -> tuple[Evidence, ...]:
        if q.key is None or rec is not q.expr_rec or not self._memo_facts:
            return self._explain(rec, ctx)
        key = (ctx.calendar, *[get(ctx) for get in q.key])
        hit = q.memo.get(key)
        if hit is None:
            if len(q.memo) >= _DET_CACHE_SIZE:
                q.memo.clear()
            hit = q.memo[key] = self._explain(rec, ctx)
        return hit

    def _finding(self, q: _Req, status: str, value: Any, rec: Fn, ctx: Context) -> Finding:
        return Finding(
            status=status,
            severity=q.severity,
            citation=q.citation,
            citations=q.citations,
            messages=q.messages,
            # Evidence explains a failure; an unknown is explained by what is missing
            # (`kerjasama explain` shows the facts read either way).
            evidence=self._evidence(q, rec, ctx) if ctx.evidence and value is False else (),
            missing=tuple(sorted(value.missing)) if value.__class__ is _U else (),
        )

    # ------------------------------------------------------------------ determinations
    def _run_det(self, d: _Det, ctx: Context) -> DeterminationResult:
        if d.key is None or not self._memo_facts:
            return self._run_det_uncached(d, ctx)
        key = tuple([get(ctx) for get in d.key])
        hit = d.cache.get(key)
        if hit is None:
            if len(d.cache) >= _DET_CACHE_SIZE:
                d.cache.clear()
            hit = d.cache[key] = self._run_det_uncached(d, ctx)
        return hit

    def _run_det_uncached(self, d: _Det, ctx: Context) -> DeterminationResult:
        node = d.node
        ctx.memo.pop("__case__", None)
        try:
            value, ev = self._recorded(d.run, ctx)
        except Exception:  # reported as unknown, never raised
            value, ev = Unknown(frozenset()), ()
        case = ctx.memo.pop("__case__", None)
        if value.__class__ is _U:
            return DeterminationResult(
                name=node.name,
                title=node.title,
                value=None,
                because=(),
                missing=tuple(sorted(value.missing)),
            )
        because: tuple[Because, ...] = ()
        if case is not None and case < len(node.cases):
            c = node.cases[case]
            because = (Because(c.citations, d.conditions[case], ev),)
        elif case is not None:
            because = (Because(node.otherwise_citations, "selainnya", ev),)
        return DeterminationResult(
            name=node.name, title=node.title, value=to_json_value(value), because=because
        )
