"""The engine of ``kerjasama check``: agreements streamed in, reports streamed out.

Agreements come from files, directories, JSON Lines files (``*.jsonl``, one agreement a
line) and standard input (``-``, JSON Lines). They are judged in chunks, serially or in
a pool of ``--jobs`` processes, and every report is rendered as soon as it exists and
then dropped: memory does not grow with the number of agreements (only the summary
table's rows of the text format, and switch comparisons when asked for, are kept).
Chunks are submitted through a bounded window and their results written in submission
order, so the output of ``--jobs N`` is byte for byte that of a serial run.
"""

from __future__ import annotations

import collections
import datetime
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import attrs

from .. import limits
from ..engine.comparison import compare_switches
from ..engine.evaluator import RuleSet
from ..engine.rulefiles import load_rules
from ..errors import Diagnostic, KerjasamaError
from ..fileio import NotReadable, bounded_lines, open_regular
from ..law.inventory import Inventory, inventory_files, load_inventory
from ..model.agreement import Agreement
from ..model.loader import parse_agreement_text
from ..output.batch import render_template_tip, summary_row
from ..output.comparison import comparison_to_json, render_comparison
from ..output.render import render_text
from ..output.stream import report_json_block, report_json_line
from .options import agreements_in

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = ["CheckOptions", "Piece", "judge_all", "law_inventory", "units_of"]

# Units (a file, or a line of JSON Lines) per task: large enough that the pool's
# pickling is a small share, small enough that the window stays a few MB.
CHUNK = 32
STDIN = "<stdin>"


@attrs.frozen
class CheckOptions:
    """Everything a worker needs to judge and render, picklable for a process pool."""

    rule_paths: tuple[str, ...]
    as_of: datetime.date
    today: bool
    switches: tuple[tuple[str, str], ...]
    cuti_bersama: str | None
    regional_holidays: tuple[tuple[datetime.date, str], ...]
    lang: str
    fmt: str
    compare: bool
    show_law: bool = False


@attrs.frozen
class Piece:
    """One agreement's rendered output, or the diagnostics of a source that failed."""

    verdict: str | None = None
    text: str = ""
    row: tuple[str, ...] | None = None
    comparison: Any = None  # text, or a JSON-ready dict, with --compare-switches
    problems: tuple[Diagnostic, ...] = ()


# One unit of work: (source, None) for an agreement file, (source, text) for one line
# of JSON Lines, or (source, diagnostic) for a line or stream that cannot be read.
Unit = tuple[str, str | Diagnostic | None]


def units_of(files: Iterable[str], stdin: TextIO | None = None) -> Iterator[Unit]:
    """``(source, text)`` per unit of work: ``(path, None)`` for an agreement file,
    ``("name:LINE", line)`` for each non-blank line of a ``.jsonl`` file or of ``-``.

    Lines are read one at a time and bounded (``max_input_bytes`` each, like a file); a
    ``.jsonl`` path that is not a regular file (a FIFO would block) is refused before it
    is opened. What cannot be read is a unit with a diagnostic, reported in its place.
    """
    most = limits.current().max_input_bytes
    for path in files:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin
            binary = getattr(stream, "buffer", None)
            readline = binary.readline if binary is not None else stream.readline
            yield from _lines(STDIN, bounded_lines(readline, most, "max_input_bytes"))
        elif path.lower().endswith(".jsonl"):
            try:
                handle, _size = open_regular(path)
            except NotReadable as exc:
                yield path, Diagnostic(code="agreement.unreadable", message=str(exc), file=path)
                continue
            with handle:
                yield from _lines(path, bounded_lines(handle.readline, most, "max_input_bytes"))
        else:
            yield path, None


def _lines(name: str, lines: Iterator[tuple[int, str | None, str]]) -> Iterator[Unit]:
    for n, line, problem in lines:
        source = f"{name}:{n}"
        if line is None:
            yield source, Diagnostic(code="agreement.unreadable", message=problem, file=source)
        elif line.strip():
            yield source, line


_STATE: tuple[CheckOptions, RuleSet, Inventory | None] | None = None


def _init(opts: CheckOptions) -> None:
    """Load the rules (and, for ``--show-law``, the law inventory) once per process (a
    forked worker inherits the parent's)."""
    global _STATE  # one rule set per worker process, by design
    if _STATE is None or _STATE[0] != opts:
        law = law_inventory(opts.rule_paths) if opts.show_law else None
        _STATE = (opts, load_rules(*opts.rule_paths), law)


def law_inventory(rule_paths: Iterable[str | os.PathLike[str]]) -> Inventory:
    """The law inventory that goes with the rules in use (``--show-law``): the
    ``inventaris.yaml`` files among them, else the bundled ones (as ``lint`` does)."""
    found = inventory_files(*[p for p in rule_paths if Path(p).is_dir()])
    return load_inventory(*found) if found else load_inventory()


def _judge(chunk: list[Unit]) -> list[Piece]:
    assert _STATE is not None
    opts, rules, law = _STATE
    pieces: list[Piece] = []
    for source, text in chunk:
        if isinstance(text, Diagnostic):
            pieces.append(Piece(problems=(text,)))
            continue
        try:
            if text is None:
                agreements: tuple[Agreement, ...] = agreements_in(source)
            else:
                agreements = parse_agreement_text(text, name=source, fmt="json")
        except KerjasamaError as exc:
            pieces.append(Piece(problems=tuple(exc.diagnostics)))
            continue
        pieces.extend(_piece(rules, opts, a, source, law) for a in agreements)
    return pieces


def _piece(
    rules: RuleSet, opts: CheckOptions, a: Agreement, source: str, law: Inventory | None = None
) -> Piece:
    r = rules.evaluate(
        a,
        as_of=opts.as_of,
        source=source,
        switches=dict(opts.switches),
        cuti_bersama=opts.cuti_bersama,
        regional_holidays=opts.regional_holidays,
    )
    comparison = (
        compare_switches(rules, a, as_of=opts.as_of, source=r.source) if opts.compare else None
    )
    if opts.fmt == "jsonl":
        return Piece(r.verdict, report_json_line(r, lang=opts.lang, law=law))
    if opts.fmt == "json":
        shown = comparison_to_json(comparison) if comparison is not None else None
        return Piece(r.verdict, report_json_block(r, lang=opts.lang, law=law), comparison=shown)
    text = render_text(r, lang=opts.lang, as_of_is_today=opts.today, law=law)
    if r.verdict == "unknown":
        text += render_template_tip(a.jenis.value, opts.lang)
    if comparison is not None:
        text += "\n" + render_comparison(comparison, lang=opts.lang)
    return Piece(r.verdict, text, summary_row(r, opts.lang))


def _chunks(units: Iterator[Unit]) -> Iterator[list[Unit]]:
    chunk: list[Unit] = []
    for unit in units:
        chunk.append(unit)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def judge_all(opts: CheckOptions, units: Iterator[Unit], jobs: int = 1) -> Iterator[Piece]:
    """Every unit judged and rendered, in input order, with ``jobs`` processes.

    The rules are loaded here first, so a bad rule file fails before any worker starts
    (and forked workers inherit the compiled rules instead of compiling them again).
    """
    _init(opts)
    if jobs <= 1:
        for chunk in _chunks(units):
            yield from _judge(chunk)
        return
    # Imported here: multiprocessing is a tenth of a cold start, and one process needs none.
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(opts,)) as pool:
        window: collections.deque[Future[list[Piece]]] = collections.deque()
        for chunk in _chunks(units):
            window.append(pool.submit(_judge, chunk))
            # A bounded window: input is read ahead only a few chunks per worker.
            if len(window) >= 4 * jobs:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
