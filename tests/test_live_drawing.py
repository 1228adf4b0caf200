"""What a live chart sends the browser (``essays.live.drawing``): the chart compiled once per shape,
each drawing the model's rows put into it, drawn with the static site's own Vega."""
from __future__ import annotations

import pytest

from conftest import BOOK
from essays import live
from essays.explorable import all_figures

FIGURES = all_figures()


def far_end(fig) -> dict:
    """The first slider at the end farther from its default (a choice at its first or last option)."""
    p = fig.params[0]
    return {p.name: p.min if p.default - p.min > p.max - p.default else p.max}


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_each_drawing_is_the_spec_compiled_as_a_whole_and_one_shape_is_compiled_once(name, monkeypatch):
    fig = FIGURES[name]
    first, moved = fig.live_spec(), fig.live_spec(**far_end(fig))
    assert first["datasets"] != moved["datasets"], f"{name}: moving the slider changed no row"
    compiled = {id(first): live._compile(first), id(moved): live._compile(moved)}
    live._TEMPLATES.clear()
    calls = []
    monkeypatch.setattr(live, "_compile", lambda spec: calls.append(spec) or compiled[id(spec)])
    a, b = live.drawing(first), live.drawing(moved)
    assert len(calls) == 1, f"{name}: compiled {len(calls)} times for one shape"
    assert a["vega"] == compiled[id(first)] and b["vega"] == compiled[id(moved)]
    assert a["shape"] == b["shape"] and a["fit"] == b["fit"] == (first.get("width") == live.theme.LIVE_WIDTH)
    rows = {d["name"]: d for d in a["vega"]["data"] if d["name"] in first["datasets"]}
    in_place = all(not {"format", "source", "url"} & set(d) for d in rows.values())
    assert a["swap"] == (sorted(first["datasets"]) if in_place else [])
    assert (a["shape"] is None) == (not in_place)


def test_four_figures_are_drawn_anew_on_every_move_and_the_rest_in_place():
    anew = sorted(n for n, f in FIGURES.items() if not live.drawing(f.live_spec())["swap"])
    assert len(anew) == 4, anew  # their claims carry fields Vega parses (README, "What keeps ... fast")


def test_a_spec_whose_datasets_are_not_compiled_as_expected_is_compiled_every_time(monkeypatch):
    spec = FIGURES["penalty"].live_spec()
    compiled = live._compile(spec)
    renamed = {**compiled, "data": [{**d, "name": "other"} if d["name"] == "model" else d for d in compiled["data"]]}
    live._TEMPLATES.clear()
    monkeypatch.setattr(live, "_compile", lambda s: renamed)
    first, second = live.drawing(spec), live.drawing(spec)
    assert first == second == {"vega": renamed, "shape": None, "swap": [], "fit": True}
    assert live._TEMPLATES == {}


def test_only_the_latest_shapes_are_kept():
    live._TEMPLATES.clear()
    base = FIGURES["penalty"].live_spec()
    for height in range(live._TEMPLATES_KEPT + 5):
        live.drawing({**base, "height": 100 + height})
    assert len(live._TEMPLATES) == live._TEMPLATES_KEPT


def test_a_live_chart_draws_with_the_vega_the_static_site_serves_and_follows_its_spec():
    assert live.vega_script() == (BOOK / "_static" / "vega" / "vega.min.js").read_text(encoding="utf-8")
    fig = FIGURES["penalty"]
    chart = live.LiveChart(fig.live_spec())
    assert chart.chart == live.drawing(fig.live_spec())
    chart.spec = fig.live_spec(**far_end(fig))
    assert chart.chart == live.drawing(fig.live_spec(**far_end(fig)))
    assert "spec" not in chart.keys and {"chart", "vega"} <= set(chart.keys)  # the kernel keeps the Vega-Lite
