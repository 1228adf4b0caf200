"""Citing from the built site: cite buttons beside every section, scenario links for every figure."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from conftest import figures_in, toc_files
from essays import citation
from essays.explorable import all_figures
from figures import SET_JS, assert_drawn_matches_model, drawn, position, settings_at, wait_idle

pytestmark = pytest.mark.browser
VERSION = str(citation.metadata()["version"])


@pytest.fixture(scope="module")
def figure_pages(built_html) -> dict[str, str]:
    """Figure name -> the built page that shows it."""
    pages = {}
    for page in toc_files():
        for name in figures_in(built_html / f"{page}.html"):
            pages.setdefault(name, f"{page}.html")
    return pages



def test_every_section_heading_has_a_cite_button_whose_citation_names_anchor_and_version(visit):
    for path in toc_files():
        v = visit(f"{path}.html").charts_drawn()
        page = v.page
        buttons = page.locator("button.cite-toggle")
        count = buttons.count()
        assert count >= 1, path
        buttons.first.click()  # as a reader clicks; the others by the same handler, without the wait
        page.eval_on_selector_all("button.cite-toggle", "bs => bs.slice(1).forEach((b) => b.click())")
        texts = page.locator(".cite-panel pre.cite-text").all_inner_texts()
        bibtex = page.locator(".cite-panel pre.cite-bibtex").all_inner_texts()
        assert len(texts) == len(bibtex) == count
        anchors = page.eval_on_selector_all(
            "button.cite-toggle", "bs => bs.map(b => { const s = b.closest('section');"
            " const span = Array.from(s.children).find(n => n.tagName === 'SPAN' && n.id && !/^id\\d+$/.test(n.id));"
            " return span ? span.id : s.id; })")
        for text, bib, anchor in zip(texts, bibtex, anchors):
            assert f"/{path}.html#{anchor}" in text and f"version {VERSION}" in text
            assert f"#{anchor}}}" in bib and f"version = {{{VERSION}}}" in bib
        assert v.errors == []


def test_copying_a_citation_puts_its_text_on_the_clipboard(browser, server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{server}/book/parallelization.html")
    page.locator("section#the-parallelization-penalty button.cite-toggle, "
                 "section button.cite-toggle").nth(1).click()
    page.locator(".cite-panel button.cite-copy").first.click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert "#parallelization-" in copied and f"version {VERSION}" in copied
    context.close()


def test_a_scenario_link_restores_the_view_it_was_made_from_in_a_fresh_page(visit, server, figure_pages):
    """Every figure of a page is set off its defaults and its link taken; a fresh page opened at the
    page's first figure's link exactly as copied, with the other figures' settings appended (figures
    read only their own keys), shows each figure as it was, drawn as the model draws it. One fresh
    load per page, not one per figure: the page's figures all load with it anyway."""
    from urllib.parse import parse_qsl, urlencode, urlsplit

    assert figure_pages
    by_page: dict[str, list[str]] = {}
    for name, path in figure_pages.items():
        by_page.setdefault(path, []).append(name)
    for path, names in by_page.items():
        v = visit(path).charts_drawn()
        positions, links = {}, {}
        for name in names:
            positions[name] = {p.name: max(0, len(p.grid()) * 2 // 3 - 1) for p in all_figures()[name].params}
            for param, index in positions[name].items():
                v.page.evaluate(SET_JS, [name, param, index])
            wait_idle(v.page, name)
            links[name] = v.page.evaluate("(name) => window.essays.figures[name].link()", name)
            assert links[name].startswith(server) and links[name].endswith(f"#fig-{name}")
        copied, _, fragment = links[names[0]].partition("#")
        others = [pair for name in names[1:] for pair in parse_qsl(urlsplit(links[name]).query)]
        together = copied + (f"&{urlencode(others)}" if others else "") + f"#{fragment}"
        fresh = visit(together[len(server):]).charts_drawn()
        for name in names:
            fig = all_figures()[name]
            wait_idle(fresh.page, name)
            assert_drawn_matches_model(drawn(fresh.page, name), fig.frame(**settings_at(fig, positions[name])))
            for p in fig.params:
                assert position(fresh.page, name, p.name) == positions[name][p.name], (together, name, p.name)
        assert fresh.errors == []


HOSTILE = [
    "{fig}.nope=3",                                     # unknown parameter
    "nofigure.{param}=3",                               # unknown figure
    "{fig}.{param}=abc",                                # not a number
    "{fig}.{param}=NaN", "{fig}.{param}=Infinity",      # non-finite
    "{fig}.{param}=1e308", "{fig}.{param}=-1e308",      # far out of range: clamped
    "{fig}.{param}=" + quote("<script>window.pwned=1</script>"),
    "{fig}.{param}=" + quote('"><img src=x onerror="window.pwned=1">'),
    "{fig}.{param}=" + "9" * 5000,                      # very long
    "{fig}.{param}=1&{fig}.{param}=" + quote("</script>"),
    quote("<svg onload=alert(1)>") + "=1",
]


@pytest.mark.parametrize("template", HOSTILE)
def test_a_hostile_scenario_link_leaves_the_page_unharmed(visit, template, figure_pages, built_html):
    # a link is read by the same code on every page: the first figure of the lightest page with
    # figures, which loads fastest
    path = min(sorted(set(figure_pages.values())), key=lambda page: (built_html / page).stat().st_size)
    name = next(n for n, p in figure_pages.items() if p == path)
    fig = all_figures()[name]
    param = fig.params[0]
    v = visit(f"{path}?{template.format(fig=name, param=param.name)}#fig-{name}").charts_drawn()
    page = v.page
    assert page.evaluate("() => window.pwned === undefined")
    assert page.locator("img[src=x], figure.explorable script:not([type='application/json'])").count() == 0
    assert page.locator(f"#fig-{name}.explorable-failed").count() == 0
    wait_idle(page, name)
    positions = {p.name: position(page, name, p.name) for p in fig.params}
    for p in fig.params:
        assert 0 <= positions[p.name] < len(p.grid())
    if "1e308" in template:  # far out of range lands on the nearest end, not anywhere in range
        assert positions[param.name] == (0 if template.endswith("-1e308") else len(param.grid()) - 1)
    assert_drawn_matches_model(drawn(page, name), fig.frame(**settings_at(fig, positions)))
    assert v.errors == []
