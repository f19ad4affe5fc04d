"""The circulation chapter's figures: the infusion explorer and a steady-state comparison.

All numbers come from :mod:`book.models.circulation`; this module only arranges them. The
palette is Okabe-Ito (colour-blind safe), with dashes where two lines share a panel.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from book.data.parameters import value
from book.explorer import Choice, ExplorerSpec, Slider, StaticGrid
from book.figures.style import PALETTE, TEMPLATE_NAME, format_number
from book.models import circulation as model

DRUG_COLOURS = {
    "norepinephrine": PALETTE["blue"],
    "epinephrine": PALETTE["vermillion"],
    "isoprenaline": PALETTE["green"],
    "phenylephrine": PALETTE["purple"],
}
DRUG_DASHES = {
    "norepinephrine": "solid", "epinephrine": "dash", "isoprenaline": "dot",
    "phenylephrine": "dashdot",
}  # fmt: skip

#: The explorer's menu: option id -> (drug, baroreflex on, pretreatment).
SCENARIOS: dict[str, tuple[str, bool, str]] = {
    "norepinephrine": ("norepinephrine", True, "none"),
    "epinephrine": ("epinephrine", True, "none"),
    "isoprenaline": ("isoprenaline", True, "none"),
    "phenylephrine": ("phenylephrine", True, "none"),
    "norepinephrine_no_reflex": ("norepinephrine", False, "none"),
    "epinephrine_beta_blocker": ("epinephrine", True, "beta"),
    "epinephrine_alpha_blocker": ("epinephrine", True, "alpha"),
}
SCENARIO_LABELS = {
    "norepinephrine": "Norepinephrine",
    "epinephrine": "Epinephrine",
    "isoprenaline": "Isoprenaline",
    "phenylephrine": "Phenylephrine",
    "norepinephrine_no_reflex": "Norepinephrine, baroreflex off",
    "epinephrine_beta_blocker": "Epinephrine + β blocker",
    "epinephrine_alpha_blocker": "Epinephrine + α blocker",
}
BLOCKER_LABELS = {
    "none": "none (or as in the menu)",
    "alpha": "α blocker",
    "beta": "β blocker (propranolol-like)",
    "both": "α and β blockers",
}
SAMPLE_S = 15.0  # output every 15 s keeps the precomputed static figure small


def _combined_blocker(menu: str, extra: str) -> str:
    chosen = {menu, extra} - {"none"}
    if not chosen:
        return "none"
    return chosen.pop() if len(chosen) == 1 else "both"


def infusion_course(
    scenario: str = "norepinephrine",
    conc_nM: float = 20.0,
    baroreflex: str = "on",
    blocker: str = "none",
    reflex_gain: float = 1.0,
    alpha_blocker_ratio: float | None = None,
    beta_blocker_ratio: float | None = None,
    alpha1_efficacy: float = 1.0,
    beta1_efficacy: float = 1.0,
    beta2_efficacy: float = 1.0,
) -> model.InfusionTimeCourse:
    """Run the model for one setting of the explorer's controls.

    A menu option may already include "baroreflex off" or a blocker; the separate live
    controls add to it (either switch turns the reflex off; blockers combine). The three
    efficacy controls multiply the infused drug's efficacies at alpha1, beta1 and beta2.
    """
    drug, reflex_on, menu_blocker = SCENARIOS[scenario]
    prefix = model.PREFIXES[drug]
    defaults = model.model_parameters()
    overrides: dict[str, float] = {"baroreflex_gain": reflex_gain, "sample_s": SAMPLE_S}
    for receptor, factor in (
        ("alpha1", alpha1_efficacy), ("beta1", beta1_efficacy), ("beta2", beta2_efficacy),
    ):  # fmt: skip
        name = f"{prefix}_tau_{receptor}"
        overrides[name] = defaults[name] * factor
    if alpha_blocker_ratio is not None:
        overrides["alpha_blocker_ratio"] = alpha_blocker_ratio
    if beta_blocker_ratio is not None:
        overrides["beta_blocker_ratio"] = beta_blocker_ratio
    return model.simulate_infusion(
        drug,
        conc_nM,
        baroreflex=reflex_on and baroreflex == "on",
        blocker=_combined_blocker(menu_blocker, blocker),
        **overrides,
    )


def _summary(course: model.InfusionTimeCourse) -> str:
    before, during = course.baseline, course.during
    return (
        f"Before → end of infusion:<br>BP {before['sbp_mmHg']:.0f}/{before['dbp_mmHg']:.0f} → "
        f"<b>{during['sbp_mmHg']:.0f}/{during['dbp_mmHg']:.0f}</b> mmHg<br>"
        f"HR {before['hr_bpm']:.0f} → <b>{during['hr_bpm']:.0f}</b>/min,  "
        f"TPR {before['tpr_mmHg_min_per_L']:.1f} → "
        f"<b>{during['tpr_mmHg_min_per_L']:.1f}</b>"
    )


def infusion_traces(
    scenario: str,
    conc_nM: float,
    baroreflex: str = "on",
    blocker: str = "none",
    reflex_gain: float = 1.0,
    alpha_blocker_ratio: float = 10.0,
    beta_blocker_ratio: float = 10.0,
    alpha1_efficacy: float = 1.0,
    beta1_efficacy: float = 1.0,
    beta2_efficacy: float = 1.0,
) -> list[dict[str, Any]]:
    """Seven traces: three pressures, heart rate, resistance, the shading's legend, a summary."""
    course = infusion_course(
        scenario, conc_nM, baroreflex, blocker, reflex_gain, alpha_blocker_ratio,
        beta_blocker_ratio, alpha1_efficacy, beta1_efficacy, beta2_efficacy,
    )  # fmt: skip
    t = course.time_min

    def line(y, name, colour, dash, axis, legend=True, unit="mmHg"):
        return {
            "type": "scatter", "mode": "lines", "x": t, "y": y, "name": name,
            "line": {"color": colour, "width": 2.5, "dash": dash}, "showlegend": legend,
            "xaxis": f"x{axis}" if axis > 1 else "x", "yaxis": f"y{axis}" if axis > 1 else "y",
            "hovertemplate": f"%{{x:.1f}} min: %{{y:.1f}} {unit}<extra>{name}</extra>",
        }  # fmt: skip

    return [
        line(course.sbp_mmHg, "systolic", PALETTE["vermillion"], "solid", 1),
        line(course.map_mmHg, "mean", PALETTE["black"], "dash", 1),
        line(course.dbp_mmHg, "diastolic", PALETTE["blue"], "dot", 1),
        line(course.hr_bpm, "heart rate", PALETTE["green"], "solid", 2, False, "beats/min"),
        line(course.tpr_mmHg_min_per_L, "resistance", PALETTE["purple"], "solid", 3, False,
             "mmHg·min/L"),
        {
            "type": "scatter", "mode": "markers", "x": [None], "y": [None],
            "name": "drug infusing", "hoverinfo": "skip",
            "marker": {"symbol": "square", "size": 13, "color": "rgba(230,159,0,0.4)"},
        },
        {
            "type": "scatter", "mode": "text", "x": [0.0], "y": [1.0], "text": [_summary(course)],
            "textposition": "middle right", "textfont": {"size": 12, "color": "#111827"},
            "xaxis": "x4", "yaxis": "y4", "showlegend": False, "hoverinfo": "skip",
        },
    ]  # fmt: skip


def infusion_base_figure() -> go.Figure:
    """Summary line on top; pressure, heart rate and resistance panels sharing time."""
    p = model.model_parameters()
    on, off = p["baseline_s"] / 60, (p["baseline_s"] + p["infusion_s"]) / 60
    end = off + p["washout_s"] / 60
    fig = make_subplots(
        rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.07,
        row_heights=[0.46, 0.27, 0.27],
    )  # fmt: skip
    fig.update_xaxes(range=[0, end], tickvals=list(range(0, int(end) + 1, 4)), tickfont_size=12)
    fig.update_xaxes(title_text="time (min)", row=3, col=1)
    fig.update_yaxes(title_text="pressure (mmHg)", row=1, col=1, tickfont_size=12)
    fig.update_yaxes(title_text="heart rate (/min)", row=2, col=1, tickfont_size=12)
    fig.update_yaxes(title_text="TPR (mmHg·min/L)", row=3, col=1, tickfont_size=12)
    shapes = [
        {"type": "rect", "xref": "x", "yref": f"{axis} domain", "x0": on, "x1": off, "y0": 0,
         "y1": 1, "fillcolor": "#E69F00", "opacity": 0.16, "line": {"width": 0},
         "layer": "below"}
        for axis in ("y", "y2", "y3")
    ]  # fmt: skip
    fig.update_layout(
        xaxis4={"domain": [0, 1], "anchor": "y4", "visible": False, "range": [0, 1],
                "fixedrange": True},
        yaxis4={"domain": [0.86, 1.0], "anchor": "x4", "visible": False, "range": [0, 2],
                "fixedrange": True},
        shapes=shapes,
        title={"text": "<b>An intravenous infusion (model)</b>", "x": 0, "xanchor": "left",
               "y": 0.995, "yref": "container", "yanchor": "top", "font": {"size": 15}},
        height=800,
        template=TEMPLATE_NAME,
        margin={"l": 62, "r": 12, "t": 118, "b": 40},
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 0.855, "yanchor": "top",
                "entrywidth": 0.5, "entrywidthmode": "fraction",
                "font": {"size": 12}, "bgcolor": "rgba(255,255,255,0.8)"},
        font={"size": 13},
        modebar={"orientation": "v", "remove": ["zoomIn2d", "zoomOut2d", "lasso2d", "select2d"]},
    )  # fmt: skip
    # Panel domains leave room for the summary line above the pressure panel.
    fig.update_layout(yaxis={"domain": [0.53, 0.765]}, yaxis2={"domain": [0.28, 0.48]},
                      yaxis3={"domain": [0.0, 0.23]})  # fmt: skip
    return fig


def infusion_spec() -> ExplorerSpec:
    """Drug (menu) and plasma concentration (slider) -> haemodynamics over an infusion."""
    return ExplorerSpec(
        title="An intravenous infusion: blood pressure, heart rate and vascular resistance",
        parameters=(
            Choice("scenario", "Drug", tuple(SCENARIOS), "norepinephrine", SCENARIO_LABELS),
            Slider(
                "conc_nM", "Plasma concentration (model)", "nM", 0.1, 1000.0, 0.05, 20.0, log=True
            ),
            Choice(
                "baroreflex",
                "Baroreflex",
                ("on", "off"),
                "on",
                {"on": "on", "off": "off (outflow held at rest)"},
            ),
            Choice("blocker", "Pretreatment", model.BLOCKERS, "none", BLOCKER_LABELS),
            Slider("reflex_gain", "Baroreflex strength", "× model", 0.0, 3.0, 0.1, 1.0),
            Slider(
                "alpha_blocker_ratio",
                "α blocker dose, [B]/K_B",
                "",
                1.0,
                1000.0,
                0.05,
                model.model_parameters()["alpha_blocker_ratio"],
                log=True,
                hint="blocker concentration in multiples of its K_B",
            ),
            Slider(
                "beta_blocker_ratio",
                "β blocker dose at β1, [B]/K_B",
                "",
                1.0,
                1000.0,
                0.05,
                model.model_parameters()["beta_blocker_ratio"],
                log=True,
                hint="blocker concentration in multiples of its K_B",
            ),
            Slider(
                "alpha1_efficacy", "Drug's α1 efficacy", "× model", 0.1, 10.0, 0.05, 1.0, log=True
            ),
            Slider(
                "beta1_efficacy", "Drug's β1 efficacy", "× model", 0.1, 10.0, 0.05, 1.0, log=True
            ),
            Slider(
                "beta2_efficacy", "Drug's β2 efficacy", "× model", 0.1, 10.0, 0.05, 1.0, log=True
            ),
        ),  # fmt: skip
        traces=infusion_traces,
        base_figure=infusion_base_figure,
        static=StaticGrid("conc_nM", choice="scenario", steps=13, digits=4),
        caption=(
            f"Model of a {format_number(value('circulation.infusion_s') / 60)}-minute "
            "intravenous infusion (shaded) that drives the drug's plasma concentration towards "
            "the chosen value (plasma half-life "
            f"{format_number(value('circulation.plasma_half_life_s') / 60)} min). Receptor "
            "activation (operational model) at α1, β1 and β2 sets heart rate, stroke volume "
            "and total peripheral resistance (TPR); mean pressure = cardiac output × TPR; "
            "systolic and diastolic pressure are split from the mean by MAP = DBP + pulse "
            "pressure/3; the baroreflex adjusts sympathetic and vagal outflow. Resting values "
            "and the plasma half-life are sourced; efficacies, most affinities and all gains "
            "are ILLUSTRATIVE, so the concentration scale is the model's, never a dose."
        ),
    )


# ----- a plain figure: steady-state concentration-effect curves ------------------------------
CURVE_CONC_NM = np.logspace(-1, 3, 41)


def steady_state_figure() -> go.Figure:
    """Mean pressure, heart rate and resistance at steady state against concentration."""
    fig = make_subplots(
        rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.06,
        subplot_titles=("Mean arterial pressure", "Heart rate", "Total peripheral resistance"),
    )  # fmt: skip
    for drug in model.DRUGS:
        states = [model.steady_state(drug, float(c)) for c in CURVE_CONC_NM]
        columns = (
            [s.map_mmHg for s in states],
            [s.hr_bpm for s in states],
            [s.tpr_mmHg_min_per_L for s in states],
        )
        for row, values in enumerate(columns, start=1):
            fig.add_trace(
                go.Scatter(
                    x=CURVE_CONC_NM, y=values, mode="lines", name=drug, legendgroup=drug,
                    showlegend=row == 1,
                    line={"color": DRUG_COLOURS[drug], "dash": DRUG_DASHES[drug], "width": 2.5},
                    hovertemplate="%{x:.3g} nM: %{y:.1f}<extra>" + drug + "</extra>",
                ),
                row=row, col=1,
            )  # fmt: skip
    fig.update_xaxes(type="log", range=[-1.05, 3.05], tickvals=[0.1, 1, 10, 100, 1000],
                     ticktext=["0.1", "1", "10", "100", "1,000"], tickfont_size=12)  # fmt: skip
    fig.update_xaxes(title_text="plasma concentration (nM, model)", row=3, col=1)
    fig.update_yaxes(title_text="mmHg", row=1, col=1, tickfont_size=12)
    fig.update_yaxes(title_text="beats/min", row=2, col=1, tickfont_size=12)
    fig.update_yaxes(title_text="mmHg·min/L", row=3, col=1, tickfont_size=12)
    fig.update_layout(
        title={"text": "<b>Four agonists at steady state (model)</b>", "x": 0,
               "xanchor": "left", "y": 0.99, "yref": "container", "yanchor": "top",
               "font": {"size": 15}},
        height=760, template=TEMPLATE_NAME, font={"size": 13},
        margin={"l": 62, "r": 12, "t": 150, "b": 45},
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "font": {"size": 12}},
    )  # fmt: skip
    return fig
