"""An attacker's inputs: each ends in the library's own error (exit 2) or a correct verdict.

The cases of issue 10, one or more per cause: no traceback, bounded time (a subprocess
timeout is the bound, never a timing assertion) and bounded memory (an address-space
limit on the subprocess). Most run in-process through ``main(argv)``; those that could
hang or exhaust memory if they regressed run in a subprocess.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import json
import os
import resource
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import kerjasama_rules as kr
from kerjasama_rules import limits
from kerjasama_rules.cli.main import main
from kerjasama_rules.cli.main import main as cli_main
from kerjasama_rules.law.inventory import load_inventory
from kerjasama_rules.model.agreement import Jenis

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ksdpk-badan-usaha-tidak-patuh.yaml"
AS_OF = "--as-of=2026-11-29"
MEMORY = 2 * 1024**3  # address space of a subprocess: a regression fails, not the machine


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue(), err.getvalue()


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_process(*argv: str, stdout: int | None = subprocess.PIPE) -> tuple[int, str]:
    """The installed command in a subprocess, with a memory limit and a time bound."""
    done = subprocess.run(
        [sys.executable, "-m", "kerjasama_rules", *argv],
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=120,
        preexec_fn=_limit_memory,
        text=True,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    return done.returncode, done.stderr


def rule_dir(tmp_path: Path, text: str) -> Path:
    d = tmp_path / "rules"
    d.mkdir(exist_ok=True)
    (d / "a.kr").write_text(text, encoding="utf-8")
    return d


CITE = "dasar PP 28/2018 Pasal 27 ayat (1)"


def _rule(condition: str) -> str:
    return f'aturan "x.a" {{\n  {CITE}\n  wajib {condition}\n    pesan "m"\n}}\n'


def _chain(n: int, op: str) -> str:
    return _rule(f" {op} ".join(["jenis == KSDPK"] * n))


def _nots(n: int) -> str:
    return _rule("tidak " * n + "jenis == KSDPK")


def _definitions(n: int) -> str:
    lines = ["definisi d0 = jenis == KSDPK"]
    lines += [f"definisi d{i} = d{i - 1}" for i in range(1, n)]
    return "\n".join(lines) + "\n" + _rule(f"d{n - 1}")


# ------------------------------------------------------------- deep rule files
DEEP = {
    "or-chain-300": _chain(300, "atau"),
    "and-chain-300": _chain(300, "dan"),
    "not-600": _nots(600),
    "definitions-600": _definitions(600),
}


def test_redundant_brackets_add_no_depth() -> None:
    # The parser drops brackets: 400 of them around a comparison are only a comparison.
    rules = kr.compile(_rule("(" * 400 + "jenis == KSDPK" + ")" * 400))
    assert [r.id for r in rules.rules] == ["x.a"]


@pytest.mark.parametrize("name", sorted(DEEP))
@pytest.mark.parametrize("command", ["check", "lint", "fmt", "rules", "explain"])
def test_deep_rule_files_are_refused_with_a_named_limit(
    tmp_path: Path, name: str, command: str
) -> None:
    rules = rule_dir(tmp_path, DEEP[name])
    argv = {
        "check": ["check", str(EXAMPLE), "--rules", str(rules), AS_OF],
        "lint": ["lint", str(rules)],
        "fmt": ["fmt", str(rules)],
        "rules": ["rules", "--rules", str(rules)],
        "explain": ["explain", str(EXAMPLE), "x.a", "--rules", str(rules), AS_OF],
    }[command]
    code, out, err = run(*argv)
    if command == "fmt" and name.startswith("definitions"):
        # Each definition is shallow: the file formats; only checking finds the chain.
        assert code == 0, err
        return
    # `lint` reports the limit among its findings (exit 1, as for any lint error).
    assert code == (1 if command == "lint" else 2), out + err
    text = out + err
    assert "limit.expression-depth" in text or "limit.expanded-depth" in text
    assert "max_expression_depth" in text or "max_expanded_depth" in text


@pytest.mark.parametrize("name", sorted(DEEP))
def test_deep_rule_text_through_the_api(name: str) -> None:
    with pytest.raises((kr.RuleSyntaxError, kr.RuleCheckError)) as info:
        kr.compile(DEEP[name])
    assert info.value.diagnostics[0].code.startswith("limit.")


def test_depth_inside_the_limits_still_compiles_and_runs() -> None:
    # Just under both limits: the checker, compiler and evaluator do not reach Python's
    # recursion limit on what the limits allow.
    most = limits.current()
    text = _definitions(most.max_expanded_depth - 2).replace(
        "wajib d", "wajib " + "tidak " * (most.max_expression_depth - 10) + "d"
    )
    rules = kr.compile(text)
    agreement = kr.load_agreement(EXAMPLE)
    report = rules.evaluate(agreement, as_of=datetime.date(2026, 11, 29))
    assert report.outcome("x.a").status in ("pass", "fail")
    rules.explain(agreement, "x.a", as_of=datetime.date(2026, 11, 29))


def test_many_definitions_in_order_are_not_a_deep_chain() -> None:
    lines = [f"definisi d{i} = jenis == KSDPK" for i in range(3000)]
    rules = kr.compile("\n".join(lines) + "\n" + _rule("d2999"))
    assert [r.id for r in rules.rules] == ["x.a"]


def test_a_cycle_of_definitions_is_still_reported() -> None:
    text = "definisi a = b\ndefinisi b = c\ndefinisi c = a\n" + _rule("a")
    with pytest.raises(kr.RuleCheckError) as info:
        kr.compile(text)
    assert any(d.code == "check.cyclic-definition" for d in info.value.diagnostics)


# ------------------------------------------------------------- agreement documents
def test_lone_surrogate_in_json_is_our_error(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text('{"id": "\\ud800", "jenis": "KSDPK"}', encoding="utf-8")
    code, _out, err = run("check", str(p), AS_OF)
    assert code == 2
    assert "surrogate" in err and "$.id" in err
    code, _, err = run("check", str(p), AS_OF, "--format", "json")
    assert code == 2


def test_lone_surrogate_key_is_our_error(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text('{"id": "a", "jenis": "KSDPK", "\\udfff": 1}', encoding="utf-8")
    code, _, _err = run("check", str(p), AS_OF)
    assert code == 2


@pytest.mark.parametrize(
    ("value", "form"),
    [("012", "octal"), ("1:30", "base 60"), ("0b11", "binary"), ("0x1F", "hex"),
     ("0o17", "octal 1.2"), ("1_000", "underscores"), ("1:30.5", "base-60 float")],
)  # fmt: skip
def test_yaml_11_number_forms_are_refused_not_converted(
    tmp_path: Path, value: str, form: str
) -> None:
    p = tmp_path / "a.yaml"
    text = f"id: a\njenis: KSDD\nsekretariat_kerja_sama: {{jumlah_daerah: {value}}}\n"
    p.write_text(text, encoding="utf-8")
    code, _, err = run("check", str(p), AS_OF)
    assert code == 2, form
    # Refused where it is written: a YAML 1.1 form, or (YAML 1.2's `0o17`) not a number.
    assert "YAML 1.1" in err or "expected a whole number" in err, err


def test_plain_numbers_and_quoted_forms_still_load(tmp_path: Path) -> None:
    doc = kr.model.loader.parse_agreement_text(
        'id: "012"\njenis: KSDD\n', name="a.yaml", fmt="yaml"
    )
    assert doc[0].id == "012"


def test_impossible_year_is_refused_at_load_with_its_path(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8") + "\ndprd:\n  diterima: 9999-12-30\n"
    p = tmp_path / "a.yaml"
    p.write_text(text.replace("\ndprd:\n", "\ndprd_lama:\n", 0), encoding="utf-8")
    code, _, err = run("check", str(p), AS_OF)
    assert code == 2
    assert "9999-12-30" in err and "min_date_year" in err


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    head = "a: &a {id: x, jenis: KSDD, judul: " + "'" + "x" * 100 + "'}\n"
    body = "".join(f"k{i}: *a\n" for i in range(100_000))
    p = tmp_path / "bomb.yaml"
    p.write_text("x:\n  " + head.replace("\n", "\n  ") + "\n" + body, encoding="utf-8")
    for fmt in ("text", "json"):
        code, err = run_process("check", str(p), AS_OF, "--format", fmt)
        assert code == 2
        assert "limit" in err


def test_nested_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 9)]
    p = tmp_path / "lol.yaml"
    p.write_text("\n".join(lines) + "\nid: a\njenis: KSDD\n", encoding="utf-8")
    code, err = run_process("check", str(p), AS_OF, "--format", "json")
    assert code == 2
    assert "max_yaml" in err


def test_recursive_alias_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "loop.yaml"
    p.write_text("id: a\njenis: KSDD\nmitra: &m [*m]\n", encoding="utf-8")
    code, _, _err = run("check", str(p), AS_OF)
    assert code == 2


def test_many_agreements_in_one_file_are_limited(tmp_path: Path) -> None:
    n = limits.current().max_agreements_per_file + 1
    p = tmp_path / "many.json"
    p.write_text(json.dumps([{"id": f"a{i}", "jenis": "KSDD"} for i in range(n)]))
    code, _, err = run("check", str(p), AS_OF)
    assert code == 2
    assert "max_agreements_per_file" in err


def test_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    p = tmp_path / "big.yaml"
    p.write_text("id: a\njenis: KSDD\njudul: " + "x" * (5 * 1024 * 1024) + "\n")
    code, _, err = run("check", str(p), AS_OF)
    assert code == 2
    assert "max_input_bytes" in err


def test_long_string_is_limited(tmp_path: Path) -> None:
    p = tmp_path / "long.yaml"
    p.write_text("id: a\njenis: KSDD\njudul: " + "x" * 1_000_000 + "\n")
    code, err = run_process("check", str(p), AS_OF)
    assert code == 2
    assert "max_string_length" in err


def test_long_list_is_limited(tmp_path: Path) -> None:
    n = limits.current().max_list_length + 1
    p = tmp_path / "list.json"
    p.write_text(json.dumps({"id": "a", "jenis": "KSDD", "urusan": ["sosial"] * n}))
    code, _, err = run("check", str(p), AS_OF)
    assert code == 2
    assert "max_list_length" in err


def test_huge_integer_is_limited(tmp_path: Path) -> None:
    digits = "9" * 50
    for name in ("a.yaml", "a.json"):
        p = tmp_path / name
        if name.endswith(".json"):
            p.write_text(
                '{"id": "a", "jenis": "KSDD", "sekretariat_kerja_sama": {"jumlah_daerah": '
                + digits
                + "}}"
            )
        else:
            p.write_text(
                f"id: a\njenis: KSDD\nsekretariat_kerja_sama: {{jumlah_daerah: {digits}}}\n"
            )
        code, _, err = run("check", str(p), AS_OF)
        assert code == 2
        assert "max_integer_digits" in err


def test_many_partners_are_evaluated_in_bounded_time(tmp_path: Path) -> None:
    # Merging the unknowns of `pp28-27-1` was quadratic in the partners.
    doc = {"id": "a", "jenis": "KSDPL", "mitra": [{"nama": f"m{i}"} for i in range(8000)]}
    p = tmp_path / "mitra.json"
    p.write_text(json.dumps(doc))
    code, _ = run_process("check", str(p), AS_OF, stdout=subprocess.DEVNULL)
    assert code in (0, 1)


# ------------------------------------------------------------- special files
@pytest.mark.parametrize("command", ["check", "explain"])
def test_fifo_is_refused_without_blocking(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "a.yaml"
    os.mkfifo(fifo)
    argv = ["check", str(fifo), AS_OF] if command == "check" else ["explain", str(fifo), "pp28-1"]
    code, err = run_process(*argv)
    assert code == 2
    assert "not a regular file" in err


def test_fifo_is_refused_by_the_loader(tmp_path: Path) -> None:
    fifo = tmp_path / "a.yaml"
    os.mkfifo(fifo)
    with pytest.raises(kr.AgreementError, match="not a regular file"):
        kr.load_agreement(fifo)


def test_fifo_as_rule_file_and_rule_test(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a.kr")
    os.mkfifo(tmp_path / "b.test.yaml")
    code, _ = run_process("check", str(EXAMPLE), "--rules", str(tmp_path / "a.kr"), AS_OF)
    assert code == 2
    code, _ = run_process("fmt", str(tmp_path / "a.kr"))
    assert code == 2
    code, _ = run_process("lint", str(tmp_path / "a.kr"))
    assert code == 2
    code, _ = run_process("test", str(tmp_path / "b.test.yaml"))
    assert code == 2


def test_oversized_rule_file_is_refused_by_lint_and_inventory(tmp_path: Path) -> None:
    # lint and the inventory read files through the same bounded reader as the engine.
    big = tmp_path / "a.kr"
    big.write_text("# " + "x" * (1024 * 1024 + 10) + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = cli_main(["lint", str(big)], stdout=out, stderr=err)
    assert code != 0
    assert "max_rule_file_bytes" in out.getvalue() + err.getvalue()
    inv = tmp_path / "inv" / "inventaris.yaml"
    inv.parent.mkdir()
    inv.write_text("# " + "x" * (4 * 1024 * 1024 + 10) + "\n", encoding="utf-8")
    with pytest.raises(kr.KerjasamaError, match="max_input_bytes"):
        load_inventory(inv.parent)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    code, err = run_process("check", str(link), AS_OF)
    assert code == 2
    assert "not a regular file" in err


def test_directory_named_as_agreement_file(tmp_path: Path) -> None:
    d = tmp_path / "d.yaml"
    d.mkdir()
    (d / "x.txt").write_text("")
    code, _, _err = run("check", str(d), AS_OF)
    assert code == 2


# ------------------------------------------------------------- no wrong "yes"
def test_empty_rule_file_is_not_a_verdict(tmp_path: Path) -> None:
    rules = rule_dir(tmp_path, "")
    code, out, err = run("check", str(EXAMPLE), "--rules", str(rules), AS_OF)
    assert code == 2
    assert "config.no-rules" in err
    assert "PATUH" not in out


def test_rule_file_with_only_definitions_is_not_a_verdict(tmp_path: Path) -> None:
    rules = rule_dir(tmp_path, "definisi a = jenis == KSDD\n")
    code, _, _err = run("check", str(EXAMPLE), "--rules", str(rules), AS_OF)
    assert code == 2


def test_directory_without_agreements_is_an_error(tmp_path: Path) -> None:
    code, _out, err = run("check", str(tmp_path), AS_OF)
    assert code == 2
    assert "config.no-agreements" in err


@pytest.mark.parametrize("suffix", [".YAML", ".Yml", ".JSON"])
def test_suffixes_in_any_case_are_found(tmp_path: Path, suffix: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    if suffix == ".JSON":
        text = json.dumps(kr.unstructure_agreement(kr.load_agreement(EXAMPLE)))
    (tmp_path / f"a{suffix}").write_text(text, encoding="utf-8")
    code, out, _ = run("check", str(tmp_path), AS_OF)
    assert code == 1  # the example violates the law: found and judged
    assert "TIDAK PATUH" in out


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "100.5", "x"])
def test_fail_under_is_validated(value: str) -> None:
    code, _, err = run("coverage", f"--fail-under={value}")
    assert code == 2
    assert "percentage" in err


def test_unknown_instrument_is_a_lint_error(tmp_path: Path) -> None:
    rules = rule_dir(
        tmp_path, _rule("jenis == KSDD").replace("PP 28/2018 Pasal 27", "UU 99/2099 Pasal 1")
    )
    code, out, err = run("lint", str(rules))
    assert code != 0
    assert "lint.unknown-instrument" in out + err


@pytest.mark.parametrize("jenis", [j.value for j in Jenis])
def test_unedited_template_is_undetermined_never_a_breach(tmp_path: Path, jenis: str) -> None:
    code, text, _ = run("template", jenis)
    assert code == 0
    p = tmp_path / "t.yaml"
    p.write_text(text, encoding="utf-8")
    code, out, err = run("check", str(p), AS_OF, "--format", "json")
    assert code == 0, err
    report = json.loads(out)["reports"][0]
    assert report["verdict"] == "unknown"
    assert not [o for o in report["outcomes"] if o["status"] in ("fail", "error")]


# ------------------------------------------------------------- rule tests
def _test_file(tmp_path: Path, body: str) -> Path:
    rules = rule_dir(tmp_path, _rule("jenis == KSDD"))
    tests = rules / "tests"
    tests.mkdir()
    p = tests / "a.test.yaml"
    p.write_text(body, encoding="utf-8")
    return p


def test_rule_test_cannot_read_files_outside_the_rule_directory(tmp_path: Path) -> None:
    secret = tmp_path / "secret.kr"
    secret.write_text("the secret line\n", encoding="utf-8")
    p = _test_file(
        tmp_path,
        "aturan: ../../secret.kr\nkasus:\n  - nama: a\n"
        "    perjanjian: {id: a, jenis: KSDD}\n    harapan: {x.a: pass}\n",
    )
    code, out, err = run("test", str(p))
    assert code == 2
    assert "ruletest.rules-outside" in err
    assert "the secret line" not in out + err


def test_rule_test_may_name_rules_inside_its_directory(tmp_path: Path) -> None:
    p = _test_file(
        tmp_path,
        "aturan: ../a.kr\nkasus:\n  - nama: a\n"
        "    perjanjian: {id: a, jenis: KSDD}\n    harapan: {x.a: pass}\n",
    )
    code, out, err = run("test", str(p))
    assert code == 0, out + err


def test_bad_value_under_ubah_is_reported_under_ubah(tmp_path: Path) -> None:
    p = _test_file(
        tmp_path,
        "basis:\n  b: {id: a, jenis: KSDD}\nkasus:\n  - nama: a\n    dasar: b\n"
        "    ubah: {sekretariat_kerja_sama: {jumlah_daerah: teks}}\n    harapan: {x.a: pass}\n",
    )
    code, _, err = run("test", str(p))
    assert code == 2
    assert "$.kasus[0].ubah.sekretariat_kerja_sama.jumlah_daerah" in err


def test_bad_value_in_the_base_is_reported_in_the_base(tmp_path: Path) -> None:
    p = _test_file(
        tmp_path,
        "basis:\n  b: {id: a, jenis: KSDD, sekretariat_kerja_sama: {jumlah_daerah: teks}}\n"
        "kasus:\n  - nama: a\n    dasar: b\n    ubah: {judul: x}\n    harapan: {x.a: pass}\n",
    )
    code, _, err = run("test", str(p))
    assert code == 2
    assert "$.basis.b.sekretariat_kerja_sama.jumlah_daerah" in err


def test_many_rule_test_cases_run_in_bounded_time(tmp_path: Path) -> None:
    cases = "".join(
        f"  - nama: kasus {i}\n    dasar: b\n    harapan: {{x.a: pass}}\n" for i in range(3000)
    )
    p = _test_file(tmp_path, "basis:\n  b: {id: a, jenis: KSDD}\nkasus:\n" + cases)
    code, _ = run_process("test", str(p), stdout=subprocess.DEVNULL)
    assert code == 0


# ------------------------------------------------------------- files written
def test_fmt_refuses_a_read_only_file(tmp_path: Path) -> None:
    rules = rule_dir(tmp_path, _rule("jenis   ==   KSDD"))
    target = rules / "a.kr"
    before = target.read_bytes()
    target.chmod(0o444)
    try:
        code, _, err = run("fmt", str(rules))
        assert code == 2
        assert "read-only" in err
        assert target.read_bytes() == before
        assert stat.S_IMODE(target.stat().st_mode) == 0o444
        assert [p.name for p in rules.iterdir()] == ["a.kr"]  # no temporary file left
    finally:
        target.chmod(0o644)


def test_ctrl_c_in_fmt_exits_130_and_leaves_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = rule_dir(tmp_path, _rule("jenis   ==   KSDD"))
    before = (rules / "a.kr").read_bytes()

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    code, _, err = run("fmt", str(rules))
    assert code == 130
    assert "interrupted" in err
    assert (rules / "a.kr").read_bytes() == before
    assert [p.name for p in rules.iterdir()] == ["a.kr"]


def test_full_disk_on_stdout_is_one_line_exit_2() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "kerjasama_rules", "check", str(EXAMPLE), AS_OF],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and "cannot write" in done.stderr


def test_broken_pipe_is_quiet() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "kerjasama_rules", "rules"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait(timeout=120)
    assert "Traceback" not in err and "Exception ignored" not in err


# ------------------------------------------------------------- the API's arguments
REPORT_CALLS: dict[str, Callable[[object], object]] = {
    "evaluate": lambda x: RULES.evaluate(x),  # type: ignore[arg-type]
    "evaluate.switches": lambda x: RULES.evaluate(AGREEMENT, switches=x),  # type: ignore[arg-type]
    "evaluate.cuti_bersama": lambda x: RULES.evaluate(AGREEMENT, cuti_bersama=x),  # type: ignore[arg-type]
    "evaluate.regional_holidays": lambda x: RULES.evaluate(
        AGREEMENT,
        regional_holidays=x,  # type: ignore[arg-type]
    ),
    "evaluate_many": lambda x: RULES.evaluate_many(x),  # type: ignore[arg-type]
    "explain.agreement": lambda x: RULES.explain(x, "pp28-27-1"),  # type: ignore[arg-type]
    "explain.rule_id": lambda x: RULES.explain(AGREEMENT, x),  # type: ignore[arg-type]
    "explain_determination": lambda x: RULES.explain_determination(AGREEMENT, x),  # type: ignore[arg-type]
    "render_text": lambda x: kr.render_text(x),  # type: ignore[arg-type]
    "render_text.lang": lambda x: kr.render_text(REPORT, lang=x),  # type: ignore[arg-type]
    "render_json": lambda x: kr.render_json(x),  # type: ignore[arg-type]
    "compile": lambda x: kr.compile(x),  # type: ignore[arg-type]
    "compile.source": lambda x: kr.compile("", source=x),  # type: ignore[arg-type]
    "load_rules": lambda x: kr.load_rules(x),  # type: ignore[arg-type]
    "load_agreement": lambda x: kr.load_agreement(x),  # type: ignore[arg-type]
    "unstructure_agreement": lambda x: kr.unstructure_agreement(x),  # type: ignore[arg-type]
}
RULES = kr.load_rules()
AGREEMENT = kr.load_agreement(EXAMPLE)
REPORT = RULES.evaluate(AGREEMENT, as_of=datetime.date(2026, 11, 29))
WRONG: list[object] = [None, 1, "x", [], {}, b"x", 1.5, object(), ("a",), {"a": 1}]


@pytest.mark.parametrize("call", sorted(REPORT_CALLS))
def test_wrong_argument_types_raise_our_error(call: str) -> None:
    for value in WRONG:
        with contextlib.suppress(kr.KerjasamaError):
            REPORT_CALLS[call](value)


def test_wrong_argument_message_names_the_argument() -> None:
    with pytest.raises(kr.ConfigurationError, match="`report` must be a Report, not NoneType"):
        kr.render_text(None)  # type: ignore[arg-type]
    with pytest.raises(kr.ConfigurationError, match="rule_id"):
        RULES.explain(AGREEMENT, None)  # type: ignore[arg-type]
    with pytest.raises(kr.ConfigurationError):
        kr.compile(None)  # type: ignore[arg-type]
