"""Model 2: what a share set aside (a delay) or paid as upkeep (a smaller economy) costs.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from essays.checks import check_number

from essays.models.survival.constants import *  # noqa: F401,F403 (units, constants, ranges)
from essays.models.survival.constants import _LN2, _check_doubling_time, _check_points, _scalar_or_array  # noqa: F401
from essays.models.survival.shares import resource_share, resource_shares  # noqa: F401


# --- Model 2: overhead as a delay -----------------------------------------------------------


def setaside_doublings(share):
    """Doublings lost by setting aside a share of resources: ``log2(1 / (1 - share))``.

    Parameters
    ----------
    share : float or array_like
        Share ``f`` of resources set aside, in [0, 1).

    Returns
    -------
    float or ndarray
        Delay in doublings (dimensionless); about ``share / ln 2`` for a small share.

    Examples
    --------
    Setting aside half costs exactly one doubling:

    >>> setaside_doublings(0.5)
    1.0
    """
    f = _scalar_or_array("share", share, *SHARE_RANGE, hi_open=True)
    # math.log1p element by element, not np.log1p: numpy's vectorised log1p can differ from the
    # scalar one in the last bit, and a frame row must equal the scalar model exactly.
    if isinstance(f, np.ndarray):
        return np.array([-math.log1p(-v) / _LN2 for v in f.tolist()], dtype=float)
    return -math.log1p(-f) / _LN2


def setaside_delay(share, doubling_time: float):
    """Delay before an economy that sets aside ``share`` of its resources reaches any size.

    An economy of usable size ``(1 - f) * 2**(t / T)`` reaches a target ``t_delay`` later than
    one of size ``2**(t / T)``, with ``t_delay = T * log2(1 / (1 - f))``.

    Parameters
    ----------
    share : float or array_like
        Share ``f`` of resources set aside, in [0, 1).
    doubling_time : float
        Doubling time ``T`` of the economy in seconds, in (0, 1e13].

    Returns
    -------
    float or ndarray
        Delay in seconds.

    Examples
    --------
    Sunlight on Earth for 8.2 billion people at today's average (share ≈ 1.13e-4) costs an
    economy that doubles yearly about an hour and a half:

    >>> share = resource_share(8.2e9, WORLD_AVERAGE_POWER_PER_PERSON_W, EARTH_INTERCEPTED_SUNLIGHT_W)
    >>> format_duration(setaside_delay(share, YEAR))
    '1.4 hours'
    """
    t = _check_doubling_time(doubling_time)
    return t * setaside_doublings(share)


def upkeep_relative_size(share, doubling_time: float, elapsed: float):
    """Size of an economy paying an upkeep share of output, relative to one that does not.

    Growth ``dY/dt = g (1 - f) Y`` instead of ``g Y``, with ``g = ln 2 / T``, so after ``t``
    the ratio is ``exp(-g f t) = 2**(-f t / T)``.

    Parameters
    ----------
    share : float or array_like
        Upkeep share ``f`` of output, in [0, 1).
    doubling_time : float
        Doubling time ``T`` of the unburdened economy in seconds, in (0, 1e13].
    elapsed : float
        Time ``t`` since the upkeep began, in seconds, in [0, 1e14].

    Returns
    -------
    float or ndarray
        Relative size in (0, 1] (it may underflow to 0.0 for an enormous ``f t / T``).

    Examples
    --------
    A 1% upkeep over 100 doubling times leaves the economy half as large:

    >>> upkeep_relative_size(0.01, YEAR, 100 * YEAR)
    0.5
    """
    f = _scalar_or_array("share", share, *SHARE_RANGE, hi_open=True)
    t_double = _check_doubling_time(doubling_time)
    t = check_number("elapsed", elapsed, *ELAPSED_RANGE)
    size = np.exp2(-f * t / t_double)
    return size if isinstance(f, np.ndarray) else float(size)


def upkeep_lag(share, elapsed: float):
    """How far behind an economy paying an upkeep share of output is: ``lag = f * t``.

    With growth rate ``g (1 - f)`` it is, at time ``t``, as large as the unburdened economy was at
    ``t (1 - f)``, whatever the doubling time.

    Parameters
    ----------
    share : float or array_like
        Upkeep share ``f`` of output, in [0, 1).
    elapsed : float
        Time ``t`` since the upkeep began, in seconds, in [0, 1e14].

    Returns
    -------
    float or ndarray
        Lag in seconds.

    Examples
    --------
    >>> format_duration(upkeep_lag(1e-4, 1000 * YEAR))
    '1.2 months'
    """
    f = _scalar_or_array("share", share, *SHARE_RANGE, hi_open=True)
    t = check_number("elapsed", elapsed, *ELAPSED_RANGE)
    return f * t


def survival_delay(population, power_per_person: float, base_power: float, doubling_time: float) -> float:
    """Delay from setting aside what keeps ``population`` people at ``power_per_person`` watts.

    ``T * log2(1 / (1 - s))`` with ``s = population * power_per_person / base_power``.

    Parameters
    ----------
    population : float
        Number of people, in [1, 1e15].
    power_per_person : float
        Power per person in watts, in [1e-3, 1e12].
    base_power : float
        The resource base in watts, in (0, 1e40]; the share must come out below 1.
    doubling_time : float
        Doubling time of the economy in seconds, in (0, 1e13].

    Returns
    -------
    float
        Delay in seconds.

    Examples
    --------
    Everyone at a rich 100 kW, out of the Sun's output, for an economy doubling yearly:

    >>> format_duration(survival_delay(8.2e9, 1e5, SUN_LUMINOSITY_W, YEAR))
    '98 microseconds'
    """
    s = resource_share(population, check_number("power_per_person", power_per_person,
                                                *POWER_PER_PERSON_RANGE), base_power)
    if s >= 1.0:
        raise ValueError(
            f"population * power_per_person must be below base_power (a share in [0, 1)), "
            f"got a share of {s:g}")
    return setaside_delay(s, doubling_time)


def _marker_rows(population, power_per_person, share_axis):
    """(base name, share) for each base whose share lies on the chart's f axis."""
    shares = resource_shares(population, power_per_person)
    return [(name, s) for name, s in shares.items() if share_axis[0] <= s <= share_axis[1]]


def setaside_delay_frame(doubling_time: float = YEAR, population: float = WORLD_POPULATION,
                         power_per_person: float = WORLD_AVERAGE_POWER_PER_PERSON_W,
                         points: int = 61) -> pd.DataFrame:
    """Tidy frame for the delay chart (delay against set-aside share, log axes).

    ``points`` rows of series "delay" over log-spaced shares across :data:`SHARE_AXIS`
    (1e-12 to 0.5), then one marker row per base of :data:`RESOURCE_BASES` whose share (model 1,
    at ``population`` and ``power_per_person``) lies on that axis; bases off the axis (e.g. the
    Sun's output, ~1e-15) or at a share >= 1 get no marker.

    Parameters
    ----------
    doubling_time : float
        Doubling time of the economy in seconds, in (0, 1e13] (slider one hour to 100 years).
    population : float
        Number of people, in [1, 1e15].
    power_per_person : float
        Power per person in watts, in [1e-3, 1e12].
    points : int
        Grid points on the curve, in [2, 200].

    Returns
    -------
    pandas.DataFrame
        Columns ``series`` ("delay" or a base name), ``share``, ``delay_doublings``,
        ``delay_seconds``, ``delay_label`` (the delay as :func:`format_duration` text).

    Examples
    --------
    >>> df = setaside_delay_frame(YEAR, 8.2e9, 100, points=5)
    >>> markers = df[df.series != "delay"]
    >>> markers.series.tolist(), markers.delay_label.tolist()
    (["today's world energy", 'sunlight on Earth'], ['3.2 weeks', '3.6 minutes'])
    """
    t = _check_doubling_time(doubling_time)
    n = _check_points(points)
    grid = np.geomspace(*SHARE_AXIS, n)
    markers = _marker_rows(population, power_per_person, SHARE_AXIS)
    shares = np.concatenate([grid, [s for _, s in markers]])
    df = pd.DataFrame({
        "series": ["delay"] * n + [name for name, _ in markers],
        "share": shares,
        "delay_doublings": setaside_doublings(shares),
    })
    df["delay_seconds"] = t * df["delay_doublings"]
    df["delay_label"] = [format_duration(x) for x in df["delay_seconds"]]
    return df


def upkeep_size_frame(doubling_time: float = YEAR, elapsed: float = 100 * YEAR,
                      population: float = WORLD_POPULATION,
                      power_per_person: float = WORLD_AVERAGE_POWER_PER_PERSON_W,
                      points: int = 61) -> pd.DataFrame:
    """Tidy frame for the upkeep chart (relative size after ``elapsed`` against upkeep share).

    ``points`` rows of series "relative size" over log-spaced shares across :data:`SHARE_AXIS`,
    then one marker row per base whose share (model 1) lies on that axis, as in
    :func:`setaside_delay_frame`.

    Parameters
    ----------
    doubling_time : float
        Doubling time of the unburdened economy in seconds, in (0, 1e13].
    elapsed : float
        Time since the upkeep began in seconds, in [0, 1e14] (slider one day to 1000 years).
    population : float
        Number of people, in [1, 1e15].
    power_per_person : float
        Power per person in watts, in [1e-3, 1e12].
    points : int
        Grid points on the curve, in [2, 200].

    Returns
    -------
    pandas.DataFrame
        Columns ``series`` ("relative size" or a base name), ``share``, ``relative_size``
        (``exp(-g f t)``), ``lag_seconds`` (``f t``), ``lag_label``.

    Examples
    --------
    >>> df = upkeep_size_frame(YEAR, 100 * YEAR, 8.2e9, 100, points=5)
    >>> df.loc[df.series == "sunlight on Earth", "relative_size"].round(6).tolist()
    [0.999673]
    """
    t_double = _check_doubling_time(doubling_time)
    t = check_number("elapsed", elapsed, *ELAPSED_RANGE)
    n = _check_points(points)
    grid = np.geomspace(*SHARE_AXIS, n)
    markers = _marker_rows(population, power_per_person, SHARE_AXIS)
    shares = np.concatenate([grid, [s for _, s in markers]])
    df = pd.DataFrame({
        "series": ["relative size"] * n + [name for name, _ in markers],
        "share": shares,
        "relative_size": upkeep_relative_size(shares, t_double, t),
        "lag_seconds": upkeep_lag(shares, t),
    })
    df["lag_label"] = [format_duration(x) for x in df["lag_seconds"]]
    return df
