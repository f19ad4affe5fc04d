"""Measure the book against its budgets; exits 1 when any budget is missed (run by hand).

    python benchmarks/run.py            # clean build, then everything below
    python benchmarks/run.py --no-build # reuse _build/html

Budgets (issue 15, README "Measure"):
- clean build with execution <= 120 s on 2 cores;
- a chapter page's first visit <= 3 MB, and its HTML alone <= 1 MB. A first visit is every
  byte headless Chromium receives in a fresh context (HTML, scripts, stylesheets, fonts,
  images, and whatever scripts load later, such as MathJax's components) from navigation
  until the network has been quiet for a second after the reader scrolled to the first
  figure and it was drawn (or after the load, on a page without figures). The static count
  of the scripts and stylesheets the HTML names (with every font they name) is printed too;
- first figure drawn, headless Chromium, fresh browser context, local server: at most half
  the time a bare page takes to load the stock full ``plotly.min.js`` (from the installed
  plotly) and draw one small scatter, both measured in this run (median of 3);
- live explorer shown (issue 14): from running an explorer's cell to its controls and first
  figure ready to send to JupyterLab (the explorer made and its display bundle written,
  imports done, outside a book build) <= 1 s median and <= 2 s worst, over every explorer;
- live widget update <= 50 ms (median of 50 slider changes, value set to figure updated, in
  process); one synapse simulation of 10 s at 10 Hz <= 50 ms (median).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BUILD_BUDGET_S = 120.0
FIRST_VISIT_BUDGET_BYTES = 3_000_000
HTML_BUDGET_BYTES = 1_000_000
FIRST_FIGURE_SHARE = 0.5  # of the bare stock-plotly page's time
UPDATE_BUDGET_MS = 50.0
DISPLAY_MEDIAN_BUDGET_MS = 1000.0
DISPLAY_WORST_BUDGET_MS = 2000.0
RUNS = 3
QUIET_MS = 1000  # a first visit ends when no request has started or finished for this long

# Records when the first plotly figure has drawn its SVG, in ms after navigation start.
# The reader scrolls to the first figure as soon as it is on the page (figures are drawn as
# they come near the viewport).
FIRST_FIGURE_INIT_JS = """
new MutationObserver((_, observer) => {
  const first = document.querySelector('.plotly-graph-div');
  if (first && !window.__scrolled) {
    window.__scrolled = true;
    first.scrollIntoView();
  }
  if (document.querySelector('.plotly-graph-div .main-svg')) {
    window.__firstFigureMs = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""
BARE_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>bare</title>
<script src="plotly.min.js"></script></head><body>
<div id="fig" class="plotly-graph-div" style="height:450px"></div>
<script>Plotly.newPlot("fig", [{type: "scatter", x: [1, 2, 3, 4], y: [2, 1, 3, 2]}]);</script>
</body></html>
"""


def clean_build() -> float:
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build",
         str(ROOT), "-W", "-n", "--keep-going"],
        check=True, cwd=ROOT, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - start


def _loaded_files(page: Path) -> set[Path]:
    """Local scripts, stylesheets and the fonts those stylesheets name, a page's HTML loads.

    Every woff2/woff font a loaded stylesheet names counts (an upper bound: a browser fetches
    a font only when the page shows one of its glyphs); of a font given in several formats
    only the first (woff2) counts, as a browser fetches only that one.
    """
    text = page.read_text(encoding="utf-8")
    sources = re.findall(r'<script[^>]*\ssrc="([^"?]+)', text)
    sources += re.findall(r'<link[^>]*rel="stylesheet"[^>]*href="([^"?]+)', text)
    paths = {(page.parent / src).resolve() for src in sources}
    paths = {path for path in paths if path.is_file()}
    for sheet in [path for path in paths if path.suffix == ".css"]:
        css = sheet.read_text(encoding="utf-8", errors="replace")
        for src in re.findall(r"src:\s*url\(['\"]?([^'\")?#]+)", css):
            font = (sheet.parent / src).resolve()
            if font.suffix in {".woff2", ".woff", ".ttf"} and font.is_file():
                paths.add(font)
    return paths


def page_weights(html_dir: Path) -> dict[str, tuple[int, int]]:
    """Each chapter page: (bytes of its HTML, bytes of a first visit: HTML + what it loads)."""
    weights = {}
    for page in sorted((html_dir / "chapters").glob("*.html")):
        html_bytes = len(page.read_bytes())
        loaded = sum(path.stat().st_size for path in _loaded_files(page))
        weights[page.relative_to(html_dir).as_posix()] = (html_bytes, html_bytes + loaded)
    return weights


def _first_visit_bytes(browser, url: str) -> int:
    """Bytes a fresh browser receives for ``url`` until the page is quiet (see above)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        received: list[int] = []
        last_activity = [time.perf_counter()]

        def started(_request) -> None:
            last_activity[0] = time.perf_counter()

        def finished(request) -> None:
            last_activity[0] = time.perf_counter()
            sizes = request.sizes()
            received.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])

        page.on("request", started)
        page.on("requestfinished", finished)
        page.on("requestfailed", started)
        page.add_init_script(FIRST_FIGURE_INIT_JS)
        page.goto(url, wait_until="load")
        if page.evaluate("() => !!document.querySelector('.plotly-graph-div')"):
            page.wait_for_function("() => window.__firstFigureMs !== undefined", timeout=60_000)
        while time.perf_counter() - last_activity[0] < QUIET_MS / 1000:
            page.wait_for_timeout(100)
        return sum(received)
    finally:
        context.close()


def first_visit_weights(html_dir: Path, pages: list[str]) -> dict[str, int]:
    """Each page's first-visit bytes, measured in the browser."""
    from tests.browser_support import launch_browser, serve_directory

    with serve_directory(html_dir) as book, launch_browser() as browser:
        return {page: _first_visit_bytes(browser, f"{book}/{page}") for page in pages}


def _first_figure_ms(browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.add_init_script(FIRST_FIGURE_INIT_JS)
        page.goto(url, wait_until="commit")
        page.wait_for_function("() => window.__firstFigureMs !== undefined", timeout=60_000)
        return float(page.evaluate("() => window.__firstFigureMs"))
    finally:
        context.close()


def first_figure_times(html_dir: Path, pages: list[str]) -> tuple[float, dict[str, float]]:
    """Median first-figure time of the bare stock-plotly page and of each book page (ms)."""
    import plotly

    from tests.browser_support import launch_browser, serve_directory

    stock = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    with tempfile.TemporaryDirectory() as bare_dir:
        shutil.copyfile(stock, Path(bare_dir) / "plotly.min.js")
        (Path(bare_dir) / "index.html").write_text(BARE_PAGE, encoding="utf-8")
        with (
            serve_directory(Path(bare_dir)) as bare,
            serve_directory(html_dir) as book,
            launch_browser() as browser,
        ):
            _first_figure_ms(browser, f"{bare}/index.html")  # warm the browser process
            bare_ms = statistics.median(
                _first_figure_ms(browser, f"{bare}/index.html") for _ in range(RUNS)
            )
            book_ms = {
                page: statistics.median(
                    _first_figure_ms(browser, f"{book}/{page}") for _ in range(RUNS)
                )
                for page in pages
            }
    return bare_ms, book_ms


def widget_display_ms(repeats: int = 3) -> dict[str, list[float]]:
    """Times (ms) from an explorer's cell starting to its display bundle written, per explorer.

    What a chapter cell does in JupyterLab: make the explorer, then IPython asks it for its
    mime bundle (controls, and the figure as plotly's JSON). Outside a book build, so no
    static HTML is written. The first of ``repeats`` runs counts too (the worst case).
    """
    from book.widgets import explorers

    results = {}
    for name, make in explorers().items():
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            make()._repr_mimebundle_()
            times.append((time.perf_counter() - start) * 1000)
        results[name] = times
    return results


def widget_update_ms() -> dict[str, float]:
    """Median and 95th percentile of 50 live updates for every explorer in the book."""
    from book.widgets import explorers

    results = {}
    for name, make in explorers().items():
        explorer = make()
        explorer.widget()
        spec = explorer.spec
        slider = spec.parameter(spec.static.slider)
        values = (
            np.geomspace(slider.low, slider.high, 50)
            if slider.log
            else np.linspace(slider.low, slider.high, 50)
        )
        times = []
        for value in values:
            start = time.perf_counter()
            explorer.update(**{slider.name: float(value)})
            times.append((time.perf_counter() - start) * 1000)
        results[name] = (statistics.median(times), float(np.percentile(times, 95)))
    return results


def synapse_simulation_ms() -> dict[str, float]:
    """Median time of one 10 s simulation at 10 Hz (the model behind the reuptake sliders)."""
    from book.models.synapse import simulate

    results = {}
    for mode in ("tonic", "burst"):
        times = []
        for _ in range(20):
            start = time.perf_counter()
            simulate(rate_Hz=10.0, mode=mode, firing_s=10.0, duration_s=10.0)
            times.append((time.perf_counter() - start) * 1000)
        results[mode] = statistics.median(times)
    return results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--no-widgets", action="store_true", help="skip the live updates")
    args = parser.parse_args()
    missed: list[str] = []

    def verdict(ok: bool, what: str) -> str:
        if not ok:
            missed.append(what)
        return "ok" if ok else "OVER BUDGET"

    if not args.no_build:
        seconds = clean_build()
        print(
            f"clean build with execution: {seconds:.1f} s (budget {BUILD_BUDGET_S:.0f} s) "
            + verdict(seconds <= BUILD_BUDGET_S, "clean build")
        )
    html_dir = args.html
    weights = page_weights(html_dir)
    visits = first_visit_weights(html_dir, list(weights))
    print(
        f"chapter pages: HTML (budget {HTML_BUDGET_BYTES / 1e6:.1f} MB); first visit measured "
        f"in the browser until quiet after the first figure (budget "
        f"{FIRST_VISIT_BUDGET_BYTES / 1e6:.1f} MB); static = HTML + the scripts and "
        f"stylesheets its tags name + every font those name:"
    )
    for page, (html_bytes, static_bytes) in weights.items():
        visit_bytes = visits[page]
        ok = html_bytes <= HTML_BUDGET_BYTES and visit_bytes <= FIRST_VISIT_BUDGET_BYTES
        print(
            f"  {page:36s} HTML {html_bytes / 1e6:6.3f} MB  first visit "
            f"{visit_bytes / 1e6:6.3f} MB  (static {static_bytes / 1e6:6.3f} MB) "
            f"{verdict(ok, f'weight of {page}')}"
        )
    with_figures = [
        page
        for page in weights
        if "plotly-graph-div" in (html_dir / page).read_text(encoding="utf-8")
    ]
    bare_ms, book_ms = first_figure_times(html_dir, with_figures)
    budget_ms = FIRST_FIGURE_SHARE * bare_ms
    print(
        f"first figure drawn (median of {RUNS}, fresh context): bare page with the stock "
        f"plotly.min.js {bare_ms:.0f} ms; budget {budget_ms:.0f} ms"
    )
    for page, ms in book_ms.items():
        print(f"  {page:36s} {ms:6.0f} ms {verdict(ms <= budget_ms, f'first figure of {page}')}")
    if not args.no_widgets:
        display = widget_display_ms()
        every = [ms for times in display.values() for ms in times]
        median, worst = statistics.median(every), max(every)
        ok = verdict(
            median <= DISPLAY_MEDIAN_BUDGET_MS and worst <= DISPLAY_WORST_BUDGET_MS,
            "live explorer shown",
        )
        print(
            f"live explorer shown (cell run -> display bundle, {len(display)} explorers x 3): "
            f"median {median:.0f} ms (budget {DISPLAY_MEDIAN_BUDGET_MS:.0f}), worst "
            f"{worst:.0f} ms (budget {DISPLAY_WORST_BUDGET_MS:.0f}) {ok}"
        )
        for name, times in display.items():
            print(f"  {name:30s} " + "  ".join(f"{ms:6.0f} ms" for ms in times))
        print("live widget update (value set -> figure updated, 50 changes):")
        for name, (median, p95) in widget_update_ms().items():
            ok = verdict(median <= UPDATE_BUDGET_MS, f"live update {name}")
            print(f"  {name:30s} median {median:6.2f} ms  p95 {p95:6.2f} ms {ok}")
    print("synapse model, one 10 s simulation at 10 Hz (median of 20):")
    for mode, median in synapse_simulation_ms().items():
        ok = verdict(median <= UPDATE_BUDGET_MS, f"synapse {mode}")
        print(f"  {mode:30s} median {median:6.2f} ms {ok}")
    if missed:
        print("budgets missed: " + "; ".join(missed))
        return 1
    print("every budget met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
