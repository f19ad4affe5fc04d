"""The parameter registry: every model parameter, its value, unit, status and source.

``parameters.csv`` holds one row per parameter::

    name,value,unit,status,source,location,derivation,label

* ``name``: ``<model>.<parameter>`` with the unit at the end (``synapse.net_km_nM``); the
  suffix must match ``unit`` (see :data:`UNITS`).
* ``status``: ``sourced`` (read in ``source``, at ``location``), ``derived`` (computed by
  ``derivation`` from other rows or the affinity table; a test recomputes every one), or
  ``illustrative`` (no readable source gives it; ``location`` says how it was chosen).
* ``source``: ``;``-separated keys of ``references.bib`` (may be empty for an illustrative
  value that borrows nothing from the literature).
* ``derivation``: a Python expression over other parameters (written ``model.name``) and the
  functions named in :data:`DERIVATION_FUNCTIONS`; empty unless ``derived``.

Models take their parameters as keyword arguments whose defaults are
``value("model.name")``, so an explorer or an exercise can move any of them. A bad row raises
:class:`~book.data.affinities.DataError` naming the file and line.
"""

from __future__ import annotations

import ast
import csv
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from book.data.references import REFERENCES_BIB, reference_keys

PARAMETERS_CSV = Path(__file__).resolve().parent / "parameters.csv"
COLUMNS = ("name", "value", "unit", "status", "source", "location", "derivation", "label")
STATUSES = ("sourced", "derived", "illustrative")

#: Allowed units: the unit column's text -> (the name suffix it requires, display text).
#: Dimensionless quantities (gains, ratios of rates, counts) use "1" and no suffix.
UNITS: dict[str, tuple[str, str]] = {
    "nM": ("_nM", "nM"),
    "uM": ("_uM", "µM"),
    "Hz": ("_Hz", "Hz"),
    "s": ("_s", "s"),
    "min": ("_min", "min"),
    "h": ("_h", "h"),
    "1/s": ("_per_s", "per s"),
    "nM/s": ("_nM_per_s", "nM/s"),
    "1/min": ("_per_min", "per min"),
    "1/h": ("_per_h", "per h"),
    "uM/min": ("_uM_per_min", "µM/min"),
    "pmol/min/kg": ("_pmol_per_min_kg", "pmol/min/kg"),
    "g/mol": ("_g_per_mol", "g/mol"),
    "pg/mL": ("_pg_per_mL", "pg/mL"),
    "fold": ("_fold", "×"),
    "fraction": ("_fraction", ""),
    "beats/min": ("_bpm", "beats/min"),
    "mL": ("_mL", "mL"),
    "mmHg": ("_mmHg", "mmHg"),
    "1/mmHg": ("_per_mmHg", "per mmHg"),
    "mmHg*min/L": ("_mmHg_min_per_L", "mmHg·min/L"),
    "1": ("", ""),
}
#: Functions a derivation may call; their implementations are supplied by the caller that
#: recomputes derivations (the tests), so that ``book.data`` never imports the models.
DERIVATION_FUNCTIONS = (
    "affinity_k_nM",
    "net_vmax_for_half_time_nM_per_s",
    "sorting_rate_for_downregulation_per_h",
    "tone_occupancy_for_upregulation",
    "log",
)

_NAME = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-zA-Z0-9_]*")


class ParameterError(ValueError):
    """A bad row in the registry, or an unknown parameter name."""


@dataclass(frozen=True)
class Parameter:
    """One registry row. ``value`` is in ``unit``; ``sources`` are bib keys."""

    name: str
    value: float
    unit: str
    status: str
    source: str
    location: str
    derivation: str
    label: str

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(key.strip() for key in self.source.split(";") if key.strip())

    @property
    def model(self) -> str:
        return self.name.split(".", 1)[0]

    @property
    def short_name(self) -> str:
        return self.name.split(".", 1)[1]

    @property
    def unit_text(self) -> str:
        """The unit as a reader sees it (µM, per s, ×), empty when dimensionless."""
        return UNITS[self.unit][1]

    @property
    def illustrative(self) -> bool:
        return self.status == "illustrative"


def _unit_suffix_ok(name: str, unit: str) -> bool:
    suffix = UNITS[unit][0]
    if suffix:
        # "_per_s" must not be read as "_s", nor "_nM_per_s" as "_per_s" with a bare name.
        longer = [s for s, _ in UNITS.values() if s and s != suffix and s.endswith(suffix)]
        return name.endswith(suffix) and not any(name.endswith(s) for s in longer)
    return not any(name.endswith(s) for s, _ in UNITS.values() if s)


def _names_in(expression: str, where: str) -> set[str]:
    """The ``model.name`` references of a derivation; rejects anything but plain arithmetic."""
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError:
        raise ParameterError(f"{where}: derivation {expression!r} is not an expression") from None
    names: set[str] = set()
    allowed = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Load, ast.operator,
               ast.unaryop, ast.Call, ast.Attribute, ast.Name, ast.keyword)  # fmt: skip
    for node in ast.walk(tree):
        if not isinstance(node, allowed):
            raise ParameterError(f"{where}: derivation may use only arithmetic and calls")
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            names.add(f"{node.value.id}.{node.attr}")
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in DERIVATION_FUNCTIONS:
                raise ParameterError(
                    f"{where}: derivation may call only {', '.join(DERIVATION_FUNCTIONS)}"
                )
    return names


def load_parameters(
    path: Path = PARAMETERS_CSV, bib_path: Path = REFERENCES_BIB
) -> dict[str, Parameter]:
    """Load and validate the registry (names, units, statuses, values, sources, derivations)."""
    path = Path(path)
    keys = reference_keys(Path(bib_path))
    rows: dict[str, Parameter] = {}
    references: dict[str, tuple[str, set[str]]] = {}
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ParameterError(f"{path.name} line 1: header must be {','.join(COLUMNS)}")
        for row in reader:
            row = {k: (v or "").strip() for k, v in row.items()}
            where = f"{path.name} line {reader.line_num}"
            name = row["name"]
            if not _NAME.fullmatch(name):
                raise ParameterError(f"{where}: name {name!r} must look like model.name")
            if name in rows:
                raise ParameterError(f"{where}: {name} is listed twice")
            if row["unit"] not in UNITS:
                raise ParameterError(f"{where}: unit {row['unit']!r} must be one of {list(UNITS)}")
            if not _unit_suffix_ok(name, row["unit"]):
                suffix = UNITS[row["unit"]][0] or "no unit suffix"
                raise ParameterError(f"{where}: {name} has unit {row['unit']}: name needs {suffix}")
            try:
                value = float(row["value"])
            except ValueError:
                raise ParameterError(f"{where}: value {row['value']!r} is not a number") from None
            high = 1.0 if row["unit"] == "fraction" else math.inf
            if not math.isfinite(value) or not 0.0 <= value <= high:
                allowed = "[0, 1]" if row["unit"] == "fraction" else "a finite number >= 0"
                raise ParameterError(f"{where}: value of {name} must be {allowed}")
            status = row["status"]
            if status not in STATUSES:
                raise ParameterError(f"{where}: status must be one of {STATUSES}")
            for key in filter(None, (k.strip() for k in row["source"].split(";"))):
                if key not in keys:
                    raise ParameterError(f"{where}: source key {key!r} is not in references.bib")
            if status == "sourced" and not (row["source"] and row["location"]):
                raise ParameterError(f"{where}: a sourced value needs source and location")
            if (status == "derived") != bool(row["derivation"]):
                raise ParameterError(f"{where}: a derivation is needed exactly when derived")
            if not row["location"] or not row["label"]:
                raise ParameterError(f"{where}: location and label must not be empty")
            if row["derivation"]:
                references[name] = (where, _names_in(row["derivation"], where))
            rows[name] = Parameter(
                name, value, row["unit"], status, row["source"], row["location"],
                row["derivation"], row["label"],
            )  # fmt: skip
    for name, (where, used) in references.items():
        unknown = sorted(used - set(rows))
        if unknown:
            raise ParameterError(f"{where}: derivation of {name} uses unknown {unknown[0]}")
    return rows


@lru_cache(maxsize=1)
def _registry() -> dict[str, Parameter]:
    return load_parameters()


def parameter(name: str) -> Parameter:
    """The registry row ``name``; ``ParameterError`` (a ``ValueError``) if there is none."""
    try:
        return _registry()[name]
    except KeyError:
        raise ParameterError(f"no parameter {name!r} in parameters.csv") from None


def value(name: str) -> float:
    """The registry value of ``name`` (in the row's unit): the default of a model argument."""
    return parameter(name).value


def parameters(model: str | None = None) -> dict[str, Parameter]:
    """Every row, or those of one ``model`` (the part of the name before the dot)."""
    rows = _registry()
    return {n: p for n, p in rows.items() if model is None or p.model == model}


def recompute(name: str, functions: dict[str, object]) -> float:
    """Evaluate a derived row's derivation with the registry's values and ``functions``."""
    row = parameter(name)
    if row.status != "derived":
        raise ParameterError(f"{name} is {row.status}, not derived")
    namespaces: dict[str, object] = {}
    for other in _registry().values():
        namespaces.setdefault(other.model, _Namespace())
        setattr(namespaces[other.model], other.short_name, other.value)
    env = {"__builtins__": {}, "log": math.log, **namespaces, **functions}
    return float(eval(row.derivation, env))  # noqa: S307 - the AST was checked on load


class _Namespace:
    """Holds one model's parameters as attributes for :func:`recompute`."""
