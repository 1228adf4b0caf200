"""The built site in headless Chromium, as a reader sees it: no kernel, nothing but localhost."""
from __future__ import annotations

import pytest

from conftest import figures_in, figures_on, heavy_requests, toc_files
from essays.explorable import all_figures
from figures import (SET_JS, assert_drawn_matches_model, drawn, geometry, position, press_to_move, settings_at,
                     wait_idle)

pytestmark = pytest.mark.browser
PAGES = [f"{f}.html" for f in toc_files()]


@pytest.mark.parametrize("path", PAGES)
def test_page_draws_every_chart_loads_nothing_from_other_hosts_and_logs_no_error(visit, path):
    """Every chart drawn and no dead widget; nothing requested from another host, nor the theme's
    icon script, its icon fonts or a TeX engine (test_site_light checks the pages outside the table
    of contents); no console error. In a context of its own: every request, from an empty cache."""
    v = visit(path, fresh=True).charts_drawn()
    page = v.page
    for name in figures_on(page):
        assert page.locator(f"#fig-{name}.explorable-failed").count() == 0
        assert page.locator(f"#fig-{name} .explorable-chart svg g.role-mark > *").count() > 0
    assert page.locator(".jupyter-widgets, .widget-slider, script[type*='widget-state']").count() == 0
    page.wait_for_load_state("networkidle")
    assert v.external == [], f"requests left localhost: {v.external}"
    assert v.errors == [], f"console errors: {v.errors}"
    heavy = heavy_requests(v.requested)
    assert heavy == [], f"{path} requested {heavy}"


def test_every_declared_figure_appears_on_some_page(built_html):
    """Each figure of essays.charts is on a page of the book (the test above draws every page's)."""
    shown = set()
    for path in PAGES:
        shown.update(figures_in(built_html / path))
    assert shown and set(all_figures()) <= shown, f"not on any page: {sorted(set(all_figures()) - shown)}"


def default_positions(fig) -> dict[str, int]:
    return {p.name: int(abs(p.grid() - p.default).argmin()) for p in fig.params}


def check_text_alternatives(page, names: list[str]) -> None:
    """Each chart's text alternative names the figure and every slider; every slider has a visible label."""
    for name in names:
        fig = all_figures()[name]
        label = page.locator(f"#fig-{name} .explorable-chart").get_attribute("aria-label")
        assert fig.title and label.startswith(fig.title), name
        assert [p.label for p in fig.params if p.label not in label] == [], f"{name}: {label}"
        for control in page.locator(f"#fig-{name} .explorable-controls label").all():
            assert control.is_visible() and control.inner_text().strip()


def check_keyboard_moves_what_the_chart_draws(page, names: list[str]) -> None:
    """Every slider visibly acts on its chart: its marks move, change size or colour (not only a
    text or an axis's numbers), its readout shows the new value, and the chart's text alternative
    follows."""
    still = []
    for name in names:
        chart = page.locator(f"#fig-{name} .explorable-chart")
        for param in all_figures()[name].params:
            before, shape_before = drawn(page, name), geometry(page, name)
            described = chart.get_attribute("aria-label")
            press_to_move(page, name, param)  # Home/End on a slider, an arrow on a segmented control
            index = position(page, name, param.name)
            control_id = (f"fig-{name}-{param.name}" if param.options else
                          page.locator(f"#fig-{name} input[data-param='{param.name}']").get_attribute("id"))
            after = drawn(page, name)
            assert after != before, f"{name}: moving {param.name} did not change the chart"
            if geometry(page, name) == shape_before:
                still.append(f"{name}: moving {param.name} moved no mark")
            output = page.locator(f"#fig-{name} output[for='{control_id}']").inner_text()
            assert output == param.display(param.grid()[index])
            assert chart.get_attribute("aria-label") != described, f"{name}: the text alternative did not follow {param.name}"
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
def test_sliders_move_the_chart_and_its_text_alternative_and_the_drawn_numbers_equal_the_model(visit, path):
    """One fresh load per page: as first drawn, each chart is the model at its defaults and its text
    alternative names it and its sliders; then every slider moved by keyboard moves its chart and
    the text alternative; then the drawn numbers equal the model at several settings."""
    v = visit(path).charts_drawn()
    page = v.page
    names = figures_on(page)
    for name in names:
        fig = all_figures()[name]
        assert_drawn_matches_model(drawn(page, name), fig.frame(**settings_at(fig, default_positions(fig))))
    check_text_alternatives(page, names)
    check_keyboard_moves_what_the_chart_draws(page, names)
    check_drawn_numbers_equal_the_model(page, names)
    assert v.errors == [], f"console errors: {v.errors}"
