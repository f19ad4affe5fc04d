"""The signalling explorer: receptor states and the response during and after a drug exposure,
and the concentration-response curve before and just after it (book/models/signalling.py).

Colours are the Okabe-Ito palette; lines that share a panel also differ in dash.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from book.data.parameters import parameter
from book.explorer import Choice, ExplorerSpec, Slider, StaticGrid
from book.figures.style import TAU_HINT, TEMPLATE_NAME
from book.models.signalling import (
    SCENARIO_NOTES,
    SCENARIOS,
    concentration_response,
    scenario_course,
    time_grid_h,
)

BLUE, ORANGE, GREEN, VERMILION = "#0072B2", "#E69F00", "#009E73", "#D55E00"
PURPLE, SKY, BLACK, GREY = "#CC79A7", "#56B4E9", "#000000", "#6b7280"
STATES_TOP, RESPONSE_TOP = 160.0, 100.0
#: Concentration-response curves span these multiples of the agonist's K.
CURVE_MULTIPLES = np.geomspace(1e-4, 1e3, 71)
TIME_TICKS = (
    (10 / 3600, "10 s"), (1 / 60, "1 min"), (10 / 60, "10 min"), (1.0, "1 h"),
    (6.0, "6 h"), (24.0, "1 d"), (240.0, "10 d"),
)  # fmt: skip


#: Choices of the explorer rather than properties of a drug or a cell.
PROTOCOL = ("exposure_h", "window_h")


#: What a unitless registry number means, shown beside its slider.
HINTS = {"tau": TAU_HINT}


def _slider(name: str, low: float, high: float, log: bool = True, step: float = 0.05) -> Slider:
    """A slider whose label, unit and default come from the parameter registry."""
    row = parameter(f"signalling.{name}")
    label = row.label[0].upper() + row.label[1:]
    if row.illustrative and name not in PROTOCOL:
        label += " (illustrative)"
    hint = HINTS.get(name, "")
    return Slider(name, label, row.unit_text, low, high, step, row.value, log=log, hint=hint)


EXPOSURE = _slider("exposure_h", 0.1, 50.0)
#: Every exposure the static figure precomputes, so that its time grid is the same for all.
STATIC_STEPS = 25
STATIC_EXPOSURES_H = tuple(float(v) for v in EXPOSURE.grid(STATIC_STEPS))


def _band(times: np.ndarray, exposure_h: float, top: float, axes: tuple[str, str]) -> dict:
    return {
        "type": "scatter", "mode": "lines", "x": times,
        "y": [top if t <= exposure_h else None for t in times],
        "fill": "tozeroy", "fillcolor": "rgba(0,0,0,0.08)", "line": {"width": 0},
        "name": "drug given", "legend": "legend" if axes[0] == "x" else "legend2",
        "showlegend": axes[0] == "x", "hoverinfo": "skip", "xaxis": axes[0], "yaxis": axes[1],
    }  # fmt: skip


def _line(x, y, name, colour, dash, width, legend, axes, template) -> dict:
    return {
        "type": "scatter", "mode": "lines", "x": x, "y": y, "name": name,
        "line": {"color": colour, "dash": dash, "width": width}, "legend": legend,
        "xaxis": axes[0], "yaxis": axes[1], "hovertemplate": template,
    }  # fmt: skip


def signalling_traces(exposure_h: float, scenario: str, **params: float) -> list[dict[str, Any]]:
    """Twelve traces: states over time, responses over time, and two concentration-response
    curves with the agonist's K marked."""
    times = time_grid_h(exposure_h, extra=STATIC_EXPOSURES_H)
    course = scenario_course(scenario, exposure_h, times, **params)
    rest = course.before.sum()
    pct = 100.0 / rest
    t_hover = "%{x:.3g} h: %{y:.0f}%<extra>%{fullData.name}</extra>"
    state_axes, response_axes, curve_axes = ("x", "y"), ("x2", "y2"), ("x3", "y3")
    traces = [
        _band(times, course.exposure_h, STATES_TOP, state_axes),
        _line(times, pct * course.available, "R available", BLUE, "solid", 3, "legend",
              state_axes, t_hover),
        _line(times, pct * course.desensitised, "D desensitised", ORANGE, "dash", 3,
              "legend", state_axes, t_hover),
        _line(times, pct * course.internalised, "I internalised", GREEN, "dot", 3,
              "legend", state_axes, t_hover),
        _line(times, pct * course.total, "total", BLACK, "solid", 1.5, "legend", state_axes,
              t_hover),
        _band(times, course.exposure_h, RESPONSE_TOP, response_axes),
        _line(times, 100 * course.response, "agonist now", VERMILION, "solid", 3,
              "legend2", response_axes, t_hover),
        _line(times, 100 * course.test_response, "test dose", PURPLE, "dash", 3,
              "legend2", response_axes, t_hover),
        _line([times[0], times[-1]], [100 * course.baseline_test_response] * 2,
              "test dose at rest", PURPLE, "dot", 1.5, "legend2", response_axes,
              "test dose at rest: %{y:.0f}%<extra></extra>"),
    ]  # fmt: skip
    ka = params.get("agonist_k_nM", parameter("signalling.agonist_k_nM").value)
    tau = params.get("tau", parameter("signalling.tau").value)
    conc = ka * CURVE_MULTIPLES
    c_hover = "%{x:.3g} nM: %{y:.0f}%<extra>%{fullData.name}</extra>"
    traces += [
        _line(conc, 100 * concentration_response(conc, course.before[0], ka, tau),
              "before", BLACK, "dash", 2, "legend3", curve_axes, c_hover),
        _line(conc, 100 * concentration_response(conc, course.at_stop[0], ka, tau),
              "just after", VERMILION, "solid", 3, "legend3", curve_axes, c_hover),
        _line([ka, ka], [0, 100], "agonist K", GREEN, "dot", 2, "legend3",
              curve_axes, "K = %{x:.3g} nM<extra></extra>"),
    ]  # fmt: skip
    return traces


def signalling_base_figure() -> go.Figure:
    fig = make_subplots(rows=3, cols=1, vertical_spacing=0.17, row_heights=[0.36, 0.3, 0.34])
    ticks = {"tickvals": [t for t, _ in TIME_TICKS], "ticktext": [s for _, s in TIME_TICKS]}
    time_range = [np.log10(TIME_TICKS[0][0]), np.log10(TIME_TICKS[-1][0])]
    for row in (1, 2):
        fig.update_xaxes(type="log", range=time_range, title_text="time since the drug was "
                         "started (log scale)", row=row, col=1, **ticks)  # fmt: skip
    fig.update_yaxes(title_text="% of receptors at rest", range=[0, STATES_TOP], row=1, col=1)
    fig.update_yaxes(title_text="response (% of max)", range=[0, RESPONSE_TOP], row=2, col=1)
    fig.update_xaxes(type="log", title_text="agonist concentration (nM)", row=3, col=1)
    fig.update_yaxes(title_text="response (% of max)", range=[0, 100], row=3, col=1)
    fig.update_xaxes(tickfont={"size": 12}, title_font={"size": 13})
    fig.update_yaxes(tickfont={"size": 12}, title_font={"size": 13})
    # Each panel: a bold title above a legend of two entries a row (the same at any width).
    panels = {
        "legend": ("Receptor states", fig.layout.yaxis.domain, 3),
        "legend2": ("Response", fig.layout.yaxis2.domain, 2),
        "legend3": ("Concentration–response", fig.layout.yaxis3.domain, 2),
    }
    annotations = []
    for legend, (title, domain, rows) in panels.items():
        annotations.append(
            {"text": f"<b>{title}</b>", "x": 0, "xref": "paper", "xanchor": "left",
             "y": domain[1], "yref": "paper", "yanchor": "bottom", "yshift": 22 * rows + 8,
             "showarrow": False, "font": {"size": 14}}
        )  # fmt: skip
        fig.update_layout(
            {legend: {"orientation": "h", "x": 0, "xanchor": "left", "y": domain[1],
                      "yanchor": "bottom", "font": {"size": 11}, "bgcolor": "rgba(0,0,0,0)",
                      "itemwidth": 30, "entrywidth": 0.5, "entrywidthmode": "fraction"}}
        )  # fmt: skip
    fig.update_layout(
        height=1260,
        template=TEMPLATE_NAME,
        title={"text": "How receptors and the response<br>adapt to a drug", "x": 0,
               "xanchor": "left", "y": 0.985, "yanchor": "top", "yref": "container",
               "font": {"size": 17}},
        margin={"l": 64, "r": 16, "t": 230, "b": 150},
        annotations=annotations,
        font={"size": 13},
        hovermode="closest",
    )  # fmt: skip
    return fig


def signalling_spec() -> ExplorerSpec:
    """Scenario and exposure -> receptor states, responses and concentration-response."""
    notes = "; ".join(f"{SCENARIOS[k]}: {v}" for k, v in SCENARIO_NOTES.items())
    return ExplorerSpec(
        title="How receptors and the response adapt to a drug",
        parameters=(
            EXPOSURE,
            Choice("scenario", "Scenario", tuple(SCENARIOS), "tolerance", SCENARIOS),
            _slider("tau", 0.3, 100.0),
            _slider("agonist_k_nM", 1.0, 10_000.0),
            _slider("exposure_agonist_nM", 1.0, 100_000.0),
            _slider("tone_nM", 0.1, 1000.0),
            _slider("blocker_nM", 1.0, 100_000.0),
            _slider("antagonist_k_nM", 0.1, 1000.0),
            _slider("inactivation_rate_per_h", 0.1, 30.0),
            _slider("test_conc_nM", 0.1, 10_000.0),
            _slider("desensitisation_half_time_s", 5.0, 1000.0),
            _slider("resensitisation_half_time_min", 1.0, 300.0),
            _slider("internalisation_rate_per_min", 0.01, 3.0),
            _slider("recycling_time_min", 1.0, 300.0),
            _slider("turnover_rate_per_h", 0.01, 2.0),
            _slider("sorting_rate_per_h", 0.0, 3.0, log=False, step=0.01),
        ),
        traces=signalling_traces,
        base_figure=signalling_base_figure,
        static=StaticGrid(
            "exposure_h",
            choice="scenario",
            steps=STATIC_STEPS,
            digits=3,
            slider_layout={"pad": {"t": 80}},
            menu_layout={"y": 1.0, "yanchor": "bottom", "pad": {"b": 96}},
        ),
        caption=(
            "Receptor states from the ODE model in book/models/signalling.py, as a share of the "
            "receptors a cell holds at rest; the shaded band is the time the drug is given. "
            "The response follows the operational model with the efficacy scaled by the "
            "available receptors. Desensitisation, internalisation and recycling rates are "
            "published values for beta2-adrenoceptors in cultured cells, down-regulation that "
            "of alpha2-adrenoceptors; the agonist's affinity and efficacy and the drug "
            "concentrations are illustrative. " + notes + "."
        ),
    )


#: Fractions of receptors an irreversible antagonist leaves, with colours and dashes.
FURCHGOTT_FRACTIONS = ((1.0, BLACK, "solid"), (0.5, BLUE, "dash"), (0.2, ORANGE, "dot"),
                       (0.05, GREEN, "dashdot"), (0.01, VERMILION, "longdash"))  # fmt: skip


def furchgott_figure() -> go.Figure:
    """Concentration-response curves as an irreversible antagonist removes more and more of
    the receptors (operational model, illustrative affinity and efficacy)."""
    ka = parameter("signalling.agonist_k_nM").value
    tau = parameter("signalling.tau").value
    conc = ka * np.geomspace(1e-4, 1e3, 141)
    fig = go.Figure()
    for left, colour, dash in FURCHGOTT_FRACTIONS:
        removed = "none removed" if left == 1 else f"{100 * (1 - left):.0f}% removed"
        fig.add_trace(
            go.Scatter(
                x=conc, y=100 * concentration_response(conc, left, ka, tau), name=removed,
                line={"color": colour, "dash": dash, "width": 3},
                hovertemplate="%{x:.3g} nM: %{y:.0f}%<extra>" + removed + "</extra>",
            )
        )  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=[ka, ka], y=[0, 100], name="agonist K", mode="lines",
            line={"color": GREY, "dash": "dot", "width": 2}, hoverinfo="skip",
        )
    )  # fmt: skip
    fig.update_xaxes(type="log", title_text="agonist concentration (nM)", tickfont={"size": 12})
    fig.update_yaxes(title_text="response (% of max)", range=[0, 100], tickfont={"size": 12})
    fig.update_layout(
        height=520, template=TEMPLATE_NAME, margin={"l": 60, "r": 16, "t": 70, "b": 40},
        title={"text": "Removing receptors: first a shift,<br>then a lower maximum",
               "font": {"size": 16}, "x": 0, "xanchor": "left"},
        legend={"orientation": "h", "y": -0.22, "x": 0, "font": {"size": 12},
                "entrywidth": 0.5, "entrywidthmode": "fraction"},
        font={"size": 13},
    )  # fmt: skip
    return fig
