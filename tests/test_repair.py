"""Minimal repair (``kerjasama explain --repair``, ``kerjasama_rules.repair``).

Every repair is checked here by re-evaluating the changed agreement on the engine, its
minimality by re-evaluating each proper subset, and the fixed facts by comparing the
repaired document with the original.
"""

from __future__ import annotations

import datetime
import io
import itertools
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import kerjasama_rules as kr
from kerjasama_rules.analysis.repair_model import (
    DEFAULT_FIXED,
    RepairResult,
    apply_changes,
    doc_get,
    leaf_paths,
    pattern_matches,
    targets_of,
)
from kerjasama_rules.cli.main import main
from kerjasama_rules.strategies import agreements

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
AS_OF = datetime.date(2026, 11, 29)
RULES = kr.load_rules()
BROKEN = sorted(EXAMPLES.glob("*tidak-patuh*.yaml"))


def _cli(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue() + err.getvalue()


def _failing(doc: dict[str, Any], only: str | None = None) -> set[tuple[str, int | None]]:
    """The requirements (rule, index) that do not pass on ``doc``, by the engine."""
    report = RULES.evaluate(kr.load_agreement(doc), as_of=AS_OF)
    return {t.key for t in targets_of(report, only, RULES)}


def _check_result(a: kr.Agreement, result: RepairResult) -> None:
    """Each repair passes on the engine, no proper subset does, no fixed fact moved."""
    doc = kr.unstructure_agreement(a)
    blocked = {t.key for b in result.blocked for t in b.targets}
    only = result.rule
    for rep in result.repairs:
        assert _failing(dict(rep.document), only) <= blocked
        assert _failing(apply_changes(doc, rep.changes), only) <= blocked
        for n in range(rep.size):
            for subset in itertools.combinations(rep.changes, n):
                left = _failing(apply_changes(doc, subset), only) - blocked
                assert left, (subset, rep.changes)
        for c in rep.changes:
            assert not any(pattern_matches(p, c.path) for p in DEFAULT_FIXED), c
            old = doc_get(doc, c.path)
            dated = c.path.rpartition(".")[2].startswith("tanggal")
            if isinstance(old, str) and dated and c.path not in result.free:
                assert datetime.date.fromisoformat(old) >= AS_OF, c
        # Every fact fixed by default, and every date already past, keeps its value.
        for p in leaf_paths(doc):
            old = doc_get(doc, p)
            past = isinstance(old, str) and p in result.fixed
            if past or any(pattern_matches(f, p) for f in DEFAULT_FIXED):
                assert doc_get(rep.document, p) == old, p


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
@pytest.mark.parametrize("use_solver", [None, False], ids=["z3", "search"])
def test_repairs_of_the_bundled_examples_pass_and_are_minimal(
    path: Path, use_solver: bool | None
) -> None:
    a = kr.load_agreement(path)
    result = kr.repair(a, RULES, as_of=AS_OF, use_solver=use_solver)
    assert result.method == ("search" if use_solver is False else "z3")
    assert result.targets
    assert result.repairs or result.blocked
    _check_result(a, result)


def test_a_repair_fills_the_missing_source_of_financing() -> None:
    # The example records the part as absent (an empty text); here it is missing.
    doc = kr.unstructure_agreement(kr.load_agreement(EXAMPLES / "ksdpl-arnhem-tidak-patuh.yaml"))
    del doc["rencana"]["sumber_pembiayaan"]
    a = kr.load_agreement(doc)
    result = kr.repair(a, RULES, as_of=AS_OF, rule="pp28-30-3")
    assert result.status == "repaired" and result.method == "z3"
    # Filling a missing fact is preferred to changing (here: removing) a present one.
    [change] = result.repairs[0].changes
    assert (change.path, change.kind) == ("rencana.sumber_pembiayaan", "fill")


def test_signed_before_the_dprd_decision_cannot_be_repaired() -> None:
    a = kr.load_agreement(EXAMPLES / "ksdpl-arnhem-tidak-patuh.yaml")
    result = kr.repair(a, RULES, as_of=AS_OF, rule="pp28-30-1")
    assert result.status == "no-repair" and not result.complete
    [b] = result.blocked
    assert b.rule == "pp28-30-1"
    assert {n for need in b.needs for n in need} == {
        "dprd.tanggal_keputusan",
        "perjanjian.tanggal_ttd",
    }
    code, text = _cli(
        "explain", "--repair", str(EXAMPLES / "ksdpl-arnhem-tidak-patuh.yaml"), "pp28-30-1",
        "--as-of", "2026-11-29", "--lang", "en",
    )  # fmt: skip
    assert code == 1
    assert "cannot be repaired without changing `" in text
    assert "(a date already past)" in text


def test_freeing_a_past_date_makes_it_repairable() -> None:
    a = kr.load_agreement(EXAMPLES / "ksdpl-arnhem-tidak-patuh.yaml")
    result = kr.repair(a, RULES, as_of=AS_OF, rule="pp28-30-1", free=["dprd.tanggal_keputusan"])
    assert result.status == "repaired"
    paths = {c.path for rep in result.repairs for c in rep.changes}
    assert paths == {"dprd.tanggal_keputusan"}
    _check_result(a, result)


def test_fix_keeps_a_fact_and_nothing_to_repair_on_a_compliant_example() -> None:
    a = kr.load_agreement(EXAMPLES / "ksdd-sampah-kota-bekasi-tidak-patuh.yaml")
    free = kr.repair(a, RULES, as_of=AS_OF)
    assert [c.path for c in free.repairs[0].changes] == ["dprd.keputusan"]
    fixed = kr.repair(a, RULES, as_of=AS_OF, fix=["dprd.keputusan"])
    assert all(c.path != "dprd.keputusan" for r in fixed.repairs for c in r.changes)
    ok = kr.load_agreement(EXAMPLES / "ksdd-sampah-kota-bekasi-patuh.yaml")
    assert kr.repair(ok, RULES, as_of=AS_OF).status == "nothing-to-repair"
    # A repaired agreement needs no further repair.
    repaired = kr.load_agreement(dict(free.repairs[0].document))
    assert kr.repair(repaired, RULES, as_of=AS_OF).status == "nothing-to-repair"


def test_both_languages_and_exit_codes() -> None:
    f = str(EXAMPLES / "ksdd-sampah-kota-bekasi-tidak-patuh.yaml")
    code_id, text_id = _cli("explain", "--repair", f, "--as-of", "2026-11-29")
    code_en, text_en = _cli("explain", "--repair", f, "--as-of", "2026-11-29", "--lang", "en")
    assert code_id == code_en == 0
    assert "ubah `dprd.keputusan` dari `ditolak` menjadi `disetujui`" in text_id
    assert "change `dprd.keputusan` from `ditolak` to `disetujui`" in text_en
    for word in ("Perbaikan", "ubah", "Metode", "Fakta tetap"):
        assert word not in text_en
    for word in ("Repair", "change `", "Method", "Fixed facts"):
        assert word not in text_id


def test_a_list_longer_than_the_solver_bound_falls_back_to_the_search() -> None:
    doc = kr.unstructure_agreement(
        kr.load_agreement(EXAMPLES / "ksdll-universitas-tidak-patuh.yaml")
    )
    doc["urusan"] = [*doc["urusan"], "pendidikan", "kesehatan", "pariwisata", "perhubungan"]
    a = kr.load_agreement(doc)
    result = kr.repair(a, RULES, as_of=AS_OF, rule="pp28-27-1")
    assert result.method == "search"
    assert result.fallback == ("list-bound", "urusan", "4")
    _check_result(a, result)


def test_json_shape() -> None:
    f = str(EXAMPLES / "ksdpl-arnhem-tidak-patuh.yaml")
    code, text = _cli("explain", "--repair", f, "--as-of", "2026-11-29", "--format", "json")
    assert code == 1
    doc = json.loads(text)
    assert doc["schema"] == "kerjasama-repair/1"
    assert doc["method"] == "z3" and doc["proved_minimal"] is True
    assert doc["status"] == "partial"
    assert [b["rule"] for b in doc["blocked"]] == ["pp28-30-1"]
    rep = doc["repairs"][0]
    assert rep["verified"] is True and rep["size"] == len(rep["changes"])
    assert set(rep["changes"][0]) == {"path", "kind", "old", "new", "bound"}
    assert "sumber_pembiayaan: <sumber_pembiayaan>" in rep["yaml"]
    assert "id" in doc["fixed"] and "perjanjian.tanggal_ttd" in doc["fixed"]


def test_bad_input_exits_2() -> None:
    f = str(EXAMPLES / "ksdd-sampah-kota-bekasi-tidak-patuh.yaml")
    assert _cli("explain", "--repair", f, "--fix", "bukan.fakta", "--as-of", "2026-11-29")[0] == 2
    assert _cli("explain", "--repair", f, "no-such-rule", "--as-of", "2026-11-29")[0] == 2
    assert _cli("explain", f)[0] == 2  # no RULE_ID without --repair


def test_without_z3_the_search_is_used_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import kerjasama_rules.analysis as analysis

    # As if the `analysis` extra were not installed: `import z3` fails.
    monkeypatch.setitem(sys.modules, "z3", None)
    assert not analysis.z3_available()
    f = str(EXAMPLES / "ksdd-sampah-kota-bekasi-tidak-patuh.yaml")
    code, text = _cli("explain", "--repair", f, "--as-of", "2026-11-29", "--lang", "en")
    assert code == 0
    assert "Method: a bounded search" in text
    assert "The z3 solver is not installed" in text
    assert "change `dprd.keputusan` from `ditolak` to `disetujui`" in text
    a = kr.load_agreement(f)
    result = kr.repair(a, RULES, as_of=AS_OF)
    assert result.method == "search"
    _check_result(a, result)
    with pytest.raises(kr.ConfigurationError, match="z3"):
        kr.repair(a, RULES, as_of=AS_OF, use_solver=True)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(agreements())
def test_repairs_of_generated_agreements_verify(a: kr.Agreement) -> None:
    result = kr.repair(a, RULES, as_of=AS_OF, alternatives=1)
    if not targets_of(RULES.evaluate(a, as_of=AS_OF), None, RULES):
        assert result.status == "nothing-to-repair"
        return
    assert result.status != "nothing-to-repair"
    doc = kr.unstructure_agreement(a)
    blocked = {t.key for b in result.blocked for t in b.targets}
    for rep in result.repairs:
        assert _failing(apply_changes(doc, rep.changes)) <= blocked
        for c in rep.changes:
            assert not any(pattern_matches(p, c.path) for p in DEFAULT_FIXED)
        # Minimal: leaving out any one change leaves something failing.
        for drop in rep.changes:
            rest = [c for c in rep.changes if c is not drop]
            assert _failing(apply_changes(doc, rest)) - blocked, drop


def test_a_file_with_no_agreement_is_bad_input_for_repair_and_explain(tmp_path: Path) -> None:
    # `explain` and `explain --repair` choose their agreement the same way: an empty list
    # is the library's own error (exit 2), never an IndexError.
    empty = tmp_path / "kosong.yaml"
    empty.write_text("[]\n", encoding="utf-8")
    for argv in (("--repair", str(empty)), (str(empty), "pp28-30-1")):
        code, text = _cli("explain", *argv, "--as-of", "2026-11-29")
        assert code == 2 and "config.no-agreements" in text and "Traceback" not in text
