"""What the checker leaves: :class:`CheckedRules` and the :class:`Resolution` of each name.

Plain frozen data, apart from the checker itself, so that the engine (and the cache of
checked rule sets, ``engine/cache.py``) can use a checked rule set without importing the
checker and the agreement schema it checks against. ``checker`` and ``check_state``
re-export both names.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs

from ..errors import Diagnostic
from . import nodes
from .typesys import Type

__all__ = ["CheckedRules", "Resolution"]


@attrs.frozen
class Resolution:
    """What a :class:`nodes.Name` (or a table projection) refers to."""

    kind: str  # local | field | definition | determination | table_column | enum | as_of
    target: Any = None


@attrs.frozen
class CheckedRules:
    """Rule files that passed the checker, with everything the compiler needs.

    ``types`` and ``resolutions`` are keyed by ``id()`` of expression nodes, which stay
    alive as long as this object does.
    """

    files: tuple[nodes.RuleFile, ...]
    rules: tuple[nodes.Rule, ...]
    definitions: Mapping[str, nodes.Definition]
    definition_order: tuple[str, ...]
    determinations: Mapping[str, nodes.Determination]
    tables: Mapping[str, nodes.Table]
    table_columns: Mapping[str, Mapping[str, tuple[Any, ...]]]
    types: Mapping[int, Type] = attrs.field(repr=False)
    resolutions: Mapping[int, Resolution] = attrs.field(repr=False)
    warnings: tuple[Diagnostic, ...] = ()
    switches: Mapping[str, nodes.Switch] = attrs.field(factory=dict)
    switch_enums: Mapping[str, type[enum.Enum]] = attrs.field(factory=dict, repr=False)
    # rule id -> the in-force period of its file (None: in force at every date)
    periods: Mapping[str, nodes.InForce | None] = attrs.field(factory=dict)
