"""Input checks shared by every public function: bad input is a clear ``ValueError``."""

from __future__ import annotations

import math
from numbers import Real

import numpy as np


def check_number(name: str, value: object, low: float = -math.inf, high: float = math.inf, *,
                 low_open: bool = False, high_open: bool = False) -> float:  # fmt: skip
    """Return ``value`` as a float if it is a finite real number inside the allowed range.

    Raises ``ValueError`` naming the parameter and its range otherwise (NaN, infinity,
    booleans, strings and other types included). ``low_open``/``high_open`` exclude the bound.
    """
    if isinstance(value, bool) or not isinstance(value, Real | np.number):
        allowed = _describe_range(low, high, low_open, high_open)
        raise ValueError(f"{name} must be a number in {allowed}; got {value!r}")
    return float(check_array(name, float(value), low, high, low_open=low_open,
                             high_open=high_open))  # fmt: skip


def check_array(
    name: str,
    values: object,
    low: float = -math.inf,
    high: float = math.inf,
    *,
    low_open: bool = False,
    high_open: bool = False,
) -> np.ndarray:
    """Return ``values`` as a float array if every element passes :func:`check_number`."""
    allowed = _describe_range(low, high, low_open, high_open)
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numbers in {allowed}; got {values!r}") from None
    if isinstance(values, bool) or np.asarray(values).dtype == bool:
        raise ValueError(f"{name} must be numbers in {allowed}; got booleans")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be a finite number in {allowed}; got NaN or infinity")
    below = array <= low if low_open else array < low
    above = array >= high if high_open else array > high
    if np.any(below | above):
        bad = array[below | above].flat[0]
        raise ValueError(f"{name} must be in {allowed}; got {bad:g}")
    return array


def check_choice(name: str, value: object, options: tuple[str, ...] | list[str]) -> str:
    """Return ``value`` if it is one of ``options``; otherwise raise ``ValueError``."""
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"{name} must be one of {', '.join(map(str, options))}; got {value!r}")
    return value


def _describe_range(low: float, high: float, low_open: bool, high_open: bool) -> str:
    left = "(" if low_open or math.isinf(low) else "["
    right = ")" if high_open or math.isinf(high) else "]"
    return f"{left}{low:g}, {high:g}{right}"


def check_fields(record: object, positive: tuple[str, ...] = (), high: float = 1e7) -> None:
    """Check every numeric field of a parameter dataclass: fractions (``*_fraction``) in
    [0, 1], the rest in [0, ``high``], the names in ``positive`` above 0."""
    from dataclasses import fields

    for item in fields(record):  # type: ignore[arg-type]
        number = getattr(record, item.name)
        upper = 1.0 if item.name.endswith("_fraction") else high
        check_number(item.name, number, 0.0, upper, low_open=item.name in positive)
