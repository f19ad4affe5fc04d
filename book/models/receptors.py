"""Receptor occupancy by the law of mass action.

Concentrations and dissociation constants are in nM. The Hill-Langmuir equation and its
competitive (Gaddum) form are textbook pharmacology (Neubig et al. 2003, IUPHAR
nomenclature of receptor terms, doi:10.1124/pr.55.4.4).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

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
    ratios = conc / kd
    return ratios / (1.0 + ratios.sum())
