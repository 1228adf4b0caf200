"""Shared fixtures: the book's chapters, one clean build of the site, a localhost server and a
headless Chromium that can reach nothing but localhost."""
from __future__ import annotations

import essays  # noqa: F401  (first, before anything imports jsonschema: see essays/__init__.py)
import contextlib
import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from hypothesis import settings

# CI runs each property test on the same examples every time (no flaky red from a new random draw);
# locally hypothesis explores fresh examples on every run.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Other hosts are out of reach: no name resolves but localhost's, and any other address goes to a
# proxy that is not there (Chromium never sends loopback requests through a proxy).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
                 "--proxy-server=http://127.0.0.1:9"]
# The tests' browser only (the bench measures Chromium as readers have it): a wheel scrolls at once,
# so a test reads where the page is right after each step; a tab a test leaves keeps no frozen copy
# of its page (Pages reuses tabs).
TEST_CHROMIUM_ARGS = CHROMIUM_ARGS + ["--disable-smooth-scrolling", "--disable-features=BackForwardCache"]


# Tests that share an expensive module fixture (a PDF, a second build, a kernel, a JupyterLab server,
# the layout probes of test_site_layout) run on one xdist worker together (``--dist loadgroup``);
# the rest spread over the workers.
GROUPS = {"test_pdf": "pdf", "test_reproducible": "second-build", "test_live_kernel": "kernel",
          "test_jupyterlab": "jupyterlab", "test_site_versions": "second-build",
          "test_site_layout": "layout-probes"}  # each (chapter, width, theme) probed once, not once per worker


# tryfirst: an xdist worker reads the group marks in its own collection_modifyitems, which must find
# them there. (Under pytest 9.2 it finds them and still cannot group: see requirements-dev.txt.)
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    for item in items:
        group = GROUPS.get(item.module.__name__.rsplit(".", 1)[-1])
        if group:
            item.add_marker(pytest.mark.xdist_group(group))
        # a test that reads the built book waits for a whole build: `make test-fast` leaves it out
        if {"site", "built_html"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.site)


def toc_files() -> list[str]:
    """Every page of the book in _toc.yml order, as paths relative to the root without suffix."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                files.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk({k: v for k, v in toc.items() if k != "root"})
    return files


def chapter_sources() -> list[Path]:
    """The pages that are notebooks (MyST markdown with a jupytext/kernelspec header)."""
    paths = [ROOT / f"{f}.md" for f in toc_files()]
    return [p for p in paths if p.exists() and "kernelspec:" in p.read_text(encoding="utf-8")[:600]]



def site_pages(html: Path) -> list[str]:
    """The book's pages in a built site, as paths relative to it without suffix: the root's pages
    (_toc.yml) and every page of each versioned snapshot under ``v/<version>/``."""
    pages = list(toc_files())
    for snapshot in sorted(p for p in (html / "v").glob("*") if p.is_dir()) if (html / "v").is_dir() else []:
        for page in sorted(snapshot.glob("book/*.html")):
            if page.stem not in ("genindex", "search"):
                pages.append(str(page.relative_to(html).with_suffix("")))
    return pages


def broken_links(html: Path, pages: list[str]) -> list[str]:
    """Every internal link of ``pages`` (relative to the site ``html``) to a missing file or anchor."""
    from html.parser import HTMLParser
    from urllib.parse import unquote

    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.ids, self.hrefs = set(), []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if attrs.get("id"):
                self.ids.add(attrs["id"])
            if tag == "a" and attrs.get("href"):
                self.hrefs.append(attrs["href"])

    parsed: dict[Path, Links] = {}

    def parse(path: Path) -> Links:
        if path not in parsed:
            p = Links()
            p.feed(path.read_text(encoding="utf-8"))
            parsed[path] = p
        return parsed[path]

    broken = []
    for page in pages:
        source = html / f"{page}.html"
        for href in parse(source).hrefs:
            url = urlparse(href)
            if url.scheme or url.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            target = (source.parent / unquote(url.path)).resolve() if url.path else source
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page}: {href} (no such file)")
                continue
            if url.fragment and target.suffix == ".html" and unquote(url.fragment) not in parse(target).ids:
                broken.append(f"{page}: {href} (no such anchor)")
    return broken


class Build:
    def __init__(self, returncode: int, log: str, html: Path):
        self.returncode, self.log, self.html = returncode, log, html


def _build(out: Path) -> Build:
    cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), "--path-output", str(out),
           "-W", "-n", "--keep-going"]
    env = {k: v for k, v in os.environ.items() if k != "ESSAYS_RENDER"}
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=1200)
    return Build(result.returncode, result.stdout + result.stderr, out / "_build" / "html")


@pytest.fixture(scope="session")
def site(tmp_path_factory, worker_id) -> Build:
    """One clean build of the whole book, with warnings as errors (or ESSAYS_SITE, prebuilt).

    Under pytest-xdist (``make test`` runs two workers) the first worker to ask builds it and the
    others wait for that build, behind a lock in the folder the workers share.
    """
    prebuilt = os.environ.get("ESSAYS_SITE")
    if prebuilt:
        return Build(0, "", Path(prebuilt))
    if worker_id == "master":
        return _build(tmp_path_factory.mktemp("book"))
    import fcntl
    import json

    shared = tmp_path_factory.getbasetemp().parent
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        record = shared / "site.json"
        if not record.exists():
            (shared / "book").mkdir(exist_ok=True)
            build = _build(shared / "book")
            record.write_text(json.dumps({"returncode": build.returncode, "log": build.log, "html": str(build.html)}))
        data = json.loads(record.read_text())
    return Build(data["returncode"], data["log"], Path(data["html"]))


@pytest.fixture(scope="session")
def built_html(site) -> Path:
    assert site.returncode == 0, f"the book build failed:\n{site.log[-5000:]}"
    return site.html


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site as GitHub Pages does, 404.html included."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def server(built_html) -> str:
    handler = functools.partial(_QuietHandler, directory=str(built_html))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=TEST_CHROMIUM_ARGS)
        yield browser
        browser.close()


LOCAL_HOSTS = ("127.0.0.1", "localhost")
# What the site never loads: the theme's icon script and a TeX engine (files named so), and icon fonts
HEAVY = re.compile(r"fontawesome\.js|mathjax|katex|tex-chtml|tex-svg|tex-mml", re.I)


def heavy_requests(urls: list[str]) -> list[str]:
    return [u for u in urls if HEAVY.search(u) or "fontawesome/webfonts" in u]


FIGURE_TAG = re.compile(r'<figure class="explorable" id="fig-([a-z0-9_]+)"')


def figures_in(page_file: Path) -> list[str]:
    """The names of the figures a built page holds, in page order (read from its HTML)."""
    return FIGURE_TAG.findall(page_file.read_text(encoding="utf-8"))


def figures_on(page) -> list[str]:
    """The names of the figures on a page open in the browser, in page order."""
    return page.eval_on_selector_all("figure.explorable", "els => els.map(e => e.dataset.name)")


def on_essays(body: str) -> str:
    """An init script (run before any page script) that runs the JavaScript ``body`` with ``v`` bound
    to window.essays the moment essays.js sets it: to note when its promises (``first``, ``ready``)
    resolve, and what the page shows then."""
    return """(() => {
  let value;
  Object.defineProperty(window, 'essays', {
    configurable: true, enumerable: true,
    get() { return value; },
    set(v) {
      value = v;
      if (v) {
""" + body + """
      }
    },
  });
})();"""


class Pages:
    """The browser tabs of one test worker, kept open between visits.

    A visit opens its page in a tab that earlier visits used (navigated away to about:blank, the
    site's storage cleared, the mouse moved off the page): Chromium then keeps its compiled Vega and
    its cache between visits, and a chapter loads in about half the time a new browser context takes.
    A visit that must see the page as a first-time reader does (every request the page makes, from
    an empty cache) asks for ``fresh=True`` and gets a context of its own.
    """

    KEEP = 3  # idle tabs kept for the next visits; more are closed

    def __init__(self, browser):
        self.browser = browser
        self.context = browser.new_context()
        self.idle: list = []

    def take(self, width: int | None, height: int, color_scheme: str = "light"):
        page = self.idle.pop() if self.idle else self.context.new_page()
        page.set_viewport_size({"width": width or 1280, "height": height if width else 720})
        if color_scheme != "light":
            page.emulate_media(color_scheme=color_scheme)
        return page

    def give_back(self, page, origins: set[str]) -> None:
        try:
            if page.url.startswith("http"):
                page.evaluate("() => { try { localStorage.clear(); sessionStorage.clear(); } catch (e) {} }")
            page.goto("about:blank")
            page.mouse.move(-1, -1)
            page.emulate_media(color_scheme="light")  # as the context's pages start
            session = self.context.new_cdp_session(page)
            for origin in origins:
                session.send("Storage.clearDataForOrigin", {
                    "origin": origin, "storageTypes": "cookies,local_storage,indexeddb,service_workers,cache_storage"})
            session.detach()
        except Exception:  # a tab a test broke is not reused
            page.close()
            return
        if len(self.idle) < self.KEEP:
            self.idle.append(page)
        else:
            page.close()

    def close(self) -> None:
        self.context.close()


class Visit:
    """A page opened in a browser tab (from ``pages``, or in a context of its own when ``fresh``)
    that records console errors, its requests and those to other hosts (Chromium resolves no other
    host: CHROMIUM_ARGS); ``width`` (and ``height``) open it at that window size, laid out once,
    rather than resized after loading, and ``color_scheme`` as a system in that mode would. A reused
    tab may take a file from its memory cache without a request event: a test of what a page
    requests opens it ``fresh``. An ``init_script`` runs before any script of the page (in a context
    of its own: a reused tab's context would run it on every later visit); ``wait_until`` is
    Playwright's (``"networkidle"``: every request the page makes at load answered)."""

    def __init__(self, pages: Pages, url: str, width: int | None = None, height: int = 900, fresh: bool = False,
                 color_scheme: str = "light", init_script: str | None = None, wait_until: str = "load"):
        self.pages = pages
        fresh = fresh or init_script is not None
        self.own_context = pages.browser.new_context(
            color_scheme=color_scheme, **({"viewport": {"width": width, "height": height}} if width else {})) \
            if fresh else None
        if init_script is not None:
            self.own_context.add_init_script(init_script)
        self.page = self.own_context.new_page() if fresh else pages.take(width, height, color_scheme)
        self.errors: list[str] = []
        self.external: list[str] = []
        self.requested: list[str] = []
        self.origins: set[str] = set()
        self._listeners = [("console", lambda m: m.type == "error" and self.errors.append(m.text)),
                           ("pageerror", lambda e: self.errors.append(str(e))),
                           ("request", self._request)]
        for event, listener in self._listeners:
            self.page.on(event, listener)
        self.page.goto(url, wait_until=wait_until)

    def _request(self, request):
        self.requested.append(request.url)
        parts = urlparse(request.url)
        if parts.hostname in LOCAL_HOSTS:
            self.origins.add(f"{parts.scheme}://{parts.netloc}")
        elif parts.scheme not in ("data", "blob", "about"):
            self.external.append(request.url)

    def charts_drawn(self) -> "Visit":
        """Wait until every figure of the page is drawn (at once on a page without figures)."""
        self.page.wait_for_function("() => !document.querySelector('figure.explorable') || window.essays",
                                    timeout=20000)
        self.page.evaluate("() => window.essays ? window.essays.ready.then(() => true) : true")
        return self

    def settled(self) -> "Visit":
        """Wait until transitions have ended and no chart waits to be laid out again for its column's
        width (essays.js checks 50 ms after a column changes width: a check just set off is let run)."""
        self.page.wait_for_function("""() => document.getAnimations().every((a) => a.playState !== 'running'
            || a.effect.getComputedTiming().iterations === Infinity)
          && (!window.essays || Object.values(window.essays.figures).every((f) => !f.relayout()))""")
        self.page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 60))")
        return self

    def close(self):
        if self.own_context is not None:
            self.own_context.close()
            return
        for event, listener in self._listeners:
            self.page.remove_listener(event, listener)
        self.pages.give_back(self.page, self.origins)


@pytest.fixture(scope="session")
def pages(browser):
    tabs = Pages(browser)
    yield tabs
    tabs.close()


@contextlib.contextmanager
def visits(pages: Pages, base: str):
    """Opens pages of the site served at ``base``, each a :class:`Visit`; all closed on leaving."""
    opened: list[Visit] = []

    def open_page(path: str, width: int | None = None, height: int = 900, fresh: bool = False,
                  color_scheme: str = "light", init_script: str | None = None, wait_until: str = "load") -> Visit:
        v = Visit(pages, f"{base}/{path.lstrip('/')}", width, height, fresh, color_scheme, init_script, wait_until)
        opened.append(v)
        return v

    try:
        yield open_page
    finally:
        for v in opened:
            v.close()


@pytest.fixture
def visit(pages, server):
    with visits(pages, server) as open_page:
        yield open_page
