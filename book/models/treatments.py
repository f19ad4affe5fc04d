"""What a drug does to norepinephrine signalling, from the book's own models (no data here).

The treatment explorer expresses a drug's "dose" as the fraction ``f`` of its primary target
that it occupies at equilibrium, because for most drugs the book has no sourced plasma or
brain concentration. Everything else follows from the law of mass action and the models of
earlier chapters:

* **Occupancy at a second target.** A drug that occupies a fraction ``f`` of a target with
  dissociation constant ``K_p`` is present at ``c = K_p f / (1 - f)`` (free concentration).
  At another target with constant ``K_t`` it occupies ``c / (c + K_t) = x / (x + r)``, where
  ``x = f / (1 - f)`` and ``r = K_t / K_p`` is how many times more weakly the drug binds the
  second target. Only the *ratio* ``r`` is needed, so a published selectivity ratio (Baker
  2005, ``baker2005``, for beta blockers) is enough, without any absolute affinity. With
  ``r > 1`` the second target is always less occupied than the first, at every dose.
* **NE around the terminals.** The share of NET a drug occupies goes into
  :func:`book.models.synapse.simulate` (competitive inhibition; a releaser also drives
  NET-mediated efflux), which gives the peak and mean extracellular NE.
* **NE's share of a receptor.** With a competitive antagonist occupying a fraction ``g`` of a
  receptor on its own, NE's occupancy follows Gaddum's equation
  (:func:`book.models.receptors.competitive_occupancy`; ``neubig2003``). Relative to no drug,
  NE's occupancy changes by ``m (1 + a) / (1 + m a + g / (1 - g))``, where ``m`` is how much
  the drug changed the NE concentration and ``a = [NE] / K_NE`` without drug. When NE
  occupies few receptors (``a`` near 0) this is simply ``m (1 - g)``.

These are predictions of occupancy, not of a clinical effect: tissue responses also depend
on receptor reserve and efficacy (see the receptors chapter), and on the body's reflexes.
"""

from __future__ import annotations

import math
from functools import lru_cache

from book.models.receptors import competitive_occupancy
from book.models.synapse import SynapseResult, simulate
from book.models.validation import check_number

#: The synapse model's firing pattern for every treatment prediction (as in the reuptake
#: sliders of the clearance chapter): 2 Hz tonic firing for 10 s, followed for 30 s.
RATE_HZ = 2.0
FIRING_S = 10.0
DURATION_S = 30.0
MAX_FRACTION = 0.999  # a drug can approach, never reach, full occupancy


def odds(fraction: float) -> float:
    """``f / (1 - f)``: the free concentration in units of the target's constant, c / K."""
    f = check_number("fraction", fraction, 0.0, MAX_FRACTION)
    return f / (1.0 - f)


def occupancy_at_other_target(primary_fraction: float, ratio: float) -> float:
    """Occupancy of a second target when the primary one is ``primary_fraction`` occupied.

    ``ratio`` = K_other / K_primary (> 0): how many times more weakly the drug binds the
    second target (below 1 if it binds it more tightly). Mass action at one free
    concentration: ``x / (x + ratio)`` with ``x = f / (1 - f)``.
    """
    x = odds(primary_fraction)
    r = check_number("ratio", ratio, 0.0, 1e9, low_open=True)
    return x / (x + r)


def concentration_nM(primary_fraction: float, k_primary_nM: float) -> float:
    """Free drug concentration (nM) that occupies ``primary_fraction`` of a target of K (nM)."""
    k = check_number("k_primary_nM", k_primary_nM, 0.0, 1e9, low_open=True)
    return k * odds(primary_fraction)


def ne_occupancy_ratio(
    ne_ratio: float, antagonist_fraction: float = 0.0, ne_over_k: float = 0.0
) -> float:
    """NE's occupancy of a receptor relative to no drug (1 = unchanged).

    ``ne_ratio``: NE concentration with the drug over NE without it (>= 0).
    ``antagonist_fraction``: the share of the receptor a competitive antagonist would occupy
    on its own (0 to < 1). ``ne_over_k``: [NE]/K_NE without the drug (0 = NE occupies few
    receptors, the limit used when NE's affinity is not sourced).
    """
    m = check_number("ne_ratio", ne_ratio, 0.0, 1e6)
    g = check_number("antagonist_fraction", antagonist_fraction, 0.0, MAX_FRACTION)
    a = check_number("ne_over_k", ne_over_k, 0.0, 1e6)
    if a == 0.0:
        return m * (1.0 - g)
    with_drug = competitive_occupancy([m * a, g / (1.0 - g)], [1.0, 1.0])[0]
    without = a / (1.0 + a)
    return float(with_drug / without)


@lru_cache(maxsize=512)
def _cleft(net_fraction: float, releaser: bool) -> SynapseResult:
    return simulate(
        rate_Hz=RATE_HZ,
        firing_s=FIRING_S,
        duration_s=DURATION_S,
        inhibition=net_fraction,
        reverse_transport=net_fraction if releaser else 0.0,
    )


def cleft_ne(net_fraction: float, releaser: bool = False) -> SynapseResult:
    """The synapse model with ``net_fraction`` of NET occupied (by a releaser if ``releaser``).

    Results are cached on the fraction rounded to 1e-4 (far finer than any slider step).
    """
    f = check_number("net_fraction", net_fraction, 0.0, 1.0)
    if not isinstance(releaser, bool):
        raise ValueError(f"releaser must be True or False; got {releaser!r}")
    return _cleft(round(f, 4), releaser)


def cleft_ratios(net_fraction: float, releaser: bool = False) -> dict[str, float]:
    """Peak and mean extracellular NE, and their ratios to no drug, from the synapse model."""
    base, run = cleft_ne(0.0), cleft_ne(net_fraction, releaser)
    return {
        "peak_nM": run.peak_nM,
        "mean_nM": run.mean_nM,
        "baseline_peak_nM": base.peak_nM,
        "baseline_mean_nM": base.mean_nM,
        "peak_ratio": run.peak_nM / base.peak_nM,
        "mean_ratio": run.mean_nM / base.mean_nM,
    }


def is_finite(value: float | None) -> bool:
    """True for a finite number (None, NaN and infinities are not)."""
    return value is not None and math.isfinite(value)
