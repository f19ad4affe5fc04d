"""Loaders for the binding-affinity and ligand tables.

Every row of ``affinities.csv`` is one published value with a ``source`` key that must exist
in ``references.bib``. A bad row raises :class:`DataError` naming the file and line.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from book.data.references import REFERENCES_BIB, reference_keys

DATA_DIR = Path(__file__).resolve().parent
AFFINITIES_CSV = DATA_DIR / "affinities.csv"
LIGANDS_CSV = DATA_DIR / "ligands.csv"

#: The twelve targets of the receptor x drug matrix, in display order.
TARGETS: tuple[str, ...] = (
    "alpha1A", "alpha1B", "alpha1D",
    "alpha2A", "alpha2B", "alpha2C",
    "beta1", "beta2", "beta3",
    "NET", "SERT", "DAT",
)  # fmt: skip
VALUE_TYPES = ("pKi", "pKd", "pIC50")
AFFINITY_RANGE = (2.0, 12.0)  # log units; anything outside is a typo, not a drug
ACTIONS = (
    "agonist",  # the source says agonist without grading efficacy
    "full agonist",
    "partial agonist",
    "antagonist",
    "inverse agonist",
    "reuptake inhibitor",
    "releaser",
    "substrate",
)
#: Actions that belong to no target of the matrix (enzymes, metabolism, other channels).
OTHER_ACTIONS = (
    "MAO inhibitor",
    "MAO-B inhibitor",
    "norepinephrine prodrug",
    "prodrug of an alpha1 agonist",
    "local anaesthetic",
    "indirect sympathomimetic (releaser)",
    "VMAT inhibitor",
    "adrenergic neuron blocker",
    "vasopressin receptor agonist",
    "muscarinic antagonist",
    "ganglionic (nicotinic) blocker",
)


class DataError(ValueError):
    """A curated table has a bad row; the message names the file and line."""


@dataclass(frozen=True)
class Affinity:
    """One published affinity: ``value`` is a negative log molar constant (pKi etc.)."""

    ligand: str
    target: str
    value_type: str
    value: float
    species: str
    assay: str
    source: str
    location: str
    value_high: float | None = None  # upper end when the source gives a range

    @property
    def is_range(self) -> bool:
        return self.value_high is not None

    @property
    def central_value(self) -> float:
        """The value, or the middle of a published range (in log units)."""
        return self.value if self.value_high is None else (self.value + self.value_high) / 2

    @property
    def k_nM(self) -> float:
        """The dissociation (or inhibition) constant in nM (middle of a range, in log units)."""
        return 10.0 ** (9.0 - self.central_value)

    @property
    def spread_log(self) -> float:
        """Width of a published range in log units (0 for a point value)."""
        return 0.0 if self.value_high is None else self.value_high - self.value

    @property
    def k_range_nM(self) -> tuple[float, float]:
        """(lowest, highest) constant in nM: the same number twice for a point value."""
        high = self.value if self.value_high is None else self.value_high
        return 10.0 ** (9.0 - high), 10.0 ** (9.0 - self.value)


@dataclass(frozen=True)
class Ligand:
    """A ligand's identity: display name, class, actions at targets, main approved uses.

    ``actions`` maps matrix targets to an entry of :data:`ACTIONS`; ``other_actions`` holds
    actions with no matrix target (an entry of :data:`OTHER_ACTIONS`, e.g. MAO inhibition).
    """

    ligand: str
    name: str
    drug_class: str
    actions: dict[str, str]
    uses: str
    source: str
    other_actions: tuple[str, ...] = ()

    @property
    def short_name(self) -> str:
        """'Salbutamol' for 'Salbutamol (albuterol)': the name before any bracket."""
        return self.name.split(" (")[0]

    @property
    def sources(self) -> tuple[str, ...]:
        """The citation keys behind the row (``source`` may hold several, separated by ';')."""
        return tuple(key.strip() for key in self.source.split(";") if key.strip())


def _rows(path: Path, columns: tuple[str, ...]):
    """Yield (line number, row dict) for a CSV whose header must be exactly ``columns``."""
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != columns:
            raise DataError(
                f"{path.name} line 1: header must be {','.join(columns)}; "
                f"got {','.join(reader.fieldnames or ())}"
            )
        for row in reader:
            yield reader.line_num, {key: (value or "").strip() for key, value in row.items()}


LIGAND_COLUMNS = ("ligand", "name", "drug_class", "actions", "other_actions", "uses", "source")
AFFINITY_COLUMNS = (
    "ligand", "target", "value_type", "value", "value_high", "species", "assay", "source",
    "location",
)  # fmt: skip


def load_ligands(path: Path = LIGANDS_CSV, bib_path: Path = REFERENCES_BIB) -> dict[str, Ligand]:
    """Load the ligand table, keyed by ligand id; validates actions and source keys."""
    path, keys = Path(path), reference_keys(Path(bib_path))
    ligands: dict[str, Ligand] = {}
    for line, row in _rows(path, LIGAND_COLUMNS):
        where = f"{path.name} line {line}"
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", row["ligand"]):
            raise DataError(f"{where}: ligand id {row['ligand']!r} must be lowercase a-z, 0-9, -")
        if row["ligand"] in ligands:
            raise DataError(f"{where}: ligand {row['ligand']!r} is listed twice")
        actions: dict[str, str] = {}
        for item in filter(None, row["actions"].split(";")):
            target, _, action = (part.strip() for part in item.partition(":"))
            if target not in TARGETS:
                raise DataError(f"{where}: unknown target {target!r} in actions")
            if action not in ACTIONS:
                raise DataError(f"{where}: unknown action {action!r}; use one of {ACTIONS}")
            if target in actions:
                raise DataError(f"{where}: target {target!r} is listed twice in actions")
            actions[target] = action
        other = tuple(item.strip() for item in row["other_actions"].split(";") if item.strip())
        for action in other:
            if action not in OTHER_ACTIONS:
                raise DataError(
                    f"{where}: unknown other action {action!r}; use one of {OTHER_ACTIONS}"
                )
        if not row["source"].strip():
            raise DataError(f"{where}: source must name at least one key in references.bib")
        for key in filter(None, row["source"].split(";")):
            if key.strip() not in keys:
                raise DataError(f"{where}: source key {key.strip()!r} is not in references.bib")
        if not row["name"] or not row["drug_class"]:
            raise DataError(f"{where}: name and drug_class must not be empty")
        ligands[row["ligand"]] = Ligand(
            row["ligand"], row["name"], row["drug_class"], actions, row["uses"], row["source"],
            other,
        )  # fmt: skip
    return ligands


def ligand_rows(path: Path, columns: tuple[str, ...], ligands_path: Path, bib_path: Path):
    """Yield (where, row) for a table of one row per ligand measurement: the header, the
    ligand (in ``ligands.csv``) and the ``source`` key (in ``references.bib``) checked."""
    path = Path(path)
    keys = reference_keys(Path(bib_path))
    known = load_ligands(Path(ligands_path), Path(bib_path))
    for line, row in _rows(path, columns):
        where = f"{path.name} line {line}"
        if row["ligand"] not in known:
            raise DataError(f"{where}: unknown ligand {row['ligand']!r} (add it to ligands.csv)")
        if row["source"] not in keys:
            raise DataError(f"{where}: source key {row['source']!r} is not in references.bib")
        yield where, row


def load_affinities(
    path: Path = AFFINITIES_CSV,
    ligands_path: Path = LIGANDS_CSV,
    bib_path: Path = REFERENCES_BIB,
) -> list[Affinity]:
    """Load and validate every affinity row (targets, value types, range, ligand, source)."""
    low, high = AFFINITY_RANGE
    rows: list[Affinity] = []
    for where, row in ligand_rows(path, AFFINITY_COLUMNS, ligands_path, bib_path):
        if row["target"] not in TARGETS:
            raise DataError(f"{where}: unknown target {row['target']!r}; use one of {TARGETS}")
        if row["value_type"] not in VALUE_TYPES:
            raise DataError(f"{where}: value_type must be one of {VALUE_TYPES}")
        try:
            value = float(row["value"])
        except ValueError:
            raise DataError(f"{where}: value {row['value']!r} is not a number") from None
        if not math.isfinite(value) or not low <= value <= high:
            raise DataError(f"{where}: value {row['value']} is outside {low:g}-{high:g} log units")
        value_high = None
        if row["value_high"]:
            try:
                value_high = float(row["value_high"])
            except ValueError:
                raise DataError(
                    f"{where}: value_high {row['value_high']!r} is not a number"
                ) from None
            if not math.isfinite(value_high) or not value < value_high <= high:
                raise DataError(f"{where}: value_high must be above value and at most {high:g}")
        if not row["species"] or not row["assay"]:
            raise DataError(f"{where}: species and assay must not be empty")
        rows.append(
            Affinity(
                row["ligand"],
                row["target"],
                row["value_type"],
                value,
                row["species"],
                row["assay"],
                row["source"],
                row["location"],
                value_high,
            )  # fmt: skip
        )
    return rows


#: A published range wider than this (log units) says too little to predict occupancy from.
PRECISE_SPREAD_LOG = 1.0


def _rank(row: Affinity) -> tuple[int, int, int]:
    """Sort key of :func:`affinity`'s rule (lower is preferred); ties keep the CSV order."""
    human = 0 if row.species.lower().startswith("human") else 1
    binding = 0 if row.value_type in ("pKi", "pKd") else 1
    point = 0 if not row.is_range else 1
    return human, binding, point


def affinity(ligand: str, target: str) -> Affinity | None:
    """THE affinity of ``ligand`` at ``target`` that every model, figure and table uses.

    The book's one rule, stated in the receptors chapter: of the sourced rows for the pair,
    (1) a measurement at the human receptor or transporter comes before any other species;
    (2) then a binding constant (Ki, Kd) before a functional one (IC50); (3) then a point value
    before a published range, and a range is kept as a range (its middle, in log units, is
    the value a model uses; :attr:`Affinity.k_range_nM` gives both ends); (4) then the row
    listed first in ``affinities.csv``. None when no row is sourced.
    """
    rows = affinities_for(ligand, target)
    return min(rows, key=_rank) if rows else None


def precise_affinity(ligand: str, target: str) -> Affinity | None:
    """:func:`affinity`, or None when its range spans more than :data:`PRECISE_SPREAD_LOG`.

    A point value or a narrow range can predict occupancy; a range of several log units (an
    agonist measured in different receptor states, say) cannot.
    """
    row = affinity(ligand, target)
    return row if row is not None and row.spread_log <= PRECISE_SPREAD_LOG else None


def affinities_for(ligand: str, target: str) -> tuple[Affinity, ...]:
    """Every sourced row of ``ligand`` at ``target``, in the order listed (may be empty)."""
    return tuple(r for r in _cached_affinities() if r.ligand == ligand and r.target == target)


def coverage() -> dict[str, int]:
    """How much of the ligand x target matrix the data fill (counts of rows and cells)."""
    rows = _cached_affinities()
    table = _cached_ligands()
    filled = {(r.ligand, r.target) for r in rows}
    transporter = {(lig, t) for lig, t in filled if t in ("NET", "SERT", "DAT")}
    targets_with_values = {t for _, t in filled}
    return {
        "ligands": len(table),
        "rows": len(rows),
        "cells": len(table) * len(TARGETS),
        "filled": len(filled),
        "filled_adrenoceptor": len(filled) - len(transporter),
        "filled_transporter": len(transporter),
        "targets_with_values": len(targets_with_values),
        "actions_without_value": sum(
            (lig, t) not in filled for lig, entry in table for t in entry.actions
        ),
    }


#: The three states of a matrix cell, in the order a reader meets them.
CELL_STATES: tuple[str, ...] = ("value", "action", "unknown")


@dataclass(frozen=True)
class CellState:
    """What the book knows about one ligand at one target.

    ``state`` is ``"value"`` (a sourced affinity: ``affinity`` holds the row the book uses),
    ``"action"`` (a label or review states the action, ``action``, but no value is in the
    data) or ``"unknown"`` (neither). ``action`` is also filled for a value where it is known.
    """

    state: str
    affinity: Affinity | None = None
    action: str | None = None


def cell_state(ligand: str, target: str) -> CellState:
    """The state of the ``ligand`` x ``target`` cell of the matrix (see :class:`CellState`)."""
    table = ligands()
    if ligand not in table:
        raise ValueError(f"ligand must be one of the {len(table)} ligands; got {ligand!r}")
    if target not in TARGETS:
        raise ValueError(f"target must be one of {', '.join(TARGETS)}; got {target!r}")
    action = table[ligand].actions.get(target)
    row = affinity(ligand, target)
    if row is not None:
        return CellState("value", row, action)
    if action is not None:
        return CellState("action", None, action)
    return CellState("unknown")


def acts_at_matrix_targets(ligand: str) -> bool:
    """True if anything (a value or a stated action) is known of ``ligand`` at some target."""
    return any(cell_state(ligand, t).state != "unknown" for t in TARGETS)


#: Class groups of the matrix, in display order: (label, test on the ligand's drug class).
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Catecholamines", ("endogenous",)),
    ("α1 drugs", ("alpha1",)),
    ("α2 drugs", ("alpha2",)),
    ("β drugs", ("beta",)),
    ("Transporter drugs", ("reuptake", "tricyclic", "psychostimulant")),
    ("Other", ()),
)
# A drug class may mention two families ("beta and alpha1 blocker"): the first match in this
# order decides its group, so combined blockers sit with the beta drugs.
_GROUP_PRIORITY = (0, 3, 1, 2, 4)


def ligand_group(entry: Ligand) -> int:
    """Index into :data:`GROUPS` of the ligand's class group."""
    drug_class = entry.drug_class.lower()
    for index in _GROUP_PRIORITY:
        if any(word in drug_class for word in GROUPS[index][1]):
            return index
    return len(GROUPS) - 1


def ordered_ligands() -> tuple[str, ...]:
    """Ligand ids in display order: by class group, then drug class and id; NE comes first."""
    table = ligands()
    return tuple(
        sorted(
            table,
            key=lambda k: (ligand_group(table[k]), table[k].drug_class, k != "norepinephrine", k),
        )
    )


def ligands() -> dict[str, Ligand]:
    """The validated ligand table (cached), keyed by ligand id."""
    return dict(_cached_ligands())


@lru_cache(maxsize=1)
def _cached_ligands() -> tuple[tuple[str, Ligand], ...]:
    return tuple(load_ligands().items())


@lru_cache(maxsize=1)
def _cached_affinities() -> tuple[Affinity, ...]:
    return tuple(load_affinities())
