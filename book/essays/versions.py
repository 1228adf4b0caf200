"""The book's recorded releases (``releases.yml``: version -> commit) and the anchors of a build.

``scripts/build_versions.py`` builds each recorded release at ``<site>/v/<version>/`` and checks
with ``missing_anchors`` that every section label and figure id of a release still resolves in the
next one (or is listed under ``moved`` in ``releases.yml``).
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
RELEASES_FILE = ROOT / "releases.yml"
_VERSION = re.compile(r"\d+\.\d+\.\d+")
_COMMIT = re.compile(r"[0-9a-f]{40}")
_AUTO_ID = re.compile(r"id\d+")


def version_key(version: str) -> tuple[int, ...]:
    if not _VERSION.fullmatch(str(version)):
        raise ValueError(f"version must be MAJOR.MINOR.PATCH (digits), got {version!r}")
    return tuple(int(part) for part in str(version).split("."))


def read_releases(path: Path = RELEASES_FILE) -> dict:
    """``{"releases": {version: commit}, "moved": {old: new}}``, releases in version order."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    releases = data.get("releases") or {}
    moved = data.get("moved") or {}
    if not isinstance(releases, dict) or not isinstance(moved, dict):
        raise ValueError(f"{path.name}: releases and moved must be mappings")
    out = {}
    for version, commit in releases.items():
        version_key(str(version))
        if not _COMMIT.fullmatch(str(commit)):
            raise ValueError(f"{path.name}: release {version} must name a full 40-hex commit, got {commit!r}")
        out[str(version)] = str(commit)
    for old, new in moved.items():
        for anchor in (old, new):
            if not re.fullmatch(r"[A-Za-z0-9_/.-]+\.html#[A-Za-z0-9_-]+", str(anchor)):
                raise ValueError(f"{path.name}: moved anchors are <page>.html#<id>, got {anchor!r}")
    return {"releases": dict(sorted(out.items(), key=lambda kv: version_key(kv[0]))),
            "moved": {str(k): str(v) for k, v in moved.items()}}


def previous_release(releases: dict[str, str], version: str) -> str | None:
    """The last recorded release before ``version``, or None."""
    earlier = [v for v in releases if version_key(v) < version_key(version)]
    return max(earlier, key=version_key) if earlier else None


class _Ids(HTMLParser):
    TAGS = {"section", "span", "figure", "tr", "div", "dt", "table"}

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        found = dict(attrs).get("id")
        if found and tag in self.TAGS and not _AUTO_ID.fullmatch(found):
            self.ids.add(found)


def anchors(html_root: Path) -> set[str]:
    """Every stable anchor of a build: ``book/<page>.html#<id>`` for each section label, section and
    figure id (ids Sphinx numbers, ``id1`` ..., are not stable and left out), and each page itself."""
    out: set[str] = set()
    for page in sorted((html_root / "book").glob("*.html")):
        name = f"book/{page.name}"
        parser = _Ids()
        parser.feed(page.read_text(encoding="utf-8"))
        out.add(name)
        out |= {f"{name}#{i}" for i in parser.ids}
    return out


def missing_anchors(previous: set[str], current: set[str], moved: dict[str, str]) -> list[str]:
    """Anchors of the previous release that the current build lacks and ``moved`` does not redirect
    to an anchor the current build has."""
    return sorted(a for a in previous - current if moved.get(a) not in current)
