"""The infohazards figures: the premises their in-browser expressions rely on.

The static page recomputes both figures with Vega expressions from the default frame, which is
only right if the frames keep the same rows at every slider position (only values move). The
browser tests check the drawn numbers against the model; these check the premises in-process.
"""
import math

import numpy as np
import pytest

from essays.charts import infohazards as charts
from essays.models import infohazards as model

TRAJECTORY, EXPOSURE = charts.TRAJECTORY, charts.EXPOSURE


def test_slider_defaults_are_the_models_defaults():
    for fig in (TRAJECTORY, EXPOSURE):
        for p in fig.params:
            assert p.default == model.DEFAULTS[p.name]
    assert charts.GROWTH.default == pytest.approx(math.log(2))  # doubling yearly


def test_every_slider_setting_keeps_the_care_threshold_above_the_discovery_threshold():
    assert charts.CAREFUL.grid().min() > charts.DISCOVER.grid().max()


def test_no_jump_time_slider_position_falls_on_the_trajectory_time_grid():
    times = np.linspace(0.0, charts.HORIZON, charts.POINTS)
    gaps = [np.abs(times - tj).min() for tj in charts.JUMP_TIME.grid()]
    assert min(gaps) > 1e-3  # far above float noise: the step always adds exactly two rows
    assert charts.JUMP_TIME.grid().max() < charts.HORIZON


@pytest.mark.parametrize("jump_time", charts.JUMP_TIME.grid())
def test_the_trajectory_keeps_its_rows_at_every_jump_time_and_steps_at_it(jump_time):
    frame = TRAJECTORY.frame(jump_time=jump_time)
    assert len(frame) == len(TRAJECTORY.frame()) == 2 * charts.POINTS + 2
    jumped = frame[frame["series"] == "with jump"]
    at_jump = jumped[jumped["t"] == jump_time]
    assert len(at_jump) == 2 and list(np.diff(at_jump["step"])) == [1]
    assert at_jump["competence"].iloc[1] / at_jump["competence"].iloc[0] == pytest.approx(model.DEFAULTS["jump"])


def test_the_trajectory_is_the_tested_model_frame_plus_the_thresholds():
    settings = dict(growth_rate=0.9, jump=50.0, jump_time=4.5, discovery_threshold=5.0, care_threshold=2000.0)
    frame = TRAJECTORY.frame(**settings)
    expected = model.trajectory_frame(1.0, 0.9, 5.0, 2000.0, 50.0, 4.5, horizon=charts.HORIZON,
                                      points=charts.POINTS)
    assert frame[expected.columns].equals(expected)
    assert (frame["discovery_threshold"] == 5.0).all() and (frame["care_threshold"] == 2000.0).all()


def test_the_exposure_curves_are_the_tested_model_frame_plus_the_jump_that_reaches_k():
    frame = EXPOSURE.frame(growth_rate=0.5, jump_time=2.0)
    expected = model.exposure_by_jump_frame(1.0, 0.5, 10.0, 1000.0, 2.0, points=charts.EXPOSURE_POINTS)
    assert frame[expected.columns].equals(expected)
    assert frame["jump_to_care"].to_numpy() == pytest.approx(np.full(len(frame), 1000.0 / math.exp(0.5 * 2.0)))


def test_the_jump_sizes_are_the_powers_the_browser_recomputes():
    # The static page recomputes each jump as 10 ** (i / 20) from its rounded value.
    jumps = EXPOSURE.frame()["jump"].to_numpy()
    steps = charts.EXPOSURE_POINTS - 1
    index = np.round(np.log10(np.round(jumps, 4)) * steps / 3)
    assert jumps == pytest.approx(10 ** (index * 3 / steps), rel=1e-14)


def test_the_default_window_and_exposure_are_the_chapters_numbers():
    frame = TRAJECTORY.frame()
    widths = frame.groupby("series")["window_width"].first()
    assert widths["no jump"] == pytest.approx(math.log(100) / math.log(2))
    assert widths["with jump"] == pytest.approx(math.log2(100) - 3)
    curves = EXPOSURE.frame()
    broad = curves[curves["series"] == "broad"]
    assert broad["exposure"].iloc[0] == pytest.approx(math.log(100) ** 2 / (2 * math.log(2)))
    assert broad["jump_to_care"].iloc[0] == pytest.approx(125.0)


@pytest.mark.parametrize("fig", [TRAJECTORY, EXPOSURE], ids=lambda f: f.name)
def test_the_static_and_live_specs_validate_and_every_slider_is_a_param(fig):
    spec = fig.static_spec()
    assert {p["name"] for p in spec["params"]} == {p.name for p in fig.params}
    fig.figure(**{p.name: p.max for p in fig.params}).to_dict()
    fig.figure(**{p.name: p.min for p in fig.params}).to_dict()
