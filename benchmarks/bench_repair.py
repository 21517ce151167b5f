"""``kerjasama explain --repair`` on each bundled non-compliant example: z3 and the search.

``python benchmarks/bench_repair.py [--runs N]`` prints a Markdown table: for each
``examples/*tidak-patuh*.yaml``, the repair's status and its CPU seconds (best of N, rules
loaded once), through the z3 solver (the ``analysis`` extra) and through the bounded
search used without it. Figures only: no test asserts a time.
"""

from __future__ import annotations

import argparse
import datetime
import time
from pathlib import Path

import kerjasama_rules as kr

ROOT = Path(__file__).resolve().parents[1]
AS_OF = datetime.date(2026, 11, 29)


def _best(fn: object, runs: int) -> tuple[object, float]:
    best, result = float("inf"), None
    for _ in range(runs):
        t = time.process_time()
        result = fn()  # type: ignore[operator]
        best = min(best, time.process_time() - t)
    return result, best


def _cell(result: kr.RepairResult, seconds: float) -> str:
    method = "" if result.method == "z3" else f" ({result.method})"
    return f"{result.status}{method}, {seconds:.2f} s"


def table(runs: int) -> str:
    """The Markdown table of every non-compliant example's repair."""
    rules = kr.load_rules(ROOT / "rules")
    lines = [
        "| example | z3 (`analysis` extra) | bounded search (no z3) |",
        "|---|---|---|",
    ]
    for path in sorted((ROOT / "examples").glob("*tidak-patuh*.yaml")):
        a = kr.load_agreement(path)
        cells = []
        for use_solver in (None, False):
            result, s = _best(
                lambda a=a, u=use_solver: kr.repair(a, rules, as_of=AS_OF, use_solver=u), runs
            )
            cells.append(_cell(result, s))  # type: ignore[arg-type]
        lines.append(f"| `{path.name}` | {cells[0]} | {cells[1]} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--runs", type=int, default=3)
    print(table(ap.parse_args().runs))


if __name__ == "__main__":
    main()
