"""Iterating against a probe: what best-of-k selection does to the probe's reading.

With latent deceptiveness ``d`` and probe score ``s`` jointly standard normal with correlation
``rho``, keeping the lowest-scoring of ``k`` samples lowers the probe reading by
``E[max of k N(0, 1)]`` standard deviations but ``d`` only by ``rho`` times that: the reading after
selection overstates the improvement by ``(1 - rho) * E[max of k]``. The same arithmetic holds when
the k candidates are mitigations ranked by the probe rather than samples.

The correlation's default is illustrative, not measured.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from essays.checks import check_array, check_integer, check_number

__all__ = [
    "expected_max_normal",
    "measured_improvement",
    "true_improvement",
    "improvement_gap",
    "ResamplingSimulation",
    "simulate_resampling",
    "frame_samples",
    "resampling_frame",
    "CORRELATION",
    "CORRELATION_RANGE",
    "SAMPLES_RANGE",
    "DRAWS_RANGE",
    "SIMULATED_SAMPLES_RANGE",
]


CORRELATION = 0.5  # illustrative correlation between probe score and latent deceptiveness
CORRELATION_RANGE = (-1.0, 1.0)  # rho between probe score and latent deceptiveness
SAMPLES_RANGE = (1, 1_000_000)  # k, samples resampled against the probe
DRAWS_RANGE = (2, 1_000_000)  # Monte Carlo draws in simulate_resampling
SIMULATED_SAMPLES_RANGE = (1, 1_000)  # k for the simulation (memory grows as draws * k)


# --------------------------------------------------------------------------------------------
# Part 2: iterating against the method (resampling against a probe)
# --------------------------------------------------------------------------------------------

_GRID_STEP = 0.002  # integration step, in standard deviations
_GRID_HALF_WIDTH = 12.0  # integrate over [-12, 12]; the integrand is < 1e-25 outside


@lru_cache(maxsize=1)
def _normal_grid() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Grid x, standard normal density phi(x) and log Phi(x) (read-only, computed once)."""
    n = int(round(2 * _GRID_HALF_WIDTH / _GRID_STEP)) + 1
    x = np.linspace(-_GRID_HALF_WIDTH, _GRID_HALF_WIDTH, n)
    density = np.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)
    # Phi(x) = erfc(-x / sqrt 2) / 2 is accurate in the lower tail; log1p(-upper tail) in the upper.
    erfc = np.vectorize(math.erfc, otypes=[float])
    log_cdf = np.empty_like(x)
    below = x < 0
    log_cdf[below] = np.log(erfc(-x[below] / math.sqrt(2.0)) / 2.0)
    log_cdf[~below] = np.log1p(-erfc(x[~below] / math.sqrt(2.0)) / 2.0)
    for arr in (x, density, log_cdf):
        arr.setflags(write=False)
    return x, density, log_cdf


def _check_samples(samples, lo: int, hi: int, name: str = "samples"):
    if np.ndim(samples) == 0:
        return np.array([check_integer(name, samples, lo, hi)], dtype=float)
    arr = check_array(name, samples, lo, hi)
    if not np.all(arr == np.round(arr)):
        bad = arr[arr != np.round(arr)][0]
        raise ValueError(f"{name} must be whole numbers in [{lo}, {hi}], got {bad!r}")
    return arr


def expected_max_normal(samples):
    """Expected maximum of ``samples`` independent standard normal draws, E[max of k].

    ``E[max of k] = integral of x * k * phi(x) * Phi(x)^(k - 1) dx`` (the density of the
    largest of k draws is k phi Phi^(k-1)), evaluated by the trapezoid rule on [-12, 12] with
    step 0.002; the integrand is smooth and negligible at the ends, so the rule is accurate to
    far better than 1e-6. Phi comes from :func:`math.erfc`. Known values: 0 for k = 1,
    1/sqrt(pi) for k = 2, 3/(2 sqrt(pi)) for k = 3.

    Parameters
    ----------
    samples : int or array_like of int
        k, the number of draws; in [1, 1e6].

    Returns
    -------
    float or ndarray
        E[max of k], in standard deviations.

    Examples
    --------
    >>> round(expected_max_normal(2), 6), round(1 / math.sqrt(math.pi), 6)
    (0.56419, 0.56419)
    >>> round(expected_max_normal(100), 4)
    2.5076
    """
    scalar = np.ndim(samples) == 0
    k = _check_samples(samples, *SAMPLES_RANGE)
    x, density, log_cdf = _normal_grid()
    integrand = x * density * np.exp(np.outer(k - 1.0, log_cdf)) * k[:, None]
    value = integrand.sum(axis=1) * _GRID_STEP  # trapezoid: the end terms are negligible
    value[k == 1] = 0.0  # exactly E[N(0, 1)]
    return float(value[0]) if scalar else value


def measured_improvement(samples):
    """How far best-of-``samples`` selection lowers the probe score: ``E[max of k]``, in SDs.

    Picking the lowest probe score s of k draws lowers the expected reading by the expected
    maximum of k standard normals (s is standard normal and symmetric).

    Parameters
    ----------
    samples : int or array_like of int
        k, the number of samples resampled against the probe; in [1, 1e6].

    Returns
    -------
    float or ndarray
        Expected drop in the probe score, in standard deviations of the score.

    Examples
    --------
    >>> round(measured_improvement(10), 3)
    1.539
    """
    return expected_max_normal(samples)


def true_improvement(samples, correlation: float = CORRELATION):
    """How far best-of-``samples`` selection lowers true deceptiveness: ``rho * E[max of k]``.

    With (d, s) jointly standard normal with correlation rho, E[d | s] = rho * s, so selecting
    on s lowers d only by rho times the drop in s.

    Parameters
    ----------
    samples : int or array_like of int
        k, the number of samples; in [1, 1e6].
    correlation : float
        rho, correlation of the probe score with latent deceptiveness; in [-1, 1]. Default 0.5
        (illustrative).

    Returns
    -------
    float or ndarray
        Expected drop in latent deceptiveness d, in standard deviations of d.

    Examples
    --------
    >>> round(true_improvement(10, 0.5), 3)
    0.769
    """
    rho = check_number("correlation", correlation, *CORRELATION_RANGE)
    return rho * expected_max_normal(samples)


def improvement_gap(samples, correlation: float = CORRELATION):
    """How much the probe overstates the improvement after selection: ``(1 - rho) * E[max of k]``.

    After keeping the lowest-scoring of k samples, the probe reads E[max of k] SDs better than
    before whatever the selected sample's true deceptiveness, while d improves only by rho times
    that; the difference is the part of the reading that is no longer evidence about d.

    Parameters
    ----------
    samples : int or array_like of int
        k, the number of samples; in [1, 1e6].
    correlation : float
        rho, correlation of the probe score with latent deceptiveness; in [-1, 1].

    Returns
    -------
    float or ndarray
        Measured minus true improvement, in standard deviations.

    Examples
    --------
    >>> round(improvement_gap(100, 0.5), 3)
    1.254
    """
    rho = check_number("correlation", correlation, *CORRELATION_RANGE)
    return (1.0 - rho) * expected_max_normal(samples)


class ResamplingSimulation(NamedTuple):
    """Monte Carlo estimate of best-of-k selection against a probe (all in SDs)."""

    measured: float  # mean drop in the selected sample's probe score
    true: float  # mean drop in the selected sample's latent deceptiveness
    measured_se: float  # standard error of ``measured``
    true_se: float  # standard error of ``true``


def simulate_resampling(
    samples: int, correlation: float = CORRELATION, draws: int = 20_000, seed: int = 0
) -> ResamplingSimulation:
    """Direct simulation of best-of-``samples`` selection, to check the closed forms.

    Each draw makes k pairs d = rho s + sqrt(1 - rho^2) z with s, z iid N(0, 1), keeps the pair
    with the lowest s and records -s and -d; returns their means and standard errors. Uses
    ``numpy.random.default_rng(seed)``, so it is deterministic.

    Parameters
    ----------
    samples : int
        k, samples per draw; in [1, 1000].
    correlation : float
        rho; in [-1, 1].
    draws : int
        Number of independent selections; in [2, 1e6].
    seed : int
        Seed for numpy's default generator; >= 0.

    Returns
    -------
    ResamplingSimulation
        Means and standard errors of the measured and true improvement, in SDs.

    Examples
    --------
    >>> sim = simulate_resampling(2, 0.5, draws=20_000, seed=1)
    >>> abs(sim.measured - expected_max_normal(2)) < 4 * sim.measured_se
    True
    """
    k = check_integer("samples", samples, *SIMULATED_SAMPLES_RANGE)
    rho = check_number("correlation", correlation, *CORRELATION_RANGE)
    n = check_integer("draws", draws, *DRAWS_RANGE)
    s_seed = check_integer("seed", seed, 0)
    rng = np.random.default_rng(s_seed)
    measured = np.empty(n)
    true = np.empty(n)
    chunk = max(1, 2_000_000 // k)  # bound memory at about 2e6 pairs per chunk
    for start in range(0, n, chunk):
        rows = min(chunk, n - start)
        s = rng.standard_normal((rows, k))
        z = rng.standard_normal((rows, k))
        best = np.argmin(s, axis=1)
        s_best = s[np.arange(rows), best]
        d_best = rho * s_best + math.sqrt(max(0.0, 1.0 - rho * rho)) * z[np.arange(rows), best]
        measured[start:start + rows] = -s_best
        true[start:start + rows] = -d_best
    root_n = math.sqrt(n)
    return ResamplingSimulation(
        float(measured.mean()), float(true.mean()),
        float(measured.std(ddof=1) / root_n), float(true.std(ddof=1) / root_n),
    )


def frame_samples() -> np.ndarray:
    """The log-spaced whole numbers of samples k from 1 to 100 used by :func:`resampling_frame`.

    Examples
    --------
    >>> ks = frame_samples()
    >>> int(ks[0]), int(ks[-1])
    (1, 100)
    """
    return np.unique(np.round(np.logspace(0, 2, 41))).astype(int)


def resampling_frame(*, correlation: float = CORRELATION) -> pd.DataFrame:
    """Tidy frame for the resampling chart: measured versus true improvement as k grows.

    Three series over k in :func:`frame_samples` (log-spaced whole numbers 1..100), in this
    order: "measured" (E[max of k], the drop in the probe reading), "true" (rho * E[max of k],
    the drop in latent deceptiveness) and "gap" ((1 - rho) * E[max of k], how much the
    post-selection probe reading overstates the improvement). Columns:

    - ``series`` (str): "measured", "true" or "gap".
    - ``samples`` (float): k.
    - ``improvement`` (float): in standard deviations.

    Parameters
    ----------
    correlation : float
        rho, the slider; in [-1, 1].

    Examples
    --------
    >>> df = resampling_frame(correlation=0.5)
    >>> list(df["series"].unique())
    ['measured', 'true', 'gap']
    """
    rho = check_number("correlation", correlation, *CORRELATION_RANGE)
    ks = frame_samples()
    e = expected_max_normal(ks)
    k = ks.astype(float)
    return pd.concat(
        [
            pd.DataFrame({"series": "measured", "samples": k, "improvement": e}),
            pd.DataFrame({"series": "true", "samples": k, "improvement": rho * e}),
            pd.DataFrame({"series": "gap", "samples": k, "improvement": (1.0 - rho) * e}),
        ],
        ignore_index=True,
    )
