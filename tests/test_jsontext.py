"""The fast pretty JSON gives exactly the bytes of ``json.dumps(indent=2)``."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kerjasama_rules import load_agreements, load_rules
from kerjasama_rules.language.values import JsonValue
from kerjasama_rules.output.jsontext import dumps_pretty
from kerjasama_rules.output.render import report_to_json

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _reference(value: Any, depth: int = 0) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_example_report_has_the_bytes_of_json_dumps(lang: str) -> None:
    rules = load_rules()
    paths = sorted(EXAMPLES.glob("*.yaml"))
    assert paths
    for path in paths:
        for a in load_agreements(path):
            doc = report_to_json(rules.evaluate(a, as_of=datetime.date(2026, 11, 29)), lang=lang)
            assert dumps_pretty(doc) == _reference(doc)
            assert dumps_pretty(doc, 2) == _reference(doc, 2)


_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_json = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.lists(inner, max_size=3).map(lambda xs: JsonValue(xs))
    ),
    max_leaves=20,
)


@given(_json, st.integers(min_value=0, max_value=3))
def test_any_json_value_has_the_bytes_of_json_dumps(value: Any, depth: int) -> None:
    assert dumps_pretty(value, depth) == _reference(value, depth)


@pytest.mark.parametrize("value", [{1: "a"}, {None: 1}, [float("nan")], {"x": float("inf")}])
def test_what_json_treats_specially_is_left_to_it(value: Any) -> None:
    assert dumps_pretty(value) == _reference(value)


def test_what_json_rejects_raises_as_json_does() -> None:
    with pytest.raises(TypeError):
        dumps_pretty({"x": object()})


def test_streamed_reports_have_the_bytes_of_json_dumps_twice_over() -> None:
    # The second time, the text of shared outcomes comes from the cache of stream.py.
    from kerjasama_rules.output.stream import report_json_block, report_json_line

    rules = load_rules()
    for _ in range(2):
        for path in sorted(EXAMPLES.glob("*.yaml")):
            for a in load_agreements(path):
                for lang in ("id", "en"):
                    r = rules.evaluate(a, as_of=datetime.date(2026, 11, 29))
                    doc = report_to_json(r, lang=lang)
                    compact = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
                    assert report_json_line(r, lang=lang) == compact + "\n"
                    assert report_json_block(r, lang=lang) == _reference(doc, 2)
