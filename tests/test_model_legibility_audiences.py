"""Tests for the Legible-evidence chapter's audiences model: k positive results out of m runs."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from essays.models.legibility import (
    AUDIENCES,
    BELIEVER_PRIOR,
    EVIDENCE_KINDS,
    RUNS,
    SKEPTIC_PRIOR,
    audience_posterior,
    audience_settings,
    legibility_frame,
    likelihood_ratio,
    likelihood_ratio_bound,
    log10_odds,
    posterior,
    posterior_ceiling,
    skeptic_behavioral_summary,
)

priors = st.floats(1e-6, 1 - 1e-6)
validities = st.floats(0.0, 1.0)
validities_below_one = st.floats(0.0, 0.999)
artifact_rates = st.floats(1e-6, 1.0)
rates = st.floats(1e-3, 1 - 1e-3)
run_counts = st.integers(0, 60)


def _binomial(k: int, m: int, p: float) -> float:
    return math.comb(m, k) * p**k * (1 - p) ** (m - k)


def _lr_by_total_probability(k, m, q, c, s, f):
    """Independent route: P(k | S) and P(k | not S) summed over validity and the artifact, with the
    binomial coefficients left in."""
    valid_s, valid_f = _binomial(k, m, s), _binomial(k, m, f)
    invalid = c * valid_s + (1 - c) * valid_f  # does not depend on scheming
    return (q * valid_s + (1 - q) * invalid) / (q * valid_f + (1 - q) * invalid)


# --- the likelihood ratio ---------------------------------------------------------------------

def test_one_positive_probe_run_gives_the_default_skeptic_three_point_four_over_two_point_six():
    # Hand-derived: r = s / f = 5, A = 0.2 + 0.8 * 0.5 = 0.6, C = 0.4: (0.6 * 5 + 0.4) / (0.4 * 5 + 0.6).
    assert likelihood_ratio(1, 1, 0.2, 0.5) == pytest.approx(3.4 / 2.6, rel=1e-12)


@settings(max_examples=50, deadline=None)
@given(run_counts, validities, artifact_rates, rates, rates, st.data())
def test_the_ratio_agrees_with_total_probability_written_out(m, q, c, s, f, data):
    k = data.draw(st.integers(0, m))
    expected = _lr_by_total_probability(k, m, q, c, s, f)
    assume(math.isfinite(expected) and 1e-200 < expected < 1e200)
    assert likelihood_ratio(k, m, q, c, s, f) == pytest.approx(expected, rel=1e-9)


@settings(max_examples=50, deadline=None)
@given(validities, artifact_rates, rates, rates)
def test_no_runs_is_no_evidence(q, c, s, f):
    assert likelihood_ratio(0, 0, q, c, s, f) == 1.0


@settings(max_examples=50, deadline=None)
@given(run_counts, artifact_rates, rates, rates, st.data())
def test_an_audience_sure_the_method_is_invalid_learns_nothing(m, c, s, f, data):
    k = data.draw(st.integers(0, m))
    assert likelihood_ratio(k, m, 0.0, c, s, f) == pytest.approx(1.0, abs=1e-12)


@settings(max_examples=50, deadline=None)
@given(run_counts, validities, artifact_rates, rates, st.data())
def test_a_test_as_likely_to_fire_on_anyone_is_no_evidence(m, q, c, rate, data):
    k = data.draw(st.integers(0, m))
    assert likelihood_ratio(k, m, q, c, rate, rate) == pytest.approx(1.0, abs=1e-12)


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 60), validities, artifact_rates, rates, rates, priors)
def test_more_catches_never_lower_the_ratio_or_the_posterior_for_fixed_runs(m, q, c, a, b, p):
    s, f = max(a, b), min(a, b)  # a test at least as likely to fire on a schemer
    lr = likelihood_ratio(np.arange(m + 1), m, q, c, s, f)
    assert (np.diff(lr) >= -1e-12 * lr[1:]).all()
    post = posterior(p, lr)
    assert (np.diff(post) >= -1e-12).all()


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 60), validities_below_one, artifact_rates, rates, rates)
def test_a_longer_unbroken_run_of_positives_never_lowers_the_ratio(m, q, c, a, b):
    s, f = max(a, b), min(a, b)
    assert likelihood_ratio(m, m, q, c, s, f) >= likelihood_ratio(m - 1, m - 1, q, c, s, f) * (1 - 1e-12)


@settings(max_examples=50, deadline=None)
@given(run_counts, validities_below_one, artifact_rates, rates, rates, st.data())
def test_no_record_of_runs_lifts_the_ratio_above_the_bound(m, q, c, s, f, data):
    k = data.draw(st.integers(0, m))
    assert likelihood_ratio(k, m, q, c, s, f) <= likelihood_ratio_bound(q, c) * (1 + 1e-12)


@settings(max_examples=50, deadline=None)
@given(st.floats(0.01, 0.99), st.floats(0.001, 1.0))
def test_a_long_enough_unbroken_run_approaches_the_bound(q, c):
    bound = likelihood_ratio_bound(q, c)
    assert likelihood_ratio(200, 200, q, c, 0.9, 0.1) == pytest.approx(bound, rel=1e-9)


def test_the_ratio_of_an_array_of_counts_matches_the_scalar_ratios():
    ks = [0, 3, 7, 10]
    assert likelihood_ratio(ks, 10, 0.3, 0.2) == pytest.approx([likelihood_ratio(k, 10, 0.3, 0.2) for k in ks],
                                                                 rel=1e-15)


@pytest.mark.parametrize("k, m, q, c, s, f, prior", [
    (1, 1, 0.6, 0.3, 0.8, 0.2, 0.3),
    (3, 4, 0.6, 0.3, 0.6, 0.2, 0.3),
    (2, 5, 0.9, 0.05, 0.7, 0.3, 0.2),
])
def test_posterior_agrees_with_a_simulation_of_the_generative_story(k, m, q, c, s, f, prior):
    # Draw scheming, validity, the artifact and m runs; keep the draws with exactly k positives.
    rng = np.random.default_rng(20250415)
    n = 300_000
    schemer = rng.random(n) < prior
    valid = rng.random(n) < q
    artifact = rng.random(n) < c
    acts_as_schemer = np.where(valid, schemer, artifact)
    positives = (rng.random((n, m)) < np.where(acts_as_schemer, s, f)[:, None]).sum(axis=1)
    kept = positives == k
    share = schemer[kept].mean()
    se = math.sqrt(share * (1 - share) / kept.sum())
    assert abs(posterior(prior, likelihood_ratio(k, m, q, c, s, f)) - share) < 4 * se


# --- Bayes' rule and the two scales -----------------------------------------------------------

def test_even_odds_and_a_ratio_of_three_give_three_quarters():
    assert posterior(0.5, 3.0) == 0.75


@settings(max_examples=50, deadline=None)
@given(st.floats(0.001, 0.999), st.floats(1e-3, 1e3))
def test_posterior_agrees_with_bayes_rule_written_out(p, lr):
    assert posterior(p, lr) == pytest.approx(p * lr / (p * lr + 1 - p), rel=1e-12)


@settings(max_examples=50, deadline=None)
@given(st.floats(0.001, 0.999), st.floats(1e-3, 1e3))
def test_log_odds_are_the_log_of_the_posterior_odds(p, lr):
    post = posterior(p, lr)
    assert log10_odds(p, lr) == pytest.approx(math.log10(post / (1 - post)), abs=1e-9)


@settings(max_examples=50, deadline=None)
@given(priors, priors, st.floats(1e-6, 1e6))
def test_on_the_log_odds_scale_one_ratio_moves_every_prior_by_the_same_distance(a, b, lr):
    assert log10_odds(a, lr) - log10_odds(a) == pytest.approx(log10_odds(b, lr) - log10_odds(b), abs=1e-9)


def test_an_astronomical_ratio_gives_a_finite_posterior_just_below_one():
    assert posterior(0.05, 1e300) == 1.0
    assert posterior(1e-300, 1e300) == pytest.approx(0.5, rel=1e-9)


# --- ceilings ---------------------------------------------------------------------------------

@settings(max_examples=50, deadline=None)
@given(priors, validities_below_one, artifact_rates)
def test_the_posterior_ceiling_is_bayes_rule_at_the_bound(p, q, c):
    assert posterior_ceiling(p, q, c) == pytest.approx(posterior(p, likelihood_ratio_bound(q, c)), rel=1e-9)


@settings(max_examples=50, deadline=None)
@given(priors, validities, artifact_rates, rates, rates, run_counts, st.data())
def test_no_record_of_runs_lifts_an_audience_above_its_ceiling(p, q, c, s, f, m, data):
    k = data.draw(st.integers(0, m))
    assert posterior(p, likelihood_ratio(k, m, q, c, s, f)) <= posterior_ceiling(p, q, c) + 1e-12


def test_an_audience_certain_the_method_is_valid_has_no_ceiling():
    assert posterior_ceiling(0.05, 1.0, 0.5) == 1.0


# --- the chapter's audiences -------------------------------------------------------------------

def test_the_default_skeptic_never_passes_seven_point_three_percent_on_internals_evidence():
    # 1 + 0.2 / (0.8 * 0.5) = 1.5; 0.05 * 1.5 / (0.05 * 1.5 + 0.95) = 0.0732.
    assert posterior_ceiling(SKEPTIC_PRIOR, 0.2, 0.5) == pytest.approx(0.075 / 1.025, rel=1e-12)
    assert audience_posterior("skeptic", "internals", RUNS) < 0.075 / 1.025


def test_ten_catches_of_ten_take_the_default_skeptic_to_about_four_in_five():
    # Bound 1 + 0.8 / (0.2 * 0.05) = 81; odds (1 / 19) * 81 = 4.26; 4.26 / 5.26 = 0.810.
    assert skeptic_behavioral_summary()["posterior"] == pytest.approx(81 / 100, abs=1e-3)
    assert skeptic_behavioral_summary()["posterior"] < 81 / 100


def test_the_audience_settings_carry_the_documented_defaults():
    settings_ = audience_settings()
    assert settings_["believer"] == {"prior": 0.3, "internals": (0.9, 0.5), "behavioral": (0.95, 0.01)}
    assert settings_["skeptic"] == {"prior": 0.05, "internals": (0.2, 0.5), "behavioral": (0.8, 0.05)}


def test_the_legibility_frame_is_tidy_and_ordered():
    df = legibility_frame()
    assert list(df.columns) == ["evidence", "audience", "positives", "likelihood_ratio", "posterior", "log10_odds",
                                "posterior_ceiling", "ceiling_log10_odds", "gap", "log10_odds_gap"]
    assert len(df) == len(EVIDENCE_KINDS) * len(AUDIENCES) * (RUNS + 1)
    assert df["positives"].tolist() == list(map(float, range(RUNS + 1))) * 4
    assert np.isfinite(df.select_dtypes("number")).all().all()


def test_the_legibility_frame_matches_the_audience_functions():
    df = legibility_frame().set_index(["evidence", "audience", "positives"]).sort_index()
    for kind in EVIDENCE_KINDS:
        for name in AUDIENCES:
            expected = audience_posterior(name, kind, np.arange(RUNS + 1))
            assert df.loc[(kind, name), "posterior"].to_numpy() == pytest.approx(expected, rel=1e-12)
    wide = df["posterior"].unstack("audience")
    assert (df.xs("believer", level="audience")["gap"] == wide["believer"] - wide["skeptic"]).all()


def test_internals_evidence_widens_the_probability_gap_and_behavioral_evidence_narrows_it():
    df = legibility_frame().set_index(["evidence", "audience", "positives"]).sort_index()
    prior_gap = BELIEVER_PRIOR - SKEPTIC_PRIOR
    assert df.loc[("internals", "believer", float(RUNS)), "gap"] > prior_gap
    assert df.loc[("behavioral", "believer", float(RUNS)), "gap"] < prior_gap


def test_on_the_log_odds_scale_both_kinds_of_evidence_widen_the_gap_at_the_defaults():
    # The skeptic's ratio is the smaller for both kinds, so the log-odds distance grows.
    df = legibility_frame().set_index(["evidence", "audience", "positives"]).sort_index()
    prior_gap = log10_odds(BELIEVER_PRIOR) - log10_odds(SKEPTIC_PRIOR)
    for kind in EVIDENCE_KINDS:
        assert df.loc[(kind, "believer", float(RUNS)), "log10_odds_gap"] > prior_gap


@settings(max_examples=30, deadline=None)
@given(validities_below_one, artifact_rates, validities_below_one, artifact_rates)
def test_every_slider_setting_gives_a_finite_frame_under_its_ceilings(qi, ci, qb, cb):
    df = legibility_frame(skeptic_validity_internals=qi, artifact_rate_internals=ci,
                          skeptic_validity_behavioral=qb, skeptic_artifact_rate_behavioral=cb)
    assert np.isfinite(df.select_dtypes("number")).all().all()
    assert (df["posterior"] <= df["posterior_ceiling"] + 1e-12).all()
    assert (df["log10_odds"] <= df["ceiling_log10_odds"] + 1e-9).all()


# --- bad input --------------------------------------------------------------------------------

GOOD = {"positives": 1, "runs": 2, "validity": 0.2, "artifact_rate": 0.5, "sensitivity": 0.5,
        "false_positive_rate": 0.1}
BAD_CALLS = [
    *[(f"likelihood_ratio {name}={bad!r}", lambda name=name, bad=bad: likelihood_ratio(**{**GOOD, name: bad}), name)
      for name, bads in {
          "positives": [-1, 3, 1.5, float("nan"), "2", True, [1, 2.5], [1, -1]],
          "runs": [-1, 201, 2.0, None],
          "validity": [float("nan"), float("inf"), -0.1, 1.1, "0.2", None],
          "artifact_rate": [0.0, -0.5, 1.5, float("inf"), float("nan")],
          "sensitivity": [0.0, 1.0, -0.1, float("nan")],
          "false_positive_rate": [0.0, 1.0, 2.0, float("nan")],
      }.items() for bad in bads],
    ("bound at validity 1", lambda: likelihood_ratio_bound(1.0, 0.5), "validity"),
    ("bound artifact 0", lambda: likelihood_ratio_bound(0.2, 0.0), "artifact_rate"),
    ("posterior prior 0", lambda: posterior(0.0, 2.0), "prior"),
    ("posterior prior 1", lambda: posterior(1.0, 2.0), "prior"),
    ("posterior negative ratio", lambda: posterior(0.5, -1.0), "likelihood_ratio"),
    ("posterior nan in ratios", lambda: posterior(0.5, [1.0, float("nan")]), "likelihood_ratio"),
    ("log odds prior", lambda: log10_odds(1.0), "prior"),
    ("log odds zero ratio", lambda: log10_odds(0.5, 0.0), "likelihood_ratio"),
    ("log odds zero in ratios", lambda: log10_odds(0.5, [1.0, 0.0]), "likelihood_ratio"),
    ("ceiling prior", lambda: posterior_ceiling(1.5, 0.2, 0.5), "prior"),
    ("ceiling validity", lambda: posterior_ceiling(0.05, float("nan"), 0.5), "validity"),
    ("audience", lambda: audience_posterior("judge", "internals", 1), "audience"),
    ("evidence", lambda: audience_posterior("skeptic", "visual", 1), "evidence"),
    ("audience positives", lambda: audience_posterior("skeptic", "internals", 11), "positives"),
    *[(f"settings {name}", lambda name=name, bad=bad: audience_settings(**{name: bad}), name)
      for name, bad in {"skeptic_validity_internals": 1.0, "artifact_rate_internals": 0.0,
                        "skeptic_validity_behavioral": -0.1, "skeptic_artifact_rate_behavioral": 2.0}.items()],
    ("frame", lambda: legibility_frame(skeptic_validity_behavioral=float("nan")), "skeptic_validity_behavioral"),
    ("summary", lambda: skeptic_behavioral_summary(0.5, 0.0), "skeptic_artifact_rate_behavioral"),
]


@pytest.mark.parametrize("description, call, name", BAD_CALLS, ids=[c[0] for c in BAD_CALLS])
def test_bad_input_raises_a_value_error_naming_the_parameter(description, call, name):
    with pytest.raises(ValueError, match=rf"^{name}\b"):
        call()


def test_the_frame_is_a_data_frame():
    assert isinstance(legibility_frame(), pd.DataFrame)
