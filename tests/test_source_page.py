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


def test_every_mention_of_a_source_line_in_the_prose_links_to_that_line(built_html):
    """ "line 16" in a chapter's text is a link to line 16 on the Source page, never bare text."""
    chapters = [p.stem for p in BOOK.glob("*.md") if p.stem not in ("source", "cite", "cruxes", "references")]
    mentions = 0
    for stem in chapters:
        page = (built_html / "book" / f"{stem}.html").read_text(encoding="utf-8")
        main = page[page.index("<main"):page.index("</main>")]
        main = re.sub(r"<blockquote.*?</blockquote>", "", main, flags=re.S)  # the quotes themselves
        main = re.sub(r"<(pre|script|style)\b.*?</\1>", "", main, flags=re.S)
        for link in re.finditer(r'<a [^>]*href="source\.html#source-line-(\d+)"[^>]*>(.*?)</a>', main, re.S):
            text = _text(link.group(2))
            if re.fullmatch(r"[Ll]ines? \d+([–-]\d+)?", text):
                mentions += 1
                assert int(re.search(r"\d+", text).group()) == int(link.group(1)), (stem, text, link.group(1))
        bare = re.sub(r'<a [^>]*href="source\.html#source-line-\d+"[^>]*>.*?</a>', "", main, flags=re.S)
        found = re.findall(r"\b[Ll]ines? \d+(?:[–-]\d+)?\b", _text(bare))
        assert not found, f"{stem}: {found} not linked to the Source page"
    assert mentions >= 10  # the chapters do cite lines by number


def test_the_link_script_finds_nothing_left_to_link():
    import subprocess
    import sys

    from conftest import ROOT

    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "link_source_lines.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
