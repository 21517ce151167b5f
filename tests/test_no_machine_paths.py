"""No product file points to a path of the development machine.

Users have the repository, not the machine it was written on: README, docs, examples,
rules, the package and its tests refer to repository files by relative path, and never
send a reader to an absolute path in a home, work or temporary directory, nor to the
shared material beside the checkout. The test reads every text file of those trees and
fails with each offending line, so a new one cannot slip in.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ("README.md", "docs", "examples", "rules", "src", "tests")
TEXT_SUFFIXES = {".md", ".yaml", ".yml", ".json", ".kr", ".py", ".txt", ".lark", ".html", ".toml"}

# An absolute path into a home, work or temporary directory (POSIX or Windows), or a
# relative path that climbs out of the repository into the shared material.
MACHINE_PATH = re.compile(
    r"(?<![\w.~-])(?:/(?:work|tmp|home|root|Users|var/folders|mnt/data)/[\w.~-]"
    r"|[A-Za-z]:\\Users\\"
    r"|\.\./shared/)"
)


def _product_files() -> list[Path]:
    files: list[Path] = []
    for name in PRODUCT:
        path = ROOT / name
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix in TEXT_SUFFIXES and "__pycache__" not in p.parts
            )
    return files


def test_the_product_trees_are_found() -> None:
    files = _product_files()
    assert any(p.name == "README.md" for p in files)
    assert any(p.suffix == ".kr" for p in files)
    assert any(p.suffix == ".py" for p in files)


# Built from pieces so that this file does not itself name a machine path.
_BAD = ["/" + "work/shared/law/x.md", "see /" + "tmp/docgen/a.yaml", "..".join(["", "/shared/"])]


@pytest.mark.parametrize("text", _BAD)
def test_the_pattern_finds_machine_paths(text: str) -> None:
    assert MACHINE_PATH.search(text)


@pytest.mark.parametrize("text", ["rules/pp28_2018/pasal_30.kr", "examples/README.md", "and/or"])
def test_the_pattern_allows_repository_paths(text: str) -> None:
    assert not MACHINE_PATH.search(text)


def test_no_product_file_names_a_path_of_the_development_machine() -> None:
    offending: list[str] = []
    for path in _product_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if MACHINE_PATH.search(line):
                offending.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offending, "machine paths in product files:\n" + "\n".join(offending)
