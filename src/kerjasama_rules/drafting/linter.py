"""``kerjasama lint``: everything that can be found in rule files before running them.

Drafter tooling, after the evaluation pipeline. It reads every file, collects every
syntax error (one per file: the parser stops at the first), every checker diagnostic of
the whole set, and adds warnings the checker does not give because the rules still run:

* ``lint.unused-definition``: a ``definisi``/``tabel``/``saklar`` no rule, note,
  definition or determination names (a determination is shown in reports: always used);
* ``lint.constant-condition``: a ``berlaku jika``, ``kecuali``, ``jika`` or ``wajib``
  whose value cannot change with the agreement (``wajib benar``, ``x atau benar``);
* ``lint.missing-english-message`` (info): a requirement, or a ``catatan``, without
  ``pesan en``, or a rule with a ``judul`` but no ``judul en``;
* ``lint.unknown-unit``: a citation of a Pasal/ayat/huruf the law inventory does not
  have (only when an inventory is given; see ``inventory.py``);
* ``lint.unknown-instrument`` (error): a citation of an instrument the inventory does
  not know (``UU 99/2099``): neither inventoried nor named in a ``rujukan:`` list (only
  when an inventory is given).

Nothing here raises on bad rules: problems are returned as diagnostics, sorted by file
and position.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

import attrs

from ..engine.rulefiles import bundled_rules_path, display_path, hint_bundled, rule_files
from ..errors import Diagnostic, KerjasamaError
from ..fileio import read_text
from ..language import nodes
from ..language.checker import AS_OF_NAMES, complete_citations, diagnose
from ..language.parser import parse
from ..language.typesys import enums_reachable, record_fields
from ..model.agreement import Agreement
from ..source import Span

__all__ = ["LINT_CODES", "InventoryLike", "LintResult", "display_path", "lint", "lint_paths"]

# Switches the engine reads itself (the working-day calendar), named by no rule.
_ENGINE_SWITCHES = frozenset({"cuti_bersama"})

LINT_CODES = (
    "lint.constant-condition",
    "lint.missing-english-message",
    "lint.unknown-unit",
    "lint.unknown-instrument",
    "lint.unused-definition",
)


class InventoryLike(Protocol):
    """The part of ``inventory.Inventory`` the linter uses."""

    def has(
        self, instrument: str, pasal: int, ayat: int | None = None, huruf: str | None = None
    ) -> bool | None:
        """Whether the unit exists; ``None`` when the inventory cannot tell."""

    @property
    def known_instruments(self) -> tuple[str, ...]:
        """The instruments rules may cite (a citation of another is an error)."""


@attrs.frozen
class LintResult:
    """Diagnostics of a set of rule files, sorted by file and position."""

    files: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> int:
        """How many diagnostics are errors."""
        return sum(1 for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> int:
        """How many diagnostics are warnings."""
        return sum(1 for d in self.diagnostics if d.severity == "warning")

    @property
    def infos(self) -> int:
        """How many diagnostics are informational."""
        return sum(1 for d in self.diagnostics if d.severity == "info")


def lint_paths(
    paths: Iterable[str | os.PathLike[str]] = (),
    *,
    inventory: InventoryLike | None = None,
    context: Iterable[str | os.PathLike[str]] = (),
) -> LintResult:
    """Lint rule files and directories (the bundled rules when none is given).

    Args:
        paths: the files to report on.
        inventory: the law inventory citations are checked against.
        context: more rule files or directories checked with ``paths`` as one set (the
            bundled rules a drafter's folder is stacked on) whose own diagnostics are not
            reported.

    Raises:
        ConfigurationError: a path does not exist.
    """
    given = list(paths) or [bundled_rules_path()]
    targets = rule_files(given)
    wanted = {f.resolve() for f in targets}
    extra = [f for f in rule_files(list(context)) if f.resolve() not in wanted]
    sources: list[tuple[str, str]] = []
    problems: list[Diagnostic] = []
    for f in [*extra, *targets]:
        name = display_path(f)
        # Bounded like every rule file the engine reads (a FIFO would block lint).
        text, problem = read_text(f, "max_rule_file_bytes")
        if text is not None:
            sources.append((name, text))
            continue
        problems.append(
            Diagnostic(
                code="config.unreadable",
                message=f"cannot read `{name}`: {problem}",
                file=name,
                args=(("path", name), ("reason", problem)),
            )
        )
    result = lint(sources, inventory=inventory)
    shown = {display_path(f) for f in targets}
    diags = sorted(
        hint_bundled([*problems, *result.diagnostics], [*extra, *targets]),
        key=Diagnostic.sort_key,
    )
    if extra:
        diags = [d for d in diags if _file_of(d) in shown]
    files = tuple(n for n in result.files if n in shown)
    return LintResult(files=files, diagnostics=tuple(diags))


def _file_of(d: Diagnostic) -> str | None:
    return d.span.source.name if d.span is not None else d.file


def lint(
    sources: Sequence[tuple[str, str]], *, inventory: InventoryLike | None = None
) -> LintResult:
    """Lint rule files given as ``(name, text)`` pairs, as one rule set."""
    diags: list[Diagnostic] = []
    parsed: list[nodes.RuleFile] = []
    for name, text in sources:
        try:
            parsed.append(parse(text, source=name))
        except KerjasamaError as exc:
            diags.extend(exc.diagnostics)
    try:
        _, checked = diagnose(parsed)
    except KerjasamaError as exc:  # a limit of the whole rule set (number of rules, ...)
        checked = exc.diagnostics
    diags.extend(checked)
    # The lints follow definitions into each other: over a depth limit, only the limit's
    # error is reported (the lints would walk as deep as the limit forbids).
    if not any(d.code.startswith("limit.") for d in checked):
        diags.extend(_Lints(parsed, inventory).run())
    seen: set[tuple[str, str, int, int]] = set()
    unique: list[Diagnostic] = []
    for d in sorted(diags, key=Diagnostic.sort_key):
        key = (d.code, d.message, d.span.start if d.span else -1, d.span.end if d.span else -1)
        if key not in seen:
            seen.add(key)
            unique.append(d)
    return LintResult(files=tuple(n for n, _ in sources), diagnostics=tuple(unique))


# ------------------------------------------------------------------ the lints
_CLAUSES = {
    "when": "condition of `berlaku jika`",
    "unless": "`kecuali` condition",
    "guard": "`jika` guard",
    "require": "requirement",
}


class _Lints:
    def __init__(self, files: Sequence[nodes.RuleFile], inventory: InventoryLike | None) -> None:
        self.files = files
        self.inventory = inventory
        self.out: list[Diagnostic] = []
        self.defs: dict[str, nodes.Definition] = {}
        self.dets: dict[str, nodes.Determination] = {}
        self.tables: dict[str, nodes.Table] = {}
        self.switches: dict[str, nodes.Switch] = {}
        for f in files:
            for item in f.items:
                if isinstance(item, nodes.Definition):
                    self.defs.setdefault(item.name, item)
                elif isinstance(item, nodes.Determination):
                    self.dets.setdefault(item.name, item)
                elif isinstance(item, nodes.Table):
                    self.tables.setdefault(item.name, item)
                elif isinstance(item, nodes.Switch):
                    self.switches.setdefault(item.name, item)
        self.root = record_fields(Agreement)
        self.enum_values = {
            str(m.value) for cls in enums_reachable(Agreement).values() for m in cls
        }
        self._dep_cache: dict[str, bool] = {}

    def run(self) -> list[Diagnostic]:
        self.unused()
        for f in self.files:
            for item in f.items:
                if isinstance(item, nodes.Rule):
                    self.rule(item)
                self.units(item)
        return self.out

    def add(
        self, code: str, message: str, span: Span | None, help: str, severity: str, **args: str
    ) -> None:
        self.out.append(
            Diagnostic(
                code=code,
                message=message,
                severity=severity,
                span=span,
                help=help,
                args=tuple(args.items()),
            )
        )

    # ---- lint.unused-definition
    def unused(self) -> None:
        used: set[str] = set()
        for f in self.files:
            for item in f.items:
                own = getattr(item, "name", None)
                for e in _exprs_of(item):
                    used |= {n for n in nodes.names_in(e) if n != own}
        kinds: list[tuple[str, Mapping[str, nodes.Definition | nodes.Table | nodes.Switch]]] = [
            ("definition", self.defs),
            ("table", self.tables),
            ("switch", self.switches),
        ]
        for kind, decls in kinds:
            for name, decl in decls.items():
                if name in used or (kind == "switch" and name in _ENGINE_SWITCHES):
                    continue
                self.add(
                    "lint.unused-definition",
                    f"{kind} `{name}` is never used by a rule, a definition or a determination",
                    decl.name_span,
                    "use it in a rule, or delete it if the law no longer needs it",
                    "warning",
                    kind=kind,
                    name=name,
                )

    # ---- lint.constant-condition, lint.missing-english-message
    def rule(self, r: nodes.Rule) -> None:
        if r.when is not None:
            self.constant(r.when, "when")
        for u in r.unless:
            self.constant(u, "unless")
        if r.title is not None and not any(m.lang == "en" for m in r.titles):
            at = r.id_span if r.id_span is not None else r.span
            self.add(
                "lint.missing-english-message",
                f"rule `{r.id}` has no title in English",
                at,
                'add `judul en "..."` after the title so English reports do not show '
                "the Indonesian one",
                "info",
                id=r.id,
            )
        for req in r.requirements:
            self.constant(req.expr, "require")
            if req.guard is not None:
                self.constant(req.guard, "guard")
            if not any(m.lang == "en" for m in req.messages):
                ids = [m for m in req.messages if m.lang == "id"]
                span = ids[0].span if ids else req.span
                self.add(
                    "lint.missing-english-message",
                    f"a requirement of rule `{r.id}` has no message in English",
                    span,
                    'add `pesan en "..."` so English readers of the report see the requirement',
                    "info",
                    id=r.id,
                )
        for n in r.notes:
            if not any(m.lang == "en" for m in n.messages):
                self.add(
                    "lint.missing-english-message",
                    f"a note of rule `{r.id}` has no label in English",
                    n.span,
                    'add `pesan en "..."` after the note so English readers of the report '
                    "understand it",
                    "info",
                    id=r.id,
                )

    def constant(self, e: nodes.Expr, where: str) -> None:
        clause = _CLAUSES[where]
        value, part = _fixed(e)
        if value is not None:
            word = "true" if value else "false"
            if part is e or part.span is None:
                help_text = (
                    "a condition that cannot change decides nothing: test a field of the "
                    "agreement, or remove the clause"
                )
                args = {"clause": clause, "value": word}
            else:
                snippet = part.span.snippet
                help_text = (
                    f"`{snippet}` fixes the value of the whole condition; "
                    "remove it or test a field instead"
                )
                args = {"clause": clause, "value": word, "part": snippet}
            self.add(
                "lint.constant-condition",
                f"this {clause} is always {word}",
                part.span if part.span is not None else e.span,
                help_text,
                "warning",
                **args,
            )
            return
        if not self.depends(e, {}):
            self.add(
                "lint.constant-condition",
                f"this {clause} does not depend on the agreement",
                e.span,
                "a condition that cannot change decides nothing: test a field of the "
                "agreement, or remove the clause",
                "warning",
                clause=clause,
            )

    def depends(self, e: nodes.Expr, local: Mapping[str, bool]) -> bool:
        """Whether ``e`` reads the agreement, the evaluation date or a switch."""
        if isinstance(e, nodes.Literal | nodes.DurationLit):
            return False
        if isinstance(e, nodes.Name):
            return self.name_depends(e.name, local)
        if isinstance(e, nodes.Field):
            return self.depends(e.base, local)
        if isinstance(e, nodes.Present):
            return True
        if isinstance(e, nodes.Call):
            return any(self.depends(a, local) for a in e.args)
        if isinstance(e, nodes.Unary):
            return self.depends(e.operand, local)
        if isinstance(e, nodes.Binary):
            return self.depends(e.left, local) or self.depends(e.right, local)
        if isinstance(e, nodes.SetLit):
            return any(self.depends(i, local) for i in e.items)
        coll = self.depends(e.collection, local)
        return coll or self.depends(e.body, {**local, e.var: coll})

    def name_depends(self, n: str, local: Mapping[str, bool]) -> bool:
        if n in local:
            return local[n]
        if n in self.root or n in AS_OF_NAMES or n in self.switches:
            return True
        if n in self.tables:
            return False
        if n in self.defs or n in self.dets:
            if n not in self._dep_cache:
                self._dep_cache[n] = True  # a cycle (a checker error) counts as dependent
                exprs = _exprs_of(self.defs[n] if n in self.defs else self.dets[n])
                self._dep_cache[n] = any(self.depends(x, {}) for x in exprs)
            return self._dep_cache[n]
        # An enum value is a constant; an unknown name is the checker's business.
        return n not in self.enum_values

    # ---- lint.unknown-unit
    def units(self, item: nodes.Item) -> None:
        if self.inventory is None:
            return
        known = self.inventory.known_instruments
        # `pp 28/2018` is `PP 28/2018`: compared without case and extra spaces
        folded = {" ".join(k.split()).casefold() for k in known}
        for orig, c in _resolved_citations(item):
            if c.instrument is not None and " ".join(c.instrument.split()).casefold() not in folded:
                # A citation of a law that does not exist would make every finding of
                # the rule cite nothing: an error, not a warning.
                self.add(
                    "lint.unknown-instrument",
                    f"`{c.instrument}` is not an instrument the rules know",
                    c.span,
                    "cite one of the instruments the inventory knows ("
                    + ", ".join(known)
                    + "), or add it to the `rujukan:` list of an `inventaris.yaml` "
                    "beside the rules",
                    "error",
                    instrument=c.instrument,
                )
                continue
            if c.instrument is None or c.pasal is None or c.penjelasan:
                continue
            found = self.inventory.has(c.instrument, c.pasal, c.ayat, c.huruf)
            if found is False:
                unit = attrs.evolve(c, instrument=None, angka=None).text
                args = {"citation": unit, "instrument": c.instrument}
                if orig.pasal is None:
                    # A sub-unit completes the citation before it (or the rule's).
                    base = attrs.evolve(c, instrument=None, huruf=None, angka=None)
                    if orig.ayat is not None:
                        base = attrs.evolve(base, ayat=None)
                    help_text = (
                        f"`{orig.text}` was read as part of `{base.text}`, the citation "
                        "before it; write the whole citation if another Pasal is meant"
                    )
                    args |= {"relative": orig.text, "base": base.text}
                else:
                    help_text = f"check the number against the text of {c.instrument}"
                self.add(
                    "lint.unknown-unit",
                    f"`{unit}` is not a unit of {c.instrument}",
                    c.span,
                    help_text,
                    "warning",
                    **args,
                )


# ------------------------------------------------------------------ helpers
def _fixed(e: nodes.Expr) -> tuple[bool | None, nodes.Expr]:
    """The value a condition always has, and the part that fixes it (or ``None``)."""
    if isinstance(e, nodes.Literal) and isinstance(e.value, bool):
        return e.value, e
    if isinstance(e, nodes.Unary) and e.op == "not":
        v, part = _fixed(e.operand)
        return (None if v is None else not v), (e if part is e.operand else part)
    if isinstance(e, nodes.Binary) and e.op in ("and", "or", "implies"):
        lv, lp = _fixed(e.left)
        rv, rp = _fixed(e.right)
        if lv is not None and rv is not None:
            both = {"and": lv and rv, "or": lv or rv, "implies": (not lv) or rv}[e.op]
            return both, e
        absorbing = {"and": False, "or": True}.get(e.op)
        if absorbing is not None:
            if lv is absorbing:
                return lv, lp
            if rv is absorbing:
                return rv, rp
        if e.op == "implies":
            if lv is False:
                return True, lp
            if rv is True:
                return True, rp
    return None, e


def _exprs_of(item: nodes.Item) -> list[nodes.Expr]:
    out: list[nodes.Expr] = []
    if isinstance(item, nodes.Rule):
        if item.when is not None:
            out.append(item.when)
        out.extend(item.unless)
        out.extend(n.expr for n in item.notes)
        out.extend(n.guard for n in item.notes if n.guard is not None)
        for req in item.requirements:
            out.append(req.expr)
            if req.guard is not None:
                out.append(req.guard)
    elif isinstance(item, nodes.Definition):
        out.append(item.expr)
    elif isinstance(item, nodes.Determination):
        for case in item.cases:
            out.extend((case.cond, case.value))
        if item.otherwise is not None:
            out.append(item.otherwise)
    return out


def _complete(
    cites: Iterable[nodes.Citation], base: nodes.Citation | None
) -> list[tuple[nodes.Citation, nodes.Citation]]:
    # The checker's own completion, on files it may reject; incomplete ones are skipped
    # (the checker reports them).
    return [(c, full) for c, full in complete_citations(cites, base) if full is not None]


def _resolved_citations(item: nodes.Item) -> list[tuple[nodes.Citation, nodes.Citation]]:
    """``(as written, completed)`` pairs of every citation of a declaration."""
    if isinstance(item, nodes.Rule):
        rule_cites = _complete(item.citations, None)
        base = rule_cites[0][1] if rule_cites else None
        out = list(rule_cites)
        for req in item.requirements:
            out.extend(_complete(req.citations, base))
        return out
    if isinstance(item, nodes.Definition | nodes.Switch):
        return _complete(item.citations, None)
    if isinstance(item, nodes.Determination):
        out = []
        for case in item.cases:
            out.extend(_complete(case.citations, None))
        out.extend(_complete(item.otherwise_citations, None))
        return out
    return []
