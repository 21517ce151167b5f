"""Checker: names, fields, types, citations and cycles, each with code, span and help."""

from __future__ import annotations

import pytest

import kerjasama_rules as kr
from kerjasama_rules import RuleCheckError
from kerjasama_rules.errors import Diagnostic


def _rule(body: str, *, extra: str = "") -> str:
    return f"""{extra}
aturan "r" {{
  dasar PP 28/2018 Pasal 27 ayat (1)
  wajib {body}
    pesan "p"
}}
"""


def _errors(text: str) -> tuple[Diagnostic, ...]:
    with pytest.raises(RuleCheckError) as info:
        kr.compile(text, source="r.kr")
    return info.value.diagnostics


def _one(text: str) -> Diagnostic:
    diags = _errors(text)
    assert len(diags) == 1, [str(d) for d in diags]
    return diags[0]


def test_unknown_root_field_suggests_the_closest() -> None:
    d = _one(_rule("mitra_negra == benar"))
    assert d.code == "check.unknown-name"
    assert d.span is not None and d.span.snippet == "mitra_negra"
    assert d.help == "did you mean `mitra`?"


def test_unknown_nested_field_underlines_the_field_name() -> None:
    d = _one(_rule("dprd.tanggal_keputusn <= perjanjian.tanggal_ttd"))
    assert d.code == "check.unknown-field"
    assert d.span is not None and d.span.snippet == "tanggal_keputusn"
    assert d.help == "did you mean `tanggal_keputusan`?"


def test_field_of_a_list_suggests_a_quantifier() -> None:
    d = _one(_rule('mitra.negara == "NL"'))
    assert d.code == "check.field-of-list"
    assert d.help is not None and "setiap" in d.help


def test_unknown_enum_value() -> None:
    d = _one(_rule("jenis == KSDX"))
    assert d.code == "check.unknown-value"
    assert d.help == "did you mean `KSDD`?"


def test_type_mismatch_with_help() -> None:
    d = _one(_rule('perjanjian.tanggal_ttd < "2018-07-13"'))
    assert d.code == "check.type-mismatch"
    assert d.help is not None and "without quotes" in d.help


def test_condition_must_be_boolean() -> None:
    d = _one(_rule("dprd.tanggal_keputusan"))
    assert d.code == "check.type-mismatch"
    assert "expected a boolean" in d.message


def test_enum_set_is_typed_by_the_left_side() -> None:
    # `provinsi` is a value of two enums; the left side decides which.
    kr.compile(_rule("setiap m dalam mitra: m.jenis dalam {provinsi, kabupaten, kota}"))


def test_unknown_function() -> None:
    d = _one(_rule("kosongg(judul)"))
    assert d.code == "check.unknown-function"
    assert d.help == "did you mean `kosong`?"


def test_bad_call() -> None:
    d = _one(_rule("kosong(perjanjian.tanggal_ttd)"))
    assert d.code == "check.bad-call"


def test_cyclic_definitions() -> None:
    diags = _errors(_rule("a", extra="definisi a = b\ndefinisi b = a"))
    assert "check.cyclic-definition" in {d.code for d in diags}


def test_all_problems_are_reported_together() -> None:
    diags = _errors(_rule("mitra_negra == benar dan jenis == KSDX"))
    assert {d.code for d in diags} == {"check.unknown-name", "check.unknown-value"}


def test_missing_citation_and_message() -> None:
    diags = _errors('aturan "r" {\n  wajib benar\n}')
    assert {d.code for d in diags} == {"check.missing-citation", "check.missing-message"}


def test_relative_citation_without_a_base() -> None:
    text = 'aturan "r" {\n  wajib benar\n    dasar huruf a\n    pesan "p"\n}'
    assert "check.incomplete-citation" in {d.code for d in _errors(text)}


def test_relative_citations_are_completed() -> None:
    rules = kr.compile(
        'aturan "r" {\n dasar PP 28/2018 Pasal 30 ayat (3)\n'
        ' wajib benar\n  dasar huruf f\n  pesan "p"\n'
        ' wajib benar\n  dasar Pasal 38, Pasal 30 ayat (2), huruf b\n  pesan "p"\n}'
    )
    r = rules.rule("r")
    assert [c.text for c in r.requirements[0].citations] == ["Pasal 30 ayat (3) huruf f PP 28/2018"]
    assert [c.text for c in r.requirements[1].citations] == [
        "Pasal 38 PP 28/2018",
        "Pasal 30 ayat (2) PP 28/2018",
        "Pasal 30 ayat (2) huruf b PP 28/2018",
    ]


def test_duplicate_rule_ids_across_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = 'aturan "same" {\n dasar PP 28/2018 Pasal 1\n wajib benar\n  pesan "p"\n}\n'
    (tmp_path / "a.kr").write_text(body)
    (tmp_path / "b.kr").write_text(body)
    with pytest.raises(RuleCheckError) as info:
        kr.load_rules(tmp_path)
    assert info.value.diagnostics[0].code == "check.duplicate-rule-id"


def test_unknown_severity() -> None:
    text = 'aturan "r" {\n dasar PP 28/2018 Pasal 1\n wajib benar\n  pesan "p"\n  tingkat fatal\n}'
    assert _one(text).code == "check.unknown-severity"


def test_table_values_are_checked() -> None:
    text = _rule(
        "benar",
        extra='tabel t {\n kolom u: Urusan\n baris "pendidikn"\n}',
    )
    d = _one(text)
    assert d.code == "check.table-value"
    assert d.help == "did you mean `pendidikan`?"


def test_every_bundled_rule_file_compiles(bundled_rules) -> None:  # type: ignore[no-untyped-def]
    ids = [r.id for r in bundled_rules.rules]
    assert len(ids) == len(set(ids)) >= 10
    for r in bundled_rules.rules:
        assert r.citations, r.id
        for q in r.requirements:
            for c in q.citations or r.citations:
                assert c.instrument and c.pasal, (r.id, c)
