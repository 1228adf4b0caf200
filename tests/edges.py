"""Shared by the ``test_oracles_*_edges`` tests: a parameter is accepted up to the ends of its
documented range and refused just beyond them, with a message that starts with its name."""
from __future__ import annotations

import re

import pytest


def refusal(func, kwargs):
    """The ValueError message of ``func(**kwargs)``, or None if it returns."""
    try:
        func(**kwargs)
    except ValueError as error:
        return str(error)
    return None


def beyond(value: float, direction: int, integer: bool) -> float:
    if integer:
        return int(value) + direction
    return value + direction * max(abs(value) * 1e-9, 1e-12)


def check_edges(func, kwargs, name, lo, hi, lo_open=False, hi_open=False, integer=False) -> None:
    starts = re.compile(rf"^{name} must be (in|a whole number in|numbers in) ")
    for edge, direction, is_open in ((lo, -1, lo_open), (hi, +1, hi_open)):
        if edge is None:
            continue
        message = refusal(func, kwargs | {name: int(edge) if integer else edge})
        if is_open:
            assert message and starts.match(message), (edge, message)
        else:  # the end itself is within the range (any refusal is about something else)
            assert not (message and starts.match(message)), (edge, message)
        value = beyond(edge, direction, integer)
        message = refusal(func, kwargs | {name: value})
        assert message and starts.match(message), (value, message)


FIELDS = "func, kwargs, name, lo, hi, lo_open, hi_open, integer"


def ids(rows) -> list[str]:
    """A readable id per row of an edges table: the function's and the parameter's names."""
    return [f"{row[0].__name__}-{row[2]}" for row in rows]


def edges_test(rows):
    """The test every ``test_oracles_*`` module runs over its table of ``(func, kwargs, name, lo, hi,
    lo_open, hi_open, integer)`` rows: assign it to a module-level ``test_...`` name."""
    @pytest.mark.parametrize(FIELDS, rows, ids=ids(rows))
    def test(func, kwargs, name, lo, hi, lo_open, hi_open, integer):
        check_edges(func, kwargs, name, lo, hi, lo_open, hi_open, integer)

    return test
