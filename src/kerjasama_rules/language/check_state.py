"""The checker's shared state: the tables it fills in its one pass, and how it records a problem.

The checker is one object assembled from mixins, one per module (``check_names``,
``check_types``, ``citations``, ``check_declarations``, and ``checker`` which drives
them). Each mixin derives from :class:`CheckState`, so all of them read and fill the same
tables: the types and resolutions of expression nodes, the declarations by name, the
values of table columns, and the diagnostics in the order they were found.
"""

from __future__ import annotations

import enum
from typing import Any

from ..errors import Diagnostic
from ..model.agreement import Agreement
from ..source import Span
from . import nodes
from .checked import Resolution
from .typesys import Type, enums_reachable, record_fields

__all__ = ["CheckState", "Resolution", "did_you_mean_help"]


class CheckState:
    """What the checker knows so far about one rule set; the base of its mixins.

    Declarations are collected by name first (``defs``, ``dets``, ``tables``,
    ``switches``) and replaced by their checked form (citations completed) as they are
    checked. ``types`` and ``res`` are keyed by ``id()`` of expression nodes.
    """

    def __init__(self, files: tuple[nodes.RuleFile, ...]) -> None:
        self.files = files
        self.diags: list[Diagnostic] = []
        self.types: dict[int, Type] = {}
        self.res: dict[int, Resolution] = {}
        self.defs: dict[str, nodes.Definition] = {}
        self.dets: dict[str, nodes.Determination] = {}
        self.tables: dict[str, nodes.Table] = {}
        self.switches: dict[str, nodes.Switch] = {}
        self.switch_enums: dict[str, type[enum.Enum]] = {}
        self.table_cols: dict[str, dict[str, tuple[Any, ...]]] = {}
        self.table_types: dict[str, dict[str, Type]] = {}
        self.def_types: dict[str, Type | None] = {}
        self.def_deps: dict[str, set[str]] = {}
        self.root = record_fields(Agreement)
        self.enums = enums_reachable(Agreement)
        self._current_def: str | None = None
        # id() of a bare name -> the help to give if it does not resolve, when its place
        # shows what the drafter meant (`status == a atau b`, `status != null`).
        self.name_hints: dict[int, str] = {}

    def _err(
        self, code: str, message: str, span: Span | None, help: str | None = None, **args: object
    ) -> None:
        # ``args`` are the template values of the message and help (see i18n.py), so the
        # diagnostic can be shown in Indonesian too.
        self.diags.append(
            Diagnostic(
                code=code,
                message=message,
                span=span,
                help=help,
                args=tuple((k, str(v)) for k, v in args.items() if v is not None),
            )
        )


def did_you_mean_help(best: str | None) -> str | None:
    """The help line for a near miss, or ``None`` when nothing is near."""
    return f"did you mean `{best}`?" if best else None
