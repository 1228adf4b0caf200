"""Compute bottlenecks (source line 17): labor and compute as CES inputs, and experiments too small to teach."""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pandas as pd

from essays.checks import check_array, check_number

from .penalty import _check_points
from .corporations import automatedcorp_speed  # noqa: F401  (doctests)

# ------------------------------------------------------------------------------------------------
# Compute bottlenecks (source line 17): (a) labor and compute as CES inputs to research
# ------------------------------------------------------------------------------------------------

SUBSTITUTION_RANGE = (0.0, 10.0)  # sigma; 0 = perfect complements (min), 1 = Cobb-Douglas
LABOR_SHARE_RANGE = (0.0, 1.0)  # alpha, open at both ends
LABOR_RANGE = (1e-6, 1e12)  # research labor as a multiple of today's
COMPUTE_RANGE = (1e-6, 1e12)  # research compute as a multiple of today's


class SubstitutionEstimate(NamedTuple):
    """A published estimate of sigma between research compute and cognitive labor."""

    name: str  # the specification
    sigma: float  # the point estimate
    source_key: str  # BibTeX key
    note: str


# Whitfill & Wu (2025), "Will compute bottlenecks prevent an intelligence explosion?", arXiv:2507.23181:
# a panel of four AI labs 2014-2024 fitted to two CES specifications.
SUBSTITUTION_ESTIMATES: tuple[SubstitutionEstimate, ...] = (
    SubstitutionEstimate("baseline (research compute)", 2.58, "whitfill2025compute",
                         "compute and labor substitutes"),
    SubstitutionEstimate("frontier experiments", -0.10, "whitfill2025compute",
                         "below 0, statistically indistinguishable from 0: complements"),
)
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
    """Research output from labor and compute, combined with constant elasticity of
    substitution.

    ``Y = (alpha * L ** rho + (1 - alpha) * K ** rho) ** (1 / rho)`` with ``rho = (sigma - 1) /
    sigma``, normalized so that today's inputs ``L = K = 1`` give ``Y = 1``. At ``sigma = 1``
    it is Cobb-Douglas, ``Y = L ** alpha * K ** (1 - alpha)`` (computed exactly, and stably
    near 1); at ``sigma = 0`` it is ``min(L, K)``: labor and compute are perfect complements.
    For ``sigma < 1`` more labor alone cannot raise output past
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
        alpha, labor's weight (its share of research output's costs at today's inputs), in (0,
        1).

    Returns
    -------
    float or ndarray
        Research output as a multiple of today's.

    Examples
    --------
    AutomatedCorp's 239x labor, unchanged compute, sigma = 0.5, alpha = 0.5: output only
    doubles.

    >>> labor = automatedcorp_speed(0.4)  # about 239
    >>> round(research_output(labor, 1, 0.5, 0.5), 3)
    1.992
    >>> round(research_output(labor, 1, 1.0, 0.5), 2)  # Cobb-Douglas: 239 ** 0.5
    15.46
    """
    k = check_number("compute", compute, *COMPUTE_RANGE)
    sigma = check_number("substitution_elasticity", substitution_elasticity,
                         *SUBSTITUTION_RANGE)
    alpha = check_number("labor_share", labor_share, *LABOR_SHARE_RANGE,
                         lo_open=True, hi_open=True)
    scalar = np.ndim(labor) == 0
    arr = np.array([check_number("labor", labor, *LABOR_RANGE)]) if scalar else check_array(
        "labor", labor, *LABOR_RANGE)
    if sigma == 0.0:  # exactly the Leontief limit, without a round trip through logs
        out = np.minimum(arr, k)
    else:
        log_k = math.log(k)
        out = np.array([math.exp(_ces_log_output(math.log(l), log_k, sigma, alpha))
                        for l in arr])
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
                             labor_speedup: float = 50 * 50 ** 0.4, points: int = 30) -> pd.DataFrame:
    """Tidy frame for the compute-bottleneck figure: research speedup against sigma, compute fixed.

    ``series`` "compute fixed": :func:`research_output` of ``labor_speedup`` with compute
    unchanged, at ``points`` evenly spaced sigma from 0.1 to 3 (the default 30 points step by
    0.1 and include sigma = 1); "no bottleneck": the labor speedup itself at the same sigma;
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
    {'compute fixed': 30, 'no bottleneck': 30, 'ceiling': 9, 'chosen': 1}
    >>> round(df[df.series == "chosen"].research_speedup.item(), 3)
    1.992
    """
    sigma = check_number("substitution_elasticity", substitution_elasticity, *SUBSTITUTION_RANGE)
    alpha = check_number("labor_share", labor_share, *LABOR_SHARE_RANGE, lo_open=True, hi_open=True)
    l = check_number("labor_speedup", labor_speedup, *LABOR_RANGE)
    grid = np.round(np.linspace(0.1, 3.0, _check_points(points)), 12)  # 1.0 exactly, not 1.0000000000000002
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
    """Growth of the useful-experiment bound with ``C`` times the compute: ``C ** (1 - beta)``.

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
    beta = check_number("frontier_growth_exponent", frontier_growth_exponent,
                        *FRONTIER_GROWTH_RANGE)
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

