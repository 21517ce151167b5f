"""Working days (*hari kerja*) for statutory deadlines such as PP 28/2018 Pasal 30 ayat (4).

One job: turn "paling lama 45 hari kerja sejak menerima surat permohonan" into a due date,
and say which days were skipped and how sure the holiday data is. It sits beside the
pipeline: the evaluator and the DSL functions call it; it imports only ``errors`` and the
``holidays`` package, and it never reads the wall clock.

Counting rules (see ``docs/calendar.md`` and section 7 of the legal reference):

* a working day is Monday to Friday (Perpres 21/2023 Pasal 3) that is not a national
  public holiday, not a national cuti bersama (unless the switch says ``kerja``) and not one
  of the calendar's regional extra holidays;
* the day of receipt is not counted: the deadline is the N-th working day strictly after
  the start date, whatever kind of day the start date is.

Examples:
    >>> import datetime
    >>> d = compute_deadline(datetime.date(2026, 3, 2), 45)
    >>> d.due
    datetime.date(2026, 5, 13)
    >>> compute_deadline(
    ...     datetime.date(2026, 3, 2), 45, calendar=WorkingCalendar(CutiBersama.KERJA)
    ... ).due
    datetime.date(2026, 5, 7)
"""

from __future__ import annotations

import bisect
import datetime
import enum
from collections.abc import Iterable, Mapping

import attrs

from ..errors import ConfigurationError, Diagnostic
from ..suggest import hint
from .holiday_data import CUTI_BERSAMA_FIRST_YEAR, year_data

__all__ = [
    "WEEKDAYS_ID",
    "CutiBersama",
    "DayKind",
    "Deadline",
    "SkippedDay",
    "WorkingCalendar",
    "YearCoverage",
    "compute_deadline",
]

_ONE_DAY = datetime.timedelta(days=1)
_MAX_ORDINAL = datetime.date.max.toordinal()

# Day names in the data (skipped weekend days carry their Indonesian name).
WEEKDAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


class CutiBersama(enum.Enum):
    """Interpretation switch: is a national cuti bersama day a working day?

    No instrument settles this for "hari kerja" deadlines (PP 28/2018 does not define the
    term), so it is an interpretation, not settled law. The default ``LIBUR`` treats cuti
    bersama as *not* a working day: Perpres 21/2023 Pasal 6 lets national holidays and
    national cuti bersama change the working days of government offices, and the ASN cuti
    bersama Keppres sends civil servants (DPRD secretariat staff included) on collective
    leave, so offices are in practice closed. ``KERJA`` follows the opposing reading: legally
    a cuti bersama is a leave day (*cuti*), not a public holiday (*hari libur*), and
    public-service units keep working. ``LIBUR`` gives the later (more lenient) due date.

    Examples:
        >>> CutiBersama("kerja")
        <CutiBersama.KERJA: 'kerja'>
    """

    LIBUR = "libur"
    KERJA = "kerja"


class DayKind(enum.Enum):
    """Why a day is not a working day; a holiday on a weekend is reported as the holiday."""

    AKHIR_PEKAN = "akhir_pekan"
    LIBUR_NASIONAL = "libur_nasional"
    CUTI_BERSAMA = "cuti_bersama"
    LIBUR_DAERAH = "libur_daerah"


@attrs.frozen
class SkippedDay:
    """A non-working day, with its Indonesian name.

    Attributes:
        date: the day.
        name: e.g. ``Hari Raya Natal``, ``Cuti Bersama Hari Raya Natal``, ``Sabtu``.
        kind: why it is not a working day.
    """

    date: datetime.date
    name: str
    kind: DayKind


@attrs.frozen
class YearCoverage:
    """How far the holiday data for one year can be trusted.

    Attributes:
        year: the calendar year.
        complete: no estimated or missing holiday dates, and cuti bersama data exists
            (when the calendar treats cuti bersama as holidays).
        notes: what is missing or estimated; may also carry information for complete years.
    """

    year: int
    complete: bool
    notes: tuple[str, ...] = ()


@attrs.frozen
class _YearTable:
    """One calendar's non-working days for one year."""

    days: Mapping[datetime.date, SkippedDay]  # holidays of any kind, weekends included
    weekday_off: tuple[int, ...]  # sorted ordinals of those that fall on Monday-Friday
    ordinals: tuple[int, ...] = ()  # sorted ordinals of all of `days`
    ordered: tuple[SkippedDay, ...] = ()  # `days` in the same order


def _check_date(value: object, what: str) -> datetime.date:
    # datetime is a subclass of date but never equal to one, so it would miss every lookup.
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        msg = f"`{what}` must be a `datetime.date`, got `{type(value).__name__}`"
        raise ConfigurationError(msg)
    return value


def _to_cuti_bersama(value: CutiBersama | str) -> CutiBersama:
    if isinstance(value, CutiBersama):
        return value
    try:
        return CutiBersama(value)
    except ValueError:
        choices = [c.value for c in CutiBersama]
        msg = f"`cuti_bersama` must be one of `libur`, `kerja`, got `{value}`"
        raise ConfigurationError(
            [Diagnostic(code="config.invalid", message=msg, help=hint(str(value), choices))]
        ) from None


def _to_extra_holidays(
    value: Iterable[tuple[datetime.date, str]],
) -> tuple[tuple[datetime.date, str], ...]:
    pairs: list[tuple[datetime.date, str]] = []
    for item in value:
        if not isinstance(item, tuple) or len(item) != 2 or not isinstance(item[1], str):
            msg = f"each extra holiday must be a `(date, name)` pair, got `{item!r}`"
            raise ConfigurationError(msg)
        pairs.append((_check_date(item[0], "extra_holidays[].date"), item[1]))
    return tuple(sorted(pairs))


def _weekdays_through(ordinal: int) -> int:
    # Mondays-to-Fridays among ordinals 1..ordinal; ordinal 1 (0001-01-01) is a Monday.
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


def _kth_weekday(k: int) -> int:
    # The ordinal of the k-th Monday-to-Friday (k >= 1): the inverse of _weekdays_through.
    weeks, rest = divmod(k - 1, 5)
    return weeks * 7 + rest + 1


@attrs.frozen
class WorkingCalendar:
    """The Indonesian government working-day calendar.

    Attributes:
        cuti_bersama: the interpretation switch; ``libur`` (default) or ``kerja``. A string
            is converted to :class:`CutiBersama`.
        extra_holidays: regional holidays as ``(date, name)`` pairs, e.g. a provincial
            anniversary; stored sorted.

    Examples:
        >>> import datetime
        >>> cal = WorkingCalendar()
        >>> cal.is_working_day(datetime.date(2026, 3, 20))  # Cuti Bersama Idul Fitri
        False
        >>> WorkingCalendar("kerja").is_working_day(datetime.date(2026, 3, 20))
        True
    """

    cuti_bersama: CutiBersama = attrs.field(default=CutiBersama.LIBUR, converter=_to_cuti_bersama)
    extra_holidays: tuple[tuple[datetime.date, str], ...] = attrs.field(
        default=(), converter=_to_extra_holidays
    )
    # Per-year tables for this configuration; `holidays` data itself is cached per module.
    _tables: dict[int, _YearTable] = attrs.field(
        init=False, factory=dict, eq=False, repr=False, hash=False
    )
    # Results are pure functions of the arguments for one configuration: memoised, since
    # a deadline is recomputed for every agreement that has one.
    _memo: dict[tuple[object, ...], object] = attrs.field(
        init=False, factory=dict, eq=False, repr=False, hash=False
    )

    def _table(self, year: int) -> _YearTable:
        table = self._tables.get(year)
        if table is None:
            table = self._build_table(year)
            self._tables[year] = table
        return table

    def _build_table(self, year: int) -> _YearTable:
        data = year_data(year)
        days: dict[datetime.date, SkippedDay] = {}
        regional: dict[datetime.date, list[str]] = {}
        for d, name in self.extra_holidays:
            if d.year == year:
                regional.setdefault(d, []).append(name)
        # Later kinds overwrite earlier ones: national > cuti bersama > regional.
        for d, names in regional.items():
            days[d] = SkippedDay(d, "; ".join(names), DayKind.LIBUR_DAERAH)
        if self.cuti_bersama is CutiBersama.LIBUR:
            for d, name in data.cuti.items():
                days[d] = SkippedDay(d, name, DayKind.CUTI_BERSAMA)
        for d, name in data.public.items():
            days[d] = SkippedDay(d, name, DayKind.LIBUR_NASIONAL)
        off = tuple(sorted(d.toordinal() for d in days if d.weekday() < 5))
        ordered = tuple(days[d] for d in sorted(days))
        return _YearTable(
            days=days,
            weekday_off=off,
            ordinals=tuple(x.date.toordinal() for x in ordered),
            ordered=ordered,
        )

    def is_working_day(self, d: datetime.date) -> bool:
        """Whether ``d`` is a working day.

        Args:
            d: the day.

        Returns:
            ``True`` for a Monday to Friday that is not a holiday of this calendar.

        Examples:
            >>> import datetime
            >>> WorkingCalendar().is_working_day(datetime.date(2026, 3, 2))
            True
        """
        d = _check_date(d, "d")
        return d.weekday() < 5 and d not in self._table(d.year).days

    def nth_working_day_after(self, d: datetime.date, n: int) -> datetime.date:
        """The ``n``-th working day strictly after ``d``; ``d`` itself is never counted.

        Args:
            d: the start day (e.g. the day a letter was received); any kind of day.
            n: how many working days; ``0`` returns ``d`` itself.

        Returns:
            The due day.

        Raises:
            ConfigurationError: if ``n`` is negative or not an ``int``, or the result would
                be after ``datetime.date.max``.

        Examples:
            >>> import datetime
            >>> WorkingCalendar().nth_working_day_after(datetime.date(2026, 3, 19), 1)
            datetime.date(2026, 3, 25)
        """
        d = _check_date(d, "d")
        _check_count(n)
        key = ("nth", d, n)
        hit = self._memo.get(key)
        if hit is not None:
            return hit  # type: ignore[return-value]
        # Jump to the n-th weekday, then again past as many weekdays as there were
        # holidays on the way, until no holiday is left: O(holidays), not O(days).
        start = d.toordinal()
        lo = start
        remaining = n
        try:
            while remaining > 0:
                hi = _kth_weekday(_weekdays_through(lo) + remaining)
                if hi > _MAX_ORDINAL:
                    raise OverflowError
                remaining = self._weekday_holidays(lo, hi)
                lo = hi
            result = datetime.date.fromordinal(lo) if n else d
        except (OverflowError, ValueError):
            msg = f"counting working days from {d.isoformat()} goes past `datetime.date.max`"
            raise ConfigurationError(msg) from None
        self._remember(key, result)
        return result

    def _remember(self, key: tuple[object, ...], value: object) -> None:
        if len(self._memo) >= 65536:  # bounded: a long-running service sees many dates
            self._memo.clear()
        self._memo[key] = value

    def _weekday_holidays(self, lo: int, hi: int) -> int:
        """Holidays falling on weekdays in the ordinal interval (lo, hi]."""
        count = 0
        for year in range(
            datetime.date.fromordinal(lo).year, datetime.date.fromordinal(hi).year + 1
        ):
            off = self._table(year).weekday_off
            count += bisect.bisect_right(off, hi) - bisect.bisect_right(off, lo)
        return count

    def working_days_between(self, a: datetime.date, b: datetime.date) -> int:
        """Count the working days in the half-open interval ``(a, b]``.

        Additive over splits: ``between(a, b) + between(b, c) == between(a, c)``.

        Args:
            a: the day after which counting starts.
            b: the last day counted.

        Returns:
            The count; minus the count of ``(b, a]`` when ``b < a``.

        Examples:
            >>> import datetime
            >>> cal = WorkingCalendar()
            >>> cal.working_days_between(datetime.date(2026, 3, 2), datetime.date(2026, 5, 13))
            45
            >>> cal.working_days_between(datetime.date(2026, 5, 13), datetime.date(2026, 3, 2))
            -45
        """
        a = _check_date(a, "a")
        b = _check_date(b, "b")
        if b < a:
            return -self.working_days_between(b, a)
        lo, hi = a.toordinal(), b.toordinal()
        count = _weekdays_through(hi) - _weekdays_through(lo)
        for year in range(a.year, b.year + 1):
            off = self._table(year).weekday_off
            count -= bisect.bisect_right(off, hi) - bisect.bisect_right(off, lo)
        return count

    def non_working_days(self, a: datetime.date, b: datetime.date) -> tuple[SkippedDay, ...]:
        """The non-working days in ``(a, b]``, one per date, in date order.

        Args:
            a: the day after which to start.
            b: the last day included; if ``b <= a`` the result is empty.

        Returns:
            Holidays of every kind (a weekend holiday is reported as the holiday), then
            plain weekends named ``Sabtu``/``Minggu``. Cuti bersama appear only when the
            switch is ``libur``.

        Examples:
            >>> import datetime
            >>> [s.name for s in WorkingCalendar().non_working_days(
            ...     datetime.date(2026, 12, 23), datetime.date(2026, 12, 27))]
            ['Cuti Bersama Hari Raya Natal', 'Hari Raya Natal', 'Sabtu', 'Minggu']
        """
        a = _check_date(a, "a")
        b = _check_date(b, "b")
        key = ("skip", a, b)
        hit = self._memo.get(key)
        if hit is not None:
            return hit  # type: ignore[return-value]
        out: list[SkippedDay] = []
        cur = a
        while cur < b:
            cur += _ONE_DAY
            skipped = self._table(cur.year).days.get(cur)
            if skipped is not None:
                out.append(skipped)
            elif cur.weekday() >= 5:
                out.append(SkippedDay(cur, WEEKDAYS_ID[cur.weekday()], DayKind.AKHIR_PEKAN))
        result = tuple(out)
        self._remember(key, result)
        return result

    def holidays_between(self, a: datetime.date, b: datetime.date) -> tuple[SkippedDay, ...]:
        """The holidays (national, cuti bersama, regional) in ``(a, b]``, weekends left out.

        The same days as :meth:`non_working_days` without the plain weekends, found by
        bisection rather than a walk over every day.

        Examples:
            >>> import datetime
            >>> [s.name for s in WorkingCalendar().holidays_between(
            ...     datetime.date(2026, 12, 23), datetime.date(2026, 12, 27))]
            ['Cuti Bersama Hari Raya Natal', 'Hari Raya Natal']
        """
        a = _check_date(a, "a")
        b = _check_date(b, "b")
        lo, hi = a.toordinal(), b.toordinal()
        out: list[SkippedDay] = []
        for year in range(a.year, b.year + 1):
            table = self._table(year)
            i = bisect.bisect_right(table.ordinals, lo)
            j = bisect.bisect_right(table.ordinals, hi)
            out.extend(table.ordered[i:j])
        return tuple(out)

    def coverage(self, year: int) -> YearCoverage:
        """How complete the holiday data for ``year`` is, for this calendar.

        Args:
            year: the calendar year.

        Returns:
            ``complete`` is false when a national holiday date is only estimated
            (``(perkiraan)`` in the `holidays` data) or missing, or when cuti bersama
            count as holidays and there is no cuti bersama data (no SKB) for the year.

        Examples:
            >>> WorkingCalendar().coverage(2026).complete
            True
            >>> WorkingCalendar().coverage(2090).complete
            False
        """
        data = year_data(year)
        notes = list(data.holiday_notes)
        cuti_ok = True
        if self.cuti_bersama is CutiBersama.LIBUR:
            if year < CUTI_BERSAMA_FIRST_YEAR:
                notes.append(f"cuti bersama did not exist in {year} (first set in 2002)")
            elif not data.cuti_known:
                cuti_ok = False
                notes.append(f"no cuti bersama data for {year} (no SKB 3 Menteri in the data)")
        complete = not data.holiday_notes and cuti_ok
        return YearCoverage(year=year, complete=complete, notes=tuple(notes))

    def is_complete(self, a: datetime.date, b: datetime.date) -> bool:
        """Whether the data is complete for every year from ``min(a, b)`` to ``max(a, b)``.

        Args:
            a: one end of the period.
            b: the other end.

        Returns:
            ``True`` when :meth:`coverage` is complete for each of those years.

        Examples:
            >>> import datetime
            >>> cal = WorkingCalendar()
            >>> cal.is_complete(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
            True
        """
        a = _check_date(a, "a")
        b = _check_date(b, "b")
        lo, hi = sorted((a.year, b.year))
        return all(self.coverage(y).complete for y in range(lo, hi + 1))


def _check_count(n: object) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        msg = f"the number of working days must be an `int`, got `{type(n).__name__}`"
        raise ConfigurationError(msg)
    if n < 0:
        msg = f"the number of working days must not be negative, got {n}"
        raise ConfigurationError(
            [
                Diagnostic(
                    code="config.negative-working-days",
                    message=msg,
                    help="count backwards with `working_days_between` instead",
                )
            ]
        )


@attrs.frozen
class Deadline:
    """A computed working-day deadline and how it was reached.

    Attributes:
        start: the day of receipt (not counted).
        working_days: N, the number of working days allowed.
        due: the N-th working day after ``start``.
        skipped: the non-working days in ``(start, due]``.
        calendar_complete: whether the holiday data is complete for every year touched.
        cuti_bersama: the interpretation switch used.
        notes: data caveats and remarks, in year order.
    """

    start: datetime.date
    working_days: int
    due: datetime.date
    skipped: tuple[SkippedDay, ...]
    calendar_complete: bool
    cuti_bersama: CutiBersama
    notes: tuple[str, ...] = ()


_DEFAULT_CALENDAR = WorkingCalendar()


def compute_deadline(
    start: datetime.date, working_days: int, *, calendar: WorkingCalendar | None = None
) -> Deadline:
    """Compute the due date of a deadline of ``working_days`` hari kerja from ``start``.

    Args:
        start: the day of receipt, e.g. when the DPRD received the request letter; it is
            not counted.
        working_days: N, e.g. 45 for PP 28/2018 Pasal 30 ayat (4).
        calendar: the working calendar; default ``WorkingCalendar()`` (cuti bersama libur).

    Returns:
        The :class:`Deadline`, with the skipped days and data-completeness flag.

    Raises:
        ConfigurationError: if ``working_days`` is negative or ``start`` is not a date.

    Examples:
        >>> import datetime
        >>> compute_deadline(datetime.date(2026, 12, 23), 2).due
        datetime.date(2026, 12, 29)
    """
    cal = _DEFAULT_CALENDAR if calendar is None else calendar
    if not isinstance(cal, WorkingCalendar):
        msg = f"compute_deadline(): calendar must be a WorkingCalendar, not {type(cal).__name__}"
        raise ConfigurationError([Diagnostic(code="config.bad-argument", message=msg)])
    start = _check_date(start, "start")
    due = cal.nth_working_day_after(start, working_days)
    lo, hi = start.year, due.year
    notes: list[str] = []
    if not cal.is_working_day(start):
        kind = _describe(cal, start)
        notes.append(
            f"start date {start.isoformat()} is not a working day ({kind}); "
            "counting still begins the day after"
        )
    complete = True
    for year in range(lo, hi + 1):
        cov = cal.coverage(year)
        complete = complete and cov.complete
        notes.extend(cov.notes)
    return Deadline(
        start=start,
        working_days=working_days,
        due=due,
        skipped=cal.non_working_days(start, due),
        calendar_complete=complete,
        cuti_bersama=cal.cuti_bersama,
        notes=tuple(dict.fromkeys(notes)),
    )


def _describe(cal: WorkingCalendar, d: datetime.date) -> str:
    skipped = cal._table(d.year).days.get(d)
    return skipped.name if skipped is not None else WEEKDAYS_ID[d.weekday()]
