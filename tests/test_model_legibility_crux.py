"""Tests for the Legible-evidence chapter's crux: the skeptic's ceiling over q and c, the even-odds
thresholds, and independent methods."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from essays.models.legibility import (
    MAP_ARTIFACT_RATE_RANGE,
    MAP_C_HALF_RATIO,
    MAP_CELLS,
    MAP_Q_STEP,
    MAP_VALIDITY_RANGE,
    ceiling_frame,
    even_odds_artifact_rate,
    even_odds_ratio,
    even_odds_validity,
    independent_methods_ceiling,
    lever_factor,
    methods_for_even_odds,
    posterior,
    posterior_ceiling,
    skeptic_ceiling,
)

priors = st.floats(1e-4, 0.45)
validities = st.floats(0.0, 0.999)
positive_validities = st.floats(0.01, 0.99)
artifact_rates = st.floats(1e-4, 1.0)


@settings(max_examples=50, deadline=None)
@given(validities, artifact_rates, priors)
def test_the_ceiling_is_bayes_rule_at_one_plus_the_odds_of_validity_over_c(q, c, p):
    bound = 1 + q / (1 - q) / c
    out = skeptic_ceiling(q, c, p)
    assert out["bound"] == pytest.approx(bound, rel=1e-12)
    assert out["ceiling"] == pytest.approx(p * bound / (p * bound + 1 - p), rel=1e-9)
    assert out["ceiling"] == pytest.approx(posterior_ceiling(p, q, c), rel=1e-12)
    assert out["ceiling_log10_odds"] == pytest.approx(math.log10(out["ceiling"] / (1 - out["ceiling"])), abs=1e-9)


@settings(max_examples=50, deadline=None)
@given(validities, validities, artifact_rates, artifact_rates)
def test_the_ceiling_rises_with_validity_and_falls_with_the_artifact_rate(q1, q2, c1, c2):
    (qa, qb), (ca, cb) = sorted((q1, q2)), sorted((c1, c2))
    assert skeptic_ceiling(qa, cb)["ceiling"] <= skeptic_ceiling(qb, cb)["ceiling"] + 1e-15
    assert skeptic_ceiling(qa, cb)["ceiling"] <= skeptic_ceiling(qa, ca)["ceiling"] + 1e-15


@settings(max_examples=50, deadline=None)
@given(positive_validities, st.floats(0.01, 0.5), st.floats(1.0, 50.0))
def test_multiplying_the_odds_of_validity_equals_dividing_the_artifact_rate(q, c, factor):
    # Symmetry: the ceiling depends on q and c only through odds(q) / c.
    odds = q / (1 - q) * factor
    assert skeptic_ceiling(odds / (1 + odds), c)["ceiling"] == pytest.approx(
        skeptic_ceiling(q, c / factor)["ceiling"], rel=1e-9)


@settings(max_examples=50, deadline=None)
@given(artifact_rates, priors)
def test_the_even_odds_validity_puts_the_ceiling_at_one_half(c, p):
    q = even_odds_validity(c, p)
    assert 0 < q < 1
    assert skeptic_ceiling(q, c, p)["ceiling"] == pytest.approx(0.5, abs=1e-9)


@settings(max_examples=50, deadline=None)
@given(positive_validities, priors)
def test_below_the_even_odds_artifact_rate_the_ceiling_passes_one_half(q, p):
    c = even_odds_artifact_rate(q, p)
    if 1e-5 <= c <= 1:
        assert skeptic_ceiling(q, c, p)["ceiling"] == pytest.approx(0.5, abs=1e-9)
        assert skeptic_ceiling(q, c * 0.9, p)["ceiling"] > 0.5


def test_the_default_thresholds_are_nine_tenths_and_one_seventy_second():
    # R = 19: q / (0.5 (1 - q)) = 18 gives q = 0.9; 0.25 / c = 18 gives c = 1 / 72.
    assert even_odds_ratio() == pytest.approx(19.0, rel=1e-12)
    assert even_odds_validity() == pytest.approx(0.9, rel=1e-12)
    assert even_odds_artifact_rate() == pytest.approx(1 / 72, rel=1e-12)
    assert lever_factor() == pytest.approx(36.0, rel=1e-12)


@settings(max_examples=50, deadline=None)
@given(positive_validities, artifact_rates, priors)
def test_either_lever_moved_by_its_factor_reaches_even_odds(q, c, p):
    factor = lever_factor(q, c, p)
    odds = q / (1 - q) * factor
    assert skeptic_ceiling(odds / (1 + odds), c, p)["ceiling"] == pytest.approx(0.5, abs=1e-9)
    if 1e-6 <= c / factor <= 1:
        assert skeptic_ceiling(q, c / factor, p)["ceiling"] == pytest.approx(0.5, abs=1e-9)


def _methods_by_counting(q, c, p):
    n, ceiling = 0, p
    while ceiling <= 0.5:
        n += 1
        odds = p / (1 - p) * (1 + q / (1 - q) / c) ** n
        ceiling = odds / (1 + odds)
    return n


@settings(max_examples=50, deadline=None)
@given(st.floats(0.05, 0.95), st.floats(0.01, 1.0), priors)
def test_the_number_of_independent_methods_agrees_with_counting(q, c, p):
    n = methods_for_even_odds(q, c, p)
    assert n == _methods_by_counting(q, c, p)
    assert independent_methods_ceiling(n, q, c, p) > 0.5
    if n > 1:
        assert independent_methods_ceiling(n - 1, q, c, p) <= 0.5


def test_eight_independent_probes_take_the_default_skeptic_past_even_odds():
    # 1.5^7 = 17.1 < 19 < 25.6 = 1.5^8.
    assert methods_for_even_odds() == 8
    assert independent_methods_ceiling(1) == pytest.approx(skeptic_ceiling()["ceiling"], rel=1e-12)
    assert independent_methods_ceiling(8) == pytest.approx(posterior(0.05, 1.5**8), rel=1e-12)


def test_the_ceiling_frame_covers_the_map_and_ends_with_the_chosen_point():
    df = ceiling_frame(validity=0.4, artifact_rate=0.02)
    cells = df[df["kind"] == "cell"]
    assert len(cells) == MAP_CELLS[0] * MAP_CELLS[1]
    assert cells["validity"].min() - MAP_Q_STEP / 2 == pytest.approx(MAP_VALIDITY_RANGE[0], abs=1e-12)
    assert cells["validity"].max() + MAP_Q_STEP / 2 == pytest.approx(MAP_VALIDITY_RANGE[1], rel=1e-12)
    assert cells["artifact_rate"].min() / MAP_C_HALF_RATIO == pytest.approx(MAP_ARTIFACT_RATE_RANGE[0], rel=1e-12)
    assert cells["artifact_rate"].max() * MAP_C_HALF_RATIO == pytest.approx(MAP_ARTIFACT_RATE_RANGE[1], rel=1e-12)
    chosen = df.iloc[-1]
    assert (chosen["kind"], chosen["validity"], chosen["artifact_rate"]) == ("chosen", 0.4, 0.02)
    assert chosen["ceiling"] == skeptic_ceiling(0.4, 0.02)["ceiling"]
    assert np.isfinite(df[["validity", "artifact_rate", "ceiling"]]).all().all()


BAD_CALLS = [
    ("ceiling validity 1", lambda: skeptic_ceiling(1.0, 0.5), "validity"),
    ("ceiling artifact 0", lambda: skeptic_ceiling(0.2, 0.0), "artifact_rate"),
    ("ceiling prior", lambda: skeptic_ceiling(0.2, 0.5, 0.0), "prior"),
    ("even odds ratio prior", lambda: even_odds_ratio(1.0), "prior"),
    ("even odds validity c", lambda: even_odds_validity(float("nan")), "artifact_rate"),
    ("even odds artifact q", lambda: even_odds_artifact_rate(1.0), "validity"),
    ("lever prior", lambda: lever_factor(0.2, 0.5, -1.0), "prior"),
    ("methods count", lambda: independent_methods_ceiling(0), "methods"),
    ("methods fractional", lambda: independent_methods_ceiling(2.5), "methods"),
    ("methods at q 0", lambda: methods_for_even_odds(0.0, 0.5), "validity"),
    ("frame validity", lambda: ceiling_frame(validity=2.0), "validity"),
    ("frame artifact", lambda: ceiling_frame(artifact_rate="high"), "artifact_rate"),
]


@pytest.mark.parametrize("description, call, name", BAD_CALLS, ids=[c[0] for c in BAD_CALLS])
def test_bad_input_raises_a_value_error_naming_the_parameter(description, call, name):
    with pytest.raises(ValueError, match=rf"^{name}\b"):
        call()
