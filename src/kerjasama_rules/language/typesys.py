"""The small type system of the policy language, and the agreement schema it checks against.

Used by the checker (stage 4). Types of agreement fields are read from the attrs model in
``agreement.py`` once, so a field added there is usable in rules without touching this file.
"""

from __future__ import annotations

import datetime
import enum
import functools
import types
import typing
from collections.abc import Mapping

import attrs

from ..model.duration import Duration


@attrs.frozen
class Type:
    """A type: ``bool int number text date duration enum list record any``."""

    kind: str
    enum: type[enum.Enum] | None = None
    elem: Type | None = None
    record: type | None = None

    def __str__(self) -> str:
        if self.kind == "enum" and self.enum is not None:
            return f"enum {self.enum.__name__}"
        if self.kind == "list" and self.elem is not None:
            return f"list of {self.elem}"
        if self.kind == "record" and self.record is not None:
            return f"record {self.record.__name__}"
        return _NAMES.get(self.kind, self.kind)

    @property
    def is_numeric(self) -> bool:
        """Int or number."""
        return self.kind in ("int", "number")


_NAMES = {"bool": "a boolean", "int": "an integer", "number": "a number", "text": "text",
          "date": "a date", "duration": "a duration", "any": "any value"}  # fmt: skip

BOOL = Type("bool")
INT = Type("int")
NUMBER = Type("number")
TEXT = Type("text")
DATE = Type("date")
DURATION = Type("duration")
ANY = Type("any")


def list_of(elem: Type) -> Type:
    """The type of a list of ``elem``."""
    return Type("list", elem=elem)


def enum_of(cls: type[enum.Enum]) -> Type:
    """The type of an enum class."""
    return Type("enum", enum=cls)


def record_of(cls: type) -> Type:
    """The type of an attrs record class."""
    return Type("record", record=cls)


def compatible(a: Type, b: Type) -> bool:
    """Whether values of ``a`` and ``b`` can be compared for equality."""
    if a.kind == "any" or b.kind == "any":
        return True
    if a.is_numeric and b.is_numeric:
        return True
    if a.kind != b.kind:
        return False
    if a.kind == "enum":
        return a.enum is b.enum
    if a.kind == "list" and a.elem is not None and b.elem is not None:
        return compatible(a.elem, b.elem)
    if a.kind == "record":
        return a.record is b.record
    return True


def python_type_to_type(tp: object) -> Type:
    """Map an annotation of the attrs model to a language type."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(members) != 1:
            msg = f"unsupported union type {tp!r}"
            raise TypeError(msg)
        return python_type_to_type(members[0])
    if origin is tuple:
        args = typing.get_args(tp)
        return list_of(python_type_to_type(args[0]))
    if tp is bool:
        return BOOL
    if tp is int:
        return INT
    if tp is str:
        return TEXT
    if tp is datetime.date:
        return DATE
    if tp is Duration:
        return DURATION
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return enum_of(tp)
    if isinstance(tp, type) and attrs.has(tp):
        return record_of(tp)
    msg = f"unsupported field type {tp!r}"
    raise TypeError(msg)


@functools.cache
def record_fields(cls: type) -> Mapping[str, Type]:
    """The fields of an attrs record class with their language types, in declaration order."""
    hints = typing.get_type_hints(cls)
    return {f.name: python_type_to_type(hints[f.name]) for f in attrs.fields(cls)}


@functools.cache
def enums_reachable(cls: type) -> Mapping[str, type[enum.Enum]]:
    """Every enum class used anywhere in the record ``cls``, by class name."""
    found: dict[str, type[enum.Enum]] = {}

    def visit(t: Type) -> None:
        if t.kind == "enum" and t.enum is not None:
            found[t.enum.__name__] = t.enum
        elif t.kind == "list" and t.elem is not None:
            visit(t.elem)
        elif t.kind == "record" and t.record is not None and t.record is not cls:
            for sub in record_fields(t.record).values():
                visit(sub)

    for t in record_fields(cls).values():
        visit(t)
    return found


# Column types of data tables, by the names drafters write (both languages).
SCALAR_TYPE_NAMES: Mapping[str, Type] = {
    "text": TEXT, "teks": TEXT,
    "int": INT, "bilangan": INT,
    "number": NUMBER, "angka": NUMBER,
    "date": DATE, "tanggal": DATE,
    "bool": BOOL, "boolean": BOOL,
    "duration": DURATION, "durasi": DURATION,
}  # fmt: skip
