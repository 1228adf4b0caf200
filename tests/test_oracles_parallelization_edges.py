"""Each parameter of the parallelization models is accepted up to the ends of the range its
docstring states and refused just beyond them, with a message that starts with its name (issue #24:
the ranges here are copied from the docstrings, the specification, not read from the code)."""
from __future__ import annotations

import pytest

from edges import FIELDS, edges_test, ids, refusal
from essays.models import parallelization as model


# func, the other arguments, parameter, lo, hi, lo open, hi open, whole number
EDGES = [
    (model.team_output, dict(members=1.0, channel_cost=0.0), "members", 1.0, 1e6, False, False, False),
    (model.team_output, dict(members=1.0, channel_cost=0.0), "channel_cost", 0.0, 1.0, False, False, False),
    (model.effective_exponent, dict(channel_cost=0.0), "base_team", 1, 1000, False, False, True),
    (model.effective_exponent, dict(channel_cost=0.0, base_team=1), "scale", 1.0, 1e4, True, False, False),
    (model.calibrated_channel_cost, dict(exponent=0.4), "exponent", 0.0, 1.0, False, False, False),
    (model.calibrated_channel_cost, dict(exponent=0.4), "base_team", 1, 1000, False, False, True),
    (model.calibrated_channel_cost, dict(exponent=0.4, base_team=1), "scale", 1.0, 1e4, True, False, False),
    (model.coordination_summary, dict(), "cost_ratio", 0.0, 1.0, False, False, False),
    (model.coordination_frame, dict(), "cost_ratio", 0.0, 1.0, False, False, False),
    (model.coordination_frame, dict(), "points", 2, 201, False, False, True),
    (model.effective_labor, dict(workers=1.0, exponent=0.4), "exponent", 0.0, 1.0, False, False, False),
    (model.effective_labor, dict(workers=1.0, exponent=0.4), "workers", 1.0, 1e6, False, False, False),
    (model.labor_equivalent_speedup, dict(speed=1.0, workers=1.0, exponent=0.4), "speed", 1e-3, 1e6, False, False, False),
    (model.penalty_curves, dict(exponent=0.4, workers=1.0, speed=1.0), "speed", 1e-3, 1e6, False, False, False),
    (model.penalty_curves, dict(exponent=0.4, workers=1.0, speed=1.0), "workers", 1.0, 1e6, False, False, False),
    (model.penalty_curves, dict(exponent=0.4, workers=1.0, speed=1.0), "points", 2, 1001, False, False, True),
    (model.cocomo_implied_exponent, dict(), "size_exponent", 1.0, 2.0, False, False, False),
    (model.cocomo_implied_exponent, dict(), "schedule_exponent", 0.0, 1.0, False, True, False),
    (model.corporation_speed, dict(serial_speed=1.0, workforce=1.0, exponent=0.4), "serial_speed", 1e-3, 1e6, False, False, False),
    (model.corporation_speed, dict(serial_speed=1.0, workforce=1.0, exponent=0.4), "workforce", 1e-3, 1e6, False, False, False),
    (model.corporation_speed, dict(serial_speed=1.0, workforce=1.0, exponent=0.4), "exponent", 0.0, 1.0, False, False, False),
    (model.corporation_speeds, dict(), "human_exponent", 0.0, 1.0, False, False, False),
    (model.corporation_speeds, dict(), "ai_exponent", 0.0, 1.0, False, False, False),
    (model.slowcorp_speed, dict(), "human_exponent", 0.0, 1.0, False, False, False),
    (model.automatedcorp_speed, dict(), "ai_exponent", 0.0, 1.0, False, False, False),
    (model.corporations_frame, dict(), "human_exponent", 0.0, 1.0, False, False, False),
    (model.corporations_frame, dict(), "ai_exponent", 0.0, 1.0, False, False, False),
    (model.chain_stages, dict(), "ai_exponent", 0.0, 1.0, False, False, False),
    (model.chain_stages, dict(), "substitution_elasticity", 0.0, 10.0, False, False, False),
    (model.chain_stages, dict(), "labor_share", 0.0, 1.0, True, True, False),
    (model.chain_stages, dict(), "experiment_share", 0.0, 1.0, False, False, False),
    (model.chain_stages, dict(), "compute", 1e-6, 1e12, False, False, False),
    (model.chain_stages, dict(), "compute_speedup", 1e-6, 1e30, False, False, False),
    (model.single_exponent_equivalent, dict(), "speed", 1.0, 1e6, True, False, False),
    (model.single_exponent_equivalent, dict(), "workers", 1.0, 1e6, True, False, False),
    (model.single_exponent_equivalent, dict(), "exponent", 0.0, 1.0, False, False, False),
]


test_a_parameter_is_accepted_to_its_documented_ends_and_refused_beyond = edges_test(EDGES)


# The frames' ``points`` are not in their docstrings; 2..201 is the range every frame of the chapter
# but the heat map shares (coordination_frame's above), the heat map's is 2..30.
MORE_EDGES = [
    (model.compute_bottleneck_frame, dict(), "substitution_elasticity", 0.0, 10.0, False, False, False),
    (model.compute_bottleneck_frame, dict(), "labor_share", 0.0, 1.0, True, True, False),
    (model.compute_bottleneck_frame, dict(), "labor_speedup", 1e-6, 1e12, False, False, False),
    (model.compute_bottleneck_frame, dict(), "points", 2, 201, False, False, True),
    (model.useful_experiments_frame, dict(), "points", 2, 201, False, False, True),
    (model.corporations_frame, dict(), "points", 2, 201, False, False, True),
    (model.experiment_loop_curves, dict(), "experiment_share", 0.0, 1.0, False, True, False),
    (model.experiment_loop_curves, dict(), "researcher_speedup", 1e-6, 1e30, False, False, False),
    (model.experiment_loop_curves, dict(), "points", 2, 201, False, False, True),
    (model.experiment_loop_frame, dict(), "experiment_share", 0.0, 1.0, False, True, False),
    (model.experiment_loop_frame, dict(), "max_speedup", 1.0, 1e6, True, False, False),
    # named as itself, not as calibrated_channel_cost's "exponent" (fixed with these tests)
    (model.coordination_summary, dict(), "human_exponent", 0.0, 1.0, False, False, False),
    (model.coordination_frame, dict(), "human_exponent", 0.0, 1.0, False, False, False),
]


test_a_frames_parameter_is_accepted_to_its_ends_and_refused_beyond = edges_test(MORE_EDGES)


@pytest.mark.parametrize("func", [model.experiment_loop_curves, model.experiment_loop_frame])
@pytest.mark.parametrize("w", [-0.5, 1.0, 1.5])
def test_the_loop_frames_state_their_own_range_of_the_experiment_share(func, w):
    # [0, 1), the ceiling's range, not loop_speedup's [0, 1]
    with pytest.raises(ValueError, match=rf"^experiment_share must be in \[0, 1\), got {w!r}$"):
        func(experiment_share=w)


def test_a_grown_team_may_be_any_size_above_the_base():
    assert model.effective_exponent(0.0, 10, 1.0 + 1e-9) == pytest.approx(1.0)
    assert model.calibrated_channel_cost(1.0, 10, 1.5) == pytest.approx(0.0, abs=1e-15)  # no penalty, no cost


# A function checks its own parameters before it does any work, so with several bad arguments it
# names one of its own checks, in the order below, not a callee's. Each case: the bad values, in
# the order checked; the refusal of every suffix of the list must name its first parameter.
CHECK_ORDER = [
    (model.chain_stages, [("ai_exponent", 2.0), ("substitution_elasticity", 11.0), ("labor_share", 0.0),
                          ("experiment_share", 2.0), ("compute", 0.0), ("compute_speedup", 0.0)]),
    (model.chain_stages, [("labor_share", 1.0), ("experiment_share", -1.0), ("compute", 2e12)]),
    (model.compute_bottleneck_frame, [("substitution_elasticity", 11.0), ("labor_share", 0.0),
                                      ("labor_speedup", 0.0), ("points", 1)]),
    (model.compute_bottleneck_frame, [("labor_share", 1.0), ("labor_speedup", 2e12)]),
    (model.experiment_loop_curves, [("experiment_share", 1.0), ("researcher_speedup", 0.0), ("points", 1)]),
    (model.experiment_loop_curves, [("experiment_share", -0.5), ("researcher_speedup", 2e30)]),
    (model.penalty_curves, [("speed", 0.0), ("workers", 0.5), ("points", 1), ("exponent", 2.0)]),
    (model.coordination_frame, [("human_exponent", 2.0), ("cost_ratio", 2.0), ("points", 1)]),
    (model.coordination_summary, [("human_exponent", -0.1), ("cost_ratio", 2.0)]),
]
DEFAULTS = {model.penalty_curves: dict(exponent=0.4, workers=50.0, speed=50.0)}


@pytest.mark.parametrize("func, bad", CHECK_ORDER, ids=[f"{f.__name__}-{b[0][0]}" for f, b in CHECK_ORDER])
def test_with_several_bad_arguments_the_first_checked_is_named(func, bad):
    for i, (name, _) in enumerate(bad):
        kwargs = DEFAULTS.get(func, {}) | dict(bad[i:])
        with pytest.raises(ValueError, match=rf"^{name} must be "):
            func(**kwargs)


def documented(lo, hi, lo_open, hi_open) -> str:
    return f"{'(' if lo_open else '['}{lo:g}, {hi:g}{')' if hi_open else ']'}"


@pytest.mark.parametrize(FIELDS, EDGES + MORE_EDGES, ids=ids(EDGES + MORE_EDGES))
@pytest.mark.parametrize("value", [float("nan"), float("inf"), "2"])
def test_a_value_that_is_no_number_is_refused_with_the_documented_range(func, kwargs, name, lo, hi, lo_open,
                                                                         hi_open, integer, value):
    # the function's own check states the range, not "any finite number" (a check without its range)
    message = refusal(func, kwargs | {name: value})
    assert message and message.startswith(f"{name} must be a "), message
    assert f" in {documented(lo, hi, lo_open, hi_open)}, got " in message, message
