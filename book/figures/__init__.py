"""Plotly figure builders: model results -> ``go.Figure`` (no ipywidgets here)."""

from book.explorer import Choice, ExplorerSpec, Slider, StaticGrid

__all__ = ["Choice", "ExplorerSpec", "Slider", "StaticGrid"]
