"""The parallelization chapter's models, one module per section (source lines 12-18).

* :mod:`.penalty`: the parallelization penalty, AutomatedCorp's labor-equivalent speed, and the
  exponents other models publish (COCOMO's included);
* :mod:`.corporations`: NormalCorp, SlowCorp and AutomatedCorp (lines 14-16);
* :mod:`.coordination`: a toy model of coordination costs (line 14);
* :mod:`.bottleneck`: compute bottlenecks, CES and useful experiments (line 17);
* :mod:`.loop`: the experiment loop, Amdahl's law (line 18);
* :mod:`.chain`: the three chained, where the chapter's conclusion lives.

Everything public is re-exported here, so ``from essays.models import parallelization as model``
reaches every function.
"""
from __future__ import annotations

from . import bottleneck, chain, coordination, corporations, loop, penalty
from .bottleneck import *  # noqa: F401,F403
from .chain import *  # noqa: F401,F403
from .coordination import *  # noqa: F401,F403
from .corporations import *  # noqa: F401,F403
from .loop import *  # noqa: F401,F403
from .penalty import *  # noqa: F401,F403

MODULES = (penalty, corporations, coordination, bottleneck, loop, chain)
