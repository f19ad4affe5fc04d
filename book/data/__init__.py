"""Curated tables (CSV, one sourced row per value) and their validating loaders."""

from book.data.affinities import (
    TARGETS,
    Affinity,
    DataError,
    load_affinities,
    load_ligands,
    reference_keys,
)

__all__ = [
    "TARGETS",
    "Affinity",
    "DataError",
    "load_affinities",
    "load_ligands",
    "reference_keys",
]
