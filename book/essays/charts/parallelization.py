"""Charts of the parallelization chapter, each declared once as an explorable figure."""
from __future__ import annotations

import altair as alt

from essays.explorable import Explorable, Param
from essays.models import parallelization as model

SERIES_LABELS = {"penalty": "with the chosen penalty λ", "no penalty": "no penalty (λ = 1)"}


def penalty_chart(base: alt.Chart) -> alt.LayerChart:
    """Effective labor against workers (log-log), the chosen penalty against none, chosen point marked."""
    x = alt.X("workers:Q", title="Workers (multiple of today's workforce)",
              scale=alt.Scale(type="log", domain=[1, 1000]), axis=alt.Axis(format="~s"))
    y = alt.Y("effective_labor:Q", title="Effective labor (multiple of today's)",
              scale=alt.Scale(type="log", domain=[1, 1000]), axis=alt.Axis(format="~s"))
    tooltip = [alt.Tooltip("workers:Q", format=".3~g", title="workers"),
               alt.Tooltip("effective_labor:Q", format=".3~g", title="effective labor"),
               alt.Tooltip("speedup:Q", format=".3~g", title="with serial speed")]
    legend = alt.Legend(labelExpr=f"{SERIES_LABELS}[datum.label]".replace("'", '"'))
    colour = alt.Color("series:N", title=None, scale=alt.Scale(domain=list(SERIES_LABELS)), legend=legend)
    dash = alt.StrokeDash("series:N", title=None, legend=legend,
                          scale=alt.Scale(domain=list(SERIES_LABELS), range=[[1, 0], [6, 4]]))
    lines = base.transform_filter("datum.series != 'chosen'").mark_line().encode(
        x=x, y=y, color=colour, strokeDash=dash, tooltip=tooltip)
    chosen = base.transform_filter("datum.series == 'chosen'")
    point = chosen.mark_point(color="black", size=120).encode(x=x, y=y, tooltip=tooltip)
    label = chosen.transform_calculate(
        text="format(datum.workers, '.3~g') + '× workers → ' + format(datum.effective_labor, '.3~g') + '× labor'"
    ).mark_text(align="right", dx=-10, dy=-14, fontSize=13).encode(x=x, y=y, text="text:N")
    headline = chosen.transform_calculate(
        text="'With each worker ' + format(datum.speedup / datum.effective_labor, '.3~g') + '× faster: '"
             " + format(datum.speedup, '.3~g') + '× today\\'s research speed'"
    ).mark_text(align="left", baseline="top", fontSize=14, fontWeight="bold").encode(
        x=alt.value(8), y=alt.value(6), text="text:N")
    return alt.layer(lines, point, label, headline)


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
