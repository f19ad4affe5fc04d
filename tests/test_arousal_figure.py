"""The arousal explorers: found by the book, small enough, honest about illustrative values."""

import pytest

from book.figures.arousal import (
    adaptive_gain_spec,
    adaptive_gain_traces,
    arousal_spec,
    arousal_traces,
)
from book.models import arousal
from book.widgets import explorers
from book.widgets.arousal import explore_adaptive_gain, explore_arousal
from book.widgets.static import static_html
from book.widgets.tables import show_parameters


def test_the_explorers_are_found_by_the_book():
    found = explorers()
    assert found["arousal"] is explore_arousal
    assert found["adaptive_gain"] is explore_adaptive_gain


def test_caption_and_status_say_which_constants_are_illustrative():
    caption = arousal_spec().caption
    assert "ILLUSTRATIVE" in caption and "sourced" in caption
    assert len(caption) < 300  # a caption says what the figure shows and what to try
    assert "ILLUSTRATIVE" in adaptive_gain_spec().caption
    ticks = arousal_traces(0.0)[5]
    assert ticks["text"] == ["K α2A*", "K α1*", "K β1"]
    status = arousal_traces(0.0, k_alpha2a_nM=500.0, k_alpha1_nM=100.0)[1]["text"][0]
    assert "not the cited order" in status


def test_drugs_move_the_marker():
    calm = arousal_traces(0.0)[4]
    nri = arousal_traces(0.0, drug="net_inhibitor")[4]
    assert nri["x"][0] > 1.5 * calm["x"][0]
    stressed = arousal_traces(1.0)[4]
    prazosin = arousal_traces(1.0, drug="prazosin")[4]
    assert prazosin["y"][0] > stressed["y"][0] + 0.1


def test_occupancy_bars_add_up_and_stay_in_range():
    traces = arousal_traces(0.5, drug="guanfacine")
    ne, drug = traces[6], traces[7]
    for a, b in zip(ne["y"], drug["y"], strict=True):
        assert 0 <= a and 0 <= b and a + b <= 100 + 1e-9
    assert drug["base"] == ne["y"]
    assert drug["y"][0] > 10  # guanfacine holds part of alpha-2A


def test_static_figures_fit_the_page_budget():
    html = static_html(arousal_spec()) + static_html(adaptive_gain_spec())
    assert len(html.encode()) < 900_000  # page budget 1.5 MB, shared with the chapter
    for trace in arousal_spec().trace_dicts():
        assert len(trace.get("x", [])) <= 200


def test_adaptive_gain_marker_follows_the_slider():
    low = adaptive_gain_traces(0.1)[1]["y"][0]
    mid = adaptive_gain_traces(1.0)[1]["y"][0]
    assert mid > low and mid == pytest.approx(arousal.phasic_gain(1.0))


def test_parameter_table_marks_every_illustrative_parameter():
    table = show_parameters("arousal", "receptors")
    rows = table.rows()
    assert len(rows) == len(table.names) > 5
    html = table._repr_html_()
    assert html.count('class="ne-illustrative"') == sum(r[2] == "illustrative" for r in rows) > 0
    assert "<caption>" in html and "Isogaya" in html and html.count("<tr") == len(rows) + 1
