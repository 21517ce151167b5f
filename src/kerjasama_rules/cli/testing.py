"""`kerjasama test` and `kerjasama coverage`: rule tests and coverage of the law.

``kerjasama test [PATH...] [--rules PATH] [--with-bundled]`` runs ``*.test.yaml`` files
(default: those under the resolved rules, see ``engine.project``) and prints a diff for
each failing case, then ``N passed, N failed`` and the ``rules:`` line; it exits 1 when a
case fails, 2 when a test file is malformed (after running every other file).
``kerjasama coverage [--rules PATH] [--with-bundled] [--format text|json|markdown]
[--fail-under PCT]`` reports which checkable units of law the rules encode and the tests
exercise; with ``--fail-under`` it exits 1 when the tested share is below PCT. Malformed
files exit 2, as for every command.
"""

from __future__ import annotations

import argparse
import json
import math
from typing import Any, TextIO

import attrs

from ..drafting.ruletests import find_test_files, rules_for_test, run_tests
from ..engine.rulefiles import load_rules
from ..law.coverage import (
    measure,
)
from ..output.batch import diagnostics_to_json
from ..output.coverage import coverage_to_json, render_coverage_markdown, render_coverage_text
from ..output.rulesource import render_rules_line, selection_to_json
from ..output.ruletests import render_run
from .options import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_VIOLATION,
    add_rules,
    rule_selection,
    write_diagnostics,
)

COMMANDS: tuple[str, ...] = ("test", "coverage")


def register(subparsers: Any) -> None:
    """Add this module's subcommands to the ``kerjasama`` parser."""
    test = subparsers.add_parser(
        "test", help="run rule tests (*.test.yaml) and show what differs from the expectations"
    )
    test.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="test files or directories (default: the bundled rules)",
    )
    add_rules(test)
    test.add_argument("--format", choices=("text", "json"), default="text")
    test.add_argument("-v", "--verbose", action="store_true", help="list passing cases too")

    cov = subparsers.add_parser(
        "coverage", help="which units of law the rules encode and the rule tests exercise"
    )
    add_rules(cov)
    cov.add_argument("--tests", action="append", metavar="PATH", help="test files or directories")
    cov.add_argument(
        "--inventory", action="append", metavar="PATH", help="inventaris.yaml files or directories"
    )
    cov.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    cov.add_argument(
        "--fail-under",
        type=_percent,
        metavar="PCT",
        help="exit 1 when the tested share of checkable units is below PCT",
    )


def _percent(text: str) -> float:
    """A percentage from 0 to 100; `nan`, `inf` and out-of-range values are usage errors
    (with `nan`, every comparison is false and the gate would always pass)."""
    try:
        # ASCII digits only: `float` also reads `١٠` (Arabic-Indic) as 10
        value = float(text) if text.strip().isascii() else float("nan")
    except ValueError:
        value = float("nan")
    if not math.isfinite(value) or not 0 <= value <= 100:
        msg = f"`{text}` is not a percentage from 0 to 100"
        raise argparse.ArgumentTypeError(msg)
    return value


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run one of :data:`COMMANDS`; returns the exit code."""
    if args.command == "test":
        return _test(args, out, err)
    return _coverage(args, out, err)


def _test(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    selection = rule_selection(args)
    explicit = bool(args.rules) or selection.with_bundled
    # With --rules (or a stack), every test file runs against those rules; otherwise each
    # file against its own (the project's whole set for files under its rule folders).
    rules = load_rules(*selection.paths) if explicit else None
    own = [p for p in selection.paths if not (selection.with_bundled and p == selection.paths[0])]
    paths = args.paths or own
    if not explicit and args.paths:
        # Each file runs against its own rules: say which those were.
        used = dict.fromkeys(p for f in find_test_files(*paths) for p in rules_for_test(f))
        selection = attrs.evolve(selection, paths=tuple(used), source="tests")
    result = run_tests(paths, rules=rules)
    if args.format == "json":
        doc = {
            "format": "kerjasama-test/1",
            "rules": selection_to_json(selection),
            "errors": diagnostics_to_json(list(result.errors)),
            "passed": result.passed,
            "failed": result.failed,
            "cases": [
                {
                    "file": r.case.file,
                    "name": r.case.name,
                    "passed": r.passed,
                    "problems": [p.strip() for p in r.problems],
                }
                for r in result.results
            ],
        }
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(render_rules_line(selection))
        out.write(render_run(result, verbose=args.verbose))
    if result.errors:
        write_diagnostics(result.errors, err)
        return EXIT_BAD_INPUT
    return EXIT_VIOLATION if result.failed else EXIT_OK


def _coverage(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    selection = rule_selection(args)
    report = measure(selection.paths, tests=args.tests or (), inventory=args.inventory or ())
    if args.format == "json":
        doc = json.loads(coverage_to_json(report))
        doc["rules"] = selection_to_json(selection)
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "markdown":
        out.write(render_coverage_markdown(report))
    else:
        out.write(render_coverage_text(report))
        # The coverage report is worded in Indonesian: its `rules:` line too, not a
        # lone English phrase under it.
        out.write(render_rules_line(selection, "id"))
    if args.fail_under is not None and report.tested_percent < args.fail_under:
        err.write(
            f"tested coverage {report.tested_percent:.1f}% is below --fail-under "
            f"{args.fail_under:g}%\n"
        )
        return 1
    return 0
