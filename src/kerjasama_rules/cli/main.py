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
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from ..errors import KerjasamaError
from . import analysis, checking, drafting, law, lsp, portfolio, reference, testing
from .options import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_VIOLATION,
    CommandParser,
    UsageError,
    write_diagnostics,
)

__all__ = ["EXIT_BAD_INPUT", "EXIT_OK", "EXIT_VIOLATION", "main"]

# Subcommands for drafters live in their own modules, each with `COMMANDS`,
# `register(subparsers)` and `run(args, out, err) -> int`.
_EXTENSIONS = (drafting, testing, portfolio, analysis, lsp, law)

_Run = Callable[[argparse.Namespace, TextIO, TextIO], int]

# The core commands, in the order `kerjasama --help` lists them around the extensions.
_CORE: dict[str, _Run] = {
    "check": checking.run_check,
    "rules": lambda args, out, err: reference.run_rules(args, out),
    "explain": lambda args, out, err: checking.run_explain(args, out),
    "deadline": lambda args, out, err: reference.run_deadline(args, out),
    "template": lambda args, out, err: reference.run_template(args, out),
    "schema": lambda args, out, err: reference.run_schema(args, out),
}


def _build_parser() -> CommandParser:
    parser = CommandParser(
        prog="kerjasama",
        description="Check regional cooperation agreements against PP 28/2018 and "
        "UU 23/2014 (kerja sama daerah), with citations and explanations.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
    checking.register_check(sub)
    reference.register_rules(sub)
    checking.register_explain(sub)
    reference.register_schema_template(sub)
    for module in _EXTENSIONS:
        module.register(sub)
    reference.register_deadline(sub)
    return parser


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line; returns the exit code instead of exiting.

    Never raises: Ctrl-C exits 130 with one line (files being written are left whole,
    see ``fileio.write_atomic``); an I/O error (a full disk, a closed pipe, a denied
    permission) is one line and exit 2 (a closed pipe is quiet: the reader has gone).

    Args:
        argv: the arguments (default: ``sys.argv[1:]``).
        stdout: where reports go (default: ``sys.stdout``).
        stderr: where diagnostics go (default: ``sys.stderr``).
    """
    out = stdout or _utf8(sys.stdout)
    err = stderr or _utf8(sys.stderr)
    try:
        code = _main(argv, out, err)
        out.flush()
        return code
    except KeyboardInterrupt:
        _say(err, "kerjasama: interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _detach(out)
        return EXIT_BAD_INPUT
    except OSError as exc:
        _detach(out)
        _say(err, f"kerjasama: error: cannot write the output: {exc.strerror or exc}")
        return EXIT_BAD_INPUT
    except MemoryError:
        _say(err, "kerjasama: error: out of memory (see the limits in docs/reliability.md)")
        return EXIT_BAD_INPUT
    except RecursionError:
        _say(err, "kerjasama: error: the input nests too deeply")
        return EXIT_BAD_INPUT


# The conventional exit code of a command stopped by SIGINT (128 + 2).
EXIT_INTERRUPTED = 130


def _utf8(stream: TextIO) -> TextIO:
    """The real stdout or stderr, made to write UTF-8 whatever the locale says.

    Reports are UTF-8 documents, the same bytes in every environment: under
    ``PYTHONIOENCODING=ascii`` or an old locale, writing an en dash or a region's name
    would fail mid-report with ``UnicodeEncodeError``.
    """
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    reconfigure = getattr(stream, "reconfigure", None)
    if encoding != "utf8" and reconfigure is not None:
        # a stream already written to in another encoding keeps it
        with contextlib.suppress(OSError, ValueError):
            reconfigure(encoding="utf-8")
    return stream


def _say(err: TextIO, line: str) -> None:
    try:
        err.write(line + "\n")
        err.flush()
    except (OSError, ValueError):
        pass


def _detach(out: TextIO) -> None:
    """Point the real stdout at /dev/null so the interpreter's last flush cannot fail."""
    if out is not sys.stdout:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _main(argv: Sequence[str] | None, out: TextIO, err: TextIO) -> int:
    parser = _build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except UsageError as exc:
        err.write(f"{exc}\n")
        return EXIT_BAD_INPUT
    except SystemExit as exc:  # --help and --version exit through argparse
        return int(exc.code or 0)
    if args.command is None:
        out.write(parser.format_help())
        err.write("kerjasama: error: name a command, e.g. `kerjasama check FILE`\n")
        return EXIT_BAD_INPUT
    try:
        if args.command in _CORE:
            return _CORE[args.command](args, out, err)
        for module in _EXTENSIONS:
            if args.command in module.COMMANDS:
                code: int = module.run(args, out, err)
                return code
        return EXIT_BAD_INPUT
    except KerjasamaError as exc:
        write_diagnostics(exc.diagnostics, err)
        return EXIT_BAD_INPUT
