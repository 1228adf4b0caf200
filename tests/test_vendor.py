"""The Vega the site ships is the released one: book/_static/vega/vega.min.js equals the file of the
npm release that package-lock.json pins (installed by `make install-dev`), and the figures' specs are
compiled for that Vega (major version)."""
from __future__ import annotations

import json

import pytest

from conftest import BOOK, ROOT
from figures import STATIC_GROUP, static_vega

VENDORED = BOOK / "_static" / "vega" / "vega.min.js"


def test_the_vendored_vega_is_the_pinned_npm_release():
    lock = json.loads((ROOT / "package-lock.json").read_text())
    pinned = lock["packages"]["node_modules/vega"]["version"]
    released = ROOT / "node_modules" / "vega" / "build" / "vega.min.js"
    if not released.exists():
        pytest.skip("node_modules/vega is not installed (make install-dev installs it)")
    installed = json.loads((ROOT / "node_modules" / "vega" / "package.json").read_text())["version"]
    assert installed == pinned, f"node_modules has vega {installed}, package-lock.json pins {pinned}"
    assert VENDORED.read_bytes() == released.read_bytes(), (
        f"book/_static/vega/vega.min.js is not vega {pinned}'s build: cp {released.relative_to(ROOT)} {VENDORED.relative_to(ROOT)}")
    assert (VENDORED.parent / "LICENSE.txt").read_bytes() == (released.parent.parent / "LICENSE").read_bytes()


@STATIC_GROUP
def test_the_compiled_specs_are_for_that_vega():
    from essays.explorable import all_figures

    lock = json.loads((ROOT / "package-lock.json").read_text())
    major = lock["packages"]["node_modules/vega"]["version"].split(".")[0]
    spec = static_vega(next(iter(all_figures().values())))
    assert spec["$schema"] == f"https://vega.github.io/schema/vega/v{major}.json"
