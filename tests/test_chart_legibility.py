"""The Legible-evidence chapter's charts: the Vega expressions the static page runs agree with the
Python model at any slider setting, not only at the grid positions the browser tests visit.

The expressions are evaluated by Vega itself, in-process, through vl-convert: a probe chart applies
the figure's own expressions to the figure's own base data and prints every recomputed row as text,
at full precision (JavaScript's number-to-string conversion round-trips doubles).
"""
from __future__ import annotations

import json

import altair as alt
import numpy as np
import pandas as pd
import pytest
import vl_convert
from hypothesis import given, settings
from hypothesis import strategies as st

from essays.charts import legibility as charts
from essays.explorable import _records
from essays.models import legibility as model

SEPARATOR = "|"


def vega_rows(fig, values: dict) -> pd.DataFrame:
    """The rows the static page computes at ``values``: the figure's expressions run by Vega."""
    values = fig.defaults | values
    columns = list(fig.frame().columns)
    text = f" + '{SEPARATOR}' + ".join(f"('' + datum.{c})" for c in columns)
    probe = (
        alt.Chart(alt.Data(values=_records(fig.frame())))
        .transform_calculate(**fig.expressions)
        .transform_calculate(_row=text)
        .mark_text()
        .encode(text="_row:N", x=alt.value(0), y=alt.value(0))
        .add_params(*(alt.param(name=name, value=value) for name, value in values.items()))
    )
    scenegraph = vl_convert.vegalite_to_scenegraph(json.dumps(probe.to_dict()))
    texts: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("marktype") == "text" and node.get("role") == "mark":
                texts.extend(item["text"] for item in node["items"])
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(scenegraph)
    frame = pd.DataFrame([t.split(SEPARATOR) for t in texts], columns=columns)
    for column in columns:
        if pd.api.types.is_numeric_dtype(fig.frame()[column]):
            frame[column] = frame[column].astype(float)
    return frame


def assert_same_rows(drawn: pd.DataFrame, expected: pd.DataFrame, rtol: float = 1e-9) -> None:
    """Row for row equal; ``rtol`` allows for base data the static page rounds (7 digits)."""
    assert len(drawn) == len(expected)
    for column in expected.columns:
        if pd.api.types.is_numeric_dtype(expected[column]):
            np.testing.assert_allclose(drawn[column], expected[column], rtol=rtol, atol=1e-12, err_msg=column)
        else:
            assert drawn[column].tolist() == expected[column].tolist(), column


def unit(lo: float, hi: float):
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


# -- Figure 1: the audiences -------------------------------------------------------------------

@settings(max_examples=6, deadline=None)  # each example is one Vega run (about 1 s)
@given(unit(0.0, 1.0), unit(0.01, 1.0), unit(0.5, 1.0), unit(0.01, 0.5), unit(0.01, 0.5))
def test_the_audience_expressions_equal_the_model_anywhere_in_the_sliders_ranges(q, c, sens, fpr, prior):
    values = {"skeptic_validity_internals": q, "artifact_rate_internals": c, "sensitivity": sens,
              "false_positive_rate": fpr, "skeptic_prior": prior}
    assert_same_rows(vega_rows(charts.AUDIENCES, values), charts.AUDIENCES.frame(**values))


@pytest.mark.parametrize("q", [0.0, 1.0])
def test_the_audience_expressions_hold_at_a_skeptic_who_is_certain_either_way(q):
    values = {"skeptic_validity_internals": q, "sensitivity": 1.0, "false_positive_rate": 0.01}
    assert_same_rows(vega_rows(charts.AUDIENCES, values), charts.AUDIENCES.frame(**values))


def test_the_audience_sliders_span_the_model_and_start_at_its_defaults():
    params = {p.name: p for p in charts.AUDIENCES.params}
    assert params["skeptic_validity_internals"].default == model.SKEPTIC_VALIDITY_INTERNALS
    assert params["artifact_rate_internals"].default == model.ARTIFACT_RATE_INTERNALS
    assert params["skeptic_prior"].default == model.SKEPTIC_PRIOR
    pd.testing.assert_frame_equal(charts.AUDIENCES.frame(), model.legibility_frame())


def test_the_skeptics_dashed_ceiling_is_the_bound_quoted_in_the_prose():
    frame = charts.AUDIENCES.frame()
    skeptic = frame[(frame["evidence"] == "internals") & (frame["audience"] == "skeptic")]
    ceiling = model.posterior_ceiling(model.SKEPTIC_PRIOR, model.SKEPTIC_VALIDITY_INTERNALS,
                                      model.ARTIFACT_RATE_INTERNALS)
    assert np.allclose(skeptic["posterior_ceiling"], ceiling)
    assert (skeptic["posterior"] < ceiling).all()
    assert (skeptic["likelihood_ratio"] < model.likelihood_ratio_bound(
        model.SKEPTIC_VALIDITY_INTERNALS, model.ARTIFACT_RATE_INTERNALS)).all()


# -- Figure 2: resampling against the probe -----------------------------------------------------

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

@pytest.mark.parametrize("fig", [charts.AUDIENCES, charts.RESAMPLING], ids=lambda f: f.name)
def test_the_static_and_live_specs_validate_and_stay_small(fig):
    fig.figure().to_dict()  # validates against the Vega-Lite schema
    fig.static_spec()
    assert len(fig.static_html()) < 100_000
