"""Semantic diff: which agreements change outcome between two versions of the rules.

Both versions are encoded over the same fact variables. For each rule id, its status
(``not_applicable``, ``unknown``, ``pass``, ``fail``; ``absent`` when the version lacks
the rule) is a formula of the agreement; a *change class* is a pair of statuses
``(old, new)`` that some agreement reaches, reported with one witness replayed on both
versions. When no rule can change, "no agreement changes" is a proof within the
analyzer's bounds.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import z3

from ..engine.evaluator import RuleSet
from ..engine.rulefiles import load_rules
from ..language import nodes
from .analyzer import _Analyzer
from .encode import LIST_BOUND, Encoder, NotEncodable, Val
from .findings import Location, NotAnalysed, Witness
from .solver import GaveUp, location
from .witness import Replay

__all__ = ["DiffResult", "OutcomeChange", "semantic_diff"]

STATUSES = ("not_applicable", "unknown", "pass", "fail")
_NA, _UNK, _PASS, _FAIL, _ABSENT = 0, 1, 2, 3, 4
_NAMES = (*STATUSES, "absent")


@attrs.frozen
class OutcomeChange:
    """One class of agreements whose outcome for ``rule`` goes from ``old`` to ``new``."""

    rule: str
    old: str
    new: str
    location: Location
    witness: Witness | None


@attrs.frozen
class DiffResult:
    """The change classes, and whether "no change" elsewhere is proved."""

    changes: tuple[OutcomeChange, ...]
    not_analysed: tuple[NotAnalysed, ...]
    list_bound: int
    engine: str

    @property
    def proved(self) -> bool:
        """Every rule of both versions was encoded: the absence of other changes is proved."""
        return not self.not_analysed


def _status(a: _Analyzer, enc: Encoder, rule: nodes.Rule, in_force: Any) -> Any:
    """The rule's status code as a formula, following the evaluator's order."""
    reqs_fail = []
    reqs_unknown = []
    for q in rule.requirements:
        e = enc.enc(q.expr)
        if q.guard is None:
            due: Any = z3.BoolVal(True)
            guard_unknown: Any = z3.BoolVal(False)
        else:
            g = enc.enc(q.guard)
            due, guard_unknown = g.t, z3.Not(g.known)
        reqs_fail.append(z3.And(due, e.f))
        reqs_unknown.append(z3.Or(guard_unknown, z3.And(due, z3.Not(e.known))))
    st: Any = z3.If(
        z3.Or(*reqs_fail) if reqs_fail else z3.BoolVal(False),
        _FAIL,
        z3.If(z3.Or(*reqs_unknown) if reqs_unknown else z3.BoolVal(False), _UNK, _PASS),
    )
    for u in reversed([enc.enc(x) for x in rule.unless]):
        st = z3.If(u.t, _NA, z3.If(z3.Not(u.known), _UNK, st))
    if rule.when is not None:
        w: Val = enc.enc(rule.when)
        st = z3.If(w.f, _NA, z3.If(z3.Not(w.known), _UNK, st))
    return z3.If(in_force, st, _NA)


def _statuses(a: _Analyzer, enc: Encoder, checked: Any) -> tuple[dict[str, Any], list[str]]:
    a.enc, saved = enc, a.enc
    a.checked, saved_checked = checked, a.checked
    try:
        a.rules = []
        skipped = len(a.not_analysed)
        a.encode_rules()
        failed = [n.subject for n in a.not_analysed[skipped:]]
        out: dict[str, Any] = {}
        for r in a.rules:
            try:
                out[r.node.id] = _status(a, enc, r.node, r.in_force)
            except NotEncodable as exc:
                a.not_analysed.append(
                    NotAnalysed(r.node.id, location(r.node.span, r.node.id), exc.construct)
                )
                failed.append(r.node.id)
        return out, failed
    finally:
        a.enc, a.checked = saved, saved_checked


def semantic_diff(old: Sequence[str], new: Sequence[str]) -> DiffResult:
    """Compare two versions of the rules (each a list of rule files or directories)."""
    old_rules = load_rules(*old)
    new_rules = load_rules(*new)
    return diff_rule_sets(old_rules, new_rules)


def diff_rule_sets(old_rules: RuleSet, new_rules: RuleSet) -> DiffResult:
    """Compare two compiled rule sets (see :func:`semantic_diff`)."""
    a = _Analyzer(new_rules._checked, new_rules, 10000)
    old_enc = Encoder(old_rules._checked)
    new_enc = a.enc
    # One set of fact variables and axioms for both versions (z3 names are shared too).
    new_enc.axioms.extend(old_enc.axioms)
    old_enc.axioms = new_enc.axioms
    old_enc.facts = new_enc.facts
    old_enc.groups = new_enc.groups
    old_enc.calls = new_enc.calls
    old_st, old_failed = _statuses(a, old_enc, old_rules._checked)
    new_st, new_failed = _statuses(a, new_enc, new_rules._checked)
    old_replay, new_replay = Replay(old_rules), Replay(new_rules)
    changes: list[OutcomeChange] = []
    locations = {r.id: location(r.id_span or r.span, r.id) for r in old_rules._checked.rules}
    locations.update({r.id: location(r.id_span or r.span, r.id) for r in new_rules._checked.rules})
    ids = list(dict.fromkeys([*old_st, *new_st]))
    for rid in ids:
        if rid in old_failed or rid in new_failed:
            continue
        o = old_st.get(rid, z3.IntVal(_ABSENT))
        n = new_st.get(rid, z3.IntVal(_ABSENT))
        try:
            if not a.sat(o != n):
                continue
            for so in range(5):
                for sn in range(5):
                    if so == sn or not a.sat(o == so, n == sn):
                        continue
                    witness = a.witness(
                        "diff",
                        locations[rid],
                        [o == so, n == sn],
                        f"rule {rid}: was {_NAMES[so]}, now {_NAMES[sn]}",
                        _replays(old_replay, new_replay, rid, _NAMES[so], _NAMES[sn]),
                    )
                    changes.append(
                        OutcomeChange(rid, _NAMES[so], _NAMES[sn], locations[rid], witness)
                    )
        except GaveUp as exc:
            a.not_analysed.append(NotAnalysed(rid, locations[rid], f"solver gave up ({exc})"))
    return DiffResult(
        tuple(changes), tuple(a.not_analysed), LIST_BOUND, "z3 " + z3.get_version_string()
    )


def _replays(old: Replay, new: Replay, rid: str, was: str, now: str) -> Any:
    def status(r: Replay, a: Any, d: datetime.date, s: Mapping[str, str]) -> str:
        try:
            o = r.outcome(a, rid, d, s)
        except KeyError:
            return "absent"
        return o.status

    def check(a: Any, d: datetime.date, s: Mapping[str, str]) -> bool:
        return status(old, a, d, s) == was and status(new, a, d, s) == now

    return check
