"""One altair theme for every chart in the book.

Colours come from the Okabe-Ito palette, distinguishable for colour-blind readers. Fonts are the
reader's own system fonts: the site loads no web font.
"""
from __future__ import annotations

import altair as alt

# Okabe & Ito (2008), "Color Universal Design": hues safe for the common colour-vision deficiencies,
# darkened where needed so that on the white page a line reaches 3:1 and text 4.5:1 (WCAG 2.1
# 1.4.11 and 1.4.3; the originals' orange is 2.3:1, vermilion 3.9:1). tests/test_site_layout.py
# measures it from the drawn charts.
BLUE, VERMILLION, GREEN, PURPLE, ORANGE, GREY, BLACK = (
    "#0072B2", "#B84F00", "#007A57", "#A3507F", "#8F6400", "#707070", "#000000")
PALETTE = [BLUE, VERMILLION, GREEN, PURPLE, ORANGE, GREY, BLACK]

# A heat map's palest cells would vanish into the page: each cell gets a thin outline (3:1 or more).
CELL_OUTLINE, CELL_OUTLINE_WIDTH = "#555555", 0.5
# Lines and labels over a heat map cross pale and dark cells alike: a dark core on a white casing
# (a wider white line under it) reads on both. This ink stays dark in dark mode: the cells do too.
ON_CELLS = "#1a1a1a"

# In dark mode (the site's switch) the page is near black, where these inks would fade: each is
# drawn in a light counterpart instead (the bright Okabe-Ito originals, light greys). The page's
# script reads this table (essays.sphinx_ext writes it into every page with a figure).
DARK_INK = {
    "#000000": "#e6e6e6", "#000": "#e6e6e6", "black": "#e6e6e6", "#111111": "#e6e6e6",
    "#333": "#d0d0d0", "#333333": "#d0d0d0", "#444444": "#c8c8c8", "#555": "#b8b8b8", "#555555": "#b8b8b8",
    "#595959": "#b0b0b0", "#707070": "#a8a8a8", "#8a8a8a": "#a8a8a8", "#999": "#9a9a9a",
    "#a04000": "#f0a070", "#a34700": "#f0a070", "#b35806": "#f0a070",
    BLUE.lower(): "#56b4e9", VERMILLION.lower(): "#e8823a", "#d55e00": "#e8823a", GREEN.lower(): "#2ec99a",
    PURPLE.lower(): "#e39bc2", ORANGE.lower(): "#e69f00",
}
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
