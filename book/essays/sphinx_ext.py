"""Sphinx extension for the book: static explorables, vendored Vega, and a clean page.

- Sets ``ESSAYS_RENDER=static`` before any notebook executes, so every kernel the build starts
  renders explorables as static HTML (no ipywidgets state, no widget-manager CDN scripts).
- Loads the vendored Vega (``_static/vega/vega.min.js``; the figures' specs are compiled to Vega
  at build time), with ``essays.js``, only on pages that hold an explorable: nothing is loaded
  from a third-party host.
- Drops the scripts that log console errors on every page in this theme setup.
- Drops the theme's 1.45 MB icon script (``fontawesome.js``) from every page and writes
  ``_static/icons.css`` with just the icons the pages use, and drops the glyph rules of the icons no
  page uses from the theme's stylesheet (see ``essays.icons``).
- Draws math at build time as MathML (``essays.mathml``; ``html_math_renderer: mathml``).
- Reads a chapter's ``{eval}`cite_p(...)``` citations as sphinxcontrib-bibtex's ``{cite:p}`` roles
  (``essays.bibliography``: JupyterLab evaluates them, the site keeps the bibliography's own).
- Runs, in myst-nb's inline execution, every code cell above a Markdown cell before that cell's
  ``{eval}`` roles are read (``_run_cells_above_markdown``).
- Loads ``theme-fixes.js`` on every page: the visible sidebar toggles open the navigation and
  contents on a phone, and "On this page" follows the reader's scrolling.
- Versions (``essays.citation``): every page's ``citation_*`` tags carry the permanent URL of the
  page in this version; a versioned snapshot (``ESSAYS_VERSION_PATH=v/<version>/``) carries a banner
  linking to the same section in the latest version. Every build writes ``_numbers.json`` (each number
  in the prose and each claim's status, ``essays.changes``) and fills the "What changed" page
  (the ``essays-changes`` directive) from it and the previous release's record.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from essays import bibliography, theme
from essays.explorable import RENDER_ENV

# Vega alone, as released on npm (vega 6.4.0's build/vega.min.js, BSD-3-Clause, LICENSE.txt beside
# it): the pages' specs are compiled from Vega-Lite at build time (``Explorable.static_vega``), so
# neither Vega-Lite nor vega-embed is shipped. tests/test_vendor.py checks the file equals the
# release package-lock.json pins.
VENDOR = "vega/vega.min.js"
SOURCE_COMMIT_ENV = "ESSAYS_SOURCE_COMMIT"  # set by scripts/build_versions.py for a release's build


def _citation_meta(context, pagename: str) -> None:
    """Google Scholar / Highwire ``citation_*`` tags naming the page, the book and its version.

    ``citation_public_url`` is the page's permanent URL in this version (``<site>/v/<version>/...``);
    ``citation_fulltext_html_url`` is the page where it is served: the same on a versioned snapshot,
    the latest page's URL on the latest. ``essays-version-href`` / ``essays-latest-href`` (relative,
    for ``cite.js`` and ``essays.js``) lead to this page in this version and in the latest.
    """
    from html import escape

    from essays import citation

    meta = citation.metadata()
    page = pagename + ".html"
    snapshot = citation.build_version_path()
    versioned = citation.versioned_url(page, meta)
    title = re.sub(r"<[^>]+>", "", context.get("title", "")) or meta["title"]
    tags = [("citation_title", title), ("citation_inbook_title", meta["title"]),
            ("citation_publication_date", str(meta["date-released"]).replace("-", "/")),
            ("citation_version", str(meta["version"])), ("citation_language", "en"),
            ("citation_public_url", versioned),
            ("citation_fulltext_html_url", versioned if snapshot else citation.latest_url(page))]
    tags += [("citation_author", a.get("name") or f"{a['family-names']}, {a['given-names']}")
             for a in meta["authors"]]
    up = "../" * pagename.count("/")  # from this page to this build's root
    if snapshot:
        tags += [("essays-snapshot", str(meta["version"])), ("essays-version-href", pagename.rsplit("/", 1)[-1] + ".html"),
                 ("essays-latest-href", up + "../" * snapshot.count("/") + page)]
    else:
        tags += [("essays-version-href", up + citation.version_path(meta["version"]) + page),
                 ("essays-latest-href", pagename.rsplit("/", 1)[-1] + ".html")]
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<meta name="{name}" content="{escape(value, quote=True)}" />' for name, value in tags)
    context["metatags"] += _moved_anchors(pagename) if not snapshot else ""


def _moved_anchors(pagename: str) -> str:
    """The anchors of this page that a release had and this version moved (``moved`` in
    ``releases.yml``), as JSON that ``cite.js`` follows when a link names the old anchor."""
    import json

    from essays import versions

    page = pagename + ".html"
    up = "../" * pagename.count("/")
    moved = {old.split("#", 1)[1]: up + new for old, new in versions.read_releases()["moved"].items()
             if old.split("#", 1)[0] == page}
    if not moved:
        return ""
    body = json.dumps(moved).replace("<", "\\u003c")
    return f'\n<script type="application/json" id="essays-moved">{body}</script>'


def _version_banner(context, pagename: str) -> None:
    """On a versioned snapshot: which version this is, and a link to the same page in the latest
    (``cite.js`` adds the section the URL names, as the anchor changes)."""
    from html import escape

    from essays import citation

    snapshot = citation.build_version_path()
    if not snapshot or "body" not in context:
        return
    meta = citation.metadata()
    latest = "../" * (pagename.count("/") + snapshot.count("/")) + pagename + ".html"
    banner = (f'<div class="version-banner" role="note" data-version="{escape(str(meta["version"]))}">'
              f'You are reading version {escape(str(meta["version"]))} ({escape(str(meta["date-released"]))}) '
              f'of this book. <a class="version-latest" href="{escape(latest, quote=True)}">'
              f'The latest version of this section</a></div>')
    context["body"] = banner + context["body"]


_DARK_INK_JS = "window.essaysDarkInk = " + json.dumps(theme.DARK_INK, separators=(",", ":")) + ";"


def _page_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    _citation_meta(context, pagename)
    _version_banner(context, pagename)
    if 'class="explorable"' in context.get("body", ""):
        app.add_js_file(VENDOR, defer="defer", priority=900)
        app.add_js_file("essays.js", defer="defer", priority=901)
        app.add_js_file(None, body=_DARK_INK_JS, priority=899)
    # sphinx-thebe injects its config script a second time when launch buttons are on, which
    # throws "Identifier 'THEBE_JS_URL' has already been declared"; the book has no thebe.
    scripts = context.get("script_files")
    if scripts is not None:
        scripts = [s for s in scripts if not _is_thebe(s)]
        # the search page's own scripts (searchtools.js, in its template) run as they are parsed
        # and call doctools' functions at once, so its scripts stay in the parser's order
        context["script_files"] = scripts if pagename == "search" else [_deferred(s) for s in scripts]


def _is_thebe(script) -> bool:
    filename = str(getattr(script, "filename", script) or "")
    body = str(getattr(script, "attributes", {}).get("body", ""))
    return "thebe" in filename or "THEBE" in body


def _deferred(script):
    """A script file the page loads in order after parsing (``defer``) instead of stopping the
    parser until it has arrived and run. Sphinx's and its extensions' scripts (doctools, copybutton,
    togglebutton, sphinx-design's tabs, ...) act once the document is parsed and no inline script
    uses them, so none needs to block; inline scripts and async or module scripts are left as they
    are. Deferred scripts still run in the order the page lists them, before DOMContentLoaded."""
    attributes = getattr(script, "attributes", None)
    if not getattr(script, "filename", None) or attributes is None:
        return script
    if {"defer", "async"} & set(attributes) or attributes.get("type") == "module":
        return script
    return type(script)(script.filename, priority=script.priority, **attributes, defer="defer")


ICON_SCRIPT = re.compile(r'\s*<script[^>]*src="[^"]*_static/scripts/fontawesome\.js[^"]*"[^>]*></script>')


# pydata-sphinx-theme loads Sphinx's search scripts and the whole search index (about 80 KB) on every
# page, for its search-as-you-type; with that option off (the default, and this book's) only the
# search page uses them, and the theme's script checks for them before use.
SEARCH_SCRIPTS = re.compile(
    r'\s*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)"></script>')


def _without_icon_script(app: Sphinx) -> None:
    """Every page the HTML builder renders (404 page included) loses the theme's icon script, and
    every page but the search page the search scripts (``SEARCH_SCRIPTS``)."""
    if app.builder.format != "html" or not hasattr(app.builder, "templates"):
        return
    templates = app.builder.templates
    render = templates.render

    options = app.builder.theme.get_options(app.builder.theme_options)
    search_as_you_type = str(options.get("search_as_you_type", False)).lower() in ("true", "1")

    def render_page(template, context):
        html = ICON_SCRIPT.sub("", render(template, context))
        if not search_as_you_type and context.get("pagename") != "search":
            html = SEARCH_SCRIPTS.sub("", html)
        return html

    templates.render = render_page


def _write_icons(app: Sphinx, exception) -> None:
    if exception or app.builder.format != "html":
        return
    from essays import icons
    from sphinx.util import logging

    outdir = Path(app.outdir)
    used: set[tuple[str, str]] = set()
    for page in outdir.rglob("*.html"):
        used |= icons.used_icons(page.read_text(encoding="utf-8", errors="replace"))
    packs = icons.icon_packs(icons.theme_script().read_text(encoding="utf-8"))
    css, missing = icons.stylesheet(used, packs)
    theme_css = [path.read_text(encoding="utf-8") for path in sorted((outdir / "_static").rglob("*.css"))
                 if path.name != "icons.css"]
    css += icons.pseudo_element_rules(theme_css, packs)
    if missing:
        logging.getLogger(__name__).info("icons drawn from the theme's web font: %s",
                                         ", ".join(f"{p} {n}" for p, n in sorted(missing)))
    (outdir / "_static" / "icons.css").write_text(css, encoding="utf-8")
    theme = outdir / "_static" / "styles" / "pydata-sphinx-theme.css"
    if theme.exists():
        theme.write_text(icons.without_unused_glyphs(theme.read_text(encoding="utf-8"), used), encoding="utf-8")
    # no page loads it: keep it out of the published site
    for name in ("fontawesome.js", "fontawesome.js.map", "fontawesome.js.LICENSE.txt"):
        (outdir / "_static" / "scripts" / name).unlink(missing_ok=True)


def _site_prefix(app: Sphinx, config) -> None:
    """The 404 page links absolutely; the prefix is the site's path where it is published
    (``/`` locally, ``/<repository>/`` on GitHub Pages: the deploy workflow sets it)."""
    from essays import citation

    prefix = "/".join(part for part in (os.environ.get("ESSAYS_SITE_PREFIX", "/").strip("/"),
                                         citation.build_version_path().strip("/")) if part)
    config.notfound_urls_prefix = "/" + prefix + "/" if prefix else "/"
    # a release built from its commit: its launch buttons open that commit's chapters, not the branch's
    commit = os.environ.get(SOURCE_COMMIT_ENV, "").strip()
    if commit:
        if not re.fullmatch(r"[0-9a-f]{40}", commit):
            raise ValueError(f"{SOURCE_COMMIT_ENV} must be a full 40-hex commit, got {commit!r}")
        config.html_theme_options = {**(config.html_theme_options or {}), "repository_branch": commit}


# ------------------------------------------------------------------------------------------------
# The numbers record (_numbers.json) and the "What changed" page
# ------------------------------------------------------------------------------------------------

class changes_placeholder(nodes.General, nodes.Element):
    """Where the "What changed" table goes, once every page has been executed."""


class ChangesDirective(SphinxDirective):
    has_content = False

    def run(self):
        return [changes_placeholder()]


def _record(app: Sphinx) -> dict:
    """This build's numbers record, computed once (after every notebook has run)."""
    if getattr(app, "_essays_record", None) is None:
        from essays import changes, citation

        env = app.env
        docs = [d for d in env.found_docs if Path(env.doc2path(d)).suffix == ".md"]
        order = {d: i for i, d in enumerate(_toc_order(app))}
        docs.sort(key=lambda d: (order.get(d, len(order)), d))
        app._essays_record = changes.record([(d, Path(env.doc2path(d))) for d in docs],
                                            Path(env.mystnb_config.output_folder),
                                            str(citation.metadata()["version"]))
    return app._essays_record


def _toc_order(app: Sphinx) -> list[str]:
    """The book's pages in reading order (the root, then the toctree depth-first)."""
    env = app.env
    root = app.config.root_doc
    seen: list[str] = []

    def walk(doc):
        if doc in seen:
            return
        seen.append(doc)
        for child in env.toctree_includes.get(doc, []):
            walk(child)

    walk(root)
    return seen


def _fill_changes(app: Sphinx, doctree, docname) -> None:
    placeholders = list(doctree.findall(changes_placeholder))
    if not placeholders:
        return
    from essays import changes

    titles = {d: app.env.titles[d].astext() for d in app.env.titles}

    def href(page, anchor):
        return app.builder.get_relative_uri(docname, page) + (f"#{anchor}" if anchor else "")

    body = changes.changes_html(changes.previous_record(), _record(app), titles, href)
    for node in placeholders:
        node.replace_self(nodes.raw("", body, format="html"))


def _write_record(app: Sphinx, exception) -> None:
    if exception or app.builder.format != "html":
        return
    import json

    from essays import changes

    (Path(app.outdir) / changes.RECORD_FILE).write_text(
        json.dumps(_record(app), indent=1, ensure_ascii=False), encoding="utf-8")


def _cite_roles(app: Sphinx, docname: str, source: list[str]) -> None:
    """Before a page is parsed: its ``{eval}`cite_p("key")``` become ``{cite:p}`key``` (see
    ``essays.bibliography``), so the kernel never evaluates a citation on the site."""
    source[0] = bibliography.as_cite_roles(source[0])


def _run_cells_above_markdown() -> None:
    """In inline execution myst-nb runs a code cell when it renders it, and skips rendering cells
    tagged ``remove-cell``: a setup cell so tagged has not run yet when the prose below it is read,
    and an ``{eval}`` there finds nothing (myst-nb issue #418). Here a Markdown cell first runs
    every code cell above it, in order, whether rendered or not; outputs are unchanged."""
    from myst_nb.core.execute.inline import NotebookClientInline
    from myst_nb.core.render import MditRenderMixin

    render = MditRenderMixin.render_nb_cell_markdown
    if getattr(render, "_runs_cells_above", False):
        return

    def render_nb_cell_markdown(self, token) -> None:
        if isinstance(self.nb_client, NotebookClientInline):
            self.nb_client.code_cell_outputs(token.meta["index"])
        render(self, token)

    render_nb_cell_markdown._runs_cells_above = True
    MditRenderMixin.render_nb_cell_markdown = render_nb_cell_markdown


def _kernels_over_ipc() -> None:
    """The build's kernels talk to Sphinx over Unix sockets, not TCP ports. Pages are read in
    parallel processes (``_read_in_parallel``), and a TCP kernel's five ports are picked free in one
    process and bound later in another: two kernels started at once (or any other connection on the
    machine) can take the same port, and the kernel dies on start, 'Address already in use' (seen in
    a clean-clone CI run). A Unix socket's name is this kernel's own file, which nothing else takes.
    (Where there are no Unix sockets, Windows, Sphinx reads serially and the kernels keep TCP.)"""
    import tempfile
    import uuid

    from myst_nb.core.execute.inline import ModifiedNotebookClient

    create = ModifiedNotebookClient.create_kernel_manager
    if os.name != "posix" or getattr(create, "_over_ipc", False):
        return

    def create_kernel_manager(self):
        km = create(self)
        km.transport = "ipc"
        # The sockets are files <ip>-1 ... <ip>-5, removed when the kernel shuts down. A socket's
        # path holds at most 103 bytes on macOS (107 on Linux): /tmp, not a long $TMPDIR or
        # Jupyter's runtime folder.
        folder = "/tmp" if os.path.isdir("/tmp") else tempfile.gettempdir()
        km.ip = os.path.join(folder, f"essays-kernel-{uuid.uuid4().hex[:16]}")
        return km

    create_kernel_manager._over_ipc = True
    ModifiedNotebookClient.create_kernel_manager = create_kernel_manager


def _read_in_parallel(app: Sphinx) -> None:
    """Read (and so execute) the pages in parallel, as ``sphinx-build -j`` does: ``jupyter-book
    build`` has no such option, and executing the chapters is most of a build. Twice as many
    processes as cores, so that one long chapter does not leave a core idle (Sphinx hands each
    process an equal share of pages, in name order). ``tests/test_reproducible.py`` compares two
    clean builds page by page, and a serial build wrote the same pages."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    app.parallel = max(app.parallel, 2 * cores)
    app.connect("builder-inited", _declare_parallel_safe)


def _declare_parallel_safe(app: Sphinx) -> None:
    """Two extensions that jupyter-book loads do not declare whether they are safe to read in
    parallel, and Sphinx then warns (an error here) and reads serially. Both are: multitoc-numbering
    only replaces how section numbers are assigned, after reading, in the main process; the LaTeX
    extension's transforms do nothing outside a LaTeX build."""
    for name in ("sphinx_multitoc_numbering", "sphinx_jupyterbook_latex"):
        if name in app.extensions:
            app.extensions[name].parallel_read_safe = True


def setup(app: Sphinx) -> dict:
    os.environ[RENDER_ENV] = "static"
    _kernels_over_ipc()
    _read_in_parallel(app)
    _run_cells_above_markdown()
    app.setup_extension("essays.mathml")
    app.connect("config-inited", _site_prefix)
    app.connect("source-read", _cite_roles)
    app.connect("html-page-context", _page_scripts)
    app.connect("builder-inited", _without_icon_script)
    app.connect("build-finished", _write_icons)
    app.connect("build-finished", _write_record)
    app.add_node(changes_placeholder)
    app.add_directive("essays-changes", ChangesDirective)
    app.connect("doctree-resolved", _fill_changes)
    app.add_css_file("icons.css")
    app.add_css_file("essays.css")
    app.add_js_file("cite.js", defer="defer")
    app.add_js_file("theme-fixes.js", defer="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
