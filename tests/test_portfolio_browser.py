"""The portfolio report opened in a real headless browser (Chromium driven by Selenium).

What an officer sees: no console errors, every chart drawn with a size, every agreement
link landing on its explanation, the deadline table agreeing with `kerjasama deadline`,
text from a document shown as text and never run, and the three headline figures on the
first screen (1366x768) without scrolling. A screenshot of that screen is saved in the
test's temporary directory.

Chromium and its driver come from the distribution (`apt-get install chromium
chromium-driver`; `.ci/run` installs them). Without them these tests FAIL with that
instruction: they are never skipped, so CI cannot pass without running them.
"""

from __future__ import annotations

import datetime
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kerjasama_rules.cli import main

ROOT = Path(__file__).resolve().parents[1]
BEKASI = ROOT / "examples" / "bekasi"
WIDTH, HEIGHT = 1366, 768

HOSTILE = """\
- id: hostile-document
  judul: <script>window.pwned=1</script><img src=x onerror="window.pwned=2">
  jenis: KSDPK
  mitra:
    - {nama: "</pre><script>window.pwned=3</script>", jenis: badan_usaha, negara: ID}
  perjanjian: {tanggal_ttd: 2025-01-06}
  jangka_waktu: 1 tahun
  status: pelaksanaan
"""


def _browser_paths() -> tuple[str, str]:
    browser = next(
        (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p),
        None,
    )
    driver = shutil.which("chromedriver")
    if browser is None or driver is None:
        pytest.fail(
            "Chromium and chromedriver are needed for the browser tests of the portfolio "
            "report: apt-get update && apt-get install -y chromium chromium-driver"
        )
    return browser, driver


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    hostile = tmp_path_factory.mktemp("portfolio") / "hostile.yaml"
    hostile.write_text(HOSTILE, encoding="utf-8")
    return [str(BEKASI), str(hostile), "--as-of", "2026-11-29"]


@pytest.fixture(scope="module")
def report(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    html = tmp_path_factory.mktemp("report") / "laporan.html"
    out, err = io.StringIO(), io.StringIO()
    code = main(["portfolio", *inputs, "--html", str(html)], stdout=out, stderr=err)
    assert code == 1, err.getvalue()
    return html


@pytest.fixture(scope="module")
def summary(inputs: list[str]) -> dict[str, int]:
    out = io.StringIO()
    main(["portfolio", *inputs, "--format", "json"], stdout=out)
    result: dict[str, int] = json.loads(out.getvalue())["summary"]
    return result


@pytest.fixture(scope="module")
def browser(report: Path) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = _browser_paths()
    options = Options()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.add_argument(f"--window-size={WIDTH},{HEIGHT}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    # The viewport itself is 1366x768, as on an office laptop.
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False},
    )
    driver.get(report.as_uri())
    try:
        yield driver
    finally:
        driver.quit()


def test_no_console_errors(browser: Any) -> None:
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == []


def test_every_chart_has_a_size(browser: Any) -> None:
    charts = browser.find_elements("css selector", "figure.chart svg")
    assert len(charts) == 5
    for svg in charts:
        size = svg.size
        assert size["width"] > 0 and size["height"] > 0, svg.get_attribute("id")


def test_every_agreement_link_lands_on_its_explanation(browser: Any) -> None:
    links = browser.find_elements("css selector", "a.agreement-link")
    assert len(links) == 35
    for link in links:
        name = link.text
        anchor = link.get_attribute("href").rsplit("#", 1)[1]
        browser.execute_script("arguments[0].click();", link)
        assert browser.execute_script("return window.location.hash;") == f"#{anchor}"
        target = browser.find_element("id", anchor)
        # The explanation of that agreement is at the top of the screen.
        top = browser.execute_script("return arguments[0].getBoundingClientRect().top;", target)
        assert abs(top) < 2 or browser.execute_script(
            "return window.innerHeight + window.scrollY >= document.body.scrollHeight - 2;"
        )
        assert target.find_element("css selector", "h3").text.startswith(name)
        assert f"Perjanjian: {name}" in target.find_element("css selector", "pre").text
    browser.execute_script("window.scrollTo(0, 0); history.replaceState(null, '', ' ');")


def _deadline(start: str, n: int) -> datetime.date:
    out = io.StringIO()
    code = main(
        ["deadline", "--from", start, "--working-days", str(n), "--format", "json"], stdout=out
    )
    assert code == 0
    return datetime.date.fromisoformat(json.loads(out.getvalue())["due"])


def test_the_deadline_table_matches_the_deadline_command(browser: Any) -> None:
    rows = browser.find_elements("css selector", "#deadlines tr.deadline")
    assert rows
    counted = 0
    for row in rows:
        due = datetime.date.fromisoformat(row.get_attribute("data-due"))
        cells = row.find_elements("css selector", "td")
        assert cells[0].text == due.isoformat()
        start, n = row.get_attribute("data-start"), row.get_attribute("data-working-days")
        if start:
            # A working-day deadline: the same start and count give the same date.
            assert cells[5].text == f"{start} + {n}"
            assert _deadline(start, int(n)) == due
            counted += 1
        # The working days left, counted as `kerjasama deadline` counts from the as-of date:
        # the left-th working day falls on or before the due date, the next one after it.
        left = int(cells[6].text)
        if left > 0:
            assert _deadline("2026-11-29", left) <= due < _deadline("2026-11-29", left + 1)
    assert counted >= 1


def test_script_in_a_document_is_shown_as_text_and_never_runs(browser: Any) -> None:
    assert browser.execute_script("return window.pwned;") is None
    cell = browser.find_element(
        "xpath", "//table[@id='agreements']//td[.//a[text()='hostile-document']]"
    )
    assert "<script>window.pwned=1</script>" in cell.text
    # The table sorter, the page's only script, still works: a second click reverses.
    header = browser.find_element("css selector", "#agreements th.sortable")

    def order() -> list[str]:
        links = browser.find_elements("css selector", "#agreements a.agreement-link")
        return [a.text for a in links]

    browser.execute_script("arguments[0].click();", header)
    once = order()
    browser.execute_script("arguments[0].click();", header)
    assert order() == list(reversed(once)) and len(once) == 35
    assert browser.execute_script("return window.pwned;") is None


def test_the_first_screen_says_breaches_due_and_never_evaluated(
    browser: Any, summary: dict[str, int], tmp_path: Path
) -> None:
    browser.execute_script("window.scrollTo(0, 0);")
    shot = tmp_path / "first-screen.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    figures = (
        ("card-breach", summary["in_breach"]),
        ("card-due", summary["due_within_30_days"]),
        ("card-never", summary["never_evaluated"]),
    )
    assert all(n > 0 for _, n in figures)  # the example has something to say in each
    for card, figure in figures:
        el = browser.find_element("id", card)
        rect = browser.execute_script("return arguments[0].getBoundingClientRect();", el)
        assert rect["top"] >= 0 and rect["bottom"] <= HEIGHT, card
        assert rect["left"] >= 0 and rect["right"] <= WIDTH, card
        number = el.find_element("css selector", ".n").text
        assert int(number) == figure
    assert "melanggar hukum" in browser.find_element("id", "card-breach").text
    assert "30 hari" in browser.find_element("id", "card-due").text
    assert "belum pernah dievaluasi" in browser.find_element("id", "card-never").text
