"""Reader comfort on the built site: small screens, resizing, dark mode, text alternatives."""
from __future__ import annotations

import pytest

from conftest import figures_on, toc_files
from essays.explorable import all_figures

pytestmark = pytest.mark.browser
PAGES = [f"{f}.html" for f in toc_files()]

CHART_WIDTHS = """() => Array.from(document.querySelectorAll('figure.explorable'), f => {
  const c = f.querySelector('.explorable-chart'); const s = c.querySelector('svg');
  return [f.dataset.name, c.clientWidth, s ? s.getBoundingClientRect().width : -1]; })"""


def open_ready(visit, path, width=1200):
    return visit(path, width=width).charts_drawn().settled()  # the charts' first resize check has run


def marks_missing_from(page, name: str, svg: str) -> list[str]:
    """The marks drawn in figure ``name`` (their aria-labels) that the SVG text ``svg`` lacks; the
    drawn marks must not be none."""
    import re
    from html import unescape

    drawn_marks = page.evaluate("(n) => [...document.querySelectorAll(`#fig-${n} .explorable-chart "
                                "svg .role-mark [aria-label]`)].map((e) => e.getAttribute('aria-label'))", name)
    assert drawn_marks, f"{name}: no mark drawn"
    saved_marks = {unescape(m) for m in re.findall(r'aria-label="([^"]*)"', svg)}
    return [m for m in drawn_marks if m not in saved_marks]


@pytest.mark.parametrize("path", PAGES)
def test_at_390_px_every_chart_fits_its_column_and_nothing_scrolls_sideways(visit, path):
    v = open_ready(visit, path, width=390)
    page = v.page
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    for name, container, svg in page.evaluate(CHART_WIDTHS):
        assert 0 < svg <= container + 1, f"{name}: chart {svg}px in a {container}px column"
    for slider in page.locator("figure.explorable input[type=range]").all():
        box = slider.bounding_box()
        assert box["width"] >= 100 and box["x"] >= 0 and box["x"] + box["width"] <= 390


def test_charts_follow_the_column_when_the_window_narrows_and_widens_again(visit):
    v = open_ready(visit, "book/parallelization.html")
    page = v.page
    fills = {name for name in figures_on(page) if all_figures()[name].static_spec().get("width") == "container"}
    for width in (800, 390, 1200):
        page.set_viewport_size({"width": width, "height": 900})
        # the charts refit after a debounced resize check: wait (up to 10 s) until each fits, and
        # fills its column if it is drawn to, then say which one does not
        for _ in range(100):
            widths = page.evaluate(CHART_WIDTHS)
            if all(svg <= container + 1 and (name not in fills or abs(svg - container) <= 2)
                   for name, container, svg in widths):
                break
            page.wait_for_timeout(100)
        for name, container, svg in widths:
            assert svg <= container + 1, f"{name} at {width}px: chart {svg}px in a {container}px column"
            if name in fills:
                assert abs(svg - container) <= 2, f"{name} at {width}px: chart {svg}px fills not its {container}px"


AXIS_LABEL_FILL = """(name) => getComputedStyle(document.querySelector(
  '#fig-' + name + ' .explorable-chart svg .role-axis-label text')).fill"""


def test_switching_to_dark_mode_restyles_the_charts_and_back(visit):
    v = open_ready(visit, "book/parallelization.html")
    page = v.page
    name = page.eval_on_selector("figure.explorable", "f => f.dataset.name")
    page.evaluate("() => { document.documentElement.dataset.theme = 'light'; }")
    page.wait_for_timeout(300)
    light = page.evaluate(AXIS_LABEL_FILL, name)
    page.evaluate("() => { document.documentElement.dataset.theme = 'dark'; }")
    page.wait_for_function(f"(light) => ({AXIS_LABEL_FILL})('{name}') !== light", arg=light, timeout=5000)
    dark = page.evaluate(AXIS_LABEL_FILL, name)
    assert dark != light
    page.evaluate("() => { document.documentElement.dataset.theme = 'light'; }")
    page.wait_for_function(f"(light) => ({AXIS_LABEL_FILL})('{name}') === light", arg=light, timeout=5000)
    assert v.errors == []


def test_a_reader_whose_system_is_dark_gets_dark_charts(browser, server):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(f"{server}/book/parallelization.html")
    page.evaluate("() => window.essays.ready")
    assert page.evaluate("() => document.documentElement.dataset.theme") == "dark"
    name = page.eval_on_selector("figure.explorable", "f => f.dataset.name")
    fill = page.evaluate(AXIS_LABEL_FILL, name)
    context.close()
    assert fill.replace(" ", "") in ("rgb(230,230,230)", "#e6e6e6")


def test_a_missing_page_gets_the_books_404_page_with_working_navigation(visit, server):
    v = visit("book/no-such-chapter.html")
    page = v.page
    assert "Page not found" in page.inner_text("main")
    assert page.evaluate("() => getComputedStyle(document.body).fontFamily") != ""
    href = page.locator("nav a[href*='parallelization']").first.get_attribute("href")
    response = page.goto(server + href if href.startswith("/") else href)
    assert response.status == 200


def test_search_finds_words_from_every_chapter(visit):
    import re

    from conftest import ROOT, chapter_sources

    for source in chapter_sources():
        title = re.search(r"^# (.+)$", source.read_text(encoding="utf-8"), re.M).group(1)
        word = max(re.findall(r"[A-Za-z]{3,}", title), key=len)
        v = visit(f"search.html?q={word}")
        page = v.page
        page.wait_for_selector("#search-results .search-summary", timeout=20000)
        page.wait_for_function("() => !document.querySelector('#search-results h2') || "
                               "document.querySelector('#search-results .search-summary').textContent.trim() !== ''")
        links = page.eval_on_selector_all("#search-results li a", "as => as.map(a => a.getAttribute('href'))")
        page_name = source.relative_to(ROOT).with_suffix(".html").as_posix()
        assert any(page_name in (href or "") for href in links), f"searching {word!r} did not find {page_name}"


def test_the_image_links_hold_the_chart_as_drawn_last_even_when_an_earlier_rendering_ends_later(visit):
    """A rendering of the images started before a slider move (the pointer reached the toolbar) may
    end after the one started for the chart as it is now: the links must keep the latest images,
    and the URL a download may just have started from must still be readable."""
    from figures import SET_JS, wait_idle

    v = open_ready(visit, "book/parallelization.html")
    page = v.page
    name = figures_on(page)[0]
    first = all_figures()[name].params[0]
    # the renderings asked for while `slow` is set take 500 ms longer, as a busy page's might
    page.evaluate("""(name) => {
      const view = window.essays.figures[name].view, own = view.toImageURL.bind(view);
      window.slow = true;
      view.toImageURL = (...args) => {
        const slow = window.slow;
        return own(...args).then((url) => new Promise((r) => setTimeout(() => r(url), slow ? 500 : 0)));
      };
      window.earlier = window.essays.figures[name].images();
      window.slow = false;
    }""", name)
    page.evaluate(SET_JS, [name, first.name, len(first.grid()) - 1])
    wait_idle(page, name)
    latest_url = page.evaluate("""async (name) => {
      await window.essays.figures[name].images();
      return document.querySelector(`#fig-${name} .explorable-toolbar a[download$=".svg"]`).href;
    }""", name)
    page.evaluate("() => window.earlier.then(() => new Promise((r) => setTimeout(r, 100)))")
    svg, still_readable = page.evaluate("""async ([name, latest]) => {
      const href = document.querySelector(`#fig-${name} .explorable-toolbar a[download$=".svg"]`).href;
      const text = await (await fetch(href)).text();
      const readable = await fetch(latest).then((r) => r.ok, () => false);
      return [text, readable];
    }""", [name, latest_url])
    assert marks_missing_from(page, name, svg) == [], f"{name}: the SVG link holds an earlier chart than the one drawn"
    assert still_readable, "the URL of the latest images was let go of while a download could be reading it"
    assert v.errors == []


def test_each_figure_downloads_its_numbers_as_csv_and_the_chart_as_svg_and_png(visit):
    import csv
    import io
    from pathlib import Path

    import pandas as pd

    from figures import SET_JS, assert_drawn_matches_model, settings_at, wait_idle

    v = open_ready(visit, "book/parallelization.html")
    page = v.page
    for name in figures_on(page):
        fig = all_figures()[name]
        positions = {p.name: len(p.grid()) // 4 for p in fig.params}
        for param, index in positions.items():
            page.evaluate(SET_JS, [name, param, index])
        wait_idle(page, name)
        toolbar = page.locator(f"#fig-{name} .explorable-toolbar")
        with page.expect_download() as info:
            toolbar.get_by_role("button", name="Data (CSV)").click()
        text = Path(info.value.path()).read_text(encoding="utf-8")
        notes = [line[2:] for line in text.splitlines() if line.startswith("# ")]
        assert notes == fig.claims_text(static=True, **settings_at(fig, positions))  # the claims, as comments
        text = "".join(line + "\n" for line in text.splitlines() if not line.startswith("#"))
        rows = list(csv.DictReader(io.StringIO(text)))
        expected = fig.frame(**settings_at(fig, positions))
        assert list(rows[0]) == [str(c) for c in expected.columns]
        table = pd.DataFrame(rows)
        for column in expected.columns:
            if pd.api.types.is_numeric_dtype(expected[column]) and not pd.api.types.is_bool_dtype(expected[column]):
                table[column] = table[column].astype(float)
            elif pd.api.types.is_bool_dtype(expected[column]):
                table[column] = table[column] == "true"
        assert_drawn_matches_model(table.to_dict("records"), expected)
        # The image links are made when the reader reaches for the toolbar (the pointer is still on
        # it after the CSV click): a move now leaves them behind the chart, and a click waits for
        # the chart as drawn now.
        first = fig.params[0]
        page.evaluate(SET_JS, [name, first.name, len(first.grid()) // 2])
        wait_idle(page, name)
        assert page.evaluate("(n) => window.essays.figures[n].imagesUpToDate()", name) is False
        # At a reader's pace: Chromium let one download in a burst (the tenth in two and a half
        # seconds, at the fourth figure) go nowhere, in one run in two once this test ran after
        # others (warm, hence faster); 0.4 s between figures, and it did in none of eight.
        page.wait_for_timeout(400)
        with page.expect_download() as info:  # a click event alone: no pointer or focus reaching it first
            toolbar.get_by_role("link", name="SVG").dispatch_event("click")
        svg = Path(info.value.path()).read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<svg") and "</svg>" in svg
        assert marks_missing_from(page, name, svg) == [], f"{name}: the SVG is not the chart as drawn"
        with page.expect_download() as info:
            toolbar.get_by_role("link", name="PNG").click()
        assert Path(info.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert v.errors == []
