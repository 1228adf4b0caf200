"""Two ideal Bayesian audiences facing k positive results out of m runs of a test for scheming.

A believer and a skeptic each hold a prior P(scheming) and, for each kind of evidence, a credence
``q`` (``validity``) that the method is valid: that its result depends on whether the model schemes.
If it is invalid, its result does not depend on scheming: with probability ``c``
(``artifact_rate``) an artifact makes it respond as it would to a schemer (each run positive with
the sensitivity ``s``), and otherwise it responds as it would to a non-schemer (each run positive
with the false-positive rate ``f``). For k positives out of m runs, with
``r = (s / f)^k ((1 - s) / (1 - f))^(m - k)`` (the binomial coefficients cancel),

    LR = (A r + 1 - A) / (C r + 1 - C),   A = q + (1 - q) c,   C = (1 - q) c,

which rises with r, so with k for fixed m (more catches never lower the posterior), and never
reaches ``A / C = 1 + q / ((1 - q) c)``: a ceiling that no number of runs lifts.

These are ideal audiences with fixed credences: the model says nothing about who can inspect the
evidence or how institutions respond to it. Every default is illustrative, not measured.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from essays.checks import check_array, check_integer, check_number

__all__ = [
    "likelihood_ratio",
    "likelihood_ratio_bound",
    "posterior",
    "log10_odds",
    "posterior_ceiling",
    "audience_settings",
    "audience_posterior",
    "skeptic_behavioral_summary",
    "legibility_frame",
    "BELIEVER_PRIOR",
    "SKEPTIC_PRIOR",
    "BELIEVER_VALIDITY_INTERNALS",
    "SKEPTIC_VALIDITY_INTERNALS",
    "ARTIFACT_RATE_INTERNALS",
    "BELIEVER_VALIDITY_BEHAVIORAL",
    "BELIEVER_ARTIFACT_RATE_BEHAVIORAL",
    "SKEPTIC_VALIDITY_BEHAVIORAL",
    "SKEPTIC_ARTIFACT_RATE_BEHAVIORAL",
    "SENSITIVITY",
    "FALSE_POSITIVE_RATE",
    "RUNS",
    "PRIOR_RANGE",
    "VALIDITY_RANGE",
    "ARTIFACT_RATE_RANGE",
    "RATE_RANGE",
    "RUNS_RANGE",
    "LIKELIHOOD_RATIO_RANGE",
    "EVIDENCE_KINDS",
    "AUDIENCES",
]


# --- Illustrative audiences (not measured; picked to make the source's argument visible) ---
BELIEVER_PRIOR = 0.3  # believer's P(scheming) before the evidence
SKEPTIC_PRIOR = 0.05  # skeptic's P(scheming) before the evidence
BELIEVER_VALIDITY_INTERNALS = 0.9  # believer's credence that a probe result is valid
SKEPTIC_VALIDITY_INTERNALS = 0.2  # skeptic's credence that a probe result is valid
ARTIFACT_RATE_INTERNALS = 0.5  # P(an invalid probe fires as on a schemer); same for both audiences
BELIEVER_VALIDITY_BEHAVIORAL = 0.95  # believer's credence that a red-handed catch is valid
BELIEVER_ARTIFACT_RATE_BEHAVIORAL = 0.01  # believer's P(an invalid catch setup mimics a schemer)
SKEPTIC_VALIDITY_BEHAVIORAL = 0.8  # skeptic's credence that a red-handed catch is valid
SKEPTIC_ARTIFACT_RATE_BEHAVIORAL = 0.05  # skeptic's P(e.g. the setup prompted the behavior)
SENSITIVITY = 0.5  # P(one run of a valid test is positive on a schemer)
FALSE_POSITIVE_RATE = 0.1  # P(one run of a valid test is positive on a non-schemer)
RUNS = 10  # m, runs of a test shown in the figure

# --- Validation ranges ---
PRIOR_RANGE = (0.0, 1.0)  # P(scheming), open interval: a dogmatic 0 or 1 cannot be updated
VALIDITY_RANGE = (0.0, 1.0)  # q, closed interval
ARTIFACT_RATE_RANGE = (1e-6, 1.0)  # c; > 0 so that an invalid method can explain a positive
RATE_RANGE = (1e-6, 1.0 - 1e-6)  # s and f: open so that both outcomes of a run are possible
RUNS_RANGE = (0, 200)  # m
LIKELIHOOD_RATIO_RANGE = (0.0, None)  # any finite non-negative ratio

EVIDENCE_KINDS = ("internals", "behavioral")
AUDIENCES = ("believer", "skeptic")


def _check_counts(positives, runs):
    """Validate k (whole number(s) in [0, m]) and m; return k as a float array or float, and m."""
    m = check_integer("runs", runs, *RUNS_RANGE)
    if np.ndim(positives) == 0:
        return float(check_integer("positives", positives, 0, m)), m
    arr = check_array("positives", positives, 0, m)
    if not np.all(arr == np.round(arr)):
        raise ValueError(f"positives must be whole numbers in [0, {m}], got {arr[arr != np.round(arr)][0]!r}")
    return arr, m


def likelihood_ratio(
    positives,
    runs: int,
    validity: float,
    artifact_rate: float,
    sensitivity: float = SENSITIVITY,
    false_positive_rate: float = FALSE_POSITIVE_RATE,
):
    """Likelihood ratio P(k of m positive | schemer) / P(k of m positive | not).

    Derivation. V is "the method is valid" (credence q, independent of scheming S). Given V
    the runs are independent, each positive with probability s on a schemer and f otherwise:
    P(k | S, V) = B_s(k), P(k | not S, V) = B_f(k), binomial probabilities. Given not V the
    result does not depend on S: with probability c an artifact makes the method respond as
    to a schemer (B_s), else as to a non-schemer (B_f). By total probability, dividing by
    B_f(k) and writing r = B_s(k) / B_f(k) = (s/f)^k ((1-s)/(1-f))^(m-k),

        LR = (A r + 1 - A) / (C r + 1 - C)  with  A = q + (1 - q) c,  C = (1 - q) c
           = 1 + q (r - 1) / (C r + 1 - C).

    Its derivative in r is q / (C r + 1 - C)^2 >= 0, so LR never falls as k rises for fixed m
    (when s > f), and it stays below A / C = 1 + q / ((1 - q) c): see
    :func:`likelihood_ratio_bound`.

    Parameters
    ----------
    positives : int or array_like of int
        k, the number of positive runs; whole numbers in [0, runs].
    runs : int
        m, the number of runs; in [0, 200].
    validity : float
        q, the audience's credence that the method is valid; in [0, 1].
    artifact_rate : float
        c, probability that an invalid method responds as it would to a schemer; in [1e-6, 1].
    sensitivity, false_positive_rate : float, optional
        s and f, per-run P(positive) of a valid test on a schemer and a non-schemer; each in
        (0, 1). Defaults 0.5 and 0.1 (illustrative).

    Returns
    -------
    float or ndarray
        The likelihood ratio (dimensionless, >= 0), one per element of ``positives``.

    Examples
    --------
    The default skeptic's view of one positive probe run (q = 0.2, c = 0.5), which is
    (0.6 * 5 + 0.4) / (0.4 * 5 + 0.6):

    >>> round(likelihood_ratio(1, 1, 0.2, 0.5), 3)
    1.308
    >>> likelihood_ratio(0, 0, 0.2, 0.5)
    1.0
    """
    k, m = _check_counts(positives, runs)
    q = check_number("validity", validity, *VALIDITY_RANGE)
    c = check_number("artifact_rate", artifact_rate, *ARTIFACT_RATE_RANGE)
    s = check_number("sensitivity", sensitivity, *RATE_RANGE)
    f = check_number("false_positive_rate", false_positive_rate, *RATE_RANGE)
    # r in log space: s, f in [1e-6, 1 - 1e-6] and m <= 200 keep |log r| < 2,800, so clip exp.
    log_r = k * (math.log(s) - math.log(f)) + (m - k) * (math.log1p(-s) - math.log1p(-f))
    r = np.exp(np.clip(log_r, -700.0, 700.0))
    a, cc = q + (1.0 - q) * c, (1.0 - q) * c
    denominator = cc * r + 1.0 - cc
    # For r >= 1 the form 1 + q (r - 1) / D keeps the computed ratio under the computed bound;
    # for r < 1 the direct form has no cancellation (all its terms are positive).
    ratio = np.where(r >= 1.0, 1.0 + q * (r - 1.0) / denominator,
                     (a * r + 1.0 - a) / denominator)
    return float(ratio) if np.ndim(ratio) == 0 else ratio


def likelihood_ratio_bound(validity: float, artifact_rate: float) -> float:
    """Ceiling on the likelihood ratio over any k and m: ``1 + q / ((1 - q) c)``.

    The limit of :func:`likelihood_ratio` as r grows without bound is A / C = (q + (1 - q) c) /
    ((1 - q) c); since LR rises with r, every finite record of runs stays below it.

    Parameters
    ----------
    validity : float
        q; in [0, 1). At q = 1 there is no finite ceiling.
    artifact_rate : float
        c; in [1e-6, 1].

    Returns
    -------
    float
        The ceiling (dimensionless, >= 1).

    Examples
    --------
    >>> likelihood_ratio_bound(0.2, 0.5)
    1.5
    >>> round(likelihood_ratio_bound(0.95, 0.01))
    1901
    """
    lo, hi = VALIDITY_RANGE
    q = check_number("validity", validity, lo, hi, hi_open=True)
    c = check_number("artifact_rate", artifact_rate, *ARTIFACT_RATE_RANGE)
    return 1.0 + q / ((1.0 - q) * c)


def posterior(prior: float, likelihood_ratio):
    """Posterior P(scheming) by Bayes' rule in odds form: posterior odds = prior odds * LR.

    Computed on the log-odds scale so that huge ratios cannot overflow.

    Parameters
    ----------
    prior : float
        P(scheming) before the evidence; in the open interval (0, 1).
    likelihood_ratio : float or array_like
        Finite and >= 0.

    Returns
    -------
    float or ndarray
        P(scheming) after the evidence, in [0, 1].

    Examples
    --------
    >>> posterior(0.5, 3.0)
    0.75
    >>> posterior(0.05, 1.0)
    0.05
    """
    p = check_number("prior", prior, *PRIOR_RANGE, lo_open=True, hi_open=True)
    if np.ndim(likelihood_ratio) == 0:
        lr = np.array([check_number("likelihood_ratio", likelihood_ratio, *LIKELIHOOD_RATIO_RANGE)])
    else:
        lr = check_array("likelihood_ratio", likelihood_ratio, *LIKELIHOOD_RATIO_RANGE)
    out = np.zeros_like(lr)
    positive = lr > 0
    log_odds = math.log(p) - math.log1p(-p) + np.log(lr[positive])
    e = np.exp(-np.abs(log_odds))  # a numerically stable logistic function of the log-odds
    out[positive] = np.where(log_odds >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    if lr.size == 1 and np.ndim(likelihood_ratio) == 0:
        return p if lr[0] == 1.0 else float(out[0])
    out[lr == 1.0] = p
    return out


def log10_odds(prior: float, likelihood_ratio=1.0):
    """Posterior log-odds of scheming in powers of ten: ``log10(p / (1 - p)) + log10(LR)``.

    0 is even odds, 1 is 10:1 on, -1 is 1:10. On this scale Bayes' rule adds log10(LR) to
    whatever the prior was, so evidence moves every audience by the same distance when their
    likelihood ratios agree.

    Parameters
    ----------
    prior : float
        P(scheming) before the evidence; in (0, 1).
    likelihood_ratio : float or array_like, optional
        > 0 and finite. Default 1 (the prior's log-odds).

    Examples
    --------
    >>> log10_odds(0.5)
    0.0
    >>> round(log10_odds(1 / 11, 100.0), 12)
    1.0
    """
    p = check_number("prior", prior, *PRIOR_RANGE, lo_open=True, hi_open=True)
    prior_log_odds = (math.log(p) - math.log1p(-p)) / math.log(10.0)
    if np.ndim(likelihood_ratio) == 0:
        lr = check_number("likelihood_ratio", likelihood_ratio, 0.0, None, lo_open=True)
        return prior_log_odds + math.log10(lr)
    lr = check_array("likelihood_ratio", likelihood_ratio, 0.0, None, lo_open=True)
    return prior_log_odds + np.log10(lr)


def posterior_ceiling(prior: float, validity: float, artifact_rate: float) -> float:
    """Highest posterior P(scheming) any record of runs can reach for this audience.

    Bayes' rule at the ratio ceiling A / C, written without dividing by (1 - q) so that it also
    holds at q = 1 (where it is 1):

        ceiling = p A / (p A + (1 - p) C),  A = q + (1 - q) c,  C = (1 - q) c.

    Parameters
    ----------
    prior : float
        p; in (0, 1).
    validity : float
        q; in [0, 1].
    artifact_rate : float
        c; in [1e-6, 1].

    Returns
    -------
    float
        The ceiling, in [prior, 1].

    Examples
    --------
    >>> round(posterior_ceiling(0.05, 0.2, 0.5), 4)
    0.0732
    """
    p = check_number("prior", prior, *PRIOR_RANGE, lo_open=True, hi_open=True)
    q = check_number("validity", validity, *VALIDITY_RANGE)
    c = check_number("artifact_rate", artifact_rate, *ARTIFACT_RATE_RANGE)
    top = p * (q + (1.0 - q) * c)
    return top / (top + (1.0 - p) * (1.0 - q) * c)


def audience_settings(
    skeptic_validity_internals: float = SKEPTIC_VALIDITY_INTERNALS,
    artifact_rate_internals: float = ARTIFACT_RATE_INTERNALS,
    skeptic_validity_behavioral: float = SKEPTIC_VALIDITY_BEHAVIORAL,
    skeptic_artifact_rate_behavioral: float = SKEPTIC_ARTIFACT_RATE_BEHAVIORAL,
) -> dict:
    """Each audience's prior and, per kind of evidence, its (q, c): the model's defaults, with the
    skeptic's four numbers (the figure's sliders) overridable.

    Returns ``{audience: {"prior": p, "internals": (q, c), "behavioral": (q, c)}}``.

    Examples
    --------
    >>> audience_settings()["skeptic"]["behavioral"]
    (0.8, 0.05)
    """
    q_i = check_number("skeptic_validity_internals", skeptic_validity_internals, 0.0, 1.0, hi_open=True)
    c_i = check_number("artifact_rate_internals", artifact_rate_internals, *ARTIFACT_RATE_RANGE)
    q_b = check_number("skeptic_validity_behavioral", skeptic_validity_behavioral, 0.0, 1.0, hi_open=True)
    c_b = check_number("skeptic_artifact_rate_behavioral", skeptic_artifact_rate_behavioral,
                       *ARTIFACT_RATE_RANGE)
    return {
        "believer": {"prior": BELIEVER_PRIOR, "internals": (BELIEVER_VALIDITY_INTERNALS, c_i),
                     "behavioral": (BELIEVER_VALIDITY_BEHAVIORAL, BELIEVER_ARTIFACT_RATE_BEHAVIORAL)},
        "skeptic": {"prior": SKEPTIC_PRIOR, "internals": (q_i, c_i), "behavioral": (q_b, c_b)},
    }


def audience_posterior(audience: str, evidence: str, positives, runs: int = RUNS, **skeptic):
    """P(scheming) of ``audience`` after ``positives`` of ``runs`` runs of ``evidence``.

    ``posterior(prior, likelihood_ratio(k, m, q, c))`` with the audience's prior and (q, c) for
    that kind of evidence from :func:`audience_settings` (``skeptic`` overrides its four
    skeptic's numbers). Sensitivity 0.5 and false-positive rate 0.1 for both kinds of evidence,
    so the kinds differ only in how easily a result is explained away.

    Examples
    --------
    >>> round(audience_posterior("skeptic", "internals", 10), 4)
    0.0732
    >>> round(audience_posterior("skeptic", "behavioral", 10), 3)
    0.81
    """
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {AUDIENCES}, got {audience!r}")
    if evidence not in EVIDENCE_KINDS:
        raise ValueError(f"evidence must be one of {EVIDENCE_KINDS}, got {evidence!r}")
    settings = audience_settings(**skeptic)[audience]
    q, c = settings[evidence]
    return posterior(settings["prior"], likelihood_ratio(positives, runs, q, c))


def skeptic_behavioral_summary(
    skeptic_validity_behavioral: float = SKEPTIC_VALIDITY_BEHAVIORAL,
    skeptic_artifact_rate_behavioral: float = SKEPTIC_ARTIFACT_RATE_BEHAVIORAL,
) -> dict[str, float]:
    """The skeptic's P(scheming) after every one of ``RUNS`` behavioral runs catches the model.

    The quantity of the claim that behavioral evidence moves the skeptic past even odds.

    Examples
    --------
    >>> round(skeptic_behavioral_summary()["posterior"], 3)
    0.81
    """
    return {"posterior": audience_posterior(
        "skeptic", "behavioral", RUNS, RUNS, skeptic_validity_behavioral=skeptic_validity_behavioral,
        skeptic_artifact_rate_behavioral=skeptic_artifact_rate_behavioral)}


def legibility_frame(
    *,
    skeptic_validity_internals: float = SKEPTIC_VALIDITY_INTERNALS,
    artifact_rate_internals: float = ARTIFACT_RATE_INTERNALS,
    skeptic_validity_behavioral: float = SKEPTIC_VALIDITY_BEHAVIORAL,
    skeptic_artifact_rate_behavioral: float = SKEPTIC_ARTIFACT_RATE_BEHAVIORAL,
) -> pd.DataFrame:
    """Tidy frame for the audiences chart: both audiences after k positives of ``RUNS`` runs.

    One row per (evidence, audience, k), in that nested order, k = 0..RUNS (44 rows). Columns:
    ``evidence``, ``audience``, ``positives`` (k, float), ``likelihood_ratio``, ``posterior``,
    ``log10_odds`` (posterior log-odds, powers of ten), ``posterior_ceiling`` and
    ``ceiling_log10_odds`` (that audience's ceiling for this kind of evidence), ``gap`` (believer's
    minus skeptic's posterior) and ``log10_odds_gap`` (the same on the log-odds scale), the last
    two repeated on both audiences' rows.

    Examples
    --------
    >>> df = legibility_frame()
    >>> len(df), list(df["evidence"].unique())
    (44, ['internals', 'behavioral'])
    """
    settings = audience_settings(skeptic_validity_internals, artifact_rate_internals,
                                 skeptic_validity_behavioral, skeptic_artifact_rate_behavioral)
    k = np.arange(RUNS + 1, dtype=float)
    pieces = []
    for kind in EVIDENCE_KINDS:
        rows = {}
        for name in AUDIENCES:
            prior, (q, c) = settings[name]["prior"], settings[name][kind]
            lr = likelihood_ratio(k, RUNS, q, c)
            ceiling = posterior_ceiling(prior, q, c)
            rows[name] = pd.DataFrame({
                "evidence": kind, "audience": name, "positives": k, "likelihood_ratio": lr,
                "posterior": posterior(prior, lr), "log10_odds": log10_odds(prior, lr),
                "posterior_ceiling": ceiling,
                "ceiling_log10_odds": log10_odds(prior, likelihood_ratio_bound(q, c)),
            })
        gap = rows["believer"]["posterior"] - rows["skeptic"]["posterior"]
        log_gap = rows["believer"]["log10_odds"] - rows["skeptic"]["log10_odds"]
        for name in AUDIENCES:
            rows[name]["gap"], rows[name]["log10_odds_gap"] = gap, log_gap
            pieces.append(rows[name])
    return pd.concat(pieces, ignore_index=True)
