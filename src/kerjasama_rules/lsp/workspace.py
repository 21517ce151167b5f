"""Which rule files an open document is checked with, and their parsed trees.

An editor sends the text of the open documents, saved or not; the rest of the rule set is
read from disk. A document belongs to a rule set as ``kerjasama lint`` would load it:

* the directories given by the client (``initializationOptions.rules``), when given;
* otherwise the rules of the nearest ``kerjasama.toml`` whose rule directories hold the
  document (``engine.project.rules_around``, as every ``kerjasama`` command resolves them);
* otherwise the bundled rules when the document lies under them (the UU 23/2014 rules
  use switches declared with PP 28/2018, so one file is never checked alone);
* otherwise every rule file of the document's own directory, recursively;

and, with ``initializationOptions.withBundled``, the bundled rules stacked under a
drafter's folder, as ``check --rules <bundled> --rules mine`` does.

``initializationOptions.analyze`` turns the analyzer's findings (``kerjasama analyze``,
run on save) on or off; by default they are on when z3 (the ``analysis`` extra) is
installed.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs

from ..analysis import AnalysisFinding, analyze_rules, z3_available
from ..drafting.linter import lint
from ..engine.project import bundled_rules_path, rules_around
from ..engine.rulefiles import rule_files
from ..errors import Diagnostic, KerjasamaError
from ..language import nodes
from ..language.checker import check
from ..language.parser import parse
from ..law.inventory import Inventory, InventoryError, inventory_files, load_inventory

__all__ = ["Parsed", "RuleSetView", "Settings", "WorkspaceRules"]


@attrs.frozen
class Settings:
    """What the client said about the rule set (``initializationOptions``)."""

    rules: tuple[Path, ...] = ()
    with_bundled: bool = False
    # None: the default, on exactly when z3 is installed (see `analyze_on`).
    analyze: bool | None = None

    @property
    def analyze_on(self) -> bool:
        """Whether the analyzer runs on save (asked for, or by default when z3 is there)."""
        return z3_available() if self.analyze is None else self.analyze

    @classmethod
    def from_options(cls, options: object, root: Path | None) -> Settings:
        """Read ``{"rules": [dir, ...], "withBundled": bool, "analyze": bool}``; relative
        dirs from ``root``."""
        if not isinstance(options, Mapping):
            return cls()
        raw = options.get("rules") or ()
        dirs: list[Path] = []
        if isinstance(raw, list | tuple):
            for d in raw:
                p = Path(str(d))
                if not p.is_absolute() and root is not None:
                    p = root / p
                dirs.append(p)
        analyze = options.get("analyze")
        return cls(
            rules=tuple(dirs),
            with_bundled=bool(options.get("withBundled", False)),
            analyze=analyze if isinstance(analyze, bool) else None,
        )


@attrs.frozen
class Parsed:
    """One rule file: its text, and its tree (``None`` when it does not parse).

    ``last_good`` is the tree of the last text of this file that parsed: while a drafter
    is in the middle of an edit, the file's declarations stay known to completion and
    go to definition (at their positions in that text).
    """

    name: str
    text: str
    tree: nodes.RuleFile | None
    last_good: nodes.RuleFile | None = None


@attrs.frozen
class RuleSetView:
    """The rule set of one document at one moment: every file, the document's included."""

    files: tuple[Parsed, ...]

    def trees(self) -> list[nodes.RuleFile]:
        """The trees of the files, the last good one for a file that does not parse now."""
        out = []
        for f in self.files:
            tree = f.tree or f.last_good
            if tree is not None:
                out.append(tree)
        return out

    def declarations(self) -> dict[str, tuple[str, nodes.Item]]:
        """Definitions, determinations, tables and switches by name: ``(kind, item)``."""
        out: dict[str, tuple[str, nodes.Item]] = {}
        kinds: list[tuple[type, str]] = [
            (nodes.Definition, "definition"),
            (nodes.Determination, "determination"),
            (nodes.Table, "table"),
            (nodes.Switch, "switch"),
        ]
        for tree in self.trees():
            for item in tree.items:
                for cls, kind in kinds:
                    if isinstance(item, cls):
                        out.setdefault(str(getattr(item, "name", "")), (kind, item))
        return out


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path


def _under(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


class WorkspaceRules:
    """The rule files around the open documents, with a parse cache shared by features.

    Thread-safe: the server lints in a worker thread while hover and completion read.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._lock = threading.Lock()
        self._cache: dict[str, Parsed] = {}
        self._inventories: dict[tuple[str, ...], Inventory] = {}

    # ---- which files
    def roots(self, doc: Path | None) -> list[Path]:
        """The directories whose rule files are checked together with ``doc``."""
        here = _resolved(doc) if doc is not None else None
        try:
            start = here.parent if here is not None else None
            bundled: Path | None = _resolved(bundled_rules_path(start))
        except KerjasamaError:
            bundled = None
        roots = [_resolved(p) for p in self.settings.rules if p.is_dir()]
        if not roots and here is not None:
            try:
                around = rules_around(here)
            except KerjasamaError:  # a malformed kerjasama.toml: `kerjasama lint` reports it
                around = None
            if around is not None:
                roots = [_resolved(p) for p in around.paths]
            elif bundled is not None and _under(here, bundled):
                roots = [bundled]
            else:
                roots = [here.parent]
        if self.settings.with_bundled and bundled is not None and bundled not in roots:
            roots.insert(0, bundled)
        return roots

    def sources(
        self, doc_name: str, doc_text: str, open_docs: Mapping[str, str]
    ) -> list[tuple[str, str]]:
        """``(name, text)`` of every file of the document's set; open buffers win over disk.

        Names are absolute paths (the document's URI when it is not a file on disk).
        """
        doc_path = Path(doc_name) if Path(doc_name).is_absolute() else None
        out: dict[str, str] = {}
        for root in self.roots(doc_path):
            try:
                paths = rule_files([root])
            except KerjasamaError:
                continue
            for p in paths:
                name = str(_resolved(p))
                if name in open_docs:
                    out[name] = open_docs[name]
                    continue
                try:
                    out[name] = p.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    continue  # the linter of the saved file reports it; nothing to show here
        out[doc_name] = doc_text
        return sorted(out.items())

    # ---- parsing, cached by text
    def parsed(self, name: str, text: str) -> Parsed:
        """The file parsed, from the cache when its text has not changed."""
        with self._lock:
            hit = self._cache.get(name)
        if hit is not None and hit.text == text:
            return hit
        try:
            tree: nodes.RuleFile | None = parse(text, source=name)
        except KerjasamaError:
            tree = None
        last_good = tree or (hit.tree or hit.last_good if hit is not None else None)
        entry = Parsed(name=name, text=text, tree=tree, last_good=last_good)
        with self._lock:
            self._cache[name] = entry
        return entry

    def view(self, doc_name: str, doc_text: str, open_docs: Mapping[str, str]) -> RuleSetView:
        """The rule set of a document, every file parsed (the cache makes repeats cheap)."""
        return RuleSetView(
            files=tuple(self.parsed(n, t) for n, t in self.sources(doc_name, doc_text, open_docs))
        )

    # ---- diagnostics
    def inventory(self, roots: Sequence[Path]) -> Inventory:
        """The law inventory of the set: the set's own ``inventaris.yaml`` files, else the
        bundled one (rules elsewhere cite the same law, as ``kerjasama lint`` assumes)."""
        key = tuple(str(r) for r in roots)
        with self._lock:
            hit = self._inventories.get(key)
        if hit is not None:
            return hit
        inv: Inventory
        try:
            own = inventory_files(*roots) if roots else []
            inv = load_inventory(*own).stacked_on(load_inventory()) if own else load_inventory()
        except (InventoryError, KerjasamaError):
            inv = load_inventory()
        with self._lock:
            self._inventories[key] = inv
        return inv

    def diagnostics(
        self, doc_name: str, doc_text: str, open_docs: Mapping[str, str]
    ) -> list[Diagnostic]:
        """The linter's diagnostics of the document, linted with the rest of its set."""
        doc_path = Path(doc_name) if Path(doc_name).is_absolute() else None
        sources = self.sources(doc_name, doc_text, open_docs)
        result = lint(sources, inventory=self.inventory(self.roots(doc_path)))
        # Warm the parse cache here, in the worker, so hover and completion answer at once.
        for name, text in sources:
            self.parsed(name, text)
        return [d for d in result.diagnostics if _belongs(d, doc_name)]

    def findings(
        self, doc_name: str, doc_text: str, open_docs: Mapping[str, str]
    ) -> list[AnalysisFinding]:
        """The analyzer's findings located in the document, its whole set analysed.

        A set that does not parse or check has no findings: the linter reports why.

        Raises:
            ConfigurationError: z3 is not installed.
        """
        trees = []
        for name, text in self.sources(doc_name, doc_text, open_docs):
            tree = self.parsed(name, text).tree
            if tree is None:
                return []
            trees.append(tree)
        try:
            checked = check(trees)
        except KerjasamaError:
            return []
        result = analyze_rules(checked)
        return [f for f in result.findings if f.location.file == doc_name]


def _belongs(d: Diagnostic, name: str) -> bool:
    if d.span is not None:
        return d.span.source.name == name
    return d.file == name
