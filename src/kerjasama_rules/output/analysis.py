"""Rule analysis results (``kerjasama analyze``) as text, JSON or SARIF 2.1.0.

Reads the plain data of :mod:`kerjasama_rules.analysis.findings`; formats nothing else.
The JSON form is ``kerjasama-analysis/1``; the SARIF form is one run of the tool
``kerjasama analyze`` whose rules are the finding codes, for code-review tools.
"""

from __future__ import annotations

import datetime
import json
from typing import TYPE_CHECKING, Any

from ..analysis.findings import AnalysisFinding, AnalysisResult, Witness
from .sarif import SARIF_SCHEMA, SARIF_VERSION

if TYPE_CHECKING:  # the diff module needs z3, an optional extra
    from ..analysis.diff import DiffResult

__all__ = [
    "analysis_to_json",
    "render_analysis_json",
    "render_analysis_sarif",
    "render_analysis_text",
    "render_diff_json",
    "render_diff_text",
]

JSON_SCHEMA = "kerjasama-analysis/1"

_DESCRIPTIONS = {
    "analyze.dead-rule": "the rule can never apply",
    "analyze.unsatisfiable": "the requirement can never be met where it applies",
    "analyze.vacuous": "the requirement can never fail where it applies",
    "analyze.unreachable-kecuali": "the exception can never take effect",
    "analyze.unreachable-guard": "the requirement never falls due",
    "analyze.unreachable-case": "the determination case can never decide",
    "analyze.contradiction": "two requirements cannot both be met",
    "analyze.duplicate": "two requirements fail on exactly the same agreements",
    "analyze.duplicate-citation": "two files encode the same units of law at the same time",
    "analyze.determination-overlap": "two determination cases match with different values",
    "analyze.determination-gap": "the determination has no value although its facts are known",
    "analyze.redundant": "the requirement is implied by another",
}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _witness_json(w: Witness | None) -> dict[str, Any] | None:
    if w is None:
        return None
    return {
        "agreement": _plain(dict(w.agreement)),
        "as_of": w.as_of.isoformat(),
        "switches": dict(w.switches),
        "reproduced": w.reproduced,
        "shows": w.shows,
        "yaml": w.yaml,
    }


def _finding_json(f: AnalysisFinding) -> dict[str, Any]:
    return {
        "code": f.code,
        "severity": f.severity,
        "subject": f.subject,
        "location": str(f.location),
        "message": f.message,
        "proof": f.proof,
        "assumptions": list(f.assumptions),
        "related": [str(r) for r in f.related],
        "related_subject": f.related_subject,
        "justified": f.justified,
        "witness": _witness_json(f.witness),
    }


def analysis_to_json(result: AnalysisResult) -> dict[str, Any]:
    """The analysis as plain JSON data (``kerjasama-analysis/1``)."""
    return {
        "schema": JSON_SCHEMA,
        "engine": result.engine,
        "list_bound": result.list_bound,
        "analysed": {
            "rules": result.rules,
            "requirements": result.requirements,
            "determinations": result.determinations,
            "queries": result.queries,
        },
        "clean": result.clean,
        "findings": [_finding_json(f) for f in result.findings],
        "justified": [_finding_json(f) for f in result.justified],
        "not_analysed": [
            {"subject": n.subject, "location": str(n.location), "construct": n.construct}
            for n in result.not_analysed
        ],
    }


def render_analysis_json(result: AnalysisResult) -> str:
    """The analysis as JSON text, with a stable key order and a final newline."""
    return json.dumps(analysis_to_json(result), ensure_ascii=False, indent=2) + "\n"


def _indent(text: str, by: str) -> str:
    return "".join(by + line + "\n" for line in text.splitlines())


def render_analysis_text(result: AnalysisResult, *, witnesses: bool = True) -> str:
    """The analysis for a person: one block per finding, then a summary."""
    out: list[str] = []
    for f in result.findings:
        out.append(f"{f.location}: {f.severity}[{f.code}] {f.message}\n")
        kind = "proof (z3)" if f.proof else "search result, not a proof"
        out.append(f"  {kind}; assumes: {'; '.join(f.assumptions)}\n")
        for r in f.related:
            out.append(
                f"  see also: {r}" + (f" ({f.related_subject})" if f.related_subject else "") + "\n"
            )
        if f.witness is not None:
            status = "reproduced" if f.witness.reproduced else "NOT reproduced by the engine"
            out.append(f"  witness ({status}): {f.witness.shows}\n")
            if witnesses:
                out.append(_indent(f.witness.yaml, "    | "))
        else:
            out.append("  witness: none found\n")
        out.append(
            f"  silence a justified one: # analyze: allow {f.code.split('.', 1)[1]} -- <reason>\n"
        )
        out.append("\n")
    for n in result.not_analysed:
        out.append(f"{n.location}: not analysed: {n.construct} [{n.subject}]\n")
    counts = {
        s: sum(f.severity == s for f in result.findings) for s in ("error", "warning", "info")
    }
    out.append(
        f"Analysed {result.rules} rules, {result.requirements} requirements, "
        f"{result.determinations} determinations with {result.engine} "
        f"({result.queries} queries; lists of at most {result.list_bound} items).\n"
    )
    out.append(
        f"{len(result.findings)} findings ({counts['error']} errors, {counts['warning']} "
        f"warnings, {counts['info']} infos), {len(result.justified)} justified, "
        f"{len(result.not_analysed)} not analysed.\n"
    )
    return "".join(out)


def render_analysis_sarif(result: AnalysisResult) -> str:
    """The findings as a SARIF 2.1.0 log (one run of ``kerjasama analyze``)."""
    codes = sorted({f.code for f in result.findings})
    index = {c: i for i, c in enumerate(codes)}
    levels = {"error": "error", "warning": "warning", "info": "note"}

    def location(loc: Any) -> dict[str, Any]:
        return {
            "physicalLocation": {
                "artifactLocation": {"uri": loc.file.replace("\\", "/")},
                "region": {"startLine": loc.line, "startColumn": loc.column},
            }
        }

    results = [
        {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": levels[f.severity],
            "message": {"text": f.message},
            "locations": [location(f.location)],
            "relatedLocations": [
                {"id": i, **location(r)} for i, r in enumerate(f.related, start=1)
            ],
            "properties": {
                "proof": f.proof,
                "assumptions": list(f.assumptions),
                "witness": f.witness.yaml if f.witness else None,
            },
        }
        for f in result.findings
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "kerjasama analyze",
                        "rules": [
                            {"id": c, "shortDescription": {"text": _DESCRIPTIONS.get(c, c)}}
                            for c in codes
                        ],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def render_diff_text(result: DiffResult, *, witnesses: bool = True) -> str:
    """The semantic diff for a reviewer: one block per change class."""
    out: list[str] = []
    for c in result.changes:
        note = f" {c.note}" if c.note else ""
        out.append(f"{c.location}: {c.kind} {c.rule}: was {c.old}, now {c.new}{note}\n")
        if c.witness is not None:
            status = "reproduced" if c.witness.reproduced else "NOT reproduced by the engine"
            out.append(f"  witness ({status}):\n")
            if witnesses:
                out.append(_indent(c.witness.yaml, "    | "))
        out.append("\n")
    for n in result.not_analysed:
        out.append(f"{n.location}: not analysed: {n.construct} [{n.subject}]\n")
    if not result.changes:
        if result.proved:
            out.append(
                "no agreement changes outcome (proved with "
                f"{result.engine}; lists of at most {result.list_bound} items)\n"
            )
        else:
            out.append("no change found, but some rules were not analysed (see above)\n")
    else:
        out.append(f"{len(result.changes)} change class(es)\n")
    return "".join(out)


def render_diff_json(result: DiffResult) -> str:
    """The semantic diff as JSON (``kerjasama-diff/1``)."""
    doc = {
        "schema": "kerjasama-diff/1",
        "engine": result.engine,
        "list_bound": result.list_bound,
        "proved": result.proved,
        "changes": [
            {
                "rule": c.rule,
                "kind": c.kind,
                "note": c.note,
                "old": c.old,
                "new": c.new,
                "location": str(c.location),
                "witness": _witness_json(c.witness),
            }
            for c in result.changes
        ],
        "not_analysed": [
            {"subject": n.subject, "location": str(n.location), "construct": n.construct}
            for n in result.not_analysed
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
