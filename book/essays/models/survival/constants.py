"""Units, constants with their sources, allowed ranges, input checks and readable durations.

The survival chapter's models (see :mod:`essays.models.survival`) all build on these; the
constants' sources are in the book's data README, ``book/data/README.md``.
"""
from __future__ import annotations

import math

import numpy as np

from essays.checks import check_array, check_integer, check_number

# --- Time units (seconds) ---------------------------------------------------------------------
MINUTE = 60.0
HOUR = 3600.0
DAY = 86400.0
WEEK = 7 * DAY
YEAR = 365.25 * DAY  # Julian year, the astronomical convention
MONTH = YEAR / 12

# --- Constants, with their sources (book/data/README.md) ---------------------------------------
# Human metabolism: a 2000 kcal/day diet (an assumption: the usual reference intake), with the thermochemical kilocalorie (4184 J).
FOOD_ENERGY_KCAL_PER_DAY = 2000.0
JOULES_PER_KCAL = 4184.0
METABOLIC_POWER_W = FOOD_ENERGY_KCAL_PER_DAY * JOULES_PER_KCAL / DAY  # ≈ 96.85 W

# World primary energy consumption, 620 EJ in 2023 (Energy Institute, Statistical Review of
# World Energy 2024), spread over a year: ≈ 19.6 TW.
WORLD_PRIMARY_ENERGY_J_PER_YEAR = 620e18
WORLD_PRIMARY_POWER_W = WORLD_PRIMARY_ENERGY_J_PER_YEAR / YEAR  # ≈ 1.96e13 W

# World population ≈ 8.2 billion (UN World Population Prospects 2024).
WORLD_POPULATION = 8.2e9
WORLD_AVERAGE_POWER_PER_PERSON_W = WORLD_PRIMARY_POWER_W / WORLD_POPULATION  # ≈ 2.4 kW

# Solar constant (nominal total solar irradiance at 1 au), 1361 W/m² (IAU 2015 Resolution B3),
# and Earth's mean radius, 6371 km. Earth intercepts the sunlight falling on its cross-section.
SOLAR_CONSTANT_W_PER_M2 = 1361.0
EARTH_MEAN_RADIUS_M = 6.371e6
EARTH_INTERCEPTED_SUNLIGHT_W = SOLAR_CONSTANT_W_PER_M2 * math.pi * EARTH_MEAN_RADIUS_M**2  # ≈ 1.735e17 W

# Nominal solar luminosity, 3.828e26 W (IAU 2015 Resolution B3).
SUN_LUMINOSITY_W = 3.828e26
EARTH_SHARE_OF_SUNLIGHT = EARTH_INTERCEPTED_SUNLIGHT_W / SUN_LUMINOSITY_W  # ≈ 4.53e-10

# The resource bases of model 1, in the order the charts list them (name -> watts).
RESOURCE_BASES = {
    "today's world energy": WORLD_PRIMARY_POWER_W,
    "sunlight on Earth": EARTH_INTERCEPTED_SUNLIGHT_W,
    "the Sun's output": SUN_LUMINOSITY_W,
}

# An illustrative "rich lifestyle": 100 kW a head, about forty times today's world average. An
# assumption of this chapter, not a measured figure.
RICH_POWER_PER_PERSON_W = 1e5

# Reference levels of power per person (watts) for the chart's rules and the prose.
POWER_PER_PERSON_REFERENCES = {
    "bare metabolism": METABOLIC_POWER_W,
    "today's world average": WORLD_AVERAGE_POWER_PER_PERSON_W,
    "rich lifestyle": RICH_POWER_PER_PERSON_W,
}

# Earth's surface area, 4 π R².
EARTH_SURFACE_M2 = 4 * math.pi * EARTH_MEAN_RADIUS_M**2  # ≈ 5.10e14 m²

# Today's food system: world agricultural land (cropland and permanent meadows and pastures),
# 4781 million hectares in 2022 (FAO, Land statistics 2001-2022, FAOSTAT release of July 2024).
# The sunlight it intercepts is its area times the mean top-of-atmosphere insolation S/4.
AGRICULTURAL_LAND_M2 = 4781e6 * 1e4
FOOD_SYSTEM_SUNLIGHT_W = AGRICULTURAL_LAND_M2 * SOLAR_CONSTANT_W_PER_M2 / 4  # ≈ 1.63e16 W
FOOD_SYSTEM_SHARE_OF_SUNLIGHT = FOOD_SYSTEM_SUNLIGHT_W / EARTH_INTERCEPTED_SUNLIGHT_W  # ≈ 9.4%

# The waste-heat limit to industry on a habitable Earth. Assumption: industry's waste heat may add
# as much forcing again as all human influence to date, the total anthropogenic effective radiative
# forcing of 2.72 W/m² over 1750-2019 (IPCC AR6 WG1, chapter 7). Spread over Earth's surface that is
# a power; as a fraction of the sunlight Earth intercepts it is 4 F / S, whatever Earth's radius.
TOLERATED_FORCING_W_PER_M2 = 2.72
WASTE_HEAT_LIMIT_W = TOLERATED_FORCING_W_PER_M2 * EARTH_SURFACE_M2  # ≈ 1.39e15 W
WASTE_HEAT_FRACTION = WASTE_HEAT_LIMIT_W / EARTH_INTERCEPTED_SUNLIGHT_W  # ≈ 0.8%

# Doublings from today's world energy to all the sunlight Earth intercepts: log2(E / P0) ≈ 13.1.
DOUBLINGS_TO_EARTH = math.log2(EARTH_INTERCEPTED_SUNLIGHT_W / WORLD_PRIMARY_POWER_W)

# --- Allowed ranges (validation, generous) and slider ranges (what the chapter offers) -------
POPULATION_RANGE = (1.0, 1e15)  # people
POPULATION_SLIDER = (1e9, 2e10)
POWER_PER_PERSON_RANGE = (1e-3, 1e12)  # watts per person
POWER_PER_PERSON_SLIDER = (METABOLIC_POWER_W, 1e5)  # log slider, bare metabolism to 100 kW
BASE_POWER_RANGE = (0.0, 1e40)  # watts, lower end open
SHARE_RANGE = (0.0, 1.0)  # f, the share set aside: [0, 1)
SHARE_AXIS = (1e-12, 0.5)  # the log f axis of the overhead charts
FRACTION_RANGE = (0.0, 1.0)  # x, the usable fraction of Earth: (0, 1]
FRACTION_SLIDER = (1e-12, 1.0)
DOUBLING_TIME_RANGE = (0.0, 1e13)  # seconds, lower end open (1e13 s ≈ 317,000 years)
DOUBLING_TIME_SLIDER = (HOUR, 100 * YEAR)  # log slider, "hours to years"
ELAPSED_RANGE = (0.0, 1e14)  # seconds since the upkeep began
ELAPSED_SLIDER = (DAY, 1000 * YEAR)
POINTS_RANGE = (2, 200)  # grid points per line in a frame
# Model 4: the cap must lie above today's economy (else it binds today and the economy must shrink)
TWO_PHASE_FRACTION_RANGE = (WORLD_PRIMARY_POWER_W / EARTH_INTERCEPTED_SUNLIGHT_W, 1.0)  # ≈ (1.13e-4, 1]
SEED_RANGE = (0.0, 1.0)  # seed off Earth, as a share of the capped economy
OFFWORLD_RATIO_RANGE = (1.0, 100.0)  # off-Earth doubling time as a multiple of T
DIGITS_RANGE = (1, 6)  # significant figures in format_duration

_LN2 = math.log(2.0)


def _scalar_or_array(name, value, lo=None, hi=None, **kw):
    """Validate a scalar (returned as float) or an array (returned as a 1-d float array)."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if np.ndim(value) == 0 and not isinstance(value, (list, tuple)):
        return check_number(name, value, lo, hi, **kw)
    return check_array(name, value, lo, hi, **kw)


def _check_doubling_time(doubling_time) -> float:
    return check_number("doubling_time", doubling_time, *DOUBLING_TIME_RANGE, lo_open=True)


def _check_points(points) -> int:
    return check_integer("points", points, *POINTS_RANGE)



# --- Human-readable durations -----------------------------------------------------------------

# (singular, plural, seconds), smallest first.
_DURATION_UNITS = (
    ("nanosecond", "nanoseconds", 1e-9),
    ("microsecond", "microseconds", 1e-6),
    ("millisecond", "milliseconds", 1e-3),
    ("second", "seconds", 1.0),
    ("minute", "minutes", MINUTE),
    ("hour", "hours", HOUR),
    ("day", "days", DAY),
    ("week", "weeks", WEEK),
    ("month", "months", MONTH),
    ("year", "years", YEAR),
    ("thousand years", "thousand years", 1e3 * YEAR),
    ("million years", "million years", 1e6 * YEAR),
    ("billion years", "billion years", 1e9 * YEAR),
)


def format_duration(seconds: float, digits: int = 2) -> str:
    """A duration in seconds as text in the largest fitting human unit: "3.2 hours", "1.5 years".

    Units run from nanoseconds through seconds, minutes, hours, days, weeks, months (a twelfth
    of a Julian year) and Julian years to billions of years. The value is rounded to ``digits``
    significant figures, and a value that rounds up to fill the next unit moves into it, so
    59.99 s reads "1 minute", not "60 seconds".

    Parameters
    ----------
    seconds : float
        Duration in seconds, finite and >= 0.
    digits : int
        Significant figures, in [1, 6].

    Returns
    -------
    str
        The number (positional notation, never an exponent) and its unit, singular for 1.

    Examples
    --------
    >>> format_duration(3.2 * HOUR), format_duration(1.5 * YEAR), format_duration(59.99)
    ('3.2 hours', '1.5 years', '1 minute')
    >>> format_duration(0), format_duration(2.3e-6), format_duration(4.5e9 * YEAR)
    ('0 seconds', '2.3 microseconds', '4.5 billion years')
    """
    s = check_number("seconds", seconds, 0.0)
    d = check_integer("digits", digits, *DIGITS_RANGE)
    if s == 0.0:
        return "0 seconds"
    index = 0
    for i, (_, _, size) in enumerate(_DURATION_UNITS):
        if s >= size:
            index = i
    singular, plural, size = _DURATION_UNITS[index]
    value = float(f"{s / size:.{d}g}")
    if index + 1 < len(_DURATION_UNITS):
        # Rounding may fill the next unit (59.99 s -> "60 seconds"): then say "1 minute" instead,
        # unless the next unit would read below 1 (11.8 months -> "12 months", not "0.99 years").
        next_singular, next_plural, next_size = _DURATION_UNITS[index + 1]
        next_value = float(f"{s / next_size:.{d}g}")
        if value * size >= next_size and next_value >= 1:
            singular, plural, size, value = next_singular, next_plural, next_size, next_value
    text = np.format_float_positional(value, trim="-")  # "360", not "3.6e+02"
    return f"{text} {singular if text == '1' else plural}"
