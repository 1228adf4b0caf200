"""The backtest: each model against the trend fitted to the models released before it.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from essays.checks import check_array, check_integer, check_number

from .fit import (
    DAYS_PER_YEAR, DEFAULT_VERSION, DRAWS_RANGE, METR_FIRST_YEAR, MONTHS_PER_YEAR, SEED_RANGE, WINDOW_MONTHS_RANGE,
    _check_series, _least_squares,
)
from .metr import frontier_models


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
    """For each point, the trend fitted on the points before it: when did it predict
    the point's value?

    Point ``k`` (with at least ``min_prior`` points before it) is predicted by the
    least-squares line through points ``0..k-1`` only; the line reaches the point's value at
    ``predicted_year = mean_year + (log2(value_k) - log2_at_mean) / b``. The signed error
    is ``error_months = 12 (predicted_year - year_k)``: positive when the point arrived
    *ahead* of the trend (before the date the trend gave), negative when behind. A point
    whose earlier fit does not grow (slope <= 0) gets no prediction and no row.

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
        ``predicted_year``, ``error_months``, ``prior_points`` and
        ``prior_doubling_days``; one row per predicted point, by date.

    Examples
    --------
    A series that doubles yearly, then jumps a year ahead of its trend:

    >>> frame = backtest_errors([2020, 2021, 2022, 2023], [1, 2, 4, 16])
    >>> frame[["position", "predicted_year", "error_months"]].to_numpy().tolist()
    [[3.0, 2024.0, 12.0]]
    """
    x, y = _check_series(years, values)
    lowest = MIN_PRIOR_RANGE[0]
    m = check_integer("min_prior", min_prior, lowest, max(lowest, x.size - 1))
    rows = []
    for k in range(m, x.size):
        # only the points released before point k
        slope, _, mean_x, mean_y = _least_squares(x[:k], y[:k])
        if not slope > 0:
            continue
        predicted = float(mean_x + (y[k] - mean_y) / slope)
        rows.append({"position": float(k), "decimal_year": float(x[k]),
                     "predicted_year": predicted,
                     "error_months": MONTHS_PER_YEAR * (predicted - float(x[k])),
                     "prior_points": float(k),
                     "prior_doubling_days": DAYS_PER_YEAR / float(slope)})
    columns = ["position", "decimal_year", "predicted_year", "error_months", "prior_points",
               "prior_doubling_days"]
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


class SteadyTrendBacktest(NamedTuple):
    """The backtest of a steady trend seen only through its records (averages over the draws)."""

    share_ahead: float  # share of predictions with a positive error, averaged over draws
    mean_error_months: float  # mean signed error, averaged over draws
    draws: int  # draws with at least one prediction


def steady_trend_backtest(years, *, doublings_per_year: float, scatter_doublings: float, draws: int = 1000,
                          seed: int = 0, records_only: bool = True, min_prior: int = 3) -> SteadyTrendBacktest:
    """The backtest's errors when the trend is steady and only record-setting models are kept.

    Each draw gives every release date ``t_i`` a value ``b t_i + s z_i`` (``b`` =
    ``doublings_per_year`` > 0, ``s`` = ``scatter_doublings`` in [0, 20] doublings,
    ``z_i`` standard normal, seeded by ``seed``). With ``records_only`` only the models that beat
    every earlier value are kept, as a frontier flag does; :func:`backtest_errors` then runs on
    them. ``years``: strictly increasing decimal years; ``draws`` in [1, 100000];
    ``min_prior`` in [2, 100000].

    Examples
    --------
    With no scatter every model is a record and lies on the line: no error.

    >>> steady_trend_backtest([2020, 2021, 2022, 2023, 2024], doublings_per_year=1.0,
    ...                       scatter_doublings=0.0, draws=5)
    SteadyTrendBacktest(share_ahead=0.0, mean_error_months=0.0, draws=5)
    """
    x = check_array("years", years, -1e4, 1e4, min_size=2)
    if np.any(np.diff(x) <= 0):
        raise ValueError("years must be strictly increasing")
    b = check_number("doublings_per_year", doublings_per_year, 0.0, 100.0, lo_open=True)
    s = check_number("scatter_doublings", scatter_doublings, 0.0, 20.0)
    n = check_integer("draws", draws, *DRAWS_RANGE)
    m = check_integer("min_prior", min_prior, 2, 100_000)
    rng = np.random.default_rng(check_integer("seed", seed, *SEED_RANGE))
    shares, means = [], []
    for _ in range(n):
        y = b * (x - x[0]) + s * rng.standard_normal(x.size)
        keep = y > np.maximum.accumulate(np.concatenate([[-np.inf], y[:-1]])) if records_only else np.ones(x.size, bool)
        if keep.sum() <= m:
            continue
        errors = backtest_errors(x[keep], np.exp2(y[keep]), min_prior=m)["error_months"].to_numpy()
        if errors.size:
            shares.append(float((errors > 1e-9).mean()))
            means.append(float(errors.mean()))
    if not shares:
        raise ValueError("no draw kept enough records for a prediction; use more years or draws")
    return SteadyTrendBacktest(float(np.mean(shares)), float(np.mean(means)), len(shares))
