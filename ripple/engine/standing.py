"""What effects, recurring problems and measures make of the organisation's numbers.

A turn's numbers are the scenario's values moved by every active effect, by the problems
not yet fixed (less any firefighting relief) and by what each department is rewarded on.
Those change seldom while morale changes every turn, so this part is worked out once and
kept, with the very values it was made from as its key, until one of them changes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ripple.engine.effects import ActiveEffect, Target
from ripple.engine.rules import GAIN_CAPS, catch_chance, diminishing, talk_factor
from ripple.engine.ufuncs import clip

if TYPE_CHECKING:
    from ripple.engine.state import World

_FIELDS = ("capacity", "quality", "morale", "checks", "communication", "lag", "demand")


def effect_totals(effects: list[ActiveEffect], turn: int) -> dict[Target, dict[str, float]]:
    """For each target, the sum of every active effect's fields on `turn`."""
    totals: dict[Target, dict[str, float]] = defaultdict(lambda: dict.fromkeys(_FIELDS, 0.0))
    for effect in effects:
        strength = effect.strength(turn)
        if strength == 0.0:
            continue
        sums = totals[effect.target]
        for name in _FIELDS:
            value = getattr(effect.effects, name)
            if value is not None:
                sums[name] += value * strength
    return totals


def _changes(
    totals: dict[Target, dict[str, float]], kind: str, index: dict[str, int], names: tuple[str, ...]
) -> dict[str, np.ndarray]:
    """Per field, an array of the effects' sums for every target of one kind."""
    arrays = {name: np.zeros(len(index)) for name in names}
    for (target_kind, key), sums in totals.items():
        if target_kind == kind and key in index:
            for name in names:
                arrays[name][index[key]] = sums[name]
    return arrays


_GAINS: dict[tuple[float, bytes], np.ndarray] = {}
"""`diminishing` of the effects' sums, by cap and sums: few sums recur, game after game."""

_GAINS_KEPT = 1024

STANDINGS_KEPT = 16
"""How many sets of standing numbers a game keeps."""


def _diminished(total: np.ndarray, cap: float) -> np.ndarray:
    """`diminishing(total, cap)` for one field's sums (a float array), remembered."""
    key = (cap, total.tobytes())
    found = _GAINS.get(key)
    if found is None:
        if len(_GAINS) >= _GAINS_KEPT:
            _GAINS.clear()
        found = _GAINS[key] = diminishing(total, cap)
        found.flags.writeable = False
    return found


@dataclass(frozen=True, slots=True)
class Standing:
    """The numbers effects, problems and measures make, per department and per hand-off.

    Its arrays are shared from turn to turn, so they are read-only."""

    key: tuple[object, ...]
    """What they were made from (see `standing_key`)."""
    morale_shift: np.ndarray
    quality: np.ndarray
    checks: np.ndarray
    capacity_gain: np.ndarray
    """Capacity multiplier from effects (before morale, measure and problems)."""
    undelayed: np.ndarray
    """Share of capacity the problems leave."""
    communication: np.ndarray
    lag: np.ndarray
    slowed: bool
    """True when effects lengthen any hand-off's lag."""
    talk: np.ndarray
    talk_or_one: np.ndarray
    """`talk` and a 1 after it, for the step after the last (index -1)."""
    catch: np.ndarray


def standing_key(world: World, totals: dict[Target, dict[str, float]]) -> tuple[object, ...]:
    """Everything the standing numbers are made of that can change during a game: the
    effects' sums on departments and hand-offs, the problems' relief and fixes, and the
    measures departments work under."""
    problems = world.departments.problems
    return (
        tuple(
            (target, tuple(sums.values()))
            for target, sums in totals.items()
            if target[0] != "customer"
        ),
        problems.relief.tobytes(),
        problems.fixed.tobytes(),
        world.departments.measure_work.tobytes(),
    )


def standing(world: World, totals: dict[Target, dict[str, float]]) -> Standing:
    """The standing numbers for these effects' sums, made afresh only when this game has
    not made them from the same values before (an event that ends brings back the numbers
    from before it)."""
    key = standing_key(world, totals)
    kept = world.standings.get(key)
    if kept is not None:
        return kept
    departments, handoffs = world.departments, world.handoffs
    problems = departments.problems
    change = _changes(
        totals, "department", departments.index, ("capacity", "quality", "checks", "morale")
    )
    care = departments.measure_work[:, 2]
    skill = np.maximum(
        0.0, departments.skill - _diminished(change["quality"], GAIN_CAPS["quality"])
    )
    made = clip(skill + problems.defect_load(), 0.0, 1.0)
    checks = clip(
        (departments.checks + _diminished(change["checks"], GAIN_CAPS["checks"])) * care, 0.0, 1.0
    )
    capacity = _diminished(change["capacity"], GAIN_CAPS["capacity"])
    on_handoffs = _changes(totals, "handoff", handoffs.index, ("communication", "lag"))
    communication = clip(
        handoffs.communication
        + _diminished(on_handoffs["communication"], GAIN_CAPS["communication"]),
        0.0,
        1.0,
    )
    talk = talk_factor(communication)
    lag = np.maximum(0, handoffs.lag + np.round(on_handoffs["lag"]).astype(np.int64))
    made_now = Standing(
        key=key,
        morale_shift=_diminished(change["morale"], GAIN_CAPS["morale"]),
        quality=1.0 - made,
        checks=checks,
        capacity_gain=np.maximum(0.0, 1.0 + capacity),
        undelayed=1.0 - problems.delay_load(),
        communication=communication,
        lag=lag,
        slowed=bool(np.count_nonzero(lag > handoffs.lag)),
        talk=talk,
        talk_or_one=np.append(talk, 1.0),
        catch=catch_chance(checks[handoffs.customer], communication),
    )
    for name in made_now.__slots__:  # type: ignore[attr-defined]
        value = getattr(made_now, name)
        if isinstance(value, np.ndarray):
            value.flags.writeable = False
    if len(world.standings) >= STANDINGS_KEPT:
        world.standings.clear()
    world.standings[key] = made_now
    return made_now
