"""Helpers for the browser tests: a loopback HTTP server and Debian's headless Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

CHROMIUM = "/usr/bin/chromium"
# Figures are drawn as they come near the viewport (book-figures.js): every figure within a
# screen of the visible part must be drawn; the rest wait until scrolled to (see draw_figure).
ALL_FIGURES_DRAWN_JS = """() => [...document.querySelectorAll('.plotly-graph-div')]
    .filter(div => div.getBoundingClientRect().top < 1.5 * window.innerHeight)
    .every(div => div.querySelector('.main-svg') && div.data && div.data.length)"""
FIGURE_DRAWN_JS = """(div) => !!(div.querySelector('.main-svg') && div.data && div.data.length)"""
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a browser closing early is fine
        pass


@contextlib.contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def launch_browser():
    """Headless Debian Chromium driven by Playwright (its own browser download cannot work)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser, base: str, page_path: str, width: int = 1280):
    """Open a page, recording console errors, page errors and any non-local request."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    host = urlparse(base).netloc

    def on_request(request):
        netloc = urlparse(request.url).netloc
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        if netloc != host:
            problems.append(f"request left the machine: {request.url}")

    page.route(
        "**/*",
        lambda route: (
            route.abort()
            if urlparse(route.request.url).netloc not in (host, "")
            else route.continue_()
        ),
    )
    page.on("request", on_request)
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))
    page.on(
        "response",
        lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )
    page.on(
        "console", lambda m: problems.append(f"console {m.text}") if m.type == "error" else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.goto(f"{base}/{page_path}", wait_until="networkidle")
    try:  # give every plotly figure the chance to draw before anyone counts them
        page.wait_for_function(ALL_FIGURES_DRAWN_JS, timeout=15_000)
    except PlaywrightTimeoutError:
        pass  # the callers' own checks then name the figure that did not draw
    return page, problems


def draw_figure(figure, timeout_ms: int = 15_000) -> bool:
    """Scroll a figure (a locator) into view and wait until plotly has drawn it."""
    figure.scroll_into_view_if_needed()
    try:
        figure.page.wait_for_function(
            f"(div) => ({FIGURE_DRAWN_JS})(div)", arg=figure.element_handle(), timeout=timeout_ms
        )
    except PlaywrightTimeoutError:
        return False
    return True
