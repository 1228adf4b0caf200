"""The Trends chapter's models: exponential fits, two points and an outlier, release-date noise,
Moore's law side by side, and the o3 point (source lines 22-26).

Reference values say where they come from: METR's own published doubling times (the
``doubling_time_in_days`` block of METR's ``benchmark_results_1_1.yaml``), the METR paper's
abstract, hand derivations from the CSV rows, or closed-form results for the two-point case.
"""
from __future__ import annotations

import doctest
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import essays.models.trends as trends
from essays.data import load_metr_horizons, load_moore_transistors
from essays.models.trends import (
    DAYS_PER_YEAR, MAX_REPORTED_DOUBLING_DAYS, WORK_MONTH_MINUTES, WORK_WEEK_MINUTES, NoiseSummary,
    comparison_frame, fit_exponential_trend, frontier_models, metr_release_noise, metr_trend_summary,
    months_off_trend, moore_noise_grid_frame, moore_release_noise, moore_trend_summary, noise_forecast_frame,
    noise_grid_frame, o3_influence_frame, outlier_forecasts, outlier_frame, release_noise_grid,
    release_noise_summary, trend_frame, trend_scatter_months, trend_summary,
)


@pytest.fixture(scope="module")
def horizons() -> pd.DataFrame:
    return load_metr_horizons()


@pytest.fixture(scope="module")
def moore() -> pd.DataFrame:
    return load_moore_transistors()


def _row(horizons, version, key):
    rows = horizons[(horizons["th_version"] == version) & (horizons["model_key"] == key)]
    assert len(rows) == 1
    return rows.iloc[0]


# Shared hypothesis vocabulary: strictly increasing decimal years and an exact exponential on them.
doubling_days_st = st.floats(10.0, 5000.0)
gaps_st = st.lists(st.floats(0.01, 3.0), min_size=1, max_size=25)  # years between releases
start_st = st.floats(1950.0, 2030.0)
log2_start_st = st.floats(-20.0, 30.0)


def _exact_series(start, gaps, doubling_days, log2_start):
    years = start + np.concatenate([[0.0], np.cumsum(gaps)])
    doublings = log2_start + (years - start) * DAYS_PER_YEAR / doubling_days
    assume(doublings.max() < 1000)  # a float holds at most 2**1023: such series are not data
    values = 2.0 ** doublings
    return years, values


# ---------------------------------------------------------------- the fit


@settings(max_examples=60, deadline=None)
@given(start_st, gaps_st, doubling_days_st, log2_start_st)
def test_fit_recovers_the_doubling_time_of_noise_free_exponential_data(start, gaps, doubling_days, log2_start):
    years, values = _exact_series(start, gaps, doubling_days, log2_start)
    fit = fit_exponential_trend(years, values)
    assert fit.doubling_days == pytest.approx(doubling_days, rel=1e-7)
    assert fit.doubling_months == pytest.approx(doubling_days / DAYS_PER_YEAR * 12, rel=1e-7)
    assert fit.points == years.size


@settings(max_examples=40, deadline=None)
@given(start_st, gaps_st, doubling_days_st, st.floats(1e-6, 1e6))
def test_rescaling_the_values_leaves_the_doubling_time_unchanged(start, gaps, doubling_days, scale):
    rng = np.random.default_rng(1)
    years, values = _exact_series(start, gaps, doubling_days, 0.0)
    values = values * 2.0 ** rng.normal(0, 0.1, values.size)  # a little scatter
    try:
        base = fit_exponential_trend(years, values)
    except ValueError:  # the scatter can flatten a very short, slow series
        return
    assert fit_exponential_trend(years, values * scale).doubling_days == pytest.approx(base.doubling_days, rel=1e-7)


def test_fit_reaches_a_value_when_the_line_says_it_does():
    fit = fit_exponential_trend([2020.0, 2021.0], [1.0, 8.0])  # three doublings a year
    assert fit.year_reaching(64.0) == pytest.approx(2022.0)
    assert 2.0 ** fit.log2_value_at(2020.5) == pytest.approx(8.0**0.5)


def test_bootstrap_is_deterministic_for_a_seed_and_varies_with_it(horizons):
    a = metr_trend_summary(horizons, seed=7)
    b = metr_trend_summary(horizons, seed=7)
    c = metr_trend_summary(horizons, seed=8)
    assert a == b
    assert (a.ci_low_days, a.ci_high_days) != (c.ci_low_days, c.ci_high_days)
    assert a.doubling_days == c.doubling_days


@settings(max_examples=25, deadline=None)
@given(start_st, st.lists(st.floats(0.05, 3.0), min_size=2, max_size=15), doubling_days_st, st.integers(0, 10))
def test_bootstrap_interval_collapses_onto_exact_exponential_data(start, gaps, doubling_days, seed):
    years, values = _exact_series(start, gaps, doubling_days, 1.0)
    summary = trend_summary(years, values, resamples=200, seed=seed)
    expected = min(doubling_days, MAX_REPORTED_DOUBLING_DAYS)
    assert summary.ci_low_days == pytest.approx(expected, rel=1e-6)
    assert summary.ci_high_days == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize("version", ["TH1.0", "TH1.1"])
@pytest.mark.parametrize("first_year", [2019, 2023, 2024])
def test_bootstrap_interval_brackets_the_fit(horizons, version, first_year):
    s = metr_trend_summary(horizons, version=version, first_year=first_year)
    assert s.ci_low_days < s.doubling_days < s.ci_high_days < MAX_REPORTED_DOUBLING_DAYS


# ---------------------------------------------------------------- METR's own statements


def test_th11_frontier_since_2019_doubles_every_188_days_as_metr_states(horizons):
    # METR benchmark_results_1_1.yaml: doubling_time_in_days.all_time_stitched.point_estimate = 187.778.
    # The refit agrees to 0.001 day (dates in days / 365.25); tolerance 0.01 day.
    s = metr_trend_summary(horizons, version="TH1.1", first_year=2019)
    assert s.points == 17
    assert s.doubling_days == pytest.approx(187.778, abs=0.01)


def test_th11_frontier_since_2023_doubles_every_129_days_as_metr_states(horizons):
    # METR benchmark_results_1_1.yaml: doubling_time_in_days.from_2023_on.point_estimate = 128.744
    # (METR's 95% CI 104.428-158.012 resamples tasks too, so only the point estimate is compared).
    s = metr_trend_summary(horizons, version="TH1.1", first_year=2023)
    assert s.points == 14
    assert s.doubling_days == pytest.approx(128.744, abs=0.01)


def test_th10_frontier_up_to_claude_3_7_sonnet_doubles_about_every_seven_months(horizons):
    # Kwa et al. 2025 (arXiv:2503.14499), abstract: "doubling approximately every seven months since 2019";
    # the paper's data ended with Claude 3.7 Sonnet (2025-02-24).
    models = frontier_models(horizons, version="TH1.0")
    models = models[models["release_date"] <= "2025-02-24"]
    fit = fit_exponential_trend(models["decimal_year"], models["p50_minutes"])
    assert fit.doubling_months == pytest.approx(7.0, abs=0.25)


def test_recent_frontier_doubles_faster_than_the_whole_series(horizons):
    whole = metr_trend_summary(horizons, first_year=2019).doubling_days
    recent = metr_trend_summary(horizons, first_year=2024).doubling_days
    assert recent < metr_trend_summary(horizons, first_year=2023).doubling_days < whole


def test_trend_frame_is_tidy_and_its_band_contains_the_line(horizons):
    frame = trend_frame(horizons, first_year=2023)
    assert list(frame.columns) == ["kind", "model", "decimal_year", "minutes", "minutes_low", "minutes_high"]
    assert frame["kind"].value_counts().to_dict() == {
        "trend": 41, "frontier model": 14, "other model": 8, "earlier frontier model": 3}
    numbers = frame[["decimal_year", "minutes", "minutes_low", "minutes_high"]]
    assert np.isfinite(numbers.to_numpy()).all()
    assert (frame["minutes_low"] <= frame["minutes"]).all() and (frame["minutes"] <= frame["minutes_high"]).all()
    assert frame.equals(trend_frame(horizons, first_year=2023))


# ---------------------------------------------------------------- two points and an outlier


def test_two_point_line_through_o3_is_the_hand_computed_slope(horizons):
    # By hand from the TH1.1 rows of Claude 3.7 Sonnet and o3 (51 days apart).
    before = _row(horizons, "TH1.1", "claude_3_7_sonnet_inspect")
    o3 = _row(horizons, "TH1.1", "o3_inspect")
    days = (o3["release_date"] - before["release_date"]).days
    expected = days / math.log2(o3["p50_minutes"] / before["p50_minutes"])
    table = outlier_forecasts(horizons).set_index("line")
    assert days == 51
    assert table.loc["last two points", "doubling_days"] == pytest.approx(expected, rel=1e-9)
    assert expected == pytest.approx(51.65, abs=0.01)
    week = o3["decimal_year"] + math.log2(WORK_WEEK_MINUTES / o3["p50_minutes"]) * expected / DAYS_PER_YEAR
    assert table.loc["last two points", "work_week_year"] == pytest.approx(week, abs=1e-9)


def test_the_o3_outlier_makes_two_points_double_four_times_faster_than_all_points(horizons):
    table = outlier_forecasts(horizons).set_index("line")
    two, all_ = table.loc["last two points"], table.loc["all points"]
    assert all_["points"] == 12
    assert all_["doubling_days"] / two["doubling_days"] > 4
    # the two-point line reaches a work-week and a work-month years earlier
    assert all_["work_week_year"] - two["work_week_year"] > 2.5
    assert all_["work_month_year"] - two["work_month_year"] > 3.5
    assert two["work_week_year"] < two["work_month_year"]


def test_later_frontier_models_fell_short_of_the_two_point_line(horizons):
    # Line 24: extrapolating from the last two points after an outlier gets you in trouble.
    fit = fit_exponential_trend(*frontier_models(horizons).query("model in ['Claude 3.7 Sonnet', 'o3']")
                                [["decimal_year", "p50_minutes"]].to_numpy().T)
    later = outlier_frame(horizons).query("kind == 'later model'")
    assert len(later) == 5
    assert (later["minutes"] < 2.0 ** fit.log2_value_at(later["decimal_year"])).all()


def test_outlier_frame_lines_run_from_their_first_point_to_a_work_month(horizons):
    frame = outlier_frame(horizons, version="TH1.0")
    assert frame.loc[frame["kind"] == "outlier", "model"].tolist() == ["o3"]
    for line in ("last two points", "all points"):
        ends = frame[frame["kind"] == line]
        assert len(ends) == 2
        assert ends["minutes"].iloc[-1] == pytest.approx(WORK_MONTH_MINUTES)
    assert np.isfinite(frame[["decimal_year", "minutes"]].to_numpy()).all()


def test_the_reader_can_pick_any_later_frontier_model_as_the_outlier(horizons):
    keys = frontier_models(horizons)["model_key"].tolist()
    for key in keys[1:]:
        table = outlier_forecasts(horizons, outlier_key=key)
        assert np.isfinite(table.drop(columns="line").to_numpy()).all()
    table = outlier_forecasts(horizons, outlier_key=keys[1])  # two points: both lines coincide
    assert table["doubling_days"].iloc[0] == pytest.approx(table["doubling_days"].iloc[1])


# ---------------------------------------------------------------- release-date noise


@settings(max_examples=30, deadline=None)
@given(start_st, st.lists(st.floats(0.05, 3.0), min_size=1, max_size=15), doubling_days_st, st.integers(0, 99))
def test_zero_jitter_changes_nothing(start, gaps, doubling_days, seed):
    years, values = _exact_series(start, gaps, doubling_days, 0.0)
    target = values[-1] * 4
    s = release_noise_summary(years, values, target=target, sigma_months=0.0, draws=50, seed=seed)
    fit = fit_exponential_trend(years, values)
    expected_days = min(fit.doubling_days, MAX_REPORTED_DOUBLING_DAYS)
    assert s.doubling_days_p05 == pytest.approx(expected_days, rel=1e-9)
    assert s.doubling_days_p95 == pytest.approx(expected_days, rel=1e-9)
    assert s.forecast_year_p05 == pytest.approx(s.forecast_year, abs=1e-9)
    assert s.forecast_year_p95 == pytest.approx(s.forecast_year, abs=1e-9)
    assert s.chance_within_window == 1.0 and s.share_not_growing == 0.0


def test_two_point_noise_matches_the_closed_form_chance():
    # With two points the forecast is linear in the noise: t - t0 = sigma/12 * (u/sqrt2 + k*sqrt2*v), u, v
    # standard normal, k = (log2 target - mean log2 value) / (log2 rise). So the chance of landing within w
    # is erf(w / (s*sqrt2)) with s = sigma/12 * sqrt(1/2 + 2 k^2), while the two dates rarely swap.
    years, values, target, sigma, window = [2020.0, 2022.0], [1.0, 4.0], 16.0, 3.0, 6.0
    k = (4.0 - 1.0) / 2.0
    s = sigma / 12 * math.sqrt(0.5 + 2 * k**2)
    expected = math.erf(window / 12 / (s * math.sqrt(2)))
    summary = release_noise_summary(years, values, target=target, sigma_months=sigma, draws=20000,
                                    window_months=window, seed=3)
    assert summary.share_not_growing < 1e-4
    assert summary.chance_within_window == pytest.approx(expected, abs=0.015)  # 4 Monte Carlo s.e.


def test_two_point_noise_matches_the_closed_form_doubling_spread():
    # With two points the doubling time is linear in the gap: T = (gap + sigma/12 * sqrt2 * z) / rise years.
    years, values, sigma = [2020.0, 2022.0], [1.0, 4.0], 3.0
    summary = release_noise_summary(years, values, target=16.0, sigma_months=sigma, draws=20000, seed=4)
    half_width = 1.6448536 * sigma / 12 * math.sqrt(2) / 2 * DAYS_PER_YEAR  # rise = 2 doublings
    assert summary.doubling_days == pytest.approx(DAYS_PER_YEAR)
    assert summary.doubling_days_p05 == pytest.approx(DAYS_PER_YEAR - half_width, rel=0.02)
    assert summary.doubling_days_p95 == pytest.approx(DAYS_PER_YEAR + half_width, rel=0.02)


def test_noise_is_deterministic_for_a_seed(horizons):
    a = metr_release_noise(horizons, sigma_months=4, n_points=6, seed=11)
    assert a == metr_release_noise(horizons, sigma_months=4, n_points=6, seed=11)
    assert a != metr_release_noise(horizons, sigma_months=4, n_points=6, seed=12)


def test_more_noise_makes_an_on_time_forecast_less_likely(horizons):
    for n in (2, 5, 10, 17):
        chances = [metr_release_noise(horizons, sigma_months=s, n_points=n).chance_within_window
                   for s in (0, 3, 6, 12)]
        assert chances[0] == 1.0
        assert chances == sorted(chances, reverse=True) and chances[-1] < chances[0]


def test_more_than_two_points_survive_release_date_noise(horizons):
    # Line 24: "use more than 2 data points". With sigma = 3 months the whole series keeps its forecast
    # within 6 months almost always; the last two points (56 days apart) rarely do.
    whole = metr_release_noise(horizons, sigma_months=3)
    two = metr_release_noise(horizons, sigma_months=3, n_points=2)
    assert whole.points == 17 and two.points == 2
    assert whole.chance_within_window > 0.95 > 0.5 > two.chance_within_window
    spread = lambda s: s.forecast_year_p95 - s.forecast_year_p05  # noqa: E731
    assert spread(whole) < 1.0 < spread(two)


def test_noise_summaries_are_finite_even_when_draws_stop_growing(horizons):
    s = metr_release_noise(horizons, sigma_months=12, n_points=2)
    assert s.share_not_growing > 0.3
    assert all(math.isfinite(v) for v in s)
    assert s.doubling_days_p95 == MAX_REPORTED_DOUBLING_DAYS


def test_noise_grid_covers_sigma_0_to_12_and_every_point_count(horizons):
    grid = noise_grid_frame(horizons, draws=100)
    assert len(grid) == 13 * 16
    assert list(grid.columns[:3]) == ["series", "sigma_months", "n_points"]
    assert set(grid["sigma_months"]) == set(map(float, range(13)))
    assert set(grid["n_points"]) == set(map(float, range(2, 18)))
    assert np.isfinite(grid.drop(columns="series").to_numpy()).all()
    assert (grid.loc[grid["sigma_months"] == 0, "chance_within_window"] == 1.0).all()
    # The static chart's numbers equal the live model's at the same slider setting.
    row = grid[(grid["sigma_months"] == 5) & (grid["n_points"] == 7)].iloc[0]
    live = metr_release_noise(horizons, sigma_months=5, n_points=7, draws=100)
    assert row["chance_within_window"] == live.chance_within_window
    assert row["forecast_year_p50"] == live.forecast_year_p50


def test_release_noise_grid_rows_are_ordered_by_points_then_sigma():
    grid = release_noise_grid([2020, 2021, 2022, 2023], [1, 2, 4, 8], target=64, sigmas_months=[0, 2], draws=20)
    assert grid[["n_points", "sigma_months"]].to_numpy().tolist() == [
        [2, 0], [2, 2], [3, 0], [3, 2], [4, 0], [4, 2]]
    assert list(grid.columns[3:]) == [f for f in NoiseSummary._fields if f != "points"]


@pytest.mark.parametrize("sigma", [0.0, 2.0, 6.0, 12.0])
def test_forecast_histogram_sums_to_one_and_agrees_with_the_summary(horizons, sigma):
    frame = noise_forecast_frame(horizons, sigma_months=sigma, n_points=8)
    summary = metr_release_noise(horizons, sigma_months=sigma, n_points=8)
    assert len(frame) == 24 and frame["share"].sum() == pytest.approx(1.0)
    assert np.allclose(frame["bin_end"] - frame["bin_start"], 0.25)
    # window edges (+-6 months) are bin edges, so the histogram's "within" share is the chance
    within = frame.loc[frame["kind"] == "within window", "share"].sum()
    assert within == pytest.approx(summary.chance_within_window, abs=1e-9)


# ---------------------------------------------------------------- Moore's law


def test_moore_doubling_time_is_about_two_years(moore):
    # Our World in Data transistor counts, 1971-2017: the textbook "doubling every two years".
    s = moore_trend_summary(moore)
    assert s.doubling_months / 12 == pytest.approx(2.0, abs=0.05)
    assert s.ci_low_days < s.doubling_days < s.ci_high_days


def test_moore_shrugs_off_noise_that_breaks_a_fast_trend(horizons, moore):
    # The same 6-month noise barely moves a 2-year doubling fitted on 24 points.
    assert moore_release_noise(moore, sigma_months=6).chance_within_window > 0.95
    assert moore_release_noise(moore, sigma_months=6).chance_within_window > \
        metr_release_noise(horizons, sigma_months=6).chance_within_window


def test_moore_noise_grid_has_a_row_per_sigma_and_point_count(moore):
    grid = moore_noise_grid_frame(moore, draws=50, sigmas_months=[0, 6, 12])
    assert len(grid) == 3 * 23 and grid["series"].unique().tolist() == ["Moore's law"]


def test_comparison_puts_both_trends_on_one_unit_slope_line(horizons, moore):
    frame = comparison_frame(horizons, moore)
    assert frame["series"].unique().tolist() == ["METR TH1.1 frontier", "Moore's law"]
    assert len(frame) == 17 + 24
    np.testing.assert_allclose(frame["trend_doublings"], frame["doubling_times_elapsed"], atol=1e-9)
    for _, rows in frame.groupby("series"):
        assert rows["years_since_first"].iloc[0] == 0.0
        # least-squares residuals sum to zero, in doublings and hence in months
        assert (rows["doublings"] - rows["trend_doublings"]).sum() == pytest.approx(0.0, abs=1e-9)
        assert rows["months_off_trend"].sum() == pytest.approx(0.0, abs=1e-8)
    assert np.isfinite(frame.drop(columns=["series", "label"]).to_numpy()).all()


def test_metr_frontier_sits_closer_to_its_trend_in_time_than_moores_processors(horizons, moore):
    metr = frontier_models(horizons)
    metr_months = trend_scatter_months(metr["decimal_year"], metr["p50_minutes"])
    moore_months = trend_scatter_months(moore["decimal_year"], moore["transistors"])
    assert 5 < metr_months < 7 and 10 < moore_months < 12
    assert metr_months < moore_months


@settings(max_examples=40, deadline=None)
@given(start_st, gaps_st, doubling_days_st)
def test_points_on_their_trend_are_zero_months_off(start, gaps, doubling_days):
    years, values = _exact_series(start, gaps, doubling_days, 3.0)
    np.testing.assert_allclose(months_off_trend(years, values), 0.0, atol=1e-6)


# ---------------------------------------------------------------- the o3 point


def test_o3_moves_a_two_point_fit_a_lot_and_the_whole_series_little(horizons):
    # Line 25: "people shouldn't update that much on the individual o3 data point".
    frame = o3_influence_frame(horizons).set_index("context")
    assert frame.loc["last two points", "change_percent"] < -50
    assert -10 < frame.loc["series up to it", "change_percent"] < 0
    assert abs(frame.loc["whole series", "change_percent"]) < 1
    assert frame[["points_without", "points_with"]].to_numpy().tolist() == [[2, 2], [11, 12], [16, 17]]
    with_o3 = frame.loc["whole series", "doubling_days_with"]
    assert with_o3 == pytest.approx(metr_trend_summary(horizons).doubling_days)


def test_o3_influence_frame_has_the_same_shape_in_th10(horizons):
    frame = o3_influence_frame(horizons, version="TH1.0")
    assert len(frame) == 3 and np.isfinite(frame.drop(columns="context").to_numpy()).all()
    assert (frame["change_days"] == frame["doubling_days_with"] - frame["doubling_days_without"]).all()


# ---------------------------------------------------------------- bad input

Y4, V4 = [2020.0, 2021.0, 2022.0, 2023.0], [1.0, 2.0, 4.0, 8.0]


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: fit_exponential_trend([], []), "years"),
        (lambda: fit_exponential_trend([2020.0], [1.0]), "years"),
        (lambda: fit_exponential_trend([2020.0, np.nan], [1.0, 2.0]), "years"),
        (lambda: fit_exponential_trend([2020.0, np.inf], [1.0, 2.0]), "years"),
        (lambda: fit_exponential_trend([2021.0, 2020.0], [1.0, 2.0]), "years"),
        (lambda: fit_exponential_trend([2020.0, 2020.0, 2021.0], [1.0, 2.0, 3.0]), "years"),
        (lambda: fit_exponential_trend(["a", "b"], [1.0, 2.0]), "years"),
        (lambda: fit_exponential_trend([2020.0, 2021.0], [1.0, 0.0]), "values"),
        (lambda: fit_exponential_trend([2020.0, 2021.0], [1.0, -2.0]), "values"),
        (lambda: fit_exponential_trend([2020.0, 2021.0], [1.0, np.nan]), "values"),
        (lambda: fit_exponential_trend([2020.0, 2021.0, 2022.0], [1.0, 2.0]), "years and values"),
        (lambda: fit_exponential_trend([2020.0, 2021.0], [2.0, 1.0]), "values must grow"),
        (lambda: fit_exponential_trend([2020.0, 2021.0], [1.0, 2.0]).year_reaching(0.0), "value"),
        (lambda: trend_summary([2020.0, 2021.0], [1.0, 2.0]), "years"),
        (lambda: trend_summary(Y4, V4, resamples=0), "resamples"),
        (lambda: trend_summary(Y4, V4, resamples=2.5), "resamples"),
        (lambda: trend_summary(Y4, V4, level=1.0), "level"),
        (lambda: trend_summary(Y4, V4, level=np.nan), "level"),
        (lambda: trend_summary(Y4, V4, seed=-1), "seed"),
        (lambda: trend_summary(Y4, V4, seed="0"), "seed"),
        (lambda: release_noise_summary(Y4, V4, target=0.0, sigma_months=1), "target"),
        (lambda: release_noise_summary(Y4, V4, target=np.inf, sigma_months=1), "target"),
        (lambda: release_noise_summary(Y4, V4, target=9, sigma_months=-1), "sigma_months"),
        (lambda: release_noise_summary(Y4, V4, target=9, sigma_months=np.nan), "sigma_months"),
        (lambda: release_noise_summary(Y4, V4, target=9, sigma_months=121), "sigma_months"),
        (lambda: release_noise_summary(Y4, V4, target=9, sigma_months="3"), "sigma_months"),
        (lambda: release_noise_summary(Y4, V4, target=9, sigma_months=1, n_points=1), "n_points"),
        (lambda: release_noise_summary(Y4, V4, target=9, sigma_months=1, n_points=5), "n_points"),
        (lambda: release_noise_summary(Y4, V4, target=9, sigma_months=1, n_points=3.0), "n_points"),
        (lambda: release_noise_summary(Y4, V4, target=9, sigma_months=1, draws=0), "draws"),
        (lambda: release_noise_summary(Y4, V4, target=9, sigma_months=1, window_months=-1), "window_months"),
        (lambda: release_noise_grid(Y4, V4, target=9, sigmas_months=[]), "sigmas_months"),
        (lambda: release_noise_grid(Y4, V4, target=9, sigmas_months=[0, -1]), "sigmas_months"),
        (lambda: months_off_trend([2020.0, 2020.0], [1.0, 2.0]), "years"),
    ],
)
def test_bad_array_input_raises_a_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda h, m: frontier_models(h, version="TH2.0"), "version"),
        (lambda h, m: frontier_models(h, first_year=2027), "first_year"),
        (lambda h, m: frontier_models(h, first_year=2019.5), "first_year"),
        (lambda h, m: frontier_models(h, first_year=np.nan), "first_year"),
        (lambda h, m: frontier_models(h.to_dict()), "horizons"),
        (lambda h, m: frontier_models(h.drop(columns="is_sota")), "horizons"),
        (lambda h, m: metr_trend_summary(h, first_year=2026), "first_year"),
        (lambda h, m: trend_frame(h, first_year=2026), "first_year"),
        (lambda h, m: trend_frame(h, grid_points=1), "grid_points"),
        (lambda h, m: outlier_forecasts(h, outlier_key="o3"), "outlier_key"),  # the TH1.0 key
        (lambda h, m: outlier_forecasts(h, outlier_key="gpt2"), "outlier_key"),  # nothing before it
        (lambda h, m: outlier_frame(h, outlier_key="claude_4_opus_inspect"), "outlier_key"),  # not frontier
        (lambda h, m: metr_release_noise(h, horizon_minutes=0), "horizon_minutes"),
        (lambda h, m: metr_release_noise(h, horizon_minutes=-5), "horizon_minutes"),
        (lambda h, m: metr_release_noise(h, sigma_months=-0.5), "sigma_months"),
        (lambda h, m: metr_release_noise(h, n_points=18), "n_points"),
        (lambda h, m: noise_grid_frame(h, horizon_minutes=np.nan), "horizon_minutes"),
        (lambda h, m: noise_forecast_frame(h, window_months=np.inf), "window_months"),
        (lambda h, m: o3_influence_frame(h, model_key="davinci_002"), "model_key"),
        (lambda h, m: moore_trend_summary(m, first_year=2016), "first_year"),
        (lambda h, m: moore_trend_summary(h), "transistors"),
        (lambda h, m: moore_release_noise(m, target=-1), "target"),
        (lambda h, m: comparison_frame(h, m, moore_first_year=3000), "first_year"),
    ],
)
def test_bad_frame_input_raises_a_value_error_naming_the_parameter(horizons, moore, call, name):
    with pytest.raises(ValueError, match=name):
        call(horizons, moore)


def test_docstring_examples_run():
    import importlib

    for name in trends.SUBMODULES:
        module = importlib.import_module(f"essays.models.trends.{name}")
        assert doctest.testmod(module).failed == 0, name
