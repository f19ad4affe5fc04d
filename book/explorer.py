"""One description of an interactive figure, and its static (no-kernel) front end.

An :class:`ExplorerSpec` declares each parameter once (:class:`Slider` or :class:`Choice`)
and one function from parameter values to plotly trace dicts. From it come

* :meth:`ExplorerSpec.figure`: the figure for any parameter values (the live front end in
  ``book.widgets`` redraws from the same trace dicts), and
* :func:`book.widgets.static.static_figure`: the same figure carrying a plotly slider over a
  grid of one parameter and, optionally, a dropdown over one choice, with every step's traces
  precomputed, so the hosted HTML book responds with no kernel.

The trace function must return the same number and kind of traces for every parameter
value; only the data keys in :data:`DATA_KEYS` may change between values.
"""

from __future__ import annotations

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
    """A numeric parameter: range [low, high] in ``unit``; ``log`` for a log10 slider.

    ``hint`` says what a unitless number means (a reader sees it beside the control);
    ``inactive_when`` maps another parameter's name to the values for which this one does
    nothing (the live front end then disables its control).
    """

    name: str
    label: str
    unit: str
    low: float
    high: float
    step: float
    default: float
    log: bool = False
    hint: str = ""
    inactive_when: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)

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


@dataclass(frozen=True)
class Choice:
    """A categorical parameter; ``labels`` maps option ids to display text."""

    name: str
    label: str
    options: tuple[str, ...]
    default: str
    labels: Mapping[str, str] = field(default_factory=dict)
    hint: str = ""
    inactive_when: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    #: Values other parameters take when an option is chosen (a scenario moves its sliders):
    #: option -> {parameter name: value}. Both front ends move those controls with the menu.
    presets: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.default not in self.options:
            raise ValueError(f"{self.name}: default {self.default!r} is not an option")

    def validate(self, value: object) -> str:
        """The value if it is an option, or ``ValueError`` naming this parameter."""
        return check_choice(self.name, value, self.options)

    def display(self, option: str) -> str:
        return self.labels.get(option, option)


def is_active(parameter: Slider | Choice, values: Mapping[str, Any]) -> bool:
    """False when the current ``values`` make ``parameter`` do nothing (its ``inactive_when``)."""
    rules = parameter.inactive_when.items()
    return not any(values.get(name) in inactive for name, inactive in rules)


Parameter = Slider | Choice
TraceFunction = Callable[..., list[dict[str, Any]]]


@dataclass(frozen=True)
class StaticGrid:
    """How the static (no-kernel) figure steps through one slider and, optionally, one menu.

    ``steps`` values of the slider ``slider`` (see :meth:`Slider.grid`), each option of the
    :class:`Choice` ``choice``; trace data rounded to ``digits`` significant digits. The first
    ``shared_traces`` traces never change with the slider or menu (a large heat map, say): the
    static figure stores them once, always visible. ``slider_layout`` and ``menu_layout``
    override the plotly slider's and menu's dicts (where they sit, say).
    """

    slider: str
    choice: str | None = None
    steps: int = 25
    digits: int = 4
    shared_traces: int = 0
    slider_layout: Mapping[str, Any] = field(default_factory=dict)
    menu_layout: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ExplorerSpec:
    """An interactive figure: parameters declared once, one trace function, one layout."""

    title: str
    parameters: tuple[Parameter, ...]
    traces: TraceFunction
    base_figure: Callable[[], go.Figure]
    static: StaticGrid
    caption: str = ""

    def __post_init__(self) -> None:
        names = [p.name for p in self.parameters]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.title}: parameter names must be unique")
        if not isinstance(self.parameter(self.static.slider), Slider):
            raise ValueError(f"{self.title}: the static grid's slider must name a Slider")
        if self.static.choice is not None and not isinstance(
            self.parameter(self.static.choice), Choice
        ):
            raise ValueError(f"{self.title}: the static grid's choice must name a Choice")
        for parameter in self.parameters:
            for option, preset in getattr(parameter, "presets", {}).items():
                others = set(names) - {parameter.name}
                if option not in parameter.options or not set(preset) <= others:
                    raise ValueError(f"{self.title}: bad preset {option!r} of {parameter.name}")
            for name in parameter.inactive_when:
                if name not in names or name == parameter.name:
                    raise ValueError(
                        f"{self.title}: {parameter.name}.inactive_when names {name!r}, "
                        "which is not another parameter"
                    )

    def choose(self, values: Mapping[str, Any], name: str, option: Any) -> dict[str, Any]:
        """``values`` with the choice ``name`` set to ``option`` and, if that option has a
        preset, the parameters it names moved to its values (validated)."""
        choice = self.parameter(name)
        preset = choice.presets.get(option, {}) if isinstance(choice, Choice) else {}
        return self.validate(**(dict(values) | {name: option} | dict(preset)))

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


def trace_data(trace: dict[str, Any]) -> dict[str, Any]:
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
