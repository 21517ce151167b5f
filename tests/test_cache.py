"""The cache of checked rule sets (engine/cache.py) and what a cold start imports.

The cache must change nothing but speed: a second run is served from it without lark and
without the checker; a changed rule file, library version or corrupt entry is a miss and
a rebuild, never an error and never a wrong verdict; output bytes are the same with and
without it. No test here measures a time (benchmarks/bench_startup.py does).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kerjasama_rules import load_rules
from kerjasama_rules.cli import main
from kerjasama_rules.engine import cache, rulefiles, snapshot

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(
    p
    for p in (ROOT / "examples").rglob("*")
    if p.suffix in (".yaml", ".json") and "portofolio" not in p.name and "tests" not in p.parts
)
ONE = ROOT / "examples" / "ksdd-sampah-kota-bekasi-patuh.yaml"

# Modules that a warm `check` must not import: lark, the parser and the checker.
COLD_ONLY = ("lark", "kerjasama_rules.language.parser", "kerjasama_rules.language.checker")


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    monkeypatch.setenv(cache.ENV_DIR, str(d))
    return d


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the loads that parsed and checked (cache misses)."""
    calls: list[int] = []
    real = rulefiles._check

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rulefiles, "_check", counting)
    return calls


def _entries(d: Path) -> list[Path]:
    return sorted(d.glob("rules-*.bin"))


def _cli(*argv: str) -> tuple[int, str]:
    from kerjasama_rules.cli import streaming

    streaming._STATE = None  # the rule set it keeps per process: load the rules anew
    out = io.StringIO()
    code = main([*argv], stdout=out, stderr=io.StringIO())
    return code, out.getvalue()


def _run_child(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("KERJASAMA_")}
    full.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        env=full,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=300,
    )


_CHILD = f"""
import io, json, sys
from kerjasama_rules.cli import main
out = io.StringIO()
code = main(["check", {str(ONE)!r}, "--as-of", "2026-01-01"], stdout=out)
print(json.dumps({{"code": code, "out": out.getvalue(),
    "cold": sorted(m for m in sys.modules if m.split(".")[0] == "lark"
                   or m in {COLD_ONLY!r})}}))
"""


def test_second_run_is_served_from_the_cache_without_lark_or_the_checker(tmp_path: Path) -> None:
    env = {cache.ENV_DIR: str(tmp_path / "c")}
    first = _run_child(_CHILD, env)
    assert first.returncode == 0, first.stderr
    one = json.loads(first.stdout)
    assert "lark" in one["cold"]  # the first run parsed the rules
    assert len(_entries(tmp_path / "c")) == 1
    second = _run_child(_CHILD, env)
    two = json.loads(second.stdout)
    assert two["cold"] == []
    assert (two["code"], two["out"]) == (one["code"], one["out"])


def test_no_cache_env_neither_reads_nor_writes(tmp_path: Path) -> None:
    env = {cache.ENV_DIR: str(tmp_path / "c"), cache.ENV_OFF: "1"}
    done = _run_child(_CHILD, env)
    assert done.returncode == 0, done.stderr
    assert "lark" in json.loads(done.stdout)["cold"]
    assert not (tmp_path / "c").exists()


def test_no_cache_option(cache_dir: Path) -> None:
    code, _ = _cli("check", str(ONE), "--as-of", "2026-01-01", "--no-cache")
    assert code == 0
    assert not cache_dir.exists()
    assert cache.enabled()  # the option is scoped to the command


def test_a_rule_file_changed_by_one_byte_is_a_miss(
    cache_dir: Path, tmp_path: Path, checks: list[int]
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules, ignore=shutil.ignore_patterns("tests"))
    load_rules(rules)
    load_rules(rules)
    assert len(checks) == 1
    victim = sorted(rules.rglob("*.kr"))[0]
    victim.write_bytes(victim.read_bytes() + b"\n")
    load_rules(rules)
    assert len(checks) == 2
    assert len(_entries(cache_dir)) == 2


def test_another_library_version_is_a_miss(
    cache_dir: Path, checks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_rules()
    load_rules()
    assert len(checks) == 1
    import kerjasama_rules.version

    monkeypatch.setattr(kerjasama_rules.version, "__version__", "999.0.0")
    load_rules()
    assert len(checks) == 2


def test_other_limits_are_a_miss(cache_dir: Path, checks: list[int]) -> None:
    from kerjasama_rules import limits

    load_rules()
    previous = limits.configure(max_rules=limits.current().max_rules + 1)
    try:
        load_rules()
    finally:
        limits.configure(**{"max_rules": previous.max_rules})
    assert len(checks) == 2


@pytest.mark.parametrize(
    "damage",
    ["truncate", "flip_payload", "flip_header", "garbage", "empty", "foreign_key"],
)
def test_a_damaged_entry_is_ignored_and_rebuilt(
    cache_dir: Path, checks: list[int], damage: str
) -> None:
    as_of = {"as_of": __import__("datetime").date(2026, 1, 1)}
    agreement = __import__("kerjasama_rules").load_agreement(ONE)
    good = load_rules().evaluate(agreement, **as_of)
    (entry,) = _entries(cache_dir)
    blob = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(blob[: len(blob) // 2])
    elif damage == "flip_payload":
        entry.write_bytes(blob[:-100] + bytes([blob[-100] ^ 1]) + blob[-99:])
    elif damage == "flip_header":
        entry.write_bytes(b"X" + blob[1:])
    elif damage == "garbage":
        entry.write_bytes(os.urandom(4096))
    elif damage == "empty":
        entry.write_bytes(b"")
    else:  # another key's entry under this name: its header names the other key
        other = entry.name.replace("rules-", "").replace(".bin", "")
        entry.write_bytes(blob.replace(other.encode(), b"0" * len(other), 1))
    damaged = entry.read_bytes()
    again = load_rules().evaluate(agreement, **as_of)
    assert len(checks) == 2
    assert again == good
    # Rebuilt whole (not byte for byte: marshal's bytes depend on reference counts).
    assert entry.read_bytes() != damaged
    load_rules()
    assert len(checks) == 2  # and used again


def test_an_unwritable_cache_directory_means_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checks: list[int]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory\n")
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    monkeypatch.setenv(cache.ENV_DIR, str(blocker / "cache"))
    assert load_rules().rules
    assert load_rules().rules
    assert len(checks) == 2
    code, out = _cli("check", str(ONE), "--as-of", "2026-01-01")
    assert code == 0 and out


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="no file owners on this system")
def test_a_directory_others_may_write_is_not_trusted(cache_dir: Path, checks: list[int]) -> None:
    cache_dir.mkdir(mode=0o700)
    load_rules()
    assert len(_entries(cache_dir)) == 1
    cache_dir.chmod(0o777)
    load_rules()
    assert len(checks) == 2  # not read
    cache_dir.chmod(0o700)
    (entry,) = _entries(cache_dir)
    entry.chmod(0o666)
    load_rules()
    assert len(checks) == 3  # a file others may write is not read either


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_same_bytes_with_and_without_the_cache(cache_dir: Path, fmt: str) -> None:
    args = ["--as-of", "2026-01-01", "--format", fmt, "--lang", "en" if fmt == "text" else "id"]
    for example in EXAMPLES:
        without = _cli("check", str(example), *args, "--no-cache")
        cold = _cli("check", str(example), *args)
        warm = _cli("check", str(example), *args)
        assert cold == without, example
        assert warm == without, example
    assert len(_entries(cache_dir)) == 1


def test_the_same_bytes_for_a_drafters_rules_and_explain(cache_dir: Path) -> None:
    rules = ROOT / "examples" / "kebijakan"
    args = ["--rules", str(rules), "--with-bundled", "--as-of", "2026-01-01", "--format", "json"]
    for example in EXAMPLES[:3]:
        without = _cli("check", str(example), *args, "--no-cache")
        assert _cli("check", str(example), *args) == without
        assert _cli("check", str(example), *args) == without
    explain = ["explain", str(ONE), "pp28-1-ksdd", "--as-of", "2026-01-01"]
    without = _cli(*explain, "--no-cache")
    assert _cli(*explain) == without


def test_concurrent_first_runs_are_safe(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KERJASAMA_")}
    env[cache.ENV_DIR] = str(tmp_path / "c")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _CHILD],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    outs = [json.loads(out) for out, _ in results]
    assert all(p.returncode == 0 for p in procs), [err for _, err in results]
    assert outs[0]["out"] == outs[1]["out"]
    assert len(_entries(tmp_path / "c")) == 1
    third = json.loads(_run_child(_CHILD, {cache.ENV_DIR: str(tmp_path / "c")}).stdout)
    assert third["cold"] == [] and third["out"] == outs[0]["out"]


def test_the_snapshot_refuses_classes_outside_the_package() -> None:
    data = (snapshot.FORMAT, (("k", "os", "system"),), ((0, ("echo",)),), 0, (), ())
    with pytest.raises(snapshot.SnapshotError):
        snapshot.decode(data)
    data = (snapshot.FORMAT, (("k", "kerjasama_rules.engine.cache", "load"),), (), 0, (), ())
    with pytest.raises(snapshot.SnapshotError):
        snapshot.decode(data)


def test_the_snapshot_round_trips_the_bundled_rules() -> None:
    checked = load_rules()._checked
    back = snapshot.decode(snapshot.encode(checked))
    assert back.files == checked.files
    assert back.rules == checked.rules
    assert back.tables == checked.tables
    assert back.periods == checked.periods
    assert len(back.types) == len(checked.types)
    assert len(back.resolutions) == len(checked.resolutions)
    assert sorted(back.switch_enums) == sorted(checked.switch_enums)


# ---------------------------------------------------------------- what imports cost

_IMPORTS = """
import json, sys
import kerjasama_rules
print(json.dumps(sorted(sys.modules)))
"""


def test_importing_the_package_loads_no_stage_it_does_not_use() -> None:
    done = _run_child(_IMPORTS, {})
    modules = set(json.loads(done.stdout))
    for heavy in ("lark", "holidays", "importlib.metadata", "cattrs", "yaml"):
        assert heavy not in modules, heavy
    assert "kerjasama_rules.engine.evaluator" not in modules


def test_holidays_are_imported_only_when_a_working_day_function_runs() -> None:
    code = f"""
import datetime, json, sys
import kerjasama_rules as kr
rules = kr.load_rules()
agreement = kr.load_agreement({str(ONE)!r})
calendar = kr.WorkingCalendar()
before = "holidays" in sys.modules
kr.compute_deadline(datetime.date(2026, 1, 5), 5)
print(json.dumps([before, "holidays" in sys.modules]))
"""
    done = _run_child(code, {cache.ENV_OFF: "1"})
    assert json.loads(done.stdout) == [False, True], done.stderr


def test_the_command_table_matches_the_command_modules() -> None:
    import importlib

    cli_main = importlib.import_module("kerjasama_rules.cli.main")
    for module, register, commands in cli_main._REGISTRY:
        if register == "register":
            mod = importlib.import_module(f"kerjasama_rules.cli.{module}")
            assert tuple(mod.COMMANDS) == commands, module


def test_a_check_imports_no_other_commands_module(tmp_path: Path) -> None:
    code = f"""
import io, json, sys
from kerjasama_rules.cli import main
main(["check", {str(ONE)!r}, "--as-of", "2026-01-01"], stdout=io.StringIO())
print(json.dumps(sorted(m for m in sys.modules if m.startswith("kerjasama_rules.cli."))))
"""
    done = _run_child(code, {cache.ENV_DIR: str(tmp_path / "c")})
    loaded = set(json.loads(done.stdout))
    assert "kerjasama_rules.cli.checking" in loaded
    for other in ("drafting", "testing", "portfolio", "analysis", "lsp", "law"):
        assert f"kerjasama_rules.cli.{other}" not in loaded
