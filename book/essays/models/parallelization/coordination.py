"""A toy model of coordination (source line 14): Brooks's channels, with AIs that talk more cheaply.

A team of ``n`` members has ``n (n - 1) / 2`` pairs who may need to talk (Brooks 1975). If every
such channel costs ``k`` member-equivalents of work, the team does the work of

    E(n) = n - k n (n - 1) / 2

members. Growing a team ``m``-fold, from ``b`` to ``m b`` members, multiplies its work by
``E(m b) / E(b)``, which is ``m ** lambda`` for the *effective exponent*

    lambda = log(E(m b) / E(b)) / log(m).

At ``k = 0`` there is no penalty (lambda = 1). The model is calibrated to people: the human
channel cost is the one at which human teams grown 50-fold have the chosen human exponent (0.4 by
default, the source's), and AIs pay ``ratio`` times the human cost per channel. Neither the base
team of :data:`BASE_TEAM` nor the cost ratio comes from the source: both are assumptions.
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pandas as pd

from essays.checks import check_integer, check_number

from .corporations import AUTOMATEDCORP
from .penalty import EXPONENT_RANGE

BASE_TEAM = 10  # members of today's team (an assumption of the toy)
SCALE = 50  # AutomatedCorp's workforce multiple
COST_RATIO_RANGE = (0.0, 1.0)  # AI channel cost / human channel cost


def team_output(members: float, channel_cost: float) -> float:
    """Work of a team of ``members`` when each of its ``n (n - 1) / 2`` channels costs ``channel_cost``.

    ``E(n) = n - channel_cost * n * (n - 1) / 2``, in member-equivalents. Raises ``ValueError``
    where the channels would eat the whole team's work (``E <= 0``: Brooks's late project).

    Parameters
    ----------
    members : float
        n, in [1, 1e6].
    channel_cost : float
        k, member-equivalents of work per channel, in [0, 1].

    Returns
    -------
    float

    Examples
    --------
    >>> team_output(10, 0.0), team_output(10, 0.1)
    (10.0, 5.5)
    """
    n = check_number("members", members, 1.0, 1e6)
    k = check_number("channel_cost", channel_cost, 0.0, 1.0)
    out = n - k * n * (n - 1.0) / 2.0
    if out <= 0.0:
        raise ValueError(f"channel_cost {k!r} leaves a team of {n!r} members no work (E = {out:.3g}); "
                         f"use channel_cost below {2.0 / (n - 1.0) if n > 1 else 1.0:.3g}")
    return out


def effective_exponent(channel_cost: float, base_team: int = BASE_TEAM, scale: float = SCALE) -> float:
    """The exponent lambda with ``E(scale * b) / E(b) = scale ** lambda``.

    Parameters
    ----------
    channel_cost : float
        k in [0, 1], small enough that the grown team still does some work.
    base_team : int
        b, members of today's team, in [1, 1000].
    scale : float
        m, how many times larger the grown team is, in (1, 1e4].

    Returns
    -------
    float
        lambda; 1 at zero cost.

    Examples
    --------
    >>> effective_exponent(0.0)
    1.0
    """
    b = check_integer("base_team", base_team, 1, 1000)
    m = check_number("scale", scale, 1.0, 1e4, lo_open=True)
    return math.log(team_output(m * b, channel_cost) / team_output(b, channel_cost)) / math.log(m)


def calibrated_channel_cost(exponent: float, base_team: int = BASE_TEAM, scale: float = SCALE) -> float:
    """The channel cost at which a team grown ``scale``-fold has effective exponent ``exponent``.

    Solving ``m b - k m b (m b - 1) / 2 = m ** lambda (b - k b (b - 1) / 2)`` for ``k``:

        k = (m b - m ** lambda b) / (m b (m b - 1) / 2 - m ** lambda b (b - 1) / 2).

    Parameters
    ----------
    exponent : float
        lambda in [0, 1].
    base_team : int
        b in [1, 1000].
    scale : float
        m in (1, 1e4].

    Returns
    -------
    float

    Examples
    --------
    >>> round(effective_exponent(calibrated_channel_cost(0.4)), 12)
    0.4
    """
    lam = check_number("exponent", exponent, *EXPONENT_RANGE)
    b = check_integer("base_team", base_team, 1, 1000)
    m = check_number("scale", scale, 1.0, 1e4, lo_open=True)
    grown, gain = m * b, m ** lam
    return (grown - gain * b) / (grown * (grown - 1.0) / 2.0 - gain * b * (b - 1.0) / 2.0)


class Coordination(NamedTuple):
    human_cost: float  # channel cost of people (member-equivalents per channel)
    ai_cost: float  # ratio * human_cost
    ai_exponent: float  # effective exponent of AI teams grown 50-fold
    automatedcorp: float  # 50 * 50 ** ai_exponent, labor-equivalent (x NormalCorp)


def coordination_summary(human_exponent: float = 0.4, cost_ratio: float = 1.0) -> Coordination:
    """AutomatedCorp's labor-equivalent speed when its AIs pay ``cost_ratio`` times the human
    channel cost.

    Examples
    --------
    >>> r = coordination_summary(0.4, 1.0)  # AIs coordinate no better than people
    >>> round(r.ai_exponent, 6), round(r.automatedcorp)
    (0.4, 239)
    >>> round(coordination_summary(0.4, 0.0).automatedcorp)  # free channels: no penalty
    2500
    """
    lam_h = check_number("human_exponent", human_exponent, *EXPONENT_RANGE)  # by its own name
    ratio = check_number("cost_ratio", cost_ratio, *COST_RATIO_RANGE)
    human = calibrated_channel_cost(lam_h)
    lam = effective_exponent(ratio * human)
    return Coordination(human, ratio * human, lam,
                        AUTOMATEDCORP.serial_speed * AUTOMATEDCORP.workforce ** lam)


def coordination_frame(human_exponent: float = 0.4, cost_ratio: float = 1.0, points: int = 41) -> pd.DataFrame:
    """Tidy frame: AutomatedCorp's speed and the AI exponent over cost ratios 0 to 1, chosen row last.

    Columns: ``series`` ("curve" or "chosen"), ``cost_ratio``, ``ai_exponent``, ``automatedcorp``.

    Examples
    --------
    >>> df = coordination_frame(0.4, 0.5)
    >>> len(df), df.series.iloc[-1]
    (42, 'chosen')
    """
    check_number("human_exponent", human_exponent, *EXPONENT_RANGE)
    check_number("cost_ratio", cost_ratio, *COST_RATIO_RANGE)
    grid = np.linspace(0.0, 1.0, check_integer("points", points, 2, 201))
    rows = [("curve", float(x), *coordination_summary(human_exponent, float(x))[2:]) for x in grid]
    rows.append(("chosen", float(cost_ratio), *coordination_summary(human_exponent, cost_ratio)[2:]))
    return pd.DataFrame(rows, columns=["series", "cost_ratio", "ai_exponent", "automatedcorp"])
