"""The bundled examples (examples/*.yaml): verdicts, failing citations, CLI and golden reports.

Every example is judged as of a fixed date so the results never depend on the clock.
Golden files live in tests/golden/; rewrite them with ``pytest --update-golden`` and
review the change with ``git diff``. Run from the repository root: reports name the
agreement file by the (relative) path given on the command line.
"""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import pytest

import kerjasama_rules as kr
from kerjasama_rules.cli.main import main

AS_OF = datetime.date(2026, 11, 29)
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# (pasal, ayat, huruf) of each failing requirement; empty for a compliant example.
Cite = tuple[int | None, int | None, str | None]

# file name -> (verdict, failing citations, value of perlu_persetujuan_dprd); None where
# the law does not say (a sinergi: PP 28/2018 sets no DPRD rule for it, an open question)
EXPECTED: dict[str, tuple[str, set[Cite], bool | None]] = {
    "ksdpl-arnhem-patuh.yaml": ("pass", set(), True),
    "ksdpl-arnhem-tidak-patuh.yaml": (
        "fail",
        {(27, 2, None), (30, 1, None), (30, 3, "f"), (30, 4, None)},
        True,
    ),
    "ksdd-sampah-kota-bekasi-patuh.yaml": ("pass", set(), True),
    "ksdd-sampah-kota-bekasi-tidak-patuh.yaml": ("fail", {(6, 2, None)}, True),
    "ksdpk-badan-usaha-patuh.yaml": ("pass", set(), False),
    "ksdpk-badan-usaha-tidak-patuh.yaml": ("fail", {(19, 1, None)}, True),
    "ksdll-universitas-patuh.yaml": ("pass", set(), True),
    "sinergi-kementerian-patuh.yaml": ("pass", set(), None),
    "ksdll-universitas-tidak-patuh.yaml": (
        "fail",
        {(27, 1, "a"), (27, 1, "b"), (27, 1, "c")},
        True,
    ),
}

COMPLIANT = sorted(name for name, (verdict, _, _) in EXPECTED.items() if verdict == "pass")
NON_COMPLIANT = sorted(name for name, (verdict, _, _) in EXPECTED.items() if verdict == "fail")

# Representative examples with golden reports: a KSDPL with three failures, a compliant
# KSDD where the DPRD trigger is the budget, and a KSDLL with several failures in one rule.
GOLDEN = [
    "ksdpl-arnhem-tidak-patuh",
    "ksdd-sampah-kota-bekasi-patuh",
    "ksdll-universitas-tidak-patuh",
]


@pytest.fixture(scope="module")
def rules() -> kr.RuleSet:
    return kr.load_rules()


def _evaluate(rules: kr.RuleSet, name: str) -> kr.Report:
    return rules.evaluate(kr.load_agreement(EXAMPLES / name), as_of=AS_OF)


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _check_args(name: str, *extra: str) -> list[str]:
    return ["check", f"examples/{name}", "--as-of", AS_OF.isoformat(), *extra]


def test_every_example_is_listed() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.yaml")) == sorted(EXPECTED)


# --- the library API ---------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_verdict(rules: kr.RuleSet, name: str) -> None:
    verdict, _, _ = EXPECTED[name]
    report = _evaluate(rules, name)
    assert report.verdict == verdict, [
        (f.citation.text, f.status, f.message()) for f in report.failures
    ]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_failing_citations(rules: kr.RuleSet, name: str) -> None:
    _, citations, _ = EXPECTED[name]
    report = _evaluate(rules, name)
    got = {(f.citation.pasal, f.citation.ayat, f.citation.huruf) for f in report.failures}
    assert got == citations
    assert all(f.citation.instrument == "PP 28/2018" for f in report.failures)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_dprd_determination(rules: kr.RuleSet, name: str) -> None:
    _, _, needed = EXPECTED[name]
    report = _evaluate(rules, name)
    assert report.determination("perlu_persetujuan_dprd").value is needed


@pytest.mark.parametrize("name", COMPLIANT)
def test_compliant_examples_leave_nothing_undecided(rules: kr.RuleSet, name: str) -> None:
    report = _evaluate(rules, name)
    undecided = [
        (o.rule, f.citation.text, f.missing)
        for o in report.outcomes
        for f in o.findings
        if f.status == "unknown"
    ]
    assert undecided == []
    assert report.determination("perlu_persetujuan_dprd").missing == ()


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_example_evaluates_without_error(rules: kr.RuleSet, path: Path) -> None:
    agreement = kr.load_agreement(path)
    assert agreement.keterangan and "ilustratif" in agreement.keterangan
    report = rules.evaluate(agreement, as_of=AS_OF)
    errors = [(o.rule, o.error) for o in report.outcomes if o.status == "error"]
    assert errors == []


# --- the command line --------------------------------------------------------------------


@pytest.mark.parametrize("name", COMPLIANT)
def test_cli_exit_0_for_compliant(root: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.chdir(root)
    code, out, err = _run(*_check_args(name))
    assert code == 0, out + err
    assert "Putusan: PATUH" in out


@pytest.mark.parametrize("name", NON_COMPLIANT)
def test_cli_exit_1_for_non_compliant(
    root: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(root)
    code, out, err = _run(*_check_args(name))
    assert code == 1, out + err
    assert "TIDAK PATUH" in out
    assert err == ""


def test_cli_exit_2_for_missing_file(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    code, out, err = _run(*_check_args("tidak-ada.yaml"))
    assert code == 2
    assert out == ""
    assert "agreement.unreadable" in err
    assert "examples/tidak-ada.yaml" in err
    assert "Traceback" not in err


def test_cli_exit_2_for_missing_file_json(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    code, out, _ = _run(*_check_args("tidak-ada.yaml", "--format", "json"))
    assert code == 2
    doc = json.loads(out)
    assert doc["format"] == "kerjasama-report/1"
    assert doc["reports"] == []
    assert [e["code"] for e in doc["errors"]] == ["agreement.unreadable"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_json(root: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.chdir(root)
    code, out, _ = _run(*_check_args(name, "--format", "json"))
    doc = json.loads(out)
    assert doc["format"] == "kerjasama-report/1"
    [report] = doc["reports"]
    verdict, _, needed = EXPECTED[name]
    assert report["verdict"] == verdict
    assert report["source"] == f"examples/{name}"
    assert report["as_of"] == AS_OF.isoformat()
    assert report["determinations"]["perlu_persetujuan_dprd"]["value"] is needed
    assert code == (0 if verdict == "pass" else 1)


def test_cli_several_files_exit_1_and_summary(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    names = [f"examples/{n}" for n in sorted(EXPECTED)]
    code, out, _ = _run("check", *names, "--as-of", AS_OF.isoformat(), "--lang", "en")
    assert code == 1
    for name in sorted(EXPECTED):
        assert f"examples/{name}" in out
    assert "verdict" in out  # the summary table


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("name", ["ksdpl-arnhem-tidak-patuh.yaml", "ksdll-universitas-patuh.yaml"])
def test_cli_is_deterministic(
    root: Path, monkeypatch: pytest.MonkeyPatch, name: str, fmt: str
) -> None:
    monkeypatch.chdir(root)
    first = _run(*_check_args(name, "--format", fmt, "--lang", "en"))
    second = _run(*_check_args(name, "--format", fmt, "--lang", "en"))
    assert first == second


# --- golden reports ----------------------------------------------------------------------


def _compare_golden(path: Path, actual: str, update: bool) -> None:
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    if not path.exists():
        pytest.fail(
            f"golden file {path} is missing; create it with "
            "`pytest tests/test_examples.py --update-golden` and review it with git diff",
            pytrace=False,
        )
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (
        f"output differs from {path}; if the change is intended, rerun with --update-golden "
        "and review the diff"
    )


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("stem", GOLDEN)
def test_golden_text(
    root: Path, monkeypatch: pytest.MonkeyPatch, update_golden: bool, stem: str, lang: str
) -> None:
    monkeypatch.chdir(root)
    _, out, err = _run(*_check_args(f"{stem}.yaml", "--lang", lang))
    assert err == ""
    _compare_golden(root / "tests" / "golden" / f"{stem}.{lang}.txt", out, update_golden)


@pytest.mark.parametrize("stem", GOLDEN)
def test_golden_json(
    root: Path, monkeypatch: pytest.MonkeyPatch, update_golden: bool, stem: str
) -> None:
    monkeypatch.chdir(root)
    _, out, err = _run(*_check_args(f"{stem}.yaml", "--format", "json"))
    assert err == ""
    _compare_golden(root / "tests" / "golden" / f"{stem}.json", out, update_golden)
