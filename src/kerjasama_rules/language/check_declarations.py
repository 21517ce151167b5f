"""Checks of declarations: switches, tables, periods in force, definitions, determinations.

Each declaration is checked once, in the order ``checker`` drives: a switch's values,
default and reason (and the enum it reads as in rules); a table's column types and
values; a file's ``masa_berlaku``; the order of definitions (rejecting cycles) and
their types; the cases of a determination, which must agree on one type. Declarations
with citations are replaced by their checked form, citations completed.
"""

from __future__ import annotations

import enum
from typing import Any, cast

import attrs

from .. import limits
from ..model.calendar import CutiBersama
from ..source import Span
from ..suggest import did_you_mean
from . import nodes
from .check_state import did_you_mean_help
from .check_types import CheckTypes
from .citations import CitationChecks
from .typesys import ANY, BOOL, SCALAR_TYPE_NAMES, Type, compatible, enum_of

__all__ = ["CheckDeclarations", "expression_depth"]


def expression_depth(e: nodes.Expr) -> int:
    """How many levels ``e`` nests (a name or a literal is 1), computed without recursion."""
    most = 0
    stack = [(e, 1)]
    while stack:
        x, depth = stack.pop()
        most = max(most, depth)
        stack.extend((c, depth + 1) for c in nodes.children(x))
    return most


# Switches the engine itself reads, with the only values it understands.
_ENGINE_SWITCHES: dict[str, tuple[str, ...]] = {
    "cuti_bersama": tuple(c.value for c in CutiBersama),
}


class CheckDeclarations(CheckTypes, CitationChecks):
    """The checker's mixin that checks every declaration other than rules."""

    # ------------------------------------------------------------------ switches
    def _check_switch(self, sw: nodes.Switch) -> None:
        values = sw.values
        if not values:
            self._err(
                "check.switch-values",
                f"switch `{sw.name}` lists no values",
                sw.name_span,
                "add `nilai a, b` with the readings it chooses between",
                name=sw.name,
            )
            values = ("_",)
        dupes = sorted({v for v in values if values.count(v) > 1})
        if dupes:
            self._err(
                "check.switch-values",
                f"switch `{sw.name}` lists `{dupes[0]}` twice",
                sw.name_span,
                name=sw.name,
                value=dupes[0],
            )
        engine = _ENGINE_SWITCHES.get(sw.name)
        if engine is not None and set(values) != set(engine):
            # The engine reads this switch itself (the working-day calendar): a value it
            # does not know would fail every evaluation that sets it, not this file.
            self._err(
                "check.switch-values",
                f"switch `{sw.name}` is read by the engine and must list exactly the "
                f"values {', '.join(engine)}",
                sw.name_span,
                "write `nilai " + ", ".join(engine) + "`",
                name=sw.name,
                values=", ".join(engine),
            )
        if sw.default is None:
            self._err(
                "check.switch-default",
                f"switch `{sw.name}` has no default",
                sw.name_span,
                "add `bawaan <value>` and say why in `alasan`",
                name=sw.name,
            )
        elif sw.default not in values:
            best = did_you_mean(sw.default, values)
            self._err(
                "check.switch-default",
                f"`{sw.default}` is not one of the values of switch `{sw.name}`",
                sw.default_span,
                did_you_mean_help(best) or "values: " + ", ".join(values),
                value=sw.default,
                name=sw.name,
                suggestion=best,
                values=", ".join(values),
            )
        if not sw.reason:
            self._err(
                "check.switch-reason",
                f"switch `{sw.name}` does not say why its default was chosen",
                sw.name_span,
                'add `alasan "..."`: an unsettled point of law is never hidden',
                name=sw.name,
            )
        cites = self._resolve_citations(sw.citations, None, sw.name_span)
        self.switches[sw.name] = attrs.evolve(sw, citations=cites)
        # A switch reads like an enum in rules: `cuti_bersama == libur`.
        members = [(v, v) for v in dict.fromkeys(values)]
        self.switch_enums[sw.name] = cast("type[enum.Enum]", enum.Enum(sw.name, members))

    # ------------------------------------------------------------------ tables
    def _check_table(self, name: str, table: nodes.Table) -> None:
        col_types: dict[str, Type] = {}
        for col in table.columns:
            t = SCALAR_TYPE_NAMES.get(col.type_name)
            if t is None and col.type_name in self.enums:
                t = enum_of(self.enums[col.type_name])
            if t is None:
                choices = [*SCALAR_TYPE_NAMES, *self.enums]
                best = did_you_mean(col.type_name, choices)
                self._err(
                    "check.unknown-type",
                    f"`{col.type_name}` is not a column type",
                    col.span,
                    did_you_mean_help(best) or "use teks, bilangan, tanggal, bool or an enum",
                    type=col.type_name,
                    suggestion=best,
                )
                t = ANY
            col_types[col.name] = t
        values: dict[str, list[Any]] = {c.name: [] for c in table.columns}
        for row in table.rows:
            if len(row) != len(table.columns):
                span = row[0].span if row else table.name_span
                self._err(
                    "check.table-row",
                    f"a row of `{name}` has {len(row)} values for {len(table.columns)} columns",
                    span,
                    name=name,
                    got=len(row),
                    want=len(table.columns),
                )
                continue
            for col, lit in zip(table.columns, row, strict=True):
                values[col.name].append(self._table_value(col_types[col.name], lit))
        self.table_types[name] = col_types
        self.table_cols[name] = {k: tuple(v) for k, v in values.items()}

    def _table_value(self, t: Type, lit: nodes.Literal | Any) -> Any:
        value = lit.value
        if t.kind == "enum" and t.enum is not None:
            if isinstance(value, str):
                try:
                    return t.enum(value)
                except ValueError:
                    pass
            members = [m.value for m in t.enum]
            best = did_you_mean(str(value), members)
            self._err(
                "check.table-value",
                f"`{value}` is not a value of {t}",
                lit.span,
                did_you_mean_help(best),
                value=value,
                type=t,
                suggestion=best,
            )
            return None
        got = self._literal_type(value)
        if t.kind != "any" and not compatible(got, t):
            self._err(
                "check.table-value", f"expected {t}, got {got}", lit.span, want_type=t, got_type=got
            )
        return value

    # ------------------------------------------------------------------ periods in force
    def _file_period(self, f: nodes.RuleFile) -> nodes.InForce | None:
        found = [i for i in f.items if isinstance(i, nodes.InForce)]
        for extra in found[1:]:
            self._err(
                "check.duplicate-in-force",
                "a rule file states its `masa_berlaku` once",
                extra.span,
                "put rules of another period or instrument in a file of their own",
            )
        if found and found[0].end is not None and found[0].end <= found[0].start:
            period = found[0]
            span = period.span
            if span is not None:
                # Underline `hingga <date>` (the part to fix), not the whole declaration.
                text = span.source.text[span.start : span.end]
                at = max(text.find(" hingga "), text.find(" until "))
                if at >= 0:
                    span = Span(span.source, span.start + at + 1, span.end)
            self._err(
                "check.bad-period",
                "`hingga` must come after `sejak`",
                span,
                f"the period ends on {period.end} before it starts on {period.start}: "
                "check both dates, or drop `hingga` while the instrument is in force",
                end=period.end,
                start=period.start,
            )
        return found[0] if found else None

    # ------------------------------------------------------------------ definitions
    def _definition_order(self) -> list[str]:
        for name, d in self.defs.items():
            self.def_deps[name] = {n for n in nodes.names_in(d.expr) if n in self.defs}
        order: list[str] = []
        state: dict[str, int] = {}
        # Depth-first with an explicit stack: a chain of thousands of definitions must not
        # reach Python's recursion limit. Each frame is (name, path to it, deps left).
        for root in self.defs:
            if state.get(root):
                continue
            state[root] = 1
            work: list[tuple[str, list[str], list[str]]] = [
                (root, [root], sorted(self.def_deps[root], reverse=True))
            ]
            while work:
                n, stack, deps = work[-1]
                if not deps:
                    state[n] = 2
                    order.append(n)
                    work.pop()
                    continue
                dep = deps.pop()
                if state.get(dep) == 2:
                    continue
                if state.get(dep) == 1:
                    cycle = [*stack[stack.index(dep) :], dep]
                    self._err(
                        "check.cyclic-definition",
                        "definitions refer to each other in a cycle: "
                        + " -> ".join(f"`{c}`" for c in cycle),
                        self.defs[dep].name_span,
                        "a definition may only use definitions that do not use it back",
                        cycle=" -> ".join(f"`{c}`" for c in cycle),
                    )
                    continue
                state[dep] = 1
                work.append((dep, [*stack, dep], sorted(self.def_deps[dep], reverse=True)))
        self._check_expanded_depth(order)
        return order

    def _check_expanded_depth(self, order: list[str]) -> None:
        """Refuse definitions whose expansion nests deeper than ``max_expanded_depth``.

        The compiler and the evaluator follow a definition into the definitions it uses,
        so their recursion is as deep as the expanded expression; bound it here, once.
        """
        most = limits.current().max_expanded_depth
        depth: dict[str, int] = {}
        over: set[str] = set()  # reported once, not again for every definition using it
        for name in order:  # dependencies come first
            d = self.defs[name]
            if self.def_deps[name] & over:
                over.add(name)
                continue
            used = [depth.get(dep, 0) for dep in self.def_deps[name]]
            depth[name] = expression_depth(d.expr) + max(used, default=0)
            if depth[name] > most:
                over.add(name)
                what = f"`{name}` nests {depth[name]} levels deep with its definitions expanded"
                self._err(
                    "limit.expanded-depth",
                    limits.limit_message("max_expanded_depth", what),
                    d.name_span,
                    "use fewer definitions that each only rename the next",
                    limit="max_expanded_depth",
                )

    def _type_definition(self, name: str) -> None:
        d = self.defs[name]
        self._current_def = name
        self.def_types[name] = self.infer(d.expr, {}, None)
        self._current_def = None
        cites = self._resolve_citations(d.citations, None, d.name_span)
        self.defs[name] = attrs.evolve(d, citations=cites)

    def _check_determination(self, det: nodes.Determination) -> None:
        value_type: Type | None = None
        cases: list[nodes.Case] = []
        for case in det.cases:
            self.expect(case.cond, {}, BOOL)
            t = self.infer(case.value, {}, value_type)
            if value_type is None:
                value_type = t
            elif not compatible(t, value_type):
                self._err(
                    "check.type-mismatch",
                    f"this case gives {t}, an earlier case gives {value_type}",
                    case.value.span,
                    got_type=t,
                    want_type=value_type,
                )
            if not case.citations:
                self._err(
                    "check.missing-citation",
                    f"a case of `{det.name}` has no citation",
                    case.span,
                    "add `dasar PP 28/2018 Pasal ...` after the case",
                    name=det.name,
                )
            cites = self._resolve_citations(case.citations, None, case.span)
            cases.append(attrs.evolve(case, citations=cites))
        other_cites = self._resolve_citations(det.otherwise_citations, None, det.name_span)
        self.dets[det.name] = attrs.evolve(det, cases=tuple(cases), otherwise_citations=other_cites)
        if det.otherwise is not None:
            t = self.infer(det.otherwise, {}, value_type)
            if value_type is not None and not compatible(t, value_type):
                self._err(
                    "check.type-mismatch",
                    f"`selainnya` gives {t}, the cases give {value_type}",
                    det.otherwise.span,
                    got_type=t,
                    want_type=value_type,
                )
            value_type = value_type or t
        self.def_types[det.name] = value_type
