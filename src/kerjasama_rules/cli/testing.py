"""`kerjasama test` and `kerjasama coverage`: rule tests and coverage of the law.

``kerjasama test [PATH...] [--rules DIR]`` runs ``*.test.yaml`` files (default: those under
the bundled rules) and prints a diff for each failing case, then ``N passed, N failed``;
it exits 1 when a case fails. ``kerjasama coverage [--rules DIR] [--format
text|json|markdown] [--fail-under PCT]`` reports which checkable units of law the rules
encode and the tests exercise; with ``--fail-under`` it exits 1 when the tested share is
below PCT. Malformed files exit 2, as for every command.
"""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from ..drafting.ruletests import run_tests
from ..engine.rulefiles import load_rules
from ..law.coverage import (
    measure,
)
from ..output.coverage import coverage_to_json, render_coverage_markdown, render_coverage_text
from ..output.ruletests import render_run

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
    test.add_argument(
        "--rules",
        action="append",
        metavar="DIR",
        help="rule files or directories to test (default: each test file's own rules)",
    )
    test.add_argument("--format", choices=("text", "json"), default="text")
    test.add_argument("-v", "--verbose", action="store_true", help="list passing cases too")

    cov = subparsers.add_parser(
        "coverage", help="which units of law the rules encode and the rule tests exercise"
    )
    cov.add_argument(
        "--rules",
        action="append",
        metavar="DIR",
        help="rule directories (default: the bundled rules); their tests are run",
    )
    cov.add_argument("--tests", action="append", metavar="PATH", help="test files or directories")
    cov.add_argument(
        "--inventory", action="append", metavar="PATH", help="inventaris.yaml files or directories"
    )
    cov.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    cov.add_argument(
        "--fail-under",
        type=float,
        metavar="PCT",
        help="exit 1 when the tested share of checkable units is below PCT",
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run one of :data:`COMMANDS`; returns the exit code."""
    if args.command == "test":
        return _test(args, out)
    return _coverage(args, out, err)


def _test(args: argparse.Namespace, out: TextIO) -> int:
    rules = load_rules(*args.rules) if args.rules else None
    if args.paths:
        paths = args.paths
    elif args.rules:
        paths = args.rules
    else:
        paths = []
    result = run_tests(paths, rules=rules)
    if args.format == "json":
        doc = {
            "format": "kerjasama-test/1",
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
        out.write(render_run(result, verbose=args.verbose))
    return 1 if result.failed else 0


def _coverage(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    report = measure(args.rules or (), tests=args.tests or (), inventory=args.inventory or ())
    if args.format == "json":
        out.write(coverage_to_json(report))
    elif args.format == "markdown":
        out.write(render_coverage_markdown(report))
    else:
        out.write(render_coverage_text(report))
    if args.fail_under is not None and report.tested_percent < args.fail_under:
        err.write(
            f"tested coverage {report.tested_percent:.1f}% is below --fail-under "
            f"{args.fail_under:g}%\n"
        )
        return 1
    return 0
