"""Runtime values shared by the compiler and the evaluator: the *unknown* value.

Missing is not false: a fact that is absent evaluates to an :class:`Unknown` that carries
the paths of the missing facts, and Kleene's three-valued logic propagates it.
"""

from __future__ import annotations

import datetime
import enum
from decimal import Decimal
from typing import Any

import attrs


class Unknown:
    """The value of an expression that depends on facts nobody gave us.

    ``missing`` holds the JSONPath of each absent fact (``$.dprd.tanggal_keputusan``).
    """

    __slots__ = ("missing",)

    def __init__(self, missing: frozenset[str]) -> None:
        self.missing = missing

    def __repr__(self) -> str:
        return f"Unknown({sorted(self.missing)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unknown) and other.missing == self.missing

    def __hash__(self) -> int:
        return hash(self.missing)


class JsonValue(tuple):  # type: ignore[type-arg]
    """A list already in JSON form (e.g. the holidays a deadline skipped), shared
    between reports; :func:`to_json_value` returns it as it is."""

    __slots__ = ()


def merge(*values: Any) -> Unknown:
    """The unknown that results from combining operands, some of which are unknown."""
    # One union of all the parts: linear in their total size (folding `a | b` one by
    # one copies the growing set each time).
    unknowns = [v for v in values if v.__class__ is Unknown]
    if len(unknowns) == 1:
        return unknowns[0]  # immutable: shared, not copied
    return Unknown(frozenset().union(*[u.missing for u in unknowns]))


def to_json_value(value: Any) -> Any:
    """A JSON-ready form of a runtime value, for evidence in reports."""
    if value is None or isinstance(value, bool | int | str | JsonValue):
        return value
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Unknown):
        return None
    if isinstance(value, dict):
        return {str(k): to_json_value(v) for k, v in value.items()}
    if isinstance(value, tuple | list | frozenset | set):
        items = [to_json_value(v) for v in value]
        if isinstance(value, frozenset | set):
            items.sort(key=repr)
        return items
    if attrs.has(type(value)):
        if type(value).__name__ == "Duration":
            return str(value)
        out = {}
        for f in attrs.fields(type(value)):
            v = getattr(value, f.name)
            if v is not None:
                out[f.name] = to_json_value(v)
        return out
    return str(value)
