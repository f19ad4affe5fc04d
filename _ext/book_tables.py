"""Tables: a deferred script marks the table wrappers that scroll sideways (see book.css).

Every table sits in a wrapper that scrolls sideways (``.ne-table-wrap`` for the generated
tables, the theme's ``.pst-scrollable-table-container`` for MyST tables). ``book-tables.js``
gives the ones whose table is wider than the page the class ``ne-overflowing``, and book.css
then shows a "scroll sideways" hint above them; a table that fits shows none.
"""

from __future__ import annotations

import shutil
from pathlib import Path

TABLE_SCRIPT = "book-tables.js"
ASSETS = Path(__file__).resolve().parent / "assets"


def _add_table_script(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if app.builder.format == "html" and isinstance(body, str) and "<table" in body:
        app.add_js_file(TABLE_SCRIPT, priority=600, defer="defer")


def _copy_script(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        target = Path(app.outdir) / "_static"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ASSETS / TABLE_SCRIPT, target / TABLE_SCRIPT)


def setup(app):
    app.connect("html-page-context", _add_table_script, priority=800)
    app.connect("build-finished", _copy_script)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
