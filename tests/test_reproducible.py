"""Reproducible build: two clean builds of the book give identical executed notebooks and identical
chart data.

The second build is made here, into a fresh folder, with the same command as the session's build
(conftest's ``_build``: ``jupyter-book build --path-output <tmp> -W -n --keep-going``), and compared
with the ``site`` fixture's build (with ESSAYS_SITE, the prebuilt site, which must then be built from
the same source). It takes as long as a build of the book.

What is compared:

* every file under ``_build/jupyter_execute``: the executed notebooks as JSON, after dropping only
  what is not output and changes from run to run (``VOLATILE``, below), and everything else (the
  ``*.glue.json`` values the text quotes) as JSON, exactly;
* on every page of the book, the Vega-Lite spec and the slider metadata of every figure
  (``script.explorable-spec`` / ``script.explorable-meta``), exactly.
"""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from conftest import _build, toc_files

# Dropped from each cell of an executed notebook before comparing, with why:
VOLATILE = {
    # A random 8-hex-digit name that nbformat (4.5+) gives each cell when jupytext reads a MyST
    # chapter, which stores no cell ids: it changes on every build and is not output.
    "id": "cell",
    # Wall-clock timestamps of a cell's execution (iopub.execute_input, shell.execute_reply, ...)
    # that nbclient records when its record_timing is on. The executed notebooks carry none today;
    # dropped should a later myst-nb/nbclient record them. Timings, not output.
    "execution": "cell metadata",
}
FIGURE_JSON = re.compile(r'<script type="application/json" class="(explorable-spec|explorable-meta)">(.*?)</script>',
                         re.S)


def normalized_notebook(nb: dict) -> dict:
    nb = copy.deepcopy(nb)
    for cell in nb.get("cells", []):
        cell.pop("id", None)
        cell.get("metadata", {}).pop("execution", None)
    return nb


def differences(a, b, path: str = "", limit: int = 5) -> list[str]:
    """Where two JSON values differ, as `path: a != b` lines (at most `limit`)."""
    out: list[str] = []

    def short(v) -> str:
        s = json.dumps(v, ensure_ascii=False)
        return s if len(s) <= 160 else s[:157] + "..."

    def walk(x, y, at):
        if len(out) >= limit:
            return
        if isinstance(x, dict) and isinstance(y, dict):
            for key in sorted(set(x) | set(y)):
                if key not in x or key not in y:
                    out.append(f"{at}/{key}: only in the {'first' if key in x else 'second'} build")
                else:
                    walk(x[key], y[key], f"{at}/{key}")
        elif isinstance(x, list) and isinstance(y, list):
            if len(x) != len(y):
                out.append(f"{at}: {len(x)} items != {len(y)} items")
            for i, (u, v) in enumerate(zip(x, y)):
                walk(u, v, f"{at}/{i}")
        elif type(x) is not type(y) or x != y:
            out.append(f"{at}: {short(x)} != {short(y)}")

    walk(a, b, path)
    return out


def executed(build_html: Path) -> dict[str, dict]:
    """Every file under the build's jupyter_execute, as JSON (notebooks normalized), by path."""
    root = build_html.parent / "jupyter_execute"
    assert root.is_dir(), f"no executed notebooks at {root}"
    files = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = json.loads(path.read_text(encoding="utf-8"))
        files[path.relative_to(root).as_posix()] = normalized_notebook(data) if path.suffix == ".ipynb" else data
    return files


def figure_data(build_html: Path) -> dict[str, list]:
    """Each page's figures' spec and slider metadata, in page order."""
    pages = {}
    for page in toc_files():
        html = (build_html / f"{page}.html").read_text(encoding="utf-8")
        pages[page] = [(cls, json.loads(text)) for cls, text in FIGURE_JSON.findall(html)]
    return pages


@pytest.fixture(scope="module")
def second_build(tmp_path_factory, built_html):
    build = _build(tmp_path_factory.mktemp("book-again"))
    assert build.returncode == 0, f"the second build failed:\n{build.log[-5000:]}"
    return build.html


def test_two_clean_builds_execute_every_notebook_to_the_same_outputs(built_html, second_build):
    first, second = executed(built_html), executed(second_build)
    assert any(name.endswith(".ipynb") for name in first), "no executed notebook to compare"
    assert sorted(first) == sorted(second)
    found = {name: differences(first[name], second[name]) for name in first}
    found = {name: lines for name, lines in found.items() if lines}
    assert found == {}, "executed notebooks differ between two builds:\n" + "\n".join(
        f"  {name}{line}" for name, lines in found.items() for line in lines)


def test_two_clean_builds_give_every_figure_the_same_chart_data(built_html, second_build):
    first, second = figure_data(built_html), figure_data(second_build)
    assert sum(len(v) for v in first.values()) > 0, "no figure on any page"
    found = {page: differences(first[page], second[page]) for page in first}
    found = {page: lines for page, lines in found.items() if lines}
    assert found == {}, "figure specs or slider data differ between two builds:\n" + "\n".join(
        f"  {page}.html{line}" for page, lines in found.items() for line in lines)


def test_the_comparison_ignores_only_cell_ids_and_timings(built_html):
    """The comparison must be able to fail: a changed output or chart number is a difference, a new
    cell id or execution timestamp is not."""
    notebooks = {k: v for k, v in executed(built_html).items() if k.endswith(".ipynb")}
    name, nb = next((k, v) for k, v in notebooks.items() if any(c.get("outputs") for c in v["cells"]))
    raw = json.loads((built_html.parent / "jupyter_execute" / name).read_text(encoding="utf-8"))

    renamed = copy.deepcopy(raw)
    for i, cell in enumerate(renamed["cells"]):
        cell["id"] = f"other{i:03d}"
        cell.setdefault("metadata", {})["execution"] = {"iopub.execute_input": "2001-01-01T00:00:00.000000Z"}
    assert differences(nb, normalized_notebook(renamed)) == []

    changed = copy.deepcopy(raw)
    cell = next(c for c in changed["cells"] if c.get("outputs"))
    cell["outputs"].append({"output_type": "stream", "name": "stdout", "text": ["1.0000001\n"]})
    assert differences(nb, normalized_notebook(changed)) != []

    pages = figure_data(built_html)
    page, figures = next((p, f) for p, f in pages.items() if f)
    nudged = copy.deepcopy(figures)
    meta = next(m for cls, m in nudged if cls == "explorable-meta")
    meta["params"][0]["values"][0] += 1e-9
    assert differences(figures, nudged) != []
