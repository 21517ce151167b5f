"""The relativedelta-free duration order and date shift equal dateutil's arithmetic.

`Duration` compares months and days without building ``relativedelta`` objects (the
hot path of rules such as ``jangka_waktu <= 60 bulan``); these properties pin it to the
old definition: add both durations to 2000-01-01 with ``relativedelta`` and compare.
"""

from __future__ import annotations

import datetime
import operator

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from kerjasama_rules.model.duration import Duration, parse_duration, shift_date

ANCHOR = datetime.date(2000, 1, 1)

# Small counts exercise the month/day boundaries (28..31 days); large ones the years.
counts = st.one_of(st.integers(0, 70), st.integers(0, 3000))
durations = st.builds(
    Duration,
    years=st.integers(0, 200),
    months=counts,
    days=st.one_of(counts, st.integers(0, 80000)),
)
dates = st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31))
OPS = [operator.lt, operator.le, operator.gt, operator.ge]


def old_end(d: Duration) -> datetime.date:
    end: datetime.date = ANCHOR + relativedelta(years=d.years, months=d.months, days=d.days)
    return end


@given(durations, durations)
def test_order_equals_relativedelta_order(a: Duration, b: Duration) -> None:
    for op in OPS:
        assert op(a, b) == op(old_end(a), old_end(b)), (op.__name__, a, b)


@given(durations)
def test_order_is_consistent_with_equal_fields(a: Duration) -> None:
    same = Duration(a.years, a.months, a.days)
    assert a <= same and a >= same and not a < same and not a > same


def test_month_meets_days_uses_the_calendar() -> None:
    # From 2000-01-01 one year is 366 days (2000 is a leap year), one month is 31.
    assert Duration(years=1) == Duration(years=1)
    assert Duration(days=366) <= Duration(years=1) <= Duration(days=366)
    assert Duration(days=365) < Duration(years=1) < Duration(days=367)
    assert Duration(months=1, days=0) < Duration(days=32)
    assert Duration(months=2) > Duration(days=59) and Duration(months=2) <= Duration(days=60)
    assert Duration(years=1) <= Duration(months=12) and Duration(years=1) >= Duration(months=12)


def old_shift(d: datetime.date, dur: Duration, sign: int) -> datetime.date:
    rd = relativedelta(years=dur.years, months=dur.months, days=dur.days)
    result: datetime.date = d + rd if sign > 0 else d - rd
    return result


@given(dates, durations, st.sampled_from([1, -1]))
def test_shift_equals_relativedelta(d: datetime.date, dur: Duration, sign: int) -> None:
    try:
        expected: datetime.date | type[Exception] = old_shift(d, dur, sign)
    except (ValueError, OverflowError) as exc:
        expected = type(exc)
    try:
        got: datetime.date | type[Exception] = shift_date(d, dur, sign)
    except (ValueError, OverflowError) as exc:
        got = type(exc)
    assert got == expected


@pytest.mark.parametrize(
    ("start", "dur", "sign", "end"),
    [
        (datetime.date(2026, 1, 31), Duration(months=1), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2024, 1, 31), Duration(months=1), 1, datetime.date(2024, 2, 29)),
        (datetime.date(2024, 2, 29), Duration(years=1), 1, datetime.date(2025, 2, 28)),
        (datetime.date(2024, 3, 31), Duration(months=1, days=1), -1, datetime.date(2024, 2, 28)),
        (datetime.date(2026, 5, 1), Duration(years=5), -1, datetime.date(2021, 5, 1)),
    ],
)
def test_shift_examples(start: datetime.date, dur: Duration, sign: int, end: datetime.date) -> None:
    assert shift_date(start, dur, sign) == end


def test_too_long_a_duration_is_still_refused() -> None:
    with pytest.raises(ValueError, match="too long"):
        parse_duration("9000 tahun")
