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


# ----- ligands: actions, target-less actions, sources ------------------------------------------
from book.data.affinities import ACTIONS, OTHER_ACTIONS  # noqa: E402

LIGAND_HEADER = "ligand,name,drug_class,actions,other_actions,uses,source\n"
GOOD_LIGAND = "testdrug,Testdrug,alpha1 blocker,alpha1A:antagonist,,hypertension,neubig2003\n"


def _write_ligands(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "ligands.csv"
    path.write_text(LIGAND_HEADER + body, encoding="utf-8")
    return path


def test_the_ligand_table_covers_the_treatments_chapter():
    table = load_ligands()
    assert len(table) >= 25
    needed = {
        "norepinephrine", "epinephrine", "atomoxetine", "viloxazine", "methylphenidate",
        "amphetamine", "guanfacine", "clonidine", "dexmedetomidine", "venlafaxine",
        "duloxetine", "milnacipran", "reboxetine", "desipramine", "nortriptyline", "bupropion",
        "mirtazapine", "propranolol", "prazosin", "tamsulosin", "doxazosin", "metoprolol",
        "atenolol", "bisoprolol", "carvedilol", "labetalol", "salbutamol", "mirabegron",
        "phenylephrine", "dobutamine", "isoprenaline", "droxidopa", "midodrine", "yohimbine",
        "cocaine", "phenelzine", "selegiline",
    }  # fmt: skip
    assert needed <= set(table), sorted(needed - set(table))


def test_every_ligand_row_is_sourced_with_known_actions():
    keys = reference_keys()
    for ligand in load_ligands().values():
        assert ligand.sources, ligand.ligand
        assert set(ligand.sources) <= keys, ligand.ligand
        assert set(ligand.actions.values()) <= set(ACTIONS)
        assert set(ligand.other_actions) <= set(OTHER_ACTIONS)
        assert ligand.actions or ligand.other_actions, f"{ligand.ligand} has no action"


def test_target_less_actions_load():
    table = load_ligands()
    assert table["phenelzine"].other_actions == ("MAO inhibitor",)
    assert table["droxidopa"].other_actions == ("norepinephrine prodrug",)
    assert table["droxidopa"].actions == {}
    assert "local anaesthetic" in table["cocaine"].other_actions
    # Methylphenidate blocks NET and DAT; it is not listed as a releaser.
    assert set(table["methylphenidate"].actions.values()) == {"reuptake inhibitor"}
    assert table["amphetamine"].actions["NET"] == "releaser"


@pytest.mark.parametrize(
    "row, message",
    [
        (GOOD_LIGAND.replace("neubig2003", "nobody1999"), r"ligands.csv line 2: source key"),
        (GOOD_LIGAND.replace("alpha1A:", "alpha9:"), r"line 2: unknown target 'alpha9'"),
        (GOOD_LIGAND.replace(":antagonist", ":blocker"), r"line 2: unknown action 'blocker'"),
        (GOOD_LIGAND.replace(",,", ",teleporter,"), r"line 2: unknown other action"),
        (GOOD_LIGAND.replace("neubig2003", ""), r"line 2: source must name at least one key"),
        (GOOD_LIGAND.replace("testdrug,", "Test Drug,", 1), r"line 2: ligand id"),
        (
            GOOD_LIGAND.replace("alpha1A:antagonist", "alpha1A:antagonist;alpha1A:agonist"),
            r"line 2: target 'alpha1A' is listed twice",
        ),
    ],
)
def test_bad_ligand_rows_name_the_file_and_line(tmp_path, row, message):
    with pytest.raises(DataError, match=message):
        load_ligands(_write_ligands(tmp_path, row))


def test_a_good_ligand_row_with_a_target_less_action_loads(tmp_path):
    row = "prodrugx,Prodrug X,prodrug,,norepinephrine prodrug,,neubig2003;iversen2006\n"
    (ligand,) = load_ligands(_write_ligands(tmp_path, row)).values()
    assert ligand.other_actions == ("norepinephrine prodrug",)
    assert ligand.sources == ("neubig2003", "iversen2006")


def test_an_affinity_row_for_a_ligand_missing_from_the_ligand_file_is_rejected(tmp_path):
    ligands = _write_ligands(tmp_path, GOOD_LIGAND)
    path = _write(tmp_path, GOOD)  # GOOD names norepinephrine, absent from this ligand file
    with pytest.raises(DataError, match=r"affinities.csv line 2: unknown ligand 'norepinephrine'"):
        load_affinities(path, ligands_path=ligands)


def test_published_ranges_are_kept_as_ranges_in_the_data():
    rows = [r for r in load_affinities() if r.is_range]
    assert {(r.ligand, r.target) for r in rows} >= {
        ("norepinephrine", "alpha2B"), ("cocaine", "NET"), ("amphetamine", "NET"),
    }  # fmt: skip
    for row in rows:
        assert row.value < row.value_high


# ----- selectivity ratios (Baker 2005) ----------------------------------------------------------
from book.data.selectivity import load_selectivity, selectivity  # noqa: E402

SEL_HEADER = "ligand,higher,lower,ratio,source,location\n"
GOOD_SEL = "atenolol,beta1,beta2,4.7,baker2005,Table 2\n"


def _write_sel(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "selectivity.csv"
    path.write_text(SEL_HEADER + body, encoding="utf-8")
    return path


def test_selectivity_ratios_read_as_published():
    assert selectivity("atenolol", "beta1", "beta2") == pytest.approx(4.7)
    assert selectivity("bisoprolol", "beta1", "beta2") == pytest.approx(13.5)
    assert selectivity("propranolol", "beta2", "beta1") == pytest.approx(8.3)
    assert selectivity("propranolol", "beta1", "beta2") == pytest.approx(1 / 8.3)
    assert selectivity("atenolol", "beta1", "alpha1A") is None


def test_each_drugs_three_ratios_fit_together():
    """K3/K1 = (K2/K1)(K3/K2): checks every ratio's direction was read correctly."""
    by_drug: dict[str, list] = {}
    for row in load_selectivity():
        by_drug.setdefault(row.ligand, []).append(row)
    for drug, rows in by_drug.items():
        assert len(rows) == 3, drug
        b1_b2 = selectivity(drug, "beta1", "beta2")
        b2_b3 = selectivity(drug, "beta2", "beta3")
        b1_b3 = selectivity(drug, "beta1", "beta3")
        assert b1_b3 == pytest.approx(b1_b2 * b2_b3, rel=0.03), drug


@pytest.mark.parametrize(
    "row, message",
    [
        (GOOD_SEL.replace("baker2005", "nobody1999"), r"selectivity.csv line 2: source key"),
        (GOOD_SEL.replace(",4.7,", ",0.5,"), r"line 2: ratio 0.5 must be between 1"),
        (GOOD_SEL.replace(",4.7,", ",x,"), r"line 2: ratio 'x' is not a number"),
        (GOOD_SEL.replace("beta2", "beta9"), r"line 2: unknown target 'beta9'"),
        (GOOD_SEL.replace("beta2", "beta1"), r"line 2: higher and lower must be different"),
        (GOOD_SEL.replace("atenolol", "unobtainium"), r"line 2: unknown ligand"),
    ],
)
def test_bad_selectivity_rows_name_the_file_and_line(tmp_path, row, message):
    with pytest.raises(DataError, match=message):
        load_selectivity(_write_sel(tmp_path, row))


def test_a_pair_listed_twice_is_rejected(tmp_path):
    twice = GOOD_SEL + "atenolol,beta2,beta1,2.0,baker2005,Table 2\n"
    with pytest.raises(DataError, match=r"line 3: atenolol has this pair of targets twice"):
        load_selectivity(_write_sel(tmp_path, twice))


def test_short_citations_name_one_two_or_many_authors_with_accents():
    from book.data.references import short_citation

    assert short_citation("iversen2006") == "Iversen 2006"
    assert short_citation("ramos2007") == "Ramos and Arnsten 2007"
    assert short_citation("bymaster2002") == "Bymaster et al. 2002"
    assert short_citation("bonisch1984") == "Bönisch 1984"
    assert short_citation("no-such-key") == "no-such-key"


def _cited_keys() -> set[str]:
    """Every key a chapter cites or a data row (ligands, affinities, registry...) names."""
    import csv

    cited: set[str] = set()
    chapters = Path(__file__).resolve().parents[1] / "chapters"
    for path in chapters.glob("*.md"):
        for group in re.findall(r"\{cite:[pt]\}`([^`]+)`", path.read_text(encoding="utf-8")):
            cited |= {key.strip() for key in group.split(",")}
    for path in REFERENCES_BIB.parent.glob("*.csv"):
        with open(path, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                cited |= {k.strip() for k in (row.get("source") or "").split(";") if k.strip()}
    return cited


def test_every_reference_is_cited_and_every_citation_is_a_reference():
    keys, cited = set(reference_keys()), _cited_keys()
    assert not keys - cited, f"listed but cited nowhere: {sorted(keys - cited)}"
    assert not cited - keys, f"cited but not in references.bib: {sorted(cited - keys)}"


def test_no_provenance_remark_is_printed_in_a_note():
    from book.data.references import bibliography

    for key, entry in bibliography().entries.items():
        note = entry.fields.get("note", "").lower()
        for word in ("verified", "recall", "read in", "stored copy", "not displayed"):
            assert word not in note, (key, note)


# ----- the three states of a matrix cell ------------------------------------------------------
from book.data.affinities import CELL_STATES, affinity, cell_state, ligands  # noqa: E402


def test_actions_that_labels_and_reviews_state_are_in_the_data():
    table = ligands()
    for target in ("beta1", "beta2", "beta3"):
        assert table["epinephrine"].actions[target] == "agonist"
    assert "beta3" in table["norepinephrine"].actions
    for drug in ("clonidine", "dexmedetomidine"):
        assert {"alpha2A", "alpha2C"} <= set(table[drug].actions), drug
    # Every ligand has at least one action, at a matrix target or elsewhere.
    assert all(entry.actions or entry.other_actions for entry in table.values())


def test_every_cell_is_in_exactly_one_of_three_states():
    counts = dict.fromkeys(CELL_STATES, 0)
    for ligand, entry in ligands().items():
        for target in TARGETS:
            state = cell_state(ligand, target)
            counts[state.state] += 1
            if affinity(ligand, target) is not None:
                assert state.state == "value" and state.affinity is affinity(ligand, target)
            elif target in entry.actions:
                assert state.state == "action" and state.action == entry.actions[target]
            else:
                assert state == cell_state(ligand, target) and state.state == "unknown"
                assert state.action is None and state.affinity is None
    assert all(counts.values()), counts  # the matrix really shows all three
    assert cell_state("guanfacine", "alpha2A").state == "action"
    assert cell_state("propranolol", "NET").state == "unknown"
    assert cell_state("atomoxetine", "NET").state == "value"


@pytest.mark.parametrize(
    ("ligand", "target", "message"),
    [("nonesuch", "NET", "ligand must be"), ("atomoxetine", "GABA", "target must be")],
)
def test_a_cell_of_an_unknown_ligand_or_target_is_refused(ligand, target, message):
    with pytest.raises(ValueError, match=message):
        cell_state(ligand, target)
