"""Numbers for a chapter's prose: computed by the models, glued into the text by myst-nb.

A chapter's first (hidden) cell calls ``glue("name", value)`` for every number its text
quotes, and the text writes ``{glue:text}`name:.0f` ``, so no model number is typed by hand.
"""

from __future__ import annotations

from numbers import Real


def glue(name: str, value: object, display: bool = False) -> None:
    """Glue ``value`` under ``name`` (numbers as plain floats, so format specs apply)."""
    from myst_nb import glue as myst_glue  # the book's build tool, needed only in chapters

    if isinstance(value, Real) and not isinstance(value, bool):
        value = float(value)
    myst_glue(name, value, display=display)
