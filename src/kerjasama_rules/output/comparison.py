"""The switch comparison (``kerjasama check --compare-switches``) as text or JSON.

Renders the :class:`~kerjasama_rules.engine.comparison.SwitchComparison` data that the
engine computes.
"""

from __future__ import annotations

from typing import Any

from ..engine.comparison import Setting, SwitchComparison
from .counts import STATUS_WORDS, VERDICT_WORDS

__all__ = ["comparison_to_json", "render_comparison"]


def comparison_to_json(c: SwitchComparison) -> dict[str, Any]:
    """One agreement's comparison as JSON (``kerjasama-switch-comparison/1``)."""

    def setting(s: Setting) -> dict[str, Any]:
        return {
            "switches": dict(s.switches),
            "verdict": s.verdict,
            "changes": [
                {
                    "rule": ch.rule,
                    "default_status": ch.default_status,
                    "status": ch.status,
                    "default_findings": list(ch.default_failures),
                    "findings": list(ch.failures),
                }
                for ch in s.changes
            ],
        }

    return {
        "agreement": c.agreement,
        "source": c.source,
        "default": setting(c.default),
        "settings_tried": c.tried,
        "switches_that_matter": list(c.relevant),
        "verdict_depends_on_switches": c.verdict_depends_on_switches,
        "differing": [setting(s) for s in c.settings],
    }


def render_comparison(c: SwitchComparison, *, lang: str = "id") -> str:
    """A comparison as text: the default, then each reading that changes something."""
    en = lang == "en"
    verdicts = VERDICT_WORDS["en" if en else "id"]
    statuses = STATUS_WORDS["en" if en else "id"]
    out = [
        ("Switch comparison for " if en else "Perbandingan tafsiran untuk ") + c.agreement,
        ("  default: " if en else "  bawaan: ")
        + ", ".join(f"{k}={v}" for k, v in c.default.switches)
        + f" -> {verdicts[c.default.verdict]}",
    ]
    if not c.settings:
        out.append(
            f"  {c.tried} settings tried: no reading changes an outcome"
            if en
            else f"  {c.tried} setelan dicoba: tidak ada tafsiran yang mengubah hasil"
        )
    else:
        label = "  switches that matter: " if en else "  saklar yang memengaruhi hasil: "
        out.append(label + ", ".join(c.relevant))
    for s in c.settings:
        diff = [f"{k}={v}" for (k, v), (_, d) in zip(s.switches, c.default.switches, strict=True)
                if v != d]  # fmt: skip
        out.append(f"  {', '.join(diff)} -> {verdicts[s.verdict]}")
        for ch in s.changes:
            before, after = statuses[ch.default_status], statuses[ch.status]
            out.append(f"      {ch.rule}: {before} -> {after}")
            for f in ch.failures:
                if f not in ch.default_failures:
                    out.append(f"        + {f}")
            for f in ch.default_failures:
                if f not in ch.failures:
                    out.append(f"        - {f}")
    depends = c.verdict_depends_on_switches
    if en:
        out.append("  the verdict depends on the reading" if depends else "  same verdict")
    else:
        out.append(
            "  putusan bergantung pada tafsiran" if depends else "  putusan sama di semua tafsiran"
        )
    return "\n".join(out) + "\n"
