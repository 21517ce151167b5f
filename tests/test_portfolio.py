"""`kerjasama portfolio` and `portfolio()`: the data, the exports, determinism, escaping.

The headless-browser checks of the HTML page are in ``test_portfolio_browser.py``.
"""

from __future__ import annotations

import datetime
import io
import json
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

import kerjasama_rules as kr
from kerjasama_rules.cli import main
from kerjasama_rules.model.agreement import Agreement, Dokumen, Jenis, Perpanjangan
from kerjasama_rules.model.calendar import compute_deadline
from kerjasama_rules.model.duration import Duration
from kerjasama_rules.model.monev import ASPEK_MONEV, Aspek, JenisMonev, Monev
from kerjasama_rules.output.portfolio_export import render_ics, render_xlsx
from kerjasama_rules.output.portfolio_html import render_portfolio_html
from kerjasama_rules.portfolio import Portfolio, agreement_end, portfolio
from kerjasama_rules.portfolio.monitor import CONCURRENT_AFFAIRS

ROOT = Path(__file__).resolve().parents[1]
BEKASI = ROOT / "examples" / "bekasi"
AS_OF = datetime.date(2026, 11, 29)

HOSTILE = """\
- id: hostile-1
  judul: <script>window.pwned=1</script><img src=x onerror="window.pwned=2">
  jenis: KSDPK
  mitra:
    - {nama: "</pre><script>window.pwned=3</script>", jenis: badan_usaha, negara: ID}
  perjanjian: {tanggal_ttd: 2025-01-06}
  jangka_waktu: 1 tahun
  status: pelaksanaan
  monev:
    - {tanggal: 2025-06-02, jenis: berkala, penilai: "<i>tim</i>", pelajaran: {catatan: "<u>x</u>"}}
"""


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def bekasi() -> Portfolio:
    rules = kr.load_rules()
    pairs = []
    for path in sorted(BEKASI.glob("*.yaml")):
        pairs.extend((a, str(path.relative_to(ROOT))) for a in kr.load_agreements(path))
    return portfolio(rules, pairs, as_of=AS_OF, horizon=90)


# ------------------------------------------------------------------ the data


def test_the_bekasi_portfolio_has_the_studys_shape(bekasi: Portfolio) -> None:
    kinds = {v.jenis: v.total for v in bekasi.verdicts if v.total}
    assert kinds == {"KSDD": 20, "KSDPK": 12, "KSDPL": 2}
    assert [v.jenis for v in bekasi.verdicts][:4] == ["KSDD", "KSDPK", "KSDPL", "KSDLL"]
    assert len(bekasi.rows) == 34
    # The verdicts are those of `kerjasama check` for the same agreements.
    rules = kr.load_rules()
    for row in bekasi.rows:
        (a,) = [x for x in kr.load_agreements(ROOT / row.source) if x.id == row.id]
        assert rules.evaluate(a, as_of=AS_OF).verdict == row.verdict, row.id
    assert {r.id for r in bekasi.in_breach} >= {
        "bekasi-kota-bekasi-angkutan-2021",
        "bekasi-limbah-b3-2026",
        "bekasi-kemenperin-vokasi-2025",
    }


def test_the_dprd_deadline_is_the_rules_date_counted_like_the_deadline_command(
    bekasi: Portfolio,
) -> None:
    (d,) = [d for d in bekasi.deadlines if d.kind == "dprd"]
    assert d.agreement == "bekasi-arnhem-kabupaten-kembar-2026"
    assert d.rule == "pp28-30-4"
    assert d.citation == "Pasal 30 ayat (4) PP 28/2018"
    assert d.start == datetime.date(2026, 10, 7)
    assert d.working_days == 45
    assert d.due == compute_deadline(d.start, 45).due
    code, out, _ = _run(
        "deadline", "--from", "2026-10-07", "--working-days", "45", "--format", "json"
    )
    assert code == 0 and json.loads(out)["due"] == d.due.isoformat()
    assert d.basis == "hukum"


def test_policy_deadlines_are_marked_as_policy_not_law(bekasi: Portfolio) -> None:
    kinds = {d.kind: d.basis for d in bekasi.deadlines}
    assert kinds["monev_akhir_tahun"] == "kebijakan"
    assert all(d.citation is None for d in bekasi.deadlines if d.basis == "kebijakan")
    # Deadlines are sorted by date, then agreement.
    assert [d.due for d in bekasi.deadlines] == sorted(d.due for d in bekasi.deadlines)


def test_coverage_and_partners(bekasi: Portfolio) -> None:
    assert len(bekasi.affairs) == len(CONCURRENT_AFFAIRS) == 32
    assert "transmigrasi" in bekasi.affairs_without_cooperation
    assert "lingkungan_hidup" not in bekasi.affairs_without_cooperation
    groups = dict(bekasi.partner_groups)
    assert groups["perguruan_tinggi"] == 2
    assert groups["luar_negeri"] == 2
    assert dict(bekasi.helix)["akademisi"] == 2
    assert dict(bekasi.countries)["NL"] == 1


def test_evaluation_gaps(bekasi: Portfolio) -> None:
    gaps = {g.agreement: g for g in bekasi.evaluation_gaps}
    assert "never" in gaps["bekasi-dki-banjir-2025"].reasons
    # Evaluated every year on every aspect: no gap.
    assert "bekasi-kota-bekasi-persampahan-2023" not in gaps
    # Evaluated once, in its first year, on two aspects.
    g = gaps["bekasi-karawang-jalan-perbatasan-2024"]
    assert g.reasons == ("none_last_year",)
    assert "tindak_lanjut" not in g.aspects_missing and "pelajaran" in g.aspects_missing
    # Plans (not signed) are not expected to be evaluated.
    assert "bekasi-arnhem-kabupaten-kembar-2026" not in gaps
    assert bekasi.aspects_never_assessed == ()


def _signed(**kw: object) -> Agreement:
    base: dict[str, object] = {
        "id": "x",
        "jenis": Jenis.KSDD,
        "perjanjian": Dokumen(tanggal_ttd=datetime.date(2022, 1, 10)),
        "jangka_waktu": Duration(years=5),
    }
    base.update(kw)
    return Agreement(**base)  # type: ignore[arg-type]


def test_agreement_end_adds_the_extension() -> None:
    assert agreement_end(_signed()) == datetime.date(2027, 1, 10)
    ext = Perpanjangan(jangka_waktu=Duration(years=2))
    assert agreement_end(_signed(perpanjangan=ext)) == datetime.date(2029, 1, 10)
    assert agreement_end(_signed(jangka_waktu=None)) is None


def test_a_years_evaluation_clears_its_deadline_and_an_ended_programme_needs_one() -> None:
    rules = kr.load_rules()
    done = Monev(tanggal=datetime.date(2026, 11, 2), jenis=JenisMonev.AKHIR_TAHUN)
    p = portfolio(rules, [_signed(monev=(done,))], as_of=AS_OF)
    assert not [d for d in p.deadlines if d.kind == "monev_akhir_tahun"]
    p = portfolio(rules, [_signed()], as_of=AS_OF)
    assert [d.due for d in p.deadlines if d.kind == "monev_akhir_tahun"] == [
        datetime.date(2026, 12, 31)
    ]
    ended = _signed(jangka_waktu=Duration(years=3), monev=(done,))
    (gap,) = portfolio(rules, [ended], as_of=AS_OF).evaluation_gaps
    assert "none_after_programme" in gap.reasons
    closing = Monev(
        tanggal=datetime.date(2025, 2, 1),
        jenis=JenisMonev.AKHIR_PROGRAM,
        **{a: Aspek(catatan="ok") for a in ASPEK_MONEV},  # type: ignore[arg-type]
    )
    ok = _signed(jangka_waktu=Duration(years=3), monev=(done, closing))
    assert portfolio(rules, [ok], as_of=AS_OF).evaluation_gaps == ()


def test_an_empty_portfolio() -> None:
    p = portfolio(kr.load_rules(), [], as_of=AS_OF)
    assert p.rows == () and p.deadlines == () and len(p.affairs) == 32
    assert "<html" in render_portfolio_html(p)


# ------------------------------------------------------------------ the command


def test_cli_json_and_exit_code(tmp_path: Path) -> None:
    code, out, err = _run("portfolio", str(BEKASI), "--as-of", "2026-11-29", "--format", "json")
    assert code == 1, err  # agreements in breach
    doc = json.loads(out)
    assert doc["format"] == "kerjasama-portfolio/1"
    assert doc["summary"]["agreements"] == 34
    assert doc["summary"]["in_breach"] == 5
    assert doc["agreements"][0]["report"]["verdict"] in ("pass", "fail", "unknown")
    code, out, _ = _run(
        "portfolio",
        str(BEKASI / "portofolio-lanjutan.yaml"),
        "--as-of",
        "2026-11-29",
        "--lang",
        "en",
    )
    assert "agreements in breach of the law" in out


def test_bad_input_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: a\n  jenis: KSDX\n", encoding="utf-8")
    code, _, err = _run("portfolio", str(bad), "--as-of", "2026-11-29")
    assert code == 2 and "KSDX" in err
    code, _, err = _run("portfolio", str(BEKASI), "--as-of", "2026-11-29", "--horizon", "-1")
    assert code == 2


def _write_all(tmp: Path, *extra: str) -> dict[str, bytes]:
    tmp.mkdir(parents=True, exist_ok=True)
    code, out, err = _run(
        "portfolio",
        str(BEKASI),
        *extra,
        "--as-of",
        "2026-11-29",
        "--html",
        str(tmp / "r.html"),
        "--ics",
        str(tmp / "r.ics"),
        "--xlsx",
        str(tmp / "r.xlsx"),
        "--format",
        "json",
    )
    assert code == 1, err
    files = {p.name: p.read_bytes() for p in sorted(tmp.iterdir())}
    files["stdout"] = out.encode()
    return files


def test_outputs_are_byte_identical_on_rerun(tmp_path: Path) -> None:
    first = _write_all(tmp_path / "a")
    second = _write_all(tmp_path / "b")
    assert set(first) == {"r.html", "r.ics", "r.xlsx", "stdout"}  # no temporary file left
    for name in first:
        assert first[name] == second[name], name
    # The report names the as-of date, and no other day of the clock.
    today = datetime.date.today().isoformat()
    if today != "2026-11-29":
        assert today.encode() not in first["r.html"]


def test_the_ics_parses_back_to_the_same_events(bekasi: Portfolio) -> None:
    cal = icalendar.Calendar.from_ical(render_ics(bekasi))
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(bekasi.deadlines)
    for ev, d in zip(events, bekasi.deadlines, strict=True):
        assert str(ev["UID"]) == d.uid
        assert ev.decoded("DTSTART") == d.due
        desc = str(ev["DESCRIPTION"])
        assert (d.citation or "kebijakan daerah") in desc
    # Stable UIDs: the same agreement and kind give the same UID on any date.
    later = portfolio(kr.load_rules(), [], as_of=AS_OF)
    assert later.deadlines == ()
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_the_workbook_has_three_sheets(bekasi: Portfolio) -> None:
    import zipfile

    data = render_xlsx(bekasi, lang="en")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        wb = z.read("xl/workbook.xml").decode()
        core = z.read("docProps/core.xml").decode()
    for sheet in ("Agreements", "Findings", "Deadlines"):
        assert f'name="{sheet}"' in wb
    assert "2026-11-29T00:00:00Z" in core


def test_document_text_is_escaped_in_the_html(tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    rules = kr.load_rules()
    p = portfolio(rules, [(a, "hostile.yaml") for a in kr.load_agreements(path)], as_of=AS_OF)
    page = render_portfolio_html(p)
    assert "<script>window.pwned" not in page
    assert "<img src=x" not in page
    assert "</pre><script>" not in page
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page
    # The only script of the page is the table sorter.
    assert page.count("<script") == 1


def test_a_missing_extra_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "kerjasama_rules.output.portfolio_html", raising=False)
    monkeypatch.setitem(sys.modules, "pygal", None)  # makes `import pygal` fail
    code, _, err = _run(
        "portfolio", str(BEKASI), "--as-of", "2026-11-29", "--html", str(tmp_path / "r.html")
    )
    assert code == 2
    assert "pip install 'kerjasama-rules[report]'" in err and "pygal" in err
    assert not (tmp_path / "r.html").exists()


def test_the_core_does_not_import_the_report_extra() -> None:
    code = (
        "import sys, kerjasama_rules, kerjasama_rules.cli, kerjasama_rules.portfolio.monitor;"
        "print([m for m in ('jinja2', 'pygal', 'icalendar', 'xlsxwriter') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------------ the monitoring policy


def test_the_monitoring_policy_is_off_by_default_and_never_changes_a_verdict() -> None:
    code, out, err = _run("test", str(ROOT / "examples" / "kebijakan"))
    assert code == 0, out + err
    law = kr.load_rules()
    assert not [r for r in law.rules if r.id.startswith("kebijakan-")]
    with_policy = kr.load_rules(str(kr.bundled_rules_path()), str(ROOT / "examples" / "kebijakan"))
    advice = 0
    for a in kr.load_agreements(BEKASI / "portofolio-lanjutan.yaml"):
        plain = law.evaluate(a, as_of=AS_OF)
        both = with_policy.evaluate(a, as_of=AS_OF)
        assert plain.verdict == both.verdict, a.id
        advice += sum(
            1
            for o in both.outcomes
            if o.rule.startswith("kebijakan-")
            for f in o.findings
            if f.status == "fail" and f.severity == "info"
        )
    assert advice > 0  # the policy does say something about this portfolio


def test_the_committed_example_report_is_current(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The README links to examples/bekasi/laporan-portofolio.html: it must be what the
    # command gives today (regenerate with the command in examples/bekasi/README.md).
    monkeypatch.chdir(ROOT)
    out = tmp_path / "laporan.html"
    code, _, err = _run("portfolio", "examples/bekasi", "--as-of", "2026-11-29", "--html", str(out))
    assert code in (0, 1), err
    committed = ROOT / "examples" / "bekasi" / "laporan-portofolio.html"
    assert out.read_bytes() == committed.read_bytes()
