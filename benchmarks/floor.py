"""A hand-written, plain-Python floor for the bundled PP 28/2018 rules.

This is what a careful programmer would write by hand instead of using the rule engine:
the same checks as ``rules/pp28_2018/*.kr``, the same three-valued semantics, and
per-requirement findings with their citation, but no evidence paths, no missing-fact
paths, no explanation machinery. It exists only so that ``bench_eval.py`` can say how
far the engine is from the cost of the checks themselves; ``tests/test_floor.py`` keeps
it in step with the engine.

Semantics mirrored from the engine (``compiler.py`` / ``evaluator.py``):

* ``None`` is *unknown*. A requirement that reads a missing fact is unknown, except a
  ``terisi`` (presence) test, which is simply true or false.
* ``dan``/``atau``/``tidak`` are Kleene's: ``False and unknown`` is false, ``True or
  unknown`` is true, anything else touching an unknown is unknown. Comparisons are strict.
* ``setiap x dalam xs: p`` is unknown when ``xs`` is missing; otherwise false if ``p`` is
  false for some item, else unknown if ``p`` is unknown for some item, else true.
* A rule's ``berlaku jika`` that is false gives ``not_applicable``; unknown gives
  ``unknown`` with one finding citing the rule. A requirement's ``jika`` guard that is
  false makes it pending (no finding); unknown gives an ``unknown`` finding.
* The outcome is ``fail`` when some finding failed (warnings included), ``unknown`` when
  there are only unknown findings, else ``pass``.

``check(agreement)`` returns one ``(rule_id, status, findings)`` per rule, in the order
of the rule files, where ``findings`` is a tuple of ``(status, severity, citation)`` and
``citation`` is the engine's most specific citation text (``Pasal 27 ayat (1) huruf a
PP 28/2018``).
"""

from __future__ import annotations

import datetime

from kerjasama_rules.model.agreement import (
    Agreement,
    AlasanBerakhir,
    AlasanDiLuarPerencanaan,
    Bentuk,
    CaraPenyelesaianPerselisihan,
    DasarKsdll,
    ForumPerselisihan,
    HasilPertimbangan,
    Jabatan,
    Jenis,
    JenisKsdpk,
    JenisMitra,
    Kategori,
    KeputusanDprd,
    Klausul,
    KonfigurasiDaerah,
    ObjekLuarNegeri,
    PenerimaLaporan,
    PenyusunStudi,
    PesertaRapat,
    Prakarsa,
    StatusKerjaSama,
    Tingkat,
    TingkatKoordinasi,
    Urusan,
)
from kerjasama_rules.model.calendar import WorkingCalendar
from kerjasama_rules.model.duration import Duration, shift_date

__all__ = ["check", "perlu_persetujuan_dprd"]

Finding = tuple[str, str, str]  # (status, severity, citation)
Outcome = tuple[str, str, tuple[Finding, ...]]  # (rule_id, status, findings)

_KSDD = Jenis.KSDD
_KSDPK = Jenis.KSDPK
_KSDPL = Jenis.KSDPL
_KSDLL = Jenis.KSDLL
_DISETUJUI = KeputusanDprd.DISETUJUI
_IPTEK = ObjekLuarNegeri.IPTEK

# Tables of pasal_27.kr.
_TANPA_HUBUNGAN_DIPLOMATIK = frozenset({"IL", "TW"})
_TANPA_HUBUNGAN_DIPLOMATIK_KEYAKINAN_SEDANG = frozenset({"XK"})
_HUBUNGAN_DIPLOMATIK_DIRAGUKAN = frozenset({"EH"})
# UU 23/2014 Pasal 10 ayat (1), the definition `urusan_absolut` of pasal_27.kr.
_URUSAN_ABSOLUT = frozenset(
    {
        Urusan.POLITIK_LUAR_NEGERI,
        Urusan.PERTAHANAN,
        Urusan.KEAMANAN,
        Urusan.YUSTISI,
        Urusan.MONETER_FISKAL_NASIONAL,
        Urusan.AGAMA,
    }
)

_PP = "PP 28/2018"
_C6_2 = f"Pasal 6 ayat (2) {_PP}"
_C19_1 = f"Pasal 19 ayat (1) {_PP}"
_C27_1 = f"Pasal 27 ayat (1) {_PP}"
_C27_1_HURUF = {h: f"Pasal 27 ayat (1) huruf {h} {_PP}" for h in "abcde"}
_C27_2 = f"Pasal 27 ayat (2) {_PP}"
_C27_3_HURUF = {h: f"Pasal 27 ayat (3) huruf {h} {_PP}" for h in "abc"}
_C30_1 = f"Pasal 30 ayat (1) {_PP}"
_C30_2 = f"Pasal 30 ayat (2) {_PP}"
_C6_1_D = f"Pasal 6 ayat (1) huruf d {_PP}"
_C30_4 = f"Pasal 30 ayat (4) {_PP}"
_CALENDAR = WorkingCalendar()  # the `cuti_bersama` switch at its default, `libur`
_AS_OF = datetime.date(2026, 11, 29)
_PP28_IN_FORCE = datetime.date(2018, 7, 13)  # `masa_berlaku PP 28/2018 sejak 2018-07-13`
_C30_3_HURUF = tuple(f"Pasal 30 ayat (3) huruf {h} {_PP}" for h in "abcdefg")
_RENCANA_FIELDS = (
    "subjek",
    "latar_belakang",
    "maksud_tujuan_sasaran",
    "objek",
    "ruang_lingkup",
    "sumber_pembiayaan",
    "jangka_waktu",
)
_RENCANA = tuple(zip(_RENCANA_FIELDS, _C30_3_HURUF, strict=True))

_NA: tuple[Finding, ...] = ()


# ---------------------------------------------------------------- Kleene helpers
def _and(x: bool | None, y: bool | None) -> bool | None:
    if x is False or y is False:
        return False
    if x is True and y is True:
        return True
    return None


def _or(x: bool | None, y: bool | None) -> bool | None:
    if x is True or y is True:
        return True
    if x is False and y is False:
        return False
    return None


def _not(x: bool | None) -> bool | None:
    return None if x is None else not x


def _status(findings: list[Finding]) -> str:
    if not findings:
        return "pass"
    for f in findings:
        if f[0] == "fail":
            return "fail"
    return "unknown"


def _require(findings: list[Finding], value: bool | None, severity: str, citation: str) -> None:
    """Record the finding of one ``wajib``: nothing when it holds."""
    if value is True:
        return
    findings.append(("fail" if value is False else "unknown", severity, citation))


# ---------------------------------------------------------------- determination
def perlu_persetujuan_dprd(a: Agreement) -> bool | None:
    """``persetujuan_dprd.kr``: does the cooperation need DPRD approval? ``None``: unknown."""
    jenis = a.jenis
    if jenis is _KSDD or jenis is _KSDPK:
        t = a.teranggarkan_apbd
        return _or(a.membebani_masyarakat_dan_daerah, None if t is None else not t)
    if jenis is _KSDPL or jenis is _KSDLL:
        return True
    return None


# ---------------------------------------------------------------- shared requirements
def _dprd_before_signing(a: Agreement, rule_id: str, citation: str) -> Outcome:
    """``wajib (tidak terisi dprd.diajukan atau dprd.diajukan) dan (dprd.keputusan ==
    disetujui dan dprd.tanggal_keputusan <= perjanjian.tanggal_ttd) jika terisi
    perjanjian.tanggal_ttd`` (the audit requirement waits for `mode_bukti == audit`)."""
    p = a.perjanjian
    ttd = None if p is None else p.tanggal_ttd
    if ttd is None:  # guard false: pending, no finding
        return (rule_id, "pass", _NA)
    d = a.dprd
    if d is None:
        value = None
    else:
        k = d.keputusan
        tk = d.tanggal_keputusan
        value = _and(
            d.diajukan is not False,  # `dprd.diajukan: false` is an explicit negative
            _and(None if k is None else k is _DISETUJUI, None if tk is None else tk <= ttd),
        )
    if value is True:
        return (rule_id, "pass", _NA)
    status = "fail" if value is False else "unknown"
    return (rule_id, status, ((status, "error", citation),))


def _le(x: datetime.date | None, y: datetime.date | None) -> bool | None:
    return None if x is None or y is None else x <= y


def _stages(a: Agreement, rule_id: str) -> Outcome:
    """Pasal 6 ayat (1): the joint agreement before the DPRD request and before the PKS."""
    kb = a.kesepakatan_bersama
    kb_date = None if kb is None else kb.tanggal_ttd
    f: list[Finding] = []
    d = a.dprd
    if d is not None and d.surat_permohonan is not None:
        _require(f, _le(kb_date, d.surat_permohonan), "error", _C6_1_D)
    p = a.perjanjian
    if p is not None and p.tanggal_ttd is not None:
        # `kesepakatan_bersama.ada: false` is an explicit negative
        kb_ok = kb is None or kb.ada is not False
        _require(f, _and(kb_ok, _le(kb_date, p.tanggal_ttd)), "error", _C6_1_D)
    return (rule_id, _status(f), tuple(f))


def _deadline(a: Agreement, rule_id: str, as_of: datetime.date | None) -> Outcome:
    """Pasal 30 ayat (4): the DPRD decides within 45 working days of receipt (warnings)."""
    d = a.dprd
    if d is None or d.diterima is None:
        return (rule_id, "not_applicable", _NA)
    due = _CALENDAR.nth_working_day_after(d.diterima, 45)
    f: list[Finding] = []
    if d.tanggal_keputusan is not None:
        _require(f, d.tanggal_keputusan <= due, "warning", _C30_4)
    else:
        _require(f, None if as_of is None else as_of <= due, "warning", _C30_4)
    return (rule_id, _status(f), tuple(f))


def _request(a: Agreement, rule_id: str) -> Outcome:
    """Pasal 30 ayat (2): the plan is attached, and it existed before the request."""
    d = a.dprd
    if d is None or d.surat_permohonan is None:
        return (rule_id, "pass", _NA)
    f: list[Finding] = []
    _require(f, d.lampiran_rencana, "error", _C30_2)
    r = a.rencana
    _require(f, _le(None if r is None else r.tanggal, d.surat_permohonan), "error", _C30_2)
    return (rule_id, _status(f), tuple(f))


def _plan_contents(a: Agreement, rule_id: str) -> Outcome:
    """``wajib tidak kosong(rencana.X)`` for the seven contents: a part left out of the
    record is unknown, a part recorded empty (``""``) fails. (The audit-mode requirement
    of the rule is off by default, as in every run the floor is compared with.)"""
    r = a.rencana
    findings: list[Finding] = []
    for name, citation in _RENCANA:
        s = getattr(r, name)
        _require(findings, None if s is None else bool(s.strip()), "error", citation)
    return (rule_id, _status(findings), tuple(findings))


def _all(items: tuple | None, pred) -> bool | None:  # type: ignore[no-untyped-def,type-arg]
    """Kleene ``setiap``: ``pred`` returns True, False or None per item."""
    if items is None:
        return None
    unknown = False
    for x in items:
        v = pred(x)
        if v is False:
            return False
        if v is None:
            unknown = True
    return None if unknown else True


def _negara_ok(m) -> bool | None:  # type: ignore[no-untyped-def]
    n = m.negara
    return None if n is None else n not in _TANPA_HUBUNGAN_DIPLOMATIK


def _negara_diakui(m) -> bool | None:  # type: ignore[no-untyped-def]
    n = m.negara
    return None if n is None else n not in _TANPA_HUBUNGAN_DIPLOMATIK_KEYAKINAN_SEDANG


def _negara_tidak_diragukan(m) -> bool | None:  # type: ignore[no-untyped-def]
    n = m.negara
    return None if n is None else n not in _HUBUNGAN_DIPLOMATIK_DIRAGUKAN


def _tidak_mencampuri(m) -> bool | None:  # type: ignore[no-untyped-def]
    v = m.mencampuri_urusan_dalam_negeri
    return None if v is None else not v


def _urusan_daerah(u: Urusan) -> bool:
    return u not in _URUSAN_ABSOLUT


# ---------------------------------------------------------------- more Kleene helpers
def _eq(x: object, v: object) -> bool | None:
    return None if x is None else x is v


def _ne(x: object, v: object) -> bool | None:
    return None if x is None else x is not v


def _in(x: object, values: frozenset) -> bool | None:  # type: ignore[type-arg]
    return None if x is None else x in values


def _has(items: tuple | None, v: object) -> bool | None:  # type: ignore[type-arg]
    """``v dalam items`` for a list field: unknown when the list is."""
    return None if items is None else v in items


def _implies(x: bool | None, y: bool | None) -> bool | None:
    return _or(_not(x), y)


def _any(items: tuple | None, pred) -> bool | None:  # type: ignore[no-untyped-def,type-arg]
    """Kleene ``ada``: true if some item is true, false if all are false."""
    if items is None:
        return None
    unknown = False
    for x in items:
        v = pred(x)
        if v is True:
            return True
        if v is None:
            unknown = True
    return None if unknown else False


def _get(obj: object, *names: str) -> object:
    """A field path: ``None`` as soon as a link is missing."""
    for n in names:
        if obj is None:
            return None
        obj = getattr(obj, n)
    return obj


def _gt(x: int | None, n: int) -> bool | None:
    return None if x is None else x > n


def _ge(x: Duration | None, y: Duration) -> bool | None:
    return None if x is None else x >= y


def _due(f: list[Finding], guard: bool | None, value, severity: str, citation: str) -> None:  # type: ignore[no-untyped-def]
    """One ``wajib ... jika guard``: pending (nothing) when the guard is false."""
    if guard is False:
        return
    if guard is None:
        f.append(("unknown", severity, citation))
        return
    _require(f, value(), severity, citation)


def _outcome(rule_id: str, f: list[Finding]) -> Outcome:
    return (rule_id, _status(f), tuple(f))


def _unknown_applicability(rule_id: str, severity: str, citation: str) -> Outcome:
    return (rule_id, "unknown", (("unknown", severity, citation),))


# ---------------------------------------------------------------- constants of the new rules
_UU = "UU 23/2014"
_HEADS = frozenset(
    {
        Jabatan.GUBERNUR,
        Jabatan.BUPATI,
        Jabatan.WALI_KOTA,
        Jabatan.PENJABAT_KEPALA_DAERAH,
        Jabatan.PELAKSANA_TUGAS_KEPALA_DAERAH,
    }
)
_ACTING = frozenset({Jabatan.PENJABAT_KEPALA_DAERAH, Jabatan.PELAKSANA_TUGAS_KEPALA_DAERAH})
_OFFICIALS = frozenset(
    {Jabatan.SEKRETARIS_DAERAH, Jabatan.KEPALA_PERANGKAT_DAERAH, Jabatan.PEJABAT_PERANGKAT_DAERAH}
)
_REGIONS = frozenset({JenisMitra.PROVINSI, JenisMitra.KABUPATEN, JenisMitra.KOTA})
# pp28-1-ksdd / pp28-1-ksdpl accept a ministry or agency: pp28-46 (Pasal 46) flags it.
_REGIONS_OR_KL = _REGIONS | {JenisMitra.KEMENTERIAN_LEMBAGA}
_FOREIGN_REGION_OR_KL = frozenset(
    {JenisMitra.PEMERINTAH_DAERAH_LUAR_NEGERI, JenisMitra.KEMENTERIAN_LEMBAGA}
)
# Pasal 14 lists the third parties; a ministry or agency is left to pp28-46 (Pasal 46).
_THIRD_PARTIES = frozenset(
    {
        JenisMitra.PERSEORANGAN,
        JenisMitra.BADAN_USAHA,
        JenisMitra.ORGANISASI_KEMASYARAKATAN,
        JenisMitra.KEMENTERIAN_LEMBAGA,
    }
)
_MITRA_KABKOTA = frozenset({JenisMitra.KABUPATEN, JenisMitra.KOTA})
_CHANNELLED = frozenset(
    {
        JenisMitra.ORGANISASI_INTERNASIONAL,
        JenisMitra.LEMBAGA_NIRLABA_LUAR_NEGERI,
        JenisMitra.MITRA_PEMBANGUNAN_LUAR_NEGERI,
    }
)
_GROUNDS_OUTSIDE_PLAN = frozenset(
    {
        AlasanDiLuarPerencanaan.KONDISI_DARURAT,
        AlasanDiLuarPerencanaan.PROGRAM_STRATEGIS_NASIONAL,
        AlasanDiLuarPerencanaan.TUGAS_PEMBANTUAN,
    }
)
_ENDS_9 = frozenset(
    {
        AlasanBerakhir.JANGKA_WAKTU_HABIS,
        AlasanBerakhir.TUJUAN_TERCAPAI,
        AlasanBerakhir.KESEPAKATAN_PARA_PIHAK,
        AlasanBerakhir.PERUBAHAN_KEBIJAKAN,
        AlasanBerakhir.OBJEK_HILANG_MUSNAH,
    }
)
_ENDS_22 = _ENDS_9 | {
    AlasanBerakhir.PUTUSAN_PENGADILAN_BERKEKUATAN_HUKUM_TETAP,
    AlasanBerakhir.PIHAK_KETIGA_PAILIT,
}
_KABKOTA = frozenset({Tingkat.KABUPATEN, Tingkat.KOTA})
_UU14 = frozenset({Urusan.KEHUTANAN, Urusan.KELAUTAN_PERIKANAN, Urusan.ENERGI_SUMBER_DAYA_MINERAL})
# The tables of pembagian_urusan.kr: the 32 concurrent affairs for a province; the same
# without the three of UU 23/2014 Pasal 14 ayat (1) for a regency/city.
_URUSAN_PROVINSI = frozenset(Urusan) - _URUSAN_ABSOLUT
_URUSAN_KABKOTA = _URUSAN_PROVINSI - _UU14
_FIVE_YEARS = Duration(years=5)
_ONE_YEAR = Duration(years=1)
_UU_IN_FORCE = datetime.date(2014, 10, 2)  # `masa_berlaku UU 23/2014 sejak 2014-10-02`
_SATU_PROVINSI = KonfigurasiDaerah.KABUPATEN_KOTA_SATU_PROVINSI
_RUNNING = frozenset({StatusKerjaSama.PELAKSANAAN, StatusKerjaSama.BERAKHIR})


def _pp(unit: str) -> str:
    return f"{unit} {_PP}"


def _uu(unit: str) -> str:
    return f"{unit} {_UU}"


# ---------------------------------------------------------------- definitions
def _done(step: object, flag: str) -> bool | None:
    """The definitions of ``bukti_tanggal.kr``: ``X.flag atau (tidak terisi X.flag dan
    terisi X.tanggal)``. A recorded flag decides (``false`` is an explicit negative, even
    with a date); an unrecorded one is true when the step is dated, else unknown."""
    v = _get(step, flag)
    if v is not None:
        return v  # type: ignore[return-value]
    return True if _get(step, "tanggal") is not None else None


def _satu_provinsi(a: Agreement) -> bool | None:
    """``definisi antar_kabupaten_kota_satu_provinsi`` (pasal_08.kr): the officer's
    ``konfigurasi_daerah`` when recorded, else the levels and provinces of the parties."""
    konf = a.konfigurasi_daerah
    if konf is not None:
        return konf is _SATU_PROVINSI
    mitra = a.mitra
    prov = _get(a.daerah, "provinsi")
    low = None if prov is None else prov.lower()  # type: ignore[attr-defined]
    return _and(
        _and(
            _in(_get(a.daerah, "tingkat"), _KABKOTA),
            None if mitra is None else len(mitra) > 0,
        ),
        _all(
            mitra,
            lambda m: _and(
                _in(m.jenis, _MITRA_KABKOTA),
                None if m.provinsi is None or low is None else m.provinsi.lower() == low,
            ),
        ),
    )


# ---------------------------------------------------------------- one function per rule
def _partners(
    a: Agreement, rule_id: str, kind: Jenis, pred, citation: str, nonempty: bool = False
) -> Outcome:  # type: ignore[no-untyped-def]
    if a.jenis is not kind:
        return (rule_id, "not_applicable", _NA)
    f: list[Finding] = []
    _require(f, _all(a.mitra, pred), "error", citation)
    if nonempty:  # pp28-1-*: `wajib ukuran(mitra) > 0`
        _require(f, None if a.mitra is None else len(a.mitra) > 0, "error", citation)
    return _outcome(rule_id, f)


def _signatories(a: Agreement, rule_id: str, kind: Jenis, c1: str, c2: str) -> Outcome:
    """Pasal 2 (KSDD) / Pasal 13 (KSDPK): who signs the KB and the PKS."""
    if a.jenis is not kind:
        return (rule_id, "not_applicable", _NA)
    kb = a.kesepakatan_bersama
    kb_ttd = _get(kb, "tanggal_ttd")
    kb_jab = _get(kb, "penandatangan", "jabatan")
    p = a.perjanjian
    p_ttd = _get(p, "tanggal_ttd")
    p_jab = _get(p, "penandatangan", "jabatan")
    p_kuasa = _get(p, "penandatangan", "atas_kuasa")
    sk = a.surat_kuasa
    f: list[Finding] = []
    _due(f, kb_ttd is not None, lambda: _in(kb_jab, _HEADS), "error", c1)
    _due(
        f,
        p_ttd is not None,
        lambda: _or(_in(p_jab, _HEADS), _and(_in(p_jab, _OFFICIALS), p_kuasa)),  # type: ignore[arg-type]
        "error",
        c2,
    )
    _due(
        f,
        p_kuasa is True,
        lambda: _and(
            _get(sk, "ada") is not False,  # `surat_kuasa.ada: false` is an explicit negative
            _and(_in(_get(sk, "pemberi"), _HEADS), _le(_get(sk, "tanggal"), p_ttd)),  # type: ignore[arg-type]
        ),
        "error",
        c2,
    )
    _due(f, kb_jab is not None, lambda: kb_jab not in _ACTING, "warning", c1)
    return _outcome(rule_id, f)


def _object(a: Agreement, rule_id: str, kind: Jenis, pasal: int) -> Outcome:
    """Pasal 4 (KSDD) / Pasal 16 (KSDPK): the object of the cooperation."""
    if a.jenis is not kind:
        return (rule_id, "not_applicable", _NA)
    f: list[Finding] = []
    _require(f, _kewenangan_daerah_atas_urusan(a), "error", _pp(f"Pasal {pasal} ayat (1)"))
    _require(f, _all(a.urusan, _urusan_daerah), "error", _pp(f"Pasal {pasal} ayat (1)"))
    _require(
        f,
        _or(
            a.objek_dalam_perencanaan_pembangunan,
            _in(a.alasan_di_luar_perencanaan, _GROUNDS_OUTSIDE_PLAN),
        ),
        "error",
        _pp(f"Pasal {pasal} ayat (3)"),
    )
    _require(
        f,
        _not(a.bertentangan_kesusilaan_ketertiban_kepentingan_nasional),
        "error",
        _pp(f"Pasal {pasal} ayat (4)"),
    )
    return _outcome(rule_id, f)


def _kewenangan_daerah_atas_urusan(a: Agreement) -> bool | None:
    """The determination of ``rules/uu23_2014/pembagian_urusan.kr``."""
    k = a.urusan_kewenangan_daerah
    if k is not None:  # jika terisi urusan_kewenangan_daerah maka urusan_kewenangan_daerah
        return k
    urusan = a.urusan
    if urusan is None:  # `ada u dalam urusan` unknown; the table and `selainnya` too
        return None
    for u in urusan:  # jika ada u dalam urusan: u dalam urusan_absolut maka salah
        if u in _URUSAN_ABSOLUT:
            return False
    # jika kewenangan_menurut_tabel maka benar; selainnya urusan_kewenangan_daerah (unknown)
    tingkat = _get(a.daerah, "tingkat")
    mitra = a.mitra
    if not urusan or tingkat is None or mitra is None:
        return None
    own = _URUSAN_PROVINSI if tingkat is Tingkat.PROVINSI else _URUSAN_KABKOTA
    for u in urusan:
        if u not in own:
            return None
        for m in mitra:
            j = m.jenis
            if j is None:
                return None
            if (j is JenisMitra.PROVINSI and u not in _URUSAN_PROVINSI) or (
                j in _MITRA_KABKOTA and u not in _URUSAN_KABKOTA
            ):
                return None
    return True


def _wajib(a: Agreement) -> bool | None:
    """``jenis == KSDD dan kategori == wajib``."""
    return _and(a.jenis is _KSDD, _eq(a.kategori, Kategori.WAJIB))


def _pp28_5(a: Agreement) -> Outcome:
    when = _wajib(a)
    if when is False:
        return ("pp28-5", "not_applicable", _NA)
    if when is None:
        return _unknown_applicability("pp28-5", "error", _pp("Pasal 5"))
    due = _get(a.kesepakatan_bersama, "tanggal_ttd") is not None
    kt = a.koordinasi_teknis
    level = _get(kt, "tingkat")
    satu = _satu_provinsi(a)
    f: list[Finding] = []
    # wajib pemetaan_urusan_dilakukan (bukti_tanggal.kr: a dated mapping was done)
    _due(f, due, lambda: _done(a.pemetaan_urusan, "dilakukan"), "error", _pp("Pasal 5 ayat (1)"))
    # antar_kabupaten_kota_satu_provinsi: recorded konfigurasi_daerah, else derived (pasal_08.kr)
    _due(
        f,
        due,
        lambda: _or(
            _and(satu, _eq(level, TingkatKoordinasi.PROVINSI)),
            _and(_not(satu), _eq(level, TingkatKoordinasi.NASIONAL)),
        ),
        "error",
        _pp("Pasal 5 ayat (2)"),
    )
    _due(
        f,
        due,
        lambda: _get(kt, "hasil_disepakati_kepala_daerah"),
        "error",
        _pp("Pasal 5 ayat (3)"),
    )
    # The two audit requirements (no record of mapping / coordination) wait for
    # `mode_bukti == audit`; the switch is off by default, so they are pending.
    return _outcome("pp28-5", f)


def _pp28_7_2(a: Agreement) -> Outcome:
    sek = a.sekretariat_kerja_sama
    dibentuk = _get(sek, "dibentuk")
    when = _and(dibentuk is True, _wajib(a))
    if when is False:
        return ("pp28-7-2", "not_applicable", _NA)
    if when is None:
        return _unknown_applicability("pp28-7-2", "error", _pp("Pasal 7 ayat (2)"))
    f: list[Finding] = []
    _require(f, _get(sek, "terus_menerus"), "error", _pp("Pasal 7 ayat (2) huruf a"))  # type: ignore[arg-type]
    _require(
        f,
        _or(_gt(_get(sek, "jumlah_daerah"), 2), _gt(_get(sek, "jumlah_objek"), 2)),  # type: ignore[arg-type]
        "error",
        _pp("Pasal 7 ayat (2) huruf b"),
    )
    _require(f, _ge(a.jangka_waktu, _FIVE_YEARS), "error", _pp("Pasal 7 ayat (2) huruf c"))
    return _outcome("pp28-7-2", f)


def _ended(
    a: Agreement, rule_id: str, kind: Jenis, grounds: frozenset, c1: str, c2: str
) -> Outcome:  # type: ignore[type-arg]
    """Pasal 9 (KSDD) / Pasal 22 (KSDPK): the grounds for ending."""
    if a.jenis is not kind or a.status is not StatusKerjaSama.BERAKHIR:
        return (rule_id, "not_applicable", _NA)
    f: list[Finding] = []
    _require(f, _in(a.alasan_berakhir, grounds), "error", c1)
    _require(f, _ne(a.alasan_berakhir, AlasanBerakhir.PERGANTIAN_KEPALA_DAERAH), "error", c2)
    return _outcome(rule_id, f)


def _initiative(a: Agreement, rule_id: str, who: Prakarsa, citation: str) -> bool | Outcome:
    """``berlaku jika jenis == KSDPK dan prakarsa_dari == who``: True, or the outcome."""
    when = _and(a.jenis is _KSDPK, _eq(a.prakarsa_dari, who))
    if when is False:
        return (rule_id, "not_applicable", _NA)
    if when is None:
        return _unknown_applicability(rule_id, "error", citation)
    return True


def _pp28_17(a: Agreement) -> Outcome:
    when = _initiative(a, "pp28-17", Prakarsa.PEMERINTAH_DAERAH, _pp("Pasal 17"))
    if when is not True:
        return when  # type: ignore[return-value]
    due = _get(a.perjanjian, "tanggal_ttd") is not None
    f: list[Finding] = []
    # pemetaan_urusan_dilakukan, studi_kelayakan_ada: bukti_tanggal.kr
    _due(f, due, lambda: _done(a.pemetaan_urusan, "dilakukan"), "error", _pp("Pasal 17 huruf a"))
    ada = _done(a.studi_kelayakan, "ada")
    _due(f, due, lambda: ada, "error", _pp("Pasal 17 huruf b"))
    _due(
        f,
        _and(due, ada),  # jika terisi perjanjian.tanggal_ttd dan studi_kelayakan_ada == benar
        lambda: _in(_get(a.studi_kelayakan, "disusun_oleh"), _BY_REGION),
        "error",
        _pp("Pasal 17 huruf b"),
    )
    # The audit requirement (no record of the mapping) waits for `mode_bukti == audit`.
    return _outcome("pp28-17", f)


_BY_REGION = frozenset({PenyusunStudi.PEMERINTAH_DAERAH, PenyusunStudi.PARA_PIHAK})


def _pp28_18(a: Agreement) -> Outcome:
    when = _initiative(a, "pp28-18", Prakarsa.PIHAK_KETIGA, _pp("Pasal 18"))
    if when is not True:
        return when  # type: ignore[return-value]
    sk = a.studi_kelayakan
    f: list[Finding] = []
    _require(f, a.terintegrasi_rencana_induk, "error", _pp("Pasal 18 ayat (1) huruf a"))
    _require(f, a.layak_ekonomi_finansial, "error", _pp("Pasal 18 ayat (1) huruf b"))
    _require(f, a.kemampuan_keuangan_pemrakarsa, "error", _pp("Pasal 18 ayat (1) huruf c"))
    _due(
        f,
        _get(a.perjanjian, "tanggal_ttd") is not None,
        lambda: _and(
            _done(sk, "ada"),  # studi_kelayakan_ada (bukti_tanggal.kr)
            _in(
                _get(sk, "disusun_oleh"),
                frozenset({PenyusunStudi.PIHAK_KETIGA, PenyusunStudi.PARA_PIHAK}),
            ),
        ),
        "error",
        _pp("Pasal 18 ayat (2)"),
    )
    return _outcome("pp28-18", f)


_CLAUSES = tuple(
    zip(
        (
            Klausul.HAK_DAN_KEWAJIBAN,
            Klausul.JANGKA_WAKTU_KERJA_SAMA,
            Klausul.PENYELESAIAN_PERSELISIHAN,
            Klausul.SANKSI_WANPRESTASI,
        ),
        "abcd",
        strict=True,
    )
)


def _pp28_19_2(a: Agreement) -> Outcome:
    if a.jenis is not _KSDPK:
        return ("pp28-19-2", "not_applicable", _NA)
    due = _get(a.perjanjian, "tanggal_ttd") is not None
    klausul = _get(a.perjanjian, "klausul")
    f: list[Finding] = []
    for k, h in _CLAUSES:
        _due(f, due, lambda k=k: _has(klausul, k), "error", _pp(f"Pasal 19 ayat (2) huruf {h}"))  # type: ignore[misc]
    return _outcome("pp28-19-2", f)


def _pp28_20(a: Agreement) -> Outcome:
    h = a.hasil
    if a.jenis is not _KSDPK or h is None:
        return ("pp28-20", "not_applicable", _NA)
    f: list[Finding] = []
    _require(f, _implies(h.berupa_uang, h.disetor_kas_daerah), "error", _pp("Pasal 20 ayat (2)"))
    _require(f, _implies(h.berupa_barang, h.dicatat_aset), "error", _pp("Pasal 20 ayat (3)"))
    return _outcome("pp28-20", f)


def _pp28_24(a: Agreement) -> Outcome:
    if a.jenis is not _KSDPL:
        return ("pp28-24", "not_applicable", _NA)
    tingkat = _get(a.daerah, "tingkat")
    f: list[Finding] = []
    _require(
        f,
        _implies(_eq(a.bentuk, _BENTUK_PROVINSI), _eq(tingkat, Tingkat.PROVINSI)),
        "error",
        _pp("Pasal 24 huruf a"),
    )
    _require(
        f,
        _implies(_eq(a.bentuk, _BENTUK_KABKOTA), _in(tingkat, _KABKOTA)),
        "error",
        _pp("Pasal 24 huruf b"),
    )
    return _outcome("pp28-24", f)


def _pp28_28(a: Agreement) -> Outcome:
    if a.jenis is not _KSDPL and a.jenis is not _KSDLL:
        return ("pp28-28", "not_applicable", _NA)
    loi = _get(a.loi, "tanggal_ttd")
    pj = a.penjajakan
    k = a.konsultasi_mendagri_kemlu
    rencana = _get(a.rencana, "tanggal")
    f: list[Finding] = []
    _due(
        f,
        loi is not None,
        # penjajakan_dilakukan (bukti_tanggal.kr)
        lambda: _and(_done(pj, "dilakukan"), _le(_get(pj, "tanggal"), loi)),  # type: ignore[arg-type]
        "error",
        _pp("Pasal 28 ayat (3)"),
    )
    _due(
        f,
        loi is not None,
        lambda: _and(
            _and(_get(k, "mendagri"), _get(k, "kemlu")),  # type: ignore[arg-type]
            _le(_get(k, "tanggal"), loi),  # type: ignore[arg-type]
        ),
        "error",
        _pp("Pasal 28 ayat (4)"),
    )
    _due(f, rencana is not None, lambda: _le(loi, rencana), "error", _pp("Pasal 28 ayat (5)"))  # type: ignore[arg-type]
    # The audit requirements of ayat (3) and (4) wait for `mode_bukti == audit`.
    return _outcome("pp28-28", f)


def _pp28_31(a: Agreement, rule_id: str, kind: Jenis) -> Outcome:
    if a.jenis is not kind:
        return (rule_id, "not_applicable", _NA)
    pm = a.pertimbangan_menteri
    asked = _get(pm, "tanggal_permohonan")
    ttd = _get(a.perjanjian, "tanggal_ttd")
    d = a.dprd
    f: list[Finding] = []
    _due(
        f,
        asked is not None,
        lambda: _and(
            _eq(_get(d, "keputusan"), _DISETUJUI),
            _le(_get(d, "tanggal_keputusan"), asked),  # type: ignore[arg-type]
        ),
        "error",
        _pp("Pasal 31 ayat (1)"),
    )
    _due(
        f,
        ttd is not None,
        lambda: _and(
            _eq(_get(pm, "hasil"), HasilPertimbangan.SUSUN_RANCANGAN_NASKAH),
            _le(_get(pm, "tanggal"), ttd),  # type: ignore[arg-type]
        ),
        "error",
        _pp("Pasal 31 ayat (3) huruf b"),
    )
    # The audit requirement (no record of the consideration) waits for `mode_bukti == audit`.
    return _outcome(rule_id, f)


_PESERTA = tuple(
    zip(
        (PesertaRapat.KEMLU, PesertaRapat.KL_TERKAIT_OBJEK, PesertaRapat.PEMDA_PROVINSI),
        "abc",
        strict=True,
    )
)


def _pp28_32(a: Agreement, rule_id: str, kind: Jenis) -> Outcome:
    if a.jenis is not kind:
        return (rule_id, "not_applicable", _NA)
    pmr = a.persetujuan_menteri_rancangan
    ttd = _get(a.perjanjian, "tanggal_ttd")
    peserta = _get(a.rapat_antar_kl, "peserta")
    due = _get(pmr, "tanggal") is not None
    f: list[Finding] = []
    _due(
        f,
        ttd is not None,
        # persetujuan_menteri_rancangan_diberikan (bukti_tanggal.kr)
        lambda: _and(_done(pmr, "diberikan"), _le(_get(pmr, "tanggal"), ttd)),  # type: ignore[arg-type]
        "error",
        _pp("Pasal 32 ayat (1)"),
    )
    for x, h in _PESERTA:
        _due(f, due, lambda x=x: _has(peserta, x), "error", _pp(f"Pasal 32 ayat (3) huruf {h}"))  # type: ignore[misc,arg-type]
    _due(
        f,
        due,
        lambda: _implies(
            _in(_get(a.daerah, "tingkat"), _KABKOTA),
            _has(peserta, PesertaRapat.PEMDA_KABUPATEN_KOTA),  # type: ignore[arg-type]
        ),
        "error",
        _pp("Pasal 32 ayat (3) huruf d"),
    )
    # The audit requirements (no record of the approval / the meeting) wait for
    # `mode_bukti == audit`.
    return _outcome(rule_id, f)


def _pp28_33(a: Agreement, rule_id: str, kind: Jenis) -> Outcome:
    if a.jenis is not kind:
        return (rule_id, "not_applicable", _NA)
    p = a.perjanjian
    ttd = _get(p, "tanggal_ttd")
    f: list[Finding] = []
    due = ttd is not None
    c = _pp("Pasal 33 ayat (4)")
    sk = a.surat_konfirmasi_kemlu
    _due(
        f,
        due,
        lambda: _and(
            _get(sk, "ada") is not False,  # `surat_konfirmasi_kemlu.ada: false`: no letter
            _le(_get(sk, "tanggal"), ttd),  # type: ignore[arg-type]
        ),
        "error",
        c,
    )
    _due(f, due, lambda: _in(_get(p, "penandatangan", "jabatan"), _HEADS), "error", c)
    return _outcome(rule_id, f)


def _disputes(a: Agreement, rule_id: str, kind: Jenis, citation: str) -> Outcome:
    """Pasal 34 (KSDPL) / Pasal 41 (KSDLL): negotiation and consultation (warning)."""
    if a.jenis is not kind:
        return (rule_id, "not_applicable", _NA)
    p = a.perjanjian
    f: list[Finding] = []
    _due(
        f,
        _get(p, "tanggal_ttd") is not None,
        lambda: _eq(
            _get(p, "cara_penyelesaian_perselisihan"),
            CaraPenyelesaianPerselisihan.NEGOSIASI_KONSULTASI,
        ),
        "warning",
        citation,
    )
    return _outcome(rule_id, f)


def _pp28_36(a: Agreement) -> Outcome:
    if a.jenis is not _KSDLL:
        return ("pp28-36", "not_applicable", _NA)
    f: list[Finding] = []
    _require(
        f,
        _implies(
            _eq(a.dasar_ksdll, DasarKsdll.PENERUSAN_KERJA_SAMA_PUSAT),
            _all(a.mitra, lambda m: _in(m.jenis, _CHANNELLED)),
        ),
        "error",
        _pp("Pasal 36 ayat (1)"),
    )
    _require(f, _all(a.mitra, lambda m: _not(m.partai_politik)), "error", _pp("Pasal 36 ayat (2)"))
    return _outcome("pp28-36", f)


def _pp28_43(a: Agreement, as_of: datetime.date | None) -> Outcome:
    if a.jenis is not _KSDPL and a.jenis is not _KSDLL:
        return ("pp28-43", "not_applicable", _NA)
    status = a.status
    mulai = a.mulai_pelaksanaan
    running = status is StatusKerjaSama.PELAKSANAAN
    # as_of >= mulai_pelaksanaan + 1 tahun (only read when mulai_pelaksanaan is set)
    full_year = None if mulai is None or as_of is None else as_of >= shift_date(mulai, _ONE_YEAR)
    c = _pp("Pasal 43 ayat (1)")

    def reported() -> bool | None:
        return _any(a.laporan, lambda r: _eq(r.penerima, PenerimaLaporan.MENTERI_DALAM_NEGERI))

    f: list[Finding] = []
    _due(f, status is StatusKerjaSama.BERAKHIR, reported, "error", c)
    _due(f, _and(running and mulai is not None, full_year), reported, "error", c)
    _due(f, _and(running, _or(mulai is None, _not(full_year))), reported, "warning", c)
    return _outcome("pp28-43", f)


def _pp28_49(a: Agreement) -> Outcome:
    ttd = _get(a.perjanjian, "tanggal_ttd")
    mitra = a.mitra
    if (
        ttd is not None
        and ttd < _PP28_IN_FORCE  # type: ignore[operator]
        and mitra is not None
        and any(m.jenis is JenisMitra.KEMENTERIAN_LEMBAGA for m in mitra)
    ):
        return ("pp28-49", "pass", _NA)
    return ("pp28-49", "not_applicable", _NA)


def _pp28_48_perpanjangan(a: Agreement) -> Outcome:
    ttd = _get(a.perjanjian, "tanggal_ttd")
    perp = a.perpanjangan
    ext = _get(perp, "tanggal_ttd")
    if ttd is None or ttd >= _PP28_IN_FORCE or ext is None or ext < _PP28_IN_FORCE:  # type: ignore[operator]
        return ("pp28-48-perpanjangan", "not_applicable", _NA)
    f: list[Finding] = []
    _require(f, _get(perp, "mengikuti_prosedur_pp28"), "warning", _pp("Pasal 48"))  # type: ignore[arg-type]
    return _outcome("pp28-48-perpanjangan", f)


def _uu23_14(a: Agreement) -> Outcome:
    when = _in(_get(a.daerah, "tingkat"), _KABKOTA)
    if when is False:
        return ("uu23-14", "not_applicable", _NA)
    c = _uu("Pasal 14 ayat (1)")
    if when is None:
        return _unknown_applicability("uu23-14", "warning", c)
    f: list[Finding] = []
    _require(f, _all(a.urusan, lambda u: u not in _UU14), "warning", c)
    return _outcome("uu23-14", f)


def _uu23_364_1(a: Agreement) -> Outcome:
    when = _wajib(a)
    c = _uu("Pasal 364 ayat (1)")
    if when is False:
        return ("uu23-364-1", "not_applicable", _NA)
    if when is None:
        return _unknown_applicability("uu23-364-1", "error", c)
    f: list[Finding] = []
    _require(f, _all(a.mitra, lambda m: m.berbatasan), "error", c)
    _require(f, a.eksternalitas_lintas_daerah, "error", c)
    _require(f, a.lebih_efisien_dikelola_bersama, "error", c)
    return _outcome("uu23-364-1", f)


def _uu23_364_3(a: Agreement) -> Outcome:
    """Information only (a note): which authority takes over."""
    when = _wajib(a)
    if when is False:
        return ("uu23-364-3", "not_applicable", _NA)
    if when is None:
        return _unknown_applicability("uu23-364-3", "info", _uu("Pasal 364 ayat (3)"))
    return ("uu23-364-3", "pass", _NA)


def _signed_after(a: Agreement, rule_id: str, approval: object, citation: str) -> Outcome:
    """``wajib X_diberikan dan X.tanggal <= perjanjian.tanggal_ttd jika terisi ...``, where
    ``X_diberikan`` is the definition of bukti_tanggal.kr (a dated approval was given)."""
    ttd = _get(a.perjanjian, "tanggal_ttd")
    f: list[Finding] = []
    _due(
        f,
        ttd is not None,
        lambda: _and(_done(approval, "diberikan"), _le(_get(approval, "tanggal"), ttd)),  # type: ignore[arg-type]
        "error",
        citation,
    )
    return _outcome(rule_id, f)


_BENTUK_PROVINSI = Bentuk.PROVINSI_KEMBAR
_BENTUK_KABKOTA = Bentuk.KABUPATEN_KOTA_KEMBAR


# ---------------------------------------------------------------- the existing rules, by file
def _pp28_6(a: Agreement, perlu: bool | None) -> list[Outcome]:
    """pasal_06.kr: pp28-6-2 then pp28-6-1."""
    return _dprd_and_stages(a, perlu, _KSDD, "pp28-6-2", _C6_2, "pp28-6-1")


def _pp28_19(a: Agreement, perlu: bool | None) -> list[Outcome]:
    """pasal_19.kr: pp28-19-1 then pp28-19-1-tahapan."""
    return _dprd_and_stages(a, perlu, _KSDPK, "pp28-19-1", _C19_1, "pp28-19-1-tahapan")


def _dprd_and_stages(
    a: Agreement, perlu: bool | None, kind: Jenis, rule_id: str, citation: str, stages: str
) -> list[Outcome]:
    out: list[Outcome] = []
    # berlaku jika jenis == X dan perlu_persetujuan_dprd
    if a.jenis is not kind or perlu is False:
        out.append((rule_id, "not_applicable", _NA))
    elif perlu is None:
        out.append((rule_id, "unknown", (("unknown", "error", citation),)))
    else:
        out.append(_dprd_before_signing(a, rule_id, citation))
    # berlaku jika jenis == X (stage order)
    out.append((stages, "not_applicable", _NA) if a.jenis is not kind else _stages(a, stages))
    return out


def _pp28_27(a: Agreement) -> list[Outcome]:
    jenis = a.jenis
    foreign = jenis is _KSDPL or jenis is _KSDLL
    out: list[Outcome] = []
    # pp28-27-1: berlaku jika jenis dalam {KSDPL, KSDLL}
    if not foreign:
        out.append(("pp28-27-1", "not_applicable", _NA))
    else:
        f: list[Finding] = []
        mitra = a.mitra
        _require(f, _all(mitra, _negara_ok), "error", _C27_1_HURUF["a"])
        _require(f, _all(mitra, _negara_diakui), "error", _C27_1_HURUF["a"])
        _require(f, _all(mitra, _negara_tidak_diragukan), "warning", _C27_1_HURUF["a"])
        _require(f, _all(a.urusan, _urusan_daerah), "error", _C27_1_HURUF["b"])
        _require(f, _not(a.kantor_perwakilan_luar_negeri), "error", _C27_1_HURUF["c"])
        _require(f, _all(mitra, _tidak_mencampuri), "error", _C27_1_HURUF["d"])
        _require(f, a.sesuai_rencana_pembangunan, "error", _C27_1_HURUF["e"])
        out.append(("pp28-27-1", _status(f), tuple(f)))
    # pp28-27-2: berlaku jika jenis dalam {KSDPL, KSDLL} dan objek_luar_negeri == iptek
    objek = a.objek_luar_negeri
    if not foreign or (objek is not None and objek is not _IPTEK):
        out.append(("pp28-27-2", "not_applicable", _NA))
    elif objek is None:
        out.append(("pp28-27-2", "unknown", (("unknown", "error", _C27_2),)))
    else:
        f = []
        _require(f, a.alih_iptek_sdm_indonesia, "error", _C27_2)
        out.append(("pp28-27-2", _status(f), tuple(f)))
    # pp28-27-3: berlaku jika jenis == KSDPL
    if jenis is not _KSDPL:
        out.append(("pp28-27-3", "not_applicable", _NA))
    else:
        f = []
        _require(f, a.kesetaraan_status_wilayah, "error", _C27_3_HURUF["a"])
        _require(f, a.saling_melengkapi, "error", _C27_3_HURUF["b"])
        _require(f, a.peningkatan_hubungan_antarmasyarakat, "error", _C27_3_HURUF["c"])
        out.append(("pp28-27-3", _status(f), tuple(f)))
    return out


def _pp28_30(a: Agreement, kind: Jenis, prefix: str, as_of: datetime.date | None) -> list[Outcome]:
    """pasal_30.kr (KSDPL, prefix pp28-30-) and pasal_38.kr (KSDLL, prefix pp28-38-30-)."""
    if a.jenis is not kind:
        return [(prefix + n, "not_applicable", _NA) for n in "1234"]
    out = [_dprd_before_signing(a, prefix + "1", _C30_1), _request(a, prefix + "2")]
    if a.rencana is None:  # berlaku jika ... dan terisi rencana
        out.append((prefix + "3", "not_applicable", _NA))
    else:
        out.append(_plan_contents(a, prefix + "3"))
    out.append(_deadline(a, prefix + "4", as_of))
    return out


_DAERAH_KHUSUS = frozenset(
    {
        "Daerah Istimewa Yogyakarta", "DI Yogyakarta", "DKI Jakarta",
        "Daerah Khusus Ibukota Jakarta", "Aceh", "Papua", "Papua Barat", "Papua Selatan",
        "Papua Tengah", "Papua Pegunungan", "Papua Barat Daya",
    }
)  # fmt: skip


def _pp28_47(a: Agreement) -> Outcome:
    """pasal_47.kr: a region in a special-autonomy province gets a warning."""
    prov = _get(a.daerah, "provinsi")
    nama = _get(a.daerah, "nama")
    if prov is None and nama is None:
        return ("pp28-47", "not_applicable", _NA)
    ok = (prov is None or prov not in _DAERAH_KHUSUS) and (
        nama is None or nama not in _DAERAH_KHUSUS
    )
    f: list[Finding] = []
    _require(f, ok, "warning", _pp("Pasal 47"))
    return _outcome("pp28-47", f)


def _pp28_48(a: Agreement) -> Outcome:
    # berlaku jika terisi perjanjian.tanggal_ttd dan ... < 2018-07-13 (a note)
    signed = _get(a.perjanjian, "tanggal_ttd")
    if signed is not None and signed < _PP28_IN_FORCE:  # type: ignore[operator]
        return ("pp28-48", "pass", _NA)
    return ("pp28-48", "not_applicable", _NA)


# ---------------------------------------------------------------- all rules
_PP28, _UU23, _ALWAYS = "pp28", "uu23", "always"  # the `masa_berlaku` of each file


def check(a: Agreement, as_of: datetime.date | None = _AS_OF) -> list[Outcome]:
    """Every bundled rule on one agreement: ``[(rule_id, status, findings), ...]``.

    Rules come in the engine's order: rule files sorted by path (``rules/pp28_2018/*``,
    then ``rules/uu23_2014/*``), rules in file order.
    """
    signed = _get(a.perjanjian, "tanggal_ttd")
    reference = signed if signed is not None else as_of
    starts = {_PP28: _PP28_IN_FORCE, _UU23: _UU_IN_FORCE}
    out: list[Outcome] = []
    for period, outcomes in _rules(a, as_of):
        start = starts.get(period)
        if start is not None and reference is not None and reference < start:  # type: ignore[operator]
            # Not in force on the reference date (e.g. Pasal 48: signed before PP 28/2018).
            out.extend((rule_id, "not_applicable", _NA) for rule_id, _, _ in outcomes)
        else:
            out.extend(outcomes)
    return out


def _rules(a: Agreement, as_of: datetime.date | None) -> list[tuple[str, list[Outcome]]]:
    perlu = perlu_persetujuan_dprd(a)
    return [
        # rules/pp28_2018/
        (
            _PP28,
            [
                _partners(
                    a,
                    "pp28-1-ksdd",
                    _KSDD,
                    # a ministry/agency partner is flagged once, by pp28-46 (pasal_01.kr)
                    lambda m: _in(m.jenis, _REGIONS_OR_KL),
                    _uu("Pasal 363 ayat (2) huruf a"),
                    nonempty=True,
                ),
                _partners(
                    a,
                    "pp28-1-ksdpl",
                    _KSDPL,
                    lambda m: _in(m.jenis, _FOREIGN_REGION_OR_KL),
                    _uu("Pasal 363 ayat (2) huruf c"),
                    nonempty=True,
                ),
            ],
        ),
        (
            _PP28,
            [_signatories(a, "pp28-2", _KSDD, _pp("Pasal 2 ayat (1)"), _pp("Pasal 2 ayat (2)"))],
        ),
        (_PP28, [_object(a, "pp28-4", _KSDD, 4)]),
        (_PP28, [_pp28_5(a)]),
        (_PP28, _pp28_6(a, perlu)),
        (_PP28, [("pp28-6-4-pks-5-tahun", "not_applicable", _NA)]),  # switch off by default
        (_PP28, [_pp28_7_2(a)]),
        (_PP28, _pp28_8(a)),
        (
            _PP28,
            [_ended(a, "pp28-9", _KSDD, _ENDS_9, _pp("Pasal 9 ayat (1)"), _pp("Pasal 9 ayat (2)"))],
        ),
        (
            _PP28,
            [
                _signatories(
                    a, "pp28-13", _KSDPK, _pp("Pasal 13 ayat (1)"), _pp("Pasal 13 ayat (2)")
                )
            ],
        ),
        (_PP28, [_pp28_14(a)]),
        (_PP28, [_pp28_15_3(a)]),
        (_PP28, [_object(a, "pp28-16", _KSDPK, 16)]),
        (_PP28, [_pp28_17(a)]),
        (_PP28, [_pp28_18(a)]),
        (_PP28, _pp28_19(a, perlu)),
        (_PP28, [_pp28_19_2(a)]),
        (_PP28, [_pp28_20(a)]),
        (
            _PP28,
            [
                _ended(
                    a,
                    "pp28-22",
                    _KSDPK,
                    _ENDS_22,
                    _pp("Pasal 22 ayat (1)"),
                    _pp("Pasal 22 ayat (1)"),
                )
            ],
        ),
        (_PP28, [_pp28_23_2(a)]),
        (_PP28, [_pp28_24(a)]),
        (_PP28, [_pp28_25(a)]),
        (_PP28, _pp28_26(a)),
        (_PP28, _pp28_27(a)),
        (_PP28, [_pp28_28(a)]),
        (_PP28, _pp28_30(a, _KSDPL, "pp28-30-", as_of)),
        (_PP28, [_pp28_31(a, "pp28-31", _KSDPL), _pp28_31(a, "pp28-38-31", _KSDLL)]),
        (_PP28, [_pp28_32(a, "pp28-32", _KSDPL), _pp28_32(a, "pp28-39-32", _KSDLL)]),
        (_PP28, [_pp28_33(a, "pp28-33", _KSDPL), _pp28_33(a, "pp28-40-33", _KSDLL)]),
        (_PP28, [_disputes(a, "pp28-34", _KSDPL, _pp("Pasal 34"))]),
        (_PP28, [_pp28_36(a)]),
        (_PP28, _pp28_30(a, _KSDLL, "pp28-38-30-", as_of)),
        (_PP28, [_disputes(a, "pp28-41", _KSDLL, _pp("Pasal 41"))]),
        (_PP28, [_pp28_43(a, as_of)]),
        (_PP28, [_partners_all(a, "pp28-46"), _pp28_46_sinergi(a)]),
        (_PP28, [_pp28_47(a)]),
        (_ALWAYS, [_pp28_48(a)]),
        (_ALWAYS, [_pp28_49(a), _pp28_48_perpanjangan(a)]),
        # rules/uu23_2014/
        (_UU23, [_uu23_14(a)]),
        (
            _UU23,
            [
                _uu23_364_1(a),
                ("uu23-364-2", "not_applicable", _NA),  # switch at the UU reading by default
                _uu23_364_3(a),
            ],
        ),
        (_UU23, [_uu23_366_3(a)]),
        (_UU23, [_uu23_367_2(a)]),
    ]


def _pp28_8(a: Agreement) -> list[Outcome]:
    """pasal_08.kr: pp28-8 (notes only) then pp28-8-forum."""
    if a.jenis is not _KSDD:
        return [("pp28-8", "not_applicable", _NA), ("pp28-8-forum", "not_applicable", _NA)]
    satu = _satu_provinsi(a)  # definisi antar_kabupaten_kota_satu_provinsi
    c = _pp("Pasal 8")
    f: list[Finding] = []
    for doc in (a.perjanjian, a.kesepakatan_bersama):
        forum = _get(doc, "forum_penyelesaian_perselisihan")
        if forum is None:  # tidak terisi ...: both requirements hold
            continue
        _require(
            f,
            _or(_not(satu), forum is ForumPerselisihan.GUBERNUR_WAKIL_PEMERINTAH_PUSAT),
            "error",
            c,
        )
        _require(f, _or(satu, forum is ForumPerselisihan.MENTERI_DALAM_NEGERI), "error", c)
    return [("pp28-8", "pass", _NA), _outcome("pp28-8-forum", f)]


def _pp28_14(a: Agreement) -> Outcome:
    if a.jenis is not _KSDPK:
        return ("pp28-14", "not_applicable", _NA)
    mitra = a.mitra
    f: list[Finding] = []
    _require(f, _all(mitra, lambda m: _in(m.jenis, _THIRD_PARTIES)), "error", _pp("Pasal 14"))
    _require(
        f,
        _all(mitra, lambda m: _implies(_eq(m.jenis, JenisMitra.BADAN_USAHA), m.berbadan_hukum)),
        "error",
        _pp("Pasal 14 huruf b"),
    )
    return _outcome("pp28-14", f)


def _pp28_15_3(a: Agreement) -> Outcome:
    jk = a.jenis_ksdpk
    if a.jenis is not _KSDPK or jk is None:
        return ("pp28-15-3", "not_applicable", _NA)
    f: list[Finding] = []
    _require(
        f,
        jk is not JenisKsdpk.PENGELOLAAN_ASET and jk is not JenisKsdpk.INVESTASI,
        "info",
        _pp("Pasal 15 ayat (3)"),
    )
    return _outcome("pp28-15-3", f)


_OBJEK = frozenset(ObjekLuarNegeri)


def _pp28_23_2(a: Agreement) -> Outcome:
    if a.jenis is not _KSDPL and a.jenis is not _KSDLL:
        return ("pp28-23-2", "not_applicable", _NA)
    f: list[Finding] = []
    _require(f, _in(a.objek_luar_negeri, _OBJEK), "error", _pp("Pasal 23 ayat (2)"))
    return _outcome("pp28-23-2", f)


def _pp28_25(a: Agreement) -> Outcome:
    if a.jenis is not _KSDLL:
        return ("pp28-25", "not_applicable", _NA)
    f: list[Finding] = []
    _require(f, _in(a.dasar_ksdll, frozenset(DasarKsdll)), "error", _pp("Pasal 25"))
    return _outcome("pp28-25", f)


def _pp28_26(a: Agreement) -> list[Outcome]:
    foreign = a.jenis is _KSDPL or a.jenis is _KSDLL
    out: list[Outcome] = []
    if not foreign or a.hibah_terkait is None:
        out.append(("pp28-26-1", "not_applicable", _NA))
    else:
        f: list[Finding] = []
        _require(f, not a.hibah_terkait, "info", _pp("Pasal 26 ayat (1)"))
        out.append(_outcome("pp28-26-1", f))
    h = a.hasil
    if not foreign or h is None:
        out.append(("pp28-26-2", "not_applicable", _NA))
    else:
        f = []
        _require(
            f,
            _implies(h.berupa_barang, _get(a.perjanjian, "kepemilikan_barang_diatur")),  # type: ignore[arg-type]
            "warning",
            _pp("Pasal 26 ayat (2)"),
        )
        out.append(_outcome("pp28-26-2", f))
    return out


def _partners_all(a: Agreement, rule_id: str) -> Outcome:
    """pp28-46: no ministry or agency as a partner, whatever the kind of KSD."""
    if a.jenis is Jenis.SINERGI:  # berlaku jika jenis dalam {KSDD, KSDPK, KSDPL, KSDLL}
        return (rule_id, "not_applicable", _NA)
    f: list[Finding] = []
    _require(
        f,
        _all(a.mitra, lambda m: _ne(m.jenis, JenisMitra.KEMENTERIAN_LEMBAGA)),
        "error",
        _pp("Pasal 46 ayat (1)"),
    )
    return _outcome(rule_id, f)


def _pp28_46_sinergi(a: Agreement) -> Outcome:
    """pp28-46-sinergi: a synergy is with ministries or agencies, set out in a document."""
    if a.jenis is not Jenis.SINERGI:
        return ("pp28-46-sinergi", "not_applicable", _NA)
    mitra = a.mitra
    nk = a.nota_kesepakatan
    f: list[Finding] = []
    _require(
        f,
        _and(
            None if mitra is None else len(mitra) > 0,
            _all(mitra, lambda m: _eq(m.jenis, JenisMitra.KEMENTERIAN_LEMBAGA)),
        ),
        "error",
        _pp("Pasal 46 ayat (1)"),
    )
    _due(
        f,
        a.status in _RUNNING,
        lambda: _or(_get(nk, "ada"), _get(nk, "tanggal_ttd") is not None),  # type: ignore[arg-type]
        "error",
        _pp("Pasal 46 ayat (4)"),
    )
    return _outcome("pp28-46-sinergi", f)


def _uu23_366_3(a: Agreement) -> Outcome:
    if a.jenis is not _KSDPK:
        return ("uu23-366-3", "not_applicable", _NA)
    sk = a.studi_kelayakan
    ttd = _get(a.perjanjian, "tanggal_ttd")
    f: list[Finding] = []
    _due(
        f,
        ttd is not None,
        # studi_kelayakan_ada (bukti_tanggal.kr)
        lambda: _and(_done(sk, "ada"), _le(_get(sk, "tanggal"), ttd)),  # type: ignore[arg-type]
        "error",
        _uu("Pasal 366 ayat (3)"),
    )
    return _outcome("uu23-366-3", f)


def _uu23_367_2(a: Agreement) -> Outcome:
    if a.jenis is not _KSDPL and a.jenis is not _KSDLL:
        return ("uu23-367-2", "not_applicable", _NA)
    return _signed_after(a, "uu23-367-2", a.persetujuan_pemerintah_pusat, _uu("Pasal 367 ayat (2)"))
