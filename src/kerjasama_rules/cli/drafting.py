"""`kerjasama fmt` and `kerjasama lint`: tools for legal drafters editing rule files.

Exit codes:

* ``fmt``: 0 done (or, with ``--check``, every file already canonical); 1 with
  ``--check`` when a file would change; 2 when a file does not parse or a path is bad.
* ``lint``: 0 no errors (warnings and infos allowed); 1 at least one error; 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from ..drafting.formatter import format_file
from ..drafting.linter import LintResult, display_path, lint_paths
from ..engine.rulefiles import rule_files
from ..errors import KerjasamaError
from ..law.inventory import load_inventory
from ..output.lint import lint_to_json
from ..output.render import render_diagnostic
from ..output.sarif import render_sarif

__all__ = ["COMMANDS", "register", "run"]

COMMANDS: tuple[str, ...] = ("fmt", "lint")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


def register(subparsers: Any) -> None:
    """Add this module's subcommands to the ``kerjasama`` parser."""
    fmt = subparsers.add_parser(
        "fmt", help="rewrite rule files in canonical layout, keeping every comment"
    )
    fmt.add_argument("paths", nargs="+", metavar="PATH", help="rule files or directories")
    fmt.add_argument(
        "--check",
        action="store_true",
        help="write nothing; show a diff and exit 1 if a file is not formatted",
    )
    fmt.add_argument(
        "--lang",
        choices=("id", "en"),
        default=None,
        help="print keywords in this language (default: the file's own)",
    )
    lint = subparsers.add_parser(
        "lint", help="find every problem in rule files before running them"
    )
    lint.add_argument(
        "paths", nargs="*", metavar="PATH", help="rule files or directories (default: bundled)"
    )
    lint.add_argument(
        "--lang",
        choices=("id", "en"),
        default="en",
        help="language of the diagnostics (default: en)",
    )
    lint.add_argument("--format", choices=("text", "json", "sarif"), default="text")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run one of :data:`COMMANDS`; returns the exit code."""
    if args.command == "fmt":
        return _fmt(args, out, err)
    return _lint(args, out, err)


def _fmt(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    changed = 0
    broken = 0
    for path in rule_files(args.paths):
        name = display_path(path)
        try:
            result = format_file(path, lang=args.lang, check=args.check, display=name)
        except KerjasamaError as exc:
            broken += 1
            for d in exc.diagnostics:
                err.write(render_diagnostic(d) + "\n\n")
            continue
        if result.changed:
            changed += 1
            if args.check:
                out.write(result.diff)
            else:
                err.write(f"formatted {name}\n")
    if broken:
        err.write(f"kerjasama fmt: {broken} file(s) could not be formatted\n")
        return EXIT_BAD_INPUT
    if args.check and changed:
        err.write(f"kerjasama fmt: {changed} file(s) would be reformatted\n")
        return EXIT_FINDINGS
    return EXIT_OK


def _lint(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    # The law inventory lives beside the bundled rules (rules/<instrument>/inventaris.yaml);
    # rule files elsewhere cite the same law, so they are checked against it too.
    inventory = load_inventory()
    result = lint_paths(args.paths, inventory=inventory)
    if args.format == "json":
        doc = lint_to_json(result, lang=args.lang)
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "sarif":
        out.write(render_sarif(result.diagnostics, lang=args.lang))
    else:
        for d in result.diagnostics:
            out.write(render_diagnostic(d, args.lang) + "\n\n")
        out.write(_summary(result, args.lang) + "\n")
    return EXIT_FINDINGS if result.errors else EXIT_OK


def _summary(result: LintResult, lang: str) -> str:
    n = len(result.files)
    if lang == "id":
        return (
            f"kerjasama lint: {n} berkas, {result.errors} kesalahan, "
            f"{result.warnings} peringatan, {result.infos} info"
        )
    return (
        f"kerjasama lint: {n} file(s), {result.errors} error(s), "
        f"{result.warnings} warning(s), {result.infos} info"
    )
