"""Name resolution for the checker: the rule set's global names, and what a bare name means.

Collects the declarations of every file into one namespace (rejecting duplicates and
names that shadow a field of the agreement), then resolves each :class:`nodes.Name` in
scope order (a quantifier variable, an enum value the context implies, a definition, a
determination, a switch, a field of the agreement, the evaluation date, an enum value
found anywhere) and each table column (``tabel.kolom``), recording a
:class:`Resolution` for the compiler.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from ..source import Span
from ..suggest import did_you_mean
from . import nodes
from .check_state import CheckState, Resolution, did_you_mean_help
from .typesys import ANY, DATE, Type, enum_of, list_of

__all__ = ["AS_OF_NAMES", "CheckNames"]

# Names that read the evaluation's inputs rather than the agreement.
AS_OF_NAMES = ("as_of", "tanggal_evaluasi")


class CheckNames(CheckState):
    """The checker's mixin that collects global names and resolves names in expressions."""

    # ------------------------------------------------------------------ global names
    def _collect_names(self) -> None:
        taken: dict[str, Span | None] = {}
        for f in self.files:
            for item in f.items:
                if isinstance(item, nodes.Rule | nodes.InForce):
                    continue
                name = item.name
                span = item.name_span
                if name in taken:
                    first = taken[name]
                    where = first.location() if first else "another file"
                    self._err(
                        "check.duplicate-name",
                        f"`{name}` is declared twice",
                        span,
                        f"the first declaration is at {where}",
                        name=name,
                        where=where,
                    )
                    continue
                if name in self.root:
                    self._err(
                        "check.shadowed-field",
                        f"`{name}` is already a field of the agreement",
                        span,
                        "choose another name so that rules stay unambiguous",
                        name=name,
                    )
                taken[name] = span
                if isinstance(item, nodes.Definition):
                    self.defs[name] = item
                elif isinstance(item, nodes.Determination):
                    self.dets[name] = item
                elif isinstance(item, nodes.Switch):
                    self.switches[name] = item
                else:
                    self.tables[name] = item

    # ------------------------------------------------------------------ names in expressions
    def _name(self, e: nodes.Name, scope: Mapping[str, Type], want: Type | None) -> Type:
        n = e.name
        if n in scope:
            self.res[id(e)] = Resolution("local", n)
            return scope[n]
        if want is not None and want.kind == "enum" and want.enum is not None:
            member = _enum_member(want.enum, n)
            if member is not None:
                self.res[id(e)] = Resolution("enum", member)
                return want
        if n in self.defs:
            if self._current_def is not None and n == self._current_def:
                return ANY
            self.res[id(e)] = Resolution("definition", n)
            return self.def_types.get(n) or ANY
        if n in self.dets:
            self.res[id(e)] = Resolution("determination", n)
            return self.def_types.get(n) or ANY
        if n in self.switch_enums:
            self.res[id(e)] = Resolution("switch", n)
            return enum_of(self.switch_enums[n])
        if n in self.root:
            self.res[id(e)] = Resolution("field", n)
            return self.root[n]
        if n in AS_OF_NAMES:
            self.res[id(e)] = Resolution("as_of", n)
            return DATE
        if n in self.tables:
            example = (
                n + "." + (self.tables[n].columns[0].name if self.tables[n].columns else "kolom")
            )
            self._err(
                "check.table-needs-column",
                f"`{n}` is a table; name one of its columns",
                e.span,
                f"e.g. `{example}`",
                name=n,
                example=example,
            )
            return ANY
        # An enum value whose enum is not implied by the context: find it anyway.
        owners = [cls for cls in self.enums.values() if _enum_member(cls, n) is not None]
        if want is None and len(owners) == 1:
            member = _enum_member(owners[0], n)
            self.res[id(e)] = Resolution("enum", member)
            return enum_of(owners[0])
        candidates = [*scope, *self.defs, *self.dets, *self.root, *self.tables, *self.switches]
        if want is not None and want.kind == "enum" and want.enum is not None:
            candidates = [str(m.value) for m in want.enum]
            best = did_you_mean(n, candidates)
            values = ", ".join(f"`{c}`" for c in candidates)
            help_text = (
                self.name_hints.get(id(e)) or did_you_mean_help(best) or ("valid values: " + values)
            )
            self._err(
                "check.unknown-value",
                f"`{n}` is not a value of {want}",
                e.span,
                help_text,
                name=n,
                type=want,
                suggestion=best,
                values=values,
            )
            return want
        best = did_you_mean(n, candidates)
        self._err(
            "check.unknown-name",
            f"`{n}` is not a field of the agreement, a definition or a table",
            e.span,
            self.name_hints.get(id(e)) or did_you_mean_help(best),
            name=n,
            suggestion=best,
        )
        return ANY

    def _table_column(self, e: nodes.Field, table: str) -> Type:
        # `tabel.kolom`: the whole column, as a list.
        cols = self.table_types.get(table, {})
        if e.name not in cols:
            best = did_you_mean(e.name, cols)
            self._err(
                "check.unknown-column",
                f"`{e.name}` is not a column of table `{table}`",
                e.name_span,
                did_you_mean_help(best),
                column=e.name,
                table=table,
                suggestion=best,
            )
            return ANY
        self.res[id(e)] = Resolution("table_column", (table, e.name))
        return list_of(cols[e.name])


def _enum_member(cls: type[enum.Enum], name: str) -> enum.Enum | None:
    for m in cls:
        if m.value == name:
            return m
    return None
