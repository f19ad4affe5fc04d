"""Serve every script a page needs from the book's own ``_static/`` (no CDN, no inlining).

* plotly.js is the partial ``plotly.js-cartesian-dist-min`` bundle vendored in
  ``_ext/assets/`` (the same plotly.js version as the installed plotly.py; see its README),
  loaded with ``book-figures.js`` only on pages whose body holds a figure, both deferred so
  the text never waits for them. ``book-figures.js`` draws each figure as it nears the
  viewport from the JSON :func:`book.widgets.static.figure_html` writes.
* MathJax 3 comes from ``sphinx-mathjax-offline`` (listed in ``_config.yml``).
* Icons: the theme's ``scripts/fontawesome.js`` (Font Awesome's SVG+JS build, 1.5 MB on
  every page) is replaced by Font Awesome Free 6.5.2's CSS (``fontawesome-6.5.2.min.css``,
  0.1 MB) drawing the same ``<i class="fa-...">`` icons from the webfonts the theme ships in
  ``_static/vendor/fontawesome/webfonts/``; the browser fetches a font only when a page shows
  one of its glyphs.

The assets are not kept in ``_static/``: Jupyter Book adds every ``.js`` file found there to
every page, in ``<head>`` and blocking.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ASSETS = Path(__file__).resolve().parent / "assets"
PLOTLY_BUNDLE = "plotly-cartesian-4.1.1.min.js"
FIGURE_SCRIPT = "book-figures.js"
# What figure_html writes in the placeholder of every figure; its presence marks a page
# with figures.
FIGURE_MARKER = 'class="plotly-graph-div ne-plot"'
ICON_STYLESHEET = "fontawesome-6.5.2.min.css"
# pydata-sphinx-theme writes this tag from a template macro (static/webpack-macros.html), not
# through Sphinx's script list, so it is removed from the written pages.
FONTAWESOME_SCRIPT = re.compile(
    r"\s*(?:<!-- So that users can add custom icons -->\s*)?"
    r'<script defer src="[^"]*_static/scripts/fontawesome\.js(?:\?digest=\w+)?"></script>'
)


def _copy_assets(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        target = Path(app.outdir) / "_static"
        target.mkdir(parents=True, exist_ok=True)
        for name in (
            PLOTLY_BUNDLE,
            FIGURE_SCRIPT,
            "plotly.js-LICENSE.txt",
            ICON_STYLESHEET,
            "fontawesome-LICENSE.txt",
        ):
            shutil.copyfile(ASSETS / name, target / name)
        _drop_fontawesome_script(Path(app.outdir))


def _drop_fontawesome_script(outdir: Path) -> None:
    """Remove the theme's Font Awesome SVG+JS script from every written page."""
    for page in outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        tidy = FONTAWESOME_SCRIPT.sub("", text)
        if tidy != text:
            page.write_text(tidy, encoding="utf-8")


def _add_figure_scripts(app, pagename, templatename, context, doctree) -> None:
    """Load plotly.js and the figure script, deferred, on the pages that draw a figure."""
    body = context.get("body")
    if app.builder.format == "html" and isinstance(body, str) and FIGURE_MARKER in body:
        # Before MathJax (priority 500) among the deferred scripts, so the first figure is
        # drawn before the math is typeset.
        app.add_js_file(PLOTLY_BUNDLE, priority=450, defer="defer")
        app.add_js_file(FIGURE_SCRIPT, priority=450, defer="defer")


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
    app.add_css_file(ICON_STYLESHEET)
    app.connect("build-finished", _copy_assets)
    app.connect("html-page-context", _add_figure_scripts, priority=800)
    app.connect("html-page-context", _tidy_page_scripts, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
