"""Tell the chapters' kernels that the HTML book is being built.

``book.widgets.live.Explorer`` writes its static front end (every slider step precomputed,
several seconds for the larger explorers) only when ``NE_BOOK_STATIC`` is set: the HTML book
needs it, while JupyterLab, Binder and nbval show the live widget and never read it. Kernels
that myst-nb starts during the build inherit this process's environment.
"""

from __future__ import annotations

import os

STATIC_FLAG = "NE_BOOK_STATIC"


def setup(app):
    os.environ[STATIC_FLAG] = "1"
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
