"""The signalling chapter's explorer: a drug exposure -> receptor states and the response."""

from book.figures.signalling import furchgott_figure, signalling_spec
from book.widgets.live import Explorer, StaticFigure


def explore_signalling(**initial) -> Explorer:
    """Scenario, exposure (h) and every model parameter -> receptor states, responses over
    time and the concentration-response curve before and just after the exposure."""
    return Explorer(signalling_spec(), **initial)


def show_furchgott() -> StaticFigure:
    """Concentration-response curves as an irreversible antagonist removes receptors."""
    return StaticFigure(furchgott_figure(), "Receptor reserve and an irreversible antagonist")
