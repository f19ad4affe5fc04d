"""Converting plasma norepinephrine between mass and molar units (pg/mL and nmol/L).

1 pg/mL is 1e-9 g/L; dividing by the molar mass (g/mol) gives mol/L, so

    nmol/L = (pg/mL) / M        and        pg/mL = (nmol/L) x M,

with M = 169.18 g/mol for norepinephrine (free base, C8H11NO3; ``wikipediand``, which lists
PubChem CID 439260; registry row ``units.ne_molar_mass_g_per_mol``). The same number follows
from the formula and standard atomic weights:
8 x 12.011 + 11 x 1.008 + 14.007 + 3 x 15.999 = 169.180. 1 nmol/L is therefore about
169 pg/mL. Laboratories report either unit, so a converter saves reading a range wrongly.
"""

from __future__ import annotations

from book.data.parameters import value
from book.models.validation import check_array, check_number

NE_MOLAR_MASS_G_PER_MOL = value("units.ne_molar_mass_g_per_mol")  # registry (wikipediand)
MAX_PG_PER_ML = 1e9  # far above any plasma value; anything larger is a typing error


def _as_result(array):
    return float(array) if array.ndim == 0 else array


def _values(name: str, value: object, high: float):
    """Numbers (or an array of them) in [0, high]; text such as "200" is refused too."""
    if isinstance(value, str | bytes):
        raise ValueError(f"{name} must be a number or an array of numbers; got {value!r}")
    return check_array(name, value, 0.0, high)


def pg_per_mL_to_nmol_per_L(value_pg_per_mL, molar_mass_g_per_mol=NE_MOLAR_MASS_G_PER_MOL):
    """Convert pg/mL to nmol/L (number or array, >= 0). ``ValueError`` names bad input."""
    values = _values("value_pg_per_mL", value_pg_per_mL, MAX_PG_PER_ML)
    mass = check_number("molar_mass_g_per_mol", molar_mass_g_per_mol, 0.0, 1e6, low_open=True)
    return _as_result(values / mass)


def nmol_per_L_to_pg_per_mL(value_nmol_per_L, molar_mass_g_per_mol=NE_MOLAR_MASS_G_PER_MOL):
    """Convert nmol/L to pg/mL (number or array, >= 0). ``ValueError`` names bad input."""
    mass = check_number("molar_mass_g_per_mol", molar_mass_g_per_mol, 0.0, 1e6, low_open=True)
    values = _values("value_nmol_per_L", value_nmol_per_L, MAX_PG_PER_ML / mass)
    return _as_result(values * mass)
