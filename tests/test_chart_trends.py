"""The trends chapter's figures: each chart's data are the tested model's output, and the page fits its budget.

The ``*_frame`` functions of ``essays.charts.trends`` only pick and join outputs of
``essays.models.trends``; these tests check that they do not change a number on the way.
"""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from essays.charts import trends as charts
from essays.models import trends as model
from figures import STATIC_GROUP, static_html, static_spec

HORIZONS, TRANSISTORS = charts.HORIZONS, charts.TRANSISTORS
FIGURES = (charts.TREND_FIT, charts.TREND_BACKTEST, charts.TREND_OUTLIER, charts.TREND_NOISE, charts.TREND_MOORE,
           charts.TREND_O3)


def every_setting(fig):
    """Every combination of the static page's slider positions."""
    grids = [p.grid() for p in fig.params]
    for values in np.array(np.meshgrid(*grids, indexing="ij")).reshape(len(grids), -1).T:
        yield {p.name: fig._coerce(p, v) for p, v in zip(fig.params, values)}


def test_the_default_trend_figure_states_metrs_188_day_doubling_time():
    # METR benchmark_results_1_1.yaml: doubling_time_in_days.all_time_stitched = 187.778 (TH1.1, 2019 on).
    row = charts.TREND_FIT.frame().query("kind == 'doubling time'")
    assert len(row) == 1 and row["model"].iloc[0] == "TH1.1"
    assert row["value"].iloc[0] == pytest.approx(187.778, abs=0.01)


@pytest.mark.parametrize("suite, first_year", [(0, 2019), (1, 2019), (1, 2023), (0, 2025)])
def test_trend_figure_carries_the_models_fit_and_interval_unchanged(suite, first_year):
    version = model.TH_VERSIONS[suite]
    frame = charts.trend_fit_frame(suite=suite, first_year=first_year)
    summary = model.metr_trend_summary(HORIZONS, version=version, first_year=first_year,
                                       resamples=charts.FIT_RESAMPLES)
    fit = frame[frame["kind"] == "doubling time"].iloc[0]
    assert (fit["value"], fit["low"], fit["high"]) == (summary.doubling_days, summary.ci_low_days,
                                                       summary.ci_high_days)
    assert (frame["kind"] == "frontier model").sum() == summary.points
    source = model.trend_frame(HORIZONS, version=version, first_year=first_year, resamples=charts.FIT_RESAMPLES,
                               grid_points=charts.TREND_LINE_POINTS)
    source = source[source["kind"] != "other model"].reset_index(drop=True)
    drawn = frame[frame["kind"].isin(source["kind"].unique())].reset_index(drop=True)
    np.testing.assert_array_equal(drawn[["value", "low", "high"]].to_numpy(),
                                  source[["minutes", "minutes_low", "minutes_high"]].to_numpy())


def test_the_outlier_figure_defaults_to_o3_and_its_milestones_are_the_models_forecasts():
    frame = charts.outlier_chart_frame()
    assert frame.loc[frame["kind"] == "outlier", "label"].tolist() == ["o3"]
    table = model.outlier_forecasts(HORIZONS).set_index("line")
    for line in charts.LINES:
        rows = frame[frame["kind"] == line].set_index("label")
        assert rows.loc["work-week", "decimal_year"] == table.loc[line, "work_week_year"]
        assert rows.loc["work-month", "decimal_year"] == table.loc[line, "work_month_year"]
        assert rows.loc["work-month", "minutes"] == model.WORK_MONTH_MINUTES


def test_each_outlier_line_is_straight_on_a_log_scale_through_its_milestones():
    for outlier in range(charts.FIRST_CANDIDATE, charts.FRONTIER_COUNT + 1):
        frame = charts.outlier_chart_frame(outlier)
        table = model.outlier_forecasts(HORIZONS, outlier_key=charts._frontier_key("TH1.1", outlier))
        for line, days in zip(table["line"], table["doubling_days"]):
            rows = frame[frame["kind"] == line]
            slopes = np.diff(np.log2(rows["minutes"])) / np.diff(rows["decimal_year"])
            np.testing.assert_allclose(365.25 / slopes, days, rtol=1e-9)


@pytest.mark.parametrize("sigma, horizon, hours", [(0.0, 0, 40.0), (3.0, 0, 40.0), (9.0, 1, 167.0)])
def test_noise_figure_rows_are_the_models_noise_grid(sigma, horizon, hours):
    frame = charts.metr_noise_frame(sigma, horizon)
    grid = model.noise_grid_frame(HORIZONS, horizon_minutes=60 * hours, sigmas_months=[sigma],
                                  draws=charts.NOISE_DRAWS)
    grid = grid[grid["n_points"].isin(charts.METR_POINTS)]
    pd.testing.assert_frame_equal(frame, grid[charts.NOISE_COLUMNS].reset_index(drop=True))
    assert frame["n_points"].tolist() == list(map(float, charts.METR_POINTS))


def test_moore_noise_figure_shows_the_chosen_point_counts_of_the_models_grid():
    frame = charts.moore_noise_frame(6.0)
    assert frame["n_points"].tolist() == list(map(float, charts.MOORE_POINTS))
    whole = model.moore_release_noise(TRANSISTORS, sigma_months=6.0, draws=charts.NOISE_DRAWS)
    assert frame["chance_within_window"].iloc[-1] == whole.chance_within_window


def test_the_o3_figure_names_its_point_and_carries_the_models_influence():
    frame = charts.o3_chart_frame()
    assert set(frame["model"]) == {"o3"} and set(frame["version"]) == {"TH1.1"}
    expected = model.o3_influence_frame(HORIZONS)
    pd.testing.assert_frame_equal(frame[expected.columns], expected)


def test_every_static_setting_gives_finite_numbers():
    for fig in FIGURES:
        for settings in every_setting(fig):
            numbers = fig.frame(**settings).select_dtypes("number").to_numpy()
            assert np.isfinite(numbers).all(), (fig.name, settings)


@pytest.mark.parametrize("call, name", [
    (lambda: charts.trend_fit_frame(suite=2), "suite"),
    (lambda: charts.trend_fit_frame(suite=0.5), "suite"),
    (lambda: charts.outlier_chart_frame(outlier=2), "position"),
    (lambda: charts.outlier_chart_frame(outlier=18), "position"),
    (lambda: charts.metr_noise_frame(3.0, horizon=2), "horizon"),
    (lambda: charts.backtest_chart_frame(suite=3), "suite"),
    (lambda: charts.comparison_chart_frame(moore_first_year=2016), "first_year"),
    (lambda: charts.metr_noise_frame(-1.0), "sigma_months"),
    (lambda: charts.o3_chart_frame(point=1), "position"),
])
def test_bad_slider_values_raise_a_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


@STATIC_GROUP
def test_the_chapters_figures_stay_within_the_300_kb_page_budget():
    # The page's own HTML (prose, code in dropdowns, navigation) is not counted here.
    total = sum(len(static_html(fig).encode()) for fig in FIGURES)
    assert total < 300_000


# ---------------------------------------------------------------- the window claim


def test_suite_and_horizon_are_named_toggles():
    assert charts.SUITE.options == ("TH1.0", "TH1.1")
    assert charts.TREND_NOISE.params[1].options == ("work-week (40 h)", "work-month (167 h)")
    for fig in (charts.TREND_FIT, charts.TREND_BACKTEST):
        assert [p.name for p in fig.params] == ["suite", "first_year"]


@pytest.mark.parametrize("suite", [0, 1])
def test_the_window_claims_first_year_threshold_agrees_with_an_independent_scan(suite):
    crux = charts.TREND_FIT.cruxes[0]
    flips = crux.flips("first_year", suite=suite, first_year=2019)
    # independent: scan whole first years for the first one whose work-week date is before the claim's date
    version = model.TH_VERSIONS[suite]
    holds = [model.horizon_dates(HORIZONS, version=version, first_year=y).work_week_year < model.CLAIM_WORK_WEEK_BY
             for y in range(2019, 2026)]
    first = 2019 + holds.index(True)
    assert all(holds[first - 2019:]) and not any(holds[:first - 2019])
    assert len(flips) == 1 and flips[0].value == first and flips[0].holds_above
    assert crux.holds(suite=suite, first_year=first) and not crux.holds(suite=suite, first_year=first - 1)


def test_the_claim_fails_at_the_default_settings_and_names_its_date():
    assert charts.TREND_FIT.claims_text()[0].startswith(
        "Claim: The trend reaches work-week (40-hour) tasks before Jul 2027. Fails")


def test_the_trend_figure_shows_the_models_work_week_and_work_month_dates():
    frame = charts.trend_fit_frame(suite=1, first_year=2023)
    dates = model.horizon_dates(HORIZONS, first_year=2023)
    rows = frame[frame["kind"] == "milestone"].set_index("model")
    assert rows.loc["work-week", "decimal_year"] == dates.work_week_year
    assert rows.loc["work-month", "decimal_year"] == dates.work_month_year
    metr = frame[frame["kind"] == "metr"].iloc[0]
    assert (metr["value"], metr["low"], metr["high"]) == model.METR_PUBLISHED_FROM_2023_DAYS


# ---------------------------------------------------------------- nothing clipped


def test_the_trend_figures_axes_hold_every_point_band_and_date_at_every_setting():
    lo, hi = charts.FIT_Y_DOMAIN
    stop = charts.FIT_X_STOP
    for settings in every_setting(charts.TREND_FIT):
        frame = charts.TREND_FIT.frame(**settings)
        drawn = frame[~frame["kind"].isin(["doubling time", "metr"])]
        assert lo <= drawn[["value", "low", "high"]].min().min()
        assert drawn[["value", "low", "high"]].max().max() <= hi
        assert 2019 <= drawn["decimal_year"].min() and drawn["decimal_year"].max() < stop


def test_the_backtest_figures_axes_hold_every_error_at_every_setting():
    lo, hi = charts.BACKTEST_Y_DOMAIN
    start, stop = charts.BACKTEST_X
    for settings in every_setting(charts.TREND_BACKTEST):
        frame = charts.TREND_BACKTEST.frame(**settings)
        errors = frame.loc[frame["kind"] != "summary", "error_months"]
        assert len(errors) > 0 and lo < frame["error_months"].min()
        assert lo < errors.min() and errors.max() < hi and lo < -charts.WINDOW_MONTHS
        assert start <= frame["decimal_year"].min() and frame["decimal_year"].max() < stop


@pytest.mark.parametrize("suite, first_year", [(0, 2019), (1, 2019), (1, 2023), (0, 2025)])
def test_the_backtest_figure_carries_the_models_errors_and_summary(suite, first_year):
    version = model.TH_VERSIONS[suite]
    frame = charts.backtest_chart_frame(suite, first_year)
    errors = model.metr_backtest(HORIZONS, version=version, first_year=first_year)
    drawn = frame[frame["kind"] != "summary"]
    np.testing.assert_array_equal(drawn["error_months"].to_numpy(), errors["error_months"].to_numpy())
    summary = model.summarize_backtest(errors["error_months"], window_months=charts.WINDOW_MONTHS)
    row = frame[frame["kind"] == "summary"].iloc[0]
    assert row["model"] == (f"{summary.predictions} models predicted, {summary.ahead} ahead, "
                            f"{summary.behind} behind; {summary.within_window} within 6 months")
    assert (row["error_months"], row["prior_points"]) == (summary.mean_error_months, summary.predictions)


def test_the_moore_figure_marks_the_window_of_its_first_year():
    frame = charts.comparison_chart_frame(1987)
    windows = frame[frame["kind"] == "window"]
    assert windows.loc[windows["selected"] == 1, "first_year"].tolist() == [1985.0]  # no chip of 1986-87
    points = frame[(frame["kind"] == "point") & (frame["series"] == "Moore's law")]
    assert points["decimal_year"].min() > 1987


@STATIC_GROUP
def test_a_release_noise_range_that_misses_its_dot_lies_after_it_as_the_caption_says():
    """Every drawn interval contains its point or the caption says why: here the noise-free forecast
    lies outside the 90% range of noisy forecasts only ever before it (regression dilution slows the
    noisy fits), which is what the figure's caption states."""
    from essays.charts import trends as charts

    outside = 0
    for sigma in (0, 3, 6, 12):
        for horizon in range(len(charts.HORIZON_MINUTES)):
            df = charts.metr_noise_frame(sigma, horizon)
            assert (df.forecast_year <= df.forecast_year_p95).all(), (sigma, horizon)
            assert (df.doubling_days <= df.doubling_days_p95).all(), (sigma, horizon)
            outside += int((df.forecast_year < df.forecast_year_p05).sum())
    assert outside > 0  # the case the caption explains does occur
    spec = json.dumps(static_spec(charts.TREND_NOISE))
    assert "regression dilution" in spec and "after its dot" in spec
