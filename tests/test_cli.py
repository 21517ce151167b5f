"""The command line through main(argv), and once through the installed script."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kerjasama_rules.cli.main import main

AGREEMENT = """
id: uji-ksdpl
jenis: KSDPL
mitra:
  - {nama: Gemeente Arnhem, jenis: pemerintah_daerah_luar_negeri, negara: NL}
dprd: {keputusan: disetujui, tanggal_keputusan: 2026-05-20}
perjanjian: {tanggal_ttd: 2026-05-10}
"""


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def failing(tmp_path: Path) -> Path:
    p = tmp_path / "a.yaml"
    p.write_text(AGREEMENT, encoding="utf-8")
    return p


def test_check_violation_exits_1_and_explains(failing: Path) -> None:
    code, out, err = run("check", str(failing), "--as-of", "2026-11-29")
    assert code == 1
    assert out.index("Putusan: TIDAK PATUH") < out.index("Pasal 30 ayat (1) PP 28/2018")
    assert "$.dprd.tanggal_keputusan" in out
    assert "Dinilai per: 2026-11-29" in out
    assert err == ""


def test_check_english(failing: Path) -> None:
    code, out, _ = run("check", str(failing), "--as-of", "2026-11-29", "--lang", "en")
    assert code == 1
    assert "Verdict: NOT COMPLIANT" in out
    assert "needs DPRD approval" in out


def test_default_as_of_is_today_in_jakarta_and_said(failing: Path) -> None:
    _, out, _ = run("check", str(failing))
    assert "(hari ini, Asia/Jakarta)" in out


def test_json_is_versioned_and_deterministic(failing: Path) -> None:
    a = run("check", str(failing), "--as-of", "2026-11-29", "--format", "json")
    b = run("check", str(failing), "--as-of", "2026-11-29", "--format", "json")
    assert a == b
    doc = json.loads(a[1])
    assert doc["format"] == "kerjasama-report/1"
    (rep,) = doc["reports"]
    assert rep["verdict"] == "fail"
    assert rep["determinations"]["perlu_persetujuan_dprd"]["value"] is True
    fail = next(o for o in rep["outcomes"] if o["rule"] == "pp28-30-1")
    (finding,) = fail["findings"]
    assert finding["citation"] == {
        "instrument": "PP 28/2018",
        "pasal": 30,
        "ayat": 1,
        "huruf": None,
        "angka": None,
        "penjelasan": False,
        "text": "Pasal 30 ayat (1) PP 28/2018",
    }
    assert fail["location"]["file"].endswith("pasal_30.kr")


def test_bad_agreement_exits_2_with_path(tmp_path: Path) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text("id: x\njenis: KSDPL\ndprd: {tanggal_keputusan: kemarin}\n", encoding="utf-8")
    code, _, err = run("check", str(p))
    assert code == 2
    assert "$.dprd.tanggal_keputusan" in err
    assert "Traceback" not in err


def test_missing_file_and_usage_errors_exit_2() -> None:
    assert run("check", "does-not-exist.yaml")[0] == 2
    code, _, err = run("check", "x.yaml", "--as-of", "kemarin")
    assert code == 2 and "YYYY-MM-DD" in err
    assert run("frobnicate")[0] == 2
    assert run()[0] == 2


def test_broken_rule_file_exits_2_with_caret(tmp_path: Path, failing: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "x.kr").write_text('aturan "x" {\n  wajib jenis = KSDD\n}\n', encoding="utf-8")
    code, _, err = run("check", str(failing), "--rules", str(rules))
    assert code == 2
    assert "x.kr:2:15" in err and "^" in err


def test_rules_listing() -> None:
    code, out, _ = run("rules")
    assert code == 0
    assert "pp28-27-1" in out and "Pasal 27 ayat (1) huruf a PP 28/2018" in out
    code, out, _ = run("rules", "--format", "json")
    assert code == 0
    assert {r["rule"] for r in json.loads(out)["rules"]} >= {"pp28-27-1", "pp28-30-3"}


def test_explain(failing: Path) -> None:
    code, out, _ = run("explain", str(failing), "pp28-30-1", "--as-of", "2026-11-29")
    assert code == 1
    assert "berlaku jika jenis == KSDPL" in out
    assert "$.perjanjian.tanggal_ttd" in out
    code, _, err = run("explain", str(failing), "pp28-30-x")
    assert code == 2 and "did you mean `pp28-30-" in err


def test_deadline() -> None:
    code, out, _ = run(
        "deadline", "--from", "2026-03-02", "--working-days", "45", "--format", "json"
    )
    assert code == 0
    doc = json.loads(out)
    assert doc["due"] == "2026-05-13"
    assert doc["calendar_complete"] is True
    kinds = {s["kind"] for s in doc["skipped"]}
    assert {"libur_nasional", "cuti_bersama"} <= kinds
    code, out, _ = run(
        "deadline",
        "--from",
        "2026-03-02",
        "--working-days",
        "45",
        "--cuti-bersama",
        "kerja",
        "--format",
        "json",
    )
    assert json.loads(out)["due"] == "2026-05-07"
    assert run("deadline", "--from", "2026-03-02", "--working-days", "-1")[0] == 2


def _installed_script() -> str:
    here = Path(sys.executable).parent / ("kerjasama.exe" if os.name == "nt" else "kerjasama")
    found = str(here) if here.exists() else shutil.which("kerjasama")
    if found is None:
        pytest.fail("the `kerjasama` script is not installed: pip install '.[test]' first")
    return found


def test_installed_script_runs_from_any_directory(tmp_path: Path, failing: Path) -> None:
    proc = subprocess.run(
        [_installed_script(), "check", str(failing), "--as-of", "2026-11-29"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Pasal 30 ayat (1) PP 28/2018" in proc.stdout


def test_check_a_directory_reports_each_agreement_and_a_summary(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(AGREEMENT, encoding="utf-8")
    sub = tmp_path / "lain"
    sub.mkdir()
    (sub / "b.yaml").write_text(AGREEMENT.replace("uji-ksdpl", "uji-dua"), encoding="utf-8")
    (sub / "x.test.yaml").write_text("kasus: []\n", encoding="utf-8")  # a rule test, skipped
    code, out, err = run("check", str(tmp_path), "--as-of", "2026-11-29")
    assert code == 1, err
    assert "uji-ksdpl" in out and "uji-dua" in out
    header = next(line for line in out.splitlines() if line.startswith("perjanjian "))
    assert header.split() == [
        "perjanjian", "putusan", "pelanggaran", "belum", "dapat", "ditentukan", "belum",
        "jatuh", "tempo",
    ]  # fmt: skip


def test_explain_a_determination(failing: Path) -> None:
    code, out, _ = run("explain", str(failing), "perlu_persetujuan_dprd", "--as-of", "2026-11-29")
    assert code == 0
    assert "jika jenis == KSDD\n    = tidak" in out
    assert "jika jenis == KSDPL\n    = ya" in out
    assert "perlu_persetujuan_dprd = ya" in out
    assert "Pasal 30 ayat (1) PP 28/2018" in out
