"""The treatment explorer: two drugs, their actions, the share of each target they occupy,
and what the book's models predict (:mod:`book.models.treatments`), drawn as four panels.

Nothing about a drug is typed here except which pairs make instructive comparisons.
"""

from __future__ import annotations

import html
from typing import Any

import plotly.graph_objects as go

from book.data.affinities import TARGETS, Affinity, ligands, ordered_ligands
from book.data.references import short_citation
from book.data.selectivity import RelativeAffinity
from book.explorer import Choice, ExplorerSpec, Slider, StaticGrid
from book.figures.style import (
    PALETTE,
    TARGET_LABELS,
    Panel,
    format_conc,
    format_number,
    stacked_figure,
    status_trace,
)
from book.models.treatments import (
    EFFECTS,
    MEAN_NE,
    PEAK_NE,
    DrugProfile,
    action_kind,
    drug_profile,
)
from book.models.validation import check_choice

#: Curated comparisons for the static (no-kernel) menu: option id -> (drug A, drug B).
PAIRS: dict[str, tuple[str, str]] = {
    "atomoxetine|methylphenidate": ("atomoxetine", "methylphenidate"),
    "methylphenidate|amphetamine": ("methylphenidate", "amphetamine"),
    "guanfacine|atomoxetine": ("guanfacine", "atomoxetine"),
    "desipramine|venlafaxine": ("desipramine", "venlafaxine"),
    "metoprolol|propranolol": ("metoprolol", "propranolol"),
    "bisoprolol|carvedilol": ("bisoprolol", "carvedilol"),
    "prazosin|clonidine": ("prazosin", "clonidine"),
}
DEFAULT_PAIR = "atomoxetine|methylphenidate"
FROM_PAIR = "pair"  # the live dropdowns' "use the comparison menu" option
COLOURS = (PALETTE["blue"], PALETTE["vermillion"])  # drug A, drug B
SYMBOLS = ("circle", "diamond")
#: Heat-strip codes and colours for a drug's action at a target.
ACTION_CODES = {"none": 0, "agonist": 1, "antagonist": 2, "reuptake inhibitor": 3, "releaser": 4}
ACTION_COLOURS = ("#f3f4f6", PALETTE["green"], PALETTE["vermillion"], PALETTE["purple"],
                  PALETTE["orange"])  # fmt: skip
ACTION_SHORT = {
    "agonist": "ag", "full agonist": "ag", "partial agonist": "part", "antagonist": "ant",
    "inverse agonist": "inv", "reuptake inhibitor": "inh", "releaser": "rel", "substrate": "subst",
}  # fmt: skip


def drug_ids() -> tuple[str, ...]:
    """Every ligand in the data, in the receptor matrix's order."""
    return ordered_ligands()


def display_name(ligand: str) -> str:
    """'Salbutamol' for 'Salbutamol (albuterol)': the name before any bracket."""
    return ligands()[ligand].short_name


def _kind(row: Affinity) -> str:
    return {"pKi": "Ki", "pKd": "Kd", "pIC50": "IC50"}[row.value_type]


def basis_text(profile: DrugProfile, target: str) -> str:
    """Where an occupancy comes from, e.g. 'Ki 77 nM (Bymaster et al. 2002)'."""
    basis = profile.basis[target]
    if basis == "dose":
        return "set by the dose slider"
    if not isinstance(basis, RelativeAffinity):
        return ""
    if basis.rows is not None:
        row = basis.rows[0]
        return f"{_kind(row)} {format_conc(row.k_nM)} ({short_citation(row.source)})"
    primary, cite = TARGET_LABELS[profile.primary or target], short_citation(basis.source)
    if basis.ratio >= 1:
        return f"{format_number(basis.ratio)}× weaker than at {primary} ({cite})"
    return f"{format_number(1 / basis.ratio)}× tighter than at {primary} ({cite})"


def status_lines(p: DrugProfile) -> list[str]:
    """Four or five short lines (they must fit a phone) about one drug at one dose."""
    entry = ligands()[p.ligand]
    lines = [
        f"<b>{html.escape(display_name(p.ligand))}</b>",
        html.escape(entry.drug_class.split(" (")[0]),
    ]
    reason = p.why[MEAN_NE]
    if p.primary is None:
        return [*lines, "no target in the receptor matrix", reason + ": not modelled"]
    target = TARGET_LABELS[p.primary]
    dose = f"{p.fraction:.0%} of {target} occupied"
    if p.primary_affinity is not None and p.conc_nM is not None and p.fraction > 0:
        row = p.primary_affinity
        middle = " (middle of range)" if row.is_range else ""
        lines.append(f"{dose} at ≈ {format_conc(p.conc_nM)} free drug")
        lines.append(
            f"{target} {_kind(row)} {format_conc(row.k_nM)}{middle} ({short_citation(row.source)})"
        )
    else:
        lines += [dose, f"no absolute {target} K sourced: dose = share"]
    mean, peak = p.effects[MEAN_NE], p.effects[PEAK_NE]
    if p.net_action is None:
        lines.append("NE near terminals: ×1 (no NET action)")
    elif mean is not None and peak is not None:
        tail = " (releaser)" if p.net_action == "releaser" else ""
        lines.append(f"NE near terminals: mean ×{mean:.2g}, peak ×{peak:.2g}{tail}")
    else:
        lines.append(f"NE near terminals: {reason}")
    return lines


def pair_for(pair: str, drug_a: str = FROM_PAIR, drug_b: str = FROM_PAIR) -> tuple[str, str]:
    """The two drugs shown: the comparison's, unless a live dropdown picked another."""
    check_choice("pair", pair, tuple(PAIRS))
    first, second = PAIRS[pair]
    return (first if drug_a == FROM_PAIR else drug_a, second if drug_b == FROM_PAIR else drug_b)


def treatment_traces(
    primary_pct: float,
    pair: str = DEFAULT_PAIR,
    drug_a: str = FROM_PAIR,
    drug_b: str = FROM_PAIR,
) -> list[dict[str, Any]]:
    """Status text, action strip, occupancy bars and predicted effects for two drugs."""
    drugs = pair_for(pair, drug_a, drug_b)
    profiles = [drug_profile(d, float(primary_pct)) for d in drugs]
    letters = ("A", "B")
    text_lines = []
    for letter, p, colour in zip(letters, profiles, COLOURS, strict=True):
        first, *rest = status_lines(p)
        text_lines.append(f'<span style="color:{colour}">■ {letter}:</span> {first}')
        text_lines.extend(f"    {line}" for line in rest)
    labels = [TARGET_LABELS[t] for t in TARGETS]
    entries = [ligands()[d] for d in drugs]
    notes = [{t: basis_text(p, t) for t in TARGETS} for p in profiles]
    hover = [
        [
            f"{html.escape(display_name(p.ligand))} at {TARGET_LABELS[t]}: "
            + (e.actions.get(t) or "no listed action")
            + (f"<br>{n[t]}" if n[t] else "")
            for t in TARGETS
        ]
        for p, e, n in zip(profiles, entries, notes, strict=True)
    ]
    strip = {
        "type": "heatmap", "x": labels, "y": list(letters),
        "z": [[ACTION_CODES[action_kind(e.actions.get(t))] for t in TARGETS] for e in entries],
        "text": [[ACTION_SHORT.get(e.actions.get(t, ""), "") for t in TARGETS] for e in entries],
        "texttemplate": "%{text}", "customdata": hover,
        "hovertemplate": "%{customdata}<extra></extra>", "zmin": -0.5, "zmax": 4.5,
        "colorscale": _discrete_scale(ACTION_COLOURS), "showscale": False, "xgap": 2, "ygap": 2,
        "textfont": {"size": 11}, "xaxis": "x2", "yaxis": "y2",
    }  # fmt: skip
    bars = [
        {
            "type": "bar", "x": labels, "name": f"{letter}: {display_name(p.ligand)}",
            "y": [None if p.occupancy[t] is None else 100 * p.occupancy[t] for t in TARGETS],
            "marker": {"color": colour},
            "customdata": [n[t] or "no sourced value" for t in TARGETS],
            "hovertemplate": "%{x}: %{y:.0f}% occupied<br>%{customdata}<extra>"
            + html.escape(display_name(p.ligand)) + "</extra>",
            "xaxis": "x3", "yaxis": "y3", "showlegend": False,
        }
        for letter, p, colour, n in zip(letters, profiles, COLOURS, notes, strict=True)
    ]  # fmt: skip
    dots = []
    for index, (letter, p, colour, symbol) in enumerate(
        zip(letters, profiles, COLOURS, SYMBOLS, strict=True)
    ):
        values = [p.effects[row] for row in EFFECTS]
        offset = -0.17 if index == 0 else 0.17  # A just above the row's line, B just below
        dots.append(
            {
                "type": "scatter", "mode": "markers+text", "x": values,
                "y": [i + offset for i in range(len(EFFECTS))],
                "text": ["" if v is None else f"×{v:.2g}" for v in values],
                "textposition": "middle right", "textfont": {"size": 11, "color": colour},
                "customdata": [p.why[row] or "predicted by the book's models" for row in EFFECTS],
                "marker": {"color": colour, "size": 11, "symbol": symbol},
                "name": f"{letter}: {display_name(p.ligand)}", "showlegend": False,
                "hovertemplate": "%{x:.2f} × no drug<br>%{customdata}<extra>"
                + html.escape(display_name(p.ligand)) + "</extra>",
                "xaxis": "x4", "yaxis": "y4", "cliponaxis": False,
            }
        )  # fmt: skip
    return [status_trace(text_lines, size=12), strip, *bars, *dots]


def _discrete_scale(colours: tuple[str, ...]) -> list[list[Any]]:
    scale: list[list[Any]] = []
    n = len(colours)
    for i, colour in enumerate(colours):
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    return scale


def treatment_base_figure() -> go.Figure:
    """Four stacked panels: the two drugs in words, their actions, occupancy, predictions."""
    ticks = {"tickfont": {"size": 11}, "tickangle": 0}
    fig = stacked_figure(
        [
            Panel(share=0.23, text=True),
            Panel("Actions in the ligand data", 0.07,
                  xaxis={"side": "top", "fixedrange": True, **ticks},
                  yaxis={"autorange": "reversed", "fixedrange": True, "tickfont": {"size": 11}}),
            Panel("Share of each target occupied", 0.185, xaxis=ticks,
                  yaxis={"range": [0, 105], "tickvals": [0, 50, 100], "ticksuffix": "%",
                         "tickfont": {"size": 11}}),
            Panel("Model predictions (blank: not modelled)", 0.275,
                  xaxis={"type": "log", "range": [-2.3, 1.4], "tickvals": [0.01, 0.1, 1, 10],
                         "ticktext": ["×0.01", "×0.1", "×1", "×10"], "tickangle": 0,
                         "title": {"text": "relative to no drug", "standoff": 4}},
                  yaxis={"range": [len(EFFECTS) - 0.55, -0.8], "visible": False,
                         "fixedrange": True}),
        ],
        height=1040,
        gap=0.06,
        margin={"l": 20, "r": 10, "t": 40, "b": 40},
    )  # fmt: skip
    fig.update_layout(barmode="group", showlegend=False)
    fig.add_shape(type="line", xref="x4", yref="y4 domain", x0=1, x1=1, y0=0, y1=1,
                  line={"color": PALETTE["grey"], "dash": "dot", "width": 1})  # fmt: skip
    for row, label in enumerate(EFFECTS):  # row labels inside the panel (phone width)
        fig.add_annotation(
            text=label, x=0, y=row - 0.42, xref="paper", yref="y4", xanchor="left",
            yanchor="middle", showarrow=False, font={"size": 11, "color": "#374151"},
        )  # fmt: skip
        fig.add_shape(
            type="line", xref="paper", yref="y4", x0=0, x1=1, y0=row + 0.5, y1=row + 0.5,
            line={"color": "#e5e7eb", "width": 1},
        )  # fmt: skip
    return fig


def _pair_label(option: str) -> str:
    first, second = PAIRS[option]
    return f"{display_name(first)} vs {display_name(second)}"


def treatment_spec() -> ExplorerSpec:
    """Dose (static slider) and comparison (static menu); live: any two drugs."""
    drug_options = (FROM_PAIR, *drug_ids())
    drug_labels = {FROM_PAIR: "as in the comparison menu"}
    drug_labels |= {d: display_name(d) for d in drug_ids()}
    return ExplorerSpec(
        title="Treatment explorer: two drugs, their targets and what the models predict",
        parameters=(
            Slider("primary_pct", "Primary target occupied", "%", 0.0, 95.0, 5.0, 50.0),
            Choice(
                "pair", "Comparison", tuple(PAIRS), DEFAULT_PAIR, {p: _pair_label(p) for p in PAIRS}
            ),
            Choice("drug_a", "Drug A", drug_options, FROM_PAIR, drug_labels),
            Choice("drug_b", "Drug B", drug_options, FROM_PAIR, drug_labels),
        ),  # fmt: skip
        traces=treatment_traces,
        base_figure=treatment_base_figure,
        static=StaticGrid("primary_pct", choice="pair", steps=20, digits=3),
        caption=(
            "Two drugs: their actions, the share of each target they occupy, and what the book's "
            "models predict for NE. Pick a comparison and move the dose (the share of each "
            "drug's primary target occupied). Not a clinical dose."
        ),
    )
