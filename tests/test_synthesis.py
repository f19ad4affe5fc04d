"""The synthesis model: known results a reader relies on, mass balance, and bad input."""

import math
from dataclasses import fields

import pytest

from book.data.parameters import parameter
from book.models.synthesis import (
    DEFAULTS,
    PARAMETERS,
    SCENARIOS,
    PLASMA_TYROSINE_uM,
    SynthesisConstants,
    apply_scenario,
    normal_state,
    relative_to_normal,
    steady_state,
)

SITES = ("neuron", "adrenal")


@pytest.mark.parametrize("site", SITES)
def test_without_dbh_ne_and_epinephrine_vanish_and_dopamine_rises(site):
    normal = normal_state(site)
    deficient = steady_state(site, dbh=0.0)
    assert deficient.norepinephrine == 0.0
    assert deficient.epinephrine == 0.0
    assert deficient.dopamine > 5 * normal.dopamine  # plasma dopamine 5-10x in patients
    assert steady_state(site, "dbh_deficiency").dopamine == pytest.approx(deficient.dopamine)


@pytest.mark.parametrize("cofactor", ["copper", "ascorbate"])
def test_dbh_needs_its_cofactors(cofactor):
    assert steady_state("neuron", **{cofactor: 0.0}).norepinephrine == 0.0
    lower = steady_state("neuron", **{cofactor: 0.5}).norepinephrine
    assert 0 < lower < normal_state("neuron").norepinephrine


def test_droxidopa_restores_ne_with_dbh_at_zero():
    untreated = steady_state("neuron", "dbh_deficiency")
    treated = steady_state("neuron", "droxidopa", dbh=0.0)
    assert untreated.norepinephrine == 0.0
    assert treated.norepinephrine > 0.5 * normal_state("neuron").norepinephrine
    assert treated.fluxes["DBH"] == 0.0
    assert treated.fluxes["AADC (droxidopa)"] > 0  # made by AADC, bypassing DBH
    # ... and needs AADC to do it.
    assert steady_state("neuron", "droxidopa", dbh=0.0, aadc=0.0).norepinephrine == 0.0


def test_droxidopa_conversion_is_far_below_saturation():
    # Km 2.1 mM: doubling a micromolar dose nearly doubles the NE it makes.
    low = steady_state("neuron", dbh=0.0, droxidopa_uM=10.0).fluxes["AADC (droxidopa)"]
    high = steady_state("neuron", dbh=0.0, droxidopa_uM=20.0).fluxes["AADC (droxidopa)"]
    assert high / low == pytest.approx(2.0, rel=0.02)
    assert DEFAULTS.k_dops_uM == 2100.0


@pytest.mark.parametrize("site", SITES)
def test_th_activity_scales_the_flux(site):
    fluxes = [steady_state(site, th=a).fluxes["TH"] for a in (0.0, 0.25, 0.5, 1.0, 1.5, 2.0)]
    assert fluxes[0] == 0.0
    assert all(b > a for a, b in zip(fluxes, fluxes[1:], strict=False))
    # End-product feedback: halving TH lowers synthesis by less than half.
    half = relative_to_normal(steady_state(site, th=0.5))["synthesis"]
    assert 50.0 < half < 100.0


def test_metyrosine_cuts_synthesis_within_the_clinical_range():
    cut = 100.0 - relative_to_normal(steady_state("neuron", "metyrosine"))["synthesis"]
    assert 35.0 <= cut <= 80.0  # 35-80% in patients (Demser label)


def test_low_tyrosine_lowers_synthesis_because_th_is_not_saturated():
    assert DEFAULTS.k_tyr_uM == 40.0 and PLASMA_TYROSINE_uM == 69.0
    assert relative_to_normal(steady_state("neuron", "low_tyrosine"))["synthesis"] < 90.0


def test_without_cortisol_pnmt_makes_little_epinephrine():
    normal = normal_state("adrenal")
    no_cortisol = steady_state("adrenal", cortisol=0.0)
    assert no_cortisol.epinephrine < 0.15 * normal.epinephrine
    assert no_cortisol.norepinephrine > normal.norepinephrine
    assert steady_state("adrenal", cortisol=2.0).epinephrine > normal.epinephrine


def test_neurons_make_no_epinephrine_and_adrenal_cells_mostly_epinephrine():
    assert normal_state("neuron").epinephrine == 0.0
    stores = normal_state("adrenal").stores
    assert stores["epi"] / stores["ne"] == pytest.approx(2.2, rel=0.1)


def test_normal_stores_are_percentages_of_the_normal_total():
    for site in SITES:
        shares = relative_to_normal(normal_state(site))
        assert shares["da"] + shares["ne"] + shares["epi"] == pytest.approx(100.0)
        assert shares["synthesis"] == pytest.approx(100.0)


SETTINGS = [
    {},
    {"dbh": 0.0},
    {"th": 0.0, "droxidopa_uM": 50.0},
    {"vmat2": 0.0},
    {"aadc": 0.0},
    {"bh4": 0.1, "firing": 5.0},
    {"firing": 0.1, "tyrosine_uM": 250.0, "pnmt": 2.0, "cortisol": 2.0},
    {"dbh": 2.0, "copper": 2.0, "ascorbate": 2.0, "droxidopa_uM": 200.0},
]


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("scenario", list(SCENARIOS))
@pytest.mark.parametrize("settings", SETTINGS)
def test_every_pool_balances_at_steady_state(site, scenario, settings):
    state = steady_state(site, scenario, **settings)
    for pool, (inflow, outflow) in state.balances().items():
        assert inflow == pytest.approx(outflow, rel=1e-9, abs=1e-12), pool
        assert state.pools[pool] >= 0.0
    # Whole cell: what comes in (TH, droxidopa) leaves (L-DOPA efflux, MAO, release).
    fluxes = state.fluxes
    made = fluxes["TH"] + fluxes["AADC (droxidopa)"]
    lost = fluxes["L-DOPA efflux"] + sum(
        fluxes[f"{kind} ({x})"] for kind in ("MAO", "release") for x in ("da", "ne", "epi")
    )
    assert made == pytest.approx(lost, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"dbh": -0.1}, "dbh"),
        ({"th": 2.5}, "th"),
        ({"copper": float("nan")}, "copper"),
        ({"cortisol": math.inf}, "cortisol"),
        ({"tyrosine_uM": 0.0}, "tyrosine_uM"),
        ({"droxidopa_uM": -1.0}, "droxidopa_uM"),
        ({"vmat2": "1"}, "vmat2"),
        ({"aadc": True}, "aadc"),
        ({"scenario": "scurvy"}, "scenario"),
        ({"site": "liver"}, "site"),
        ({"tyrosinase": 1.0}, "tyrosinase"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, name):
    with pytest.raises(ValueError, match=name):
        steady_state(**kwargs)


def test_every_parameter_has_a_range_around_its_normal_value():
    for name, (low, high, normal) in PARAMETERS.items():
        assert low <= normal <= high, name
        with pytest.raises(ValueError, match=name):
            apply_scenario("normal", **{name: high * 2 + 1})


def test_only_three_constants_are_sourced_and_the_rest_are_marked():
    sourced = {f.name for f in fields(SynthesisConstants)
               if parameter(f"synthesis.{f.name}").status == "sourced"}  # fmt: skip
    assert sourced == {"k_tyr_uM", "k_dops_uM"}
    assert parameter("synthesis.plasma_tyrosine_uM").status == "sourced"


def test_a_constant_can_be_moved_without_touching_the_defaults():
    slower_dbh = SynthesisConstants(v_dbh_uM_per_min=DEFAULTS.v_dbh_uM_per_min / 10)
    assert steady_state("neuron", constants=slower_dbh).norepinephrine < (
        normal_state("neuron").norepinephrine
    )
    with pytest.raises(ValueError, match="k_tyr_uM"):
        SynthesisConstants(k_tyr_uM=0.0)


def test_disulfiram_scenario_lowers_neuronal_ne_by_about_forty_percent():
    ratio = (
        steady_state("neuron", "disulfiram").norepinephrine / normal_state("neuron").norepinephrine
    )
    assert 0.55 < ratio < 0.65  # about 40% lower, as in rat brain (schroeder2010)
