"""The public surface: exports and docstrings (the import layout: test_architecture.py)."""

from __future__ import annotations

import types
from pathlib import Path

import kerjasama_rules as kr

SRC = Path(kr.__file__).resolve().parent


def test_all_is_sorted_and_complete() -> None:
    assert list(kr.__all__) == sorted(kr.__all__)
    # pytest's assertion rewriting (the package is a pytest11 plugin) adds `@py_builtins`
    # and `@pytest_ar`: not identifiers, so not public names.
    # Submodules and subpackages appear as attributes once imported; they are not names
    # of the facade. The facade imports most names on first use (PEP 562): every name of
    # __all__ resolves, and then the module holds exactly those.
    for name in kr.__all__:
        getattr(kr, name)
    public = {
        n
        for n, v in vars(kr).items()
        if not n.startswith("_") and n.isidentifier() and not isinstance(v, types.ModuleType)
    } - {"annotations"}
    assert public == set(kr.__all__)


def test_public_names_have_docstrings() -> None:
    for name in kr.__all__:
        obj = getattr(kr, name)
        assert obj.__doc__, name


def test_lark_types_never_leave_the_parser() -> None:
    # The parser is three modules: the parse itself and the transformer to nodes.
    parser_modules = {"language/parser.py", "language/transform.py", "language/transform_expr.py"}
    for path in SRC.rglob("*.py"):
        if path.relative_to(SRC).as_posix() in parser_modules:
            continue
        assert "import lark" not in path.read_text(encoding="utf-8"), path.name
        assert "from lark" not in path.read_text(encoding="utf-8"), path.name
