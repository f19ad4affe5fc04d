"""Arousal and the inverted U: prefrontal performance derived from adrenoceptor occupancy.

The prefrontal account of Ramos & Arnsten (2007, ``ramos2007``; also ``arnsten2009``) says:
moderate norepinephrine (NE) acts at post-synaptic alpha-2A receptors, which have a HIGH
affinity for NE, and strengthens prefrontal function; the high NE of stress recruits
alpha-1 and possibly beta-1 receptors, which have a LOWER affinity for NE, and impairs it.
This module turns that ordering into numbers, without drawing a parabola:

    A_R  = sum over agonists i at receptor R of  e_i * theta_i          (activation, 0..1)
    theta_i = (c_i/K_i) / (1 + sum_j c_j/K_j)                          (Gaddum: competition)
    P(C) = (b + g_2A * A_2A) * (1 - g_1 * A_1 - g_b1 * A_b1)            (performance, 0..1)

with C the extracellular NE concentration (nM) at prefrontal receptors. Activation is
occupancy weighted by efficacy (e = 1 for NE and for guanfacine, 0 for an antagonist): the
simplest transducer, response proportional to occupancy (see the receptors chapter for the
operational model). alpha-2A engagement raises the network's strength (first bracket);
alpha-1 and beta-1 engagement removes a share of it (second bracket), the "weakening" of
``arnsten2009`` (cAMP and PKC signalling that weaken connectivity and suppress firing).
Because alpha-2A fills at lower NE than alpha-1 and beta-1, P rises, peaks and falls.

Where does C come from? From the synapse model (:mod:`book.models.synapse`): with tonic
firing at rate r, release is smoothed to a constant rate, so the extracellular NE settles
where release equals clearance. :func:`steady_state_ne_nM` solves that balance with the
synapse model's own parameters and equations,

    q r S (1 - a_max * A_auto(C)) + rho R_max = Vmax (1-f) C / (Km + (1-f) C) + (k_2 + k_d) C,

(f: NET blocked; rho: NET occupied by a releaser; A_auto: alpha-2 autoreceptor activation,
with NE, guanfacine and yohimbine competing by Gaddum's equation; S the stress factor).
It equals the plateau that :func:`book.models.synapse.simulate` reaches (tested).

Parameters: sourced, derived or ILLUSTRATIVE (each record in :data:`PARAMETERS` says which)
------------------------------------------------------------------------------------------
* ``K_BETA1_NM`` = 2000 nM: NE at beta-1, Ki 2.00 uM (``isogaya1999``, from the book's data
  table via :func:`book.data.affinities.affinity`). SOURCED.
* ``K_ALPHA2A_NM`` = 30 nM and ``K_ALPHA1_NM`` = 300 nM: ILLUSTRATIVE. NE's affinities at
  alpha-2A and alpha-1 are not in the book's data and could not be read in any source
  (``docs/research/ne-affinities-notes.md``). The defaults only respect the cited ORDERING
  (alpha-2A well below alpha-1 and beta-1, ``ramos2007``); alpha-2A uses the same
  illustrative 30 nM as the synapse model's autoreceptor. Both are function arguments, and
  the live explorer has a slider for each.
* Gains ``BASELINE`` 0.3, ``GAIN_ALPHA2A`` 0.7, ``GAIN_ALPHA1`` 0.7, ``GAIN_BETA1`` 0.3:
  ILLUSTRATIVE. Performance is in model units (0 to 1), not a measured score.
* ``TONIC_RATE_HZ`` = 2 Hz: within waking LC rates, 1-2 Hz active waking in cats
  (``nitz1997``), 1-3 Hz tonic waking (``carter2010``). SOURCED range, value chosen in it.
* ``STRESS_MAX_FOLD`` = 10: a SCALING, ILLUSTRATIVE. Stress s in [0, 1] multiplies NE
  release by 10**s. The scale is borrowed from plasma NE, which rose about 6-fold in 1 h of
  14 C head-out water immersion (+530%, ``sramek2000``) and exceeds 1800 pg/mL in exercise
  and acute illness (``silverberg1978``), several times resting values. Plasma NE is
  sympathetic spillover, not prefrontal NE: the map is a scaling, not a measurement.
* Release per spike, NET Km and Vmax, uptake-2 and diffusion, autoreceptor K and maximum
  inhibition, reverse transport: taken unchanged from :mod:`book.models.synapse` (whose
  docstring gives their sources and which of them are illustrative).
* Drugs whose affinity at the receptor is not in the book's data (guanfacine at alpha-2A,
  prazosin at alpha-1, yohimbine at alpha-2, a beta-1 blocker) are dosed as the fraction of
  that receptor they would occupy with no NE present, f; then c/K = f/(1 - f), which is all
  Gaddum's equation needs, so no affinity is invented. A NET drug is dosed as the fraction
  of NET occupied, as in the clearance chapter.

Adaptive gain (Aston-Jones & Cohen 2005, ``astonjones2005``), ILLUSTRATIVE
----------------------------------------------------------------------------
The theory: LC neurons have a phasic mode (bursts locked to task events, engagement,
"exploitation") and a tonic mode (raised baseline firing, disengagement, "exploration");
phasic responses are largest at intermediate tonic rates. :func:`phasic_gain` gives that
shape as the product of a rising and a falling Hill function of the tonic rate. The two
half-points (0.5 Hz and 3 Hz) are ILLUSTRATIVE, placed at the edges of the waking tonic
range (quiet waking 0.5-1.5 Hz, ``nitz1997``; tonic waking 1-3 Hz, ``carter2010``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.optimize import brentq

from book.data.affinities import affinity
from book.models import synapse
from book.models.receptors import MAX_CONC_NM
from book.models.validation import check_array, check_choice, check_number

# ----- parameters ------------------------------------------------------------------------


@dataclass(frozen=True)
class Parameter:
    """One model parameter: value, unit, status (sourced, derived, illustrative), source."""

    name: str
    label: str
    value: float
    unit: str
    status: str  # "sourced", "derived" or "illustrative"
    source: str  # citation keys (';'-separated) or "" for none
    note: str

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(key.strip() for key in self.source.split(";") if key.strip())


def _ne_beta1_nM() -> float:
    row = affinity("norepinephrine", "beta1")
    if row is None:  # pragma: no cover - the data table holds this row
        raise RuntimeError("norepinephrine's beta1 affinity is missing from affinities.csv")
    return row.k_nM


K_BETA1_NM = _ne_beta1_nM()  # 2000 nM, isogaya1999 (SOURCED, from the data table)
K_ALPHA2A_NM = synapse.AUTORECEPTOR_K_NM  # 30 nM, ILLUSTRATIVE (ordering from ramos2007)
K_ALPHA1_NM = 300.0  # ILLUSTRATIVE (ordering from ramos2007)
BASELINE = 0.3  # ILLUSTRATIVE
GAIN_ALPHA2A = 0.7  # ILLUSTRATIVE
GAIN_ALPHA1 = 0.7  # ILLUSTRATIVE
GAIN_BETA1 = 0.3  # ILLUSTRATIVE
TONIC_RATE_HZ = 2.0  # within 1-3 Hz (nitz1997, carter2010)
STRESS_MAX_FOLD = 10.0  # ILLUSTRATIVE scaling (scale from sramek2000, silverberg1978)
GAIN_ON_HZ = 0.5  # ILLUSTRATIVE (adaptive gain)
GAIN_OFF_HZ = 3.0  # ILLUSTRATIVE (adaptive gain)
GAIN_OFF_HILL = 2.0  # ILLUSTRATIVE (adaptive gain)

PARAMETERS: dict[str, Parameter] = {
    p.name: p
    for p in (
        Parameter("K_ALPHA2A_NM", "NE dissociation constant at α2A", K_ALPHA2A_NM, "nM",
                  "illustrative", "ramos2007",
                  "value not found; only the order (α2A well below α1, β1) is cited"),
        Parameter("K_ALPHA1_NM", "NE dissociation constant at α1", K_ALPHA1_NM, "nM",
                  "illustrative", "ramos2007",
                  "value not found; only the order (weaker than α2A) is cited"),
        Parameter("K_BETA1_NM", "NE dissociation constant at β1", K_BETA1_NM, "nM",
                  "sourced", "isogaya1999", "Ki 2.00 µM (book data table)"),
        Parameter("BASELINE", "performance with no α2A engagement", BASELINE, "",
                  "illustrative", "", "model units"),
        Parameter("GAIN_ALPHA2A", "strengthening by α2A", GAIN_ALPHA2A, "", "illustrative",
                  "", "model units"),
        Parameter("GAIN_ALPHA1", "weakening by α1", GAIN_ALPHA1, "", "illustrative", "",
                  "model units"),
        Parameter("GAIN_BETA1", "weakening by β1", GAIN_BETA1, "", "illustrative", "",
                  "model units; β1's role is 'possible' in the source"),
        Parameter("TONIC_RATE_HZ", "calm waking LC firing", TONIC_RATE_HZ, "Hz", "sourced",
                  "nitz1997;carter2010", "a value inside the 1–3 Hz waking range"),
        Parameter("STRESS_MAX_FOLD", "rise in NE release at stress = 1", STRESS_MAX_FOLD, "×",
                  "illustrative", "sramek2000;silverberg1978",
                  "a scaling; size borrowed from plasma NE rises"),
        Parameter("RELEASE_PER_SPIKE_NM", "NE released per spike",
                  synapse.RELEASE_PER_SPIKE_NM, "nM", "derived", "palij1994",
                  "from the synapse model"),
        Parameter("NET_KM_NM", "NET Km for NE", synapse.NET_KM_NM, "nM", "sourced",
                  "iversen1963", "from the synapse model"),
        Parameter("AUTORECEPTOR_MAX_INHIBITION", "largest α2 autoreceptor inhibition",
                  synapse.AUTORECEPTOR_MAX_INHIBITION, "", "illustrative", "",
                  "from the synapse model"),
        Parameter("GAIN_ON_HZ", "adaptive gain: tonic rate where phasic responses rise",
                  GAIN_ON_HZ, "Hz", "illustrative", "astonjones2005;nitz1997",
                  "shape from the theory; value at the low edge of waking rates"),
        Parameter("GAIN_OFF_HZ", "adaptive gain: tonic rate where phasic responses fade",
                  GAIN_OFF_HZ, "Hz", "illustrative", "astonjones2005;carter2010",
                  "shape from the theory; value at the high edge of waking rates"),
    )
}  # fmt: skip

#: Parameters with no readable source for their value.
ILLUSTRATIVE = tuple(name for name, p in PARAMETERS.items() if p.status == "illustrative")

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
MIN_NE_NM = 0.01
CURVE_NE_NM = np.logspace(0, 4, 161)  # 1 nM to 10 uM: the explorer's x axis


@dataclass(frozen=True)
class DrugState:
    """What a drug preset does to the model (all fractions, 0 when absent)."""

    net_blocked: float = 0.0  # fraction of NET not transporting NE
    reverse_transport: float = 0.0  # fraction of NET occupied by a releaser
    alpha2_agonist_ratio: float = 0.0  # c/K of guanfacine at alpha-2 receptors
    alpha2_antagonist_ratio: float = 0.0  # c/K of yohimbine at alpha-2 receptors
    alpha1_antagonist_ratio: float = 0.0  # c/K of prazosin at alpha-1 receptors
    beta1_antagonist_ratio: float = 0.0  # c/K of a beta-1 blocker


def _ratio(fraction: float) -> float:
    """c/K for a ligand that alone occupies ``fraction`` of its receptors: f / (1 - f)."""
    return fraction / (1.0 - fraction)


def drug_state(drug: str = "none", fraction: float = 0.0) -> DrugState:
    """The model inputs for ``drug`` at ``fraction`` of its target occupied (0 to 0.99).

    For a receptor drug the fraction is the share of receptors the drug would occupy with no
    NE present; NE then competes with it (Gaddum), so the share it really holds is lower.
    """
    drug = check_choice("drug", drug, DRUGS)
    f = check_number("fraction", fraction, 0.0, MAX_DRUG_FRACTION)
    if drug == "none" or f == 0.0:
        return DrugState()
    return {
        "net_inhibitor": lambda: DrugState(net_blocked=f),
        "releaser": lambda: DrugState(net_blocked=f, reverse_transport=f),
        "guanfacine": lambda: DrugState(alpha2_agonist_ratio=_ratio(f)),
        "yohimbine": lambda: DrugState(alpha2_antagonist_ratio=_ratio(f)),
        "prazosin": lambda: DrugState(alpha1_antagonist_ratio=_ratio(f)),
        "beta1_blocker": lambda: DrugState(beta1_antagonist_ratio=_ratio(f)),
    }[drug]()


# ----- receptor activation ---------------------------------------------------------------


def _gaddum(ne_ratio, agonist_ratio: float, antagonist_ratio: float):
    """(NE occupancy, other agonist's occupancy) when NE, an agonist and an antagonist compete."""
    total = 1.0 + ne_ratio + agonist_ratio + antagonist_ratio
    return ne_ratio / total, agonist_ratio / total


def receptor_activation(
    ne_nM,
    drugs: DrugState | None = None,
    k_alpha2a_nM: float = K_ALPHA2A_NM,
    k_alpha1_nM: float = K_ALPHA1_NM,
    k_beta1_nM: float = K_BETA1_NM,
) -> dict[str, np.ndarray | float]:
    """Activation (0..1) of post-synaptic alpha-2A, alpha-1 and beta-1 receptors.

    Activation = occupancy by agonists (NE; guanfacine at alpha-2A) with competitive
    antagonists taking their share by Gaddum's equation. Also returns each receptor's total
    occupancy (``*_occupied``), agonists and antagonists together. A number for a number.
    """
    conc = check_array("ne_nM", ne_nM, 0.0, MAX_CONC_NM)
    k2 = check_number("k_alpha2a_nM", k_alpha2a_nM, 0.0, MAX_CONC_NM, low_open=True)
    k1 = check_number("k_alpha1_nM", k_alpha1_nM, 0.0, MAX_CONC_NM, low_open=True)
    kb = check_number("k_beta1_nM", k_beta1_nM, 0.0, MAX_CONC_NM, low_open=True)
    d = drugs or DrugState()
    ne2, ag2 = _gaddum(conc / k2, d.alpha2_agonist_ratio, d.alpha2_antagonist_ratio)
    ne1, _ = _gaddum(conc / k1, 0.0, d.alpha1_antagonist_ratio)
    neb, _ = _gaddum(conc / kb, 0.0, d.beta1_antagonist_ratio)
    out = {
        "alpha2A": ne2 + ag2,
        "alpha1": ne1,
        "beta1": neb,
        "alpha2A_occupied": 1.0 - 1.0 / (1.0 + conc / k2 + d.alpha2_agonist_ratio
                                         + d.alpha2_antagonist_ratio),
        "alpha1_occupied": 1.0 - 1.0 / (1.0 + conc / k1 + d.alpha1_antagonist_ratio),
        "beta1_occupied": 1.0 - 1.0 / (1.0 + conc / kb + d.beta1_antagonist_ratio),
    }  # fmt: skip
    return {k: (float(v) if np.ndim(v) == 0 else v) for k, v in out.items()}


def performance(
    ne_nM,
    drugs: DrugState | None = None,
    k_alpha2a_nM: float = K_ALPHA2A_NM,
    k_alpha1_nM: float = K_ALPHA1_NM,
    k_beta1_nM: float = K_BETA1_NM,
):
    """Prefrontal performance (model units, 0..1) at extracellular NE ``ne_nM``.

    ``P = (b + g_2A A_2A) (1 - g_1 A_1 - g_b1 A_b1)``; see the module docstring.
    """
    act = receptor_activation(ne_nM, drugs, k_alpha2a_nM, k_alpha1_nM, k_beta1_nM)
    strength = BASELINE + GAIN_ALPHA2A * np.asarray(act["alpha2A"])
    kept = 1.0 - GAIN_ALPHA1 * np.asarray(act["alpha1"]) - GAIN_BETA1 * np.asarray(act["beta1"])
    result = strength * kept
    return float(result) if result.ndim == 0 else result


def peak_ne_nM(
    drugs: DrugState | None = None,
    k_alpha2a_nM: float = K_ALPHA2A_NM,
    k_alpha1_nM: float = K_ALPHA1_NM,
    k_beta1_nM: float = K_BETA1_NM,
) -> float:
    """The NE concentration (nM) at which performance peaks (searched from 0.01 nM to 1 mM)."""
    grid = np.logspace(-2, 6, 801)
    values = performance(grid, drugs, k_alpha2a_nM, k_alpha1_nM, k_beta1_nM)
    i = int(np.argmax(values))
    lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, grid.size - 1)]
    fine = np.logspace(math.log10(lo), math.log10(hi), 201)
    values = performance(fine, drugs, k_alpha2a_nM, k_alpha1_nM, k_beta1_nM)
    return float(fine[int(np.argmax(values))])


# ----- where the NE concentration comes from ---------------------------------------------


def stress_fold(stress: float) -> float:
    """Multiplicative rise in NE release at stress level ``stress`` (0..1): 10**stress."""
    s = check_number("stress", stress, 0.0, 1.0)
    return STRESS_MAX_FOLD**s


def steady_state_ne_nM(
    rate_Hz: float = TONIC_RATE_HZ,
    stress: float = 0.0,
    drugs: DrugState | None = None,
) -> float:
    """Extracellular NE (nM) where release balances clearance during tonic firing.

    Uses the synapse model's equations and parameters (see the module docstring); the
    alpha-2 autoreceptor is activated by NE (and guanfacine) and blocked by yohimbine.
    ``rate_Hz`` in [0, 100]; ``stress`` in [0, 1].
    """
    rate = check_number("rate_Hz", rate_Hz, 0.0, synapse.MAX_RATE_HZ)
    fold = stress_fold(stress)
    d = drugs or DrugState()
    return _steady_state(rate * fold, d)


@lru_cache(maxsize=4096)
def _steady_state(spikes_per_s: float, d: DrugState) -> float:
    vmax = synapse.derive_net_vmax_nM_per_s()
    km = synapse.NET_KM_NM
    k_lin = vmax / km / synapse.NET_SHARE
    k_other = (synapse.UPTAKE2_SHARE + synapse.DIFFUSION_SHARE) * k_lin
    free = 1.0 - d.net_blocked
    reverse = d.reverse_transport * synapse.REVERSE_TRANSPORT_MAX_NM_PER_S
    q = synapse.RELEASE_PER_SPIKE_NM
    a_max = synapse.AUTORECEPTOR_MAX_INHIBITION
    k_auto = synapse.AUTORECEPTOR_K_NM

    def balance(c: float) -> float:
        ne_occ, ag_occ = _gaddum(c / k_auto, d.alpha2_agonist_ratio, d.alpha2_antagonist_ratio)
        release = q * spikes_per_s * (1.0 - a_max * (ne_occ + ag_occ)) + reverse
        return release - vmax * free * c / (km + free * c) - k_other * c

    if balance(0.0) <= 0.0:
        return 0.0
    high = (q * spikes_per_s + reverse) / k_other + 1.0
    return float(brentq(balance, 0.0, high, xtol=1e-9, rtol=1e-10))


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
    rate_Hz: float = TONIC_RATE_HZ,
    k_alpha2a_nM: float = K_ALPHA2A_NM,
    k_alpha1_nM: float = K_ALPHA1_NM,
) -> ArousalState:
    """Where a stress level, a drug and its dose put a person on the curve."""
    d = drug_state(drug, fraction)
    ne = steady_state_ne_nM(rate_Hz, stress, d)
    act = receptor_activation(ne, d, k_alpha2a_nM, k_alpha1_nM)
    perf = performance(ne, d, k_alpha2a_nM, k_alpha1_nM)
    return ArousalState(ne_nM=ne, performance=perf, activation=act, fold=stress_fold(stress))


# ----- adaptive gain (ILLUSTRATIVE) ------------------------------------------------------

#: LC firing by state, from the research notes: (label, low Hz, high Hz, source key).
LC_STATES: tuple[tuple[str, float, float, str], ...] = (
    ("REM sleep: silent", 0.0, 0.0, "nitz1997"),
    ("slow-wave sleep", 0.3, 0.7, "nitz1997"),
    ("quiet waking", 0.5, 1.5, "nitz1997"),
    ("active waking", 1.0, 2.0, "nitz1997"),
    ("phasic bursts", 8.0, 10.0, "carter2010"),
)
#: Sustained optogenetic LC drive at or above this rate caused behavioural arrest in mice.
ARREST_RATE_HZ = 5.0  # carter2010


def phasic_gain(tonic_Hz, on_Hz: float = GAIN_ON_HZ, off_Hz: float = GAIN_OFF_HZ):
    """ILLUSTRATIVE phasic responsiveness (0..1, peak 1) at tonic LC rate ``tonic_Hz``.

    ``g(f) = [f/(f + f_on)] * [1/(1 + (f/f_off)^2)]``, normalised to its maximum: little
    phasic response when the LC is nearly silent (drowsy), most at intermediate tonic rates
    (engaged, "exploitation"), less again at high tonic rates (distractible, "exploration"),
    the shape proposed by Aston-Jones & Cohen (2005). Not fitted to data.
    """
    f = check_array("tonic_Hz", tonic_Hz, 0.0, synapse.MAX_RATE_HZ)
    on = check_number("on_Hz", on_Hz, 0.0, 100.0, low_open=True)
    off = check_number("off_Hz", off_Hz, 0.0, 100.0, low_open=True)
    raw = _raw_gain(f, on, off)
    grid = np.logspace(-3, 2, 2001)
    result = raw / _raw_gain(grid, on, off).max()
    return float(result) if result.ndim == 0 else result


def _raw_gain(f, on: float, off: float):
    return f / (f + on) / (1.0 + (f / off) ** GAIN_OFF_HILL)


def lc_mode(tonic_Hz: float) -> str:
    """'drowsy', 'phasic (engaged)' or 'tonic (exploring)' for a tonic rate, by the model."""
    f = check_number("tonic_Hz", tonic_Hz, 0.0, synapse.MAX_RATE_HZ)
    grid = np.logspace(-3, 2, 2001)
    peak = float(grid[int(np.argmax(_raw_gain(grid, GAIN_ON_HZ, GAIN_OFF_HZ)))])
    if phasic_gain(f) >= 0.8:
        return "phasic (engaged)"
    return "drowsy" if f < peak else "tonic (exploring)"
