"""Comparing what a static page draws with what the Python model says: in the browser, and (for
Vega expressions) outside it, in Node with the Vega the page ships."""
from __future__ import annotations

import atexit
import json
import math
import select
import shutil
import subprocess
from pathlib import Path

import altair as alt
import numpy as np
import pandas as pd
import pytest
import vl_convert

from essays.explorable import VEGA_LITE_VERSION, Explorable, _records

# Every datum drawn by a mark (not axes or legends) of the figure's Vega view.
DRAWN_JS = """
(name) => {
  const fig = window.essays.figures[name];
  const out = [];
  (function walk(node) {
    if (!node) return;
    if (node.items) node.items.forEach(walk);
    const mark = node.mark;
    if (node.datum && mark && mark.marktype !== "group" && !mark.role.startsWith("axis")
        && !mark.role.startsWith("legend")) {
      const d = {};
      for (const [k, v] of Object.entries(node.datum)) if (typeof v !== "object") d[k] = v;
      out.push(d);
    }
  })(fig.view.scenegraph().root);
  return out;
}
"""

# Where the figure's marks are drawn (not their text, axes or legends): what a reader sees move.
GEOMETRY_JS = """
(name) => {
  const fig = window.essays.figures[name];
  const out = [];
  (function walk(node, ox, oy) {
    if (!node) return;
    const mark = node.mark;
    if (mark && mark.role && (mark.role.startsWith("axis") || mark.role.startsWith("legend")
        || mark.role.includes("title"))) return;
    const x = ox + (mark && mark.marktype === "group" ? (node.x || 0) : 0);
    const y = oy + (mark && mark.marktype === "group" ? (node.y || 0) : 0);
    if (node.items) node.items.forEach((n) => walk(n, x, y));
    if (mark && mark.marktype !== "group" && mark.marktype !== "text" && node.datum && node.opacity !== 0) {
      const r = (v) => (v === undefined || v === null ? null : Math.round(v * 2) / 2);
      out.push([mark.marktype, r(ox + (node.x ?? 0)), r(oy + (node.y ?? 0)), r(node.x2), r(node.y2),
                r(node.width), r(node.height), r(node.size), node.fill || null, node.stroke || null].join(","));
    }
  })(fig.view.scenegraph().root, 0, 0);
  return out.sort();
}
"""

SET_JS = """
([name, param, index]) => {
  const inputs = document.querySelectorAll('#fig-' + name + ' input[data-param="' + param + '"]');
  if (inputs[0].type === "radio") {
    const radio = Array.from(inputs).find((r) => Number(r.value) === index);
    radio.checked = true;
    radio.dispatchEvent(new Event("change", { bubbles: true }));
    return;
  }
  inputs[0].value = String(index);
  inputs[0].dispatchEvent(new Event("input", { bubbles: true }));
}
"""


def wait_idle(page, name: str) -> None:
    page.evaluate("(name) => window.essays.figures[name].view.runAsync().then(() => true)", name)


def geometry(page, name: str) -> list[str]:
    wait_idle(page, name)
    return page.evaluate(GEOMETRY_JS, name)


def drawn(page, name: str) -> list[dict]:
    wait_idle(page, name)
    return page.evaluate(DRAWN_JS, name)


def _close(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=2e-6, abs_tol=1e-12)
    return a == b


def assert_drawn_matches_model(rows: list[dict], frame: pd.DataFrame) -> None:
    """Every drawn datum carrying the model's columns equals a model row, and every row is drawn."""
    columns = list(frame.columns)
    model_rows = frame.to_dict("records")
    drawn_rows = [r for r in rows if all(c in r for c in columns)]
    assert drawn_rows, f"no drawn mark carries the model's columns {columns}"
    matched = [False] * len(model_rows)
    for row in drawn_rows:
        hits = [i for i, m in enumerate(model_rows) if all(_close(row[c], m[c]) for c in columns)]
        assert hits, f"drawn datum {row} is not a row of the model's output"
        for i in hits:
            matched[i] = True
    missing = [model_rows[i] for i, ok in enumerate(matched) if not ok]
    assert not missing, f"model rows not drawn: {missing[:3]}"


def settings_at(fig: Explorable, positions: dict[str, int]) -> dict[str, float]:
    """Slider values at grid positions (what the static page's sliders take)."""
    out = {}
    for p in fig.params:
        grid = p.grid()
        out[p.name] = fig._coerce(p, grid[positions[p.name]])
    return out


POSITION_JS = """
([name, param]) => {
  const inputs = Array.from(document.querySelectorAll('#fig-' + name + ' input[data-param="' + param + '"]'));
  const input = inputs[0].type === "radio" ? inputs.find((r) => r.checked) : inputs[0];
  return Number(input.value);
}
"""


def position(page, name: str, param: str) -> int:
    """The slider position (or the chosen option's index) a figure's control shows."""
    return int(page.evaluate(POSITION_JS, [name, param]))


def press_to_move(page, name: str, param) -> None:
    """Move a control with the keyboard as a reader would: Home/End on a slider, arrows on a choice."""
    if param.options:
        page.locator(f"#fig-{name} input[data-param='{param.name}']:checked").focus()
        at_end = position(page, name, param.name) == len(param.options) - 1
        page.keyboard.press("ArrowLeft" if at_end else "ArrowRight")
        return
    slider = page.locator(f"#fig-{name} input[data-param='{param.name}']")
    slider.focus()
    page.keyboard.press("Home" if slider.input_value() == slider.get_attribute("max") else "End")


# -- a book figure's static renderings, computed once per test process ----------------------------


_STATIC: dict[int, tuple] = {}

# The tests that read the book figures' static renderings run on one xdist worker (``--dist
# loadgroup``), so each figure's renderings are made once per session, not once per worker.
STATIC_GROUP = pytest.mark.xdist_group("static-renderings")


def _static(fig) -> tuple[dict, dict, str]:
    """``fig``'s static renderings (spec, Vega, HTML), each made once in this process by the figure's
    own methods: static_vega compiles the spec static_spec gave, and static_html carries the Vega
    static_vega gave (instead of each building the spec again)."""
    cached = _STATIC.get(id(fig))
    if cached is None or cached[0] is not fig:
        spec = fig.static_spec()
        try:
            fig.static_spec = lambda: _copy(spec)
            vega = fig.static_vega()
            fig.static_vega = lambda: _copy(vega)
            html = fig.static_html()
        finally:
            vars(fig).pop("static_spec", None)
            vars(fig).pop("static_vega", None)
        cached = _STATIC[id(fig)] = (fig, (spec, vega, html))
    return cached[1]


def _copy(spec: dict) -> dict:
    return json.loads(json.dumps(spec))  # (a spec is JSON; this copies it faster than copy.deepcopy)


def static_spec(fig) -> dict:
    """A copy of ``fig.static_spec()``, made once per test process (see :func:`_static`)."""
    return _copy(_static(fig)[0])


def static_vega(fig) -> dict:
    """A copy of ``fig.static_vega()``, made once per test process (see :func:`_static`)."""
    return _copy(_static(fig)[1])


def static_html(fig) -> str:
    """``fig.static_html()``, made once per test process (see :func:`_static`)."""
    return _static(fig)[2]


# -- Vega expressions checked outside the browser ------------------------------------------------

SEPARATOR = "|"


ROOT = Path(__file__).resolve().parent.parent
VEGA_JS = ROOT / "book" / "_static" / "vega" / "vega.min.js"  # the Vega the static page runs
NODE = shutil.which("node")

# One Node process per test process runs the page's Vega (no renderer) for every request: a line of
# JSON {spec, settings} in, a line of JSON out. For each setting in turn it sets the signals on one
# view and runs the dataflow, as the page does when a slider moves, and gives back the text of every
# text mark, in the order Vega draws them.
VEGA_SERVER_JS = """
console.log = console.error;  // stdout carries the replies alone
const vega = require(process.argv[1]);
const lines = require("readline").createInterface({ input: process.stdin, crlfDelay: Infinity });
(async () => {
  for await (const line of lines) {
    let reply;
    try {
      const { spec, settings } = JSON.parse(line);
      const view = new vega.View(vega.parse(spec), { renderer: "none" });
      const out = [];
      for (const values of settings) {
        for (const [name, value] of Object.entries(values)) view.signal(name, value);
        await view.runAsync();
        const texts = [];
        (function walk(node) {
          if (!node) return;
          if (node.marktype === "text" && node.role === "mark") node.items.forEach((item) => texts.push(item.text));
          if (node.items) node.items.forEach(walk);
        })(view.scenegraph().root);
        out.push(texts);
      }
      view.finalize();
      reply = { texts: out };
    } catch (error) {
      reply = { error: String((error && error.stack) || error) };
    }
    process.stdout.write(JSON.stringify(reply) + "\\n");
  }
})();
"""
VEGA_TIMEOUT = 120  # seconds a request may take

_VEGA_PROCESS: list = []


def _vega_process() -> subprocess.Popen:
    """The Node process running Vega for this test process (started on first use)."""
    if _VEGA_PROCESS and _VEGA_PROCESS[0].poll() is None:
        return _VEGA_PROCESS[0]
    process = subprocess.Popen([NODE, "-e", VEGA_SERVER_JS, str(VEGA_JS)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, encoding="utf-8")
    atexit.register(_stop, process)
    _VEGA_PROCESS[:] = [process]
    return process


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


_PROBES: dict[int, tuple] = {}


def _probe_vega(fig) -> dict:
    """The probe for ``fig`` compiled to Vega once: the figure's base data (at the defaults), its
    expressions, and one text mark per row writing the row's columns joined by SEPARATOR."""
    cached = _PROBES.get(id(fig))
    if cached is not None and cached[0] is fig:
        return cached[1]
    columns = list(fig.frame().columns)
    text = f" + '{SEPARATOR}' + ".join(f"('' + datum.{c})" for c in columns)
    probe = (
        alt.Chart(alt.Data(values=_records(fig.frame())))
        .transform_calculate(**fig.expressions)
        .transform_calculate(_row=text)
        .mark_text()
        .encode(text="_row:N", x=alt.value(0), y=alt.value(0))
        .add_params(*(alt.param(name=name, value=value) for name, value in fig.defaults.items()))
    )
    spec = vl_convert.vegalite_to_vega(probe.to_dict(), vl_version=VEGA_LITE_VERSION)
    _PROBES[id(fig)] = (fig, spec)
    return spec


def vega_texts_at(spec: dict, settings: list[dict]) -> list[list[str]]:
    """The text of every text mark of ``spec`` (Vega, or Vega-Lite compiled here), in the order Vega
    draws them, at each of ``settings`` (signal values, set in turn on one view): the page's vendored
    Vega in Node, no renderer."""
    if NODE is None:
        pytest.skip("Node runs Vega outside the browser (apt-get install nodejs)")
    if "vega-lite" in spec.get("$schema", ""):
        spec = vl_convert.vegalite_to_vega(spec, vl_version=VEGA_LITE_VERSION)
    process = _vega_process()
    process.stdin.write(json.dumps({"spec": spec, "settings": settings}) + "\n")
    process.stdin.flush()
    ready, _, _ = select.select([process.stdout], [], [], VEGA_TIMEOUT)
    if not ready:
        process.kill()
        raise AssertionError(f"Vega gave no answer in {VEGA_TIMEOUT} s")
    line = process.stdout.readline()
    assert line, f"the Node process running Vega ended (exit status {process.poll()})"
    reply = json.loads(line)
    assert "error" not in reply, reply.get("error")
    return reply["texts"]


def vega_rows_at(fig, settings: list[dict]) -> list[pd.DataFrame]:
    """The rows the static page computes at each of ``settings`` (slider values; defaults for any
    not given): the figure's expressions run by Vega, in one Node process, one frame per setting."""
    default = fig.frame()
    columns = list(default.columns)
    frames = []
    for texts in vega_texts_at(_probe_vega(fig), [fig.defaults | values for values in settings]):
        frame = pd.DataFrame([t.split(SEPARATOR) for t in texts], columns=columns)
        for column in columns:
            if pd.api.types.is_bool_dtype(default[column]):
                frame[column] = frame[column] == "true"
            elif pd.api.types.is_numeric_dtype(default[column]):
                frame[column] = frame[column].astype(float)
        frames.append(frame)
    return frames


def vega_rows(fig, values: dict) -> pd.DataFrame:
    """The rows the static page computes at ``values``: the figure's expressions run by Vega."""
    return vega_rows_at(fig, [values])[0]


def assert_same_rows(drawn: pd.DataFrame, expected: pd.DataFrame, rtol: float) -> None:
    """Row for row equal; ``rtol`` allows for base data the static page rounds (7 digits)."""
    assert len(drawn) == len(expected)
    for column in expected.columns:
        if pd.api.types.is_numeric_dtype(expected[column]):
            np.testing.assert_allclose(drawn[column], expected[column], rtol=rtol, atol=1e-12, err_msg=column)
        else:
            assert drawn[column].tolist() == expected[column].tolist(), column
