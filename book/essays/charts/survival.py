"""Charts of the survival-costs chapter, each declared once as an explorable figure.

Three figures, all rendered statically by Vega expressions (the models are closed-form):

* ``survival_share``: the share of each resource base that keeps everyone alive;
* ``survival_overhead``: what setting that share aside (a delay) or paying it as upkeep (a
  smaller economy) costs an economy that doubles every T;
* ``survival_earth``: the strongest objection, that industry must stay small while Earth is
  kept habitable: a delay of log2(1 / x) doublings.

Text drawn on the charts (durations, powers, shares) is formatted in Vega from numeric columns, so
it follows the sliders on the static page too.
"""
from __future__ import annotations

import inspect
import json
import math
from dataclasses import dataclass
from typing import Callable

import altair as alt

from essays.explorable import Explorable, Param
from essays.models import survival as model
from essays.models import survival_frames as frames

# One colour per resource base, the same in every figure (Okabe-Ito, as the theme).
BASE_COLOURS = {"today's world energy": "#D55E00", "sunlight on Earth": "#0072B2", "the Sun's output": "#E69F00"}
DAY_SECONDS = model.DAY
YEAR_SECONDS = model.YEAR


# --- slider readouts in human units -------------------------------------------------------------


@dataclass(frozen=True)
class ReadableParam(Param):
    """A slider whose readout is text in human units ("3.2 days", "2.39 kW") rather than a bare number."""

    text: Callable[[float], str] = str

    def display(self, value: float) -> str:
        return self.text(value)


def _people(value: float) -> str:
    return f"{value / 1e9:.3g} bn"


def _watts(value: float) -> str:
    for size, unit in ((1e15, "PW"), (1e12, "TW"), (1e9, "GW"), (1e6, "MW"), (1e3, "kW")):
        if value >= size:
            return f"{value / size:.3g} {unit}"
    return f"{value:.3g} W"


def _days(value: float) -> str:
    return model.format_duration(value * DAY_SECONDS)


def _years(value: float) -> str:
    if value >= 999.5:  # "1000 years" is shorter than "1 thousand years"
        return f"{value:.0f} years"
    return model.format_duration(value * YEAR_SECONDS)


def _fraction(value: float) -> str:
    if value >= 1e-3:
        return f"{value * 100:.3g}%"
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa.rstrip('0').rstrip('.')}e{int(exponent)}"


# --- the same readings as Vega expressions, for text drawn on the charts -------------------------

_DURATION_UNITS = (  # (seconds, singular name); each used below the next one's size
    (1e-12, "picosecond"), (1e-9, "nanosecond"), (1e-6, "microsecond"), (1e-3, "millisecond"),
    (1.0, "second"), (model.MINUTE, "minute"), (model.HOUR, "hour"), (model.DAY, "day"),
    (model.WEEK, "week"), (model.MONTH, "month"), (model.YEAR, "year"),
)


def duration_text(seconds: str) -> str:
    """Vega expression: the duration ``seconds`` (an expression) as "1.4 hours", "6.6 years"."""

    def unit(size: float, name: str) -> str:
        number = f"format(({seconds}) / {size!r}, '.2~r')"
        return f"({number} + ' {name}' + ({number} == '1' ? '' : 's'))"

    expr = unit(*_DURATION_UNITS[-1])
    for (size, name), (upper, _) in zip(reversed(_DURATION_UNITS[:-1]), reversed(_DURATION_UNITS[1:])):
        # a hair below the next unit, so a value that is that unit up to rounding reads as it
        expr = f"({seconds}) < {upper * (1 - 1e-9)!r} ? {unit(size, name)} : {expr}"
    return f"(({seconds}) <= 0 ? 'no time' : {expr})"


def power_text(watts: str) -> str:
    """Vega expression: the power ``watts`` (an expression) as "19.6 TW"."""
    expr = f"format({watts}, '.3~r') + ' W'"
    for size, unit in ((1e3, "kW"), (1e6, "MW"), (1e9, "GW"), (1e12, "TW"), (1e15, "PW")):
        expr = f"({watts}) >= {size!r} ? format(({watts}) / {size!r}, '.3~r') + ' {unit}' : {expr}"
    return f"({expr})"


def share_text(share: str) -> str:
    """Vega expression: a share as "42×" (over the whole base), "4.1%" or "1.1e-4"."""
    return (f"(({share}) > 1 ? format({share}, '.2~r') + '×' : ({share}) >= 0.001 ? format({share}, '.2~%')"
            f" : replace(format({share}, '.2~e'), 'e-', 'e−'))")


def log_grid_value(lo: float, hi: float, points: int) -> str:
    """Vega expression: the value at ``datum.point`` of ``numpy.geomspace(lo, hi, points)``.

    The page's data holds numbers to fifteen decimal places, which leaves a share of 1.1e-15 as
    1e-15; rebuilding grid values from their position keeps every significant digit.
    """
    start, stop = math.log10(lo), math.log10(hi)
    return f"pow(10, {start!r} + datum.point * {(stop - start) / (points - 1)!r})"


def _base_lookup() -> str:
    """Vega object literal: base name -> watts (exact, from the model)."""
    return json.dumps({name: watts for name, watts in model.RESOURCE_BASES.items()})


def _duration_axis(values: list[tuple[float, str]], title: str) -> alt.Axis:
    """A log axis of seconds ticked and labelled at human units."""
    label = "''"
    for seconds, text in values:
        label = f"abs(datum.value / {seconds!r} - 1) < 1e-6 ? '{text}' : {label}"
    return alt.Axis(title=title, values=[s for s, _ in values], labelExpr=label, grid=True)


_SECONDS_TICKS = [
    (1e-12, "1 ps"), (1e-9, "1 ns"), (1e-6, "1 µs"), (1e-3, "1 ms"), (1.0, "1 s"), (model.HOUR, "1 hour"),
    (model.YEAR, "1 year"), (100 * model.YEAR, "100 years"),
]
_LONG_TICKS = [
    (model.HOUR, "1 hour"), (model.DAY, "1 day"), (model.WEEK, "1 week"), (model.MONTH, "1 month"),
    (model.YEAR, "1 year"), (10 * model.YEAR, "10 years"), (100 * model.YEAR, "100 years"),
    (1000 * model.YEAR, "1000 years"),
]
_SHARE_LABELS = "datum.value == 1 ? '1' : replace(replace(format(datum.value, '.0e'), 'e-', 'e−'), 'e+', 'e')"


def _base_colour(names=tuple(BASE_COLOURS)) -> alt.Color:
    """Colour by resource base; every layer uses the same encoding, so they share one legend."""
    return alt.Color("series:N", title=None,
                     scale=alt.Scale(domain=list(names), range=[BASE_COLOURS[n] for n in names]),
                     legend=alt.Legend(orient="bottom"))


# --- figure 1: share of resources -----------------------------------------------------------------


def share_chart(base: alt.Chart) -> alt.LayerChart:
    """Share of each resource base against power per person (log-log), the chosen setting marked."""
    x = alt.X("power_per_person_w:Q", title="Power per person (watts)",
              scale=alt.Scale(type="log", domain=list(model.POWER_PER_PERSON_SLIDER), nice=False),
              axis=alt.Axis(values=[100, 1e3, 1e4, 1e5], labelExpr="format(datum.value, '~s') + ' W'"))
    y = alt.Y("share:Q", title="Share of the resource base",
              scale=alt.Scale(type="log", domain=[1e-16, 1e3], clamp=True),
              axis=alt.Axis(values=[10.0 ** k for k in range(-15, 4, 3)], labelExpr=_SHARE_LABELS))
    tooltip = [alt.Tooltip("series:N", title="base"),
               alt.Tooltip("power_per_person_w:Q", format=".3~s", title="watts per person"),
               alt.Tooltip("share:Q", format=".3~e", title="share")]
    colour = _base_colour()
    lines = base.transform_filter("datum.kind == 'curve'").mark_line().encode(
        x=x, y=y, color=colour, tooltip=tooltip)
    chosen = base.transform_filter("datum.kind == 'chosen'")
    whole = chosen.transform_filter(f"datum.series == {json.dumps(next(iter(model.RESOURCE_BASES)))}")
    rule = whole.mark_rule(color="#555", strokeDash=[4, 4]).encode(y=alt.datum(1))
    rule_label = whole.mark_text(align="left", baseline="bottom", dx=4, dy=-3, color="#555", fontSize=12).encode(
        x=alt.value(0), y=alt.datum(1), text=alt.value("the whole base"))
    points = chosen.mark_point(size=110, filled=True, stroke="white", strokeWidth=1).encode(
        x=x, y=y, color=_base_colour(), tooltip=tooltip)
    labelled = chosen.transform_calculate(text=share_text("datum.share"))
    labels = alt.layer(*(
        labelled.transform_filter(condition).mark_text(align=align, dx=dx, dy=-12, fontSize=13, fontWeight="bold")
        .encode(x=x, y=y, text="text:N", color=_base_colour())
        for condition, align, dx in (("datum.power_per_person_w < 10000", "left", 6),
                                     ("datum.power_per_person_w >= 10000", "right", -6))
    ))
    headline = whole.transform_calculate(
        text="'Everyone together: ' + " + power_text(f"datum.share * {_base_lookup()}[datum.series]")
             + " + ' (' + " + power_text("datum.power_per_person_w") + " + ' each)'"
    ).mark_text(align="left", baseline="top", fontSize=14, fontWeight="bold").encode(
        x=alt.value(8), y=alt.value(6), text="text:N")
    return alt.layer(lines, rule, rule_label, points, labels, headline)


SHARE = Explorable(
    name="survival_share",
    title="Share of each resource base needed to keep everyone alive, against power per person",
    params=(
        ReadableParam("population", "Population (people)", model.WORLD_POPULATION, *model.POPULATION_SLIDER,
                      step=1e8, text=_people),
        ReadableParam("power_per_person", "Power per person (watts)", model.WORLD_AVERAGE_POWER_PER_PERSON_W,
                      *model.POWER_PER_PERSON_SLIDER, log=True, points=61, text=_watts),
    ),
    model=model.resource_share_frame,
    chart=share_chart,
    expressions={
        "power_per_person_w": "datum.kind == 'chosen' ? power_per_person : datum.power_per_person_w",
        "share": f"population * datum.power_per_person_w / {_base_lookup()}[datum.series]",
    },
)


# --- figure 2: overhead as a delay, or as a smaller economy ---------------------------------------

_SHARE_X_DOMAIN = list(frames.OVERHEAD_SHARE_AXIS)


def _share_x(title: str | None) -> alt.X:
    return alt.X("share:Q", title=title, scale=alt.Scale(type="log", domain=_SHARE_X_DOMAIN, nice=False, clamp=True),
                 axis=alt.Axis(values=[1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 0.5],
                               labelExpr="datum.value == 0.5 ? '½' : " + _SHARE_LABELS))


def _marker_labels(markers: alt.Chart, x, y, text: str, colour: alt.Color,
                   placements: tuple[tuple[str, str, int], ...]) -> alt.LayerChart:
    """Text beside each marked base, one layer per (condition, base) placement.

    The Sun's share sits far left, so its label goes to the right of its dot; Earth's sits to the
    right, so its label goes to the left. ``placements`` gives, per layer, a filter, the base and
    the vertical offset; the filters of one base must together take each of its rows once.
    """
    labelled = markers.transform_calculate(text=text)
    sun = frames.OVERHEAD_MARKED_BASES[1]
    return alt.layer(*(
        labelled.transform_filter(f"datum.series == {json.dumps(name)} && ({condition})").mark_text(
            align="left" if name == sun else "right", dx=8 if name == sun else -8, dy=dy,
            fontSize=12, fontWeight="bold")
        .encode(x=x, y=y, text="text:N", color=colour)
        for condition, name, dy in placements
    ))


def overhead_chart(base: alt.Chart) -> alt.VConcatChart:
    """Delay (stock set aside) and relative size (upkeep as a flow) against the share f, bases marked."""
    tooltip = [alt.Tooltip("series:N", title="series"), alt.Tooltip("share:Q", format=".3~e", title="share f"),
               alt.Tooltip("delay_doublings:Q", format=".3~e", title="delay (doublings)"),
               alt.Tooltip("relative_size:Q", format=".6~f", title="relative size")]
    curve = base.transform_filter("datum.series == 'curve'")
    markers = base.transform_filter("datum.series != 'curve'")
    colour = _base_colour(frames.OVERHEAD_MARKED_BASES)
    earth, sun = frames.OVERHEAD_MARKED_BASES
    title = dict(fontSize=13, anchor="start", offset=8)

    x_top = _share_x(None)
    y_delay = alt.Y("delay_seconds:Q", scale=alt.Scale(type="log", domain=[1e-13, 1e10], clamp=True),
                    axis=_duration_axis(_SECONDS_TICKS, "Delay"))
    delay = alt.layer(
        curve.mark_line(color="#333").encode(x=x_top, y=y_delay, tooltip=tooltip),
        markers.mark_point(size=110, filled=True, stroke="white", strokeWidth=1).encode(
            x=x_top, y=y_delay, color=colour, tooltip=tooltip),
        # the curve rises to the right: the Sun's label below-right of its dot, Earth's above-left
        _marker_labels(markers, x_top, y_delay, duration_text("datum.delay_seconds"), colour,
                       (("true", sun, 16), ("true", earth, -12))),
    ).properties(width=460, height=220, title=alt.Title(
        "Set aside once: any size is reached later by T·log₂(1/(1−f))", **title))

    x_bottom = _share_x("Share f of resources kept for people (log scale)")
    y_size = alt.Y("relative_size:Q", scale=alt.Scale(domain=[0, 1]),
                   axis=alt.Axis(format="~%", title="Relative size"))
    size = alt.layer(
        curve.mark_line(color="#333").encode(x=x_bottom, y=y_size, tooltip=tooltip),
        markers.mark_point(size=110, filled=True, stroke="white", strokeWidth=1).encode(
            x=x_bottom, y=y_size, color=colour, tooltip=tooltip),
        # below a dot near 100%, above one near 0%; Earth's a line lower, so the two never meet
        _marker_labels(markers, x_bottom, y_size, duration_text("datum.lag_seconds") + " + ' behind'", colour,
                       (("datum.relative_size > 0.5", sun, 18), ("datum.relative_size <= 0.5", sun, -12),
                        ("datum.relative_size > 0.5", earth, 38), ("datum.relative_size <= 0.5", earth, -32))),
    ).properties(width=460, height=170, title=alt.Title(
        "Paid as upkeep for a time t: size relative to an economy that pays nothing", **title))
    return alt.vconcat(delay, size, spacing=28)


_DOUBLING_TIME_DAYS = (model.DOUBLING_TIME_SLIDER[0] / DAY_SECONDS, model.DOUBLING_TIME_SLIDER[1] / DAY_SECONDS)


def _doubling_time_param() -> ReadableParam:
    return ReadableParam("doubling_time_days", "Doubling time T (days)", 365.25,
                         *_DOUBLING_TIME_DAYS, log=True, points=41, text=_days)


_OVERHEAD_POINTS = inspect.signature(frames.overhead_frame).parameters["points"].default
_EARTH_POINTS = inspect.signature(frames.earth_frame).parameters["points"].default

OVERHEAD = Explorable(
    name="survival_overhead",
    title="Delay and relative size of an economy that keeps a share of its resources for people",
    params=(
        _doubling_time_param(),
        ReadableParam("elapsed_years", "Upkeep paid for a time t (years)", 50.0,
                      model.ELAPSED_SLIDER[0] / YEAR_SECONDS, model.ELAPSED_SLIDER[1] / YEAR_SECONDS,
                      log=True, points=41, text=_years),
        ReadableParam("power_per_person", "Power per person (watts)",
                      model.WORLD_AVERAGE_POWER_PER_PERSON_W, *model.POWER_PER_PERSON_SLIDER,
                      log=True, points=61, text=_watts),
    ),
    model=frames.overhead_frame,
    chart=overhead_chart,
    expressions={
        "share": (f"datum.series == 'curve' ? {log_grid_value(*frames.OVERHEAD_SHARE_AXIS, _OVERHEAD_POINTS)}"
                  f" : {model.WORLD_POPULATION!r} * power_per_person / {_base_lookup()}[datum.series]"),
        # log2(1 / (1 - f)); Vega has no log1p, so small shares use its series (error below 1e-12)
        "delay_doublings": ("(datum.share < 1e-4 ? datum.share + datum.share * datum.share / 2"
                            " + datum.share * datum.share * datum.share / 3 : -log(1 - datum.share)) / LN2"),
        "delay_seconds": f"doubling_time_days * {DAY_SECONDS!r} * datum.delay_doublings",
        "relative_size": (f"pow(2, -datum.share * (elapsed_years * {YEAR_SECONDS!r})"
                          f" / (doubling_time_days * {DAY_SECONDS!r}))"),
        "lag_seconds": f"datum.share * (elapsed_years * {YEAR_SECONDS!r})",
    },
)


# --- figure 3: the strongest objection, Earth is most of the early economy ------------------------


def earth_chart(base: alt.Chart) -> alt.LayerChart:
    """Delay against the usable fraction of Earth (log-log) at the chosen and reference doubling times."""
    x = alt.X("fraction:Q", title="Fraction x of Earth's resources industry may use (log scale)",
              scale=alt.Scale(type="log", domain=list(frames.EARTH_FRACTION_AXIS), nice=False),
              axis=alt.Axis(values=[1e-12, 1e-9, 1e-6, 1e-3, 0.5],
                            labelExpr="datum.value == 0.5 ? '½' : " + _SHARE_LABELS))
    y = alt.Y("delay_seconds:Q", title="Delay",
              scale=alt.Scale(type="log", domain=[1e3, 2e11], clamp=True),
              axis=_duration_axis(_LONG_TICKS, "Delay before industry reaches any size"))
    tooltip = [alt.Tooltip("series:N"), alt.Tooltip("fraction:Q", format=".3~e", title="fraction x"),
               alt.Tooltip("delay_doublings:Q", format=".3~r", title="delay (doublings)")]
    references = base.transform_filter("indexof(datum.series, 'T = ') == 0")
    reference_lines = references.mark_line(color="#999", strokeWidth=1.2).encode(
        x=x, y=y, detail="series:N", tooltip=tooltip)
    reference_labels = references.transform_filter("datum.point == 0").mark_text(align="left", baseline="bottom", dx=2, dy=-3, color="#777", fontSize=11).encode(
            x=x, y=y, text="series:N")
    chosen_line = base.transform_filter("datum.series == 'chosen T'").mark_line(color="#0072B2", strokeWidth=3).encode(
        x=x, y=y, tooltip=tooltip)
    chosen = base.transform_filter("datum.series == 'chosen'")
    point = chosen.mark_point(color="#0072B2", size=140, filled=True, stroke="white", strokeWidth=1.5).encode(
        x=x, y=y, tooltip=tooltip)
    # the label sits below the curve: to the left of the dot, or to its right near the left edge
    labelled = chosen.transform_calculate(text=duration_text("datum.delay_seconds"))
    label = alt.layer(*(
        labelled.transform_filter(condition).mark_text(
            align=align, baseline="top", dx=dx, dy=8, fontSize=14, fontWeight="bold", color="#0072B2")
        .encode(x=x, y=y, text="text:N")
        for condition, align, dx in (("datum.fraction >= 1e-6", "right", -8), ("datum.fraction < 1e-6", "left", 8))
    ))
    headline = chosen.transform_calculate(
        text=(f"{share_text('datum.fraction')} + ' of Earth: ' + format(datum.delay_doublings, '.3~r')"
              " + (format(datum.delay_doublings, '.3~r') == '1' ? ' doubling' : ' doublings')"
              " + ' × T of ' + " + duration_text("datum.doubling_time_seconds")
              + " + ' = ' + " + duration_text("datum.delay_seconds"))
    ).mark_text(align="left", baseline="bottom", fontSize=14, fontWeight="bold").encode(
        x=alt.value(0), y=alt.value(-8), text="text:N")
    return alt.layer(reference_lines, reference_labels, chosen_line, point, label, headline)


EARTH = Explorable(
    name="survival_earth",
    title="Delay from confining industry to a fraction of Earth, against that fraction",
    params=(
        ReadableParam("fraction", "Usable fraction x of Earth", 0.01, *frames.EARTH_FRACTION_AXIS,
                      log=True, points=61, text=_fraction),
        _doubling_time_param(),
    ),
    model=frames.earth_frame,
    chart=earth_chart,
    expressions={
        "doubling_time_seconds": (f"indexof(datum.series, 'chosen') == 0 ? doubling_time_days * {DAY_SECONDS!r}"
                                  " : datum.doubling_time_seconds"),
        "fraction": f"datum.series == 'chosen' ? fraction : {log_grid_value(*frames.EARTH_FRACTION_AXIS, _EARTH_POINTS)}",
        "delay_doublings": "0 - log(datum.fraction) / LN2",
        "delay_seconds": "datum.doubling_time_seconds * datum.delay_doublings",
    },
)
