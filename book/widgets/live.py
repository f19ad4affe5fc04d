"""The live front end (ipywidgets controls + a plotly figure) and the two-front-end display.

``Explorer(spec)`` shows, in Jupyter or Binder, a control for every declared parameter
driving a plotly figure; in the HTML book the same cell shows the spec's static figure (its
``text/html``), chosen by myst-nb's mime priority.

The live figure is not a ``FigureWidget``: each of those ships all of plotly.js (about 5 MB)
to the browser again. It is an ipywidgets ``Output`` holding the figure as plotly's JSON
mime type, which JupyterLab draws with the ``jupyterlab-plotly`` renderer that comes with
plotly's wheel: plotly.js is loaded once per JupyterLab page, each figure costs only its
JSON, and the data arrive with the output itself (no widget handshake, so no blank figure).
"""

from __future__ import annotations

import html
import json
import math
import os
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go

from book.explorer import DATA_KEYS, Choice, ExplorerSpec, Slider, is_active, trace_data
from book.figures.style import format_number
from book.widgets.static import figure_html, static_html

#: Set by the book build (``_ext/live_env.py``): only then is the static front end written.
STATIC_FLAG = "NE_BOOK_STATIC"


def building_the_book() -> bool:
    """True in the kernels of the HTML book build, which show the static front end."""
    return bool(os.environ.get(STATIC_FLAG))


#: Every control's label column, so the sliders of one explorer line up.
LABEL_WIDTH = "12em"


def readout_format(step: float) -> str:
    """A linear slider's readout as a reader writes numbers: thousands grouped, as many
    decimals as the step needs, never an exponent (50,100 not 5.01e+4; d3-format)."""
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step > 0 else 0
    return f",.{decimals}f"


def _log_slider_options(parameter: Slider, start: float) -> list[tuple[str, float]]:
    """(readout, value) for a log slider: round values over its range (1-1.5-2-3-5-7 per
    decade) with the default and the starting value themselves, so the control starts
    exactly where it was asked to."""
    suffix = f" {parameter.unit}" if parameter.unit else ""
    values = sorted({float(v) for v in parameter.grid(100)} | {float(start)})
    return [(f"{format_number(v)}{suffix}", v) for v in values]


def control_for(parameter: Slider | Choice, value: Any = None) -> widgets.ValueWidget:
    """An ipywidgets control that cannot leave the parameter's declared range, starting at
    ``value`` (by default the parameter's default)."""
    value = parameter.default if value is None else value
    style = {"description_width": LABEL_WIDTH}
    layout = widgets.Layout(width="100%")
    if isinstance(parameter, Choice):
        return widgets.Dropdown(
            options=[(parameter.display(o), o) for o in parameter.options],
            value=value,
            description=parameter.label,
            style=style,
            layout=layout,
        )
    description = f"{parameter.label} ({parameter.unit})" if parameter.unit else parameter.label
    if parameter.log:
        return widgets.SelectionSlider(
            options=_log_slider_options(parameter, value),
            value=float(value),
            description=description,
            continuous_update=True,
            style=style,
            layout=layout,
        )
    return widgets.FloatSlider(
        value=value,
        min=parameter.low,
        max=parameter.high,
        step=parameter.step,
        description=description,
        readout_format=readout_format(parameter.step),
        style=style,
        layout=layout,
    )


def plotly_output(figure: go.Figure) -> dict[str, Any]:
    """``figure`` as one output for JupyterLab's plotly renderer (JSON, no plotly.js).

    The bundle plotly's ``plotly_mimetype`` renderer writes, built directly: importing
    ``plotly.io``'s renderers pulls in nbformat and jsonschema (about 3 s on a first display).
    """
    bundle = {"application/vnd.plotly.v1+json": json.loads(figure.to_json(validate=False))}
    title = figure.layout.title.text or "plotly figure"
    return {"output_type": "display_data", "data": bundle | {"text/plain": title},
            "metadata": {}}  # fmt: skip


def _labelled(parameter: Slider | Choice, control: widgets.ValueWidget) -> widgets.Widget:
    """The control, with its hint (what a unitless number means) in small text under it."""
    control.tooltip = parameter.hint or None
    if not parameter.hint:
        return control
    note = widgets.HTML(
        f'<small style="color: var(--jp-ui-font-color2, #555)">{html.escape(parameter.hint)}'
        "</small>",
        layout=widgets.Layout(margin=f"-4px 0 4px {LABEL_WIDTH}"),
    )
    return widgets.VBox([control, note], layout=widgets.Layout(width="100%"))


class Explorer:
    """An interactive figure with a live (Jupyter) and a static (HTML book) front end."""

    def __init__(self, spec: ExplorerSpec, **initial: Any) -> None:
        self.spec = spec
        self.values = spec.validate(**initial)
        self._figure: go.Figure | None = None
        self._controls: dict[str, widgets.ValueWidget] = {}
        self._box: widgets.VBox | None = None
        self.plot = widgets.Output(layout=widgets.Layout(width="100%"))
        self._moving_controls = False  # True while a menu's preset moves other controls

    # ----- live front end ---------------------------------------------------------------
    @property
    def figure(self) -> go.Figure:
        """The figure for the current values (updated in place as the controls move)."""
        if self._figure is None:
            self._figure = self.spec.figure(**self.values)
        return self._figure

    def widget(self) -> widgets.VBox:
        """Controls for every parameter above the figure (:attr:`plot`) that they redraw."""
        if self._box is None:
            rows = []
            for parameter in self.spec.parameters:
                control = control_for(parameter, self.values[parameter.name])
                control.observe(self._on_change, names="value")
                self._controls[parameter.name] = control
                rows.append(_labelled(parameter, control))
            self._enable_controls()
            # Two columns of controls where the notebook is wide enough, one on a narrow
            # screen, all of one width; the figure just under them.
            controls = widgets.GridBox(
                rows,
                layout=widgets.Layout(
                    grid_template_columns="repeat(auto-fill, minmax(26em, 1fr))",
                    grid_gap="2px 24px",
                    width="100%",
                ),
            )
            self._box = widgets.VBox(
                [widgets.HTML(f"<b>{html.escape(self.spec.title)}</b>"), controls, self.plot]
            )
            self.plot.outputs = (plotly_output(self.figure),)
        return self._box

    def _enable_controls(self) -> None:
        """Disable each control that does nothing with the current values."""
        for parameter in self.spec.parameters:
            control = self._controls.get(parameter.name)
            if control is not None:
                control.disabled = not is_active(parameter, self.values)

    def _on_change(self, change: dict[str, Any]) -> None:
        if self._moving_controls:
            return
        owner = change["owner"]
        name = next(n for n, c in self._controls.items() if c is owner)
        if self._has_presets(name):
            self.choose(name, change["new"])
        else:
            self.update(**{name: change["new"]})

    def _has_presets(self, name: str) -> bool:
        parameter = self.spec.parameter(name)
        return isinstance(parameter, Choice) and bool(parameter.presets)

    def choose(self, name: str, option: Any) -> None:
        """Choose a menu option: the controls its preset names move to the preset's values
        (so a scenario never leaves a slider at a stale value), then the figure updates."""
        values = self.spec.choose(self.values, name, option)
        self._moving_controls = True
        try:
            for other, control in self._controls.items():
                if control.value != values[other]:
                    if isinstance(control, widgets.SelectionSlider):  # a log slider
                        parameter = self.spec.parameter(other)
                        control.options = _log_slider_options(parameter, values[other])
                    control.value = values[other]
        finally:
            self._moving_controls = False
        self.update(**values)

    def update(self, **values: Any) -> None:
        """Validate new values, update the figure's data in place and redraw it."""
        self.values = self.spec.validate(**(self.values | values))
        self._enable_controls()
        traces = self.spec.traces(**self.values)
        figure = self.figure
        with figure.batch_update():
            for plotted, trace in zip(figure.data, traces, strict=True):
                for key, value in trace_data(trace).items():
                    if key in DATA_KEYS:
                        plotted[key] = value
        if self._box is not None:
            self.plot.outputs = (plotly_output(figure),)

    # ----- both front ends in one output -------------------------------------------------
    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        bundle = dict(self.widget()._repr_mimebundle_(include=include, exclude=exclude) or {})
        if building_the_book():  # JupyterLab never shows it, and it takes seconds to write
            bundle["text/html"] = static_html(self.spec)
        bundle["text/plain"] = f"{self.spec.title} (interactive figure)"
        return bundle


class StaticFigure:
    """A plain figure: plotly's JSON for JupyterLab's renderer, and HTML in the book."""

    def __init__(self, figure: go.Figure, title: str, caption: str = "") -> None:
        self.figure = figure
        self.title = title
        self.caption = caption

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        if building_the_book():  # the book shows the HTML; myst-nb knows no plotly mime type
            bundle = {"text/html": figure_html(self.figure, self.title, html.escape(self.caption))}
        else:  # JupyterLab draws plotly's JSON with the page's one plotly.js
            bundle = dict(plotly_output(self.figure)["data"])
        bundle["text/plain"] = self.title
        return bundle
