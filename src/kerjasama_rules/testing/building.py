"""Building-block strategies: agreements by kind, signing, DPRD decision, dates in order.

The strategies of :mod:`.strategies` draw every fact independently, so a realistic
combination (signed, with a dated DPRD approval that came first) is rare and a ``pass``
verdict rarer still. These compose: each takes the choices a property wants to fix and
draws the rest, and every one returns a valid :class:`~kerjasama_rules.model.agreement.Agreement`.

* :func:`agreements_of` — by ``jenis``, signed or not, DPRD decided or not, the procedure's
  dates in their real order (plan < request < receipt < DPRD decision < signing).
* :func:`with_unknown_facts` — the same agreements with facts left unknown on purpose.
* :func:`compliant_agreements` — agreements that meet the bundled rules (``pass`` for
  most draws), moved in time and renamed from one compliant seed per kind.
* :func:`applicable_to` — agreements to which one rule of a :class:`RuleSet` applies.
* :func:`from_witnesses` — the analyzer's witness agreements, and small mutations of them.

Documents are edited as plain data (what :func:`unstructure_agreement` gives) and loaded
back with :func:`load_agreement`, so every drawn agreement is one a user could write.
"""

from __future__ import annotations

import copy
import datetime
import enum
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
from hypothesis import strategies as st

from ..engine.evaluator import RuleSet
from ..engine.planning import jenis_filter
from ..errors import ConfigurationError, KerjasamaError
from ..language import nodes
from ..model.agreement import Agreement, Jenis, KeputusanDprd
from ..model.documents import parse_yaml
from ..model.loader import load_agreement, unstructure_agreement
from .seeds import SEEDS
from .strategies import jenis_agreements

__all__ = [
    "AS_OF",
    "agreements_of",
    "applicable_to",
    "compliant_agreements",
    "from_witnesses",
    "procedure_dates",
    "rule_jenis",
    "with_unknown_facts",
]

# The date the kit judges agreements at: every date a compliant seed can take lies on or
# before it (the library never reads the clock, so the kit fixes one).
AS_OF = datetime.date(2026, 11, 29)

Doc = dict[str, Any]
# The document that a signature belongs to, per kind of cooperation.
_SIGNED_BY = {Jenis.SINERGI: "nota_kesepakatan"}
_NEVER_FORGET = frozenset({"id", "jenis"})


def _doc(agreement: Agreement) -> Doc:
    return copy.deepcopy(unstructure_agreement(agreement))


def _load(doc: Mapping[str, Any]) -> Agreement:
    return load_agreement(dict(doc), name="<hypothesis>")


def _iso(day: datetime.date) -> str:
    return day.isoformat()


@st.composite
def procedure_dates(
    draw: st.DrawFn,
    *,
    start: datetime.date = datetime.date(2019, 1, 1),
    end: datetime.date = AS_OF,
) -> dict[str, datetime.date]:
    """The dates of one procedure in their real order, all between ``start`` and ``end``.

    Keys: ``rencana`` (the plan), ``surat_permohonan`` (the request to the DPRD),
    ``diterima`` (its receipt, 0–5 days later), ``tanggal_keputusan`` (the DPRD decision,
    well inside 45 working days) and ``tanggal_ttd`` (signing, after the decision).
    """
    gaps = (
        draw(st.integers(7, 60)),
        draw(st.integers(0, 5)),
        draw(st.integers(5, 50)),
        draw(st.integers(1, 180)),
    )
    latest_start = end - datetime.timedelta(days=sum(gaps))
    first = draw(st.dates(start, max(start, latest_start)))
    out = {"rencana": first}
    day = first
    steps = ("surat_permohonan", "diterima", "tanggal_keputusan", "tanggal_ttd")
    for key, gap in zip(steps, gaps, strict=True):
        day = day + datetime.timedelta(days=gap)
        out[key] = day
    return out


def _section(doc: Doc, key: str) -> Doc:
    value = doc.get(key)
    if not isinstance(value, dict):
        value = doc[key] = {}
    return value


@st.composite
def agreements_of(
    draw: st.DrawFn,
    jenis: Jenis | Iterable[Jenis] | None = None,
    *,
    signed: bool | None = None,
    dprd_decided: bool | None = None,
    ordered_dates: bool = True,
) -> Agreement:
    """Realistic agreements with the chosen facts fixed; the others drawn as usual.

    Args:
        jenis: one kind of cooperation or several (default: any).
        signed: ``True``: the cooperation text (the *nota kesepakatan* for a synergy) is
            signed on a known date; ``False``: its signing date is not known; ``None``:
            either.
        dprd_decided: ``True``: the DPRD decided (approved three times in four, else
            refused) on a known date, after a dated request; ``False``: no decision is
            on record; ``None``: either.
        ordered_dates: the procedure's dates that are known follow their real order
            (:func:`procedure_dates`); ``False`` leaves them drawn independently.

    Examples:
        >>> from hypothesis import given
        >>> from kerjasama_rules.model.agreement import Jenis
        >>> @given(agreements_of(Jenis.KSDPL, signed=True, dprd_decided=True))
        ... def test_signed(a):
        ...     assert a.perjanjian.tanggal_ttd >= a.dprd.tanggal_keputusan
        >>> test_signed()
    """
    if isinstance(jenis, Jenis):
        kinds: Sequence[Jenis] = (jenis,)
    else:
        kinds = tuple(jenis) if jenis is not None else tuple(Jenis)
    if not kinds:
        msg = "agreements_of() needs at least one jenis"
        raise ConfigurationError(msg)
    kind = draw(st.sampled_from(kinds))
    doc = _doc(draw(jenis_agreements(kind)))
    dates = draw(procedure_dates())
    signing = _SIGNED_BY.get(kind, "perjanjian")
    if signed is True:
        _section(doc, signing)["tanggal_ttd"] = _iso(dates["tanggal_ttd"])
    elif signed is False and isinstance(doc.get(signing), dict):
        doc[signing].pop("tanggal_ttd", None)
    if dprd_decided is True:
        dprd = _section(doc, "dprd")
        dprd["keputusan"] = draw(
            st.sampled_from([KeputusanDprd.DISETUJUI] * 3 + [KeputusanDprd.DITOLAK])
        ).value
        for key in ("surat_permohonan", "diterima", "tanggal_keputusan"):
            dprd[key] = _iso(dates[key])
    elif dprd_decided is False and isinstance(doc.get("dprd"), dict):
        doc["dprd"].pop("tanggal_keputusan", None)
        doc["dprd"]["keputusan"] = draw(st.sampled_from([None, KeputusanDprd.TIDAK_ADA.value]))
    if ordered_dates:
        _order(doc, dates, signing)
    return _load(doc)


def _order(doc: Doc, dates: Mapping[str, datetime.date], signing: str) -> None:
    """Give the known procedure dates of ``doc`` the values of one ordered timeline."""
    places = (
        ("rencana", "tanggal", "rencana"),
        ("dprd", "surat_permohonan", "surat_permohonan"),
        ("dprd", "diterima", "diterima"),
        ("dprd", "tanggal_keputusan", "tanggal_keputusan"),
        (signing, "tanggal_ttd", "tanggal_ttd"),
    )
    for section, key, step in places:
        part = doc.get(section)
        if isinstance(part, dict) and part.get(key) is not None:
            part[key] = _iso(dates[step])


# ------------------------------------------------------------------ facts left unknown
def known_facts(doc: Mapping[str, Any], prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Paths of the known leaf facts of a document (records walked, lists kept whole)."""
    for key, value in doc.items():
        path = (*prefix, key)
        if not prefix and key in _NEVER_FORGET:
            continue
        if isinstance(value, dict) and value:
            yield from known_facts(value, path)
        elif value is not None:
            yield path


def forget(doc: Mapping[str, Any], path: Sequence[str]) -> Doc:
    """A copy of ``doc`` in which the fact at ``path`` is not known (removed)."""
    out = copy.deepcopy(dict(doc))
    part: Any = out
    for key in path[:-1]:
        part = part.get(key) if isinstance(part, dict) else None
        if part is None:
            return out
    if isinstance(part, dict):
        part.pop(path[-1], None)
    return out


@st.composite
def with_unknown_facts(
    draw: st.DrawFn,
    agreements: st.SearchStrategy[Agreement],
    *,
    paths: Iterable[str] | None = None,
    max_facts: int = 3,
) -> Agreement:
    """Agreements of ``agreements`` with up to ``max_facts`` known facts left unknown.

    ``paths`` (dotted, e.g. ``"dprd.tanggal_keputusan"``) limits the facts that may be
    forgotten; by default any known fact but ``id`` and ``jenis``. Missing is not false:
    a property over these agreements checks that rules say ``unknown``, never ``fail``,
    for want of a fact.
    """
    doc = _doc(draw(agreements))
    allowed = None if paths is None else {tuple(p.split(".")) for p in paths}
    for _ in range(draw(st.integers(0 if max_facts == 0 else 1, max(0, max_facts)))):
        known = sorted(p for p in known_facts(doc) if allowed is None or p in allowed)
        if not known:
            break
        doc = forget(doc, draw(st.sampled_from(known)))
    return _load(doc)


# ------------------------------------------------------------------ compliant agreements
def _dates_in(doc: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _dates_in(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from _dates_in(v, (*prefix, i))
    elif isinstance(doc, str) and len(doc) == 10 and doc[4] == "-" and doc[7] == "-":
        yield prefix, doc


def _put(doc: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        doc = doc[key]
    doc[path[-1]] = value


_IDS = st.from_regex(r"[a-z]{3,10}(-[a-z0-9]{2,8}){1,3}", fullmatch=True)


@st.composite
def compliant_agreements(
    draw: st.DrawFn, jenis: Jenis | Iterable[Jenis] | None = None
) -> Agreement:
    """Agreements that meet the bundled rules when judged at :data:`AS_OF`.

    Each is one of the compliant seeds (one per kind) moved back in time by up to 18
    months, with every gap between two of its dates shrunk by up to half (the order of
    the procedure is kept and no statutory period grows), and a new id. Over 1,000 draws
    on the bundled rules every one passed (``docs/testing.md``); the kit's tests require
    at least 90 % of a bounded sample, since a move can cross a holiday that lengthens a
    working-day count.
    """
    kinds = (jenis,) if isinstance(jenis, Jenis) else tuple(jenis or SEEDS)
    doc: Doc = copy.deepcopy(dict(SEEDS[draw(st.sampled_from(kinds))]))
    found = sorted(_dates_in(doc), key=lambda pd: pd[1])
    if found:
        shift = datetime.timedelta(days=-draw(st.integers(0, 540)))
        prev_old = datetime.date.fromisoformat(found[0][1])
        prev_new = prev_old + shift
        for path, text in found:
            old = datetime.date.fromisoformat(text)
            gap = (old - prev_old).days
            new_gap = draw(st.integers((gap + 1) // 2, gap)) if gap > 0 else 0
            new = prev_new + datetime.timedelta(days=new_gap)
            _put(doc, path, _iso(new))
            prev_old, prev_new = old, new
    doc["id"] = draw(_IDS)
    return _load(doc)


# ------------------------------------------------------------------ one rule's agreements
def rule_jenis(rules: RuleSet, rule_id: str) -> tuple[Jenis, ...]:
    """The kinds of cooperation to which a rule can apply (from its ``berlaku jika``)."""
    node = rules.rule(rule_id)
    kinds = jenis_filter(node.when, rules._checked)
    return tuple(Jenis) if kinds is None else tuple(j for j in Jenis if j in kinds)


def mined_values(rules: RuleSet, node: nodes.Rule) -> list[tuple[tuple[str, ...], Any]]:
    """``(path, value)`` pairs a rule compares facts with: the values that make it decide.

    Read from every comparison between a fact of the agreement and a constant: an enum
    value (with the other values of its enum, so that both sides of ``dalam {...}`` are
    tried), a boolean, a number, a date (the day before, the day itself and the day
    after); from ``terisi`` (the value ``None``: the fact missing); and from bare boolean
    facts (``true`` and ``false``). A path through a quantifier (``setiap m dalam mitra:
    m.jenis ...``) holds ``[]`` for "every item". Fuzzers call this *constant mining*.
    """
    exprs: list[nodes.Expr | None] = [node.when, *node.unless]
    exprs += [x for q in node.requirements for x in (q.expr, q.guard)]
    return mine(rules, exprs)


def mine(rules: RuleSet, exprs: Iterable[nodes.Expr | None]) -> list[tuple[tuple[str, ...], Any]]:
    """:func:`mined_values` of some expressions of the rules (e.g. one requirement)."""
    res = rules._checked.resolutions
    out: list[tuple[tuple[str, ...], Any]] = []
    loops: dict[str, tuple[str, ...]] = {}

    def path_of(e: nodes.Expr) -> tuple[str, ...] | None:
        root, chain = nodes.path_parts(e)
        if not isinstance(root, nodes.Name):
            return None
        r = res.get(id(root))
        if r is None:
            return None
        if r.kind == "local" and root.name in loops:
            return (*loops[root.name], *chain)
        if r.kind != "field":
            return None
        return (root.name, *chain)

    def constant(e: nodes.Expr) -> list[Any]:
        if isinstance(e, nodes.Literal):
            v = e.value
            if isinstance(v, datetime.date):
                return [_iso(v + datetime.timedelta(days=d)) for d in (-1, 0, 1)]
            return [v] if isinstance(v, bool | int) else []
        if isinstance(e, nodes.Name):
            r = res.get(id(e))
            if r is not None and r.kind == "enum" and isinstance(r.target, enum.Enum):
                return [m.value for m in type(r.target)]
        if isinstance(e, nodes.SetLit):
            return list(dict.fromkeys(v for item in e.items for v in constant(item)))
        return []

    subs = [sub for top in exprs if top is not None for sub in nodes.subexpressions(top)]
    for sub in subs:  # quantifier variables first: `m` -> ("mitra", "[]")
        if isinstance(sub, nodes.Quantifier):
            coll = path_of(sub.collection)
            if coll is not None:
                loops[sub.var] = (*coll, "[]")
    for sub in subs:
        if isinstance(sub, nodes.Binary) and sub.op in _COMPARISONS:
            for a, b in ((sub.left, sub.right), (sub.right, sub.left)):
                p = path_of(a)
                if p is not None:
                    out.extend((p, v) for v in constant(b))
                    other = path_of(b)
                    if other is not None and "[]" not in p and "[]" not in other:
                        out.extend((p, Relative(other, d)) for d in (-1, 0, 1))
        elif isinstance(sub, nodes.Present):
            p = path_of(sub.target)
            if p is not None:
                out.append((p, None))
        elif isinstance(sub, nodes.Name | nodes.Field):
            p = path_of(sub)
            if p is not None:
                out.extend([(p, True), (p, False)])
    return list(dict.fromkeys(out))


@attrs.frozen
class Relative:
    """A mined value that depends on another fact: that fact's date moved by ``days``
    (``dprd.tanggal_keputusan`` one day after ``perjanjian.tanggal_ttd``)."""

    path: tuple[str, ...]
    days: int


_COMPARISONS = frozenset({"==", "!=", "in", "notin", "<", "<=", ">", ">="})


def _set(doc: Doc, path: Sequence[str], value: Any) -> Doc:
    """A copy of ``doc`` with the fact at ``path`` set (``None``: removed); ``[]`` in the
    path sets it on every item of the list (one item is made if there is none)."""
    out = copy.deepcopy(doc)
    if isinstance(value, Relative):
        other = _get(out, value.path)
        if not (isinstance(other, str) and len(other) == 10 and other[4] == "-"):
            return out
        moved = datetime.date.fromisoformat(other) + datetime.timedelta(days=value.days)
        value = _iso(moved)
    _set_in(out, list(path), value)
    return out


def _set_in(part: Any, path: list[str], value: Any) -> None:
    key, rest = path[0], path[1:]
    if key == "[]":
        return
    if not rest:
        if value is None:
            part.pop(key, None)
        else:
            part[key] = value
        return
    if rest[0] == "[]":
        items = part.get(key)
        if not isinstance(items, list) or not items:
            items = part[key] = [{}]
        for item in items:
            if isinstance(item, dict) and rest[1:]:
                _set_in(item, rest[1:], value)
        return
    nxt = part.get(key)
    if not isinstance(nxt, dict):
        nxt = part[key] = {}
    _set_in(nxt, rest, value)


@st.composite
def mutated(
    draw: st.DrawFn,
    base: Mapping[str, Any],
    pool: Sequence[tuple[tuple[str, ...], Any]],
    *,
    most: int = 6,
) -> Agreement:
    """``base`` (a document) with 1 to ``most`` of the ``(path, value)`` of ``pool`` set;
    a value that does not fit its field (a record, a list) is skipped."""
    doc = copy.deepcopy(dict(base))
    if pool:
        for _ in range(draw(st.integers(1, min(most, len(pool))))):
            path, value = draw(st.sampled_from(pool))
            if path[0] in _NEVER_FORGET:
                continue
            candidate = _set(doc, path, value)
            try:
                _load(candidate)
            except KerjasamaError:
                continue
            doc = candidate
    return _load(doc)


@st.composite
def _mined_agreement(
    draw: st.DrawFn, rules: RuleSet, node: nodes.Rule, kinds: Sequence[Jenis]
) -> Agreement:
    kinds = tuple(kinds) or tuple(Jenis)  # no kind admits it: try them all anyway
    base = draw(st.one_of(compliant_agreements(kinds), agreements_of(kinds)))
    return draw(mutated(_doc(base), mined_values(rules, node)))


def applies(
    rules: RuleSet, agreement: Agreement, rule_id: str, as_of: datetime.date = AS_OF
) -> bool:
    """Whether ``rule_id`` applies to ``agreement`` (its outcome is not ``not_applicable``)."""
    report = rules.evaluate(agreement, as_of=as_of, evidence=False)
    return report.outcome(rule_id).status != "not_applicable"


def applicable_to(
    rules: RuleSet, rule_id: str, *, as_of: datetime.date = AS_OF
) -> st.SearchStrategy[Agreement]:
    """Agreements to which the rule ``rule_id`` applies, judged at ``as_of``.

    Built from the rule itself: the kinds of cooperation its ``berlaku jika`` admits, a
    compliant seed or a realistic agreement of that kind, and the values the rule compares
    facts with set on it (:func:`mined_values`); then filtered with the real engine. A rule
    that applies only to rare combinations makes hypothesis give up on the filter
    (``Unsatisfiable``) rather than pass vacuously.

    Raises:
        KeyError: no rule has that id.
    """
    node = rules.rule(rule_id)
    kinds = rule_jenis(rules, rule_id)
    return _mined_agreement(rules, node, kinds).filter(lambda a: applies(rules, a, rule_id, as_of))


# ------------------------------------------------------------------ analyzer witnesses
def _witness_docs(sources: Iterable[Any]) -> list[Doc]:
    docs: list[Doc] = []
    for src in sources:
        agreement = getattr(src, "agreement", None)  # an analyzer Witness (duck-typed)
        witness = getattr(src, "witness", None)  # an analyzer finding
        if witness is not None:
            agreement = getattr(witness, "agreement", None)
        if isinstance(agreement, Mapping):
            docs.append(copy.deepcopy(dict(agreement)))
        elif isinstance(src, Mapping):
            docs.append(copy.deepcopy(dict(src)))
        elif isinstance(src, os.PathLike) or (
            isinstance(src, str) and "\n" not in src and ":" not in src
        ):
            path = Path(src)
            if not path.exists():
                msg = f"from_witnesses(): no witness file or folder at `{path}`"
                raise ConfigurationError(msg)
            files = (
                sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml"))
                if path.is_dir()
                else [path]
            )
            for f in files:
                docs.append(_agreement_doc(f.read_text(encoding="utf-8"), str(f)))
        elif isinstance(src, str):
            docs.append(_agreement_doc(src, "<witness>"))
        elif src is not None:
            msg = f"from_witnesses() cannot read a {type(src).__name__}"
            raise ConfigurationError(msg)
    return docs


def _agreement_doc(text: str, name: str) -> Doc:
    doc, diags = parse_yaml(text, name)
    if diags or not isinstance(doc, dict):
        msg = f"{name}: a witness is one agreement (a mapping)"
        raise ConfigurationError(msg)
    return doc


@st.composite
def _mutated_witness(draw: st.DrawFn, doc: Doc) -> Agreement:
    facts = sorted(known_facts(doc))
    change: bool = draw(st.booleans())
    if facts and change:
        path = draw(st.sampled_from(facts))
        value = _get(doc, path)
        if isinstance(value, bool):
            candidate = _set(doc, path, not value)
        elif isinstance(value, str) and len(value) == 10 and value[4] == "-":
            day = datetime.date.fromisoformat(value) + datetime.timedelta(
                days=draw(st.integers(-30, 30))
            )
            candidate = _set(doc, path, _iso(day))
        else:
            candidate = forget(doc, path)
        try:
            return _load(candidate)
        except KerjasamaError:
            pass
    return _load(doc)


def _get(doc: Mapping[str, Any], path: Sequence[str]) -> Any:
    part: Any = doc
    for key in path:
        part = part.get(key) if isinstance(part, Mapping) else None
    return part


def from_witnesses(sources: Iterable[Any]) -> st.SearchStrategy[Agreement]:
    """The analyzer's witness agreements, and each with one fact flipped, moved or forgotten.

    ``sources``: witness YAML files or folders of them (``kerjasama analyze --witnesses
    DIR``), YAML text, agreement mappings, or the analyzer's own findings or witnesses
    (anything with a ``witness`` or an ``agreement`` attribute). The testing kit never
    imports the analyzer for this: witnesses arrive as data.

    Raises:
        ConfigurationError: no source holds a witness, or one cannot be read.
    """
    docs = _witness_docs(sources)
    good: list[Doc] = []
    for doc in docs:
        try:
            _load(doc)
        except KerjasamaError:
            continue
        good.append(doc)
    if not good:
        msg = "from_witnesses() found no witness agreement that loads"
        raise ConfigurationError(msg)
    return st.sampled_from(good).flatmap(_mutated_witness)
