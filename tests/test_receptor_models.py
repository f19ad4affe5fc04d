import numpy as np
import pytest

from book.models.receptors import (
    antagonised_response,
    competitive_occupancy,
    kd_nM_from_p,
    occupancy,
    operational_ec50_nM,
    operational_emax,
    operational_response,
    schild_dose_ratio,
    schild_log_dr_minus_1,
)


def test_occupancy_is_half_at_the_kd():
    for kd in (0.3, 12.0, 4500.0):
        assert occupancy(kd, kd) == pytest.approx(0.5)


def test_occupancy_follows_mass_action_and_rises_monotonically():
    conc = np.logspace(-2, 6, 200)
    occ = occupancy(conc, 10.0)
    assert np.all(np.diff(occ) > 0)
    assert occupancy(90.0, 10.0) == pytest.approx(0.9)  # c = 9 K -> 90 %
    assert occupancy(0.0, 10.0) == 0.0
    assert occupancy(1e9, 1e-3) == pytest.approx(1.0)


def test_hill_coefficient_steepens_the_curve_but_keeps_the_midpoint():
    assert occupancy(10.0, 10.0, hill=2.0) == pytest.approx(0.5)
    assert occupancy(30.0, 10.0, hill=2.0) > occupancy(30.0, 10.0, hill=1.0)


def test_p_value_conversion():
    assert kd_nM_from_p(9.0) == pytest.approx(1.0)
    assert kd_nM_from_p(6.0) == pytest.approx(1000.0)


def test_competing_ligands_share_the_receptors_by_gaddum():
    a, b = competitive_occupancy([10.0, 10.0], [10.0, 10.0])
    assert a == pytest.approx(1 / 3) and b == pytest.approx(1 / 3)
    alone = competitive_occupancy([10.0], [10.0])[0]
    assert alone == pytest.approx(occupancy(10.0, 10.0))
    shares = competitive_occupancy([5.0, 50.0, 500.0], [1.0, 100.0, 20.0])
    assert shares.sum() < 1.0
    assert shares.sum() == pytest.approx(1 - 1 / (1 + 5 + 0.5 + 25))


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: occupancy(-1.0, 10.0), "conc_nM"),
        (lambda: occupancy(1.0, 0.0), "kd_nM"),
        (lambda: occupancy(1.0, float("nan")), "kd_nM"),
        (lambda: occupancy(1.0, 1.0, hill=0), "hill"),
        (lambda: competitive_occupancy([1.0], [1.0, 2.0]), "same length"),
        (lambda: kd_nM_from_p(20), "p_value"),
        (lambda: operational_response(-1.0, 10.0, 1.0), "conc_nM"),
        (lambda: operational_response(1.0, 0.0, 1.0), "ka_nM"),
        (lambda: operational_response(1.0, 10.0, -0.5), "tau"),
        (lambda: operational_response(1.0, 10.0, 1.0, emax=0), "emax"),
        (lambda: operational_ec50_nM(10.0, 0.0), "tau"),
        (lambda: schild_dose_ratio(-1.0, 10.0), "antagonist_nM"),
        (lambda: schild_dose_ratio(1.0, 0.0), "kb_nM"),
        (lambda: schild_dose_ratio(float("inf"), 1.0), "antagonist_nM"),
        (lambda: schild_log_dr_minus_1(0.0, 1.0), "antagonist_nM"),
        (lambda: antagonised_response(1.0, -2.0, 10.0, 1.0, 1.0), "antagonist_nM"),
        (lambda: antagonised_response(1.0, 2.0, 10.0, 1.0, "high"), "tau"),
    ],
)
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_competing_ligand_occupancies_add_up_to_the_total_bound():
    concs, kds = [30.0, 2.0, 400.0], [10.0, 1.0, 1000.0]
    shares = competitive_occupancy(concs, kds)
    total = sum(c / k for c, k in zip(concs, kds, strict=True))
    assert shares.sum() == pytest.approx(total / (1 + total))
    # Each share is its own ratio's part of the total, and a ligand alone binds more.
    for share, c, k in zip(shares, concs, kds, strict=True):
        assert share == pytest.approx((c / k) / (1 + total))
        assert share < occupancy(c, k)


def test_schild_dose_ratio_is_one_plus_b_over_kb():
    assert schild_dose_ratio(0.0, 5.0) == 1.0
    assert schild_dose_ratio(5.0, 5.0) == pytest.approx(2.0)
    assert schild_dose_ratio(30.0, 3.0) == pytest.approx(11.0)
    b = np.array([0.1, 1.0, 10.0, 1000.0])
    assert schild_dose_ratio(b, 2.0) == pytest.approx(1 + b / 2.0)


def test_schild_plot_is_a_line_of_slope_one_crossing_zero_at_kb():
    b = np.logspace(-1, 4, 11)
    y = schild_log_dr_minus_1(b, 7.0)
    slope = np.polyfit(np.log10(b), y, 1)[0]
    assert slope == pytest.approx(1.0)
    assert schild_log_dr_minus_1(7.0, 7.0) == pytest.approx(0.0)


@pytest.mark.parametrize("tau", [0.3, 3.0, 30.0])
@pytest.mark.parametrize("hill", [1.0, 1.5])
def test_competitive_antagonist_shifts_the_curve_by_the_dose_ratio(tau, hill):
    ka, kb, b = 2000.0, 10.0, 300.0
    ec50 = operational_ec50_nM(ka, tau, hill)
    # Half the agonist's own maximum at its EC50 ...
    half = operational_emax(tau, hill=hill) / 2
    assert operational_response(ec50, ka, tau, hill=hill) == pytest.approx(half)
    # ... and, with the antagonist, at EC50 x (1 + [B]/K_B), with the same maximum.
    shifted = ec50 * schild_dose_ratio(b, kb)
    assert antagonised_response(shifted, b, ka, kb, tau, hill=hill) == pytest.approx(half)
    top = antagonised_response(1e9, b, ka, kb, tau, hill=hill)
    assert top == pytest.approx(operational_emax(tau, hill=hill), rel=1e-3)
    assert antagonised_response(ec50, 0.0, ka, kb, tau, hill=hill) == pytest.approx(half)


def test_operational_model_limits():
    conc = np.logspace(-2, 8, 60)
    # A full agonist with very high efficacy reaches the system maximum ...
    assert operational_response(1e9, 100.0, 1e4, emax=80.0) == pytest.approx(80.0, rel=1e-3)
    assert operational_emax(1e4) == pytest.approx(1.0, rel=1e-3)
    # ... at concentrations far below its dissociation constant (receptor reserve).
    assert operational_ec50_nM(100.0, 99.0) == pytest.approx(1.0)
    # Efficacy zero: no response however many receptors are occupied.
    assert np.all(operational_response(conc, 100.0, 0.0) == 0.0)
    # Low efficacy: a partial agonist whose maximum is tau / (1 + tau).
    assert operational_response(1e9, 100.0, 1.0) == pytest.approx(0.5, rel=1e-3)
    # The response rises monotonically and stays below the system maximum.
    response = operational_response(conc, 100.0, 3.0)
    assert np.all(np.diff(response) >= 0)
    assert np.all(response <= 1.0)


def test_operational_ec50_with_tau_one_is_half_the_ka():
    assert operational_ec50_nM(2000.0, 1.0) == pytest.approx(1000.0)
    assert operational_ec50_nM(2000.0, 9.0) == pytest.approx(200.0)
