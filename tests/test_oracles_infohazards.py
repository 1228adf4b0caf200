"""Independent oracles for the infohazard danger-window model (issue #24).

Expected values never come from the code under test: the window's ends are found by bisection on
the two tracks' values A(t) and C(t) themselves (not from the closed-form crossing), the exposure is
the exact antiderivative of the rate between those ends, and the chapter's defaults are worked by
hand (both tracks doubling yearly, D = 10, K = 1000, a tenfold jump). Symmetries and limits the
argument implies: no jump (J = 1) changes nothing; a jump after the window closes changes nothing; a
jump at time 0 with equal growth rates only shifts the window; with a flat rate the date of a jump
inside the window does not matter.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from edges import edges_test
from essays.models import infohazards as ih

LN2, LN10 = math.log(2.0), math.log(10.0)
DEFAULT = (LN2, LN2, 10.0, 1000.0)
L100 = math.log2(100.0)  # 6.644 years: log2 of 100
L10 = math.log2(10.0)  # 3.322 years


# --- plain-Python oracle -------------------------------------------------------------------------

def track(g, j, tj, t):
    """A track's level at t: exp(g t), times J from the jump on (inf where it would overflow)."""
    return math.exp(min(g * t, 700.0)) * (j if t >= tj else 1.0)


def first_time(reached, hi=4000.0):
    """The first t >= 0 at which ``reached(t)`` holds (it stays true after), by bisection."""
    if reached(0.0):
        return 0.0
    lo = 0.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if reached(mid):
            hi = mid
        else:
            lo = mid
    return hi


def oracle_window(ga, gk, d, k, j=1.0, tj=0.0):
    start = first_time(lambda t: track(ga, j, tj, t) >= d)
    end = first_time(lambda t: track(gk, j, tj, t) >= k)
    return start, end, max(0.0, end - start)


def oracle_exposure(ga, gk, d, k, j=1.0, tj=0.0, shape=0, salience=1.0):
    """salience times the integral of the rate over the window, by the rate's antiderivative."""
    start, end, width = oracle_window(ga, gk, d, k, j, tj)
    if width == 0.0:
        return 0.0
    total = 0.0
    for lo, hi, step in ((start, min(end, tj), 0.0), (max(start, tj), end, math.log(j))):
        if hi <= lo:
            continue
        # the rate is alpha t + beta on this piece
        alpha, beta = {0: (ga, step - math.log(d)), 1: (0.0, 1.0), 2: (-gk, math.log(k) - step)}[shape]
        total += alpha * (hi * hi - lo * lo) / 2 + beta * (hi - lo)
    return salience * total


# settings (g_A, g_C, D, K, J, t_J) that put the jump before, inside, after the window, and before
# it with unequal rates
SETTINGS = [
    (LN2, LN2, 10.0, 1000.0, 10.0, 3.0),
    (LN2, LN2, 10.0, 1000.0, 10.0, 5.0),
    (LN2, LN2, 10.0, 1000.0, 10.0, 12.0),
    (LN2, LN2, 10.0, 1000.0, 10.0, 0.0),
    (0.5, 0.3, 20.0, 500.0, 4.0, 2.0),
    (0.5, 0.3, 20.0, 500.0, 4.0, 15.0),
    (1.2, 0.4, 3.0, 50.0, 100.0, 6.0),
    (0.3, 0.9, 5.0, 400.0, 3.0, 1.0),  # care faster: a window only because discovery starts nearer
    (0.2, 1.5, 100.0, 10.0, 50.0, 2.0),  # care first: no window
]


@pytest.mark.parametrize("ga, gk, d, k, j, tj", SETTINGS)
def test_the_window_is_where_the_tracks_themselves_cross(ga, gk, d, k, j, tj):
    assert ih.window(ga, gk, d, k, j, tj) == pytest.approx(oracle_window(ga, gk, d, k, j, tj), abs=1e-9)


@pytest.mark.parametrize("ga, gk, d, k, j, tj", SETTINGS)
@pytest.mark.parametrize("shape", [0, 1, 2])
def test_exposure_is_the_integral_of_the_rate_over_the_tracks_window(ga, gk, d, k, j, tj, shape):
    expected = oracle_exposure(ga, gk, d, k, j, tj, shape)
    assert ih.exposure(ga, gk, d, k, j, tj, shape) == pytest.approx(expected, rel=1e-9, abs=1e-9)
    assert ih.exposure(ga, gk, d, k, j, tj, shape, 0.25) == pytest.approx(expected / 4, rel=1e-9, abs=1e-9)
    assert ih.exposure(ga, gk, d, k, j, tj, shape, 0.0) == 0.0


def test_the_chapters_defaults_by_hand():
    # no jump: the window is [log2 10, log2 1000], 6.64 years wide
    assert ih.window(*DEFAULT) == pytest.approx((L10, 3 * L10, L100), rel=1e-12)
    # a tenfold jump at year 3: discovery 8 -> 80 >= 10 opens the window at once; care 8 -> 80 reaches
    # 1000 when 80 * 2**(t - 3) = 1000, i.e. 10 * 2**t = 1000, at t = log2 100
    assert ih.window(*DEFAULT, 10.0, 3.0) == pytest.approx((3.0, L100, L100 - 3.0), rel=1e-12)
    # rising rate without a jump: integral of ln2 t - ln10 from log2 10 to log2 1000 = ln2 W**2 / 2
    assert ih.exposure(*DEFAULT) == pytest.approx(LN2 * L100**2 / 2, rel=1e-12)
    assert ih.exposure(*DEFAULT, shape=1) == pytest.approx(L100, rel=1e-12)
    assert ih.exposure(*DEFAULT, shape=2) == pytest.approx(LN2 * L100**2 / 2, rel=1e-12)
    # with the jump at 3 the rising rate after it is ln2 t (ln J cancels ln D): ln2 (L**2 - 9) / 2
    assert ih.exposure(*DEFAULT, 10.0, 3.0) == pytest.approx(LN2 * (L100**2 - 9) / 2, rel=1e-12)
    assert ih.exposure(*DEFAULT, 10.0, 3.0, 1) == pytest.approx(L100 - 3, rel=1e-12)
    # falling: ln(100) - ln2 t after the jump, from 3 to L: ln2 (L - 3)**2 / 2
    assert ih.exposure(*DEFAULT, 10.0, 3.0, 2) == pytest.approx(LN2 * (L100 - 3) ** 2 / 2, rel=1e-12)
    assert ih.share_removed(*DEFAULT) == pytest.approx(100 * (1 - (L100**2 - 9) / L100**2), rel=1e-12)


def test_the_defaults_of_the_functions_are_the_chapters():
    assert ih.window(LN2, LN2) == ih.window(LN2, LN2, 10.0, 1000.0, 1.0, 0.0)
    assert ih.exposure(LN2, LN2) == ih.exposure(LN2, LN2, 10.0, 1000.0, 1.0, 0.0, 0, 1.0)
    assert ih.share_removed(LN2, LN2) == ih.share_removed(LN2, LN2, 10.0, 1000.0, 10.0, 3.0, 0)
    assert ih.landings(LN2, LN2) == ih.landings(LN2, LN2, 10.0, 1000.0, 10.0)
    assert ih.late_vs_early(0, LN2, LN2) == ih.late_vs_early(0, LN2, LN2, 10.0, 1000.0, 10.0)
    assert ih.DEFAULTS == {"discovery_growth": LN2, "care_growth": LN2, "discovery_threshold": 10.0,
                           "care_threshold": 1000.0, "jump": 10.0, "jump_time": 3.0, "shape": 0}
    assert ih.SHAPES == ("rising", "flat", "falling")


@pytest.mark.parametrize("shape", [0, 1, 2])
@pytest.mark.parametrize("tj", [0.0, 2.0, 5.0, 20.0])
def test_a_jump_of_one_is_no_jump(shape, tj):
    assert ih.window(0.5, 0.3, 20.0, 500.0, 1.0, tj) == pytest.approx(ih.window(0.5, 0.3, 20.0, 500.0), abs=1e-12)
    assert ih.share_removed(0.5, 0.3, 20.0, 500.0, 1.0, tj, shape) == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize("shape", [0, 1, 2])
def test_a_jump_after_the_window_closes_changes_nothing(shape):
    # no jump: window [log2 10, log2 1000] = [3.32, 9.97]
    assert ih.share_removed(*DEFAULT, 10.0, 10.0, shape) == pytest.approx(0.0, abs=1e-9)
    assert ih.share_removed(*DEFAULT, 1e5, 50.0, shape) == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize("shape", [0, 1, 2])
@pytest.mark.parametrize("j", [2.0, 10.0])
def test_a_jump_at_time_zero_with_equal_rates_only_shifts_the_window(shape, j):
    # both tracks jump by J before either crosses: both crossings come ln J / g sooner
    start, end, width = ih.window(*DEFAULT, j, 0.0)
    assert (start, end) == pytest.approx((L10 - math.log2(j), 3 * L10 - math.log2(j)), rel=1e-12)
    assert width == pytest.approx(L100, rel=1e-12)
    assert ih.share_removed(*DEFAULT, j, 0.0, shape) == pytest.approx(0.0, abs=1e-9)


def test_a_jump_given_without_a_date_comes_now():
    # jump_time defaults to 0: a tenfold jump now brings both crossings ln 10 / ln 2 years sooner
    assert ih.window(*DEFAULT, 10.0) == pytest.approx((0.0, 2 * L10, 2 * L10), abs=1e-12)
    assert ih.exposure(*DEFAULT, 10.0) == pytest.approx(oracle_exposure(*DEFAULT, 10.0, 0.0), rel=1e-12)
    assert ih.exposure(*DEFAULT, 10.0) == pytest.approx(LN2 * L100**2 / 2, rel=1e-12)
    assert ih.exposure(*DEFAULT, 100.0, shape=1) == pytest.approx(3 * L10 - 2 * L10, rel=1e-12)


def test_a_window_too_small_to_hold_one_unit_of_exposure_still_counts():
    # D = 10, K = 20, both doubling yearly: the window is one year wide and holds ln2 / 2 < 1
    ga = gk = LN2
    assert ih.exposure(ga, gk, 10.0, 20.0) == pytest.approx(LN2 / 2, rel=1e-12)
    early, late = math.log2(10), math.log2(20 / 1.5)
    base = LN2 / 2
    got = ih.late_vs_early(0, ga, gk, 10.0, 20.0, 1.5)
    assert got.late_advantage == pytest.approx(100 * math.log(1.5) * (late - early) / base, rel=1e-9)
    assert got.late_advantage > 0
    cut = 100 * (1 - oracle_exposure(ga, gk, 10.0, 20.0, 1.5, 3.5) / base)
    assert ih.share_removed(ga, gk, 10.0, 20.0, 1.5, 3.5) == pytest.approx(cut, abs=1e-7)
    assert cut > 0


def test_a_jump_that_carries_care_past_its_threshold_closes_the_window_at_the_jump():
    # at year 8 care is 256 < 1000; a tenfold jump takes it to 2560: the window ends at 8
    assert ih.window(*DEFAULT, 10.0, 8.0) == pytest.approx((L10, 8.0, 8.0 - L10), rel=1e-12)
    # a jump so early and large that both thresholds are passed at once: no window
    assert ih.window(*DEFAULT, 1e4, 1.0) == pytest.approx((1.0, 1.0, 0.0), abs=1e-12)
    assert ih.exposure(*DEFAULT, 1e4, 1.0) == 0.0


def test_care_first_means_no_window_and_nothing_to_remove():
    assert ih.window(0.5, 1.5).width == 0.0
    assert ih.window(0.5, 1.5) == pytest.approx((math.log(10) / 0.5, math.log(1000) / 1.5, 0.0))
    for shape in (0, 1, 2):
        assert ih.exposure(0.5, 1.5, shape=shape) == 0.0
        assert ih.share_removed(0.5, 1.5, shape=shape) == 0.0
        assert ih.late_vs_early(shape, 0.5, 1.5) == (0.0, 0.0, 0.0)


@pytest.mark.parametrize("shape, slope_sign", [(0, -1), (1, 0), (2, +1)])
def test_inside_the_window_a_later_jump_changes_exposure_by_ln_j_a_year(shape, slope_sign):
    # defaults with J = 4: the window opens at 3.32; care still lands at or below K for jumps up to
    # log2 1000 - 2 = 7.97. A year's delay moves the exposure by -ln 4, 0 or +ln 4.
    j = 4.0
    a = ih.exposure(*DEFAULT, j, 4.5, shape)
    b = ih.exposure(*DEFAULT, j, 6.5, shape)
    assert (b - a) / 2.0 == pytest.approx(slope_sign * math.log(j), abs=1e-9)
    assert a == pytest.approx(oracle_exposure(*DEFAULT, j, 4.5, shape), rel=1e-9)


def test_the_landings_by_hand():
    # early: log2 10; late: (ln 1000 - ln 10) / ln 2 = log2 100
    assert ih.landings(*DEFAULT) == pytest.approx((L10, L100), rel=1e-12)
    assert ih.landings(0.5, 0.25, 20.0, 500.0, 5.0) == pytest.approx(
        (math.log(20) / 0.5, (math.log(500) - math.log(5)) / 0.25), rel=1e-12)
    # a jump too large to land late without overshooting: the late date is the early one
    early, late = ih.landings(*DEFAULT, 1e5)
    assert early == late == pytest.approx(L10, rel=1e-12)
    assert isinstance(ih.landings(*DEFAULT), ih.Landings)


@pytest.mark.parametrize("shape", [0, 1, 2])
@pytest.mark.parametrize("ga, gk, d, k, j", [(LN2, LN2, 10.0, 1000.0, 10.0), (0.5, 0.3, 20.0, 500.0, 4.0),
                                           (1.0, 0.5, 5.0, 2000.0, 20.0), (0.6, 0.8, 2.0, 300.0, 3.0)])
def test_late_versus_early_by_the_oracle(shape, ga, gk, d, k, j):
    base = oracle_exposure(ga, gk, d, k, shape=shape)
    early = math.log(d) / ga
    late = max(early, (math.log(k) - math.log(j)) / gk)
    cut = [100 * (1 - oracle_exposure(ga, gk, d, k, j, t, shape) / base) for t in (early, late)]
    got = ih.late_vs_early(shape, ga, gk, d, k, j)
    assert isinstance(got, ih.Timing)
    assert got.early_cut == pytest.approx(cut[0], abs=1e-7)
    assert got.late_cut == pytest.approx(cut[1], abs=1e-7)
    assert got.late_advantage == pytest.approx(cut[1] - cut[0], abs=1e-7)
    sign = {0: 1, 1: 0, 2: -1}[shape]
    assert got.late_advantage == pytest.approx(100 * sign * math.log(j) * (late - early) / base, abs=1e-7)


def test_the_chapters_crux_by_hand():
    # rising: an early jump removes a quarter, a late one three quarters (see the module's tests)
    assert ih.late_vs_early(0, *DEFAULT) == pytest.approx((25.0, 75.0, 50.0), abs=1e-9)
    # falling: mirror image; flat: half either way (the window loses ln J / g = 3.32 of 6.64 years)
    assert ih.late_vs_early(2, *DEFAULT) == pytest.approx((75.0, 25.0, -50.0), abs=1e-9)
    assert ih.late_vs_early(1, *DEFAULT) == pytest.approx((50.0, 50.0, 0.0), abs=1e-9)


def test_the_trajectory_frame_row_by_row():
    ga, gk, d, k, j, tj = 0.5, 0.3, 20.0, 500.0, 4.0, 2.5
    df = ih.trajectory_frame(ga, gk, d, k, j, tj, horizon=10.0, points=5)
    assert len(df) == 14 and df.index.tolist() == list(range(14))
    win, steady = oracle_window(ga, gk, d, k, j, tj), oracle_window(ga, gk, d, k)
    i = 0
    for series, g, threshold in (("discovery", ga, d), ("care", gk, k)):
        for t, kind, order, level in [(0.0, "grid", 0.0, 1.0), (2.5, "grid", 2.5, j * math.exp(g * 2.5)),
                                      (5.0, "grid", 5.0, j * math.exp(g * 5)),
                                      (7.5, "grid", 7.5, j * math.exp(g * 7.5)),
                                      (10.0, "grid", 10.0, j * math.exp(g * 10)),
                                      (tj, "pre", tj - 1e-6, math.exp(g * tj)),
                                      (tj, "post", tj + 1e-6, j * math.exp(g * tj))]:
            row = df.iloc[i]
            i += 1
            assert (row.series, row.kind) == (series, kind)
            assert row.t == pytest.approx(t, abs=1e-12)
            assert row.order == pytest.approx(order, abs=1e-12)
            assert row.level == pytest.approx(level / threshold, rel=1e-12)
            assert (row.window_start, row.window_end, row.window_width) == pytest.approx(win, abs=1e-9)
            assert (row.steady_start, row.steady_end) == pytest.approx(steady[:2], abs=1e-9)


def test_the_trajectory_frame_defaults():
    df = ih.trajectory_frame()
    assert len(df) == 2 * (121 + 2)
    grid = df[(df.series == "discovery") & (df.kind == "grid")]
    assert grid.t.iloc[-1] == 15.0 and grid.t.iloc[1] == pytest.approx(0.125)
    post = df[(df.series == "care") & (df.kind == "post")].iloc[0]
    assert post.t == 3.0 and post.level == pytest.approx(10 * 8 / 1000)


def test_the_timing_frame_by_the_oracle():
    ga, gk, d, k, j = 0.5, 0.3, 20.0, 500.0, 4.0
    df = ih.timing_frame(ga, gk, d, k, j, horizon=16.0, points=5)
    assert df.shape == (15, 5)
    assert df["shape"].tolist() == ["rising"] * 5 + ["flat"] * 5 + ["falling"] * 5
    assert df.jump_time.tolist() == [0.0, 4.0, 8.0, 12.0, 16.0] * 3
    for row in df.itertuples():
        shape = ih.SHAPES.index(row.shape)
        base = oracle_exposure(ga, gk, d, k, shape=shape)
        assert row.removed == pytest.approx(100 * (1 - oracle_exposure(ga, gk, d, k, j, row.jump_time, shape) / base),
                                            abs=1e-7)
    steady = oracle_window(ga, gk, d, k)
    np.testing.assert_allclose(df.steady_start, steady[0], atol=1e-9)
    np.testing.assert_allclose(df.steady_end, steady[1], atol=1e-9)


def test_the_timing_frame_defaults():
    df = ih.timing_frame()
    assert len(df) == 3 * 97 and df.jump_time.max() == 12.0
    assert df.jump_time.iloc[1] == pytest.approx(0.125)
    row = df[(df["shape"] == "rising") & (df.jump_time == 3.0)].iloc[0]
    assert row.removed == pytest.approx(100 * 9 / L100**2, rel=1e-9)


def test_the_advantage_map_by_the_oracle():
    # not the defaults (K = 1000, J = 10); one cell (1.2, 2.5) with a window under a year wide, and
    # one (0.3, 0.85) with no window at K = 500 that would have one at K = 1000
    rates = [0.3, 0.85, 1.2, 2.5]
    d, k, j = 10.0, 500.0, 4.0
    df = ih.advantage_map_frame(2, rates, d, k, j)
    assert df.discovery_growth.tolist() == [0.3] * 4 + [0.85] * 4 + [1.2] * 4 + [2.5] * 4
    assert 0 < math.log(k) / 2.5 - math.log(d) / 1.2 < 1
    assert math.log(k) / 0.85 < math.log(d) / 0.3 < math.log(1000.0) / 0.85
    assert df.care_growth.tolist() == rates * 4
    for row in df.itertuples():
        ga, gk = row.discovery_growth, row.care_growth
        has_window = math.log(k) / gk > math.log(d) / ga
        assert row.window == has_window
        if not has_window:
            assert row.late_advantage == 0.0
            continue
        early = math.log(d) / ga
        late = max(early, (math.log(k) - math.log(j)) / gk)
        base = oracle_exposure(ga, gk, d, k, shape=2)
        assert row.late_advantage == pytest.approx(-100 * math.log(j) * (late - early) / base, abs=1e-7)


def test_the_advantage_map_takes_growth_rates_as_numbers_or_numeric_text():
    # read from a text field or a CSV column: converted to floats like any other sequence
    a = ih.advantage_map_frame(0, ["0.4", "0.8"])
    b = ih.advantage_map_frame(0, [0.4, 0.8])
    assert a.equals(b)
    assert ih.advantage_map_frame(0, np.array([1, 2])).equals(ih.advantage_map_frame(0, [1.0, 2.0]))


def test_the_advantage_map_defaults():
    df = ih.advantage_map_frame()
    rates = [round(0.2 + 0.1 * i, 10) for i in range(14)]
    assert sorted(set(df.discovery_growth)) == pytest.approx(rates)
    assert len(df) == 196
    # rising is the default shape: the late jump never loses, and wins wherever there is room
    row = df[(df.discovery_growth == 0.7) & (df.care_growth == 0.7)].iloc[0]
    assert row.late_advantage == pytest.approx(ih.late_vs_early(0, 0.7, 0.7).late_advantage)
    assert row.late_advantage == pytest.approx(50.0, abs=1e-9)  # equal rates: 50 points, as at ln 2


# --- every parameter is accepted up to its documented ends and refused beyond ------------------

TRACKS = dict(discovery_growth=LN2, care_growth=LN2)
EDGES = []
for func in (ih.window, ih.exposure, ih.share_removed, ih.trajectory_frame):
    EDGES += [(func, TRACKS, "discovery_growth", 0.01, 5.0, False, False, False),
              (func, TRACKS, "care_growth", 0.01, 5.0, False, False, False),
              (func, TRACKS, "discovery_threshold", 1.0, 1e6, False, False, False),
              (func, TRACKS, "care_threshold", 1.0, 1e6, False, False, False),
              (func, TRACKS, "jump", 1.0, 1e6, False, False, False),
              (func, TRACKS, "jump_time", 0.0, 1000.0, False, False, False)]
EDGES += [
    (ih.exposure, TRACKS, "shape", 0, 2, False, False, True),
    (ih.exposure, TRACKS, "salience", 0.0, 1.0, False, False, False),
    (ih.share_removed, TRACKS, "shape", 0, 2, False, False, True),
    (ih.landings, TRACKS, "jump", 1.0, 1e6, False, False, False),
    (ih.landings, TRACKS, "discovery_threshold", 1.0, 1e6, False, False, False),
    (ih.landings, TRACKS, "care_growth", 0.01, 5.0, False, False, False),
    (ih.late_vs_early, TRACKS | dict(shape=0), "shape", 0, 2, False, False, True),
    (ih.late_vs_early, TRACKS | dict(shape=0), "care_threshold", 1.0, 1e6, False, False, False),
    (ih.trajectory_frame, {}, "horizon", 1.0, 100.0, False, False, False),
    (ih.trajectory_frame, {}, "points", 2, 150, False, False, True),
    (ih.timing_frame, dict(points=3), "horizon", 1.0, 100.0, False, False, False),
    (ih.timing_frame, dict(points=3), "jump", 1.0, 1e6, False, False, False),
    (ih.timing_frame, dict(points=3), "discovery_growth", 0.01, 5.0, False, False, False),
    (ih.timing_frame, {}, "points", 2, 400, False, False, True),
    (ih.advantage_map_frame, dict(growth_rates=[0.5]), "shape", 0, 2, False, False, True),
]


test_a_parameter_is_accepted_to_its_documented_ends_and_refused_beyond = edges_test(EDGES)
