"""Applies compiled rules to agreements -> :class:`report.Report`.

Sixth stage of the pipeline. :class:`RuleSet` is what ``compile``/``load_rules`` return:
rules parsed and checked once, every expression compiled to closures once, then applied
to as many agreements as you like. One rule's failure to run never hides the others: it
becomes an ``error`` outcome.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
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
    Location,
    Outcome,
    Pending,
    Report,
    Step,
    verdict_of,
)
from .values import Unknown, to_json_value

__all__ = ["RuleSet"]

Fn = Callable[[Context], Any]
_U = Unknown


@attrs.frozen
class _Req:
    node: nodes.Requirement
    expr: Fn
    expr_rec: Fn
    guard: Fn | None
    guard_rec: Fn | None
    messages: tuple[tuple[str, str], ...]
    citation: nodes.Citation
    condition: str


@attrs.frozen
class _Rule:
    node: nodes.Rule
    when: Fn | None
    when_rec: Fn | None
    unless: tuple[Fn, ...]
    reqs: tuple[_Req, ...]
    severity: str
    location: Location | None


@attrs.frozen
class _Det:
    node: nodes.Determination
    run: Fn
    conditions: tuple[str, ...]


def _case_text(c: nodes.Case) -> str:
    cond = expr_to_source(c.cond)
    if isinstance(c.value, nodes.Literal):
        return cond
    return f"{cond} maka {expr_to_source(c.value)}"


def _most_specific(cites: tuple[nodes.Citation, ...]) -> nodes.Citation:
    return max(cites, key=lambda c: c.specificity())


class RuleSet:
    """Rules parsed, checked and compiled once; call :meth:`evaluate` per agreement.

    Build one with :func:`kerjasama_rules.load_rules` or :func:`kerjasama_rules.compile`.
    """

    def __init__(self, checked: CheckedRules) -> None:
        self._checked = checked
        comp = Compiler(checked)
        self._rules = tuple(self._compile_rule(comp, r) for r in checked.rules)
        self._dets = tuple(
            _Det(
                node=d,
                run=comp.determination_cases(d, record=True),
                conditions=tuple(_case_text(c) for c in d.cases),
            )
            for d in checked.determinations.values()
        )
        self._calendars: dict[CutiBersama, WorkingCalendar] = {}

    @staticmethod
    def _compile_rule(comp: Compiler, r: nodes.Rule) -> _Rule:
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
                    condition=expr_to_source(q.guard) if q.guard is not None else "",
                )
            )
        severity = max(
            (q.severity or "error" for q in r.requirements), key=lambda s: SEVERITY_RANK[s]
        )
        loc = None
        if r.id_span is not None:
            loc = Location(r.id_span.source.name, r.id_span.line, r.id_span.column)
        return _Rule(
            node=r,
            when=comp.compile(r.when) if r.when is not None else None,
            when_rec=comp.compile(r.when, record=True) if r.when is not None else None,
            unless=tuple(comp.compile(u) for u in r.unless),
            reqs=tuple(reqs),
            severity=severity,
            location=loc,
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

    def evaluate(
        self,
        agreement: Agreement,
        *,
        as_of: datetime.date | None = None,
        source: str | None = None,
        cuti_bersama: CutiBersama | str = CutiBersama.LIBUR,
    ) -> Report:
        """Apply every rule to one agreement.

        Args:
            agreement: the facts, as loaded by :func:`kerjasama_rules.load_agreement`.
            as_of: the date the agreement is judged at; rules that need it are
                ``unknown`` without it. The library never reads the clock.
            source: where the agreement came from, echoed in the report.
            cuti_bersama: the interpretation switch for working days (``libur``: national
                collective leave days are not working days, the default; ``kerja``: they are).

        Returns:
            A report with one outcome per rule, the determinations and a verdict.

        Raises:
            ConfigurationError: ``agreement`` is not an :class:`Agreement` or a switch
                value is not recognised.
        """
        if not isinstance(agreement, Agreement):
            msg = f"evaluate() takes an Agreement, got {type(agreement).__name__}"
            raise ConfigurationError(msg)
        if as_of is not None and (
            not isinstance(as_of, datetime.date) or isinstance(as_of, datetime.datetime)
        ):
            msg = "as_of must be a datetime.date"
            raise ConfigurationError(msg)
        try:
            calendar = self._calendar(cuti_bersama)
        except ValueError:
            msg = f"`{cuti_bersama}` is not a value of the cuti_bersama switch (libur, kerja)"
            raise ConfigurationError(msg) from None
        ctx = Context(agreement, as_of, calendar)
        outcomes = tuple(self._run_rule(r, ctx) for r in self._rules)
        dets = tuple(self._run_det(d, ctx) for d in self._dets)
        return Report(
            agreement=agreement.id,
            source=source,
            as_of=as_of,
            verdict=verdict_of(outcomes),
            determinations=dets,
            outcomes=outcomes,
            switches=(("cuti_bersama", calendar.cuti_bersama.value),),
        )

    def evaluate_many(
        self, agreements: Iterable[Agreement], *, as_of: datetime.date | None = None
    ) -> list[Report]:
        """Evaluate several agreements with the same options."""
        return [self.evaluate(a, as_of=as_of) for a in agreements]

    def explain(
        self,
        agreement: Agreement,
        rule_id: str,
        *,
        as_of: datetime.date | None = None,
        cuti_bersama: CutiBersama | str = CutiBersama.LIBUR,
    ) -> Explanation:
        """The full reasoning of one rule: each condition, its value and the facts it read.

        Raises:
            ConfigurationError: no rule has that id.
        """
        compiled = next((r for r in self._rules if r.node.id == rule_id), None)
        if compiled is None:
            from .suggest import hint

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
        report = self.evaluate(agreement, as_of=as_of, cuti_bersama=cuti_bersama)
        ctx = Context(agreement, as_of, self._calendar(cuti_bersama))
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
        node = r.node
        try:
            return self._run_rule_unchecked(r, ctx)
        except Exception as exc:
            return Outcome(
                rule=node.id,
                status="error",
                severity=r.severity,
                title=node.title,
                citations=node.citations,
                location=r.location,
                error=f"{type(exc).__name__}: {exc}",
            )

    def _run_rule_unchecked(self, r: _Rule, ctx: Context) -> Outcome:
        node = r.node

        def outcome(status: str, **kw: Any) -> Outcome:
            return Outcome(
                rule=node.id,
                status=status,
                severity=kw.pop("severity", r.severity),
                title=node.title,
                citations=node.citations,
                location=r.location,
                **kw,
            )

        if r.when is not None:
            w = r.when(ctx)
            if w is False:
                return outcome("not_applicable")
            if w.__class__ is _U:
                assert r.when_rec is not None
                evidence = self._explain(r.when_rec, ctx)
                finding = Finding(
                    status="unknown",
                    severity=r.severity,
                    citation=_most_specific(node.citations),
                    citations=node.citations,
                    messages=(
                        ("id", "belum dapat ditentukan apakah aturan ini berlaku"),
                        ("en", "cannot yet tell whether this rule applies"),
                    ),
                    evidence=evidence,
                    missing=tuple(sorted(w.missing)),
                )
                return outcome("unknown", findings=(finding,), reason="applicability")
        for u in r.unless:
            v = u(ctx)
            if v is True:
                return outcome("not_applicable", reason="exception")
        findings: list[Finding] = []
        pending: list[Pending] = []
        for q in r.reqs:
            sev = q.node.severity or "error"
            if q.guard is not None:
                g = q.guard(ctx)
                if g is False:
                    pending.append(Pending(q.citation, q.messages, q.condition))
                    continue
                if g.__class__ is _U:
                    assert q.guard_rec is not None
                    findings.append(self._finding(q, "unknown", sev, g, q.guard_rec, ctx))
                    continue
            v = q.expr(ctx)
            if v is True:
                continue
            if v is False:
                findings.append(self._finding(q, "fail", sev, v, q.expr_rec, ctx))
            else:
                findings.append(self._finding(q, "unknown", sev, v, q.expr_rec, ctx))
        if any(f.status == "fail" for f in findings):
            status = "fail"
            severity = max(
                (f.severity for f in findings if f.status == "fail"),
                key=lambda s: SEVERITY_RANK[s],
            )
        elif findings:
            status, severity = "unknown", r.severity
        else:
            status, severity = "pass", r.severity
        return outcome(status, findings=tuple(findings), pending=tuple(pending), severity=severity)

    def _finding(
        self, q: _Req, status: str, severity: str, value: Any, rec: Fn, ctx: Context
    ) -> Finding:
        cites = q.node.citations
        return Finding(
            status=status,
            severity=severity,
            citation=q.citation,
            citations=cites,
            messages=q.messages,
            evidence=self._explain(rec, ctx),
            missing=tuple(sorted(value.missing)) if value.__class__ is _U else (),
        )

    @staticmethod
    def _explain(rec: Fn, ctx: Context) -> tuple[Evidence, ...]:
        ctx.record = []
        try:
            rec(ctx)
            reads = ctx.record
        finally:
            ctx.record = None
        seen: dict[str, Any] = {}
        for path, value in reads:
            if path not in seen:
                seen[path] = to_json_value(value)
        return tuple(Evidence(p, v) for p, v in seen.items())

    # ------------------------------------------------------------------ determinations
    def _run_det(self, d: _Det, ctx: Context) -> DeterminationResult:
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
