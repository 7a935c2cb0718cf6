"""The run report in a real browser: Debian's headless Chromium (/usr/bin/chromium, installed by
`make test` through scripts/install-browser.sh) opens the page from disk with every request but
file:// refused, and the charts must draw their data with no console error."""
import os
from pathlib import Path

import pytest

from tests.helpers import query

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
CHARTS = ["chart-outlets", "chart-days", "chart-rejects", "chart-removed"]

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"{CHROMIUM} is missing in CI: `make test` runs scripts/install-browser.sh to install it")
    pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (scripts/install-browser.sh, as root)",
                allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def open_report(browser, path: Path):
    """The page opened from disk; the console and page errors it logged; the requests it made that
    were not for a file (refused)."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    console, refused = [], []
    page.on("console", lambda message: console.append((message.type, message.text)))
    page.on("pageerror", lambda error: console.append(("pageerror", str(error))))

    def only_files(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/*", only_files)
    page.goto(path.resolve().as_uri(), wait_until="load")
    for chart in CHARTS:              # (selectors, not wait_for_function: the page's CSP forbids eval)
        page.wait_for_selector(f"#{chart}.js-plotly-plot", state="attached", timeout=20_000)
    return page, console, refused


def test_the_report_draws_its_charts_offline_with_no_error(browser, reported):
    page, console, refused = open_report(browser, reported.page)
    try:
        assert refused == []
        assert [entry for entry in console if entry[0] in ("error", "pageerror", "warning")] == []
        drawn = page.evaluate("""() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(plot => ({
            id: plot.id,
            labels: plot.data[0].orientation === 'h' ? plot.data[0].y : plot.data[0].x,
            bars: plot.querySelectorAll('.trace.bars .point path').length,
            svg: plot.querySelectorAll('.main-svg').length,
            fits: plot._fullLayout.width <= plot.parentElement.getBoundingClientRect().width + 1,
        }))""")
        assert [chart["id"] for chart in drawn] == CHARTS
        for chart in drawn:
            assert chart["svg"] > 0 and chart["bars"] == len(chart["labels"]) > 0, chart
            assert chart["fits"], chart
        run_id = reported.summary["run_id"]
        outlets = {o for (o,) in query(reported.warehouse, f"SELECT DISTINCT coalesce(outlet, 'unknown') "
                                                           f"FROM articles WHERE run_id = '{run_id}'")}
        assert set(drawn[0]["labels"]) == outlets == {"newspim", "hankyung", "newsis", "unknown"}
        ticks = page.locator("#chart-outlets .xtick text").all_text_contents()
        assert sorted(ticks) == sorted(outlets)
        assert "newspim" in page.locator("#outlets").inner_text()
    finally:
        page.close()


def test_markup_in_titles_and_paths_stays_text(browser, reported):
    from tests.report.conftest import HOSTILE_NAME, HOSTILE_TITLE

    page, console, refused = open_report(browser, reported.page)
    try:
        assert page.evaluate("() => window.pwned") is None               # no injected script or handler ran
        assert HOSTILE_TITLE in page.locator("#clusters").inner_text()
        assert HOSTILE_NAME in page.locator("#rejected").inner_text()
        assert page.locator("#clusters img, #rejected img, body > script ~ script[src]").count() == 0
        assert refused == []                                              # (the <img src=x> never loaded)
    finally:
        page.close()
