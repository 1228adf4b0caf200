"""More independent oracles for the survival models, written against the mutants that survived the
first mutation run (issue #24). The two-phase model is re-derived here in plain Python from its
definition (the cap binds after ``n1 = log2(x E / P0)`` doublings; waiting lags ``clip(u - n1, 0,
log2(1 / x))``; a seed ``s`` growing every ``k T`` lags ``v - log2(1 + s (2**(v / k) - 1))``), and
every frame column is checked against formulas written out here, never against the code's output.
"""
from __future__ import annotations

import math

import pytest

from essays.models import survival as m
from essays.models import survival_frames as frames

E, P0 = m.EARTH_INTERCEPTED_SUNLIGHT_W, m.WORLD_PRIMARY_POWER_W
DAY, YEAR = 86400.0, 365.25 * 86400.0


def refusal(call):
    try:
        call()
    except ValueError as error:
        return str(error)
    return None


def plain_two_phase(u, x, s, k):
    """(wait lag, seed lag, lag) in doubling times, from the definitions (no shortcut for large u)."""
    n1 = max(0.0, math.log2(x * E / P0))
    bound = math.log2(1 / x)
    v = u - n1
    if v <= 0:
        return 0.0, 0.0, 0.0
    wait = min(v, bound)
    seeded = v if s == 0 else max(0.0, v - math.log2(1 + s * (2.0 ** (v / k) - 1)))
    return wait, seeded, max(0.0, min(wait, seeded))


@pytest.mark.parametrize("x, s, k", [(m.WASTE_HEAT_FRACTION, 0.1, 1.0), (0.01, 0.0, 1.0), (0.3, 0.02, 3.0),
                                     (2e-4, 0.5, 7.5)])
def test_the_two_phase_frame_by_hand(x, s, k):
    df = frames.two_phase_frame(fraction=x, doubling_time_days=2.5, seed=s, offworld_ratio=k, points=57)
    assert list(df.columns) == ["kind", "point", "u", "cap_binds", "wait_lag", "seed_lag", "lag", "bound",
                                "lag_seconds", "bound_seconds"]
    for row in df.itertuples():
        wait, seeded, lag = plain_two_phase(row.u, x, s, k)
        assert (row.wait_lag, row.seed_lag, row.lag) == (pytest.approx(wait, abs=1e-9), pytest.approx(seeded, abs=1e-9),
                                                         pytest.approx(lag, abs=1e-9)), row.u
        assert row.lag_seconds == pytest.approx(2.5 * DAY * lag, abs=1e-6)
    assert df.bound_seconds.iloc[0] == pytest.approx(2.5 * DAY * math.log2(1 / x))


def test_the_two_phase_frame_defaults_by_hand():
    # defaults: the waste-heat limit, a yearly doubling, a seed of 10%, off-Earth as fast, 113 points
    df = frames.two_phase_frame()
    grid = df[df.kind == "grid"]
    assert len(grid) == 113
    for row in df.itertuples():
        wait, seeded, lag = plain_two_phase(row.u, m.WASTE_HEAT_FRACTION, 0.1, 1.0)
        assert (row.seed_lag, row.lag) == (pytest.approx(seeded, abs=1e-9), pytest.approx(lag, abs=1e-9))
        assert row.lag_seconds == pytest.approx(YEAR * lag, abs=1e-3)


def test_the_two_phase_lag_far_past_the_cap_by_hand():
    # u far beyond the cap (the branch that avoids overflow): the same formula, evaluated directly
    for u, x, s, k in ((200.0, 0.01, 1e-3, 1.0), (70.0, 0.2, 0.3, 1.0), (500.0, 1e-3, 0.05, 4.0)):
        assert m.two_phase_lag_doublings(u, x, s, k) == pytest.approx(plain_two_phase(u, x, s, k)[2], abs=1e-9)
    # the default off-Earth doubling time is T itself (a seed of 5% > x = 1%: the seeding route sets the lag)
    assert plain_two_phase(40.0, 0.01, 0.05, 1.0)[1] < math.log2(100) - 1
    assert m.two_phase_lag_doublings(40.0, 0.01, 0.05) == pytest.approx(plain_two_phase(40.0, 0.01, 0.05, 1.0)[2])
    assert m.two_phase_lag(40 * YEAR, 0.01, YEAR, 0.05) == pytest.approx(YEAR * plain_two_phase(40.0, 0.01, 0.05, 1.0)[2])


@pytest.mark.parametrize("v, s, k", [(0.3, 0.2, 1.0), (0.9, 0.05, 2.0), (5.0, 0.01, 3.0), (61.0, 0.01, 1.0),
                                     (100.0, 1e-4, 1.0), (250.0, 0.3, 2.0), (40.0, 0.0, 1.0),
                                     (70.0, 0.8, 1.0), (61.0, 1e-20, 1.0), (65.0, 1e-19, 1.0)])
def test_the_seeding_route_alone_by_hand(v, s, k):
    want = v if s == 0 else max(0.0, v - math.log2(1 + s * (2.0 ** (v / k) - 1)))
    assert frames._seed_lag(v, s, k) == pytest.approx(want, abs=1e-9)


def test_two_phase_settings_out_of_range_are_refused_by_name_before_any_arithmetic():
    assert refusal(lambda: frames.two_phase_frame(seed=-0.5)).startswith("seed must be in [0, 1]")
    assert refusal(lambda: frames.two_phase_frame(offworld_ratio=0.0)).startswith("offworld_ratio must be in [1, 100]")


def test_the_earth_bound_summary_by_hand():
    assert m.earth_bound_summary(0.125, 10.0) == {"bound_years": pytest.approx(30 * DAY / YEAR), "doublings": 3.0}


def test_the_earth_bound_frame_defaults():
    df = frames.earth_bound_frame()
    assert (df.series == "curve").sum() == 41
    chosen = df[df.series == "chosen"].iloc[0]
    assert chosen.doubling_time_seconds == pytest.approx(YEAR)
    assert chosen.delay_seconds == pytest.approx(YEAR * math.log2(1 / m.WASTE_HEAT_FRACTION))


def test_the_earth_delay_frame_default_grid_and_its_own_fraction_message():
    df = m.earth_delay_frame()
    assert (df.series == "delay").sum() == 61
    assert refusal(lambda: m.earth_delay_frame(fraction=0.0)) == "fraction must be in (0, 1], got 0.0"
    assert refusal(lambda: m.earth_delay_frame(fraction=1.5)) == "fraction must be in (0, 1], got 1.5"


def test_the_earth_delay_map_names_its_columns():
    assert list(m.earth_delay_map_frame().columns) == ["doubling_time_label", "doubling_time_seconds", "fraction",
                                                       "delay_doublings", "delay_seconds", "delay_label", "delay_unit"]


# -- overhead ----------------------------------------------------------------------------------------


def test_the_overhead_frame_by_hand_at_its_defaults():
    # defaults: a yearly doubling, 50 years of upkeep, today's people at today's average, 61 points
    df = frames.overhead_frame()
    curve = df[df.series == "curve"]
    assert len(curve) == 61
    for row in df.itertuples():
        doublings = -math.log1p(-row.share) / math.log(2)  # log2(1 / (1 - f)), exact for tiny f
        assert row.delay_doublings == pytest.approx(doublings, rel=1e-9, abs=1e-300)
        assert row.delay_seconds == pytest.approx(YEAR * doublings, rel=1e-9, abs=1e-300)
        assert row.relative_size == pytest.approx(2 ** (-row.share * 50), rel=1e-12)
        assert row.lag_seconds == pytest.approx(row.share * 50 * YEAR, rel=1e-12)
    sun = df[df.series == "the Sun's output"].iloc[0]
    assert sun.share == pytest.approx(m.WORLD_POPULATION * m.WORLD_AVERAGE_POWER_PER_PERSON_W / m.SUN_LUMINOSITY_W)


def test_a_marked_base_used_up_entirely_is_refused_with_its_name():
    # 2**40 people at E / 2**40 watts each use exactly all the sunlight on Earth (share 1.0)
    message = refusal(lambda: frames.overhead_frame(population=2.0**40, power_per_person=E / 2**40))
    assert message and message.startswith("population * power_per_person must be below sunlight on Earth")
    message = refusal(lambda: frames.overhead_frame(population=1.5 * 2.0**40, power_per_person=E / 2**40))
    assert message and message.startswith("population * power_per_person must be below sunlight on Earth")


def test_survival_delay_refuses_a_share_of_one_or_more_with_its_own_message():
    # by construction today's people at today's average use all of today's energy (share 1.0)
    for population in (m.WORLD_POPULATION, 1.5 * m.WORLD_POPULATION):
        message = refusal(lambda: m.survival_delay(population, m.WORLD_AVERAGE_POWER_PER_PERSON_W, P0, YEAR))
        assert message and message.startswith("population * power_per_person must be below base_power")


def test_a_base_whose_share_is_exactly_an_end_of_the_axis_is_marked():
    # share exactly 0.5 (the axis's top): 16 people at P0 / 32 watts each
    df = m.setaside_delay_frame(population=16.0, power_per_person=P0 / 32, points=2)
    assert df.loc[df.series == "today's world energy", "share"].tolist() == [0.5]
    # share exactly 1e-12 (the axis's bottom): one person at 1e-12 P0 watts
    df = m.setaside_delay_frame(population=1.0, power_per_person=1e-12 * P0, points=2)
    assert df.loc[df.series == "today's world energy", "share"].tolist() == [1e-12]


def test_the_upkeep_of_one_number_is_a_plain_float():
    size = m.upkeep_relative_size(0.01, YEAR, 100 * YEAR)
    assert type(size) is float and size == pytest.approx(0.5)


def test_a_duration_that_rounds_up_to_a_billion_years_says_so():
    assert m.format_duration(999.999e6 * YEAR) == "1 billion years"
    assert m.format_duration(999.4e6 * YEAR, digits=2) == "1 billion years"


def test_a_duration_of_exactly_one_unit_reads_as_that_unit():
    # a month is a twelfth of a Julian year (30.44 days, 4.35 weeks): exactly one reads "1 month"
    assert [m.format_duration(size) for size in (60.0, DAY, 7 * DAY, YEAR / 12, YEAR)] == \
        ["1 minute", "1 day", "1 week", "1 month", "1 year"]
