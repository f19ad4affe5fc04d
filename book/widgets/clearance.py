"""The clearance chapter's explorer: the reuptake sliders."""

from book.figures.clearance import reuptake_spec
from book.widgets.live import Explorer


def explore_reuptake(**initial) -> Explorer:
    """Block NET (or pick a drug), change firing, enzymes and feedback: NE and its fate."""
    return Explorer(reuptake_spec(), **initial)
