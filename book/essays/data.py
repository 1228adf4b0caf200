"""The book's data files, loaded into tidy DataFrames.

The files live in ``book/data/`` (provenance and licences in ``book/data/README.md``) and are
found relative to this module, not the working directory, so the same call works in pytest, in
the book build and in Binder.

Dates become ``datetime64`` columns plus a ``decimal_year`` column in Julian years,
``2000 + (date - 2000-01-01) / 365.25 days``: with this convention a year is exactly 365.25 days,
so a fitted slope converts to a doubling time in days without calendar error (METR's published
doubling times are reproduced to 0.001 day with it; see ``tests/test_model_trends.py``).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
METR_HORIZONS_CSV = DATA_DIR / "metr_horizons.csv"
MOORE_TRANSISTORS_CSV = DATA_DIR / "moore_transistors_owid.csv"

TH_VERSIONS = ("TH1.0", "TH1.1")  # METR's original task suite and its update
DAYS_PER_YEAR = 365.25  # Julian year: the unit of every decimal year in the book
EPOCH = pd.Timestamp("2000-01-01")

METR_COLUMNS = (
    "th_version", "model_key", "model", "release_date", "decimal_year", "p50_minutes",
    "p50_ci_low", "p50_ci_high", "p80_minutes", "is_sota", "benchmark_name", "source",
)
MOORE_COLUMNS = ("year", "release_date", "decimal_year", "transistors")


def decimal_year(dates) -> np.ndarray:
    """Dates as decimal (Julian) years: ``2000 + (date - 2000-01-01) / 365.25 days``.

    Examples
    --------
    >>> decimal_year(["2000-01-01", "2023-01-01"]).round(4).tolist()
    [2000.0, 2023.0007]
    """
    stamps = pd.to_datetime(pd.Series(dates), format="ISO8601")
    return ((stamps - EPOCH) / pd.Timedelta(days=1)).to_numpy(dtype=float) / DAYS_PER_YEAR + 2000.0


def _read(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.read_csv(path)
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise ValueError(f"{Path(path).name} lacks column(s) {missing}; it has {list(frame.columns)}")
    if frame.empty:
        raise ValueError(f"{Path(path).name} holds no rows")
    return frame


def _positive(frame: pd.DataFrame, column: str, name: str) -> pd.Series:
    values = pd.to_numeric(frame[column], errors="coerce").astype(float)
    if not (np.isfinite(values) & (values > 0)).all():
        raise ValueError(f"{name}: column {column!r} must hold positive finite numbers")
    return values


def load_metr_horizons(path: str | Path | None = None) -> pd.DataFrame:
    """METR's 50% time horizons of AI models by release date, one row per (version, model).

    Parameters
    ----------
    path : str or Path, optional
        The CSV to read; by default ``book/data/metr_horizons.csv``.

    Returns
    -------
    DataFrame
        Columns ``th_version`` ("TH1.0" or "TH1.1"), ``model_key`` (METR's key), ``model``
        (display name), ``release_date`` (datetime64), ``decimal_year`` (Julian years),
        ``p50_minutes`` with its 95% interval ``p50_ci_low``/``p50_ci_high`` (minutes of human
        expert time at which the model succeeds half the time), ``p80_minutes`` (NaN for TH1.1,
        whose 80% horizons the CSV does not carry), ``is_sota`` (bool: METR's frontier models, the
        ones its trend is fitted on), ``benchmark_name`` and ``source``. Sorted by version,
        release date and model key.

    Raises
    ------
    ValueError
        If a column is missing, a date does not parse, a horizon is not a positive finite
        number, a version is unknown or a (version, model_key) pair repeats.

    Examples
    --------
    >>> horizons = load_metr_horizons()
    >>> o3 = horizons.query("th_version == 'TH1.1' and model == 'o3'").iloc[0]
    >>> o3.model_key, float(o3.p50_minutes), str(o3.release_date.date())
    ('o3_inspect', 119.732634, '2025-04-16')
    """
    path = METR_HORIZONS_CSV if path is None else Path(path)
    required = tuple(c for c in METR_COLUMNS if c != "decimal_year")
    frame = _read(path, required)
    name = path.name
    unknown = sorted(set(frame["th_version"].astype(str)) - set(TH_VERSIONS))
    if unknown:
        raise ValueError(f"{name}: th_version must be one of {TH_VERSIONS}, got {unknown}")
    if frame.duplicated(["th_version", "model_key"]).any():
        raise ValueError(f"{name}: a (th_version, model_key) pair appears twice")
    try:
        dates = pd.to_datetime(frame["release_date"], format="%Y-%m-%d")
    except (ValueError, TypeError) as err:
        raise ValueError(f"{name}: release_date must be YYYY-MM-DD dates ({err})") from None
    if dates.isna().any():
        raise ValueError(f"{name}: release_date has a missing date")
    if frame["is_sota"].dtype != bool:
        raise ValueError(f"{name}: is_sota must be true/false")
    out = pd.DataFrame({
        "th_version": frame["th_version"].astype(str),
        "model_key": frame["model_key"].astype(str),
        "model": frame["model"].astype(str),
        "release_date": dates,
        "decimal_year": decimal_year(dates),
        "p50_minutes": _positive(frame, "p50_minutes", name),
        "p50_ci_low": _positive(frame, "p50_ci_low", name),
        "p50_ci_high": _positive(frame, "p50_ci_high", name),
        "p80_minutes": pd.to_numeric(frame["p80_minutes"], errors="coerce").astype(float),
        "is_sota": frame["is_sota"].astype(bool),
        "benchmark_name": frame["benchmark_name"].astype(str),
        "source": frame["source"].astype(str),
    })
    return out.sort_values(["th_version", "release_date", "model_key"], kind="stable").reset_index(drop=True)


def load_moore_transistors(path: str | Path | None = None) -> pd.DataFrame:
    """Transistors per microprocessor by year (Our World in Data), one row per year.

    Only the year is known, so each point is dated at the middle of its year (2 July).

    Parameters
    ----------
    path : str or Path, optional
        The CSV to read; by default ``book/data/moore_transistors_owid.csv``.

    Returns
    -------
    DataFrame
        Columns ``year`` (int), ``release_date`` (datetime64, 2 July of that year),
        ``decimal_year`` (Julian years, about ``year + 0.5``) and ``transistors`` (count per
        microprocessor, float). Sorted by year.

    Raises
    ------
    ValueError
        If a column is missing, a year repeats or a count is not a positive finite number.

    Examples
    --------
    >>> moore = load_moore_transistors()
    >>> first = moore.iloc[0]
    >>> int(first.year), float(first.transistors), round(float(first.decimal_year), 2)
    (1971, 2308.0, 1971.5)
    """
    path = MOORE_TRANSISTORS_CSV if path is None else Path(path)
    count_column = "Transistors per microprocessor"
    frame = _read(path, ("Entity", "Year", count_column))
    frame = frame[frame["Entity"] == "World"]
    if frame.empty:
        raise ValueError(f"{path.name} holds no 'World' rows")
    years = pd.to_numeric(frame["Year"], errors="coerce")
    if years.isna().any() or (years % 1 != 0).any():
        raise ValueError(f"{path.name}: Year must hold whole years")
    years = years.astype(int)
    if years.duplicated().any():
        raise ValueError(f"{path.name}: a year appears twice")
    dates = pd.to_datetime({"year": years, "month": 7, "day": 2})
    out = pd.DataFrame({
        "year": years.to_numpy(),
        "release_date": dates.to_numpy(),
        "decimal_year": decimal_year(dates),
        "transistors": _positive(frame, count_column, path.name).to_numpy(),
    })
    return out.sort_values("year", kind="stable").reset_index(drop=True)
