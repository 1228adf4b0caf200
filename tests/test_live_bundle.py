"""The live charts' Vega bundle is bundled once per machine, not once per kernel (essays.live.vega_bundle).

vl-convert's bundler is replaced here by a stub that counts its calls: what is tested is the cache
around it (which file, when it is read, when it is made again), not the bundle itself (the live
kernel and JupyterLab tests draw real charts with it).
"""
from __future__ import annotations

import pytest
import vl_convert

from essays import live


@pytest.fixture
def bundler(monkeypatch, tmp_path):
    calls = []

    def bundle(snippet, vl_version=None):
        calls.append((snippet, vl_version))
        return f"/* bundle {len(calls)} */ {snippet}"

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(vl_convert, "javascript_bundle", bundle)
    return calls


def cached_files(tmp_path):
    return sorted((tmp_path / "cache" / "essays").glob("vega-bundle-*"))


def test_the_bundle_is_made_once_and_read_back_by_the_next_kernel(bundler, tmp_path):
    first = live.vega_bundle.__wrapped__()
    assert bundler == [(live.BUNDLE_SNIPPET, bundler[0][1])] and "__essaysVega" in first
    (path,) = cached_files(tmp_path)
    assert path.suffix == ".js" and path.read_text(encoding="utf-8") == first
    assert live.vega_bundle.__wrapped__() == first  # a new kernel: read, not bundled again
    assert len(bundler) == 1


def test_another_vl_convert_version_is_bundled_again_beside_the_first(bundler, tmp_path, monkeypatch):
    live.vega_bundle.__wrapped__()
    monkeypatch.setattr(vl_convert, "__version__", vl_convert.__version__ + ".other")
    assert live.vega_bundle.__wrapped__().startswith("/* bundle 2 */")
    assert len(cached_files(tmp_path)) == 2


def test_a_cached_file_that_is_not_a_bundle_is_made_again(bundler, tmp_path):
    live.vega_bundle.__wrapped__()
    (path,) = cached_files(tmp_path)
    path.write_text("/* cut short", encoding="utf-8")
    assert live.vega_bundle.__wrapped__().startswith("/* bundle 2 */")
    assert path.read_text(encoding="utf-8").startswith("/* bundle 2 */")


def test_a_cache_that_cannot_be_written_still_gives_the_bundle(bundler, tmp_path):
    (tmp_path / "cache").write_text("a file where the cache directory would be", encoding="utf-8")
    assert "__essaysVega" in live.vega_bundle.__wrapped__()
    assert live.vega_bundle.__wrapped__().startswith("/* bundle 2 */")  # nothing kept, bundled again
    assert not list(tmp_path.glob("**/*.partial"))
