"""``kerjasama check`` and ``kerjasama explain``: agreements judged against the rules."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from ..engine.rulefiles import load_rules
from ..errors import ConfigurationError, Diagnostic
from ..fileio import files_under
from ..output.batch import diagnostics_to_json, render_summary_rows
from ..output.render import explanation_to_json, render_determination, render_explanation
from ..output.rulesource import render_rules_line, selection_to_json
from ..output.stream import JsonDocumentWriter
from .options import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_VIOLATION,
    MAX_JOBS,
    add_common,
    add_evaluation,
    chosen_agreement,
    count,
    rule_selection,
    switches_of,
    today_jakarta,
    write_diagnostics,
)
from .repair import add_repair_options, run_repair
from .streaming import CheckOptions, judge_all, law_inventory, units_of

__all__ = [
    "add_show_law",
    "agreement_files",
    "register_check",
    "register_explain",
    "run_check",
    "run_explain",
]


def add_show_law(p: argparse.ArgumentParser) -> None:
    """``--show-law``: the law beside each cited unit."""
    p.add_argument(
        "--show-law",
        action="store_true",
        help="beside each cited unit, what the law inventory holds: its summary (never the "
        "official text) and the wording, or where to read the official text",
    )


def register_check(sub: Any) -> None:
    """Add ``check``."""
    check = sub.add_parser(
        "check", help="check agreement files (YAML or JSON) or directories of them"
    )
    check.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="agreement files or directories; `*.jsonl` files and `-` (standard input) "
        "hold one JSON agreement a line",
    )
    add_common(check, formats=("text", "json", "jsonl"))
    check.add_argument(
        "--jobs",
        type=count(0, MAX_JOBS),
        default=1,
        metavar="N",
        help="judge in N processes (0: one per core); the output is the same as with 1",
    )
    add_evaluation(check)
    add_show_law(check)
    check.add_argument(
        "--compare-switches",
        action="store_true",
        help="also evaluate every setting of the interpretation switches and report "
        "where an outcome or the verdict changes",
    )


def register_explain(sub: Any) -> None:
    """Add ``explain``."""
    explain = sub.add_parser("explain", help="the full reasoning of one rule on one agreement")
    explain.add_argument("file", metavar="FILE")
    explain.add_argument(
        "rule_id", metavar="RULE_ID", nargs="?", help="the rule (optional with --repair)"
    )
    explain.add_argument(
        "--agreement", metavar="ID", help="which agreement, when the file holds several"
    )
    add_common(explain)
    add_evaluation(explain)
    add_repair_options(explain)
    add_show_law(explain)


def agreement_files(paths: Sequence[str]) -> list[str]:
    """The agreement files named: a directory (a region's portfolio) stands for its YAML
    and JSON files, sorted; rule tests (``*.test.yaml``) are not agreements."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            # Suffixes in any case (`.YAML`, `.Yml`): a file skipped silently would
            # leave its agreement unjudged while the run says all is well.
            found = files_under(
                path,
                lambda name: (
                    name.lower().endswith((".yaml", ".yml", ".json"))
                    and not name.lower().endswith(".test.yaml")
                ),
            )
            if not found:
                msg = f"no agreement file (.yaml, .yml, .json) in the directory `{p}`"
                raise ConfigurationError(
                    [Diagnostic(code="config.no-agreements", message=msg, file=str(p))]
                )
            out.extend(str(q) for q in found)
        else:
            out.append(p)
    return out


def run_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``kerjasama check``: every agreement of every file, then a summary table, then
    which rules judged them. Reports are written as they are made (``streaming``)."""
    selection = rule_selection(args)
    fmt = args.format
    if fmt == "jsonl" and args.compare_switches:
        msg = "--compare-switches is not available with --format jsonl; use --format json"
        raise ConfigurationError([Diagnostic(code="config.bad-option", message=msg)])
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    opts = CheckOptions(
        rule_paths=tuple(str(p) for p in selection.paths),
        as_of=args.as_of or today_jakarta(),
        today=args.as_of is None,
        switches=tuple(switches_of(args).items()),
        cuti_bersama=args.cuti_bersama,
        regional_holidays=tuple(args.regional_holidays),
        lang=args.lang,
        fmt=fmt,
        compare=args.compare_switches,
        show_law=args.show_law,
    )
    writer = JsonDocumentWriter()
    if fmt == "json":
        out.write(writer.head())
    count = 0
    failed = False
    rows: list[tuple[str, ...]] = []
    comparisons: list[Any] = []
    problems: list[Diagnostic] = []
    for piece in judge_all(opts, units_of(agreement_files(args.files)), jobs):
        if piece.problems:
            problems.extend(piece.problems)
            continue
        failed = failed or piece.verdict == "fail"
        if fmt == "json":
            out.write(writer.report_block(piece.text))
            if piece.comparison is not None:
                comparisons.append(piece.comparison)
        elif fmt == "jsonl":
            out.write(piece.text)
        else:
            if count:
                out.write("\n" + "─" * 72 + "\n\n")
            out.write(piece.text)
            if piece.row is not None:
                rows.append(piece.row)
        count += 1
    if fmt == "json":
        extra: dict[str, Any] = {"rules": selection_to_json(selection)}
        if comparisons:
            extra["switch_comparisons"] = comparisons
        if problems:
            extra["errors"] = diagnostics_to_json(problems)
        out.write(writer.tail(extra))
    elif fmt == "text":
        if count > 1:
            out.write("\n" + render_summary_rows(rows, args.lang))
        if count:
            out.write("\n" + render_rules_line(selection, args.lang))
    if problems:
        write_diagnostics(problems, err)
        return EXIT_BAD_INPUT
    return EXIT_VIOLATION if failed else EXIT_OK


def run_explain(args: argparse.Namespace, out: TextIO) -> int:
    """``kerjasama explain FILE RULE``: one rule (or determination), step by step;
    with ``--repair``, the smallest fact changes that make it comply."""
    if args.repair:
        return run_repair(args, out)
    if args.rule_id is None or args.fix or args.free:
        what = "--fix and --free need --repair" if args.rule_id else "explain needs a RULE_ID"
        msg = f"{what}"
        raise ConfigurationError([Diagnostic(code="config.bad-option", message=msg)])
    selection = rule_selection(args)
    rules = load_rules(*selection.paths)
    chosen = chosen_agreement(args)
    as_of = args.as_of or today_jakarta()
    today = args.as_of is None
    law = law_inventory(selection.paths) if args.show_law else None
    if args.rule_id in {d.name for d in rules.determinations}:
        result, steps = rules.explain_determination(
            chosen,
            args.rule_id,
            as_of=as_of,
            switches=switches_of(args),
            cuti_bersama=args.cuti_bersama,
        )
        out.write(
            render_determination(result, steps, as_of, args.lang, as_of_is_today=today, law=law)
        )
        out.write("\n" + render_rules_line(selection, args.lang))
        return EXIT_OK
    ex = rules.explain(
        chosen,
        args.rule_id,
        as_of=as_of,
        switches=switches_of(args),
        cuti_bersama=args.cuti_bersama,
        regional_holidays=args.regional_holidays,
    )
    if args.format == "json":
        doc = explanation_to_json(ex, lang=args.lang, law=law)
        doc["rules"] = selection_to_json(selection)
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(render_explanation(ex, lang=args.lang, as_of_is_today=today, law=law))
        out.write("\n" + render_rules_line(selection, args.lang))
    return (
        EXIT_VIOLATION
        if any(f.status == "fail" and f.severity == "error" for f in ex.outcome.findings)
        else EXIT_OK
    )
