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

Every constant is a registry row (``book/data/parameters.csv``, rows ``synthesis.*``) with its
status and source: the Km of tyrosine hydroxylase for tyrosine (``bailey1989``), fasting plasma
tyrosine (``glaeser1979``) and the Km of AADC for droxidopa (``ohmura1978``) are sourced; the
other Kms, maximal rates, leak, release and breakdown constants are ILLUSTRATIVE (no readable
source gave them), chosen so that four cited observations come out roughly right: dopamine
several-fold higher with no DBH (``adam2024``), an adrenal cell releasing about two parts
epinephrine to one of NE (``mannelli1982``, surgical stress), metyrosine cutting synthesis by
about half (``bausch2020``) and the disulfiram scenario lowering neuronal NE by about 40%
(``schroeder2010``). Treating metyrosine as competitive with tyrosine is a modelling
assumption (it is a tyrosine analogue). Read results relative to normal, never as absolute
concentrations. :class:`SynthesisConstants` holds the constants.
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

from book.data.parameters import parameters, value
from book.models.records import registry_record
from book.models.validation import check_choice, check_number

#: Registry rows of the synthesis chapter that are observations or scenario levels, not
#: constants of the cell's reactions.
NOT_CONSTANTS = ("plasma_tyrosine_uM", "droxidopa_scenario_uM", "disulfiram_copper_fraction",
                 "low_tyrosine_fraction", "metyrosine_over_ki", "adrenal_vein_epi_fold",
                 "adrenal_vein_ne_fold", "peripheral_epi_pg_per_mL", "peripheral_ne_pg_per_mL",
                 "adrenal_epi_to_ne")  # fmt: skip
_rows = [
    p.short_name for p in parameters("synthesis").values() if p.short_name not in NOT_CONSTANTS
]
SynthesisConstants = registry_record(
    "SynthesisConstants", "synthesis", exclude=NOT_CONSTANTS,
    positive=tuple(n for n in _rows if not n.endswith("_fraction")),
    doc="The cell's constants (units in the names): every registry row ``synthesis.*`` but "
    "the observations and scenario levels, each defaulting to its registry value.",
)  # fmt: skip

DEFAULTS = SynthesisConstants()
PLASMA_TYROSINE_uM = value("synthesis.plasma_tyrosine_uM")

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
DROXIDOPA_SCENARIO_uM = value("synthesis.droxidopa_scenario_uM")  # ILLUSTRATIVE
DISULFIRAM_COPPER = value("synthesis.disulfiram_copper_fraction")  # ILLUSTRATIVE
LOW_TYROSINE_FACTOR = value("synthesis.low_tyrosine_fraction")  # ILLUSTRATIVE
METYROSINE_OVER_KI = value("synthesis.metyrosine_over_ki")  # ILLUSTRATIVE

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


def pnmt_induction(cortisol: float, k: SynthesisConstants = DEFAULTS) -> float:
    """PNMT expression relative to normal cortisol: a small floor plus cortisol induction."""
    floor = k.pnmt_without_cortisol_fraction
    return floor + (1.0 - floor) * cofactor_factor(cortisol, k.k_cortisol)


@dataclass(frozen=True)
class Reaction:
    name: str
    source: str | None  # pool consumed (None: from outside the model)
    target: str | None  # pool made (None: leaves the model)
    rate: Callable[[dict[str, float]], float]
    enabled: bool  # False when a parameter makes the rate identically zero


def reactions(
    site: str, params: dict[str, float], k: SynthesisConstants = DEFAULTS
) -> list[Reaction]:
    """The cell's reactions for validated ``params`` at ``site`` with constants ``k``."""
    p = params
    tyr = p["tyrosine_uM"]
    tyr_sat = tyr / (k.k_tyr_uM * (1.0 + p["metyrosine"]) + tyr)
    dops = p["droxidopa_uM"]
    dbh_factor = (
        k.v_dbh_uM_per_min
        * p["dbh"]
        * cofactor_factor(p["copper"], k.k_copper)
        * cofactor_factor(p["ascorbate"], k.k_ascorbate)
    )
    pnmt_vmax = (
        k.v_pnmt_uM_per_min * p["pnmt"] * pnmt_induction(p["cortisol"], k)
        if site == "adrenal"
        else 0.0
    )
    release = k.release_per_min * p["firing"]

    def cytosolic(x: dict[str, float]) -> float:
        return x["da_c"] + x["ne_c"] + x["epi_c"]

    def th(x: dict[str, float]) -> float:
        bh4 = p["bh4"]
        return (
            k.v_th_uM_per_min
            * p["th"]
            * tyr_sat
            * bh4
            / (bh4 + k.k_bh4 * (1.0 + cytosolic(x) / k.k_feedback_uM))
            if bh4 > 0
            else 0.0
        )

    def aadc_denominator(x: dict[str, float]) -> float:
        return 1.0 + x["dopa"] / k.k_dopa_uM + dops / k.k_dops_uM

    def vmat(pool: str) -> Callable[[dict[str, float]], float]:
        return lambda x: (
            k.v_vmat_uM_per_min
            * p["vmat2"]
            * (x[pool] / k.k_vmat_uM)
            / (1.0 + cytosolic(x) / k.k_vmat_uM)
        )

    def first_order(pool: str, k: float) -> Callable[[dict[str, float]], float]:
        return lambda x: k * x[pool]

    rx = [
        Reaction("TH", None, "dopa", th, p["th"] > 0 and p["bh4"] > 0),
        Reaction("L-DOPA efflux", "dopa", None, first_order("dopa", k.dopa_efflux_per_min), True),
        Reaction(
            "AADC",
            "dopa",
            "da_c",
            lambda x: (
                k.v_aadc_uM_per_min * p["aadc"] * (x["dopa"] / k.k_dopa_uM) / aadc_denominator(x)
            ),
            p["aadc"] > 0,
        ),
        Reaction(
            "AADC (droxidopa)",
            None,
            "ne_c",
            lambda x: k.v_aadc_uM_per_min * p["aadc"] * (dops / k.k_dops_uM) / aadc_denominator(x),
            p["aadc"] > 0 and dops > 0,
        ),
        Reaction(
            "DBH",
            "da_v",
            "ne_v",
            lambda x: dbh_factor * x["da_v"] / (k.k_dbh_uM + x["da_v"]),
            dbh_factor > 0,
        ),
        Reaction(
            "PNMT",
            "ne_c",
            "epi_c",
            lambda x: pnmt_vmax * x["ne_c"] / (k.k_pnmt_uM + x["ne_c"]),
            pnmt_vmax > 0,
        ),
    ]
    for kind in ("da", "ne", "epi"):
        c, v = f"{kind}_c", f"{kind}_v"
        rx += [
            Reaction(f"VMAT2 ({kind})", c, v, vmat(c), p["vmat2"] > 0),
            Reaction(f"MAO ({kind})", c, None, first_order(c, k.mao_per_min), True),
            Reaction(f"leak ({kind})", v, c, first_order(v, k.leak_per_min), True),
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
    constants: SynthesisConstants = DEFAULTS

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
        for rxn in reactions(self.site, dict(self.params), self.constants):
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


def _solve(
    site: str, params: dict[str, float], guess: dict[str, float], k: SynthesisConstants
) -> dict[str, float]:
    rx = reactions(site, params, k)
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
def _normal_pools(site: str, k: SynthesisConstants) -> MappingProxyType[str, float]:
    params = _validated({})
    guess = {
        "dopa": 0.5, "da_c": 0.02, "da_v": 5.0, "ne_c": 0.1, "ne_v": 60.0,
        "epi_c": 0.05, "epi_v": 60.0,
    }  # fmt: skip
    return MappingProxyType(_solve(site, params, guess, k))


def steady_state(
    site: str = "neuron",
    scenario: str = "normal",
    constants: SynthesisConstants = DEFAULTS,
    **values: float,
) -> SteadyState:
    """The steady state of one cell.

    ``site`` is ``"neuron"`` or ``"adrenal"``; ``scenario`` one of :data:`SCENARIOS`;
    ``values`` any of :data:`PARAMETERS` (activities and cofactors as fractions of normal,
    ``tyrosine_uM`` and ``droxidopa_uM`` in micromolar, ``metyrosine`` as concentration over
    Ki); ``constants`` the model's constants (registry defaults). Bad input raises
    ``ValueError`` naming the parameter.
    """
    check_choice("site", site, tuple(SITES))
    params = apply_scenario(scenario, **values)
    if not isinstance(constants, SynthesisConstants):
        raise ValueError(f"constants must be SynthesisConstants; got {constants!r}")
    pools = _solve(site, params, dict(_normal_pools(site, constants)), constants)
    rx = reactions(site, params, constants)
    return SteadyState(
        site=site,
        params=MappingProxyType(params),
        pools=MappingProxyType(pools),
        fluxes=MappingProxyType(_rates(rx, pools)),
        constants=constants,
    )


@lru_cache(maxsize=8)
def normal_state(site: str = "neuron", constants: SynthesisConstants = DEFAULTS) -> SteadyState:
    """The steady state with every parameter normal (the reference for "% of normal")."""
    return steady_state(site, constants=constants)


def relative_to_normal(state: SteadyState) -> dict[str, float]:
    """Headline numbers as percentages of the same cell's normal values.

    ``synthesis``: catecholamine made per minute; ``da``, ``ne``, ``epi``: vesicle stores as
    a percentage of the normal cell's total vesicle store (so the three add up to 100 in a
    normal cell).
    """
    normal = normal_state(state.site, state.constants)
    total = sum(normal.stores.values())
    out = {"synthesis": 100.0 * state.synthesis / normal.synthesis}
    out |= {k: 100.0 * v / total for k, v in state.stores.items()}
    return out
