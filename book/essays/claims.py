"""Claims and their cruxes: a conclusion the prose draws from a figure, and where it flips.

A chapter declares each conclusion once, beside the figure it belongs to, as a :class:`Claim`:

* a sentence (``text``),
* the pure model that computes the quantity it is about (``model``: called with the figure's slider
  values, it returns a mapping, named tuple or dataclass of named model quantities), and
* the condition under which it holds, a comparison of one of those quantities with a number
  (``holds="speedup >= 10"``).

From the declaration and the model alone this module works out whether the claim holds at any
settings and, for each slider, the values at which it flips with the other sliders held where they
are (a scan of the slider's range, then bisection on the model). Nothing here knows any chapter's
model, and no threshold is ever typed: they are computed.

The same numbers reach the reader three ways: the static page carries, for every slider position it
can take, the claim's status and each slider's flips (computed here at build time, looked up in the
browser, never recomputed there); the live widget recomputes them from the Python model for any
value; and :func:`cruxes_table` lists every claim of the book with its thresholds at the defaults.

A figure may draw where its claims fail from the named dataset :data:`CLAIM_DATA` (see
:func:`claim_rows` for its rows): the static page, the live widget and ``figure()`` all fill it.
"""
from __future__ import annotations

import dataclasses
import inspect
import math
import operator
import re
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

import altair as alt
import numpy as np

CLAIM_DATA_NAME = "claims"  # the named dataset of claim rows every figure with claims carries
CLAIM_DATA = alt.Data(name=CLAIM_DATA_NAME)
CLAIM_GRID_LIMIT = 6_000  # slider combinations whose status a static page may carry per claim
BISECTION_STEPS = 24  # halvings of the bracket between two scan points (to 6e-8 of a step)
LIVE_SCAN_POINTS = 97  # scan points across a slider's range for the live widget (plus the grid)

_COMPARISONS = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}
_HOLDS = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(>=|<=|>|<)\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_SYMBOL = {">=": "≥", "<=": "≤", ">": ">", "<": "<"}


class ClaimError(ValueError):
    """A claim declared wrongly (the message names the figure and the claim)."""


@dataclass(frozen=True)
class Flip:
    """Where a claim's status changes along one slider: at ``value``, holding above it or below."""

    value: float
    holds_above: bool


@dataclass(frozen=True)
class Claim:
    """A conclusion drawn from a figure, declared once beside it.

    Parameters
    ----------
    name : str
        Identifier, unique within its figure (``[a-z][a-z0-9_]*``).
    text : str
        The claim as the prose states it, e.g. "AutomatedCorp researches at least 10x as fast".
    model : callable
        The pure model: called with the figure's slider values (those its signature accepts), it
        returns the model's named quantities (a mapping, a named tuple or a dataclass).
    holds : str
        The condition under which the claim holds: ``"<quantity> <op> <number>"`` with op one of
        ``>= <= > <``, e.g. ``"speedup >= 10"``. The quantity must be one the model returns.
    label : str
        What the quantity is, for the status line ("labor-equivalent research speed").
    format, unit : str
        How the quantity's value is printed: a Python/d3 format spec and a unit appended to it.
    contour : (str, str), optional
        ``(param, along)``: also compute the boundary of ``param`` as ``along`` runs over its
        slider's positions (a contour line for a heat map whose axes are the two sliders).
    """

    name: str
    text: str
    model: Callable[..., object]
    holds: str
    label: str = ""
    format: str = ".3~g"
    unit: str = ""
    contour: tuple[str, str] | None = None

    # Checked when the claim is bound to its figure (Crux), so that every error names the figure.

    # -- the condition -------------------------------------------------------------------------
    @property
    def quantity(self) -> str:
        return _HOLDS.match(self.holds).group(1)

    @property
    def op(self) -> str:
        return _HOLDS.match(self.holds).group(2)

    @property
    def bound(self) -> float:
        return float(_HOLDS.match(self.holds).group(3))

    def show(self, value: float) -> str:
        """A value of the claim's quantity as the page prints it."""
        return _fmt(value, self.format) + self.unit

    @property
    def condition_text(self) -> str:
        return f"{_SYMBOL[self.op]} {self.show(self.bound)}"

    def satisfied(self, value: float) -> bool:
        return bool(_COMPARISONS[self.op](value, self.bound))


def _fmt(value: float, spec: str) -> str:
    """Format like d3-format's common specs (``~`` trims trailing zeros, as in d3)."""
    trim = "~" in spec
    spec = spec.replace("~", "")
    if spec.endswith("s"):  # d3's SI prefix: print plainly with grouping instead
        spec = ",.3g"
    text = format(value, spec)
    if trim and ("." in text) and "e" not in text:
        text = text.rstrip("0").rstrip(".")
    return text


# ------------------------------------------------------------------------------------------------
# Evaluating a claim on a figure
# ------------------------------------------------------------------------------------------------

class Crux:
    """A claim bound to its figure's sliders: status and flips at any settings."""

    def __init__(self, claim: Claim, figure_name: str, params: Sequence):
        self.claim, self.figure, self.all_params = claim, figure_name, tuple(params)
        where = f"figure {figure_name!r}, claim {claim.name!r}"
        self.where = where
        if not _NAME.match(str(claim.name)):
            raise ClaimError(f"{where}: the claim's name must match {_NAME.pattern}")
        if not callable(claim.model):
            raise ClaimError(f"{where}: the claim's model must be callable, got {claim.model!r}")
        if not isinstance(claim.holds, str) or not _HOLDS.match(claim.holds):
            raise ClaimError(f"{where}: 'holds' must be a comparison '<quantity> <op> <number>' with op one of "
                             f">=, <=, >, <; got {claim.holds!r}")
        try:
            signature = inspect.signature(claim.model)
        except (TypeError, ValueError):
            signature = None
        names = {p.name for p in params}
        if signature is None or any(a.kind is a.VAR_KEYWORD for a in signature.parameters.values()):
            accepted = names
        else:
            accepted = set(signature.parameters) & names
            required = [a for a, s in signature.parameters.items()
                        if s.default is s.empty and s.kind in (s.POSITIONAL_OR_KEYWORD, s.KEYWORD_ONLY)]
            missing = [a for a in required if a not in names]
            if missing:
                raise ClaimError(f"{where}: the claim's model needs {missing}, which are not sliders of the figure")
        # the sliders the claim depends on, in the figure's order
        self.params = tuple(p for p in params if p.name in accepted)
        if not self.params:
            raise ClaimError(f"{where}: the claim's model takes none of the figure's sliders {sorted(names)}")
        if claim.contour is not None:
            bad = [c for c in claim.contour if c not in {p.name for p in self.params}]
            if bad or len(set(claim.contour)) != 2:
                raise ClaimError(f"{where}: contour must name two different sliders of the claim, got {claim.contour}")
        self._flips: dict = {}
        defaults = {p.name: p.default for p in self.params}
        self.value(**defaults)  # fails early (naming the figure) if the quantity is not returned

    # -- one evaluation --------------------------------------------------------------------------
    def value(self, **settings) -> float:
        args = {p.name: _coerce(p, settings[p.name]) for p in self.params}
        try:
            result = self.claim.model(**args)
        except ValueError as error:
            raise ClaimError(f"{self.where}: the model rejected {args}: {error}") from error
        quantity = self.claim.quantity
        if isinstance(result, Mapping):
            found = quantity in result
            raw = result.get(quantity)
        elif dataclasses.is_dataclass(result) or hasattr(result, "_fields"):
            found = hasattr(result, quantity)
            raw = getattr(result, quantity, None)
        else:
            raise ClaimError(f"{self.where}: the model must return named quantities (a mapping, named tuple "
                             f"or dataclass), got {type(result).__name__}")
        if not found:
            raise ClaimError(f"{self.where}: the model does not return the quantity {quantity!r}")
        try:
            number = float(raw)
        except (TypeError, ValueError):
            raise ClaimError(f"{self.where}: quantity {quantity!r} is not a number: {raw!r}") from None
        if not math.isfinite(number):
            raise ClaimError(f"{self.where}: quantity {quantity!r} is {number} at {args}")
        return number

    def holds(self, **settings) -> bool:
        return self.claim.satisfied(self.value(**settings))

    # -- flips along one slider -------------------------------------------------------------------
    def flips(self, param: str, scan: np.ndarray | None = None, **settings) -> list[Flip]:
        """Where the claim's status changes as ``param`` runs over its range, the others at ``settings``.

        The range is scanned at ``scan`` (default: the static slider's positions plus a fine grid),
        and each change of status between two neighbouring scan points is located by bisection on
        the model (on a log scale for log sliders; whole numbers for integer sliders).
        """
        p = self._param(param)
        points = self._scan(p) if scan is None else np.unique(np.asarray(scan, dtype=float))
        own = {q.name: _coerce(q, settings[q.name]) for q in self.params if q.name != param}
        key = (param, tuple(sorted(own.items())), points.tobytes())
        if key not in self._flips:  # the live widget asks twice per move (chart rows and sentences)
            statuses = [self.holds(**(own | {param: x})) for x in points]
            if len(self._flips) > 64:
                self._flips.clear()
            self._flips[key] = [self._bisect(p, own, a, b, sa)
                                for a, b, sa, sb in zip(points[:-1], points[1:], statuses[:-1], statuses[1:])
                                if sa != sb]
        return list(self._flips[key])

    def _param(self, name: str):
        for p in self.params:
            if p.name == name:
                return p
        raise ClaimError(f"{self.where}: no slider {name!r} among {[p.name for p in self.params]}")

    @staticmethod
    def _scan(p) -> np.ndarray:
        fine = (np.geomspace(p.min, p.max, LIVE_SCAN_POINTS) if p.log
                else np.linspace(p.min, p.max, LIVE_SCAN_POINTS))
        points = np.unique(np.concatenate([fine, p.grid()]))
        return np.unique(np.round(points)) if p.integer else points

    def _bisect(self, p, settings: dict, a: float, b: float, holds_at_a: bool) -> Flip:
        """Narrow [a, b], across which the status changes, to the flip point."""
        for _ in range(BISECTION_STEPS):
            if p.integer:
                if b - a <= 1:
                    break
                mid = float(math.floor((a + b) / 2))
            else:
                mid = math.sqrt(a * b) if p.log else (a + b) / 2
                if mid in (a, b):
                    break
            if self.holds(**(settings | {p.name: mid})) == holds_at_a:
                a = mid
            else:
                b = mid
        if self.holds(**(settings | {p.name: a})) == self.holds(**(settings | {p.name: b})):
            raise ClaimError(f"{self.where}: the threshold search on {p.name} did not bracket a change of status "
                             f"between {a} and {b}")
        # integer sliders flip at a whole number: the first value on the new side
        value = b if p.integer else (math.sqrt(a * b) if p.log else (a + b) / 2)
        return Flip(float(value), holds_above=not holds_at_a)

    # -- sentences --------------------------------------------------------------------------------
    def status_text(self, **settings) -> str:
        value = self.value(**settings)
        return status_sentence(self.claim.satisfied(value), self.claim.label or self.claim.quantity,
                               self.claim.show(value), self.claim.condition_text)

    def flip_text(self, param: str, flips: Sequence[Flip], holds_now: bool) -> str:
        """"fails below σ = 0.43" / "holds over the whole range of σ" for one slider."""
        p = self._param(param)
        triples = [(f.value, f.holds_above, display_threshold(p, f.value)) for f in flips]
        if getattr(p, "options", ()):
            return choice_sentence(symbol_of(p), p.options, triples, holds_now)
        return flip_sentence(symbol_of(p), triples, holds_now)


def symbol_of(p) -> str:
    return getattr(p, "symbol", "") or p.label


def flip_sentence(symbol: str, flips: Sequence[tuple[float, bool, str]], holds_now: bool) -> str:
    """Where a claim fails along one slider, from its flips ``(value, holds_above, printed value)``.

    The static page's script (``_static/essays.js``, ``flipSentence``) builds the same sentence
    from the same table; the browser tests compare the two.
    """
    if not flips:
        return f"{'holds' if holds_now else 'fails'} over the whole range of {symbol}"
    if len(flips) == 1:
        _, above, label = flips[0]
        return f"fails {'below' if above else 'above'} {symbol} = {label}"
    parts, lo, status = [], None, not flips[0][1]
    for _, above, label in flips:
        if not status:
            parts.append(f"below {label}" if lo is None else f"between {lo} and {label}")
        lo, status = label, above
    if not status:
        parts.append(f"above {lo}")
    return f"fails for {symbol} " + ", ".join(parts)


def choice_sentence(symbol: str, options: Sequence[str], flips: Sequence[tuple[float, bool, str]],
                    holds_now: bool) -> str:
    """For a choice between named options: the options for which the claim fails ("fails for the
    rate's shape = flat, falling"), from the flips between neighbouring options. The page's script
    (``choiceSentence``) is its twin."""
    status = (not flips[0][1]) if flips else holds_now  # the status at the first option
    failing, k = [], 0
    for i, option in enumerate(options):
        while k < len(flips) and flips[k][0] <= i:
            status = flips[k][1]
            k += 1
        if not status:
            failing.append(option)
    if not failing:
        return f"holds for every {symbol}"
    if len(failing) == len(options):
        return f"fails for every {symbol}"
    return f"fails for {symbol} = " + ", ".join(failing)


def status_sentence(holds: bool, label: str, value: str, condition: str) -> str:
    return f"{'Holds' if holds else 'Fails'} at these settings: {label} = {value} (the claim needs {condition})."


def claim_status_at(table: Mapping, index: Mapping[str, int], params: Mapping) -> dict:
    """The claim's status and flips at slider positions ``index``, looked up in its static table
    exactly as the page's script does (the Python twin that the tests hold the page to)."""
    names = table["params"]
    sizes = {n: len(params[n].grid()) for n in names}

    def flat(keys):
        k = 0
        for n in keys:
            k = k * sizes[n] + int(index[n])
        return k

    at = flat(names)
    holds = table["status"][at] == "1"
    flips = []
    for n in names:
        entry = table["flips"][n][flat([m for m in names if m != n])]
        triples = [(entry[i], bool(entry[i + 1]), entry[i + 2]) for i in range(0, len(entry), 3)]
        options = table.get("options", {}).get(n)
        flips.append((n, choice_sentence(table["symbols"][n], options, triples, holds) if options
                      else flip_sentence(table["symbols"][n], triples, holds)))
    return {"holds": holds, "value": table["values"][at],
            "status": status_sentence(holds, table["label"], table["values"][at], table["condition"]),
            "flips": flips}


def display_threshold(p, value: float) -> str:
    """A threshold as printed: whole numbers for integer sliders, else three significant digits."""
    if getattr(p, "integer", False):  # a count or a year: the slider's own display ("2021", not "2,021")
        return p.display(value)
    from essays.explorable import Param

    if type(p).display is not Param.display:  # a slider that prints its own units ("1.7 months")
        return p.display(value)
    return plain_number(value)


def plain_number(value: float, digits: int = 3) -> str:
    """``digits`` significant digits in plain notation ("1,000", "0.00123"); scientific only beyond
    [1e-4, 1e9), where plain notation would need a row of zeros."""
    if value == 0 or not math.isfinite(value):
        return format(value, "g")
    magnitude = math.floor(math.log10(abs(value)))
    if not -4 <= magnitude < 9:
        return format(value, f".{digits - 1}e")
    decimals = digits - 1 - magnitude
    return format(round(value, decimals), f",.{max(0, decimals)}f")


def _coerce(p, value):
    return int(round(value)) if p.integer else float(value)


# ------------------------------------------------------------------------------------------------
# Rows a chart draws from (CLAIM_DATA) and the static page's tables
# ------------------------------------------------------------------------------------------------

def claim_rows(cruxes: Sequence[Crux], settings: Mapping[str, float], scan: str = "fine") -> list[dict]:
    """The rows of the :data:`CLAIM_DATA` dataset at ``settings``.

    * ``kind="status"``: ``claim``, ``holds`` (bool), ``value``;
    * ``kind="fails"``: ``claim``, ``param``, ``lo``, ``hi``: an interval of ``param`` (the others
      where they are) over which the claim fails;
    * ``kind="flip"``: ``claim``, ``param``, ``value``, ``holds_above``;
    * ``kind="boundary"`` (claims with a ``contour``): ``claim``, ``param``, ``along``, ``value``
      (the flip of ``param``) and ``at`` (the value of ``along``), one row per flip.
    """
    rows: list[dict] = []
    for crux in cruxes:
        own = {p.name: settings[p.name] for p in crux.params}
        value = crux.value(**own)
        rows.append({"claim": crux.claim.name, "kind": "status", "holds": crux.claim.satisfied(value),
                     "value": value})
        for p in crux.params:
            flips = crux.flips(p.name, **own) if scan == "fine" else crux.flips(p.name, scan=p.grid(), **own)
            holds_min = crux.holds(**(own | {p.name: p.min}))
            rows += _fail_rows(crux.claim.name, p, flips, holds_min)
            rows += [{"claim": crux.claim.name, "kind": "flip", "param": p.name, "value": f.value,
                      "holds_above": f.holds_above} for f in flips]
        if crux.claim.contour:
            param, along = crux.claim.contour
            a = crux._param(along)
            for at in a.grid():
                for f in crux.flips(param, scan=crux._param(param).grid(), **(own | {along: at})):
                    rows.append({"claim": crux.claim.name, "kind": "boundary", "param": param, "along": along,
                                 "value": f.value, "at": float(at)})
    return rows


def _fail_rows(claim: str, p, flips: Sequence[Flip], holds_at_min: bool) -> list[dict]:
    rows, lo, status = [], p.min, holds_at_min
    for f in flips:
        if not status:
            rows.append({"claim": claim, "kind": "fails", "param": p.name, "lo": lo, "hi": f.value})
        lo, status = f.value, f.holds_above
    if not status:
        rows.append({"claim": claim, "kind": "fails", "param": p.name, "lo": lo, "hi": p.max})
    return rows


def static_table(crux: Crux) -> dict:
    """What the static page needs to show the claim at every position its sliders can take.

    ``status`` is a string of "1"/"0", one per combination of the claim's sliders' positions
    (row-major in the figure's order); ``values`` the quantity printed at each; ``flips[param]`` a list
    over the combinations of the *other* sliders (row-major) of ``[value, holds_above, label, ...]``.
    Computed from the model: the status on the whole grid, then bisection between neighbouring
    positions where it changes.
    """
    grids = [p.grid() for p in crux.params]
    shape = tuple(len(g) for g in grids)
    size = int(np.prod(shape))
    if size > CLAIM_GRID_LIMIT:
        raise ClaimError(f"{crux.where}: its sliders take {size} combinations of positions, more than the "
                         f"{CLAIM_GRID_LIMIT} a static page may carry; coarsen the sliders or narrow the model's arguments")
    values = np.empty(shape)
    for index in np.ndindex(*shape):
        values[index] = crux.value(**{p.name: g[i] for p, g, i in zip(crux.params, grids, index)})
    status = np.vectorize(crux.claim.satisfied, otypes=[bool])(values)
    flips: dict[str, list] = {}
    for axis, p in enumerate(crux.params):
        moved = np.moveaxis(status, axis, -1)
        others = [q for q in crux.params if q is not p]
        other_grids = [g for q, g in zip(crux.params, grids) if q is not p]
        table = []
        for index in np.ndindex(*moved.shape[:-1]):
            line = moved[index]
            entry: list = []
            settings = {q.name: g[i] for q, g, i in zip(others, other_grids, index)}
            for k in np.flatnonzero(line[1:] != line[:-1]):
                f = crux._bisect(p, settings, float(grids[axis][k]), float(grids[axis][k + 1]), bool(line[k]))
                entry += [_round_sig(f.value), int(f.holds_above), display_threshold(p, f.value)]
            table.append(entry)
        flips[p.name] = table
    return {
        "name": crux.claim.name, "text": crux.claim.text, "label": crux.claim.label or crux.claim.quantity,
        "condition": crux.claim.condition_text,
        "params": [p.name for p in crux.params],
        "symbols": {p.name: symbol_of(p) for p in crux.params},
        "options": {p.name: list(p.options) for p in crux.params if getattr(p, "options", ())},
        "status": "".join("1" if s else "0" for s in status.ravel()),
        "values": [crux.claim.show(v) for v in values.ravel()],
        "numbers": [_round_sig(v) for v in values.ravel()],
        "ranges": {p.name: [float(p.min), float(p.max)] for p in crux.params},
        "flips": flips,
        "contour": list(crux.claim.contour) if crux.claim.contour else None,
    }


def _round_sig(value: float, digits: int = 7) -> float:
    return float(f"{value:.{digits}g}")


# ------------------------------------------------------------------------------------------------
# Every claim of the book
# ------------------------------------------------------------------------------------------------

def all_cruxes() -> list[tuple[object, Crux]]:
    """(figure, crux) for every claim declared in the ``essays.charts`` modules, in page order."""
    from essays.explorable import all_figures

    out = []
    for figure in all_figures().values():
        out += [(figure, crux) for crux in figure.cruxes]
    return out


def just_across(p, flip: Flip, default: float) -> float:
    """The slider position nearest the flip on the side the default is not on (a whole-number
    slider's flip is the first value on its new side)."""
    grid = p.grid()
    side_above = default < flip.value
    candidates = grid[grid >= flip.value] if side_above else grid[grid < flip.value]
    if candidates.size == 0:
        return float(grid[-1] if side_above else grid[0])
    return float(candidates.min() if side_above else candidates.max())



def cruxes_table() -> list[dict]:
    """Every claim of the book at its figure's defaults, with each slider's flips and, for each, a
    scenario link to the slider position just across it (where the reader sees the other world).

    A figure's page is its chart module's name (``essays.charts.trends`` -> ``trends.html``).
    """
    rows = []
    for figure, crux in sorted(all_cruxes(), key=lambda fc: _page_order(fc[0].chart.__module__.rsplit(".", 1)[-1])):
        page = figure.chart.__module__.rsplit(".", 1)[-1]
        settings = figure.defaults
        own = {p.name: settings[p.name] for p in crux.params}
        holds = crux.holds(**own)
        flips = []
        for p in crux.params:
            found = crux.flips(p.name, **own)
            links = []
            for f in found:
                across = just_across(p, f, settings[p.name])
                links.append({"threshold": display_threshold(p, f.value), "value": f.value,
                              "holds_across": f.holds_above if across >= f.value else not f.holds_above,
                              "across": across, "across_text": p.display(across),
                              "href": f"{page}.html?{figure.name}.{p.name}={across!r}#fig-{figure.name}"})
            flips.append({"param": p.name, "symbol": symbol_of(p), "label": p.label,
                          "sentence": crux.flip_text(p.name, found, holds), "flips": links})
        rows.append({"page": page, "figure": figure.name, "figure_title": figure.title, "claim": crux.claim.name,
                     "text": crux.claim.text, "holds": holds, "status": crux.status_text(**own), "params": flips})
    return rows


def _page_order(page: str) -> int:
    """A chapter's place in the table of contents (_toc.yml), so the Cruxes page reads in book order."""
    from essays.source import ROOT

    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    found = toc.find(f"book/{page}\n")
    return found if found >= 0 else len(toc)


def cruxes_html(rows: Sequence[dict] | None = None) -> str:
    """The Cruxes page's table (HTML: its scenario links carry query strings)."""
    import html as _html

    rows = cruxes_table() if rows is None else rows
    esc = _html.escape
    body = []
    for row in rows:
        cells = []
        for item in row["params"]:
            links = " ".join(
                f'<a class="crux-link" href="{esc(link["href"])}">see {esc(item["symbol"])} = {esc(link["across_text"])}</a>'
                for link in item["flips"])
            cells.append(f'<li><strong>{esc(item["symbol"])}</strong>: {esc(item["sentence"])}'
                         f'{" (" + links + ")" if links else ""}</li>')
        verdict = "holds" if row["holds"] else "fails"
        body.append(
            f'<tr id="crux-{esc(row["figure"])}-{esc(row["claim"])}">'
            f'<td><a href="{esc(row["page"])}.html#fig-{esc(row["figure"])}">{esc(row["page"].capitalize())}</a></td>'
            f'<td>{esc(row["text"])}</td>'
            f'<td class="crux-{verdict}">{esc(row["status"])}</td>'
            f'<td><ul class="crux-flips">{"".join(cells)}</ul></td></tr>')
    return ('<table class="cruxes-table"><thead><tr><th>Chapter</th><th>Claim</th>'
            "<th>At the chapter's settings</th><th>Where it flips (the other sliders at the chapter's settings)</th>"
            f'</tr></thead><tbody>{"".join(body)}</tbody></table>')
