"""Loader: documents -> Agreement, and every diagnostic it reports (code, path, help)."""

from __future__ import annotations

import datetime
import enum
import json
import types
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest

from kerjasama_rules.errors import AgreementError, ConfigurationError, Diagnostic
from kerjasama_rules.model.agreement import (
    Agreement,
    Bentuk,
    Daerah,
    Dokumen,
    Dprd,
    Jenis,
    JenisMitra,
    KeputusanDprd,
    Mitra,
    ObjekLuarNegeri,
    Rencana,
    Tingkat,
    Urusan,
)
from kerjasama_rules.model.duration import Duration, parse_duration
from kerjasama_rules.model.loader import (
    load_agreement,
    load_agreements,
    parse_agreement_text,
    unstructure_agreement,
)

ARNHEM_YAML = """\
id: bekasi-arnhem-2018
judul: Kerja sama kabupaten kembar Bekasi - Arnhem
jenis: KSDPL
daerah:
  nama: Kabupaten Bekasi
  tingkat: kabupaten
  provinsi: Jawa Barat
mitra:
  - nama: Gemeente Arnhem
    jenis: pemerintah_daerah_luar_negeri
    negara: nl
    provinsi: Gelderland
    mencampuri_urusan_dalam_negeri: false
urusan: [perindustrian, kebudayaan]
bentuk: kabupaten_kota_kembar
objek_luar_negeri: pertukaran_budaya
kantor_perwakilan_luar_negeri: tidak
sesuai_rencana_pembangunan: ya
dprd:
  surat_permohonan: 2 Maret 2026
  diterima: 2026-03-04
  lampiran_rencana: true
  keputusan: disetujui
  tanggal_keputusan: 15 Apr 2026
perjanjian:
  tanggal_ttd: 2026-06-01
jangka_waktu: 5 tahun
keterangan: illustrative example
"""

MINIMAL = {"id": "a", "jenis": "KSDD"}


def problems(excinfo: pytest.ExceptionInfo[AgreementError]) -> list[Diagnostic]:
    return list(excinfo.value.diagnostics)


def only(excinfo: pytest.ExceptionInfo[AgreementError]) -> Diagnostic:
    (diag,) = excinfo.value.diagnostics
    return diag


def load_error(doc: Any) -> pytest.ExceptionInfo[AgreementError]:
    with pytest.raises(AgreementError) as excinfo:
        load_agreement(doc)
    return excinfo


def text_error(text: str, fmt: str = "yaml") -> pytest.ExceptionInfo[AgreementError]:
    with pytest.raises(AgreementError) as excinfo:
        parse_agreement_text(text, name=f"doc.{fmt}", fmt=fmt)  # type: ignore[arg-type]
    return excinfo


# --- the model contract ---------------------------------------------------------------

ALLOWED_LEAVES = (bool, str, int, datetime.date, Duration)


@pytest.mark.parametrize("cls", [Agreement, Daerah, Mitra, Rencana, Dprd, Dokumen])
def test_every_annotation_uses_an_allowed_form(cls: type) -> None:
    for name, hint in typing.get_type_hints(cls).items():
        field = attrs.fields_dict(cls)[name]
        assert field.metadata.get("doc"), name
        args = typing.get_args(hint)
        if isinstance(hint, types.UnionType):
            assert len(args) == 2 and args[1] is type(None), name
            hint = args[0]
        elif name not in ("id", "jenis"):
            pytest.fail(f"{cls.__name__}.{name} must be optional")
        if typing.get_origin(hint) is tuple:
            assert typing.get_args(hint)[1] is Ellipsis
            hint = typing.get_args(hint)[0]
        assert hint in ALLOWED_LEAVES or issubclass(hint, enum.Enum) or attrs.has(hint), (
            f"{cls.__name__}.{name}: {hint}"
        )


def test_urusan_has_32_concurrent_and_6_absolute_affairs() -> None:
    assert len(Urusan) == 38
    assert Urusan("agama") is Urusan.AGAMA
    assert Urusan("transmigrasi") is Urusan.TRANSMIGRASI


# --- valid documents ------------------------------------------------------------------


def test_load_yaml_file(tmp_path: Path) -> None:
    path = tmp_path / "arnhem.yaml"
    path.write_text(ARNHEM_YAML, encoding="utf-8")
    a = load_agreement(path)
    assert a.id == "bekasi-arnhem-2018"
    assert a.jenis is Jenis.KSDPL
    assert a.daerah == Daerah(
        nama="Kabupaten Bekasi", tingkat=Tingkat.KABUPATEN, provinsi="Jawa Barat"
    )
    assert a.mitra is not None
    assert a.mitra[0].negara == "NL"
    assert a.mitra[0].jenis is JenisMitra.PEMERINTAH_DAERAH_LUAR_NEGERI
    assert a.mitra[0].mencampuri_urusan_dalam_negeri is False
    assert a.urusan == (Urusan.PERINDUSTRIAN, Urusan.KEBUDAYAAN)
    assert a.bentuk is Bentuk.KABUPATEN_KOTA_KEMBAR
    assert a.objek_luar_negeri is ObjekLuarNegeri.PERTUKARAN_BUDAYA
    assert a.kantor_perwakilan_luar_negeri is False
    assert a.sesuai_rencana_pembangunan is True
    assert a.dprd == Dprd(
        surat_permohonan=datetime.date(2026, 3, 2),
        diterima=datetime.date(2026, 3, 4),
        lampiran_rencana=True,
        keputusan=KeputusanDprd.DISETUJUI,
        tanggal_keputusan=datetime.date(2026, 4, 15),
    )
    assert a.perjanjian == Dokumen(tanggal_ttd=datetime.date(2026, 6, 1))
    assert a.jangka_waktu == Duration(years=5)
    assert a.teranggarkan_apbd is None  # not written: not known
    assert a.rencana is None


def test_yaml_json_and_dict_give_the_same_agreement(tmp_path: Path) -> None:
    from_yaml = parse_agreement_text(ARNHEM_YAML, name="a.yaml", fmt="yaml")[0]
    json_path = tmp_path / "arnhem.json"
    json_path.write_text(json.dumps(unstructure_agreement(from_yaml)), encoding="utf-8")
    assert load_agreement(json_path) == from_yaml
    assert load_agreement(unstructure_agreement(from_yaml)) == from_yaml


def test_minimal_agreement_leaves_everything_unknown() -> None:
    a = load_agreement(MINIMAL)
    assert a == Agreement(id="a", jenis=Jenis.KSDD)


def test_empty_list_is_not_none() -> None:
    a = load_agreement({**MINIMAL, "mitra": [], "urusan": None})
    assert a.mitra == ()
    assert a.urusan is None
    assert unstructure_agreement(a) == {"id": "a", "jenis": "KSDD", "mitra": []}


def test_absolute_affairs_load() -> None:
    a = load_agreement({**MINIMAL, "urusan": ["agama", "pertahanan", "moneter_fiskal_nasional"]})
    assert a.urusan == (Urusan.AGAMA, Urusan.PERTAHANAN, Urusan.MONETER_FISKAL_NASIONAL)


def test_unstructure_is_json_ready_in_field_order() -> None:
    a = Agreement(
        id="x",
        jenis=Jenis.KSDPL,
        judul="t",
        mitra=(Mitra(negara="DE"),),
        dprd=Dprd(diterima=datetime.date(2026, 3, 2)),
        jangka_waktu=Duration(years=1, months=6),
    )
    doc = unstructure_agreement(a)
    assert list(doc) == ["id", "judul", "jenis", "mitra", "dprd", "jangka_waktu"]
    assert doc["mitra"] == [{"negara": "DE"}]
    assert doc["dprd"] == {"diterima": "2026-03-02"}
    assert doc["jangka_waktu"] == "P1Y6M"
    assert json.loads(json.dumps(doc)) == doc


# --- dates, durations, booleans, countries --------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-02", datetime.date(2026, 3, 2)),
        ("2 Maret 2026", datetime.date(2026, 3, 2)),
        ("2 Mar 2026", datetime.date(2026, 3, 2)),
        ("17 agustus 1945", datetime.date(1945, 8, 17)),
        ("1 Agt 2020", datetime.date(2020, 8, 1)),
        ("1 Ags 2020", datetime.date(2020, 8, 1)),
        ("31 Des 2025", datetime.date(2025, 12, 31)),
        ("9 Okt 2024", datetime.date(2024, 10, 9)),
        ("5 Mei 2019", datetime.date(2019, 5, 5)),
    ],
)
def test_date_formats(text: str, expected: datetime.date) -> None:
    a = load_agreement({**MINIMAL, "perjanjian": {"tanggal_ttd": text}})
    assert a.perjanjian == Dokumen(tanggal_ttd=expected)


def test_yaml_dates_are_dates() -> None:
    (a,) = parse_agreement_text(
        "id: a\njenis: KSDD\nperjanjian: {tanggal_ttd: 2026-03-02}\n", name="a.yaml", fmt="yaml"
    )
    assert a.perjanjian == Dokumen(tanggal_ttd=datetime.date(2026, 3, 2))


def test_bad_date_text() -> None:
    diag = only(load_error({**MINIMAL, "dprd": {"tanggal_keputusan": "kemarin"}}))
    assert diag.code == "agreement.invalid-value"
    assert diag.path == "$.dprd.tanggal_keputusan"
    assert diag.message == "expected a date, got 'kemarin'"
    assert diag.help == "write dates as YYYY-MM-DD, e.g. 2026-03-02"


def test_date_of_wrong_type() -> None:
    diag = only(load_error({**MINIMAL, "dprd": {"diterima": 20260302}}))
    assert (diag.code, diag.path) == ("agreement.wrong-type", "$.dprd.diterima")
    assert diag.message == "expected a date, got 20260302"


@pytest.mark.parametrize("text", ["2026-02-30", "30 Februari 2026"])
def test_impossible_date(text: str) -> None:
    diag = only(load_error({**MINIMAL, "perjanjian": {"tanggal_ttd": text}}))
    assert (diag.code, diag.path) == ("agreement.invalid-value", "$.perjanjian.tanggal_ttd")
    assert "not a valid calendar date" in diag.message


def test_impossible_date_in_yaml() -> None:
    diag = only(text_error("id: a\njenis: KSDD\nperjanjian:\n  tanggal_ttd: 2026-02-30\n"))
    assert (diag.code, diag.path) == ("agreement.invalid-value", "$.perjanjian.tanggal_ttd")


def test_datetime_with_time_is_rejected() -> None:
    diag = only(text_error("id: a\njenis: KSDD\ndprd:\n  diterima: 2026-03-02 10:30:00\n"))
    assert (diag.code, diag.path) == ("agreement.invalid-value", "$.dprd.diterima")
    assert diag.help == "remove the time, e.g. 2026-03-02"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5 tahun", Duration(years=5)),
        ("36 bulan", Duration(months=36)),
        ("2 minggu", Duration(days=14)),
        ("45 hari", Duration(days=45)),
        ("5 Years", Duration(years=5)),
        ("1 year", Duration(years=1)),
        ("3 weeks", Duration(days=21)),
        ("10 days", Duration(days=10)),
        ("1 tahun 6 bulan", Duration(years=1, months=6)),
        ("P5Y", Duration(years=5)),
        ("p1y6m", Duration(years=1, months=6)),
        ("P2W", Duration(days=14)),
        ("P10D", Duration(days=10)),
        ("P0D", Duration()),
    ],
)
def test_duration_formats(text: str, expected: Duration) -> None:
    assert parse_duration(text) == expected
    assert load_agreement({**MINIMAL, "jangka_waktu": text}).jangka_waktu == expected


def test_duration_mapping() -> None:
    a = load_agreement({**MINIMAL, "jangka_waktu": {"tahun": 2, "bulan": 3}})
    assert a.jangka_waktu == Duration(years=2, months=3)


@pytest.mark.parametrize("text", ["5 abad", "", "P", "5", "tahun", "lima tahun", "999999 tahun"])
def test_bad_duration(text: str) -> None:
    with pytest.raises(ValueError, match="duration"):
        parse_duration(text)
    diag = only(load_error({**MINIMAL, "jangka_waktu": text}))
    assert (diag.code, diag.path) == ("agreement.invalid-value", "$.jangka_waktu")


def test_duration_of_wrong_type() -> None:
    diag = only(load_error({**MINIMAL, "jangka_waktu": 5}))
    assert (diag.code, diag.path) == ("agreement.wrong-type", "$.jangka_waktu")


def test_duration_text_and_order() -> None:
    assert [
        str(d) for d in (Duration(years=5), Duration(years=1, months=6), Duration(days=45))
    ] == [
        "P5Y",
        "P1Y6M",
        "P45D",
    ]
    assert str(Duration()) == "P0D"
    assert Duration(months=36) > Duration(years=2)
    assert Duration(days=400) > Duration(years=1)
    assert Duration(years=1) <= Duration(months=12) <= Duration(years=1)
    assert Duration(years=1) != Duration(months=12)
    assert datetime.date(2026, 1, 31) + Duration(months=1).to_relativedelta() == datetime.date(
        2026, 2, 28
    )


def test_norway_problem() -> None:
    text = "id: a\njenis: KSDPL\nmitra:\n  - negara: NO\n    berbatasan: TRUE\n  - negara: no\n"
    (a,) = parse_agreement_text(text, name="a.yaml", fmt="yaml")
    assert a.mitra == (Mitra(negara="NO", berbatasan=True), Mitra(negara="NO"))


@pytest.mark.parametrize(("word", "expected"), [("ya", True), ("Tidak", False), (True, True)])
def test_boolean_words(word: object, expected: bool) -> None:
    assert load_agreement({**MINIMAL, "teranggarkan_apbd": word}).teranggarkan_apbd is expected


def test_yes_is_not_a_boolean() -> None:
    diag = only(text_error("id: a\njenis: KSDD\nteranggarkan_apbd: yes\n"))
    assert (diag.code, diag.path) == ("agreement.invalid-value", "$.teranggarkan_apbd")
    assert diag.message == "expected true or false, got 'yes'"
    assert diag.help == "write true or false (or ya / tidak)"


def test_number_is_not_a_boolean() -> None:
    diag = only(load_error({**MINIMAL, "teranggarkan_apbd": 1}))
    assert (diag.code, diag.path) == ("agreement.wrong-type", "$.teranggarkan_apbd")


@pytest.mark.parametrize("value", ["NLD", "Netherlands", "N1", "ÑL", ""])
def test_bad_country_code(value: str) -> None:
    diag = only(load_error({**MINIMAL, "mitra": [{"negara": value}]}))
    assert (diag.code, diag.path) == ("agreement.invalid-value", "$.mitra[0].negara")
    assert diag.help == "use the ISO 3166-1 alpha-2 code, e.g. NL for the Netherlands"


def test_country_code_of_wrong_type() -> None:
    diag = only(load_error({**MINIMAL, "mitra": [{"negara": 31}]}))
    assert (diag.code, diag.path) == ("agreement.wrong-type", "$.mitra[0].negara")


# --- each error code ------------------------------------------------------------------


def test_unknown_field_with_suggestion() -> None:
    diag = only(load_error({**MINIMAL, "mitra_negra": "NL"}))
    assert diag.code == "agreement.unknown-field"
    assert diag.path == "$.mitra_negra"
    assert diag.message == "unknown field `mitra_negra`"
    assert diag.help == "did you mean `mitra`?"


def test_unknown_nested_field() -> None:
    diag = only(load_error({**MINIMAL, "mitra": [{"nama": "x"}, {"negra": "NL"}]}))
    assert (diag.code, diag.path) == ("agreement.unknown-field", "$.mitra[1].negra")
    assert diag.help == "did you mean `negara`?"


def test_unknown_field_lists_valid_fields_when_nothing_is_close() -> None:
    diag = only(load_error({**MINIMAL, "perjanjian": {"zzz": 1}}))
    assert (diag.code, diag.path) == ("agreement.unknown-field", "$.perjanjian.zzz")
    assert diag.help == (
        "valid fields: `ada`, `tanggal_ttd`, `penandatangan`, `klausul`, "
        "`cara_penyelesaian_perselisihan`, `forum_penyelesaian_perselisihan`, "
        "`kepemilikan_barang_diatur`"
    )


def test_non_string_key() -> None:
    diag = only(load_error({**MINIMAL, 7: "x"}))
    assert diag.code == "agreement.unknown-field"
    assert diag.message == "unknown field `7`"
    assert diag.path == '$["7"]'


def test_missing_fields() -> None:
    diags = problems(load_error({"judul": "x"}))
    assert [(d.code, d.path) for d in diags] == [
        ("agreement.missing-field", "$.id"),
        ("agreement.missing-field", "$.jenis"),
    ]
    assert diags[1].message == "missing required field `jenis`"
    assert diags[1].help == (
        "add `jenis:` with one of `KSDD`, `KSDPK`, `KSDPL`, `KSDLL`, `SINERGI`"
    )


@pytest.mark.parametrize(
    ("field", "value", "path", "message"),
    [
        ("judul", 2024, "$.judul", "expected text, got 2024"),
        ("judul", ["a"], "$.judul", "expected text, got a list"),
        ("id", None, "$.id", "expected text, got null"),
        ("mitra", {"nama": "x"}, "$.mitra", "expected a list, got a mapping"),
        ("urusan", "pendidikan", "$.urusan", "expected a list, got 'pendidikan'"),
        ("dprd", "disetujui", "$.dprd", "expected a mapping, got 'disetujui'"),
        ("jenis", 3, "$.jenis", "expected a `jenis` value, got 3"),
    ],
)
def test_wrong_type(field: str, value: object, path: str, message: str) -> None:
    diag = only(load_error({**MINIMAL, field: value}))
    assert (diag.code, diag.path, diag.message) == ("agreement.wrong-type", path, message)


def test_list_help_suggests_wrapping() -> None:
    diag = only(load_error({**MINIMAL, "urusan": "pendidikan"}))
    assert diag.help == "write a list, e.g. [pendidikan]"


def test_invalid_enum_value() -> None:
    diag = only(load_error({**MINIMAL, "jenis": "KSDX"}))
    assert (diag.code, diag.path) == ("agreement.invalid-value", "$.jenis")
    assert diag.message == "`KSDX` is not a valid value for `jenis`"
    assert diag.help is not None
    assert diag.help.startswith("did you mean `KSD")
    assert "valid values: `KSDD`, `KSDPK`, `KSDPL`, `KSDLL`" in diag.help


def test_invalid_enum_in_list_names_the_field() -> None:
    diag = only(load_error({**MINIMAL, "urusan": ["pendidikan", "pendidkan"]}))
    assert (diag.code, diag.path) == ("agreement.invalid-value", "$.urusan[1]")
    assert diag.message == "`pendidkan` is not a valid value for `urusan`"
    assert diag.help == "did you mean `pendidikan`?"


def test_empty_id() -> None:
    diag = only(load_error({"id": " ", "jenis": "KSDD"}))
    assert (diag.code, diag.path) == ("agreement.invalid-value", "$.id")


@pytest.mark.parametrize(
    ("doc", "path"), [(None, "$"), ("", "$"), (5, "$"), (True, "$"), (["id"], "$[0]")]
)
def test_top_level_not_a_mapping(doc: object, path: str) -> None:
    diag = only(text_error(json.dumps(doc), fmt="json"))
    assert (diag.code, diag.path) == ("agreement.wrong-type", path)


def test_empty_list_file_has_no_agreements(tmp_path: Path) -> None:
    path = tmp_path / "none.yaml"
    path.write_text("[]\n", encoding="utf-8")
    assert load_agreements(path) == ()


def test_top_level_null_in_dict_api() -> None:
    diag = only(load_error(None))
    assert (diag.code, diag.path) == ("agreement.wrong-type", "$")
    assert diag.message == "expected a mapping, got null"


def test_many_errors_reported_at_once() -> None:
    doc = {
        "id": "a",
        "jenis": "KSDX",
        "mitra_negra": 1,
        "mitra": [{"negara": "Netherlands"}, "x"],
        "dprd": {"diterima": "kemarin", "keputusan": "setuju"},
        "jangka_waktu": "lama",
    }
    diags = problems(load_error(doc))
    assert sorted((d.code, d.path) for d in diags) == [
        ("agreement.invalid-value", "$.dprd.diterima"),
        ("agreement.invalid-value", "$.dprd.keputusan"),
        ("agreement.invalid-value", "$.jangka_waktu"),
        ("agreement.invalid-value", "$.jenis"),
        ("agreement.invalid-value", "$.mitra[0].negara"),
        ("agreement.unknown-field", "$.mitra_negra"),
        ("agreement.wrong-type", "$.mitra[1]"),
    ]
    assert all(not d.message[0].isupper() and not d.message.endswith(".") for d in diags)


def test_huge_numbers_do_not_crash() -> None:
    # Refused by the named limit, with its path, before any type check converts it.
    diag = only(load_error({**MINIMAL, "judul": 10**5000}))
    assert "max_integer_digits" in diag.message
    assert diag.path == "$.judul"


# --- syntax and files -----------------------------------------------------------------


def test_yaml_syntax_error_has_a_span() -> None:
    diag = only(text_error("id: a\njenis: KSDD\nmitra: [\n"))
    assert diag.code == "agreement.syntax"
    assert diag.file == "doc.yaml"
    assert diag.span is not None
    assert diag.span.line == 4
    assert diag.message.startswith("invalid YAML: ")


def test_yaml_syntax_error_position_counts_characters() -> None:
    diag = only(text_error("judul: é€😀é€😀\nid: x\n  bad: - x\n"))
    assert diag.span is not None
    assert (diag.span.line, diag.span.column) == (3, 6)


def test_json_syntax_error_has_a_span() -> None:
    diag = only(text_error('{"id": "a",\n "jenis": }', fmt="json"))
    assert diag.code == "agreement.syntax"
    assert diag.span is not None
    assert (diag.span.line, diag.span.column) == (2, 11)
    assert diag.message == "invalid JSON: expecting value"


def test_yaml_multiple_documents_is_a_syntax_error() -> None:
    diag = only(text_error("id: a\n---\nid: b\n"))
    assert diag.code == "agreement.syntax"


def test_yaml_control_character() -> None:
    diag = only(text_error("id: a\x00\n"))
    assert diag.code == "agreement.syntax"
    assert diag.span is not None and diag.span.start == 5


def test_deep_nesting() -> None:
    assert only(text_error("[" * 50_000)).code == "agreement.syntax"
    assert only(text_error("[" * 50_000, fmt="json")).code == "agreement.syntax"


def test_duplicate_yaml_key() -> None:
    diags = problems(
        text_error("id: a\njenis: KSDD\ndprd:\n  diterima: 2026-01-01\n  diterima: x\n")
    )
    dup = next(d for d in diags if d.message == "duplicate key `diterima`")
    assert (dup.code, dup.path) == ("agreement.invalid-value", "$.dprd.diterima")
    assert dup.span is not None and dup.span.line == 5
    # the document is still checked: the last value wins and is reported too
    assert any(d.message == "expected a date, got 'x'" for d in diags)


def test_duplicate_json_key() -> None:
    diag = only(text_error('{"id": "a", "jenis": "KSDD", "id": "b"}', fmt="json"))
    assert (diag.code, diag.message) == ("agreement.invalid-value", "duplicate key `id`")


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.yaml"
    with pytest.raises(AgreementError) as excinfo:
        load_agreement(path)
    diag = only(excinfo)
    assert (diag.code, diag.file) == ("agreement.unreadable", str(path))


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("id: a\n", encoding="utf-8")
    with pytest.raises(AgreementError) as excinfo:
        load_agreement(path)
    diag = only(excinfo)
    assert diag.code == "agreement.unreadable"
    assert diag.message == "unsupported file extension `.txt`"
    assert diag.help == "use .yaml, .yml or .json"


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_bytes(b"id: caf\xe9\njenis: KSDD\n")
    with pytest.raises(AgreementError) as excinfo:
        load_agreement(path)
    assert only(excinfo).code == "agreement.unreadable"


def test_directory_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "dir.yaml"
    path.mkdir()
    with pytest.raises(AgreementError) as excinfo:
        load_agreement(path)
    assert only(excinfo).code == "agreement.unreadable"


def test_file_name_and_name_override(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("id: a\njenis: KSDX\n", encoding="utf-8")
    with pytest.raises(AgreementError) as excinfo:
        load_agreement(path)
    assert only(excinfo).file == str(path)
    with pytest.raises(AgreementError) as excinfo:
        load_agreement(path, name="agreements/a.yaml")
    assert only(excinfo).file == "agreements/a.yaml"


def test_list_file(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text("- id: a\n  jenis: KSDD\n- id: b\n  jenis: KSDPK\n", encoding="utf-8")
    assert [a.id for a in load_agreements(path)] == ["a", "b"]
    with pytest.raises(AgreementError) as excinfo:
        load_agreement(path)
    diag = only(excinfo)
    assert (diag.code, diag.path) == ("agreement.wrong-type", "$")
    assert diag.help == "this file holds several agreements; load it with `load_agreements`"


def test_list_file_errors_carry_the_index(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    path.write_text(
        json.dumps([MINIMAL, MINIMAL, {"id": "c", "jenis": "KSDX"}, 5]), encoding="utf-8"
    )
    with pytest.raises(AgreementError) as excinfo:
        load_agreements(path)
    assert [(d.code, d.path) for d in problems(excinfo)] == [
        ("agreement.invalid-value", "$[2].jenis"),
        ("agreement.wrong-type", "$[3]"),
    ]


def test_mapping_file_gives_one_agreement(tmp_path: Path) -> None:
    path = tmp_path / "one.yaml"
    path.write_text(ARNHEM_YAML, encoding="utf-8")
    (a,) = load_agreements(path)
    assert a.id == "bekasi-arnhem-2018"


def test_unknown_format_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError):
        parse_agreement_text("{}", name="a.toml", fmt="toml")  # type: ignore[arg-type]
