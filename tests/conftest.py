"""Shared test setup: hypothesis profiles and the --update-golden option."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# "ci" is bounded so the whole suite stays well inside CI's time; "dev" explores more.
settings.register_profile(
    "ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=300, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]

# The suite never reads or writes the user's cache of checked rules (engine/cache.py):
# a test that changes the library's behaviour in-process would otherwise be served a
# result of the unchanged library. tests/test_cache.py turns it on, in temporary folders.
os.environ.setdefault("KERJASAMA_NO_CACHE", "1")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/* from the current output (review with git diff)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def bundled_rules():  # type: ignore[no-untyped-def]
    import kerjasama_rules as kr

    return kr.load_rules()
