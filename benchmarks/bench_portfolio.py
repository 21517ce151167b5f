"""Benchmark: `kerjasama portfolio` on a portfolio of N agreements (default 500).

Usage::

    python benchmarks/bench_portfolio.py [--n 500]

The portfolio is the 34 illustrative Bekasi agreements (``examples/bekasi/*.yaml``)
repeated with new ids until there are N. Measured once each, with ``time.perf_counter``:
loading the rules, ``portfolio()`` (every agreement evaluated, deadlines, coverage,
evaluation gaps), the HTML page, the iCalendar file and the workbook. Needs the ``report``
extra.
"""

from __future__ import annotations

import argparse
import datetime
import time
from pathlib import Path

import attrs

import kerjasama_rules as kr
from kerjasama_rules.output.portfolio_export import render_ics, render_xlsx
from kerjasama_rules.output.portfolio_html import render_portfolio_html
from kerjasama_rules.portfolio import portfolio

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    """Print the time of each stage for N agreements."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=500)
    n = ap.parse_args().n
    base = [a for p in sorted((ROOT / "examples" / "bekasi").glob("*.yaml"))
            for a in kr.load_agreements(p)]  # fmt: skip
    agreements = [attrs.evolve(base[i % len(base)], id=f"{base[i % len(base)].id}-{i}")
                  for i in range(n)]  # fmt: skip
    t0 = time.perf_counter()
    rules = kr.load_rules()
    t1 = time.perf_counter()
    p = portfolio(rules, agreements, as_of=datetime.date(2026, 11, 29))
    t2 = time.perf_counter()
    html = render_portfolio_html(p)
    t3 = time.perf_counter()
    render_ics(p)
    t4 = time.perf_counter()
    render_xlsx(p)
    t5 = time.perf_counter()
    print(f"{n} agreements, {len(p.deadlines)} deadlines, HTML {len(html) // 1024} KiB")
    for name, secs in (
        ("load rules", t1 - t0),
        ("portfolio()", t2 - t1),
        ("HTML", t3 - t2),
        ("iCalendar", t4 - t3),
        ("xlsx", t5 - t4),
        ("total", t5 - t0),
    ):
        print(f"  {name:<12} {secs:6.2f} s")


if __name__ == "__main__":
    main()
