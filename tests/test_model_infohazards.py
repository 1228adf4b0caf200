"""Tests of the two-track infohazard danger-window model (source lines 30-32).

Reference values are hand-derived from the closed forms in the module docstring with the
chapter's defaults: both tracks doubling yearly (g = ln 2), discovery threshold D = 10 and care
threshold K = 1000 times today's level of each track, a 10x jump at year 3.
"""
import doctest
import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from essays.models import infohazards as m
from essays.models.infohazards import (
    advantage_map_frame,
    exposure,
    landings,
    late_vs_early,
    share_removed,
    timing_frame,
    trajectory_frame,
    window,
)

LN2 = math.log(2.0)
DEFAULT = (LN2, LN2, 10.0, 1000.0)  # g_A, g_C, D, K

growths = st.floats(0.05, 3.0)
thresholds = st.floats(1.0, 1e4)
jumps = st.floats(1.0, 1e4)
jump_times = st.floats(0.0, 40.0)
shapes = st.sampled_from([0, 1, 2])
fractions = st.floats(0.0, 1.0)


def steady(ga, gk, d, k):
    """The no-jump crossings, computed directly: ln D / g_A and ln K / g_C."""
    return math.log(d) / ga, math.log(k) / gk


def brute_force_exposure(ga, gk, d, k, j, tj, shape, cells=100_000):
    """Midpoint-rule integral over time of the rate wherever A(t) >= D and C(t) < K, from the
    two tracks' values themselves (not the window function). The integrand is piecewise linear
    with at most three jumps (window opens, jump, window closes): each off by at most one cell
    times the largest rate."""
    hi = max(steady(ga, gk, d, k)) + 1.0
    h = hi / cells
    t = h * (np.arange(cells) + 0.5)
    boost = np.where(t >= tj, j, 1.0)
    ability, care = np.exp(ga * t) * boost, np.exp(gk * t) * boost
    inside = (ability >= d) & (care < k)
    rate = [np.log(np.maximum(ability, d) / d), np.ones_like(t), np.log(k / np.minimum(care, k))][shape]
    top = max(float(rate[inside].max()) if inside.any() else 0.0, 1.0)
    return float((rate * inside).sum() * h), 4 * h * top


# --- the window -----------------------------------------------------------------------------------


def test_default_window_without_jump_runs_from_year_3_32_to_9_97():
    start, end, width = window(*DEFAULT)
    assert start == pytest.approx(math.log2(10), rel=1e-12)
    assert end == pytest.approx(math.log2(1000), rel=1e-12)
    assert width == pytest.approx(math.log2(100), rel=1e-12)


def test_default_tenfold_jump_at_year_three_opens_the_window_at_once_and_closes_it_at_6_64():
    # Discovery 8 -> 80 >= 10 at year 3; care 8 -> 80, then 80 * 2**(t - 3) = 1000 at t = log2(100).
    assert window(*DEFAULT, 10, 3) == pytest.approx((3.0, math.log2(100), math.log2(100) - 3))


@settings(max_examples=50, deadline=None)
@given(growths, growths, thresholds, thresholds)
def test_without_a_jump_the_window_is_the_gap_between_the_two_crossings(ga, gk, d, k):
    a, b = steady(ga, gk, d, k)
    assert window(ga, gk, d, k) == pytest.approx((a, b, max(0.0, b - a)), rel=1e-12, abs=1e-12)


@settings(max_examples=50, deadline=None)
@given(growths, growths, thresholds, thresholds, jumps, fractions)
def test_a_jump_inside_the_window_never_widens_it(ga, gk, d, k, j, frac):
    a, b = steady(ga, gk, d, k)
    assume(b > a)
    tj = a + frac * (b - a)
    assume(tj > a)
    assert window(ga, gk, d, k, j, tj).width <= (b - a) * (1 + 1e-12)


@settings(max_examples=50, deadline=None)
@given(growths, growths, thresholds, thresholds, jumps, jump_times)
def test_a_jump_widens_the_window_only_if_it_comes_first_and_discovery_grows_slower(ga, gk, d, k, j, tj):
    # The jump multiplies both tracks by J: in calendar time it advances the slower track more.
    a, b = steady(ga, gk, d, k)
    if window(ga, gk, d, k, j, tj).width > max(0.0, b - a) * (1 + 1e-9) + 1e-12:
        assert ga < gk and tj < a


def test_a_jump_can_open_a_window_where_care_would_have_come_first():
    # Discovery (g_A = 0.2) needs ln 10 / 0.2 = 11.5 years, care (g_C = 1) ln 1000 = 6.9: no window.
    # A 100x jump at year 1 lifts discovery to 100 * e**0.2 > 10 at once but care only to
    # 100 * e**1 = 272, which reaches 1000 at year ln(10) = 2.3: a window from year 1 to 2.3.
    assert window(0.2, 1.0, 10, 1000).width == 0.0
    assert window(0.2, 1.0, 10, 1000, 100, 1.0) == pytest.approx((1.0, math.log(10), math.log(10) - 1))


# --- exposure -------------------------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(growths, growths, thresholds, thresholds)
def test_without_a_jump_exposure_is_the_triangle_or_the_width(ga, gk, d, k):
    a, b = steady(ga, gk, d, k)
    w = max(0.0, b - a)
    expected = [ga * w * w / 2, w, gk * w * w / 2]
    for shape in range(3):
        assert exposure(ga, gk, d, k, shape=shape) == pytest.approx(expected[shape], rel=1e-9, abs=1e-12)


def test_default_exposures_for_the_three_shapes():
    w = math.log2(100)
    assert exposure(*DEFAULT) == pytest.approx(math.log(100) ** 2 / (2 * LN2), rel=1e-12)
    assert exposure(*DEFAULT, shape=1) == pytest.approx(w, rel=1e-12)
    # With the jump, rising: the triangle up to ln 8 is skipped ((ln 100)^2 - (ln 8)^2) / (2 ln 2).
    assert exposure(*DEFAULT, 10, 3) == pytest.approx((math.log(100) ** 2 - math.log(8) ** 2) / (2 * LN2))


@settings(max_examples=40, deadline=None)
@given(growths, growths, st.floats(1.0, 1000.0), st.floats(1.0, 1000.0), st.floats(1.0, 1000.0), jump_times, shapes)
def test_exposure_equals_a_brute_force_integral_of_the_rate_over_both_tracks(ga, gk, d, k, j, tj, shape):
    numeric, bound = brute_force_exposure(ga, gk, d, k, j, tj, shape)
    assert exposure(ga, gk, d, k, j, tj, shape) == pytest.approx(numeric, rel=1e-6, abs=bound + 1e-9)


@settings(max_examples=50, deadline=None)
@given(growths, growths, thresholds, thresholds, jumps, jump_times, shapes, st.floats(0.0, 1.0))
def test_exposure_is_non_negative_and_proportional_to_salience(ga, gk, d, k, j, tj, shape, s):
    full = exposure(ga, gk, d, k, j, tj, shape)
    assert full >= 0.0
    assert exposure(ga, gk, d, k, j, tj, shape, s) == pytest.approx(s * full, rel=1e-12, abs=1e-15)


# --- where the jump lands ---------------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(growths, growths, thresholds, thresholds, jumps, fractions, fractions)
def test_with_a_flat_rate_where_the_jump_lands_in_the_window_is_irrelevant(ga, gk, d, k, j, f1, f2):
    early, late = landings(ga, gk, d, k, j)
    t1, t2 = early + f1 * (late - early), early + f2 * (late - early)
    assert exposure(ga, gk, d, k, j, t1, 1) == pytest.approx(exposure(ga, gk, d, k, j, t2, 1), rel=1e-9, abs=1e-12)


@settings(max_examples=50, deadline=None)
@given(growths, growths, st.floats(1.0, 100.0), st.floats(1.01, 100.0), st.floats(0.01, 5.0), fractions, fractions)
def test_in_the_window_exposure_falls_by_ln_j_per_year_of_delay_if_rising_and_rises_if_falling(ga, gk, d, j, room, f1,
                                                                                                f2):
    # K chosen so that the late jump comes ``room`` years after the early one.
    log_k = math.log(j) + gk * (math.log(d) / ga + room)
    assume(log_k <= math.log(m.THRESHOLD_RANGE[1]))
    k = math.exp(log_k)
    early, late = landings(ga, gk, d, k, j)
    assert late - early == pytest.approx(room, rel=1e-6)
    t1, t2 = early + f1 * (late - early), early + f2 * (late - early)
    for shape, slope in ((0, -math.log(j)), (2, math.log(j))):
        diff = exposure(ga, gk, d, k, j, t2, shape) - exposure(ga, gk, d, k, j, t1, shape)
        assert diff == pytest.approx(slope * (t2 - t1), rel=1e-6, abs=1e-8)


@settings(max_examples=50, deadline=None)
@given(shapes, growths, growths, thresholds, thresholds, jumps)
def test_the_crux_closed_form_equals_the_two_jumps_computed_separately(shape, ga, gk, d, k, j):
    # Oracle: the share removed by each jump, from the general exposure integral.
    early, late = landings(ga, gk, d, k, j)
    result = late_vs_early(shape, ga, gk, d, k, j)
    assert result.early_cut == pytest.approx(share_removed(ga, gk, d, k, j, early, shape))
    assert result.late_advantage == pytest.approx(result.late_cut - result.early_cut, abs=1e-7)


@settings(max_examples=50, deadline=None)
@given(growths, growths, thresholds, thresholds, st.floats(1.01, 1e4))
def test_the_late_jump_wins_only_with_a_rising_rate_and_room_to_choose(ga, gk, d, k, j):
    a, b = steady(ga, gk, d, k)
    room = (math.log(k) - math.log(j)) / gk - a  # years between the early and the late jump
    for shape in range(3):
        wins = late_vs_early(shape, ga, gk, d, k, j).late_advantage > 0
        assert wins == (shape == 0 and room > 1e-9 and b > a) or abs(room) < 1e-9


def test_default_crux_late_removes_75_percent_early_25_for_a_rising_rate():
    # Early: rate ln(A/D) raised by ln 10 for the rest of a 3.32-year window; late: only the top
    # ln 10 of the triangle remains. Shares of (ln 100)^2 / 2 ln 2: 1 - 3/4 and 1 - 1/4.
    assert late_vs_early(0, LN2, LN2) == pytest.approx((25.0, 75.0, 50.0))
    assert late_vs_early(1, LN2, LN2) == pytest.approx((50.0, 50.0, 0.0))
    assert late_vs_early(2, LN2, LN2) == pytest.approx((75.0, 25.0, -50.0))


def test_the_crux_fails_once_care_grows_twice_as_fast_as_discovery():
    # Holds iff (ln K - ln J) / g_C > ln D / g_A, i.e. g_C < 2 g_A at the defaults.
    assert late_vs_early(0, 0.5, 0.99).late_advantage > 0
    assert late_vs_early(0, 0.5, 1.0).late_advantage == pytest.approx(0.0, abs=1e-9)
    assert late_vs_early(0, 0.5, 1.01).late_advantage == 0.0


# --- frames ---------------------------------------------------------------------------------------------


def test_trajectory_frame_is_tidy_and_steps_at_the_jump():
    df = trajectory_frame()
    assert list(df.columns) == ["series", "kind", "t", "order", "level", "window_start", "window_end",
                                "window_width", "steady_start", "steady_end"]
    assert not df.isna().any().any() and len(df) == 2 * 123
    for series, threshold in (("discovery", 10.0), ("care", 1000.0)):
        part = df[df["series"] == series]
        pre, post = (part[part["kind"] == k]["level"].item() for k in ("pre", "post"))
        assert pre == pytest.approx(8 / threshold) and post == pytest.approx(80 / threshold)
        assert part["order"].is_unique
    assert df["window_width"].iloc[0] == pytest.approx(math.log2(100) - 3)


def test_timing_frame_matches_share_removed_and_its_flat_plateau_is_50_percent():
    df = timing_frame()
    assert len(df) == 3 * 97 and list(df["shape"].unique()) == list(m.SHAPES)
    row = df.iloc[40]
    assert row["removed"] == pytest.approx(share_removed(*DEFAULT, 10.0, row["jump_time"], 0))
    flat = df[(df["shape"] == "flat") & df["jump_time"].between(3.5, 6.5)]
    assert flat["removed"].to_numpy() == pytest.approx(50.0)  # ln 10 / ln 2 of a log2(100)-year window


def test_advantage_map_frame_has_one_row_per_cell():
    df = advantage_map_frame(0)
    assert len(df) == 196 and set(df.columns) == {"discovery_growth", "care_growth", "late_advantage", "window"}
    assert (advantage_map_frame(1)["late_advantage"] == 0).all()
    assert (advantage_map_frame(2)["late_advantage"] <= 0).all()


def test_docstring_examples_pass():
    assert doctest.testmod(m).failed == 0


# --- bad input ------------------------------------------------------------------------------------------

GOOD = dict(discovery_growth=LN2, care_growth=LN2, discovery_threshold=10.0, care_threshold=1000.0, jump=10.0,
            jump_time=3.0)
BAD = {
    "discovery_growth": [float("nan"), float("inf"), 0.0, -0.5, 6.0, "0.7", None, True],
    "care_growth": [float("nan"), -1.0, 0.0, 6.0, "0.7", None],
    "discovery_threshold": [float("nan"), 0.5, 0.0, 1e7, "10", None],
    "care_threshold": [float("inf"), 0.5, -1.0, 1e7, "1000", None],
    "jump": [float("nan"), 0.5, 0.0, 1e7, "10", None],
    "jump_time": [float("nan"), -1.0, 1001.0, "3", None],
}
CASES = [(name, bad) for name, values in BAD.items() for bad in values]


@pytest.mark.parametrize("fn", [window, exposure, share_removed, trajectory_frame])
@pytest.mark.parametrize("name,bad", CASES, ids=[f"{n}={b!r}" for n, b in CASES])
def test_bad_input_raises_a_value_error_naming_the_parameter(fn, name, bad):
    with pytest.raises(ValueError, match=rf"^{name}\b"):
        fn(**{**GOOD, name: bad})


@pytest.mark.parametrize("bad", [-1, 3, 1.5, "rising", None, float("nan")])
def test_bad_shape_raises_a_value_error_naming_it(bad):
    with pytest.raises(ValueError, match="shape"):
        exposure(*DEFAULT, shape=bad)
    with pytest.raises(ValueError, match="shape"):
        late_vs_early(bad, LN2, LN2)


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan"), "broad"])
def test_bad_salience_raises_a_value_error_naming_it(bad):
    with pytest.raises(ValueError, match="salience"):
        exposure(*DEFAULT, salience=bad)


@pytest.mark.parametrize("kwargs,name", [({"horizon": 0.5}, "horizon"), ({"points": 1}, "points"),
                                         ({"points": 2.5}, "points")])
def test_bad_frame_grids_raise(kwargs, name):
    with pytest.raises(ValueError, match=rf"^{name}\b"):
        trajectory_frame(**kwargs)
    with pytest.raises(ValueError, match=rf"^{name}\b"):
        timing_frame(**kwargs)
