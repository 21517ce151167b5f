"""`kerjasama analyze` and `kerjasama diff`: what the rules mean, proved with z3.

Exit codes:

* ``analyze``: 0 no finding of severity error or warning (infos and justified findings
  allowed); 1 at least one; 2 bad input (rules that do not load, a bad path, no z3).
* ``diff``: 0 "no agreement changes outcome" is proved; 1 some do (each class with a
  reproduced witness), or some rule could not be analysed so nothing is proved; 2 bad
  input.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any, TextIO

from .. import analysis as _analysis
from ..analysis import analyze
from ..errors import ConfigurationError, Diagnostic, KerjasamaError
from ..fileio import write_atomic
from ..output.analysis import (
    render_analysis_json,
    render_analysis_sarif,
    render_analysis_text,
)
from ..output.render import render_diagnostic
from ..output.rulesource import render_rules_line
from .options import add_rules, rule_selection

__all__ = ["COMMANDS", "register", "run"]

COMMANDS: tuple[str, ...] = ("analyze", "diff")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


def register(subparsers: Any) -> None:
    """Add this module's subcommands to the ``kerjasama`` parser."""
    p = subparsers.add_parser(
        "analyze",
        help="prove what the rules mean: dead rules, contradictions, gaps (needs z3)",
    )
    add_rules(p)  # the same --rules/--with-bundled and resolution as every command
    p.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    p.add_argument(
        "--witnesses",
        metavar="DIR",
        default=None,
        help="also write each finding's witness agreement as YAML into DIR",
    )
    d = subparsers.add_parser(
        "diff", help="which agreements change outcome between two versions of the rules"
    )
    d.add_argument(
        "--old",
        action="append",
        required=True,
        metavar="PATH",
        help="the rules before the edit: files or directories, or git:REV for the --new "
        "paths at a git revision (e.g. --old git:main --new rules)",
    )
    d.add_argument("--new", action="append", required=True, metavar="PATH")
    d.add_argument("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run one of :data:`COMMANDS`; returns the exit code."""
    try:
        if args.command == "diff":
            return _diff(args, out)
        return _analyze(args, out, err)
    except KerjasamaError as exc:
        for diag in exc.diagnostics:
            err.write(render_diagnostic(diag) + "\n\n")
        return EXIT_BAD_INPUT


def _analyze(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    selection = rule_selection(args)
    # Without z3, a bounded search stands in: it says so, and so does every finding.
    result = (
        analyze(*selection.paths) if _analysis.z3_available() else _search(selection.paths, err)
    )
    if args.format == "json":
        out.write(render_analysis_json(result))
    elif args.format == "sarif":
        out.write(render_analysis_sarif(result))
    else:
        out.write(render_analysis_text(result))
        out.write(render_rules_line(selection))
    if args.witnesses:
        folder = Path(args.witnesses)
        folder.mkdir(parents=True, exist_ok=True)
        for i, f in enumerate(result.findings, start=1):
            if f.witness is not None:
                name = f"{i:02d}-{f.code.split('.', 1)[1]}.yaml"
                write_atomic(folder / name, f.witness.yaml)
        err.write(f"witnesses written to {folder}\n")
    return EXIT_OK if result.clean else EXIT_FINDINGS


def _search(paths: Any, err: TextIO) -> Any:
    """Without z3: say so, and fall back to the testing kit's bounded search."""
    err.write(
        "kerjasama analyze: the z3 solver is not installed "
        "(pip install 'kerjasama-rules[analysis]'); falling back to a bounded hypothesis "
        "search: its findings are search results, not proofs\n"
    )
    try:
        from ..testing.search import search_rules
    except ImportError:
        msg = "without z3, the fallback search needs hypothesis, which is not installed either"
        raise ConfigurationError(
            [
                Diagnostic(
                    code="config.no-solver",
                    message=msg,
                    help="pip install 'kerjasama-rules[analysis]' (or [test] for the search)",
                )
            ]
        ) from None
    return search_rules(*paths)


def _diff(args: argparse.Namespace, out: TextIO) -> int:
    from ..analysis import semantic_diff
    from ..output.analysis import render_diff_json, render_diff_text

    with tempfile.TemporaryDirectory(prefix="kerjasama-diff-") as tmp:
        new = [x for p in args.new for x in _at_revision(p, [], Path(tmp) / "new")]
        old = [x for p in args.old for x in _at_revision(p, new, Path(tmp) / "old")]
        result = semantic_diff(old, new)
    out.write(render_diff_json(result) if args.format == "json" else render_diff_text(result))
    # CI gate: 0 only when "no agreement changes" is proved; a change, or a rule that
    # could not be analysed (so nothing is proved), exits 1.
    return EXIT_OK if not result.changes and result.proved else EXIT_FINDINGS


def _at_revision(spec: str, others: list[str], dest: Path) -> list[str]:
    """``git:REV`` as the ``others`` paths at that git revision (``git archive`` into
    ``dest``); any other spec is a path and returned as it is."""
    if not spec.startswith("git:"):
        return [spec]
    rev = spec[4:]
    if not rev or not others:
        raise _bad(f"`{spec}`: git:REV needs a revision and plain --new paths to take")
    out: list[str] = []
    for p in others:
        path = Path(p).resolve()
        folder = path if path.is_dir() else path.parent
        try:
            top = subprocess.run(
                ["git", "-C", str(folder), "rev-parse", "--show-toplevel"],
                capture_output=True, text=True, check=True,
            ).stdout.strip()  # fmt: skip
            rel = path.relative_to(Path(top).resolve()).as_posix()
            tar = subprocess.run(
                ["git", "-C", top, "archive", "--format=tar", rev, "--", rel],
                capture_output=True, check=True,
            ).stdout  # fmt: skip
        except (OSError, ValueError, subprocess.CalledProcessError) as exc:
            detail = getattr(exc, "stderr", b"") or b""
            text = detail.decode(errors="replace").strip() if isinstance(detail, bytes) else ""
            raise _bad(f"`{spec}`: cannot read {p} at that revision ({text or exc})") from exc
        with tarfile.open(fileobj=io.BytesIO(tar)) as t:
            t.extractall(dest, filter="data")
        out.append(str(dest / rel))
    return out


def _bad(message: str) -> ConfigurationError:
    return ConfigurationError([Diagnostic(code="config.invalid", message=message)])
