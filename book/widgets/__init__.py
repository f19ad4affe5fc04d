"""Front ends: each ``explore_*`` call returns an object that Jupyter shows as live controls
and the HTML book shows as a static, kernel-free plotly figure.

Every ``explore_*`` function defined in a module of this package is found by
:func:`explorers`, so adding a chapter's explorer means adding a module, nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

from book.widgets.live import Explorer, StaticFigure
from book.widgets.occupancy import explore_occupancy


def explorers() -> dict[str, Callable[..., Explorer]]:
    """Every explorer in the book, by name (``explore_reuptake`` -> ``"reuptake"``)."""
    found: dict[str, Callable[..., Explorer]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name, value in vars(module).items():
            if (
                name.startswith("explore_")
                and callable(value)
                and value.__module__ == module.__name__
            ):
                found[name.removeprefix("explore_")] = value
    return found


__all__ = ["Explorer", "StaticFigure", "explore_occupancy", "explorers"]
