"""Charts of the survival-costs chapter, each declared once as an explorable figure.

Three figures, all rendered statically by Vega expressions (the models are closed-form):

* ``survival_share``: the share of each resource base that keeps everyone alive;
* ``survival_overhead``: what setting that share aside (a delay) or paying it as upkeep (a
  smaller economy) costs an economy that doubles every T;
* ``survival_earth``: the crux of the strongest objection, that industry must stay small while
  Earth is kept habitable: the longest delay that can cost, T log2(1 / x), against the doubling
  time T, with reference doubling times marked and the claim "less than a year";
* ``survival_two_phase``: the same objection over time, starting from today's economy: the cap
  binds only once the economy fills x of Earth, and off-Earth industry grown from a seed keeps the
  lag below the bound.

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

from essays import theme
from essays.claims import CLAIM_DATA, Claim
from essays.explorable import Explorable, Param
from essays.models import survival as model
from essays.models import survival_frames as frames

# One colour per resource base, the same in every figure (Okabe-Ito, as the theme).
BASE_COLOURS = {"today's world energy": theme.VERMILLION, "sunlight on Earth": theme.BLUE, "the Sun's output": theme.PURPLE}
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
    references = alt.layer(*(
        whole.mark_rule(color=BASE_COLOURS[base], strokeDash=[2, 3], strokeWidth=1.2).encode(y=alt.datum(share))
        for base, share, _ in SHARE_REFERENCES
    ), *(
        whole.mark_text(align="right", baseline="top", dy=3, color=BASE_COLOURS[base], fontSize=11).encode(
            x=alt.value(SHARE_WIDTH), y=alt.datum(share), text=alt.value(text))
        for base, share, text in SHARE_REFERENCES
    ))
    return alt.layer(lines, rule, rule_label, references, points, labels, headline).properties(width=SHARE_WIDTH)


SHARE_WIDTH = 460
# Horizontal reference lines: (the base they are a share of, the share, the label).
SHARE_REFERENCES = (
    ("sunlight on Earth", model.FOOD_SYSTEM_SHARE_OF_SUNLIGHT,
     f"today's farmland and pasture: {model.FOOD_SYSTEM_SHARE_OF_SUNLIGHT:.1%} of sunlight on Earth"),
    ("the Sun's output", model.EARTH_SHARE_OF_SUNLIGHT,
     f"Earth left whole: {model.EARTH_SHARE_OF_SUNLIGHT:.1e} of the Sun".replace("e-", "e−")),
)


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


# --- figure 3: the crux, the bound T log2(1/x) against the doubling time T -----------------------

_BOUND_TICKS = [
    (model.HOUR, "1 hour"), (model.DAY, "1 day"), (model.WEEK, "1 week"), (model.MONTH, "1 month"),
    (model.YEAR, "1 year"), (10 * model.YEAR, "10 years"), (100 * model.YEAR, "100 years"),
    (1000 * model.YEAR, "1000 years"),
]


def earth_chart(base: alt.Chart) -> alt.LayerChart:
    """The bound T log2(1/x) against T (log-log), reference doubling times and the claim's region."""
    x_scale = alt.Scale(type="log", domain=list(frames.BOUND_T_AXIS), nice=False)
    x = alt.X("doubling_time_seconds:Q", scale=x_scale,
              axis=_duration_axis([_BOUND_TICKS[i] for i in (0, 1, 2, 4, 5)],
                                  "Doubling time T on Earth (log scale)"))
    y = alt.Y("delay_seconds:Q", scale=alt.Scale(type="log", domain=[60.0, 3e11], clamp=True, nice=False),
              axis=_duration_axis(_BOUND_TICKS, "Longest delay, T·log₂(1/x)"))
    tooltip = [alt.Tooltip("delay_doublings:Q", format=".3~r", title="doublings log2(1/x)")]
    fails = alt.Chart(CLAIM_DATA).transform_filter(
        "datum.kind == 'fails' && datum.param == 'doubling_time_days'"
    ).transform_calculate(lo_s=f"datum.lo * {DAY_SECONDS!r}", hi_s=f"datum.hi * {DAY_SECONDS!r}").mark_rect(
        color="#999999", opacity=0.18).encode(x=alt.X("lo_s:Q", scale=x_scale), x2="hi_s:Q")
    year = base.transform_filter("datum.series == 'chosen'").mark_rule(color="#555", strokeDash=[4, 4]).encode(
        y=alt.datum(YEAR_SECONDS))
    year_label = base.transform_filter("datum.series == 'chosen'").mark_text(
        align="left", baseline="bottom", dx=4, dy=-3, color="#555", fontSize=12).encode(
        x=alt.value(0), y=alt.datum(YEAR_SECONDS), text=alt.value("the claim: less than a year"))
    refs = base.transform_filter("datum.series == 'reference'")
    ref_rules = refs.mark_rule(color="#767676", strokeWidth=1).encode(x=x)
    # labels read upwards from the foot of each rule, below the curve (which rises to the right)
    ref_labels = refs.mark_text(angle=270, align="left", baseline="bottom", dx=4, dy=-2, color="#595959",
                                fontSize=11).encode(x=x, y=alt.value(BOUND_HEIGHT), text="label:N")
    curve = base.transform_filter("datum.series == 'curve'").mark_line(color="#0072B2", strokeWidth=3).encode(
        x=x, y=y, tooltip=tooltip)
    chosen = base.transform_filter("datum.series == 'chosen'")
    point = chosen.mark_point(color="#0072B2", size=140, filled=True, stroke="white", strokeWidth=1.5).encode(
        x=x, y=y, tooltip=tooltip)
    headline = chosen.transform_calculate(
        text="format(datum.delay_doublings, '.3~r') + ' × T = ' + " + duration_text("datum.delay_seconds")
    ).mark_text(align="left", baseline="bottom", fontSize=14, fontWeight="bold").encode(
        x=alt.value(0), y=alt.value(-8), text="text:N")
    return alt.layer(fails, year, year_label, ref_rules, ref_labels, curve, point, headline).properties(
        width=460, height=BOUND_HEIGHT)


BOUND_HEIGHT = 300


_EARTH_POINTS = inspect.signature(frames.earth_bound_frame).parameters["points"].default


def _fraction_param(lo: float, points: int) -> ReadableParam:
    return ReadableParam("fraction", "Usable fraction x of Earth", model.WASTE_HEAT_FRACTION, lo, 0.5,
                         log=True, points=points, text=_fraction, symbol="x")


def _t_param() -> ReadableParam:
    return ReadableParam("doubling_time_days", "Doubling time T on Earth (days)", 365.25,
                         *_DOUBLING_TIME_DAYS, log=True, points=41, text=_days, symbol="T")


EARTH = Explorable(
    name="survival_earth",
    title="Longest delay from keeping Earth habitable, T·log2(1/x), against the doubling time T",
    params=(_fraction_param(1e-6, 25), _t_param()),
    model=frames.earth_bound_frame,
    chart=earth_chart,
    expressions={
        "doubling_time_seconds": (
            f"datum.series == 'chosen' ? doubling_time_days * {DAY_SECONDS!r} : datum.series == 'curve'"
            f" ? {log_grid_value(*frames.BOUND_T_AXIS, _EARTH_POINTS)} : datum.doubling_time_seconds"),
        "delay_doublings": "0 - log(fraction) / LN2",
        "delay_seconds": "datum.doubling_time_seconds * datum.delay_doublings",
    },
    claims=(Claim("under_a_year",
                  "Even with nothing sent off Earth, keeping Earth habitable costs industry less than a year",
                  model.earth_bound_summary, "bound_years < 1", label="longest delay", unit=" years",
                  format=".3~g"),),
)


# --- figure 4: two phases, the cap binds and then a seed grows off Earth --------------------------

_LAG_COLOURS = {"bound, log₂(1/x)": "#595959", "waiting for the rival": theme.VERMILLION,
                "seed off Earth": theme.BLUE, "lag (the better route)": theme.BLACK}


def two_phase_chart(base: alt.Chart) -> alt.LayerChart:
    """Lag behind an unconfined economy against time, both in doubling times T."""
    u_scale = alt.Scale(domain=list(frames.TWO_PHASE_U_AXIS), nice=False)
    x = alt.X("u:Q", title="Time since today (doubling times T)", scale=u_scale)
    lag_scale = alt.Scale(domain=[0, 14], clamp=True, nice=False)
    y = alt.Y("value:Q", title="Lag behind a free economy (doubling times T)", scale=lag_scale)
    names = list(_LAG_COLOURS)
    colour = alt.Color("route:N", title=None, scale=alt.Scale(domain=names, range=list(_LAG_COLOURS.values())),
                       legend=alt.Legend(orient="bottom", columns=2))
    lines = base.transform_calculate(
        **{"bound, log₂(1/x)": "datum.bound", "waiting for the rival": "datum.wait_lag",
           "seed off Earth": "datum.seed_lag", "lag (the better route)": "datum.lag"}
    ).transform_fold(names, as_=["route", "value"]).mark_line().encode(
        x=x, y=y, color=colour,
        strokeWidth=alt.condition("datum.route == 'lag (the better route)'", alt.value(3.5), alt.value(1.5)),
        strokeDash=alt.condition("datum.route == 'bound, log₂(1/x)'", alt.value([5, 4]), alt.value([1, 0])),
        tooltip=[alt.Tooltip("route:N"), alt.Tooltip("u:Q", format=".3~r", title="time (T)"),
                 alt.Tooltip("value:Q", format=".3~r", title="lag (T)")])
    kink = base.transform_filter("datum.kind == 'kink' && datum.point == -1")
    cap_rule = kink.mark_rule(color="#767676", strokeDash=[2, 2]).encode(x=alt.X("cap_binds:Q", scale=u_scale))
    cap_label = kink.mark_text(align="left", baseline="top", dx=3, dy=4, color="#595959", fontSize=11).encode(
        x=alt.X("cap_binds:Q", scale=u_scale), y=alt.value(0), text=alt.value("the cap binds"))
    end = base.transform_filter(f"datum.kind == 'grid' && datum.u == {frames.TWO_PHASE_U_AXIS[1]!r}")
    headline = end.transform_calculate(
        text="'Lag at ' + format(datum.u, '.0f') + ' T: ' + " + duration_text("datum.lag_seconds")
    ).mark_text(align="left", baseline="bottom", fontSize=14, fontWeight="bold").encode(
        x=alt.value(0), y=alt.value(-8), text="text:N")
    bound_label = end.transform_calculate(text="'bound: ' + " + duration_text("datum.bound_seconds")).mark_text(
        align="right", baseline="bottom", dy=-3, color="#595959", fontSize=11).encode(
        x=alt.X("u:Q", scale=u_scale), y=alt.Y("bound:Q", scale=lag_scale), text="text:N")
    # one calendar year of lag, in doubling times: where it lies moves with T (the T slider)
    year = end.transform_calculate(year_in_t=f"{model.YEAR!r} * datum.bound / datum.bound_seconds").transform_filter(
        f"datum.year_in_t <= {lag_scale.domain[1]!r}")
    year_rule = year.mark_rule(color=theme.GREY, strokeDash=[1, 3]).encode(y=alt.Y("year_in_t:Q", scale=lag_scale))
    year_label = year.mark_text(align="left", baseline="bottom", dx=3, dy=-2, color=theme.GREY, fontSize=11).encode(
        x=alt.value(0), y=alt.Y("year_in_t:Q", scale=lag_scale), text=alt.value("one year of lag"))
    return alt.layer(cap_rule, cap_label, year_rule, year_label, lines, headline, bound_label).properties(
        width=TWO_PHASE_WIDTH, height=260)


TWO_PHASE_WIDTH = 460


_TWO_PHASE_POINTS = inspect.signature(frames.two_phase_frame).parameters["points"].default
_U_STEP = (frames.TWO_PHASE_U_AXIS[1] - frames.TWO_PHASE_U_AXIS[0]) / (_TWO_PHASE_POINTS - 1)
_N1 = f"max(0, {model.DOUBLINGS_TO_EARTH!r} + log(fraction) / LN2)"
_B = "(0 - log(fraction) / LN2)"
_V = f"(datum.u - {_N1})"
# log2(1 + seed (2^(v/k) - 1)), as the model computes it; Vega has no expm1, which matters only
# when v/k is tiny, where the lag is tiny too
_GROWN = f"log(1 + seed * (pow(2, {_V} / offworld_ratio) - 1)) / LN2"

TWO_PHASE = Explorable(
    name="survival_two_phase",
    title="Lag over time of an economy capped at a fraction x of Earth, with a seed off Earth",
    params=(
        _fraction_param(2e-4, 33),
        _t_param(),
        ReadableParam("seed", "Seed off Earth (share of the capped economy)", 0.1, 1e-6, 1.0, log=True,
                      points=25, text=_fraction, symbol="s"),
        ReadableParam("offworld_ratio", "Off-Earth doubling time (multiple of T)", 1.0, 1.0, 10.0, log=True,
                      points=21, text=lambda k: f"{k:.2g} × T", symbol="k"),
    ),
    model=frames.two_phase_frame,
    chart=two_phase_chart,
    expressions={
        "cap_binds": _N1,
        "bound": _B,
        "u": f"datum.kind == 'grid' ? datum.point * {_U_STEP!r} : datum.point == -1 ? {_N1} : {_N1} + {_B}",
        "wait_lag": f"min(max({_V}, 0), {_B})",
        "seed_lag": f"{_V} <= 0 ? 0 : max(0, {_V} - {_GROWN})",
        "lag": "min(datum.wait_lag, datum.seed_lag)",
        "lag_seconds": f"doubling_time_days * {DAY_SECONDS!r} * datum.lag",
        "bound_seconds": f"doubling_time_days * {DAY_SECONDS!r} * datum.bound",
    },
)
