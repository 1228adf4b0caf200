"""Two versions of the book built from two commits, as ``make versions`` builds them.

A temporary repository gets this working tree as commit A (version 1.0.0) and then commit B
(version 1.1.0, with A recorded in releases.yml as a release) in which one number of the
parallelization chapter is changed on purpose: AutomatedCorp's labor-equivalent speed is glued
doubled. ``scripts/build_versions.py`` then builds A at ``v/1.0.0/`` (from its commit) and B as the
latest. To keep it to two builds of a few pages, the temporary repository's table of contents holds
only the home page, the parallelization chapter and the "What changed" page, warnings are not
errors there (the home page links to chapters left out), and B's own snapshot is not built.

Commit B also renames one section label and records it under ``moved`` in releases.yml.

Checked: the "What changed" page lists the changed number with both values; every anchor of A
resolves in B (the renamed one through ``moved``, which the latest page follows); every link of both versions resolves; and in a browser, the versioned page's
"Cite" text, meta tags and scenario links carry its versioned URL and its banner leads to the same
section of the latest, which offers both URLs.
"""
from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
from html import unescape
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, _QuietHandler, broken_links, visits
from essays import changes, citation, versions

pytestmark = pytest.mark.versions

OLD, NEW = "1.0.0", "1.1.0"
CHANGED = "automatedcorp"
RENAMED = ("parallelization-coordination", "parallelization-teams")  # a label commit B renames
TOC = """format: jb-book
root: book/index
parts:
  - caption: Essays
    numbered: true
    chapters:
      - file: book/parallelization
  - caption: Back matter
    chapters:
      - file: book/changes
"""
PAGES = ["book/index", "book/parallelization", "book/changes"]


def git(repo: Path, *args: str) -> str:
    cmd = ["git", "-C", str(repo), "-c", "user.name=test", "-c", "user.email=test@example.org", *args]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()


def set_version(repo: Path, version: str, date: str) -> None:
    path = repo / "CITATION.cff"
    text = re.sub(r'(?m)^version: .*$', f'version: "{version}"', path.read_text(encoding="utf-8"))
    text = re.sub(r'(?m)^date-released: .*$', f'date-released: "{date}"', text)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_versions

    base = tmp_path_factory.mktemp("versions")
    repo = base / "repo"
    files = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard", "-z"],
                           check=True, capture_output=True, text=True).stdout.split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    (repo / "_toc.yml").write_text(TOC, encoding="utf-8")
    (repo / "releases.yml").write_text("releases: {}\nmoved: {}\n", encoding="utf-8")
    set_version(repo, OLD, "2026-01-01")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "A")
    commit_a = git(repo, "rev-parse", "HEAD")

    chapter = repo / "book" / "parallelization.md"
    text = chapter.read_text(encoding="utf-8")
    glued = f'glue("{CHANGED}", chain.labor_equivalent, display=False)'
    assert glued in text, "the parallelization chapter no longer glues the number this test changes"
    chapter.write_text(text.replace(glued, f'glue("{CHANGED}", 2 * chain.labor_equivalent, display=False)'),
                       encoding="utf-8")
    for page in (repo / "book").glob("*.md"):  # a section label renamed, and recorded as moved
        renamed = re.sub(rf"\b{RENAMED[0]}\b", RENAMED[1], page.read_text(encoding="utf-8"))
        page.write_text(renamed, encoding="utf-8")
    set_version(repo, NEW, "2026-02-01")
    (repo / "releases.yml").write_text(
        f"releases:\n  '{OLD}': {commit_a}\nmoved:\n  'book/parallelization.html#{RENAMED[0]}': "
        f"'book/parallelization.html#{RENAMED[1]}'\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "B: a number changed on purpose")

    out = base / "site"
    build_versions.build_all(repo, out, strict=False, snapshot_current=False, work=base)
    return out


def record(site: Path) -> dict:
    return json.loads((site / changes.RECORD_FILE).read_text(encoding="utf-8"))


def test_the_what_changed_page_lists_the_number_changed_on_purpose_with_both_values(two_versions):
    old = [n for n in record(two_versions / "v" / OLD)["numbers"] if n["name"] == CHANGED]
    new = [n for n in record(two_versions)["numbers"] if n["name"] == CHANGED]
    assert old and new
    assert float(new[0]["raw"]) == pytest.approx(2 * float(old[0]["raw"]))  # the change made in commit B
    page = unescape((two_versions / "book" / "changes.html").read_text(encoding="utf-8"))
    row = re.search(rf"<tr class=\"changes-number\"><td><code>{CHANGED}</code></td><td>(.*?)</td><td>(.*?)</td></tr>", page)
    assert row, "the What changed page does not list the changed number"
    assert row.groups() == (old[0]["value"], new[0]["value"]) and old[0]["value"] != new[0]["value"]
    assert f"Version {OLD}" in page and f"Version {NEW}" in page
    assert page.count('<tr class="changes-number">') == 1  # only the number changed on purpose
    # its section heading links to the section that quotes it
    section = re.findall(rf'<h3><a href="([^"]+)">[^<]*</a></h3><table class="changes-table">.*?<code>{CHANGED}</code>',
                         page, re.S)
    assert section and section[-1].endswith(f"parallelization.html#{new[0]['section']}")
    # unchanged numbers are not listed
    unchanged = {n["name"] for n in record(two_versions)["numbers"]} - {CHANGED}
    listed = set(re.findall(r'<tr class="changes-number"><td><code>([^<]+)</code>', page))
    assert listed & unchanged == set()


def test_every_anchor_of_the_previous_release_resolves_in_the_next(two_versions):
    old, new = versions.anchors(two_versions / "v" / OLD), versions.anchors(two_versions)
    assert any("#fig-" in a for a in old) and any(a.endswith("#parallelization") for a in old)
    moved = versions.read_releases(two_versions.parent / "repo" / "releases.yml")["moved"]
    assert versions.missing_anchors(old, new, moved) == []
    # the one label B renamed is missing but for its line under `moved`
    assert versions.missing_anchors(old, new, {}) == [f"book/parallelization.html#{RENAMED[0]}"]


def test_every_link_of_every_version_resolves(two_versions):
    pages = PAGES + [f"v/{OLD}/{p}" for p in PAGES]
    assert all((two_versions / f"{p}.html").is_file() for p in pages)
    assert broken_links(two_versions, pages) == []


def test_a_versioned_page_names_its_versioned_url_in_its_meta_tags_and_carries_a_banner(two_versions, monkeypatch):
    monkeypatch.delenv(citation.SITE_URL_ENV, raising=False)
    html = (two_versions / "v" / OLD / "book" / "parallelization.html").read_text(encoding="utf-8")
    url = f"{citation.site_url()}v/{OLD}/book/parallelization.html"
    assert re.findall(r'<meta name="citation_public_url" content="([^"]+)"', html) == [url]
    assert re.findall(r'<meta name="citation_fulltext_html_url" content="([^"]+)"', html) == [url]
    assert f'<meta name="citation_version" content="{OLD}"' in html
    banner = re.search(r'<div class="version-banner"[^>]*>(.*?)</div>', html, re.S)
    assert banner and f"version {OLD}" in banner.group(1)
    href = re.search(r'href="([^"]+)"', banner.group(1)).group(1)
    target = (two_versions / "v" / OLD / "book" / href).resolve()
    assert target == (two_versions / "book" / "parallelization.html").resolve()
    latest = (two_versions / "book" / "parallelization.html").read_text(encoding="utf-8")
    assert 'class="version-banner"' not in latest
    # its launch button opens the chapter as it was at the release's commit
    commit = json.loads((two_versions / "versions.json").read_text(encoding="utf-8"))["releases"][OLD]
    branch = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]["branch"]
    launches = re.findall(r'https://mybinder\.org/v2/gh/[^/"]+/[^/"]+/([^"?/]+)\?urlpath=', html)
    assert launches and set(launches) == {commit}
    assert set(re.findall(r'https://mybinder\.org/v2/gh/[^/"]+/[^/"]+/([^"?/]+)\?urlpath=', latest)) == {branch}


# --- in a browser ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def versions_server(two_versions):
    handler = functools.partial(_QuietHandler, directory=str(two_versions))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def open_page(pages, versions_server):
    """A page of the two versions' site, its charts drawn."""
    with visits(pages, versions_server) as visit:
        yield lambda path, width=None, height=900: visit(path, width, height).charts_drawn()


def cite_texts(page) -> tuple[list[str], list[str], list[str]]:
    buttons = page.locator("button.cite-toggle")
    for i in range(buttons.count()):
        buttons.nth(i).click()
    anchors = page.eval_on_selector_all(
        "button.cite-toggle", "bs => bs.map(b => { const s = b.closest('section');"
        " const span = Array.from(s.children).find(n => n.tagName === 'SPAN' && n.id && !/^id\\d+$/.test(n.id));"
        " return span ? span.id : s.id; })")
    return (page.locator(".cite-panel pre.cite-text").all_inner_texts(),
            page.locator(".cite-panel pre.cite-bibtex").all_inner_texts(), anchors)


@pytest.mark.browser
def test_a_versioned_pages_cite_text_bibtex_and_scenario_links_carry_the_versioned_url(open_page, versions_server):
    v = open_page(f"v/{OLD}/book/parallelization.html")
    texts, bibtex, anchors = cite_texts(v.page)
    assert anchors and len(texts) == len(bibtex) == len(anchors)
    versioned = f"{versions_server}/v/{OLD}/book/parallelization.html"
    for text, bib, anchor in zip(texts, bibtex, anchors):
        assert f"{versioned}#{anchor}" in text and f"version {OLD}" in text and "Latest version" not in text
        assert f"url = {{{versioned}#{anchor}}}" in bib and f"version = {{{OLD}}}" in bib
    figures = v.page.evaluate("() => Object.keys(window.essays.figures)")
    assert figures
    for name in figures:
        link = v.page.evaluate("(n) => window.essays.figures[n].link()", name)
        assert link.startswith(versioned + "?") and link.endswith(f"#fig-{name}")
        assert v.page.evaluate("(n) => window.essays.figures[n].versionLink()", name) == link
    assert v.errors == []


@pytest.mark.browser
def test_the_banner_leads_to_the_same_section_in_the_latest(open_page, versions_server):
    v = open_page(f"v/{OLD}/book/parallelization.html")
    anchors = [a for a in cite_texts(v.page)[2] if a != "parallelization"]
    assert anchors
    anchor = anchors[len(anchors) // 2]
    # opened at a section: the banner's link names that section of the latest, which exists
    v = open_page(f"v/{OLD}/book/parallelization.html#{anchor}")
    href = v.page.eval_on_selector(".version-banner a.version-latest", "a => a.href")
    assert href == f"{versions_server}/book/parallelization.html#{anchor}"
    latest = open_page(href[len(versions_server):])
    assert latest.page.locator(f"[id='{anchor}']").count() == 1
    # moving to another section (the page's contents, a link): the banner follows, and leads there
    other = anchors[-1]
    w = open_page(f"v/{OLD}/book/parallelization.html")
    assert w.page.eval_on_selector(".version-banner a.version-latest", "a => a.href") == (
        f"{versions_server}/book/parallelization.html")
    w.page.evaluate("(id) => { window.location.hash = id; }", other)
    w.page.wait_for_function("(id) => document.querySelector('.version-banner a').href.endsWith('#' + id)", arg=other)
    w.page.evaluate("() => window.scrollTo(0, 0)")
    w.page.locator(".version-banner a.version-latest").click()
    w.page.wait_for_url(f"{versions_server}/book/parallelization.html#{other}")
    assert w.page.locator(f"[id='{other}']").count() == 1
    # each section's citation panel links that section in the latest
    x = open_page(f"v/{OLD}/book/parallelization.html")
    sections = cite_texts(x.page)[2]
    links = x.page.eval_on_selector_all(".cite-panel a.cite-latest", "as => as.map(a => a.href)")
    assert links == [f"{versions_server}/book/parallelization.html#{a}" for a in sections]
    assert v.errors == [] and w.errors == [] and x.errors == [] and latest.errors == []


@pytest.mark.browser
def test_a_link_to_an_anchor_that_moved_lands_on_its_new_place(open_page, versions_server):
    v = open_page(f"book/parallelization.html#{RENAMED[0]}")
    v.page.wait_for_url(f"{versions_server}/book/parallelization.html#{RENAMED[1]}")
    assert v.page.locator(f"[id='{RENAMED[1]}']").count() == 1
    assert v.errors == []


@pytest.mark.browser
def test_the_latest_page_offers_both_its_own_url_and_this_versions(open_page, versions_server):
    v = open_page("book/parallelization.html")
    texts, bibtex, anchors = cite_texts(v.page)
    for text, bib, anchor in zip(texts, bibtex, anchors):
        assert f"{versions_server}/v/{NEW}/book/parallelization.html#{anchor}" in text
        assert f"Latest version: {versions_server}/book/parallelization.html#{anchor}" in text
        assert f"url = {{{versions_server}/v/{NEW}/book/parallelization.html#{anchor}}}" in bib
    name = v.page.evaluate("() => Object.keys(window.essays.figures)[0]")
    assert v.page.evaluate("(n) => window.essays.figures[n].link()", name).startswith(
        f"{versions_server}/book/parallelization.html?")
    assert v.page.evaluate("(n) => window.essays.figures[n].versionLink()", name).startswith(
        f"{versions_server}/v/{NEW}/book/parallelization.html?")
    assert v.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("path, mode", [(f"v/{OLD}/book/parallelization.html", "light"),
                                        (f"v/{OLD}/book/parallelization.html", "dark"),
                                        ("book/changes.html", "light")])
def test_axe_finds_no_serious_or_critical_violation_on_the_banner_and_the_changes_table(open_page, path, mode):
    from test_site_a11y import AXE, RUN_AXE, blocking_violations, open_for_audit, pinned_axe

    axe_source = pinned_axe()
    page = open_for_audit(open_page, path, mode)
    assert page.locator(".version-banner, table.changes-table").count() >= 1
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(RUN_AXE)
    assert results["engine"] == "axe-core" and results["version"] == axe_source
    assert blocking_violations(results) == []
