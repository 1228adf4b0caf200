"""What keeping humans alive costs a growing economy (source lines 27-29).

The source argues "it wasn't that expensive to keep humans physically alive" and that whoever
keeps control "could also pretty cheaply keep all other humans at a low competitiveness
overhead". Three small models make that checkable.

1. **Share of resources.** Keeping ``population`` people at ``power_per_person`` watts each takes
   ``share = population * power_per_person / base_power`` of a resource base: today's world
   primary energy, the sunlight Earth intercepts, or the Sun's whole output.
2. **Overhead as a delay.** An economy that doubles every ``T`` and sets aside a share ``f`` of
   its resources reaches any size ``T * log2(1 / (1 - f))`` later. Spent as a flow, an upkeep
   share ``f`` of output lowers the growth rate from ``g = ln 2 / T`` to ``g (1 - f)``, leaving the
   economy ``exp(-g f t)`` as large after time ``t``, i.e. as large as the unburdened economy
   was ``f t`` earlier.
3. **The strongest objection: Earth is most of the early economy.** If keeping Earth habitable
   lets industry use only a fraction ``x`` of Earth's resources until it has expanded beyond
   Earth, it starts ``log2(1 / x)`` doublings behind: a delay of ``T * log2(1 / x)``.

The opposing view: Eliezer Yudkowsky, "ASIs will not leave just a little sunlight for Earth",
LessWrong, September 2024, argues that a superintelligence that does not care about us would
not forgo even the ~4.5e-10 of the Sun's output that Earth intercepts. The models here do not
settle whether it would care; they measure what caring would cost it.

Units: watts for power, seconds for time (see :data:`HOUR`, :data:`DAY`, :data:`YEAR`),
plain fractions for shares. Constants and their sources are in the book's data README,
``book/data/README.md`` (section "Physical constants of the survival-cost chapter").

4. **When the cap binds, and after.** Starting from today's economy, the cap on Earth binds only
   once the economy fills the usable fraction ``x``; after that, off-Earth industry seeded with a
   share ``seed`` of the capped economy and doubling every ``k T`` keeps it growing. Its lag behind
   an economy that uses all of Earth never exceeds the bound ``T * log2(1 / x)`` of model 3, and
   reaches it when the seed is zero (:func:`two_phase_lag`).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

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


# --- Model 1: share of resources ------------------------------------------------------------


def food_energy_to_watts(kcal_per_day):
    """Average power of a diet: ``watts = kcal_per_day * 4184 J/kcal / 86400 s``.

    Parameters
    ----------
    kcal_per_day : float or array_like
        Food energy in kilocalories (thermochemical, 4184 J) per day, in [0, 1e6].

    Returns
    -------
    float or ndarray
        Average metabolic power in watts.

    Examples
    --------
    A 2000 kcal/day diet runs a human at about 97 W:

    >>> round(food_energy_to_watts(2000), 2)
    96.85
    """
    kcal = _scalar_or_array("kcal_per_day", kcal_per_day, 0.0, 1e6)
    return kcal * JOULES_PER_KCAL / DAY


def resource_share(population, power_per_person, base_power: float):
    """Share of a resource base needed to keep a population at a power per person.

    ``share = population * power_per_person / base_power``. The result is a plain ratio and may
    exceed 1 (more than the whole base).

    Parameters
    ----------
    population : float
        Number of people, in [1, 1e15].
    power_per_person : float or array_like
        Power used per person in watts, in [1e-3, 1e12]: about 97 W is bare metabolism
        (:data:`METABOLIC_POWER_W`), about 2.4 kW today's world average
        (:data:`WORLD_AVERAGE_POWER_PER_PERSON_W`).
    base_power : float
        The resource base in watts, in (0, 1e40]; see :data:`RESOURCE_BASES` (today's world
        primary energy, the sunlight Earth intercepts, the Sun's luminosity).

    Returns
    -------
    float or ndarray
        The share (dimensionless), shaped like ``power_per_person``.

    Examples
    --------
    Today's 8.2 billion people at today's average use all of today's energy, by construction;
    the same from sunlight on Earth is about 1.1e-4 of it, and of the Sun about 5e-14:

    >>> resource_share(WORLD_POPULATION, WORLD_AVERAGE_POWER_PER_PERSON_W, WORLD_PRIMARY_POWER_W)
    1.0
    >>> f"{resource_share(8.2e9, WORLD_AVERAGE_POWER_PER_PERSON_W, EARTH_INTERCEPTED_SUNLIGHT_W):.2e}"
    '1.13e-04'
    >>> f"{resource_share(8.2e9, WORLD_AVERAGE_POWER_PER_PERSON_W, SUN_LUMINOSITY_W):.1e}"
    '5.1e-14'
    """
    people = check_number("population", population, *POPULATION_RANGE)
    power = _scalar_or_array("power_per_person", power_per_person, *POWER_PER_PERSON_RANGE)
    base = check_number("base_power", base_power, *BASE_POWER_RANGE, lo_open=True)
    return people * power / base


def resource_shares(population, power_per_person: float) -> dict[str, float]:
    """The share of each base in :data:`RESOURCE_BASES`: ``{name: population * power / base}``.

    Parameters
    ----------
    population : float
        Number of people, in [1, 1e15].
    power_per_person : float
        Power used per person in watts, in [1e-3, 1e12].

    Returns
    -------
    dict of str to float
        Base name -> share, in the order of :data:`RESOURCE_BASES`.

    Examples
    --------
    >>> shares = resource_shares(8.2e9, 100)
    >>> {name: f"{share:.1e}" for name, share in shares.items()}
    {"today's world energy": '4.2e-02', 'sunlight on Earth': '4.7e-06', "the Sun's output": '2.1e-15'}
    """
    power = check_number("power_per_person", power_per_person, *POWER_PER_PERSON_RANGE)
    return {name: resource_share(population, power, base) for name, base in RESOURCE_BASES.items()}


def resource_share_frame(population: float = WORLD_POPULATION,
                         power_per_person: float = WORLD_AVERAGE_POWER_PER_PERSON_W,
                         points: int = 61) -> pd.DataFrame:
    """Tidy frame for the share-of-resources chart (log share against log power per person).

    For each base in :data:`RESOURCE_BASES`, ``points`` rows of kind "curve" over log-spaced
    power per person across :data:`POWER_PER_PERSON_SLIDER` (bare metabolism to 100 kW), then one
    row of kind "chosen" per base at ``power_per_person``.

    Parameters
    ----------
    population : float
        Number of people, in [1, 1e15] (slider 1e9 to 2e10).
    power_per_person : float
        The chosen power per person in watts, in [1e-3, 1e12].
    points : int
        Grid points per curve, in [2, 200].

    Returns
    -------
    pandas.DataFrame
        Columns ``series`` (base name), ``kind`` ("curve" or "chosen"),
        ``power_per_person_w``, ``share``.

    Examples
    --------
    >>> df = resource_share_frame(8.2e9, 100, points=3)
    >>> len(df), list(df.columns)
    (12, ['series', 'kind', 'power_per_person_w', 'share'])
    """
    n = _check_points(points)
    people = check_number("population", population, *POPULATION_RANGE)
    chosen = check_number("power_per_person", power_per_person, *POWER_PER_PERSON_RANGE)
    grid = np.geomspace(*POWER_PER_PERSON_SLIDER, n)
    frames = [
        pd.DataFrame({"series": name, "kind": "curve", "power_per_person_w": grid,
                      "share": resource_share(people, grid, base)})
        for name, base in RESOURCE_BASES.items()
    ]
    frames.append(pd.DataFrame({
        "series": list(RESOURCE_BASES),
        "kind": "chosen",
        "power_per_person_w": chosen,
        "share": [resource_share(people, chosen, base) for base in RESOURCE_BASES.values()],
    }))
    return pd.concat(frames, ignore_index=True)


# --- Model 2: overhead as a delay -----------------------------------------------------------


def setaside_doublings(share):
    """Doublings lost by setting aside a share of resources: ``log2(1 / (1 - share))``.

    Parameters
    ----------
    share : float or array_like
        Share ``f`` of resources set aside, in [0, 1).

    Returns
    -------
    float or ndarray
        Delay in doublings (dimensionless); about ``share / ln 2`` for a small share.

    Examples
    --------
    Setting aside half costs exactly one doubling:

    >>> setaside_doublings(0.5)
    1.0
    """
    f = _scalar_or_array("share", share, *SHARE_RANGE, hi_open=True)
    # math.log1p element by element, not np.log1p: numpy's vectorised log1p can differ from the
    # scalar one in the last bit, and a frame row must equal the scalar model exactly.
    if isinstance(f, np.ndarray):
        return np.array([-math.log1p(-v) / _LN2 for v in f.tolist()], dtype=float)
    return -math.log1p(-f) / _LN2


def setaside_delay(share, doubling_time: float):
    """Delay before an economy that sets aside ``share`` of its resources reaches any size.

    An economy of usable size ``(1 - f) * 2**(t / T)`` reaches a target ``t_delay`` later than
    one of size ``2**(t / T)``, with ``t_delay = T * log2(1 / (1 - f))``.

    Parameters
    ----------
    share : float or array_like
        Share ``f`` of resources set aside, in [0, 1).
    doubling_time : float
        Doubling time ``T`` of the economy in seconds, in (0, 1e13].

    Returns
    -------
    float or ndarray
        Delay in seconds.

    Examples
    --------
    Sunlight on Earth for 8.2 billion people at today's average (share ≈ 1.13e-4) costs an
    economy that doubles yearly about an hour and a half:

    >>> share = resource_share(8.2e9, WORLD_AVERAGE_POWER_PER_PERSON_W, EARTH_INTERCEPTED_SUNLIGHT_W)
    >>> format_duration(setaside_delay(share, YEAR))
    '1.4 hours'
    """
    t = _check_doubling_time(doubling_time)
    return t * setaside_doublings(share)


def upkeep_relative_size(share, doubling_time: float, elapsed: float):
    """Size of an economy paying an upkeep share of output, relative to one that does not.

    Growth ``dY/dt = g (1 - f) Y`` instead of ``g Y``, with ``g = ln 2 / T``, so after ``t``
    the ratio is ``exp(-g f t) = 2**(-f t / T)``.

    Parameters
    ----------
    share : float or array_like
        Upkeep share ``f`` of output, in [0, 1).
    doubling_time : float
        Doubling time ``T`` of the unburdened economy in seconds, in (0, 1e13].
    elapsed : float
        Time ``t`` since the upkeep began, in seconds, in [0, 1e14].

    Returns
    -------
    float or ndarray
        Relative size in (0, 1] (it may underflow to 0.0 for an enormous ``f t / T``).

    Examples
    --------
    A 1% upkeep over 100 doubling times leaves the economy half as large:

    >>> upkeep_relative_size(0.01, YEAR, 100 * YEAR)
    0.5
    """
    f = _scalar_or_array("share", share, *SHARE_RANGE, hi_open=True)
    t_double = _check_doubling_time(doubling_time)
    t = check_number("elapsed", elapsed, *ELAPSED_RANGE)
    size = np.exp2(-f * t / t_double)
    return size if isinstance(f, np.ndarray) else float(size)


def upkeep_lag(share, elapsed: float):
    """How far behind an economy paying an upkeep share of output is: ``lag = f * t``.

    With growth rate ``g (1 - f)`` it is, at time ``t``, as large as the unburdened economy was at
    ``t (1 - f)``, whatever the doubling time.

    Parameters
    ----------
    share : float or array_like
        Upkeep share ``f`` of output, in [0, 1).
    elapsed : float
        Time ``t`` since the upkeep began, in seconds, in [0, 1e14].

    Returns
    -------
    float or ndarray
        Lag in seconds.

    Examples
    --------
    >>> format_duration(upkeep_lag(1e-4, 1000 * YEAR))
    '1.2 months'
    """
    f = _scalar_or_array("share", share, *SHARE_RANGE, hi_open=True)
    t = check_number("elapsed", elapsed, *ELAPSED_RANGE)
    return f * t


def survival_delay(population, power_per_person: float, base_power: float, doubling_time: float) -> float:
    """Delay from setting aside what keeps ``population`` people at ``power_per_person`` watts.

    ``T * log2(1 / (1 - s))`` with ``s = population * power_per_person / base_power``.

    Parameters
    ----------
    population : float
        Number of people, in [1, 1e15].
    power_per_person : float
        Power per person in watts, in [1e-3, 1e12].
    base_power : float
        The resource base in watts, in (0, 1e40]; the share must come out below 1.
    doubling_time : float
        Doubling time of the economy in seconds, in (0, 1e13].

    Returns
    -------
    float
        Delay in seconds.

    Examples
    --------
    Everyone at a rich 100 kW, out of the Sun's output, for an economy doubling yearly:

    >>> format_duration(survival_delay(8.2e9, 1e5, SUN_LUMINOSITY_W, YEAR))
    '98 microseconds'
    """
    s = resource_share(population, check_number("power_per_person", power_per_person,
                                                *POWER_PER_PERSON_RANGE), base_power)
    if s >= 1.0:
        raise ValueError(
            f"population * power_per_person must be below base_power (a share in [0, 1)), "
            f"got a share of {s:g}")
    return setaside_delay(s, doubling_time)


def _marker_rows(population, power_per_person, share_axis):
    """(base name, share) for each base whose share lies on the chart's f axis."""
    shares = resource_shares(population, power_per_person)
    return [(name, s) for name, s in shares.items() if share_axis[0] <= s <= share_axis[1]]


def setaside_delay_frame(doubling_time: float = YEAR, population: float = WORLD_POPULATION,
                         power_per_person: float = WORLD_AVERAGE_POWER_PER_PERSON_W,
                         points: int = 61) -> pd.DataFrame:
    """Tidy frame for the delay chart (delay against set-aside share, log axes).

    ``points`` rows of series "delay" over log-spaced shares across :data:`SHARE_AXIS`
    (1e-12 to 0.5), then one marker row per base of :data:`RESOURCE_BASES` whose share (model 1,
    at ``population`` and ``power_per_person``) lies on that axis; bases off the axis (e.g. the
    Sun's output, ~1e-15) or at a share >= 1 get no marker.

    Parameters
    ----------
    doubling_time : float
        Doubling time of the economy in seconds, in (0, 1e13] (slider one hour to 100 years).
    population : float
        Number of people, in [1, 1e15].
    power_per_person : float
        Power per person in watts, in [1e-3, 1e12].
    points : int
        Grid points on the curve, in [2, 200].

    Returns
    -------
    pandas.DataFrame
        Columns ``series`` ("delay" or a base name), ``share``, ``delay_doublings``,
        ``delay_seconds``, ``delay_label`` (the delay as :func:`format_duration` text).

    Examples
    --------
    >>> df = setaside_delay_frame(YEAR, 8.2e9, 100, points=5)
    >>> markers = df[df.series != "delay"]
    >>> markers.series.tolist(), markers.delay_label.tolist()
    (["today's world energy", 'sunlight on Earth'], ['3.2 weeks', '3.6 minutes'])
    """
    t = _check_doubling_time(doubling_time)
    n = _check_points(points)
    grid = np.geomspace(*SHARE_AXIS, n)
    markers = _marker_rows(population, power_per_person, SHARE_AXIS)
    shares = np.concatenate([grid, [s for _, s in markers]])
    df = pd.DataFrame({
        "series": ["delay"] * n + [name for name, _ in markers],
        "share": shares,
        "delay_doublings": setaside_doublings(shares),
    })
    df["delay_seconds"] = t * df["delay_doublings"]
    df["delay_label"] = [format_duration(x) for x in df["delay_seconds"]]
    return df


def upkeep_size_frame(doubling_time: float = YEAR, elapsed: float = 100 * YEAR,
                      population: float = WORLD_POPULATION,
                      power_per_person: float = WORLD_AVERAGE_POWER_PER_PERSON_W,
                      points: int = 61) -> pd.DataFrame:
    """Tidy frame for the upkeep chart (relative size after ``elapsed`` against upkeep share).

    ``points`` rows of series "relative size" over log-spaced shares across :data:`SHARE_AXIS`,
    then one marker row per base whose share (model 1) lies on that axis, as in
    :func:`setaside_delay_frame`.

    Parameters
    ----------
    doubling_time : float
        Doubling time of the unburdened economy in seconds, in (0, 1e13].
    elapsed : float
        Time since the upkeep began in seconds, in [0, 1e14] (slider one day to 1000 years).
    population : float
        Number of people, in [1, 1e15].
    power_per_person : float
        Power per person in watts, in [1e-3, 1e12].
    points : int
        Grid points on the curve, in [2, 200].

    Returns
    -------
    pandas.DataFrame
        Columns ``series`` ("relative size" or a base name), ``share``, ``relative_size``
        (``exp(-g f t)``), ``lag_seconds`` (``f t``), ``lag_label``.

    Examples
    --------
    >>> df = upkeep_size_frame(YEAR, 100 * YEAR, 8.2e9, 100, points=5)
    >>> df.loc[df.series == "sunlight on Earth", "relative_size"].round(6).tolist()
    [0.999673]
    """
    t_double = _check_doubling_time(doubling_time)
    t = check_number("elapsed", elapsed, *ELAPSED_RANGE)
    n = _check_points(points)
    grid = np.geomspace(*SHARE_AXIS, n)
    markers = _marker_rows(population, power_per_person, SHARE_AXIS)
    shares = np.concatenate([grid, [s for _, s in markers]])
    df = pd.DataFrame({
        "series": ["relative size"] * n + [name for name, _ in markers],
        "share": shares,
        "relative_size": upkeep_relative_size(shares, t_double, t),
        "lag_seconds": upkeep_lag(shares, t),
    })
    df["lag_label"] = [format_duration(x) for x in df["lag_seconds"]]
    return df


# --- Model 3: Earth is most of the early economy ---------------------------------------------


def earth_constraint_doublings(fraction):
    """Doublings lost by using only a fraction of Earth's resources: ``log2(1 / x)``.

    Parameters
    ----------
    fraction : float or array_like
        Fraction ``x`` of Earth's resources industry may use before it has expanded beyond
        Earth, in (0, 1]; 1 means no constraint.

    Returns
    -------
    float or ndarray
        Delay in doublings (dimensionless).

    Examples
    --------
    Using a thousandth of Earth puts industry about ten doublings behind:

    >>> round(earth_constraint_doublings(1e-3), 2)
    9.97
    """
    x = _scalar_or_array("fraction", fraction, *FRACTION_RANGE, lo_open=True)
    # 0.0 - ..., not -..., so that x = 1 gives 0.0 rather than -0.0
    # math.log2 element by element, as for scalars (numpy's vectorised log2 can differ in the last bit)
    if isinstance(x, np.ndarray):
        return np.array([0.0 - math.log2(v) for v in x.tolist()], dtype=float)
    return 0.0 - math.log2(x)


def earth_constraint_delay(fraction, doubling_time: float):
    """Delay from keeping Earth habitable: ``T * log2(1 / x)``.

    An industry confined to a fraction ``x`` of Earth starts ``x`` times as large as an
    unconfined one and, doubling every ``T`` all the same, reaches any size ``T * log2(1 / x)``
    later.

    Parameters
    ----------
    fraction : float or array_like
        Usable fraction ``x`` of Earth's resources, in (0, 1].
    doubling_time : float
        Doubling time ``T`` of the early economy in seconds, in (0, 1e13].

    Returns
    -------
    float or ndarray
        Delay in seconds.

    Examples
    --------
    With 1% of Earth usable, the cost is days if industry doubles daily and years if yearly:

    >>> format_duration(earth_constraint_delay(0.01, DAY))
    '6.6 days'
    >>> format_duration(earth_constraint_delay(0.01, YEAR))
    '6.6 years'
    """
    t = _check_doubling_time(doubling_time)
    return t * earth_constraint_doublings(fraction)


def earth_delay_frame(fraction: float = 0.01, doubling_time: float = YEAR,
                      points: int = 61) -> pd.DataFrame:
    """Tidy frame for the Earth-constraint chart (delay against usable fraction, log axes).

    ``points`` rows of series "delay" over log-spaced fractions across :data:`FRACTION_SLIDER`
    (1e-12 to 1; the last point, x = 1, has zero delay), then one "chosen" row at ``fraction``.

    Parameters
    ----------
    fraction : float
        The chosen usable fraction of Earth, in (0, 1].
    doubling_time : float
        Doubling time of the early economy in seconds, in (0, 1e13].
    points : int
        Grid points on the curve, in [2, 200].

    Returns
    -------
    pandas.DataFrame
        Columns ``series`` ("delay" or "chosen"), ``fraction``, ``delay_doublings``,
        ``delay_seconds``, ``delay_label``.

    Examples
    --------
    >>> df = earth_delay_frame(0.01, YEAR, points=3)
    >>> df.fraction.tolist()
    [1e-12, 1e-06, 1.0, 0.01]
    >>> df.delay_label.tolist()
    ['40 years', '20 years', '0 seconds', '6.6 years']
    """
    t = _check_doubling_time(doubling_time)
    n = _check_points(points)
    x = check_number("fraction", fraction, *FRACTION_RANGE, lo_open=True)
    fractions = np.concatenate([np.geomspace(*FRACTION_SLIDER, n), [x]])
    df = pd.DataFrame({
        "series": ["delay"] * n + ["chosen"],
        "fraction": fractions,
        "delay_doublings": earth_constraint_doublings(fractions),
    })
    df["delay_seconds"] = t * df["delay_doublings"]
    df["delay_label"] = [format_duration(s) for s in df["delay_seconds"]]
    return df


EARTH_MAP_FRACTIONS = tuple(10.0 ** -k for k in range(1, 13))  # 0.1 down to 1e-12
EARTH_MAP_DOUBLING_TIMES = {  # label -> seconds
    "1 hour": HOUR, "1 day": DAY, "1 week": WEEK, "1 month": MONTH, "1 year": YEAR, "10 years": 10 * YEAR,
}


def earth_delay_map_frame() -> pd.DataFrame:
    """Tidy frame for a table or heat map: the Earth-constraint delay on a grid of ``x`` and ``T``.

    One row per pair of :data:`EARTH_MAP_FRACTIONS` (0.1 down to 1e-12) and
    :data:`EARTH_MAP_DOUBLING_TIMES` (one hour to ten years), doubling times outermost: 72 rows.
    It shows at a glance when the cost is hours and when it is years.

    Returns
    -------
    pandas.DataFrame
        Columns ``doubling_time_label``, ``doubling_time_seconds``, ``fraction``,
        ``delay_doublings``, ``delay_seconds``, ``delay_label``, ``delay_unit`` (the unit the
        label uses, e.g. "days").

    Examples
    --------
    >>> df = earth_delay_map_frame()
    >>> df.shape
    (72, 7)
    >>> df.query("doubling_time_label == '1 day' and fraction == 1e-3").delay_label.item()
    '1.4 weeks'
    """
    rows = []
    for label, t in EARTH_MAP_DOUBLING_TIMES.items():
        for x in EARTH_MAP_FRACTIONS:
            delay = earth_constraint_delay(x, t)
            text = format_duration(delay)
            rows.append((label, t, x, earth_constraint_doublings(x), delay, text,
                         text.split(" ", 1)[1]))
    return pd.DataFrame(rows, columns=["doubling_time_label", "doubling_time_seconds", "fraction",
                                       "delay_doublings", "delay_seconds", "delay_label", "delay_unit"])


# --- Model 4: when the cap binds, and what off-Earth industry does after ----------------------


def cap_binds_doublings(fraction):
    """Doublings from today's economy until it fills the usable fraction ``x`` of Earth.

    ``n1 = log2(x E / P0)``, with ``E`` the sunlight Earth intercepts and ``P0`` today's world
    primary power: until then the cap does not bind and costs nothing.

    Parameters
    ----------
    fraction : float
        Usable fraction ``x`` of Earth, in [P0 / E, 1] (≈ [1.13e-4, 1]): a cap below today's
        economy would bind today, which this model does not cover.

    Returns
    -------
    float
        Doublings of today's economy before the cap binds (0 at ``x = P0 / E``).

    Examples
    --------
    The waste-heat limit (≈ 0.8% of Earth's sunlight) binds after about six doublings:

    >>> round(cap_binds_doublings(WASTE_HEAT_FRACTION), 2)
    6.14
    """
    x = check_number("fraction", fraction, *TWO_PHASE_FRACTION_RANGE)
    return max(0.0, DOUBLINGS_TO_EARTH + math.log2(x))


def two_phase_lag_doublings(elapsed_doublings: float, fraction: float, seed: float,
                            offworld_ratio: float = 1.0) -> float:
    """Lag, in doubling times ``T``, of an economy capped at ``x`` of Earth behind one that is not.

    Time ``u = t / T`` runs from today, when both economies are today's. The unconfined rival
    doubles every ``T`` throughout. The confined economy does the same until the cap binds at
    ``n1 = log2(x E / P0)``; after that it grows the better of two ways:

    * **waiting** (the bound): it stays at ``x E`` until the rival has filled Earth, at
      ``n1 + b`` with ``b = log2(1 / x)``, then expands off Earth from ``x E`` at the rival's pace.
      Its lag is ``clip(u - n1, 0, b)``: never more than ``b``.
    * **seeding**: when the cap binds, a seed of ``seed * x E`` goes off Earth and doubles every
      ``k T`` (``k = offworld_ratio``), on top of the capped ``x E``. With ``v = u - n1`` its lag is
      ``v - log2(1 + seed (2**(v / k) - 1))``; for ``k = 1`` it tends to ``log2(1 / seed)``,
      whatever ``x``.

    The lag is the smaller of the two: the confined economy at ``u`` is as large as the rival was
    ``lag`` doubling times earlier.

    Parameters
    ----------
    elapsed_doublings : float
        Time since today in doubling times ``T``, in [0, 1e6].
    fraction : float
        Usable fraction ``x`` of Earth, in [P0 / E, 1].
    seed : float
        Seed off Earth as a share of the capped economy, in [0, 1]; 0 means no seed.
    offworld_ratio : float
        Off-Earth doubling time as a multiple ``k`` of ``T``, in [1, 100].

    Returns
    -------
    float
        Lag in doubling times ``T`` (>= 0, at most ``log2(1 / x)``).

    Examples
    --------
    Without a seed the lag reaches the bound, log2(1/x) doubling times, once the rival fills Earth:

    >>> round(two_phase_lag_doublings(30, 0.01, 0.0), 3), round(math.log2(100), 3)
    (6.644, 6.644)

    A seed of a thousandth, doubling as fast as industry on Earth, costs about ten doublings in the
    long run, whatever the fraction; with 1% of Earth usable the bound (6.6) binds first:

    >>> round(two_phase_lag_doublings(60, 1e-4 * 4, 1e-3), 2), round(two_phase_lag_doublings(60, 0.01, 1e-3), 2)
    (9.97, 6.64)
    """
    u = check_number("elapsed_doublings", elapsed_doublings, 0.0, 1e6)
    n1 = cap_binds_doublings(fraction)
    s = check_number("seed", seed, *SEED_RANGE)
    k = check_number("offworld_ratio", offworld_ratio, *OFFWORLD_RATIO_RANGE)
    bound = 0.0 - math.log2(fraction)
    v = u - n1
    if v <= 0.0:
        return 0.0
    waiting = min(v, bound)
    # log2(1 + s (2**(v/k) - 1)), written so that a huge v cannot overflow
    w = v / k
    if w > 60.0:
        grown = w + math.log2(s + (1.0 - s) * 2.0**-w) if s > 0.0 else 0.0
    else:
        grown = math.log2(1.0 + s * math.expm1(w * _LN2))
    return max(0.0, min(waiting, v - grown))


def two_phase_lag(elapsed: float, fraction: float, doubling_time: float, seed: float,
                  offworld_ratio: float = 1.0) -> float:
    """Lag in seconds: ``T`` times :func:`two_phase_lag_doublings` at ``u = elapsed / T``.

    Parameters
    ----------
    elapsed : float
        Time since today in seconds, in [0, 1e14].
    fraction : float
        Usable fraction ``x`` of Earth, in [P0 / E, 1].
    doubling_time : float
        Doubling time ``T`` of industry on Earth in seconds, in (0, 1e13].
    seed : float
        Seed off Earth as a share of the capped economy, in [0, 1].
    offworld_ratio : float
        Off-Earth doubling time as a multiple of ``T``, in [1, 100].

    Returns
    -------
    float
        Lag in seconds, never more than ``T log2(1 / x)`` (:func:`earth_constraint_delay`).

    Examples
    --------
    >>> format_duration(two_phase_lag(40 * YEAR, 0.01, YEAR, 0.0))
    '6.6 years'
    """
    t = check_number("elapsed", elapsed, *ELAPSED_RANGE)
    t_double = _check_doubling_time(doubling_time)
    return t_double * two_phase_lag_doublings(t / t_double, fraction, seed, offworld_ratio)


def earth_bound_summary(fraction: float, doubling_time_days: float) -> dict[str, float]:
    """The crux of the Earth objection: the longest possible delay ``T log2(1 / x)``, in years.

    The claim's model: the two-phase lag of :func:`two_phase_lag` never exceeds this bound,
    whatever the seed and the off-Earth doubling time, and reaches it without a seed.

    Parameters
    ----------
    fraction : float
        Usable fraction ``x`` of Earth, in (0, 1].
    doubling_time_days : float
        Doubling time ``T`` of industry on Earth in days, in (0, 1.16e8].

    Returns
    -------
    dict
        ``bound_years`` (the delay in Julian years) and ``doublings`` (``log2(1 / x)``).

    Examples
    --------
    >>> {k: round(v, 2) for k, v in earth_bound_summary(0.01, 365.25).items()}
    {'bound_years': 6.64, 'doublings': 6.64}
    """
    days = check_number("doubling_time_days", doubling_time_days,
                        DOUBLING_TIME_RANGE[0] / DAY, DOUBLING_TIME_RANGE[1] / DAY, lo_open=True)
    doublings = earth_constraint_doublings(fraction)
    return {"bound_years": days * DAY * doublings / YEAR, "doublings": doublings}


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
