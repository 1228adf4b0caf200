"""Independent oracles for the survival frames (issue #24): every curve row's grid index is its
position, and its grid value is the log-spaced (or linear) value at that index computed here in
plain Python, as the browser rebuilds it; limits and closed forms checked by hand."""
from __future__ import annotations

import math

import numpy as np
import pytest

from essays.models import survival_frames as frames
from essays.models.survival import DAY, YEAR

POINTS = [2, 3, 7, 61, 200]


def log_grid_value(lo: float, hi: float, n: int, i: int) -> float:
    return 10 ** (math.log10(lo) + i * (math.log10(hi) - math.log10(lo)) / (n - 1))


@pytest.mark.parametrize("n", POINTS)
def test_overhead_curve_rows_carry_their_grid_position_and_value(n):
    df = frames.overhead_frame(points=n)
    curve = df[df.series == "curve"]
    assert curve.point.tolist() == list(range(n))
    assert (df[df.series != "curve"].point == -1).all()
    lo, hi = 1e-16, 0.5  # the share axis the chart declares
    for i, share in zip(curve.point.astype(int), curve.share):
        assert share == pytest.approx(log_grid_value(lo, hi, n, i), rel=1e-9)


@pytest.mark.parametrize("n", POINTS)
def test_earth_bound_curve_rows_carry_their_grid_position_and_value(n):
    df = frames.earth_bound_frame(points=n)
    curve = df[df.series == "curve"]
    assert curve.point.tolist() == list(range(n))
    assert (df[df.series != "curve"].point == -1).all()
    lo, hi = 10 * 60.0, 100 * 365.25 * 86400.0  # ten minutes to a century, in seconds
    for i, t in zip(curve.point.astype(int), curve.doubling_time_seconds):
        assert t == pytest.approx(log_grid_value(lo, hi, n, i), rel=1e-9)


@pytest.mark.parametrize("n", POINTS)
def test_two_phase_grid_rows_carry_their_grid_position_and_value(n):
    df = frames.two_phase_frame(points=n)
    grid = df[df.kind == "grid"]
    assert grid.point.tolist() == list(range(n))
    assert df[df.kind == "kink"].point.tolist() == [-1, -2]
    for i, u in zip(grid.point.astype(int), grid.u):
        assert u == pytest.approx(28.0 * i / (n - 1), abs=1e-12)


def test_setting_aside_half_costs_one_doubling_and_a_share_of_nothing_costs_nothing():
    # T log2(1 / (1 - f)): f = 1/2 is one doubling time, f = 3/4 two
    df = frames.overhead_frame(doubling_time_days=10.0, elapsed_years=1.0, points=2)
    top = df[(df.series == "curve") & (df.point == 1)].iloc[0]
    assert top.share == pytest.approx(0.5)
    assert top.delay_doublings == pytest.approx(1.0)
    assert top.delay_seconds == pytest.approx(10.0 * DAY)
    # paid as a flow for t: the economy is 2**(-f t / T) the size; lag f t
    assert top.relative_size == pytest.approx(2 ** (-0.5 * YEAR / (10 * DAY)))
    assert top.lag_seconds == pytest.approx(0.5 * YEAR)
    # three quarters set aside: two doubling times
    df = frames.overhead_frame(doubling_time_days=10.0, elapsed_years=1.0, points=3)
    assert frames.setaside_doublings(0.75) == pytest.approx(2.0)
    row = df.iloc[2]
    assert row.delay_seconds == pytest.approx(row.delay_doublings * 10.0 * DAY)
    assert row.relative_size == pytest.approx(2 ** (-row.share * YEAR / (10 * DAY)))
    assert row.lag_seconds == pytest.approx(row.share * YEAR)


def test_the_frames_name_their_rows_as_the_charts_filter_them():
    df = frames.earth_bound_frame(points=3)
    assert df.series.tolist() == ["curve"] * 3 + ["reference"] * 5 + ["chosen"]
    assert df.label.tolist() == ["", "", "", "E. coli", "replicating nanotech", "robot factories",
                                 "explosive growth (30%/yr)", "world economy (3%/yr)", ""]
    df = frames.overhead_frame(points=2)
    assert df.series.tolist() == ["curve", "curve", "sunlight on Earth", "the Sun's output"]
    df = frames.two_phase_frame(points=2)
    assert df.kind.tolist() == ["grid", "grid", "kink", "kink"]
    # the reference doubling times: E. coli's 18.1 minutes, a week, a year, and ln 2 / ln(1 + g)
    refs = frames.earth_bound_frame(points=2)
    refs = dict(zip(refs.label, refs.doubling_time_seconds))
    assert refs["E. coli"] == pytest.approx(18.1 * 60)
    assert refs["replicating nanotech"] == pytest.approx(7 * DAY)
    assert refs["robot factories"] == pytest.approx(YEAR)
    assert refs["explosive growth (30%/yr)"] == pytest.approx(YEAR * math.log(2) / math.log(1.3))
    assert refs["world economy (3%/yr)"] == pytest.approx(YEAR * 23.449, rel=1e-4)  # 3%/yr doubles in 23.45 years


def test_the_earth_bound_is_log2_of_one_over_the_usable_fraction():
    # x = 1/8 of Earth: three doublings, each the chosen doubling time
    df = frames.earth_bound_frame(fraction=0.125, doubling_time_days=2.0, points=2)
    assert np.allclose(df.delay_doublings, 3.0)
    chosen = df[df.series == "chosen"].iloc[0]
    assert chosen.doubling_time_seconds == pytest.approx(2 * DAY)
    assert chosen.delay_seconds == pytest.approx(6 * DAY)
    assert np.allclose(df.delay_seconds, 3.0 * df.doubling_time_seconds)


def test_the_two_phase_lag_by_hand():
    # x = 1/4: the cap binds after log2(1 / x) = 2 doublings... of the capped economy; with no seed
    # off Earth the lag grows one for one with the doublings past the cap, up to the bound of 2
    df = frames.two_phase_frame(fraction=0.25, doubling_time_days=1.0, seed=0.0, offworld_ratio=1.0, points=29)
    grid = df[df.kind == "grid"]
    n1 = df.cap_binds.iloc[0]
    assert df.bound.iloc[0] == pytest.approx(2.0)
    expected = [min(max(u - n1, 0.0), 2.0) for u in grid.u]
    np.testing.assert_allclose(grid.lag, expected, atol=1e-12)
    np.testing.assert_allclose(grid.lag_seconds, np.asarray(expected) * DAY, atol=1e-6)
    # a seed that is all of the economy off Earth growing as fast: no lag at all
    df = frames.two_phase_frame(fraction=0.25, doubling_time_days=1.0, seed=1.0, offworld_ratio=1.0, points=29)
    np.testing.assert_allclose(df.seed_lag, 0.0, atol=1e-9)
    np.testing.assert_allclose(df.lag, 0.0, atol=1e-9)
