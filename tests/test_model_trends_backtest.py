"""The trends chapter's backtest, the window claim's model, the two suites' frontiers and Moore's windows.

Reference values name their source: METR's data file as pinned in book/data/README.md (the CSV's
rows), closed forms for two and three points, and Moore's own rates (1965: yearly; 1975: every
two years) only as rough bounds.
"""
from __future__ import annotations


import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from essays.data import load_metr_horizons, load_moore_transistors
from essays.models.trends import (
    CLAIM_WORK_WEEK_BY, DAYS_PER_YEAR, WORK_MONTH_MINUTES, WORK_WEEK_MINUTES, backtest_errors, compare_frontiers,
    fit_exponential_trend, frontier_models, horizon_dates, metr_backtest, moore_window_frame, summarize_backtest,
    work_horizon_dates,
)


@pytest.fixture(scope="module")
def horizons() -> pd.DataFrame:
    return load_metr_horizons()


@pytest.fixture(scope="module")
def moore() -> pd.DataFrame:
    return load_moore_transistors()


gaps_st = st.lists(st.floats(0.05, 2.0), min_size=4, max_size=16)
log2_steps_st = st.lists(st.floats(-1.0, 4.0), min_size=4, max_size=16)


def _series(gaps, steps):
    n = min(len(gaps), len(steps))
    years = 2000.0 + np.concatenate([[0.0], np.cumsum(gaps[:n])])
    log2 = np.concatenate([[0.0], np.cumsum(steps[:n])])
    return years, 2.0**log2


# ---------------------------------------------------------------- the backtest


@settings(max_examples=50, deadline=None)
@given(gaps_st, log2_steps_st, st.data())
def test_changing_models_released_after_a_prediction_changes_nothing(gaps, steps, data):
    years, values = _series(gaps, steps)
    before = backtest_errors(years, values)
    k = data.draw(st.integers(3, years.size - 1), label="first model changed")
    # shuffle the horizons of models k.. and give them new, later release dates
    rng = np.random.default_rng(data.draw(st.integers(0, 1000), label="seed"))
    altered_values = values.copy()
    altered_values[k:] = rng.permutation(values[k:]) * 2.0 ** rng.normal(0, 2, years.size - k)
    altered_years = years.copy()
    altered_years[k:] = years[k - 1] + np.cumsum(rng.uniform(0.01, 3.0, years.size - k))
    after = backtest_errors(altered_years, altered_values)
    # every prediction of a model released before k (positions < k) is unchanged, to the last bit
    kept_before = before[before["position"] < k].reset_index(drop=True)
    kept_after = after[after["position"] < k].reset_index(drop=True)
    pd.testing.assert_frame_equal(kept_before, kept_after)


@settings(max_examples=40, deadline=None)
@given(st.floats(1950, 2030), st.lists(st.floats(0.05, 3.0), min_size=4, max_size=20), st.floats(20, 3000))
def test_a_steady_exponential_is_predicted_exactly(start, gaps, doubling_days):
    years = start + np.concatenate([[0.0], np.cumsum(gaps)])
    values = 2.0 ** ((years - start) * DAYS_PER_YEAR / doubling_days)
    assume(values.max() < 1e300)
    frame = backtest_errors(years, values)
    assert len(frame) == years.size - 3
    np.testing.assert_allclose(frame["error_months"], 0.0, atol=1e-6)
    np.testing.assert_allclose(frame["prior_doubling_days"], doubling_days, rtol=1e-7)


def test_three_point_prediction_matches_the_hand_computed_line():
    # Fit through (0, 0), (1, 1), (2, 3) in log2: slope 1.5, mean (1, 4/3). A fourth point of log2 = 5
    # is reached at 1 + (5 - 4/3) / 1.5 = 3.444...; released at 3.0 it is 5.33 months ahead.
    frame = backtest_errors([2020.0, 2021.0, 2022.0, 2023.0], [1.0, 2.0, 8.0, 32.0])
    assert frame["predicted_year"].iloc[0] == pytest.approx(2020 + 1 + (5 - 4 / 3) / 1.5)
    assert frame["error_months"].iloc[0] == pytest.approx(12 * ((1 + (5 - 4 / 3) / 1.5) - 3))


def test_a_model_below_its_trend_comes_behind():
    frame = backtest_errors([2020.0, 2021.0, 2022.0, 2023.0], [1.0, 2.0, 4.0, 4.0])
    assert frame["error_months"].iloc[0] == pytest.approx(-12.0)


def test_points_whose_earlier_fit_does_not_grow_get_no_prediction():
    frame = backtest_errors([2020.0, 2021.0, 2022.0, 2023.0, 2024.0], [8.0, 4.0, 2.0, 1.0, 64.0])
    assert frame.empty and list(frame.columns)[:2] == ["position", "decimal_year"]


def test_summary_counts_ahead_behind_and_within_the_window():
    s = summarize_backtest([7.0, -2.0, 0.0, 6.0, -6.5], window_months=6)
    assert (s.predictions, s.ahead, s.behind, s.within_window) == (5, 2, 2, 3)
    assert s.mean_error_months == pytest.approx(0.9)
    assert s.median_error_months == 0.0
    assert s.rms_error_months == pytest.approx(np.sqrt((49 + 4 + 36 + 42.25) / 5))


def test_metr_backtest_predicts_each_frontier_model_from_those_before_it(horizons):
    frame = metr_backtest(horizons)
    models = frontier_models(horizons)
    assert len(frame) == len(models) - 3
    for _, row in frame.iterrows():
        k = int(row["position"])
        fit = fit_exponential_trend(models["decimal_year"].iloc[:k], models["p50_minutes"].iloc[:k])
        assert row["model"] == models["model"].iloc[k]
        assert row["predicted_year"] == pytest.approx(fit.year_reaching(models["p50_minutes"].iloc[k]))


def test_o3_came_about_a_year_ahead_of_the_trend_before_it(horizons):
    # Hand check from the CSV's 11 TH1.1 frontier rows before o3 (2025-04-16): 13.1 months ahead.
    row = metr_backtest(horizons).set_index("model").loc["o3"]
    assert row["prior_points"] == 11
    assert row["error_months"] == pytest.approx(13.13, abs=0.01)


@pytest.mark.parametrize("version", ["TH1.0", "TH1.1"])
def test_most_frontier_models_came_ahead_of_the_trend_before_them(horizons, version):
    s = summarize_backtest(metr_backtest(horizons, version=version)["error_months"])
    assert s.ahead >= 12 and s.mean_error_months > 3


# ---------------------------------------------------------------- the window claim's model


def test_horizon_dates_are_where_the_line_reaches_40_and_167_hours(horizons):
    models = frontier_models(horizons)
    x = models["decimal_year"].to_numpy()
    y = np.log2(models["p50_minutes"].to_numpy())
    slope, intercept = np.polyfit(x, y, 1)  # an independent least-squares fit
    dates = horizon_dates(horizons)
    assert dates.work_week_year == pytest.approx((np.log2(WORK_WEEK_MINUTES) - intercept) / slope, abs=1e-6)
    assert dates.work_month_year == pytest.approx((np.log2(WORK_MONTH_MINUTES) - intercept) / slope, abs=1e-6)
    # a work-month is log2(167/40) doublings after a work-week
    assert (dates.work_month_year - dates.work_week_year) * DAYS_PER_YEAR / dates.doubling_days == pytest.approx(
        np.log2(167 / 40))


def test_the_claims_model_is_fast_and_agrees_with_the_frame_function(horizons):
    from essays.models.trends.window import _cached_horizon_dates

    for suite, version in enumerate(("TH1.0", "TH1.1")):
        for year in range(2019, 2026):
            assert work_horizon_dates(suite, year) == horizon_dates(horizons, version=version, first_year=year)
    # fast because every later call is a lookup, not a fit (how fast: `make bench`, not a timed test)
    before = _cached_horizon_dates.cache_info()
    for _ in range(1000):
        work_horizon_dates(1, 2021)
    after = _cached_horizon_dates.cache_info()
    assert (after.misses, after.hits) == (before.misses, before.hits + 1000)


def test_the_window_claim_flips_with_the_first_year_on_th11(horizons):
    # Independent bisection over whole first years: the first year from which the work-week date is
    # before mid-2027.
    years = range(2019, 2026)
    holds = [horizon_dates(horizons, first_year=y).work_week_year < CLAIM_WORK_WEEK_BY for y in years]
    assert holds == [False, False, True, True, True, True, True]


@pytest.mark.parametrize("call, name", [
    (lambda: work_horizon_dates(2, 2019), "suite"),
    (lambda: work_horizon_dates(0.5, 2019), "suite"),
    (lambda: work_horizon_dates(1, 2019.5), "first_year"),
    (lambda: work_horizon_dates(1, 2026), "first_year"),
    (lambda: backtest_errors([2020, 2021, 2022, 2023], [1, 2, 4, 8], min_prior=4), "min_prior"),
    (lambda: backtest_errors([2020, 2021, 2021, 2023], [1, 2, 4, 8]), "years"),
    (lambda: summarize_backtest([]), "error_months"),
    (lambda: summarize_backtest([1.0], window_months=-1), "window_months"),
    (lambda: metr_backtest(load_metr_horizons(), first_year=2026), "first_year"),
    (lambda: moore_window_frame(load_moore_transistors(), span_years=1), "span_years"),
    (lambda: moore_window_frame(load_moore_transistors(), first_years=[2016]), "first_year"),
])
def test_bad_input_raises_a_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


# ---------------------------------------------------------------- the two suites


def test_the_two_suites_frontiers_differ_in_three_models_and_their_end_date(horizons):
    # From the CSV's is_sota rows: TH1.0 ends with Claude Opus 4.5 (2025-11-24), TH1.1 with Claude Opus 4.6.
    c = compare_frontiers(horizons)
    assert (c.count_10, c.count_11, len(c.shared)) == (17, 17, 14)
    assert c.only_10 == ("Grok 4", "Claude Opus 4.1", "GPT-5.1-Codex-Max")
    assert (c.last_10, c.last_11) == ("2025-11-24", "2026-02-05")


# ---------------------------------------------------------------- Moore's windows


def test_moore_window_frame_recovers_a_known_doubling_time():
    years = np.arange(1971, 2001)
    frame = pd.DataFrame({"year": years, "decimal_year": years + 0.5, "transistors": 2.0 ** ((years - 1971) / 2)})
    windows = moore_window_frame(frame, span_years=10)
    np.testing.assert_allclose(windows["doubling_years"], 2.0, rtol=1e-9)
    assert windows["first_year"].iloc[0] == 1971 and (windows["points"] >= 3).all()


def test_moores_decade_windows_ran_between_his_two_rates(moore):
    # Moore 1965: a doubling every year; Moore 1975: every two years. The data (1971-2017) never ran
    # as fast as yearly; over decades the rate ranged around two years.
    windows = moore_window_frame(moore, span_years=10)
    assert 1.0 < windows["doubling_years"].min() < 1.6
    assert 2.3 < windows["doubling_years"].max() < 3.0


# ---------------------------------------------------------------- a steady trend seen through its records

from essays.models.trends import steady_trend_backtest  # noqa: E402

STEADY_YEARS = np.arange(2019.0, 2026.0, 0.25)


def test_steady_trend_without_selection_is_unbiased():
    """Symmetry oracle: keeping every model, errors are as often ahead as behind."""
    r = steady_trend_backtest(STEADY_YEARS, doublings_per_year=2.0, scatter_doublings=1.0, draws=300, seed=1,
                              records_only=False)
    assert abs(r.share_ahead - 0.5) < 0.05


def test_record_selection_puts_more_ahead(horizons):
    """At METR's TH1.1 release dates since 2019, with about its slope and scatter (the chapter's setting),
    keeping only records tilts the errors ahead; keeping every model does not."""
    th11 = horizons[(horizons["th_version"] == "TH1.1") & (horizons["decimal_year"] >= 2019)]
    years = np.unique(th11["decimal_year"])
    r = steady_trend_backtest(years, doublings_per_year=1.94, scatter_doublings=1.0, draws=300, seed=1)
    every = steady_trend_backtest(years, doublings_per_year=1.94, scatter_doublings=1.0, draws=300, seed=1,
                                  records_only=False)
    assert 0.55 < r.share_ahead < 0.8 and r.mean_error_months > 0
    assert r.share_ahead > every.share_ahead + 0.05


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), scatter=st.floats(0.0, 2.0))
def test_steady_trend_is_seeded(seed, scatter):
    a = steady_trend_backtest(STEADY_YEARS, doublings_per_year=2.0, scatter_doublings=scatter, draws=5, seed=seed)
    b = steady_trend_backtest(STEADY_YEARS, doublings_per_year=2.0, scatter_doublings=scatter, draws=5, seed=seed)
    assert a == b and 0.0 <= a.share_ahead <= 1.0


def test_steady_trend_no_scatter_no_error():
    r = steady_trend_backtest(STEADY_YEARS, doublings_per_year=2.0, scatter_doublings=0.0, draws=3)
    assert r.share_ahead == 0.0 and abs(r.mean_error_months) < 1e-9


@pytest.mark.parametrize("kwargs, name", [
    ({"doublings_per_year": 0.0, "scatter_doublings": 1.0}, "doublings_per_year"),
    ({"doublings_per_year": 1.0, "scatter_doublings": -1.0}, "scatter_doublings"),
    ({"doublings_per_year": 1.0, "scatter_doublings": 1.0, "draws": 0}, "draws"),
])
def test_steady_trend_bad_input(kwargs, name):
    with pytest.raises(ValueError, match=name):
        steady_trend_backtest(STEADY_YEARS, **kwargs)
