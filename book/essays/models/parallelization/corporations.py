"""The three corporations of "Slow corporations as an intuition pump for AI R&D automation" (lines 14-16)."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from essays.checks import check_number

from .penalty import EXPONENT_RANGE, SPEED_RANGE, _check_points

# ------------------------------------------------------------------------------------------------
# Three corporations (source lines 14-16)
# ------------------------------------------------------------------------------------------------

WORKFORCE_RANGE = (1e-3, 1e6)  # multiple of NormalCorp's workforce (SlowCorp's 1/5 is below 1)


class Corporation(NamedTuple):
    """A hypothetical AI company of "Slow corporations as an intuition pump" (Greenblatt 2025)."""

    name: str
    serial_speed: float  # multiple of NormalCorp's serial speed (its serial time per calendar time)
    workforce: float  # multiple of NormalCorp's number of researchers
    ai_workers: bool  # True if its workers are AIs (they take the AI exponent)


NORMALCORP = Corporation("NormalCorp", 1.0, 1.0, False)
SLOWCORP = Corporation("SlowCorp", 1 / 50, 1 / 5, False)
AUTOMATEDCORP = Corporation("AutomatedCorp", 50.0, 50.0, True)
CORPORATIONS: tuple[Corporation, ...] = (NORMALCORP, SLOWCORP, AUTOMATEDCORP)


def corporation_speed(serial_speed: float, workforce: float, exponent: float) -> float:
    """Labor-equivalent research speed of a company relative to NormalCorp.

    ``speed = serial_speed * workforce ** exponent``: every worker thinks ``serial_speed`` times
    as fast, and ``workforce`` times as many workers do the work of ``workforce ** exponent``
    times as many. Unlike :func:`labor_equivalent_speedup` the workforce may be smaller than
    NormalCorp's (SlowCorp's is 1/5).

    Parameters
    ----------
    serial_speed : float
        Serial speed as a multiple of NormalCorp's, in [1e-3, 1e6].
    workforce : float
        Number of workers as a multiple of NormalCorp's, in [1e-3, 1e6].
    exponent : float
        Parallelization exponent lambda in [0, 1].

    Returns
    -------
    float
        Research speed as a multiple of NormalCorp's.

    Examples
    --------
    SlowCorp, 50x less serial time and a 5x smaller workforce, at lambda = 0.4:

    >>> round(1 / corporation_speed(1 / 50, 1 / 5, 0.4))
    95
    """
    s = check_number("serial_speed", serial_speed, *SPEED_RANGE)
    n = check_number("workforce", workforce, *WORKFORCE_RANGE)
    lam = check_number("exponent", exponent, *EXPONENT_RANGE)
    return s * n ** lam


def corporation_speeds(human_exponent: float = 0.4,
                       ai_exponent: float = 0.4) -> dict[str, float]:
    """Research speed of NormalCorp, SlowCorp and AutomatedCorp relative to NormalCorp.

    NormalCorp and SlowCorp employ humans and take ``human_exponent``; AutomatedCorp's AIs take
    ``ai_exponent``, since AIs "might be notably better at coordinating than humans are"
    (source line 14). The companies are those of Greenblatt & Lifland, "Slow corporations as an
    intuition pump for AI R&D automation" (2025): SlowCorp has 50x less serial time and a 5x
    smaller workforce, AutomatedCorp's AIs are 50x faster and 50x more numerous. SlowCorp's
    lower labor quality in that post is not modelled.

    Parameters
    ----------
    human_exponent : float
        Parallelization exponent of human workers, in [0, 1].
    ai_exponent : float
        Parallelization exponent of AI workers, in [0, 1].

    Returns
    -------
    dict
        Company name -> research speed as a multiple of NormalCorp's, in the order of
        :data:`CORPORATIONS`.

    Examples
    --------
    >>> {name: round(speed, 4) for name, speed in corporation_speeds(0.4, 0.4).items()}
    {'NormalCorp': 1.0, 'SlowCorp': 0.0105, 'AutomatedCorp': 239.0881}
    """
    lam_h = check_number("human_exponent", human_exponent, *EXPONENT_RANGE)
    lam_ai = check_number("ai_exponent", ai_exponent, *EXPONENT_RANGE)
    return {c.name: corporation_speed(c.serial_speed, c.workforce,
                                      lam_ai if c.ai_workers else lam_h)
            for c in CORPORATIONS}


def slowcorp_speed(human_exponent: float = 0.4) -> float:
    """SlowCorp's research speed relative to NormalCorp: ``(1/50) * (1/5) ** human_exponent``.

    Parameters
    ----------
    human_exponent : float
        Parallelization exponent of SlowCorp's human workers, in [0, 1].

    Returns
    -------
    float
        Research speed as a multiple of NormalCorp's.

    Examples
    --------
    >>> round(1 / slowcorp_speed(0.4), 1)  # SlowCorp works at about 1/95 of NormalCorp's speed
    95.2
    """
    lam = check_number("human_exponent", human_exponent, *EXPONENT_RANGE)
    return corporation_speed(SLOWCORP.serial_speed, SLOWCORP.workforce, lam)


def automatedcorp_speed(ai_exponent: float = 0.4) -> float:
    """AutomatedCorp's research speed relative to NormalCorp: ``50 * 50 ** ai_exponent``.

    Parameters
    ----------
    ai_exponent : float
        Parallelization exponent of AutomatedCorp's AI workers, in [0, 1].

    Returns
    -------
    float
        Research speed as a multiple of NormalCorp's.

    Examples
    --------
    >>> round(automatedcorp_speed(0.4))
    239
    >>> round(automatedcorp_speed(1.0))  # no parallelization penalty among the AIs
    2500
    """
    lam = check_number("ai_exponent", ai_exponent, *EXPONENT_RANGE)
    return corporation_speed(AUTOMATEDCORP.serial_speed, AUTOMATEDCORP.workforce, lam)


def corporations_frame(human_exponent: float = 0.4, ai_exponent: float = 0.4,
                       points: int = 21) -> pd.DataFrame:
    """Tidy frame for the three-corporations figure (speeds on a log scale against lambda).

    For each company (``series``) it holds ``points`` rows of ``kind`` "curve", its speed at
    evenly spaced exponents from 0 to 1, then one row of ``kind`` "chosen" at the exponent its
    workers take (``human_exponent`` for NormalCorp and SlowCorp, ``ai_exponent`` for
    AutomatedCorp). Speeds follow :func:`corporation_speed`.

    Columns: ``series`` (company), ``kind`` ("curve" or "chosen"), ``workers`` ("human" or "AI"),
    ``serial_speed``, ``workforce`` (multiples of NormalCorp's), ``exponent`` and ``speed``
    (multiple of NormalCorp's research speed).

    Examples
    --------
    >>> df = corporations_frame(0.4, 0.4)
    >>> df[df.kind == "chosen"][["series", "speed"]].round(4).to_string(index=False)
    '       series    speed\\n   NormalCorp   1.0000\\n     SlowCorp   0.0105\\nAutomatedCorp 239.0881'
    """
    lam_h = check_number("human_exponent", human_exponent, *EXPONENT_RANGE)
    lam_ai = check_number("ai_exponent", ai_exponent, *EXPONENT_RANGE)
    grid = np.linspace(0.0, 1.0, _check_points(points))
    rows = []
    for c in CORPORATIONS:
        chosen = lam_ai if c.ai_workers else lam_h
        for kind, lam in [("curve", x) for x in grid] + [("chosen", chosen)]:
            rows.append({"series": c.name, "kind": kind, "workers": "AI" if c.ai_workers else "human",
                         "serial_speed": c.serial_speed, "workforce": c.workforce,
                         "exponent": float(lam), "speed": c.serial_speed * c.workforce ** float(lam)})
    return pd.DataFrame(rows)

