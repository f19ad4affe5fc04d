"""Receptor occupancy versus agonist concentration (mass action), from the affinity data.

Each receptor with a sourced affinity gets a curve; a published range becomes a band between
the curves for its two ends. Receptors with no sourced value are named, not drawn.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from book.data.affinities import TARGETS, Affinity, affinity
from book.explorer import ExplorerSpec, Slider, StaticGrid
from book.figures.style import (
    TARGET_LABELS,
    Panel,
    bar_trace,
    line_trace,
    marker_trace,
    stacked_figure,
)
from book.models.receptors import occupancy

#: Adrenoceptors the front page asks about, with display names and colours.
ADRENOCEPTORS: dict[str, str] = {t: TARGET_LABELS[t] for t in TARGETS[:9]}
COLOURS = {
    "alpha1A": "#c2410c", "alpha1B": "#ea580c", "alpha1D": "#9a3412",
    "alpha2A": "#1d4ed8", "alpha2B": "#2563eb", "alpha2C": "#1e3a8a",
    "beta1": "#15803d", "beta2": "#7e22ce", "beta3": "#0f766e",
}  # fmt: skip
CURVE_CONC_NM = np.logspace(-1, 6, 141)  # 0.1 nM to 1 mM


def sourced_affinities(ligand: str) -> dict[str, Affinity]:
    """The ligand's affinity rows at the nine adrenoceptors, in display order."""
    rows = {target: affinity(ligand, target) for target in TARGETS if target in ADRENOCEPTORS}
    return {target: row for target, row in rows.items() if row is not None}


def missing_adrenoceptors(ligand: str) -> list[str]:
    """Display names of adrenoceptors with no sourced affinity for ``ligand``."""
    have = sourced_affinities(ligand)
    return [name for target, name in ADRENOCEPTORS.items() if target not in have]


def _legend(target: str, row: Affinity) -> str:
    value = f"{row.value:.1f}–{row.value_high:.1f}" if row.is_range else f"{row.value:.2f}"
    return f"{ADRENOCEPTORS[target]} ({row.value_type} {value})"


def occupancy_traces(conc_nM: float, ligand: str = "norepinephrine") -> list[dict[str, Any]]:
    """Curves (or bands) of occupancy (%) against concentration, markers, and bars."""
    rows = sourced_affinities(ligand)
    lines: list[dict[str, Any]] = []
    markers: list[dict[str, Any]] = []
    bar_y, bar_text, bar_x = [], [], []
    ring = {"line": {"color": "white", "width": 2}}
    for target, row in rows.items():
        colour = COLOURS[target]
        k_low, k_high = row.k_range_nM
        group = {"legendgroup": target}
        if row.is_range:
            lines += [
                line_trace(CURVE_CONC_NM, 100 * occupancy(CURVE_CONC_NM, k_high), "", colour,
                           width=1, dash="dot", showlegend=False, hoverinfo="skip", **group),
                line_trace(CURVE_CONC_NM, 100 * occupancy(CURVE_CONC_NM, k_low),
                           _legend(target, row) + ", published range", colour, width=1,
                           dash="dot", fill="tonexty", hoverinfo="skip", **group),
            ]  # fmt: skip
        else:
            lines.append(
                line_trace(
                    CURVE_CONC_NM,
                    100 * occupancy(CURVE_CONC_NM, row.k_nM),
                    _legend(target, row),
                    colour,
                    **group,
                    hover="%{x:.3g} nM: %{y:.1f}% occupied<extra></extra>",
                )
            )
        now = 100 * occupancy(conc_nM, row.k_nM)
        low, high = 100 * occupancy(conc_nM, k_high), 100 * occupancy(conc_nM, k_low)
        markers.append(marker_trace([conc_nM], [now], "", colour, showlegend=False,
                                    hoverinfo="skip", marker={"color": colour, "size": 12, **ring},
                                    **group))  # fmt: skip
        bar_x.append(ADRENOCEPTORS[target])
        bar_y.append(now)
        bar_text.append(f"{low:.0f}–{high:.0f}%" if row.is_range else f"{now:.0f}%")
    bars = bar_trace(
        bar_x,
        bar_y,
        "",
        [COLOURS[t] for t in rows],
        "2",
        "%{x}: %{text}<extra></extra>",
        text=bar_text,
        textposition="outside",
    )
    line = line_trace([conc_nM, conc_nM], [0, 100], "", "#6b7280", width=1, dash="dot",
                      showlegend=False, hoverinfo="skip")  # fmt: skip
    return [*lines, *markers, line, bars]


def occupancy_base_figure() -> go.Figure:
    return stacked_figure(
        [
            Panel("Occupancy against concentration", 0.62,
                  xaxis={"type": "log", "title": {"text": "norepinephrine (nM)"}},
                  yaxis={"title": {"text": "receptors occupied (%)"}, "range": [0, 105]}),
            Panel("Occupancy at the chosen concentration", 0.38,
                  yaxis={"title": {"text": "occupied (%)"}, "range": [0, 119]}),
        ],
        height=660,
        gap=0.16,
        margin={"l": 60, "r": 20, "t": 90, "b": 40},
        legend={"orientation": "h", "y": 1.06, "yanchor": "bottom", "x": 0, "xanchor": "left"},
        font={"size": 13},
    )  # fmt: skip


def occupancy_spec() -> ExplorerSpec:
    """The front-page explorer: NE concentration -> occupancy of each sourced adrenoceptor."""
    missing = missing_adrenoceptors("norepinephrine")
    gap = f" Not drawn (no published value): {', '.join(missing)}." if missing else ""
    return ExplorerSpec(
        title="How much of each adrenoceptor does norepinephrine occupy?",
        parameters=(
            Slider("conc_nM", "Norepinephrine", "nM", 0.1, 1_000_000.0, 0.05, 100.0, log=True),
        ),
        traces=occupancy_traces,
        base_figure=occupancy_base_figure,
        static=StaticGrid("conc_nM", steps=40),
        caption=(
            "The share of each adrenoceptor that norepinephrine occupies (law of mass action, "
            "sourced affinities; a band spans a published range). Move the slider." + gap
        ),
    )
