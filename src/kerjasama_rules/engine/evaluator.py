"""Applies compiled rules to agreements -> :class:`report.Report`.

Sixth stage of the pipeline. :class:`RuleSet` is what ``compile``/``load_rules`` return:
rules parsed and checked once, every expression compiled to closures once, then applied
to as many agreements as you like. One rule's failure to run never hides the others: it
becomes an ``error`` outcome.

Speed comes from work done once: each rule's ``not_applicable`` and plain ``pass``
outcomes are built at compile time and shared (they are immutable), and a rule whose
``berlaku jika`` demands certain ``jenis`` is skipped without evaluation for the others.
Evidence is collected only for findings, by re-running the recording closures.

This module is the facade that ties the pieces together; each piece has its module:
``compiled_rules`` (rules made ready to run), ``planning`` (which rules run, switches, the
law applied), ``running`` (one rule -> its outcome), ``assembly`` (findings, notes,
determinations) and ``explanation`` (``explain``, step by step).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from .. import limits
from ..errors import ConfigurationError, Diagnostic, bad_argument
from ..language import nodes
from ..language.checked import CheckedRules
from ..model.agreement import Agreement
from ..model.calendar import CutiBersama
from ..suggest import hint
from .assembly import run_determination
from .closures import WorkLimitError
from .codegen import PlanRule, generate_plan, generate_rule
from .compiled_rules import compile_determination, compile_rule
from .compiler import Compiler, Context
from .explanation import determination_steps, rule_steps
from .planning import Planner, Settings, apply_periods, reference_date
from .report import DeterminationResult, Explanation, Outcome, Report, Step, verdict_of
from .running import error_outcome, excepted_outcome, finish_program, run_rule

__all__ = ["RuleSet"]


class RuleSet:
    """Rules parsed, checked and compiled once; call :meth:`evaluate` per agreement.

    Build one with :func:`kerjasama_rules.load_rules` or :func:`kerjasama_rules.compile`.
    """

    def __init__(
        self, checked: CheckedRules, *, _generate: bool = True, _memo_facts: bool = True
    ) -> None:
        if not isinstance(checked, CheckedRules):
            raise bad_argument(
                "RuleSet", "checked", "checked rules (use load_rules or compile)", checked
            )
        self._checked = checked
        comp = Compiler(checked)
        # _memo_facts: memoise results that are pure functions of facts (determinations,
        # notes, the evidence of findings); off only to measure the engine without it.
        rules = tuple(compile_rule(comp, r, memo_facts=_memo_facts) for r in checked.rules)
        # The fast path (_generate): one generated function per plan, made when the plan
        # is first used (codegen.generate_plan); the closures stay, to explain findings
        # and as the reference the tests compare against (_generate=False).
        self._comp = comp
        self._programs: dict[int, Any] = {}  # per-rule functions, for _decide only
        self._dets = tuple(
            compile_determination(comp, d, memo_facts=_memo_facts)
            for d in checked.determinations.values()
        )
        self._rules = apply_periods(rules, checked)
        planner = Planner(self._rules, checked, self._plan_function(comp) if _generate else None)
        # For each jenis, the indices of the rules that can apply to it at all.
        self._active = planner.active
        self._all = planner.all
        settings = Settings(checked)
        # Bound once, so that each evaluation calls them without a further look-up.
        self._plan = planner.plan
        self._resolve_settings = settings.resolve

    def _plan_function(self, comp: Compiler) -> Callable[[Any, tuple[int, ...]], Any]:
        """What makes a plan's one generated function from its ``jenis`` and the indices
        of its rules."""
        compiled = self._rules

        def generate(jenis: Any, run: tuple[int, ...]) -> Any:
            rules = []
            for i in run:
                r = compiled[i]
                rules.append(
                    PlanRule(
                        position=i,
                        node=r.node,
                        passed=None if r.notes else r.passed,
                        excepted=excepted_outcome(r),
                        finish=functools.partial(finish_program, r),
                        error=functools.partial(error_outcome, r),
                    )
                )
            return generate_plan(comp, rules, jenis).fn

        return generate

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
        if not isinstance(rule_id, str):
            raise bad_argument("rule", "rule_id", "a rule id (str)", rule_id)
        for r in self._checked.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

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
            EvaluationError: the evaluation takes more steps than the limit
                ``max_evaluation_work`` (code ``limit.evaluation-work``, naming the
                rule and the agreement).
        """
        if not isinstance(agreement, Agreement):
            msg = f"evaluate() takes an Agreement, got {type(agreement).__name__}"
            raise ConfigurationError(msg)
        if (
            as_of is not None
            and as_of.__class__ is not datetime.date
            and (not isinstance(as_of, datetime.date) or isinstance(as_of, datetime.datetime))
        ):
            msg = "as_of must be a datetime.date"
            raise ConfigurationError(msg)
        if as_of is not None:
            _check_year("evaluate", as_of)
        if switches is None and cuti_bersama is None and not regional_holidays:
            # The common case, checked in a few tests: the default settings.
            values, calendar, shown = self._resolve_settings(None, None, ())
        else:
            values, calendar, shown = self._settings_for(switches, cuti_bersama, regional_holidays)
        ctx = Context(agreement, as_of, calendar, values)
        ctx.evidence = evidence
        p = agreement.perjanjian
        ref: datetime.date | None
        ref_source: str | None
        if p is not None and p.tanggal_ttd is not None:
            ref, ref_source = p.tanggal_ttd, "$.perjanjian.tanggal_ttd"
        else:
            ref, ref_source = reference_date(agreement, as_of)
        plan = self._plan(agreement.jenis, ref)
        outs = plan.outcomes.copy()
        ran: list[Outcome] = []  # the outcomes with findings or errors, in rule order
        try:
            if plan.fn is not None:
                plan.fn(ctx, outs, ran)
            else:
                rules = self._rules
                run = run_rule
                for i in plan.run:
                    o = outs[i] = run(rules[i], ctx)
                    if o.findings or o.error is not None:
                        ran.append(o)
            dets = tuple([run_determination(d, ctx) for d in self._dets])
        except WorkLimitError as exc:
            raise exc.located(agreement=agreement.id, source=source) from None
        outcomes = tuple(outs)
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

    def _settings_for(
        self,
        switches: Mapping[str, str] | None,
        cuti_bersama: CutiBersama | str | None,
        regional_holidays: Iterable[tuple[datetime.date, str]],
    ) -> Any:
        """Switches, calendar and shown settings of a run that sets some (checked)."""
        _check_settings("evaluate", switches, cuti_bersama)
        try:
            holidays = tuple(regional_holidays) if regional_holidays else ()
        except TypeError:
            raise bad_argument(
                "evaluate", "regional_holidays", "(date, name) pairs", regional_holidays
            ) from None
        if holidays and not all(
            isinstance(h, tuple)
            and len(h) == 2
            and isinstance(h[0], datetime.date)
            and isinstance(h[1], str)
            for h in holidays
        ):
            msg = "regional_holidays must be (datetime.date, name) pairs"
            raise ConfigurationError(msg)
        return self._resolve_settings(switches, cuti_bersama, holidays)

    def _decide(
        self, agreement: Agreement, as_of: datetime.date | None
    ) -> tuple[tuple[int, ...], tuple[Any, ...]]:
        """The decisions alone, for benchmarks: the indices of the rules the plan runs and
        what each rule's generated function returned (no outcome, no report)."""
        values, calendar, _ = self._resolve_settings(None, None, ())
        ctx = Context(agreement, as_of, calendar, values)
        ctx.evidence = False
        plan = self._plan(agreement.jenis, reference_date(agreement, as_of)[0])
        programs = self._programs
        for i in plan.run:
            if i not in programs:
                programs[i] = generate_rule(self._comp, self._rules[i].node).fn
        return plan.run, tuple([programs[i](ctx) for i in plan.run])

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
        _check_agreements("evaluate_many", agreements, "agreements (a list)")
        return list(self._reports(agreements, as_of, switches, cuti_bersama, evidence))

    def iter_evaluate(
        self,
        agreements: Iterable[Agreement],
        *,
        as_of: datetime.date | None = None,
        switches: Mapping[str, str] | None = None,
        cuti_bersama: CutiBersama | str | None = None,
        evidence: bool = True,
    ) -> Iterator[Report]:
        """Like :meth:`evaluate_many`, lazily: each report is made when it is asked for.

        Neither the agreements nor the reports are kept, so a stream of any length (an
        iterator over a JSON Lines file) is judged in constant memory. The argument is
        checked at the call, not at the first ``next``.
        """
        _check_agreements("iter_evaluate", agreements, "agreements (an iterable)")
        return self._reports(agreements, as_of, switches, cuti_bersama, evidence)

    def _reports(
        self,
        agreements: Iterable[Agreement],
        as_of: datetime.date | None,
        switches: Mapping[str, str] | None,
        cuti_bersama: CutiBersama | str | None,
        evidence: bool,
    ) -> Iterator[Report]:
        for a in agreements:
            yield self.evaluate(
                a, as_of=as_of, switches=switches, cuti_bersama=cuti_bersama, evidence=evidence
            )

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
        if not isinstance(agreement, Agreement):
            raise bad_argument("explain", "agreement", "an Agreement", agreement)
        if not isinstance(rule_id, str):
            raise bad_argument("explain", "rule_id", "a rule id (str)", rule_id)
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
        try:
            steps = rule_steps(compiled, Compiler(self._checked), ctx)
        except WorkLimitError as exc:
            raise exc.located(rule=rule_id, agreement=agreement.id) from None
        return Explanation(report.outcome(rule_id), steps, as_of)

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
            ConfigurationError: no determination has that name, or an argument of the
                wrong kind.
        """
        if not isinstance(agreement, Agreement):
            raise bad_argument("explain_determination", "agreement", "an Agreement", agreement)
        if not isinstance(name, str):
            raise bad_argument("explain_determination", "name", "a determination name", name)
        det = self._checked.determinations.get(name)
        if det is None:
            msg = f"no determination has the name `{name}`"
            names = list(self._checked.determinations)
            raise ConfigurationError(
                [Diagnostic(code="config.unknown-rule", message=msg, help=hint(name, names))]
            )
        result = self.evaluate(
            agreement, as_of=as_of, switches=switches, cuti_bersama=cuti_bersama
        ).determination(name)
        values, calendar, _ = self._resolve_settings(switches, cuti_bersama)
        ctx = Context(agreement, as_of, calendar, values)
        try:
            steps = determination_steps(det, Compiler(self._checked), ctx)
        except WorkLimitError as exc:
            raise exc.located(rule=name, agreement=agreement.id) from None
        return result, steps


def _check_year(function: str, day: datetime.date) -> None:
    """Refuse an evaluation date outside the years the calendar handles (as the loader
    refuses such dates in agreements): deadlines counted near it would leave the calendar."""
    lim = limits.current()
    if not lim.min_date_year <= day.year <= lim.max_date_year:
        msg = (
            f"{function}(): as_of {day.isoformat()} is outside the years the calendar handles "
            f"({lim.min_date_year} to {lim.max_date_year}: limits `min_date_year`, "
            "`max_date_year`)"
        )
        raise ConfigurationError([Diagnostic(code="config.bad-argument", message=msg)])


def _check_settings(function: str, switches: object, cuti_bersama: object) -> None:
    """Refuse switches and ``cuti_bersama`` of the wrong kind before they are used."""
    if switches is not None and not (
        isinstance(switches, Mapping)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in switches.items())
    ):
        raise bad_argument(function, "switches", "a mapping of str to str", switches)
    if cuti_bersama is not None and not isinstance(cuti_bersama, str | CutiBersama):
        raise bad_argument(function, "cuti_bersama", "`libur` or `kerja`", cuti_bersama)


def _check_agreements(func: str, agreements: object, expected: str) -> None:
    # One agreement, a string or a mapping is iterable but is not a list of agreements.
    if isinstance(agreements, Agreement | str | bytes | Mapping) or not isinstance(
        agreements, Iterable
    ):
        raise bad_argument(func, "agreements", expected, agreements)
