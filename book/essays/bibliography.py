"""Citations in a chapter's prose, readable on the site and in a live JupyterLab alike.

A chapter cites with ``{eval}`cite_p("key")``` ("[Kwa et al., 2025]") or ``{eval}`cite_t("key")```
("Kwa et al. [2025]"), several keys separated by commas: ``{eval}`cite_p("a","b")```.

* **The book build** never evaluates these: before a page is parsed, ``essays.sphinx_ext`` rewrites
  each into sphinxcontrib-bibtex's own role (:func:`as_cite_roles`: ``{cite:p}`a,b```), so the site's
  citations, links, tooltips and bibliography are sphinxcontrib-bibtex's, exactly as before.
* **JupyterLab** (jupyterlab-myst) has no bibliography: a ``{cite:p}`` role shows its bare key marked
  "Citation Not Found". It evaluates ``{eval}`` roles in the reader's kernel instead, where
  :func:`cite_p` and :func:`cite_t` format the entries of ``book/references.bib`` with
  sphinxcontrib-bibtex's own ``author_year`` referencing style, the one the site uses, so that the
  live notebook reads the same text as the page.
"""
from __future__ import annotations

import functools
import os
import re
import types
from pathlib import Path

from essays.prose import Shown

BIB = Path(__file__).resolve().parent.parent / "references.bib"
# As _config.yml sets them (tests/test_bibliography.py checks): the referencing style, and the
# bibliography's style (sphinxcontrib-bibtex's default, which _config.yml leaves as it is)
REFERENCE_STYLE = "author_year"
ENTRY_STYLE = "alpha"
_KEY = r"[A-Za-z0-9_:.+-]+"
# {eval}`cite_p("a")`, {eval}`cite_t("a","b")`: the only calls the book rewrites
CITE_EVAL = re.compile(r'\{eval\}`cite_([pt])\(("' + _KEY + r'"(?:,\s*"' + _KEY + r'")*)\)`')


@functools.lru_cache(maxsize=1)
def _entries():
    from pybtex.database import parse_file

    return parse_file(str(BIB), bib_format="bibtex").entries


@functools.lru_cache(maxsize=1)
def _styles():
    """sphinxcontrib-bibtex's referencing style, pybtex's entry style, and each key's place in the
    bibliography as that style sorts it."""
    import pybtex.plugin
    from sphinxcontrib.bibtex.plugin import find_plugin

    style = find_plugin("sphinxcontrib.bibtex.style.referencing", REFERENCE_STYLE)()
    formatter = pybtex.plugin.find_plugin("pybtex.style.formatting", ENTRY_STYLE)()
    order = {entry.key: i for i, entry in enumerate(formatter.sort(list(_entries().values())))}
    return style, formatter, order


def _cite(role: str, keys: tuple[str, ...]) -> Shown:
    import pybtex_docutils
    from sphinxcontrib.bibtex.domain import SphinxReferenceInfo
    from sphinxcontrib.bibtex.style.referencing import format_references

    if not keys:
        raise ValueError(f"cite_{role}: give at least one key of {BIB.name}")
    entries = _entries()
    unknown = [key for key in keys if key not in entries]
    if unknown:
        raise ValueError(f"cite_{role}: keys must be entries of {BIB.name}; unknown: {unknown}")
    style, formatter, order = _styles()
    # several keys are listed as the bibliography lists them (its style's sort), as on the site
    keys = tuple(sorted(dict.fromkeys(keys), key=order.__getitem__))
    # The style's templates link each reference through a Sphinx builder; plain text needs none.
    builder = types.SimpleNamespace(name="text", get_relative_uri=lambda source, target: "")
    references = [(entries[key], formatter.format_entry(key, entries[key]),
                   SphinxReferenceInfo(builder, "", "", key, None, "", "")) for key in keys]
    nodes = format_references(style, role, references).render(pybtex_docutils.Backend())
    return Shown("".join(node.astext() for node in nodes))


def cite_p(*keys: str) -> Shown:
    """A parenthetical citation as the site writes ``{cite:p}``: ``cite_p("kwa2025measuring")`` is
    "[Kwa et al., 2025]"; several keys come in the order of the bibliography."""
    return _cite("p", keys)


def cite_t(*keys: str) -> Shown:
    """A textual citation as the site writes ``{cite:t}``: ``cite_t("yudkowsky2024sunlight")`` is
    "Yudkowsky [2024]"."""
    return _cite("t", keys)


def in_markdown(role: str, *keys: str) -> str:
    """A citation inside Markdown that a code cell outputs (a table, say): sphinxcontrib-bibtex's role
    when the book is built (myst-nb parses a cell's Markdown as MyST), and in a live notebook, where
    jupyterlab-myst has no bibliography, the text :func:`cite_p` or :func:`cite_t` gives."""
    from essays.explorable import RENDER_ENV

    if role not in ("p", "t"):
        raise ValueError(f"in_markdown: role must be 'p' or 't', got {role!r}")
    text = _cite(role, keys)  # checks the keys
    if os.environ.get(RENDER_ENV) == "static":
        return "{cite:" + role + "}`" + ",".join(keys) + "`"
    return str(text)


def as_cite_roles(text: str) -> str:
    """``text`` with every ``{eval}`cite_p(...)``` / ``cite_t(...)`` made sphinxcontrib-bibtex's role.

    >>> as_cite_roles('as {eval}`cite_p("a2020","b2021")` and {eval}`cite_t("c")` show')
    'as {cite:p}`a2020,b2021` and {cite:t}`c` show'
    """
    def role(match: re.Match) -> str:
        keys = re.findall(r'"(' + _KEY + r')"', match.group(2))
        return "{cite:" + match.group(1) + "}`" + ",".join(keys) + "`"

    return CITE_EVAL.sub(role, text)
