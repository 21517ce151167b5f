"""Hypothesis strategies for agreements: the public name of ``testing.strategies``.

Kept at this path because the docs and users' tests import ``kerjasama_rules.strategies``.
It holds the realistic and messy generators and the building blocks of
:mod:`kerjasama_rules.testing` (by kind, signed, DPRD decided, compliant, one rule's
agreements, the analyzer's witnesses).
"""

from .testing.building import (
    AS_OF,
    agreements_of,
    applicable_to,
    compliant_agreements,
    from_witnesses,
    procedure_dates,
    with_unknown_facts,
)
from .testing.strategies import agreement_documents, agreements, jenis_agreements

__all__ = [
    "AS_OF",
    "agreement_documents",
    "agreements",
    "agreements_of",
    "applicable_to",
    "compliant_agreements",
    "from_witnesses",
    "jenis_agreements",
    "procedure_dates",
    "with_unknown_facts",
]
