"""Tests for the working-day calendar (PP 28/2018 Pasal 30 ayat (4): 45 hari kerja)."""

from __future__ import annotations

import datetime
import doctest
import json
import pathlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kerjasama_rules.errors import ConfigurationError, KerjasamaError
from kerjasama_rules.model import calendar as cal_mod
from kerjasama_rules.model import holiday_data
from kerjasama_rules.model.calendar import (
    CutiBersama,
    DayKind,
    Deadline,
    SkippedDay,
    WorkingCalendar,
    YearCoverage,
    compute_deadline,
)
from kerjasama_rules.output import deadline as deadline_mod
from kerjasama_rules.output.deadline import deadline_to_json, render_deadline_text

D = datetime.date
LIBUR = WorkingCalendar()
KERJA = WorkingCalendar(CutiBersama.KERJA)

# The 2026 cuti bersama listed in section 7 of the legal reference (SKB 3 Menteri 2026).
REFERENCE_CUTI_BERSAMA_2026 = (
    D(2026, 2, 16),
    D(2026, 3, 18),
    D(2026, 3, 20),
    D(2026, 3, 23),
    D(2026, 3, 24),
    D(2026, 5, 15),
    D(2026, 5, 28),
    D(2026, 12, 24),
)


# --- the known cases ---------------------------------------------------------------


def test_pasal_30_4_example_cuti_bersama_libur() -> None:
    d = compute_deadline(D(2026, 3, 2), 45)
    assert d.due == D(2026, 5, 13)
    assert d.due.weekday() == 2  # Wednesday
    assert d.cuti_bersama is CutiBersama.LIBUR
    assert d.calendar_complete
    assert LIBUR.working_days_between(d.start, d.due) == 45
    kinds = {s.date: s.kind for s in d.skipped}
    assert kinds[D(2026, 3, 18)] is DayKind.CUTI_BERSAMA
    assert kinds[D(2026, 3, 19)] is DayKind.LIBUR_NASIONAL  # Nyepi
    assert kinds[D(2026, 3, 21)] is DayKind.LIBUR_NASIONAL  # Idul Fitri on a Saturday
    assert kinds[D(2026, 3, 28)] is DayKind.AKHIR_PEKAN


def test_pasal_30_4_example_cuti_bersama_kerja() -> None:
    d = compute_deadline(D(2026, 3, 2), 45, calendar=KERJA)
    assert d.due == D(2026, 5, 7)
    assert d.due.weekday() == 3  # Thursday
    assert d.cuti_bersama is CutiBersama.KERJA
    assert all(s.kind is not DayKind.CUTI_BERSAMA for s in d.skipped)
    # Exactly the four weekday cuti bersama between the two due dates make the difference.
    assert LIBUR.working_days_between(D(2026, 3, 2), D(2026, 5, 7)) == 41


def test_holidays_data_matches_reference_cuti_bersama_2026() -> None:
    got = tuple(
        s.date
        for s in LIBUR.non_working_days(D(2025, 12, 31), D(2026, 12, 31))
        if s.kind is DayKind.CUTI_BERSAMA
    )
    assert got == REFERENCE_CUTI_BERSAMA_2026


def test_2026_holiday_dates_disputed_in_news_follow_the_package() -> None:
    # The reference notes news sources disagree (Ascension 6 or 14 May, Idul Adha 25 or
    # 27 May). The package says 14 and 27 May, consistent with cuti bersama on 15 and 28 May.
    names = {s.date: s.name for s in LIBUR.non_working_days(D(2026, 5, 1), D(2026, 5, 31))}
    assert names[D(2026, 5, 14)] == "Kenaikan Yesus Kristus"
    assert names[D(2026, 5, 27)] == "Hari Raya Idul Adha"
    assert D(2026, 5, 6) not in names
    assert D(2026, 5, 25) not in names


def test_year_boundary() -> None:
    # 24 Dec cuti bersama, 25 Dec Natal, weekend 26-27 Dec, 1 Jan 2027 Tahun Baru.
    d = compute_deadline(D(2026, 12, 23), 5)
    assert d.due == D(2027, 1, 4)
    assert [s.date for s in d.skipped if s.kind is not DayKind.AKHIR_PEKAN] == [
        D(2026, 12, 24),
        D(2026, 12, 25),
        D(2027, 1, 1),
    ]
    # 2027 Idul Fitri / Idul Adha dates are still estimates in holidays 0.109.
    assert not d.calendar_complete
    assert any("2027" in n for n in d.notes)
    assert compute_deadline(D(2026, 12, 23), 5, calendar=KERJA).due == D(2026, 12, 31)


def test_start_on_holiday_is_not_counted() -> None:
    # 19 Mar 2026 is Nyepi; 20 Mar cuti bersama, 21-22 weekend + Idul Fitri, 23-24 cuti.
    d = compute_deadline(D(2026, 3, 19), 1)
    assert d.due == D(2026, 3, 25)
    assert d.start not in {s.date for s in d.skipped}
    assert any("not a working day" in n and "Nyepi" in n for n in d.notes)
    assert compute_deadline(D(2026, 3, 19), 1, calendar=KERJA).due == D(2026, 3, 20)


def test_start_on_weekend() -> None:
    assert compute_deadline(D(2026, 3, 7), 1).due == D(2026, 3, 9)  # Saturday -> Monday
    assert compute_deadline(D(2026, 3, 8), 5).due == D(2026, 3, 13)  # Sunday -> Friday
    assert LIBUR.working_days_between(D(2026, 3, 7), D(2026, 3, 8)) == 0


def test_regional_extra_holidays() -> None:
    cal = WorkingCalendar(
        extra_holidays=[(D(2026, 3, 4), "Hari Jadi Provinsi"), (D(2026, 3, 2), "Hari Jadi Kota")]
    )
    assert cal.extra_holidays == (
        (D(2026, 3, 2), "Hari Jadi Kota"),
        (D(2026, 3, 4), "Hari Jadi Provinsi"),
    )
    assert not cal.is_working_day(D(2026, 3, 4))
    assert compute_deadline(D(2026, 3, 2), 45, calendar=cal).due == D(2026, 5, 18)
    skipped = cal.non_working_days(D(2026, 3, 1), D(2026, 3, 4))
    assert skipped == (
        SkippedDay(D(2026, 3, 2), "Hari Jadi Kota", DayKind.LIBUR_DAERAH),
        SkippedDay(D(2026, 3, 4), "Hari Jadi Provinsi", DayKind.LIBUR_DAERAH),
    )
    # A national holiday wins over a regional one on the same date.
    both = WorkingCalendar(extra_holidays=((D(2026, 3, 19), "Lokal"),))
    assert both.non_working_days(D(2026, 3, 18), D(2026, 3, 19))[0].kind is DayKind.LIBUR_NASIONAL


def test_zero_working_days_returns_start() -> None:
    d = compute_deadline(D(2026, 3, 21), 0)
    assert d.due == D(2026, 3, 21)
    assert d.skipped == ()
    assert LIBUR.nth_working_day_after(D(2026, 3, 2), 0) == D(2026, 3, 2)


@pytest.mark.parametrize("n", [-1, -45])
def test_negative_working_days_is_a_configuration_error(n: int) -> None:
    with pytest.raises(ConfigurationError) as info:
        LIBUR.nth_working_day_after(D(2026, 3, 2), n)
    assert info.value.diagnostics[0].code == "config.negative-working-days"
    with pytest.raises(KerjasamaError):
        compute_deadline(D(2026, 3, 2), n)


@pytest.mark.parametrize(
    "call",
    [
        lambda: compute_deadline(D(2026, 3, 2), True),
        lambda: compute_deadline(D(2026, 3, 2), 4.5),  # type: ignore[arg-type]
        lambda: compute_deadline(datetime.datetime(2026, 3, 2, 9, 0), 45),
        lambda: compute_deadline("2026-03-02", 45),  # type: ignore[arg-type]
        lambda: WorkingCalendar("cuti"),
        lambda: WorkingCalendar(extra_holidays=[(D(2026, 3, 4),)]),  # type: ignore[list-item]
        lambda: render_deadline_text(compute_deadline(D(2026, 3, 2), 1), lang="fr"),
        lambda: LIBUR.nth_working_day_after(D.max, 1),
    ],
)
def test_bad_input_raises_only_configuration_error(call: object) -> None:
    with pytest.raises(ConfigurationError):
        call()  # type: ignore[operator]


def test_switch_accepts_its_string_value() -> None:
    assert WorkingCalendar("kerja") == KERJA
    assert hash(WorkingCalendar("libur")) == hash(LIBUR)


# --- coverage ----------------------------------------------------------------------


def test_coverage_2026_complete() -> None:
    assert LIBUR.coverage(2026) == YearCoverage(2026, True, ())
    assert LIBUR.is_complete(D(2025, 1, 1), D(2026, 12, 31))


def test_coverage_far_future_incomplete() -> None:
    cov = LIBUR.coverage(2090)
    assert not cov.complete
    text = " ".join(cov.notes)
    assert "estimated" in text and "Hari Raya Idul Fitri" in text
    assert "no cuti bersama data for 2090" in text
    assert "Hari Suci Nyepi" in text  # the package's Nyepi table ends in 2050
    assert not KERJA.coverage(2090).complete  # estimates remain even without cuti bersama
    assert not LIBUR.is_complete(D(2026, 1, 1), D(2090, 1, 1))


def test_coverage_outside_package_range() -> None:
    cov = LIBUR.coverage(2101)
    assert not cov.complete
    assert "no holiday data for 2101" in cov.notes[0]


def test_coverage_cuti_bersama_missing_matters_only_for_libur() -> None:
    # 2028: no SKB yet, and lunar dates are estimates.
    assert any("no cuti bersama" in n for n in LIBUR.coverage(2028).notes)
    assert not any("no cuti bersama" in n for n in KERJA.coverage(2028).notes)
    # 2027: the SKB data exists, but Idul Fitri and Idul Adha are still estimates.
    cov = LIBUR.coverage(2027)
    assert not cov.complete
    assert not any("cuti bersama" in n for n in cov.notes)


def test_coverage_before_cuti_bersama_existed() -> None:
    cov = LIBUR.coverage(1999)
    assert cov.complete
    assert cov.notes == ("cuti bersama did not exist in 1999 (first set in 2002)",)


def test_far_future_deadline_warns_in_text() -> None:
    d = compute_deadline(D(2090, 3, 1), 45)
    assert not d.calendar_complete
    assert "PERINGATAN" in render_deadline_text(d)
    assert "WARNING" in render_deadline_text(d, lang="en")


# --- non_working_days ----------------------------------------------------------------


def test_non_working_days_one_entry_per_date_sorted() -> None:
    days = LIBUR.non_working_days(D(2026, 1, 1), D(2026, 12, 31))
    dates = [s.date for s in days]
    assert dates == sorted(set(dates))
    assert D(2026, 1, 1) not in dates  # half-open: (a, b]
    assert {s.name for s in days if s.kind is DayKind.AKHIR_PEKAN} == {"Sabtu", "Minggu"}
    assert LIBUR.non_working_days(D(2026, 3, 9), D(2026, 3, 2)) == ()


def test_cuti_bersama_on_weekday_is_working_day_under_kerja() -> None:
    assert KERJA.is_working_day(D(2026, 3, 23))
    assert not LIBUR.is_working_day(D(2026, 3, 23))
    assert D(2026, 3, 23) not in {
        s.date for s in KERJA.non_working_days(D(2026, 3, 1), D(2026, 4, 1))
    }


# --- output --------------------------------------------------------------------------


def test_deadline_to_json_shape() -> None:
    d = compute_deadline(D(2026, 3, 2), 45)
    out = deadline_to_json(d)
    assert list(out) == [
        "from", "working_days", "due", "cuti_bersama", "skipped", "calendar_complete", "notes",
    ]  # fmt: skip
    assert out["from"] == "2026-03-02"
    assert out["due"] == "2026-05-13"
    assert out["working_days"] == 45
    assert out["cuti_bersama"] == "libur"
    assert out["calendar_complete"] is True
    assert out["notes"] == []
    skipped = out["skipped"]
    assert isinstance(skipped, list)
    assert skipped[0] == {
        "date": "2026-03-07",
        "name": "Sabtu",
        "kind": "akhir_pekan",
    }
    assert {
        "date": "2026-03-18",
        "name": "Cuti Bersama Hari Suci Nyepi",
        "kind": "cuti_bersama",
    } in skipped
    assert json.loads(json.dumps(out)) == out


def test_render_text_indonesian() -> None:
    text = render_deadline_text(compute_deadline(D(2026, 3, 2), 45))
    assert "Senin, 2 Maret 2026" in text
    assert "Jatuh tempo: Rabu, 13 Mei 2026" in text
    assert "45" in text
    assert "libur" in text
    assert "Cuti Bersama Hari Raya Idul Fitri" in text
    assert "Minggu, 22 Maret 2026" in text  # weekend holiday listed as a holiday
    assert "Akhir pekan yang dilewati: 17 hari" in text
    assert "Sabtu, 7 Maret" not in text  # plain weekends are only counted
    assert "PERINGATAN" not in text


def test_render_text_english() -> None:
    text = render_deadline_text(compute_deadline(D(2026, 3, 2), 45, calendar=KERJA), lang="en")
    assert "Due: Thursday, 7 May 2026" in text
    assert "kerja" in text
    assert "Cuti Bersama" not in text


def test_deadline_is_frozen() -> None:
    d = compute_deadline(D(2026, 3, 2), 1)
    assert isinstance(d, Deadline)
    with pytest.raises(AttributeError):
        d.due = D(2026, 3, 4)  # type: ignore[misc]


def test_never_reads_the_wall_clock() -> None:
    for module in (cal_mod, holiday_data):
        source = pathlib.Path(module.__file__ or "").read_text(encoding="utf-8")
        for forbidden in ("today(", "now(", "utcnow(", "time.time("):
            assert forbidden not in source


def test_doctests() -> None:
    result = doctest.testmod(cal_mod, raise_on_error=False)
    assert result.attempted > 10
    assert result.failed == 0
    rendered = doctest.testmod(deadline_mod, raise_on_error=False)
    assert rendered.attempted >= 4
    assert rendered.failed == 0


def test_docs_examples() -> None:
    docs = pathlib.Path(__file__).parent.parent / "docs" / "calendar.md"
    result = doctest.testfile(str(docs), module_relative=False, raise_on_error=False)
    assert result.attempted >= 4
    assert result.failed == 0


def test_thousands_of_calls_are_fast() -> None:
    import time

    t0 = time.perf_counter()
    for i in range(3000):
        compute_deadline(D(2025, 1, 1) + datetime.timedelta(days=i % 700), 45)
    assert time.perf_counter() - t0 < 5.0  # about 50 µs a call when measured


# --- properties ----------------------------------------------------------------------

dates = st.dates(min_value=D(2019, 1, 1), max_value=D(2027, 12, 31))
calendars = st.sampled_from([LIBUR, KERJA])
counts = st.integers(min_value=0, max_value=300)


@settings(max_examples=200, deadline=None)
@given(a=dates, b=dates, c=dates, cal=calendars)
def test_between_is_additive(
    a: datetime.date, b: datetime.date, c: datetime.date, cal: WorkingCalendar
) -> None:
    assert cal.working_days_between(a, b) + cal.working_days_between(b, c) == (
        cal.working_days_between(a, c)
    )


@settings(max_examples=200, deadline=None)
@given(a=dates, n=counts, cal=calendars)
def test_between_inverts_nth(a: datetime.date, n: int, cal: WorkingCalendar) -> None:
    assert cal.working_days_between(a, cal.nth_working_day_after(a, n)) == n


@settings(max_examples=200, deadline=None)
@given(a=dates, n=st.integers(min_value=1, max_value=300), cal=calendars)
def test_nth_is_a_working_day(a: datetime.date, n: int, cal: WorkingCalendar) -> None:
    due = cal.nth_working_day_after(a, n)
    assert cal.is_working_day(due)
    assert due.weekday() < 5
    assert due not in {s.date for s in cal.non_working_days(a, due)}


@settings(max_examples=200, deadline=None)
@given(a=dates, n=counts)
def test_libur_never_earlier_than_kerja(a: datetime.date, n: int) -> None:
    assert LIBUR.nth_working_day_after(a, n) >= KERJA.nth_working_day_after(a, n)


@settings(max_examples=200, deadline=None)
@given(a=dates, b=dates, cal=calendars)
def test_between_agrees_with_day_by_day_count(
    a: datetime.date, b: datetime.date, cal: WorkingCalendar
) -> None:
    lo, hi = sorted((a, b))
    span = (hi - lo).days
    slow = sum(cal.is_working_day(lo + datetime.timedelta(days=i)) for i in range(1, span + 1))
    skipped = len(cal.non_working_days(lo, hi))
    assert cal.working_days_between(lo, hi) == slow == span - skipped
