"""Legible evidence (source lines 3-11), one module per section of the chapter.

- :mod:`.audiences`: two ideal Bayesian audiences facing k positive results out of m runs.
- :mod:`.crux`: the skeptic's ceiling over the method's validity and artifact rate; independent
  methods.
- :mod:`.resampling`: iterating against a probe (best-of-k selection).

Everything public is re-exported here, so ``from essays.models import legibility`` keeps working.
"""
from __future__ import annotations

from . import audiences, crux, resampling
from .audiences import *  # noqa: F401,F403
from .audiences import __all__ as _audiences_all
from .crux import *  # noqa: F401,F403
from .crux import __all__ as _crux_all
from .resampling import *  # noqa: F401,F403
from .resampling import __all__ as _resampling_all

__all__ = ["audiences", "crux", "resampling", *_audiences_all, *_crux_all, *_resampling_all]
