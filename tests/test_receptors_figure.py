"""The receptor x drug matrix and the Schild explorer: what a reader relies on."""

import math

import numpy as np
import pytest

from book.data.affinities import (
    TARGETS,
    affinities_for,
    affinity,
    cell_state,
    coverage,
    ligands,
    load_affinities,
    ordered_ligands,
)
from book.data.references import short_citation
from book.figures.receptors import (
    ELSEWHERE_HEADING,
    GENERIC_KB_NM,
    STATE_FILLS,
    cell_hover,
    efficacy_figure,
    matrix_base_figure,
    matrix_cells,
    matrix_rows,
    matrix_spec,
    matrix_states,
    menu_label,
    schild_spec,
)
from book.figures.style import TARGET_LABELS
from book.models.receptors import schild_dose_ratio, target_occupancy
from book.widgets.receptors import explore_matrix, explore_schild, show_efficacy
from book.widgets.static import static_figure, static_html


def _row_index(ligand):
    return next(i for i, (_, lig) in enumerate(matrix_rows()) if lig == ligand)


def test_every_ligand_appears_once_grouped_under_headings():
    rows = matrix_rows()
    listed = [lig for _, lig in rows if lig is not None]
    assert sorted(listed) == sorted(ligands())
    assert rows[0][1] is None and "Catecholamines" in rows[0][0]
    assert ordered_ligands()[:2] == ("norepinephrine", "epinephrine")
    assert matrix_spec().parameter("ligand").default == "norepinephrine"
    headings = [label for label, lig in rows if lig is None]
    assert len(headings) == len(set(headings)) >= 5


def test_the_matrix_shows_every_sourced_row_and_leaves_the_rest_blank():
    z, text = matrix_cells()
    rows = matrix_rows()
    sourced = {(r.ligand, r.target) for r in load_affinities()}
    for i, (_, ligand) in enumerate(rows):
        for j, target in enumerate(TARGETS):
            if ligand is None or (ligand, target) not in sourced:
                assert z[i][j] is None, (ligand, target)
            else:
                assert z[i][j] is not None, (ligand, target)
    # Every row of the data, not only the one coloured, is named in its cell's hover text.
    for row in load_affinities():
        hover = text[_row_index(row.ligand)][TARGETS.index(row.target)]
        assert short_citation(row.source) in hover
        assert f"{row.value:.2f}" in hover


def test_a_cell_shows_the_rules_row_and_its_central_value():
    z, _ = matrix_cells()
    # Amphetamine at NET: a rat row is listed first, a human-and-mouse range second.
    rows = affinities_for("amphetamine", "NET")
    assert rows[0].species.startswith("rat")
    shown = affinity("amphetamine", "NET")
    assert shown.species.startswith("human")
    assert z[_row_index("amphetamine")][TARGETS.index("NET")] == pytest.approx(
        shown.central_value, abs=0.01
    )


def test_the_three_cell_states_read_apart_on_hover():
    # Guanfacine at alpha2A: the label states the action, no value is in the data.
    hover = cell_hover("guanfacine", "alpha2A")
    assert "agonist" in hover and "size not measured" in hover
    assert "guanfacine_label" not in hover and "20" in hover  # author-year, not a BibTeX key
    assert short_citation("iuphardb_alpha2b") in cell_hover("guanfacine", "alpha2B")
    assert "nothing known" in cell_hover("propranolol", "NET")
    assert "VMAT inhibitor" in cell_hover("reserpine", "alpha1A")


def test_the_matrix_draws_three_states_with_three_fills():
    states = matrix_states()
    rows = matrix_rows()
    spec = matrix_spec()
    grey, values = spec.trace_dicts(ligand="norepinephrine", conc_nM=100.0)[:2]
    fig = matrix_base_figure()
    codes = {(a.x, a.y): a.text for a in fig.layout.annotations if a.xref == "x"}
    for i, (_, ligand) in enumerate(rows):
        for j, target in enumerate(TARGETS):
            state = states[i][j]
            if ligand is None:
                assert state is None and grey["z"][i][j] is None
                continue
            assert state == cell_state(ligand, target).state
            assert (values["z"][i][j] is not None) == (state == "value"), (ligand, target)
            assert grey["z"][i][j] == (1.0 if state == "action" else 0.0), (ligand, target)
            assert ((j, i) in codes) == (state == "action"), (ligand, target)
    # The two fills differ: a stated action is grey, nothing known is see-through.
    scale = dict((round(stop, 2), colour) for stop, colour in grey["colorscale"])
    assert grey["colorscale"][0][1] == STATE_FILLS["unknown"] != STATE_FILLS["action"]
    assert scale[1] == STATE_FILLS["action"]
    # Rows with nothing known at any target come last, under one heading.
    elsewhere = [lig for _, lig in rows[rows.index((f"<b>{ELSEWHERE_HEADING}</b>", None)) + 1 :]]
    assert elsewhere and all(lig is not None for lig in elsewhere)
    assert all(set(states[rows.index((lbl, lig))]) == {"unknown"} for lbl, lig in rows
               if lig in elsewhere)  # fmt: skip
    assert "reserpine" in elsewhere and "propranolol" not in elsewhere
    # A click on a row chooses its drug: the figure maps each row to its menu entry.
    order = spec.parameter("ligand").options
    assert [None if v is None else order[v] for v in fig.layout.meta["matrix_rows"]] == [
        lig for _, lig in rows
    ]


def test_occupancy_bars_follow_mass_action_and_mark_missing_targets():
    spec = matrix_spec()
    k = affinity("atomoxetine", "NET").k_nM
    traces = spec.trace_dicts(ligand="atomoxetine", conc_nM=k)
    bars = traces[3]
    net = TARGETS.index("NET")
    assert bars["y"][net] == pytest.approx(50.0)
    assert bars["y"][TARGETS.index("alpha1A")] is None  # nothing sourced: no bar
    labels = traces[5]
    assert TARGETS.index("alpha1A") in labels["x"] and net not in labels["x"]
    # A selective drug fills NET long before SERT and DAT.
    occupied = target_occupancy("atomoxetine", 20.0)
    assert occupied["NET"][0] > occupied["SERT"][0] > occupied["DAT"][0]
    assert occupied["NET"][0] == pytest.approx(0.8, rel=1e-3)


def test_a_published_range_becomes_a_band_around_the_bar():
    occupied = target_occupancy("norepinephrine", 1000.0)
    shown, low, high = occupied["alpha2B"]
    assert low < shown < high
    traces = matrix_spec().trace_dicts(ligand="norepinephrine", conc_nM=1000.0)
    band = traces[4]
    j = TARGETS.index("alpha2B")
    assert band["base"][j] == pytest.approx(100 * low)
    assert band["y"][j] == pytest.approx(100 * (high - low))


def test_the_static_matrix_stores_the_heat_map_once():
    spec = matrix_spec()
    fig = static_figure(spec)
    options = spec.parameter("ligand").options
    per_option = len(spec.trace_dicts()) - spec.static.shared_traces
    assert len(fig.data) == spec.static.shared_traces + per_option * len(options)
    assert [t.type for t in fig.data[:2]] == ["heatmap", "heatmap"]
    assert sum(t.type == "heatmap" for t in fig.data) == 2
    # Shared traces never change: they are not restyled by the slider or the menu.
    step = fig.layout.sliders[0].steps[0]
    assert min(step.args[1]) == spec.static.shared_traces
    button = fig.layout.updatemenus[0].buttons[1]
    assert min(button.args[1]) == spec.static.shared_traces
    assert sum(button.args[0]["visible"]) == per_option
    # The default drug is the one shown, and every menu entry is a drug's name.
    # Each entry names the class group first, so the long menu reads grouped by class.
    labels = [b.label for b in fig.layout.updatemenus[0].buttons]
    assert labels == [menu_label(k) for k in options]
    assert labels[0] == "Catecholamines: Norepinephrine (noradrenaline)"
    assert all(ligands()[k].name in label for k, label in zip(options, labels, strict=True))
    for a, b in ((0, "x"), (1, "y")):
        assert getattr(fig.data[a], b) is not None


def test_shared_traces_do_not_depend_on_the_parameters():
    spec = matrix_spec()
    first = spec.trace_dicts(ligand="atomoxetine", conc_nM=1.0)[:2]
    other = spec.trace_dicts(ligand="prazosin", conc_nM=50_000.0)[:2]
    for a, b in zip(first, other, strict=True):
        assert a["z"] == b["z"] and a["text"] == b["text"]


def test_pages_stay_within_budget():
    for spec in (matrix_spec(), schild_spec()):
        assert len(static_html(spec)) < 600_000, spec.title


def test_live_matrix_updates_in_place():
    explorer = explore_matrix()
    explorer.widget()
    figure = explorer.figure
    explorer.update(ligand="desipramine", conc_nM=1.0)
    low = list(figure.data[3].y)
    explorer.update(conc_nM=10_000.0)
    high = list(figure.data[3].y)
    net = TARGETS.index("NET")
    assert high[net] > low[net]
    assert explorer.figure is figure


def test_schild_curve_moves_right_by_the_dose_ratio():
    spec = schild_spec()
    for antagonist, kb in GENERIC_KB_NM.items():
        traces = spec.trace_dicts(antagonist_nM=300.0, antagonist=antagonist)
        control, shifted, ec50s, line, point = traces
        ratio = ec50s["x"][-1] / ec50s["x"][0]  # the shift label sits at the middle point
        assert ratio == pytest.approx(schild_dose_ratio(300.0, kb))
        assert point["y"][0] == pytest.approx(math.log10(300.0 / kb))
        # Surmountable: the antagonised curve is never above the control curve.
        assert np.all(np.asarray(shifted["y"]) <= np.asarray(control["y"]) + 1e-9)
        slope = np.polyfit(np.log10(line["x"]), line["y"], 1)[0]
        assert slope == pytest.approx(1.0)


def test_schild_uses_the_sourced_norepinephrine_affinity():
    spec = schild_spec()
    labels = spec.parameter("receptor").labels
    assert "2,000 nM" in labels["beta1"]
    assert "18,200 nM" in labels["beta2"]
    assert "illustrative" in spec.parameter("tau").label
    assert "generic" in spec.caption.lower()
    with pytest.raises(ValueError, match="receptor"):
        spec.figure(receptor="alpha1A")
    # The control curve is shared by all antagonists; only one copy is stored.
    fig = static_figure(spec)
    assert len(fig.data) == 1 + 4 * len(GENERIC_KB_NM)


def test_live_schild_widget_updates():
    explorer = explore_schild()
    explorer.widget()
    before = list(explorer.figure.data[1].y)
    explorer.update(antagonist_nM=10_000.0)
    after = list(explorer.figure.data[1].y)
    assert sum(after) < sum(before)


def test_efficacy_figure_and_coverage(monkeypatch):  # noqa: D103
    fig = efficacy_figure()
    assert len(fig.data) == 5
    assert max(fig.data[1].y) == 0.0  # tau = 0: an antagonist gives no response
    # JupyterLab gets plotly's JSON; the book build (which sets the flag) gets the HTML
    assert "application/vnd.plotly.v1+json" in show_efficacy()._repr_mimebundle_()
    monkeypatch.setenv("NE_BOOK_STATIC", "1")
    assert set(show_efficacy()._repr_mimebundle_()) == {"text/html", "text/plain"}
    c = coverage()
    assert c["cells"] == c["ligands"] * len(TARGETS)
    assert c["filled"] == c["filled_adrenoceptor"] + c["filled_transporter"]
    assert c["filled"] == len({(r.ligand, r.target) for r in load_affinities()})
    assert set(TARGET_LABELS) == set(TARGETS)
