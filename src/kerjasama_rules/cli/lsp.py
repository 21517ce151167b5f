"""`kerjasama lsp`: start the language server for editors (LSP over stdin and stdout).

The server is the ``lsp`` package, a front end of the same rank as this one, so the
command line does not import it: it runs ``python -m kerjasama_rules.lsp`` with this
process's stdin and stdout, and returns its exit code. The protocol library is the
optional extra ``lsp``; without it the command says how to install it and exits 2.

Exit codes: 0 the client ended the session; 2 the ``lsp`` extra is not installed.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
from typing import Any, TextIO

__all__ = ["COMMANDS", "register", "run"]

COMMANDS: tuple[str, ...] = ("lsp",)

EXIT_BAD_INPUT = 2

INSTALL_HINT = "pip install 'kerjasama-rules[lsp]'"


def register(subparsers: Any) -> None:
    """Add ``lsp`` to the ``kerjasama`` parser."""
    cmd = subparsers.add_parser(
        "lsp",
        help="language server for editors (LSP over stdio; needs the `lsp` extra)",
        description="Speak the Language Server Protocol over stdin and stdout: diagnostics, "
        "hover, completion, go to definition, references, formatting and quick fixes for "
        "rule files. See docs/editor.md.",
    )
    # Editor clients (vscode-languageclient) add `--stdio`; stdio is the only transport.
    cmd.add_argument("--stdio", action="store_true", help="use stdin/stdout (the default)")


def pygls_available() -> bool:
    """Whether the ``lsp`` extra (pygls and lsprotocol) is installed."""
    return all(importlib.util.find_spec(m) is not None for m in ("pygls", "lsprotocol"))


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``kerjasama lsp``; returns the exit code."""
    if not pygls_available():
        err.write(
            "kerjasama lsp: the language server needs the optional `lsp` extra "
            f"(pygls); install it with: {INSTALL_HINT}\n"
        )
        return EXIT_BAD_INPUT
    try:
        return subprocess.call([sys.executable, "-m", "kerjasama_rules.lsp"])
    except KeyboardInterrupt:
        return 0
