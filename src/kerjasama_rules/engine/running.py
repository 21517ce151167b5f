"""Running one rule on one agreement: its generated function, or its closures -> Outcome.

The decision comes from the rule's generated function (``codegen.py``) or, when it has
none, from its fast closures (the reference path the tests compare against). A rule that
crashes becomes an ``error`` outcome and never hides the others. Without notes, an
outcome is a pure function of the generated function's result and is memoised per rule.
Findings, notes and the final outcome are put together by ``assembly.py``.
"""

from __future__ import annotations

from typing import Any

from ..language.values import Unknown
from .assembly import conclude, note_value, requirement_finding
from .closures import Context, WorkLimitError
from .compiled_rules import MEMO_SIZE, CompiledRule, most_specific, outcome
from .report import Finding, Outcome, Pending

__all__ = ["error_outcome", "excepted_outcome", "finish_program", "run_rule"]

_U = Unknown
_EXCEPTION_UNKNOWN = (
    ("id", "belum dapat ditentukan apakah pengecualian (kecuali) aturan ini berlaku"),
    ("en", "cannot yet tell whether this rule's exception applies"),
)
_APPLICABILITY_UNKNOWN = (
    ("id", "belum dapat ditentukan apakah aturan ini berlaku"),
    ("en", "cannot yet tell whether this rule applies"),
)


def run_rule(r: CompiledRule, ctx: Context) -> Outcome:
    """The outcome of one rule on the agreement of ``ctx``; a crash is an ``error``.

    Raises:
        WorkLimitError: the evaluation went over ``max_evaluation_work`` (with the rule).
    """
    try:
        if r.program is not None:
            return _run_program(r, ctx)
        return _run_closures(r, ctx)
    except WorkLimitError as exc:
        # Not a crash of the rule: the evaluation as a whole is over its budget.
        raise exc.located(rule=r.node.id) from None
    except Exception as exc:
        return error_outcome(r, exc)


def error_outcome(r: CompiledRule, exc: Exception) -> Outcome:
    """The outcome of a rule that crashed: it never hides the others."""
    return outcome(r.na, "error", error=f"{type(exc).__name__}: {exc}")


def excepted_outcome(r: CompiledRule) -> Outcome:
    """The outcome of a rule whose exception (``kecuali``) holds: the same every time."""
    return outcome(r.na, "not_applicable", reason="exception")


def _run_closures(r: CompiledRule, ctx: Context) -> Outcome:
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
                citation=most_specific(node.citations),
                citations=node.citations,
                messages=_APPLICABILITY_UNKNOWN,
                missing=tuple(sorted(w.missing)),
            )
            return outcome(r.na, "unknown", findings=(finding,), reason="applicability")
    for u in r.unless:
        x = u(ctx)
        if x is True:
            return outcome(r.na, "not_applicable", reason="exception")
        if x.__class__ is _U:
            # Whether the exception holds is unknown, so whether the rule applies is too.
            finding = Finding(
                status="unknown",
                severity=r.severity,
                citation=most_specific(r.node.citations),
                citations=r.node.citations,
                messages=_EXCEPTION_UNKNOWN,
                missing=tuple(sorted(x.missing)),
            )
            return outcome(r.na, "unknown", findings=(finding,), reason="exception")
    findings: list[Finding] = []
    pending: list[Pending] = []
    for q in r.reqs:
        if q.guard is not None:
            g = q.guard(ctx)
            if g is False:
                if q.pends:
                    pending.append(
                        Pending(q.citation, q.messages, q.condition, q.condition_en, q.node.guard)
                    )
                continue
            if g.__class__ is _U:
                assert q.guard_rec is not None
                findings.append(requirement_finding(q, "unknown", g, q.guard_rec, ctx))
                continue
        v = q.expr(ctx)
        if v is True:
            continue
        status = "fail" if v is False else "unknown"
        findings.append(requirement_finding(q, status, v, q.expr_rec, ctx))
    notes = tuple([n for i in range(len(r.notes)) if (n := note_value(r, i, ctx)) is not None])
    return conclude(r, findings, pending, notes)


def _run_program(r: CompiledRule, ctx: Context) -> Outcome:
    """The fast path: decide with the generated function, then build the outcome."""
    assert r.program is not None
    res: Any = r.program(ctx)
    if res.__class__ is int:
        if res == 0:
            return r.na
        return outcome(r.na, "not_applicable", reason="exception")
    return finish_program(r, res, ctx)


def finish_program(r: CompiledRule, res: Any, ctx: Context) -> Outcome:
    """The outcome of a rule from what its generated code found (``res``, a tuple: see
    ``codegen.generate_rule``), with findings, pending obligations and notes."""
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
            citation=most_specific(r.node.citations),
            citations=r.node.citations,
            messages=messages,
            missing=tuple(sorted(value.missing)),
        )
        return outcome(r.na, "unknown", findings=(finding,), reason=reason)
    notes = (
        tuple([n for i in range(len(r.notes)) if (n := note_value(r, i, ctx)) is not None])
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
                pending.append(
                    Pending(q.citation, q.messages, q.condition, q.condition_en, q.node.guard)
                )
        elif kind == "guard":
            assert q.guard_rec is not None
            findings.append(requirement_finding(q, "unknown", value, q.guard_rec, ctx))
        else:
            status = "fail" if value is False else "unknown"
            findings.append(requirement_finding(q, status, value, q.expr_rec, ctx))
    o = conclude(r, findings, pending, notes)
    if memo is not None and (not ctx.evidence or all(f.status != "fail" for f in findings)):
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        memo[res] = o
    return o
