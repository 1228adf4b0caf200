"""What keeping humans alive costs a growing economy (source lines 27-29).

The source argues "it wasn't that expensive to keep humans physically alive" and that whoever
keeps control "could also pretty cheaply keep all other humans at a low competitiveness
overhead". Three small models make that checkable.

1. **Share of resources.** Keeping ``population`` people at ``power_per_person`` watts each takes
   ``share = population * power_per_person / base_power`` of a resource base: today's world
   primary energy, the sunlight Earth intercepts, or the Sun's whole output.
2. **Overhead as a delay.** An economy that doubles every ``T`` and sets aside a share ``f`` of
   its resources reaches any size ``T * log2(1 / (1 - f))`` later. Spent as a flow, an upkeep
   share ``f`` of output lowers the growth rate from ``g = ln 2 / T`` to ``g (1 - f)``, leaving the
   economy ``exp(-g f t)`` as large after time ``t``, i.e. as large as the unburdened economy
   was ``f t`` earlier.
3. **The strongest objection: Earth is most of the early economy.** If keeping Earth habitable
   lets industry use only a fraction ``x`` of Earth's resources until it has expanded beyond
   Earth, it starts ``log2(1 / x)`` doublings behind: a delay of ``T * log2(1 / x)``.

The opposing view: Eliezer Yudkowsky, "ASIs will not leave just a little sunlight for Earth",
LessWrong, September 2024, argues that a superintelligence that does not care about us would
not forgo even the ~4.5e-10 of the Sun's output that Earth intercepts. The models here do not
settle whether it would care; they measure what caring would cost it.

Units: watts for power, seconds for time (see :data:`HOUR`, :data:`DAY`, :data:`YEAR`),
plain fractions for shares. Constants and their sources are in the book's data README,
``book/data/README.md`` (section "Physical constants of the survival-cost chapter").

4. **When the cap binds, and after.** Starting from today's economy, the cap on Earth binds only
   once the economy fills the usable fraction ``x``; after that, off-Earth industry seeded with a
   share ``seed`` of the capped economy and doubling every ``k T`` keeps it growing. Its lag behind
   an economy that uses all of Earth never exceeds the bound ``T * log2(1 / x)`` of model 3, and
   reaches it when the seed is zero (:func:`two_phase_lag`).
"""
from __future__ import annotations

from essays.models.survival.constants import *  # noqa: F401,F403
from essays.models.survival.constants import _DURATION_UNITS, _LN2  # noqa: F401
from essays.models.survival.earth import *  # noqa: F401,F403
from essays.models.survival.overhead import *  # noqa: F401,F403
from essays.models.survival.shares import *  # noqa: F401,F403

SECTIONS = ("constants", "shares", "overhead", "earth")  # the modules, one per section of the chapter
