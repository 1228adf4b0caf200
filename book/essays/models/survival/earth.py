"""Models 3 and 4: Earth is most of the early economy; the bound T log2(1/x) and the two phases.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from essays.checks import check_number

from essays.models.survival.constants import *  # noqa: F401,F403 (units, constants, ranges)
from essays.models.survival.constants import _LN2, _check_doubling_time, _check_points, _scalar_or_array  # noqa: F401


# --- Model 3: Earth is most of the early economy ---------------------------------------------


def earth_constraint_doublings(fraction):
    """Doublings lost by using only a fraction of Earth's resources: ``log2(1 / x)``.

    Parameters
    ----------
    fraction : float or array_like
        Fraction ``x`` of Earth's resources industry may use before it has expanded beyond
        Earth, in (0, 1]; 1 means no constraint.

    Returns
    -------
    float or ndarray
        Delay in doublings (dimensionless).

    Examples
    --------
    Using a thousandth of Earth puts industry about ten doublings behind:

    >>> round(earth_constraint_doublings(1e-3), 2)
    9.97
    """
    x = _scalar_or_array("fraction", fraction, *FRACTION_RANGE, lo_open=True)
    # 0.0 - ..., not -..., so that x = 1 gives 0.0 rather than -0.0
    # math.log2 element by element, as for scalars (numpy's vectorised log2 can differ in the last bit)
    if isinstance(x, np.ndarray):
        return np.array([0.0 - math.log2(v) for v in x.tolist()], dtype=float)
    return 0.0 - math.log2(x)


def earth_constraint_delay(fraction, doubling_time: float):
    """Delay from keeping Earth habitable: ``T * log2(1 / x)``.

    An industry confined to a fraction ``x`` of Earth starts ``x`` times as large as an
    unconfined one and, doubling every ``T`` all the same, reaches any size ``T * log2(1 / x)``
    later.

    Parameters
    ----------
    fraction : float or array_like
        Usable fraction ``x`` of Earth's resources, in (0, 1].
    doubling_time : float
        Doubling time ``T`` of the early economy in seconds, in (0, 1e13].

    Returns
    -------
    float or ndarray
        Delay in seconds.

    Examples
    --------
    With 1% of Earth usable, the cost is days if industry doubles daily and years if yearly:

    >>> format_duration(earth_constraint_delay(0.01, DAY))
    '6.6 days'
    >>> format_duration(earth_constraint_delay(0.01, YEAR))
    '6.6 years'
    """
    t = _check_doubling_time(doubling_time)
    return t * earth_constraint_doublings(fraction)


def earth_delay_frame(fraction: float = 0.01, doubling_time: float = YEAR,
                      points: int = 61) -> pd.DataFrame:
    """Tidy frame for the Earth-constraint chart (delay against usable fraction, log axes).

    ``points`` rows of series "delay" over log-spaced fractions across :data:`FRACTION_SLIDER`
    (1e-12 to 1; the last point, x = 1, has zero delay), then one "chosen" row at ``fraction``.

    Parameters
    ----------
    fraction : float
        The chosen usable fraction of Earth, in (0, 1].
    doubling_time : float
        Doubling time of the early economy in seconds, in (0, 1e13].
    points : int
        Grid points on the curve, in [2, 200].

    Returns
    -------
    pandas.DataFrame
        Columns ``series`` ("delay" or "chosen"), ``fraction``, ``delay_doublings``,
        ``delay_seconds``, ``delay_label``.

    Examples
    --------
    >>> df = earth_delay_frame(0.01, YEAR, points=3)
    >>> df.fraction.tolist()
    [1e-12, 1e-06, 1.0, 0.01]
    >>> df.delay_label.tolist()
    ['40 years', '20 years', '0 seconds', '6.6 years']
    """
    t = _check_doubling_time(doubling_time)
    n = _check_points(points)
    x = check_number("fraction", fraction, *FRACTION_RANGE, lo_open=True)
    fractions = np.concatenate([np.geomspace(*FRACTION_SLIDER, n), [x]])
    df = pd.DataFrame({
        "series": ["delay"] * n + ["chosen"],
        "fraction": fractions,
        "delay_doublings": earth_constraint_doublings(fractions),
    })
    df["delay_seconds"] = t * df["delay_doublings"]
    df["delay_label"] = [format_duration(s) for s in df["delay_seconds"]]
    return df


EARTH_MAP_FRACTIONS = tuple(10.0 ** -k for k in range(1, 13))  # 0.1 down to 1e-12
EARTH_MAP_DOUBLING_TIMES = {  # label -> seconds
    "1 hour": HOUR, "1 day": DAY, "1 week": WEEK, "1 month": MONTH, "1 year": YEAR, "10 years": 10 * YEAR,
}


def earth_delay_map_frame() -> pd.DataFrame:
    """Tidy frame for a table or heat map: the Earth-constraint delay on a grid of ``x`` and ``T``.

    One row per pair of :data:`EARTH_MAP_FRACTIONS` (0.1 down to 1e-12) and
    :data:`EARTH_MAP_DOUBLING_TIMES` (one hour to ten years), doubling times outermost: 72 rows.
    It shows at a glance when the cost is hours and when it is years.

    Returns
    -------
    pandas.DataFrame
        Columns ``doubling_time_label``, ``doubling_time_seconds``, ``fraction``,
        ``delay_doublings``, ``delay_seconds``, ``delay_label``, ``delay_unit`` (the unit the
        label uses, e.g. "days").

    Examples
    --------
    >>> df = earth_delay_map_frame()
    >>> df.shape
    (72, 7)
    >>> df.query("doubling_time_label == '1 day' and fraction == 1e-3").delay_label.item()
    '1.4 weeks'
    """
    rows = []
    for label, t in EARTH_MAP_DOUBLING_TIMES.items():
        for x in EARTH_MAP_FRACTIONS:
            delay = earth_constraint_delay(x, t)
            text = format_duration(delay)
            rows.append((label, t, x, earth_constraint_doublings(x), delay, text,
                         text.split(" ", 1)[1]))
    return pd.DataFrame(rows, columns=["doubling_time_label", "doubling_time_seconds", "fraction",
                                       "delay_doublings", "delay_seconds", "delay_label", "delay_unit"])


# --- Model 4: when the cap binds, and what off-Earth industry does after ----------------------


def cap_binds_doublings(fraction):
    """Doublings from today's economy until it fills the usable fraction ``x`` of Earth.

    ``n1 = log2(x E / P0)``, with ``E`` the sunlight Earth intercepts and ``P0`` today's world
    primary power: until then the cap does not bind and costs nothing.

    Parameters
    ----------
    fraction : float
        Usable fraction ``x`` of Earth, in [P0 / E, 1] (≈ [1.13e-4, 1]): a cap below today's
        economy would bind today, which this model does not cover.

    Returns
    -------
    float
        Doublings of today's economy before the cap binds (0 at ``x = P0 / E``).

    Examples
    --------
    The waste-heat limit (≈ 0.8% of Earth's sunlight) binds after about six doublings:

    >>> round(cap_binds_doublings(WASTE_HEAT_FRACTION), 2)
    6.14
    """
    x = check_number("fraction", fraction, *TWO_PHASE_FRACTION_RANGE)
    return max(0.0, DOUBLINGS_TO_EARTH + math.log2(x))


def two_phase_lag_doublings(elapsed_doublings: float, fraction: float, seed: float,
                            offworld_ratio: float = 1.0) -> float:
    """Lag, in doubling times ``T``, of an economy capped at ``x`` of Earth behind a free one.

    Time ``u = t / T`` runs from today, when both economies are today's. The rival doubles
    every ``T`` throughout. The confined economy does the same until the cap binds at
    ``n1 = log2(x E / P0)``; after that it grows the better of two ways:

    * **waiting** (the bound): it stays at ``x E`` until the rival has filled Earth, at
      ``n1 + b`` with ``b = log2(1 / x)``, then expands off Earth at the rival's pace.
      Its lag is ``clip(u - n1, 0, b)``: never more than ``b``.
    * **seeding**: when the cap binds, a seed of ``seed * x E`` goes off Earth and doubles
      every ``k T`` (``k = offworld_ratio``), on top of the capped ``x E``. With
      ``v = u - n1`` its lag is ``v - log2(1 + seed (2**(v / k) - 1))``; for ``k = 1`` it
      tends to ``log2(1 / seed)``, whatever ``x``.

    The lag is the smaller of the two: the confined economy at ``u`` is as large as the
    rival was ``lag`` doubling times earlier.

    Parameters
    ----------
    elapsed_doublings : float
        Time since today in doubling times ``T``, in [0, 1e6].
    fraction : float
        Usable fraction ``x`` of Earth, in [P0 / E, 1].
    seed : float
        Seed off Earth as a share of the capped economy, in [0, 1]; 0 means no seed.
    offworld_ratio : float
        Off-Earth doubling time as a multiple ``k`` of ``T``, in [1, 100].

    Returns
    -------
    float
        Lag in doubling times ``T`` (>= 0, at most ``log2(1 / x)``).

    Examples
    --------
    Without a seed the lag reaches the bound, log2(1/x), once the rival fills Earth:

    >>> round(two_phase_lag_doublings(30, 0.01, 0.0), 3), round(math.log2(100), 3)
    (6.644, 6.644)

    A seed of a thousandth, doubling as fast as industry on Earth, costs about ten
    doublings in the long run, whatever x; with 1% of Earth usable the bound (6.6) binds:

    >>> round(two_phase_lag_doublings(60, 4e-4, 1e-3), 2)
    9.97
    >>> round(two_phase_lag_doublings(60, 0.01, 1e-3), 2)
    6.64
    """
    u = check_number("elapsed_doublings", elapsed_doublings, 0.0, 1e6)
    n1 = cap_binds_doublings(fraction)
    s = check_number("seed", seed, *SEED_RANGE)
    k = check_number("offworld_ratio", offworld_ratio, *OFFWORLD_RATIO_RANGE)
    bound = 0.0 - math.log2(fraction)
    v = u - n1
    if v <= 0.0:
        return 0.0
    waiting = min(v, bound)
    # log2(1 + s (2**(v/k) - 1)), written so that a huge v cannot overflow
    w = v / k
    if w > 60.0:
        grown = w + math.log2(s + (1.0 - s) * 2.0**-w) if s > 0.0 else 0.0
    else:
        grown = math.log2(1.0 + s * math.expm1(w * _LN2))
    return max(0.0, min(waiting, v - grown))


def two_phase_lag(elapsed: float, fraction: float, doubling_time: float, seed: float,
                  offworld_ratio: float = 1.0) -> float:
    """Lag in seconds: ``T`` times :func:`two_phase_lag_doublings` at ``u = elapsed / T``.

    Parameters
    ----------
    elapsed : float
        Time since today in seconds, in [0, 1e14].
    fraction : float
        Usable fraction ``x`` of Earth, in [P0 / E, 1].
    doubling_time : float
        Doubling time ``T`` of industry on Earth in seconds, in (0, 1e13].
    seed : float
        Seed off Earth as a share of the capped economy, in [0, 1].
    offworld_ratio : float
        Off-Earth doubling time as a multiple of ``T``, in [1, 100].

    Returns
    -------
    float
        Lag in seconds, never more than ``T log2(1 / x)`` (:func:`earth_constraint_delay`).

    Examples
    --------
    >>> format_duration(two_phase_lag(40 * YEAR, 0.01, YEAR, 0.0))
    '6.6 years'
    """
    t = check_number("elapsed", elapsed, *ELAPSED_RANGE)
    t_double = _check_doubling_time(doubling_time)
    return t_double * two_phase_lag_doublings(t / t_double, fraction, seed, offworld_ratio)


def earth_bound_summary(fraction: float, doubling_time_days: float) -> dict[str, float]:
    """The crux of the Earth objection: the longest possible delay ``T log2(1 / x)``, in years.

    The claim's model: the two-phase lag of :func:`two_phase_lag` never exceeds this bound,
    whatever the seed and the off-Earth doubling time, and reaches it without a seed.

    Parameters
    ----------
    fraction : float
        Usable fraction ``x`` of Earth, in (0, 1].
    doubling_time_days : float
        Doubling time ``T`` of industry on Earth in days, in (0, 1.16e8].

    Returns
    -------
    dict
        ``bound_years`` (the delay in Julian years) and ``doublings`` (``log2(1 / x)``).

    Examples
    --------
    >>> {k: round(v, 2) for k, v in earth_bound_summary(0.01, 365.25).items()}
    {'bound_years': 6.64, 'doublings': 6.64}
    """
    days = check_number("doubling_time_days", doubling_time_days,
                        DOUBLING_TIME_RANGE[0] / DAY, DOUBLING_TIME_RANGE[1] / DAY, lo_open=True)
    doublings = earth_constraint_doublings(fraction)
    return {"bound_years": days * DAY * doublings / YEAR, "doublings": doublings}
