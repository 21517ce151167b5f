"""Which rules a command used, for people (a ``rules:`` line) and machines (a JSON field).

Every command that loads rules says which ones, so a drafter sees at once whether the
checkout's rules, their own folder or the installed copy was judged
(:func:`~kerjasama_rules.engine.project.resolve_rules` decides).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..engine.project import RuleSelection, find_project

__all__ = ["render_rules_line", "render_where", "selection_to_json", "shown_path"]

_SOURCES = {
    "option": ("--rules", "--rules"),
    "paths": ("given on the command line", "diberikan di baris perintah"),
    "project": ("from {project}", "dari {project}"),
    "installed": ("installed with kerjasama_rules", "terpasang bersama kerjasama_rules"),
    "tests": ("each test file's own rules", "aturan milik setiap berkas uji"),
}
_STACKED = ("on the bundled rules", "di atas aturan bawaan")


def shown_path(path: Path) -> str:
    """A path relative to the working directory when under it or under the project (the
    ``kerjasama.toml``) the working directory is in (stable in reports and docs), else
    absolute; directories end with ``/``."""
    resolved = path.resolve()
    here = Path.cwd().resolve()
    project = find_project(here)
    try:
        text = resolved.relative_to(here).as_posix()
    except ValueError:
        text = resolved.as_posix()
        if project is not None and resolved.is_relative_to(project.file.parent):
            text = Path(os.path.relpath(resolved, here)).as_posix()
    if text == ".":
        text = ""
    return text + "/" if path.is_dir() else text


def _why(sel: RuleSelection, lang: str) -> str:
    en, id_ = _SOURCES[sel.source]
    project = shown_path(sel.project) if sel.project is not None else "kerjasama.toml"
    why = (id_ if lang == "id" else en).format(project=project)
    if sel.with_bundled:
        why += ", " + (_STACKED[1] if lang == "id" else _STACKED[0])
    return why


def render_rules_line(sel: RuleSelection, lang: str = "en") -> str:
    """``rules: rules/ (from kerjasama.toml)``: one line, ending with a newline."""
    paths = ", ".join(shown_path(p) for p in sel.paths)
    return f"rules: {paths} ({_why(sel, lang)})\n"


def render_where(sel: RuleSelection, lang: str = "en") -> str:
    """``kerjasama rules --where``: each directory on its own line, then why."""
    lines = [shown_path(p) or "./" for p in sel.paths]
    lines.append(f"# {_why(sel, lang)}")
    return "\n".join(lines) + "\n"


def selection_to_json(sel: RuleSelection) -> dict[str, Any]:
    """The ``rules`` field of JSON output: paths, why, and the project file."""
    return {
        "paths": [shown_path(p) for p in sel.paths],
        "source": sel.source,
        "project": shown_path(sel.project) if sel.project is not None else None,
        "with_bundled": sel.with_bundled,
    }
