"""Run the benchmarks and write ``docs/performance.md`` from what they measured.

Usage::

    python benchmarks/report.py            # the full run (see the page for how long)
    python benchmarks/report.py --quick    # a fast pass with small workloads
    python benchmarks/report.py --out /tmp/performance.md

The page is generated whole, never edited by hand: the machine and the date, the bundled
rules first pass and warm (``bench_eval.first_and_warm``), the 15-rule comparison with
the peers (``peers.py``), batch and stream runs of the installed ``kerjasama`` script
(``bench_stream.py``), the start-up of the installed script (``bench_startup.py``, run as
a subprocess) and, when z3 is installed, ``kerjasama analyze`` on the bundled rules and
``explain --repair`` on the non-compliant examples (``bench_repair.py``).
Figures are CPU time of the measured process unless a column says wall: on a shared
machine that is what stays comparable, and only ratios measured in one run count.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import bench_eval  # noqa: E402
import bench_repair  # noqa: E402
import bench_stream  # noqa: E402
import peers  # noqa: E402

FULL = {"n": 20_000, "peer_n": 2_000, "passes": 5, "files": 1_000, "lines": 100_000}
QUICK = {"n": 3_000, "peer_n": 300, "passes": 2, "files": 200, "lines": 5_000}


def _stat(s: dict[str, float]) -> str:
    return f"{s['median']:.2f} ({s['min']:.2f}–{s['max']:.2f})"


def bundled_section(res: dict[str, Any]) -> str:
    floor = res["hand-written floor (floor.py)"]["median"]
    rows = [
        "| measurement | µs per agreement, median (min–max) | ratio to floor.py |",
        "|---|---:|---:|",
    ]
    for label in (
        "full report, first pass",
        "full report, warm",
        "evidence=False, first pass",
        "evidence=False, warm",
        "hand-written floor (floor.py)",
    ):
        s = res[label]
        bold = "**" if label.endswith("first pass") else ""
        rows.append(
            f"| {bold}{label}{bold} | {bold}{_stat(s)}{bold} | {s['median'] / floor:.2f}x |"
        )
    return "\n".join(
        [
            f"The {res['rules']} bundled rules, {res['n']:,} agreements per pass (a new seed each "
            f"pass), {res['passes']} passes; about {res['rules_run_per_agreement']} rules run "
            "per agreement (the others are decided by the plan without running). **First "
            "pass**: a freshly compiled `RuleSet` on agreements it has never seen, so no memo "
            "is warm and each plan's generated function is made on its first use: this is "
            "the figure to quote. **Warm**: the same `RuleSet` over the same agreements "
            "again (fact-keyed memos filled).",
            "",
            *rows,
        ]
    )


def peers_section(res: dict[str, Any]) -> str:
    return "\n".join(
        [
            f"The same 15 rules (`benchmarks/peers.py`: the DPRD triggers, Pasal 27 ayat (1) "
            f"a–e, the seven plan contents of Pasal 30 ayat (3), a term limit of 60 months) on "
            f"{res['n']:,} generated agreements per pass ({res['passes']} passes; the slow "
            f"peers on the first {res['peer_n']:,}, CEL on a tenth of that). A rule counts as "
            "violated when its outcome is `fail` or `unknown`; every engine's 15 verdicts "
            "were cross-checked against the straight-line function on every agreement "
            "(a mismatch fails the run). Ratios are of medians, to the straight-line "
            "function of the same column. Install the peers with "
            "`pip install -e '.[bench]'`; one that does not install shows as not installed.",
            "",
            peers.markdown(res),
        ]
    )


def stream_section(res: dict[str, Any]) -> str:
    return "\n".join(
        [
            "The installed `kerjasama` script, each command in a fresh process (CPU time of "
            "the command and its workers; peak RSS of the largest single process; wall time "
            "only means something on an idle machine). Agreements from the same seeded "
            "generator, one JSON file each, and one JSON Lines file; the last row reads a "
            "quarter of the stream, so comparing its peak RSS with the full stream's shows "
            "whether memory grows with the number of agreements.",
            "",
            bench_stream.table(res).rstrip("\n"),
        ]
    )


def analyze_section() -> str | None:
    """``kerjasama analyze`` on the bundled rules, when z3 (the ``analysis`` extra) is there."""
    try:
        import z3  # noqa: F401
    except ImportError:
        return None
    m = bench_stream.measure(["analyze"])
    return "\n".join(
        [
            "## Rule analysis (`kerjasama analyze`)",
            "",
            "`kerjasama analyze` on the bundled rules, one process (z3 asks the questions "
            "of docs/analysis.md: contradictions per `jenis`, duplicates, redundancies).",
            "",
            "| CPU s | peak RSS, MB | wall s | exit |",
            "|---:|---:|---:|---:|",
            f"| {m['cpu_s']:.1f} | {m['rss_mb']:.0f} | {m['wall_s']:.1f} | {m['exit']:.0f} |",
        ]
    )


def startup_section(quick: bool) -> str | None:
    """The output of ``bench_startup.py`` (owned by the cold-start work), if it exists."""
    script = HERE / "bench_startup.py"
    if not script.exists():
        return None
    args = [sys.executable, str(script), "--importtime", "--runs", "5" if quick else "10"]
    out = subprocess.run(args, capture_output=True, text=True)
    if out.returncode != 0:
        msg = f"benchmarks/bench_startup.py failed ({out.returncode}):\n{out.stderr}"
        raise SystemExit(msg)
    text = out.stdout.strip()
    head = (
        "Median, min and max wall milliseconds of the installed `kerjasama` script (and its "
        "CPU median), each against bare Python (`x pass`) and against importing the core "
        "dependencies alone (`x deps`); the warm cache is the compiled-rule cache of "
        "`engine/cache.py`."
    )
    return "## Cold start\n\n" + head + "\n\n" + text + "\n\n" + _START


def repair_section(quick: bool) -> str | None:
    """``explain --repair`` on the bundled non-compliant examples (z3 and the search)."""
    try:
        import z3  # noqa: F401
    except ImportError:
        return None
    return "\n".join(
        [
            "## Minimal repair (`kerjasama explain --repair`)",
            "",
            "`kr.repair(...)` on each bundled non-compliant example as of 2026-11-29, all "
            "rules loaded once, CPU seconds, best of "
            f"{1 if quick else 3} (`benchmarks/bench_repair.py`). Most of the time is the "
            "replays through the engine that verify every repair shown.",
            "",
            bench_repair.table(1 if quick else 3),
        ]
    )


_START = """\
How it starts fast:

* **A cache of checked rules between processes** (`engine/cache.py`). `load_rules` keys the
  rule files it read (the name each is shown under and its text) with the cache format, the
  library and Python versions, the bytecode tag, the grammar, the size and modification
  time of every module of the library and the limits in force. On a hit it rebuilds the
  checked rules from the entry, so the process imports neither lark nor the parser nor the
  checker (`tests/test_cache.py` asserts it through `sys.modules`). The plan functions are
  generated and compiled when a plan is first used, in every process.
* **Where.** `$KERJASAMA_CACHE_DIR`, else `$XDG_CACHE_HOME/kerjasama-rules`, else
  `~/.cache/kerjasama-rules`; one file per rule set, the 16 most recent kept.
  `KERJASAMA_NO_CACHE=1` or `--no-cache` turns it off. Nothing is prebuilt into the wheel
  (an entry is tied to the Python that wrote it); the first run after an install writes it.
* **Never an error, never a wrong verdict.** An entry is used only when its header, key and
  the SHA-256 of its payload match and it decodes completely; anything else is a miss, and
  the entry is written again with `fileio.write_atomic`. An unwritable directory is no
  cache.
* **Safety.** The payload is `marshal` data, never `pickle`: `engine/snapshot.py` turns it
  back only into this package's own attrs classes and enums, and the cache is used only
  when its directory (made `0700`) and the entry belong to the current user and nobody else
  may write them.
* **Imports.** `import kerjasama_rules` imports the rest of the API on first use (PEP 562);
  the version is a constant (`version.py`), never `importlib.metadata`; `holidays` is
  imported when a working-day function first runs; the CLI imports only the module of the
  command it runs (`check` loads no formatter, linter, analyzer, portfolio or language
  server), `multiprocessing` only for `--jobs` above 1.
* **No cyclic garbage collection while nothing is garbage**: importing the command line
  and building a rule set make many objects and no cycles, so the collector is paused for
  exactly those steps (`cache.collector_paused`).
"""

_INTRO = """\
# Performance

How fast `kerjasama_rules` evaluates agreements, checks directories and streams, beside a
hand-written straight-line function and other rule engines. **This page is generated** by
`python benchmarks/report.py` (`--quick` for a fast pass) from one run on the machine
below; do not edit it by hand. Nothing is asserted on time in the test suite: the
benchmarks report figures, and on a shared machine only the ratios measured in one run
mean something.
"""

_HOW = """\
## How the engine gets there

* **One generated function per plan** (`codegen.generate_plan`): for each `jenis` and
  period of law in force, the rules that can apply are decided by a single Python
  function generated from the checked rules and compiled when the plan is first used,
  with every rule inline: the applicability test, the exceptions, each guard and
  requirement, Kleene logic as statements, field paths as attribute reads, quantifiers
  as `for` loops, constants (folded definitions included) passed through the function's
  namespace. No dispatch per rule: a rule whose requirements all hold gets its shared,
  prebuilt `pass` outcome in place; an exception that holds gets its prebuilt
  `not_applicable`; each rule's block is guarded on its own, so a crash is that rule's
  `error` outcome. `tests/test_codegen.py` keeps the generated path byte-identical to the
  reference closures on generated agreements.
* **Rules that cannot apply are not run**: a rule whose `berlaku jika` demands certain
  values of `jenis` (always known: it is required) and a rule not in force on the
  agreement's reference date keep their prebuilt, shared outcomes.
* **Cheap values on the hot path**: durations compare as month counts when neither has
  days (the calendar only when a day count meets a month count); a few enum members are
  tested by identity; an unknown that meets only known values is passed on, not copied.
* **Memoisation of pure results** (bounded, 4,096 entries each): determinations, notes,
  the evidence of a failed requirement and an outcome that carries no evidence, keyed by
  the facts they read. The first-pass figures above show what they are worth when cold.
* **Evidence only where it explains something**: a failed finding re-runs the recording
  closure of its requirement; `evaluate(evidence=False)` skips that.
* **Reports streamed**: `kerjasama check` writes each report as it is made (`--jobs N`
  across processes, the order and bytes of a serial run); pretty JSON is laid out by
  `output/jsontext.py` with the C string encoder (the bytes of `json.dumps(indent=2)`,
  without its pure-Python encoder).
"""


def build(quick: bool) -> tuple[str, float]:
    """The page, and how long the run took in seconds (wall)."""
    size = QUICK if quick else FULL
    t = time.perf_counter()
    m = peers.machine()
    bundled = bench_eval.first_and_warm(size["n"], size["passes"])
    compared = peers.run(size["n"], size["peer_n"], size["passes"])
    stream = bench_stream.run(size["files"], size["lines"])
    startup = startup_section(quick)
    analysis = analyze_section()
    repairs = repair_section(quick)
    elapsed = time.perf_counter() - t
    load_end = peers.machine()["loadavg"]
    parts = [
        _INTRO,
        "## The machine and the run",
        "",
        f"* {m['date']}, {'`--quick` pass' if quick else 'full run'}, "
        f"{elapsed / 60:.1f} minutes",
        f"* {m['nproc']} cores ({m['cpu']}), {m['python']}, {m['platform']}",
        f"* load average {', '.join(map(str, m['loadavg']))} at the start, "
        f"{', '.join(map(str, load_end))} at the end",
        "",
        "## The bundled rules: first pass and warm",
        "",
        bundled_section(bundled),
        "",
        "## Beside other engines: the 15-rule comparison",
        "",
        peers_section(compared),
        "",
        "## Many documents: directories, streams, workers",
        "",
        stream_section(stream),
        "",
    ]
    for section in (startup, analysis, repairs):
        if section is not None:
            parts += [section, ""]
    parts.append(_HOW)
    return "\n".join(parts), elapsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small workloads, a fast pass")
    ap.add_argument(
        "--out", default=str(ROOT / "docs" / "performance.md"), help="the page to write"
    )
    args = ap.parse_args(argv)
    page, elapsed = build(args.quick)
    Path(args.out).write_text(page)
    print(f"wrote {args.out} in {elapsed:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
