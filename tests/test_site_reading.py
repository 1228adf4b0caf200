"""Reading first: in a built chapter, code stays short in the reading flow (the whole tested function
sits in a collapsed dropdown) and no code block scrolls sideways at a 1280 px window."""
from __future__ import annotations

import re

import pytest

from conftest import chapter_sources

pytestmark = pytest.mark.browser
CHAPTERS = [s.stem for s in chapter_sources() if s.stem not in ("cite", "cruxes", "source")]
MAX_INLINE_LINES = 12


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_code_block_in_the_reading_flow_is_longer_than_a_dozen_lines(built_html, chapter):
    from html.parser import HTMLParser

    class Blocks(HTMLParser):
        """Collects the text of every <pre> and whether it sits inside a <details> (a dropdown)."""

        def __init__(self):
            super().__init__()
            self.details = 0
            self.pre = None
            self.blocks: list[tuple[bool, str]] = []

        def handle_starttag(self, tag, attrs):
            if tag == "details":
                self.details += 1
            elif tag == "pre":
                self.pre = []

        def handle_endtag(self, tag):
            if tag == "details":
                self.details -= 1
            elif tag == "pre" and self.pre is not None:
                self.blocks.append((self.details > 0, "".join(self.pre)))
                self.pre = None

        def handle_data(self, data):
            if self.pre is not None:
                self.pre.append(data)

    parser = Blocks()
    html = (built_html / "book" / f"{chapter}.html").read_text(encoding="utf-8")
    parser.feed(re.sub(r'<script type="application/json".*?</script>', "", html, flags=re.S))
    long = [text.strip().splitlines()[0] for hidden, text in parser.blocks
            if not hidden and len(text.strip().splitlines()) > MAX_INLINE_LINES]
    assert long == [], f"{chapter}: code blocks over {MAX_INLINE_LINES} lines outside a dropdown: {long}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_code_block_scrolls_sideways_at_1280_px(visit, chapter):
    page = visit(f"book/{chapter}.html", width=1280).page
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    wide = page.evaluate("""() => Array.from(document.querySelectorAll('article pre'))
        .filter((p) => p.offsetParent !== null && p.scrollWidth > p.clientWidth + 1)
        .map((p) => p.textContent.split('\\n').find((l) => l.length > 0))""")
    assert wide == [], f"{chapter}: code blocks wider than the column: {wide}"
