"""Checked rules and determinations made ready to run: closures, shared outcomes, memos.

Built once, when a ``RuleSet`` is made. A :class:`CompiledRule` holds everything the
evaluator needs about one rule: the fast and recording closures of its conditions, each
requirement's citation, messages and severity, the immutable ``not_applicable`` and
``pass`` outcomes every report shares, and the memo tables of results that are pure
functions of the facts they read. This module builds them; it runs nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from ..language import nodes
from ..language.printer import expr_to_source
from .closures import Fn
from .compiler import Compiler
from .report import (
    SEVERITY_RANK,
    DeterminationResult,
    Evidence,
    Finding,
    Location,
    NoteValue,
    Outcome,
    Pending,
)

__all__ = [
    "MEMO_SIZE",
    "CompiledDetermination",
    "CompiledRequirement",
    "CompiledRule",
    "compile_determination",
    "compile_rule",
    "most_specific",
    "outcome",
]

# Memo tables are bounded: a table that reaches this size is cleared.
MEMO_SIZE = 4096


@attrs.frozen
class CompiledRequirement:
    """One ``wajib`` of a rule: its closures and what a finding about it says."""

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
    # None: not a fixed set, or the RuleSet memoises nothing.
    key: tuple[Fn, ...] | None = None
    memo: dict[Any, tuple[Evidence, ...]] = attrs.field(factory=dict, eq=False)


@attrs.frozen
class CompiledRule:
    """One rule: its conditions, requirements and notes, and its shared outcomes."""

    node: nodes.Rule
    when: Fn | None
    unless: tuple[Fn, ...]
    reqs: tuple[CompiledRequirement, ...]
    severity: str
    location: Location | None
    # label, fast closure, recording closure, and the getters of the inputs a note reads
    # (None: not a fixed set, or no memos) so that its value and evidence can be memoised
    notes: tuple[tuple[str, Fn, Fn, tuple[Fn, ...] | None, Fn | None], ...]
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
class CompiledDetermination:
    """One determination: its recording closure and the text of each case."""

    node: nodes.Determination
    run: Fn
    conditions: tuple[str, ...]
    # Fast getters of every input the determination reads, when that set is fixed: its
    # result (value and reasons) is then a pure function of them and is memoised.
    # None: not a fixed set, or the RuleSet memoises nothing.
    key: tuple[Fn, ...] | None
    cache: dict[Any, DeterminationResult] = attrs.field(factory=dict, eq=False)


def outcome(
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
    """A rule's outcome: ``base`` (its shared outcome) with a new status and contents."""
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
        base.titles,
    )


def most_specific(cites: tuple[nodes.Citation, ...]) -> nodes.Citation:
    """The citation that points at the smallest unit of law."""
    return max(cites, key=lambda c: c.specificity())


def compile_rule(comp: Compiler, r: nodes.Rule, *, memo_facts: bool) -> CompiledRule:
    """Compile one checked rule (its period in force is set later, by ``planning``)."""
    reqs = []
    for q in r.requirements:
        cites = q.citations or r.citations
        reqs.append(
            CompiledRequirement(
                node=q,
                expr=comp.compile(q.expr),
                expr_rec=_recording(comp, q.expr),
                guard=comp.compile(q.guard) if q.guard is not None else None,
                guard_rec=_recording(comp, q.guard) if q.guard is not None else None,
                messages=tuple((m.lang, m.text) for m in q.messages),
                citation=most_specific(cites),
                citations=cites,
                condition=expr_to_source(q.guard) if q.guard is not None else "",
                condition_en=(expr_to_source(q.guard, lang="en") if q.guard is not None else ""),
                severity=q.severity or "error",
                key=_getters(comp.static_reads(q.expr, calendar=True)) if memo_facts else None,
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
            titles=tuple((m.lang, m.text) for m in r.titles),
        )

    return CompiledRule(
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
                _recording(comp, n.expr),
                _getters(comp.static_reads(n.expr, calendar=True)) if memo_facts else None,
                comp.compile(n.guard) if n.guard is not None else None,
            )
            for n in r.notes
        ),
        na=shared("not_applicable"),
        passed=shared("pass"),
    )


def compile_determination(
    comp: Compiler, d: nodes.Determination, *, memo_facts: bool
) -> CompiledDetermination:
    """Compile one determination, with recording: its result carries its reasons."""
    return CompiledDetermination(
        node=d,
        run=comp.determination_cases(d, record=True),
        conditions=tuple(_case_text(c) for c in d.cases),
        key=_det_key(comp, d) if memo_facts else None,
    )


def _recording(comp: Compiler, e: nodes.Expr) -> Fn:
    """The recording closure of ``e``, compiled the first time it runs.

    Only a failure (its evidence), a note or ``explain`` runs one, and most rules of most
    agreements never do: compiling them all up front was a fifth of loading a rule set,
    paid by every process. The compiler keeps no state between compilations but its
    memoised definitions, so compiling later gives the same closure.
    """
    made: list[Fn] = []

    def run(ctx: Any) -> Any:
        if not made:
            made.append(comp.compile(e, record=True))
        return made[0](ctx)

    return run


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
