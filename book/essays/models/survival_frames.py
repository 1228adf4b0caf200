"""Tidy frames for the survival-costs chapter's figures, in the units its sliders use.

The models themselves are in :mod:`essays.models.survival` (times in seconds, shares as plain
fractions). The frames here call them and only change what a figure needs:

* times come in as **days** (doubling time) and **years** (elapsed time), so sliders read in
  human units;
* every frame has a **fixed set of rows** whatever the settings, so the static page can recompute
  the values in the browser (it cannot add or drop rows), and only numeric columns, so nothing
  drawn goes stale: text is formatted in the chart from these numbers;
* each curve row carries its ``point``, its position (0, 1, ...) on a log-spaced grid, so the
  browser can rebuild the grid value exactly instead of reading back a tiny number such as 1e-15
  from the page's data (-1 marks a row that is not on a grid).

The share-of-resources figure uses :func:`essays.models.survival.resource_share_frame` as it is.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from essays.checks import check_integer, check_number
from essays.models.survival import (
    DAY,
    DOUBLING_TIME_RANGE,
    ELAPSED_RANGE,
    FRACTION_RANGE,
    HOUR,
    MONTH,
    POPULATION_RANGE,
    POWER_PER_PERSON_RANGE,
    RESOURCE_BASES,
    WORLD_AVERAGE_POWER_PER_PERSON_W,
    WORLD_POPULATION,
    YEAR,
    earth_constraint_doublings,
    resource_share,
    setaside_doublings,
    upkeep_lag,
    upkeep_relative_size,
)

# The f axis of the overhead figure: wide enough that the Sun's share of everyone's upkeep
# (about 2e-15 at bare metabolism) is on it.
OVERHEAD_SHARE_AXIS = (1e-16, 0.5)
# The bases marked on the overhead figure: the two that can last. Today's world energy is left out
# because keeping everyone at today's average takes all of it (a share of 1 has no finite delay).
OVERHEAD_MARKED_BASES = ("sunlight on Earth", "the Sun's output")
# The x axis of the Earth-constraint figure: a trillionth of Earth up to half of it (one doubling).
EARTH_FRACTION_AXIS = (1e-12, 0.5)
# Doubling times drawn for reference on the Earth-constraint figure (label -> seconds).
EARTH_REFERENCE_DOUBLING_TIMES = {
    "1 hour": HOUR, "1 day": DAY, "1 month": MONTH, "1 year": YEAR, "10 years": 10 * YEAR,
}
DOUBLING_TIME_DAYS_RANGE = (DOUBLING_TIME_RANGE[0] / DAY, DOUBLING_TIME_RANGE[1] / DAY)
ELAPSED_YEARS_RANGE = (ELAPSED_RANGE[0] / YEAR, ELAPSED_RANGE[1] / YEAR)
POINTS_RANGE = (2, 200)


def _days(doubling_time_days) -> float:
    return check_number("doubling_time_days", doubling_time_days, *DOUBLING_TIME_DAYS_RANGE, lo_open=True)


def overhead_frame(doubling_time_days: float = 365.25, elapsed_years: float = 50.0,
                   power_per_person: float = WORLD_AVERAGE_POWER_PER_PERSON_W,
                   population: float = WORLD_POPULATION, points: int = 61) -> pd.DataFrame:
    """Delay and relative size against the share set aside, with the survival shares marked.

    ``points`` rows of series "curve" over log-spaced shares ``f`` across
    :data:`OVERHEAD_SHARE_AXIS`, then one row per base of :data:`OVERHEAD_MARKED_BASES` at the
    share that keeps ``population`` people at ``power_per_person`` watts (model 1). For every
    row: the delay of setting ``f`` aside, ``T log2(1 / (1 - f))``; and, for upkeep paid as a
    flow, the relative size ``2**(-f t / T)`` and the lag ``f t`` after ``elapsed_years``.

    Parameters
    ----------
    doubling_time_days : float
        Doubling time ``T`` of the economy in days, in (0, 1.16e8] (slider one hour to 100 years).
    elapsed_years : float
        Time ``t`` since the upkeep began in years, in [0, 3.2e6] (slider one day to 1000 years).
    power_per_person : float
        Power per person in watts, in [1e-3, 1e12].
    population : float
        Number of people, in [1, 1e15].
    points : int
        Grid points on the curve, in [2, 200].

    Returns
    -------
    pandas.DataFrame
        Columns ``series`` ("curve" or a base name), ``point`` (position on the curve's grid,
        -1 for a marker), ``share``, ``delay_doublings``, ``delay_seconds``, ``relative_size``,
        ``lag_seconds``.

    Raises
    ------
    ValueError
        If an argument is out of range, or the survival share of a marked base is not below 1.

    Examples
    --------
    Today's people at today's average use about 1.1e-4 of the sunlight on Earth; set aside, that
    costs an economy doubling yearly about 1.4 hours:

    >>> df = overhead_frame(365.25, 50, points=3)
    >>> df.series.tolist()
    ['curve', 'curve', 'curve', 'sunlight on Earth', "the Sun's output"]
    >>> row = df.iloc[3]
    >>> f"{row.share:.2e}", f"{row.delay_seconds / HOUR:.2f} hours", f"{row.lag_seconds / DAY:.2f} days"
    ('1.13e-04', '1.43 hours', '2.07 days')
    """
    t_double = _days(doubling_time_days) * DAY
    elapsed = check_number("elapsed_years", elapsed_years, *ELAPSED_YEARS_RANGE) * YEAR
    power = check_number("power_per_person", power_per_person, *POWER_PER_PERSON_RANGE)
    people = check_number("population", population, *POPULATION_RANGE)
    n = check_integer("points", points, *POINTS_RANGE)
    marked = [resource_share(people, power, RESOURCE_BASES[name]) for name in OVERHEAD_MARKED_BASES]
    for name, share in zip(OVERHEAD_MARKED_BASES, marked):
        if share >= 1.0:
            raise ValueError(f"population * power_per_person must be below {name} ({RESOURCE_BASES[name]:g} W), "
                             f"got a share of {share:g}")
    shares = np.concatenate([np.geomspace(*OVERHEAD_SHARE_AXIS, n), marked])
    doublings = setaside_doublings(shares)
    return pd.DataFrame({
        "series": ["curve"] * n + list(OVERHEAD_MARKED_BASES),
        "point": np.concatenate([np.arange(n), -np.ones(len(marked))]).astype(float),
        "share": shares,
        "delay_doublings": doublings,
        "delay_seconds": t_double * doublings,
        "relative_size": upkeep_relative_size(shares, t_double, elapsed),
        "lag_seconds": upkeep_lag(shares, elapsed),
    })


def earth_frame(fraction: float = 0.01, doubling_time_days: float = 365.25, points: int = 41) -> pd.DataFrame:
    """Delay from confining industry to a fraction of Earth, for a chosen and reference doubling times.

    ``points`` rows of series "chosen T" over log-spaced fractions across
    :data:`EARTH_FRACTION_AXIS` at the chosen doubling time, the same for each reference doubling
    time of :data:`EARTH_REFERENCE_DOUBLING_TIMES` (series "T = 1 hour" and so on), then one row
    "chosen" at ``fraction``. The delay is ``T log2(1 / x)``.

    Parameters
    ----------
    fraction : float
        The usable fraction ``x`` of Earth's resources, in (0, 1].
    doubling_time_days : float
        Doubling time ``T`` of the early economy in days, in (0, 1.16e8].
    points : int
        Grid points per curve, in [2, 200].

    Returns
    -------
    pandas.DataFrame
        Columns ``series``, ``point`` (position on the fraction grid, -1 for "chosen"),
        ``doubling_time_seconds``, ``fraction``, ``delay_doublings``, ``delay_seconds``.

    Examples
    --------
    >>> df = earth_frame(0.01, 1.0, points=2)
    >>> df.series.tolist()[:2], df.series.tolist()[-1]
    (['chosen T', 'chosen T'], 'chosen')
    >>> chosen = df.iloc[-1]
    >>> f"{chosen.delay_doublings:.2f} doublings", f"{chosen.delay_seconds / DAY:.2f} days"
    ('6.64 doublings', '6.64 days')
    """
    x = check_number("fraction", fraction, *FRACTION_RANGE, lo_open=True)
    t_double = _days(doubling_time_days) * DAY
    n = check_integer("points", points, *POINTS_RANGE)
    grid = np.geomspace(*EARTH_FRACTION_AXIS, n)
    curves = [("chosen T", t_double)] + [(f"T = {label}", t) for label, t in EARTH_REFERENCE_DOUBLING_TIMES.items()]
    series, times, fractions = [], [], []
    for name, t in curves:
        series += [name] * n
        times += [t] * n
        fractions.append(grid)
    series.append("chosen")
    times.append(t_double)
    points_on_grid = np.concatenate([np.tile(np.arange(n), len(curves)), [-1]]).astype(float)
    fractions = np.concatenate(fractions + [[x]])
    times = np.asarray(times, dtype=float)
    doublings = earth_constraint_doublings(fractions)
    return pd.DataFrame({
        "series": series,
        "point": points_on_grid,
        "doubling_time_seconds": times,
        "fraction": fractions,
        "delay_doublings": doublings,
        "delay_seconds": times * doublings,
    })
