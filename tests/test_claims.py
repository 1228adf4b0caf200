"""Claims and their cruxes (essays.claims): status and thresholds come from the model, and agree
with closed forms and with an independent root-finder; bad declarations name their figure."""
from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from essays.claims import (Claim, ClaimError, all_cruxes, claim_status_at, cruxes_html, cruxes_table,
                           flip_sentence, plain_number, static_table)
from essays.explorable import Explorable, Param, choice

# -- small figures with closed-form thresholds ------------------------------------------------------


def product(a: float, b: float) -> dict:
    return {"y": a * b}


def bowl(a: float, b: float) -> dict:
    return {"y": (a - 0.5) ** 2 + 0 * b}


def shifted(a: float, b: float) -> dict:
    return {"y": a + b + 10}


def frame(a: float = 1.0, b: float = 1.0):
    import pandas as pd

    return pd.DataFrame({"x": [0.0, 1.0], "y": [0.0, a * b]})


def chart(base):
    return base.mark_line().encode(x="x:Q", y="y:Q")


PARAMS = (Param("a", "A (units)", 1.0, 0.1, 3.0, step=0.1, symbol="a"),
          Param("b", "B (units)", 1.0, 0.25, 4.0, log=True, points=21, symbol="b"))


def figure(name, *claims, params=PARAMS):
    return Explorable(name=name, params=params, model=frame, chart=chart, claims=claims)


PRODUCT = figure("test_claim_product", Claim("at_least_one", "a times b is at least one", product, "y >= 1"))
BOWL = figure("test_claim_bowl", Claim("near_half", "a is near one half", bowl, "y <= 0.04"))
ALWAYS = figure("test_claim_always", Claim("always", "a + b + 10 is at least one", shifted, "y >= 1"))


def positions_strategy(fig):
    return st.fixed_dictionaries({p.name: st.integers(0, len(p.grid()) - 1) for p in fig.params})


def at(fig, positions):
    return {p.name: float(p.grid()[positions[p.name]]) for p in fig.params}


def step_at(p, value):
    grid = p.grid()
    i = int(np.clip(np.searchsorted(grid, value), 1, len(grid) - 1))
    return grid[i] - grid[i - 1]


def test_a_threshold_matches_its_closed_form_on_each_slider():
    crux = PRODUCT.cruxes[0]
    (flip,) = crux.flips("a", a=1.0, b=2.0)
    assert flip.value == pytest.approx(0.5, rel=1e-6) and flip.holds_above
    (flip,) = crux.flips("b", a=2.0, b=1.0)  # a log slider
    assert flip.value == pytest.approx(0.5, rel=1e-6) and flip.holds_above


def test_a_claim_that_holds_only_in_a_band_fails_on_both_sides():
    crux = BOWL.cruxes[0]
    low, high = crux.flips("a", a=0.5, b=1.0)
    assert (low.value, high.value) == (pytest.approx(0.3, rel=1e-6), pytest.approx(0.7, rel=1e-6))
    assert low.holds_above and not high.holds_above
    text = crux.flip_text("a", [low, high], True)
    assert text == "fails for a below 0.300, above 0.700"


def test_a_claim_that_holds_over_the_whole_range_says_so_and_invents_no_threshold():
    crux = ALWAYS.cruxes[0]
    for p in PARAMS:
        assert crux.flips(p.name, a=1.0, b=1.0) == []
        assert crux.flip_text(p.name, [], True) == f"holds over the whole range of {p.symbol}"
    table = static_table(crux)
    assert set(table["status"]) == {"1"}
    assert all(entry == [] for entries in table["flips"].values() for entry in entries)


@settings(max_examples=40, deadline=None)
@given(positions_strategy(PRODUCT))
def test_the_static_table_agrees_with_the_closed_form_at_random_positions(positions):
    crux = PRODUCT.cruxes[0]
    table = static_table_cached(crux)
    values = at(PRODUCT, positions)
    state = claim_status_at(table, positions, {p.name: p for p in PRODUCT.params})
    assert state["holds"] == (values["a"] * values["b"] >= 1)
    for p, other in (("a", "b"), ("b", "a")):
        exact = 1 / values[other]
        names = [n for n in table["params"] if n != p]
        entry = table["flips"][p][positions[names[0]]]
        param = next(q for q in PRODUCT.params if q.name == p)
        if param.min < exact < param.max and _grid_straddles(param, exact):
            assert len(entry) == 3
            assert entry[0] == pytest.approx(exact, rel=1e-3)
            assert entry[1] == 1  # holds above
        else:
            assert entry == []


def _grid_straddles(param, value) -> bool:
    grid = param.grid()
    return bool(grid[0] < value <= grid[-1])


_TABLES: dict = {}


def static_table_cached(crux):
    key = (crux.figure, crux.claim.name)
    if key not in _TABLES:
        _TABLES[key] = static_table(crux)
    return _TABLES[key]


def test_status_changes_just_across_every_threshold_and_not_elsewhere():
    crux = BOWL.cruxes[0]
    for flip in crux.flips("a", a=0.5, b=1.0):
        below, above = flip.value * (1 - 1e-6), flip.value * (1 + 1e-6)
        assert crux.holds(a=above, b=1.0) == flip.holds_above
        assert crux.holds(a=below, b=1.0) != flip.holds_above


def test_sentences_read_the_same_from_the_table_as_from_the_model():
    crux = PRODUCT.cruxes[0]
    table = static_table_cached(crux)
    params = {p.name: p for p in PRODUCT.params}
    for ia, ib in itertools.product([0, 9, 29], [0, 10, 20]):
        positions = {"a": ia, "b": ib}
        values = at(PRODUCT, positions)
        state = claim_status_at(table, positions, params)
        assert state["status"] == crux.status_text(**values)
        for name, text in state["flips"]:
            flips = crux.flips(name, scan=params[name].grid(), **values)
            assert text == crux.flip_text(name, flips, state["holds"])


def test_an_integer_slider_flips_at_a_whole_number():
    fig = figure("test_claim_integer",
                 Claim("enough", "n is at least 7", lambda n: {"n": n}, "n >= 7"),
                 params=(Param("n", "Count", 3, 1, 20, step=1, integer=True),))
    (flip,) = fig.cruxes[0].flips("n", n=3)
    assert flip.value == 7 and flip.holds_above


def test_a_choice_slider_flips_between_options():
    fig = figure("test_claim_choice",
                 Claim("second", "the second option is chosen", lambda suite: {"k": suite}, "k >= 1"),
                 params=(choice("suite", "Suite", ["one", "two", "three"], 0),))
    (flip,) = fig.cruxes[0].flips("suite", suite=0)
    assert flip.value == 1 and flip.holds_above


def test_a_contour_gives_the_boundary_along_the_other_slider():
    fig = figure("test_claim_contour",
                 Claim("at_least_one", "a times b is at least one", product, "y >= 1", contour=("a", "b")))
    rows = [r for r in fig.claim_rows() if r["kind"] == "boundary"]
    assert rows
    for row in rows:
        assert row["value"] == pytest.approx(1 / row["at"], rel=1e-5)


def test_the_chart_data_marks_where_the_claim_fails():
    rows = PRODUCT.claim_rows(a=1.0, b=2.0)
    (fails,) = [r for r in rows if r["kind"] == "fails" and r["param"] == "a"]
    assert fails["lo"] == pytest.approx(0.1) and fails["hi"] == pytest.approx(0.5, rel=1e-6)
    (status,) = [r for r in rows if r["kind"] == "status"]
    assert status["holds"] is True and status["value"] == pytest.approx(2.0)


def test_flip_sentences_name_the_direction():
    assert flip_sentence("σ", [(0.89, True, "0.890")], False) == "fails below σ = 0.890"
    assert flip_sentence("w", [(0.9, False, "0.900")], True) == "fails above w = 0.900"


@pytest.mark.parametrize("value, text", [(1234.5, "1,230"), (0.001234, "0.00123"), (2.5e-7, "2.50e-07"),
                                         (239.08, "239"), (0.894255, "0.894")])
def test_thresholds_print_as_plain_numbers(value, text):
    assert plain_number(value) == text


# -- bad declarations fail with a message naming the figure ---------------------------------------

@pytest.mark.parametrize("claim, message", [
    (Claim("missing", "x", product, "z >= 1"), "does not return the quantity 'z'"),
    (Claim("notcomparison", "x", product, "y == 1"), "must be a comparison"),
    (Claim("notcomparison2", "x", product, "y >= one"), "must be a comparison"),
    (Claim("scalar", "x", lambda a, b: a * b, "y >= 1"), "named quantities"),
    (Claim("nan", "x", lambda a, b: {"y": math.nan}, "y >= 1"), "is nan"),
    (Claim("unknown_arg", "x", lambda a, c: {"y": a}, "y >= 1"), "not sliders of the figure"),
])
def test_a_bad_declaration_fails_naming_the_figure(claim, message):
    with pytest.raises(ClaimError, match=message) as error:
        figure("test_claim_bad", claim)
    assert "test_claim_bad" in str(error.value)


def test_a_threshold_search_that_does_not_bracket_fails_naming_the_figure():
    calls = itertools.count()

    grid_size = len(PARAMS[0].grid()) * len(PARAMS[1].grid())

    def flaky(a, b):  # flips along a while the grid is evaluated, then never again: not a function of a
        return {"y": a if next(calls) < grid_size else 0.0}

    fig = figure("test_claim_flaky", Claim("flaky", "x", lambda a, b: {"y": 1.0}, "y >= 1"))
    crux = fig.cruxes[0]
    object.__setattr__(crux.claim, "model", flaky)
    with pytest.raises(ClaimError, match="did not bracket") as error:
        static_table(crux)
    assert "test_claim_flaky" in str(error.value)


def test_too_many_positions_for_a_static_page_fails_naming_the_figure():
    params = (Param("a", "A", 1.0, 0.1, 3.0, step=0.001), Param("b", "B", 1.0, 0.25, 4.0, log=True, points=21))
    fig = figure("test_claim_big", Claim("big", "x", product, "y >= 1"), params=params)
    with pytest.raises(ClaimError, match="test_claim_big"):
        fig.static_html()


# -- every claim the book declares ----------------------------------------------------------------

CRUXES = all_cruxes()


def regula_falsi(f, a: float, b: float, fa: float, fb: float) -> float:
    """A root of f in [a, b] (f(a), f(b) of opposite signs) by the Illinois method: interpolation on
    the quantity's values, not bisection on the claim's status as essays.claims does."""
    side = 0
    for _ in range(200):
        c = (a * fb - b * fa) / (fb - fa)
        fc = f(c)
        if fc == 0 or abs(b - a) <= 1e-12 * max(1.0, abs(c)):
            return c
        if fc * fb > 0:
            b, fb = c, fc
            if side == -1:
                fa /= 2
            side = -1
        else:
            a, fa = c, fc
            if side == 1:
                fb /= 2
            side = 1
    return c


def independent_roots(crux, param, values):
    """Where the quantity crosses the claim's bound along ``param``: a fine scan and regula falsi
    on the quantity itself (not on the status, as essays.claims does)."""
    p = crux._param(param)
    if p.integer:
        xs = np.arange(int(p.min), int(p.max) + 1, dtype=float)
    else:
        xs = np.geomspace(p.min, p.max, 801) if p.log else np.linspace(p.min, p.max, 801)
    f = lambda x: crux.value(**(values | {param: x})) - crux.claim.bound  # noqa: E731
    fx = np.array([f(x) for x in xs])
    roots = []
    for x0, x1, f0, f1 in zip(xs[:-1], xs[1:], fx[:-1], fx[1:]):
        if crux.claim.satisfied(f0 + crux.claim.bound) != crux.claim.satisfied(f1 + crux.claim.bound):
            if p.integer:
                roots.append(x1)
            elif f0 * f1 < 0:
                roots.append(regula_falsi(f, x0, x1, f0, f1))
            else:
                roots.append(x1 if f1 == 0 else x0)
    return roots


@pytest.mark.skipif(not CRUXES, reason="the book declares no claim yet")
@pytest.mark.parametrize("fig,crux", CRUXES, ids=[f"{f.name}-{c.claim.name}" for f, c in CRUXES])
def test_every_book_claim_threshold_agrees_with_an_independent_root_finder(fig, crux):
    table = static_table_cached(crux)
    params = {p.name: p for p in fig.params}
    rng = np.random.default_rng(20261201)
    for _ in range(12):
        positions = {p.name: int(rng.integers(len(p.grid()))) for p in fig.params}
        values = {p.name: fig._coerce(p, p.grid()[positions[p.name]]) for p in fig.params}
        state = claim_status_at(table, positions, params)
        assert state["holds"] == crux.claim.satisfied(crux.value(**values))
        names = table["params"]
        for name in names:
            others = [n for n in names if n != name]
            k = 0
            for n in others:
                k = k * len(params[n].grid()) + positions[n]
            entry = table["flips"][name][k]
            page = entry[0::3]
            exact = independent_roots(crux, name, values)
            tolerance = lambda v: max(1e-3 * abs(v), step_at(params[name], v) if not params[name].integer else 0.5)  # noqa: E731
            for v in page:  # every printed threshold is a real crossing
                assert any(abs(v - r) <= tolerance(v) for r in exact), (name, v, exact)
            # every real crossing is printed, unless two crossings fall within one slider step
            grid = params[name].grid()
            for r in exact:
                cell = np.searchsorted(grid, r)
                twins = [s for s in exact if s is not r and np.searchsorted(grid, s) == cell]
                if not twins and grid[0] < r <= grid[-1]:
                    assert any(abs(v - r) <= tolerance(r) for v in page), (name, r, page)


@pytest.mark.skipif(not CRUXES, reason="the book declares no claim yet")
def test_the_cruxes_table_lists_every_declared_claim_with_a_link_across_each_threshold():
    rows = cruxes_table()
    assert {(r["figure"], r["claim"]) for r in rows} == {(f.name, c.claim.name) for f, c in CRUXES}
    html = cruxes_html(rows)
    for row in rows:
        assert f'id="crux-{row["figure"]}-{row["claim"]}"' in html
        fig = next(f for f, c in CRUXES if f.name == row["figure"])
        crux = next(c for f, c in CRUXES if f.name == row["figure"] and c.claim.name == row["claim"])
        for item in row["params"]:
            for link in item["flips"]:
                across = fig.defaults | {item["param"]: link["across"]}
                assert crux.holds(**across) == link["holds_across"], (row["claim"], item["param"], link)
                # the link lands on the slider position next to the threshold
                grid = next(p for p in fig.params if p.name == item["param"]).grid()
                between = grid[(grid > min(link["value"], link["across"])) & (grid < max(link["value"], link["across"]))]
                assert between.size == 0


def test_a_choice_names_the_options_for_which_the_claim_fails():
    fig = figure("test_claim_choice_text",
                 Claim("middle", "the middle option is chosen", lambda suite: {"k": float(suite == 1)}, "k >= 1"),
                 params=(choice("suite", "Suite", ["one", "two", "three"], 1),))
    crux = fig.cruxes[0]
    flips = crux.flips("suite", suite=1)
    assert crux.flip_text("suite", flips, True) == "fails for Suite = one, three"
    table = static_table(crux)
    state = claim_status_at(table, {"suite": 1}, {p.name: p for p in fig.params})
    assert state["flips"] == [("suite", "fails for Suite = one, three")]
    state = claim_status_at(table, {"suite": 0}, {p.name: p for p in fig.params})
    assert state["flips"] == [("suite", "fails for Suite = one, three")] and not state["holds"]
