"""The law inventory as a public API: units of law, checkable or not, and the rules citing each.

A small typed facade over :mod:`.inventory` (the ``inventaris.yaml`` files) and the
citations of a :class:`~kerjasama_rules.engine.evaluator.RuleSet`, for users' own tests
and tools: "is every checkable unit encoded?", "which rules cite Pasal 30 ayat (4)?",
"does this rule cite a unit that exists?". Exported as ``kerjasama_rules.law_units``.

Examples:
    >>> import kerjasama_rules as kr
    >>> law = kr.law_units(kr.load_rules())
    >>> unit = law.unit("PP 28/2018", 30, 4)
    >>> unit.checkable, "pp28-30-4" in unit.rules
    (True, True)
    >>> law.cited_by("pp28-30-4")[0].citation
    'Pasal 30 ayat (4) PP 28/2018'
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import attrs

from ..engine.evaluator import RuleSet
from ..language import nodes
from .inventory import Inventory, Unit, load_inventory, normalize_instrument

__all__ = ["LawUnit", "LawUnits", "law_units"]


@attrs.frozen
class LawUnit:
    """One unit of law (a pasal, an ayat or a huruf) and the rules that cite it.

    ``checkable``: facts of an agreement can check it (``dapat_diperiksa`` in the
    inventory). ``counted``: coverage counts it (the most specific checkable unit).
    ``rules``: ids of the rules with a citation at or inside this unit, in load order.
    """

    instrument: str
    pasal: int
    ayat: int | None
    huruf: str | None
    title: str | None
    checkable: bool
    counted: bool
    confidence: str | None
    wording: str | None
    rules: tuple[str, ...]

    @property
    def citation(self) -> str:
        """Indonesian citation order: ``Pasal 30 ayat (4) PP 28/2018``."""
        parts = [f"Pasal {self.pasal}"]
        if self.ayat is not None:
            parts.append(f"ayat ({self.ayat})")
        if self.huruf is not None:
            parts.append(f"huruf {self.huruf}")
        return " ".join([*parts, self.instrument])


@attrs.frozen
class LawUnits:
    """Every inventoried unit with the rules citing it; look-ups by address or rule."""

    units: tuple[LawUnit, ...]
    # Citations of the rules that name no inventoried unit: (rule id, citation text).
    uninventoried: tuple[tuple[str, str], ...] = ()

    def unit(
        self, instrument: str, pasal: int, ayat: int | None = None, huruf: str | None = None
    ) -> LawUnit | None:
        """The unit with exactly this address, or ``None``."""
        key = (normalize_instrument(instrument), pasal, ayat, huruf)
        return next(
            (u for u in self.units if (u.instrument, u.pasal, u.ayat, u.huruf) == key), None
        )

    def checkable(self) -> tuple[LawUnit, ...]:
        """The units that coverage counts (the most specific checkable ones)."""
        return tuple(u for u in self.units if u.counted)

    def uncited(self) -> tuple[LawUnit, ...]:
        """Counted units that no rule cites: the law the rules do not encode yet."""
        return tuple(u for u in self.units if u.counted and not u.rules)

    def cited_by(self, rule_id: str) -> tuple[LawUnit, ...]:
        """The units a rule cites (at or inside them), most specific first."""
        found = [u for u in self.units if rule_id in u.rules]
        return tuple(sorted(found, key=lambda u: -(u.ayat is not None) - (u.huruf is not None)))


def _citations(rule: nodes.Rule) -> tuple[nodes.Citation, ...]:
    return (*rule.citations, *(c for q in rule.requirements for c in q.citations))


def law_units(rules: RuleSet | None = None, *inventories: str | os.PathLike[str]) -> LawUnits:
    """The units of law of the inventories, each with the rules of ``rules`` citing it.

    Args:
        rules: the rules whose citations to attach (none: every ``rules`` tuple is empty).
        inventories: ``inventaris.yaml`` files or folders; the bundled ones by default.

    Raises:
        InventoryError: an inventory file is malformed.
        ConfigurationError: a path does not exist.
    """
    from .coverage import covers  # the rule-test machinery, only when asked

    inventory: Inventory = load_inventory(*inventories)
    counted = {u.key for u in inventory.checkable_units()}
    rule_list: Iterable[nodes.Rule] = rules.rules if rules is not None else ()
    cites = [(r.id, c) for r in rule_list for c in _citations(r)]

    def citing(unit: Unit) -> tuple[str, ...]:
        return tuple(dict.fromkeys(rid for rid, c in cites if covers(c, unit)))

    units = tuple(
        LawUnit(
            instrument=u.instrument,
            pasal=u.pasal,
            ayat=u.ayat,
            huruf=u.huruf,
            title=u.title,
            checkable=u.checkable,
            counted=u.key in counted,
            confidence=u.confidence,
            wording=u.wording,
            rules=citing(u),
        )
        for u in inventory.units()
    )
    known = set(inventory.instruments)
    missing = tuple(
        dict.fromkeys(
            (rid, c.text)
            for rid, c in cites
            if c.instrument in known
            and inventory.has(c.instrument, c.pasal or 0, c.ayat, c.huruf) is False
        )
    )
    return LawUnits(units=units, uninventoried=missing)
