"""Static checks of parsed rule files against the agreement schema -> :class:`CheckedRules`.

Fourth stage of the pipeline. Resolves every name (a field of the agreement, a
definition, a determination, a data table, a quantifier variable or an enum value),
infers and checks the type of every expression, completes relative citations
(``huruf f`` inside a rule citing ``Pasal 30 ayat (3)``), and rejects cycles between
definitions. It collects every problem before raising, never stopping at the first.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any, cast

import attrs

from ..errors import Diagnostic, RuleCheckError
from ..model.agreement import Agreement
from ..source import Span
from ..suggest import did_you_mean
from . import nodes
from .functions import REGISTRY
from .typesys import (
    ANY,
    BOOL,
    DATE,
    DURATION,
    INT,
    NUMBER,
    SCALAR_TYPE_NAMES,
    TEXT,
    Type,
    compatible,
    enum_of,
    enums_reachable,
    list_of,
    record_fields,
)

__all__ = ["CheckedRules", "Resolution", "check", "diagnose"]

SEVERITIES = {
    "error": "error", "kesalahan": "error", "galat": "error",
    "warning": "warning", "peringatan": "warning",
    "info": "info", "informasi": "info",
}  # fmt: skip

# Names that read the evaluation's inputs rather than the agreement.
AS_OF_NAMES = ("as_of", "tanggal_evaluasi")


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


def check(files: Iterable[nodes.RuleFile]) -> CheckedRules:
    """Check parsed rule files as one rule set.

    Raises:
        RuleCheckError: with every problem found.
    """
    return _Checker(tuple(files)).run()


def diagnose(
    files: Iterable[nodes.RuleFile],
) -> tuple[CheckedRules | None, tuple[Diagnostic, ...]]:
    """Check like :func:`check` but return every diagnostic instead of raising.

    Returns:
        The checked rules (``None`` when there are errors) and all diagnostics found,
        errors and warnings, in the order they were found. Used by ``kerjasama lint``.
    """
    checker = _Checker(tuple(files))
    try:
        checked = checker.run()
    except RuleCheckError:
        return None, tuple(checker.diags)
    return checked, tuple(checker.diags)


class _Checker:
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

    # ------------------------------------------------------------------ driver
    def run(self) -> CheckedRules:
        rules: list[nodes.Rule] = []
        self._collect_names()
        for sw in list(self.switches.values()):
            self._check_switch(sw)
        for tname, table in self.tables.items():
            self._check_table(tname, table)
        order = self._definition_order()
        for name in order:
            self._type_definition(name)
        for det in list(self.dets.values()):
            self._check_determination(det)
        seen_ids: dict[str, nodes.Rule] = {}
        periods: dict[str, nodes.InForce | None] = {}
        for f in self.files:
            period = self._file_period(f)
            for item in f.items:
                if isinstance(item, nodes.Rule):
                    periods[item.id] = period
                    if item.id in seen_ids:
                        first = seen_ids[item.id]
                        where = first.id_span.location() if first.id_span else "another file"
                        self._err(
                            "check.duplicate-rule-id",
                            f"rule id `{item.id}` is used twice",
                            item.id_span,
                            f"the first use is at {where}; give each rule its own id",
                            id=item.id,
                            where=where,
                        )
                    seen_ids[item.id] = item
                    rules.append(self._check_rule(item))
        for r in rules:
            for old in r.replaces:
                if old not in seen_ids or old == r.id:
                    best = did_you_mean(old, [i for i in seen_ids if i != r.id])
                    self._err(
                        "check.unknown-rule",
                        f"`{r.id}` replaces `{old}`, which is not a rule of this rule set",
                        r.id_span,
                        _did_you_mean(best),
                        rule=r.id,
                        old=old,
                        suggestion=best,
                    )
                elif periods.get(r.id) is None:
                    self._err(
                        "check.replaces-needs-period",
                        f"`{r.id}` replaces `{old}` but its file states no `masa_berlaku`",
                        r.id_span,
                        "a replacing rule takes over from its instrument's start date: add "
                        "`masa_berlaku <instrumen> sejak <tanggal>` to its file",
                        rule=r.id,
                        old=old,
                    )
        errors = [d for d in self.diags if d.severity == "error"]
        if errors:
            raise RuleCheckError(errors)
        return CheckedRules(
            files=self.files,
            rules=tuple(rules),
            definitions=dict(self.defs),
            definition_order=tuple(order),
            determinations=dict(self.dets),
            tables=dict(self.tables),
            table_columns={k: dict(v) for k, v in self.table_cols.items()},
            types=self.types,
            resolutions=self.res,
            warnings=tuple(d for d in self.diags if d.severity != "error"),
            switches=dict(self.switches),
            switch_enums=dict(self.switch_enums),
            periods=periods,
        )

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
            self._err(
                "check.bad-period",
                "`hingga` must come after `sejak`",
                found[0].span,
            )
        return found[0] if found else None

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
                _did_you_mean(best) or "values: " + ", ".join(values),
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
                    _did_you_mean(best) or "use teks, bilangan, tanggal, bool or an enum",
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
                _did_you_mean(best),
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

    # ------------------------------------------------------------------ definitions
    def _definition_order(self) -> list[str]:
        for name, d in self.defs.items():
            self.def_deps[name] = {n for n in nodes.names_in(d.expr) if n in self.defs}
        order: list[str] = []
        state: dict[str, int] = {}

        def visit(n: str, stack: list[str]) -> None:
            if state.get(n) == 2:
                return
            if state.get(n) == 1:
                cycle = [*stack[stack.index(n) :], n]
                self._err(
                    "check.cyclic-definition",
                    "definitions refer to each other in a cycle: "
                    + " -> ".join(f"`{c}`" for c in cycle),
                    self.defs[n].name_span,
                    "a definition may only use definitions that do not use it back",
                    cycle=" -> ".join(f"`{c}`" for c in cycle),
                )
                return
            state[n] = 1
            for dep in sorted(self.def_deps[n]):
                visit(dep, [*stack, n])
            state[n] = 2
            order.append(n)

        for n in self.defs:
            visit(n, [])
        return order

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

    # ------------------------------------------------------------------ rules
    def _check_rule(self, rule: nodes.Rule) -> nodes.Rule:
        if not rule.citations:
            self._err(
                "check.missing-citation",
                f"rule `{rule.id}` cites no unit of law",
                rule.id_span,
                "add a line such as `dasar PP 28/2018 Pasal 27 ayat (1)`",
                id=rule.id,
            )
        if not rule.requirements and not rule.notes:
            self._err(
                "check.empty-rule",
                f"rule `{rule.id}` has no requirement and no note",
                rule.id_span,
                'add `wajib <kondisi>` (or `catatan "..." = ...` for an information rule)',
                id=rule.id,
            )
        rule_cites = self._resolve_citations(rule.citations, None, rule.id_span)
        base = rule_cites[0] if rule_cites else None
        if rule.when is not None:
            self.expect(rule.when, {}, BOOL)
        for note in rule.notes:
            self.infer(note.expr, {}, None)
            if note.guard is not None:
                self.expect(note.guard, {}, BOOL)
        for u in rule.unless:
            self.expect(u, {}, BOOL)
        reqs: list[nodes.Requirement] = []
        for req in rule.requirements:
            self.expect(req.expr, {}, BOOL)
            if req.guard is not None:
                self.expect(req.guard, {}, BOOL)
            cites = self._resolve_citations(req.citations, base, req.span)
            severity = req.severity or "error"
            if severity not in SEVERITIES:
                best = did_you_mean(severity, SEVERITIES)
                self._err(
                    "check.unknown-severity",
                    f"`{severity}` is not a severity",
                    req.severity_span,
                    _did_you_mean(best) or "use error, warning or info",
                    severity=severity,
                    suggestion=best,
                )
            else:
                severity = SEVERITIES[severity]
            if not any(m.lang == "id" for m in req.messages):
                self._err(
                    "check.missing-message",
                    f"a requirement of rule `{rule.id}` has no message in Indonesian",
                    req.span,
                    'add `pesan "..."` saying what the law demands',
                    id=rule.id,
                )
            reqs.append(attrs.evolve(req, citations=cites, severity=severity))
        return attrs.evolve(rule, citations=rule_cites, requirements=tuple(reqs))

    def _resolve_citations(
        self,
        cites: tuple[nodes.Citation, ...],
        base: nodes.Citation | None,
        span: Span | None,
    ) -> tuple[nodes.Citation, ...]:
        out: list[nodes.Citation] = []
        for c, full in complete_citations(cites, base):
            if full is not None:
                out.append(full)
            elif c.pasal is None:
                self._err(
                    "check.incomplete-citation",
                    f"`{c.text}` has no Pasal to belong to",
                    c.span,
                    "write the whole citation: `dasar PP 28/2018 Pasal 30 ayat (3) huruf f`",
                    citation=c.text,
                )
            else:
                self._err(
                    "check.incomplete-citation",
                    f"`{c.text}` does not name its instrument",
                    c.span,
                    "write it in full, e.g. `PP 28/2018 Pasal 27 ayat (1)`",
                    citation=c.text,
                )
        return tuple(out)

    # ------------------------------------------------------------------ expressions
    def expect(self, e: nodes.Expr, scope: Mapping[str, Type], want: Type) -> Type:
        t = self.infer(e, scope, want)
        if t.kind != "any" and not compatible(t, want):
            self._err(
                "check.type-mismatch",
                f"expected {want}, found {t}",
                e.span,
                _type_help(want, t),
                want_type=want,
                got_type=t,
            )
        return t

    def _set(self, e: Any, t: Type) -> Type:
        self.types[id(e)] = t
        return t

    def infer(self, e: nodes.Expr, scope: Mapping[str, Type], want: Type | None) -> Type:
        t = self._infer(e, scope, want)
        return self._set(e, t)

    def _infer(self, e: nodes.Expr, scope: Mapping[str, Type], want: Type | None) -> Type:
        if isinstance(e, nodes.Literal):
            return self._literal_type(e.value)
        if isinstance(e, nodes.DurationLit):
            return DURATION
        if isinstance(e, nodes.Name):
            return self._name(e, scope, want)
        if isinstance(e, nodes.Field):
            return self._field(e, scope)
        if isinstance(e, nodes.Present):
            return self._present(e, scope)
        if isinstance(e, nodes.SetLit):
            return self._set_lit(e, scope, want)
        if isinstance(e, nodes.Quantifier):
            return self._quantifier(e, scope)
        if isinstance(e, nodes.Call):
            return self._call(e, scope)
        if isinstance(e, nodes.Unary):
            if e.op == "not":
                self.expect(e.operand, scope, BOOL)
                return BOOL
            t = self.infer(e.operand, scope, None)
            if not t.is_numeric and t.kind != "any":
                help_text = (
                    "durations are never negative: subtract it from the date instead"
                    if t.kind == "duration"
                    else None
                )
                self._err("check.type-mismatch", f"cannot negate {t}", e.span, help_text, type=t)
            return t
        return self._binary(e, scope)

    def _literal_type(self, value: Any) -> Type:
        if isinstance(value, bool):
            return BOOL
        if isinstance(value, int):
            return INT
        if isinstance(value, str):
            return TEXT
        if hasattr(value, "year"):
            return DATE
        return NUMBER

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
            help_text = _did_you_mean(best) or ("valid values: " + values)
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
            _did_you_mean(best),
            name=n,
            suggestion=best,
        )
        return ANY

    def _field(self, e: nodes.Field, scope: Mapping[str, Type]) -> Type:
        if (
            isinstance(e.base, nodes.Name)
            and e.base.name in self.tables
            and e.base.name not in scope
        ):
            cols = self.table_types.get(e.base.name, {})
            if e.name not in cols:
                best = did_you_mean(e.name, cols)
                self._err(
                    "check.unknown-column",
                    f"`{e.name}` is not a column of table `{e.base.name}`",
                    e.name_span,
                    _did_you_mean(best),
                    column=e.name,
                    table=e.base.name,
                    suggestion=best,
                )
                return ANY
            self.res[id(e)] = Resolution("table_column", (e.base.name, e.name))
            return list_of(cols[e.name])
        base = self.infer(e.base, scope, None)
        if base.kind == "any":
            return ANY
        if base.kind == "list" and base.elem is not None and base.elem.kind == "record":
            path = _path_text(e.base)
            self._err(
                "check.field-of-list",
                f"`{path}` is a list; `.{e.name}` needs one item",
                e.span,
                f"use a quantifier: `setiap x dalam {path}: x.{e.name} ...`",
                path=path,
                field=e.name,
            )
            return ANY
        if base.kind != "record" or base.record is None:
            self._err(
                "check.not-a-record",
                f"{base} has no fields; cannot read `.{e.name}`",
                e.name_span,
                type=base,
                field=e.name,
            )
            return ANY
        fields = record_fields(base.record)
        if e.name not in fields:
            path = _path_text(e).rsplit(".", 1)[0]
            best = did_you_mean(e.name, fields)
            self._err(
                "check.unknown-field",
                f"`{e.name}` is not a field of `{base.record.__name__}`",
                e.name_span,
                _did_you_mean(best) or f"fields of `{path}`: " + ", ".join(fields),
                field=e.name,
                record=base.record.__name__,
                suggestion=best,
                path=path,
                fields=", ".join(fields),
            )
            return ANY
        return fields[e.name]

    def _present(self, e: nodes.Present, scope: Mapping[str, Type]) -> Type:
        target = e.target
        ok = isinstance(target, nodes.Field | nodes.Name)
        if isinstance(target, nodes.Name):
            self.infer(target, scope, None)
            ok = self.res.get(id(target), Resolution("")).kind in ("field", "local", "as_of")
        elif isinstance(target, nodes.Field):
            self.infer(target, scope, None)
            ok = id(target) not in self.res  # a table column is not a fact
        if not ok:
            self._err(
                "check.present-needs-field",
                "`terisi` tests whether a fact of the agreement is known",
                e.span,
                "write it before a field path, e.g. `terisi perjanjian.tanggal_ttd`",
            )
        return BOOL

    def _set_lit(self, e: nodes.SetLit, scope: Mapping[str, Type], want: Type | None) -> Type:
        elem_want = want.elem if want is not None and want.kind == "list" else want
        elem: Type | None = elem_want
        for item in e.items:
            t = self.infer(item, scope, elem)
            if elem is None or elem.kind == "any":
                elem = t
            elif not compatible(t, elem):
                self._err(
                    "check.type-mismatch",
                    f"expected {elem}, found {t}",
                    item.span,
                    want_type=elem,
                    got_type=t,
                )
        return list_of(elem or ANY)

    def _quantifier(self, e: nodes.Quantifier, scope: Mapping[str, Type]) -> Type:
        coll = self.infer(e.collection, scope, None)
        if coll.kind not in ("list", "any"):
            self._err(
                "check.type-mismatch",
                f"a quantifier ranges over a list, found {coll}",
                e.collection.span,
                type=coll,
            )
        elem = coll.elem if coll.kind == "list" and coll.elem is not None else ANY
        if e.var in self.root or e.var in self.defs:
            self._err(
                "check.shadowed-field",
                f"`{e.var}` already names a field or a definition",
                e.var_span,
                "choose a short variable name such as `m` or `u`",
                name=e.var,
            )
        inner = {**scope, e.var: elem}
        self.expect(e.body, inner, BOOL)
        return INT if e.kind == "count" else BOOL

    def _call(self, e: nodes.Call, scope: Mapping[str, Type]) -> Type:
        fn = REGISTRY.get(e.func)
        arg_types = [self.infer(a, scope, None) for a in e.args]
        if fn is None:
            best = did_you_mean(e.func, REGISTRY)
            self._err(
                "check.unknown-function",
                f"`{e.func}` is not a function of the language",
                e.span,
                _did_you_mean(best) or "see the function list in docs/language.md",
                func=e.func,
                suggestion=best,
            )
            return ANY
        result = fn.check(arg_types)
        if isinstance(result, str):
            self._err(
                "check.bad-call",
                f"`{e.func}` {result}",
                e.span,
                f"signature: {fn.signature}",
                func=e.func,
                problem=result,
                signature=fn.signature,
            )
            return ANY
        return result

    def _binary(self, e: nodes.Binary, scope: Mapping[str, Type]) -> Type:
        op = e.op
        if op in ("and", "or", "implies"):
            self.expect(e.left, scope, BOOL)
            self.expect(e.right, scope, BOOL)
            return BOOL
        if op in ("in", "notin"):
            if isinstance(e.right, nodes.SetLit) and not _is_bare_name(e.left):
                # `m.jenis in {provinsi, kota}`: the set's values are read as the left's enum.
                left = self.infer(e.left, scope, None)
                self.infer(e.right, scope, list_of(left))
                return BOOL
            right = self.infer(e.right, scope, None)
            if right.kind == "list" and right.elem is not None:
                left = self.infer(e.left, scope, right.elem)
                if not compatible(left, right.elem):
                    self._err(
                        "check.type-mismatch",
                        f"{left} cannot be a member of a {right}",
                        e.span,
                        left_type=left,
                        right_type=right,
                    )
            elif right.kind == "any":
                self.infer(e.left, scope, None)
            else:
                self.infer(e.left, scope, None)
                self._err(
                    "check.type-mismatch",
                    f"`dalam` needs a list or a set on its right, found {right}",
                    e.right.span,
                    type=right,
                )
            return BOOL
        # Comparisons and arithmetic: type the side that can stand alone first, so a bare
        # enum value on either side is read against the other side's enum.
        if _is_bare_name(e.left) and not _is_bare_name(e.right):
            right = self.infer(e.right, scope, None)
            left = self.infer(e.left, scope, right)
        else:
            left = self.infer(e.left, scope, None)
            right = self.infer(e.right, scope, left)
        if op in ("==", "!="):
            if not compatible(left, right):
                self._err(
                    "check.type-mismatch",
                    f"cannot compare {left} with {right}",
                    e.span,
                    _type_help(left, right),
                    left_type=left,
                    right_type=right,
                )
            return BOOL
        if op in ("<", "<=", ">", ">="):
            ordered = ("int", "number", "date", "duration", "text", "any")
            if not compatible(left, right) or left.kind not in ordered:
                self._err(
                    "check.type-mismatch",
                    f"cannot order {left} against {right}",
                    e.span,
                    _type_help(left, right),
                    left_type=left,
                    right_type=right,
                )
            return BOOL
        return self._arith(e, left, right)

    def _arith(self, e: nodes.Binary, left: Type, right: Type) -> Type:
        op = e.op
        if "any" in (left.kind, right.kind):
            return ANY
        if left.is_numeric and right.is_numeric:
            if op == "/":
                return NUMBER
            return INT if left.kind == right.kind == "int" else NUMBER
        if op in ("+", "-") and left.kind == "date" and right.kind == "duration":
            return DATE
        if op == "+" and left.kind == "duration" and right.kind == "date":
            return DATE
        if op == "-" and left.kind == "date" and right.kind == "date":
            return INT
        if op == "+" and left.kind == right.kind == "duration":
            return DURATION
        if op == "+" and left.kind == right.kind == "text":
            return TEXT
        self._err(
            "check.type-mismatch",
            f"`{op}` does not apply to {left} and {right}",
            e.span,
            "dates take durations (`tanggal + 5 tahun`); two dates subtract to days",
            op=op,
            left_type=left,
            right_type=right,
        )
        return ANY


# ------------------------------------------------------------------ helpers
def _did_you_mean(best: str | None) -> str | None:
    return f"did you mean `{best}`?" if best else None


def complete_citations(
    cites: Iterable[nodes.Citation], base: nodes.Citation | None
) -> list[tuple[nodes.Citation, nodes.Citation | None]]:
    """Complete citations as written into whole units: ``(as written, whole or None)``.

    A sub-unit (``huruf e``, ``ayat (2)``) completes the citation before it in the same
    list, else ``base`` (the rule's first citation): ``Pasal 6 ayat (1) huruf d, huruf e``
    is two units of Pasal 6 ayat (1). A ``Pasal`` without instrument takes the previous
    instrument. ``None`` when there is nothing to complete from.
    """
    out: list[tuple[nodes.Citation, nodes.Citation | None]] = []
    prev = base
    for c in cites:
        full: nodes.Citation | None
        if c.pasal is None:
            if prev is None or prev.pasal is None:
                out.append((c, None))
                continue
            ayat = c.ayat if c.ayat is not None else prev.ayat
            full = attrs.evolve(
                c,
                instrument=prev.instrument,
                pasal=prev.pasal,
                ayat=ayat,
                penjelasan=prev.penjelasan,
            )
        elif c.instrument is None:
            if prev is None or prev.instrument is None:
                out.append((c, None))
                continue
            full = attrs.evolve(c, instrument=prev.instrument)
        else:
            full = c
        out.append((c, full))
        prev = full
    return out


def _enum_member(cls: type[enum.Enum], name: str) -> enum.Enum | None:
    for m in cls:
        if m.value == name:
            return m
    return None


def _is_bare_name(e: nodes.Expr) -> bool:
    return isinstance(e, nodes.Name)


def _path_text(e: nodes.Expr) -> str:
    if isinstance(e, nodes.Name):
        return e.name
    if isinstance(e, nodes.Field):
        return f"{_path_text(e.base)}.{e.name}"
    return "..."


def _type_help(want: Type, got: Type) -> str | None:
    if want.kind == "bool" and got.kind not in ("bool", "any"):
        return "a condition must be true or false, e.g. `x == nilai` or `terisi x`"
    if {want.kind, got.kind} == {"date", "text"}:
        return "write dates without quotes: 2018-07-13"
    if want.kind == "enum" and got.kind == "text":
        return "write enum values without quotes, e.g. `jenis == KSDPL`"
    return None
