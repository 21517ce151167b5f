"""The generated rule functions decide exactly as the reference closures do."""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

import kerjasama_rules as kr
from kerjasama_rules.engine.codegen import generate_rule
from kerjasama_rules.engine.compiler import Compiler
from kerjasama_rules.engine.evaluator import RuleSet
from kerjasama_rules.output.render import render_json
from kerjasama_rules.testing.strategies import agreements

_RULES = kr.load_rules()
_CHECKED = _RULES._checked
GENERATED = RuleSet(_CHECKED)
CLOSURES = RuleSet(_CHECKED, _generate=False, _memo_facts=False)
DATES = st.none() | st.dates(datetime.date(2015, 1, 1), datetime.date(2030, 12, 31))


@settings(max_examples=200)
@given(agreements(), DATES, st.sampled_from(["libur", "kerja"]))
def test_generated_functions_equal_the_closures(
    a: kr.Agreement, as_of: datetime.date | None, cuti: str
) -> None:
    fast = GENERATED.evaluate(a, as_of=as_of, cuti_bersama=cuti)
    ref = CLOSURES.evaluate(a, as_of=as_of, cuti_bersama=cuti)
    assert render_json([fast]) == render_json([ref])


@settings(max_examples=100)
@given(agreements())
def test_without_evidence_only_evidence_differs(a: kr.Agreement) -> None:
    full = GENERATED.evaluate(a, as_of=datetime.date(2026, 11, 29))
    lean = GENERATED.evaluate(a, as_of=datetime.date(2026, 11, 29), evidence=False)
    assert full.verdict == lean.verdict
    for o, p in zip(full.outcomes, lean.outcomes, strict=True):
        assert (o.rule, o.status) == (p.rule, p.status)
        assert [(f.status, f.citation, f.missing) for f in o.findings] == [
            (f.status, f.citation, f.missing) for f in p.findings
        ]
        assert all(not f.evidence for f in p.findings)


def test_generated_source_splices_no_constant() -> None:
    comp = Compiler(_CHECKED)
    for rule in _CHECKED.rules:
        program = generate_rule(comp, rule)
        compile(program.source, rule.id, "exec")
        # Strings from rule files (messages, table values) never appear in the source.
        for q in rule.requirements:
            for m in q.messages:
                assert m.text not in program.source


def test_plan_source_splices_no_constant() -> None:
    import functools

    from kerjasama_rules.engine.codegen import PlanRule, generate_plan
    from kerjasama_rules.engine.running import error_outcome, excepted_outcome, finish_program

    rules = GENERATED._rules
    program = generate_plan(
        Compiler(_CHECKED),
        [
            PlanRule(
                i,
                r.node,
                None if r.notes else r.passed,
                excepted_outcome(r),
                functools.partial(finish_program, r),
                functools.partial(error_outcome, r),
            )
            for i, r in enumerate(rules)
        ],
    )
    compile(program.source, "<plan>", "exec")
    for r in rules:
        for q in r.node.requirements:
            for m in q.messages:
                assert m.text not in program.source
