"""The one-declaration, two-renderings helper."""
from __future__ import annotations

import json
import re

import altair as alt
import numpy as np
import pandas as pd
import pytest
from altair.utils.schemapi import validate_jsonschema

from essays.explorable import Explorable, Param, all_figures
from figures import STATIC_GROUP, static_html, static_spec

FIGURES = all_figures()


def line_model(slope: float, n: int) -> pd.DataFrame:
    x = np.arange(int(n), dtype=float)
    return pd.DataFrame({"x": x, "y": slope * x})


def line_chart(base):
    return base.mark_line().encode(x="x:Q", y="y:Q")


def make(name="test_line", **kw):
    params = (Param("slope", "Slope (units)", 1.0, -2.0, 2.0, step=0.5),
              Param("n", "Points", 3, 2, 5, step=1, integer=True))
    return Explorable(name=name, params=params, model=line_model, chart=line_chart, **kw)


def test_a_linear_grid_spans_the_range_in_steps_and_holds_the_default():
    p = Param("x", "X", 0.37, 0.1, 1.0, step=0.1)
    grid = p.grid()
    assert grid[0] == pytest.approx(0.1) and grid[-1] == pytest.approx(1.0)
    assert 0.37 in grid


def test_a_log_grid_is_geometric():
    grid = Param("w", "W", 10, 1, 1000, log=True, points=4).grid()
    assert np.allclose(grid, [1, 10, 100, 1000])


@pytest.mark.parametrize("kwargs, message", [
    (dict(name="Bad Name", label="x", default=1, min=0, max=2, step=1), "name"),
    (dict(name="x", label="x", default=3, min=0, max=2, step=1), "default"),
    (dict(name="x", label="x", default=1, min=2, max=0, step=1), "min must be below max"),
    (dict(name="x", label="x", default=1, min=0, max=2, log=True), "log slider needs min > 0"),
    (dict(name="x", label="x", default=1, min=0, max=2), "positive step"),
    (dict(name="x", label="x", default=float("nan"), min=0, max=2, step=1), "finite"),
])
def test_bad_params_are_rejected_with_a_clear_error(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Param(**kwargs)


def test_the_grid_mode_spec_carries_one_model_output_per_slider_combination():
    fig = make()
    spec = fig.static_spec()
    (rows,) = spec["datasets"].values()  # the model's grid, stored once
    combos = len(fig.params[0].grid()) * len(fig.params[1].grid())
    assert len({r["_k"] for r in rows}) == combos
    assert {p["name"] for p in spec["params"]} == {"slope", "slope__i", "n", "n__i"}


def test_the_static_html_escapes_labels_and_cannot_close_its_script_early():
    fig = Explorable(name="test_escape", params=(Param("a", "<b>&</b>", 1, 0, 2, step=1),),
                     model=lambda a: pd.DataFrame({"x": [0.0], "y": [a], "s": ["</script><i>"]}),
                     chart=lambda base: base.mark_point().encode(x="x:Q", y="y:Q"))
    html = fig.static_html()
    assert "<b>&</b>" not in html and "&lt;b&gt;&amp;&lt;/b&gt;" in html
    assert html.count("</script>") == 2  # only the two spec/meta scripts end
    assert json.loads(re.search(r'class="explorable-spec">(.*?)</script>', html).group(1))


def test_non_finite_model_output_never_reaches_a_chart():
    fig = Explorable(name="test_nan", params=(Param("a", "A", 1, 0, 2, step=1),),
                     model=lambda a: pd.DataFrame({"x": [0.0], "y": [np.nan]}),
                     chart=lambda base: base.mark_point().encode(x="x:Q", y="y:Q"))
    with pytest.raises(ValueError, match="non-finite"):
        fig.figure()


def test_unknown_settings_are_rejected():
    with pytest.raises(ValueError, match="unknown parameter"):
        make().frame(nope=1)


def test_two_different_figures_cannot_share_a_name():
    make(name="test_dupe")
    with pytest.raises(ValueError, match="unique"):
        Explorable(name="test_dupe", params=(Param("a", "A", 1, 0, 2, step=1),),
                   model=lambda a: None, chart=line_chart)


def test_the_static_rendering_is_html_and_the_live_one_a_widget(monkeypatch):
    fig = make(name="test_modes")
    monkeypatch.setenv("ESSAYS_RENDER", "static")
    bundle = fig._repr_mimebundle_()
    assert "text/html" in bundle and not any("widget" in k for k in bundle)
    monkeypatch.delenv("ESSAYS_RENDER")
    bundle = fig._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle and "text/html" not in bundle


@STATIC_GROUP
@pytest.mark.parametrize("name", FIGURES)
def test_every_figure_has_valid_static_and_live_vega_lite(name):
    fig = FIGURES[name]
    # the static spec as the page carries it (static_spec itself does not validate, to keep builds fast)
    schema = alt.vegalite.v6.schema.core.load_schema()
    validate_jsonschema(static_spec(fig), schema, rootschema=schema)
    fig.figure().to_dict()  # altair validates the live chart against the Vega-Lite schema
    validate_jsonschema(fig.live_spec(), schema, rootschema=schema)  # as the live widget draws it


@STATIC_GROUP
@pytest.mark.parametrize("name", FIGURES)
def test_every_figure_static_page_fits_the_page_budget(name):
    assert len(static_html(FIGURES[name]).encode()) < 250_000


def test_tiny_values_keep_their_significant_digits_on_the_static_page():
    fig = Explorable(name="test_tiny", params=(Param("a", "A", 1, 0, 2, step=1),),
                     model=lambda a: pd.DataFrame({"x": [0.0, 1.0], "y": [1.113456e-15 * (a + 1), 2.5e-300]}),
                     chart=lambda base: base.mark_point().encode(x="x:Q", y="y:Q"))
    (values,) = fig.static_spec()["datasets"].values()
    rows = {r["x"]: r["y"] for r in values if r["_k"] == 1}
    assert rows[0.0] == pytest.approx(2.226912e-15, rel=1e-9) and rows[1.0] == pytest.approx(2.5e-300, rel=1e-9)


def test_data_that_several_layers_draw_is_stored_once():
    def two_layers(base):
        return alt.layer(base.mark_line().encode(x="x:Q", y="y:Q"), base.mark_point().encode(x="x:Q", y="y:Q"))

    params = (Param("slope", "Slope (units)", 1.0, -2.0, 2.0, step=0.5),)
    fig = Explorable(name="test_two_layers", params=params, model=lambda slope: line_model(slope, 3), chart=two_layers)
    spec = fig.static_spec()
    assert len(spec["datasets"]) == 1
    text = json.dumps(spec)
    assert text.count('"values"') == 0  # no layer carries its own copy


def test_docstring_examples_run():
    import doctest

    from essays import explorable

    result = doctest.testmod(explorable)
    assert result.attempted and not result.failed
