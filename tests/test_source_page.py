"""The Source page prints the whole source text verbatim, one labelled line at a time, and links
each quoted line to the sections of the book that quote it."""
from __future__ import annotations

import html as htmllib
import re

from conftest import BOOK
from essays import source


def _text(fragment: str) -> str:
    text = htmllib.unescape(re.sub(r"<[^>]+>", "", fragment))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip()


def test_every_line_of_the_source_is_on_the_page_verbatim_under_its_own_anchor(built_html):
    page = (built_html / "book" / "source.html").read_text(encoding="utf-8")
    body = _text(page)
    for number, line in enumerate(source.lines(), start=1):
        if not line.strip():
            continue
        assert f'id="source-line-{number}"' in page, number
        assert _text(line) in body, number


def test_each_quoted_line_links_to_every_section_that_quotes_it(built_html):
    chapters = sorted(p for p in BOOK.glob("*.md") if p.stem not in ("source",))
    quoted = source.where_quoted(chapters)
    assert set(quoted) >= set(range(3, 33)) - {n for n, l in enumerate(source.lines(), 1) if not l.strip()}
    page = (built_html / "book" / "source.html").read_text(encoding="utf-8")
    for number, places in quoted.items():
        start = page.index(f'id="source-line-{number}"')
        end = page.find('id="source-line-', start + 10)
        block = page[start:end if end > 0 else len(page)]
        for stem, label, _ in places:
            assert f'href="{stem}.html#{label}"' in block, (number, stem, label)
