"""The built site in headless Chromium, as a reader sees it: no kernel, nothing but localhost."""
from __future__ import annotations

import re

import pytest

from conftest import toc_files
from essays.explorable import all_figures
from figures import SET_JS, assert_drawn_matches_model, drawn, geometry, settings_at, wait_idle
from test_site_light import HEAVY

pytestmark = pytest.mark.browser
PAGES = [f"{f}.html" for f in toc_files()]


def figures_on(page) -> list[str]:
    return page.eval_on_selector_all("figure.explorable", "els => els.map(e => e.dataset.name)")


@pytest.mark.parametrize("path", PAGES)
def test_page_draws_every_chart_loads_nothing_from_other_hosts_and_logs_no_error(visit, path):
    """...nor the theme's icon script, its icon fonts or a TeX engine (test_site_light checks the
    pages outside the table of contents)."""
    v = visit(path).charts_drawn()
    page = v.page
    for name in figures_on(page):
        assert page.locator(f"#fig-{name}.explorable-failed").count() == 0
        assert page.locator(f"#fig-{name} .explorable-chart svg g.role-mark > *").count() > 0
    assert page.locator(".jupyter-widgets, .widget-slider, script[type*='widget-state']").count() == 0
    page.wait_for_load_state("networkidle")
    assert v.external == [], f"requests left localhost: {v.external}"
    assert v.errors == [], f"console errors: {v.errors}"
    heavy = [u for u in v.requested if HEAVY.search(u) or "fontawesome/webfonts" in u]
    assert heavy == [], f"{path} requested {heavy}"


def test_every_declared_figure_appears_on_some_page(built_html):
    """Each figure of essays.charts is on a page of the book (the test above draws every page's)."""
    shown = set()
    for path in PAGES:
        shown.update(re.findall(r'<figure class="explorable" id="fig-([a-z0-9_]+)"',
                                (built_html / path).read_text(encoding="utf-8")))
    assert shown and set(all_figures()) <= shown, f"not on any page: {sorted(set(all_figures()) - shown)}"


def default_positions(fig) -> dict[str, int]:
    return {p.name: int(abs(p.grid() - p.default).argmin()) for p in fig.params}


def check_keyboard_moves_what_the_chart_draws(page, names: list[str]) -> None:
    """Every slider visibly acts on its chart: its marks move, change size or colour (not only a
    text or an axis's numbers), and its readout shows the new value."""
    still = []
    for name in names:
        for param in all_figures()[name].params:
            before, shape_before = drawn(page, name), geometry(page, name)
            if param.options:  # a segmented control: arrow keys move the choice
                checked = page.locator(f"#fig-{name} input[data-param='{param.name}']:checked")
                checked.focus()
                at_end = int(checked.get_attribute("value")) == len(param.options) - 1
                page.keyboard.press("ArrowLeft" if at_end else "ArrowRight")
                index = int(page.locator(f"#fig-{name} input[data-param='{param.name}']:checked").get_attribute("value"))
                control_id = f"fig-{name}-{param.name}"
            else:
                slider = page.locator(f"#fig-{name} input[data-param='{param.name}']")
                slider.focus()
                at_end = slider.input_value() == slider.get_attribute("max")
                page.keyboard.press("Home" if at_end else "End")
                index = int(slider.input_value())
                control_id = slider.get_attribute("id")
            after = drawn(page, name)
            assert after != before, f"{name}: moving {param.name} did not change the chart"
            if geometry(page, name) == shape_before:
                still.append(f"{name}: moving {param.name} moved no mark")
            output = page.locator(f"#fig-{name} output[for='{control_id}']").inner_text()
            assert output == param.display(param.grid()[index])
    assert not still, "\n".join(still)


def check_drawn_numbers_equal_the_model(page, names: list[str]) -> None:
    """Each figure set to its defaults, every slider at its start, at its end and a third of the way."""
    for name in names:
        fig = all_figures()[name]
        sizes = {p.name: len(p.grid()) for p in fig.params}
        layouts = [default_positions(fig), {k: 0 for k in sizes}, {k: n - 1 for k, n in sizes.items()},
                   {k: n // 3 for k, n in sizes.items()}]
        for positions in layouts:
            for param, index in positions.items():
                page.evaluate(SET_JS, [name, param, index])
            wait_idle(page, name)
            assert_drawn_matches_model(drawn(page, name), fig.frame(**settings_at(fig, positions)))


@pytest.mark.parametrize("path", PAGES)
def test_sliders_move_what_the_chart_draws_and_the_drawn_numbers_equal_the_python_model(visit, path):
    """One fresh load per page: as first drawn, each chart is the model at its defaults; then every
    slider moved by keyboard moves its chart; then the drawn numbers equal the model at several
    settings."""
    v = visit(path).charts_drawn()
    page = v.page
    names = figures_on(page)
    for name in names:
        fig = all_figures()[name]
        assert_drawn_matches_model(drawn(page, name), fig.frame(**settings_at(fig, default_positions(fig))))
    check_keyboard_moves_what_the_chart_draws(page, names)
    check_drawn_numbers_equal_the_model(page, names)
    assert v.errors == [], f"console errors: {v.errors}"
