"""The reuptake sliders: drugs from the data, unavailable drugs shown as such, small payload."""

import pytest

from book.data.affinities import affinity
from book.data.references import short_citation
from book.figures.clearance import (
    DRUGS,
    affinity_note,
    drug_effect,
    reuptake_spec,
    reuptake_traces,
)
from book.widgets import explorers
from book.widgets.clearance import explore_reuptake
from book.widgets.static import static_html


def test_the_reuptake_explorer_is_found_by_the_book():
    assert explorers()["reuptake"] is explore_reuptake


def test_every_drug_preset_uses_its_net_affinity_from_the_data():
    for drug in DRUGS:
        if drug == "none":
            continue
        row = affinity(drug, "NET")
        effect = drug_effect(drug, 50.0)
        if row is None:
            assert not effect["available"] and effect["inhibition"] == 0.0
            assert "no sourced NET affinity" in affinity_note(drug)
        else:
            # half the transporters are occupied when the free drug equals its K
            assert effect["conc_nM"] == pytest.approx(row.k_nM)
            assert short_citation(row.source).split()[0] in affinity_note(drug)


def test_a_drug_without_a_net_value_is_shown_as_unavailable_not_guessed():
    missing = [d for d in DRUGS if d != "none" and affinity(d, "NET") is None]
    for drug in missing:
        text = reuptake_traces(80.0, drug=drug)[0]["text"][0]
        assert "no sourced NET affinity" in text
        assert "not simulated" in text
    if missing:
        assert DRUGS[missing[0]] in reuptake_spec().caption


def test_amphetamine_is_a_releaser_not_just_an_inhibitor():
    effect = drug_effect("amphetamine", 60.0)
    assert effect["reverse_transport"] == pytest.approx(0.6)
    text = reuptake_traces(60.0, drug="amphetamine")[0]["text"][0]
    assert "releaser" in text
    assert drug_effect("cocaine", 60.0)["reverse_transport"] == 0.0


def test_blocking_net_raises_the_plotted_peak():
    low = max(reuptake_traces(0.0)[2]["y"])
    high = max(reuptake_traces(90.0)[2]["y"])
    assert high > 1.5 * low


def test_static_figure_is_small_enough_for_the_page_budget():
    spec = reuptake_spec()
    html = static_html(spec)
    assert len(html.encode()) < 900_000  # page budget 1.5 MB, shared with the chapter
    slider = spec.parameter(spec.static.slider)
    assert 15 <= len(slider.grid(spec.static.steps)) <= 25
    for trace in spec.trace_dicts():
        assert len(trace.get("x", [])) <= 200
