"""More independent oracles for the trends models, written against the mutants that survived the
first mutation run (issue #24): every expected value here is recomputed in plain Python (the
frontier selection, least squares, the bootstrap, the release-noise experiment, the backtest, the
histogram of forecasts), never read from the code's own earlier output.

The plain-Python versions draw their random numbers from the same numpy stream as the models
(``default_rng(seed)``) and do everything else themselves.
"""
from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd
import pytest

from edges import edges_test
from essays.data import load_metr_horizons, load_moore_transistors
from essays.models import trends as t
from test_oracles_trends import percentile, plain_noise

DAYS = 365.25
WEEK_MIN, MONTH_MIN = 40 * 60.0, 167 * 60.0


@functools.lru_cache(maxsize=1)
def horizons() -> pd.DataFrame:
    return load_metr_horizons()


@functools.lru_cache(maxsize=1)
def moore() -> pd.DataFrame:
    return load_moore_transistors()


# -- plain-Python helpers ---------------------------------------------------------------------------


def frontier(version="TH1.1", first_year=2019, frame=None):
    """METR's frontier models as the docs define them, selected and sorted here row by row."""
    frame = horizons() if frame is None else frame
    rows = [r for r in frame.to_dict("records")
            if r["th_version"] == version and bool(r["is_sota"]) and pd.Timestamp(r["release_date"]).year >= first_year]
    rows.sort(key=lambda r: r["decimal_year"])
    return rows


def moore_rows(first_year=1971):
    rows = [r for r in moore().to_dict("records") if r["year"] >= first_year]
    rows.sort(key=lambda r: r["decimal_year"])
    return rows


def plain_fit(xs, values):
    """Least squares of log2(value) on the year: slope, mean year, mean log2 value."""
    ys = [math.log2(v) for v in values]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    return (sxy / sxx if sxx > 0 else 0.0), mx, my


def plain_bootstrap(xs, values, resamples, level, seed):
    """Percentile bootstrap of the doubling time (days), resampling points; degenerate ones dropped."""
    idx = np.random.default_rng(seed).integers(0, len(xs), size=(resamples, len(xs))).tolist()
    slopes = [plain_fit([xs[i] for i in row], [values[i] for i in row])[0] for row in idx if min(row) < max(row)]
    lo, hi = percentile(slopes, 50 * (1 - level)), percentile(slopes, 50 * (1 + level))

    def days(b):
        return DAYS / b if b > 0.1 else 10 * DAYS

    return days(hi), days(lo)


def plain_noise_draws(xs, values, target, sigma, draws, seed):
    """Slopes and clipped forecasts of every draw of the release-noise experiment."""
    normals = np.random.default_rng(seed).standard_normal((draws, len(xs))).tolist()
    first, last = xs[0], xs[-1]
    out = []
    for row in normals:
        jittered = [x + sigma / 12.0 * z for x, z in zip(xs, row)]
        b, mx, my = plain_fit(jittered, values)
        if b <= 0:
            out.append((b, last + 30.0))
        else:
            f = mx + (math.log2(target) - my) / b
            out.append((b, min(max(f, first - 30.0), last + 30.0)))
    return out


def check_noise(summary, xs, values, target, sigma, draws, window, seed):
    ref = plain_noise(xs, values, target, sigma, draws, seed, window_months=window)
    assert summary.forecast_year == pytest.approx(ref["forecast_year"], abs=1e-9)
    assert summary.forecast_year_p50 == pytest.approx(percentile(ref["forecasts"], 50), abs=1e-9)
    assert summary.forecast_year_p05 == pytest.approx(percentile(ref["forecasts"], 5), abs=1e-9)
    assert summary.doubling_days_p95 == pytest.approx(percentile(ref["days"], 95), rel=1e-9)
    assert summary.chance_within_window == pytest.approx(ref["chance_within_window"])
    assert summary.points == len(xs)


def refusal(call) -> str | None:
    try:
        call()
    except ValueError as error:
        return str(error)
    return None


# -- frontier models --------------------------------------------------------------------------------


@pytest.mark.parametrize("version, first_year", [("TH1.0", 2019), ("TH1.1", 2023), ("TH1.0", 2025)])
def test_frontier_models_are_the_sota_rows_of_the_version_since_the_year_by_date(version, first_year):
    got = t.frontier_models(horizons(), version=version, first_year=first_year)
    want = frontier(version, first_year)
    assert list(got.columns) == ["model_key", "model", "release_date", "decimal_year", "p50_minutes",
                                 "p50_ci_low", "p50_ci_high"]
    assert got.index.tolist() == list(range(len(want)))
    assert got["model_key"].tolist() == [r["model_key"] for r in want]
    assert got["decimal_year"].tolist() == [r["decimal_year"] for r in want]


def test_two_frontier_models_are_enough_and_one_is_not():
    early = horizons()[pd.to_datetime(horizons()["release_date"]).dt.year <= 2020]  # GPT-2 and GPT-3 era
    assert len(frontier("TH1.1", 2019, early)) == 2
    assert len(t.frontier_models(early, version="TH1.1", first_year=2019)) == 2
    assert refusal(lambda: t.frontier_models(early, version="TH1.1", first_year=2020)).startswith("first_year = 2020")


def synthetic(dates, minutes, keys=None):
    """A horizons frame of frontier models (TH1.1) at the given decimal years."""
    keys = keys or [f"k{i:02d}" for i in range(len(dates))]
    return pd.DataFrame([{"th_version": "TH1.1", "model_key": k, "model": k.upper(),
                          "release_date": pd.Timestamp(f"{int(d)}-06-01"), "decimal_year": d, "p50_minutes": v,
                          "p50_ci_low": v / 2, "p50_ci_high": v * 2, "is_sota": True}
                         for k, d, v in zip(keys, dates, minutes)])


def test_models_released_on_the_same_day_keep_the_order_of_the_data():
    # sixty frontier models on three dates, shuffled: a stable sort keeps each date's models in file order
    dates = np.random.default_rng(0).choice([2024.1, 2024.2, 2024.3], size=60).tolist()
    frame = synthetic(dates, [1.0] * 60)
    got = t.frontier_models(frame, first_year=2024)
    want = [r["model_key"] for r in sorted(frame.to_dict("records"), key=lambda r: r["decimal_year"])]  # stable
    assert got["model_key"].tolist() == want


def test_a_line_that_reaches_a_work_month_before_its_last_point_ends_at_that_point():
    # horizons already past a work-month (10,020 minutes): the line is drawn to the last point fitted
    frame = synthetic([2020.0, 2021.0, 2022.0, 2023.0], [1000.0, 5000.0, 20000.0, 40000.0])
    out = t.outlier_frame(frame, outlier_key="k03")
    assert out.loc[out.kind == "all points", "decimal_year"].tolist() == [2020.0, 2023.0]
    assert out.loc[out.kind == "last two points", "decimal_year"].tolist() == [2022.0, 2023.0]


def test_a_frame_that_is_not_a_dataframe_is_refused_by_name_and_type():
    assert refusal(lambda: t.frontier_models([1, 2])) == "horizons must be a DataFrame from essays.data, got list"
    assert refusal(lambda: t.moore_trend_summary({"a": 1})) == \
        "transistors must be a DataFrame from essays.data, got dict"
    assert refusal(lambda: t.moore_window_frame("x")) == "transistors must be a DataFrame from essays.data, got str"


# -- least squares, the fit, the bootstrap ---------------------------------------------------------


def test_the_fit_refuses_values_that_do_not_grow_and_says_why():
    message = refusal(lambda: t.fit_exponential_trend([2020.0, 2021.0, 2022.0], [5.0, 5.0, 5.0]))
    assert message and message.startswith("values must grow with years")
    assert refusal(lambda: t.fit_exponential_trend([2020.0, 2021.0], [1.0])).startswith("values must hold at least 2")
    assert refusal(lambda: t.fit_exponential_trend([2020.0, 2021.0], [1.0, 0.0])).startswith("values must be in > 0")
    assert refusal(lambda: t.fit_exponential_trend([2020.0, 2020.0], [1.0, 2.0])).startswith(
        "years must be strictly increasing")
    assert refusal(lambda: t.fit_exponential_trend([9999.0, 10000.5], [1.0, 2.0])).startswith(
        "years must be in [-10000, 10000]")


def test_the_slope_is_exact_for_values_near_the_top_of_the_float_range():
    # log2 values near 1000 that rise by a millionth of a doubling a year, on dates near year 1e4:
    # the centred sums must not pick up the mean of log2 (1000) times the rounding of sum(x - mean).
    from fractions import Fraction
    xs = [9996.2, 9996.4, 9996.6, 9997.1, 9997.5]
    ys = [1000.0 + 1e-6 * (x - 9990.0) + 1e-7 * (i % 2) for i, x in enumerate(xs)]
    values = [2.0 ** y for y in ys]
    fx = [Fraction(x) for x in xs]
    fy = [Fraction(math.log2(v)) for v in values]
    mx, my = sum(fx) / len(fx), sum(fy) / len(fy)
    exact = sum((x - mx) * (y - my) for x, y in zip(fx, fy)) / sum((x - mx) ** 2 for x in fx)
    assert t.fit_exponential_trend(xs, values).doublings_per_year == pytest.approx(float(exact), rel=1e-5)


def test_year_reaching_takes_any_positive_value_and_names_it():
    fit = t.fit_exponential_trend([2020.0, 2021.0, 2022.0], [1.0, 2.0, 4.0])
    assert fit.year_reaching(0.5) == pytest.approx(2019.0)  # one doubling before the first point
    assert refusal(lambda: fit.year_reaching(0.0)).startswith("value must be in > 0")


def test_trend_summary_defaults_are_a_95_percent_interval_of_2000_resamples_seeded_0():
    xs = [2019.0 + 0.37 * i + 0.05 * (i % 3) for i in range(15)]
    values = [2.0 ** (0.9 * (x - 2019.0) + 0.3 * math.sin(7 * i)) for i, x in enumerate(xs)]
    s = t.trend_summary(xs, values)
    lo, hi = plain_bootstrap(xs, values, 2000, 0.95, 0)
    assert (s.ci_low_days, s.ci_high_days) == (pytest.approx(lo, rel=1e-9), pytest.approx(hi, rel=1e-9))


def test_moore_and_metr_trend_summaries_pass_their_settings_on():
    rows = moore_rows(1990)
    xs, vals = [r["decimal_year"] for r in rows], [r["transistors"] for r in rows]
    s = t.moore_trend_summary(moore(), first_year=1990, resamples=300, level=0.8, seed=5)
    assert (s.ci_low_days, s.ci_high_days) == tuple(pytest.approx(v, rel=1e-9)
                                                    for v in plain_bootstrap(xs, vals, 300, 0.8, 5))
    rows = moore_rows(1971)
    s = t.moore_trend_summary(moore())
    xs, vals = [r["decimal_year"] for r in rows], [r["transistors"] for r in rows]
    assert (s.ci_low_days, s.ci_high_days) == tuple(pytest.approx(v, rel=1e-9)
                                                    for v in plain_bootstrap(xs, vals, 2000, 0.95, 0))
    rows = frontier("TH1.0", 2020)
    xs, vals = [r["decimal_year"] for r in rows], [r["p50_minutes"] for r in rows]
    s = t.metr_trend_summary(horizons(), version="TH1.0", first_year=2020, resamples=300, level=0.8, seed=5)
    assert (s.ci_low_days, s.ci_high_days) == tuple(pytest.approx(v, rel=1e-9)
                                                    for v in plain_bootstrap(xs, vals, 300, 0.8, 5))
    rows = frontier()
    xs, vals = [r["decimal_year"] for r in rows], [r["p50_minutes"] for r in rows]
    s = t.metr_trend_summary(horizons())
    assert (s.ci_low_days, s.ci_high_days) == tuple(pytest.approx(v, rel=1e-9)
                                                    for v in plain_bootstrap(xs, vals, 2000, 0.95, 0))


# -- the trend figure's frame -----------------------------------------------------------------------


@pytest.mark.parametrize("kwargs", [dict(), dict(version="TH1.0", first_year=2022, resamples=200, level=0.5, seed=3,
                                                 grid_points=7)])
def test_trend_frame_rows_and_band_by_hand(kwargs):
    version, first_year = kwargs.get("version", "TH1.1"), kwargs.get("first_year", 2019)
    resamples, level, seed = kwargs.get("resamples", 2000), kwargs.get("level", 0.95), kwargs.get("seed", 0)
    g = kwargs.get("grid_points", 41)
    frame = t.trend_frame(horizons(), **kwargs)
    assert frame.index.tolist() == list(range(len(frame)))
    assert list(frame.columns) == ["kind", "model", "decimal_year", "minutes", "minutes_low", "minutes_high"]
    same = [r for r in horizons().to_dict("records") if r["th_version"] == version]
    later = {r["model"] for r in frontier(version, first_year)}
    earlier = {r["model"] for r in same if r["is_sota"] and r["model"] not in later}
    others = {r["model"] for r in same if not r["is_sota"]}
    for kind, names in (("frontier model", later), ("earlier frontier model", earlier), ("other model", others)):
        assert set(frame.loc[frame.kind == kind, "model"]) == names, kind
    trend = frame[frame.kind == "trend"]
    rows = frontier(version, first_year)
    xs, vals = [r["decimal_year"] for r in rows], [r["p50_minutes"] for r in rows]
    grid = [xs[0] + (xs[-1] - xs[0]) * i / (g - 1) for i in range(g)]
    assert trend["decimal_year"].tolist() == pytest.approx(grid, abs=1e-9)
    assert (trend["model"] == "").all()
    b, mx, my = plain_fit(xs, vals)
    assert trend["minutes"].tolist() == pytest.approx([2 ** (my + b * (x - mx)) for x in grid], rel=1e-9)
    # the band: percentiles over the bootstrap's refitted lines, at every grid point
    idx = np.random.default_rng(seed).integers(0, len(xs), size=(resamples, len(xs))).tolist()
    fits = [plain_fit([xs[i] for i in row], [vals[i] for i in row]) for row in idx if min(row) < max(row)]
    for i in (0, g // 2, g - 1):
        lines = [my_ + b_ * (grid[i] - mx_) for b_, mx_, my_ in fits]
        assert trend["minutes_low"].iloc[i] == pytest.approx(2 ** percentile(lines, 50 * (1 - level)), rel=1e-9)
        assert trend["minutes_high"].iloc[i] == pytest.approx(2 ** percentile(lines, 50 * (1 + level)), rel=1e-9)


def test_a_trend_needs_three_frontier_models_and_says_so():
    upto_2022 = horizons()[pd.to_datetime(horizons()["release_date"]).dt.year <= 2022]
    assert len(frontier("TH1.1", 2019, upto_2022)) == 3
    assert (t.trend_frame(upto_2022, resamples=10).kind == "frontier model").sum() == 3
    assert t.horizon_dates(upto_2022).points == 3
    two = horizons()[pd.to_datetime(horizons()["release_date"]).dt.year <= 2020]
    for call in (lambda: t.trend_frame(two, resamples=10), lambda: t.horizon_dates(two)):
        message = refusal(call)
        assert message.startswith("first_year = 2019 leaves 2 frontier models") and message.endswith("need at least 3")


# -- two points and an outlier -----------------------------------------------------------------------


def test_outlier_frame_and_forecasts_by_hand_since_2023():
    rows = frontier("TH1.1", 2023)
    keys = [r["model_key"] for r in rows]
    k = keys.index("o3_inspect")
    used, later = rows[: k + 1], rows[k + 1:]
    frame = t.outlier_frame(horizons(), first_year=2023)
    assert list(frame.columns) == ["kind", "model", "decimal_year", "minutes"]
    assert frame.index.tolist() == list(range(len(frame)))
    assert frame.loc[frame.kind == "model used", "model"].tolist() == [r["model"] for r in used[:-1]]
    assert frame.loc[frame.kind == "outlier", "model"].tolist() == [used[-1]["model"]]
    assert frame.loc[frame.kind == "later model", "model"].tolist() == [r["model"] for r in later]
    table = t.outlier_forecasts(horizons(), first_year=2023).set_index("line")
    for line, subset in (("last two points", used[-2:]), ("all points", used)):
        xs, vals = [r["decimal_year"] for r in subset], [r["p50_minutes"] for r in subset]
        b, mx, my = plain_fit(xs, vals)
        month = mx + (math.log2(MONTH_MIN) - my) / b
        ends = frame[frame.kind == line]
        assert ends["model"].tolist() == ["", ""]
        assert ends["decimal_year"].tolist() == pytest.approx([xs[0], max(xs[-1], month)], abs=1e-9)
        assert ends["minutes"].tolist() == pytest.approx([2 ** (my + b * (x - mx)) for x in (xs[0], max(xs[-1], month))],
                                                         rel=1e-9)
        assert table.loc[line, "doubling_months"] == pytest.approx(12.0 / b, rel=1e-12)
        assert table.loc[line, "points"] == len(subset)


def test_a_bad_outlier_key_lists_every_model_after_the_first():
    keys = [r["model_key"] for r in frontier("TH1.1", 2023)]
    message = refusal(lambda: t.outlier_forecasts(horizons(), first_year=2023, outlier_key="nope"))
    assert message.startswith("outlier_key must name") and repr(keys[1:]) in message


def test_o3_influence_by_hand_and_the_third_model_may_be_the_point():
    rows = frontier("TH1.1", 2023)
    keys = [r["model_key"] for r in rows]
    k = keys.index("o3_inspect")
    xs, vals = [r["decimal_year"] for r in rows], [r["p50_minutes"] for r in rows]
    frame = t.o3_influence_frame(horizons(), first_year=2023).set_index("context")
    without = [i for i in range(len(rows)) if i != k]
    b0 = plain_fit([xs[i] for i in without], [vals[i] for i in without])[0]
    b1 = plain_fit(xs, vals)[0]
    assert frame.loc["whole series", "change_percent"] == pytest.approx(100 * (b0 / b1 - 1), rel=1e-9)
    third = t.o3_influence_frame(horizons(), model_key=keys[2], first_year=2023).set_index("context")
    message = refusal(lambda: t.o3_influence_frame(horizons(), model_key=keys[1], first_year=2023))
    assert message.startswith("model_key must name") and repr(keys[2:]) in message
    b_before = plain_fit(xs[:2], vals[:2])[0]
    b_after = plain_fit(xs[1:3], vals[1:3])[0]
    assert third.loc["last two points", "change_percent"] == pytest.approx(100 * (b_before / b_after - 1), rel=1e-9)


# -- the backtest -------------------------------------------------------------------------------------


def plain_backtest(xs, values, min_prior):
    rows = []
    for k in range(min_prior, len(xs)):
        b, mx, my = plain_fit(xs[:k], values[:k])
        if b <= 0:
            continue
        rows.append((k, mx + (math.log2(values[k]) - my) / b))
    return rows


def test_a_point_whose_earlier_fit_falls_is_skipped_and_later_points_still_predicted():
    xs, values = [2020.0, 2021.0, 2022.0, 2023.0, 2024.0], [2.0, 1.0, 4.0, 8.0, 32.0]
    frame = t.backtest_errors(xs, values, min_prior=2)
    want = plain_backtest(xs, values, 2)
    assert [k for k, _ in want] == [3, 4]  # point 2's earlier fit falls (2 then 1)
    assert frame["position"].tolist() == [3.0, 4.0]
    assert frame["decimal_year"].tolist() == [2023.0, 2024.0]
    assert frame["predicted_year"].tolist() == pytest.approx([p for _, p in want], abs=1e-9)
    # and a series that never grows has no rows, with the documented float columns
    empty = t.backtest_errors(xs, [32.0, 16.0, 8.0, 4.0, 2.0], min_prior=2)
    assert len(empty) == 0 and (empty.dtypes == float).all()


def test_metr_backtest_by_hand_on_th10_with_five_prior_models():
    rows = frontier("TH1.0", 2019)
    xs, vals = [r["decimal_year"] for r in rows], [r["p50_minutes"] for r in rows]
    frame = t.metr_backtest(horizons(), version="TH1.0", min_prior=5)
    want = plain_backtest(xs, vals, 5)
    assert frame["position"].astype(int).tolist() == [k for k, _ in want]
    assert frame["model_key"].tolist() == [rows[k]["model_key"] for k, _ in want]
    assert frame["model"].tolist() == [rows[k]["model"] for k, _ in want]
    assert frame["error_months"].tolist() == pytest.approx([12 * (p - xs[k]) for k, p in want], abs=1e-9)


def test_metr_backtest_needs_one_model_more_than_min_prior_and_says_so():
    n = len(frontier("TH1.1", 2024))
    message = refusal(lambda: t.metr_backtest(horizons(), first_year=2024, min_prior=n))
    assert message == (f"first_year = 2024 leaves {n} TH1.1 frontier models; min_prior = {n} needs at least {n + 1}")
    assert refusal(lambda: t.metr_backtest(horizons(), min_prior=1)) == "min_prior must be in [2, 100000], got 1"


def test_summarize_backtest_counts_by_hand():
    s = t.summarize_backtest([0.5, -0.5, 6.0, -6.0, 6.5])
    assert (s.ahead, s.behind, s.within_window) == (3, 2, 4)  # default window: 6 months, ends included
    assert t.summarize_backtest([6.0 + 1e-12]).within_window == 1  # the end, up to rounding of 1e-12
    assert refusal(lambda: t.summarize_backtest([])).startswith("error_months must hold at least 1")


def plain_steady(years, b, s, draws, seed, min_prior, records_only=True):
    rng = np.random.default_rng(seed)
    shares, means = [], []
    for _ in range(draws):
        z = rng.standard_normal(len(years)).tolist()
        y = [b * (x - years[0]) + s * zi for x, zi in zip(years, z)]
        keep, best = [], -math.inf
        for i, v in enumerate(y):
            if v > best or not records_only:
                keep.append(i)
            best = max(best, v)
        if len(keep) <= min_prior:
            continue
        xs, vals = [years[i] for i in keep], [2.0 ** y[i] for i in keep]
        errors = [12 * (p - xs[k]) for k, p in plain_backtest(xs, vals, min_prior)]
        if errors:
            shares.append(sum(e > 1e-9 for e in errors) / len(errors))
            means.append(sum(errors) / len(errors))
    return sum(shares) / len(shares), sum(means) / len(means), len(shares)


def test_steady_trend_backtest_defaults_by_hand():
    # defaults: 1000 draws, seed 0, records only, three prior points
    years = [2019.0, 2019.5, 2020.2, 2020.9, 2021.4, 2022.0, 2022.8]
    got = t.steady_trend_backtest(years, doublings_per_year=1.5, scatter_doublings=0.8)
    share, mean, n = plain_steady(years, 1.5, 0.8, 1000, 0, 3)
    assert got.draws == n
    assert got.share_ahead == pytest.approx(share, rel=1e-9)
    assert got.mean_error_months == pytest.approx(mean, rel=1e-6)


def test_steady_trend_backtest_with_two_prior_points_and_sparse_records_by_hand():
    # large scatter: many draws keep two or three records; those with exactly min_prior are skipped
    years = [2019.0, 2019.5, 2020.2, 2020.9, 2021.4]
    got = t.steady_trend_backtest(years, doublings_per_year=0.5, scatter_doublings=3.0, draws=300, seed=4,
                                  min_prior=2)
    share, mean, n = plain_steady(years, 0.5, 3.0, 300, 4, 2)
    assert n < 300 and got.draws == n
    assert got.share_ahead == pytest.approx(share, rel=1e-9)
    assert got.mean_error_months == pytest.approx(mean, rel=1e-6)
    got = t.steady_trend_backtest(years, doublings_per_year=0.5, scatter_doublings=3.0, draws=300, seed=4,
                                  min_prior=3)
    assert got.draws == plain_steady(years, 0.5, 3.0, 300, 4, 3)[2]


def test_steady_trend_backtest_checks_its_years_even_when_no_draw_is_predicted():
    kw = dict(doublings_per_year=1.0, scatter_doublings=0.0, draws=2, min_prior=10)
    assert refusal(lambda: t.steady_trend_backtest([2020.0, 2021.0, 2.0e4], **kw)) .startswith(
        "years must be in [-10000, 10000]")
    assert refusal(lambda: t.steady_trend_backtest([-2.0e4, 2020.0, 2021.0], **kw)).startswith("years must be in")
    assert refusal(lambda: t.steady_trend_backtest([2020.0], **kw)).startswith("years must hold at least 2")
    assert refusal(lambda: t.steady_trend_backtest([2020.0, 2020.0, 2021.0], **kw)) == "years must be strictly increasing"
    assert refusal(lambda: t.steady_trend_backtest([2021.0, 2020.0], **kw)) == "years must be strictly increasing"
    assert refusal(lambda: t.steady_trend_backtest([2020.0, 2021.0], **kw)).startswith("no draw kept enough records")
    assert refusal(lambda: t.steady_trend_backtest([2020.0, 2021.0], **(kw | {"min_prior": 1}))) == \
        "min_prior must be in [2, 100000], got 1"


# -- release-date noise ------------------------------------------------------------------------------


SERIES = ([2019.1, 2019.9, 2021.3, 2022.0, 2023.6, 2024.2], [0.5, 1.1, 3.0, 9.0, 20.0, 70.0])


def test_release_noise_summary_and_grid_defaults_by_hand():
    xs, vals = SERIES
    check_noise(t.release_noise_summary(xs, vals, target=2400.0, sigma_months=4.0), xs, vals, 2400.0, 4.0, 500, 6.0, 0)
    grid = t.release_noise_grid(xs[:3], vals[:3], target=16.0, sigmas_months=[5.0])
    assert grid["series"].tolist() == ["", ""]
    row = grid[grid.n_points == 3].iloc[0]
    ref = plain_noise(xs[:3], vals[:3], 16.0, 5.0, 500, 0)
    assert row.forecast_year_p50 == pytest.approx(percentile(ref["forecasts"], 50), abs=1e-9)
    assert row.chance_within_window == pytest.approx(ref["chance_within_window"])
    grid = t.release_noise_grid(xs[:3], vals[:3], target=16.0, sigmas_months=[5.0], draws=50, window_months=2.0, seed=9)
    row = grid[grid.n_points == 2].iloc[0]
    ref = plain_noise(xs[1:3], vals[1:3], 16.0, 5.0, 50, 9, window_months=2.0)
    assert row.forecast_year_p50 == pytest.approx(percentile(ref["forecasts"], 50), abs=1e-9)
    assert row.chance_within_window == pytest.approx(ref["chance_within_window"])


def test_a_grid_takes_up_to_121_noise_levels():
    sigmas = np.linspace(0, 120, 121)
    assert len(t.release_noise_grid([2020.0, 2021.0], [1.0, 2.0], target=4.0, sigmas_months=sigmas, draws=1)) == 121
    assert refusal(lambda: t.release_noise_grid([2020.0, 2021.0], [1.0, 2.0], target=4.0,
                                                sigmas_months=np.linspace(0, 120, 122), draws=1)) == \
        "sigmas_months must hold at most 121 values, got 122"


def test_forecasts_beyond_thirty_years_are_clipped_to_the_series_own_ends():
    xs, vals = SERIES
    far = t.release_noise_summary(xs, vals, target=2.0**200, sigma_months=1.0, draws=20)
    assert far.forecast_year == far.forecast_year_p05 == pytest.approx(xs[-1] + 30.0)
    near = t.release_noise_summary(xs, vals, target=2.0**-200, sigma_months=1.0, draws=20)
    assert near.forecast_year == near.forecast_year_p95 == pytest.approx(xs[0] - 30.0)
    small = t.release_noise_summary(xs, vals, target=0.25, sigma_months=0.0, draws=2)  # a target below 1 is fine
    b, mx, my = plain_fit(xs, vals)
    assert small.forecast_year == pytest.approx(mx + (-2 - my) / b)


def test_with_no_noise_and_no_window_every_draw_is_on_time():
    xs, vals = SERIES
    assert t.release_noise_summary(xs, vals, target=2400.0, sigma_months=0.0, window_months=0.0,
                                   draws=10).chance_within_window == 1.0


def test_metr_and_moore_noise_wrappers_pass_every_setting_on():
    rows = frontier()
    xs, vals = [r["decimal_year"] for r in rows], [r["p50_minutes"] for r in rows]
    check_noise(t.metr_release_noise(horizons()), xs, vals, WEEK_MIN, 3.0, 500, 6.0, 0)
    rows = frontier("TH1.0", 2022)
    xs, vals = [r["decimal_year"] for r in rows], [r["p50_minutes"] for r in rows]
    got = t.metr_release_noise(horizons(), version="TH1.0", first_year=2022, sigma_months=7.0, n_points=6,
                               horizon_minutes=600.0, draws=60, window_months=2.0, seed=9)
    check_noise(got, xs[-6:], vals[-6:], 600.0, 7.0, 60, 2.0, 9)
    got = t.metr_release_noise(horizons(), first_year=2023, sigma_months=7.0, draws=60)
    rows = frontier("TH1.1", 2023)
    check_noise(got, [r["decimal_year"] for r in rows], [r["p50_minutes"] for r in rows], WEEK_MIN, 7.0, 60, 6.0, 0)
    rows = moore_rows()
    xs, vals = [r["decimal_year"] for r in rows], [r["transistors"] for r in rows]
    check_noise(t.moore_release_noise(moore()), xs, vals, 1e11, 3.0, 500, 6.0, 0)
    wide = t.moore_release_noise(moore(), sigma_months=40.0)  # the default window (6 months) now matters
    assert 0 < wide.chance_within_window < 1
    check_noise(wide, xs, vals, 1e11, 40.0, 500, 6.0, 0)
    rows = moore_rows(1990)
    xs, vals = [r["decimal_year"] for r in rows], [r["transistors"] for r in rows]
    got = t.moore_release_noise(moore(), first_year=1990, sigma_months=7.0, n_points=10, target=5e10, draws=60,
                                window_months=2.0, seed=9)
    check_noise(got, xs[-10:], vals[-10:], 5e10, 7.0, 60, 2.0, 9)


def test_noise_grid_frames_pass_every_setting_on():
    rows = moore_rows()
    xs, vals = [r["decimal_year"] for r in rows], [r["transistors"] for r in rows]
    grid = t.moore_noise_grid_frame(moore())
    assert len(grid) == 13 * (len(xs) - 1) and set(grid.series) == {"Moore's law"}
    row = grid[(grid.n_points == len(xs)) & (grid.sigma_months == 7.0)].iloc[0]
    ref = plain_noise(xs, vals, 1e11, 7.0, 500, 0)
    assert row.forecast_year_p50 == pytest.approx(percentile(ref["forecasts"], 50), abs=1e-9)
    assert row.chance_within_window == pytest.approx(ref["chance_within_window"])
    grid = t.moore_noise_grid_frame(moore(), first_year=1990, target=5e10, sigmas_months=[4.0], draws=40,
                                    window_months=3.0, seed=5)
    rows = moore_rows(1990)
    xs, vals = [r["decimal_year"] for r in rows], [r["transistors"] for r in rows]
    row = grid[grid.n_points == 5].iloc[0]
    ref = plain_noise(xs[-5:], vals[-5:], 5e10, 4.0, 40, 5, window_months=3.0)
    assert row.forecast_year_p50 == pytest.approx(percentile(ref["forecasts"], 50), abs=1e-9)
    assert row.chance_within_window == pytest.approx(ref["chance_within_window"])
    rows = frontier()
    xs, vals = [r["decimal_year"] for r in rows], [r["p50_minutes"] for r in rows]
    grid = t.noise_grid_frame(horizons())
    row = grid[(grid.n_points == len(xs)) & (grid.sigma_months == 5.0)].iloc[0]
    ref = plain_noise(xs, vals, WEEK_MIN, 5.0, 500, 0)
    assert row.chance_within_window == pytest.approx(ref["chance_within_window"])
    rows = frontier("TH1.0", 2022)
    xs, vals = [r["decimal_year"] for r in rows], [r["p50_minutes"] for r in rows]
    grid = t.noise_grid_frame(horizons(), version="TH1.0", first_year=2022, horizon_minutes=600.0,
                              sigmas_months=[4.0], draws=40, window_months=3.0, seed=5)
    assert set(grid.series) == {"METR TH1.0 frontier"} and len(grid) == len(xs) - 1
    row = grid[grid.n_points == 5].iloc[0]
    ref = plain_noise(xs[-5:], vals[-5:], 600.0, 4.0, 40, 5, window_months=3.0)
    assert row.forecast_year_p50 == pytest.approx(percentile(ref["forecasts"], 50), abs=1e-9)
    assert row.chance_within_window == pytest.approx(ref["chance_within_window"])


def histogram_by_hand(draws, f0, window):
    width, k = 0.25, 12
    counts = [0] * (2 * k)
    for b, f in draws:
        i = 2 * k - 1 if b <= 0 else min(max(math.floor((f - (f0 - k * width)) / width), 0), 2 * k - 1)
        counts[i] += 1
    kinds = ["within window" if abs((j + 0.5 - k) * width) <= window / 12 else "outside window" for j in range(2 * k)]
    return [c / len(draws) for c in counts], kinds


@pytest.mark.parametrize("kwargs", [
    dict(),  # defaults: TH1.1 since 2019, sigma 3 months, a work-week, 500 draws, window 6 months, seed 0
    dict(version="TH1.0", first_year=2020, sigma_months=6.0, n_points=3, horizon_minutes=0.1, draws=400,
         window_months=9.0, seed=2),  # wide noise: draws below, above, slow and not growing
    dict(window_months=1.5),  # the window's end on the two middle bins' centres: they are within
    dict(first_year=2023, sigma_months=6.0),
])
def test_the_forecast_histogram_by_hand(kwargs):
    version, first_year = kwargs.get("version", "TH1.1"), kwargs.get("first_year", 2019)
    rows = frontier(version, first_year)[-kwargs.get("n_points", 100):]
    xs, vals = [r["decimal_year"] for r in rows], [r["p50_minutes"] for r in rows]
    target, sigma = kwargs.get("horizon_minutes", WEEK_MIN), kwargs.get("sigma_months", 3.0)
    draws = plain_noise_draws(xs, vals, target, sigma, kwargs.get("draws", 500), kwargs.get("seed", 0))
    b, mx, my = plain_fit(xs, vals)
    f0 = mx + (math.log2(target) - my) / b
    if "draws" in kwargs:  # the wide setting reaches every special case
        assert any(b_ <= 0 for b_, _ in draws) and any(0 < b_ <= 1 for b_, _ in draws)
        assert any(f < f0 - 3 for b_, f in draws if b_ > 0) and any(f > f0 + 3 for b_, f in draws if b_ > 0)
    shares, kinds = histogram_by_hand(draws, f0, kwargs.get("window_months", 6.0))
    frame = t.noise_forecast_frame(horizons(), **kwargs)
    assert frame["share"].tolist() == pytest.approx(shares, abs=1e-12)
    assert frame["kind"].tolist() == kinds
    assert frame["bin_start"].iloc[0] == pytest.approx(f0 - 3.0, abs=1e-9)


# -- Moore's law side by side, and its windows --------------------------------------------------------


def test_comparison_frame_by_hand_on_th10_since_2023():
    frame = t.comparison_frame(horizons(), moore(), version="TH1.0", first_year=2023, moore_first_year=1990)
    assert frame.index.tolist() == list(range(len(frame)))
    assert list(frame.columns) == ["series", "label", "decimal_year", "years_since_first", "doubling_times_elapsed",
                                   "doublings", "trend_doublings", "months_off_trend"]
    metr = frontier("TH1.0", 2023)
    mrows = moore_rows(1990)
    assert frame["label"].tolist() == [r["model"] for r in metr] + [str(r["year"]) for r in mrows]
    for series, rows, key in (("METR TH1.0 frontier", metr, "p50_minutes"), ("Moore's law", mrows, "transistors")):
        part = frame[frame.series == series]
        xs, vals = [r["decimal_year"] for r in rows], [r[key] for r in rows]
        b, mx, my = plain_fit(xs, vals)
        start = my + b * (xs[0] - mx)
        assert part["decimal_year"].tolist() == xs
        assert part["doublings"].tolist() == pytest.approx([math.log2(v) - start for v in vals], abs=1e-9)


def test_moore_window_frame_by_hand():
    years = [r["year"] for r in moore_rows()]
    for span in (None, 10, 3):
        frame = t.moore_window_frame(moore(), span_years=span)
        def window(y):
            return [r for r in moore_rows(y) if span is None or r["year"] < y + span]
        firsts = [y for y in years if len(window(y)) >= 3]
        assert frame["first_year"].tolist() == firsts
        for first, row in zip(firsts, frame.itertuples()):
            rows = window(first)
            assert row.last_year == rows[-1]["year"]
            assert row.points == len(rows)
            b = plain_fit([r["decimal_year"] for r in rows], [r["transistors"] for r in rows])[0]
            assert row.doubling_years == pytest.approx(1 / b, rel=1e-9)
    empty = t.moore_window_frame(moore(), first_years=[])
    assert list(empty.columns) == ["first_year", "last_year", "points", "doubling_years"] and len(empty) == 0
    last3 = years[-3]
    assert t.moore_window_frame(moore(), first_years=[last3])["points"].tolist() == [3.0]
    assert t.moore_trend_summary(moore(), first_year=last3, resamples=10).points == 3
    assert refusal(lambda: t.moore_window_frame(moore(), first_years=[1899])).startswith("first_year must be")


# -- the window and the two suites -------------------------------------------------------------------


def test_horizon_dates_and_the_claims_model_by_hand():
    for suite, version in enumerate(("TH1.0", "TH1.1")):
        for year in (2019, 2023):
            rows = frontier(version, year)
            b, mx, my = plain_fit([r["decimal_year"] for r in rows], [r["p50_minutes"] for r in rows])
            dates = t.work_horizon_dates(suite, year)
            assert dates.work_week_year == pytest.approx(mx + (math.log2(WEEK_MIN) - my) / b, abs=1e-9)
            assert dates.points == len(rows)
            assert t.horizon_dates(horizons(), version=version, first_year=year) == dates
    rows = frontier("TH1.1", 2019)
    assert t.work_horizon_dates().points == len(rows)
    assert refusal(lambda: t.work_horizon_dates(-1)).startswith("suite must be in [0, 1]")
    assert refusal(lambda: t.work_horizon_dates(1, 2101)).startswith("first_year must be")


def test_compare_frontiers_by_hand_since_2024():
    a = [r["model"] for r in frontier("TH1.0", 2024)]
    b = [r["model"] for r in frontier("TH1.1", 2024)]
    c = t.compare_frontiers(horizons(), first_year=2024)
    assert (c.count_10, c.count_11) == (len(a), len(b))
    assert c.shared == tuple(n for n in b if n in a)
    assert c.only_10 == tuple(n for n in a if n not in b)
    assert c.only_11 == tuple(n for n in b if n not in a) and c.only_11


# -- ranges: accepted to the documented ends, refused beyond, named ------------------------------------


def metr(func):
    @functools.wraps(func)
    def call(**kwargs):
        return func(horizons(), **kwargs)
    return call


def on_moore(func):
    @functools.wraps(func)
    def call(**kwargs):
        return func(moore(), **kwargs)
    return call


def reaching(value):
    return t.fit_exponential_trend([2020.0, 2021.0], [1.0, 2.0]).year_reaching(value)


YEARS, VALUES = [2020.0, 2021.0, 2022.0, 2023.0], [1.0, 2.0, 4.0, 8.0]
EDGES = [
    (t.backtest_errors, dict(years=YEARS, values=VALUES), "min_prior", 2, 3, False, False, True),
    (metr(t.metr_backtest), dict(), "min_prior", 2, 100_000, False, False, True),
    (t.steady_trend_backtest, dict(years=YEARS, doublings_per_year=1.0, scatter_doublings=0.5, draws=3),
     "min_prior", 2, 100_000, False, False, True),
    (metr(t.trend_frame), dict(resamples=10), "grid_points", 2, 201, False, False, True),
    (metr(t.trend_frame), dict(), "resamples", 10, 20_000, False, False, True),
    (metr(t.trend_frame), dict(resamples=10), "level", 0.0, 1.0, True, True, False),
    (metr(t.trend_frame), dict(resamples=10), "seed", 0, 2**32 - 1, False, False, True),
    (on_moore(t.moore_trend_summary), dict(resamples=10), "first_year", 1900, 2100, False, False, True),
    (on_moore(t.moore_window_frame), dict(), "span_years", 2, 200, False, False, True),
    (metr(t.noise_grid_frame), dict(sigmas_months=[0.0], draws=2), "horizon_minutes", 1e-3, 1e9, False, False, False),
    (t.work_horizon_dates, dict(), "suite", 0, 1, False, False, True),
    (lambda value: reaching(value), dict(), "value", 0.0, None, True, False, False),
]
test_a_parameter_is_accepted_to_its_documented_ends_and_refused_beyond = edges_test(EDGES)
