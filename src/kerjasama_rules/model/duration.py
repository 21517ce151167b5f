"""Calendar durations: the term of an agreement (*jangka waktu*).

Part of the agreement model (stage 0, data): :class:`Duration` is a value of the
``duration`` type in agreements and rule files. It counts calendar years, months and
days separately, because "5 tahun" is not a fixed number of days. Two durations are
ordered by adding both to the same anchor date, 2000-01-01.
"""

from __future__ import annotations

import datetime
import re

import attrs
from dateutil.relativedelta import relativedelta

__all__ = ["Duration", "parse_duration"]

_ANCHOR = datetime.date(2000, 1, 1)
_NON_NEGATIVE = [attrs.validators.instance_of(int), attrs.validators.ge(0)]


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
        return relativedelta(years=self.years, months=self.months, days=self.days)

    def _end(self) -> datetime.date:
        end: datetime.date = _ANCHOR + self.to_relativedelta()
        return end

    def __lt__(self, other: Duration) -> bool:
        if not isinstance(other, Duration):
            return NotImplemented
        return self._end() < other._end()

    def __le__(self, other: Duration) -> bool:
        if not isinstance(other, Duration):
            return NotImplemented
        return self._end() <= other._end()

    def __gt__(self, other: Duration) -> bool:
        if not isinstance(other, Duration):
            return NotImplemented
        return self._end() > other._end()

    def __ge__(self, other: Duration) -> bool:
        if not isinstance(other, Duration):
            return NotImplemented
        return self._end() >= other._end()


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
_WORDS = re.compile(r"\s*(\d{1,6})\s*([a-z]+)\s*(?:,|dan|and)?", re.IGNORECASE)
_ISO = re.compile(r"P(?:(\d{1,6})Y)?(?:(\d{1,6})M)?(?:(\d{1,6})W)?(?:(\d{1,6})D)?", re.IGNORECASE)
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
