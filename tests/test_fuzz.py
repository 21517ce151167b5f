"""A bounded fuzzing run, and the replay of every saved crash (``fuzz/crashes/``).

The long campaign is ``python fuzz/run.py --minutes N`` (see ``docs/reliability.md``);
these tests run the same harness on a small, fixed budget: rule files generated from the
grammar (``hypothesis.extra.lark.from_lark``), mutated bundled rule files and mutated
example agreements, each through parse -> check -> compile (generated code and closures,
which must agree) -> evaluate -> render -> fmt.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

FUZZ = Path(__file__).resolve().parents[1] / "fuzz"
sys.path.insert(0, str(FUZZ))

import generate  # noqa: E402
import harness  # noqa: E402

CRASHES = sorted(p for p in (FUZZ / "crashes").iterdir() if p.suffix in harness.SUFFIXES)


def test_there_are_regression_cases() -> None:
    assert CRASHES


@pytest.mark.parametrize("path", CRASHES, ids=[p.name for p in CRASHES])
def test_saved_crash_is_fixed(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="surrogatepass")
    harness.run(text, path.suffix)


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(generate.grammar_rules())
def test_grammar_generated_rule_files(text: str) -> None:
    harness.run_rules(text)


@pytest.mark.parametrize("seed", range(3))
def test_mutated_rule_files(seed: int) -> None:
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8") for p in generate.seeds("kr")]
    for _ in range(10):
        harness.run_rules(generate.mutate_rules(rng.choice(seeds), rng))


@pytest.mark.parametrize("seed", range(3))
def test_mutated_agreements(seed: int) -> None:
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8") for p in generate.seeds("yaml")]
    tried = 0
    while tried < 15:
        try:
            text, fmt = generate.mutate_agreement(rng.choice(seeds), rng)
        except Exception:  # the generator's own limits (cycles, surrogates)
            continue
        tried += 1
        harness.run_agreement(text, fmt)


def test_the_harness_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    # Our errors end an input quietly; any other exception is a failure it lets through.
    harness.run("aturan {", ".kr")
    harness.run("id: [", ".yaml")

    def broken(text: str, *, source: str) -> None:
        raise ZeroDivisionError

    monkeypatch.setattr(harness, "parse", broken)
    with pytest.raises(ZeroDivisionError):
        harness.run("aturan {", ".kr")
