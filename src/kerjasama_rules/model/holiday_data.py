"""Indonesia's national holiday data per year, read from the ``holidays`` package.

The calendar's source of non-working days: public holidays (*libur nasional*) and the
government's collective leave (*cuti bersama*) for one year, with notes on how far the
data can be trusted (estimated lunar dates, years the package does not cover). The
package is imported on first use, so importing the library does not pay for it.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping

import attrs

__all__ = ["CUTI_BERSAMA_FIRST_YEAR", "YearData", "year_data"]

# The `holidays` package appends this label (language "id") to dates it only estimates
# (Islamic, Chinese and Buddhist lunar dates outside its confirmed years).
_ESTIMATED_MARK = "(perkiraan)"
# ... and prefixes substitute ("observed") days with this word.
_OBSERVED_PREFIX = "Pegangti "
# Cuti bersama was first set in 2002 (SKB 3 Menteri); earlier years need no such data.
CUTI_BERSAMA_FIRST_YEAR = 2002
# Lunar-calendar holidays that fall in every Gregorian year from the given year on. The
# package has finite date tables for them (e.g. Nyepi ends in 2050), so a missing one means
# the year's data is incomplete, not that the holiday was abolished.
_LUNAR_HOLIDAYS: tuple[tuple[str, int], ...] = (
    ("Hari Raya Idul Fitri", 1953),
    ("Hari Raya Idul Adha", 1953),
    ("Isra Mikraj Nabi Muhammad", 1968),
    ("Tahun Baru Islam", 1968),
    ("Maulid Nabi Muhammad", 1968),
    ("Hari Suci Nyepi", 1983),
    ("Hari Raya Waisak", 1983),
    ("Tahun Baru Imlek", 2003),
)


@attrs.frozen
class YearData:
    """The raw national data for one year, independent of any calendar's options."""

    public: Mapping[datetime.date, str]
    cuti: Mapping[datetime.date, str]
    holiday_notes: tuple[str, ...]
    cuti_known: bool


@functools.lru_cache(maxsize=512)
def year_data(year: int) -> YearData:
    # Building `holidays` objects is slow, so each year is built once per process; the
    # package itself is imported only when a working day is first counted.
    import holidays

    public = holidays.country_holidays("ID", language="id", years=year)
    government = holidays.country_holidays(
        "ID", language="id", years=year, categories=("government",)
    )
    pub: dict[datetime.date, str] = {d: str(n) for d, n in public.items() if d.year == year}
    cuti: dict[datetime.date, str] = {d: str(n) for d, n in government.items() if d.year == year}
    notes: list[str] = []
    first, last = int(public.start_year), int(public.end_year)
    if not first <= year <= last:
        notes.append(f"no holiday data for {year}: the `holidays` data covers {first}-{last}")
    else:
        estimated = [
            f"{d.isoformat()} {_base_name(part)}"
            for d, n in sorted(pub.items())
            for part in n.split("; ")
            if _ESTIMATED_MARK in part
        ]
        if estimated:
            notes.append(f"estimated (perkiraan) holiday dates in {year}: " + ", ".join(estimated))
        present = {_base_name(part) for n in pub.values() for part in n.split("; ")}
        for name, since in _LUNAR_HOLIDAYS:
            if year >= since and name not in present:
                notes.append(f"no date for `{name}` in {year} in the `holidays` data")
    return YearData(
        public=pub,
        cuti=cuti,
        holiday_notes=tuple(notes),
        cuti_known=bool(cuti) or year < CUTI_BERSAMA_FIRST_YEAR,
    )


def _base_name(name: str) -> str:
    name = name.removeprefix(_OBSERVED_PREFIX)
    return name.replace(_ESTIMATED_MARK, "").strip()
