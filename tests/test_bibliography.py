"""Bibliography hygiene: every entry of book/references.bib is cited in a chapter, and every key a
chapter cites has an entry.

Both files are read when the test runs, so entries and citations added later are checked too.
Citations are MyST roles in book/*.md: {cite}`key`, {cite:p}`key`, {cite:t}`key` (and the other
{cite:...} and {footcite:...} forms), several keys separated by commas; in the chapters (notebooks)
they are {eval}`cite_p("key")` and {eval}`cite_t("a","b")` (essays.bibliography), which the book
build reads as {cite:p} and {cite:t} and a live JupyterLab evaluates in the kernel.

The text a live notebook shows for a citation must be the site's: for every page, the citations of
its source, in order, formatted by ``essays.bibliography``, equal the citations of the built page.
"""
from __future__ import annotations

import html
import re

import pytest
import yaml
from pybtex.database import parse_file

from conftest import BOOK, ROOT, toc_files
from essays import bibliography

CITE = re.compile(r"\{(?:foot)?cite(?::[a-z]+)?\}`([^`]*)`")


def cited_keys(text: str) -> set[str]:
    text = bibliography.as_cite_roles(text)
    return {key.strip() for match in CITE.finditer(text) for key in match.group(1).split(",") if key.strip()}


def citations() -> dict[str, set[str]]:
    """Cited key -> the chapters (file names) that cite it."""
    where: dict[str, set[str]] = {}
    for path in sorted(BOOK.glob("*.md")):
        for key in cited_keys(path.read_text(encoding="utf-8")):
            where.setdefault(key, set()).add(path.name)
    return where


def entries() -> set[str]:
    return set(parse_file(str(BOOK / "references.bib"), bib_format="bibtex").entries.keys())


def test_citation_roles_are_read_as_the_book_writes_them():
    text = ("{cite:p}`a2020` and {cite:t}`b2021, c2022` then {cite}`d2023,e2024` "
            "and {cite:ps}`f2025` but not `g2026` or {ref}`h2027`; "
            '{eval}`cite_p("i2028")`, {eval}`cite_t("j2029", "k2030")` but not {eval}`glued("l2031")`')
    assert cited_keys(text) == {"a2020", "b2021", "c2022", "d2023", "e2024", "f2025", "i2028", "j2029", "k2030"}


def test_the_book_cites_something():
    assert citations(), "no {cite} role found in book/*.md"
    assert entries(), "book/references.bib has no entries"


def test_every_bibliography_entry_is_cited():
    unused = sorted(entries() - set(citations()))
    assert not unused, f"entries of book/references.bib cited in no book/*.md: {unused}"


def test_every_cited_key_has_an_entry():
    known = entries()
    missing = {key: sorted(files) for key, files in citations().items() if key not in known}
    assert not missing, f"keys cited in book/*.md with no entry in book/references.bib: {missing}"


@pytest.mark.parametrize("field", ["title", "year"])
def test_every_entry_has_a_title_and_a_year(field):
    database = parse_file(str(BOOK / "references.bib"), bib_format="bibtex")
    lacking = sorted(key for key, entry in database.entries.items() if field not in entry.fields)
    assert not lacking, f"entries without a {field}: {lacking}"


# ----------------------------------------------------------------------------------------------
# Citations as a live notebook shows them (essays.bibliography), against the site's
# ----------------------------------------------------------------------------------------------

def test_the_formatter_uses_the_styles_the_book_build_uses():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"]
    assert config.get("bibtex_reference_style") == bibliography.REFERENCE_STYLE
    assert config.get("bibtex_default_style", "alpha") == bibliography.ENTRY_STYLE


@pytest.mark.parametrize(("call", "text"), [
    # read off book/references.bib by hand: three or more authors are "First et al.", two are joined
    # by "and", an organisation is its name, and a textual citation puts the year in brackets
    (lambda: bibliography.cite_p("kwa2025measuring"), "[Kwa et al., 2025]"),
    (lambda: bibliography.cite_p("brooks1975"), "[Brooks, 1975]"),
    (lambda: bibliography.cite_t("yudkowsky2024sunlight"), "Yudkowsky [2024]"),
    (lambda: bibliography.cite_p("owidtransistors", "ruppmicroprocessor"), "[Rupp, 2022, Our World in Data, 2023]"),
    (lambda: bibliography.cite_p("greenblatt2025slowcorp"), "[Greenblatt and Lifland, 2025]"),
])
def test_a_citation_reads_author_and_year(call, text):
    assert call() == text
    assert repr(call()) == text, "the kernel's text/plain form must be the text itself (no quotes)"


@pytest.mark.parametrize("keys", [(), ("no-such-key",), ("kwa2025measuring", "nope2020")])
def test_a_citation_of_an_unknown_key_is_refused(keys):
    with pytest.raises(ValueError, match="cite_p: "):
        bibliography.cite_p(*keys)


def test_a_citation_in_a_cells_markdown_is_the_role_on_the_site_and_the_text_live(monkeypatch):
    from essays.explorable import RENDER_ENV

    monkeypatch.setenv(RENDER_ENV, "static")
    assert bibliography.in_markdown("p", "brooks1975") == "{cite:p}`brooks1975`"
    monkeypatch.delenv(RENDER_ENV)
    assert bibliography.in_markdown("p", "brooks1975") == "[Brooks, 1975]"
    assert bibliography.in_markdown("t", "brooks1975") == "Brooks [1975]"
    with pytest.raises(ValueError, match="role must be 'p' or 't'"):
        bibliography.in_markdown("x", "brooks1975")
    with pytest.raises(ValueError, match="unknown"):
        bibliography.in_markdown("p", "nope")


def test_only_literal_citation_calls_are_rewritten():
    assert bibliography.as_cite_roles('{eval}`cite_t("a")`') == "{cite:t}`a`"
    for text in ('{eval}`cite_p(key)`', '{eval}`cite_p("a"); import os`', '{eval}`cite_x("a")`',
                 '{eval}`glued("a")`', 'cite_p("a")'):
        assert bibliography.as_cite_roles(text) == text


ROLE_IN_ORDER = re.compile(r"\{cite(?::([a-z]+))?\}`([^`]*)`")
SITE_CITATION = re.compile(r'<span class="bibtex-citation"[^>]*>(.*?)</span>', re.S)


def test_every_citation_reads_in_a_live_notebook_as_on_the_site(built_html):
    """The text ``cite_p``/``cite_t`` give a live notebook is the site's: every citation of a page's
    source shows on the built page as they format it, and every citation the page shows (those of
    tables that cells write, too) is one they format for some entry."""
    single = {str(f(key)) for key in entries() for f in (bibliography.cite_p, bibliography.cite_t)}
    checked = 0
    for name in toc_files():
        text = bibliography.as_cite_roles((ROOT / f"{name}.md").read_text(encoding="utf-8"))
        expected = []
        for match in ROLE_IN_ORDER.finditer(text):
            role, keys = match.group(1) or "p", [k.strip() for k in match.group(2).split(",")]
            expected.append(str({"p": bibliography.cite_p, "t": bibliography.cite_t}[role](*keys)))
        page = (built_html / f"{name}.html").read_text(encoding="utf-8")
        shown = [html.unescape(re.sub(r"<[^>]+>", "", span)) for span in SITE_CITATION.findall(page)]
        missing = [t for t in expected if shown.count(t) < expected.count(t)]
        assert not missing, f"{name}: citations of the source the site shows otherwise: {missing}"
        unknown = [t for t in shown if t not in single and t not in expected]
        assert not unknown, f"{name}: the site shows citations essays.bibliography would not write: {unknown}"
        checked += len(shown)
    assert checked >= 50, f"only {checked} citations compared"


def test_docstring_examples_run():
    import doctest

    result = doctest.testmod(bibliography)
    assert result.attempted and not result.failed
