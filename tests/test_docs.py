"""Every console example in README.md and docs/*.md runs, and prints what the page shows.

The convention (also in docs/README.md, "Examples that run"):

* **What is an example.** A fenced code block (any info string, usually none or
  ``console``) whose first line starts with ``$ ``. Each ``$ `` line is a command; the
  lines up to the next ``$ `` line (or the end of the block) are its expected output,
  standard output and standard error in the order a terminal shows them. ``$ echo $?``
  prints the exit code of the command before it. Blocks that do not start with ``$ ``
  (installation steps, YAML, Python) are not run.
* **Where it runs.** Each page gets a fresh scratch directory holding the repository's
  ``rules/``, ``examples/`` and ``kerjasama.toml`` (when there is one) and a copy of
  ``docs/examples/<page>/`` (``<page>`` is the file name without ``.md`` and without a
  language suffix: ``tutorial.en.md`` and ``tutorial.md`` share
  ``docs/examples/tutorial/``). The blocks of a page run in that directory, so a page may
  name its files briefly (``menunggu.yaml``) and print short relative paths. Commands
  must not depend on files an earlier command wrote (they run a few at a time). They run
  in ``bash`` with the installed ``kerjasama`` first on ``PATH``: pipes (``| head -5``),
  redirections and ``cd dir && ...`` work as a reader
  would type them. The README runs the same way, with no ``docs/examples`` directory.
* **How output is compared.** Exactly, after this normalisation: trailing spaces and
  trailing blank lines are ignored; a line that is only ``...`` matches any number of
  lines (output left out of the page); ``...`` inside a line matches any text on that
  line (a date that is "today", a duration). Nothing else is normalised: dates are
  fixed with ``--as-of`` and paths are relative to the scratch directory.
* **Updating.** ``pytest tests/test_docs.py --update-golden`` rewrites the expected output
  of every block that has no ``...`` from a real run; review the change with ``git diff``.

Known limitations of the tool that a page states are checked at the end of this file: each
test fails when the limitation is lifted, so that the page is corrected with the code.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import attrs
import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_FENCE = re.compile(r"^(`{3,}|~{3,})")
_TIMEOUT = 300
_WORKERS = 4


@attrs.frozen
class Command:
    """One ``$ `` line and the output the page shows for it."""

    line: int  # 1-based line of the `$ ` in the page
    text: str
    expected: tuple[str, ...]


@attrs.frozen
class Block:
    """One console example: its commands, and the page lines it spans (for updating)."""

    page: Path
    start: int  # 0-based index of the first line inside the fence
    end: int  # 0-based index of the closing fence
    commands: tuple[Command, ...]

    @property
    def id(self) -> str:
        return f"{self.page.relative_to(ROOT).as_posix()}:{self.start}"


def blocks_of(page: Path) -> list[Block]:
    """The console examples of a page, in order."""
    lines = page.read_text(encoding="utf-8").splitlines()
    out: list[Block] = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if m is None:
            i += 1
            continue
        fence = m.group(1)
        j = i + 1
        while j < len(lines) and not lines[j].startswith(fence):
            j += 1
        body = lines[i + 1 : j]
        if body and body[0].startswith("$ "):
            commands: list[Command] = []
            for k, text in enumerate(body):
                if text.startswith("$ "):
                    commands.append(Command(i + 2 + k, text[2:], ()))
                else:
                    last = commands[-1]
                    commands[-1] = attrs.evolve(last, expected=(*last.expected, text))
            out.append(Block(page, i + 1, j, tuple(commands)))
        i = j + 1
    return out


def _page_files(page: Path) -> Path:
    stem = page.name.removesuffix(".md").removesuffix(".en").removesuffix(".id")
    return ROOT / "docs" / "examples" / stem


def scratch_for(page: Path, base: Path) -> Path:
    """The directory a page's examples run in (see the module docstring)."""
    where = base / page.name
    if where.exists():
        return where
    where.mkdir(parents=True)
    # Copies, not links: a command shows the paths it read relative to where it runs.
    for name in ("rules", "examples"):
        shutil.copytree(ROOT / name, where / name)
    # The project file too, so that a command finds the rules as it does in a checkout.
    if (ROOT / "kerjasama.toml").is_file():
        shutil.copy(ROOT / "kerjasama.toml", where / "kerjasama.toml")
    files = _page_files(page)
    if page.parent == ROOT / "docs" and files.is_dir():
        shutil.copytree(files, where, dirs_exist_ok=True)
    return where


def run(command: str, cwd: Path, last_code: int) -> tuple[int, str]:
    """Run one command as a reader would; its exit code and its output."""
    if command.strip() == "echo $?":
        return 0, f"{last_code}\n"
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    # Unbuffered, and both streams in one pipe: the order a terminal would show.
    env.update(
        {
            "PYTHONIOENCODING": "utf-8",
            "LC_ALL": "C.UTF-8",
            "COLUMNS": "80",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.pop("HYPOTHESIS_PROFILE", None)
    proc = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=_TIMEOUT,
        check=False,
    )
    return proc.returncode, proc.stdout


def _line_matches(pattern: str, actual: str) -> bool:
    if "..." not in pattern:
        return pattern == actual
    regex = ".*".join(re.escape(part) for part in pattern.split("..."))
    return re.fullmatch(regex, actual) is not None


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether output lines match the page's lines, with ``...`` as described above."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head == "...":
        return any(matches(rest, actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and _line_matches(head, actual[0]) and matches(rest, actual[1:])


def _clean(lines: list[str] | tuple[str, ...]) -> list[str]:
    out = [line.rstrip() for line in lines]
    while out and not out[-1]:
        out.pop()
    return out


ALL_BLOCKS = [b for page in PAGES for b in blocks_of(page)]


def test_the_pages_have_examples() -> None:
    # The harness reads what it should: the README and the CLI reference have examples.
    pages = {b.page.name for b in ALL_BLOCKS}
    assert {"README.md", "cli.md"} <= pages


def test_the_matcher_can_fail() -> None:
    assert matches(["a", "...", "d"], ["a", "b", "c", "d"])
    today = "Judged as of: 2026-12-02 (today, Asia/Jakarta)"
    assert matches(["Judged as of: ... (today, Asia/Jakarta)"], [today])
    assert not matches(["a", "b"], ["a", "c"])
    assert not matches(["a"], ["a", "extra"])


_RESULTS: dict[str, list[tuple[Command, int, list[str]]]] = {}


def _run_page(page: Path, base: Path) -> None:
    # Blocks of a page share one directory and run in order: run them all once. Commands
    # run a few at a time (each is a process of its own); a page's commands do not read
    # what an earlier one wrote, and `echo $?` takes the code of the command before it.
    key = str(page)
    if key in _RESULTS:
        return
    cwd = scratch_for(page, base)
    blocks = blocks_of(page)
    commands = [c for b in blocks for c in b.commands]
    with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
        futures = [
            None if c.text.strip() == "echo $?" else pool.submit(run, c.text, cwd, 0)
            for c in commands
        ]
        done: dict[int, tuple[int, list[str]]] = {}
        code = 0
        for c, fut in zip(commands, futures, strict=True):
            if fut is None:
                code, out = 0, f"{code}\n"
            else:
                code, out = fut.result()
            done[c.line] = (code, _clean(out.splitlines()))
    for block in blocks:
        _RESULTS[f"{key}:{block.start}"] = [(c, *done[c.line]) for c in block.commands]
    _RESULTS[key] = []


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("docs")


@pytest.mark.parametrize("block", ALL_BLOCKS, ids=lambda b: b.id)
def test_example(block: Block, scratch: Path, update_golden: bool) -> None:
    _run_page(block.page, scratch)
    results = _RESULTS[f"{block.page}:{block.start}"]
    if update_golden:
        _update(block, results)
        return
    problems = []
    for c, code, actual in results:
        expected = _clean(c.expected)
        if not matches(expected, actual):
            shown = "\n".join(actual)
            problems.append(f"line {c.line}: $ {c.text}\n(exit {code}) output was:\n{shown}")
    assert not problems, "\n\n".join(problems)


def _update(block: Block, results: list[tuple[Command, int, list[str]]]) -> None:
    if any("..." in line for c in block.commands for line in c.expected):
        return  # trimmed by hand: left as written
    lines = block.page.read_text(encoding="utf-8").splitlines()
    # Find the block again by its first command: the page may have moved since it was read.
    first = "$ " + block.commands[0].text
    start = next(i for i, line in enumerate(lines) if line == first)
    end = start
    while not _FENCE.match(lines[end]):
        end += 1
    body: list[str] = []
    for c, _, actual in results:
        body.append("$ " + c.text)
        body.extend(actual)
    lines[start:end] = body
    block.page.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- known limitations: each test fails when its limitation is lifted ----------------------
# When one fails, delete the limitation from the page it is listed in, and the test here
# (or turn it into a test of the new behaviour).


def _cli(*args: str) -> tuple[int, str, str]:
    import io

    from kerjasama_rules.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


_ARNHEM = str(ROOT / "examples" / "ksdpl-arnhem-tidak-patuh.yaml")


def test_limitation_explain_json_has_no_format_key() -> None:
    # docs/json-report.md: "The `explain` JSON has no `format` key".
    import json

    _, out, _ = _cli("explain", _ARNHEM, "pp28-30-1", "--as-of", "2026-11-29", "--format", "json")
    assert "format" not in json.loads(out)


def test_limitation_pending_json_has_no_severity_nor_messages() -> None:
    # docs/json-report.md: "`pending` entries carry only the message in the requested
    # language (no `messages` object), and no `severity`".
    import json

    _, out, _ = _cli("check", _ARNHEM, "--as-of", "2026-11-29", "--format", "json")
    pending = [p for o in json.loads(out)["reports"][0]["outcomes"] for p in o["pending"]]
    assert pending
    assert all("severity" not in p and "messages" not in p for p in pending)


def test_limitation_the_checker_emits_no_warnings() -> None:
    # docs/errors.md: "The checker can emit warnings ... but no check emits one today".
    import kerjasama_rules as kr

    assert kr.load_rules().warnings == ()


def _run_out(*args: str) -> str:
    _, out, err = _cli(*args)
    return out + err


def test_limitation_determination_titles_are_indonesian_only() -> None:
    # docs/language.md: "Only rules have an English title" (tests/test_report_language.py
    # leaves the determination's line out of its check).
    from kerjasama_rules.errors import RuleSyntaxError
    from kerjasama_rules.language.parser import parse

    with pytest.raises(RuleSyntaxError):
        parse('penetapan x {\n  judul "a"\n  judul en "b"\n  jika benar maka 1\n}\n')


def test_limitation_switch_texts_are_indonesian_only() -> None:
    # docs/language.md: switch titles and reasons are Indonesian only (then add
    # `rules --switches` to the outputs of tests/test_report_language.py).
    text = _run_out("rules", "--switches", "--lang", "en")
    assert "Apakah cuti bersama nasional dihitung sebagai hari kerja?" in text


def test_limitation_template_field_descriptions_are_english_only() -> None:
    # docs/cli.md: `template` describes each field in English in both languages.
    assert "# stable identifier of the agreement" in _run_out("template", "KSDD", "--lang", "id")


def test_limitation_rule_tests_have_no_language_option() -> None:
    # docs/cli.md: `kerjasama test` has no `--lang` (its output is English).
    assert "--lang" not in _run_out("test", "--help")


# Limitations once listed and since lifted: the pages no longer list them.


def test_lifted_a_subcommand_usage_error_names_the_subcommand() -> None:
    code, _, err = _cli("check", _ARNHEM, "--as-of", "2026-13-01")
    assert code == 2
    assert err.startswith("usage: kerjasama check")


def test_lifted_compare_switches_json_keeps_the_errors(tmp_path: Path) -> None:
    import json

    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\njenis: KSDX\n", encoding="utf-8")
    code, out, _ = _cli(
        "check", _ARNHEM, str(bad), "--as-of", "2026-11-29", "--compare-switches",
        "--format", "json",
    )  # fmt: skip
    assert code == 2
    assert [e["code"] for e in json.loads(out)["errors"]] == ["agreement.invalid-value"]


def test_lifted_the_pages_do_not_list_lifted_limitations() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in PAGES)
    for gone in (
        "is printed with Indonesian keywords even with `--lang en`",
        "A usage error inside a subcommand prints the top-level usage line",
        "drops the `errors` array",
        "`explain` does not show a rule's notes",
        "and does not take the extra regional holidays",
        "`kerjasama explain` does not show notes",
        "`kerjasama explain` tidak menampilkan `catatan`",
    ):
        assert gone not in text, gone
