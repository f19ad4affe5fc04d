"""The static front end: an explorer as a plotly figure that responds with no kernel.

:func:`static_figure` turns an :class:`~book.explorer.ExplorerSpec` into one plotly figure
carrying a slider over a grid of the spec's ``static.slider`` and, optionally, a dropdown over
its ``static.choice``, with every step's trace data precomputed. :func:`figure_html` writes
any figure as the HTML fragment the book shows: a placeholder and the figure's JSON, drawn
by the page's deferred scripts (plotly.js comes from the page's ``_static``, never inlined).
"""

from __future__ import annotations

import hashlib
import html
import json
from typing import Any

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from book.explorer import DATA_KEYS, Choice, ExplorerSpec, Slider, trace_data
from book.figures.style import format_number

PLOT_CONFIG = {"responsive": True, "displaylogo": False}
DEFAULT_HEIGHT_PX = 450  # plotly.js's own default when a layout sets no height


def static_figure(spec: ExplorerSpec) -> go.Figure:
    """The spec's figure with a precomputed slider (and menu) that needs no kernel.

    Every slider step restyles the changing traces of every menu option, so the menu can
    switch options at any slider position; the menu only toggles which option's traces are
    visible. The spec's first ``static.shared_traces`` traces are stored once.
    """
    slider = spec.parameter(spec.static.slider)
    assert isinstance(slider, Slider)
    choice = spec.parameter(spec.static.choice) if spec.static.choice else None
    options: tuple[str | None, ...] = choice.options if isinstance(choice, Choice) else (None,)
    shared = spec.static.shared_traces

    def values_for(option: str | None, slider_value: float) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if isinstance(choice, Choice):  # an option's preset moves the other controls too
            values = spec.choose(spec.defaults, choice.name, option)
        return values | {slider.name: float(slider_value)}

    def changing_traces(option: str | None, value: float) -> list[dict[str, Any]]:
        return [
            _rounded_trace(trace, spec.static.digits)
            for trace in spec.trace_dicts(**values_for(option, value))[shared:]
        ]

    grid = slider.grid(spec.static.steps)
    active = int(np.argmin(np.abs(grid - slider.default)))
    default_option = choice.default if isinstance(choice, Choice) else None

    fig = spec.base_figure()
    for trace in spec.trace_dicts(**values_for(default_option, grid[active]))[:shared]:
        fig.add_trace(_rounded_trace(trace, spec.static.digits))
    per_option = None
    for option in options:
        traces = changing_traces(option, grid[active])
        per_option = per_option or len(traces)
        if len(traces) != per_option:
            raise ValueError(f"{spec.title}: every option must give the same trace count")
        for trace in traces:
            fig.add_trace(dict(trace, visible=option == default_option))

    step_data = [
        [trace_data(trace) for option in options for trace in changing_traces(option, value)]
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
    suffix = f" {slider.unit}" if slider.unit else ""
    fig.update_layout(
        sliders=[
            {
                "active": active,
                "currentvalue": {"prefix": f"{slider.label}: ", "suffix": suffix},
                "pad": {"t": 40},
                "steps": steps,
                "name": slider.name,
            }
            | dict(spec.static.slider_layout)
        ]
    )
    if isinstance(choice, Choice):
        buttons = []
        for option in options:
            visible = {"visible": [o == option for o in options for _ in range(per_option)]}
            preset = choice.presets.get(option, {})
            if slider.name not in preset:
                buttons.append({"method": "restyle", "label": choice.display(option),
                                "args": [visible, indices]})  # fmt: skip
                continue
            # The option sets the slider's parameter: the slider moves to that step, and the
            # button shows that step's data, so the handle never shows a stale value.
            at = int(np.argmin(np.abs(grid - preset[slider.name])))
            buttons.append({
                "method": "update",
                "label": choice.display(option),
                "args": [steps[at]["args"][0] | visible, {"sliders[0].active": at}, indices],
            })  # fmt: skip
        # Just above the plot area, whatever the figure's height, in a top margin tall
        # enough to hold it.
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
                | dict(spec.static.menu_layout)
            ]
        )
    return fig


# A numeric array at least this long that occurs more than once in a figure's JSON (a
# slider step restyles every trace, so unchanged curves repeat in every step) is written
# once, in the payload's "refs" list, and each occurrence as {"ne_ref": index}.
SHARED_ARRAY_MIN = 8


def _share_repeated_arrays(payload: dict) -> dict:
    """Write each repeated numeric array once; book-figures.js puts the copies back."""
    counts: dict[str, int] = {}

    def key(value) -> str | None:
        if (
            isinstance(value, list)
            and len(value) >= SHARED_ARRAY_MIN
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        ):
            return json.dumps(value, separators=(",", ":"), allow_nan=False)
        return None

    def count(value) -> None:
        text = key(value)
        if text is not None:
            counts[text] = counts.get(text, 0) + 1
        elif isinstance(value, list):
            for item in value:
                count(item)
        elif isinstance(value, dict):
            for item in value.values():
                count(item)

    count(payload)
    index: dict[str, int] = {}
    refs: list[list] = []

    def replace(value):
        text = key(value)
        if text is not None:
            if counts[text] < 2:
                return value
            if text not in index:
                index[text] = len(refs)
                refs.append(value)
            return {"ne_ref": index[text]}
        if isinstance(value, list):
            return [replace(item) for item in value]
        if isinstance(value, dict):
            return {name: replace(item) for name, item in value.items()}
        return value

    shared = replace(payload)
    if refs:
        shared["refs"] = refs
    return shared


def figure_html(fig: go.Figure, label: str, caption: str = "", kind: str = "ne-figure") -> str:
    """A figure as the HTML fragment the book shows: a ``<figure>`` with an optional caption.

    The figure is an empty placeholder of its final height (nothing moves when it is drawn)
    followed by its plotly JSON (repeated arrays written once, see
    :func:`_share_repeated_arrays`); the page's deferred ``book-figures.js`` draws it with the
    page's plotly.js as it nears the viewport, so no script blocks the text. The div id is
    derived from the label, so a rebuild writes the same HTML.
    """
    digest = hashlib.sha1(label.encode()).hexdigest()[:8]
    div_id = f"fig-{digest}"
    height = fig.layout.height or DEFAULT_HEIGHT_PX
    payload = json.loads(pio.to_json(fig, validate=False))
    payload["layout"]["height"] = height
    payload["config"] = PLOT_CONFIG
    payload = _share_repeated_arrays(payload)
    # Compact JSON; "</" escaped so no string in the data can close the script element.
    text = json.dumps(payload, separators=(",", ":"), allow_nan=False).replace("</", "<\\/")
    div = (
        f'<div id="{div_id}" class="plotly-graph-div ne-plot" '
        f'style="width:100%;min-height:{int(height)}px"></div>'
        f'<script type="application/json" data-ne-plot="{div_id}">{text}</script>'
    )
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure class="{kind}" aria-label="{html.escape(label)}">{div}{figcaption}</figure>'


def static_html(spec: ExplorerSpec) -> str:
    """The explorer's static figure as HTML, with its caption."""
    caption = html.escape(spec.caption) if spec.caption else ""
    for tag in ("sub", "/sub", "sup", "/sup"):  # the one markup a caption may use
        caption = caption.replace(f"&lt;{tag}&gt;", f"<{tag}>")
    return figure_html(static_figure(spec), spec.title, caption, kind="ne-explorer")


def _differs(step: list[dict[str, Any]], reference: list[dict[str, Any]], key: str) -> bool:
    return any(a.get(key) != b.get(key) for a, b in zip(step, reference, strict=True))


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
