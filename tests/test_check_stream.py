"""``kerjasama check`` streaming: --jobs, JSON Lines in and out, and the streamed JSON
document, each byte for byte what a serial run (or one ``json.dumps``) gives."""

from __future__ import annotations

import datetime
import io
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kerjasama_rules import Agreement, load_agreements, load_rules
from kerjasama_rules.cli.main import main
from kerjasama_rules.model.loader import unstructure_agreement
from kerjasama_rules.output.render import REPORT_FORMAT, render_json, report_to_json
from kerjasama_rules.output.stream import JsonDocumentWriter, report_json_block, report_json_line

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
AS_OF = ("--as-of", "2026-11-29")
DAY = datetime.date(2026, 11, 29)


def run(
    *argv: str, stdin: str | None = None, monkeypatch: pytest.MonkeyPatch | None = None
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example agreements and one broken file, enough for several pool chunks."""
    d = tmp_path_factory.mktemp("agreements")
    files = sorted(EXAMPLES.glob("*.yaml"))
    assert len(files) >= 6
    for i in range(6):  # 6 copies: more units than one chunk of the pool
        for f in files:
            shutil.copy(f, d / f"{i}-{f.name}")
    (d / "9-rusak.yaml").write_text("id: [tidak ditutup\n", encoding="utf-8")
    return d


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
def test_jobs_give_the_bytes_of_a_serial_run(folder: Path, fmt: str) -> None:
    serial = run("check", str(folder), "--format", fmt, *AS_OF)
    parallel = run("check", str(folder), "--format", fmt, "--jobs", "2", *AS_OF)
    assert serial == parallel
    code, out, err = serial
    assert code == 2  # the broken file is reported, the others judged all the same
    assert "9-rusak.yaml" in err or "9-rusak.yaml" in out


def test_streamed_json_document_equals_one_dump(folder: Path) -> None:
    rules = load_rules()
    reports = [
        rules.evaluate(a, as_of=DAY, source=str(f))
        for f in sorted(folder.glob("0-*.yaml"))
        for a in load_agreements(f)
    ]
    extra = {"rules": {"source": "x", "paths": ["a", "b"]}, "errors": [{"é": [1, {}]}]}
    for chosen in (reports, reports[:1], []):
        w = JsonDocumentWriter()
        text = w.head() + "".join(w.report_block(report_json_block(r)) for r in chosen)
        text += w.tail(extra)
        doc = {"format": REPORT_FORMAT, "reports": [report_to_json(r) for r in chosen], **extra}
        assert text == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    # and the whole document without extras is render_json's
    w = JsonDocumentWriter()
    text = w.head() + "".join(w.report_block(report_json_block(r)) for r in reports) + w.tail({})
    assert text == render_json(reports)


def test_json_output_has_every_report_and_the_errors(folder: Path) -> None:
    code, out, _ = run("check", str(folder), "--format", "json", *AS_OF)
    doc = json.loads(out)
    assert len(doc["reports"]) == 6 * len(list(EXAMPLES.glob("*.yaml")))
    assert doc["errors"] and "rules" in doc
    assert code == 2


def test_jsonl_in_from_stdin_and_out(monkeypatch: pytest.MonkeyPatch) -> None:
    agreements = [a for f in sorted(EXAMPLES.glob("*.yaml")) for a in load_agreements(f)]
    lines = [json.dumps(unstructure_agreement(a), ensure_ascii=False) for a in agreements]
    stdin = "\n".join(lines[:3]) + "\n\n" + "\n".join(lines[3:]) + "\n"
    code, out, err = run(
        "check", "-", "--format", "jsonl", *AS_OF, stdin=stdin, monkeypatch=monkeypatch
    )
    assert err == ""
    got = [json.loads(line) for line in out.splitlines()]
    assert [g["agreement"] for g in got] == [a.id for a in agreements]
    # the blank line is skipped but still counted in the line numbers of the sources
    assert got[0]["source"] == "<stdin>:1" and got[3]["source"] == "<stdin>:5"
    assert all("\n" not in line for line in out.splitlines())
    rules = load_rules()
    first = rules.evaluate(agreements[0], as_of=DAY, source="<stdin>:1")
    assert out.splitlines()[0] + "\n" == report_json_line(first)
    assert code == (1 if any(g["verdict"] == "fail" for g in got) else 0)


def test_jsonl_file_with_a_bad_line(tmp_path: Path) -> None:
    a = next(iter(load_agreements(EXAMPLES / "ksdpl-arnhem-patuh.yaml")))
    good = json.dumps(unstructure_agreement(a))
    f = tmp_path / "batch.jsonl"
    f.write_text(f'{good}\n{{"id": 3\n{good}\n', encoding="utf-8")
    code, out, err = run("check", str(f), "--format", "jsonl", "--jobs", "2", *AS_OF)
    assert code == 2
    assert len(out.splitlines()) == 2
    assert "batch.jsonl:2" in err


def test_iter_evaluate_is_lazy_and_equals_evaluate_many() -> None:
    rules = load_rules()
    agreements = [a for f in sorted(EXAMPLES.glob("*.yaml")) for a in load_agreements(f)]
    seen: list[str] = []

    def source() -> Iterator[Agreement]:
        for a in agreements:
            seen.append(a.id)
            yield a

    it = rules.iter_evaluate(source(), as_of=DAY)
    assert seen == []
    first = next(it)
    assert seen == [agreements[0].id]
    rest = list(it)
    many = rules.evaluate_many(agreements, as_of=DAY)
    assert [first, *rest] == many
    with pytest.raises(Exception, match="iter_evaluate"):
        rules.iter_evaluate(agreements[0])  # type: ignore[arg-type]
