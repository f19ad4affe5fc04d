"""Input checks shared by every public function: bad input is a clear ``ValueError``."""

from __future__ import annotations

import math
from numbers import Real

import numpy as np


def check_number(
    name: str,
    value: object,
    low: float = -math.inf,
    high: float = math.inf,
    *,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """Return ``value`` as a float if it is a finite real number inside the allowed range.

    Raises ``ValueError`` naming the parameter and its range otherwise (NaN, infinity,
    booleans, strings and other types included). ``low_open``/``high_open`` exclude the bound.
    """
    allowed = _describe_range(low, high, low_open, high_open)
    if isinstance(value, bool) or not isinstance(value, Real | np.number):
        raise ValueError(f"{name} must be a number in {allowed}; got {value!r}")
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        raise ValueError(f"{name} must be a finite number in {allowed}; got {value!r}")
    below = number <= low if low_open else number < low
    above = number >= high if high_open else number > high
    if below or above:
        raise ValueError(f"{name} must be in {allowed}; got {number:g}")
    return number


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
        raise ValueError(f"{name} must be finite numbers in {allowed}; got NaN or infinity")
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
