"""Numbers the chapters quote (glued from the models): pinned, so a change is noticed.

The chapters compute every number they print; these values are the ones a reader sees on
the pages today. A model change that moves one must be a decision, made here on purpose.
"""

from __future__ import annotations

import pytest

from book.data.affinities import affinity, coverage
from book.models.arousal import arousal_state, peak_ne_nM, performance
from book.models.receptors import occupancy, operational_ec50_nM, operational_emax
from book.models.synapse import linear_net_vmax_nM_per_s, simulate
from book.models.synthesis import relative_to_normal, steady_state
from book.models.treatments import MEAN_NE, arousal_preset, drug_profile
from book.models.units import nmol_per_L_to_pg_per_mL, pg_per_mL_to_nmol_per_L
from tests.chapters import code, markdown

CHAPTERS = (
    "intro",
    "production",
    "receptors",
    "signalling",
    "clearance",
    "arousal",
    "sympathetic",
    "conditions",
)


def test_arousal_numbers():
    assert round(peak_ne_nM()) == 87 and round(performance(peak_ne_nM()), 2) == 0.68
    expected = {0.0: (38, 0.63), 0.5: (117, 0.67), 1.0: (581, 0.45)}
    for stress, (ne, perf) in expected.items():
        state = arousal_state(stress)
        assert (round(state.ne_nM), round(state.performance, 2)) == (ne, perf)
    assert round(arousal_state(0.0, "guanfacine", 0.7).performance, 2) == 0.78
    assert round(arousal_state(1.0, "prazosin", 0.7).performance, 2) == 0.65


def test_clearance_numbers():
    assert round(linear_net_vmax_nM_per_s()) == 57
    base, blocked = simulate(), simulate(inhibition=0.9)
    assert round(100 * base.fraction_recaptured) == 90
    assert round(100 * blocked.fraction_recaptured) == 41
    assert (round(base.peak_nM), round(blocked.peak_nM)) == (38, 91)
    assert (round(base.decay_half_time_s, 1), round(blocked.decay_half_time_s, 1)) == (1.9, 9.4)
    assert round(pg_per_mL_to_nmol_per_L(750), 2) == 4.43
    assert round(nmol_per_L_to_pg_per_mL(3.4)) == 575


def test_production_numbers():
    normal = relative_to_normal(steady_state("adrenal"))
    assert [round(normal[k]) for k in ("da", "ne", "epi")] == [13, 27, 60]
    assert round(relative_to_normal(steady_state("neuron", "droxidopa"))["ne"]) == 150
    assert round(relative_to_normal(steady_state("neuron", "metyrosine"))["synthesis"]) == 53
    assert round(relative_to_normal(steady_state("neuron", th=0.5))["synthesis"]) == 62


def test_receptor_and_intro_numbers():
    assert round(100 * occupancy(9, 1.0)) == 90
    assert round(operational_ec50_nM(100, 3), 1) == 25.0
    assert round(100 * operational_emax(30)) == 97
    ratio = affinity("norepinephrine", "beta2").k_nM / affinity("norepinephrine", "beta1").k_nM
    assert round(ratio) == 9
    c = coverage()
    assert c["targets_with_values"] >= 10  # issue 12: values at 10 or more of 12 targets


def test_conditions_numbers():
    assert round(drug_profile("amphetamine", 50.0).effects[MEAN_NE], 2) == 4.71
    assert round(drug_profile("atomoxetine", 50.0).effects[MEAN_NE], 2) == 1.66
    assert round(100 * drug_profile("propranolol", 50.0).occupancy["beta2"]) == 89
    # issue 12: an alpha1 blocker helps little at rest, much more under stress (prazosin at 50%)
    preset, fraction = arousal_preset("prazosin", 50.0)
    rest, stress = (arousal_state(s, preset, fraction).performance for s in (0.0, 0.7))
    assert (round(arousal_state(0.0).performance, 3), round(rest, 3)) == (0.634, 0.660)
    assert (round(arousal_state(0.7).performance, 3), round(stress, 3)) == (0.629, 0.724)


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_chapter_computes_its_numbers_in_a_hidden_cell(name):
    first = code(name)[0]
    assert "from book.text import glue" in first
    assert "{glue:text}" in markdown(name)
