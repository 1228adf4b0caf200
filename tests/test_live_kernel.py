"""In a real kernel: setting each slider of a live figure redraws its chart from the Python model."""
from __future__ import annotations

import json

import nbformat
import nbclient
import pytest

from conftest import BOOK
from essays.explorable import all_figures

FIGURES = all_figures()
pytestmark = pytest.mark.live

PROBE = """
import json
from essays.explorable import all_figures
figure = all_figures()[{name!r}]
box = figure.widget()
live = figure._live
before = json.dumps(live.chart.spec["datasets"], sort_keys=True)
live.sliders[{param!r}].value = {value!r}
spec = live.chart.spec
print(json.dumps({{"changed": json.dumps(spec["datasets"], sort_keys=True) != before,
                  "values": spec["datasets"]["model"], "settings": live.values}}))
"""


def run_in_kernel(code: str) -> dict:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(BOOK)}}).execute()
    outputs = [o for o in nb.cells[0].outputs if o.output_type == "stream" and o.name == "stdout"]
    return json.loads(outputs[-1].text)


def off_grid_value(param) -> float:
    """A value the static grid does not carry: the live slider takes any value in range."""
    if param.integer:
        return int(param.max) if param.default != param.max else int(param.min)
    if param.log:
        return (param.min * param.max) ** 0.5 * 1.0137
    return param.min + 0.6180339 * (param.max - param.min)


@pytest.mark.parametrize("name,param", [(n, p) for n, f in FIGURES.items() for p in f.params],
                         ids=lambda x: getattr(x, "name", x))
def test_setting_a_live_slider_redraws_the_chart_from_the_model(name, param, monkeypatch):
    monkeypatch.delenv("ESSAYS_RENDER", raising=False)
    figure = FIGURES[name]
    value = off_grid_value(param)
    result = run_in_kernel(PROBE.format(name=name, param=param.name, value=value))
    assert result["changed"], f"{name}: setting {param.name} left the chart unchanged"
    expected = figure.frame(**result["settings"])
    drawn = result["values"]
    assert len(drawn) == len(expected)
    for row, (_, want) in zip(drawn, expected.iterrows()):
        for column, target in want.items():
            if isinstance(target, str):
                assert row[column] == target
            else:
                assert row[column] == pytest.approx(float(target), rel=1e-6, abs=1e-12)


CLAIM_PROBE = """
import json
from essays.explorable import all_figures
figure = all_figures()[{name!r}]
box = figure.widget()
live = figure._live
before = live.claims.value
live.sliders[{param!r}].value = {value!r}
print(json.dumps({{"before": before, "after": live.claims.value, "settings": live.values,
                  "rows": live.chart.spec["datasets"]["claims"]}}))
"""


def _claim_cases():
    """For each figure with claims, a slider and an off-grid value on the far side of its first flip."""
    cases = []
    for name, figure in FIGURES.items():
        for crux in figure.cruxes:
            for p in crux.params:
                flips = crux.flips(p.name, **figure.defaults)
                if flips and not p.options:
                    f = flips[0]
                    value = f.value * (1.013 if figure.defaults[p.name] < f.value else 0.987)
                    if p.integer:
                        value = int(f.value) if figure.defaults[p.name] < f.value else int(f.value) - 1
                    cases.append((name, p.name, value))
                    break
    return cases


@pytest.mark.parametrize("name,param,value", _claim_cases())
def test_a_live_claim_follows_the_sliders_for_any_value(name, param, value, monkeypatch):
    monkeypatch.delenv("ESSAYS_RENDER", raising=False)
    figure = FIGURES[name]
    result = run_in_kernel(CLAIM_PROBE.format(name=name, param=param, value=value))
    assert result["after"] != result["before"]
    import html

    for text in figure.claims_text(**result["settings"]):
        assert html.escape(text) in result["after"]
    status = [r for r in result["rows"] if r["kind"] == "status"]
    assert [r["holds"] for r in status] == [c.holds(**result["settings"]) for c in figure.cruxes]
