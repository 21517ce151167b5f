"""The long fuzzing campaign: ``python fuzz/run.py --minutes N [--seed S]``.

Alternates three sources of inputs (rule files generated from the grammar, mutated
bundled rule files, mutated example agreements), runs each through ``harness.run`` and
counts them. Every failure (an exception that is not the library's own error, or a
disagreement between generated code and closures) is saved once per distinct signature
in ``fuzz/crashes/`` as a regression case, which ``tests/test_fuzz.py`` replays. Prints
the figures at the end (and every minute): inputs tried, failures, distinct failures.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import harness  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

CRASHES = HERE / "crashes"


class _TimeUp(BaseException):  # not an Exception: hypothesis lets it through
    pass


class Campaign:
    """Counts inputs and failures; saves one regression case per distinct failure."""

    def __init__(self, deadline: float, out: Path) -> None:
        self.deadline = deadline
        self.out = out
        self.tried = {"grammar": 0, "rules": 0, "agreements": 0}
        self.failures = 0
        self.distinct: dict[str, str] = {}
        self.last_report = time.monotonic()

    def feed(self, source: str, text: str, suffix: str) -> None:
        if time.monotonic() > self.deadline:
            raise _TimeUp
        self.tried[source] += 1
        try:
            harness.run(text, suffix)
        except (KeyboardInterrupt, _TimeUp):
            raise
        except BaseException as exc:  # any failure is a finding; keep fuzzing
            self.failures += 1
            sig = harness.signature(exc)
            if sig not in self.distinct:
                digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
                name = f"{digest}{suffix}"
                self.out.mkdir(parents=True, exist_ok=True)
                (self.out / name).write_text(text, encoding="utf-8", errors="surrogatepass")
                self.distinct[sig] = name
                print(f"new failure: {sig} -> {self.out.name}/{name}", flush=True)
        if time.monotonic() - self.last_report > 60:
            self.last_report = time.monotonic()
            print(self.summary(), flush=True)

    def summary(self) -> str:
        total = sum(self.tried.values())
        parts = ", ".join(f"{k} {v}" for k, v in self.tried.items())
        return (
            f"inputs tried: {total} ({parts}); failures: {self.failures}; "
            f"distinct failures: {len(self.distinct)}"
        )


def _grammar_round(campaign: Campaign, seconds: float, seed: int) -> None:
    stop = time.monotonic() + seconds

    @settings(
        max_examples=10**9,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(generate.grammar_rules())
    def one(text: str) -> None:
        if time.monotonic() > stop:
            raise _TimeUp
        campaign.feed("grammar", text, ".kr")

    with contextlib.suppress(_TimeUp):
        one()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=CRASHES)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    end = time.monotonic() + args.minutes * 60
    campaign = Campaign(end, args.out)
    rule_seeds = [p.read_text(encoding="utf-8") for p in generate.seeds("kr")]
    agreement_seeds = [p.read_text(encoding="utf-8") for p in generate.seeds("yaml")]
    harness.bundled()
    try:
        while time.monotonic() < end:
            _grammar_round(campaign, min(20.0, max(0.0, end - time.monotonic())), rng.random())
            for _ in range(200):
                text = generate.mutate_rules(rng.choice(rule_seeds), rng)
                campaign.feed("rules", text, ".kr")
            for _ in range(100):
                try:
                    text, fmt = generate.mutate_agreement(rng.choice(agreement_seeds), rng)
                except Exception:  # the generator's own limits (cycles, surrogates)
                    continue
                campaign.feed("agreements", text, "." + fmt)
    except _TimeUp:
        pass
    except KeyboardInterrupt:
        print("interrupted", flush=True)
    print(campaign.summary(), flush=True)
    for sig, name in sorted(campaign.distinct.items()):
        print(f"  {sig}: {name}", flush=True)
    _ = st  # the strategies module stays importable for ad-hoc use
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
