"""Debian's chromium loads the WebExtension, opens pages served on 127.0.0.1, and the
running service records the page's URL and title as a span."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from process_support import service_process, wait_for, write_settings

from app.extension import extension_dir

CHROMIUM = "/usr/bin/chromium"
PAGES = {"/memo": "Settlement memo draft", "/docket": "Docket search results"}

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")


class Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        title = PAGES.get(self.path.split("?")[0])
        if title is None:
            self.send_error(404)
            return
        body = f"<!doctype html><title>{title}</title><p>{title}</p>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_the_extension_reports_the_focused_tab_and_the_service_records_it(
    tmp_path: Path, site: str
) -> None:
    from playwright.sync_api import sync_playwright

    settings = write_settings(tmp_path, "[service]\nrefresh_minutes = 0\npurge_minutes = 0\n"
                                        "sync_minutes = 0\n")
    with service_process(settings) as service, sync_playwright() as playwright:
        extension = extension_dir(tmp_path / "data")
        assert (extension / "config.json").exists()  # written by the service at start
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True,
            args=[f"--disable-extensions-except={extension}", f"--load-extension={extension}",
                  "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"])
        try:
            page = context.pages[0] if context.pages else context.new_page()

            def memo_reported() -> bool:
                return service.http.get("/status").json()["heartbeats"] > 0

            # The extension reports a tab when it loads. Its worker may start after the
            # first load (Playwright does not always list a worker that started before
            # it attached, so that is no signal to wait for): load it again until then.
            for _ in range(6):
                page.goto(f"{site}/memo")
                page.wait_for_function("document.title === 'Settlement memo draft'")
                try:
                    wait_for(memo_reported, 10, "the extension to report the tab")
                    break
                except AssertionError:
                    continue
            assert memo_reported(), "the extension never reported the tab"
            page.goto(f"{site}/docket")  # a new title closes the memo's span

            def memo_span() -> list[dict]:
                day_spans = [
                    s for d in _days(service) for s in
                    service.http.get(f"/days/{d}/spans").json()
                ]
                return [s for s in day_spans if s["title"] == "Settlement memo draft"]

            [span] = wait_for(memo_span, 30, "the memo's span")
        finally:
            context.close()
    assert span["url"] == f"{site}/memo"
    assert span["kind"] == "browser" and span["app"] in {"Chromium", "Google Chrome"}


def _days(service) -> list[str]:  # noqa: ANN001
    """Today and yesterday in the billing timezone, whichever the span fell on."""
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    today = datetime.now(UTC).astimezone(ZoneInfo("America/Los_Angeles")).date()
    return [(today - timedelta(days=n)).isoformat() for n in (0, 1)]

