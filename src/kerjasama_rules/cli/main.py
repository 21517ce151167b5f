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
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TextIO

from ..errors import KerjasamaError
from .options import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_VIOLATION,
    CommandParser,
    UsageError,
    write_diagnostics,
)

__all__ = ["EXIT_BAD_INPUT", "EXIT_OK", "EXIT_VIOLATION", "main"]

# Every command, in the order `kerjasama --help` lists them: the module of this package
# that defines it, the function there that adds it to the parser, and the commands that
# function adds. A command imports only its own module (a `check` of one file needs no
# parser of rule text, no linter, no portfolio), so the table names them as text. The
# extension modules (subcommands for drafters, each with `COMMANDS`, `register(subparsers)`
# and `run(args, out, err) -> int`) are listed with `register`;
# tests/test_cache.py checks the table against their `COMMANDS`.
_REGISTRY: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("checking", "register_check", ("check",)),
    ("reference", "register_rules", ("rules",)),
    ("checking", "register_explain", ("explain",)),
    ("reference", "register_schema_template", ("schema", "template")),
    ("drafting", "register", ("fmt", "lint")),
    ("testing", "register", ("test", "coverage")),
    ("portfolio", "register", ("portfolio",)),
    ("analysis", "register", ("analyze", "diff")),
    ("lsp", "register", ("lsp",)),
    ("law", "register", ("law",)),
    ("reference", "register_deadline", ("deadline",)),
)

_Run = Callable[[argparse.Namespace, TextIO, TextIO], int]


def _module(name: str) -> ModuleType:
    from ..engine.cache import collector_paused

    with collector_paused():  # as for the import of the package (cli/__init__.py)
        return importlib.import_module(f"{__package__}.{name}")


def _runner(command: str) -> _Run | None:
    """The function that runs ``command``, its module imported now."""
    core: dict[str, tuple[str, str, bool]] = {
        # command: (module, function, whether it takes `err`)
        "check": ("checking", "run_check", True),
        "explain": ("checking", "run_explain", False),
        "rules": ("reference", "run_rules", False),
        "deadline": ("reference", "run_deadline", False),
        "template": ("reference", "run_template", False),
        "schema": ("reference", "run_schema", False),
    }
    if command in core:
        module, function, with_err = core[command]
        run = getattr(_module(module), function)
        if with_err:
            return run  # type: ignore[no-any-return]
        return lambda args, out, err: int(run(args, out))
    for module, register, commands in _REGISTRY:
        if command in commands and register == "register":
            return _module(module).run  # type: ignore[no-any-return]
    return None


def _build_parser(only: str | None = None) -> CommandParser:
    """The argument parser: of every command, or of ``only`` (a known command name) and
    no other, which saves importing the modules of the others."""
    parser = CommandParser(
        prog="kerjasama",
        description="Check regional cooperation agreements against PP 28/2018 and "
        "UU 23/2014 (kerja sama daerah), with citations and explanations.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
    for module, register, commands in _REGISTRY:
        if only is None or only in commands:
            getattr(_module(module), register)(sub)
    return parser


def _command_of(argv: Sequence[str]) -> str | None:
    """The command named by ``argv`` when it is known and comes first (the parser has no
    option of its own before the command but ``--help``), else None."""
    if argv and any(argv[0] in commands for _, _, commands in _REGISTRY):
        return argv[0]
    return None


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
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = _build_parser(_command_of(arguments))
    try:
        args = parser.parse_args(arguments)
    except UsageError as exc:
        err.write(f"{exc}\n")
        return EXIT_BAD_INPUT
    except SystemExit as exc:  # --help and --version exit through argparse
        return int(exc.code or 0)
    if args.command is None:
        out.write(parser.format_help())
        err.write("kerjasama: error: name a command, e.g. `kerjasama check FILE`\n")
        return EXIT_BAD_INPUT
    run = _runner(args.command)
    if run is None:
        return EXIT_BAD_INPUT
    try:
        if getattr(args, "no_cache", False):
            from ..engine.cache import disabled

            with disabled():
                return run(args, out, err)
        return run(args, out, err)
    except KerjasamaError as exc:
        write_diagnostics(exc.diagnostics, err)
        return EXIT_BAD_INPUT
