"""Cold start of the installed command: how long one ``kerjasama check`` takes, from nothing.

Runs each command ``--runs`` times (default 10) as a fresh process and prints the median,
min and max wall time, and the median CPU time (user + system) of the child, which a
loaded machine disturbs less than the wall clock. Measured:

* ``python -c pass``: the interpreter alone, the floor of everything below;
* the core dependencies imported together (lark, attrs, cattrs, PyYAML, dateutil,
  holidays);
* ``python -c "import kerjasama_rules"``;
* ``kerjasama check one.yaml`` with a cold cache (a fresh, empty cache directory per
  run: the rules are parsed with lark and checked) and with a warm one (the same
  directory, filled by a first run that is not counted);
* the same with ``--no-cache``.

Use the *installed* script: a non-editable install in a throwaway virtualenv, e.g.::

    python -m venv .venv-bench && .venv-bench/bin/pip install -q .
    python benchmarks/bench_startup.py --python .venv-bench/bin/python

Ratios to ``python -c pass`` and to the dependencies' import are printed beside the
figures, because on a shared machine they move less than the figures themselves.
``--importtime`` also prints the top of ``python -X importtime`` for the warm ``check``.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ksdd-sampah-kota-bekasi-patuh.yaml"
DEPS = "import lark, attrs, cattrs, yaml, dateutil.relativedelta, holidays"


def _run(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``cmd`` (its output thrown away)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()[-400:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _measure(
    cmd: list[str], runs: int, env: dict[str, str], cwd: Path, *, fresh_cache: bool = False
) -> dict[str, float]:
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(runs):
        run_env = dict(env)
        scratch = None
        if fresh_cache:
            scratch = tempfile.mkdtemp(prefix="kerjasama-cold-")
            run_env["KERJASAMA_CACHE_DIR"] = scratch
        wall, cpu = _run(cmd, run_env, cwd)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
        walls.append(wall * 1000)
        cpus.append(cpu * 1000)
    return {
        "median": statistics.median(walls),
        "min": min(walls),
        "max": max(walls),
        "cpu": statistics.median(cpus),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--python", default=sys.executable, help="the interpreter of the install")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--importtime", action="store_true", help="also the -X importtime top 15")
    args = ap.parse_args()
    # Absolute (the commands run in a scratch directory), not resolved: a virtualenv's
    # python is a symbolic link, and resolving it would leave the virtualenv.
    python = str(Path(args.python).absolute())
    script = str(Path(python).with_name("kerjasama"))
    if not Path(script).exists():
        sys.exit(f"no `kerjasama` script beside {python}: install the package there first")

    work = Path(tempfile.mkdtemp(prefix="kerjasama-bench-"))
    shutil.copy(EXAMPLE, work / "one.yaml")
    cache = work / "cache"
    env = {k: v for k, v in os.environ.items() if not k.startswith("KERJASAMA_")}
    env["KERJASAMA_CACHE_DIR"] = str(cache)
    check = [script, "check", "one.yaml"]
    _run(check, env, work)  # fills the warm cache; not counted
    helptext = subprocess.run([script, "check", "--help"], capture_output=True, text=True)
    has_cache = "--no-cache" in helptext.stdout

    rows = [
        ("python -c pass", _measure([python, "-c", "pass"], args.runs, env, work)),
        ("import core deps", _measure([python, "-c", DEPS], args.runs, env, work)),
        (
            "import kerjasama_rules",
            _measure([python, "-c", "import kerjasama_rules"], args.runs, env, work),
        ),
    ]
    if has_cache:
        rows += [
            ("check one.yaml, warm cache", _measure(check, args.runs, env, work)),
            (
                "check one.yaml, cold cache",
                _measure(check, args.runs, env, work, fresh_cache=True),
            ),
            ("check one.yaml --no-cache", _measure([*check, "--no-cache"], args.runs, env, work)),
        ]
    else:  # an older version, without the cache: the baseline
        rows.append(("check one.yaml (no cache)", _measure(check, args.runs, env, work)))
    bare = rows[0][1]["median"]
    deps = rows[1][1]["median"]
    version = subprocess.run(
        [python, "-c", "import kerjasama_rules as k; print(k.__version__)"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    # No path: the page is committed, and a path of this machine means nothing to a reader.
    print(f"kerjasama_rules {version}, the installed `kerjasama` script of this interpreter")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    print(f"python: {platform.python_version()}; {args.runs} runs each; ms")
    print()
    print(f"| {'command':<28} | median |    min |    max | cpu med | x pass | x deps |")
    print(f"|{'-' * 30}|-------:|-------:|-------:|--------:|-------:|-------:|")
    for name, m in rows:
        print(
            f"| {name:<28} | {m['median']:6.0f} | {m['min']:6.0f} | {m['max']:6.0f} "
            f"| {m['cpu']:7.0f} | {m['median'] / bare:6.1f} | {m['median'] / deps:6.2f} |"
        )
    if args.importtime:
        done = subprocess.run(
            [python, "-X", "importtime", script, "check", "one.yaml"],
            env=env,
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
        )
        lines = [ln for ln in done.stderr.splitlines() if ln.startswith("import time:")][1:]
        parsed = []
        for ln in lines:
            _, cum_us, name = ln.split("|", 2)
            parsed.append((int(cum_us), name.strip()))
        print()
        print("-X importtime, warm `check one.yaml`, top 15 by cumulative µs:")
        print()
        for cum, name in sorted(parsed, reverse=True)[:15]:
            print(f"    {cum:8d}  {name}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
