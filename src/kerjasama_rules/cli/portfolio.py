"""`kerjasama portfolio`: a region's whole portfolio as of a date, for the cooperation office.

Prints a summary (``--format text``) or the ``kerjasama-portfolio/1`` JSON document, and
writes the HTML report (``--html``), the deadlines as iCalendar (``--ics``) and the tables
as an Excel workbook (``--xlsx``). The files need the optional extra ``report``; without
it the command says which package is missing and exits 2.

Exit codes: 0 no agreement in breach; 1 at least one agreement's verdict is ``fail``;
2 bad input, or a file output asked for without the ``report`` extra.
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ..errors import Diagnostic, KerjasamaError
from ..fileio import (  # the library's one atomic write (re-exported)
    refuse_to_replace_a_source,
    write_atomic,
)
from ..model.agreement import Agreement
from ..output.portfolio_json import render_portfolio_json, render_portfolio_text
from ..portfolio.monitor import portfolio
from .checking import agreement_files
from .options import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_VIOLATION,
    MAX_HORIZON_DAYS,
    add_common,
    add_evaluation,
    agreements_in,
    count,
    load_rule_set,
    switches_of,
    today_jakarta,
    write_diagnostics,
)

__all__ = ["COMMANDS", "MISSING_EXTRA", "register", "run", "write_atomic"]

COMMANDS: tuple[str, ...] = ("portfolio",)

MISSING_EXTRA = (
    "kerjasama portfolio: --html, --ics and --xlsx need the optional extra `report` "
    "(missing: {name}). Install it with: pip install 'kerjasama-rules[report]'\n"
)


def register(subparsers: Any) -> None:
    """Add ``portfolio`` to the ``kerjasama`` parser."""
    p = subparsers.add_parser(
        "portfolio",
        help="monitor a whole portfolio as of a date: breaches, deadlines, coverage, "
        "evaluation; HTML, iCalendar and Excel outputs",
    )
    p.add_argument("files", nargs="+", metavar="PATH", help="agreement files or directories")
    add_common(p)
    add_evaluation(p)
    p.add_argument(
        "--horizon",
        type=count(0, MAX_HORIZON_DAYS),
        default=90,
        metavar="DAYS",
        help="list what comes due within this many days after the as-of date (default: 90)",
    )
    p.add_argument("--html", metavar="FILE", help="write the report as one offline HTML page")
    p.add_argument("--ics", metavar="FILE", help="write the deadlines as iCalendar")
    p.add_argument("--xlsx", metavar="FILE", help="write agreements, findings and deadlines")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``kerjasama portfolio``; returns the exit code."""
    if args.horizon < 0:
        err.write("kerjasama portfolio: --horizon must be zero or more\n")
        return EXIT_BAD_INPUT
    renderers = _renderers(args, err)
    if renderers is None:
        return EXIT_BAD_INPUT
    rules = load_rule_set(args)
    pairs: list[tuple[Agreement, str | None]] = []
    problems: list[Diagnostic] = []
    for path in agreement_files(args.files):
        try:
            pairs.extend((a, path) for a in agreements_in(path))
        except KerjasamaError as exc:
            problems.extend(exc.diagnostics)
    if problems:
        # A portfolio report that silently leaves out a file would mislead: stop instead.
        write_diagnostics(problems, err)
        return EXIT_BAD_INPUT
    p = portfolio(
        rules,
        pairs,
        as_of=args.as_of or today_jakarta(),
        horizon=args.horizon,
        switches=switches_of(args),
        cuti_bersama=args.cuti_bersama,
        regional_holidays=args.regional_holidays,
    )
    for target, render in renderers:
        write_atomic(target, render(p, lang=args.lang))
    if args.format == "json":
        out.write(render_portfolio_json(p, lang=args.lang))
    else:
        out.write(render_portfolio_text(p, lang=args.lang))
        for target, _ in renderers:
            out.write(f"→ {target}\n")
    return EXIT_VIOLATION if p.in_breach else EXIT_OK


def _renderers(args: argparse.Namespace, err: TextIO) -> list[tuple[str, Any]] | None:
    # The optional extra is imported only when a file output is asked for, so that
    # `kerjasama` and `import kerjasama_rules` stay light without it.
    out: list[tuple[str, Any]] = []
    try:
        if args.html:
            from ..output.portfolio_html import render_portfolio_html

            out.append((args.html, lambda p, lang: render_portfolio_html(p, lang=lang).encode()))
        if args.ics or args.xlsx:
            from ..output.portfolio_export import render_ics, render_xlsx

            if args.ics:
                out.append((args.ics, render_ics))
            if args.xlsx:
                out.append((args.xlsx, render_xlsx))
    except ImportError as exc:
        err.write(MISSING_EXTRA.format(name=exc.name or exc))
        return None
    for target, _ in out:
        refuse_to_replace_a_source(target)
    return out
