"""Each parameter of the trends models is accepted up to the ends of the range its docstring
states and refused just beyond them, with a message that starts with its name (issue #24)."""
from __future__ import annotations

import functools

import pytest

from edges import FIELDS, check_edges, ids
from essays.data import load_metr_horizons
from essays.models import trends as t

YEARS = [2020.0, 2021.0, 2022.0, 2023.0]
VALUES = [1.0, 2.0, 4.0, 8.0]
NOISE = dict(years=YEARS, values=VALUES, target=64.0, sigma_months=3.0, draws=20)


@functools.lru_cache(maxsize=1)
def horizons():
    return load_metr_horizons()


def metr(func):
    """``func`` with METR's data as its first argument."""
    @functools.wraps(func)
    def call(**kwargs):
        return func(horizons(), **kwargs)
    return call


# func, the other arguments, parameter, lo, hi, lo open, hi open, whole number
EDGES = [
    (t.release_noise_summary, NOISE, "sigma_months", 0.0, 120.0, False, False, False),
    (t.release_noise_summary, NOISE, "n_points", 2, 4, False, False, True),
    (t.release_noise_summary, NOISE, "draws", 1, None, False, False, True),  # 100,000 draws: too slow to call
    (t.release_noise_summary, NOISE, "window_months", 0.0, 120.0, False, False, False),
    (t.release_noise_summary, NOISE, "seed", 0, 2**32 - 1, False, False, True),
    (t.release_noise_summary, NOISE, "target", 0.0, None, True, False, False),
    (t.release_noise_grid, dict(years=YEARS, values=VALUES, target=64.0, draws=5), "sigmas_months", 0.0, 120.0, False, False, False),
    (t.trend_summary, dict(years=YEARS, values=VALUES, resamples=10), "resamples", 10, None, False, False, True),
    (t.trend_summary, dict(years=YEARS, values=VALUES, resamples=10), "level", 0.0, 1.0, True, True, False),
    (t.trend_summary, dict(years=YEARS, values=VALUES, resamples=10), "seed", 0, 2**32 - 1, False, False, True),
    (t.summarize_backtest, dict(error_months=[1.0, -2.0]), "window_months", 0.0, 120.0, False, False, False),
    (t.steady_trend_backtest, dict(years=YEARS, doublings_per_year=1.0, scatter_doublings=0.5, draws=5, min_prior=2),
     "doublings_per_year", 0.0, 100.0, True, False, False),
    (t.steady_trend_backtest, dict(years=YEARS, doublings_per_year=1.0, scatter_doublings=0.5, draws=5, min_prior=2),
     "scatter_doublings", 0.0, 20.0, False, False, False),
    (t.steady_trend_backtest, dict(years=YEARS, doublings_per_year=1.0, scatter_doublings=0.5, draws=5, min_prior=2),
     "draws", 1, None, False, False, True),  # the upper end, 100,000 draws, is too slow to call here
    (t.steady_trend_backtest, dict(years=YEARS, doublings_per_year=1.0, scatter_doublings=0.5, draws=5, min_prior=2),
     "seed", 0, 2**32 - 1, False, False, True),
    (t.steady_trend_backtest, dict(years=YEARS, doublings_per_year=1.0, scatter_doublings=0.5, draws=5, min_prior=2),
     "years", -1e4, 1e4, False, False, False),
    (metr(t.frontier_models), dict(), "first_year", 1900, 2100, False, False, True),
    (metr(t.metr_release_noise), dict(draws=5), "horizon_minutes", 1e-3, 1e9, False, False, False),
    (metr(t.noise_forecast_frame), dict(draws=5), "horizon_minutes", 1e-3, 1e9, False, False, False),
]


@pytest.mark.parametrize(FIELDS, EDGES, ids=ids(EDGES))
def test_a_parameter_is_accepted_to_its_documented_ends_and_refused_beyond(func, kwargs, name, lo, hi,
                                                                           lo_open, hi_open, integer):
    if name in ("years", "sigmas_months"):
        # an array: the edge value stands beside an ordinary one
        inner = func
        ordinary = {"years": None, "sigmas_months": 1.0}[name]

        def func(**kw):  # noqa: F811
            v = kw.pop(name)
            if name == "years":
                arr = [v, v + 1.0, v + 2.0, v + 3.0] if v < 0 else [v - 3.0, v - 2.0, v - 1.0, v]
            else:
                arr = [ordinary, v]
            return inner(**kw, **{name: arr})
    check_edges(func, kwargs, name, lo, hi, lo_open, hi_open, integer)
