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

import datetime
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from . import nodes
from .agreement import Agreement
from .calendar import CutiBersama, WorkingCalendar
from .checker import CheckedRules
from .compiler import Compiler, Context
from .errors import ConfigurationError, Diagnostic
from .printer import expr_to_source
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
from .suggest import hint
from .values import Unknown, to_json_value

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


@attrs.frozen
class _Rule:
    node: nodes.Rule
    when: Fn | None
    when_rec: Fn | None
    unless: tuple[Fn, ...]
    unless_rec: tuple[Fn, ...]
    reqs: tuple[_Req, ...]
    severity: str
    location: Location | None
    notes: tuple[tuple[str, Fn], ...]
    jenis: frozenset[Any] | None
    na: Outcome
    passed: Outcome
    # In force on [start, end): from its file's `masa_berlaku`, ended early by a rule
    # that `menggantikan` it. None: unbounded.
    start: datetime.date | None = None
    end: datetime.date | None = None
    not_in_force: Outcome | None = None


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


def _det_key(comp: Compiler, d: nodes.Determination) -> tuple[Fn, ...] | None:
    exprs = [e for c in d.cases for e in (c.cond, c.value)]
    if d.otherwise is not None:
        exprs.append(d.otherwise)
    getters: list[Fn] = []
    for e in exprs:
        reads = comp.static_reads(e)
        if reads is None:
            return None
        getters.extend(reads)
    return tuple(getters)


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

    def __init__(self, checked: CheckedRules) -> None:
        self._checked = checked
        comp = Compiler(checked)
        self._rules = tuple(self._compile_rule(comp, checked, r) for r in checked.rules)
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
        self._timed = any(r.start is not None or r.end is not None for r in self._rules)
        versions = {p for p in checked.periods.values() if p is not None}
        self._versions = sorted(versions, key=lambda p: (p.instrument, p.start))
        self._calendars: dict[CutiBersama, WorkingCalendar] = {}
        self._settings: dict[Any, tuple[dict[str, Any], WorkingCalendar, tuple[Any, ...]]] = {}

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
                    severity=q.severity or "error",
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
            when_rec=comp.compile(r.when, record=True) if r.when is not None else None,
            unless=tuple(comp.compile(u) for u in r.unless),
            unless_rec=tuple(comp.compile(u, record=True) for u in r.unless),
            reqs=tuple(reqs),
            severity=severity,
            location=loc,
            notes=tuple((n.label, comp.compile(n.expr, record=True)) for n in r.notes),
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
    def _calendar(self, cuti_bersama: CutiBersama | str) -> WorkingCalendar:
        key = CutiBersama(cuti_bersama)
        cal = self._calendars.get(key)
        if cal is None:
            cal = WorkingCalendar(cuti_bersama=key)
            self._calendars[key] = cal
        return cal

    def _resolve_settings(
        self, switches: Mapping[str, str] | None, cuti_bersama: CutiBersama | str | None
    ) -> tuple[dict[str, Any], WorkingCalendar, tuple[Any, ...]]:
        """Switch values for one run, the calendar they imply, and what the report shows."""
        given = dict(switches or {})
        if cuti_bersama is not None:
            value = cuti_bersama.value if isinstance(cuti_bersama, CutiBersama) else cuti_bersama
            given.setdefault("cuti_bersama", value)
        key = tuple(sorted(given.items()))
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
        calendar = self._calendar(given.get("cuti_bersama") or default_cuti or "libur")
        shown = {name: v.value for name, v in values.items()}
        shown["cuti_bersama"] = calendar.cuti_bersama.value
        result = (values, calendar, tuple(sorted(shown.items())))
        self._settings[key] = result
        return result

    def evaluate(
        self,
        agreement: Agreement,
        *,
        as_of: datetime.date | None = None,
        source: str | None = None,
        switches: Mapping[str, str] | None = None,
        cuti_bersama: CutiBersama | str | None = None,
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
        values, calendar, shown = self._resolve_settings(switches, cuti_bersama)
        ctx = Context(agreement, as_of, calendar, values)
        outs = self._na.copy()
        rules = self._rules
        run = self._run_rule
        ref, ref_source = _reference_date(agreement, as_of)
        if self._timed:
            for i in self._active.get(agreement.jenis, self._all):
                r = rules[i]
                if _in_force(r, ref):
                    outs[i] = run(r, ctx)
                else:
                    assert r.not_in_force is not None
                    outs[i] = r.not_in_force
        else:
            for i in self._active.get(agreement.jenis, self._all):
                outs[i] = run(rules[i], ctx)
        outcomes = tuple(outs)
        dets = tuple(self._run_det(d, ctx) for d in self._dets)
        return Report(
            agreement=agreement.id,
            source=source,
            as_of=as_of,
            verdict=verdict_of(outcomes),
            determinations=dets,
            outcomes=outcomes,
            switches=shown,
            law=tuple(
                LawVersion(p.instrument, p.start, p.end, _period_covers(p.start, p.end, ref))
                for p in self._versions
            ),
            reference_date=ref,
            reference=ref_source,
        )

    def evaluate_many(
        self,
        agreements: Iterable[Agreement],
        *,
        as_of: datetime.date | None = None,
        switches: Mapping[str, str] | None = None,
    ) -> list[Report]:
        """Evaluate several agreements with the same options."""
        return [self.evaluate(a, as_of=as_of, switches=switches) for a in agreements]

    def explain(
        self,
        agreement: Agreement,
        rule_id: str,
        *,
        as_of: datetime.date | None = None,
        switches: Mapping[str, str] | None = None,
        cuti_bersama: CutiBersama | str | None = None,
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
        report = self.evaluate(agreement, as_of=as_of, switches=switches, cuti_bersama=cuti_bersama)
        values, calendar, _ = self._resolve_settings(switches, cuti_bersama)
        ctx = Context(agreement, as_of, calendar, values)
        node = compiled.node
        steps: list[Step] = []

        def step(role: str, expr: nodes.Expr, rec: Fn, **kw: Any) -> Any:
            ctx.record = []
            try:
                value = rec(ctx)
                reads = ctx.record
            finally:
                ctx.record = None
            seen: dict[str, Any] = {}
            for path, v in reads:
                seen.setdefault(path, to_json_value(v))
            unknown = value.__class__ is _U
            steps.append(
                Step(
                    role=role,
                    condition=expr_to_source(expr),
                    condition_en=expr_to_source(expr, lang="en"),
                    value=None if unknown else to_json_value(value),
                    evidence=tuple(Evidence(p, v) for p, v in seen.items()),
                    missing=tuple(sorted(value.missing)) if unknown else (),
                    **kw,
                )
            )
            return value

        comp = Compiler(self._checked)
        if (
            node.when is not None
            and step("berlaku", node.when, comp.compile(node.when, record=True)) is not True
        ):
            return Explanation(report.outcome(rule_id), tuple(steps), as_of)
        for u in node.unless:
            if step("kecuali", u, comp.compile(u, record=True)) is True:
                return Explanation(report.outcome(rule_id), tuple(steps), as_of)
        for q in compiled.reqs:
            if q.node.guard is not None:
                g = step("jika", q.node.guard, q.guard_rec)  # type: ignore[arg-type]
                if g is not True:
                    continue
            step("wajib", q.node.expr, q.expr_rec, citation=q.citation, message=q.messages)
        return Explanation(report.outcome(rule_id), tuple(steps), as_of)

    # ------------------------------------------------------------------ one rule
    def _run_rule(self, r: _Rule, ctx: Context) -> Outcome:
        try:
            return self._run_rule_unchecked(r, ctx)
        except Exception as exc:
            return _outcome(r.na, "error", error=f"{type(exc).__name__}: {exc}")

    def _run_rule_unchecked(self, r: _Rule, ctx: Context) -> Outcome:
        if r.when is not None:
            w = r.when(ctx)
            if w is False:
                return r.na
            if w.__class__ is _U:
                assert r.when_rec is not None
                node = r.node
                finding = Finding(
                    status="unknown",
                    severity=r.severity,
                    citation=_most_specific(node.citations),
                    citations=node.citations,
                    messages=_APPLICABILITY_UNKNOWN,
                    evidence=self._explain(r.when_rec, ctx),
                    missing=tuple(sorted(w.missing)),
                )
                return _outcome(r.na, "unknown", findings=(finding,), reason="applicability")
        for u, u_rec in zip(r.unless, r.unless_rec, strict=True):
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
                    evidence=self._explain(u_rec, ctx),
                    missing=tuple(sorted(x.missing)),
                )
                return _outcome(r.na, "unknown", findings=(finding,), reason="exception")
        findings: list[Finding] = []
        pending: list[Pending] = []
        for q in r.reqs:
            if q.guard is not None:
                g = q.guard(ctx)
                if g is False:
                    pending.append(Pending(q.citation, q.messages, q.condition))
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
        notes = tuple(self._note(label, fn, ctx) for label, fn in r.notes)
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

    @staticmethod
    def _note(label: str, fn: Fn, ctx: Context) -> NoteValue:
        value, evidence = RuleSet._recorded(fn, ctx)
        unknown = value.__class__ is _U
        return NoteValue(
            label=label,
            value=None if unknown else to_json_value(value),
            evidence=evidence,
            missing=tuple(sorted(value.missing)) if unknown else (),
        )

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

    def _finding(self, q: _Req, status: str, value: Any, rec: Fn, ctx: Context) -> Finding:
        return Finding(
            status=status,
            severity=q.severity,
            citation=q.citation,
            citations=q.citations,
            messages=q.messages,
            evidence=self._explain(rec, ctx),
            missing=tuple(sorted(value.missing)) if value.__class__ is _U else (),
        )

    # ------------------------------------------------------------------ determinations
    def _run_det(self, d: _Det, ctx: Context) -> DeterminationResult:
        if d.key is None:
            return self._run_det_uncached(d, ctx)
        key = tuple(get(ctx) for get in d.key)
        hit = d.cache.get(key)
        if hit is None:
            if len(d.cache) >= _DET_CACHE_SIZE:
                d.cache.clear()
            hit = d.cache[key] = self._run_det_uncached(d, ctx)
        return hit

    def _run_det_uncached(self, d: _Det, ctx: Context) -> DeterminationResult:
        node = d.node
        ctx.record = []
        ctx.memo.pop("__case__", None)
        try:
            value = d.run(ctx)
            reads = ctx.record
        except Exception:
            value, reads = Unknown(frozenset()), []
        finally:
            ctx.record = None
        case = ctx.memo.pop("__case__", None)
        evidence: dict[str, Any] = {}
        for path, v in reads:
            evidence.setdefault(path, to_json_value(v))
        ev = tuple(Evidence(p, v) for p, v in evidence.items())
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
