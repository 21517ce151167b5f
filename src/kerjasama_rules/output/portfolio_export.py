"""The portfolio's deadlines as iCalendar and its tables as an Excel workbook.

``render_ics`` writes one all-day event per deadline, with the citation (or the policy)
in the description and a stable UID (agreement, kind, rule), so that importing a newer
file into a calendar updates the events instead of duplicating them. ``render_xlsx``
writes three sheets: agreements, findings, deadlines.

Both are byte-identical for the same input: the only date stamps are derived from the
as-of date (``DTSTAMP``, the workbook's creation date), never from the clock.

Requires the optional extra ``report`` (``icalendar``, ``xlsxwriter``).
"""

from __future__ import annotations

import datetime
import io

import icalendar
import xlsxwriter

from ..portfolio.monitor import Portfolio
from .portfolio_json import deadline_text
from .portfolio_labels import label

__all__ = ["render_ics", "render_xlsx"]


def _stamp(p: Portfolio) -> datetime.datetime:
    # A fixed instant derived from the as-of date keeps the output reproducible.
    return datetime.datetime.combine(p.as_of, datetime.time(0, 0), tzinfo=datetime.timezone.utc)


def render_ics(p: Portfolio, *, lang: str = "id") -> bytes:
    """The deadlines as an iCalendar (RFC 5545) file."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//kerjasama-rules//portfolio//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{label('due', lang)} ({p.as_of.isoformat()})")
    stamp = _stamp(p)
    for d in p.deadlines:
        ev = icalendar.Event()
        ev.add("uid", d.uid)
        ev.add("dtstamp", stamp)
        ev.add("dtstart", d.due)
        ev.add("dtend", d.due + datetime.timedelta(days=1))
        ev.add("summary", f"{d.agreement}: {deadline_text(d, lang)}")
        basis = d.citation or label(d.basis, lang)
        lines = [
            f"{label('basis', lang)}: {basis}",
            f"{label('rule', lang)}: {d.rule or '-'}",
            f"{label('wd_left', lang)} ({p.as_of.isoformat()}): {d.working_days_left}",
        ]
        if d.start is not None:
            lines.append(f"{label('from', lang)}: {d.start.isoformat()} + {d.working_days}")
        ev.add("description", "\n".join(lines))
        ev.add("categories", [d.kind])
        cal.add_component(ev)
    data: bytes = cal.to_ical()
    return data


def render_xlsx(p: Portfolio, *, lang: str = "id") -> bytes:
    """The agreements, findings and deadlines as an ``.xlsx`` workbook."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    # xlsxwriter stamps the creation date; a fixed one makes the bytes reproducible.
    wb.set_properties({"title": label("title", lang), "created": _stamp(p).replace(tzinfo=None)})
    bold = wb.add_format({"bold": True})

    def t(key: str) -> str:
        return label(key, lang)

    def sheet(name: str, head: list[str], rows: list[list[object]]) -> None:
        ws = wb.add_worksheet(name)
        ws.write_row(0, 0, head, bold)
        for i, row in enumerate(rows, 1):
            ws.write_row(i, 0, ["" if v is None else v for v in row])
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(rows), 1), len(head) - 1)
        ws.set_column(0, 0, 40)
        ws.set_column(1, len(head) - 1, 16)

    sheet(
        t("sheet_agreements"),
        [t("id"), "judul", t("jenis"), t("verdict"), t("violations"), t("warnings"),
         t("unknowns"), t("status"), t("start"), t("end"), t("last_eval"), t("source")],
        [
            [r.id, r.judul, r.jenis, t(r.verdict), r.violations, r.warnings, r.unknowns,
             r.status, _iso(r.start), _iso(r.end), _iso(r.last_evaluation), r.source]
            for r in p.rows
        ],
    )  # fmt: skip
    sheet(
        t("sheet_findings"),
        [t("id"), t("rule"), t("finding_status"), t("severity"), t("citation"), t("message")],
        [
            [r.id, f.rule, f.status, f.severity, f.citation, f.message(lang)]
            for r in p.rows
            for f in r.findings
        ],
    )
    sheet(
        t("sheet_deadlines"),
        [t("date"), t("id"), t("what"), t("basis"), t("rule"), t("from"), t("wd_left")],
        [
            [d.due.isoformat(), d.agreement, deadline_text(d, lang),
             d.citation or t(d.basis), d.rule, _iso(d.start), d.working_days_left]
            for d in p.deadlines
        ],
    )  # fmt: skip
    wb.close()
    return buf.getvalue()


def _iso(d: datetime.date | None) -> str | None:
    return d.isoformat() if d is not None else None
