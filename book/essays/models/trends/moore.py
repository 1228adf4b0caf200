"""Moore's law beside METR's trend: fits, noise, months off the trend, and windows of years.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from essays.checks import check_integer

from .fit import (
    DAYS_PER_YEAR, DEFAULT_VERSION, FIRST_YEAR_RANGE, fit_exponential_trend, METR_FIRST_YEAR,
    MONTHS_PER_YEAR, MOORE_FIRST_YEAR, MOORE_TARGET_TRANSISTORS, NoiseSummary, trend_summary, TrendSummary,
    _check_series,
)
from .metr import _check_frame, frontier_models
from .noise import release_noise_grid, release_noise_summary


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

    ``(log2(value) - fitted log2(value)) / doublings_per_year * 12``: the time the trend
    takes to climb from the fitted value to the observed one, i.e. how far the point's date
    would have to move for it to sit on the line.

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
