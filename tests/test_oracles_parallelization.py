"""Independent oracles for the parallelization models (issue #24): the limits and symmetries the
argument implies, the source's own numbers, and plain-Python formulas written here."""
from __future__ import annotations

import itertools

import numpy as np
import pytest

from essays.models import parallelization as model


def harmonic(c: float, r: float, w: float) -> float:
    """Amdahl: today's turn E + R takes E / c + R / r; with w = E / (E + R) the speedup is this."""
    return 1.0 / (w / c + (1.0 - w) / r)


@pytest.mark.parametrize("c, r", [(1000.0, 10.0), (3.0, 70.0), (1.0, 1.0), (1e6, 2.0)])
def test_the_loop_speedup_is_the_researchers_alone_at_w_0_and_the_computers_alone_at_w_1(c, r):
    assert model.loop_speedup(c, r, 0.0) == pytest.approx(r)
    assert model.loop_speedup(c, r, 1.0) == pytest.approx(c)


@pytest.mark.parametrize("c, r, w", [(1000.0, 10.0, 0.9), (10.0, 1000.0, 0.9), (4.0, 2.0, 0.25), (2.0, 4.0, 0.25)])
def test_the_loop_speedup_is_amdahls_weighted_harmonic_mean(c, r, w):
    assert model.loop_speedup(c, r, w) == pytest.approx(harmonic(c, r, w))
    # from the turn's duration: today 10 + 5, sped up 10 / c + 5 / r
    e, resp = 10.0 * w, 10.0 * (1 - w)
    today = e + resp
    assert today / model.loop_iteration_time(e, resp, c, r) == pytest.approx(harmonic(c, r, w))


def test_infinitely_fast_computers_leave_the_researchers_ceiling():
    # source line 18: with experiments taking no time the loop is bounded by r / (1 - w)
    for r, w in [(10.0, 0.5), (2.0, 0.9), (1.0, 0.0)]:
        assert model.loop_speedup(1e30, r, w) == pytest.approx(r / (1 - w))
        assert model.loop_speedup_ceiling(r, w) == pytest.approx(r / (1 - w))


@pytest.mark.parametrize("w", [0.0, 0.3, 0.5, 0.9])
def test_the_heat_map_frame_is_the_formula_at_each_rows_own_speedups(w):
    df = model.experiment_loop_frame(w, points=5, max_speedup=100.0)
    grid = [100.0 ** (i / 4) for i in range(5)]
    # researcher speedup varies slowest, compute fastest
    expected = list(itertools.product(grid, grid))
    np.testing.assert_allclose(df[["researcher_speedup", "compute_speedup"]].to_numpy(), expected, rtol=1e-12)
    for row in df.itertuples():
        assert row.loop_speedup == pytest.approx(harmonic(row.compute_speedup, row.researcher_speedup, w))
        assert row.ceiling == pytest.approx(row.researcher_speedup / (1 - w))
        assert row.share_of_ceiling == pytest.approx(row.loop_speedup / row.ceiling)


def test_the_heat_map_is_not_transposed():
    # mostly waiting on experiments (w = 0.9): fast computers with today's researchers beat fast
    # researchers with today's computers, by hand 1 / (0.9 / 1000 + 0.1) = 9.92 against
    # 1 / (0.9 + 0.1 / 1000) = 1.11
    df = model.experiment_loop_frame(0.9, points=2, max_speedup=1000.0)
    fast_computers = df[(df.compute_speedup == 1000.0) & (df.researcher_speedup == 1.0)].loop_speedup.item()
    fast_researchers = df[(df.compute_speedup == 1.0) & (df.researcher_speedup == 1000.0)].loop_speedup.item()
    assert fast_computers == pytest.approx(1 / (0.9 / 1000 + 0.1))
    assert fast_researchers == pytest.approx(1 / (0.9 + 0.1 / 1000))


def test_the_loop_curves_by_hand():
    df = model.experiment_loop_curves(0.5, 10.0, points=7)
    loop = df[df.series == "loop"]
    np.testing.assert_allclose(loop.compute_speedup, [10.0 ** k for k in range(7)])
    np.testing.assert_allclose(loop.loop_speedup, [harmonic(10.0 ** k, 10.0, 0.5) for k in range(7)])
    assert (df[df.series == "ceiling"].loop_speedup == 20.0).all()
    assert (df[df.series == "researchers"].loop_speedup == 10.0).all()


def test_the_experiment_share_from_times():
    assert model.experiment_share_from_times(3.0, 1.0) == 0.75
    assert model.experiment_share_from_times(0.0, 1.0) == 0.0
    assert model.experiment_share_from_times(1.0, 0.0) == 1.0
    with pytest.raises(ValueError, match=r"^experiment_time and response_time must not both be 0$"):
        model.experiment_share_from_times(0.0, 0.0)


def test_fifty_times_the_workers_at_exponent_point_four_is_about_five_times_as_fast():
    # the source's own example of the parallelization penalty: 50x the workers at lambda = 0.4
    # is "about 5x" the labor (50 ** 0.4 = 4.78); 50x faster on top: about 239x
    assert model.effective_labor(50.0, 0.4) == pytest.approx(4.78, abs=0.005)
    assert model.labor_equivalent_speedup(50.0, 50.0, 0.4) == pytest.approx(239.1, abs=0.1)
    # no penalty (lambda = 1) is linear; lambda = 0 means extra workers add nothing
    assert model.effective_labor(50.0, 1.0) == pytest.approx(50.0)
    assert model.effective_labor(50.0, 0.0) == 1.0
    # doubling the workforce multiplies labor by 2 ** lambda whatever the size
    np.testing.assert_allclose(model.effective_labor(np.array([2.0, 20.0, 2000.0]), 0.3)
                               / model.effective_labor(np.array([1.0, 10.0, 1000.0]), 0.3), 2 ** 0.3)


# -- bad input names the parameter and its range (the project's standard), edge by edge ----------

BAD_LOOP_INPUT = [
    (model.loop_iteration_time, dict(experiment_time=-1.0, response_time=1.0, compute_speedup=1.0, researcher_speedup=1.0), "experiment_time"),
    (model.loop_iteration_time, dict(experiment_time=1.0, response_time=2e12, compute_speedup=1.0, researcher_speedup=1.0), "response_time"),
    (model.loop_iteration_time, dict(experiment_time=1.0, response_time=1.0, compute_speedup=0.0, researcher_speedup=1.0), "compute_speedup"),
    (model.loop_iteration_time, dict(experiment_time=1.0, response_time=1.0, compute_speedup=1.0, researcher_speedup=2e30), "researcher_speedup"),
    (model.experiment_share_from_times, dict(experiment_time=2e12, response_time=1.0), "experiment_time"),
    (model.experiment_share_from_times, dict(experiment_time=1.0, response_time=-1e-9), "response_time"),
    (model.loop_speedup, dict(compute_speedup=1.0, researcher_speedup=1.0, experiment_share=1.01), "experiment_share"),
    (model.loop_speedup, dict(compute_speedup=1.0, researcher_speedup=1.0, experiment_share=-0.01), "experiment_share"),
    (model.loop_speedup, dict(compute_speedup=[1.0, 0.0], researcher_speedup=1.0, experiment_share=0.5), "compute_speedup"),
    (model.loop_speedup, dict(compute_speedup=1.0, researcher_speedup=[1.0, 1e31], experiment_share=0.5), "researcher_speedup"),
    (model.loop_speedup_ceiling, dict(researcher_speedup=1.0, experiment_share=1.0), "experiment_share"),
    (model.loop_speedup_ceiling, dict(researcher_speedup=1.0, experiment_share=-0.1), "experiment_share"),
    (model.loop_speedup_ceiling, dict(researcher_speedup=0.0, experiment_share=0.5), "researcher_speedup"),
    (model.experiment_loop_frame, dict(experiment_share=1.0), "experiment_share"),
    (model.experiment_loop_frame, dict(experiment_share=-0.5), "experiment_share"),
    (model.experiment_loop_frame, dict(max_speedup=1.0), "max_speedup"),
    (model.experiment_loop_frame, dict(max_speedup=2e6), "max_speedup"),
    (model.experiment_loop_frame, dict(points=1), "points"),
    (model.experiment_loop_frame, dict(points=31), "points"),
    (model.experiment_loop_curves, dict(experiment_share=1.0), "experiment_share"),
    (model.experiment_loop_curves, dict(experiment_share=-1e-9), "experiment_share"),
    (model.experiment_loop_curves, dict(researcher_speedup=0.0), "researcher_speedup"),
]


@pytest.mark.parametrize("func, kwargs, name", BAD_LOOP_INPUT,
                         ids=[f"{f.__name__}-{n}-{i}" for i, (f, _, n) in enumerate(BAD_LOOP_INPUT)])
def test_bad_loop_input_is_refused_naming_the_parameter(func, kwargs, name):
    with pytest.raises(ValueError, match=rf"^{name}\b"):
        func(**kwargs)


@pytest.mark.parametrize("kwargs", [dict(experiment_share=0.0), dict(experiment_share=0.999999), dict(max_speedup=1e6),
                                    dict(points=2), dict(points=30)])
def test_the_loop_frame_accepts_the_ends_of_its_ranges(kwargs):
    assert len(model.experiment_loop_frame(**kwargs)) == kwargs.get("points", 20) ** 2


def test_the_loop_curves_default_to_61_points_each():
    assert (model.experiment_loop_curves().series.value_counts() == 61).all()
    assert len(model.experiment_loop_frame()) == 400  # 20 x 20 cells by default
