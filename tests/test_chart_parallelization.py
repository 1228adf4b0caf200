"""The parallelization chapter's charts: the Vega expressions the static page runs agree with the
Python model, the figures validate, and the marks the prose points at are where it says.

The expressions are evaluated by Vega itself, in-process, through vl-convert: a probe chart applies
the figure's own expressions to the figure's own base data and prints every recomputed row as text.
"""
from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from essays.charts import parallelization as charts
from essays.models import parallelization as model
from figures import STATIC_GROUP, assert_same_rows, static_spec, vega_rows

FIGURES = (charts.PENALTY, charts.CORPORATIONS, charts.COORDINATION, charts.COMPUTE_BOTTLENECK,
           charts.USEFUL_EXPERIMENTS, charts.EXPERIMENT_LOOP, charts.CHAIN)


@STATIC_GROUP
@pytest.mark.parametrize("fig", FIGURES, ids=lambda f: f.name)
def test_every_figure_validates_static_and_live(fig):
    assert static_spec(fig)["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert fig.live_spec()["datasets"]


@settings(max_examples=5, deadline=None)
@given(lam=st.sampled_from(list(charts.CHAIN.params[0].grid())),
       sigma=st.sampled_from(list(charts.CHAIN.params[1].grid())),
       w=st.sampled_from(list(charts.CHAIN.params[2].grid())))
def test_the_chain_expressions_equal_the_model_at_any_slider_position(lam, sigma, w):
    values = {"ai_exponent": lam, "substitution_elasticity": sigma, "experiment_share": w}
    assert_same_rows(vega_rows(charts.CHAIN, values), charts.CHAIN.frame(**values), rtol=1e-6)


def test_the_chain_expressions_equal_the_model_at_cobb_douglas_and_no_waiting():
    values = {"ai_exponent": 0.4, "substitution_elasticity": 1.0, "experiment_share": 0.0}
    assert_same_rows(vega_rows(charts.CHAIN, values), charts.CHAIN.frame(**values), rtol=1e-6)


@settings(max_examples=4, deadline=None)
@given(lam=st.sampled_from(list(charts.COORDINATION.params[0].grid())),
       ratio=st.sampled_from(list(charts.COORDINATION.params[1].grid())))
def test_the_coordination_expressions_equal_the_model(lam, ratio):
    values = {"human_exponent": lam, "cost_ratio": ratio}
    assert_same_rows(vega_rows(charts.COORDINATION, values), charts.COORDINATION.frame(**values), rtol=1e-6)


@pytest.mark.parametrize("sigma, alpha", [(0.5, 0.5), (1.0, 0.3), (2.6, 0.75), (0.1, 0.05)])
def test_the_compute_bottleneck_expressions_equal_the_model(sigma, alpha):
    values = {"substitution_elasticity": sigma, "labor_share": alpha}
    assert_same_rows(vega_rows(charts.COMPUTE_BOTTLENECK, values), charts.COMPUTE_BOTTLENECK.frame(**values), rtol=1e-6)


def test_the_chain_claim_is_the_models_total_and_flips_where_bisection_says():
    crux = charts.CHAIN.cruxes[0]
    assert crux.value(ai_exponent=0.4, substitution_elasticity=0.5, experiment_share=0.5) == \
        model.chain_stages().total
    assert not crux.holds(**charts.CHAIN.defaults)
    # Independent closed form at w = 0, lambda = 0.4: total = CES(239.09, 1) = 10 solved for sigma by
    # bisection on the formula written out here, not the model.
    labor = 50 * 50 ** 0.4

    def ces(sigma):
        if sigma == 1:
            return labor ** 0.5
        rho = (sigma - 1) / sigma
        return (0.5 * labor ** rho + 0.5) ** (1 / rho)

    lo, hi = 0.1, 3.0
    for _ in range(80):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if ces(mid) < 10 else (lo, mid)
    flips = crux.flips("substitution_elasticity", ai_exponent=0.4, substitution_elasticity=1.0,
                       experiment_share=0.0)
    assert len(flips) == 1 and flips[0].holds_above
    assert flips[0].value == pytest.approx(lo, rel=1e-4)
    # At sigma = 1 (Cobb-Douglas): total = sqrt(S * 50^0.4) = 10 where S * 50^0.4 = 100, i.e.
    # 1 / (w + (1 - w)/50) = 100 / 50^0.4, so w = (50^0.4 / 100 - 1/50) / (1 - 1/50).
    w_star = (50 ** 0.4 / 100 - 1 / 50) / (1 - 1 / 50)
    flips = crux.flips("experiment_share", ai_exponent=0.4, substitution_elasticity=1.0, experiment_share=0.0)
    assert len(flips) == 1 and not flips[0].holds_above
    assert flips[0].value == pytest.approx(w_star, rel=1e-4)


@STATIC_GROUP
def test_the_claims_failing_region_is_drawn_from_the_claims_dataset():
    spec = json.dumps(static_spec(charts.CHAIN))
    assert "automatedcorp_tenfold" in spec and '"name": "claims"' in spec or "claims" in spec
    spec = json.dumps(static_spec(charts.COMPUTE_BOTTLENECK))
    assert "datum.kind == 'fails' && datum.param == 'substitution_elasticity'" in spec


@STATIC_GROUP
def test_the_published_sigma_estimates_sit_on_the_sigma_axis():
    spec = json.dumps(static_spec(charts.COMPUTE_BOTTLENECK))
    for estimate in model.SUBSTITUTION_ESTIMATES:
        assert f"{estimate.sigma:g}: {estimate.name}" in spec
    assert charts.COMPUTE_BOTTLENECK.params[0].max >= max(e.sigma for e in model.SUBSTITUTION_ESTIMATES)


@STATIC_GROUP
def test_automatedcorps_point_on_the_loop_heatmap_is_at_today_computers_and_fifty_fold_researchers():
    spec = json.dumps(static_spec(charts.EXPERIMENT_LOOP))
    assert "AutomatedCorp: " in spec and charts.AUTOMATEDCORP_R == 50.0
    # The label's expression recovers w from the ceiling at r = 1: 1 / ((1 - 1/ceil) + (1/ceil)/50).
    ceiling = model.loop_speedup_ceiling(1.0, 0.5)
    s = 1 / ((1 - 1 / ceiling) + (1 / ceiling) / 50)
    assert s == pytest.approx(model.loop_speedup(1.0, 50.0, 0.5), rel=1e-12)
    assert math.isclose(s, 1 / (0.5 + 0.5 / 50))


def test_the_compute_bottleneck_rows_do_not_vary_with_labor_share_over_the_slider():
    sizes = {len(charts.COMPUTE_BOTTLENECK.frame(labor_share=a)) for a in charts.COMPUTE_BOTTLENECK.params[1].grid()}
    assert len(sizes) == 1


def test_the_fixed_axes_hold_every_setting_of_their_sliders():
    """Axes fixed so that a slider moves the curves (not the axis) still hold the curves at every
    corner of the sliders' ranges."""
    import itertools

    for fig, column, (low, high) in [(charts.USEFUL_EXPERIMENTS, "useful_experiments", charts.USEFUL_EXPERIMENTS_DOMAIN),
                                     (charts.PENALTY, "speedup", (1, 1e5)), (charts.PENALTY, "effective_labor", (1, 1e5))]:
        for corner in itertools.product(*[(p.min, p.max) for p in fig.params]):
            frame = fig.frame(**dict(zip([p.name for p in fig.params], corner)))
            values = frame[column]
            assert values.min() >= low * (1 - 1e-9) and values.max() <= high * (1 + 1e-9), (fig.name, corner)
