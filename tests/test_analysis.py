"""The rule analyzer: planted logic mistakes are found, located and witnessed.

Each example file under docs/examples/analysis/ plants one kind of mistake, written as a
drafter writes rules. Each finding must sit at the right rule and line, and its witness
(the YAML the analyzer prints) must show the claimed behaviour when loaded and evaluated
by the engine, independently of the analyzer's own replay.
"""

from __future__ import annotations

import datetime
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from kerjasama_rules import load_agreement
from kerjasama_rules.analysis import AnalysisFinding, AnalysisResult, analyze
from kerjasama_rules.cli.main import main
from kerjasama_rules.engine.evaluator import RuleSet
from kerjasama_rules.engine.rulefiles import load_rules

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "docs" / "examples" / "analysis"


def _run(path: Path) -> AnalysisResult:
    return analyze(path)


def _only(result: AnalysisResult, code: str) -> AnalysisFinding:
    found = [f for f in result.findings if f.code == code]
    assert len(found) == 1, [(f.code, str(f.location)) for f in result.findings]
    return found[0]


def _evaluate(rules: RuleSet, f: AnalysisFinding) -> Any:
    """Load the witness YAML text as `kerjasama check` would, and evaluate it."""
    assert f.witness is not None and f.witness.reproduced
    doc = yaml.safe_load(f.witness.yaml)
    agreement = load_agreement(doc)
    switches = dict(f.witness.switches)
    cuti = switches.pop("cuti_bersama", None)
    return rules.evaluate(agreement, as_of=f.witness.as_of, switches=switches, cuti_bersama=cuti)


def _messages(outcome: Any) -> list[str]:
    return [dict(x.messages)["id"] for x in outcome.findings if x.status == "fail"]


# ------------------------------------------------------------------ one kind per file
def test_dead_rule_is_found_with_a_witness_where_it_does_not_apply() -> None:
    path = EXAMPLES / "mati.kr"
    f = _only(_run(path), "analyze.dead-rule")
    assert (f.subject, f.location.line, f.proof) == ("contoh-mati", 2, True)
    report = _evaluate(load_rules(path), f)
    assert report.outcome("contoh-mati").status == "not_applicable"


def test_unsatisfiable_requirement_fails_on_its_witness() -> None:
    path = EXAMPLES / "tak_terpenuhi.kr"
    f = _only(_run(path), "analyze.unsatisfiable")
    assert (f.subject, f.location.line) == ("contoh-tak-terpenuhi", 6)
    assert _evaluate(load_rules(path), f).outcome("contoh-tak-terpenuhi").status == "fail"


def test_vacuous_requirement_uses_the_real_duration_order() -> None:
    # `<= 5 tahun atau > 60 bulan` never fails only because 5 years and 60 months end on
    # the same day: the encoding must follow Duration's ordering, not its fields.
    path = EXAMPLES / "hampa.kr"
    f = _only(_run(path), "analyze.vacuous")
    assert (f.subject, f.location.line) == ("contoh-hampa", 7)
    assert _evaluate(load_rules(path), f).outcome("contoh-hampa").status == "pass"


def test_unreachable_kecuali_is_located_at_the_exception() -> None:
    path = EXAMPLES / "kecuali.kr"
    f = _only(_run(path), "analyze.unreachable-kecuali")
    assert (f.subject, f.location.line, f.location.column) == ("contoh-kecuali", 5, 11)
    outcome = _evaluate(load_rules(path), f).outcome("contoh-kecuali")
    assert outcome.reason != "exception"


def test_unreachable_guard_is_found() -> None:
    path = EXAMPLES / "penjaga.kr"
    f = _only(_run(path), "analyze.unreachable-guard")
    assert (f.subject, f.location.line) == ("contoh-penjaga", 6)
    outcome = _evaluate(load_rules(path), f).outcome("contoh-penjaga")
    assert outcome.status == "pass" and outcome.reason is None


def test_contradiction_between_two_rules_has_a_witness_failing_one_of_them() -> None:
    path = EXAMPLES / "bertentangan.kr"
    f = _only(_run(path), "analyze.contradiction")
    assert (f.subject, f.location.line, f.related_subject) == (
        "contoh-sesudah",
        16,
        "contoh-sebelum",
    )
    report = _evaluate(load_rules(path), f)
    statuses = {report.outcome(r).status for r in ("contoh-sebelum", "contoh-sesudah")}
    assert statuses == {"pass", "fail"}


def test_duplicate_requirements_fail_together() -> None:
    path = EXAMPLES / "ganda.kr"
    f = _only(_run(path), "analyze.duplicate")
    assert (f.subject, f.location.line, f.related_subject) == (
        "contoh-ganda-2",
        15,
        "contoh-ganda-1",
    )
    report = _evaluate(load_rules(path), f)
    assert report.outcome("contoh-ganda-1").status == "fail"
    assert report.outcome("contoh-ganda-2").status == "fail"


def test_redundant_requirement_is_info_and_does_not_fail_the_run() -> None:
    path = EXAMPLES / "berlebih.kr"
    result = _run(path)
    f = _only(result, "analyze.redundant")
    assert (f.severity, f.location.line) == ("info", 6)
    assert result.clean
    outcome = _evaluate(load_rules(path), f).outcome("contoh-berlebih")
    assert len(_messages(outcome)) == 2


def test_a_justification_comment_silences_the_finding_and_keeps_its_reason() -> None:
    result = _run(EXAMPLES / "berlebih_dibenarkan.kr")
    assert result.findings == ()
    (f,) = result.justified
    assert f.code == "analyze.redundant"
    assert f.justified is not None and "ayat (2)" in f.justified


def test_determination_overlap_gap_and_unreachable_case() -> None:
    path = EXAMPLES / "penetapan.kr"
    result = _run(path)
    codes = sorted((f.code, f.location.line) for f in result.findings)
    assert codes == [
        ("analyze.determination-gap", 2),
        ("analyze.determination-overlap", 6),
        ("analyze.unreachable-case", 8),
    ]
    rules = load_rules(path)
    gap = _only(result, "analyze.determination-gap")
    assert _evaluate(rules, gap).determination("perlu_kajian").value is None
    overlap = _only(result, "analyze.determination-overlap")
    # Case 1 wins on the witness (a KSDPL), although case 2 also matches.
    assert _evaluate(rules, overlap).determination("perlu_kajian").value is True


def test_two_files_in_force_for_the_same_unit() -> None:
    path = EXAMPLES / "dua_berkas"
    f = _only(_run(path), "analyze.duplicate-citation")
    assert f.subject == "pp28-30-1-baru" and f.related_subject == "pp28-30-1"
    assert f.location.file.endswith("pasal_30_baru.kr")
    report = _evaluate(load_rules(path), f)
    for rid in ("pp28-30-1", "pp28-30-1-baru"):
        assert report.outcome(rid).status in ("pass", "fail", "unknown")


def test_a_correct_rule_file_is_clean() -> None:
    result = _run(EXAMPLES / "bersih")
    assert result.findings == () and result.not_analysed == () and result.clean


def test_unencoded_constructs_are_reported_not_proved(tmp_path: Path) -> None:
    # List equality has no encoding: the rule must say "not analysed", never a proof.
    path = tmp_path / "daftar.kr"
    path.write_text(
        'aturan "contoh-daftar" {\n'
        "  dasar PP 28/2018 Pasal 4\n"
        "  wajib urusan == {pendidikan}\n"
        '    pesan "x"\n'
        "}\n",
        encoding="utf-8",
    )
    result = _run(path)
    assert result.findings == ()
    (n,) = result.not_analysed
    assert n.subject == "contoh-daftar" and n.construct == "comparison of lists"


def test_working_day_deadlines_rest_on_the_stated_model(tmp_path: Path) -> None:
    # Deciding before the deadline and after the 45th working day cannot both hold.
    path = tmp_path / "tenggat.kr"
    path.write_text(
        'aturan "contoh-tenggat" {\n'
        "  dasar PP 28/2018 Pasal 30 ayat (4)\n"
        "  berlaku jika jenis == KSDPL dan terisi dprd.diterima\n"
        "  wajib dprd.tanggal_keputusan <= hari_kerja_setelah(dprd.diterima, 45)\n"
        "    dan dprd.tanggal_keputusan > hari_kerja_setelah(dprd.diterima, 45)\n"
        "    jika terisi dprd.tanggal_keputusan\n"
        '    pesan "x"\n'
        "}\n",
        encoding="utf-8",
    )
    f = _only(_run(path), "analyze.unsatisfiable")
    assert any("working-day" in a for a in f.assumptions)
    report = _evaluate(load_rules(path), f)
    assert report.outcome("contoh-tenggat").status == "fail"


# ------------------------------------------------------------------ bundled rules
# Findings on the bundled rules that are not justified in the files: none. Anything found
# is a regression (justified ones carry an `# analyze: allow` comment with its reason).
OPEN_BUNDLED: set[tuple[str, str]] = set()


@pytest.fixture(scope="module")
def bundled() -> AnalysisResult:
    return analyze()


def test_bundled_rules_have_no_unexpected_findings(bundled: AnalysisResult) -> None:
    found = {(f.code, f.subject) for f in bundled.findings}
    assert found <= OPEN_BUNDLED, sorted(found - OPEN_BUNDLED)
    assert bundled.not_analysed == ()
    assert bundled.justified, "the justified redundancies of pasal_09/pasal_22 are read"


def test_every_bundled_witness_reproduces(bundled: AnalysisResult) -> None:
    for f in (*bundled.findings, *bundled.justified):
        assert f.witness is not None and f.witness.reproduced, f.code


# ------------------------------------------------------------------ rendering and CLI
def _cli(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue() + err.getvalue()


def test_cli_exit_codes() -> None:
    assert _cli("analyze", "--rules", str(EXAMPLES / "bersih"))[0] == 0
    code, text = _cli("analyze", "--rules", str(EXAMPLES / "mati.kr"))
    assert code == 1 and "error[analyze.dead-rule]" in text and "mati.kr:2:8" in text
    assert _cli("analyze", "--rules", str(EXAMPLES / "no-such-dir"))[0] == 2


def test_cli_json_and_sarif() -> None:
    code, text = _cli("analyze", "--rules", str(EXAMPLES / "ganda.kr"), "--format", "json")
    doc = json.loads(text)
    assert code == 1 and doc["schema"] == "kerjasama-analysis/1"
    (f,) = doc["findings"]
    assert f["code"] == "analyze.duplicate" and f["witness"]["reproduced"] is True
    code, text = _cli("analyze", "--rules", str(EXAMPLES / "ganda.kr"), "--format", "sarif")
    log = json.loads(text)
    (res,) = log["runs"][0]["results"]
    assert res["ruleId"] == "analyze.duplicate" and log["version"] == "2.1.0"
    region = res["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (15, 3)


def test_cli_writes_witnesses_that_check_reproduces(tmp_path: Path) -> None:
    rules = EXAMPLES / "tak_terpenuhi.kr"
    _cli("analyze", "--rules", str(rules), "--witnesses", str(tmp_path))
    (witness,) = sorted(tmp_path.glob("*.yaml"))
    code, text = _cli("check", str(witness), "--rules", str(rules), "--as-of", "2026-01-01")
    assert code == 1 and "contoh-tak-terpenuhi" in text


# ------------------------------------------------------------------ semantic diff
def test_diff_reports_each_change_class_with_a_witness() -> None:
    code, text = _cli(
        "diff",
        "--old",
        str(EXAMPLES / "diff_lama"),
        "--new",
        str(EXAMPLES / "diff_baru"),
        "--format",
        "json",
    )
    doc = json.loads(text)
    classes = {(c["rule"], c["old"], c["new"]) for c in doc["changes"]}
    assert code == 1
    assert ("contoh-bersih", "fail", "pass") in classes
    assert all(c["witness"]["reproduced"] for c in doc["changes"])
    # Never a change that cannot happen: approval is still required in both versions.
    assert ("contoh-bersih", "pass", "fail") not in classes


def test_pure_refactors_change_no_agreement(tmp_path: Path) -> None:
    old = EXAMPLES / "bertentangan.kr"
    en = tmp_path / "en"
    en.mkdir()
    (en / "b.kr").write_text(old.read_text(encoding="utf-8"), encoding="utf-8")
    assert _cli("fmt", "--lang", "en", str(en))[0] == 0
    assert 'rule "contoh-sebelum"' in (en / "b.kr").read_text(encoding="utf-8")
    code, text = _cli("diff", "--old", str(old), "--new", str(en))
    assert code == 0 and "no agreement changes outcome (proved" in text


def test_renaming_a_definition_changes_no_agreement(tmp_path: Path) -> None:
    text = (
        "definisi {name} = dprd.keputusan == disetujui\n"
        'aturan "contoh-definisi" {{\n'
        "  dasar PP 28/2018 Pasal 30 ayat (1)\n"
        "  berlaku jika jenis == KSDPL\n"
        "  wajib {name}\n"
        '    pesan "x"\n'
        "}}\n"
    )
    (tmp_path / "old.kr").write_text(text.format(name="disetujui_dprd"), encoding="utf-8")
    (tmp_path / "new.kr").write_text(text.format(name="sudah_disetujui"), encoding="utf-8")
    code, out = _cli("diff", "--old", str(tmp_path / "old.kr"), "--new", str(tmp_path / "new.kr"))
    assert code == 0, out


def test_witness_dates_are_realistic_when_the_claim_allows() -> None:
    f = _only(_run(EXAMPLES / "bertentangan.kr"), "analyze.contradiction")
    assert f.witness is not None
    assert f.witness.as_of == datetime.date(2026, 1, 1)


def test_core_import_and_the_cli_do_not_import_z3() -> None:
    code = (
        "import sys, kerjasama_rules, kerjasama_rules.cli.main, kerjasama_rules.analysis\n"
        "assert 'z3' not in sys.modules, 'z3 imported'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_without_z3_the_cli_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import kerjasama_rules.analysis as analysis

    monkeypatch.setattr(analysis, "z3_available", lambda: False)
    # It says so, and falls back to the testing kit's bounded search
    # (tests/test_testing_kit.py tests the fallback itself).
    code, text = _cli("analyze", "--rules", str(EXAMPLES / "mati.kr"))
    assert "z3 solver is not installed" in text and "[analysis]" in text
    # Search findings are hints (info): exit 0, and the dead rule is still named.
    assert code == 0 and "search result, not a proof" in text and "mati.kr:2:8" in text


def test_translating_the_bundled_rules_to_english_changes_no_agreement(tmp_path: Path) -> None:
    en = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", en)
    assert _cli("fmt", "--lang", "en", str(en))[0] == 0
    code, text = _cli("diff", "--old", str(ROOT / "rules"), "--new", str(en))
    assert code == 0 and "no agreement changes outcome (proved" in text, text
