"""Bibliography hygiene: every entry of book/references.bib is cited in a chapter, and every key a
chapter cites has an entry.

Both files are read when the test runs, so entries and citations added later are checked too.
Citations are MyST roles in book/*.md: {cite}`key`, {cite:p}`key`, {cite:t}`key` (and the other
{cite:...} and {footcite:...} forms), several keys separated by commas.
"""
from __future__ import annotations

import re

import pytest
from pybtex.database import parse_file

from conftest import BOOK

CITE = re.compile(r"\{(?:foot)?cite(?::[a-z]+)?\}`([^`]*)`")


def cited_keys(text: str) -> set[str]:
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
            "and {cite:ps}`f2025` but not `g2026` or {ref}`h2027`")
    assert cited_keys(text) == {"a2020", "b2021", "c2022", "d2023", "e2024", "f2025"}


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
