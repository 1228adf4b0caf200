"""The infohazard danger window (source lines 30-32).

The source worries less about AIs becoming good at philosophy than about a regime in between:
AIs "smart enough to discover info hazards" but not yet "smart enough to be careful", and asks
whether "suddenly increasing philosophical competence" would move us through that regime
quickly. This toy model makes the question checkable.

Model
-----
Competence grows exponentially, with an optional one-off jump by a factor ``J`` at time ``t_J``::

    C(t) = C0 * exp(g * t) * (J if t >= t_J else 1)

Two thresholds, ``D < K``: at ``C >= D`` an AI can discover infohazards, at ``C >= K`` it is
careful with them. The danger window runs from the first time ``C >= D`` to the first time
``C >= K``. Without a jump its width is ``ln(K / D) / g``. A jump landing inside the window
shortens it by ``ln(J) / g`` (capped: the window cannot end before the jump), a jump of at least
``K / C(t_J-)`` at or before the crossing of ``D`` closes it.

Inside the window, infohazards turn up at the rate ``salience * ln(C(t) / D)`` per year: the
rate rises by one unit per e-fold of competence above ``D``, from 0 at ``D`` to ``ln(K / D)``
just before ``K``. Expected exposure (the expected number of salient discoveries made before AIs
are careful) is the integral of that rate over the window. Writing ``l = ln(C / D)`` (which rises
at ``g`` per year between jumps), exposure is the area of a triangle in ``l`` minus the strip the
jump skips over::

    exposure = salience / (2 g) * (L**2 - (hi**2 - lo**2)),   L = ln(K / D),
    lo = clip(l_-, 0, L),   hi = clip(l_- + ln J, 0, L),   l_- = ln(C0 / D) + g * t_J.

Why a logarithmic rate: the model's other quantities are ratios (thresholds, growth, jump), and
``ln(C / D)`` keeps it so: exposure depends on ``D`` and ``K`` only through ``K / D``, with no
hidden unit of competence. It also keeps the rate bounded (at most ``ln(K / D)``, 4.6 at the
default ``K / D = 100``), whereas the linear alternative ``C / D - 1`` reaches ``K / D - 1`` just
before ``K`` and puts two thirds of the exposure into the last e-fold (at ``K / D = 100``), so
results would hinge on exactly where ``K`` sits. (Without a jump the linear rate gives ``salience * (K/D - 1 - ln(K/D)) / g``.)

Units: competence in multiples of today's (``C0 = 1`` is today), time in years from now, ``g``
per year (``ln 2`` = doubling yearly), ``J`` a factor, salience in [0, 1], exposure in expected
salient discoveries on an arbitrary scale (one per year per e-fold above ``D`` at full salience):
compare exposures, do not read them as counts.

Assumptions and omissions
-------------------------
A toy model, and the source itself (line 13) is skeptical that toy models of tech trees add much.
It assumes: one scalar "competence" orders both discovering and being careful; the thresholds
are sharp and known; growth is smooth exponential plus at most one jump; salience is a constant
multiplier, not something that rises as AIs discuss these topics or that the jump itself raises;
discoveries do no harm once AIs are careful (no backlog of earlier discoveries, no humans who
learned them); timing of the jump is fixed in calendar time. It leaves out acausal interactions
as such, research directions that could raise ``K`` or lower ``D``, and any cost of the jump.

Note that exposure need not fall with faster growth when a jump is scheduled: if the jump comes
at a fixed date from inside the window and lands past ``K``, faster growth only means reaching
``D`` earlier and spending longer in the window before the jump. Without a jump (or when the
jump lands below ``K``, or outside the window) exposure falls as ``g`` rises.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from essays.checks import check_array, check_integer, check_number

START_COMPETENCE_RANGE = (1e-6, 1e9)  # C0, multiple of today's competence
GROWTH_RATE_RANGE = (1e-4, 5.0)  # g, per year; ln 2 ~ 0.69 doubles yearly
DISCOVERY_THRESHOLD_RANGE = (1e-6, 1e9)  # D, same unit as C0
CARE_THRESHOLD_RANGE = (1e-6, 1e9)  # K, same unit as C0, and K > D
JUMP_RANGE = (1.0, 1e6)  # J, factor; 1 = no jump
JUMP_TIME_RANGE = (0.0, 1000.0)  # t_J, years from now
SALIENCE_RANGE = (0.0, 1.0)  # 0 = nobody attends, 1 = broad
HORIZON_RANGE = (1.0, 100.0)  # years shown on the trajectory chart

SALIENCE_LEVELS = {"narrow": 0.25, "broad": 1.0}  # the two curves of the exposure chart

# Slider defaults: today's competence 1, doubling yearly, discovery at 10x today (crossed after
# 3.3 years), care at 1000x (after 10 years), a 10x jump at year 3, just before D is crossed.
DEFAULTS = {
    "start_competence": 1.0,
    "growth_rate": math.log(2.0),
    "discovery_threshold": 10.0,
    "care_threshold": 1000.0,
    "jump": 10.0,
    "jump_time": 3.0,
}


def _check_model(start_competence, growth_rate, discovery_threshold, care_threshold, jump, jump_time):
    c0 = check_number("start_competence", start_competence, *START_COMPETENCE_RANGE)
    g = check_number("growth_rate", growth_rate, *GROWTH_RATE_RANGE)
    d = check_number("discovery_threshold", discovery_threshold, *DISCOVERY_THRESHOLD_RANGE)
    k = check_number("care_threshold", care_threshold, *CARE_THRESHOLD_RANGE)
    if k <= d:
        raise ValueError(
            f"care_threshold must be > discovery_threshold ({d:g}), got {care_threshold!r}"
        )
    j = check_number("jump", jump, *JUMP_RANGE)
    tj = check_number("jump_time", jump_time, *JUMP_TIME_RANGE)
    return c0, g, d, k, j, tj


def _crossing(threshold: float, c0: float, g: float, j: float, tj: float) -> float:
    """First time ``C(t) >= threshold``: the pre-jump crossing if it precedes the jump, else
    the post-jump crossing, which cannot precede the jump itself."""
    before = math.log(threshold / c0) / g
    if before < tj:
        return before
    return max(tj, before - math.log(j) / g)


def competence(t, start_competence: float, growth_rate: float, jump: float = 1.0, jump_time: float = 0.0):
    """Competence at time ``t``: ``C(t) = C0 * exp(g t) * (J if t >= t_J else 1)``.

    Parameters
    ----------
    t : float or array_like
        Years from now, in [-1000, 1000].
    start_competence : float
        ``C0``, today's competence (1 = today), in [1e-6, 1e9].
    growth_rate : float
        ``g`` per year, in [1e-4, 5]; ``ln 2`` doubles competence yearly.
    jump : float
        ``J``, the factor of the sudden jump, in [1, 1e6]; 1 means no jump.
    jump_time : float
        ``t_J``, years from now at which the jump happens, in [0, 1000].

    Returns
    -------
    float or ndarray
        Competence in multiples of today's.

    Raises
    ------
    ValueError
        If any argument is non-finite or out of range, or the result would overflow.

    Examples
    --------
    >>> round(competence(3, 1, math.log(2), jump=10, jump_time=3), 9)
    80.0
    """
    c0 = check_number("start_competence", start_competence, *START_COMPETENCE_RANGE)
    g = check_number("growth_rate", growth_rate, *GROWTH_RATE_RANGE)
    j = check_number("jump", jump, *JUMP_RANGE)
    tj = check_number("jump_time", jump_time, *JUMP_TIME_RANGE)
    scalar = np.ndim(t) == 0
    if scalar:
        ts = np.array([check_number("t", t, -1000.0, 1000.0)])
    else:
        ts = check_array("t", t, -1000.0, 1000.0)
    log_c = math.log(c0) + g * ts + np.where(ts >= tj, math.log(j), 0.0)
    if np.any(log_c > 700.0):
        raise ValueError("t is too large for these growth settings: competence would overflow")
    out = np.exp(log_c)
    return float(out[0]) if scalar else out


def window(
    start_competence: float,
    growth_rate: float,
    discovery_threshold: float,
    care_threshold: float,
    jump: float = 1.0,
    jump_time: float = 0.0,
) -> tuple[float, float, float]:
    """The danger window: when competence first reaches ``D``, when it first reaches ``K``.

    Without a jump, ``start = ln(D / C0) / g``, ``end = ln(K / C0) / g`` and
    ``width = ln(K / D) / g``. With a jump by ``J`` at ``t_J`` each threshold is crossed either
    on the way up before the jump or at ``max(t_J, ln(X / (J C0)) / g)`` after it. A jump landing
    inside the window shortens it by ``ln(J) / g``, capped so it ends no earlier than ``t_J``; a
    jump of at least ``K / C(t_J-)`` at or before the crossing of ``D`` closes it
    (``start = end = t_J``, width 0).

    Parameters
    ----------
    start_competence : float
        ``C0``, today's competence (1 = today), in [1e-6, 1e9].
    growth_rate : float
        ``g`` per year, in [1e-4, 5].
    discovery_threshold : float
        ``D``, competence enough to discover infohazards, in [1e-6, 1e9].
    care_threshold : float
        ``K``, competence enough to be careful with them, in [1e-6, 1e9]; must exceed ``D``.
    jump : float
        ``J``, factor of the sudden jump, in [1, 1e6]; 1 means no jump.
    jump_time : float
        ``t_J``, years from now, in [0, 1000].

    Returns
    -------
    (start, end, width) : tuple of float
        Years from now (negative if the crossing is already past) and the width in years.

    Examples
    --------
    Doubling yearly from 1, with D = 10 and K = 1000: the window is ln(100) / ln(2) years wide.

    >>> [round(x, 2) for x in window(1, math.log(2), 10, 1000)]
    [3.32, 9.97, 6.64]

    A 10x jump at year 3 (competence 8 -> 80) starts the window at once and ends it earlier:

    >>> [round(x, 2) for x in window(1, math.log(2), 10, 1000, jump=10, jump_time=3)]
    [3.0, 6.64, 3.64]
    """
    c0, g, d, k, j, tj = _check_model(
        start_competence, growth_rate, discovery_threshold, care_threshold, jump, jump_time
    )
    start = _crossing(d, c0, g, j, tj)
    end = _crossing(k, c0, g, j, tj)
    return start, end, max(0.0, end - start)


def exposure(
    start_competence: float,
    growth_rate: float,
    discovery_threshold: float,
    care_threshold: float,
    jump: float = 1.0,
    jump_time: float = 0.0,
    salience: float = 1.0,
) -> float:
    """Expected exposure: the integral over the danger window of ``salience * ln(C(t) / D)``.

    Closed form, with ``L = ln(K / D)`` and ``l_- = ln(C0 / D) + g t_J`` (log-competence over
    ``D`` just before the jump)::

        exposure = salience / (2 g) * (L**2 - (hi**2 - lo**2)),
        lo = clip(l_-, 0, L),  hi = clip(l_- + ln J, 0, L).

    ``L**2 / (2 g)`` is the no-jump exposure; ``(hi**2 - lo**2) / (2 g)`` is the part the jump
    skips. See the module docstring for why the rate is logarithmic.

    Parameters
    ----------
    start_competence, growth_rate, discovery_threshold, care_threshold, jump, jump_time
        As in :func:`window`.
    salience : float
        How broadly infohazards are attended to, in [0, 1] (narrow 0.25, broad 1 in the chart).

    Returns
    -------
    float
        Expected salient discoveries before AIs are careful, on an arbitrary scale (one per
        year per e-fold of competence above ``D`` at full salience); >= 0.

    Examples
    --------
    No jump: ``ln(100)**2 / (2 ln 2)``.

    >>> round(exposure(1, math.log(2), 10, 1000), 2)
    15.3
    >>> round(exposure(1, math.log(2), 10, 1000, jump=10, jump_time=3), 2)
    12.18
    >>> exposure(1, math.log(2), 10, 1000, jump=125, jump_time=3)
    0.0
    """
    c0, g, d, k, j, tj = _check_model(
        start_competence, growth_rate, discovery_threshold, care_threshold, jump, jump_time
    )
    s = check_number("salience", salience, *SALIENCE_RANGE)
    big_l = math.log(k / d)
    before = math.log(c0 / d) + g * tj
    lo = min(max(before, 0.0), big_l)
    hi = min(max(before + math.log(j), 0.0), big_l)
    return max(0.0, s / (2.0 * g) * (big_l**2 - (hi**2 - lo**2)))


def jump_past_care(start_competence: float, growth_rate: float, care_threshold: float, jump_time: float) -> float:
    """Smallest jump that lands competence at or above ``K``: ``max(1, K / C(t_J-))``.

    With ``C(t_J-) = C0 exp(g t_J)``. A jump this large closes the window if it happens at or
    before the crossing of ``D``; later, it ends the window at ``t_J``.

    Parameters
    ----------
    start_competence, growth_rate, care_threshold, jump_time
        As in :func:`window`.

    Returns
    -------
    float
        A factor >= 1.

    Examples
    --------
    Competence 8 at year 3 (doubling yearly from 1) needs a 125x jump to reach K = 1000:

    >>> round(jump_past_care(1, math.log(2), 1000, 3), 6)
    125.0
    """
    c0 = check_number("start_competence", start_competence, *START_COMPETENCE_RANGE)
    g = check_number("growth_rate", growth_rate, *GROWTH_RATE_RANGE)
    k = check_number("care_threshold", care_threshold, *CARE_THRESHOLD_RANGE)
    tj = check_number("jump_time", jump_time, *JUMP_TIME_RANGE)
    log_needed = math.log(k / c0) - g * tj
    return math.exp(log_needed) if log_needed > 0 else 1.0


def trajectory_frame(
    start_competence: float = DEFAULTS["start_competence"],
    growth_rate: float = DEFAULTS["growth_rate"],
    discovery_threshold: float = DEFAULTS["discovery_threshold"],
    care_threshold: float = DEFAULTS["care_threshold"],
    jump: float = DEFAULTS["jump"],
    jump_time: float = DEFAULTS["jump_time"],
    horizon: float = 12.0,
    points: int = 121,
) -> pd.DataFrame:
    """Tidy frame for the trajectory figure: competence over time, with and without the jump.

    Rows of ``series`` "with jump" and "no jump" over ``points`` evenly spaced years in
    ``[0, horizon]`` (horizon in [1, 100] years, points in [2, 150]); the "with jump" series also
    has rows at ``t_J`` just before and at the jump, so the line steps vertically. Columns:
    ``series``, ``step`` (draw order within a series), ``t`` (years), ``competence``,
    ``window_start``, ``window_end``, ``window_width`` (that series' danger window in years, the
    same on every row of the series, possibly outside ``[0, horizon]``).

    Examples
    --------
    >>> df = trajectory_frame()
    >>> sorted(df["series"].unique())
    ['no jump', 'with jump']
    >>> df.groupby("series")["window_width"].first().round(2).to_dict()
    {'no jump': 6.64, 'with jump': 3.64}
    """
    c0, g, d, k, j, tj = _check_model(
        start_competence, growth_rate, discovery_threshold, care_threshold, jump, jump_time
    )
    h = check_number("horizon", horizon, *HORIZON_RANGE)
    n = check_integer("points", points, 2, 150)
    grid = np.linspace(0.0, h, n)
    frames = []
    for series, jj in (("with jump", j), ("no jump", 1.0)):
        log_c = math.log(c0) + g * grid + np.where(grid >= tj, math.log(jj), 0.0)
        ts = grid
        if series == "with jump" and tj <= h:
            # Both ends of the vertical step at t_J: the pre-jump value sorts first.
            # (the post-jump end is already there when t_J is a grid point).
            cut = int(np.searchsorted(grid, tj, side="left"))
            on_grid = cut < n and grid[cut] == tj
            extra_t = [tj] if on_grid else [tj, tj]
            extra_log_c = [math.log(c0) + g * tj, math.log(c0) + g * tj + math.log(jj)][: len(extra_t)]
            ts = np.concatenate([grid[:cut], extra_t, grid[cut:]])
            log_c = np.concatenate([log_c[:cut], extra_log_c, log_c[cut:]])
        start, end, width = window(c0, g, d, k, jj, tj)
        frames.append(
            pd.DataFrame(
                {
                    "series": series,
                    "step": np.arange(len(ts)),
                    "t": ts,
                    "competence": np.exp(log_c),
                    "window_start": start,
                    "window_end": end,
                    "window_width": width,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def exposure_by_jump_frame(
    start_competence: float = DEFAULTS["start_competence"],
    growth_rate: float = DEFAULTS["growth_rate"],
    discovery_threshold: float = DEFAULTS["discovery_threshold"],
    care_threshold: float = DEFAULTS["care_threshold"],
    jump_time: float = DEFAULTS["jump_time"],
    points: int = 61,
) -> pd.DataFrame:
    """Tidy frame for the exposure figure: exposure against jump size for narrow and broad salience.

    Jump sizes ``J`` log-spaced from 1 to 1000 (``points`` in [2, 150] of them, including both
    ends), for each level of :data:`SALIENCE_LEVELS` ("narrow" first, then "broad"). Columns:
    ``series`` (salience level name), ``salience``, ``jump``, ``window_width`` (years),
    ``exposure`` (as in :func:`exposure`).

    Examples
    --------
    >>> df = exposure_by_jump_frame()
    >>> len(df), list(df["series"].unique())
    (122, ['narrow', 'broad'])
    >>> df.groupby("series", sort=False)["exposure"].max().round(2).to_dict()
    {'narrow': 3.82, 'broad': 15.3}
    """
    c0, g, d, k, _, tj = _check_model(
        start_competence, growth_rate, discovery_threshold, care_threshold, 1.0, jump_time
    )
    n = check_integer("points", points, 2, 150)
    jumps = np.logspace(0.0, 3.0, n)
    jumps[0], jumps[-1] = 1.0, 1000.0
    widths = [window(c0, g, d, k, jj, tj)[2] for jj in jumps]
    frames = [
        pd.DataFrame(
            {
                "series": name,
                "salience": level,
                "jump": jumps,
                "window_width": widths,
                "exposure": [exposure(c0, g, d, k, jj, tj, level) for jj in jumps],
            }
        )
        for name, level in SALIENCE_LEVELS.items()
    ]
    return pd.concat(frames, ignore_index=True)
