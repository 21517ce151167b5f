"""Minimal repair: the smallest sets of fact changes that make an agreement comply.

For a failing or unknown outcome, :func:`repair` proposes the fewest changes to the facts
of an agreement (then: filling a missing fact rather than changing a present one) after
which every error-severity requirement passes (or only one rule's). Facts the user fixes
are never changed: by default ``id``, ``jenis``, ``daerah``, ``mitra[].nama``,
``mitra[].negara`` and every date already before the as-of date. With z3 (the
``analysis`` extra) the search is z3 ``Optimize`` with soft constraints over the
analyzer's encoding (``repair_solver.py``), which proves minimality within the encoding's
bounds; without it, a bounded search over candidate values finds what it can and says
so. Every repair is re-evaluated by the real engine before it is returned; only verified
ones are. This module needs no z3.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..engine.evaluator import RuleSet
from ..errors import ConfigurationError, Diagnostic
from ..model.agreement import Agreement
from ..model.loader import load_agreement, unstructure_agreement
from ..suggest import hint
from .repair_model import (
    ALTERNATIVES,
    DEFAULT_FIXED,
    Blocked,
    FactChange,
    Fixity,
    Keys,
    Repair,
    RepairResult,
    RepairTarget,
    Settings,
    Verifier,
    apply_changes,
    check_patterns,
    doc_get,
    is_date_fact,
    leaf_paths,
    path_parts,
    pattern_matches,
    type_of,
    with_bounds,
)

__all__ = [
    "DEFAULT_FIXED",
    "Blocked",
    "FactChange",
    "Repair",
    "RepairResult",
    "RepairTarget",
    "repair",
]

#: The fallback search tries at most this many changes at once, and this many replays
#: per requirement.
SEARCH_DEPTH = 3
SEARCH_BUDGET = 1000
_NEEDS_BUDGET = 300  # replays to find which fixed facts a blocked requirement needs
_ROUNDS = 8  # rounds of repairing what a union of repairs newly leaves failing


# ------------------------------------------------------------------ the API
def repair(
    agreement: Agreement,
    rules: RuleSet,
    *,
    as_of: datetime.date,
    rule: str | None = None,
    fix: Sequence[str] = (),
    free: Sequence[str] = (),
    alternatives: int = ALTERNATIVES,
    switches: Mapping[str, str] | None = None,
    cuti_bersama: str | None = None,
    regional_holidays: Iterable[tuple[datetime.date, str]] = (),
    use_solver: bool | None = None,
) -> RepairResult:
    """The smallest sets of fact changes that make every error-severity requirement pass.

    Args:
        agreement: the agreement to repair.
        rules: the rules it is judged by.
        as_of: the date it is judged at; dates before it are fixed facts.
        rule: repair only this rule's requirements.
        fix: more fact paths never to change (``dprd.keputusan``, ``mitra[].jenis``, a
            record such as ``perjanjian`` for all its facts).
        free: fact paths to release from the default fixed facts (``jenis``, a past
            date such as ``perjanjian.tanggal_ttd``).
        alternatives: at most this many repairs of the minimal size.
        switches, cuti_bersama, regional_holidays: as for :meth:`RuleSet.evaluate`.
        use_solver: ``None`` uses z3 when installed; ``False`` forces the bounded search.

    Returns:
        A :class:`RepairResult`; every repair in it was re-evaluated by the engine.

    Raises:
        ConfigurationError: ``rule`` is not a rule, a ``fix``/``free`` path is not a
            fact, or ``alternatives`` is below 1.

    Examples:
        >>> import datetime, kerjasama_rules as kr
        >>> a = kr.load_agreement("examples/ksdpk-badan-usaha-patuh.yaml")  # doctest: +SKIP
        >>> day = datetime.date(2026, 11, 29)
        >>> kr.repair(a, kr.load_rules(), as_of=day).status  # doctest: +SKIP
        'nothing-to-repair'
    """
    if not isinstance(agreement, Agreement):
        msg = f"repair() takes an Agreement, got {type(agreement).__name__}"
        raise ConfigurationError(msg)
    if not isinstance(as_of, datetime.date) or isinstance(as_of, datetime.datetime):
        msg = "as_of must be a datetime.date"
        raise ConfigurationError(msg)
    if alternatives < 1:
        msg = "alternatives must be at least 1"
        raise ConfigurationError(msg)
    ids = [r.id for r in rules.rules]
    if rule is not None and rule not in ids:
        msg = f"no rule has the id `{rule}`"
        raise ConfigurationError(
            [Diagnostic(code="config.unknown-rule", message=msg, help=hint(rule, ids))]
        )
    check_patterns(fix, "--fix")
    check_patterns(free, "--free")
    settings = Settings(as_of, dict(switches or {}), cuti_bersama, tuple(regional_holidays))
    doc = unstructure_agreement(agreement)
    fixity = Fixity(doc, as_of, fix, free)
    verifier = Verifier(rules, settings, rule)
    targets = verifier.targets(doc) or []
    base: dict[str, Any] = dict(
        agreement=agreement.id,
        rule=rule,
        as_of=as_of,
        targets=tuple(targets),
        fixed=_fixed_list(fixity),
        free=tuple(free),
    )
    if not targets:
        method = "z3" if _solver_wanted(use_solver) else "search"
        return RepairResult(
            method=method, status="nothing-to-repair", repairs=(), blocked=(), **base
        )
    fallback: tuple[str, ...] = ("no-solver",) if use_solver is None else ("requested",)
    if _solver_wanted(use_solver):
        from .repair_solver import SolverGaveUp, solve

        try:
            repairs, blocked = solve(
                agreement, doc, rules, settings, fixity, verifier, targets, alternatives
            )
            return _result("z3", repairs, blocked, base, ())
        except SolverGaveUp as exc:
            fallback = exc.reason
    repairs, blocked = search(doc, fixity, verifier, targets, alternatives)
    return _result("search", repairs, blocked, base, fallback)


def _z3_installed() -> bool:
    """Whether z3 can be imported (``analysis.z3_available``, which this module cannot
    import: the package imports this module)."""
    try:
        import z3  # noqa: F401
    except ImportError:
        return False
    return True


def _solver_wanted(use_solver: bool | None) -> bool:
    if use_solver is False:
        return False
    available = _z3_installed()
    if use_solver and not available:
        msg = "the repair solver needs z3, which is not installed"
        raise ConfigurationError(
            [
                Diagnostic(
                    code="config.no-solver",
                    message=msg,
                    help="install the analysis extra: pip install 'kerjasama-rules[analysis]'",
                )
            ]
        )
    return available


def _result(
    method: str,
    repairs: Sequence[Repair],
    blocked: Sequence[Blocked],
    base: dict[str, Any],
    fallback: tuple[str, ...],
) -> RepairResult:
    if blocked:
        status = "partial" if repairs else "no-repair"
    else:
        status = "repaired" if repairs else "no-repair"
    return RepairResult(
        method=method,
        status=status,
        repairs=tuple(repairs),
        blocked=tuple(blocked),
        fallback=fallback,
        **base,
    )


def _fixed_list(fixity: Fixity) -> tuple[str, ...]:
    out = [p for p in DEFAULT_FIXED if not any(pattern_matches(f, p) for f in fixity.free)]
    out += [p for p in fixity.fix if p not in out]
    dates = sorted(p for p in leaf_paths(fixity.doc) if fixity.reason(p) == "past-date")
    return tuple(out + dates)


# ------------------------------------------------------------------ the search fallback
def _candidates(
    doc: Mapping[str, Any], path: str, settings: Settings, fixity: Fixity, *, near: bool = True
) -> list[Any]:
    """Plausible new document values for one fact (``None``: remove it); ``near`` adds
    the day before and after each of the agreement's dates (for strict orders)."""
    try:
        t = type_of(path)
    except KeyError:
        return []
    old = doc_get(doc, path)
    out: list[Any] = []
    if t.kind == "enum" and t.enum is not None:
        out = [m.value for m in t.enum]
    elif t.kind == "bool":
        out = [True, False]
    elif t.kind == "date":
        days = {settings.as_of}
        for p in leaf_paths(doc):
            v = doc_get(doc, p)
            if isinstance(v, str) and is_date_fact(p):
                try:
                    d = datetime.date.fromisoformat(v)
                except ValueError:
                    continue
                days.add(d)
                if near:
                    days |= {d - datetime.timedelta(days=1), d + datetime.timedelta(days=1)}
        out = [d.isoformat() for d in sorted(days)]
    elif t.kind == "int":
        out = [0, 1, 2, 5, 10] + ([old - 1, old + 1] if isinstance(old, int) else [])
    elif t.kind == "number":
        out = [0, 1]
    elif t.kind == "text":
        out = [f"<{path_parts(path)[-1]}>"]
    elif t.kind == "duration":
        out = ["P1Y", "P2Y", "P3Y", "P5Y", "P10Y"]
    elif t.kind == "record":
        out = [{}]
    elif t.kind == "list" and t.elem is not None and t.elem.kind == "enum":
        assert t.elem.enum is not None
        current = [v for v in old] if isinstance(old, list) else []
        out = [[v for v in current if v != drop] for drop in current]
        out += [[*current, m.value] for m in t.elem.enum if m.value not in current]
    if old is not None:
        out = [v for v in out if v != old]
        if not fixity.holds_fixed(path):
            out.append(None)
    return out


def _facts_of(
    targets: Sequence[RepairTarget], verifier: Verifier, doc: Mapping[str, Any]
) -> list[str]:
    """The facts the failing rules read: their findings' evidence and missing facts,
    then those of the determinations (which rules read too)."""
    report = verifier.settings.evaluate(verifier.rules, load_agreement(dict(doc)))
    rules = {t.rule for t in targets}
    raw: list[str] = []
    for o in report.outcomes:
        if o.rule in rules:
            for f in o.findings:
                raw += [e.path for e in f.evidence] + list(f.missing)
    for d in report.determinations:
        for b in d.because:
            raw += [e.path for e in b.evidence]
        raw += list(d.missing)
    paths: list[str] = []
    for p in raw:
        if not p.startswith("$."):
            continue
        p = p[2:]
        if p in paths:
            continue
        try:
            type_of(p)
        except KeyError:
            continue
        paths.append(p)
    return paths


def search(
    doc: Mapping[str, Any],
    fixity: Fixity,
    verifier: Verifier,
    targets: Sequence[RepairTarget],
    alternatives: int,
) -> tuple[list[Repair], list[Blocked]]:
    """Bounded search, requirement by requirement: the fewest changes among candidate
    values of the facts its rule's findings read, by growing size; then the union of one
    repair per requirement, replayed. A requirement with no repair found is ``blocked``
    (not a proof)."""
    units = list(dict.fromkeys(t.key for t in targets))
    blocked: list[Blocked] = []
    per_unit: list[list[Repair]] = []
    for key in units:
        budget = [SEARCH_BUDGET]
        mine = _facts_of([t for t in targets if t.rule == key[0]], verifier, doc)
        free = [p for p in mine if not fixity.fixed(p)]
        found = _search(doc, free, verifier, {key}, alternatives, budget, fixity)
        if found:
            per_unit.append(found)
            continue
        # Which fixed facts would have to change (the kind of agreement stays).
        some = [p for p in mine if p not in ("id", "jenis")]
        needs = _search(doc, some, verifier, {key}, alternatives, [_NEEDS_BUDGET], fixity)
        fixed_needs = tuple(
            tuple(c.path for c in rep.changes if fixity.fixed(c.path)) for rep in needs
        )
        target = next(t for t in targets if t.key == key)
        blocked.append(Blocked(key[0], (target,), tuple(n for n in fixed_needs if n)))
    if not per_unit:
        return [], blocked
    excused = {(b.rule, b.targets[0].index) for b in blocked}
    out: list[Repair] = []
    sizes: set[int] = set()
    for choice in itertools.islice(itertools.product(*per_unit), 16):
        merged: dict[str, FactChange] = {}
        for rep in choice:
            for c in rep.changes:
                merged.setdefault(c.path, c)
        done = _complete(doc, list(merged.values()), fixity, verifier, excused)
        if done is None:
            continue
        changes = tuple(sorted(done, key=lambda c: c.path))
        new = apply_changes(doc, changes)
        if not verifier.minimal(doc, changes, excused):
            continue
        if any({c.path for c in changes} == {c.path for c in o.changes} for o in out):
            continue
        out.append(Repair(with_bounds(doc, changes, verifier, excused), new))
        sizes.add(len(changes))
        if len(out) >= alternatives:
            break
    smallest = min(sizes, default=0)
    return [o for o in out if o.size == smallest][:alternatives], blocked


def _complete(
    doc: Mapping[str, Any],
    changes: list[FactChange],
    fixity: Fixity,
    verifier: Verifier,
    excused: Keys,
) -> list[FactChange] | None:
    """The union of per-requirement repairs, plus repairs of what it newly leaves
    failing (a requirement that falls due once another is met), a few rounds deep."""
    for _ in range(_ROUNDS):
        new = apply_changes(doc, changes)
        got = verifier.targets(new)
        if got is None:
            return None
        left = [t for t in got if t.key not in excused]
        if not left:
            return changes
        facts = [p for p in _facts_of(left[:1], verifier, new) if not fixity.fixed(p)]
        more = _search(new, facts, verifier, {left[0].key}, 1, [SEARCH_BUDGET], fixity)
        if not more:
            return None
        by_path = {c.path: c for c in changes}
        for c in more[0].changes:
            old = by_path[c.path].old if c.path in by_path else doc_get(doc, c.path)
            kind = "remove" if c.new is None else ("fill" if old is None else "change")
            by_path[c.path] = FactChange(c.path, kind, old, c.new)
        changes = list(by_path.values())
    return None


def _search(
    doc: Mapping[str, Any],
    facts: Sequence[str],
    verifier: Verifier,
    keys: Keys,
    alternatives: int,
    budget: list[int],
    fixity: Fixity,
) -> list[Repair]:
    settings = verifier.settings

    def options_of(near: bool) -> list[list[FactChange]]:
        out: list[list[FactChange]] = []
        for p in facts:
            old = doc_get(doc, p)
            changes = []
            for v in _candidates(doc, p, settings, fixity, near=near):
                kind = "remove" if v is None else ("fill" if old is None else "change")
                changes.append(FactChange(p, kind, old, v))
            out.append(changes)
        return out

    # Single changes try every candidate; combinations leave out the neighbouring days,
    # whose products would spend the budget on pairs of dates.
    single, combined = options_of(True), options_of(False)
    # Filling a missing fact is preferred to changing a present one.
    order = sorted(range(len(facts)), key=lambda i: doc_get(doc, facts[i]) is not None)
    found: list[Repair] = []
    for size in range(1, SEARCH_DEPTH + 1):
        options = single if size == 1 else combined
        for combo in itertools.combinations(order, size):
            for picks in itertools.product(*[options[i] for i in combo]):
                if budget[0] <= 0:
                    return found
                budget[0] -= 1
                new = apply_changes(doc, picks)
                if verifier.passes(new, keys=keys):
                    found.append(Repair(tuple(sorted(picks, key=lambda c: c.path)), new))
                    break  # one value set per set of facts
            if len(found) >= alternatives:
                return found
        if found:
            return found
    return found
