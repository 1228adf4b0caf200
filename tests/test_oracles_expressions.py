"""Every expression-mode figure checked outside the browser (issue #24, item 2).

A figure declared with ``expressions`` is drawn on the static page by Vega recomputing its columns
from the base data and the slider values. Here those expressions run in Vega (the page's vendored
Vega in Node, no browser: one process per figure, the signals set for each setting in turn, as a
slider does) at the defaults, at both ends of every slider and at seeded random slider positions,
and must give the Python model's rows. The list of figures is read from the declarations, so a new
expression-mode figure is checked without editing this file.
"""
from __future__ import annotations

import numpy as np
import pytest

from essays.charts import infohazards, legibility, parallelization, survival, trends  # noqa: F401
from essays.explorable import REGISTRY
import pandas as pd

from figures import vega_rows_at

EXPRESSION_FIGURES = sorted((f for f in REGISTRY.values() if f.expressions), key=lambda f: f.name)


def settings_for(fig, seed: int, draws: int = 6) -> list[dict]:
    """The defaults, every slider's two ends (others at default) and ``draws`` random positions."""
    rng = np.random.default_rng(seed)
    out = [{}]
    for p in fig.params:
        grid = p.grid()
        out += [{p.name: float(grid[0])}, {p.name: float(grid[-1])}]
    for _ in range(draws):
        out.append({p.name: float(rng.choice(p.grid())) for p in fig.params})
    return out


def test_the_expression_figures_are_found():
    names = {f.name for f in EXPRESSION_FIGURES}
    # the figures the charts modules declare with expressions when this test was written (a floor)
    assert {"danger_window", "jump_timing", "late_or_early", "audiences", "skeptic_ceiling", "resampling",
            "penalty", "corporations", "compute_bottleneck", "useful_experiments", "experiment_loop",
            "coordination", "chain", "survival_share", "survival_overhead", "survival_earth",
            "survival_two_phase"} <= names, names


@pytest.mark.parametrize("fig", EXPRESSION_FIGURES, ids=lambda f: f.name)
def test_the_vega_expressions_equal_the_python_model(fig):
    settings = settings_for(fig, seed=sum(map(ord, fig.name)))
    default = fig.frame()
    for values, drawn in zip(settings, vega_rows_at(fig, settings), strict=True):
        expected = fig.frame(**(fig.defaults | values))
        assert_same(drawn, expected, values, default)


def assert_same(drawn: pd.DataFrame, expected: pd.DataFrame, values: dict, default: pd.DataFrame) -> None:
    """Row for row equal: numbers to 1e-6 relative, or within 1e-6 of the column's largest magnitude
    here or at the defaults (a lag of 3e-9 s, rounding error where the exact lag is 0, and Vega's 0
    are the same drawing); booleans and text exactly."""
    assert len(drawn) == len(expected), values
    for column in expected.columns:
        want = expected[column]
        if pd.api.types.is_bool_dtype(want) or not pd.api.types.is_numeric_dtype(want):
            assert drawn[column].tolist() == want.tolist(), (column, values)
        else:
            scale = max(float(np.nanmax(np.abs(frame[column].to_numpy(dtype=float)), initial=0.0))
                        for frame in (expected, default))
            np.testing.assert_allclose(drawn[column].to_numpy(dtype=float), want.to_numpy(dtype=float),
                                       rtol=1e-6, atol=max(1e-12, 1e-6 * scale), err_msg=f"{column} at {values}")
