"""The arousal chapter's explorers: the inverted U and adaptive gain."""

from book.figures.arousal import adaptive_gain_spec, arousal_spec
from book.widgets.live import Explorer


def explore_arousal(**initial) -> Explorer:
    """Stress, drugs and receptor constants: where a person sits on the inverted U."""
    return Explorer(arousal_spec(), **initial)


def explore_adaptive_gain(**initial) -> Explorer:
    """Tonic locus coeruleus firing against phasic responsiveness (illustrative)."""
    return Explorer(adaptive_gain_spec(), **initial)
