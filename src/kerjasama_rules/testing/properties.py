"""Ready properties of any rule set, as hypothesis tests: point them at a rule directory.

Each ``property_*`` function takes a :class:`RulesUnderTest` (made by :func:`rules_under_test`
from a folder, files or a :class:`RuleSet`) and returns a zero-argument test function
decorated with :func:`hypothesis.given`; calling it runs the search and raises
``AssertionError`` with the falsifying agreement. :func:`check_rule_properties` runs them
all (one line in a user's test); the pytest plugin offers the same as a marker.

What each property states (``docs/testing.md`` says it in full):

* ``determinism``: the same agreement gives the same report, twice, and from a fresh
  compilation of the same files;
* ``order_independence``: the rule files checked in another order, and the agreement's
  keys in another order, give the same outcome for every rule;
* ``irrelevant_facts``: a fact that no rule (and no determination) reads never changes
  an outcome;
* ``monotonicity``: adding a missing fact never turns a rule's ``fail`` into ``unknown``
  (Kleene logic), unless the fact moves the reference date — the law in time: the signing
  date decides which version of the law applies, so an outcome may then change freely;
* ``one_rule_per_unit``: no unit of law fails under two rules for the same agreement,
  unless the pair is declared (``shared_units``);
* ``no_fail_both_ways``: no boolean fact makes a requirement fail on its own both when it
  is true and when it is false (a requirement and its negation);
* ``translation``: the rule files translated to English keywords (``fmt --lang en``) and
  back, and formatted (``fmt``), give the same outcomes.

Longer than 600 lines because each property is a small test with its own comparison and
its own explanation of a counterexample; they share one context and are read together.
"""

from __future__ import annotations

import datetime
import os
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
from hypothesis import given, note, settings
from hypothesis import strategies as st

from ..drafting.formatter import format_source
from ..drafting.template import facts_read
from ..engine.evaluator import RuleSet
from ..engine.report import Report
from ..engine.rulefiles import display_path, load_rules, parse, rule_files
from ..errors import ConfigurationError, KerjasamaError
from ..language.checker import check
from ..model.agreement import Agreement, Jenis
from ..model.loader import unstructure_agreement
from .building import AS_OF, _doc, _load, compliant_agreements, forget, known_facts
from .strategies import agreements, jenis_agreements

__all__ = [
    "PROPERTIES",
    "PropertyFailure",
    "RulesUnderTest",
    "analyzer_witnesses",
    "check_rule_properties",
    "irrelevant_paths",
    "outcome_signature",
    "property_tests",
    "rules_under_test",
]

Sig = tuple[Any, ...]
# `witnesses="auto"`: seed the search with the analyzer's witnesses when z3 is installed.
AUTO = "auto"


@attrs.frozen
class RulesUnderTest:
    """A rule set and what the properties need beside it: the files' texts, the
    agreements to draw and the date to judge them at."""

    rules: RuleSet
    # (display name, text) of each rule file, in load order; empty for rules compiled
    # from text the kit has not seen (the properties that edit files then skip).
    texts: tuple[tuple[str, str], ...]
    agreements: st.SearchStrategy[Agreement]
    as_of: datetime.date = AS_OF
    # Citation texts that two rules may both fail on (declared overlaps).
    shared_units: frozenset[str] = frozenset()


def rules_under_test(
    *paths: str | os.PathLike[str],
    rules: RuleSet | None = None,
    agreements: st.SearchStrategy[Agreement] | None = None,
    witnesses: Iterable[Any] | str = "auto",
    as_of: datetime.date = AS_OF,
    shared_units: Iterable[str] = (),
) -> RulesUnderTest:
    """Gather the rules to test: files or folders (the bundled rules when none and no
    ``rules``), or an already loaded :class:`RuleSet`.

    Args:
        agreements: the agreements the properties draw; by default compliant ones,
            realistic ones and (if given) the analyzer's ``witnesses`` with mutations.
        witnesses: analyzer witnesses (files, folders, YAML text, findings) that seed
            the search (:func:`~kerjasama_rules.testing.from_witnesses`); ``"auto"`` (the
            default): run the analyzer on the rules when z3 is installed and use the
            witnesses of its findings, else none.
        shared_units: citation texts (``"Pasal 30 ayat (1) PP 28/2018"``) on which two
            rules may both fail by design.
    """
    files = rule_files(paths or ([] if rules is not None else [_bundled()]))
    texts = tuple((display_path(f), f.read_text(encoding="utf-8")) for f in files)
    if rules is None:
        rules = load_rules(*paths)
    if agreements is None:
        auto = isinstance(witnesses, str) and witnesses == AUTO
        found = analyzer_witnesses(rules) if auto else list(witnesses)
        agreements = default_agreements(found, strict=not auto)
    return RulesUnderTest(rules, texts, agreements, as_of, frozenset(shared_units))


def analyzer_witnesses(rules: RuleSet) -> list[Any]:
    """The witnesses of the analyzer's findings (justified ones too) on ``rules``, when
    z3 (the ``analysis`` extra) is installed; else none. Only replayed witnesses count."""
    from ..analysis import analyze_rules, z3_available

    if not z3_available():
        return []
    try:
        result = analyze_rules(rules._checked, rules)
    except KerjasamaError:
        return []  # rules the analyzer cannot take: the search goes on without seeds
    found = (*result.findings, *result.justified)
    return [f.witness for f in found if f.witness is not None and f.witness.reproduced]


def _bundled() -> Path:
    from ..engine.rulefiles import bundled_rules_path

    return bundled_rules_path()


def default_agreements(
    witnesses: Iterable[Any] = (), *, strict: bool = True
) -> st.SearchStrategy[Agreement]:
    """Compliant agreements, realistic agreements and, if any, mutated witnesses.

    ``strict``: witnesses that do not load are an error (else they are left out)."""
    from .building import from_witnesses

    parts = [compliant_agreements(), agreements()]
    found = list(witnesses)
    if found:
        try:
            parts.insert(0, from_witnesses(found))
        except ConfigurationError:
            if strict:
                raise
    return st.one_of(*parts)


# ------------------------------------------------------------------ comparing reports
def outcome_signature(report: Report) -> Sig:
    """What the properties compare: the verdict, and per rule (sorted by id) its status
    and the status, severity and citation of each finding; determinations by value."""
    outcomes = tuple(
        sorted(
            (
                o.rule,
                o.status,
                tuple(sorted((f.status, f.severity, f.citation.text) for f in o.findings)),
            )
            for o in report.outcomes
        )
    )
    dets = tuple(sorted((d.name, repr(d.value)) for d in report.determinations))
    return (report.verdict, outcomes, dets)


def _differences(a: Sig, b: Sig) -> list[str]:
    out = [f"verdict {a[0]} != {b[0]}"] if a[0] != b[0] else []
    left, right = dict((o[0], o[1:]) for o in a[1]), dict((o[0], o[1:]) for o in b[1])
    for rule in sorted(set(left) | set(right)):
        if left.get(rule) != right.get(rule):
            out.append(f"rule {rule}: {left.get(rule)} != {right.get(rule)}")
    if a[2] != b[2]:
        out.append(f"determinations {a[2]} != {b[2]}")
    return out


class PropertyFailure(AssertionError):
    """A property does not hold: the message names it and the counterexample."""


def _fail(name: str, agreement: Agreement, lines: Sequence[str]) -> None:
    import yaml

    doc = yaml.safe_dump(_plain(unstructure_agreement(agreement)), sort_keys=False)
    body = "\n".join(f"  {line}" for line in lines[:12])
    raise PropertyFailure(f"property {name} does not hold:\n{body}\nfor the agreement:\n{doc}")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _evaluate(rules: RuleSet, agreement: Agreement, as_of: datetime.date) -> Report:
    return rules.evaluate(agreement, as_of=as_of)


# ------------------------------------------------------------------ the properties
def property_determinism(t: RulesUnderTest) -> Callable[[], None]:
    """The same agreement, evaluated twice and by a fresh compilation: the same report."""
    fresh = _recompile(t, lambda name, text: text) if t.texts else t.rules

    @given(t.agreements)
    def determinism(agreement: Agreement) -> None:
        first = outcome_signature(_evaluate(t.rules, agreement, t.as_of))
        for again in (t.rules, fresh):
            diff = _differences(first, outcome_signature(_evaluate(again, agreement, t.as_of)))
            if diff:
                _fail("determinism", agreement, diff)

    return determinism


def _recompile(
    t: RulesUnderTest, edit: Callable[[str, str], str], order: Sequence[int] | None = None
) -> RuleSet:
    """The rule set built again from its files' texts, each edited, in ``order``."""
    idx = list(order) if order is not None else list(range(len(t.texts)))
    trees = [parse(edit(t.texts[i][0], t.texts[i][1]), source=t.texts[i][0]) for i in idx]
    return RuleSet(check(trees))


def property_order_independence(t: RulesUnderTest) -> Callable[[], None]:
    """Rule files checked in other orders and agreement keys shuffled: same outcomes."""
    n = len(t.texts)
    orders = [list(reversed(range(n)))]
    rng = random.Random(20260713)  # fixed: the same shuffles in every run, reproducible
    for _ in range(2):
        perm = list(range(n))
        rng.shuffle(perm)
        orders.append(perm)
    variants = [_recompile(t, lambda name, text: text, o) for o in orders] if n > 1 else []

    @given(t.agreements, st.randoms(use_true_random=False))
    def order_independence(agreement: Agreement, shuffler: random.Random) -> None:
        base = outcome_signature(_evaluate(t.rules, agreement, t.as_of))
        for i, other in enumerate(variants):
            diff = _differences(base, outcome_signature(_evaluate(other, agreement, t.as_of)))
            if diff:
                _fail("order_independence", agreement, [f"file order {orders[i]}:", *diff])
        shuffled = _load(_shuffle_keys(_doc(agreement), shuffler))
        diff = _differences(base, outcome_signature(_evaluate(t.rules, shuffled, t.as_of)))
        if diff:
            _fail("order_independence", agreement, ["keys in another order:", *diff])

    return order_independence


def _shuffle_keys(value: Any, rng: random.Random) -> Any:
    if isinstance(value, dict):
        keys = list(value)
        rng.shuffle(keys)
        return {k: _shuffle_keys(value[k], rng) for k in keys}
    if isinstance(value, list):
        return [_shuffle_keys(v, rng) for v in value]
    return value


def _read_paths(rules: RuleSet, jenis: Jenis) -> set[tuple[str, ...]]:
    return facts_read(rules, jenis)


def property_irrelevant_facts(t: RulesUnderTest) -> Callable[[], None]:
    """A fact no rule reads, replaced by another agreement's value, changes nothing."""
    paths = {j: irrelevant_paths(t.rules, j) for j in Jenis}

    @given(t.agreements, st.data())
    def irrelevant_facts(agreement: Agreement, data: st.DataObject) -> None:
        candidates = paths[agreement.jenis]
        if not candidates:
            return
        donor = _doc(data.draw(jenis_agreements(agreement.jenis), label="donor"))
        doc = _doc(agreement)
        chosen = data.draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=4))
        for path in chosen:
            doc = _transplant(doc, donor, path)
        try:
            changed = _load(doc)
        except KerjasamaError:
            return  # a transplanted value that does not fit this agreement's shape
        note(f"replaced: {['.'.join(p) for p in chosen]}")
        base = outcome_signature(_evaluate(t.rules, agreement, t.as_of))
        diff = _differences(base, outcome_signature(_evaluate(t.rules, changed, t.as_of)))
        if diff:
            _fail(
                "irrelevant_facts",
                agreement,
                [f"changing {', '.join('.'.join(p) for p in chosen)} (read by no rule):", *diff],
            )

    return irrelevant_facts


def irrelevant_paths(rules: RuleSet, jenis: Jenis) -> list[tuple[str, ...]]:
    """Facts (top-level fields, and fields of a record) that no rule able to apply to
    ``jenis`` and no determination reads."""
    import typing

    read = _read_paths(rules, jenis)
    tops = {p[0] for p in read}
    hints = typing.get_type_hints(Agreement)
    out: list[tuple[str, ...]] = []
    for field in attrs.fields(Agreement):
        if field.name not in tops:
            out.append((field.name,))
            continue
        sub = next(
            (a for a in typing.get_args(hints[field.name]) if attrs.has(a)),
            hints[field.name] if attrs.has(hints[field.name]) else None,
        )
        if sub is None:
            continue
        for inner in attrs.fields(sub):
            if not any(p[:2] == (field.name, inner.name) for p in read):
                out.append((field.name, inner.name))
    return out


def _transplant(doc: dict[str, Any], donor: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    out = dict(doc)
    if len(path) == 1:
        if donor.get(path[0]) is None:
            out.pop(path[0], None)
        else:
            out[path[0]] = donor[path[0]]
        return out
    record, donor_record = out.get(path[0]), donor.get(path[0])
    # Only change a field inside a record that is there and stays non-empty: whether the
    # record itself is present is a fact a rule may read (`terisi dprd`).
    if not isinstance(record, dict) or not isinstance(donor_record, dict):
        return out
    value = donor_record.get(path[1])
    record = dict(record)
    if value is None:
        record.pop(path[1], None)
    else:
        record[path[1]] = value
    if record:
        out[path[0]] = record
    return out


def property_monotonicity(t: RulesUnderTest) -> Callable[[], None]:
    """Adding a missing fact never turns a rule's ``fail`` into ``unknown``."""

    @given(t.agreements, st.data())
    def monotonicity(agreement: Agreement, data: st.DataObject) -> None:
        doc = _doc(agreement)
        facts = sorted(known_facts(doc))
        if not facts:
            return
        path = data.draw(st.sampled_from(facts), label="fact")
        partial = _load(forget(doc, path))
        before = _evaluate(t.rules, partial, t.as_of)
        after = _evaluate(t.rules, agreement, t.as_of)
        if before.reference_date != after.reference_date:
            return  # the law in time: another version of the law may apply (documented)
        statuses = {o.rule: o.status for o in after.outcomes}
        turned = [
            o.rule
            for o in before.outcomes
            if o.status == "fail" and statuses.get(o.rule) == "unknown"
        ]
        if turned:
            _fail(
                "monotonicity",
                agreement,
                [
                    f"adding `{'.'.join(path)}` turns fail into unknown for: " + ", ".join(turned),
                    "(the agreement shown is the one with the fact; remove it to see the fail)",
                ],
            )

    return monotonicity


def property_one_rule_per_unit(t: RulesUnderTest) -> Callable[[], None]:
    """No unit of law fails under two rules for the same agreement (unless declared)."""

    @given(t.agreements)
    def one_rule_per_unit(agreement: Agreement) -> None:
        report = _evaluate(t.rules, agreement, t.as_of)
        by_unit: dict[str, set[str]] = {}
        for o in report.outcomes:
            for f in o.findings:
                if f.status == "fail":
                    by_unit.setdefault(f.citation.text, set()).add(o.rule)
        clashes = [
            f"{unit}: fails under {', '.join(sorted(r))}"
            for unit, r in sorted(by_unit.items())
            if len(r) > 1 and unit not in t.shared_units
        ]
        if clashes:
            _fail("one_rule_per_unit", agreement, clashes)

    return one_rule_per_unit


def _bool_paths(rules: RuleSet) -> dict[Jenis, list[tuple[str, ...]]]:
    import typing

    hints = typing.get_type_hints(Agreement)
    out: dict[Jenis, list[tuple[str, ...]]] = {}
    for jenis in Jenis:
        paths = []
        for p in sorted(_read_paths(rules, jenis)):
            if "[]" in p or len(p) > 2:
                continue
            kind = hints.get(p[0])
            if len(p) == 2:
                rec = next((a for a in typing.get_args(kind) if attrs.has(a)), None)
                kind = typing.get_type_hints(rec).get(p[1]) if rec is not None else None
            if kind is not None and bool in typing.get_args(kind):
                paths.append(p)
        out[jenis] = paths
    return out


def property_no_fail_both_ways(t: RulesUnderTest) -> Callable[[], None]:
    """No boolean fact makes a requirement fail on its own whichever its value."""
    paths = _bool_paths(t.rules)

    @given(t.agreements, st.data())
    def no_fail_both_ways(agreement: Agreement, data: st.DataObject) -> None:
        candidates = paths[agreement.jenis]
        if not candidates:
            return
        path = data.draw(st.sampled_from(candidates), label="fact")
        where = "$." + ".".join(path)
        blamed: list[list[str]] = []
        for value in (True, False):
            doc = _doc(agreement)
            part = doc
            for key in path[:-1]:
                nxt = part.get(key)
                if not isinstance(nxt, dict):
                    nxt = part[key] = {}
                part = nxt
            part[path[-1]] = value
            report = _evaluate(t.rules, _load(doc), t.as_of)
            blamed.append(
                [
                    f"{o.rule} ({f.citation.text})"
                    for o in report.outcomes
                    for f in o.findings
                    if f.status == "fail" and f.evidence and {e.path for e in f.evidence} <= {where}
                ]
            )
        if blamed[0] and blamed[1]:
            _fail(
                "no_fail_both_ways",
                agreement,
                [
                    f"`{'.'.join(path)}: true` fails {', '.join(blamed[0])}",
                    f"`{'.'.join(path)}: false` fails {', '.join(blamed[1])}",
                ],
            )

    return no_fail_both_ways


def _to_en(name: str, text: str) -> str:
    return format_source(text, source=name, lang="en")


def _round_trip(name: str, text: str) -> str:
    return format_source(format_source(text, source=name, lang="en"), source=name, lang="id")


def _fmt(name: str, text: str) -> str:
    return format_source(text, source=name)


# The rewrites of the rule files that must not change any outcome, by name. Read when a
# property is built, so a test can replace one (the mutation check does).
REWRITES: Mapping[str, Callable[[str, str], str]] = {
    "en": _to_en,
    "en-id": _round_trip,
    "fmt": _fmt,
}


def property_translation(t: RulesUnderTest) -> Callable[[], None]:
    """The files in English keywords, back in Indonesian, and formatted: same outcomes."""
    variants: list[tuple[str, RuleSet]] = []
    if t.texts:
        for label, rewrite in REWRITES.items():
            try:
                variants.append((label, _recompile(t, rewrite)))
            except KerjasamaError as exc:
                msg = f"property translation: the `{label}` rewrite of the rules does not load"
                raise PropertyFailure(f"{msg}: {exc}") from None

    @given(t.agreements)
    def translation(agreement: Agreement) -> None:
        base = outcome_signature(_evaluate(t.rules, agreement, t.as_of))
        for label, other in variants:
            diff = _differences(base, outcome_signature(_evaluate(other, agreement, t.as_of)))
            if diff:
                _fail("translation", agreement, [f"rules rewritten ({label}):", *diff])

    return translation


# ------------------------------------------------------------------ running them
PROPERTIES: Mapping[str, Callable[[RulesUnderTest], Callable[[], None]]] = {
    "determinism": property_determinism,
    "order_independence": property_order_independence,
    "irrelevant_facts": property_irrelevant_facts,
    "monotonicity": property_monotonicity,
    "one_rule_per_unit": property_one_rule_per_unit,
    "no_fail_both_ways": property_no_fail_both_ways,
    "translation": property_translation,
}


def property_tests(
    t: RulesUnderTest,
    *,
    only: Iterable[str] | None = None,
    skip: Iterable[str] = (),
    max_examples: int | None = None,
    **hypothesis_settings: Any,
) -> dict[str, Callable[[], None]]:
    """The properties as test functions by name, under hypothesis's current settings
    profile (without a deadline), or with ``max_examples`` per property; any other
    keyword is a :class:`hypothesis.settings` option (e.g. ``phases``, ``database``)."""
    names = list(only) if only is not None else list(PROPERTIES)
    unknown = [n for n in [*names, *skip] if n not in PROPERTIES]
    if unknown:
        msg = f"no property named {', '.join(unknown)}; known: {', '.join(PROPERTIES)}"
        raise ConfigurationError(msg)
    out: dict[str, Callable[[], None]] = {}
    for name in names:
        if name in skip:
            continue
        test = PROPERTIES[name](t)
        # The current profile's settings, but no deadline: a first evaluation compiles
        # and fills caches, and a slow example is not a broken property.
        extra: dict[str, Any] = {"deadline": None, **hypothesis_settings}
        if max_examples is not None:
            extra["max_examples"] = max_examples
        out[name] = settings(**extra)(test)
    return out


def check_rule_properties(
    *paths: str | os.PathLike[str],
    rules: RuleSet | None = None,
    only: Iterable[str] | None = None,
    skip: Iterable[str] = (),
    agreements: st.SearchStrategy[Agreement] | None = None,
    witnesses: Iterable[Any] | str = AUTO,
    shared_units: Iterable[str] = (),
    as_of: datetime.date = AS_OF,
    max_examples: int | None = None,
    **hypothesis_settings: Any,
) -> None:
    """Run every ready property over a rule directory (or files, or a :class:`RuleSet`).

    One line in a user's test module::

        def test_my_rules():
            check_rule_properties("rules/mine")

    Other keywords are :class:`hypothesis.settings` options for every property.

    Raises:
        PropertyFailure: one or more properties do not hold; the message gives each with
            its counterexample.
    """
    t = rules_under_test(
        *paths,
        rules=rules,
        agreements=agreements,
        witnesses=witnesses,
        as_of=as_of,
        shared_units=shared_units,
    )
    failures: list[str] = []
    tests = property_tests(
        t, only=only, skip=skip, max_examples=max_examples, **hypothesis_settings
    )
    for name, test in tests.items():
        try:
            test()
        except PropertyFailure as exc:
            failures.append(str(exc))
        except AssertionError as exc:  # hypothesis's own (flaky, unsatisfiable)
            failures.append(f"property {name}: {exc}")
    if failures:
        raise PropertyFailure("\n\n".join(failures))
