"""Independent oracles for the parallelization models (issue #24): the limits and symmetries the
argument implies, the source's own numbers, and plain-Python formulas written here."""
from __future__ import annotations

import itertools

import numpy as np
import pytest

from essays.models import parallelization as model


def harmonic(c: float, r: float, w: float) -> float:
    """Amdahl: today's turn E + R takes E / c + R / r; with w = E / (E + R) the speedup is this."""
    return 1.0 / (w / c + (1.0 - w) / r)


@pytest.mark.parametrize("c, r", [(1000.0, 10.0), (3.0, 70.0), (1.0, 1.0), (1e6, 2.0)])
def test_the_loop_speedup_is_the_researchers_alone_at_w_0_and_the_computers_alone_at_w_1(c, r):
    assert model.loop_speedup(c, r, 0.0) == pytest.approx(r)
    assert model.loop_speedup(c, r, 1.0) == pytest.approx(c)


@pytest.mark.parametrize("c, r, w", [(1000.0, 10.0, 0.9), (10.0, 1000.0, 0.9), (4.0, 2.0, 0.25), (2.0, 4.0, 0.25)])
def test_the_loop_speedup_is_amdahls_weighted_harmonic_mean(c, r, w):
    assert model.loop_speedup(c, r, w) == pytest.approx(harmonic(c, r, w))
    # from the turn's duration: today 10 + 5, sped up 10 / c + 5 / r
    e, resp = 10.0 * w, 10.0 * (1 - w)
    today = e + resp
    assert today / model.loop_iteration_time(e, resp, c, r) == pytest.approx(harmonic(c, r, w))


def test_infinitely_fast_computers_leave_the_researchers_ceiling():
    # source line 18: with experiments taking no time the loop is bounded by r / (1 - w)
    for r, w in [(10.0, 0.5), (2.0, 0.9), (1.0, 0.0)]:
        assert model.loop_speedup(1e30, r, w) == pytest.approx(r / (1 - w))
        assert model.loop_speedup_ceiling(r, w) == pytest.approx(r / (1 - w))


@pytest.mark.parametrize("w", [0.0, 0.3, 0.5, 0.9])
def test_the_heat_map_frame_is_the_formula_at_each_rows_own_speedups(w):
    df = model.experiment_loop_frame(w, points=5, max_speedup=100.0)
    grid = [100.0 ** (i / 4) for i in range(5)]
    # researcher speedup varies slowest, compute fastest
    expected = list(itertools.product(grid, grid))
    np.testing.assert_allclose(df[["researcher_speedup", "compute_speedup"]].to_numpy(), expected, rtol=1e-12)
    for row in df.itertuples():
        assert row.loop_speedup == pytest.approx(harmonic(row.compute_speedup, row.researcher_speedup, w))
        assert row.ceiling == pytest.approx(row.researcher_speedup / (1 - w))
        assert row.share_of_ceiling == pytest.approx(row.loop_speedup / row.ceiling)


def test_the_heat_map_is_not_transposed():
    # mostly waiting on experiments (w = 0.9): fast computers with today's researchers beat fast
    # researchers with today's computers, by hand 1 / (0.9 / 1000 + 0.1) = 9.92 against
    # 1 / (0.9 + 0.1 / 1000) = 1.11
    df = model.experiment_loop_frame(0.9, points=2, max_speedup=1000.0)
    fast_computers = df[(df.compute_speedup == 1000.0) & (df.researcher_speedup == 1.0)].loop_speedup.item()
    fast_researchers = df[(df.compute_speedup == 1.0) & (df.researcher_speedup == 1000.0)].loop_speedup.item()
    assert fast_computers == pytest.approx(1 / (0.9 / 1000 + 0.1))
    assert fast_researchers == pytest.approx(1 / (0.9 + 0.1 / 1000))


def test_the_loop_curves_by_hand():
    df = model.experiment_loop_curves(0.5, 10.0, points=7)
    loop = df[df.series == "loop"]
    np.testing.assert_allclose(loop.compute_speedup, [10.0 ** k for k in range(7)])
    np.testing.assert_allclose(loop.loop_speedup, [harmonic(10.0 ** k, 10.0, 0.5) for k in range(7)])
    assert (df[df.series == "ceiling"].loop_speedup == 20.0).all()
    assert (df[df.series == "researchers"].loop_speedup == 10.0).all()


def test_the_experiment_share_from_times():
    assert model.experiment_share_from_times(3.0, 1.0) == 0.75
    assert model.experiment_share_from_times(0.0, 1.0) == 0.0
    assert model.experiment_share_from_times(1.0, 0.0) == 1.0
    with pytest.raises(ValueError, match=r"^experiment_time and response_time must not both be 0$"):
        model.experiment_share_from_times(0.0, 0.0)


def test_fifty_times_the_workers_at_exponent_point_four_is_about_five_times_as_fast():
    # the source's own example of the parallelization penalty: 50x the workers at lambda = 0.4
    # is "about 5x" the labor (50 ** 0.4 = 4.78); 50x faster on top: about 239x
    assert model.effective_labor(50.0, 0.4) == pytest.approx(4.78, abs=0.005)
    assert model.labor_equivalent_speedup(50.0, 50.0, 0.4) == pytest.approx(239.1, abs=0.1)
    # no penalty (lambda = 1) is linear; lambda = 0 means extra workers add nothing
    assert model.effective_labor(50.0, 1.0) == pytest.approx(50.0)
    assert model.effective_labor(50.0, 0.0) == 1.0
    # doubling the workforce multiplies labor by 2 ** lambda whatever the size
    np.testing.assert_allclose(model.effective_labor(np.array([2.0, 20.0, 2000.0]), 0.3)
                               / model.effective_labor(np.array([1.0, 10.0, 1000.0]), 0.3), 2 ** 0.3)


# -- bad input names the parameter and its range (the project's standard), edge by edge ----------

BAD_LOOP_INPUT = [
    (model.loop_iteration_time, dict(experiment_time=-1.0, response_time=1.0, compute_speedup=1.0, researcher_speedup=1.0), "experiment_time"),
    (model.loop_iteration_time, dict(experiment_time=1.0, response_time=2e12, compute_speedup=1.0, researcher_speedup=1.0), "response_time"),
    (model.loop_iteration_time, dict(experiment_time=1.0, response_time=1.0, compute_speedup=0.0, researcher_speedup=1.0), "compute_speedup"),
    (model.loop_iteration_time, dict(experiment_time=1.0, response_time=1.0, compute_speedup=1.0, researcher_speedup=2e30), "researcher_speedup"),
    (model.experiment_share_from_times, dict(experiment_time=2e12, response_time=1.0), "experiment_time"),
    (model.experiment_share_from_times, dict(experiment_time=1.0, response_time=-1e-9), "response_time"),
    (model.loop_speedup, dict(compute_speedup=1.0, researcher_speedup=1.0, experiment_share=1.01), "experiment_share"),
    (model.loop_speedup, dict(compute_speedup=1.0, researcher_speedup=1.0, experiment_share=-0.01), "experiment_share"),
    (model.loop_speedup, dict(compute_speedup=[1.0, 0.0], researcher_speedup=1.0, experiment_share=0.5), "compute_speedup"),
    (model.loop_speedup, dict(compute_speedup=1.0, researcher_speedup=[1.0, 1e31], experiment_share=0.5), "researcher_speedup"),
    (model.loop_speedup_ceiling, dict(researcher_speedup=1.0, experiment_share=1.0), "experiment_share"),
    (model.loop_speedup_ceiling, dict(researcher_speedup=1.0, experiment_share=-0.1), "experiment_share"),
    (model.loop_speedup_ceiling, dict(researcher_speedup=0.0, experiment_share=0.5), "researcher_speedup"),
    (model.experiment_loop_frame, dict(experiment_share=1.0), "experiment_share"),
    (model.experiment_loop_frame, dict(experiment_share=-0.5), "experiment_share"),
    (model.experiment_loop_frame, dict(max_speedup=1.0), "max_speedup"),
    (model.experiment_loop_frame, dict(max_speedup=2e6), "max_speedup"),
    (model.experiment_loop_frame, dict(points=1), "points"),
    (model.experiment_loop_frame, dict(points=31), "points"),
    (model.experiment_loop_curves, dict(experiment_share=1.0), "experiment_share"),
    (model.experiment_loop_curves, dict(experiment_share=-1e-9), "experiment_share"),
    (model.experiment_loop_curves, dict(researcher_speedup=0.0), "researcher_speedup"),
]


@pytest.mark.parametrize("func, kwargs, name", BAD_LOOP_INPUT,
                         ids=[f"{f.__name__}-{n}-{i}" for i, (f, _, n) in enumerate(BAD_LOOP_INPUT)])
def test_bad_loop_input_is_refused_naming_the_parameter(func, kwargs, name):
    with pytest.raises(ValueError, match=rf"^{name}\b"):
        func(**kwargs)


@pytest.mark.parametrize("kwargs", [dict(experiment_share=0.0), dict(experiment_share=0.999999), dict(max_speedup=1e6),
                                    dict(points=2), dict(points=30)])
def test_the_loop_frame_accepts_the_ends_of_its_ranges(kwargs):
    assert len(model.experiment_loop_frame(**kwargs)) == kwargs.get("points", 20) ** 2


def test_the_loop_curves_default_to_61_points_each():
    assert (model.experiment_loop_curves().series.value_counts() == 61).all()
    assert len(model.experiment_loop_frame()) == 400  # 20 x 20 cells by default


# -- the other frames and summaries, by hand (each expected value from the source's numbers or a
# formula written here; the source's AutomatedCorp: 50x faster, 50x as many, lambda = 0.4) --------

L_SOURCE = 50.0 * 50.0 ** 0.4  # about 239


def ces_half(labor: float, alpha: float = 0.5) -> float:
    """CES at sigma = 0.5 (rho = -1), compute 1: Y = 1 / (alpha / L + (1 - alpha)), by hand."""
    return 1.0 / (alpha / labor + (1.0 - alpha))


def brooks(n: float, k: float) -> float:
    """Brooks's team: n members, n (n - 1) / 2 channels, each costing k members' work."""
    return n - k * n * (n - 1) / 2


def test_the_tidy_frames_are_numbered_row_by_row():
    # one row, one label: concatenated pieces renumbered 0, 1, 2, ... (a repeated label would make
    # df.loc pick several rows)
    for df in (model.penalty_curves(0.4, 50.0, 50.0, points=5), model.experiment_loop_curves(points=5),
               model.useful_experiments_frame(points=5), model.compute_bottleneck_frame(points=5),
               model.corporations_frame(points=3), model.coordination_frame(points=3), model.chain_frame()):
        assert df.index.tolist() == list(range(len(df)))


def test_the_penalty_curves_span_one_to_a_thousand_workers():
    df = model.penalty_curves(0.4, 50.0, 50.0, points=4)
    for series in ("penalty", "no penalty"):
        np.testing.assert_allclose(df[df.series == series].workers, [1.0, 10.0, 100.0, 1000.0])
    np.testing.assert_allclose(df[df.series == "penalty"].effective_labor, [1.0, 10 ** 0.4, 100 ** 0.4, 1000 ** 0.4])
    assert df[df.series == "chosen"].speedup.item() == pytest.approx(L_SOURCE)
    assert len(model.penalty_curves(0.4, 50.0, 50.0)) == 61 + 61 + 1


def test_the_defaults_are_the_sources_corporations():
    # SlowCorp: 50x less serial time, a 5x smaller workforce; AutomatedCorp: 50x and 50x; lambda = 0.4
    slow = (1 / 50) * (1 / 5) ** 0.4
    assert model.automatedcorp_speed() == pytest.approx(L_SOURCE)
    assert model.slowcorp_speed() == pytest.approx(slow)
    assert 1 / model.slowcorp_speed() == pytest.approx(95.2, abs=0.05)  # "about 1/95"
    assert model.corporation_speeds() == pytest.approx({"NormalCorp": 1.0, "SlowCorp": slow, "AutomatedCorp": L_SOURCE})
    assert model.single_exponent_equivalent() == pytest.approx((1 + 0.4) / 2)  # speed = workers: (1 + lambda) / 2


def test_the_corporations_frame_by_hand():
    df = model.corporations_frame(0.3, 0.8, points=5)
    assert list(df.columns) == ["series", "kind", "workers", "serial_speed", "workforce", "exponent", "speed"]
    companies = [("NormalCorp", 1.0, 1.0, "human", 0.3), ("SlowCorp", 1 / 50, 1 / 5, "human", 0.3),
                 ("AutomatedCorp", 50.0, 50.0, "AI", 0.8)]
    for name, s, n, workers, chosen in companies:
        rows = df[df.series == name]
        assert rows.kind.tolist() == ["curve"] * 5 + ["chosen"]
        assert (rows.workers == workers).all()
        lams = [0.0, 0.25, 0.5, 0.75, 1.0, chosen]
        np.testing.assert_allclose(rows.exponent, lams)
        np.testing.assert_allclose(rows.speed, [s * n ** lam for lam in lams])
    defaults = model.corporations_frame()
    assert defaults[defaults.kind == "chosen"].exponent.tolist() == pytest.approx([0.4, 0.4, 0.4])


def test_the_coordination_summary_by_brooks_channels():
    # the human channel cost makes a team of 10 grown 50-fold do 50 ** 0.4 times the work
    r = model.coordination_summary()
    assert brooks(500, r.human_cost) / brooks(10, r.human_cost) == pytest.approx(50 ** 0.4)
    assert r.ai_cost == pytest.approx(r.human_cost) and r.ai_exponent == pytest.approx(0.4)
    assert r.automatedcorp == pytest.approx(L_SOURCE)
    half = model.coordination_summary(0.4, 0.5)
    assert half.ai_cost == pytest.approx(0.5 * r.human_cost)
    lam = np.log(brooks(500, 0.5 * r.human_cost) / brooks(10, 0.5 * r.human_cost)) / np.log(50)
    assert half.ai_exponent == pytest.approx(lam)
    assert half.automatedcorp == pytest.approx(50 * 50 ** lam)


def test_the_coordination_frame_by_brooks_channels():
    df = model.coordination_frame(points=5)
    assert list(df.columns) == ["series", "cost_ratio", "ai_exponent", "automatedcorp"]
    assert df.series.tolist() == ["curve"] * 5 + ["chosen"]
    np.testing.assert_allclose(df.cost_ratio, [0.0, 0.25, 0.5, 0.75, 1.0, 1.0])
    human = model.coordination_summary().human_cost
    for row in df.itertuples():
        k = row.cost_ratio * human
        lam = np.log(brooks(500, k) / brooks(10, k)) / np.log(50)
        assert row.ai_exponent == pytest.approx(lam)
        assert row.automatedcorp == pytest.approx(50 * 50 ** lam)
    # free channels: no penalty, 50 * 50 = 2500; the human cost: the human exponent, 0.4 by default
    assert df.ai_exponent.iloc[0] == pytest.approx(1.0) and df.automatedcorp.iloc[0] == pytest.approx(2500.0)
    assert df.ai_exponent.iloc[-1] == pytest.approx(0.4)


def test_a_team_grown_less_than_twofold():
    # scale may be any number above 1, 1.5 included
    assert model.effective_exponent(0.0, 10, 1.5) == 1.0
    k = model.calibrated_channel_cost(0.4, 10, 1.5)
    assert brooks(15, k) / brooks(10, k) == pytest.approx(1.5 ** 0.4)
    assert model.effective_exponent(k, 10, 1.5) == pytest.approx(0.4)


def test_a_team_whose_channels_eat_all_its_work_is_refused_with_the_cost_that_would_do():
    # E(n) > 0 exactly when k < 2 / (n - 1): at n = 3, k = 1 the team does 3 - 3 = 0, no work
    with pytest.raises(ValueError, match=r"^channel_cost 1\.0 leaves a team of 3\.0 members no work .* below 1$"):
        model.team_output(3, 1.0)
    with pytest.raises(ValueError, match=r"use channel_cost below 0\.2$"):  # 2 / (11 - 1)
        model.team_output(11, 0.5)
    with pytest.raises(ValueError, match=r"use channel_cost below 0\.00202$"):  # 2 / 990
        model.team_output(991, 0.5)
    assert model.team_output(3, 0.99) == pytest.approx(brooks(3, 0.99))


def test_the_loop_curves_default_to_ten_fold_researchers():
    df = model.experiment_loop_curves()
    assert (df[df.series == "researchers"].loop_speedup == 10.0).all()
    np.testing.assert_allclose(df[df.series == "ceiling"].loop_speedup, 10 / (1 - 0.5))


def test_the_useful_experiments_frame_by_hand():
    # default: beta = 0.5, f = 1e-9 (line 17), 100x compute: 100 ** 0.5 = 10x the useful experiments
    df = model.useful_experiments_frame(points=5)
    chosen = df[df.series == "chosen"]
    assert chosen.growth.item() == pytest.approx(10.0)
    assert chosen.useful_experiments.item() == pytest.approx(1e10)
    fixed = df[df.series == "fixed frontier"]
    np.testing.assert_allclose(fixed.compute_scaleup, [1.0, 10.0, 100.0, 1e3, 1e4])
    np.testing.assert_allclose(fixed.growth, fixed.compute_scaleup)
    grows = df[df.series == "frontier grows"]
    np.testing.assert_allclose(grows.growth, [1.0, 10 ** 0.5, 10.0, 10 ** 1.5, 100.0])


def test_the_compute_bottleneck_frame_by_hand():
    # default: AutomatedCorp's labor (about 239) at sigma = alpha = 0.5: 1 / (0.5 / L + 0.5)
    df = model.compute_bottleneck_frame()
    assert list(df.columns) == ["series", "substitution_elasticity", "research_speedup", "labor_speedup"]
    np.testing.assert_allclose(df.labor_speedup, L_SOURCE)
    chosen = df[df.series == "chosen"]
    assert chosen.substitution_elasticity.item() == 0.5
    assert chosen.research_speedup.item() == pytest.approx(ces_half(L_SOURCE))
    fixed = df[df.series == "compute fixed"]
    assert fixed[fixed.substitution_elasticity == 0.5].research_speedup.item() == pytest.approx(ces_half(L_SOURCE))
    # Cobb-Douglas at sigma = 1 (on the default grid exactly): L ** alpha
    assert fixed[fixed.substitution_elasticity == 1.0].research_speedup.item() == pytest.approx(L_SOURCE ** 0.5)


def test_the_ceiling_rows_stop_where_the_ceiling_passes_1e12():
    # alpha = 0.99: the ceiling is (1 / (1 - alpha)) ** (sigma / (1 - sigma)) = 100 ** (sigma / (1 - sigma)),
    # at most 1e12 while sigma / (1 - sigma) <= 6, i.e. sigma <= 6 / 7: on the grid 0.1, ..., 0.8
    df = model.compute_bottleneck_frame(0.5, 0.99)
    ceiling = df[df.series == "ceiling"]
    np.testing.assert_allclose(ceiling.substitution_elasticity, [0.1 * i for i in range(1, 9)])
    np.testing.assert_allclose(ceiling.research_speedup, [100 ** (s / (1 - s)) for s in ceiling.substitution_elasticity])


def test_a_ceiling_of_exactly_1e12_is_kept():
    # found by search: at this alpha, sigma = 0.941 (on the 101-point grid) puts the ceiling's log
    # exactly at log(1e12); "above 1e12" is left out, 1e12 itself is not
    alpha = 0.8231484271266268
    df = model.compute_bottleneck_frame(0.5, alpha, points=101)
    top = df[(df.series == "ceiling") & (df.substitution_elasticity == 0.941)]
    assert top.research_speedup.item() == pytest.approx((1 / (1 - alpha)) ** (0.941 / (1 - 0.941)))
    assert top.research_speedup.item() == pytest.approx(1e12)


def test_the_sigma_grid_is_rounded_to_12_decimals():
    # rounded so that the default grid holds 1.0 exactly; at 31 points the steps (2.9 / 30) are not
    # whole decimals, and the grid is the exact values rounded to 12 places
    from fractions import Fraction
    df = model.compute_bottleneck_frame(points=31)
    expected = [float(round(Fraction(1, 10) + Fraction(29, 10) * Fraction(i, 30), 12)) for i in range(31)]
    assert df[df.series == "compute fixed"].substitution_elasticity.tolist() == expected


def test_a_ceiling_of_exactly_1e300_is_returned():
    # found by search: K = 1000.0000000005971, sigma = 0.99, alpha = 0.999 put log(ceiling) exactly at
    # log(1e300): K * 1000 ** 99 = 1e300; "above 1e300" raises, 1e300 itself does not
    k = 1000.0000000005971
    assert model.research_output_ceiling(0.99, 0.999, k) == pytest.approx(k * 1000.0 ** 99)
    with pytest.raises(ValueError, match=r"^substitution_elasticity 0\.99 with labor_share 0\.999 puts the ceiling "
                                         r"above 1e300: use a smaller substitution_elasticity \(in \[0, 1\)\) "
                                         r"or labor_share \(in \(0, 1\)\)$"):
        model.research_output_ceiling(0.99, 0.999, 1001.0)


def test_the_chain_frame_by_hand():
    # sigma = alpha = w = 0.5, lambda = 0.4: the loop turns 1 / (0.5 / 1 + 0.5 / 50) times as fast
    df = model.chain_frame()
    assert list(df.columns) == ["stage", "name", "before", "after", "factor"]
    assert df.stage.tolist() == list(range(6))
    assert df.name.tolist() == ["NormalCorp", "50× speed", "50× copies", "compute binds", "loop waits", "AutomatedCorp"]
    turn = 1 / (0.5 / 1 + 0.5 / 50)
    after, total = ces_half(L_SOURCE), ces_half(turn * 50 ** 0.4)
    np.testing.assert_allclose(df.before, [1.0, 1.0, 50.0, L_SOURCE, after, 1.0])
    np.testing.assert_allclose(df.after, [1.0, 50.0, L_SOURCE, after, total, total])
    np.testing.assert_allclose(df.factor, [1.0, 50.0, 50 ** 0.4, after / L_SOURCE, total / after, total])
    # nothing waits (w = 0): the loop costs nothing; labor share 0.8 by hand
    no_wait = model.chain_frame(experiment_share=0.0)
    assert no_wait.after.iloc[-1] == pytest.approx(after)
    share = model.chain_frame(labor_share=0.8)
    assert share.after.iloc[-1] == pytest.approx(ces_half(turn * 50 ** 0.4, 0.8))


def test_the_chain_summary_by_hand():
    r = model.chain_summary()
    assert set(r) == {"total", "labor_equivalent"}
    assert r["labor_equivalent"] == pytest.approx(L_SOURCE)
    assert r["total"] == pytest.approx(ces_half(1 / (0.5 + 0.5 / 50) * 50 ** 0.4))


def test_research_output_takes_an_array_of_labor():
    labor = np.array([1.0, 4.0, L_SOURCE])
    out = model.research_output(labor, 1.0, 0.5, 0.5)
    assert isinstance(out, np.ndarray) and out.shape == (3,)
    np.testing.assert_allclose(out, [ces_half(x) for x in labor])
    np.testing.assert_allclose(model.research_output([4.0, 9.0], 1.0, 1.0, 0.5), [2.0, 3.0])  # Cobb-Douglas
    one = model.research_output(4.0, 1.0, 0.5, 0.5)
    assert type(one) is float and one == pytest.approx(ces_half(4.0))
    with pytest.raises(ValueError, match=r"^labor must be in \[1e-06, 1e\+12\], got "):
        model.research_output(np.array([1.0, 0.0]), 1.0, 0.5, 0.5)


@pytest.mark.parametrize("c, r", [(np.array([1.0, 1e3]), 10.0), (1e3, np.array([1.0, 10.0])),
                                  (np.array([1.0, 1e3]), np.array([1.0, 10.0]))])
def test_the_loop_speedup_of_arrays_is_an_array(c, r):
    out = model.loop_speedup(c, r, 0.5)
    assert isinstance(out, np.ndarray) and out.shape == (2,)
    cs, rs = np.broadcast_arrays(c, r)
    np.testing.assert_allclose(out, [harmonic(a, b, 0.5) for a, b in zip(cs, rs)])


def test_the_loop_speedup_of_numbers_is_a_python_float():
    out = model.loop_speedup(1000.0, 10.0, 0.5)
    assert type(out) is float and out == pytest.approx(harmonic(1000.0, 10.0, 0.5))


@pytest.mark.parametrize("labor, compute, sigma, alpha", [(1e10, 1e-5, 4.0, 0.5), (1e12, 1e-6, 10.0, 0.5),
                                                          (1e-6, 1e12, 0.2, 0.3), (3.0, 0.5, 0.5, 0.5)])
def test_research_output_is_accurate_to_rounding_against_60_digit_arithmetic(labor, compute, sigma, alpha):
    # the CES written as it reads, (alpha L ** rho + (1 - alpha) K ** rho) ** (1 / rho), in 60-digit
    # decimals: far-apart inputs (labor 1e10, compute 1e-5) are where a careless log-sum-exp loses
    # digits (shifting by the smaller log at rho > 0 costs about 7e-15)
    from decimal import Decimal, localcontext
    with localcontext() as ctx:
        ctx.prec = 60
        l, k, s, a = map(Decimal, (labor, compute, sigma, alpha))
        rho = (s - 1) / s
        exact = float(((a * (l.ln() * rho).exp() + (1 - a) * (k.ln() * rho).exp()).ln() / rho).exp())
    assert model.research_output(labor, compute, sigma, alpha) == pytest.approx(exact, rel=2e-15)


def test_the_chain_reports_how_much_faster_the_loop_turns():
    # 50x faster researchers, today's computers, half the turn on experiments: 1 / (0.5 + 0.5 / 50)
    assert model.chain_stages().loop_turn_speedup == pytest.approx(1 / (0.5 / 1 + 0.5 / 50))
    assert model.chain_stages(experiment_share=0.0).loop_turn_speedup == pytest.approx(50.0)
    assert model.chain_stages(experiment_share=1.0).loop_turn_speedup == pytest.approx(1.0)


def test_the_heat_map_may_span_less_than_a_doubling():
    df = model.experiment_loop_frame(0.5, points=2, max_speedup=1.5)
    assert sorted(set(df.compute_speedup)) == pytest.approx([1.0, 1.5])
    assert df.loop_speedup.max() == pytest.approx(1.5)
