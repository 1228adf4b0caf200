"""Tests of the survival chapter's second-edition models: the Earth objection as a bound.

The two-phase lag (essays.models.survival.two_phase_lag_doublings) is checked against its
properties (never above the bound T log2(1/x), equal to it without a seed, continuous where the
cap binds, at most one doubling time of lag per doubling time) and against an independent oracle:
the sizes of the two economies written out in watts here, the confined one as the larger of its
two routes, and the lag read off by inverting the rival's growth.
"""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from essays.models import survival as m
from essays.models.survival import (
    DAY, YEAR, cap_binds_doublings, earth_bound_summary, earth_constraint_delay, two_phase_lag,
    two_phase_lag_doublings,
)

P0 = 620e18 / (365.25 * 86400)  # today's world primary power, W (620 EJ a year, EI 2024)
E = 1361 * math.pi * 6.371e6**2  # sunlight on Earth, W

fractions = st.floats(m.TWO_PHASE_FRACTION_RANGE[0], 1.0)
seeds = st.floats(0.0, 1.0)
ratios = st.floats(1.0, 10.0)
times = st.floats(0.0, 60.0)


def oracle_lag(u, x, seed, k):
    """Lag in doubling times from sizes in watts (no shared code with the module)."""
    rival = P0 * 2.0**u
    cap = x * E
    t1 = math.log2(cap / P0)  # the rival, and the confined economy, fill x E after t1 doublings
    if u <= t1:
        confined = rival
    else:
        t_fill = math.log2(E / P0)  # the rival fills all of Earth
        waiting = cap * 2.0 ** max(0.0, u - t_fill)
        seeded = cap + seed * cap * (2.0 ** ((u - t1) / k) - 1.0)
        confined = max(waiting, seeded)
    return u - math.log2(confined / P0)  # the rival was this size log2(confined / P0) doublings in


def test_the_waste_heat_limit_is_four_times_the_forcing_over_the_solar_constant():
    assert m.WASTE_HEAT_LIMIT_W == pytest.approx(2.72 * 4 * math.pi * 6.371e6**2, rel=1e-12)
    assert m.WASTE_HEAT_FRACTION == pytest.approx(4 * 2.72 / 1361, rel=1e-12)
    assert f"{m.WASTE_HEAT_FRACTION:.2%}" == "0.80%"


def test_farmland_and_pasture_take_about_a_tenth_of_the_sunlight_on_earth():
    # FAO (2024): 4781 million ha of agricultural land in 2022; Earth's surface 4 pi R^2
    assert m.FOOD_SYSTEM_SHARE_OF_SUNLIGHT == pytest.approx(4781e10 / (4 * math.pi * 6.371e6**2), rel=1e-12)
    assert f"{m.FOOD_SYSTEM_SHARE_OF_SUNLIGHT:.1%}" == "9.4%"


def test_today_is_about_thirteen_doublings_below_the_sunlight_on_earth():
    assert m.DOUBLINGS_TO_EARTH == pytest.approx(math.log2(E / P0), rel=1e-12)
    assert round(m.DOUBLINGS_TO_EARTH, 1) == 13.1


@settings(max_examples=50, deadline=None)
@given(times, fractions, seeds, ratios)
def test_two_phase_lag_matches_the_oracle(u, x, seed, k):
    assert two_phase_lag_doublings(u, x, seed, k) == pytest.approx(oracle_lag(u, x, seed, k), abs=1e-9)


@settings(max_examples=50, deadline=None)
@given(times, fractions, seeds, ratios)
def test_the_two_phase_lag_never_exceeds_the_bound(u, x, seed, k):
    assert 0.0 <= two_phase_lag_doublings(u, x, seed, k) <= math.log2(1 / x) + 1e-12


@settings(max_examples=50, deadline=None)
@given(fractions, st.floats(0.0, 1e3), ratios)
def test_without_a_seed_the_lag_reaches_the_bound_once_the_rival_fills_earth(x, extra, k):
    u = cap_binds_doublings(x) + math.log2(1 / x) + extra
    assert two_phase_lag_doublings(u, x, 0.0, k) == pytest.approx(math.log2(1 / x), abs=1e-12)
    # and in seconds, exactly the bound of model 3 (to the same 1e-12 doublings, a year each, where
    # x is within rounding of 1 and the bound itself is a few ulp: x = 1 - 2**-53 gives 5e-9 s)
    assert two_phase_lag(u * YEAR, x, YEAR, 0.0, k) == pytest.approx(earth_constraint_delay(x, YEAR), rel=1e-9,
                                                                      abs=1e-12 * YEAR)


@settings(max_examples=50, deadline=None)
@given(fractions, seeds, ratios, st.floats(1e-9, 1e-3))
def test_the_lag_is_continuous_where_the_cap_binds(x, seed, k, eps):
    n1 = cap_binds_doublings(x)
    assert two_phase_lag_doublings(max(0.0, n1 - eps), x, seed, k) == 0.0
    assert two_phase_lag_doublings(n1, x, seed, k) == 0.0
    assert two_phase_lag_doublings(n1 + eps, x, seed, k) <= eps * (1 + 1e-6) + 1e-12


@settings(max_examples=50, deadline=None)
@given(times, st.floats(1e-6, 2.0), fractions, seeds, ratios)
def test_the_lag_grows_at_most_one_doubling_time_per_doubling_time(u, du, x, seed, k):
    a, b = two_phase_lag_doublings(u, x, seed, k), two_phase_lag_doublings(u + du, x, seed, k)
    assert b - a <= du + 1e-9


@settings(max_examples=50, deadline=None)
@given(st.floats(1e-4, 0.5), st.floats(2.5e-4, 0.1))
def test_a_seed_doubling_at_t_costs_log2_one_over_seed_whatever_x(seed, x):
    """Long after the cap binds, the lag tends to min(log2(1/seed), log2(1/x)): x only caps it."""
    u = cap_binds_doublings(x) + 200.0
    assert two_phase_lag_doublings(u, x, seed, 1.0) == pytest.approx(
        min(math.log2(1 / seed), math.log2(1 / x)), abs=1e-9)


@settings(max_examples=50, deadline=None)
@given(times, fractions, st.floats(0.0, 0.5), st.floats(0.0, 0.5), ratios)
def test_a_larger_seed_never_costs_more(u, x, s1, s2, k):
    lo, hi = sorted((s1, s2))
    assert two_phase_lag_doublings(u, x, hi, k) <= two_phase_lag_doublings(u, x, lo, k) + 1e-12


def test_a_whole_economy_seed_at_the_rivals_pace_costs_nothing():
    for u in (0.0, 5.0, 10.0, 30.0):
        assert two_phase_lag_doublings(u, 0.01, 1.0, 1.0) == pytest.approx(0.0, abs=1e-12)


def test_a_cap_below_todays_economy_is_refused():
    with pytest.raises(ValueError, match="fraction"):
        two_phase_lag_doublings(1.0, 1e-5, 0.1, 1.0)


def test_huge_times_do_not_overflow():
    assert two_phase_lag_doublings(1e6, 0.01, 0.5, 1.0) == pytest.approx(1.0)
    assert two_phase_lag_doublings(1e6, 0.01, 0.0, 1.0) == pytest.approx(math.log2(100))


def test_the_claims_model_is_the_bound_in_years():
    summary = earth_bound_summary(0.01, 365.25)
    assert summary["bound_years"] == pytest.approx(math.log2(100))
    assert summary["bound_years"] * YEAR == pytest.approx(earth_constraint_delay(0.01, 365.25 * DAY))
