"""The parallelization penalty and the bottlenecks beside it (source lines 12-18).

With a parallelization exponent lambda, ``n`` times as many workers do the work of
``n ** lambda`` times as many: ``effective_labor(n, lambda) = n ** lambda``. At lambda = 1 there is
no penalty; the source takes lambda = 0.4 as "around the harshest penalty I've heard of".

AutomatedCorp's workers are ``speed`` times faster and ``workers`` times as numerous, so its
labor-equivalent research speed relative to today is ``speed * workers ** lambda``.

Beyond the penalty, the file holds the chapter's other models, one section each:

* published exponents for the comparison table (:data:`PUBLISHED_EXPONENTS`);
* the three corporations of "Slow corporations as an intuition pump for AI R&D automation",
  with separate exponents for human and AI workers (lines 14-16);
* compute bottlenecks (line 17): labor and compute as CES inputs to research, and experiments
  too small, relative to the frontier run, to teach anything;
* the experiment loop (line 18): Amdahl's law for serially faster computers and researchers.
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pandas as pd

from essays.checks import check_array, check_integer, check_number

EXPONENT_RANGE = (0.0, 1.0)  # lambda; 0 = extra workers add nothing, 1 = no penalty
WORKERS_RANGE = (1.0, 1e6)  # multiple of today's workforce
SPEED_RANGE = (1e-3, 1e6)  # multiple of today's serial speed


def effective_labor(workers, exponent: float):
    """Labor-equivalent output of ``workers`` times as many workers: ``workers ** exponent``.

    Parameters
    ----------
    workers : float or array_like
        Workforce as a multiple of today's, in [1, 1e6].
    exponent : float
        Parallelization exponent lambda in [0, 1]; 1 means no penalty.

    Returns
    -------
    float or ndarray
        Effective labor as a multiple of today's.

    Examples
    --------
    >>> round(effective_labor(50, 0.4), 2)
    4.78
    """
    lam = check_number("exponent", exponent, *EXPONENT_RANGE)
    if np.ndim(workers) == 0:
        return check_number("workers", workers, *WORKERS_RANGE) ** lam
    return check_array("workers", workers, *WORKERS_RANGE) ** lam


def labor_equivalent_speedup(speed: float, workers: float, exponent: float) -> float:
    """Research speed relative to today of ``workers``-times as many workers each ``speed``-times faster.

    ``speedup = speed * workers ** exponent``.

    Examples
    --------
    AutomatedCorp, 50x faster and 50x more numerous, at lambda = 0.4:

    >>> round(labor_equivalent_speedup(50, 50, 0.4))
    239
    """
    s = check_number("speed", speed, *SPEED_RANGE)
    return s * effective_labor(workers, exponent)


def penalty_curves(exponent: float, workers: float, speed: float, points: int = 61) -> pd.DataFrame:
    """Tidy frame for the penalty figure.

    Rows of ``series`` "penalty" (effective labor at ``exponent``) and "no penalty" (lambda = 1)
    over log-spaced workforces from 1 to 1000, plus one "chosen" row at ``workers``. Columns:
    ``series``, ``workers``, ``effective_labor``, ``speedup`` (= speed * effective labor).

    Examples
    --------
    >>> df = penalty_curves(0.4, 50, 50)
    >>> round(df[df.series == "chosen"].speedup.item())
    239
    """
    check_number("speed", speed, *SPEED_RANGE)
    check_number("workers", workers, *WORKERS_RANGE)  # before float(workers) below
    grid = np.logspace(0, 3, check_integer("points", points, 2, 1001))
    frames = [
        pd.DataFrame({"series": "penalty", "workers": grid, "effective_labor": effective_labor(grid, exponent)}),
        pd.DataFrame({"series": "no penalty", "workers": grid, "effective_labor": effective_labor(grid, 1.0)}),
        pd.DataFrame({"series": ["chosen"], "workers": [float(workers)],
                      "effective_labor": [effective_labor(workers, exponent)]}),
    ]
    df = pd.concat(frames, ignore_index=True)
    df["speedup"] = speed * df["effective_labor"]
    return df


# ------------------------------------------------------------------------------------------------
# Published parallelization exponents (for the chapter's comparison table)
# ------------------------------------------------------------------------------------------------

# Basic COCOMO, organic mode (Boehm 1981): effort E = 2.4 * KDSI**1.05 person-months,
# development time T = 2.5 * E**0.38 months.
COCOMO_SIZE_EXPONENT = 1.05
COCOMO_SCHEDULE_EXPONENT = 0.38


def cocomo_implied_exponent(size_exponent: float = COCOMO_SIZE_EXPONENT,
                            schedule_exponent: float = COCOMO_SCHEDULE_EXPONENT) -> float:
    """Parallelization exponent implied across projects by COCOMO's effort and schedule equations.

    Basic COCOMO (Boehm 1981) gives effort ``E = a * S ** b`` person-months for a program of ``S``
    thousand delivered source instructions and a nominal development time ``T = c * E ** d``
    months, so the average staff is ``N = E / T`` (proportional to ``E ** (1 - d)``). Delivered code
    per month is then ``S / T``, proportional to ``E ** (1/b - d)`` and so to ``N ** lambda`` with

        lambda = (1 / b - d) / (1 - d).

    This compares *different* projects each staffed at its nominal schedule (bigger programs get
    bigger teams); it is not a controlled experiment in adding people to one task.

    Parameters
    ----------
    size_exponent : float
        ``b``, the effort-size exponent, in [1, 2] (1.05 organic, 1.12 semi-detached, 1.20 embedded).
    schedule_exponent : float
        ``d``, the schedule-effort exponent, in [0, 1) (0.38 organic, 0.35 semi-detached,
        0.32 embedded).

    Returns
    -------
    float
        The implied exponent lambda (dimensionless).

    Examples
    --------
    >>> round(cocomo_implied_exponent(), 2)  # organic mode
    0.92
    >>> round(cocomo_implied_exponent(1.20, 0.32), 2)  # embedded mode
    0.75
    """
    b = check_number("size_exponent", size_exponent, 1.0, 2.0)
    d = check_number("schedule_exponent", schedule_exponent, 0.0, 1.0, hi_open=True)
    return (1.0 / b - d) / (1.0 - d)


class PublishedExponent(NamedTuple):
    """One published view of the parallelization exponent, for the chapter's comparison table."""

    name: str  # what the exponent belongs to
    exponent: float | None  # the published number; None where the source gives no number
    source_key: str  # proposed BibTeX key of the source
    note: str  # what the number means, and how it relates to lambda in ``workers ** lambda``


PUBLISHED_EXPONENTS: tuple[PublishedExponent, ...] = (
    PublishedExponent(
        name="Brooks's law",
        exponent=None,
        source_key="brooks1975",
        note=("Qualitative, no exponent: \"adding manpower to a late software project makes it "
              "later\" (The Mythical Man-Month, 1975). New people must be trained and every pair "
              "may need to communicate, n(n-1)/2 channels, so past some team size the marginal "
              "worker adds nothing or less than nothing (a marginal exponent at or below zero)."),
    ),
    PublishedExponent(
        name="COCOMO schedule equation",
        exponent=COCOMO_SCHEDULE_EXPONENT,
        source_key="boehm1981",
        note=("Not a parallelization exponent: basic COCOMO's nominal development time grows as "
              "effort**0.38 (organic mode; 0.35 semi-detached, 0.32 embedded), so average staff "
              "grows as effort**0.62. Comparing projects staffed this way, with effort growing "
              "as size**1.05, delivered code per month grows as staff**0.92 "
              "(cocomo_implied_exponent; 0.75 in embedded mode): a mild penalty. The 0.38 is close "
              "to the source's 0.4 only numerically."),
    ),
    PublishedExponent(
        name="Compute-centric takeoff model: R&D parallelization penalty",
        exponent=0.7,
        source_key="davidson2023",
        note=("Default of lambda in Davidson's compute-centric framework (takeoffspeeds.com), "
              "where research progress accumulates research input R as R**lambda (after Jones "
              "1995); R there is the output of an R&D production function of labor and compute "
              "(and capital, for hardware R&D), not labor alone. Its documentation says economic models "
              "often use 1, a growth economist thought values between 0.4 and 1 reasonable, and "
              "Besiroglu's thesis cites estimates as low as 0.2."),
    ),
    PublishedExponent(
        name="AI Futures Model: parallel penalty",
        exponent=0.5,
        source_key="kokotajlo2025aifutures",
        note=("Default 'parallel penalty' of the AI Futures Project's timelines and takeoff model "
              "(December 2025 version, aifuturesmodel.com): serial-equivalent coding labor is "
              "(parallel coding labor)**0.5 before it is combined with experiment compute."),
    ),
    PublishedExponent(
        name="This source (Greenblatt)",
        exponent=0.4,
        source_key="greenblatt2025slowcorp",
        note=("\"around the harshest penalty I've heard of\", believed to come from studies of "
              "software engineering (source line 12); at 0.4, 50x the workers are worth "
              "50**0.4 = 4.8x (line 16)."),
    ),
)


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


def corporation_speeds(human_exponent: float = 0.4, ai_exponent: float = 0.4) -> dict[str, float]:
    """Research speed of NormalCorp, SlowCorp and AutomatedCorp relative to NormalCorp.

    NormalCorp and SlowCorp employ humans and take ``human_exponent``; AutomatedCorp's AIs take
    ``ai_exponent``, since AIs "might be notably better at coordinating than humans are" (source
    line 14). The companies are those of Greenblatt & Lifland, "Slow corporations as an intuition
    pump for AI R&D automation" (2025): SlowCorp has 50x less serial time and a 5x smaller
    workforce, AutomatedCorp's AIs are 50x faster and 50x more numerous. SlowCorp's lower labor
    quality in that post is not modelled.

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
    return {c.name: corporation_speed(c.serial_speed, c.workforce, lam_ai if c.ai_workers else lam_h)
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


def _check_points(points, lo: int = 2, hi: int = 201) -> int:
    return check_integer("points", points, lo, hi)


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


# ------------------------------------------------------------------------------------------------
# Compute bottlenecks (source line 17): (a) labor and compute as CES inputs to research
# ------------------------------------------------------------------------------------------------

SUBSTITUTION_RANGE = (0.0, 10.0)  # sigma; 0 = perfect complements (min), 1 = Cobb-Douglas
LABOR_SHARE_RANGE = (0.0, 1.0)  # alpha, open at both ends
LABOR_RANGE = (1e-6, 1e12)  # research labor as a multiple of today's
COMPUTE_RANGE = (1e-6, 1e12)  # research compute as a multiple of today's
_SMALL_RHO_TERM = 1.0  # below this |rho * log(input)| the log1p/expm1 form is used (no cancellation)


def _ces_log_output(log_labor: float, log_compute: float, sigma: float, alpha: float) -> float:
    """log of the normalized CES output; exact at sigma = 0 and 1 and stable near sigma = 1."""
    if sigma == 0.0:
        return min(log_labor, log_compute)
    rho = (sigma - 1.0) / sigma
    if not math.isfinite(rho):  # sigma so small (subnormal) that rho overflows: the min limit
        return min(log_labor, log_compute)
    if rho == 0.0:
        return alpha * log_labor + (1.0 - alpha) * log_compute
    if abs(rho) * max(abs(log_labor), abs(log_compute)) < _SMALL_RHO_TERM:
        # log(a e^{rho l} + (1-a) e^{rho k}) = log1p(a expm1(rho l) + (1-a) expm1(rho k)): no
        # cancellation as rho -> 0, where the direct form divides a rounding error by rho.
        x = alpha * math.expm1(rho * log_labor) + (1.0 - alpha) * math.expm1(rho * log_compute)
        return math.log1p(x) / rho
    # Shifted log-sum-exp: both exponents are <= 0, so nothing overflows for any rho.
    shift = min(log_labor, log_compute) if rho < 0 else max(log_labor, log_compute)
    inner = (alpha * math.exp(rho * (log_labor - shift))
             + (1.0 - alpha) * math.exp(rho * (log_compute - shift)))
    return shift + math.log(inner) / rho


def research_output(labor, compute: float, substitution_elasticity: float, labor_share: float):
    """Research output from labor and compute combined with constant elasticity of substitution.

    ``Y = (alpha * L ** rho + (1 - alpha) * K ** rho) ** (1 / rho)`` with
    ``rho = (sigma - 1) / sigma``, normalized so that today's inputs ``L = K = 1`` give ``Y = 1``.
    At ``sigma = 1`` it is Cobb-Douglas, ``Y = L ** alpha * K ** (1 - alpha)`` (computed exactly,
    and stably near 1); at ``sigma = 0`` it is ``min(L, K)``: labor and compute are perfect
    complements. For ``sigma < 1`` more labor alone cannot raise output past
    :func:`research_output_ceiling`. No constant is taken from the source; the form is the
    standard one of growth economics (and of Davidson's takeoff model).

    Parameters
    ----------
    labor : float or array_like
        Research labor L (e.g. a labor-equivalent speedup), as a multiple of today's, in
        [1e-6, 1e12].
    compute : float
        Research compute K as a multiple of today's, in [1e-6, 1e12].
    substitution_elasticity : float
        Elasticity of substitution sigma between labor and compute, in [0, 10].
    labor_share : float
        alpha, labor's weight (its share of research output's costs at today's inputs), in (0, 1).

    Returns
    -------
    float or ndarray
        Research output as a multiple of today's.

    Examples
    --------
    AutomatedCorp's 239x labor, unchanged compute, sigma = 0.5, alpha = 0.5: output only doubles.

    >>> labor = automatedcorp_speed(0.4)  # about 239
    >>> round(research_output(labor, 1, 0.5, 0.5), 3)
    1.992
    >>> round(research_output(labor, 1, 1.0, 0.5), 2)  # Cobb-Douglas: 239 ** 0.5
    15.46
    """
    k = check_number("compute", compute, *COMPUTE_RANGE)
    sigma = check_number("substitution_elasticity", substitution_elasticity, *SUBSTITUTION_RANGE)
    alpha = check_number("labor_share", labor_share, *LABOR_SHARE_RANGE, lo_open=True, hi_open=True)
    scalar = np.ndim(labor) == 0
    arr = np.array([check_number("labor", labor, *LABOR_RANGE)]) if scalar else check_array(
        "labor", labor, *LABOR_RANGE)
    if sigma == 0.0:  # exactly the Leontief limit, without a round trip through logs
        out = np.minimum(arr, k)
    else:
        log_k = math.log(k)
        out = np.array([math.exp(_ces_log_output(math.log(l), log_k, sigma, alpha)) for l in arr])
    return float(out[0]) if scalar else out


def research_output_ceiling(substitution_elasticity: float, labor_share: float,
                            compute: float = 1.0) -> float:
    """The most research output that unlimited labor can buy with compute held at ``compute``.

    For ``sigma < 1`` (``rho < 0``), ``alpha * L ** rho -> 0`` as ``L -> infinity``, so

        Y -> ((1 - alpha) * K ** rho) ** (1 / rho) = K * (1 - alpha) ** (sigma / (sigma - 1))
                                                  = K * (1 / (1 - alpha)) ** (sigma / (1 - sigma)).

The smaller labor's share and the elasticity, the lower the ceiling: with ``alpha = 0.5`` it is
``2 ** (sigma / (1 - sigma))``, 2 at ``sigma = 0.5``.

    For ``sigma >= 1`` output grows without bound and this raises ``ValueError``; it also raises
    where the ceiling would exceed 1e300 (compute then does not bind in any practical sense).

    Parameters
    ----------
    substitution_elasticity : float
        sigma in [0, 1).
    labor_share : float
        alpha in (0, 1).
    compute : float
        K as a multiple of today's, in [1e-6, 1e12].

    Returns
    -------
    float
        The ceiling on research output, as a multiple of today's.

    Examples
    --------
    >>> round(research_output_ceiling(0.5, 0.5), 6)  # (1 - 0.5) ** (0.5 / (0.5 - 1))
    2.0
    >>> research_output_ceiling(0.0, 0.5)  # perfect complements: output stays at min(L, K) = K
    1.0
    """
    sigma = check_number("substitution_elasticity", substitution_elasticity, 0.0, 1.0, hi_open=True)
    alpha = check_number("labor_share", labor_share, *LABOR_SHARE_RANGE, lo_open=True, hi_open=True)
    k = check_number("compute", compute, *COMPUTE_RANGE)
    log_ceiling = math.log(k) + math.log1p(-alpha) * sigma / (sigma - 1.0)
    if log_ceiling > math.log(1e300):
        raise ValueError(
            f"substitution_elasticity {sigma!r} with labor_share {alpha!r} puts the ceiling above "
            "1e300: use a smaller substitution_elasticity (in [0, 1)) or labor_share (in (0, 1))")
    return math.exp(log_ceiling)


def surviving_speedup_share(labor_speedup: float, substitution_elasticity: float,
                            labor_share: float) -> float:
    """Share of a labor speedup's orders of magnitude that survive with compute unchanged.

    ``log(Y(L, 1)) / log(L)`` with ``Y`` from :func:`research_output`: 1 would mean the whole
    labor speedup becomes research speed, 0 none of it. Under Cobb-Douglas (``sigma = 1``) it is
    exactly ``alpha``; it rises with ``sigma`` and, for ``sigma < 1``, falls towards 0 as ``L``
    grows.

    Parameters
    ----------
    labor_speedup : float
        L, in (1, 1e12].
    substitution_elasticity : float
        sigma in [0, 10].
    labor_share : float
        alpha in (0, 1).

    Returns
    -------
    float
        A share in [0, 1].

    Examples
    --------
    >>> round(surviving_speedup_share(239.088, 1.0, 0.5), 6)  # Cobb-Douglas keeps alpha
    0.5
    >>> round(surviving_speedup_share(239.088, 0.5, 0.5), 3)
    0.126
    """
    l = check_number("labor_speedup", labor_speedup, 1.0, LABOR_RANGE[1], lo_open=True)
    return math.log(research_output(l, 1.0, substitution_elasticity, labor_share)) / math.log(l)


def compute_bottleneck_frame(substitution_elasticity: float = 0.5, labor_share: float = 0.5,
                             labor_speedup: float = 50 * 50 ** 0.4, points: int = 39) -> pd.DataFrame:
    """Tidy frame for the compute-bottleneck figure: research speedup against sigma, compute fixed.

    ``series`` "compute fixed": :func:`research_output` of ``labor_speedup`` with compute
    unchanged, at ``points`` evenly spaced sigma from 0.1 to 2 (the default 39 points step by
    0.05 and include sigma = 1); "no bottleneck": the labor speedup itself at the same sigma;
    "ceiling": :func:`research_output_ceiling` at the grid's sigma below 1, leaving out any ceiling
    above 1e12 (the largest labor the model accepts could not reach it); "chosen": one row at
    ``substitution_elasticity``. The default labor speedup is AutomatedCorp's at lambda = 0.4
    (about 239).

    Columns: ``series``, ``substitution_elasticity``, ``research_speedup`` (multiple of today's
    research speed), ``labor_speedup``.

    Examples
    --------
    >>> df = compute_bottleneck_frame(0.5, 0.5)
    >>> df.groupby("series", sort=False).size().to_dict()
    {'compute fixed': 39, 'no bottleneck': 39, 'ceiling': 18, 'chosen': 1}
    >>> round(df[df.series == "chosen"].research_speedup.item(), 3)
    1.992
    """
    sigma = check_number("substitution_elasticity", substitution_elasticity, *SUBSTITUTION_RANGE)
    alpha = check_number("labor_share", labor_share, *LABOR_SHARE_RANGE, lo_open=True, hi_open=True)
    l = check_number("labor_speedup", labor_speedup, *LABOR_RANGE)
    grid = np.round(np.linspace(0.1, 2.0, _check_points(points)), 12)  # 1.0 exactly, not 1.0000000000000002
    rows = [("compute fixed", s, research_output(l, 1.0, s, alpha)) for s in grid]
    rows += [("no bottleneck", s, l) for s in grid]
    log_cap = math.log(COMPUTE_RANGE[1])
    rows += [("ceiling", s, math.exp(math.log1p(-alpha) * s / (s - 1.0)))
             for s in grid if s < 1.0 and math.log1p(-alpha) * s / (s - 1.0) <= log_cap]
    rows.append(("chosen", sigma, research_output(l, 1.0, sigma, alpha)))
    df = pd.DataFrame(rows, columns=["series", "substitution_elasticity", "research_speedup"])
    df["substitution_elasticity"] = df["substitution_elasticity"].astype(float)
    df["research_speedup"] = df["research_speedup"].astype(float)
    df["labor_speedup"] = l
    return df


# ------------------------------------------------------------------------------------------------
# Compute bottlenecks (source line 17): (b) experiments too small to teach anything
# ------------------------------------------------------------------------------------------------

FRONTIER_GROWTH_RANGE = (0.0, 2.0)  # beta; 0 = frontier run fixed, 1 = grows as fast as compute
MIN_USEFUL_FRACTION_RANGE = (1e-15, 1.0)  # f, smallest useful experiment / frontier run
COMPUTE_SCALEUP_RANGE = (1e-3, 1e12)  # compute budget per unit time as a multiple of today's
LINE_17_MIN_USEFUL_FRACTION = 1e-9  # "experiments using 1 billionth of the compute of a frontier training run"


def useful_experiment_rate(compute_scaleup: float, frontier_growth_exponent: float,
                           min_useful_fraction: float = LINE_17_MIN_USEFUL_FRACTION) -> float:
    """Most useful experiments per unit time when experiments below ``f`` of the frontier run teach nothing.

    Measure compute in units of today's frontier training run (so today's frontier run is
    ``F0 = 1``) and time in units of how long today's compute budget takes to supply that much
    compute. With a compute budget of ``C`` per unit time (``C = 1`` today), the frontier run grows
    as ``F = C ** beta``; an experiment teaches something only if it uses at least ``f * F``, so at
    most

        N = C / (f * F) = C ** (1 - beta) / f

    useful experiments fit in a unit of time. Scaling compute up by ``C`` multiplies this by
    ``C ** (1 - beta)``, not ``C``: if frontier runs grow as fast as compute (``beta = 1``), more
    compute buys bigger experiments but no more of them. Source line 17's example is
    ``f = 1e-9`` ("experiments using 1 billionth of the compute of a frontier training run");
    ``beta`` is not from the source.

    Parameters
    ----------
    compute_scaleup : float
        C, the compute budget per unit time as a multiple of today's, in [1e-3, 1e12].
    frontier_growth_exponent : float
        beta in [0, 2].
    min_useful_fraction : float
        f, the smallest useful experiment as a fraction of the frontier run, in [1e-15, 1].

    Returns
    -------
    float
        The upper bound N on useful experiments per unit time.

    Examples
    --------
    >>> useful_experiment_rate(1.0, 0.5, 0.01)  # today: 1 / f
    100.0
    >>> useful_experiment_rate(100.0, 0.5, 0.01)  # 100x compute, only 10x the useful experiments
    1000.0
    """
    c = check_number("compute_scaleup", compute_scaleup, *COMPUTE_SCALEUP_RANGE)
    beta = check_number("frontier_growth_exponent", frontier_growth_exponent, *FRONTIER_GROWTH_RANGE)
    f = check_number("min_useful_fraction", min_useful_fraction, *MIN_USEFUL_FRACTION_RANGE)
    return c ** (1.0 - beta) / f


def useful_experiment_growth(compute_scaleup: float, frontier_growth_exponent: float) -> float:
    """Growth of the useful-experiment bound when compute grows ``compute_scaleup``-fold: ``C ** (1 - beta)``.

    The ratio of :func:`useful_experiment_rate` at ``C`` to its value today; ``f`` cancels.

    Parameters
    ----------
    compute_scaleup : float
        C, the compute budget per unit time as a multiple of today's, in [1e-3, 1e12].
    frontier_growth_exponent : float
        beta in [0, 2]: the frontier run grows as ``C ** beta``.

    Returns
    -------
    float
        The useful-experiment bound as a multiple of today's.

    Examples
    --------
    >>> useful_experiment_growth(1e4, 0.75)
    10.0
    """
    c = check_number("compute_scaleup", compute_scaleup, *COMPUTE_SCALEUP_RANGE)
    beta = check_number("frontier_growth_exponent", frontier_growth_exponent, *FRONTIER_GROWTH_RANGE)
    return c ** (1.0 - beta)


def useful_experiments_frame(frontier_growth_exponent: float = 0.5,
                             min_useful_fraction: float = LINE_17_MIN_USEFUL_FRACTION,
                             compute_scaleup: float = 100.0, points: int = 41) -> pd.DataFrame:
    """Tidy frame for the useful-experiments figure: the bound against compute scale-up (log-log).

    ``series`` "frontier grows" uses ``frontier_growth_exponent``; "fixed frontier" is the
    ``beta = 0`` reference, where useful experiments grow in proportion to compute; both over
    ``points`` log-spaced scale-ups from 1 to 1e4. One "chosen" row sits at ``compute_scaleup``
    with the chosen ``beta``. See :func:`useful_experiment_rate` for the units.

    Columns: ``series``, ``frontier_growth_exponent`` (the row's beta), ``compute_scaleup``,
    ``useful_experiments`` (per unit time) and ``growth`` (``C ** (1 - beta)``, relative to today).

    Examples
    --------
    >>> df = useful_experiments_frame(0.5, 1e-9, 100.0)
    >>> df[df.series == "chosen"][["useful_experiments", "growth"]].to_numpy().round().tolist()
    [[10000000000.0, 10.0]]
    """
    beta = check_number("frontier_growth_exponent", frontier_growth_exponent, *FRONTIER_GROWTH_RANGE)
    f = check_number("min_useful_fraction", min_useful_fraction, *MIN_USEFUL_FRACTION_RANGE)
    c = check_number("compute_scaleup", compute_scaleup, *COMPUTE_SCALEUP_RANGE)
    grid = np.logspace(0.0, 4.0, _check_points(points))
    frames = [pd.DataFrame({"series": name, "frontier_growth_exponent": b, "compute_scaleup": grid})
              for name, b in (("frontier grows", beta), ("fixed frontier", 0.0))]
    frames.append(pd.DataFrame({"series": ["chosen"], "frontier_growth_exponent": [beta],
                                "compute_scaleup": [c]}))
    df = pd.concat(frames, ignore_index=True)
    df["growth"] = df["compute_scaleup"] ** (1.0 - df["frontier_growth_exponent"])
    df["useful_experiments"] = df["growth"] / f
    return df[["series", "frontier_growth_exponent", "compute_scaleup", "useful_experiments", "growth"]]


# ------------------------------------------------------------------------------------------------
# The experiment loop (source line 18): Amdahl's law for research
# ------------------------------------------------------------------------------------------------

LOOP_SPEEDUP_RANGE = (1e-6, 1e30)  # serial speedup of compute or of researchers, x today's
EXPERIMENT_SHARE_RANGE = (0.0, 1.0)  # w, share of today's loop spent waiting on experiments
LOOP_TIME_RANGE = (0.0, 1e12)  # experiment / response time today, any one unit (e.g. hours)


def loop_iteration_time(experiment_time: float, response_time: float,
                        compute_speedup: float, researcher_speedup: float) -> float:
    """Time of one turn of the experiment loop: ``experiment_time / c + response_time / r``.

    A turn runs an experiment (``experiment_time`` today, done ``c`` times faster by serially
    faster compute) and then responds to its results and implements the next one
    (``response_time`` today, done ``r`` times faster by faster researchers). Source line 18.

    Parameters
    ----------
    experiment_time, response_time : float
        Today's durations, in the same unit (e.g. hours), each in [0, 1e12], not both zero.
    compute_speedup, researcher_speedup : float
        c and r, serial speedups as multiples of today's, in [1e-6, 1e30].

    Returns
    -------
    float
        The duration of one turn, in the unit of the inputs.

    Examples
    --------
    >>> loop_iteration_time(10.0, 5.0, compute_speedup=10.0, researcher_speedup=1.0)
    6.0
    """
    e, resp = _check_loop_times(experiment_time, response_time)
    c = check_number("compute_speedup", compute_speedup, *LOOP_SPEEDUP_RANGE)
    r = check_number("researcher_speedup", researcher_speedup, *LOOP_SPEEDUP_RANGE)
    return e / c + resp / r


def _check_loop_times(experiment_time, response_time) -> tuple[float, float]:
    e = check_number("experiment_time", experiment_time, *LOOP_TIME_RANGE)
    resp = check_number("response_time", response_time, *LOOP_TIME_RANGE)
    if e + resp == 0.0:
        raise ValueError("experiment_time and response_time must not both be 0")
    return e, resp


def experiment_share_from_times(experiment_time: float, response_time: float) -> float:
    """Share of today's loop spent waiting on experiments: ``w = E / (E + R)``.

    Parameters
    ----------
    experiment_time, response_time : float
        Today's experiment time E and response time R (responding to results and implementing the
        next experiment), in the same unit, each in [0, 1e12], not both zero.

    Returns
    -------
    float
        w in [0, 1].

    Examples
    --------
    >>> experiment_share_from_times(10.0, 5.0)
    0.6666666666666666
    """
    e, resp = _check_loop_times(experiment_time, response_time)
    return e / (e + resp)


def loop_speedup(compute_speedup, researcher_speedup, experiment_share: float):
    """Overall speedup of the experiment loop: ``S(c, r) = 1 / (w / c + (1 - w) / r)``.

    Today's turn takes ``E + R``; sped up it takes ``E / c + R / r`` (:func:`loop_iteration_time`),
    and with ``w = E / (E + R)`` their ratio is ``S``, a weighted harmonic mean of ``c`` and
    ``r``. However fast the computers get, ``S`` stays below ``r / (1 - w)``
    (:func:`loop_speedup_ceiling`): Amdahl's law. Source line 18's physically implausible
    computer that runs "any experiment which uses less than 1e100 FLOP in less than a nanosecond"
    is ``c -> infinity``; the loop then turns only as fast as researchers respond, which is why
    "you'd want to be able to respond to results and implement the next experiment in less than a
    nanosecond as well".

    Parameters
    ----------
    compute_speedup : float or array_like
        c, the serial speedup of running experiments, in [1e-6, 1e30].
    researcher_speedup : float or array_like
        r, the serial speedup of responding and implementing, in [1e-6, 1e30]. If both speedups
        are arrays they must broadcast.
    experiment_share : float
        w in [0, 1].

    Returns
    -------
    float or ndarray
        The overall speedup S, a multiple of today's loop rate.

    Examples
    --------
    >>> loop_speedup(1000.0, 10.0, 0.5)  # fast computers, 10x researchers: under 20x
    19.801980198019802
    """
    w = check_number("experiment_share", experiment_share, *EXPERIMENT_SHARE_RANGE)
    scalar = np.ndim(compute_speedup) == 0 and np.ndim(researcher_speedup) == 0
    c = _check_number_or_array("compute_speedup", compute_speedup, LOOP_SPEEDUP_RANGE)
    r = _check_number_or_array("researcher_speedup", researcher_speedup, LOOP_SPEEDUP_RANGE)
    s = 1.0 / (w / c + (1.0 - w) / r)
    return float(s) if scalar else s


def _check_number_or_array(name: str, value, allowed: tuple[float, float]):
    if np.ndim(value) == 0:
        return check_number(name, value, *allowed)
    return check_array(name, value, *allowed)


def loop_speedup_ceiling(researcher_speedup: float, experiment_share: float) -> float:
    """The bound on the loop's speedup with infinitely fast computers: ``r / (1 - w)``.

    Equivalently ``r * (1 + E / R)`` with today's experiment time ``E`` and response time ``R``.
    Raises ``ValueError`` at ``w = 1``, where nothing but experiments takes time and there is no
    bound.

    Parameters
    ----------
    researcher_speedup : float
        r, the researchers' serial speedup as a multiple of today's, in [1e-6, 1e30].
    experiment_share : float
        w in [0, 1).

    Returns
    -------
    float
        The least upper bound of :func:`loop_speedup` over all compute speedups.

    Examples
    --------
    >>> loop_speedup_ceiling(10.0, 0.5)
    20.0
    """
    r = check_number("researcher_speedup", researcher_speedup, *LOOP_SPEEDUP_RANGE)
    w = check_number("experiment_share", experiment_share, 0.0, 1.0, hi_open=True)
    return r / (1.0 - w)


def experiment_loop_frame(experiment_share: float = 0.5, points: int = 20,
                          max_speedup: float = 1000.0) -> pd.DataFrame:
    """Tidy frame for the experiment-loop heatmap over both speedups (log axes).

    One row per cell of a ``points`` x ``points`` grid of log-spaced compute and researcher
    speedups from 1 to ``max_speedup``, researcher speedup varying slowest.

    Columns: ``compute_speedup``, ``researcher_speedup``, ``loop_speedup``
    (:func:`loop_speedup`), ``ceiling`` (:func:`loop_speedup_ceiling` of the row's researcher
    speedup) and ``share_of_ceiling`` (``loop_speedup / ceiling``). ``experiment_share`` must be
    below 1 here, where the ceiling exists.

    Examples
    --------
    >>> df = experiment_loop_frame(0.5)
    >>> len(df), bool((df.loop_speedup < df.ceiling).all())
    (400, True)
    """
    w = check_number("experiment_share", experiment_share, 0.0, 1.0, hi_open=True)
    hi = check_number("max_speedup", max_speedup, 1.0, 1e6, lo_open=True)
    grid = np.geomspace(1.0, hi, _check_points(points, 2, 30))
    r, c = (a.ravel() for a in np.meshgrid(grid, grid, indexing="ij"))
    df = pd.DataFrame({"compute_speedup": c, "researcher_speedup": r})
    df["loop_speedup"] = loop_speedup(c, r, w)
    df["ceiling"] = r / (1.0 - w)
    df["share_of_ceiling"] = df["loop_speedup"] / df["ceiling"]
    return df


def experiment_loop_curves(experiment_share: float = 0.5, researcher_speedup: float = 10.0,
                           points: int = 61) -> pd.DataFrame:
    """Tidy frame for the loop speedup against compute speedup, with its Amdahl asymptote.

    ``series`` "loop": :func:`loop_speedup` at ``researcher_speedup`` over ``points`` log-spaced
    compute speedups from 1 to 1e6; "ceiling": :func:`loop_speedup_ceiling` at the same compute
    speedups (a horizontal line); "researchers": the researcher speedup itself.

    Columns: ``series``, ``compute_speedup``, ``loop_speedup``.

    Examples
    --------
    >>> df = experiment_loop_curves(0.5, 10.0)
    >>> float(df[df.series == "loop"].loop_speedup.max().round(4))  # at a million-fold compute
    19.9998
    >>> float(df[df.series == "ceiling"].loop_speedup.iloc[0])
    20.0
    """
    w = check_number("experiment_share", experiment_share, 0.0, 1.0, hi_open=True)
    r = check_number("researcher_speedup", researcher_speedup, *LOOP_SPEEDUP_RANGE)
    grid = np.logspace(0.0, 6.0, _check_points(points))
    frames = [
        pd.DataFrame({"series": "loop", "compute_speedup": grid, "loop_speedup": loop_speedup(grid, r, w)}),
        pd.DataFrame({"series": "ceiling", "compute_speedup": grid,
                      "loop_speedup": np.full(grid.shape, loop_speedup_ceiling(r, w))}),
        pd.DataFrame({"series": "researchers", "compute_speedup": grid, "loop_speedup": np.full(grid.shape, r)}),
    ]
    return pd.concat(frames, ignore_index=True)
