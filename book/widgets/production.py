"""The production chapter's explorer: enzymes and cofactors -> the synthesis steady state."""

from book.figures.production import production_spec
from book.widgets.live import Explorer


def explore_synthesis(**initial) -> Explorer:
    """Enzyme activities, cofactors, tyrosine and a scenario -> pathway fluxes and stores."""
    return Explorer(production_spec(), **initial)
