"""Comparing what a static page draws with what the Python model says, for the browser tests."""
from __future__ import annotations

import math

import pandas as pd

from essays.explorable import Explorable

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
