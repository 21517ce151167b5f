"""The fixed registry of functions callable from rule files, each with a declared signature.

Rules cannot reach Python: only the functions here exist, each with an English and an
Indonesian name, a type rule used by the checker, and an implementation used by the
compiled closures. All are strict: an unknown argument makes the call unknown (the
compiler handles that, so implementations only see known values).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from .typesys import BOOL, DATE, INT, TEXT, Type
from .values import JsonValue


@attrs.frozen
class Function:
    """One callable: names, a type rule and an implementation.

    ``check`` receives the argument types and returns the result type, or a string
    explaining why the arguments do not fit. ``impl`` receives the evaluation context
    first when ``needs_context`` is true (the working-day calendar lives there).
    """

    names: tuple[str, ...]
    signature: str
    doc: str
    check: Callable[[Sequence[Type]], Type | str]
    impl: Callable[..., Any]
    needs_context: bool = False
    # Called only when a failure is explained: extra evidence (path, value) pairs.
    explain: Callable[..., list[tuple[str, Any]]] | None = None


def _exact(*params: Type, result: Type) -> Callable[[Sequence[Type]], Type | str]:
    def check(args: Sequence[Type]) -> Type | str:
        if len(args) != len(params):
            return f"takes {len(params)} argument(s), got {len(args)}"
        for i, (got, want) in enumerate(zip(args, params, strict=True), start=1):
            if got.kind == "any":
                continue
            if want.kind == "int" and got.kind == "int":
                continue
            if got.kind != want.kind:
                return f"argument {i} must be {want}, got {got}"
        return result

    return check


def _size_check(args: Sequence[Type]) -> Type | str:
    if len(args) != 1:
        return f"takes 1 argument, got {len(args)}"
    if args[0].kind not in ("list", "text", "any"):
        return f"argument 1 must be a list or text, got {args[0]}"
    return INT


def _minmax_check(args: Sequence[Type]) -> Type | str:
    if len(args) < 2:
        return "takes at least 2 arguments"
    first = args[0]
    if first.kind not in ("int", "number", "date", "duration"):
        return f"arguments must be numbers, dates or durations, got {first}"
    for i, a in enumerate(args[1:], start=2):
        if not (a.kind == first.kind or (a.is_numeric and first.is_numeric)):
            return f"argument {i} must be {first}, got {a}"
    return first


def _working_days_after(ctx: Any, start: datetime.date, n: int) -> datetime.date:
    result: datetime.date = ctx.calendar.nth_working_day_after(start, n)
    return result


def _explain_working_days_after(
    ctx: Any, text: str, args: Sequence[Any], result: Any
) -> list[tuple[str, Any]]:
    # The due date and each day skipped, so a reader can recount the deadline by hand.
    key = (ctx.calendar, args[0], result)
    skipped = _SKIPPED.get(key)
    if skipped is None:
        if len(_SKIPPED) >= 65536:
            _SKIPPED.clear()
        skipped = _SKIPPED[key] = JsonValue(
            {"date": d.date.isoformat(), "name": d.name, "kind": d.kind.value}
            for d in ctx.calendar.holidays_between(args[0], result)
        )
    out: list[tuple[str, Any]] = [
        (text, result),
        (text + ".dilewati", skipped),
        ("saklar.cuti_bersama", ctx.calendar.cuti_bersama.value),
    ]
    if not ctx.calendar.is_complete(args[0], result):
        # Estimated holiday dates or no cuti bersama data for a year: say so.
        out.append((text + ".kalender_lengkap", False))
    return out


# (switch value, start, due) -> the holidays skipped, ready for JSON. Only for calendars
# without regional holidays, which is what rules use.
_SKIPPED: dict[tuple[Any, ...], JsonValue] = {}


def _explain_value(ctx: Any, text: str, args: Sequence[Any], result: Any) -> list[tuple[str, Any]]:
    return [(text, result)]


def _working_days_between(ctx: Any, a: datetime.date, b: datetime.date) -> int:
    result: int = ctx.calendar.working_days_between(a, b)
    return result


FUNCTIONS: tuple[Function, ...] = (
    Function(
        ("blank", "kosong"),
        "blank(text) -> bool",
        "True when the text is empty or only spaces.",
        _exact(TEXT, result=BOOL),
        lambda s: not s.strip(),
    ),
    Function(
        ("size", "ukuran"),
        "size(list | text) -> int",
        "The number of items of a list, or of characters of a text.",
        _size_check,
        len,
    ),
    Function(
        ("lower", "huruf_kecil"),
        "lower(text) -> text",
        "The text in lower case.",
        _exact(TEXT, result=TEXT),
        str.lower,
    ),
    Function(
        ("year", "tahun_dari"),
        "year(date) -> int",
        "The year of a date.",
        _exact(DATE, result=INT),
        lambda d: d.year,
    ),
    Function(
        ("days_between", "selisih_hari"),
        "days_between(date, date) -> int",
        "Calendar days from the first date to the second (negative if earlier).",
        _exact(DATE, DATE, result=INT),
        lambda a, b: (b - a).days,
    ),
    Function(
        ("working_days_after", "hari_kerja_setelah"),
        "working_days_after(date, int) -> date",
        "The n-th working day after a date (the date itself not counted), on the "
        "calendar of the evaluation (see the `cuti_bersama` switch).",
        _exact(DATE, INT, result=DATE),
        _working_days_after,
        needs_context=True,
        explain=_explain_working_days_after,
    ),
    Function(
        ("working_days_between", "hari_kerja_antara"),
        "working_days_between(date, date) -> int",
        "Working days in (a, b] on the calendar of the evaluation.",
        _exact(DATE, DATE, result=INT),
        _working_days_between,
        needs_context=True,
        explain=_explain_value,
    ),
    Function(
        ("min", "minimum"),
        "min(x, y, ...) -> same type",
        "The smallest of numbers, dates or durations.",
        _minmax_check,
        min,
    ),
    Function(
        ("max", "maksimum"),
        "max(x, y, ...) -> same type",
        "The largest of numbers, dates or durations.",
        _minmax_check,
        max,
    ),
)

REGISTRY: dict[str, Function] = {name: f for f in FUNCTIONS for name in f.names}
