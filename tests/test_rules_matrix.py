"""The rule matrix of the legal reference (§9, R01–R28), one row at a time.

For every encoded row: an agreement written from the reference that must fail with the
exact citation (instrument, pasal, ayat, huruf), and one that passes. Then the
interpretation switches: they are listed, their defaults are the documented ones, they
change outcomes, and no low-confidence point produces an error-severity finding with the
default switches.
"""

from __future__ import annotations

import copy
import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import kerjasama_rules as kr
from kerjasama_rules.language.printer import expr_to_source
from kerjasama_rules.model.loader import load_agreement, unstructure_agreement
from kerjasama_rules.testing.strategies import agreements

AS_OF = datetime.date(2026, 11, 29)
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
RULES = kr.load_rules()
PP = "PP 28/2018"
UU = "UU 23/2014"

Cite = tuple[str, int, int | None, str | None]


def _doc(name: str) -> dict[str, Any]:
    return dict(unstructure_agreement(load_agreement(EXAMPLES / name)))


# Compliant bases, one per kind (the bundled examples, which pass every rule).
BASE = {
    "KSDD": _doc("ksdd-sampah-kota-bekasi-patuh.yaml"),
    "KSDPK": _doc("ksdpk-badan-usaha-patuh.yaml"),
    "KSDPL": _doc("ksdpl-arnhem-patuh.yaml"),
    "KSDLL": _doc("ksdll-universitas-patuh.yaml"),
}


def _with(kind: str, **changes: Any) -> dict[str, Any]:
    """A copy of the compliant base; ``a__b=v`` sets the nested field ``a.b``."""
    doc = copy.deepcopy(BASE[kind])
    for key, value in changes.items():
        *parents, last = key.split("__")
        target = doc
        for p in parents:
            target = target.setdefault(p, {})
        target[last] = value
    return doc


def _report(doc: dict[str, Any], switches: dict[str, str] | None = None) -> kr.Report:
    return RULES.evaluate(load_agreement(doc), as_of=AS_OF, switches=switches)


def _cite(f: Any) -> Cite:
    c = f.citation
    return (c.instrument, c.pasal, c.ayat, c.huruf)


# (row, rule id, failing agreement, exact citation, severity)
FAILING: list[tuple[str, str, dict[str, Any], Cite, str]] = [
    # R01: the kind follows the partner.
    (
        "R01",
        "pp28-1-ksdd",
        _with("KSDD", mitra=[{"nama": "PT X", "jenis": "badan_usaha"}]),
        (UU, 363, 2, "a"),
        "error",
    ),
    (
        "R01",
        "pp28-1-ksdpl",
        _with(
            "KSDPL",
            mitra=[
                {
                    "nama": "Stiftung X",
                    "jenis": "lembaga_nirlaba_luar_negeri",
                    "negara": "NL",
                    "mencampuri_urusan_dalam_negeri": False,
                }
            ],
        ),
        (UU, 363, 2, "c"),
        "error",
    ),
    # A ministry is flagged once, by pp28-46 (sinergi), not also as a third party.
    (
        "R01",
        "pp28-14",
        _with("KSDPK", mitra=[{"nama": "Kota X", "jenis": "kota"}]),
        (PP, 14, None, None),
        "error",
    ),
    (
        "R01",
        "pp28-14",
        _with(
            "KSDPK",
            mitra=[{"nama": "CV X", "jenis": "badan_usaha", "berbadan_hukum": False}],
        ),
        (PP, 14, None, "b"),
        "error",
    ),
    (
        "R01",
        "pp28-46",
        _with("KSDPK", mitra=[{"nama": "Kementerian X", "jenis": "kementerian_lembaga"}]),
        (PP, 46, 1, None),
        "error",
    ),
    # R02: compulsory KSDD.
    (
        "R02",
        "uu23-364-1",
        _with("KSDD", eksternalitas_lintas_daerah=False),
        (UU, 364, 1, None),
        "error",
    ),
    (
        "R02",
        "uu23-364-1",
        _with("KSDD", mitra=[{"nama": "Kota X", "jenis": "kota", "berbatasan": False}]),
        (UU, 364, 1, None),
        "error",
    ),
    # R03: object of KSDD / KSDPK.
    (
        "R03",
        "pp28-4",
        _with(
            "KSDD",
            objek_dalam_perencanaan_pembangunan=False,
            alasan_di_luar_perencanaan="tidak_ada",
        ),
        (PP, 4, 3, None),
        "error",
    ),
    ("R03", "pp28-4", _with("KSDD", urusan_kewenangan_daerah=False), (PP, 4, 1, None), "error"),
    (
        "R03",
        "pp28-16",
        _with("KSDPK", bertentangan_kesusilaan_ketertiban_kepentingan_nasional=True),
        (PP, 16, 4, None),
        "error",
    ),
    # R04: mapping and coordination.
    (
        "R04",
        "pp28-5",
        _with("KSDD", koordinasi_teknis__tingkat="nasional"),
        (PP, 5, 2, None),
        "error",
    ),
    ("R04", "pp28-5", _with("KSDD", pemetaan_urusan__dilakukan=False), (PP, 5, 1, None), "error"),
    # R07: signatories and the power of attorney.
    (
        "R07",
        "pp28-2",
        _with("KSDD", kesepakatan_bersama__penandatangan={"jabatan": "sekretaris_daerah"}),
        (PP, 2, 1, None),
        "error",
    ),
    (
        "R07",
        "pp28-2",
        _with(
            "KSDD",
            perjanjian__penandatangan={"jabatan": "kepala_perangkat_daerah", "atas_kuasa": False},
        ),
        (PP, 2, 2, None),
        "error",
    ),
    ("R07", "pp28-2", _with("KSDD", surat_kuasa__tanggal="2025-10-20"), (PP, 2, 2, None), "error"),
    (
        "R07",
        "pp28-13",
        _with("KSDPK", perjanjian__penandatangan={"jabatan": "lainnya"}),
        (PP, 13, 2, None),
        "error",
    ),
    # R08: feasibility study and the initiative.
    (
        "R08",
        "uu23-366-3",
        _with("KSDPK", studi_kelayakan__tanggal="2026-06-01"),
        (UU, 366, 3, None),
        "error",
    ),
    ("R08", "pp28-18", _with("KSDPK", layak_ekonomi_finansial=False), (PP, 18, 1, "b"), "error"),
    (
        "R08",
        "pp28-18",
        _with("KSDPK", studi_kelayakan__disusun_oleh="pemerintah_daerah"),
        (PP, 18, 2, None),
        "error",
    ),
    (
        "R08",
        "pp28-17",
        _with(
            "KSDPK",
            prakarsa_dari="pemerintah_daerah",
            pemetaan_urusan={"dilakukan": True},
            studi_kelayakan__ada=False,
        ),
        (PP, 17, None, "b"),
        "error",
    ),
    # R09: minimum clauses.
    (
        "R09",
        "pp28-19-2",
        _with(
            "KSDPK",
            perjanjian__klausul=[
                "hak_dan_kewajiban",
                "jangka_waktu_kerja_sama",
                "penyelesaian_perselisihan",
            ],
        ),
        (PP, 19, 2, "d"),
        "error",
    ),
    # R10: results.
    (
        "R10",
        "pp28-20",
        _with("KSDPK", hasil={"berupa_uang": True, "disetor_kas_daerah": False}),
        (PP, 20, 2, None),
        "error",
    ),
    (
        "R10",
        "pp28-20",
        _with("KSDPK", hasil={"berupa_barang": True, "dicatat_aset": False}),
        (PP, 20, 3, None),
        "error",
    ),
    # R11: ending grounds.
    (
        "R11",
        "pp28-9",
        _with("KSDD", status="berakhir", alasan_berakhir="pergantian_kepala_daerah"),
        (PP, 9, 2, None),
        "error",
    ),
    (
        "R11",
        "pp28-9",
        _with("KSDD", status="berakhir", alasan_berakhir="pihak_ketiga_pailit"),
        (PP, 9, 1, None),
        "error",
    ),
    (
        "R11",
        "pp28-22",
        _with("KSDPK", status="berakhir", alasan_berakhir="lainnya"),
        (PP, 22, 1, None),
        "error",
    ),
    # R12: secretariat of a compulsory KSDD.
    (
        "R12",
        "pp28-7-2",
        _with(
            "KSDD",
            jangka_waktu="3 tahun",
            sekretariat_kerja_sama={
                "dibentuk": True,
                "terus_menerus": True,
                "jumlah_daerah": 3,
                "jumlah_objek": 1,
            },
        ),
        (PP, 7, 2, "c"),
        "error",
    ),
    (
        "R12",
        "pp28-7-2",
        _with(
            "KSDD",
            sekretariat_kerja_sama={
                "dibentuk": True,
                "terus_menerus": True,
                "jumlah_daerah": 2,
                "jumlah_objek": 2,
            },
        ),
        (PP, 7, 2, "b"),
        "error",
    ),
    # R16: exploration, consultation, letter of intent, plan.
    (
        "R16",
        "pp28-28",
        _with("KSDPL", konsultasi_mendagri_kemlu__tanggal="2025-09-01"),
        (PP, 28, 4, None),
        "error",
    ),
    ("R16", "pp28-28", _with("KSDPL", loi__tanggal_ttd="2025-10-01"), (PP, 28, 5, None), "error"),
    # R20: the Minister's consideration and approval; inter-ministerial meeting.
    (
        "R20",
        "pp28-31",
        _with("KSDPL", pertimbangan_menteri__hasil="perbaiki_rencana"),
        (PP, 31, 3, "b"),
        "error",
    ),
    (
        "R20",
        "pp28-31",
        _with("KSDPL", pertimbangan_menteri__tanggal_permohonan="2025-11-01"),
        (PP, 31, 1, None),
        "error",
    ),
    (
        "R20",
        "pp28-32",
        _with(
            "KSDPL",
            rapat_antar_kl__peserta=["kl_terkait_objek", "pemda_provinsi", "pemda_kabupaten_kota"],
        ),
        (PP, 32, 3, "a"),
        "error",
    ),
    (
        "R20",
        "pp28-32",
        _with("KSDPL", rapat_antar_kl__peserta=["kemlu", "kl_terkait_objek", "pemda_provinsi"]),
        (PP, 32, 3, "d"),
        "error",
    ),
    (
        "R20",
        "pp28-39-32",
        _with("KSDLL", persetujuan_menteri_rancangan__tanggal="2026-08-01"),
        (PP, 32, 1, None),
        "error",
    ),
    (
        "R20",
        "pp28-38-31",
        _with("KSDLL", pertimbangan_menteri__hasil="perbaiki_rencana"),
        (PP, 31, 3, "b"),
        "error",
    ),
    # R21: confirmation letter; signed by the regional head.
    (
        "R21",
        "pp28-33",
        _with("KSDPL", surat_konfirmasi_kemlu__tanggal="2026-07-01"),
        (PP, 33, 4, None),
        "error",
    ),
    (
        "R21",
        "pp28-40-33",
        _with("KSDLL", perjanjian__penandatangan={"jabatan": "sekretaris_daerah"}),
        (PP, 33, 4, None),
        "error",
    ),
    # R22: central government approval.
    (
        "R22",
        "uu23-367-2",
        _with("KSDPL", persetujuan_pemerintah_pusat__diberikan=False),
        (UU, 367, 2, None),
        "error",
    ),
    ("R22", "pp28-25", _with("KSDLL", dasar_ksdll=None), (PP, 25, None, None), "unknown"),
    # R23: KSDLL partners.
    (
        "R23",
        "pp28-36",
        _with(
            "KSDLL",
            mitra=[
                {
                    "nama": "Partei X",
                    "jenis": "lembaga_nirlaba_luar_negeri",
                    "negara": "DE",
                    "mencampuri_urusan_dalam_negeri": False,
                    "partai_politik": True,
                }
            ],
        ),
        (PP, 36, 2, None),
        "error",
    ),
    (
        "R23",
        "pp28-36",
        _with("KSDLL", dasar_ksdll="penerusan_kerja_sama_pusat"),
        (PP, 36, 1, None),
        "error",
    ),
    # R24: disputes by negotiation and consultation (warning).
    (
        "R24",
        "pp28-34",
        _with("KSDPL", perjanjian__cara_penyelesaian_perselisihan="arbitrase"),
        (PP, 34, None, None),
        "warning",
    ),
    (
        "R24",
        "pp28-41",
        _with("KSDLL", perjanjian__cara_penyelesaian_perselisihan="pengadilan"),
        (PP, 41, None, None),
        "warning",
    ),
    # R25: reporting to the Minister (warning, frequency unknown).
    ("R25", "pp28-43", _with("KSDPL", laporan=[]), (PP, 43, 1, None), "warning"),
    # R27: an extension signed after PP 28/2018 took effect (warning).
    (
        "R27",
        "pp28-48-perpanjangan",
        _with(
            "KSDPK",
            perjanjian__tanggal_ttd="2016-05-10",
            kesepakatan_bersama__tanggal_ttd="2016-02-01",
            perpanjangan={"tanggal_ttd": "2021-05-03", "mengikuti_prosedur_pp28": False},
        ),
        (PP, 48, None, None),
        "warning",
    ),
    # Pasal 24: twin forms follow the level of the region.
    ("P24", "pp28-24", _with("KSDPL", bentuk="provinsi_kembar"), (PP, 24, None, "a"), "error"),
    # Pasal 23(2): the foreign object must be known.
    ("P23", "pp28-23-2", _with("KSDPL", objek_luar_negeri=None), (PP, 23, 2, None), "unknown"),
    # Pasal 26: grants and goods (info / warning).
    ("P26", "pp28-26-1", _with("KSDPL", hibah_terkait=True), (PP, 26, 1, None), "info"),
    (
        "P26",
        "pp28-26-2",
        _with("KSDPL", hasil={"berupa_barang": True}),
        (PP, 26, 2, None),
        "unknown",
    ),
    (
        "P26",
        "pp28-26-2",
        _with("KSDPL", hasil={"berupa_barang": True}, perjanjian__kepemilikan_barang_diatur=False),
        (PP, 26, 2, None),
        "warning",
    ),
    # Pasal 15(3): asset management and investment follow other laws too (info).
    ("P15", "pp28-15-3", _with("KSDPK", jenis_ksdpk="investasi"), (PP, 15, 3, None), "info"),
    # UU 23/2014 Pasal 14: forestry, marine, energy for a regency or city (warning).
    ("UU14", "uu23-14", _with("KSDD", urusan=["kehutanan"]), (UU, 14, 1, None), "warning"),
]


def _finding(report: kr.Report, rule: str, cite: Cite) -> Any:
    outcome = report.outcome(rule)
    found = [f for f in outcome.findings if _cite(f) == cite]
    assert found, (rule, outcome.status, [(_cite(f), f.status) for f in outcome.findings])
    return found[0]


@pytest.mark.parametrize(
    ("row", "rule", "doc", "cite", "severity"),
    FAILING,
    ids=[f"{r}-{rule}-{i}" for i, (r, rule, *_rest) in enumerate(FAILING)],
)
def test_row_fails_with_exact_citation(
    row: str, rule: str, doc: dict[str, Any], cite: Cite, severity: str
) -> None:
    f = _finding(_report(doc), rule, cite)
    if severity == "unknown":
        # A missing fact makes the requirement unknown, never false.
        assert f.status == "unknown"
        assert f.missing
    else:
        assert f.status == "fail"
        assert f.severity == severity
    assert f.message("id") and f.message("en")


RULE_IDS = sorted({rule for _, rule, *_rest in FAILING})


@pytest.mark.parametrize("rule", RULE_IDS)
def test_row_passes_on_compliant_agreement(rule: str) -> None:
    """Each rule passes (or is not applicable) on the compliant bases and the variants
    that add the facts the rule needs."""
    variants = [
        *BASE.values(),
        _with(
            "KSDPK",
            prakarsa_dari="pemerintah_daerah",
            pemetaan_urusan={"dilakukan": True},
            studi_kelayakan__disusun_oleh="pemerintah_daerah",
        ),
        _with(
            "KSDPK",
            hasil={
                "berupa_uang": True,
                "disetor_kas_daerah": True,
                "berupa_barang": True,
                "dicatat_aset": True,
            },
        ),
        _with("KSDD", status="berakhir", alasan_berakhir="tujuan_tercapai"),
        _with("KSDPK", status="berakhir", alasan_berakhir="pihak_ketiga_pailit"),
        _with(
            "KSDD",
            sekretariat_kerja_sama={
                "dibentuk": True,
                "terus_menerus": True,
                "jumlah_daerah": 3,
                "jumlah_objek": 1,
            },
        ),
        _with(
            "KSDD",
            objek_dalam_perencanaan_pembangunan=False,
            alasan_di_luar_perencanaan="kondisi_darurat",
        ),
        _with(
            "KSDLL",
            dasar_ksdll="penerusan_kerja_sama_pusat",
            mitra=[
                {
                    "nama": "UNDP",
                    "jenis": "organisasi_internasional",
                    "negara": "US",
                    "mencampuri_urusan_dalam_negeri": False,
                    "partai_politik": False,
                }
            ],
        ),
        _with(
            "KSDPL",
            hibah_terkait=False,
            hasil={"berupa_barang": True},
            perjanjian__kepemilikan_barang_diatur=True,
        ),
        _with("KSDPK", jenis_ksdpk="pelayanan_publik"),
    ]
    applied = 0
    for doc in variants:
        outcome = _report(doc).outcome(rule)
        assert outcome.status in {"pass", "not_applicable"}, (rule, outcome.findings)
        applied += outcome.status == "pass"
    if rule != "pp28-48-perpanjangan":
        assert applied, f"{rule} never applied to a compliant agreement"


def test_extension_passes_when_it_followed_the_new_procedure() -> None:
    doc = _with(
        "KSDPK",
        perjanjian__tanggal_ttd="2016-05-10",
        kesepakatan_bersama__tanggal_ttd="2016-02-01",
        studi_kelayakan__tanggal="2016-01-11",
        perpanjangan={"tanggal_ttd": "2021-05-03", "mengikuti_prosedur_pp28": True},
    )
    report = _report(doc)
    assert report.outcome("pp28-48-perpanjangan").status == "pass"
    # Signed before PP 28/2018: its procedure is not applied (Pasal 48) ...
    assert report.outcome("pp28-19-2").status == "not_applicable"
    # ... but UU 23/2014 (in force since 2014-10-02) is.
    assert report.outcome("uu23-366-3").status == "pass"


def test_pasal_49_note_for_old_agreements_with_the_centre() -> None:
    doc = _with(
        "KSDPK",
        perjanjian__tanggal_ttd="2016-05-10",
        kesepakatan_bersama__tanggal_ttd="2016-02-01",
        studi_kelayakan__tanggal="2016-01-11",
        mitra=[{"nama": "Kementerian X", "jenis": "kementerian_lembaga"}],
    )
    report = _report(doc)
    assert report.outcome("pp28-49").status == "pass"
    assert report.outcome("pp28-49").notes
    # The sinergi rule of Pasal 46 is not applied retroactively.
    assert report.outcome("pp28-46").status == "not_applicable"
    assert report.verdict == "pass"


def test_unsigned_agreements_are_pending_not_in_breach() -> None:
    doc = _with("KSDPK")
    for key in ("perjanjian", "kesepakatan_bersama"):
        doc.pop(key)
    report = _report(doc)
    for rule in ("pp28-13", "pp28-19-2", "uu23-366-3"):
        outcome = report.outcome(rule)
        assert outcome.status == "pass", (rule, outcome.findings)
    assert any(o.pending for o in report.outcomes if o.rule == "pp28-19-2")


def test_dispute_forum_note_pasal_8() -> None:
    # One note, stating only what the facts decide (never a yes/no beside its opposite).
    same = _report(_with("KSDD")).outcome("pp28-8")
    assert [(n.label.split(",")[0], n.value) for n in same.notes] == [
        ("Perselisihan diselesaikan oleh gubernur sebagai wakil Pemerintah Pusat", True)
    ]
    other = _report(
        _with("KSDD", konfigurasi_daerah="provinsi_kabupaten_kota_provinsi_lain")
    ).outcome("pp28-8")
    assert [(n.label.split(",")[0], n.value) for n in other.notes] == [
        ("Perselisihan diselesaikan oleh Menteri Dalam Negeri", True)
    ]


# --- interpretation switches ------------------------------------------------------------

SWITCHES = {
    "cuti_bersama": "libur",
    "batas_lima_tahun_pks": "nonaktif",
    "pengambilalihan_kerja_sama_wajib": "uu_23_2014",
    "konfigurasi_kerja_sama_wajib": "uu_23_2014",
}

# Rules that encode a low-confidence point: not applicable unless their switch is on.
LOW_CONFIDENCE = {
    "pp28-6-4-pks-5-tahun": ("batas_lima_tahun_pks", "aktif"),
    "uu23-364-2": ("konfigurasi_kerja_sama_wajib", "permendagri_22_2020"),
}


def test_switches_are_listed_with_documented_defaults() -> None:
    listed = {s.name: s for s in RULES.switches}
    assert {name: listed[name].default for name in SWITCHES} == SWITCHES
    for s in listed.values():
        assert s.reason, s.name
        assert s.citations, s.name


def test_low_confidence_rules_are_warnings_tied_to_a_switch() -> None:
    by_id = {r.id: r for r in RULES.rules}
    for rule_id, (switch, _) in LOW_CONFIDENCE.items():
        rule = by_id[rule_id]
        assert rule.requirements
        assert all(q.severity in {"warning", "peringatan"} for q in rule.requirements)
        assert rule.when is not None and switch in expr_to_source(rule.when)


def test_no_requirement_admitting_low_confidence_is_an_error() -> None:
    """Scan every requirement: a message that admits low confidence is never an error."""
    for rule in RULES.rules:
        for q in rule.requirements:
            text = " ".join(m.text.lower() for m in q.messages)
            if "keyakinan rendah" in text or "low confidence" in text:
                assert (q.severity or "error") not in {"error", "kesalahan", "galat"}, rule.id


@settings(max_examples=60, deadline=None)
@given(agreements())
def test_low_confidence_rules_not_applicable_by_default(a: kr.Agreement) -> None:
    report = RULES.evaluate(a, as_of=AS_OF)
    for rule_id in LOW_CONFIDENCE:
        assert report.outcome(rule_id).status == "not_applicable"


def test_switch_batas_lima_tahun_changes_the_outcome() -> None:
    doc = _with("KSDPK", jangka_waktu="10 tahun")
    assert _report(doc).outcome("pp28-6-4-pks-5-tahun").status == "not_applicable"
    on = _report(doc, {"batas_lima_tahun_pks": "aktif"})
    f = _finding(on, "pp28-6-4-pks-5-tahun", (PP, 6, 4, None))
    assert (f.status, f.severity) == ("fail", "warning")
    assert on.verdict == "pass"  # a warning never changes the verdict
    assert (
        _report(_with("KSDPK"), {"batas_lima_tahun_pks": "aktif"})
        .outcome("pp28-6-4-pks-5-tahun")
        .status
        == "pass"
    )


def test_switch_konfigurasi_changes_the_outcome() -> None:
    doc = _with(
        "KSDD",
        konfigurasi_daerah="provinsi_kabupaten_kota_provinsi_lain",
        koordinasi_teknis__tingkat="nasional",
    )
    assert _report(doc).outcome("uu23-364-2").status == "not_applicable"
    on = _report(doc, {"konfigurasi_kerja_sama_wajib": "permendagri_22_2020"})
    f = _finding(on, "uu23-364-2", (UU, 364, 2, "c"))
    assert (f.status, f.severity) == ("fail", "warning")


def test_switch_pengambilalihan_changes_the_outcome() -> None:
    doc = _with(
        "KSDD",
        konfigurasi_daerah="kabupaten_kota_beda_provinsi",
        koordinasi_teknis__tingkat="nasional",
    )
    uu = _report(doc).outcome("uu23-364-3")
    pp = _report(doc, {"pengambilalihan_kerja_sama_wajib": "pp_28_2018"}).outcome("uu23-364-3")
    # UU 23/2014 Pasal 364 ayat (3): the centre; PP 28/2018 Pasal 10 ayat (2): the governor
    assert [n.label.endswith("Pemerintah Pusat") for n in uu.notes] == [True]
    assert [n.label.endswith("gubernur sebagai wakil Pemerintah Pusat") for n in pp.notes] == [True]


def test_bekasi_portfolio_verdicts() -> None:
    expected = {
        "bekasi-dki-banjir-2025": "pass",
        "bekasi-kota-bekasi-angkutan-2021": "fail",
        "bekasi-bogor-cileungsi-2026": "unknown",
        "bekasi-karawang-tenaga-kerja-2024": "pass",
        "bekasi-kawasan-industri-pju-2025": "pass",
        "bekasi-limbah-b3-2026": "fail",
        "bekasi-kemenperin-vokasi-2025": "fail",
        "bekasi-kemendagri-adminduk-2016": "pass",
        "bekasi-arnhem-kabupaten-kembar-2026": "pass",
        "bekasi-braunschweig-kawasan-industri-2026": "unknown",
    }
    got = {}
    for a in kr.load_agreements(EXAMPLES / "bekasi" / "portofolio.yaml"):
        assert a.keterangan and "ilustratif" in a.keterangan.lower()
        got[a.id] = RULES.evaluate(a, as_of=AS_OF).verdict
    assert got == expected
