"""Serve every script a page needs from the book's own ``_static/`` (no CDN, no inlining).

* plotly.js is copied once from the installed plotly package and loaded on every page, so
  figures can be written with ``include_plotlyjs=False`` (a few KB each instead of 4.9 MB).
* MathJax 3 comes from ``sphinx-mathjax-offline`` (listed in ``_config.yml``).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import plotly

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _add_plotly(app) -> None:
    if app.builder.format == "html":
        app.add_js_file("plotly.min.js", priority=400)


def _copy_plotly(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        target = Path(app.outdir) / "_static"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PLOTLY_JS, target / "plotly.min.js")


def _tidy_page_scripts(app, pagename, templatename, context, doctree) -> None:
    """Drop embedded widget state and twice-emitted scripts; fix two accessibility faults.

    The HTML book shows each figure's static front end, so the saved widget state (several MB
    of JavaScript per page, for widgets no page manager would draw) is dead weight; and
    sphinx-thebe registers its config script twice ("THEBE_JS_URL has already been declared").
    """
    body = context.get("body")
    if isinstance(body, str):
        # docutils marks the bibliography as a list whose entries are not list items, which
        # screen readers and axe-core reject (aria-required-children): drop the list role.
        body = body.replace(
            '<div role="list" class="citation-list">', '<div class="citation-list">'
        )
        # Code blocks scroll sideways on a phone: make them reachable by keyboard before any
        # theme script runs (axe-core: scrollable-region-focusable).
        context["body"] = re.sub(r"<pre(?![^>]*tabindex)", '<pre tabindex="0"', body)
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple] = set()
    kept = []
    for script in scripts:
        attributes = getattr(script, "attributes", {}) or {}
        if attributes.get("type") == "application/vnd.jupyter.widget-state+json":
            continue
        # Inline scripts are registered with filename None or "": compare their bodies.
        name = "" if attributes.get("body") else str(getattr(script, "filename", script))
        key = (name, tuple(sorted((k, str(v)) for k, v in attributes.items())))
        if key in seen:
            continue
        seen.add(key)
        kept.append(script)
    scripts[:] = kept


def setup(app):
    app.connect("builder-inited", _add_plotly)
    app.connect("build-finished", _copy_plotly)
    app.connect("html-page-context", _tidy_page_scripts, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
