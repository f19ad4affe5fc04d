"""The widget mechanism: one description, a live front end and a static front end."""

import base64

import numpy as np
import pytest

from book.explorer import Choice, ExplorerSpec, Slider, StaticGrid
from book.widgets import explore_occupancy
from book.widgets.live import Explorer, control_for
from book.widgets.static import static_figure


def _toy_spec() -> ExplorerSpec:
    import plotly.graph_objects as go

    def traces(gain: float, shape: str):
        x = np.linspace(0, 1, 5)
        y = gain * (x if shape == "line" else x**2)
        return [{"type": "scatter", "x": x, "y": y, "name": shape}]

    return ExplorerSpec(
        title="toy",
        parameters=(
            Slider("gain", "Gain", "", 0.0, 4.0, 1.0, 2.0),
            Choice("shape", "Shape", ("line", "square"), "line"),
        ),
        traces=traces,
        base_figure=go.Figure,
        static=StaticGrid("gain", choice="shape", steps=5),
    )


def test_static_figure_precomputes_every_slider_step_for_every_option():
    fig = static_figure(_toy_spec())
    assert len(fig.data) == 2  # one trace per option
    assert [t.visible for t in fig.data] == [True, False]
    steps = fig.layout.sliders[0].steps
    assert [s.label for s in steps] == ["0", "1", "2", "3", "4"]
    assert fig.layout.sliders[0].active == 2  # the default value
    # Step for gain 4 carries y for both options: the line and the square.
    y_line, y_square = steps[4].args[0]["y"]
    assert y_line == pytest.approx([0, 1, 2, 3, 4])
    assert y_square == pytest.approx([0, 0.25, 1, 2.25, 4])
    assert "x" not in steps[4].args[0]  # x never changes, so it is not repeated
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.args[0]["visible"] for b in buttons] == [[True, False], [False, True]]


def test_parameters_are_checked_against_their_declared_ranges():
    spec = _toy_spec()
    with pytest.raises(ValueError, match=r"gain must be in \[0, 4\]; got 5"):
        spec.figure(gain=5)
    with pytest.raises(ValueError, match="gain must be a finite number"):
        spec.figure(gain=float("nan"))
    with pytest.raises(ValueError, match="gain must be a number"):
        spec.figure(gain="2")
    with pytest.raises(ValueError, match="shape must be one of line, square"):
        spec.figure(shape="circle")
    with pytest.raises(ValueError, match="unknown parameter 'gian'"):
        spec.figure(gian=1)


def test_live_controls_cannot_leave_their_range():
    from traitlets import TraitError

    slider = control_for(Slider("conc_nM", "Concentration", "nM", 0.1, 1e5, 0.05, 100.0, log=True))
    values = [value for _, value in slider.options]
    assert min(values) == pytest.approx(0.1) and max(values) == pytest.approx(1e5)
    assert slider.value == 100.0 and "50,000 nM" in [label for label, _ in slider.options]
    with pytest.raises(TraitError):
        slider.value = 1e9
    started = control_for(Slider("k_nM", "K", "nM", 1.0, 1000.0, 0.05, 30.0, log=True), 37.0)
    assert started.value == 37.0  # a value off the round grid is kept exactly
    linear = control_for(Slider("gain", "Gain", "", 0.0, 4.0, 0.5, 2.0))
    linear.value = -3
    assert linear.value == 0.0


def test_live_widget_updates_the_same_figure_in_place():
    explorer = Explorer(_toy_spec())
    box = explorer.widget()
    figure = explorer.figure
    assert explorer.plot in box.children

    def plotted_y() -> list[float]:
        (output,) = explorer.plot.outputs  # one output: the figure's JSON, no plotly.js
        y = output["data"]["application/vnd.plotly.v1+json"]["data"][0]["y"]
        if isinstance(y, dict):  # plotly's base64 typed array, which plotly.js reads
            return list(np.frombuffer(base64.b64decode(y["bdata"]), dtype=y["dtype"]))
        return y

    assert plotted_y() == pytest.approx([0, 0.5, 1, 1.5, 2])
    explorer._controls["gain"].value = 4.0
    assert list(figure.data[0].y) == pytest.approx([0, 1, 2, 3, 4])
    assert plotted_y() == pytest.approx([0, 1, 2, 3, 4])
    explorer._controls["shape"].value = "square"
    assert explorer.figure is figure
    assert list(figure.data[0].y) == pytest.approx([0, 0.25, 1, 2.25, 4])
    assert plotted_y() == pytest.approx([0, 0.25, 1, 2.25, 4])


def test_one_output_carries_the_live_widget_and_the_static_html(monkeypatch):
    monkeypatch.setenv("NE_BOOK_STATIC", "1")  # as the book build (_ext/live_env.py) sets
    bundle = explore_occupancy()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    html = bundle["text/html"]
    # A placeholder plus the figure's JSON, drawn by the page's deferred book-figures.js: no
    # inline drawing script (it would run before the deferred plotly.js) and no plotly.js.
    assert 'class="plotly-graph-div ne-plot"' in html and 'type="application/json"' in html
    assert "Plotly.newPlot" not in html and "plotly.min.js" not in html
    assert len(html) < 400_000


def test_in_jupyter_only_the_live_widget_is_built_and_fast(monkeypatch):
    import time

    from book.widgets.arousal import explore_arousal

    monkeypatch.delenv("NE_BOOK_STATIC", raising=False)
    start = time.perf_counter()
    bundle = explore_arousal()._repr_mimebundle_()
    elapsed_s = time.perf_counter() - start
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "text/html" not in bundle  # the static front end is for the book build only
    assert elapsed_s < 2.0


def test_figure_html_reserves_the_final_height_and_carries_parseable_json():
    import json
    import re

    import plotly.graph_objects as go

    from book.widgets.static import figure_html

    fig = go.Figure(go.Scatter(x=[1, 2], y=[3, 4], name="</script><b>x</b>"))
    fig.update_layout(height=321)
    html = figure_html(fig, "Test figure", "A caption")
    match = re.search(
        r'<div id="(fig-\w+)" class="plotly-graph-div ne-plot" '
        r'style="width:100%;min-height:(\d+)px"></div>'
        r'<script type="application/json" data-ne-plot="\1">(.*?)</script>',
        html,
    )
    assert match, html[:300]
    assert match.group(2) == "321"
    payload = json.loads(match.group(3))
    assert payload["data"][0]["name"] == "</script><b>x</b>"  # escaped, not closing the script
    assert payload["layout"]["height"] == 321 and payload["config"]["displaylogo"] is False
    assert figure_html(fig, "Test figure", "A caption") == html  # a rebuild writes the same
    assert "min-height:450px" in figure_html(go.Figure(), "No height")


def test_front_page_explorer_moves_occupancy_with_concentration():
    explorer = explore_occupancy()
    explorer.widget()
    bars = explorer.figure.data[-1]
    before = list(bars.y)
    explorer.update(conc_nM=10_000.0)
    after = list(explorer.figure.data[-1].y)
    assert len(after) >= 2  # at least two receptors with sourced values are drawn
    assert all(a > b for a, b in zip(after, before, strict=True))


def test_front_page_draws_only_sourced_receptors_and_names_the_rest():
    from book.figures.occupancy import missing_adrenoceptors, sourced_affinities

    drawn = sourced_affinities("norepinephrine")
    assert {"beta1", "beta2"} <= set(drawn)
    spec = explore_occupancy().spec
    for name in missing_adrenoceptors("norepinephrine"):
        assert name in spec.caption
    # NE prefers beta1 over beta2 (Isogaya et al. 1999): at any concentration beta1 is fuller.
    traces = spec.trace_dicts(conc_nM=3000.0)
    bars = traces[-1]
    occupancy_by_name = dict(zip(bars["x"], bars["y"], strict=True))
    assert occupancy_by_name["β1"] > occupancy_by_name["β2"]


def test_every_explorer_is_ready_within_two_seconds_of_its_cell_in_a_fresh_kernel():
    """Issue 14's kernel budget: a learner's cell (imports done) shows controls and figure
    within 2 s, the first display in a fresh interpreter included (no slow lazy imports)."""
    import json
    import subprocess
    import sys

    script = (
        "import json, time\n"
        "from book.widgets import explorers\n"
        "times = {}\n"
        "for name, make in explorers().items():\n"
        "    start = time.perf_counter()\n"
        "    make()._repr_mimebundle_()\n"
        "    times[name] = time.perf_counter() - start\n"
        "print(json.dumps(times))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    times_s = json.loads(done.stdout.splitlines()[-1])
    assert len(times_s) >= 10
    slow = {name: round(s, 2) for name, s in times_s.items() if s > 2.0}
    assert not slow, f"explorers slower than 2 s to display: {slow}"
