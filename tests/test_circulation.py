"""The circulation model: the infusion patterns of the pharmacology texts, the baroreflex,
the calibration, the registry rows and bad input.

Each pattern test names the text it follows. The patterns are directions of change (up,
down), which is what the texts state; the model's concentration scale and sizes rest on
illustrative efficacies and gains.
"""

import math
import statistics
import time

import pytest

from book.data.affinities import affinity
from book.data.parameters import parameters, recompute
from book.models import circulation as circ
from book.models.receptors import antagonised_response, operational_mixture_response

NE_MODERATE_NM = 20.0
EPI_LOW_NM = 3.0
EPI_MID_NM = 10.0
EPI_HIGH_NM = 300.0
ISO_NM = 1.0
PHE_NM = 300.0


def _change(drug, conc_nM, **kwargs):
    """(baseline, end of infusion) outputs of a simulated infusion."""
    course = circ.simulate_infusion(drug, conc_nM, **kwargs)
    return course.baseline, course.during


# ----- rest and calibration ----------------------------------------------------------------
def test_rest_equals_the_sourced_resting_values():
    rest = circ.steady_state()
    p = circ.model_parameters()
    assert rest.hr_bpm == pytest.approx(p["hr_rest_bpm"])
    assert rest.sv_mL == pytest.approx(p["sv_rest_mL"])
    assert rest.sbp_mmHg == pytest.approx(p["sbp_rest_mmHg"])
    assert rest.dbp_mmHg == pytest.approx(p["dbp_rest_mmHg"])
    assert rest.map_mmHg == pytest.approx(rest.co_L_per_min * rest.tpr_mmHg_min_per_L)
    assert rest.sympathetic == pytest.approx(1.0) and rest.vagal == pytest.approx(1.0)


def test_rest_is_kept_whatever_the_illustrative_gains():
    rest = circ.steady_state(hr_beta1_gain=0.5, tpr_alpha1_gain=8.0, ne_tau_beta1=60.0)
    assert rest.hr_bpm == pytest.approx(70.0)
    assert rest.map_mmHg == pytest.approx(93.333, rel=1e-4)


def test_propranolol_and_atropine_calibration_reproduces_the_heart_rate_ratios():
    """Cumming & Mir 1970: at 16 years, 71/min after propranolol and 128/min after atropine,
    against 81/min control. With the reflex held at rest, full beta blockade and no vagal
    tone reproduce the two ratios (applied to the adult resting rate)."""
    p = circ.model_parameters()
    blocked = circ.steady_state(blocker="beta", baroreflex=False, beta_blocker_ratio=1e6)
    assert blocked.hr_bpm / p["hr_rest_bpm"] == pytest.approx(71 / 81, rel=1e-3)
    model = circ._Circulation("norepinephrine", p, "none", False)
    atropine = model.state(1.0, 0.0, 0.0)
    assert atropine.hr_bpm / p["hr_rest_bpm"] == pytest.approx(128 / 81, rel=1e-9)


def test_receptor_activation_is_the_operational_mixture_of_the_receptor_models():
    p = circ.model_parameters()
    model = circ._Circulation("epinephrine", p, "alpha", True)
    for receptor in circ.RECEPTORS:
        k_n, tau_n = model.ne[receptor]
        k_d, tau_d = model.drug[receptor]
        ours = model._activation(receptor, 1.3, 7.0, model.block[receptor])
        theirs = operational_mixture_response(
            [1.3 * model.c_neural_nM, 7.0], [k_n, k_d], [tau_n, tau_d], model.block[receptor]
        )
        assert ours == pytest.approx(theirs, rel=1e-12)


def test_the_mixture_formula_reduces_to_the_single_agonist_operational_model():
    single = operational_mixture_response([30.0], [100.0], [5.0], antagonist_ratio=2.0)
    assert single == pytest.approx(antagonised_response(30.0, 200.0, 100.0, 100.0, 5.0))


# ----- the infusion patterns -----------------------------------------------------------------
def test_norepinephrine_raises_both_pressures_and_resistance_and_slows_the_heart():
    """Craig & Stitzel (Modern Pharmacology, ch. 10) and the Goodman & Gilman Manual
    (Westfall & Westfall, ch. 10): NE constricts arterioles and venules, so total
    peripheral resistance rises; systolic, diastolic and mean pressure rise; the baroreceptor
    reflex slows the heart, masking NE's direct beta1 effect."""
    before, during = _change("norepinephrine", NE_MODERATE_NM)
    assert during["sbp_mmHg"] > before["sbp_mmHg"] + 5
    assert during["dbp_mmHg"] > before["dbp_mmHg"] + 5
    assert during["map_mmHg"] > before["map_mmHg"]
    assert during["tpr_mmHg_min_per_L"] > before["tpr_mmHg_min_per_L"]
    assert during["hr_bpm"] < before["hr_bpm"] - 3


def test_norepinephrine_speeds_the_heart_when_the_baroreflex_is_off():
    """Craig & Stitzel, ch. 10: the direct effect of NE on the heart is stimulatory; the
    reflex is opposite to it. With outflow held at rest, the beta1 effect shows."""
    before, during = _change("norepinephrine", NE_MODERATE_NM, baroreflex=False)
    assert during["hr_bpm"] > before["hr_bpm"] + 3
    assert during["map_mmHg"] > before["map_mmHg"]


def test_low_dose_epinephrine_speeds_the_heart_widens_the_pulse_and_lowers_resistance():
    """Craig & Stitzel, ch. 10 (Fig. 10.4): epinephrine infused in the doses used in humans
    generally raises systolic and lowers diastolic pressure, so the mean may fall, stay or
    rise slightly; rate and force rise through beta receptors and peripheral resistance falls
    (skeletal-muscle dilation). G&G Manual, ch. 10: the threshold for beta2 activation by
    epinephrine is lower than for alpha."""
    before, during = _change("epinephrine", EPI_LOW_NM)
    assert during["hr_bpm"] > before["hr_bpm"] + 5
    assert during["sbp_mmHg"] > before["sbp_mmHg"]
    assert during["dbp_mmHg"] < before["dbp_mmHg"] - 3
    assert during["tpr_mmHg_min_per_L"] < before["tpr_mmHg_min_per_L"]
    assert abs(during["map_mmHg"] - before["map_mmHg"]) < 10
    assert during["co_L_per_min"] > before["co_L_per_min"]


def test_high_dose_epinephrine_acts_like_a_vasoconstrictor():
    """G&G Manual, ch. 10: when both receptor types are activated at high concentrations of
    epinephrine, the alpha response predominates: resistance and both pressures rise."""
    before, during = _change("epinephrine", EPI_HIGH_NM)
    assert during["tpr_mmHg_min_per_L"] > before["tpr_mmHg_min_per_L"]
    assert during["sbp_mmHg"] > before["sbp_mmHg"] + 10
    assert during["dbp_mmHg"] > before["dbp_mmHg"] + 10


def test_isoprenaline_speeds_the_heart_and_lowers_diastolic_and_mean_pressure():
    """Arnold & McDevitt 1983 (isoprenaline in healthy volunteers: heart rate up 25 beats/min
    with falls in mean and diastolic pressure); Craig & Stitzel, ch. 10: isoprenaline dilates
    skeletal-muscle vessels through beta2 receptors, so resistance falls."""
    before, during = _change("isoprenaline", ISO_NM)
    assert during["hr_bpm"] > before["hr_bpm"] + 15
    assert during["dbp_mmHg"] < before["dbp_mmHg"] - 5
    assert during["map_mmHg"] < before["map_mmHg"]
    assert during["tpr_mmHg_min_per_L"] < 0.8 * before["tpr_mmHg_min_per_L"]


def test_phenylephrine_raises_pressure_and_resistance_and_slows_the_heart_reflexly():
    """Phenylephrine injection label (clinical pharmacology): systolic, diastolic and mean
    pressure and total peripheral resistance rise; vagal activity increases, giving reflex
    bradycardia."""
    before, during = _change("phenylephrine", PHE_NM)
    for key in ("sbp_mmHg", "dbp_mmHg", "map_mmHg", "tpr_mmHg_min_per_L"):
        assert during[key] > before[key]
    assert during["hr_bpm"] < before["hr_bpm"] - 5
    unreflexed = circ.steady_state("phenylephrine", PHE_NM, baroreflex=False)
    assert unreflexed.hr_bpm == pytest.approx(70.0, abs=1.0)  # the bradycardia is the reflex


def test_a_beta_blocker_makes_epinephrine_more_pressor():
    """van Herwaarden et al. 1977 and G&G Manual, ch. 10: during non-selective beta blockade
    (propranolol) epinephrine raised systolic and diastolic pressure markedly and raised
    forearm resistance, because its alpha1 action is unopposed by beta2 dilation."""
    plain_before, plain = _change("epinephrine", EPI_MID_NM)
    blocked_before, blocked = _change("epinephrine", EPI_MID_NM, blocker="beta")
    rise_plain = plain["map_mmHg"] - plain_before["map_mmHg"]
    rise_blocked = blocked["map_mmHg"] - blocked_before["map_mmHg"]
    assert rise_blocked > rise_plain + 3
    assert blocked["dbp_mmHg"] > blocked_before["dbp_mmHg"]
    assert blocked["tpr_mmHg_min_per_L"] > blocked_before["tpr_mmHg_min_per_L"]


def test_an_alpha_blocker_reverses_epinephrine():
    """Robertson & Biaggioni (Katzung, ch. 10, Fig. 10-3), G&G Manual, ch. 10 and the
    phenoxybenzamine label: after alpha blockade, epinephrine lowers blood pressure
    (epinephrine reversal), because its beta2 dilation is unopposed."""
    plain_before, plain = _change("epinephrine", EPI_MID_NM)
    blocked_before, blocked = _change("epinephrine", EPI_MID_NM, blocker="alpha")
    assert plain["map_mmHg"] > plain_before["map_mmHg"]  # pressor without the blocker
    assert blocked["map_mmHg"] < blocked_before["map_mmHg"] - 3  # depressor after it
    assert blocked["dbp_mmHg"] < blocked_before["dbp_mmHg"]
    assert blocked["hr_bpm"] > blocked_before["hr_bpm"]


def test_an_alpha_blocker_alone_lowers_pressure_and_the_reflex_speeds_the_heart():
    rest = circ.steady_state()
    blocked = circ.steady_state(blocker="alpha")
    assert blocked.map_mmHg < rest.map_mmHg
    assert blocked.hr_bpm > rest.hr_bpm
    assert blocked.tpr_mmHg_min_per_L < rest.tpr_mmHg_min_per_L


# ----- the baroreflex -----------------------------------------------------------------------
def test_the_baroreflex_buffers_a_pressor_several_fold():
    """Shannon et al. 1998: with the baroreflex interrupted (trimethaphan), the phenylephrine
    dose that raised systolic pressure by 12.5 mmHg fell from 135 to 16 micrograms (about
    8-fold). The model's steady-infusion buffering is in the same direction and several-fold."""
    with_reflex = circ.concentration_for_pressure_rise_nM("phenylephrine", 12.5)
    without = circ.concentration_for_pressure_rise_nM("phenylephrine", 12.5, baroreflex=False)
    assert 2.0 < with_reflex / without < 20.0


def test_part_of_isoprenaline_tachycardia_is_reflex():
    """Arnold & McDevitt 1983 (atropine shrank the isoprenaline tachycardia) and Shannon et al.
    1998 (a larger isoprenaline dose was needed to raise heart rate after trimethaphan)."""
    with_reflex = circ.steady_state("isoprenaline", 0.7).hr_bpm
    without = circ.steady_state("isoprenaline", 0.7, baroreflex=False).hr_bpm
    assert with_reflex > without


def test_cardiac_baroreflex_slope_is_below_the_bolus_value():
    """Shannon et al. 1998: a bolus baroreflex slope of 24 ms/mmHg (median). A steady infusion
    gives a smaller slope; the model's is positive and below that."""
    slope = circ.cardiac_baroreflex_slope_ms_per_mmHg()
    assert 3.0 < slope < 24.0


def test_norepinephrine_acts_as_a_hormone_only_well_above_resting_plasma_levels():
    """Silverberg et al. 1978: NE has haemodynamic effects as a circulating hormone above about
    1800 pg/mL (about 11 nM). At 1 nM the model's mean pressure barely moves; at 20 nM it
    rises clearly."""
    rest = circ.steady_state().map_mmHg
    assert circ.steady_state("norepinephrine", 1.0).map_mmHg - rest < 2.0
    assert circ.steady_state("norepinephrine", 20.0).map_mmHg - rest > 5.0


# ----- the time course ------------------------------------------------------------------------
def test_the_time_course_starts_at_rest_and_returns_after_washout():
    course = circ.simulate_infusion("norepinephrine", 20.0)
    assert course.plasma_nM[0] == 0.0
    assert course.time_min[-1] == pytest.approx(22.0)
    assert course.on_min == pytest.approx(2.0) and course.off_min == pytest.approx(12.0)
    assert course.baseline["map_mmHg"] == pytest.approx(93.333, rel=1e-4)
    end = course.at(22.0)
    assert abs(end["map_mmHg"] - 93.333) < 0.1 * (course.during["map_mmHg"] - 93.333)
    assert max(course.plasma_nM) == pytest.approx(20.0 * (1 - math.exp(-600 / (144 / math.log(2)))))


def test_mean_pressure_rule_gives_the_registry_resting_mean():
    p = circ.model_parameters()
    rest = circ.mean_pressure_mmHg(p["sbp_rest_mmHg"], p["dbp_rest_mmHg"])
    assert rest == pytest.approx(p["map_rest_mmHg"])
    assert circ.mean_pressure_mmHg(150.0, 90.0) == pytest.approx(110.0)


def test_washout_follows_the_plasma_half_life():
    course = circ.simulate_infusion("norepinephrine", 20.0, sample_s=1.0)
    off = int(round(course.off_min * 60))
    half_life = int(circ.model_parameters()["plasma_half_life_s"])
    later = course.plasma_nM[off + half_life] / course.plasma_nM[off]
    assert later == pytest.approx(0.5, rel=1e-3)
    assert circ.plasma_fraction_left(half_life) == pytest.approx(0.5)
    assert circ.plasma_fraction_left(3 * half_life) == pytest.approx(0.125)


def test_the_end_of_a_long_infusion_matches_the_steady_state():
    course = circ.simulate_infusion("epinephrine", 3.0, infusion_s=3000.0, washout_s=0.0)
    steady = circ.steady_state("epinephrine", 3.0)
    assert course.during["map_mmHg"] == pytest.approx(steady.map_mmHg, rel=2e-3)
    assert course.during["hr_bpm"] == pytest.approx(steady.hr_bpm, rel=2e-3)


def test_one_simulation_is_fast():
    times = []
    for _ in range(5):
        start = time.perf_counter()
        circ.simulate_infusion("epinephrine", 10.0, blocker="beta")
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.05  # about 8 ms on the development machine


# ----- registry and bad input -----------------------------------------------------------------
def test_every_model_parameter_is_a_registry_row_and_derivations_recompute():
    rows = parameters("circulation")
    assert set(circ.parameter_names()) == {p.short_name for p in rows.values()}
    functions = {"affinity_k_nM": lambda ligand, target: affinity(ligand, target).k_nM}
    for name, row in rows.items():
        if row.status == "derived":
            assert recompute(name, functions) == pytest.approx(row.value, rel=1e-9), name


def test_each_agonist_has_an_affinity_and_an_efficacy_at_each_receptor():
    names = set(circ.parameter_names())
    for drug, prefix in circ.PREFIXES.items():
        for receptor in circ.RECEPTORS:
            assert f"{prefix}_k_{receptor}_nM" in names, (drug, receptor)
            assert f"{prefix}_tau_{receptor}" in names, (drug, receptor)


def test_placeholder_affinities_say_so():
    for row in parameters("circulation").values():
        if "_k_" in row.short_name and row.status == "illustrative":
            assert "placeholder until the affinity table holds a human value" in row.location


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: circ.simulate_infusion("dopamine", 1.0), "drug"),
        (lambda: circ.simulate_infusion("epinephrine", -1.0), "conc_nM"),
        (lambda: circ.simulate_infusion("epinephrine", float("nan")), "conc_nM"),
        (lambda: circ.simulate_infusion("epinephrine", 1.0, blocker="gamma"), "blocker"),
        (lambda: circ.simulate_infusion("epinephrine", 1.0, baroreflex="yes"), "baroreflex"),
        (lambda: circ.steady_state("epinephrine", 1.0, tpr_alpha1_gain=-1.0), "tpr_alpha1_gain"),
        (lambda: circ.steady_state("epinephrine", 1.0, hr_rest_bpm=500.0), "hr_rest_bpm"),
        (lambda: circ.steady_state("epinephrine", 1.0, warp_factor=9.0), "warp_factor"),
        (lambda: circ.steady_state(ne_tau_beta1=0.1), "ne_tau_beta1"),
        (lambda: circ.steady_state(sbp_rest_mmHg=70.0, dbp_rest_mmHg=80.0), "dbp_rest_mmHg"),
        (lambda: circ.concentration_for_pressure_rise_nM("epinephrine", 0.0), "rise_mmHg"),
        (lambda: circ.mean_pressure_mmHg(80.0, 120.0), "dbp_mmHg"),
        (lambda: circ.mean_pressure_mmHg("120", 80.0), "sbp_mmHg"),
        (lambda: circ.plasma_fraction_left(-1.0), "after_s"),
    ],
)
def test_bad_input_raises_value_error_naming_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_mixture_response_rejects_bad_lists():
    with pytest.raises(ValueError, match="concs_nM"):
        operational_mixture_response([1.0, 2.0], [1.0], [1.0])
    with pytest.raises(ValueError, match="taus"):
        operational_mixture_response([1.0], [1.0], [-1.0])
