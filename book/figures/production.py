"""The synthesis explorer: the pathway drawn with arrows as wide as their flux, and the
vesicle stores of dopamine, norepinephrine and epinephrine in two kinds of cell.

Everything that moves is trace data (polygon coordinates for the arrows, marker colours and
text for the molecules, bar heights), so the static front end can restyle it with no kernel.
"""

from __future__ import annotations

import math
from typing import Any

import plotly.graph_objects as go

from book.explorer import Choice, ExplorerSpec, Slider, StaticGrid
from book.figures.style import Panel, bar_trace, stacked_figure, text_trace
from book.models.synthesis import (
    PARAMETERS,
    SCENARIOS,
    SteadyState,
    apply_scenario,
    normal_state,
    relative_to_normal,
    steady_state,
)

# ----- the diagram's geometry (data units; the diagram spans x 0-10, y -0.9-10) ---------
COLUMN_X = 5.3
NODES: dict[str, tuple[float, float]] = {
    "tyrosine": (COLUMN_X, 9.2),
    "dopa": (COLUMN_X, 6.9),
    "da": (COLUMN_X, 4.6),
    "ne": (COLUMN_X, 2.3),
    "epi": (COLUMN_X, 0.0),
    "dops": (1.0, 2.3),
}
NODE_NAMES = {
    "tyrosine": "Tyrosine",
    "dopa": "L-DOPA",
    "da": "Dopamine",
    "ne": "Norepinephrine",
    "epi": "Epinephrine",
    "dops": "Droxidopa",
}
#: Arrows: (name, from node, to node, colour, label shown beside it).
ARROWS: tuple[tuple[str, str, str, str, str], ...] = (
    ("TH", "tyrosine", "dopa", "#1d4ed8", "<b>TH</b> (BH4)"),
    ("AADC", "dopa", "da", "#0f766e", "<b>AADC</b> (B6)"),
    ("DBH", "da", "ne", "#b45309", "<b>DBH</b> (Cu, vit C)"),
    ("PNMT", "ne", "epi", "#7e22ce", "<b>PNMT</b> (cortisol)"),
    ("AADC (droxidopa)", "dops", "ne", "#be123c", ""),
)
NODE_RADIUS_PX = 17.0
#: Approximate pixels per data unit of the diagram on a laptop screen, used to give the
#: arrows a width in pixels whatever their direction.
PX_PER_X = 62.0
PX_PER_Y = 30.0
SITE_NAMES = {"adrenal": "Adrenal chromaffin cell", "neuron": "Noradrenergic neuron"}
SHORT_SITE_NAMES = {"adrenal": "Adrenal cell", "neuron": "Neuron"}
SITE_COLOURS = {"neuron": "#0f766e", "adrenal": "#7e22ce"}
STORE_NAMES = {"da": "Dopamine", "ne": "Norepinephrine", "epi": "Epinephrine"}
ACTIVITY = "× normal"


def arrow_polygon(
    start: tuple[float, float], end: tuple[float, float], width_px: float
) -> tuple[list[float], list[float]]:
    """A closed arrow outline from ``start`` to ``end`` (data units), ``width_px`` wide."""
    x0, y0 = start[0] * PX_PER_X, start[1] * PX_PER_Y
    x1, y1 = end[0] * PX_PER_X, end[1] * PX_PER_Y
    length = math.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    x0, y0 = x0 + ux * NODE_RADIUS_PX, y0 + uy * NODE_RADIUS_PX
    x1, y1 = x1 - ux * (NODE_RADIUS_PX + 2), y1 - uy * (NODE_RADIUS_PX + 2)
    head = min(12.0 + 0.4 * width_px, 0.45 * math.hypot(x1 - x0, y1 - y0))
    half, head_half = width_px / 2, max(width_px / 2 + 5, 0.85 * width_px)
    bx, by = x1 - ux * head, y1 - uy * head
    nx, ny = -uy, ux
    points = [
        (x0 + nx * half, y0 + ny * half),
        (bx + nx * half, by + ny * half),
        (bx + nx * head_half, by + ny * head_half),
        (x1, y1),
        (bx - nx * head_half, by - ny * head_half),
        (bx - nx * half, by - ny * half),
        (x0 - nx * half, y0 - ny * half),
        (x0 + nx * half, y0 + ny * half),
    ]
    xs = [round(px / PX_PER_X, 3) for px, _ in points]
    ys = [round(py / PX_PER_Y, 3) for _, py in points]
    return xs, ys


def arrow_width_px(relative_flux: float) -> float:
    """Width of an arrow for a flux relative to the cell's normal synthesis (1 = normal)."""
    if relative_flux <= 1e-6:
        return 1.0
    return 2.0 + 14.0 * min(relative_flux, 4.0) ** 0.7


def level_colour(ratio: float | None) -> str:
    """A colour for a level relative to normal: blue below, grey near, red above."""
    if ratio is None:
        return "#d1d5db"
    if ratio <= 0.02:
        return "#f8fafc"
    t = max(-1.0, min(1.0, math.log2(ratio) / 2))
    grey, blue, red = (156, 163, 175), (37, 99, 235), (220, 38, 38)
    far = red if t > 0 else blue
    rgb = [round(g + abs(t) * (f - g)) for g, f in zip(grey, far, strict=True)]
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _ratio_text(value: float, normal: float) -> tuple[str, float | None]:
    if normal <= 0:
        return ("none" if value <= 0 else "made"), None
    ratio = value / normal
    if ratio < 0.005:
        return "none", 0.0
    return f"{ratio:.2g}× normal", ratio


def _node_texts(state: SteadyState, normal: SteadyState) -> tuple[list[str], list[str]]:
    params = state.params
    texts, colours = [], []
    for node in NODES:
        if node == "tyrosine":
            value = params["tyrosine_uM"]
            ratio = value / PARAMETERS["tyrosine_uM"][2]
            text = f"{value:.3g} µM"
        elif node == "dops":
            value = params["droxidopa_uM"]
            ratio = None if value <= 0 else 2.0
            text = f"{value:.3g} µM" if value > 0 else "none given"
        elif node == "dopa":
            text, ratio = _ratio_text(state.pools["dopa"], normal.pools["dopa"])
        else:
            level = {"da": state.dopamine, "ne": state.norepinephrine, "epi": state.epinephrine}
            before = {
                "da": normal.dopamine,
                "ne": normal.norepinephrine,
                "epi": normal.epinephrine,
            }
            text, ratio = _ratio_text(level[node], before[node])
            if node == "epi" and state.site == "neuron":
                text = "none (no PNMT)"
        texts.append(f"<b>{NODE_NAMES[node]}</b><br>{text}")
        colours.append(level_colour(ratio))
    return texts, colours


def production_traces(
    dbh: float, scenario: str, site: str, **values: float
) -> list[dict[str, Any]]:
    """Arrows (width = flux), molecules (colour = level), labels, and the store bars.

    ``values`` are the other parameters of :data:`book.models.synthesis.PARAMETERS`.
    """
    # The scenario's settings of parameters with a control are already in the values (its
    # preset moved those controls); only the others (metyrosine) are added here.
    hidden = {
        name: value
        for name, value in apply_scenario(scenario).items()
        if name not in values and name != "dbh" and value != PARAMETERS[name][2]
    }
    states = {s: steady_state(s, dbh=dbh, **values, **hidden) for s in ("neuron", "adrenal")}
    state, normal = states[site], normal_state(site)
    made = normal.fluxes["TH"]
    traces: list[dict[str, Any]] = []
    label_x, label_y, label_text = [], [], []
    for name, source, target, colour, label in ARROWS:
        flux = state.fluxes[name] / made
        xs, ys = arrow_polygon(NODES[source], NODES[target], arrow_width_px(flux))
        traces.append(
            {"type": "scatter", "x": xs, "y": ys, "mode": "lines", "fill": "toself",
             "fillcolor": colour, "line": {"color": colour, "width": 1}, "hoveron": "fills",
             "text": f"{name}: {100 * flux:.3g}% of the normal TH flux", "hoverinfo": "text",
             "showlegend": False, "xaxis": "x", "yaxis": "y"}
        )  # fmt: skip
        if label:
            label_x.append(COLUMN_X - 0.45)
            label_y.append((NODES[source][1] + NODES[target][1]) / 2)
            label_text.append(f"{label}<br>{100 * flux:.3g}%")
    texts, colours = _node_texts(state, normal)
    circles = {"size": 2 * NODE_RADIUS_PX, "color": colours,
               "line": {"color": "#374151", "width": 1.5}}  # fmt: skip
    nodes = text_trace([xy[0] for xy in NODES.values()], [xy[1] for xy in NODES.values()], texts,
                       position=["middle right"] * 5 + ["middle left"], mode="markers+text",
                       hoverinfo="text", marker=circles)  # fmt: skip
    traces += [
        nodes,
        text_trace(label_x, label_y, label_text, colour="#374151"),
        text_trace([0.0], [10.35], [f"<b>{SITE_NAMES[site]}</b>"], size=12,
                   position="middle right"),
    ]  # fmt: skip
    names = list(STORE_NAMES.values())
    for cell, cell_state in states.items():
        now = [relative_to_normal(cell_state)[k] for k in STORE_NAMES]
        before = [relative_to_normal(normal_state(cell))[k] for k in STORE_NAMES]
        hover = f"%{{x}}: %{{y:.3g}}% of the normal total store<extra>{SITE_NAMES[cell]}</extra>"
        traces.append(bar_trace(
            names, now, SHORT_SITE_NAMES[cell], SITE_COLOURS[cell], "2", hover,
            offsetgroup=cell, text=[f"{v:.0f}%" for v in now], textposition="outside",
            textfont={"size": 11}, cliponaxis=False, legendgroup=cell, showlegend=True,
        ))  # fmt: skip
        traces.append(bar_trace(
            names, before, "Normal", "rgba(0,0,0,0)", "2", offsetgroup=cell,
            showlegend=cell == "adrenal", legendgroup="normal", hoverinfo="skip",
            marker={"color": "rgba(0,0,0,0)", "line": {"color": "#111827", "width": 2}},
        ))  # fmt: skip
    return traces


def production_base_figure() -> go.Figure:
    fig = stacked_figure(
        [
            Panel("Pathway (arrow width = flux)", 0.6,
                  xaxis={"range": [0, 10], "visible": False, "fixedrange": True},
                  yaxis={"range": [-0.9, 10.7], "visible": False, "fixedrange": True}),
            Panel("Vesicle stores, % of normal total", 0.4,
                  xaxis={"fixedrange": True, "tickangle": 0, "tickfont": {"size": 11}},
                  yaxis={"title": {"text": "% of normal total"}, "range": [0, 200],
                         "fixedrange": True}),
        ],
        height=800,
        gap=0.12,
        margin={"l": 60, "r": 20, "t": 90, "b": 40},
    )  # fmt: skip
    fig.update_layout(
        barmode="group", hovermode="closest",
        legend={"orientation": "h", "x": 1, "xanchor": "right", "y": 0.37, "yanchor": "top",
                "bgcolor": "rgba(255,255,255,0.8)", "font": {"size": 12}},
    )  # fmt: skip
    return fig


def production_spec() -> ExplorerSpec:
    """Enzymes and cofactors -> steady-state pathway fluxes and stores, with scenarios."""

    def activity(name: str, label: str) -> Slider:
        low, high, normal = PARAMETERS[name]
        return Slider(name, label, ACTIVITY, low, high, 0.05, normal)

    low, high, normal = PARAMETERS["tyrosine_uM"]
    controlled = set(PARAMETERS) - {"metyrosine"}  # each has a slider below
    # Choosing a scenario moves every slider to the scenario's value (normal, or as the
    # scenario sets it): DBH deficiency puts DBH at 0, and any other scenario back at 1.
    presets = {
        scenario: {k: v for k, v in apply_scenario(scenario).items() if k in controlled}
        for scenario in SCENARIOS
    }
    return ExplorerSpec(
        title="Making norepinephrine: enzymes, cofactors and the steady state",
        parameters=(
            activity("dbh", "DBH activity"),
            Choice(
                "scenario", "Scenario", tuple(SCENARIOS), "normal", SCENARIOS, presets=presets
            ),  # fmt: skip
            Choice("site", "Cell in the diagram", ("adrenal", "neuron"), "adrenal", SITE_NAMES),
            activity("th", "TH activity"),
            activity("aadc", "AADC activity"),
            activity("vmat2", "VMAT2 activity"),
            activity("pnmt", "PNMT activity"),
            activity("bh4", "BH4 (TH cofactor)"),
            activity("copper", "Copper (DBH cofactor)"),
            activity("ascorbate", "Ascorbate (DBH cofactor)"),
            activity("cortisol", "Cortisol (induces PNMT)"),
            Slider("firing", "Firing rate", ACTIVITY, *PARAMETERS["firing"][:2], 0.1, 1.0),
            Slider("tyrosine_uM", "Tyrosine", "µM", low, high, 1.0, normal),
            Slider("droxidopa_uM", "Droxidopa (added)", "µM", 0.0, 200.0, 1.0, 0.0),
        ),
        traces=production_traces,
        base_figure=production_base_figure,
        static=StaticGrid("dbh", choice="scenario", steps=21),
        caption=(
            "The synthesis pathway (arrow width = flux, % of the normal rate through TH) and "
            "the vesicle stores of a cell at steady state, relative to normal. Move the DBH "
            "slider or pick a scenario; a scenario moves the slider to its own value (DBH "
            "deficiency to 0, the others to 1), and the slider then changes that scenario."
        ),
    )
