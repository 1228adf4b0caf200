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

The crux figure uses :func:`earth_bound_frame`, the two-phase figure :func:`two_phase_frame`.
The share-of-resources figure uses :func:`essays.models.survival.resource_share_frame` as it is.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from essays.checks import check_integer, check_number
from essays.models.survival import (
    DAY,
    DOUBLING_TIME_RANGE,
    ELAPSED_RANGE,
    FRACTION_RANGE,
    HOUR,
    OFFWORLD_RATIO_RANGE,
    SEED_RANGE,
    WASTE_HEAT_FRACTION,
    WEEK,
    POPULATION_RANGE,
    POWER_PER_PERSON_RANGE,
    RESOURCE_BASES,
    WORLD_AVERAGE_POWER_PER_PERSON_W,
    WORLD_POPULATION,
    YEAR,
    cap_binds_doublings,
    earth_constraint_doublings,
    resource_share,
    setaside_doublings,
    two_phase_lag_doublings,
    upkeep_lag,
    upkeep_relative_size,
)

# The f axis of the overhead figure: wide enough that the Sun's share of everyone's upkeep
# (about 2e-15 at bare metabolism) is on it.
OVERHEAD_SHARE_AXIS = (1e-16, 0.5)
# The bases marked on the overhead figure: the two that can last. Today's world energy is left out
# because keeping everyone at today's average takes all of it (a share of 1 has no finite delay).
OVERHEAD_MARKED_BASES = ("sunlight on Earth", "the Sun's output")
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


# --- The crux of the Earth objection: the bound T log2(1/x) against the doubling time T --------

# The T axis of the crux figure, in seconds: ten minutes (below a bacterium's doubling) to a century.
BOUND_T_AXIS = (10 * 60.0, 100 * YEAR)
# Reference doubling times marked on that axis: label -> (seconds, bibliography key).
# E. coli: 18.1 min on agar with LB medium (Reshes et al. 2008, BioNumbers BNID 104331).
# Nanotechnology that replicates "in a few days or weeks", and autonomous robot factories that
# "self-replicate about once per year" (Davidson and Hadshar 2025); explosive growth, 30% a year,
# and the world economy since 1900, about 3% a year (Davidson 2021): ln 2 / ln(1 + g).
REFERENCE_DOUBLING_TIMES = {
    "E. coli": (18.1 * 60.0, "reshes2008ecoli"),
    "replicating nanotech": (WEEK, "davidson2025industrial"),
    "robot factories": (YEAR, "davidson2025industrial"),
    "explosive growth (30%/yr)": (YEAR * math.log(2) / math.log(1.30), "davidson2021explosive"),
    "world economy (3%/yr)": (YEAR * math.log(2) / math.log(1.03), "davidson2021explosive"),
}


def earth_bound_frame(fraction: float = WASTE_HEAT_FRACTION, doubling_time_days: float = 365.25,
                      points: int = 41) -> pd.DataFrame:
    """The bound ``T log2(1 / x)`` against the doubling time ``T``, with reference times marked.

    ``points`` rows of series "curve" over log-spaced ``T`` across :data:`BOUND_T_AXIS`, one row per
    reference of :data:`REFERENCE_DOUBLING_TIMES` (series "reference"), then one "chosen" row at
    ``doubling_time_days``. Every row's delay is at the usable fraction ``fraction``.

    Parameters
    ----------
    fraction : float
        Usable fraction ``x`` of Earth, in (0, 1] (default: the waste-heat limit, ≈ 0.8%).
    doubling_time_days : float
        Doubling time ``T`` of industry on Earth in days, in (0, 1.16e8].
    points : int
        Grid points on the curve, in [2, 200].

    Returns
    -------
    pandas.DataFrame
        Columns ``series``, ``label`` (the reference's name, else ""), ``point`` (position on the
        curve's grid, -1 off it), ``doubling_time_seconds``, ``delay_doublings``, ``delay_seconds``.

    Examples
    --------
    >>> df = earth_bound_frame(0.01, 365.25, points=2)
    >>> df.series.tolist()
    ['curve', 'curve', 'reference', 'reference', 'reference', 'reference', 'reference', 'chosen']
    >>> f"{df.iloc[-1].delay_seconds / YEAR:.2f} years"
    '6.64 years'
    """
    x = check_number("fraction", fraction, *FRACTION_RANGE, lo_open=True)
    t_chosen = _days(doubling_time_days) * DAY
    n = check_integer("points", points, *POINTS_RANGE)
    refs = list(REFERENCE_DOUBLING_TIMES.items())
    times = np.concatenate([np.geomspace(*BOUND_T_AXIS, n), [t for _, (t, _) in refs], [t_chosen]])
    doublings = earth_constraint_doublings(x)
    return pd.DataFrame({
        "series": ["curve"] * n + ["reference"] * len(refs) + ["chosen"],
        "label": [""] * n + [name for name, _ in refs] + [""],
        "point": np.concatenate([np.arange(n), -np.ones(len(refs) + 1)]).astype(float),
        "doubling_time_seconds": times,
        "delay_doublings": doublings,
        "delay_seconds": times * doublings,
    })


# --- Two phases: the cap binds, then off-Earth industry grows from a seed -----------------------

# The time axis of the two-phase figure, in doubling times T: from today to well after an
# unconfined economy has filled Earth (about 13 doublings from today).
TWO_PHASE_U_AXIS = (0.0, 28.0)


def two_phase_frame(fraction: float = WASTE_HEAT_FRACTION, doubling_time_days: float = 365.25,
                    seed: float = 0.1, offworld_ratio: float = 1.0, points: int = 113) -> pd.DataFrame:
    """The lag of an economy capped at ``x`` of Earth over time, both routes and the bound.

    ``points`` rows of kind "grid" at evenly spaced times ``u`` (in doubling times ``T``) across
    :data:`TWO_PHASE_U_AXIS`, then two rows of kind "kink" at the moment the cap binds (``n1``) and
    the moment the unconfined economy fills Earth (``n1 + log2(1 / x)``), so the lines bend where
    the model does. Columns ``wait_lag``, ``seed_lag`` and ``lag`` are lags in doubling times
    (:func:`essays.models.survival.two_phase_lag_doublings`; ``lag`` is the smaller), ``bound`` is
    ``log2(1 / x)``; ``lag_seconds`` is ``T`` times ``lag``.

    Parameters
    ----------
    fraction : float
        Usable fraction ``x`` of Earth, in [P0 / E, 1] (≈ [1.13e-4, 1]).
    doubling_time_days : float
        Doubling time ``T`` of industry on Earth in days, in (0, 1.16e8].
    seed : float
        Seed off Earth as a share of the capped economy, in [0, 1].
    offworld_ratio : float
        Off-Earth doubling time as a multiple of ``T``, in [1, 100].
    points : int
        Grid points, in [2, 200].

    Returns
    -------
    pandas.DataFrame
        Columns ``kind``, ``point`` (grid position; -1 the cap binding, -2 Earth filled), ``u``,
        ``cap_binds``, ``wait_lag``, ``seed_lag``, ``lag``, ``bound``, ``lag_seconds``,
        ``bound_seconds``.

    Examples
    --------
    >>> df = two_phase_frame(0.01, 365.25, 0.0, 1.0, points=3)
    >>> df.kind.tolist(), [round(v, 2) for v in df.lag]
    (['grid', 'grid', 'grid', 'kink', 'kink'], [0.0, 6.64, 6.64, 0.0, 6.64])
    """
    n1 = cap_binds_doublings(fraction)
    t_double = _days(doubling_time_days) * DAY
    s = check_number("seed", seed, *SEED_RANGE)
    k = check_number("offworld_ratio", offworld_ratio, *OFFWORLD_RATIO_RANGE)
    n = check_integer("points", points, *POINTS_RANGE)
    bound = float(earth_constraint_doublings(fraction))
    us = np.concatenate([np.linspace(*TWO_PHASE_U_AXIS, n), [n1, n1 + bound]])
    wait = [min(max(u - n1, 0.0), bound) for u in us]
    # the seeding route alone, without the wait that bounds it
    seeded = [_seed_lag(u - n1, s, k) for u in us]
    lag = [two_phase_lag_doublings(u, fraction, s, k) for u in us]
    return pd.DataFrame({
        "kind": ["grid"] * n + ["kink", "kink"],
        "point": np.concatenate([np.arange(n), [-1, -2]]).astype(float),
        "u": us,
        "cap_binds": n1,
        "wait_lag": wait,
        "seed_lag": seeded,
        "lag": lag,
        "bound": bound,
        "lag_seconds": t_double * np.asarray(lag),
        "bound_seconds": t_double * bound,
    })


def _seed_lag(v: float, seed: float, ratio: float) -> float:
    """Lag of the seeding route alone, ``v - log2(1 + seed (2**(v / k) - 1))``, in doubling times."""
    if v <= 0.0:
        return 0.0
    w = v / ratio
    if seed == 0.0:
        return v
    if w > 60.0:
        return max(0.0, v - (w + math.log2(seed + (1.0 - seed) * 2.0**-w)))
    return max(0.0, v - math.log2(1.0 + seed * math.expm1(w * math.log(2.0))))
