"""Properties of the loader: only our errors escape, and agreements round-trip."""

from __future__ import annotations

import json
import os
import re
import tempfile
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kerjasama_rules.errors import AgreementError
from kerjasama_rules.model.agreement import Agreement
from kerjasama_rules.model.loader import load_agreement, parse_agreement_text, unstructure_agreement
from kerjasama_rules.testing.strategies import agreement_documents, agreements

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class _Dumper(yaml.SafeDumper):
    """Quotes every string our loader would read as a boolean (true/false in any case)."""


_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$", re.IGNORECASE), list("tTfF")
)


def _only_our_errors(load: Any, *args: Any, **kwargs: Any) -> None:
    try:
        load(*args, **kwargs)
    except AgreementError as exc:
        assert exc.diagnostics
        for diag in exc.diagnostics:
            assert diag.code.startswith("agreement.")
            assert diag.message and not diag.message.endswith(".")
            assert diag.span is None or 0 <= diag.span.start <= diag.span.end
        str(exc)  # rendering never fails either


@PROPERTY
@given(agreement_documents())
def test_loading_documents_raises_only_agreement_errors(doc: object) -> None:
    _only_our_errors(load_agreement, doc)


@PROPERTY
@given(agreement_documents(), st.sampled_from(["yaml", "json"]))
def test_parsing_dumped_documents_raises_only_agreement_errors(doc: object, fmt: str) -> None:
    try:
        text = json.dumps(doc, default=str) if fmt == "json" else yaml.dump(doc, Dumper=_Dumper)
    except (TypeError, ValueError, yaml.YAMLError):
        return  # not representable in this format: nothing to parse
    _only_our_errors(parse_agreement_text, text, name=f"doc.{fmt}", fmt=fmt)


@PROPERTY
@given(st.text(), st.sampled_from(["yaml", "json"]))
def test_parsing_any_text_raises_only_agreement_errors(text: str, fmt: str) -> None:
    _only_our_errors(parse_agreement_text, text, name=f"doc.{fmt}", fmt=fmt)


@PROPERTY
@given(st.binary(max_size=200), st.sampled_from([".yaml", ".json", ".txt"]))
def test_loading_any_file_raises_only_agreement_errors(data: bytes, suffix: str) -> None:
    fd, path = tempfile.mkstemp(suffix=suffix)
    try:
        os.write(fd, data)
        os.close(fd)
        _only_our_errors(load_agreement, path)
    finally:
        os.unlink(path)


@PROPERTY
@given(agreements())
def test_round_trip_through_dict(agreement: Agreement) -> None:
    assert load_agreement(unstructure_agreement(agreement)) == agreement


@PROPERTY
@given(agreements())
def test_round_trip_through_json(agreement: Agreement) -> None:
    text = json.dumps(unstructure_agreement(agreement), ensure_ascii=False)
    assert parse_agreement_text(text, name="a.json", fmt="json") == (agreement,)


@PROPERTY
@given(agreements())
def test_round_trip_through_yaml(agreement: Agreement) -> None:
    text = yaml.dump(unstructure_agreement(agreement), Dumper=_Dumper, allow_unicode=True)
    assert parse_agreement_text(text, name="a.yaml", fmt="yaml") == (agreement,)


@settings(PROPERTY, max_examples=50)
@given(st.lists(agreements(), max_size=3))
def test_round_trip_of_a_list(items: list[Agreement]) -> None:
    text = yaml.dump([unstructure_agreement(a) for a in items], Dumper=_Dumper)
    assert parse_agreement_text(text, name="a.yaml", fmt="yaml") == tuple(items)
