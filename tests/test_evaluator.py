"""Evaluator: three-valued logic, evidence, pending obligations, determinations, and the
core PP 28/2018 rules on small agreements built for each provision."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

import kerjasama_rules as kr
from kerjasama_rules.engine.report import Report

AS_OF = datetime.date(2026, 11, 29)


def agreement(**fields: Any) -> kr.Agreement:
    doc: dict[str, Any] = {"id": "t", "jenis": "KSDD"}
    doc.update(fields)
    return kr.load_agreement(doc)


def one_rule(body: str, *, guard: str = "", when: str = "", extra: str = "") -> kr.RuleSet:
    return kr.compile(
        f"""{extra}
aturan "r" {{
  dasar PP 28/2018 Pasal 6 ayat (2)
  {"berlaku jika " + when if when else ""}
  wajib {body}
    {"jika " + guard if guard else ""}
    pesan "p"
}}"""
    )


# ------------------------------------------------------------------ Kleene logic
T, F, N = True, False, None


def _status(rules: kr.RuleSet, **facts: Any) -> str:
    return rules.evaluate(agreement(**facts)).outcome("r").status


@pytest.mark.parametrize(
    ("a", "b", "want_and", "want_or"),
    [
        (T, T, "pass", "pass"),
        (T, F, "fail", "pass"),
        (F, T, "fail", "pass"),
        (F, F, "fail", "fail"),
        (T, N, "unknown", "pass"),
        (N, T, "unknown", "pass"),
        (F, N, "fail", "unknown"),
        (N, F, "fail", "unknown"),
        (N, N, "unknown", "unknown"),
    ],
)
def test_kleene_and_or(a: bool | None, b: bool | None, want_and: str, want_or: str) -> None:
    facts = {"membebani_masyarakat_dan_daerah": a, "teranggarkan_apbd": b}
    conj = one_rule("membebani_masyarakat_dan_daerah dan teranggarkan_apbd")
    disj = one_rule("membebani_masyarakat_dan_daerah atau teranggarkan_apbd")
    assert _status(conj, **facts) == want_and
    assert _status(disj, **facts) == want_or


def test_not_and_implies_keep_unknown() -> None:
    assert _status(one_rule("tidak teranggarkan_apbd")) == "unknown"
    impl = one_rule("membebani_masyarakat_dan_daerah berarti teranggarkan_apbd")
    assert _status(impl, membebani_masyarakat_dan_daerah=False) == "pass"
    assert _status(impl, membebani_masyarakat_dan_daerah=True) == "unknown"
    assert _status(impl, teranggarkan_apbd=True) == "pass"


def test_missing_facts_are_named() -> None:
    rules = one_rule("dprd.tanggal_keputusan <= perjanjian.tanggal_ttd")
    out = rules.evaluate(agreement(perjanjian={"tanggal_ttd": "2026-01-05"})).outcome("r")
    assert out.status == "unknown"
    (f,) = out.findings
    assert f.missing == ("$.dprd.tanggal_keputusan",)


def test_presence_test_is_the_only_reader_of_absence() -> None:
    rules = one_rule("terisi dprd.tanggal_keputusan")
    assert _status(rules) == "fail"
    assert _status(rules, dprd={"tanggal_keputusan": "2026-01-01"}) == "pass"


def test_quantifiers_and_evidence_paths() -> None:
    rules = one_rule('setiap m dalam mitra: m.negara != "IL"')
    rep = rules.evaluate(
        agreement(mitra=[{"negara": "NL"}, {"negara": "IL"}, {"nama": "tanpa negara"}])
    )
    (f,) = rep.outcome("r").findings
    assert f.status == "fail"  # one false item decides `setiap` despite an unknown one
    assert [(e.path, e.value) for e in f.evidence] == [("$.mitra[1].negara", "IL")]
    assert _status(rules, mitra=[]) == "pass"
    unknown = rules.evaluate(agreement(mitra=[{"negara": "NL"}, {"nama": "x"}])).outcome("r")
    assert unknown.findings[0].missing == ("$.mitra[1].negara",)
    count = one_rule("(banyaknya m dalam mitra: m.berbatasan) >= 2")
    assert _status(count, mitra=[{"berbatasan": True}, {"berbatasan": True}]) == "pass"
    assert _status(count, mitra=[{"berbatasan": True}, {"berbatasan": False}]) == "fail"


def test_dates_and_durations() -> None:
    rules = one_rule("perjanjian.tanggal_ttd + 5 tahun > 2030-01-01")
    assert _status(rules, perjanjian={"tanggal_ttd": "2025-06-01"}) == "pass"
    assert _status(rules, perjanjian={"tanggal_ttd": "2024-06-01"}) == "fail"
    days = one_rule("perjanjian.tanggal_ttd - kesepakatan_bersama.tanggal_ttd >= 30")
    facts = {"kesepakatan_bersama": {"tanggal_ttd": "2026-01-01"}}
    assert _status(days, perjanjian={"tanggal_ttd": "2026-01-31"}, **facts) == "pass"


def test_as_of_is_an_explicit_input() -> None:
    rules = one_rule("perjanjian.tanggal_ttd <= as_of")
    a = agreement(perjanjian={"tanggal_ttd": "2026-01-05"})
    out = rules.evaluate(a).outcome("r")
    assert out.status == "unknown"
    assert out.findings[0].missing == ("as_of",)
    assert rules.evaluate(a, as_of=AS_OF).outcome("r").status == "pass"


def test_working_day_functions_follow_the_switch() -> None:
    rules = one_rule("hari_kerja_setelah(dprd.diterima, 45) == 2026-05-13")
    a = agreement(dprd={"diterima": "2026-03-02"})
    assert rules.evaluate(a).outcome("r").status == "pass"
    assert rules.evaluate(a, cuti_bersama="kerja").outcome("r").status == "fail"
    assert rules.evaluate(a).switches == (("cuti_bersama", "libur"),)


def test_guard_false_means_pending_not_failed() -> None:
    rules = one_rule("dprd.keputusan == disetujui", guard="terisi perjanjian.tanggal_ttd")
    out = rules.evaluate(agreement()).outcome("r")
    assert out.status == "pass"
    assert len(out.pending) == 1
    assert out.pending[0].condition == "terisi perjanjian.tanggal_ttd"


def test_applicability_unknown_names_missing_facts() -> None:
    rules = one_rule("benar", when="membebani_masyarakat_dan_daerah")
    out = rules.evaluate(agreement()).outcome("r")
    assert out.status == "unknown"
    assert out.findings[0].missing == ("$.membebani_masyarakat_dan_daerah",)
    assert _status(rules, membebani_masyarakat_dan_daerah=False) == "not_applicable"


def test_a_crashing_rule_does_not_hide_the_others() -> None:
    rules = kr.compile(
        """
aturan "crash" {
  dasar PP 28/2018 Pasal 30 ayat (4)
  wajib dprd.diterima + 9000 tahun > dprd.diterima
    pesan "p"
}
aturan "ok" {
  dasar PP 28/2018 Pasal 27 ayat (1)
  wajib benar
    pesan "p"
}"""
    )
    rep = rules.evaluate(agreement(dprd={"diterima": "2026-03-02"}))
    assert rep.outcome("crash").status == "error"
    assert rep.outcome("ok").status == "pass"
    assert rep.verdict == "unknown"


# ------------------------------------------------------------------ the bundled rules
def check(bundled_rules: kr.RuleSet, **facts: Any) -> Report:
    return bundled_rules.evaluate(agreement(**facts), as_of=AS_OF)


@pytest.mark.parametrize(
    ("facts", "want"),
    [
        ({"jenis": "KSDD", "membebani_masyarakat_dan_daerah": True}, True),
        (
            {"jenis": "KSDD", "membebani_masyarakat_dan_daerah": False, "teranggarkan_apbd": True},
            False,
        ),
        (
            {"jenis": "KSDD", "membebani_masyarakat_dan_daerah": False, "teranggarkan_apbd": False},
            True,
        ),
        ({"jenis": "KSDD", "teranggarkan_apbd": False}, True),
        ({"jenis": "KSDD", "teranggarkan_apbd": True}, None),
        (
            {"jenis": "KSDPK", "membebani_masyarakat_dan_daerah": False, "teranggarkan_apbd": True},
            False,
        ),
        ({"jenis": "KSDPK", "membebani_masyarakat_dan_daerah": True}, True),
        ({"jenis": "KSDPL", "teranggarkan_apbd": True}, True),
        ({"jenis": "KSDLL"}, True),
    ],
)
def test_perlu_persetujuan_dprd(
    bundled_rules: kr.RuleSet, facts: dict[str, Any], want: bool | None
) -> None:
    det = check(bundled_rules, **facts).determination("perlu_persetujuan_dprd")
    assert det.value is want
    if want is None:
        assert det.missing == ("$.membebani_masyarakat_dan_daerah",)
    else:
        (because,) = det.because
        pasal = {c.pasal for c in because.citations if c.instrument == "PP 28/2018"}
        uu = {(c.pasal, c.huruf) for c in because.citations if c.instrument == "UU 23/2014"}
        huruf = "i" if facts["jenis"] in ("KSDD", "KSDPK") else "g"
        assert uu == {(101, huruf), (154, huruf)}
        assert (
            pasal
            == {"KSDD": {6}, "KSDPK": {19, 6}, "KSDPL": {30}, "KSDLL": {38, 30}}[facts["jenis"]]
        )


def test_ksdd_signed_without_needed_approval_fails_pasal_6_2(bundled_rules: kr.RuleSet) -> None:
    rep = check(
        bundled_rules,
        membebani_masyarakat_dan_daerah=True,
        dprd={"keputusan": "ditolak", "tanggal_keputusan": "2026-02-01"},
        perjanjian={"tanggal_ttd": "2026-03-01"},
    )
    (f,) = rep.outcome("pp28-6-2").findings
    assert (f.citation.pasal, f.citation.ayat, f.citation.huruf) == (6, 2, None)
    assert ("$.dprd.keputusan", "ditolak") in [(e.path, e.value) for e in f.evidence]
    assert rep.verdict == "fail"


def test_ksdd_without_need_for_approval_is_not_applicable(bundled_rules: kr.RuleSet) -> None:
    rep = check(
        bundled_rules,
        membebani_masyarakat_dan_daerah=False,
        teranggarkan_apbd=True,
        perjanjian={"tanggal_ttd": "2026-03-01"},
    )
    assert rep.outcome("pp28-6-2").status == "not_applicable"


def test_unsigned_ksdpl_is_pending_not_in_breach(bundled_rules: kr.RuleSet) -> None:
    rep = check(bundled_rules, jenis="KSDPL")
    out = rep.outcome("pp28-30-1")
    assert out.status == "pass"
    assert out.pending


def test_ksdpl_signed_before_approval(bundled_rules: kr.RuleSet) -> None:
    rep = check(
        bundled_rules,
        jenis="KSDPL",
        dprd={"keputusan": "disetujui", "tanggal_keputusan": "2026-05-20"},
        perjanjian={"tanggal_ttd": "2026-05-10"},
    )
    (f,) = rep.outcome("pp28-30-1").findings
    assert f.status == "fail"
    assert (f.citation.pasal, f.citation.ayat) == (30, 1)
    assert {e.path for e in f.evidence} == {"$.dprd.tanggal_keputusan", "$.perjanjian.tanggal_ttd"}


def test_ksdll_findings_cite_pasal_38_too(bundled_rules: kr.RuleSet) -> None:
    rep = check(
        bundled_rules,
        jenis="KSDLL",
        dprd={"surat_permohonan": "2026-03-02", "lampiran_rencana": False},
        rencana={"tanggal": "2026-02-01"},
    )
    (f,) = rep.outcome("pp28-38-30-2").findings
    assert (f.citation.pasal, f.citation.ayat) == (30, 2)
    assert {c.pasal for c in f.citations} == {30, 38}


def test_pasal_27_1_each_huruf(bundled_rules: kr.RuleSet) -> None:
    rep = check(
        bundled_rules,
        jenis="KSDPL",
        mitra=[
            {"negara": "NL", "mencampuri_urusan_dalam_negeri": False},
            {"negara": "IL", "mencampuri_urusan_dalam_negeri": True},
        ],
        urusan=["pariwisata", "pertahanan"],
        kantor_perwakilan_luar_negeri=True,
        sesuai_rencana_pembangunan=False,
    )
    fails = {
        (f.citation.huruf, f.severity): [e.path for e in f.evidence]
        for f in rep.outcome("pp28-27-1").findings
    }
    assert fails == {
        ("a", "error"): ["$.mitra[1].negara"],
        ("b", "error"): ["$.urusan[1]"],
        ("c", "error"): ["$.kantor_perwakilan_luar_negeri"],
        ("d", "error"): ["$.mitra[1].mencampuri_urusan_dalam_negeri"],
        ("e", "error"): ["$.sesuai_rencana_pembangunan"],
    }


@pytest.mark.parametrize(
    ("negara", "severity"),
    [
        ("XK", "error"),  # Kosovo: medium confidence -> an error whose message states the doubt
        ("EH", "warning"),  # Western Sahara: low confidence -> a warning only
    ],
)
def test_doubtful_relations_follow_the_confidence_policy(
    bundled_rules: kr.RuleSet, negara: str, severity: str
) -> None:
    rep = check(
        bundled_rules,
        jenis="KSDLL",
        mitra=[{"negara": negara, "mencampuri_urusan_dalam_negeri": False}],
        urusan=["pendidikan"],
        kantor_perwakilan_luar_negeri=False,
        sesuai_rencana_pembangunan=True,
    )
    (f,) = rep.outcome("pp28-27-1").findings
    assert (f.status, f.severity, f.citation.huruf) == ("fail", severity, "a")
    if severity == "warning":
        assert rep.verdict != "fail"  # a warning never makes the verdict fail
    else:
        assert rep.verdict == "fail"


def test_pasal_27_2_and_3(bundled_rules: kr.RuleSet) -> None:
    rep = check(
        bundled_rules,
        jenis="KSDPL",
        objek_luar_negeri="iptek",
        alih_iptek_sdm_indonesia=False,
        kesetaraan_status_wilayah=True,
        saling_melengkapi=False,
    )
    assert [f.citation.text for f in rep.outcome("pp28-27-2").findings] == [
        "Pasal 27 ayat (2) PP 28/2018"
    ]
    three = rep.outcome("pp28-27-3").findings
    assert [(f.status, f.citation.huruf) for f in three] == [("fail", "b"), ("unknown", "c")]
    assert check(bundled_rules, jenis="KSDLL").outcome("pp28-27-3").status == "not_applicable"


def test_pasal_30_3_one_finding_per_missing_item(bundled_rules: kr.RuleSet) -> None:
    rep = check(
        bundled_rules,
        jenis="KSDPL",
        rencana={"subjek": "Bekasi-Arnhem", "latar_belakang": "  ", "objek": "industri"},
    )
    letters = [f.citation.huruf for f in rep.outcome("pp28-30-3").findings]
    assert letters == ["b", "c", "e", "f", "g"]
    assert check(bundled_rules, jenis="KSDPL").outcome("pp28-30-3").status == "not_applicable"


# ------------------------------------------------------------------ deadlines and stages
def _ksdpl_received(**dprd: Any) -> dict[str, Any]:
    return {"jenis": "KSDPL", "dprd": {"diterima": "2026-03-02", **dprd}}


def test_dprd_deadline_open_shows_due_date_and_days_left(bundled_rules: kr.RuleSet) -> None:
    rep = bundled_rules.evaluate(agreement(**_ksdpl_received()), as_of=datetime.date(2026, 5, 4))
    out = rep.outcome("pp28-30-4")
    assert out.status == "pass"
    notes = {n.label: n.value for n in out.notes}
    assert notes["Batas waktu keputusan DPRD"] == "2026-05-13"
    assert notes["Sisa hari kerja per tanggal penilaian"] == 7
    (due,) = [n for n in out.notes if n.label == "Batas waktu keputusan DPRD"]
    skipped = dict((e.path, e.value) for e in due.evidence)[
        "hari_kerja_setelah(dprd.diterima, 45).dilewati"
    ]
    assert {
        "date": "2026-03-18",
        "name": "Cuti Bersama Hari Suci Nyepi",
        "kind": "cuti_bersama",
    } in skipped


def test_dprd_overdue_is_a_warning_and_never_approval(bundled_rules: kr.RuleSet) -> None:
    a = agreement(**_ksdpl_received())
    rep = bundled_rules.evaluate(a, as_of=datetime.date(2026, 5, 14))
    (f,) = rep.outcome("pp28-30-4").findings
    assert (f.status, f.severity, f.citation.pasal, f.citation.ayat) == ("fail", "warning", 30, 4)
    assert "bukan persetujuan" in f.message("id")
    assert rep.determination("perlu_persetujuan_dprd").value is True
    # the switch moves the due date earlier: overdue already on 8 May with `kerja`
    early = bundled_rules.evaluate(
        a, as_of=datetime.date(2026, 5, 8), switches={"cuti_bersama": "kerja"}
    )
    assert early.outcome("pp28-30-4").status == "fail"
    assert ("cuti_bersama", "kerja") in early.switches
    assert (
        bundled_rules.evaluate(a, as_of=datetime.date(2026, 5, 8)).outcome("pp28-30-4").status
        == "pass"
    )


def test_dprd_late_decision_and_unknown_without_as_of(bundled_rules: kr.RuleSet) -> None:
    late = bundled_rules.evaluate(
        agreement(**_ksdpl_received(tanggal_keputusan="2026-05-14")), as_of=AS_OF
    )
    assert late.outcome("pp28-30-4").findings[0].status == "fail"
    on_time = bundled_rules.evaluate(
        agreement(**_ksdpl_received(tanggal_keputusan="2026-05-13")), as_of=AS_OF
    )
    assert on_time.outcome("pp28-30-4").status == "pass"
    undated = bundled_rules.evaluate(agreement(**_ksdpl_received()))
    (f,) = undated.outcome("pp28-30-4").findings
    assert f.status == "unknown" and f.missing == ("as_of",)


def test_ksdll_deadline_cites_pasal_38(bundled_rules: kr.RuleSet) -> None:
    doc = _ksdpl_received()
    doc["jenis"] = "KSDLL"
    rep = bundled_rules.evaluate(agreement(**doc), as_of=AS_OF)
    (f,) = rep.outcome("pp28-38-30-4").findings
    assert (f.citation.pasal, f.citation.ayat) == (30, 4)
    assert {c.pasal for c in f.citations} == {30, 38}


def test_stage_order_checks_only_what_dates_allow(bundled_rules: kr.RuleSet) -> None:
    def stages(**facts: Any) -> kr.Outcome:
        return check(bundled_rules, **facts).outcome("pp28-6-1")

    assert stages().status == "pass" and len(stages().pending) == 2
    assert stages(perjanjian={"tanggal_ttd": "2026-03-01"}).findings[0].missing == (
        "$.kesepakatan_bersama.tanggal_ttd",
    )
    bad = stages(
        kesepakatan_bersama={"tanggal_ttd": "2026-04-01"},
        dprd={"surat_permohonan": "2026-03-15"},
        perjanjian={"tanggal_ttd": "2026-05-01"},
    )
    assert [(f.status, f.citation.huruf) for f in bad.findings] == [("fail", "d")]
    assert {c.huruf for c in bad.findings[0].citations} == {"d", "e"}


def test_unknown_exception_makes_the_rule_unknown() -> None:
    rules = kr.compile(
        'aturan "r" {\n dasar PP 28/2018 Pasal 48\n kecuali perjanjian.tanggal_ttd < 2018-07-13\n'
        ' wajib benar\n  pesan "p"\n}'
    )
    out = rules.evaluate(agreement()).outcome("r")
    assert (out.status, out.reason) == ("unknown", "exception")
    assert out.findings[0].missing == ("$.perjanjian.tanggal_ttd",)


def test_unknown_switch_is_a_configuration_error(bundled_rules: kr.RuleSet) -> None:
    with pytest.raises(kr.ConfigurationError) as info:
        bundled_rules.evaluate(agreement(), switches={"cuti": "kerja"})
    assert info.value.diagnostics[0].help == "did you mean `cuti_bersama`?"
    with pytest.raises(kr.ConfigurationError):
        bundled_rules.evaluate(agreement(), switches={"cuti_bersama": "maybe"})


# ------------------------------------------------------------------ the law in time
def test_signed_before_pp28_is_judged_by_the_transitional_provision(
    bundled_rules: kr.RuleSet,
) -> None:
    rep = check(
        bundled_rules,
        jenis="KSDPL",
        mitra=[{"negara": "IL"}],
        perjanjian={"tanggal_ttd": "2017-05-01"},
        # UU 23/2014 (in force since 2014-10-02) still applies: Pasal 367 ayat (2).
        persetujuan_pemerintah_pusat={"diberikan": True, "tanggal": "2017-04-03"},
    )
    assert rep.verdict == "pass"
    assert rep.outcome("uu23-367-2").status == "pass"
    assert rep.outcome("pp28-27-1").status == "not_applicable"
    assert rep.outcome("pp28-27-1").reason == "not_in_force"
    assert rep.outcome("pp28-48").notes
    assert [(v.instrument, v.applied) for v in rep.law] == [
        ("PP 28/2018", False),
        ("UU 23/2014", True),
    ]
    assert (rep.reference_date, rep.reference) == (
        datetime.date(2017, 5, 1),
        "$.perjanjian.tanggal_ttd",
    )
    on_the_day = check(
        bundled_rules,
        jenis="KSDPL",
        mitra=[{"negara": "IL"}],
        perjanjian={"tanggal_ttd": "2018-07-13"},
    )
    assert on_the_day.outcome("pp28-27-1").status == "fail"
    assert on_the_day.law[0].applied


def test_a_later_instrument_is_added_beside_without_editing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    old = tmp_path / "lama.kr"
    old.write_text(
        "masa_berlaku PP 28/2018 sejak 2018-07-13\n"
        'aturan "lama" {\n dasar PP 28/2018 Pasal 30 ayat (1)\n'
        ' wajib terisi dprd.keputusan\n  pesan "lama"\n}\n',
        encoding="utf-8",
    )
    new = tmp_path / "baru.kr"
    new.write_text(
        "masa_berlaku PP 99/2027 sejak 2027-01-01\n"
        'aturan "baru" {\n dasar PP 99/2027 Pasal 1\n menggantikan "lama"\n'
        ' wajib terisi dprd.tanggal_keputusan\n  pesan "baru"\n}\n',
        encoding="utf-8",
    )
    rules = kr.load_rules(tmp_path)
    before = rules.evaluate(agreement(perjanjian={"tanggal_ttd": "2026-06-01"}))
    after = rules.evaluate(agreement(perjanjian={"tanggal_ttd": "2027-06-01"}))
    assert (before.outcome("lama").status, before.outcome("baru").status) == (
        "fail",
        "not_applicable",
    )
    assert (after.outcome("lama").status, after.outcome("baru").status) == (
        "not_applicable",
        "fail",
    )
    assert after.outcome("lama").reason == "superseded:baru"
    assert [(v.instrument, v.applied) for v in after.law] == [
        ("PP 28/2018", True),
        ("PP 99/2027", True),
    ]


def test_regional_holidays_move_the_deadline_and_are_reported(bundled_rules: kr.RuleSet) -> None:
    a = agreement(**_ksdpl_received())
    rep = bundled_rules.evaluate(
        a,
        as_of=datetime.date(2026, 5, 14),
        regional_holidays=[(datetime.date(2026, 4, 15), "Hari Jadi Kabupaten Bekasi")],
    )
    notes = {n.label: n.value for n in rep.outcome("pp28-30-4").notes}
    assert notes["Batas waktu keputusan DPRD"] == "2026-05-18"
    assert rep.outcome("pp28-30-4").status == "pass"  # not yet overdue on 14 May
    assert ("libur_daerah", "2026-04-15 Hari Jadi Kabupaten Bekasi") in rep.switches
    with pytest.raises(kr.ConfigurationError):
        bundled_rules.evaluate(a, regional_holidays=[("kemarin",)])  # type: ignore[list-item]


def test_an_incomplete_holiday_calendar_is_said(bundled_rules: kr.RuleSet) -> None:
    # Islamic holidays of 2027 are only estimated in the holiday data.
    a = agreement(jenis="KSDPL", dprd={"diterima": "2027-02-01", "tanggal_keputusan": "2027-12-01"})
    rep = bundled_rules.evaluate(a, as_of=datetime.date(2027, 12, 31))
    (f,) = rep.outcome("pp28-30-4").findings
    evidence = dict((e.path, e.value) for e in f.evidence)
    assert evidence["hari_kerja_setelah(dprd.diterima, 45).kalender_lengkap"] is False
