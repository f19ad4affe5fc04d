"""The arousal chapter's figures: the inverted-U explorer, drugs on the curve, adaptive gain.

* :func:`arousal_spec`: prefrontal performance against extracellular norepinephrine (NE, log
  axis), derived from receptor occupancy (:mod:`book.models.arousal`), with a marker for the
  reader's state (stress level, drug and dose) and bars for the occupancy of the three
  receptors beneath. The static book has a stress slider and a drug menu.
* :func:`inverted_u_figure`: where a few real drugs put a person on that curve.
* :func:`adaptive_gain_spec`: the ILLUSTRATIVE adaptive-gain curve (phasic responsiveness
  against tonic locus coeruleus firing) with the firing rates of sleep and waking states.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import plotly.graph_objects as go

from book.data.affinities import affinity, ligands
from book.data.parameters import parameter, value
from book.explorer import Choice, ExplorerSpec, Slider, StaticGrid
from book.figures.style import (
    PALETTE,
    TEMPLATE_NAME,
    Panel,
    bar_trace,
    format_conc,
    format_number,
    line_trace,
    marker_trace,
    stacked_figure,
    status_trace,
    text_trace,
)
from book.models import arousal as model
from book.models.receptors import conc_for_occupancy_nM
from book.models.treatments import arousal_preset

#: Drug menu labels (short: they must fit a phone).
DRUG_LABELS: dict[str, str] = {
    "none": "No drug",
    "net_inhibitor": "NET blocker (atomoxetine-like)",
    "releaser": "NET releaser (amphetamine-like)",
    "guanfacine": "Guanfacine (α2A agonist)",
    "yohimbine": "Yohimbine (α2 blocker)",
    "prazosin": "Prazosin (α1 blocker)",
    "beta1_blocker": "β1 blocker",
}
RECEPTOR_LABELS = {"alpha2A": "α2A", "alpha1": "α1", "beta1": "β1"}
CURVE_COLOUR = PALETTE["blue"]
REFERENCE_COLOUR = PALETTE["light_grey"]
MARKER_COLOUR = PALETTE["vermillion"]
NE_COLOUR = PALETTE["blue"]
DRUG_COLOUR = PALETTE["orange"]
X_RANGE_LOG = (0.0, 4.0)  # 1 nM to 10 uM
DEFAULT_DOSE_PCT = 70.0


def _drug_line(drug: str, dose_pct: float) -> str:
    """One short line: what the drug preset does, at this dose."""
    if drug == "none" or dose_pct == 0:
        return "<b>No drug</b>"
    target = {"NET": "NET", "alpha2": "α2", "alpha1": "α1", "beta1": "β1"}[model.DRUG_TARGETS[drug]]
    name = DRUG_LABELS[drug].split(" (")[0]
    line = f"<b>{name}</b>: {dose_pct:.0f}% of {target} occupied"
    if drug == "net_inhibitor":
        row = affinity("atomoxetine", "NET")
        if row is not None and dose_pct < 100:
            conc = conc_for_occupancy_nM(dose_pct / 100.0, row.k_nM)
            line += f"<br>(atomoxetine ≈ {format_conc(conc)} free; Ki {format_conc(row.k_nM)})"
    elif drug in ("guanfacine", "yohimbine", "prazosin", "beta1_blocker"):
        line += "<br>(the share it would hold with no NE present)"
    return line


def arousal_traces(
    stress: float,
    drug: str = "none",
    dose_pct: float = DEFAULT_DOSE_PCT,
    rate_Hz: float = value("lc.tonic_rate_Hz"),
    k_alpha2a_nM: float = model.DEFAULTS.k_alpha2a_nM,
    k_alpha1_nM: float = model.DEFAULTS.k_alpha1_nM,
) -> list[dict[str, Any]]:
    """Reference curve, status text, drug curve, two markers, K ticks, occupancy bars."""
    params = model.ArousalParameters(k_alpha2a_nM=k_alpha2a_nM, k_alpha1_nM=k_alpha1_nM)
    fraction = dose_pct / 100.0
    drugs = model.drug_state(drug, fraction)
    x = model.CURVE_NE_NM
    reference = model.performance(x, None, params)
    curve = model.performance(x, drugs, params)
    state = model.arousal_state(stress, drug, fraction, rate_Hz, params)
    before = model.arousal_state(stress, "none", 0.0, rate_Hz, params)
    peak = model.peak_ne_nM(drugs, params)
    lo, hi = 10 ** X_RANGE_LOG[0], 10 ** X_RANGE_LOG[1]

    def on_axis(ne: float) -> float:
        return min(max(ne, lo), hi)

    lines = [
        _drug_line(drug, dose_pct),
        f"Stress {stress:.2f}: NE release ×{state.fold:.1f} (LC {rate_Hz:.3g} Hz at rest)",
        f"NE {format_conc(before.ne_nM)} → <b>{format_conc(state.ne_nM)}</b> (without → with drug)",
        f"Performance {before.performance:.2f} → <b>{state.performance:.2f}</b>",
        f"This curve peaks at {format_conc(peak)} ({model.performance(peak, drugs, params):.2f})",
    ]
    if not params.in_cited_order:
        lines.append("⚠ K α2A not below K α1 and β1: not the cited order")
    on_curve = "NE %{x:.3g} nM: %{y:.2f}<extra>%{fullData.name}</extra>"
    hollow = {"size": 12, "color": "white", "line": {"color": MARKER_COLOUR, "width": 2}}
    diamond = {"size": 15, "color": MARKER_COLOUR, "symbol": "diamond",
               "line": {"color": "white", "width": 1}}  # fmt: skip
    ks = [params.k_alpha2a_nM, params.k_alpha1_nM, params.k_beta1_nM]
    k_ticks = text_trace(
        [on_axis(k) for k in ks], [1.02] * 3, ["K α2A*", "K α1*", "K β1"], "2",
        colour="#374151", position="top center", mode="markers+text", hoverinfo=None,
        marker={"symbol": "triangle-down", "size": 9, "color": "#374151"},
        hovertemplate="%{text}: %{x:.3g} nM<extra></extra>",
    )  # fmt: skip
    labels = [RECEPTOR_LABELS[r] for r in model.RECEPTORS]
    act = state.activation
    ne_occ = [100.0 * act[f"{r}_by_ne"] for r in model.RECEPTORS]
    drug_occ = [max(100.0 * act[f"{r}_occupied"] - n, 0.0)
                for r, n in zip(model.RECEPTORS, ne_occ, strict=True)]  # fmt: skip
    totals = [a + b for a, b in zip(ne_occ, drug_occ, strict=True)]
    bar_text = [f"NE {a:.0f}%" + (f"<br>drug {b:.0f}%" if b >= 0.5 else "")
                for a, b in zip(ne_occ, drug_occ, strict=True)]  # fmt: skip
    return [
        line_trace(x, reference, "no drug", REFERENCE_COLOUR, "2", 2, "dash", on_curve),
        status_trace(lines),
        line_trace(x, curve, "with this drug", CURVE_COLOUR, "2", hover=on_curve),
        marker_trace([on_axis(before.ne_nM)], [before.performance], "no drug, same stress",
                     MARKER_COLOUR, "2", marker=hollow,
                     hover="no drug: NE %{x:.3g} nM, %{y:.2f}<extra></extra>"),
        marker_trace([on_axis(state.ne_nM)], [state.performance], "this state", MARKER_COLOUR,
                     "2", marker=diamond,
                     hover="this state: NE %{x:.3g} nM, %{y:.2f}<extra></extra>"),
        k_ticks,
        bar_trace(labels, ne_occ, "occupied by NE", NE_COLOUR, "3",
                  "%{x}: %{y:.0f}% by NE<extra></extra>"),
        bar_trace(labels, drug_occ, "occupied by the drug", DRUG_COLOUR, "3",
                  "%{x}: %{y:.0f}% by the drug<extra></extra>", base=ne_occ),
        text_trace(labels, totals, bar_text, "3", size=12, position="top center"),
    ]  # fmt: skip


def arousal_base_figure() -> go.Figure:
    """Status text on top, the curve (log NE axis) in the middle, occupancy bars beneath."""
    fig = stacked_figure(
        [
            Panel(share=0.15, text=True),
            Panel("Prefrontal performance (model)", 0.305,
                  xaxis={"type": "log", "range": list(X_RANGE_LOG),
                         "title": {"text": "NE at prefrontal receptors (nM, log)", "standoff": 4},
                         "tickvals": [1, 10, 100, 1000, 10000],
                         "ticktext": ["1", "10", "100", "1,000", "10,000"]},
                  yaxis={"range": [0, 1.12], "title": {"text": "performance"},
                         "tickvals": [0, 0.25, 0.5, 0.75, 1]}),
            Panel("Receptors occupied in this state", 0.235,
                  yaxis={"range": [0, 135], "title": {"text": "% occupied"},
                         "tickvals": [0, 50, 100]}),
        ],
        height=920,
        gap=0.1,
        barmode="overlay",
        legend={"orientation": "h", "y": 0.81, "yanchor": "top", "x": 0, "xanchor": "left",
                "font": {"size": 11}, "entrywidth": 0.5, "entrywidthmode": "fraction",
                "bgcolor": "rgba(255,255,255,0.85)"},
    )  # fmt: skip
    return fig


def _k_slider(name: str, label: str, low: float, high: float) -> Slider:
    row = parameter(f"receptors.ne_{name}")
    flag = " (illustrative)" if row.illustrative else ""
    return Slider(name, f"{label}{flag}", "nM", low, high, 0.05, row.value, log=True)


def arousal_spec() -> ExplorerSpec:
    """The inverted-U explorer: stress (static slider), drug (static menu), dose and Ks."""
    return ExplorerSpec(
        title="The inverted U: prefrontal performance and norepinephrine",
        parameters=(
            Slider(
                "stress",
                "Stress level",
                "",
                0.0,
                1.0,
                0.05,
                0.0,
                hint="0 = calm, 1 = the strongest stress in the model",
            ),
            Choice("drug", "Drug", model.DRUGS, "none", DRUG_LABELS),
            Slider(
                "dose_pct",
                "Drug: target occupied",
                "%",
                0.0,
                95.0,
                5.0,
                DEFAULT_DOSE_PCT,
                inactive_when={"drug": ("none",)},
            ),
            Slider("rate_Hz", "Resting LC firing", "Hz", 0.5, 5.0, 0.1, value("lc.tonic_rate_Hz")),
            _k_slider("k_alpha2a_nM", "K α2A", 1.0, 1000.0),
            _k_slider("k_alpha1_nM", "K α1", 10.0, 10000.0),
        ),
        traces=arousal_traces,
        base_figure=arousal_base_figure,
        static=StaticGrid("stress", choice="drug", steps=21, digits=3, shared_traces=1),
        caption=(
            "Prefrontal performance against norepinephrine (model), where this stress level and "
            "drug put a person, and the receptors occupied. Move the stress slider or pick a drug. "
            "Values marked * are ILLUSTRATIVE; NE's β1 constant is sourced."
        ),
    )


# ----- real drugs on the curve -----------------------------------------------------------
#: Drugs placed on the inverted U in the conditions chapter (each at half its target occupied).
INVERTED_U_DRUGS: tuple[str, ...] = ("atomoxetine", "amphetamine", "guanfacine", "prazosin",
                                     "metoprolol")  # fmt: skip
INVERTED_U_STYLES = (
    (PALETTE["blue"], "dash"), (PALETTE["orange"], "dot"), (PALETTE["green"], "dashdot"),
    (PALETTE["vermillion"], "longdash"), (PALETTE["purple"], "longdashdot"),
)  # fmt: skip
PRESET_NAMES = {
    "net_inhibitor": "NET blocker", "releaser": "NET releaser", "guanfacine": "α2A agonist",
    "yohimbine": "α2 blocker", "prazosin": "α1 blocker", "beta1_blocker": "β1 blocker",
}  # fmt: skip


def inverted_u_figure(primary_pct: float = 50.0, stress: float = 0.0) -> go.Figure:
    """The arousal model's performance curve, and where each of a few drugs puts a person.

    Grey: performance against extracellular NE with no drug; lines: the curve with each drug
    (antagonists and guanfacine change the curve itself); markers: the steady-state NE the
    model computes for tonic firing at ``stress``, with and without the drug.
    """
    fig = go.Figure()
    x = model.CURVE_NE_NM
    fig.add_trace(go.Scatter(x=x, y=model.performance(x), mode="lines", name="no drug",
                             line={"color": PALETTE["grey"], "width": 3}))  # fmt: skip
    rest = model.arousal_state(stress=stress)
    grey_cross = {"color": PALETTE["grey"], "size": 12, "symbol": "x"}
    fig.add_trace(go.Scatter(x=[rest.ne_nM], y=[rest.performance], mode="markers",
                             name="no drug", showlegend=False, marker=grey_cross))  # fmt: skip
    for ligand, (colour, dash) in zip(INVERTED_U_DRUGS, INVERTED_U_STYLES, strict=True):
        preset = arousal_preset(ligand, primary_pct)
        if preset is None:
            continue
        name, fraction = preset
        fraction = min(fraction, model.MAX_DRUG_FRACTION)
        state = model.arousal_state(stress=stress, drug=name, fraction=fraction)
        curve = model.performance(x, model.drug_state(name, fraction))
        label = f"{ligands()[ligand].short_name} ({PRESET_NAMES[name]}, {fraction:.0%} occupied)"
        fig.add_trace(go.Scatter(x=x, y=curve, mode="lines", name=label, legendgroup=ligand,
                                 line={"color": colour, "width": 2, "dash": dash}))  # fmt: skip
        fig.add_trace(go.Scatter(x=[state.ne_nM], y=[state.performance], mode="markers",
                                 name=label, legendgroup=ligand, showlegend=False,
                                 marker={"color": colour, "size": 11}))  # fmt: skip
    fig.update_layout(
        template=TEMPLATE_NAME, height=500, margin={"l": 50, "r": 10, "t": 50, "b": 40},
        title={"text": "Where a drug puts a person on the inverted U (model)"},
        xaxis={"type": "log", "title": {"text": "NE at prefrontal receptors (nM)"}},
        yaxis={"title": {"text": "performance (model units)"}, "range": [0, 1]},
        legend={"orientation": "h", "y": -0.2, "font": {"size": 11}},
    )  # fmt: skip
    return fig


# ----- adaptive gain ---------------------------------------------------------------------
GAIN_X = np.logspace(-1.3, math.log10(12.0), 121)


def adaptive_gain_traces(tonic_Hz: float) -> list[dict[str, Any]]:
    """The gain curve (shared), the marker for this tonic rate, and a status text."""
    gain = model.phasic_gain(tonic_Hz)
    mode = model.lc_mode(tonic_Hz)
    curve = {
        "type": "scatter", "mode": "lines", "x": GAIN_X, "y": model.phasic_gain(GAIN_X),
        "name": "phasic responsiveness", "line": {"color": CURVE_COLOUR, "width": 3},
        "hovertemplate": "%{x:.2g} Hz: %{y:.2f}<extra></extra>", "showlegend": False,
    }  # fmt: skip
    marker = marker_trace(
        [tonic_Hz],
        [gain],
        "",
        MARKER_COLOUR,
        size=15,
        symbol="diamond",
        showlegend=False,
        hover="%{x:.2g} Hz: %{y:.2f}<extra></extra>",
    )
    status = text_trace([GAIN_X[0]], [1.32], [f"Tonic LC {tonic_Hz:.2g} Hz → phasic "
                        f"responsiveness {gain:.2f}:<br><b>{mode}</b>"], size=13,
                        position="bottom right")  # fmt: skip
    return [curve, marker, status]


def adaptive_gain_base_figure() -> go.Figure:
    """Log tonic-rate axis; coloured bands for the LC rates of sleep and waking states."""
    fig = go.Figure()
    shapes, annotations = [], []
    rows = [s for s in model.LC_STATES if s[2] > 0]
    for i, (label, low, high) in enumerate(rows):
        y0 = -0.14 - 0.12 * i
        shapes.append(
            {"type": "rect", "xref": "x", "yref": "y", "x0": low, "x1": high, "y0": y0 - 0.09,
             "y1": y0, "fillcolor": "#fde68a", "line": {"width": 0}, "layer": "below"}
        )  # fmt: skip
        # Labels start at the plot's left edge (they never run off a phone screen); the
        # pale band behind shows the range.
        annotations.append(
            {"text": f"{label}: {format_number(low)}–{format_number(high)} Hz",
             "x": 0, "y": y0 - 0.045, "xref": "paper", "yref": "y", "xanchor": "left",
             "yanchor": "middle", "showarrow": False,
             "font": {"size": 11, "color": "#1f2937"}}
        )  # fmt: skip
    shapes.append(
        {"type": "line", "xref": "x", "yref": "y", "x0": model.ARREST_RATE_HZ,
         "x1": model.ARREST_RATE_HZ, "y0": 0, "y1": 1.05,
         "line": {"color": "#7f1d1d", "dash": "dot", "width": 1.5}}
    )  # fmt: skip
    annotations.append(
        {"text": f"sustained ≥ {format_number(model.ARREST_RATE_HZ)} Hz:<br>behavioural<br>"
                 "arrest (mice)",
         "x": math.log10(model.ARREST_RATE_HZ * 0.94), "y": 0.33, "xref": "x", "yref": "y",
         "xanchor": "right", "yanchor": "top", "align": "right",
         "showarrow": False, "font": {"size": 10, "color": "#7f1d1d"}}
    )  # fmt: skip
    annotations.append(
        {"text": "REM sleep: LC silent (0 Hz, off this axis)", "x": 0, "xref": "paper",
         "y": -0.14 - 0.12 * len(rows) - 0.045, "yref": "y", "xanchor": "left",
         "yanchor": "middle", "showarrow": False, "font": {"size": 11, "color": "#374151"}}
    )  # fmt: skip
    fig.update_layout(
        xaxis={"type": "log", "range": [math.log10(GAIN_X[0]), math.log10(GAIN_X[-1])],
               "title": {"text": "tonic LC firing rate (Hz, log)", "standoff": 4},
               "tickvals": [0.1, 0.3, 1, 3, 10], "ticktext": ["0.1", "0.3", "1", "3", "10"]},
        yaxis={"range": [-0.14 - 0.12 * (len(rows) + 1), 1.35],
               "title": {"text": "phasic responsiveness"}, "tickvals": [0, 0.5, 1],
               "zeroline": False},
        shapes=shapes,
        annotations=annotations,
        height=520,
        template=TEMPLATE_NAME,
        margin={"l": 55, "r": 10, "t": 30, "b": 40},
        font={"size": 13},
    )  # fmt: skip
    return fig


def adaptive_gain_spec() -> ExplorerSpec:
    """The adaptive-gain explorer: one log slider for the tonic LC rate."""
    return ExplorerSpec(
        title="Adaptive gain: tonic and phasic locus coeruleus modes",
        parameters=(Slider("tonic_Hz", "Tonic LC firing", "Hz", 0.1, 10.0, 0.05, 1.0, log=True),),
        traces=adaptive_gain_traces,
        base_figure=adaptive_gain_base_figure,
        static=StaticGrid("tonic_Hz", steps=30, shared_traces=1),
        caption=(
            "Phasic locus coeruleus responsiveness against tonic firing: an ILLUSTRATIVE shape "
            "after Aston-Jones and Cohen (2005), over measured firing rates in sleep and waking. "
            "Move the slider."
        ),
    )
