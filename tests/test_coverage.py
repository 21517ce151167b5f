"""The inventory of units of law, coverage by law, and the generated docs/coverage.md."""

from __future__ import annotations

import io
import json
import textwrap
from pathlib import Path

import pytest

from kerjasama_rules.cli.main import main
from kerjasama_rules.language.nodes import Citation
from kerjasama_rules.law.coverage import covers, measure
from kerjasama_rules.law.inventory import InventoryError, Unit, load_inventory
from kerjasama_rules.output.coverage import render_coverage_markdown

ROOT = Path(__file__).resolve().parents[1]

INVENTORY = """
instrumen: PP 28/2018
pasal:
  - nomor: 27
    dapat_diperiksa: true
    keyakinan: tinggi
    ayat:
      - nomor: 1
        baris_matriks: [R13]
        huruf: [a, c]
      - nomor: 2
        baris_matriks: [R14]
  - nomor: 35
    dapat_diperiksa: false
"""

RULES = """
aturan "uji-c" {
  dasar PP 28/2018 Pasal 27 ayat (1)
  berlaku jika jenis == KSDPL
  wajib tidak kantor_perwakilan_luar_negeri
    dasar huruf c
    pesan "Pemda tidak membuka kantor perwakilan di luar negeri"
}
aturan "uji-2" {
  dasar PP 28/2018 Pasal 27 ayat (2)
  berlaku jika jenis == KSDPL
  wajib alih_iptek_sdm_indonesia
    pesan "alih iptek"
}
"""

TESTS = """
kasus:
  - nama: lulus
    perjanjian:
      {id: u, jenis: KSDPL, kantor_perwakilan_luar_negeri: false, alih_iptek_sdm_indonesia: true}
    harapan: {uji-c: pass, uji-2: pass}
  - nama: gagal
    perjanjian:
      {id: u, jenis: KSDPL, kantor_perwakilan_luar_negeri: true, alih_iptek_sdm_indonesia: true}
    harapan: {uji-c: fail}
"""


def suite(tmp_path: Path) -> Path:
    (tmp_path / "tests").mkdir()
    (tmp_path / "inventaris.yaml").write_text(INVENTORY, encoding="utf-8")
    (tmp_path / "aturan.kr").write_text(RULES, encoding="utf-8")
    (tmp_path / "tests" / "uji.test.yaml").write_text(TESTS, encoding="utf-8")
    return tmp_path


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


# ------------------------------------------------------------------ inventory
def test_bundled_inventory_lists_every_pasal_of_pp28() -> None:
    inv = load_inventory()
    pasal = {u.pasal for u in inv.units() if u.instrument == "PP 28/2018" and u.ayat is None}
    assert pasal == set(range(1, 53))
    assert "UU 23/2014" in inv.instruments
    assert all(u.confidence in ("tinggi", "sedang", "rendah") for u in inv.units())


def test_has() -> None:
    inv = load_inventory()
    assert inv.has("PP 28/2018", 27, 1, "a") is True
    assert inv.has("PP 28/2018", 27, 1, "f") is False
    assert inv.has("PP 28/2018", 30, 4, None) is True
    assert inv.has("PP 28/2018", 30, 6, None) is False
    assert inv.has("PP 28/2018", 48, None, None) is True
    assert inv.has("PP 28/2018", 53, None, None) is False
    assert inv.has("pp  28/2018", 6, 1, "j") is True
    # the reference does not list the angka of Pasal 1: nobody can tell
    assert inv.has("PP 28/2018", 1, 2, None) is None
    assert inv.has("UU 23/2014", 364, 2, "e") is True
    assert inv.has("UU 23/2014", 13, None, None) is None  # only some pasal are inventoried
    assert inv.has("Perpres 21/2023", 3, None, None) is None


def test_units_inherit_and_only_leaves_are_checkable(tmp_path: Path) -> None:
    inv = load_inventory(suite(tmp_path))
    texts = [u.text for u in inv.units()]
    assert texts == [
        "Pasal 27 PP 28/2018",
        "Pasal 27 ayat (1) PP 28/2018",
        "Pasal 27 ayat (1) huruf a PP 28/2018",
        "Pasal 27 ayat (1) huruf c PP 28/2018",
        "Pasal 27 ayat (2) PP 28/2018",
        "Pasal 35 PP 28/2018",
    ]
    checkable = inv.checkable_units()
    assert [u.text for u in checkable] == texts[2:5]
    assert checkable[0].confidence == "tinggi" and checkable[0].matrix_rows == ("R13",)


def test_inventory_errors_carry_paths(tmp_path: Path) -> None:
    bad = tmp_path / "inventaris.yaml"
    bad.write_text(
        textwrap.dedent(
            """
            instrumen: PP 28/2018
            pasal:
              - {nomor: 1, dapat_diperiksa: false}
              - {nomor: 2, dapat_diperiksa: true}
              - {nomor: 3, dapat_diperiksa: true, keyakinan: pasti}
              - nomor: 4
                dapat_diperiksa: true
                ayat: satu
              - nomor: 4
                dapat_diperiksa: true
              - nomor: 5
                dapat_diperiksa: true
                ayat: [{nomor: 1, huruf: [A]}]
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(InventoryError) as info:
        load_inventory(bad)
    got = {d.path for d in info.value.diagnostics}
    assert {"$.pasal[2].keyakinan", "$.pasal[3].ayat", "$.pasal[4]"} <= got
    assert "$.pasal[5].ayat[0].huruf[0].huruf" in got
    bad.write_text("pasal: [\n", encoding="utf-8")
    with pytest.raises(InventoryError) as info:
        load_inventory(bad)
    assert info.value.diagnostics[0].code == "inventory.syntax"


# ------------------------------------------------------------------ coverage
def test_covers_equal_or_more_specific() -> None:
    ayat = Unit("PP 28/2018", 30, 1)
    huruf = Unit("PP 28/2018", 27, 1, "a")
    assert covers(Citation("PP 28/2018", 30, 1), ayat)
    assert covers(Citation("PP 28/2018", 30, 1, "b"), ayat)
    assert not covers(Citation("PP 28/2018", 30), ayat)
    assert covers(Citation("PP 28/2018", 27, 1, "a"), huruf)
    assert not covers(Citation("PP 28/2018", 27, 1), huruf)
    assert not covers(Citation("UU 23/2014", 27, 1, "a"), huruf)


def test_missing_encoded_tested(tmp_path: Path) -> None:
    report = measure([suite(tmp_path)])
    status = {u.unit.text: u.status for u in report.units}
    assert status == {
        "Pasal 27 ayat (1) huruf a PP 28/2018": "missing",
        "Pasal 27 ayat (1) huruf c PP 28/2018": "tested",
        "Pasal 27 ayat (2) PP 28/2018": "encoded",  # never made to fail
    }
    assert report.encoded_percent == pytest.approx(66.7)
    assert report.tested_percent == pytest.approx(33.3)
    assert report.rows() == [("R13", 2, 1, 1), ("R14", 1, 1, 0)]


def test_cli_coverage_formats_and_fail_under(tmp_path: Path) -> None:
    root = suite(tmp_path)
    code, out, _ = cli("coverage", "--rules", str(root), "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["summary"]["tested"] == 1 and doc["summary"]["checkable"] == 3
    code, _, err = cli("coverage", "--rules", str(root), "--fail-under", "50")
    assert code == 1 and "below --fail-under" in err
    code, out, _ = cli("coverage", "--rules", str(root), "--fail-under", "30")
    assert code == 0 and "teruji: 1/3 (33.3%)" in out


def test_docs_coverage_is_up_to_date() -> None:
    fresh = render_coverage_markdown(measure())
    current = (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8")
    assert current == fresh, (
        "docs/coverage.md is stale; regenerate it with: "
        "kerjasama coverage --format markdown > docs/coverage.md"
    )


def test_the_coverage_reports_rules_line_is_in_the_reports_language(tmp_path: Path) -> None:
    # The text report is Indonesian (`dikodekan`, `teruji`): its last line names the rules
    # in Indonesian too, also when a drafter's folder is stacked on the bundled rules.
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "aturan.kr").write_text(RULES, encoding="utf-8")
    code, out, err = cli("coverage", "--rules", str(mine), "--with-bundled")
    assert code == 0, err
    last = out.splitlines()[-1]
    assert last.startswith("rules: ") and last.endswith("(--rules, di atas aturan bawaan)")
    assert "dikodekan:" in out
