"""Rule files -> :class:`RuleSet`: finding the bundled rules, reading, parsing, checking.

Ties the stages together for the facade: ``parse`` each file, ``check`` them as one set,
compile once. All files are parsed before any error is raised, so a drafter sees every
syntax error of every file at once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import attrs

from ..errors import (
    ConfigurationError,
    Diagnostic,
    KerjasamaError,
    RuleCheckError,
    RuleSyntaxError,
    bad_argument,
)
from ..fileio import files_under, read_text
from ..language import nodes
from ..language.checked import CheckedRules
from . import cache
from .evaluator import RuleSet
from .project import bundled_rules_path

__all__ = [
    "RULE_SUFFIX",
    "bundled_declarations",
    "bundled_rules_path",
    "compile",
    "display_path",
    "display_paths",
    "expand_files",
    "hint_bundled",
    "load_rules",
    "rule_files",
]


def parse(text: str, *, source: str = "<rules>") -> nodes.RuleFile:
    """:func:`kerjasama_rules.language.parser.parse`, imported on first use: the parser
    (lark and its grammar) is a third of ``import kerjasama_rules`` and is needed only
    when rule text is parsed, not to import the package or to load an agreement."""
    from ..language.parser import parse as parse_text

    return parse_text(text, source=source)


RULE_SUFFIX = ".kr"


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
            out.extend(files_under(path, lambda name: name.endswith(suffix)))
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
    """The name a rule file is shown under: ``rules/...`` for bundled rules (the checkout's
    or the installed ones), else relative to the working directory when under it, else
    as given."""
    return display_paths([path])[0]


def display_paths(
    paths: Sequence[Path], *, resolved: Mapping[Path, Path] | None = None
) -> list[str]:
    """:func:`display_path` of each path, finding the bundled rules and the working
    directory once for all of them (``resolved``: paths already resolved, by path)."""
    # Bundled rules are named the same wherever the command runs (reports stay
    # byte-identical); other files relative to the working directory when under it.
    try:
        bundled: Path | None = bundled_rules_path().resolve()
    except ConfigurationError:
        bundled = None
    cwd = Path.cwd().resolve()
    out: list[str] = []
    for path in paths:
        real = resolved[path] if resolved is not None and path in resolved else path.resolve()
        if bundled is not None and real.is_relative_to(bundled):
            out.append("rules/" + real.relative_to(bundled).as_posix())
        elif real.is_relative_to(cwd):
            out.append(real.relative_to(cwd).as_posix())
        else:
            out.append(str(path))
    return out


def load_rules(*paths: str | os.PathLike[str]) -> RuleSet:
    """Load, check and compile rule files (the bundled rules when no path is given: a
    checkout's own rules inside a checkout, see :func:`bundled_rules_path`).

    Args:
        paths: rule files or directories searched recursively for ``*.kr``.

    Returns:
        A compiled :class:`RuleSet`.

    Raises:
        RuleSyntaxError: a file does not parse (every file's errors are reported).
        RuleCheckError: the rules refer to unknown fields, have type errors, ...
        ConfigurationError: a path does not exist or holds no rule file.
    """
    for p in paths:
        if not isinstance(p, str | os.PathLike):
            raise bad_argument("load_rules", "paths", "file or directory paths", p)
    if not paths:
        paths = (bundled_rules_path(),)
    # One canonical order, whatever the order of the paths given: the rules (and so
    # the reports) come out the same bytes. A file named twice is read once.
    # (Each path resolved once: resolving is a system call per component.)
    by_real = {f.resolve(): f for f in rule_files(paths)}
    real_of = {f: real for real, f in by_real.items()}
    files = sorted(by_real.values(), key=lambda f: str(real_of[f]))
    if not files:
        msg = "no `.kr` rule file found in " + ", ".join(str(p) for p in paths)
        raise ConfigurationError([Diagnostic(code="config.no-rules", message=msg)])
    texts: list[tuple[Path, str, str]] = []
    diags: list[Diagnostic] = []
    for f in files:
        # Regular files only, never more than the limit: a FIFO or /dev/zero named as a
        # rule file would block or exhaust memory.
        text, problem = read_text(f, "max_rule_file_bytes")
        if text is None:
            msg = f"cannot read `{f}`: {problem}"
            diags.append(Diagnostic(code="config.unreadable", message=msg, file=str(f)))
            continue
        texts.append((f, "", text))
    names = display_paths([f for f, _, _ in texts], resolved=real_of)
    texts = [(f, name, text) for (f, _, text), name in zip(texts, names, strict=True)]
    # The same texts under the same names were checked before: the cache (cache.py)
    # holds what the checker left, so neither lark nor the checker is needed.
    key = (
        None
        if diags or not cache.enabled()
        else cache.rules_key([(name, text) for _, name, text in texts])
    )
    with cache.collector_paused():
        checked = None if key is None else cache.load(key)
        fresh = checked is None
        if checked is None:
            checked = _check(texts, diags, files)
        with cache.recording() as codes:
            rule_set = RuleSet(checked)
    if fresh and key is not None and rule_set.rules:
        cache.store(key, checked, codes)
    if not rule_set.rules:
        # No rule is never a verdict: an empty rule set would judge anything compliant.
        msg = "the rule files hold no rule (`aturan`): nothing to check agreements against"
        where = ", ".join(str(p) for p in paths)
        raise ConfigurationError([Diagnostic(code="config.no-rules", message=msg, file=where)])
    return rule_set


def _check(
    texts: Sequence[tuple[Path, str, str]], diags: list[Diagnostic], files: Sequence[Path]
) -> CheckedRules:
    """Parse every file (collecting every syntax error) and check them as one set."""
    from ..language.checker import check

    parsed: list[nodes.RuleFile] = []
    for _, name, text in texts:
        try:
            parsed.append(parse(text, source=name))
        except KerjasamaError as exc:
            diags.extend(exc.diagnostics)
    if diags:
        raise RuleSyntaxError(diags)
    try:
        return check(parsed)
    except RuleCheckError as exc:
        raise RuleCheckError(hint_bundled(exc.diagnostics, files)) from None


def bundled_declarations(start: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """Names declared by the bundled rules (definitions, tables, switches,
    determinations), each with the file that declares it."""
    out: dict[str, str] = {}
    for f in rule_files([bundled_rules_path(start)]):
        try:
            tree = parse(f.read_text(encoding="utf-8"), source=display_path(f))
        except (OSError, UnicodeDecodeError, KerjasamaError):
            continue
        for item in tree.items:
            if not isinstance(item, nodes.Rule | nodes.InForce):
                out.setdefault(item.name, tree.name)
    return out


def hint_bundled(diags: Sequence[Diagnostic], files: Sequence[Path]) -> list[Diagnostic]:
    """Point unknown names that the bundled rules declare at ``--with-bundled``.

    A drafter's own folder checked alone does not see the definitions and switches of the
    bundled rules; "did you mean ...?" would send them the wrong way.
    """
    unknown = [d for d in diags if d.code == "check.unknown-name"]
    if not unknown:
        return list(diags)
    try:
        bundled = bundled_rules_path().resolve()
    except ConfigurationError:
        return list(diags)
    if any(f.resolve().is_relative_to(bundled) for f in files):
        return list(diags)
    declared = bundled_declarations()
    out: list[Diagnostic] = []
    for d in diags:
        name = dict(d.args).get("name")
        if d.code == "check.unknown-name" and name in declared:
            where = declared[name]
            help_text = (
                f"`{name}` is declared in the bundled rules ({where}): "
                "load them too with `--with-bundled`"
            )
            args = (("name", name), ("where", where))
            d = attrs.evolve(d, help=help_text, args=args)
        out.append(d)
    return out


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
    from ..language.checker import check

    return RuleSet(check([parse(text, source=source)]))
