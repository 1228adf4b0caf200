"""Charts of the parallelization chapter, each declared once as an explorable figure."""
from __future__ import annotations

import inspect

import altair as alt

from essays import theme
from essays.claims import CLAIM_DATA, Claim
from essays.explorable import Explorable, Param
from essays.models import parallelization as model

def one_copy(chart_function):
    """Draw every layer of ``chart_function`` from one copy of the figure's data.

    ``Explorable`` hands a chart function ``base``, a chart carrying the model's rows (and, on the
    static page, the transforms that recompute them). A layer made with ``base.mark_*`` repeats those
    rows in the page once per layer; here the layers are made from a data-less chart instead and
    inherit the rows and transforms from the top of the figure, so the page carries them once.
    Layers with their own data (the claims, the published anchors) keep it.
    """
    def chart(base: alt.Chart):
        drawn = chart_function(alt.Chart())
        drawn.data = base.data
        if base.transform is not alt.Undefined:
            drawn.transform = base.transform
        return drawn

    chart.__name__, chart.__doc__ = chart_function.__name__, chart_function.__doc__
    return chart


SERIES_LABELS = {"penalty": "with the chosen penalty λ", "no penalty": "no penalty (λ = 1)"}


@one_copy
def penalty_chart(base: alt.Chart) -> alt.LayerChart:
    """Effective labor against workers (log-log), the chosen penalty against none, chosen point marked."""
    x = alt.X("workers:Q", title="Workers (multiple of today's workforce)",
              scale=alt.Scale(type="log", domain=[1, 1000]), axis=alt.Axis(format="~s"))
    y_scale = alt.Scale(type="log", domain=[1, 1e5])
    y = alt.Y("effective_labor:Q", title="Multiple of today's (labor; research speed)", scale=y_scale,
              axis=alt.Axis(format="~s"))
    tooltip = [alt.Tooltip("workers:Q", format=".3~g", title="workers"),
               alt.Tooltip("effective_labor:Q", format=".3~g", title="effective labor"),
               alt.Tooltip("speedup:Q", format=".3~g", title="with serial speed")]
    legend = alt.Legend(labelExpr=f"{SERIES_LABELS}[datum.label]".replace("'", '"'))
    colour = alt.Color("series:N", title=None, scale=alt.Scale(domain=list(SERIES_LABELS)), legend=legend)
    dash = alt.StrokeDash("series:N", title=None, legend=legend,
                          scale=alt.Scale(domain=list(SERIES_LABELS), range=[[1, 0], [6, 4]]))
    lines = base.transform_filter("datum.series != 'chosen'").mark_line().encode(
        x=x, y=y, color=colour, strokeDash=dash, tooltip=tooltip)
    # research speed: the penalised labor times each worker's serial speed (the serial-speed slider)
    speed_y = alt.Y("speedup:Q", scale=y_scale)
    fast = base.transform_filter("datum.series == 'penalty'")
    speed_line = fast.mark_line(color=theme.GREEN, strokeWidth=2).encode(x=x, y=speed_y, tooltip=tooltip)
    speed_label = fast.transform_filter("datum.workers == 1").transform_calculate(
        text="'research speed, each worker ' + format(datum.speedup, '.3~g') + '× faster'").mark_text(
        align="left", baseline="bottom", dx=4, dy=-4, fontSize=12, color=theme.GREEN).encode(
        x=x, y=speed_y, text="text:N")
    chosen = base.transform_filter("datum.series == 'chosen'")
    point = chosen.mark_point(color="black", size=120).encode(x=x, y=y, tooltip=tooltip)
    speed_point = chosen.mark_point(color=theme.GREEN, size=90, filled=True).encode(x=x, y=speed_y, tooltip=tooltip)
    label = chosen.transform_calculate(
        text="format(datum.workers, '.3~g') + '× workers → ' + format(datum.effective_labor, '.3~g') + '× labor'"
    ).mark_text(align="right", dx=-10, dy=-14, fontSize=13).encode(x=x, y=y, text="text:N")
    headline = chosen.transform_calculate(
        text="'With each worker ' + format(datum.speedup / datum.effective_labor, '.3~g') + '× faster: '"
             " + format(datum.speedup, '.3~g') + '× today\\'s research speed'"
    ).mark_text(align="left", baseline="top", fontSize=14, fontWeight="bold").encode(
        x=alt.value(8), y=alt.value(6), text="text:N")
    return alt.layer(lines, speed_line, point, speed_point, label, speed_label, headline)


PENALTY = Explorable(
    name="penalty",
    title="Effective labor against the number of workers under a parallelization penalty",
    params=(
        Param("exponent", "Parallelization exponent λ", 0.4, 0.1, 1.0, step=0.01, format=".2f"),
        Param("workers", "Workers (× today's workforce)", 50, 1, 1000, log=True, points=61, format=".3~g"),
        Param("speed", "Serial speed (× today's)", 50, 1, 100, step=1, format=".0f"),
    ),
    model=model.penalty_curves,
    chart=penalty_chart,
    expressions={
        "workers": "datum.series == 'chosen' ? workers : datum.workers",
        "effective_labor": "pow(datum.workers, datum.series == 'no penalty' ? 1 : exponent)",
        "speedup": "speed * datum.effective_labor",
    },
)


# ------------------------------------------------------------------------------------------------
# Three corporations (source lines 14-16)
# ------------------------------------------------------------------------------------------------

COMPANIES = [c.name for c in model.CORPORATIONS]


def _speed_text(field: str = "datum.speed") -> str:
    """A Vega expression writing a speed as "239×" or, below 1, as "1/95×"."""
    return f"{field} >= 1 ? format({field}, '.3~g') + '×' : '1/' + format(1 / {field}, '.3~g') + '×'"


@one_copy
def corporations_chart(base: alt.Chart) -> alt.LayerChart:
    """Each company's research speed against the exponent (log scale), its workers' exponent marked."""
    x = alt.X("exponent:Q", title="Parallelization exponent λ", scale=alt.Scale(domain=[0, 1]))
    y = alt.Y("speed:Q", title="Labor-equivalent research speed (× NormalCorp's)",
              scale=alt.Scale(type="log", domain=[1e-3, 1e4]), axis=alt.Axis(format="~g"))
    colour = alt.Color("series:N", title=None, scale=alt.Scale(domain=COMPANIES), legend=None)  # labels name them
    tooltip = [alt.Tooltip("series:N", title="company"), alt.Tooltip("workers:N", title="workers"),
               alt.Tooltip("serial_speed:Q", format=".3~g", title="serial speed"),
               alt.Tooltip("workforce:Q", format=".3~g", title="workforce"),
               alt.Tooltip("exponent:Q", format=".2f", title="λ"),
               alt.Tooltip("speed:Q", format=".4~g", title="research speed")]
    curves = base.transform_filter("datum.kind == 'curve'").mark_line(opacity=0.55).encode(
        x=x, y=y, color=colour, tooltip=tooltip)
    chosen = base.transform_filter("datum.kind == 'chosen'")
    points = chosen.mark_point(size=130, filled=True, stroke="black", strokeWidth=1).encode(
        x=x, y=y, color=colour, tooltip=tooltip)
    labelled = chosen.transform_calculate(
        text=f"datum.series + ' (' + datum.workers + 's, λ = ' + format(datum.exponent, '.2f') + '): ' + ({_speed_text()})")
    # Labels sit right of their point (left of it near the right edge), on the side of the line
    # that stays clear: AutomatedCorp's line rises with the exponent, SlowCorp's falls.
    labels = []
    for side, align, dx in (("datum.exponent <= 0.5", "left", 12), ("datum.exponent > 0.5", "right", -12)):
        below = f"(datum.series == 'AutomatedCorp') == ({side})"
        for where, dy in ((below, 16), (f"!({below})", -12)):
            labels.append(labelled.transform_filter(f"({side}) && {where}").mark_text(
                align=align, dx=dx, dy=dy, fontSize=13).encode(x=x, y=y, text="text:N"))
    return alt.layer(curves, points, *labels, *exponent_anchors())


def exponent_anchors() -> list[alt.Chart]:
    """Published parallelization exponents as short ticks along the lambda axis, named just above them.

    Names alternate between two heights so that neighbours 0.1 apart do not overlap.
    """
    rows = [{"exponent": e.exponent, "label": name}
            for e, name in zip(model.PUBLISHED_EXPONENTS, ANCHOR_NAMES) if e.exponent is not None and name]
    rows.append({"exponent": model.LOWEST_CITED_EXPONENT, "label": "lowest cited"})
    rows.sort(key=lambda r: r["exponent"])
    for i, row in enumerate(rows):
        row["lift"] = 12 + 11 * (i % 2)
    data = alt.Data(values=rows)
    x = alt.X("exponent:Q", scale=alt.Scale(domain=[0, 1]))
    ticks = alt.Chart(data).mark_tick(color=ANCHOR_COLOUR, thickness=3, size=8, orient="vertical").encode(
        x=x, y=alt.value(theme.HEIGHT - 4))
    labels = alt.Chart(data).transform_calculate(y=f"{theme.HEIGHT} - datum.lift").mark_text(
        color=ANCHOR_COLOUR, fontSize=10, baseline="bottom").encode(
        x=x, y=alt.Y("y:Q", scale=None), text="label:N")
    return [ticks, labels]


ANCHOR_COLOUR = "#b35806"
# Short names for the anchors on the lambda axis, in the order of model.PUBLISHED_EXPONENTS (empty:
# not drawn; COCOMO's 0.38 is a schedule exponent, not a lambda).
ANCHOR_NAMES = ("", "", "Davidson", "AI Futures", "source")


CORPORATIONS = Explorable(
    name="corporations",
    title=("Labor-equivalent research speed of NormalCorp, SlowCorp and AutomatedCorp (same compute) against "
           "the parallelization exponent"),
    params=(
        Param("human_exponent", "Exponent λ of human workers (NormalCorp, SlowCorp)", 0.4, 0.0, 1.0,
              step=0.01, format=".2f"),
        Param("ai_exponent", "Exponent λ of AI workers (AutomatedCorp)", 0.4, 0.0, 1.0, step=0.01, format=".2f"),
    ),
    model=model.corporations_frame,
    chart=corporations_chart,
    expressions={
        "exponent": ("datum.kind == 'curve' ? datum.exponent : "
                     "(datum.workers == 'AI' ? ai_exponent : human_exponent)"),
        "speed": "datum.serial_speed * pow(datum.workforce, datum.exponent)",
    },
)


# ------------------------------------------------------------------------------------------------
# Compute bottlenecks (source line 17): (a) labor and compute as CES inputs
# ------------------------------------------------------------------------------------------------

# The "ceiling" rows of compute_bottleneck_frame leave out ceilings above 1e12, which happens at
# sigma = 0.95 once labor's share passes about 0.766. Up to 0.75 every setting has the same rows,
# which lets the static page recompute the values in the browser (expression mode).
LABOR_SHARE_MIN, LABOR_SHARE_MAX = 0.05, 0.75  # the labor-share slider's range


def _check_fixed_rows() -> None:
    """Fail loudly if the labor-share slider's range stops giving every setting the same rows."""
    sizes = {len(model.compute_bottleneck_frame(labor_share=a)) for a in (LABOR_SHARE_MIN, 0.5, LABOR_SHARE_MAX)}
    if len(sizes) != 1:
        raise ValueError(f"compute_bottleneck_frame's rows vary with labor_share up to {LABOR_SHARE_MAX}: {sizes}")


_check_fixed_rows()

CES_SERIES = {"compute fixed": "research speed, compute unchanged",
              "no bottleneck": "labor speedup (no bottleneck)",
              "ceiling": "ceiling with unlimited labor (σ < 1)"}

# Y = (alpha L^rho + 1 - alpha)^(1/rho), rho = (sigma - 1)/sigma, with compute K = 1 (unchanged);
# Cobb-Douglas L^alpha at sigma = 1. Used for the "compute fixed" and "chosen" rows.
_CES = ("datum.substitution_elasticity == 1 ? pow(datum.labor_speedup, labor_share) : "
        "pow(labor_share * pow(datum.labor_speedup, (datum.substitution_elasticity - 1) / "
        "datum.substitution_elasticity) + 1 - labor_share, datum.substitution_elasticity / "
        "(datum.substitution_elasticity - 1))")


@one_copy
def compute_bottleneck_chart(base: alt.Chart) -> alt.LayerChart:
    """Research speedup against the elasticity of substitution, with the labor speedup and the ceiling."""
    x = alt.X("substitution_elasticity:Q", title="Elasticity of substitution σ between labor and compute",
              scale=alt.Scale(domain=[0, 3]))
    y = alt.Y("research_speedup:Q", title="Research speed (multiple of today's)",
              scale=alt.Scale(type="log", domain=[1, 1000]), axis=alt.Axis(format="~g"))
    legend = alt.Legend(labelExpr=f"{CES_SERIES}[datum.label]".replace("'", '"'), columns=1, labelLimit=400)
    colour = alt.Color("series:N", title=None, scale=alt.Scale(domain=list(CES_SERIES)), legend=legend)
    dash = alt.StrokeDash("series:N", title=None, legend=legend,
                          scale=alt.Scale(domain=list(CES_SERIES), range=[[1, 0], [6, 4], [2, 3]]))
    tooltip = [alt.Tooltip("series:N", title="series"),
               alt.Tooltip("substitution_elasticity:Q", format=".2f", title="σ"),
               alt.Tooltip("research_speedup:Q", format=".4~g", title="research speed"),
               alt.Tooltip("labor_speedup:Q", format=".4~g", title="labor speedup")]
    lines = base.transform_filter("datum.series != 'chosen'").mark_line(clip=True).encode(
        x=x, y=y, color=colour, strokeDash=dash, tooltip=tooltip)
    chosen = base.transform_filter("datum.series == 'chosen'")
    point = chosen.mark_point(color="black", size=120).encode(x=x, y=y, tooltip=tooltip)
    headline = chosen.transform_calculate(
        text="'σ = ' + format(datum.substitution_elasticity, '.2f') + ': '"
             " + format(datum.labor_speedup, '.3~g') + '× the labor, '"
             " + format(datum.research_speedup, '.3~g') + '× the research speed'"
    ).mark_text(align="left", baseline="top", fontSize=14, fontWeight="bold").encode(
        x=alt.value(8), y=alt.value(6), text="text:N")
    share = chosen.transform_calculate(
        text="format(log(datum.research_speedup) / log(datum.labor_speedup), '.0%')"
             " + ' of the labor speedup\\'s orders of magnitude survive'"
    ).mark_text(align="left", baseline="top", fontSize=13).encode(
        x=alt.value(8), y=alt.value(26), text="text:N")
    fails = alt.Chart(CLAIM_DATA).transform_filter(
        "datum.kind == 'fails' && datum.param == 'substitution_elasticity'"
    ).mark_rect(color="#999999", opacity=0.18).encode(x="lo:Q", x2="hi:Q")
    return alt.layer(fails, lines, point, headline, share, *sigma_anchors())


def sigma_anchors() -> list[alt.Chart]:
    """Published estimates of sigma as ticks along the bottom of the sigma axis, each labelled.

    Whitfill & Wu's frontier-experiments estimate (-0.10) lies below the axis's 0 and is drawn at 0.
    Labels right of the middle are right-aligned so that none runs off the plot.
    """
    rows = [{"sigma": max(e.sigma, 0.0), "label": f"{e.sigma:g}: {e.name}"} for e in model.SUBSTITUTION_ESTIMATES]
    data = alt.Data(values=rows)
    x = alt.X("sigma:Q", scale=alt.Scale(domain=[0, 3]))
    ticks = alt.Chart(data).mark_tick(color=ANCHOR_COLOUR, thickness=3, size=14, orient="vertical").encode(
        x=x, y=alt.value(theme.HEIGHT - 7))
    labels = []
    for side, align, dx in (("datum.sigma <= 1.5", "left", 4), ("datum.sigma > 1.5", "right", -4)):
        labels.append(alt.Chart(data).transform_filter(side).mark_text(
            color=ANCHOR_COLOUR, fontSize=11, dy=-16, baseline="bottom", align=align, dx=dx).encode(
            x=x, y=alt.value(theme.HEIGHT), text="label:N",
            tooltip=[alt.Tooltip("label:N", title="Whitfill & Wu (2025)")]))
    return [ticks, *labels]


def _bottleneck_summary(substitution_elasticity: float, labor_share: float) -> dict[str, float]:
    """The claim's quantity: the figure's chosen point (AutomatedCorp's labor, compute unchanged)."""
    return {"research_speedup": model.research_output(model.automatedcorp_speed(), 1.0, substitution_elasticity,
                                                      labor_share)}


COMPUTE_BOTTLENECK = Explorable(
    name="compute_bottleneck",
    title=("Research speed from AutomatedCorp's labor-equivalent 239x with compute unchanged, against the "
           "elasticity of substitution"),
    params=(
        Param("substitution_elasticity", "Elasticity of substitution σ (0 = perfect complements)", 0.5, 0.1, 3.0,
              step=0.1, format=".2f", symbol="σ"),
        Param("labor_share", "Labor's share α of research (fraction)", 0.5, LABOR_SHARE_MIN, LABOR_SHARE_MAX,
              step=0.05, format=".2f", symbol="α"),
    ),
    model=model.compute_bottleneck_frame,
    chart=compute_bottleneck_chart,
    claims=(Claim("tenfold", "With compute unchanged, AutomatedCorp's labor-equivalent 239x still makes research "
                             "at least 10x as fast",
                  _bottleneck_summary, "research_speedup >= 10", label="research speed", unit="×"),),
    expressions={
        "substitution_elasticity": ("datum.series == 'chosen' ? substitution_elasticity : "
                                    "datum.substitution_elasticity"),
        "research_speedup": (
            "datum.series == 'no bottleneck' ? datum.labor_speedup : datum.series == 'ceiling' ? "
            "pow(1 - labor_share, datum.substitution_elasticity / (datum.substitution_elasticity - 1)) : "
            + _CES),
    },
)


# ------------------------------------------------------------------------------------------------
# Compute bottlenecks (source line 17): (b) experiments too small to teach anything
# ------------------------------------------------------------------------------------------------

# Axis labels at powers of ten only ("1e+9"), blank at the log axis's 2x and 5x ticks.
_POWERS_OF_TEN = ("abs(log(datum.value) / LN10 - round(log(datum.value) / LN10)) < 1e-6 ? "
                  "format(datum.value, '.0e') : ''")

EXPERIMENT_SERIES = {"frontier grows": "frontier run grows as compute^β",
                     "fixed frontier": "frontier run fixed (β = 0)"}


# growth / f over the sliders' ranges: compute 1..1e4, beta 0..2 (growth 1e-4..1e4), f 1e-12..1e-3
USEFUL_EXPERIMENTS_DOMAIN = [0.1, 1e16]


@one_copy
def useful_experiments_chart(base: alt.Chart) -> alt.LayerChart:
    """Most useful experiments per unit time against compute scale-up (log-log), chosen point marked."""
    x = alt.X("compute_scaleup:Q", title="Compute budget (multiple of today's)",
              scale=alt.Scale(type="log", domain=[1, 1e4]), axis=alt.Axis(format="~s"))
    # a fixed axis (every setting's curves fit), so that moving f moves the curves, not the axis
    y = alt.Y("useful_experiments:Q", title="Most useful experiments per unit time",
              scale=alt.Scale(type="log", domain=USEFUL_EXPERIMENTS_DOMAIN, nice=False),
              axis=alt.Axis(labelExpr=_POWERS_OF_TEN))
    legend = alt.Legend(labelExpr=f"{EXPERIMENT_SERIES}[datum.label]".replace("'", '"'), labelLimit=400)
    colour = alt.Color("series:N", title=None, scale=alt.Scale(domain=list(EXPERIMENT_SERIES)), legend=legend)
    dash = alt.StrokeDash("series:N", title=None, legend=legend,
                          scale=alt.Scale(domain=list(EXPERIMENT_SERIES), range=[[1, 0], [6, 4]]))
    tooltip = [alt.Tooltip("series:N", title="series"),
               alt.Tooltip("frontier_growth_exponent:Q", format=".2f", title="β"),
               alt.Tooltip("compute_scaleup:Q", format=".3~g", title="compute"),
               alt.Tooltip("useful_experiments:Q", format=".3~e", title="useful experiments"),
               alt.Tooltip("growth:Q", format=".3~g", title="growth")]
    lines = base.transform_filter("datum.series != 'chosen'").mark_line().encode(
        x=x, y=y, color=colour, strokeDash=dash, tooltip=tooltip)
    chosen = base.transform_filter("datum.series == 'chosen'")
    point = chosen.mark_point(color="black", size=120).encode(x=x, y=y, tooltip=tooltip)
    headline = chosen.transform_calculate(
        text="format(datum.compute_scaleup, '.3~g') + '× the compute: ' + format(datum.growth, '.3~g')"
             " + '× the useful experiments (β = ' + format(datum.frontier_growth_exponent, '.2f') + ')'"
    ).mark_text(align="left", baseline="top", fontSize=14, fontWeight="bold").encode(
        x=alt.value(8), y=alt.value(6), text="text:N")
    return alt.layer(lines, point, headline)


USEFUL_EXPERIMENTS = Explorable(
    name="useful_experiments",
    title="Most useful experiments per unit time against compute, when small experiments teach nothing",
    params=(
        Param("min_useful_fraction", "Smallest useful experiment f (fraction of the frontier run)",
              model.LINE_17_MIN_USEFUL_FRACTION, 1e-12, 1e-3, log=True, points=10, format=".0e"),
        Param("frontier_growth_exponent", "Frontier run growth β (frontier ∝ compute^β)", 0.5, 0.0, 2.0,
              step=0.05, format=".2f"),
        Param("compute_scaleup", "Compute budget (× today's)", 100.0, 1.0, 1e4, log=True, points=41,
              format=".3~g"),
    ),
    model=model.useful_experiments_frame,
    chart=useful_experiments_chart,
    expressions={
        "frontier_growth_exponent": "datum.series == 'fixed frontier' ? 0 : frontier_growth_exponent",
        "compute_scaleup": "datum.series == 'chosen' ? compute_scaleup : datum.compute_scaleup",
        "growth": "pow(datum.compute_scaleup, 1 - datum.frontier_growth_exponent)",
        "useful_experiments": "datum.growth / min_useful_fraction",
    },
)


# ------------------------------------------------------------------------------------------------
# The experiment loop (source line 18)
# ------------------------------------------------------------------------------------------------

# The heatmap's axes run from 1x to LOOP_MAX_SPEEDUP in LOOP_POINTS cells: experiment_loop_frame's defaults.
LOOP_MAX_SPEEDUP = inspect.signature(model.experiment_loop_frame).parameters["max_speedup"].default
LOOP_POINTS = inspect.signature(model.experiment_loop_frame).parameters["points"].default
_HALF_CELL = LOOP_MAX_SPEEDUP ** (0.5 / (LOOP_POINTS - 1))  # half a cell's width, as a factor
_OVERLAP = 1.01  # cells overlap by 1% so that no hairline gaps show between them
_LOOP_DOMAIN = [1 / _HALF_CELL, LOOP_MAX_SPEEDUP * _HALF_CELL]
HEATMAP_WIDTH, STRIP_WIDTH, LOOP_HEIGHT = 430, 46, 300
AUTOMATEDCORP_R = model.AUTOMATEDCORP.serial_speed  # its researchers' serial speedup, on today's computers


@one_copy
def experiment_loop_chart(base: alt.Chart) -> alt.VConcatChart:
    """Heatmap of the loop speedup over both serial speedups, with its Amdahl ceiling beside it."""
    axis = alt.Axis(format="~s", values=[1, 10, 100, 1000], grid=False)
    scale = alt.Scale(type="log", domain=_LOOP_DOMAIN, nice=False)
    y = alt.Y("researcher_speedup:Q", title="Researchers' serial speedup r", scale=scale, axis=axis)
    y_lo = alt.Y2("r_lo:Q")
    colour = alt.Color("loop_speedup:Q", title="Loop speedup S (× today's)",
                       scale=alt.Scale(type="log", domain=[1, LOOP_MAX_SPEEDUP], scheme="viridis", clamp=True),
                       legend=alt.Legend(format="~s", values=[1, 10, 100, 1000], gradientLength=320,
                                         titleLimit=400))
    tooltip = [alt.Tooltip("compute_speedup:Q", format=".3~g", title="compute speedup c"),
               alt.Tooltip("researcher_speedup:Q", format=".3~g", title="researcher speedup r"),
               alt.Tooltip("loop_speedup:Q", format=".4~g", title="loop speedup"),
               alt.Tooltip("ceiling:Q", format=".4~g", title="ceiling r / (1 − w)"),
               alt.Tooltip("share_of_ceiling:Q", format=".1%", title="share of ceiling")]
    edge = _HALF_CELL * _OVERLAP
    cells = base.transform_calculate(
        c_lo=f"datum.compute_speedup / {edge!r}", c_hi=f"datum.compute_speedup * {edge!r}",
        r_lo=f"datum.researcher_speedup / {edge!r}", r_hi=f"datum.researcher_speedup * {edge!r}",
    )
    heat = cells.mark_rect(clip=True, stroke=theme.CELL_OUTLINE, strokeWidth=theme.CELL_OUTLINE_WIDTH).encode(
        x=alt.X("c_lo:Q", title="Computers' serial speedup c (experiments)", scale=scale, axis=axis),
        x2="c_hi:Q", y=alt.Y("r_hi:Q", title="Researchers' serial speedup r", scale=scale, axis=axis),
        y2=y_lo, color=colour, tooltip=tooltip)
    # Where experiments and responses take equal time, c = r w / (1 - w), the loop runs at half its
    # ceiling; to the right of this line faster computers can at most double it.
    knee = base.transform_filter("datum.compute_speedup == 1").transform_calculate(
        knee="datum.ceiling - datum.researcher_speedup"  # r / (1 - w) - r = r w / (1 - w)
    ).transform_filter("datum.knee > 0")
    knee_encoding = dict(x=alt.X("knee:Q", scale=scale), y=y, order="researcher_speedup:Q")
    knee = alt.layer(knee.mark_line(color="white", strokeWidth=4, clip=True).encode(**knee_encoding),
                     knee.mark_line(color=theme.ON_CELLS, strokeWidth=1.5, strokeDash=[6, 3], clip=True)
                     .encode(**knee_encoding))
    # AutomatedCorp on today's computers: c = 1, r = 50 (its AIs' serial speed).
    automated = base.transform_filter("datum.compute_speedup == 1 && datum.researcher_speedup == 1").transform_calculate(
        c="1", r=repr(AUTOMATEDCORP_R),
        s=f"1 / ((1 - 1 / datum.ceiling) + (1 / datum.ceiling) / {AUTOMATEDCORP_R!r})",
        text="'AutomatedCorp: ' + format(datum.s, '.3~g') + '×'")
    marker = automated.mark_point(shape="diamond", size=160, filled=True, color="white", stroke=theme.ON_CELLS,
                                  strokeWidth=1.5).encode(x=alt.X("c:Q", scale=scale), y=alt.Y("r:Q", scale=scale))
    marker_label = automated.mark_text(align="left", dx=10, fontSize=13, fontWeight="bold", color="white").encode(
        x=alt.X("c:Q", scale=scale), y=alt.Y("r:Q", scale=scale), text="text:N")
    heatmap = alt.layer(heat, knee, marker, marker_label).properties(
        width=HEATMAP_WIDTH, height=LOOP_HEIGHT,
        title=alt.Title("Loop speedup S = 1 / (w/c + (1 − w)/r)",
                        subtitle="dashed: the loop at half its ceiling; right of it, faster computers at most double it"))
    strip = base.transform_filter(f"datum.compute_speedup == {LOOP_MAX_SPEEDUP!r}").transform_calculate(
        r_lo=f"datum.researcher_speedup / {edge!r}", r_hi=f"datum.researcher_speedup * {edge!r}",
    ).mark_rect(clip=True, stroke=theme.CELL_OUTLINE, strokeWidth=theme.CELL_OUTLINE_WIDTH).encode(
        y=alt.Y("r_hi:Q", scale=scale, axis=None), y2=y_lo,
        color=alt.Color("ceiling:Q", scale=alt.Scale(type="log", domain=[1, LOOP_MAX_SPEEDUP],
                                                     scheme="viridis", clamp=True), legend=None),
        tooltip=tooltip,
    ).properties(width=STRIP_WIDTH, height=LOOP_HEIGHT, title=alt.Title("c → ∞", subtitle="ceiling"))
    headline = base.transform_filter("datum.compute_speedup == 1 && datum.researcher_speedup == 1").transform_calculate(
        text="'w = ' + format(1 - datum.researcher_speedup / datum.ceiling, '.0%')"
             " + ': as c → ∞, S → r / (1 − w) = ' + format(datum.ceiling / datum.researcher_speedup, '.3~g')"
             " + ' r'"
    ).mark_text(align="left", baseline="middle", fontSize=14, fontWeight="bold").encode(
        x=alt.value(0), y=alt.value(10), text="text:N").properties(width=HEATMAP_WIDTH + STRIP_WIDTH, height=20)
    # The strip colours the ceiling on the heatmap's colour scale, as its own (legend-free) scale.
    panels = alt.hconcat(heatmap, strip, spacing=6).resolve_scale(color="independent")
    return alt.vconcat(headline, panels, spacing=4)


EXPERIMENT_LOOP = Explorable(
    name="experiment_loop",
    title="Speedup of the experiment loop over the computers' and the researchers' serial speedups",
    params=(
        Param("experiment_share", "Share w of today's loop spent waiting on experiments", 0.5, 0.0, 0.95,
              step=0.05, format=".2f"),
    ),
    model=model.experiment_loop_frame,  # its default grid: 20 x 20 cells from 1x to 1000x
    chart=experiment_loop_chart,
    expressions={
        "loop_speedup": ("1 / (experiment_share / datum.compute_speedup + "
                         "(1 - experiment_share) / datum.researcher_speedup)"),
        "ceiling": "datum.researcher_speedup / (1 - experiment_share)",
        "share_of_ceiling": "datum.loop_speedup / datum.ceiling",
    },
)


# ------------------------------------------------------------------------------------------------
# Coordination (source line 14): Brooks's channels, AIs with cheaper ones
# ------------------------------------------------------------------------------------------------

_B, _M = model.BASE_TEAM, model.SCALE
# E(n) = n - k n (n - 1) / 2, with the human cost k_h calibrated to the human exponent and
# k = ratio * k_h (see models/parallelization/coordination.py).
_HUMAN_COST = (f"(({_M * _B}) - pow({_M}, human_exponent) * {_B}) / "
               f"({_M * _B} * {_M * _B - 1} / 2 - pow({_M}, human_exponent) * {_B * (_B - 1)} / 2)")


def _team(n: int, ratio: str) -> str:
    return f"({n} - ({ratio}) * {_HUMAN_COST} * {n * (n - 1) / 2!r})"


_RATIO = "(datum.series == 'chosen' ? cost_ratio : datum.cost_ratio)"
_GAIN = f"({_team(_M * _B, _RATIO)} / {_team(_B, _RATIO)})"


@one_copy
def coordination_chart(base: alt.Chart) -> alt.LayerChart:
    """AutomatedCorp's labor-equivalent speed against the AI/human channel-cost ratio, chosen ratio marked."""
    x = alt.X("cost_ratio:Q", title="AI cost per communication channel (× the human cost)",
              scale=alt.Scale(domain=[0, 1]))
    y = alt.Y("automatedcorp:Q", title="AutomatedCorp, labor-equivalent (× NormalCorp)",
              scale=alt.Scale(type="log", domain=[100, 3000]), axis=alt.Axis(format="~g"))
    tooltip = [alt.Tooltip("cost_ratio:Q", format=".2f", title="cost ratio"),
               alt.Tooltip("ai_exponent:Q", format=".3f", title="effective λ of the AIs"),
               alt.Tooltip("automatedcorp:Q", format=".4~g", title="AutomatedCorp (×)")]
    line = base.transform_filter("datum.series == 'curve'").mark_line().encode(x=x, y=y, tooltip=tooltip)
    chosen = base.transform_filter("datum.series == 'chosen'")
    point = chosen.mark_point(color="black", size=120).encode(x=x, y=y, tooltip=tooltip)
    headline = chosen.transform_calculate(
        text="'AI channels at ' + format(datum.cost_ratio, '.0%') + ' of the human cost:'"
    ).mark_text(align="left", baseline="bottom", fontSize=14, fontWeight="bold").encode(
        x=alt.value(8), y=alt.value(theme.HEIGHT - 30), text="text:N")
    second = chosen.transform_calculate(
        text="'effective λ = ' + format(datum.ai_exponent, '.2f') + ', AutomatedCorp '"
             " + format(datum.automatedcorp, ',.0f') + '×'"
    ).mark_text(align="left", baseline="bottom", fontSize=14).encode(
        x=alt.value(8), y=alt.value(theme.HEIGHT - 10), text="text:N")
    return alt.layer(line, point, headline, second)  # bottom left: the line falls from the top left


COORDINATION = Explorable(
    name="coordination",
    title=("AutomatedCorp's labor-equivalent research speed against how much its AIs pay per communication "
           "channel, relative to people"),
    params=(
        Param("human_exponent", "Exponent λ of human teams grown 50-fold (calibrates the human cost)", 0.4, 0.0,
              1.0, step=0.05, format=".2f", symbol="λ"),
        Param("cost_ratio", "AI cost per channel (× the human cost)", 1.0, 0.0, 1.0, step=0.05, format=".2f",
              symbol="cost ratio"),
    ),
    model=model.coordination_frame,
    chart=coordination_chart,
    expressions={
        "cost_ratio": _RATIO,
        "automatedcorp": f"{model.AUTOMATEDCORP.serial_speed!r} * {_GAIN}",
        "ai_exponent": f"log({_GAIN}) / log({_M})",
    },
)


# ------------------------------------------------------------------------------------------------
# The chain: penalty -> compute bottleneck -> experiment loop
# ------------------------------------------------------------------------------------------------

CHAIN_CLAIM_BOUND = 10.0  # the claim: AutomatedCorp researches at least 10x as fast as NormalCorp


def _ces(x: str) -> str:
    """Vega expression of CES(x, K = 1) at alpha = 0.5 with the sigma slider (Cobb-Douglas at 1)."""
    rho = "((substitution_elasticity - 1) / substitution_elasticity)"
    return (f"(substitution_elasticity == 1 ? pow({x}, 0.5) : "
            f"pow(0.5 * pow({x}, {rho}) + 0.5, 1 / {rho}))")


_COPIES = "pow(50, ai_exponent)"
_LABOR = f"(50 * {_COPIES})"
_LOOP_LABOR = f"({_COPIES} / (experiment_share + (1 - experiment_share) / 50))"  # S(c = 1, r = 50, w) * 50^λ
_AFTER = [ "1", "50", _LABOR, _ces(_LABOR), _ces(_LOOP_LABOR), _ces(_LOOP_LABOR)]
_BEFORE = ["1", "1", "50", _LABOR, _ces(_LABOR), "1"]


def _by_stage(values: list[str]) -> str:
    out = values[-1]
    for i in range(len(values) - 2, -1, -1):
        out = f"(datum.stage == {i} ? {values[i]} : {out})"
    return out


@one_copy
def chain_chart(base: alt.Chart) -> alt.LayerChart:
    """Waterfall of AutomatedCorp's research speed after each stage (log scale), the claim's line at 10x."""
    x = alt.X("name:N", title=None, sort=list(model.STAGES), axis=alt.Axis(labelAngle=0, labelLimit=120))
    scale = alt.Scale(type="log", domain=[0.5, 5000])
    y = alt.Y("before:Q", title="Research speed (× NormalCorp's), log scale", scale=scale,
              axis=alt.Axis(format="~g"))
    tooltip = [alt.Tooltip("name:N", title="stage"), alt.Tooltip("before:Q", format=".4~g", title="before"),
               alt.Tooltip("after:Q", format=".4~g", title="after"),
               alt.Tooltip("factor:Q", format=".3~g", title="factor")]
    kind = alt.Color("kind:N", title=None, legend=None,
                     scale=alt.Scale(domain=["up", "down", "total"], range=[theme.GREEN, theme.VERMILLION, theme.BLUE]))
    shaped = base.transform_calculate(
        kind="datum.stage == 5 ? 'total' : datum.after >= datum.before ? 'up' : 'down'",
        top="max(datum.before, datum.after)",
        text="datum.stage == 0 ? '1×' : datum.stage == 5 ? format(datum.after, '.3~g') + '×' "
             ": '×' + format(datum.factor, '.3~g')")
    fails = alt.Chart(alt.Data(values=[{"lo": 0.5, "hi": CHAIN_CLAIM_BOUND}])).mark_rect(
        color="#999999", opacity=0.15).encode(y=alt.Y("lo:Q", scale=scale), y2="hi:Q")
    rule = alt.Chart(alt.Data(values=[{"bound": CHAIN_CLAIM_BOUND}])).mark_rule(
        strokeDash=[6, 4], color="#555555").encode(y=alt.Y("bound:Q", scale=scale))
    bars = shaped.transform_filter("datum.stage > 0").mark_bar(size=42).encode(
        x=x, y=y, y2="after:Q", color=kind, tooltip=tooltip)
    start = shaped.transform_filter("datum.stage == 0").mark_tick(thickness=3, size=42, color="#000000").encode(
        x=x, y=y, tooltip=tooltip)
    labels = shaped.mark_text(dy=-6, baseline="bottom", fontSize=13, fontWeight="bold").encode(
        x=x, y=alt.Y("top:Q", scale=scale), text="text:N")
    # The claim's status at these settings (from the model, via the claims dataset), under the 10x line.
    status = alt.Chart(CLAIM_DATA).transform_filter(
        "datum.kind == 'status' && datum.claim == 'automatedcorp_tenfold'"
    ).transform_calculate(
        text="'The claim ' + (datum.holds ? 'holds' : 'fails') + ': it needs AutomatedCorp ≥ 10× (above the shading)'"
    ).mark_text(align="left", baseline="top", fontSize=12, color="#555555", dy=4).encode(
        x=alt.value(4), y=alt.value(6),
        text="text:N")
    return alt.layer(fails, rule, bars, start, labels, status)


CHAIN = Explorable(
    name="chain",
    title=("AutomatedCorp's research speed after each stage: labor-equivalent speed, then compute binds, "
           "then the loop waits on experiments"),
    params=(
        Param("ai_exponent", "Exponent λ of the AIs' extra copies", 0.4, 0.2, 1.0, step=0.2, format=".1f",
              symbol="λ"),
        Param("substitution_elasticity", "σ: how easily more researchers make up for fixed compute", 0.5, 0.2, 3.0,
              step=0.2, format=".1f", symbol="σ"),
        Param("experiment_share", "Share w of today's loop spent waiting on experiments", 0.5, 0.0, 0.9,
              step=0.1, format=".1f", symbol="w"),
    ),
    model=model.chain_frame,
    chart=chain_chart,
    claims=(Claim("automatedcorp_tenfold", "AutomatedCorp researches at least 10x as fast as NormalCorp",
                  model.chain_summary, f"total >= {CHAIN_CLAIM_BOUND:g}",
                  label="AutomatedCorp's research speed (× NormalCorp)", unit="×", format=".3~g"),),
    expressions={"before": _by_stage(_BEFORE), "after": _by_stage(_AFTER),
                 "factor": f"({_by_stage(_AFTER)}) / ({_by_stage(_BEFORE)})"},
)
