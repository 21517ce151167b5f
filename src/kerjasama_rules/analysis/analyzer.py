"""The checks: dead rules, unsatisfiable, vacuous and unreachable parts, contradictions,
duplicates, redundancies, determination overlaps and gaps, each with a replayed witness.

Every claim is a satisfiability question about the encoding of ``encode.py``. A claim
that something can *never* happen is an ``unsat`` answer: a proof within the bounds
(lists of at most :data:`~.encode.LIST_BOUND` items; dates 1990-2100; the working-day
functions as sound over-approximations). A claim that something *can* happen comes with
the model as a witness agreement. Every finding's witness is replayed on the real engine
(:class:`~.witness.Replay`) before it is reported.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import z3

from ..engine.evaluator import RuleSet
from ..language import nodes
from ..language.checker import CheckedRules
from ..language.printer import expr_to_source
from .allow import allowances
from .encode import NotEncodable, Val
from .findings import AnalysisFinding, AnalysisResult, NotAnalysed
from .solver import RLIMIT, GaveUp, Solving, location, same_units, values_differ

__all__ = ["analyze_checked"]


@attrs.define
class _Req:
    rule: _Rule
    index: int
    node: nodes.Requirement
    guard: Val | None
    expr: Val
    reads: frozenset[str]
    due: Any = None
    jenis: frozenset[int] = frozenset()
    broken: bool = False

    @property
    def fail(self) -> Any:
        return z3.And(self.due, self.expr.f)


@attrs.define
class _Rule:
    node: nodes.Rule
    file: str
    in_force: Any
    when: Val | None
    unless: list[Val]
    reqs: list[_Req]
    calendar: bool
    lists: bool
    jenis: frozenset[int] = frozenset()

    @property
    def app(self) -> Any:
        parts = [self.in_force]
        if self.when is not None:
            parts.append(self.when.t)
        parts.extend(u.f for u in self.unless)
        return z3.And(*parts)


class _Analyzer(Solving):
    # ------------------------------------------------------------------ encoding
    def _periods(self) -> dict[str, tuple[datetime.date | None, datetime.date | None]]:
        out: dict[str, tuple[datetime.date | None, datetime.date | None]] = {}
        for r in self.checked.rules:
            p = self.checked.periods.get(r.id)
            out[r.id] = (p.start if p else None, p.end if p else None)
        for r in self.checked.rules:
            p = self.checked.periods.get(r.id)
            if p is None:
                continue
            for old in r.replaces:
                start, end = out[old]
                if end is None or p.start < end:
                    out[old] = (start, p.start)
        return out

    def encode_rules(self) -> None:
        periods = self._periods()
        ttd = self.enc.fact("perjanjian.tanggal_ttd")
        ref = z3.If(ttd.present, ttd.value, self.enc.as_of)
        for node in self.checked.rules:
            where = location(node.id_span or node.span, node.id)
            file = node.span.source.name if node.span is not None else ""
            start, end = periods[node.id]
            in_force = z3.And(
                z3.BoolVal(True) if start is None else ref >= start.toordinal(),
                z3.BoolVal(True) if end is None else ref < end.toordinal(),
            )
            calls = len(self.enc.calls)
            try:
                when = self.enc.enc(node.when) if node.when is not None else None
                unless = [self.enc.enc(u) for u in node.unless]
                rule = _Rule(node, file, in_force, when, unless, [], False, False)
                reads: set[str] = set()
                for i, q in enumerate(node.requirements):
                    guard = self.enc.enc(q.guard) if q.guard is not None else None
                    expr, r = self.enc.enc_reads(q.expr)
                    reads |= r
                    rule.reqs.append(_Req(rule, i, q, guard, expr, r))
            except NotEncodable as exc:
                self.not_analysed.append(NotAnalysed(node.id, where, exc.construct))
                continue
            rule.calendar = len(self.enc.calls) > calls
            rule.lists = any("[" in p for p in self.enc.facts)
            self.rules.append(rule)

    # ------------------------------------------------------------------ per rule
    def check_rule(self, r: _Rule) -> None:
        node = r.node
        where = location(node.id_span or node.span, node.id)
        rid = node.id
        rp = self.replay

        def applies(a: Any, d: datetime.date, s: Mapping[str, str]) -> bool:
            o = rp.outcome(a, rid, d, s)
            return o.status in ("pass", "fail", "unknown") and o.reason is None

        if not self.sat(r.app):
            cs = [z3.Not(r.app)]
            if r.when is not None:
                cs.append(r.when.known)
            w = self.witness(
                "analyze.dead-rule", where, cs, f"rule {rid} does not apply",
                lambda a, d, s: not applies(a, d, s),
            )  # fmt: skip
            self.report(
                "analyze.dead-rule",
                rid,
                where,
                f"rule `{rid}` can never apply: its period in force, `berlaku jika` and "
                "`kecuali` exclude every agreement under every switch setting",
                w,
                calendar=r.calendar,
                lists=r.lists,
            )
            for q in r.reqs:
                q.broken = True
            return
        jenis = self.enc.fact("jenis").value
        r.jenis = frozenset(j for j in range(self.jenis_values) if self.sat(r.app, jenis == j))
        prefix = [r.in_force] + ([r.when.t] if r.when is not None else [])
        for u, unode in zip(r.unless, node.unless, strict=True):
            if not self.sat(*prefix, u.t):
                uw = location(getattr(unode, "span", None), rid)
                text = expr_to_source(unode)
                w = self.witness(
                    "analyze.unreachable-kecuali",
                    uw,
                    [*prefix, u.f],
                    f"rule {rid} applies and `kecuali {text}` is false",
                    lambda a, d, s, e=unode: rp.value(a, e, d, s) is False,
                )
                self.report(
                    "analyze.unreachable-kecuali",
                    rid,
                    uw,
                    f"`kecuali {text}` of rule `{rid}` can never take effect where the rule "
                    "would otherwise apply",
                    w,
                    calendar=r.calendar,
                    lists=r.lists,
                )
            prefix.append(u.f)
        for q in r.reqs:
            self.check_requirement(r, q, applies)

    def check_requirement(self, r: _Rule, q: _Req, applies: Callable[..., bool]) -> None:
        rid = r.node.id
        rp = self.replay
        where = location(q.node.span, rid)
        text = expr_to_source(q.node.expr)
        q.due = r.app if q.guard is None else z3.And(r.app, q.guard.t)
        if q.guard is not None and not self.sat(q.due):
            assert q.node.guard is not None
            gtext = expr_to_source(q.node.guard)
            w = self.witness(
                "analyze.unreachable-guard",
                where,
                [r.app, q.guard.known],
                f"rule {rid} applies and `jika {gtext}` is not true",
                lambda a, d, s, g=q.node.guard: (
                    applies(a, d, s) and rp.value(a, g, d, s) is not True
                ),
            )
            self.report(
                "analyze.unreachable-guard",
                rid,
                where,
                f"the requirement `{text}` of rule `{rid}` never falls due: "
                f"`jika {gtext}` cannot hold where the rule applies",
                w,
                calendar=r.calendar,
                lists=r.lists,
            )
            q.broken = True
            return

        def due(a: Any, d: datetime.date, s: Mapping[str, str]) -> bool:
            if not applies(a, d, s):
                return False
            return q.node.guard is None or rp.value(a, q.node.guard, d, s) is True

        if not self.sat(q.due, q.expr.t):
            w = self.witness(
                "analyze.unsatisfiable",
                where,
                [q.due, q.expr.f],
                f"rule {rid} applies and `{text}` fails",
                lambda a, d, s: due(a, d, s) and rp.value(a, q.node.expr, d, s) is False,
            )
            if w is None:  # it can never be false either: it is always unknown
                w = self.witness(
                    "analyze.unsatisfiable",
                    where,
                    [q.due],
                    f"rule {rid} applies and `{text}` is not met",
                    lambda a, d, s: due(a, d, s) and rp.value(a, q.node.expr, d, s) is not True,
                )
            self.report(
                "analyze.unsatisfiable",
                rid,
                where,
                f"the requirement `{text}` of rule `{rid}` can never be met where it applies: "
                "every agreement it concerns fails (or stays unknown)",
                w,
                calendar=r.calendar,
                lists=r.lists,
            )
            q.broken = True
        elif not self.sat(q.due, q.expr.f):
            w = self.witness(
                "analyze.vacuous",
                where,
                [q.due, q.expr.t],
                f"rule {rid} applies and `{text}` holds",
                lambda a, d, s: due(a, d, s) and rp.value(a, q.node.expr, d, s) is True,
            )
            self.report(
                "analyze.vacuous",
                rid,
                where,
                f"the requirement `{text}` of rule `{rid}` can never fail where it applies: "
                "it checks nothing",
                w,
                calendar=r.calendar,
                lists=r.lists,
            )
            q.broken = True
        else:
            # The rule's kinds of agreement bound the requirement's: enough to pair them.
            q.jenis = r.jenis

    # ------------------------------------------------------------------ pairs
    def check_pairs(self) -> None:
        reqs = [q for r in self.rules for q in r.reqs if not q.broken and q.due is not None]
        ignore = {"jenis", "id"}
        for i, q1 in enumerate(reqs):
            for q2 in reqs[i + 1 :]:
                common = q1.jenis & q2.jenis
                if not common or not ((q1.reads & q2.reads) - ignore):
                    continue
                a, b = self.newcomer_last(
                    q1, q2, q1.rule.node.id, q1.rule.file, q2.rule.node.id, q2.rule.file
                )
                try:
                    self.check_pair(a, b, common)
                except GaveUp:
                    continue

    def _pair_replay(self, q: _Req) -> Callable[..., Any]:
        rp = self.replay
        rid = q.rule.node.id

        def value(a: Any, d: datetime.date, s: Mapping[str, str]) -> Any:
            o = rp.outcome(a, rid, d, s)
            if o.status not in ("pass", "fail", "unknown") or o.reason is not None:
                return "not-applicable"
            if q.node.guard is not None and rp.value(a, q.node.guard, d, s) is not True:
                return "not-due"
            return rp.value(a, q.node.expr, d, s)

        return value

    def check_pair(self, q1: _Req, q2: _Req, common: frozenset[int]) -> None:
        jenis = self.enc.fact("jenis").value
        v1, v2 = self._pair_replay(q1), self._pair_replay(q2)
        w1 = location(q1.node.span, q1.rule.node.id)
        w2 = location(q2.node.span, q2.rule.node.id)
        t1, t2 = expr_to_source(q1.node.expr), expr_to_source(q2.node.expr)
        id1, id2 = q1.rule.node.id, q2.rule.node.id
        cal = q1.rule.calendar or q2.rule.calendar
        lists = q1.rule.lists or q2.rule.lists
        for j in sorted(common):
            both = [q1.due, q2.due, jenis == j]
            # Usually both can pass: one question; only then whether both can fall due.
            if self.sat(*both, q1.expr.t, q2.expr.t) or not self.sat(*both):
                continue
            w = self.witness(
                "analyze.contradiction",
                w2,
                [*both, q1.expr.t, q2.expr.f],
                f"`{t1}` ({id1}) holds, so `{t2}` ({id2}) fails",
                lambda a, d, s: v1(a, d, s) is True and v2(a, d, s) is False,
            ) or self.witness(
                "analyze.contradiction",
                w2,
                [*both, q2.expr.t, q1.expr.f],
                f"`{t2}` ({id2}) holds, so `{t1}` ({id1}) fails",
                lambda a, d, s: v2(a, d, s) is True and v1(a, d, s) is False,
            )
            self.report(
                "analyze.contradiction",
                id2,
                w2,
                f"the requirement `{t2}` of rule `{id2}` contradicts `{t1}` of rule `{id1}` "
                f"({w1}): an agreement to which both apply cannot meet both",
                w,
                related=(w1,),
                related_subject=id1,
                calendar=cal,
                lists=lists,
            )
            return
        f1, f2 = q1.fail, q2.fail

        def both_fail(a: Any, d: datetime.date, s: Mapping[str, str]) -> bool:
            return v1(a, d, s) is False and v2(a, d, s) is False

        if not self.sat(f1 != f2):
            w = self.witness(
                "analyze.duplicate", w2, [f1, f2], f"`{t1}` and `{t2}` both fail", both_fail
            )
            self.report(
                "analyze.duplicate",
                id2,
                w2,
                f"the requirement `{t2}` of rule `{id2}` fails on exactly the same agreements "
                f"as `{t1}` of rule `{id1}` ({w1})",
                w,
                related=(w1,),
                related_subject=id1,
                calendar=cal,
                lists=lists,
            )
            return
        # The model that tells them apart already shows one direction is not implied.
        m = self.last_model
        first_fails = m is not None and z3.is_true(m.eval(f1, model_completion=True))
        for qa, qb, fa, fb, wa, wb, ta, tb in (
            (q1, q2, f1, f2, w1, w2, t1, t2),
            (q2, q1, f2, f1, w2, w1, t2, t1),
        ):
            if (fa is f1) == first_fails:
                continue  # the model fails `fa` and not `fb`
            if not self.sat(fa, z3.Not(fb)):
                ida, idb = qa.rule.node.id, qb.rule.node.id
                w = self.witness(
                    "analyze.redundant", wa, [fa, fb], f"`{ta}` and `{tb}` both fail", both_fail
                )
                self.report(
                    "analyze.redundant",
                    ida,
                    wa,
                    f"the requirement `{ta}` of rule `{ida}` is implied by `{tb}` of rule "
                    f"`{idb}` ({wb}): every agreement that fails it fails that one too",
                    w,
                    related=(wb,),
                    related_subject=idb,
                    calendar=cal,
                    lists=lists,
                )
                return

    def check_citations(self) -> None:
        rules = self.rules
        for i, r1 in enumerate(rules):
            for r2 in rules[i + 1 :]:
                n1, n2 = r1.node, r2.node
                if r1.file == r2.file or not n1.citations or not n2.citations:
                    continue
                # A rule with notes only informs; two rules *checking* the unit compete.
                if not n1.requirements or not n2.requirements:
                    continue
                # The same units of law, in another file: a copy, not a sibling article
                # (rules of Pasal 38 each cite Pasal 38 *and* the article they extend).
                if not same_units(n1.citations, n2.citations):
                    continue
                if n1.id in n2.replaces or n2.id in n1.replaces:
                    continue
                x, y = self.newcomer_last(r1, r2, n1.id, r1.file, n2.id, r2.file)
                n1, n2 = x.node, y.node
                try:
                    if not self.sat(x.app, y.app):
                        continue
                    w1 = location(n1.id_span or n1.span, n1.id)
                    w2 = location(n2.id_span or n2.span, n2.id)
                    both = self._both_apply(n1.id, n2.id)
                    w = self.witness(
                        "analyze.duplicate-citation",
                        w2,
                        [x.app, y.app],
                        f"rules {n1.id} and {n2.id} both apply",
                        both,
                    )
                    cite = n2.citations[0].text
                    self.report(
                        "analyze.duplicate-citation",
                        n2.id,
                        w2,
                        f"rules `{n1.id}` ({w1}) and `{n2.id}` in different files both encode "
                        f"{cite} and can be in force and apply to the same agreement; "
                        "use `menggantikan` or a `masa_berlaku` if one replaces the other",
                        w,
                        related=(w1,),
                        related_subject=n1.id,
                    )
                except GaveUp:
                    continue

    def _both_apply(self, x: str, y: str) -> Callable[..., bool]:
        rp = self.replay

        def both(a: Any, d: datetime.date, s: Mapping[str, str]) -> bool:
            outcomes = [rp.outcome(a, k, d, s) for k in (x, y)]
            return all(
                o.status in ("pass", "fail", "unknown") and o.reason is None for o in outcomes
            )

        return both

    # ------------------------------------------------------------------ determinations
    def check_determination(self, det: nodes.Determination) -> None:
        name = det.name
        where = location(det.name_span or det.span, name)
        try:
            conds = []
            values = []
            reads: set[str] = set()
            for c in det.cases:
                v, r = self.enc.enc_reads(c.cond)
                conds.append(v)
                reads |= r
                values.append(self.enc.enc(c.value))
            if det.otherwise is not None:
                self.enc.enc(det.otherwise)
        except NotEncodable as exc:
            self.not_analysed.append(NotAnalysed(name, where, exc.construct))
            return
        rp = self.replay
        lists = any("[" in p for p in reads)
        calendar = bool(self.enc.calls)
        for j, (cj, case_j) in enumerate(zip(conds, det.cases, strict=True)):
            cw = location(case_j.span, name)
            prior = [c.f for c in conds[:j]]
            if not self.sat(*prior, cj.t):
                w = self.witness(
                    "analyze.unreachable-case",
                    cw,
                    [z3.Not(z3.And(*prior, cj.t))],
                    f"case {j + 1} of {name} does not decide",
                    lambda a, d, s, k=j: (
                        rp.value(a, det.cases[k].cond, d, s) is not True
                        or any(rp.value(a, c.cond, d, s) is not False for c in det.cases[:k])
                    ),
                )
                self.report(
                    "analyze.unreachable-case",
                    name,
                    cw,
                    f"case {j + 1} of determination `{name}` "
                    f"(`{expr_to_source(case_j.cond)}`) can never decide: an earlier case "
                    "always wins, or its condition never holds",
                    w,
                    calendar=calendar,
                    lists=lists,
                )
                continue
            for i in range(j):
                ci, vi, vj = conds[i], values[i], values[j]
                differ = values_differ(vi.v, vj.v)
                if differ is None:
                    continue
                cs = [ci.t, cj.t, vi.known, vj.known, differ]
                if not self.sat(*cs):
                    continue
                ki, kj = det.cases[i], det.cases[j]
                w = self.witness(
                    "analyze.determination-overlap",
                    cw,
                    cs,
                    f"cases {i + 1} and {j + 1} of {name} both hold, with different values",
                    lambda a, d, s, x=ki, y=kj: (
                        rp.value(a, x.cond, d, s) is True
                        and rp.value(a, y.cond, d, s) is True
                        and rp.value(a, x.value, d, s) != rp.value(a, y.value, d, s)
                    ),
                )
                self.report(
                    "analyze.determination-overlap",
                    name,
                    cw,
                    f"cases {i + 1} and {j + 1} of determination `{name}` can both match with "
                    f"different values; case {i + 1} silently wins",
                    w,
                    related=(location(ki.span, name),),
                    calendar=calendar,
                    lists=lists,
                )
                break
        if det.otherwise is None:
            known = [self.enc.fact(p).present for p in sorted(reads) if "[" not in p]
            cs = [c.f for c in conds] + known
            if self.sat(*cs):
                w = self.witness(
                    "analyze.determination-gap",
                    where,
                    cs,
                    f"no case of {name} holds although the facts it reads are known",
                    lambda a, d, s: (
                        all(rp.value(a, c.cond, d, s) is False for c in det.cases)
                        and rp.determination(a, name, d, s).value is None
                    ),
                )
                self.report(
                    "analyze.determination-gap",
                    name,
                    where,
                    f"determination `{name}` has no value for some agreements whose facts are "
                    "all known: no case holds and there is no `selainnya`",
                    w,
                    calendar=calendar,
                    lists=lists,
                )


def analyze_checked(
    checked: CheckedRules, rules: RuleSet | None = None, *, rlimit: int = RLIMIT
) -> AnalysisResult:
    """Analyse checked rules (see :func:`kerjasama_rules.analysis.analyze`)."""
    a = _Analyzer(checked, rules or RuleSet(checked), rlimit)
    a.encode_rules()
    for r in a.rules:
        try:
            a.check_rule(r)
        except GaveUp as exc:
            where = location(r.node.id_span or r.node.span, r.node.id)
            a.not_analysed.append(NotAnalysed(r.node.id, where, f"solver gave up ({exc})"))
            for q in r.reqs:
                q.broken = True
    a.check_pairs()
    a.check_citations()
    for det in checked.determinations.values():
        try:
            a.check_determination(det)
        except GaveUp as exc:
            where = location(det.name_span or det.span, det.name)
            a.not_analysed.append(NotAnalysed(det.name, where, f"solver gave up ({exc})"))
    allow = allowances(checked)
    kept, justified = [], []
    for f in a.findings:
        reason = allow.get(f.subject, {}).get(f.code)
        if reason is None:
            kept.append(f)
        else:
            justified.append(attrs.evolve(f, justified=reason))

    def order(f: AnalysisFinding) -> tuple[str, int, int, str]:
        return (f.location.file, f.location.line, f.location.column, f.code)

    return AnalysisResult(
        findings=tuple(sorted(kept, key=order)),
        justified=tuple(sorted(justified, key=order)),
        not_analysed=tuple(a.not_analysed),
        list_bound=a.enc.list_bound,
        engine="z3 " + z3.get_version_string(),
        rules=len(checked.rules),
        requirements=sum(len(r.requirements) for r in checked.rules),
        determinations=len(checked.determinations),
        queries=a.queries,
    )
