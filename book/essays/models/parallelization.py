"""The parallelization penalty (source lines 12-16).

With a parallelization exponent lambda, ``n`` times as many workers do the work of
``n ** lambda`` times as many: ``effective_labor(n, lambda) = n ** lambda``. At lambda = 1 there is
no penalty; the source takes lambda = 0.4 as "around the harshest penalty I've heard of".

AutomatedCorp's workers are ``speed`` times faster and ``workers`` times as numerous, so its
labor-equivalent research speed relative to today is ``speed * workers ** lambda``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from essays.checks import check_array, check_number

EXPONENT_RANGE = (0.0, 1.0)  # lambda; 0 = extra workers add nothing, 1 = no penalty
WORKERS_RANGE = (1.0, 1e6)  # multiple of today's workforce
SPEED_RANGE = (1e-3, 1e6)  # multiple of today's serial speed


def effective_labor(workers, exponent: float):
    """Labor-equivalent output of ``workers`` times as many workers: ``workers ** exponent``.

    Parameters
    ----------
    workers : float or array_like
        Workforce as a multiple of today's, in [1, 1e6].
    exponent : float
        Parallelization exponent lambda in [0, 1]; 1 means no penalty.

    Returns
    -------
    float or ndarray
        Effective labor as a multiple of today's.

    Examples
    --------
    >>> round(effective_labor(50, 0.4), 2)
    4.78
    """
    lam = check_number("exponent", exponent, *EXPONENT_RANGE)
    if np.ndim(workers) == 0:
        return check_number("workers", workers, *WORKERS_RANGE) ** lam
    return check_array("workers", workers, *WORKERS_RANGE) ** lam


def labor_equivalent_speedup(speed: float, workers: float, exponent: float) -> float:
    """Research speed relative to today of ``workers``-times as many workers each ``speed``-times faster.

    ``speedup = speed * workers ** exponent``.

    Examples
    --------
    AutomatedCorp, 50x faster and 50x more numerous, at lambda = 0.4:

    >>> round(labor_equivalent_speedup(50, 50, 0.4))
    239
    """
    s = check_number("speed", speed, *SPEED_RANGE)
    return s * effective_labor(workers, exponent)


def penalty_curves(exponent: float, workers: float, speed: float, points: int = 61) -> pd.DataFrame:
    """Tidy frame for the penalty figure.

    Rows of ``series`` "penalty" (effective labor at ``exponent``) and "no penalty" (lambda = 1)
    over log-spaced workforces from 1 to 1000, plus one "chosen" row at ``workers``. Columns:
    ``series``, ``workers``, ``effective_labor``, ``speedup`` (= speed * effective labor).
    """
    check_number("speed", speed, *SPEED_RANGE)
    grid = np.logspace(0, 3, points)
    frames = [
        pd.DataFrame({"series": "penalty", "workers": grid, "effective_labor": effective_labor(grid, exponent)}),
        pd.DataFrame({"series": "no penalty", "workers": grid, "effective_labor": effective_labor(grid, 1.0)}),
        pd.DataFrame({"series": ["chosen"], "workers": [float(workers)],
                      "effective_labor": [effective_labor(workers, exponent)]}),
    ]
    df = pd.concat(frames, ignore_index=True)
    df["speedup"] = speed * df["effective_labor"]
    return df
