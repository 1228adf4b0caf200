"""In a real kernel: setting each slider of a live figure redraws its chart from the Python model."""
from __future__ import annotations

import json

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
slider = live.sliders[{param!r}]
if hasattr(slider, "base"):  # a log slider's min and max are exponents
    bounds = [slider.base ** slider.min, slider.base ** slider.max]
elif hasattr(slider, "min"):
    bounds = [slider.min, slider.max]
else:  # a choice between named options
    bounds = [0, len(slider.options) - 1]
print(json.dumps({{"range": bounds, "changed": json.dumps(spec["datasets"], sort_keys=True) != before,
                  "values": spec["datasets"]["model"], "settings": live.values}}))
"""


@pytest.fixture(scope="module")
def kernel():
    """One live kernel started in book/ (as Binder's JupyterLab starts one) for every probe here:
    each probe moves its own figure's sliders, and reads back every slider's value."""
    import os

    from jupyter_client.manager import start_new_kernel

    env = {k: v for k, v in os.environ.items() if k != "ESSAYS_RENDER"}  # live figures, as in Binder
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(BOOK), env=env)
    yield client
    client.stop_channels()
    manager.shutdown_kernel(now=True)


def run_in_kernel(kernel, code: str) -> dict:
    stdout, errors = [], []

    def hook(message):
        content = message["content"]
        if message["msg_type"] == "stream" and content["name"] == "stdout":
            stdout.append(content["text"])
        elif message["msg_type"] == "error":
            errors.append(f"{content['ename']}: {content['evalue']}")

    kernel.execute_interactive(code, timeout=120, output_hook=hook)
    assert not errors, errors
    return json.loads("".join(stdout).strip().splitlines()[-1])


def off_grid_value(param) -> float:
    """A value the static grid does not carry: the live slider takes any value in range."""
    if param.integer:
        return int(param.max) if param.default != param.max else int(param.min)
    if param.log:
        return (param.min * param.max) ** 0.5 * 1.0137
    return param.min + 0.6180339 * (param.max - param.min)


@pytest.mark.parametrize("name,param", [(n, p) for n, f in FIGURES.items() for p in f.params],
                         ids=lambda x: getattr(x, "name", x))
def test_setting_a_live_slider_redraws_the_chart_from_the_model(kernel, name, param):
    figure = FIGURES[name]
    value = off_grid_value(param)
    result = run_in_kernel(kernel, PROBE.format(name=name, param=param.name, value=value))
    assert result["changed"], f"{name}: setting {param.name} left the chart unchanged"
    assert result["settings"][param.name] == pytest.approx(value, rel=1e-12), "the slider holds what was set"
    lo, hi = result["range"]
    assert (lo, hi) == (pytest.approx(param.min, rel=1e-12), pytest.approx(param.max, rel=1e-12))
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
def test_a_live_claim_follows_the_sliders_for_any_value(kernel, name, param, value):
    figure = FIGURES[name]
    result = run_in_kernel(kernel, CLAIM_PROBE.format(name=name, param=param, value=value))
    assert result["after"] != result["before"]
    import html

    for text in figure.claims_text(**result["settings"]):
        assert html.escape(text) in result["after"]
    status = [r for r in result["rows"] if r["kind"] == "status"]
    assert [r["holds"] for r in status] == [c.holds(**result["settings"]) for c in figure.cruxes]


def test_under_xdist_loadgroup_these_tests_are_one_group_on_one_worker(request):
    """The kernel above is started once per worker that runs this module: with ``--dist loadgroup``
    (``make test``) every test here must carry the group, or each worker starts its own (as happened
    silently with pytest 9.2 and pytest-xdist 3.8)."""
    if not request.config.getvalue("loadgroup"):
        pytest.skip("not running under pytest-xdist's --dist loadgroup")
    assert request.node.nodeid.endswith("@kernel"), request.node.nodeid
