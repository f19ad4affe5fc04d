"""The production explorer: the pathway diagram and bars follow the model."""

import pytest

from book.figures.production import ARROWS, arrow_polygon, production_spec
from book.widgets.production import explore_synthesis
from book.widgets.static import static_figure, static_html


def _by_name(traces):
    return {t.get("name"): t for t in traces if t.get("type") == "bar"}


def test_dbh_slider_moves_dopamine_and_norepinephrine_bars():
    spec = production_spec()
    normal = _by_name(spec.trace_dicts())
    deficient = _by_name(spec.trace_dicts(dbh=0.0))
    for cell in ("Neuron", "Adrenal cell"):
        da, ne, epi = deficient[cell]["y"]
        assert da > 5 * normal[cell]["y"][0]
        assert ne == 0.0 and epi == 0.0


def test_arrow_widths_follow_the_flux():
    spec = production_spec()
    width = {}
    for dbh in (0.0, 1.0):
        traces = spec.trace_dicts(dbh=dbh)
        dbh_arrow = traces[[a[0] for a in ARROWS].index("DBH")]
        xs = dbh_arrow["x"]
        width[dbh] = abs(xs[0] - xs[6])  # the shaft, at its start
    assert width[1.0] > 5 * width[0.0]


def test_arrow_polygon_is_closed():
    xs, ys = arrow_polygon((0, 0), (0, 5), 10.0)
    assert (xs[0], ys[0]) == (xs[-1], ys[-1])


def test_static_figure_has_every_scenario_and_a_dbh_slider():
    spec = explore_synthesis().spec
    figure = static_figure(spec)
    buttons = figure.layout.updatemenus[0].buttons
    assert len(buttons) == 6
    steps = figure.layout.sliders[0].steps
    assert steps[0].label == "0" and steps[-1].label == "2"
    assert len(static_html(spec)) < 600_000


@pytest.mark.parametrize("site", ["neuron", "adrenal"])
def test_live_explorer_updates_in_place(site):
    explorer = explore_synthesis(site=site)
    explorer.widget()
    figure = explorer.figure
    before = [list(t.y) for t in figure.data if t.type == "bar"]
    explorer.update(dbh=0.0)
    after = [list(t.y) for t in figure.data if t.type == "bar"]
    assert after != before
    assert explorer.figure is figure
