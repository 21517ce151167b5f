"""Byte-identical output across environments, rule-file order and key order; a compiled
rule set shared by threads gives what a serial run gives."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

import kerjasama_rules as kr
from kerjasama_rules.engine.rulefiles import bundled_rules_path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
AS_OF = datetime.date(2026, 11, 29)

ENVIRONMENTS = [
    {"TZ": "UTC", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "0"},
    {"TZ": "America/Los_Angeles", "LC_ALL": "C", "PYTHONHASHSEED": "1"},
    {"TZ": "Asia/Jakarta", "LC_ALL": "en_US.UTF-8", "PYTHONHASHSEED": "12345"},
    {"TZ": "Pacific/Kiritimati", "LANG": "id_ID.UTF-8", "PYTHONHASHSEED": "random"},
]


def _cli(env: dict[str, str], *argv: str) -> bytes:
    full = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LANG", "TZ")}
    full.update(env)
    done = subprocess.run(
        [sys.executable, "-m", "kerjasama_rules", *argv],
        capture_output=True,
        env=full,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr.decode("utf-8", "replace")
    return done.stdout


def test_cli_output_is_the_same_bytes_in_every_environment() -> None:
    for fmt in ("json", "text"):
        argv = ("check", "examples", "--as-of", "2026-11-29", "--format", fmt)
        outputs = [_cli(env, *argv) for env in ENVIRONMENTS]
        assert outputs[0]
        assert all(o == outputs[0] for o in outputs[1:]), fmt


def test_rule_file_order_does_not_change_the_report() -> None:
    files = sorted(bundled_rules_path().rglob("*.kr"))
    forward = kr.load_rules(*files)
    backward = kr.load_rules(*reversed(files))
    mixed = kr.load_rules(*files[1::2], *files[::2])
    for path in sorted(EXAMPLES.glob("*.yaml")):
        for a in kr.load_agreements(path):
            expected = kr.render_json([forward.evaluate(a, as_of=AS_OF)])
            assert kr.render_json([backward.evaluate(a, as_of=AS_OF)]) == expected
            assert kr.render_json([mixed.evaluate(a, as_of=AS_OF)]) == expected


def _reverse_keys(doc: object) -> object:
    if isinstance(doc, dict):
        return {k: _reverse_keys(v) for k, v in reversed(list(doc.items()))}
    if isinstance(doc, list):
        return [_reverse_keys(v) for v in doc]
    return doc


def test_key_order_does_not_change_the_report(tmp_path: Path) -> None:
    rules = kr.load_rules()
    for path in sorted(EXAMPLES.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        a = tmp_path / "a" / path.name
        b = tmp_path / "b" / path.name
        a.parent.mkdir(exist_ok=True)
        b.parent.mkdir(exist_ok=True)
        shutil.copy(path, a)
        b.write_text(yaml.safe_dump(_reverse_keys(doc), sort_keys=False), encoding="utf-8")
        for x, y in zip(kr.load_agreements(a), kr.load_agreements(b), strict=True):
            rx = rules.evaluate(x, as_of=AS_OF, source=path.name)
            ry = rules.evaluate(y, as_of=AS_OF, source=path.name)
            assert kr.render_json([rx]) == kr.render_json([ry])
            assert kr.render_text(rx) == kr.render_text(ry)


def test_one_compiled_rule_set_shared_by_threads_equals_a_serial_run() -> None:
    rules = kr.load_rules()
    agreements = [a for p in sorted(EXAMPLES.glob("*.yaml")) for a in kr.load_agreements(p)]
    jobs = [
        (a, day, cuti)
        for a in agreements
        for day in (AS_OF, datetime.date(2019, 1, 2), None)
        for cuti in ("libur", "kerja")
    ] * 3

    def one(job: tuple[kr.Agreement, datetime.date | None, str]) -> str:
        a, day, cuti = job
        return kr.render_json([rules.evaluate(a, as_of=day, cuti_bersama=cuti)])

    serial = [one(j) for j in jobs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(one, jobs))
    assert parallel == serial
