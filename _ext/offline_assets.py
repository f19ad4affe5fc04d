"""Serve every script a page needs from the book's own ``_static/`` (no CDN, no inlining).

* plotly.js is the partial ``plotly.js-cartesian-dist-min`` bundle vendored in
  ``_ext/assets/`` (the same plotly.js version as the installed plotly.py; see its README),
  loaded with ``book-figures.js`` only on pages whose body holds a figure, both deferred so
  the text never waits for them. ``book-figures.js`` draws each figure as it nears the
  viewport from the JSON :func:`book.widgets.static.figure_html` writes.
* MathJax 3 comes from ``sphinx-mathjax-offline`` (listed in ``_config.yml``), but not as
  its single-file ``tex-chtml.js`` (1.16 MB, most of it the contextual menu): Sphinx's
  ``mathjax_path`` (added, deferred, only to pages with math) is ``book-math.js``, which adds
  MathJax's ``startup.js`` once math comes near the viewport and, on a page with figures,
  after the first figure is drawn; ``startup.js`` then loads only the components named in
  :data:`MATHJAX_COMPONENTS` (TeX with the AMS environments, CommonHTML output, the hidden
  MathML copy screen readers read), about 0.78 MB with the fonts a page uses.
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
MATH_SCRIPT = "book-math.js"
# What startup.js loads (paths inside sphinx-mathjax-offline's static/mathjax/): TeX input
# with the packages the book's math uses (split and aligned are AMS environments; \tfrac is
# AMS), CommonHTML output and its TeX fonts, and a visually hidden MathML copy of each
# formula for screen readers (a11y/assistive-mml; the contextual menu is left out).
MATHJAX_COMPONENTS = [
    "input/tex-base",
    "[tex]/ams",
    "[tex]/noundefined",
    "output/chtml",
    "a11y/assistive-mml",
]
MATHJAX_TEX_PACKAGES = ["base", "ams", "noundefined"]
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
# pydata-sphinx-theme's layout loads Sphinx's search tools and the whole search index
# (0.14 MB, blocking, in <head>) on every page for its search-as-you-type box; with that
# option off (the default, and this book's setting) only search.html uses them, and that
# page loads them itself.
# One icon's glyph rule in the minified Font Awesome CSS, e.g.
# .fa-github-square:before,.fa-square-github:before{content:"\f092"}
ICON_RULE = re.compile(r'((?:\.fa-[\w-]+:(?::)?before,?)+)\{content:"[^"]*"\}')
ICON_NAME = re.compile(r"\bfa-[a-z0-9-]+")
SEARCH_SCRIPTS = re.compile(
    r'\s*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)">'
    r"</script>"
)


def _copy_assets(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        target = Path(app.outdir) / "_static"
        target.mkdir(parents=True, exist_ok=True)
        for name in (
            PLOTLY_BUNDLE,
            FIGURE_SCRIPT,
            MATH_SCRIPT,
            "plotly.js-LICENSE.txt",
            ICON_STYLESHEET,
            "fontawesome-LICENSE.txt",
        ):
            shutil.copyfile(ASSETS / name, target / name)
        _keep_used_icons(Path(app.outdir), target / ICON_STYLESHEET)
        search_as_you_type = (app.config.html_theme_options or {}).get("search_as_you_type")
        _drop_unused_scripts(Path(app.outdir), keep_search=bool(search_as_you_type))


def _keep_used_icons(outdir: Path, stylesheet: Path) -> None:
    """Keep only the glyph rules of the icons a page or a theme script names (0.1 -> 0.01 MB).

    Every ``fa-...`` name in the written HTML and in the scripts under ``_static/`` counts
    (pydata-sphinx-theme.js adds ``fa-xmark`` to the search box, for instance); the base,
    size and animation rules and the @font-face rules are all kept.
    """
    used: set[str] = set()
    for path in [*outdir.rglob("*.html"), *(outdir / "_static").rglob("*.js")]:
        if path.name in (PLOTLY_BUNDLE,) or "mathjax" in path.parts:
            continue
        used.update(ICON_NAME.findall(path.read_text(encoding="utf-8", errors="replace")))

    def keep(match: re.Match) -> str:
        selectors = [s for s in match.group(1).rstrip(",").split(",") if s]
        kept = [s for s in selectors if s.split(":")[0][1:] in used]
        return ",".join(kept) + match.group(0)[len(match.group(1)) :] if kept else ""

    css = stylesheet.read_text(encoding="utf-8")
    stylesheet.write_text(ICON_RULE.sub(keep, css), encoding="utf-8")


def _drop_unused_scripts(outdir: Path, keep_search: bool) -> None:
    """Remove the theme's Font Awesome SVG+JS script and unused search scripts from pages."""
    for page in outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        tidy = FONTAWESOME_SCRIPT.sub("", text)
        if not keep_search and page.name != "search.html":
            tidy = SEARCH_SCRIPTS.sub("", tidy)
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


def _configure_mathjax(app) -> None:
    """Point Sphinx's MathJax tag at book-math.js and name the components startup.js loads.

    Runs after sphinx-mathjax-offline (which sets ``mathjax_path`` in its setup) and after
    myst-parser has added its ``processHtmlClass`` option to ``mathjax3_config``.
    """
    app.config.mathjax_path = MATH_SCRIPT
    config = dict(app.config.mathjax3_config or {})
    config["loader"] = {**config.get("loader", {}), "load": MATHJAX_COMPONENTS}
    tex = dict(config.get("tex", {}))
    tex["packages"] = MATHJAX_TEX_PACKAGES
    config["tex"] = tex
    app.config.mathjax3_config = config


def setup(app):
    app.add_css_file(ICON_STYLESHEET)
    app.connect("builder-inited", _configure_mathjax, priority=900)
    app.connect("build-finished", _copy_assets)
    app.connect("html-page-context", _add_figure_scripts, priority=800)
    app.connect("html-page-context", _tidy_page_scripts, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
