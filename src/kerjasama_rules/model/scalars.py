"""Structuring single values of an agreement document: text, booleans, integers, dates,
durations, country codes and ids, each with a located, helpful error.

The cattrs hooks ``loader`` registers for the scalar fields of the agreement model, and the
exceptions through which a bad value reaches ``loader``'s diagnostics.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping

from .. import limits
from .documents import INVALID_VALUE
from .duration import Duration, parse_duration

__all__ = [
    "DATE_HELP",
    "DURATION_HELP",
    "DURATION_KEYS",
    "ISO_DATE",
    "MONTHS",
    "WORD_DATE",
    "WRONG_TYPE",
    "Invalid",
    "ItemErrors",
    "describe",
    "in_range",
    "shown_name",
    "structure_bool",
    "structure_country",
    "structure_date",
    "structure_duration",
    "structure_id",
    "structure_int",
    "structure_str",
]

WRONG_TYPE = "agreement.wrong-type"

DATE_HELP = "write dates as YYYY-MM-DD, e.g. 2026-03-02"
DURATION_HELP = "write durations like `5 tahun`, `36 bulan`, `45 hari` or ISO 8601 `P5Y`"


class Invalid(Exception):
    """One bad value. The path is added when the cattrs error tree is walked.

    ``message`` may be a function of the field name, for messages that name the field
    (an enum hook does not know which field it is structuring).
    """

    def __init__(self, code: str, message: str | Callable[[str], str], help: str | None) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.help = help


class ItemErrors(Exception):
    """Errors in items of a list: ``(index, exception)`` pairs."""

    def __init__(self, items: list[tuple[int, Exception]]) -> None:
        super().__init__("invalid list items")
        self.items = items


def describe(value: object) -> str:
    """A short, safe description of a value for messages (never huge, never raises)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value) if -(10**30) < value < 10**30 else "a very large number"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, datetime.datetime):
        return f"the date and time {value.isoformat(sep=' ')}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return f"a value of type `{type(value).__name__}`"


def shown_name(text: str) -> str:
    """Text for a backticked name in a message, cut when long."""
    return text if len(text) <= 40 else text[:37] + "..."


# --- structure hooks: one per type form of agreement.py -------------------------------


def structure_str(value: object, _: object) -> str:
    if isinstance(value, str):
        return value
    msg = f"expected text, got {describe(value)}"
    raise Invalid(WRONG_TYPE, msg, "put the value in quotes to make it text")


def structure_bool(value: object, _: object) -> bool:
    if value is True or value is False:
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in ("ya", "tidak"):
            return word == "ya"
        code = INVALID_VALUE
    else:
        code = WRONG_TYPE
    msg = f"expected true or false, got {describe(value)}"
    raise Invalid(code, msg, "write true or false (or ya / tidak)")


def structure_int(value: object, _: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    msg = f"expected a whole number, got {describe(value)}"
    raise Invalid(WRONG_TYPE, msg, "write digits only, e.g. 12")


MONTHS = {
    **dict.fromkeys(("januari", "january", "jan"), 1),
    **dict.fromkeys(("februari", "pebruari", "february", "feb", "peb"), 2),
    **dict.fromkeys(("maret", "march", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mei", "may"), 5),
    **dict.fromkeys(("juni", "june", "jun"), 6),
    **dict.fromkeys(("juli", "july", "jul"), 7),
    **dict.fromkeys(("agustus", "august", "agu", "agt", "ags", "aug"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "october", "okt", "oct"), 10),
    **dict.fromkeys(("november", "nopember", "nov", "nop"), 11),
    **dict.fromkeys(("desember", "december", "des", "dec"), 12),
}
# re.ASCII: digits 0-9 only (`int` reads Arabic-Indic or full-width digits too: a date
# written in them is refused, not silently read).
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
WORD_DATE = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})", re.ASCII)


def structure_date(value: object, _: object) -> datetime.date:
    if isinstance(value, datetime.datetime):
        msg = f"expected a date without a time, got {describe(value)}"
        raise Invalid(INVALID_VALUE, msg, f"remove the time, e.g. {value.date().isoformat()}")
    if isinstance(value, datetime.date):
        return in_range(value)
    if not isinstance(value, str):
        msg = f"expected a date, got {describe(value)}"
        raise Invalid(WRONG_TYPE, msg, DATE_HELP)
    text = value.strip()
    parts: tuple[int, int, int] | None = None
    if m := ISO_DATE.fullmatch(text):
        parts = (int(m[1]), int(m[2]), int(m[3]))
    elif (m := WORD_DATE.fullmatch(text)) and m[2].lower() in MONTHS:
        parts = (int(m[3]), MONTHS[m[2].lower()], int(m[1]))
    if parts is None:
        msg = f"expected a date, got {describe(value)}"
        raise Invalid(INVALID_VALUE, msg, DATE_HELP)
    try:
        day = datetime.date(*parts)
    except ValueError:
        msg = f"`{shown_name(text)}` is not a valid calendar date"
        raise Invalid(INVALID_VALUE, msg, "check the day and the month; " + DATE_HELP) from None
    return in_range(day)


def in_range(day: datetime.date) -> datetime.date:
    # Refused here, with its path, rather than failing later inside a deadline computed
    # from it (9999-12-30 plus 14 working days is past the end of Python's calendar).
    lim = limits.current()
    if lim.min_date_year <= day.year <= lim.max_date_year:
        return day
    msg = (
        f"the date {day.isoformat()} is outside the years the calendar handles "
        f"({lim.min_date_year} to {lim.max_date_year}: limits `min_date_year`, `max_date_year`)"
    )
    raise Invalid(INVALID_VALUE, msg, "check the year")


DURATION_KEYS = {
    "tahun": "years",
    "years": "years",
    "bulan": "months",
    "months": "months",
    "hari": "days",
    "days": "days",
}


def structure_duration(value: object, _: object) -> Duration:
    if isinstance(value, str):
        try:
            return parse_duration(value)
        except ValueError:
            msg = f"expected a duration, got {describe(value)}"
            raise Invalid(INVALID_VALUE, msg, DURATION_HELP) from None
    if isinstance(value, Mapping) and value:
        counts: dict[str, int] = {}
        for key, n in value.items():
            unit = DURATION_KEYS.get(key) if isinstance(key, str) else None
            if unit is None or unit in counts or type(n) is not int or not 0 <= n <= 100_000:
                msg = f"expected a duration, got {describe(value)}"
                raise Invalid(
                    INVALID_VALUE, msg, "use the keys tahun, bulan and hari, e.g. {tahun: 5}"
                )
            counts[unit] = n
        duration = Duration(**counts)
        try:
            return parse_duration(str(duration))  # same range check as for text
        except ValueError:
            msg = f"expected a duration, got {describe(value)}"
            raise Invalid(INVALID_VALUE, msg, DURATION_HELP) from None
    msg = f"expected a duration, got {describe(value)}"
    raise Invalid(WRONG_TYPE, msg, DURATION_HELP)


def structure_country(value: object, _: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        msg = f"expected a two-letter country code, got {describe(value)}"
        raise Invalid(WRONG_TYPE, msg, "use the ISO 3166-1 alpha-2 code, e.g. NL")
    if len(value) == 2 and value.isascii() and value.isalpha():
        return value.upper()
    msg = f"`{shown_name(value)}` is not a two-letter country code"
    raise Invalid(
        INVALID_VALUE, msg, "use the ISO 3166-1 alpha-2 code, e.g. NL for the Netherlands"
    )


def structure_id(value: object, _: object) -> str:
    text = structure_str(value, _)
    if text.strip():
        return text
    msg = "`id` must not be empty"
    raise Invalid(INVALID_VALUE, msg, "give the agreement a stable id, e.g. bekasi-arnhem-2018")
