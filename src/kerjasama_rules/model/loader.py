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
from .duration import Duration
from .scalars import (
    WRONG_TYPE,
    Invalid,
    ItemErrors,
    describe,
    shown_name,
    structure_bool,
    structure_country,
    structure_date,
    structure_duration,
    structure_id,
    structure_int,
    structure_str,
)

__all__ = ["load_agreement", "load_agreements", "parse_agreement_text", "unstructure_agreement"]

UNKNOWN_FIELD = "agreement.unknown-field"
MISSING_FIELD = "agreement.missing-field"


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
            shown = shown_name(value)
            raise Invalid(
                INVALID_VALUE, lambda f: f"`{shown}` is not a valid value for `{f}`", help
            )
        got = describe(value)
        raise Invalid(
            WRONG_TYPE, lambda f: f"expected a `{f}` value, got {got}", _values_help(values)
        )

    return structure


def _tuple_hook(tp: Any) -> Callable[[object, object], tuple[Any, ...]]:
    item_type = get_args(tp)[0]
    item_hook = _converter.get_structure_hook(item_type)

    def structure(value: object, _: object) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            msg = f"expected a list, got {describe(value)}"
            example = f"[{value}]" if isinstance(value, str) and len(value) < 40 else "[...]"
            raise Invalid(WRONG_TYPE, msg, f"write a list, e.g. {example}")
        out = []
        errors: list[tuple[int, Exception]] = []
        for i, item in enumerate(value):
            try:
                out.append(item_hook(item, item_type))
            except Exception as exc:  # collected, reported with its index
                errors.append((i, exc))
        if errors:
            raise ItemErrors(errors)
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
        overrides["negara"] = override(struct_hook=structure_country)
    if cls is Agreement:
        overrides["id"] = override(struct_hook=structure_id)
    inner = make_dict_structure_fn(cls, _converter, **overrides)
    name = cls.__name__
    # A record written with every field null (as `kerjasama template` writes it) holds
    # no fact: it reads as null, "not known", rather than as a record known to be empty,
    # so that an unedited template is undetermined and never a breach. Items of lists
    # keep their place (a list item is never dropped).
    blank_is_unknown = cls in _OPTIONAL_RECORDS

    def structure(value: object, tp: object) -> Any:
        if not isinstance(value, Mapping):
            msg = f"expected a mapping, got {describe(value)}"
            raise Invalid(WRONG_TYPE, msg, f"write the fields of `{name}` as `key: value` pairs")
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
_converter.register_structure_hook(str, structure_str)
_converter.register_structure_hook(bool, structure_bool)
_converter.register_structure_hook(int, structure_int)
_converter.register_structure_hook(datetime.date, structure_date)
_converter.register_structure_hook(Duration, structure_duration)
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
        elif isinstance(exc, ItemErrors):
            stack.extend((sub, f"{path}[{i}]", field) for i, sub in reversed(exc.items))
        elif isinstance(exc, ForbiddenExtraKeysError):
            names = [a.name for a in attrs.fields(exc.cl)]
            for key in sorted(exc.extra_fields, key=repr):
                shown = shown_name(str(key))
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
        elif isinstance(exc, Invalid):
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
        message = f"expected a mapping or a list of mappings, got {describe(doc)}"
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
