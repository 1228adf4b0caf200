"""Tests of the infohazard danger-window model (source lines 30-32).

Reference values are hand-derived from the closed forms in the module docstring, with the
chapter's defaults: C0 = 1, doubling yearly (g = ln 2), D = 10, K = 1000, a 10x jump at year 3.
"""
import doctest
import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from essays.models import infohazards as m
from essays.models.infohazards import (
    competence,
    exposure,
    exposure_by_jump_frame,
    jump_past_care,
    trajectory_frame,
    window,
)

LN2 = math.log(2.0)
DEFAULT = (1.0, LN2, 10.0, 1000.0)  # C0, g, D, K

# A named vocabulary of moderate parameter values (kept away from the range edges so that the
# brute-force integral below stays cheap and accurate).
start_competences = st.floats(0.01, 100.0)
growth_rates = st.floats(0.05, 3.0)
discovery_thresholds = st.floats(0.1, 1000.0)
threshold_ratios = st.floats(1.01, 1e4)  # K / D
jumps = st.floats(1.0, 1e4)
jump_times = st.floats(0.0, 30.0)
saliences = st.floats(0.0, 1.0)


def pre_jump_crossing(threshold, c0, g):
    """When the no-jump trajectory C0 exp(g t) reaches ``threshold``."""
    return math.log(threshold / c0) / g


def brute_force_exposure(c0, g, d, k, j, tj, salience, cells=200_000):
    """Midpoint-rule integral of salience * ln(C/D) * [D <= C < K] over all time.

    The integrand is zero before a_D - ln(J)/g (C < D even with the jump) and after a_K (C >= K
    even without it). It is linear in t between its jumps (at entering D, at t_J, at leaving K),
    so the midpoint rule is exact except in the three cells holding a jump, each off by at most
    cell width * ln(K/D) * salience.
    """
    lo = pre_jump_crossing(d, c0, g) - math.log(j) / g
    hi = pre_jump_crossing(k, c0, g)
    h = (hi - lo) / cells
    t = lo + h * (np.arange(cells) + 0.5)
    c = competence(t, c0, g, j, tj)
    rate = np.where((c >= d) & (c < k), np.log(np.maximum(c, d) / d), 0.0)
    bound = 3 * h * math.log(k / d) * salience
    return salience * rate.sum() * h, bound


# --- the window ---------------------------------------------------------------------------------


def test_default_window_without_jump_is_log_hundred_over_log_two_years():
    # Hand-derived: D reached at ln(10)/ln(2) = 3.32 years, K at ln(1000)/ln(2) = 9.97 years.
    start, end, width = window(*DEFAULT)
    assert start == pytest.approx(math.log(10) / LN2, rel=1e-12)
    assert end == pytest.approx(math.log(1000) / LN2, rel=1e-12)
    assert width == pytest.approx(math.log(100) / LN2, rel=1e-12)
    assert width == pytest.approx(6.64, abs=0.005)


def test_default_tenfold_jump_at_year_three_starts_window_at_once_and_ends_it_at_6_64_years():
    # C(3-) = 8 < D, C(3) = 80 >= D; after the jump C = 10 * 2**t reaches 1000 at t = log2(100).
    start, end, width = window(*DEFAULT, jump=10, jump_time=3)
    assert start == 3.0
    assert end == pytest.approx(math.log2(100), rel=1e-12)
    assert width == pytest.approx(math.log2(100) - 3, rel=1e-12)


@settings(max_examples=200, deadline=None)
@given(start_competences, growth_rates, discovery_thresholds, threshold_ratios, jump_times)
def test_without_a_jump_the_window_is_ln_k_over_d_divided_by_g(c0, g, d, ratio, tj):
    k = d * ratio
    start, end, width = window(c0, g, d, k, 1.0, tj)
    assert start == pytest.approx(math.log(d / c0) / g, rel=1e-9, abs=1e-9)
    assert end == pytest.approx(math.log(k / c0) / g, rel=1e-9, abs=1e-9)
    assert width == pytest.approx(math.log(ratio) / g, rel=1e-9)


@settings(max_examples=200, deadline=None)
@given(start_competences, growth_rates, discovery_thresholds, threshold_ratios, jumps, jump_times)
def test_a_jump_never_widens_the_window_nor_moves_its_start_later(c0, g, d, ratio, j, tj):
    k = d * ratio
    start0, end0, width0 = window(c0, g, d, k)
    start, end, width = window(c0, g, d, k, j, tj)
    assert 0.0 <= width <= width0 * (1 + 1e-12)
    assert start <= start0 + 1e-9 and end <= end0 + 1e-9
    assert start <= end


@settings(max_examples=200, deadline=None)
@given(start_competences, growth_rates, discovery_thresholds, threshold_ratios, jumps, st.floats(0.0, 1.0))
def test_a_jump_inside_the_window_shortens_it_by_ln_j_over_g_capped_at_the_jump(c0, g, d, ratio, j, frac):
    k = d * ratio
    a_d, a_k = pre_jump_crossing(d, c0, g), pre_jump_crossing(k, c0, g)
    tj = a_d + frac * (a_k - a_d)
    assume(tj >= 0.0 and tj > a_d)
    start, end, width = window(c0, g, d, k, j, tj)
    assert start == pytest.approx(a_d, rel=1e-9, abs=1e-9)
    expected = max(tj - a_d, (a_k - a_d) - math.log(j) / g)
    assert width == pytest.approx(expected, rel=1e-9, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(start_competences, growth_rates, discovery_thresholds, threshold_ratios, st.floats(0.0, 1.0), st.floats(1.0, 100.0))
def test_a_jump_of_k_over_c_before_it_at_or_before_the_d_crossing_closes_the_window(c0, g, d, ratio, frac, extra):
    k = d * ratio
    a_d = pre_jump_crossing(d, c0, g)
    assume(a_d > 0.0)
    tj = frac * a_d  # at or before the crossing of D
    j = jump_past_care(c0, g, k, tj) * extra
    assert j == pytest.approx(k / (c0 * math.exp(g * tj)) * extra, rel=1e-9)
    assume(j <= m.JUMP_RANGE[1])
    start, end, width = window(c0, g, d, k, j, tj)
    assert width == pytest.approx(0.0, abs=1e-9)
    assert start == pytest.approx(tj, abs=1e-9) and end == pytest.approx(tj, abs=1e-9)
    assert exposure(c0, g, d, k, j, tj) == pytest.approx(0.0, abs=1e-9)


def test_a_jump_just_short_of_k_leaves_the_window_open():
    # Default: C(3-) = 8, so 125x lands exactly on K = 1000; 0.99 * 125 lands just below it.
    assert jump_past_care(1, LN2, 1000, 3) == pytest.approx(125.0, rel=1e-12)
    assert window(*DEFAULT, jump=125, jump_time=3)[2] == pytest.approx(0.0, abs=1e-12)
    assert window(*DEFAULT, jump=0.99 * 125, jump_time=3)[2] == pytest.approx(-math.log(0.99) / LN2, rel=1e-9)


@settings(max_examples=100, deadline=None)
@given(start_competences, growth_rates, discovery_thresholds, threshold_ratios, jumps, st.floats(0.01, 1.0))
def test_no_jump_after_the_d_crossing_can_close_the_window(c0, g, d, ratio, j, frac):
    # The window already runs from a_D to t_J when the jump comes, however large the jump.
    k = d * ratio
    a_d, a_k = pre_jump_crossing(d, c0, g), pre_jump_crossing(k, c0, g)
    tj = a_d + frac * (a_k - a_d)
    assume(tj >= 0.0)
    width = window(c0, g, d, k, j, tj)[2]
    assert width > 0.0
    assert width >= (tj - a_d) * (1 - 1e-9)


def test_jump_past_care_is_one_when_competence_is_already_past_k():
    assert jump_past_care(1, LN2, 1000, 20) == 1.0


# --- exposure -----------------------------------------------------------------------------------


def test_default_exposure_without_jump_is_ln_hundred_squared_over_two_ln_two():
    # Triangle area in log-competence: L**2 / (2 g) with L = ln(K/D) = ln 100.
    assert exposure(*DEFAULT) == pytest.approx(math.log(100) ** 2 / (2 * LN2), rel=1e-12)
    assert exposure(*DEFAULT) == pytest.approx(15.30, abs=0.005)


def test_default_tenfold_jump_skips_only_the_low_rate_first_three_doublings_above_d():
    # The jump carries C from 8 to 80 = 8 D: it skips l = ln(C/D) in [0, ln 8].
    expected = (math.log(100) ** 2 - math.log(8) ** 2) / (2 * LN2)
    assert exposure(*DEFAULT, jump=10, jump_time=3) == pytest.approx(expected, rel=1e-12)
    assert exposure(*DEFAULT, jump=10, jump_time=3) == pytest.approx(12.18, abs=0.005)
    # The window shrinks by 45% but exposure by only 20%: the skipped part had the lowest rate.
    shrink_width = 1 - window(*DEFAULT, 10, 3)[2] / window(*DEFAULT)[2]
    shrink_exposure = 1 - exposure(*DEFAULT, 10, 3) / exposure(*DEFAULT)
    assert shrink_width == pytest.approx(0.4515, abs=1e-3)
    assert shrink_exposure == pytest.approx(0.2039, abs=1e-3)


@settings(max_examples=60, deadline=None)
@given(start_competences, growth_rates, discovery_thresholds, threshold_ratios, jumps, jump_times, saliences)
def test_exposure_equals_a_brute_force_integral_of_the_discovery_rate(c0, g, d, ratio, j, tj, s):
    k = d * ratio
    numeric, bound = brute_force_exposure(c0, g, d, k, j, tj, s)
    closed = exposure(c0, g, d, k, j, tj, s)
    assert closed == pytest.approx(numeric, rel=1e-9, abs=bound + 1e-9)


def test_brute_force_integral_agrees_closely_on_the_default_case():
    numeric, bound = brute_force_exposure(*DEFAULT, 10.0, 3.0, 1.0)
    assert bound < 1e-3
    assert exposure(*DEFAULT, 10.0, 3.0) == pytest.approx(numeric, abs=bound)


@settings(max_examples=200, deadline=None)
@given(start_competences, growth_rates, discovery_thresholds, threshold_ratios, jumps, jumps, jump_times, saliences)
def test_exposure_falls_as_the_jump_grows(c0, g, d, ratio, j1, j2, tj, s):
    k = d * ratio
    small, big = sorted((j1, j2))
    assert exposure(c0, g, d, k, big, tj, s) <= exposure(c0, g, d, k, small, tj, s) * (1 + 1e-12) + 1e-12


@settings(max_examples=200, deadline=None)
@given(start_competences, growth_rates, growth_rates, discovery_thresholds, threshold_ratios, saliences)
def test_without_a_jump_exposure_falls_as_growth_speeds_up(c0, g1, g2, d, ratio, s):
    assume(g1 != g2)
    k = d * ratio
    slow, fast = sorted((g1, g2))
    assert exposure(c0, fast, d, k, salience=s) <= exposure(c0, slow, d, k, salience=s)
    if s > 1e-9:
        assert exposure(c0, fast, d, k, salience=s) < exposure(c0, slow, d, k, salience=s)


@settings(max_examples=200, deadline=None)
@given(start_competences, growth_rates, growth_rates, st.floats(1.0, 100.0), threshold_ratios, jumps, st.floats(0.0, 1.0), saliences)
def test_with_a_jump_that_stays_below_k_exposure_falls_as_growth_speeds_up(c0, g1, g2, d_over_c0, ratio, j, frac, s):
    # Outside the one exceptional regime (jump from inside the window to past K; see the next
    # test), exposure falls with g. l_- = ln(C(t_J-)/D) rises with g, so it is enough that the
    # faster trajectory is still at or below max(0, L - ln J) just before the jump: pick t_J so.
    d = c0 * d_over_c0
    k = d * ratio
    slow, fast = sorted((g1, g2))
    latest = (max(0.0, math.log(ratio) - math.log(j)) + math.log(d_over_c0)) / fast
    tj = frac * latest
    assert exposure(c0, fast, d, k, j, tj, s) <= exposure(c0, slow, d, k, j, tj, s) * (1 + 1e-12) + 1e-12


def test_faster_growth_can_raise_exposure_when_a_fixed_date_jump_lands_past_k_from_inside_the_window():
    # Jump 1000x at year 5: competence 2**5 = 32 (inside [10, 1000)) -> 32000 (past K).
    # Exposure is then the pre-jump triangle (ln C(5-)/D)**2 / (2 g): faster growth reaches D
    # sooner and spends longer in the window before the fixed-date jump.
    slow = exposure(1, LN2, 10, 1000, jump=1000, jump_time=5)
    fast = exposure(1, 0.8, 10, 1000, jump=1000, jump_time=5)
    assert slow == pytest.approx(math.log(3.2) ** 2 / (2 * LN2), rel=1e-12)
    assert fast == pytest.approx((4.0 - math.log(10)) ** 2 / 1.6, rel=1e-12)
    assert fast > slow


def test_the_same_jump_removes_more_exposure_landing_at_k_than_at_d():
    # With a rate rising in competence, the top of the window is the dangerous part: a 10x jump
    # landing exactly on K (from 100 at t = log2(100)) skips l in [ln 10, ln 100]; one taking off
    # from D (at t = log2(10)) skips l in [0, ln 10].
    at_d = exposure(*DEFAULT, jump=10, jump_time=math.log2(10))
    at_k = exposure(*DEFAULT, jump=10, jump_time=math.log2(100))
    assert at_d == pytest.approx((math.log(100) ** 2 - math.log(10) ** 2) / (2 * LN2), rel=1e-9)
    assert at_k == pytest.approx(math.log(10) ** 2 / (2 * LN2), rel=1e-9)
    assert at_k < at_d


@settings(max_examples=200, deadline=None)
@given(start_competences, growth_rates, discovery_thresholds, threshold_ratios, jumps, jump_times, saliences)
def test_exposure_is_between_zero_and_the_no_jump_triangle_and_linear_in_salience(c0, g, d, ratio, j, tj, s):
    k = d * ratio
    full = exposure(c0, g, d, k, j, tj, 1.0)
    assert 0.0 <= full <= math.log(ratio) ** 2 / (2 * g) * (1 + 1e-12)
    assert exposure(c0, g, d, k, j, tj, s) == pytest.approx(s * full, rel=1e-12, abs=1e-15)


@settings(max_examples=100, deadline=None)
@given(start_competences, growth_rates, discovery_thresholds, threshold_ratios, jumps, jump_times, st.floats(0.01, 100.0))
def test_rescaling_competence_units_changes_nothing(c0, g, d, ratio, j, tj, unit):
    # The log rate keeps the model scale-free: only C0/D and K/D matter.
    k = d * ratio
    assume(c0 * unit >= 1e-6 and d * unit >= 1e-6)
    assert exposure(c0 * unit, g, d * unit, k * unit, j, tj) == pytest.approx(
        exposure(c0, g, d, k, j, tj), rel=1e-8, abs=1e-9
    )
    w1, w2 = window(c0 * unit, g, d * unit, k * unit, j, tj), window(c0, g, d, k, j, tj)
    assert w1 == pytest.approx(w2, rel=1e-8, abs=1e-8)


# --- frames -------------------------------------------------------------------------------------


def test_trajectory_frame_is_tidy_small_and_matches_the_model():
    df = trajectory_frame()
    assert list(df.columns) == ["series", "step", "t", "competence", "window_start", "window_end", "window_width"]
    assert len(df) <= 300 and not df.isna().any().any()
    assert np.isfinite(df.select_dtypes("number").to_numpy()).all()
    assert list(df["series"].unique()) == ["with jump", "no jump"]
    for series, j in (("with jump", 10.0), ("no jump", 1.0)):
        part = df[df["series"] == series]
        assert (np.diff(part["step"]) == 1).all() and (np.diff(part["t"]) >= 0).all()
        assert part[["window_start", "window_end", "window_width"]].iloc[0].tolist() == pytest.approx(
            list(window(*DEFAULT, j, 3.0))
        )
        off_jump = part[part["t"] != 3.0]
        assert off_jump["competence"].to_numpy() == pytest.approx(
            competence(off_jump["t"].to_numpy(), 1.0, LN2, j, 3.0), rel=1e-12
        )
    step = df[(df["series"] == "with jump") & (df["t"] == 3.0)]["competence"].tolist()
    assert step == pytest.approx([8.0, 80.0])  # the vertical step, pre-jump value first
    assert df.equals(trajectory_frame())


def test_trajectory_frame_steps_at_an_off_grid_jump_time():
    df = trajectory_frame(jump_time=3.05)
    step = df[(df["series"] == "with jump") & (df["t"] == 3.05)]["competence"].tolist()
    assert step == pytest.approx([2**3.05, 10 * 2**3.05])


@settings(max_examples=30, deadline=None)
@given(start_competences, growth_rates, discovery_thresholds, threshold_ratios, jumps, jump_times, st.floats(1.0, 100.0))
def test_trajectory_frame_is_finite_for_any_valid_settings(c0, g, d, ratio, j, tj, horizon):
    df = trajectory_frame(c0, g, d, d * ratio, j, tj, horizon)
    assert not df.isna().any().any()
    assert np.isfinite(df.select_dtypes("number").to_numpy()).all()
    assert len(df) <= 2 * 121 + 2


def test_trajectory_frame_survives_the_extreme_corner_of_every_range():
    df = trajectory_frame(1e9, 5.0, 1e-6, 1e9, 1e6, 0.0, 100.0, 150)
    assert np.isfinite(df.select_dtypes("number").to_numpy()).all()


def test_exposure_by_jump_frame_is_tidy_and_falls_to_zero_by_a_125x_jump():
    df = exposure_by_jump_frame()
    assert list(df.columns) == ["series", "salience", "jump", "window_width", "exposure"]
    assert len(df) == 122 and not df.isna().any().any()
    assert list(df["series"].unique()) == ["narrow", "broad"]
    for name, level in m.SALIENCE_LEVELS.items():
        part = df[df["series"] == name]
        assert part["jump"].iloc[0] == 1.0 and part["jump"].iloc[-1] == 1000.0
        assert (np.diff(np.log(part["jump"])) > 0).all()
        assert (np.diff(part["exposure"]) <= 1e-12).all()
        assert part["exposure"].iloc[0] == pytest.approx(level * exposure(*DEFAULT))
        assert (part.loc[part["jump"] >= 125.0, "exposure"] == 0.0).all()
        assert (part.loc[part["jump"] < 120.0, "exposure"] > 0.0).all()
        row = part.iloc[20]
        assert row["exposure"] == pytest.approx(exposure(*DEFAULT, row["jump"], 3.0, level))
        assert row["window_width"] == pytest.approx(window(*DEFAULT, row["jump"], 3.0)[2])
    narrow = df[df["series"] == "narrow"]["exposure"].to_numpy()
    broad = df[df["series"] == "broad"]["exposure"].to_numpy()
    assert (narrow <= broad).all()
    assert df.equals(exposure_by_jump_frame())


def test_defaults_are_the_reported_slider_values():
    assert m.DEFAULTS == {
        "start_competence": 1.0,
        "growth_rate": LN2,
        "discovery_threshold": 10.0,
        "care_threshold": 1000.0,
        "jump": 10.0,
        "jump_time": 3.0,
    }
    assert m.SALIENCE_LEVELS == {"narrow": 0.25, "broad": 1.0}


def test_docstring_examples_pass():
    assert doctest.testmod(m).failed == 0


# --- bad input ----------------------------------------------------------------------------------

GOOD = dict(
    start_competence=1.0, growth_rate=LN2, discovery_threshold=10.0, care_threshold=1000.0,
    jump=10.0, jump_time=3.0,
)

BAD_VALUES = {
    "start_competence": [float("nan"), float("inf"), -1.0, 0.0, 1e10, "1", True, None],
    "growth_rate": [float("nan"), float("inf"), -float("inf"), -0.5, 0.0, 6.0, "0.7", None],
    "discovery_threshold": [float("nan"), float("inf"), -10.0, 0.0, 1e10, "10", None],
    "care_threshold": [float("nan"), float("inf"), -1.0, 0.0, 10.0, 5.0, 1e10, "1000", None],
    "jump": [float("nan"), float("inf"), 0.5, 0.0, -2.0, 1e7, "10", None],
    "jump_time": [float("nan"), float("inf"), -1.0, 1001.0, "3", None],
}

CASES = [(name, bad) for name, bads in BAD_VALUES.items() for bad in bads]


@pytest.mark.parametrize("fn", [window, exposure, trajectory_frame])
@pytest.mark.parametrize("name,bad", CASES, ids=[f"{n}={b!r}" for n, b in CASES])
def test_bad_model_input_raises_a_value_error_naming_the_parameter(fn, name, bad):
    with pytest.raises(ValueError, match=name):
        fn(**{**GOOD, name: bad})


@pytest.mark.parametrize("name,bad", [(n, b) for n, b in CASES if n != "jump"])
def test_bad_input_to_the_exposure_frame_raises_a_value_error_naming_the_parameter(name, bad):
    args = {k: v for k, v in GOOD.items() if k != "jump"}
    with pytest.raises(ValueError, match=name):
        exposure_by_jump_frame(**{**args, name: bad})


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -0.1, 1.5, "broad", None])
def test_bad_salience_raises_a_value_error_naming_it(bad):
    with pytest.raises(ValueError, match="salience"):
        exposure(*DEFAULT, salience=bad)


def test_care_threshold_not_above_discovery_threshold_says_so():
    with pytest.raises(ValueError, match=r"care_threshold must be > discovery_threshold \(10\), got 10"):
        window(1.0, LN2, 10.0, 10.0)


@pytest.mark.parametrize(
    "kwargs,name",
    [
        ({"horizon": 0.0}, "horizon"),
        ({"horizon": float("nan")}, "horizon"),
        ({"horizon": 101.0}, "horizon"),
        ({"points": 1}, "points"),
        ({"points": 2.5}, "points"),
        ({"points": 151}, "points"),
    ],
)
def test_bad_trajectory_frame_grid_raises(kwargs, name):
    with pytest.raises(ValueError, match=name):
        trajectory_frame(**kwargs)


@pytest.mark.parametrize("bad", [1, 151, 10.0, float("nan")])
def test_bad_exposure_frame_points_raises(bad):
    with pytest.raises(ValueError, match="points"):
        exposure_by_jump_frame(points=bad)


@pytest.mark.parametrize(
    "args,name",
    [
        ((float("nan"), 1.0, LN2), "t"),
        ((1001.0, 1.0, LN2), "t"),
        (([0.0, float("inf")], 1.0, LN2), "t"),
        ((1000.0, 1.0, 5.0), "t"),  # e**5000 would overflow
        ((1.0, 0.0, LN2), "start_competence"),
        ((1.0, 1.0, 0.0), "growth_rate"),
    ],
)
def test_bad_competence_input_raises(args, name):
    with pytest.raises(ValueError, match=name):
        competence(*args)


@pytest.mark.parametrize("name,bad", [("care_threshold", 0.0), ("jump_time", -1.0), ("growth_rate", float("nan"))])
def test_bad_jump_past_care_input_raises(name, bad):
    args = dict(start_competence=1.0, growth_rate=LN2, care_threshold=1000.0, jump_time=3.0)
    with pytest.raises(ValueError, match=name):
        jump_past_care(**{**args, name: bad})
