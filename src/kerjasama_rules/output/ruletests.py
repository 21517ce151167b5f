"""Rule-test results for a drafter: each failing case as a diff, then ``N passed, N failed``.

Renders the results of ``drafting.ruletests`` (``kerjasama test`` and the pytest plugin).
"""

from __future__ import annotations

from ..drafting.ruletests import CaseResult, TestRun

__all__ = ["render_result", "render_run"]


def render_result(result: CaseResult) -> str:
    """A failing case as a diff a drafter can act on (empty for a passing case)."""
    if result.passed:
        return ""
    return "\n".join([f"FAIL {result.case.title}", *result.problems]) + "\n"


def render_run(run: TestRun, *, verbose: bool = False) -> str:
    """Every failing case's diff, then ``N passed, N failed``."""
    parts: list[str] = []
    for r in run.results:
        if r.passed:
            if verbose:
                parts.append(f"ok   {r.case.title}\n")
        else:
            parts.append(render_result(r))
    parts.append(f"{run.passed} passed, {run.failed} failed\n")
    return "".join(parts)
