"""Independent oracles for the legibility models (issue #24).

Expected values here never come from the code under test: the likelihood ratio is rebuilt from the
generative story the chapter states (total probability with the binomial coefficients left in, in
exact fractions), Bayes' rule is applied in its plain-probability form, E[max of k] comes from
published tables and from a tail integral written in plain Python, and the limits and symmetries
are the ones the argument implies (an audience sure the method is invalid learns nothing, infinitely
many catches reach the ceiling, a perfect probe is not fooled).
"""
from __future__ import annotations

import math
from fractions import Fraction as F

import numpy as np
import pytest

from edges import edges_test
from essays.models import legibility as lg


# --- plain-Python oracles ------------------------------------------------------------------------

def binom(k: int, m: int, p):
    return math.comb(m, k) * p**k * (1 - p) ** (m - k)


def lr_by_total_probability(k: int, m: int, q, c, s, f):
    """P(k of m | schemer) / P(k of m | not), the binomial coefficients kept, by total probability
    over "valid" (credence q) and, if invalid, "artifact" (probability c)."""
    invalid = c * binom(k, m, s) + (1 - c) * binom(k, m, f)
    schemer = q * binom(k, m, s) + (1 - q) * invalid
    not_schemer = q * binom(k, m, f) + (1 - q) * invalid
    return schemer / not_schemer


def bayes(p, lr):
    """Posterior probability by Bayes' rule written as probabilities, not odds."""
    return p * lr / (p * lr + (1 - p))


def odds(x):
    return x / (1 - x)


# --- audiences ------------------------------------------------------------------------------------

# (k, m, q, c, s, f) in exact fractions: the ratio is computed exactly here, then compared.
EXACT_CASES = [
    (1, 1, F(1, 5), F(1, 2), F(1, 2), F(1, 10)),   # the docstring's 0.34 / 0.26
    (0, 1, F(1, 5), F(1, 2), F(1, 2), F(1, 10)),   # one negative run
    (3, 5, F(9, 10), F(1, 2), F(1, 2), F(1, 10)),
    (0, 5, F(9, 10), F(1, 2), F(1, 2), F(1, 10)),
    (10, 10, F(4, 5), F(1, 20), F(1, 2), F(1, 10)),
    (2, 7, F(1, 3), F(1, 4), F(3, 10), F(1, 5)),
    (7, 7, F(1, 2), F(1), F(2, 3), F(1, 3)),       # c = 1: every invalid run mimics a schemer
    (4, 9, F(19, 20), F(1, 100), F(9, 10), F(1, 50)),
    (1, 4, F(1, 2), F(1, 2), F(1, 10), F(1, 2)),   # s < f: a positive is evidence against
]


@pytest.mark.parametrize("k, m, q, c, s, f", EXACT_CASES)
def test_the_ratio_is_total_probability_over_validity_and_artifacts(k, m, q, c, s, f):
    exact = lr_by_total_probability(k, m, q, c, s, f)
    got = lg.likelihood_ratio(k, m, float(q), float(c), float(s), float(f))
    assert got == pytest.approx(float(exact), rel=1e-12)


def test_one_positive_probe_run_for_the_default_skeptic_by_hand():
    # valid (0.2): schemer fires 0.5, non-schemer 0.1; invalid (0.8): fires 0.5 * 0.5 + 0.5 * 0.1 = 0.3
    # P(+ | S) = 0.2 * 0.5 + 0.8 * 0.3 = 0.34 and P(+ | not S) = 0.2 * 0.1 + 0.8 * 0.3 = 0.26
    assert lg.likelihood_ratio(1, 1, 0.2, 0.5) == pytest.approx(0.34 / 0.26, rel=1e-14)
    # one negative run: P(- | S) = 0.2 * 0.5 + 0.8 * 0.7 = 0.66, P(- | not S) = 0.2 * 0.9 + 0.56 = 0.74
    assert lg.likelihood_ratio(0, 1, 0.2, 0.5) == pytest.approx(0.66 / 0.74, rel=1e-14)


def test_an_array_of_counts_gives_each_counts_ratio_by_total_probability():
    m, q, c, s, f = 6, F(3, 10), F(2, 5), F(3, 5), F(1, 5)
    got = lg.likelihood_ratio(np.arange(m + 1), m, float(q), float(c), float(s), float(f))
    assert isinstance(got, np.ndarray) and got.shape == (m + 1,)
    expected = [float(lr_by_total_probability(k, m, q, c, s, f)) for k in range(m + 1)]
    np.testing.assert_allclose(got, expected, rtol=1e-12)
    # a whole-valued float array is accepted like integers
    np.testing.assert_allclose(lg.likelihood_ratio([0.0, 6.0], m, 0.3, 0.4, 0.6, 0.2),
                               [expected[0], expected[-1]], rtol=1e-12)


@pytest.mark.parametrize("k, m", [(0, 0), (0, 4), (2, 4), (4, 4)])
def test_an_audience_sure_the_method_is_invalid_learns_nothing(k, m):
    assert lg.likelihood_ratio(k, m, 0.0, 0.7, 0.5, 0.1) == pytest.approx(1.0, abs=1e-15)


@pytest.mark.parametrize("k, m", [(0, 3), (1, 3), (3, 3), (5, 8)])
def test_an_audience_sure_the_method_is_valid_sees_the_plain_binomial_ratio(k, m):
    s, f = 0.5, 0.1
    r = (s / f) ** k * ((1 - s) / (1 - f)) ** (m - k)
    assert lg.likelihood_ratio(k, m, 1.0, 0.5, s, f) == pytest.approx(r, rel=1e-12)


def test_swapping_sensitivity_and_false_positive_rate_inverts_the_ratio_when_artifacts_are_a_coin():
    # With c = 1/2 an invalid run fires at (s + f) / 2 whichever is which, so exchanging the roles
    # of s and f exchanges numerator and denominator.
    for k, m in ((0, 4), (1, 4), (3, 4), (6, 9)):
        a = lg.likelihood_ratio(k, m, 0.4, 0.5, 0.6, 0.2)
        b = lg.likelihood_ratio(k, m, 0.4, 0.5, 0.2, 0.6)
        assert a * b == pytest.approx(1.0, rel=1e-12)


def test_catches_raise_and_misses_lower_the_ratio_in_the_right_direction():
    ks = np.arange(11)
    lr = lg.likelihood_ratio(ks, 10, 0.5, 0.3)
    assert np.all(np.diff(lr) > 0)  # s > f: each more positive is more evidence
    assert lr[0] < 1.0 < lr[-1]
    lr = lg.likelihood_ratio(ks, 10, 0.5, 0.3, sensitivity=0.1, false_positive_rate=0.5)
    assert np.all(np.diff(lr) < 0)  # s < f: positives are evidence of innocence


def test_infinitely_many_catches_of_one_method_converge_to_the_ceiling_from_below():
    q, c = 0.3, 0.2
    bound = 1 + (q / (1 - q)) / c  # A / C computed as odds(q) / c
    assert lg.likelihood_ratio_bound(q, c) == pytest.approx(bound, rel=1e-14)
    previous = 0.0
    for m in (1, 2, 3, 5):
        lr = lg.likelihood_ratio(m, m, q, c, 0.9, 0.01)
        assert previous < lr < bound
        previous = lr
    for m in (20, 80, 200):  # within rounding of the bound (the computed ratio can pass it by an ulp)
        lr = lg.likelihood_ratio(m, m, q, c, 0.9, 0.01)
        assert previous - 2 * math.ulp(bound) <= lr <= bound + 2 * math.ulp(bound)
        previous = lr
    assert lr == pytest.approx(bound, rel=1e-12)


@pytest.mark.parametrize("q, c, bound", [(0.2, 0.5, 1.5), (0.5, 1.0, 2.0), (0.0, 0.3, 1.0),
                                         (0.95, 0.01, 1901.0), (0.75, 0.25, 13.0)])
def test_the_ratio_bound_by_hand(q, c, bound):
    assert lg.likelihood_ratio_bound(q, c) == pytest.approx(bound, rel=1e-12)


@pytest.mark.parametrize("p, lr", [(0.5, 3.0), (0.05, 1.0), (0.3, 0.5), (0.01, 99.0), (0.9, 1e-3),
                                   (0.2, 4.0), (0.7, 1e6), (1e-4, 2.5)])
def test_posterior_is_bayes_rule_as_probabilities(p, lr):
    got = lg.posterior(p, lr)
    assert isinstance(got, float)
    assert got == pytest.approx(bayes(p, lr), rel=1e-12)
    assert got == pytest.approx(bayes(p, lr), rel=1e-12)


def test_posterior_by_hand():
    assert lg.posterior(0.5, 3.0) == pytest.approx(0.75, rel=1e-15)
    assert lg.posterior(0.2, 4.0) == pytest.approx(0.5, rel=1e-15)  # odds 1/4 times 4
    assert lg.posterior(0.05, 19.0) == pytest.approx(0.5, rel=1e-15)
    assert lg.posterior(0.3, 1.0) == 0.3  # no evidence: the prior, exactly
    assert lg.posterior(0.001, 1.0) == 0.001  # (a round trip through log-odds would not return it exactly)
    assert lg.posterior(0.011, [1.0, 1.0]).tolist() == [0.011, 0.011]
    assert lg.posterior(1 / 3, 2.0) == pytest.approx(0.5, rel=1e-15)  # odds 1/2 times 2
    assert lg.posterior(0.3, 0.0) == 0.0  # evidence impossible under scheming
    assert lg.posterior(0.5, 1e300) == pytest.approx(1.0, rel=1e-15)
    assert lg.posterior(0.5, 1e-300) == pytest.approx(1e-300, rel=1e-12)


def test_posterior_of_an_array_of_ratios():
    lrs = [0.0, 0.25, 1.0, 2.0, 3.0, 1e200]
    got = lg.posterior(0.4, lrs)
    assert isinstance(got, np.ndarray)
    np.testing.assert_allclose(got, [0.0, bayes(0.4, 0.25), 0.4, bayes(0.4, 2.0), bayes(0.4, 3.0), 1.0], rtol=1e-14)
    assert got[2] == 0.4
    one = lg.posterior(0.4, [1.0])  # a one-element array stays an array
    assert isinstance(one, np.ndarray) and one.tolist() == [0.4]
    one = lg.posterior(0.4, [3.0])
    assert isinstance(one, np.ndarray) and one[0] == pytest.approx(bayes(0.4, 3.0), rel=1e-14)


@pytest.mark.parametrize("p, lr", [(0.5, 1.0), (1 / 11, 100.0), (0.3, 0.2), (0.9, 7.0)])
def test_log10_odds_is_the_log_of_prior_odds_times_the_ratio(p, lr):
    expected = math.log10(p / (1 - p) * lr)
    assert lg.log10_odds(p, lr) == pytest.approx(expected, abs=1e-12)
    assert lg.log10_odds(p) == pytest.approx(math.log10(p / (1 - p)), abs=1e-12)
    arr = lg.log10_odds(p, [lr, 10 * lr])
    np.testing.assert_allclose(arr, [expected, expected + 1.0], atol=1e-12)


@pytest.mark.parametrize("p, q, c", [(0.05, 0.2, 0.5), (0.3, 0.9, 0.5), (0.5, 0.0, 0.4), (0.2, 0.5, 1.0),
                                     (0.05, 0.8, 0.05)])
def test_the_posterior_ceiling_is_bayes_rule_at_the_bound(p, q, c):
    bound = 1 + odds(q) / c
    assert lg.posterior_ceiling(p, q, c) == pytest.approx(bayes(p, bound), rel=1e-12)


def test_the_posterior_ceiling_at_the_ends_of_validity():
    assert lg.posterior_ceiling(0.3, 0.0, 0.5) == pytest.approx(0.3, rel=1e-15)  # nothing can move it
    assert lg.posterior_ceiling(0.3, 1.0, 0.5) == 1.0  # a valid method has no ceiling
    # by hand: p = 0.05, q = 0.2, c = 0.5: A = 0.6, C = 0.4; 0.03 / (0.03 + 0.38)
    assert lg.posterior_ceiling(0.05, 0.2, 0.5) == pytest.approx(0.03 / 0.41, rel=1e-14)


def test_the_audience_settings_are_the_chapters_and_the_sliders_move_only_the_skeptic():
    d = lg.audience_settings()
    assert d == {"believer": {"prior": 0.3, "internals": (0.9, 0.5), "behavioral": (0.95, 0.01)},
                 "skeptic": {"prior": 0.05, "internals": (0.2, 0.5), "behavioral": (0.8, 0.05)}}
    d = lg.audience_settings(0.4, 0.25, 0.6, 0.1)
    assert d["skeptic"] == {"prior": 0.05, "internals": (0.4, 0.25), "behavioral": (0.6, 0.1)}
    # the probe's artifact rate is the same for both audiences; the believer's credences are fixed
    assert d["believer"] == {"prior": 0.3, "internals": (0.9, 0.25), "behavioral": (0.95, 0.01)}
    d = lg.audience_settings(skeptic_validity_behavioral=0.7, skeptic_artifact_rate_behavioral=0.2)
    assert d["skeptic"]["behavioral"] == (0.7, 0.2) and d["skeptic"]["internals"] == (0.2, 0.5)


# (audience, evidence) -> prior, q, c as the chapter states them
CHAPTER = {("believer", "internals"): (0.3, 0.9, 0.5), ("skeptic", "internals"): (0.05, 0.2, 0.5),
           ("believer", "behavioral"): (0.3, 0.95, 0.01), ("skeptic", "behavioral"): (0.05, 0.8, 0.05)}


@pytest.mark.parametrize("audience, evidence", list(CHAPTER))
@pytest.mark.parametrize("k", [0, 4, 10])
def test_an_audiences_posterior_is_its_prior_updated_by_total_probability(audience, evidence, k):
    p, q, c = CHAPTER[(audience, evidence)]
    lr = lr_by_total_probability(k, 10, F(q), F(c), F(1, 2), F(1, 10))
    assert lg.audience_posterior(audience, evidence, k) == pytest.approx(bayes(p, float(lr)), rel=1e-10)


def test_ten_catches_take_the_skeptic_to_about_081_but_ten_probe_hits_only_to_its_ceiling():
    # behavioral: A = 0.81, C = 0.01, r = 5**10, so LR is just under 81 and the posterior
    # just under 0.05 * 81 / (0.05 * 81 + 0.95) = 0.81.
    post = lg.audience_posterior("skeptic", "behavioral", 10, 10)
    assert post == pytest.approx(0.81, abs=1e-5) and post < 0.81
    assert lg.skeptic_behavioral_summary() == {"posterior": post}
    internals = lg.audience_posterior("skeptic", "internals", 10)
    assert internals == pytest.approx(0.03 / 0.41, abs=1e-5) and internals < 0.03 / 0.41


def test_the_skeptics_sliders_reach_the_audience_posterior():
    got = lg.audience_posterior("skeptic", "internals", 3, 5, skeptic_validity_internals=0.6,
                                artifact_rate_internals=0.1)
    lr = lr_by_total_probability(3, 5, F(3, 5), F(1, 10), F(1, 2), F(1, 10))
    assert got == pytest.approx(bayes(0.05, float(lr)), rel=1e-10)
    got = lg.skeptic_behavioral_summary(0.5, 0.2)["posterior"]
    lr = lr_by_total_probability(10, 10, F(1, 2), F(1, 5), F(1, 2), F(1, 10))
    assert got == pytest.approx(bayes(0.05, float(lr)), rel=1e-10)
    with pytest.raises(ValueError, match="audience"):
        lg.audience_posterior("agnostic", "internals", 1)
    with pytest.raises(ValueError, match="evidence"):
        lg.audience_posterior("skeptic", "vibes", 1)


@pytest.mark.parametrize("sliders", [{}, dict(skeptic_validity_internals=0.5, artifact_rate_internals=0.05,
                                             skeptic_validity_behavioral=0.3,
                                             skeptic_artifact_rate_behavioral=0.4)])
def test_the_legibility_frame_row_by_row(sliders):
    df = lg.legibility_frame(**sliders)
    qi = sliders.get("skeptic_validity_internals", 0.2)
    ci = sliders.get("artifact_rate_internals", 0.5)
    qb = sliders.get("skeptic_validity_behavioral", 0.8)
    cb = sliders.get("skeptic_artifact_rate_behavioral", 0.05)
    setting = {("believer", "internals"): (0.3, 0.9, ci), ("skeptic", "internals"): (0.05, qi, ci),
               ("believer", "behavioral"): (0.3, 0.95, 0.01), ("skeptic", "behavioral"): (0.05, qb, cb)}
    assert len(df) == 44 and df.index.tolist() == list(range(44))
    assert df.positives.dtype == float  # k as a float column, as documented
    i = 0
    for evidence in ("internals", "behavioral"):
        for audience in ("believer", "skeptic"):
            p, q, c = setting[(audience, evidence)]
            bound = 1 + odds(q) / c
            for k in range(11):
                row = df.iloc[i]
                i += 1
                assert (row.evidence, row.audience, row.positives) == (evidence, audience, float(k))
                lr = float(lr_by_total_probability(k, 10, F(q), F(c), F(1, 2), F(1, 10)))
                assert row.likelihood_ratio == pytest.approx(lr, rel=1e-10)
                assert row.posterior == pytest.approx(bayes(p, lr), rel=1e-10)
                assert row.log10_odds == pytest.approx(math.log10(odds(p) * lr), abs=1e-10)
                assert row.posterior_ceiling == pytest.approx(bayes(p, bound), rel=1e-10)
                assert row.ceiling_log10_odds == pytest.approx(math.log10(odds(p) * bound), abs=1e-10)
                other = setting[("believer" if audience == "skeptic" else "skeptic", evidence)]
                lr_other = float(lr_by_total_probability(k, 10, F(other[1]), F(other[2]), F(1, 2), F(1, 10)))
                mine, theirs = bayes(p, lr), bayes(other[0], lr_other)
                gap = mine - theirs if audience == "believer" else theirs - mine
                log_gap = math.log10(odds(p) * lr) - math.log10(odds(other[0]) * lr_other)
                log_gap = log_gap if audience == "believer" else -log_gap
                assert row.gap == pytest.approx(gap, abs=1e-10)
                assert row.log10_odds_gap == pytest.approx(log_gap, abs=1e-10)


# --- the crux -------------------------------------------------------------------------------------

@pytest.mark.parametrize("q, c, p", [(0.2, 0.5, 0.05), (0.9, 0.01, 0.3), (0.0, 1.0, 0.5), (0.5, 0.5, 0.1)])
def test_the_skeptics_ceiling_by_hand(q, c, p):
    out = lg.skeptic_ceiling(q, c, p)
    bound = 1 + odds(q) / c
    assert out["bound"] == pytest.approx(bound, rel=1e-12)
    assert out["ceiling"] == pytest.approx(bayes(p, bound), rel=1e-12)
    assert out["ceiling_log10_odds"] == pytest.approx(math.log10(odds(p) * bound), abs=1e-12)
    assert set(out) == {"ceiling", "bound", "ceiling_log10_odds"}


def test_the_skeptics_ceiling_defaults_are_the_chapters():
    assert lg.skeptic_ceiling() == lg.skeptic_ceiling(0.2, 0.5, 0.05)
    assert lg.skeptic_ceiling()["ceiling"] == pytest.approx(0.03 / 0.41, rel=1e-12)


@pytest.mark.parametrize("p, ratio", [(0.05, 19.0), (0.5, 1.0), (0.2, 4.0), (0.9, 1 / 9), (0.01, 99.0)])
def test_even_odds_needs_the_inverse_of_the_prior_odds(p, ratio):
    assert lg.even_odds_ratio(p) == pytest.approx(ratio, rel=1e-12)
    assert lg.posterior(p, lg.even_odds_ratio(p)) == pytest.approx(0.5, rel=1e-12)


def test_even_odds_ratio_default():
    assert lg.even_odds_ratio() == pytest.approx(19.0, rel=1e-14)


@pytest.mark.parametrize("c, p", [(0.5, 0.05), (0.1, 0.05), (1.0, 0.2), (0.01, 0.3), (0.5, 0.01)])
def test_at_the_even_odds_validity_the_ceiling_is_one_half(c, p):
    q = lg.even_odds_validity(c, p)
    # by hand: odds(q) / c = R - 1, so odds(q) = (R - 1) c
    assert odds(q) == pytest.approx(((1 - p) / p - 1) * c, rel=1e-10)
    assert bayes(p, 1 + odds(q) / c) == pytest.approx(0.5, rel=1e-10)


@pytest.mark.parametrize("q, p", [(0.2, 0.05), (0.5, 0.1), (0.9, 0.3), (0.05, 0.01)])
def test_at_the_even_odds_artifact_rate_the_ceiling_is_one_half(q, p):
    c = lg.even_odds_artifact_rate(q, p)
    assert c == pytest.approx(odds(q) / ((1 - p) / p - 1), rel=1e-12)
    assert bayes(p, 1 + odds(q) / c) == pytest.approx(0.5, rel=1e-10)


def test_the_chapters_thresholds_by_hand():
    # R = 19, c = 0.5: odds(q) = 9, q = 0.9; q = 0.2: c = 0.25 / 18
    assert lg.even_odds_validity() == pytest.approx(0.9, rel=1e-12)
    assert lg.even_odds_artifact_rate() == pytest.approx(0.25 / 18, rel=1e-12)
    assert lg.lever_factor() == pytest.approx(36.0, rel=1e-12)  # 18 * 0.5 / 0.25


@pytest.mark.parametrize("q, c, p", [(0.2, 0.5, 0.05), (0.6, 0.1, 0.05), (0.3, 0.9, 0.2), (0.5, 0.02, 0.01)])
def test_either_lever_moved_by_its_factor_lands_on_even_odds(q, c, p):
    factor = lg.lever_factor(q, c, p)
    assert factor == pytest.approx(((1 - p) / p - 1) * c / odds(q), rel=1e-12)
    up = odds(q) * factor
    assert bayes(p, 1 + up / c) == pytest.approx(0.5, rel=1e-10)
    assert bayes(p, 1 + odds(q) / (c / factor)) == pytest.approx(0.5, rel=1e-10)


def test_no_lever_helps_an_audience_sure_the_method_is_invalid():
    assert lg.lever_factor(0.0, 0.5, 0.05) == math.inf
    with pytest.raises(ValueError, match="validity"):
        lg.methods_for_even_odds(0.0, 0.5, 0.05)


@pytest.mark.parametrize("n", [1, 2, 5, 8, 30])
@pytest.mark.parametrize("q, c, p", [(0.2, 0.5, 0.05), (0.5, 0.1, 0.01), (0.0, 0.5, 0.3)])
def test_independent_methods_multiply_their_ratio_bounds(n, q, c, p):
    bound = 1 + odds(q) / c
    assert lg.independent_methods_ceiling(n, q, c, p) == pytest.approx(bayes(p, bound**n), rel=1e-10)


def test_independent_methods_edges():
    # one method is one ceiling; many reach certainty; a hopeless prior underflows to 0
    assert lg.independent_methods_ceiling(1, 0.2, 0.5, 0.05) == pytest.approx(0.03 / 0.41, rel=1e-12)
    assert lg.independent_methods_ceiling(10_000, 0.2, 0.5, 0.05) == 1.0
    assert lg.independent_methods_ceiling(1, 0.0, 0.5, 1e-305) == 0.0
    assert lg.independent_methods_ceiling(1, 0.0, 0.5, 1e-300) == pytest.approx(1e-300, rel=1e-6)
    assert lg.independent_methods_ceiling(8) == pytest.approx(bayes(0.05, 1.5**8), rel=1e-12)
    # the underflow guard: posterior odds at or below e**-700 are reported as 0, above it as computed
    assert lg.independent_methods_ceiling(1, 0.0, 0.5, math.exp(-699.5)) == pytest.approx(math.exp(-699.5), rel=1e-9)
    assert lg.independent_methods_ceiling(1, 0.0, 0.5, math.exp(-700.0)) == 0.0
    assert lg.independent_methods_ceiling(1, 0.0, 0.5, math.exp(-700.5)) == 0.0


def count_methods(q, c, p):
    """Smallest n with bound**n > R, by counting up in exact fractions."""
    bound = 1 + F(q) / (1 - F(q)) / F(c)
    ratio = (1 - F(p)) / F(p)
    n = 1
    while bound**n <= ratio:
        n += 1
    return n


@pytest.mark.parametrize("q, c, p", [(0.2, 0.5, 0.05), (0.5, 1.0, 0.25), (0.5, 0.5, 0.25), (0.75, 0.5, 0.125),
                                     (0.9, 0.5, 0.05), (0.99, 0.01, 0.4), (0.05, 1.0, 0.01), (0.5, 0.25, 0.5),
                                     (0.0625, 1.0, 0.05), (0.75, 1.0, 1 / 28)])
def test_methods_for_even_odds_agrees_with_counting(q, c, p):
    # exact ties, all in binary fractions: (0.5, 0.5, 0.25) has bound 3 = R, (0.75, 0.5, 0.125) bound
    # 7 = R; one method only reaches even odds, so it takes two to pass it
    assert lg.methods_for_even_odds(q, c, p) == count_methods(q, c, p)


@pytest.mark.parametrize("q, c, p", [(0.5, 1.0, 0.8), (0.2, 0.5, 0.6), (0.01, 1.0, 0.99)])
def test_an_audience_already_past_even_odds_needs_one_method(q, c, p):
    assert lg.methods_for_even_odds(q, c, p) == 1 == count_methods(q, c, p)


def test_methods_for_even_odds_defaults():
    assert lg.methods_for_even_odds() == 8  # 1.5**7 = 17.1 < 19 < 25.6 = 1.5**8


def test_the_ceiling_map_cells_and_chosen_point():
    df = lg.ceiling_frame(validity=0.4, artifact_rate=0.02)
    assert len(df) == 20 * 24 + 1
    cells = df[df.kind == "cell"]
    qs, cs, ceilings = [], [], []
    for a in range(20):
        qm = 0.975 * (a + 0.5) / 20
        for b in range(24):
            cm = 10 ** (-3 + 3 * (b + 0.5) / 24)  # geometric centre of the b-th of 24 cells on [1e-3, 1]
            qs.append(qm)
            cs.append(cm)
            ceilings.append(bayes(0.05, 1 + odds(qm) / cm))
    np.testing.assert_allclose(cells.validity, qs, rtol=1e-12)
    np.testing.assert_allclose(cells.artifact_rate, cs, rtol=1e-10)
    np.testing.assert_allclose(cells.ceiling, ceilings, rtol=1e-10)
    last = df.iloc[-1]
    assert (last.kind, last.validity, last.artifact_rate) == ("chosen", 0.4, 0.02)
    assert last.ceiling == pytest.approx(bayes(0.05, 1 + odds(0.4) / 0.02), rel=1e-12)
    assert lg.MAP_Q_STEP == pytest.approx(0.975 / 20)
    assert lg.MAP_C_HALF_RATIO == pytest.approx(1000 ** (1 / 48))
    chosen = lg.ceiling_frame().iloc[-1]
    assert (chosen.validity, chosen.artifact_rate) == (0.2, 0.5)


# --- resampling against a probe -----------------------------------------------------------------

# Expected maximum of n standard normals: Harter (1961), "Expected values of normal order
# statistics", Biometrika 48, 151-165, table 1 (also Teichroew 1956), five decimals.
HARTER = {2: 0.56419, 3: 0.84628, 4: 1.02938, 5: 1.16296, 10: 1.53875, 20: 1.86748, 50: 2.24907,
          100: 2.50759}


def tail_integral(k: int, n: int = 4000, top: float = 10.0) -> float:
    """E[max] = integral over x > 0 of (1 - Phi(x)**k - Phi(-x)**k), Simpson's rule, Phi from erfc."""
    def g(x):
        upper = 0.5 * math.erfc(x / math.sqrt(2))  # 1 - Phi(x) = Phi(-x)
        return 1 - (1 - upper) ** k - upper**k
    h = top / n
    total = g(0.0) + g(top) + sum((4 if i % 2 else 2) * g(i * h) for i in range(1, n))
    return total * h / 3


@pytest.mark.parametrize("k", sorted(HARTER))
def test_expected_max_matches_harters_table(k):
    assert lg.expected_max_normal(k) == pytest.approx(HARTER[k], abs=6e-6)


@pytest.mark.parametrize("k", [1, 2, 7, 1000])
def test_expected_max_matches_a_tail_integral(k):
    assert lg.expected_max_normal(k) == pytest.approx(tail_integral(k), abs=1e-7)


def test_expected_max_of_one_and_two_and_three_exactly():
    assert lg.expected_max_normal(1) == 0.0
    assert lg.expected_max_normal(2) == pytest.approx(1 / math.sqrt(math.pi), abs=1e-9)
    assert lg.expected_max_normal(3) == pytest.approx(1.5 / math.sqrt(math.pi), abs=1e-9)
    arr = lg.expected_max_normal([1, 2, 3])
    assert isinstance(arr, np.ndarray)
    np.testing.assert_allclose(arr, [0.0, 1 / math.sqrt(math.pi), 1.5 / math.sqrt(math.pi)], atol=1e-9)


@pytest.mark.parametrize("rho", [-1.0, -0.3, 0.0, 0.5, 1.0])
@pytest.mark.parametrize("k", [2, 10, 100])
def test_measured_true_and_gap_by_hand(k, rho):
    e = HARTER[k]
    assert lg.measured_improvement(k) == pytest.approx(e, abs=6e-6)
    assert lg.true_improvement(k, rho) == pytest.approx(rho * e, abs=6e-6)
    assert lg.improvement_gap(k, rho) == pytest.approx((1 - rho) * e, abs=1.2e-5)


def test_the_defaults_are_a_correlation_of_one_half():
    assert lg.true_improvement(100) == pytest.approx(0.5 * HARTER[100], abs=6e-6)
    assert lg.improvement_gap(100) == pytest.approx(0.5 * HARTER[100], abs=6e-6)
    np.testing.assert_allclose(lg.true_improvement([2, 10], 0.25), [0.25 * HARTER[2], 0.25 * HARTER[10]],
                               atol=6e-6)


@pytest.mark.parametrize("k, rho", [(1, 0.5), (2, 0.0), (2, 0.5), (5, -0.5), (200, 0.8)])
def test_the_simulation_agrees_with_the_tables(k, rho):
    draws = 4000
    sim = lg.simulate_resampling(k, rho, draws=draws, seed=3)
    e = 0.0 if k == 1 else (HARTER.get(k) or tail_integral(k))
    assert abs(sim.measured - e) < 4 * sim.measured_se
    assert abs(sim.true - rho * e) < 4 * sim.true_se
    # a standard error is an SD over root n: for k = 1 both are standard normal
    if k == 1:
        assert sim.measured_se == pytest.approx(1 / math.sqrt(draws), rel=0.1)
        assert sim.true_se == pytest.approx(1 / math.sqrt(draws), rel=0.1)
    if k == 2:  # Var(max of two) = 1 - 1/pi
        assert sim.measured_se == pytest.approx(math.sqrt((1 - 1 / math.pi) / draws), rel=0.1)


def test_the_simulation_with_a_perfect_or_an_inverted_probe():
    # rho = 1: d is s; rho = -1: d is -s (the sqrt(1 - rho^2) term vanishes)
    sim = lg.simulate_resampling(5, 1.0, draws=500, seed=2)
    assert sim.true == pytest.approx(sim.measured, abs=1e-12) and sim.true_se == pytest.approx(sim.measured_se)
    sim = lg.simulate_resampling(5, -1.0, draws=500, seed=2)
    assert sim.true == pytest.approx(-sim.measured, abs=1e-12)
    # a useless probe: d independent of the selection, mean about 0 with SD about 1
    sim = lg.simulate_resampling(5, 0.0, draws=4000, seed=2)
    assert abs(sim.true) < 4 * sim.true_se
    assert sim.true_se == pytest.approx(1 / math.sqrt(4000), rel=0.1)


def reference_simulation(k, rho, draws, seed):
    """The documented procedure written out for one batch: s then z, each draws x k, from the seed."""
    rng = np.random.default_rng(seed)
    s = rng.standard_normal((draws, k))
    z = rng.standard_normal((draws, k))
    measured, true = [], []
    for i in range(draws):
        j = min(range(k), key=lambda col: s[i, col])
        measured.append(-s[i, j])
        true.append(-(rho * s[i, j] + math.sqrt(1 - rho * rho) * z[i, j]))

    def mean_se(xs):
        mean = sum(xs) / len(xs)
        var = sum((x - mean) ** 2 for x in xs) / (len(xs) - 1)
        return mean, math.sqrt(var / len(xs))
    (m, m_se), (t, t_se) = mean_se(measured), mean_se(true)
    return m, t, m_se, t_se


@pytest.mark.parametrize("k, rho, draws, seed", [(1, 0.5, 2, 0), (3, -0.4, 50, 5), (10, 0.9, 200, 11)])
def test_the_simulation_is_the_documented_procedure(k, rho, draws, seed):
    got = lg.simulate_resampling(k, rho, draws=draws, seed=seed)
    assert tuple(got) == pytest.approx(reference_simulation(k, rho, draws, seed), rel=1e-10, abs=1e-12)


def test_the_simulation_spans_chunks_and_is_seeded():
    # k = 1000 is drawn 2,000 selections at a time: 2,500 draws take two chunks
    a = lg.simulate_resampling(1000, 0.5, draws=2500, seed=7)
    assert abs(a.measured - tail_integral(1000)) < 4 * a.measured_se
    assert a.measured_se < 0.01  # the max of 1,000 has SD about 0.37: not a chunk of zeros
    assert a == lg.simulate_resampling(1000, 0.5, draws=2500, seed=7)
    assert a != lg.simulate_resampling(1000, 0.5, draws=2500, seed=8)
    assert isinstance(a, lg.ResamplingSimulation) and all(isinstance(x, float) for x in a)
    default = lg.simulate_resampling(3)
    assert default == lg.simulate_resampling(3, 0.5, 20_000, 0)


def test_frame_samples_are_the_rounded_log_grid():
    expected = sorted({round(10 ** (2 * i / 40)) for i in range(41)})
    assert lg.frame_samples().tolist() == expected
    assert lg.frame_samples().dtype.kind == "i"


@pytest.mark.parametrize("rho", [-0.5, 0.5, 1.0])
def test_the_resampling_frame_row_by_row(rho):
    df = lg.resampling_frame(correlation=rho)
    ks = sorted({round(10 ** (2 * i / 40)) for i in range(41)})
    n = len(ks)
    assert df.index.tolist() == list(range(3 * n))
    assert df.series.tolist() == ["measured"] * n + ["true"] * n + ["gap"] * n
    assert df.samples.tolist() == [float(k) for k in ks] * 3
    for k in (2, 10, 100):
        i = ks.index(k)
        assert df.improvement.iloc[i] == pytest.approx(HARTER[k], abs=6e-6)
        assert df.improvement.iloc[n + i] == pytest.approx(rho * HARTER[k], abs=6e-6)
        assert df.improvement.iloc[2 * n + i] == pytest.approx((1 - rho) * HARTER[k], abs=1.2e-5)
    assert df.improvement.iloc[0] == 0.0  # k = 1


def test_the_resampling_frame_default_correlation():
    df = lg.resampling_frame()
    assert df[df.series == "true"].improvement.tolist() == pytest.approx(
        (0.5 * df[df.series == "measured"].improvement).tolist())


# --- every parameter is accepted up to its documented ends and refused beyond ------------------

def kwargs_call(func, positional=()):
    def call(**kw):
        return func(*positional, **kw)
    return call


LR = dict(positives=0, runs=2, validity=0.5, artifact_rate=0.5)
EDGES = [
    (lg.likelihood_ratio, LR, "runs", 0, 200, False, False, True),
    (lg.likelihood_ratio, LR, "validity", 0.0, 1.0, False, False, False),
    (lg.likelihood_ratio, LR, "artifact_rate", 1e-6, 1.0, False, False, False),
    (lg.likelihood_ratio, LR, "sensitivity", 1e-6, 1 - 1e-6, False, False, False),
    (lg.likelihood_ratio, LR, "false_positive_rate", 1e-6, 1 - 1e-6, False, False, False),
    (lg.likelihood_ratio_bound, dict(validity=0.5, artifact_rate=0.5), "validity", 0.0, 1.0, False, True, False),
    (lg.likelihood_ratio_bound, dict(validity=0.5, artifact_rate=0.5), "artifact_rate", 1e-6, 1.0, False, False, False),
    (lg.posterior, dict(prior=0.5, likelihood_ratio=2.0), "prior", 0.0, 1.0, True, True, False),
    (lg.posterior, dict(prior=0.5, likelihood_ratio=2.0), "likelihood_ratio", 0.0, None, False, False, False),
    (lg.log10_odds, dict(prior=0.5, likelihood_ratio=2.0), "prior", 0.0, 1.0, True, True, False),
    (lg.log10_odds, dict(prior=0.5, likelihood_ratio=2.0), "likelihood_ratio", 0.0, None, True, False, False),
    (lg.posterior_ceiling, dict(prior=0.5, validity=0.5, artifact_rate=0.5), "prior", 0.0, 1.0, True, True, False),
    (lg.posterior_ceiling, dict(prior=0.5, validity=0.5, artifact_rate=0.5), "validity", 0.0, 1.0, False, False, False),
    (lg.posterior_ceiling, dict(prior=0.5, validity=0.5, artifact_rate=0.5), "artifact_rate", 1e-6, 1.0, False, False, False),
    (lg.audience_settings, {}, "skeptic_validity_internals", 0.0, 1.0, False, True, False),
    (lg.audience_settings, {}, "artifact_rate_internals", 1e-6, 1.0, False, False, False),
    (lg.audience_settings, {}, "skeptic_validity_behavioral", 0.0, 1.0, False, True, False),
    (lg.audience_settings, {}, "skeptic_artifact_rate_behavioral", 1e-6, 1.0, False, False, False),
    (lg.skeptic_ceiling, {}, "validity", 0.0, 1.0, False, True, False),
    (lg.skeptic_ceiling, {}, "artifact_rate", 1e-6, 1.0, False, False, False),
    (lg.skeptic_ceiling, {}, "prior", 0.0, 1.0, True, True, False),
    (lg.even_odds_ratio, {}, "prior", 0.0, 1.0, True, True, False),
    (lg.even_odds_validity, {}, "artifact_rate", 1e-6, 1.0, False, False, False),
    (lg.even_odds_validity, {}, "prior", 0.0, 1.0, True, True, False),
    (lg.even_odds_artifact_rate, {}, "validity", 0.0, 1.0, False, True, False),
    (lg.even_odds_artifact_rate, dict(validity=0.2), "prior", 0.0, 1.0, True, True, False),
    (lg.lever_factor, {}, "validity", 0.0, 1.0, False, True, False),
    (lg.lever_factor, {}, "artifact_rate", 1e-6, 1.0, False, False, False),
    (lg.lever_factor, {}, "prior", 0.0, 1.0, True, True, False),
    (lg.independent_methods_ceiling, dict(methods=2), "methods", 1, 10_000, False, False, True),
    (lg.independent_methods_ceiling, dict(methods=2), "validity", 0.0, 1.0, False, True, False),
    (lg.independent_methods_ceiling, dict(methods=2), "artifact_rate", 1e-6, 1.0, False, False, False),
    (lg.independent_methods_ceiling, dict(methods=2), "prior", 0.0, 1.0, True, True, False),
    (lg.methods_for_even_odds, {}, "validity", 0.0, 1.0, False, True, False),
    (lg.methods_for_even_odds, {}, "artifact_rate", 1e-6, 1.0, False, False, False),
    (lg.methods_for_even_odds, {}, "prior", 0.0, 1.0, True, True, False),
    (lg.ceiling_frame, {}, "validity", 0.0, 1.0, False, True, False),
    (lg.ceiling_frame, {}, "artifact_rate", 1e-6, 1.0, False, False, False),
    (lg.expected_max_normal, {}, "samples", 1, 1_000_000, False, False, True),
    (lg.true_improvement, dict(samples=2), "correlation", -1.0, 1.0, False, False, False),
    (lg.improvement_gap, dict(samples=2), "correlation", -1.0, 1.0, False, False, False),
    (lg.simulate_resampling, dict(samples=2, draws=10), "samples", 1, 1000, False, False, True),
    (lg.simulate_resampling, dict(samples=2, draws=10), "correlation", -1.0, 1.0, False, False, False),
    (lg.simulate_resampling, dict(samples=2), "draws", 2, None, False, False, True),  # 1e6 draws: too slow
    (lg.simulate_resampling, dict(samples=2, draws=10), "seed", 0, None, False, False, True),
    (lg.resampling_frame, {}, "correlation", -1.0, 1.0, False, False, False),
]


test_a_parameter_is_accepted_to_its_documented_ends_and_refused_beyond = edges_test(EDGES)


def test_counts_must_be_whole_numbers_within_the_runs():
    with pytest.raises(ValueError, match=r"^positives must be in \[0, 2\], got 3"):
        lg.likelihood_ratio(3, 2, 0.5, 0.5)
    with pytest.raises(ValueError, match=r"^positives must be whole numbers in \[0, 4\], got .*1.5"):
        lg.likelihood_ratio([1.0, 1.5], 4, 0.5, 0.5)
    with pytest.raises(ValueError, match="^positives must be in"):
        lg.likelihood_ratio([1.0, 5.0], 4, 0.5, 0.5)
    with pytest.raises(ValueError, match=r"^samples must be whole numbers in \[1, 1000000\], got .*2.5"):
        lg.expected_max_normal([2.0, 2.5])
    with pytest.raises(ValueError, match="^samples must be in"):
        lg.expected_max_normal([0, 2])
    with pytest.raises(ValueError, match=r"^samples must be in \[1, 1e\+06\]"):
        lg.expected_max_normal([2, 1_000_001])
    assert lg.expected_max_normal([1, 1_000_000])[0] == 0.0  # both ends of the range are accepted
    with pytest.raises(ValueError, match="^likelihood_ratio must be in"):
        lg.posterior(0.5, [1.0, -1.0])
    with pytest.raises(ValueError, match="^likelihood_ratio must be in"):
        lg.log10_odds(0.5, [1.0, 0.0])
