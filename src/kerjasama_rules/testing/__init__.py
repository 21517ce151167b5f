"""A kit for property-based tests of rules and agreements (with the ``test`` extra).

Strategies (also public as ``kerjasama_rules.strategies``): :func:`agreements` and
:func:`agreement_documents` (realistic and messy), and the building blocks
:func:`agreements_of` (by ``jenis``, signed or not, DPRD decided or not, dates in order),
:func:`with_unknown_facts`, :func:`compliant_agreements`, :func:`applicable_to` (one
rule's agreements) and :func:`from_witnesses` (the analyzer's witnesses, mutated).

Ready properties of any rule directory: :func:`check_rule_properties` runs them all in one
line; :func:`property_tests` gives them one by one (see ``docs/testing.md``). The law
inventory as data: :func:`law_units`. Without z3, :func:`search_rules` stands in for
``kerjasama analyze`` with a bounded search.

The kit sits above the tools and the law (stage 6): it checks what they compute — the
formatter's and the translator's rewrites, the analyzer's witnesses (passed in as data),
the inventory — so it may import them, and none of them imports it.

May import: ``law``, ``drafting``, ``analysis`` (its plain findings data only, never z3),
``portfolio``, ``engine``, ``language``, ``model`` and the base modules.
"""

from ..law.units import LawUnit, LawUnits, law_units
from .building import (
    AS_OF,
    agreements_of,
    applicable_to,
    compliant_agreements,
    from_witnesses,
    mined_values,
    procedure_dates,
    rule_jenis,
    with_unknown_facts,
)
from .properties import (
    PROPERTIES,
    PropertyFailure,
    RulesUnderTest,
    check_rule_properties,
    outcome_signature,
    property_tests,
    rules_under_test,
)
from .search import search_analysis, search_rules
from .strategies import agreement_documents, agreements, jenis_agreements

__all__ = [
    "AS_OF",
    "PROPERTIES",
    "LawUnit",
    "LawUnits",
    "PropertyFailure",
    "RulesUnderTest",
    "agreement_documents",
    "agreements",
    "agreements_of",
    "applicable_to",
    "check_rule_properties",
    "compliant_agreements",
    "from_witnesses",
    "jenis_agreements",
    "law_units",
    "mined_values",
    "outcome_signature",
    "procedure_dates",
    "property_tests",
    "rule_jenis",
    "rules_under_test",
    "search_analysis",
    "search_rules",
    "with_unknown_facts",
]
