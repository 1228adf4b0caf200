"""The book's structure: every heading has a stable label, labels are unique, links resolve."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import ROOT, toc_files

LABEL = re.compile(r"^\(([A-Za-z0-9_-]+)\)=\s*$")
HEADING = re.compile(r"^#{1,6} \S")


def headings_and_labels(path: Path):
    """(heading line, label or None) for each markdown heading outside code fences; all labels."""
    lines = path.read_text(encoding="utf-8").splitlines()
    fence = None
    pairs, labels = [], []
    for i, line in enumerate(lines):
        stripped = line.strip()
        match = re.match(r"^(`{3,}|~{3,}|:{3,})", stripped)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker
            elif stripped == fence[0] * len(fence) or stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = None
            continue
        if fence:
            continue
        label = LABEL.match(stripped)
        if label:
            labels.append(label.group(1))
        if HEADING.match(line):
            previous = next((l.strip() for l in reversed(lines[:i]) if l.strip()), "")
            found = LABEL.match(previous)
            pairs.append((line, found.group(1) if found else None))
    return pairs, labels


PAGES = [ROOT / f"{page}.md" for page in toc_files()]


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_every_heading_has_an_explicit_label_so_its_anchor_survives_retitling(path):
    pairs, _ = headings_and_labels(path)
    assert pairs, f"{path.name} has no heading"
    unlabelled = [heading for heading, label in pairs if label is None]
    assert unlabelled == [], f"{path.name}: headings without a (label)= line: {unlabelled}"


def test_labels_are_unique_across_the_book():
    seen: dict[str, str] = {}
    for path in PAGES:
        for label in headings_and_labels(path)[1]:
            assert label not in seen, f"label {label!r} in both {seen[label]} and {path.name}"
            seen[label] = path.name


def test_every_internal_link_and_anchor_of_the_built_site_resolves(built_html):
    """The latest pages and, in a multi-version site (``make versions``), every version's pages."""
    from conftest import broken_links, site_pages

    assert broken_links(built_html, site_pages(built_html)) == []


def test_every_chapter_has_a_binder_launch_link_to_its_own_source_in_the_configured_repository(built_html):
    import yaml

    from conftest import chapter_sources

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    repo = urlparse(config["repository"]["url"]).path.strip("/")
    branch = config["repository"]["branch"]
    for source in chapter_sources():
        page = source.relative_to(ROOT).with_suffix(".html")
        html = (built_html / page).read_text(encoding="utf-8")
        links = re.findall(r'https://mybinder\.org/v2/gh/([^"?]+)\?urlpath=lab/tree/([^"&]+)', html)
        assert links, f"{page} has no Binder launch link"
        for repo_branch, path in links:
            assert repo_branch == f"{repo}/{branch}"
            assert (ROOT / unquote(path)).is_file(), f"{page} launches {path}, which does not exist"
            assert unquote(path) == str(source.relative_to(ROOT))


def test_every_chapter_opens_with_a_reader_contract_and_closes_with_a_summary_and_whats_next():
    from conftest import chapter_sources

    for source in chapter_sources():
        if source.stem in ("cite", "cruxes", "source"):  # back matter that happens to run code
            continue
        text = source.read_text(encoding="utf-8")
        assert re.search(r":::\{admonition\} In this chapter", text), source.name
        contract = text[text.index("In this chapter"):]
        for part in ("What you can vary", "Time to read"):
            assert part in contract.split(":::")[0], f"{source.name}: contract lacks {part!r}"
        headings = re.findall(r"^## (.+)$", text, re.M)
        assert headings[-2:] == ["Summary", "What's next"], f"{source.name} ends with {headings[-2:]}"
        assert "{term}`" in text, f"{source.name} links no glossary term"
