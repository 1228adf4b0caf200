"""Each parameter of the parallelization models is accepted up to the ends of the range its
docstring states and refused just beyond them, with a message that starts with its name (issue #24:
the ranges here are copied from the docstrings, the specification, not read from the code)."""
from __future__ import annotations

import pytest

from edges import check_edges
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


@pytest.mark.parametrize("func, kwargs, name, lo, hi, lo_open, hi_open, integer", EDGES,
                         ids=[f"{e[0].__name__}-{e[2]}" for e in EDGES])
def test_a_parameter_is_accepted_to_its_documented_ends_and_refused_beyond(func, kwargs, name, lo, hi,
                                                                           lo_open, hi_open, integer):
    check_edges(func, kwargs, name, lo, hi, lo_open, hi_open, integer)
