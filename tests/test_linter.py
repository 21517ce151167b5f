"""`kerjasama lint`: every problem at once, with exact spans, help, JSON, SARIF, two languages."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from kerjasama_rules.cli.main import main
from kerjasama_rules.drafting.linter import LintResult, lint
from kerjasama_rules.errors import Diagnostic
from kerjasama_rules.law.inventory import load_inventory
from kerjasama_rules.output.i18n import HELPS, MESSAGES, localize
from kerjasama_rules.output.render import render_diagnostic
from kerjasama_rules.output.sarif import to_sarif


class FakeInventory:
    """PP 28/2018 Pasal 27 ayat (1) huruf a-e only."""

    known_instruments = ("PP 28/2018", "UU 23/2014")

    def has(
        self, instrument: str, pasal: int, ayat: int | None = None, huruf: str | None = None
    ) -> bool | None:
        if instrument != "PP 28/2018":
            return None
        if pasal != 27:
            return False
        if ayat not in (None, 1):
            return False
        return huruf in (None, "a", "b", "c", "d", "e")


def _lint(text: str, name: str = "contoh.kr") -> LintResult:
    return lint([(name, text)], inventory=FakeInventory())


def _only(result: LintResult, code: str) -> Diagnostic:
    found = [d for d in result.diagnostics if d.code == code]
    assert len(found) == 1, [(d.code, d.message) for d in result.diagnostics]
    return found[0]


def _snippet(d: Diagnostic) -> str:
    assert d.span is not None
    return d.span.snippet


GOOD = """\
aturan "contoh" {
  dasar PP 28/2018 Pasal 27 ayat (1)
  berlaku jika jenis dalam {KSDPL, KSDLL}

  wajib setiap m dalam mitra: m.negara != "IL"
    dasar huruf a
    pesan "Negara mitra harus mempunyai hubungan diplomatik"
    pesan en "The partner's country must have diplomatic relations"
}
"""


def test_a_good_file_has_no_findings() -> None:
    assert _lint(GOOD).diagnostics == ()


# ------------------------------------------------------------------ checker errors
def test_typo_in_a_field() -> None:
    d = _only(_lint(GOOD.replace("m.negara", "m.negra")), "check.unknown-field")
    assert _snippet(d) == "negra"
    assert d.help == "did you mean `negara`?"
    assert localize(d, "id") == (
        "`negra` bukan bidang dari `Mitra`",
        "mungkin maksud Anda `negara`?",
    )


def test_missing_citation() -> None:
    d = _only(
        _lint(GOOD.replace("  dasar PP 28/2018 Pasal 27 ayat (1)\n", "")), "check.missing-citation"
    )
    assert _snippet(d) == '"contoh"'
    assert d.help == "add a line such as `dasar PP 28/2018 Pasal 27 ayat (1)`"


def test_wrong_type() -> None:
    text = GOOD.replace("jenis dalam {KSDPL, KSDLL}", 'jenis == "KSDPL"')
    d = _only(_lint(text), "check.type-mismatch")
    assert _snippet(d) == 'jenis == "KSDPL"'
    assert d.help == "write enum values without quotes, e.g. `jenis == KSDPL`"
    assert localize(d, "id")[0] == "enum Jenis tidak dapat dibandingkan dengan teks"


def test_every_error_is_collected_not_only_the_first() -> None:
    text = GOOD.replace("m.negara", "m.negra").replace("KSDLL}", "KSDLL} dan sesuai(1)")
    codes = [d.code for d in _lint(text).diagnostics]
    assert codes.count("check.unknown-field") == 1
    assert codes.count("check.unknown-function") == 1


@pytest.mark.parametrize(
    "text",
    ['aturan "x" {\n  wajib a = b\n}\n', 'rule "x" {\n  require a = b\n}\n'],
    ids=["id", "en"],
)
def test_syntax_error_in_either_language(text: str) -> None:
    d = _only(_lint(text), "syntax.unexpected-token")
    assert _snippet(d) == "="
    assert d.help is not None and "`==`" in d.help
    assert localize(d, "id")[0] == "`=` tidak diharapkan di sini"


def test_syntax_errors_of_every_file_are_reported() -> None:
    result = lint([("a.kr", "aturan {"), ("b.kr", 'aturan "x" { wajib }')])
    assert {d.span.source.name for d in result.diagnostics if d.span} == {"a.kr", "b.kr"}


# ------------------------------------------------------------------ lint warnings
def test_unused_definition() -> None:
    text = "definisi batas_waktu = 30 hari\n" + GOOD
    d = _only(_lint(text), "lint.unused-definition")
    assert d.severity == "warning"
    assert _snippet(d) == "batas_waktu"
    assert d.help == "use it in a rule, or delete it if the law no longer needs it"


def test_used_definitions_tables_and_determinations_are_not_reported() -> None:
    text = (
        "definisi a = jenis == KSDPL\ndefinisi b = a\n"
        'tabel t {\n  kolom negara: teks\n  baris "IL"\n}\n'
        "penetapan p {\n  jika benar maka 1\n    dasar PP 28/2018 Pasal 27\n}\n"
        + GOOD.replace('m.negara != "IL"', "m.negara tidak dalam t.negara dan b")
    )
    assert [d.code for d in _lint(text).diagnostics if d.code.startswith("lint.")] == []


@pytest.mark.parametrize(
    ("old", "new", "snippet", "message"),
    [
        ('wajib setiap m dalam mitra: m.negara != "IL"', "wajib benar", "benar",
         "this requirement is always true"),
        ("berlaku jika jenis dalam {KSDPL, KSDLL}", "berlaku jika jenis == KSDD atau benar",
         "benar", "this condition of `berlaku jika` is always true"),
        ("berlaku jika jenis dalam {KSDPL, KSDLL}", "berlaku jika 1 > 2",
         "1 > 2", "this condition of `berlaku jika` does not depend on the agreement"),
        ("    dasar huruf a\n", "    jika salah dan jenis == KSDD\n    dasar huruf a\n",
         "salah", "this `jika` guard is always false"),
    ],
)  # fmt: skip
def test_constant_condition(old: str, new: str, snippet: str, message: str) -> None:
    d = _only(_lint(GOOD.replace(old, new)), "lint.constant-condition")
    assert d.severity == "warning"
    assert _snippet(d) == snippet
    assert d.message == message
    assert d.help is not None
    assert "cannot change" in d.help or f"`{snippet}` fixes the value" in d.help


def test_conditions_on_switches_and_as_of_are_not_constant() -> None:
    text = 'saklar s {\n  nilai a, b\n  bawaan a\n  alasan "r"\n}\n' + GOOD.replace(
        "berlaku jika jenis dalam {KSDPL, KSDLL}", "berlaku jika s == a dan as_of > 2020-01-01"
    )
    assert not [d for d in _lint(text).diagnostics if d.code == "lint.constant-condition"]


def test_missing_english_message_is_info() -> None:
    text = GOOD.replace(
        '    pesan en "The partner\'s country must have diplomatic relations"\n', ""
    )
    d = _only(_lint(text), "lint.missing-english-message")
    assert d.severity == "info"
    assert _snippet(d) == 'pesan "Negara mitra harus mempunyai hubungan diplomatik"'
    assert d.help is not None and "pesan en" in d.help


def test_unknown_unit_with_a_fake_inventory() -> None:
    d = _only(_lint(GOOD.replace("dasar huruf a", "dasar huruf z")), "lint.unknown-unit")
    assert _snippet(d) == "huruf z"
    assert d.message == "`Pasal 27 ayat (1) huruf z` is not a unit of PP 28/2018"
    assert d.help is not None and "the citation before it" in d.help


def test_unknown_unit_with_the_real_inventory() -> None:
    text = GOOD.replace("dasar PP 28/2018 Pasal 27 ayat (1)", "dasar PP 28/2018 Pasal 27 ayat (9)")
    result = lint([("contoh.kr", text)], inventory=load_inventory())
    d = next(d for d in result.diagnostics if d.code == "lint.unknown-unit")
    assert _snippet(d) == "PP 28/2018 Pasal 27 ayat (9)"
    assert d.help == "check the number against the text of PP 28/2018"


def test_no_inventory_no_unit_check() -> None:
    text = GOOD.replace("dasar huruf a", "dasar huruf z")
    assert not lint([("c.kr", text)]).diagnostics


# ------------------------------------------------------------------ rendering
BROKEN = "definisi tak_dipakai = 1\n" + GOOD.replace("m.negara", "m.negra")


def test_english_and_indonesian_rendering() -> None:
    d = _only(_lint(BROKEN), "check.unknown-field")
    en = render_diagnostic(d)
    idn = render_diagnostic(d, "id")
    assert en.startswith("error[check.unknown-field]: `negra` is not a field of `Mitra`")
    assert "= help: did you mean `negara`?" in en
    assert idn.startswith("kesalahan[check.unknown-field]: `negra` bukan bidang dari `Mitra`")
    assert "= saran: mungkin maksud Anda `negara`?" in idn
    assert en.splitlines()[1:4] == idn.splitlines()[1:4]  # same place, same caret


def test_catalogue_english_templates_match_the_emitted_messages() -> None:
    # Every message built by the parser, checker and linter has a template whose English
    # form, filled with the diagnostic's args, is the message: the catalogue stays in sync.
    texts = [
        BROKEN, GOOD.replace("jenis dalam", "jenjs dalam"), 'aturan "x" { wajib a = b }',
        "aturan {", 'aturan "x" { wajib 1 + "a" > tanggal(1)\n pesan "m" }',
        GOOD.replace("dasar huruf a", "dasar huruf z"),
        "definisi a = b\ndefinisi b = a\n" + GOOD, GOOD + GOOD,
        'tabel t {\n  kolom a: tekss\n  baris 1, 2\n}\n' + GOOD,
        'saklar s {\n  nilai a, a\n  bawaan c\n}\n' + GOOD,
    ]  # fmt: skip
    seen = 0
    for text in texts:
        for d in _lint(text).diagnostics:
            if not d.args:
                continue
            args = dict(d.args)
            filled = []
            for en, _ in MESSAGES[d.code]:
                with contextlib.suppress(KeyError):
                    filled.append(en.format_map(args))
            assert d.message in filled, (d.code, d.message)
            assert localize(d, "id")[0] != d.message or d.code == "syntax.invalid"
            seen += 1
    assert seen >= 10
    assert all(en.count("{") == idn.count("{") for en, idn in HELPS)


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_exit_codes(tmp_path: Path) -> None:
    assert _cli("lint")[0] == 0  # the bundled rules have no errors
    bad = tmp_path / "bad.kr"
    bad.write_text(BROKEN, encoding="utf-8")
    code, out, _ = _cli("lint", str(bad))
    assert code == 1
    assert "error[check.unknown-field]" in out and "warning[lint.unused-definition]" in out
    assert "1 error, 1 warning" in out
    warn_only = tmp_path / "warn.kr"
    warn_only.write_text("definisi tak_dipakai = 1\n" + GOOD, encoding="utf-8")
    assert _cli("lint", str(warn_only))[0] == 0
    assert _cli("lint", str(tmp_path / "missing.kr"))[0] == 2
    assert _cli("lint", "--format", "xml")[0] == 2


def test_cli_indonesian(tmp_path: Path) -> None:
    bad = tmp_path / "bad.kr"
    bad.write_text(BROKEN, encoding="utf-8")
    code, out, _ = _cli("lint", str(bad), "--lang", "id")
    assert code == 1
    assert "kesalahan[check.unknown-field]: `negra` bukan bidang dari `Mitra`" in out
    assert "1 kesalahan, 1 peringatan" in out


def test_cli_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.kr"
    bad.write_text(BROKEN, encoding="utf-8")
    code, out, _ = _cli("lint", str(bad), "--format", "json")
    assert code == 1
    doc = json.loads(out)
    keys = {"code", "severity", "message", "help", "file", "line", "column", "end_line",
            "end_column"}  # fmt: skip
    assert all(set(item) == keys for item in doc)
    field = next(item for item in doc if item["code"] == "check.unknown-field")
    assert field["file"].endswith("bad.kr")
    assert (field["line"], field["column"], field["end_line"], field["end_column"]) == (
        6, 33, 6, 38,
    )  # fmt: skip


def _check_sarif_shape(log: dict[str, object]) -> None:
    # The properties SARIF 2.1.0 requires (sarif-schema-2.1.0.json: sarifLog requires
    # version and runs; run requires tool; tool requires driver; toolComponent requires
    # name; result requires message; message requires text; reportingDescriptor id).
    assert log["version"] == "2.1.0"
    assert isinstance(log["$schema"], str) and "sarif" in log["$schema"]
    runs = log["runs"]
    assert isinstance(runs, list) and len(runs) == 1
    run = runs[0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "kerjasama lint"
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids))
    assert all(r["shortDescription"]["text"] for r in driver["rules"])
    for res in run["results"]:
        assert res["ruleId"] in ids and ids[res["ruleIndex"]] == res["ruleId"]
        assert res["level"] in ("none", "note", "warning", "error")
        assert isinstance(res["message"]["text"], str) and res["message"]["text"]
        loc = res["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        assert not uri.startswith("/") and "\\" not in uri
        region = loc["region"]
        assert all(isinstance(region[k], int) and region[k] >= 1 for k in region)
        assert (region["endLine"], region["endColumn"]) > (
            region["startLine"],
            region["startColumn"],
        )


def test_cli_sarif(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.kr").write_text(
        BROKEN.replace(
            '    pesan en "The partner\'s country must have diplomatic relations"\n', ""
        ),
        encoding="utf-8",
    )
    code, out, _ = _cli("lint", "bad.kr", "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    _check_sarif_shape(log)
    results = log["runs"][0]["results"]
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels == {
        "check.unknown-field": "error",
        "lint.unused-definition": "warning",
        "lint.missing-english-message": "note",
    }
    field = next(r for r in results if r["ruleId"] == "check.unknown-field")
    assert field["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad.kr"
    assert field["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 6, "startColumn": 33, "endLine": 6, "endColumn": 38,
    }  # fmt: skip
    idn = to_sarif(_lint(BROKEN).diagnostics, lang="id")
    _check_sarif_shape(idn)
    assert any("bukan bidang" in r["message"]["text"] for r in idn["runs"][0]["results"])


def test_empty_sarif_is_valid() -> None:
    _check_sarif_shape(to_sarif([]))


# ------------------------------------------------ instruments come from the inventories
_PERDA_RULE = (
    'aturan "daerah.a" {\n  dasar Perda 1/2026 Pasal 1\n  berlaku jika jenis == KSDD\n'
    '  wajib terisi perjanjian.tanggal_ttd\n    pesan "m"\n    pesan en "m"\n}\n'
)


def _lint_folder(tmp_path: Path, inventory: str | None) -> tuple[int, str]:
    d = tmp_path / "daerah"
    d.mkdir()
    (d / "a.kr").write_text(_PERDA_RULE, encoding="utf-8")
    if inventory is not None:
        (d / "inventaris.yaml").write_text(inventory, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(["lint", str(d)], stdout=out, stderr=err)
    return code, out.getvalue() + err.getvalue()


def test_an_instrument_no_inventory_knows_is_a_lint_error(tmp_path: Path) -> None:
    code, text = _lint_folder(tmp_path, None)
    assert code == 1
    assert "lint.unknown-instrument" in text and "Perda 1/2026" in text
    assert "rujukan" in text  # the help says how to make it known


@pytest.mark.parametrize(
    "inventory",
    [
        "instrumen: Perda 1/2026\npasal_lengkap: false\npasal: []\n",
        "instrumen: Perbup 7/2025\nrujukan: [Perda 1/2026]\npasal: []\n",
    ],
)
def test_a_drafters_inventory_adds_instruments(tmp_path: Path, inventory: str) -> None:
    # ... on top of the bundled inventory: the region's regulation is known, and so is
    # the national law the bundled inventory lists.
    code, text = _lint_folder(tmp_path, inventory)
    assert "lint.unknown-instrument" not in text, text
    assert code == 0
    inv = load_inventory(tmp_path / "daerah").stacked_on(load_inventory())
    assert "Perda 1/2026" in inv.known_instruments
    assert {"PP 28/2018", "UU 23/2014", "Perpres 21/2023"} <= set(inv.known_instruments)


def test_the_bundled_inventory_lists_the_instruments_the_rules_cite() -> None:
    known = load_inventory().known_instruments
    assert {"PP 28/2018", "UU 23/2014", "Perpres 21/2023", "Permendagri 22/2020"} <= set(known)
    # the repealed regulation is never a basis
    assert "PP 50/2007" not in known


@pytest.mark.parametrize(
    ("rujukan", "path"),
    [
        ("5", "$.rujukan"),
        ("{a: b}", "$.rujukan"),
        ("[1]", "$.rujukan[0]"),
        ("['  ']", "$.rujukan[0]"),
    ],
)
def test_a_malformed_reference_list_is_located(tmp_path: Path, rujukan: str, path: str) -> None:
    from kerjasama_rules.law.inventory import InventoryError

    f = tmp_path / "inventaris.yaml"
    f.write_text(f"instrumen: Perda 1/2026\nrujukan: {rujukan}\npasal: []\n", encoding="utf-8")
    with pytest.raises(InventoryError) as info:
        load_inventory(f)
    assert [d.path for d in info.value.diagnostics] == [path]
