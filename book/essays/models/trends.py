"""Exponential trends anchored to release dates: METR's time horizons and Moore's law (lines 22-26).

The trend is a straight line through ``log2`` of the value against the date in decimal (Julian)
years, fitted by ordinary least squares::

    log2(value) = log2_at_mean + doublings_per_year * (year - mean_year)
    doubling time = 365.25 / doublings_per_year days = 12 / doublings_per_year months

The array functions take decimal years (strictly increasing) and positive values; the wrappers
take the DataFrames of :mod:`essays.data`. METR's frontier models are the rows with ``is_sota``.
On TH1.1 the fit gives METR's own published doubling times (187.778 days for 2019-2026 and
128.744 days from 2023 on, ``doubling_time_in_days`` in METR's ``benchmark_results_1_1.yaml``).

Parameters shared by the functions below (same name, unit and range everywhere):

- ``horizons``: DataFrame from :func:`essays.data.load_metr_horizons`; ``transistors``: from
  :func:`essays.data.load_moore_transistors`.
- ``version``: METR task-suite version, "TH1.0" or "TH1.1" (default).
- ``first_year``: first calendar year included in a fit (whole year in [1900, 2100]).
- ``sigma_months``: standard deviation of the release-date noise, months, in [0, 120].
- ``n_points``: how many of the most recent points are fitted, in [2, number of points].
- ``horizon_minutes``: target 50% horizon, minutes of skilled-human time, in [1e-3, 1e9];
  ``target``: the same for any series, in its own unit (> 0).
- ``window_months``: half-width of the "forecast still on time" window, months, in [0, 120].
- ``draws`` (Monte Carlo, [1, 100000]), ``resamples`` (bootstrap, [10, 20000]), ``level``
  (confidence level in (0, 1)), ``seed`` (in [0, 2**32 - 1]).

Randomness (the bootstrap, the release-date jitter) only ever comes from an explicit ``seed``.
A Monte Carlo draw whose fitted trend does not grow has no doubling time and never reaches the
target: such draws are reported at the ceilings ``MAX_REPORTED_DOUBLING_DAYS`` and
``FORECAST_CEILING_YEARS`` (after the last point) so that no summary is infinite.
"""
from __future__ import annotations

import functools
from typing import NamedTuple

import numpy as np
import pandas as pd

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
    """Row-wise least squares of y on x for arrays of shape (..., n): slope, sxx, mean x, mean y."""
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


# ---------------------------------------------------------------- release-date noise


def _clip_forecast(forecast, slope, first_year: float, last_year: float):
    """Forecasts of growing draws, clipped to +-FORECAST_CEILING_YEARS; non-growing ones at the ceiling."""
    ceiling = last_year + FORECAST_CEILING_YEARS
    clipped = np.clip(forecast, first_year - FORECAST_CEILING_YEARS, ceiling)
    return np.where(slope > 0, clipped, ceiling)


def _noise_draws(x, y, target_log2, sigma_months, draws, seed):
    """Slopes and clipped forecast years of ``draws`` refits with jittered dates (closed form)."""
    rng = np.random.default_rng(seed)
    jittered = x + (sigma_months / MONTHS_PER_YEAR) * rng.standard_normal((draws, x.size))
    slope, _, mean_x, mean_y = _least_squares(jittered, y)
    with np.errstate(divide="ignore", invalid="ignore"):
        raw = mean_x + (target_log2 - mean_y) / np.where(slope > 0, slope, 1.0)
    return slope, _clip_forecast(raw, slope, x[0], x[-1])


def release_noise_summary(
    years,
    values,
    *,
    target: float,
    sigma_months: float,
    n_points: int | None = None,
    draws: int = 500,
    window_months: float = 6.0,
    seed: int = 0,
) -> NoiseSummary:
    """How much Gaussian noise on the release dates moves the trend and its forecast.

    Each of ``draws`` Monte Carlo draws adds ``Normal(0, sigma_months / 12)`` years to every one
    of the ``n_points`` most recent dates and refits by closed-form least squares (vectorised:
    one ``(draws, n_points)`` array). The forecast is the year the line reaches ``target``,
    ``mean_year + (log2(target) - log2_at_mean) / b``. The same ``seed`` gives the same standard
    normal draws at every ``sigma_months`` (common random numbers), so ``sigma_months = 0``
    reproduces the noise-free fit exactly and curves over sigma are smooth.

    Parameters
    ----------
    years, values : array_like
        As in :func:`fit_exponential_trend`.
    target : float
        Value whose arrival date is forecast (same unit as ``values``), > 0.
    sigma_months : float
        Standard deviation of the release-date noise in months, in [0, 120].
    n_points : int, optional
        How many of the most recent points to fit, in [2, len(years)]; default all.
    draws : int
        Monte Carlo draws, in [1, 100000].
    window_months : float
        Half-width in months of the window around the noise-free forecast, in [0, 120].
    seed : int
        Seed of the noise, in [0, 2**32 - 1].

    Returns
    -------
    NoiseSummary
        Noise-free doubling time (days) and forecast (decimal year), their 5th/50th/95th
        percentiles over the draws, the chance that a draw's forecast is within
        ``window_months`` of the noise-free one, and the share of draws with no growth.
        Doubling times are capped at ``MAX_REPORTED_DOUBLING_DAYS`` and forecasts at
        ``FORECAST_CEILING_YEARS`` after the last point (where non-growing draws go too).

    Examples
    --------
    >>> years = [2020.0, 2021.0, 2022.0, 2023.0]
    >>> s = release_noise_summary(years, [1, 2, 4, 8], target=64, sigma_months=0)
    >>> s.doubling_days, s.forecast_year, s.chance_within_window
    (365.25, 2026.0, 1.0)
    >>> s = release_noise_summary(years, [1, 2, 4, 8], target=64, sigma_months=6)
    >>> bool(s.forecast_year_p05 < 2026.0 < s.forecast_year_p95), s.chance_within_window < 1
    (True, True)
    """
    return _noise(years, values, target, sigma_months, n_points, draws, window_months, seed)[0]


def _noise(years, values, target, sigma_months, n_points, draws, window_months, seed):
    """The noise experiment: (NoiseSummary, slopes, clipped forecasts) of every draw."""
    x, y = _check_series(years, values)
    target_log2 = float(np.log2(check_number("target", target, 0, None, lo_open=True)))
    sigma = check_number("sigma_months", sigma_months, *SIGMA_MONTHS_RANGE)
    n = x.size if n_points is None else check_integer("n_points", n_points, N_POINTS_RANGE[0], x.size)
    draws = check_integer("draws", draws, *DRAWS_RANGE)
    window = check_number("window_months", window_months, *WINDOW_MONTHS_RANGE)
    seed = check_integer("seed", seed, *SEED_RANGE)
    x, y = x[-n:], y[-n:]
    fit = _fit_log2(x, y)
    raw0 = fit.mean_year + (target_log2 - fit.log2_at_mean) / fit.doublings_per_year
    forecast0 = float(_clip_forecast(raw0, 1.0, x[0], x[-1]))
    slope, forecast = _noise_draws(x, y, target_log2, sigma, draws, seed)
    days = _doubling_days(slope)
    within = (slope > 0) & (np.abs(forecast - forecast0) <= window / MONTHS_PER_YEAR + 1e-12)
    dp = np.percentile(days, [5, 50, 95])
    fp = np.percentile(forecast, [5, 50, 95])
    summary = NoiseSummary(
        int(x.size), fit.doubling_days, float(dp[0]), float(dp[1]), float(dp[2]),
        forecast0, float(fp[0]), float(fp[1]), float(fp[2]),
        float(within.mean()), float((slope <= 0).mean()),
    )
    return summary, slope, forecast


def release_noise_grid(
    years,
    values,
    *,
    target: float,
    sigmas_months=tuple(range(13)),
    draws: int = 500,
    window_months: float = 6.0,
    seed: int = 0,
    series: str = "",
) -> pd.DataFrame:
    """Precomputed :func:`release_noise_summary` over a grid, for a static chart.

    Rows: every ``sigma_months`` in ``sigmas_months`` (default 0..12 months, step 1) times every
    ``n_points`` from 2 to the number of points, ordered by ``n_points`` then ``sigma_months``.
    Columns: ``series`` (the label given), ``sigma_months``, ``n_points`` and the
    :class:`NoiseSummary` fields (all floats).

    Parameters
    ----------
    years, values, target, draws, window_months, seed
        As in :func:`release_noise_summary`.
    sigmas_months : array_like
        Noise levels in months, 1 to 121 values in [0, 120].
    series : str
        Label copied into the ``series`` column.

    Examples
    --------
    >>> grid = release_noise_grid([2020, 2021, 2022], [1, 2, 4], target=16, sigmas_months=[0, 6])
    >>> grid[["sigma_months", "n_points", "chance_within_window"]].to_numpy().tolist()
    [[0.0, 2.0, 1.0], [6.0, 2.0, 0.204], [0.0, 3.0, 1.0], [6.0, 3.0, 0.302]]
    """
    x, _ = _check_series(years, values)
    sigmas = check_array("sigmas_months", sigmas_months, *SIGMA_MONTHS_RANGE)
    if sigmas.size > 121:
        raise ValueError(f"sigmas_months must hold at most 121 values, got {sigmas.size}")
    rows = []
    for n in range(2, x.size + 1):
        for sigma in sigmas:
            summary = release_noise_summary(
                years, values, target=target, sigma_months=float(sigma), n_points=n,
                draws=draws, window_months=window_months, seed=seed,
            )
            rows.append({"series": str(series), "sigma_months": float(sigma), **summary._asdict()})
    frame = pd.DataFrame(rows)
    frame["n_points"] = frame.pop("points").astype(float)
    columns = ["series", "sigma_months", "n_points"] + [c for c in NoiseSummary._fields if c != "points"]
    return frame[columns]


# ---------------------------------------------------------------- DataFrame wrappers: METR

_HORIZON_COLUMNS = ("th_version", "model_key", "model", "release_date", "decimal_year",
                    "p50_minutes", "p50_ci_low", "p50_ci_high", "is_sota")


def _check_frame(name: str, frame, columns) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"{name} must be a DataFrame from essays.data, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} lacks column(s) {missing}")
    return frame


def _check_version(version) -> str:
    if version not in TH_VERSIONS:
        raise ValueError(f"version must be one of {TH_VERSIONS}, got {version!r}")
    return version


def frontier_models(horizons: pd.DataFrame, *, version: str = DEFAULT_VERSION,
                    first_year: int = METR_FIRST_YEAR) -> pd.DataFrame:
    """METR's frontier models (``is_sota``) of one task-suite version, released in or after ``first_year``.

    Parameters
    ----------
    horizons : DataFrame
        From :func:`essays.data.load_metr_horizons`.
    version : {"TH1.0", "TH1.1"}
        METR task-suite version.
    first_year : int
        First calendar year included, in [1900, 2100]; at least two models must remain.

    Returns
    -------
    DataFrame
        Columns ``model_key``, ``model``, ``release_date``, ``decimal_year``, ``p50_minutes``,
        ``p50_ci_low``, ``p50_ci_high``, sorted by release date.

    Examples
    --------
    >>> from essays.data import load_metr_horizons
    >>> frontier_models(load_metr_horizons(), first_year=2025)["model"].tolist()[:3]
    ['Claude 3.7 Sonnet', 'o3', 'GPT-5']
    """
    _check_frame("horizons", horizons, _HORIZON_COLUMNS)
    v = _check_version(version)
    year = check_integer("first_year", first_year, *FIRST_YEAR_RANGE)
    rows = horizons[(horizons["th_version"] == v) & horizons["is_sota"].astype(bool)
                    & (pd.to_datetime(horizons["release_date"]).dt.year >= year)]
    if len(rows) < 2:
        raise ValueError(f"first_year = {year} leaves {len(rows)} frontier model(s) in {v}; need at least 2")
    columns = ["model_key", "model", "release_date", "decimal_year", "p50_minutes", "p50_ci_low", "p50_ci_high"]
    return rows.sort_values("decimal_year", kind="stable")[columns].reset_index(drop=True)


def metr_trend_summary(horizons: pd.DataFrame, *, version: str = DEFAULT_VERSION, first_year: int = METR_FIRST_YEAR,
                       resamples: int = 2000, level: float = 0.95, seed: int = 0) -> TrendSummary:
    """Doubling time of METR's frontier 50% horizon since ``first_year``, with a bootstrap interval.

    The fit of :func:`trend_summary` on :func:`frontier_models`. The interval resamples models,
    not tasks, so it is not METR's own interval (which also resamples tasks).

    Parameters
    ----------
    horizons : DataFrame
        From :func:`essays.data.load_metr_horizons`.
    version : {"TH1.0", "TH1.1"}
        METR task-suite version.
    first_year : int
        First calendar year included, in [1900, 2100]; at least three models must remain.
    resamples, level, seed
        As in :func:`trend_summary`.

    Examples
    --------
    METR's stated doubling times on TH1.1 (187.778 days since 2019, 128.744 days since 2023):

    >>> from essays.data import load_metr_horizons
    >>> horizons = load_metr_horizons()
    >>> round(metr_trend_summary(horizons).doubling_days, 3)
    187.778
    >>> round(metr_trend_summary(horizons, first_year=2023).doubling_days, 3)
    128.744
    """
    models = frontier_models(horizons, version=version, first_year=first_year)
    return trend_summary(models["decimal_year"], models["p50_minutes"], resamples=resamples, level=level, seed=seed)


def trend_frame(horizons: pd.DataFrame, *, version: str = DEFAULT_VERSION, first_year: int = METR_FIRST_YEAR,
                resamples: int = 2000, level: float = 0.95, seed: int = 0, grid_points: int = 41) -> pd.DataFrame:
    """Tidy frame for the trend figure: the models and the fitted line with its bootstrap band.

    Rows of ``kind`` "frontier model" (fitted), "earlier frontier model" (before ``first_year``),
    "other model" (not frontier, same version) and ``grid_points`` rows of "trend" over the fitted
    dates. Columns: ``kind``, ``model`` ("" on trend rows), ``decimal_year``, ``minutes`` (50%
    horizon; fitted value on trend rows), ``minutes_low``/``minutes_high`` (METR's 95% interval
    for a model; the bootstrap band at ``level`` for the trend, percentiles of the refitted lines).

    Parameters
    ----------
    horizons, version, first_year
        As in :func:`metr_trend_summary`.
    resamples, level, seed
        As in :func:`trend_summary`.
    grid_points : int
        Points along the trend line, in [2, 201].

    Examples
    --------
    >>> from essays.data import load_metr_horizons
    >>> frame = trend_frame(load_metr_horizons(), first_year=2023)
    >>> frame["kind"].value_counts().to_dict()
    {'trend': 41, 'frontier model': 14, 'other model': 8, 'earlier frontier model': 3}
    """
    models = frontier_models(horizons, version=version, first_year=first_year)
    n = check_integer("resamples", resamples, *RESAMPLES_RANGE)
    lvl = check_number("level", level, 0, 1, lo_open=True, hi_open=True)
    s = check_integer("seed", seed, *SEED_RANGE)
    g = check_integer("grid_points", grid_points, *GRID_POINTS_RANGE)
    if len(models) < 3:
        raise ValueError(f"first_year = {first_year} leaves {len(models)} frontier models; need at least 3")
    x = models["decimal_year"].to_numpy(float)
    fit = fit_exponential_trend(x, models["p50_minutes"])
    grid = np.linspace(x[0], x[-1], g)
    slopes, mean_x, mean_y = _bootstrap(x, np.log2(models["p50_minutes"].to_numpy(float)), n, s)
    lines = mean_y[:, None] + slopes[:, None] * (grid[None, :] - mean_x[:, None])
    band_lo, band_hi = np.percentile(lines, [50 * (1 - lvl), 50 * (1 + lvl)], axis=0)
    same = horizons[horizons["th_version"] == version].sort_values(["decimal_year", "model_key"], kind="stable")
    later = same["is_sota"].astype(bool) & (pd.to_datetime(same["release_date"]).dt.year >= first_year)
    earlier = same["is_sota"].astype(bool) & ~later
    parts = [pd.DataFrame({"kind": kind, "model": rows["model"].astype(str), "decimal_year": rows["decimal_year"],
                           "minutes": rows["p50_minutes"], "minutes_low": rows["p50_ci_low"],
                           "minutes_high": rows["p50_ci_high"]})
             for kind, rows in (("frontier model", same[later]), ("earlier frontier model", same[earlier]),
                                ("other model", same[~same["is_sota"].astype(bool)]))]
    parts.append(pd.DataFrame({"kind": "trend", "model": "", "decimal_year": grid,
                               "minutes": 2.0 ** fit.log2_value_at(grid),
                               "minutes_low": 2.0**band_lo, "minutes_high": 2.0**band_hi}))
    frame = pd.concat(parts, ignore_index=True)
    for column in ("decimal_year", "minutes", "minutes_low", "minutes_high"):
        frame[column] = frame[column].astype(float)
    return frame


# ---------------------------------------------------------------- two points and an outlier


def _split_at(horizons, version, outlier_key, first_year):
    models = frontier_models(horizons, version=version, first_year=first_year)
    key = O3_MODEL_KEY[version] if outlier_key is None else outlier_key
    keys = models["model_key"].tolist()
    if key not in keys[1:]:
        raise ValueError(f"outlier_key must name a {version} frontier model after the first one "
                         f"since {first_year}, one of {keys[1:]}, got {key!r}")
    k = keys.index(key)
    return models.iloc[: k + 1], models.iloc[k + 1:]


def outlier_forecasts(horizons: pd.DataFrame, *, version: str = DEFAULT_VERSION, outlier_key: str | None = None,
                      first_year: int = METR_FIRST_YEAR) -> pd.DataFrame:
    """The last two points versus all points, as they stood when the outlier was the latest model.

    The frontier models up to and including ``outlier_key`` (o3 by default: ``"o3"`` in TH1.0,
    ``"o3_inspect"`` in TH1.1) are fitted twice: through the last two of them only, and by least
    squares through all of them since ``first_year``. Each line is extrapolated to a work-week
    (40 h = 2400 min) and a work-month (167 h = 10020 min) 50% horizon.

    Parameters
    ----------
    horizons, version, first_year
        As in :func:`frontier_models`.
    outlier_key : str, optional
        METR ``model_key`` of the point treated as the latest, outlying one: a frontier model of
        ``version`` after the first one since ``first_year``. Default o3 of that version.

    Returns
    -------
    DataFrame
        Two rows, ``line`` "last two points" and "all points"; columns ``points``,
        ``doubling_days``, ``doubling_months``, ``work_week_year`` and ``work_month_year``
        (decimal years at which the line reaches each horizon).

    Examples
    --------
    >>> from essays.data import load_metr_horizons
    >>> table = outlier_forecasts(load_metr_horizons())
    >>> table[["line", "doubling_days"]].round(1).to_numpy().tolist()
    [['last two points', 51.6], ['all points', 216.1]]
    """
    used, _ = _split_at(horizons, version, outlier_key, first_year)
    rows = []
    for line, subset in (("last two points", used.iloc[-2:]), ("all points", used)):
        fit = fit_exponential_trend(subset["decimal_year"], subset["p50_minutes"])
        rows.append({"line": line, "points": float(fit.points), "doubling_days": fit.doubling_days,
                     "doubling_months": fit.doubling_months,
                     "work_week_year": fit.year_reaching(WORK_WEEK_MINUTES),
                     "work_month_year": fit.year_reaching(WORK_MONTH_MINUTES)})
    return pd.DataFrame(rows)


def outlier_frame(horizons: pd.DataFrame, *, version: str = DEFAULT_VERSION, outlier_key: str | None = None,
                  first_year: int = METR_FIRST_YEAR) -> pd.DataFrame:
    """Tidy frame for the two-points-and-an-outlier figure.

    Rows of ``kind`` "model used" (frontier models up to the outlier), "outlier", "later model"
    (frontier models released after it, which neither line saw), and the two end points of each
    line, "last two points" and "all points" (see :func:`outlier_forecasts`): each drawn from the
    first model it was fitted on to the date it reaches a work-month (167 h), so that both stay
    within the chart's range of horizons. Columns: ``kind``, ``model`` ("" on line rows),
    ``decimal_year``, ``minutes``. Parameters as in :func:`outlier_forecasts`.

    Examples
    --------
    >>> from essays.data import load_metr_horizons
    >>> frame = outlier_frame(load_metr_horizons())
    >>> frame.loc[frame["kind"] == "outlier", "model"].tolist()
    ['o3']
    """
    used, later = _split_at(horizons, version, outlier_key, first_year)
    parts = [pd.DataFrame({"kind": kind, "model": rows["model"].astype(str),
                           "decimal_year": rows["decimal_year"], "minutes": rows["p50_minutes"]})
             for kind, rows in (("model used", used.iloc[:-1]), ("outlier", used.iloc[-1:]), ("later model", later))]
    for line, subset in (("last two points", used.iloc[-2:]), ("all points", used)):
        fit = fit_exponential_trend(subset["decimal_year"], subset["p50_minutes"])
        start, stop = float(subset["decimal_year"].iloc[0]), float(subset["decimal_year"].iloc[-1])
        ends = np.array([start, max(stop, fit.year_reaching(WORK_MONTH_MINUTES))])
        parts.append(pd.DataFrame({"kind": line, "model": "", "decimal_year": ends,
                                   "minutes": 2.0 ** fit.log2_value_at(ends)}))
    frame = pd.concat(parts, ignore_index=True)
    frame["decimal_year"] = frame["decimal_year"].astype(float)
    frame["minutes"] = frame["minutes"].astype(float)
    return frame


# ---------------------------------------------------------------- noise on METR's dates


def metr_release_noise(horizons: pd.DataFrame, *, version: str = DEFAULT_VERSION, first_year: int = METR_FIRST_YEAR,
                       sigma_months: float = 3.0, n_points: int | None = None,
                       horizon_minutes: float = WORK_WEEK_MINUTES, draws: int = 500, window_months: float = 6.0,
                       seed: int = 0) -> NoiseSummary:
    """:func:`release_noise_summary` on METR's frontier models (the live widget's call).

    Parameters
    ----------
    horizons, version, first_year
        As in :func:`frontier_models`.
    sigma_months : float
        Standard deviation of the release-date noise in months, in [0, 120].
    n_points : int, optional
        The most recent frontier models used, in [2, number since ``first_year``]; default all.
    horizon_minutes : float
        Target 50% horizon whose arrival is forecast, minutes, in [1e-3, 1e9]; default a
        work-week (2400 min).
    draws, window_months, seed
        As in :func:`release_noise_summary`.

    Examples
    --------
    >>> from essays.data import load_metr_horizons
    >>> s = metr_release_noise(load_metr_horizons(), sigma_months=0)
    >>> round(s.doubling_days, 3), s.chance_within_window
    (187.778, 1.0)
    """
    models = frontier_models(horizons, version=version, first_year=first_year)
    target = check_number("horizon_minutes", horizon_minutes, *HORIZON_MINUTES_RANGE)
    return release_noise_summary(models["decimal_year"], models["p50_minutes"], target=target,
                                 sigma_months=sigma_months, n_points=n_points, draws=draws,
                                 window_months=window_months, seed=seed)


def noise_grid_frame(horizons: pd.DataFrame, *, version: str = DEFAULT_VERSION, first_year: int = METR_FIRST_YEAR,
                     horizon_minutes: float = WORK_WEEK_MINUTES, sigmas_months=tuple(range(13)), draws: int = 500,
                     window_months: float = 6.0, seed: int = 0) -> pd.DataFrame:
    """:func:`release_noise_grid` on METR's frontier models: sigma 0..12 months by n_points 2..N.

    ``series`` is e.g. "METR TH1.1 frontier"; 13 x 16 = 208 rows for TH1.1 since 2019.
    Parameters as in :func:`metr_release_noise`; ``sigmas_months`` as in
    :func:`release_noise_grid`.

    Examples
    --------
    >>> from essays.data import load_metr_horizons
    >>> grid = noise_grid_frame(load_metr_horizons())
    >>> len(grid), grid["series"].iloc[0]
    (208, 'METR TH1.1 frontier')
    """
    models = frontier_models(horizons, version=version, first_year=first_year)
    target = check_number("horizon_minutes", horizon_minutes, *HORIZON_MINUTES_RANGE)
    return release_noise_grid(models["decimal_year"], models["p50_minutes"], target=target,
                              sigmas_months=sigmas_months, draws=draws, window_months=window_months, seed=seed,
                              series=f"METR {version} frontier")


def noise_forecast_frame(horizons: pd.DataFrame, *, version: str = DEFAULT_VERSION, first_year: int = METR_FIRST_YEAR,
                         sigma_months: float = 3.0, n_points: int | None = None,
                         horizon_minutes: float = WORK_WEEK_MINUTES, draws: int = 500, window_months: float = 6.0,
                         seed: int = 0) -> pd.DataFrame:
    """Histogram of the noisy forecasts of when the frontier reaches ``horizon_minutes``.

    Same draws as :func:`metr_release_noise`. Bins are ``FORECAST_BIN_MONTHS`` (3 months) wide,
    12 on each side of the noise-free forecast (+-3 years); the two end bins also collect every
    draw beyond them (including draws that never reach the target, in the last bin).
    Columns: ``kind`` ("within window" if the bin's centre is within ``window_months`` of the
    noise-free forecast, else "outside window"), ``bin_start``, ``bin_end`` (decimal years),
    ``share`` (of draws; sums to 1). 24 rows. Parameters as in :func:`metr_release_noise`.

    Examples
    --------
    >>> from essays.data import load_metr_horizons
    >>> frame = noise_forecast_frame(load_metr_horizons(), sigma_months=0)
    >>> len(frame), float(frame["share"].sum()), frame.loc[frame["share"] > 0, "kind"].tolist()
    (24, 1.0, ['within window'])
    """
    models = frontier_models(horizons, version=version, first_year=first_year)
    target = check_number("horizon_minutes", horizon_minutes, *HORIZON_MINUTES_RANGE)
    summary, slope, forecast = _noise(models["decimal_year"], models["p50_minutes"], target, sigma_months,
                                      n_points, draws, window_months, seed)
    width = FORECAST_BIN_MONTHS / MONTHS_PER_YEAR
    k = FORECAST_BINS_EACH_SIDE
    edges = summary.forecast_year + width * np.arange(-k, k + 1)
    index = np.clip(np.floor((forecast - edges[0]) / width), 0, 2 * k - 1).astype(int)
    index[slope <= 0] = 2 * k - 1
    share = np.bincount(index, minlength=2 * k) / index.size
    centres = (edges[:-1] + edges[1:]) / 2
    within = np.abs(centres - summary.forecast_year) <= window_months / MONTHS_PER_YEAR
    return pd.DataFrame({"kind": np.where(within, "within window", "outside window"),
                         "bin_start": edges[:-1], "bin_end": edges[1:], "share": share.astype(float)})


# ---------------------------------------------------------------- Moore's law side by side

_MOORE_COLUMNS = ("year", "decimal_year", "transistors")


def _moore_points(transistors: pd.DataFrame, first_year) -> pd.DataFrame:
    _check_frame("transistors", transistors, _MOORE_COLUMNS)
    year = check_integer("first_year", first_year, *FIRST_YEAR_RANGE)
    rows = transistors[transistors["year"] >= year].sort_values("decimal_year", kind="stable")
    if len(rows) < 3:
        raise ValueError(f"first_year = {year} leaves {len(rows)} Moore's-law point(s); need at least 3")
    return rows


def moore_trend_summary(transistors: pd.DataFrame, *, first_year: int = MOORE_FIRST_YEAR, resamples: int = 2000,
                        level: float = 0.95, seed: int = 0) -> TrendSummary:
    """Doubling time of transistors per microprocessor since ``first_year`` (about 2 years).

    The fit of :func:`trend_summary` on :func:`essays.data.load_moore_transistors`.

    Parameters
    ----------
    transistors : DataFrame
        From :func:`essays.data.load_moore_transistors`.
    first_year : int
        First year included, in [1900, 2100]; at least three points must remain.
    resamples, level, seed
        As in :func:`trend_summary`.

    Examples
    --------
    >>> from essays.data import load_moore_transistors
    >>> round(moore_trend_summary(load_moore_transistors()).doubling_months / 12, 2)
    1.99
    """
    rows = _moore_points(transistors, first_year)
    return trend_summary(rows["decimal_year"], rows["transistors"], resamples=resamples, level=level, seed=seed)


def moore_release_noise(transistors: pd.DataFrame, *, first_year: int = MOORE_FIRST_YEAR, sigma_months: float = 3.0,
                        n_points: int | None = None, target: float = MOORE_TARGET_TRANSISTORS, draws: int = 500,
                        window_months: float = 6.0, seed: int = 0) -> NoiseSummary:
    """:func:`release_noise_summary` on Moore's law.

    Parameters
    ----------
    transistors, first_year
        As in :func:`moore_trend_summary`.
    target : float
        Transistor count whose arrival is forecast, > 0; default 1e11 (about 2.4 doublings past
        the last point, much as a work-week is about 1.7 doublings past METR's latest model).
    sigma_months, n_points, draws, window_months, seed
        As in :func:`release_noise_summary`.

    Examples
    --------
    >>> from essays.data import load_moore_transistors
    >>> s = moore_release_noise(load_moore_transistors(), sigma_months=6)
    >>> s.chance_within_window > 0.9
    True
    """
    rows = _moore_points(transistors, first_year)
    return release_noise_summary(rows["decimal_year"], rows["transistors"], target=target, sigma_months=sigma_months,
                                 n_points=n_points, draws=draws, window_months=window_months, seed=seed)


def moore_noise_grid_frame(transistors: pd.DataFrame, *, first_year: int = MOORE_FIRST_YEAR,
                           target: float = MOORE_TARGET_TRANSISTORS, sigmas_months=tuple(range(13)), draws: int = 500,
                           window_months: float = 6.0, seed: int = 0) -> pd.DataFrame:
    """:func:`release_noise_grid` on Moore's law (``series`` "Moore's law"; 13 x 23 = 299 rows).

    Parameters as in :func:`moore_release_noise`; ``sigmas_months`` as in :func:`release_noise_grid`.

    Examples
    --------
    >>> from essays.data import load_moore_transistors
    >>> len(moore_noise_grid_frame(load_moore_transistors()))
    299
    """
    rows = _moore_points(transistors, first_year)
    return release_noise_grid(rows["decimal_year"], rows["transistors"], target=target, sigmas_months=sigmas_months,
                              draws=draws, window_months=window_months, seed=seed, series="Moore's law")


def months_off_trend(years, values) -> np.ndarray:
    """How many months each point sits ahead (+) or behind (-) its own fitted trend.

    ``(log2(value) - fitted log2(value)) / doublings_per_year * 12``: the time the trend takes to
    climb from the fitted value to the observed one, i.e. how far the point's date would have to
    move for it to sit on the line.

    Parameters
    ----------
    years, values : array_like
        As in :func:`fit_exponential_trend`.

    Examples
    --------
    >>> months_off_trend([2020.0, 2021.0, 2022.0], [1.0, 4.0, 4.0]).round(1).tolist()
    [-4.0, 8.0, -4.0]
    """
    fit = fit_exponential_trend(years, values)
    x, y = _check_series(years, values)
    return (y - fit.log2_value_at(x)) / fit.doublings_per_year * MONTHS_PER_YEAR


def trend_scatter_months(years, values) -> float:
    """Root-mean-square of :func:`months_off_trend`: the typical timing error of a point, in months.

    Examples
    --------
    >>> round(trend_scatter_months([2020.0, 2021.0, 2022.0], [1.0, 4.0, 4.0]), 2)
    5.66
    """
    return float(np.sqrt(np.mean(months_off_trend(years, values) ** 2)))


def comparison_frame(horizons: pd.DataFrame, transistors: pd.DataFrame, *, version: str = DEFAULT_VERSION,
                     first_year: int = METR_FIRST_YEAR, moore_first_year: int = MOORE_FIRST_YEAR) -> pd.DataFrame:
    """METR's frontier and Moore's law on comparable axes, each measured against its own trend.

    For each series, with its own fit (slope ``b``) and first point at ``t0``:
    ``years_since_first = t - t0``; ``doubling_times_elapsed = b (t - t0)`` (time in units of the
    series' doubling time); ``doublings = log2(value) - fitted log2 at t0`` (doublings above the
    trend's start); ``trend_doublings`` = the trend's value there (equal to
    ``doubling_times_elapsed``, so both trends are the same unit-slope line);
    ``months_off_trend`` as in :func:`months_off_trend`. Also ``series``, ``label`` (model name
    or year) and ``decimal_year``. One row per point, METR first, each series by date.

    Parameters
    ----------
    horizons, transistors : DataFrame
        From :mod:`essays.data`.
    version, first_year
        METR series, as in :func:`frontier_models`.
    moore_first_year : int
        First year of Moore's law included, in [1900, 2100].

    Examples
    --------
    >>> from essays.data import load_metr_horizons, load_moore_transistors
    >>> frame = comparison_frame(load_metr_horizons(), load_moore_transistors())
    >>> frame.groupby("series", sort=False)["months_off_trend"].apply(lambda m: (m**2).mean()**0.5).round(1).to_dict()
    {'METR TH1.1 frontier': 6.1, "Moore's law": 10.9}
    """
    models = frontier_models(horizons, version=version, first_year=first_year)
    moore = _moore_points(transistors, moore_first_year)
    parts = []
    for series, labels, x, v in (
        (f"METR {version} frontier", models["model"].astype(str), models["decimal_year"], models["p50_minutes"]),
        ("Moore's law", moore["year"].astype(str), moore["decimal_year"], moore["transistors"]),
    ):
        x = np.asarray(x, dtype=float)
        fit = fit_exponential_trend(x, v)
        start = fit.log2_value_at(x[0])
        parts.append(pd.DataFrame({
            "series": series, "label": labels.to_numpy(), "decimal_year": x,
            "years_since_first": x - x[0],
            "doubling_times_elapsed": fit.doublings_per_year * (x - x[0]),
            "doublings": np.log2(np.asarray(v, dtype=float)) - start,
            "trend_doublings": fit.log2_value_at(x) - start,
            "months_off_trend": months_off_trend(x, v),
        }))
    return pd.concat(parts, ignore_index=True)


# ---------------------------------------------------------------- the o3 point


def o3_influence_frame(horizons: pd.DataFrame, *, version: str = DEFAULT_VERSION, model_key: str | None = None,
                       first_year: int = METR_FIRST_YEAR) -> pd.DataFrame:
    """How much one point (o3 by default) moves the fitted doubling time, in three contexts.

    ``context`` "last two points": the two frontier models before it versus the last of those and
    the point itself; "series up to it": all frontier models since ``first_year`` released before
    it, without and with it; "whole series": every frontier model since ``first_year``, without
    and with it. Columns: ``context``, ``points_without``, ``points_with`` (counts),
    ``doubling_days_without``, ``doubling_days_with``, ``change_days`` (with - without) and
    ``change_percent`` (of without).

    Parameters
    ----------
    horizons, version, first_year
        As in :func:`frontier_models`.
    model_key : str, optional
        METR ``model_key`` of the point, a frontier model with at least two earlier ones since
        ``first_year``; default o3 of ``version``.

    Examples
    --------
    >>> from essays.data import load_metr_horizons
    >>> frame = o3_influence_frame(load_metr_horizons())
    >>> frame.set_index("context")["change_percent"].round(1).to_dict()
    {'last two points': -59.4, 'series up to it': -4.2, 'whole series': -0.6}
    """
    models = frontier_models(horizons, version=version, first_year=first_year)
    key = O3_MODEL_KEY[version] if model_key is None else model_key
    keys = models["model_key"].tolist()
    if key not in keys[2:]:
        raise ValueError(f"model_key must name a {version} frontier model with two earlier ones since "
                         f"{first_year}, one of {keys[2:]}, got {key!r}")
    k = keys.index(key)
    x = models["decimal_year"].to_numpy(float)
    v = models["p50_minutes"].to_numpy(float)
    others = np.arange(len(models)) != k
    contexts = (
        ("last two points", slice(k - 2, k), slice(k - 1, k + 1)),
        ("series up to it", slice(0, k), slice(0, k + 1)),
        ("whole series", others, slice(None)),
    )
    rows = []
    for context, without, with_ in contexts:
        before = fit_exponential_trend(x[without], v[without])
        after = fit_exponential_trend(x[with_], v[with_])
        rows.append({"context": context, "points_without": float(before.points), "points_with": float(after.points),
                     "doubling_days_without": before.doubling_days, "doubling_days_with": after.doubling_days,
                     "change_days": after.doubling_days - before.doubling_days,
                     "change_percent": 100.0 * (after.doubling_days / before.doubling_days - 1.0)})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- the backtest


class BacktestSummary(NamedTuple):
    """Signed errors of the backtest's predictions, in months (+ = the model came ahead of the trend)."""

    predictions: int  # models predicted (each with at least ``min_prior`` earlier ones)
    ahead: int  # models that reached their horizon before the trend predicted (error > 0)
    behind: int  # models that reached it later (error < 0)
    within_window: int  # |error| <= window_months
    mean_error_months: float
    median_error_months: float
    rms_error_months: float


MIN_PRIOR_RANGE = (2, 100_000)  # earlier points a prediction needs


def backtest_errors(years, values, *, min_prior: int = 3) -> pd.DataFrame:
    """For each point, the trend fitted on the points before it: when did it predict the point's value?

    Point ``k`` (with at least ``min_prior`` points before it) is predicted by the least-squares
    line through points ``0..k-1`` only; the line reaches the point's value at
    ``predicted_year = mean_year + (log2(value_k) - log2_at_mean) / b``. The signed error is
    ``error_months = 12 (predicted_year - year_k)``: positive when the point arrived *ahead* of the
    trend (before the date the trend gave), negative when behind. A point whose earlier fit does not
    grow (slope <= 0) gets no prediction and no row.

    Parameters
    ----------
    years, values : array_like
        As in :func:`fit_exponential_trend` (strictly increasing years, positive values).
    min_prior : int
        Earlier points a prediction needs, in [2, len(years) - 1].

    Returns
    -------
    DataFrame
        Columns ``position`` (index of the point in the series), ``decimal_year``,
        ``predicted_year``, ``error_months``, ``prior_points`` and ``prior_doubling_days``; one row
        per predicted point, by date.

    Examples
    --------
    A series that doubles yearly, then jumps a year ahead of its trend:

    >>> frame = backtest_errors([2020, 2021, 2022, 2023], [1, 2, 4, 16])
    >>> frame[["position", "predicted_year", "error_months"]].to_numpy().tolist()
    [[3.0, 2024.0, 12.0]]
    """
    x, y = _check_series(years, values)
    m = check_integer("min_prior", min_prior, MIN_PRIOR_RANGE[0], max(MIN_PRIOR_RANGE[0], x.size - 1))
    rows = []
    for k in range(m, x.size):
        slope, _, mean_x, mean_y = _least_squares(x[:k], y[:k])  # only the points released before it
        if not slope > 0:
            continue
        predicted = float(mean_x + (y[k] - mean_y) / slope)
        rows.append({"position": float(k), "decimal_year": float(x[k]), "predicted_year": predicted,
                     "error_months": MONTHS_PER_YEAR * (predicted - float(x[k])), "prior_points": float(k),
                     "prior_doubling_days": DAYS_PER_YEAR / float(slope)})
    columns = ["position", "decimal_year", "predicted_year", "error_months", "prior_points", "prior_doubling_days"]
    return pd.DataFrame(rows, columns=columns).astype(float)


def summarize_backtest(error_months, *, window_months: float = 6.0) -> BacktestSummary:
    """Counts ahead, behind and within ``window_months`` (in [0, 120]), and the mean, median and
    root-mean-square of the signed errors (at least one error, finite).

    Examples
    --------
    >>> summarize_backtest([12.0, -3.0, 6.0])
    BacktestSummary(predictions=3, ahead=2, behind=1, within_window=2, mean_error_months=5.0, \
median_error_months=6.0, rms_error_months=7.937253933193772)
    """
    e = check_array("error_months", error_months, None, None, min_size=1)
    window = check_number("window_months", window_months, *WINDOW_MONTHS_RANGE)
    return BacktestSummary(int(e.size), int((e > 0).sum()), int((e < 0).sum()),
                           int((np.abs(e) <= window + 1e-12).sum()), float(e.mean()), float(np.median(e)),
                           float(np.sqrt(np.mean(e**2))))


def metr_backtest(horizons: pd.DataFrame, *, version: str = DEFAULT_VERSION, first_year: int = METR_FIRST_YEAR,
                  min_prior: int = 3) -> pd.DataFrame:
    """:func:`backtest_errors` on METR's frontier models released in or after ``first_year``.

    Each frontier model is predicted by the trend through every frontier model released before it
    (and in or after ``first_year``). Adds ``model_key`` and ``model`` to the columns of
    :func:`backtest_errors`. Parameters as in :func:`frontier_models`; ``min_prior`` as in
    :func:`backtest_errors`, at most the number of models minus one.

    Examples
    --------
    >>> from essays.data import load_metr_horizons
    >>> frame = metr_backtest(load_metr_horizons())
    >>> len(frame), frame.set_index("model").loc["o3", "error_months"].round(1)
    (14, np.float64(13.1))
    """
    models = frontier_models(horizons, version=version, first_year=first_year)
    if len(models) <= check_integer("min_prior", min_prior, *MIN_PRIOR_RANGE):
        raise ValueError(f"first_year = {first_year} leaves {len(models)} {version} frontier models; "
                         f"min_prior = {min_prior} needs at least {min_prior + 1}")
    frame = backtest_errors(models["decimal_year"], models["p50_minutes"], min_prior=min_prior)
    picked = models.iloc[frame["position"].astype(int).to_numpy()]
    return frame.assign(model_key=picked["model_key"].to_numpy(), model=picked["model"].astype(str).to_numpy())


# ---------------------------------------------------------------- the window: when does the trend reach a work-week?


class HorizonDates(NamedTuple):
    """When a fitted trend reaches a work-week and a work-month 50% horizon (decimal years)."""

    work_week_year: float  # reaches WORK_WEEK_MINUTES (40 h)
    work_month_year: float  # reaches WORK_MONTH_MINUTES (167 h)
    doubling_days: float
    points: int


def horizon_dates(horizons: pd.DataFrame, *, version: str = DEFAULT_VERSION,
                  first_year: int = METR_FIRST_YEAR) -> HorizonDates:
    """The dates at which the trend fitted to frontier models since ``first_year`` reaches a
    work-week (40 h) and a work-month (167 h) horizon: ``mean_year + (log2 H - log2_at_mean) / b``.

    Parameters as in :func:`metr_trend_summary` (at least three models).

    Examples
    --------
    >>> from essays.data import load_metr_horizons
    >>> dates = horizon_dates(load_metr_horizons())
    >>> round(dates.work_week_year, 2), round(dates.work_month_year, 2), dates.points
    (2027.85, 2028.91, 17)
    """
    models = frontier_models(horizons, version=version, first_year=first_year)
    if len(models) < 3:
        raise ValueError(f"first_year = {first_year} leaves {len(models)} frontier models; need at least 3")
    fit = fit_exponential_trend(models["decimal_year"], models["p50_minutes"])
    return HorizonDates(fit.year_reaching(WORK_WEEK_MINUTES), fit.year_reaching(WORK_MONTH_MINUTES),
                        fit.doubling_days, fit.points)


@functools.lru_cache(maxsize=64)
def _cached_horizon_dates(version: str, first_year: int) -> HorizonDates:
    from essays.data import load_metr_horizons  # the book's pinned data file (book/data/README.md)

    return horizon_dates(load_metr_horizons(), version=version, first_year=first_year)


def work_horizon_dates(suite: int = 1, first_year: int = METR_FIRST_YEAR) -> HorizonDates:
    """:func:`horizon_dates` on the book's METR data file, by suite index (0 = TH1.0, 1 = TH1.1).

    The claim's model (fast: each (suite, first year) is fitted once and cached). ``suite`` is an
    index into ``TH_VERSIONS``; ``first_year`` a whole year in [1900, 2100] leaving three models.

    Examples
    --------
    >>> work_horizon_dates(1, 2019) == work_horizon_dates(suite=1, first_year=2019)
    True
    """
    s = check_integer("suite", suite, 0, len(TH_VERSIONS) - 1)
    year = check_integer("first_year", first_year, *FIRST_YEAR_RANGE)
    return _cached_horizon_dates(TH_VERSIONS[s], year)


# ---------------------------------------------------------------- the two suites' frontiers


class FrontierComparison(NamedTuple):
    """How METR's TH1.0 and TH1.1 frontier sets differ (model names, by release date)."""

    count_10: int
    count_11: int
    shared: tuple[str, ...]
    only_10: tuple[str, ...]
    only_11: tuple[str, ...]
    last_10: str  # release date (YYYY-MM-DD) of the newest TH1.0 frontier model
    last_11: str


def compare_frontiers(horizons: pd.DataFrame, *, first_year: int = METR_FIRST_YEAR) -> FrontierComparison:
    """The frontier models of the two suites since ``first_year``: which they share, which only one has.

    Models are matched by name (``model``), as the keys differ between suites ("o3" / "o3_inspect").

    Examples
    --------
    >>> from essays.data import load_metr_horizons
    >>> c = compare_frontiers(load_metr_horizons())
    >>> c.count_10, c.count_11, len(c.shared), c.only_11
    (17, 17, 14, ('Gemini 3 Pro', 'GPT-5.2', 'Claude Opus 4.6'))
    """
    a = frontier_models(horizons, version="TH1.0", first_year=first_year)
    b = frontier_models(horizons, version="TH1.1", first_year=first_year)
    names_a, names_b = a["model"].astype(str).tolist(), b["model"].astype(str).tolist()
    return FrontierComparison(len(a), len(b), tuple(n for n in names_b if n in names_a),
                              tuple(n for n in names_a if n not in names_b),
                              tuple(n for n in names_b if n not in names_a),
                              str(pd.Timestamp(a["release_date"].iloc[-1]).date()),
                              str(pd.Timestamp(b["release_date"].iloc[-1]).date()))


# ---------------------------------------------------------------- Moore's law's windows


def moore_window_frame(transistors: pd.DataFrame, *, first_years=None, span_years: int | None = None) -> pd.DataFrame:
    """Doubling time of transistors per microprocessor fitted from each first year.

    For each ``first_year`` (default every year of the data leaving at least 3 points in the
    window), the least-squares trend on the points from ``first_year`` to ``first_year +
    span_years - 1`` (to the end when ``span_years`` is None). Columns ``first_year``,
    ``last_year``, ``points``, ``doubling_years``.

    Parameters
    ----------
    transistors : DataFrame
        From :func:`essays.data.load_moore_transistors`.
    first_years : array_like of int, optional
        Whole years in [1900, 2100].
    span_years : int, optional
        Window length in years, in [2, 200]; default to the end of the data.

    Examples
    --------
    >>> from essays.data import load_moore_transistors
    >>> frame = moore_window_frame(load_moore_transistors(), first_years=[1971])
    >>> frame["doubling_years"].round(2).tolist()
    [1.99]
    """
    _check_frame("transistors", transistors, _MOORE_COLUMNS)
    span = None if span_years is None else check_integer("span_years", span_years, 2, 200)
    years = transistors["year"].to_numpy(int)
    if first_years is None:
        first_years = [y for y in years if ((years >= y) & (True if span is None else years < y + span)).sum() >= 3]
    rows = []
    for first in first_years:
        first = check_integer("first_year", first, *FIRST_YEAR_RANGE)
        keep = (years >= first) & (True if span is None else years < first + span)
        if keep.sum() < 3:
            raise ValueError(f"first_year = {first} leaves {int(keep.sum())} Moore's-law point(s); need at least 3")
        part = transistors[keep].sort_values("decimal_year", kind="stable")
        fit = fit_exponential_trend(part["decimal_year"], part["transistors"])
        rows.append({"first_year": float(first), "last_year": float(part["year"].iloc[-1]),
                     "points": float(fit.points), "doubling_years": fit.doubling_days / DAYS_PER_YEAR})
    return pd.DataFrame(rows, columns=["first_year", "last_year", "points", "doubling_years"])
