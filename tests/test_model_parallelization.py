"""Tests of the parallelization chapter's models (source lines 12-18).

Reference values name where they come from: the source text's line numbers
(tests/data/source/source.txt), the "Slow corporations" post, or a hand derivation
written next to the assertion.
"""
from __future__ import annotations

import doctest
import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from essays.models import parallelization as m

# -- shared vocabulary of inputs ------------------------------------------------------------------
exponents = st.floats(0.0, 1.0)
positive_exponents = st.floats(0.01, 1.0)
workforces = st.floats(1.0, 1e6)
labor_shares = st.floats(0.01, 0.99)
sigmas = st.floats(0.0, 10.0)
sigmas_below_one = st.floats(0.02, 0.95)
inputs = st.floats(1e-3, 1e3)  # labor or compute, multiple of today's
speedups = st.floats(1e-3, 1e6)
shares = st.floats(0.0, 1.0)
shares_below_one = st.floats(0.0, 0.99)
dyadic_shares = st.integers(0, 1024).map(lambda k: k / 1024)  # 1 - w is exact for these
frontier_exponents = st.floats(0.0, 2.0)

SETTINGS = settings(max_examples=60, deadline=None)


def assert_tidy(df: pd.DataFrame, max_rows: int = 500) -> None:
    """A frame a chart can take: small, no NaN or inf, deterministic."""
    assert 0 < len(df) <= max_rows
    numbers = df.select_dtypes("number")
    assert len(numbers.columns) > 0
    assert np.isfinite(numbers.to_numpy(dtype=float)).all()
    for column in df.columns.difference(numbers.columns):
        assert df[column].map(lambda v: isinstance(v, str)).all(), column


# -- the penalty itself (existing functions) ------------------------------------------------------

def test_fifty_workers_at_exponent_point_four_is_about_five_x():
    # Source line 16: "A strong marginal parallelization penalty exponent of 0.4 would render the 50x
    # additional workers equivalent to a 5x improvement"; 50 ** 0.4 = 4.7818...
    assert m.effective_labor(50, 0.4) == pytest.approx(4.78, abs=0.005)
    assert m.effective_labor(50, 0.4) == pytest.approx(50 ** 0.4, rel=1e-15)


def test_automatedcorp_fifty_times_faster_and_fifty_times_more_numerous_is_about_239x():
    # Source line 15 and the "Slow corporations" post: 50x faster, 50x more numerous.
    assert m.labor_equivalent_speedup(50, 50, 0.4) == pytest.approx(239.088, abs=1e-3)
    assert m.labor_equivalent_speedup(50, 50, 0.4) == pytest.approx(50 * 50 ** 0.4, rel=1e-15)


@SETTINGS
@given(workers=workforces, more=st.floats(1.001, 1e3), exponent=positive_exponents)
def test_more_workers_always_add_effective_labor_when_the_exponent_is_positive(workers, more, exponent):
    bigger = min(workers * more, 1e6)
    assume(bigger >= workers * 1.001)
    assert m.effective_labor(bigger, exponent) > m.effective_labor(workers, exponent)


@SETTINGS
@given(workers=workforces)
def test_no_penalty_is_exactly_linear(workers):
    assert m.effective_labor(workers, 1.0) == workers
    assert m.labor_equivalent_speedup(3.0, workers, 1.0) == 3.0 * workers


@SETTINGS
@given(workers=workforces, exponent=exponents)
def test_extra_workers_never_do_more_than_their_number(workers, exponent):
    assert 1.0 <= m.effective_labor(workers, exponent) <= workers * (1 + 1e-15)


def test_exponent_zero_makes_extra_workers_useless():
    assert m.effective_labor(1e6, 0.0) == 1.0


def test_effective_labor_of_an_array_matches_each_scalar():
    workers = [1.0, 5.0, 50.0, 1e6]
    out = m.effective_labor(workers, 0.4)
    assert isinstance(out, np.ndarray)
    assert out.tolist() == [m.effective_labor(w, 0.4) for w in workers]


def test_penalty_curves_hold_both_lines_and_the_chosen_point():
    df = m.penalty_curves(0.4, 50, 50)
    assert_tidy(df)
    assert df.series.value_counts().to_dict() == {"penalty": 61, "no penalty": 61, "chosen": 1}
    chosen = df[df.series == "chosen"].iloc[0]
    assert chosen.speedup == pytest.approx(239.088, abs=1e-3)
    assert (df.speedup == 50 * df.effective_labor).all()
    pd.testing.assert_frame_equal(df, m.penalty_curves(0.4, 50, 50))


# -- the three corporations (lines 14-16) --------------------------------------------------------

def test_slowcorp_works_at_about_one_ninety_fifth_of_normalcorp():
    # (1/50) * (1/5) ** 0.4 = 0.0105, i.e. 1/95.2: the brief's hand derivation.
    assert m.slowcorp_speed(0.4) == pytest.approx((1 / 50) * (1 / 5) ** 0.4, rel=1e-15)
    assert 1 / m.slowcorp_speed(0.4) == pytest.approx(95.18, abs=0.01)


def test_the_three_corporations_at_exponent_point_four():
    speeds = m.corporation_speeds(0.4, 0.4)
    assert list(speeds) == ["NormalCorp", "SlowCorp", "AutomatedCorp"]
    assert speeds["NormalCorp"] == 1.0
    assert speeds["SlowCorp"] == pytest.approx(1 / 95.18, rel=1e-4)
    assert speeds["AutomatedCorp"] == pytest.approx(239.088, abs=1e-3)


@SETTINGS
@given(exponent=exponents)
def test_automatedcorp_agrees_with_the_labor_equivalent_speedup(exponent):
    assert m.automatedcorp_speed(exponent) == pytest.approx(m.labor_equivalent_speedup(50, 50, exponent),
                                                            rel=1e-14)


@SETTINGS
@given(human=exponents, ai=exponents)
def test_normalcorp_is_the_baseline_whatever_the_exponents(human, ai):
    assert m.corporation_speeds(human, ai)["NormalCorp"] == 1.0


@SETTINGS
@given(human=exponents, ai=exponents, other=exponents)
def test_the_ai_exponent_moves_only_automatedcorp_and_the_human_one_only_slowcorp(human, ai, other):
    base = m.corporation_speeds(human, ai)
    assert m.corporation_speeds(human, other)["SlowCorp"] == base["SlowCorp"]
    assert m.corporation_speeds(other, ai)["AutomatedCorp"] == base["AutomatedCorp"]


@SETTINGS
@given(low=exponents, high=exponents)
def test_better_coordinating_ais_speed_automatedcorp_up(low, high):
    assume(high > low + 1e-6)
    assert m.automatedcorp_speed(high) > m.automatedcorp_speed(low)


@SETTINGS
@given(low=exponents, high=exponents)
def test_a_harsher_penalty_makes_slowcorps_smaller_workforce_hurt_less(low, high):
    # SlowCorp has 1/5 of the workforce, so (1/5) ** lambda is largest at lambda = 0.
    assume(high > low + 1e-6)
    assert m.slowcorp_speed(low) > m.slowcorp_speed(high)


@SETTINGS
@given(serial=st.floats(1e-3, 1e6), exponent=exponents)
def test_a_company_of_normalcorps_size_runs_at_its_serial_speed(serial, exponent):
    assert m.corporation_speed(serial, 1.0, exponent) == serial


def test_corporations_frame_holds_a_curve_and_a_chosen_point_per_company():
    df = m.corporations_frame(human_exponent=0.3, ai_exponent=0.8)
    assert_tidy(df)
    assert len(df) == 3 * (21 + 1)
    assert list(df.series.unique()) == ["NormalCorp", "SlowCorp", "AutomatedCorp"]
    chosen = df[df.kind == "chosen"].set_index("series")
    assert chosen.exponent.to_dict() == {"NormalCorp": 0.3, "SlowCorp": 0.3, "AutomatedCorp": 0.8}
    assert chosen.speed.to_dict() == pytest.approx(m.corporation_speeds(0.3, 0.8))
    assert np.allclose(df.speed, df.serial_speed * df.workforce ** df.exponent, rtol=1e-14, atol=0)
    assert set(df[df.series == "AutomatedCorp"].workers) == {"AI"}
    pd.testing.assert_frame_equal(df, m.corporations_frame(human_exponent=0.3, ai_exponent=0.8))


# -- compute bottlenecks (a): CES of labor and compute (line 17) ----------------------------------

@SETTINGS
@given(sigma=sigmas, alpha=labor_shares)
def test_todays_inputs_give_todays_output(sigma, alpha):
    assert m.research_output(1.0, 1.0, sigma, alpha) == pytest.approx(1.0, rel=1e-14)


@SETTINGS
@given(labor=inputs, compute=inputs, alpha=labor_shares)
def test_unit_elasticity_is_exactly_cobb_douglas(labor, compute, alpha):
    assert m.research_output(labor, compute, 1.0, alpha) == pytest.approx(
        labor ** alpha * compute ** (1 - alpha), rel=1e-13)


@SETTINGS
@given(labor=inputs, compute=inputs, alpha=labor_shares, offset=st.floats(1e-12, 1e-9),
       side=st.sampled_from([-1.0, 1.0]))
def test_ces_approaches_cobb_douglas_smoothly_as_the_elasticity_approaches_one(labor, compute, alpha,
                                                                             offset, side):
    # d log Y / d rho at rho = 0 is alpha (1 - alpha) (log L - log K)^2 / 2 <= 0.125 * 13.8^2 ~ 24,
    # so an offset of 1e-9 moves Y by a relative 3e-8 at most: anything bigger is cancellation.
    near = m.research_output(labor, compute, 1.0 + side * offset, alpha)
    assert near == pytest.approx(labor ** alpha * compute ** (1 - alpha), rel=1e-7)


@pytest.mark.parametrize("labor, compute", [(7.0, 3.0), (3.0, 7.0), (1e6, 1.0), (1e-3, 1e3)])
def test_ces_approaches_min_of_the_inputs_as_the_elasticity_approaches_zero(labor, compute):
    errors = [abs(m.research_output(labor, compute, sigma, 0.5) / min(labor, compute) - 1)
              for sigma in (0.1, 0.01, 1e-4, 1e-8)]
    assert errors == sorted(errors, reverse=True)
    assert errors[-1] < 1e-7
    assert m.research_output(labor, compute, 0.0, 0.5) == min(labor, compute)


@SETTINGS
@given(labor=inputs, factor=st.floats(1.0, 1e3), compute=inputs, sigma=sigmas, alpha=labor_shares)
def test_more_labor_never_lowers_research_output(labor, factor, compute, sigma, alpha):
    assert m.research_output(labor * factor, compute, sigma, alpha) >= m.research_output(
        labor, compute, sigma, alpha) * (1 - 1e-12)


@SETTINGS
@given(labor=st.floats(1.0, 1e12), sigma=sigmas, alpha=labor_shares)
def test_with_compute_unchanged_output_never_beats_the_labor_speedup(labor, sigma, alpha):
    y = m.research_output(labor, 1.0, sigma, alpha)
    assert 1.0 * (1 - 1e-12) <= y <= labor * (1 + 1e-12)


@SETTINGS
@given(labor=st.floats(1.01, 1e6), low=sigmas, high=sigmas, alpha=labor_shares)
def test_easier_substitution_lets_more_of_the_labor_speedup_through(labor, low, high, alpha):
    # Y is a weighted power mean of L and 1 with power rho, increasing in rho and so in sigma.
    assume(high > low)
    assert m.research_output(labor, 1.0, high, alpha) >= m.research_output(labor, 1.0, low, alpha) * (1 - 1e-12)


def test_hand_derived_case_sigma_half_alpha_half():
    # rho = -1: Y = (0.5 / L + 0.5) ** -1, a harmonic mean; L = AutomatedCorp's 239.088.
    labor = m.automatedcorp_speed(0.4)
    assert m.research_output(labor, 1.0, 0.5, 0.5) == pytest.approx(1 / (0.5 / labor + 0.5), rel=1e-14)
    assert m.research_output(labor, 1.0, 0.5, 0.5) == pytest.approx(1.9917, abs=1e-4)


@SETTINGS
@given(labor=st.floats(1.0, 1e12), sigma=sigmas_below_one, alpha=labor_shares)
def test_below_unit_elasticity_unlimited_labor_cannot_pass_the_ceiling(labor, sigma, alpha):
    # Derived in research_output_ceiling: Y -> (1 - alpha) ** (1 / rho) as L -> infinity, K = 1.
    assume(math.log1p(-alpha) * sigma / (sigma - 1) < 690)
    ceiling = m.research_output_ceiling(sigma, alpha)
    assert ceiling == pytest.approx((1 - alpha) ** (sigma / (sigma - 1)), rel=1e-12)
    assert m.research_output(labor, 1.0, sigma, alpha) <= ceiling * (1 + 1e-12)


@pytest.mark.parametrize("sigma, alpha", [(0.1, 0.5), (0.3, 0.7), (0.5, 0.5), (0.5, 0.9)])
def test_output_approaches_the_ceiling_as_labor_grows(sigma, alpha):
    ceiling = m.research_output_ceiling(sigma, alpha)
    assert m.research_output(1e12, 1.0, sigma, alpha) == pytest.approx(ceiling, rel=1e-3)


def test_the_ceiling_scales_with_compute_and_is_compute_itself_for_perfect_complements():
    assert m.research_output_ceiling(0.5, 0.5, compute=10.0) == pytest.approx(20.0, rel=1e-14)
    assert m.research_output_ceiling(0.0, 0.3, compute=4.0) == 4.0


@SETTINGS
@given(labor=st.floats(1.01, 1e6), alpha=labor_shares)
def test_cobb_douglas_keeps_exactly_the_labor_share_of_the_orders_of_magnitude(labor, alpha):
    assert m.surviving_speedup_share(labor, 1.0, alpha) == pytest.approx(alpha, rel=1e-12)


@SETTINGS
@given(labor=st.floats(1.01, 1e6), sigma=sigmas, alpha=labor_shares)
def test_the_surviving_share_is_a_share(labor, sigma, alpha):
    assert -1e-12 <= m.surviving_speedup_share(labor, sigma, alpha) <= 1 + 1e-12


def test_compute_bottleneck_frame_shows_output_under_both_references():
    df = m.compute_bottleneck_frame(substitution_elasticity=0.5, labor_share=0.5)
    assert_tidy(df)
    assert df.groupby("series", sort=False).size().to_dict() == {
        "compute fixed": 30, "no bottleneck": 30, "ceiling": 9, "chosen": 1}  # sigma 0.1 to 3 by 0.1
    fixed = df[df.series == "compute fixed"].set_index("substitution_elasticity").research_speedup
    free = df[df.series == "no bottleneck"].set_index("substitution_elasticity").research_speedup
    cap = df[df.series == "ceiling"].set_index("substitution_elasticity").research_speedup
    assert (fixed <= free * (1 + 1e-12)).all()
    assert (fixed[cap.index] <= cap * (1 + 1e-12)).all()
    assert 1.0 in fixed.index and fixed[1.0] == pytest.approx(free[1.0] ** 0.5)
    chosen = df[df.series == "chosen"].iloc[0]
    assert chosen.research_speedup == pytest.approx(1.9917, abs=1e-4)
    assert (df.labor_speedup == m.automatedcorp_speed(0.4)).all()
    pd.testing.assert_frame_equal(df, m.compute_bottleneck_frame(substitution_elasticity=0.5, labor_share=0.5))


def test_compute_bottleneck_frame_drops_ceilings_beyond_any_accepted_labor():
    df = m.compute_bottleneck_frame(substitution_elasticity=0.5, labor_share=0.99)
    assert_tidy(df)
    assert (df[df.series == "ceiling"].research_speedup <= 1e12).all()


# -- compute bottlenecks (b): experiments too small to teach anything (line 17) -------------------

@SETTINGS
@given(compute=st.floats(1e-3, 1e12))
def test_with_a_fixed_frontier_useful_experiments_grow_with_compute(compute):
    assert m.useful_experiment_growth(compute, 0.0) == compute


@SETTINGS
@given(compute=st.floats(1e-3, 1e12), f=st.floats(1e-15, 1.0))
def test_if_the_frontier_grows_as_fast_as_compute_useful_experiments_do_not_grow(compute, f):
    assert m.useful_experiment_growth(compute, 1.0) == 1.0
    assert m.useful_experiment_rate(compute, 1.0, f) == pytest.approx(1 / f, rel=1e-15)


def test_line_17_billionth_of_a_frontier_run_allows_a_billion_experiments_per_frontier_run():
    # Source line 17: "experiments using 1 billionth of the compute of a frontier training run".
    assert m.useful_experiment_rate(1.0, 0.5) == pytest.approx(1e9, rel=1e-15)


@SETTINGS
@given(compute=st.floats(1.01, 1e6), low=frontier_exponents, high=frontier_exponents)
def test_faster_growing_frontier_runs_leave_room_for_fewer_useful_experiments(compute, low, high):
    assume(high > low + 1e-6)
    assert m.useful_experiment_rate(compute, high, 1e-3) < m.useful_experiment_rate(compute, low, 1e-3)


@settings(max_examples=40, deadline=None)
@given(compute=st.floats(1.0, 50.0), beta=st.floats(0.0, 1.0), f=st.floats(0.02, 1.0))
def test_the_bound_counts_the_smallest_useful_experiments_that_fit_the_budget(compute, beta, f):
    # Direct simulation: fill one unit of time's budget C with experiments of the smallest useful
    # size f * F, F = C ** beta (today's frontier run = 1), and count them.
    size, used, count = f * compute ** beta, 0.0, 0
    while used + size <= compute * (1 + 1e-12):
        used += size
        count += 1
    bound = m.useful_experiment_rate(compute, beta, f)
    assert bound - 1 - 1e-6 < count <= bound * (1 + 1e-9)


def test_useful_experiments_frame_compares_the_chosen_growth_with_a_fixed_frontier():
    df = m.useful_experiments_frame(frontier_growth_exponent=0.5, min_useful_fraction=1e-9,
                                    compute_scaleup=100.0)
    assert_tidy(df)
    assert df.series.value_counts().to_dict() == {"frontier grows": 41, "fixed frontier": 41, "chosen": 1}
    grows = df[df.series == "frontier grows"]
    fixed = df[df.series == "fixed frontier"]
    assert grows.compute_scaleup.iloc[[0, -1]].tolist() == pytest.approx([1.0, 1e4])
    assert np.allclose(grows.growth, grows.compute_scaleup ** 0.5, rtol=1e-14)
    assert np.allclose(fixed.growth, fixed.compute_scaleup, rtol=1e-14)
    assert np.allclose(df.useful_experiments, df.growth / 1e-9, rtol=1e-14)
    chosen = df[df.series == "chosen"].iloc[0]
    assert chosen.growth == pytest.approx(10.0) and chosen.useful_experiments == pytest.approx(1e10)


# -- the experiment loop (line 18) ---------------------------------------------------------------

@SETTINGS
@given(w=shares)
def test_no_speedup_anywhere_leaves_the_loop_at_todays_speed(w):
    assert m.loop_speedup(1.0, 1.0, w) == 1.0


@SETTINGS
@given(c=speedups, r=speedups)
def test_without_waiting_on_experiments_the_loop_runs_at_researcher_speed(c, r):
    assert m.loop_speedup(c, r, 0.0) == pytest.approx(r, rel=1e-15)


@SETTINGS
@given(c=speedups, r=speedups)
def test_with_nothing_but_experiments_the_loop_runs_at_compute_speed(c, r):
    assert m.loop_speedup(c, r, 1.0) == pytest.approx(c, rel=1e-15)


@SETTINGS
@given(c=speedups, r=speedups, w=dyadic_shares)
def test_compute_and_researchers_play_symmetric_roles(c, r, w):
    assert m.loop_speedup(c, r, w) == pytest.approx(m.loop_speedup(r, c, 1 - w), rel=1e-12)


@SETTINGS
@given(c=st.floats(1e-6, 1e30), r=speedups, w=shares_below_one)
def test_however_fast_the_computers_the_amdahl_bound_is_never_exceeded(c, r, w):
    assert m.loop_speedup(c, r, w) <= m.loop_speedup_ceiling(r, w) * (1 + 1e-12)


@SETTINGS
@given(r=speedups, w=shares_below_one)
def test_line_18_infinitely_fast_computers_reach_exactly_the_bound(r, w):
    # Line 18's computer runs any experiment under 1e100 FLOP in under a nanosecond: c -> infinity.
    assert m.loop_speedup(1e30, r, w) == pytest.approx(r / (1 - w), rel=1e-12)


def test_line_18_a_nanosecond_computer_with_todays_researchers_at_most_doubles_an_even_loop():
    # Half of today's loop waits on experiments; a week-long experiment in a nanosecond is
    # c ~ 6e14; researchers unchanged (r = 1): the loop gets at most 2x faster.
    c = 7 * 24 * 3600 * 1e9
    assert 1.99 < m.loop_speedup(c, 1.0, 0.5) < 2.0 == m.loop_speedup_ceiling(1.0, 0.5)


@SETTINGS
@given(c=speedups, factor=st.floats(1.0, 1e3), r=speedups, w=shares)
def test_a_faster_part_never_slows_the_loop(c, factor, r, w):
    s = m.loop_speedup(c, r, w)
    assert m.loop_speedup(c * factor, r, w) >= s * (1 - 1e-12)
    assert m.loop_speedup(c, r * factor, w) >= s * (1 - 1e-12)


@SETTINGS
@given(c=speedups, r=speedups, w=shares)
def test_the_loop_speedup_lies_between_its_parts(c, r, w):
    s = m.loop_speedup(c, r, w)
    assert min(c, r) * (1 - 1e-12) <= s <= max(c, r) * (1 + 1e-12)


@SETTINGS
@given(e=st.floats(0.0, 1e4), resp=st.floats(0.01, 1e4), c=speedups, r=speedups)
def test_the_loop_speedup_is_the_ratio_of_todays_turn_to_the_sped_up_turn(e, resp, c, r):
    w = m.experiment_share_from_times(e, resp)
    direct = (e + resp) / m.loop_iteration_time(e, resp, c, r)
    # 1 - w loses digits as w -> 1: allow a relative rounding error of ~ eps / (1 - w).
    assert m.loop_speedup(c, r, w) == pytest.approx(direct, rel=1e-14 * (1 + e / resp))


@SETTINGS
@given(e=st.floats(0.0, 1e4), resp=st.floats(0.01, 1e4), r=speedups)
def test_the_bound_is_researcher_speedup_times_one_plus_experiment_over_response_time(e, resp, r):
    w = m.experiment_share_from_times(e, resp)
    # 1 - w loses digits as w -> 1: allow a relative rounding error of ~ eps / (1 - w).
    assert m.loop_speedup_ceiling(r, w) == pytest.approx(r * (1 + e / resp), rel=1e-14 * (1 + e / resp))


def test_loop_speedup_broadcasts_arrays():
    out = m.loop_speedup(np.array([1.0, 10.0]), 10.0, 0.5)
    assert isinstance(out, np.ndarray)
    assert out.tolist() == [m.loop_speedup(1.0, 10.0, 0.5), m.loop_speedup(10.0, 10.0, 0.5)]


def test_experiment_loop_heatmap_covers_both_speedups_below_the_bound():
    df = m.experiment_loop_frame(experiment_share=0.5)
    assert_tidy(df)
    assert len(df) == 400
    assert sorted(df.compute_speedup.unique()) == pytest.approx(np.geomspace(1, 1000, 20))
    assert (df.researcher_speedup.diff().fillna(0) >= 0).all()  # researcher speedup varies slowest
    assert ((df.share_of_ceiling > 0) & (df.share_of_ceiling < 1)).all()
    assert df.loop_speedup.iloc[0] == 1.0
    pd.testing.assert_frame_equal(df, m.experiment_loop_frame(experiment_share=0.5))


def test_experiment_loop_curves_approach_the_ceiling():
    df = m.experiment_loop_curves(experiment_share=0.5, researcher_speedup=10.0)
    assert_tidy(df)
    loop = df[df.series == "loop"].loop_speedup.to_numpy()
    assert (np.diff(loop) > 0).all()
    assert loop[-1] == pytest.approx(20.0, rel=1e-4)
    assert set(df[df.series == "ceiling"].loop_speedup) == {20.0}
    assert set(df[df.series == "researchers"].loop_speedup) == {10.0}


# -- published exponents (the comparison table) ---------------------------------------------------

def test_published_exponents_hold_each_source_once():
    keys = [p.source_key for p in m.PUBLISHED_EXPONENTS]
    assert len(set(keys)) == len(keys) == 5
    assert all(re.fullmatch(r"[a-z]+[0-9]{4}[a-z]*", k) for k in keys)
    for p in m.PUBLISHED_EXPONENTS:
        assert p.name and p.note
        assert p.exponent is None or 0 < p.exponent <= 1


def test_brooks_law_has_no_exponent_and_says_so():
    brooks = next(p for p in m.PUBLISHED_EXPONENTS if p.source_key == "brooks1975")
    assert brooks.exponent is None
    assert "no exponent" in brooks.note


def test_this_sources_exponent_is_the_one_the_models_quote():
    ours = next(p for p in m.PUBLISHED_EXPONENTS if p.source_key == "greenblatt2025slowcorp")
    assert ours.exponent == 0.4
    assert f"{m.effective_labor(50, ours.exponent):.1f}x" in ours.note


def test_cocomo_note_quotes_the_computed_implied_exponents():
    cocomo = next(p for p in m.PUBLISHED_EXPONENTS if p.source_key == "boehm1981")
    assert cocomo.exponent == 0.38
    assert f"staff**{m.cocomo_implied_exponent():.2f}" in cocomo.note
    assert f"{m.cocomo_implied_exponent(1.20, 0.32):.2f} in embedded mode" in cocomo.note


def test_cocomo_implied_exponent_matches_a_fit_over_simulated_projects():
    # Boehm (1981) basic COCOMO, organic mode: E = 2.4 S^1.05, T = 2.5 E^0.38, N = E / T.
    size = np.geomspace(2, 500, 30)  # thousand delivered source instructions
    effort = 2.4 * size ** 1.05
    time = 2.5 * effort ** 0.38
    slope = np.polyfit(np.log(effort / time), np.log(size / time), 1)[0]
    assert m.cocomo_implied_exponent(1.05, 0.38) == pytest.approx(slope, rel=1e-10)
    assert m.cocomo_implied_exponent() == pytest.approx(0.9232, abs=1e-4)


# -- docstrings ----------------------------------------------------------------------------------

def test_docstring_examples_run():
    results = [doctest.testmod(module) for module in m.MODULES]
    assert sum(r.attempted for r in results) >= 30
    assert sum(r.failed for r in results) == 0


def test_every_public_function_has_an_example():
    public = [v for module in m.MODULES for k, v in vars(module).items()
              if callable(v) and not k.startswith("_") and getattr(v, "__module__", "") == module.__name__
              and not isinstance(v, type)]
    assert len(public) >= 25
    assert all(">>>" in (f.__doc__ or "") for f in public), [f.__name__ for f in public if ">>>" not in (f.__doc__ or "")]


# -- bad input -----------------------------------------------------------------------------------

NAN, INF = float("nan"), float("inf")
# (function, valid keyword arguments, parameter, out-of-range values beyond NaN/inf/type errors)
CALLS = [
    (m.effective_labor, dict(workers=50, exponent=0.4), "workers", [0.5, -1.0, 1e7]),
    (m.effective_labor, dict(workers=50, exponent=0.4), "exponent", [-0.1, 1.5]),
    (m.labor_equivalent_speedup, dict(speed=50, workers=50, exponent=0.4), "speed", [0.0, -1.0, 1e7]),
    (m.labor_equivalent_speedup, dict(speed=50, workers=50, exponent=0.4), "workers", [0.0, -5.0]),
    (m.labor_equivalent_speedup, dict(speed=50, workers=50, exponent=0.4), "exponent", [-1.0, 2.0]),
    (m.penalty_curves, dict(exponent=0.4, workers=50, speed=50), "exponent", [-0.5, 1.01]),
    (m.penalty_curves, dict(exponent=0.4, workers=50, speed=50), "workers", [0.0, -2.0]),
    (m.penalty_curves, dict(exponent=0.4, workers=50, speed=50), "speed", [0.0, -2.0]),
    (m.penalty_curves, dict(exponent=0.4, workers=50, speed=50, points=61), "points", [1, 0, -3, 5000, 6.1]),
    (m.cocomo_implied_exponent, dict(size_exponent=1.05, schedule_exponent=0.38), "size_exponent", [0.5, 3.0]),
    (m.cocomo_implied_exponent, dict(size_exponent=1.05, schedule_exponent=0.38), "schedule_exponent",
     [-0.1, 1.0]),
    (m.corporation_speed, dict(serial_speed=1, workforce=1, exponent=0.4), "serial_speed", [0.0, -1.0, 1e7]),
    (m.corporation_speed, dict(serial_speed=1, workforce=1, exponent=0.4), "workforce", [0.0, -1.0, 1e7]),
    (m.corporation_speed, dict(serial_speed=1, workforce=1, exponent=0.4), "exponent", [-0.1, 1.1]),
    (m.corporation_speeds, dict(human_exponent=0.4, ai_exponent=0.4), "human_exponent", [-0.1, 1.1]),
    (m.corporation_speeds, dict(human_exponent=0.4, ai_exponent=0.4), "ai_exponent", [-0.1, 1.1]),
    (m.slowcorp_speed, dict(human_exponent=0.4), "human_exponent", [-1.0, 2.0]),
    (m.automatedcorp_speed, dict(ai_exponent=0.4), "ai_exponent", [-1.0, 2.0]),
    (m.corporations_frame, dict(human_exponent=0.4, ai_exponent=0.4), "human_exponent", [-0.1, 1.1]),
    (m.corporations_frame, dict(human_exponent=0.4, ai_exponent=0.4), "ai_exponent", [-0.1, 1.1]),
    (m.corporations_frame, dict(human_exponent=0.4, ai_exponent=0.4, points=21), "points", [1, 0, 10_000, 2.5]),
    (m.research_output, dict(labor=10, compute=1, substitution_elasticity=0.5, labor_share=0.5), "labor",
     [0.0, -1.0, 1e13]),
    (m.research_output, dict(labor=10, compute=1, substitution_elasticity=0.5, labor_share=0.5), "compute",
     [0.0, -1.0, 1e13]),
    (m.research_output, dict(labor=10, compute=1, substitution_elasticity=0.5, labor_share=0.5),
     "substitution_elasticity", [-0.1, 11.0]),
    (m.research_output, dict(labor=10, compute=1, substitution_elasticity=0.5, labor_share=0.5),
     "labor_share", [0.0, 1.0, -0.5, 1.5]),
    (m.research_output_ceiling, dict(substitution_elasticity=0.5, labor_share=0.5), "substitution_elasticity",
     [-0.1, 1.0, 2.0]),
    (m.research_output_ceiling, dict(substitution_elasticity=0.5, labor_share=0.5), "labor_share",
     [0.0, 1.0, 2.0]),
    (m.research_output_ceiling, dict(substitution_elasticity=0.5, labor_share=0.5, compute=1.0), "compute",
     [0.0, -1.0]),
    (m.surviving_speedup_share, dict(labor_speedup=10, substitution_elasticity=0.5, labor_share=0.5),
     "labor_speedup", [1.0, 0.5, -3.0, 1e13]),
    (m.surviving_speedup_share, dict(labor_speedup=10, substitution_elasticity=0.5, labor_share=0.5),
     "substitution_elasticity", [-1.0, 20.0]),
    (m.surviving_speedup_share, dict(labor_speedup=10, substitution_elasticity=0.5, labor_share=0.5),
     "labor_share", [0.0, 1.0]),
    (m.compute_bottleneck_frame, dict(substitution_elasticity=0.5, labor_share=0.5), "substitution_elasticity",
     [-0.1, 11.0]),
    (m.compute_bottleneck_frame, dict(substitution_elasticity=0.5, labor_share=0.5), "labor_share", [0.0, 1.0]),
    (m.compute_bottleneck_frame, dict(substitution_elasticity=0.5, labor_share=0.5, labor_speedup=239.0),
     "labor_speedup", [0.0, -1.0, 1e13]),
    (m.compute_bottleneck_frame, dict(substitution_elasticity=0.5, labor_share=0.5, points=39), "points",
     [1, 1000, 3.5]),
    (m.useful_experiment_rate, dict(compute_scaleup=10, frontier_growth_exponent=0.5, min_useful_fraction=1e-9),
     "compute_scaleup", [0.0, -1.0, 1e13]),
    (m.useful_experiment_rate, dict(compute_scaleup=10, frontier_growth_exponent=0.5, min_useful_fraction=1e-9),
     "frontier_growth_exponent", [-0.1, 2.5]),
    (m.useful_experiment_rate, dict(compute_scaleup=10, frontier_growth_exponent=0.5, min_useful_fraction=1e-9),
     "min_useful_fraction", [0.0, -1e-9, 1.5]),
    (m.useful_experiment_growth, dict(compute_scaleup=10, frontier_growth_exponent=0.5), "compute_scaleup",
     [0.0, -1.0]),
    (m.useful_experiment_growth, dict(compute_scaleup=10, frontier_growth_exponent=0.5),
     "frontier_growth_exponent", [-0.1, 3.0]),
    (m.useful_experiments_frame, dict(frontier_growth_exponent=0.5, min_useful_fraction=1e-9,
                                      compute_scaleup=100.0), "frontier_growth_exponent", [-0.1, 3.0]),
    (m.useful_experiments_frame, dict(frontier_growth_exponent=0.5, min_useful_fraction=1e-9,
                                      compute_scaleup=100.0), "min_useful_fraction", [0.0, 2.0]),
    (m.useful_experiments_frame, dict(frontier_growth_exponent=0.5, min_useful_fraction=1e-9,
                                      compute_scaleup=100.0), "compute_scaleup", [0.0, -5.0]),
    (m.useful_experiments_frame, dict(frontier_growth_exponent=0.5, points=41), "points", [0, 1, 500, 4.0]),
    (m.loop_iteration_time, dict(experiment_time=1, response_time=1, compute_speedup=1, researcher_speedup=1),
     "experiment_time", [-1.0, 1e13]),
    (m.loop_iteration_time, dict(experiment_time=1, response_time=1, compute_speedup=1, researcher_speedup=1),
     "response_time", [-1.0, 1e13]),
    (m.loop_iteration_time, dict(experiment_time=1, response_time=1, compute_speedup=1, researcher_speedup=1),
     "compute_speedup", [0.0, -1.0, 1e31]),
    (m.loop_iteration_time, dict(experiment_time=1, response_time=1, compute_speedup=1, researcher_speedup=1),
     "researcher_speedup", [0.0, -1.0, 1e31]),
    (m.experiment_share_from_times, dict(experiment_time=1, response_time=1), "experiment_time", [-1.0]),
    (m.experiment_share_from_times, dict(experiment_time=1, response_time=1), "response_time", [-1.0]),
    (m.loop_speedup, dict(compute_speedup=10, researcher_speedup=10, experiment_share=0.5), "compute_speedup",
     [0.0, -1.0, 1e31]),
    (m.loop_speedup, dict(compute_speedup=10, researcher_speedup=10, experiment_share=0.5), "researcher_speedup",
     [0.0, -1.0, 1e31]),
    (m.loop_speedup, dict(compute_speedup=10, researcher_speedup=10, experiment_share=0.5), "experiment_share",
     [-0.1, 1.1]),
    (m.loop_speedup_ceiling, dict(researcher_speedup=10, experiment_share=0.5), "researcher_speedup",
     [0.0, -1.0]),
    (m.loop_speedup_ceiling, dict(researcher_speedup=10, experiment_share=0.5), "experiment_share",
     [-0.1, 1.0, 1.1]),
    (m.experiment_loop_frame, dict(experiment_share=0.5), "experiment_share", [-0.1, 1.0]),
    (m.experiment_loop_frame, dict(experiment_share=0.5, max_speedup=1000.0), "max_speedup", [1.0, 0.5, 1e7]),
    (m.experiment_loop_frame, dict(experiment_share=0.5, points=20), "points", [1, 31, 2.0]),
    (m.experiment_loop_curves, dict(experiment_share=0.5, researcher_speedup=10.0), "experiment_share",
     [-0.1, 1.0]),
    (m.experiment_loop_curves, dict(experiment_share=0.5, researcher_speedup=10.0), "researcher_speedup",
     [0.0, -1.0]),
    (m.experiment_loop_curves, dict(experiment_share=0.5, researcher_speedup=10.0, points=61), "points",
     [0, 1000, 6.1]),
]
ALWAYS_BAD = [NAN, INF, -INF, "0.5", None, True, [[1.0, 2.0]]]
INTEGER_ONLY = {"points"}


def _bad_cases():
    for func, kwargs, param, out_of_range in CALLS:
        values = out_of_range + (["20", None, True] if param in INTEGER_ONLY else ALWAYS_BAD)
        for value in values:
            yield pytest.param(func, kwargs, param, value, id=f"{func.__name__}-{param}-{value!r}")


@pytest.mark.parametrize("func, kwargs, param, value", list(_bad_cases()))
def test_bad_input_raises_a_value_error_naming_the_parameter(func, kwargs, param, value):
    assert func(**kwargs) is not None  # the valid call works
    with pytest.raises(ValueError, match=rf"^{param}\b"):
        func(**{**kwargs, param: value})


@pytest.mark.parametrize("func, kwargs, param", [
    (m.effective_labor, dict(exponent=0.4), "workers"),
    (m.research_output, dict(compute=1, substitution_elasticity=0.5, labor_share=0.5), "labor"),
    (m.loop_speedup, dict(researcher_speedup=10, experiment_share=0.5), "compute_speedup"),
    (m.loop_speedup, dict(compute_speedup=10, experiment_share=0.5), "researcher_speedup"),
])
@pytest.mark.parametrize("values", [[1.0, NAN], [1.0, INF], [1.0, -1.0], [], ["a", "b"]])
def test_bad_arrays_raise_a_value_error_naming_the_parameter(func, kwargs, param, values):
    with pytest.raises(ValueError, match=rf"^{param}\b"):
        func(**{**kwargs, param: values})


def test_a_loop_with_no_duration_today_is_rejected():
    with pytest.raises(ValueError, match="experiment_time and response_time"):
        m.experiment_share_from_times(0.0, 0.0)


def test_a_ceiling_too_large_for_floating_point_is_refused_not_returned_as_inf():
    with pytest.raises(ValueError, match="substitution_elasticity"):
        m.research_output_ceiling(0.999999, 0.9999)
