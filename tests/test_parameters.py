"""The parameter registry: every row valid and sourced or marked, every derivation rechecked,
every model default read from it, and one affinity for each ligand-target pair everywhere."""

from __future__ import annotations

import math
from dataclasses import fields
from pathlib import Path

import pytest

from book.data.affinities import TARGETS, affinity, ligands
from book.data.parameters import (
    COLUMNS,
    ParameterError,
    load_parameters,
    parameter,
    parameters,
    recompute,
)
from book.data.selectivity import relative_affinity
from book.figures.clearance import DRUGS as REUPTAKE_DRUGS
from book.figures.clearance import drug_net_affinity
from book.figures.receptors import matrix_cells, matrix_rows
from book.models.arousal import ArousalParameters
from book.models.signalling import (
    sorting_rate_for_downregulation_per_h,
    tone_occupancy_for_upregulation,
)
from book.models.synapse import SynapseParameters, net_vmax_for_half_time_nM_per_s
from book.models.synthesis import SynthesisConstants
from book.models.treatments import drug_profile

FUNCTIONS = {
    "affinity_k_nM": lambda ligand, target: affinity(ligand, target).k_nM,
    "net_vmax_for_half_time_nM_per_s": net_vmax_for_half_time_nM_per_s,
    "sorting_rate_for_downregulation_per_h": sorting_rate_for_downregulation_per_h,
    "tone_occupancy_for_upregulation": tone_occupancy_for_upregulation,
}
HEADER = ",".join(COLUMNS) + "\n"
GOOD = "synapse.net_km_nM,266,nM,sourced,iversen1963,Table 1,,NET Km\n"


@pytest.mark.parametrize("name", [n for n, p in parameters().items() if p.status == "derived"])
def test_every_derived_value_is_recomputed_from_its_inputs(name):
    assert recompute(name, FUNCTIONS) == pytest.approx(parameter(name).value, rel=1e-9)


def test_every_row_says_where_it_comes_from():
    for row in parameters().values():
        assert row.label and row.location, row.name
        if row.status == "sourced":
            assert row.sources, row.name


@pytest.mark.parametrize(
    ("model", "cls"),
    [("synapse", SynapseParameters), ("synthesis", SynthesisConstants),
     ("arousal", ArousalParameters)],
)  # fmt: skip
def test_every_model_default_is_a_registry_row(model, cls):
    defaults = cls()
    for item in fields(cls):
        value = getattr(defaults, item.name)
        candidates = [
            f"{model}.{item.name}",
            f"receptors.ne_{item.name}",
            "receptors.ne_k_alpha2a_nM" if item.name == "autoreceptor_k_nM" else "",
        ]
        row = next(parameter(n) for n in candidates if n in parameters())
        assert value == row.value, (model, item.name)


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "parameters.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_a_good_row_loads(tmp_path):
    rows = load_parameters(_write(tmp_path, GOOD))
    assert rows["synapse.net_km_nM"].value == 266.0
    assert rows["synapse.net_km_nM"].unit_text == "nM"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (GOOD.replace("synapse.net_km_nM", "net_km_nM"), "line 2: name 'net_km_nM'"),
        (GOOD.replace(",nM,", ",uM,"), "line 2: synapse.net_km_nM has unit uM: name needs _uM"),
        (GOOD.replace(",nM,", ",furlong,"), "line 2: unit 'furlong'"),
        (GOOD.replace(",266,", ",-3,"), "line 2: value of synapse.net_km_nM"),
        (GOOD.replace(",266,", ",abc,"), "line 2: value 'abc' is not a number"),
        (GOOD.replace("sourced", "guessed"), "line 2: status must be one of"),
        (GOOD.replace("iversen1963", "nobody1999"), "line 2: source key 'nobody1999'"),
        (GOOD.replace("iversen1963", ""), "line 2: a sourced value needs source and location"),
        (GOOD.replace("sourced", "derived"), "line 2: a derivation is needed exactly"),
        (GOOD.replace(",NET Km", ","), "line 2: location and label"),
        ("synapse.x_fraction,1.5,fraction,illustrative,,why,,x\n", "line 2: value of"),
        ("synapse.x_nM,1,nM,derived,,how,import os,x\n", "line 2: derivation"),
        ("synapse.x_nM,1,nM,derived,,how,open(1),x\n", "line 2: derivation may call only"),
        ("synapse.x_nM,1,nM,derived,,how,synapse.nothing_nM * 2,x\n", "uses unknown"),
    ],
)
def test_bad_rows_name_the_file_and_line(tmp_path, row, message):
    with pytest.raises(ParameterError, match=message):
        load_parameters(_write(tmp_path, row))


def test_a_row_listed_twice_or_a_wrong_header_is_rejected(tmp_path):
    with pytest.raises(ParameterError, match="line 3: synapse.net_km_nM is listed twice"):
        load_parameters(_write(tmp_path, GOOD + GOOD))
    path = tmp_path / "parameters.csv"
    path.write_text("name,value\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="line 1: header"):
        load_parameters(path)


def test_an_unknown_name_is_a_value_error_naming_it():
    with pytest.raises(ValueError, match="synapse.nothing_nM"):
        parameter("synapse.nothing_nM")


def test_the_matrix_the_reuptake_and_treatment_explorers_and_the_arousal_model_agree():
    """One rule picks a ligand's affinity at a target; every user shows that same value."""
    z, _ = matrix_cells()
    row_of = {lig: i for i, (_, lig) in enumerate(matrix_rows()) if lig is not None}
    for ligand in ligands():
        for j, target in enumerate(TARGETS):
            chosen = affinity(ligand, target)
            shown = z[row_of[ligand]][j]
            assert (shown is None) == (chosen is None), (ligand, target)
            if chosen is None:
                continue
            assert shown == pytest.approx(chosen.central_value, abs=0.005), (ligand, target)
            profile = drug_profile(ligand, 50.0)
            if profile.primary == target and profile.primary_affinity is not None:
                assert profile.primary_affinity is chosen, (ligand, target)
            elif profile.primary and profile.primary_affinity is not None:
                rel = relative_affinity(ligand, target, profile.primary)
                if rel is not None and rel.rows is not None:
                    assert rel.rows[0] is chosen, (ligand, target)
        if ligand in REUPTAKE_DRUGS:
            assert drug_net_affinity(ligand) is affinity(ligand, "NET"), ligand
    assert ArousalParameters().k_beta1_nM == affinity("norepinephrine", "beta1").k_nM
    # the amphetamine case that the three old rules disagreed on (84 vs 182 nM)
    assert math.isclose(affinity("amphetamine", "NET").k_nM, 84.1, rel_tol=1e-2)
