"""Declare an interactive figure once; render it statically (no kernel) and live (ipywidgets).

A chapter declares each figure as an :class:`Explorable`: the pure model function that returns a
tidy DataFrame, the sliders (:class:`Param`), and the chart, a function of a base ``alt.Chart`` that
carries the model's tidy data. The same declaration renders two ways:

* **static** (the built site, no Python behind the page): a Vega-Lite spec whose slider values are
  top-level params, set by the page's own sliders (``_static/essays.js``) and computed in the
  browser, either

  - by Vega expressions (``expressions={"column": "vega expression"}``) that recompute columns of
    the model's output at the default settings from the params (closed-form models), or
  - from a grid of model outputs precomputed here at build time (``static="grid"``), filtered to
    the slider positions (anything else).

* **live** (a Jupyter kernel: JupyterLab, Binder): ipywidgets sliders that re-run the Python model
  for any value in range and redraw the same chart offline (:mod:`essays.live`).

Which one a cell shows is decided by the ``ESSAYS_RENDER`` environment variable, which the book's
Sphinx extension sets to ``static`` for the kernels it starts; anywhere else the figure is live.
"""
from __future__ import annotations

import html
import itertools
import json
import math
import os
import re
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from essays import live, theme
from essays.claims import CLAIM_DATA_NAME, Claim, ClaimError, Crux, claim_rows, claim_status_at, static_table

# the Vega-Lite version altair writes (major.minor), which vl-convert compiles the static specs with
VEGA_LITE_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])

RENDER_ENV = "ESSAYS_RENDER"
GRID_ROW_LIMIT = 40_000  # rows of precomputed output a static page may carry (page budget 300 KB)
LIVE_DATA = "model"  # the named dataset the live chart draws from
SIGNIFICANT_DIGITS = 7  # static data is rounded to this many significant digits
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
REGISTRY: dict[str, "Explorable"] = {}  # every declared figure by name; names are unique book-wide


def _in_live_kernel() -> bool:
    """A Jupyter kernel that is not the book build's (which renders figures statically)."""
    if os.environ.get(RENDER_ENV) == "static":
        return False
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


if _in_live_kernel():
    live.enable()  # Explorable.figure() and any altair chart the reader shows draw offline


@dataclass(frozen=True)
class Param:
    """One slider: a model keyword argument with its label, unit, default and range.

    ``step`` is the spacing of a linear slider; a ``log`` slider moves in ``points`` log-spaced
    positions instead. ``integer`` sliders take whole numbers only. The static page's slider takes
    the positions of :meth:`grid`; the live slider takes any value in range.
    """

    name: str
    label: str
    default: float
    min: float
    max: float
    step: float | None = None
    log: bool = False
    points: int = 61
    integer: bool = False
    format: str = ".3g"  # d3-format / Python format spec for the value shown beside the slider
    symbol: str = ""  # short name used in claims' thresholds ("σ"); the label when empty
    options: tuple[str, ...] = ()  # a choice between named options (a segmented control): see choice()

    def __post_init__(self):
        if not _NAME.match(self.name):
            raise ValueError(f"Param name must match {_NAME.pattern}, got {self.name!r}")
        if self.options and (len(self.options) < 2 or (self.min, self.max, self.step, self.integer, self.log)
                             != (0, len(self.options) - 1, 1, True, False)):
            raise ValueError(f"Param {self.name}: declare a choice between named options with choice()")
        for attr in ("default", "min", "max"):
            if not math.isfinite(getattr(self, attr)):
                raise ValueError(f"Param {self.name}: {attr} must be finite")
        if not self.min < self.max:
            raise ValueError(f"Param {self.name}: min must be below max, got [{self.min}, {self.max}]")
        if not self.min <= self.default <= self.max:
            raise ValueError(f"Param {self.name}: default {self.default} outside [{self.min}, {self.max}]")
        if self.log and self.min <= 0:
            raise ValueError(f"Param {self.name}: a log slider needs min > 0")
        if not self.log and (self.step is None or self.step <= 0):
            raise ValueError(f"Param {self.name}: a linear slider needs a positive step")

    def grid(self) -> np.ndarray:
        """The values the static slider can take, always including the default."""
        if self.log:
            values = np.geomspace(self.min, self.max, self.points)
        else:
            count = int(round((self.max - self.min) / self.step))
            values = self.min + self.step * np.arange(count + 1)
            values = values[values <= self.max + 1e-9 * abs(self.step)]
        if self.integer:
            values = np.unique(np.round(values))
        values = np.unique(np.concatenate([_round(values), [self.default]]))
        return values

    def display(self, value: float) -> str:
        if self.options:
            return self.options[int(round(value))]
        if self.integer:
            return format(int(round(value)), self.format if self.format.endswith("d") else "d")
        return _plain(value, self.format)


def choice(name: str, label: str, options: Sequence[str], default: int = 0) -> Param:
    """A choice between two or more named options (e.g. a task suite): a segmented control on the
    page and toggle buttons in a kernel. The model receives the option's index (0, 1, ...)."""
    options = tuple(options)
    return Param(name, label, default, 0, len(options) - 1, step=1, integer=True, options=options)


def _plain(value: float, spec: str) -> str:
    """The value in the slider's format, printed plainly ("1,000", not "1e+03") where Python's format
    would switch to an exponent and plain notation is short."""
    core = spec.replace("~", "")
    text = format(value, core)
    if "e" in text and value != 0 and 1e-4 <= abs(value) < 1e9:
        from essays.claims import plain_number

        digits = re.search(r"\.(\d+)", core)
        sig = int(digits.group(1)) + (1 if core.endswith("e") else 0) if digits else 3
        text = plain_number(value, max(1, sig))
        if "." in text and (core.endswith("g") or "~" in spec):
            text = text.rstrip("0").rstrip(".")
    elif "~" in spec and "." in text and "e" not in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _round(values: np.ndarray, digits: int = SIGNIFICANT_DIGITS) -> np.ndarray:
    """Round to ``digits`` significant digits (keeps the static page's JSON short)."""
    values = np.asarray(values, dtype=float)
    out = values.copy()
    nonzero = values != 0
    magnitude = np.floor(np.log10(np.abs(values[nonzero])))
    scale = 10.0 ** (digits - 1 - magnitude)
    out[nonzero] = np.round(values[nonzero] * scale) / scale
    return out


def _records(df: pd.DataFrame) -> list[dict]:
    """JSON-ready records of a tidy frame; rejects NaN/inf so nothing broken reaches a chart."""
    df = df.copy()
    for column in df.columns:
        if pd.api.types.is_bool_dtype(df[column]):
            continue
        if pd.api.types.is_numeric_dtype(df[column]):
            values = df[column].to_numpy(dtype=float)
            if not np.all(np.isfinite(values)):
                raise ValueError(f"model output column {column!r} has a non-finite value")
            df[column] = _round(values)
    # (not DataFrame.to_json: its double_precision counts decimal places, which flattens values
    # below 1e-8; json keeps every significant digit _round left)
    return json.loads(json.dumps(df.to_dict(orient="records"), default=_jsonable))


def _consolidate(spec: dict) -> dict:
    """Inline data that several layers repeat (each layer built from ``base`` carries its own copy)
    is stored once, as a named top-level dataset that every layer names."""
    datasets = spec.setdefault("datasets", {})
    names: dict[str, str] = {}

    def walk(node):
        if isinstance(node, dict):
            data = node.get("data")
            if isinstance(data, dict) and set(data) == {"values"} and isinstance(data["values"], list):
                key = json.dumps(data["values"], sort_keys=True, separators=(",", ":"))
                if key not in names:
                    names[key] = f"inline_{len(names)}"
                    datasets[names[key]] = data["values"]
                node["data"] = {"name": names[key]}
            for key, value in node.items():
                if node is not spec or key != "datasets":
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    if not datasets:
        spec.pop("datasets")
    return spec


def _records_plain(rows: list[dict]) -> list[dict]:
    """Rows of differing keys (claim rows) made JSON-ready: numbers rounded as chart data are."""
    out = []
    for row in rows:
        clean = {}
        for key, value in row.items():
            if isinstance(value, (bool, np.bool_)):
                clean[key] = bool(value)
            elif isinstance(value, (int, float, np.number)):
                if not math.isfinite(float(value)):
                    raise ValueError(f"claim row {row} has a non-finite {key!r}")
                clean[key] = float(_round(np.array([float(value)]))[0])
            else:
                clean[key] = value
        out.append(clean)
    return out


def _jsonable(value):
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    raise TypeError(f"model output holds a {type(value).__name__}, which a chart cannot take: {value!r}")


PACKED = "essays-columns"  # the key of an inline dataset packed as columns (essays.js unpackData)


def packed_columns(rows: list[dict]) -> dict | None:
    """Rows of a dataset (each the same keys) as columns, a column that repeats (texts, or numbers: a
    slider's positions, say) as its distinct values and one index per row; None when the rows differ
    in their keys (left as rows).

    A chart's rows repeat every key, and often a few texts, once per row and slider position: as
    columns the page carries each key once (trends' figures weigh about a third as much).

    >>> packed_columns([{"a": 1, "k": "x"}, {"a": 2, "k": "x"}, {"a": 3, "k": "x"}, {"a": 4, "k": "x"},
    ...                 {"a": None, "k": "y"}])
    {'n': 5, 'keys': ['a', 'k'], 'cols': [[1, 2, 3, 4, None], {'levels': ['x', 'y'], 'codes': [0, 0, 0, 0, 1]}]}
    """
    if not rows or not all(isinstance(r, dict) for r in rows):
        return None
    keys = list(rows[0])
    if any(list(r) != keys for r in rows):
        return None
    cols: list = []
    for key in keys:
        column = [r[key] for r in rows]
        present = [v for v in column if v is not None]
        kinds = {type(v) for v in present}  # texts, or numbers (not bools, which equal 0 and 1)
        levels = sorted(set(present)) if kinds and (kinds <= {str} or kinds <= {int, float}) else []
        if levels and 2 * len(levels) < len(column):
            code = {level: i for i, level in enumerate(levels)}
            cols.append({"levels": levels, "codes": [None if v is None else code[v] for v in column]})
        else:
            cols.append(column)
    return {"n": len(rows), "keys": keys, "cols": cols}


def pack_inline_data(spec: dict) -> dict:
    """The compiled Vega spec with each inline dataset's rows packed as columns (:func:`packed_columns`),
    under ``values: {"essays-columns": ...}``; the page's script restores the rows before Vega reads
    the spec (``unpackData`` in essays.js; tests/test_oracles_explorable.py runs it against this)."""
    out = dict(spec)
    data = []
    for dataset in spec.get("data", []):
        packed = packed_columns(dataset["values"]) if isinstance(dataset.get("values"), list) else None
        data.append({**dataset, "values": {PACKED: packed}} if packed else dataset)
    if "data" in spec:
        out["data"] = data
    return out


@dataclass
class Explorable:
    """An interactive figure, declared once.

    Parameters
    ----------
    name : str
        Short identifier, unique on its page: the figure's anchor (``fig-<name>``) and the key of
        its settings in a scenario link.
    params : sequence of Param
        The sliders, in the order shown. Each ``name`` is a keyword argument of ``model``.
    model : callable
        ``model(**values) -> pandas.DataFrame``: the pure model's tidy output for the chart.
    chart : callable
        ``chart(base) -> alt.Chart``: builds the figure from ``base``, an ``alt.Chart`` carrying the
        model's tidy data (use ``base.mark_*`` / ``base.transform_filter`` for every layer).
    expressions : mapping, optional
        Static rendering by Vega expressions: column -> expression recomputing that column from
        ``datum`` fields and the params (by name). Without it the static page carries a grid.
    title : str
        A one-line description, used as the chart's accessible label.
    claims : sequence of Claim, optional
        The conclusions the prose draws from this figure (see :mod:`essays.claims`): shown under the
        sliders with their status and where each flips; the chart may draw them from ``CLAIM_DATA``.
    """

    name: str
    params: tuple[Param, ...]
    model: Callable[..., pd.DataFrame]
    chart: Callable[[alt.Chart], alt.TopLevelMixin]
    expressions: Mapping[str, str] | None = None
    title: str = ""
    claims: tuple[Claim, ...] = ()
    _live: object = field(default=None, init=False, repr=False)
    _template: dict | None = field(default=None, init=False, repr=False)

    def __post_init__(self):
        if not _NAME.match(self.name):
            raise ValueError(f"Explorable name must match {_NAME.pattern}, got {self.name!r}")
        self.params = tuple(self.params)
        names = [p.name for p in self.params]
        if len(set(names)) != len(names):
            raise ValueError(f"Explorable {self.name}: duplicate param names {names}")
        self.claims = tuple(self.claims)
        claim_names = [c.name for c in self.claims]
        if len(set(claim_names)) != len(claim_names):
            raise ClaimError(f"figure {self.name!r}: duplicate claim names {claim_names}")
        self.cruxes = tuple(Crux(c, self.name, self.params) for c in self.claims)
        previous = REGISTRY.get(self.name)
        if previous is not None and previous.model.__qualname__ != self.model.__qualname__:
            raise ValueError(f"two figures are named {self.name!r}; figure names are unique book-wide")
        REGISTRY[self.name] = self

    # -- values ------------------------------------------------------------------------------
    @property
    def params_by_name(self) -> dict[str, Param]:
        return {p.name: p for p in self.params}

    @property
    def defaults(self) -> dict[str, float]:
        return {p.name: self._coerce(p, p.default) for p in self.params}

    @staticmethod
    def _coerce(param: Param, value: float):
        return int(round(value)) if param.integer else float(value)

    def frame(self, **values) -> pd.DataFrame:
        """The model's tidy output at ``values`` (defaults for any not given)."""
        unknown = set(values) - {p.name for p in self.params}
        if unknown:
            raise ValueError(f"unknown parameter(s) for {self.name}: {sorted(unknown)}")
        settings = self.defaults | {
            p.name: self._coerce(p, values[p.name]) for p in self.params if p.name in values
        }
        return self.model(**settings)

    def figure(self, **values) -> alt.TopLevelMixin:
        """The chart drawn from the Python model at ``values``, as an altair object."""
        chart = theme.finish(self.chart(alt.Chart(alt.Data(values=_records(self.frame(**values))))))
        if self.cruxes:
            chart = chart.properties(datasets={CLAIM_DATA_NAME: self.claim_rows(**values)})
        return chart

    def settings(self, **values) -> dict[str, float]:
        """Every slider's value: ``values`` where given, the defaults elsewhere."""
        unknown = set(values) - {p.name for p in self.params}
        if unknown:
            raise ValueError(f"unknown parameter(s) for {self.name}: {sorted(unknown)}")
        return self.defaults | {p.name: self._coerce(p, values[p.name]) for p in self.params if p.name in values}

    def claim_rows(self, **values) -> list[dict]:
        """The claims' rows (status, failing intervals, flips) at ``values``, computed from the model."""
        return _records_plain(claim_rows(self.cruxes, self.settings(**values)))

    def claims_text(self, static: bool = False, **values) -> list[str]:
        """Each claim as the page states it: the claim, its status and where it flips, per slider
        (``static``: the flips the static page carries, found between its slider positions)."""
        settings = self.settings(**values)
        out = []
        for crux in self.cruxes:
            holds = crux.holds(**settings)
            flips = [crux.flip_text(p.name, crux.flips(p.name, scan=p.grid() if static else None, **settings), holds)
                     for p in crux.params]
            out.append(f"Claim: {crux.claim.text}. {crux.status_text(**settings)} "
                       f"With the other sliders where they are, it {'; '.join(flips)}.")
        return out

    def live_spec(self, **values) -> dict:
        """The Vega-Lite spec the live widget shows at ``values``: the model's output, re-run in Python.

        The chart is built once from a named data source; each redraw only swaps in the model's
        new output as that dataset, so a slider move costs the model plus a JSON copy, not an
        altair rebuild (which takes tens of milliseconds).
        """
        if self._template is None:
            # A fixed width (what vl-convert draws), which the live chart fits to its output area
            # not validated here (a quarter of a second a chapter in JupyterLab's Run All): the tests
            # validate every figure's live spec against the Vega-Lite schema
            self._template = live.fitted(
                theme.finish(self.chart(alt.Chart(alt.Data(name=LIVE_DATA)))).to_dict(validate=False))
        datasets = {LIVE_DATA: _records(self.frame(**values))}
        if self.cruxes:
            datasets[CLAIM_DATA_NAME] = self.claim_rows(**values)
        return {**self._template, "datasets": datasets}

    # -- static ------------------------------------------------------------------------------
    def _grid_data(self) -> tuple[list[dict], list[int]]:
        grids = [p.grid() for p in self.params]
        strides = [int(np.prod([len(g) for g in grids[i + 1:]])) for i in range(len(grids))]
        rows: list[dict] = []
        for index in itertools.product(*(range(len(g)) for g in grids)):
            settings = {p.name: self._coerce(p, g[i]) for p, g, i in zip(self.params, grids, index)}
            key = sum(i * s for i, s in zip(index, strides))
            for record in _records(self.model(**settings)):
                record["_k"] = key
                rows.append(record)
            if len(rows) > GRID_ROW_LIMIT:
                raise ValueError(
                    f"{self.name}: the static grid exceeds {GRID_ROW_LIMIT} rows; coarsen the sliders' "
                    "steps or give closed-form expressions"
                )
        return rows, strides

    def static_spec(self) -> dict:
        """The Vega-Lite spec of the static page: params for every slider, computed in the browser."""
        if self.expressions:
            base = alt.Chart(alt.Data(values=_records(self.frame()))).transform_calculate(**self.expressions)
        else:
            rows, strides = self._grid_data()
            key = " + ".join(f"{p.name}__i * {s}" for p, s in zip(self.params, strides))
            base = alt.Chart(alt.Data(values=rows)).transform_filter(f"datum._k == {key}")
        chart = theme.finish(self.chart(base))
        grids = {p.name: p.grid() for p in self.params}
        signals = []
        for p in self.params:
            signals.append(alt.param(name=p.name, value=self._coerce(p, p.default)))
            if not self.expressions:
                index = int(np.argmin(np.abs(grids[p.name] - p.default)))
                signals.append(alt.param(name=f"{p.name}__i", value=index))
        # not validated here (a quarter of the time a build spends on figures): every figure's static
        # spec is validated against the Vega-Lite schema in tests/test_explorable.py
        spec = _consolidate(chart.add_params(*signals).to_dict(validate=False))
        if self.cruxes:
            spec.setdefault("datasets", {})[CLAIM_DATA_NAME] = _records_plain(
                claim_rows(self.cruxes, self.defaults, scan="grid"))
        return spec

    def static_vega(self) -> dict:
        """:meth:`static_spec` compiled to Vega at build time (vl-convert), so the page ships and runs
        Vega alone: no Vega-Lite compiler in the browser (lighter first visit, faster first chart)."""
        import vl_convert as vlc

        return vlc.vegalite_to_vega(self.static_spec(), vl_version=VEGA_LITE_VERSION)

    def static_html(self) -> str:
        """The figure as HTML for the built site: sliders, chart container and spec."""
        figure_id = f"fig-{self.name}"
        controls = []
        meta = {"name": self.name, "mode": "expressions" if self.expressions else "grid", "params": [],
                "columns": [str(c) for c in self.frame().columns], "title": self.title or self.name}
        for p in self.params:
            grid = p.grid()
            index = int(np.argmin(np.abs(grid - p.default)))
            input_id = f"{figure_id}-{p.name}"
            meta["params"].append({
                "name": p.name, "label": p.label, "values": [self._coerce(p, v) for v in grid],
                "labels": [p.display(v) for v in grid],
                "default": index, "format": p.format, "integer": p.integer, "log": p.log,
                "options": list(p.options), "symbol": p.symbol,
            })
            text = html.escape(p.display(grid[index]))
            if p.options:
                buttons = "".join(
                    f'<label class="explorable-option"><input type="radio" name="{input_id}" data-param="{p.name}" '
                    f'value="{i}"{" checked" if i == index else ""}><span>{html.escape(option)}</span></label>'
                    for i, option in enumerate(p.options))
                controls.append(
                    f'<div class="explorable-control explorable-choice">'
                    f'<span class="explorable-choice-label" id="{input_id}-label">{html.escape(p.label)}</span>'
                    f'<div class="explorable-options" role="radiogroup" aria-labelledby="{input_id}-label" '
                    f'id="{input_id}">{buttons}</div>'
                    f'<output for="{input_id}">{text}</output></div>')
                continue
            controls.append(
                f'<div class="explorable-control">'
                f'<label for="{input_id}">{html.escape(p.label)}</label>'
                f'<input type="range" id="{input_id}" data-param="{p.name}" min="0" '
                f'max="{len(grid) - 1}" step="1" value="{index}" aria-valuetext="{text}">'
                f'<output for="{input_id}">{text}</output></div>'
            )
        if self.cruxes:
            meta["claims"] = [static_table(crux) for crux in self.cruxes]
        claims_html = self._claims_html(meta.get("claims", []))
        settings_text = ", ".join(f"{html.escape(p.symbol or p.label)} = {html.escape(p.display(p.default))}"
                                  for p in self.params)
        print_line = (f'<p class="explorable-settings">Settings: <span class="explorable-settings-values">'
                      f'{settings_text}</span>. <span class="explorable-settings-link"></span></p>')
        spec = json.dumps(pack_inline_data(self.static_vega()), separators=(",", ":"))
        meta_json = json.dumps(meta, separators=(",", ":"))
        # "</" must not end the script element early; JSON allows the escaped form.
        spec, meta_json = (s.replace("</", "<\\/") for s in (spec, meta_json))
        label = html.escape(self.title or self.name)
        return (
            f'<figure class="explorable" id="{figure_id}" data-name="{self.name}">'
            f'<div class="explorable-controls">{"".join(controls)}</div>{print_line}'
            f'{claims_html}'
            f'<div class="explorable-chart" role="img" aria-label="{label}"></div>'
            f'<script type="application/json" class="explorable-spec">{spec}</script>'
            f'<script type="application/json" class="explorable-meta">{meta_json}</script>'
            "</figure>"
        )

    def _claims_html(self, tables: list[dict]) -> str:
        """The claims under the sliders at the default positions (the page's script keeps them current)."""
        if not tables:
            return ""
        index = {p.name: int(np.argmin(np.abs(p.grid() - p.default))) for p in self.params}
        items = []
        for table in tables:
            status = claim_status_at(table, index, {p.name: p for p in self.params})
            flips = "".join(f'<li data-param="{html.escape(n)}">{html.escape(t)}</li>' for n, t in status["flips"])
            items.append(
                f'<div class="explorable-claim" data-claim="{html.escape(table["name"])}">'
                f'<p class="claim-text"><span class="claim-tag">Claim</span> {html.escape(table["text"])}</p>'
                f'<p class="claim-status" data-holds="{str(status["holds"]).lower()}">{html.escape(status["status"])}</p>'
                f'<p class="claim-flips-intro">With the other sliders where they are, the claim</p>'
                f'<ul class="claim-flips">{flips}</ul></div>')
        return f'<div class="explorable-claims" aria-live="polite">{"".join(items)}</div>'

    # -- live --------------------------------------------------------------------------------
    def widget(self):
        """ipywidgets sliders that re-run the model and redraw the chart (created once)."""
        if self._live is None:
            self._live = LiveFigure(self)
        return self._live.box

    def _repr_mimebundle_(self, include=None, exclude=None):
        if os.environ.get(RENDER_ENV) == "static":
            return {"text/html": self.static_html(), "text/plain": f"<figure {self.name}>"}
        box = self.widget()
        return {
            "application/vnd.jupyter.widget-view+json": {
                "version_major": 2, "version_minor": 0, "model_id": box.model_id,
            },
            "text/plain": f"<interactive figure {self.name}: run in Jupyter to use its sliders>",
        }


def _log_step(param: Param, fine: float = 1e-3) -> float:
    """A step in log10 of about ``fine`` that lands exactly on the default, so the live slider does
    not snap the default to a neighbouring value when it first draws."""
    span = math.log10(param.default) - math.log10(param.min)
    return span / round(span / fine) if span >= fine else fine


def _linear_step(param: Param) -> float:
    """About a tenth of the static slider's step, dividing the span from min to the default evenly,
    so that the live slider has the default (ln 2, say) among its positions and does not snap it
    to a neighbour when it first draws."""
    fine = param.step / 10
    span = param.default - param.min
    return span / round(span / fine) if span >= fine else fine


def all_figures() -> dict[str, Explorable]:
    """Every figure the book declares: the explorables defined in the ``essays.charts`` modules."""
    import importlib
    import pkgutil

    import essays.charts

    figures = {}
    for info in pkgutil.iter_modules(essays.charts.__path__):
        module = importlib.import_module(f"essays.charts.{info.name}")
        figures.update({v.name: v for v in vars(module).values() if isinstance(v, Explorable)})
    return dict(sorted(figures.items()))


class LiveFigure:
    """The live rendering: one ipywidgets slider per Param and an offline :class:`essays.live.LiveChart`."""

    def __init__(self, explorable: Explorable):
        import ipywidgets as widgets

        live.enable()  # figure() and any altair chart in this kernel draw offline too
        self.explorable = explorable
        self.sliders = {}
        self.readouts = {}
        for p in explorable.params:
            # The value is shown beside the slider by Param.display, as on the static page ("1,000",
            # "1 year"), not by the widget's own number format.
            common = dict(description=p.label, continuous_update=True, style={"description_width": "initial"},
                          layout=widgets.Layout(width="100%", max_width="40rem"), readout=False)
            if p.options:
                slider = widgets.ToggleButtons(options=[(o, i) for i, o in enumerate(p.options)], value=int(p.default),
                                               description=p.label, style={"description_width": "initial"})
                self.sliders[p.name] = slider
                slider.observe(self._redraw, names="value")
                continue
            elif p.integer:
                slider = widgets.IntSlider(value=int(p.default), min=int(p.min), max=int(p.max),
                                           step=max(1, int(p.step or 1)), **common)
            elif p.log:
                slider = widgets.FloatLogSlider(value=p.default, base=10, min=math.log10(p.min),
                                                max=math.log10(p.max), step=_log_step(p), readout_format=".4g",
                                                **common)
            else:
                slider = widgets.FloatSlider(value=p.default, min=p.min, max=p.max, step=_linear_step(p),
                                             readout_format=".4g", **common)
            slider.observe(self._redraw, names="value")
            self.sliders[p.name] = slider
            self.readouts[p.name] = widgets.Label(p.display(slider.value), layout=widgets.Layout(min_width="6rem"))
        self.chart = live.LiveChart(explorable.live_spec())  # offline, fitted, light or dark; SVG text in the DOM
        # The claims, their status and where each flips, recomputed from the model on every move.
        self.claims = widgets.HTML(self._claims_html())
        rows = [widgets.HBox([slider, self.readouts[name]]) if name in self.readouts else slider
                for name, slider in self.sliders.items()]
        self.box = widgets.VBox([*rows, *([self.claims] if explorable.cruxes else []), self.chart],
                                layout=widgets.Layout(width="100%"))

    @property
    def values(self) -> dict[str, float]:
        """The sliders' values; one within rounding of its default is the default itself (a log
        slider holds 10**position, which lands a few ulps off: 365.25000000000017 for 365.25)."""
        out = {}
        for name, slider in self.sliders.items():
            value, default = slider.value, self.explorable.defaults[name]
            out[name] = default if value != default and math.isclose(value, default, rel_tol=1e-9) else value
        return out

    def _claims_html(self) -> str:
        return "".join(f'<p class="explorable-claim">{html.escape(text)}</p>'
                       for text in self.explorable.claims_text(**self.values))

    def _redraw(self, change=None):
        values = self.values
        for name, readout in self.readouts.items():
            readout.value = self.explorable.params_by_name[name].display(values[name])
        self.chart.spec = self.explorable.live_spec(**values)
        if self.explorable.cruxes:
            self.claims.value = self._claims_html()
