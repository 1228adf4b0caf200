"""The live chart's renderer (``essays.live.LiveChart._esm``) in a bare page, with a stand-in for
its widget model: what JupyterLab does to it, without starting JupyterLab.

JupyterLab can ask a chart to draw again with nothing changed: two redraws queued one behind the
other (a theme switch and the chart coming into view) both find the chart as the first one left it.
The second then takes the in-place path (new rows handed to the drawn view), which must also hold
for a spec whose data is inline, with no ``datasets``.
"""
from __future__ import annotations

import pytest

from conftest import Visit
from essays import live

pytestmark = pytest.mark.browser

HARNESS = """async ([esm, bundle, spec]) => {
  const state = { spec, vega: bundle };
  const handlers = {};
  const model = {
    get: (key) => state[key],
    on: (event, handler) => { (handlers[event] ??= []).push(handler); },
    send: () => {},
  };
  const el = document.createElement("div");
  el.style.width = "600px";
  document.body.append(el);
  const url = URL.createObjectURL(new Blob([esm], { type: "text/javascript" }));
  const module = await import(url);
  await module.default.render({ model, el });
  window.liveChart = { el, state, change: () => Promise.all(handlers["change:spec"].map((h) => h())) };
  return el.querySelectorAll("svg").length;
}"""

INLINE = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": 300, "height": 100,
          "data": {"values": [{"x": 1, "y": 2}, {"x": 2, "y": 3}]}, "mark": "line",
          "encoding": {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"}}}


@pytest.fixture
def bare_page(pages):
    """An empty page in a reused tab, recording its console errors (a :class:`conftest.Visit`)."""
    v = Visit(pages, "about:blank", 1000, 700)
    v.page.set_content("<!doctype html><html><body></body></html>")
    yield v
    v.close()


@pytest.mark.parametrize("spec", [INLINE, live.fitted({**INLINE, "width": "container"})],
                         ids=["fixed-width", "fitted"])
def test_a_chart_with_inline_data_asked_to_draw_again_unchanged_stays_drawn(bare_page, spec):
    page = bare_page.page
    assert page.evaluate(HARNESS, [live.LiveChart._esm, live.vega_bundle(), spec]) == 1
    page.evaluate("() => Promise.all([window.liveChart.change(), window.liveChart.change()])")
    assert bare_page.errors == []
    assert page.evaluate("() => window.liveChart.el.querySelectorAll('svg.marks').length") == 1
    assert "could not be drawn" not in page.evaluate("() => window.liveChart.el.textContent")
