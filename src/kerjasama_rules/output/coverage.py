"""Coverage by law for people and machines: a terminal table, JSON, and the Markdown page
``docs/coverage.md`` (``kerjasama coverage --format text|json|markdown``).

Renders the :class:`~kerjasama_rules.law.coverage.CoverageReport` that ``law.coverage``
computes.
"""

from __future__ import annotations

import json
from typing import Any

from ..law.coverage import CoverageReport
from ..law.inventory import Unit

__all__ = ["coverage_to_json", "render_coverage_markdown", "render_coverage_text"]


_LABEL = {"missing": "belum", "encoded": "dikodekan", "tested": "teruji"}


def _unit_label(u: Unit) -> str:
    return u.text


def render_coverage_text(report: CoverageReport) -> str:
    """A compact report for the terminal."""
    lines = [
        f"{'satuan':<42} {'status':<10} {'yakin':<7} {'matriks':<12} aturan",
    ]
    for u in report.units:
        lines.append(
            f"{_unit_label(u.unit):<42} {_LABEL[u.status]:<10} "
            f"{u.unit.confidence or '-':<7} {','.join(u.unit.matrix_rows) or '-':<12} "
            f"{', '.join(u.rules) or '-'}"
        )
    lines.append("")
    lines.extend(_summary(report))
    return "\n".join(lines) + "\n"


def _summary(report: CoverageReport) -> list[str]:
    n = len(report.units)
    enc = report.count("encoded") + report.count("tested")
    lines = [
        f"{n} satuan dapat diperiksa: {report.count('tested')} teruji, "
        f"{report.count('encoded')} dikodekan saja, {report.count('missing')} belum",
        f"dikodekan: {enc}/{n} ({report.encoded_percent:.1f}%); "
        f"teruji: {report.count('tested')}/{n} ({report.tested_percent:.1f}%)",
        f"kasus uji: {report.cases} ({report.cases_failed} gagal, tidak dihitung)",
    ]
    if report.untested_rules:
        lines.append(
            "aturan tanpa uji: " + ", ".join(f"{rid} ({f})" for f, rid in report.untested_rules)
        )
    if report.never_applicable:
        lines.append(
            "aturan yang tidak pernah berlaku dalam uji: " + ", ".join(report.never_applicable)
        )
    if report.unknown_citations:
        lines.append(
            "citasi yang tidak ada dalam inventaris: "
            + "; ".join(f"{rid}: {text}" for rid, text in report.unknown_citations)
        )
    return lines


def coverage_to_json(report: CoverageReport) -> str:
    """The report as JSON (format ``kerjasama-coverage/1``), deterministic bytes."""
    doc: dict[str, Any] = {
        "format": "kerjasama-coverage/1",
        "summary": {
            "checkable": len(report.units),
            "missing": report.count("missing"),
            "encoded": report.count("encoded"),
            "tested": report.count("tested"),
            "encoded_percent": report.encoded_percent,
            "tested_percent": report.tested_percent,
            "cases": report.cases,
            "cases_failed": report.cases_failed,
        },
        "matrix": [
            {"row": row, "units": n, "encoded": e, "tested": t} for row, n, e, t in report.rows()
        ],
        "units": [
            {
                "citation": u.unit.text,
                "instrument": u.unit.instrument,
                "pasal": u.unit.pasal,
                "ayat": u.unit.ayat,
                "huruf": u.unit.huruf,
                "status": u.status,
                "confidence": u.unit.confidence,
                "matrix_rows": list(u.unit.matrix_rows),
                "rules": list(u.rules),
                "failed_in": u.failed_in,
                "passed_in": u.passed_in,
                "failing_cases": list(u.failing_cases),
                "passing_cases": list(u.passing_cases),
            }
            for u in report.units
        ],
        "untested_rules": [{"file": f, "rule": r} for f, r in report.untested_rules],
        "never_applicable": list(report.never_applicable),
        "unknown_citations": [{"rule": r, "citation": c} for r, c in report.unknown_citations],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _cases(names: tuple[str, ...], shown: int = 2) -> str:
    # A few case names, then the count: the table stays readable; `--format json` has all.
    if not names:
        return ""
    text = "; ".join(n.replace("|", "/") for n in names[:shown])
    return text + (f" (+{len(names) - shown})" if len(names) > shown else "")


def render_coverage_markdown(report: CoverageReport) -> str:
    """``docs/coverage.md``: summary, per matrix row, and every checkable unit."""
    n = len(report.units)
    out = [
        "# Cakupan hukum / Coverage by law",
        "",
        "<!-- Dibuat otomatis; jangan disunting. Generated; do not edit. Regenerate with:",
        "     kerjasama coverage --format markdown > docs/coverage.md -->",
        "",
        "Satuan hukum yang **dapat diperiksa** dari inventaris (`rules/*/inventaris.yaml`),",
        "dan apakah aturan mengutipnya serta uji aturan (`rules/**/tests/*.test.yaml`)",
        "menggagalkan dan meluluskannya. Definisi status: lihat bagian akhir.",
        "",
        "Checkable units of law from the inventory, whether rules cite them, and whether",
        "the rule tests both break and satisfy them. Definitions at the end.",
        "",
        "## Ringkasan / Summary",
        "",
        "| | satuan / units | % |",
        "|---|---:|---:|",
        f"| dapat diperiksa / checkable | {n} | |",
        f"| dikodekan / encoded (incl. tested) | "
        f"{report.count('encoded') + report.count('tested')} | {report.encoded_percent:.1f} |",
        f"| teruji / tested | {report.count('tested')} | {report.tested_percent:.1f} |",
        f"| belum / missing | {report.count('missing')} | {report.missing_percent:.1f} |",
        "",
        f"Kasus uji / test cases: {report.cases} "
        f"({report.cases_failed} gagal / failing, not counted).",
        "",
        "## Per baris matriks / Per matrix row",
        "",
        "Baris matriks: `pp28-2018-reference.md` §9.",
        "",
        "| baris / row | satuan / units | dikodekan / encoded | teruji / tested |",
        "|---|---:|---:|---:|",
    ]
    for row, units, enc, tested in report.rows():
        out.append(f"| {row} | {units} | {enc} | {tested} |")
    out += [
        "",
        "## Satuan / Units",
        "",
        "| satuan / unit | status | keyakinan | matriks | aturan / rules "
        "| uji yang menggagalkan / failing tests | uji yang meluluskan / passing tests |",
        "|---|---|---|---|---|---|---|",
    ]
    for u in report.units:
        out.append(
            f"| {u.unit.text} | {u.status} | {u.unit.confidence or ''} | "
            f"{', '.join(u.unit.matrix_rows)} | {', '.join(f'`{r}`' for r in u.rules)} "
            f"| {_cases(u.failing_cases)} | {_cases(u.passing_cases)} |"
        )
    extra = _summary(report)[3:]
    if extra:
        out += ["", "## Catatan / Notes", ""]
        out += [f"- {line}" for line in extra]
    out += [
        "",
        "## Definisi / Definitions",
        "",
        "- **missing**: tidak ada aturan atau kewajiban yang mengutip satuan itu (atau",
        "  satuan di dalamnya). No rule or requirement cites the unit or a unit inside it.",
        "- **encoded**: dikutip, tetapi uji yang lulus belum menggagalkan *dan* meluluskannya.",
        "  Cited, but the passing test cases do not both break and satisfy it.",
        "- **tested**: dikutip; ada kasus uji lulus dengan temuan `fail` yang mengutip",
        "  satuan itu, dan ada kasus uji lulus yang aturannya berlaku dan kewajiban yang",
        "  mengutipnya terpenuhi (tanpa temuan, tidak tertunda). Cited; a passing case has",
        "  a failing finding citing it, and a passing case applies a rule whose requirement",
        "  citing it holds (no finding, not pending).",
        "- Yang dihitung hanya satuan paling spesifik yang dapat diperiksa: daun, atau",
        "  satuan yang tidak satu pun sub-satuannya dapat diperiksa (butir daftar tertutup",
        "  bertanda `dapat_diperiksa: false` dengan alasannya di inventaris). Kutipan",
        "  mencakup satuan yang sama atau yang lebih luas: `Pasal 27 ayat (1) huruf a`",
        "  mencakup huruf itu; `Pasal 6` saja tidak mencakup ayat-ayatnya. Only the most",
        "  specific checkable units count (a leaf, or a unit none of whose sub-units is",
        "  checkable); a citation covers its own unit and the units that contain it.",
    ]
    return "\n".join(out) + "\n"
