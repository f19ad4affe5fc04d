"""Front ends: each call returns an object that Jupyter shows as live controls and the
HTML book shows as a static, kernel-free plotly figure."""

from book.widgets.live import Explorer, StaticFigure


def explore_occupancy(**initial) -> Explorer:
    """Agonist concentration -> occupancy of alpha-1A, alpha-2A, beta-1 and beta-2."""
    from book.figures.occupancy import occupancy_spec

    return Explorer(occupancy_spec(), **initial)


def explorers() -> dict:
    """Every explorer in the book by name (for the benchmark and the tests)."""
    return {"occupancy": explore_occupancy}


__all__ = ["Explorer", "StaticFigure", "explore_occupancy", "explorers"]
