"""Release-date noise: how far Gaussian jitter on the dates moves the fit (not the forecast's accuracy).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from essays.checks import check_array, check_integer, check_number

from .fit import (
    DEFAULT_VERSION, DRAWS_RANGE, FORECAST_BIN_MONTHS, FORECAST_BINS_EACH_SIDE, FORECAST_CEILING_YEARS,
    HORIZON_MINUTES_RANGE, METR_FIRST_YEAR, MONTHS_PER_YEAR, N_POINTS_RANGE, NoiseSummary, SEED_RANGE,
    SIGMA_MONTHS_RANGE, WINDOW_MONTHS_RANGE, WORK_WEEK_MINUTES, _check_series, _doubling_days, _fit_log2,
    _least_squares,
)
from .metr import frontier_models


# ---------------------------------------------------------------- release-date noise


def _clip_forecast(forecast, slope, first_year: float, last_year: float):
    """Forecasts of growing draws, clipped to +-FORECAST_CEILING_YEARS; non-growing ones at the ceiling."""
    ceiling = last_year + FORECAST_CEILING_YEARS
    clipped = np.clip(forecast, first_year - FORECAST_CEILING_YEARS, ceiling)
    return np.where(slope > 0, clipped, ceiling)


def _noise_draws(x, y, target_log2, sigma_months, draws, seed):
    """Slopes and clipped forecast years of ``draws`` refits with jittered dates."""
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
