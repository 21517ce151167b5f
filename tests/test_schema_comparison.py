"""`kerjasama schema` and `--compare-switches`."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings

import kerjasama_rules as kr
from kerjasama_rules.cli.main import main
from kerjasama_rules.drafting.schema import agreement_schema
from kerjasama_rules.engine.comparison import compare_switches
from kerjasama_rules.testing.strategies import agreements

ROOT = Path(__file__).resolve().parents[1]
# Rule tests (*.test.yaml, e.g. of examples/kebijakan) are not agreements.
EXAMPLES = sorted(
    p for p in (ROOT / "examples").rglob("*.yaml") if not p.name.endswith(".test.yaml")
)
AS_OF = datetime.date(2026, 11, 29)


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = agreement_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_is_valid_against_the_schema(
    validator: jsonschema.protocols.Validator, path: Path
) -> None:
    for a in kr.load_agreements(path):
        errors = list(validator.iter_errors(kr.unstructure_agreement(a)))
        assert not errors, [e.message for e in errors]


@settings(max_examples=60)
@given(agreements())
def test_generated_agreements_are_valid(a: kr.Agreement) -> None:
    schema = agreement_schema()
    jsonschema.validate(kr.unstructure_agreement(a), schema, jsonschema.Draft202012Validator)


def test_schema_rejects_what_the_loader_rejects(validator: jsonschema.protocols.Validator) -> None:
    assert not validator.is_valid({"id": "x", "jenis": "KSDX"})
    assert not validator.is_valid({"id": "x", "jenis": "KSDPL", "mitra_negra": []})
    assert not validator.is_valid({"jenis": "KSDPL"})
    assert not validator.is_valid({"id": "x", "jenis": "KSDPL", "mitra": [{"negara": "NLD"}]})
    assert validator.is_valid({"id": "x", "jenis": "KSDPL", "dprd": None})


def test_schema_command() -> None:
    out = io.StringIO()
    assert main(["schema"], stdout=out, stderr=io.StringIO()) == 0
    doc = json.loads(out.getvalue())
    assert doc["$schema"].endswith("2020-12/schema")
    assert "Dasar: PP 28/2018" in json.dumps(doc)


def _ksdpl(**facts: Any) -> kr.Agreement:
    doc: dict[str, Any] = {"id": "c", "jenis": "KSDPL", "dprd": {"diterima": "2026-03-02"}}
    doc.update(facts)
    return kr.load_agreement(doc)


def test_compare_switches_finds_the_switch_that_changes_the_outcome(
    bundled_rules: kr.RuleSet,
) -> None:
    # Decided 11 May 2026: on time when cuti bersama are holidays (due 13 May), late
    # when they are working days (due 7 May).
    a = _ksdpl(dprd={"diterima": "2026-03-02", "tanggal_keputusan": "2026-05-11"})
    c = compare_switches(bundled_rules, a, as_of=AS_OF)
    assert "cuti_bersama" in c.relevant
    (setting,) = [s for s in c.settings if dict(s.switches)["cuti_bersama"] == "kerja"][:1]
    change = next(ch for ch in setting.changes if ch.rule == "pp28-30-4")
    assert (change.default_status, change.status) == ("pass", "fail")
    assert not c.verdict_depends_on_switches  # a warning never changes the verdict


def test_compare_switches_cli_text_and_json(tmp_path: Path) -> None:
    p = tmp_path / "a.yaml"
    p.write_text(
        "id: c\njenis: KSDPL\ndprd: {diterima: 2026-03-02, tanggal_keputusan: 2026-05-11}\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    main(["check", str(p), "--as-of", "2026-11-29", "--compare-switches"], stdout=out,
         stderr=io.StringIO())  # fmt: skip
    assert "Perbandingan tafsiran untuk c" in out.getvalue()
    assert "cuti_bersama=kerja" in out.getvalue()
    out = io.StringIO()
    main(["check", str(p), "--as-of", "2026-11-29", "--compare-switches", "--format", "json"],
         stdout=out, stderr=io.StringIO())  # fmt: skip
    doc = json.loads(out.getvalue())
    (cmp,) = doc["switch_comparisons"]
    assert "cuti_bersama" in cmp["switches_that_matter"]
    assert doc["format"] == "kerjasama-report/1"


@pytest.mark.parametrize("jenis", ["KSDD", "KSDPK", "KSDPL", "KSDLL"])
def test_template_lists_the_facts_the_rules_read(jenis: str, tmp_path: Path) -> None:
    out = io.StringIO()
    assert main(["template", jenis], stdout=out, stderr=io.StringIO()) == 0
    text = out.getvalue()
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    (a,) = kr.load_agreements(path)  # the skeleton is a valid agreement: every fact null
    assert a.jenis.value == jenis
    rep = kr.load_rules().evaluate(a, as_of=AS_OF)
    assert not [o for o in rep.outcomes if o.status == "error"]
    # every fact an applicable rule found missing is in the skeleton
    missing = {m for o in rep.outcomes for f in o.findings for m in f.missing if m != "as_of"}
    for m in missing:
        leaf = m.rsplit(".", 1)[-1].split("[")[0]
        assert f"{leaf}:" in text, m
    if jenis in ("KSDPL", "KSDLL"):
        assert "negara: null" in text and "Pasal 27 ayat (1) huruf a" in text
    else:
        assert "membebani_masyarakat_dan_daerah: null" in text
