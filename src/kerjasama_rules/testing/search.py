"""`kerjasama analyze` without z3: a bounded hypothesis search for the findings it can search.

When the ``analysis`` extra (z3) is missing, ``kerjasama analyze`` says so and runs this
instead. It cannot prove anything: it draws a bounded number of agreements (compliant
seeds, realistic agreements and agreements built from each rule's own constants, see
:func:`~kerjasama_rules.testing.building.mined_values`), evaluates them with the real
engine and reports what it never saw:

* ``analyze.dead-rule``: no drawn agreement made the rule apply;
* ``analyze.unsatisfiable``: the rule applied, but a requirement never held;
* ``analyze.vacuous``: the rule applied, but a requirement never failed (severity
  ``info`` here: failing often needs one particular value, which a search may miss).

Every finding is marked ``proof: false`` ("search result, not a proof"): a rarer
agreement may still exist. Contradictions, duplicates, unreachable parts and
determination gaps need the solver and are not searched; the result says so.
The search is derandomised, so the same rules give the same result on every run.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from ..analysis.allow import allowances
from ..analysis.findings import CODES, AnalysisFinding, AnalysisResult, Location
from ..engine.evaluator import RuleSet
from ..engine.report import Outcome
from ..language import nodes
from ..model.agreement import Agreement
from ..model.loader import unstructure_agreement
from .building import (
    AS_OF,
    _mined_agreement,
    agreements_of,
    compliant_agreements,
    mine,
    mutated,
    rule_jenis,
)

__all__ = ["LABEL", "SEARCHED", "search_analysis", "search_rules"]

SEARCHED = ("analyze.dead-rule", "analyze.unsatisfiable", "analyze.vacuous")
ENGINE = "a bounded hypothesis search (search result, not a proof: z3 is not installed)"
# The longest list the strategies draw (partners, affairs, reports).
LIST_BOUND = 4
LABEL = "search result, not a proof"
# A search proves nothing universal: "no drawn agreement made the rule apply" is a hint
# to look, never an error or a warning (a rarer agreement, or an empty text where a fact
# is missing, may still show otherwise). Every search finding is therefore an `info`.
_SEVERITY = dict.fromkeys(SEARCHED, "info")
_ASSUMPTION = "{n} agreements drawn (a bounded, derandomised search), none showed otherwise"


def _draw(
    strategy: st.SearchStrategy[Agreement], n: int, sink: Callable[[Agreement], None]
) -> None:
    """Draw ``n`` agreements reproducibly and hand each to ``sink``."""

    @settings(
        max_examples=n,
        database=None,
        derandomize=True,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(agreement: Agreement) -> None:
        sink(agreement)

    run()


def _messages(q: nodes.Requirement) -> tuple[tuple[str, str], ...]:
    return tuple((m.lang, m.text) for m in q.messages)


def _applies(o: Outcome) -> bool:
    return o.status in ("pass", "fail", "unknown") and not o.reason


class _Tally:
    """What the drawn agreements showed, per rule and per requirement."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self.applied: set[str] = set()
        self.held: set[tuple[str, int]] = set()
        self.failed: set[tuple[str, int]] = set()
        self.reqs = {r.id: [_messages(q) for q in r.requirements] for r in rules.rules}
        self.drawn = 0
        # Every agreement is judged with the default switches and with each switch set,
        # one at a time, to each of its other values: a rule or requirement that only
        # one reading reaches (``batas_lima_tahun_pks = aktif``) is then seen too.
        self.settings: list[dict[str, str]] = [{}]
        for sw in rules.switches:
            self.settings += [{sw.name: v} for v in sw.values if v != sw.default]
        # A few documents per rule on which it applied: bases for the targeted search.
        self.bases: dict[str, list[dict[str, Any]]] = {}

    def see(self, agreement: Agreement, as_of: datetime.date) -> None:
        self.drawn += 1
        for switches in self.settings:
            report = self.rules.evaluate(agreement, as_of=as_of, switches=switches, evidence=False)
            self._tally(agreement, report.outcomes)

    def _tally(self, agreement: Agreement, outcomes: Sequence[Outcome]) -> None:
        for o in outcomes:
            if not _applies(o):
                continue
            self.applied.add(o.rule)
            bases = self.bases.setdefault(o.rule, [])
            if len(bases) < 8:
                bases.append(unstructure_agreement(agreement))
            failed = {f.messages for f in o.findings if f.status == "fail"}
            open_ = {f.messages for f in o.findings} | {p.messages for p in o.pending}
            for i, msgs in enumerate(self.reqs.get(o.rule, ())):
                if msgs in failed:
                    self.failed.add((o.rule, i))
                elif msgs not in open_:
                    self.held.add((o.rule, i))


def _around(
    bases: Sequence[Mapping[str, Any]], values: Sequence[tuple[tuple[str, ...], Any]]
) -> st.SearchStrategy[Agreement]:
    """Agreements on which a rule applied, with up to three of ``values`` set."""

    def edit(base: Mapping[str, Any]) -> st.SearchStrategy[Agreement]:
        return mutated(base, values, most=3)

    return st.sampled_from(bases).flatmap(edit)


def _location(span: Any, fallback: str) -> Location:
    if span is None:
        return Location(fallback, 1, 1)
    line, col = span.source.line_col(span.start)
    return Location(span.source.name, line, col)


def search_analysis(
    rules: RuleSet,
    *,
    per_rule: int = 12,
    pool: int = 60,
    retry: int = 40,
    as_of: datetime.date = AS_OF,
) -> AnalysisResult:
    """Search for dead rules and unsatisfiable or vacuous requirements, without z3.

    Draws ``pool`` compliant and ``pool`` realistic agreements, ``per_rule`` agreements
    built from each rule's constants, and up to ``retry`` more for each rule or
    requirement that has not yet shown the other behaviour. Bounded: at most
    ``2 * pool + (per_rule + retry * (1 + requirements)) * rules`` evaluations.
    """
    tally = _Tally(rules)

    def see(a: Agreement) -> None:
        tally.see(a, as_of)

    _draw(compliant_agreements(), pool, see)
    _draw(agreements_of(), pool, see)
    strategies = {r.id: _mined_agreement(rules, r, rule_jenis(rules, r.id)) for r in rules.rules}
    for r in rules.rules:
        _draw(strategies[r.id], per_rule, see)
    # A second, targeted look at whatever has not shown up yet: a rule that never
    # applied gets more draws of its own; a requirement that never failed (or never held)
    # gets the agreements on which its rule applied, with its own constants set.
    for r in rules.rules:
        if r.id not in tally.applied:
            _draw(strategies[r.id], 3 * retry, see)
    for r in rules.rules:
        for i, q in enumerate(r.requirements):
            key = (r.id, i)
            bases = tally.bases.get(r.id)
            if not bases or (key in tally.held and key in tally.failed):
                continue
            _draw(_around(bases, mine(rules, [q.expr, q.guard])), retry, see)
    findings: list[AnalysisFinding] = []
    assumptions = (_ASSUMPTION.format(n=tally.drawn),)
    requirements = 0
    for r in rules.rules:
        where = _location(r.id_span or r.span, r.id)
        requirements += len(r.requirements)
        if r.id not in tally.applied:
            findings.append(
                _finding(
                    "analyze.dead-rule",
                    r.id,
                    where,
                    f"rule `{r.id}` applied to none of the {tally.drawn} agreements drawn",
                    assumptions,
                )
            )
            continue
        for i, q in enumerate(r.requirements):
            qwhere = _location(q.span, r.id)
            if (r.id, i) not in tally.held and (r.id, i) in tally.failed:
                findings.append(
                    _finding(
                        "analyze.unsatisfiable",
                        r.id,
                        qwhere,
                        f"requirement {i + 1} of `{r.id}` never held where the rule applied",
                        assumptions,
                    )
                )
            elif (r.id, i) not in tally.failed and (r.id, i) in tally.held:
                findings.append(
                    _finding(
                        "analyze.vacuous",
                        r.id,
                        qwhere,
                        f"requirement {i + 1} of `{r.id}` never failed where the rule applied",
                        assumptions,
                    )
                )
    # The drafter's ``# analyze: allow CODE -- reason`` comments silence a search
    # finding exactly as they silence the solver's.
    allow = allowances(rules._checked)
    kept: list[AnalysisFinding] = []
    justified: list[AnalysisFinding] = []
    for f in findings:
        reason = allow.get(f.subject, {}).get(f.code)
        if reason is None:
            kept.append(f)
        else:
            justified.append(attrs.evolve(f, justified=reason))
    return AnalysisResult(
        findings=tuple(kept),
        justified=tuple(justified),
        not_analysed=(),
        list_bound=LIST_BOUND,
        engine=ENGINE,
        rules=len(rules.rules),
        requirements=requirements,
        determinations=len(rules.determinations),
        queries=tally.drawn,
    )


def _finding(
    code: str, subject: str, where: Location, message: str, assumptions: Sequence[str]
) -> AnalysisFinding:
    return AnalysisFinding(
        code=code,
        severity=_SEVERITY.get(code, CODES[code]),
        subject=subject,
        location=where,
        message=f"{LABEL}: {message}",
        proof=False,
        witness=None,
        assumptions=tuple(assumptions),
    )


def search_rules(*paths: str | os.PathLike[str]) -> AnalysisResult:
    """Load rule files (the bundled rules when none) and search them (:func:`search_analysis`).

    Raises:
        RuleSyntaxError, RuleCheckError, ConfigurationError: the rules do not load.
    """
    from ..engine.rulefiles import load_rules

    return search_analysis(load_rules(*paths))
