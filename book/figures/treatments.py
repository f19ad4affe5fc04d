"""The conditions chapter: the treatment explorer and the drug table, both from the ligand data.

A drug's targets and actions come from ``ligands.csv``; its affinities from
``affinities.csv``; beta-blocker selectivity from ``selectivity.csv`` (Baker 2005). Nothing
about a drug is typed here except which pairs make instructive comparisons and, for two
drugs, which target counts as "primary" (see :data:`PRIMARY_OVERRIDES`).

The explorer's dose is the share ``f`` of the drug's primary target that it occupies. From
there the book's models predict, only where the inputs are sourced:

* occupancy at the drug's other targets (mass action, with a sourced K or a sourced
  selectivity ratio: :func:`book.models.treatments.occupancy_at_other_target`);
* NE around noradrenergic terminals, when the drug blocks NET or releases NE through it
  (the synapse model of the clearance chapter);
* NE's share of alpha-1, alpha-2, beta-1 and beta-2 receptors relative to no drug
  (Gaddum's competitive occupancy), when the drug is an antagonist there or leaves the
  receptor alone. An agonist's own effect needs its efficacy, which the data do not hold.

Where an input is missing the figure says "not modelled" and why, rather than guess.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import plotly.graph_objects as go

from book.data.affinities import TARGETS, Affinity, affinities_for, ligands
from book.data.references import short_citation
from book.data.selectivity import selectivity
from book.figures.receptors import GROUPS, TARGET_LABELS, ligand_group, matrix_ligands
from book.figures.spec import Choice, ExplorerSpec, Slider, format_number
from book.models.treatments import (
    cleft_ratios,
    concentration_nM,
    ne_occupancy_ratio,
    occupancy_at_other_target,
)
from book.models.validation import check_choice, check_number

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

#: Primary targets chosen by hand, with the reason (the rule is in :func:`primary_target`).
PRIMARY_OVERRIDES: dict[str, tuple[str, str]] = {
    "cocaine": ("NET", "its NET, SERT and DAT constants overlap; NET is this book's subject"),
    "norepinephrine": ("beta1", "the receptor with a sourced point value for NE"),
    "guanfacine": ("alpha2A", "its clinical target (alpha2A-preferring: arnsten2020)"),
}
#: A published range wider than this (log units) is not used to predict occupancy.
MAX_RANGE_LOG = 1.0

AGONIST_ACTIONS = ("agonist", "full agonist", "partial agonist")
BLOCKING_ACTIONS = ("antagonist", "inverse agonist")
#: Receptor families shown in the "NE's share" rows: label -> their targets in the matrix.
#: A drug's action in a family is its action at the first of these it acts on.
FAMILIES: dict[str, tuple[str, ...]] = {
    "α1": ("alpha1A", "alpha1B", "alpha1D"),
    "α2": ("alpha2A", "alpha2B", "alpha2C"),
    "β1": ("beta1",),
    "β2": ("beta2",),
}
EFFECT_ROWS: tuple[str, ...] = (
    "NE near terminals: mean",
    "NE near terminals: peak",
    *(f"NE's share of {label}" for label in FAMILIES),
)
COLOURS = ("#1d4ed8", "#c2410c")  # drug A, drug B
SYMBOLS = ("circle", "diamond")
#: Heat-strip codes for a drug's action at a target.
ACTION_CODES = {"none": 0, "agonist": 1, "antagonist": 2, "reuptake inhibitor": 3, "releaser": 4}
ACTION_COLOURS = ("#f3f4f6", "#15803d", "#b91c1c", "#6d28d9", "#d97706")
ACTION_SHORT = {
    "agonist": "ag",
    "full agonist": "ag",
    "partial agonist": "part",
    "antagonist": "ant",
    "inverse agonist": "inv",
    "reuptake inhibitor": "inh",
    "releaser": "rel",
    "substrate": "subst",
}


def drug_ids() -> tuple[str, ...]:
    """Every ligand in the data, in the receptor matrix's order."""
    return tuple(matrix_ligands())


def display_name(ligand: str) -> str:
    """'Salbutamol' for 'Salbutamol (albuterol)': the name before any bracket."""
    return ligands()[ligand].name.split(" (")[0]


def usable_affinity(ligand: str, target: str) -> Affinity | None:
    """The first sourced row at ``target`` that is a point value or a range of at most
    :data:`MAX_RANGE_LOG` log units (a wider range says too little to predict occupancy)."""
    for row in affinities_for(ligand, target):
        if not row.is_range or (row.value_high or row.value) - row.value <= MAX_RANGE_LOG:
            return row
    return None


def primary_target(ligand: str) -> str | None:
    """The target whose occupancy the dose slider sets.

    A hand-chosen override (:data:`PRIMARY_OVERRIDES`), else the acted-on target with the
    tightest usable affinity, else beta-1 for a beta blocker with Baker's ratios (the brief
    of this chapter expresses beta-blocker dose as beta-1 occupancy), else the first target
    the drug acts on in matrix order; None for a drug with no target in the matrix.
    """
    if ligand in PRIMARY_OVERRIDES:
        return PRIMARY_OVERRIDES[ligand][0]
    actions = ligands()[ligand].actions
    rows = {t: usable_affinity(ligand, t) for t in actions}
    sourced = {t: r for t, r in rows.items() if r is not None}
    if sourced:
        return min(sourced, key=lambda t: sourced[t].k_nM)
    if "beta1" in actions and selectivity(ligand, "beta1", "beta2") is not None:
        return "beta1"
    return next((t for t in TARGETS if t in actions), None)


def _action_kind(action: str | None) -> str:
    if action is None:
        return "none"
    if action in AGONIST_ACTIONS:
        return "agonist"
    if action in BLOCKING_ACTIONS:
        return "antagonist"
    if action == "substrate":
        return "releaser"  # carried by NET: drawn with the releasers
    return action


def _conc(nM: float) -> str:
    value, unit = (nM / 1000, "µM") if nM >= 1000 else (nM, "nM")
    return f"{format_number(float(f'{value:.2g}'))} {unit}"


def _kind(row: Affinity) -> str:
    return {"pKi": "Ki", "pKd": "Kd", "pIC50": "IC50"}[row.value_type]


@dataclass
class DrugProfile:
    """A drug at one dose: what the data say and what the models predict (None = unknown)."""

    ligand: str
    name: str
    drug_class: str
    primary: str | None
    fraction: float
    conc_nM: float | None
    occupancy: dict[str, float | None]
    occupancy_note: dict[str, str]
    effects: dict[str, float | None]
    effect_note: dict[str, str]
    lines: list[str] = field(default_factory=list)


def _occupancies(ligand: str, primary: str | None, f: float):
    occ: dict[str, float | None] = dict.fromkeys(TARGETS)
    note: dict[str, str] = dict.fromkeys(TARGETS, "")
    conc = None
    if primary is None:
        return occ, note, conc
    k_primary = usable_affinity(ligand, primary)
    occ[primary] = f
    note[primary] = "set by the dose slider"
    if k_primary is not None and f < 1.0:
        conc = concentration_nM(f, k_primary.k_nM)
    for target in TARGETS:
        if target == primary:
            continue
        row = usable_affinity(ligand, target)
        if k_primary is not None and row is not None:
            occ[target] = occupancy_at_other_target(f, row.k_nM / k_primary.k_nM)
            note[target] = f"{_kind(row)} {_conc(row.k_nM)} ({short_citation(row.source)})"
            continue
        ratio = selectivity(ligand, primary, target)
        if ratio is not None:
            occ[target] = occupancy_at_other_target(f, ratio)
            note[target] = (
                f"{format_number(ratio)}× weaker than at {TARGET_LABELS[primary]}"
                if ratio >= 1
                else f"{format_number(1 / ratio)}× tighter than at {TARGET_LABELS[primary]}"
            ) + " (Baker 2005)"
    return occ, note, conc


def _ne_over_k(target: str, baseline_mean_nM: float) -> float:
    """[NE]/K_NE without drug, from NE's own sourced point affinity (0 if none is sourced)."""
    row = usable_affinity("norepinephrine", target)
    return baseline_mean_nM / row.k_nM if row is not None and not row.is_range else 0.0


@lru_cache(maxsize=4096)
def drug_profile(ligand: str, primary_pct: float) -> DrugProfile:
    """Targets, occupancy and model predictions for ``ligand`` at ``primary_pct`` % occupied."""
    check_choice("drug", ligand, drug_ids())
    f = check_number("primary_pct", primary_pct, 0.0, 99.0) / 100.0
    entry = ligands()[ligand]
    primary = primary_target(ligand)
    occ, occ_note, conc = _occupancies(ligand, primary, f)
    effects: dict[str, float | None] = dict.fromkeys(EFFECT_ROWS)
    why: dict[str, str] = dict.fromkeys(EFFECT_ROWS, "")

    # NE near the terminals: the synapse model, if the drug's NET occupancy is known.
    net_action = entry.actions.get("NET")
    cleft = None
    if primary is None:
        reason = (
            "acts on no matrix target ("
            + (", ".join(entry.other_actions) or "see text")
            + "): not modelled"
        )
    elif net_action is None:
        reason = ""
        cleft = cleft_ratios(0.0)  # the drug leaves NET alone: NE unchanged in the model
    elif net_action == "substrate":
        reason = "carried by NET itself: not modelled here"
    elif occ["NET"] is None:
        reason = "NET affinity not sourced: not modelled"
    else:
        reason = ""
        cleft = cleft_ratios(occ["NET"], releaser=net_action == "releaser")
    if cleft is not None:
        effects[EFFECT_ROWS[0]] = cleft["mean_ratio"]
        effects[EFFECT_ROWS[1]] = cleft["peak_ratio"]
    else:
        why[EFFECT_ROWS[0]] = why[EFFECT_ROWS[1]] = reason

    # NE's share of each receptor family (Gaddum), where the drug does not act as an agonist.
    main_action = entry.actions.get(primary) if primary else None
    for label, members in FAMILIES.items():
        row_name = f"NE's share of {label}"
        target = next((t for t in members if t in entry.actions or occ[t] is not None), members[0])
        action = entry.actions.get(target)
        if action is None and occ[target] is not None:
            action = main_action  # binds there (a sourced ratio) with its usual action
        kind = _action_kind(action)
        if cleft is None:
            why[row_name] = reason
        elif kind == "agonist":
            why[row_name] = "agonist here: its efficacy is not in the data"
        elif kind == "antagonist" and occ[target] is None:
            why[row_name] = "blocks it, but no sourced affinity or ratio"
        else:
            g = occ[target] if kind == "antagonist" else 0.0
            a = _ne_over_k(target, cleft["baseline_mean_nM"])
            effects[row_name] = ne_occupancy_ratio(cleft["mean_ratio"], g or 0.0, a)

    profile = DrugProfile(
        ligand, display_name(ligand), entry.drug_class, primary, f, conc, occ, occ_note,
        effects, why,
    )  # fmt: skip
    profile.lines = _status_lines(profile, net_action, reason)
    return profile


def _status_lines(p: DrugProfile, net_action: str | None, reason: str) -> list[str]:
    """Four or five short lines (they must fit a phone) about one drug at one dose."""
    short_class = p.drug_class.split(" (")[0]
    lines = [f"<b>{html.escape(p.name)}</b>", html.escape(short_class)]
    if p.primary is None:
        lines.append("no target in the receptor matrix")
        lines.append(reason)
        return lines
    target = TARGET_LABELS[p.primary]
    k_row = usable_affinity(p.ligand, p.primary)
    dose = f"{p.fraction:.0%} of {target} occupied"
    if k_row is not None and p.conc_nM is not None and p.fraction > 0:
        lines.append(f"{dose} at ≈ {_conc(p.conc_nM)} free drug")
        middle = " (middle of range)" if k_row.is_range else ""
        lines.append(
            f"{target} {_kind(k_row)} {_conc(k_row.k_nM)}{middle} ({short_citation(k_row.source)})"
        )
    else:
        lines.append(dose)
        lines.append(f"no absolute {target} K sourced: dose = share")
    mean = p.effects[EFFECT_ROWS[0]]
    peak = p.effects[EFFECT_ROWS[1]]
    if net_action is None:
        lines.append("NE near terminals: ×1 (no NET action)")
    elif mean is not None and peak is not None:
        tail = " (releaser)" if net_action == "releaser" else ""
        lines.append(f"NE near terminals: mean ×{mean:.2g}, peak ×{peak:.2g}{tail}")
    else:
        lines.append(f"NE near terminals: {reason}")
    return lines


def pair_for(pair: str, drug_a: str = FROM_PAIR, drug_b: str = FROM_PAIR) -> tuple[str, str]:
    """The two drugs shown: the comparison's, unless a live dropdown picked another."""
    check_choice("pair", pair, tuple(PAIRS))
    first, second = PAIRS[pair]
    return (first if drug_a == FROM_PAIR else drug_a, second if drug_b == FROM_PAIR else drug_b)


def _ratio_text(value: float | None) -> str:
    if value is None:
        return ""
    return f"×{value:.2g}"


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
        first, *rest = p.lines
        text_lines.append(f'<span style="color:{colour}">■ {letter}:</span> {first}')
        text_lines.extend(f"    {line}" for line in rest)
    status = {
        "type": "scatter", "mode": "text", "x": [0.0], "y": [1.0],
        "text": ["<br>".join(text_lines)], "textposition": "bottom right", "cliponaxis": False,
        "textfont": {"size": 12}, "showlegend": False, "hoverinfo": "skip",
        "xaxis": "x", "yaxis": "y",
    }  # fmt: skip
    labels = [TARGET_LABELS[t] for t in TARGETS]
    entries = [ligands()[d] for d in drugs]
    z = [[ACTION_CODES[_action_kind(e.actions.get(t))] for t in TARGETS] for e in entries]
    strip_text = [[ACTION_SHORT.get(e.actions.get(t, ""), "") for t in TARGETS] for e in entries]
    hover = [
        [
            f"{html.escape(p.name)} at {TARGET_LABELS[t]}: "
            + (e.actions.get(t) or "no listed action")
            + (f"<br>{p.occupancy_note[t]}" if p.occupancy_note[t] else "")
            for t in TARGETS
        ]
        for p, e in zip(profiles, entries, strict=True)
    ]
    strip = {
        "type": "heatmap", "x": labels, "y": list(letters),
        "z": z, "text": strip_text, "texttemplate": "%{text}", "customdata": hover,
        "hovertemplate": "%{customdata}<extra></extra>", "zmin": -0.5, "zmax": 4.5,
        "colorscale": _discrete_scale(ACTION_COLOURS), "showscale": False, "xgap": 2, "ygap": 2,
        "textfont": {"size": 9}, "xaxis": "x2", "yaxis": "y2",
    }  # fmt: skip
    bars = []
    for letter, p, colour in zip(letters, profiles, COLOURS, strict=True):
        values = [None if p.occupancy[t] is None else 100 * p.occupancy[t] for t in TARGETS]
        notes = [p.occupancy_note[t] or "no sourced value" for t in TARGETS]
        bars.append(
            {
                "type": "bar", "x": labels, "y": values, "name": f"{letter}: {p.name}",
                "marker": {"color": colour}, "customdata": notes,
                "hovertemplate": "%{x}: %{y:.0f}% occupied<br>%{customdata}<extra>"
                + html.escape(p.name) + "</extra>",
                "xaxis": "x3", "yaxis": "y3", "showlegend": False,
            }
        )  # fmt: skip
    dots = []
    for index, (letter, p, colour, symbol) in enumerate(
        zip(letters, profiles, COLOURS, SYMBOLS, strict=True)
    ):
        values = [p.effects[row] for row in EFFECT_ROWS]
        offset = -0.17 if index == 0 else 0.17  # A just above the row's line, B just below
        notes = [p.effect_note[row] or "predicted by the book's models" for row in EFFECT_ROWS]
        dots.append(
            {
                "type": "scatter", "mode": "markers+text", "x": values,
                "y": [i + offset for i in range(len(EFFECT_ROWS))],
                "text": [_ratio_text(v) for v in values], "textposition": "middle right",
                "textfont": {"size": 11, "color": colour}, "customdata": notes,
                "marker": {"color": colour, "size": 11, "symbol": symbol},
                "name": f"{letter}: {p.name}", "showlegend": False,
                "hovertemplate": "%{x:.2f} × no drug<br>%{customdata}<extra>"
                + html.escape(p.name) + "</extra>",
                "xaxis": "x4", "yaxis": "y4", "cliponaxis": False,
            }
        )  # fmt: skip
    return [status, strip, *bars, *dots]


def _discrete_scale(colours: tuple[str, ...]) -> list[list[Any]]:
    scale: list[list[Any]] = []
    n = len(colours)
    for i, colour in enumerate(colours):
        scale.append([i / n, colour])
        scale.append([(i + 1) / n, colour])
    return scale


def treatment_base_figure() -> go.Figure:
    """Four stacked panels: the two drugs in words, their actions, occupancy, predictions."""
    fig = go.Figure()
    fig.update_layout(
        xaxis={"domain": [0, 1], "anchor": "y", "visible": False, "range": [0, 1],
               "fixedrange": True},
        yaxis={"domain": [0.77, 1.0], "anchor": "x", "visible": False, "range": [0, 1],
               "fixedrange": True},
        xaxis2={"domain": [0, 1], "anchor": "y2", "side": "top", "tickfont": {"size": 9},
                "tickangle": 0, "fixedrange": True},
        yaxis2={"domain": [0.645, 0.715], "anchor": "x2", "autorange": "reversed",
                "fixedrange": True, "tickfont": {"size": 11}},
        xaxis3={"domain": [0, 1], "anchor": "y3", "tickfont": {"size": 9}, "tickangle": 0},
        yaxis3={"domain": [0.37, 0.555], "anchor": "x3", "range": [0, 105],
                "tickvals": [0, 50, 100], "ticksuffix": "%", "tickfont": {"size": 10}},
        xaxis4={"domain": [0, 1], "anchor": "y4", "type": "log", "range": [-2.3, 1.4],
                "tickvals": [0.01, 0.1, 1, 10], "ticktext": ["×0.01", "×0.1", "×1", "×10"],
                "tickangle": 0,
                "title": {"text": "relative to no drug", "standoff": 4}},
        yaxis4={"domain": [0.0, 0.275], "anchor": "x4", "range": [len(EFFECT_ROWS) - 0.55, -0.8],
                "visible": False, "fixedrange": True},
        annotations=[
            {"text": "<b>Actions in the ligand data</b>", "x": 0,
             "y": 0.748, "xref": "paper", "yref": "paper", "xanchor": "left",
             "yanchor": "bottom", "showarrow": False},
            {"text": "<b>Share of each target occupied</b>", "x": 0, "y": 0.575,
             "xref": "paper", "yref": "paper", "xanchor": "left", "yanchor": "bottom",
             "showarrow": False},
            {"text": "<b>Model predictions</b> (blank: not modelled)", "x": 0,
             "y": 0.295, "xref": "paper", "yref": "paper", "xanchor": "left",
             "yanchor": "bottom", "showarrow": False},
        ],
        shapes=[
            {"type": "line", "xref": "x4", "yref": "y4 domain", "x0": 1, "x1": 1, "y0": 0,
             "y1": 1, "line": {"color": "#6b7280", "dash": "dot", "width": 1}},
        ],
        height=1040,
        template="plotly_white",
        barmode="group",
        margin={"l": 20, "r": 10, "t": 40, "b": 40},
        showlegend=False,
        font={"size": 13},
        modebar={"orientation": "v", "remove": ["zoomIn2d", "zoomOut2d", "lasso2d", "select2d"]},
    )  # fmt: skip
    for row, label in enumerate(EFFECT_ROWS):  # row labels inside the panel (phone width)
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
        static_slider="primary_pct",
        static_choice="pair",
        static_steps=20,
        significant_digits=3,
        caption=(
            "Dose is the share of each drug's primary target it occupies (named in the text "
            "above the strip). Occupancy elsewhere follows by mass action from sourced "
            "affinities or, for beta blockers, Baker's (2005) selectivity ratios. NE near "
            "terminals comes from the clearance chapter's synapse model (2 Hz for 10 s); NE's "
            "share of a receptor from Gaddum's competitive occupancy. Blank rows have no "
            "sourced input. In the strip: ag agonist, part partial agonist, ant antagonist, inh "
            "reuptake inhibitor, rel releaser, subst transported substrate. Occupancy is not a "
            "clinical effect, and nothing here is a dose."
        ),
    )


# ----- the drug table ------------------------------------------------------------------------
def mechanism_text(ligand: str) -> str:
    """The drug's actions grouped by kind, e.g. 'antagonist at α1A, α1B, α1D'."""
    entry = ligands()[ligand]
    grouped: dict[str, list[str]] = {}
    for target in TARGETS:
        action = entry.actions.get(target)
        if action:
            grouped.setdefault(action, []).append(TARGET_LABELS[target])
    parts = [f"{action} at {', '.join(targets)}" for action, targets in grouped.items()]
    parts.extend(entry.other_actions)
    return "; ".join(parts)


def drug_table_rows() -> list[dict[str, str]]:
    """One row per drug in the ligand data, grouped by mechanism, with uses and sources.

    Keys: ``group``, ``drug``, ``class``, ``mechanism``, ``uses``, ``sources`` (short
    citations) and ``keys`` (the BibTeX keys, ';'-separated).
    """
    table = ligands()
    rows = []
    for ligand in matrix_ligands():
        entry = table[ligand]
        rows.append(
            {
                "group": GROUPS[ligand_group(entry)][0],
                "drug": entry.name,
                "class": entry.drug_class,
                "mechanism": mechanism_text(ligand),
                "uses": entry.uses or "none approved (research tool)",
                "sources": "; ".join(short_citation(k) for k in entry.sources),
                "keys": ";".join(entry.sources),
            }
        )
    return rows


def drug_table_html(rows: list[dict[str, str]] | None = None) -> str:
    """The rows as an accessible HTML table with group headings (scrolls sideways on phones)."""
    rows = drug_table_rows() if rows is None else rows
    columns = (("drug", "Drug"), ("mechanism", "Action at targets"), ("uses", "Main uses"),
               ("sources", "Sources"))  # fmt: skip
    head = "".join(f'<th scope="col">{label}</th>' for _, label in columns)
    body, group = [], None
    for row in rows:
        if row["group"] != group:
            group = row["group"]
            body.append(
                f'<tr class="ne-group"><th scope="rowgroup" colspan="{len(columns)}">'
                f"{html.escape(group)}</th></tr>"
            )
        cells = [f'<th scope="row">{html.escape(row["drug"])}<br><small>'
                 f'{html.escape(row["class"])}</small></th>']  # fmt: skip
        cells += [f"<td>{html.escape(row[key])}</td>" for key, _ in columns[1:]]
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        '<div class="ne-table-wrap" style="overflow-x:auto">'
        '<table class="ne-drug-table" style="font-size:0.85em"><caption>Drugs in the '
        "book's ligand data, by mechanism (generated from ligands.csv)</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


# ----- where a person sits on the inverted U (the arousal chapter's model) -------------------
#: Drugs placed on the inverted U in the chapter (each at half its primary target occupied).
INVERTED_U_DRUGS: tuple[str, ...] = ("atomoxetine", "amphetamine", "guanfacine", "prazosin",
                                     "metoprolol")  # fmt: skip
INVERTED_U_COLOURS = ("#1d4ed8", "#d97706", "#15803d", "#b91c1c", "#6d28d9")


def arousal_preset(ligand: str, primary_pct: float) -> tuple[str, float] | None:
    """The arousal model's drug preset and dose for ``ligand`` at ``primary_pct`` % occupied.

    The arousal chapter's model (:mod:`book.models.arousal`) has generic presets: a NET
    blocker or releaser dosed by NET occupancy, guanfacine and yohimbine at alpha-2, prazosin
    at alpha-1 and a beta-1 blocker, each dosed by the share of its receptor occupied. A
    drug maps onto one only when its actions in the ligand data are of exactly that kind;
    otherwise (agonists other than guanfacine, mixed alpha/beta blockers, MAO inhibitors,
    prodrugs) None.
    """
    profile = drug_profile(ligand, primary_pct)
    actions = ligands()[ligand].actions
    kinds = {_action_kind(a) for a in actions.values()}
    net = actions.get("NET")
    if net in ("reuptake inhibitor", "releaser") and profile.occupancy["NET"] is not None:
        return ("releaser" if net == "releaser" else "net_inhibitor", profile.occupancy["NET"])
    if ligand == "guanfacine":
        return "guanfacine", profile.occupancy["alpha2A"] or 0.0
    if kinds != {"antagonist"}:
        return None
    families = {t[:6] if t.startswith("alpha") else t for t in actions}
    if families == {"alpha2"} and profile.occupancy["alpha2A"] is not None:
        return "yohimbine", profile.occupancy["alpha2A"]
    if families == {"alpha1"} and profile.occupancy["alpha1A"] is not None:
        return "prazosin", profile.occupancy["alpha1A"]
    if "beta1" in actions and not families & {"alpha1", "alpha2"}:
        return "beta1_blocker", profile.occupancy["beta1"] or 0.0
    return None


def inverted_u_figure(primary_pct: float = 50.0, stress: float = 0.0) -> go.Figure:
    """The arousal chapter's performance curve, and where each of a few drugs puts a person.

    Grey: performance against extracellular NE with no drug; dashed: the curve with each
    drug (antagonists and guanfacine change the curve itself); markers: the steady-state NE
    that the arousal model computes for tonic firing at ``stress``, with and without the drug.
    The arousal model's alpha-2A and alpha-1 affinities and its gains are ILLUSTRATIVE.
    """
    from book.models import arousal  # imported here: the arousal chapter owns this model

    fig = go.Figure()
    x = arousal.CURVE_NE_NM
    fig.add_trace(go.Scatter(x=x, y=arousal.performance(x), mode="lines", name="no drug",
                             line={"color": "#6b7280", "width": 3}))  # fmt: skip
    rest = arousal.arousal_state(stress=stress)
    fig.add_trace(go.Scatter(x=[rest.ne_nM], y=[rest.performance], mode="markers",
                             name="no drug", showlegend=False,
                             marker={"color": "#6b7280", "size": 12, "symbol": "x"}))  # fmt: skip
    for ligand, colour in zip(INVERTED_U_DRUGS, INVERTED_U_COLOURS, strict=True):
        preset = arousal_preset(ligand, primary_pct)
        if preset is None:
            continue
        name, fraction = preset
        fraction = min(fraction, arousal.MAX_DRUG_FRACTION)
        state = arousal.arousal_state(stress=stress, drug=name, fraction=fraction)
        curve = arousal.performance(x, arousal.drug_state(name, fraction))
        label = f"{display_name(ligand)} ({name.replace('_', ' ')}, {fraction:.0%})"
        fig.add_trace(
            go.Scatter(
                x=x,
                y=curve,
                mode="lines",
                name=label,
                legendgroup=ligand,
                line={"color": colour, "width": 1.5, "dash": "dash"},
            )
        )
        fig.add_trace(go.Scatter(x=[state.ne_nM], y=[state.performance], mode="markers",
                                 name=label, legendgroup=ligand, showlegend=False,
                                 marker={"color": colour, "size": 11}))  # fmt: skip
    fig.update_layout(
        template="plotly_white", height=460, margin={"l": 50, "r": 10, "t": 30, "b": 40},
        xaxis={"type": "log", "title": {"text": "NE at prefrontal receptors (nM)"}},
        yaxis={"title": {"text": "performance (model units)"}, "range": [0, 1]},
        legend={"orientation": "h", "y": -0.2, "font": {"size": 11}},
        font={"size": 13},
    )  # fmt: skip
    return fig
