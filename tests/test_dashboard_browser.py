"""The dashboard in a real headless Chromium (Debian's ``chromium`` package, driven by
Playwright): it loads with no internet, draws the timeline, map, network and table, and a
filter updates the timeline and the table. Skipped where Chromium is not installed."""

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="the browser test needs Debian's Chromium at /usr/bin/chromium: "
    "run `apt-get install -y chromium` (.ci/run does) to enable it",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(serve_db, tmp_path_factory, resources):
    import uvicorn

    from whodid.serve import create_app

    db = shutil.copy(serve_db, tmp_path_factory.mktemp("browser") / "events.duckdb")
    port = _free_port()
    config = uvicorn.Config(create_app(db, resources=resources), host="127.0.0.1", port=port,
                            log_level="warning")  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        yield page
        browser.close()


def test_dashboard_loads_filters_and_codes_text(server, page, tmp_path):
    outside: list[str] = []
    page.on("request", lambda r: r.url.startswith(server) or outside.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(server + "/")
    page.wait_for_selector("body[data-loaded]")
    timeline = page.locator("#timeline")
    total = int(timeline.get_attribute("data-events"))
    assert total > 10 and timeline.get_attribute("data-days") == "4"
    assert page.locator("#timeline rect.bar").count() >= 4
    rows = page.locator("#events tbody tr")
    assert rows.count() == total
    assert page.locator("#events mark.hl-trigger").count() == total
    assert page.locator("#events .badge.reported").count() >= 1
    assert page.locator("#map path.land").count() == 1
    assert page.locator("#map circle.point").count() >= 5
    assert page.locator("#network .node").count() >= 4
    assert "documents" in page.locator("#stats").inner_text()

    # a filter: only North Korea's events
    page.fill("#filters [name=actor]", "PRK")
    page.click("#apply")
    page.wait_for_function("document.querySelector('#timeline').dataset.events === '1'")
    page.wait_for_function("document.querySelectorAll('#events tbody tr').length === 1")
    assert timeline.get_attribute("data-days") == "1"
    row = rows.first
    assert "threatened to attack" in row.locator("mark.hl-trigger").inner_text()
    assert row.locator("mark.hl-source").inner_text() == "North Korea"
    assert row.locator("mark.hl-target").inner_text() == "South Korea"
    assert "asserted" in row.inner_text() and "actual" in row.inner_text()
    page.screenshot(path=str(tmp_path / "dashboard-filtered.png"), full_page=True)

    # click through to the document view
    row.locator("a.doclink").click()
    page.wait_for_selector("#document:not([hidden]) #doc-text[data-doc='korea-threat']")
    assert page.locator("#doc-text mark.hl-trigger").count() >= 2
    assert "Pyongyang warns Seoul" in page.locator("#doc-meta").inner_text()

    # code this text
    page.fill("#code-text", "Iran condemned Israel on Monday, state media said.")
    page.click("#code-run")
    page.wait_for_selector("#code-events tr[data-event]")
    assert page.locator("#code-doc mark.hl-trigger").inner_text() == "condemned"
    assert "IRN" in page.locator("#code-events").inner_text()
    page.screenshot(path=str(tmp_path / "dashboard-code.png"), full_page=True)

    assert (tmp_path / "dashboard-filtered.png").stat().st_size > 10_000
    assert not errors, errors
    assert not outside, f"requests left the app: {outside}"
