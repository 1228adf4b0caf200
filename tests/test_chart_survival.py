"""Tests of the survival chapter's figure frames, slider readouts and on-chart text.

The frames (essays.models.survival_frames) are checked against the tested models of
essays.models.survival, value for value; the text the charts draw is formatted by Vega
expressions, which are run here by the page's own Vega in Node (no browser) and compared with the
model's own ``format_duration``.
"""
from __future__ import annotations

import doctest
import math

import altair as alt
import numpy as np
import pytest
import vl_convert as vlc
from hypothesis import given, settings
from hypothesis import strategies as st

from essays.charts import survival as charts
from essays.models import survival as m
from essays.models import survival_frames as frames
from essays.models.survival import DAY, HOUR, MONTH, WEEK, YEAR, format_duration
from figures import STATIC_GROUP, static_html, vega_texts_at

VL_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])

doubling_days = st.floats(1 / 24, 36525.0)
elapsed_years = st.floats(1 / 365.25, 1000.0)
powers = st.floats(m.METABOLIC_POWER_W, 1e5)
populations = st.floats(1e9, 2e10)
fractions = st.floats(1e-12, 1.0)


def test_docstring_examples_run():
    result = doctest.testmod(frames)
    assert result.attempted >= 6 and result.failed == 0


# --- the overhead frame ---------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(doubling_days, elapsed_years, powers, populations)
def test_overhead_frame_equals_the_models_row_by_row(days, years, power, population):
    df = frames.overhead_frame(days, years, power, population)
    t, elapsed = days * DAY, years * YEAR
    for row in df.itertuples():
        assert row.delay_seconds == m.setaside_delay(row.share, t)
        assert row.relative_size == m.upkeep_relative_size(row.share, t, elapsed)
        assert row.lag_seconds == m.upkeep_lag(row.share, elapsed)
    markers = df[df.series != "curve"]
    for row in markers.itertuples():
        assert row.share == m.resource_share(population, power, m.RESOURCE_BASES[row.series])
        assert row.delay_seconds == m.survival_delay(population, power, m.RESOURCE_BASES[row.series], t)


@settings(max_examples=30, deadline=None)
@given(doubling_days, elapsed_years, powers)
def test_overhead_frame_has_the_same_rows_whatever_the_settings(days, years, power):
    # the static page recomputes values in the browser; it cannot add or drop rows
    df, default = frames.overhead_frame(days, years, power), frames.overhead_frame()
    assert df.series.tolist() == default.series.tolist()
    assert df.share[df.series == "curve"].tolist() == default.share[default.series == "curve"].tolist()
    assert df.point.tolist() == list(range(61)) + [-1, -1]


def test_overhead_curve_spans_its_axis_and_every_marker_is_on_it():
    lo, hi = frames.OVERHEAD_SHARE_AXIS
    for power in (m.METABOLIC_POWER_W, 1e5):
        for population in (1e9, 2e10):
            df = frames.overhead_frame(power_per_person=power, population=population)
            curve = df[df.series == "curve"]
            assert curve.share.iloc[0] == pytest.approx(lo) and curve.share.iloc[-1] == pytest.approx(hi)
            assert df.share.between(lo, hi).all()


def test_one_doubling_of_delay_for_half_and_half_the_size_after_one_doubling_time():
    df = frames.overhead_frame(doubling_time_days=1.0, elapsed_years=2 / 365.25, points=2)
    half = df[df.series == "curve"].iloc[-1]
    assert half.share == 0.5
    assert half.delay_doublings == pytest.approx(1.0) and half.delay_seconds == pytest.approx(DAY)
    assert half.relative_size == pytest.approx(0.5)  # 2**(-0.5 * 2 days / 1 day)


def test_a_share_of_sunlight_that_is_all_of_it_is_refused():
    with pytest.raises(ValueError, match="population \\* power_per_person"):
        frames.overhead_frame(power_per_person=1e8, population=1e10)


# --- the crux and two-phase frames --------------------------------------------------------------------

two_phase_fractions = st.floats(m.TWO_PHASE_FRACTION_RANGE[0], 1.0)


@settings(max_examples=40, deadline=None)
@given(fractions, doubling_days)
def test_bound_frame_equals_the_model_row_by_row(fraction, days):
    df = frames.earth_bound_frame(fraction, days)
    for row in df.itertuples():
        assert row.delay_seconds == pytest.approx(m.earth_constraint_delay(fraction, row.doubling_time_seconds),
                                                  rel=1e-12)
    assert df.iloc[-1].doubling_time_seconds == days * DAY
    assert df.series.tolist() == frames.earth_bound_frame().series.tolist()


def test_bound_frame_marks_each_reference_doubling_time():
    df = frames.earth_bound_frame()
    refs = df[df.series == "reference"]
    assert refs.label.tolist() == list(frames.REFERENCE_DOUBLING_TIMES)
    lo, hi = frames.BOUND_T_AXIS
    assert ((refs.doubling_time_seconds >= lo) & (refs.doubling_time_seconds <= hi)).all()


@settings(max_examples=30, deadline=None)
@given(two_phase_fractions, doubling_days, st.floats(0.0, 1.0), st.floats(1.0, 10.0))
def test_two_phase_frame_equals_the_model_row_by_row(fraction, days, seed, ratio):
    df = frames.two_phase_frame(fraction, days, seed, ratio)
    for row in df.itertuples():
        assert row.lag == m.two_phase_lag_doublings(row.u, fraction, seed, ratio)
        assert row.lag == min(row.wait_lag, row.seed_lag) or row.lag == pytest.approx(
            min(row.wait_lag, row.seed_lag), abs=1e-12)
        assert row.lag <= row.bound + 1e-12
    assert df.kind.tolist() == frames.two_phase_frame().kind.tolist()


# --- bad input --------------------------------------------------------------------------------------

_OK = {frames.overhead_frame: dict(doubling_time_days=365.25, elapsed_years=50.0, power_per_person=1000.0,
                                   population=8.2e9, points=11),
       frames.earth_bound_frame: dict(fraction=0.01, doubling_time_days=1.0, points=11),
       frames.two_phase_frame: dict(fraction=0.01, doubling_time_days=1.0, seed=0.1, offworld_ratio=2.0,
                                    points=11)}
_BAD = {
    "doubling_time_days": [0.0, -1.0, float("nan"), float("inf"), 1e9, "1 day", None],
    "elapsed_years": [-1.0, float("nan"), 1e7, "50", None],
    "power_per_person": [0.0, -5.0, float("nan"), 1e13, None],
    "population": [0.0, float("nan"), 1e16, None],
    "fraction": [0.0, -0.1, 1.5, float("nan"), None],
    "points": [1, 1000, 10.5, "61", None, True],
    "seed": [-0.1, 1.5, float("nan"), None],
    "offworld_ratio": [0.5, 0.0, 101.0, float("nan"), None],
}


@pytest.mark.parametrize(("func", "name", "bad"), [
    (func, name, bad) for func, ok in _OK.items() for name in ok for bad in _BAD[name]
], ids=lambda v: getattr(v, "__name__", repr(v)))
def test_bad_input_is_rejected_with_a_message_naming_the_parameter(func, name, bad):
    with pytest.raises(ValueError, match=rf"\b{name}\b"):
        func(**{**_OK[func], name: bad})


# --- slider readouts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("param", "value", "text"), [
    ("doubling_time_days", 1 / 24, "1 hour"),
    ("doubling_time_days", 365.25, "1 year"),
    ("doubling_time_days", 36525.0, "100 years"),
    ("elapsed_years", 1 / 365.25, "1 day"),
    ("power_per_person", 1e5, "100 kW"),
    ("power_per_person", m.METABOLIC_POWER_W, "96.9 W"),
    ("population", 8.2e9, "8.2 bn"),
    ("fraction", 0.01, "1%"),
    ("fraction", 0.5, "50%"),
    ("fraction", 1e-6, "1e-6"),
    ("fraction", 2.5e-9, "2.5e-9"),
])
def test_slider_readouts_are_in_human_units(param, value, text):
    found = {p.name: p for fig in (charts.SHARE, charts.OVERHEAD, charts.EARTH, charts.TWO_PHASE)
             for p in fig.params}
    assert found[param].display(value) == text


def test_each_slider_spans_the_range_the_issue_asks_for():
    params = {(fig.name, p.name): p for fig in (charts.SHARE, charts.OVERHEAD, charts.EARTH) for p in fig.params}
    population = params["survival_share", "population"]
    assert (population.min, population.max) == (1e9, 2e10)
    power = params["survival_share", "power_per_person"]
    assert power.log and power.min == pytest.approx(m.METABOLIC_POWER_W) and power.max == 1e5
    doubling = params["survival_earth", "doubling_time_days"]
    assert doubling.log and doubling.min * DAY == pytest.approx(HOUR) and doubling.max * DAY == pytest.approx(100 * YEAR)


# --- text drawn on the charts, by Vega -----------------------------------------------------------------


def vega_texts(expression, values: list[float]) -> list[str]:
    """Evaluate a text expression of ``datum.v`` in Vega (the page's, in Node) for each value, in order."""
    data = alt.Data(values=[{"i": i, "v": v} for i, v in enumerate(values)])
    chart = alt.Chart(data).transform_calculate(t=expression("datum.v")).mark_text().encode(
        y=alt.Y("i:O", axis=None), text="t:N")
    (texts,) = vega_texts_at(chart.to_dict(), [{}])
    return texts


DURATIONS = [2.3e-6, 9.8e-5, 1.0, 59.0, 3.5 * 60, 1.4 * HOUR, 6.6 * DAY, 3.2 * WEEK, 6.6 * MONTH, YEAR,
             YEAR * (1 - 1e-12), 6.6 * YEAR, 66 * YEAR, 200 * YEAR]


def test_durations_drawn_on_the_charts_read_as_the_model_formats_them():
    assert vega_texts(charts.duration_text, DURATIONS) == [format_duration(s) for s in DURATIONS]


def test_tiny_durations_read_in_picoseconds():
    assert vega_texts(charts.duration_text, [5.2e-13]) == ["0.52 picoseconds"]


def test_powers_and_shares_drawn_on_the_charts():
    assert vega_texts(charts.power_text, [m.METABOLIC_POWER_W, 2.396e3, 7.94e11, 1.9646e13, 8.2e14]) == [
        "96.9 W", "2.4 kW", "794 GW", "19.6 TW", "820 TW"]
    assert vega_texts(charts.share_text, [41.7, 1.0, 0.0404, 1.132e-4]) == ["42×", "100%", "4.04%", "1.13e−4"]


@pytest.mark.parametrize(("lo", "hi", "points"), [(*frames.OVERHEAD_SHARE_AXIS, 61), (*frames.BOUND_T_AXIS, 41)])
def test_grid_values_rebuilt_in_vega_equal_the_frames_grid(lo, hi, points):
    expression = charts.log_grid_value(lo, hi, points).replace("datum.point", "datum.v")
    drawn = vega_texts(lambda v: f"'' + ({expression})", list(range(points)))
    assert [float(t) for t in drawn] == pytest.approx(np.geomspace(lo, hi, points).tolist(), rel=1e-12)


@STATIC_GROUP
def test_every_figure_computes_in_the_browser_and_fits_the_page():
    for fig in (charts.SHARE, charts.OVERHEAD, charts.EARTH, charts.TWO_PHASE):
        assert fig.expressions, f"{fig.name} should render by Vega expressions"
        assert len(static_html(fig).encode()) < 100_000
        assert math.isfinite(float(np.asarray(fig.frame().select_dtypes("number")).sum()))


# --- the static page recomputes the frames in Vega ------------------------------------------------------


def vega_frame(fig, columns, **values):
    """The figure's frame recomputed by its Vega expressions at ``values`` (the page's Vega in Node)."""
    records = [{k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}
               for row in fig.frame().to_dict("records")]
    joined = " + '|' + ".join(f"format(datum.{c}, '.12e')" for c in columns)
    chart = (alt.Chart(alt.Data(values=[{**r, "row": i} for i, r in enumerate(records)]))
             .transform_calculate(**fig.expressions).transform_calculate(t=joined)
             .mark_text().encode(y=alt.Y("row:O", axis=None), text="t:N")
             .add_params(*[alt.param(name=k, value=v) for k, v in {**fig.defaults, **values}.items()]))
    (texts,) = vega_texts_at(chart.to_dict(), [{}])
    return [[float(x) for x in t.split("|")] for t in texts]


@pytest.mark.parametrize("values", [
    dict(fraction=0.01, doubling_time_days=1.0),
    dict(fraction=2e-6, doubling_time_days=0.05),
])
def test_the_crux_figure_recomputed_in_the_browser_equals_the_model(values):
    columns = ["doubling_time_seconds", "delay_doublings", "delay_seconds"]
    drawn = vega_frame(charts.EARTH, columns, **values)
    expected = charts.EARTH.frame(**values)[columns].to_numpy().tolist()
    assert np.asarray(drawn) == pytest.approx(np.asarray(expected), rel=1e-6)


@pytest.mark.parametrize("values", [
    dict(fraction=0.01, doubling_time_days=365.25, seed=0.1, offworld_ratio=1.0),
    dict(fraction=2e-4, doubling_time_days=7.0, seed=1e-6, offworld_ratio=3.0),
])
def test_the_two_phase_figure_recomputed_in_the_browser_equals_the_model(values):
    columns = ["u", "cap_binds", "wait_lag", "seed_lag", "lag", "bound", "lag_seconds", "bound_seconds"]
    drawn = np.asarray(vega_frame(charts.TWO_PHASE, columns, **values))
    expected = charts.TWO_PHASE.frame(**values)[columns].to_numpy()
    scale = np.abs(expected).max(axis=0) + 1e-300  # each column to its own largest value
    assert (np.abs(drawn - expected).max(axis=0) <= 1e-6 * scale).all(), np.abs(drawn - expected).max(axis=0) / scale


def test_the_claims_thresholds_match_the_closed_form():
    """The claim holds while T log2(1/x) < 1 year: below T = 1 year / log2(1/x), by hand."""
    crux = charts.EARTH.cruxes[0]
    for fraction in (m.WASTE_HEAT_FRACTION, 0.01, 1e-4):
        values = {**charts.EARTH.defaults, "fraction": fraction}
        (flip,) = crux.flips("doubling_time_days", **values)
        assert not flip.holds_above
        assert flip.value == pytest.approx(365.25 / math.log2(1 / fraction), rel=1e-6)
    # at a yearly doubling even half of Earth costs a year: no x on the slider makes it hold
    assert crux.flips("fraction", **charts.EARTH.defaults) == []
    assert not crux.holds(**charts.EARTH.defaults)
    # at a daily doubling, it holds down to x = 2^-365.25, far below the slider: always holds
    assert crux.holds(**{**charts.EARTH.defaults, "doubling_time_days": 1.0})


@pytest.mark.parametrize("name", ["EARTH", "TWO_PHASE"])
def test_each_new_figure_draws_in_vega_without_errors(name):
    """The live figure renders to SVG in Vega (vl-convert), its text drawn from the model's numbers."""
    svg = vlc.vegalite_to_svg(getattr(charts, name).figure().to_dict(), vl_version=VL_VERSION)
    assert "<svg" in svg and "NaN" not in svg
