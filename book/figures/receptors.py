"""The receptors chapter's figures: the receptor x drug matrix and the Schild explorer.

* :func:`matrix_spec` draws every sourced affinity in ``affinities.csv`` as a heat map of
  ligands (grouped by class) against the twelve targets; a cell with no sourced value stays
  grey. Picking a drug and a concentration shows, as bars, the fraction of each target that
  drug would occupy by mass action, so selectivity reads at a glance.
* :func:`schild_spec` draws norepinephrine's concentration-response curve (operational model,
  Black & Leff 1983) at a beta receptor and its parallel rightward shift by a competitive
  antagonist (dose ratio 1 + [B]/K_B, Arunlakshana & Schild 1959). No antagonist affinity at
  beta1 or beta2 has been read into the data yet, so the antagonist is a clearly labelled
  generic one whose K_B is a choice, and the efficacy tau is an illustrative parameter.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from book.data.affinities import (
    GROUPS,
    TARGETS,
    Affinity,
    acts_at_matrix_targets,
    affinities_for,
    affinity,
    cell_state,
    ligand_group,
    ligands,
    ordered_ligands,
)
from book.data.parameters import value
from book.data.references import short_citation
from book.explorer import Choice, ExplorerSpec, Slider, StaticGrid
from book.figures.style import (
    PALETTE,
    TARGET_LABELS,
    TAU_HINT,
    TEMPLATE_NAME,
    Panel,
    bar_trace,
    format_number,
    line_trace,
    marker_trace,
    stacked_figure,
    text_trace,
)
from book.models.receptors import (
    antagonised_response,
    occupancy,
    operational_ec50_nM,
    operational_emax,
    operational_response,
    schild_dose_ratio,
    schild_log_dr_minus_1,
    target_occupancy,
)

FAMILY_COLOURS = {"alpha1": "#c2410c", "alpha2": "#1d4ed8", "beta": "#15803d", "uptake": "#6d28d9"}


def target_family(target: str) -> str:
    """``alpha1``, ``alpha2``, ``beta`` or ``uptake`` (the three monoamine transporters)."""
    if target.startswith(("alpha1", "alpha2")):
        return target[:6]
    return "beta" if target.startswith("beta") else "uptake"


# ----- the receptor x drug matrix -----------------------------------------------------------


#: Heading of the rows gathered at the end: ligands with nothing known at any of the targets.
ELSEWHERE_HEADING = "Acting elsewhere"
#: Short codes written in the cells whose action is stated without a value.
ACTION_CODES = {
    "agonist": "ag", "full agonist": "ag", "partial agonist": "pa", "antagonist": "ant",
    "inverse agonist": "inv", "reuptake inhibitor": "inh", "releaser": "rel",
    "substrate": "sub",
}  # fmt: skip
#: Fill of each cell state: a value takes the affinity colour scale instead.
STATE_FILLS = {"action": "#d1d5db", "unknown": "rgba(0,0,0,0)"}


def matrix_ligands() -> tuple[str, ...]:
    """Ligand ids in matrix order: class groups, then those with nothing known at any target."""
    order = ordered_ligands()
    known = [lig for lig in order if acts_at_matrix_targets(lig)]
    return (*known, *[lig for lig in order if lig not in known])


def matrix_rows() -> list[tuple[str, str | None]]:
    """The heat map's rows, top to bottom: ``(label, ligand id)``, None for a group heading."""
    table = ligands()
    rows: list[tuple[str, str | None]] = []
    current = None
    for ligand in matrix_ligands():
        known = acts_at_matrix_targets(ligand)
        group = GROUPS[ligand_group(table[ligand])][0] if known else ELSEWHERE_HEADING
        if group != current:
            rows.append((f"<b>{group}</b>", None))
            current = group
        rows.append((table[ligand].short_name, ligand))
    return rows


def _value_text(row: Affinity) -> str:
    if row.is_range:
        low, high = row.k_range_nM
        return (
            f"{row.value_type} {row.value:.2f}–{row.value_high:.2f} "
            f"(K {format_number(low)}–{format_number(high)} nM, published range)"
        )
    return f"{row.value_type} {row.value:.2f} (K = {format_number(row.k_nM)} nM)"


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _citations(keys: Sequence[str], limit: int = 3) -> str:
    names = [short_citation(k) for k in keys[:limit]]
    more = len(keys) - limit
    return "; ".join(names) + (f"; and {more} more" if more > 0 else "")


def cell_hover(ligand: str, target: str) -> str:
    """Hover text of one cell: its state, and the value, species, assay and source (author,
    year) of every sourced row, or the sources that state the action."""
    entry = ligands()[ligand]
    state = cell_state(ligand, target)
    head = f"<b>{html.escape(entry.name)}</b> at {TARGET_LABELS[target]}"
    if state.state == "unknown":
        lines = [head, "nothing known: no value and no stated action", "in the book's sources"]
        if entry.other_actions:
            lines.append(f"known action: {html.escape('; '.join(entry.other_actions))}")
        return "<br>".join(lines)
    if state.state == "action":
        return "<br>".join([
            head, f"{html.escape(state.action)}; size not measured in the book's sources",
            f"source: {html.escape(_citations(entry.sources))}",
        ])  # fmt: skip
    rows = affinities_for(ligand, target)
    ordered = [state.affinity, *[r for r in rows if r is not state.affinity]]
    parts = [head, f"action: {state.action or 'binds; action here not stated'}"]
    for index, row in enumerate(ordered):
        prefix = "" if index == 0 else "also: "
        parts.append(f"{prefix}{_value_text(row)}")
        parts.append(f"{html.escape(_short(row.species))}; {html.escape(_short(row.assay))}")
        parts.append(f"source: {html.escape(short_citation(row.source))}")
    return "<br>".join(parts)


def matrix_states() -> list[list[str | None]]:
    """Each cell's state (``value``, ``action`` or ``unknown``; None on a heading row)."""
    return [
        [None] * len(TARGETS)
        if ligand is None
        else [cell_state(ligand, target).state for target in TARGETS]
        for _, ligand in matrix_rows()
    ]


def matrix_cells() -> tuple[list[list[float | None]], list[list[str]]]:
    """Heat-map values (central pK, None where nothing is sourced) and hover texts by row."""
    z: list[list[float | None]] = []
    text: list[list[str]] = []
    for _, ligand in matrix_rows():
        if ligand is None:
            z.append([None] * len(TARGETS))
            text.append([""] * len(TARGETS))
            continue
        values = []
        for target in TARGETS:
            row = affinity(ligand, target)
            values.append(None if row is None else round(row.central_value, 2))
        z.append(values)
        text.append([cell_hover(ligand, target) for target in TARGETS])
    return z, text


_MATRIX_CACHE: dict[str, Any] = {}


def _matrix_static() -> tuple[list[tuple[str, str | None]], list, list]:
    if "rows" not in _MATRIX_CACHE:
        z, text = matrix_cells()
        _MATRIX_CACHE.update(rows=matrix_rows(), z=z, text=text, states=matrix_states())
    return _MATRIX_CACHE["rows"], _MATRIX_CACHE["z"], _MATRIX_CACHE["text"]


def matrix_traces(ligand: str, conc_nM: float) -> list[dict[str, Any]]:
    """Two shared heat maps, then the chosen drug's row outline and occupancy bars."""
    rows, z, text = _matrix_static()
    n = len(rows)
    columns = list(range(len(TARGETS)))
    states = _MATRIX_CACHE["states"]
    # The background heat map draws the two states without a value: 0 nothing known
    # (transparent), 1 an action stated without a value (grey, with its code written on it).
    background = [[None if st is None else float(st == "action") for st in row]
                  for row in states]  # fmt: skip
    # Each hover text goes with the heat map that shows the cell.
    gap_text = [[t if v is None else "" for t, v in zip(tr, zr, strict=True)]
                for tr, zr in zip(text, z, strict=True)]  # fmt: skip
    value_text = [[t if v is not None else "" for t, v in zip(tr, zr, strict=True)]
                  for tr, zr in zip(text, z, strict=True)]  # fmt: skip
    heat = {"type": "heatmap", "x": columns, "y": list(range(n)), "xgap": 1, "ygap": 1,
            "hovertemplate": "%{text}<extra></extra>", "hoverongaps": False,
            "xaxis": "x", "yaxis": "y"}  # fmt: skip
    fills = [[0, STATE_FILLS["unknown"]], [0.5, STATE_FILLS["unknown"]],
             [0.5, STATE_FILLS["action"]], [1, STATE_FILLS["action"]]]  # fmt: skip
    grey = heat | {"z": background, "zmin": 0, "zmax": 1, "colorscale": fills,
                   "showscale": False, "text": gap_text, "name": "no sourced value"}  # fmt: skip
    colourbar = {"title": {"text": "pK", "side": "top"}, "len": 0.3, "y": 1.0, "yanchor": "top",
                 "thickness": 10, "x": 1.0, "xpad": 4, "tickvals": [4, 6, 8, 10]}  # fmt: skip
    values = heat | {"z": z, "zmin": 4, "zmax": 10, "colorscale": "Viridis", "text": value_text,
                     "colorbar": colourbar, "name": "sourced affinity"}  # fmt: skip
    index = next(i for i, (_, lig) in enumerate(rows) if lig == ligand)
    outline = line_trace([-0.5, 11.5, 11.5, -0.5, -0.5],
                         [index - 0.5, index - 0.5, index + 0.5, index + 0.5, index - 0.5],
                         "", "#dc2626", hoverinfo="skip", showlegend=False)  # fmt: skip
    occupied = {t: v and tuple(100 * x for x in v)
                for t, v in target_occupancy(ligand, conc_nM).items()}  # fmt: skip
    shown = [None if v is None else v[0] for v in occupied.values()]
    low = [0.0 if v is None else v[1] for v in occupied.values()]
    span = [0.0 if v is None else v[2] - v[1] for v in occupied.values()]
    colours = [FAMILY_COLOURS[target_family(t)] for t in TARGETS]
    missing = [i for i, v in enumerate(occupied.values()) if v is None]
    return [
        grey, values, outline,
        bar_trace(columns, shown, "", colours, "2", "%{y:.1f}% occupied<extra></extra>",
                  texttemplate="%{y:.0f}%", textposition="outside", cliponaxis=False, width=0.7),
        bar_trace(columns, span, "", "rgba(17,24,39,0.45)", "2", base=low, width=0.22,
                  hoverinfo="skip"),
        text_trace(missing, [6.0] * len(missing), ["–"] * len(missing), "2", 13, "#6b7280",
                   position="middle center"),
    ]  # fmt: skip


# Pixel layout of the matrix figure: heat map, a band for the menu and slider, then bars.
# The controls sit in the middle of the figure so that a browser scrolled to the figure's
# centre shows them whatever the screen height.
ROW_PX, BAND_PX, BARS_PX, TOP_PX, BOTTOM_PX = 16, 165, 190, 45, 45


def _matrix_geometry() -> dict[str, float]:
    rows, _, _ = _matrix_static()
    heat = ROW_PX * len(rows)
    plot = heat + BAND_PX + BARS_PX
    return {
        "height": TOP_PX + plot + BOTTOM_PX,
        "heat": heat / plot,
        "band": BAND_PX / plot,
        "bars": BARS_PX / plot,
        "px": 1.0 / plot,
    }


def matrix_base_figure() -> go.Figure:
    rows, _, _ = _matrix_static()
    n = len(rows)
    g = _matrix_geometry()
    fig = make_subplots(
        rows=2, cols=1, row_heights=[g["heat"], g["bars"]], vertical_spacing=g["band"]
    )
    ticks = {"tickvals": list(range(len(TARGETS))), "ticktext": list(TARGET_LABELS.values())}
    fig.update_xaxes(**ticks, side="top", range=[-0.5, 11.5], showgrid=False, row=1, col=1)
    fig.update_xaxes(**ticks, range=[-0.5, 11.5], row=2, col=1)
    fig.update_yaxes(
        tickvals=list(range(n)), ticktext=[label for label, _ in rows], autorange="reversed",
        showgrid=False, tickfont={"size": 11}, row=1, col=1,
    )  # fmt: skip
    fig.update_yaxes(title_text="occupied (%)", range=[0, 118], row=2, col=1)
    for boundary in (2.5, 5.5, 8.5):
        fig.add_shape(
            type="line", x0=boundary, x1=boundary, y0=-0.5, y1=n - 0.5,
            line={"color": "white", "width": 3}, row=1, col=1,
        )  # fmt: skip
    fig.update_layout(
        height=g["height"],
        template=TEMPLATE_NAME,
        margin={"l": 10, "r": 10, "t": TOP_PX, "b": BOTTOM_PX},
        font={"size": 12},
        bargap=0.2,
        barmode="overlay",
        showlegend=False,
        annotations=[
            {
                "text": "Occupancy at the chosen concentration",
                "xref": "paper", "yref": "paper", "x": 0, "y": g["bars"] + 6 * g["px"],
                "xanchor": "left", "yanchor": "bottom", "showarrow": False,
                "font": {"size": 12},
            }
        ],
    )  # fmt: skip
    fig.update_yaxes(automargin=True)
    states = _MATRIX_CACHE["states"]
    table = ligands()
    codes = [
        {"x": j, "y": i, "text": ACTION_CODES[table[ligand].actions[target]], "xref": "x",
         "yref": "y", "showarrow": False, "font": {"size": 10, "color": "#111827"},
         "captureevents": False}
        for i, (_, ligand) in enumerate(rows)
        for j, target in enumerate(TARGETS)
        if ligand is not None and states[i][j] == "action"
    ]  # fmt: skip
    # One layout update: plotly re-validates every annotation at each add_annotation.
    fig.update_layout(annotations=[*fig.layout.annotations, *codes])
    # Clicking a row chooses that drug (_ext/assets/book-figures.js): each row's menu entry.
    order = matrix_ligands()
    fig.update_layout(meta={"matrix_rows": [None if lig is None else order.index(lig)
                                            for _, lig in rows]})  # fmt: skip
    return fig


def menu_label(ligand: str) -> str:
    """The drug menu's entry: the class group first, so the menu reads grouped by class."""
    entry = ligands()[ligand]
    group = GROUPS[ligand_group(entry)][0] if acts_at_matrix_targets(ligand) else "Elsewhere"
    return f"{group}: {entry.name}"


def matrix_spec() -> ExplorerSpec:
    """The receptor x drug matrix with a drug menu and a concentration slider."""
    order = matrix_ligands()
    geometry = _matrix_geometry()
    return ExplorerSpec(
        title="Receptor x drug matrix: sourced affinities and predicted occupancy",
        parameters=(
            # The default is the menu's first entry: plotly scrolls a long menu to its active
            # entry, which would hide the entries above it.
            Choice("ligand", "Drug", order, order[0], {k: menu_label(k) for k in order}),
            Slider("conc_nM", "Concentration", "nM", 0.1, 100_000.0, 0.05, 100.0, log=True),
        ),
        traces=matrix_traces,
        base_figure=matrix_base_figure,
        static=StaticGrid(
            "conc_nM",
            choice="ligand",
            steps=20,
            shared_traces=2,
            menu_layout={
                "y": 1 - geometry["heat"] - 10 * geometry["px"],
                "yanchor": "top",
                "pad": {},
            },
            slider_layout={
                "y": 1 - geometry["heat"] - 62 * geometry["px"],
                "yanchor": "top",
                "pad": {"t": 0},
            },
        ),
        caption=(
            "What is known of each drug at twelve targets. Colour: a published affinity (pK); "
            "grey with a code: an action stated without a measured size (ag agonist, pa partial "
            "agonist, ant antagonist, inh reuptake inhibitor, rel releaser, sub substrate); "
            "blank: nothing known. Click a row or use the menu to choose a drug, and move the "
            "slider to see the share of each target it occupies. Hover a cell for its source."
        ),
    )


# ----- competitive antagonism (Schild) ------------------------------------------------------
#: Generic antagonists: no antagonist affinity at beta1 or beta2 is in the data yet.
GENERIC_KB_NM = {"kb1": 1.0, "kb10": 10.0, "kb100": 100.0}
SCHILD_RECEPTORS = ("beta1", "beta2")
CURVE_NM = np.logspace(-1, 8, 109)  # 0.1 nM to 100 mM, 12 points a decade
SCHILD_B_NM = np.logspace(-1, 5, 25)  # the antagonist slider's range


def norepinephrine_ka_nM(receptor: str) -> float:
    """Norepinephrine's sourced dissociation constant (nM) at ``receptor``."""
    row = affinity("norepinephrine", receptor)  # the book's one rule
    if row is None:
        raise ValueError(f"receptor must have a sourced norepinephrine affinity; got {receptor!r}")
    return row.k_nM


def schild_traces(
    antagonist_nM: float,
    antagonist: str = "kb1",
    tau: float = value("receptors.example_tau"),
    receptor: str = "beta1",
) -> list[dict[str, Any]]:
    """Control and antagonised NE curves, their EC50s, and the Schild plot with its point."""
    ka = norepinephrine_ka_nM(receptor)
    kb = GENERIC_KB_NM[antagonist]
    control = 100 * operational_response(CURVE_NM, ka, tau)
    shifted = 100 * antagonised_response(CURVE_NM, antagonist_nM, ka, kb, tau)
    ec50 = operational_ec50_nM(ka, tau)
    ratio = schild_dose_ratio(antagonist_nM, kb)
    half = 50 * operational_emax(tau)
    colour_b = PALETTE["vermillion"]
    hover = "%{x:.3g} nM: %{y:.1f}%<extra>%{fullData.name}</extra>"
    return [
        line_trace(CURVE_NM, control, "norepinephrine alone", "#111827", hover=hover),
        line_trace(CURVE_NM, shifted, "with the antagonist", colour_b, hover=hover),
        # The shift's label sits at the middle of the arrow (in log units), so it stays
        # inside the plot however far the curve moves.
        line_trace([ec50, ec50 * np.sqrt(ratio), ec50 * ratio], [half] * 3, "", "#6b7280",
                   width=2, dash="dot", mode="lines+markers+text",
                   text=["", f"× {format_number(ratio)}", ""], textposition="top center",
                   marker={"size": [9, 0, 9], "color": ["#111827", colour_b, colour_b]},
                   showlegend=False, hovertemplate="EC50 %{x:.3g} nM<extra></extra>"),
        line_trace(SCHILD_B_NM, schild_log_dr_minus_1(SCHILD_B_NM, kb), "", colour_b, "2", 2,
                   showlegend=False,
                   hover="[B] %{x:.3g} nM: log(DR−1) = %{y:.2f}<extra></extra>"),
        marker_trace([antagonist_nM], [schild_log_dr_minus_1(antagonist_nM, kb)], "", colour_b,
                     "2", showlegend=False,
                     marker={"size": 12, "color": colour_b, "line": {"color": "white", "width": 2}},
                     hover="dose ratio − 1 = 10^%{y:.2f}<extra></extra>"),
    ]  # fmt: skip


def schild_base_figure() -> go.Figure:
    fig = stacked_figure(
        [
            Panel("Response to norepinephrine", 0.62,
                  xaxis={"type": "log", "title": {"text": "norepinephrine (nM)"}},
                  yaxis={"title": {"text": "response (% of system maximum)"}, "range": [0, 105]}),
            Panel("Schild plot", 0.38,
                  xaxis={"type": "log", "title": {"text": "antagonist [B] (nM)"}},
                  yaxis={"title": {"text": "log<sub>10</sub>(DR − 1)"}, "range": [-3.4, 5.4]}),
        ],
        height=760,
        gap=0.17,
        margin={"l": 60, "r": 20, "t": 100, "b": 60},
        legend={"x": 0.01, "y": 0.99, "xanchor": "left", "yanchor": "top",
                "bgcolor": "rgba(255,255,255,0.8)"},
        font={"size": 13},
    )  # fmt: skip
    fig.add_shape(type="line", xref="x2 domain", x0=0, x1=1, yref="y2", y0=0, y1=0,
                  line={"color": "#9ca3af", "width": 1})  # fmt: skip
    return fig


def schild_spec() -> ExplorerSpec:
    """NE at beta1 (or beta2) under a generic competitive antagonist: the Schild shift."""
    labels = {
        k: f"Generic antagonist, K<sub>B</sub> = {format_number(v)} nM"
        for k, v in GENERIC_KB_NM.items()
    }
    receptor_labels = {
        r: f"{TARGET_LABELS[r]} (NE K = {format_number(norepinephrine_ka_nM(r))} nM)"
        for r in SCHILD_RECEPTORS
    }
    return ExplorerSpec(
        title="Competitive antagonism shifts the norepinephrine curve to the right",
        parameters=(
            Slider("antagonist_nM", "Antagonist [B]", "nM", 0.1, 100_000.0, 0.05, 100.0, log=True),
            Choice("antagonist", "Antagonist", tuple(GENERIC_KB_NM), "kb1", labels),
            Slider(
                "tau",
                "Efficacy τ (illustrative)",
                "",
                0.1,
                100.0,
                0.05,
                value("receptors.example_tau"),
                log=True,
                hint=TAU_HINT,
            ),
            Choice("receptor", "Receptor", SCHILD_RECEPTORS, "beta1", receptor_labels),
        ),
        traces=schild_traces,
        base_figure=schild_base_figure,
        static=StaticGrid("antagonist_nM", choice="antagonist", steps=20, shared_traces=1),
        caption=(
            "A competitive antagonist moves norepinephrine's concentration-response curve right "
            "in parallel by 1 + [B]/K<sub>B</sub>; the Schild plot below is a line of slope 1. "
            "Move the antagonist slider; the menu picks a generic antagonist's K<sub>B</sub>."
        ),
    )


# ----- a plain figure: affinity versus efficacy ---------------------------------------------
def efficacy_figure(
    ka_nM: float = value("receptors.example_k_nM"), taus: Sequence[float] = (0.0, 0.3, 3.0, 30.0)
):
    """Occupancy and operational-model responses of four agonists with the same affinity.

    All parameters are illustrative: the point is the shape, not a particular drug.
    """
    conc = np.logspace(-1, 5, 121)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=conc, y=100 * occupancy(conc, ka_nM), name="occupancy (all four)",
            line={"color": "#6b7280", "dash": "dash", "width": 2},
        )
    )  # fmt: skip
    styles = ((PALETTE["vermillion"], "dot"), (PALETTE["orange"], "dashdot"),
              (PALETTE["sky"], "longdash"), (PALETTE["blue"], "solid"))  # fmt: skip
    for tau, (colour, dash) in zip(taus, styles, strict=False):
        kind = "antagonist (τ = 0)" if tau == 0 else f"τ = {format_number(tau)}"
        # The tau = 0 line lies on the x axis: drawn wider, above the axis, and never clipped.
        fig.add_trace(
            go.Scatter(
                x=conc, y=100 * operational_response(conc, ka_nM, tau), name=kind,
                line={"color": colour, "width": 4 if tau == 0 else 3, "dash": dash},
                cliponaxis=False,
            )
        )  # fmt: skip
    fig.update_xaxes(type="log", title_text="ligand concentration (nM)")
    fig.update_yaxes(title_text="% occupied or % of maximal response", range=[-3, 105],
                     zeroline=False)  # fmt: skip
    fig.update_layout(
        height=460, template=TEMPLATE_NAME, margin={"l": 60, "r": 20, "t": 60, "b": 40},
        title={"text": f"Same affinity (K = {format_number(ka_nM)} nM), different efficacy",
               "font": {"size": 15}},
        legend={"orientation": "h", "y": -0.25, "x": 0},
    )  # fmt: skip
    return fig
