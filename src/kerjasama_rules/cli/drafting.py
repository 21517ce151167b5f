"""`kerjasama fmt` and `kerjasama lint`: tools for legal drafters editing rule files.

Exit codes:

* ``fmt``: 0 done (or, with ``--check``, every file already canonical); 1 with
  ``--check`` when a file would change; 2 when a file does not parse or a path is bad.
* ``lint``: 0 no errors (warnings and infos allowed; with ``--strict`` no warnings
  either); 1 at least one error (or warning with ``--strict``); 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

import attrs

from ..drafting.formatter import format_file
from ..drafting.linter import LintResult, display_path, lint_paths
from ..engine.project import RuleSelection, rules_around
from ..engine.rulefiles import rule_files
from ..errors import KerjasamaError
from ..law.inventory import inventory_files, load_inventory
from ..output.counts import count
from ..output.lint import lint_to_json
from ..output.render import render_diagnostic
from ..output.rulesource import render_rules_line
from ..output.sarif import render_sarif
from .options import add_rules, rule_selection

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
    fmt.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="rule files or directories (default: the --rules, else the project's rules)",
    )
    add_rules(fmt)
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
    lint.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings as errors (exit 1), e.g. a citation of a Pasal that does not "
        "exist; for CI",
    )
    add_rules(lint)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run one of :data:`COMMANDS`; returns the exit code."""
    if args.command == "fmt":
        return _fmt(args, out, err)
    return _lint(args, out, err)


def _own_paths(selection: RuleSelection) -> list[Path]:
    """The selection without the bundled rules stacked under it (not the drafter's)."""
    return list(selection.paths[1:] if selection.with_bundled else selection.paths)


def _fmt(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    changed = 0
    broken = 0
    paths = args.paths or _own_paths(rule_selection(args))
    for path in rule_files(paths):
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
        err.write(f"kerjasama fmt: {count(broken, 'file', 'en')} could not be formatted\n")
        return EXIT_BAD_INPUT
    if args.check and changed:
        err.write(f"kerjasama fmt: {count(changed, 'file', 'en')} would be reformatted\n")
        return EXIT_FINDINGS
    return EXIT_OK


def _lint(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    selection = rule_selection(args)
    if args.paths:
        # A file inside the rules in use, or inside a folder whose `kerjasama.toml` lists
        # it, is checked with the rest of those rules (its definitions and switches live in
        # other files); so is any file with --rules or --with-bundled. Only the named
        # files' diagnostics are shown.
        targets: list[str | Path] = list(args.paths)
        context: list[Path] = []
        if args.rules or args.with_bundled:
            context = list(selection.paths)
        else:  # until a project says otherwise, the files named are the rules in use
            selection = RuleSelection(paths=tuple(Path(p) for p in args.paths), source="paths")
        for p in args.paths:
            around = rules_around(p)
            if around is not None:
                context.extend(q for q in around.paths if q not in context)
                if not (args.rules or args.with_bundled):
                    selection = around
    else:
        targets = list(_own_paths(selection))
        context = list(selection.paths) if selection.with_bundled else []
    # The law inventory follows the rules: the `inventaris.yaml` files among the rules in
    # use, on top of the bundled inventory (rule files elsewhere cite the same law; a
    # drafter's own inventory adds instruments, such as the region's own regulations).
    found = inventory_files(*[p for p in selection.paths if p.is_dir()])
    inventory = load_inventory(*found).stacked_on(load_inventory()) if found else load_inventory()
    result = lint_paths(targets, inventory=inventory, context=context)
    if args.strict:
        # --strict: every warning is an error (a citation of a unit that does not exist
        # must fail CI); infos stay infos.
        promoted = tuple(
            attrs.evolve(d, severity="error") if d.severity == "warning" else d
            for d in result.diagnostics
        )
        result = attrs.evolve(result, diagnostics=promoted)
    if args.format == "json":
        # A JSON list of diagnostics (its contract): the rules in use go to the text form.
        doc = lint_to_json(result, lang=args.lang)
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "sarif":
        out.write(render_sarif(result.diagnostics, lang=args.lang))
    else:
        for d in result.diagnostics:
            out.write(render_diagnostic(d, args.lang) + "\n\n")
        out.write(render_rules_line(selection, args.lang))
        out.write(_summary(result, args.lang) + "\n")
    return EXIT_FINDINGS if result.errors else EXIT_OK


def _summary(result: LintResult, lang: str) -> str:
    parts = [
        count(len(result.files), "file", lang),
        count(result.errors, "diagnostic-error", lang),
        count(result.warnings, "diagnostic-warning", lang),
        count(result.infos, "diagnostic-info", lang),
    ]
    return "kerjasama lint: " + ", ".join(parts)
