"""The signalling chapter's explorer: a drug exposure -> receptor states and the response."""

from book.figures.signalling import signalling_spec
from book.widgets.live import Explorer


def explore_signalling(**initial) -> Explorer:
    """Scenario, exposure (h) and every model parameter -> receptor states, responses over
    time and the concentration-response curve before and just after the exposure."""
    return Explorer(signalling_spec(), **initial)
