"""The law's second pass (issue 11): explicit negatives, the audit evidence mode, sinergi,
legal-entity status, authority from the table of affairs, and severities.

Rule tests (`rules/**/tests/*.test.yaml`) check each rule's status and citations; they
cannot see a finding's severity or the report's verdict. These tests do, on whole reports
with every bundled rule, because the policy is about verdicts: high confidence fails,
medium fails with the doubt in the message, low never fails by default.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

import kerjasama_rules as kr

AS_OF = datetime.date(2026, 11, 29)
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def rules() -> kr.RuleSet:
    return kr.load_rules()


def _ksdd(**extra: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": "uji-ksdd",
        "jenis": "KSDD",
        "kategori": "sukarela",
        "daerah": {"nama": "Kabupaten Bekasi", "tingkat": "kabupaten", "provinsi": "Jawa Barat"},
        "mitra": [{"nama": "Kota Bekasi", "jenis": "kota", "provinsi": "Jawa Barat"}],
        "urusan": ["lingkungan_hidup"],
        "objek_dalam_perencanaan_pembangunan": True,
        "bertentangan_kesusilaan_ketertiban_kepentingan_nasional": False,
        "membebani_masyarakat_dan_daerah": True,
        "teranggarkan_apbd": True,
        "kesepakatan_bersama": {
            "tanggal_ttd": "2026-02-02",
            "penandatangan": {"jabatan": "bupati"},
        },
        "perjanjian": {"tanggal_ttd": "2026-05-04", "penandatangan": {"jabatan": "bupati"}},
    }
    doc.update(extra)
    return doc


def _ksdll(**extra: Any) -> dict[str, Any]:
    path = ROOT / "examples" / "ksdll-universitas-patuh.yaml"
    doc = kr.unstructure_agreement(kr.load_agreement(path))
    doc.update(extra)
    return doc


def _evaluate(rules: kr.RuleSet, doc: dict[str, Any], **kw: Any) -> kr.Report:
    return rules.evaluate(kr.load_agreement(doc), as_of=AS_OF, **kw)


def _findings(report: kr.Report, rule: str) -> list[kr.Finding]:
    return [f for f in report.outcome(rule).findings if f.status == "fail"]


# ---------------------------------------------------------------- explicit negatives


def test_missing_dprd_record_is_undetermined_not_a_breach(rules: kr.RuleSet) -> None:
    report = _evaluate(rules, _ksdd())
    assert report.outcome("pp28-6-2").status == "unknown"
    assert report.verdict == "unknown"


def test_dprd_approval_never_requested_is_a_breach(rules: kr.RuleSet) -> None:
    report = _evaluate(rules, _ksdd(dprd={"diajukan": False}))
    assert report.verdict == "fail"
    [finding] = _findings(report, "pp28-6-2")
    assert finding.severity == "error"
    assert any(e.path == "$.dprd.diajukan" and e.value is False for e in finding.evidence)


def test_no_dprd_decision_is_a_breach(rules: kr.RuleSet) -> None:
    report = _evaluate(rules, _ksdd(dprd={"diajukan": True, "keputusan": "tidak_ada"}))
    assert report.outcome("pp28-6-2").status == "fail"


# ---------------------------------------------------------------- audit evidence mode


def test_evidence_mode_is_off_by_default_and_named_in_every_report(rules: kr.RuleSet) -> None:
    report = _evaluate(rules, _ksdd())
    assert ("mode_bukti", "nonaktif") in report.switches
    audited = _evaluate(rules, _ksdd(), switches={"mode_bukti": "audit"})
    assert ("mode_bukti", "audit") in audited.switches


def test_evidence_mode_counts_a_missing_prerequisite_as_not_done(rules: kr.RuleSet) -> None:
    report = _evaluate(rules, _ksdd(), switches={"mode_bukti": "audit"})
    assert report.verdict == "fail"
    [finding] = _findings(report, "pp28-6-2")
    assert "ketiadaan bukti" in finding.message("id")
    assert "missing evidence" in finding.message("en")


def test_evidence_mode_changes_nothing_when_the_record_is_complete(rules: kr.RuleSet) -> None:
    doc = _ksdd(
        dprd={
            "surat_permohonan": "2026-02-09",
            "diterima": "2026-02-10",
            "keputusan": "disetujui",
            "tanggal_keputusan": "2026-04-06",
        }
    )
    plain = _evaluate(rules, doc)
    audited = _evaluate(rules, doc, switches={"mode_bukti": "audit"})
    assert plain.verdict == audited.verdict == "pass"


# ---------------------------------------------------------------- Pasal 43 ayat (1)


def test_ended_foreign_cooperation_without_any_report_is_an_error(rules: kr.RuleSet) -> None:
    report = _evaluate(rules, _ksdll(status="berakhir", laporan=[]))
    [finding] = _findings(report, "pp28-43")
    assert finding.severity == "error"
    assert report.verdict == "fail"


def test_a_full_year_without_a_report_is_an_error_stating_its_doubt(rules: kr.RuleSet) -> None:
    report = _evaluate(
        rules, _ksdll(status="pelaksanaan", mulai_pelaksanaan="2025-10-01", laporan=[])
    )
    [finding] = _findings(report, "pp28-43")
    assert finding.severity == "error"
    assert "Keyakinan sedang" in finding.message("id")


def test_less_than_a_year_without_a_report_is_a_warning(rules: kr.RuleSet) -> None:
    report = _evaluate(
        rules, _ksdll(status="pelaksanaan", mulai_pelaksanaan="2026-06-01", laporan=[])
    )
    [finding] = _findings(report, "pp28-43")
    assert finding.severity == "warning"
    assert report.verdict == "pass"


# ---------------------------------------------------------------- diplomatic relations


def test_kosovo_is_an_error_whose_message_states_the_doubt(rules: kr.RuleSet) -> None:
    partner = {"nama": "Contoh", "jenis": "lembaga_luar_negeri_lainnya", "negara": "XK"}
    report = _evaluate(rules, _ksdll(mitra=[partner]))
    [finding] = _findings(report, "pp28-27-1")
    assert finding.severity == "error"
    assert "Keyakinan sedang" in finding.message("id")


def test_a_low_confidence_territory_is_only_a_warning(rules: kr.RuleSet) -> None:
    doc = _ksdll()
    doc["mitra"][0]["negara"] = "EH"
    report = _evaluate(rules, doc)
    [finding] = _findings(report, "pp28-27-1")
    assert finding.severity == "warning"
    assert report.verdict == "pass"


# ---------------------------------------------------------------- sinergi, Pasal 14 huruf b


def test_a_lawful_sinergi_passes(rules: kr.RuleSet) -> None:
    report = rules.evaluate(
        kr.load_agreement(ROOT / "examples" / "sinergi-kementerian-patuh.yaml"), as_of=AS_OF
    )
    assert report.verdict == "pass"
    assert report.outcome("pp28-46-sinergi").status == "pass"
    assert report.outcome("pp28-14").status == "not_applicable"


def test_a_ministry_recorded_as_a_third_party_fails_once(rules: kr.RuleSet) -> None:
    path = ROOT / "examples" / "ksdpk-badan-usaha-patuh.yaml"
    doc = kr.unstructure_agreement(kr.load_agreement(path))
    doc["mitra"] = [{"nama": "Kementerian Pekerjaan Umum", "jenis": "kementerian_lembaga"}]
    report = _evaluate(rules, doc)
    failed = {o.rule for o in report.outcomes if o.status == "fail"}
    assert failed == {"pp28-46"}
    assert "SINERGI" in report.outcome("pp28-46").findings[0].message("id")


def test_a_business_without_legal_entity_status_is_not_a_third_party(rules: kr.RuleSet) -> None:
    path = ROOT / "examples" / "ksdpk-badan-usaha-patuh.yaml"
    doc = kr.unstructure_agreement(kr.load_agreement(path))
    doc["mitra"] = [{"nama": "CV Contoh", "jenis": "badan_usaha", "berbadan_hukum": False}]
    report = _evaluate(rules, doc)
    assert report.verdict == "fail"
    [finding] = _findings(report, "pp28-14")
    assert finding.citation.huruf == "b"


# ---------------------------------------------------------------- authority


def test_authority_is_derived_from_the_table_when_the_officer_is_silent(
    rules: kr.RuleSet,
) -> None:
    report = _evaluate(rules, _ksdd())
    d = report.determination("kewenangan_daerah_atas_urusan")
    assert d.value is True
    assert "kewenangan_menurut_tabel" in d.because[0].condition
    assert report.outcome("pp28-4").status == "pass"


def test_the_officers_fact_overrides_the_table_and_the_report_says_so(
    rules: kr.RuleSet,
) -> None:
    report = _evaluate(rules, _ksdd(urusan_kewenangan_daerah=False))
    d = report.determination("kewenangan_daerah_atas_urusan")
    assert d.value is False
    assert "terisi urusan_kewenangan_daerah" in d.because[0].condition
    assert report.outcome("pp28-4").status == "fail"


def test_a_split_affair_stays_unknown_and_names_the_fact_to_supply(rules: kr.RuleSet) -> None:
    report = _evaluate(rules, _ksdd(urusan=["kehutanan"]))
    d = report.determination("kewenangan_daerah_atas_urusan")
    assert d.value is None
    assert "$.urusan_kewenangan_daerah" in d.missing


# ---------------------------------------------------------------- dispute forum


def test_a_ksdd_with_its_own_province_naming_the_governor_fails(rules: kr.RuleSet) -> None:
    doc = _ksdd(
        mitra=[{"nama": "Provinsi Jawa Barat", "jenis": "provinsi", "provinsi": "Jawa Barat"}],
        perjanjian={
            "tanggal_ttd": "2026-05-04",
            "penandatangan": {"jabatan": "bupati"},
            "forum_penyelesaian_perselisihan": "gubernur_wakil_pemerintah_pusat",
        },
    )
    report = _evaluate(rules, doc)
    [finding] = _findings(report, "pp28-8-forum")
    assert finding.severity == "error"
