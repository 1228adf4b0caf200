"""How to cite the book: everything comes from CITATION.cff, the one place the version is kept."""
from __future__ import annotations

from pathlib import Path

import yaml

CITATION_FILE = Path(__file__).resolve().parents[2] / "CITATION.cff"


def metadata() -> dict:
    """The book's citation metadata (title, version, authors, date) from CITATION.cff."""
    return yaml.safe_load(CITATION_FILE.read_text(encoding="utf-8"))


def authors(meta: dict) -> str:
    names = []
    for a in meta["authors"]:
        names.append(a.get("name") or f"{a['family-names']}, {a['given-names']}")
    return " and ".join(names)


def text_citation(meta: dict | None = None) -> str:
    meta = meta or metadata()
    year = str(meta["date-released"])[:4]
    return f"{authors(meta)} ({year}). {meta['title']} (version {meta['version']})."


def bibtex(meta: dict | None = None, key: str = "aifuturesessays") -> str:
    meta = meta or metadata()
    year = str(meta["date-released"])[:4]
    return (
        f"@book{{{key},\n"
        f"  author = {{{{{authors(meta)}}}}},\n"
        f"  title = {{{meta['title']}}},\n"
        f"  year = {{{year}}},\n"
        f"  version = {{{meta['version']}}},\n"
        f"}}"
    )
