"""Rule files -> :class:`RuleSet`: finding the bundled rules, reading, parsing, checking.

Ties the stages together for the facade: ``parse`` each file, ``check`` them as one set,
compile once. All files are parsed before any error is raised, so a drafter sees every
syntax error of every file at once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from ..errors import ConfigurationError, Diagnostic, KerjasamaError, RuleSyntaxError
from ..language import nodes
from ..language.checker import check
from ..language.parser import parse
from .evaluator import RuleSet

__all__ = [
    "RULE_SUFFIX",
    "bundled_rules_path",
    "compile",
    "display_path",
    "expand_files",
    "load_rules",
    "rule_files",
]

RULE_SUFFIX = ".kr"


def bundled_rules_path() -> Path:
    """The directory of the rules that ship with the library.

    In an installed wheel they live in ``kerjasama_rules/rules``; in a source checkout
    (editable install, tests) they are the repository's top-level ``rules/``.
    """
    packaged = Path(str(resources.files("kerjasama_rules"))) / "rules"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "rules"
    if checkout.is_dir():
        return checkout
    msg = "the bundled rules are missing from this installation"
    raise ConfigurationError(msg)


def expand_files(
    paths: Iterable[str | os.PathLike[str]], suffix: str, *, what: str = "rule file"
) -> list[Path]:
    """Files as given, and directories expanded to their ``*suffix`` files, sorted.

    Raises:
        ConfigurationError: a path does not exist (code ``config.no-such-path``).
    """
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(sorted(q for q in path.rglob(f"*{suffix}") if q.is_file()))
        elif path.is_file():
            out.append(path)
        else:
            msg = f"no {what} or directory at `{path}`"
            raise ConfigurationError([Diagnostic(code="config.no-such-path", message=msg)])
    return out


def rule_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand files and directories into the sorted list of ``.kr`` files."""
    return expand_files(paths, RULE_SUFFIX)


def display_path(path: Path) -> str:
    """The name a rule file is shown under: ``rules/...`` for bundled rules, else relative
    to the working directory when under it, else as given."""
    # Bundled rules are named the same wherever the command runs (reports stay
    # byte-identical); other files relative to the working directory when under it.
    resolved = path.resolve()
    try:
        return "rules/" + resolved.relative_to(bundled_rules_path().resolve()).as_posix()
    except (ValueError, ConfigurationError):
        pass
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def load_rules(*paths: str | os.PathLike[str]) -> RuleSet:
    """Load, check and compile rule files (the bundled rules when no path is given).

    Args:
        paths: rule files or directories searched recursively for ``*.kr``.

    Returns:
        A compiled :class:`RuleSet`.

    Raises:
        RuleSyntaxError: a file does not parse (every file's errors are reported).
        RuleCheckError: the rules refer to unknown fields, have type errors, ...
        ConfigurationError: a path does not exist or holds no rule file.
    """
    if not paths:
        paths = (bundled_rules_path(),)
    files = rule_files(paths)
    if not files:
        msg = "no `.kr` rule file found in " + ", ".join(str(p) for p in paths)
        raise ConfigurationError([Diagnostic(code="config.no-rules", message=msg)])
    parsed: list[nodes.RuleFile] = []
    diags: list[Diagnostic] = []
    for f in files:
        try:
            text = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            msg = f"cannot read `{f}`: {exc}"
            diags.append(Diagnostic(code="config.unreadable", message=msg, file=str(f)))
            continue
        try:
            parsed.append(parse(text, source=display_path(f)))
        except KerjasamaError as exc:
            diags.extend(exc.diagnostics)
    if diags:
        raise RuleSyntaxError(diags)
    return RuleSet(check(parsed))


def compile(text: str, *, source: str = "<rules>") -> RuleSet:
    """Parse, check and compile rules given as text.

    Examples:
        >>> import kerjasama_rules as kr
        >>> rules = kr.compile('''
        ... aturan "contoh" {
        ...   dasar PP 28/2018 Pasal 27 ayat (1)
        ...   wajib kantor_perwakilan_luar_negeri == salah
        ...     dasar huruf c
        ...     pesan "Pemda tidak membuka kantor perwakilan di luar negeri"
        ... }''')
        >>> [r.id for r in rules.rules]
        ['contoh']
    """
    return RuleSet(check([parse(text, source=source)]))
