"""Receptor occupancy versus agonist concentration (mass action), from the affinity data."""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from book.data.affinities import affinity, load_ligands
from book.figures.spec import Choice, ExplorerSpec, Slider
from book.models.receptors import occupancy

#: Receptors on the front-page explorer and their display names and colours.
FRONT_PAGE_TARGETS: dict[str, str] = {
    "alpha1A": "α1A",
    "alpha2A": "α2A",
    "beta1": "β1",
    "beta2": "β2",
}
COLOURS = {"alpha1A": "#c2410c", "alpha2A": "#1d4ed8", "beta1": "#15803d", "beta2": "#7e22ce"}
CURVE_CONC_NM = np.logspace(-1, 5, 121)  # 0.1 nM to 100 uM


def _label(target: str, ligand: str) -> str:
    row = affinity(ligand, target)
    if row is None:
        return f"{FRONT_PAGE_TARGETS[target]} (no sourced value)"
    return f"{FRONT_PAGE_TARGETS[target]} ({row.value_type} {row.value:.2f})"


def occupancy_traces(conc_nM: float, ligand: str) -> list[dict[str, Any]]:
    """Curves of occupancy (%) against concentration, markers at ``conc_nM``, and bars."""
    curves, markers, bar_y, bar_text = [], [], [], []
    for target in FRONT_PAGE_TARGETS:
        row = affinity(ligand, target)
        colour = COLOURS[target]
        if row is None:
            curve_y = [None] * CURVE_CONC_NM.size
            now = None
        else:
            curve_y = 100 * occupancy(CURVE_CONC_NM, row.k_nM)
            now = 100 * occupancy(conc_nM, row.k_nM)
        curves.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": CURVE_CONC_NM,
                "y": curve_y,
                "name": _label(target, ligand),
                "line": {"color": colour, "width": 3},
                "legendgroup": target,
                "hovertemplate": "%{x:.3g} nM: %{y:.1f}% occupied<extra></extra>",
            }  # fmt: skip
        )
        markers.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [conc_nM],
                "y": [now],
                "marker": {"color": colour, "size": 12, "line": {"color": "white", "width": 2}},
                "showlegend": False,
                "legendgroup": target,
                "hoverinfo": "skip",
            }  # fmt: skip
        )
        bar_y.append(now)
        bar_text.append("no value" if now is None else f"{now:.0f}%")
    bars = {
        "type": "bar",
        "x": [FRONT_PAGE_TARGETS[t] for t in FRONT_PAGE_TARGETS],
        "y": bar_y,
        "text": bar_text,
        "textposition": "outside",
        "marker": {"color": [COLOURS[t] for t in FRONT_PAGE_TARGETS]},
        "showlegend": False,
        "xaxis": "x2",
        "yaxis": "y2",
        "hovertemplate": "%{x}: %{y:.1f}% occupied<extra></extra>",
    }
    line = {
        "type": "scatter", "mode": "lines", "x": [conc_nM, conc_nM], "y": [0, 100],
        "line": {"color": "#6b7280", "dash": "dot", "width": 1}, "showlegend": False,
        "hoverinfo": "skip",
    }  # fmt: skip
    return [*curves, *markers, line, bars]


def occupancy_base_figure() -> go.Figure:
    fig = make_subplots(
        rows=2, cols=1, row_heights=[0.62, 0.38], vertical_spacing=0.16,
        subplot_titles=("Occupancy against concentration", "Occupancy at the chosen concentration"),
    )  # fmt: skip
    fig.update_xaxes(type="log", title_text="agonist concentration (nM)", row=1, col=1)
    fig.update_yaxes(title_text="receptors occupied (%)", range=[0, 105], row=1, col=1)
    fig.update_yaxes(title_text="occupied (%)", range=[0, 119], row=2, col=1)
    fig.update_layout(
        height=640,
        template="plotly_white",
        margin={"l": 60, "r": 20, "t": 60, "b": 40},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"},
        font={"size": 13},
    )
    return fig


def occupancy_spec() -> ExplorerSpec:
    """The front-page explorer: agonist concentration -> occupancy of four adrenoceptors."""
    ligands = load_ligands()
    options = ("norepinephrine", "epinephrine")
    return ExplorerSpec(
        title="How much of each adrenoceptor does an agonist occupy?",
        parameters=(
            Slider("conc_nM", "Concentration", "nM", 0.1, 100_000.0, 0.05, 100.0, log=True),
            Choice(
                "ligand",
                "Agonist",
                options,
                "norepinephrine",
                {o: ligands[o].name for o in options},
            ),
        ),  # fmt: skip
        traces=occupancy_traces,
        base_figure=occupancy_base_figure,
        static_slider="conc_nM",
        static_choice="ligand",
        static_steps=31,
        caption=(
            "Occupancy = c / (c + K) by the law of mass action, with each receptor's "
            "affinity (K) from the book's cited data table (human cloned receptors)."
        ),
    )
