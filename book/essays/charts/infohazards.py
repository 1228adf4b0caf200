"""Charts of the infohazards chapter, each declared once as an explorable figure.

Both figures are closed-form, so the static page recomputes them in the browser (expression
mode). That needs the model's rows to stay fixed while the sliders move values, which holds here:

* the trajectory has one row per year of a fixed time grid plus, on the "with jump" series, the
  two ends of the vertical step at ``t_J``. The grid (``HORIZON`` years in ``POINTS`` points,
  spacing 15/119 years) never contains a jump-time slider position (quarter years from 0.25 to
  12: ``k/4 = 15 i/119`` has no solution for ``0 < k < 60``), so the step always adds exactly two
  rows, and the expressions move them to the new ``t_J`` and renumber ``step`` around them;
* the exposure curve has one row per jump size (log-spaced 1 to 1000) and salience level.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from essays.explorable import Explorable, Param
from essays.models import infohazards as model

HORIZON = 15.0  # years shown on the trajectory
POINTS = 120  # time-grid points; 119 intervals keep every jump-time slider position off the grid
START_COMPETENCE = model.DEFAULTS["start_competence"]  # C0 = 1: today's competence is the unit
COMPETENCE_DOMAIN = [1, 1e5]  # y axis of the trajectory (× today's competence)
JUMP_DOMAIN = [1, 1000]  # x axis of the exposure chart, as in model.exposure_by_jump_frame
EXPOSURE_POINTS = 61  # jump sizes per salience level, log-spaced over JUMP_DOMAIN
ORANGE, BLUE, GREY = "#D55E00", "#0072B2", "#555555"  # from the theme's Okabe-Ito palette

DEFAULTS = model.DEFAULTS
GROWTH = Param("growth_rate", "Growth rate g (per year)", DEFAULTS["growth_rate"],
               0.3, 1.5, step=0.05, format=".2f")
DISCOVER = Param("discovery_threshold", "Discovery threshold D (× today)",
                 DEFAULTS["discovery_threshold"], 2, 50, log=True, points=15, format=".3g")
CAREFUL = Param("care_threshold", "Care threshold K (× today)", DEFAULTS["care_threshold"],
                100, 10_000, log=True, points=17, format=",.0f")
JUMP = Param("jump", "Jump size J (×)", DEFAULTS["jump"], 1, 1000, log=True, points=31, format=".4g")
JUMP_TIME = Param("jump_time", "Jump time t_J (years)", DEFAULTS["jump_time"], 0.25, 12, step=0.25,
                  format=".2f")


# --- models of the two figures: the tested model's frames, plus the thresholds the charts mark --


def trajectory(growth_rate: float = DEFAULTS["growth_rate"], jump: float = DEFAULTS["jump"], jump_time: float = DEFAULTS["jump_time"],
               discovery_threshold: float = DEFAULTS["discovery_threshold"],
               care_threshold: float = DEFAULTS["care_threshold"]) -> pd.DataFrame:
    """:func:`model.trajectory_frame` over ``HORIZON`` years, with columns ``discovery_threshold``
    and ``care_threshold`` (the same on every row) for the chart's threshold lines."""
    frame = model.trajectory_frame(START_COMPETENCE, growth_rate, discovery_threshold, care_threshold,
                                   jump, jump_time, horizon=HORIZON, points=POINTS)
    return frame.assign(discovery_threshold=float(discovery_threshold), care_threshold=float(care_threshold))


def exposure_curves(growth_rate: float = DEFAULTS["growth_rate"], jump_time: float = DEFAULTS["jump_time"],
                    discovery_threshold: float = DEFAULTS["discovery_threshold"],
                    care_threshold: float = DEFAULTS["care_threshold"]) -> pd.DataFrame:
    """:func:`model.exposure_by_jump_frame`, with a column ``jump_to_care``: the smallest jump
    that lands competence at or above ``K`` (:func:`model.jump_past_care`)."""
    frame = model.exposure_by_jump_frame(START_COMPETENCE, growth_rate, discovery_threshold, care_threshold,
                                         jump_time, points=EXPOSURE_POINTS)
    return frame.assign(jump_to_care=model.jump_past_care(START_COMPETENCE, growth_rate, care_threshold,
                                                          jump_time))


# --- the same closed forms as Vega expressions, for the static page ------------------------------


def _crossing(threshold: str, jump: str) -> str:
    """Vega expression for ``model._crossing``: first time competence reaches ``threshold``."""
    before = f"(log({threshold} / {START_COMPETENCE!r}) / growth_rate)"
    return f"({before} < jump_time ? {before} : max(jump_time, {before} - log({jump}) / growth_rate))"


def _trajectory_expressions() -> dict[str, str]:
    base = trajectory()
    jumped = base[base["series"] == "with jump"].reset_index(drop=True)
    pre = int(jumped.index[jumped["t"] == DEFAULTS["jump_time"]][0])  # step of the step's lower end at the default
    spacing = f"({HORIZON!r} / {POINTS - 1})"
    series_jump = "(datum.series == 'with jump' ? jump : 1)"
    return {
        # Which row this is, read from the default frame's numbering before it is renumbered.
        "_kind": f"datum.series != 'with jump' ? 'grid' : datum.step == {pre} ? 'pre'"
                 f" : datum.step == {pre + 1} ? 'post' : 'grid'",
        "_index": f"datum.series == 'with jump' && datum.step > {pre + 1} ? datum.step - 2 : datum.step",
        "_cut": f"ceil(jump_time / {spacing})",  # grid points before t_J (never on the grid)
        "step": "datum.series != 'with jump' ? datum._index : datum._kind == 'pre' ? datum._cut"
                " : datum._kind == 'post' ? datum._cut + 1"
                " : datum._index < datum._cut ? datum._index : datum._index + 2",
        # From the grid index, not the stored time: the static data is rounded to 7 digits, and
        # exp(g t) would amplify that rounding beyond what the page may show.
        "t": f"datum._kind == 'grid' ? datum._index * {spacing} : jump_time",
        "competence": f"{START_COMPETENCE!r} * exp(growth_rate * datum.t)"
                      f" * (datum._kind == 'pre' ? 1 : datum.t >= jump_time ? {series_jump} : 1)",
        "window_start": _crossing("discovery_threshold", series_jump),
        "window_end": _crossing("care_threshold", series_jump),
        "window_width": "max(0, datum.window_end - datum.window_start)",
        "discovery_threshold": "discovery_threshold",
        "care_threshold": "care_threshold",
    }


def _exposure_expressions() -> dict[str, str]:
    steps = EXPOSURE_POINTS - 1
    return {
        # The jump sizes are 10 ** (3 i / steps): recompute them exactly from their index, since
        # the static data is rounded to 7 digits and exposure near its zero amplifies rounding.
        "jump": f"pow(10, round(log(datum.jump) / LN10 * {steps / 3!r}) / {steps / 3!r})",
        "_span": "log(care_threshold / discovery_threshold)",  # L = ln(K / D)
        "_before": f"log({START_COMPETENCE!r} / discovery_threshold) + growth_rate * jump_time",  # ln(C(t_J-)/D)
        "_lo": "min(max(datum._before, 0), datum._span)",
        "_hi": "min(max(datum._before + log(datum.jump), 0), datum._span)",
        "exposure": "max(0, datum.salience / (2 * growth_rate)"
                    " * (datum._span * datum._span - (datum._hi * datum._hi - datum._lo * datum._lo)))",
        "window_width": f"max(0, {_crossing('care_threshold', 'datum.jump')}"
                        f" - {_crossing('discovery_threshold', 'datum.jump')})",
        "jump_to_care": f"max(1, care_threshold / ({START_COMPETENCE!r} * exp(growth_rate * jump_time)))",
    }


# --- charts -----------------------------------------------------------------------------------

SERIES_LABELS = {"with jump": "with the jump", "no jump": "no jump"}


def _legend(labels: dict[str, str]) -> alt.Legend:
    return alt.Legend(labelExpr=f"{labels}[datum.label]".replace("'", '"'))


def trajectory_chart(base: alt.Chart) -> alt.LayerChart:
    """Competence over time (log scale), with and without the jump. The danger window (from
    crossing D to crossing K) is shaded for the path with the jump and outlined for the path
    without it; the thresholds are dashed horizontal lines."""
    time_scale = alt.Scale(domain=[0, HORIZON], nice=False)
    log_scale = alt.Scale(type="log", domain=COMPETENCE_DOMAIN)
    x = alt.X("t:Q", title="Years from now", scale=time_scale)
    y = alt.Y("competence:Q", title="Competence (× today's)", scale=log_scale,
              axis=alt.Axis(values=[1, 10, 100, 1e3, 1e4, 1e5], format="~s"))
    domain = list(SERIES_LABELS)
    colour = alt.Color("series:N", title=None, legend=_legend(SERIES_LABELS),
                       scale=alt.Scale(domain=domain, range=[ORANGE, BLUE]))
    dash = alt.StrokeDash("series:N", title=None, legend=_legend(SERIES_LABELS),
                          scale=alt.Scale(domain=domain, range=[[1, 0], [6, 4]]))
    tooltip = [alt.Tooltip("series:N"), alt.Tooltip("t:Q", format=".2f", title="years"),
               alt.Tooltip("competence:Q", format=".3~g", title="competence")]
    window_tooltip = [alt.Tooltip("series:N"),
                      alt.Tooltip("window_start:Q", format=".2f", title="window opens (year)"),
                      alt.Tooltip("window_end:Q", format=".2f", title="window closes (year)"),
                      alt.Tooltip("window_width:Q", format=".2f", title="width (years)")]
    first = base.transform_filter("datum.step == 0")  # one row per series; each carries its window
    jumped, steady = (first.transform_filter(f"datum.series == '{s}'") for s in ("with jump", "no jump"))
    window_x = alt.X("window_start:Q", scale=time_scale)
    shaded = jumped.mark_rect(color=ORANGE, opacity=0.16, clip=True).encode(
        x=window_x, x2="window_end:Q", tooltip=window_tooltip)
    outlined = steady.mark_rect(fillOpacity=0, stroke=BLUE, strokeDash=[6, 4], strokeWidth=1.5, clip=True).encode(
        x=window_x, x2="window_end:Q", tooltip=window_tooltip)
    thresholds = []
    for column, name in (("discovery_threshold", "D: can discover infohazards"),
                         ("care_threshold", "K: careful with them")):
        ty = alt.Y(f"{column}:Q", scale=log_scale)
        thresholds.append(steady.mark_rule(color=GREY, strokeDash=[2, 3]).encode(y=ty))
        thresholds.append(steady.mark_text(align="right", baseline="bottom", dx=-4, dy=-3, fontSize=12,
                                           color=GREY).encode(x=alt.datum(HORIZON), y=ty, text=alt.value(name)))
    lines = base.mark_line(clip=True).encode(x=x, y=y, order="step:Q", color=colour, strokeDash=dash,
                                             tooltip=tooltip)
    labels = []
    for offset, series, rows in ((6, "with jump", jumped), (24, "no jump", steady)):
        text = rows.transform_calculate(
            text=f"'{SERIES_LABELS[series].capitalize()}: ' + (datum.window_width > 0"
                 " ? 'window ' + format(datum.window_width, '.1f') + ' yr (year '"
                 " + format(datum.window_start, '.1f') + ' to ' + format(datum.window_end, '.1f') + ')'"
                 " : 'no window (jumps past K before D)')")
        labels.append(text.mark_text(align="left", baseline="top", fontSize=13,
                                     fontWeight="bold" if series == "with jump" else "normal",
                                     color=ORANGE if series == "with jump" else BLUE).encode(
            x=alt.value(8), y=alt.value(offset), text="text:N"))
    return alt.layer(shaded, outlined, *thresholds, lines, *labels)


SALIENCE_LABELS = {name: f"{name} salience (s = {level:g})" for name, level in model.SALIENCE_LEVELS.items()}


def exposure_chart(base: alt.Chart) -> alt.LayerChart:
    """Expected exposure against the size of a jump at t_J, for narrow and broad salience; the
    jump that lands competence on K marked."""
    jump_scale = alt.Scale(type="log", domain=JUMP_DOMAIN)
    x = alt.X("jump:Q", title="Jump size J (×, log scale)", scale=jump_scale,
              axis=alt.Axis(values=[1, 3, 10, 30, 100, 300, 1000], format="~s"))
    y = alt.Y("exposure:Q", title="Exposure (arbitrary units)", scale=alt.Scale(zero=True))
    domain = list(SALIENCE_LABELS)
    colour = alt.Color("series:N", title=None, legend=_legend(SALIENCE_LABELS),
                       scale=alt.Scale(domain=domain, range=[BLUE, ORANGE]))
    tooltip = [alt.Tooltip("series:N", title="salience"), alt.Tooltip("jump:Q", format=".3~g", title="jump"),
               alt.Tooltip("exposure:Q", format=".3~g", title="exposure"),
               alt.Tooltip("window_width:Q", format=".2f", title="window (years)")]
    lines = base.mark_line().encode(x=x, y=y, color=colour, tooltip=tooltip)
    anchor = base.transform_filter("datum.series == 'broad' && datum.jump == 1")
    rule_x = alt.X("jump_to_care:Q", scale=jump_scale)
    rule = anchor.mark_rule(color=GREY, strokeDash=[4, 3], clip=True).encode(x=rule_x)
    rule_label = anchor.transform_filter(f"datum.jump_to_care < {JUMP_DOMAIN[1] / 3}").mark_text(
        align="left", baseline="top", dx=4, fontSize=12, color=GREY).encode(
        x=rule_x, y=alt.value(48), text=alt.value("lands past K"))
    headline = []
    for offset, expression in (
        (6, "'No jump: exposure ' + format(datum.exposure, '.3~g') + ' (broad salience)'"),
        (24, "datum.jump_to_care > 1 ? 'A jump at t_J needs ' + format(datum.jump_to_care, '.3~g')"
             " + '× to pass K' : 'Competence passes K before t_J'"),
    ):
        headline.append(anchor.transform_calculate(text=expression).mark_text(
            align="right", baseline="top", dy=offset, fontSize=13, fontWeight="bold" if offset == 6 else "normal"
        ).encode(x=alt.datum(JUMP_DOMAIN[1]), y=alt.value(0), text="text:N"))
    return alt.layer(lines, rule, rule_label, *headline)


TRAJECTORY = Explorable(
    name="danger_window",
    title="Competence over time with and without a sudden jump, the danger window shaded",
    params=(GROWTH, JUMP, JUMP_TIME, DISCOVER, CAREFUL),
    model=trajectory,
    chart=trajectory_chart,
    expressions=_trajectory_expressions(),
)

EXPOSURE = Explorable(
    name="exposure_by_jump",
    title="Expected exposure to infohazards against the size of the jump, for two salience levels",
    params=(GROWTH, JUMP_TIME, DISCOVER, CAREFUL),
    model=exposure_curves,
    chart=exposure_chart,
    expressions=_exposure_expressions(),
)
