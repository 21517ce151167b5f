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

import copy
import datetime
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from ..engine.evaluator import RuleSet
from ..engine.report import Finding, Report
from ..errors import ConfigurationError, Diagnostic
from ..language.nodes import Citation
from ..language.typesys import Type, record_fields
from ..model.agreement import Agreement
from ..model.loader import load_agreement, unstructure_agreement

__all__ = [
    "DEFAULT_FIXED",
    "Blocked",
    "FactChange",
    "Repair",
    "RepairResult",
    "RepairTarget",
    "repair",
]

#: Facts a repair never changes unless the user frees them (``free=``).
DEFAULT_FIXED = ("id", "jenis", "daerah", "mitra[].nama", "mitra[].negara")
#: How many alternatives of the minimal size are shown by default.
ALTERNATIVES = 3
#: The fallback search tries at most this many changes at once, and this many replays.
SEARCH_DEPTH = 3
SEARCH_BUDGET = 4000

_INDEX = re.compile(r"\[(\d+)\]")


@attrs.frozen
class FactChange:
    """One change to one fact: ``kind`` is ``fill`` (it was missing), ``change`` or
    ``remove``; ``old`` and ``new`` are document values (``None`` when missing)."""

    path: str
    kind: str
    old: Any
    new: Any


@attrs.frozen
class Repair:
    """One minimal set of changes, verified: ``document`` is the repaired agreement."""

    changes: tuple[FactChange, ...]
    document: Mapping[str, Any] = attrs.field(eq=False, repr=False)

    @property
    def size(self) -> int:
        """How many facts change."""
        return len(self.changes)


@attrs.frozen
class RepairTarget:
    """A requirement that does not pass now: one error-severity finding (or a crash)."""

    rule: str
    status: str  # "fail" | "unknown" | "error"
    citation: Citation | None
    messages: tuple[tuple[str, str], ...]

    def message(self, lang: str = "id") -> str:
        """The requirement's message in ``lang``, falling back to Indonesian."""
        table = dict(self.messages)
        return table.get(lang) or table.get("id") or ""


@attrs.frozen
class Blocked:
    """A rule no repair can fix without changing a fixed fact.

    ``needs`` holds the smallest sets of fixed facts of which one would have to change
    (empty when none was found: not even changing fixed facts helps within the bounds).
    """

    rule: str
    targets: tuple[RepairTarget, ...]
    needs: tuple[tuple[str, ...], ...]


@attrs.frozen
class RepairResult:
    """What :func:`repair` found.

    ``status`` is ``nothing-to-repair`` (every error-severity requirement passes
    already), ``repaired`` (``repairs`` hold verified minimal repairs for every target),
    ``partial`` (``blocked`` rules cannot be repaired; ``repairs`` fix the others) or
    ``no-repair`` (none exists, or, with the search, none was found within its bounds).
    ``method`` is ``z3`` (minimality proved within the encoding's bounds) or ``search``
    (a bounded search: ``bound`` says how far it looked).
    """

    agreement: str
    rule: str | None
    as_of: datetime.date
    method: str
    status: str
    targets: tuple[RepairTarget, ...]
    repairs: tuple[Repair, ...]
    blocked: tuple[Blocked, ...]
    fixed: tuple[str, ...]
    free: tuple[str, ...]
    note: str = ""

    @property
    def complete(self) -> bool:
        """Whether nothing is left to repair or a full repair was found."""
        return self.status in ("nothing-to-repair", "repaired")


# ------------------------------------------------------------------ paths and documents
def path_parts(path: str) -> list[str | int]:
    """``mitra[1].negara`` -> ``["mitra", 1, "negara"]``."""
    out: list[str | int] = []
    for part in path.split("."):
        name, _, idx = part.partition("[")
        out.append(name)
        if idx:
            out.append(int(idx.rstrip("]")))
    return out


def type_of(path: str) -> Type:
    """The language type of the fact at ``path`` (``mitra[1].negara`` or ``mitra[].negara``).

    Raises:
        KeyError: no such fact in the agreement schema.
    """
    fields: Mapping[str, Type] | None = record_fields(Agreement)
    t: Type | None = None
    for part in path.replace("]", "").split("."):
        name, bracket, _ = part.partition("[")
        if fields is None or name not in fields:
            raise KeyError(path)
        t = fields[name]
        if bracket:
            if t.elem is None:
                raise KeyError(path)
            t = t.elem
        fields = record_fields(t.record) if t.kind == "record" and t.record is not None else None
    if t is None:  # pragma: no cover - split gives at least one part
        raise KeyError(path)
    return t


def doc_get(doc: Any, path: str) -> Any:
    """The document value at ``path``, or ``None`` when it is missing."""
    cur = doc
    for p in path_parts(path):
        if isinstance(p, int):
            if not isinstance(cur, list) or p >= len(cur):
                return None
            cur = cur[p]
        else:
            if not isinstance(cur, dict) or p not in cur:
                return None
            cur = cur[p]
        if cur is None:
            return None
    return cur


def apply_changes(doc: Mapping[str, Any], changes: Iterable[FactChange]) -> dict[str, Any]:
    """A copy of ``doc`` with the changes made (parents created as needed)."""
    out: dict[str, Any] = copy.deepcopy(dict(doc))
    for ch in sorted(changes, key=lambda c: c.path.count(".") + c.path.count("[")):
        parts = path_parts(ch.path)
        cur: Any = out
        ok = True
        for p, nxt in itertools.pairwise(parts):
            if isinstance(p, int):
                while len(cur) <= p:
                    cur.append({})
                if cur[p] is None:
                    cur[p] = {} if isinstance(nxt, str) else []
                cur = cur[p]
            else:
                if ch.new is None and p not in cur:
                    ok = False
                    break
                if cur.get(p) is None:
                    cur[p] = [] if isinstance(nxt, int) else {}
                cur = cur[p]
        if not ok:
            continue
        last = parts[-1]
        if isinstance(last, int):
            if ch.new is None:
                if last < len(cur):
                    del cur[last:]
            else:
                while len(cur) <= last:
                    cur.append(None)
                cur[last] = copy.deepcopy(ch.new)
        elif ch.new is None:
            cur.pop(last, None)
        else:
            cur[last] = copy.deepcopy(ch.new)
    return out


# ------------------------------------------------------------------ fixed facts
def _pattern_matches(pattern: str, path: str) -> bool:
    """``mitra[].nama`` matches ``mitra[1].nama``; ``daerah`` matches ``daerah.nama``."""
    general = _INDEX.sub("[]", path)
    for candidate in (path, general):
        if candidate == pattern or candidate.startswith((pattern + ".", pattern + "[")):
            return True
    return False


def check_patterns(patterns: Sequence[str], option: str) -> None:
    """Reject a ``--fix``/``--free`` path that is not a fact of the agreement schema."""
    for p in patterns:
        try:
            type_of(p.replace("[]", "[0]"))
        except KeyError:
            msg = f"`{p}` is not a fact of an agreement"
            raise ConfigurationError(
                [
                    Diagnostic(
                        code="config.bad-option",
                        message=msg,
                        help=f"{option} takes a fact path such as `dprd.keputusan` or "
                        "`mitra[].nama`",
                    )
                ]
            ) from None


class Fixity:
    """Which facts a repair must not change."""

    def __init__(
        self, doc: Mapping[str, Any], as_of: datetime.date, fix: Sequence[str], free: Sequence[str]
    ) -> None:
        self.doc = doc
        self.as_of = as_of
        self.fix = tuple(fix)
        self.free = tuple(free)

    def reason(self, path: str) -> str | None:
        """Why ``path`` is fixed (``default``, ``past-date``, ``user``), or ``None``."""
        if any(_pattern_matches(p, path) for p in self.fix):
            return "user"
        if any(_pattern_matches(p, path) for p in self.free):
            return None
        if any(_pattern_matches(p, path) for p in DEFAULT_FIXED):
            return "default"
        value = doc_get(self.doc, path)
        if isinstance(value, str) and _is_date_fact(path):
            try:
                if datetime.date.fromisoformat(value) < self.as_of:
                    return "past-date"
            except ValueError:
                return None
        return None

    def fixed(self, path: str) -> bool:
        """Whether ``path`` must keep its value."""
        return self.reason(path) is not None


def _is_date_fact(path: str) -> bool:
    try:
        return type_of(path).kind == "date"
    except KeyError:
        return False


# ------------------------------------------------------------------ the goal
@attrs.frozen
class Settings:
    """How the engine is run: the same options as the report being repaired."""

    as_of: datetime.date
    switches: Mapping[str, str] = attrs.field(factory=dict)
    cuti_bersama: str | None = None
    regional_holidays: tuple[tuple[datetime.date, str], ...] = ()

    def evaluate(self, rules: RuleSet, agreement: Agreement) -> Report:
        return rules.evaluate(
            agreement,
            as_of=self.as_of,
            switches=self.switches,
            cuti_bersama=self.cuti_bersama,
            regional_holidays=self.regional_holidays,
        )


def _bad(f: Finding) -> bool:
    return f.severity == "error" and f.status in ("fail", "unknown")


def targets_of(report: Report, rule: str | None) -> list[RepairTarget]:
    """The error-severity requirements that do not pass (of ``rule`` only, if given)."""
    out: list[RepairTarget] = []
    for o in report.outcomes:
        if rule is not None and o.rule != rule:
            continue
        if o.status == "error":
            cite = o.citations[0] if o.citations else None
            out.append(RepairTarget(o.rule, "error", cite, (("id", o.error or ""),)))
            continue
        out.extend(
            RepairTarget(o.rule, f.status, f.citation, f.messages) for f in o.findings if _bad(f)
        )
    return out


class Verifier:
    """Replays candidate documents on the real engine, with a cache."""

    def __init__(self, rules: RuleSet, settings: Settings, rule: str | None) -> None:
        self.rules = rules
        self.settings = settings
        self.rule = rule
        self.replays = 0
        self._cache: dict[str, list[RepairTarget] | None] = {}

    def targets(self, doc: Mapping[str, Any]) -> list[RepairTarget] | None:
        """What still does not pass on ``doc``; ``None`` when the loader rejects it."""
        key = repr(_canonical(doc))
        if key in self._cache:
            return self._cache[key]
        self.replays += 1
        try:
            agreement = load_agreement(dict(doc))
        except Exception:  # a candidate the loader rejects is no repair
            got: list[RepairTarget] | None = None
        else:
            got = targets_of(self.settings.evaluate(self.rules, agreement), self.rule)
        self._cache[key] = got
        return got

    def passes(self, doc: Mapping[str, Any], only: Iterable[str] | None = None) -> bool:
        """Whether every target (of the rules ``only``, if given) passes on ``doc``."""
        got = self.targets(doc)
        if got is None:
            return False
        if only is not None:
            keep = set(only)
            got = [t for t in got if t.rule in keep]
        return not got

    def minimal(
        self, doc: Mapping[str, Any], changes: Sequence[FactChange], only: Iterable[str] | None
    ) -> bool:
        """No proper subset of one size less passes (hence no proper subset at all for
        changes that act independently)."""
        keep = list(only) if only is not None else None
        return not any(
            self.passes(apply_changes(doc, [c for c in changes if c is not drop]), keep)
            for drop in changes
        )


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _canonical(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_canonical(v) for v in value)
    return value


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
        >>> kr.repair(a, kr.load_rules(), as_of=datetime.date(2026, 11, 29)).status  # doctest: +SKIP
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
    if rule is not None:
        rules.rule(rule)  # raises ConfigurationError for an unknown id
    check_patterns(fix, "--fix")
    check_patterns(free, "--free")
    settings = Settings(
        as_of, dict(switches or {}), cuti_bersama, tuple(regional_holidays)
    )
    doc = unstructure_agreement(agreement)
    fixity = Fixity(doc, as_of, fix, free)
    verifier = Verifier(rules, settings, rule)
    targets = verifier.targets(doc) or []
    base = dict(
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
    note = ""
    if _solver_wanted(use_solver):
        from .repair_solver import SolverGaveUp, solve

        try:
            repairs, blocked = solve(
                agreement, doc, rules, settings, fixity, verifier, targets, alternatives
            )
            return _result("z3", repairs, blocked, base, "")
        except SolverGaveUp as exc:
            note = str(exc)
    repairs, blocked = search(doc, fixity, verifier, targets, alternatives)
    bound = f"at most {SEARCH_DEPTH} changes, {SEARCH_BUDGET} replays"
    return _result("search", repairs, blocked, base, "; ".join(x for x in (note, bound) if x))


def _solver_wanted(use_solver: bool | None) -> bool:
    from . import z3_available

    if use_solver is False:
        return False
    available = z3_available()
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
    note: str,
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
        note=note,
        **base,
    )


def _fixed_list(fixity: Fixity) -> tuple[str, ...]:
    out = [p for p in DEFAULT_FIXED if not any(_pattern_matches(f, p) for f in fixity.free)]
    out += [p for p in fixity.fix if p not in out]
    dates = sorted(p for p in _leaf_paths(fixity.doc) if fixity.reason(p) == "past-date")
    return tuple(out + dates)


def _leaf_paths(doc: Any, prefix: str = "") -> Iterable[str]:
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _leaf_paths(v, f"{prefix}.{k}" if prefix else k)
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from _leaf_paths(v, f"{prefix}[{i}]")
    else:
        yield prefix


# ------------------------------------------------------------------ the search fallback
def _candidates(
    doc: Mapping[str, Any], path: str, settings: Settings
) -> list[Any]:
    """Plausible new document values for one fact (``None``: remove it)."""
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
        for p in _leaf_paths(doc):
            v = doc_get(doc, p)
            if isinstance(v, str) and _is_date_fact(p):
                try:
                    d = datetime.date.fromisoformat(v)
                except ValueError:
                    continue
                days |= {d, d - datetime.timedelta(days=1), d + datetime.timedelta(days=1)}
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
        out = [v for v in out if v != old] + [None]
    return out


def _facts_of(targets: Sequence[RepairTarget], verifier: Verifier, doc: Mapping[str, Any]) -> list[str]:
    """The facts the failing requirements read: their evidence and their missing facts."""
    report = verifier.settings.evaluate(verifier.rules, load_agreement(dict(doc)))
    rules = {t.rule for t in targets}
    paths: list[str] = []
    for o in report.outcomes:
        if o.rule not in rules:
            continue
        for f in o.findings:
            for p in [e.path for e in f.evidence] + list(f.missing):
                if p.startswith("$."):
                    p = p[2:]
                    if p not in paths:
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
    """Bounded search, rule by rule: the fewest changes among candidate values of the
    facts each failing rule reads, by growing size; then the union of one repair per
    rule, replayed. A rule with no repair found is ``blocked`` (not a proof)."""
    rules = list(dict.fromkeys(t.rule for t in targets))
    blocked: list[Blocked] = []
    budget = [SEARCH_BUDGET]
    per_rule: list[list[Repair]] = []
    for r in rules:
        mine = _facts_of([t for t in targets if t.rule == r], verifier, doc)
        found = _search(doc, [p for p in mine if not fixity.fixed(p)], verifier, [r], alternatives, budget)
        if found:
            per_rule.append(found)
            continue
        needs = _search(doc, mine, verifier, [r], alternatives, budget)
        fixed_needs = tuple(
            tuple(c.path for c in rep.changes if fixity.fixed(c.path)) for rep in needs
        )
        mine_targets = tuple(t for t in targets if t.rule == r)
        blocked.append(Blocked(r, mine_targets, tuple(n for n in fixed_needs if n)))
    rest = [r for r in rules if r not in {b.rule for b in blocked}]
    if not rest:
        return [], blocked
    goal = rest if blocked else None
    out: list[Repair] = []
    sizes: set[int] = set()
    for choice in itertools.islice(itertools.product(*per_rule), 64):
        merged: dict[str, FactChange] = {}
        for rep in choice:
            for c in rep.changes:
                merged.setdefault(c.path, c)
        changes = tuple(sorted(merged.values(), key=lambda c: c.path))
        new = apply_changes(doc, changes)
        if not verifier.passes(new, goal) or not verifier.minimal(doc, changes, goal):
            continue
        if any(set(changes) == set(o.changes) for o in out):
            continue
        out.append(Repair(changes, new))
        sizes.add(len(changes))
    smallest = min(sizes, default=0)
    return [o for o in out if o.size == smallest][:alternatives], blocked


def _search(
    doc: Mapping[str, Any],
    facts: Sequence[str],
    verifier: Verifier,
    only: Sequence[str] | None,
    alternatives: int,
    budget: list[int],
) -> list[Repair]:
    settings = verifier.settings
    options: list[list[FactChange]] = []
    for p in facts:
        old = doc_get(doc, p)
        changes = []
        for v in _candidates(doc, p, settings):
            kind = "remove" if v is None else ("fill" if old is None else "change")
            changes.append(FactChange(p, kind, old, v))
        # Filling a missing fact is preferred to changing a present one.
        options.append(changes)
    order = sorted(range(len(facts)), key=lambda i: doc_get(doc, facts[i]) is not None)
    found: list[Repair] = []
    for size in range(1, SEARCH_DEPTH + 1):
        for combo in itertools.combinations(order, size):
            for picks in itertools.product(*[options[i] for i in combo]):
                if budget[0] <= 0:
                    return found
                budget[0] -= 1
                new = apply_changes(doc, picks)
                if verifier.passes(new, only):
                    found.append(Repair(tuple(sorted(picks, key=lambda c: c.path)), new))
                    break  # one value set per set of facts
            if len(found) >= alternatives:
                return found
        if found:
            return found
    return found
