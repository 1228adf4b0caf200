"""The explorable's sliders checked outside the browser (issue #24, item 3).

* A scenario link's value lands on the nearest slider position, and a value far outside a slider's
  range on the nearest *end*, on every slider of the book: the page's own ``nearestIndex``
  (``book/_static/essays.js``) run by Node against each slider's positions as the page carries them.
* A live slider holds the value set on it and spans the declared range: every slider of the book,
  as ipywidgets built in this process (no kernel, no browser).
"""
from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from essays.explorable import LiveFigure, all_figures
from figures import STATIC_GROUP, static_html, static_vega

ROOT = Path(__file__).resolve().parent.parent
FIGURES = all_figures()
SLIDERS = [(name, p) for name, fig in FIGURES.items() for p in fig.params]
NODE = shutil.which("node")


def nearest_index_source() -> str:
    js = (ROOT / "book" / "_static" / "essays.js").read_text(encoding="utf-8")
    match = re.search(r"\n  function nearestIndex\(p, value\) \{\n.*?\n  \}\n", js, re.S)
    assert match, "essays.js defines nearestIndex(p, value)"
    return match.group(0)


def page_params(fig) -> list[dict]:
    """Each slider as the static page carries it (Explorable.static_html's metadata)."""
    return _page_params(fig.name)


@functools.lru_cache(maxsize=None)
def _page_params(name: str) -> list[dict]:
    html = static_html(FIGURES[name])
    meta = json.loads(re.search(r'<script type="application/json" class="explorable-meta">(.*?)</script>',
                                html, re.S).group(1))
    return meta["params"]


def run_nearest(cases: list[tuple[dict, float]]) -> list[int]:
    # JSON cannot carry 1e308 * 10 or -0 faithfully; values are passed as strings and read by Number()
    script = (nearest_index_source() + "\nconst cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
              "console.log(JSON.stringify(cases.map(([p, v]) => nearestIndex(p, Number(v)))));\n")
    out = subprocess.run([NODE, "-e", script], input=json.dumps([[p, repr(v)] for p, v in cases]),
                         capture_output=True, text=True, check=True, timeout=60)
    return json.loads(out.stdout)


@STATIC_GROUP
@pytest.mark.skipif(NODE is None, reason="Node runs the page's JavaScript (apt-get install nodejs)")
def test_a_link_value_far_outside_any_slider_lands_on_its_nearest_end():
    cases, expected = [], []
    for name, fig in FIGURES.items():
        for p in page_params(fig):
            if p["options"]:
                continue
            last = len(p["values"]) - 1
            lo, hi = p["values"][0], p["values"][-1]
            span = hi - lo
            far = [(1e308, last), (-1e308, 0), (hi + 10 * span, last), (lo - 10 * span, 0),
                   (hi * 1e6 if hi > 0 else hi + 1e6, last)]
            if p["log"]:
                far += [(1e-308, 0), (lo / 1e6, 0), (0.0, 0)]
            for value, index in far:
                cases.append((p, value))
                expected.append((name, p["name"], value, index))
    got = run_nearest(cases)
    wrong = [(e, g) for e, g in zip(expected, got) if g != e[3]]
    assert not wrong, wrong[:10]


@STATIC_GROUP
@pytest.mark.skipif(NODE is None, reason="Node runs the page's JavaScript (apt-get install nodejs)")
def test_a_link_value_on_a_slider_position_lands_on_that_position():
    cases, expected = [], []
    for name, fig in FIGURES.items():
        for p in page_params(fig):
            for i, v in enumerate(p["values"]):
                cases.append((p, v))
                expected.append((name, p["name"], v, i))
    got = run_nearest(cases)
    wrong = [(e, g) for e, g in zip(expected, got) if g != e[3]]
    assert not wrong, wrong[:10]


@STATIC_GROUP
def test_the_page_carries_each_slider_with_its_declared_ends():
    for name, fig in FIGURES.items():
        for declared, p in zip(fig.params, page_params(fig)):
            assert p["name"] == declared.name
            assert p["values"][0] == pytest.approx(declared.min, rel=1e-6), (name, p["name"])
            assert p["values"][-1] == pytest.approx(declared.max, rel=1e-6), (name, p["name"])
            assert p["log"] == declared.log and p["integer"] == declared.integer
            assert p["values"] == sorted(p["values"]), (name, p["name"])


# -- live sliders: the value read back is the value set; the range is the declaration -------------


def off_grid(p) -> float:
    if p.integer:
        return int(p.max) if p.default != p.max else int(p.min)
    if p.log:
        return (p.min * p.max) ** 0.5 * 1.0137
    return p.min + 0.6180339 * (p.max - p.min)


@pytest.fixture(scope="module")
def live():
    return {name: LiveFigure(fig) for name, fig in FIGURES.items()}


# (on one xdist worker: the module fixture builds every figure's live widgets, about 13 s of CPU)
@pytest.mark.xdist_group("live-sliders")
@pytest.mark.parametrize("name,param", SLIDERS, ids=[f"{n}.{p.name}" for n, p in SLIDERS])
def test_a_live_slider_spans_the_declared_range_and_holds_the_value_set(live, name, param):
    slider = live[name].sliders[param.name]
    if param.options:
        assert [v for _, v in slider.options] == list(range(len(param.options)))
        assert [label for label, _ in slider.options] == list(param.options)
        assert slider.value == param.default
        return
    if param.log:
        lo, hi = 10 ** slider.min, 10 ** slider.max
    else:
        lo, hi = slider.min, slider.max
    assert (lo, hi) == (pytest.approx(param.min, rel=1e-12), pytest.approx(param.max, rel=1e-12))
    assert slider.value == pytest.approx(param.default, rel=1e-12), "starts at the declared default"
    for value in (off_grid(param), param.min, param.max, param.default):
        slider.value = int(value) if param.integer else value
        assert slider.value == pytest.approx(value, rel=1e-12), value
        assert live[name].values[param.name] == pytest.approx(value, rel=1e-12)
    # a value set beyond the range is held at the nearest end, as on the static page
    slider.value = int(param.max) + 10 if param.integer else param.max * 10 if param.log else param.max + 10 * (param.max - param.min)
    assert slider.value == pytest.approx(param.max, rel=1e-12)
    slider.value = int(param.min) - 10 if param.integer else param.min / 10 if param.log else param.min - 10 * (param.max - param.min)
    assert slider.value == pytest.approx(param.min, rel=1e-12)
    slider.value = int(param.default) if param.integer else param.default


# -- inline data packed as columns: the page's unpackData gives back every row exactly -----------


def unpack_source() -> str:
    js = (ROOT / "book" / "_static" / "essays.js").read_text(encoding="utf-8")
    match = re.search(r"\n  function unpackData\(spec\) \{\n.*?\n  \}\n", js, re.S)
    assert match, "essays.js defines unpackData(spec)"
    return match.group(0)


def test_packing_a_dataset_as_columns_keeps_rows_that_differ_in_keys_as_rows():
    from essays.explorable import pack_inline_data, packed_columns

    assert packed_columns([{"a": 1}, {"b": 2}]) is None
    assert packed_columns([]) is None
    rows = [{"k": "x", "v": 1.5}] * 5 + [{"k": None, "v": None}]
    assert packed_columns(rows)["cols"][0] == {"levels": ["x"], "codes": [0, 0, 0, 0, 0, None]}
    spec = {"data": [{"name": "a", "values": [{"a": 1}, {"b": 2}]}, {"name": "b", "source": "a"}]}
    assert pack_inline_data(spec) == spec


@STATIC_GROUP
@pytest.mark.skipif(NODE is None, reason="Node runs the page's JavaScript (apt-get install nodejs)")
def test_the_page_unpacks_every_figures_data_to_exactly_the_rows_the_spec_was_compiled_with():
    from essays.explorable import PACKED, pack_inline_data

    originals = {name: static_vega(fig) for name, fig in FIGURES.items()}
    packed = {name: pack_inline_data(spec) for name, spec in originals.items()}
    assert sum(isinstance(d.get("values"), dict) and PACKED in d["values"]
               for spec in packed.values() for d in spec.get("data", [])) >= len(FIGURES) // 2, "little is packed"
    script = (unpack_source() + "\nconst specs = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
              "for (const k of Object.keys(specs)) unpackData(specs[k]);\n"
              "console.log(JSON.stringify(specs));\n")
    out = subprocess.run([NODE, "-e", script], input=json.dumps(packed), capture_output=True, text=True,
                         check=True, timeout=120)
    unpacked = json.loads(out.stdout)
    for name, spec in originals.items():
        assert unpacked[name]["data"] == json.loads(json.dumps(spec["data"])), name
