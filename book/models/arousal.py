"""Arousal and the inverted U: prefrontal performance derived from adrenoceptor occupancy.

The prefrontal account of Ramos & Arnsten (2007, ``ramos2007``; also ``arnsten2009``) says:
moderate norepinephrine (NE) acts at post-synaptic alpha-2A receptors, which have a HIGH
affinity for NE, and strengthens prefrontal function; the high NE of stress recruits
alpha-1 and possibly beta-1 receptors, which have a LOWER affinity for NE, and impairs it.
This module turns that ordering into numbers, without drawing a parabola:

    A_R  = sum over agonists i at receptor R of  e_i * theta_i          (activation, 0..1)
    theta_i = x_i / (1 + sum_j x_j),  x_i = c_i / K_i                   (Gaddum: competition)
    P(C) = (b + g_2A * A_2A) * (1 - g_1 * A_1 - g_b1 * A_b1)            (performance, 0..1)

with C the extracellular NE concentration (nM) at prefrontal receptors. Activation is
occupancy weighted by efficacy (e = 1 for NE and for guanfacine, 0 for an antagonist): the
simplest transducer, response proportional to occupancy. alpha-2A engagement raises the
network's strength; alpha-1 and beta-1 engagement removes a share of it (``arnsten2009``).
Because alpha-2A fills at lower NE than alpha-1 and beta-1, P rises, peaks and falls.

C comes from the synapse model (:func:`book.models.synapse.steady_state_nM`): with tonic
firing, release is smoothed to a constant rate, and NE settles where release balances
clearance; alpha-2 drugs act on the autoreceptor there too, and stress multiplies firing.

Parameters are registry rows (``book/data/parameters.csv``): NE's constants at the three
receptors (``receptors.ne_k_*``; beta-1 derived from the affinity table, alpha-2A and alpha-1
illustrative, placed in the cited order), the gains and the stress scaling (``arousal.*``,
illustrative), and the adaptive-gain rates. :class:`ArousalParameters` holds them.

Drugs whose affinity at the receptor is not in the book's data are dosed as the fraction of
that receptor they would occupy with no NE present, f; then c/K = f/(1 - f), which is all
Gaddum's equation needs, so no affinity is invented. A NET drug is dosed as the fraction of
NET occupied, as in the clearance chapter.

Adaptive gain (Aston-Jones & Cohen 2005, ``astonjones2005``), ILLUSTRATIVE: phasic LC
responses are largest at intermediate tonic rates; :func:`phasic_gain` gives that shape as the
product of a rising and a falling Hill function of the tonic rate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from book.data.parameters import value
from book.models import synapse
from book.models.receptors import MAX_CONC_NM, gaddum_shares, odds_for_occupancy
from book.models.records import registry_record
from book.models.validation import check_array, check_choice, check_number


class ArousalParameters(
    registry_record(
        "ArousalParameters", "arousal",
        shared={"k_alpha2a_nM": "receptors.ne_k_alpha2a_nM",
                "k_alpha1_nM": "receptors.ne_k_alpha1_nM",
                "k_beta1_nM": "receptors.ne_k_beta1_nM"},
        positive=("k_alpha2a_nM", "k_alpha1_nM", "k_beta1_nM", "gain_on_Hz", "gain_off_Hz"),
    )
):  # fmt: skip
    """NE's constants at the three receptors, the gains, the stress scale and the
    adaptive-gain rates: every registry row ``arousal.*`` plus NE's ``receptors.*`` rows."""

    def __post_init__(self) -> None:
        super().__post_init__()
        for gain in ("baseline", "gain_alpha2a", "gain_alpha1", "gain_beta1"):
            check_number(gain, getattr(self, gain), 0.0, 1.0)
        check_number("stress_max_fold", self.stress_max_fold, 1.0, 1000.0)
        if self.gain_alpha1 + self.gain_beta1 > 1.0:
            raise ValueError("gain_alpha1 + gain_beta1 must be at most 1 (performance >= 0)")
        if self.baseline + self.gain_alpha2a > 1.0:
            raise ValueError("baseline + gain_alpha2a must be at most 1 (performance <= 1)")

    @property
    def in_cited_order(self) -> bool:
        """True when NE's alpha-2A constant lies below its alpha-1 and beta-1 constants."""
        return self.k_alpha2a_nM < min(self.k_alpha1_nM, self.k_beta1_nM)

    def synapse(self) -> synapse.SynapseParameters:
        """The synapse model's constants with the autoreceptor at NE's alpha-2A constant."""
        return replace(synapse.DEFAULTS, autoreceptor_k_nM=self.k_alpha2a_nM)


DEFAULTS = ArousalParameters()

# ----- drugs -----------------------------------------------------------------------------
#: Drug presets: what each acts on and how it is dosed.
#: ``net``: fraction of NET occupied (blocker); ``releaser``: fraction of NET occupied by a
#: releaser that also runs NET backwards; the rest: fraction of the receptor occupied with no
#: NE present (no affinity at that receptor is in the book's data).
DRUG_TARGETS: dict[str, str] = {
    "none": "",
    "net_inhibitor": "NET",
    "releaser": "NET",
    "guanfacine": "alpha2",
    "yohimbine": "alpha2",
    "prazosin": "alpha1",
    "beta1_blocker": "beta1",
}
DRUGS = tuple(DRUG_TARGETS)
MAX_DRUG_FRACTION = 0.99  # 100% would need an infinite concentration
RECEPTORS = ("alpha2A", "alpha1", "beta1")
CURVE_NE_NM = np.logspace(0, 4, 161)  # 1 nM to 10 uM: the explorer's x axis


@dataclass(frozen=True)
class DrugState:
    """What a drug preset does to the model (fractions and odds, 0 when absent)."""

    net_blocked: float = 0.0  # fraction of NET not transporting NE
    reverse_transport: float = 0.0  # fraction of NET occupied by a releaser
    alpha2_agonist_odds: float = 0.0  # c/K of guanfacine at alpha-2 receptors
    alpha2_antagonist_odds: float = 0.0  # c/K of yohimbine at alpha-2 receptors
    alpha1_antagonist_odds: float = 0.0  # c/K of prazosin at alpha-1 receptors
    beta1_antagonist_odds: float = 0.0  # c/K of a beta-1 blocker

    def conditions(self) -> synapse.Conditions:
        """What the drug changes in the synapse model (NET and the alpha-2 autoreceptor)."""
        return synapse.Conditions(
            net_blocked=self.net_blocked,
            reverse_transport=self.reverse_transport,
            alpha2_agonist_odds=self.alpha2_agonist_odds,
            alpha2_antagonist_odds=self.alpha2_antagonist_odds,
        )


def drug_state(drug: str = "none", fraction: float = 0.0) -> DrugState:
    """The model inputs for ``drug`` at ``fraction`` of its target occupied (0 to 0.99).

    For a receptor drug the fraction is the share of receptors the drug would occupy with no
    NE present; NE then competes with it (Gaddum), so the share it really holds is lower.
    """
    drug = check_choice("drug", drug, DRUGS)
    f = check_number("fraction", fraction, 0.0, MAX_DRUG_FRACTION)
    if drug == "none" or f == 0.0:
        return DrugState()
    odds = odds_for_occupancy(f)
    return {
        "net_inhibitor": DrugState(net_blocked=f),
        "releaser": DrugState(net_blocked=f, reverse_transport=f),
        "guanfacine": DrugState(alpha2_agonist_odds=odds),
        "yohimbine": DrugState(alpha2_antagonist_odds=odds),
        "prazosin": DrugState(alpha1_antagonist_odds=odds),
        "beta1_blocker": DrugState(beta1_antagonist_odds=odds),
    }[drug]


# ----- receptor activation ---------------------------------------------------------------


def receptor_activation(
    ne_nM, drugs: DrugState | None = None, params: ArousalParameters = DEFAULTS
) -> dict[str, np.ndarray | float]:
    """Activation (0..1) of post-synaptic alpha-2A, alpha-1 and beta-1 receptors.

    For each receptor R: ``R`` its activation (occupancy by agonists: NE, and guanfacine at
    alpha-2A), ``R_by_ne`` the share NE itself holds, ``R_occupied`` the share held by any
    ligand, agonists and antagonists together, all by Gaddum's equation. A number for a
    number, arrays for an array.
    """
    conc = check_array("ne_nM", ne_nM, 0.0, MAX_CONC_NM)
    d = drugs or DrugState()
    p = params
    competing = {
        "alpha2A": (conc / p.k_alpha2a_nM, d.alpha2_agonist_odds, d.alpha2_antagonist_odds),
        "alpha1": (conc / p.k_alpha1_nM, 0.0, d.alpha1_antagonist_odds),
        "beta1": (conc / p.k_beta1_nM, 0.0, d.beta1_antagonist_odds),
    }
    out: dict[str, np.ndarray] = {}
    for receptor, odds in competing.items():
        ne, agonist, antagonist = gaddum_shares(*odds)
        out[receptor] = ne + agonist
        out[f"{receptor}_by_ne"] = ne
        out[f"{receptor}_occupied"] = ne + agonist + antagonist
    return {k: (float(v) if np.ndim(v) == 0 else v) for k, v in out.items()}


def performance(ne_nM, drugs: DrugState | None = None, params: ArousalParameters = DEFAULTS):
    """Prefrontal performance (model units, 0..1) at extracellular NE ``ne_nM``.

    ``P = (b + g_2A A_2A) (1 - g_1 A_1 - g_b1 A_b1)``; see the module docstring.
    """
    act = receptor_activation(ne_nM, drugs, params)
    strength = params.baseline + params.gain_alpha2a * np.asarray(act["alpha2A"])
    kept = (1.0 - params.gain_alpha1 * np.asarray(act["alpha1"])
            - params.gain_beta1 * np.asarray(act["beta1"]))  # fmt: skip
    result = strength * kept
    return float(result) if result.ndim == 0 else result


def peak_ne_nM(drugs: DrugState | None = None, params: ArousalParameters = DEFAULTS) -> float:
    """The NE concentration (nM) at which performance peaks (searched from 0.01 nM to 1 mM)."""
    grid = np.logspace(-2, 6, 801)
    i = int(np.argmax(performance(grid, drugs, params)))
    lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, grid.size - 1)]
    fine = np.logspace(math.log10(lo), math.log10(hi), 201)
    return float(fine[int(np.argmax(performance(fine, drugs, params)))])


# ----- where the NE concentration comes from ---------------------------------------------


def stress_fold(stress: float, params: ArousalParameters = DEFAULTS) -> float:
    """Multiplicative rise in NE release at stress level ``stress`` (0..1): fold**stress."""
    s = check_number("stress", stress, 0.0, 1.0)
    return params.stress_max_fold**s


def steady_state_ne_nM(
    rate_Hz: float = value("lc.tonic_rate_Hz"),
    stress: float = 0.0,
    drugs: DrugState | None = None,
    params: ArousalParameters = DEFAULTS,
) -> float:
    """Extracellular NE (nM) where release balances clearance during tonic firing.

    The synapse model's steady state at ``rate_Hz`` x the stress fold, with the drug acting on
    NET and on the alpha-2 autoreceptor. ``rate_Hz`` in [0, 100]; ``stress`` in [0, 1].
    """
    rate = check_number("rate_Hz", rate_Hz, 0.0, synapse.MAX_RATE_HZ)
    spikes = min(rate * stress_fold(stress, params), synapse.MAX_RATE_HZ)
    d = drugs or DrugState()
    return synapse.steady_state_nM(spikes, d.conditions(), params.synapse())


@dataclass(frozen=True)
class ArousalState:
    """One person-state on the curve: NE, receptor activation and occupancy, performance."""

    ne_nM: float
    performance: float
    activation: dict[str, float]
    fold: float


def arousal_state(
    stress: float = 0.0,
    drug: str = "none",
    fraction: float = 0.0,
    rate_Hz: float = value("lc.tonic_rate_Hz"),
    params: ArousalParameters = DEFAULTS,
) -> ArousalState:
    """Where a stress level, a drug and its dose put a person on the curve."""
    d = drug_state(drug, fraction)
    ne = steady_state_ne_nM(rate_Hz, stress, d, params)
    return ArousalState(
        ne_nM=ne,
        performance=performance(ne, d, params),
        activation=receptor_activation(ne, d, params),
        fold=stress_fold(stress, params),
    )


# ----- adaptive gain (ILLUSTRATIVE) ------------------------------------------------------

#: LC firing by state (label, low Hz, high Hz), from the registry's ``lc.*`` rows.
LC_STATES: tuple[tuple[str, float, float], ...] = (
    ("REM sleep: silent", 0.0, 0.0),
    ("slow-wave sleep", value("lc.slow_wave_sleep_low_Hz"), value("lc.slow_wave_sleep_high_Hz")),
    ("quiet waking", value("lc.quiet_waking_low_Hz"), value("lc.quiet_waking_high_Hz")),
    ("active waking", value("lc.active_waking_low_Hz"), value("lc.active_waking_high_Hz")),
    ("phasic bursts", value("lc.phasic_burst_low_Hz"), value("lc.phasic_burst_high_Hz")),
)
#: Sustained optogenetic LC drive at or above this rate caused behavioural arrest in mice.
ARREST_RATE_HZ = value("lc.arrest_rate_Hz")
_GAIN_GRID_HZ = np.logspace(-3, 2, 2001)


def _raw_gain(f, on: float, off: float, hill: float):
    return f / (f + on) / (1.0 + (f / off) ** hill)


def phasic_gain(
    tonic_Hz,
    on_Hz: float = value("arousal.gain_on_Hz"),
    off_Hz: float = value("arousal.gain_off_Hz"),
    hill: float = value("arousal.gain_off_hill"),
):
    """ILLUSTRATIVE phasic responsiveness (0..1, peak 1) at tonic LC rate ``tonic_Hz``.

    ``g(f) = [f/(f + f_on)] * [1/(1 + (f/f_off)^n)]``, normalised to its maximum: little
    phasic response when the LC is nearly silent (drowsy), most at intermediate tonic rates
    (engaged, "exploitation"), less again at high tonic rates (distractible, "exploration"),
    the shape proposed by Aston-Jones & Cohen (2005). Not fitted to data.
    """
    f = check_array("tonic_Hz", tonic_Hz, 0.0, synapse.MAX_RATE_HZ)
    on = check_number("on_Hz", on_Hz, 0.0, 100.0, low_open=True)
    off = check_number("off_Hz", off_Hz, 0.0, 100.0, low_open=True)
    n = check_number("hill", hill, 0.0, 10.0, low_open=True)
    result = _raw_gain(f, on, off, n) / _raw_gain(_GAIN_GRID_HZ, on, off, n).max()
    return float(result) if result.ndim == 0 else result


def lc_mode(tonic_Hz: float) -> str:
    """'drowsy', 'phasic (engaged)' or 'tonic (exploring)' for a tonic rate, by the model."""
    f = check_number("tonic_Hz", tonic_Hz, 0.0, synapse.MAX_RATE_HZ)
    gains = phasic_gain(_GAIN_GRID_HZ)
    if phasic_gain(f) >= 0.8:
        return "phasic (engaged)"
    return "drowsy" if f < float(_GAIN_GRID_HZ[int(np.argmax(gains))]) else "tonic (exploring)"
