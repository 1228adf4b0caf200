"""Model 1: the share of a resource base that keeps a population at a power per person.
"""
from __future__ import annotations


import numpy as np
import pandas as pd

from essays.checks import check_number

from essays.models.survival.constants import *  # noqa: F401,F403 (units, constants, ranges)
from essays.models.survival.constants import _LN2, _check_doubling_time, _check_points, _scalar_or_array  # noqa: F401


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
