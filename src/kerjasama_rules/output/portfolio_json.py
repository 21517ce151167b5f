"""The portfolio as JSON (``kerjasama portfolio --format json``) and as plain text.

The JSON document (``format: kerjasama-portfolio/1``) carries the same data the HTML report
and the exports are rendered from; each agreement's full report is the
``kerjasama-report/1`` object of ``kerjasama check --format json``. Keys are sorted by
the data's own order (never by a clock), so the same input gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from ..portfolio.monitor import Deadline, Portfolio
from .portfolio_labels import label
from .render import report_to_json

__all__ = [
    "FORMAT",
    "deadline_text",
    "portfolio_to_json",
    "render_portfolio_json",
    "render_portfolio_text",
]

FORMAT = "kerjasama-portfolio/1"


def _date(d: Any) -> str | None:
    return d.isoformat() if d is not None else None


def _deadline(d: Deadline) -> dict[str, Any]:
    return {
        "agreement": d.agreement,
        "kind": d.kind,
        "due": d.due.isoformat(),
        "working_days_left": d.working_days_left,
        "basis": d.basis,
        "rule": d.rule,
        "citation": d.citation,
        "label": d.label,
        "start": _date(d.start),
        "working_days": d.working_days,
        "uid": d.uid,
    }


def portfolio_to_json(p: Portfolio, *, lang: str = "id") -> dict[str, Any]:
    """The portfolio as a JSON-ready mapping (messages in ``lang``)."""
    return {
        "format": FORMAT,
        "as_of": p.as_of.isoformat(),
        "horizon_days": p.horizon,
        "summary": {
            "agreements": len(p.rows),
            "in_breach": len(p.in_breach),
            "due_within_30_days": len(p.due_within(30)),
            "overdue": len(p.overdue),
            "never_evaluated": len(p.never_evaluated),
        },
        "verdicts": [
            {"jenis": v.jenis, "pass": v.passed, "fail": v.failed, "unknown": v.unknown}
            for v in p.verdicts
        ],
        "agreements": [
            {
                "id": r.id,
                "judul": r.judul,
                "jenis": r.jenis,
                "verdict": r.verdict,
                "violations": r.violations,
                "warnings": r.warnings,
                "unknowns": r.unknowns,
                "status": r.status,
                "start": _date(r.start),
                "end": _date(r.end),
                "source": r.source,
                "urusan": list(r.urusan),
                "partners": list(r.partners),
                "evaluations": r.evaluations,
                "last_evaluation": _date(r.last_evaluation),
                "report": report_to_json(r.report, lang=lang),
            }
            for r in p.rows
        ],
        "deadlines": [_deadline(d) for d in p.deadlines],
        "timeline": [
            {
                "agreement": t.agreement,
                "jenis": t.jenis,
                "start": _date(t.start),
                "end": _date(t.end),
            }
            for t in p.timeline
        ],
        "affairs": [{"urusan": a.urusan, "agreements": list(a.agreements)} for a in p.affairs],
        "partner_groups": dict(p.partner_groups),
        "triple_helix": dict(p.helix),
        "countries": dict(p.countries),
        "evaluation_gaps": [
            {
                "agreement": g.agreement,
                "last_evaluation": _date(g.last_evaluation),
                "reasons": list(g.reasons),
                "aspects_missing": list(g.aspects_missing),
            }
            for g in p.evaluation_gaps
        ],
        "aspects_never_assessed": list(p.aspects_never_assessed),
        "switches": dict(p.switches),
        "law": [
            {
                "instrument": v.instrument,
                "start": v.start.isoformat(),
                "end": _date(v.end),
                "agreements": v.agreements,
            }
            for v in p.law
        ],
    }


def render_portfolio_json(p: Portfolio, *, lang: str = "id") -> str:
    """The JSON document as text, indented, ending in a newline."""
    return json.dumps(portfolio_to_json(p, lang=lang), ensure_ascii=False, indent=2) + "\n"


def deadline_text(d: Deadline, lang: str) -> str:
    """What comes due, for people: the kind's words (or the rule's own note label)."""
    if d.kind in ("dprd", "catatan") and d.label and lang == "id":
        return d.label
    return label(d.kind, lang)


def render_portfolio_text(p: Portfolio, *, lang: str = "id") -> str:
    """A short plain-text summary: the first-screen figures and what comes due."""

    def t(key: str) -> str:
        return label(key, lang)

    n = len(p.rows)
    lines = [
        t("title"),
        f"{t('as_of')}: {p.as_of.isoformat()}",
        "",
        f"{len(p.in_breach)} {t('of_total')} {n} {t('in_breach')}",
        f"{len(p.due_within(30))} {t('due_30')}; {len(p.overdue)} {t('overdue')}",
        f"{len(p.never_evaluated)} {t('never_evaluated')}",
        "",
        f"{t('verdicts')}:",
    ]
    for v in p.verdicts:
        lines.append(
            f"  {v.jenis:<8} {t('pass')} {v.passed}, {t('fail')} {v.failed}, "
            f"{t('unknown')} {v.unknown}"
        )
    lines += ["", f"{t('due')} ({t('horizon').lower()}: {p.horizon} {t('days')}):"]
    if not p.deadlines:
        lines.append(f"  {t('none_due')}")
    for d in p.deadlines:
        basis = d.citation or t(d.basis)
        lines.append(
            f"  {d.due.isoformat()}  {d.working_days_left:>5}  {d.agreement}: "
            f"{deadline_text(d, lang)} [{basis}]"
        )
    none = p.affairs_without_cooperation
    lines += ["", f"{t('affairs_none')}: {len(none)} / {len(p.affairs)}"]
    return "\n".join(lines) + "\n"
