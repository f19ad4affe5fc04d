"""Plotly figure builders: model results -> ``go.Figure`` (no ipywidgets here)."""

from book.figures.spec import Choice, ExplorerSpec, Slider

__all__ = ["Choice", "ExplorerSpec", "Slider"]
