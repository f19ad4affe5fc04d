"""The arousal model: an inverted U derived from receptor occupancy, drugs that move it."""

import math
from dataclasses import replace

import numpy as np
import pytest

from book.data.affinities import affinity
from book.data.parameters import parameter
from book.models.arousal import (
    CURVE_NE_NM,
    DEFAULTS,
    DRUGS,
    ArousalParameters,
    DrugState,
    arousal_state,
    drug_state,
    lc_mode,
    peak_ne_nM,
    performance,
    phasic_gain,
    receptor_activation,
    steady_state_ne_nM,
    stress_fold,
)
from book.models.synapse import simulate


def test_the_curve_peaks_at_an_intermediate_level_and_falls_toward_both_ends():
    values = performance(CURVE_NE_NM)
    i = int(np.argmax(values))
    assert 0 < i < len(values) - 1
    peak = peak_ne_nM()
    # the peak lies between the high-affinity alpha-2A and the low-affinity alpha-1 constant
    assert DEFAULTS.k_alpha2a_nM < peak < DEFAULTS.k_alpha1_nM
    assert np.all(np.diff(values[: i + 1]) >= -1e-12)  # rises up to the peak
    assert np.all(np.diff(values[i:]) <= 1e-12)  # falls after it
    top = performance(peak)
    assert performance(1.0) < top - 0.3
    assert performance(1e4) < top - 0.5


def test_the_curve_is_not_a_parabola_but_follows_the_receptor_constants():
    # moving alpha-1 to lower affinity moves the peak to higher NE
    assert peak_ne_nM(params=replace(DEFAULTS, k_alpha1_nM=3000.0)) > 2 * peak_ne_nM()
    assert peak_ne_nM(params=replace(DEFAULTS, k_alpha2a_nM=3.0)) < peak_ne_nM()


def test_defaults_respect_the_cited_order_and_beta1_comes_from_the_data():
    row = affinity("norepinephrine", "beta1")
    assert DEFAULTS.k_beta1_nM == pytest.approx(row.k_nM) == pytest.approx(1995.26, rel=1e-3)
    assert DEFAULTS.k_alpha2a_nM * 5 <= DEFAULTS.k_alpha1_nM
    assert DEFAULTS.k_alpha2a_nM * 5 <= DEFAULTS.k_beta1_nM
    assert DEFAULTS.in_cited_order
    assert not replace(DEFAULTS, k_alpha2a_nM=5000.0).in_cited_order


def test_unsourced_constants_are_marked_illustrative_in_the_registry():
    for name in ("receptors.ne_k_alpha2a_nM", "receptors.ne_k_alpha1_nM", "arousal.gain_alpha2a"):
        assert parameter(name).illustrative
    assert parameter("receptors.ne_k_beta1_nM").status == "derived"


def test_the_autoreceptor_moves_with_the_alpha2a_constant():
    # one constant for NE at alpha-2A: the post-synaptic receptors and the autoreceptor
    tighter = replace(DEFAULTS, k_alpha2a_nM=3.0)
    assert tighter.synapse().autoreceptor_k_nM == 3.0
    assert steady_state_ne_nM(params=tighter) < steady_state_ne_nM()


def test_alpha1_blockade_lifts_performance_at_high_ne_and_not_at_low():
    prazosin = drug_state("prazosin", 0.8)
    assert performance(1000.0, prazosin) > performance(1000.0) + 0.1
    assert performance(1.0, prazosin) == pytest.approx(performance(1.0), abs=0.01)


def test_alpha2a_agonism_lifts_performance_at_low_ne():
    guanfacine = drug_state("guanfacine", 0.7)
    assert performance(5.0, guanfacine) > performance(5.0) + 0.2
    # and matters little where NE already fills alpha-2A
    gain_high = performance(3000.0, guanfacine) - performance(3000.0)
    assert gain_high < 0.05


def test_alpha2_blockade_lowers_performance_at_moderate_ne():
    assert performance(40.0, drug_state("yohimbine", 0.7)) < performance(40.0) - 0.1


def test_gaddum_competition_keeps_occupancy_below_one_and_shares_it():
    act = receptor_activation(100.0, DrugState(alpha1_antagonist_odds=3.0))
    assert act["alpha1"] == pytest.approx((100 / 300) / (1 + 100 / 300 + 3.0))
    assert act["alpha1_occupied"] == pytest.approx((100 / 300 + 3) / (1 + 100 / 300 + 3.0))
    assert act["alpha1_by_ne"] == act["alpha1"]  # no alpha-1 agonist but NE
    # a receptor drug dosed as "fraction occupied with no NE" occupies exactly that at NE = 0
    alone = receptor_activation(0.0, drug_state("prazosin", 0.6))
    assert alone["alpha1_occupied"] == pytest.approx(0.6)


def test_steady_state_equals_the_synapse_model_plateau_with_drugs_and_stress():
    for drug, fraction, stress in (("none", 0.0, 0.0), ("net_inhibitor", 0.8, 0.0),
                                   ("guanfacine", 0.6, 0.5), ("releaser", 0.5, 0.3)):  # fmt: skip
        d = drug_state(drug, fraction)
        k = d.conditions()
        run = simulate(rate_Hz=2.0 * stress_fold(stress), firing_s=300.0, duration_s=300.0,
                       n_points=11, inhibition=k.net_blocked,
                       reverse_transport=k.reverse_transport,
                       alpha2_agonist_odds=k.alpha2_agonist_odds)  # fmt: skip
        shortcut = steady_state_ne_nM(2.0, stress, d)
        assert shortcut == pytest.approx(run.cleft_nM[-1], rel=1e-4)


def test_stress_and_net_blockers_raise_ne_guanfacine_lowers_it_yohimbine_raises_it():
    calm = steady_state_ne_nM()
    assert steady_state_ne_nM(stress=1.0) > 5 * calm
    assert stress_fold(0.0) == 1.0 and stress_fold(1.0) == pytest.approx(10.0)
    assert steady_state_ne_nM(drugs=drug_state("net_inhibitor", 0.7)) > 1.5 * calm
    assert steady_state_ne_nM(drugs=drug_state("releaser", 0.7)) > steady_state_ne_nM(
        drugs=drug_state("net_inhibitor", 0.7)
    )
    assert steady_state_ne_nM(drugs=drug_state("guanfacine", 0.7)) < calm
    assert steady_state_ne_nM(drugs=drug_state("yohimbine", 0.7)) > calm
    # receptor blockers without a presynaptic target leave NE where it was
    assert steady_state_ne_nM(drugs=drug_state("prazosin", 0.7)) == pytest.approx(calm)
    assert steady_state_ne_nM(rate_Hz=0.0) == 0.0


def test_calm_waking_sits_below_the_peak_and_high_stress_beyond_it():
    assert arousal_state(0.0).ne_nM < peak_ne_nM() < arousal_state(1.0).ne_nM
    assert arousal_state(1.0).performance < arousal_state(0.3).performance


@pytest.mark.parametrize("drug", DRUGS)
def test_every_output_is_finite_and_bounded_over_all_ranges(drug):
    for stress in np.linspace(0, 1, 6):
        for fraction in (0.0, 0.5, 0.99):
            for rate in (0.0, 0.5, 5.0):
                for k2, k1 in ((1.0, 10.0), (1000.0, 10.0), (1.0, 10000.0), (1000.0, 10000.0)):
                    params = ArousalParameters(k_alpha2a_nM=k2, k_alpha1_nM=k1)
                    s = arousal_state(stress, drug, fraction, rate, params)
                    assert math.isfinite(s.ne_nM) and s.ne_nM >= 0
                    assert 0.0 <= s.performance <= 1.0
                    assert all(0.0 <= v <= 1.0 for v in s.activation.values())


def test_adaptive_gain_peaks_at_intermediate_tonic_rates():
    rates = np.logspace(-2, 1.5, 200)
    gain = phasic_gain(rates)
    i = int(np.argmax(gain))
    assert gain[i] == pytest.approx(1.0, abs=1e-3)
    assert 0.5 < rates[i] < 3.0  # inside the waking range of the notes
    assert phasic_gain(0.05) < 0.2 and phasic_gain(10.0) < 0.2
    assert lc_mode(0.05) == "drowsy"
    assert lc_mode(1.0) == "phasic (engaged)"
    assert lc_mode(8.0) == "tonic (exploring)"


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: performance(-1.0), "ne_nM"),
        (lambda: performance(float("nan")), "ne_nM"),
        (lambda: ArousalParameters(k_alpha2a_nM=0.0), "k_alpha2a_nM"),
        (lambda: ArousalParameters(k_alpha1_nM=-5), "k_alpha1_nM"),
        (lambda: ArousalParameters(gain_alpha1=0.9), "gain_alpha1"),
        (lambda: drug_state("caffeine", 0.5), "drug"),
        (lambda: drug_state("prazosin", 1.0), "fraction"),
        (lambda: stress_fold(1.5), "stress"),
        (lambda: steady_state_ne_nM(rate_Hz=-1), "rate_Hz"),
        (lambda: arousal_state(stress="high"), "stress"),
        (lambda: phasic_gain(-0.1), "tonic_Hz"),
        (lambda: lc_mode(float("inf")), "tonic_Hz"),
    ],
)
def test_bad_input_raises_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()
