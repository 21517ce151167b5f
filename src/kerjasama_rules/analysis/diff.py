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
from .encode import Encoder, NotEncodable, Val
from .findings import Location, NotAnalysed, Witness
from .solver import GaveUp, location, values_differ
from .witness import Replay

__all__ = ["DiffResult", "OutcomeChange", "semantic_diff"]

STATUSES = ("not_applicable", "unknown", "pass", "fail")
# ``fail-warning``: the rule fails, but only requirements of severity warning do, so the
# verdict does not fail because of it (a severity edit is a change of outcome).
_NA, _UNK, _PASS, _FAIL, _ABSENT, _FAIL_WARNING = 0, 1, 2, 3, 4, 5
_NAMES = (*STATUSES, "absent", "fail-warning")


@attrs.frozen
class OutcomeChange:
    """One class of agreements whose outcome for ``rule`` goes from ``old`` to ``new``."""

    rule: str
    old: str
    new: str
    location: Location
    witness: Witness | None
    # ``rule``, or ``determination`` (``old``/``new`` are then its values as the report
    # shows them: ``benar``/``salah``, an enum member, or ``unknown``).
    kind: str = "rule"
    # Under which settings, when not every run: "with the default switches (...)".
    note: str = ""


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
    reqs_fail: list[Any] = []
    warns_fail: list[Any] = []
    reqs_unknown = []
    for q in rule.requirements:
        e = enc.enc(q.expr)
        if q.guard is None:
            due: Any = z3.BoolVal(True)
            guard_unknown: Any = z3.BoolVal(False)
        else:
            g = enc.enc(q.guard)
            due, guard_unknown = g.t, z3.Not(g.known)
        (reqs_fail if (q.severity or "error") == "error" else warns_fail).append(z3.And(due, e.f))
        reqs_unknown.append(z3.Or(guard_unknown, z3.And(due, z3.Not(e.known))))
    st: Any = z3.If(
        z3.Or(*reqs_fail) if reqs_fail else z3.BoolVal(False),
        _FAIL,
        z3.If(
            z3.Or(*warns_fail) if warns_fail else z3.BoolVal(False),
            _FAIL_WARNING,
            z3.If(z3.Or(*reqs_unknown) if reqs_unknown else z3.BoolVal(False), _UNK, _PASS),
        ),
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
    a = _Analyzer(new_rules._checked, new_rules)
    old_enc = Encoder(old_rules._checked)
    new_enc = a.enc
    # Both versions read the same list facts: one bound, the larger one.
    old_enc.list_bound = new_enc.list_bound = max(old_enc.list_bound, new_enc.list_bound)
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
            for so in range(len(_NAMES)):
                for sn in range(len(_NAMES)):
                    if so == sn or not a.sat(o == so, n == sn):
                        continue
                    witness = a.witness(
                        "diff",
                        locations[rid],
                        [o == so, n == sn],
                        f"rule {rid}: was {_NAMES[so]}, now {_NAMES[sn]}",
                        _replays(old_replay, new_replay, rid, _NAMES[so], _NAMES[sn]),
                    )
                    change = OutcomeChange(rid, _NAMES[so], _NAMES[sn], locations[rid], witness)
                    _keep(a, changes, change)
        except GaveUp as exc:
            a.not_analysed.append(NotAnalysed(rid, locations[rid], f"solver gave up ({exc})"))
    _diff_defaults(a, old_rules, new_rules, old_st, new_st, locations, changes)
    _diff_determinations(a, old_enc, new_enc, old_rules, new_rules, changes)
    return DiffResult(
        tuple(changes), tuple(a.not_analysed), new_enc.list_bound, "z3 " + z3.get_version_string()
    )


def _diff_defaults(
    a: _Analyzer,
    old_rules: RuleSet,
    new_rules: RuleSet,
    old_st: Mapping[str, Any],
    new_st: Mapping[str, Any],
    locations: Mapping[str, Location],
    changes: list[OutcomeChange],
) -> None:
    """Outcomes that change in a run that sets no switch because a switch's *default*
    changed (``bawaan``): each version then reads its own default."""
    old_sw, new_sw = old_rules._checked.switches, new_rules._checked.switches
    subst_old, subst_new, fix, moved = [], [], [], []
    for name, sw in new_sw.items():
        before = old_sw.get(name)
        if before is None or before.default == sw.default:
            continue
        var, values = a.enc.switches[name]
        if tuple(before.values) != tuple(values):
            a.not_analysed.append(
                NotAnalysed(name, location(sw.span, name), "switch whose values changed")
            )
            continue
        subst_old.append((var, z3.IntVal(values.index(before.default))))
        subst_new.append((var, z3.IntVal(values.index(sw.default))))
        fix.append(var == values.index(sw.default))
        moved.append(f"{name}: {before.default} -> {sw.default}")
    if not moved:
        return
    note = "with the default switches (" + ", ".join(moved) + ")"
    old_replay, new_replay = Replay(old_rules), Replay(new_rules)
    for rid in [r for r in new_st if r in old_st]:
        o = z3.substitute(old_st[rid], *subst_old)
        n = z3.substitute(new_st[rid], *subst_new)
        try:
            if not a.sat(o != n, *fix):
                continue
            for so in range(len(_NAMES)):
                for sn in range(len(_NAMES)):
                    if so == sn or not a.sat(o == so, n == sn, *fix):
                        continue
                    w = a.witness(
                        "diff",
                        locations[rid],
                        [o == so, n == sn, *fix],
                        f"rule {rid}: was {_NAMES[so]}, now {_NAMES[sn]} {note}",
                        _replays(old_replay, new_replay, rid, _NAMES[so], _NAMES[sn]),
                    )
                    change = OutcomeChange(
                        rid, _NAMES[so], _NAMES[sn], locations[rid], w, note=note
                    )
                    _keep(a, changes, change)
        except GaveUp as exc:
            a.not_analysed.append(NotAnalysed(rid, locations[rid], f"solver gave up ({exc})"))


def _keep(a: _Analyzer, changes: list[OutcomeChange], change: OutcomeChange) -> None:
    """A change class stands only with a witness the engine reproduces on both versions;
    one resting on the over-approximated calendar functions is "not confirmed"."""
    if change.witness is not None and change.witness.reproduced:
        changes.append(change)
        return
    a.not_analysed.append(
        NotAnalysed(
            change.rule,
            change.location,
            f"{change.kind} change {change.old} -> {change.new} not confirmed: "
            "no witness reproduced",
        )
    )


def _diff_determinations(
    a: _Analyzer,
    old_enc: Encoder,
    new_enc: Encoder,
    old_rules: RuleSet,
    new_rules: RuleSet,
    changes: list[OutcomeChange],
) -> None:
    """Determinations whose value (or whether it is known) differs between the versions."""
    old_dets = old_rules._checked.determinations
    new_dets = new_rules._checked.determinations
    old_replay, new_replay = Replay(old_rules), Replay(new_rules)
    for name in list(dict.fromkeys([*old_dets, *new_dets])):
        det = new_dets.get(name) or old_dets[name]
        where = location(det.name_span or det.span, name)
        if name not in old_dets or name not in new_dets:
            continue  # a determination added or removed: the rules that read it change
        try:
            ov = old_enc.determination_value(old_dets[name])
            nv = new_enc.determination_value(new_dets[name])
        except NotEncodable as exc:
            a.not_analysed.append(NotAnalysed(name, where, exc.construct))
            continue
        values = values_differ(ov.v, nv.v)
        if values is None:
            a.not_analysed.append(NotAnalysed(name, where, "determination value"))
            continue
        differ = z3.Or(ov.known != nv.known, z3.And(ov.known, nv.known, values))
        try:
            if not a.sat(differ):
                continue

            def check(ag: Any, d: datetime.date, s: Mapping[str, str], name: str = name) -> bool:
                was = old_replay.determination(ag, name, d, s)
                now = new_replay.determination(ag, name, d, s)
                return bool(_shown(was.value) != _shown(now.value))

            w = a.witness("diff", where, [differ], f"determination {name} changes value", check)
            was = now = "unknown"
            if w is not None and w.reproduced:
                ag = old_replay.load(w.agreement)
                sw = dict(w.switches)
                was = _shown(old_replay.determination(ag, name, w.as_of, sw).value)
                now = _shown(new_replay.determination(ag, name, w.as_of, sw).value)
            _keep(a, changes, OutcomeChange(name, was, now, where, w, kind="determination"))
        except GaveUp as exc:
            a.not_analysed.append(NotAnalysed(name, where, f"solver gave up ({exc})"))


def _shown(value: Any) -> str:
    if value is None or type(value).__name__ == "Unknown":
        return "unknown"
    if isinstance(value, bool):
        return "benar" if value else "salah"
    return str(getattr(value, "value", value))


def _replays(old: Replay, new: Replay, rid: str, was: str, now: str) -> Any:
    def status(r: Replay, a: Any, d: datetime.date, s: Mapping[str, str]) -> str:
        try:
            o = r.outcome(a, rid, d, s)
        except KeyError:
            return "absent"
        if o.status == "fail" and not any(
            f.status == "fail" and f.severity == "error" for f in o.findings
        ):
            return "fail-warning"
        return o.status

    def check(a: Any, d: datetime.date, s: Mapping[str, str]) -> bool:
        return status(old, a, d, s) == was and status(new, a, d, s) == now

    return check
