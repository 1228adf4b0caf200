"""METR's frontier models as DataFrames, the trend figure's frame, and two points against all points.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from essays.checks import check_integer, check_number

from .fit import (
    DEFAULT_VERSION, FIRST_YEAR_RANGE, fit_exponential_trend, GRID_POINTS_RANGE, METR_FIRST_YEAR,
    O3_MODEL_KEY, RESAMPLES_RANGE, SEED_RANGE, TH_VERSIONS, trend_summary, TrendSummary, WORK_MONTH_MINUTES,
    WORK_WEEK_MINUTES, _bootstrap,
)


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


def outlier_forecasts(horizons: pd.DataFrame, *, version: str = DEFAULT_VERSION,
                      outlier_key: str | None = None,
                      first_year: int = METR_FIRST_YEAR) -> pd.DataFrame:
    """The last two points versus all points, as they stood when the outlier was the latest.

    The frontier models up to and including ``outlier_key`` (o3 by default: ``"o3"`` in
    TH1.0, ``"o3_inspect"`` in TH1.1) are fitted twice: through the last two of them only,
    and by least squares through all of them since ``first_year``. Each line is extrapolated
    to a work-week (40 h = 2400 min) and a work-month (167 h = 10020 min) 50% horizon.

    Parameters
    ----------
    horizons, version, first_year
        As in :func:`frontier_models`.
    outlier_key : str, optional
        METR ``model_key`` of the point treated as the latest, outlying one: a frontier
        model of ``version`` after the first one since ``first_year``. Default o3 of that
        version.

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
        rows.append({"line": line, "points": float(fit.points),
                     "doubling_days": fit.doubling_days,
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
