"""Counting changes with z3 for minimal repair: the fewest, proved, then the tie-breaks.

Used by ``repair_solver.py``. Every limit is z3's ``rlimit`` (counted work, relative to
each check), never a clock: the same answer on a loaded machine as on an idle one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import z3

__all__ = ["BUDGET", "RLIMIT", "RLIMIT_TIE", "SolverGaveUp", "Spent", "least"]

# z3 resource limits (``rlimit``: counted steps, about 5 million a CPU second here),
# deterministic where a timeout would depend on the machine's load. A check that decides
# the answer (may a requirement pass, the fewest changes) gets RLIMIT; a tie-break
# (fewer present facts changed, a preferred value) gets RLIMIT_TIE and is simply not
# taken when the solver cannot decide it within that; the whole solve spends at most
# BUDGET.
RLIMIT = 100_000_000
RLIMIT_TIE = 2_000_000
BUDGET = 400_000_000


class SolverGaveUp(Exception):
    """The solver cannot answer (a construct it does not encode, its resource limit): the
    caller falls back to the bounded search and says why. ``reason`` is a code and its
    values (``list-bound``, ``not-encodable``, ``gave-up``, ``budget``), which the output
    layer words in the report's language."""

    def __init__(self, message: str, *reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class Spent:
    """The resource units (z3 ``rlimit``) spent by one solve, over all its checks."""

    def __init__(self) -> None:
        self.total = 0
        self._first: int | None = None

    def add(self, s: z3.Solver) -> None:
        """Count the work up to ``s``'s last check."""
        st = s.statistics()
        if "rlimit count" in st:
            # z3 counts per context, over all its solvers: what this solve spent is the
            # count now less the count after its first check.
            now = int(st.get_key_value("rlimit count"))
            if self._first is None:
                self._first = now
            self.total = now - self._first


def least(
    hard: Sequence[Any],
    changed: Sequence[tuple[Any, bool]],
    prefer: Sequence[Any],
    start: int,
    spent: Spent,
) -> z3.ModelRef | None:
    """A model of ``hard`` with the fewest ``changed`` indicators true (proved), then
    fewer of those marked costly (a present fact changed rather than a missing one
    filled), then as many ``prefer`` constraints as fit, in order.

    Counting with pseudo-Boolean bounds on a plain solver, smallest first: z3's
    ``Optimize`` is far slower here, where text facts bring in the string theory. The
    tie-breaks only improve the model: the costly count goes down from the model's own
    (each step a model with fewer, which the solver finds quickly, where proving the
    least costly count from below took it over 20 s on the Arnhem agreement), and the
    preferences are tried with the set of changed facts kept, so that they choose values
    only. A tie-break the solver cannot decide within ``RLIMIT_TIE`` is not taken.
    """
    s = z3.Solver()
    s.add(*hard)
    flags = [c for c, _ in changed]
    costly = [c for c, dear in changed if dear]

    def check(*extra: Any, tie: bool = False) -> z3.ModelRef | None:
        """A model with ``extra``, ``None`` when there is none (or, for a tie-break,
        when the solver cannot decide)."""
        s.push()
        s.add(*extra)
        s.set(rlimit=RLIMIT_TIE if tie else RLIMIT)
        r = s.check()
        spent.add(s)
        m = s.model() if r == z3.sat else None
        why = s.reason_unknown() if r == z3.unknown else ""
        s.pop()
        if r == z3.unknown and not tie:
            raise SolverGaveUp(f"the solver gave up: {why}", "gave-up", why)
        return m

    m = check()
    if m is None:
        return None
    lower, m, kept = _disjoint_cores(s, flags, spent)
    k = max(start, lower)
    if _count(m, flags) > k:
        # The facts outside every core kept, first: a far smaller search, which finds
        # the model at the lower bound when there is one there.
        got = check(*kept, _at_most(flags, k), tie=True)
        while got is None:
            got = check(_at_most(flags, k))
            k += 0 if got is not None else 1
        m = got
    bound = [_at_most(flags, k)]
    dear = _count(m, costly)
    while dear and (got := check(*bound, _at_most(costly, dear - 1), tie=True)) is not None:
        m = got
        dear = _count(m, costly)
    bound.append(_at_most(costly, dear))
    # The changed facts stay as they are; each preference is kept when it still fits.
    bound += [z3.Not(f) for f in flags if not z3.is_true(m.eval(f, True))]
    for pref in prefer:
        if (got := check(*bound, pref, tie=True)) is not None:
            bound.append(pref)
            m = got
    return m


def _disjoint_cores(
    s: z3.Solver, flags: Sequence[Any], spent: Spent
) -> tuple[int, z3.ModelRef, list[Any]]:
    """A lower bound of the changes, a model and the facts it keeps outside the cores:
    the bound is how many disjoint unsatisfiable cores the "keep every fact" assumptions
    have (each core needs one change of its own). Counting from below starts there, and
    the model often has that many changes already: a direct search with an at-most bound
    on every fact took the solver over 20 s on the Arnhem agreement, where each
    requirement's small core is found in milliseconds."""
    marks = [z3.Bool(f"__keep{i}") for i in range(len(flags))]
    keep = dict(zip(marks, [z3.Not(f) for f in flags], strict=True))
    s.push()
    s.add(*[z3.Implies(a, k) for a, k in keep.items()])
    s.set(rlimit=RLIMIT)
    active = dict.fromkeys(marks)
    cores = 0
    while (r := s.check(*active)) == z3.unsat:
        spent.add(s)
        core = s.unsat_core()
        if not len(core):  # pragma: no cover - the hard constraints hold (checked before)
            break
        cores += 1
        for a in core:
            active.pop(a, None)
    spent.add(s)
    why = s.reason_unknown() if r == z3.unknown else ""
    m = s.model() if r == z3.sat else None
    s.pop()
    if m is None:
        raise SolverGaveUp(f"the solver gave up: {why}", "gave-up", why)
    return cores, m, [keep[a] for a in active]


def _count(m: z3.ModelRef, flags: Sequence[Any]) -> int:
    return sum(1 for f in flags if z3.is_true(m.eval(f, model_completion=True)))


def _at_most(flags: Sequence[Any], k: int) -> Any:
    if not flags:
        return z3.BoolVal(True)
    return z3.PbLe([(f, 1) for f in flags], k)
