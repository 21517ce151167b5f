"""Report assembly: findings with their evidence, notes, outcomes and determinations.

Turns what a rule or a determination computed into the frozen data of ``report.py``.
Evidence comes from re-running a recording closure (:func:`recorded`), and only when the
run asks for it; results that are pure functions of the facts they read are memoised on
the compiled requirement, rule or determination (see ``compiled_rules.py``).
"""

from __future__ import annotations

from typing import Any

from ..language import nodes
from ..language.printer import expr_to_source
from ..language.values import Unknown, to_json_value
from .closures import Context, Fn, WorkLimitError
from .compiled_rules import (
    MEMO_SIZE,
    CompiledDetermination,
    CompiledRequirement,
    CompiledRule,
    outcome,
)
from .report import (
    SEVERITY_RANK,
    Because,
    DeterminationResult,
    Evidence,
    Finding,
    NoteValue,
    Outcome,
    Pending,
)

__all__ = [
    "conclude",
    "note_value",
    "recorded",
    "requirement_finding",
    "run_determination",
]

_U = Unknown


def conclude(
    r: CompiledRule,
    findings: list[Finding],
    pending: list[Pending],
    notes: tuple[NoteValue, ...],
) -> Outcome:
    """A rule's outcome from its findings, pending obligations and notes."""
    if not findings and not pending and not notes:
        return r.passed
    failed = [f.severity for f in findings if f.status == "fail"]
    if failed:
        status, severity = "fail", max(failed, key=SEVERITY_RANK.__getitem__)
    else:
        status, severity = ("unknown" if findings else "pass"), r.severity
    return outcome(
        r.na,
        status,
        severity=severity,
        findings=tuple(findings),
        pending=tuple(pending),
        notes=notes,
    )


def note_value(r: CompiledRule, i: int, ctx: Context) -> NoteValue | None:
    """The value of the rule's ``i``-th note, or ``None`` when its ``jika`` is not true."""
    label, fast, rec, key_fns, guard = r.notes[i]
    if guard is not None and guard(ctx) is not True:
        return None
    key = None
    if key_fns is not None:
        key = (i, ctx.evidence, ctx.calendar, *[get(ctx) for get in key_fns])
        hit = r.memo_notes.get(key)
        if hit is not None:
            return hit
    if ctx.evidence:
        value, evidence = recorded(rec, ctx)
    else:
        value, evidence = fast(ctx), ()
    unknown = value.__class__ is _U
    note = NoteValue(
        label=label,
        value=None if unknown else to_json_value(value),
        evidence=evidence,
        missing=tuple(sorted(value.missing)) if unknown else (),
        labels=tuple((m.lang, m.text) for m in r.node.notes[i].messages),
    )
    if key is not None:
        if len(r.memo_notes) >= MEMO_SIZE:
            r.memo_notes.clear()
        r.memo_notes[key] = note
    return note


def recorded(fn: Fn, ctx: Context) -> tuple[Any, tuple[Evidence, ...]]:
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


def _evidence(q: CompiledRequirement, rec: Fn, ctx: Context) -> tuple[Evidence, ...]:
    if q.key is None or rec is not q.expr_rec:
        return recorded(rec, ctx)[1]
    key = (ctx.calendar, *[get(ctx) for get in q.key])
    hit = q.memo.get(key)
    if hit is None:
        if len(q.memo) >= MEMO_SIZE:
            q.memo.clear()
        hit = q.memo[key] = recorded(rec, ctx)[1]
    return hit


def requirement_finding(
    q: CompiledRequirement, status: str, value: Any, rec: Fn, ctx: Context
) -> Finding:
    """The finding about a requirement that failed or is unknown (``value`` says which)."""
    return Finding(
        status=status,
        severity=q.severity,
        citation=q.citation,
        citations=q.citations,
        messages=q.messages,
        # Evidence explains a failure; an unknown is explained by what is missing
        # (`kerjasama explain` shows the facts read either way).
        evidence=_evidence(q, rec, ctx) if ctx.evidence and value is False else (),
        missing=tuple(sorted(value.missing)) if value.__class__ is _U else (),
    )


def run_determination(d: CompiledDetermination, ctx: Context) -> DeterminationResult:
    """A determination's value and the case that decided it (memoised when pure)."""
    if d.key is None:
        return _run_determination(d, ctx)
    key = tuple([get(ctx) for get in d.key])
    hit = d.cache.get(key)
    if hit is None:
        if len(d.cache) >= MEMO_SIZE:
            d.cache.clear()
        hit = d.cache[key] = _run_determination(d, ctx)
    return hit


def _run_determination(d: CompiledDetermination, ctx: Context) -> DeterminationResult:
    node = d.node
    ctx.memo.pop("__case__", None)
    try:
        value, ev = recorded(d.run, ctx)
    except WorkLimitError as exc:  # the evaluation is over its budget: not unknown
        raise exc.located(rule=node.name) from None
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
        because = (Because(c.citations, d.conditions[case], ev, _case_text_en(c)),)
    elif case is not None:
        because = (Because(node.otherwise_citations, "selainnya", ev, "otherwise"),)
    return DeterminationResult(
        name=node.name, title=node.title, value=to_json_value(value), because=because
    )


def _case_text_en(c: nodes.Case) -> str:
    # The case as `compiled_rules` prints it in Indonesian, in English keywords.
    cond = expr_to_source(c.cond, lang="en")
    if isinstance(c.value, nodes.Literal):
        return cond
    return f"{cond} then {expr_to_source(c.value, lang='en')}"
