"""Legible evidence: why internals-based evidence of scheming persuades only believers
(source lines 3-11), and what iterating against a probe does to its reading.

Part 1, two audiences. A believer and a skeptic each hold a prior P(scheming) and, for each
kind of evidence, a credence ``q`` (``validity``) that the evidence means what it seems to. If
the method is invalid, an artifact (present with probability ``c``, ``artifact_rate``) produces
the same positive result on every replication, schemer or not. So replication cannot lift the
likelihood ratio above ``1 + q / ((1 - q) * c)``: for a skeptic of internals (small ``q``, large
``c``) that ceiling is low, while a red-handed behavioral catch (large ``q``, small ``c`` for
everyone) moves both audiences.

Part 2, iterating against the method. With latent deceptiveness ``d`` and probe score ``s``
jointly standard normal with correlation ``rho``, keeping the lowest-scoring of ``k`` samples
lowers the probe reading by ``E[max of k N(0, 1)]`` standard deviations but ``d`` only by ``rho``
times that: the probe reading after selection overstates the improvement by
``(1 - rho) * E[max of k]``.

Every default number below is illustrative, chosen to make the argument visible, not measured.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from essays.checks import check_array, check_integer, check_number

# --- Illustrative audiences (not measured; picked to make the source's argument visible) ---
BELIEVER_PRIOR = 0.3  # believer's P(scheming) before the evidence
BELIEVER_VALIDITY_INTERNALS = 0.9  # believer's credence that a probe result means what it seems
SKEPTIC_PRIOR = 0.05  # skeptic's P(scheming) before the evidence
SKEPTIC_VALIDITY_INTERNALS = 0.2  # skeptic's credence that a probe result means what it seems
ARTIFACT_RATE_INTERNALS = 0.5  # P(an invalid probe's artifact fires on honeypots); same for both
SENSITIVITY = 0.9  # P(a valid test comes out positive on a schemer), per replication
FALSE_POSITIVE_RATE = 0.1  # P(a valid test comes out positive on a non-schemer), per replication
VALIDITY_BEHAVIORAL = 0.95  # both audiences' credence that a red-handed catch is what it seems
ARTIFACT_RATE_BEHAVIORAL = 0.01  # P(a realistic catch is explained away by a setup artifact)
CORRELATION = 0.5  # illustrative correlation between probe score and latent deceptiveness

# --- Validation ranges (generous: sliders may sit anywhere inside them) ---
PRIOR_RANGE = (0.0, 1.0)  # P(scheming), open interval: a dogmatic 0 or 1 cannot be updated
VALIDITY_RANGE = (0.0, 1.0)  # q, closed interval
ARTIFACT_RATE_RANGE = (1e-6, 1.0)  # c; > 0 so that an invalid method can explain a positive
SENSITIVITY_RANGE = (0.0, 1.0)  # per-replication probability
FALSE_POSITIVE_RATE_RANGE = (1e-6, 1.0)  # per-replication probability; > 0 keeps ratios finite
REPLICATIONS_RANGE = (0, 50)  # m, number of replications, all positive (0 = no evidence yet)
LIKELIHOOD_RATIO_RANGE = (0.0, None)  # any finite non-negative ratio
CORRELATION_RANGE = (-1.0, 1.0)  # rho between probe score and latent deceptiveness
SAMPLES_RANGE = (1, 1_000_000)  # k, samples resampled against the probe
DRAWS_RANGE = (2, 1_000_000)  # Monte Carlo draws in simulate_resampling
SIMULATED_SAMPLES_RANGE = (1, 1_000)  # k for the simulation (memory grows as draws * k)

EVIDENCE_KINDS = ("internals", "behavioral")
AUDIENCES = ("believer", "skeptic")
FRAME_REPLICATIONS = tuple(range(1, 21))  # m shown in the legibility chart


# --------------------------------------------------------------------------------------------
# Part 1: two audiences, two kinds of evidence
# --------------------------------------------------------------------------------------------


def _check_replications(replications):
    """Validate ``replications`` (a whole number or array of whole numbers); return it as float."""
    if np.ndim(replications) == 0:
        return float(check_integer("replications", replications, *REPLICATIONS_RANGE))
    arr = check_array("replications", replications, *REPLICATIONS_RANGE)
    if not np.all(arr == np.round(arr)):
        raise ValueError(
            f"replications must be whole numbers in [{REPLICATIONS_RANGE[0]}, "
            f"{REPLICATIONS_RANGE[1]}], got {arr[arr != np.round(arr)][0]!r}"
        )
    return arr


def _check_evidence(evidence) -> str:
    if evidence not in EVIDENCE_KINDS:
        raise ValueError(f"evidence must be one of {EVIDENCE_KINDS}, got {evidence!r}")
    return evidence


def likelihood_ratio(
    replications,
    validity: float,
    artifact_rate: float,
    sensitivity: float = SENSITIVITY,
    false_positive_rate: float = FALSE_POSITIVE_RATE,
):
    """Likelihood ratio P(m positives | schemer) / P(m positives | not) of ``m`` positive replications.

    Derivation. Let V be "the method is valid", with P(V) = q judged independently of whether
    the model schemes (S). Given V, the m runs are independent: each is positive with
    probability ``sensitivity`` on a schemer and ``false_positive_rate`` otherwise, so
    P(m positives | S, V) = sens^m and P(m positives | not S, V) = fpr^m. Given not V, an
    artifact is present with probability c and then produces the positive result on every run
    (it is the same artifact each time), whatever the model is: P(m positives | S, not V) =
    P(m positives | not S, not V) = c. The artifact term is the same under both hypotheses,
    since an invalid method's result says nothing about scheming. By total probability,

        P(m+ | S)     = q * sens^m + (1 - q) * c
        P(m+ | not S) = q * fpr^m  + (1 - q) * c
        LR(m)         = (q * sens^m + (1 - q) * c) / (q * fpr^m + (1 - q) * c).

    Since sens^m <= 1 and q * fpr^m > 0 (for q > 0), LR(m) < 1 + q / ((1 - q) * c) for every m:
    see :func:`likelihood_ratio_bound`. At m = 0 both sides are equal, so LR = 1 (no evidence).
    As m grows with sens < 1, both valid-method terms vanish and LR falls back toward 1: m out
    of m positives becomes more likely to come from a replicating artifact than from a valid
    test.

    Parameters
    ----------
    replications : int or array_like of int
        m, the number of replications, all of which came out positive; in [0, 50].
    validity : float
        q, the audience's credence (probability) that the method is valid; in [0, 1].
    artifact_rate : float
        c, probability that an invalid method's artifact yields the positive result; in
        [1e-6, 1].
    sensitivity : float, optional
        Probability that one valid run is positive on a schemer; in [0, 1]. Default 0.9
        (illustrative).
    false_positive_rate : float, optional
        Probability that one valid run is positive on a non-schemer; in [1e-6, 1]. Default 0.1
        (illustrative).

    Returns
    -------
    float or ndarray
        The likelihood ratio (dimensionless, >= 0), one per element of ``replications``.

    Examples
    --------
    The default skeptic's view of one probe result (q = 0.2, c = 0.5):

    >>> round(likelihood_ratio(1, 0.2, 0.5), 3)
    1.381
    >>> likelihood_ratio(0, 0.2, 0.5)
    1.0
    """
    m = _check_replications(replications)
    q = check_number("validity", validity, *VALIDITY_RANGE)
    c = check_number("artifact_rate", artifact_rate, *ARTIFACT_RATE_RANGE)
    sens = check_number("sensitivity", sensitivity, *SENSITIVITY_RANGE)
    fpr = check_number("false_positive_rate", false_positive_rate, *FALSE_POSITIVE_RATE_RANGE)
    artifact = (1.0 - q) * c
    # fpr >= 1e-6 and m <= 50 keep fpr**m >= 1e-300, so the denominator never underflows to 0.
    valid_schemer, valid_other = np.power(sens, m), np.power(fpr, m)
    denominator = q * valid_other + artifact
    if sens >= fpr:
        # The same ratio written as 1 + q (sens^m - fpr^m) / denominator: every rounding step is
        # then monotone in the quantities the bound drops, so the computed ratio can never exceed
        # the computed bound 1 + q / ((1 - q) c), not even by one rounding error.
        ratio = 1.0 + q * (valid_schemer - valid_other) / denominator
    else:
        # Exculpatory evidence (ratio < 1): the direct form keeps full relative precision.
        ratio = (q * valid_schemer + artifact) / denominator
    return float(ratio) if np.ndim(ratio) == 0 else ratio


def likelihood_ratio_bound(validity: float, artifact_rate: float) -> float:
    """Ceiling on the likelihood ratio over any number of replications: ``1 + q / ((1 - q) * c)``.

    From :func:`likelihood_ratio`: the numerator q * sens^m + (1 - q) * c is at most
    q + (1 - q) * c, and the denominator is more than (1 - q) * c, so their ratio is below
    (q + (1 - q) * c) / ((1 - q) * c) = 1 + q / ((1 - q) * c), whatever sens, fpr and m are.
    The bound is reached only in the limit sens = 1, fpr -> 0.

    Parameters
    ----------
    validity : float
        q, credence (probability) that the method is valid; in [0, 1). At q = 1 there is no
        finite ceiling.
    artifact_rate : float
        c, probability that an invalid method's artifact yields the positive result; in
        [1e-6, 1].

    Returns
    -------
    float
        The ceiling (dimensionless, >= 1).

    Examples
    --------
    The default skeptic of internals (q = 0.2, c = 0.5), and anyone facing a red-handed catch
    (q = 0.95, c = 0.01):

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
    """Posterior P(scheming) from a prior and a likelihood ratio, by Bayes' rule in odds form.

    ``posterior = prior * LR / (prior * LR + 1 - prior)``, i.e. posterior odds = prior odds * LR;
    computed on the log-odds scale so that huge ratios cannot overflow.

    Parameters
    ----------
    prior : float
        P(scheming) before the evidence; in the open interval (0, 1).
    likelihood_ratio : float or array_like
        P(evidence | schemer) / P(evidence | not); finite and >= 0.

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
    # Numerically stable logistic function of the log-odds.
    e = np.exp(-np.abs(log_odds))
    out[positive] = np.where(log_odds >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    if lr.size == 1 and np.ndim(likelihood_ratio) == 0:
        # Keep exact simple cases exact (posterior(p, 1) == p).
        return p if lr[0] == 1.0 else float(out[0])
    out[lr == 1.0] = p
    return out


def posterior_ceiling(prior: float, validity: float, artifact_rate: float) -> float:
    """Highest posterior P(scheming) any number of replications can reach for this audience.

    Bayes' rule with the likelihood-ratio ceiling B = 1 + q / ((1 - q) c), written without
    division by (1 - q) so that it also holds at q = 1 (where it is 1):

        ceiling = p (q + (1 - q) c) / (p (q + (1 - q) c) + (1 - p) (1 - q) c).

    Parameters
    ----------
    prior : float
        p, P(scheming) before the evidence; in the open interval (0, 1).
    validity : float
        q, credence that the method is valid; in [0, 1].
    artifact_rate : float
        c, probability that an invalid method's artifact yields the positive result; in
        [1e-6, 1].

    Returns
    -------
    float
        The ceiling on the posterior, in [prior, 1].

    Examples
    --------
    The default skeptic (prior 0.05) facing internals evidence (q = 0.2, c = 0.5):

    >>> round(posterior_ceiling(0.05, 0.2, 0.5), 4)
    0.0732
    """
    p = check_number("prior", prior, *PRIOR_RANGE, lo_open=True, hi_open=True)
    q = check_number("validity", validity, *VALIDITY_RANGE)
    c = check_number("artifact_rate", artifact_rate, *ARTIFACT_RATE_RANGE)
    top = p * (q + (1.0 - q) * c)
    return top / (top + (1.0 - p) * (1.0 - q) * c)


def audience_posterior(
    replications,
    evidence: str,
    prior: float,
    validity_internals: float,
    validity_behavioral: float = VALIDITY_BEHAVIORAL,
    artifact_rate_internals: float = ARTIFACT_RATE_INTERNALS,
    artifact_rate_behavioral: float = ARTIFACT_RATE_BEHAVIORAL,
    sensitivity: float = SENSITIVITY,
    false_positive_rate: float = FALSE_POSITIVE_RATE,
):
    """Posterior P(scheming) of an audience after ``replications`` positive results of one kind.

    ``posterior(prior, LR(m; q, c, sens, fpr))`` where ``q`` and ``c`` are the audience's
    credence and the artifact rate for the chosen kind of evidence ("internals": a probe firing
    well above baseline on honeypots; "behavioral": the model caught red-handed in a realistic
    setting). The same sensitivity and false-positive rate serve both kinds, so the two panels
    differ only in how easily the result can be explained away (q and c), not in how diagnostic
    a valid result is.

    Parameters
    ----------
    replications : int or array_like of int
        m, number of positive replications; in [0, 50].
    evidence : {"internals", "behavioral"}
        Which kind of evidence.
    prior : float
        P(scheming) before the evidence; in (0, 1).
    validity_internals, validity_behavioral : float
        Credence that internals / behavioral evidence is valid; in [0, 1].
    artifact_rate_internals, artifact_rate_behavioral : float
        Probability that an invalid method's artifact yields the positive result; in [1e-6, 1].
    sensitivity, false_positive_rate : float
        Per-replication P(positive | schemer) in [0, 1] and P(positive | not) in [1e-6, 1] of a
        valid method.

    Returns
    -------
    float or ndarray
        P(scheming) after the evidence.

    Examples
    --------
    >>> round(audience_posterior(1, "behavioral", 0.05, 0.2), 3)
    0.32
    """
    kind = _check_evidence(evidence)
    check_number("validity_internals", validity_internals, *VALIDITY_RANGE)
    check_number("validity_behavioral", validity_behavioral, *VALIDITY_RANGE)
    check_number("artifact_rate_internals", artifact_rate_internals, *ARTIFACT_RATE_RANGE)
    check_number("artifact_rate_behavioral", artifact_rate_behavioral, *ARTIFACT_RATE_RANGE)
    if kind == "internals":
        q, c = validity_internals, artifact_rate_internals
    else:
        q, c = validity_behavioral, artifact_rate_behavioral
    lr = likelihood_ratio(replications, q, c, sensitivity, false_positive_rate)
    return posterior(prior, lr)


def believer_posterior(
    replications=1,
    evidence: str = "internals",
    *,
    prior: float = BELIEVER_PRIOR,
    validity_internals: float = BELIEVER_VALIDITY_INTERNALS,
    validity_behavioral: float = VALIDITY_BEHAVIORAL,
    artifact_rate_internals: float = ARTIFACT_RATE_INTERNALS,
    artifact_rate_behavioral: float = ARTIFACT_RATE_BEHAVIORAL,
    sensitivity: float = SENSITIVITY,
    false_positive_rate: float = FALSE_POSITIVE_RATE,
):
    """The believer's posterior P(scheming): :func:`audience_posterior` with the believer's defaults.

    Defaults (illustrative, not measured): prior 0.3, credence 0.9 that internals evidence is
    valid, 0.95 for behavioral; artifact rates 0.5 (internals) and 0.01 (behavioral);
    sensitivity 0.9 and false-positive rate 0.1 per replication. Units as in
    :func:`audience_posterior`.

    Examples
    --------
    >>> round(believer_posterior(1, "internals"), 3)
    0.725
    """
    return audience_posterior(
        replications, evidence, prior, validity_internals, validity_behavioral,
        artifact_rate_internals, artifact_rate_behavioral, sensitivity, false_positive_rate,
    )


def skeptic_posterior(
    replications=1,
    evidence: str = "internals",
    *,
    prior: float = SKEPTIC_PRIOR,
    validity_internals: float = SKEPTIC_VALIDITY_INTERNALS,
    validity_behavioral: float = VALIDITY_BEHAVIORAL,
    artifact_rate_internals: float = ARTIFACT_RATE_INTERNALS,
    artifact_rate_behavioral: float = ARTIFACT_RATE_BEHAVIORAL,
    sensitivity: float = SENSITIVITY,
    false_positive_rate: float = FALSE_POSITIVE_RATE,
):
    """The skeptic's posterior P(scheming): :func:`audience_posterior` with the skeptic's defaults.

    Defaults (illustrative, not measured): prior 0.05, credence 0.2 that internals evidence is
    valid, 0.95 for behavioral; the artifact rates, sensitivity and false-positive rate are the
    believer's. Units as in :func:`audience_posterior`.

    Examples
    --------
    One probe result barely moves the skeptic; one red-handed catch does:

    >>> round(skeptic_posterior(1, "internals"), 3), round(skeptic_posterior(1, "behavioral"), 3)
    (0.068, 0.32)
    """
    return audience_posterior(
        replications, evidence, prior, validity_internals, validity_behavioral,
        artifact_rate_internals, artifact_rate_behavioral, sensitivity, false_positive_rate,
    )


def legibility_frame(
    *,
    skeptic_validity_internals: float = SKEPTIC_VALIDITY_INTERNALS,
    artifact_rate_internals: float = ARTIFACT_RATE_INTERNALS,
    sensitivity: float = SENSITIVITY,
    false_positive_rate: float = FALSE_POSITIVE_RATE,
    believer_prior: float = BELIEVER_PRIOR,
    skeptic_prior: float = SKEPTIC_PRIOR,
    believer_validity_internals: float = BELIEVER_VALIDITY_INTERNALS,
    validity_behavioral: float = VALIDITY_BEHAVIORAL,
    artifact_rate_behavioral: float = ARTIFACT_RATE_BEHAVIORAL,
) -> pd.DataFrame:
    """Tidy frame for the legibility chart: both audiences' posteriors against replications.

    One row per (evidence, audience, m) for evidence in ("internals", "behavioral"), audience
    in ("believer", "skeptic"), m = 1..20 (80 rows, in that nested order). Columns:

    - ``evidence`` (str): the panel, "internals" or "behavioral".
    - ``audience`` (str): the line, "believer" or "skeptic".
    - ``replications`` (float): m, number of positive replications.
    - ``likelihood_ratio`` (float): that audience's LR(m), see :func:`likelihood_ratio`.
    - ``posterior`` (float): that audience's P(scheming) after m positives.
    - ``posterior_ceiling`` (float): that audience's highest reachable posterior for this kind
      of evidence, see :func:`posterior_ceiling` (a rule to draw, constant within a line).
    - ``legibility_gap`` (float): believer's minus skeptic's posterior at this (evidence, m),
      repeated on both audiences' rows.

    Parameters
    ----------
    skeptic_validity_internals, believer_validity_internals : float
        Each audience's credence that internals evidence is valid; in [0, 1].
    artifact_rate_internals, artifact_rate_behavioral : float
        Probability that an invalid method's artifact yields the positive result; in [1e-6, 1].
    sensitivity, false_positive_rate : float
        Per-replication P(positive | schemer) in [0, 1] and P(positive | not) in [1e-6, 1].
    believer_prior, skeptic_prior : float
        Each audience's P(scheming) before the evidence; in (0, 1).
    validity_behavioral : float
        Both audiences' credence that a red-handed catch is valid; in [0, 1].

    Examples
    --------
    >>> df = legibility_frame()
    >>> len(df), list(df["evidence"].unique())
    (80, ['internals', 'behavioral'])
    """
    audiences = {
        "believer": (
            check_number("believer_prior", believer_prior, *PRIOR_RANGE, lo_open=True, hi_open=True),
            check_number("believer_validity_internals", believer_validity_internals, *VALIDITY_RANGE),
        ),
        "skeptic": (
            check_number("skeptic_prior", skeptic_prior, *PRIOR_RANGE, lo_open=True, hi_open=True),
            check_number("skeptic_validity_internals", skeptic_validity_internals, *VALIDITY_RANGE),
        ),
    }
    check_number("validity_behavioral", validity_behavioral, *VALIDITY_RANGE)
    check_number("artifact_rate_internals", artifact_rate_internals, *ARTIFACT_RATE_RANGE)
    check_number("artifact_rate_behavioral", artifact_rate_behavioral, *ARTIFACT_RATE_RANGE)
    check_number("sensitivity", sensitivity, *SENSITIVITY_RANGE)
    check_number("false_positive_rate", false_positive_rate, *FALSE_POSITIVE_RATE_RANGE)
    m = np.array(FRAME_REPLICATIONS, dtype=float)
    pieces = []
    for kind in EVIDENCE_KINDS:
        c = artifact_rate_internals if kind == "internals" else artifact_rate_behavioral
        posteriors = {}
        for name, (prior, q_internals) in audiences.items():
            q = q_internals if kind == "internals" else validity_behavioral
            lr = likelihood_ratio(m, q, c, sensitivity, false_positive_rate)
            posteriors[name] = posterior(prior, lr)
            pieces.append(pd.DataFrame({
                "evidence": kind,
                "audience": name,
                "replications": m,
                "likelihood_ratio": lr,
                "posterior": posteriors[name],
                "posterior_ceiling": posterior_ceiling(prior, q, c),
            }))
        gap = posteriors["believer"] - posteriors["skeptic"]
        pieces[-2]["legibility_gap"] = gap
        pieces[-1]["legibility_gap"] = gap
    return pd.concat(pieces, ignore_index=True)


# --------------------------------------------------------------------------------------------
# Part 2: iterating against the method (resampling against a probe)
# --------------------------------------------------------------------------------------------

_GRID_STEP = 0.002  # integration step, in standard deviations
_GRID_HALF_WIDTH = 12.0  # integrate over [-12, 12]; the integrand is < 1e-25 outside


@lru_cache(maxsize=1)
def _normal_grid() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Grid x, standard normal density phi(x) and log Phi(x) (read-only, computed once)."""
    n = int(round(2 * _GRID_HALF_WIDTH / _GRID_STEP)) + 1
    x = np.linspace(-_GRID_HALF_WIDTH, _GRID_HALF_WIDTH, n)
    density = np.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)
    # Phi(x) = erfc(-x / sqrt 2) / 2 is accurate in the lower tail; log1p(-upper tail) in the upper.
    erfc = np.vectorize(math.erfc, otypes=[float])
    log_cdf = np.empty_like(x)
    below = x < 0
    log_cdf[below] = np.log(erfc(-x[below] / math.sqrt(2.0)) / 2.0)
    log_cdf[~below] = np.log1p(-erfc(x[~below] / math.sqrt(2.0)) / 2.0)
    for arr in (x, density, log_cdf):
        arr.setflags(write=False)
    return x, density, log_cdf


def _check_samples(samples, lo: int, hi: int, name: str = "samples"):
    if np.ndim(samples) == 0:
        return np.array([check_integer(name, samples, lo, hi)], dtype=float)
    arr = check_array(name, samples, lo, hi)
    if not np.all(arr == np.round(arr)):
        bad = arr[arr != np.round(arr)][0]
        raise ValueError(f"{name} must be whole numbers in [{lo}, {hi}], got {bad!r}")
    return arr


def expected_max_normal(samples):
    """Expected maximum of ``samples`` independent standard normal draws, E[max of k].

    ``E[max of k] = integral of x * k * phi(x) * Phi(x)^(k - 1) dx`` (the density of the
    largest of k draws is k phi Phi^(k-1)), evaluated by the trapezoid rule on [-12, 12] with
    step 0.002; the integrand is smooth and negligible at the ends, so the rule is accurate to
    far better than 1e-6. Phi comes from :func:`math.erfc`. Known values: 0 for k = 1,
    1/sqrt(pi) for k = 2, 3/(2 sqrt(pi)) for k = 3.

    Parameters
    ----------
    samples : int or array_like of int
        k, the number of draws; in [1, 1e6].

    Returns
    -------
    float or ndarray
        E[max of k], in standard deviations.

    Examples
    --------
    >>> round(expected_max_normal(2), 6), round(1 / math.sqrt(math.pi), 6)
    (0.56419, 0.56419)
    >>> round(expected_max_normal(100), 4)
    2.5076
    """
    scalar = np.ndim(samples) == 0
    k = _check_samples(samples, *SAMPLES_RANGE)
    x, density, log_cdf = _normal_grid()
    integrand = x * density * np.exp(np.outer(k - 1.0, log_cdf)) * k[:, None]
    value = integrand.sum(axis=1) * _GRID_STEP  # trapezoid: the end terms are negligible
    value[k == 1] = 0.0  # exactly E[N(0, 1)]
    return float(value[0]) if scalar else value


def measured_improvement(samples):
    """How far best-of-``samples`` selection lowers the probe score: ``E[max of k]``, in SDs.

    Picking the lowest probe score s of k draws lowers the expected reading by the expected
    maximum of k standard normals (s is standard normal and symmetric).

    Parameters
    ----------
    samples : int or array_like of int
        k, the number of samples resampled against the probe; in [1, 1e6].

    Returns
    -------
    float or ndarray
        Expected drop in the probe score, in standard deviations of the score.

    Examples
    --------
    >>> round(measured_improvement(10), 3)
    1.539
    """
    return expected_max_normal(samples)


def true_improvement(samples, correlation: float = CORRELATION):
    """How far best-of-``samples`` selection lowers true deceptiveness: ``rho * E[max of k]``.

    With (d, s) jointly standard normal with correlation rho, E[d | s] = rho * s, so selecting
    on s lowers d only by rho times the drop in s.

    Parameters
    ----------
    samples : int or array_like of int
        k, the number of samples; in [1, 1e6].
    correlation : float
        rho, correlation of the probe score with latent deceptiveness; in [-1, 1]. Default 0.5
        (illustrative).

    Returns
    -------
    float or ndarray
        Expected drop in latent deceptiveness d, in standard deviations of d.

    Examples
    --------
    >>> round(true_improvement(10, 0.5), 3)
    0.769
    """
    rho = check_number("correlation", correlation, *CORRELATION_RANGE)
    return rho * expected_max_normal(samples)


def improvement_gap(samples, correlation: float = CORRELATION):
    """How much the probe overstates the improvement after selection: ``(1 - rho) * E[max of k]``.

    After keeping the lowest-scoring of k samples, the probe reads E[max of k] SDs better than
    before whatever the selected sample's true deceptiveness, while d improves only by rho times
    that; the difference is the part of the reading that is no longer evidence about d.

    Parameters
    ----------
    samples : int or array_like of int
        k, the number of samples; in [1, 1e6].
    correlation : float
        rho, correlation of the probe score with latent deceptiveness; in [-1, 1].

    Returns
    -------
    float or ndarray
        Measured minus true improvement, in standard deviations.

    Examples
    --------
    >>> round(improvement_gap(100, 0.5), 3)
    1.254
    """
    rho = check_number("correlation", correlation, *CORRELATION_RANGE)
    return (1.0 - rho) * expected_max_normal(samples)


class ResamplingSimulation(NamedTuple):
    """Monte Carlo estimate of best-of-k selection against a probe (all in SDs)."""

    measured: float  # mean drop in the selected sample's probe score
    true: float  # mean drop in the selected sample's latent deceptiveness
    measured_se: float  # standard error of ``measured``
    true_se: float  # standard error of ``true``


def simulate_resampling(
    samples: int, correlation: float = CORRELATION, draws: int = 20_000, seed: int = 0
) -> ResamplingSimulation:
    """Direct simulation of best-of-``samples`` selection, to check the closed forms.

    Each draw makes k pairs d = rho s + sqrt(1 - rho^2) z with s, z iid N(0, 1), keeps the pair
    with the lowest s and records -s and -d; returns their means and standard errors. Uses
    ``numpy.random.default_rng(seed)``, so it is deterministic.

    Parameters
    ----------
    samples : int
        k, samples per draw; in [1, 1000].
    correlation : float
        rho; in [-1, 1].
    draws : int
        Number of independent selections; in [2, 1e6].
    seed : int
        Seed for numpy's default generator; >= 0.

    Returns
    -------
    ResamplingSimulation
        Means and standard errors of the measured and true improvement, in SDs.

    Examples
    --------
    >>> sim = simulate_resampling(2, 0.5, draws=20_000, seed=1)
    >>> abs(sim.measured - expected_max_normal(2)) < 4 * sim.measured_se
    True
    """
    k = check_integer("samples", samples, *SIMULATED_SAMPLES_RANGE)
    rho = check_number("correlation", correlation, *CORRELATION_RANGE)
    n = check_integer("draws", draws, *DRAWS_RANGE)
    s_seed = check_integer("seed", seed, 0)
    rng = np.random.default_rng(s_seed)
    measured = np.empty(n)
    true = np.empty(n)
    chunk = max(1, 2_000_000 // k)  # bound memory at about 2e6 pairs per chunk
    for start in range(0, n, chunk):
        rows = min(chunk, n - start)
        s = rng.standard_normal((rows, k))
        z = rng.standard_normal((rows, k))
        best = np.argmin(s, axis=1)
        s_best = s[np.arange(rows), best]
        d_best = rho * s_best + math.sqrt(max(0.0, 1.0 - rho * rho)) * z[np.arange(rows), best]
        measured[start:start + rows] = -s_best
        true[start:start + rows] = -d_best
    root_n = math.sqrt(n)
    return ResamplingSimulation(
        float(measured.mean()), float(true.mean()),
        float(measured.std(ddof=1) / root_n), float(true.std(ddof=1) / root_n),
    )


def frame_samples() -> np.ndarray:
    """The log-spaced whole numbers of samples k from 1 to 100 used by :func:`resampling_frame`.

    Examples
    --------
    >>> ks = frame_samples()
    >>> int(ks[0]), int(ks[-1])
    (1, 100)
    """
    return np.unique(np.round(np.logspace(0, 2, 41))).astype(int)


def resampling_frame(*, correlation: float = CORRELATION) -> pd.DataFrame:
    """Tidy frame for the resampling chart: measured versus true improvement as k grows.

    Three series over k in :func:`frame_samples` (log-spaced whole numbers 1..100), in this
    order: "measured" (E[max of k], the drop in the probe reading), "true" (rho * E[max of k],
    the drop in latent deceptiveness) and "gap" ((1 - rho) * E[max of k], how much the
    post-selection probe reading overstates the improvement). Columns:

    - ``series`` (str): "measured", "true" or "gap".
    - ``samples`` (float): k.
    - ``improvement`` (float): in standard deviations.

    Parameters
    ----------
    correlation : float
        rho, the slider; in [-1, 1].

    Examples
    --------
    >>> df = resampling_frame(correlation=0.5)
    >>> list(df["series"].unique())
    ['measured', 'true', 'gap']
    """
    rho = check_number("correlation", correlation, *CORRELATION_RANGE)
    ks = frame_samples()
    e = expected_max_normal(ks)
    k = ks.astype(float)
    return pd.concat(
        [
            pd.DataFrame({"series": "measured", "samples": k, "improvement": e}),
            pd.DataFrame({"series": "true", "samples": k, "improvement": rho * e}),
            pd.DataFrame({"series": "gap", "samples": k, "improvement": (1.0 - rho) * e}),
        ],
        ignore_index=True,
    )
