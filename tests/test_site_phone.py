"""The built site on a phone (390 px wide) and the "On this page" contents as the reader scrolls."""
from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import toc_files

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
CHAPTER = "book/trends.html"


@pytest.fixture
def phone(browser, server):
    opened = []

    def open_page(path: str):
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        opened.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{server}/{path}", wait_until="load")
        page.wait_for_function("() => window.bootstrap !== undefined")
        page.errors = errors
        return page

    yield open_page
    for context in opened:
        context.close()


def toggle(page, kind: str):
    """The visible toggle of that kind: the one a reader can tap."""
    button = page.locator(f".{kind}-toggle:visible")
    assert button.count() == 1, f"expected one visible .{kind}-toggle, found {button.count()}"
    box = button.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0
    return button


def dialog_open(page, dialog_id: str) -> bool:
    return page.evaluate("id => document.getElementById(id).open", dialog_id)


def test_menu_lists_every_chapter_and_closes_with_escape(phone):
    page = phone(CHAPTER)
    toggle(page, "primary").tap()
    page.wait_for_function("() => document.getElementById('pst-primary-sidebar-modal').open")
    dialog = page.locator("#pst-primary-sidebar-modal")
    links = dialog.locator("nav a.reference.internal")
    hrefs = {h.split("#")[0].split("/")[-1] for h in links.evaluate_all("els => els.map(e => e.href)")}
    for path in toc_files()[1:]:
        assert f"{path.split('/')[-1]}.html" in hrefs, f"{path} missing from the phone menu"
    # the links are on screen, not only in the DOM
    link = dialog.locator("nav a.reference.internal", has_text="Survival").first
    assert link.is_visible()
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('pst-primary-sidebar-modal').open")
    # the theme moves the navigation back into the page's sidebar, on the dialog's "close" event: a
    # task queued when the dialog closes, so it may come just after `open` turns false
    back = "n => document.querySelectorAll('#pst-primary-sidebar nav a.reference.internal').length >= n"
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(back, arg=len(toc_files()) - 1, timeout=5000)
    assert page.locator("#pst-primary-sidebar nav a.reference.internal").count() >= len(toc_files()) - 1
    assert page.errors == []


def test_menu_link_navigates(phone):
    page = phone(CHAPTER)
    toggle(page, "primary").tap()
    page.wait_for_function("() => document.getElementById('pst-primary-sidebar-modal').open")
    page.locator("#pst-primary-sidebar-modal nav a.reference.internal", has_text="Survival").first.tap()
    page.wait_for_url("**/survival.html*")


@pytest.mark.parametrize("key", ["Enter", " "])
def test_toggles_open_from_the_keyboard_and_close_with_escape(phone, key):
    page = phone(CHAPTER)
    for kind, dialog_id in [("primary", "pst-primary-sidebar-modal"), ("secondary", "pst-secondary-sidebar-modal")]:
        toggle(page, kind).focus()
        page.keyboard.press(key)
        page.wait_for_function("id => document.getElementById(id).open", arg=dialog_id)
        page.keyboard.press("Escape")
        page.wait_for_function("id => !document.getElementById(id).open", arg=dialog_id)
        # focus returns to the toggle, so the reader can open it again from the keyboard
        assert page.evaluate(f"() => document.activeElement.matches('.{kind}-toggle')")
    assert page.errors == []


def test_contents_button_opens_the_page_contents(phone):
    page = phone(CHAPTER)
    sections = page.eval_on_selector_all("article section > section[id]", "els => els.map(e => e.id)")
    assert len(sections) > 3
    toggle(page, "secondary").tap()
    page.wait_for_function("() => document.getElementById('pst-secondary-sidebar-modal').open")
    dialog = page.locator("#pst-secondary-sidebar-modal")
    hashes = dialog.locator("#pst-page-toc-nav a").evaluate_all("els => els.map(e => e.hash.slice(1))")
    assert hashes == sections
    assert dialog.locator("#pst-page-toc-nav a").nth(2).is_visible()
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('pst-secondary-sidebar-modal').open")
    assert page.locator("#pst-secondary-sidebar #pst-page-toc-nav").count() == 1
    assert page.errors == []


def active_entry(page) -> list[str]:
    return page.eval_on_selector_all("#pst-page-toc-nav a.active", "els => els.map(e => e.hash.slice(1))")


@pytest.mark.parametrize("how", ["wheel", "jump"])
def test_contents_highlight_follows_the_section_in_view(visit, how):
    """The reader scrolls in big steps (a fast wheel, a dragged scrollbar) to just past each later
    section's heading, the section's text filling the window: its entry is the highlighted one."""
    # every chart drawn first: a chart that lays itself out while the page scrolls moves the headings
    page = visit(CHAPTER, width=1280, height=800).charts_drawn().page
    sections = page.eval_on_selector_all("article section > section[id]", "els => els.map(e => e.id)")
    page.mouse.move(640, 400)
    below = """id => document.getElementById(id).querySelector('h2').getBoundingClientRect().top + 40"""
    for section in sections[2:-2]:
        # the heading just scrolled off the top of the window (its place read afresh at every step)
        if how == "wheel":
            while (gap := page.evaluate(below, section)) > 1:
                y = page.evaluate("() => window.scrollY")
                page.mouse.wheel(0, min(gap, 700))
                # the wheel is sent, not yet scrolled: read the gap again only once the page has moved
                page.wait_for_function("(y) => window.scrollY !== y", arg=y, timeout=5000)
        else:
            page.evaluate(f"id => window.scrollBy(0, ({below})(id))", section)
        highlighted = f"() => {{ const a = document.querySelectorAll('#pst-page-toc-nav a.active');" \
                      f" return a.length === 1 && a[0].hash === '#{section}'; }}"
        with contextlib.suppress(PlaywrightTimeout):  # the assertion below says what is highlighted
            page.wait_for_function(highlighted, timeout=3000)
        assert active_entry(page) == [section], f"scrolled to {section}"
    # and back up, in one step, to just past an earlier section's heading
    first = sections[2]
    page.evaluate("""id => window.scrollTo(0, document.getElementById(id).querySelector('h2')
                      .getBoundingClientRect().top + window.scrollY + 40)""", first)
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"() => {{ const a = document.querySelectorAll('#pst-page-toc-nav a.active');"
                               f" return a.length === 1 && a[0].hash === '#{first}'; }}", timeout=3000)
    assert active_entry(page) == [first]
