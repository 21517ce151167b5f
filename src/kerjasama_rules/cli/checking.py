"""``kerjasama check`` and ``kerjasama explain``: agreements judged against the rules."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from ..engine.comparison import compare_switches
from ..engine.report import Report
from ..errors import ConfigurationError, Diagnostic, KerjasamaError
from ..model.agreement import Agreement
from ..model.loader import load_agreements
from ..output.batch import diagnostics_to_json, render_summary_table, render_template_tip
from ..output.comparison import comparison_to_json, render_comparison
from ..output.render import (
    explanation_to_json,
    render_determination,
    render_explanation,
    render_json,
    render_text,
)
from .options import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_VIOLATION,
    add_common,
    add_evaluation,
    load_rule_set,
    switches_of,
    today_jakarta,
    write_diagnostics,
)

__all__ = ["agreement_files", "register_check", "register_explain", "run_check", "run_explain"]


def register_check(sub: Any) -> None:
    """Add ``check``."""
    check = sub.add_parser(
        "check", help="check agreement files (YAML or JSON) or directories of them"
    )
    check.add_argument("files", nargs="+", metavar="FILE")
    add_common(check)
    add_evaluation(check)
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
    explain.add_argument("rule_id", metavar="RULE_ID")
    explain.add_argument(
        "--agreement", metavar="ID", help="which agreement, when the file holds several"
    )
    add_common(explain)
    add_evaluation(explain)


def agreement_files(paths: Sequence[str]) -> list[str]:
    """The agreement files named: a directory (a region's portfolio) stands for its YAML
    and JSON files, sorted; rule tests (``*.test.yaml``) are not agreements."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(
                q
                for q in path.rglob("*")
                if q.is_file()
                and q.suffix in (".yaml", ".yml", ".json")
                and not q.name.endswith(".test.yaml")
            )
            out.extend(str(q) for q in found)
        else:
            out.append(p)
    return out


def run_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``kerjasama check``: every agreement of every file, then a summary table."""
    rules = load_rule_set(args)
    switches = switches_of(args)
    as_of = args.as_of or today_jakarta()
    today = args.as_of is None
    reports: list[Report] = []
    checked: list[Agreement] = []
    problems: list[Diagnostic] = []
    for path in agreement_files(args.files):
        try:
            agreements = load_agreements(path)
        except KerjasamaError as exc:
            problems.extend(exc.diagnostics)
            continue
        for a in agreements:
            checked.append(a)
            reports.append(
                rules.evaluate(
                    a,
                    as_of=as_of,
                    source=path,
                    switches=switches,
                    cuti_bersama=args.cuti_bersama,
                    regional_holidays=args.regional_holidays,
                )
            )
    comparisons = (
        [
            compare_switches(rules, a, as_of=as_of, source=r.source)
            for a, r in zip(checked, reports, strict=True)
        ]
        if args.compare_switches
        else []
    )
    if args.format == "json":
        if not comparisons and not problems:
            out.write(render_json(reports, lang=args.lang))
        else:
            doc = json.loads(render_json(reports, lang=args.lang))
            if comparisons:
                doc["switch_comparisons"] = [comparison_to_json(c) for c in comparisons]
            if problems:
                doc["errors"] = diagnostics_to_json(problems)
            out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        for i, r in enumerate(reports):
            if i:
                out.write("\n" + "─" * 72 + "\n\n")
            out.write(render_text(r, lang=args.lang, as_of_is_today=today))
            if r.verdict == "unknown":
                out.write(render_template_tip(checked[i].jenis.value, args.lang))
            if comparisons:
                out.write("\n" + render_comparison(comparisons[i], lang=args.lang))
        if len(reports) > 1:
            out.write("\n" + render_summary_table(reports, args.lang))
    if problems:
        write_diagnostics(problems, err)
        return EXIT_BAD_INPUT
    return EXIT_VIOLATION if any(r.verdict == "fail" for r in reports) else EXIT_OK


def run_explain(args: argparse.Namespace, out: TextIO) -> int:
    """``kerjasama explain FILE RULE``: one rule (or determination), step by step."""
    rules = load_rule_set(args)
    agreements = load_agreements(args.file)
    chosen = agreements[0]
    if args.agreement is not None:
        match = [a for a in agreements if a.id == args.agreement]
        if not match:
            msg = f"`{args.file}` holds no agreement with id `{args.agreement}`"
            raise ConfigurationError([Diagnostic(code="config.unknown-agreement", message=msg)])
        chosen = match[0]
    as_of = args.as_of or today_jakarta()
    today = args.as_of is None
    if args.rule_id in {d.name for d in rules.determinations}:
        result, steps = rules.explain_determination(
            chosen,
            args.rule_id,
            as_of=as_of,
            switches=switches_of(args),
            cuti_bersama=args.cuti_bersama,
        )
        out.write(render_determination(result, steps, as_of, args.lang, as_of_is_today=today))
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
        out.write(
            json.dumps(explanation_to_json(ex, lang=args.lang), ensure_ascii=False, indent=2) + "\n"
        )
    else:
        out.write(render_explanation(ex, lang=args.lang, as_of_is_today=today))
    return (
        EXIT_VIOLATION
        if any(f.status == "fail" and f.severity == "error" for f in ex.outcome.findings)
        else EXIT_OK
    )
