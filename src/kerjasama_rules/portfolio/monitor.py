"""A region's cooperation portfolio as of a date: verdicts, deadlines, coverage, evaluation.

:func:`portfolio` is the one entry point. It evaluates each agreement with
:meth:`RuleSet.evaluate` (the same reports as ``kerjasama check``) and derives, without
formatting anything:

* counts of verdicts per kind of cooperation, and one row per agreement;
* what comes due (:class:`Deadline`): dates a rule notes while its obligation is still
  pending (the DPRD's 45 working days, PP 28/2018 Pasal 30 ayat (4)), terms ending, the
  report to the Minister (Pasal 43 ayat (1)) and the evaluations of the region's
  monitoring policy, each with the citation or policy that creates it and the working days
  left, counted with :class:`WorkingCalendar` exactly as ``kerjasama deadline`` counts;
* the timeline of agreement periods;
* coverage of the 32 concurrent government affairs and partners by kind and country;
* evaluation (*monev*) gaps: never evaluated, none in the last year, none after the
  programme ended, aspects never assessed;
* the interpretation switches and law versions the reports applied.

The evaluation cadence (one evaluation at the end of each year and of each programme) is
a region's policy, not law: deadlines it creates have ``basis == "kebijakan"`` and never
change a verdict.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import attrs

from ..engine.evaluator import RuleSet
from ..engine.report import Report
from ..language.nodes import Citation
from ..model.agreement import Agreement, Jenis, JenisMitra, PenerimaLaporan, StatusKerjaSama, Urusan
from ..model.calendar import CutiBersama, WorkingCalendar
from ..model.monev import ASPEK_MONEV, JenisMonev

__all__ = [
    "CONCURRENT_AFFAIRS",
    "AffairCoverage",
    "AgreementRow",
    "Deadline",
    "EvaluationGap",
    "FindingRow",
    "LawApplied",
    "Portfolio",
    "TimelineBar",
    "VerdictCount",
    "agreement_end",
    "portfolio",
]

# The 32 concurrent affairs (urusan konkuren, UU 23/2014 Pasal 11-12) are the members of
# `Urusan` before the first absolute affair.
_ALL_URUSAN = tuple(Urusan)
CONCURRENT_AFFAIRS: tuple[Urusan, ...] = _ALL_URUSAN[
    : _ALL_URUSAN.index(Urusan.POLITIK_LUAR_NEGERI)
]

_PP = "PP 28/2018"
# Which unit of law ends an agreement when its term runs out, per kind. A foreign
# cooperation ends on the term it sets itself; PP 28/2018 names no ground for it.
_END_CITATION: Mapping[Jenis, Citation | None] = {
    Jenis.KSDD: Citation(instrument=_PP, pasal=9, ayat=1, huruf="a"),
    Jenis.KSDPK: Citation(instrument=_PP, pasal=22, ayat=1),
    Jenis.KSDPL: None,
    Jenis.KSDLL: None,
    Jenis.SINERGI: None,  # PP 28/2018 Pasal 46 names no ground for ending a sinergi
}
_REPORT_CITATION = Citation(instrument=_PP, pasal=43, ayat=1)
_FOREIGN = (Jenis.KSDPL, Jenis.KSDLL)
_RUNNING = (StatusKerjaSama.PELAKSANAAN, StatusKerjaSama.BERAKHIR)

# Partner groups, for "where the portfolio is thin". A university flag wins over the kind.
_GROUP = {
    JenisMitra.PROVINSI: "daerah",
    JenisMitra.KABUPATEN: "daerah",
    JenisMitra.KOTA: "daerah",
    JenisMitra.BADAN_USAHA: "badan_usaha",
    JenisMitra.PERSEORANGAN: "masyarakat",
    JenisMitra.ORGANISASI_KEMASYARAKATAN: "masyarakat",
    JenisMitra.KEMENTERIAN_LEMBAGA: "pemerintah_pusat",
}
# The Triple Helix the study mentions: government, industry, academia.
_HELIX = {
    "daerah": "pemerintah",
    "pemerintah_pusat": "pemerintah",
    "luar_negeri": "pemerintah",
    "badan_usaha": "industri",
    "perguruan_tinggi": "akademisi",
    "masyarakat": "masyarakat",
    "tidak_diketahui": "tidak_diketahui",
}
PARTNER_GROUPS = (
    "daerah",
    "badan_usaha",
    "perguruan_tinggi",
    "masyarakat",
    "pemerintah_pusat",
    "luar_negeri",
    "tidak_diketahui",
)
HELIX = ("pemerintah", "industri", "akademisi", "masyarakat", "tidak_diketahui")


@attrs.frozen
class FindingRow:
    """One failed or undetermined requirement of an agreement, flattened for tables."""

    rule: str
    status: str  # "fail" | "unknown"
    severity: str
    citation: str
    messages: tuple[tuple[str, str], ...]

    def message(self, lang: str = "id") -> str:
        """The message in ``lang``, falling back to Indonesian."""
        table = dict(self.messages)
        return table.get(lang) or table.get("id") or ""


@attrs.frozen
class AgreementRow:
    """One agreement of the portfolio and what its report says."""

    id: str
    judul: str | None
    jenis: str
    verdict: str
    violations: int  # failed error-severity requirements
    warnings: int  # failed warning/info requirements
    unknowns: int  # undetermined requirements
    status: str | None
    start: datetime.date | None
    end: datetime.date | None
    source: str | None
    urusan: tuple[str, ...]
    partners: tuple[str, ...]
    evaluations: int
    last_evaluation: datetime.date | None
    findings: tuple[FindingRow, ...]
    report: Report


@attrs.frozen
class VerdictCount:
    """How many agreements of one kind pass, fail or are undetermined."""

    jenis: str
    passed: int
    failed: int
    unknown: int

    @property
    def total(self) -> int:
        """All agreements of this kind."""
        return self.passed + self.failed + self.unknown


@attrs.frozen
class Deadline:
    """Something that comes due, the unit of law (or policy) creating it, and the time left.

    ``kind`` is ``dprd`` (a date a rule notes while its obligation is pending, e.g. the
    DPRD's 45 working days), ``berakhir`` (the term ends: decide on extension or closure),
    ``laporan`` (report to the Minister) or ``monev_akhir_tahun`` / ``monev_akhir_program``
    (an evaluation the region's policy expects). ``basis`` is ``hukum`` (law) or
    ``kebijakan`` (the region's policy). ``start`` and ``working_days`` are set when the
    date is a count of working days from ``start``, the same count as ``kerjasama deadline
    --from START --working-days N``. ``working_days_left`` is negative when overdue.
    """

    agreement: str
    kind: str
    due: datetime.date
    working_days_left: int
    basis: str
    rule: str | None
    citation: str | None
    label: str | None = None
    start: datetime.date | None = None
    working_days: int | None = None

    @property
    def uid(self) -> str:
        """A stable identifier (agreement, kind, rule), so calendar re-imports update events."""
        key = "-".join(x for x in (self.agreement, self.kind, self.rule or "") if x)
        return f"{key}@kerjasama-rules"


@attrs.frozen
class TimelineBar:
    """One agreement's period on the timeline; ``end`` ``None`` when not known."""

    agreement: str
    jenis: str
    start: datetime.date
    end: datetime.date | None


@attrs.frozen
class AffairCoverage:
    """How many agreements touch one concurrent government affair, and which."""

    urusan: str
    agreements: tuple[str, ...]


@attrs.frozen
class EvaluationGap:
    """An agreement whose evaluation record is incomplete as of the portfolio date.

    ``reasons``: ``never`` (no evaluation at all), ``none_last_year`` (none in the 365
    days before the date), ``none_after_programme`` (ended without an end-of-programme
    evaluation). ``aspects_missing``: aspects no evaluation of it ever assessed.
    """

    agreement: str
    last_evaluation: datetime.date | None
    reasons: tuple[str, ...]
    aspects_missing: tuple[str, ...]


@attrs.frozen
class LawApplied:
    """A law version and how many agreements of the portfolio were judged by it."""

    instrument: str
    start: datetime.date
    end: datetime.date | None
    agreements: int


@attrs.frozen
class Portfolio:
    """A region's cooperation portfolio judged as of one date (see :func:`portfolio`)."""

    as_of: datetime.date
    horizon: int
    rows: tuple[AgreementRow, ...]
    verdicts: tuple[VerdictCount, ...]
    deadlines: tuple[Deadline, ...]
    timeline: tuple[TimelineBar, ...]
    affairs: tuple[AffairCoverage, ...]
    partner_groups: tuple[tuple[str, int], ...]
    helix: tuple[tuple[str, int], ...]
    countries: tuple[tuple[str, int], ...]
    evaluation_gaps: tuple[EvaluationGap, ...]
    aspects_never_assessed: tuple[str, ...]
    switches: tuple[tuple[str, str], ...]
    law: tuple[LawApplied, ...]
    cuti_bersama: str

    @property
    def in_breach(self) -> tuple[AgreementRow, ...]:
        """Agreements whose verdict is ``fail``."""
        return tuple(r for r in self.rows if r.verdict == "fail")

    def due_within(self, days: int) -> tuple[Deadline, ...]:
        """Deadlines due from the as-of date to ``days`` calendar days after it."""
        last = self.as_of + datetime.timedelta(days=days)
        return tuple(d for d in self.deadlines if self.as_of <= d.due <= last)

    @property
    def overdue(self) -> tuple[Deadline, ...]:
        """Deadlines whose date is before the as-of date and are still open."""
        return tuple(d for d in self.deadlines if d.due < self.as_of)

    @property
    def never_evaluated(self) -> tuple[EvaluationGap, ...]:
        """Running or ended agreements with no evaluation recorded at all."""
        return tuple(g for g in self.evaluation_gaps if "never" in g.reasons)

    @property
    def affairs_without_cooperation(self) -> tuple[str, ...]:
        """The concurrent affairs no agreement touches."""
        return tuple(a.urusan for a in self.affairs if not a.agreements)


def agreement_end(a: Agreement) -> datetime.date | None:
    """When the agreement's term ends: signing date plus term, plus any extension.

    ``None`` when the signing date or the term is not known.
    """
    if a.perjanjian is None or a.perjanjian.tanggal_ttd is None or a.jangka_waktu is None:
        return None
    end: datetime.date = a.perjanjian.tanggal_ttd + a.jangka_waktu.to_relativedelta()
    ext = a.perpanjangan
    if ext is not None and ext.jangka_waktu is not None:
        end = end + ext.jangka_waktu.to_relativedelta()
    return end


def portfolio(
    rules: RuleSet,
    agreements: Iterable[Agreement | tuple[Agreement, str | None]],
    *,
    as_of: datetime.date,
    horizon: int = 90,
    switches: Mapping[str, str] | None = None,
    cuti_bersama: CutiBersama | str | None = None,
    regional_holidays: Sequence[tuple[datetime.date, str]] = (),
) -> Portfolio:
    """Judge every agreement as of ``as_of`` and gather the portfolio's monitoring data.

    Args:
        rules: the loaded rules (e.g. :func:`kerjasama_rules.load_rules`).
        agreements: agreements, or ``(agreement, source path)`` pairs so that the rows
            name the file each came from.
        as_of: the date the portfolio is judged at (the library never reads the clock).
        horizon: how many calendar days ahead a term ending counts as coming due.
        switches, cuti_bersama, regional_holidays: as for :meth:`RuleSet.evaluate`; the
            working-day counts of the deadlines use the same calendar.

    Returns:
        The :class:`Portfolio`; rows in input order, deadlines by date then agreement.

    Raises:
        ConfigurationError: as :meth:`RuleSet.evaluate` does for a bad switch or date.
    """
    pairs = [x if isinstance(x, tuple) else (x, None) for x in agreements]
    reports = [
        rules.evaluate(
            a,
            as_of=as_of,
            source=src,
            switches=switches,
            cuti_bersama=cuti_bersama,
            regional_holidays=regional_holidays,
        )
        for a, src in pairs
    ]
    cb = _cuti_bersama(reports, cuti_bersama)
    cal = WorkingCalendar(cuti_bersama=CutiBersama(cb), extra_holidays=tuple(regional_holidays))
    rows = tuple(_row(a, r) for (a, _), r in zip(pairs, reports, strict=True))
    deadlines: list[Deadline] = []
    gaps: list[EvaluationGap] = []
    for (a, _), r in zip(pairs, reports, strict=True):
        deadlines.extend(_deadlines(a, r, as_of, horizon, cal))
        gap = _evaluation_gap(a, as_of)
        if gap is not None:
            gaps.append(gap)
    deadlines.sort(key=lambda d: (d.due, d.agreement, d.kind, d.rule or "", d.label or ""))
    return Portfolio(
        as_of=as_of,
        horizon=horizon,
        rows=rows,
        verdicts=_verdicts(rows),
        deadlines=tuple(deadlines),
        timeline=tuple(
            TimelineBar(r.id, r.jenis, r.start, r.end) for r in rows if r.start is not None
        ),
        affairs=_affairs(rows),
        **_partners([a for a, _ in pairs]),
        evaluation_gaps=tuple(gaps),
        aspects_never_assessed=_aspects_never([a for a, _ in pairs]),
        switches=reports[0].switches if reports else (),
        law=_law(reports),
        cuti_bersama=cb,
    )


def _cuti_bersama(reports: Sequence[Report], given: CutiBersama | str | None) -> str:
    for r in reports:
        for name, value in r.switches:
            if name == "cuti_bersama":
                return value
    if isinstance(given, CutiBersama):
        return given.value
    return given or CutiBersama.LIBUR.value


def _row(a: Agreement, r: Report) -> AgreementRow:
    findings = tuple(
        FindingRow(o.rule, f.status, f.severity, f.citation.text, f.messages)
        for o in r.outcomes
        for f in o.findings
    )
    evals = [m.tanggal for m in a.monev or () if m.tanggal is not None]
    return AgreementRow(
        id=a.id,
        judul=a.judul,
        jenis=a.jenis.value,
        verdict=r.verdict,
        violations=sum(1 for f in findings if f.status == "fail" and f.severity == "error"),
        warnings=sum(1 for f in findings if f.status == "fail" and f.severity != "error"),
        unknowns=sum(1 for f in findings if f.status == "unknown"),
        status=a.status.value if a.status is not None else None,
        start=a.perjanjian.tanggal_ttd if a.perjanjian is not None else None,
        end=agreement_end(a),
        source=r.source,
        urusan=tuple(u.value for u in a.urusan or ()),
        partners=tuple(m.nama for m in a.mitra or () if m.nama),
        evaluations=len(a.monev or ()),
        last_evaluation=max(evals) if evals else None,
        findings=findings,
        report=r,
    )


def _verdicts(rows: Sequence[AgreementRow]) -> tuple[VerdictCount, ...]:
    out = []
    for j in Jenis:
        mine = [r.verdict for r in rows if r.jenis == j.value]
        c = Counter(mine)
        out.append(VerdictCount(j.value, c["pass"], c["fail"], c["unknown"]))
    return tuple(out)


def _running(a: Agreement) -> bool:
    signed = a.perjanjian is not None and a.perjanjian.tanggal_ttd is not None
    return (a.status in _RUNNING) if a.status is not None else signed


def _deadlines(
    a: Agreement, r: Report, as_of: datetime.date, horizon: int, cal: WorkingCalendar
) -> Iterable[Deadline]:
    last = as_of + datetime.timedelta(days=horizon)

    def left(due: datetime.date) -> int:
        return cal.working_days_between(as_of, due)

    # 1. Dates a rule notes while its obligation is pending: the obligation has not fallen
    # due, so the date is still ahead of the office (or already missed). The count starts
    # from the one agreement fact the date was computed from (e.g. `$.dprd.diterima`).
    for o in r.outcomes:
        if not o.pending or o.status == "not_applicable":
            continue
        for n in o.notes:
            due = _as_date(n.value)
            if due is None:
                continue
            facts = [(e.path, _as_date(e.value)) for e in n.evidence if e.path.startswith("$.")]
            dated = [(path, d) for path, d in facts if d is not None]
            start = dated[0][1] if len(dated) == 1 else None
            yield Deadline(
                agreement=a.id,
                kind="dprd" if any(path.startswith("$.dprd.") for path, _ in dated) else "catatan",
                due=due,
                working_days_left=left(due),
                basis="hukum",
                rule=o.rule,
                citation=o.citations[0].text if o.citations else None,
                label=n.label,
                start=start,
                working_days=cal.working_days_between(start, due) if start else None,
            )
    ended = a.status == StatusKerjaSama.BERAKHIR
    # 2. The term ends within the horizon (or has passed while still running): the office
    # decides on an extension or closes the cooperation.
    end = agreement_end(a)
    if end is not None and not ended and end <= last:
        cite = _END_CITATION.get(a.jenis)
        yield Deadline(
            agreement=a.id,
            kind="berakhir",
            due=end,
            working_days_left=left(end),
            basis="hukum" if cite is not None else "perjanjian",
            rule=None,
            citation=cite.text if cite is not None else None,
        )
    if not _running(a):
        return
    year_end = datetime.date(as_of.year, 12, 31)
    # 3. Foreign cooperation reports to the Minister (Pasal 43 ayat (1)); the law sets no
    # frequency, so the date is the region's yearly cadence: by the end of the year.
    if a.jenis in _FOREIGN and not ended:
        reported = any(
            lap.penerima == PenerimaLaporan.MENTERI_DALAM_NEGERI
            and lap.tanggal is not None
            and lap.tanggal.year == as_of.year
            for lap in a.laporan or ()
        )
        if not reported and year_end <= last:
            yield Deadline(
                agreement=a.id,
                kind="laporan",
                due=year_end,
                working_days_left=left(year_end),
                basis="hukum",
                rule="pp28-43",
                citation=_REPORT_CITATION.text,
            )
    # 4. The region's monitoring policy: an evaluation at the end of each year and at the
    # end of the programme.
    monev = a.monev or ()
    if not ended:
        done = any(
            m.jenis == JenisMonev.AKHIR_TAHUN
            and m.tanggal is not None
            and m.tanggal.year == as_of.year
            for m in monev
        )
        # A programme ending before the year does gets its end-of-programme evaluation.
        if not done and year_end <= last and (end is None or end > year_end):
            yield Deadline(
                a.id, "monev_akhir_tahun", year_end, left(year_end), "kebijakan", None, None
            )
    evaluated_end = any(m.jenis == JenisMonev.AKHIR_PROGRAM for m in monev)
    if end is not None and (end <= last or ended) and not evaluated_end:
        yield Deadline(a.id, "monev_akhir_program", end, left(end), "kebijakan", None, None)


def _as_date(value: object) -> datetime.date | None:
    # Reports carry dates as ISO text (they are JSON-ready); notes may also hold dates.
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _evaluation_gap(a: Agreement, as_of: datetime.date) -> EvaluationGap | None:
    if not _running(a):
        return None
    monev = a.monev or ()
    dates = [m.tanggal for m in monev if m.tanggal is not None and m.tanggal <= as_of]
    last = max(dates) if dates else None
    reasons = []
    if not monev:
        reasons.append("never")
    signed = a.perjanjian.tanggal_ttd if a.perjanjian is not None else None
    year_ago = as_of - datetime.timedelta(days=365)
    # A cooperation signed less than a year ago is not yet due its first yearly evaluation.
    if monev and (last is None or last < year_ago) and (signed is None or signed < year_ago):
        reasons.append("none_last_year")
    end = agreement_end(a)
    finished = a.status == StatusKerjaSama.BERAKHIR or (end is not None and end <= as_of)
    if finished and not any(m.jenis == JenisMonev.AKHIR_PROGRAM for m in monev):
        reasons.append("none_after_programme")
    missing = tuple(x for x in ASPEK_MONEV if all(getattr(m, x) is None for m in monev))
    if not reasons and not missing:
        return None
    return EvaluationGap(a.id, last, tuple(reasons), missing)


def _aspects_never(agreements: Sequence[Agreement]) -> tuple[str, ...]:
    monev = [m for a in agreements for m in a.monev or ()]
    return tuple(x for x in ASPEK_MONEV if all(getattr(m, x) is None for m in monev))


def _affairs(rows: Sequence[AgreementRow]) -> tuple[AffairCoverage, ...]:
    return tuple(
        AffairCoverage(u.value, tuple(r.id for r in rows if u.value in r.urusan))
        for u in CONCURRENT_AFFAIRS
    )


def _partners(agreements: Sequence[Agreement]) -> dict[str, tuple[tuple[str, int], ...]]:
    groups: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    for a in agreements:
        for m in a.mitra or ():
            if m.perguruan_tinggi:
                g = "perguruan_tinggi"
            elif m.jenis is None:
                g = "tidak_diketahui"
            else:
                g = _GROUP.get(m.jenis, "luar_negeri")
            groups[g] += 1
            # A domestic kind of cooperation has a partner in Indonesia unless it says not.
            domestic = a.jenis not in _FOREIGN
            countries[m.negara or ("ID" if domestic else "?")] += 1
    helix: Counter[str] = Counter()
    for g, n in groups.items():
        helix[_HELIX[g]] += n
    return {
        "partner_groups": tuple((g, groups[g]) for g in PARTNER_GROUPS),
        "helix": tuple((h, helix[h]) for h in HELIX),
        "countries": tuple(sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))),
    }


def _law(reports: Sequence[Report]) -> tuple[LawApplied, ...]:
    seen: dict[tuple[str, datetime.date, datetime.date | None], int] = {}
    for r in reports:
        for v in r.law:
            key = (v.instrument, v.start, v.end)
            seen[key] = seen.get(key, 0) + (1 if v.applied else 0)
    return tuple(LawApplied(i, s, e, n) for (i, s, e), n in sorted(seen.items(), key=str))
