"""The sympathetic nervous system and the circulation: an infusion model with a baroreflex.

A drug infused into a vein reaches a plasma concentration ``c(t)``; it and the NE released
by sympathetic nerves act on three adrenoceptors; the receptors set heart rate, stroke
volume and vascular resistance; these set the arterial pressure; and the baroreflex answers
the pressure by changing sympathetic and vagal outflow. Times in s (minutes in the output),
concentrations in nM, pressures in mmHg, heart rate in beats/min, volumes in mL.

1. Receptor activation: the operational model (Black & Leff 1983, ``blackleff1983``) with a
   transducer slope of 1, several agonists sharing the receptor by Gaddum's equation and a
   competitive antagonist (``arunlakshana1959``)::

       A_R = sum_i tau_i x_i / (1 + sum_i x_i + r_B + sum_i tau_i x_i),   x_i = c_i / K_i

   for R = alpha1, beta1, beta2 (:func:`book.models.receptors.operational_mixture_response`
   is the same formula; a test checks that they agree). The agonists are the NE released by
   sympathetic nerves, as an equivalent concentration ``S * C_n`` (``S`` the sympathetic
   outflow, 1 at rest), and the infused drug. ``r_B = [B]/K_B`` of a pretreatment: an alpha
   blocker at alpha1, a beta blocker at beta1 and, propranolol-like, 8.3 times more at beta2
   (``baker2005``, Table 2).

2. Effectors, each equal to its resting value at rest::

       HR  = HR_int (1 + g_hr A_b1) / (1 + g_v V)                      (V: vagal outflow)
       SV  = SV_0 f(A_b1; g_inot) f(A_a1; g_ven) (HR_0 / HR)^h          (f(A; g) = (1+gA)/(1+gA_0))
       TPR = TPR_0 f(A_a1; g_a) / f(A_b2; g_b)
       CO  = HR SV,   MAP = CO TPR                                      (venous pressure neglected)
       PP  = PP_0 SV / SV_0,   SBP = MAP + 2 PP/3,   DBP = MAP - PP/3

   Mean pressure is cardiac output times total peripheral resistance and cardiac output is
   heart rate times stroke volume (``klabunde_map``). Systolic and diastolic pressure are
   split from the mean with the resting-heart-rate rule MAP = DBP + PP/3 (``klabunde_map``;
   at fast heart rates the mean lies closer to the average of the two), and pulse pressure
   is proportional to stroke volume at a fixed arterial compliance (``klabunde_pp``).
   Stroke volume rises with beta1 inotropy and with alpha1 venoconstriction (more venous
   return) and falls at faster heart rates (less filling time).

3. Baroreflex (carotid sinus and aortic arch baroreceptors -> nucleus tractus solitarius ->
   sympathetic and vagal outflow; ``statpearls_baroreceptors``): logistic targets in the
   pressure error ``e = MAP - MAP_0``::

       S* = (1 + a_s) / (1 + a_s exp(k_s e)),    V* = (1 + a_v) / (1 + a_v exp(-k_v e))

   approached with first-order lags (time constants ``tau_s``, ``tau_v``). With the reflex
   "off", S = V = 1 throughout (outflow held at its resting level).

4. Calibration. The vagal gain and the intrinsic heart rate follow from heart rate after
   atropine (vagal block) and after propranolol (beta block), as ratios to the control rate
   (``cumming1970``); the resting beta1 activation that gives the propranolol fall then fixes
   the neural NE equivalent ``C_n`` through NE's own beta1 constants, and with it the resting
   alpha1 and beta2 activations. So the resting state always equals the sourced resting
   values, whatever the (illustrative) gains.

5. Infusion: ``c(t)`` rises towards the chosen plasma concentration with the plasma time
   constant and falls back after the infusion stops (plasma half-life of NE, 2.4 min,
   ``silverberg1978``; used for every drug, a simplification). The ODEs are stepped with
   exponential Euler (exact for the lags at fixed pressure), a step of 1 s.

Every parameter is a registry row ``circulation.*`` (``book/data/parameters.csv``) with its
status; any may be overridden by keyword. Agonist dissociation constants come from the
affinity table where it holds a row; the others, every efficacy and every gain are
ILLUSTRATIVE. The concentration scale is therefore a model scale: read directions and
patterns, not doses.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.optimize import brentq

from book.data.parameters import parameters
from book.models.receptors import MAX_CONC_NM
from book.models.validation import check_choice, check_number

DRUGS: tuple[str, ...] = ("norepinephrine", "epinephrine", "isoprenaline", "phenylephrine")
PREFIXES: dict[str, str] = {
    "norepinephrine": "ne", "epinephrine": "epi", "isoprenaline": "iso", "phenylephrine": "phe",
}  # fmt: skip
RECEPTORS: tuple[str, ...] = ("alpha1", "beta1", "beta2")
BLOCKERS: tuple[str, ...] = ("none", "alpha", "beta", "both")
MAX_CONC_FOR_INFUSION_NM = 1e6  # 1 mM: far above anything the model is meant for

#: Allowed ranges for parameters, by name; anything else must be a finite number >= 0
#: (and <= 1 for fractions). Open lower bounds are written as (low, high, True).
_BOUNDS: dict[str, tuple[float, float, bool]] = {
    "hr_rest_bpm": (20.0, 220.0, False),
    "sv_rest_mL": (10.0, 250.0, False),
    "sbp_rest_mmHg": (40.0, 260.0, False),
    "dbp_rest_mmHg": (20.0, 200.0, False),
    "map_rest_mmHg": (30.0, 220.0, False),
    "tpr_rest_mmHg_min_per_L": (1.0, 100.0, False),
    "control_hr_adolescent_bpm": (20.0, 220.0, False),
    "atropine_hr_adolescent_bpm": (20.0, 250.0, False),
    "propranolol_hr_adolescent_bpm": (20.0, 220.0, False),
    "atropine_hr_ratio_fold": (1.0, 5.0, False),
    "beta_block_hr_fraction": (0.2, 1.0, False),
    "plasma_half_life_s": (1.0, 1e5, False),
    "sympathetic_time_constant_s": (0.1, 600.0, False),
    "vagal_time_constant_s": (0.1, 600.0, False),
    "baseline_s": (0.0, 3600.0, False),
    "infusion_s": (1.0, 7200.0, False),
    "washout_s": (0.0, 7200.0, False),
    "step_s": (0.05, 10.0, False),
    "sample_s": (0.5, 600.0, False),
    "hr_beta1_gain": (0.01, 10.0, False),
    "baroreflex_gain": (0.0, 10.0, False),
}
_DEFAULT_BOUNDS = (0.0, 1e9, False)


@lru_cache(maxsize=1)
def _registry_values() -> dict[str, float]:
    return {p.short_name: p.value for p in parameters("circulation").values()}


def parameter_names() -> tuple[str, ...]:
    """Every parameter the model takes (the short names of the ``circulation.*`` rows)."""
    return tuple(_registry_values())


def model_parameters(**overrides: float) -> dict[str, float]:
    """The registry values, with ``overrides`` checked and applied.

    An unknown name, or a value outside the parameter's allowed range, raises
    ``ValueError`` naming the parameter.
    """
    values = dict(_registry_values())
    for name, new in overrides.items():
        if name not in values:
            raise ValueError(f"unknown parameter {name!r}; use one of {', '.join(values)}")
        low, high, low_open = _BOUNDS.get(name, _DEFAULT_BOUNDS)
        if name.endswith("_fraction"):
            high = min(high, 1.0)
        values[name] = check_number(name, new, low, high, low_open=low_open)
    if values["dbp_rest_mmHg"] >= values["sbp_rest_mmHg"]:
        raise ValueError("dbp_rest_mmHg must be below sbp_rest_mmHg")
    return values


@dataclass(frozen=True)
class Haemodynamics:
    """The circulation at one moment: the outputs, the reflex state and the receptors."""

    hr_bpm: float
    sv_mL: float
    co_L_per_min: float
    tpr_mmHg_min_per_L: float
    map_mmHg: float
    sbp_mmHg: float
    dbp_mmHg: float
    sympathetic: float  # outflow relative to rest
    vagal: float  # outflow relative to rest
    alpha1: float  # activation, 0..1
    beta1: float
    beta2: float


@dataclass(frozen=True)
class InfusionTimeCourse:
    """An infusion: baseline, drug on at ``on_min``, off at ``off_min``; arrays over time."""

    drug: str
    conc_nM: float
    time_min: np.ndarray
    plasma_nM: np.ndarray
    hr_bpm: np.ndarray
    sbp_mmHg: np.ndarray
    dbp_mmHg: np.ndarray
    map_mmHg: np.ndarray
    tpr_mmHg_min_per_L: np.ndarray
    co_L_per_min: np.ndarray
    on_min: float
    off_min: float

    def at(self, minute: float) -> dict[str, float]:
        """Every output at the sample nearest ``minute``."""
        i = int(np.argmin(np.abs(self.time_min - minute)))
        return {
            "hr_bpm": float(self.hr_bpm[i]),
            "sbp_mmHg": float(self.sbp_mmHg[i]),
            "dbp_mmHg": float(self.dbp_mmHg[i]),
            "map_mmHg": float(self.map_mmHg[i]),
            "tpr_mmHg_min_per_L": float(self.tpr_mmHg_min_per_L[i]),
            "co_L_per_min": float(self.co_L_per_min[i]),
        }

    @property
    def baseline(self) -> dict[str, float]:
        """Outputs just before the infusion starts."""
        return self.at(self.on_min - 1e-6)

    @property
    def during(self) -> dict[str, float]:
        """Outputs at the end of the infusion (close to its steady state)."""
        return self.at(self.off_min)


class _Circulation:
    """The model with its calibration worked out once for one set of parameters."""

    def __init__(self, drug: str, p: dict[str, float], blocker: str, baroreflex: bool):
        self.p = p
        self.baroreflex = baroreflex
        ne = self._agonist("norepinephrine")
        self.ne = ne
        self.drug = self._agonist(drug)
        # Vagal gain and intrinsic rate from atropine and propranolol (ratios to control).
        self.g_v = p["atropine_hr_ratio_fold"] - 1.0
        self.hr_int = p["beta_block_hr_fraction"] * p["hr_rest_bpm"] * p["atropine_hr_ratio_fold"]
        b1_rest = (1.0 / p["beta_block_hr_fraction"] - 1.0) / p["hr_beta1_gain"]
        k_b1, tau_b1 = ne["beta1"]
        if not tau_b1 / (1.0 + tau_b1) > b1_rest:
            raise ValueError(
                "ne_tau_beta1 is too small for the resting beta1 activation that the "
                f"propranolol data need ({b1_rest:.3f}); raise ne_tau_beta1 or hr_beta1_gain"
            )
        x = b1_rest / (tau_b1 * (1.0 - b1_rest) - b1_rest)
        self.c_neural_nM = x * k_b1
        rest = {r: self._activation(r, 1.0, 0.0, 0.0) for r in RECEPTORS}
        self.rest = rest
        ratio_b1 = p["beta_blocker_ratio"] if blocker in ("beta", "both") else 0.0
        self.block = {
            "alpha1": p["alpha_blocker_ratio"] if blocker in ("alpha", "both") else 0.0,
            "beta1": ratio_b1,
            "beta2": ratio_b1 * p["propranolol_beta2_over_beta1_fold"],
        }
        self.hr_b1_scale = 1.0 + p["hr_beta1_gain"] * rest["beta1"]
        self.inot0 = 1.0 + p["sv_beta1_gain"] * rest["beta1"]
        self.ven0 = 1.0 + p["sv_alpha1_gain"] * rest["alpha1"]
        self.con0 = 1.0 + p["tpr_alpha1_gain"] * rest["alpha1"]
        self.dil0 = 1.0 + p["tpr_beta2_gain"] * rest["beta2"]
        self.pp0 = p["sbp_rest_mmHg"] - p["dbp_rest_mmHg"]
        self.eject0 = 1.0 + p["pp_beta1_gain"] * rest["beta1"]
        gain = p["baroreflex_gain"]
        self.k_s = p["sympathetic_slope_per_mmHg"] * gain
        self.k_v = p["vagal_slope_per_mmHg"] * gain

    def _agonist(self, drug: str) -> dict[str, tuple[float, float]]:
        prefix = PREFIXES[drug]
        return {r: (self.p[f"{prefix}_k_{r}_nM"], self.p[f"{prefix}_tau_{r}"]) for r in RECEPTORS}

    def _activation(self, receptor: str, s: float, c_nM: float, blocked: float) -> float:
        """Operational model, neural NE (S * C_n) and drug competing, antagonist ratio."""
        k_n, tau_n = self.ne[receptor]
        k_d, tau_d = self.drug[receptor]
        x_n = s * self.c_neural_nM / k_n
        x_d = c_nM / k_d
        stimulus = tau_n * x_n + tau_d * x_d
        return stimulus / (1.0 + x_n + x_d + blocked + stimulus)

    def state(self, s: float, v: float, c_nM: float) -> Haemodynamics:
        p = self.p
        a1 = self._activation("alpha1", s, c_nM, self.block["alpha1"])
        b1 = self._activation("beta1", s, c_nM, self.block["beta1"])
        b2 = self._activation("beta2", s, c_nM, self.block["beta2"])
        hr = self.hr_int * (1.0 + p["hr_beta1_gain"] * b1) / (1.0 + self.g_v * v)
        sv = (
            p["sv_rest_mL"]
            * (1.0 + p["sv_beta1_gain"] * b1) / self.inot0
            * (1.0 + p["sv_alpha1_gain"] * a1) / self.ven0
            * (p["hr_rest_bpm"] / hr) ** p["sv_filling_exponent"]
        )  # fmt: skip
        tpr = (
            p["tpr_rest_mmHg_min_per_L"]
            * (1.0 + p["tpr_alpha1_gain"] * a1) / self.con0
            * self.dil0 / (1.0 + p["tpr_beta2_gain"] * b2)
        )  # fmt: skip
        co = hr * sv / 1000.0
        mean = co * tpr
        pp = self.pp0 * sv / p["sv_rest_mL"] * (1.0 + p["pp_beta1_gain"] * b1) / self.eject0
        return Haemodynamics(
            hr, sv, co, tpr, mean, mean + 2.0 * pp / 3.0, mean - pp / 3.0, s, v, a1, b1, b2
        )

    def targets(self, map_mmHg: float) -> tuple[float, float]:
        """Sympathetic and vagal outflow the baroreflex asks for at this mean pressure."""
        if not self.baroreflex:
            return 1.0, 1.0
        p = self.p
        error = map_mmHg - p["map_rest_mmHg"]
        a_s, a_v = p["sympathetic_reserve"], p["vagal_reserve"]
        s = (1.0 + a_s) / (1.0 + a_s * math.exp(min(self.k_s * error, 50.0)))
        v = (1.0 + a_v) / (1.0 + a_v * math.exp(min(-self.k_v * error, 50.0)))
        return s, v

    def steady(self, c_nM: float) -> Haemodynamics:
        """The fixed point MAP = MAP(S*(MAP), V*(MAP)) at a constant drug concentration."""
        if not self.baroreflex:
            return self.state(1.0, 1.0, c_nM)

        def mismatch(pressure: float) -> float:
            return self.state(*self.targets(pressure), c_nM).map_mmHg - pressure

        pressure = brentq(mismatch, 1.0, 1000.0, xtol=1e-9)
        return self.state(*self.targets(pressure), c_nM)


def _checked(drug: str, conc_nM: float, blocker: str, baroreflex: object) -> tuple[str, float]:
    drug = check_choice("drug", drug, DRUGS)
    conc = check_number("conc_nM", conc_nM, 0.0, MAX_CONC_FOR_INFUSION_NM)
    check_choice("blocker", blocker, BLOCKERS)
    if not isinstance(baroreflex, bool):
        raise ValueError(f"baroreflex must be True or False; got {baroreflex!r}")
    return drug, conc


def steady_state(drug: str = "norepinephrine", conc_nM: float = 0.0, *, baroreflex: bool = True,
                 blocker: str = "none", **params: float) -> Haemodynamics:  # fmt: skip
    """The circulation during a sustained infusion that holds plasma ``drug`` at ``conc_nM``.

    ``blocker`` is a pretreatment: "none", "alpha", "beta" or "both". With ``baroreflex``
    the sympathetic and vagal outflow settle where the reflex and the pressure agree (solved
    with :func:`scipy.optimize.brentq`); without it they stay at their resting levels.
    ``params`` override registry values by short name (e.g. ``tpr_beta2_gain=2``).
    """
    drug, conc = _checked(drug, conc_nM, blocker, baroreflex)
    model = _Circulation(drug, model_parameters(**params), blocker, baroreflex)
    return model.steady(conc)


def simulate_infusion(
    drug: str = "norepinephrine",
    conc_nM: float = 10.0,
    *,
    baroreflex: bool = True,
    blocker: str = "none",
    **params: float,
) -> InfusionTimeCourse:
    """A baseline, an infusion that drives plasma ``drug`` towards ``conc_nM``, and washout.

    The person starts at the steady state of the pretreatment (``blocker``). Plasma drug
    follows ``c_ss (1 - exp(-t/tau))`` while the infusion runs and decays with the same time
    constant after it stops (``tau`` = plasma half-life / ln 2). Outputs are sampled every
    ``sample_s`` seconds; times are returned in minutes.
    """
    drug, conc = _checked(drug, conc_nM, blocker, baroreflex)
    p = model_parameters(**params)
    model = _Circulation(drug, p, blocker, baroreflex)
    start = model.steady(0.0)
    s, v = start.sympathetic, start.vagal
    dt = p["step_s"]
    on, off = p["baseline_s"], p["baseline_s"] + p["infusion_s"]
    end = off + p["washout_s"]
    steps = int(round(end / dt))
    every = max(1, int(round(p["sample_s"] / dt)))
    tau_c = p["plasma_half_life_s"] / math.log(2.0)
    keep_s = 1.0 - math.exp(-dt / p["sympathetic_time_constant_s"])
    keep_v = 1.0 - math.exp(-dt / p["vagal_time_constant_s"])
    at_off = conc * (1.0 - math.exp(-(off - on) / tau_c))
    rows: list[tuple[float, ...]] = []
    for k in range(steps + 1):
        t = k * dt
        if t < on:
            c = 0.0
        elif t <= off:
            c = conc * (1.0 - math.exp(-(t - on) / tau_c))
        else:
            c = at_off * math.exp(-(t - off) / tau_c)
        now = model.state(s, v, c)
        if k % every == 0:
            rows.append((t / 60.0, c, now.hr_bpm, now.sbp_mmHg, now.dbp_mmHg, now.map_mmHg,
                         now.tpr_mmHg_min_per_L, now.co_L_per_min))  # fmt: skip
        s_target, v_target = model.targets(now.map_mmHg)
        s += (s_target - s) * keep_s
        v += (v_target - v) * keep_v
    data = np.array(rows)
    return InfusionTimeCourse(
        drug, conc, *(data[:, i] for i in range(8)), on_min=on / 60.0, off_min=off / 60.0
    )


def mean_pressure_mmHg(sbp_mmHg: float, dbp_mmHg: float) -> float:
    """Mean arterial pressure (mmHg) from systolic and diastolic pressure at resting heart
    rates: MAP = DBP + (SBP - DBP) / 3 (``klabunde_map``), the rule the model splits by."""
    sbp = check_number("sbp_mmHg", sbp_mmHg, 40.0, 300.0)
    dbp = check_number("dbp_mmHg", dbp_mmHg, 10.0, 250.0)
    if dbp >= sbp:
        raise ValueError(f"dbp_mmHg must be below sbp_mmHg; got {dbp:g} and {sbp:g}")
    return dbp + (sbp - dbp) / 3.0


def plasma_fraction_left(after_s: float, **params: float) -> float:
    """Fraction of a plasma drug level left ``after_s`` seconds after an infusion stops:
    exp(-ln 2 t / t_half), with NE's plasma half-life (``silverberg1978``) by default."""
    after = check_number("after_s", after_s, 0.0, 1e6)
    half_life_s = model_parameters(**params)["plasma_half_life_s"]
    return math.exp(-math.log(2.0) * after / half_life_s)


def neural_ne_equivalent_nM(**params: float) -> float:
    """The NE concentration that stands for resting sympathetic release at the receptors.

    Fixed by the calibration: the beta1 activation that the fall in heart rate after
    propranolol requires (``cumming1970``), through NE's own beta1 constants.
    """
    return _Circulation("norepinephrine", model_parameters(**params), "none", True).c_neural_nM


def resting_activation(**params: float) -> dict[str, float]:
    """Alpha1, beta1 and beta2 activation at rest (no drug, no blocker)."""
    model = _Circulation("norepinephrine", model_parameters(**params), "none", True)
    return dict(model.rest)


def cardiac_baroreflex_slope_ms_per_mmHg(
    drug: str = "phenylephrine", conc_nM: float = 100.0, **params: float
) -> float:
    """Change in beat interval (ms) per mmHg change in systolic pressure, steady state.

    Compares the steady state during an infusion with rest: the slope a steady infusion of
    a pressor would give. (Bolus tests give larger slopes than steady infusions.)
    """
    rest = steady_state(drug, 0.0, **params)
    during = steady_state(drug, conc_nM, **params)
    rr_rest, rr_during = 60000.0 / rest.hr_bpm, 60000.0 / during.hr_bpm
    return (rr_during - rr_rest) / (during.sbp_mmHg - rest.sbp_mmHg)


def concentration_for_pressure_rise_nM(
    drug: str, rise_mmHg: float, *, baroreflex: bool = True, **params: float
) -> float:
    """Steady plasma concentration that raises systolic pressure by ``rise_mmHg``."""
    drug = check_choice("drug", drug, DRUGS)
    rise = check_number("rise_mmHg", rise_mmHg, 0.0, 200.0, low_open=True)
    base = steady_state(drug, 0.0, baroreflex=baroreflex, **params).sbp_mmHg

    def gap(log_c: float) -> float:
        return steady_state(drug, 10**log_c, baroreflex=baroreflex, **params).sbp_mmHg - base - rise

    high = math.log10(MAX_CONC_NM) - 3.0
    if gap(high) < 0:
        raise ValueError(f"{drug} cannot raise systolic pressure by {rise:g} mmHg in the model")
    return 10 ** brentq(gap, -6.0, high, xtol=1e-6)
