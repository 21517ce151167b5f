"""The portfolio as one self-contained HTML page (``kerjasama portfolio --html``).

Rendered with Jinja2 (autoescaping on: every text from an agreement document is untrusted)
and charts drawn as SVG by pygal with its JavaScript turned off, so the page works offline,
needs no network, and prints on A4. A few lines of inline script sort the agreement table;
everything else is readable without scripts.

Requires the optional extra ``report`` (``pip install 'kerjasama-rules[report]'``):
importing this module without Jinja2 or pygal raises :class:`ImportError`.

The same input gives the same bytes: pygal's random chart ids are replaced by fixed ones,
and the only date in the page is the as-of date.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Any

import jinja2
import pygal
from markupsafe import Markup
from pygal.style import Style

from ..portfolio.monitor import Portfolio
from .portfolio_json import deadline_text
from .portfolio_labels import ASPECTS, affair_name, label
from .render import render_text

__all__ = ["render_portfolio_html"]

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# pygal adds a comment dated today and a <script> holding its config for tooltips; the
# page needs neither (no JavaScript to view), and a date would break reproducibility.
# Texts inside the SVG are XML-escaped by pygal's serialiser, so neither pattern can
# match text taken from a document.
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SCRIPT = re.compile(r"<script[^>]*>.*?</script>", re.DOTALL)

_STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#222",
    foreground_strong="#111",
    foreground_subtle="#666",
    font_family="sans-serif",
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=13,
    title_font_size=15,
    value_font_size=11,
    # compliant, not compliant, undetermined; then neutral blues for counts
    colors=("#2e7d32", "#c62828", "#f9a825", "#1565c0", "#6a1b9a", "#00838f", "#5d4037"),
)


def _config(**extra: Any) -> dict[str, Any]:
    # No pygal JavaScript (tooltips from a CDN), no XML declaration inside HTML.
    base = {
        "style": _STYLE,
        "js": [],
        "disable_xml_declaration": True,
        "show_legend": True,
        "legend_at_bottom": True,
        "print_values": False,
        "width": 800,
        "height": 360,
    }
    base.update(extra)
    return base


def _svg(chart: Any, name: str) -> Markup:
    svg: str = chart.render(is_unicode=True)
    svg = _SCRIPT.sub("", _COMMENT.sub("", svg))
    # pygal names each chart with a random uuid; a fixed name keeps the page byte-identical.
    return Markup(_UUID.sub(name, svg))


def _verdict_chart(p: Portfolio, lang: str) -> Markup:
    chart = pygal.StackedBar(**_config(title=label("verdicts", lang)))
    chart.x_labels = [v.jenis for v in p.verdicts]  # fixed words, not document text
    chart.add(label("pass", lang), [v.passed for v in p.verdicts])
    chart.add(label("fail", lang), [v.failed for v in p.verdicts])
    chart.add(label("unknown", lang), [v.unknown for v in p.verdicts])
    return _svg(chart, "verdicts")


def _affair_chart(p: Portfolio, lang: str) -> Markup:
    chart = pygal.HorizontalBar(
        **_config(
            title=label("affairs", lang),
            height=760,
            show_legend=False,
            colors=("#1565c0",),
            truncate_label=-1,
        )
    )
    affairs = list(reversed(p.affairs))  # pygal draws the first label at the bottom
    chart.x_labels = [affair_name(a.urusan, lang) for a in affairs]
    chart.add(label("agreements", lang), [len(a.agreements) for a in affairs])
    return _svg(chart, "affairs")


def _count_chart(
    title: str, items: Sequence[tuple[str, int]], lang: str, name: str, words: bool
) -> Markup:
    chart = pygal.Bar(**_config(title=title, show_legend=False, height=300))
    chart.x_labels = [label(k, lang) if words else k for k, _ in items]
    chart.add(label("count", lang), [n for _, n in items])
    return _svg(chart, name)


def _timeline(p: Portfolio) -> dict[str, Any]:
    """Bar positions, in percent of the span from the first start to the last end."""
    bars = p.timeline
    if not bars:
        return {"rows": [], "marker": None, "first": None, "last": None}
    first = min(b.start for b in bars)
    ends = [b.end for b in bars if b.end is not None]
    last = max([*ends, p.as_of, *(b.start for b in bars)])
    span = max((last - first).days, 1)

    def pct(d: datetime.date) -> float:
        return round(100 * (d - first).days / span, 2)

    rows = []
    for b in bars:
        end = b.end or last
        rows.append(
            {
                "agreement": b.agreement,
                "jenis": b.jenis,
                "left": pct(b.start),
                "width": max(round(pct(end) - pct(b.start), 2), 0.4),
                "open": b.end is None,
                "start": b.start.isoformat(),
                "end": b.end.isoformat() if b.end else "?",
            }
        )
    return {
        "rows": rows,
        "marker": pct(p.as_of),
        "first": first.isoformat(),
        "last": last.isoformat(),
    }


def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("kerjasama_rules.output", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_portfolio_html(p: Portfolio, *, lang: str = "id") -> str:
    """The whole report as one HTML document (text), in ``lang`` (``id`` or ``en``)."""
    anchors = {r.id: f"ag-{i}" for i, r in enumerate(p.rows, 1)}
    due30 = p.due_within(30)
    template = _env().get_template("portfolio.html.j2")
    return template.render(
        p=p,
        lang=lang,
        t=lambda key: label(key, lang),
        anchors=anchors,
        due30=due30,
        deadline_text=lambda d: deadline_text(d, lang),
        aspect=lambda key: ASPECTS.get(lang, ASPECTS["id"]).get(key, key),
        affair=lambda key: affair_name(key, lang),
        explanations=[(anchors[r.id], r, render_text(r.report, lang=lang)) for r in p.rows],
        charts={
            "verdicts": _verdict_chart(p, lang),
            "affairs": _affair_chart(p, lang),
            "partners": _count_chart(
                label("partners", lang), p.partner_groups, lang, "partners", True
            ),
            "helix": _count_chart(label("helix", lang), p.helix, lang, "helix", True),
            "countries": _count_chart(
                label("countries", lang), p.countries or (("-", 0),), lang, "countries", False
            ),
        },
        timeline=_timeline(p),
    )
