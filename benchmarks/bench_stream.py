"""Benchmark: ``kerjasama check`` over many files and a JSON Lines stream, 1 vs 2 workers.

Usage::

    python benchmarks/bench_stream.py [--files 1000] [--lines 20000] [--markdown]

Agreements come from ``bench_eval.generate`` (seeded), written once into a temporary
directory as ``--files`` YAML files and one ``--lines`` JSONL file. Each measurement runs
the installed ``kerjasama`` script (or ``python -m kerjasama_rules``) under a fresh
wrapper process and reports, from ``resource.getrusage(RUSAGE_CHILDREN)``:

* CPU seconds (user + system) of the command and its workers, which stays meaningful
  when the machine is shared; wall seconds are printed too but are only comparable
  between runs on an idle machine;
* peak RSS: the largest single process (the parent or one worker), in MB.

In the same process it also times rendering one report as pretty JSON (``indent=2``, the
pure-Python encoder) and as a compact JSON Lines record (the C encoder), and one
``Duration`` comparison against the ``relativedelta`` comparison it replaced, as CPU
microseconds (``time.process_time``), so the ratios hold under load.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from bench_eval import generate  # noqa: E402

import kerjasama_rules as kr  # noqa: E402
from kerjasama_rules.model.loader import unstructure_agreement  # noqa: E402

AS_OF = datetime.date(2026, 11, 29)
_WRAP = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "w = time.perf_counter() - t\n"
    "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(r.ru_utime + r.ru_stime, r.ru_maxrss / 1024, w, p.returncode)\n"
)


def _command() -> list[str]:
    script = shutil.which("kerjasama")
    return [script] if script else [sys.executable, "-m", "kerjasama_rules"]


def measure(args: list[str]) -> dict[str, float]:
    """CPU seconds, peak RSS (MB) and wall seconds of one run of ``kerjasama ARGS``."""
    out = subprocess.run(
        [sys.executable, "-c", _WRAP, *_command(), *args],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {
        "cpu_s": float(out[0]),
        "rss_mb": float(out[1]),
        "wall_s": float(out[2]),
        "exit": float(out[3]),
    }


def _per_call_us(fn, n: int) -> float:  # type: ignore[no-untyped-def]
    t = time.process_time()
    for _ in range(n):
        fn()
    return (time.process_time() - t) / n * 1e6


def in_process(n: int = 200) -> dict[str, float]:
    """Rendering and duration comparison, CPU µs per call."""
    from dateutil.relativedelta import relativedelta

    from kerjasama_rules.model.duration import Duration
    from kerjasama_rules.output.jsontext import dumps_pretty
    from kerjasama_rules.output.render import report_to_json
    from kerjasama_rules.output.stream import report_json_block, report_json_line

    rules = kr.load_rules()
    reports = [rules.evaluate(a, as_of=AS_OF) for a in generate(n)]
    docs = [report_to_json(r) for r in reports]
    it = iter(range(10**9))

    def pretty_stdlib() -> None:
        json.dumps(docs[next(it) % n], ensure_ascii=False, indent=2)

    def pretty() -> None:
        dumps_pretty(docs[next(it) % n])

    def compact_dump() -> None:
        json.dumps(docs[next(it) % n], ensure_ascii=False, separators=(",", ":"))

    def to_json() -> None:
        report_to_json(reports[next(it) % n])

    def compact() -> None:
        report_json_line(reports[next(it) % n])

    def block() -> None:
        report_json_block(reports[next(it) % n])

    anchor = datetime.date(2000, 1, 1)
    a, b = Duration(years=5), Duration(months=60)

    def old_compare() -> None:
        _ = anchor + relativedelta(years=a.years, months=a.months, days=a.days) <= anchor + (
            relativedelta(years=b.years, months=b.months, days=b.days)
        )

    for d in docs:  # the fast layout must give the bytes of json.dumps
        assert dumps_pretty(d) == json.dumps(d, ensure_ascii=False, indent=2)
    return {
        "report_to_json_us": _per_call_us(to_json, n * 5),
        "pretty_stdlib_us": _per_call_us(pretty_stdlib, n * 5),
        "compact_dump_us": _per_call_us(compact_dump, n * 5),
        "pretty_json_us": _per_call_us(pretty, n * 5),
        "jsonl_line_us": _per_call_us(compact, n * 5),
        "json_block_us": _per_call_us(block, n * 5),
        "duration_relativedelta_us": _per_call_us(old_compare, 20000),
        "duration_now_us": _per_call_us(lambda: a <= b, 20000),
    }


def run(files: int, lines: int) -> dict[str, object]:
    """Every measurement, as a JSON-ready dict."""
    agreements = generate(max(files, lines))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "portfolio"
        folder.mkdir()
        for i, a in enumerate(agreements[:files]):
            (folder / f"{i:05d}.json").write_text(json.dumps(unstructure_agreement(a)))
        stream = Path(tmp) / "stream.jsonl"
        with stream.open("w") as f:
            for a in agreements[:lines]:
                f.write(json.dumps(unstructure_agreement(a)) + "\n")
        common = ["--as-of", AS_OF.isoformat()]
        rows = {}
        for label, args in [
            ("check one file, text", [str(folder / "00000.json"), *common]),
            (f"{files} files, json, --jobs 1", [str(folder), "--format", "json", *common]),
            (
                f"{files} files, json, --jobs 2",
                [str(folder), "--format", "json", "--jobs", "2", *common],
            ),
            (f"{files} files, text, --jobs 1", [str(folder), *common]),
            (f"{lines} JSONL lines, jsonl, --jobs 1", [str(stream), "--format", "jsonl", *common]),
            (
                f"{lines} JSONL lines, jsonl, --jobs 2",
                [str(stream), "--format", "jsonl", "--jobs", "2", *common],
            ),
            (
                f"{lines // 4} JSONL lines, jsonl, --jobs 1",
                [str(stream), "--format", "jsonl", *common],
            ),
        ]:
            if label.startswith(f"{lines // 4} "):
                short = Path(tmp) / "short.jsonl"
                short.write_text("".join(stream.read_text().splitlines(True)[: lines // 4]))
                args[0] = str(short)
            rows[label] = measure(["check", *args])
    return {
        "machine": f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, {platform.system()} {platform.machine()}",
        "load_average": os.getloadavg(),
        "commands": rows,
        "in_process": in_process(),
    }


def table(res: dict[str, object]) -> str:
    """The figures as Markdown tables."""
    rows = res["commands"]
    assert isinstance(rows, dict)
    out = [
        f"Machine: {res['machine']}; load average at the end "
        f"{', '.join(f'{x:.1f}' for x in res['load_average'])}.",  # type: ignore[attr-defined]
        "",
        "| command | CPU s (all processes) | peak RSS of one process, MB | wall s | exit |",
        "|---|---|---|---|---|",
    ]
    for label, m in rows.items():
        out.append(
            f"| `check` {label} | {m['cpu_s']:.2f} | {m['rss_mb']:.0f} | {m['wall_s']:.2f} "
            f"| {m['exit']:.0f} |"
        )
    ip = res["in_process"]
    assert isinstance(ip, dict)
    out += [
        "",
        "| in one process (CPU µs per call) | |",
        "|---|---|",
        f"| `report_to_json` (the report as JSON data) | {ip['report_to_json_us']:.0f} |",
        f"| its pretty text, `json.dumps(indent=2)` (the pure-Python encoder, before) | "
        f"{ip['pretty_stdlib_us']:.0f} |",
        f"| its pretty text, `output/jsontext.py` (the same bytes, now) | "
        f"{ip['pretty_json_us']:.0f} |",
        f"| its compact text, `json.dumps` (the C encoder) | {ip['compact_dump_us']:.0f} |",
        f"| one report as a JSON Lines record (`check --format jsonl`: shared outcomes' "
        f"text made once) | {ip['jsonl_line_us']:.0f} |",
        f"| one report in the pretty JSON document (`check DIR --format json`, the same) | "
        f"{ip['json_block_us']:.0f} |",
        f"| `P5Y <= P60M` with two `relativedelta` (before) | "
        f"{ip['duration_relativedelta_us']:.2f} |",
        f"| `P5Y <= P60M` now | {ip['duration_now_us']:.2f} |",
    ]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run and print the figures (JSON, or Markdown with ``--markdown``)."""
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--files", type=int, default=1000)
    p.add_argument("--lines", type=int, default=20000)
    p.add_argument("--markdown", action="store_true")
    a = p.parse_args(argv)
    res = run(a.files, a.lines)
    print(table(res) if a.markdown else json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
