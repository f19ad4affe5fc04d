"""The signalling model: known results of receptor regulation and the operational model."""

import math
import time

import numpy as np
import pytest

from book.data.parameters import parameters, recompute, value
from book.models import signalling as sig
from book.models.receptors import antagonised_response, operational_ec50_nM, operational_emax

DERIVATIONS = {
    "sorting_rate_for_downregulation_per_h": sig.sorting_rate_for_downregulation_per_h,
    "tone_occupancy_for_upregulation": sig.tone_occupancy_for_upregulation,
}


def test_every_parameter_is_a_registry_row_and_derived_rows_recompute():
    rows = parameters("signalling")
    assert rows, "no signalling.* rows in parameters.csv"
    for name, row in rows.items():
        if row.status == "derived":
            assert math.isclose(recompute(name, DERIVATIONS), row.value, rel_tol=1e-9), name
    sourced = {n for n, r in rows.items() if r.status == "sourced"}
    assert "signalling.desensitisation_half_time_s" in sourced
    assert "signalling.internalisation_rate_per_min" in sourced


def test_the_model_reproduces_its_sourced_down_regulation():
    """Saturating agonist: the total falls to the sourced 50% with a half-time near 2.5 h."""
    t = np.linspace(0.001, 48.0, 2000)
    course = sig.scenario_course("tolerance", 48.0, t, window_h=49.0, exposure_agonist_nM=1e7)
    assert course.total[-1] == pytest.approx(0.5, abs=0.01)
    assert sig.half_time_h(t, course.total) == pytest.approx(2.5, rel=0.15)


def test_response_fades_under_sustained_agonist_and_recovers_after_washout():
    course = sig.scenario_course("tolerance", 24.0)
    during = course.t_h < 24.0
    response = course.response[during]
    assert response[0] > 0.85  # the first seconds: nearly full response
    assert response[-1] < 0.5 * response[0]  # it fades while the agonist is still there
    assert response.max() <= response[0]  # recycling slows the fade but never reverses it
    # Responsiveness to a test dose is lost during exposure and regained after washout.
    assert course.test_response[during][-1] < 0.2 * course.baseline_test_response
    assert course.test_response[-1] == pytest.approx(course.baseline_test_response, rel=0.02)


def test_short_exposures_recover_fast_long_ones_slowly():
    """Desensitisation reverses in minutes; down-regulation needs new receptors (hours)."""

    def recovery_h(exposure):
        c = sig.scenario_course("tolerance", exposure)
        after = c.t_h >= exposure
        back = np.nonzero(after & (c.test_response >= 0.9 * c.baseline_test_response))[0]
        return c.t_h[back[0]] - exposure

    assert recovery_h(0.1) < 1.0
    assert recovery_h(24.0) > 5.0


def test_with_receptor_reserve_the_ec50_lies_left_of_the_kd():
    ka, tau = value("signalling.agonist_k_nM"), value("signalling.tau")
    conc = np.geomspace(ka * 1e-4, ka * 1e3, 2001)
    curve = sig.concentration_response(conc, 1.0, ka, tau)
    ec50 = np.interp(0.5 * curve[-1], curve, conc)
    assert ec50 < ka / 5
    assert ec50 == pytest.approx(operational_ec50_nM(ka, tau), rel=0.01)


def test_irreversible_antagonist_first_shifts_the_curve_then_lowers_its_maximum():
    """Furchgott: with a reserve, removing receptors moves the curve right at first with
    little loss of maximum; only when the reserve is used up does the maximum fall."""
    ka, tau = 100.0, 10.0
    full_max, full_ec50 = operational_emax(tau), operational_ec50_nM(ka, tau)
    half_max, half_ec50 = operational_emax(tau * 0.5), operational_ec50_nM(ka, tau * 0.5)
    assert half_ec50 > 1.5 * full_ec50
    assert half_max > 0.9 * full_max
    assert operational_emax(tau * 0.02) < 0.25 * full_max
    # The same in the ODE model: the longer the exposure, the fewer receptors are left.
    left = [sig.scenario_course("irreversible", t).at_stop[0] for t in (0.1, 0.3, 1.0, 5.0)]
    assert all(a > b for a, b in zip(left, left[1:], strict=False))
    maxima = [float(sig.concentration_response(1e7, r, ka, tau)) for r in left]
    assert maxima[0] > 0.9 * full_max and maxima[-1] < 0.5 * full_max
    # ...and new receptors restore the response after washout.
    late = sig.scenario_course("irreversible", 5.0)
    assert late.available[-1] == pytest.approx(1.0, abs=0.01)


def test_stopping_a_long_used_blocker_leaves_the_response_above_baseline_for_a_while():
    course = sig.scenario_course("blocker", 48.0)
    after = course.t_h >= 48.0
    base = course.baseline_response
    assert course.total[after][0] > 1.3 * course.before.sum()  # up-regulated
    six_hours_later = np.interp(54.0, course.t_h, course.response)
    assert six_hours_later > 1.05 * base
    assert course.response[-1] == pytest.approx(base, rel=0.01)  # and back in the end
    # A short block barely up-regulates, so its rebound has faded within the hour.
    short = sig.scenario_course("blocker", 0.1)
    assert np.interp(1.1, short.t_h, short.response) < 1.02 * base


def test_a_full_block_reproduces_the_sourced_up_regulation():
    rates = sig.rates_per_h()
    tone = value("signalling.tone_occupancy_fraction")
    fold = sig.steady_state(0.0, rates).sum() / sig.steady_state(tone, rates).sum()
    assert fold == pytest.approx(value("signalling.upregulation_fold"), rel=1e-6)


def test_response_matches_the_operational_model_of_the_receptors_chapter():
    ka, kb, tau = 100.0, 10.0, 10.0
    for agonist, blocker, avail in [(50.0, 0.0, 1.0), (300.0, 30.0, 0.4), (5.0, 1000.0, 1.3)]:
        p = sig.agonist_occupancy(agonist, blocker, ka, kb)
        expected = antagonised_response(agonist, blocker, ka, kb, tau * avail)
        assert sig.response_fraction(p, avail, tau) == pytest.approx(expected, rel=1e-12)


def test_states_stay_non_negative_and_the_drug_free_cell_stays_at_rest():
    rates = sig.rates_per_h()
    t = np.geomspace(0.01, 100, 50)
    states = sig.simulate([sig.Phase(100.0)], t, [1.0, 0.0, 0.0], rates)
    assert np.allclose(states, [[1.0], [0.0], [0.0]], atol=1e-6)
    for scenario in sig.SCENARIOS:
        course = sig.scenario_course(scenario, 24.0)
        assert np.all(course.available >= 0) and np.all(course.total <= 1.0 + 1e-6)


def test_one_simulation_is_fast_enough_for_the_explorer():
    sig.scenario_course("blocker", 24.0)
    start = time.perf_counter()
    for _ in range(10):
        sig.scenario_course("blocker", 24.0)
    assert (time.perf_counter() - start) / 10 < 0.02


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"scenario": "nap"}, "scenario"),
        ({"scenario": "tolerance", "exposure_h": -1}, "exposure_h"),
        ({"scenario": "tolerance", "tau": -2}, "tau"),
        ({"scenario": "tolerance", "agonist_k_nM": 0}, "agonist_k_nM"),
        ({"scenario": "blocker", "blocker_nM": math.nan}, "blocker_nM"),
        (
            {"scenario": "tolerance", "desensitisation_half_time_s": 0},
            "desensitisation_half_time_s",
        ),
        ({"scenario": "tolerance", "sorting_rate_per_h": -0.1}, "sorting_rate_per_h"),
        ({"scenario": "tolerance", "window_h": 10.0}, "window_h"),
        ({"scenario": "tolerance", "test_conc_nM": "a lot"}, "test_conc_nM"),
    ],
)
def test_bad_input_raises_value_error_naming_the_parameter(kwargs, name):
    with pytest.raises(ValueError, match=name):
        sig.scenario_course(**kwargs)


def test_bad_derivation_inputs_name_the_parameter():
    with pytest.raises(ValueError, match="upregulation_fold"):
        sig.tone_occupancy_for_upregulation(5.0)
    with pytest.raises(ValueError, match="downregulated_fraction"):
        sig.sorting_rate_for_downregulation_per_h(0.1, 1.5, 70, 18, 0.2, 11)
    with pytest.raises(ValueError, match="agonist_occupancy"):
        sig.rate_matrix(1.5, sig.rates_per_h())
