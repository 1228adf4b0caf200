"""Charts of the infohazards chapter, each declared once as an explorable figure.

All three figures are closed-form, so the static page recomputes them in the browser (expression
mode): the model's rows stay the same at every slider setting and only their values move.

* ``DANGER_WINDOW``: both tracks over a fixed time grid, plus the two ends of the jump's vertical
  step per track (rows of ``kind`` "pre" and "post", moved to ``t_J``).
* ``JUMP_TIMING``: the share of exposure a jump removes, one row per rate shape and jump date.
* ``LATE_OR_EARLY``: the crux, a heat map over the two growth rates of how much more a late jump
  removes than an early one, for the chosen rate shape, with the claim's boundary.

The Vega expressions below restate the model's closed forms (``model.window``, ``model.exposure``,
``model.late_vs_early``); the browser tests check that the drawn numbers equal the Python model's.
"""
from __future__ import annotations

import math

import altair as alt
import pandas as pd

from essays import theme
from essays.claims import CLAIM_DATA, Claim
from essays.explorable import Explorable, Param, choice
from essays.models import infohazards as model

DEFAULTS = model.DEFAULTS
D, K = DEFAULTS["discovery_threshold"], DEFAULTS["care_threshold"]  # fixed on the page
LN_D, LN_K = math.log(D), math.log(K)
HORIZON, POINTS = 15.0, 61  # trajectory: years shown, time points (spacing 0.25 years)
TIMING_HORIZON, TIMING_POINTS = 12.0, 49  # jump dates on the timing chart (every 0.25 years)
LEVEL_DOMAIN = [1e-4, 1e4]  # y axis of the trajectory: multiples of each track's threshold
ORANGE, BLUE, GREEN, GREY, INK = theme.VERMILLION, theme.BLUE, theme.GREEN, "#555555", "#333333"
MAP_RATES = [round(0.2 + 0.1 * i, 10) for i in range(14)]  # heat-map cells, both axes

GROWTH_A = Param("discovery_growth", "Discovery ability's growth rate g_A (per year)", DEFAULTS["discovery_growth"],
                 0.2, 1.5, step=0.05, format=".2f", symbol="g_A")
GROWTH_K = Param("care_growth", "Care's growth rate g_C (per year)", DEFAULTS["care_growth"],
                 0.2, 1.5, step=0.05, format=".2f", symbol="g_C")
JUMP = Param("jump", "Jump size J (×)", DEFAULTS["jump"], 1, 1000, log=True, points=31, format=",.4~g", symbol="J")
JUMP_TIME = Param("jump_time", "Jump date t_J (years from now)", DEFAULTS["jump_time"], 0.25, 12, step=0.25,
                  format=".2f", symbol="t_J")
# The crux figure's sliders step by 0.1, as its heat-map cells do (fewer positions: a smaller page).
MAP_GROWTH_A = Param("discovery_growth", GROWTH_A.label, DEFAULTS["discovery_growth"], 0.2, 1.5, step=0.1,
                     format=".2f", symbol="g_A")
MAP_GROWTH_K = Param("care_growth", GROWTH_K.label, DEFAULTS["care_growth"], 0.2, 1.5, step=0.1,
                     format=".2f", symbol="g_C")
SHAPE = choice("shape", "Rate shape (rising: follows discovery ability; falling: follows missing care)",
               model.SHAPES, DEFAULTS["shape"])


# --- the figures' models: the tested model's frames ----------------------------------------------


def trajectory(discovery_growth: float = DEFAULTS["discovery_growth"], care_growth: float = DEFAULTS["care_growth"],
               jump: float = DEFAULTS["jump"], jump_time: float = DEFAULTS["jump_time"]) -> pd.DataFrame:
    """:func:`model.trajectory_frame` over ``HORIZON`` years at the chapter's thresholds."""
    return model.trajectory_frame(discovery_growth, care_growth, D, K, jump, jump_time, horizon=HORIZON,
                                  points=POINTS)


def timing(discovery_growth: float = DEFAULTS["discovery_growth"], care_growth: float = DEFAULTS["care_growth"],
           jump: float = DEFAULTS["jump"]) -> pd.DataFrame:
    """:func:`model.timing_frame` with ``early`` and ``late`` (:func:`model.landings`) on every row."""
    frame = model.timing_frame(discovery_growth, care_growth, D, K, jump, horizon=TIMING_HORIZON,
                               points=TIMING_POINTS)
    early, late = model.landings(discovery_growth, care_growth, D, K, jump)
    return frame.assign(early=early, late=late)


def advantage_map(shape: int = DEFAULTS["shape"], discovery_growth: float = DEFAULTS["discovery_growth"],
                  care_growth: float = DEFAULTS["care_growth"]) -> pd.DataFrame:
    """:func:`model.advantage_map_frame` over ``MAP_RATES``, with the chosen growth rates on every
    row (the chart outlines the cell nearest them; the claim's status gives the value there)."""
    frame = model.advantage_map_frame(shape, MAP_RATES, D, K, DEFAULTS["jump"])
    return frame.assign(chosen_discovery_growth=float(discovery_growth), chosen_care_growth=float(care_growth))


# --- the closed forms as Vega expressions --------------------------------------------------------


def _crossing(steady: str, growth: str, tj: str) -> str:
    """Vega expression for ``model._crossing``."""
    return f"({steady} < {tj} ? {steady} : max({tj}, {steady} - log(jump) / {growth}))"


def _rate(t: str, after: str) -> str:
    """Vega expression for ``model._rate`` at time ``t`` (``after``: 1 after the jump, else 0)."""
    return (f"(datum._shape == 0 ? discovery_growth * {t} + {after} * log(jump) - {LN_D!r}"
            f" : datum._shape == 2 ? {LN_K!r} - care_growth * {t} - {after} * log(jump) : 1)")


def _base_exposure() -> str:
    """The no-jump exposure: g_A W^2 / 2 (rising), W (flat), g_C W^2 / 2 (falling)."""
    return ("datum._shape == 0 ? discovery_growth * datum._w * datum._w / 2"
            " : datum._shape == 2 ? care_growth * datum._w * datum._w / 2 : datum._w")


def _trajectory_expressions() -> dict[str, str]:
    jumped = "(datum.kind == 'post' || (datum.kind == 'grid' && datum.t >= jump_time) ? log(jump) : 0)"
    return {
        "t": "datum.kind == 'grid' ? datum.t : jump_time",
        "order": "datum.kind == 'pre' ? jump_time - 1e-6 : datum.kind == 'post' ? jump_time + 1e-6 : datum.t",
        "level": f"exp((datum.series == 'discovery' ? discovery_growth : care_growth) * datum.t + {jumped})"
                 f" / (datum.series == 'discovery' ? {D!r} : {K!r})",
        "steady_start": f"{LN_D!r} / discovery_growth",
        "steady_end": f"{LN_K!r} / care_growth",
        "window_start": _crossing("datum.steady_start", "discovery_growth", "jump_time"),
        "window_end": _crossing("datum.steady_end", "care_growth", "jump_time"),
        "window_width": "max(0, datum.window_end - datum.window_start)",
    }


def _timing_expressions() -> dict[str, str]:
    tj = "datum.jump_time"
    return {
        "_shape": "datum.shape == 'rising' ? 0 : datum.shape == 'flat' ? 1 : 2",
        "steady_start": f"{LN_D!r} / discovery_growth",
        "steady_end": f"{LN_K!r} / care_growth",
        "_w": "max(0, datum.steady_end - datum.steady_start)",
        "_start": _crossing("datum.steady_start", "discovery_growth", tj),
        "_end": _crossing("datum.steady_end", "care_growth", tj),
        "_hi1": f"min(datum._end, {tj})",
        "_lo2": f"max(datum._start, {tj})",
        "_e": f"(datum._hi1 > datum._start ? (datum._hi1 - datum._start) * "
              f"{_rate('(datum._start + datum._hi1) / 2', '0')} : 0)"
              f" + (datum._end > datum._lo2 ? (datum._end - datum._lo2) * "
              f"{_rate('(datum._lo2 + datum._end) / 2', '1')} : 0)",
        "_e0": _base_exposure(),
        "removed": "datum._e0 > 0 ? 100 * (1 - max(0, datum._e) / datum._e0) : 0",
        "early": "datum.steady_start",
        "late": f"max(datum.early, ({LN_K!r} - log(jump)) / care_growth)",
    }


def _advantage(g_a: str, g_k: str) -> str:
    """Vega expression for ``model.late_vs_early(...).late_advantage`` at growth rates g_a, g_k."""
    lj = math.log(DEFAULTS["jump"])
    early = f"({LN_D!r} / {g_a})"
    span = f"max(0, ({LN_K - lj!r}) / {g_k} - {early})"
    w = f"max(0, {LN_K!r} / {g_k} - {early})"
    base = f"(shape == 0 ? {g_a} * {w} * {w} / 2 : shape == 2 ? {g_k} * {w} * {w} / 2 : {w})"
    return f"({w} > 0 ? 100 * (shape == 0 ? 1 : shape == 2 ? -1 : 0) * {lj!r} * {span} / {base} : 0)"


def _map_expressions() -> dict[str, str]:
    return {
        "late_advantage": _advantage("datum.discovery_growth", "datum.care_growth"),
        "chosen_discovery_growth": "discovery_growth",
        "chosen_care_growth": "care_growth",
    }


# --- charts ----------------------------------------------------------------------------------------

TRACKS = {"discovery": "discovery ability ÷ D", "care": "care ÷ K"}


def _legend(labels: dict[str, str]) -> alt.Legend:
    return alt.Legend(labelExpr=f"{labels}[datum.label]".replace("'", '"'), orient="bottom", labelLimit=300)


def trajectory_chart(base: alt.Chart) -> alt.LayerChart:
    """Both tracks over time, each over its own threshold (log scale; 1 = threshold reached). The
    danger window with the jump is shaded; the window without it is outlined."""
    time_scale = alt.Scale(domain=[0, HORIZON], nice=False)
    # the axis spans LEVEL_DOMAIN and, where a track runs beyond it, as far as the track goes
    log_scale = alt.Scale(type="log", domain=alt.DomainUnionWith(unionWith=LEVEL_DOMAIN))
    x = alt.X("t:Q", title="Years from now", scale=time_scale)
    y = alt.Y("level:Q", title="Multiple of the track's threshold", scale=log_scale,
              axis=alt.Axis(format="~g", labelExpr="abs(log(datum.value) / LN10 - round(log(datum.value) / LN10))"
                                                      " < 1e-6 ? datum.label : ''"))  # powers of ten
    colour = alt.Color("series:N", title=None, legend=_legend(TRACKS),
                       scale=alt.Scale(domain=list(TRACKS), range=[ORANGE, BLUE]))
    tooltip = [alt.Tooltip("series:N", title="track"), alt.Tooltip("t:Q", format=".2f", title="years"),
               alt.Tooltip("level:Q", format=".3~g", title="× threshold")]
    window_tooltip = [alt.Tooltip("window_start:Q", format=".2f", title="window opens (year)"),
                      alt.Tooltip("window_end:Q", format=".2f", title="window closes (year)"),
                      alt.Tooltip("window_width:Q", format=".2f", title="width (years)")]
    first = base.transform_filter("datum.series == 'discovery' && datum.kind == 'pre'")  # one row
    shaded = first.transform_filter("datum.window_width > 0").mark_rect(color=ORANGE, opacity=0.16, clip=True).encode(
        x=alt.X("window_start:Q", scale=time_scale), x2="window_end:Q", tooltip=window_tooltip)
    outlined = first.transform_filter("datum.steady_end > datum.steady_start").mark_rect(
        fillOpacity=0, stroke=GREY, strokeDash=[6, 4], strokeWidth=1.5, clip=True).encode(
        x=alt.X("steady_start:Q", scale=time_scale), x2="steady_end:Q")
    threshold = first.mark_rule(color=GREY, strokeDash=[2, 3]).encode(y=alt.datum(1))
    lines = base.mark_line(strokeWidth=2.5).encode(x=x, y=y, color=colour, order="order:Q", tooltip=tooltip)
    headline = first.transform_calculate(
        text="datum.window_width > 0 ? 'With the jump: window ' + format(datum.window_width, '.1f')"
             " + ' yr (year ' + format(datum.window_start, '.1f') + ' to ' + format(datum.window_end, '.1f') + ')'"
             " : 'With the jump: no window (care reaches K first)'").mark_text(
        align="left", baseline="top", fontSize=13, fontWeight="bold", color=INK).encode(
        x=alt.value(8), y=alt.value(6), text="text:N")
    steady_text = first.transform_calculate(
        text="datum.steady_end > datum.steady_start ? 'No jump (dashed box): '"
             " + format(datum.steady_end - datum.steady_start, '.1f') + ' yr'"
             " : 'No jump: no window'").mark_text(
        align="left", baseline="top", fontSize=12, color=INK).encode(x=alt.value(8), y=alt.value(24), text="text:N")
    return alt.layer(shaded, outlined, threshold, lines, headline, steady_text)


SHAPE_COLOURS = {"rising": ORANGE, "flat": GREY, "falling": BLUE}


def timing_chart(base: alt.Chart) -> alt.LayerChart:
    """Share of the no-jump exposure a jump removes, against its date, one line per rate shape;
    the no-jump window outlined, the early and late jump dates marked."""
    x_scale = alt.Scale(domain=[0, TIMING_HORIZON], nice=False)
    x = alt.X("jump_time:Q", title="Date of the jump (years from now)", scale=x_scale)
    # No fixed domain: a jump that comes first can widen the window (removed < 0) when g_A < g_C.
    y = alt.Y("removed:Q", title="Exposure removed (% of no jump)", scale=alt.Scale(zero=True, domainMax=100))
    colour = alt.Color("shape:N", title="Rate across the window", legend=alt.Legend(orient="bottom"),
                       scale=alt.Scale(domain=list(SHAPE_COLOURS), range=list(SHAPE_COLOURS.values())))
    dash = alt.StrokeDash("shape:N", title="Rate across the window", legend=alt.Legend(orient="bottom"),
                          scale=alt.Scale(domain=list(SHAPE_COLOURS), range=[[1, 0], [2, 3], [6, 4]]))
    tooltip = [alt.Tooltip("shape:N", title="rate"), alt.Tooltip("jump_time:Q", format=".2f", title="jump (year)"),
               alt.Tooltip("removed:Q", format=".1f", title="% removed")]
    one = base.transform_filter("datum.shape == 'rising' && datum.jump_time == 0")
    window = one.transform_filter("datum.steady_end > datum.steady_start").mark_rect(
        fillOpacity=0, stroke=GREY, strokeDash=[6, 4], clip=True).encode(
        x=alt.X("steady_start:Q", scale=x_scale), x2="steady_end:Q")
    marks = []
    for column, label, dy in (("early", "early", 4), ("late", "late", 18)):
        rule_x = alt.X(f"{column}:Q", scale=x_scale)
        marks.append(one.mark_rule(color=INK, strokeDash=[1, 2], clip=True).encode(x=rule_x))
        marks.append(one.transform_filter(f"datum.{column} < {TIMING_HORIZON - 0.5}").mark_text(
            align="left", baseline="top", dx=3, dy=dy, fontSize=12, color=INK).encode(
            x=rule_x, y=alt.value(0), text=alt.value(label)))
    lines = base.mark_line(strokeWidth=2.5, clip=True).encode(x=x, y=y, color=colour, strokeDash=dash,
                                                              tooltip=tooltip)
    none = one.transform_filter("datum.steady_end <= datum.steady_start").mark_text(
        align="left", baseline="top", fontSize=13, color=INK).encode(
        x=alt.value(8), y=alt.value(40), text=alt.value("No window without a jump: care comes first"))
    return alt.layer(window, *marks, lines, none)


def advantage_chart(base: alt.Chart) -> alt.LayerChart:
    """Heat map over the two growth rates: how many percentage points more of the exposure a late
    jump removes than an early one, for the chosen rate shape. The claim's boundary is drawn from
    the claims dataset; grey cells have no window; the chosen rates are marked."""
    half = 0.05
    scale = alt.Scale(domain=[MAP_RATES[0] - half, MAP_RATES[-1] + half], nice=False)
    cells = base.transform_calculate(
        x0=f"datum.discovery_growth - {half}", x1=f"datum.discovery_growth + {half}",
        y0=f"datum.care_growth - {half}", y1=f"datum.care_growth + {half}")
    x = alt.X("x0:Q", title="Discovery ability's growth rate g_A (per year)", scale=scale)
    y = alt.Y("y0:Q", title="Care's growth rate g_C (per year)", scale=scale)
    tooltip = [alt.Tooltip("discovery_growth:Q", format=".2f", title="g_A"),
               alt.Tooltip("care_growth:Q", format=".2f", title="g_C"),
               alt.Tooltip("late_advantage:Q", format=".1f", title="late minus early (points)")]
    chosen = ("abs(datum.discovery_growth - datum.chosen_discovery_growth) < 0.05"
              " && abs(datum.care_growth - datum.chosen_care_growth) < 0.05")
    heat = cells.mark_rect().encode(
        x=x, x2="x1:Q", y=y, y2="y1:Q", tooltip=tooltip,
        color=alt.condition("datum.window", alt.Color(
            "late_advantage:Q", title="Late − early (points)",
            scale=alt.Scale(scheme="blueorange", domain=[-60, 60], clamp=True),
            legend=alt.Legend(orient="bottom", gradientLength=220)), alt.value("#DDDDDD")),
        # a thin outline keeps the palest cells visible against the page (3:1; essays.theme)
        stroke=alt.condition(chosen, alt.value(theme.ON_CELLS), alt.value(theme.CELL_OUTLINE)),
        strokeWidth=alt.condition(chosen, alt.value(3), alt.value(theme.CELL_OUTLINE_WIDTH)))
    claims = alt.Chart(CLAIM_DATA).transform_filter("datum.claim == 'late_beats_early'")
    boundary_rows = claims.transform_filter("datum.kind == 'boundary'")
    boundary_xy = dict(x=alt.X("at:Q", scale=scale), y=alt.Y("value:Q", scale=scale), order="at:Q")
    boundary = alt.layer(  # a dark line on a white casing reads on pale and dark cells alike
        boundary_rows.mark_line(color="white", strokeWidth=5).encode(**boundary_xy),
        boundary_rows.mark_line(color=theme.ON_CELLS, strokeWidth=2.5,
                                point=alt.OverlayMarkDef(color=theme.ON_CELLS, size=12)).encode(**boundary_xy))
    label = claims.transform_filter("datum.kind == 'status'").transform_calculate(
        text="'Outlined cell: ' + format(datum.value, '+.1f') + ' points'"
    ).mark_text(align="left", baseline="top", fontSize=13, fontWeight="bold", color=theme.ON_CELLS).encode(
        x=alt.value(8), y=alt.value(6), text="text:N")
    return alt.layer(heat, boundary, label)


DANGER_WINDOW = Explorable(
    name="danger_window",
    title="Discovery ability and care over time, each as a multiple of its threshold, with a jump; "
          "the danger window shaded",
    params=(GROWTH_A, GROWTH_K, JUMP, JUMP_TIME),
    model=trajectory,
    chart=trajectory_chart,
    expressions=_trajectory_expressions(),
)

JUMP_TIMING = Explorable(
    name="jump_timing",
    title="Share of the exposure a jump removes, against the jump's date, if the rate follows discovery "
          "ability (rising), is flat, or follows missing care (falling)",
    params=(GROWTH_A, GROWTH_K, JUMP),
    model=timing,
    chart=timing_chart,
    expressions=_timing_expressions(),
)

LATE_OR_EARLY = Explorable(
    name="late_or_early",
    title="How much more of the exposure a late jump removes than an early one, over the two growth rates",
    params=(SHAPE, MAP_GROWTH_A, MAP_GROWTH_K),
    model=advantage_map,
    chart=advantage_chart,
    expressions=_map_expressions(),
    claims=(Claim("late_beats_early", "Jumping late in the window cuts exposure more than jumping early",
                  model.late_vs_early, "late_advantage > 0",
                  label="extra share of exposure the late jump removes", unit=" points", format="+.3~g",
                  contour=("care_growth", "discovery_growth")),),
)
