"""Rule tests: ``*.test.yaml`` files beside the rules, with agreements and expected outcomes.

``kerjasama test``, the pytest plugin and ``law.coverage`` all run test files through
:func:`run_case`; ``testfiles`` reads them (and its names are re-exported here).
A case names an agreement (whole, or a named base plus a patch), the evaluation date and
switches, and what the rules must say: each rule's status, the citations of its failing
findings, its pending obligations, the facts it misses, and determinations. The format is
documented in ``docs/tutorial.md`` and ``docs/coverage.md`` (OPA ``opa test``, Catala
test scopes).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from ..engine.evaluator import RuleSet
from ..engine.report import Report
from ..engine.rulefiles import load_rules
from ..errors import Diagnostic, KerjasamaError
from ..language.nodes import Citation
from ..suggest import hint
from .testfiles import (
    STATUS_ALIASES,
    TEST_SUFFIX,
    CiteKey,
    RuleTestError,
    TestCase,
    TestFile,
    find_test_files,
    load_test_file,
    rules_for_test,
    rules_path_for,
)

__all__ = [
    "STATUS_ALIASES",
    "TEST_SUFFIX",
    "CaseResult",
    "RuleTestError",
    "TestCase",
    "TestFile",
    "TestRun",
    "find_test_files",
    "load_test_file",
    "rules_for_test",
    "rules_path_for",
    "run_case",
    "run_tests",
]


@attrs.frozen
class CaseResult:
    """What running one case gave: the differences from the expectations, if any."""

    case: TestCase
    problems: tuple[str, ...] = ()
    report: Report | None = None

    @property
    def passed(self) -> bool:
        """True when the rules said exactly what the case expects."""
        return not self.problems


@attrs.frozen
class TestRun:
    """The results of every case of every file, in order."""

    __test__ = False

    results: tuple[CaseResult, ...]
    # Problems of test files that could not be read; the other files still ran.
    errors: tuple[Diagnostic, ...] = ()

    @property
    def passed(self) -> int:
        """How many cases passed."""
        return sum(r.passed for r in self.results)

    @property
    def failed(self) -> int:
        """How many cases failed."""
        return len(self.results) - self.passed


def _fmt(value: Any) -> str:
    if value is None:
        return "null (unknown)"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def _compare_cites(
    label: str, rule: str, want: tuple[CiteKey, ...], got: Sequence[Citation]
) -> list[str]:
    lines: list[str] = []
    for w in want:
        if not any(w.matches(c) for c in got):
            lines.append(f"    - missing    {w.written}")
    seen: set[str] = set()
    for c in got:
        if not any(w.matches(c) for w in want) and c.text not in seen:
            seen.add(c.text)
            lines.append(f"    + unexpected {c.text}")
    if lines:
        return [f"  {rule}: {label} (- expected but absent, + present but not expected)", *lines]
    return []


def _describe_outcome(report: Report, rule: str) -> list[str]:
    o = report.outcome(rule)
    lines = []
    for f in o.findings:
        ev = ", ".join(f"{e.path} = {json.dumps(e.value, default=str)}" for e in f.evidence)
        miss = f" missing {', '.join(f.missing)}" if f.missing else ""
        lines.append(f"      {f.status} [{f.severity}] {f.citation.text}: {f.message()}")
        if ev or miss:
            lines.append(f"        {ev}{miss}".rstrip())
    for p in o.pending:
        lines.append(f"      pending {p.citation.text} (after: {p.condition})")
    if o.reason:
        lines.append(f"      reason: {o.reason}")
    return lines


def run_case(rules: RuleSet, case: TestCase) -> CaseResult:
    """Evaluate one case and compare the report with its expectations."""
    try:
        report = rules.evaluate(
            case.agreement, as_of=case.as_of, switches=dict(case.switches) or None
        )
    except KerjasamaError as exc:
        return CaseResult(case, tuple(f"  cannot evaluate: {d.message}" for d in exc.diagnostics))
    ids = [o.rule for o in report.outcomes]
    problems: list[str] = []

    def known(rule: str) -> bool:
        if rule in ids:
            return True
        h = hint(rule, ids)
        problems.append(f"  {rule}: no such rule" + (f" ({h})" if h else ""))
        return False

    for rule, status in case.expect:
        if not known(rule):
            continue
        actual = report.outcome(rule).status
        if actual != status:
            problems.append(f"  {rule}: expected status {status}, got {actual}")
            problems.extend(_describe_outcome(report, rule))
    for rule, want in case.findings:
        if known(rule):
            got = [f.citation for f in report.outcome(rule).findings if f.status == "fail"]
            problems.extend(_compare_cites("failing findings", rule, want, got))
    for rule, want in case.pending:
        if known(rule):
            got = [p.citation for p in report.outcome(rule).pending]
            problems.extend(_compare_cites("pending obligations", rule, want, got))
    for rule, paths in case.missing:
        if known(rule):
            actual_paths = {m for f in report.outcome(rule).findings for m in f.missing}
            if set(paths) != actual_paths:
                problems.append(
                    f"  {rule}: missing facts expected {sorted(set(paths))}, "
                    f"got {sorted(actual_paths)}"
                )
    names = [d.name for d in report.determinations]
    for name, value in case.determinations:
        if name not in names:
            h = hint(name, names)
            problems.append(
                f"  determination {name}: no such determination" + (f" ({h})" if h else "")
            )
            continue
        actual_value = report.determination(name).value
        if actual_value != value or type(actual_value) is not type(value):
            problems.append(
                f"  determination {name}: expected {_fmt(value)}, got {_fmt(actual_value)}"
            )
    return CaseResult(case, tuple(problems), report)


def run_tests(
    paths: Iterable[str | os.PathLike[str]] = (),
    *,
    rules: RuleSet | None = None,
) -> TestRun:
    """Run every case of every test file found under ``paths`` (default: bundled rules).

    Args:
        paths: ``*.test.yaml`` files or directories searched recursively.
        rules: the rules to test; by default each file's own (see :func:`rules_for_test`).

    A malformed test file does not stop the run: its located problems are returned in
    :attr:`TestRun.errors` and every other file runs.

    Raises:
        RuleTestError: a path does not exist.
        RuleSyntaxError, RuleCheckError: the rules do not load.
    """
    files = find_test_files(*paths)
    parsed: list[tuple[Path, TestFile]] = []
    diags: list[Diagnostic] = []
    for f in files:
        try:
            parsed.append((f, load_test_file(f)))
        except RuleTestError as exc:
            diags.extend(exc.diagnostics)
    cache: dict[tuple[Path, ...], RuleSet] = {}
    results: list[CaseResult] = []
    for f, tf in parsed:
        rs = rules
        if rs is None:
            where = (Path(tf.rules),) if tf.rules else rules_for_test(f)
            if where not in cache:
                cache[where] = load_rules(*where)
            rs = cache[where]
        results.extend(run_case(rs, c) for c in tf.cases)
    return TestRun(tuple(results), tuple(diags))
