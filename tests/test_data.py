"""The data module: files found from any working directory, tidy columns, provenance, bad files."""
from __future__ import annotations

import doctest
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import essays.data as data
from essays.data import (
    DATA_DIR, METR_COLUMNS, MOORE_COLUMNS, decimal_year, load_metr_horizons, load_moore_transistors,
)


@pytest.fixture(scope="module")
def horizons() -> pd.DataFrame:
    return load_metr_horizons()


@pytest.fixture(scope="module")
def moore() -> pd.DataFrame:
    return load_moore_transistors()


def test_data_directory_is_book_data_beside_the_package():
    assert DATA_DIR == Path(data.__file__).resolve().parent.parent / "data"
    assert DATA_DIR.name == "data" and DATA_DIR.parent.name == "book"
    assert (DATA_DIR / "README.md").is_file()


def test_loaders_do_not_depend_on_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert len(load_metr_horizons()) == 58
    assert len(load_moore_transistors()) == 24


def test_metr_frame_has_the_documented_columns_and_types(horizons):
    assert tuple(horizons.columns) == METR_COLUMNS
    assert pd.api.types.is_datetime64_any_dtype(horizons["release_date"])
    assert horizons["is_sota"].dtype == bool
    for column in ("decimal_year", "p50_minutes", "p50_ci_low", "p50_ci_high"):
        assert horizons[column].dtype == float
        assert np.isfinite(horizons[column]).all()
    assert (horizons["p50_ci_low"] <= horizons["p50_minutes"]).all()
    assert (horizons["p50_minutes"] <= horizons["p50_ci_high"]).all()


def test_metr_frame_holds_both_versions_sorted_by_date(horizons):
    assert horizons["th_version"].value_counts().to_dict() == {"TH1.0": 33, "TH1.1": 25}
    for _, rows in horizons.groupby("th_version"):
        assert rows["release_date"].is_monotonic_increasing


def test_only_th11_lacks_the_80_percent_horizon(horizons):
    th11 = horizons["th_version"] == "TH1.1"
    assert horizons.loc[th11, "p80_minutes"].isna().all()
    assert horizons.loc[~th11, "p80_minutes"].notna().all()


def test_o3_keys_differ_between_versions(horizons):
    o3 = horizons[horizons["model"] == "o3"].set_index("th_version")["model_key"].to_dict()
    assert o3 == {"TH1.0": "o3", "TH1.1": "o3_inspect"}


def test_decimal_year_is_days_since_2000_over_365_25(horizons):
    days = (horizons["release_date"] - pd.Timestamp("2000-01-01")) / pd.Timedelta(days=1)
    np.testing.assert_allclose(horizons["decimal_year"], 2000 + days / 365.25, rtol=0, atol=1e-12)
    assert decimal_year(["2000-01-01"])[0] == 2000.0
    assert decimal_year(["2004-01-01"])[0] == 2004.0  # four Julian years after a leap-year start


def test_th10_rows_match_metr_yaml_verbatim(horizons):
    yaml = pytest.importorskip("yaml")
    results = yaml.safe_load((DATA_DIR / "metr_benchmark_results_1_0.yaml").read_text())["results"]
    th10 = horizons[horizons["th_version"] == "TH1.0"].set_index("model_key")
    assert set(th10.index) == set(results)
    for key, entry in results.items():
        metrics = entry["metrics"]
        row = th10.loc[key]
        assert str(row["release_date"].date()) == str(entry["release_date"])
        assert bool(row["is_sota"]) is bool(metrics["is_sota"])
        p50 = metrics["p50_horizon_length"]
        assert (row["p50_minutes"], row["p50_ci_low"], row["p50_ci_high"]) == (
            p50["estimate"], p50["ci_low"], p50["ci_high"])


def test_moore_frame_has_the_documented_columns(moore):
    assert tuple(moore.columns) == MOORE_COLUMNS
    assert moore["year"].tolist()[0] == 1971 and moore["year"].tolist()[-1] == 2017
    assert moore["year"].is_monotonic_increasing and moore["year"].is_unique
    # each point sits at mid-year
    np.testing.assert_allclose(moore["decimal_year"] - moore["year"], 0.5, atol=0.01)
    assert moore["transistors"].iloc[0] == 2308.0 and moore["transistors"].iloc[-1] == 1.92e10


# ---------------------------------------------------------------- bad files

GOOD_METR = (DATA_DIR / "metr_horizons.csv").read_text()


def _write(tmp_path, text: str, name: str = "metr.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


def _metr_with(old: str, new: str) -> str:
    assert old in GOOD_METR
    return GOOD_METR.replace(old, new, 1)


@pytest.mark.parametrize(
    "text, message",
    [
        (GOOD_METR.replace("p50_minutes", "p50", 1), r"lacks column\(s\) \['p50_minutes'\]"),
        (GOOD_METR.splitlines()[0] + "\n", "holds no rows"),
        (_metr_with("2019-02-14", "14/02/2019"), "release_date must be YYYY-MM-DD"),
        (_metr_with("GPT-2,2019-02-14,0.039762", "GPT-2,2019-02-14,-0.039762"), "'p50_minutes' must hold positive"),
        (_metr_with("GPT-2,2019-02-14,0.039762", "GPT-2,2019-02-14,"), "'p50_minutes' must hold positive"),
        (_metr_with("TH1.0,gpt2,", "TH2.0,gpt2,"), "th_version must be one of"),
        (_metr_with("TH1.0,davinci_002,", "TH1.0,gpt2,"), "appears twice"),
        (_metr_with("0.005652,true", "0.005652,maybe"), "is_sota must be true/false"),
    ],
    ids=["missing column", "empty", "bad date", "negative horizon", "missing horizon", "unknown version",
         "duplicate key", "bad flag"],
)
def test_bad_metr_file_raises_a_clear_value_error(tmp_path, text, message):
    with pytest.raises(ValueError, match=message):
        load_metr_horizons(_write(tmp_path, text))


GOOD_MOORE = (DATA_DIR / "moore_transistors_owid.csv").read_text()


@pytest.mark.parametrize(
    "text, message",
    [
        (GOOD_MOORE.replace("Year", "Yr", 1), r"lacks column\(s\) \['Year'\]"),
        (GOOD_MOORE.replace("World,OWID_WRL,1972", "World,OWID_WRL,1971", 1), "a year appears twice"),
        (GOOD_MOORE.replace(",2308\n", ",0\n", 1), "must hold positive"),
        (GOOD_MOORE.replace("World,", "Mars,"), "no 'World' rows"),
    ],
    ids=["missing column", "duplicate year", "zero count", "no world rows"],
)
def test_bad_moore_file_raises_a_clear_value_error(tmp_path, text, message):
    with pytest.raises(ValueError, match=message):
        load_moore_transistors(_write(tmp_path, text, "moore.csv"))


def test_docstring_examples_run():
    assert doctest.testmod(data).failed == 0
