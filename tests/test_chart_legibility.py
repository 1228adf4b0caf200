"""The Legible-evidence chapter's charts: the Vega expressions the static page runs agree with the
Python model at any slider setting, not only at the grid positions the browser tests visit.

The expressions are evaluated by Vega itself, in-process, through vl-convert: a probe chart applies
the figure's own expressions to the figure's own base data and prints every recomputed row as text,
at full precision (JavaScript's number-to-string conversion round-trips doubles).
"""
from __future__ import annotations


import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from essays.charts import legibility as charts
from essays.models import legibility as model
from figures import STATIC_GROUP, assert_same_rows, static_html, vega_rows



def unit(lo: float, hi: float):
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


# -- Figure 1: the audiences -------------------------------------------------------------------

validity_sliders = unit(0.0, 0.975)
artifact_sliders = unit(0.001, 1.0)


@settings(max_examples=3, deadline=None)  # each example is one Vega run (a few seconds)
@given(validity_sliders, artifact_sliders, validity_sliders, artifact_sliders)
def test_the_audience_expressions_equal_the_model_anywhere_in_the_sliders_ranges(qi, ci, qb, cb):
    values = {"skeptic_validity_internals": qi, "artifact_rate_internals": ci,
              "skeptic_validity_behavioral": qb, "skeptic_artifact_rate_behavioral": cb}
    assert_same_rows(vega_rows(charts.AUDIENCES, values), charts.AUDIENCES.frame(**values), rtol=1e-8)


def test_the_audience_expressions_hold_at_the_ends_of_the_sliders():
    values = {"skeptic_validity_internals": 0.0, "artifact_rate_internals": 1.0,
              "skeptic_validity_behavioral": 0.975, "skeptic_artifact_rate_behavioral": 0.001}
    assert_same_rows(vega_rows(charts.AUDIENCES, values), charts.AUDIENCES.frame(**values), rtol=1e-8)


def test_the_audience_sliders_start_at_the_models_defaults():
    params = {p.name: p for p in charts.AUDIENCES.params}
    assert params["skeptic_validity_internals"].default == model.SKEPTIC_VALIDITY_INTERNALS
    assert params["artifact_rate_internals"].default == model.ARTIFACT_RATE_INTERNALS
    assert params["skeptic_validity_behavioral"].default == model.SKEPTIC_VALIDITY_BEHAVIORAL
    assert params["skeptic_artifact_rate_behavioral"].default == model.SKEPTIC_ARTIFACT_RATE_BEHAVIORAL
    pd.testing.assert_frame_equal(charts.AUDIENCES.frame(), model.legibility_frame())


def _skeptic_after_ten_catches(q: float, c: float) -> float:
    """Independent route: P(10 of 10 | S) and P(10 of 10 | not S) summed over validity and artifact."""
    s, f = model.SENSITIVITY**10, model.FALSE_POSITIVE_RATE**10
    invalid = c * s + (1 - c) * f
    odds = model.SKEPTIC_PRIOR / (1 - model.SKEPTIC_PRIOR) * (q * s + (1 - q) * invalid) / (q * f + (1 - q) * invalid)
    return odds / (1 + odds)


def _bisect(fn, lo: float, hi: float) -> float:
    """The root of the increasing or decreasing ``fn(x) - 0.5`` in [lo, hi], by plain bisection."""
    sign = fn(lo) > 0.5
    for _ in range(100):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if (fn(mid) > 0.5) == sign else (lo, mid)
    return (lo + hi) / 2


def test_the_catch_claims_thresholds_agree_with_an_independent_bisection():
    crux = charts.AUDIENCES.cruxes[0]
    at = charts.AUDIENCES.defaults
    (q_flip,) = crux.flips("skeptic_validity_behavioral", **at)
    (c_flip,) = crux.flips("skeptic_artifact_rate_behavioral", **at)
    c0, q0 = model.SKEPTIC_ARTIFACT_RATE_BEHAVIORAL, model.SKEPTIC_VALIDITY_BEHAVIORAL
    assert q_flip.value == pytest.approx(_bisect(lambda q: _skeptic_after_ten_catches(q, c0), 0, 0.975), rel=1e-4)
    assert q_flip.holds_above
    assert c_flip.value == pytest.approx(_bisect(lambda c: _skeptic_after_ten_catches(q0, c), 0.001, 1), rel=1e-4)
    assert not c_flip.holds_above
    assert crux.holds(**at)


# -- Figure 2: the crux map ------------------------------------------------------------------------

@settings(max_examples=3, deadline=None)
@given(validity_sliders, artifact_sliders)
def test_the_ceiling_expressions_equal_the_model_anywhere_in_the_sliders_ranges(q, c):
    values = {"validity": q, "artifact_rate": c}
    # The cells ride in the base data, which the static page rounds to 7 significant digits.
    assert_same_rows(vega_rows(charts.SKEPTIC_CEILING, values), charts.SKEPTIC_CEILING.frame(**values), rtol=1e-6)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 39), st.integers(0, 37))
def test_the_crux_thresholds_agree_with_the_closed_forms_at_every_grid_position(i, j):
    q_param, c_param = charts.SKEPTIC_CEILING.params
    q, c = float(q_param.grid()[i]), float(c_param.grid()[j])
    crux = charts.SKEPTIC_CEILING.cruxes[0]
    q_star = model.even_odds_validity(c)
    flips = crux.flips("validity", validity=q, artifact_rate=c)
    if q_star <= q_param.max:
        (flip,) = flips
        assert flip.value == pytest.approx(q_star, rel=1e-3) and not flip.holds_above
    else:
        assert flips == []
    c_star = model.even_odds_artifact_rate(q) if q > 0 else 0.0
    flips = crux.flips("artifact_rate", validity=q, artifact_rate=c)
    if c_param.min < c_star < c_param.max:
        (flip,) = flips
        assert flip.value == pytest.approx(c_star, rel=1e-3) and flip.holds_above
    else:
        assert flips == []


def test_the_crux_at_the_defaults_fails_above_nine_tenths_and_below_one_seventy_second():
    fig = charts.SKEPTIC_CEILING
    assert fig.cruxes[0].holds(**fig.defaults)
    (q_flip,) = fig.cruxes[0].flips("validity", **fig.defaults)
    (c_flip,) = fig.cruxes[0].flips("artifact_rate", **fig.defaults)
    assert q_flip.value == pytest.approx(0.9, rel=1e-4)
    assert c_flip.value == pytest.approx(1 / 72, rel=1e-4)


def test_the_contour_drawn_on_the_map_is_the_even_odds_line():
    rows = [r for r in charts.SKEPTIC_CEILING.claim_rows() if r["kind"] == "boundary"]
    assert len(rows) >= 30
    for row in rows:
        assert row["value"] == pytest.approx(model.even_odds_validity(row["at"]), rel=1e-3)


# -- Figure 3: resampling against the probe -----------------------------------------------------

@settings(max_examples=5, deadline=None)
@given(unit(0.0, 1.0))
def test_the_resampling_expression_equals_the_model_for_any_correlation(rho):
    # E[max of k] rides in the base data, which the static page rounds to 7 significant digits.
    assert_same_rows(vega_rows(charts.RESAMPLING, {"correlation": rho}),
                     charts.RESAMPLING.frame(correlation=rho), rtol=1e-6)


def test_the_resampling_figure_is_the_models_frame_with_e_max_beside_each_row():
    frame = charts.resampling_frame(0.3)
    pd.testing.assert_frame_equal(frame.drop(columns="expected_max"), model.resampling_frame(correlation=0.3))
    assert np.allclose(frame["expected_max"], model.expected_max_normal(frame["samples"].to_numpy()))
    measured = frame[frame["series"] == "measured"]
    assert np.allclose(measured["improvement"], measured["expected_max"])


def test_the_probes_reading_does_not_depend_on_the_correlation():
    low, high = charts.resampling_frame(0.0), charts.resampling_frame(1.0)
    pick = lambda df: df[df["series"] == "measured"]["improvement"].to_numpy()  # noqa: E731
    assert np.array_equal(pick(low), pick(high))


# -- Both -----------------------------------------------------------------------------------

@STATIC_GROUP
@pytest.mark.parametrize("fig", [charts.AUDIENCES, charts.SKEPTIC_CEILING, charts.RESAMPLING], ids=lambda f: f.name)
def test_the_static_and_live_specs_validate_and_stay_small(fig):
    fig.figure().to_dict()  # validates against the Vega-Lite schema
    assert len(static_html(fig)) < 100_000
