"""The infohazard danger window, on two tracks (source lines 30-32).

The source worries about a regime in which AIs are "smart enough to discover info hazards" but
"aren't smart enough to be careful", and asks whether "suddenly increasing philosophical
competence" would move us through it quickly. Its condition is relative ("too early (relative to
overall capabilities and various research directions)"), so this toy model keeps two tracks.

Model
-----
Two abilities grow exponentially from today's level (1 on each track's own scale), at their own
rates, and a jump in philosophical competence multiplies both by ``J`` at time ``t_J``::

    A(t) = exp(g_A t) * (J if t >= t_J else 1)     discovery ability, threshold D
    C(t) = exp(g_C t) * (J if t >= t_J else 1)     care (defensive understanding), threshold K

The danger window runs from the first time ``A >= D`` to the first time ``C(t) >= K``; it is empty
when care gets there first. Without a jump it is ``[ln D / g_A, ln K / g_C]``. The jump is relative
to "the rest": the clock (overall capabilities) does not jump, only the two philosophical tracks.

The rate at which salient infohazards turn up inside the window has one of three shapes (the
reader's choice, ``shape`` 0, 1, 2):

* ``rising``:  ``a(t) = ln(A(t) / D)``, e-folds of discovery ability above its threshold;
* ``flat``:    1 per year;
* ``falling``: ``c(t) = ln(K / C(t))``, e-folds of care still missing (care improving gradually).

Exposure (salient discoveries before AIs are careful, arbitrary units) is ``salience`` times the
integral of the rate over the window. The rate is linear in time on each side of the jump, so the
integral is exact as (length x rate at the midpoint) per side. Exposures of different shapes are
on different scales: compare a shape's exposures with each other (the chapter reports the share a
jump removes).

Where the jump should land
--------------------------
For a jump landing inside the window (``t_J`` from the window's opening to the latest time at
which care still lands at or below its threshold, ``ln K / g_C - ln J / g_C``), exposure is linear
in ``t_J`` with slope ``-ln J`` (rising), 0 (flat) or ``+ln J`` (falling): jumping later helps
with a rising rate, hurts with a falling one, and does not matter with a flat one.

Units: time in years from now, growth rates per year (``ln 2`` doubles yearly), thresholds in
multiples of today's level of their own track, ``J`` a factor, salience in [0, 1].
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pandas as pd

from essays.checks import check_integer, check_number

GROWTH_RANGE = (0.01, 5.0)  # g_A, g_C per year
THRESHOLD_RANGE = (1.0, 1e6)  # D, K: multiples of today's level of their own track (not yet reached)
JUMP_RANGE = (1.0, 1e6)  # J; 1 = no jump
JUMP_TIME_RANGE = (0.0, 1000.0)  # t_J, years from now
SALIENCE_RANGE = (0.0, 1.0)
HORIZON_RANGE = (1.0, 100.0)
SHAPES = ("rising", "flat", "falling")  # the discovery rate's shape across the window

# Defaults: both tracks double yearly; discovery needs 10x today's ability (reached after 3.3
# years), care needs 1000x today's (after 10 years); a 10x jump at year 3; the rising shape.
DEFAULTS = {
    "discovery_growth": math.log(2.0),
    "care_growth": math.log(2.0),
    "discovery_threshold": 10.0,
    "care_threshold": 1000.0,
    "jump": 10.0,
    "jump_time": 3.0,
    "shape": 0,
}


class Window(NamedTuple):
    start: float  # years from now: discovery ability reaches D
    end: float  # care reaches K
    width: float  # years; 0 when care gets there first


def _check(discovery_growth, care_growth, discovery_threshold, care_threshold, jump, jump_time):
    return (check_number("discovery_growth", discovery_growth, *GROWTH_RANGE),
            check_number("care_growth", care_growth, *GROWTH_RANGE),
            check_number("discovery_threshold", discovery_threshold, *THRESHOLD_RANGE),
            check_number("care_threshold", care_threshold, *THRESHOLD_RANGE),
            check_number("jump", jump, *JUMP_RANGE),
            check_number("jump_time", jump_time, *JUMP_TIME_RANGE))


def _check_shape(shape) -> int:
    return check_integer("shape", shape, 0, len(SHAPES) - 1)


def _crossing(steady: float, g: float, log_jump: float, tj: float) -> float:
    """First time a track reaches its threshold: on schedule (``steady`` years) if that comes
    before the jump, else ``ln J / g`` years sooner, but never before the jump itself."""
    return steady if steady < tj else max(tj, steady - log_jump / g)


def window(discovery_growth: float, care_growth: float,
           discovery_threshold: float = DEFAULTS["discovery_threshold"],
           care_threshold: float = DEFAULTS["care_threshold"],
           jump: float = 1.0, jump_time: float = 0.0) -> Window:
    """The danger window: from discovery ability reaching ``D`` to care reaching ``K``.

    Without a jump: ``start = ln D / g_A``, ``end = ln K / g_C``, ``width = max(0, end - start)``.
    A jump by ``J`` at ``t_J`` brings each crossing after ``t_J`` forward by ``ln J / g`` of its
    own track, but not before ``t_J``.

    >>> [round(x, 2) for x in window(math.log(2), math.log(2))]
    [3.32, 9.97, 6.64]
    >>> [round(x, 2) for x in window(math.log(2), math.log(2), jump=10, jump_time=3)]
    [3.0, 6.64, 3.64]
    >>> window(0.5, 1.5).width  # care outpaces discovery: no window
    0.0
    """
    ga, gk, d, k, j, tj = _check(discovery_growth, care_growth, discovery_threshold, care_threshold,
                                 jump, jump_time)
    start = _crossing(math.log(d) / ga, ga, math.log(j), tj)
    end = _crossing(math.log(k) / gk, gk, math.log(j), tj)
    return Window(start, end, max(0.0, end - start))


def _rate(shape: int, t: float, after_jump: bool, ga: float, gk: float, d: float, k: float,
          log_jump: float) -> float:
    """The discovery rate's shape at time ``t`` (linear in ``t`` on each side of the jump)."""
    step = log_jump if after_jump else 0.0
    if shape == 0:
        return ga * t + step - math.log(d)  # ln(A(t) / D)
    if shape == 2:
        return math.log(k) - gk * t - step  # ln(K / C(t))
    return 1.0


def exposure(discovery_growth: float, care_growth: float,
             discovery_threshold: float = DEFAULTS["discovery_threshold"],
             care_threshold: float = DEFAULTS["care_threshold"],
             jump: float = 1.0, jump_time: float = 0.0, shape: int = 0, salience: float = 1.0) -> float:
    """Expected exposure: ``salience`` times the integral of the rate over the danger window.

    The window splits at the jump into a part before it and a part after; on each the rate is
    linear in time, so each integral is its length times the rate at its midpoint. Without a jump
    that is ``g_A W**2 / 2`` (rising), ``W`` (flat) or ``g_C W**2 / 2`` (falling), ``W`` the width.

    >>> round(exposure(math.log(2), math.log(2)), 2)  # ln(100)**2 / (2 ln 2)
    15.3
    >>> round(exposure(math.log(2), math.log(2), jump=10, jump_time=3), 2)
    12.18
    >>> [round(exposure(math.log(2), math.log(2), jump=10, jump_time=3, shape=s), 2) for s in (1, 2)]
    [3.64, 4.6]
    """
    ga, gk, d, k, j, tj = _check(discovery_growth, care_growth, discovery_threshold, care_threshold,
                                 jump, jump_time)
    kind = _check_shape(shape)
    s = check_number("salience", salience, *SALIENCE_RANGE)
    lj = math.log(j)
    start, end, _ = window(ga, gk, d, k, j, tj)
    total = 0.0
    for lo, hi, after in ((start, min(end, tj), False), (max(start, tj), end, True)):
        if hi > lo:
            total += (hi - lo) * _rate(kind, (lo + hi) / 2, after, ga, gk, d, k, lj)
    return s * max(0.0, total)


def share_removed(discovery_growth: float, care_growth: float,
                  discovery_threshold: float = DEFAULTS["discovery_threshold"],
                  care_threshold: float = DEFAULTS["care_threshold"],
                  jump: float = DEFAULTS["jump"], jump_time: float = DEFAULTS["jump_time"],
                  shape: int = 0) -> float:
    """The share of the no-jump exposure (in %) that the jump removes; 0 when there is no window.

    >>> round(share_removed(math.log(2), math.log(2)), 1)
    20.4
    """
    base = exposure(discovery_growth, care_growth, discovery_threshold, care_threshold, shape=shape)
    if base <= 0.0:
        return 0.0
    after = exposure(discovery_growth, care_growth, discovery_threshold, care_threshold, jump, jump_time, shape)
    return 100.0 * (1.0 - after / base)


class Landings(NamedTuple):
    early: float  # the jump comes as the window opens
    late: float  # the latest jump that still uses its whole size: care lands exactly on K


def landings(discovery_growth: float, care_growth: float,
             discovery_threshold: float = DEFAULTS["discovery_threshold"],
             care_threshold: float = DEFAULTS["care_threshold"],
             jump: float = DEFAULTS["jump"]) -> Landings:
    """The two jump dates the chapter compares: as the window opens (``ln D / g_A``) and as late
    as the jump still lifts care only up to ``K`` (``ln K / g_C - ln J / g_C``, but not before the
    window opens).

    >>> [round(x, 3) for x in landings(math.log(2), math.log(2))]
    [3.322, 6.644]
    """
    ga, gk, d, k, j, _ = _check(discovery_growth, care_growth, discovery_threshold, care_threshold, jump, 0.0)
    early = math.log(d) / ga
    return Landings(early, max(early, (math.log(k) - math.log(j)) / gk))


class Timing(NamedTuple):
    early_cut: float  # % of the no-jump exposure removed by jumping as the window opens
    late_cut: float  # ... by jumping as late as the whole jump still counts
    late_advantage: float  # late_cut - early_cut, percentage points


def late_vs_early(shape: int, discovery_growth: float, care_growth: float,
                  discovery_threshold: float = DEFAULTS["discovery_threshold"],
                  care_threshold: float = DEFAULTS["care_threshold"],
                  jump: float = DEFAULTS["jump"]) -> Timing:
    """How much more of the exposure a late jump removes than an early one (the chapter's crux).

    Both jumps have the same size ``J``; the early one comes as the window opens, the late one as
    late as it still lifts care only up to ``K`` (see :func:`landings`). Closed form: with
    ``span = late - early``, the advantage is ``+ln J * span`` (rising), 0 (flat) or
    ``-ln J * span`` (falling), over the no-jump exposure, in percentage points.

    >>> [round(x, 1) for x in late_vs_early(0, math.log(2), math.log(2))]
    [25.0, 75.0, 50.0]
    >>> late_vs_early(1, math.log(2), math.log(2)).late_advantage
    0.0
    """
    kind = _check_shape(shape)
    early, late = landings(discovery_growth, care_growth, discovery_threshold, care_threshold, jump)
    cuts = [share_removed(discovery_growth, care_growth, discovery_threshold, care_threshold, jump, t, kind)
            for t in (early, late)]
    base = exposure(discovery_growth, care_growth, discovery_threshold, care_threshold, shape=kind)
    sign = (1.0, 0.0, -1.0)[kind]
    advantage = 100.0 * sign * math.log(jump) * (late - early) / base if base > 0 else 0.0
    return Timing(cuts[0], cuts[1], advantage)


# --- tidy frames for the figures -----------------------------------------------------------------


def trajectory_frame(discovery_growth: float = DEFAULTS["discovery_growth"],
                     care_growth: float = DEFAULTS["care_growth"],
                     discovery_threshold: float = DEFAULTS["discovery_threshold"],
                     care_threshold: float = DEFAULTS["care_threshold"],
                     jump: float = DEFAULTS["jump"], jump_time: float = DEFAULTS["jump_time"],
                     horizon: float = 15.0, points: int = 121) -> pd.DataFrame:
    """Both tracks over time, each as a multiple of its own threshold (1 = threshold reached).

    Rows per ``series`` ("discovery", "care"): ``points`` evenly spaced years in ``[0, horizon]``
    (``kind`` "grid") and the two ends of the vertical step at ``t_J`` (``kind`` "pre" and "post");
    ``order`` (``t``, less 1e-6 for "pre", plus 1e-6 for "post") orders a line that steps up at the
    jump. Columns ``window_start``, ``window_end``, ``window_width`` (with the jump) and
    ``steady_start``, ``steady_end`` (without it) are the same on every row.

    >>> df = trajectory_frame()
    >>> len(df), sorted(df["series"].unique())
    (246, ['care', 'discovery'])
    """
    ga, gk, d, k, j, tj = _check(discovery_growth, care_growth, discovery_threshold, care_threshold,
                                 jump, jump_time)
    h = check_number("horizon", horizon, *HORIZON_RANGE)
    n = check_integer("points", points, 2, 150)
    grid = np.linspace(0.0, h, n)
    win, steady = window(ga, gk, d, k, j, tj), window(ga, gk, d, k)
    frames = []
    for series, g, threshold in (("discovery", ga, d), ("care", gk, k)):
        t = np.concatenate([grid, [tj, tj]])
        kind = ["grid"] * n + ["pre", "post"]
        order = t + np.array([0.0] * n + [-1e-6, 1e-6])
        jumped = (t >= tj) & (np.array(kind) != "pre")
        level = np.exp(g * t + np.where(jumped, math.log(j), 0.0)) / threshold
        frames.append(pd.DataFrame({
            "series": series, "kind": kind, "t": t, "order": order, "level": level,
            "window_start": win.start, "window_end": win.end, "window_width": win.width,
            "steady_start": steady.start, "steady_end": steady.end}))
    return pd.concat(frames, ignore_index=True)


def timing_frame(discovery_growth: float = DEFAULTS["discovery_growth"],
                 care_growth: float = DEFAULTS["care_growth"],
                 discovery_threshold: float = DEFAULTS["discovery_threshold"],
                 care_threshold: float = DEFAULTS["care_threshold"],
                 jump: float = DEFAULTS["jump"], horizon: float = 12.0, points: int = 97) -> pd.DataFrame:
    """Share of the no-jump exposure a jump removes, against its date, for each rate shape.

    Rows: each ``shape`` name of :data:`SHAPES` times ``points`` jump dates evenly spaced in
    ``[0, horizon]``. Columns: ``shape``, ``jump_time``, ``removed`` (% of that shape's no-jump
    exposure, :func:`share_removed`), and ``steady_start``, ``steady_end`` (the no-jump window).

    >>> df = timing_frame()
    >>> df.groupby("shape", sort=False)["removed"].max().round(1).to_dict()
    {'rising': 74.7, 'flat': 50.0, 'falling': 74.2}
    """
    ga, gk, d, k, j, _ = _check(discovery_growth, care_growth, discovery_threshold, care_threshold, jump, 0.0)
    h = check_number("horizon", horizon, *HORIZON_RANGE)
    n = check_integer("points", points, 2, 400)
    times = np.linspace(0.0, h, n)
    steady = window(ga, gk, d, k)
    rows = [{"shape": name, "jump_time": float(t), "removed": share_removed(ga, gk, d, k, j, float(t), i)}
            for i, name in enumerate(SHAPES) for t in times]
    return pd.DataFrame(rows).assign(steady_start=steady.start, steady_end=steady.end)


def advantage_map_frame(shape: int = DEFAULTS["shape"], growth_rates=None,
                        discovery_threshold: float = DEFAULTS["discovery_threshold"],
                        care_threshold: float = DEFAULTS["care_threshold"],
                        jump: float = DEFAULTS["jump"]) -> pd.DataFrame:
    """:func:`late_vs_early`'s advantage on a grid of the two growth rates (a heat map).

    ``growth_rates`` (default 0.2 to 1.5 in steps of 0.1) is used for both axes. Columns:
    ``discovery_growth``, ``care_growth``, ``late_advantage`` (percentage points), ``window``
    (whether there is a danger window without a jump).

    >>> df = advantage_map_frame()
    >>> len(df), bool((df["late_advantage"] >= 0).all())
    (196, True)
    """
    kind = _check_shape(shape)
    rates = np.round(np.arange(0.2, 1.5001, 0.1), 10) if growth_rates is None else np.asarray(growth_rates, float)
    rows = []
    for ga in rates:
        for gk in rates:
            rows.append({"discovery_growth": float(ga), "care_growth": float(gk),
                         "late_advantage": late_vs_early(kind, ga, gk, discovery_threshold, care_threshold,
                                                         jump).late_advantage,
                         "window": window(ga, gk, discovery_threshold, care_threshold).width > 0})
    return pd.DataFrame(rows)
