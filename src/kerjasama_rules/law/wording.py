"""The law's own words beside the rules that encode them: one unit, or a whole instrument.

Joins the inventory (:mod:`kerjasama_rules.law.inventory`), whose units carry their
wording or the reason it is missing, with the rules that cite each unit and, when a
coverage report is given, the rule tests that break and satisfy it. The output layer
formats the result (``kerjasama law``, the pages of ``docs/law/``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from ..engine.evaluator import RuleSet
from ..errors import Diagnostic, KerjasamaError
from ..language import nodes
from .coverage import CoverageReport, UnitCoverage
from .inventory import Inventory, Unit, normalize_instrument, units_under

__all__ = [
    "CitedLaw",
    "LawEntry",
    "UnitReferenceError",
    "cited_law",
    "entries_for",
    "parse_unit_reference",
]

DEFAULT_INSTRUMENT = "PP 28/2018"

_REF = re.compile(
    r"^\s*(?:(?P<inst1>[A-Za-z]+\s+\d+/\d{4})\s+)?Pasal\s+(?P<pasal>\d+)"
    r"(?:\s+ayat\s*\(\s*(?P<ayat>\d+)\s*\))?(?:\s+huruf\s+(?P<huruf>[a-z]))?"
    r"(?:\s+(?P<inst2>[A-Za-z]+\s+\d+/\d{4}))?\s*$",
    re.IGNORECASE | re.ASCII,
)


class UnitReferenceError(KerjasamaError):
    """A unit of law was named badly or is not in the inventory (``law.*`` codes)."""

    default_code = "law.unknown-unit"


@attrs.frozen
class RuleRef:
    """A rule citing a unit: its id and where it is written (``file:line``)."""

    id: str
    location: str


@attrs.frozen
class LawEntry:
    """One unit of law with the rules that cite it and, for a checkable leaf, its tests."""

    unit: Unit
    rules: tuple[RuleRef, ...] = ()
    coverage: UnitCoverage | None = None


def parse_unit_reference(text: str) -> tuple[str, int, int | None, str | None]:
    """``"Pasal 30 ayat (3)"`` → ``("PP 28/2018", 30, 3, None)``.

    The instrument may come first or last (``UU 23/2014 Pasal 370``, ``Pasal 370
    UU 23/2014``); without one, PP 28/2018 is meant.

    Raises:
        UnitReferenceError: the text is not a citation of a pasal, ayat or huruf.
    """
    m = _REF.match(text)
    if m is None:
        msg = f"`{text}` is not a unit of law"
        help = (
            'write e.g. "Pasal 30 ayat (3)", "Pasal 27 ayat (1) huruf a" or "UU 23/2014 Pasal 370"'
        )
        raise UnitReferenceError([Diagnostic(code="law.bad-reference", message=msg, help=help)])
    inst = m.group("inst1") or m.group("inst2") or DEFAULT_INSTRUMENT
    ayat = m.group("ayat")
    return (
        normalize_instrument(" ".join(inst.split())),
        int(m.group("pasal")),
        int(ayat) if ayat else None,
        m.group("huruf"),
    )


def _covers(c: nodes.Citation, u: Unit) -> bool:
    """The citation names the unit itself or a unit inside it."""
    if c.penjelasan or c.instrument != u.instrument or c.pasal != u.pasal:
        return False
    if u.ayat is not None and c.ayat != u.ayat:
        return False
    return u.huruf is None or c.huruf == u.huruf


def _rule_refs(rules: RuleSet, unit: Unit) -> tuple[RuleRef, ...]:
    out: list[RuleRef] = []
    for rule in rules.rules:
        cites = [*rule.citations, *(c for q in rule.requirements for c in q.citations)]
        if any(_covers(c, unit) for c in cites):
            where = f"{rule.span.source.name}:{rule.span.line}" if rule.span else "?"
            out.append(RuleRef(rule.id, where))
    return tuple(out)


def entries_for(
    inventory: Inventory,
    rules: RuleSet,
    reference: tuple[str, int, int | None, str | None] | None = None,
    *,
    instrument: str | None = None,
    coverage: CoverageReport | None = None,
) -> list[LawEntry]:
    """The entries of one unit and the units inside it, or of a whole instrument.

    Args:
        reference: ``(instrument, pasal, ayat, huruf)`` of one unit (see
            :func:`parse_unit_reference`).
        instrument: every unit of this instrument instead.
        coverage: a coverage report, to attach the tests of each checkable leaf.

    Raises:
        UnitReferenceError: the unit or instrument is not in the inventory.
    """
    by_key = {c.unit.key: c for c in coverage.units} if coverage is not None else {}
    if reference is not None:
        unit = inventory.unit(*reference)
        if unit is None:
            inst, pasal, ayat, huruf = reference
            label = Unit(inst, pasal, ayat, huruf).text
            msg = f"`{label}` is not in the law inventory"
            known = ", ".join(inventory.instruments)
            help = f"inventoried instruments: {known}; see `rules/*/inventaris.yaml`"
            raise UnitReferenceError([Diagnostic(code="law.unknown-unit", message=msg, help=help)])
        units: Sequence[Unit] = units_under(inventory.units(), unit)
    else:
        inst = normalize_instrument(instrument or DEFAULT_INSTRUMENT)
        units = [u for u in inventory.units() if u.instrument == inst]
        if not units:
            msg = f"`{inst}` is not in the law inventory"
            raise UnitReferenceError([Diagnostic(code="law.unknown-unit", message=msg)])
    return [LawEntry(u, _rule_refs(rules, u), by_key.get(u.key)) for u in units]


@attrs.frozen
class CitedLaw:
    """What the inventory holds for one cited unit (``--show-law``).

    ``unit`` is the most specific inventoried unit containing the citation (the huruf,
    else its ayat, else its pasal), or None when the inventory does not list it.
    ``summary``/``summary_en`` are the inventory's own paraphrase (the pasal's title and
    any ``ringkasan`` down to the unit): a reading aid, never the official text, which is
    ``unit.wording`` when a source quoting it exactly is at hand, and otherwise missing
    for the reason in ``unit.wording_missing``.
    """

    citation: str
    unit: Unit | None
    summary: str | None = None
    summary_en: str | None = None


def cited_law(inventory: Inventory, citation: nodes.Citation) -> CitedLaw:
    """The inventory's entry for a unit cited by a finding, a pending duty or a rule.

    Examples:
        >>> from kerjasama_rules.law.inventory import load_inventory
        >>> c = nodes.Citation("PP 28/2018", 30, ayat=3, huruf="f")
        >>> found = cited_law(load_inventory(), c)
        >>> found.unit.text, found.unit.wording is None
        ('Pasal 30 ayat (3) huruf f PP 28/2018', True)
    """
    if citation.penjelasan or citation.pasal is None:
        # The elucidation (Penjelasan) is not inventoried unit by unit, nor a whole act.
        return CitedLaw(citation.text, None)
    inst = normalize_instrument(citation.instrument or DEFAULT_INSTRUMENT)
    keys: list[tuple[int | None, str | None]] = [(None, None)]
    if citation.ayat is not None:
        keys.append((citation.ayat, None))
    if citation.huruf is not None:
        keys.append((citation.ayat, citation.huruf))
    chain: list[Unit] = []
    for ayat, huruf in keys:
        u = inventory.unit(inst, citation.pasal, ayat, huruf)
        if u is not None:
            chain.append(u)
    if not chain:
        return CitedLaw(citation.text, None)
    ids = [x for x in (chain[0].title, *(u.summary for u in chain)) if x]
    ens = [x for x in (chain[0].title_en, *(u.summary_en for u in chain)) if x]
    return CitedLaw(citation.text, chain[-1], "; ".join(ids) or None, "; ".join(ens) or None)
