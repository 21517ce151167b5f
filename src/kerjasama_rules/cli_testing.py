"""`kerjasama test` and `kerjasama coverage`: rule tests and coverage of the law."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

COMMANDS: tuple[str, ...] = ()  # to be filled: ("test", "coverage")


def register(subparsers: Any) -> None:
    """Add this module's subcommands to the ``kerjasama`` parser."""


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run one of :data:`COMMANDS`; returns the exit code."""
    raise NotImplementedError(args.command)
