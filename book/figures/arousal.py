"""The arousal chapter's figures: the inverted-U explorer and the adaptive-gain explorer.

* :func:`arousal_spec`: prefrontal performance against extracellular norepinephrine (NE, log
  axis), derived from receptor occupancy (:mod:`book.models.arousal`), with a marker for the
  reader's state (stress level, drug and dose) and bars for the occupancy of the three
  receptors beneath. The static book has a stress slider and a drug menu.
* :func:`adaptive_gain_spec`: the ILLUSTRATIVE adaptive-gain curve (phasic responsiveness
  against tonic locus coeruleus firing) with the firing rates of sleep and waking states.
* :func:`parameter_table`: the model's parameters, each marked sourced, derived or
  illustrative, as an HTML table (and as text).
"""

from __future__ import annotations

import html
import math
from typing import Any

import numpy as np
import plotly.graph_objects as go

from book.data.affinities import affinity
from book.data.references import short_citation
from book.figures.spec import Choice, ExplorerSpec, Slider, format_number
from book.models import arousal as model

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
RECEPTORS = ("alpha2A", "alpha1", "beta1")
RECEPTOR_LABELS = {"alpha2A": "α2A", "alpha1": "α1", "beta1": "β1"}
CURVE_COLOUR = "#1d4ed8"
REFERENCE_COLOUR = "#9ca3af"
MARKER_COLOUR = "#b91c1c"
NE_COLOUR = "#1d4ed8"
DRUG_COLOUR = "#f59e0b"
X_RANGE_LOG = (0.0, 4.0)  # 1 nM to 10 uM
DEFAULT_DOSE_PCT = 70.0


def _conc(nM: float) -> str:
    value, unit = (nM / 1000, "µM") if nM >= 1000 else (nM, "nM")
    return f"{format_number(float(f'{value:.2g}'))} {unit}"


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
            conc = row.k_nM * dose_pct / (100.0 - dose_pct)
            line += f"<br>(atomoxetine ≈ {_conc(conc)} free; Ki {_conc(row.k_nM)})"
    elif drug in ("guanfacine", "yohimbine", "prazosin", "beta1_blocker"):
        line += "<br>(the share it would hold with no NE present)"
    return line


def arousal_traces(
    stress: float,
    drug: str = "none",
    dose_pct: float = DEFAULT_DOSE_PCT,
    rate_Hz: float = model.TONIC_RATE_HZ,
    k_alpha2a_nM: float = model.K_ALPHA2A_NM,
    k_alpha1_nM: float = model.K_ALPHA1_NM,
) -> list[dict[str, Any]]:
    """Reference curve, drug curve, two markers, K ticks, occupancy bars and a status text."""
    fraction = dose_pct / 100.0
    drugs = model.drug_state(drug, fraction)
    x = model.CURVE_NE_NM
    reference = model.performance(x, None, k_alpha2a_nM, k_alpha1_nM)
    curve = model.performance(x, drugs, k_alpha2a_nM, k_alpha1_nM)
    state = model.arousal_state(stress, drug, fraction, rate_Hz, k_alpha2a_nM, k_alpha1_nM)
    before = model.arousal_state(stress, "none", 0.0, rate_Hz, k_alpha2a_nM, k_alpha1_nM)
    peak = model.peak_ne_nM(drugs, k_alpha2a_nM, k_alpha1_nM)
    lo, hi = 10 ** X_RANGE_LOG[0], 10 ** X_RANGE_LOG[1]

    def on_axis(ne: float) -> float:
        return min(max(ne, lo), hi)

    lines = [
        _drug_line(drug, dose_pct),
        f"Stress {stress:.2f}: NE release ×{state.fold:.1f} (LC {rate_Hz:.3g} Hz at rest)",
        f"NE {_conc(before.ne_nM)} → <b>{_conc(state.ne_nM)}</b> (without → with drug)",
        f"Performance {before.performance:.2f} → <b>{state.performance:.2f}</b>",
        f"This curve peaks at {_conc(peak)} "
        f"({model.performance(peak, drugs, k_alpha2a_nM, k_alpha1_nM):.2f})",
    ]
    if k_alpha2a_nM >= min(k_alpha1_nM, model.K_BETA1_NM):
        lines.append("⚠ K α2A not below K α1 and β1: not the cited order")
    status = {
        "type": "scatter", "mode": "text", "x": [0.0], "y": [1.0],
        "text": ["<br>".join(lines)], "textposition": "bottom right", "cliponaxis": False,
        "textfont": {"size": 13}, "showlegend": False, "hoverinfo": "skip",
        "xaxis": "x", "yaxis": "y",
    }  # fmt: skip
    reference_line = {
        "type": "scatter", "mode": "lines", "x": x, "y": reference, "name": "no drug",
        "line": {"color": REFERENCE_COLOUR, "dash": "dash", "width": 2},
        "hovertemplate": "NE %{x:.3g} nM: %{y:.2f}<extra>no drug</extra>",
        "xaxis": "x2", "yaxis": "y2",
    }  # fmt: skip
    drug_line = {
        "type": "scatter", "mode": "lines", "x": x, "y": curve, "name": "with this drug",
        "line": {"color": CURVE_COLOUR, "width": 3},
        "hovertemplate": "NE %{x:.3g} nM: %{y:.2f}<extra>with drug</extra>",
        "xaxis": "x2", "yaxis": "y2",
    }  # fmt: skip
    before_marker = {
        "type": "scatter", "mode": "markers", "x": [on_axis(before.ne_nM)],
        "y": [before.performance], "name": "no drug, same stress",
        "marker": {"size": 12, "color": "white", "line": {"color": MARKER_COLOUR, "width": 2}},
        "hovertemplate": "no drug: NE %{x:.3g} nM, %{y:.2f}<extra></extra>",
        "xaxis": "x2", "yaxis": "y2",
    }  # fmt: skip
    marker = {
        "type": "scatter", "mode": "markers", "x": [on_axis(state.ne_nM)],
        "y": [state.performance], "name": "this state",
        "marker": {"size": 15, "color": MARKER_COLOUR, "symbol": "diamond",
                   "line": {"color": "white", "width": 1}},
        "hovertemplate": "this state: NE %{x:.3g} nM, %{y:.2f}<extra></extra>",
        "xaxis": "x2", "yaxis": "y2",
    }  # fmt: skip
    ks = [k_alpha2a_nM, k_alpha1_nM, model.K_BETA1_NM]
    k_ticks = {
        "type": "scatter", "mode": "markers+text",
        "x": [on_axis(k) for k in ks], "y": [1.02, 1.02, 1.02],
        "text": ["K α2A*", "K α1*", "K β1"], "textposition": "top center",
        "textfont": {"size": 11, "color": "#374151"}, "cliponaxis": False,
        "marker": {"symbol": "triangle-down", "size": 9, "color": "#374151"},
        "showlegend": False,
        "hovertemplate": "%{text}: %{x:.3g} nM<extra></extra>",
        "xaxis": "x2", "yaxis": "y2",
    }  # fmt: skip
    labels = [RECEPTOR_LABELS[r] for r in RECEPTORS]
    act = state.activation
    ne_occ = []
    drug_occ = []
    for r in RECEPTORS:
        total = 100.0 * act[f"{r}_occupied"]
        by_ne = 100.0 * _ne_share(r, state.ne_nM, drugs, k_alpha2a_nM, k_alpha1_nM)
        ne_occ.append(by_ne)
        drug_occ.append(max(total - by_ne, 0.0))
    ne_bars = {
        "type": "bar", "x": labels, "y": ne_occ, "name": "occupied by NE", "showlegend": False,
        "marker": {"color": NE_COLOUR},
        "hovertemplate": "%{x}: %{y:.0f}% by NE<extra></extra>",
        "xaxis": "x3", "yaxis": "y3",
    }  # fmt: skip
    drug_bars = {
        "type": "bar", "x": labels, "y": drug_occ, "base": ne_occ,
        "name": "occupied by the drug", "showlegend": False, "marker": {"color": DRUG_COLOUR},
        "hovertemplate": "%{x}: %{y:.0f}% by the drug<extra></extra>",
        "xaxis": "x3", "yaxis": "y3",
    }  # fmt: skip
    bar_labels = {
        "type": "scatter", "mode": "text", "x": labels,
        "y": [a + b for a, b in zip(ne_occ, drug_occ, strict=True)],
        "text": [f"NE {a:.0f}%" + (f"<br>drug {b:.0f}%" if b >= 0.5 else "")
                 for a, b in zip(ne_occ, drug_occ, strict=True)],
        "textposition": "top center", "textfont": {"size": 12}, "cliponaxis": False,
        "showlegend": False, "hoverinfo": "skip", "xaxis": "x3", "yaxis": "y3",
    }  # fmt: skip
    return [reference_line, status, drug_line, before_marker, marker, k_ticks, ne_bars,
            drug_bars, bar_labels]  # fmt: skip


def _ne_share(receptor, ne_nM, drugs, k_alpha2a_nM, k_alpha1_nM) -> float:
    """Fraction of ``receptor`` occupied by NE itself (Gaddum, with the drug competing)."""
    if receptor == "alpha2A":
        r, others = ne_nM / k_alpha2a_nM, drugs.alpha2_agonist_ratio + drugs.alpha2_antagonist_ratio
    elif receptor == "alpha1":
        r, others = ne_nM / k_alpha1_nM, drugs.alpha1_antagonist_ratio
    else:
        r, others = ne_nM / model.K_BETA1_NM, drugs.beta1_antagonist_ratio
    return r / (1.0 + r + others)


def arousal_base_figure() -> go.Figure:
    """Status text on top, the curve (log NE axis) in the middle, occupancy bars beneath."""
    fig = go.Figure()
    fig.update_layout(
        xaxis={"domain": [0, 1], "anchor": "y", "visible": False, "range": [0, 1],
               "fixedrange": True},
        yaxis={"domain": [0.85, 1.0], "anchor": "x", "visible": False, "range": [0, 1],
               "fixedrange": True},
        xaxis2={"domain": [0, 1], "anchor": "y2", "type": "log", "range": list(X_RANGE_LOG),
                "title": {"text": "NE at prefrontal receptors (nM, log)", "standoff": 4},
                "tickvals": [1, 10, 100, 1000, 10000],
                "ticktext": ["1", "10", "100", "1,000", "10,000"]},
        yaxis2={"domain": [0.415, 0.72], "anchor": "x2", "range": [0, 1.12],
                "title": {"text": "performance"}, "tickvals": [0, 0.25, 0.5, 0.75, 1]},
        xaxis3={"domain": [0, 1], "anchor": "y3"},
        yaxis3={"domain": [0.0, 0.235], "anchor": "x3", "range": [0, 135],
                "title": {"text": "% occupied"}, "tickvals": [0, 50, 100]},
        annotations=[
            {"text": "<b>Prefrontal performance (model)</b>", "x": 0, "y": 0.815,
             "xref": "paper", "yref": "paper", "xanchor": "left", "yanchor": "bottom",
             "showarrow": False},
            {"text": "<b>Receptors occupied in this state</b>", "x": 0, "y": 0.275,
             "xref": "paper", "yref": "paper", "xanchor": "left", "yanchor": "bottom",
             "showarrow": False},
        ],
        height=920,
        template="plotly_white",
        barmode="overlay",
        margin={"l": 55, "r": 10, "t": 40, "b": 30},
        legend={"orientation": "h", "y": 0.81, "yanchor": "top", "x": 0,
                "xanchor": "left", "font": {"size": 11}, "entrywidth": 0.5,
                "entrywidthmode": "fraction",
                "bgcolor": "rgba(255,255,255,0.85)"},
        font={"size": 13},
        modebar={"orientation": "v", "remove": ["zoomIn2d", "zoomOut2d", "lasso2d", "select2d"]},
    )  # fmt: skip
    return fig


def arousal_spec() -> ExplorerSpec:
    """The inverted-U explorer: stress (static slider), drug (static menu), dose and Ks."""
    return ExplorerSpec(
        title="The inverted U: prefrontal performance and norepinephrine",
        parameters=(
            Slider("stress", "Stress level", "", 0.0, 1.0, 0.05, 0.0),
            Choice("drug", "Drug", model.DRUGS, "none", DRUG_LABELS),
            Slider("dose_pct", "Drug: target occupied", "%", 0.0, 95.0, 5.0, DEFAULT_DOSE_PCT),
            Slider("rate_Hz", "Resting LC firing", "Hz", 0.5, 5.0, 0.1, model.TONIC_RATE_HZ),
            Slider(
                "k_alpha2a_nM",
                "K α2A (illustrative)",
                "nM",
                1.0,
                1000.0,
                0.05,
                model.K_ALPHA2A_NM,
                log=True,
            ),
            Slider(
                "k_alpha1_nM",
                "K α1 (illustrative)",
                "nM",
                10.0,
                10000.0,
                0.05,
                model.K_ALPHA1_NM,
                log=True,
            ),
        ),  # fmt: skip
        traces=arousal_traces,
        base_figure=arousal_base_figure,
        static_slider="stress",
        static_choice="drug",
        static_steps=21,
        significant_digits=3,
        shared_traces=1,
        caption=(
            "Performance = (0.3 + 0.7 A_α2A) × (1 − 0.7 A_α1 − 0.3 A_β1), with A the share of "
            "each receptor activated by agonists (NE; guanfacine at α2A), antagonists "
            "competing by Gaddum's equation. NE's β1 constant (Ki 2.0 µM) is sourced; the α2A "
            "(30 nM) and α1 (300 nM) constants marked * and all gains are ILLUSTRATIVE: only "
            "their order (α2A well below α1 and β1) comes from the literature. Stress multiplies "
            "NE release by up to 10 (an illustrative scaling); NE is the steady state of the "
            "clearance chapter's synapse model at a resting LC rate of 2 Hz. Each drug occupies "
            f"{DEFAULT_DOSE_PCT:.0f}% of its target: of NET, or, for a receptor drug, the share "
            "it would hold with no NE present (so no affinity is assumed)."
        ),
    )


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
    marker = {
        "type": "scatter", "mode": "markers", "x": [tonic_Hz], "y": [gain],
        "marker": {"size": 15, "color": MARKER_COLOUR, "symbol": "diamond"},
        "showlegend": False, "hovertemplate": "%{x:.2g} Hz: %{y:.2f}<extra></extra>",
    }  # fmt: skip
    status = {
        "type": "scatter", "mode": "text", "x": [GAIN_X[0]], "y": [1.32],
        "text": [f"Tonic LC {tonic_Hz:.2g} Hz → phasic responsiveness {gain:.2f}:"
                 f"<br><b>{mode}</b>"],
        "textposition": "bottom right", "cliponaxis": False, "showlegend": False,
        "hoverinfo": "skip", "textfont": {"size": 13},
    }  # fmt: skip
    return [curve, marker, status]


def adaptive_gain_base_figure() -> go.Figure:
    """Log tonic-rate axis; coloured bands for the LC rates of sleep and waking states."""
    fig = go.Figure()
    shapes, annotations = [], []
    rows = [s for s in model.LC_STATES if s[2] > 0]
    for i, (label, low, high, _key) in enumerate(rows):
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
        {"text": "sustained ≥ 5 Hz:<br>behavioural<br>arrest (mice)",
         "x": math.log10(4.7), "y": 0.33, "xref": "x", "yref": "y", "xanchor": "right",
         "yanchor": "top", "align": "right",
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
        template="plotly_white",
        margin={"l": 55, "r": 10, "t": 30, "b": 40},
        font={"size": 13},
        modebar={"orientation": "v", "remove": ["zoomIn2d", "zoomOut2d", "lasso2d", "select2d"]},
    )  # fmt: skip
    return fig


def adaptive_gain_spec() -> ExplorerSpec:
    """The adaptive-gain explorer: one log slider for the tonic LC rate."""
    return ExplorerSpec(
        title="Adaptive gain: tonic and phasic locus coeruleus modes",
        parameters=(Slider("tonic_Hz", "Tonic LC firing", "Hz", 0.1, 10.0, 0.05, 1.0, log=True),),
        traces=adaptive_gain_traces,
        base_figure=adaptive_gain_base_figure,
        static_slider="tonic_Hz",
        static_steps=30,
        shared_traces=1,
        caption=(
            "ILLUSTRATIVE shape after Aston-Jones & Cohen (2005): phasic LC responses to task "
            "events are small when tonic firing is very low (drowsy), largest at intermediate "
            "tonic rates (engaged, 'exploitation') and smaller again at high tonic rates "
            "(distractible, 'exploration'). The curve is g(f) = f/(f + 0.5 Hz) × "
            "1/(1 + (f/3 Hz)²), scaled to a peak of 1; its two rates are illustrative, not "
            "fitted. The bands are measured LC rates (cats: Nitz & Siegel 1997; phasic bursts "
            "in mice: Carter et al. 2010)."
        ),
    )


# ----- the parameter table ---------------------------------------------------------------


class ParameterTable:
    """The model's parameter records as an HTML table (book) and as aligned text."""

    def __init__(self, parameters: dict[str, model.Parameter]) -> None:
        self.parameters = parameters

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(parameter, value, status, source) per parameter, sources as short citations."""
        out = []
        for p in self.parameters.values():
            value = f"{format_number(p.value)} {p.unit}".strip()
            cites = "; ".join(short_citation(k) for k in p.sources) or "No source"
            note = p.note[:1].upper() + p.note[1:]
            source = f"{cites}. {note}" if note else cites
            out.append((p.label, value, p.status.upper(), source))
        return out

    def __str__(self) -> str:
        return "\n".join(f"{a:<52} {b:>10}  {c:<12} {d}" for a, b, c, d in self.rows())

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        head = "".join(f'<th scope="col">{h}</th>' for h in
                       ("Parameter", "Value", "Status", "Source and note"))  # fmt: skip
        body = []
        for label, value, status, source in self.rows():
            style = ' style="color:#b45309;font-weight:bold"' if status == "ILLUSTRATIVE" else ""
            body.append(
                f"<tr><td>{html.escape(label)}</td><td>{html.escape(value)}</td>"
                f"<td{style}>{status}</td><td>{html.escape(source)}</td></tr>"
            )
        return (
            '<div style="overflow-x:auto"><table class="ne-parameters" style="min-width:34em">'
            "<caption>Parameters of the arousal model: sourced, "
            "derived or illustrative</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
        )


def parameter_table() -> ParameterTable:
    """Every parameter of :mod:`book.models.arousal` with its status and source."""
    return ParameterTable(model.PARAMETERS)
