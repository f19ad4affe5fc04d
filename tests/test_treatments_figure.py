"""The treatment explorer's figure: found by the book, stable traces, small static page."""

import pytest

from book.figures.arousal import INVERTED_U_DRUGS, inverted_u_figure
from book.figures.treatments import (
    ACTION_CODES,
    FROM_PAIR,
    PAIRS,
    drug_ids,
    pair_for,
    treatment_spec,
    treatment_traces,
)
from book.widgets import explorers
from book.widgets.static import static_figure, static_html
from book.widgets.tables import drug_table_html
from book.widgets.treatments import explore_treatment, show_drug_table


def test_the_treatment_explorer_is_found_by_the_book():
    assert explorers()["treatment"] is explore_treatment


def test_trace_count_and_kinds_never_change():
    reference = [t["type"] for t in treatment_traces(50.0)]
    for pair in PAIRS:
        assert [t["type"] for t in treatment_traces(20.0, pair=pair)] == reference
    for drug in drug_ids():
        assert [t["type"] for t in treatment_traces(70.0, drug_b=drug)] == reference


def test_live_dropdowns_override_the_comparison():
    assert pair_for("metoprolol|propranolol") == ("metoprolol", "propranolol")
    assert pair_for("metoprolol|propranolol", drug_b="bisoprolol") == ("metoprolol", "bisoprolol")
    assert pair_for("metoprolol|propranolol", FROM_PAIR, FROM_PAIR)[0] == "metoprolol"
    with pytest.raises(ValueError, match="pair"):
        pair_for("not-a-pair")


def test_the_action_strip_matches_the_ligand_data():
    strip = treatment_traces(50.0, pair="bisoprolol|carvedilol")[1]
    bisoprolol, carvedilol = strip["z"]
    assert bisoprolol.count(ACTION_CODES["antagonist"]) == 1  # beta1 only
    assert carvedilol.count(ACTION_CODES["antagonist"]) == 5  # three alpha1, beta1, beta2


def test_the_status_text_names_each_drug_and_how_its_dose_is_set():
    text = treatment_traces(50.0, pair="atomoxetine|methylphenidate")[0]["text"][0]
    assert "Atomoxetine" in text and "Methylphenidate" in text
    assert "Bymaster" in text  # atomoxetine's NET Ki and its source
    assert "no absolute NET K sourced" in text  # methylphenidate's dose is a share


def test_the_static_page_is_small_and_has_every_comparison():
    spec = treatment_spec()
    html = static_html(spec)
    assert len(html.encode()) < 1_000_000  # the page budget is 1.5 MB including prose
    figure = static_figure(spec)
    assert len(figure.layout.updatemenus[0].buttons) == len(PAIRS)
    assert len(figure.layout.sliders[0].steps) == 20


def test_the_drug_table_renders_as_an_accessible_html_table():
    html = drug_table_html()
    assert html.count('<th scope="rowgroup"') >= 5
    assert "Atomoxetine" in html and "<caption>" in html
    assert "Prazosin" in repr(show_drug_table())


def test_the_inverted_u_figure_places_every_listed_drug():
    figure = inverted_u_figure()
    assert len(figure.data) == 2 + 2 * len(INVERTED_U_DRUGS)
    for trace in figure.data:
        assert all(0.0 <= y <= 1.0 for y in trace.y)
