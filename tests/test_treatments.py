"""The conditions chapter: drugs named are in the data, predictions are finite and behave."""

from __future__ import annotations

import math
import re

import pytest

from book.data.affinities import TARGETS, affinity, load_ligands, reference_keys
from book.data.selectivity import selectivity
from book.figures.treatments import PAIRS, treatment_spec
from book.models import arousal
from book.models.receptors import conc_for_occupancy_nM, occupancy
from book.models.treatments import (
    MEAN_NE,
    PEAK_NE,
    arousal_preset,
    cleft_ratios,
    drug_ids,
    drug_profile,
    ne_occupancy_ratio,
    occupancy_at_other_target,
    primary_target,
)
from book.widgets.tables import drug_table_rows
from tests.chapters import markdown

MEAN, PEAK = MEAN_NE, PEAK_NE
ALPHA1 = "NE's share of α1"
DOSES = [float(d) for d in treatment_spec().parameter("primary_pct").grid(20) if d > 0]

#: Names a reader may meet for drugs in the ligand data (brands, salts, other spellings).
SYNONYMS = {
    "ritalin": "methylphenidate",
    "adderall": "amphetamine",
    "dextroamphetamine": "amphetamine",
    "amphetamines": "amphetamine",
    "levophed": "norepinephrine",
    "norepinephrine bitartrate": "norepinephrine",
    "albuterol": "salbutamol",
    "isoproterenol": "isoprenaline",
    "metoprolol succinate": "metoprolol",
    "strattera": "atomoxetine",
    "qelbree": "viloxazine",
}
#: Drugs that act on the noradrenergic system but are NOT in the ligand data: the chapter
#: must not name them until a sourced row is added.
NOT_IN_DATA = (
    "moclobemide", "phenoxybenzamine", "phentolamine", "vasopressin", "levodopa", "ivabradine",
    "fludrocortisone", "pyridostigmine", "terazosin", "nebivolol", "esmolol",
    "lisdexamfetamine", "modafinil", "methyldopa", "metyrosine", "reserpine", "sertraline",
    "fluoxetine", "escitalopram", "pregabalin", "gabapentin", "lofexidine", "tizanidine",
)  # fmt: skip


def _markdown() -> str:
    return markdown("conditions")


def _drug_names() -> dict[str, str]:
    """Every name to look for -> the ligand id it must resolve to (None if not in the data)."""
    names: dict[str, str] = {}
    for ligand, entry in load_ligands().items():
        names[entry.name.split(" (")[0].lower()] = ligand
        names[ligand] = ligand
        for alias in re.findall(r"\(([^)]+)\)", entry.name):
            names[alias.lower()] = ligand
    names |= SYNONYMS
    names |= dict.fromkeys(NOT_IN_DATA, "")
    return names


def test_every_drug_the_chapter_names_has_a_row_in_the_ligand_data():
    text = _markdown().lower()
    ligands = load_ligands()
    found = {}
    for name, ligand in _drug_names().items():
        if re.search(rf"\b{re.escape(name)}\b", text):
            found[name] = ligand
    missing = sorted(name for name, ligand in found.items() if ligand not in ligands)
    assert not missing, f"the chapter names drugs that have no row in ligands.csv: {missing}"
    # the chapter covers the main classes: a sample must be named
    for drug in ("atomoxetine", "viloxazine", "methylphenidate", "guanfacine", "duloxetine",
                 "mirtazapine", "bupropion", "propranolol", "prazosin", "carvedilol",
                 "droxidopa", "midodrine", "norepinephrine", "clonidine"):  # fmt: skip
        assert drug in found.values(), drug


def test_the_chapter_cites_only_known_keys():
    text = _markdown()
    cited = {key.strip() for group in re.findall(r"\{cite:[pt]\}`([^`]+)`", text)
             for key in group.split(",")}  # fmt: skip
    keys = reference_keys()
    assert cited <= keys, sorted(cited - keys)


def test_the_chapter_has_its_disclaimer_admonitions_and_exercises_and_no_doses():
    text = _markdown()
    assert text.index("Not medical advice") < text.index("## ")
    for kind in ("Common misconception", "Clinical note", "Preliminary evidence"):
        assert f"{{admonition}} {kind}" in text, kind
    assert text.count("{exercise}") >= 5
    # no dosing advice: no amounts of a medicine anywhere in the prose
    assert not re.search(r"\b\d+(\.\d+)?\s?(mg|µg|mcg|micrograms?|milligrams?)\b", text)
    for wrong in ("Levofed", "Levophed"):
        assert wrong in text  # the misspelling is named once, in the misconception


def test_the_explorer_gives_a_finite_prediction_for_every_drug():
    for drug in drug_ids():
        for dose in (0.0, 50.0, 95.0):
            profile = drug_profile(drug, dose)
            values = [v for v in profile.occupancy.values() if v is not None]
            values += [v for v in profile.effects.values() if v is not None]
            assert all(math.isfinite(v) for v in values), drug
            assert all(0.0 <= v <= 1.0 for v in profile.occupancy.values() if v is not None)
            # a blank prediction always says why
            for row, value in profile.effects.items():
                if value is None:
                    assert profile.why[row], (drug, row)


def test_at_zero_dose_nothing_changes():
    for drug in drug_ids():
        profile = drug_profile(drug, 0.0)
        for value in profile.effects.values():
            assert value is None or value == pytest.approx(1.0, abs=1e-9), drug


def test_net_inhibitors_raise_predicted_ne_near_terminals():
    blockers = [d for d in drug_ids() if load_ligands()[d].actions.get("NET") in
                ("reuptake inhibitor", "releaser")]  # fmt: skip
    assert {"atomoxetine", "desipramine", "methylphenidate", "amphetamine"} <= set(blockers)
    for drug in blockers:
        previous = 1.0
        for dose in DOSES:
            profile = drug_profile(drug, dose)
            mean = profile.effects[MEAN]
            assert mean is not None and mean >= previous - 1e-9, (drug, dose)
            previous = mean
        assert drug_profile(drug, 95.0).effects[PEAK] > 1.0, drug


def test_net_occupancy_comes_from_the_sourced_constants():
    # desipramine: primary NET; venlafaxine: primary SERT (Kd 8.9 nM) with NET Kd 1060 nM
    assert primary_target("desipramine") == "NET"
    assert primary_target("venlafaxine") == "SERT"
    profile = drug_profile("venlafaxine", 50.0)
    sert, net = affinity("venlafaxine", "SERT").k_nM, affinity("venlafaxine", "NET").k_nM
    assert profile.conc_nM == pytest.approx(sert)
    assert profile.primary_affinity is affinity("venlafaxine", "SERT")  # the one rule
    assert profile.occupancy["NET"] == pytest.approx(occupancy(sert, net))
    assert drug_profile("desipramine", 50.0).effects[MEAN] > 1.5 * profile.effects[MEAN]


def test_a_releaser_raises_ne_more_than_a_blocker_at_the_same_net_occupancy():
    blocker = drug_profile("methylphenidate", 50.0).effects[MEAN]
    releaser = drug_profile("amphetamine", 50.0).effects[MEAN]
    assert releaser > blocker > 1.0


@pytest.mark.parametrize("drug", ["prazosin", "doxazosin", "tamsulosin"])
def test_alpha1_antagonists_lower_alpha1_activation_with_dose(drug):
    # no alpha-1 affinity is sourced, so the dose is the share of alpha-1 occupied, and
    # NE's share of alpha-1 falls to (1 - occupied) in the low-occupancy limit
    assert primary_target(drug) == "alpha1A"
    previous = 1.0
    for dose in DOSES:
        share = drug_profile(drug, dose).effects[ALPHA1]
        assert share == pytest.approx(1 - dose / 100, rel=1e-3)
        assert share < previous
        previous = share


def test_a_beta_blocker_alone_leaves_alpha1_untouched():
    for drug in ("propranolol", "metoprolol", "bisoprolol"):
        assert drug_profile(drug, 90.0).effects[ALPHA1] == pytest.approx(1.0)


@pytest.mark.parametrize("drug", ["metoprolol", "atenolol", "bisoprolol"])
def test_beta1_selective_blockers_occupy_beta1_more_than_beta2(drug):
    # Baker (2005), Table 2: beta1 over beta2 13.5 (bisoprolol), 4.7 (atenolol), 2.3 (metoprolol)
    ratio = selectivity(drug, "beta1", "beta2")
    assert ratio > 1
    for dose in DOSES:
        profile = drug_profile(drug, dose)
        assert profile.occupancy["beta1"] > profile.occupancy["beta2"]
        assert profile.occupancy["beta2"] == pytest.approx(
            occupancy_at_other_target(dose / 100, ratio)
        )


def test_propranolol_and_carvedilol_occupy_beta2_more_than_beta1():
    for drug in ("propranolol", "carvedilol"):
        for dose in DOSES:
            profile = drug_profile(drug, dose)
            assert profile.occupancy["beta2"] > profile.occupancy["beta1"]


def test_selectivity_fades_at_high_occupancy():
    # at 95% of beta1 metoprolol still holds most of beta2: selectivity is a ratio, not a wall
    assert drug_profile("metoprolol", 95.0).occupancy["beta2"] == pytest.approx(0.89, abs=0.005)
    assert drug_profile("metoprolol", 5.0).occupancy["beta2"] == pytest.approx(0.022, abs=0.001)


def test_agonists_and_unmodelled_drugs_are_blank_not_guessed():
    assert drug_profile("clonidine", 50.0).effects["NE's share of α2"] is None
    assert drug_profile("dobutamine", 50.0).effects["NE's share of β1"] is None
    for drug in ("droxidopa", "midodrine", "phenelzine", "selegiline"):
        profile = drug_profile(drug, 50.0)
        assert primary_target(drug) is None
        assert all(v is None for v in profile.effects.values())
        assert all(v is None for v in profile.occupancy.values())


def test_mass_action_helpers():
    # occupancy at a second target equals mass action at the one free concentration
    conc = conc_for_occupancy_nM(0.8, 5.0)
    assert conc == pytest.approx(20.0)
    assert occupancy_at_other_target(0.8, 1451 / 5) == pytest.approx(occupancy(conc, 1451))
    assert occupancy_at_other_target(0.8, 2.3) == pytest.approx(4 / 6.3)
    # NE's share: low-occupancy limit and the exact Gaddum form agree when NE is scarce
    assert ne_occupancy_ratio(2.0, 0.5) == pytest.approx(1.0)
    assert ne_occupancy_ratio(2.0, 0.5, 1e-6) == pytest.approx(1.0, rel=1e-5)
    assert ne_occupancy_ratio(1.0, 0.0, 3.0) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="primary_fraction"):
        occupancy_at_other_target(1.0, 2.0)
    with pytest.raises(ValueError, match="ratio"):
        occupancy_at_other_target(0.5, 0.0)
    with pytest.raises(ValueError, match="ne_ratio"):
        ne_occupancy_ratio(float("nan"))


def test_cleft_ratios_match_the_clearance_chapter():
    # 90% of NET blocked: the clearance chapter reports mean about 50 nM
    result = cleft_ratios(0.9)
    assert result["mean_nM"] == pytest.approx(50, rel=0.05)
    assert result["mean_ratio"] > result["peak_ratio"] > 1


def test_the_drug_table_is_generated_from_every_ligand():
    rows = drug_table_rows()
    ligands = load_ligands()
    assert len(rows) == len(ligands)
    assert {r["drug"] for r in rows} == {entry.name for entry in ligands.values()}
    keys = reference_keys()
    for row in rows:
        assert set(row["keys"].split(";")) <= keys
        assert row["mechanism"], row["drug"]
    prazosin = next(r for r in rows if r["drug"] == "Prazosin")
    assert prazosin["mechanism"] == "antagonist at α1A, α1B, α1D"


def test_every_comparison_names_two_drugs_in_the_data():
    ids = set(drug_ids())
    for first, second in PAIRS.values():
        assert first in ids and second in ids and first != second
    assert set(TARGETS) == set(drug_profile("atomoxetine", 10.0).occupancy)


def test_drugs_map_onto_the_arousal_models_presets_only_when_their_actions_fit():
    assert arousal_preset("atomoxetine", 50.0) == ("net_inhibitor", pytest.approx(0.5))
    assert arousal_preset("amphetamine", 50.0)[0] == "releaser"
    assert arousal_preset("prazosin", 30.0) == ("prazosin", pytest.approx(0.3))
    assert arousal_preset("metoprolol", 50.0) == ("beta1_blocker", pytest.approx(0.5))
    assert arousal_preset("mirtazapine", 50.0)[0] == "yohimbine"
    for drug in ("carvedilol", "clonidine", "phenylephrine", "droxidopa", "norepinephrine"):
        assert arousal_preset(drug, 50.0) is None, drug
    for drug in drug_ids():
        preset = arousal_preset(drug, 50.0)
        if preset is not None:
            assert preset[0] in arousal.DRUGS
