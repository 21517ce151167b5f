"""``kerjasama rules``, ``schema``, ``template`` and ``deadline``: what the rules are, what
facts they read, and the working-day calendar."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from ..drafting.schema import agreement_schema
from ..engine.rulefiles import load_rules
from ..errors import ConfigurationError, Diagnostic
from ..model.agreement import Jenis
from ..model.calendar import CutiBersama, WorkingCalendar, compute_deadline
from ..output.deadline import deadline_to_json, render_deadline_text
from ..output.render import render_rule_list, render_switch_list, rules_to_json, switches_to_json
from ..output.rulesource import render_rules_line, render_where, selection_to_json
from ..output.template import render_template
from .options import (
    EXIT_OK,
    MAX_WORKING_DAYS,
    add_common,
    add_regional,
    add_rules,
    count,
    parse_date,
    rule_selection,
)

__all__ = [
    "register_deadline",
    "register_rules",
    "register_schema_template",
    "run_deadline",
    "run_rules",
    "run_schema",
    "run_template",
]


def register_rules(sub: Any) -> None:
    """Add ``rules``."""
    rules = sub.add_parser("rules", help="list the loaded rules with their citations")
    add_common(rules)
    rules.add_argument(
        "--switches",
        action="store_true",
        help="list the interpretation switches instead, with defaults and reasons",
    )
    rules.add_argument(
        "--where",
        action="store_true",
        help="print the rule directories in use (and why) without loading them",
    )


def register_schema_template(sub: Any) -> None:
    """Add ``schema`` and ``template``."""
    sub.add_parser("schema", help="print the JSON Schema of the agreement format")
    template = sub.add_parser(
        "template", help="print a YAML skeleton of every fact the rules read for a kind"
    )
    template.add_argument("jenis", choices=("KSDD", "KSDPK", "KSDPL", "KSDLL", "SINERGI"))
    add_rules(template)
    template.add_argument(
        "--lang", choices=("id", "en"), default="id", help="language of the comments (default: id)"
    )


def register_deadline(sub: Any) -> None:
    """Add ``deadline``."""
    deadline = sub.add_parser("deadline", help="count working days (hari kerja) from a date")
    deadline.add_argument("--from", dest="start", type=parse_date, required=True, metavar="DATE")
    deadline.add_argument(
        "--working-days", type=count(0, MAX_WORKING_DAYS), required=True, metavar="N"
    )
    deadline.add_argument("--cuti-bersama", choices=("libur", "kerja"), default="libur")
    add_regional(deadline)
    deadline.add_argument("--format", choices=("text", "json"), default="text")
    deadline.add_argument("--lang", choices=("id", "en"), default="id")


def run_rules(args: argparse.Namespace, out: TextIO) -> int:
    """``kerjasama rules [--switches | --where]``: the text lists end with a ``rules:`` line."""
    selection = rule_selection(args)
    if args.where:
        if args.format == "json":
            doc = selection_to_json(selection)
            out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(render_where(selection, args.lang))
        return EXIT_OK
    rules = load_rules(*selection.paths)
    if args.switches:
        if args.format == "json":
            doc = switches_to_json(rules.switches)
            out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(render_switch_list(rules.switches, lang=args.lang))
            out.write("\n" + render_rules_line(selection, args.lang))
        return EXIT_OK
    if args.format == "json":
        out.write(json.dumps(rules_to_json(rules.rules), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(render_rule_list(rules.rules, lang=args.lang))
        out.write("\n" + render_rules_line(selection, args.lang))
    return EXIT_OK


def run_schema(args: argparse.Namespace, out: TextIO) -> int:
    """``kerjasama schema``."""
    out.write(json.dumps(agreement_schema(), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def run_template(args: argparse.Namespace, out: TextIO) -> int:
    """``kerjasama template JENIS``, headed by a YAML comment naming the rules used."""
    selection = rule_selection(args)
    rules = load_rules(*selection.paths)
    out.write("# " + render_rules_line(selection, args.lang))
    out.write(render_template(rules, Jenis(args.jenis), lang=args.lang))
    return EXIT_OK


def run_deadline(args: argparse.Namespace, out: TextIO) -> int:
    """``kerjasama deadline --from DATE --working-days N``."""
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
        text = render_deadline_text(d, lang=args.lang)
        out.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK
