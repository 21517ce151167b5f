"""The fuzzing harness: one input through every stage, and what counts as a failure.

An input is a rule file (``.kr``) or an agreement document (``.yaml``/``.json``). A rule
file goes parse -> check -> compile (generated code and closures) -> evaluate the bundled
examples -> render (text and JSON) -> fmt (which must give text that parses again to the
same syntax tree, and is stable). An agreement goes load -> evaluate with the bundled
rules (generated code and closures) -> render. The library may refuse any input with its
own error (:class:`KerjasamaError`); anything else is a failure, and so is a disagreement
between the generated functions and the closures.

Used by ``fuzz/run.py`` (the long campaign) and ``tests/test_fuzz.py`` (a bounded run and
the replay of every saved crash in ``fuzz/crashes/``).
"""

from __future__ import annotations

import datetime
import functools
import traceback
from pathlib import Path

import kerjasama_rules as kr
from kerjasama_rules.drafting.formatter import format_source
from kerjasama_rules.engine.evaluator import RuleSet
from kerjasama_rules.language.checker import check
from kerjasama_rules.language.parser import parse
from kerjasama_rules.model.loader import parse_agreement_text
from kerjasama_rules.output.render import render_json, render_text

ROOT = Path(__file__).resolve().parents[1]
AS_OF = datetime.date(2026, 11, 29)
SUFFIXES = (".kr", ".yaml", ".json")


class Disagreement(AssertionError):
    """Two paths of the library that must agree did not."""


@functools.lru_cache(maxsize=1)
def examples() -> tuple[kr.Agreement, ...]:
    """The bundled example agreements, loaded once."""
    found: list[kr.Agreement] = []
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        try:
            found.extend(kr.load_agreements(path))
        except kr.KerjasamaError:
            continue
    return tuple(found)


@functools.lru_cache(maxsize=1)
def bundled() -> tuple[RuleSet, RuleSet]:
    """The bundled rules, as generated functions and as closures only."""
    rules = kr.load_rules()
    return rules, RuleSet(rules._checked, _generate=False, _memo_facts=False)


def _evaluate_both(fast: RuleSet, slow: RuleSet, agreement: kr.Agreement) -> None:
    for cuti in ("libur", "kerja"):
        a = fast.evaluate(agreement, as_of=AS_OF, cuti_bersama=cuti)
        b = slow.evaluate(agreement, as_of=AS_OF, cuti_bersama=cuti)
        ja, jb = render_json([a]), render_json([b])
        if ja != jb:
            raise Disagreement(f"generated code and closures disagree on {agreement.id}")
        # The CLI writes UTF-8: every rendering must encode.
        ja.encode("utf-8")
        render_text(a).encode("utf-8")
        render_text(a, lang="en").encode("utf-8")


def run_rules(text: str) -> None:
    """One rule file through every stage; raises only on a failure of the library."""
    try:
        tree = parse(text, source="fuzz.kr")
    except kr.KerjasamaError:
        return
    try:
        formatted = format_source(text, source="fuzz.kr")
    except kr.KerjasamaError:
        formatted = None
    if formatted is not None:
        again = parse(formatted, source="fuzz.kr")
        if again != tree:
            raise Disagreement("fmt changed the meaning of the rule file")
        if format_source(formatted, source="fuzz.kr") != formatted:
            raise Disagreement("fmt is not stable: formatting its output changes it")
    try:
        checked = check([tree])
    except kr.KerjasamaError:
        return
    fast = RuleSet(checked)
    slow = RuleSet(checked, _generate=False, _memo_facts=False)
    for agreement in examples():
        _evaluate_both(fast, slow, agreement)
        for rule in checked.rules[:3]:
            fast.explain(agreement, rule.id, as_of=AS_OF)


def run_agreement(text: str, fmt: str) -> None:
    """One agreement document through loading, evaluation and rendering."""
    try:
        agreements = parse_agreement_text(text, name=f"fuzz.{fmt}", fmt=fmt)  # type: ignore[arg-type]
    except kr.KerjasamaError:
        return
    fast, slow = bundled()
    for agreement in agreements[:5]:
        _evaluate_both(fast, slow, agreement)


def run(text: str, suffix: str) -> None:
    """Dispatch on the kind of input (``.kr``, ``.yaml``, ``.json``)."""
    if suffix == ".kr":
        run_rules(text)
    else:
        run_agreement(text, suffix.lstrip("."))


def signature(exc: BaseException) -> str:
    """What makes two failures the same: the exception type and where it was raised."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{type(exc).__name__} at {where}"
