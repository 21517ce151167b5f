"""``kerjasama explain --repair FILE [RULE]``: the smallest fact changes that make it comply.

Exit codes: 0 when a repair is shown or nothing needs repairing, 1 when no complete repair
exists (or, without z3, none was found within the search's bounds), 2 on bad input.
"""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from ..engine.rulefiles import load_rules
from ..errors import ConfigurationError, Diagnostic
from ..output.rulesource import render_rules_line, selection_to_json
from .options import (
    EXIT_OK,
    EXIT_VIOLATION,
    chosen_agreement,
    rule_selection,
    switches_of,
    today_jakarta,
)

__all__ = ["add_repair_options", "run_repair"]


def add_repair_options(p: Any) -> None:
    """The options of ``explain`` that only ``--repair`` reads."""
    p.add_argument(
        "--repair",
        action="store_true",
        help="propose the smallest sets of fact changes after which every error-severity "
        "requirement (or only RULE_ID's) passes, each verified by re-evaluation",
    )
    p.add_argument(
        "--fix",
        action="append",
        default=[],
        metavar="PATH",
        help="with --repair: a fact never to change (`dprd.keputusan`, `mitra[].jenis`, "
        "a record such as `perjanjian`); repeatable",
    )
    p.add_argument(
        "--free",
        action="append",
        default=[],
        metavar="PATH",
        help="with --repair: release a fact fixed by default (`jenis`, a past date such as "
        "`perjanjian.tanggal_ttd`); repeatable",
    )
    p.add_argument(
        "--alternatives",
        type=int,
        default=3,
        metavar="N",
        help="with --repair: show at most N repairs of the minimal size (default 3)",
    )


def run_repair(args: argparse.Namespace, out: TextIO) -> int:
    """Run ``explain --repair``."""
    # Imported here: `check` and plain `explain` never pay for the analysis package.
    from ..analysis.repairs import repair
    from ..output.repair import render_repair_text, repair_to_json

    if args.alternatives < 1:
        msg = "--alternatives must be at least 1"
        raise ConfigurationError([Diagnostic(code="config.bad-option", message=msg)])
    selection = rule_selection(args)
    rules = load_rules(*selection.paths)
    chosen = chosen_agreement(args)
    result = repair(
        chosen,
        rules,
        as_of=args.as_of or today_jakarta(),
        rule=args.rule_id,
        fix=args.fix,
        free=args.free,
        alternatives=args.alternatives,
        switches=switches_of(args),
        cuti_bersama=args.cuti_bersama,
        regional_holidays=args.regional_holidays,
    )
    if args.format == "json":
        doc = repair_to_json(result, lang=args.lang)
        doc["rules"] = selection_to_json(selection)
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(render_repair_text(result, lang=args.lang))
        out.write("\n" + render_rules_line(selection, args.lang))
    return EXIT_OK if result.complete else EXIT_VIOLATION
