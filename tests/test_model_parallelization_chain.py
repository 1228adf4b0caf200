"""Tests of the chained model (penalty -> compute bottleneck -> experiment loop), the single-exponent
equivalent, and the toy model of coordination (source lines 12-18).

Oracles are written out here independently of the model: the CES and Amdahl formulas by hand, the
Brooks channel count by enumerating pairs, and limits (no waiting, no coordination cost).
"""
from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from essays.models import parallelization as m

SETTINGS = settings(max_examples=50, deadline=None)
lams = st.floats(0.0, 1.0)
sigmas = st.floats(0.05, 5.0)
alphas = st.floats(0.05, 0.95)
shares = st.floats(0.0, 1.0)
ratios = st.floats(0.0, 1.0)


def ces_by_hand(labor: float, sigma: float, alpha: float, compute: float = 1.0) -> float:
    if abs(sigma - 1.0) < 1e-9:
        return labor ** alpha * compute ** (1 - alpha)
    rho = (sigma - 1) / sigma
    return (alpha * labor ** rho + (1 - alpha) * compute ** rho) ** (1 / rho)


# -- the chain --------------------------------------------------------------------------------------

@SETTINGS
@given(lam=lams, sigma=sigmas, alpha=alphas, w=shares)
def test_the_chain_stages_multiply_to_its_total(lam, sigma, alpha, w):
    r = m.chain_stages(lam, sigma, alpha, w)
    product = r.serial_speed * r.copies_factor * r.compute_factor * r.loop_factor
    assert product == pytest.approx(r.total, rel=1e-12)
    df = m.chain_frame(lam, sigma, w, alpha)
    assert df.factor.iloc[1:5].prod() == pytest.approx(df.after.iloc[-1], rel=1e-12)
    assert (df.after.iloc[:-1].to_numpy()[:-1] == df.before.iloc[1:-1].to_numpy()).all()  # each starts where the last ended


def test_the_chain_starts_from_the_labor_equivalent_239x():
    r = m.chain_stages()
    assert r.labor_equivalent == pytest.approx(50 * 50 ** 0.4, rel=1e-15)
    assert round(r.labor_equivalent) == 239


def test_the_chain_at_the_chapters_defaults_by_hand():
    # sigma = alpha = w = 0.5, K = c = 1: CES at sigma = 0.5 is the harmonic mean 1 / (0.5/L + 0.5).
    labor = 50 * 50 ** 0.4
    turn = 1 / (0.5 + 0.5 / 50)
    assert m.chain_stages().after_compute == pytest.approx(1 / (0.5 / labor + 0.5), rel=1e-12)
    assert m.chain_stages().total == pytest.approx(1 / (0.5 / (turn * 50 ** 0.4) + 0.5), rel=1e-12)


@SETTINGS
@given(lam=lams, sigma=sigmas, alpha=alphas)
def test_with_nothing_waiting_on_experiments_the_loop_costs_nothing(lam, sigma, alpha):
    r = m.chain_stages(lam, sigma, alpha, experiment_share=0.0)
    assert r.loop_factor == pytest.approx(1.0, rel=1e-12)
    assert r.after_compute == pytest.approx(ces_by_hand(50 * 50 ** lam, sigma, alpha), rel=1e-9)


@SETTINGS
@given(lam=lams, sigma=sigmas, alpha=alphas, w=shares)
def test_automatedcorp_never_falls_below_normalcorp_nor_rises_above_its_labor_equivalent(lam, sigma, alpha, w):
    r = m.chain_stages(lam, sigma, alpha, w)
    assert 1.0 - 1e-12 <= r.total <= r.after_compute * (1 + 1e-12) <= r.labor_equivalent * (1 + 1e-12)


@SETTINGS
@given(lam=lams, sigma=sigmas, w1=shares, w2=shares)
def test_more_waiting_on_experiments_never_speeds_automatedcorp_up(lam, sigma, w1, w2):
    lo, hi = sorted((w1, w2))
    assert m.chain_summary(lam, sigma, hi)["total"] <= m.chain_summary(lam, sigma, lo)["total"] * (1 + 1e-12)


def test_cobb_douglas_keeps_the_square_root_of_the_labor_equivalent():
    r = m.chain_stages(0.4, 1.0, 0.5, 0.0)
    assert r.total == pytest.approx(math.sqrt(50 * 50 ** 0.4), rel=1e-12)


def test_the_chain_summary_is_fast_enough_for_the_claims_grid():
    import time
    start = time.perf_counter()
    for _ in range(500):
        m.chain_summary(0.4, 0.5, 0.5)
    assert (time.perf_counter() - start) / 500 < 5e-4  # 6,000 grid points in a few seconds at most


# -- one exponent for speed and copies alike ----------------------------------------------------------

def test_the_single_exponent_equivalent_of_the_quoted_split_is_point_seven():
    # 50 * 50^0.4 = 2500^lambda  <=>  lambda = log(50 * 50^0.4) / log(2500) = 1.4 log 50 / (2 log 50).
    lam = m.single_exponent_equivalent(50, 50, 0.4)
    assert lam == pytest.approx(0.7, abs=1e-12)
    assert 2500 ** lam == pytest.approx(m.automatedcorp_speed(0.4), rel=1e-12)


@SETTINGS
@given(s=st.floats(1.01, 1e3), n=st.floats(1.01, 1e3), lam=lams)
def test_the_single_exponent_reproduces_the_split_for_any_company(s, n, lam):
    single = m.single_exponent_equivalent(s, n, lam)
    assert (s * n) ** single == pytest.approx(s * n ** lam, rel=1e-9)
    assert lam - 1e-12 <= single <= 1 + 1e-12


# -- coordination -----------------------------------------------------------------------------------

def test_brooks_channels_are_the_pairs_of_a_team():
    for n in (1, 2, 5, 10):
        pairs = len(list(itertools.combinations(range(n), 2)))
        assert m.team_output(n, 0.01) == pytest.approx(n - 0.01 * pairs, rel=1e-15)


@SETTINGS
@given(lam=lams)
def test_free_channels_mean_no_penalty_whatever_the_human_exponent(lam):
    r = m.coordination_summary(lam, 0.0)
    assert r.ai_cost == 0.0 and r.ai_exponent == 1.0
    assert r.automatedcorp == pytest.approx(2500.0, rel=1e-12)


@SETTINGS
@given(lam=lams)
def test_ais_that_coordinate_like_people_take_the_human_exponent(lam):
    r = m.coordination_summary(lam, 1.0)
    assert r.ai_exponent == pytest.approx(lam, abs=1e-9)
    assert r.automatedcorp == pytest.approx(m.automatedcorp_speed(lam), rel=1e-9)


@SETTINGS
@given(lam=st.floats(0.0, 0.99), r1=ratios, r2=ratios)
def test_cheaper_channels_never_lower_the_exponent(lam, r1, r2):
    lo, hi = sorted((r1, r2))
    assert m.coordination_summary(lam, lo).ai_exponent >= m.coordination_summary(lam, hi).ai_exponent - 1e-12


def test_the_calibrated_human_cost_by_hand():
    # b = 10, m = 50: k = (500 - 50^0.4 * 10) / (500*499/2 - 50^0.4 * 10*9/2).
    gain = 50 ** 0.4
    assert m.calibrated_channel_cost(0.4) == pytest.approx((500 - gain * 10) / (124750 - gain * 45), rel=1e-12)


def test_coordination_frame_is_tidy_and_its_chosen_row_is_the_summary():
    df = m.coordination_frame(0.4, 0.5)
    assert len(df) == 42 and df.isna().sum().sum() == 0
    chosen = df.iloc[-1]
    assert chosen.automatedcorp == pytest.approx(m.coordination_summary(0.4, 0.5).automatedcorp)


# -- bad input --------------------------------------------------------------------------------------

@pytest.mark.parametrize("func, kwargs, param, bad", [
    (m.chain_stages, {}, "ai_exponent", [-0.1, 1.1, float("nan")]),
    (m.chain_stages, {}, "substitution_elasticity", [-1.0, 11.0]),
    (m.chain_stages, {}, "labor_share", [0.0, 1.0]),
    (m.chain_stages, {}, "experiment_share", [-0.1, 1.1]),
    (m.chain_stages, {}, "compute", [0.0, -1.0]),
    (m.chain_stages, {}, "compute_speedup", [0.0]),
    (m.chain_summary, {}, "experiment_share", [2.0]),
    (m.chain_frame, {}, "substitution_elasticity", [-0.5]),
    (m.single_exponent_equivalent, {}, "speed", [1.0, 0.5]),
    (m.single_exponent_equivalent, {}, "workers", [0.0]),
    (m.single_exponent_equivalent, {}, "exponent", [1.5]),
    (m.team_output, {"members": 10, "channel_cost": 0.0}, "members", [0.5, float("inf")]),
    (m.team_output, {"members": 10, "channel_cost": 0.0}, "channel_cost", [-0.1, 1.5, 0.5]),
    (m.effective_exponent, {"channel_cost": 0.0}, "base_team", [0, 2.5]),
    (m.effective_exponent, {"channel_cost": 0.0}, "scale", [1.0]),
    (m.calibrated_channel_cost, {"exponent": 0.4}, "exponent", [-0.1, 1.1]),
    (m.coordination_summary, {}, "cost_ratio", [-0.1, 1.1]),
    (m.coordination_frame, {}, "cost_ratio", [2.0]),
    (m.coordination_frame, {}, "points", [1, 1000]),
])
def test_bad_input_raises_a_value_error_naming_the_parameter(func, kwargs, param, bad):
    for value in bad:
        with pytest.raises(ValueError, match=param if param != "channel_cost" or value != 0.5 else "channel_cost"):
            func(**{**kwargs, param: value})
