"""Tests for the Legible-evidence chapter's resampling model (iterating against a probe)."""
from __future__ import annotations

import doctest
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from essays.models import legibility
from essays.models.legibility import (
    expected_max_normal,
    frame_samples,
    improvement_gap,
    measured_improvement,
    resampling_frame,
    simulate_resampling,
    true_improvement,
)

correlations = st.floats(-1.0, 1.0)
sample_counts = st.integers(1, 10_000)


# --- Part 2: the expected maximum of k normals --------------------------------------------------


@pytest.mark.parametrize("k, exact, source", [
    (1, 0.0, "E[N(0, 1)]"),
    (2, 1 / math.sqrt(math.pi), "closed form, the brief"),
    (3, 3 / (2 * math.sqrt(math.pi)), "closed form, the brief"),
    (4, 6 / math.pi**1.5 * math.atan(math.sqrt(2)), "closed form (order statistics of normals)"),
    (5, 5 / (4 * math.sqrt(math.pi)) * (1 + 6 / math.pi * math.asin(1 / 3)), "closed form"),
])
def test_expected_max_matches_closed_forms_to_a_millionth(k, exact, source):
    assert expected_max_normal(k) == pytest.approx(exact, abs=1e-6), source


@pytest.mark.parametrize("k, table", [(10, 1.53875), (100, 2.50759), (1000, 3.24144)])
def test_expected_max_matches_published_tables(k, table):
    # Tabulated expected normal order statistics (e.g. Harter 1961), to five decimals.
    assert expected_max_normal(k) == pytest.approx(table, abs=6e-6)


def _expected_max_by_tail_integrals(k: int) -> float:
    """Independent route: E[X] = int_0^inf P(X > x) dx - int_-inf^0 P(X < x) dx with P(X < x) = Phi^k."""
    x = np.linspace(0.0, 12.0, 24_001)
    cdf_pos = np.array([0.5 * math.erfc(-v / math.sqrt(2)) for v in x])
    cdf_neg = np.array([0.5 * math.erfc(v / math.sqrt(2)) for v in x])  # Phi(-x)
    h = x[1] - x[0]
    upper = 1.0 - cdf_pos**k
    lower = cdf_neg**k
    trap = lambda f: h * (f.sum() - 0.5 * (f[0] + f[-1]))  # noqa: E731
    return trap(upper) - trap(lower)


@pytest.mark.parametrize("k", [2, 7, 30, 250])
def test_expected_max_agrees_with_an_independent_tail_integral(k):
    assert expected_max_normal(k) == pytest.approx(_expected_max_by_tail_integrals(k), abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(sample_counts, sample_counts)
def test_more_samples_push_the_expected_max_higher(a, b):
    lo, hi = sorted((a, b))
    assert expected_max_normal(lo) <= expected_max_normal(hi)
    if lo < hi:
        assert expected_max_normal(lo) < expected_max_normal(hi)


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 1_000_000))
def test_expected_max_stays_below_root_two_log_k(k):
    assert 0 < expected_max_normal(k) < math.sqrt(2 * math.log(k))


def test_an_array_of_sample_counts_matches_the_scalar_values():
    ks = [1, 2, 17, 100]
    assert expected_max_normal(ks) == pytest.approx([expected_max_normal(k) for k in ks], abs=1e-15)


# --- Part 2: resampling against the probe ------------------------------------------------------


@pytest.mark.parametrize("k", [2, 10, 100])
@pytest.mark.parametrize("rho", [0.3, 0.8])
def test_closed_forms_agree_with_a_seeded_monte_carlo(k, rho):
    sim = simulate_resampling(k, rho, draws=20_000, seed=12345)
    assert abs(sim.measured - measured_improvement(k)) < 4 * sim.measured_se
    assert abs(sim.true - true_improvement(k, rho)) < 4 * sim.true_se


def test_the_simulation_is_reproducible_from_its_seed():
    assert simulate_resampling(5, 0.5, draws=1000, seed=7) == simulate_resampling(5, 0.5, draws=1000, seed=7)
    assert simulate_resampling(5, 0.5, draws=1000, seed=7) != simulate_resampling(5, 0.5, draws=1000, seed=8)


@settings(max_examples=60, deadline=None)
@given(sample_counts, correlations)
def test_the_probe_overstates_the_improvement_by_one_minus_rho_of_it(k, rho):
    measured = measured_improvement(k)
    assert improvement_gap(k, rho) == pytest.approx(measured - true_improvement(k, rho), abs=1e-12)
    assert true_improvement(k, rho) == pytest.approx(rho * measured, abs=1e-12)
    if rho <= 1:
        assert improvement_gap(k, rho) >= 0


@settings(max_examples=40, deadline=None)
@given(sample_counts)
def test_a_perfect_probe_is_not_fooled_and_a_useless_one_is_entirely_fooled(k):
    assert improvement_gap(k, 1.0) == 0.0
    assert true_improvement(k, 0.0) == 0.0


def test_best_of_a_hundred_at_rho_one_half_reads_two_and_a_half_sd_but_is_one_and_a_quarter():
    assert measured_improvement(100) == pytest.approx(2.5076, abs=1e-4)
    assert true_improvement(100, 0.5) == pytest.approx(1.2538, abs=1e-4)
    assert improvement_gap(100, 0.5) == pytest.approx(1.2538, abs=1e-4)


def test_the_resampling_frame_is_tidy_and_ordered():
    df = resampling_frame(correlation=0.5)
    ks = frame_samples()
    assert list(df.columns) == ["series", "samples", "improvement"]
    assert list(df["series"].unique()) == ["measured", "true", "gap"]
    assert len(df) == 3 * len(ks) <= 300
    assert ks[0] == 1 and ks[-1] == 100 and (np.diff(ks) > 0).all()
    assert df["samples"].tolist() == ks.astype(float).tolist() * 3
    assert not df.isna().any().any()
    pd.testing.assert_frame_equal(df, resampling_frame(correlation=0.5))


@settings(max_examples=40, deadline=None)
@given(correlations)
def test_the_resampling_frames_gap_is_measured_minus_true(rho):
    df = resampling_frame(correlation=rho)
    wide = df.pivot(index="samples", columns="series", values="improvement")
    assert np.allclose(wide["gap"], wide["measured"] - wide["true"], atol=1e-12)
    assert np.allclose(wide["measured"], expected_max_normal(frame_samples()), atol=1e-15)
    assert np.isfinite(df["improvement"]).all()


# --- Bad input -------------------------------------------------------------------------------

BAD_CALLS = [
    ("expected_max zero samples", lambda: expected_max_normal(0), "samples"),
    ("expected_max fractional samples", lambda: expected_max_normal(2.5), "samples"),
    ("expected_max too many samples", lambda: expected_max_normal(10**7), "samples"),
    ("expected_max nan samples", lambda: expected_max_normal(float("nan")), "samples"),
    ("expected_max fractional array", lambda: expected_max_normal([1, 2.5]), "samples"),
    ("expected_max bool", lambda: expected_max_normal(True), "samples"),
    ("measured negative samples", lambda: measured_improvement(-4), "samples"),
    ("true correlation above one", lambda: true_improvement(10, 1.5), "correlation"),
    ("true correlation nan", lambda: true_improvement(10, float("nan")), "correlation"),
    ("gap correlation below minus one", lambda: improvement_gap(10, -1.5), "correlation"),
    ("gap correlation str", lambda: improvement_gap(10, "0.5"), "correlation"),
    ("simulate samples", lambda: simulate_resampling(0, 0.5), "samples"),
    ("simulate samples too many", lambda: simulate_resampling(5000, 0.5), "samples"),
    ("simulate correlation", lambda: simulate_resampling(2, 2.0), "correlation"),
    ("simulate draws", lambda: simulate_resampling(2, 0.5, draws=1), "draws"),
    ("simulate draws float", lambda: simulate_resampling(2, 0.5, draws=100.0), "draws"),
    ("simulate seed", lambda: simulate_resampling(2, 0.5, seed=-1), "seed"),
    ("resampling_frame correlation", lambda: resampling_frame(correlation=float("inf")), "correlation"),
]


@pytest.mark.parametrize("description, call, name", BAD_CALLS, ids=[c[0] for c in BAD_CALLS])
def test_bad_input_raises_a_value_error_naming_the_parameter(description, call, name):
    with pytest.raises(ValueError, match=rf"^{name}\b"):
        call()


@pytest.mark.parametrize("module", [legibility.audiences, legibility.crux, legibility.resampling],
                         ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_every_docstring_example_runs(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 5
    assert result.failed == 0


def test_the_package_re_exports_every_public_name_of_its_modules():
    for module in (legibility.audiences, legibility.crux, legibility.resampling):
        for name in module.__all__:
            assert getattr(legibility, name) is getattr(module, name)
