"""The parallelization penalty (source lines 12 and 16) and the exponents other models publish.

With a parallelization exponent lambda, ``n`` times as many workers do the work of
``n ** lambda`` times as many: ``effective_labor(n, lambda) = n ** lambda``. At lambda = 1 there is
no penalty; the source takes lambda = 0.4 as "around the harshest penalty I've heard of".

AutomatedCorp's workers are ``speed`` times faster and ``workers`` times as numerous, so its
labor-equivalent research speed relative to today is ``speed * workers ** lambda``.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from essays.checks import check_array, check_integer, check_number

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
    """Research speed, relative to today, of ``workers`` times as many workers each ``speed``
    times faster.

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

    Examples
    --------
    >>> df = penalty_curves(0.4, 50, 50)
    >>> round(df[df.series == "chosen"].speedup.item())
    239
    """
    check_number("speed", speed, *SPEED_RANGE)
    check_number("workers", workers, *WORKERS_RANGE)  # before float(workers) below
    grid = np.logspace(0, 3, check_integer("points", points, 2, 1001))
    frames = [
        pd.DataFrame({"series": "penalty", "workers": grid, "effective_labor": effective_labor(grid, exponent)}),
        pd.DataFrame({"series": "no penalty", "workers": grid, "effective_labor": effective_labor(grid, 1.0)}),
        pd.DataFrame({"series": ["chosen"], "workers": [float(workers)],
                      "effective_labor": [effective_labor(workers, exponent)]}),
    ]
    df = pd.concat(frames, ignore_index=True)
    df["speedup"] = speed * df["effective_labor"]
    return df



# ------------------------------------------------------------------------------------------------
# Published parallelization exponents (for the chapter's comparison table)
# ------------------------------------------------------------------------------------------------

# Basic COCOMO, organic mode (Boehm 1981): effort E = 2.4 * KDSI**1.05 person-months,
# development time T = 2.5 * E**0.38 months.
COCOMO_SIZE_EXPONENT = 1.05
COCOMO_SCHEDULE_EXPONENT = 0.38


def cocomo_implied_exponent(size_exponent: float = COCOMO_SIZE_EXPONENT,
                            schedule_exponent: float = COCOMO_SCHEDULE_EXPONENT) -> float:
    """Parallelization exponent implied across projects by COCOMO's effort and schedule
    equations.

    Basic COCOMO (Boehm 1981) gives effort ``E = a * S ** b`` person-months for a program of
    ``S`` thousand delivered source instructions and a nominal development time ``T = c * E **
    d`` months, so the average staff is ``N = E / T`` (proportional to ``E ** (1 - d)``).
    Delivered code per month is then ``S / T``, proportional to ``E ** (1/b - d)`` and so to
    ``N ** lambda`` with

        lambda = (1 / b - d) / (1 - d).

    This compares *different* projects each staffed at its nominal schedule (bigger programs
    get bigger teams); it is not a controlled experiment in adding people to one task.

    Parameters
    ----------
    size_exponent : float
        ``b``, the effort-size exponent, in [1, 2] (1.05 organic, 1.12 semi-detached, 1.20
        embedded).
    schedule_exponent : float
        ``d``, the schedule-effort exponent, in [0, 1) (0.38 organic, 0.35 semi-detached,
        0.32 embedded).

    Returns
    -------
    float
        The implied exponent lambda (dimensionless).

    Examples
    --------
    >>> round(cocomo_implied_exponent(), 2)  # organic mode
    0.92
    >>> round(cocomo_implied_exponent(1.20, 0.32), 2)  # embedded mode
    0.75
    """
    b = check_number("size_exponent", size_exponent, 1.0, 2.0)
    d = check_number("schedule_exponent", schedule_exponent, 0.0, 1.0, hi_open=True)
    return (1.0 / b - d) / (1.0 - d)


class PublishedExponent(NamedTuple):
    """One published view of the parallelization exponent, for the chapter's comparison table."""

    name: str  # what the exponent belongs to
    exponent: float | None  # the published number; None where the source gives no number
    source_key: str  # proposed BibTeX key of the source
    note: str  # what the number means, and how it relates to lambda in ``workers ** lambda``


PUBLISHED_EXPONENTS: tuple[PublishedExponent, ...] = (
    PublishedExponent(
        name="Brooks's law",
        exponent=None,
        source_key="brooks1975",
        note=("Qualitative, no exponent: \"adding manpower to a late software project makes it "
              "later\" (The Mythical Man-Month, 1975). New people must be trained and every pair "
              "may need to communicate, n(n-1)/2 channels, so past some team size the marginal "
              "worker adds nothing or less than nothing (a marginal exponent at or below zero)."),
    ),
    PublishedExponent(
        name="COCOMO schedule equation",
        exponent=COCOMO_SCHEDULE_EXPONENT,
        source_key="boehm1981",
        note=("Not a parallelization exponent: basic COCOMO's nominal development time grows as "
              "effort**0.38 (organic mode; 0.35 semi-detached, 0.32 embedded), so average staff "
              "grows as effort**0.62. Comparing projects staffed this way, with effort growing "
              "as size**1.05, delivered code per month grows as staff**0.92 "
              "(cocomo_implied_exponent; 0.75 in embedded mode): a mild penalty. The 0.38 is close "
              "to the source's 0.4 only numerically."),
    ),
    PublishedExponent(
        name="Compute-centric takeoff model: R&D parallelization penalty",
        exponent=0.7,
        source_key="davidson2023",
        note=("Default of lambda in Davidson's compute-centric framework (takeoffspeeds.com), "
              "where research progress accumulates research input R as R**lambda (after Jones "
              "1995); R there is the output of an R&D production function of labor and compute "
              "(and capital, for hardware R&D), not labor alone. Its documentation says economic models "
              "often use 1, a growth economist thought values between 0.4 and 1 reasonable, and "
              "Besiroglu's thesis cites estimates as low as 0.2."),
    ),
    PublishedExponent(
        name="AI Futures Model: parallel penalty",
        exponent=0.5,
        source_key="kokotajlo2025aifutures",
        note=("Default 'parallel penalty' of the AI Futures Project's timelines and takeoff model "
              "(December 2025 version, aifuturesmodel.com): serial-equivalent coding labor is "
              "(parallel coding labor)**0.5 before it is combined with experiment compute."),
    ),
    PublishedExponent(
        name="This source (Greenblatt)",
        exponent=0.4,
        source_key="greenblatt2025slowcorp",
        note=("\"around the harshest penalty I've heard of\", believed to come from studies of "
              "software engineering (source line 12); at 0.4, 50x the workers are worth "
              "50**0.4 = 4.8x (line 16)."),
    ),
)


# The lowest estimate Davidson's documentation reports (from Besiroglu's thesis), as the chapter cites it.
LOWEST_CITED_EXPONENT = 0.2


def _check_points(points, lo: int = 2, hi: int = 201) -> int:
    return check_integer("points", points, lo, hi)
