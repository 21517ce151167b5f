"""Static checks of parsed rule files against the agreement schema -> :class:`CheckedRules`.

Fourth stage of the pipeline. Resolves every name (a field of the agreement, a
definition, a determination, a data table, a quantifier variable or an enum value),
infers and checks the type of every expression, completes relative citations
(``huruf f`` inside a rule citing ``Pasal 30 ayat (3)``), and rejects cycles between
definitions. It collects every problem before raising, never stopping at the first.

This module is the entry point and the driver: :func:`check`, :func:`diagnose`,
:class:`CheckedRules`, the order of the checks and the checks of rules themselves. The
checks are mixins of one checker object, a module each: ``check_state`` (the shared
tables), ``check_names`` (names and scopes), ``check_types`` (types of expressions),
``citations`` (citation completion), ``check_declarations`` (switches, tables, periods in
force, definitions, determinations).
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from .. import limits
from ..errors import ConfigurationError, Diagnostic, RuleCheckError
from ..suggest import did_you_mean
from . import nodes
from .check_declarations import CheckDeclarations
from .check_names import AS_OF_NAMES
from .check_state import did_you_mean_help
from .checked import CheckedRules, Resolution
from .citations import complete_citations
from .typesys import BOOL

# ``AS_OF_NAMES`` and ``complete_citations`` are re-exported: the linter reads them here.
__all__ = [
    "AS_OF_NAMES",
    "CheckedRules",
    "Resolution",
    "check",
    "complete_citations",
    "diagnose",
]

SEVERITIES = {
    "error": "error", "kesalahan": "error", "galat": "error",
    "warning": "warning", "peringatan": "warning",
    "info": "info", "informasi": "info",
}  # fmt: skip


def check(files: Iterable[nodes.RuleFile]) -> CheckedRules:
    """Check parsed rule files as one rule set.

    Raises:
        RuleCheckError: with every problem found.
    """
    files = tuple(files)
    _check_counts(files)
    return _Checker(files).run()


def _check_counts(files: tuple[nodes.RuleFile, ...]) -> None:
    """Refuse a rule set with more rules or declarations than the limits allow."""
    if not all(isinstance(f, nodes.RuleFile) for f in files):
        msg = "check() takes parsed rule files (`parser.parse` results)"
        raise ConfigurationError([Diagnostic(code="config.bad-argument", message=msg)])
    lim = limits.current()
    n_rules = sum(1 for f in files for i in f.items if isinstance(i, nodes.Rule))
    n_decls = sum(1 for f in files for i in f.items if not isinstance(i, nodes.Rule))
    for name, n, what in (
        ("max_rules", n_rules, "rules"),
        ("max_definitions", n_decls, "definitions, tables, switches and determinations"),
    ):
        if n > getattr(lim, name):
            msg = limits.limit_message(name, f"the rule set has {n} {what}")
            code = "limit." + name.removeprefix("max_")
            raise RuleCheckError([Diagnostic(code=code, message=msg, args=(("limit", name),))])


def diagnose(
    files: Iterable[nodes.RuleFile],
) -> tuple[CheckedRules | None, tuple[Diagnostic, ...]]:
    """Check like :func:`check` but return every diagnostic instead of raising.

    Returns:
        The checked rules (``None`` when there are errors) and all diagnostics found,
        errors and warnings, in the order they were found. Used by ``kerjasama lint``.
    """
    files = tuple(files)
    _check_counts(files)
    checker = _Checker(files)
    try:
        checked = checker.run()
    except RuleCheckError:
        return None, tuple(checker.diags)
    return checked, tuple(checker.diags)


class _Checker(CheckDeclarations):
    """The whole checker: the mixins of the ``check_*`` modules, driven by :meth:`run`."""

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
                        did_you_mean_help(best),
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
                    did_you_mean_help(best) or "use error, warning or info",
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
