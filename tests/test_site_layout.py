"""Charts that never clip, never collide and read in light and dark mode: every figure of every
chapter, measured from what Vega drew (its scenegraph) at a laptop's and a phone's width.

- every mark (not axes, legends or text) lies inside its plot area, at its unclipped position: a
  value beyond an axis must be brought inside the domain or marked at the edge;
- every text and every legend lies inside the figure's SVG (nothing is cut at the edge);
- no two texts overlap (axis labels, point labels, annotations, legends);
- marks reach 3:1 and text 4.5:1 against the background behind the chart (WCAG 2.1, 1.4.11 and
  1.4.3), in light and in dark mode, against what lies under them: an opaque cell or bar drawn
  before them, else the page. Translucent shading behind the marks (opacity below 0.5) and
  axis grid lines are not marks; a filled mark passes on its fill or on its outline, and a line
  over a heat map on itself or on its casing (a line of another colour under it, at the same points).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import chapter_sources, visits

pytestmark = pytest.mark.browser
PROBE = (Path(__file__).parent / "layout_probe.js").read_text()
CHAPTERS = [s.stem for s in chapter_sources() if s.stem not in ("cite", "cruxes", "source")]
WIDTHS = {"laptop": 1280, "phone": 390}
TOLERANCE = 1.5  # px: antialiasing and stroke half-widths


def _probe(pages, server, chapter: str, width: int, dark: bool = False) -> dict:
    with visits(pages, server) as visit:
        page = visit(f"book/{chapter}.html", width=width, color_scheme="dark" if dark else "light").page
        page.wait_for_function(
            "() => window.essays && Object.keys(window.essays.figures).length"
            " && Object.values(window.essays.figures).every((f) => f.view)")
        if dark:
            page.wait_for_function("() => document.documentElement.dataset.theme === 'dark'")
        names = page.evaluate("() => Object.keys(window.essays.figures)")
        out = {}
        for name in names:
            page.evaluate("(n) => window.essays.figures[n].view.runAsync().then(() => true)", name)
            out[name] = page.evaluate(PROBE, name)
        return out


_CACHE: dict[tuple, dict] = {}


@pytest.fixture
def drawn(pages, server):
    def get(chapter: str, width: int, dark: bool = False) -> dict:
        key = (chapter, width, dark)
        if key not in _CACHE:
            _CACHE[key] = _probe(pages, server, chapter, width, dark)
        return _CACHE[key]
    return get


def _overlap(a: dict, b: dict) -> bool:
    return (min(a["x2"], b["x2"]) - max(a["x1"], b["x1"]) > TOLERANCE
            and min(a["y2"], b["y2"]) - max(a["y1"], b["y1"]) > TOLERANCE)


def _inside(box: dict, svg: dict) -> bool:
    return (box["x1"] >= -TOLERANCE and box["y1"] >= -TOLERANCE
            and box["x2"] <= svg["width"] + TOLERANCE and box["y2"] <= svg["height"] + TOLERANCE)


def _rgb(colour: str) -> tuple[float, float, float]:
    colour = colour.strip().lower()
    named = {"black": "#000000", "white": "#ffffff"}
    colour = named.get(colour, colour)
    if colour.startswith("#"):
        h = colour[1:]
        if len(h) == 3:
            h = "".join(c * 2 for c in h)
        return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))
    m = re.findall(r"[\d.]+", colour)
    if colour.startswith("rgb") and len(m) >= 3:
        return tuple(float(v) / 255 for v in m[:3])
    raise ValueError(f"colour {colour!r} is not a hex, rgb() or named colour the test knows")


def _luminance(colour: str) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio between two colours."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_ratio_matches_wcag_examples():
    # independent values: WCAG's extremes, and #767676, the lightest grey with 4.5:1 on white
    assert contrast("#000", "#fff") == pytest.approx(21.0)
    assert contrast("#fff", "#fff") == pytest.approx(1.0)
    assert contrast("#767676", "white") == pytest.approx(4.54, abs=0.01)
    assert contrast("rgb(230, 159, 0)", "#ffffff") < 3  # the orange this test was written to catch


def off_plot(name: str, fig: dict) -> list[str]:
    return [f"{name}: {p['mark']} ({p['marktype']}) at x={p.get('x')}, y={p.get('y')} outside its "
            f"{p.get('w')}×{p.get('h')} plot: {p.get('datum', p.get('why'))}"
            for p in fig["offPlot"] if p["marktype"] != "text"]


def cut(name: str, fig: dict) -> list[str]:
    svg = fig["svg"]
    size = f"{svg['width']:.0f}×{svg['height']:.0f}"
    return ([f"{name}: text {t['text']!r} at x {t['x1']:.0f}..{t['x2']:.0f}, y {t['y1']:.0f}..{t['y2']:.0f} "
             f"is cut by the {size} figure" for t in fig["texts"] if not _inside(t, svg)]
            + [f"{name}: a legend at x {g['x1']:.0f}..{g['x2']:.0f}, y {g['y1']:.0f}..{g['y2']:.0f} is cut by "
               f"the {size} figure" for g in fig["legends"] if not _inside(g, svg)])


def overlapping(name: str, fig: dict) -> list[str]:
    texts = fig["texts"]
    return [f"{name}: {a['text']!r} overlaps {b['text']!r}"
            for i, a in enumerate(texts) for b in texts[i + 1:] if _overlap(a, b)]


def low_contrast(name: str, fig: dict) -> list[str]:
    def ratio_of(c):
        background = c.get("under") or fig["background"]  # a heat-map cell or bar, else the page
        ratio = max(contrast(c["colour"], background),
                    contrast(c["stroke"], background) if c.get("stroke") else 0)
        return ratio, background

    problems = set()
    marks = [c for c in fig["colours"]
             if c["kind"] != "text" and c["opacity"] >= 0.5 and not c["role"].startswith("axis")]
    # a line drawn over a casing (a wider line of another colour at the same points) passes on either
    best_at: dict[tuple, float] = {}
    for c in marks:
        if c.get("at"):
            key = tuple(c["at"])
            best_at[key] = max(best_at.get(key, 0), ratio_of(c)[0])
    for c in fig["colours"]:
        if c["kind"] == "text":
            ratio, background = ratio_of(c)
            if ratio < 4.5:
                problems.add(f"{name}: text {c['text']!r} in {c['colour']} is {ratio:.2f}:1 on {background}")
    for c in marks:
        ratio, background = ratio_of(c)
        ratio = max(ratio, best_at.get(tuple(c["at"]), 0) if c.get("at") else 0)
        if ratio < 3:
            problems.add(f"{name}: mark {c['mark']} in {c['colour']} is {ratio:.2f}:1 on {background}")
    return sorted(problems)


def _check(found: dict, chapter: str, rule) -> None:
    if not found:
        pytest.skip(f"{chapter} has no figure")
    problems = [p for name, fig in found.items() for p in rule(name, fig)]
    assert not problems, "\n".join(problems[:12])


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_mark_lies_inside_its_plot_area(drawn, chapter, width):
    _check(drawn(chapter, width), chapter, off_plot)


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_text_and_legend_lies_inside_the_figure(drawn, chapter, width):
    _check(drawn(chapter, width), chapter, cut)


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_two_texts_of_a_chart_overlap(drawn, chapter, width):
    _check(drawn(chapter, width), chapter, overlapping)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_marks_and_text_stand_out_from_what_lies_under_them(drawn, chapter, dark):
    _check(drawn(chapter, WIDTHS["laptop"], dark), chapter, low_contrast)
