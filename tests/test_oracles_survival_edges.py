"""Each parameter of the survival models is accepted up to the ends of the range its docstring
states and refused just beyond them, with a message that starts with its name (issue #24)."""
from __future__ import annotations


from edges import edges_test
from essays.models import survival as m
from essays.models import survival_frames as frames

YEAR_S = 365.25 * 86400.0
EARTH_TODAY = m.WORLD_PRIMARY_POWER_W / m.EARTH_INTERCEPTED_SUNLIGHT_W  # the cap must lie above today

# func, the other arguments, parameter, lo, hi, lo open, hi open, whole number
EDGES = [
    (m.earth_constraint_doublings, dict(fraction=0.5), "fraction", 0.0, 1.0, True, False, False),
    (m.earth_constraint_delay, dict(fraction=0.5, doubling_time=1.0), "doubling_time", 0.0, 1e13, True, False, False),
    (m.earth_delay_frame, dict(), "doubling_time", 0.0, 1e13, True, False, False),
    (m.earth_delay_frame, dict(), "points", 2, 200, False, False, True),
    (m.earth_delay_frame, dict(), "fraction", 0.0, 1.0, True, False, False),
    (m.cap_binds_doublings, dict(fraction=0.5), "fraction", EARTH_TODAY, 1.0, False, False, False),
    (m.two_phase_lag_doublings, dict(elapsed_doublings=1.0, fraction=0.5, seed=0.0), "elapsed_doublings", 0.0, 1e6, False, False, False),
    (m.two_phase_lag_doublings, dict(elapsed_doublings=1.0, fraction=0.5, seed=0.0), "seed", 0.0, 1.0, False, False, False),
    (m.two_phase_lag_doublings, dict(elapsed_doublings=1.0, fraction=0.5, seed=0.0), "offworld_ratio", 1.0, 100.0, False, False, False),
    (m.two_phase_lag, dict(elapsed=1.0, fraction=0.5, doubling_time=1.0, seed=0.0), "elapsed", 0.0, 1e14, False, False, False),
    (m.two_phase_lag, dict(elapsed=1.0, fraction=0.5, doubling_time=1.0, seed=0.0), "doubling_time", 0.0, 1e13, True, False, False),
    (m.setaside_doublings, dict(share=0.1), "share", 0.0, 1.0, False, True, False),
    (m.setaside_delay, dict(share=0.1, doubling_time=1.0), "doubling_time", 0.0, 1e13, True, False, False),
    (m.upkeep_relative_size, dict(share=0.1, doubling_time=1.0, elapsed=1.0), "share", 0.0, 1.0, False, True, False),
    (m.upkeep_relative_size, dict(share=0.1, doubling_time=1.0, elapsed=1.0), "doubling_time", 0.0, 1e13, True, False, False),
    (m.upkeep_relative_size, dict(share=0.1, doubling_time=1.0, elapsed=1.0), "elapsed", 0.0, 1e14, False, False, False),
    (m.upkeep_lag, dict(share=0.1, elapsed=1.0), "share", 0.0, 1.0, False, True, False),
    (m.upkeep_lag, dict(share=0.1, elapsed=1.0), "elapsed", 0.0, 1e14, False, False, False),
    (m.setaside_delay_frame, dict(), "doubling_time", 0.0, 1e13, True, False, False),
    (m.setaside_delay_frame, dict(), "points", 2, 200, False, False, True),
    (m.upkeep_size_frame, dict(), "doubling_time", 0.0, 1e13, True, False, False),
    (m.upkeep_size_frame, dict(), "elapsed", 0.0, 1e14, False, False, False),
    (m.upkeep_size_frame, dict(), "points", 2, 200, False, False, True),
    (m.food_energy_to_watts, dict(kcal_per_day=2000.0), "kcal_per_day", 0.0, 1e6, False, False, False),
    (m.resource_share, dict(population=1.0, power_per_person=1.0, base_power=1e40), "population", 1.0, 1e15, False, False, False),
    (m.resource_share, dict(population=1.0, power_per_person=1.0, base_power=1e40), "power_per_person", 1e-3, 1e12, False, False, False),
    (m.resource_share, dict(population=1.0, power_per_person=1e-3, base_power=1e40), "base_power", 0.0, 1e40, True, False, False),
    (m.resource_shares, dict(population=1.0, power_per_person=1.0), "power_per_person", 1e-3, 1e12, False, False, False),
    (m.resource_share_frame, dict(), "points", 2, 200, False, False, True),
    (m.resource_share_frame, dict(), "population", 1.0, 1e15, False, False, False),
    (m.resource_share_frame, dict(), "power_per_person", 1e-3, 1e12, False, False, False),
    (m.format_duration, dict(seconds=1.0), "seconds", 0.0, None, False, False, False),
    (m.format_duration, dict(seconds=1.0), "digits", 1, 6, False, False, True),
    (frames.overhead_frame, dict(), "doubling_time_days", 0.0, 1e13 / 86400.0, True, False, False),
    (frames.overhead_frame, dict(), "elapsed_years", 0.0, 1e14 / YEAR_S, False, False, False),
    (frames.overhead_frame, dict(), "power_per_person", 1e-3, 1e12, False, False, False),
    (frames.overhead_frame, dict(power_per_person=1e-3), "population", 1.0, 1e15, False, False, False),
    (frames.overhead_frame, dict(), "points", 2, 200, False, False, True),
    (frames.earth_bound_frame, dict(), "fraction", 0.0, 1.0, True, False, False),
    (frames.earth_bound_frame, dict(), "doubling_time_days", 0.0, 1e13 / 86400.0, True, False, False),
    (frames.earth_bound_frame, dict(), "points", 2, 200, False, False, True),
    (frames.two_phase_frame, dict(), "doubling_time_days", 0.0, 1e13 / 86400.0, True, False, False),
    (frames.two_phase_frame, dict(), "seed", 0.0, 1.0, False, False, False),
    (frames.two_phase_frame, dict(), "offworld_ratio", 1.0, 100.0, False, False, False),
    (frames.two_phase_frame, dict(), "points", 2, 200, False, False, True),
]


test_a_parameter_is_accepted_to_its_documented_ends_and_refused_beyond = edges_test(EDGES)
