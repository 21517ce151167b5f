"""The z3 encoding means what the compiler means.

Every condition of the bundled rules (applicability, exceptions, guards, requirements) is
encoded once; on each agreement, the encoding with the agreement's facts substituted must
simplify to the value the engine's closures compute: true, false, or unknown (Kleene,
missing is unknown). Applications of the over-approximated functions (working days, date
shifts, ``huruf_kecil``) have no fixed value in the encoding and are left out here.
"""

from __future__ import annotations

import datetime
import enum
from pathlib import Path
from typing import Any

import pytest
import z3
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kerjasama_rules import load_agreement
from kerjasama_rules.analysis.encode import LIST_BOUND, Encoder, NotEncodable, Val
from kerjasama_rules.analysis.witness import Replay
from kerjasama_rules.engine.rulefiles import load_rules
from kerjasama_rules.model.agreement import Agreement
from kerjasama_rules.model.duration import Duration
from kerjasama_rules.strategies import agreements

ROOT = Path(__file__).resolve().parents[1]
RULES = load_rules()
ENC = Encoder(RULES._checked)
REPLAY = Replay(RULES)


def _conditions() -> list[tuple[str, Any, Val, frozenset[str]]]:
    out = []
    for rule in RULES._checked.rules:
        exprs = [rule.when, *rule.unless]
        for q in rule.requirements:
            exprs += [q.guard, q.expr]
        for e in exprs:
            if e is None:
                continue
            calls, fresh = len(ENC.calls), ENC._fresh
            try:
                v, reads = ENC.enc_reads(e)
            except NotEncodable:
                continue
            if len(ENC.calls) == calls and ENC._fresh == fresh:
                out.append((rule.id, e, v, reads))
    return out


CONDITIONS = _conditions()


def _walk(agreement: Agreement, path: str) -> Any:
    v: Any = agreement
    for part in path.split("."):
        name, _, idx = part.partition("[")
        v = getattr(v, name)
        if v is None:
            return None
        if idx:
            i = int(idx.rstrip("]"))
            if i >= len(v):
                return None
            v = v[i]
    return v


def _const(value: Any) -> Any:
    if isinstance(value, bool):
        return z3.BoolVal(value)
    if isinstance(value, enum.Enum):
        return z3.IntVal(list(type(value)).index(value))
    if isinstance(value, datetime.date):
        return z3.IntVal(value.toordinal())
    if isinstance(value, str):
        return z3.StringVal(value)
    if isinstance(value, int):
        return z3.IntVal(value)
    raise TypeError(value)


def _vars(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, tuple) else [value]


def _default(x: Any) -> Any:
    if z3.is_bool(x):
        return z3.BoolVal(False)
    if z3.is_string(x):
        return z3.StringVal("")
    return z3.IntVal(0)


def _substitution(
    agreement: Agreement, as_of: datetime.date, long_lists: set[str]
) -> list[tuple[Any, Any]]:
    subs: list[tuple[Any, Any]] = [(ENC.as_of, z3.IntVal(as_of.toordinal()))]
    for name, (var, values) in ENC.switches.items():
        sw = RULES._checked.switches.get(name)
        default = sw.default if sw is not None else "libur"
        subs.append((var, z3.IntVal(values.index(default))))
    for fact in ENC.facts.values():
        value = _walk(agreement, fact.path)
        subs.append((fact.present, z3.BoolVal(value is not None)))
        if value is None:
            # An absent fact's value must not matter: give it any constant.
            subs += [(x, _default(x)) for x in _vars(fact.value)]
            continue
        if isinstance(value, Duration):
            parts = (value.years, value.months, value.days)
            subs += list(zip(fact.value, map(z3.IntVal, parts), strict=True))
        elif isinstance(value, tuple):
            subs.append((fact.value, z3.IntVal(len(value))))
            if len(value) > LIST_BOUND:
                long_lists.add(fact.path)
        elif fact.value is not None and not hasattr(value, "__attrs_attrs__"):
            subs.append((fact.value, _const(value)))
    return subs


def _check(agreement: Agreement, as_of: datetime.date, *, generated: bool) -> None:
    # The facts as a model (one solve of equalities), then every condition evaluated in it.
    long_lists: set[str] = set()
    subs = _substitution(agreement, as_of, long_lists)
    if generated:
        assume(not long_lists)  # a list longer than the bound is outside the encoding
    s = z3.Solver()
    s.add(*[var == value for var, value in subs])
    assert s.check() == z3.sat
    m = s.model()
    for rid, expr, v, reads in CONDITIONS:
        if any(r == p or r.startswith(p + "[") for r in reads for p in long_lists):
            continue
        t = m.eval(v.t, model_completion=True)
        f = m.eval(v.f, model_completion=True)
        assert not (z3.is_true(t) and z3.is_true(f)), (rid, expr)
        encoded = True if z3.is_true(t) else False if z3.is_true(f) else None
        got = REPLAY.value(agreement, expr, as_of, {})
        assert encoded == got, (rid, str(expr)[:200], encoded, got)


def test_there_are_conditions_to_compare() -> None:
    assert len(CONDITIONS) > 100


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.name)
def test_encoding_agrees_with_the_engine_on_the_examples(path: Path) -> None:
    _check(load_agreement(path), datetime.date(2026, 11, 29), generated=False)


@settings(max_examples=10)
@given(agreements(), st.dates(datetime.date(2015, 1, 1), datetime.date(2035, 12, 31)))
def test_encoding_agrees_with_the_engine_on_generated_agreements(
    agreement: Agreement, as_of: datetime.date
) -> None:
    _check(agreement, as_of, generated=True)


def test_blank_is_pythons_whitespace() -> None:
    from kerjasama_rules.analysis.encode import _BLANK

    for code in range(0x3100):
        c = chr(code)
        inside = z3.simplify(z3.InRe(z3.StringVal(c), _BLANK))
        assert z3.is_true(inside) == (c.strip() == ""), hex(code)


@given(st.integers(0, 100), st.integers(0, 1200), st.integers(0, 36500))
def test_duration_order_is_durations_order(years: int, months: int, days: int) -> None:
    from kerjasama_rules.analysis.encode import duration_end

    end = z3.simplify(duration_end((z3.IntVal(years), z3.IntVal(months), z3.IntVal(days))))
    expected = (Duration(years, months, days)._end() - datetime.date(2000, 1, 1)).days
    assert end.as_long() == expected
