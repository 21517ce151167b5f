"""The public surface: exports and docstrings (the import layout: test_architecture.py)."""

from __future__ import annotations

from pathlib import Path

import kerjasama_rules as kr

SRC = Path(kr.__file__).resolve().parent


def test_all_is_sorted_and_complete() -> None:
    assert list(kr.__all__) == sorted(kr.__all__)
    # pytest's assertion rewriting (the package is a pytest11 plugin) adds `@py_builtins`
    # and `@pytest_ar`: not identifiers, so not public names.
    public = {n for n in vars(kr) if not n.startswith("_") and n.isidentifier()} - {
        # submodules imported as a side effect of the facade's imports
        "agreement", "calendar", "checker", "compiler", "duration", "errors", "evaluator",
        "functions", "keywords", "loader", "nodes", "parser", "printer", "render", "report",
        "rulefiles", "source", "suggest", "typesys", "values", "annotations", "strategies",
        "cli", "cli_drafting", "cli_testing", "i18n", "formatter", "linter", "sarif",
        "inventory", "ruletests", "coverage", "pytest_plugin", "codegen", "schema", "comparison",
        "template", "model", "language", "engine", "output", "drafting", "law", "testing",
    }  # fmt: skip
    assert public == set(kr.__all__)


def test_public_names_have_docstrings() -> None:
    for name in kr.__all__:
        obj = getattr(kr, name)
        assert obj.__doc__, name


def test_lark_types_never_leave_the_parser() -> None:
    for path in SRC.rglob("*.py"):
        if path.relative_to(SRC).as_posix() == "language/parser.py":
            continue
        assert "import lark" not in path.read_text(encoding="utf-8"), path.name
        assert "from lark" not in path.read_text(encoding="utf-8"), path.name
