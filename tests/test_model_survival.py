"""Tests of the survival-cost models (source lines 27-29).

Reference values come from book/data/README.md unless a test says otherwise; the
delay formulas are checked against direct step-by-step simulations of a growing economy written
here, independently of the closed forms in the module.
"""
from __future__ import annotations

import doctest
import importlib
import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from essays.models import survival as m
from essays.models.survival import (
    DAY,
    HOUR,
    YEAR,
    earth_constraint_delay,
    earth_constraint_doublings,
    earth_delay_frame,
    earth_delay_map_frame,
    food_energy_to_watts,
    format_duration,
    resource_share,
    resource_share_frame,
    resource_shares,
    setaside_delay,
    setaside_delay_frame,
    setaside_doublings,
    survival_delay,
    upkeep_lag,
    upkeep_relative_size,
    upkeep_size_frame,
)

# --- shared hypothesis vocabulary -------------------------------------------------------------
populations = st.floats(1e9, 2e10)  # the chapter's population slider
powers = st.floats(m.METABOLIC_POWER_W, 1e5)  # the power-per-person slider, metabolism to 100 kW
bases = st.sampled_from(list(m.RESOURCE_BASES.values()))
shares = st.floats(0.0, 0.999)
small_shares = st.floats(1e-12, 0.5)
fractions = st.floats(1e-12, 1.0)
doubling_times = st.floats(HOUR, 100 * YEAR)
factors = st.floats(0.01, 100.0)


# --- constants: SOURCES.md ----------------------------------------------------------------------


def test_earth_intercepts_about_4_53e_minus_10_of_the_suns_output():
    # SOURCES.md: 1361 W/m² × π × (6.371e6 m)² ≈ 1.735e17 W, ≈ 4.53e-10 of 3.828e26 W.
    assert m.EARTH_INTERCEPTED_SUNLIGHT_W == pytest.approx(1.735e17, rel=1e-3)
    assert m.EARTH_SHARE_OF_SUNLIGHT == pytest.approx(4.53e-10, rel=1e-3)


def test_intercepted_sunlight_is_the_solar_constant_times_earths_cross_section():
    assert m.EARTH_INTERCEPTED_SUNLIGHT_W == pytest.approx(1361.0 * math.pi * 6.371e6**2, rel=1e-12)
    assert m.SUN_LUMINOSITY_W == 3.828e26  # IAU 2015 Resolution B3


def test_two_thousand_kcal_a_day_is_about_97_watts():
    # SOURCES.md: human metabolism ≈ 100 W (2000 kcal/day ≈ 97 W).
    assert m.METABOLIC_POWER_W == pytest.approx(96.85, abs=0.01)
    assert food_energy_to_watts(2000) == pytest.approx(m.METABOLIC_POWER_W)


def test_world_primary_energy_is_about_19_6_terawatts_or_2_4_kilowatts_a_person():
    # SOURCES.md: 620 EJ in 2023 ≈ 19.6 TW; world population ≈ 8.2 billion.
    assert m.WORLD_PRIMARY_POWER_W == pytest.approx(19.6e12, rel=3e-3)
    assert m.WORLD_AVERAGE_POWER_PER_PERSON_W == pytest.approx(2.4e3, rel=3e-3)


def test_resource_bases_are_listed_smallest_first():
    values = list(m.RESOURCE_BASES.values())
    assert values == sorted(values)


# --- model 1: share of resources -------------------------------------------------------------


def test_todays_people_at_todays_average_use_all_of_todays_energy():
    share = resource_share(m.WORLD_POPULATION, m.WORLD_AVERAGE_POWER_PER_PERSON_W, m.WORLD_PRIMARY_POWER_W)
    assert share == pytest.approx(1.0, rel=1e-12)


def test_todays_people_at_todays_average_need_about_a_ten_thousandth_of_earths_sunlight():
    # 19.6 TW / 1.735e17 W ≈ 1.13e-4 (hand-computed from the SOURCES.md figures).
    shares = resource_shares(m.WORLD_POPULATION, m.WORLD_AVERAGE_POWER_PER_PERSON_W)
    assert shares["sunlight on Earth"] == pytest.approx(19.6e12 / 1.735e17, rel=3e-3)
    assert shares["the Sun's output"] == pytest.approx(19.6e12 / 3.828e26, rel=3e-3)


def test_bare_metabolism_for_everyone_is_about_five_millionths_of_earths_sunlight():
    # 8.2e9 × 96.85 W / 1.735e17 W ≈ 4.58e-6.
    share = resource_share(8.2e9, m.METABOLIC_POWER_W, m.EARTH_INTERCEPTED_SUNLIGHT_W)
    assert share == pytest.approx(8.2e9 * 96.85 / 1.735e17, rel=1e-3)


@settings(max_examples=50)
@given(populations, powers, bases, factors)
def test_share_scales_linearly_in_population(population, power, base, k):
    expected = k * resource_share(population, power, base)
    assert resource_share(population * k, power, base) == pytest.approx(expected, rel=1e-12)


@settings(max_examples=50)
@given(populations, powers, bases, factors)
def test_share_scales_linearly_in_power_per_person(population, power, base, k):
    expected = k * resource_share(population, power, base)
    assert resource_share(population, power * k, base) == pytest.approx(expected, rel=1e-12)


@settings(max_examples=50)
@given(populations, powers)
def test_the_sun_is_earths_sunlight_divided_by_4_53e_minus_10(population, power):
    shares = resource_shares(population, power)
    expected = shares["sunlight on Earth"] * m.EARTH_SHARE_OF_SUNLIGHT
    assert shares["the Sun's output"] == pytest.approx(expected, rel=1e-12)
    assert shares["today's world energy"] > shares["sunlight on Earth"] > shares["the Sun's output"]


def test_share_accepts_an_array_of_powers_and_matches_the_scalar():
    powers_w = np.array([100.0, 2400.0, 1e5])
    out = resource_share(8.2e9, powers_w, m.SUN_LUMINOSITY_W)
    assert isinstance(out, np.ndarray)
    assert out.tolist() == [resource_share(8.2e9, p, m.SUN_LUMINOSITY_W) for p in powers_w]


# --- model 2: overhead as a delay -------------------------------------------------------------


def simulate_time_to_reach(start, target, doubling_time, steps_per_doubling):
    """Step an exponential economy (×2**(1/steps) per step) from ``start`` until it reaches
    ``target``; return the time taken and the step length."""
    dt = doubling_time / steps_per_doubling
    growth = 2.0 ** (1.0 / steps_per_doubling)
    size, steps = start, 0
    while size < target:
        size *= growth
        steps += 1
    return steps * dt, dt


@settings(max_examples=30, deadline=None)
@given(st.floats(1e-3, 0.99), doubling_times, st.integers(8, 20))
def test_setaside_delay_matches_a_simulated_economy_with_and_without_the_setaside(share, doubling_time, target_doublings):
    target = 2.0**target_doublings
    free, dt = simulate_time_to_reach(1.0, target, doubling_time, 100)
    # The set-aside economy keeps (1 - f) of its resources to grow with.
    burdened, _ = simulate_time_to_reach(1.0 - share, target, doubling_time, 100)
    expected = setaside_delay(share, doubling_time)
    assert burdened - free == pytest.approx(expected, abs=dt * 1.000001)  # within one step


@settings(max_examples=30, deadline=None)
@given(st.floats(1e-3, 0.5), doubling_times, st.floats(0.5, 20.0))
def test_upkeep_relative_size_matches_a_simulated_economy_paying_upkeep_every_step(share, doubling_time, doublings):
    # Each step the economy produces g Y dt; the free one reinvests all of it, the burdened one
    # spends the share f on upkeep and reinvests the rest (Euler steps of dY = g (1 - f) Y dt).
    g = math.log(2.0) / doubling_time
    elapsed = doublings * doubling_time
    n = 200_000
    dt = elapsed / n
    free = np.cumprod(np.full(n, 1.0 + g * dt))[-1]
    burdened = np.cumprod(np.full(n, 1.0 + g * (1.0 - share) * dt))[-1]
    euler_error = (g * elapsed) ** 2 / n  # twice the first-order bound n (g dt)² / 2 on the log-ratio error
    expected = upkeep_relative_size(share, doubling_time, elapsed)
    assert burdened / free == pytest.approx(expected, rel=euler_error)


@settings(max_examples=50)
@given(shares, doubling_times, st.floats(0.0, 1e3))
def test_an_economy_paying_upkeep_is_as_large_as_the_free_one_was_f_t_earlier(share, doubling_time, doublings):
    elapsed = doublings * doubling_time
    lag = upkeep_lag(share, elapsed)
    # Free economy: 2**(t / T). Burdened: 2**(t (1 - f) / T) = free at t - lag.
    expected = 2.0 ** (-lag / doubling_time)
    assert upkeep_relative_size(share, doubling_time, elapsed) == pytest.approx(expected, rel=1e-9)
    assert lag == pytest.approx(share * elapsed)


def test_setting_aside_half_costs_exactly_one_doubling():
    assert setaside_doublings(0.5) == 1.0
    assert setaside_delay(0.5, YEAR) == YEAR
    assert setaside_delay(0.75, DAY) == pytest.approx(2 * DAY)


def test_earths_sunlight_for_todays_people_costs_a_yearly_doubling_economy_about_1_4_hours():
    # 1.13e-4 of Earth's sunlight: YEAR × log2(1 / (1 - 1.132e-4)) ≈ 1.43 hours (hand-computed).
    share = resource_share(8.2e9, m.WORLD_AVERAGE_POWER_PER_PERSON_W, m.EARTH_INTERCEPTED_SUNLIGHT_W)
    delay = setaside_delay(share, YEAR)
    assert delay / HOUR == pytest.approx(1.43, abs=0.01)
    assert format_duration(delay) == "1.4 hours"
    base = m.EARTH_INTERCEPTED_SUNLIGHT_W
    assert survival_delay(8.2e9, m.WORLD_AVERAGE_POWER_PER_PERSON_W, base, YEAR) == delay


@settings(max_examples=50)
@given(doubling_times, st.floats(0.0, 1e14))
def test_no_setaside_or_upkeep_costs_nothing(doubling_time, elapsed):
    assert setaside_delay(0.0, doubling_time) == 0.0
    assert upkeep_relative_size(0.0, doubling_time, elapsed) == 1.0
    assert upkeep_lag(0.0, elapsed) == 0.0


@settings(max_examples=50)
@given(st.floats(1e-15, 1e-6), doubling_times)
def test_a_tiny_setaside_costs_share_over_ln2_doubling_times(share, doubling_time):
    # First-order limit of log2(1 / (1 - f)) ≈ f / ln 2: the log1p form keeps full precision here.
    expected = doubling_time * share / math.log(2.0)
    assert setaside_delay(share, doubling_time) == pytest.approx(expected, rel=1e-5)


@settings(max_examples=50)
@given(shares, shares, doubling_times)
def test_setaside_delay_grows_with_the_share(a, b, doubling_time):
    lo, hi = sorted((a, b))
    assert setaside_delay(lo, doubling_time) <= setaside_delay(hi, doubling_time)


@settings(max_examples=50)
@given(shares, doubling_times, factors)
def test_setaside_delay_is_proportional_to_the_doubling_time(share, doubling_time, k):
    expected = k * setaside_delay(share, doubling_time)
    assert setaside_delay(share, doubling_time * k) == pytest.approx(expected, rel=1e-12, abs=1e-300)  # subnormal shares lose relative precision


@settings(max_examples=50)
@given(shares, shares, doubling_times, st.floats(0.0, 1e12))
def test_upkeep_shrinks_the_economy_more_the_larger_the_share_and_the_longer(a, b, doubling_time, elapsed):
    lo, hi = sorted((a, b))
    size_lo = upkeep_relative_size(lo, doubling_time, elapsed)
    size_hi = upkeep_relative_size(hi, doubling_time, elapsed)
    assert 0.0 <= size_hi <= size_lo <= 1.0
    assert upkeep_relative_size(hi, doubling_time, 2 * elapsed) <= size_hi


def test_array_shares_give_the_same_delays_as_scalars():
    values = [0.0, 1e-9, 0.01, 0.5, 0.9]
    out = setaside_delay(np.array(values), YEAR)
    assert out.tolist() == [setaside_delay(v, YEAR) for v in values]
    assert setaside_delay(np.float64(0.5), YEAR) == setaside_delay(np.array(0.5), YEAR) == YEAR
    assert upkeep_relative_size(values, YEAR, 10 * YEAR).tolist() == [
        upkeep_relative_size(v, YEAR, 10 * YEAR) for v in values]


def test_survival_delay_refuses_a_share_of_the_whole_base_or_more():
    with pytest.raises(ValueError, match="population \\* power_per_person must be below base_power"):
        survival_delay(8.2e9, 1e5, m.WORLD_PRIMARY_POWER_W, YEAR)


# --- model 3: Earth is most of the early economy ----------------------------------------------


@settings(max_examples=30, deadline=None)
@given(st.floats(1e-6, 1.0), doubling_times, st.integers(21, 30))
def test_earth_delay_matches_a_simulated_industry_confined_to_a_fraction_of_earth(fraction, doubling_time, target_doublings):
    target = 2.0**target_doublings
    free, dt = simulate_time_to_reach(1.0, target, doubling_time, 100)
    confined, _ = simulate_time_to_reach(fraction, target, doubling_time, 100)
    expected = earth_constraint_delay(fraction, doubling_time)
    assert confined - free == pytest.approx(expected, abs=dt * 1.000001)


def test_a_thousand_and_twenty_fourth_of_earth_costs_ten_doublings():
    assert earth_constraint_doublings(1 / 1024) == 10.0
    assert earth_constraint_delay(1 / 1024, DAY) == 10 * DAY


def test_one_percent_of_earth_costs_days_at_daily_doubling_and_years_at_yearly():
    # log2(100) ≈ 6.64 doublings.
    assert format_duration(earth_constraint_delay(0.01, DAY)) == "6.6 days"
    assert format_duration(earth_constraint_delay(0.01, YEAR)) == "6.6 years"
    assert format_duration(earth_constraint_delay(0.01, HOUR)) == "6.6 hours"


@settings(max_examples=50)
@given(doubling_times)
def test_using_all_of_earth_costs_nothing(doubling_time):
    delay = earth_constraint_delay(1.0, doubling_time)
    assert delay == 0.0 and math.copysign(1.0, delay) == 1.0  # +0.0, not -0.0


@settings(max_examples=50)
@given(fractions, fractions, doubling_times)
def test_earth_delay_shrinks_as_more_of_earth_is_usable(a, b, doubling_time):
    lo, hi = sorted((a, b))
    assert earth_constraint_delay(lo, doubling_time) >= earth_constraint_delay(hi, doubling_time) >= 0.0


@settings(max_examples=50)
@given(st.floats(0.01, 1.0), doubling_times)
def test_confining_to_x_of_earth_is_setting_aside_one_minus_x(fraction, doubling_time):
    assert earth_constraint_delay(fraction, doubling_time) == pytest.approx(
        setaside_delay(1.0 - fraction, doubling_time), rel=1e-9, abs=1e-9 * doubling_time)


def test_even_the_smallest_fraction_gives_a_finite_delay():
    assert math.isfinite(earth_constraint_delay(5e-324, 100 * YEAR))


# --- format_duration -----------------------------------------------------------------------------


@pytest.mark.parametrize(("seconds", "text"), [
    (0.0, "0 seconds"),
    (3.2 * HOUR, "3.2 hours"),
    (1.5 * YEAR, "1.5 years"),
    (HOUR, "1 hour"),
    (59.99, "1 minute"),  # rounds up into the next unit
    (360 * DAY, "12 months"),  # 11.8 months; "0.99 years" would be the worse reading
    (364 * DAY, "1 year"),
    (21 * DAY, "3 weeks"),
    (2.3e-6, "2.3 microseconds"),
    (4.5e9 * YEAR, "4.5 billion years"),
    (3.0e12 * YEAR, "3000 billion years"),
    (2e-12, "0.002 nanoseconds"),
])
def test_durations_read_in_human_units(seconds, text):
    assert format_duration(seconds) == text


_UNIT_SECONDS = {plural: size for _, plural, size in m._DURATION_UNITS}
_UNIT_SECONDS.update({singular: size for singular, _, size in m._DURATION_UNITS})


@settings(max_examples=200)
@given(st.floats(1e-9, 1e20), st.integers(1, 6))
def test_a_formatted_duration_reads_back_to_within_its_rounding(seconds, digits):
    text = format_duration(seconds, digits)
    match = re.fullmatch(r"(\d+(?:\.\d+)?) (.+)", text)
    assert match, text
    value, unit = float(match[1]), match[2]
    assert value * _UNIT_SECONDS[unit] == pytest.approx(seconds, rel=0.5 * 10.0 ** (1 - digits) + 1e-12)
    if unit not in {"thousand years", "million years", "billion years"}:
        singulars = {singular for singular, _, _ in m._DURATION_UNITS}
        assert (unit in singulars) == (value == 1)


@settings(max_examples=100)
@given(st.floats(1e-9, 1e18))
def test_a_formatted_duration_uses_the_largest_unit_it_fills(seconds):
    value_text, unit = format_duration(seconds).split(" ", 1)
    value = float(value_text)
    size = _UNIT_SECONDS[unit]
    bigger = [s for _, _, s in m._DURATION_UNITS if s > size]
    assert value >= 1.0
    if bigger:  # at most "12 months" (11.8 months rounded), never "13 months"
        assert value * size <= bigger[0] * (1 + 1e-12)


# --- frames ---------------------------------------------------------------------------------


def _assert_tidy(df: pd.DataFrame, string_columns: set[str]):
    assert len(df) <= 400
    assert df.index.tolist() == list(range(len(df)))
    for column in df.columns:
        if column in string_columns:
            assert df[column].map(type).eq(str).all(), column
        else:
            assert df[column].dtype == np.float64, column
            assert np.isfinite(df[column]).all(), column


@settings(max_examples=20, deadline=None)
@given(populations, powers)
def test_share_frame_has_a_curve_per_base_and_the_chosen_points_on_them(population, power):
    df = resource_share_frame(population=population, power_per_person=power)
    assert list(df.columns) == ["series", "kind", "power_per_person_w", "share"]
    _assert_tidy(df, {"series", "kind"})
    assert len(df) == 3 * 61 + 3
    assert df.series.unique().tolist() == list(m.RESOURCE_BASES)
    chosen = df[df.kind == "chosen"]
    assert chosen.share.tolist() == list(resource_shares(population, power).values())
    curves = df[df.kind == "curve"]
    for name, base in m.RESOURCE_BASES.items():
        line = curves[curves.series == name]
        assert line.power_per_person_w.iloc[0] == pytest.approx(m.METABOLIC_POWER_W)
        assert line.power_per_person_w.iloc[-1] == pytest.approx(1e5)
        assert np.all(np.diff(line.share) > 0)
        expected = resource_share(population, line.power_per_person_w.to_numpy(), base)
        assert line.share.tolist() == expected.tolist()


def test_frames_are_deterministic():
    for make in (resource_share_frame, setaside_delay_frame, upkeep_size_frame, earth_delay_frame,
                 earth_delay_map_frame):
        pd.testing.assert_frame_equal(make(), make())


@settings(max_examples=20, deadline=None)
@given(doubling_times, populations, powers)
def test_delay_frame_marks_each_base_whose_share_is_on_the_axis(doubling_time, population, power):
    df = setaside_delay_frame(doubling_time=doubling_time, population=population, power_per_person=power)
    assert list(df.columns) == ["series", "share", "delay_doublings", "delay_seconds", "delay_label"]
    _assert_tidy(df, {"series", "delay_label"})
    curve = df[df.series == "delay"]
    assert len(curve) == 61
    assert curve.share.iloc[0] == pytest.approx(1e-12) and curve.share.iloc[-1] == pytest.approx(0.5)
    assert np.all(np.diff(curve.delay_seconds) > 0)
    expected = [name for name, s in resource_shares(population, power).items() if 1e-12 <= s <= 0.5]
    markers = df[df.series != "delay"]
    assert markers.series.tolist() == expected
    for row in markers.itertuples():
        assert row.delay_seconds == pytest.approx(setaside_delay(row.share, doubling_time), rel=1e-12)
        assert row.delay_label == format_duration(row.delay_seconds)


def test_the_suns_share_is_off_the_axis_and_earths_sunlight_on_it_for_todays_people():
    df = setaside_delay_frame(doubling_time=YEAR)
    assert df[df.series != "delay"].series.tolist() == ["sunlight on Earth"]


@settings(max_examples=20, deadline=None)
@given(doubling_times, st.floats(DAY, 1000 * YEAR), populations, powers)
def test_upkeep_frame_matches_the_model(doubling_time, elapsed, population, power):
    df = upkeep_size_frame(doubling_time=doubling_time, elapsed=elapsed, population=population,
                           power_per_person=power)
    assert list(df.columns) == ["series", "share", "relative_size", "lag_seconds", "lag_label"]
    _assert_tidy(df, {"series", "lag_label"})
    assert (df.series == "relative size").sum() == 61
    expected = upkeep_relative_size(df.share.to_numpy(), doubling_time, elapsed)
    assert df.relative_size.tolist() == expected.tolist()
    assert df.lag_seconds.tolist() == pytest.approx((df.share * elapsed).tolist())


@settings(max_examples=20, deadline=None)
@given(fractions, doubling_times)
def test_earth_frame_runs_from_a_trillionth_of_earth_to_all_of_it(fraction, doubling_time):
    df = earth_delay_frame(fraction=fraction, doubling_time=doubling_time)
    assert list(df.columns) == ["series", "fraction", "delay_doublings", "delay_seconds", "delay_label"]
    _assert_tidy(df, {"series", "delay_label"})
    curve = df[df.series == "delay"]
    assert curve.fraction.iloc[0] == pytest.approx(1e-12) and curve.fraction.iloc[-1] == 1.0
    assert curve.delay_seconds.iloc[-1] == 0.0
    assert np.all(np.diff(curve.delay_seconds) < 0)
    chosen = df[df.series == "chosen"]
    assert chosen.delay_seconds.item() == pytest.approx(earth_constraint_delay(fraction, doubling_time), rel=1e-12)


def test_earth_map_shows_hours_for_fast_industry_and_years_for_slow():
    df = earth_delay_map_frame()
    _assert_tidy(df, {"doubling_time_label", "delay_label", "delay_unit"})
    assert len(df) == 6 * 12
    hourly = df[df.doubling_time_label == "1 hour"]
    assert set(hourly.delay_unit) <= {"hour", "hours", "day", "days"}
    decade = df[df.doubling_time_label == "10 years"]
    assert set(decade.delay_unit) <= {"years", "thousand years"}
    assert df.delay_seconds.tolist() == [earth_constraint_delay(x, t)
                                         for t, x in zip(df.doubling_time_seconds, df.fraction)]


# --- bad input ------------------------------------------------------------------------------

_OK = dict(population=8.2e9, power_per_person=1000.0, base_power=m.SUN_LUMINOSITY_W, doubling_time=YEAR,
           share=0.01, fraction=0.01, elapsed=YEAR, points=11, kcal_per_day=2000.0, seconds=10.0, digits=2,
           elapsed_doublings=10.0, seed=0.1, offworld_ratio=2.0, doubling_time_days=365.25)

_SIGNATURES = {
    food_energy_to_watts: ["kcal_per_day"],
    resource_share: ["population", "power_per_person", "base_power"],
    resource_shares: ["population", "power_per_person"],
    resource_share_frame: ["population", "power_per_person", "points"],
    setaside_doublings: ["share"],
    setaside_delay: ["share", "doubling_time"],
    upkeep_relative_size: ["share", "doubling_time", "elapsed"],
    upkeep_lag: ["share", "elapsed"],
    survival_delay: ["population", "power_per_person", "base_power", "doubling_time"],
    setaside_delay_frame: ["doubling_time", "population", "power_per_person", "points"],
    upkeep_size_frame: ["doubling_time", "elapsed", "population", "power_per_person", "points"],
    earth_constraint_doublings: ["fraction"],
    earth_constraint_delay: ["fraction", "doubling_time"],
    earth_delay_frame: ["fraction", "doubling_time", "points"],
    format_duration: ["seconds", "digits"],
    m.cap_binds_doublings: ["fraction"],
    m.two_phase_lag_doublings: ["elapsed_doublings", "fraction", "seed", "offworld_ratio"],
    m.two_phase_lag: ["elapsed", "fraction", "doubling_time", "seed", "offworld_ratio"],
    m.earth_bound_summary: ["fraction", "doubling_time_days"],
}

_BAD = {  # parameter -> values it must reject
    "population": [float("nan"), float("inf"), -1.0, 0.0, 1e16, "8e9", None, True],
    "power_per_person": [float("nan"), -float("inf"), -100.0, 0.0, 1e13, "100", None],
    "base_power": [float("nan"), float("inf"), 0.0, -1.0, 1e41, "sun", None],
    "doubling_time": [float("nan"), float("inf"), 0.0, -YEAR, 1e14, "1 year", None, False],
    "share": [float("nan"), -0.1, 1.0, 1.5, float("inf"), "0.1", None, [0.1, float("nan")], [0.1, 1.0]],
    "fraction": [float("nan"), 0.0, -0.5, 1.5, float("inf"), "1%", None, [0.5, 0.0]],
    "elapsed": [float("nan"), -1.0, float("inf"), 1e15, "1 day", None],
    "points": [1, 0, -5, 1000, 10.5, float("nan"), "61", None, True],
    "kcal_per_day": [float("nan"), -2000.0, float("inf"), 1e7, "2000", None],
    "seconds": [float("nan"), -1.0, float("inf"), "1 hour", None],
    "digits": [0, 7, 2.5, float("nan"), "2", None],
    "elapsed_doublings": [-1.0, float("nan"), float("inf"), "3", None],
    "seed": [-0.1, 1.5, float("nan"), "0.1", None],
    "offworld_ratio": [0.5, 0.0, 101.0, float("nan"), "2", None],
    "doubling_time_days": [0.0, -1.0, float("nan"), float("inf"), 1e9, "1 day", None],
}

_CASES = [
    pytest.param(func, name, bad, id=f"{func.__name__}-{name}-{bad!r}")
    for func, params in _SIGNATURES.items()
    for name in params
    for bad in _BAD[name]
]


@pytest.mark.parametrize(("func", "name", "bad"), _CASES)
def test_bad_input_is_rejected_with_a_message_naming_the_parameter(func, name, bad):
    kwargs = {p: _OK[p] for p in _SIGNATURES[func]}
    kwargs[name] = bad
    with pytest.raises(ValueError, match=rf"^{name}\b"):
        func(**kwargs)


def test_scalar_only_parameters_refuse_arrays():
    with pytest.raises(ValueError, match="population"):
        resource_share([8e9, 9e9], 100.0, m.SUN_LUMINOSITY_W)
    with pytest.raises(ValueError, match="doubling_time"):
        setaside_delay(0.1, [YEAR, DAY])
    with pytest.raises(ValueError, match="share"):
        setaside_delay([[0.1, 0.2]], YEAR)


def test_every_public_function_validates_in_the_bad_input_table():
    public = {name for name, obj in vars(m).items()
              if callable(obj) and not name.startswith("_")
              and getattr(obj, "__module__", "").startswith(m.__name__ + ".")}
    assert public == {f.__name__ for f in _SIGNATURES} | {"earth_delay_map_frame"}


def test_docstring_examples_run():
    results = [doctest.testmod(importlib.import_module(f"{m.__name__}.{section}")) for section in m.SECTIONS]
    assert sum(r.attempted for r in results) > 20
    assert sum(r.failed for r in results) == 0
