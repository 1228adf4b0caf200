"""The site stays light: no icon script and no TeX engine in the page; icons and math still shown."""
from __future__ import annotations

import re

import pytest

from conftest import HEAVY, figures_in, heavy_requests, on_essays, toc_files

pytestmark = pytest.mark.browser
MATH_PAGES = ["book/parallelization.html", "book/legibility.html", "book/trends.html", "book/survival.html",
              "book/infohazards.html", "book/glossary.html"]


def test_no_page_source_names_the_icon_script_or_a_tex_engine(built_html):
    for page in built_html.rglob("*.html"):
        if "_static" in page.relative_to(built_html).parts:
            continue  # the theme's template fragments, copied as they are
        text = page.read_text(encoding="utf-8")
        scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", text)
        assert not [s for s in scripts if HEAVY.search(s)], f"{page.name} loads {scripts}"


def test_no_page_but_search_stops_its_parser_for_a_script_file(built_html):
    """Script files load ``defer`` (or async), so the parser reads the whole page while they arrive
    and the first chart is not kept waiting; Sphinx's search page keeps its own in parser order."""
    checked = 0
    for page in built_html.rglob("*.html"):
        if "_static" in page.relative_to(built_html).parts or page.name == "search.html":
            continue
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", page.read_text(encoding="utf-8"))
        blocking = [t for t in tags if not re.search(r"\b(defer|async)\b|type=\"module\"", t)]
        assert blocking == [], f"{page.relative_to(built_html)} stops its parser for {blocking}"
        checked += bool(tags)
    assert checked >= len(toc_files())


# At the moment window.essays.first resolves: which figures have a drawing; and every <svg> drawn by
# then, kept to see later whether the same drawing is still on the page.
FIRST_PROBE = on_essays("""
        v.first.then(() => {
          window.__drawnAtFirst = Array.from(document.querySelectorAll('figure.explorable'))
            .filter((f) => f.querySelector('.explorable-chart svg')).map((f) => f.id);
          window.__firstSvgs = Array.from(document.querySelectorAll('figure.explorable .explorable-chart svg'));
        });""")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_linked_figure_is_drawn_first_alone_and_in_the_mode_the_theme_settles_on(visit, built_html, scheme):
    """A scenario link's figure is drawn before the others start (the browser can show it at once),
    in the colour mode the theme's script then resolves "auto" to, so that script's setting
    <html data-theme> does not draw it a second time."""
    ids = [f"fig-{name}" for name in figures_in(built_html / "book" / "parallelization.html")]
    assert len(ids) >= 2
    page = visit(f"book/parallelization.html#{ids[1]}", color_scheme=scheme, init_script=FIRST_PROBE).page
    page.evaluate("() => window.essays.ready")
    page.wait_for_function(f"() => document.documentElement.dataset.theme === '{scheme}'")
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 200)))")
    assert page.evaluate("() => window.__drawnAtFirst") == [ids[1]]
    assert page.evaluate("() => window.__firstSvgs.length") == 1
    assert page.evaluate("() => window.__firstSvgs.every((svg) => svg.isConnected)"), \
        "the first chart was drawn again once the theme's script had run"
    assert page.evaluate("() => document.querySelectorAll('figure.explorable .explorable-chart svg').length") \
        == len(ids)


@pytest.fixture
def recorded(visit):
    """Opens a page in a fresh context, as a first-time reader's, once every request it makes at
    load is answered; ``page.requested`` lists every URL it asked for."""

    def open_page(path: str, viewport=None):
        size = viewport or {"width": 1280, "height": 800}
        v = visit(path, size["width"], size["height"], fresh=True, wait_until="networkidle")
        v.page.requested = v.requested
        return v.page

    return open_page


@pytest.mark.parametrize("path", ["search.html", "genindex.html", "404.html"])
def test_no_page_loads_the_icon_script_its_fonts_or_a_tex_engine(recorded, path):
    """The pages outside the table of contents; each page of it is checked on the load that
    test_site_browser makes of it (every chart drawn, nothing from other hosts)."""
    page = recorded(path)
    heavy = heavy_requests(page.requested)
    assert heavy == [], f"{path} requested {heavy}"


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}])
def test_header_buttons_show_an_icon(recorded, viewport):
    page = recorded("book/trends.html", viewport)
    buttons = [".theme-switch-button", ".search-button, .search-button-field", ".primary-toggle",
               ".btn-fullscreen-button", ".dropdown-download-buttons > button",
               ".dropdown-launch-buttons > button", ".btn-source-repository-button"]
    if viewport["width"] < 1200:  # wider, the contents are a sidebar of their own
        buttons.append(".secondary-toggle")
    for selector in buttons:
        button = page.locator(", ".join(f"{s}:visible" for s in selector.split(", "))).first
        assert button.count() == 1, f"no visible {selector}"
        box = button.bounding_box()
        assert box["width"] > 10 and box["height"] > 10, f"{selector} is {box}"
        # the icon inside: a visible element or pseudo-element at least 10 px square, painted
        icon = button.evaluate("""b => {
            for (const e of b.querySelectorAll('i, span, svg')) {
              if (!e.getClientRects().length) continue;
              const before = getComputedStyle(e, '::before');
              const w = parseFloat(before.width), h = parseFloat(before.height);
              if (before.content !== 'none' && w >= 10 && h >= 10) {
                return {w, h, mask: before.maskImage || before.webkitMaskImage, content: before.content};
              }
              const r = e.getBoundingClientRect();
              if (e.tagName === 'svg' && r.width >= 10 && r.height >= 10) return {w: r.width, h: r.height, mask: 'svg'};
            }
            return null;
        }""")
        assert icon and icon["mask"] not in (None, "", "none"), f"{selector} shows no icon: {icon}"


def test_theme_switch_and_search_still_work(recorded):
    page = recorded("book/trends.html")
    before = page.evaluate("() => document.documentElement.dataset.mode")
    page.locator(".theme-switch-button:visible").first.click()
    assert page.evaluate("() => document.documentElement.dataset.mode") != before
    page.locator(".search-button__button:visible").first.click()
    page.wait_for_function("() => document.getElementById('pst-search-dialog').open")
    page.keyboard.press("Escape")


def test_the_icon_stylesheet_covers_every_icon_element(recorded):
    """Every Font Awesome element on a page draws from icons.css (no web font needed for it)."""
    page = recorded("book/trends.html")
    missing = page.evaluate("""() => [...document.querySelectorAll('[class*="fa-"]')]
        .filter(e => /\\b(fa-solid|fas|fab|fa-brands|far|fa-regular)\\b/.test(e.className))
        .filter(e => { const m = getComputedStyle(e, '::before'); return !(m.maskImage || m.webkitMaskImage || '').startsWith('url('); })
        .map(e => e.className)""")
    assert missing == []


def test_the_theme_stylesheet_keeps_the_glyphs_of_used_icons_only(built_html):
    """The theme's CSS loses the glyph rules of icons no page uses (essays.icons), and keeps those
    of every icon a page shows."""
    import doctest

    from essays import icons

    assert doctest.testmod(icons).failed == 0
    css = (built_html / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    used = set()
    for page in built_html.rglob("*.html"):
        used |= icons.used_icons(page.read_text(encoding="utf-8", errors="replace"))
    glyphs = {name for rule in re.findall(r'((?:\.fa-[a-z0-9-]+:{1,2}before,?)+)\{content:', css)
              for name in re.findall(r"\.fa-([a-z0-9-]+):", rule)}
    assert used and {name for _, name in used} <= glyphs
    assert len(glyphs) < 100, f"{len(glyphs)} icon glyph rules left in the theme's CSS"
    assert "abacus" not in glyphs
    assert "Bootstrap" in css[:400] and "--pst-" in css, "the rest of the theme's CSS is kept"


def test_math_is_built_into_the_pages(built_html):
    """Every formula is MathML in the HTML itself, with its TeX as an annotation; none is left as
    TeX for a script to typeset."""
    total = 0
    for path in MATH_PAGES:
        text = (built_html / path).read_text(encoding="utf-8")
        blocks = re.findall(r'<(span|div) class="math[^"]*"[^>]*>(.*?)</\1>', text, re.S)
        assert blocks, f"{path}: no math found"
        for _, inner in blocks:
            assert inner.lstrip().startswith(("<math", '<span class="eqno"')), inner[:80]
            assert '<annotation encoding="application/x-tex">' in inner
            assert "\\(" not in inner and "\\[" not in inner
        total += len(blocks)
    assert total > 100


@pytest.mark.parametrize("path", MATH_PAGES)
def test_math_is_drawn_selectable_and_scales_with_the_text(visit, path):
    page = visit(path, width=1280, height=800).page
    shown = page.evaluate("""() => [...document.querySelectorAll('.math > math')].map(m => {
        const r = m.getBoundingClientRect();
        return {w: r.width, h: r.height, display: getComputedStyle(m).display,
                select: getComputedStyle(m).userSelect, text: m.textContent.length};
    })""")
    assert shown and all(m["w"] > 0 and m["h"] > 0 for m in shown), shown[:3]
    assert all(m["display"].endswith("math") for m in shown), {m["display"] for m in shown}
    assert all(m["select"] != "none" and m["text"] > 0 for m in shown)
    # the reader's larger text makes the formulas larger too
    first = page.locator(".math > math").first
    before = first.bounding_box()["height"]
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    assert first.bounding_box()["height"] > 1.5 * before
    # selecting a paragraph's text takes its formulas along as text
    with_math, without = page.evaluate("""() => {
        const p = document.querySelector('p span.math > math').closest('p');
        const sel = getSelection(), range = document.createRange();
        range.selectNodeContents(p); sel.removeAllRanges(); sel.addRange(range);
        const text = sel.toString().replace(/\\s+/g, '');
        const bare = p.cloneNode(true); bare.querySelectorAll('math').forEach(m => m.remove());
        return [text, bare.textContent.replace(/\\s+/g, '')];
    }""")
    assert len(with_math) > len(without), (with_math, without)


SEARCH = re.compile(r"searchindex\.js|searchtools\.js|language_data\.js")


@pytest.mark.parametrize("path", ["book/trends.html", "search.html"])
def test_only_the_search_page_loads_the_search_index_and_search_from_a_chapter_still_finds(recorded, path):
    """The search index (about 80 KB with its scripts) is the search page's alone; a reader searching
    from a chapter's search box lands on the search page with results."""
    page = recorded(path)
    loaded = [u for u in page.requested if SEARCH.search(u)]
    if path != "search.html":
        assert loaded == [], f"{path} requested {loaded}"
        page.locator(".search-button:visible, .search-button-field:visible").first.click()
        box = page.locator("#pst-search-dialog input[name=q]")
        box.wait_for(state="visible", timeout=5000)
        box.fill("Moore")
        box.press("Enter")
        page.wait_for_url("**/search.html?q=Moore*", timeout=10000)
    else:
        assert len(loaded) == 3, f"the search page requested {loaded}"
        page.goto(page.url + "?q=Moore")
    page.wait_for_selector("#search-results li a", timeout=20000)
    links = page.eval_on_selector_all("#search-results li a", "as => as.map(a => a.getAttribute('href'))")
    assert any("trends.html" in (href or "") for href in links), links
