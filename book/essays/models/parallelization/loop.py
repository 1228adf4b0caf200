"""The experiment loop (source line 18): Amdahl's law for serially faster computers and researchers."""
from __future__ import annotations


import numpy as np
import pandas as pd

from essays.checks import check_array, check_number

from .penalty import _check_points

# ------------------------------------------------------------------------------------------------
# The experiment loop (source line 18): Amdahl's law for research
# ------------------------------------------------------------------------------------------------

LOOP_SPEEDUP_RANGE = (1e-6, 1e30)  # serial speedup of compute or of researchers, x today's
EXPERIMENT_SHARE_RANGE = (0.0, 1.0)  # w, share of today's loop spent waiting on experiments
LOOP_TIME_RANGE = (0.0, 1e12)  # experiment / response time today, any one unit (e.g. hours)


def loop_iteration_time(experiment_time: float, response_time: float,
                        compute_speedup: float, researcher_speedup: float) -> float:
    """Time of one turn of the experiment loop: ``experiment_time / c + response_time / r``.

    A turn runs an experiment (``experiment_time`` today, done ``c`` times faster by serially
    faster compute) and then responds to its results and implements the next one
    (``response_time`` today, done ``r`` times faster by faster researchers). Source line 18.

    Parameters
    ----------
    experiment_time, response_time : float
        Today's durations, in the same unit (e.g. hours), each in [0, 1e12], not both zero.
    compute_speedup, researcher_speedup : float
        c and r, serial speedups as multiples of today's, in [1e-6, 1e30].

    Returns
    -------
    float
        The duration of one turn, in the unit of the inputs.

    Examples
    --------
    >>> loop_iteration_time(10.0, 5.0, compute_speedup=10.0, researcher_speedup=1.0)
    6.0
    """
    e, resp = _check_loop_times(experiment_time, response_time)
    c = check_number("compute_speedup", compute_speedup, *LOOP_SPEEDUP_RANGE)
    r = check_number("researcher_speedup", researcher_speedup, *LOOP_SPEEDUP_RANGE)
    return e / c + resp / r


def _check_loop_times(experiment_time, response_time) -> tuple[float, float]:
    e = check_number("experiment_time", experiment_time, *LOOP_TIME_RANGE)
    resp = check_number("response_time", response_time, *LOOP_TIME_RANGE)
    if e + resp == 0.0:
        raise ValueError("experiment_time and response_time must not both be 0")
    return e, resp


def experiment_share_from_times(experiment_time: float, response_time: float) -> float:
    """Share of today's loop spent waiting on experiments: ``w = E / (E + R)``.

    Parameters
    ----------
    experiment_time, response_time : float
        Today's experiment time E and response time R (responding to results and implementing the
        next experiment), in the same unit, each in [0, 1e12], not both zero.

    Returns
    -------
    float
        w in [0, 1].

    Examples
    --------
    >>> experiment_share_from_times(10.0, 5.0)
    0.6666666666666666
    """
    e, resp = _check_loop_times(experiment_time, response_time)
    return e / (e + resp)


def loop_speedup(compute_speedup, researcher_speedup, experiment_share: float):
    """Overall speedup of the experiment loop: ``S(c, r) = 1 / (w / c + (1 - w) / r)``.

    Today's turn takes ``E + R``; sped up it takes ``E / c + R / r``
    (:func:`loop_iteration_time`), and with ``w = E / (E + R)`` their ratio is ``S``, a
    weighted harmonic mean of ``c`` and ``r``. However fast the computers get, ``S`` never
    exceeds ``r / (1 - w)`` (:func:`loop_speedup_ceiling`): Amdahl's law. Source line 18's
    physically implausible computer that runs "any experiment which uses less than 1e100 FLOP
    in less than a nanosecond" is ``c -> infinity``; the loop then turns only as fast as
    researchers respond, which is why "you'd want to be able to respond to results and
    implement the next experiment in less than a nanosecond as well".

    Parameters
    ----------
    compute_speedup : float or array_like
        c, the serial speedup of running experiments, in [1e-6, 1e30].
    researcher_speedup : float or array_like
        r, the serial speedup of responding and implementing, in [1e-6, 1e30]. If both speedups
        are arrays they must broadcast.
    experiment_share : float
        w in [0, 1].

    Returns
    -------
    float or ndarray
        The overall speedup S, a multiple of today's loop rate.

    Examples
    --------
    >>> loop_speedup(1000.0, 10.0, 0.5)  # fast computers, 10x researchers: under 20x
    19.801980198019802
    """
    w = check_number("experiment_share", experiment_share, *EXPERIMENT_SHARE_RANGE)
    scalar = np.ndim(compute_speedup) == 0 and np.ndim(researcher_speedup) == 0
    c = _check_number_or_array("compute_speedup", compute_speedup, LOOP_SPEEDUP_RANGE)
    r = _check_number_or_array("researcher_speedup", researcher_speedup, LOOP_SPEEDUP_RANGE)
    s = 1.0 / (w / c + (1.0 - w) / r)
    return float(s) if scalar else s


def _check_number_or_array(name: str, value, allowed: tuple[float, float]):
    if np.ndim(value) == 0:
        return check_number(name, value, *allowed)
    return check_array(name, value, *allowed)


def loop_speedup_ceiling(researcher_speedup: float, experiment_share: float) -> float:
    """The bound on the loop's speedup with infinitely fast computers: ``r / (1 - w)``.

    Equivalently ``r * (1 + E / R)`` with today's experiment time ``E`` and response time ``R``.
    Raises ``ValueError`` at ``w = 1``, where nothing but experiments takes time and there is no
    bound.

    Parameters
    ----------
    researcher_speedup : float
        r, the researchers' serial speedup as a multiple of today's, in [1e-6, 1e30].
    experiment_share : float
        w in [0, 1).

    Returns
    -------
    float
        The least upper bound of :func:`loop_speedup` over all compute speedups.

    Examples
    --------
    >>> loop_speedup_ceiling(10.0, 0.5)
    20.0
    """
    r = check_number("researcher_speedup", researcher_speedup, *LOOP_SPEEDUP_RANGE)
    w = check_number("experiment_share", experiment_share, 0.0, 1.0, hi_open=True)
    return r / (1.0 - w)


def experiment_loop_frame(experiment_share: float = 0.5, points: int = 20,
                          max_speedup: float = 1000.0) -> pd.DataFrame:
    """Tidy frame for the experiment-loop heatmap over both speedups (log axes).

    One row per cell of a ``points`` x ``points`` grid of log-spaced compute and researcher
    speedups from 1 to ``max_speedup``, researcher speedup varying slowest.

    Columns: ``compute_speedup``, ``researcher_speedup``, ``loop_speedup``
    (:func:`loop_speedup`), ``ceiling`` (:func:`loop_speedup_ceiling` of the row's researcher
    speedup) and ``share_of_ceiling`` (``loop_speedup / ceiling``). ``experiment_share`` must be
    below 1 here, where the ceiling exists.

    Examples
    --------
    >>> df = experiment_loop_frame(0.5)
    >>> len(df), bool((df.loop_speedup < df.ceiling).all())
    (400, True)
    """
    w = check_number("experiment_share", experiment_share, 0.0, 1.0, hi_open=True)
    hi = check_number("max_speedup", max_speedup, 1.0, 1e6, lo_open=True)
    grid = np.geomspace(1.0, hi, _check_points(points, 2, 30))
    r, c = (a.ravel() for a in np.meshgrid(grid, grid, indexing="ij"))
    df = pd.DataFrame({"compute_speedup": c, "researcher_speedup": r})
    df["loop_speedup"] = loop_speedup(c, r, w)
    df["ceiling"] = r / (1.0 - w)
    df["share_of_ceiling"] = df["loop_speedup"] / df["ceiling"]
    return df


def experiment_loop_curves(experiment_share: float = 0.5, researcher_speedup: float = 10.0,
                           points: int = 61) -> pd.DataFrame:
    """Tidy frame for the loop speedup against compute speedup, with its Amdahl asymptote.

    ``series`` "loop": :func:`loop_speedup` at ``researcher_speedup`` over ``points`` log-spaced
    compute speedups from 1 to 1e6; "ceiling": :func:`loop_speedup_ceiling` at the same compute
    speedups (a horizontal line); "researchers": the researcher speedup itself.

    Columns: ``series``, ``compute_speedup``, ``loop_speedup``.

    Examples
    --------
    >>> df = experiment_loop_curves(0.5, 10.0)
    >>> float(df[df.series == "loop"].loop_speedup.max().round(4))  # at a million-fold compute
    19.9998
    >>> float(df[df.series == "ceiling"].loop_speedup.iloc[0])
    20.0
    """
    w = check_number("experiment_share", experiment_share, 0.0, 1.0, hi_open=True)
    r = check_number("researcher_speedup", researcher_speedup, *LOOP_SPEEDUP_RANGE)
    grid = np.logspace(0.0, 6.0, _check_points(points))
    frames = [
        pd.DataFrame({"series": "loop", "compute_speedup": grid, "loop_speedup": loop_speedup(grid, r, w)}),
        pd.DataFrame({"series": "ceiling", "compute_speedup": grid,
                      "loop_speedup": np.full(grid.shape, loop_speedup_ceiling(r, w))}),
        pd.DataFrame({"series": "researchers", "compute_speedup": grid, "loop_speedup": np.full(grid.shape, r)}),
    ]
    return pd.concat(frames, ignore_index=True)

