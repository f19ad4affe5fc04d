"""The curated tables: every row sourced, in range, about a known ligand and target."""

import re
from pathlib import Path

import pytest

from book.data.affinities import (
    AFFINITY_RANGE,
    REFERENCES_BIB,
    TARGETS,
    DataError,
    load_affinities,
    load_ligands,
    reference_keys,
)

HEADER = "ligand,target,value_type,value,value_high,species,assay,source,location\n"
GOOD = "norepinephrine,alpha1A,pKi,5.5,,human,binding,neubig2003,Table 1\n"


def test_every_affinity_row_is_sourced_and_in_range():
    rows = load_affinities()
    keys = reference_keys()
    for row in rows:
        assert row.source in keys
        assert row.target in TARGETS
        assert AFFINITY_RANGE[0] <= row.value <= AFFINITY_RANGE[1]


def test_every_reference_has_a_doi_or_a_stable_url():
    text = REFERENCES_BIB.read_text(encoding="utf-8")
    entries = [e for e in text.split("\n@") if e.strip()]
    for entry in entries:
        key = entry.split("{", 1)[1].split(",", 1)[0]
        assert re.search(r"^\s*(doi|url|isbn)\s*=", entry, flags=re.M), key


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "affinities.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_a_good_row_loads(tmp_path):
    (row,) = load_affinities(_write(tmp_path, GOOD))
    assert row.k_nM == pytest.approx(10**3.5)


@pytest.mark.parametrize(
    "row, message",
    [
        (
            GOOD.replace("neubig2003", "nobody1999"),
            r"affinities.csv line 3: source key 'nobody1999'",
        ),
        (GOOD.replace(",5.5,", ",13,"), r"line 3: value 13 is outside 2-12"),
        (GOOD.replace(",5.5,", ",1.5,"), r"line 3: value 1.5 is outside"),
        (GOOD.replace(",5.5,", ",abc,"), r"line 3: value 'abc' is not a number"),
        (GOOD.replace("alpha1A", "alpha9"), r"line 3: unknown target 'alpha9'"),
        (GOOD.replace("norepinephrine", "unobtainium"), r"line 3: unknown ligand 'unobtainium'"),
        (GOOD.replace("pKi", "EC50"), r"line 3: value_type must be one of"),
        (GOOD.replace("5.5,,", "5.5,5.0,"), r"line 3: value_high must be above value"),
    ],
)
def test_bad_rows_name_the_file_and_line(tmp_path, row, message):
    with pytest.raises(DataError, match=message):
        load_affinities(_write(tmp_path, GOOD + row))


def test_a_published_range_keeps_both_ends(tmp_path):
    (row,) = load_affinities(_write(tmp_path, GOOD.replace("5.5,,", "5.5,7.5,")))
    assert row.is_range and row.central_value == pytest.approx(6.5)
    assert row.k_range_nM == pytest.approx((10**1.5, 10**3.5))


def test_a_wrong_header_is_rejected(tmp_path):
    path = tmp_path / "affinities.csv"
    path.write_text("ligand,target,value\n", encoding="utf-8")
    with pytest.raises(DataError, match="affinities.csv line 1: header"):
        load_affinities(path)


def test_ligand_actions_use_known_targets_and_actions():
    ligands = load_ligands()
    assert {"norepinephrine", "epinephrine"} <= set(ligands)
    for ligand in ligands.values():
        assert set(ligand.actions) <= set(TARGETS)
