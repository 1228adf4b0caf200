"""The o3 point: how much one model moves the fitted doubling time.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .fit import DEFAULT_VERSION, fit_exponential_trend, METR_FIRST_YEAR, O3_MODEL_KEY
from .metr import frontier_models


# ---------------------------------------------------------------- the o3 point


def o3_influence_frame(horizons: pd.DataFrame, *, version: str = DEFAULT_VERSION, model_key: str | None = None,
                       first_year: int = METR_FIRST_YEAR) -> pd.DataFrame:
    """How much one point (o3 by default) moves the fitted doubling time, in three contexts.

    ``context`` "last two points": the two frontier models before it versus the last of those and
    the point itself; "series up to it": all frontier models since ``first_year`` released before
    it, without and with it; "whole series": every frontier model since ``first_year``, without
    and with it. Columns: ``context``, ``points_without``, ``points_with`` (counts),
    ``doubling_days_without``, ``doubling_days_with``, ``change_days`` (with - without) and
    ``change_percent`` (of without).

    Parameters
    ----------
    horizons, version, first_year
        As in :func:`frontier_models`.
    model_key : str, optional
        METR ``model_key`` of the point, a frontier model with at least two earlier ones since
        ``first_year``; default o3 of ``version``.

    Examples
    --------
    >>> from essays.data import load_metr_horizons
    >>> frame = o3_influence_frame(load_metr_horizons())
    >>> frame.set_index("context")["change_percent"].round(1).to_dict()
    {'last two points': -59.4, 'series up to it': -4.2, 'whole series': -0.6}
    """
    models = frontier_models(horizons, version=version, first_year=first_year)
    key = O3_MODEL_KEY[version] if model_key is None else model_key
    keys = models["model_key"].tolist()
    if key not in keys[2:]:
        raise ValueError(f"model_key must name a {version} frontier model with two earlier ones since "
                         f"{first_year}, one of {keys[2:]}, got {key!r}")
    k = keys.index(key)
    x = models["decimal_year"].to_numpy(float)
    v = models["p50_minutes"].to_numpy(float)
    others = np.arange(len(models)) != k
    contexts = (
        ("last two points", slice(k - 2, k), slice(k - 1, k + 1)),
        ("series up to it", slice(0, k), slice(0, k + 1)),
        ("whole series", others, slice(None)),
    )
    rows = []
    for context, without, with_ in contexts:
        before = fit_exponential_trend(x[without], v[without])
        after = fit_exponential_trend(x[with_], v[with_])
        rows.append({"context": context, "points_without": float(before.points), "points_with": float(after.points),
                     "doubling_days_without": before.doubling_days, "doubling_days_with": after.doubling_days,
                     "change_days": after.doubling_days - before.doubling_days,
                     "change_percent": 100.0 * (after.doubling_days / before.doubling_days - 1.0)})
    return pd.DataFrame(rows)
