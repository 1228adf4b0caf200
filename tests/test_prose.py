"""essays.prose: the numbers the prose quotes read as myst-nb's ``{glue:text}`` role writes them."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st
from IPython.lib.pretty import pretty
from myst_nb.core.variables import format_plain_text as myst_nb_format

from essays.prose import format_plain_text

SPECS = ["", "s", ".0f", ".1f", ".2f", ".3g", ",.0f", ".0%", ".1%", "d", ",d", "e", ".2e", "g", "x", ">8.2f"]


@pytest.mark.parametrize("spec", SPECS)
@pytest.mark.parametrize("value", [0, 1, -3, 12_345, 0.5, 1 / 3, -2.75, 1e-9, 6.02e23, 1234.5678, "Jan 2028", True])
def test_the_copy_formats_as_myst_nb_does(value, spec):
    text = pretty(value)
    try:
        expected = myst_nb_format(text, spec)
    except (ValueError, TypeError) as error:  # a spec the value cannot take fails alike
        with pytest.raises(type(error)):
            format_plain_text(text, spec)
        return
    assert format_plain_text(text, spec) == expected


@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers(-10**12, 10**12),
       st.sampled_from([s for s in SPECS if s not in ("d", ",d", "x")]))
def test_any_number_formats_as_myst_nb_does(value, spec):
    text = pretty(value)
    assert format_plain_text(text, spec) == myst_nb_format(text, spec)
