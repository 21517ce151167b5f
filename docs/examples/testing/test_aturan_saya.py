"""The example of docs/testing.md: a user's property tests of their own rule directory.

Run it from this folder with ``pytest test_aturan_saya.py`` (the ``test`` extra installs
pytest and hypothesis; the kerjasama pytest plugin comes with the package).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings

import kerjasama_rules as kr
from kerjasama_rules.model.agreement import Jenis
from kerjasama_rules.strategies import AS_OF, agreements_of, applicable_to, compliant_agreements
from kerjasama_rules.testing import check_rule_properties

HERE = Path(__file__).parent
RULES_DIR = HERE / "aturan_saya"
RULES = kr.load_rules(RULES_DIR)


# 1. Every ready property, one line.
def test_ready_properties() -> None:
    check_rule_properties(RULES_DIR, max_examples=20)


# 2. The same through the pytest plugin's marker (the body runs first, then the properties).
@pytest.mark.kerjasama_properties(rules=str(RULES_DIR), max_examples=20)
def test_ready_properties_by_marker() -> None:
    pass


# 3. A property of your own, over agreements the rule applies to.
@settings(max_examples=30)
@given(applicable_to(RULES, "saya-27-1-c"))
def test_an_office_abroad_always_fails(agreement: kr.Agreement) -> None:
    report = RULES.evaluate(agreement, as_of=AS_OF)
    outcome = report.outcome("saya-27-1-c")
    if agreement.kantor_perwakilan_luar_negeri is True:
        assert outcome.status == "fail"
    elif agreement.kantor_perwakilan_luar_negeri is None:
        assert outcome.status == "unknown"  # missing is not false


# 4. Realistic agreements with the facts you care about fixed.
@settings(max_examples=30)
@given(agreements_of(Jenis.KSDPL, signed=True, dprd_decided=True))
def test_signed_after_the_dprd_decided(agreement: kr.Agreement) -> None:
    assert agreement.dprd is not None and agreement.perjanjian is not None
    assert agreement.dprd.tanggal_keputusan is not None
    assert agreement.perjanjian.tanggal_ttd is not None
    assert agreement.dprd.tanggal_keputusan <= agreement.perjanjian.tanggal_ttd


# 5. Compliant agreements stay compliant under your rules too.
@settings(max_examples=30)
@given(compliant_agreements([Jenis.KSDPL, Jenis.KSDLL]))
def test_compliant_agreements_pass(agreement: kr.Agreement) -> None:
    assert RULES.evaluate(agreement, as_of=datetime.date(2026, 11, 29)).verdict == "pass"
