"""Charts in a live kernel (JupyterLab, Binder): offline, as wide as the output area, light or dark.

:class:`LiveChart` is a small anywidget that draws a chart with the same Vega as the static site: the
kernel compiles the Vega-Lite spec to Vega (``vl-convert``, as the book build does), and the browser
draws it with ``book/_static/vega/vega.min.js``, the npm release the site serves, so that a live chart
and the static page's chart at the same settings are drawn alike, to the pixel. The kernel sends that
file, so nothing is loaded from another host. Unlike ``alt.JupyterChart`` it

* fits the chart to its output area (a spec marked by :func:`fitted`: its width is re-measured
  whenever the output area's width changes, the whole chart, axes and legend included, fits it);
* follows JupyterLab's light and dark themes (``<body data-jp-theme-light>``), drawing in dark mode
  with the same colours as the static site's charts (``_static/essays.js``, read from there);
* redraws a slider move in place: when only the rows of its datasets change, they are handed to
  the drawn Vega view (``view.data``), which recomputes what depends on them, instead of drawing a
  new chart (a dataset that Vega-Lite parses, a date field say, is drawn anew). The kernel compiles
  a chart's spec once (:func:`drawing`); a move only puts the model's new rows into it;
* loads Vega once per page: the widget's own module is a few kilobytes; the kernel's first chart
  carries Vega in its state (a page without that chart asks the kernel for it with a custom widget
  message), and every chart of the page shares it. A copy of Vega per chart would number its clip
  paths from 1 like every other copy, so that a chart would clip its marks to another chart's box.

:func:`enable` makes it altair's renderer in a live kernel, so ``Explorable.figure()`` and any
other altair chart a reader displays draws the same way (altair's default renderer for Vega-Lite 6
loads Vega from a CDN).
"""
from __future__ import annotations

import copy
import hashlib
import json
import re
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

import anywidget
import traitlets

from essays import theme

FIT = "essaysFit"  # usermeta flag: the chart's width follows its output area
STATIC = Path(__file__).resolve().parent.parent / "_static"
ESSAYS_JS = STATIC / "essays.js"
VEGA_JS = STATIC / "vega" / "vega.min.js"  # the Vega the static site serves (tests/test_vendor.py)

RENDER = r"""
/* Vega, loaded once per page: the static site's vega.min.js, which the kernel's first chart carries
 * in its state; a page without that chart asks the kernel for it (a custom message) once. */
function vegaOnce(model) {
  const g = (globalThis.__essaysVegaLoad ??= (() => {
    const load = { started: false, asked: false };
    load.promise = new Promise((resolve, reject) => { load.resolve = resolve; load.reject = reject; });
    return load;
  })());
  const start = (text) => {
    if (g.started) return;
    g.started = true;
    // Vega's UMD build sets globalThis.vega (the names it would export to instead are shadowed);
    // it is taken from there and whatever the page had under that name is put back.
    const had = Object.prototype.hasOwnProperty.call(globalThis, "vega"), before = globalThis.vega;
    const prelude = "const exports = undefined, module = undefined, define = undefined;\n";
    const url = URL.createObjectURL(new Blob([prelude, text], { type: "text/javascript" }));
    import(url).then(() => {
      const vega = globalThis.vega;
      if (had) globalThis.vega = before; else delete globalThis.vega;
      if (!vega || typeof vega.View !== "function") throw new Error("the kernel's Vega script defined no Vega");
      g.resolve(vega);
    }).catch(g.reject).finally(() => URL.revokeObjectURL(url));
  };
  const own = model.get("vega");
  if (own) start(own);
  else if (!g.asked) {
    g.asked = true;
    model.on("msg:custom", (message) => { if (message && typeof message.vega === "string") start(message.vega); });
    setTimeout(() => { if (!g.started) model.send({ want: "vega" }); }, 0);
  }
  return g.promise;
}

async function render({ model, el }) {
  const vega = await vegaOnce(model);
  el.classList.add("essays-live-chart");
  el.style.width = "100%";
  let view = null, drawing = Promise.resolve(), drawnWidth = null, drawnDark = null, refits = 0, lastWidth = 0;
  let drawnShape = null;
  const isDark = () => document.body.dataset.jpThemeLight === "false";
  const available = () => Math.floor(el.getBoundingClientRect().width);

  // model.get("chart") is essays.live.drawing(): the compiled Vega spec, the shape of the chart
  // without its rows (null: draw anew every time), the data sets whose rows can be swapped, and
  // whether the chart fits its output area.
  async function draw() {
    const chart = model.get("chart");
    if (!chart || !chart.vega) return;
    const dark = isDark();
    const fit = chart.fit;
    // off screen, JupyterLab does not lay a cell out (no width): the last width it had will do
    const width = available() || lastWidth;
    if (view && chart.shape !== null && chart.shape === drawnShape && dark === drawnDark
        && (fit ? width === drawnWidth : drawnWidth === null)) {
      // Only the rows changed: hand them to the drawn view, whose dataflow recomputes what depends
      // on them (Vega's own way to update a chart), instead of drawing a new chart. A chart with
      // no rows to swap (its data inline, in the shape) has not changed at all: two redraws queued
      // one behind the other (a theme switch, the chart coming into view) find it so.
      if (!chart.swap.length) return;
      const rows = new Map(chart.vega.data.map((d) => [d.name, d.values]));
      for (const name of chart.swap) {
        view.data(name, dark ? darkened(rows.get(name)) : structuredClone(rows.get(name)));
      }
      await view.runAsync();
      el.dataset.updatedInPlace = String(Number(el.dataset.updatedInPlace || 0) + 1);  // read by the tests
      return;
    }
    let spec = chart.vega;
    if (fit && width > 0) {
      lastWidth = width;
      spec = { ...spec, width };
    }
    // as the static site draws its charts (essays.js): the same Vega, spec and colours
    const runtime = vega.parse(dark ? { ...darkened(spec), background: null } : spec, dark ? DARK : {});
    if (view) view.finalize();
    el.textContent = "";
    view = new vega.View(runtime, { renderer: "svg", container: el, hover: true });
    await view.runAsync();
    drawnShape = chart.shape;
    // A concatenation keeps its own size, and a chart Vega cannot fit (its legend alone too wide)
    // overflows: either is scaled down (never up) to the output area.
    const svg = el.querySelector("svg");
    if (svg) { svg.style.maxWidth = "100%"; svg.style.height = "auto"; }
    drawnWidth = fit ? width : null;
    drawnDark = dark;
    // The output area may have changed while the chart was drawn (a theme's stylesheet loading):
    // fit it again, a few times at most.
    if (fit && available() > 0 && Math.abs(available() - width) >= 1 && refits++ < 3) setTimeout(redraw, 60);
    else refits = 0;
  }
  const redraw = () => (drawing = drawing.then(draw).catch((error) => {
    el.textContent = "The chart could not be drawn: " + error.message;
    console.error(error);
  }));

  model.on("change:chart", redraw);
  let pending = null;
  const resized = new ResizeObserver(() => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      if (drawnWidth !== null && available() > 0 && Math.abs(available() - drawnWidth) >= 1) redraw();
    }, 60);
  });
  resized.observe(el);
  // A chart drawn while off screen (JupyterLab skips laying out cells out of view, and a theme
  // switch redraws them all) had no width to fit: it is fitted when it comes into view.
  const seen = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting) && drawnWidth !== null && available() > 0
        && Math.abs(available() - drawnWidth) >= 1) redraw();
  });
  seen.observe(el);
  const themed = new MutationObserver(() => { if (isDark() !== drawnDark) redraw(); });
  themed.observe(document.body, { attributes: true, attributeFilter: ["data-jp-theme-light"] });
  await redraw();
  return () => {
    resized.disconnect();
    seen.disconnect();
    themed.disconnect();
    clearTimeout(pending);
    if (view) view.finalize();
  };
}
export default { render };
"""


@lru_cache(maxsize=1)
def _dark_palette() -> str:
    """The static site's dark-mode chart colours (``INK``, ``DARK``, ``DARK_INK``, ``darkened``),
    taken from ``essays.js`` so that both draw a dark chart alike."""
    source = ESSAYS_JS.read_text(encoding="utf-8")
    match = re.search(r"^\s*const INK = .*?(?=^\s*function isDark\(\))", source, re.S | re.M)
    if match is None or "function darkened(" not in match.group(0):
        raise ValueError(f"{ESSAYS_JS.name} no longer defines INK, DARK, DARK_INK and darkened() before isDark()")
    return match.group(0)


@lru_cache(maxsize=1)
def vega_script() -> str:
    """The static site's Vega (``book/_static/vega/vega.min.js``), which every live chart draws with."""
    return VEGA_JS.read_text(encoding="utf-8")


_TEMPLATES: OrderedDict[str, dict] = OrderedDict()  # compiled charts by shape, the latest 64
_TEMPLATES_KEPT = 64


def _compile(spec: dict) -> dict:
    """``spec`` compiled to Vega, as the book build compiles the static page's (vl-convert); a chart
    that fits its output area is laid out to fit its width, axes and legend included."""
    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    if spec.get("usermeta", {}).get(FIT):
        spec = {**spec, "autosize": {"type": "fit-x", "contains": "padding"}}
    return vlc.vegalite_to_vega(spec, vl_version=vl_version_for_vl_convert())


def drawing(spec: dict) -> dict:
    """What a :class:`LiveChart` sends the browser to draw the Vega-Lite ``spec``.

    ``vega``: the spec compiled to Vega; ``shape``: a key for the chart without its datasets' rows
    (``None``: draw it anew every time); ``swap``: the datasets whose rows a redraw of the same
    shape hands to the drawn view; ``fit``: whether its width follows the output area.

    Vega-Lite compiles a named dataset to a Vega data set of that name holding its rows, and what
    it compiles does not depend on the rows: a chart is compiled once per shape (a slider move
    costs the model, not a compilation), and each drawing puts the rows into that compiled spec.
    A dataset that Vega parses (a date field) or derives from another cannot be swapped in place;
    a chart with one is drawn anew on every move, still from the compiled spec.
    """
    datasets = spec.get("datasets") or {}
    shape = hashlib.sha256(json.dumps({**spec, "datasets": sorted(datasets)}, sort_keys=True,
                                      separators=(",", ":")).encode()).hexdigest()[:24]
    fit = bool(spec.get("usermeta", {}).get(FIT))
    template = _TEMPLATES.get(shape)
    if template is None:
        compiled = _compile(spec)
        by_name = {d.get("name"): d for d in compiled.get("data", [])}
        if not all(name in by_name and by_name[name].get("values") == rows for name, rows in datasets.items()):
            return {"vega": compiled, "shape": None, "swap": [], "fit": fit}  # not as expected: no reuse
        swappable = all(not {"format", "source", "url"} & set(by_name[name]) for name in datasets)
        template = {"vega": {**compiled, "data": [{**d, "values": None} if d.get("name") in datasets else d
                                                  for d in compiled.get("data", [])]},
                    "swap": sorted(datasets) if swappable else None}
        _TEMPLATES[shape] = template
        while len(_TEMPLATES) > _TEMPLATES_KEPT:
            _TEMPLATES.popitem(last=False)
    else:
        _TEMPLATES.move_to_end(shape)
    vega = {**template["vega"], "data": [{**d, "values": datasets[d["name"]]} if d.get("name") in datasets else d
                                         for d in template["vega"].get("data", [])]}
    swap = template["swap"]
    return {"vega": vega, "shape": shape if swap is not None else None, "swap": swap or [], "fit": fit}


def _module() -> str:
    ink = getattr(theme, "DARK_INK", None)  # where the site's script reads it from the page, if the theme has it
    page_ink = f"globalThis.essaysDarkInk ??= {json.dumps(ink)};\n" if ink else ""
    return f"const FIT = {FIT!r};\n{page_ink}{_dark_palette()}\n{RENDER}"


class LiveChart(anywidget.AnyWidget):
    """A Vega-Lite spec drawn offline in the output area; set ``spec`` to redraw."""

    _esm = _module()
    spec = traitlets.Dict(allow_none=True)  # the Vega-Lite spec, kept in the kernel; drawn as ``chart``
    chart = traitlets.Dict(allow_none=True).tag(sync=True)  # drawing(spec)
    vega = traitlets.Unicode("").tag(sync=True)  # Vega's script: in the kernel's first chart only
    _sent_vega = False

    def __init__(self, spec: dict | None = None, **kwargs):
        if not LiveChart._sent_vega:
            kwargs.setdefault("vega", vega_script())
            LiveChart._sent_vega = True
        super().__init__(spec=spec, **kwargs)
        self.on_msg(self._answer)

    @traitlets.observe("spec")
    def _draw(self, change) -> None:
        self.chart = drawing(change["new"]) if change["new"] else None

    def _answer(self, widget, content, buffers) -> None:
        if content == {"want": "vega"}:
            self.send({"vega": vega_script()})


def fitted(spec: dict) -> dict:
    """``spec`` drawn at a fixed width, marked to be fitted to its output area when live.

    A chart of ``width: "container"`` (every single or layered chart, see :func:`theme.finish`) gets
    ``theme.LIVE_WIDTH`` (what a renderer without a container draws, e.g. vl-convert) and the
    usermeta flag :data:`FIT`; concatenations keep their own sizes.
    """
    if spec.get("width") != "container":
        return spec
    spec = {**spec, "width": theme.LIVE_WIDTH}
    spec["usermeta"] = {**spec.get("usermeta", {}), FIT: True}
    return spec


def _render(spec: dict, **metadata) -> dict:
    """altair renderer: the chart as a :class:`LiveChart` widget."""
    chart = LiveChart(fitted(copy.deepcopy(spec)))
    return {"application/vnd.jupyter.widget-view+json": {"version_major": 2, "version_minor": 0,
                                                          "model_id": chart.model_id},
            "text/plain": "<chart: run in Jupyter to see it>"}


def enable() -> None:
    """Draw every altair chart displayed in this kernel as a :class:`LiveChart` (offline)."""
    import altair as alt

    if "essays_live" not in alt.renderers.names():
        alt.renderers.register("essays_live", _render)
    alt.renderers.enable("essays_live")
