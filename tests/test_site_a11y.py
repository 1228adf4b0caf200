"""Accessibility of the built site: axe-core finds no serious or critical violation on any page.

axe-core comes from the npm registry, pinned in package.json / package-lock.json (`npm ci` at the
repository root installs it into node_modules/). Each page of the book is opened in headless
Chromium, its charts drawn and its "Cite" panels and scenario-link fields opened (our own markup,
shown only on demand), then axe-core is injected and run with its default rules. Every page is
checked in light mode at desktop width, in dark mode (charts restyled) and at 390 px (phone).

axe-core does not look at text inside a chart's SVG, so a second test checks that the charts' axis,
legend and title text (coloured by the theme and essays.js) stands out from what the chart is
drawn on, in light and dark mode.
"""
from __future__ import annotations

import json

import pytest

from conftest import ROOT, figures_on, toc_files

pytestmark = pytest.mark.browser
PAGES = [f"{f}.html" for f in toc_files()]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")

# Violations of the theme's markup that cannot be fixed cleanly from essays.css / cite.js, as
# (rule id, target selector) pairs. Each needs a comment saying why; none is needed today (the
# theme's violations axe found are patched in cite.js).
EXCLUDED: set[tuple[str, str]] = set()

MODES = {
    "light": {"width": 1200, "theme": "light"},
    "dark": {"width": 1200, "theme": "dark"},
    "390px": {"width": 390, "theme": None},
}

# Redraw every chart in the given theme and resolve once each figure has a new, settled view.
SWITCH_THEME = """async (theme) => {
  if (document.documentElement.dataset.theme === theme) return true;
  const figures = window.essays ? Object.values(window.essays.figures) : [];
  const before = figures.map((f) => f.view);
  document.documentElement.dataset.theme = theme;
  for (let i = 0; i < 200 && figures.some((f, j) => f.view === before[j]); i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (figures.some((f, j) => f.view === before[j])) throw new Error("charts did not restyle");
  await Promise.all(figures.map((f) => f.view.runAsync()));
  return true;
}"""

RUN_AXE = """async () => {
  const results = await axe.run(document, { resultTypes: ["violations"] });
  return {
    engine: results.testEngine.name, version: results.testEngine.version,
    violations: results.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(" "), impact: n.impact })),
    })),
  };
}"""


def pinned_axe() -> str:
    """The axe-core version package-lock.json pins, checked against node_modules: a missing or
    different install fails the test (it never skips), saying how to install the pinned one."""
    if not AXE.is_file():
        pytest.fail(f"axe-core is not installed ({AXE.relative_to(ROOT)} is missing): run `npm ci` at the "
                    "repository root to install the version pinned in package-lock.json", pytrace=False)
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"]["node_modules/axe-core"]["version"]
    installed = json.loads((AXE.parent / "package.json").read_text(encoding="utf-8"))["version"]
    if installed != pinned:
        pytest.fail(f"node_modules has axe-core {installed}, package-lock.json pins {pinned}: run `npm ci`",
                    pytrace=False)
    return pinned


def open_for_audit(visit, path: str, mode: str):
    settings = MODES[mode]
    v = visit(path, width=settings["width"]).charts_drawn()
    page = v.page
    assert page.locator(".explorable-failed").count() == 0, f"{path}: a chart failed to draw"
    if settings["theme"]:
        page.evaluate(SWITCH_THEME, settings["theme"])
    # Our markup that appears on demand: every "Cite" panel and every figure's scenario-link field.
    page.evaluate("""() => {
      document.querySelectorAll('button.cite-toggle').forEach((b) => b.click());
      document.querySelectorAll('.explorable-link').forEach((f) => { f.hidden = false; });
    }""")
    assert page.locator(".cite-panel").count() == page.locator("button.cite-toggle").count()
    v.settled()  # the panels just opened
    return page


def blocking_violations(results: dict) -> list[str]:
    lines = []
    for v in results["violations"]:
        for node in v["nodes"]:
            impact = node["impact"] or v["impact"]
            if impact in BLOCKING and (v["id"], node["target"]) not in EXCLUDED:
                lines.append(f"{v['id']} [{impact}] {node['target']}  ({v['help']})")
    return lines


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_violation_and_chart_text_stands_out(request, path, mode):
    """axe-core on the page as the reader may see it (every panel open) in each mode; and, since axe
    does not check text inside a chart's SVG, each chart's axis, legend and title text against what
    the chart is drawn on (in dark mode the theme once put every figure on a light-grey output box,
    under the charts' light dark-mode text: 1.2:1)."""
    axe_source = pinned_axe()  # before the site is built and served: a missing install fails fast
    page = open_for_audit(request.getfixturevalue("visit"), path, mode)
    chart_text = page.evaluate(CHART_TEXT_CONTRAST)
    figures = figures_on(page)
    assert {name for name, _, _ in chart_text} == set(figures), f"{path}: a figure's chart text was not read"
    low = [(name, text, round(r, 2)) for name, text, r in chart_text if r < 4.5]
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(RUN_AXE)
    assert results["engine"] == "axe-core" and results["version"] == axe_source
    found = blocking_violations(results)
    assert found == [], f"axe-core {axe_source} on {path} ({mode}):\n  " + "\n  ".join(found)
    assert low == [], f"{path} ({mode}): chart text below 4.5:1 against its background: {low[:8]}"


# For each figure: the colour its chart is drawn on (the first opaque background among the SVG and
# its ancestors) and the fill of every axis, legend and title text (colours the book's theme and
# essays.js set, not a chart's own marks), with the contrast ratio between them (WCAG 2 formula).
CHART_TEXT_CONTRAST = """() => {
  const rgba = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => [r, g, b].map((v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05); };
  const out = [];
  for (const figure of document.querySelectorAll('figure.explorable')) {
    let node = figure.querySelector('.explorable-chart svg'), background = [255, 255, 255];
    for (; node; node = node.parentElement) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c.length >= 3 && (c.length === 3 || c[3] > 0)) { background = c.slice(0, 3); break; }
    }
    const texts = figure.querySelectorAll(
      'svg .role-axis-label text, svg .role-axis-title text, svg .role-legend-label text, svg .role-title-text text');
    for (const text of texts) {
      if (!text.textContent.trim()) continue;
      const fill = rgba(getComputedStyle(text).fill);
      out.push([figure.dataset.name, text.textContent, ratio(fill.slice(0, 3), background)]);
    }
  }
  return out;
}"""
