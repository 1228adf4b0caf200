"""The trend itself: constants, result types, validation, least squares and the bootstrap.

The parameters shared by every module of :mod:`essays.models.trends` are listed in its docstring.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from essays.checks import check_array, check_integer, check_number


DAYS_PER_YEAR = 365.25  # Julian year, the unit of essays.data.decimal_year
MONTHS_PER_YEAR = 12.0
TH_VERSIONS = ("TH1.0", "TH1.1")  # METR's original task suite and its update
DEFAULT_VERSION = "TH1.1"
O3_MODEL_KEY = {"TH1.0": "o3", "TH1.1": "o3_inspect"}  # o3, released 2025-04-16
WORK_WEEK_MINUTES = 40.0 * 60.0  # 40 hours
WORK_MONTH_MINUTES = 167.0 * 60.0  # 167 hours, METR's work-month
MOORE_TARGET_TRANSISTORS = 1e11  # ~2.4 doublings past the last point (1.92e10 in 2017)
METR_FIRST_YEAR = 2019  # GPT-2, the first model METR measured
MOORE_FIRST_YEAR = 1971  # the Intel 4004
# METR's own published doubling time and 95% interval (days) for TH1.1 frontier models from 2023 on
# (benchmark_results_1_1.yaml, doubling_time_in_days.from_2023_on, the pinned version of
# book/data/README.md). METR's interval also resamples tasks; it is shown beside the book's
# bootstrap, never used in a fit.
METR_PUBLISHED_FROM_2023_DAYS = (128.744, 104.428, 158.012)  # point estimate, ci_low, ci_high
CLAIM_WORK_WEEK_BY = 2027.5  # the window claim's date: mid-2027 (2 July 2027), in decimal years

YEARS_RANGE = (-1e4, 1e4)  # decimal years
FIRST_YEAR_RANGE = (1900, 2100)  # first calendar year included in a fit
SIGMA_MONTHS_RANGE = (0.0, 120.0)  # standard deviation of release-date noise, months
HORIZON_MINUTES_RANGE = (1e-3, 1e9)  # target 50% horizon, minutes of human time
WINDOW_MONTHS_RANGE = (0.0, 120.0)  # half-width of the "forecast still on time" window, months
N_POINTS_RANGE = (2, 100_000)  # most recent points used; at most the number of points
DRAWS_RANGE = (1, 100_000)  # Monte Carlo draws
RESAMPLES_RANGE = (10, 20_000)  # bootstrap resamples
GRID_POINTS_RANGE = (2, 201)  # points along a drawn trend line
SEED_RANGE = (0, 2**32 - 1)

MAX_REPORTED_DOUBLING_DAYS = 10 * DAYS_PER_YEAR  # slower (or no) growth is reported as 10 years
FORECAST_CEILING_YEARS = 30.0  # forecasts are reported within +-30 years of the last point used
FORECAST_BIN_MONTHS = 3.0  # histogram bin of the noisy forecasts
FORECAST_BINS_EACH_SIDE = 12  # bins each side of the noise-free forecast (+-3 years)


class TrendFit(NamedTuple):
    """A least-squares line through log2(value) against decimal years."""

    doublings_per_year: float  # slope, log2 units per year (> 0)
    mean_year: float  # mean of the fitted decimal years
    log2_at_mean: float  # fitted log2(value) at mean_year
    points: int  # number of points fitted

    @property
    def doubling_days(self) -> float:
        """Doubling time in days: 365.25 / slope."""
        return DAYS_PER_YEAR / self.doublings_per_year

    @property
    def doubling_months(self) -> float:
        """Doubling time in months: 12 / slope."""
        return MONTHS_PER_YEAR / self.doublings_per_year

    def log2_value_at(self, years):
        """Fitted log2(value) at decimal ``years``."""
        return self.log2_at_mean + self.doublings_per_year * (np.asarray(years, dtype=float) - self.mean_year)

    def year_reaching(self, value: float) -> float:
        """Decimal year at which the fitted line reaches ``value`` (> 0)."""
        v = check_number("value", value, 0, None, lo_open=True)
        return float(self.mean_year + (np.log2(v) - self.log2_at_mean) / self.doublings_per_year)


class TrendSummary(NamedTuple):
    """A fitted doubling time with a percentile-bootstrap interval (resampling points)."""

    doubling_days: float
    doubling_months: float
    ci_low_days: float
    ci_high_days: float
    points: int


class NoiseSummary(NamedTuple):
    """Spread of refits when every release date is jittered by Gaussian noise.

    ``*_p05``/``*_p50``/``*_p95`` are percentiles over the draws; ``forecast_year`` is when the
    trend reaches the target; ``chance_within_window`` is the share of draws whose forecast is
    within the window of the noise-free one; ``share_not_growing`` the share whose slope <= 0.
    The noise-free ``doubling_days`` is not capped; its percentiles are.
    """

    points: int
    doubling_days: float
    doubling_days_p05: float
    doubling_days_p50: float
    doubling_days_p95: float
    forecast_year: float
    forecast_year_p05: float
    forecast_year_p50: float
    forecast_year_p95: float
    chance_within_window: float
    share_not_growing: float


# ---------------------------------------------------------------- validation and least squares


def _check_series(years, values, min_points: int = 2) -> tuple[np.ndarray, np.ndarray]:
    x = check_array("years", years, *YEARS_RANGE, min_size=min_points)
    y = check_array("values", values, 0, None, lo_open=True, min_size=min_points)
    if x.size != y.size:
        raise ValueError(f"years and values must have the same length, got {x.size} and {y.size}")
    if np.any(np.diff(x) <= 0):
        raise ValueError("years must be strictly increasing (sorted release dates, no duplicate dates)")
    return x, np.log2(y)


def _least_squares(x: np.ndarray, y: np.ndarray):
    """Least squares of y on x along the last axis: slope, sxx, mean x and mean y."""
    mean_x = x.mean(axis=-1)
    mean_y = y.mean(axis=-1)
    dx = x - mean_x[..., None]
    sxx = (dx * dx).sum(axis=-1)
    sxy = (dx * (y - mean_y[..., None])).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = np.where(sxx > 0, sxy / np.where(sxx > 0, sxx, 1.0), 0.0)
    return slope, sxx, mean_x, mean_y


def _doubling_days(slopes: np.ndarray) -> np.ndarray:
    """365.25 / slope, with slow or no growth reported as MAX_REPORTED_DOUBLING_DAYS."""
    fast = slopes > DAYS_PER_YEAR / MAX_REPORTED_DOUBLING_DAYS
    return np.where(fast, DAYS_PER_YEAR / np.where(fast, slopes, 1.0), MAX_REPORTED_DOUBLING_DAYS)


# ---------------------------------------------------------------- the trend


def fit_exponential_trend(years, values) -> TrendFit:
    """Least-squares exponential trend: ``log2(value) = log2_at_mean + b (year - mean_year)``.

    Parameters
    ----------
    years : array_like
        Release dates in decimal years, strictly increasing, at least two.
    values : array_like
        The growing quantity (e.g. 50% horizon in minutes), positive, one per year.

    Returns
    -------
    TrendFit
        Slope ``b`` in doublings per year, with ``doubling_days`` = 365.25 / b and
        ``doubling_months`` = 12 / b.

    Raises
    ------
    ValueError
        On empty, non-finite, unsorted or duplicate years, non-positive values, or a fitted
        slope <= 0 (no doubling time).

    Examples
    --------
    A value that doubles every half year:

    >>> fit = fit_exponential_trend([2020.0, 2020.5, 2021.0], [1.0, 2.0, 4.0])
    >>> fit.doublings_per_year, round(fit.doubling_days, 3), fit.doubling_months
    (2.0, 182.625, 6.0)
    """
    return _fit_log2(*_check_series(years, values))


def _fit_log2(x: np.ndarray, y: np.ndarray) -> TrendFit:
    slope, _, mean_x, mean_y = _least_squares(x, y)
    if not slope > 0:
        raise ValueError("values must grow with years: the fitted slope is <= 0, so there is no doubling time")
    return TrendFit(float(slope), float(mean_x), float(mean_y), int(x.size))


def _bootstrap(x: np.ndarray, y: np.ndarray, resamples: int, seed: int):
    """Slopes, mean years and mean log2 values of fits to resampled points (degenerate ones dropped)."""
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, x.size, size=(resamples, x.size))
    slope, _, mean_x, mean_y = _least_squares(x[idx], y[idx])
    keep = idx.min(axis=1) < idx.max(axis=1)  # a resample of one repeated point has no slope
    return slope[keep], mean_x[keep], mean_y[keep]


def trend_summary(years, values, *, resamples: int = 2000, level: float = 0.95, seed: int = 0) -> TrendSummary:
    """Fitted doubling time with a percentile-bootstrap confidence interval.

    The points are resampled with replacement ``resamples`` times and refitted; the interval is
    the ``(1 - level) / 2`` and ``(1 + level) / 2`` percentiles of the refitted slopes, turned into
    doubling times (``365.25 / slope`` days, an upper end beyond ``MAX_REPORTED_DOUBLING_DAYS``
    or with no growth reported as that ceiling). Resamples that repeat one date only are dropped.

    Parameters
    ----------
    years, values : array_like
        As in :func:`fit_exponential_trend`; at least three points.
    resamples : int
        Bootstrap resamples, in [10, 20000].
    level : float
        Confidence level, in (0, 1).
    seed : int
        Seed of the resampling, in [0, 2**32 - 1].

    Examples
    --------
    >>> s = trend_summary([2020, 2021, 2022, 2023], [1, 2.2, 3.8, 8.1])
    >>> round(s.doubling_days), s.ci_low_days < s.doubling_days < s.ci_high_days
    (371, True)
    """
    x, y = _check_series(years, values, min_points=3)
    n = check_integer("resamples", resamples, *RESAMPLES_RANGE)
    lvl = check_number("level", level, 0, 1, lo_open=True, hi_open=True)
    s = check_integer("seed", seed, *SEED_RANGE)
    fit = _fit_log2(x, y)
    slopes, _, _ = _bootstrap(x, y, n, s)
    lo_slope, hi_slope = np.percentile(slopes, [50 * (1 - lvl), 50 * (1 + lvl)])
    low, high = _doubling_days(np.array([hi_slope, lo_slope]))
    return TrendSummary(fit.doubling_days, fit.doubling_months, float(low), float(high), fit.points)
