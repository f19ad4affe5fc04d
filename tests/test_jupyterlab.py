"""Every chapter in a real JupyterLab (headless Chromium), as a learner on Binder meets it.

Each chapter is opened as a notebook and run with Run All, twice for the chapter whose
figures once came up blank; then every figure must be drawn with data, every explorer's
controls must be there, and moving an explorer's first slider must change what its figure
plots. The live figures are plotly JSON drawn by JupyterLab's plotly renderer, which loads
plotly.js once per page: the test also counts what the page downloads per figure.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import jupytext
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser_support import CHROMIUM, launch_browser

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
#: Chapter -> how many times Run All is repeated (the receptors chapter's figures were the
#: ones that came up blank with FigureWidget).
RUNS = {"receptors": 2}
#: A figure costs the browser its JSON, not a copy of plotly.js (issue 14: at most 1 MB).
PER_FIGURE_BUDGET_BYTES = 1_000_000

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")


def _chapters() -> list[str]:
    names = []
    for path in sorted(CHAPTERS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if "kernelspec:" in text.split("\n---", 1)[0] and "explore_" in text:
            names.append(path.stem)
    return names


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    """A JupyterLab server on loopback over the chapters, as notebooks, with no token."""
    root = tmp_path_factory.mktemp("lab")
    for name in _chapters():
        jupytext.write(jupytext.read(CHAPTERS / f"{name}.md"), root / f"{name}.ipynb")
    port = _free_port()
    paths = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = os.environ | {"PYTHONPATH": os.pathsep.join(paths)}
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}",
         "--ip=127.0.0.1", f"--ServerApp.root_dir={root}", "--IdentityProvider.token=",
         "--ServerApp.password=", "--LabApp.expose_app_in_browser=True",
         "--ServerApp.disable_check_xsrf=True"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=root,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("JupyterLab did not start")
            time.sleep(0.5)
    try:
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture(scope="module")
def lab_browser():
    with launch_browser() as browser:
        yield browser


RUN_ALL_JS = """async () => {
    const app = window.jupyterapp;
    await app.commands.execute('notebook:run-all-cells');
}"""
#: True when no cell is queued or running and the kernel is idle.
ALL_DONE_JS = """() => {
    const app = window.jupyterapp;
    const panel = app.shell.currentWidget;
    if (!panel || !panel.sessionContext || !panel.sessionContext.session) return false;
    const kernel = panel.sessionContext.session.kernel;
    if (!kernel || kernel.status !== 'idle') return false;
    const prompts = [...panel.node.querySelectorAll('.jp-InputArea-prompt')]
        .map(p => p.textContent);
    return prompts.length > 0 && !prompts.some(t => t.includes('*')) &&
        prompts.filter(t => /\\[\\d+\\]/.test(t)).length > 0;
}"""
#: Per cell with a plotly figure: how many figures, whether each is drawn with data, how
#: many controls, and a fingerprint of the plotted data.
FIGURES_JS = """() => [...window.jupyterapp.shell.currentWidget.node
        .querySelectorAll('.jp-CodeCell')]
    .filter(cell => cell.querySelector('.js-plotly-plot'))
    .map(cell => {
        const plots = [...cell.querySelectorAll('.js-plotly-plot')];
        return {
            // Drawn: plotly's SVG is there and some trace holds points (typed arrays arrive
            // as base64, so count what plotly computed, not the raw input).
            drawn: plots.every(p => p.querySelector('.main-svg') && p._fullData &&
                p._fullData.some(t => (t._length || (t.z && t.z.length) || 0) > 0)),
            controls: cell.querySelectorAll('.widget-slider, .widget-dropdown').length,
            data: plots.map(p => JSON.stringify(p.data.map(t => [t.x, t.y, t.z]))).join('|'),
        };
    })"""

#: What jupyterlab-myst made of the chapter's Markdown: any MyST syntax left as raw text, and
#: the solutions (a <details> each, which must start folded).
MYST_JS = """(markers) => {
    const cells = [...window.jupyterapp.shell.currentWidget.node
        .querySelectorAll('.jp-MarkdownCell .myst')];  // jupyterlab-myst's rendered view
    const text = cells.map(c => c.textContent).join('\\n');
    const solutions = [...new Set(cells.flatMap(c => [...c.querySelectorAll('details')]
        .filter(d => d.textContent.trim().startsWith('Solution to'))))];
    return {
        cells: cells.length,
        raw: markers.filter(m => text.includes(m)),
        solutions: solutions.length,
        open: solutions.filter(d => d.open).length,
    };
}"""
#: MyST that would show as raw text if jupyterlab-myst were missing.
RAW_MYST = ["{cite:p}", "{cite:t}", "{doc}", "{solution}", "{exercise}", "{glue:text}", "```{"]

#: JupyterLab's own cell toolbar throws this while cells re-render (in jlab_core, not in
#: anything the book ships); it changes nothing a learner sees.
JUPYTERLAB_OWN_ERRORS = ("_markdownOverlapsToolbar", "_cellToolbarOverlapsContents")


def _record_error(problems: list[str], error) -> None:
    stack = error.stack or str(error)
    if not any(name in stack for name in JUPYTERLAB_OWN_ERRORS):
        problems.append(f"page error: {stack}")


def _open_and_run(browser, base: str, name: str, runs: int):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    problems: list[str] = []
    page.on("pageerror", lambda e: _record_error(problems, e))
    scripts: list[tuple[str, int]] = []  # (url, bytes) of every script the page loads

    def on_response(response):
        if response.request.resource_type == "script":
            try:
                scripts.append((response.url, len(response.body())))
            except Exception:  # a response without a body (redirect, aborted)
                pass

    page.on("response", on_response)
    # ?reset: a fresh workspace, so no notebook from an earlier test is reopened beside it.
    page.goto(f"{base}/lab/tree/{name}.ipynb?reset", wait_until="networkidle")
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        " && window.jupyterapp.shell.currentWidget.sessionContext",
        timeout=60_000,
    )
    page.wait_for_function(
        "() => { const s = window.jupyterapp.shell.currentWidget.sessionContext;"
        " return s.session && s.session.kernel && s.session.kernel.status === 'idle'; }",
        timeout=90_000,
    )
    results, loaded_per_run = [], []
    for _ in range(runs):
        already = len(scripts)
        page.evaluate(RUN_ALL_JS)
        time.sleep(1.0)
        page.wait_for_function(ALL_DONE_JS, timeout=240_000, polling=500)
        try:  # widget views and figures render just after their cells finish
            page.wait_for_function(
                f"() => {{ const cells = ({FIGURES_JS})();"
                f" return cells.filter(c => c.controls).length >= {_expected_explorers(name)}"
                " && cells.every(c => c.drawn); }",
                timeout=60_000,
                polling=500,
            )
        except PlaywrightTimeoutError:
            pass  # the test's assertions then say what is missing or blank
        results.append(page.evaluate(FIGURES_JS))
        loaded_per_run.append(scripts[already:])
    return page, results, problems, loaded_per_run


def _expected_explorers(name: str) -> int:
    text = (CHAPTERS / f"{name}.md").read_text(encoding="utf-8")
    return sum(1 for line in text.splitlines() if line.lstrip().startswith("explore_"))


@pytest.mark.parametrize("name", _chapters())
def test_chapter_runs_in_jupyterlab_with_every_figure_drawn_and_live(jupyterlab, lab_browser, name):
    runs = RUNS.get(name, 1)
    page, results, problems, loaded = _open_and_run(lab_browser, jupyterlab, name, runs)
    try:
        for run, cells in enumerate(results, start=1):
            explorers = [c for c in cells if c["controls"]]
            assert len(explorers) >= _expected_explorers(name), (
                f"{name}, Run All {run}: {len(explorers)} explorers with controls"
            )
            blank = [i for i, c in enumerate(cells) if not c["drawn"]]
            assert not blank, f"{name}, Run All {run}: figures in cells {blank} drawn blank"
        assert not problems, problems
        # MyST renders as in the book (jupyterlab-myst, from requirements.txt): no role or
        # directive left raw, and every solution is there, folded away.
        myst = page.evaluate(MYST_JS, RAW_MYST)
        assert myst["cells"] > 0, f"{name}: no Markdown cell rendered by jupyterlab-myst"
        assert not myst["raw"], f"{name}: MyST shown raw in JupyterLab: {myst['raw']}"
        source = (CHAPTERS / f"{name}.md").read_text(encoding="utf-8")
        assert myst["solutions"] == source.count("```{solution}"), (name, myst)
        assert myst["open"] == 0, f"{name}: {myst['open']} solutions shown unfolded"
        # plotly.js comes once, with JupyterLab's plotly renderer, however many figures are
        # drawn: at most one large script in the first Run All, and the figures of a later
        # Run All cost the browser no front-end code beyond a small share per figure.
        large = [(u, n) for u, n in loaded[0] if n > PER_FIGURE_BUDGET_BYTES]
        assert len(large) <= 1, f"{name}: large scripts loaded while running: {large}"
        for run, scripts in enumerate(loaded[1:], start=2):
            code = sum(n for _, n in scripts)
            assert code <= PER_FIGURE_BUDGET_BYTES * len(results[run - 1]), (
                f"{name}, Run All {run}: {code} bytes of scripts for its figures"
            )

        # Moving each explorer's first slider changes what its figure plots.
        notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        cells = notebook.locator(".jp-CodeCell").filter(has=page.locator(".js-plotly-plot"))
        for index in range(cells.count()):
            cell = cells.nth(index)
            handle = cell.locator(".widget-slider .noUi-handle").first
            if not handle.count():
                continue
            before = page.evaluate(FIGURES_JS)[index]["data"]
            cell.evaluate("c => c.scrollIntoView({block: 'center'})")
            handle.scroll_into_view_if_needed()
            handle.click()  # focus the slider's handle where it is, then step it
            for _ in range(3):
                page.keyboard.press("ArrowRight")
            deadline = time.monotonic() + 30
            while page.evaluate(FIGURES_JS)[index]["data"] == before:
                if time.monotonic() > deadline:
                    page.keyboard.press("Home")  # a slider that started at its top end
                    time.sleep(2)
                    break
                time.sleep(0.2)
            after = page.evaluate(FIGURES_JS)[index]
            assert after["drawn"], f"{name}: explorer {index} drawn blank after its slider moved"
            assert after["data"] != before, f"{name}: explorer {index}'s slider changed nothing"
    finally:
        page.close()
        _shut_down_kernels(jupyterlab)


def _shut_down_kernels(base: str) -> None:
    """Stop every kernel the server runs, so chapters do not compete for the CPU."""
    with urllib.request.urlopen(f"{base}/api/sessions", timeout=10) as response:
        sessions = json.load(response)
    for session in sessions:
        request = urllib.request.Request(f"{base}/api/sessions/{session['id']}", method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


def test_plotly_renderer_is_what_jupyterlab_draws_with():
    """The live figure is plotly's JSON mime type, which jupyterlab-plotly renders."""
    from book.widgets import explore_occupancy

    explorer = explore_occupancy()
    explorer.widget()
    (output,) = explorer.plot.outputs
    bundle = output["data"]
    assert "application/vnd.plotly.v1+json" in bundle
    assert len(json.dumps(bundle)) < PER_FIGURE_BUDGET_BYTES
    from jupyter_core.paths import jupyter_path

    renderers = [Path(d) / "jupyterlab-plotly" for d in jupyter_path("labextensions")]
    assert any(r.is_dir() for r in renderers), "plotly's JupyterLab renderer is not installed"
