"""pytest plugin: collect ``*.test.yaml`` rule tests, one pytest item per case.

Registered through the ``pytest11`` entry point ``kerjasama`` (pyproject.toml), so once the
package is installed ``pytest rules/`` runs the rule tests. A failing case shows the same
diff as ``kerjasama test``. Without the installed entry point, enable it with
``-p kerjasama_rules.pytest_plugin`` or ``pytest_plugins = ["kerjasama_rules.pytest_plugin"]``.

It also runs the ready properties of :mod:`kerjasama_rules.testing` over a rule
directory: mark a test ``@pytest.mark.kerjasama_properties(rules="rules/mine")`` (its body
runs first, then the properties), or ask for the ``kerjasama_properties`` fixture and call
it (``kerjasama_properties("rules/mine")``). Either takes the keywords of
:func:`~kerjasama_rules.testing.check_rule_properties` (``only``, ``skip``,
``shared_units``, ``witnesses``, ``max_examples``, ...).

Loading it twice (entry point *and* ``-p``/``pytest_plugins``) is harmless: when pytest
registers the module under one name, the plugin blocks the other, so pytest skips the
second registration instead of failing with "Plugin already registered".
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

_ENTRY_POINT = "kerjasama"
_MARKER = "kerjasama_properties"
_RULES_CACHE: dict[tuple[Path, ...], Any] = {}


def pytest_plugin_registered(plugin: object, plugin_name: str, manager: Any) -> None:
    """Block this module's other name once it is registered under one of them."""
    if plugin is not sys.modules[__name__]:
        return
    for other in (_ENTRY_POINT, __name__):
        if other != plugin_name and not manager.is_blocked(other):
            manager.set_blocked(other)


def pytest_configure(config: pytest.Config) -> None:
    """Declare the ``kerjasama_properties`` marker (so ``--strict-markers`` accepts it)."""
    config.addinivalue_line(
        "markers",
        f"{_MARKER}(rules=..., **options): run the kerjasama ready properties over a rule "
        "directory (see kerjasama_rules.testing.check_rule_properties)",
    )


def _run_properties(
    marker: pytest.Mark | None, paths: tuple[Any, ...], options: dict[str, Any]
) -> None:
    from .testing.properties import check_rule_properties

    kwargs = dict(marker.kwargs) if marker is not None else {}
    rules = kwargs.pop("rules", ())
    if not paths:
        paths = tuple(rules) if isinstance(rules, list | tuple) else (rules,) if rules else ()
    kwargs.update(options)
    check_rule_properties(*paths, **kwargs)


@pytest.fixture
def kerjasama_properties(request: pytest.FixtureRequest) -> Callable[..., None]:
    """Run the ready properties: ``kerjasama_properties("rules/mine", skip=[...])``.

    Paths and options default to those of the test's ``kerjasama_properties`` marker.
    """
    marker = request.node.get_closest_marker(_MARKER)

    def run(*paths: Any, **options: Any) -> None:
        _run_properties(marker, paths, options)

    request.node.stash[_RAN] = True
    return run


_RAN = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    """After a test marked ``kerjasama_properties`` that does not use the fixture, run
    the properties the marker names."""
    result = yield
    marker = item.get_closest_marker(_MARKER)
    if marker is not None and not item.stash.get(_RAN, False):
        _run_properties(marker, (), {})
    return result


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Collect ``*.test.yaml`` files."""
    from .drafting.ruletests import TEST_SUFFIX

    if file_path.name.endswith(TEST_SUFFIX) and _looks_like_rule_tests(file_path):
        collector: pytest.Collector = RuleTestFile.from_parent(parent, path=file_path)
        return collector
    return None


def _looks_like_rule_tests(path: Path) -> bool:
    # Installed as a pytest11 plugin, this sees every project's tests: collect only files
    # with a top-level `kasus:`/`cases:` key, never someone else's `*.test.yaml`.
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return any(line.startswith(("kasus:", "cases:")) for line in text.splitlines())


class RuleTestFailure(Exception):
    """A case whose report differs from its expectations; carries the rendered diff."""


class RuleTestFile(pytest.File):
    """One ``*.test.yaml`` file: yields a :class:`RuleTestItem` per case."""

    def collect(self) -> Iterator[pytest.Item]:
        from .drafting.ruletests import load_test_file, rules_for_test
        from .engine.rulefiles import load_rules
        from .errors import KerjasamaError
        from .output.render import render_diagnostic

        try:
            tf = load_test_file(self.path)
            where = (Path(tf.rules),) if tf.rules else rules_for_test(self.path)
            if where not in _RULES_CACHE:
                _RULES_CACHE[where] = load_rules(*where)
        except KerjasamaError as exc:
            raise self.CollectError("\n".join(map(render_diagnostic, exc.diagnostics))) from None
        rules = _RULES_CACHE[where]
        for case in tf.cases:
            yield RuleTestItem.from_parent(self, name=case.name, case=case, rules=rules)


class RuleTestItem(pytest.Item):
    """One case of a rule test file."""

    def __init__(self, *, case: Any, rules: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case
        self.rules = rules

    def runtest(self) -> None:
        from .drafting.ruletests import run_case
        from .output.ruletests import render_result

        result = run_case(self.rules, self.case)
        if not result.passed:
            raise RuleTestFailure(render_result(result))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, RuleTestFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, self.case.line, self.name
