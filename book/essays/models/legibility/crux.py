"""The crux: how high internals evidence can ever take the skeptic, over the method's validity q
and artifact rate c, and how many independent methods would take them to even odds.

The ceiling's odds are the prior odds times ``1 + odds(q) / c`` (odds(q) = q / (1 - q)): q and c
enter only through ``odds(q) / c``, so multiplying the odds of validity by a factor does exactly
what dividing the artifact rate by the same factor does.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from essays.checks import check_integer, check_number

from .audiences import (
    ARTIFACT_RATE_INTERNALS,
    ARTIFACT_RATE_RANGE,
    PRIOR_RANGE,
    SKEPTIC_PRIOR,
    SKEPTIC_VALIDITY_INTERNALS,
    likelihood_ratio_bound,
    posterior_ceiling,
)

__all__ = [
    "skeptic_ceiling",
    "even_odds_ratio",
    "even_odds_validity",
    "even_odds_artifact_rate",
    "lever_factor",
    "independent_methods_ceiling",
    "methods_for_even_odds",
    "ceiling_frame",
    "MAP_VALIDITY_RANGE",
    "MAP_ARTIFACT_RATE_RANGE",
    "MAP_CELLS",
    "MAP_Q_STEP",
    "MAP_C_HALF_RATIO",
    "METHODS_RANGE",
]


MAP_VALIDITY_RANGE = (0.0, 0.975)  # q on the map's axis (q = 1 has no ceiling)
MAP_ARTIFACT_RATE_RANGE = (0.001, 1.0)  # c on the map's axis (log scale)
MAP_CELLS = (20, 24)  # heat-map cells along q and along c
MAP_Q_STEP = (MAP_VALIDITY_RANGE[1] - MAP_VALIDITY_RANGE[0]) / MAP_CELLS[0]  # a cell's width in q
MAP_C_HALF_RATIO = (MAP_ARTIFACT_RATE_RANGE[1] / MAP_ARTIFACT_RATE_RANGE[0]) ** (0.5 / MAP_CELLS[1])
METHODS_RANGE = (1, 10_000)


def _check_pair(validity, artifact_rate, prior):
    q = check_number("validity", validity, 0.0, 1.0, hi_open=True)
    c = check_number("artifact_rate", artifact_rate, *ARTIFACT_RATE_RANGE)
    p = check_number("prior", prior, *PRIOR_RANGE, lo_open=True, hi_open=True)
    return q, c, p


def skeptic_ceiling(validity: float = SKEPTIC_VALIDITY_INTERNALS,
                    artifact_rate: float = ARTIFACT_RATE_INTERNALS,
                    prior: float = SKEPTIC_PRIOR) -> dict[str, float]:
    """The skeptic's ceiling for internals evidence: the claim's quantities.

    ``ceiling`` is :func:`posterior_ceiling`; ``bound`` the likelihood-ratio ceiling
    ``1 + q / ((1 - q) c)``; ``ceiling_log10_odds`` the ceiling's log-odds in powers of ten.

    Parameters
    ----------
    validity : float
        q, the skeptic's credence that the method is valid; in [0, 1).
    artifact_rate : float
        c; in [1e-6, 1].
    prior : float
        The skeptic's prior; in (0, 1). Default 0.05 (illustrative).

    Examples
    --------
    >>> round(skeptic_ceiling(0.2, 0.5)["ceiling"], 4)
    0.0732
    """
    q, c, p = _check_pair(validity, artifact_rate, prior)
    bound = likelihood_ratio_bound(q, c)
    return {"ceiling": posterior_ceiling(p, q, c), "bound": bound,
            "ceiling_log10_odds": math.log10(p / (1.0 - p)) + math.log10(bound)}


def even_odds_ratio(prior: float = SKEPTIC_PRIOR) -> float:
    """The likelihood ratio that takes ``prior`` to even odds: ``(1 - p) / p``.

    >>> round(even_odds_ratio(0.05), 12)
    19.0
    """
    p = check_number("prior", prior, *PRIOR_RANGE, lo_open=True, hi_open=True)
    return (1.0 - p) / p


def even_odds_validity(artifact_rate: float = ARTIFACT_RATE_INTERNALS,
                       prior: float = SKEPTIC_PRIOR) -> float:
    """The credence q at which the ceiling reaches even odds, for artifact rate c.

    Solving 1 + q / ((1 - q) c) = R, R = (1 - p) / p, for q: q = (R - 1) c / (1 + (R - 1) c).

    >>> round(even_odds_validity(0.5, 0.05), 12)
    0.9
    """
    c = check_number("artifact_rate", artifact_rate, *ARTIFACT_RATE_RANGE)
    x = (even_odds_ratio(prior) - 1.0) * c
    return x / (1.0 + x)


def even_odds_artifact_rate(validity: float = SKEPTIC_VALIDITY_INTERNALS,
                            prior: float = SKEPTIC_PRIOR) -> float:
    """The artifact rate c below which the ceiling passes even odds: ``odds(q) / (R - 1)``.

    >>> round(even_odds_artifact_rate(0.2, 0.05), 6)
    0.013889
    """
    q = check_number("validity", validity, 0.0, 1.0, hi_open=True)
    return q / (1.0 - q) / (even_odds_ratio(prior) - 1.0)


def lever_factor(validity: float = SKEPTIC_VALIDITY_INTERNALS,
                 artifact_rate: float = ARTIFACT_RATE_INTERNALS,
                 prior: float = SKEPTIC_PRIOR) -> float:
    """By what factor odds(q) must rise, or c fall, for the ceiling to reach even odds.

    The ceiling depends on q and c only through odds(q) / c, which must reach R - 1; the factor
    is (R - 1) c / odds(q), the same for either lever (infinite at q = 0).

    >>> round(lever_factor(0.2, 0.5, 0.05), 9)
    36.0
    """
    q, c, p = _check_pair(validity, artifact_rate, prior)
    if q == 0.0:
        return math.inf
    return (even_odds_ratio(p) - 1.0) * c * (1.0 - q) / q


def independent_methods_ceiling(methods: int, validity: float = SKEPTIC_VALIDITY_INTERNALS,
                                artifact_rate: float = ARTIFACT_RATE_INTERNALS,
                                prior: float = SKEPTIC_PRIOR) -> float:
    """The ceiling after ``methods`` methods, each with the skeptic's (q, c), all positive.

    If the methods' validity and artifacts are independent of each other given scheming, their
    likelihood ratios multiply, so the ceilings do: bound^n. (Artifacts that fire together give
    no such product: n methods sharing one artifact are worth one.)

    >>> round(independent_methods_ceiling(8, 0.2, 0.5, 0.05), 3)
    0.574
    """
    n = check_integer("methods", methods, *METHODS_RANGE)
    q, c, p = _check_pair(validity, artifact_rate, prior)
    log_odds = math.log(p / (1.0 - p)) + n * math.log(likelihood_ratio_bound(q, c))
    return 1.0 / (1.0 + math.exp(-log_odds)) if log_odds > -700 else 0.0


def methods_for_even_odds(validity: float = SKEPTIC_VALIDITY_INTERNALS,
                          artifact_rate: float = ARTIFACT_RATE_INTERNALS,
                          prior: float = SKEPTIC_PRIOR) -> int:
    """The fewest independent methods whose ceilings together pass even odds (see
    :func:`independent_methods_ceiling`): the smallest n with bound^n > R. Raises for q = 0,
    where no number suffices.

    >>> methods_for_even_odds(0.2, 0.5, 0.05)
    8
    """
    q, c, p = _check_pair(validity, artifact_rate, prior)
    if q == 0.0:
        raise ValueError("validity must be above 0 for any number of methods to help")
    ratio, bound = even_odds_ratio(p), likelihood_ratio_bound(q, c)
    n = max(1, math.ceil(math.log(ratio) / math.log(bound)))
    while n > 1 and (n - 1) * math.log(bound) > math.log(ratio):  # guard against rounding up
        n -= 1
    while n * math.log(bound) <= math.log(ratio):
        n += 1
    return n


def ceiling_frame(*, validity: float = SKEPTIC_VALIDITY_INTERNALS,
                  artifact_rate: float = ARTIFACT_RATE_INTERNALS) -> pd.DataFrame:
    """Tidy frame for the crux map: the skeptic's ceiling on a grid of (q, c), and the chosen point.

    Rows of ``kind`` "cell": 20 x 24 cells, q linear over [0, 0.975], c log-spaced over
    [0.001, 1], each row at its cell's centre (the geometric centre along c; the cell's edges are
    the centre -/+ half of :data:`MAP_Q_STEP`, and the centre divided/multiplied by
    :data:`MAP_C_HALF_RATIO`); then one row of kind "chosen" at (``validity``, ``artifact_rate``).
    Columns: ``kind``, ``validity``, ``artifact_rate`` and ``ceiling`` (:func:`skeptic_ceiling`).

    Examples
    --------
    >>> df = ceiling_frame()
    >>> len(df), df["kind"].iloc[-1]
    (481, 'chosen')
    """
    q, c, _ = _check_pair(validity, artifact_rate, SKEPTIC_PRIOR)
    q_mid = MAP_VALIDITY_RANGE[0] + MAP_Q_STEP * (np.arange(MAP_CELLS[0]) + 0.5)
    c_mid = MAP_ARTIFACT_RATE_RANGE[0] * MAP_C_HALF_RATIO ** (2 * np.arange(MAP_CELLS[1]) + 1)
    rows = [("cell", qm, cm, skeptic_ceiling(qm, cm)["ceiling"]) for qm in q_mid for cm in c_mid]
    rows.append(("chosen", q, c, skeptic_ceiling(q, c)["ceiling"]))
    return pd.DataFrame(rows, columns=["kind", "validity", "artifact_rate", "ceiling"])
