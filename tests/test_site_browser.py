"""The site in a real browser: Debian's Chromium, headless, driven by selenium over loopback.

Clicks from a home page to a report, follows a summary-table link, switches language, and
checks that no script from a hostile diff ran and that the console stayed clean. Saves
screenshots of a report page (desktop and phone widths) to a temporary folder.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from site_data import add_layout_reports, build_reports_dir

from insight.publish.site import build_site
from insight.report.files import write_files

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)",
)
webdriver = pytest.importorskip("selenium.webdriver")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """The test's output is not the place for an access log."""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("browser")
    site = root / "site"
    reports = add_layout_reports(build_reports_dir(root / "reports"))
    write_files(build_site(reports, site))
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", site
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
        "--window-size=1280,1400",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(
        service=webdriver.ChromeService(executable_path=CHROMEDRIVER), options=options
    )
    driver.set_page_load_timeout(20)
    try:
        yield driver
    finally:
        driver.quit()


def errors_in_console(driver: webdriver.Chrome) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_click_through_follow_an_anchor_and_switch_language(
    browser: webdriver.Chrome, served: tuple[str, Path]
) -> None:
    by = webdriver.common.by.By
    browser.get(f"{served[0]}/en_US/index.html")
    browser.find_element(by.LINK_TEXT, "Diff Insight Report - docs").click()
    assert browser.current_url.endswith("/en_US/reports/2025-06-01-docs.html")
    assert browser.find_element(by.TAG_NAME, "html").get_attribute("lang") == "en-US"

    link = browser.find_element(by.CSS_SELECTOR, "table a[href^='#item-']")
    target = link.get_attribute("href").split("#", 1)[1]
    link.click()
    assert browser.current_url.endswith(f"#{target}")
    assert browser.execute_script("return document.querySelector(':target').id") == target
    assert browser.find_element(by.ID, target).is_displayed()

    browser.find_element(by.CSS_SELECTOR, "nav.switch a[hreflang='ja-JP']").click()
    assert browser.current_url.endswith("/ja_JP/reports/2025-06-01-docs.html")
    assert browser.find_element(by.TAG_NAME, "html").get_attribute("lang") == "ja-JP"
    assert errors_in_console(browser) == []


def test_hostile_diff_does_not_run(browser: webdriver.Chrome, served: tuple[str, Path]) -> None:
    by = webdriver.common.by.By
    browser.get(f"{served[0]}/en_US/reports/2025-06-02-security.html")
    assert "pwned" not in browser.title
    assert browser.execute_script("return window.__xss === undefined")
    assert browser.find_elements(by.CSS_SELECTOR, "img") == []
    body = browser.find_element(by.TAG_NAME, "body").text
    assert "<script>document.title='pwned'" in body
    assert all(
        not (anchor.get_attribute("href") or "").lower().startswith("javascript:")
        for anchor in browser.find_elements(by.TAG_NAME, "a")
    )
    for details in browser.find_elements(by.TAG_NAME, "details"):
        details.find_element(by.TAG_NAME, "summary").click()
    assert "pwned" not in browser.title
    assert errors_in_console(browser) == []


def test_screenshots_of_a_report_page(
    browser: webdriver.Chrome, served: tuple[str, Path], tmp_path: Path
) -> None:
    browser.get(f"{served[0]}/zh_CN/reports/2025-02-19-openai.html")
    for name, width in (("desktop", 1280), ("phone", 390)):
        browser.set_window_size(width, 1400)
        path = tmp_path / f"report-{name}.png"
        assert browser.save_screenshot(str(path))
        assert path.stat().st_size > 10_000
    layout_width = browser.execute_script("return document.documentElement.scrollWidth")
    assert layout_width <= 390, "the page itself must not scroll sideways on a phone"


def site_pages(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def test_every_page_fits_a_phone_and_every_report_reads_right(
    browser: webdriver.Chrome, served: tuple[str, Path]
) -> None:
    """At 390 px no page scrolls sideways; on every report page the front matter is not text,
    the summary table is there, and diff lines follow each other with no gap."""
    address, site = served
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
    )
    try:
        pages = site_pages(site)
        assert len([page for page in pages if "/reports/" in page]) >= 10
        for page in pages:
            browser.get(f"{address}/{page}")
            overflow = browser.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{page} scrolls {overflow} px sideways at 390 px"
            if "/reports/" not in page:
                continue
            text = browser.execute_script("return document.querySelector('.body').innerText")
            assert "permalink:" not in text and "summary:" not in text, page
            headers = browser.execute_script(
                "return [...document.querySelectorAll('.body table th')].map(th => th.textContent)"
            )
            assert headers[:2] == ["Filename", "Type"], f"{page} lost its summary table"
            gaps = browser.execute_script(
                """
                document.querySelectorAll('details').forEach(d => d.open = true);
                const gaps = [];
                for (const pre of document.querySelectorAll('pre.diff')) {
                  const boxes = [...pre.querySelectorAll('span')]
                    .map(span => span.getBoundingClientRect());
                  for (let i = 1; i < boxes.length; i++)
                    gaps.push(boxes[i].top - boxes[i - 1].bottom);
                }
                return gaps;
                """
            )
            assert all(abs(gap) < 1 for gap in gaps), f"{page}: diff lines {gaps[:5]} px apart"
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_control_characters_show_as_escapes_and_an_open_fence_keeps_the_table(
    browser: webdriver.Chrome, served: tuple[str, Path]
) -> None:
    by = webdriver.common.by.By
    browser.get(f"{served[0]}/en_US/reports/2025-06-04-escapes.html")
    text = browser.find_element(by.TAG_NAME, "body").text
    assert "docs/esc\\u001b]0;PWN\\u0007.md" in text and "Red \\u001b[31mtitle" in text
    assert "PWN" not in browser.title and errors_in_console(browser) == []
    browser.get(f"{served[0]}/zh_CN/reports/2025-08-06-search.html")
    rows = browser.find_elements(by.CSS_SELECTOR, ".body table tr")
    assert len(rows) > 100  # the real report's table, not swallowed by the overview's fence
    browser.find_element(by.CSS_SELECTOR, "table a[href='#item-51366c']").click()
    assert browser.find_element(by.ID, "item-51366c").is_displayed()
    assert errors_in_console(browser) == []
