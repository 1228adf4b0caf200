"""The live chart's renderer (``essays.live.LiveChart._esm``) in a bare page, with a stand-in for
its widget model: what JupyterLab does to it, without starting JupyterLab.

- Every live chart of a chapter, drawn together on one page, is drawn as the static page draws the
  same figure at the same settings: the same marks at the same places, each clipped to its own
  plot (separate copies of Vega on one page would each number their clip paths from 1, and a chart
  would clip its marks to another's box), at the defaults and after a slider move, which the live
  chart draws in place.
- JupyterLab can ask a chart to draw again with nothing changed: two redraws queued one behind the
  other (a theme switch and the chart coming into view) both find the chart as the first one left
  it. The second then takes the in-place path, which must also hold for a chart whose data is
  inline, with no datasets.
"""
from __future__ import annotations

import math
import re

import pytest

from conftest import BOOK, Visit, chapter_sources
from essays import live
from essays.explorable import all_figures

pytestmark = pytest.mark.browser

# window.liveCharts[id]: a chart drawn by the widget's module into a box ``width`` px wide, with a
# stand-in model holding ``chart`` (essays.live.drawing) and, for the page's first chart, Vega.
HARNESS = """async ([esm, vega, id, chart, width]) => {
  window.liveModule ??= await import(URL.createObjectURL(new Blob([esm], { type: "text/javascript" })));
  const state = { chart, vega };
  const handlers = {};
  const model = {
    get: (key) => state[key],
    on: (event, handler) => { (handlers[event] ??= []).push(handler); },
    send: () => {},
  };
  const box = document.createElement("div");
  box.style.width = width + "px";
  const el = document.createElement("div");
  el.id = id;
  box.append(el);
  document.body.append(box);
  await window.liveModule.default.render({ model, el });
  (window.liveCharts ??= {})[id] = {
    el, state, change: () => Promise.all(handlers["change:chart"].map((h) => h())),
  };
  return el.querySelectorAll("svg").length;
}"""

# Each mark group of the chart in ``root``: its class, the clip path it is drawn through (found by
# its id in the whole document, as the browser finds it) and its items' geometry, labels and text.
GEOMETRY = """(root) => [...root.querySelectorAll("svg.marks .role-mark")].map((g) => {
  const clipped = g.closest("[clip-path]");
  const id = clipped && clipped.getAttribute("clip-path").match(/url\\(#([^)]+)\\)/)[1];
  const clip = id ? (document.getElementById(id) || { innerHTML: "missing #" + id }).innerHTML : "";
  const items = [...g.children].map((e) => [e.tagName, e.getAttribute("d") || "", e.getAttribute("transform") || "",
    e.getAttribute("aria-label") || "", e.textContent]);
  return [g.getAttribute("class"), clip, items];
})"""

NUMBER = re.compile(r"[-\u2212]?\d+(?:\.\d+)?(?:e[-+]?\d+)?")  # Vega writes a minus sign as U+2212


def agree(static: str, drawn: str) -> bool:
    """The same text with the same numbers, to within the model's rounding: the static page computes
    a figure's rows in the browser or reads them from its grid, the live chart gets the model's rows
    rounded as chart data are (``explorable._round``): a difference in the seventh digit, under a
    thousandth of a pixel where it is drawn, which a label showing six digits can round either way
    (one unit in its last place)."""
    if NUMBER.sub("#", static) != NUMBER.sub("#", drawn):
        return False
    return all(math.isclose(value(a), value(b), rel_tol=1e-6, abs_tol=1e-3)
               or abs(value(a) - value(b)) <= 1.001 * max(last_place(a), last_place(b))
               for a, b in zip(NUMBER.findall(static), NUMBER.findall(drawn)))


def value(number: str) -> float:
    return float(number.replace("\u2212", "-"))


def last_place(number: str) -> float:
    """One unit in the last place a number is written to: 0.001 for "2.803", 1 for "50"."""
    mantissa, _, exponent = number.lower().lstrip("-\u2212").partition("e")
    decimals = len(mantissa.partition(".")[2])
    return 10.0 ** (int(exponent or 0) - decimals)


def differences(static: list, drawn: list) -> list[str]:
    """Where the live chart's mark groups (``GEOMETRY``) differ from the static chart's."""
    if len(static) != len(drawn):
        return [f"{len(drawn)} mark groups drawn live, {len(static)} on the static page"]
    found = []
    for (cls, clip, items), (cls_live, clip_live, items_live) in zip(static, drawn):
        if cls != cls_live:
            found.append(f"a {cls_live} group where the static page has a {cls} group")
        elif not agree(clip, clip_live):
            found.append(f"{cls}: clipped to {clip_live[:120]!r}, on the static page to {clip[:120]!r}")
        elif len(items) != len(items_live):
            found.append(f"{cls}: {len(items_live)} items drawn live, {len(items)} on the static page")
        else:
            found += [f"{cls}: drawn {y[:300]!r}\n  static {x[:300]!r}" for a, b in zip(items, items_live)
                      for x, y in zip(a, b) if not agree(x, y)][:3]
    return found


@pytest.fixture
def bare_page(pages):
    """An empty page in a reused tab, recording its console errors (a :class:`conftest.Visit`)."""
    v = Visit(pages, "about:blank", 1200, 900)
    v.page.set_content("<!doctype html><html><body></body></html>")
    yield v
    v.close()


def draw_live(page, id: str, spec: dict, width: int, first: bool) -> int:
    vega = live.vega_script() if first else ""
    return page.evaluate(HARNESS, [live.LiveChart._esm, vega, id, live.drawing(spec), width])


CHAPTERS = [p for p in chapter_sources() if (BOOK / "essays" / "charts" / f"{p.stem}.py").exists()]  # with figures


@pytest.mark.parametrize("source", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_every_live_chart_of_a_chapter_is_drawn_as_the_static_page_draws_it(visit, bare_page, source):
    site = visit(f"book/{source.stem}.html", width=1200).charts_drawn().settled()
    names = site.page.evaluate("() => Object.keys(window.essays.figures)")
    assert names, f"{source.name}: no figure on the page"
    figures = all_figures()
    page = bare_page.page
    moves = {}
    for i, name in enumerate(names):
        width = site.page.evaluate("(n) => Math.floor(document.querySelector(`#fig-${n} .explorable-chart`)"
                                   ".getBoundingClientRect().width)", name)
        assert draw_live(page, f"live-{name}", figures[name].live_spec(), width, first=i == 0) == 1
        # the first slider to its far end (or its first choice to its last)
        param = site.page.evaluate("(n) => window.essays.figures[n].meta.params[0]", name)
        moves[name] = (param["name"], len(param["values"]) - 1, param["values"][-1])

    def compare(when: str, names: list[str]) -> None:
        for name in names:
            static = site.page.evaluate(f"() => ({GEOMETRY})(document.querySelector('#fig-{name} .explorable-chart'))")
            drawn = page.evaluate(f"() => ({GEOMETRY})(document.getElementById('live-{name}'))")
            assert static, f"{name}: no marks on the static page"
            found = differences(static, drawn)
            assert not found, f"{name} {when}: the live chart is not drawn as the static page's:\n" + "\n".join(found)

    compare("at its defaults", names)
    # After a slider move, the charts the live kernel draws in place: the static page, too, hands the
    # new values to its drawn view. A chart drawn anew can be laid out a few pixels narrower than one
    # whose data changed, when a mark comes to overhang the plot's edge (Vega fits a drawn chart to
    # its overhang as it is first laid out); the JupyterLab tests check those charts' marks.
    in_place = []
    for name in names:
        param, index, value = moves[name]
        chart = live.drawing(figures[name].live_spec(**{param: value}))
        if not chart["swap"]:
            continue
        in_place.append(name)
        site.page.evaluate("([n, p, i]) => window.essays.figures[n].setIndex(p, i).then(() => null)", [name, param, index])
        page.evaluate("([id, chart]) => { const c = window.liveCharts[id]; c.state.chart = chart; return c.change(); }",
                      [f"live-{name}", chart])
        assert page.evaluate("(id) => window.liveCharts[id].el.dataset.updatedInPlace", f"live-{name}") == "1"
    assert in_place, f"{source.name}: no chart that the live kernel redraws in place"
    compare("after a slider move", in_place)
    assert site.errors == [] and bare_page.errors == []


INLINE = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": 300, "height": 100,
          "data": {"values": [{"x": 1, "y": 2}, {"x": 2, "y": 3}]}, "mark": "line",
          "encoding": {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"}}}


@pytest.mark.parametrize("spec", [INLINE, live.fitted({**INLINE, "width": "container"})],
                         ids=["fixed-width", "fitted"])
def test_a_chart_with_inline_data_asked_to_draw_again_unchanged_stays_drawn(bare_page, spec):
    page = bare_page.page
    assert draw_live(page, "chart", spec, 600, first=True) == 1
    page.evaluate("() => Promise.all([window.liveCharts.chart.change(), window.liveCharts.chart.change()])")
    assert bare_page.errors == []
    assert page.evaluate("() => window.liveCharts.chart.el.querySelectorAll('svg.marks').length") == 1
    assert "could not be drawn" not in page.evaluate("() => window.liveCharts.chart.el.textContent")
