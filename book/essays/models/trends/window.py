"""The window: when the trend fitted from a first year reaches a work-week or a work-month, and the
two task suites' frontier sets.
"""
from __future__ import annotations

import functools
from typing import NamedTuple

import pandas as pd

from essays.checks import check_integer

from .fit import (
    DEFAULT_VERSION, FIRST_YEAR_RANGE, fit_exponential_trend, METR_FIRST_YEAR, TH_VERSIONS,
    WORK_MONTH_MINUTES, WORK_WEEK_MINUTES,
)
from .metr import frontier_models


# ---------------------------------------------------------------- the window: when does the trend reach a work-week?


class HorizonDates(NamedTuple):
    """When a fitted trend reaches a work-week and a work-month 50% horizon (decimal years)."""

    work_week_year: float  # reaches WORK_WEEK_MINUTES (40 h)
    work_month_year: float  # reaches WORK_MONTH_MINUTES (167 h)
    doubling_days: float
    points: int


def horizon_dates(horizons: pd.DataFrame, *, version: str = DEFAULT_VERSION,
                  first_year: int = METR_FIRST_YEAR) -> HorizonDates:
    """The dates at which the trend fitted to frontier models since ``first_year`` reaches
    a work-week (40 h) and a work-month (167 h) horizon H:
    ``mean_year + (log2 H - log2_at_mean) / b``.

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
        raise ValueError(f"first_year = {first_year} leaves {len(models)} frontier models; "
                         "need at least 3")
    fit = fit_exponential_trend(models["decimal_year"], models["p50_minutes"])
    return HorizonDates(fit.year_reaching(WORK_WEEK_MINUTES),
                        fit.year_reaching(WORK_MONTH_MINUTES), fit.doubling_days, fit.points)


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
