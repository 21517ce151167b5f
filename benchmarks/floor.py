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

from kerjasama_rules.agreement import Agreement, Jenis, KeputusanDprd, ObjekLuarNegeri, Urusan
from kerjasama_rules.calendar import WorkingCalendar

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
_HUBUNGAN_DIPLOMATIK_DIRAGUKAN = frozenset({"XK", "EH"})
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
    """``wajib dprd.keputusan == disetujui dan dprd.tanggal_keputusan <= perjanjian.tanggal_ttd
    jika terisi perjanjian.tanggal_ttd``."""
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
        value = _and(None if k is None else k is _DISETUJUI, None if tk is None else tk <= ttd)
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
        _require(f, _le(kb_date, p.tanggal_ttd), "error", _C6_1_D)
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
    """``wajib terisi rencana.X dan tidak kosong(rencana.X)`` for the seven contents."""
    r = a.rencana
    findings: list[Finding] = []
    for name, citation in _RENCANA:
        s = getattr(r, name)
        if s is None or not s.strip():
            findings.append(("fail", "error", citation))
    return (rule_id, "fail" if findings else "pass", tuple(findings))


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


def _negara_tidak_diragukan(m) -> bool | None:  # type: ignore[no-untyped-def]
    n = m.negara
    return None if n is None else n not in _HUBUNGAN_DIPLOMATIK_DIRAGUKAN


def _tidak_mencampuri(m) -> bool | None:  # type: ignore[no-untyped-def]
    v = m.mencampuri_urusan_dalam_negeri
    return None if v is None else not v


def _urusan_daerah(u: Urusan) -> bool:
    return u not in _URUSAN_ABSOLUT


# ---------------------------------------------------------------- the rules
def check(a: Agreement, as_of: datetime.date | None = _AS_OF) -> list[Outcome]:
    """Every bundled rule on one agreement: ``[(rule_id, status, findings), ...]``."""
    p = a.perjanjian
    signed = None if p is None else p.tanggal_ttd
    reference = signed if signed is not None else as_of
    out = _pp28(a, as_of)
    if reference is not None and reference < _PP28_IN_FORCE:
        # Signed before PP 28/2018: its procedure is not applied (Pasal 48).
        out = [(rule_id, "not_applicable", _NA) for rule_id, _, _ in out]
    # pp28-48: berlaku jika terisi perjanjian.tanggal_ttd dan ... < 2018-07-13 (a note)
    if signed is not None and signed < _PP28_IN_FORCE:
        out.append(("pp28-48", "pass", _NA))
    else:
        out.append(("pp28-48", "not_applicable", _NA))
    return out


def _pp28(a: Agreement, as_of: datetime.date | None) -> list[Outcome]:
    jenis = a.jenis
    perlu = perlu_persetujuan_dprd(a)
    foreign = jenis is _KSDPL or jenis is _KSDLL
    out: list[Outcome] = []

    # pp28-6-2 and pp28-19-1: berlaku jika jenis == X dan perlu_persetujuan_dprd
    # then pp28-6-1 and pp28-19-1-tahapan: berlaku jika jenis == X (stage order)
    for rule_id, kind, citation, stages in (
        ("pp28-6-2", _KSDD, _C6_2, "pp28-6-1"),
        ("pp28-19-1", _KSDPK, _C19_1, "pp28-19-1-tahapan"),
    ):
        if jenis is not kind or perlu is False:
            out.append((rule_id, "not_applicable", _NA))
        elif perlu is None:
            out.append((rule_id, "unknown", (("unknown", "error", citation),)))
        else:
            out.append(_dprd_before_signing(a, rule_id, citation))
        if jenis is not kind:
            out.append((stages, "not_applicable", _NA))
        else:
            out.append(_stages(a, stages))

    # pp28-27-1: berlaku jika jenis dalam {KSDPL, KSDLL}
    if not foreign:
        out.append(("pp28-27-1", "not_applicable", _NA))
    else:
        f: list[Finding] = []
        mitra = a.mitra
        urusan = a.urusan
        _require(f, _all(mitra, _negara_ok), "error", _C27_1_HURUF["a"])
        _require(f, _all(mitra, _negara_tidak_diragukan), "warning", _C27_1_HURUF["a"])
        _require(f, _all(urusan, _urusan_daerah), "error", _C27_1_HURUF["b"])
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

    # pp28-30-1/2/3 (KSDPL) and pp28-38-30-1/2/3 (KSDLL, Pasal 30 via Pasal 38).
    for kind, prefix in ((_KSDPL, "pp28-30-"), (_KSDLL, "pp28-38-30-")):
        if jenis is not kind:
            for n in "1234":
                out.append((prefix + n, "not_applicable", _NA))
            continue
        out.append(_dprd_before_signing(a, prefix + "1", _C30_1))
        out.append(_request(a, prefix + "2"))
        if a.rencana is None:  # berlaku jika ... dan terisi rencana
            out.append((prefix + "3", "not_applicable", _NA))
        else:
            out.append(_plan_contents(a, prefix + "3"))
        out.append(_deadline(a, prefix + "4", as_of))
    return out
