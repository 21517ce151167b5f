"""The ``kerjasama`` command: check agreements, list rules, explain one rule, count deadlines.

Exit codes (documented in docs/cli.md):

* 0: every error-severity requirement is met (warnings and unknowns may remain);
* 1: at least one error-severity requirement fails;
* 2: bad input or usage (an unreadable agreement, a broken rule file, a bad option).

Bad input never produces a traceback: every :class:`KerjasamaError` is rendered with its
location, and the command exits 2.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ..drafting.schema import agreement_schema
from ..drafting.template import render_template
from ..engine.comparison import compare_switches, comparison_to_json, render_comparison
from ..engine.evaluator import RuleSet
from ..engine.report import Report
from ..engine.rulefiles import load_rules
from ..errors import ConfigurationError, Diagnostic, KerjasamaError
from ..model.agreement import Agreement, Jenis
from ..model.calendar import (
    CutiBersama,
    WorkingCalendar,
    compute_deadline,
    deadline_to_json,
    render_deadline_text,
)
from ..model.loader import load_agreements
from ..output.render import (
    explanation_to_json,
    render_determination,
    render_diagnostic,
    render_explanation,
    render_json,
    render_rule_list,
    render_switch_list,
    render_text,
    rules_to_json,
    switches_to_json,
)
from . import drafting, testing

__all__ = ["main"]

# Subcommands for drafters live in their own modules, each with `COMMANDS`,
# `register(subparsers)` and `run(args, out, err) -> int`.
_EXTENSIONS = (drafting, testing)

EXIT_OK = 0
EXIT_VIOLATION = 1
EXIT_BAD_INPUT = 2

# Indonesia's western time (WIB) has no daylight saving: a fixed offset is exact.
_JAKARTA = datetime.timezone(datetime.timedelta(hours=7), "WIB")


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors by exception instead of exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.format_usage()}{self.prog}: {message}")


class _UsageError(Exception):
    pass


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        msg = f"`{text}` is not a date; write YYYY-MM-DD, e.g. 2026-03-02"
        raise argparse.ArgumentTypeError(msg) from None


def _build_parser() -> _Parser:
    parser = _Parser(
        prog="kerjasama",
        description="Check regional cooperation agreements against PP 28/2018 and "
        "UU 23/2014 (kerja sama daerah), with citations and explanations.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--rules",
            action="append",
            metavar="DIR",
            help="rule files or directories (default: the bundled rules)",
        )
        p.add_argument("--format", choices=("text", "json"), default="text")
        p.add_argument(
            "--lang", choices=("id", "en"), default="id", help="language of messages (default: id)"
        )

    def evaluation(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--as-of",
            type=_date,
            metavar="DATE",
            help="judge as of this date (default: today in Asia/Jakarta)",
        )
        p.add_argument(
            "--cuti-bersama",
            choices=("libur", "kerja"),
            default=None,
            help="interpretation switch: are national cuti bersama days "
            "non-working (libur, default) or working days (kerja)? "
            "The same as --switch cuti_bersama=VALUE",
        )
        p.add_argument(
            "--switch",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="set an interpretation switch for this run (see `kerjasama rules --switches`)",
        )
        _regional(p)

    check = sub.add_parser(
        "check", help="check agreement files (YAML or JSON) or directories of them"
    )
    check.add_argument("files", nargs="+", metavar="FILE")
    common(check)
    evaluation(check)
    check.add_argument(
        "--compare-switches",
        action="store_true",
        help="also evaluate every setting of the interpretation switches and report "
        "where an outcome or the verdict changes",
    )

    rules = sub.add_parser("rules", help="list the loaded rules with their citations")
    common(rules)
    rules.add_argument(
        "--switches",
        action="store_true",
        help="list the interpretation switches instead, with defaults and reasons",
    )

    explain = sub.add_parser("explain", help="the full reasoning of one rule on one agreement")
    explain.add_argument("file", metavar="FILE")
    explain.add_argument("rule_id", metavar="RULE_ID")
    explain.add_argument(
        "--agreement", metavar="ID", help="which agreement, when the file holds several"
    )
    common(explain)
    evaluation(explain)

    sub.add_parser("schema", help="print the JSON Schema of the agreement format")

    template = sub.add_parser(
        "template", help="print a YAML skeleton of every fact the rules read for a kind"
    )
    template.add_argument("jenis", choices=("KSDD", "KSDPK", "KSDPL", "KSDLL"))
    template.add_argument(
        "--rules", action="append", metavar="DIR", help="rule files or directories"
    )

    for module in _EXTENSIONS:
        module.register(sub)

    deadline = sub.add_parser("deadline", help="count working days (hari kerja) from a date")
    deadline.add_argument("--from", dest="start", type=_date, required=True, metavar="DATE")
    deadline.add_argument("--working-days", type=int, required=True, metavar="N")
    deadline.add_argument("--cuti-bersama", choices=("libur", "kerja"), default="libur")
    _regional(deadline)
    deadline.add_argument("--format", choices=("text", "json"), default="text")
    deadline.add_argument("--lang", choices=("id", "en"), default="id")
    return parser


def _holiday(text: str) -> tuple[datetime.date, str]:
    day, _, name = text.partition("=")
    return _date(day.strip()), (name.strip() or "libur daerah")


def _regional(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--libur-daerah",
        dest="regional_holidays",
        action="append",
        type=_holiday,
        default=[],
        metavar="DATE[=NAME]",
        help="a regional holiday that is not a working day (repeatable), "
        "e.g. --libur-daerah '2026-04-15=Hari Jadi Kabupaten Bekasi'",
    )


def _today_jakarta() -> datetime.date:
    return datetime.datetime.now(_JAKARTA).date()


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line; returns the exit code instead of exiting.

    Args:
        argv: the arguments (default: ``sys.argv[1:]``).
        stdout: where reports go (default: ``sys.stdout``).
        stderr: where diagnostics go (default: ``sys.stderr``).
    """
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = _build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except _UsageError as exc:
        err.write(f"{exc}\n")
        return EXIT_BAD_INPUT
    except SystemExit as exc:  # --help and --version exit through argparse
        return int(exc.code or 0)
    if args.command is None:
        out.write(parser.format_help())
        return EXIT_BAD_INPUT
    try:
        if args.command == "check":
            return _check(args, out, err)
        if args.command == "rules":
            return _rules(args, out)
        if args.command == "explain":
            return _explain(args, out)
        if args.command == "deadline":
            return _deadline(args, out)
        if args.command == "template":
            out.write(render_template(_load(args), Jenis(args.jenis)))
            return EXIT_OK
        if args.command == "schema":
            out.write(json.dumps(agreement_schema(), ensure_ascii=False, indent=2) + "\n")
            return EXIT_OK
        for module in _EXTENSIONS:
            if args.command in module.COMMANDS:
                code: int = module.run(args, out, err)
                return code
        return EXIT_BAD_INPUT
    except KerjasamaError as exc:
        _write_diagnostics(exc.diagnostics, err)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK


def _write_diagnostics(diags: Sequence[Diagnostic], err: TextIO) -> None:
    for d in diags:
        err.write(render_diagnostic(d) + "\n\n")
    n = sum(1 for d in diags if d.severity == "error")
    err.write(f"kerjasama: {n} error(s)\n")


def _switches(args: argparse.Namespace) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in args.switch:
        name, sep, value = item.partition("=")
        if not sep or not name or not value:
            msg = f"`--switch {item}` is not NAME=VALUE"
            raise ConfigurationError(
                [
                    Diagnostic(
                        code="config.bad-switch",
                        message=msg,
                        help="e.g. --switch cuti_bersama=kerja",
                    )
                ]
            )
        out[name.strip()] = value.strip()
    return out


def _load(args: argparse.Namespace) -> RuleSet:
    return load_rules(*(args.rules or ()))


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    rules = _load(args)
    switches = _switches(args)
    as_of = args.as_of or _today_jakarta()
    reports: list[Report] = []
    checked: list[Agreement] = []
    problems: list[Diagnostic] = []
    for path in _agreement_files(args.files):
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
                doc["errors"] = [
                    {
                        "code": d.code,
                        "message": d.message,
                        "file": d.file or (d.span.source.name if d.span else None),
                        "path": d.path,
                        "help": d.help,
                    }
                    for d in problems
                ]
            out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        for i, r in enumerate(reports):
            if i:
                out.write("\n" + "─" * 72 + "\n\n")
            out.write(_mark_today(render_text(r, lang=args.lang), args, as_of))
            if r.verdict == "unknown":
                kind = checked[i].jenis.value
                out.write(
                    f"Tip: `kerjasama template {kind}` lists every fact the rules read.\n"
                    if args.lang == "en"
                    else f"Tip: `kerjasama template {kind}` mencantumkan semua fakta yang "
                    "dibaca aturan.\n"
                )
            if comparisons:
                out.write("\n" + render_comparison(comparisons[i], lang=args.lang))
        if len(reports) > 1:
            out.write("\n" + _summary_table(reports, args.lang))
    if problems:
        _write_diagnostics(problems, err)
        return EXIT_BAD_INPUT
    return EXIT_VIOLATION if any(r.verdict == "fail" for r in reports) else EXIT_OK


def _agreement_files(paths: Sequence[str]) -> list[str]:
    # A directory (a region's portfolio) stands for its YAML and JSON files, sorted;
    # rule tests (*.test.yaml) are not agreements.
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


def _mark_today(text: str, args: argparse.Namespace, as_of: datetime.date) -> str:
    # The report says which date it used, and that it was today's, not one given.
    if args.as_of is not None:
        return text
    note = "(hari ini, Asia/Jakarta)" if args.lang == "id" else "(today, Asia/Jakarta)"
    return text.replace(f": {as_of.isoformat()}\n", f": {as_of.isoformat()} {note}\n", 1)


def _summary_table(reports: Sequence[Report], lang: str) -> str:
    head = (
        ("perjanjian", "putusan", "dilanggar", "belum pasti")
        if lang == "id"
        else ("agreement", "verdict", "failed", "undetermined")
    )
    rows = [head]
    for r in reports:
        failed = sum(
            1
            for o in r.outcomes
            for f in o.findings
            if f.status == "fail" and f.severity == "error"
        )
        unknown = sum(1 for o in r.outcomes for f in o.findings if f.status == "unknown")
        rows.append((r.agreement, r.verdict, str(failed), str(unknown)))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def _rules(args: argparse.Namespace, out: TextIO) -> int:
    rules = _load(args)
    if args.switches:
        if args.format == "json":
            doc = switches_to_json(rules.switches)
            out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(render_switch_list(rules.switches, lang=args.lang))
        return EXIT_OK
    if args.format == "json":
        out.write(json.dumps(rules_to_json(rules.rules), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(render_rule_list(rules.rules, lang=args.lang))
    return EXIT_OK


def _explain(args: argparse.Namespace, out: TextIO) -> int:
    rules = _load(args)
    agreements = load_agreements(args.file)
    chosen = agreements[0]
    if args.agreement is not None:
        match = [a for a in agreements if a.id == args.agreement]
        if not match:
            msg = f"`{args.file}` holds no agreement with id `{args.agreement}`"
            raise ConfigurationError([Diagnostic(code="config.unknown-agreement", message=msg)])
        chosen = match[0]
    as_of = args.as_of or _today_jakarta()
    if args.rule_id in {d.name for d in rules.determinations}:
        result, steps = rules.explain_determination(
            chosen,
            args.rule_id,
            as_of=as_of,
            switches=_switches(args),
            cuti_bersama=args.cuti_bersama,
        )
        out.write(_mark_today(render_determination(result, steps, as_of, args.lang), args, as_of))
        return EXIT_OK
    ex = rules.explain(
        chosen,
        args.rule_id,
        as_of=as_of,
        switches=_switches(args),
        cuti_bersama=args.cuti_bersama,
        regional_holidays=args.regional_holidays,
    )
    if args.format == "json":
        out.write(
            json.dumps(explanation_to_json(ex, lang=args.lang), ensure_ascii=False, indent=2) + "\n"
        )
    else:
        out.write(_mark_today(render_explanation(ex, lang=args.lang), args, as_of))
    return (
        EXIT_VIOLATION
        if any(f.status == "fail" and f.severity == "error" for f in ex.outcome.findings)
        else EXIT_OK
    )


def _deadline(args: argparse.Namespace, out: TextIO) -> int:
    if args.working_days < 0:
        msg = "--working-days must be zero or more"
        raise ConfigurationError([Diagnostic(code="config.negative-working-days", message=msg)])
    cal = WorkingCalendar(
        cuti_bersama=CutiBersama(args.cuti_bersama), extra_holidays=args.regional_holidays
    )
    d = compute_deadline(args.start, args.working_days, calendar=cal)
    if args.format == "json":
        out.write(json.dumps(deadline_to_json(d), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(render_deadline_text(d, lang=args.lang))
        if not render_deadline_text(d, lang=args.lang).endswith("\n"):
            out.write("\n")
    return EXIT_OK
