"""Independent oracles for the trends models (issue #24): expected values from hand-derived closed
forms, limits the argument implies, and a plain-Python reimplementation of the release-noise
experiment written here, never from the code's own earlier output."""
from __future__ import annotations

import math
import statistics

import numpy as np
import pytest

from essays.models.trends import fit_exponential_trend, months_off_trend, release_noise_summary
from essays.models.trends import noise as noise_module


# -- months off the trend: sign and month length --------------------------------------------------


def test_a_point_above_its_trend_is_months_ahead_by_the_hand_derived_amount():
    # Five yearly points doubling every year (log2 = 0..4); the middle one (at the mean year) is
    # doubled once more. Least squares: the slope is unchanged (the middle point has x - mean = 0),
    # the line rises by 1/5 doubling, so the middle point sits 1 - 1/5 = 0.8 doublings above it:
    # 0.8 years = 9.6 months ahead; every other point 1/5 doubling below: 2.4 months behind.
    years = [2000.0, 2001.0, 2002.0, 2003.0, 2004.0]
    values = [1.0, 2.0, 8.0, 8.0, 16.0]
    got = months_off_trend(years, values)
    np.testing.assert_allclose(got, [-2.4, -2.4, 9.6, -2.4, -2.4], atol=1e-9)


def test_months_off_trend_scale_with_the_doubling_time():
    # The same log-residuals on a trend twice as slow (one doubling per two years) are twice as
    # many months: the time the trend needs to climb the residual.
    years = [2000.0, 2002.0, 2004.0, 2006.0, 2008.0]
    values = [1.0, 2.0, 8.0, 8.0, 16.0]
    np.testing.assert_allclose(months_off_trend(years, values), [-4.8, -4.8, 19.2, -4.8, -4.8], atol=1e-9)


def test_a_clean_exponential_has_its_textbook_doubling_time():
    # 1, 2, 4, 8 a year apart: one doubling a year, 365.25 days (a Julian year), 12 months.
    fit = fit_exponential_trend([2020.0, 2021.0, 2022.0, 2023.0], [1.0, 2.0, 4.0, 8.0])
    assert fit.doublings_per_year == pytest.approx(1.0)
    assert fit.doubling_days == pytest.approx(365.25)
    # tripling every year: log2(3) doublings a year
    fit = fit_exponential_trend([0.0, 1.0, 2.0], [1.0, 3.0, 9.0])
    assert fit.doublings_per_year == pytest.approx(math.log2(3))


# -- release-date noise: a plain-Python reimplementation ------------------------------------------


def plain_noise(years, values, target, sigma_months, draws, seed, window_months=6.0):
    """The experiment as the docstring states it, in plain Python (only the normal draws from numpy,
    the same stream: ``default_rng(seed).standard_normal((draws, n))``)."""
    normals = np.random.default_rng(seed).standard_normal((draws, len(years))).tolist()
    logs = [math.log2(v) for v in values]
    first, last = years[0], years[-1]

    def fit(xs):
        mx, my = sum(xs) / len(xs), sum(logs) / len(logs)
        sxx = sum((x - mx) ** 2 for x in xs)
        sxy = sum((x - mx) * (y - my) for x, y in zip(xs, logs))
        return (sxy / sxx if sxx > 0 else 0.0), mx, my

    def forecast(xs):
        b, mx, my = fit(xs)
        if b <= 0:
            return b, last + 30.0  # a trend that does not grow never gets there: the ceiling
        year = mx + (math.log2(target) - my) / b
        return b, min(max(year, first - 30.0), last + 30.0)

    _, f0 = forecast(years)
    slopes, forecasts = [], []
    for row in normals:
        b, f = forecast([x + sigma_months / 12.0 * z for x, z in zip(years, row)])
        slopes.append(b)
        forecasts.append(f)
    within = sum(1 for b, f in zip(slopes, forecasts) if b > 0 and abs(f - f0) <= window_months / 12.0 + 1e-12)
    days = [365.25 / b if b > 365.25 / (10 * 365.25) else 10 * 365.25 for b in slopes]
    return {"forecast_year": f0, "forecasts": forecasts, "days": days,
            "chance_within_window": within / draws,
            "share_not_growing": sum(1 for b in slopes if b <= 0) / draws}


def percentile(data, q):
    """Linear-interpolation percentile (numpy's default, method 7 of Hyndman and Fan)."""
    xs = sorted(data)
    h = (len(xs) - 1) * q / 100.0
    lo = math.floor(h)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (h - lo) * (xs[hi] - xs[lo])


@pytest.mark.parametrize("years, values, target, sigma", [
    ([2020.0, 2021.0, 2022.0, 2023.0], [1.0, 2.0, 4.0, 8.0], 64.0, 6.0),
    ([2020.0, 2020.5], [1.0, 2.0], 16.0, 9.0),  # two close points: many draws do not grow
    ([2019.1, 2019.9, 2021.3, 2022.0, 2023.6, 2024.2], [0.5, 1.1, 3.0, 9.0, 20.0, 70.0], 2400.0, 3.0),
])
def test_the_release_noise_summary_equals_a_plain_python_reimplementation(years, values, target, sigma):
    s = release_noise_summary(years, values, target=target, sigma_months=sigma, draws=400, seed=7)
    ref = plain_noise(years, values, target, sigma, draws=400, seed=7)
    assert s.forecast_year == pytest.approx(ref["forecast_year"])
    for q, got in ((5, s.forecast_year_p05), (50, s.forecast_year_p50), (95, s.forecast_year_p95)):
        assert got == pytest.approx(percentile(ref["forecasts"], q), abs=1e-9), q
    for q, got in ((5, s.doubling_days_p05), (50, s.doubling_days_p50), (95, s.doubling_days_p95)):
        assert got == pytest.approx(percentile(ref["days"], q), rel=1e-9), q
    assert s.chance_within_window == pytest.approx(ref["chance_within_window"])
    assert s.share_not_growing == pytest.approx(ref["share_not_growing"])


def test_draws_whose_trend_does_not_grow_land_on_the_ceiling_not_the_floor():
    # Two points six months apart with a year of noise: a large share of draws swap order and
    # fall; those never reach the target, so their forecast is the ceiling (30 years after the
    # last point), never the floor (30 years before the first).
    years, values = [2020.0, 2020.5], [1.0, 2.0]
    s = release_noise_summary(years, values, target=16.0, sigma_months=12.0, draws=2000, seed=1)
    assert 0.2 < s.share_not_growing < 0.5
    assert s.forecast_year_p95 == pytest.approx(2020.5 + 30.0)
    assert s.forecast_year_p05 > 2020.0 - 30.0 + 1.0
    # and the median is the plain reimplementation's, where the non-growing draws sit at the top
    assert s.forecast_year_p50 == pytest.approx(
        percentile(plain_noise(years, values, 16.0, 12.0, 2000, 1)["forecasts"], 50), abs=1e-9)


def test_clip_forecast_sends_non_growing_draws_to_the_ceiling():
    clipped = noise_module._clip_forecast(np.array([2000.0, 2000.0, 3000.0, 1000.0]),
                                          np.array([0.0, -1.0, 1.0, 1.0]), 2010.0, 2020.0)
    assert clipped.tolist() == [2050.0, 2050.0, 2050.0, 1980.0]


def test_sigma_of_twelve_months_is_one_year_of_jitter():
    # With two points the refit slope is (log2 ratio) / (date gap); jittering both dates by
    # N(0, 1 year) makes the gap N(gap, 2 years^2). The share of draws that do not grow is then
    # P(gap + sqrt(2) Z <= 0) = Phi(-gap / sqrt(2)), here with a gap of one year: Phi(-0.7071).
    s = release_noise_summary([2020.0, 2021.0], [1.0, 2.0], target=4.0, sigma_months=12.0, draws=100_000, seed=3)
    expected = statistics.NormalDist().cdf(-1.0 / math.sqrt(2.0))  # 0.2398
    assert s.share_not_growing == pytest.approx(expected, abs=0.005)
    # six months of noise: Phi(-1 / (0.5 sqrt 2)) = Phi(-1.414) = 0.0786
    s = release_noise_summary([2020.0, 2021.0], [1.0, 2.0], target=4.0, sigma_months=6.0, draws=100_000, seed=3)
    assert s.share_not_growing == pytest.approx(statistics.NormalDist().cdf(-math.sqrt(2.0)), abs=0.004)


def test_no_noise_reproduces_the_noise_free_forecast_in_every_draw():
    s = release_noise_summary([2020.0, 2021.0, 2022.0], [1.0, 2.0, 4.0], target=32.0, sigma_months=0.0, draws=50)
    # log2(32) = 5 doublings; log2 = 2 at 2022 and one doubling a year: 2025
    assert s.forecast_year == s.forecast_year_p05 == s.forecast_year_p95 == pytest.approx(2025.0)
    assert s.chance_within_window == 1.0 and s.share_not_growing == 0.0

