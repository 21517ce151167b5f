"""Rule tests (`*.test.yaml`): bundled suite, format, `kerjasama test`, pytest plugin."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest

import kerjasama_rules as kr
from kerjasama_rules.cli.main import main
from kerjasama_rules.drafting.ruletests import (
    RuleTestError,
    find_test_files,
    load_test_file,
    run_tests,
)
from kerjasama_rules.output.ruletests import render_run

pytest_plugins = ["pytester"]

RULE = """
aturan "uji-27-1-c" {
  dasar PP 28/2018 Pasal 27 ayat (1)
  berlaku jika jenis dalam {KSDPL, KSDLL}
  wajib tidak kantor_perwakilan_luar_negeri
    dasar huruf c
    pesan "Pemda tidak membuka kantor perwakilan di luar negeri"
}
"""

TESTS = """
basis:
  ksdpl: {id: u, jenis: KSDPL, kantor_perwakilan_luar_negeri: false}
kasus:
  - nama: tanpa kantor perwakilan
    dasar: ksdpl
    harapan: {uji-27-1-c: pass}
  - nama: dengan kantor perwakilan
    dasar: ksdpl
    ubah: {kantor_perwakilan_luar_negeri: true}
    harapan: {uji-27-1-c: fail}
    temuan: {uji-27-1-c: [Pasal 27 ayat (1) huruf c]}
"""


def write_suite(root: Path, tests: str = TESTS) -> Path:
    (root / "tests").mkdir(parents=True, exist_ok=True)
    (root / "aturan.kr").write_text(RULE, encoding="utf-8")
    path = root / "tests" / "uji.test.yaml"
    path.write_text(textwrap.dedent(tests), encoding="utf-8")
    return path


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_every_bundled_rule_test_passes() -> None:
    files = find_test_files()
    assert files, "no bundled *.test.yaml found"
    run = run_tests(files)
    assert run.results
    assert run.failed == 0, render_run(run)


def test_bundled_rule_tests_cover_every_status() -> None:
    run = run_tests()
    statuses = {s for r in run.results for _, s in r.case.expect}
    assert {"pass", "fail", "unknown", "not_applicable"} <= statuses
    assert any(r.case.pending for r in run.results)
    assert any(r.case.missing for r in run.results)


def test_passing_and_failing_case(tmp_path: Path) -> None:
    path = write_suite(tmp_path)
    run = run_tests([path])
    assert (run.passed, run.failed) == (2, 0)
    tf = load_test_file(path)
    assert [c.name for c in tf.cases] == ["tanpa kantor perwakilan", "dengan kantor perwakilan"]
    assert tf.cases[1].agreement.kantor_perwakilan_luar_negeri is True


def test_diff_names_status_and_citations(tmp_path: Path) -> None:
    path = write_suite(
        tmp_path,
        """
        kasus:
          - nama: salah
            perjanjian: {id: u, jenis: KSDLL, kantor_perwakilan_luar_negeri: true}
            harapan: {uji-27-1-c: pass, uji-27-1-x: fail}
            temuan: {uji-27-1-c: [Pasal 27 ayat (1) huruf a]}
            penetapan: {tidak_ada: true}
        """,
    )
    run = run_tests([path])
    assert run.failed == 1
    text = render_run(run)
    assert "FAIL" in text and "::salah" in text
    assert "uji-27-1-c: expected status pass, got fail" in text
    assert "- missing    Pasal 27 ayat (1) huruf a" in text
    assert "+ unexpected Pasal 27 ayat (1) huruf c PP 28/2018" in text
    assert "uji-27-1-x: no such rule (did you mean `uji-27-1-c`?)" in text
    assert "determination tidak_ada: no such determination" in text
    assert text.endswith("0 passed, 1 failed\n")


def test_patch_merges_deeply_replaces_lists_and_deletes_with_null(tmp_path: Path) -> None:
    path = write_suite(
        tmp_path,
        """
        basis:
          b:
            id: u
            jenis: KSDPL
            dprd: {surat_permohonan: 2026-01-05, diterima: 2026-01-06}
            urusan: [kebudayaan, pariwisata]
            kantor_perwakilan_luar_negeri: false
        kasus:
          - nama: ubah
            dasar: b
            ubah:
              dprd: {diterima: null, keputusan: disetujui}
              urusan: [pertanian]
              kantor_perwakilan_luar_negeri: null
            harapan: {uji-27-1-c: unknown}
            kurang: {uji-27-1-c: [$.kantor_perwakilan_luar_negeri]}
        """,
    )
    case = load_test_file(path).cases[0]
    a = case.agreement
    assert a.dprd is not None and a.dprd.surat_permohonan is not None
    assert a.dprd.diterima is None and a.dprd.keputusan is not None
    assert [u.value for u in a.urusan or ()] == ["pertanian"]
    assert run_tests([path]).failed == 0


def test_english_keys_are_accepted(tmp_path: Path) -> None:
    path = write_suite(
        tmp_path,
        """
        base:
          b: {id: u, jenis: KSDPL, kantor_perwakilan_luar_negeri: true}
        cases:
          - name: english
            base: b
            patch: {kantor_perwakilan_luar_negeri: false}
            expect: {uji-27-1-c: pass}
            findings: {uji-27-1-c: []}
        """,
    )
    assert run_tests([path]).failed == 0


def test_malformed_file_reports_every_problem_with_a_path(tmp_path: Path) -> None:
    path = write_suite(
        tmp_path,
        """
        basis:
          b: {id: u, jenis: KSDPL}
        kasus:
          - nama: a
            dasar: bb
            harapan: {x: pass}
          - nama: b
            dasar: b
            harapan: {uji-27-1-c: lulus, y: gagal-total}
            temuan: {uji-27-1-c: [Pasal duapuluh]}
            hrapan: {}
          - nama: c
            perjanjian: {id: u, jenis: KSDX}
            harapan: {x: pass}
        """,
    )
    with pytest.raises(RuleTestError) as info:
        load_test_file(path)
    got = {(d.code, d.path) for d in info.value.diagnostics}
    assert ("ruletest.invalid", "$.kasus[0].dasar") in got
    assert ("ruletest.invalid", "$.kasus[1].harapan.y") in got
    assert ("ruletest.invalid", "$.kasus[1].temuan.uji-27-1-c[0]") in got
    assert ("ruletest.unknown-key", "$.kasus[1].hrapan") in got
    assert ("agreement.invalid-value", "$.kasus[2].perjanjian.jenis") in got
    helps = {d.path: d.help for d in info.value.diagnostics}
    assert helps["$.kasus[0].dasar"] == "did you mean `b`?"


def test_cli_test_exit_codes(tmp_path: Path) -> None:
    good = write_suite(tmp_path / "good")
    code, out, _ = cli("test", str(good))
    assert code == 0 and out.endswith("2 passed, 0 failed\n")
    bad = write_suite(
        tmp_path / "bad",
        """
        kasus:
          - nama: salah
            perjanjian: {id: u, jenis: KSDPL, kantor_perwakilan_luar_negeri: true}
            harapan: {uji-27-1-c: pass}
        """,
    )
    code, out, _ = cli("test", str(bad))
    assert code == 1 and "expected status pass, got fail" in out
    broken = tmp_path / "broken.test.yaml"
    broken.write_text("kasus: [\n", encoding="utf-8")
    code, _, err = cli("test", str(broken), "--rules", str(tmp_path / "good"))
    assert code == 2 and "ruletest.syntax" in err


def test_cli_test_runs_bundled_suite() -> None:
    code, out, _ = cli("test")
    assert code == 0, out
    assert out.rstrip().endswith(", 0 failed")


def test_pytest_plugin_one_item_per_case(pytester: pytest.Pytester) -> None:
    write_suite(
        pytester.path,
        TESTS
        + """
  - nama: gagal dengan sengaja
    dasar: ksdpl
    harapan: {uji-27-1-c: fail}
""",
    )
    pytester.makeconftest('pytest_plugins = ["kerjasama_rules.pytest_plugin"]')
    result = pytester.runpytest("-p", "kerjasama_rules.pytest_plugin", "-v")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*uji.test.yaml::tanpa kantor perwakilan PASSED*",
            "*uji.test.yaml::gagal dengan sengaja FAILED*",
            "*uji-27-1-c: expected status fail, got pass*",
        ]
    )


def test_pytest_plugin_reports_malformed_file(pytester: pytest.Pytester) -> None:
    write_suite(pytester.path, "kasus: []\n")
    result = pytester.runpytest("-p", "kerjasama_rules.pytest_plugin")
    result.stdout.fnmatch_lines(["*expected a non-empty list of cases*"])
    assert result.ret != 0


def test_bundled_rules_public_api_matches_cli() -> None:
    # The test runner uses the public evaluation API only: same reports as `check`.
    run = run_tests()
    r = run.results[0]
    assert r.report is not None
    rules = kr.load_rules()
    again = rules.evaluate(r.case.agreement, as_of=r.case.as_of, switches=dict(r.case.switches))
    assert again == r.report
