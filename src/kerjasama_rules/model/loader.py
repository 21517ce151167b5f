"""Agreement documents (YAML, JSON or already-parsed mappings) -> :class:`Agreement`.

Stage 0 of the pipeline, beside the parser: the evaluator reads what this module builds.
One private ``cattrs.Converter(forbid_extra_keys=True)`` does the structuring, with
strict hooks for text, booleans, dates, durations and enums. Every problem in a document
is collected, not only the first, and raised as one :class:`AgreementError` whose
diagnostics carry a stable ``code`` and a JSONPath such as ``$.mitra[0].negara``. No
other exception escapes for any input: that is a property test.
"""

from __future__ import annotations

import datetime
import enum
import os
import re
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, NoReturn, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from .. import limits
from ..errors import AgreementError, ConfigurationError, Diagnostic, bad_argument
from ..suggest import hint
from .agreement import Agreement, Jenis, Mitra
from .documents import (
    INVALID_VALUE,
    check_data,
    is_fatal,
    key_path,
    parse_document,
    read_document,
)
from .duration import Duration, parse_duration

__all__ = ["load_agreement", "load_agreements", "parse_agreement_text", "unstructure_agreement"]

UNKNOWN_FIELD = "agreement.unknown-field"
MISSING_FIELD = "agreement.missing-field"
WRONG_TYPE = "agreement.wrong-type"

_DATE_HELP = "write dates as YYYY-MM-DD, e.g. 2026-03-02"
_DURATION_HELP = "write durations like `5 tahun`, `36 bulan`, `45 hari` or ISO 8601 `P5Y`"


class _Invalid(Exception):
    """One bad value. The path is added when the cattrs error tree is walked.

    ``message`` may be a function of the field name, for messages that name the field
    (an enum hook does not know which field it is structuring).
    """

    def __init__(self, code: str, message: str | Callable[[str], str], help: str | None) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.help = help


class _ItemErrors(Exception):
    """Errors in items of a list: ``(index, exception)`` pairs."""

    def __init__(self, items: list[tuple[int, Exception]]) -> None:
        super().__init__("invalid list items")
        self.items = items


def _describe(value: object) -> str:
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


def _shown(text: str) -> str:
    """Text for a backticked name in a message, cut when long."""
    return text if len(text) <= 40 else text[:37] + "..."


# --- structure hooks: one per type form of agreement.py -------------------------------


def _structure_str(value: object, _: object) -> str:
    if isinstance(value, str):
        return value
    msg = f"expected text, got {_describe(value)}"
    raise _Invalid(WRONG_TYPE, msg, "put the value in quotes to make it text")


def _structure_bool(value: object, _: object) -> bool:
    if value is True or value is False:
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in ("ya", "tidak"):
            return word == "ya"
        code = INVALID_VALUE
    else:
        code = WRONG_TYPE
    msg = f"expected true or false, got {_describe(value)}"
    raise _Invalid(code, msg, "write true or false (or ya / tidak)")


def _structure_int(value: object, _: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    msg = f"expected a whole number, got {_describe(value)}"
    raise _Invalid(WRONG_TYPE, msg, "write digits only, e.g. 12")


_MONTHS = {
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
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORD_DATE = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})")


def _structure_date(value: object, _: object) -> datetime.date:
    if isinstance(value, datetime.datetime):
        msg = f"expected a date without a time, got {_describe(value)}"
        raise _Invalid(INVALID_VALUE, msg, f"remove the time, e.g. {value.date().isoformat()}")
    if isinstance(value, datetime.date):
        return _in_range(value)
    if not isinstance(value, str):
        msg = f"expected a date, got {_describe(value)}"
        raise _Invalid(WRONG_TYPE, msg, _DATE_HELP)
    text = value.strip()
    parts: tuple[int, int, int] | None = None
    if m := _ISO_DATE.fullmatch(text):
        parts = (int(m[1]), int(m[2]), int(m[3]))
    elif (m := _WORD_DATE.fullmatch(text)) and m[2].lower() in _MONTHS:
        parts = (int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    if parts is None:
        msg = f"expected a date, got {_describe(value)}"
        raise _Invalid(INVALID_VALUE, msg, _DATE_HELP)
    try:
        day = datetime.date(*parts)
    except ValueError:
        msg = f"`{_shown(text)}` is not a valid calendar date"
        raise _Invalid(INVALID_VALUE, msg, "check the day and the month; " + _DATE_HELP) from None
    return _in_range(day)


def _in_range(day: datetime.date) -> datetime.date:
    # Refused here, with its path, rather than failing later inside a deadline computed
    # from it (9999-12-30 plus 14 working days is past the end of Python's calendar).
    lim = limits.current()
    if lim.min_date_year <= day.year <= lim.max_date_year:
        return day
    msg = (
        f"the date {day.isoformat()} is outside the years the calendar handles "
        f"({lim.min_date_year} to {lim.max_date_year}: limits `min_date_year`, `max_date_year`)"
    )
    raise _Invalid(INVALID_VALUE, msg, "check the year")


_DURATION_KEYS = {
    "tahun": "years",
    "years": "years",
    "bulan": "months",
    "months": "months",
    "hari": "days",
    "days": "days",
}


def _structure_duration(value: object, _: object) -> Duration:
    if isinstance(value, str):
        try:
            return parse_duration(value)
        except ValueError:
            msg = f"expected a duration, got {_describe(value)}"
            raise _Invalid(INVALID_VALUE, msg, _DURATION_HELP) from None
    if isinstance(value, Mapping) and value:
        counts: dict[str, int] = {}
        for key, n in value.items():
            unit = _DURATION_KEYS.get(key) if isinstance(key, str) else None
            if unit is None or unit in counts or type(n) is not int or not 0 <= n <= 100_000:
                msg = f"expected a duration, got {_describe(value)}"
                raise _Invalid(
                    INVALID_VALUE, msg, "use the keys tahun, bulan and hari, e.g. {tahun: 5}"
                )
            counts[unit] = n
        duration = Duration(**counts)
        try:
            return parse_duration(str(duration))  # same range check as for text
        except ValueError:
            msg = f"expected a duration, got {_describe(value)}"
            raise _Invalid(INVALID_VALUE, msg, _DURATION_HELP) from None
    msg = f"expected a duration, got {_describe(value)}"
    raise _Invalid(WRONG_TYPE, msg, _DURATION_HELP)


def _structure_country(value: object, _: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        msg = f"expected a two-letter country code, got {_describe(value)}"
        raise _Invalid(WRONG_TYPE, msg, "use the ISO 3166-1 alpha-2 code, e.g. NL")
    if len(value) == 2 and value.isascii() and value.isalpha():
        return value.upper()
    msg = f"`{_shown(value)}` is not a two-letter country code"
    raise _Invalid(
        INVALID_VALUE, msg, "use the ISO 3166-1 alpha-2 code, e.g. NL for the Netherlands"
    )


def _structure_id(value: object, _: object) -> str:
    text = _structure_str(value, _)
    if text.strip():
        return text
    msg = "`id` must not be empty"
    raise _Invalid(INVALID_VALUE, msg, "give the agreement a stable id, e.g. bekasi-arnhem-2018")


def _values_help(values: Sequence[str]) -> str:
    return "valid values: " + ", ".join(f"`{v}`" for v in values)


def _enum_hook(cls: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    by_value = {member.value: member for member in cls}
    values = list(by_value)

    def structure(value: object, _: object) -> enum.Enum:
        if isinstance(value, str):
            member = by_value.get(value)
            if member is not None:
                return member
            guess = hint(value, values)
            if guess is None:
                help = _values_help(values)
            else:
                help = guess if len(values) > 12 else f"{guess} {_values_help(values)}"
            shown = _shown(value)
            raise _Invalid(
                INVALID_VALUE, lambda f: f"`{shown}` is not a valid value for `{f}`", help
            )
        got = _describe(value)
        raise _Invalid(
            WRONG_TYPE, lambda f: f"expected a `{f}` value, got {got}", _values_help(values)
        )

    return structure


def _tuple_hook(tp: Any) -> Callable[[object, object], tuple[Any, ...]]:
    item_type = get_args(tp)[0]
    item_hook = _converter.get_structure_hook(item_type)

    def structure(value: object, _: object) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            msg = f"expected a list, got {_describe(value)}"
            example = f"[{value}]" if isinstance(value, str) and len(value) < 40 else "[...]"
            raise _Invalid(WRONG_TYPE, msg, f"write a list, e.g. {example}")
        out = []
        errors: list[tuple[int, Exception]] = []
        for i, item in enumerate(value):
            try:
                out.append(item_hook(item, item_type))
            except Exception as exc:  # collected, reported with its index
                errors.append((i, exc))
        if errors:
            raise _ItemErrors(errors)
        return tuple(out)

    return structure


def _optional_records() -> frozenset[type]:
    """The record classes that only ever appear as an optional field (``X | None``).

    Those may read as null; a record that is a list item or a required field may not.
    """
    optional: set[type] = set()
    other: set[type] = set()
    todo: list[type] = [Agreement]
    seen: set[type] = set()
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for hint_type in typing.get_type_hints(cls).values():
            args = get_args(hint_type)
            is_optional = type(None) in args
            for t in (hint_type, *args):
                items = get_args(t) if get_origin(t) is tuple else ()
                for r in (t, *items):
                    if isinstance(r, type) and attrs.has(r):
                        todo.append(r)
                        (optional if is_optional and r is t else other).add(r)
    return frozenset(optional - other)


_OPTIONAL_RECORDS = _optional_records()


def _class_hook(cls: type[Any]) -> Callable[[object, object], Any]:
    overrides: dict[str, Any] = {}
    if cls is Mitra:
        overrides["negara"] = override(struct_hook=_structure_country)
    if cls is Agreement:
        overrides["id"] = override(struct_hook=_structure_id)
    inner = make_dict_structure_fn(cls, _converter, **overrides)
    name = cls.__name__
    # A record written with every field null (as `kerjasama template` writes it) holds
    # no fact: it reads as null, "not known", rather than as a record known to be empty,
    # so that an unedited template is undetermined and never a breach. Items of lists
    # keep their place (a list item is never dropped).
    blank_is_unknown = cls in _OPTIONAL_RECORDS

    def structure(value: object, tp: object) -> Any:
        if not isinstance(value, Mapping):
            msg = f"expected a mapping, got {_describe(value)}"
            raise _Invalid(WRONG_TYPE, msg, f"write the fields of `{name}` as `key: value` pairs")
        if blank_is_unknown and value and all(v is None for v in value.values()):
            return None
        return inner(value, tp)

    return structure


def _unstructure_record_hook(cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
    inner = make_dict_unstructure_fn(cls, _converter, _cattrs_omit_if_default=True)
    names = [a.name for a in attrs.fields(cls)]

    def unstructure(value: Any) -> dict[str, Any]:
        # cattrs puts the fields without defaults first; keep the declared order instead.
        raw = inner(value)
        return {name: raw[name] for name in names if name in raw}

    return unstructure


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def _is_tuple(tp: Any) -> bool:
    return get_origin(tp) is tuple


def _is_record(tp: Any) -> bool:
    return attrs.has(tp) and tp is not Duration


_converter = cattrs.Converter(forbid_extra_keys=True)
_converter.register_structure_hook(str, _structure_str)
_converter.register_structure_hook(bool, _structure_bool)
_converter.register_structure_hook(int, _structure_int)
_converter.register_structure_hook(datetime.date, _structure_date)
_converter.register_structure_hook(Duration, _structure_duration)
_converter.register_structure_hook_factory(_is_enum, _enum_hook)
_converter.register_structure_hook_factory(_is_tuple, _tuple_hook)
_converter.register_structure_hook_factory(_is_record, _class_hook)
_converter.register_unstructure_hook(datetime.date, datetime.date.isoformat)
_converter.register_unstructure_hook(Duration, str)
_converter.register_unstructure_hook_factory(
    _is_tuple,
    lambda tp: lambda value: [_converter.unstructure(v, get_args(tp)[0]) for v in value],
)
_converter.register_unstructure_hook_factory(_is_record, _unstructure_record_hook)
_structure_agreement = _converter.get_structure_hook(Agreement)


# --- cattrs error tree -> diagnostics -------------------------------------------------


def _note(exc: BaseException, kind: type[Any]) -> Any:
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, kind):
            return note
    return None


def _diagnose(exc: BaseException, path: str, field: str, file: str | None) -> list[Diagnostic]:
    """Walk a structuring exception and return one diagnostic per leaf problem."""
    out: list[Diagnostic] = []
    stack: list[tuple[BaseException, str, str]] = [(exc, path, field)]
    while stack:
        exc, path, field = stack.pop()
        if isinstance(exc, ClassValidationError | IterableValidationError):
            for sub in reversed(exc.exceptions):
                attr = _note(sub, AttributeValidationNote)
                item = _note(sub, IterableValidationNote)
                if attr is not None:
                    stack.append((sub, f"{path}.{attr.name}", attr.name))
                elif item is not None:
                    stack.append((sub, f"{path}[{item.index}]", field))
                else:
                    stack.append((sub, path, field))
        elif isinstance(exc, _ItemErrors):
            stack.extend((sub, f"{path}[{i}]", field) for i, sub in reversed(exc.items))
        elif isinstance(exc, ForbiddenExtraKeysError):
            names = [a.name for a in attrs.fields(exc.cl)]
            for key in sorted(exc.extra_fields, key=repr):
                shown = _shown(str(key))
                help = hint(str(key), names) or "valid fields: " + ", ".join(
                    f"`{n}`" for n in names
                )
                out.append(
                    Diagnostic(
                        code=UNKNOWN_FIELD,
                        message=f"unknown field `{shown}`",
                        path=key_path(path, key),
                        help=help,
                        file=file,
                    )
                )
        elif isinstance(exc, _Invalid):
            message = exc.message if isinstance(exc.message, str) else exc.message(field)
            out.append(
                Diagnostic(code=exc.code, message=message, path=path, help=exc.help, file=file)
            )
        elif isinstance(exc, KeyError):
            help = f"add `{field}:`"
            if field == "jenis":
                help += " with one of " + ", ".join(f"`{j.value}`" for j in Jenis)
            elif field == "id":
                help += " with a stable identifier, e.g. `id: bekasi-arnhem-2018`"
            message = f"missing required field `{field}`"
            out.append(
                Diagnostic(code=MISSING_FIELD, message=message, path=path, help=help, file=file)
            )
        else:  # not expected from our hooks; still reported, never raised
            message = f"invalid value ({type(exc).__name__})"
            out.append(Diagnostic(code=INVALID_VALUE, message=message, path=path, file=file))
    return out


def _structure(
    doc: object, path: str, file: str | None
) -> tuple[Agreement | None, list[Diagnostic]]:
    try:
        return _structure_agreement(doc, Agreement), []
    except RecursionError:
        message = "the document is nested too deeply"
        return None, [Diagnostic(code=INVALID_VALUE, message=message, path=path, file=file)]
    except Exception as exc:
        return None, _diagnose(exc, path, "agreement", file)


def _structure_many(
    doc: object, file: str | None, diags: list[Diagnostic]
) -> tuple[Agreement, ...]:
    """Structure a document holding one agreement (a mapping) or many (a list)."""
    if not isinstance(doc, list | Mapping):
        message = f"expected a mapping or a list of mappings, got {_describe(doc)}"
        help = "an agreement file holds one agreement (`id: ...`) or a list of them (`- id: ...`)"
        _fail([*diags, Diagnostic(WRONG_TYPE, message, path="$", help=help, file=file)])
    items = (
        [(doc, "$")] if isinstance(doc, Mapping) else [(d, f"$[{i}]") for i, d in enumerate(doc)]
    )
    agreements: list[Agreement] = []
    for item, path in items:
        agreement, problems = _structure(item, path, file)
        diags = [*diags, *problems]
        if agreement is not None:
            agreements.append(agreement)
    if diags:
        _fail(diags)
    return tuple(agreements)


def _fail(diags: list[Diagnostic]) -> NoReturn:
    raise AgreementError(diags)


def load_agreement(
    source: Mapping[str, Any] | str | os.PathLike[str], *, name: str | None = None
) -> Agreement:
    """Load one agreement from a parsed mapping or from a ``.yaml``/``.yml``/``.json`` file.

    Args:
        source: an already-parsed document (a mapping), or the path of a file.
        name: the file name to show in diagnostics; defaults to the path.

    Returns:
        The frozen :class:`~kerjasama_rules.agreement.Agreement`.

    Raises:
        AgreementError: with every problem found, each a diagnostic with a code such as
            ``agreement.unknown-field`` and a path such as ``$.mitra[0].negara``.

    Examples:
        >>> doc = {"id": "bekasi-arnhem", "jenis": "KSDPL", "mitra": [{"negara": "nl"}]}
        >>> load_agreement(doc).mitra[0].negara
        'NL'
    """
    if not isinstance(source, str | os.PathLike):
        limited = check_data(source, name)
        if limited:
            _fail(limited)
        agreement, diags = _structure(source, "$", name)
        if agreement is None or diags:
            _fail(diags)
        return agreement
    doc, diags, file = read_document(source, name)
    if is_fatal(diags):
        _fail(diags)
    if isinstance(doc, list):
        message = "expected a mapping, got a list"
        help = "this file holds several agreements; load it with `load_agreements`"
        _fail([*diags, Diagnostic(WRONG_TYPE, message, path="$", help=help, file=file)])
    agreement, problems = _structure(doc, "$", file)
    if agreement is None or diags or problems:
        _fail([*diags, *problems])
    return agreement


def load_agreements(path: str | os.PathLike[str]) -> tuple[Agreement, ...]:
    """Load every agreement in a file: a top-level mapping is one, a list is many.

    Paths in diagnostics for a list start with the item index, e.g. ``$[2].jenis``.

    Raises:
        AgreementError: with every problem found in every agreement of the file.
    """
    doc, diags, file = read_document(path, None)
    if is_fatal(diags):
        _fail(diags)
    return _structure_many(doc, file, diags)


def parse_agreement_text(
    text: str, *, name: str, fmt: Literal["yaml", "json"]
) -> tuple[Agreement, ...]:
    """Parse agreements from YAML or JSON text (one mapping, or a list of mappings).

    Args:
        text: the document text.
        name: the file name to show in diagnostics.
        fmt: ``"yaml"`` or ``"json"``.

    Raises:
        AgreementError: the text does not parse or describes invalid agreements.
        ConfigurationError: ``fmt`` is neither ``"yaml"`` nor ``"json"``.

    Examples:
        >>> text = "id: a\\njenis: KSDD\\n"
        >>> [a.id for a in parse_agreement_text(text, name="a.yaml", fmt="yaml")]
        ['a']
    """
    if fmt not in ("yaml", "json"):
        message = f"unknown format `{fmt}`"
        raise ConfigurationError([Diagnostic("config.invalid", message, help="use yaml or json")])
    doc, diags = parse_document(text, name, fmt)
    if is_fatal(diags):
        _fail(diags)
    # Duplicate keys still leave a document: its other problems are reported with them.
    return _structure_many(doc, name, diags)


def unstructure_agreement(agreement: Agreement) -> dict[str, Any]:
    """Turn an agreement into a JSON-ready dict, the inverse of :func:`load_agreement`.

    Dates become ``YYYY-MM-DD`` strings, enums their values, durations ISO 8601
    strings; fields that are ``None`` are left out; keys follow the field order.

    Examples:
        >>> from kerjasama_rules.agreement import Agreement, Jenis
        >>> unstructure_agreement(Agreement(id="x", jenis=Jenis.KSDD))
        {'id': 'x', 'jenis': 'KSDD'}
    """
    if not isinstance(agreement, Agreement):
        raise bad_argument("unstructure_agreement", "agreement", "an Agreement", agreement)
    result: dict[str, Any] = _converter.unstructure(agreement, Agreement)
    return result
