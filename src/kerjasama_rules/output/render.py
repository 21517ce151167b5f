"""The only module that formats for people or for JSON: diagnostics, reports, rule lists.

Last stage of the pipeline. Text is what a cooperation officer reads (Indonesian by
default, English with ``lang="en"``): the verdict first, then each violation with its
citation, message and evidence, then what is still unknown and which facts would decide
it. JSON follows the versioned contract ``kerjasama-report/1`` (docs/json-report.md) and is
deterministic: the same input gives the same bytes.

Longer than 600 lines because the text and JSON forms of reports, explanations and rule
listings are kept side by side, so that a field added to one is seen beside the other
(the law beside each cited unit, ``--show-law``, is formatted in ``cited_law``).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from ..engine.report import (
    DeterminationResult,
    Explanation,
    Finding,
    Outcome,
    Pending,
    Report,
    Step,
)
from ..errors import bad_argument
from ..language.nodes import Citation, Rule, Switch
from ..law.inventory import Inventory
from .cited_law import LawLines, cited_law_json
from .counts import STATUS_WORDS, VERDICT_WORDS, summary_line, tally, verdict_detail
from .diagnostics import render_diagnostic, render_diagnostics
from .jsontext import dumps_pretty
from .plain import due_when
from .plausibility import data_warnings

__all__ = [
    "REPORT_FORMAT",
    "citation_to_json",
    "explanation_to_json",
    "outcome_to_json",
    "render_determination",
    "render_diagnostic",
    "render_diagnostics",
    "render_explanation",
    "render_json",
    "render_rule_list",
    "render_switch_list",
    "render_text",
    "report_to_json",
    "rules_to_json",
    "switches_to_json",
]

REPORT_FORMAT = "kerjasama-report/1"


# ------------------------------------------------------------------ JSON
def citation_to_json(c: Citation) -> dict[str, Any]:
    """``{"instrument", "pasal", "ayat", "huruf", "angka", "penjelasan", "text"}``."""
    return {
        "instrument": c.instrument,
        "pasal": c.pasal,
        "ayat": c.ayat,
        "huruf": c.huruf,
        "angka": c.angka,
        "penjelasan": c.penjelasan,
        "text": c.text,
    }


def _finding_json(f: Finding, lang: str, law: Inventory | None = None) -> dict[str, Any]:
    out = {
        "status": f.status,
        "severity": f.severity,
        "citation": citation_to_json(f.citation),
        "citations": [citation_to_json(c) for c in f.citations],
        "message": f.message(lang),
        "messages": dict(sorted(f.messages)),
        "evidence": [{"path": e.path, "value": e.value} for e in f.evidence],
        "missing": list(f.missing),
    }
    if law is not None:
        out["cited_law"] = cited_law_json(law, f.citation, lang)
    return out


def outcome_to_json(
    o: Outcome, lang: str, switches: dict[str, str], law: Inventory | None = None
) -> dict[str, Any]:
    """One outcome as JSON data: a pure function of the outcome, the language, the
    switches and ``law`` (``stream.py`` caches the text of outcomes shared between
    reports when ``law`` is None)."""
    out: dict[str, Any] = {
        "rule": o.rule,
        "status": o.status,
        "severity": o.severity,
        "title": o.title,
        "title_text": o.title_in(lang),
        "citations": [citation_to_json(c) for c in o.citations],
        "findings": [_finding_json(f, lang, law) for f in o.findings],
        "pending": [
            {
                "citation": citation_to_json(p.citation),
                "message": p.message(lang),
                "until": p.condition_in(lang),
                "due_when": _due_text(p, lang, switches),
                **({"cited_law": cited_law_json(law, p.citation, lang)} if law else {}),
            }
            for p in o.pending
        ],
        "location": (
            {"file": o.location.file, "line": o.location.line, "column": o.location.column}
            if o.location
            else None
        ),
    }
    if o.notes:
        out["notes"] = [
            {
                "label": n.label,
                "label_text": n.label_in(lang),
                "value": n.value,
                "evidence": [{"path": e.path, "value": e.value} for e in n.evidence],
                "missing": list(n.missing),
            }
            for n in o.notes
        ]
    if o.error is not None:
        out["error"] = o.error
    if o.reason is not None:
        out["reason"] = o.reason
    return out


def report_to_json(
    r: Report, *, lang: str = "id", law: Inventory | None = None, outcomes: bool = True
) -> dict[str, Any]:
    """One report as a JSON-ready dict (an element of ``reports``); with ``law`` (the
    inventory, ``--show-law``) each finding and pending duty carries ``cited_law``;
    without ``outcomes``, that key holds ``None`` for the caller to fill (``stream.py``
    renders them apart)."""
    return {
        "agreement": r.agreement,
        "source": r.source,
        "as_of": r.as_of.isoformat() if r.as_of else None,
        "verdict": r.verdict,
        "switches": dict(r.switches),
        "law": {
            "reference_date": r.reference_date.isoformat() if r.reference_date else None,
            "reference": r.reference,
            "instruments": [
                {
                    "instrument": v.instrument,
                    "from": v.start.isoformat(),
                    "until": v.end.isoformat() if v.end else None,
                    "applied": v.applied,
                }
                for v in r.law
            ],
        },
        "determinations": {
            d.name: {
                "value": d.value,
                "title": d.title,
                "because": [
                    {
                        "citations": [citation_to_json(c) for c in b.citations],
                        "condition": b.condition,
                        "condition_text": b.condition_in(lang),
                        "evidence": [{"path": e.path, "value": e.value} for e in b.evidence],
                    }
                    for b in d.because
                ],
                "missing": list(d.missing),
            }
            for d in r.determinations
        },
        "outcomes": (
            [outcome_to_json(o, lang, dict(r.switches), law) for o in r.outcomes]
            if outcomes
            else None
        ),
        # The numbers of the verdict line and the summary, from the same tally.
        "counts": attrs.asdict(tally(r)),
        "data_warnings": [
            {"path": w.path, "value": w.value, "kind": w.kind} for w in data_warnings(r)
        ],
    }


def render_json(reports: Sequence[Report], *, lang: str = "id") -> str:
    """The ``kerjasama-report/1`` document for several reports, deterministic bytes."""
    if not isinstance(reports, Sequence) or not all(isinstance(r, Report) for r in reports):
        raise bad_argument("render_json", "reports", "a list of Report", reports)
    _check_lang("render_json", lang)
    doc = {"format": REPORT_FORMAT, "reports": [report_to_json(r, lang=lang) for r in reports]}
    return dumps_pretty(doc) + "\n"  # the bytes of json.dumps(doc, indent=2), faster


def _check_lang(function: str, lang: object) -> None:
    if not isinstance(lang, str) or lang not in ("id", "en"):
        raise bad_argument(function, "lang", "`id` or `en`", lang)


# ------------------------------------------------------------------ text
_T = {
    "id": {
        "agreement": "Perjanjian", "as_of": "Dinilai per", "verdict": "Putusan",
        **VERDICT_WORDS["id"],
        "violations": "Pelanggaran", "warnings": "Peringatan",
        "unknowns": "Belum dapat ditentukan",
        "pending": "Kewajiban yang belum jatuh tempo (bukan pelanggaran)",
        "determinations": "Penetapan", "evidence": "bukti", "missing": "fakta yang kurang",
        "rule_at": "aturan", "because": "karena", "summary": "Ringkasan",
        "rules": "aturan", "passed": "terpenuhi", "failed": "dilanggar",
        "undecided": "belum dapat ditentukan", "na": "tidak berlaku", "errors": "galat",
        "warned": "dengan peringatan", "notes": "Catatan", "law": "Hukum yang diterapkan",
        "since": "berlaku sejak", "reference": "tanggal acuan",
        "none": "tidak ada versi yang berlaku pada tanggal acuan (lihat ketentuan peralihan)",
        "skipped": "hari libur/cuti bersama yang dilewati",
        "yes": "ya", "no": "tidak", "unknown_value": "belum diketahui",
        "until": "berlaku setelah", "error_outcome": "Aturan gagal dijalankan",
        "decide": "Fakta yang akan memastikan", "switches": "Tafsiran",
        "today": "(hari ini, Asia/Jakarta)", "read": "fakta yang dibaca",
        "absent": "tidak ada", "data": "PERINGATAN DATA",
        "early": "sebelum 2014, di luar masa berlaku hukum yang dikodekan: periksa datanya",
        "late": "lebih dari 30 tahun sesudah tanggal penilaian: periksa datanya",
        "from_suspect": "(dihitung dari data yang patut diragukan, lihat PERINGATAN DATA)",
    },
    "en": {
        "agreement": "Agreement", "as_of": "Judged as of", "verdict": "Verdict",
        **VERDICT_WORDS["en"],
        "violations": "Violations", "warnings": "Warnings",
        "unknowns": "Undetermined", "pending": "Obligations not yet due (not breaches)",
        "determinations": "Determinations", "evidence": "evidence", "missing": "missing facts",
        "rule_at": "rule", "because": "because", "summary": "Summary",
        "rules": "rules", "passed": "passed", "failed": "failed",
        "undecided": "undetermined", "na": "not applicable", "errors": "errors",
        "warned": "with warnings", "notes": "Notes", "law": "Law applied",
        "since": "in force from", "reference": "reference date",
        "none": "no version in force on the reference date (see the transitional provisions)",
        "skipped": "holidays and cuti bersama skipped",
        "yes": "yes", "no": "no", "unknown_value": "unknown",
        "until": "due once", "error_outcome": "Rules that could not run",
        "decide": "Facts that would decide it", "switches": "Interpretation",
        "today": "(today, Asia/Jakarta)", "read": "facts read", "absent": "missing",
        "data": "DATA WARNING",
        "early": "is before 2014, outside the life of the law encoded here: check the data",
        "late": "is more than 30 years after the assessment date: check the data",
        "from_suspect": "(computed from implausible data, see DATA WARNING)",
    },
}  # fmt: skip


def _value_text(v: Any, t: dict[str, str]) -> str:
    if v is True:
        return t["yes"]
    if v is False:
        return t["no"]
    if v is None:
        return t["unknown_value"]
    return json.dumps(v, ensure_ascii=False)


def _evidence_text(f_evidence: Iterable[Any], absent: str | None = None) -> str:
    # `absent`: the word for a fact that is not in the agreement (explanations say so
    # rather than `null`).
    parts = []
    for e in f_evidence:
        if absent is not None and e.value is None:
            value = absent
        elif e.path.endswith(".dilewati") and isinstance(e.value, list | tuple):
            # Skipped holidays: dates only here; names are in JSON and `explain`.
            value = "[" + ", ".join(d["date"] for d in e.value) + "]"
        else:
            value = json.dumps(e.value, ensure_ascii=False)
        parts.append(f"{e.path} = {value}")
    return ", ".join(parts)


def _due_text(p: Pending, lang: str, switches: dict[str, str]) -> str | None:
    # Plain words when the guard is known; the condition in the reader's keywords if not.
    # None: the obligation needs another reading of the law than the run's (not pending).
    if p.guard is not None:
        return due_when(p.guard, lang, switches)
    return f"{_T.get(lang, _T['id'])['until']}: {p.condition_in(lang)}"


def _as_of_text(day: datetime.date, t: dict[str, str], today: bool) -> str:
    # The report says which date it used, and whether it was today's rather than one given.
    return f"{day.isoformat()} {t['today']}" if today else day.isoformat()


def render_text(
    report: Report,
    *,
    lang: str = "id",
    as_of_is_today: bool = False,
    law: Inventory | None = None,
) -> str:
    """A report as a cooperation officer reads it.

    Args:
        report: the report.
        lang: ``id`` (default) or ``en``.
        as_of_is_today: the reference date was not given but taken as today in
            Asia/Jakarta; the report says so beside the date.
        law: the law inventory (``--show-law``): each cited unit is followed by the
            inventory's summary of it and its wording, or where to read the official text.
    """
    if not isinstance(report, Report):
        raise bad_argument("render_text", "report", "a Report", report)
    _check_lang("render_text", lang)
    t = _T.get(lang, _T["id"])
    shown_law = LawLines(law, lang) if law is not None else None
    out: list[str] = []
    head = f"{t['agreement']}: {report.agreement}"
    if report.source:
        head += f"  ({report.source})"
    out.append(head)
    counted = tally(report)
    fails = [(o, f) for o in report.outcomes for f in o.findings if f.status == "fail"]
    errors = [(o, f) for o, f in fails if f.severity == "error"]
    warns = [(o, f) for o, f in fails if f.severity != "error"]
    unknowns = [(o, f) for o in report.outcomes for f in o.findings if f.status == "unknown"]
    # The verdict first, then the basis it was reached on.
    verdict = f"{t['verdict']}: {t[report.verdict]}"
    detail = verdict_detail(counted, lang)
    if detail:
        verdict += f" — {detail}"
    out.append(verdict)
    if report.as_of is not None:
        out.append(f"{t['as_of']}: {_as_of_text(report.as_of, t, as_of_is_today)}")
    if report.switches:
        out.append(f"{t['switches']}: " + ", ".join(f"{k}={v}" for k, v in report.switches))
    if report.law:
        applied = [v for v in report.law if v.applied]
        names = (
            ", ".join(f"{v.instrument} ({t['since']} {v.start.isoformat()})" for v in applied)
            or t["none"]
        )
        ref = ""
        if report.reference_date is not None:
            ref = f"; {t['reference']} {report.reference_date.isoformat()} ({report.reference})"
        out.append(f"{t['law']}: {names}{ref}")
    suspect = data_warnings(report)
    for w in suspect:
        out.append(f"{t['data']}: {w.path} = {w.value} {t[w.kind]}")
    suspect_paths = {w.path for w in suspect}

    if report.determinations:
        out.append("")
        out.append(t["determinations"])
        for d in report.determinations:
            out.append(f"  {d.name} = {_value_text(d.value, t)}")
            for b in d.because:
                cite = "; ".join(c.text for c in b.citations)
                because = f"    {t['because']} {b.condition_in(lang)}"
                out.append(because + (f"  [{cite}]" if cite else ""))
                if b.evidence:
                    out.append(f"    {t['evidence']}: {_evidence_text(b.evidence)}")
            if d.missing:
                out.append(f"    {t['missing']}: {', '.join(d.missing)}")

    def section(title: str, mark: str, items: list[tuple[Outcome, Finding]]) -> None:
        if not items:
            return
        out.append("")
        out.append(title)
        for o, f in items:
            out.append(f"  {mark} {f.citation.text}  [{o.rule}]")
            out.append(f"      {f.message(lang)}")
            if shown_law is not None:
                out.extend(shown_law.lines(f.citation, "      "))
            if f.evidence:
                out.append(f"      {t['evidence']}: {_evidence_text(f.evidence)}")
            if f.missing:
                out.append(f"      {t['missing']}: {', '.join(f.missing)}")
            if o.location is not None:
                loc = o.location
                out.append(f"      {t['rule_at']}: {loc.file}:{loc.line}:{loc.column}")

    section(t["violations"], "✗", errors)
    section(t["warnings"], "!", warns)
    section(t["unknowns"], "?", unknowns)

    switches = dict(report.switches)
    pend = [
        (o, p, due)
        for o in report.outcomes
        for p in o.pending
        if (due := _due_text(p, lang, switches)) is not None
    ]
    if pend:
        out.append("")
        out.append(t["pending"])
        for o, p, due in pend:
            out.append(f"  … {p.citation.text}  [{o.rule}]")
            out.append(f"      {p.message(lang)}")
            if shown_law is not None:
                out.extend(shown_law.lines(p.citation, "      "))
            out.append(f"      {due}")
    notes = [(o, n) for o in report.outcomes for n in o.notes]
    if notes:
        out.append("")
        out.append(t["notes"])
        shown_skips: set[tuple[str, str]] = set()
        for o, n in notes:
            if n.value is True:
                # A note that holds is a statement: its label says it all.
                out.append(f"  • {n.label_in(lang)}  [{o.rule}]")
            else:
                value = n.value if isinstance(n.value, str) else _value_text(n.value, t)
                if any(e.path in suspect_paths for e in n.evidence):
                    value += f" {t['from_suspect']}"
                out.append(f"  • {n.label_in(lang)}: {value}  [{o.rule}]")
            for e in n.evidence:
                if e.path.endswith(".dilewati") and e.value and (o.rule, e.path) not in shown_skips:
                    shown_skips.add((o.rule, e.path))
                    days = ", ".join(f"{d['date']} {d['name']}" for d in e.value)
                    out.append(f"      {t['skipped']}: {days}")
            if n.missing:
                out.append(f"      {t['missing']}: {', '.join(n.missing)}")

    errs = [o for o in report.outcomes if o.status == "error"]
    if errs:
        out.append("")
        out.append(t["error_outcome"])
        for o in errs:
            out.append(f"  ! [{o.rule}] {o.error}")

    missing = sorted({m for _, f in unknowns for m in f.missing})
    if missing:
        out.append("")
        out.append(f"{t['decide']}: {', '.join(missing)}")
    out.append("")
    out.append(summary_line(counted, lang))
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ explanations
_ROLE = {
    "id": {"berlaku": "berlaku jika", "kecuali": "kecuali", "jika": "jatuh tempo jika",
           "wajib": "wajib", "status": "Status", "rule": "Aturan", "catatan": "catatan",
           "kasus": "jika", "catatan_jika": "catatan ditampilkan jika"},
    "en": {"berlaku": "applies when", "kecuali": "unless", "jika": "due once",
           "wajib": "requires", "status": "Status", "rule": "Rule", "catatan": "note",
           "kasus": "if", "catatan_jika": "note shown when"},
}  # fmt: skip


def render_explanation(
    ex: Explanation,
    *,
    lang: str = "id",
    as_of_is_today: bool = False,
    law: Inventory | None = None,
) -> str:
    """The full reasoning of one rule, step by step (``as_of_is_today``, ``law``: see
    render_text; with ``law`` each cited unit is followed by what the inventory holds)."""
    t = _T.get(lang, _T["id"])
    shown_law = LawLines(law, lang) if law is not None else None
    roles = _ROLE.get(lang, _ROLE["id"])
    o = ex.outcome
    out = [f"{roles['rule']} {o.rule}: {o.title_in(lang) or ''}".rstrip()]
    out.append("  " + "; ".join(c.text for c in o.citations))
    if shown_law is not None:
        for c in o.citations:
            out.extend(shown_law.lines(c, "    "))
    if o.location is not None:
        out.append(f"  {o.location.file}:{o.location.line}:{o.location.column}")
    if ex.as_of is not None:
        out.append(f"  {t['as_of']}: {_as_of_text(ex.as_of, t, as_of_is_today)}")
    for s in ex.steps:
        out.append("")
        cond = s.condition_en if lang == "en" and s.condition_en else s.condition
        head = f"{roles[s.role]} {cond}"
        out.append(f"  {head}")
        out.append(f"    = {_value_text(s.value, t)}")
        if s.citation is not None:
            out.append(f"    {s.citation.text}")
            if shown_law is not None:
                out.extend(shown_law.lines(s.citation, "      "))
        if s.message:
            msgs = dict(s.message)
            out.append(f"    {msgs.get(lang) or msgs.get('id', '')}")
        if s.evidence:
            out.append(f"    {t['read']}: {_evidence_text(s.evidence, t['absent'])}")
        if s.missing:
            out.append(f"    {t['missing']}: {', '.join(s.missing)}")
    out.append("")
    status = STATUS_WORDS.get(lang, STATUS_WORDS["id"]).get(o.status, o.status)
    if o.status == "fail" and o.severity != "error":
        status += " (" + ("peringatan" if lang == "id" else "warning") + ")"
    out.append(f"{roles['status']}: {status}")
    return "\n".join(out) + "\n"


def explanation_to_json(
    ex: Explanation, *, lang: str = "id", law: Inventory | None = None
) -> dict[str, Any]:
    """An explanation as JSON: the outcome plus every step (``law``: see report_to_json;
    each step's citation then carries ``cited_law`` too)."""
    return {
        "outcome": outcome_to_json(ex.outcome, lang, {}, law),
        "as_of": ex.as_of.isoformat() if ex.as_of else None,
        "steps": [
            {
                "role": s.role,
                "condition": s.condition,
                "value": s.value,
                "citation": citation_to_json(s.citation) if s.citation else None,
                "evidence": [{"path": e.path, "value": e.value} for e in s.evidence],
                "missing": list(s.missing),
                **(
                    {"cited_law": cited_law_json(law, s.citation, lang)}
                    if law is not None and s.citation is not None
                    else {}
                ),
            }
            for s in ex.steps
        ],
    }


# ------------------------------------------------------------------ rule listings
def render_rule_list(rules: Sequence[Rule], *, lang: str = "id") -> str:
    """``kerjasama rules``: each rule with its title, citations and location."""
    out: list[str] = []
    for r in rules:
        out.append(f"{r.id}  {r.title_in(lang) or ''}".rstrip())
        out.append("    " + "; ".join(c.text for c in r.citations))
        units = sorted(
            {c.text for q in r.requirements for c in q.citations} - {c.text for c in r.citations}
        )
        if units:
            out.append("    " + ("unsur: " if lang == "id" else "units: ") + "; ".join(units))
        if r.id_span is not None:
            out.append(f"    {r.id_span.location()}")
    out.append("")
    out.append(f"{len(rules)} " + ("aturan" if lang == "id" else "rules"))
    return "\n".join(out) + "\n"


def _titles(r: Rule) -> dict[str, str]:
    # Every language's title: `judul` as `id`, then each `judul en`.
    out = {} if r.title is None else {"id": r.title}
    out.update((m.lang, m.text) for m in r.titles)
    return out


def rules_to_json(rules: Sequence[Rule]) -> dict[str, Any]:
    """``kerjasama rules --format json``."""
    return {
        "format": "kerjasama-rules/1",
        "rules": [
            {
                "rule": r.id,
                "title": r.title,
                "titles": _titles(r),
                "citations": [citation_to_json(c) for c in r.citations],
                "requirements": [
                    {
                        "citations": [citation_to_json(c) for c in q.citations],
                        "severity": q.severity,
                        "messages": {m.lang: m.text for m in q.messages},
                    }
                    for q in r.requirements
                ],
                "location": (
                    {
                        "file": r.id_span.source.name,
                        "line": r.id_span.line,
                        "column": r.id_span.column,
                    }
                    if r.id_span
                    else None
                ),
            }
            for r in rules
        ],
    }


def render_switch_list(switches: Sequence[Switch], *, lang: str = "id") -> str:
    """``kerjasama rules --switches``: each switch, its values, default and reasoning."""
    out: list[str] = []
    for sw in switches:
        out.append(f"{sw.name}  {sw.title or ''}".rstrip())
        values = ", ".join(f"{v}*" if v == sw.default else v for v in sw.values)
        out.append(("    nilai: " if lang == "id" else "    values: ") + values)
        if sw.citations:
            out.append("    " + "; ".join(c.text for c in sw.citations))
        if sw.reason:
            out.append(("    alasan: " if lang == "id" else "    reason: ") + sw.reason)
        if sw.name_span is not None:
            out.append(f"    {sw.name_span.location()}")
    out.append("")
    out.append("* = " + ("bawaan" if lang == "id" else "default"))
    return "\n".join(out) + "\n"


def switches_to_json(switches: Sequence[Switch]) -> dict[str, Any]:
    """``kerjasama rules --switches --format json``."""
    return {
        "format": "kerjasama-switches/1",
        "switches": [
            {
                "name": sw.name,
                "title": sw.title,
                "values": list(sw.values),
                "default": sw.default,
                "reason": sw.reason,
                "citations": [citation_to_json(c) for c in sw.citations],
            }
            for sw in switches
        ],
    }


def render_determination(
    result: DeterminationResult,
    steps: Sequence[Step],
    as_of: datetime.date | None,
    lang: str = "id",
    *,
    as_of_is_today: bool = False,
    law: Inventory | None = None,
) -> str:
    """``kerjasama explain FILE perlu_persetujuan_dprd``: each case tried, and the value
    (``law``: the units the deciding case cites, as in render_text)."""
    t = _T.get(lang, _T["id"])
    roles = _ROLE.get(lang, _ROLE["id"])
    shown_law = LawLines(law, lang) if law is not None else None
    out = [f"{result.name}: {result.title or ''}".rstrip()]
    if as_of is not None:
        out.append(f"  {t['as_of']}: {_as_of_text(as_of, t, as_of_is_today)}")
    for st in steps:
        cond = st.condition_en if lang == "en" and st.condition_en else st.condition
        out.append("")
        out.append(f"  {roles['kasus']} {cond}")
        out.append(f"    = {_value_text(st.value, t)}")
        if st.evidence:
            out.append(f"    {t['read']}: {_evidence_text(st.evidence, t['absent'])}")
        if st.missing:
            out.append(f"    {t['missing']}: {', '.join(st.missing)}")
    out.append("")
    out.append(f"{result.name} = {_value_text(result.value, t)}")
    for b in result.because:
        cites = "; ".join(c.text for c in b.citations)
        out.append(f"  {t['because']} {b.condition_in(lang)}  [{cites}]")
        if shown_law is not None:
            for c in b.citations:
                out.extend(shown_law.lines(c, "    "))
        if b.evidence:
            out.append(f"  {t['evidence']}: {_evidence_text(b.evidence)}")
    if result.missing:
        out.append(f"  {t['missing']}: {', '.join(result.missing)}")
    return "\n".join(out) + "\n"
