"""`kerjasama law`: one unit of law with its wording (or why it is missing) and its rules,
and the generated pages of docs/law/, which must match the inventory, rules and tests."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kerjasama_rules.cli.law import law_pages
from kerjasama_rules.cli.main import main
from kerjasama_rules.law.inventory import load_inventory
from kerjasama_rules.law.wording import UnitReferenceError, parse_unit_reference

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pasal 30 ayat (3)", ("PP 28/2018", 30, 3, None)),
        ("Pasal 27 ayat (1) huruf a PP 28/2018", ("PP 28/2018", 27, 1, "a")),
        ("UU 23/2014 Pasal 370", ("UU 23/2014", 370, None, None)),
        ("pasal 14 huruf b", ("PP 28/2018", 14, None, "b")),
    ],
)
def test_references_are_parsed(text: str, expected: tuple[object, ...]) -> None:
    assert parse_unit_reference(text) == expected


def test_a_bad_reference_is_a_located_error() -> None:
    with pytest.raises(UnitReferenceError) as exc:
        parse_unit_reference("ayat tiga")
    assert exc.value.diagnostics[0].code == "law.bad-reference"


def test_law_prints_the_unit_its_sub_units_and_the_rules() -> None:
    code, out, err = _run("law", "Pasal 30 ayat (3)")
    assert (code, err) == (0, "")
    first = out.splitlines()[0]
    assert first == "Pasal 30 ayat (3) PP 28/2018"
    assert "Pasal 30 ayat (3) huruf f PP 28/2018" in out
    assert "pp28-30-3 (rules/pp28_2018/pasal_30.kr:" in out
    # No source at hand quotes the wording: the command says so, and why, once.
    assert out.count("bunyi belum dimuat:") == 1


def test_law_json_carries_the_missing_wording_and_its_reason() -> None:
    code, out, _ = _run("law", "Pasal 43 ayat (1)", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["format"] == "kerjasama-law/1"
    [unit] = doc["units"]
    assert unit["unit"] == "Pasal 43 ayat (1) PP 28/2018"
    assert unit["wording"] is None
    assert "tidak mengutipnya kata demi kata" in unit["wording_missing"]
    assert [r["id"] for r in unit["rules"]] == ["pp28-43"]


def test_an_unknown_unit_exits_2() -> None:
    code, _, err = _run("law", "Pasal 99")
    assert code == 2
    assert "law.unknown-unit" in err


def test_every_unit_has_wording_or_says_why_not() -> None:
    for unit in load_inventory().units():
        assert (unit.wording is None) != (unit.wording_missing is None), unit.text
        if unit.wording is not None:
            assert unit.wording_source, unit.text


def test_docs_law_is_up_to_date() -> None:
    """docs/law/ is generated: regenerate with `kerjasama law --pages docs/law`."""
    expected = law_pages()
    directory = ROOT / "docs" / "law"
    actual = {p.name: p.read_text(encoding="utf-8") for p in sorted(directory.glob("*.md"))}
    assert sorted(actual) == sorted(expected)
    stale = [name for name, text in expected.items() if actual[name] != text]
    assert not stale, f"stale pages {stale}: run `kerjasama law --pages docs/law`"
