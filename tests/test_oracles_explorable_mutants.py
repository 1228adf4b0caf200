"""Independent oracles for explorable.py's helpers (issue #24, mutation score): each expected value is
worked out here by hand or with a second implementation (Decimal rounding, a slider's positions
listed one by one), not read from the code's earlier output."""
from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from essays import explorable as ex
from essays.explorable import Explorable, Param


def significant(value: float, digits: int) -> float:
    """``value`` rounded to ``digits`` significant digits with Decimal (round half even)."""
    if value == 0:
        return 0.0
    d = Decimal(repr(value))
    return float(round(d, digits - 1 - d.adjusted()))


@pytest.mark.parametrize("digits", [1, 3, 6])
def test_round_keeps_the_stated_number_of_significant_digits(digits):
    values = [0.0, 1.0, -2.71828182845, 123456.789, 9.87654321e-12, -4.4e20, 0.000123456789, 7.0]
    got = ex._round(np.array(values), digits)
    for value, g in zip(values, got):
        assert g == pytest.approx(significant(value, digits), rel=1e-12, abs=0), value
    assert ex._round(np.array([1.23456789])).tolist() == [pytest.approx(significant(1.23456789, ex.SIGNIFICANT_DIGITS))]


def test_a_linear_grid_lists_min_plus_each_step_to_max_and_the_default():
    p = Param("x", "X", 0.35, 0.1, 1.0, step=0.2)
    assert p.grid().tolist() == pytest.approx([0.1, 0.3, 0.35, 0.5, 0.7, 0.9])  # 1.1 is past max
    p = Param("x", "X", 2.0, 0.0, 2.0, step=0.5)
    assert p.grid().tolist() == pytest.approx([0.0, 0.5, 1.0, 1.5, 2.0])


def test_a_log_grid_has_its_points_and_an_integer_grid_whole_numbers():
    p = Param("w", "W", 3.0, 1.0, 100.0, log=True, points=3)
    assert p.grid().tolist() == pytest.approx([1.0, 3.0, 10.0, 100.0])
    p = Param("n", "N", 4, 2, 9, step=2, integer=True)
    assert p.grid().tolist() == [2.0, 4.0, 6.0, 8.0]
    p = Param("n", "N", 5, 1, 1000, log=True, points=4, integer=True)
    assert p.grid().tolist() == [1.0, 5.0, 10.0, 100.0, 1000.0]


def test_display_formats_by_kind():
    assert Param("n", "N", 3, 1, 9, step=1, integer=True).display(3.4) == "3"
    assert Param("n", "N", 3, 1, 9, step=1, integer=True, format="03d").display(3) == "003"
    assert ex.choice("suite", "Suite", ["TH1.0", "TH1.1"], default=1).display(1.0) == "TH1.1"
    assert Param("x", "X", 1.0, 0.0, 2.0, step=1.0, format=".2f").display(0.5) == "0.50"


@pytest.mark.parametrize("value, spec, text", [
    (1000.0, ".3g", "1,000"),        # Python: 1e+03
    (123456.0, ".3g", "123,000"),    # 1.23e+05
    (0.00012, ".2g", "0.00012"),     # 0.00012 (no exponent from Python)
    (2.5e-5, ".2g", "2.5e-05"),      # below 1e-4: the exponent stays
    (3e9, ".3g", "3e+09"),           # 1e9 and above: the exponent stays
    (0.5, ".3~f", "0.5"),            # ~ trims trailing zeros
    (2.0, ".2~f", "2"),
    (1500.0, ".2e", "1,500"),        # three significant digits in .2e: 1.50e+03 plainly
])
def test_plain_numbers_where_python_would_print_an_exponent(value, spec, text):
    assert ex._plain(value, spec) == text


def test_the_live_sliders_steps_land_on_the_default():
    p = Param("t", "T", 365.25, 1.0, 1e5, log=True)
    step = ex._log_step(p)
    positions = (math.log10(p.default) - math.log10(p.min)) / step
    assert positions == pytest.approx(round(positions), abs=1e-6) and 0.5e-3 < step < 2e-3
    p = Param("t", "T", 1.0005, 1.0, 1e5, log=True)  # closer to min than one fine step
    assert ex._log_step(p) == 1e-3
    p = Param("k", "K", math.log(2), 0.0, 3.0, step=0.1)
    step = ex._linear_step(p)
    positions = (p.default - p.min) / step
    assert positions == pytest.approx(round(positions), abs=1e-9) and 0.005 < step < 0.02
    p = Param("k", "K", 0.005, 0.0, 3.0, step=0.1)  # closer to min than a tenth of a step
    assert ex._linear_step(p) == pytest.approx(0.01)


def test_packed_columns_by_hand():
    rows = [{"a": 1.5, "t": "x", "b": True}, {"a": 1.5, "t": "x", "b": False}, {"a": 1.5, "t": "y", "b": True},
            {"a": 2.5, "t": "x", "b": True}, {"a": 1.5, "t": None, "b": True}]
    packed = ex.packed_columns(rows)
    assert packed["n"] == 5 and packed["keys"] == ["a", "t", "b"]
    a, t, b = packed["cols"]
    assert a == {"levels": [1.5, 2.5], "codes": [0, 0, 0, 1, 0]}  # 2 levels < 5 / 2
    assert t == {"levels": ["x", "y"], "codes": [0, 0, 1, 0, None]}
    assert b == [True, False, True, True, True]  # booleans stay as they are
    few = [{"v": 1.0}, {"v": 2.0}, {"v": 1.0}, {"v": 3.0}]  # 3 levels, not fewer than half of 4 rows
    assert ex.packed_columns(few)["cols"] == [[1.0, 2.0, 1.0, 3.0]]
    half = [{"v": "a"}, {"v": "b"}, {"v": "a"}, {"v": "b"}]  # 2 levels, exactly half: left as is
    assert ex.packed_columns(half)["cols"] == [["a", "b", "a", "b"]]
    mixed = [{"v": "a"}, {"v": 1.0}, {"v": "a"}, {"v": "a"}, {"v": "a"}]  # texts and numbers: not levelled
    assert ex.packed_columns(mixed)["cols"] == [["a", 1.0, "a", "a", "a"]]
    assert ex.packed_columns([1, 2]) is None
    assert ex.packed_columns([{"a": 1}, {"a": 2, "b": 3}]) is None


def test_pack_inline_data_packs_only_lists_of_rows():
    rows = [{"k": "x"}] * 5
    spec = {"data": [{"name": "a", "values": rows}, {"name": "b", "url": "u"}], "other": 1}
    packed = ex.pack_inline_data(spec)
    assert packed["data"][0] == {"name": "a", "values": {ex.PACKED: ex.packed_columns(rows)}}
    assert packed["data"][1] == {"name": "b", "url": "u"} and packed["other"] == 1
    assert ex.pack_inline_data({"marks": []}) == {"marks": []}


def test_consolidate_stores_repeated_inline_data_once():
    rows = [{"x": 1}, {"x": 2}]
    spec = {"layer": [{"data": {"values": rows}, "mark": "a"}, {"data": {"values": list(rows)}, "mark": "b"},
                      {"data": {"values": [{"x": 3}]}, "mark": "c"}, {"data": {"name": "other"}, "mark": "d"}]}
    out = ex._consolidate(spec)
    assert out["datasets"] == {"inline_0": rows, "inline_1": [{"x": 3}]}
    assert [layer["data"] for layer in out["layer"]] == [{"name": "inline_0"}, {"name": "inline_0"},
                                                         {"name": "inline_1"}, {"name": "other"}]
    assert ex._consolidate({"mark": "a"}) == {"mark": "a"}


def test_records_round_numbers_keep_booleans_and_refuse_non_finite_values():
    df = pd.DataFrame({"x": [1.23456789012, 2.0], "flag": [True, False], "s": ["a", "b"],
                       "t": pd.to_datetime(["2024-01-02", "2025-03-04"])})
    rows = ex._records(df)
    assert rows[0]["x"] == significant(1.23456789012, ex.SIGNIFICANT_DIGITS)
    assert [r["flag"] for r in rows] == [True, False] and [r["s"] for r in rows] == ["a", "b"]
    assert rows[1]["t"].startswith("2025-03-04")
    with pytest.raises(ValueError, match="model output column 'y' has a non-finite value"):
        ex._records(pd.DataFrame({"y": [1.0, math.inf]}))
    with pytest.raises(TypeError, match="model output holds a"):
        ex._records(pd.DataFrame({"o": [object()]}))


def test_records_plain_rounds_numbers_keeps_flags_and_texts():
    rows = ex._records_plain([{"v": 1.23456789012, "ok": np.bool_(True), "n": np.int64(3), "s": "x"}])
    assert rows == [{"v": significant(1.23456789012, ex.SIGNIFICANT_DIGITS), "ok": True, "n": 3.0, "s": "x"}]
    assert type(rows[0]["ok"]) is bool
    with pytest.raises(ValueError, match="non-finite 'v'"):
        ex._records_plain([{"v": math.nan}])


def line(slope: float, n: int) -> pd.DataFrame:
    return pd.DataFrame({"x": np.arange(int(n), dtype=float), "y": slope * np.arange(int(n), dtype=float)})


FIG = Explorable(name="test_oracle_line", params=(Param("slope", "Slope", 1.0, -2.0, 2.0, step=0.5),
                                                  Param("n", "Points", 3, 2, 5, step=1, integer=True)),
                 model=line, chart=lambda base: base.mark_line().encode(x="x:Q", y="y:Q"))


def test_frame_and_settings_fill_in_defaults_and_coerce_integers():
    assert FIG.settings() == {"slope": 1.0, "n": 3}
    assert FIG.settings(n=4.6, slope=-1) == {"slope": -1.0, "n": 5}
    assert type(FIG.settings(n=4.6)["n"]) is int and type(FIG.settings(slope=2)["slope"]) is float
    assert FIG.frame(n=4.4, slope=0.5)["y"].tolist() == [0.0, 0.5, 1.0, 1.5]
    for call in (FIG.frame, FIG.settings):
        with pytest.raises(ValueError, match=r"unknown parameter\(s\) for test_oracle_line: \['k', 'z'\]"):
            call(z=1, k=2)


def test_the_grid_spec_keys_each_setting_by_its_slider_positions():
    rows, strides = FIG._grid_data()
    slopes, ns = FIG.params[0].grid(), FIG.params[1].grid()
    assert strides == [len(ns), 1]
    for i, s in enumerate(slopes):
        for j, n in enumerate(ns):
            mine = [r for r in rows if r["_k"] == i * len(ns) + j]
            assert [r["y"] for r in mine] == pytest.approx([s * k for k in range(int(n))])
    spec = FIG.static_spec()
    params = {p["name"]: p["value"] for p in spec["params"]}
    assert params == {"slope": 1.0, "slope__i": int(np.argmin(np.abs(slopes - 1.0))), "n": 3,
                      "n__i": int(np.argmin(np.abs(ns - 3)))}


def test_all_figures_are_the_explorables_the_chart_modules_declare():
    # a second walk over book/essays/charts/*.py, by file name
    import importlib
    from pathlib import Path

    import essays.charts

    want = {}
    for path in sorted(Path(essays.charts.__file__).parent.glob("*.py")):
        if path.stem != "__init__":
            module = importlib.import_module(f"essays.charts.{path.stem}")
            want.update({v.name: v for v in vars(module).values() if isinstance(v, Explorable)})
    got = ex.all_figures()
    assert list(got) == sorted(want) and all(got[name] is want[name] for name in want) and len(got) >= 5


def test_a_live_kernel_is_a_shell_with_a_kernel_unless_the_build_renders_statically(monkeypatch):
    import IPython

    class Shell:
        kernel = object()

    monkeypatch.delenv(ex.RENDER_ENV, raising=False)
    monkeypatch.setattr(IPython, "get_ipython", lambda: Shell())
    assert ex._in_live_kernel() is True
    monkeypatch.setenv(ex.RENDER_ENV, "static")
    assert ex._in_live_kernel() is False
    monkeypatch.delenv(ex.RENDER_ENV)
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())  # a terminal IPython: no kernel
    assert ex._in_live_kernel() is False
    monkeypatch.setattr(IPython, "get_ipython", lambda: None)  # plain Python
    assert ex._in_live_kernel() is False


def test_choice_defaults_to_the_first_option_and_keeps_its_label():
    p = ex.choice("suite", "Task suite", ["TH1.0", "TH1.1", "TH2"])
    assert (p.default, p.label, p.min, p.max, p.options) == (0, "Task suite", 0, 2, ("TH1.0", "TH1.1", "TH2"))


def test_the_log_step_counts_decades_from_the_minimum():
    p = Param("t", "T", 200.0, 2.0, 2e5, log=True)  # two decades above min
    step = ex._log_step(p)
    assert 2.0 / step == pytest.approx(round(2.0 / step), abs=1e-9) and step == pytest.approx(1e-3, rel=1e-3)


def test_an_unsupported_value_in_model_output_is_named_by_type():
    with pytest.raises(TypeError, match="model output holds a object, which a chart cannot take"):
        ex._records(pd.DataFrame({"o": [object()]}))
