"""Properties: only our errors escape the parser, printing round-trips, checked rules never
crash on valid agreements, and evaluation is deterministic."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

import kerjasama_rules as kr
from kerjasama_rules.language import nodes
from kerjasama_rules.language.parser import _build, parse
from kerjasama_rules.language.printer import to_source
from kerjasama_rules.testing.strategies import agreements

ROOT = Path(__file__).resolve().parents[1]
RULE_FILES = sorted((ROOT / "rules").rglob("*.kr"))
AS_OF = datetime.date(2026, 11, 29)


def _inside(err: kr.RuleSyntaxError, text: str) -> None:
    for d in err.diagnostics:
        assert d.span is not None
        assert 0 <= d.span.start <= d.span.end <= len(text) + 1


@given(st.text(max_size=200))
def test_random_text_raises_only_rule_syntax_error(text: str) -> None:
    try:
        parse(text)
    except kr.RuleSyntaxError as err:
        _inside(err, text)


_KEYWORDISH = st.sampled_from(
    ["aturan", "wajib", "dasar", "jika", "{", "}", "(", ")", "==", "dan", "setiap", "m",
     "dalam", ":", '"x"', "Pasal", "1", "PP", "28/2018", "huruf", "a", "terisi", ".", ",",
     "2026-01-01", "5 tahun", "berlaku", "pesan", "tabel", "kolom", "baris", "definisi", "="]
)  # fmt: skip


@given(st.lists(_KEYWORDISH, max_size=40).map(" ".join))
def test_token_soup_raises_only_rule_syntax_error(text: str) -> None:
    try:
        parse(text)
    except kr.RuleSyntaxError as err:
        _inside(err, text)


@settings(max_examples=25, suppress_health_check=list(HealthCheck))
@given(from_lark(_build(), start="start"))
def test_generated_programs_round_trip(text: str) -> None:
    try:
        tree = parse(text)
    except kr.RuleSyntaxError:
        assume(False)  # the grammar-based generator ignores lexer context and dates
        return
    for lang in ("id", "en"):
        assert parse(to_source(tree, lang=lang)).items == tree.items


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_bundled_files_round_trip_in_both_languages(path: Path) -> None:
    tree = parse(path.read_text(encoding="utf-8"))
    id_text = to_source(tree, lang="id")
    en_text = to_source(tree, lang="en")
    assert parse(id_text).items == tree.items
    assert parse(en_text).items == tree.items
    assert to_source(parse(en_text), lang="id") == id_text


def _no_error_outcomes(report: kr.Report) -> None:
    errors = [(o.rule, o.error) for o in report.outcomes if o.status == "error"]
    assert not errors


@settings(max_examples=150)
@given(agreements(), st.none() | st.dates(datetime.date(2015, 1, 1), datetime.date(2030, 12, 31)))
def test_checked_rules_never_fail_at_run_time(a: kr.Agreement, as_of: datetime.date | None) -> None:
    rules = _rules()
    _no_error_outcomes(rules.evaluate(a, as_of=as_of))


@settings(max_examples=80)
@given(agreements())
def test_evaluation_is_deterministic(a: kr.Agreement) -> None:
    rules = _rules()
    first = kr.render_json([rules.evaluate(a, as_of=AS_OF)])
    again = kr.render_json([rules.evaluate(a, as_of=AS_OF)])
    assert first == again
    assert kr.render_json([_fresh_rules().evaluate(a, as_of=AS_OF)]) == first


@settings(max_examples=80)
@given(agreements())
def test_outcome_invariants(a: kr.Agreement) -> None:
    rep = _rules().evaluate(a, as_of=AS_OF)
    for o in rep.outcomes:
        if o.status == "fail":
            assert any(f.status == "fail" for f in o.findings)
        if o.status in ("pass", "not_applicable"):
            assert not o.findings
        for f in o.findings:
            if f.status == "unknown":
                # an unknown names what is missing, unless an exception was the cause
                assert f.missing or f.evidence or o.reason
    if rep.verdict == "pass":
        assert not [f for f in rep.failures if f.severity == "error"]


_CACHE: dict[str, kr.RuleSet] = {}


def _rules() -> kr.RuleSet:
    if "r" not in _CACHE:
        _CACHE["r"] = kr.load_rules()
    return _CACHE["r"]


def _fresh_rules() -> kr.RuleSet:
    if "f" not in _CACHE:
        _CACHE["f"] = kr.load_rules()
    return _CACHE["f"]


def test_nodes_ignore_spans_in_equality() -> None:
    a = parse("definisi x = jenis == KSDD\n", source="a.kr").items
    b = parse("\n\n  definisi   x =\n jenis==KSDD", source="b.kr").items
    assert a == b
    assert isinstance(a[0], nodes.Definition)
