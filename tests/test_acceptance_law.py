"""Acceptance scenarios written from the law: every row of the legal reference's rule
matrix, as a lawyer states the expected outcome, run against the installed library.

The scenarios (``tests/acceptance/*.yaml``) were written from the legal reference and the
documented agreement format (docs/agreement-format.md), not from the rules. Each one
names a base agreement (a realistic compliant cooperation of one kind), the facts changed,
the interpretation switches set, and what must follow:

* ``putusan``: the verdict (``pass``, ``fail``, ``unknown``);
* ``gagal``: units of law that must be found in breach as errors (a finding citing the unit
  or a unit inside it);
* ``peringatan``: units that must be found in breach as warnings only;
* ``tidak_gagal``: units no error may cite;
* ``tidak_diketahui``: units that must stay undetermined;
* ``pesan_memuat``: words the message of the finding on a unit must contain (the doubt of a
  medium-confidence point, the evidence mode).

With ``gagal``, every error must cite one of the listed units (or one listed in
``juga``): a scenario about one defect must not fail for another.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import kerjasama_rules as kr
from kerjasama_rules.law.wording import parse_unit_reference

HERE = Path(__file__).resolve().parent / "acceptance"
FILES = sorted(HERE.glob("*.yaml"))


def _merge(base: Any, change: Any) -> Any:
    """``change`` laid over ``base``: mappings merge key by key, ``null`` removes a key."""
    if not isinstance(base, dict) or not isinstance(change, dict):
        return copy.deepcopy(change)
    out = copy.deepcopy(base)
    for key, value in change.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = _merge(out.get(key), value)
    return out


def _scenarios() -> Iterator[Any]:
    for path in FILES:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for s in doc["skenario"]:
            agreement = _merge(doc["dasar"][s["dasar"]], s.get("ubah") or {})
            yield pytest.param(doc.get("as_of"), agreement, s, id=f"{path.stem}: {s['nama']}")


def _unit(text: str) -> tuple[str, int, int | None, str | None]:
    return parse_unit_reference(text)


def _within(expected: str, citation: kr.Citation) -> bool:
    """The citation names the expected unit or a unit inside it."""
    inst, pasal, ayat, huruf = _unit(expected)
    if citation.penjelasan or citation.pasal != pasal:
        return False
    if " ".join((citation.instrument or "").split()).upper() != inst.upper():
        return False
    if ayat is not None and citation.ayat != ayat:
        return False
    return huruf is None or citation.huruf == huruf


def _cites(finding: kr.Finding, expected: str) -> bool:
    return any(_within(expected, c) for c in (finding.citation, *finding.citations))


RULES = kr.load_rules()


@pytest.mark.parametrize(("as_of", "agreement", "scenario"), list(_scenarios()))
def test_scenario(
    as_of: datetime.date, agreement: dict[str, Any], scenario: dict[str, Any]
) -> None:
    want = scenario["harapan"]
    report = RULES.evaluate(
        kr.load_agreement(agreement), as_of=as_of, switches=scenario.get("saklar") or {}
    )
    findings = [(o, f) for o in report.outcomes for f in o.findings]
    errors = [f for _, f in findings if f.status == "fail" and f.severity == "error"]
    warnings = [f for _, f in findings if f.status == "fail" and f.severity != "error"]
    unknowns = [f for _, f in findings if f.status == "unknown"]

    def shown(fs: list[kr.Finding]) -> str:
        return "; ".join(f"{f.citation.text}: {f.message('id')[:90]}" for f in fs) or "none"

    context = f"errors: {shown(errors)}\nwarnings: {shown(warnings)}\nunknown: {shown(unknowns)}"
    if "putusan" in want:
        assert report.verdict == want["putusan"], context
    for unit in want.get("gagal", []):
        assert any(_cites(f, unit) for f in errors), f"no error on {unit}\n{context}"
    if want.get("gagal"):
        allowed = [*want["gagal"], *want.get("juga", [])]
        stray = [f for f in errors if not any(_cites(f, u) for u in allowed)]
        assert not stray, f"errors beyond {allowed}: {shown(stray)}\n{context}"
    for unit in want.get("peringatan", []):
        assert any(_cites(f, unit) for f in warnings), f"no warning on {unit}\n{context}"
    for unit in want.get("tidak_gagal", []):
        assert not any(_cites(f, unit) for f in errors), f"error on {unit}\n{context}"
    for unit in want.get("tidak_diketahui", []):
        assert any(_cites(f, unit) for f in unknowns), f"{unit} not undetermined\n{context}"
    for unit, words in (want.get("pesan_memuat") or {}).items():
        on_unit = [f for _, f in findings if f.status == "fail" and _cites(f, unit)]
        assert on_unit, f"no finding on {unit}\n{context}"
        for word in words:
            assert any(word.lower() in f.message("id").lower() for f in on_unit), (
                f"no message on {unit} says {word!r}\n{context}"
            )


def test_the_scenarios_cover_every_row_of_the_rule_matrix() -> None:
    rows = set()
    count = 0
    for path in FILES:
        for s in yaml.safe_load(path.read_text(encoding="utf-8"))["skenario"]:
            rows.update(s.get("baris", []))
            count += 1
    assert rows >= {f"R{n:02d}" for n in range(1, 29)}, sorted(rows)
    assert count >= 70
