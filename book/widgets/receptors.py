"""The receptors chapter's explorers: the receptor x drug matrix and the Schild shift."""

from book.figures.receptors import efficacy_figure, matrix_spec, schild_spec
from book.widgets.live import Explorer, StaticFigure


def explore_matrix(**initial) -> Explorer:
    """Drug (menu) and concentration (nM) -> sourced affinities and occupancy of 12 targets."""
    return Explorer(matrix_spec(), **initial)


def explore_schild(**initial) -> Explorer:
    """Antagonist concentration (nM) -> parallel rightward shift of the norepinephrine curve."""
    return Explorer(schild_spec(), **initial)


def show_efficacy() -> StaticFigure:
    """Four ligands with one affinity and different efficacies (illustrative parameters)."""
    return StaticFigure(
        efficacy_figure(),
        "Same affinity, different efficacy",
        "Four ligands that occupy receptors alike (grey dashes) but differ in efficacy τ: a "
        "full agonist (large τ) gives a full response at low occupancy; an antagonist (τ = 0) "
        "gives none. Hover a line to compare occupancy and response at one concentration.",
    )
