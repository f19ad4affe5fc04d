"""The live front end (ipywidgets + plotly FigureWidget) and the two-front-end display.

``Explorer(spec)`` shows, in Jupyter or Binder, a control for every declared parameter
driving a ``FigureWidget`` that is updated in place; in the HTML book the same cell shows
the spec's static figure (its ``text/html``), chosen by myst-nb's mime priority.
"""

from __future__ import annotations

import html
import math
import os
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go

from book.figures.spec import DATA_KEYS, Choice, ExplorerSpec, Slider, trace_data
from book.widgets.static import figure_html, static_html

#: Set by the book build (``_ext/live_env.py``): only then is the static front end written.
STATIC_FLAG = "NE_BOOK_STATIC"


def building_the_book() -> bool:
    """True in the kernels of the HTML book build, which show the static front end."""
    return bool(os.environ.get(STATIC_FLAG))


def control_for(parameter: Slider | Choice) -> widgets.ValueWidget:
    """An ipywidgets control that cannot leave the parameter's declared range."""
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="min(100%, 34em)")
    if isinstance(parameter, Choice):
        return widgets.Dropdown(
            options=[(parameter.display(o), o) for o in parameter.options],
            value=parameter.default,
            description=parameter.label,
            style=style,
            layout=layout,
        )
    description = f"{parameter.label} ({parameter.unit})" if parameter.unit else parameter.label
    if parameter.log:
        return widgets.FloatLogSlider(
            value=parameter.default,
            base=10,
            min=math.log10(parameter.low),
            max=math.log10(parameter.high),
            step=parameter.step,
            description=description,
            readout_format=".3g",
            style=style,
            layout=layout,
        )
    return widgets.FloatSlider(
        value=parameter.default,
        min=parameter.low,
        max=parameter.high,
        step=parameter.step,
        description=description,
        readout_format=".3g",
        style=style,
        layout=layout,
    )


class Explorer:
    """An interactive figure with a live (Jupyter) and a static (HTML book) front end."""

    def __init__(self, spec: ExplorerSpec, **initial: Any) -> None:
        self.spec = spec
        self.values = spec.validate(**initial)
        self._figure: go.FigureWidget | None = None
        self._controls: dict[str, widgets.ValueWidget] = {}
        self._box: widgets.VBox | None = None

    # ----- live front end ---------------------------------------------------------------
    @property
    def figure_widget(self) -> go.FigureWidget:
        if self._figure is None:
            self._figure = go.FigureWidget(self.spec.figure(**self.values))
        return self._figure

    def widget(self) -> widgets.VBox:
        """Controls for every parameter above a FigureWidget that they update in place."""
        if self._box is None:
            for parameter in self.spec.parameters:
                control = control_for(parameter)
                control.value = self.values[parameter.name]
                control.observe(self._on_change, names="value")
                self._controls[parameter.name] = control
            self._box = widgets.VBox(
                [widgets.HTML(f"<b>{self.spec.title}</b>"), *self._controls.values(),
                 self.figure_widget]
            )  # fmt: skip
        return self._box

    def _on_change(self, change: dict[str, Any]) -> None:
        owner = change["owner"]
        name = next(n for n, c in self._controls.items() if c is owner)
        self.update(**{name: change["new"]})

    def update(self, **values: Any) -> None:
        """Validate new values and update the figure's data in place (one batch)."""
        self.values = self.spec.validate(**(self.values | values))
        traces = self.spec.traces(**self.values)
        figure = self.figure_widget
        with figure.batch_update():
            for plotted, trace in zip(figure.data, traces, strict=True):
                for key, value in trace_data(trace).items():
                    if key in DATA_KEYS:
                        plotted[key] = value

    # ----- both front ends in one output -------------------------------------------------
    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        bundle = dict(self.widget()._repr_mimebundle_(include=include, exclude=exclude) or {})
        if building_the_book():  # JupyterLab never shows it, and it takes seconds to write
            bundle["text/html"] = static_html(self.spec)
        bundle["text/plain"] = f"{self.spec.title} (interactive figure)"
        return bundle


class StaticFigure:
    """A plain figure shown live as a FigureWidget in Jupyter and as HTML in the book."""

    def __init__(self, figure: go.Figure, title: str, caption: str = "") -> None:
        self.figure = figure
        self.title = title
        self.caption = caption

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        bundle = dict(go.FigureWidget(self.figure)._repr_mimebundle_() or {})
        bundle["text/html"] = figure_html(self.figure, self.title, html.escape(self.caption))
        bundle["text/plain"] = self.title
        return bundle
