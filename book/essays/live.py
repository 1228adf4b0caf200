"""Charts in a live kernel (JupyterLab, Binder): offline, as wide as the output area, light or dark.

:class:`LiveChart` is a small anywidget that draws a Vega-Lite spec with vega-embed. Vega, Vega-Lite
and vega-embed come from vl-convert's bundle (the versions altair's own offline ``JupyterChart``
ships), sent by the kernel, so nothing is loaded from another host.
Unlike ``alt.JupyterChart`` it

* fits the chart to its output area (a spec marked by :func:`fitted`: its width is re-measured
  whenever the output area's width changes, the whole chart, axes and legend included, fits it);
* follows JupyterLab's light and dark themes (``<body data-jp-theme-light>``), drawing in dark mode
  with the same colours as the static site's charts (``_static/essays.js``, read from there);
* redraws a slider move in place: when only the rows of its datasets change, they are handed to
  the drawn Vega view (``view.data``), which recomputes what depends on them, instead of compiling
  and drawing a new chart (a dataset that Vega-Lite parses, a date field say, is drawn anew);
* loads Vega once per page: the widget's own module is a few kilobytes; the kernel's first chart
  carries the bundle in its state (a page without that chart asks the kernel for it with a custom
  widget message), and every chart of the page shares it.
  A module of Vega per chart (``JupyterChart``'s way) takes longer to load than anywidget's two
  seconds for a model on a busy machine, and separate copies of Vega would each number their clip
  paths from 1, so that a chart would clip its marks to another chart's box.

:func:`enable` makes it altair's renderer in a live kernel, so ``Explorable.figure()`` and any
other altair chart a reader displays draws the same way (altair's default renderer for Vega-Lite 6
loads Vega from a CDN).
"""
from __future__ import annotations

import copy
import hashlib
import json
import os
import re
from contextlib import suppress
from functools import lru_cache
from pathlib import Path

import anywidget
import traitlets

from essays import theme

FIT = "essaysFit"  # usermeta flag: the chart's width follows its output area
ESSAYS_JS = Path(__file__).resolve().parent.parent / "_static" / "essays.js"

RENDER = r"""
/* vega-embed, loaded once per page. The kernel's first chart carries the bundle in its state; a
 * page without that chart asks the kernel for it (a custom message) once. */
function vegaEmbedOnce(model) {
  const g = (globalThis.__essaysVegaLoad ??= (() => {
    const load = { started: false, asked: false };
    load.promise = new Promise((resolve, reject) => { load.resolve = resolve; load.reject = reject; });
    return load;
  })());
  const start = (text) => {
    if (g.started) return;
    g.started = true;
    const url = URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
    import(url).then(() => g.resolve(globalThis.__essaysVega.vegaEmbed), g.reject)
      .finally(() => URL.revokeObjectURL(url));
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
  const embed = await vegaEmbedOnce(model);
  el.classList.add("essays-live-chart");
  el.style.width = "100%";
  let view = null, drawing = Promise.resolve(), drawnWidth = null, drawnDark = null, refits = 0, lastWidth = 0;
  let drawnShape = null;
  const isDark = () => document.body.dataset.jpThemeLight === "false";
  const available = () => Math.floor(el.getBoundingClientRect().width);
  // The spec without its datasets' rows: a slider move changes only the rows (Explorable.live_spec)
  const shapeOf = (spec) => JSON.stringify({ ...spec, datasets: Object.keys(spec.datasets || {}).sort() });

  async function draw() {
    const source = model.get("spec");
    if (!source) return;
    const dark = isDark();
    const fit = source.usermeta && source.usermeta[FIT];
    // off screen, JupyterLab does not lay a cell out (no width): the last width it had will do
    const width = available() || lastWidth;
    const shape = shapeOf(source);
    if (view && shape === drawnShape && dark === drawnDark && (fit ? width === drawnWidth : drawnWidth === null)) {
      // Only the rows changed: hand them to the drawn view, whose dataflow recomputes what depends
      // on them (Vega's own way to update a chart), instead of compiling and drawing a new chart.
      // A spec without datasets (its data inline, in the shape) has not changed at all: two redraws
      // queued one behind the other (a theme switch, the chart coming into view) find it so.
      const names = Object.keys(source.datasets || {});
      if (!names.length) return;
      for (const name of names) view.data(name, structuredClone(source.datasets[name]));
      await view.runAsync();
      el.dataset.updatedInPlace = String(Number(el.dataset.updatedInPlace || 0) + 1);  // read by the tests
      return;
    }
    const spec = structuredClone(source);
    if (fit && width > 0) {
      lastWidth = width;
      spec.width = width;
      spec.autosize = { type: "fit-x", contains: "padding" };
    }
    const result = await embed(el, dark ? darkened(spec) : spec, {
      renderer: "svg", actions: false, config: dark ? DARK : {},
    });
    if (view) view.finalize();
    view = result.view;
    // Rows can be swapped in place only where Vega-Lite kept each dataset as a data set of that
    // name, with no parsing of its own (a date field is parsed when the chart is compiled).
    const compiled = new Map(((result.vgSpec && result.vgSpec.data) || []).map((d) => [d.name, d]));
    const swappable = Object.keys(spec.datasets || {}).every((name) => compiled.has(name) && !compiled.get(name).format
      && !compiled.get(name).source && !compiled.get(name).url);
    drawnShape = swappable ? shape : null;
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

  model.on("change:spec", redraw);
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


BUNDLE_SNIPPET = "globalThis.__essaysVega = { vegaEmbed, vega, vegaLite };"


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed (vl-convert's bundle) as a module that sets ``__essaysVega``.

    Bundling takes about three seconds of CPU, in every kernel that draws a chart; the bundle is
    kept in the user's cache directory (platformdirs), under a name made from vl-convert's version,
    the Vega-Lite version and the snippet, so that the next kernel reads it instead. A cache that
    cannot be read or written is bundled again, as before."""
    import platformdirs
    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    vl_version = vl_version_for_vl_convert()
    key = hashlib.sha256(json.dumps([vlc.__version__, vl_version, BUNDLE_SNIPPET]).encode()).hexdigest()[:16]
    path = Path(platformdirs.user_cache_dir("essays")) / f"vega-bundle-{key}.js"
    try:
        cached = path.read_text(encoding="utf-8")
        if "__essaysVega" in cached:
            return cached
    except (OSError, UnicodeDecodeError):
        pass
    bundle = vlc.javascript_bundle(BUNDLE_SNIPPET, vl_version=vl_version)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:  # written whole, then renamed: a kernel never reads a half-written bundle
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(bundle, encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
    return bundle


def _module() -> str:
    ink = getattr(theme, "DARK_INK", None)  # where the site's script reads it from the page, if the theme has it
    page_ink = f"globalThis.essaysDarkInk ??= {json.dumps(ink)};\n" if ink else ""
    return f"const FIT = {FIT!r};\n{page_ink}{_dark_palette()}\n{RENDER}"


class LiveChart(anywidget.AnyWidget):
    """A Vega-Lite spec drawn offline in the output area; set ``spec`` to redraw."""

    _esm = _module()
    spec = traitlets.Dict(allow_none=True).tag(sync=True)
    vega = traitlets.Unicode("").tag(sync=True)  # the bundle: in the kernel's first chart only
    _bundled = False

    def __init__(self, spec: dict | None = None, **kwargs):
        if not LiveChart._bundled:
            kwargs.setdefault("vega", vega_bundle())
            LiveChart._bundled = True
        super().__init__(spec=spec, **kwargs)
        self.on_msg(self._answer)

    def _answer(self, widget, content, buffers) -> None:
        if content == {"want": "vega"}:
            self.send({"vega": vega_bundle()})


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
