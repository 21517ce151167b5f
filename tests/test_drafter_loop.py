# ruff: noqa: E501  (rule texts with lines longer than the width are the point of the fmt tests)
"""Issue 14: one rule-resolution loop for every command, `lint --strict`, messages that lead
to the fix, and `fmt` that translates, keeps comments and escapes, and wraps long lines."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from kerjasama_rules.cli import main
from kerjasama_rules.drafting.formatter import format_source
from kerjasama_rules.drafting.linter import lint
from kerjasama_rules.drafting.ruletests import run_tests
from kerjasama_rules.engine.project import bundled_rules_path, resolve_rules
from kerjasama_rules.language.parser import parse
from kerjasama_rules.output.render import render_diagnostic

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = sorted((ROOT / "rules").rglob("*.kr"))
EXAMPLE = ROOT / "docs" / "examples" / "tutorial"


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def helps(text: str) -> list[str]:
    return [d.help or "" for d in lint([("t.kr", text)]).diagnostics]


# ------------------------------------------------------------------ rule resolution
def test_checkout_rules_come_from_kerjasama_toml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT / "docs")
    sel = resolve_rules()
    assert sel.source == "project" and sel.paths == ((ROOT / "rules").resolve(),)
    assert bundled_rules_path() == (ROOT / "rules").resolve()
    code, out, _ = cli("rules", "--where")
    assert code == 0 and out.splitlines()[0] == "../rules/"


def test_project_elsewhere_and_with_bundled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = tmp_path / "mine"
    shutil.copytree(EXAMPLE / "aturan_daerah", mine)
    (tmp_path / "kerjasama.toml").write_text(
        '[rules]\npaths = ["mine"]\nwith_bundled = true\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    sel = resolve_rules()
    assert sel.source == "project" and sel.with_bundled
    assert sel.paths[-1] == mine.resolve() and len(sel.paths) == 2
    # every command runs on the stack with no flag; the text says which rules
    code, out, _ = cli("lint", "--strict")
    assert code == 0 and "rules: " in out and "on the bundled rules" in out
    code, out, _ = cli("test")
    assert code == 0 and out.endswith("2 passed, 0 failed\n")
    code, out, _ = cli("rules", "--where", "--format", "json")
    assert json.loads(out)["with_bundled"] is True


def test_separate_folder_needs_with_bundled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLE)
    code, out, _ = cli("lint", "aturan_daerah")
    assert code == 1 and "load them too with `--with-bundled`" in out
    code, out, _ = cli("lint", "--strict", "--rules", "aturan_daerah", "--with-bundled")
    assert code == 0, out
    code, out, _ = cli("test", "--rules", "aturan_daerah", "--with-bundled")
    assert code == 0 and "2 passed, 0 failed" in out
    args = ("--rules", "aturan_daerah", "--with-bundled", "--as-of", "2026-12-01")
    code, out, _ = cli("check", *args, "ksdd-satu-provinsi.yaml", "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["rules"]["paths"][-1] == "aturan_daerah/"
    findings = [o for o in doc["reports"][0]["outcomes"] if o["rule"] == "daerah-forum-disebut"]
    assert findings and findings[0]["status"] == "fail"


def test_rule_tests_of_a_project_load_the_whole_set(tmp_path: Path) -> None:
    # a fresh checkout elsewhere: its tests run against its own whole rules/ folder
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copy(ROOT / "kerjasama.toml", tmp_path / "kerjasama.toml")
    run = run_tests([tmp_path / "rules" / "uu23_2014"])
    assert run.results and run.failed == 0 and not run.errors


def test_test_file_errors_are_located_and_do_not_stop_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suite = tmp_path / "suite"
    shutil.copytree(EXAMPLE / "latihan", suite)
    (suite / "tests" / "rusak.test.yaml").write_text(
        "kasus:\n  - nama: x\n    perjanjian: {id: a, jenis: KSDD}\n    harapan: {r: lulus_saja}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("test", "suite")
    assert code == 2
    assert "2 passed, 0 failed" in out  # the good file still ran
    assert "suite/tests/rusak.test.yaml:4:" in err and "unknown status" in err


# ------------------------------------------------------------------ lint --strict and hints
def test_lint_strict_fails_on_a_citation_of_a_missing_unit(tmp_path: Path) -> None:
    f = tmp_path / "x.kr"
    f.write_text(
        (EXAMPLE / "latihan" / "pasal_27_2.kr")
        .read_text(encoding="utf-8")
        .replace("Pasal 27 ayat (2)\n", "Pasal 99\n"),
        encoding="utf-8",
    )
    code, out, _ = cli("lint", str(f))
    assert code == 0 and "lint.unknown-unit" in out
    code, out, _ = cli("lint", "--strict", str(f))
    assert code == 1 and "error[lint.unknown-unit]" in out


RULE = 'aturan "r" {{\n  dasar PP 28/2018 Pasal 27 ayat (1)\n  wajib {cond}\n    {cite}\n    pesan "x"\n    pesan en "x"\n}}\n'


def test_dan_in_a_citation_suggests_a_comma() -> None:
    text = RULE.format(cond="benar", cite="dasar huruf a dan huruf b")
    [h] = helps(text)
    assert "`dasar huruf a, huruf b`" in h
    assert helps(RULE.format(cond="status == pelaksanaan", cite="dasar huruf a, huruf b")) == []


def test_atau_between_enum_values_suggests_dalam() -> None:
    bad = RULE.format(cond="status == pelaksanaan atau berakhir", cite="dasar huruf a")
    [h] = helps(bad)
    assert h == "to test for one of several values, write `status dalam {pelaksanaan, berakhir}`"
    good = RULE.format(cond="status dalam {pelaksanaan, berakhir}", cite="dasar huruf a")
    assert helps(good) == []


@pytest.mark.parametrize(("op", "fix"), [("!=", "terisi status"), ("==", "tidak terisi status")])
def test_null_suggests_terisi(op: str, fix: str) -> None:
    [h] = helps(RULE.format(cond=f"status {op} null", cite="dasar huruf a"))
    assert h == f"an unknown fact is not a value: write `{fix}`"
    assert helps(RULE.format(cond=fix, cite="dasar huruf a")) == []


def test_period_ending_before_it_starts_has_help() -> None:
    text = "masa_berlaku PP 28/2018 sejak 2018-07-13 hingga 2017-01-01\n"
    [d] = lint([("t.kr", text)]).diagnostics
    assert d.code == "check.bad-period" and d.span is not None
    assert text[d.span.start : d.span.end] == "hingga 2017-01-01"
    assert "2017-01-01 before it starts on 2018-07-13" in (d.help or "")
    assert "masa berlaku berakhir pada 2017-01-01" in render_diagnostic(d, "id")


def test_new_help_lines_exist_in_indonesian() -> None:
    text = RULE.format(cond="status == pelaksanaan atau berakhir", cite="dasar huruf a dan huruf b")
    [d] = lint([("t.kr", text)]).diagnostics  # the syntax error stops the file
    assert "pisahkan satuan dasar hukum dengan koma" in render_diagnostic(d, "id")
    text = RULE.format(cond="status == pelaksanaan atau berakhir", cite="dasar huruf a")
    [d] = lint([("t.kr", text)]).diagnostics
    assert "untuk menguji salah satu dari beberapa nilai" in render_diagnostic(d, "id")


def test_byte_order_mark_is_accepted_and_removed_by_fmt(tmp_path: Path) -> None:
    text = (EXAMPLE / "latihan" / "pasal_27_2.kr").read_text(encoding="utf-8")
    f = tmp_path / "bom.kr"
    f.write_text("\ufeff" + text, encoding="utf-8")
    assert parse("\ufeff" + text).items == parse(text).items
    assert cli("lint", str(f))[0] == 0
    assert cli("fmt", str(f))[0] == 0
    assert f.read_bytes() == text.encode("utf-8")


# ------------------------------------------------------------------ fmt
LONG = """\
tabel batas {
  kolom jenis: teks, lama: durasi
  baris "KSDD", 5 tahun
}

aturan "panjang" {  # komentar di akhir baris pembuka
  dasar PP 28/2018 Pasal 27 ayat (1)
  berlaku jika jenis dalam {KSDPL, KSDLL} dan objek_luar_negeri == iptek dan terisi perjanjian.tanggal_ttd dan tidak kantor_perwakilan_luar_negeri

  wajib (status == pelaksanaan atau status == berakhir) dan (tidak terisi perjanjian.tanggal_ttd atau perjanjian.tanggal_ttd <= 2026-01-01)  # akhir baris
    dasar huruf a
    pesan "tab\\there \\"kutip\\""
    pesan en "x"
    tingkat peringatan

  wajib perjanjian.jangka_waktu <= 1 tahun dan perjanjian.jangka_waktu <= 2 tahun
    dasar huruf b
    pesan "y"
    pesan en "y"
    tingkat galat
}
"""


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_en_then_id_is_byte_identical_on_bundled_rules(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    en = format_source(text, lang="en")
    assert format_source(en, lang="id") == text
    assert format_source(en, lang="en") == en


def test_fmt_translates_wraps_and_keeps_comments_and_escapes() -> None:
    canon = format_source(LONG)
    assert format_source(canon) == canon  # idempotent
    assert parse(canon).items == parse(LONG).items  # the same tree
    assert max(len(line) for line in canon.splitlines()) <= 100
    assert "\n      dan objek_luar_negeri == iptek\n" in canon
    assert 'aturan "panjang" {  # komentar di akhir baris pembuka' in canon
    assert canon.count("  # akhir baris") == 1 and "\n  # akhir baris" not in canon
    assert '"tab\\there \\"kutip\\""' in canon
    en = format_source(canon, lang="en")
    assert "<= 1 year and" in en and "<= 2 years" in en
    assert "severity warning" in en and "severity error" in en
    assert "columns jenis: text, lama: duration" in en and 'row "KSDD", 5 years' in en
    assert "\n      and objek_luar_negeri == iptek\n" in en
    assert format_source(en, lang="id") == canon


def test_a_malformed_kerjasama_toml_is_a_located_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "kerjasama.toml").write_text('[rules]\npaths = "aturan"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("rules", "--where")
    assert code == 2 and "error[config.bad-project]" in err and "--> kerjasama.toml" in err
