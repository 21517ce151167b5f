"""Which rules a command uses: ``--rules``, a ``kerjasama.toml`` project, or the bundled rules.

Every ``kerjasama`` command, the rule tests and the pytest plugin resolve rules through
:func:`resolve_rules`, so a drafter working in a checkout never silently gets the copy of
the rules installed in site-packages. The order:

1. rule files or directories given with ``--rules`` (repeatable);
2. else the ``[rules] paths`` of the nearest ``kerjasama.toml`` in the working directory
   or one of its parents (a checkout of this repository has one at its root);
3. else the rules installed with the library.

``--with-bundled`` (or ``with_bundled = true`` in ``kerjasama.toml``) puts the bundled
rules under the chosen ones. "Bundled" means the checkout's own rules when a
``kerjasama.toml`` above says ``bundled = "<dir>"`` (this repository's does), else the
installed copy. The file format is documented in ``docs/cli.md``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

import attrs

from ..errors import ConfigurationError, Diagnostic, bad_argument

__all__ = [
    "PROJECT_FILE",
    "Project",
    "RuleSelection",
    "bundled_rules_path",
    "find_project",
    "installed_rules_path",
    "resolve_rules",
    "rules_around",
]

PROJECT_FILE = "kerjasama.toml"


@attrs.frozen
class Project:
    """A ``kerjasama.toml``: the rule directories of a checkout or of a drafter's folder.

    Attributes:
        file: the ``kerjasama.toml`` itself.
        rule_dirs: ``[rules] paths``, resolved against the file's directory.
        bundled: ``[rules] bundled``: the directory that *is* the library's own rules in
            this checkout (set in this repository), else None.
        with_bundled: ``[rules] with_bundled``: stack the bundled rules under
            ``rule_dirs``.
    """

    file: Path
    rule_dirs: tuple[Path, ...]
    bundled: Path | None = None
    with_bundled: bool = False


@attrs.frozen
class RuleSelection:
    """The rule files or directories a command uses, and why.

    Attributes:
        paths: in loading order (bundled rules first when stacked).
        source: ``option`` (``--rules``), ``project`` (a ``kerjasama.toml``),
            ``installed`` (the copy installed with the library), ``paths`` (files named
            on the command line, linted alone) or ``tests`` (each rule test file's own
            rules, see ``drafting.testfiles.rules_for_test``).
        project: the ``kerjasama.toml`` consulted, if any.
        with_bundled: whether the bundled rules were stacked under the chosen ones.
    """

    paths: tuple[Path, ...]
    source: str
    project: Path | None = None
    with_bundled: bool = False


_CACHE: dict[Path, tuple[int, Project]] = {}


def _config_error(file: Path, message: str) -> ConfigurationError:
    here = Path.cwd().resolve()
    shown = file.relative_to(here).as_posix() if file.is_relative_to(here) else str(file)
    return ConfigurationError(
        [
            Diagnostic(
                code="config.bad-project",
                message=message,
                file=shown,
                help='write e.g. `[rules]` then `paths = ["rules"]` (see docs/cli.md)',
            )
        ]
    )


# Longer than any real path (PATH_MAX is 4096 on Linux): refused, not handed to the OS.
_MAX_PATH = 4096


def _read_project(file: Path) -> Project:
    stamp = file.stat().st_mtime_ns
    cached = _CACHE.get(file)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    # Imported here: most commands run where no kerjasama.toml is.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        doc = tomllib.loads(file.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise _config_error(file, f"`{file}` cannot be read: {exc}") from None
    section = doc.get("rules", {})
    if not isinstance(section, dict):
        raise _config_error(file, "`rules` must be a table")
    base = file.parent
    paths = section.get("paths", [])
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        raise _config_error(file, "`rules.paths` must be a list of directories")
    bundled = section.get("bundled")
    if bundled is not None and not isinstance(bundled, str):
        raise _config_error(file, "`rules.bundled` must be a directory")
    for p in [*paths, *([bundled] if bundled else [])]:
        if "\x00" in p or len(p) > _MAX_PATH:
            # os.stat raises ValueError on a NUL: a traceback, not a message
            raise _config_error(file, f"`{p[:80]!r}` is not a path (a NUL character, or too long)")
    with_bundled = section.get("with_bundled", False)
    if not isinstance(with_bundled, bool):
        raise _config_error(file, "`rules.with_bundled` must be true or false")
    project = Project(
        file=file,
        rule_dirs=tuple((base / p).resolve() for p in paths),
        bundled=(base / bundled).resolve() if bundled else None,
        with_bundled=with_bundled,
    )
    _CACHE[file] = (stamp, project)
    return project


def _projects_above(start: str | os.PathLike[str] | None) -> list[Project]:
    here = Path(start if start is not None else Path.cwd()).resolve()
    if here.is_file():
        here = here.parent
    found: list[Project] = []
    for folder in (here, *here.parents):
        candidate = folder / PROJECT_FILE
        if candidate.is_file():
            found.append(_read_project(candidate))
    return found


def find_project(start: str | os.PathLike[str] | None = None) -> Project | None:
    """The nearest ``kerjasama.toml`` at or above ``start`` (default: the working directory)."""
    found = _projects_above(start)
    return found[0] if found else None


def installed_rules_path() -> Path:
    """The rules installed with the library.

    In a wheel they live in ``kerjasama_rules/rules``; in an editable install they are
    the repository's top-level ``rules/``.
    """
    # The package's own folder (importlib.resources would say the same for an installed
    # package, at a few milliseconds of every cold start).
    packaged = Path(__file__).resolve().parent.parent / "rules"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "rules"
    if checkout.is_dir():
        return checkout
    msg = "the bundled rules are missing from this installation"
    raise ConfigurationError(msg)


def bundled_rules_path(start: str | os.PathLike[str] | None = None) -> Path:
    """The library's own rules as seen from ``start`` (default: the working directory).

    Inside a checkout of this repository (a ``kerjasama.toml`` at or above ``start`` with
    ``[rules] bundled``) the checkout's rules, so edits are never silently ignored for
    the installed copy; elsewhere the installed rules.
    """
    if start is not None and not isinstance(start, str | os.PathLike):
        raise bad_argument("bundled_rules_path", "start", "a directory path", start)
    for project in _projects_above(start):
        if project.bundled is not None and project.bundled.is_dir():
            return project.bundled
    return installed_rules_path()


def _same_or_inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def rules_around(path: str | os.PathLike[str]) -> RuleSelection | None:
    """The rules a file or folder belongs to: the selection of the nearest
    ``kerjasama.toml`` above it whose rule directories hold it, else None."""
    where = Path(path).resolve()
    project = find_project(where)
    if project is None:
        return None
    roots = [*project.rule_dirs, *([project.bundled] if project.bundled else [])]
    if not any(_same_or_inside(where, r) for r in roots):
        return None
    return resolve_rules(start=project.file.parent)


def resolve_rules(
    paths: Sequence[str | os.PathLike[str]] = (),
    *,
    with_bundled: bool = False,
    start: str | os.PathLike[str] | None = None,
) -> RuleSelection:
    """The rules a command uses: the one resolution every command shares.

    Args:
        paths: the ``--rules`` given (rule files or directories).
        with_bundled: stack the bundled rules under ``paths`` (``--with-bundled``).
        start: where to look for ``kerjasama.toml`` (default: the working directory).

    Raises:
        ConfigurationError: a ``kerjasama.toml`` is malformed.
    """
    project = find_project(start)
    chosen: list[Path]
    if paths:
        chosen, source = [Path(p) for p in paths], "option"
    elif project is not None and project.rule_dirs:
        chosen, source = list(project.rule_dirs), "project"
        with_bundled = with_bundled or project.with_bundled
    else:
        chosen, source = [bundled_rules_path(start)], "installed"
        if project is not None and project.bundled is not None:
            source = "project"
    stacked = False
    if with_bundled:
        base = bundled_rules_path(start).resolve()
        if not any(_same_or_inside(p.resolve(), base) for p in chosen):
            chosen.insert(0, base)
            stacked = True
    return RuleSelection(
        paths=tuple(chosen),
        source=source,
        project=project.file if project is not None else None,
        with_bundled=stacked,
    )
