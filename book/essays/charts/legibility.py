"""Charts of the Legible-evidence chapter, each declared once as an explorable figure.

``AUDIENCES``: both audiences' posteriors against the number of positive replications, one panel
per kind of evidence, with the legibility gap shaded and each audience's ceiling dashed.
``RESAMPLING``: the probe's measured improvement against the true one as best-of-k selection
grows, for the correlation on the slider.

Both models are closed form, so both figures use expression mode: the Vega expressions below
restate :mod:`essays.models.legibility` for the browser, and the browser tests check that what
they draw equals the Python model at several slider settings.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from essays.explorable import Explorable, Param
from essays.models import legibility as model

# -- Figure 1: two audiences, two kinds of evidence ----------------------------------------------

EVIDENCE_TITLES = {
    "internals": ("Internals evidence", "a probe fires on honeypots"),
    "behavioral": ("Behavioral evidence", "the model is caught red-handed"),
}
AUDIENCE_COLOURS = {"believer": "#0072B2", "skeptic": "#D55E00"}  # theme.PALETTE[0], [1]
LINE_KINDS = {"posterior": "after m positive results",
              "ceiling": "ceiling (no m goes above it)"}
PANEL_WIDTH = 235
PANEL_HEIGHT = 260


def _panel(base: alt.Chart, evidence: str, first: bool) -> alt.LayerChart:
    """One kind of evidence: both audiences' posteriors, their ceilings and the gap between them.

    Only the ``first`` (left) panel carries the y-axis title and labels the ceilings in place;
    in the behavioral panel both ceilings sit just under 100% and the legend names them.
    """
    rows = base.transform_filter(f"datum.evidence == '{evidence}'")
    x = alt.X("replications:Q", title="Positive replications m",
              scale=alt.Scale(domain=[1, 20], nice=False), axis=alt.Axis(values=[1, 5, 10, 15, 20]))
    y = alt.Y("posterior:Q", title="P(scheming)" if first else None, scale=alt.Scale(domain=[0, 1]),
              axis=alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1]))
    colour = alt.Color("audience:N", title="Audience",
                       scale=alt.Scale(domain=list(AUDIENCE_COLOURS), range=list(AUDIENCE_COLOURS.values())))
    tooltip = [alt.Tooltip("audience:N"), alt.Tooltip("replications:Q", title="m"),
               alt.Tooltip("likelihood_ratio:Q", format=".3~g", title="likelihood ratio"),
               alt.Tooltip("posterior:Q", format=".1%", title="P(scheming)"),
               alt.Tooltip("posterior_ceiling:Q", format=".1%", title="ceiling"),
               alt.Tooltip("legibility_gap:Q", format=".1%", title="legibility gap")]
    dash = alt.StrokeDash("line:N", title="P(scheming)",
                          scale=alt.Scale(domain=list(LINE_KINDS), range=[[1, 0], [5, 4]]),
                          legend=alt.Legend(labelExpr=f"{LINE_KINDS}[datum.label]".replace("'", '"'),
                                            labelLimit=400, symbolType="stroke"))
    believer = rows.transform_filter("datum.audience == 'believer'")
    gap = believer.transform_calculate(skeptic_posterior="datum.posterior - datum.legibility_gap").mark_area(
        color="#999999", opacity=0.22).encode(x=x, y=y, y2="skeptic_posterior:Q", tooltip=tooltip)
    lines = rows.transform_calculate(line="'posterior'").mark_line(point=alt.OverlayMarkDef(size=30)).encode(
        x=x, y=y, color=colour, strokeDash=dash, detail="audience:N", tooltip=tooltip)
    ceilings = rows.transform_calculate(line="'ceiling'").mark_line(strokeWidth=1.5).encode(
        x=x, y=alt.Y("posterior_ceiling:Q", title="P(scheming)" if first else None), color=colour,
        strokeDash=dash, detail="audience:N",
        tooltip=tooltip)
    gap_label = believer.transform_filter("datum.replications == 20").transform_calculate(
        text="'legibility gap (shaded)\\nat m = 20: ' + format(100 * datum.legibility_gap, '.2~r') + ' points'"
    ).mark_text(align="right", baseline="middle", fontSize=12, lineBreak="\n").encode(
        x=x, y=alt.datum(0.42), text="text:N")
    layers = [gap, ceilings, lines, gap_label]
    if first:
        layers.append(rows.transform_filter("datum.replications == 20").transform_calculate(
            text="datum.audience + '\\'s ceiling ' + format(datum.posterior_ceiling, '.1%')"
        ).mark_text(align="right", baseline="bottom", dy=-4, fontSize=12).encode(
            x=x, y=alt.Y("posterior_ceiling:Q"), color=colour, text="text:N"))
    heading, subtitle = EVIDENCE_TITLES[evidence]
    return alt.layer(*layers).properties(
        title=alt.Title(heading, subtitle=subtitle), width=PANEL_WIDTH, height=PANEL_HEIGHT)


def audiences_chart(base: alt.Chart) -> alt.HConcatChart:
    """Two panels (internals, behavioral): posteriors of both audiences against replications."""
    return alt.hconcat(_panel(base, "internals", True), _panel(base, "behavioral", False),
                       spacing=16).resolve_scale(color="shared", strokeDash="shared")


def _believer(name: str) -> str:
    return repr(float(getattr(model, name)))


# Vega restatements of likelihood_ratio, posterior and posterior_ceiling for each row, for the
# row's own audience (q, c, prior) and, for the gap, for both audiences. The believer's prior and
# credence and the behavioral evidence's validity and artifact rate are fixed (not sliders).
_Q_BEHAVIORAL = _believer("VALIDITY_BEHAVIORAL")
_C_BEHAVIORAL = _believer("ARTIFACT_RATE_BEHAVIORAL")
_LR = ("(({q}) * pow(sensitivity, datum.replications) + (1 - ({q})) * datum._c)"
       " / (({q}) * pow(false_positive_rate, datum.replications) + (1 - ({q})) * datum._c)")
_POSTERIOR = "({p}) * datum.{lr} / (({p}) * datum.{lr} + 1 - ({p}))"
AUDIENCE_EXPRESSIONS = {
    "_c": f"datum.evidence == 'behavioral' ? {_C_BEHAVIORAL} : artifact_rate_internals",
    "_q_believer": f"datum.evidence == 'behavioral' ? {_Q_BEHAVIORAL} : {_believer('BELIEVER_VALIDITY_INTERNALS')}",
    "_q_skeptic": f"datum.evidence == 'behavioral' ? {_Q_BEHAVIORAL} : skeptic_validity_internals",
    "_lr_believer": _LR.format(q="datum._q_believer"),
    "_lr_skeptic": _LR.format(q="datum._q_skeptic"),
    "_posterior_believer": _POSTERIOR.format(p=_believer("BELIEVER_PRIOR"), lr="_lr_believer"),
    "_posterior_skeptic": _POSTERIOR.format(p="skeptic_prior", lr="_lr_skeptic"),
    "_q": "datum.audience == 'skeptic' ? datum._q_skeptic : datum._q_believer",
    "_p": f"datum.audience == 'skeptic' ? skeptic_prior : {_believer('BELIEVER_PRIOR')}",
    "likelihood_ratio": "datum.audience == 'skeptic' ? datum._lr_skeptic : datum._lr_believer",
    "posterior": "datum.audience == 'skeptic' ? datum._posterior_skeptic : datum._posterior_believer",
    "posterior_ceiling": ("datum._p * (datum._q + (1 - datum._q) * datum._c)"
                          " / (datum._p * (datum._q + (1 - datum._q) * datum._c)"
                          " + (1 - datum._p) * (1 - datum._q) * datum._c)"),
    "legibility_gap": "datum._posterior_believer - datum._posterior_skeptic",
}

AUDIENCES = Explorable(
    name="audiences",
    title="Believer's and skeptic's P(scheming) against the number of positive replications, "
          "for internals and for behavioral evidence",
    params=(
        Param("skeptic_validity_internals", "Skeptic's credence q in a probe result (probability)",
              model.SKEPTIC_VALIDITY_INTERNALS, 0.0, 1.0, step=0.01, format=".2f"),
        Param("artifact_rate_internals", "Artifact rate c of an invalid probe (probability)",
              model.ARTIFACT_RATE_INTERNALS, 0.01, 1.0, step=0.01, format=".2f"),
        Param("sensitivity", "Sensitivity s of a valid test (probability per run)",
              model.SENSITIVITY, 0.5, 1.0, step=0.01, format=".2f"),
        Param("false_positive_rate", "False-positive rate f of a valid test (probability per run)",
              model.FALSE_POSITIVE_RATE, 0.01, 0.5, step=0.01, format=".2f"),
        Param("skeptic_prior", "Skeptic's prior P(scheming) (probability)",
              model.SKEPTIC_PRIOR, 0.01, 0.5, step=0.01, format=".2f"),
    ),
    model=model.legibility_frame,
    chart=audiences_chart,
    expressions=AUDIENCE_EXPRESSIONS,
)


# -- Figure 2: iterating against the method ------------------------------------------------------

SERIES_LABELS = {
    "measured": "probe reading improves by E[max of k]",
    "true": "true deceptiveness improves by ρ · E[max of k]",
    "gap": "overstatement: (1 − ρ) · E[max of k]",
}
SERIES_COLOURS = {"measured": "#0072B2", "true": "#009E73", "gap": "#D55E00"}


def resampling_frame(correlation: float = model.CORRELATION) -> pd.DataFrame:
    """:func:`essays.models.legibility.resampling_frame` with each row's E[max of k] beside it.

    ``expected_max`` depends on k only, so the static page carries it in its base data and
    recomputes the three series from it and the slider's rho; the chart also uses it to draw the
    overstatement as the band between the measured and the true line.
    """
    frame = model.resampling_frame(correlation=correlation)
    frame["expected_max"] = model.expected_max_normal(frame["samples"].to_numpy())
    return frame


def resampling_chart(base: alt.Chart) -> alt.LayerChart:
    """Measured versus true improvement (SD) against the number of samples k (log scale).

    The "gap" rows are drawn as the band from the true line (E[max of k] minus the gap) up to the
    measured line (E[max of k]).
    """
    x = alt.X("samples:Q", title="Samples k (keep the one the probe scores least deceptive)",
              scale=alt.Scale(type="log", domain=[1, 100]), axis=alt.Axis(values=[1, 2, 5, 10, 20, 50, 100]))
    y_title = "Improvement (standard deviations)"
    scale = alt.Scale(domain=[0, 3])
    legend = alt.Legend(labelExpr=f"{SERIES_LABELS}[datum.label]".replace("'", '"'), labelLimit=400,
                        columns=1, symbolType="square", symbolOpacity=0.85)
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
    band_label = gap_rows.transform_filter("datum.samples == 40").transform_calculate(
        middle="datum.expected_max - datum.improvement / 2",
        text="'the probe\\'s overstatement'",
    ).mark_text(align="center", baseline="middle", fontSize=12, color=SERIES_COLOURS["gap"]).encode(
        x=x, y=alt.Y("middle:Q", title=y_title, scale=scale), text="text:N")
    lines = base.transform_filter("datum.series != 'gap'").mark_line(
        point=alt.OverlayMarkDef(size=20)).encode(
        x=x, y=alt.Y("improvement:Q", title=y_title, scale=scale), color=colour, tooltip=tooltip)
    headline = base.transform_filter("datum.samples == 100").transform_pivot(
        "series", value="improvement", groupby=["samples"]
    ).transform_calculate(
        text="'Best of 100: the probe reads ' + format(datum.measured, '.2f') + ' SD better,\\n'"
             " + 'true deceptiveness is ' + format(datum.true, '.2f') + ' SD better'"
             " + ' (overstated by ' + format(datum.gap, '.2f') + ' SD)'"
    ).mark_text(align="left", baseline="top", fontSize=13, fontWeight="bold", lineBreak="\n").encode(
        x=alt.value(8), y=alt.value(6), text="text:N")
    return alt.layer(band, lines, band_label, headline)


RESAMPLING = Explorable(
    name="resampling",
    title="Probe-measured against true improvement when keeping the best of k samples by probe score",
    params=(
        Param("correlation", "Correlation ρ of the probe score with true deceptiveness",
              model.CORRELATION, 0.0, 1.0, step=0.01, format=".2f"),
    ),
    model=resampling_frame,
    chart=resampling_chart,
    expressions={
        "improvement": ("datum.series == 'measured' ? datum.expected_max"
                        " : datum.series == 'true' ? correlation * datum.expected_max"
                        " : (1 - correlation) * datum.expected_max"),
    },
)
