"""What effects, recurring problems and measures make of the organisation's numbers.

A turn's numbers are the scenario's values moved by every active effect, by the problems
not yet fixed (less any firefighting relief) and by what each department is rewarded on.
Those change seldom while morale changes every turn, so this part is worked out once and
kept, with the very values it was made from as its key, until one of them changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar, cast

import numpy as np

from ripple.engine.effects import MOVED, ActiveEffect, Target
from ripple.engine.rules import GAIN_CAPS, catch_chance, diminishing, talk_factor
from ripple.engine.ufuncs import clip

if TYPE_CHECKING:
    from ripple.engine.state import World


def effect_totals(effects: list[ActiveEffect], turn: int) -> dict[Target, dict[str, float]]:
    """For each target, the sum of every active effect's fields on `turn`."""
    totals: dict[Target, dict[str, float]] = defaultdict(lambda: dict.fromkeys(MOVED, 0.0))
    for effect in effects:
        strength = effect.strength(turn)
        if strength == 0.0:
            continue
        sums = totals[effect.target]
        for name, value in effect.moves:
            sums[name] += value * strength
    return totals


Sums = tuple[tuple[str, tuple[float, ...]], ...]
"""The effects' sums on one kind of target: (target id, sums in `MOVED` order) each."""


def _sums(totals: dict[Target, dict[str, float]]) -> tuple[Sums, Sums]:
    """The effects' sums on departments and on hand-offs."""
    on: dict[str, list[tuple[str, tuple[float, ...]]]] = {"department": [], "handoff": []}
    for (kind, key), sums in totals.items():
        if kind in on:
            on[kind].append((key, tuple(sums.values())))
    return tuple(on["department"]), tuple(on["handoff"])


def _changes(sums: Sums, index: dict[str, int]) -> np.ndarray:
    """The effects' sums for every target of one kind: a row per target, a column per
    `MOVED` field."""
    changes = np.zeros((len(index), len(MOVED)))
    for key, values in sums:
        if key in index:
            changes[index[key]] = values
    return changes


_GAINS: dict[tuple[float, bytes], np.ndarray] = {}
"""`diminishing` of the effects' sums, by cap and sums: few sums recur, game after game."""

_GAINS_KEPT = 1024

STANDINGS_KEPT = 48
"""How many sets of standing numbers a game keeps (departments', hand-offs' and both)."""


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


def _read_only(*arrays: np.ndarray) -> None:
    for array in arrays:
        array.flags.writeable = False


@dataclass(frozen=True, slots=True)
class DepartmentStanding:
    """What effects, problems and measures make of every department's numbers."""

    morale_shift: np.ndarray
    quality: np.ndarray
    checks: np.ndarray
    capacity_gain: np.ndarray
    """Capacity multiplier from effects (before morale, measure and problems)."""
    undelayed: np.ndarray
    """Share of capacity the problems leave."""


@dataclass(frozen=True, slots=True)
class HandoffStanding:
    """What effects make of every hand-off's numbers."""

    communication: np.ndarray
    lag: np.ndarray
    slowed: bool
    """True when effects lengthen any hand-off's lag."""
    talk: np.ndarray
    talk_or_one: np.ndarray
    """`talk` and a 1 after it, for the step after the last (index -1)."""


@dataclass(frozen=True, slots=True)
class Standing:
    """The numbers effects, problems and measures make, per department and per hand-off.

    Its arrays are shared from turn to turn, so they are read-only."""

    departments: DepartmentStanding
    handoffs: HandoffStanding
    catch: np.ndarray
    """Chance that each hand-off's receiver catches a defect."""


def _department_standing(world: World, sums: Sums) -> DepartmentStanding:
    departments = world.departments
    change = _changes(sums, departments.index)

    def gain(name: str) -> np.ndarray:
        return _diminished(change[:, MOVED.index(name)], GAIN_CAPS[name])

    care = departments.measure_work[:, 2]
    defect_load, delay_load = departments.problems.loads()
    skill = np.maximum(0.0, departments.skill - gain("quality"))
    quality = 1.0 - clip(skill + defect_load, 0.0, 1.0)
    checks = clip((departments.checks + gain("checks")) * care, 0.0, 1.0)
    capacity_gain = np.maximum(0.0, 1.0 + gain("capacity"))
    undelayed = 1.0 - delay_load
    _read_only(quality, checks, capacity_gain, undelayed)
    return DepartmentStanding(gain("morale"), quality, checks, capacity_gain, undelayed)


def _handoff_standing(world: World, sums: Sums) -> HandoffStanding:
    handoffs = world.handoffs
    change = _changes(sums, handoffs.index)
    added = _diminished(change[:, MOVED.index("communication")], GAIN_CAPS["communication"])
    communication = clip(handoffs.communication + added, 0.0, 1.0)
    talk = talk_factor(communication)
    lag = np.maximum(0, handoffs.lag + np.rint(change[:, MOVED.index("lag")]).astype(np.int64))
    talk_or_one = np.append(talk, 1.0)
    _read_only(communication, lag, talk, talk_or_one)
    slowed = bool(np.count_nonzero(lag > handoffs.lag))
    return HandoffStanding(communication, lag, slowed, talk, talk_or_one)


Kept = DepartmentStanding | HandoffStanding | Standing
"""What a world's standings keep."""

T = TypeVar("T", DepartmentStanding, HandoffStanding, Standing)


def _kept(world: World, key: tuple[object, ...], make: Callable[[], T]) -> T:
    """What `make` makes, kept in the world's standings under `key`."""
    kept = world.standings.get(key)
    if kept is None:
        if len(world.standings) >= STANDINGS_KEPT:
            world.standings.clear()
        kept = world.standings[key] = make()
    return cast(T, kept)


def standing(world: World, totals: dict[Target, dict[str, float]]) -> Standing:
    """The standing numbers for these effects' sums, made afresh only when this game has
    not made them from the same values before (an event that ends brings back the numbers
    from before it). The departments' part and the hand-offs' part are kept apart, as
    each changes without the other.

    Everything they are made of that can change during a game is in their keys: the
    effects' sums on departments and hand-offs, the problems' relief and fixes, and the
    measures departments work under."""
    problems = world.departments.problems
    on_departments, on_handoffs = _sums(totals)
    department_key = (
        "department",
        on_departments,
        problems.relief.tobytes(),
        problems.fixed.tobytes(),
        world.departments.measure_work.tobytes(),
    )
    handoff_key = ("handoff", on_handoffs)

    def both() -> Standing:
        departments = _kept(
            world, department_key, lambda: _department_standing(world, on_departments)
        )
        handoffs = _kept(world, handoff_key, lambda: _handoff_standing(world, on_handoffs))
        catch = catch_chance(departments.checks[world.handoffs.customer], handoffs.communication)
        _read_only(catch)
        return Standing(departments, handoffs, catch)

    return _kept(world, (department_key, handoff_key), both)
