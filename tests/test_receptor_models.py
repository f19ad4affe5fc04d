import numpy as np
import pytest

from book.models.receptors import competitive_occupancy, kd_nM_from_p, occupancy


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
    ],
)
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()
