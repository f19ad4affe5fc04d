"""One description of an interactive figure, and its static (no-kernel) front end.

An :class:`ExplorerSpec` declares each parameter once (:class:`Slider` or :class:`Choice`)
and one function from parameter values to plotly trace dicts. From it come

* :meth:`ExplorerSpec.figure`: the figure for any parameter values (the live front end in
  ``book.widgets`` updates a ``FigureWidget`` from the same trace dicts), and
* :meth:`ExplorerSpec.static_figure`: the same figure carrying a plotly slider over a grid of
  one parameter and, optionally, a dropdown over one choice, with every step's traces
  precomputed, so the hosted HTML book responds with no kernel.

The trace function must return the same number and kind of traces for every parameter
value; only the data keys in :data:`DATA_KEYS` may change between values.
"""

from __future__ import annotations

import hashlib
import html
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import plotly.graph_objects as go

from book.models.validation import check_choice, check_number

#: Trace attributes that may change with the parameters (everything else is fixed).
DATA_KEYS: tuple[str, ...] = ("x", "y", "z", "text", "customdata", "base", "marker.color")


@dataclass(frozen=True)
class Slider:
    """A numeric parameter: range [low, high] in ``unit``; ``log`` for a log10 slider."""

    name: str
    label: str
    unit: str
    low: float
    high: float
    step: float
    default: float
    log: bool = False

    def __post_init__(self) -> None:
        if not self.low < self.high or not self.low <= self.default <= self.high:
            raise ValueError(f"{self.name}: need low < high and default inside [low, high]")
        if self.log and self.low <= 0:
            raise ValueError(f"{self.name}: a log slider needs low > 0")

    def validate(self, value: object) -> float:
        """The value as a float, or ``ValueError`` naming this parameter and its range."""
        return check_number(self.name, value, self.low, self.high)

    def grid(self, steps: int) -> np.ndarray:
        """``steps`` values spanning the range (log-spaced for log sliders) plus the default."""
        if self.log:
            # Round numbers a reader recognises: 1-2-5 per decade, or 1-1.5-2-3-5-7.
            mantissas = (1, 2, 5) if steps <= 20 else (1, 1.5, 2, 3, 5, 7)
            decades = range(math.floor(math.log10(self.low)), math.ceil(math.log10(self.high)) + 1)
            values = np.array([m * 10.0**d for d in decades for m in mantissas])
            values = values[(values >= self.low * (1 - 1e-9)) & (values <= self.high * (1 + 1e-9))]
        else:
            values = np.linspace(self.low, self.high, steps)
        values = np.array([float(f"{v:.3g}") for v in values])
        values = np.clip(values, self.low, self.high)
        return np.unique(np.append(values, self.default))


def format_number(value: float) -> str:
    """Three significant figures without exponents: 0.15, 2.5, 630, 6,300, 100,000."""
    if abs(value) >= 1000:
        return f"{float(f'{value:.3g}'):,.0f}"
    return f"{value:.3g}"


@dataclass(frozen=True)
class Choice:
    """A categorical parameter; ``labels`` maps option ids to display text."""

    name: str
    label: str
    options: tuple[str, ...]
    default: str
    labels: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.default not in self.options:
            raise ValueError(f"{self.name}: default {self.default!r} is not an option")

    def validate(self, value: object) -> str:
        """The value if it is an option, or ``ValueError`` naming this parameter."""
        return check_choice(self.name, value, self.options)

    def display(self, option: str) -> str:
        return self.labels.get(option, option)


Parameter = Slider | Choice
TraceFunction = Callable[..., list[dict[str, Any]]]


@dataclass(frozen=True)
class ExplorerSpec:
    """An interactive figure: parameters declared once, one trace function, one layout."""

    title: str
    parameters: tuple[Parameter, ...]
    traces: TraceFunction
    base_figure: Callable[[], go.Figure]
    static_slider: str
    static_choice: str | None = None
    static_steps: int = 25
    significant_digits: int = 4
    caption: str = ""
    #: The first ``shared_traces`` traces never change with the static slider or menu (a large
    #: heat map, say): the static figure stores them once, always visible.
    shared_traces: int = 0
    #: Overrides for the static slider's and menu's plotly dicts (e.g. where they sit).
    slider_layout: Mapping[str, Any] = field(default_factory=dict)
    menu_layout: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        names = [p.name for p in self.parameters]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.title}: parameter names must be unique")
        if not isinstance(self.parameter(self.static_slider), Slider):
            raise ValueError(f"{self.title}: static_slider must name a Slider")
        if self.static_choice is not None and not isinstance(
            self.parameter(self.static_choice), Choice
        ):
            raise ValueError(f"{self.title}: static_choice must name a Choice")

    def parameter(self, name: str) -> Parameter:
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        raise ValueError(f"unknown parameter {name!r}; use one of {self.names}")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parameters)

    @property
    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.parameters}

    def validate(self, **values: Any) -> dict[str, Any]:
        """Defaults overridden by ``values``, each checked against its declared range."""
        unknown = set(values) - set(self.names)
        if unknown:
            raise ValueError(f"unknown parameter {sorted(unknown)[0]!r}; use one of {self.names}")
        merged = self.defaults | values
        return {p.name: p.validate(merged[p.name]) for p in self.parameters}

    def trace_dicts(self, **values: Any) -> list[dict[str, Any]]:
        """The validated trace dicts for these parameter values."""
        return self.traces(**self.validate(**values))

    def figure(self, **values: Any) -> go.Figure:
        """The figure for these parameter values (defaults for the rest)."""
        fig = self.base_figure()
        fig.add_traces(self.trace_dicts(**values))
        return fig

    # ----- static front end ------------------------------------------------------------
    def static_figure(self) -> go.Figure:
        """The figure with a precomputed slider (and menu) that needs no kernel.

        Every slider step restyles the changing traces of every menu option, so the menu can
        switch options at any slider position; the menu only toggles which option's traces
        are visible. The first ``shared_traces`` traces are stored once.
        """
        slider = self.parameter(self.static_slider)
        assert isinstance(slider, Slider)
        choice = self.parameter(self.static_choice) if self.static_choice else None
        options: tuple[str | None, ...] = choice.options if isinstance(choice, Choice) else (None,)
        shared = self.shared_traces

        def values_for(option: str | None, slider_value: float) -> dict[str, Any]:
            values: dict[str, Any] = {slider.name: float(slider_value)}
            if isinstance(choice, Choice):
                values[choice.name] = option
            return values

        def changing_traces(option: str | None, value: float) -> list[dict[str, Any]]:
            return [
                _rounded_trace(trace, self.significant_digits)
                for trace in self.trace_dicts(**values_for(option, value))[shared:]
            ]

        grid = slider.grid(self.static_steps)
        active = int(np.argmin(np.abs(grid - slider.default)))
        default_option = choice.default if isinstance(choice, Choice) else None

        fig = self.base_figure()
        for trace in self.trace_dicts(**values_for(default_option, grid[active]))[:shared]:
            fig.add_trace(_rounded_trace(trace, self.significant_digits))
        per_option = None
        for option in options:
            traces = changing_traces(option, grid[active])
            per_option = per_option or len(traces)
            if len(traces) != per_option:
                raise ValueError(f"{self.title}: every option must give the same trace count")
            for trace in traces:
                fig.add_trace(dict(trace, visible=option == default_option))

        step_data = [
            [_data_of(trace) for option in options for trace in changing_traces(option, value)]
            for value in grid
        ]
        changing = [
            key
            for key in DATA_KEYS
            if any(_differs(step, step_data[active], key) for step in step_data)
        ]
        indices = list(range(shared, len(fig.data)))
        steps = [
            {
                "method": "restyle",
                "label": format_number(value),
                "args": [{key: [d.get(key) for d in data] for key in changing}, indices],
            }
            for value, data in zip(grid, step_data, strict=True)
        ]
        fig.update_layout(
            sliders=[
                {
                    "active": active,
                    "currentvalue": {"prefix": f"{slider.label}: ", "suffix": f" {slider.unit}"},
                    "pad": {"t": 40},
                    "steps": steps,
                    "name": slider.name,
                }
                | dict(self.slider_layout)
            ]
        )
        if isinstance(choice, Choice):
            buttons = [
                {
                    "method": "restyle",
                    "label": choice.display(option),
                    "args": [
                        {"visible": [o == option for o in options for _ in range(per_option)]},
                        indices,
                    ],
                }
                for option in options
            ]
            # Just above the plot area, whatever the figure's height, in a top margin
            # tall enough to hold it.
            top = fig.layout.margin.t if fig.layout.margin.t is not None else 0
            fig.update_layout(margin={"t": max(top, 100)})
            fig.update_layout(
                updatemenus=[
                    {
                        "buttons": buttons,
                        "active": options.index(choice.default),
                        "direction": "down",
                        "x": 0.0,
                        "xanchor": "left",
                        "y": 1.0,
                        "yanchor": "bottom",
                        "pad": {"b": 34},
                        "name": choice.name,
                    }
                    | dict(self.menu_layout)
                ]
            )
        return fig

    def static_html(self) -> str:
        """The static figure as an HTML fragment; plotly.js comes from the page (``_static``)."""
        fig = self.static_figure()
        digest = hashlib.sha1(self.title.encode()).hexdigest()[:8]
        div = fig.to_html(
            full_html=False,
            include_plotlyjs=False,
            div_id=f"explorer-{digest}",
            config={"responsive": True, "displaylogo": False},
        )
        caption = html.escape(self.caption) if self.caption else ""
        note = (
            "Static version: move the slider"
            + (" or pick from the menu" if self.static_choice else "")
            + ". Launch the page in Binder or JupyterLab for every parameter."
        )
        return (
            f'<figure class="ne-explorer" aria-label="{html.escape(self.title)}">{div}'
            f"<figcaption>{caption} <em>{note}</em></figcaption></figure>"
        )


def _round_sig(values: Any, digits: int) -> Any:
    array = np.asarray(values)
    if array.dtype.kind not in "fi" or array.size == 0:
        return values
    array = array.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        magnitude = np.where(array == 0, 0, np.floor(np.log10(np.abs(array))))
    factor = 10.0 ** (digits - 1 - magnitude)
    rounded = np.round(array * factor) / factor
    return rounded.tolist() if array.ndim else float(rounded)


def _rounded_trace(trace: dict[str, Any], digits: int) -> dict[str, Any]:
    trace = dict(trace)
    for key in ("x", "y", "z", "base", "customdata"):
        if key in trace:
            trace[key] = _round_sig(trace[key], digits)
    if isinstance(trace.get("marker"), dict) and "color" in trace["marker"]:
        trace["marker"] = dict(trace["marker"])
        trace["marker"]["color"] = _round_sig(trace["marker"]["color"], digits)
    return trace


def _data_of(trace: dict[str, Any]) -> dict[str, Any]:
    """The changeable data of a trace dict, keyed as plotly's restyle expects."""
    data = {key: trace[key] for key in DATA_KEYS if key in trace}
    marker = trace.get("marker")
    if isinstance(marker, dict) and "color" in marker:
        data["marker.color"] = marker["color"]
    return {key: _listify(value) for key, value in data.items()}


def _listify(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, tuple):
        return list(value)
    return value


def _differs(step: list[dict[str, Any]], reference: list[dict[str, Any]], key: str) -> bool:
    return any(a.get(key) != b.get(key) for a, b in zip(step, reference, strict=True))
