"""What every ``kerjasama`` command shares: exit codes, the argument parser that raises
instead of exiting, the common options, and writing diagnostics to stderr.

Command modules (``checking``, ``reference``, ``drafting``, ``testing``) import from here;
``main`` assembles them.
"""

from __future__ import annotations

import argparse
import datetime
import re
from collections.abc import Callable, Sequence
from typing import TextIO

from .. import limits
from ..engine.evaluator import RuleSet
from ..engine.project import RuleSelection, resolve_rules
from ..engine.rulefiles import load_rules
from ..errors import AgreementError, ConfigurationError, Diagnostic
from ..model.agreement import Agreement
from ..model.loader import load_agreements
from ..output.counts import count as count_of
from ..output.render import render_diagnostic

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_OK",
    "EXIT_VIOLATION",
    "CommandParser",
    "UsageError",
    "add_common",
    "add_evaluation",
    "add_regional",
    "add_rules",
    "chosen_agreement",
    "load_rule_set",
    "parse_date",
    "rule_selection",
    "switches_of",
    "today_jakarta",
    "write_diagnostics",
]

EXIT_OK = 0
EXIT_VIOLATION = 1
EXIT_BAD_INPUT = 2

# Indonesia's western time (WIB) has no daylight saving: a fixed offset is exact.
_JAKARTA = datetime.timezone(datetime.timedelta(hours=7), "WIB")


class CommandParser(argparse.ArgumentParser):
    """argparse that reports usage errors by exception instead of exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.format_usage()}{self.prog}: {message}")


class UsageError(Exception):
    """A usage error of the command line; its text is argparse's usage and message."""


# Exactly YYYY-MM-DD in ASCII digits: `date.fromisoformat` also reads `20260302` and
# week dates (`2026-W10-1`), which a reader of the command would not take for a date.
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
# Bounds of the numeric options: processes (`--jobs`), days ahead (`--horizon`, a century)
# and working days to count (`--working-days`, about 3,800 years: past the calendar).
MAX_JOBS = 256
MAX_HORIZON_DAYS = 36_500
MAX_WORKING_DAYS = 1_000_000
# An integer as people type it: ASCII digits (`int` also reads `٥` and `1_000`), short.
_INTEGER = re.compile(r"-?[0-9]{1,12}", re.ASCII)


def _shown(text: str) -> str:
    """An argument as quoted in a message: printable, and cut if long."""
    shown = text if text.isprintable() else repr(text)[1:-1]
    return shown if len(shown) <= 40 else shown[:40] + "..."


def parse_date(text: str) -> datetime.date:
    """An ISO date from the command line, with a usage error that shows the form."""
    try:
        if not _ISO_DAY.fullmatch(text):
            raise ValueError
        day = datetime.date.fromisoformat(text)
    except ValueError:
        msg = f"`{_shown(text)}` is not a date; write YYYY-MM-DD, e.g. 2026-03-02"
        raise argparse.ArgumentTypeError(msg) from None
    # The same years as dates in agreements: a deadline counted from 9999-12-31 would
    # run past the end of Python's calendar, one from 0001-01-01 before any holiday data.
    lim = limits.current()
    if not lim.min_date_year <= day.year <= lim.max_date_year:
        msg = (
            f"`{text}` is outside the years the calendar handles ({lim.min_date_year} to "
            f"{lim.max_date_year}: limits `min_date_year`, `max_date_year`)"
        )
        raise argparse.ArgumentTypeError(msg)
    return day


def agreements_in(path: str) -> tuple[Agreement, ...]:
    """The agreements of one file, for every command that reads agreement files.

    A file that holds none (`[]`) is an error here, never an empty success: ``check``
    would print nothing and exit 0, ``portfolio`` would report a portfolio without it,
    ``explain`` would have nothing to explain. (The API's ``load_agreements`` returns
    the empty tuple: a program decides what an empty file means to it.)

    Raises:
        AgreementError: the file cannot be read, or holds invalid or no agreements.
    """
    agreements = load_agreements(path)
    if not agreements:
        msg = "the file holds an empty list: no agreement to check"
        raise AgreementError(
            [
                Diagnostic(
                    code="config.no-agreements",
                    message=msg,
                    path="$",
                    file=path,
                    help="write one agreement (`id: ...`) or a list of them (`- id: ...`)",
                )
            ]
        )
    return agreements


def count(lowest: int, highest: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``lowest`` to ``highest``, else a usage error.

    Every numeric option goes through it, so none takes `1e3`, `٥`, `1_000` or a number
    so large that it would start a million processes or count days past the calendar.
    """

    def parse(text: str) -> int:
        value = int(text) if _INTEGER.fullmatch(text.strip()) else None
        if value is None or not lowest <= value <= highest:
            msg = f"`{_shown(text)}` is not a whole number from {lowest} to {highest:,}"
            raise argparse.ArgumentTypeError(msg)
        return value

    parse.__name__ = "count"  # argparse names the type in its message: "invalid count value"
    return parse


def _holiday(text: str) -> tuple[datetime.date, str]:
    day, _, name = text.partition("=")
    return parse_date(day.strip()), (name.strip() or "libur daerah")


def add_regional(p: argparse.ArgumentParser) -> None:
    """``--libur-daerah DATE[=NAME]`` (repeatable)."""
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


def add_rules(p: argparse.ArgumentParser) -> None:
    """``--rules PATH`` (repeatable), ``--with-bundled`` and ``--no-cache``: the same on
    every command."""
    p.add_argument(
        "--rules",
        action="append",
        metavar="PATH",
        help="rule files or directories (repeatable; default: the `kerjasama.toml` of this "
        "directory or a parent, such as a checkout's rules/, else the installed rules)",
    )
    p.add_argument(
        "--with-bundled",
        action="store_true",
        help="stack the bundled rules under --rules (a checkout's own rules/ inside a "
        "checkout), so a drafter's folder can use their definitions and switches",
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="neither read nor write the cache of checked rules (the same as "
        "KERJASAMA_NO_CACHE=1; see docs/performance.md)",
    )


def rule_selection(args: argparse.Namespace) -> RuleSelection:
    """The rules a command uses (see :func:`~kerjasama_rules.engine.project.resolve_rules`)."""
    return resolve_rules(
        getattr(args, "rules", None) or (), with_bundled=getattr(args, "with_bundled", False)
    )


def add_common(p: argparse.ArgumentParser, formats: Sequence[str] = ("text", "json")) -> None:
    """``--rules``, ``--with-bundled``, ``--format text|json`` (or ``formats``) and
    ``--lang id|en``."""
    add_rules(p)
    p.add_argument("--format", choices=tuple(formats), default="text")
    p.add_argument(
        "--lang", choices=("id", "en"), default="id", help="language of messages (default: id)"
    )


def add_evaluation(p: argparse.ArgumentParser) -> None:
    """``--as-of``, ``--cuti-bersama``, ``--switch`` and ``--libur-daerah``."""
    p.add_argument(
        "--as-of",
        type=parse_date,
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
    add_regional(p)


def today_jakarta() -> datetime.date:
    """Today's date in Asia/Jakarta: the default reference date of every report."""
    return datetime.datetime.now(_JAKARTA).date()


def write_diagnostics(diags: Sequence[Diagnostic], err: TextIO) -> None:
    """Each diagnostic in full, then ``kerjasama: N errors`` (``1 error``)."""
    for d in diags:
        err.write(render_diagnostic(d) + "\n\n")
    n = sum(1 for d in diags if d.severity == "error")
    err.write(f"kerjasama: {count_of(n, 'diagnostic-error', 'en')}\n")


def switches_of(args: argparse.Namespace) -> dict[str, str]:
    """The ``--switch NAME=VALUE`` options as a mapping."""
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


def load_rule_set(args: argparse.Namespace) -> RuleSet:
    """The rules of :func:`rule_selection`, loaded."""
    return load_rules(*rule_selection(args).paths)


def chosen_agreement(args: argparse.Namespace) -> Agreement:
    """The agreement ``explain`` (and ``explain --repair``) works on: the first of
    ``args.file``, or the one with id ``--agreement``.

    Raises:
        AgreementError: the file does not load or holds no agreement.
        ConfigurationError: no agreement of the file has that id.
    """
    agreements = agreements_in(args.file)
    if args.agreement is None:
        return agreements[0]
    match = [a for a in agreements if a.id == args.agreement]
    if not match:
        msg = f"`{args.file}` holds no agreement with id `{args.agreement}`"
        raise ConfigurationError([Diagnostic(code="config.unknown-agreement", message=msg)])
    return match[0]
