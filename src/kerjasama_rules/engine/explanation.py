"""Explanations: the reasoning of one rule or one determination, step by step.

``RuleSet.explain`` and ``RuleSet.explain_determination`` evaluate the agreement as usual
and then call these functions. They re-run the conditions with recording closures (of a
fresh ``Compiler``, or the rule's own) and keep, for each condition, a :class:`Step` with
its text, its value and the facts it read; they stop where the rule or determination
stops (a rule that does not apply, an exception that holds, the case that decides).
"""

from __future__ import annotations

from typing import Any

from ..language import nodes
from ..language.printer import expr_to_source
from ..language.values import Unknown, to_json_value
from .assembly import recorded
from .closures import Context, Fn
from .compiled_rules import CompiledRule
from .compiler import Compiler
from .report import Step

__all__ = ["determination_steps", "rule_steps"]

_U = Unknown


def _step(role: str, expr: nodes.Expr, rec: Fn, ctx: Context, **kw: Any) -> tuple[Any, Step]:
    """Run one condition with recording, for an explanation: its value and its step.

    Every fact the condition read is kept, also those that did not decide it (a finding's
    evidence keeps only the deciding ones)."""
    ctx.keep_reads = True
    try:
        value, evidence = recorded(rec, ctx)
    finally:
        ctx.keep_reads = False
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


def rule_steps(compiled: CompiledRule, comp: Compiler, ctx: Context) -> tuple[Step, ...]:
    """Each condition of a rule in order: applicability, exceptions, notes, requirements."""
    node = compiled.node
    steps: list[Step] = []

    def step(role: str, expr: nodes.Expr, rec: Fn, **kw: Any) -> Any:
        value, st = _step(role, expr, rec, ctx, **kw)
        steps.append(st)
        return value

    if (
        node.when is not None
        and step("berlaku", node.when, comp.compile(node.when, record=True)) is not True
    ):
        return tuple(steps)
    for u in node.unless:
        if step("kecuali", u, comp.compile(u, record=True)) is not False:
            # the exception holds, or it is unknown whether it does: the rule stops here
            return tuple(steps)
    for n in node.notes:
        # A note's guard says when the note is shown, not when an obligation falls due.
        shown = n.guard is None or step("catatan_jika", n.guard, comp.compile(n.guard, record=True))
        if shown is True:
            label = (("id", n.label), *((m.lang, m.text) for m in n.messages))
            step("catatan", n.expr, comp.compile(n.expr, record=True), message=label)
    for q in compiled.reqs:
        if q.node.guard is not None:
            g = step("jika", q.node.guard, q.guard_rec)  # type: ignore[arg-type]
            if g is not True:
                continue
        step("wajib", q.node.expr, q.expr_rec, citation=q.citation, message=q.messages)
    return tuple(steps)


def determination_steps(det: nodes.Determination, comp: Compiler, ctx: Context) -> tuple[Step, ...]:
    """Each case of a determination in order, until one decides."""
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
    return tuple(steps)
