"""The live path as a Binder reader gets it: the Binder configuration, and a real JupyterLab.

Configuration (fast, no server): Binder (repo2docker) reads only ``binder/`` once that folder exists,
so ``binder/`` must carry the whole environment: the pinned ``requirements.txt``, Python 3.11 and the
``postBuild`` that makes JupyterLab open Markdown as notebooks. The local environment must equal it,
and the deploy workflow must build the site in it.

JupyterLab (``live``): ``jupyter lab`` from this environment on localhost with the repository as its
root, as Binder starts it; a chapter opened in headless Chromium at the path its launch button uses,
in a fresh workspace; every request to another host blocked and counted. The chapter must open as a
notebook (not as text), "Run All Cells" from the Run menu must finish with no error, every figure
must show its ipywidgets sliders and chart, and sliders moved by real keyboard and pointer events
must redraw the chart with the Python model's numbers at the new value, including values between the
static site's precomputed grid points. The prose must read as on the site (jupyterlab-myst: numbers
from the kernel, no raw MyST, the tested code shown), the code the site hides must open collapsed,
every slider must start exactly at its default, charts must fit their output areas in a 1024 px
window and follow the dark theme, ``figure()`` must draw offline, and saving the chapter must leave
its file byte-identical.

The CI run opens the parallelization chapter; ``make test-all`` (or ``-m slow``) opens every chapter.
The server runs with throwaway user settings (autosave off, so the test never writes a chapter back
through jupytext; no news or update checks, which would reach other hosts), workspaces, runtime and
checkpoint folders, so it leaves nothing behind in the repository or the home directory.
"""
from __future__ import annotations

import contextlib
import importlib
import json
import math
import os
import pkgutil
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path
from urllib.parse import quote, urlparse

import jupytext
import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import BOOK, ROOT, chapter_sources

BINDER = ROOT / "binder"
VENV_BIN = Path(sys.executable).parent
CI_CHAPTER = BOOK / "parallelization.md"
JUPYTEXT_VIEWER = "Jupytext Notebook"
WIDGET_OUTPUTS = ".jp-OutputArea-output > .jupyter-widgets"  # a widget output's root view
STDERR_MIME = "application/vnd.jupyter.stderr"
HIDDEN_TAGS = {"remove-cell", "remove-input", "hide-input"}  # code the site does not show: collapsed in JupyterLab
# MyST a reader must not see as text: roles, directives' fences, labels, literalinclude options,
# and an inline expression not (yet) evaluated (jupyterlab-myst shows it as code)
RAW_MYST = re.compile(r"\{(glue|cite|eval|ref|term|numref|doc)[:}]|:::\{|^\([\w-]+\)=$|:pyobject:|glued\(|cite_[pt]\(", re.M)

# Console errors JupyterLab may log that say nothing about the book. Each entry needs its reason.
ALLOWED_CONSOLE_ERRORS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^Cross reference target was not found: "),
     "jupyterlab-myst 2.7 resolves {ref} and {term} only against labels of the cells it has rendered; "
     "it logs the others (other chapters, the glossary) and shows their link text, unlinked"),
    (re.compile(r"^page error: Cannot read properties of undefined \(reading 'node'\)$"),
     "JupyterLab 4.6's cell toolbar measures a rendered Markdown cell's renderedInput to see if the "
     "toolbar overlaps it (an idle callback, _markdownOverlapsToolbar); jupyterlab-myst's Markdown "
     "cells render without one. Nothing else is affected"),
]

# Run-time dependencies that requirements.txt does not pin yet (sphinx-togglebutton declares
# setuptools and wheel as run-time requirements); to be pinned there, then removed from this list.
KNOWN_UNPINNED: set[str] = set()


# --------------------------------------------------------------------------------------------
# Binder's configuration and the environment
# --------------------------------------------------------------------------------------------

def pins(path: Path) -> dict[str, str]:
    """``name -> version`` of a requirements file, following ``-r`` includes; rejects anything unpinned."""
    found: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith(("-r ", "--requirement ")):
            found.update(pins((path.parent / line.split(None, 1)[1]).resolve()))
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([A-Za-z0-9.+!-]+)", line)
        assert match, f"{path.relative_to(ROOT)}: {raw!r} is not pinned as name==version"
        found[canonicalize_name(match.group(1))] = match.group(2)
    return found


def test_binder_reads_the_book_environment_from_the_binder_folder():
    # repo2docker ignores the root's requirements.txt, runtime.txt and postBuild once binder/ exists.
    lines = [l.split("#", 1)[0].strip() for l in (BINDER / "requirements.txt").read_text().splitlines()]
    assert [l for l in lines if l] == ["-r ../requirements.txt"], "binder/requirements.txt must be the book's list"
    assert pins(BINDER / "requirements.txt") == pins(ROOT / "requirements.txt")
    runtime = (BINDER / "runtime.txt").read_text().strip()
    assert runtime == "python-3.11"
    if (ROOT / "runtime.txt").exists():
        assert (ROOT / "runtime.txt").read_text().strip() == runtime, "runtime.txt and binder/runtime.txt differ"
    post_build = BINDER / "postBuild"
    assert os.access(post_build, os.X_OK), "binder/postBuild must be executable"
    assert not (ROOT / "postBuild").exists(), "a postBuild at the root is ignored by Binder: keep it in binder/"
    for name in ("jupyterlab", "jupyterlab-myst", "jupytext", "ipywidgets", "anywidget", "altair", "vl-convert-python"):
        assert canonicalize_name(name) in pins(ROOT / "requirements.txt"), f"requirements.txt lacks {name}"


def test_binder_opens_markdown_and_myst_as_jupytext_notebooks():
    overrides = json.loads((BINDER / "overrides.json").read_text(encoding="utf-8"))
    viewers = overrides["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers == {"markdown": JUPYTEXT_VIEWER, "myst": JUPYTEXT_VIEWER}


def test_requirements_pin_every_run_time_dependency_and_this_environment_matches_them():
    pinned = pins(ROOT / "requirements.txt")
    wrong = {n: (v, metadata.version(n)) for n, v in pinned.items() if metadata.version(n) != v}
    assert not wrong, f"this environment differs from requirements.txt (pinned, installed): {wrong}; run make install"
    unpinned = set()
    for name in pinned:
        for spec in metadata.requires(name) or []:
            requirement = Requirement(spec)
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
                continue
            dependency = canonicalize_name(requirement.name)
            if dependency not in pinned:
                unpinned.add(f"{dependency} (needed by {name})")
    assert {u.split()[0] for u in unpinned} <= KNOWN_UNPINNED, f"not pinned in requirements.txt: {sorted(unpinned)}"


def test_this_jupyterlab_opens_markdown_as_notebooks_exactly_as_binder_does():
    from jupyterlab.commands import get_app_dir

    installed = Path(get_app_dir()) / "settings" / "overrides.json"
    assert installed.is_file(), f"{installed} is missing: run `make install` (it runs binder/postBuild)"
    assert json.loads(installed.read_text()) == json.loads((BINDER / "overrides.json").read_text()), (
        f"{installed} differs from binder/overrides.json: run `make install`")


def test_the_deploy_workflow_publishes_the_readme_build_made_in_binders_environment():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    config_steps = "\n".join(s.get("run", "") for s in jobs["config"]["steps"])
    assert "_config.yml" in config_steps and "binder/runtime.txt" in config_steps
    build = jobs["build"]
    assert "needs.config.outputs.branch" in build["if"], "publish only from the branch _config.yml names"
    steps = {s.get("uses", "").split("@")[0]: s for s in build["steps"]}
    assert steps["actions/setup-python"]["with"]["python-version"] == "${{ needs.config.outputs.python }}"
    assert any(s.get("run", "").startswith("make versions") for s in build["steps"]), (
        "the README's build of every version: make versions")
    assert steps["actions/upload-pages-artifact"]["with"]["path"] == "_build/html"
    deploy = jobs["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    # make versions (like make build) installs requirements.txt and runs binder/postBuild: the
    # environment Binder builds
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^build: install$", makefile, re.M) and re.search(r"^versions: install$", makefile, re.M)
    assert "pip install --quiet -r requirements.txt" in makefile and "binder/postBuild" in makefile


# --------------------------------------------------------------------------------------------
# A real JupyterLab
# --------------------------------------------------------------------------------------------

def launch_path(source: Path) -> str:
    """The path a chapter's Binder launch button opens (``?urlpath=lab/tree/<this>``), from the server root.

    sphinx-book-theme builds it as ``repository.path_to_book`` + the page's source path; Binder's
    server root is the repository, and so is this test's.
    """
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    prefix = (config.get("repository") or {}).get("path_to_book") or ""
    return "/".join(p for p in (prefix.strip("/"), source.relative_to(ROOT).as_posix()) if p)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class JupyterLab:
    """``jupyter lab`` from this environment on 127.0.0.1, the repository as its root, as Binder runs it.

    Only what would touch the machine beyond the test is redirected to a scratch folder: user
    settings (autosave off, no news or update checks), workspaces, runtime files and checkpoints.
    The application settings, where ``binder/postBuild`` put ``overrides.json``, are the
    environment's own, exactly as on Binder.
    """

    def __init__(self, scratch: Path, root: Path = ROOT):
        self.root = root
        self.token = secrets.token_hex(24)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.dirs = {name: scratch / name for name in ("settings", "workspaces", "runtime", "config", "data",
                                                        "checkpoints")}
        for folder in self.dirs.values():
            folder.mkdir(parents=True, exist_ok=True)
        self._user_setting("@jupyterlab/docmanager-extension", "plugin", {"autosave": False})
        self._user_setting("@jupyterlab/apputils-extension", "notification",
                           {"fetchNews": "false", "checkForUpdates": False})
        self.log_path = scratch / "jupyter-lab.log"
        self.process: subprocess.Popen | None = None
        self._log = None

    def _user_setting(self, package: str, plugin: str, values: dict) -> None:
        folder = self.dirs["settings"] / package
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{plugin}.jupyterlab-settings").write_text(json.dumps(values), encoding="utf-8")

    def command(self) -> list[str]:
        cmd = [str(VENV_BIN / "jupyter"), "lab", "--no-browser",
               f"--IdentityProvider.token={self.token}", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
               f"--ServerApp.root_dir={self.root}",
               f"--LabApp.user_settings_dir={self.dirs['settings']}",
               f"--LabApp.workspaces_dir={self.dirs['workspaces']}",
               f"--FileCheckpoints.checkpoint_dir={self.dirs['checkpoints']}",
               "--LabApp.extension_manager=readonly"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")  # containers and CI run as root; Binder runs as a user
        return cmd

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "ESSAYS_RENDER"}  # live figures, as in Binder
        env.update(JUPYTER_CONFIG_DIR=str(self.dirs["config"]), JUPYTER_DATA_DIR=str(self.dirs["data"]),
                   JUPYTER_RUNTIME_DIR=str(self.dirs["runtime"]),
                   PATH=f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}")  # the environment's bin first, as on Binder
        return env

    def start(self, timeout: float = 90.0) -> float:
        """Start the server and wait until its API answers; returns the seconds it took."""
        started = time.perf_counter()
        self._log = open(self.log_path, "w", encoding="utf-8")
        self.process = subprocess.Popen(self.command(), cwd=self.root, env=self.environment(),
                                        stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = started + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with {self.process.returncode}:\n{self.log_tail()}")
            with contextlib.suppress(OSError, urllib.error.URLError):
                self.api("GET", "api/status", timeout=2)
                return time.perf_counter() - started
            time.sleep(0.2)
        raise RuntimeError(f"jupyter lab did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, chars: int = 4000) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:] if self.log_path.exists() else ""

    def api(self, method: str, path: str, timeout: float = 30):
        request = urllib.request.Request(f"{self.base}/{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def workspace_url(self, path: str) -> str:
        """The document at ``path`` (as the launch button names it) in a new, empty workspace."""
        workspace = f"essays-{secrets.token_hex(4)}"
        return f"{self.base}/lab/workspaces/{workspace}/tree/{quote(path)}?reset&token={self.token}"

    def kernel_id(self, path: str) -> str:
        sessions = [s for s in self.api("GET", "api/sessions") if s.get("path") == path]
        assert len(sessions) == 1, f"expected one kernel session for {path}, found {len(sessions)}"
        return sessions[0]["kernel"]["id"]

    def run_in_kernel(self, path: str, code: str, timeout: float = 60) -> str:
        """Run ``code`` in the kernel of the notebook at ``path``, from a second client; its stdout."""
        from jupyter_client import BlockingKernelClient

        connection = self.dirs["runtime"] / f"kernel-{self.kernel_id(path)}.json"  # JUPYTER_RUNTIME_DIR
        client = BlockingKernelClient(connection_file=str(connection))
        client.load_connection_file()
        client.start_channels()
        out: list[str] = []
        try:
            client.wait_for_ready(timeout=timeout)

            def hook(msg):
                if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
                    out.append(msg["content"]["text"])
                elif msg["msg_type"] == "error":
                    out.append("\n".join(msg["content"]["traceback"]))

            reply = client.execute_interactive(code, store_history=False, timeout=timeout, output_hook=hook)
            assert reply["content"]["status"] == "ok", "".join(out)
        finally:
            client.stop_channels()
        return "".join(out)

    def shutdown_kernels(self) -> None:
        with contextlib.suppress(OSError, urllib.error.URLError):
            for session in self.api("GET", "api/sessions"):
                self.api("DELETE", f"api/sessions/{session['id']}")
            for kernel in self.api("GET", "api/kernels"):
                self.api("DELETE", f"api/kernels/{kernel['id']}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.shutdown_kernels()
            self.process.send_signal(signal.SIGTERM)  # the server shuts down its kernels and exits
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)  # its own process group (start_new_session)
                self.process.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None


class LabChapter:
    """A chapter opened in JupyterLab in a fresh browser context that can reach nothing but localhost."""

    def __init__(self, browser, lab: JupyterLab, source: Path, viewport=(1400, 1000)):
        self.lab, self.source, self.path = lab, source, launch_path(source)
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        self.context.set_default_timeout(30_000)
        self.errors: list[str] = []
        self.external: list[str] = []
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.context.route("**/*", self._route)
        self.panel = self.page.locator("#jp-main-dock-panel .jp-NotebookPanel").first
        self.original = source.read_bytes()

    def _route(self, route):
        if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    # -- opening and running ------------------------------------------------------------------
    def open(self, timeout: float = 90) -> None:
        """Open the launch path in a new workspace; wait until a notebook (or a text editor) shows."""
        self.page.goto(self.lab.workspace_url(self.path), wait_until="domcontentloaded")
        self.page.wait_for_selector("#jp-main-dock-panel .jp-NotebookPanel .jp-Cell, "
                                    "#jp-main-dock-panel .jp-FileEditor", timeout=timeout * 1000)

    def opened_as(self) -> dict:
        return self.page.evaluate("""() => {
            const dock = document.querySelector('#jp-main-dock-panel');
            const tab = dock.querySelector('.lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel');
            return {notebooks: dock.querySelectorAll('.jp-NotebookPanel').length,
                    editors: dock.querySelectorAll('.jp-FileEditor').length,
                    tab: tab ? tab.textContent.trim() : null,
                    code: dock.querySelectorAll('.jp-NotebookPanel .jp-CodeCell').length,
                    markdown: dock.querySelectorAll('.jp-NotebookPanel .jp-MarkdownCell').length};
        }""")

    def wait_for_kernel(self, timeout: float = 90) -> None:
        self.page.wait_for_function("""() => {
            const panel = document.querySelector('#jp-main-dock-panel .jp-NotebookPanel');
            const name = panel && panel.querySelector('.jp-KernelName');
            const state = panel && panel.querySelector('.jp-Notebook-ExecutionIndicator');
            return name && !/^\\s*(No Kernel|Kernel)?\\s*$/.test(name.textContent)
                && state && state.dataset.status === 'idle';
        }""", timeout=timeout * 1000)

    def run_all(self) -> None:
        """Run > Run All Cells, clicked in the menu bar as a reader would."""
        # the chapter's tab first, so that the notebook is the current widget the menu acts on
        self.page.locator("#jp-main-dock-panel .lm-TabBar-tab", has_text=self.source.name).click()
        self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        self.page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()

    def wait_until_run(self, timeout: float = 240) -> list[str]:
        """Until the kernel has run every code cell, or one has failed; the sources it ran, in order.

        Run All sends every code cell to the kernel at once; a request from a second client is
        answered after them, so the kernel's input history then holds what Run All ran. (Collapsed
        cells show no execution count, so the prompts cannot tell.)
        """
        with contextlib.suppress(Exception):  # the kernel may already be done
            self.page.wait_for_function("""() => {
                const state = document.querySelector('#jp-main-dock-panel .jp-Notebook-ExecutionIndicator');
                return state && state.dataset.status === 'busy';
            }""", timeout=10_000)
        deadline = time.monotonic() + timeout
        code_cells = sum(c.cell_type == "code" for c in jupytext.read(self.source).cells)
        while True:
            ran = json.loads(self.lab.run_in_kernel(self.path, HISTORY, timeout=timeout).strip().splitlines()[-1])
            if len(ran) >= code_cells or self.stderr_outputs() or time.monotonic() > deadline:
                return ran
            time.sleep(1)

    def stderr_outputs(self) -> list[str]:
        return self.panel.locator(f".jp-OutputArea-output[data-mime-type='{STDERR_MIME}']").all_text_contents()

    def collapsed_inputs(self) -> list[bool]:
        """For each code cell, whether its source is collapsed (JupyterLab shows a placeholder)."""
        return self.panel.locator(".jp-CodeCell").evaluate_all(
            "cells => cells.map(c => !!c.querySelector('.jp-InputPlaceholder'))")

    def markdown_texts(self) -> list[str]:
        """Each Markdown cell's text as the reader sees it (rendered, not its source)."""
        return self.panel.locator(".jp-MarkdownCell").evaluate_all("""cells => cells.map(c => {
            const rendered = c.querySelector('.jp-RenderedMarkdown, .myst');  // jupyterlab-myst's or JupyterLab's
            if (!rendered) return '';
            const copy = rendered.cloneNode(true);  // as read: without KaTeX's hidden TeX source
            copy.querySelectorAll('annotation, .katex-mathml').forEach(n => n.remove());
            return copy.textContent;
        })""")

    def save(self) -> None:
        """File > Save (Ctrl+S) with the notebook focused; waits until it is no longer marked modified."""
        self.page.locator("#jp-main-dock-panel .lm-TabBar-tab", has_text=self.source.name).click()
        self.panel.locator(".jp-Notebook").first.focus()
        self.page.keyboard.press("Control+s")
        self.page.wait_for_function("""() => {
            const tab = document.querySelector('#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current');
            return tab && !tab.classList.contains('jp-mod-dirty');
        }""", timeout=30_000)

    def set_theme(self, name: str) -> None:
        """Settings > Theme > ``name``, as a reader switches it; waits until the page has it."""
        self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Settings$")).click()
        self.page.locator("li.lm-Menu-item", has_text=re.compile(r"^Theme")).first.hover()
        self.page.locator("li.lm-Menu-item", has_text=re.compile(f"^{re.escape(name)}$")).first.click()
        light = "false" if "Dark" in name else "true"
        self.page.wait_for_function("l => document.body.dataset.jpThemeLight === l", arg=light, timeout=30_000)

    def run_new_cell(self, code: str) -> None:
        """A new code cell at the end holding ``code``, run with Shift+Enter, as a reader adds one."""
        last = self.panel.locator(".jp-Cell").last
        last.scroll_into_view_if_needed()
        last.click()
        self.page.keyboard.press("Escape")
        self.page.keyboard.press("b")  # a code cell below, selected
        self.page.keyboard.press("Enter")  # edit it
        self.page.keyboard.insert_text(code)
        self.page.keyboard.press("Shift+Enter")

    def chart_boxes(self) -> list[dict]:
        """Every drawn chart: its width, its output area's width and overflow, its background."""
        return self.panel.locator(".jp-OutputArea-output").evaluate_all("""outputs => outputs
            .filter(o => o.querySelector('.essays-live-chart svg.marks'))
            .map(o => { const svg = o.querySelector('.essays-live-chart svg.marks');
                        return {chart: svg.getBoundingClientRect().width, area: o.clientWidth,
                                overflow: o.scrollWidth - o.clientWidth,
                                background: getComputedStyle(svg).backgroundColor,
                                text: [...svg.querySelectorAll('text')].map(t => t.getAttribute('fill')).join()}; })""")

    # -- figures -------------------------------------------------------------------------------
    def figures(self):
        """The outputs that are widgets (a live figure is a VBox of sliders and the chart)."""
        return self.panel.locator(WIDGET_OUTPUTS)

    def wait_for_figures(self, count: int, timeout: float = 60) -> None:
        """Until ``count`` widget outputs each show sliders and a drawn chart of visible width."""
        self.page.wait_for_function("""([selector, count]) => {
            const outputs = document.querySelectorAll(`#jp-main-dock-panel .jp-NotebookPanel ${selector}`);
            return outputs.length === count && [...outputs].every(o =>
                o.querySelector('.widget-slider .noUi-handle') && o.querySelector('.essays-live-chart svg.marks')
                && o.querySelector('.essays-live-chart svg.marks').getBoundingClientRect().width > 100);
        }""", arg=[WIDGET_OUTPUTS, count], timeout=timeout * 1000)

    @staticmethod
    def slider_labels(figure) -> list[str]:
        # sliders and choices (toggle buttons), in the order shown
        return [t.strip() for t in figure.locator(
            ".widget-slider .widget-label, .widget-toggle-buttons .widget-label").all_text_contents()]

    @staticmethod
    def readouts(figure) -> list[str]:
        return [t.strip() for t in figure.locator(".widget-slider .widget-readout").all_text_contents()]

    @staticmethod
    def chart_texts(figure) -> list[str]:
        """The chart's text marks as drawn (the SVG renderer puts them in the DOM)."""
        return figure.locator(".essays-live-chart svg.marks").first.evaluate(TEXT_MARKS_JS)

    @staticmethod
    def chart_marks(figure) -> dict[str, list[str]]:
        """The chart's text marks, and every mark's description (Vega writes its data into aria-label)."""
        return figure.locator(".essays-live-chart svg.marks").first.evaluate(
            f"svg => ({{text: ({TEXT_MARKS_JS})(svg), aria: ({ARIA_MARKS_JS})(svg)}})")

    def press(self, figure, slider: int, keys: list[str]) -> None:
        """Focus a slider's handle and press keys, as a keyboard user does."""
        handle = figure.locator(".widget-slider").nth(slider).locator(".noUi-handle")
        handle.scroll_into_view_if_needed()
        handle.focus()
        for key in keys:
            self.page.keyboard.press(key)

    def drag(self, figure, slider: int, dx: float) -> None:
        """Drag a slider's handle by ``dx`` pixels with the mouse."""
        handle = figure.locator(".widget-slider").nth(slider).locator(".noUi-handle")
        handle.scroll_into_view_if_needed()
        box = handle.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        self.page.mouse.move(x, y)
        self.page.mouse.down()
        self.page.mouse.move(x + dx, y, steps=8)
        self.page.mouse.up()

    def wait_for_marks(self, figure, expected: dict, timeout: float = 20) -> dict:
        """Poll the drawn chart until its marks are ``expected``; returns the last seen."""
        deadline = time.monotonic() + timeout
        seen: dict = {}
        while time.monotonic() < deadline:
            with contextlib.suppress(Exception):  # the chart is being re-embedded
                seen = self.chart_marks(figure)
                if seen == expected:
                    return seen
            time.sleep(0.1)
        return seen

    def live_values(self) -> dict[str, dict]:
        """Each live figure's slider values as the kernel holds them (exact, unlike the readouts)."""
        return json.loads(self.lab.run_in_kernel(self.path, LIVE_VALUES).strip().splitlines()[-1])

    def console_errors(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p, _ in ALLOWED_CONSOLE_ERRORS)]

    def close(self) -> None:
        self.context.close()


# The text of each text mark (role-mark: the chart's own labels, not axis or legend labels), in
# drawing order; multi-line text joined by newlines. Used on the live chart and on vl-convert's SVG.
TEXT_MARKS_JS = """svg => [...svg.querySelectorAll('g.mark-text.role-mark > text')].map(t => {
    const lines = [...t.children].filter(c => c.tagName.toLowerCase() === 'tspan').map(c => c.textContent);
    return lines.length ? lines.join('\\n') : [...t.childNodes].filter(n => n.nodeType === 3)
        .map(n => n.textContent).join('');
})"""


# Every mark item's description, in drawing order: Vega's SVG renderer writes each item's encoded
# data (field titles and values) into its aria-label.
ARIA_MARKS_JS = """svg => [...svg.querySelectorAll('g.role-mark > [aria-label]')]
    .map(e => e.getAttribute('aria-label'))"""


def svg_marks(svg: str) -> dict[str, list[str]]:
    """``chart_marks`` of an SVG string (vl-convert's rendering)."""
    ns = "{http://www.w3.org/2000/svg}"
    marks: dict[str, list[str]] = {"text": [], "aria": []}
    for group in ET.fromstring(svg).iter(f"{ns}g"):
        classes = (group.get("class") or "").split()
        if "role-mark" not in classes:
            continue
        marks["aria"] += [item.get("aria-label") for item in group if item.get("aria-label") is not None]
        if "mark-text" in classes:
            for text in group.findall(f"{ns}text"):
                lines = [t.text or "" for t in text.findall(f"{ns}tspan")]
                marks["text"].append("\n".join(lines) if lines else (text.text or ""))
    return marks


def expected_marks(explorable, values: dict) -> dict[str, list[str]]:
    """The live chart's marks at ``values``: the model re-run here, drawn by vl-convert's Vega.

    The live chart draws the same spec, compiled by the same vl-convert, with the site's Vega; the
    marks compared (their text and labels) carry the model's numbers, not positions, which
    tests/test_live_render.py compares with the static page's.
    """
    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    spec = explorable.live_spec(**values)
    return svg_marks(vlc.vegalite_to_svg(spec, vl_version=vl_version_for_vl_convert()))


def updates_in_place(explorable) -> bool:
    """Whether a slider move is drawn in place (``essays.live``: the new rows handed to the drawn
    Vega view): when Vega-Lite compiles each of the spec's datasets to a data set of that name that
    it neither parses nor derives from another."""
    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    spec = explorable.live_spec()
    compiled = {d["name"]: d for d in vlc.vegalite_to_vega(spec, vl_version=vl_version_for_vl_convert())["data"]}
    return all(name in compiled and not {"format", "source", "url"} & set(compiled[name])
               for name in spec["datasets"])


def d3_g(x: float, digits: int = 3) -> str:
    """A number as d3-format ``.3~g`` writes it (the charts' labels): ``4.78``, ``50``, ``2.5e+3``."""
    if x == 0:
        return "0"
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    e = int(exponent)
    if e < -6 or e >= digits:
        mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
        return f"{mantissa}e{'+' if e >= 0 else '-'}{abs(e)}"
    text = f"{x:.{max(0, digits - 1 - e)}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def times_tokens(texts: list[str]) -> list[str]:
    """The numbers written as multiples ("4.78×") in a chart's text marks."""
    return re.findall(r"(-?[0-9][0-9.]*(?:e[+-]?\d+)?)×", " ".join(texts))


def chapter_figures(source: Path) -> list:
    """The figures a chapter shows: code cells ending in the name of an Explorable in essays.charts."""
    from essays.explorable import Explorable
    import essays.charts

    by_name: dict[str, object] = {}
    for info in pkgutil.iter_modules(essays.charts.__path__):
        module = importlib.import_module(f"essays.charts.{info.name}")
        by_name.update({k: v for k, v in vars(module).items() if isinstance(v, Explorable)})
    shown = []
    for cell in jupytext.read(source).cells:
        lines = [l for l in cell.source.strip().splitlines() if l.strip() and not l.lstrip().startswith("#")]
        if cell.cell_type == "code" and lines and lines[-1].strip() in by_name:
            shown.append(by_name[lines[-1].strip()])
    return shown


def number(readout: str) -> float:
    return float(readout.replace("−", "-").replace(",", ""))


# The sources the kernel ran, in order (IPython's input history; jupyterlab-myst's inline
# expressions come as empty requests, which are left out).
HISTORY = """
import json
print(json.dumps([source for source in get_ipython().history_manager.input_hist_raw[1:] if source.strip()]))
"""

LIVE_VALUES = """
import json
from essays.explorable import REGISTRY
print(json.dumps({name: figure._live.values for name, figure in REGISTRY.items() if figure._live is not None}))
"""


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    server = JupyterLab(tmp_path_factory.mktemp("jupyterlab"))
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def open_chapter(browser, lab):
    """Open a chapter; afterwards close the page, shut its kernel down, and check the repository is untouched."""
    opened: list[LabChapter] = []
    snapshots: dict[Path, tuple[bytes, bool]] = {}

    def open_(source: Path, **options) -> LabChapter:
        snapshots[source] = source.read_bytes(), (source.parent / ".ipynb_checkpoints").exists()
        chapter = LabChapter(browser, lab, source, **options)
        opened.append(chapter)
        return chapter

    yield open_
    for chapter in opened:
        chapter.close()
    lab.shutdown_kernels()
    for source, (content, had_checkpoints) in snapshots.items():
        assert source.read_bytes() == content, f"JupyterLab wrote {source.name} back: autosave must stay off"
        assert had_checkpoints or not (source.parent / ".ipynb_checkpoints").exists(), (
            "JupyterLab left .ipynb_checkpoints beside the chapter: checkpoints belong in the scratch folder")


@pytest.fixture
def all_chapters_selected(request):
    if not (os.environ.get("ESSAYS_TEST_ALL") or "slow" in (request.config.getoption("markexpr") or "")):
        pytest.skip("every chapter in JupyterLab takes minutes: `make test-all` (or `pytest -m slow`) runs it")


# --------------------------------------------------------------------------------------------
# Tests against the server
# --------------------------------------------------------------------------------------------

@pytest.mark.live
def test_the_jupyterlab_server_opens_markdown_with_jupytext_by_default(lab):
    # overrides.json becomes the schema's default; the user has set nothing (a fresh Binder user)
    plugin = lab.api("GET", "lab/api/settings/@jupyterlab/docmanager-extension:plugin")
    viewers = plugin["schema"]["properties"]["defaultViewers"]["default"]
    assert viewers.get("markdown") == JUPYTEXT_VIEWER and viewers.get("myst") == JUPYTEXT_VIEWER
    assert "defaultViewers" not in plugin["settings"]
    contents = lab.api("GET", f"api/contents/{quote(launch_path(CI_CHAPTER))}?type=notebook&content=0")
    assert contents["type"] == "notebook", "the server does not read the chapter as a notebook (jupytext)"


def check_chapter_runs(chapter: LabChapter) -> list:
    """Open, run all, and check it ran as a notebook with no error; the chapter's figures, in order."""
    chapter.open()
    opened = chapter.opened_as()
    assert opened["editors"] == 0 and opened["notebooks"] == 1, (
        f"{chapter.path} opened as {opened}: a Markdown file opened as text is a failure")
    assert opened["tab"] == chapter.source.name
    source_cells = jupytext.read(chapter.source).cells
    with contextlib.suppress(Exception):  # JupyterLab adds the cells progressively
        chapter.page.wait_for_function(
            "n => document.querySelectorAll('#jp-main-dock-panel .jp-NotebookPanel .jp-Cell').length >= n",
            arg=len(source_cells), timeout=30_000)
    opened = chapter.opened_as()
    assert opened["code"] == sum(c.cell_type == "code" for c in source_cells)
    assert opened["markdown"] == sum(c.cell_type == "markdown" for c in source_cells)

    chapter.wait_for_kernel()
    hidden = [HIDDEN_TAGS & set(c.metadata.get("tags", [])) != set() for c in source_cells if c.cell_type == "code"]
    assert chapter.collapsed_inputs() == hidden, (
        f"{chapter.path}: code cells the site hides must open collapsed, the others open: "
        f"{chapter.collapsed_inputs()} (expected {hidden})")
    chapter.run_all()
    ran = chapter.wait_until_run()
    failures = chapter.stderr_outputs()
    assert not failures, f"{chapter.path}: a cell failed or warned:\n" + "\n---\n".join(f[:2000] for f in failures)
    sources = [c.source.strip() for c in source_cells if c.cell_type == "code"]
    assert [r.strip() for r in ran] == sources, f"{chapter.path}: the kernel did not run every cell, top to bottom"
    check_prose_reads_like_the_page(chapter)
    # the model code the site shows in "The tested code" (literalinclude :pyobject:), as cell outputs
    outputs = " ".join(chapter.panel.locator(".jp-OutputArea-output").all_text_contents())
    included = re.findall(r"^:pyobject: (\w+)$", chapter.source.read_text(encoding="utf-8"), re.M)
    missing = [name for name in included if not re.search(rf"\b(def|class) {name}\b", outputs)]
    assert not missing, f"{chapter.path}: the tested code the site shows is not shown for {missing}"

    shown = chapter_figures(chapter.source)
    if shown:
        chapter.wait_for_figures(len(shown))
    figures = chapter.figures()
    assert figures.count() == len(shown)
    for i, explorable in enumerate(shown):
        labels = chapter.slider_labels(figures.nth(i))
        assert labels == [p.label for p in explorable.params], f"figure {i + 1} shows sliders {labels}"
    held = chapter.live_values()
    for explorable in shown:  # exactly, not a few ulps off (a log slider holds 10**position)
        assert held[explorable.name] == explorable.defaults, (
            f"{explorable.name}: the kernel holds {held[explorable.name]}, the declared defaults are {explorable.defaults}")
    return shown


def check_prose_reads_like_the_page(chapter: LabChapter, timeout: float = 120) -> None:
    """Every Markdown cell reads as the site does: no raw MyST, and each {eval} shows its number.

    jupyterlab-myst evaluates a cell's inline expressions in the kernel when Run All reaches it;
    the text each must show is evaluated here in the same kernel, from the chapter's source.
    """
    cells = [c for c in jupytext.read(chapter.source).cells if c.cell_type == "markdown"]
    expressions = [re.findall(r"\{eval\}`([^`]+)`", c.source) for c in cells]
    wanted = sorted({e for found in expressions for e in found})
    values = json.loads(chapter.lab.run_in_kernel(
        chapter.path, f"import json\nprint(json.dumps([str(eval(e)) for e in {wanted!r}]))").strip().splitlines()[-1])
    value = dict(zip(wanted, values))
    deadline = time.monotonic() + timeout
    while True:
        texts = chapter.markdown_texts()
        raw = [(i, m.group(0)) for i, t in enumerate(texts) for m in RAW_MYST.finditer(t)]
        if not raw or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert len(texts) == len(cells)
    assert not raw, f"{chapter.path}: raw MyST in the rendered prose (cell, text): {raw[:20]}"
    missing = [(i, e, value[e]) for i, (found, t) in enumerate(zip(expressions, texts)) for e in found
               if value[e] not in t]
    assert not missing, f"{chapter.path}: numbers the prose should show (cell, expression, text): {missing[:20]}"


def check_slider_redraws_from_the_model(chapter: LabChapter, index: int, explorable) -> None:
    """Move one slider by keyboard; the drawn chart must be the model's at the kernel's new values."""
    figure = chapter.figures().nth(index)
    before = chapter.live_values()[explorable.name]
    sliders = [p for p in explorable.params if not p.options]  # choices are toggle buttons, not sliders
    param = sliders[0]
    key = "ArrowLeft" if before[param.name] >= param.max else "ArrowRight"
    in_place = int(figure.locator(".essays-live-chart").get_attribute("data-updated-in-place") or 0)
    chapter.press(figure, 0, ["PageUp" if key == "ArrowRight" else "PageDown", key, key])

    def shown_and_held_agree(values: dict) -> bool:  # the readouts and the kernel's values
        return all(math.isclose(number(r), values[p.name], rel_tol=1e-3, abs_tol=1e-12)
                   for p, r in zip(sliders, chapter.readouts(figure)))

    deadline = time.monotonic() + 20  # each key press reaches the kernel in turn; wait for the last
    while True:
        values = chapter.live_values()[explorable.name]
        if values != before and shown_and_held_agree(values) or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert values != before, f"{explorable.name}: pressing keys on the {param.name} slider changed nothing"
    assert shown_and_held_agree(values), f"{explorable.name}: sliders read {chapter.readouts(figure)}, kernel {values}"
    expected = expected_marks(explorable, values)
    assert expected["aria"], f"{explorable.name}: the chart has no marks to compare"
    seen = chapter.wait_for_marks(figure, expected)
    differences = [f"  drawn {a!r}\n  model {b!r}" for key in ("text", "aria")
                   for a, b in zip(seen.get(key, []), expected[key]) if a != b]
    assert seen == expected, (f"{explorable.name} at {values}: the drawn chart differs from the model's "
                              f"({len(seen.get('aria', []))} marks drawn, {len(expected['aria'])} expected):\n"
                              + "\n".join(differences)[:3000])
    # ... and where only rows changed, without compiling a new chart (the key press's 50 ms budget)
    now = int(figure.locator(".essays-live-chart").get_attribute("data-updated-in-place") or 0)
    swappable = updates_in_place(explorable)
    assert (now > in_place) == swappable, (
        f"{explorable.name}: {now - in_place} of the moves were drawn in place; expected {'some' if swappable else 'none'}")


def check_charts_fit_their_output_areas(chapter: LabChapter, charts: int) -> None:
    # A chart refits within moments of its output area's change; while it is drawn again (a new cell
    # output can change every area's width) it has no SVG for a moment.
    deadline = time.monotonic() + 10
    while True:
        boxes = chapter.chart_boxes()
        wide = [b for b in boxes if b["chart"] > b["area"] + 0.5 or b["overflow"] > 0]
        if not wide and len(boxes) == charts or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert len(boxes) == charts, f"{charts} charts expected, {len(boxes)} drawn"
    assert not wide, f"{chapter.path}: charts wider than their output areas: {wide}"


def check_saving_leaves_the_chapter_unchanged(chapter: LabChapter) -> None:
    """Save, as autosave would (Binder's JupyterLab autosaves): jupytext must write the same bytes.

    The file's modification time is then put back: the same bytes with a newer time would tell
    Sphinx the chapter changed, and the PDF test, which reuses the site build's doctrees (built beside
    this test on the other worker), would execute it again."""
    before = chapter.source.stat()
    chapter.save()
    assert chapter.source.read_bytes() == chapter.original, (
        f"saving {chapter.source.name} from JupyterLab changed it: bring its header and cell metadata into "
        "the form jupytext writes (see git diff)")
    os.utime(chapter.source, ns=(before.st_atime_ns, before.st_mtime_ns))


def check_dark_theme_restyles_the_charts(chapter: LabChapter) -> None:
    light = chapter.chart_boxes()
    chapter.set_theme("JupyterLab Dark")
    try:
        deadline = time.monotonic() + 30
        while (dark := chapter.chart_boxes()) and any(d["background"] == l["background"] for d, l in zip(dark, light)):
            if time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert len(dark) == len(light)
        same = [i for i, (d, l) in enumerate(zip(dark, light)) if d["background"] == l["background"] or d["text"] == l["text"]]
        assert not same, (f"{chapter.path}: charts {same} kept their light background or text colours in the dark "
                          f"theme: {[light[i] for i in same]} -> {[dark[i] for i in same]}")
    finally:
        chapter.set_theme("JupyterLab Light")


def check_figure_draws_offline(chapter: LabChapter, explorable) -> None:
    """A reader's own cell calling ``figure()``: it draws, and nothing is asked of another host."""
    before = len(chapter.chart_boxes())
    chapter.run_new_cell(f"from essays.explorable import REGISTRY\nREGISTRY[{explorable.name!r}].figure()")
    chapter.page.wait_for_function(
        "n => document.querySelectorAll('#jp-main-dock-panel .jp-NotebookPanel .jp-OutputArea-output "
        ".essays-live-chart svg.marks').length > n", arg=before, timeout=60_000)
    assert chapter.external == [], f"figure() asked other hosts for {chapter.external}"


@pytest.mark.live
def test_parallelization_runs_in_jupyterlab_and_its_sliders_redraw_from_the_model(open_chapter):
    # A small laptop's window with the file browser open (a fresh workspace opens it): the charts
    # must still fit the notebook's output areas.
    chapter = open_chapter(CI_CHAPTER, viewport=(1024, 768))
    shown = check_chapter_runs(chapter)
    names = [f.name for f in shown]
    assert "penalty" in names
    penalty = shown[names.index("penalty")]
    figure = chapter.figures().nth(names.index("penalty"))
    params = [p.name for p in penalty.params]
    assert params == ["exponent", "workers", "speed"]

    def settings() -> dict:
        return dict(zip(params, (number(r) for r in chapter.readouts(figure))))

    def expected_tokens(values: dict) -> list[str]:
        chosen = penalty.frame(**values).query("series == 'chosen'").iloc[0]
        # "50× workers → 4.78× labor", "research speed, each worker 50× faster",
        # "With each worker 50× faster: 239× today's research speed"
        speed = d3_g(chosen.speedup / chosen.effective_labor)
        return [d3_g(chosen.workers), d3_g(chosen.effective_labor), speed, speed, d3_g(chosen.speedup)]

    start = settings()
    assert start == {"exponent": 0.4, "workers": 50, "speed": 50}
    assert times_tokens(chapter.chart_texts(figure)) == expected_tokens(start)

    # keyboard: seven steps right on the exponent, to a value the static page's grid does not have
    chapter.press(figure, 0, ["ArrowRight"] * 7)
    moved = settings()
    assert moved["exponent"] > start["exponent"]
    assert not any(math.isclose(moved["exponent"], g, abs_tol=1e-9) for g in penalty.params[0].grid()), (
        f"exponent {moved['exponent']} is on the static grid: the live slider should reach values between")
    want = expected_tokens(moved)
    assert want != expected_tokens(start)
    deadline = time.monotonic() + 20
    while times_tokens(seen := chapter.chart_texts(figure)) != want and time.monotonic() < deadline:
        time.sleep(0.1)
    assert times_tokens(seen) == want, f"at {moved} the chart reads {seen}; the model gives {want}"

    # pointer: drag the serial-speed handle to the left
    chapter.drag(figure, 2, -80)
    dragged = settings()
    assert dragged["speed"] < moved["speed"] and dragged["exponent"] == moved["exponent"]
    want = expected_tokens(dragged)
    deadline = time.monotonic() + 20
    while times_tokens(seen := chapter.chart_texts(figure)) != want and time.monotonic() < deadline:
        time.sleep(0.1)
    assert times_tokens(seen) == want, f"at {dragged} the chart reads {seen}; the model gives {want}"

    # every figure of the chapter: a keyboard move redraws its chart from the model
    for index, explorable in enumerate(shown):
        check_slider_redraws_from_the_model(chapter, index, explorable)

    check_charts_fit_their_output_areas(chapter, len(shown))
    check_saving_leaves_the_chapter_unchanged(chapter)
    check_dark_theme_restyles_the_charts(chapter)
    check_figure_draws_offline(chapter, penalty)
    check_charts_fit_their_output_areas(chapter, len(shown) + 1)
    assert chapter.external == [], f"JupyterLab asked other hosts for {chapter.external}"
    assert chapter.console_errors() == [], f"console errors: {chapter.console_errors()}"


OTHER_CHAPTERS = [p for p in chapter_sources() if p != CI_CHAPTER]


@pytest.mark.live
@pytest.mark.slow
@pytest.mark.parametrize("source", OTHER_CHAPTERS, ids=[p.stem for p in OTHER_CHAPTERS])
def test_every_chapter_runs_in_jupyterlab_and_its_sliders_redraw_from_the_model(source, all_chapters_selected,
                                                                                  open_chapter):
    chapter = open_chapter(source, viewport=(1024, 768))
    shown = check_chapter_runs(chapter)
    for index, explorable in enumerate(shown):
        check_slider_redraws_from_the_model(chapter, index, explorable)
    check_charts_fit_their_output_areas(chapter, len(shown))
    check_saving_leaves_the_chapter_unchanged(chapter)
    if shown:
        check_dark_theme_restyles_the_charts(chapter)
        check_figure_draws_offline(chapter, shown[0])
        check_charts_fit_their_output_areas(chapter, len(shown) + 1)
    assert chapter.external == [], f"JupyterLab asked other hosts for {chapter.external}"
    assert chapter.console_errors() == [], f"console errors: {chapter.console_errors()}"


def test_publishing_waits_for_the_test_suite():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    assert "test" in jobs["build"]["needs"], "the site is built for publishing only after the tests pass"
    assert any(s.get("run", "").find("make test") >= 0 for s in jobs["test"]["steps"]), "the README's test command"
