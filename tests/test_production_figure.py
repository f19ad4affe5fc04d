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


def test_a_scenario_moves_the_sliders_to_its_values_live():
    explorer = explore_synthesis()
    explorer.widget()
    controls = explorer._controls
    controls["dbh"].value = 0.0
    ne_without_dbh = [t.y[1] for t in explorer.figure.data if t.type == "bar"]
    assert ne_without_dbh[0] == 0.0  # the neuron's NE store
    # Metyrosine after DBH 0: the DBH slider goes back to normal, and NE is made again
    controls["scenario"].value = "metyrosine"
    assert controls["dbh"].value == 1.0 and explorer.values["dbh"] == 1.0
    assert [t.y[1] for t in explorer.figure.data if t.type == "bar"][0] > 0
    controls["scenario"].value = "dbh_deficiency"
    assert controls["dbh"].value == 0.0
    controls["scenario"].value = "disulfiram"
    assert controls["dbh"].value == 1.0
    assert controls["copper"].value == pytest.approx(explorer.values["copper"], abs=0.05)
    assert explorer.values["copper"] < 1.0
    controls["scenario"].value = "normal"
    assert explorer.values["copper"] == 1.0 and controls["copper"].value == 1.0


def test_a_scenario_moves_the_static_dbh_slider_to_its_value():
    spec = production_spec()
    figure = static_figure(spec)
    slider = figure.layout.sliders[0]
    labels = [step.label for step in slider.steps]
    options = list(spec.parameter("scenario").options)
    for button, option in zip(figure.layout.updatemenus[0].buttons, options, strict=True):
        assert button.method == "update", option
        data, layout, _ = button.args
        at = layout["sliders[0].active"]
        assert labels[at] == ("0" if option == "dbh_deficiency" else "1"), option
        # the button shows the data of the step the handle moves to
        for key, value in slider.steps[at].args[0].items():
            assert data[key] == value, (option, key)
