"""Versions: the releases file, versioned URLs, the numbers record and the "What changed" page.

The two-commit build (two versions of the book from two commits, and the pages in a browser) is in
test_site_versions.py; these are the fast checks, and the checks of the session's (latest) build.
"""
from __future__ import annotations

import json
import re
from html import unescape
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, toc_files
from essays import changes, citation, versions

VERSION = str(citation.metadata()["version"])


def write_releases(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "releases.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_repository_releases_file_is_valid_and_each_recorded_commit_exists():
    recorded = versions.read_releases()
    for version, commit in recorded["releases"].items():
        assert versions.version_key(version) <= versions.version_key(VERSION), version
        found = subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", f"{commit}^{{commit}}"])
        assert found.returncode == 0, f"release {version}: commit {commit} is not in this clone"
        cff = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:CITATION.cff"],
                             capture_output=True, text=True, check=True).stdout
        assert str(yaml.safe_load(cff)["version"]) == version, f"release {version}: {commit} is another version"


@pytest.mark.parametrize("text, message", [
    ("releases: {'1.0': " + "a" * 40 + "}", "MAJOR.MINOR.PATCH"),
    ("releases: {'1.0.0': abc123}", "40-hex"),
    ("releases: {'1.0.0': " + "g" * 40 + "}", "40-hex"),
    ("releases: [1, 2]", "mappings"),
    ("moved: {'book/a.html#x': 'elsewhere'}", "moved anchors"),
])
def test_a_malformed_releases_file_raises_a_value_error_naming_what_is_wrong(tmp_path, text, message):
    with pytest.raises(ValueError, match=message):
        versions.read_releases(write_releases(tmp_path, text))


def test_releases_come_in_version_order_and_the_previous_release_is_the_last_one_before(tmp_path):
    text = "releases:\n  '0.10.0': " + "c" * 40 + "\n  '0.2.0': " + "b" * 40 + "\n  '0.1.0': " + "a" * 40 + "\n"
    releases = versions.read_releases(write_releases(tmp_path, text))["releases"]
    assert list(releases) == ["0.1.0", "0.2.0", "0.10.0"]  # numerically, not as text
    assert versions.previous_release(releases, "0.10.0") == "0.2.0"
    assert versions.previous_release(releases, "0.3.0") == "0.2.0"
    assert versions.previous_release(releases, "0.1.0") is None
    assert versions.previous_release(releases, "1.0.0") == "0.10.0"


def test_the_build_plan_always_builds_the_current_version_and_each_release_from_its_commit(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_versions

    (tmp_path / "CITATION.cff").write_text("version: \"0.3.0\"\n", encoding="utf-8")
    write_releases(tmp_path, "releases: {}\n")
    steps = build_versions.plan(tmp_path)
    assert [(s["version_path"], s["commit"]) for s in steps] == [("v/0.3.0/", None), ("", None)]
    write_releases(tmp_path, "releases:\n  '0.1.0': " + "a" * 40 + "\n  '0.2.0': " + "b" * 40 + "\n")
    steps = build_versions.plan(tmp_path)
    assert [(s["version_path"], s["commit"], s["previous"]) for s in steps] == [
        ("v/0.1.0/", "a" * 40, None), ("v/0.2.0/", "b" * 40, "0.1.0"), ("v/0.3.0/", None, "0.2.0"), ("", None, "0.2.0")]
    write_releases(tmp_path, "releases:\n  '0.2.0': " + "b" * 40 + "\n  '0.3.0': " + "c" * 40 + "\n")
    steps = build_versions.plan(tmp_path)  # the current version recorded: built from its commit, once
    assert [(s["version_path"], s["commit"], s["previous"]) for s in steps] == [
        ("v/0.2.0/", "b" * 40, None), ("v/0.3.0/", "c" * 40, "0.2.0"), ("", None, "0.2.0")]


def test_versioned_urls_follow_the_repository_in_config_or_the_site_url_the_workflow_gives(monkeypatch):
    monkeypatch.delenv(citation.SITE_URL_ENV, raising=False)
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    owner, repo = config["repository"]["url"].rstrip("/").split("/")[-2:]
    site = f"https://{owner.lower()}.github.io/{repo}/"
    assert citation.site_url() == site
    assert citation.versioned_url("book/trends.html") == f"{site}v/{VERSION}/book/trends.html"
    assert citation.latest_url("book/trends.html") == f"{site}book/trends.html"
    monkeypatch.setenv(citation.SITE_URL_ENV, "https://example.org/essays")
    assert citation.versioned_url("book/cite.html") == f"https://example.org/essays/v/{VERSION}/book/cite.html"
    assert citation.versioned_url() in citation.text_citation()
    assert f"url = {{{citation.versioned_url()}}}" in citation.bibtex()


@pytest.mark.parametrize("value", ["v/1.0", "latest", "v/1.0.0/book", "../v/1.0.0"])
def test_a_malformed_version_path_raises_a_value_error(monkeypatch, value):
    monkeypatch.setenv(citation.VERSION_PATH_ENV, value)
    with pytest.raises(ValueError, match=citation.VERSION_PATH_ENV):
        citation.build_version_path()


def test_the_version_path_of_a_snapshot_build(monkeypatch):
    monkeypatch.setenv(citation.VERSION_PATH_ENV, "v/2.3.4")
    assert citation.build_version_path() == "v/2.3.4/"
    monkeypatch.delenv(citation.VERSION_PATH_ENV)
    assert citation.build_version_path() == ""
    with pytest.raises(ValueError, match="version"):
        citation.version_path("2.3")


SOURCE = """\
(page-top)=
# A page

```{code-cell} ipython3
glue("ignored", 1)  # {glue:text}`in_code` is code, not prose
```

Before any section: {glue:text}`speed:.1f` times.

(first-section)=
## The {term}`first <First term>` section

It is {glue:text}`speed:.0f` times, reached in {glue:text}`when` and {glue}`count`.

(second)=
### Second

Again {glue:text}`share:.1%`.
"""
GLUE = {name: {"data": {"text/plain": raw}} for name, raw in
        [("speed", "21.46"), ("when", "'March 2027'"), ("count", "17"), ("share", "0.0404")]}


def test_the_numbers_record_gives_each_glued_number_its_shown_value_and_section():
    rows = changes.prose_numbers(SOURCE, GLUE, "book/a")
    got = [(r["name"], r["format"], r["value"], r["section"], r["section_title"]) for r in rows]
    assert got == [("speed", ".1f", "21.5", "page-top", "A page"),
                   ("speed", ".0f", "21", "first-section", "The first section"),
                   ("when", "", "March 2027", "first-section", "The first section"),
                   ("count", "", "17", "first-section", "The first section"),
                   ("share", ".1%", "4.0%", "second", "Second")]


def test_a_number_glued_in_another_page_is_read_from_that_page():
    other = {"book/other": {"rate": {"data": {"text/plain": "0.123"}}}}
    rows = changes.prose_numbers("(s)=\n# S\n\nRate {glue:text}`other.ipynb::rate:.1%`.\n", GLUE, "book/a",
                                 lambda doc: other.get(doc, {}))
    assert [(r["name"], r["value"], r["section"]) for r in rows] == [("rate", "12.3%", "s")]
    with pytest.raises(ValueError, match="page missing.ipynb"):
        changes.prose_numbers("{glue:text}`missing.ipynb::rate`\n", GLUE, "book/a", lambda doc: {})


def test_an_eval_role_quoting_a_glued_number_is_recorded_like_a_glue_role():
    source = '(s)=\n# S\n\nSpeed {eval}`glued("speed",".0f")`, share {eval}`glued("share")`.\n'
    rows = changes.prose_numbers(source, GLUE, "book/a")
    assert [(r["name"], r["format"], r["section"]) for r in rows] == [("speed", ".0f", "s"), ("share", "", "s")]
    assert rows[0]["value"] == changes.prose_numbers("{glue:text}`speed:.0f`\n", GLUE, "book/a")[0]["value"]


def test_a_glue_role_the_page_does_not_glue_raises_a_value_error():
    with pytest.raises(ValueError, match="'missing'"):
        changes.prose_numbers("Text {glue:text}`missing:.1f`.\n", GLUE, "book/a")


def record(numbers, claims=(), version="1.0.0"):
    return {"version": version, "numbers": [
        {"name": n, "format": f, "value": v, "raw": v, "page": p, "section": s, "section_title": s.title()}
        for p, s, n, f, v in numbers], "claims": [
        {"page": p, "figure": fig, "claim": c, "text": f"{c} text", "holds": h, "status": st,
         "section": f"fig-{fig}", "section_title": fig} for p, fig, c, h, st in claims]}


def test_differences_list_every_changed_number_and_claim_with_both_values_and_nothing_else():
    before = record([("book/a", "s1", "x", ".1f", "1.0"), ("book/a", "s1", "y", "", "5"),
                     ("book/b", "s2", "z", "", "7"), ("book/b", "s2", "gone", "", "3")],
                    [("book/a", "fa", "c1", True, "holds at 12"), ("book/b", "fb", "c2", True, "holds at 3")])
    after = record([("book/a", "s1", "x", ".1f", "1.5"), ("book/a", "s3", "y", "", "5"),  # y moved, same value
                    ("book/b", "s2", "z", "", "7"), ("book/b", "s2", "new", "", "9")],
                   [("book/a", "fa", "c1", False, "fails at 8"), ("book/b", "fb", "c2", True, "holds at 3")],
                   version="1.1.0")
    diffs = changes.differences(before, after)
    got = [(d["kind"], d["page"], d["section"], d["name"].split(":")[0], d["before"], d["after"]) for d in diffs]
    assert got == [("number", "book/a", "s1", "x", "1.0", "1.5"),
                   ("claim", "book/a", "fig-fa", "c1", "holds: holds at 12", "fails: fails at 8"),
                   ("number", "book/b", "s2", "new", None, "9"),
                   ("number", "book/b", "s2", "gone", "3", None)]
    assert changes.differences(after, after) == []


def test_the_changes_page_shows_both_values_under_their_section_and_links_the_section():
    before = record([("book/a", "s1", "x", ".1f", "1.0")])
    after = record([("book/a", "s1", "x", ".1f", "1.5")], version="1.1.0")
    page = changes.changes_html(before, after, {"book/a": "Chapter A"}, lambda p, s: f"{p[5:]}.html#{s}")
    assert re.search(r'<h2>Chapter A</h2><h3><a href="a\.html#s1">S1</a></h3>', page)
    assert re.search(r"<code>x</code></td><td>1\.0</td><td>1\.5</td>", page)
    assert "Version 1.0.0" in page and "Version 1.1.0" in page
    assert "No number" in changes.changes_html(after, after, {}, lambda p, s: "")
    assert "No earlier release" in changes.changes_html(None, after, {}, lambda p, s: "")


def test_an_anchor_that_disappears_is_reported_unless_it_moved_to_an_anchor_that_exists():
    before = {"book/a.html", "book/a.html#one", "book/a.html#two", "book/a.html#three"}
    after = {"book/a.html", "book/a.html#one", "book/a.html#deux"}
    assert versions.missing_anchors(before, after, {}) == ["book/a.html#three", "book/a.html#two"]
    assert versions.missing_anchors(before, after, {"book/a.html#two": "book/a.html#deux"}) == ["book/a.html#three"]
    assert versions.missing_anchors(before, after, {"book/a.html#two": "book/a.html#nowhere"}) == [
        "book/a.html#three", "book/a.html#two"]


# --- the session's build (the latest) --------------------------------------------------------------

def test_the_build_records_every_number_in_the_prose_and_every_claim(built_html):
    from essays.claims import all_cruxes

    data = json.loads((built_html / changes.RECORD_FILE).read_text(encoding="utf-8"))
    assert data["version"] == VERSION
    for page in toc_files():
        source = re.sub(r"```.*?```", "", (ROOT / f"{page}.md").read_text(encoding="utf-8"), flags=re.S)
        recorded = [n for n in data["numbers"] if n["page"] == page]
        roles = re.findall(r"\{glue(?::text)?\}`|\{eval\}`glued\(", source)
        assert len(recorded) == len(roles), page
        html = (built_html / f"{page}.html").read_text(encoding="utf-8")
        text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html)))
        for n in recorded:
            assert f'id="{n["section"]}"' in html, (page, n["section"])
            assert re.sub(r"\s+", " ", n["value"]) in text, (page, n)
    assert len(data["claims"]) == len(all_cruxes()) > 0
    assert {c["holds"] for c in data["claims"]} <= {True, False}


def test_the_latest_page_names_this_versions_permanent_url_and_its_own(built_html, monkeypatch):
    monkeypatch.delenv(citation.SITE_URL_ENV, raising=False)
    for page in toc_files():
        html = (built_html / f"{page}.html").read_text(encoding="utf-8")
        public = re.findall(r'<meta name="citation_public_url" content="([^"]+)"', html)
        full = re.findall(r'<meta name="citation_fulltext_html_url" content="([^"]+)"', html)
        assert public == [citation.versioned_url(f"{page}.html")], page
        assert full == [citation.latest_url(f"{page}.html")], page
        assert f"/v/{VERSION}/{page}.html" in public[0]
        assert 'class="version-banner"' not in html, page
    changes_page = (built_html / "book" / "changes.html").read_text(encoding="utf-8")
    assert "No earlier release" in changes_page or "changes-table" in changes_page


def test_every_anchor_of_each_published_version_resolves_in_the_latest(built_html):
    """With a multi-version site (``make versions``, ESSAYS_SITE=_build/html): every section label
    and figure id of every version is in the latest, or releases.yml says where it moved."""
    snapshots = sorted((built_html / "v").glob("*/")) if (built_html / "v").is_dir() else []
    if not snapshots:
        pytest.skip("a single-version build: `make versions` builds every version")
    latest = versions.anchors(built_html)
    moved = versions.read_releases()["moved"]
    assert any("#fig-" in a for a in latest)
    for snapshot in snapshots:
        assert versions.missing_anchors(versions.anchors(snapshot), latest, moved) == [], snapshot.name
