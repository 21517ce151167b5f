"""``--show-law``: beside each cited unit, the inventory's summary (never called the law's
text) and the official wording, or where to read it; in text and JSON, id and en."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import kerjasama_rules as kr
from kerjasama_rules.cli.main import main
from kerjasama_rules.language.nodes import Citation
from kerjasama_rules.law.inventory import load_inventory
from kerjasama_rules.law.wording import cited_law
from kerjasama_rules.output.render import render_text, report_to_json

ROOT = Path(__file__).resolve().parents[1]
BROKEN = str(ROOT / "examples" / "ksdpl-arnhem-tidak-patuh.yaml")


def _run(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue()


def test_check_text_labels_the_summary_and_says_the_text_is_not_included() -> None:
    code, text = _run("check", BROKEN, "--as-of", "2026-11-29", "--show-law")
    assert code == 1
    assert "ringkasan (bukan teks resmi), Pasal 30 ayat (1) PP 28/2018:" in text
    assert "Bunyi resmi satuan ini belum dimuat" in text
    # Each instrument's long reason once, then a short back-reference.
    assert text.count("Bacalah teks resmi PP 28/2018") == 1
    assert "teks resmi tidak dimuat (lihat di atas)" in text


def test_check_text_without_the_option_is_unchanged() -> None:
    _, plain = _run("check", BROKEN, "--as-of", "2026-11-29")
    assert "ringkasan (bukan teks resmi)" not in plain
    assert "Bunyi resmi" not in plain


def test_check_text_in_english_has_no_indonesian_reason() -> None:
    _, text = _run("check", BROKEN, "--as-of", "2026-11-29", "--show-law", "--lang", "en")
    assert "summary (not the official text), Pasal 30 ayat (1) PP 28/2018: DPRD approval" in text
    assert "The official wording of this unit is not included" in text
    assert "Bunyi resmi" not in text and "ringkasan" not in text


def test_check_json_carries_cited_law_on_findings() -> None:
    _, text = _run("check", BROKEN, "--as-of", "2026-11-29", "--show-law", "--format", "json")
    doc = json.loads(text)
    findings = [f for o in doc["reports"][0]["outcomes"] for f in o["findings"]]
    assert findings
    for f in findings:
        law = f["cited_law"]
        assert law["summary_is_official_text"] is False
        assert law["wording"] is None
        assert law["in_inventory"] is (law["unit"] is not None)
    units = {f["cited_law"]["unit"] for f in findings}
    assert "Pasal 30 ayat (1) PP 28/2018" in units


def test_check_json_without_the_option_has_no_cited_law() -> None:
    _, text = _run("check", BROKEN, "--as-of", "2026-11-29", "--format", "json")
    assert "cited_law" not in text


def test_jsonl_carries_cited_law() -> None:
    _, text = _run("check", BROKEN, "--as-of", "2026-11-29", "--show-law", "--format", "jsonl")
    assert '"cited_law"' in text


def test_explain_text_and_json() -> None:
    args = ("explain", BROKEN, "pp28-30-1", "--as-of", "2026-11-29", "--show-law")
    code, text = _run(*args, "--lang", "en")
    assert code == 1
    assert "summary (not the official text), Pasal 30 ayat (1) PP 28/2018" in text
    _, raw = _run(*args, "--format", "json")
    doc = json.loads(raw)
    cited = [s["cited_law"] for s in doc["steps"] if s["citation"] is not None]
    assert cited and all(c["summary_is_official_text"] is False for c in cited)
    assert all("cited_law" in f for f in doc["outcome"]["findings"])


def test_the_most_specific_inventoried_unit_is_found() -> None:
    inv = load_inventory()
    huruf = cited_law(inv, Citation("PP 28/2018", 30, ayat=3, huruf="f"))
    assert huruf.unit is not None and huruf.unit.text == "Pasal 30 ayat (3) huruf f PP 28/2018"
    assert huruf.summary == "Persetujuan DPRD atas rencana KSDPL"
    # A unit below what the inventory lists falls back to the nearest unit containing it.
    deeper = cited_law(inv, Citation("PP 28/2018", 8, ayat=9))
    assert deeper.unit is not None and deeper.unit.text == "Pasal 8 PP 28/2018"
    absent = cited_law(inv, Citation("Perpres 21/2023", 6))
    assert absent.unit is None and absent.summary is None
    elucidation = cited_law(inv, Citation("PP 28/2018", 3, ayat=2, penjelasan=True))
    assert elucidation.unit is None


def test_quoted_wording_is_shown_with_its_source(tmp_path: Path) -> None:
    # A unit whose text a source quotes exactly is printed as such, with the source.
    (tmp_path / "inventaris.yaml").write_text(
        "instrumen: PP 28/2018\n"
        "teks_sumber: Salinan resmi\n"
        "pasal:\n"
        "  - nomor: 30\n"
        "    judul: Persetujuan DPRD\n"
        "    dapat_diperiksa: true\n"
        "    ayat:\n"
        "      - nomor: 1\n"
        "        teks: Bunyi kutipan uji.\n"
        "        ringkasan: uji ringkasan\n",
        encoding="utf-8",
    )
    inv = load_inventory(tmp_path)
    rules = kr.load_rules()
    report = rules.evaluate(kr.load_agreement(BROKEN), as_of=datetime.date(2026, 11, 29))
    text = render_text(report, law=inv)
    assert "bunyi Pasal 30 ayat (1) PP 28/2018: «Bunyi kutipan uji.»" in text
    assert "sumber: Salinan resmi" in text
    assert (
        "ringkasan (bukan teks resmi), Pasal 30 ayat (1) PP 28/2018: "
        "Persetujuan DPRD; uji ringkasan" in text
    )
    doc = report_to_json(report, law=inv)
    quoted = [
        f["cited_law"]
        for o in doc["outcomes"]
        for f in o["findings"]
        if f["cited_law"]["unit"] == "Pasal 30 ayat (1) PP 28/2018"
    ]
    assert quoted and quoted[0]["wording"] == "Bunyi kutipan uji."
    # A unit not in this small inventory says so.
    assert "tidak ada dalam inventaris hukum; teks resmi tidak dimuat" in text


def test_explain_a_determination_shows_the_law_of_the_deciding_case() -> None:
    args = ("explain", BROKEN, "perlu_persetujuan_dprd", "--as-of", "2026-11-29", "--show-law")
    code, text = _run(*args, "--lang", "en")
    assert code == 0
    assert "summary (not the official text), Pasal 30 ayat (1) PP 28/2018" in text
    _, plain = _run(*args[:-1])
    assert "ringkasan (bukan teks resmi)" not in plain
