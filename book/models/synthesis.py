"""Catecholamine synthesis in one cell at steady state: tyrosine -> L-DOPA -> dopamine ->
norepinephrine (NE) -> epinephrine, with vesicular packaging, release, leak and breakdown.

The cell has seven pools (concentrations in the cell's volume, in model micromolar):

========  ============================================================
``dopa``  L-DOPA in the cytosol
``da_c``  dopamine in the cytosol          ``da_v``  dopamine in vesicles
``ne_c``  NE in the cytosol                ``ne_v``  NE in vesicles
``epi_c`` epinephrine in the cytosol       ``epi_v`` epinephrine in vesicles
========  ============================================================

and these reactions (rates in model micromolar per minute)::

    TH            -> dopa   V_TH a_TH [Tyr/(K_Tyr (1 + m) + Tyr)] [B/(B + K_B (1 + C/K_FB))]
    DOPA efflux   dopa ->   k_out dopa
    AADC          dopa -> da_c    V_AADC a_AADC (dopa/K_DOPA) / D
    AADC (DOPS)   -> ne_c         V_AADC a_AADC (S/K_DOPS) / D,   D = 1 + dopa/K_DOPA + S/K_DOPS
    VMAT2         X_c -> X_v      V_VMAT a_VMAT (X_c/K_VMAT) / (1 + C/K_VMAT)   for X = da, ne, epi
    MAO           X_c ->          k_MAO X_c
    DBH           da_v -> ne_v    V_DBH a_DBH f(Cu) f(Asc) da_v/(K_DBH + da_v)
    PNMT          ne_c -> epi_c   V_PNMT a_PNMT g(cortisol) ne_c/(K_PNMT + ne_c)   (adrenal only)
    leak          X_v -> X_c      k_leak X_v
    release       X_v ->          k_rel r X_v

with C = da_c + ne_c + epi_c (cytosolic catecholamine: end-product inhibition of TH,
competing with the cofactor BH4), m = metyrosine concentration / its Ki (a competitive
inhibitor of TH), S = droxidopa (L-threo-DOPS) in the cytosol, f(x) = x (1 + K)/(x + K)
a cofactor factor equal to 1 at the normal level, and
g(c) = G0 + (1 - G0) f(c) the induction of PNMT by cortisol.

Sources (keys in ``book/data/references.bib``):

* ``K_TYR_uM`` = 40 uM, the middle of the 20-60 uM Km of tyrosine hydroxylase for tyrosine
  with most tetrahydropterin cofactors (bovine striatal enzyme, physiological pH;
  ``bailey1989``).
* ``PLASMA_TYROSINE_uM`` = 69 uM, fasting human plasma tyrosine (``glaeser1979``); the
  model assumes the cell sees the plasma level (an assumption: no brain or cell value was
  found).
* ``K_DOPS_uM`` = 2100 uM, the Km of AADC for L-threo-DOPS (droxidopa) in rat heart
  supernatant (``ohmura1978``).
* Metyrosine is a TH inhibitor (``spector1965``, ``bausch2020``); treating it as competitive
  with tyrosine is a modelling assumption (it is a tyrosine analogue).
* Competition of catecholamines with BH4 at TH: ``daubner2011``, ``briggs2011``
  (qualitative).
* DBH is inside the vesicles (active site on the luminal face; ``zaremba1981``) and uses
  copper and ascorbate (``kaufman1968``); PNMT is controlled by glucocorticoids
  (``wurtman1965``).

Everything else is ILLUSTRATIVE: no readable source gave the Km of AADC for L-DOPA, of DBH
for dopamine, of PNMT for NE, of VMAT2 for dopamine, or any of the maximal rates, leak,
release and breakdown constants (see ``docs/research/production-params.md``). Those
constants were chosen so that (1) with no DBH the cell's dopamine store rises several-fold
while NE and epinephrine vanish, as plasma dopamine rises 5-10-fold in DBH deficiency
(``adam2024``); (2) an adrenal chromaffin cell releases about two parts epinephrine to one
part NE, the ratio implied by adrenal-vein and peripheral levels under surgical stress in
``mannelli1982`` (our arithmetic); (3) the illustrative metyrosine level cuts synthesis by
about half, inside the 35-80% reduction in patients (``bausch2020``); and (4) the
illustrative disulfiram scenario lowers the neuron's NE by about 40%, the fall in rat brain
NE at one dose in ``schroeder2010`` (the copper-chelation mechanism itself was read only in
a secondary source, ``newsmedical2010``). Results are meant to be read relative to normal,
never as absolute concentrations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import root

from book.models.validation import check_choice, check_number

# ----- sourced values ------------------------------------------------------------------
#: Km of tyrosine hydroxylase for tyrosine (uM): middle of 20-60 uM (bailey1989).
K_TYR_uM = 40.0
#: Fasting human plasma tyrosine (uM; glaeser1979).
PLASMA_TYROSINE_uM = 69.0
#: Km of AADC for L-threo-DOPS, droxidopa (uM; 2.1 mM, rat heart; ohmura1978).
K_DOPS_uM = 2100.0

SOURCES: MappingProxyType[str, str] = MappingProxyType(
    {
        "K_TYR_uM": "bailey1989: Km 20-60 uM for tyrosine (bovine striatal TH); 40 uM used",
        "PLASMA_TYROSINE_uM": "glaeser1979: fasting plasma tyrosine 69 +/- 3.9 uM (n = 12)",
        "K_DOPS_uM": "ohmura1978: Km of AADC for L-threo-DOPS 2.1 mM (rat heart supernatant)",
    }
)

# ----- ILLUSTRATIVE constants (no readable source; chosen as described above) -----------
V_TH = 4.0  # uM/min, maximal TH rate at saturating tyrosine and BH4, no feedback
K_BH4 = 1.0  # relative BH4 level at which TH is half-saturated with cofactor
K_FB_uM = 0.02  # cytosolic catecholamine giving twofold competition with BH4
V_AADC = 50.0  # uM/min
K_DOPA_uM = 100.0  # Km of AADC for L-DOPA: NOT FOUND, illustrative
K_OUT_PER_MIN = 0.01  # L-DOPA leaving the cell
V_VMAT = 20.0  # uM/min
K_VMAT_uM = 0.2  # Km of VMAT2 for catecholamines: primary value NOT FOUND, illustrative
K_MAO_PER_MIN = 2.0  # breakdown of cytosolic catecholamine (MAO)
V_DBH = 2.4  # uM/min, in the vesicles
K_DBH_uM = 25.0  # Km of DBH for dopamine: NOT FOUND, illustrative
K_COPPER = 0.5  # relative copper level for half the maximal cofactor effect
K_ASCORBATE = 0.5  # relative ascorbate level for half the maximal cofactor effect
V_PNMT = 700.0  # uM/min, adrenal chromaffin cell at normal cortisol
K_PNMT_uM = 5.0  # Km of PNMT for NE: NOT FOUND, illustrative
PNMT_WITHOUT_CORTISOL = 0.01  # fraction of PNMT expression left with no cortisol
K_CORTISOL = 2.0  # relative cortisol level for half-maximal induction
K_LEAK_PER_MIN = 0.04  # passive leak from vesicles to cytosol
K_RELEASE_PER_MIN = 0.01  # exocytosis of vesicle contents at the normal firing rate

ILLUSTRATIVE: tuple[str, ...] = (
    "V_TH", "K_BH4", "K_FB_uM", "V_AADC", "K_DOPA_uM", "K_OUT_PER_MIN", "V_VMAT",
    "K_VMAT_uM", "K_MAO_PER_MIN", "V_DBH", "K_DBH_uM", "K_COPPER", "K_ASCORBATE", "V_PNMT",
    "K_PNMT_uM", "PNMT_WITHOUT_CORTISOL", "K_CORTISOL", "K_LEAK_PER_MIN",
    "K_RELEASE_PER_MIN",
)  # fmt: skip

POOLS: tuple[str, ...] = ("dopa", "da_c", "da_v", "ne_c", "ne_v", "epi_c", "epi_v")
POOL_LABELS: MappingProxyType[str, str] = MappingProxyType(
    {
        "dopa": "L-DOPA (cytosol)",
        "da_c": "dopamine (cytosol)",
        "da_v": "dopamine (vesicles)",
        "ne_c": "norepinephrine (cytosol)",
        "ne_v": "norepinephrine (vesicles)",
        "epi_c": "epinephrine (cytosol)",
        "epi_v": "epinephrine (vesicles)",
    }
)
SITES: MappingProxyType[str, str] = MappingProxyType(
    {
        "neuron": "noradrenergic neuron (sympathetic or locus coeruleus): no PNMT",
        "adrenal": "adrenal chromaffin cell: PNMT induced by cortisol",
    }
)

#: Parameters with their allowed range and normal value. Activities and cofactor levels
#: are fractions of normal (1 = normal).
PARAMETERS: MappingProxyType[str, tuple[float, float, float]] = MappingProxyType(
    {
        "th": (0.0, 2.0, 1.0),
        "aadc": (0.0, 2.0, 1.0),
        "dbh": (0.0, 2.0, 1.0),
        "vmat2": (0.0, 2.0, 1.0),
        "pnmt": (0.0, 2.0, 1.0),
        "bh4": (0.0, 2.0, 1.0),
        "copper": (0.0, 2.0, 1.0),
        "ascorbate": (0.0, 2.0, 1.0),
        "cortisol": (0.0, 2.0, 1.0),
        "firing": (0.1, 5.0, 1.0),
        "tyrosine_uM": (5.0, 250.0, PLASMA_TYROSINE_uM),
        "droxidopa_uM": (0.0, 200.0, 0.0),
        "metyrosine": (0.0, 50.0, 0.0),
    }
)

#: Named conditions: each changes some parameters (multiplying or adding to the values
#: given) so that the other controls keep working on top of it.
DROXIDOPA_SCENARIO_uM = 25.0  # ILLUSTRATIVE cell level of L-threo-DOPS
DISULFIRAM_COPPER = 0.11  # ILLUSTRATIVE: copper left to DBH (NE -40%, schroeder2010)
LOW_TYROSINE_FACTOR = 0.4  # ILLUSTRATIVE: 69 uM -> about 28 uM
METYROSINE_OVER_KI = 4.0  # ILLUSTRATIVE: inhibitor at 4 x its (unknown) Ki

SCENARIOS: MappingProxyType[str, str] = MappingProxyType(
    {
        "normal": "Normal",
        "dbh_deficiency": "DBH deficiency",
        "droxidopa": "Droxidopa",
        "disulfiram": "Disulfiram (less copper for DBH)",
        "low_tyrosine": "Low tyrosine",
        "metyrosine": "Metyrosine (TH inhibitor)",
    }
)
SCENARIO_NOTES: MappingProxyType[str, str] = MappingProxyType(
    {
        "normal": "All enzymes, cofactors and tyrosine as set.",
        "dbh_deficiency": "No functional DBH (biallelic DBH variants): DBH activity set to 0.",
        "droxidopa": f"L-threo-DOPS added ({DROXIDOPA_SCENARIO_uM:g} µM in the cell, "
        "illustrative); AADC turns it into NE without DBH.",
        "disulfiram": f"Copper available to DBH cut to {DISULFIRAM_COPPER:g} of the set level "
        "(illustrative size, chosen so neuronal NE falls by about 40%).",
        "low_tyrosine": f"Tyrosine cut to {LOW_TYROSINE_FACTOR:g} of the set level (illustrative).",
        "metyrosine": f"Metyrosine at {METYROSINE_OVER_KI:g} times its Ki, competing with "
        "tyrosine at TH (illustrative level).",
    }
)


def apply_scenario(scenario: str, **values: float) -> dict[str, float]:
    """The parameters (normal unless given) changed as ``scenario`` describes."""
    check_choice("scenario", scenario, tuple(SCENARIOS))
    params = _validated(values)
    if scenario == "dbh_deficiency":
        params["dbh"] = 0.0
    elif scenario == "droxidopa":
        params["droxidopa_uM"] += DROXIDOPA_SCENARIO_uM
    elif scenario == "disulfiram":
        params["copper"] *= DISULFIRAM_COPPER
    elif scenario == "low_tyrosine":
        params["tyrosine_uM"] = max(
            params["tyrosine_uM"] * LOW_TYROSINE_FACTOR, PARAMETERS["tyrosine_uM"][0]
        )
    elif scenario == "metyrosine":
        params["metyrosine"] += METYROSINE_OVER_KI
    return params


def _validated(values: dict[str, Any]) -> dict[str, float]:
    unknown = set(values) - set(PARAMETERS)
    if unknown:
        raise ValueError(
            f"unknown parameter {sorted(unknown)[0]!r}; use one of {', '.join(PARAMETERS)}"
        )
    return {
        name: check_number(name, values.get(name, normal), low, high)
        for name, (low, high, normal) in PARAMETERS.items()
    }


def cofactor_factor(level: float, half: float) -> float:
    """x (1 + K) / (x + K): 0 with no cofactor, 1 at the normal level, saturating above."""
    return level * (1.0 + half) / (level + half) if level > 0 else 0.0


def pnmt_induction(cortisol: float) -> float:
    """PNMT expression relative to normal cortisol: a small floor plus cortisol induction."""
    return PNMT_WITHOUT_CORTISOL + (1.0 - PNMT_WITHOUT_CORTISOL) * cofactor_factor(
        cortisol, K_CORTISOL
    )


@dataclass(frozen=True)
class Reaction:
    name: str
    source: str | None  # pool consumed (None: from outside the model)
    target: str | None  # pool made (None: leaves the model)
    rate: Callable[[dict[str, float]], float]
    enabled: bool  # False when a parameter makes the rate identically zero


def reactions(site: str, params: dict[str, float]) -> list[Reaction]:
    """The cell's reactions for validated ``params`` at ``site``."""
    p = params
    tyr = p["tyrosine_uM"]
    tyr_sat = tyr / (K_TYR_uM * (1.0 + p["metyrosine"]) + tyr)
    dops = p["droxidopa_uM"]
    dbh_factor = (
        V_DBH
        * p["dbh"]
        * cofactor_factor(p["copper"], K_COPPER)
        * cofactor_factor(p["ascorbate"], K_ASCORBATE)
    )
    pnmt_vmax = V_PNMT * p["pnmt"] * pnmt_induction(p["cortisol"]) if site == "adrenal" else 0.0
    release = K_RELEASE_PER_MIN * p["firing"]

    def cytosolic(x: dict[str, float]) -> float:
        return x["da_c"] + x["ne_c"] + x["epi_c"]

    def th(x: dict[str, float]) -> float:
        bh4 = p["bh4"]
        return (
            V_TH * p["th"] * tyr_sat * bh4 / (bh4 + K_BH4 * (1.0 + cytosolic(x) / K_FB_uM))
            if bh4 > 0
            else 0.0
        )

    def aadc_denominator(x: dict[str, float]) -> float:
        return 1.0 + x["dopa"] / K_DOPA_uM + dops / K_DOPS_uM

    def vmat(pool: str) -> Callable[[dict[str, float]], float]:
        return lambda x: (
            V_VMAT * p["vmat2"] * (x[pool] / K_VMAT_uM) / (1.0 + cytosolic(x) / K_VMAT_uM)
        )

    def first_order(pool: str, k: float) -> Callable[[dict[str, float]], float]:
        return lambda x: k * x[pool]

    rx = [
        Reaction("TH", None, "dopa", th, p["th"] > 0 and p["bh4"] > 0),
        Reaction("L-DOPA efflux", "dopa", None, first_order("dopa", K_OUT_PER_MIN), True),
        Reaction(
            "AADC",
            "dopa",
            "da_c",
            lambda x: V_AADC * p["aadc"] * (x["dopa"] / K_DOPA_uM) / aadc_denominator(x),
            p["aadc"] > 0,
        ),
        Reaction(
            "AADC (droxidopa)",
            None,
            "ne_c",
            lambda x: V_AADC * p["aadc"] * (dops / K_DOPS_uM) / aadc_denominator(x),
            p["aadc"] > 0 and dops > 0,
        ),
        Reaction(
            "DBH",
            "da_v",
            "ne_v",
            lambda x: dbh_factor * x["da_v"] / (K_DBH_uM + x["da_v"]),
            dbh_factor > 0,
        ),
        Reaction(
            "PNMT",
            "ne_c",
            "epi_c",
            lambda x: pnmt_vmax * x["ne_c"] / (K_PNMT_uM + x["ne_c"]),
            pnmt_vmax > 0,
        ),
    ]
    for kind in ("da", "ne", "epi"):
        c, v = f"{kind}_c", f"{kind}_v"
        rx += [
            Reaction(f"VMAT2 ({kind})", c, v, vmat(c), p["vmat2"] > 0),
            Reaction(f"MAO ({kind})", c, None, first_order(c, K_MAO_PER_MIN), True),
            Reaction(f"leak ({kind})", v, c, first_order(v, K_LEAK_PER_MIN), True),
            Reaction(f"release ({kind})", v, None, first_order(v, release), True),
        ]
    return rx


@dataclass(frozen=True)
class SteadyState:
    """Pools (model uM) and reaction fluxes (model uM/min) of one cell at steady state."""

    site: str
    params: MappingProxyType[str, float]
    pools: MappingProxyType[str, float]
    fluxes: MappingProxyType[str, float]

    @property
    def dopamine(self) -> float:
        """Dopamine in the cell (cytosol + vesicles)."""
        return self.pools["da_c"] + self.pools["da_v"]

    @property
    def norepinephrine(self) -> float:
        return self.pools["ne_c"] + self.pools["ne_v"]

    @property
    def epinephrine(self) -> float:
        return self.pools["epi_c"] + self.pools["epi_v"]

    @property
    def stores(self) -> dict[str, float]:
        """Vesicle stores of dopamine, NE and epinephrine."""
        return {k: self.pools[f"{k}_v"] for k in ("da", "ne", "epi")}

    @property
    def released(self) -> dict[str, float]:
        """Release rates (exocytosis) of dopamine, NE and epinephrine."""
        return {k: self.fluxes[f"release ({k})"] for k in ("da", "ne", "epi")}

    @property
    def synthesis(self) -> float:
        """Catecholamine made per minute: dopamine from L-DOPA plus NE from droxidopa."""
        return self.fluxes["AADC"] + self.fluxes["AADC (droxidopa)"]

    def balances(self) -> dict[str, tuple[float, float]]:
        """(inflow, outflow) of every pool; equal at steady state."""
        totals = {pool: [0.0, 0.0] for pool in POOLS}
        for rxn in reactions(self.site, dict(self.params)):
            flux = self.fluxes[rxn.name]
            if rxn.target is not None:
                totals[rxn.target][0] += flux
            if rxn.source is not None:
                totals[rxn.source][1] += flux
        return {pool: (i, o) for pool, (i, o) in totals.items()}


def _rates(rx: list[Reaction], pools: dict[str, float]) -> dict[str, float]:
    return {r.name: (r.rate(pools) if r.enabled else 0.0) for r in rx}


def _reachable(rx: list[Reaction]) -> set[str]:
    """Pools that can hold material: reachable from an enabled source reaction."""
    reached: set[str] = set()
    frontier = {r.target for r in rx if r.enabled and r.source is None and r.target}
    while frontier:
        reached |= frontier
        frontier = {
            r.target
            for r in rx
            if r.enabled and r.source in reached and r.target and r.target not in reached
        }
    return reached


def _net(rx: list[Reaction], pools: dict[str, float], names: list[str]) -> tuple[np.ndarray, ...]:
    inflow = dict.fromkeys(names, 0.0)
    outflow = dict.fromkeys(names, 0.0)
    for r in rx:
        if not r.enabled:
            continue
        flux = r.rate(pools)
        if r.target in inflow:
            inflow[r.target] += flux
        if r.source in outflow:
            outflow[r.source] += flux
    return np.array([inflow[n] for n in names]), np.array([outflow[n] for n in names])


def _solve(site: str, params: dict[str, float], guess: dict[str, float]) -> dict[str, float]:
    rx = reactions(site, params)
    reachable = _reachable(rx)
    live = [pool for pool in POOLS if pool in reachable]
    pools = dict.fromkeys(POOLS, 0.0)
    if not live:
        return pools

    def residual(log_x: np.ndarray) -> np.ndarray:
        # Pools in log space stay positive; balances scaled to [-1, 1] weigh pools alike.
        pools.update(zip(live, np.exp(np.clip(log_x, -200.0, 200.0)), strict=True))
        inflow, outflow = _net(rx, pools, live)
        return (inflow - outflow) / (inflow + outflow + 1e-300)

    start = np.log([max(guess.get(pool, 0.0), 1e-6) for pool in live])
    solution = root(residual, start, method="hybr", options={"xtol": 1e-13})
    if not solution.success or np.max(np.abs(residual(solution.x))) > 1e-10:
        # Integrate towards the steady state, then polish with the root finder.
        def rhs(_t: float, x: np.ndarray) -> np.ndarray:
            pools.update(zip(live, np.maximum(x, 0.0), strict=True))
            inflow, outflow = _net(rx, pools, live)
            return inflow - outflow

        run = solve_ivp(rhs, (0.0, 1e5), np.exp(start), method="LSODA", rtol=1e-8, atol=1e-12)
        settled = np.maximum(run.y[:, -1], 1e-12)
        solution = root(residual, np.log(settled), method="hybr", options={"xtol": 1e-13})
        if not solution.success or np.max(np.abs(residual(solution.x))) > 1e-8:
            raise RuntimeError(f"no steady state found for site={site!r}, params={params}")
    pools.update(zip(live, np.exp(solution.x), strict=True))
    return pools


@lru_cache(maxsize=8)
def _normal_pools(site: str) -> MappingProxyType[str, float]:
    params = _validated({})
    guess = {
        "dopa": 0.5, "da_c": 0.02, "da_v": 5.0, "ne_c": 0.1, "ne_v": 60.0,
        "epi_c": 0.05, "epi_v": 60.0,
    }  # fmt: skip
    return MappingProxyType(_solve(site, params, guess))


def steady_state(site: str = "neuron", scenario: str = "normal", **values: float) -> SteadyState:
    """The steady state of one cell.

    ``site`` is ``"neuron"`` or ``"adrenal"``; ``scenario`` one of :data:`SCENARIOS`;
    ``values`` any of :data:`PARAMETERS` (activities and cofactors as fractions of normal,
    ``tyrosine_uM`` and ``droxidopa_uM`` in micromolar, ``metyrosine`` as concentration over
    Ki). Bad input raises ``ValueError`` naming the parameter.
    """
    check_choice("site", site, tuple(SITES))
    params = apply_scenario(scenario, **values)
    pools = _solve(site, params, dict(_normal_pools(site)))
    rx = reactions(site, params)
    return SteadyState(
        site=site,
        params=MappingProxyType(params),
        pools=MappingProxyType(pools),
        fluxes=MappingProxyType(_rates(rx, pools)),
    )


@lru_cache(maxsize=4)
def normal_state(site: str = "neuron") -> SteadyState:
    """The steady state with every parameter normal (the reference for "% of normal")."""
    return steady_state(site)


def relative_to_normal(state: SteadyState) -> dict[str, float]:
    """Headline numbers as percentages of the same cell's normal values.

    ``synthesis``: catecholamine made per minute; ``da``, ``ne``, ``epi``: vesicle stores as
    a percentage of the normal cell's total vesicle store (so the three add up to 100 in a
    normal cell).
    """
    normal = normal_state(state.site)
    total = sum(normal.stores.values())
    out = {"synthesis": 100.0 * state.synthesis / normal.synthesis}
    out |= {k: 100.0 * v / total for k, v in state.stores.items()}
    return out
