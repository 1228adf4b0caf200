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
The package has one module per section of the chapter; this module re-exports them all, so
``from essays.models import trends`` and ``trends.fit_exponential_trend`` keep working:

- :mod:`.fit`: constants, result types, least squares, the bootstrap;
- :mod:`.metr`: METR's frontier models, the trend figure's frame, two points and an outlier;
- :mod:`.backtest`: each model against the trend fitted before it;
- :mod:`.window`: when the trend reaches a work-week or a work-month; the two suites' frontiers;
- :mod:`.noise`: release-date noise;
- :mod:`.moore`: Moore's law side by side, and its windows;
- :mod:`.o3`: how much one point moves the fit.
"""
from .fit import *  # noqa: F401,F403
from .metr import *  # noqa: F401,F403
from .backtest import *  # noqa: F401,F403
from .window import *  # noqa: F401,F403
from .noise import *  # noqa: F401,F403
from .moore import *  # noqa: F401,F403
from .o3 import *  # noqa: F401,F403

SUBMODULES = ("fit", "metr", "backtest", "window", "noise", "moore", "o3")
