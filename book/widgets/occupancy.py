"""The front page's explorer: norepinephrine concentration -> adrenoceptor occupancy."""

from book.figures.occupancy import occupancy_spec
from book.widgets.live import Explorer


def explore_occupancy(**initial) -> Explorer:
    """Norepinephrine concentration (nM) -> occupancy of each adrenoceptor with a sourced K."""
    return Explorer(occupancy_spec(), **initial)
