"""How a tissue's response adapts: receptor states under drug exposure, and the response.

Receptors at the cell surface are in one of three states, each a fraction of the number a
drug-free cell holds at rest (so the resting total is 1):

========  ===================================================================
``R``     available: at the surface and able to activate their G protein
``D``     desensitised: at the surface, phosphorylated by a GRK and bound by
          beta-arrestin, so uncoupled from the G protein
``I``     internalised: inside the cell in endosomes
========  ===================================================================

With ``p`` the fraction of receptors occupied by agonist (Gaddum's equation when a
competitive antagonist is present) and ``u`` = 1 while an irreversible antagonist is present
(else 0), the states follow linear ODEs (rates per hour)::

    dR/dt = k_syn - (k_deg + k_des p + k_inact u) R + k_res D + k_rec I
    dD/dt = k_des p R - (k_res + k_int + k_deg + k_inact u) D
    dI/dt = k_int D - (k_rec + k_deg + k_sort) I

``k_des``: GRK/beta-arrestin desensitisation of occupied receptors; ``k_res``: resensitisation
at the membrane (dephosphorylation); ``k_int``: internalisation of desensitised receptors;
``k_rec``: recycling to the surface, resensitised; ``k_sort``: sorting of internalised
receptors to lysosomes (down-regulation); ``k_deg``: basal turnover, balanced by synthesis
``k_syn = k_deg`` so that a drug-free cell keeps its resting number; ``k_inact``: covalent
inactivation of surface receptors by an irreversible antagonist (new receptors are made at
``k_syn``). The response follows the operational model of Black & Leff (1983) with the
transducer ratio proportional to the available receptors, ``tau = tau_0 R``:
``E/E_max = tau_0 R p / (1 + tau_0 R p)``, the same as
:func:`book.models.receptors.antagonised_response`. Up-regulation under a long block comes
from the model's own rules: a tonic agonist (transmitter tone) keeps part of the pool
desensitised, internalised and sorted away; an antagonist that prevents the tone from
binding lets the total climb back towards the drug-free number.

Sources (keys in ``book/data/references.bib``; values in ``book/data/parameters.csv``): the
desensitisation half-time (70 s) is the GRK/beta-arrestin inactivation fitted to real-time
cAMP in HEK-293 cells (``violin2008``); the resensitisation half-time (18 min) is that of
GRK-site dephosphorylation after agonist removal in HEK-293 cells (``tran2007``); the
internalisation rate (0.222 per min) and recycling time (11.2 min) are beta2-adrenoceptor
values with isoproterenol in cultured cells (``morrison1996``); down-regulation to about
50% with a half-time of 2.5 h is that of alpha2-adrenoceptors exposed to norepinephrine in
cultured cells (``heck1997``), from which the basal turnover and the lysosomal sorting rate
are DERIVED; the tone is DERIVED so that a complete block raises the total by 43%, the rise
in human lymphocyte beta-receptors after five days of propranolol (``aarons1980``). The
agonist's affinity and efficacy, the drug concentrations and the irreversible inactivation
rate are ILLUSTRATIVE. Rates from different cells and receptors are combined: read the
shapes and time scales, not the numbers, as predictions for a tissue.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import brentq

from book.data.parameters import value
from book.models.receptors import (
    MAX_CONC_NM,
    MAX_TAU,
    competitive_occupancy,
    operational_ec50_nM,
    operational_emax,
    operational_response,
)
from book.models.validation import check_array, check_choice, check_number

#: The explorer's scenarios: what is given during the exposure, and what before and after.
SCENARIOS: dict[str, str] = {
    "tolerance": "Sustained agonist, then washout",
    "blocker": "A long-used blocker is stopped",
    "irreversible": "Irreversible antagonist (receptor reserve)",
    "depletion": "Transmitter depleted, then restored",
}
SCENARIO_NOTES: dict[str, str] = {
    "tolerance": "an agonist is present throughout the exposure, then washed out",
    "blocker": "the transmitter's tone is present throughout; a competitive antagonist is "
    "given for the exposure, then stopped",
    "irreversible": "an irreversible antagonist inactivates surface receptors during the "
    "exposure; new receptors are made at the turnover rate",
    "depletion": "the transmitter's tone is removed for the exposure (as by denervation or "
    "depletion), then restored",
}
MAX_TIME_H = 24.0 * 365  # a year: far beyond the slowest process in the model


@dataclass(frozen=True)
class Rates:
    """First-order rate constants of the receptor-state model, all per hour."""

    desensitisation_per_h: float
    resensitisation_per_h: float
    internalisation_per_h: float
    recycling_per_h: float
    turnover_per_h: float
    sorting_per_h: float
    inactivation_per_h: float


def rates_per_h(
    desensitisation_half_time_s: float = value("signalling.desensitisation_half_time_s"),
    resensitisation_half_time_min: float = value("signalling.resensitisation_half_time_min"),
    internalisation_rate_per_min: float = value("signalling.internalisation_rate_per_min"),
    recycling_time_min: float = value("signalling.recycling_time_min"),
    turnover_rate_per_h: float = value("signalling.turnover_rate_per_h"),
    sorting_rate_per_h: float = value("signalling.sorting_rate_per_h"),
    inactivation_rate_per_h: float = value("signalling.inactivation_rate_per_h"),
) -> Rates:
    """The model's rate constants (per hour) from the registry's units, each checked."""
    des_s = check_number("desensitisation_half_time_s", desensitisation_half_time_s, 0, 1e5,
                         low_open=True)  # fmt: skip
    res_min = check_number("resensitisation_half_time_min", resensitisation_half_time_min, 0,
                           1e5, low_open=True)  # fmt: skip
    int_min = check_number("internalisation_rate_per_min", internalisation_rate_per_min, 0,
                           100, low_open=True)  # fmt: skip
    rec_min = check_number("recycling_time_min", recycling_time_min, 0, 1e5, low_open=True)
    turnover = check_number("turnover_rate_per_h", turnover_rate_per_h, 0, 100, low_open=True)
    sorting = check_number("sorting_rate_per_h", sorting_rate_per_h, 0, 100)
    inactivation = check_number("inactivation_rate_per_h", inactivation_rate_per_h, 0, 1000)
    return Rates(
        desensitisation_per_h=math.log(2) / des_s * 3600.0,
        resensitisation_per_h=math.log(2) / res_min * 60.0,
        internalisation_per_h=int_min * 60.0,
        recycling_per_h=60.0 / rec_min,
        turnover_per_h=turnover,
        sorting_per_h=sorting,
        inactivation_per_h=inactivation,
    )


def rate_matrix(
    agonist_occupancy: float, rates: Rates, irreversible: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """``A`` and ``b`` of the linear system ``dX/dt = A X + b`` for ``X = (R, D, I)``."""
    p = check_number("agonist_occupancy", agonist_occupancy, 0.0, 1.0)
    r = rates
    inact = r.inactivation_per_h if irreversible else 0.0
    des = r.desensitisation_per_h * p
    a = np.array(
        [
            [-(r.turnover_per_h + des + inact), r.resensitisation_per_h, r.recycling_per_h],
            [des, -(r.resensitisation_per_h + r.internalisation_per_h + r.turnover_per_h
                    + inact), 0.0],
            [0.0, r.internalisation_per_h, -(r.recycling_per_h + r.turnover_per_h
                                             + r.sorting_per_h)],
        ]
    )  # fmt: skip
    b = np.array([r.turnover_per_h, 0.0, 0.0])
    return a, b


def steady_state(agonist_occupancy: float, rates: Rates, irreversible: bool = False) -> np.ndarray:
    """The states ``(R, D, I)`` a cell settles at under constant conditions."""
    a, b = rate_matrix(agonist_occupancy, rates, irreversible)
    return np.linalg.solve(a, -b)


def agonist_occupancy(
    agonist_nM: float,
    antagonist_nM: float = 0.0,
    agonist_k_nM: float = value("signalling.agonist_k_nM"),
    antagonist_k_nM: float = value("signalling.antagonist_k_nM"),
) -> float:
    """Fraction of receptors the agonist occupies with a competitor present (Gaddum)."""
    return float(
        competitive_occupancy([agonist_nM, antagonist_nM], [agonist_k_nM, antagonist_k_nM])[0]
    )


def response_fraction(occupancy, available, tau: float):
    """Operational-model response (fraction of the system maximum) for agonist occupancy ``p``
    and available receptors ``R`` (fraction of the resting number): ``tau R p/(1 + tau R p)``.

    Equal to :func:`book.models.receptors.antagonised_response` with ``tau`` scaled by ``R``
    (hill 1); written with the occupancy so that ``R`` may be an array over time.
    """
    p = check_array("occupancy", occupancy, 0.0, 1.0)
    avail = check_array("available", available, 0.0, 10.0)
    t = check_number("tau", tau, 0.0, MAX_TAU)
    stimulus = t * avail * p
    result = stimulus / (1.0 + stimulus)
    return float(result) if result.ndim == 0 else result


def concentration_response(
    conc_nM,
    available: float = 1.0,
    agonist_k_nM: float = value("signalling.agonist_k_nM"),
    tau: float = value("signalling.tau"),
):
    """Response (fraction of the system maximum) against agonist concentration (nM) when a
    fraction ``available`` of the resting receptors can signal: the operational model with
    ``tau`` scaled by ``available`` (``book.models.receptors.operational_response``)."""
    avail = check_number("available", available, 0.0, 10.0)
    t = check_number("tau", tau, 0.0, MAX_TAU)
    return operational_response(conc_nM, agonist_k_nM, min(t * avail, MAX_TAU))


# ----- derivations of registry rows -----------------------------------------------------
def sorting_rate_for_downregulation_per_h(
    turnover_rate_per_h: float,
    downregulated_fraction: float,
    desensitisation_half_time_s: float,
    resensitisation_half_time_min: float,
    internalisation_rate_per_min: float,
    recycling_time_min: float,
) -> float:
    """The lysosomal sorting rate (per h) for which saturating agonist leaves the total at
    ``downregulated_fraction`` of its resting number (closed-form steady state, p = 1)."""
    f = check_number("downregulated_fraction", downregulated_fraction, 0.0, 1.0,
                     low_open=True, high_open=True)  # fmt: skip
    r = rates_per_h(desensitisation_half_time_s, resensitisation_half_time_min,
                    internalisation_rate_per_min, recycling_time_min, turnover_rate_per_h,
                    0.0, 0.0)  # fmt: skip
    d, a = r.turnover_per_h, r.desensitisation_per_h
    s1 = r.resensitisation_per_h + r.internalisation_per_h + d
    c = r.recycling_per_h + d
    available = (f + d * (1 - f) / c) / (1 + a / s1 + r.internalisation_per_h * a / (s1 * c))
    internal = (r.internalisation_per_h * a * available / s1 - d * (1 - f)) / c
    if internal <= 0:
        raise ValueError("downregulated_fraction is too low for these trafficking rates")
    return d * (1 - f) / internal


def tone_occupancy_for_upregulation(upregulation_fold: float, *trafficking: float) -> float:
    """The tonic agonist occupancy at which removing the tone entirely raises the total
    receptor number ``upregulation_fold`` times (steady state against steady state).

    ``trafficking``: :func:`rates_per_h`'s arguments in order (registry values if omitted).
    """
    r = rates_per_h(*trafficking)
    lowest = steady_state(1.0, r).sum()
    fold = check_number("upregulation_fold", upregulation_fold, 1.0, 1.0 / lowest,
                        low_open=True, high_open=True)  # fmt: skip
    return brentq(lambda p: steady_state(p, r).sum() * fold - 1.0, 0.0, 1.0, xtol=1e-12)


# ----- simulation -----------------------------------------------------------------------
@dataclass(frozen=True)
class Phase:
    """Constant conditions for ``duration_h``: drug concentrations (nM) and whether an
    irreversible antagonist is present."""

    duration_h: float
    agonist_nM: float = 0.0
    antagonist_nM: float = 0.0
    irreversible: bool = False


def simulate(
    phases: Sequence[Phase],
    t_h,
    initial: Sequence[float],
    rates: Rates,
    agonist_k_nM: float = value("signalling.agonist_k_nM"),
    antagonist_k_nM: float = value("signalling.antagonist_k_nM"),
) -> np.ndarray:
    """States ``(R, D, I)`` at the times ``t_h`` (h, from the start of the first phase).

    Each phase is solved with ``scipy.integrate.solve_ivp`` (LSODA, exact Jacobian) from the
    state the previous one ended in; a time on a boundary reports the state there. Returns
    an array of shape ``(3, len(t_h))``; a time after the last phase raises ``ValueError``.
    """
    times = check_array("t_h", t_h, 0.0, MAX_TIME_H)
    if times.ndim != 1 or times.size == 0 or np.any(np.diff(times) <= 0):
        raise ValueError("t_h must be a non-empty, increasing list of times")
    state = check_array("initial", initial, 0.0, 10.0)
    if state.shape != (3,):
        raise ValueError("initial must hold three states (R, D, I)")
    out = np.empty((3, times.size))
    start, done = 0.0, 0
    for phase in phases:
        end = start + check_number("duration_h", phase.duration_h, 0.0, MAX_TIME_H)
        upto = int(np.searchsorted(times, end, side="right"))
        wanted = times[done:upto]
        if end > start:
            p = agonist_occupancy(phase.agonist_nM, phase.antagonist_nM, agonist_k_nM,
                                  antagonist_k_nM)  # fmt: skip
            a, b = rate_matrix(p, rates, phase.irreversible)
            ends_on_grid = wanted.size > 0 and wanted[-1] == end
            solution = solve_ivp(
                _derivative, (start, end), state, method="LSODA", args=(a, b),
                t_eval=wanted if ends_on_grid else np.append(wanted, end),
                jac=_jacobian, rtol=1e-6, atol=1e-9,
            )  # fmt: skip
            if not solution.success:  # pragma: no cover - a linear system always solves
                raise RuntimeError(solution.message)
            out[:, done:upto] = solution.y[:, : wanted.size]
            state = solution.y[:, -1]
        else:
            out[:, done:upto] = state[:, None]
        done, start = upto, end
    if done < times.size:
        raise ValueError("t_h runs past the end of the last phase")
    return np.clip(out, 0.0, None)


def _derivative(_t: float, x: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return a @ x + b


def _jacobian(_t: float, _x: np.ndarray, a: np.ndarray, _b: np.ndarray) -> np.ndarray:
    return a


@dataclass(frozen=True)
class Course:
    """One scenario followed over time (arrays over ``t_h``), states as fractions of the
    drug-free resting receptor number, responses as fractions of the system maximum."""

    scenario: str
    t_h: np.ndarray
    exposure_h: float
    available: np.ndarray
    desensitised: np.ndarray
    internalised: np.ndarray
    total: np.ndarray
    response: np.ndarray  # to the agonist present (transmitter tone or drug)
    test_response: np.ndarray  # to the test concentration, antagonist present if any
    before: np.ndarray  # (R, D, I) at rest before the exposure
    at_stop: np.ndarray  # (R, D, I) when the exposure ends
    baseline_response: float  # to the agonist present at rest, before the exposure
    baseline_test_response: float  # to the test concentration at rest


def scenario_phases(
    scenario: str,
    exposure_h: float,
    window_h: float,
    exposure_agonist_nM: float,
    tone_nM: float,
    blocker_nM: float,
) -> tuple[Phase, list[Phase]]:
    """The resting conditions before the exposure and the phases that follow."""
    check_choice("scenario", scenario, tuple(SCENARIOS))
    exposure = check_number("exposure_h", exposure_h, 0.0, MAX_TIME_H, low_open=True)
    window = check_number("window_h", window_h, exposure, MAX_TIME_H, low_open=True)
    agonist = check_number("exposure_agonist_nM", exposure_agonist_nM, 0.0, MAX_CONC_NM)
    tone = check_number("tone_nM", tone_nM, 0.0, MAX_CONC_NM)
    blocker = check_number("blocker_nM", blocker_nM, 0.0, MAX_CONC_NM)
    after = window - exposure
    if scenario == "tolerance":
        return Phase(0.0), [Phase(exposure, agonist), Phase(after)]
    if scenario == "blocker":
        return Phase(0.0, tone), [Phase(exposure, tone, blocker), Phase(after, tone)]
    if scenario == "irreversible":
        return Phase(0.0), [Phase(exposure, irreversible=True), Phase(after)]
    return Phase(0.0, tone), [Phase(exposure), Phase(after, tone)]


def scenario_course(
    scenario: str,
    exposure_h: float = value("signalling.exposure_h"),
    t_h=None,
    *,
    window_h: float = value("signalling.window_h"),
    agonist_k_nM: float = value("signalling.agonist_k_nM"),
    tau: float = value("signalling.tau"),
    exposure_agonist_nM: float = value("signalling.exposure_agonist_nM"),
    tone_nM: float = value("signalling.tone_nM"),
    blocker_nM: float = value("signalling.blocker_nM"),
    antagonist_k_nM: float = value("signalling.antagonist_k_nM"),
    test_conc_nM: float = value("signalling.test_conc_nM"),
    **rate_parameters: float,
) -> Course:
    """Follow one of :data:`SCENARIOS` from rest through an exposure of ``exposure_h`` hours
    and the recovery after it, to ``window_h`` hours (``t_h``: the times to report; by
    default :func:`time_grid_h`). ``rate_parameters`` are :func:`rates_per_h`'s keywords
    (``desensitisation_half_time_s`` ...), registry defaults for those not given."""
    unknown = sorted(set(rate_parameters) - set(inspect.signature(rates_per_h).parameters))
    if unknown:
        raise ValueError(f"unknown parameter {unknown[0]!r} for scenario_course")
    rates = rates_per_h(**rate_parameters)
    ka = check_number("agonist_k_nM", agonist_k_nM, 0.0, MAX_CONC_NM, low_open=True)
    kb = check_number("antagonist_k_nM", antagonist_k_nM, 0.0, MAX_CONC_NM, low_open=True)
    t0 = check_number("tau", tau, 0.0, MAX_TAU)
    test = check_number("test_conc_nM", test_conc_nM, 0.0, MAX_CONC_NM)
    rest, phases = scenario_phases(scenario, exposure_h, window_h, exposure_agonist_nM,
                                   tone_nM, blocker_nM)  # fmt: skip
    exposure = phases[0].duration_h
    times = time_grid_h(exposure, window_h) if t_h is None else check_array("t_h", t_h)
    before = steady_state(agonist_occupancy(rest.agonist_nM, 0.0, ka, kb), rates)
    states = simulate(phases, times, before, rates, ka, kb)
    on_grid = np.nonzero(times == exposure)[0]
    at_stop = (states[:, on_grid[0]] if on_grid.size
               else simulate(phases, [exposure], before, rates, ka, kb)[:, 0])  # fmt: skip
    # The drugs present at each reported time; at the end of the exposure, those after it.
    exposure_phase, after_phase = phases
    present = np.where(times < exposure, exposure_phase.agonist_nM, after_phase.agonist_nM)
    blocker_now = np.where(times < exposure, exposure_phase.antagonist_nM,
                           after_phase.antagonist_nM)  # fmt: skip
    p_present = (present / ka) / (1.0 + present / ka + blocker_now / kb)
    p_test = (test / ka) / (1.0 + test / ka + blocker_now / kb)
    available = states[0]
    p_rest = (rest.agonist_nM / ka) / (1.0 + rest.agonist_nM / ka)
    return Course(
        scenario=scenario,
        t_h=times,
        exposure_h=exposure,
        available=available,
        desensitised=states[1],
        internalised=states[2],
        total=states.sum(axis=0),
        response=response_fraction(p_present, available, t0),
        test_response=response_fraction(p_test, available, t0),
        before=before,
        at_stop=at_stop,
        baseline_response=response_fraction(p_rest, before[0], t0),
        baseline_test_response=response_fraction(test / (ka + test), before[0], t0),
    )


#: Times the explorer reports (h): log-spaced from 10 s to the window's end, plus the
#: exposures of its static slider so that the end of any of them is a reported time.
BASE_GRID_POINTS = 70
FIRST_TIME_H = 10.0 / 3600.0


def time_grid_h(
    exposure_h: float, window_h: float = value("signalling.window_h"), extra: Sequence = ()
) -> np.ndarray:
    """A log-spaced grid from 10 s to ``window_h`` that contains ``exposure_h`` and ``extra``."""
    window = check_number("window_h", window_h, FIRST_TIME_H, MAX_TIME_H, low_open=True)
    exposure = check_number("exposure_h", exposure_h, 0.0, window, low_open=True)
    base = np.geomspace(FIRST_TIME_H, window, BASE_GRID_POINTS)
    points = [float(v) for v in extra if FIRST_TIME_H <= v <= window]
    return np.unique(np.concatenate([base, [exposure], points]))


def half_time_h(t_h, values) -> float:
    """Time (h) at which ``values`` first gets half-way from its first to its last value."""
    times = check_array("t_h", t_h)
    ys = check_array("values", values)
    start, end = ys[0], ys[-1]
    half = (start + end) / 2
    crossed = np.nonzero((ys - half) * np.sign(start - end) <= 0)[0]
    if start == end or crossed.size == 0:
        raise ValueError("values never cross half-way")
    i = int(crossed[0])
    if i == 0:
        return float(times[0])
    t0, t1, y0, y1 = times[i - 1], times[i], ys[i - 1], ys[i]
    return float(t0 + (half - y0) * (t1 - t0) / (y1 - y0))


def recovery_time_h(course: Course, level: float = 0.9) -> float:
    """Hours after the exposure until the test-dose response is back to ``level`` of rest."""
    share = check_number("level", level, 0.0, 1.0, low_open=True)
    after = course.t_h >= course.exposure_h
    back = np.nonzero(after & (course.test_response >= share * course.baseline_test_response))[0]
    if back.size == 0:
        return math.inf
    return float(course.t_h[back[0]] - course.exposure_h)


def key_results() -> dict[str, float]:
    """The numbers the chapter quotes, all computed from the model with registry defaults
    (responses as % of the system maximum, receptor numbers as % of rest, times in h)."""
    out: dict[str, float] = {}
    tol = scenario_course("tolerance", 24.0)
    during = tol.t_h < tol.exposure_h
    out["tol_first_pct"] = 100 * float(tol.response[0])
    out["tol_10min_pct"] = 100 * float(np.interp(1 / 6, tol.t_h, tol.response))
    out["tol_end_pct"] = 100 * float(tol.response[during][-1])
    out["tol_test_end_pct_of_rest"] = 100 * float(
        tol.test_response[during][-1] / tol.baseline_test_response
    )
    out["tol_total_end_pct"] = 100 * float(tol.at_stop.sum())
    out["tol_recovery_24h_h"] = recovery_time_h(tol)
    out["tol_recovery_6min_min"] = 60 * recovery_time_h(scenario_course("tolerance", 0.1))
    t = np.linspace(0.001, 48.0, 2000)
    sat = scenario_course("tolerance", 48.0, t, window_h=49.0, exposure_agonist_nM=1e7)
    out["down_half_time_h"] = half_time_h(t, sat.total)
    out["turnover_half_life_h"] = math.log(2) / value("signalling.turnover_rate_per_h")
    blk = scenario_course("blocker", 48.0)
    after = blk.t_h >= blk.exposure_h
    out["rest_available_pct"] = 100 * float(blk.before[0] / blk.before.sum())
    out["block_total_pct"] = 100 * float(blk.at_stop.sum() / blk.before.sum())
    out["block_peak_pct_of_rest"] = 100 * float(blk.response[after].max() / blk.baseline_response)
    out["block_6h_pct_of_rest"] = 100 * float(
        np.interp(blk.exposure_h + 6, blk.t_h, blk.response) / blk.baseline_response
    )
    short = scenario_course("blocker", 2.0)
    out["short_block_6h_pct_of_rest"] = 100 * float(
        np.interp(short.exposure_h + 6, short.t_h, short.response) / short.baseline_response
    )
    ka, tau = value("signalling.agonist_k_nM"), value("signalling.tau")
    out["ka_nM"], out["tau"] = ka, tau
    out["ec50_nM"] = operational_ec50_nM(ka, tau)
    out["ec50_occupancy_pct"] = 100 * out["ec50_nM"] / (out["ec50_nM"] + ka)
    out["max_pct"] = 100 * operational_emax(tau)
    for left in (0.5, 0.05):
        key = f"{100 * (1 - left):.0f}"
        out[f"ec50_removed{key}_nM"] = operational_ec50_nM(ka, tau * left)
        out[f"max_removed{key}_pct"] = 100 * operational_emax(tau * left)
    return out
