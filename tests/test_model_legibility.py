"""Tests for the Legible-evidence chapter's models (source lines 3-11)."""
from __future__ import annotations

import doctest
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import essays.models.legibility as legibility
from essays.models.legibility import (
    ARTIFACT_RATE_BEHAVIORAL,
    ARTIFACT_RATE_INTERNALS,
    BELIEVER_PRIOR,
    BELIEVER_VALIDITY_INTERNALS,
    SKEPTIC_PRIOR,
    SKEPTIC_VALIDITY_INTERNALS,
    VALIDITY_BEHAVIORAL,
    audience_posterior,
    believer_posterior,
    expected_max_normal,
    frame_samples,
    improvement_gap,
    legibility_frame,
    likelihood_ratio,
    likelihood_ratio_bound,
    measured_improvement,
    posterior,
    posterior_ceiling,
    resampling_frame,
    simulate_resampling,
    skeptic_posterior,
    true_improvement,
)

# --- a named vocabulary of inputs -------------------------------------------------------------
priors = st.floats(1e-6, 1 - 1e-6)
validities = st.floats(0.0, 1.0)
validities_below_one = st.floats(0.0, 0.999)
artifact_rates = st.floats(1e-6, 1.0)
sensitivities = st.floats(0.0, 1.0)
false_positive_rates = st.floats(1e-6, 1.0)
replication_counts = st.integers(0, 50)
correlations = st.floats(-1.0, 1.0)
sample_counts = st.integers(1, 10_000)


# --- Part 1: the likelihood ratio -------------------------------------------------------------


def test_one_probe_result_gives_the_default_skeptic_a_ratio_of_fifty_eight_over_forty_two():
    # Hand-derived: (0.2 * 0.9 + 0.8 * 0.5) / (0.2 * 0.1 + 0.8 * 0.5) = 0.58 / 0.42.
    assert likelihood_ratio(1, 0.2, 0.5, 0.9, 0.1) == pytest.approx(0.58 / 0.42, rel=1e-12)


def test_two_red_handed_catches_give_a_ratio_of_seventy_seven():
    # Hand-derived: (0.95 * 0.81 + 0.05 * 0.01) / (0.95 * 0.01 + 0.05 * 0.01) = 0.77 / 0.01.
    assert likelihood_ratio(2, 0.95, 0.01, 0.9, 0.1) == pytest.approx(77.0, rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(validities, artifact_rates, sensitivities, false_positive_rates)
def test_no_replications_is_no_evidence(q, c, sens, fpr):
    assert likelihood_ratio(0, q, c, sens, fpr) == 1.0


@settings(max_examples=60, deadline=None)
@given(replication_counts, artifact_rates, sensitivities, false_positive_rates)
def test_an_audience_sure_the_method_is_invalid_learns_nothing(m, c, sens, fpr):
    # The artifact term is the same under both hypotheses: an invalid method says nothing.
    assert likelihood_ratio(m, 0.0, c, sens, fpr) == pytest.approx(1.0, rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(replication_counts, validities, artifact_rates, false_positive_rates)
def test_a_test_as_likely_to_fire_on_anyone_is_no_evidence(m, q, c, rate):
    assert likelihood_ratio(m, q, c, rate, rate) == pytest.approx(1.0, rel=1e-12)


@settings(max_examples=150, deadline=None)
@given(replication_counts, validities_below_one, artifact_rates, sensitivities, false_positive_rates)
def test_no_number_of_replications_lifts_the_ratio_above_the_bound(m, q, c, sens, fpr):
    lr = likelihood_ratio(m, q, c, sens, fpr)
    assert 0.0 <= lr <= likelihood_ratio_bound(q, c) * (1 + 1e-12)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 50), st.floats(0.01, 0.99), st.floats(0.01, 1.0),
       st.floats(0.0, 0.99), st.floats(0.01, 1.0))
def test_the_bound_is_strict_for_an_imperfect_test(m, q, c, sens, fpr):
    assert likelihood_ratio(m, q, c, sens, fpr) < likelihood_ratio_bound(q, c)


@settings(max_examples=60, deadline=None)
@given(validities_below_one, artifact_rates)
def test_a_perfectly_sensitive_test_approaches_the_bound_with_many_replications(q, c):
    # sens = 1 keeps the numerator at q + (1 - q) c; fpr**50 = 2**-50 nearly empties the
    # denominator: the relative shortfall is q 2**-50 / ((1 - q) c) <= 9e-7 on this domain.
    lr = likelihood_ratio(50, q, c, 1.0, 0.5)
    bound = likelihood_ratio_bound(q, c)
    assert lr <= bound
    assert lr == pytest.approx(bound, rel=1e-6)


def test_the_default_skeptics_internals_ratio_never_exceeds_one_and_a_half():
    assert likelihood_ratio_bound(SKEPTIC_VALIDITY_INTERNALS, ARTIFACT_RATE_INTERNALS) == 1.5
    ratios = likelihood_ratio(np.arange(51), SKEPTIC_VALIDITY_INTERNALS, ARTIFACT_RATE_INTERNALS)
    assert ratios.max() < 1.5
    assert ratios.max() == pytest.approx(1.398, abs=1e-3)  # reached at m = 2


def test_many_replications_fall_back_toward_the_artifact_explanation():
    # With sens < 1, fifty out of fifty positives is far likelier from a replicating artifact.
    lr = likelihood_ratio(50, SKEPTIC_VALIDITY_INTERNALS, ARTIFACT_RATE_INTERNALS)
    assert lr == pytest.approx(1 + 0.2 * 0.9**50 / 0.4, rel=1e-9)
    assert lr < 1.01


@settings(max_examples=40, deadline=None)
@given(validities, artifact_rates, sensitivities, false_positive_rates)
def test_the_ratio_of_an_array_of_replications_matches_the_scalar_ratios(q, c, sens, fpr):
    ms = np.arange(0, 21)
    vector = likelihood_ratio(ms, q, c, sens, fpr)
    assert vector == pytest.approx([likelihood_ratio(int(m), q, c, sens, fpr) for m in ms], rel=1e-12)


# --- Part 1: Bayes' rule and the audiences ------------------------------------------------------


def test_even_odds_and_a_ratio_of_three_give_three_quarters():
    assert posterior(0.5, 3.0) == pytest.approx(0.75, rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(priors)
def test_a_ratio_of_one_leaves_the_prior_unchanged(p):
    assert posterior(p, 1.0) == p
    assert posterior(p, [1.0, 1.0]) == pytest.approx([p, p], rel=0)


@settings(max_examples=60, deadline=None)
@given(priors)
def test_a_ratio_of_zero_rules_scheming_out(p):
    assert posterior(p, 0.0) == 0.0


@settings(max_examples=100, deadline=None)
@given(st.floats(0.001, 0.999), st.floats(1e-3, 1e3))
def test_posterior_agrees_with_bayes_rule_written_out(p, lr):
    assert posterior(p, lr) == pytest.approx(p * lr / (p * lr + 1 - p), rel=1e-10)


@settings(max_examples=100, deadline=None)
@given(priors, st.floats(0.0, 1e6), st.floats(0.0, 1e6))
def test_posterior_rises_with_the_likelihood_ratio(p, a, b):
    lo, hi = sorted((a, b))
    assert 0.0 <= posterior(p, lo) <= posterior(p, hi) <= 1.0


@settings(max_examples=100, deadline=None)
@given(priors, priors, st.floats(0.0, 1e6))
def test_posterior_rises_with_the_prior(a, b, lr):
    lo, hi = sorted((a, b))
    assert posterior(lo, lr) <= posterior(hi, lr)


def test_an_astronomical_ratio_gives_a_finite_posterior_just_below_one():
    assert posterior(0.05, 1e300) == 1.0
    assert posterior(1e-300, 1e300) == pytest.approx(0.5, rel=1e-9)


@pytest.mark.parametrize("m, evidence, q, c, sens, fpr, prior", [
    (1, "internals", 0.6, 0.3, 0.8, 0.2, 0.3),
    (2, "internals", 0.6, 0.3, 0.8, 0.2, 0.3),
    (3, "behavioral", 0.9, 0.05, 0.7, 0.3, 0.2),
])
def test_posterior_agrees_with_a_simulation_of_the_generative_story(m, evidence, q, c, sens, fpr, prior):
    # Direct simulation: draw scheming, validity, the artifact and m runs; keep the draws where
    # all m runs came out positive and count the schemers among them.
    rng = np.random.default_rng(20250415)
    n = 400_000
    schemer = rng.random(n) < prior
    valid = rng.random(n) < q
    runs_positive = (rng.random((n, m)) < np.where(schemer, sens, fpr)[:, None]).all(axis=1)
    artifact = rng.random(n) < c
    all_positive = np.where(valid, runs_positive, artifact)
    share = schemer[all_positive].mean()
    se = math.sqrt(share * (1 - share) / all_positive.sum())
    kwargs = {"validity_internals": q, "validity_behavioral": q,
              "artifact_rate_internals": c, "artifact_rate_behavioral": c,
              "sensitivity": sens, "false_positive_rate": fpr}
    model = audience_posterior(m, evidence, prior, **kwargs)
    assert abs(model - share) < 4 * se


@settings(max_examples=60, deadline=None)
@given(priors, validities_below_one, artifact_rates)
def test_the_posterior_ceiling_is_bayes_rule_at_the_bound(p, q, c):
    expected = posterior(p, likelihood_ratio_bound(q, c))
    assert posterior_ceiling(p, q, c) == pytest.approx(expected, rel=1e-9, abs=1e-300)


@settings(max_examples=100, deadline=None)
@given(priors, validities, artifact_rates, sensitivities, false_positive_rates, replication_counts)
def test_no_replications_lift_an_audience_above_its_ceiling(p, q, c, sens, fpr, m):
    kwargs = {"validity_internals": q, "artifact_rate_internals": c,
              "sensitivity": sens, "false_positive_rate": fpr}
    assert audience_posterior(m, "internals", p, **kwargs) <= posterior_ceiling(p, q, c) * (1 + 1e-12)


def test_an_audience_certain_the_method_is_valid_has_no_ceiling():
    assert posterior_ceiling(0.05, 1.0, 0.5) == 1.0


def test_the_default_skeptic_never_passes_seven_point_three_percent_on_internals_evidence():
    # Ceiling: 0.05 * 1.5 / (0.05 * 1.5 + 0.95) = 0.075 / 1.025.
    ceiling = posterior_ceiling(SKEPTIC_PRIOR, SKEPTIC_VALIDITY_INTERNALS, ARTIFACT_RATE_INTERNALS)
    assert ceiling == pytest.approx(0.075 / 1.025, rel=1e-12)
    assert skeptic_posterior(np.arange(51), "internals").max() < ceiling


def test_one_red_handed_catch_moves_the_skeptic_past_any_amount_of_internals_evidence():
    ceiling = posterior_ceiling(SKEPTIC_PRIOR, SKEPTIC_VALIDITY_INTERNALS, ARTIFACT_RATE_INTERNALS)
    one_catch = skeptic_posterior(1, "behavioral")
    # Hand-derived: LR = 0.8555 / 0.0955; posterior = 0.05 LR / (0.05 LR + 0.95).
    lr = 0.8555 / 0.0955
    assert one_catch == pytest.approx(0.05 * lr / (0.05 * lr + 0.95), rel=1e-12)
    assert one_catch > 4 * ceiling


def test_three_red_handed_catches_convince_both_audiences():
    assert skeptic_posterior(3, "behavioral") > 0.95
    assert believer_posterior(3, "behavioral") > 0.99


def test_one_probe_result_convinces_the_believer_but_not_the_skeptic():
    assert believer_posterior(1, "internals") == pytest.approx(0.7247, abs=1e-4)
    assert skeptic_posterior(1, "internals") == pytest.approx(0.0678, abs=1e-4)


def test_the_audience_functions_use_the_documented_defaults():
    for m in (1, 5):
        for kind in ("internals", "behavioral"):
            assert believer_posterior(m, kind) == audience_posterior(
                m, kind, BELIEVER_PRIOR, BELIEVER_VALIDITY_INTERNALS)
            assert skeptic_posterior(m, kind) == audience_posterior(
                m, kind, SKEPTIC_PRIOR, SKEPTIC_VALIDITY_INTERNALS)
    q, c = VALIDITY_BEHAVIORAL, ARTIFACT_RATE_BEHAVIORAL
    assert skeptic_posterior(2, "behavioral") == posterior(SKEPTIC_PRIOR, likelihood_ratio(2, q, c))


# --- Part 1: the legibility frame --------------------------------------------------------------

LEGIBILITY_COLUMNS = ["evidence", "audience", "replications", "likelihood_ratio", "posterior",
                      "posterior_ceiling", "legibility_gap"]


def test_the_legibility_frame_is_tidy_and_ordered():
    df = legibility_frame()
    assert list(df.columns) == LEGIBILITY_COLUMNS
    assert len(df) == 80
    assert list(df["evidence"].unique()) == ["internals", "behavioral"]
    assert list(df["audience"].unique()) == ["believer", "skeptic"]
    assert df["replications"].tolist() == list(map(float, range(1, 21))) * 4
    for column in LEGIBILITY_COLUMNS[2:]:
        assert df[column].dtype == np.float64
    assert not df.isna().any().any()
    pd.testing.assert_frame_equal(df, legibility_frame())


def test_the_legibility_frame_matches_the_audience_functions():
    df = legibility_frame().set_index(["evidence", "audience", "replications"])
    for kind in ("internals", "behavioral"):
        for m in (1, 7, 20):
            believer = believer_posterior(m, kind)
            skeptic = skeptic_posterior(m, kind)
            assert df.loc[(kind, "believer", float(m)), "posterior"] == pytest.approx(believer, rel=1e-12)
            assert df.loc[(kind, "skeptic", float(m)), "posterior"] == pytest.approx(skeptic, rel=1e-12)
            for who in ("believer", "skeptic"):
                gap = df.loc[(kind, who, float(m)), "legibility_gap"]
                assert gap == pytest.approx(believer - skeptic, rel=1e-12)


def test_internals_evidence_widens_the_gap_while_behavioral_evidence_closes_it():
    df = legibility_frame()
    prior_gap = BELIEVER_PRIOR - SKEPTIC_PRIOR
    internals = df[df["evidence"] == "internals"]["legibility_gap"]
    believer_rows = df[(df["evidence"] == "behavioral") & (df["audience"] == "believer")]
    behavioral = believer_rows.set_index("replications")["legibility_gap"]
    assert internals.min() > 2 * prior_gap
    assert behavioral.loc[3.0] < 0.05
    assert behavioral.loc[20.0] < 0.1


@settings(max_examples=40, deadline=None)
@given(validities, artifact_rates, sensitivities, false_positive_rates, priors, priors)
def test_every_slider_setting_gives_a_finite_frame_under_its_ceilings(q, c, sens, fpr, pb, ps):
    df = legibility_frame(skeptic_validity_internals=q, artifact_rate_internals=c,
                          sensitivity=sens, false_positive_rate=fpr,
                          believer_prior=pb, skeptic_prior=ps)
    assert len(df) == 80
    values = df[LEGIBILITY_COLUMNS[2:]].to_numpy()
    assert np.isfinite(values).all()
    assert ((df["posterior"] >= 0) & (df["posterior"] <= 1)).all()
    assert (df["posterior"] <= df["posterior_ceiling"] * (1 + 1e-12)).all()
    assert (df["legibility_gap"].abs() <= 1).all()


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

GOOD_LR = {"replications": 1, "validity": 0.2, "artifact_rate": 0.5,
           "sensitivity": 0.9, "false_positive_rate": 0.1}

BAD_CALLS = [
    # (description, callable, parameter named in the message)
    *[(f"likelihood_ratio {name}={bad!r}", lambda name=name, bad=bad: likelihood_ratio(**{**GOOD_LR, name: bad}), name)
      for name, bads in {
          "replications": [-1, 51, 1.5, float("nan"), "2", True, [1, 2.5], [1, -1]],
          "validity": [float("nan"), float("inf"), -0.1, 1.1, "0.2", None],
          "artifact_rate": [0.0, -0.5, 1.5, float("inf"), float("nan")],
          "sensitivity": [-0.1, 1.01, float("nan"), float("-inf")],
          "false_positive_rate": [0.0, -0.1, 2.0, float("nan")],
      }.items() for bad in bads],
    ("bound at validity 1", lambda: likelihood_ratio_bound(1.0, 0.5), "validity"),
    ("bound negative validity", lambda: likelihood_ratio_bound(-0.2, 0.5), "validity"),
    ("bound artifact 0", lambda: likelihood_ratio_bound(0.2, 0.0), "artifact_rate"),
    ("posterior prior 0", lambda: posterior(0.0, 2.0), "prior"),
    ("posterior prior 1", lambda: posterior(1.0, 2.0), "prior"),
    ("posterior prior nan", lambda: posterior(float("nan"), 2.0), "prior"),
    ("posterior prior str", lambda: posterior("0.5", 2.0), "prior"),
    ("posterior negative ratio", lambda: posterior(0.5, -1.0), "likelihood_ratio"),
    ("posterior infinite ratio", lambda: posterior(0.5, float("inf")), "likelihood_ratio"),
    ("posterior nan in ratios", lambda: posterior(0.5, [1.0, float("nan")]), "likelihood_ratio"),
    ("ceiling prior 1.5", lambda: posterior_ceiling(1.5, 0.2, 0.5), "prior"),
    ("ceiling validity nan", lambda: posterior_ceiling(0.05, float("nan"), 0.5), "validity"),
    ("ceiling artifact inf", lambda: posterior_ceiling(0.05, 0.2, float("inf")), "artifact_rate"),
    ("audience evidence", lambda: audience_posterior(1, "visual", 0.05, 0.2), "evidence"),
    ("audience prior", lambda: audience_posterior(1, "internals", -0.05, 0.2), "prior"),
    ("audience validity_internals", lambda: audience_posterior(1, "internals", 0.05, 2.0), "validity_internals"),
    ("audience validity_behavioral",
     lambda: audience_posterior(1, "internals", 0.05, 0.2, validity_behavioral=float("nan")), "validity_behavioral"),
    ("audience artifact_rate_internals",
     lambda: audience_posterior(1, "internals", 0.05, 0.2, artifact_rate_internals=0.0), "artifact_rate_internals"),
    ("audience artifact_rate_behavioral",
     lambda: audience_posterior(1, "behavioral", 0.05, 0.2, artifact_rate_behavioral=-1.0),
     "artifact_rate_behavioral"),
    ("believer replications", lambda: believer_posterior(-3), "replications"),
    ("skeptic sensitivity", lambda: skeptic_posterior(1, sensitivity=1.5), "sensitivity"),
    ("skeptic evidence", lambda: skeptic_posterior(1, evidence=None), "evidence"),
    *[(f"legibility_frame {name}", lambda name=name, bad=bad: legibility_frame(**{name: bad}), name)
      for name, bad in {
          "skeptic_validity_internals": 1.2,
          "believer_validity_internals": float("nan"),
          "artifact_rate_internals": 0.0,
          "artifact_rate_behavioral": float("inf"),
          "sensitivity": -0.5,
          "false_positive_rate": 0.0,
          "believer_prior": 1.0,
          "skeptic_prior": 0.0,
          "validity_behavioral": "high",
      }.items()],
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
    with pytest.raises(ValueError, match=name):
        call()


def test_every_docstring_example_runs():
    result = doctest.testmod(legibility, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 10
    assert result.failed == 0
