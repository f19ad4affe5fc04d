"""The circulation chapter's explorer and its steady-state figure."""

from book.figures.circulation import infusion_spec, steady_state_figure
from book.widgets.live import Explorer, StaticFigure


def explore_infusion(**initial) -> Explorer:
    """Drug and plasma concentration -> pressure, heart rate and resistance over an infusion."""
    return Explorer(infusion_spec(), **initial)


def show_steady_states() -> StaticFigure:
    """Mean pressure, heart rate and resistance at steady state for the four agonists."""
    return StaticFigure(steady_state_figure(), "Four agonists at steady state (model)")
