"""The infohazards figures: the premises their in-browser expressions rely on, and the crux.

The static page recomputes all three figures with Vega expressions from the default frame, which
is only right if the frames keep the same rows at every slider position (only values move). The
browser tests check the drawn numbers against the model; these check the premises in-process, and
the claim's thresholds against the closed form derived by hand.
"""
import math

import numpy as np
import pytest

from essays.charts import infohazards as charts
from essays.models import infohazards as model
from figures import STATIC_GROUP, static_html, static_spec

FIGURES = (charts.DANGER_WINDOW, charts.JUMP_TIMING, charts.LATE_OR_EARLY)
CRUX = charts.LATE_OR_EARLY.cruxes[0]
LN2 = math.log(2)


def test_slider_defaults_are_the_models_defaults():
    for fig in FIGURES:
        for p in fig.params:
            assert p.default == model.DEFAULTS[p.name]
    assert charts.SHAPE.options == model.SHAPES


@pytest.mark.parametrize("fig", FIGURES, ids=lambda f: f.name)
def test_every_slider_position_keeps_the_rows_and_their_labels(fig):
    base = fig.frame()
    text = [c for c in base.columns if base[c].dtype == object]
    for p in fig.params:
        for value in (p.min, p.max):
            frame = fig.frame(**{p.name: value})
            assert len(frame) == len(base)
            assert frame[text].equals(base[text])


def test_the_trajectory_grid_rows_keep_their_times():
    a, b = charts.DANGER_WINDOW.frame(), charts.DANGER_WINDOW.frame(jump_time=7.25)
    grid = a["kind"] == "grid"
    assert a.loc[grid, "t"].equals(b.loc[grid, "t"])
    assert (b.loc[~grid, "t"] == 7.25).all()


def test_the_figures_are_the_tested_model_frames():
    settings = dict(discovery_growth=0.9, care_growth=0.5, jump=50.0)
    frame = charts.JUMP_TIMING.frame(**settings)
    expected = model.timing_frame(0.9, 0.5, charts.D, charts.K, 50.0, horizon=charts.TIMING_HORIZON,
                                  points=charts.TIMING_POINTS)
    assert frame[expected.columns].equals(expected)
    assert (frame["early"] == math.log(10) / 0.9).all()
    trajectory = charts.DANGER_WINDOW.frame(jump_time=4.5, **settings)
    assert trajectory.equals(model.trajectory_frame(0.9, 0.5, charts.D, charts.K, 50.0, 4.5,
                                                    horizon=charts.HORIZON, points=charts.POINTS))
    cells = charts.LATE_OR_EARLY.frame(shape=2)
    assert cells["late_advantage"].to_numpy() == pytest.approx(
        [model.late_vs_early(2, a, k).late_advantage for a, k in zip(cells["discovery_growth"], cells["care_growth"])])


def test_the_claim_holds_at_the_defaults_with_a_rising_rate_and_fails_with_flat_or_falling():
    assert CRUX.holds(shape=0, discovery_growth=LN2, care_growth=LN2)
    assert not CRUX.holds(shape=1, discovery_growth=LN2, care_growth=LN2)
    assert not CRUX.holds(shape=2, discovery_growth=LN2, care_growth=LN2)


@pytest.mark.parametrize("g_a", [0.3, 0.5, LN2])
def test_the_claims_care_growth_threshold_is_twice_discovery_growth(g_a):
    # By hand: late - early = (ln K - ln J) / g_C - ln D / g_A > 0 iff g_C < g_A (ln 1000 - ln 10) / ln 10.
    flips = CRUX.flips("care_growth", shape=0, discovery_growth=g_a, care_growth=LN2)
    assert len(flips) == 1 and not flips[0].holds_above
    assert flips[0].value == pytest.approx(2 * g_a, rel=1e-6)


def test_the_claims_discovery_growth_threshold_is_half_care_growth():
    flips = CRUX.flips("discovery_growth", shape=0, discovery_growth=LN2, care_growth=LN2)
    assert len(flips) == 1 and flips[0].holds_above
    assert flips[0].value == pytest.approx(LN2 / 2, rel=1e-6)


@pytest.mark.parametrize("shape", [1, 2])
def test_with_a_flat_or_falling_rate_no_growth_rate_rescues_the_claim(shape):
    for name in ("discovery_growth", "care_growth"):
        assert CRUX.flips(name, shape=shape, discovery_growth=LN2, care_growth=LN2) == []


def test_the_heat_map_boundary_is_the_line_care_growth_equals_twice_discovery_growth():
    rows = [r for r in charts.LATE_OR_EARLY.claim_rows() if r["kind"] == "boundary"]
    assert rows
    for r in rows:
        assert r["value"] == pytest.approx(2 * r["at"], rel=1e-5)


@STATIC_GROUP
@pytest.mark.parametrize("fig", FIGURES, ids=lambda f: f.name)
def test_the_static_and_live_specs_validate_and_every_slider_is_a_param(fig):
    spec = static_spec(fig)
    assert {p["name"] for p in spec["params"]} == {p.name for p in fig.params}
    fig.figure(**{p.name: p.max for p in fig.params}).to_dict()
    fig.figure(**{p.name: p.min for p in fig.params}).to_dict()


@STATIC_GROUP
def test_the_three_figures_leave_room_in_the_page_budget():
    assert sum(len(static_html(f).encode()) for f in FIGURES) < 200_000


def test_no_window_cells_and_settings_draw_finite_numbers():
    frame = charts.LATE_OR_EARLY.frame(shape=0, discovery_growth=0.2, care_growth=1.5)
    assert np.isfinite(frame.select_dtypes("number").to_numpy()).all()
    timing = charts.JUMP_TIMING.frame(discovery_growth=0.2, care_growth=1.5)
    assert (timing["removed"] == 0).all()
