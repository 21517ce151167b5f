"""Coverage by law: which checkable units of law the rules encode and the rule tests exercise.

Drafter tooling, after :mod:`kerjasama_rules.ruletests`. It joins the inventory
(:mod:`kerjasama_rules.inventory`) with the citations of the rules and the reports of the
rule tests. Each checkable unit that coverage counts (see
:meth:`~kerjasama_rules.law.inventory.Inventory.checkable_units`) is:

* ``missing``: no rule and no requirement cites it (or a unit inside it);
* ``encoded``: cited, but the passing test cases do not both break and satisfy it;
* ``tested``: cited, and among the **passing** test cases there is one where a failing
  finding carries a citation at or inside the unit, and one where a rule with a
  requirement citing the unit applies (it is not ``not_applicable`` and not undecided
  for applicability) and that requirement holds: it has no finding and is not pending.

A citation covers a unit when it equals the unit or is more specific (a rule citing
``Pasal 27 ayat (1) huruf a`` covers that huruf; one citing ``Pasal 30 ayat (1)`` covers
that ayat, but a bare ``Pasal 6`` covers none of the ayat of Pasal 6).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from ..drafting.ruletests import RuleTestError, TestRun, find_test_files, run_tests
from ..engine.evaluator import RuleSet
from ..language import nodes
from .inventory import Inventory, Unit, load_inventory

__all__ = [
    "CoverageReport",
    "UnitCoverage",
    "compute_coverage",
    "covers",
    "measure",
]

STATUSES = ("missing", "encoded", "tested")


def covers(citation: nodes.Citation, unit: Unit) -> bool:
    """True when ``citation`` is ``unit`` or a unit inside it (same instrument)."""
    if citation.penjelasan or citation.instrument != unit.instrument:
        return False
    if citation.pasal != unit.pasal:
        return False
    if unit.ayat is not None and citation.ayat != unit.ayat:
        return False
    return unit.huruf is None or citation.huruf == unit.huruf


@attrs.frozen
class UnitCoverage:
    """The coverage of one checkable unit."""

    unit: Unit
    status: str  # missing | encoded | tested
    rules: tuple[str, ...] = ()  # ids of the rules citing it
    failed_in: int = 0  # passing cases with a failing finding citing it
    passed_in: int = 0  # passing cases where a requirement citing it holds
    failing_cases: tuple[str, ...] = ()  # those cases, as `file::name`
    passing_cases: tuple[str, ...] = ()


@attrs.frozen
class CoverageReport:
    """Coverage of every checkable unit, with the test run it was measured on."""

    units: tuple[UnitCoverage, ...]
    cases: int
    cases_failed: int
    untested_rules: tuple[tuple[str, str], ...] = ()  # (file, rule id) with no expectation
    never_applicable: tuple[str, ...] = ()  # rule ids that apply in no passing case
    unknown_citations: tuple[tuple[str, str], ...] = ()  # (rule id, citation text)

    def count(self, status: str) -> int:
        """How many units have this status."""
        return sum(u.status == status for u in self.units)

    @property
    def encoded_percent(self) -> float:
        """Share of checkable units that are encoded or tested, in percent."""
        return _pct(self.count("encoded") + self.count("tested"), len(self.units))

    @property
    def tested_percent(self) -> float:
        """Share of checkable units that are tested, in percent."""
        return _pct(self.count("tested"), len(self.units))

    @property
    def missing_percent(self) -> float:
        """Share of checkable units that no rule encodes, in percent."""
        return _pct(self.count("missing"), len(self.units))

    def rows(self) -> list[tuple[str, int, int, int]]:
        """Per matrix row: ``(row, units, encoded or tested, tested)``, sorted by row."""
        table: dict[str, list[int]] = {}
        for u in self.units:
            for row in u.unit.matrix_rows:
                t = table.setdefault(row, [0, 0, 0])
                t[0] += 1
                t[1] += u.status != "missing"
                t[2] += u.status == "tested"
        return [(row, *table[row]) for row in sorted(table)]  # type: ignore[misc]


def _pct(n: int, d: int) -> float:
    return round(100.0 * n / d, 1) if d else 0.0


def _req_cites(rule: nodes.Rule, q: nodes.Requirement) -> tuple[nodes.Citation, ...]:
    return q.citations or rule.citations


def _messages(q: nodes.Requirement) -> tuple[tuple[str, str], ...]:
    return tuple((m.lang, m.text) for m in q.messages)


def compute_coverage(inventory: Inventory, rules: RuleSet, run: TestRun) -> CoverageReport:
    """Join the inventory, the rules' citations and the rule-test reports."""
    passing = [r for r in run.results if r.passed and r.report is not None]
    tested_rules = {
        rule
        for r in run.results
        for rule, _ in (
            *r.case.expect,
            *r.case.findings,
            *r.case.pending,
            *r.case.missing,
        )
    }
    applicable: set[str] = set()
    for r in passing:
        assert r.report is not None
        applicable |= {
            o.rule for o in r.report.outcomes if o.status != "not_applicable" and not o.reason
        }
    out: list[UnitCoverage] = []
    by_rule = {rule.id: rule for rule in rules.rules}
    for unit in inventory.checkable_units():
        citing = [
            rule
            for rule in rules.rules
            if any(covers(c, unit) for c in rule.citations)
            or any(covers(c, unit) for q in rule.requirements for c in q.citations)
        ]
        if not citing:
            out.append(UnitCoverage(unit, "missing"))
            continue
        reqs = {
            rule.id: [
                _messages(q)
                for q in rule.requirements
                if any(covers(c, unit) for c in _req_cites(rule, q))
            ]
            for rule in citing
        }
        failing_cases: list[str] = []
        passing_cases: list[str] = []
        for r in passing:
            assert r.report is not None
            fail_hit = pass_hit = False
            for o in r.report.outcomes:
                if o.rule not in reqs:
                    continue
                if any(
                    f.status == "fail" and any(covers(c, unit) for c in f.citations)
                    for f in o.findings
                ):
                    fail_hit = True
                if o.status == "not_applicable" or o.reason:
                    continue
                used = {f.messages for f in o.findings} | {p.messages for p in o.pending}
                if any(m not in used for m in reqs[o.rule]):
                    pass_hit = True
            label = f"{Path(r.case.file).name}::{r.case.name}"
            if fail_hit:
                failing_cases.append(label)
            if pass_hit:
                passing_cases.append(label)
        status = "tested" if failing_cases and passing_cases else "encoded"
        out.append(
            UnitCoverage(
                unit,
                status,
                tuple(r.id for r in citing),
                len(failing_cases),
                len(passing_cases),
                tuple(failing_cases),
                tuple(passing_cases),
            )
        )
    untested = tuple(
        ((rule.span.source.name if rule.span else "?"), rule.id)
        for rule in rules.rules
        if rule.id not in tested_rules
    )
    never = tuple(rid for rid in by_rule if rid not in applicable)
    unknown: list[tuple[str, str]] = []
    for rule in rules.rules:
        cites = [*rule.citations, *(c for q in rule.requirements for c in q.citations)]
        for c in dict.fromkeys(cites):
            exists = (
                inventory.has(c.instrument, c.pasal, c.ayat, c.huruf)
                if c.instrument and c.pasal is not None and not c.penjelasan
                else None
            )
            if exists is False:
                unknown.append((rule.id, c.text))
    return CoverageReport(
        units=tuple(out),
        cases=len(run.results),
        cases_failed=run.failed,
        untested_rules=untested,
        never_applicable=never,
        unknown_citations=tuple(dict.fromkeys(unknown)),
    )


def measure(
    rules_paths: Sequence[str | os.PathLike[str]] = (),
    *,
    tests: Iterable[str | os.PathLike[str]] = (),
    inventory: Iterable[str | os.PathLike[str]] = (),
) -> CoverageReport:
    """Load rules, rule tests and inventory, run the tests, and compute coverage.

    Args:
        rules_paths: rule directories (default: the bundled rules).
        tests: test files or directories (default: the rule directories).
        inventory: inventory files or directories (default: the rule directories when
            they hold an ``inventaris.yaml``, else the bundled inventory).
    """
    from ..engine.rulefiles import bundled_rules_path, load_rules
    from .inventory import inventory_files

    where = list(rules_paths) or [bundled_rules_path()]
    rules = load_rules(*where)
    test_paths = list(tests) or where
    test_files = find_test_files(*test_paths)
    run = run_tests(test_files, rules=rules) if test_files else TestRun(())
    if run.errors:  # coverage measured on a partial run would mislead: stop (exit 2)
        raise RuleTestError(run.errors)
    inv_paths = list(inventory)
    if not inv_paths:
        dirs = [p for p in where if os.path.isdir(p)]
        inv_paths = list(dirs) if dirs and inventory_files(*dirs) else [bundled_rules_path()]
    return compute_coverage(load_inventory(*inv_paths), rules, run)
