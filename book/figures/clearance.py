"""The reuptake sliders: block NET, change firing and enzymes, see extracellular NE and its fate.

The model is :func:`book.models.synapse.simulate`. A drug's NET affinity comes from the
book's data table (:func:`book.data.affinities.affinity`); a drug with no NET row is shown as
unavailable rather than guessed. The static version (HTML book) has a slider for the share of
NET blocked and a menu of drugs; for each drug the figure states the free concentration that
blocks that share, c = K x f / (1 - f), from the drug's own K.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

import plotly.graph_objects as go

from book.data.affinities import Affinity, affinity
from book.data.parameters import value
from book.data.references import short_citation
from book.explorer import Choice, ExplorerSpec, Slider, StaticGrid
from book.figures.style import (
    PALETTE,
    Panel,
    bar_trace,
    format_conc,
    format_number,
    line_trace,
    stacked_figure,
    status_trace,
)
from book.models.receptors import conc_for_occupancy_nM
from book.models.synapse import SynapseResult, simulate
from book.models.validation import check_choice, check_number

FIRING_S = value("protocol.firing_s")
DURATION_S = value("protocol.duration_s")

#: Drug presets: option id -> display name. "none" means "any competitive inhibitor".
DRUGS: dict[str, str] = {
    "none": "Any NET inhibitor",
    "atomoxetine": "Atomoxetine",
    "reboxetine": "Reboxetine",
    "desipramine": "Desipramine",
    "duloxetine": "Duloxetine",
    "venlafaxine": "Venlafaxine",
    "bupropion": "Bupropion",
    "cocaine": "Cocaine",
    "methylphenidate": "Methylphenidate",
    "amphetamine": "Amphetamine",
}
#: Drugs that are transported by NET and reverse it (releasers), not plain blockers.
RELEASERS = ("amphetamine",)

#: Fate of released NE -> short axis label (fits a phone). The chapter explains each one.
FATES: dict[str, str] = {
    "repackaged": "VMAT2<br>(via NET)",
    "deaminated": "MAO-A<br>(via NET)",
    "methylated": "COMT<br>(uptake-2)",
    "diffused": "spill-<br>over",
    "inside cells": "in cells,<br>waiting",
    "extracellular": "still<br>outside",
}
BASELINE_COLOUR = PALETTE["grey"]
CURRENT_COLOUR = PALETTE["vermillion"]


@lru_cache(maxsize=64)
def drug_net_affinity(drug: str) -> Affinity | None:
    """The drug's NET affinity row from the data (None when the data has none).

    ``ValueError`` naming ``drug`` if it is not one of :data:`DRUGS` (or is "none").
    """
    check_choice("drug", drug, tuple(d for d in DRUGS if d != "none"))
    return affinity(drug, "NET")


def affinity_parts(drug: str) -> tuple[str, str, str, str]:
    """(kind, value, species, citation), e.g. ('Ki', '5 nM', 'human', 'Bymaster et al. 2002').

    ``ValueError`` if the drug has no NET row in the data.
    """
    row = drug_net_affinity(drug)
    if row is None:
        raise ValueError(f"drug {drug!r} has no sourced NET affinity in the book's data")
    kind = {"pKi": "Ki", "pKd": "Kd", "pIC50": "IC50"}[row.value_type]
    cite = short_citation(row.source)
    primary = re.search(r"reproducing ([^:;]+?)(?::|$)", row.location)
    if primary:
        cite = f"{primary.group(1).strip()}, via {cite}"
    return kind, format_conc(row.k_nM), row.species.split(" (")[0], cite


def affinity_note(drug: str) -> str:
    """Where the drug's NET value comes from, e.g. 'Ki 5 nM, human (Bymaster et al. 2002)'."""
    if drug_net_affinity(drug) is None:
        return "no sourced NET affinity in the book's data"
    kind, value, species, cite = affinity_parts(drug)
    return f"{kind} {value}, {species} ({cite})"


def drug_effect(drug: str, inhibition_pct: float) -> dict[str, Any]:
    """What the model is given for ``drug`` at ``inhibition_pct`` % of NET occupied.

    Returns ``inhibition`` and ``reverse_transport`` (fractions for the model), whether the
    drug is ``available`` (has a sourced NET value, or is "none") and the free concentration
    ``conc_nM`` that occupies that share of NET (None for "none", unavailable or 100%).
    """
    check_choice("drug", drug, tuple(DRUGS))
    fraction = check_number("inhibition_pct", inhibition_pct, 0.0, 100.0) / 100.0
    if drug == "none":
        return {"inhibition": fraction, "reverse_transport": 0.0, "available": True,
                "conc_nM": None}  # fmt: skip
    row = drug_net_affinity(drug)
    if row is None:
        return {"inhibition": 0.0, "reverse_transport": 0.0, "available": False,
                "conc_nM": None}  # fmt: skip
    conc = conc_for_occupancy_nM(fraction, row.k_nM) if fraction < 0.999 else None
    reverse = fraction if drug in RELEASERS else 0.0
    return {"inhibition": fraction, "reverse_transport": reverse, "available": True,
            "conc_nM": conc}  # fmt: skip


@lru_cache(maxsize=64)
def baseline(rate_Hz: float, mode: str) -> SynapseResult:
    """The comparison run: same firing, no drug, normal NET and enzymes, feedback on."""
    return simulate(rate_Hz=rate_Hz, mode=mode, firing_s=FIRING_S, duration_s=DURATION_S,
                    n_points=_points(mode))  # fmt: skip


def _points(mode: str) -> int:
    # Bursts last 0.2 s, so burst mode needs a finer grid (live only; the static book is tonic).
    return 151 if mode == "tonic" else 601


def _half_time_text(value: float) -> str:
    return "not reached" if math.isnan(value) else f"{value:.1f} s"


def _ratio(new: float, old: float) -> str:
    if math.isnan(new) or math.isnan(old) or old <= 0:
        return ""
    return f" (×{new / old:.1f})"


def _drug_lines(drug: str, inhibition_pct: float, effect: dict[str, Any]) -> list[str]:
    """Short lines (they must fit a phone) naming the drug, its K and its concentration."""
    name = DRUGS[drug]
    if drug == "none":
        return [f"<b>{inhibition_pct:.0f}% of NET blocked</b> (any inhibitor)"]
    if not effect["available"]:
        return [f"<b>{name}</b>: no sourced NET affinity", "in the book's data: not simulated"]
    kind, value, species, cite = affinity_parts(drug)
    lines = [f"<b>{name}</b>: NET {kind} {value}, {species}", f"({cite})"]
    if effect["conc_nM"] is None:
        lines.append("every NET blocked (far above K)")
    elif inhibition_pct == 0:
        lines.append("no drug present")
    else:
        lines.append(
            f"{inhibition_pct:.0f}% of NET at ≈ {format_conc(effect['conc_nM'])} free drug"
        )
    if drug in RELEASERS:
        lines.append("releaser: NET also runs backwards")
    return lines


def reuptake_traces(
    inhibition_pct: float,
    drug: str = "none",
    rate_Hz: float = value("lc.tonic_rate_Hz"),
    mode: str = "tonic",
    net_activity_pct: float = 100.0,
    mao_pct: float = 100.0,
    comt_pct: float = 100.0,
    autoreceptor: str = "on",
) -> list[dict[str, Any]]:
    """Status text, baseline and current extracellular NE, and the fate of released NE."""
    effect = drug_effect(drug, inhibition_pct)
    base = baseline(float(rate_Hz), mode)
    run = simulate(rate_Hz, mode, FIRING_S, DURATION_S, net_activity_pct / 100.0,
                   effect["inhibition"], effect["reverse_transport"], mao_pct / 100.0,
                   comt_pct / 100.0, autoreceptor == "on", _points(mode))  # fmt: skip
    lines = _drug_lines(drug, inhibition_pct, effect) + [
        f"Peak {base.peak_nM:.1f} → {run.peak_nM:.1f} nM{_ratio(run.peak_nM, base.peak_nM)}",
        f"Mean {base.mean_nM:.1f} → {run.mean_nM:.1f} nM{_ratio(run.mean_nM, base.mean_nM)}",
        f"Half-time {_half_time_text(base.decay_half_time_s)} → "
        f"{_half_time_text(run.decay_half_time_s)}"
        f"{_ratio(run.decay_half_time_s, base.decay_half_time_s)}",
        f"Recaptured by NET {base.fraction_recaptured:.0%} → {run.fraction_recaptured:.0%}",
    ]
    hover = "%{x:.1f} s: %{y:.1f} nM<extra>%{fullData.name}</extra>"
    base_line = line_trace(base.time_s, base.cleft_nM, "no drug", BASELINE_COLOUR, "2", 2,
                           "dash", hover)  # fmt: skip
    run_line = line_trace(run.time_s, run.cleft_nM, "this setting", CURRENT_COLOUR, "2",
                          hover=hover)  # fmt: skip
    bars = []
    for name, result, colour in (("no drug", base, BASELINE_COLOUR),
                                 ("this setting", run, CURRENT_COLOUR)):  # fmt: skip
        fates, total = result.fates(), result.released_nM
        values = [100 * fates[f] / total if total > 0 else 0.0 for f in FATES]
        bars.append(bar_trace(list(FATES.values()), values, name, colour, "3",
                              "%{y:.1f}% of released<extra>" + name + "</extra>",
                              text=[f"{v:.0f}%" if v >= 0.5 else "" for v in values],
                              textposition="outside", cliponaxis=False,
                              textfont={"size": 11}))  # fmt: skip
    return [status_trace(lines), base_line, run_line, *bars]


def reuptake_base_figure() -> go.Figure:
    """Three stacked panels: status text, NE over time, where the released NE went."""
    fig = stacked_figure(
        [
            Panel(share=0.21, text=True),
            Panel("NE outside the cells", 0.225,
                  xaxis={"title": {"text": "time (s)", "standoff": 4}, "range": [0, DURATION_S]},
                  yaxis={"title": {"text": "nM"}, "rangemode": "tozero"}),
            Panel("Where the released NE went", 0.24, xaxis={"tickfont": {"size": 11}},
                  yaxis={"title": {"text": "% of released"}, "range": [0, 110],
                         "tickvals": [0, 25, 50, 75, 100]}),
        ],
        height=860,
        gap=0.11,
        margin={"l": 50, "r": 10, "t": 40, "b": 30},
        barmode="group",
        legend={"orientation": "h", "y": 0.7, "yanchor": "bottom", "x": 1, "xanchor": "right",
                "font": {"size": 12}, "bgcolor": "rgba(255,255,255,0.85)"},
    )  # fmt: skip
    fig.add_shape(type="rect", xref="x2", yref="y2 domain", x0=0, x1=FIRING_S, y0=0, y1=1,
                  fillcolor="#fde68a", opacity=0.35, line={"width": 0}, layer="below")  # fmt: skip
    fig.add_annotation(
        text="firing", x=FIRING_S / 2, y=0.02, xref="x2", yref="y2 domain", xanchor="center",
        yanchor="bottom", showarrow=False, font={"size": 12, "color": "#92400e"},
    )  # fmt: skip
    return fig


def _drug_label(drug: str) -> str:
    if drug == "none":
        return DRUGS[drug]
    row = drug_net_affinity(drug)
    if row is None:
        return f"{DRUGS[drug]} (no data)"
    return f"{DRUGS[drug]} (K {format_conc(row.k_nM)})"


def reuptake_spec() -> ExplorerSpec:
    """The reuptake sliders: NET blocked (static slider) and drug (static menu), and more."""
    unavailable = [DRUGS[d] for d in DRUGS if d != "none" and drug_net_affinity(d) is None]
    gap = f" No published NET affinity: {', '.join(unavailable)}." if unavailable else ""
    return ExplorerSpec(
        title="Reuptake sliders: what happens to released norepinephrine?",
        parameters=(
            Slider("inhibition_pct", "NET blocked", "%", 0.0, 100.0, 5.0, 50.0),
            Choice("drug", "Drug", tuple(DRUGS), "none", {d: _drug_label(d) for d in DRUGS}),
            Slider("rate_Hz", "Firing rate", "Hz", 0.0, 20.0, 0.5, value("lc.tonic_rate_Hz")),
            Choice(
                "mode",
                "Firing pattern",
                ("tonic", "burst"),
                "tonic",
                {"tonic": "tonic (steady)", "burst": "bursts (0.2 s each second)"},
            ),
            Slider("net_activity_pct", "NET activity", "% of normal", 0.0, 200.0, 10.0, 100.0),
            Slider("mao_pct", "MAO-A activity", "% of normal", 0.0, 200.0, 10.0, 100.0),
            Slider("comt_pct", "COMT activity", "% of normal", 0.0, 200.0, 10.0, 100.0),
            Choice("autoreceptor", "α2 autoreceptor feedback", ("on", "off"), "on"),
        ),  # fmt: skip
        traces=reuptake_traces,
        base_figure=reuptake_base_figure,
        static=StaticGrid("inhibition_pct", choice="drug", steps=21, digits=3),
        caption=(
            f"Norepinephrine outside the terminals during {format_number(FIRING_S)} s of firing "
            "and after, and where the released molecules went. Block a share of NET or pick a "
            "drug; dashed: no drug." + gap
        ),
    )


def net_affinity_lines() -> list[str]:
    """One line per drug preset: its NET affinity and source, or that the data has none."""
    width = max(len(DRUGS[d]) for d in DRUGS if d != "none")
    return [f"{DRUGS[d]:<{width}}  {affinity_note(d)}" for d in DRUGS if d != "none"]
