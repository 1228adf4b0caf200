"""Input validation shared by every model.

Every public model function checks its arguments with these helpers, so bad input fails early
with a ``ValueError`` that names the parameter and its allowed range instead of returning NaN
into a chart.
"""
from __future__ import annotations

import math
from numbers import Real

import numpy as np


def _describe(lo: float | None, hi: float | None, lo_open: bool, hi_open: bool) -> str:
    if lo is not None and hi is not None:
        return f"{'(' if lo_open else '['}{lo:g}, {hi:g}{')' if hi_open else ']'}"
    if lo is not None:
        return f"{'>' if lo_open else '>='} {lo:g}"
    if hi is not None:
        return f"{'<' if hi_open else '<='} {hi:g}"
    return "any finite number"


_PLAIN_NUMBERS = frozenset({float, int, np.float64, np.int64})  # real numbers, and not bool


def check_number(
    name: str,
    value,
    lo: float | None = None,
    hi: float | None = None,
    *,
    lo_open: bool = False,
    hi_open: bool = False,
) -> float:
    """Return ``value`` as a float if it is a finite real number within the range, else raise.

    ``lo``/``hi`` are inclusive unless ``lo_open``/``hi_open`` is set.

    >>> check_number("exponent", 0.4, 0, 1)
    0.4
    >>> check_number("exponent", 2, 0, 1)
    Traceback (most recent call last):
    ...
    ValueError: exponent must be in [0, 1], got 2
    """
    # (the models call this hundreds of thousands of times while a chart's grid is computed: the
    # common types are recognised without the abstract-class check, the message built only to raise)
    if type(value) not in _PLAIN_NUMBERS and (isinstance(value, bool) or not isinstance(value, (Real, np.number))):
        raise ValueError(f"{name} must be a real number in {_describe(lo, hi, lo_open, hi_open)}, got {value!r}")
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(f"{name} must be a finite number in {_describe(lo, hi, lo_open, hi_open)}, got {value!r}")
    too_low = lo is not None and (x <= lo if lo_open else x < lo)
    too_high = hi is not None and (x >= hi if hi_open else x > hi)
    if too_low or too_high:
        raise ValueError(f"{name} must be in {_describe(lo, hi, lo_open, hi_open)}, got {value!r}")
    return x


def check_integer(name: str, value, lo: int | None = None, hi: int | None = None) -> int:
    """Return ``value`` as an int if it is a whole number within ``[lo, hi]``, else raise."""
    if type(value) is not int and (isinstance(value, bool) or not isinstance(value, (int, np.integer))):
        raise ValueError(f"{name} must be a whole number in {_describe(lo, hi, False, False)}, got {value!r}")
    check_number(name, value, lo, hi)
    return int(value)


def check_array(
    name: str,
    values,
    lo: float | None = None,
    hi: float | None = None,
    *,
    lo_open: bool = False,
    hi_open: bool = False,
    min_size: int = 1,
) -> np.ndarray:
    """Return ``values`` as a 1-d float array if every element is finite and within range, else raise."""
    allowed = _describe(lo, hi, lo_open, hi_open)
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numbers in {allowed}, got {values!r}") from None
    arr = np.atleast_1d(arr)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
    if arr.size < min_size:
        raise ValueError(f"{name} must hold at least {min_size} value(s), got {arr.size}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite numbers in {allowed}, got a non-finite value")
    bad = np.zeros(arr.shape, dtype=bool)
    if lo is not None:
        bad |= arr <= lo if lo_open else arr < lo
    if hi is not None:
        bad |= arr >= hi if hi_open else arr > hi
    if bad.any():
        raise ValueError(f"{name} must be in {allowed}, got {arr[bad][0]!r}")
    return arr
