"""The three models chained: penalty, then compute bottleneck, then experiment loop (lines 12-18).

AutomatedCorp starts from NormalCorp's research speed, 1. Its AIs think ``s = 50`` times as fast
and are ``n = 50`` times as numerous, so with a parallelization exponent lambda its
*labor-equivalent* speed is ``s * n ** lambda`` (239 at lambda = 0.4): what it would research if
compute never bound. The premise of "Slow corporations" is that the companies have the same
cumulative compute, so research compute stays at NormalCorp's, ``K = 1``, and the computers are
today's, ``c = 1``. Two stages then take their toll:

* **compute binds**: labor and compute combine with constant elasticity of substitution
  (:func:`~.bottleneck.research_output`), ``Y = CES(s * n ** lambda, K; sigma, alpha)``;
* **the loop waits on experiments**: a share ``w`` of each turn of the research loop waits on
  experiments that today's computers run no faster, so the AIs' serial speed ``s`` turns the loop
  only ``S = 1 / (w / c + (1 - w) / s)`` times as fast (:func:`~.loop.loop_speedup`), and the labor
  entering the CES is ``S * n ** lambda``: ``total = CES(S * n ** lambda, K; sigma, alpha)``.

The total does not depend on the order in which the stages are told; how it is shared among them
does. Each stage's factor is the ratio of the speed after it to the speed before it, so the factors
multiply to the total exactly.
"""
from __future__ import annotations

import math
from typing import NamedTuple

import pandas as pd

from essays.checks import check_number

from .bottleneck import COMPUTE_RANGE, LABOR_SHARE_RANGE, SUBSTITUTION_RANGE, research_output
from .corporations import AUTOMATEDCORP
from .loop import EXPERIMENT_SHARE_RANGE, LOOP_SPEEDUP_RANGE, loop_speedup
from .penalty import EXPONENT_RANGE

STAGES = ("NormalCorp", "50× speed", "50× copies", "compute binds", "loop waits", "AutomatedCorp")


class ChainStages(NamedTuple):
    """Research speed of AutomatedCorp after each stage, as multiples of NormalCorp's."""

    serial_speed: float  # s: the AIs' serial speed alone
    labor_equivalent: float  # s * n ** lambda: penalty only, compute never binds (239 at 0.4)
    after_compute: float  # CES(s * n ** lambda, K): compute binds
    total: float  # CES(S * n ** lambda, K): the loop waits on experiments too
    copies_factor: float  # n ** lambda
    compute_factor: float  # after_compute / labor_equivalent
    loop_factor: float  # total / after_compute
    loop_turn_speedup: float  # S, how much faster the loop turns on these computers


def chain_stages(ai_exponent: float = 0.4, substitution_elasticity: float = 0.5,
                 labor_share: float = 0.5, experiment_share: float = 0.5, compute: float = 1.0,
                 compute_speedup: float = 1.0) -> ChainStages:
    """AutomatedCorp's research speed after the penalty, the compute bottleneck and the loop.

    ``labor_equivalent = s * n ** lambda``; ``after_compute = CES(labor_equivalent, K)``;
    ``total = CES(S * n ** lambda, K)`` with ``S = 1 / (w / c + (1 - w) / s)``; ``s = n = 50``
    (AutomatedCorp's). The stage factors multiply to the total:
    ``s * copies_factor * compute_factor * loop_factor == total``.

    Parameters
    ----------
    ai_exponent : float
        Parallelization exponent lambda of AutomatedCorp's AIs, in [0, 1].
    substitution_elasticity : float
        sigma between research labor and compute, in [0, 10].
    labor_share : float
        alpha, labor's share of research, in (0, 1).
    experiment_share : float
        w, share of today's loop spent waiting on experiments, in [0, 1].
    compute : float
        K, research compute as a multiple of NormalCorp's, in [1e-6, 1e12]; 1 is the post's
        premise (same cumulative compute).
    compute_speedup : float
        c, the computers' serial speedup, in [1e-6, 1e30]; 1 is today's computers.

    Returns
    -------
    ChainStages

    Examples
    --------
    >>> r = chain_stages()  # lambda = 0.4, sigma = alpha = w = 0.5, K = c = 1
    >>> round(r.labor_equivalent, 1), round(r.after_compute, 3), round(r.total, 3)
    (239.1, 1.992, 1.807)
    >>> no_waiting = chain_stages(experiment_share=0.0)
    >>> round(no_waiting.total, 3) == round(r.after_compute, 3)
    True
    """
    lam = check_number("ai_exponent", ai_exponent, *EXPONENT_RANGE)
    sigma = check_number("substitution_elasticity", substitution_elasticity,
                         *SUBSTITUTION_RANGE)
    alpha = check_number("labor_share", labor_share, *LABOR_SHARE_RANGE,
                         lo_open=True, hi_open=True)
    w = check_number("experiment_share", experiment_share, *EXPERIMENT_SHARE_RANGE)
    k = check_number("compute", compute, *COMPUTE_RANGE)
    c = check_number("compute_speedup", compute_speedup, *LOOP_SPEEDUP_RANGE)
    s, copies = AUTOMATEDCORP.serial_speed, AUTOMATEDCORP.workforce ** lam
    labor = s * copies
    after_compute = research_output(labor, k, sigma, alpha)
    turn = loop_speedup(c, s, w)
    total = research_output(turn * copies, k, sigma, alpha)
    return ChainStages(s, labor, after_compute, total, copies, after_compute / labor,
                       total / after_compute, turn)


def chain_summary(ai_exponent: float = 0.4, substitution_elasticity: float = 0.5,
                  experiment_share: float = 0.5) -> dict[str, float]:
    """The chained figure's claim quantity: AutomatedCorp's ``total`` speed at alpha = 0.5, K = c = 1.

    A thin, fast wrapper of :func:`chain_stages` over the figure's three sliders.

    Examples
    --------
    >>> round(chain_summary(0.4, 1.0, 0.0)["total"], 2)  # Cobb-Douglas, nothing waits: 239 ** 0.5
    15.46
    """
    r = chain_stages(ai_exponent, substitution_elasticity, 0.5, experiment_share)
    return {"total": r.total, "labor_equivalent": r.labor_equivalent}


def chain_frame(ai_exponent: float = 0.4, substitution_elasticity: float = 0.5,
                experiment_share: float = 0.5, labor_share: float = 0.5) -> pd.DataFrame:
    """Tidy frame for the waterfall: one row per stage with the speed before and after it.

    Rows, in order of :data:`STAGES`: "NormalCorp" (1 to 1), "50× speed" (1 to s), "50× copies"
    (s to the labor-equivalent speed), "compute binds" (to ``after_compute``), "loop waits" (to
    ``total``) and "AutomatedCorp" (1 to ``total``). Columns: ``stage`` (its index), ``name``,
    ``before``, ``after``, ``factor`` (``after / before``).

    Examples
    --------
    >>> df = chain_frame()
    >>> df.name.tolist()[-1], bool(abs(df.factor.iloc[1:5].prod() / df.after.iloc[-1] - 1) < 1e-12)
    ('AutomatedCorp', True)
    """
    r = chain_stages(ai_exponent, substitution_elasticity, labor_share, experiment_share)
    steps = [(1.0, 1.0), (1.0, r.serial_speed), (r.serial_speed, r.labor_equivalent),
             (r.labor_equivalent, r.after_compute), (r.after_compute, r.total), (1.0, r.total)]
    df = pd.DataFrame({"stage": range(len(STAGES)), "name": STAGES,
                       "before": [b for b, _ in steps], "after": [a for _, a in steps]})
    df["factor"] = df["after"] / df["before"]
    return df


def single_exponent_equivalent(speed: float = 50.0, workers: float = 50.0, exponent: float = 0.4) -> float:
    """The one exponent applied to speed and copies alike that gives ``speed * workers ** exponent``.

    The quoted split counts serial speed fully and extra copies at ``exponent``; the takeoff models'
    convention applies one exponent to the whole labor input, ``(speed * workers) ** lambda``.
    The two agree at ``lambda = log(speed * workers ** exponent) / log(speed * workers)``, which for
    ``speed = workers`` is ``(1 + exponent) / 2``.

    Parameters
    ----------
    speed, workers : float
        Serial speed and workforce as multiples of today's, each in (1, 1e6].
    exponent : float
        The exponent of the copies, in [0, 1].

    Returns
    -------
    float
        The single exponent.

    Examples
    --------
    >>> round(single_exponent_equivalent(50, 50, 0.4), 12)
    0.7
    """
    s = check_number("speed", speed, 1.0, 1e6, lo_open=True)
    n = check_number("workers", workers, 1.0, 1e6, lo_open=True)
    lam = check_number("exponent", exponent, *EXPONENT_RANGE)
    return (math.log(s) + lam * math.log(n)) / (math.log(s) + math.log(n))
