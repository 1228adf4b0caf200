"""How to cite the book: everything comes from CITATION.cff, the one place the version is kept.

Every released version stays published at ``<site>/v/<version>/`` beside the latest at ``<site>/``
(``scripts/build_versions.py``). A build knows which it is from the environment:
``ESSAYS_VERSION_PATH`` (``v/<version>/``) is set for a versioned snapshot and empty for the latest.
The site's address is ``ESSAYS_SITE_URL`` (the deploy workflow sets it from GitHub Pages), else the
GitHub Pages address of the repository that ``_config.yml`` names (the one place naming it).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CITATION_FILE = ROOT / "CITATION.cff"
VERSION_PATH_ENV = "ESSAYS_VERSION_PATH"
SITE_URL_ENV = "ESSAYS_SITE_URL"


def metadata() -> dict:
    """The book's citation metadata (title, version, authors, date) from CITATION.cff."""
    return yaml.safe_load(CITATION_FILE.read_text(encoding="utf-8"))


def metadata_at(root: Path) -> dict:
    """The citation metadata of another checkout of the book (its ``CITATION.cff``)."""
    return yaml.safe_load((Path(root) / CITATION_FILE.name).read_text(encoding="utf-8"))


def authors(meta: dict) -> str:
    names = []
    for a in meta["authors"]:
        names.append(a.get("name") or f"{a['family-names']}, {a['given-names']}")
    return " and ".join(names)


def site_url() -> str:
    """The published site's root URL, ending in ``/``: ``ESSAYS_SITE_URL``, else GitHub Pages'
    address for ``repository.url`` in ``_config.yml`` (``https://<owner>.github.io/<repo>/``)."""
    url = os.environ.get(SITE_URL_ENV, "").strip()
    if not url:
        config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
        found = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+?)(?:\.git)?/?", config["repository"]["url"])
        if not found:
            raise ValueError(f"repository.url in _config.yml must be https://github.com/<owner>/<repo>, "
                             f"got {config['repository']['url']!r}; or set {SITE_URL_ENV}")
        url = f"https://{found.group(1).lower()}.github.io/{found.group(2)}/"
    return url.rstrip("/") + "/"


def version_path(version: str) -> str:
    """Where a version's snapshot lives under the site's root: ``v/<version>/``."""
    if not re.fullmatch(r"\d+\.\d+\.\d+", str(version)):
        raise ValueError(f"version must be MAJOR.MINOR.PATCH (digits), got {version!r}")
    return f"v/{version}/"


def build_version_path() -> str:
    """``v/<version>/`` when this build is a versioned snapshot (``ESSAYS_VERSION_PATH``), else ``""``."""
    path = os.environ.get(VERSION_PATH_ENV, "").strip().strip("/")
    if not path:
        return ""
    if not re.fullmatch(r"v/\d+\.\d+\.\d+", path):
        raise ValueError(f"{VERSION_PATH_ENV} must be v/<MAJOR.MINOR.PATCH>/ or empty, got {path!r}")
    return path + "/"


def versioned_url(page: str = "", meta: dict | None = None) -> str:
    """The permanent URL of ``page`` (e.g. ``book/trends.html``) in this version of the book."""
    meta = meta or metadata()
    return site_url() + version_path(meta["version"]) + page


def latest_url(page: str = "") -> str:
    """The URL of ``page`` in the latest version (the site's root)."""
    return site_url() + page


def text_citation(meta: dict | None = None) -> str:
    meta = meta or metadata()
    year = str(meta["date-released"])[:4]
    return f"{authors(meta)} ({year}). {meta['title']} (version {meta['version']}). {versioned_url(meta=meta)}"


def bibtex(meta: dict | None = None, key: str = "aifuturesessays") -> str:
    meta = meta or metadata()
    year = str(meta["date-released"])[:4]
    return (
        f"@book{{{key},\n"
        f"  author = {{{{{authors(meta)}}}}},\n"
        f"  title = {{{meta['title']}}},\n"
        f"  year = {{{year}}},\n"
        f"  version = {{{meta['version']}}},\n"
        f"  url = {{{versioned_url(meta=meta)}}},\n"
        f"}}"
    )
