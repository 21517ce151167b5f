"""`kerjasama fmt` and `kerjasama lint`: tools for legal drafters editing rule files."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

COMMANDS: tuple[str, ...] = ()  # to be filled: ("fmt", "lint")


def register(subparsers: Any) -> None:
    """Add this module's subcommands to the ``kerjasama`` parser."""


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run one of :data:`COMMANDS`; returns the exit code."""
    raise NotImplementedError(args.command)
