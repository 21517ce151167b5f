"""The layout keeps the pipeline: one folder per stage, imports one way, no circles.

The graph is read from the source with ``ast`` (every ``import`` and ``from ... import``,
at module level or inside a function, relative or absolute), so a lazy import cannot hide
a back-edge. ``docs/architecture.md`` draws the same map.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import kerjasama_rules as kr

# The checkout's source (the tests run from it), else the installed package.
_CHECKOUT = Path(__file__).resolve().parents[1]
SRC = (
    _CHECKOUT / "src" / "kerjasama_rules"
    if (_CHECKOUT / "src" / "kerjasama_rules").is_dir()
    else Path(kr.__file__).resolve().parent
)
PACKAGE = "kerjasama_rules"

# Stage of each folder (and of the few top-level modules). A module may import its own
# folder and folders of a strictly lower rank, never a sibling of the same rank.
RANK = {
    "base": 0,                                         # errors, source, suggest: plain data
    "model": 1,                                        # the agreement and the calendar
    "language": 2,                                     # rule text -> checked tree
    "engine": 3,                                       # checked rules -> RuleSet -> Report
    # tools that compute data from the engine, side by side, never importing each other
    "drafting": 4, "analysis": 4, "portfolio": 4,
    "law": 5,                                          # inventory, coverage (runs rule tests)
    # the property-testing kit checks the tools and the law below it (fmt, translation,
    # the analyzer's witnesses, the inventory), so it sits above them, never beside them
    "testing": 6,
    "output": 7,                                       # the only layer that formats
    "cli": 8, "lsp": 8,                                # front ends: the command line, editors
    # public entry points and facades, kept at their documented paths
    "__init__": 9, "__main__": 9, "strategies": 9, "pytest_plugin": 9,
}  # fmt: skip

MAX_LINES = 600
# A module longer than MAX_LINES must say why in its docstring, with this phrase.
LONG_REASON = "Longer than 600 lines because"


def _modules() -> dict[str, Path]:
    found = {}
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


BASE = {"errors", "source", "suggest", "limits", "version", "fileio"}


def _stage(module: str) -> str:
    first = module.split(".")[0]
    return "base" if first in BASE else first


def _imports(module: str, path: Path, known: set[str]) -> Iterator[tuple[str, int]]:
    """The modules of this package that ``module`` imports, with the line of each import."""
    is_pkg = path.name == "__init__.py"
    here = module.split(".") if is_pkg else module.split(".")[:-1]
    if module == "__init__":
        here = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)] if node.level > 1 else list(here)
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            elif node.module and (node.module + ".").startswith(PACKAGE + "."):
                target = node.module[len(PACKAGE) + 1 :]
            else:
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}" if target else alias.name
                yield (sub if sub in known else target or "__init__"), node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(PACKAGE + "."):
                    yield alias.name[len(PACKAGE) + 1 :], node.lineno


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    known = set(mods)
    graph: dict[str, set[str]] = {}
    for m, p in mods.items():
        graph[m] = {t for t, _ in _imports(m, p, known) if t != m and t in known}
    return graph


def test_every_module_belongs_to_a_declared_stage() -> None:
    stages = {_stage(m) for m in _modules()}
    assert stages <= set(RANK), f"undeclared stages: {sorted(stages - set(RANK))}"


def test_imports_flow_one_way() -> None:
    mods = _modules()
    known = set(mods)
    wrong = []
    for m, path in sorted(mods.items()):
        for target, line in _imports(m, path, known):
            a, b = _stage(m), _stage(target)
            if a == b:
                continue
            if RANK[b] >= RANK[a]:
                wrong.append(f"{path.relative_to(SRC)}:{line}: {a} imports {target}")
    assert not wrong, "imports against the declared direction:\n" + "\n".join(wrong)


def test_no_import_circles() -> None:
    graph = _graph()
    # Tarjan's strongly connected components: any component of two or more is a circle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    circles: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                circles.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert not circles, f"import circles: {circles}"


def test_the_checker_detects_a_planted_back_edge(tmp_path: Path) -> None:
    # The test above must be able to fail: a model module importing the engine is flagged.
    src = tmp_path / "m.py"
    src.write_text("from ..engine.evaluator import RuleSet\n", encoding="utf-8")
    targets = list(_imports("model.m", src, set(_modules())))
    assert targets == [("engine.evaluator", 1)]
    assert RANK[_stage(targets[0][0])] > RANK["model"]


def test_errors_import_nothing_from_rendering() -> None:
    graph = _graph()
    assert not {t for t in graph["errors"] if _stage(t) == "output"}


def test_modules_are_short_or_say_why() -> None:
    long = []
    for path in sorted(_modules().values()):
        text = path.read_text(encoding="utf-8")
        n = text.count("\n")
        doc = ast.get_docstring(ast.parse(text)) or ""
        if n > MAX_LINES and LONG_REASON not in doc:
            long.append(f"{path.relative_to(SRC)}: {n} lines")
    assert not long, "modules over ~600 lines without a stated reason:\n" + "\n".join(long)


def test_each_stage_folder_says_its_job_and_what_it_may_import() -> None:
    for folder in sorted(p for p in SRC.iterdir() if (p / "__init__.py").is_file()):
        doc = ast.get_docstring(ast.parse((folder / "__init__.py").read_text("utf-8")))
        assert doc and "May import" in doc, folder.name


def test_the_architecture_doc_lists_every_module() -> None:
    doc = (_CHECKOUT / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [
        path.relative_to(SRC).as_posix()
        for path in sorted(SRC.rglob("*.py"))
        if f"`{path.relative_to(SRC).as_posix()}`" not in doc
    ]
    assert not missing, f"modules missing from docs/architecture.md: {missing}"
