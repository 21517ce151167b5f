"""Witnesses: a solver model -> an agreement document, and its replay on the real engine.

A witness is only as good as its replay: every one is loaded with
:func:`~kerjasama_rules.model.loader.load_agreement` and evaluated by the same
:class:`~kerjasama_rules.engine.evaluator.RuleSet` that ``kerjasama check`` uses, and the
analyzer reports whether it showed the claimed behaviour.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

import yaml
import z3

from ..engine.compiler import Compiler, Context
from ..engine.evaluator import RuleSet
from ..engine.report import Outcome
from ..language import nodes
from ..language.values import Unknown
from ..model.agreement import Agreement
from ..model.calendar import WorkingCalendar
from ..model.loader import load_agreement
from .encode import Encoder
from .repair_model import path_parts as _parts

__all__ = ["Replay", "agreement_from_model", "real_working_days", "to_yaml"]


def _value(fact_type: Any, term: Any, model: z3.ModelRef) -> Any:
    kind = fact_type.kind
    if kind == "duration":
        y, m, d = (model.eval(t, model_completion=True).as_long() for t in term)
        return f"P{y}Y{m}M{d}D" if (y or m or d) else "P0D"
    v = model.eval(term, model_completion=True)
    if kind == "enum":
        return list(fact_type.enum)[v.as_long()].value
    if kind == "bool":
        return z3.is_true(v)
    if kind == "int":
        return v.as_long()
    if kind == "number":
        return float(v.as_fraction())
    if kind == "date":
        return datetime.date.fromordinal(v.as_long())
    if kind == "text":
        return v.as_string()
    raise ValueError(kind)  # pragma: no cover


def agreement_from_model(enc: Encoder, model: z3.ModelRef, ident: str) -> dict[str, Any]:
    """The agreement a model describes: only the facts the encoding created and set."""
    doc: dict[str, Any] = {"id": ident, "jenis": None}
    facts = sorted(
        enc.facts.values(), key=lambda f: (f.path.count(".") + f.path.count("["), f.path)
    )
    for fact in facts:
        if not z3.is_true(model.eval(fact.present, model_completion=True)):
            continue
        parts = _parts(fact.path)
        if fact.path == "id":
            value: Any = ident
        elif fact.type.kind == "list":
            n = model.eval(fact.value, model_completion=True).as_long()
            elem = fact.type.elem
            value = [{} if elem is not None and elem.kind == "record" else None for _ in range(n)]
        elif fact.type.kind == "record":
            value = {}
        else:
            value = _value(fact.type, fact.value, model)
        _put(doc, parts, value)
    # List items of scalars that the encoding never read still need a value.
    _fill_scalars(enc, doc, model)
    return doc


def _put(doc: dict[str, Any], parts: list[str | int], value: Any) -> None:
    cur: Any = doc
    for p in parts[:-1]:
        cur = cur[p] if isinstance(p, int) else cur.setdefault(p, {})
    last = parts[-1]
    if isinstance(last, int):
        if last < len(cur):
            cur[last] = value
    elif not (isinstance(value, dict | list) and last in cur):
        cur[last] = value


def _step(cur: Any, p: str | int) -> Any:
    """One step down a document: a key of a mapping or an index of a list, else None."""
    if isinstance(cur, dict) and isinstance(p, str):
        return cur.get(p)
    if isinstance(cur, list) and isinstance(p, int):
        return cur[p] if p < len(cur) else None
    return None


def _fill_scalars(enc: Encoder, doc: dict[str, Any], model: z3.ModelRef) -> None:
    for fact in enc.facts.values():
        if fact.type.kind != "list" or fact.type.elem is None or fact.type.elem.kind == "record":
            continue
        cur: Any = doc
        for p in _parts(fact.path):
            cur = _step(cur, p)
            if cur is None:
                break
        if isinstance(cur, list):
            elem = fact.type.elem
            assert elem.enum is not None
            for i, item in enumerate(cur):
                if item is None:
                    cur[i] = next(iter(elem.enum)).value


def to_yaml(doc: Mapping[str, Any], header: str) -> str:
    """The agreement as YAML in the project's vocabulary, under a comment header."""
    body = yaml.safe_dump(dict(doc), sort_keys=False, allow_unicode=True)
    lines = "".join(f"# {line}\n" for line in header.splitlines())
    return lines + body


def real_working_days(func: str, cuti: str, a: int, b: int) -> int | None:
    """The real calendar's answer for one application (as a day number or a count)."""
    cal = WorkingCalendar(cuti_bersama=cuti)
    try:
        if func == "working_days_after":
            return cal.nth_working_day_after(datetime.date.fromordinal(a), b).toordinal()
        return int(
            cal.working_days_between(datetime.date.fromordinal(a), datetime.date.fromordinal(b))
        )
    except Exception:  # out of the calendar's range: no pin, the witness replay decides
        return None


class Replay:
    """Evaluates witnesses with the real engine: rule outcomes and single expressions."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self.comp = Compiler(rules._checked)
        self._fns: dict[int, Any] = {}

    def load(self, doc: Mapping[str, Any]) -> Agreement:
        """Load the witness exactly like ``kerjasama check`` loads a YAML file."""
        return load_agreement(yaml.safe_load(to_yaml(doc, "")))

    def outcome(
        self, agreement: Agreement, rule_id: str, as_of: datetime.date, switches: Mapping[str, str]
    ) -> Outcome:
        """The outcome ``kerjasama check`` reports for one rule."""
        sw, cuti = _split(switches)
        report = self.rules.evaluate(agreement, as_of=as_of, switches=sw, cuti_bersama=cuti)
        return report.outcome(rule_id)

    def determination(
        self, agreement: Agreement, name: str, as_of: datetime.date, switches: Mapping[str, str]
    ) -> Any:
        """The value of a determination as the report shows it (``Unknown`` if unknown)."""
        sw, cuti = _split(switches)
        report = self.rules.evaluate(agreement, as_of=as_of, switches=sw, cuti_bersama=cuti)
        return report.determination(name)

    def value(
        self,
        agreement: Agreement,
        expr: nodes.Expr,
        as_of: datetime.date,
        switches: Mapping[str, str],
    ) -> Any:
        """The reference value (compiler closures) of one expression on the witness."""
        fn = self._fns.get(id(expr))
        if fn is None:
            fn = self._fns[id(expr)] = self.comp.compile(expr)
        sw, cuti = _split(switches)
        values, calendar, _ = self.rules._resolve_settings(sw, cuti)
        ctx = Context(agreement, as_of, calendar, values)
        v = fn(ctx)
        return None if isinstance(v, Unknown) else v


def _split(switches: Mapping[str, str]) -> tuple[dict[str, str], str | None]:
    # `cuti_bersama` has its own argument: it exists even when no rule file declares it.
    sw = dict(switches)
    return sw, sw.pop("cuti_bersama", None)
