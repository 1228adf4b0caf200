"""One altair theme for every chart in the book.

Colours come from the Okabe-Ito palette, distinguishable for colour-blind readers. Fonts are the
reader's own system fonts: the site loads no web font.
"""
from __future__ import annotations

import altair as alt

# Okabe & Ito (2008), "Color Universal Design": safe for the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
HEIGHT = 300
LIVE_WIDTH = 640  # px: the live (JupyterLab) chart's width; the static site fills its column


@alt.theme.register("essays", enable=True)
def essays_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": 560, "continuousHeight": HEIGHT, "stroke": None},
            "range": {"category": PALETTE},
            "axis": {"labelFontSize": 12, "titleFontSize": 13, "gridOpacity": 0.5},
            "legend": {"labelFontSize": 12, "titleFontSize": 13, "orient": "bottom"},
            "title": {"fontSize": 14, "anchor": "start"},
            "line": {"strokeWidth": 2.5},
            "point": {"size": 80, "filled": True},
        }
    }


def finish(chart):
    """Make a single or layered chart fill its column; concatenations keep their own sizes."""
    if isinstance(chart, (alt.Chart, alt.LayerChart)):
        return chart.properties(width="container", height=HEIGHT)
    return chart
