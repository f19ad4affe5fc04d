"""Receptor occupancy, agonist response and competitive antagonism.

Concentrations and dissociation constants are in nM. The Hill-Langmuir equation and its
competitive (Gaddum) form are textbook pharmacology (Neubig et al. 2003, IUPHAR
nomenclature of receptor terms, doi:10.1124/pr.55.4.4).

Response to an agonist follows the operational model of Black & Leff (1983,
doi:10.1098/rspb.1983.0093): an agonist has an affinity (``ka_nM``, its dissociation constant)
and, in a given tissue, an efficacy ``tau`` (the transducer ratio, receptor number over the
occupied-receptor concentration that gives half the maximal effect). A competitive antagonist
shifts the agonist curve to the right in parallel by the dose ratio 1 + [B]/K_B
(Arunlakshana & Schild 1959, doi:10.1111/j.1476-5381.1959.tb00928.x).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from book.data.affinities import TARGETS, affinity
from book.models.validation import check_array, check_number

MAX_CONC_NM = 1e9  # 1 M: far above any concentration a body or an assay reaches


def kd_nM_from_p(p_value: float) -> float:
    """Convert a negative log affinity (pKi, pKd; molar) to a dissociation constant in nM."""
    p = check_number("p_value", p_value, 0.0, 15.0)
    return 10.0 ** (9.0 - p)


def occupancy(conc_nM, kd_nM: float, hill: float = 1.0):
    """Fraction of receptors occupied at equilibrium: c^n / (c^n + Kd^n) (Hill-Langmuir).

    ``conc_nM`` may be a number or an array (nM, >= 0); ``kd_nM`` > 0; ``hill`` in (0, 5].
    Returns a float for a scalar input, else an array of the same shape.
    """
    conc = check_array("conc_nM", conc_nM, 0.0, MAX_CONC_NM)
    kd = check_number("kd_nM", kd_nM, 0.0, MAX_CONC_NM, low_open=True)
    n = check_number("hill", hill, 0.0, 5.0, low_open=True)
    ratio = (conc / kd) ** n
    result = ratio / (1.0 + ratio)
    return float(result) if result.ndim == 0 else result


def gaddum_shares(*odds):
    """Gaddum's equation in odds form: ligand i holds ``x_i / (1 + sum_j x_j)`` of the sites.

    Each ``x_i = c_i / K_i`` (a number or an array; arrays broadcast) is a ligand's
    concentration in units of its own dissociation constant. Returns one share per ligand;
    with one ligand this is the Hill-Langmuir occupancy ``x / (1 + x)``.
    """
    total = 1.0
    for x in odds:
        total = total + np.asarray(x, dtype=float)
    return tuple(np.asarray(x, dtype=float) / total for x in odds)


def competitive_occupancy(concs_nM: Sequence[float], kds_nM: Sequence[float]) -> np.ndarray:
    """Occupancy of one receptor by each of several ligands competing for the same site.

    Gaddum's equation: ligand i occupies (c_i/K_i) / (1 + sum_j c_j/K_j). Returns one fraction
    per ligand; they sum to the total occupancy, which is below 1.
    """
    conc = check_array("concs_nM", concs_nM, 0.0, MAX_CONC_NM)
    kd = check_array("kds_nM", kds_nM, 0.0, MAX_CONC_NM, low_open=True)
    if conc.ndim != 1 or conc.shape != kd.shape or conc.size == 0:
        raise ValueError(
            "concs_nM and kds_nM must be non-empty lists of the same length; "
            f"got {conc.size} and {kd.size}"
        )
    return np.array(gaddum_shares(*(conc / kd)))


MAX_OCCUPANCY = 0.999  # a ligand can approach full occupancy, never reach it


def odds_for_occupancy(fraction: float) -> float:
    """``f / (1 - f)``: the free concentration, in units of K, that occupies ``fraction``.

    The inverse of the Hill-Langmuir equation; ``fraction`` in [0, 0.999].
    """
    f = check_number("fraction", fraction, 0.0, MAX_OCCUPANCY)
    return f / (1.0 - f)


def conc_for_occupancy_nM(fraction: float, kd_nM: float) -> float:
    """Free ligand concentration (nM) that occupies ``fraction`` of sites with constant K (nM)."""
    kd = check_number("kd_nM", kd_nM, 0.0, MAX_CONC_NM, low_open=True)
    return kd * odds_for_occupancy(fraction)


MAX_TAU = 1e4  # transducer ratios above this give no visible difference from 1e4


def operational_response(conc_nM, ka_nM: float, tau: float, emax: float = 1.0, hill: float = 1.0):
    """Agonist effect by the operational model (Black & Leff 1983).

    ``E = emax * tau^n c^n / ((ka + c)^n + tau^n c^n)``, with ``c`` the agonist concentration
    (nM, >= 0), ``ka`` its dissociation constant (nM, > 0), ``tau`` >= 0 its efficacy in the
    tissue and ``n`` the transducer slope (``hill``). A high ``tau`` approaches ``emax`` with an
    EC50 far below ``ka`` (receptor reserve); ``tau`` = 0 gives no response at any
    concentration, however fully the receptors are occupied.
    """
    conc = check_array("conc_nM", conc_nM, 0.0, MAX_CONC_NM)
    ka = check_number("ka_nM", ka_nM, 0.0, MAX_CONC_NM, low_open=True)
    t = check_number("tau", tau, 0.0, MAX_TAU)
    top = check_number("emax", emax, 0.0, math.inf, low_open=True)
    n = check_number("hill", hill, 0.0, 5.0, low_open=True)
    result = _operational(conc, ka, t, top, n)
    return float(result) if result.ndim == 0 else result


def _operational(conc: np.ndarray, ka: float, tau: float, emax: float, n: float) -> np.ndarray:
    stimulus = (tau * conc) ** n
    return emax * stimulus / ((ka + conc) ** n + stimulus)


def operational_emax(tau: float, emax: float = 1.0, hill: float = 1.0) -> float:
    """The largest effect the agonist can produce: ``emax * tau^n / (1 + tau^n)``."""
    t = check_number("tau", tau, 0.0, MAX_TAU)
    top = check_number("emax", emax, 0.0, math.inf, low_open=True)
    n = check_number("hill", hill, 0.0, 5.0, low_open=True)
    return top * t**n / (1.0 + t**n)


def operational_ec50_nM(ka_nM: float, tau: float, hill: float = 1.0) -> float:
    """Concentration (nM) giving half the agonist's own maximum: ``ka / ((2 + tau^n)^(1/n) - 1)``.

    For ``hill`` = 1 this is ``ka / (1 + tau)``: the more efficacious the agonist (or the more
    receptors the tissue has), the further its EC50 lies below its dissociation constant.
    ``tau`` must be > 0 (an agonist with no efficacy has no EC50).
    """
    ka = check_number("ka_nM", ka_nM, 0.0, MAX_CONC_NM, low_open=True)
    t = check_number("tau", tau, 0.0, MAX_TAU, low_open=True)
    n = check_number("hill", hill, 0.0, 5.0, low_open=True)
    return ka / ((2.0 + t**n) ** (1.0 / n) - 1.0)


def schild_dose_ratio(antagonist_nM, kb_nM: float):
    """Dose ratio for a competitive antagonist: ``1 + [B] / K_B`` (Arunlakshana & Schild 1959).

    The factor by which the agonist concentration must rise to give the same effect in the
    presence of antagonist concentration ``[B]`` (nM, >= 0) with dissociation constant
    ``K_B`` (nM, > 0). A number for a number, an array for an array.
    """
    conc = check_array("antagonist_nM", antagonist_nM, 0.0, MAX_CONC_NM)
    kb = check_number("kb_nM", kb_nM, 0.0, MAX_CONC_NM, low_open=True)
    result = 1.0 + conc / kb
    return float(result) if result.ndim == 0 else result


def schild_log_dr_minus_1(antagonist_nM, kb_nM: float):
    """The Schild plot's y value, ``log10(DR - 1) = log10[B] - log10 K_B``.

    A straight line of slope 1 against ``log10[B]`` that crosses zero at ``[B] = K_B``; the
    crossing gives the antagonist's pA2 (= pK_B for a competitive antagonist). ``[B]`` > 0.
    """
    conc = check_array("antagonist_nM", antagonist_nM, 0.0, MAX_CONC_NM, low_open=True)
    kb = check_number("kb_nM", kb_nM, 0.0, MAX_CONC_NM, low_open=True)
    result = np.log10(conc / kb)
    return float(result) if result.ndim == 0 else result


def antagonised_response(
    conc_nM,
    antagonist_nM: float,
    ka_nM: float,
    kb_nM: float,
    tau: float,
    emax: float = 1.0,
    hill: float = 1.0,
):
    """Operational-model agonist effect with a competitive antagonist present.

    The antagonist raises the agonist's apparent dissociation constant to
    ``ka * (1 + [B]/K_B)`` (Gaddum), so the curve moves right in parallel by exactly the
    Schild dose ratio, with the same maximum (a surmountable antagonist).
    """
    conc = check_array("conc_nM", conc_nM, 0.0, MAX_CONC_NM)
    ratio = check_number("antagonist_nM", antagonist_nM, 0.0, MAX_CONC_NM)
    ratio = schild_dose_ratio(ratio, kb_nM)
    ka = check_number("ka_nM", ka_nM, 0.0, MAX_CONC_NM, low_open=True)
    t = check_number("tau", tau, 0.0, MAX_TAU)
    top = check_number("emax", emax, 0.0, math.inf, low_open=True)
    n = check_number("hill", hill, 0.0, 5.0, low_open=True)
    result = _operational(conc, ka * ratio, t, top, n)
    return float(result) if result.ndim == 0 else result


def target_occupancy(ligand: str, conc_nM: float) -> dict[str, tuple[float, float, float] | None]:
    """Occupancy (0..1) of each matrix target by ``ligand`` at free concentration ``conc_nM``.

    Per target ``(at the rule's value, at the weakest end, at the tightest end)`` of its
    affinity (:func:`book.data.affinities.affinity`; the three agree for a point value), or
    None where no affinity is sourced. Mass action (Hill-Langmuir, slope 1).
    """
    conc = check_number("conc_nM", conc_nM, 0.0, MAX_CONC_NM)
    result: dict[str, tuple[float, float, float] | None] = {}
    for target in TARGETS:
        row = affinity(ligand, target)
        if row is None:
            result[target] = None
            continue
        k_low, k_high = row.k_range_nM
        result[target] = (
            occupancy(conc, row.k_nM),
            occupancy(conc, k_high),
            occupancy(conc, k_low),
        )
    return result


def operational_mixture_response(
    concs_nM: Sequence[float],
    kas_nM: Sequence[float],
    taus: Sequence[float],
    antagonist_ratio: float = 0.0,
    emax: float = 1.0,
) -> float:
    """Effect of several agonists acting together on one receptor (operational model, n = 1).

    Each agonist ``i`` occupies its share by Gaddum's equation and contributes
    ``tau_i`` times its occupancy to the stimulus; the tissue transduces the summed stimulus
    as for one agonist (Black & Leff 1983)::

        E = emax * S / (1 + S),  S = sum_i tau_i x_i / (1 + sum_i x_i + r_B),  x_i = c_i/K_i

    i.e. ``emax * sum tau_i x_i / (1 + sum x_i + r_B + sum tau_i x_i)``. ``antagonist_ratio``
    is ``[B]/K_B`` of a competitive antagonist (>= 0). With one agonist this is
    :func:`antagonised_response` with ``hill`` = 1.
    """
    conc = check_array("concs_nM", concs_nM, 0.0, MAX_CONC_NM)
    ka = check_array("kas_nM", kas_nM, 0.0, MAX_CONC_NM, low_open=True)
    tau = check_array("taus", taus, 0.0, MAX_TAU)
    if conc.ndim != 1 or conc.size == 0 or not conc.shape == ka.shape == tau.shape:
        raise ValueError(
            "concs_nM, kas_nM and taus must be non-empty lists of the same length; "
            f"got {conc.size}, {ka.size} and {tau.size}"
        )
    ratio = check_number("antagonist_ratio", antagonist_ratio, 0.0, MAX_CONC_NM)
    top = check_number("emax", emax, 0.0, math.inf, low_open=True)
    x = conc / ka
    stimulus = float(np.sum(tau * x))
    return top * stimulus / (1.0 + float(np.sum(x)) + ratio + stimulus)
