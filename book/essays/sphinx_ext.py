"""Sphinx extension for the book: static explorables, vendored Vega, and a clean page.

- Sets ``ESSAYS_RENDER=static`` before any notebook executes, so every kernel the build starts
  renders explorables as static HTML (no ipywidgets state, no widget-manager CDN scripts).
- Writes the Vega / Vega-Lite / vega-embed bundle (from ``vl-convert-python``, matching altair's
  Vega-Lite version) into the site's ``_static/vendor/`` and loads it, with ``essays.js``, only on
  pages that hold an explorable: nothing is loaded from a third-party host.
- Drops the scripts that log console errors on every page in this theme setup.
- Drops the theme's 1.45 MB icon script (``fontawesome.js``) from every page and writes
  ``_static/icons.css`` with just the icons the pages use (see ``essays.icons``).
- Draws math at build time as MathML (``essays.mathml``; ``html_math_renderer: mathml``).
- Runs, in myst-nb's inline execution, every code cell above a Markdown cell before that cell's
  ``{eval}`` roles are read (``_run_cells_above_markdown``).
- Loads ``theme-fixes.js`` on every page: the visible sidebar toggles open the navigation and
  contents on a phone, and "On this page" follows the reader's scrolling.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from sphinx.application import Sphinx

from essays.explorable import RENDER_ENV

VENDOR = "vendor/vega-bundle.js"
STATIC = Path(__file__).resolve().parent.parent / "_static"


def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one classic script defining window.vega*.

    vl-convert emits an ES-module-style bundle with top-level ``const`` names that clash with
    Sphinx's own globals (``_``) when loaded as a classic script; wrapping it in a function scope
    keeps its names private while it still assigns ``window.vegaEmbed``.
    """
    import altair as alt
    import vl_convert as vlc

    version = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return "(function(){\n" + vlc.javascript_bundle(vl_version=version) + "\n})();\n"


def _write_bundle(app: Sphinx, exception) -> None:
    if exception or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / VENDOR
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(vega_bundle(), encoding="utf-8")


def _citation_meta(context) -> None:
    """Google Scholar / Highwire ``citation_*`` tags naming the page, the book and its version."""
    from html import escape

    from essays import citation

    meta = citation.metadata()
    title = re.sub(r"<[^>]+>", "", context.get("title", "")) or meta["title"]
    tags = [("citation_title", title), ("citation_inbook_title", meta["title"]),
            ("citation_publication_date", str(meta["date-released"]).replace("-", "/")),
            ("citation_version", str(meta["version"])), ("citation_language", "en")]
    tags += [("citation_author", a.get("name") or f"{a['family-names']}, {a['given-names']}")
             for a in meta["authors"]]
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<meta name="{name}" content="{escape(value, quote=True)}" />' for name, value in tags)


def _page_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    _citation_meta(context)
    if 'class="explorable"' in context.get("body", ""):
        app.add_js_file(VENDOR, defer="defer", priority=900)
        app.add_js_file("essays.js", defer="defer", priority=901)
    # sphinx-thebe injects its config script a second time when launch buttons are on, which
    # throws "Identifier 'THEBE_JS_URL' has already been declared"; the book has no thebe.
    scripts = context.get("script_files")
    if scripts is not None:
        context["script_files"] = [s for s in scripts if not _is_thebe(s)]


def _is_thebe(script) -> bool:
    filename = str(getattr(script, "filename", script) or "")
    body = str(getattr(script, "attributes", {}).get("body", ""))
    return "thebe" in filename or "THEBE" in body


ICON_SCRIPT = re.compile(r'\s*<script[^>]*src="[^"]*_static/scripts/fontawesome\.js[^"]*"[^>]*></script>')


def _without_icon_script(app: Sphinx) -> None:
    """Every page the HTML builder renders (404 page included) loses the theme's icon script."""
    if app.builder.format != "html" or not hasattr(app.builder, "templates"):
        return
    templates = app.builder.templates
    render = templates.render

    def render_page(template, context):
        return ICON_SCRIPT.sub("", render(template, context))

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
    # no page loads it: keep it out of the published site
    for name in ("fontawesome.js", "fontawesome.js.map", "fontawesome.js.LICENSE.txt"):
        (outdir / "_static" / "scripts" / name).unlink(missing_ok=True)


def _site_prefix(app: Sphinx, config) -> None:
    """The 404 page links absolutely; the prefix is the site's path where it is published
    (``/`` locally, ``/<repository>/`` on GitHub Pages: the deploy workflow sets it)."""
    prefix = os.environ.get("ESSAYS_SITE_PREFIX", "/")
    config.notfound_urls_prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"


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


def setup(app: Sphinx) -> dict:
    os.environ[RENDER_ENV] = "static"
    _run_cells_above_markdown()
    app.setup_extension("essays.mathml")
    app.connect("config-inited", _site_prefix)
    app.connect("html-page-context", _page_scripts)
    app.connect("builder-inited", _without_icon_script)
    app.connect("build-finished", _write_bundle)
    app.connect("build-finished", _write_icons)
    app.add_css_file("icons.css")
    app.add_css_file("essays.css")
    app.add_js_file("cite.js", defer="defer")
    app.add_js_file("theme-fixes.js", defer="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
