"""The mutation check of the testing kit: each ready property must FAIL on a deliberately
broken evaluator or rule set, not only pass on the real one.

Each mutant breaks exactly the law its property states: a nondeterministic verdict, a
verdict that depends on the order of the rule files, an evaluator that reads a fact no
rule reads, one that turns ``fail`` into ``unknown`` when a fact is added, a translation
that flips a comparison, two rules failing on one unit, a requirement and its negation.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import Phase
from hypothesis import strategies as st

import kerjasama_rules as kr
from kerjasama_rules import testing as kit
from kerjasama_rules.engine.evaluator import RuleSet
from kerjasama_rules.model.agreement import Jenis
from kerjasama_rules.testing import properties

ROOT = Path(__file__).resolve().parents[1]
REAL_EVALUATE = RuleSet.evaluate
# A small folder of real rules (several files, so that their order can change) keeps the
# mutation runs short; the bundled set is checked whole in test_testing_kit.py.
FILES = [
    ROOT / "rules" / "pp28_2018" / name
    for name in ("tafsiran.kr", "pasal_27.kr", "pasal_30.kr", "persetujuan_dprd.kr")
]
KSDPL = kit.compliant_agreements(Jenis.KSDPL)
FAILING = kr.load_agreement(ROOT / "examples" / "ksdpl-arnhem-tidak-patuh.yaml")


def _rules(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    for f in FILES:
        (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def _fails(name: str, folder: Path, n: int = 60, **kwargs: Any) -> str:
    t = kit.rules_under_test(folder, **kwargs)
    # No shrinking: the mutant only has to be caught, and shrinking a whole agreement
    # through a broken evaluator costs more than the search.
    (test,) = kit.property_tests(
        t, only=[name], max_examples=n, phases=[Phase.generate], database=None
    ).values()
    with pytest.raises(kit.PropertyFailure) as info:
        test()
    return str(info.value)


def _holds(name: str, folder: Path, **kwargs: Any) -> None:
    t = kit.rules_under_test(folder, **kwargs)
    (test,) = kit.property_tests(t, only=[name], max_examples=20, database=None).values()
    test()


def test_determinism_fails_on_a_nondeterministic_evaluator(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = _rules(tmp_path)
    _holds("determinism", folder, agreements=KSDPL)
    calls = itertools.count()

    def flaky(self: RuleSet, agreement: kr.Agreement, **kw: Any) -> kr.Report:
        report = REAL_EVALUATE(self, agreement, **kw)
        # Every third call answers `unknown`: a race, a cache keyed on the wrong thing.
        return attrs.evolve(report, verdict="unknown") if next(calls) % 3 == 2 else report

    monkeypatch.setattr(RuleSet, "evaluate", flaky)
    assert "property determinism does not hold" in _fails("determinism", folder, agreements=KSDPL)


def test_order_independence_fails_when_the_file_order_matters(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = _rules(tmp_path)
    _holds("order_independence", folder, agreements=KSDPL)

    def first_file_wins(self: RuleSet, agreement: kr.Agreement, **kw: Any) -> kr.Report:
        report = REAL_EVALUATE(self, agreement, **kw)
        # A "last definition wins" bug: the verdict depends on which rule came first.
        first = self.rules[0].id
        return (
            report
            if first == min(r.id for r in self.rules)
            else attrs.evolve(report, verdict="fail")
        )

    monkeypatch.setattr(RuleSet, "evaluate", first_file_wins)
    message = _fails("order_independence", folder, agreements=KSDPL)
    assert "file order" in message


def test_irrelevant_facts_fail_when_the_evaluator_reads_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = _rules(tmp_path)
    _holds("irrelevant_facts", folder, agreements=KSDPL)

    def reads_judul(self: RuleSet, agreement: kr.Agreement, **kw: Any) -> kr.Report:
        report = REAL_EVALUATE(self, agreement, **kw)
        # No rule reads `judul`; this evaluator does (a title containing "Kembar" passes).
        if agreement.judul and "Kembar" in agreement.judul:
            return attrs.evolve(report, verdict="pass")
        return attrs.evolve(report, verdict="unknown")

    monkeypatch.setattr(RuleSet, "evaluate", reads_judul)
    message = _fails("irrelevant_facts", folder, agreements=KSDPL)
    assert "read by no rule" in message


def test_monotonicity_fails_when_adding_a_fact_turns_fail_into_unknown(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = _rules(tmp_path)
    _holds("monotonicity", folder, agreements=st.just(FAILING))

    def doubts_more_facts(self: RuleSet, agreement: kr.Agreement, **kw: Any) -> kr.Report:
        report = REAL_EVALUATE(self, agreement, **kw)
        if agreement.judul is None:
            return report
        # Knowing the title makes this evaluator doubt every failure: fail -> unknown.
        outcomes = tuple(
            attrs.evolve(o, status="unknown") if o.status == "fail" else o for o in report.outcomes
        )
        return attrs.evolve(report, outcomes=outcomes)

    monkeypatch.setattr(RuleSet, "evaluate", doubts_more_facts)
    message = _fails("monotonicity", folder, agreements=st.just(FAILING), n=150)
    assert "adding `judul` turns fail into unknown" in message


def test_translation_fails_when_it_flips_a_comparison(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = _rules(tmp_path)
    _holds("translation", folder, agreements=KSDPL)
    real = properties.REWRITES["en"]

    def flipping(name: str, text: str) -> str:
        return real(name, text).replace(" <= ", " > ")  # a translator that flips `<=`

    monkeypatch.setitem(properties.REWRITES, "en", flipping)  # type: ignore[index]
    message = _fails("translation", folder, agreements=KSDPL)
    assert "rules rewritten (en)" in message


SAME_UNIT = """\
aturan "satu" {
  dasar PP 28/2018 Pasal 27 ayat (1)
  wajib kantor_perwakilan_luar_negeri == salah
    dasar huruf c
    pesan "Tanpa kantor perwakilan"
}

aturan "dua" {
  dasar PP 28/2018 Pasal 27 ayat (1)
  wajib tidak kantor_perwakilan_luar_negeri
    dasar huruf c
    pesan "Tanpa kantor perwakilan (lagi)"
}
"""

BOTH_WAYS = """\
aturan "ya" {
  dasar PP 28/2018 Pasal 27 ayat (1)
  wajib kantor_perwakilan_luar_negeri
    dasar huruf c
    pesan "Dengan kantor perwakilan"
}

aturan "tidak" {
  dasar PP 28/2018 Pasal 27 ayat (3)
  wajib tidak kantor_perwakilan_luar_negeri
    pesan "Tanpa kantor perwakilan"
}
"""


def _folder(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "planted"
    folder.mkdir()
    (folder / "planted.kr").write_text(text, encoding="utf-8")
    return folder


def test_one_rule_per_unit_fails_on_two_rules_for_one_unit(tmp_path: Path) -> None:
    folder = _folder(tmp_path, SAME_UNIT)
    foreign = kit.agreements_of([Jenis.KSDPL, Jenis.KSDLL])
    message = _fails("one_rule_per_unit", folder, agreements=foreign)
    assert "Pasal 27 ayat (1) huruf c PP 28/2018: fails under dua, satu" in message
    # Declared as intended, it holds.
    _holds(
        "one_rule_per_unit",
        folder,
        agreements=foreign,
        shared_units=["Pasal 27 ayat (1) huruf c PP 28/2018"],
    )


def test_no_fail_both_ways_fails_on_a_requirement_and_its_negation(tmp_path: Path) -> None:
    folder = _folder(tmp_path, BOTH_WAYS)
    message = _fails("no_fail_both_ways", folder, agreements=kit.agreements_of(Jenis.KSDPL))
    assert "`kantor_perwakilan_luar_negeri: true` fails tidak" in message
    assert "`kantor_perwakilan_luar_negeri: false` fails ya" in message


def test_the_real_evaluator_passes_every_property_on_the_small_folder(tmp_path: Path) -> None:
    kit.check_rule_properties(_rules(tmp_path), max_examples=15)


def test_check_rule_properties_reports_every_broken_property(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = _folder(tmp_path, BOTH_WAYS)
    with pytest.raises(kit.PropertyFailure) as info:
        kit.check_rule_properties(
            folder,
            agreements=kit.agreements_of(Jenis.KSDPL),
            max_examples=30,
            phases=[Phase.generate],
            database=None,
        )
    text = str(info.value)
    assert "property no_fail_both_ways does not hold" in text
    assert "property determinism" not in text
