"""`kerjasama law`: the law's own words, beside the rules that encode them.

* ``kerjasama law "Pasal 30 ayat (3)"`` prints the unit (PP 28/2018 unless another
  instrument is named, e.g. ``"UU 23/2014 Pasal 370"``) and the units inside it: title,
  confidence, its wording as promulgated where the inventory has it (else why not), and
  the rules citing it; ``--format json`` gives ``kerjasama-law/1``.
* ``kerjasama law --pages DIR`` writes ``DIR/README.md`` and one Markdown page per
  inventoried instrument, each unit beside its rules and rule tests (``docs/law/``).

Exit codes: 0 printed or written; 2 a unit that is not inventoried, a malformed
reference, or a bad rule, test or inventory file.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from ..engine.rulefiles import load_rules
from ..fileio import write_atomic
from ..law.coverage import measure
from ..law.inventory import load_inventory
from ..law.wording import entries_for, parse_unit_reference
from ..output.law import (
    law_entries_to_json,
    law_page_name,
    render_law_entries,
    render_law_index,
    render_law_page,
)
from .options import EXIT_BAD_INPUT, EXIT_OK, add_rules, load_rule_set

__all__ = ["COMMANDS", "register", "run", "write_law_pages"]

COMMANDS: tuple[str, ...] = ("law",)


def register(subparsers: Any) -> None:
    """Add ``law`` to the ``kerjasama`` parser."""
    law = subparsers.add_parser(
        "law", help="print a unit of law (its wording where known) with the rules encoding it"
    )
    law.add_argument(
        "unit",
        nargs="?",
        metavar="UNIT",
        help='e.g. "Pasal 30 ayat (3)" (PP 28/2018 by default) or "UU 23/2014 Pasal 370"',
    )
    law.add_argument(
        "--pages",
        metavar="DIR",
        help="write one Markdown page per instrument into DIR (docs/law) instead",
    )
    law.add_argument("--format", choices=("text", "json"), default="text")
    law.add_argument(
        "--lang", choices=("id", "en"), default="id", help="language of the labels (default: id)"
    )
    add_rules(law)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``kerjasama law``; returns the exit code."""
    if args.pages:
        for name in write_law_pages(Path(args.pages)):
            err.write(f"wrote {name}\n")
        return EXIT_OK
    if not args.unit:
        err.write('kerjasama law: name a unit, e.g. "Pasal 30 ayat (3)", or use --pages DIR\n')
        return EXIT_BAD_INPUT
    reference = parse_unit_reference(args.unit)
    entries = entries_for(load_inventory(), load_rule_set(args), reference)
    if args.format == "json":
        doc = law_entries_to_json(entries)
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(render_law_entries(entries, lang=args.lang))
    return EXIT_OK


def law_pages() -> dict[str, str]:
    """The pages of ``docs/law/`` for the bundled rules, inventory and rule tests, by name."""
    inventory = load_inventory()
    report = measure()
    rules = load_rules()
    pages: dict[str, str] = {}
    index: list[tuple[str, str | None, str]] = []
    for instrument in inventory.instruments:
        entries = entries_for(inventory, rules, instrument=instrument, coverage=report)
        name = law_page_name(instrument)
        pages[name] = render_law_page(instrument, None, entries)
        index.append((instrument, None, name))
    pages["README.md"] = render_law_index(index)
    return pages


def write_law_pages(directory: Path) -> list[str]:
    """Write :func:`law_pages` into ``directory``; returns the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in law_pages().items():
        path = directory / name
        write_atomic(path, text)
        written.append(path.as_posix())
    return written
