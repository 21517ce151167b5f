"""The public property-testing kit: strategies, the law units API, ready properties, the
pytest marker and fixture, and ``kerjasama analyze``'s search fallback without z3.

Every hypothesis test here runs under the bounded profile of ``conftest.py`` (or a smaller
explicit ``max_examples``); the share of ``pass`` is measured, not timed.
"""

from __future__ import annotations

import collections
import datetime
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kerjasama_rules as kr
from kerjasama_rules import testing as kit
from kerjasama_rules.model.agreement import Jenis, KeputusanDprd
from kerjasama_rules.strategies import (
    AS_OF,
    agreements_of,
    applicable_to,
    compliant_agreements,
    from_witnesses,
    with_unknown_facts,
)

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[1]
RULES = kr.load_rules()

TINY = """\
aturan "contoh-mati" {
  judul "Aturan yang tidak pernah berlaku"
  dasar PP 28/2018 Pasal 27 ayat (1)
  berlaku jika jenis == KSDPL dan jenis == KSDD

  wajib kantor_perwakilan_luar_negeri == salah
    dasar huruf c
    pesan "Pemda tidak membuka kantor perwakilan di luar negeri"
}

aturan "contoh-hidup" {
  judul "Tanpa kantor perwakilan di luar negeri"
  dasar PP 28/2018 Pasal 27 ayat (1)
  berlaku jika jenis == KSDPL

  wajib kantor_perwakilan_luar_negeri == salah
    dasar huruf c
    pesan "Pemda tidak membuka kantor perwakilan di luar negeri"
    pesan en "The region opens no representative office abroad"
}
"""


@pytest.fixture
def tiny_rules(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "mine.kr").write_text(TINY, encoding="utf-8")
    return folder


# ------------------------------------------------------------------ strategies
def _verdict(agreement: kr.Agreement) -> str:
    return RULES.evaluate(agreement, as_of=AS_OF, evidence=False).verdict


def test_compliant_agreements_reach_pass_for_most_draws() -> None:
    # The issue: none of 600 generated agreements reached `pass`. Measured, not assumed.
    seen: collections.Counter[str] = collections.Counter()

    @settings(max_examples=150, database=None)
    @given(compliant_agreements())
    def draw(agreement: kr.Agreement) -> None:
        seen[_verdict(agreement)] += 1

    draw()
    total = sum(seen.values())
    assert total >= 100
    assert seen["pass"] / total >= 0.9, seen


@given(compliant_agreements(Jenis.KSDPL))
def test_compliant_agreements_keep_their_kind_and_date_order(agreement: kr.Agreement) -> None:
    assert agreement.jenis is Jenis.KSDPL
    assert agreement.dprd is not None and agreement.perjanjian is not None
    d, p = agreement.dprd, agreement.perjanjian
    assert d.surat_permohonan and d.diterima and d.tanggal_keputusan and p.tanggal_ttd
    assert agreement.rencana is not None and agreement.rencana.tanggal is not None
    assert agreement.rencana.tanggal <= d.surat_permohonan <= d.diterima
    assert d.diterima <= d.tanggal_keputusan <= p.tanggal_ttd <= AS_OF


@given(agreements_of([Jenis.KSDD, Jenis.KSDPL], signed=True, dprd_decided=True))
def test_signed_with_a_dated_dprd_decision_in_order(agreement: kr.Agreement) -> None:
    # The issue: only 8 of 1,000 were signed with a dated DPRD decision.
    assert agreement.jenis in (Jenis.KSDD, Jenis.KSDPL)
    assert agreement.perjanjian is not None and agreement.perjanjian.tanggal_ttd is not None
    dprd = agreement.dprd
    assert dprd is not None
    assert dprd.keputusan in (KeputusanDprd.DISETUJUI, KeputusanDprd.DITOLAK)
    assert dprd.surat_permohonan is not None and dprd.diterima is not None
    assert dprd.tanggal_keputusan is not None
    assert dprd.surat_permohonan <= dprd.diterima <= dprd.tanggal_keputusan
    assert dprd.tanggal_keputusan <= agreement.perjanjian.tanggal_ttd
    if agreement.rencana is not None and agreement.rencana.tanggal is not None:
        assert agreement.rencana.tanggal <= dprd.surat_permohonan


@given(agreements_of(Jenis.SINERGI, signed=False, dprd_decided=False))
def test_unsigned_and_undecided(agreement: kr.Agreement) -> None:
    assert agreement.jenis is Jenis.SINERGI
    assert agreement.nota_kesepakatan is None or agreement.nota_kesepakatan.tanggal_ttd is None
    if agreement.dprd is not None:
        assert agreement.dprd.tanggal_keputusan is None
        assert agreement.dprd.keputusan in (None, KeputusanDprd.TIDAK_ADA)


def test_agreements_of_needs_a_kind() -> None:
    @settings(max_examples=1, database=None)
    @given(agreements_of([]))
    def draw(agreement: kr.Agreement) -> None:
        raise AssertionError("drew from no kind")

    with pytest.raises(kr.ConfigurationError):
        draw()


@given(
    with_unknown_facts(
        compliant_agreements(Jenis.KSDPL),
        paths=["dprd.tanggal_keputusan", "perjanjian.tanggal_ttd"],
        max_facts=2,
    )
)
def test_facts_left_unknown_on_purpose_are_missing_not_false(agreement: kr.Agreement) -> None:
    assert agreement.dprd is not None and agreement.perjanjian is not None
    assert agreement.dprd.tanggal_keputusan is None or agreement.perjanjian.tanggal_ttd is None
    # Everything else the seed knows is still known.
    assert agreement.dprd.keputusan is KeputusanDprd.DISETUJUI
    # Missing is not false: a rule that needs the forgotten fact cannot pass, but the
    # verdict is never `fail` for want of it alone.
    report = RULES.evaluate(agreement, as_of=AS_OF, evidence=False)
    assert report.verdict in ("unknown", "pass")


@pytest.mark.parametrize("rule_id", ["pp28-30-4", "pp28-5", "uu23-367-2", "pp28-19-1"])
def test_applicable_to_draws_agreements_the_rule_applies_to(rule_id: str) -> None:
    kinds = kit.rule_jenis(RULES, rule_id)

    @settings(max_examples=15, database=None, suppress_health_check=[HealthCheck.filter_too_much])
    @given(applicable_to(RULES, rule_id))
    def draw(agreement: kr.Agreement) -> None:
        assert agreement.jenis in kinds
        outcome = RULES.evaluate(agreement, as_of=AS_OF).outcome(rule_id)
        assert outcome.status != "not_applicable"

    draw()


def test_mined_values_read_the_rule() -> None:
    mined = kit.mined_values(RULES, RULES.rule("pp28-5"))
    paths = {p for p, _ in mined}
    assert ("kategori",) in paths
    assert (("pemetaan_urusan", "dilakukan"), False) in mined


WITNESS = """\
id: saksi-1
jenis: KSDPL
perjanjian:
  tanggal_ttd: 2026-02-10
dprd:
  keputusan: disetujui
  tanggal_keputusan: 2026-03-01
"""


def test_from_witnesses_reads_text_files_and_folders(tmp_path: Path) -> None:
    (tmp_path / "01-contradiction.yaml").write_text(WITNESS, encoding="utf-8")
    seen: set[str] = set()

    @settings(max_examples=30, database=None)
    @given(from_witnesses([WITNESS, tmp_path, tmp_path / "01-contradiction.yaml"]))
    def draw(agreement: kr.Agreement) -> None:
        assert agreement.id == "saksi-1" and agreement.jenis is Jenis.KSDPL
        seen.add(_verdict(agreement))

    draw()
    assert "fail" in seen  # the witness itself: DPRD approval after signing


def test_from_witnesses_takes_analyzer_findings_as_data() -> None:
    import types

    # What the analyzer reports, duck-typed: the kit never imports the analyzer.
    finding = types.SimpleNamespace(
        witness=types.SimpleNamespace(agreement={"id": "w", "jenis": "KSDD"})
    )
    strategy = from_witnesses([finding])

    @settings(max_examples=5, database=None)
    @given(strategy)
    def draw(agreement: kr.Agreement) -> None:
        assert agreement.jenis is Jenis.KSDD

    draw()


def test_from_witnesses_without_a_witness_is_an_error() -> None:
    with pytest.raises(kr.ConfigurationError):
        from_witnesses([])
    with pytest.raises(kr.ConfigurationError):
        from_witnesses(["- not\n- a mapping\n"])
    with pytest.raises(kr.ConfigurationError):
        from_witnesses(["no/such/folder"])


# ------------------------------------------------------------------ the law units API
def test_law_units_are_public_and_typed() -> None:
    law = kr.law_units(RULES)
    unit = law.unit("pp 28/2018", 30, 4)
    assert unit is not None and unit.checkable and unit.counted
    assert unit.citation == "Pasal 30 ayat (4) PP 28/2018"
    assert "pp28-30-4" in unit.rules
    assert law.unit("PP 28/2018", 999) is None
    assert law.cited_by("pp28-30-4")[0].citation == "Pasal 30 ayat (4) PP 28/2018"
    assert law.checkable() and all(u.counted for u in law.checkable())
    # The bundled rules encode every counted unit; nothing they cite is missing.
    assert law.uncited() == ()
    assert law.uninventoried == ()
    # Without rules: the same units, none cited.
    bare = kr.law_units()
    assert len(bare.units) == len(law.units) and not any(u.rules for u in bare.units)


def test_law_units_name_citations_of_units_that_do_not_exist(tmp_path: Path) -> None:
    (tmp_path / "x.kr").write_text(
        'aturan "x" {\n  dasar PP 28/2018 Pasal 30 ayat (9)\n'
        '  wajib kantor_perwakilan_luar_negeri == salah\n    pesan "x"\n}\n',
        encoding="utf-8",
    )
    law = kr.law_units(kr.load_rules(tmp_path))
    assert law.uninventoried == (("x", "Pasal 30 ayat (9) PP 28/2018"),)


# ------------------------------------------------------------------ ready properties
def test_the_ready_properties_hold_on_the_bundled_rules() -> None:
    # Bounded: 20 agreements per property (seven properties) keeps this a CI test.
    kit.check_rule_properties(max_examples=20)


def test_the_ready_properties_take_a_rule_set_or_a_folder(tiny_rules: Path) -> None:
    kit.check_rule_properties(tiny_rules, max_examples=10)
    kit.check_rule_properties(rules=kr.load_rules(tiny_rules), max_examples=10)


def test_property_tests_one_by_one(tiny_rules: Path) -> None:
    t = kit.rules_under_test(tiny_rules)
    tests = kit.property_tests(t, only=["determinism", "translation"], max_examples=5)
    assert list(tests) == ["determinism", "translation"]
    for test in tests.values():
        test()
    with pytest.raises(kr.ConfigurationError):
        kit.property_tests(t, only=["no-such-property"])


def test_seeded_with_witnesses(tiny_rules: Path) -> None:
    kit.check_rule_properties(
        tiny_rules, witnesses=[WITNESS], only=["monotonicity"], max_examples=10
    )


def test_the_pytest_marker_and_fixture_run_the_properties(
    pytester: pytest.Pytester, tiny_rules: Path
) -> None:
    pytester.makepyfile(
        f"""
        import pytest

        @pytest.mark.kerjasama_properties(rules={str(tiny_rules)!r}, max_examples=5)
        def test_marked():
            pass

        def test_fixture(kerjasama_properties):
            kerjasama_properties({str(tiny_rules)!r}, only=["determinism"], max_examples=5)

        @pytest.mark.kerjasama_properties(
            rules={str(tiny_rules)!r}, only=["no-such-property"], max_examples=5
        )
        def test_bad_marker():
            pass
        """
    )
    result = pytester.runpytest_inprocess("-q", "-p", "kerjasama_rules.pytest_plugin")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["*no property named no-such-property*"])


# ------------------------------------------------------------------ analyze without z3
def _analyze(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    import kerjasama_rules.analysis as analysis
    from kerjasama_rules.cli.main import main

    monkeypatch.setattr(analysis, "z3_available", lambda: False)
    out, err = io.StringIO(), io.StringIO()
    code = main(["analyze", *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_analyze_without_z3_says_so_and_searches(
    monkeypatch: pytest.MonkeyPatch, tiny_rules: Path
) -> None:
    code, out, err = _analyze(monkeypatch, "--rules", str(tiny_rules))
    assert "z3 solver is not installed" in err and "search results, not proofs" in err
    # A search proves nothing universal: its findings are hints (info), never exit 1.
    assert code == 0
    assert "info[analyze.dead-rule] search result, not a proof: rule `contoh-mati`" in out
    assert "mine.kr:1:8" in out
    assert "contoh-hidup" not in out  # it applies, and its requirement both holds and fails
    assert "with a bounded hypothesis search (search result, not a proof" in out


def test_analyze_without_z3_labels_json_and_sarif(
    monkeypatch: pytest.MonkeyPatch, tiny_rules: Path
) -> None:
    code, out, _ = _analyze(monkeypatch, "--rules", str(tiny_rules), "--format", "json")
    doc = json.loads(out)
    assert code == 0 and "search result, not a proof" in doc["engine"]
    assert {f["severity"] for f in doc["findings"]} == {"info"}
    assert [f["code"] for f in doc["findings"]] == ["analyze.dead-rule"]
    assert doc["findings"][0]["proof"] is False
    assert doc["findings"][0]["message"].startswith("search result, not a proof: ")
    code, out, _ = _analyze(monkeypatch, "--rules", str(tiny_rules), "--format", "sarif")
    sarif = json.loads(out)
    (result,) = sarif["runs"][0]["results"]
    assert result["properties"]["proof"] is False
    assert result["message"]["text"].startswith("search result, not a proof: ")


def test_the_search_is_reproducible(tiny_rules: Path) -> None:
    rules = kr.load_rules(tiny_rules)
    first = kit.search_analysis(rules, per_rule=4, pool=8, retry=8)
    again = kit.search_analysis(rules, per_rule=4, pool=8, retry=8)
    assert first == again
    assert first.findings[0].proof is False and first.findings[0].witness is None


def test_the_search_finds_an_unsatisfiable_requirement(tmp_path: Path) -> None:
    (tmp_path / "x.kr").write_text(
        'aturan "x" {\n  dasar PP 28/2018 Pasal 27 ayat (1)\n  berlaku jika jenis == KSDPL\n'
        "  wajib kantor_perwakilan_luar_negeri dan tidak kantor_perwakilan_luar_negeri\n"
        '    dasar huruf c\n    pesan "x"\n}\n',
        encoding="utf-8",
    )
    result = kit.search_analysis(kr.load_rules(tmp_path), per_rule=6, pool=10, retry=10)
    assert [f.code for f in result.findings] == ["analyze.unsatisfiable"]
    assert result.findings[0].location.line == 4


def test_as_of_is_a_fixed_date() -> None:
    # The library never reads the clock: the kit judges at one documented date.
    assert datetime.date(2026, 11, 29) == AS_OF


@given(st.data())
def test_procedure_dates_are_in_order(data: st.DataObject) -> None:
    dates = data.draw(kit.procedure_dates())
    order = ["rencana", "surat_permohonan", "diterima", "tanggal_keputusan", "tanggal_ttd"]
    assert [dates[k] for k in order] == sorted(dates[k] for k in order)
    assert dates["tanggal_ttd"] <= AS_OF


# ------------------------------------------------------------------ the documentation
def test_the_documented_example_runs(pytester: pytest.Pytester) -> None:
    # docs/testing.md points at this file: it must pass as a user would run it.
    example = ROOT / "docs" / "examples" / "testing"
    pytester.makepyfile(
        test_aturan_saya=(example / "test_aturan_saya.py").read_text(encoding="utf-8")
    )
    rules = pytester.mkdir("aturan_saya")
    (rules / "kantor.kr").write_text(
        (example / "aturan_saya" / "kantor.kr").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = pytester.runpytest_inprocess("-q", "-p", "kerjasama_rules.pytest_plugin")
    result.assert_outcomes(passed=5)


def test_the_docstring_examples_run() -> None:
    import doctest

    from kerjasama_rules.law import units
    from kerjasama_rules.testing import building

    for module in (units, building):
        result = doctest.testmod(module, raise_on_error=False)
        assert result.attempted and not result.failed, module.__name__


def test_the_testing_page_names_every_property() -> None:
    page = (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")
    for name in kit.PROPERTIES:
        assert f"| `{name}` |" in page, name


def test_auto_witnesses_come_from_the_analyzer_when_z3_is_there(tiny_rules: Path) -> None:
    rules = kr.load_rules(tiny_rules)
    from kerjasama_rules.analysis import z3_available

    found = properties_module().analyzer_witnesses(rules)
    if z3_available():
        assert found and all(w.reproduced for w in found)
    else:
        assert found == []
    kit.check_rule_properties(tiny_rules, only=["determinism"], max_examples=5)


def test_without_z3_auto_witnesses_are_none(
    monkeypatch: pytest.MonkeyPatch, tiny_rules: Path
) -> None:
    import kerjasama_rules.analysis as analysis

    monkeypatch.setattr(analysis, "z3_available", lambda: False)
    assert properties_module().analyzer_witnesses(kr.load_rules(tiny_rules)) == []


def properties_module():  # type: ignore[no-untyped-def]
    from kerjasama_rules.testing import properties

    return properties
