"""Charts of the trends chapter (source lines 22-26), each declared once as an explorable figure.

Every figure runs in grid mode: fits, bootstraps and Monte Carlo draws are not closed form, so the
static page carries the model's output at each slider position. The ``*_frame`` functions below
only pick and join outputs of the tested model (:mod:`essays.models.trends`) for one chart; they
compute nothing of their own.
"""
from __future__ import annotations

import functools

import altair as alt
import numpy as np
import pandas as pd

from essays import theme
from essays.checks import check_integer, check_number
from essays.claims import CLAIM_DATA, Claim
from essays.data import load_metr_horizons, load_moore_transistors
from essays.explorable import Explorable, Param, choice
from essays.models import trends as model

HORIZONS = load_metr_horizons()
TRANSISTORS = load_moore_transistors()

FIT_RESAMPLES = 1000  # bootstrap resamples behind the trend figure and the prose's interval
NOISE_DRAWS = 500  # Monte Carlo draws per noise level (the model's default)
WINDOW_MONTHS = 6.0  # a forecast is "on time" within this many months of the noise-free one (line 23)
TREND_LINE_POINTS = 5  # points along the drawn trend line and its band
LATEST_SUITE = len(model.TH_VERSIONS) - 1  # slider position of TH1.1
FRONTIER_KEYS = {v: model.frontier_models(HORIZONS, version=v)["model_key"].tolist() for v in model.TH_VERSIONS}
FRONTIER_COUNT = len(FRONTIER_KEYS[model.DEFAULT_VERSION])  # TH1.1 frontier models since 2019 (17)
O3_POSITION = FRONTIER_KEYS[model.DEFAULT_VERSION].index(model.O3_MODEL_KEY[model.DEFAULT_VERSION]) + 1  # 12th
FIRST_CANDIDATE = 3  # the first frontier model with two earlier ones
NOISE_COLUMNS = ["n_points", "doubling_days", "doubling_days_p05", "doubling_days_p95", "forecast_year",
                 "forecast_year_p05", "forecast_year_p95", "chance_within_window"]

METR_POINTS = (2, 3, 4, 5, 6, 8, 10, 12, 14, FRONTIER_COUNT)  # point counts shown for METR (the page's budget)
MOORE_POINTS = (2, 3, 4, 5, 6, 8, 10, 12, 14, 17, 20, 24)  # point counts shown for Moore's law (of 24)

# A decimal (Julian) year as a timestamp in ms, as Vega expressions (2000-01-01 is 946684800000 ms).
MS_2000, MS_PER_YEAR = 946684800000, 31557600000


def _ms(field: str) -> str:
    return f"{MS_2000} + (datum.{field} - 2000) * {MS_PER_YEAR}"


def _month_year(field: str) -> str:
    return f"utcFormat({_ms(field)}, '%b %Y')"


MINUTE_TICKS = [1 / 60, 10 / 60, 1, 10, 60, 8 * 60, 40 * 60, 167 * 60]
MINUTE_LABELS = ("datum.value < 1 ? format(datum.value * 60, '.0f') + ' s'"
                 " : datum.value < 60 ? format(datum.value, '.0f') + ' min'"
                 " : format(datum.value / 60, '.0f') + ' h'")
# the book's colours (essays.theme: Okabe-Ito hues that read on white and, redrawn, on a dark page)
BLUE, VERMILLION, GREEN, ORANGE, BLACK, GREY = (theme.BLUE, theme.VERMILLION, theme.GREEN, theme.ORANGE,
                                                theme.BLACK, theme.GREY)
DARK_ORANGE = "#A34700"  # Okabe-Ito orange darkened for marks and text on white (about 6:1)


def _version(suite) -> str:
    """Slider position (0, 1) -> METR task-suite version ("TH1.0", "TH1.1")."""
    return model.TH_VERSIONS[check_integer("suite", suite, 0, len(model.TH_VERSIONS) - 1)]


def _frontier_key(version: str, position) -> str:
    """METR model_key of the ``position``-th frontier model of ``version`` since 2019 (1 = GPT-2)."""
    keys = FRONTIER_KEYS[version]
    return keys[check_integer("position", position, FIRST_CANDIDATE, len(keys)) - 1]


def _utc_ms(year: int) -> int:
    """1 January of ``year``, 00:00 UTC, in ms since 1970."""
    return int((pd.Timestamp(year=year, month=1, day=1) - pd.Timestamp(0)) / pd.Timedelta(milliseconds=1))


def _date_x(field: str, title: str, start: int, stop: int, clamp: bool = False) -> alt.X:
    """A date axis from 1 January ``start`` to 1 January ``stop`` (field in ms, drawn in UTC).

    ``clamp``: a value beyond the axis is drawn at its edge (for ranges whose ends are marked there).
    """
    return alt.X(f"{field}:T", title=title,
                 scale=alt.Scale(type="utc", domain=[_utc_ms(start), _utc_ms(stop)], clamp=clamp),
                 axis=alt.Axis(format="%Y", tickCount={"interval": "year", "step": 1}))


def _minutes_y(field: str, domain: tuple[float, float]) -> alt.Y:
    return alt.Y(f"{field}:Q", title="50% time horizon (skilled-human time)",
                 scale=alt.Scale(type="log", domain=list(domain)),
                 axis=alt.Axis(values=MINUTE_TICKS, labelExpr=MINUTE_LABELS))


def _headline(chart: alt.Chart, text: str, line: int = 0, bold: bool | None = None) -> alt.Chart:
    """A line of text at the top left of the plot, computed from the (single) row left in ``chart``."""
    bold = line == 0 if bold is None else bold
    return chart.transform_calculate(headline=text).mark_text(
        align="left", baseline="top", fontSize=12, fontWeight="bold" if bold else "normal",
    ).encode(x=alt.value(6), y=alt.value(4 + 17 * line), text="headline:N")


# ---------------------------------------------------------------- 1. the trend and its window

SUITE = choice("suite", "METR task suite", model.TH_VERSIONS, LATEST_SUITE)
FIRST_YEAR = Param("first_year", "First year fitted", model.METR_FIRST_YEAR, 2019, 2025, step=1, integer=True,
                   format="d", symbol="first year")
MILESTONES = (("work-week", model.WORK_WEEK_MINUTES), ("work-month", model.WORK_MONTH_MINUTES))


def trend_fit_frame(suite: int = LATEST_SUITE, first_year: int = model.METR_FIRST_YEAR) -> pd.DataFrame:
    """The frontier rows of :func:`~essays.models.trends.trend_frame`, the line run on to a work-month,
    the work-week and work-month dates, and one row with the fit's doubling time.

    ``suite`` is the index of the METR task-suite version (0 = TH1.0, 1 = TH1.1).
    Columns ``kind``, ``model``, ``decimal_year`` and ``value`` with its interval ``low``/``high``:
    on the rows of ``kind`` "frontier model", "earlier frontier model" and "trend" these are
    ``trend_frame``'s ``minutes``, ``minutes_low`` and ``minutes_high``; "projection" (two rows)
    is the fitted line from the last fitted model to the date it reaches a work-month; "milestone"
    rows (``model`` "work-week", "work-month") are :func:`~essays.models.trends.horizon_dates`;
    the one row of ``kind`` "doubling time" holds :func:`~essays.models.trends.metr_trend_summary`'s
    doubling time and bootstrap interval in days (same resamples and seed as the band), with
    ``model`` the version and ``decimal_year`` the first fitted release date; the row "metr" holds
    METR's own published doubling time and interval for TH1.1 from 2023.
    """
    year = check_integer("first_year", first_year, *model.FIRST_YEAR_RANGE)
    return _trend_fit_frame(_version(suite), year).copy()


@functools.lru_cache(maxsize=32)
def _trend_fit_frame(version: str, first_year: int) -> pd.DataFrame:
    """trend_fit_frame for one version (cached: the static grid and the axis domains reuse it)."""
    frame = model.trend_frame(HORIZONS, version=version, first_year=first_year, resamples=FIT_RESAMPLES,
                              grid_points=TREND_LINE_POINTS)
    frame = frame[frame["kind"] != "other model"].rename(
        columns={"minutes": "value", "minutes_low": "low", "minutes_high": "high"})
    fit = model.metr_trend_summary(HORIZONS, version=version, first_year=first_year, resamples=FIT_RESAMPLES)
    dates = model.horizon_dates(HORIZONS, version=version, first_year=first_year)
    fitted = frame[frame["kind"] == "frontier model"]
    first, last = fitted["decimal_year"].min(), fitted["decimal_year"].max()
    line = frame[frame["kind"] == "trend"]
    start = line["value"].iloc[-1]
    metr_days, metr_low, metr_high = model.METR_PUBLISHED_FROM_2023_DAYS
    extra = pd.DataFrame({
        "kind": ["projection", "projection", "milestone", "milestone", "doubling time", "metr"],
        "model": ["", "", "work-week", "work-month", version, "METR, TH1.1 from 2023"],
        "decimal_year": [last, dates.work_month_year, dates.work_week_year, dates.work_month_year, first, 2023.0],
        "value": [start, model.WORK_MONTH_MINUTES, model.WORK_WEEK_MINUTES, model.WORK_MONTH_MINUTES,
                  fit.doubling_days, metr_days],
        "low": [start, model.WORK_MONTH_MINUTES, model.WORK_WEEK_MINUTES, model.WORK_MONTH_MINUTES,
                fit.ci_low_days, metr_low],
        "high": [start, model.WORK_MONTH_MINUTES, model.WORK_WEEK_MINUTES, model.WORK_MONTH_MINUTES,
                 fit.ci_high_days, metr_high],
    })
    return pd.concat([frame, extra], ignore_index=True)


def _settings(*params):
    """Every combination of the static sliders' positions, as keyword dicts."""
    import itertools

    grids = [[int(v) if p.integer else float(v) for v in p.grid()] for p in params]
    return [dict(zip([p.name for p in params], combo)) for combo in itertools.product(*grids)]


def _log_domain(low: float, high: float) -> list[float]:
    """A log axis from a bit below ``low`` to a bit above ``high`` (a quarter of a power of ten of margin)."""
    return [float(10 ** (np.floor(4 * np.log10(low) - 1) / 4)), float(10 ** (np.ceil(4 * np.log10(high) + 1) / 4))]


_FIT_FRAMES = [trend_fit_frame(**s) for s in _settings(SUITE, FIRST_YEAR)]
_DRAWN = pd.concat([f[~f["kind"].isin(["doubling time", "metr"])] for f in _FIT_FRAMES])
# room above the highest mark for the three headline lines (about 1.75 powers of ten)
FIT_Y_DOMAIN = _log_domain(_DRAWN[["value", "low"]].min().min(), 10**1.75 * _DRAWN[["value", "high"]].max().max())
FIT_X_STOP = int(np.floor(_DRAWN["decimal_year"].max())) + 1  # 1 January after the latest date drawn


FIT_HEIGHT = theme.HEIGHT  # the plot height (px): the failing region's note sits at its bottom


def _claim_date(year: float) -> str:
    """A decimal year as 'Mon YYYY' (the month it falls in)."""
    moment = pd.Timestamp("2000-01-01") + pd.Timedelta(days=(year - 2000) * model.DAYS_PER_YEAR)
    return moment.strftime("%b %Y")


def trend_fit_chart(base: alt.Chart) -> alt.LayerChart:
    """Frontier models' 50% horizons by release date, the fitted line and its bootstrap band, run on
    to the dates it reaches a work-week and a work-month; the region where the window claim fails."""
    base = base.transform_calculate(date=_ms("decimal_year"))
    x = _date_x("date", "Release date, then forecast date", 2019, FIT_X_STOP)
    domain = tuple(FIT_Y_DOMAIN)
    y = _minutes_y("value", domain)
    tooltip = [alt.Tooltip("model:N", title="model"), alt.Tooltip("date:T", format="%d %b %Y", title="released"),
               alt.Tooltip("value:Q", format=".3~g", title="50% horizon (min)"),
               alt.Tooltip("low:Q", format=".3~g", title="95% interval from"),
               alt.Tooltip("high:Q", format=".3~g", title="95% interval to")]
    deadline = model.CLAIM_WORK_WEEK_BY
    fails = alt.Chart(CLAIM_DATA).transform_filter("datum.kind == 'status'").transform_calculate(
        start=f"{MS_2000} + ({deadline} - 2000) * {MS_PER_YEAR}", stop=str(_utc_ms(FIT_X_STOP)),
        note="'the claim fails'")
    fail_band = fails.mark_rect(color="#999999", opacity=0.16).encode(
        x=alt.X("start:T", scale=alt.Scale(type="utc", domain=[_utc_ms(2019), _utc_ms(FIT_X_STOP)])), x2="stop:T")
    fail_note = fails.mark_text(align="right", baseline="bottom", dx=-4, dy=-4, fontSize=11, color="#555555").encode(
        x="stop:T", y=alt.value(FIT_HEIGHT), text="note:N")
    trend = base.transform_filter("datum.kind == 'trend'")
    band = trend.mark_area(opacity=0.18, color=BLUE).encode(x=x, y=_minutes_y("low", domain), y2="high:Q")
    line = trend.mark_line(color=BLUE).encode(x=x, y=y)
    projection = base.transform_filter("datum.kind == 'projection'").mark_line(
        color=BLUE, strokeDash=[5, 4]).encode(x=x, y=y)
    milestones = base.transform_filter("datum.kind == 'milestone'")
    levels = milestones.mark_rule(strokeDash=[2, 3], color=GREY).encode(y=alt.Y("value:Q", scale=alt.Scale(
        type="log", domain=list(domain))))
    diamonds = milestones.mark_point(shape="diamond", size=90, filled=True, color=BLUE).encode(
        x=x, y=y, tooltip=[alt.Tooltip("model:N", title="reaches"), alt.Tooltip("date:T", format="%b %Y",
                                                                                    title="in")])
    milestone_text = milestones.transform_calculate(
        text="datum.model + ' (' + format(datum.value / 60, '.0f') + ' h): ' + " + _month_year("decimal_year")
    ).mark_text(align="right", dx=-9, dy=-9, fontSize=11).encode(x=x, y=y, text="text:N")
    kinds = ["frontier model", "earlier frontier model"]
    labels = {"frontier model": "frontier model, fitted", "earlier frontier model": "frontier model, not fitted"}
    kind_scale = alt.Scale(domain=kinds, range=[BLACK, GREY])
    colour = alt.Color("kind:N", title=None, scale=kind_scale,
                       legend=alt.Legend(orient="bottom-right", labelExpr=f"{labels}[datum.label]".replace("'", '"')))
    models = base.transform_filter(f"indexof({kinds}, datum.kind) >= 0".replace("'", '"'))
    bars = models.mark_rule(opacity=0.4).encode(x=x, y=_minutes_y("low", domain), y2="high:Q", color=colour)
    points = models.mark_point(filled=True, size=50).encode(x=x, y=y, color=colour, tooltip=tooltip)
    o3 = models.transform_filter("datum.model == 'o3'").mark_text(
        align="right", dx=-8, dy=-8, fontSize=12, fontWeight="bold").encode(x=x, y=y, text="model:N")
    fit = base.transform_calculate(fitted="datum.kind == 'frontier model' ? 1 : 0").transform_joinaggregate(
        n_fitted="sum(fitted)").transform_filter("datum.kind == 'doubling time'")
    title = _headline(fit, "datum.model + ': doubling every ' + format(datum.value, '.0f') + ' days'")
    interval = _headline(fit, "datum.n_fitted + ' models from ' + " + _month_year("decimal_year")
                         + " + ', bootstrap ' + format(datum.low, '.0f') + '–' + format(datum.high, '.0f')",
                         line=1, bold=False)
    metr = _headline(base.transform_filter("datum.kind == 'metr'"),
                     "'METR (TH1.1 from 2023): ' + format(datum.value, '.0f') + ' days, '"
                     " + format(datum.low, '.0f') + '–' + format(datum.high, '.0f')", line=2, bold=False)
    return alt.layer(fail_band, fail_note, alt.layer(levels, band, line, projection, bars, points, o3, diamonds,
                                                     milestone_text, title, interval, metr))


TREND_FIT = Explorable(
    name="trend_fit",
    title="METR's frontier 50% time horizons by release date, the fitted trend and when it reaches a work-week",
    params=(SUITE, FIRST_YEAR),
    model=trend_fit_frame,
    chart=trend_fit_chart,
    claims=(Claim("work_week_by", f"The trend reaches work-week (40-hour) tasks before {_claim_date(2027.5)}",
                  model.work_horizon_dates, f"work_week_year < {model.CLAIM_WORK_WEEK_BY}",
                  label="date the fitted trend reaches a 40-hour horizon (decimal year)", format=".2f"),),
)


# ---------------------------------------------------------------- 1b. the backtest

BACKTEST_COLUMNS = ["model", "decimal_year", "error_months", "prior_points"]


def backtest_chart_frame(suite: int = LATEST_SUITE, first_year: int = model.METR_FIRST_YEAR) -> pd.DataFrame:
    """:func:`~essays.models.trends.metr_backtest` and its :func:`~essays.models.trends.summarize_backtest`.

    Rows of ``kind`` "ahead" / "behind" (one per predicted frontier model: ``model``,
    ``decimal_year``, ``error_months``, ``prior_points``) and one row of ``kind`` "summary": its
    ``model`` is the sentence "14 models predicted, 12 ahead, 2 behind; 4 within 6 months" (the
    summary's counts), ``error_months`` the mean error and ``prior_points`` the predictions. ``suite`` is the index of the
    METR task-suite version (0 = TH1.0, 1 = TH1.1).
    """
    year = check_integer("first_year", first_year, *model.FIRST_YEAR_RANGE)
    return _backtest_chart_frame(_version(suite), year).copy()


@functools.lru_cache(maxsize=32)
def _backtest_chart_frame(version: str, first_year: int) -> pd.DataFrame:
    """backtest_chart_frame for one version (cached: the static grid and the axis domains reuse it)."""
    errors = model.metr_backtest(HORIZONS, version=version, first_year=first_year)
    summary = model.summarize_backtest(errors["error_months"], window_months=WINDOW_MONTHS)
    rows = errors[BACKTEST_COLUMNS].assign(kind=np.where(errors["error_months"] > 0, "ahead", "behind"))
    # one row of kind "summary": the counts as the headline's sentence, the mean error in error_months
    sentence = (f"{summary.predictions} models predicted, {summary.ahead} ahead, {summary.behind} behind; "
                f"{summary.within_window} within {WINDOW_MONTHS:.0f} months")
    head = pd.DataFrame({"kind": ["summary"], "model": [sentence], "decimal_year": [errors["decimal_year"].min()],
                         "error_months": [summary.mean_error_months], "prior_points": [float(summary.predictions)]})
    return pd.concat([rows, head], ignore_index=True)[["kind"] + BACKTEST_COLUMNS]


_BACKTESTS = pd.concat([backtest_chart_frame(**s) for s in _settings(SUITE, FIRST_YEAR)])
_ERRORS = _BACKTESTS.loc[_BACKTESTS["kind"] != "summary", "error_months"]
_BACKTEST_DATES = _BACKTESTS["decimal_year"]
BACKTEST_Y_DOMAIN = [float(np.floor(min(_ERRORS.min(), -WINDOW_MONTHS) / 3 - 1) * 3),
                     float(np.ceil(max(_ERRORS.max(), WINDOW_MONTHS) / 3 + 1) * 3)]
BACKTEST_X = (int(np.floor(_BACKTEST_DATES.min())), int(np.floor(_BACKTEST_DATES.max())) + 1)


def backtest_chart(base: alt.Chart) -> alt.LayerChart:
    """Months each frontier model came ahead of (+) or behind (-) the trend fitted to the models before it."""
    base = base.transform_calculate(date=_ms("decimal_year"))
    x = _date_x("date", "Release date of the model predicted", *BACKTEST_X)
    y = alt.Y("error_months:Q", title="Months ahead of the earlier trend (+) or behind (−)",
              scale=alt.Scale(domain=BACKTEST_Y_DOMAIN))
    models = base.transform_filter("datum.kind != 'summary'")
    colour = alt.Color("kind:N", title=None, scale=alt.Scale(domain=["ahead", "behind"], range=[VERMILLION, BLUE]),
                       legend=alt.Legend(orient="bottom-right", labelExpr="datum.label == 'ahead' ? "
                                         "'came ahead of the trend' : 'came behind it'"))
    tooltip = [alt.Tooltip("model:N"), alt.Tooltip("date:T", format="%d %b %Y", title="released"),
               alt.Tooltip("error_months:Q", format="+.1f", title="months ahead (+) / behind (−)"),
               alt.Tooltip("prior_points:Q", format="d", title="earlier models fitted")]
    stems = models.transform_calculate(zero="0").mark_rule(opacity=0.5).encode(
        x=x, y=alt.Y("zero:Q", scale=alt.Scale(domain=BACKTEST_Y_DOMAIN)), y2="error_months:Q", color=colour)
    points = models.mark_point(filled=True, size=60).encode(x=x, y=y, color=colour, tooltip=tooltip)
    o3 = models.transform_filter("datum.model == 'o3'").mark_text(
        align="right", dx=-8, dy=-6, fontSize=12, fontWeight="bold").encode(x=x, y=y, text="model:N")
    summary = base.transform_filter("datum.kind == 'summary'")
    window = summary.mark_rect(color=GREEN, opacity=0.15).encode(y=alt.Y("lo:Q", scale=alt.Scale(
        domain=BACKTEST_Y_DOMAIN)), y2="hi:Q").transform_calculate(lo=str(-WINDOW_MONTHS), hi=str(WINDOW_MONTHS))
    zero = summary.mark_rule(color=GREY).encode(y=alt.Y("zero:Q")).transform_calculate(zero="0")
    first = _headline(summary, "datum.model")
    second = _headline(summary, "'mean error ' + format(datum.error_months, '+.1f') + ' months'", line=1,
                       bold=False)
    return alt.layer(window, zero, stems, points, o3, first, second)


TREND_BACKTEST = Explorable(
    name="trend_backtest",
    title="Backtest: each frontier model against the trend fitted to the models released before it",
    params=(SUITE, FIRST_YEAR),
    model=backtest_chart_frame,
    chart=backtest_chart,
)


# ---------------------------------------------------------------- 2. two points and an outlier

LINES = ("last two points", "all points")


def outlier_chart_frame(outlier: int = O3_POSITION) -> pd.DataFrame:
    """The models of :func:`~essays.models.trends.outlier_frame`, and each of its two lines from its
    first point through the dates :func:`~essays.models.trends.outlier_forecasts` gives for a
    work-week and a work-month.

    ``outlier`` is the position of the outlying model among METR's TH1.1 frontier models by release
    date (1 = GPT-2, 12 = o3), from 3 on. Columns ``kind`` (as in ``outlier_frame``), ``label``
    (the model's name; "", "work-week" or "work-month" on line rows), ``decimal_year``, ``minutes``.
    """
    key = _frontier_key(model.DEFAULT_VERSION, outlier)
    frame = model.outlier_frame(HORIZONS, outlier_key=key).rename(columns={"model": "label"})
    table = model.outlier_forecasts(HORIZONS, outlier_key=key).set_index("line")
    parts = [frame[~frame["kind"].isin(LINES)]]
    for line in LINES:
        start = frame[frame["kind"] == line].iloc[0]
        parts.append(pd.DataFrame({
            "kind": line, "label": ["", "work-week", "work-month"],
            "decimal_year": [start["decimal_year"], table.loc[line, "work_week_year"],
                             table.loc[line, "work_month_year"]],
            "minutes": [start["minutes"], model.WORK_WEEK_MINUTES, model.WORK_MONTH_MINUTES],
        }))
    return pd.concat(parts, ignore_index=True)


def outlier_chart(base: alt.Chart) -> alt.LayerChart:
    """The last two points' line against the all-points line, both run out to a work-month."""
    base = base.transform_calculate(date=_ms("decimal_year"))
    x = _date_x("date", "Release date, then forecast date", 2019, 2032)
    domain = (0.01, 1e5)
    y = _minutes_y("minutes", domain)
    line_colour = alt.Scale(domain=list(LINES), range=[VERMILLION, BLUE])
    is_line = f"indexof({list(LINES)}, datum.kind) >= 0".replace("'", '"')
    lines = base.transform_filter(is_line)
    drawn = lines.mark_line(clip=True).encode(
        x=x, y=y, detail="kind:N",
        color=alt.Color("kind:N", title=None, scale=line_colour, legend=alt.Legend(
            labelExpr="datum.label == 'all points' ? 'all points' : 'last two'")))
    milestones = lines.transform_filter("datum.label != ''")
    tooltip = [alt.Tooltip("kind:N", title="line"), alt.Tooltip("label:N", title="reaches"),
               alt.Tooltip("date:T", format="%b %Y", title="in")]
    marks = milestones.mark_point(shape="diamond", size=80, filled=True, clip=True).encode(
        x=x, y=y, color=alt.Color("kind:N", scale=line_colour, legend=None), tooltip=tooltip)
    dates = milestones.transform_calculate(when=_month_year("decimal_year")).mark_text(
        align="left", dx=7, dy=11, fontSize=11, clip=True).encode(
        x=x, y=y, text="when:N", color=alt.Color("kind:N", scale=line_colour, legend=None))
    outlier = base.transform_filter("datum.kind == 'outlier'")
    # the work-week and work-month levels, drawn from the all-points line's milestone rows
    levels = milestones.transform_filter("datum.kind == 'all points'")
    rules = levels.mark_rule(strokeDash=[2, 3], color=GREY).encode(y=y)
    rule_labels = levels.transform_calculate(
        level="datum.label + ' (' + format(datum.minutes / 60, '.0f') + ' h)'").mark_text(
        align="left", dy=10, fontSize=11, color=GREY).encode(x=alt.value(4), y=y, text="level:N")
    models = base.transform_filter(f"!({is_line})")
    kinds = ["model used", "outlier", "later model"]
    kind_labels = {"model used": "fitted", "outlier": "outlier", "later model": "released later"}
    point_scale = alt.Scale(domain=kinds, range=[BLACK, VERMILLION, GREY])
    point_colour = alt.Color("kind:N", title=None, scale=point_scale,
                             legend=alt.Legend(labelExpr=f"{kind_labels}[datum.label]".replace("'", '"')))
    model_tooltip = [alt.Tooltip("label:N", title="model"),
                     alt.Tooltip("date:T", format="%d %b %Y", title="released"),
                     alt.Tooltip("minutes:Q", format=".3~g", title="50% horizon (min)")]
    fitted = models.transform_filter("datum.kind != 'later model'").mark_point(filled=True, size=55).encode(
        x=x, y=y, color=point_colour, tooltip=model_tooltip)
    later = models.transform_filter("datum.kind == 'later model'").mark_point(filled=False, size=55).encode(
        x=x, y=y, color=alt.Color("kind:N", scale=point_scale, legend=None), tooltip=model_tooltip)
    name = outlier.mark_text(align="right", dx=-9, dy=-9, fontSize=13, fontWeight="bold", color=VERMILLION).encode(
        x=x, y=y, text="label:N")
    summary = lines.transform_calculate(log_minutes="log(datum.minutes)").transform_joinaggregate(
        start="min(decimal_year)", stop="max(decimal_year)", low="min(log_minutes)", high="max(log_minutes)",
        groupby=["kind"]).transform_filter("datum.label == 'work-month'").transform_calculate(
        doubling="365.25 * (datum.stop - datum.start) * LN2 / (datum.high - datum.low)")
    headline = [
        _headline(summary.transform_filter(f"datum.kind == '{line}'"),
                  f"'{text}: doubling every ' + format(datum.doubling, ',.0f') + ' days'", line=i)
        for i, (line, text) in enumerate((("last two points", "Last two points"), ("all points", "All points")))
    ]
    return alt.layer(rules, rule_labels, drawn, marks, dates, fitted, later, name, *headline).resolve_scale(
        color="independent")


TREND_OUTLIER = Explorable(
    name="trend_outlier",
    title="Extrapolating the last two points after an outlier, against the fit on all points",
    params=(
        Param("outlier", f"Outlier: n-th frontier model ({O3_POSITION} = o3)", O3_POSITION,
              FIRST_CANDIDATE, FRONTIER_COUNT, step=1, integer=True, format="d"),
    ),
    model=outlier_chart_frame,
    chart=outlier_chart,
)


# ---------------------------------------------------------------- 3, 4. release-date noise


HORIZON_OPTIONS = ("work-week (40 h)", "work-month (167 h)")
HORIZON_MINUTES = (model.WORK_WEEK_MINUTES, model.WORK_MONTH_MINUTES)


def metr_noise_frame(sigma_months: float = 3.0, horizon: int = 0) -> pd.DataFrame:
    """:func:`~essays.models.trends.noise_grid_frame` at one noise level: a row per number of points used.

    TH1.1 frontier models since 2019, the rows of ``METR_POINTS`` points only (the static page's
    budget); the target is a 50% horizon of a work-week (``horizon`` 0,
    40 h) or a work-month (1, 167 h).
    Columns ``NOISE_COLUMNS``: ``n_points`` (the most recent models fitted), the noise-free
    ``doubling_days`` and ``forecast_year``, their 5th and 95th percentiles over the draws, and
    ``chance_within_window`` (forecast within ``WINDOW_MONTHS`` of the noise-free one).
    """
    sigma = check_number("sigma_months", sigma_months, *model.SIGMA_MONTHS_RANGE)
    minutes = HORIZON_MINUTES[check_integer("horizon", horizon, 0, len(HORIZON_MINUTES) - 1)]
    grid = model.noise_grid_frame(HORIZONS, horizon_minutes=minutes, sigmas_months=[sigma], draws=NOISE_DRAWS,
                                  window_months=WINDOW_MONTHS)
    return grid.loc[grid["n_points"].isin(METR_POINTS), NOISE_COLUMNS].reset_index(drop=True)


def moore_noise_frame(sigma_months: float = 3.0) -> pd.DataFrame:
    """:func:`~essays.models.trends.moore_noise_grid_frame` at one noise level: a row per number of points.

    Transistors per microprocessor since 1971; the target is 1e11 transistors
    (``MOORE_TARGET_TRANSISTORS``). The rows of ``MOORE_POINTS`` points only (the static page's
    budget); columns as in :func:`metr_noise_frame`.
    """
    sigma = check_number("sigma_months", sigma_months, *model.SIGMA_MONTHS_RANGE)
    grid = model.moore_noise_grid_frame(TRANSISTORS, sigmas_months=[sigma], draws=NOISE_DRAWS,
                                        window_months=WINDOW_MONTHS)
    return grid.loc[grid["n_points"].isin(MOORE_POINTS), NOISE_COLUMNS].reset_index(drop=True)


def noise_chart(target: str, start: int, stop: int):
    """The noise chart for a series whose forecasts fall between ``start`` and ``stop`` (years)."""

    def chart(base: alt.Chart) -> alt.HConcatChart:
        base = base.transform_calculate(
            noise_free=_ms("forecast_year"), low=_ms("forecast_year_p05"), high=_ms("forecast_year_p95"),
            window_low=f"{MS_2000} + (datum.forecast_year - {WINDOW_MONTHS / 12} - 2000) * {MS_PER_YEAR}",
            window_high=f"{MS_2000} + (datum.forecast_year + {WINDOW_MONTHS / 12} - 2000) * {MS_PER_YEAR}",
            ratio_low="datum.doubling_days_p05 / datum.doubling_days",
            ratio_high="datum.doubling_days_p95 / datum.doubling_days",
        )
        y = alt.Y("n_points:O", title="Latest points fitted", sort="descending",
                  axis=alt.Axis(labelExpr="datum.value == 2 ? '2 (last two)' : datum.label"))
        no_y = alt.Y("n_points:O", sort="descending", axis=None)
        tooltip = [alt.Tooltip("n_points:Q", title="points fitted"),
                   alt.Tooltip("noise_free:T", format="%b %Y", title="noise-free forecast"),
                   alt.Tooltip("low:T", format="%b %Y", title="5% of noisy fits by"),
                   alt.Tooltip("high:T", format="%b %Y", title="95% of noisy fits by"),
                   alt.Tooltip("chance_within_window:Q", format=".0%", title=f"within ±{WINDOW_MONTHS:.0f} months"),
                   alt.Tooltip("doubling_days:Q", format=".0f", title="noise-free doubling (days)"),
                   alt.Tooltip("doubling_days_p05:Q", format=".0f", title="5th percentile (days)"),
                   alt.Tooltip("doubling_days_p95:Q", format=".0f", title="95th percentile (days)")]
        # the shared date scale is declared once, on the dots
        window = base.mark_bar(color=GREEN, opacity=0.25, clip=True).encode(x="window_low:T", x2="window_high:T",
                                                                             y=y)
        spread = base.mark_rule(strokeWidth=2, color=BLACK).encode(x="low:T", x2="high:T", y=y)
        dot = base.mark_point(filled=True, size=55, color=BLUE, clip=True).encode(
            x=_date_x("noise_free", f"Date the fit reaches {target}", start, stop, clamp=True), y=y, tooltip=tooltip)
        # a range that runs past the axis stops at its edge (the scale clamps) and is marked there with an arrow
        beyond = base.transform_filter(f"datum.forecast_year_p95 > {stop}").transform_calculate(
            edge=str(_utc_ms(stop))).mark_text(text="▶", align="right", fontSize=10, dx=1).encode(
            x="edge:T", y=y)
        before = base.transform_filter(f"datum.forecast_year_p05 < {start}").transform_calculate(
            edge=str(_utc_ms(start))).mark_text(text="◀", align="left", fontSize=10, dx=-1).encode(
            x="edge:T", y=y)
        forecasts = alt.layer(window, spread, dot, beyond, before).properties(
            width=210, title="Forecast date")
        ratio_x = alt.X("ratio_low:Q", title="× noise-free",
                        scale=alt.Scale(type="log", domain=[0.25, 4], clamp=True),
                        axis=alt.Axis(values=[0.25, 1, 4],
                                      labelExpr="datum.value < 1 ? '1/' + round(1 / datum.value) : datum.label"))
        ratio = alt.layer(
            base.mark_rule(strokeWidth=2, color=BLACK).encode(x=ratio_x, x2="ratio_high:Q", y=no_y, tooltip=tooltip),
            base.mark_point(filled=True, size=40, color=BLUE).encode(x=alt.datum(1), y=no_y),
            base.transform_filter("datum.ratio_high > 4").mark_text(text="▶", align="right", fontSize=10, dx=1)
            .encode(x=alt.datum(4), y=no_y),
            base.transform_filter("datum.ratio_low < 0.25").mark_text(text="◀", align="left", fontSize=10, dx=-1)
            .encode(x=alt.datum(0.25), y=no_y),
        ).properties(width=100, title="Doubling time")
        chance_x = alt.X("chance_within_window:Q", title="chance on time", scale=alt.Scale(domain=[0, 1]),
                         axis=alt.Axis(format="%", values=[0, 0.5, 1]))
        chance = alt.layer(
            base.mark_bar(color=GREEN, height={"band": 0.7}).encode(x=chance_x, y=no_y, tooltip=tooltip),
            base.mark_text(align="left", dx=3, fontSize=11).encode(
                x=chance_x, y=no_y, text=alt.Text("chance_within_window:Q", format=".0%")),
        ).properties(width=80, title=f"±{WINDOW_MONTHS:.0f} months")
        # why a range can miss its dot: the noisy fits are biased, not merely spread (the dot always
        # lies before the range when it lies outside it; tests/test_chart_trends.py checks this)
        return alt.hconcat(forecasts, ratio, chance, spacing=8).properties(title=alt.Title(
            NOISE_CAPTION[0], subtitle=NOISE_CAPTION[1:], fontSize=12, subtitleFontSize=11))

    return chart


NOISE_CAPTION = ("Dot: the fit to the published dates. Bar: 90% of the fits to noisy dates.",
                 "Noise in the dates flattens a fitted trend (regression dilution): the noisy fits run slower,",
                 "so their forecasts come later, and with few points or much noise the whole bar lies after its dot.")


SIGMA = Param("sigma_months", "Release-date noise σ (months)", 3, 0, 12, step=3, format=".0f")

TREND_NOISE = Explorable(
    name="trend_noise",
    title="How Gaussian noise on METR's release dates spreads the fitted doubling time and the forecast",
    params=(
        SIGMA,
        choice("horizon", "Target horizon", HORIZON_OPTIONS, 0),
    ),
    model=metr_noise_frame,
    chart=noise_chart("the target horizon", 2025, 2032),
)

# ---------------------------------------------------------------- 4. Moore's law side by side


MOORE_FIRST_YEAR = Param("moore_first_year", "First year of Moore's law fitted", model.MOORE_FIRST_YEAR,
                         model.MOORE_FIRST_YEAR, 2003, step=16, integer=True, format="d")
MOORE_WINDOW_YEARS = 10  # the side panel's windows: ten years of chips from each first year
SERIES = ["METR TH1.1 frontier", "Moore's law"]  # the series' colours: the headline lines name them
COMPARISON_COLUMNS = ["kind", "series", "label", "decimal_year", "years_since_first", "doubling_times_elapsed",
                      "doublings", "months_off_trend", "first_year", "doubling_years", "selected"]


def comparison_chart_frame(moore_first_year: int = model.MOORE_FIRST_YEAR) -> pd.DataFrame:
    """:func:`~essays.models.trends.comparison_frame` (``kind`` "point") for METR's TH1.1 frontier
    and Moore's law from ``moore_first_year``, and the rows of
    :func:`~essays.models.trends.moore_window_frame` over ten-year windows (``kind`` "window":
    ``first_year``, ``last_year``, ``doubling_years``; ``selected`` 1 on the window starting at the
    last Moore's-law year at or before ``moore_first_year``). Columns that do not apply are 0."""
    points = model.comparison_frame(HORIZONS, TRANSISTORS, moore_first_year=moore_first_year).assign(kind="point")
    windows = model.moore_window_frame(TRANSISTORS, span_years=MOORE_WINDOW_YEARS)
    chosen = windows.loc[windows["first_year"] <= moore_first_year, "first_year"].max()
    windows = windows.assign(kind="window", series="Moore's law", label="",
                             selected=(windows["first_year"] == chosen).astype(float))
    frame = pd.concat([points, windows], ignore_index=True)[COMPARISON_COLUMNS]
    numbers = [c for c in frame.columns if c not in ("kind", "series", "label")]
    frame[numbers] = frame[numbers].fillna(0.0).astype(float)
    return frame


def comparison_chart(base: alt.Chart) -> alt.HConcatChart:
    """Both series in units of their own doubling time, and Moore's doubling time over ten-year windows."""
    points_base = base.transform_filter("datum.kind == 'point'")
    x = alt.X("doubling_times_elapsed:Q", title="Time since the first point, in the series' own doubling times")
    y = alt.Y("doublings:Q", title="Doublings above the trend's first value")
    series = alt.Color("series:N", title=None, scale=alt.Scale(domain=SERIES, range=[BLUE, DARK_ORANGE]),
                       legend=None)
    tooltip = [alt.Tooltip("series:N"), alt.Tooltip("label:N", title="point"),
               alt.Tooltip("doublings:Q", format=".2f"), alt.Tooltip("doubling_times_elapsed:Q", format=".2f",
                                                                     title="trend"),
               alt.Tooltip("months_off_trend:Q", format="+.1f", title="months off the trend")]
    line = points_base.mark_line(opacity=0.6).encode(x=x, y=alt.Y("doubling_times_elapsed:Q"), color=series,
                                                     detail="series:N")
    points = points_base.mark_point(filled=True, size=45, opacity=0.85).encode(x=x, y=y, color=series,
                                                                               tooltip=tooltip)
    last = points_base.transform_calculate(
        squared="datum.months_off_trend * datum.months_off_trend").transform_joinaggregate(
        mean_squared="mean(squared)", first="min(decimal_year)", groupby=["series"]).transform_window(
        rank="row_number()", groupby=["series"], sort=[alt.SortField("decimal_year", order="descending")]
    ).transform_filter("datum.rank == 1").transform_calculate(
        doubling_months="12 * datum.years_since_first / datum.doubling_times_elapsed")
    text = ("datum.series + ' from ' + format(floor(datum.first), 'd') + ': doubling every '"
            " + format(datum.doubling_months, '.1f') + ' months, '"
            " + format(sqrt(datum.mean_squared), '.1f') + ' months off (rms)'")
    headline = [_headline(last.transform_filter(f"{'' if i == 0 else '!'}test(/^METR/, datum.series)"), text,
                          line=i, bold=False).encode(color=series) for i in range(2)]
    main = alt.layer(line, points, *headline).properties(width=420)
    windows = base.transform_filter("datum.kind == 'window'")
    wx = alt.X("first_year:Q", title="First year of a ten-year window", scale=alt.Scale(zero=False),
               axis=alt.Axis(format="d"))
    wy = alt.Y("doubling_years:Q", title="Moore's-law doubling time (years)", scale=alt.Scale(domain=[0, 3]))
    wtip = [alt.Tooltip("first_year:Q", format="d", title="from"),
            alt.Tooltip("doubling_years:Q", format=".2f", title="doubling (years)")]
    window_line = windows.mark_line(color=DARK_ORANGE, point=alt.OverlayMarkDef(color=DARK_ORANGE)).encode(
        x=wx, y=wy, tooltip=wtip)
    chosen = windows.transform_filter("datum.selected == 1").mark_point(size=140, color=BLACK,
                                                                          strokeWidth=2).encode(x=wx, y=wy)
    two = windows.transform_filter("datum.selected == 1").mark_rule(strokeDash=[4, 3], color=GREY).encode(
        y=alt.datum(2))
    return alt.hconcat(main, alt.layer(two, window_line, chosen).properties(
        width=200, title="Ten-year windows"), spacing=20)


TREND_MOORE = Explorable(
    name="trend_moore",
    title="METR's frontier and Moore's law on comparable axes, each around its own trend, and Moore's windows",
    params=(MOORE_FIRST_YEAR,),
    model=comparison_chart_frame,
    chart=comparison_chart,
)


# ---------------------------------------------------------------- 5. the o3 point

CONTEXTS = ("last two points", "series up to it", "whole series")


def o3_chart_frame(point: int = O3_POSITION, suite: int = LATEST_SUITE) -> pd.DataFrame:
    """:func:`~essays.models.trends.o3_influence_frame` for the ``point``-th frontier model (12 = o3)
    of the suite at slider position ``suite``, with its name (``model``) and ``version``."""
    version = _version(suite)
    key = _frontier_key(version, point)
    name = HORIZONS.loc[(HORIZONS["th_version"] == version) & (HORIZONS["model_key"] == key), "model"].iloc[0]
    frame = model.o3_influence_frame(HORIZONS, version=version, model_key=key)
    return frame.assign(model=name, version=version)


def o3_chart(base: alt.Chart) -> alt.LayerChart:
    """Fitted doubling time without and with one point, for three amounts of surrounding data."""
    y = alt.Y("context:N", title=None, sort=list(CONTEXTS),
              axis=alt.Axis(labelExpr="datum.label == 'last two points' ? 'latest two points' : "
                                      "datum.label == 'series up to it' ? 'all points up to it' : "
                                      "'the whole series'", labelFontSize=13))
    scale = alt.Scale(type="log", domain=[10, 20000])
    axis = alt.Axis(values=[10, 30, 100, 300, 1000, 3000, 10000], format="~s")
    without = alt.X("doubling_days_without:Q", title="Fitted doubling time (days, log scale)", scale=scale,
                    axis=axis)
    with_ = alt.X("doubling_days_with:Q", scale=scale, axis=axis)
    tooltip = [alt.Tooltip("points_without:Q", title="points without"),
               alt.Tooltip("doubling_days_without:Q", format=".1f", title="doubling without (days)"),
               alt.Tooltip("points_with:Q", title="points with"),
               alt.Tooltip("doubling_days_with:Q", format=".1f", title="doubling with (days)"),
               alt.Tooltip("change_percent:Q", format="+.1f", title="change (%)")]
    arrow = base.mark_rule(strokeWidth=2, color=GREY).encode(x=without, x2="doubling_days_with:Q", y=y)
    before = base.mark_point(filled=False, size=90, color=BLACK).encode(x=without, y=y, tooltip=tooltip)
    after = base.mark_point(filled=True, size=90, color=VERMILLION).encode(x=with_, y=y, tooltip=tooltip)
    change = base.transform_calculate(
        text="format(datum.change_percent, '+.1f') + '% (' + format(datum.doubling_days_without, '.0f')"
             " + ' → ' + format(datum.doubling_days_with, '.0f') + ' days)'").mark_text(
        align="left", dx=12, dy=-12, fontSize=12).encode(x=with_, y=y, text="text:N")
    headline = _headline(base.transform_filter("datum.context == 'whole series'"),
                         "'Adding ' + datum.model + ' (' + datum.version + '): open without it, filled with it'")
    return alt.layer(arrow, before, after, change, headline)


TREND_O3 = Explorable(
    name="trend_o3",
    title="How much one data point (o3 by default) moves the fitted doubling time",
    params=(
        Param("point", f"Point added: n-th frontier model ({O3_POSITION} = o3)", O3_POSITION,
              FIRST_CANDIDATE, FRONTIER_COUNT, step=1, integer=True, format="d"),
    ),
    model=o3_chart_frame,
    chart=o3_chart,
)
