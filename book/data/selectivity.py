"""Published subtype-selectivity ratios (how many times tighter a ligand binds one receptor).

A ratio compares two affinities measured side by side in one study; it is *not* an affinity
and the book never turns it into one. Each row of ``selectivity.csv`` names the receptor bound
more tightly (``higher``), the other one (``lower``), the ratio (> 1), and its ``source`` key;
a bad row raises :class:`~book.data.affinities.DataError` naming the file and line.

The beta-blocker rows are from Baker (2005), Table 2: affinities measured at human beta1,
beta2 and beta3 adrenoceptors in the same cells, so the ratios are internally consistent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from book.data.affinities import (
    LIGANDS_CSV,
    REFERENCES_BIB,
    TARGETS,
    Affinity,
    DataError,
    ligand_rows,
    precise_affinity,
)

SELECTIVITY_CSV = Path(__file__).resolve().parent / "selectivity.csv"
SELECTIVITY_COLUMNS = ("ligand", "higher", "lower", "ratio", "source", "location")
MAX_RATIO = 1e5  # five log units between two receptors: beyond that a row is a typo


@dataclass(frozen=True)
class Selectivity:
    """``ligand`` binds ``higher`` ``ratio`` times more tightly than ``lower``."""

    ligand: str
    higher: str
    lower: str
    ratio: float
    source: str
    location: str

    @property
    def log_ratio(self) -> float:
        """The ratio in log units (difference of the two pK values)."""
        return math.log10(self.ratio)


def load_selectivity(
    path: Path = SELECTIVITY_CSV,
    ligands_path: Path = LIGANDS_CSV,
    bib_path: Path = REFERENCES_BIB,
) -> list[Selectivity]:
    """Load and validate every selectivity row (ligand, receptors, ratio, source)."""
    rows: list[Selectivity] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    for where, row in ligand_rows(path, SELECTIVITY_COLUMNS, ligands_path, bib_path):
        for column in ("higher", "lower"):
            if row[column] not in TARGETS:
                raise DataError(f"{where}: unknown target {row[column]!r} in column {column}")
        if row["higher"] == row["lower"]:
            raise DataError(f"{where}: higher and lower must be different targets")
        pair = (row["ligand"], frozenset((row["higher"], row["lower"])))
        if pair in seen:
            raise DataError(f"{where}: {row['ligand']} has this pair of targets twice")
        seen.add(pair)
        try:
            ratio = float(row["ratio"])
        except ValueError:
            raise DataError(f"{where}: ratio {row['ratio']!r} is not a number") from None
        if not math.isfinite(ratio) or not 1.0 <= ratio <= MAX_RATIO:
            raise DataError(
                f"{where}: ratio {row['ratio']} must be between 1 and {MAX_RATIO:g} "
                "(name the tighter-binding receptor in 'higher')"
            )
        rows.append(
            Selectivity(row["ligand"], row["higher"], row["lower"], ratio, row["source"],
                        row["location"])
        )  # fmt: skip
    return rows


def selectivity(ligand: str, first: str, second: str) -> float | None:
    """How many times more tightly ``ligand`` binds ``first`` than ``second`` (None if unknown).

    Below 1 when the source found ``second`` the tighter one.
    """
    for row in _cached_selectivity():
        if row.ligand != ligand:
            continue
        if (row.higher, row.lower) == (first, second):
            return row.ratio
        if (row.higher, row.lower) == (second, first):
            return 1.0 / row.ratio
    return None


@lru_cache(maxsize=1)
def _cached_selectivity() -> tuple[Selectivity, ...]:
    return tuple(load_selectivity())


@dataclass(frozen=True)
class RelativeAffinity:
    """How many times more weakly a ligand binds ``target`` than ``reference`` (``ratio``).

    ``basis`` is ``"affinities"`` (both constants from :func:`precise_affinity`; ``rows``
    holds them) or ``"selectivity"`` (a ratio measured side by side; ``source`` its key).
    """

    ratio: float
    basis: str
    source: str
    rows: tuple[Affinity, Affinity] | None = None


def relative_affinity(ligand: str, target: str, reference: str) -> RelativeAffinity | None:
    """K(target) / K(reference) for ``ligand``, by the book's rule, or None if unknown.

    Both constants from the one affinity rule when both are precise (a point value or a
    narrow range); otherwise a published selectivity ratio between the two; otherwise None.
    """
    at_target, at_reference = precise_affinity(ligand, target), precise_affinity(ligand, reference)
    if at_target is not None and at_reference is not None:
        return RelativeAffinity(
            at_target.k_nM / at_reference.k_nM, "affinities", at_target.source,
            (at_target, at_reference),
        )  # fmt: skip
    for row in _cached_selectivity():
        if row.ligand == ligand and {row.higher, row.lower} == {target, reference}:
            ratio = row.ratio if row.higher == reference else 1.0 / row.ratio
            return RelativeAffinity(ratio, "selectivity", row.source)
    return None
