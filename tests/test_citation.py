"""The book's citation metadata: one version, valid CITATION.cff, the same version everywhere."""
from __future__ import annotations

import re

from conftest import ROOT
from essays import citation


def test_citation_file_is_valid_against_the_citation_file_format_schema():
    import json

    import jsonschema

    schema = json.loads((ROOT / "tests" / "data" / "citation-file-format-1.2.0.schema.json").read_text())
    meta = citation.metadata()
    meta["date-released"] = str(meta["date-released"])  # YAML reads a date; the schema wants its text
    jsonschema.validate(meta, schema)


def test_citation_file_has_the_fields_the_citation_file_format_requires():
    meta = citation.metadata()
    for field in ("cff-version", "message", "title", "authors", "version", "date-released"):
        assert meta.get(field), field
    assert re.fullmatch(r"\d+\.\d+\.\d+", str(meta["version"]))
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(meta["date-released"]))


def test_the_bibtex_and_text_citations_name_the_version():
    version = str(citation.metadata()["version"])
    assert f"version = {{{version}}}" in citation.bibtex()
    assert f"version {version}" in citation.text_citation()


def test_no_other_file_states_a_different_version():
    version = str(citation.metadata()["version"])
    for path in [ROOT / "pyproject.toml", ROOT / "_config.yml", *ROOT.joinpath("book", "essays").glob("*.py")]:
        for found in re.findall(r"version\W{1,4}(\d+\.\d+\.\d+)", path.read_text(encoding="utf-8")):
            assert found == version, f"{path.name} states version {found}, CITATION.cff says {version}"


def test_the_built_cite_page_shows_the_version(built_html):
    page = (built_html / "book" / "cite.html").read_text(encoding="utf-8")
    assert str(citation.metadata()["version"]) in page


def test_every_page_carries_citation_meta_tags_with_its_title_and_the_version(built_html):
    from conftest import toc_files

    version = str(citation.metadata()["version"])
    for page in toc_files():
        text = (built_html / f"{page}.html").read_text(encoding="utf-8")
        titles = re.findall(r'<meta name="citation_title" content="([^"]+)"', text)
        assert len(titles) == 1 and titles[0].strip(), page
        assert f'<meta name="citation_version" content="{version}"' in text, page
        assert '<meta name="citation_inbook_title"' in text and '<meta name="citation_author"' in text
