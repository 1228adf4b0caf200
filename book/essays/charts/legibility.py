"""Charts of the Legible-evidence chapter, each declared once as an explorable figure.

``AUDIENCES``: both audiences after k positive results of 10 runs, one column per kind of evidence,
in probability (top) and on the log-odds scale (bottom); the claim that ten catches out of ten
move the skeptic past even odds. ``SKEPTIC_CEILING``: the crux, the skeptic's ceiling for internals
evidence over the method's validity q and artifact rate c, with the even-odds contour.
``RESAMPLING``: the probe's measured against the true improvement as best-of-k selection grows.

All three models are closed form, so the figures use expression mode: the Vega expressions below
restate :mod:`essays.models.legibility` for the browser, and the chart tests check that what they
compute equals the Python model at random slider settings.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from essays import theme
from essays.claims import CLAIM_DATA, Claim
from essays.explorable import Explorable, Param
from essays.models import legibility as model

def _sharing(base: alt.Chart, chart):
    """``chart`` with ``base``'s data and transforms at its top level, once.

    Layers built from ``base`` would each carry a copy of its inline data; built from
    ``alt.Chart()`` they inherit it from the top instead (the heat map's 481 rows would otherwise
    be repeated in every layer).
    """
    chart = chart.copy()
    chart.data = base.data
    if base.transform is not alt.Undefined:
        chart.transform = base.transform
    return chart


# -- Figure 1: two audiences, two kinds of evidence, two scales ----------------------------------

EVIDENCE_TITLES = {
    "internals": ("Internals evidence", "a probe fires on honeypots"),
    "behavioral": ("Behavioral evidence", "the model is caught red-handed"),
}
AUDIENCE_COLOURS = {"believer": "#0072B2", "skeptic": "#B5470B"}  # blue; a darker orange (4.5:1)
LINE_KINDS = {"posterior": "after k positives of 10", "ceiling": "ceiling (no record goes above it)"}
PANEL_WIDTH = 235
PANEL_HEIGHT = 190
ODDS_LABELS = ("datum.value == 0 ? '1:1' : datum.value > 0 ? format(pow(10, datum.value), ',~r') + ':1'"
               " : '1:' + format(pow(10, -datum.value), ',~r')")


def _panel(evidence: str, scale: str, first: bool) -> alt.LayerChart:
    """One kind of evidence on one scale: both audiences, their ceilings and the gap between them."""
    base = alt.Chart()
    rows = base.transform_filter(f"datum.evidence == '{evidence}'")
    prob = scale == "probability"
    field, ceiling_field, gap_field = (("posterior", "posterior_ceiling", "gap") if prob
                                       else ("log10_odds", "ceiling_log10_odds", "log10_odds_gap"))
    x = alt.X("positives:Q", title="Positive results k out of 10 runs" if not prob else None,
              scale=alt.Scale(domain=[0, model.RUNS], nice=False), axis=alt.Axis(values=list(range(0, 11, 2))))
    if prob:
        y_title = "P(scheming)" if first else None
        y = alt.Y(f"{field}:Q", title=y_title, scale=alt.Scale(domain=[0, 1]),
                  axis=alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1]))
    else:
        y_title = "Odds of scheming (log scale)" if first else None
        y = alt.Y(f"{field}:Q", title=y_title, scale=alt.Scale(zero=False, nice=True),
                  axis=alt.Axis(labelExpr=ODDS_LABELS, tickMinStep=1))
    colour = alt.Color("audience:N", title="Audience",
                       scale=alt.Scale(domain=list(AUDIENCE_COLOURS), range=list(AUDIENCE_COLOURS.values())))
    tooltip = [alt.Tooltip("audience:N"), alt.Tooltip("positives:Q", title="k of 10"),
               alt.Tooltip("likelihood_ratio:Q", format=".3~g", title="likelihood ratio"),
               alt.Tooltip("posterior:Q", format=".1%", title="P(scheming)"),
               alt.Tooltip("log10_odds:Q", format=".2f", title="log10 odds"),
               alt.Tooltip("posterior_ceiling:Q", format=".1%", title="ceiling")]
    dash = alt.StrokeDash("line:N", title="Line",
                          scale=alt.Scale(domain=list(LINE_KINDS), range=[[1, 0], [5, 4]]),
                          legend=alt.Legend(labelExpr=f"{LINE_KINDS}[datum.label]".replace("'", '"'),
                                            labelLimit=300, symbolType="stroke"))
    believer = rows.transform_filter("datum.audience == 'believer'")
    gap = believer.transform_calculate(other=f"datum.{field} - datum.{gap_field}").mark_area(
        color="#999999", opacity=0.25).encode(x=x, y=y, y2="other:Q")
    even = base.transform_filter(f"datum.evidence == '{evidence}' && datum.audience == 'believer'"
                                 " && datum.positives == 0").mark_rule(
        color="#555555", strokeDash=[2, 2]).encode(y=alt.datum(0.5 if prob else 0.0))
    even_label = base.transform_filter(f"datum.evidence == '{evidence}' && datum.audience == 'believer'"
                                       " && datum.positives == 0").mark_text(
        align="left", baseline="bottom", dx=3, dy=-2, fontSize=11, color="#444444").encode(
        x=alt.datum(0), y=alt.datum(0.5 if prob else 0.0), text=alt.value("even odds"))
    lines = rows.transform_calculate(line="'posterior'").mark_line(point=alt.OverlayMarkDef(size=25)).encode(
        x=x, y=y, color=colour, strokeDash=dash, detail="audience:N", tooltip=tooltip)
    ceilings = rows.transform_calculate(line="'ceiling'").mark_line(strokeWidth=1.5).encode(
        x=x, y=alt.Y(f"{ceiling_field}:Q", title=y_title), color=colour, strokeDash=dash,
        detail="audience:N", tooltip=tooltip)
    layers = [gap, even, even_label, ceilings, lines]
    if prob and evidence == "behavioral":
        # Where the claim fails (ten catches leave the skeptic short of even odds), shade the band
        # the skeptic's line stays in.
        layers.insert(0, alt.Chart(CLAIM_DATA).transform_filter(
            "datum.kind == 'status' && datum.claim == 'catches_convince' && !datum.holds"
        ).mark_rect(color="#999999", opacity=0.18).encode(y=alt.datum(0), y2=alt.datum(0.5)))
    heading, subtitle = EVIDENCE_TITLES[evidence]
    title = alt.Title(heading, subtitle=subtitle) if prob else alt.Title("")
    return alt.layer(*layers).properties(title=title, width=PANEL_WIDTH, height=PANEL_HEIGHT)


def audiences_chart(base: alt.Chart) -> alt.VConcatChart:
    """Probability (top) and log-odds (bottom) for internals (left) and behavioral (right) evidence."""
    rows = [alt.hconcat(*(_panel(e, scale, e == "internals") for e in model.EVIDENCE_KINDS), spacing=14)
            for scale in ("probability", "log-odds")]
    return _sharing(base, alt.vconcat(*rows, spacing=6).resolve_scale(color="shared", strokeDash="shared"))


def _num(value: float) -> str:
    return repr(float(value))


_R = (f"pow({_num(model.SENSITIVITY / model.FALSE_POSITIVE_RATE)}, datum.positives)"
      f" * pow({_num((1 - model.SENSITIVITY) / (1 - model.FALSE_POSITIVE_RATE))}, {model.RUNS} - datum.positives)")
_LR = ("(({a}) * datum._r + 1 - ({a})) / (({c}) * datum._r + 1 - ({c}))")
_B_INT = (_num(model.BELIEVER_VALIDITY_INTERNALS), "artifact_rate_internals")
_B_BEH = (_num(model.BELIEVER_VALIDITY_BEHAVIORAL), _num(model.BELIEVER_ARTIFACT_RATE_BEHAVIORAL))
_S_INT = ("skeptic_validity_internals", "artifact_rate_internals")
_S_BEH = ("skeptic_validity_behavioral", "skeptic_artifact_rate_behavioral")


def _pick(internals: str, behavioral: str) -> str:
    return f"datum.evidence == 'behavioral' ? ({behavioral}) : ({internals})"


def _logit10(p: str) -> str:
    return f"log(({p}) / (1 - ({p}))) / LN10"


AUDIENCE_EXPRESSIONS = {
    "_r": _R,
    "_qb": _pick(*(pair[0] for pair in (_B_INT, _B_BEH))),
    "_cb": _pick(*(pair[1] for pair in (_B_INT, _B_BEH))),
    "_qs": _pick(*(pair[0] for pair in (_S_INT, _S_BEH))),
    "_cs": _pick(*(pair[1] for pair in (_S_INT, _S_BEH))),
    "_ab": "datum._qb + (1 - datum._qb) * datum._cb", "_Cb": "(1 - datum._qb) * datum._cb",
    "_as": "datum._qs + (1 - datum._qs) * datum._cs", "_Cs": "(1 - datum._qs) * datum._cs",
    "_lrb": _LR.format(a="datum._ab", c="datum._Cb"),
    "_lrs": _LR.format(a="datum._as", c="datum._Cs"),
    "_lob": f"{_logit10(_num(model.BELIEVER_PRIOR))} + log(datum._lrb) / LN10",
    "_los": f"{_logit10(_num(model.SKEPTIC_PRIOR))} + log(datum._lrs) / LN10",
    "_skeptic": "datum.audience == 'skeptic'",
    "_p": f"datum._skeptic ? {_num(model.SKEPTIC_PRIOR)} : {_num(model.BELIEVER_PRIOR)}",
    "likelihood_ratio": "datum._skeptic ? datum._lrs : datum._lrb",
    "log10_odds": "datum._skeptic ? datum._los : datum._lob",
    "posterior": "1 / (1 + pow(10, -datum.log10_odds))",
    "posterior_ceiling": ("datum._skeptic ? datum._p * datum._as / (datum._p * datum._as + (1 - datum._p) * datum._Cs)"
                          " : datum._p * datum._ab / (datum._p * datum._ab + (1 - datum._p) * datum._Cb)"),
    "ceiling_log10_odds": (f"{_logit10('datum._p')}"
                           " + log(datum._skeptic ? datum._as / datum._Cs : datum._ab / datum._Cb) / LN10"),
    "gap": "1 / (1 + pow(10, -datum._lob)) - 1 / (1 + pow(10, -datum._los))",
    "log10_odds_gap": "datum._lob - datum._los",
}

_VALIDITY = dict(min=0.0, max=0.975, step=0.025, format=".3~f")
_ARTIFACT = dict(min=0.001, max=1.0, log=True, points=37, format=".2~g")

AUDIENCES = Explorable(
    name="audiences",
    title="Believer's and skeptic's P(scheming) and log-odds after k positive results of 10 runs, "
          "for internals and for behavioral evidence",
    params=(
        Param("skeptic_validity_internals", "Skeptic's credence that a probe result is valid",
              model.SKEPTIC_VALIDITY_INTERNALS, symbol="q (probe)", **_VALIDITY),
        Param("artifact_rate_internals", "Chance an invalid probe fires as on a schemer",
              model.ARTIFACT_RATE_INTERNALS, symbol="c (probe)", **_ARTIFACT),
        Param("skeptic_validity_behavioral", "Skeptic's credence that a red-handed catch is valid",
              model.SKEPTIC_VALIDITY_BEHAVIORAL, symbol="q (catch)", **_VALIDITY),
        Param("skeptic_artifact_rate_behavioral", "Skeptic's chance a catch is an artifact "
              "(e.g. prompted)", model.SKEPTIC_ARTIFACT_RATE_BEHAVIORAL, symbol="c (catch)", **_ARTIFACT),
    ),
    model=model.legibility_frame,
    chart=audiences_chart,
    expressions=AUDIENCE_EXPRESSIONS,
    claims=(Claim("catches_convince", "Ten red-handed catches out of ten runs move the skeptic past even odds",
                  model.skeptic_behavioral_summary, "posterior > 0.5",
                  label="skeptic's P(scheming) after 10 of 10", format=".1%"),),
)


# -- Figure 2: the crux, the skeptic's ceiling over q and c ---------------------------------------

def ceiling_chart(data: alt.Chart) -> alt.LayerChart:
    """Heat map of the skeptic's ceiling over q (x) and c (y, log), the even-odds contour (from the
    claim's boundary rows) and the chosen point."""
    base = alt.Chart().transform_calculate(
        q_lo=f"datum.validity - {model.MAP_Q_STEP / 2!r}", q_hi=f"datum.validity + {model.MAP_Q_STEP / 2!r}",
        c_lo=f"datum.artifact_rate / {model.MAP_C_HALF_RATIO!r}", c_hi=f"datum.artifact_rate * {model.MAP_C_HALF_RATIO!r}")
    x_scale = alt.Scale(domain=list(model.MAP_VALIDITY_RANGE), nice=False)
    y_scale = alt.Scale(type="log", domain=list(model.MAP_ARTIFACT_RATE_RANGE), nice=False)
    x = alt.X("q_lo:Q", title="Skeptic's credence q that the probe is valid", scale=x_scale,
              axis=alt.Axis(grid=False))
    y = alt.Y("c_lo:Q", title="Artifact rate c (log scale)", scale=y_scale,
              axis=alt.Axis(values=[0.001, 0.01, 0.1, 1], format="~g", grid=False))
    cells = base.transform_filter("datum.kind == 'cell'").mark_rect(
        stroke=theme.CELL_OUTLINE, strokeWidth=theme.CELL_OUTLINE_WIDTH).encode(
        x=x, x2="q_hi:Q", y=y, y2="c_hi:Q",
        color=alt.Color("ceiling:Q", title="Skeptic's ceiling",
                        scale=alt.Scale(scheme="viridis", domain=[0, 1]),
                        legend=alt.Legend(format="%", values=[0, 0.25, 0.5, 0.75, 1], gradientLength=160)),
        tooltip=[alt.Tooltip("validity:Q", format=".3f", title="q"),
                 alt.Tooltip("artifact_rate:Q", format=".3~g", title="c"),
                 alt.Tooltip("ceiling:Q", format=".1%", title="ceiling")])
    contour = alt.Chart(CLAIM_DATA).transform_filter(
        "datum.kind == 'boundary' && datum.claim == 'cannot_convince'"
    ).mark_line(color="white", strokeWidth=3).encode(
        x=alt.X("value:Q", scale=x_scale), y=alt.Y("at:Q", scale=y_scale), order="at:Q")
    contour_core = alt.Chart(CLAIM_DATA).transform_filter(
        "datum.kind == 'boundary' && datum.claim == 'cannot_convince'"
    ).mark_line(color=theme.ON_CELLS, strokeWidth=1.5, strokeDash=[6, 3]).encode(
        x=alt.X("value:Q", scale=x_scale), y=alt.Y("at:Q", scale=y_scale), order="at:Q")
    fails_label = base.transform_filter("datum.kind == 'chosen'").mark_text(
        align="right", baseline="bottom", fontSize=12, color=theme.ON_CELLS, fontWeight="bold").encode(
        x=alt.datum(0.96), y=alt.datum(0.0013), text=alt.value("past even odds: the claim fails"))
    holds_label = base.transform_filter("datum.kind == 'chosen'").mark_text(
        align="left", baseline="top", fontSize=12, color="white", fontWeight="bold").encode(
        x=alt.datum(0.02), y=alt.datum(0.9), text=alt.value("below even odds: the claim holds"))
    chosen = base.transform_filter("datum.kind == 'chosen'")
    point = chosen.mark_point(shape="circle", size=130, filled=True, color="white",
                              stroke=theme.ON_CELLS, strokeWidth=2).encode(
        x=alt.X("validity:Q", scale=x_scale), y=alt.Y("artifact_rate:Q", scale=y_scale),
        tooltip=[alt.Tooltip("validity:Q", format=".3f", title="q"),
                 alt.Tooltip("artifact_rate:Q", format=".3~g", title="c"),
                 alt.Tooltip("ceiling:Q", format=".1%", title="ceiling")])
    label = chosen.transform_calculate(text="'ceiling ' + format(datum.ceiling, '.1%')").mark_text(
        align=alt.ExprRef("datum.validity > 0.6 ? 'right' : 'left'"),
        dx=alt.ExprRef("datum.validity > 0.6 ? -10 : 10"), baseline="middle", fontSize=13, fontWeight="bold").encode(
        x=alt.X("validity:Q", scale=x_scale), y=alt.Y("artifact_rate:Q", scale=y_scale), text="text:N",
        color=alt.condition("datum.ceiling < 0.5", alt.value("white"), alt.value(theme.ON_CELLS)))
    return _sharing(data, alt.layer(cells, contour, contour_core, fails_label, holds_label, point, label)
                    .properties(width=420, height=300))


CEILING_EXPRESSIONS = {
    "_chosen": "datum.kind == 'chosen'",
    "validity": "datum._chosen ? validity : datum.validity",
    "artifact_rate": "datum._chosen ? artifact_rate : datum.artifact_rate",
    "_bound": "1 + validity / ((1 - validity) * artifact_rate)",
    "ceiling": (f"datum._chosen ? {_num(model.SKEPTIC_PRIOR)} * datum._bound / ({_num(model.SKEPTIC_PRIOR)}"
                f" * datum._bound + {_num(1 - model.SKEPTIC_PRIOR)}) : datum.ceiling"),
}

SKEPTIC_CEILING = Explorable(
    name="skeptic_ceiling",
    title="The skeptic's highest reachable P(scheming) from internals evidence, over the probe's validity q "
          "and artifact rate c, with the even-odds contour",
    params=(
        Param("validity", "Skeptic's credence that a probe result is valid", model.SKEPTIC_VALIDITY_INTERNALS,
              symbol="q", **_VALIDITY),
        Param("artifact_rate", "Chance an invalid probe fires as on a schemer", model.ARTIFACT_RATE_INTERNALS,
              symbol="c", **_ARTIFACT),
    ),
    model=model.ceiling_frame,
    chart=ceiling_chart,
    expressions=CEILING_EXPRESSIONS,
    claims=(Claim("cannot_convince", "One internals method, however often repeated, cannot move the "
                  "skeptic past even odds",
                  model.skeptic_ceiling, "ceiling < 0.5", label="skeptic's ceiling", format=".1%",
                  contour=("validity", "artifact_rate")),),
)


# -- Figure 3: iterating against the method ------------------------------------------------------

SERIES_LABELS = {
    "measured": "probe reading improves by E[max of k]",
    "true": "true deceptiveness improves by ρ · E[max of k]",
    "gap": "manufactured by selection: (1 − ρ) · E[max of k]",
}
SERIES_COLOURS = {"measured": "#0072B2", "true": "#007A5A", "gap": "#B5470B"}


def resampling_frame(correlation: float = model.CORRELATION) -> pd.DataFrame:
    """:func:`essays.models.legibility.resampling_frame` with each row's E[max of k] beside it.

    ``expected_max`` depends on k only, so the static page carries it in its base data and
    recomputes the three series from it and the slider's rho; the chart also uses it to draw the
    manufactured part as the band between the measured and the true line.
    """
    frame = model.resampling_frame(correlation=correlation)
    frame["expected_max"] = model.expected_max_normal(frame["samples"].to_numpy())
    return frame


def resampling_chart(base: alt.Chart) -> alt.LayerChart:
    """Measured versus true improvement (SD) against the number of samples k (log scale)."""
    x = alt.X("samples:Q", title="Samples k (keep the one the probe scores least deceptive)",
              scale=alt.Scale(type="log", domain=[1, 100]), axis=alt.Axis(values=[1, 2, 5, 10, 20, 50, 100]))
    y_title = "Improvement (standard deviations)"
    scale = alt.Scale(domain=[0, 3])
    legend = alt.Legend(labelExpr=f"{SERIES_LABELS}[datum.label]".replace("'", '"'), labelLimit=400,
                        columns=1, symbolType="square", symbolOpacity=0.85, orient="bottom")
    colour = alt.Color("series:N", title=None, legend=legend,
                       scale=alt.Scale(domain=list(SERIES_COLOURS), range=list(SERIES_COLOURS.values())))
    tooltip = [alt.Tooltip("series:N"), alt.Tooltip("samples:Q", title="k"),
               alt.Tooltip("improvement:Q", format=".3f", title="improvement (SD)"),
               alt.Tooltip("expected_max:Q", format=".3f", title="E[max of k] (SD)")]
    gap_rows = base.transform_filter("datum.series == 'gap'").transform_calculate(
        true_line="datum.expected_max - datum.improvement")
    band = gap_rows.mark_area(opacity=0.25).encode(
        x=x, y=alt.Y("expected_max:Q", title=y_title, scale=scale), y2="true_line:Q",
        color=colour, tooltip=tooltip)
    lines = base.transform_filter("datum.series != 'gap'").mark_line(
        point=alt.OverlayMarkDef(size=20)).encode(
        x=x, y=alt.Y("improvement:Q", title=y_title, scale=scale), color=colour, tooltip=tooltip)
    headline = base.transform_filter("datum.samples == 100").transform_pivot(
        "series", value="improvement", groupby=["samples"]
    ).transform_calculate(
        text="'Best of 100: the probe reads ' + format(datum.measured, '.2f') + ' SD better,\\n'"
             " + 'true deceptiveness is ' + format(datum.true, '.2f') + ' SD better'"
    ).mark_text(align="left", baseline="top", fontSize=13, fontWeight="bold", lineBreak="\n").encode(
        x=alt.value(8), y=alt.value(6), text="text:N")
    return alt.layer(band, lines, headline)


RESAMPLING = Explorable(
    name="resampling",
    title="Probe-measured against true improvement when keeping the best of k samples by probe score",
    params=(
        Param("correlation", "Correlation ρ of the probe score with true deceptiveness",
              model.CORRELATION, 0.0, 1.0, step=0.01, format=".2f", symbol="ρ"),
    ),
    model=resampling_frame,
    chart=resampling_chart,
    expressions={
        "improvement": ("datum.series == 'measured' ? datum.expected_max"
                        " : datum.series == 'true' ? correlation * datum.expected_max"
                        " : (1 - correlation) * datum.expected_max"),
    },
)
