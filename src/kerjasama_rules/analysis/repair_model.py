"""The data of minimal repair, and what both of its searches share.

Fact changes, repairs and their result as plain frozen data; fact paths and agreement
documents (reading a value, applying changes); which facts are fixed; and the
:class:`Verifier` that replays a candidate document on the real engine. Used by
``repairs.py`` (the API and the search without z3) and ``repair_solver.py`` (z3).
"""

from __future__ import annotations

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
from ..model.loader import load_agreement

__all__ = [
    "ALTERNATIVES",
    "DEFAULT_FIXED",
    "Blocked",
    "FactChange",
    "Fixity",
    "Keys",
    "Repair",
    "RepairResult",
    "RepairTarget",
    "Settings",
    "Verifier",
    "apply_changes",
    "check_patterns",
    "depth",
    "doc_get",
    "is_item",
    "leaf_paths",
    "path_parts",
    "pattern_matches",
    "periods",
    "rank",
    "targets_of",
    "type_of",
    "under",
]

#: Facts a repair never changes unless the user frees them (``free=``).
DEFAULT_FIXED = ("id", "jenis", "daerah", "mitra[].nama", "mitra[].negara")
#: How many alternatives of the minimal size are shown by default.
ALTERNATIVES = 3

#: Requirements as (rule id, requirement index): see :attr:`RepairTarget.key`.
Keys = frozenset[tuple[str, int | None]] | set[tuple[str, int | None]]

_INDEX = re.compile(r"\[(\d+)\]")


@attrs.frozen
class FactChange:
    """One change to one fact: ``kind`` is ``fill`` (it was missing), ``change`` or
    ``remove``; ``old`` and ``new`` are document values (``None`` when missing)."""

    path: str
    kind: str
    old: Any
    new: Any
    #: For a date: ``(op, other)`` when the new value sits on another date of the
    #: agreement and a day later (``<=``), earlier (``>=``) or either way (``==``) fails.
    bound: tuple[str, str] | None = None


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
    #: Which requirement of the rule (``None``: whether the rule applies, or a crash).
    index: int | None = None

    @property
    def key(self) -> tuple[str, int | None]:
        """The rule and the requirement: what a repair must make pass."""
        return (self.rule, self.index)

    def message(self, lang: str = "id") -> str:
        """The requirement's message in ``lang``, falling back to Indonesian."""
        table = dict(self.messages)
        return table.get(lang) or table.get("id") or ""


@attrs.frozen
class Blocked:
    """A requirement no repair can make pass without changing a fixed fact.

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
    (a bounded search; ``fallback`` says why).
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
    #: Why the search was used instead of z3: a code (``no-solver``, ``requested``,
    #: ``list-bound``, ``not-encodable``, ``gave-up``, ``budget``) and its values.
    fallback: tuple[str, ...] = ()

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
    out: dict[str, Any] = _copy(dict(doc))
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
                cur[last] = _copy(ch.new)
        elif ch.new is None:
            cur.pop(last, None)
        else:
            cur[last] = _copy(ch.new)
    return out


# ------------------------------------------------------------------ fixed facts
def pattern_matches(pattern: str, path: str) -> bool:
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
        if any(pattern_matches(p, path) for p in self.fix):
            return "user"
        if any(pattern_matches(p, path) for p in self.free):
            return None
        if any(pattern_matches(p, path) for p in DEFAULT_FIXED):
            return "default"
        value = doc_get(self.doc, path)
        if isinstance(value, str) and is_date_fact(path):
            try:
                if datetime.date.fromisoformat(value) < self.as_of:
                    return "past-date"
            except ValueError:
                return None
        return None

    def holds_fixed(self, path: str) -> bool:
        """Whether the document has a fixed fact inside the record or list at ``path``."""
        inside = doc_get(self.doc, path)
        if not isinstance(inside, dict | list):
            return False
        return any(self.fixed(p) for p in leaf_paths(inside, path))

    def fixed(self, path: str) -> bool:
        """Whether ``path`` must keep its value."""
        return self.reason(path) is not None


def is_date_fact(path: str) -> bool:
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

    def evaluate(self, rules: RuleSet, agreement: Agreement, *, evidence: bool = True) -> Report:
        """The report ``kerjasama check`` gives with these options."""
        return rules.evaluate(
            agreement,
            as_of=self.as_of,
            switches=self.switches,
            cuti_bersama=self.cuti_bersama,
            regional_holidays=self.regional_holidays,
            evidence=evidence,
        )


def _bad(f: Finding) -> bool:
    return f.severity == "error" and f.status in ("fail", "unknown")


def targets_of(report: Report, rule: str | None, rules: RuleSet) -> list[RepairTarget]:
    """The error-severity requirements that do not pass (of ``rule`` only, if given)."""
    out: list[RepairTarget] = []
    for o in report.outcomes:
        if rule is not None and o.rule != rule:
            continue
        if o.status == "error":
            cite = o.citations[0] if o.citations else None
            out.append(RepairTarget(o.rule, "error", cite, (("id", o.error or ""),)))
            continue
        bad = [f for f in o.findings if _bad(f)]
        if not bad:
            continue
        node = rules.rule(o.rule)
        out.extend(
            RepairTarget(o.rule, f.status, f.citation, f.messages, _index(node, f)) for f in bad
        )
    return out


def _index(node: Any, f: Finding) -> int | None:
    """The requirement a finding is about (matched by its messages and citation)."""
    texts = set(f.messages)
    hits = [
        i
        for i, q in enumerate(node.requirements)
        if {(m.lang, m.text) for m in q.messages} == texts
    ]
    exact = [i for i in hits if f.citation in node.requirements[i].citations]
    chosen = exact or hits
    return chosen[0] if chosen else None


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
            # Without evidence: the same statuses, severities and messages, faster.
            report = self.settings.evaluate(self.rules, agreement, evidence=False)
            got = targets_of(report, self.rule, self.rules)
        self._cache[key] = got
        return got

    def passes(
        self, doc: Mapping[str, Any], excused: Keys = frozenset(), keys: Keys | None = None
    ) -> bool:
        """Whether on ``doc`` every requirement passes but the ``excused`` ones (the
        blocked); with ``keys``, whether those requirements pass."""
        got = self.targets(doc)
        if got is None:
            return False
        if keys is not None:
            return not any(t.key in keys for t in got)
        return all(t.key in excused for t in got)

    def minimal(
        self,
        doc: Mapping[str, Any],
        changes: Sequence[FactChange],
        excused: Keys = frozenset(),
        keys: Keys | None = None,
    ) -> bool:
        """No proper subset of one size less passes (hence no proper subset at all for
        changes that act independently)."""
        return not any(
            self.passes(apply_changes(doc, [c for c in changes if c is not drop]), excused, keys)
            for drop in changes
        )


def with_bounds(
    doc: Mapping[str, Any],
    changes: Sequence[FactChange],
    verifier: Verifier,
    excused: Keys = frozenset(),
) -> tuple[FactChange, ...]:
    """The changes, each new date that equals another date of the repaired agreement
    annotated with the order the repair needs (found by moving it a day either way and
    replaying: a hint for the reader, never used to decide)."""
    new_doc = apply_changes(doc, changes)
    dates = {
        p: v
        for p in leaf_paths(new_doc)
        if is_date_fact(p) and isinstance(v := doc_get(new_doc, p), str)
    }
    out: list[FactChange] = []
    for c in changes:
        others = sorted(p for p, v in dates.items() if v == c.new and p != c.path)
        if not (isinstance(c.new, str) and is_date_fact(c.path) and others):
            out.append(c)
            continue
        day = datetime.date.fromisoformat(c.new)

        def moved(delta: int, c: FactChange = c, day: datetime.date = day) -> bool:
            shifted = attrs.evolve(c, new=(day + datetime.timedelta(days=delta)).isoformat())
            rest = [shifted if x is c else x for x in changes]
            return verifier.passes(apply_changes(doc, rest), excused)

        later, earlier = moved(1), moved(-1)
        op = {(False, True): "<=", (True, False): ">=", (False, False): "=="}.get((later, earlier))
        # Prefer a date the repair does not change: the bound the user must keep.
        changed = {x.path for x in changes}
        other = next((p for p in others if p not in changed), others[0])
        out.append(attrs.evolve(c, bound=(op, other)) if op else c)
    return tuple(out)


def _copy(value: Any) -> Any:
    """A deep copy of document data (dicts, lists, scalars): faster than ``deepcopy``."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _canonical(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_canonical(v) for v in value)
    return value


def leaf_paths(doc: Any, prefix: str = "") -> Iterable[str]:
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from leaf_paths(v, f"{prefix}.{k}" if prefix else k)
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from leaf_paths(v, f"{prefix}[{i}]")
    else:
        yield prefix


# ------------------------------------------------------------------ helpers of the solver
def rank(severity: str) -> int:
    """A severity as a number (``error`` highest)."""
    return {"info": 0, "warning": 1, "error": 2}.get(severity, 2)


def depth(path: str) -> int:
    """How deep a fact path is (dots and brackets)."""
    return path.count(".") + path.count("[")


def under(path: str, container: str) -> bool:
    """Whether ``path`` lies inside the record or list ``container``."""
    return path.startswith((container + ".", container + "["))


def is_item(path: str, list_path: str) -> bool:
    """Whether ``path`` is an item (``[i]``) of the list ``list_path``."""
    rest = path[len(list_path) :]
    return path.startswith(list_path + "[") and rest.endswith("]") and "." not in rest


def periods(checked: Any) -> dict[str, tuple[datetime.date | None, datetime.date | None]]:
    """Each rule's period in force, a later rule that replaces it ending it (as the
    planner does)."""
    out: dict[str, tuple[datetime.date | None, datetime.date | None]] = {}
    for r in checked.rules:
        p = checked.periods.get(r.id)
        out[r.id] = (p.start if p else None, p.end if p else None)
    for r in checked.rules:
        p = checked.periods.get(r.id)
        if p is None:
            continue
        for old in r.replaces:
            start, end = out[old]
            if end is None or p.start < end:
                out[old] = (start, p.start)
    return out
