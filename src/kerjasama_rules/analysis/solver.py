"""The solver side of the analysis: small queries, witnesses and their replay.

Each question is asked with only the axioms in its *cone of influence* (the axioms that
share variables with it, transitively), on an incremental solver kept per set of axioms,
so that a question about one rule never pays for the facts of the others. Models become
witness agreements that are replayed on the engine; where a model guessed a working-day
value, the real calendar's value is pinned and the question asked again.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import z3
from dateutil.relativedelta import relativedelta

from .. import limits
from ..engine.evaluator import RuleSet
from ..errors import ConfigurationError, Diagnostic
from ..language.checker import CheckedRules
from ..source import Span
from .encode import Encoder
from .findings import CODES, AnalysisFinding, Location, NotAnalysed, Witness
from .witness import Replay, agreement_from_model, real_working_days, to_yaml

__all__ = ["RLIMIT", "GaveUp", "Solving", "location", "same_units", "values_differ"]

_CALENDAR_NOTE = (
    "working-day functions modelled soundly (at least n calendar days, monotone); "
    "the witness was checked on the real calendar"
)
_AS_OF_DEFAULT = datetime.date(2026, 1, 1)
_REALISTIC_FROM = datetime.date(2019, 1, 1).toordinal()
_REALISTIC_TO = datetime.date(2025, 12, 31).toordinal()


# Findings that claim an agreement exists: they stand only with a reproduced witness.
_EXISTENTIAL = frozenset(
    {"analyze.determination-overlap", "analyze.determination-gap", "analyze.duplicate-citation"}
)


#: The work z3 may spend on one query (``rlimit``; about 5 million a CPU second here).
RLIMIT = 50_000_000


class GaveUp(Exception):
    """The solver answered `unknown` (its resource limit): the item is not analysed."""


def location(span: Span | None, fallback: str) -> Location:
    if span is None:
        return Location(fallback, 1, 1)
    line, col = span.source.line_col(span.start)
    return Location(span.source.name, line, col)


class Solving:
    """Owns the encoder, the solvers and the findings; the checks build on it."""

    def __init__(self, checked: CheckedRules, rules: RuleSet, rlimit: int = RLIMIT) -> None:
        self.checked = checked
        self.enc = Encoder(checked)
        self.replay = Replay(rules)
        self.rlimit = rlimit
        self._solvers: dict[tuple[int, ...], z3.Solver] = {}
        self.last_model: z3.ModelRef | None = None
        self._axiom_consts: list[frozenset[str]] = []
        self._by_const: dict[str, list[int]] = {}
        self._const_cache: dict[int, tuple[Any, frozenset[str]]] = {}
        self.queries = 0
        self.findings: list[AnalysisFinding] = []
        self.not_analysed: list[NotAnalysed] = []
        self.rules: list[Any] = []
        self.jenis_values = len(list(self.enc.fact("jenis").type.enum or ()))
        self._rule_tests: dict[Path, frozenset[str]] = {}

    # ------------------------------------------------------------------ locating
    def tested(self, rule_id: str, file: str) -> bool:
        """Whether a rule test beside ``file`` (``tests/*.test.yaml``) names ``rule_id``.

        A finding about a *pair* (a contradiction, a duplicate) is located at one of the
        two; when only one rule has rule tests, the untested one is the likelier
        newcomer, so the finding is put there (the other is the related location).
        """
        folder = Path(file).parent / "tests"
        names = self._rule_tests.get(folder)
        if names is None:
            try:
                files = sorted(folder.glob("*.test.yaml")) if folder.is_dir() else []
                text = "\n".join(f.read_text(encoding="utf-8", errors="replace") for f in files)
            except OSError:
                text = ""
            names = self._rule_tests[folder] = frozenset(re.findall(r"[\w-]+", text))
        return rule_id in names

    def newcomer_last(
        self, a: Any, b: Any, ida: str, fa: str, idb: str, fb: str
    ) -> tuple[Any, Any]:
        """``(a, b)`` ordered so that the pair finding, located at the second, sits at the
        rule without rule tests when exactly one of the two has some (else load order)."""
        if self.tested(idb, fb) and not self.tested(ida, fa):
            return b, a
        return a, b

    # ------------------------------------------------------------------ solving
    def sat(self, *cs: Any) -> bool:
        """Whether some agreement (and run) satisfies every constraint.

        Only the axioms in the cone of influence of ``cs`` (those sharing variables with
        it, transitively) are asserted: the others constrain unrelated facts, and leaving
        them out keeps each query small without changing its answer.
        """
        self.queries += 1
        most = limits.current().max_solver_queries
        if self.queries > most:
            # The checks compare rules pairwise: a rule set of hundreds of alike rules
            # asks the solver tens of thousands of questions (the bundled rules: ~2,000).
            what = f"the analysis asks the solver more than {most:,} questions"
            raise ConfigurationError(
                [
                    Diagnostic(
                        code="limit.solver-queries",
                        message=limits.limit_message("max_solver_queries", what),
                        help="analyze a smaller set of rules (one folder), or raise the limit "
                        "(kerjasama_rules.limits.configure)",
                    )
                ]
            )
        cone = self._cone(cs)
        key = tuple(cone)
        solver = self._solvers.get(key)
        if solver is None:
            # One incremental solver per set of axioms: the queries about one rule share it.
            if len(self._solvers) > 64:
                self._solvers.clear()
            solver = self._solvers[key] = z3.Solver()
            # z3's rlimit (counted work, relative to each check), not a timeout: the
            # same findings on a loaded machine as on an idle one.
            solver.set(rlimit=self.rlimit)
            solver.add(*[self.enc.axioms[i] for i in cone])
        solver.push()
        solver.add(*cs)
        r = solver.check()
        self.last_model = solver.model() if r == z3.sat else None
        solver.pop()
        if r == z3.unknown:
            raise GaveUp(solver.reason_unknown())
        return bool(r == z3.sat)

    def _cone(self, cs: Iterable[Any]) -> list[int]:
        index = self._axiom_index()
        wanted: set[str] = {"p:jenis", "jenis", "p:id", "id", "as_of"}
        for c in cs:
            wanted |= self._consts(c)
        groups = self.enc.groups
        for n in list(wanted):
            wanted.update(groups.get(n, ()))
        chosen: set[int] = set()
        todo = list(wanted)
        while todo:
            name = todo.pop()
            for n in groups.get(name, ()):
                if n not in wanted:
                    wanted.add(n)
                    todo.append(n)
            for i in index.get(name, ()):
                if i in chosen:
                    continue
                chosen.add(i)
                for n in self._axiom_consts[i]:
                    if n not in wanted:
                        wanted.add(n)
                        todo.append(n)
        return sorted(chosen)

    def _axiom_index(self) -> dict[str, list[int]]:
        while len(self._axiom_consts) < len(self.enc.axioms):
            i = len(self._axiom_consts)
            names = self._consts(self.enc.axioms[i])
            self._axiom_consts.append(names)
            for n in names:
                self._by_const.setdefault(n, []).append(i)
        return self._by_const

    def _consts(self, e: Any) -> frozenset[str]:
        key = e.get_id()
        hit = self._const_cache.get(key)
        if hit is not None:
            return hit[1]
        out: set[str] = set()
        if z3.is_const(e) and e.decl().kind() == z3.Z3_OP_UNINTERPRETED:
            out.add(e.decl().name())
        else:
            if z3.is_app(e) and e.decl().kind() == z3.Z3_OP_UNINTERPRETED:
                out.add(e.decl().name())  # a working-day function: its axioms matter
            for ch in e.children():
                out |= self._consts(ch)
        res = frozenset(out)
        # Keep the term alive with its answer: z3 reuses the ids of freed terms.
        self._const_cache[key] = (e, res)
        return res

    def _pins(self, m: z3.ModelRef) -> list[Any]:
        """The real calendar's values for the working-day applications a model got wrong.

        Each pin is a true fact about the calendar, so pins stay in the solver.
        """
        pins = []
        for call in self.enc.calls:
            if call.func in ("date_plus", "date_minus"):
                pin = _shift_pin(m, call)
                if pin is not None:
                    pins.append(pin)
                continue
            c = _long(m, call.cuti)
            cuti = self.enc.switches["cuti_bersama"][1][c]
            a, b, got = _long(m, call.a), _long(m, call.b), _long(m, call.result)
            real = real_working_days(call.func, cuti, a, b)
            if real is not None and real != got:
                pins.append(
                    z3.Implies(
                        z3.And(call.cuti == c, call.a == a, call.b == b), call.result == real
                    )
                )
        return pins

    # ------------------------------------------------------------------ witnesses
    def witness(
        self, code: str, where: Location, cs: Iterable[Any], shows: str, check: Callable[..., bool]
    ) -> Witness | None:
        """A model of ``cs`` as an agreement, replayed on the engine with ``check``.

        When the replay does not show the claim because the model guessed a working-day
        value, the real values are pinned and the solver is asked again (a few times).
        """
        cs = list(cs)
        last: Witness | None = None
        # Prefer a realistic agreement (dates after PP 28/2018 came into force, judged
        # in 2026); fall back to any model when the claim needs other dates.
        realistic = [
            z3.And(f.value >= _REALISTIC_FROM, f.value <= _REALISTIC_TO)
            for f in list(self.enc.facts.values())
            if f.type.kind == "date"
        ]
        realistic.append(self.enc.as_of == _AS_OF_DEFAULT.toordinal())
        if self.sat(*cs, *realistic):
            cs = [*cs, *realistic]
        for _ in range(8):
            if not self.sat(*cs):
                return last
            m = self.last_model
            assert m is not None
            last = self._witness_of(m, code, where, shows, check)
            if last.reproduced:
                return last
            pins = self._pins(m)
            if not pins:
                return last
            self.enc.axioms.extend(pins)
        return last

    def _witness_of(
        self, m: z3.ModelRef, code: str, where: Location, shows: str, check: Callable[..., bool]
    ) -> Witness:
        doc = agreement_from_model(self.enc, m, "saksi-" + code.split(".")[-1])
        as_of = datetime.date.fromordinal(_long(m, self.enc.as_of))
        switches = []
        for name, (var, values) in sorted(self.enc.switches.items()):
            value = values[_long(m, var)]
            sw = self.checked.switches.get(name)
            default = sw.default if sw is not None else "libur"
            if value != default:
                switches.append((name, value))
        settings = dict(switches)
        try:
            agreement = self.replay.load(doc)
            ok = bool(check(agreement, as_of, settings))
        except Exception:  # a witness the engine cannot load or run is not reproduced
            ok = False
        flags = "".join(
            f" --cuti-bersama {v}" if k == "cuti_bersama" else f" --switch {k}={v}"
            for k, v in switches
        )
        header = (
            f"Saksi (witness) {code} at {where}\n{shows}\n"
            f"kerjasama check <this file> --as-of {as_of.isoformat()}{flags}"
        )
        return Witness(doc, as_of, tuple(switches), to_yaml(doc, header), ok, shows)

    def report(
        self,
        code: str,
        subject: str,
        where: Location,
        message: str,
        witness: Witness | None,
        *,
        calendar: bool = False,
        lists: bool = False,
        related: tuple[Location, ...] = (),
        related_subject: str | None = None,
    ) -> None:
        if code in _EXISTENTIAL and (witness is None or not witness.reproduced):
            # The claim is that some agreement exists: without a replayed witness (the
            # model rested on an over-approximation) it is not established.
            self.not_analysed.append(
                NotAnalysed(subject, where, f"{code} not confirmed: no witness reproduced")
            )
            return
        notes = []
        if lists:
            notes.append(f"lists of at most {self.enc.list_bound} items")
        if calendar:
            notes.append(_CALENDAR_NOTE)
        notes.append("dates between 1990-01-01 and 2100-12-31")
        self.findings.append(
            AnalysisFinding(
                code=code,
                severity=CODES[code],
                subject=subject,
                location=where,
                message=message,
                proof=True,
                witness=witness,
                assumptions=tuple(notes),
                related=related,
                related_subject=related_subject,
            )
        )


def values_differ(a: Any, b: Any) -> Any:
    """``a != b`` for encoded values (durations field by field); None if not comparable."""
    if a is None or b is None:
        return None
    if isinstance(a, tuple):
        return z3.Or(*[x != y for x, y in zip(a, b, strict=True)])
    try:
        return a != b
    except z3.Z3Exception:
        return None


def same_units(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """Whether two rules cite the same units of law: each citation of one equals, contains
    or lies within one of the other (``Pasal 30`` claims ``Pasal 30 ayat (1)``)."""

    def within(x: Any, y: Any) -> bool:  # x lies within y
        if (x.instrument, x.pasal, x.penjelasan) != (y.instrument, y.pasal, y.penjelasan):
            return False
        for fx, fy in ((x.ayat, y.ayat), (x.huruf, y.huruf), (x.angka, y.angka)):
            if fy is None:
                return True
            if fx != fy:
                return False
        return True

    def covered(xs: tuple[Any, ...], ys: tuple[Any, ...]) -> bool:
        return all(any(within(x, y) or within(y, x) for y in ys) for x in xs)

    return covered(a, b) and covered(b, a)


def _long(m: z3.ModelRef, term: Any) -> int:
    v = m.eval(term, model_completion=True)
    return int(v.as_long())


def _shift_pin(m: z3.ModelRef, call: Any) -> Any:
    """The real ``date ± duration`` where the model guessed another value."""
    d = _long(m, call.a)
    y, mo, da = (_long(m, t) for t in call.b)
    rd = relativedelta(years=y, months=mo, days=da)
    try:
        start = datetime.date.fromordinal(d)
        real = (start + rd if call.func == "date_plus" else start - rd).toordinal()
    except (ValueError, OverflowError):
        return None
    if real == _long(m, call.result):
        return None
    same = z3.And(call.a == d, call.b[0] == y, call.b[1] == mo, call.b[2] == da)
    return z3.Implies(same, call.result == real)
