"""Calendar durations: the term of an agreement (*jangka waktu*).

Part of the agreement model (stage 0, data): :class:`Duration` is a value of the
``duration`` type in agreements and rule files. It counts calendar years, months and
days separately, because "5 tahun" is not a fixed number of days. Two durations are
ordered by adding both to the same anchor date, 2000-01-01.

The order and :func:`shift_date` give exactly what ``dateutil.relativedelta`` gives,
without building one: a comparison is the hot path of rules such as
``jangka_waktu <= 60 bulan``, and two ``relativedelta`` objects per comparison were
most of an evaluation's time. ``dateutil`` is imported only by :meth:`Duration.to_relativedelta`.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta

__all__ = ["Duration", "parse_duration", "shift_date"]

_ANCHOR = datetime.date(2000, 1, 1)
_ANCHOR_MONTH = 2000 * 12  # months since year 0 of 2000-01, the anchor's month
_NON_NEGATIVE = [attrs.validators.instance_of(int), attrs.validators.ge(0)]
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MONTH_START: dict[int, int] = {}  # month count from the anchor -> ordinal of its 1st day


def _month_start(months: int) -> int:
    """Ordinal of the first day of the month ``months`` after 2000-01 (cached)."""
    ordinal = _MONTH_START.get(months)
    if ordinal is None:
        year, month0 = divmod(_ANCHOR_MONTH + months, 12)
        # Raises ValueError past year 9999, as relativedelta's arithmetic does.
        ordinal = datetime.date(year, month0 + 1, 1).toordinal()
        if len(_MONTH_START) < 4096:  # bounded: durations in rules are few
            _MONTH_START[months] = ordinal
    return ordinal


def _compare(a: Duration, b: Duration) -> int:
    """-1, 0 or 1 as ``a`` ends before, with or after ``b`` from 2000-01-01.

    Months and days are compared exactly on their own; the calendar is consulted only
    when a day count meets a month count (``P400D`` against ``P1Y``), and then from
    the anchor, which is the first of a month so no day is ever clipped.
    """
    am = 12 * a.years + a.months
    bm = 12 * b.years + b.months
    ad = a.days
    bd = b.days
    if ad == bd:
        return (am > bm) - (am < bm)
    if am == bm:
        return (ad > bd) - (ad < bd)
    ka = _month_start(am) + ad
    kb = _month_start(bm) + bd
    return (ka > kb) - (ka < kb)


@attrs.frozen
class Duration:
    """A calendar duration (*jangka waktu*) in years, months and days.

    Equality compares the three fields, so ``P1Y`` and ``P12M`` are different values.
    Ordering adds both sides to 2000-01-01 and compares the resulting dates, so
    ``P1Y <= P12M`` and ``P1Y >= P12M`` both hold while ``P1Y == P12M`` does not.

    Examples:
        >>> str(Duration(years=1, months=6))
        'P1Y6M'
        >>> Duration(months=36) > Duration(years=2)
        True
    """

    years: int = attrs.field(default=0, validator=_NON_NEGATIVE)
    months: int = attrs.field(default=0, validator=_NON_NEGATIVE)
    days: int = attrs.field(default=0, validator=_NON_NEGATIVE)

    def __str__(self) -> str:
        parts = [
            f"{n}{unit}"
            for n, unit in ((self.years, "Y"), (self.months, "M"), (self.days, "D"))
            if n
        ]
        return "P" + ("".join(parts) or "0D")

    def to_relativedelta(self) -> relativedelta:
        """Return the duration as a :class:`dateutil.relativedelta.relativedelta`."""
        from dateutil.relativedelta import relativedelta  # only callers that want one pay

        return relativedelta(years=self.years, months=self.months, days=self.days)

    def _end(self) -> datetime.date:
        return shift_date(_ANCHOR, self)

    def __lt__(self, other: Duration) -> bool:
        if not isinstance(other, Duration):
            return NotImplemented
        return _compare(self, other) < 0

    def __le__(self, other: Duration) -> bool:
        if not isinstance(other, Duration):
            return NotImplemented
        return _compare(self, other) <= 0

    def __gt__(self, other: Duration) -> bool:
        if not isinstance(other, Duration):
            return NotImplemented
        return _compare(self, other) > 0

    def __ge__(self, other: Duration) -> bool:
        if not isinstance(other, Duration):
            return NotImplemented
        return _compare(self, other) >= 0


def shift_date(d: datetime.date, duration: Duration, sign: int = 1) -> datetime.date:
    """``d`` moved by ``duration`` forwards (``sign`` 1) or back (-1), as ``relativedelta``.

    Years and months move first, clipping the day to the end of a shorter month
    (31 January + 1 month = 28 or 29 February), then the days are added.

    Raises:
        ValueError: the month step leaves the years 1..9999.
        OverflowError: the day step does.

    Examples:
        >>> shift_date(datetime.date(2024, 1, 31), Duration(months=1))
        datetime.date(2024, 2, 29)
        >>> shift_date(datetime.date(2024, 3, 31), Duration(months=1, days=1), -1)
        datetime.date(2024, 2, 28)
    """
    months = 12 * duration.years + duration.months
    if months:
        year, month0 = divmod(d.year * 12 + d.month - 1 + sign * months, 12)
        last = _MONTH_DAYS[month0]
        if month0 == 1 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
            last = 29
        d = d.replace(year=year, month=month0 + 1, day=min(d.day, last))
    if duration.days:
        d = d + datetime.timedelta(days=sign * duration.days)
    return d


_UNITS = {
    "tahun": "years",
    "year": "years",
    "years": "years",
    "bulan": "months",
    "month": "months",
    "months": "months",
    "minggu": "weeks",
    "pekan": "weeks",
    "week": "weeks",
    "weeks": "weeks",
    "hari": "days",
    "day": "days",
    "days": "days",
}
# re.ASCII: `\d` is 0-9 only, `\s` ASCII spaces only. Python reads `٥` (Arabic-Indic) or
# `５` (full-width) as 5; a value in look-alike digits is refused, never read as a number.
_WORDS = re.compile(r"\s*(\d{1,6})\s*([a-z]+)\s*(?:,|dan|and)?", re.IGNORECASE | re.ASCII)
_ISO = re.compile(
    r"P(?:(\d{1,6})Y)?(?:(\d{1,6})M)?(?:(\d{1,6})W)?(?:(\d{1,6})D)?", re.IGNORECASE | re.ASCII
)
_HELP = "write durations like `5 tahun`, `36 bulan`, `2 minggu`, `45 hari` or ISO 8601 `P5Y`"


def parse_duration(text: str) -> Duration:
    """Parse a duration written in Indonesian, English or ISO 8601.

    Accepted: ``5 tahun``, ``36 bulan``, ``2 minggu``, ``45 hari``, ``5 years``,
    ``1 year 6 months``, ``P5Y``, ``P1Y6M``, ``P2W``, ``P10D`` (case-insensitive).
    Weeks become days.

    Raises:
        ValueError: the text is not a duration, or is absurdly long.

    Examples:
        >>> parse_duration("5 tahun")
        Duration(years=5, months=0, days=0)
        >>> str(parse_duration("1 tahun 6 bulan"))
        'P1Y6M'
        >>> str(parse_duration("P2W"))
        'P14D'
    """
    stripped = text.strip()
    counts = {"years": 0, "months": 0, "weeks": 0, "days": 0}
    iso = _ISO.fullmatch(stripped)
    if iso and any(iso.groups()):
        for key, group in zip(counts, iso.groups(), strict=True):
            counts[key] = int(group or 0)
    else:
        pos = 0
        found = False
        while pos < len(stripped):
            m = _WORDS.match(stripped, pos)
            unit = _UNITS.get(m.group(2).lower()) if m else None
            if m is None or unit is None:
                found = False
                break
            counts[unit] += int(m.group(1))
            pos = m.end()
            found = True
        if not found:
            msg = f"{text!r} is not a duration; {_HELP}"
            raise ValueError(msg)
    duration = Duration(
        years=counts["years"], months=counts["months"], days=counts["days"] + 7 * counts["weeks"]
    )
    try:
        duration._end()
    except (OverflowError, ValueError):
        msg = f"{text!r} is too long a duration"
        raise ValueError(msg) from None
    return duration
