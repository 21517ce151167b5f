"""Every reading of the law at once: evaluate an agreement under each setting of the
interpretation switches and report where the verdict or an outcome changes.

Sits after the evaluator. Used by ``kerjasama check --compare-switches``: where the
sources leave a point open, a drafter or an official sees whether that point matters for
this agreement, instead of trusting the default silently.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Sequence
from typing import Any

import attrs

from ..model.agreement import Agreement
from .evaluator import RuleSet
from .report import Report

__all__ = ["Change", "Setting", "SwitchComparison", "compare_switches"]


@attrs.frozen
class Change:
    """One rule whose outcome differs from the default reading."""

    rule: str
    default_status: str
    status: str
    default_failures: tuple[str, ...]
    failures: tuple[str, ...]


@attrs.frozen
class Setting:
    """One combination of switch values and what it changes against the defaults."""

    switches: tuple[tuple[str, str], ...]
    verdict: str
    changes: tuple[Change, ...]


@attrs.frozen
class SwitchComparison:
    """The default reading of one agreement, and every other reading that differs."""

    agreement: str
    source: str | None
    default: Setting
    settings: tuple[Setting, ...]  # only the ones that change something
    tried: int
    relevant: tuple[str, ...] = ()  # the switches whose value changes some outcome

    @property
    def verdict_depends_on_switches(self) -> bool:
        """Whether some reading gives another verdict than the default."""
        return any(s.verdict != self.default.verdict for s in self.settings)


def _failures(o: Any) -> tuple[str, ...]:
    return tuple(f"{f.status}:{f.citation.text}" for f in o.findings)


def _changes(default: Report, other: Report) -> tuple[Change, ...]:
    out = []
    for a, b in zip(default.outcomes, other.outcomes, strict=True):
        if a.status != b.status or _failures(a) != _failures(b):
            out.append(Change(a.rule, a.status, b.status, _failures(a), _failures(b)))
    return tuple(out)


def compare_switches(
    rules: RuleSet,
    agreement: Agreement,
    *,
    as_of: datetime.date | None = None,
    source: str | None = None,
    only: Sequence[str] | None = None,
) -> SwitchComparison:
    """Evaluate ``agreement`` under every combination of the switches' values.

    Args:
        rules: the compiled rules.
        agreement: the facts.
        as_of: the evaluation date, as for :meth:`RuleSet.evaluate`.
        source: echoed in the result.
        only: vary only these switches (default: those the rules that can apply to the
            agreement read). Each is first varied alone; every combination of those that
            change an outcome is then evaluated.

    Returns:
        The default reading and every setting that changes a verdict or an outcome.
    """
    switches = {s.name: s for s in rules.switches}
    names = list(only) if only is not None else sorted(rules.switches_read_for(agreement.jenis))
    default = rules.evaluate(agreement, as_of=as_of, source=source)
    default_setting = Setting(default.switches, default.verdict, ())
    tried = 1

    def run(setting: dict[str, str]) -> Setting | None:
        nonlocal tried
        tried += 1
        rep = rules.evaluate(agreement, as_of=as_of, source=source, switches=setting)
        changes = _changes(default, rep)
        if changes or rep.verdict != default.verdict:
            return Setting(rep.switches, rep.verdict, changes)
        return None

    # First each switch alone: the outcomes depend on those that change something.
    relevant = [
        n
        for n in names
        if any(run({n: v}) is not None for v in switches[n].values if v != switches[n].default)
    ]
    # Then every combination of those, so interactions between readings show too.
    changed: list[Setting] = []
    for values in itertools.product(*(switches[n].values for n in relevant)):
        setting = dict(zip(relevant, values, strict=True))
        if all(setting[n] == switches[n].default for n in relevant):
            continue
        result = run(setting)
        if result is not None:
            changed.append(result)
    return SwitchComparison(
        agreement.id, source, default_setting, tuple(changed), tried, tuple(relevant)
    )
