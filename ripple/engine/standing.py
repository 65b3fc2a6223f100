"""What effects, recurring problems and measures make of the organisation's numbers.

A turn's numbers are the scenario's values moved by every active effect, by the problems
not yet fixed (less any firefighting relief) and by what each department is rewarded on.
Those change seldom while morale changes every turn, so this part is worked out once and
kept, with the very values it was made from as its key. Games of one scenario share what is
kept: the same choices and firefighting make the same numbers, game after game.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar, cast

import numpy as np

from ripple.engine.effects import FINISHED_BELOW, MOVED, ActiveEffect
from ripple.engine.kept import read_only
from ripple.engine.rules import GAIN_CAPS, catch_chance, diminishing, talk_factor
from ripple.engine.ufuncs import clip

if TYPE_CHECKING:
    from ripple.engine.state import World

Totals = dict[str, dict[str, list[float]]]
"""By kind of target ('department', 'handoff', 'customer'), the active effects' sums on each
target of that kind, in `MOVED` order."""


def effect_totals(effects: list[ActiveEffect], turn: int) -> tuple[list[ActiveEffect], Totals]:
    """The effects not finished by `turn`, and on each target the sum of their fields on
    `turn` (a target nothing moves on `turn` has no sums)."""
    active = []
    totals: Totals = {"department": {}, "handoff": {}, "customer": {}}
    for effect in effects:
        strength = effect.strength(turn)
        if strength < FINISHED_BELOW and effect.finished(turn):
            continue
        active.append(effect)
        if strength == 0.0 or not effect.moves:
            continue
        kind, key = effect.target
        sums = totals[kind].get(key)
        if sums is None:
            sums = totals[kind][key] = [0.0] * len(MOVED)
        for column, value in effect.moves:
            sums[column] += value * strength
    return active, totals


Sums = tuple[tuple[str, tuple[float, ...]], ...]
"""The effects' sums on one kind of target: (target id, sums in `MOVED` order) each."""


def _sums(on: dict[str, list[float]]) -> Sums:
    """The effects' sums on one kind of target, as a key."""
    return tuple([(key, tuple(sums)) for key, sums in on.items()])


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

STANDING_NUMBERS_KEPT = 50_000
"""About how many numbers the standing parts of one scenario's games may hold together
(problems' loads, departments' and hand-offs' parts, catch chances, and all together):
thousands of parts for a workshop's organisation, at least `STANDINGS_KEPT` for any."""

STANDINGS_KEPT = 48
"""The fewest standing parts kept, however large the organisation."""


def _diminished(total: np.ndarray, cap: float) -> np.ndarray:
    """`diminishing(total, cap)` for one field's sums (a float array), remembered."""
    key = (cap, total.tobytes())
    found = _GAINS.get(key)
    if found is None:
        if len(_GAINS) >= _GAINS_KEPT:
            _GAINS.clear()
        found = _GAINS[key] = diminishing(total, cap)
        read_only(found)
    return found


_ONE = np.ones(1)
"""The talk factor after a route's last step, where nothing is handed on."""
read_only(_ONE)


@dataclass(frozen=True, slots=True, eq=False)
class ProblemLoads:
    """What the unfixed problems, after any relief, do to every department."""

    defects: np.ndarray
    """The defect chance they add."""
    undelayed: np.ndarray
    """Share of capacity they leave."""


@dataclass(frozen=True, slots=True, eq=False)
class DepartmentStanding:
    """What effects, problems and measures make of every department's numbers."""

    morale_shift: np.ndarray
    quality: np.ndarray
    checks: np.ndarray
    capacity_gain: np.ndarray
    """Capacity multiplier from effects (before morale, measure and problems)."""
    undelayed: np.ndarray
    """Share of capacity the problems leave."""


@dataclass(frozen=True, slots=True, eq=False)
class HandoffStanding:
    """What effects make of every hand-off's numbers."""

    communication: np.ndarray
    lag: np.ndarray
    slowed: bool
    """True when effects lengthen any hand-off's lag."""
    talk: np.ndarray
    talk_or_one: np.ndarray
    """`talk` and a 1 after it, for the step after the last (index -1)."""


@dataclass(frozen=True, slots=True, eq=False)
class Standing:
    """The numbers effects, problems and measures make, per department and per hand-off.

    Its arrays are shared from turn to turn, so they are read-only."""

    departments: DepartmentStanding
    handoffs: HandoffStanding
    catch: np.ndarray
    """Chance that each hand-off's receiver catches a defect."""


def _problem_loads(world: World) -> ProblemLoads:
    """What the problems do to every department, as relieved and fixed now."""
    defects, delay = world.departments.problems.loads()
    undelayed = 1.0 - delay
    read_only(defects, undelayed)
    return ProblemLoads(defects, undelayed)


def _department_standing(world: World, sums: Sums, loads: ProblemLoads) -> DepartmentStanding:
    departments = world.departments
    change = _changes(sums, departments.index)

    def gain(name: str) -> np.ndarray:
        return _diminished(change[:, MOVED.index(name)], GAIN_CAPS[name])

    care = departments.measure_work[:, 2]
    skill = np.maximum(0.0, departments.skill - gain("quality"))
    quality = 1.0 - clip(skill + loads.defects, 0.0, 1.0)
    checks = clip((departments.checks + gain("checks")) * care, 0.0, 1.0)
    capacity_gain = np.maximum(0.0, 1.0 + gain("capacity"))
    read_only(quality, checks, capacity_gain)
    return DepartmentStanding(gain("morale"), quality, checks, capacity_gain, loads.undelayed)


def _handoff_standing(world: World, sums: Sums) -> HandoffStanding:
    handoffs = world.handoffs
    change = _changes(sums, handoffs.index)
    added = _diminished(change[:, MOVED.index("communication")], GAIN_CAPS["communication"])
    communication = clip(handoffs.communication + added, 0.0, 1.0)
    talk = talk_factor(communication)
    lag = np.maximum(0, handoffs.lag + np.rint(change[:, MOVED.index("lag")]).astype(np.int64))
    talk_or_one = np.concatenate((talk, _ONE))
    read_only(communication, lag, talk, talk_or_one)
    slowed = bool(np.count_nonzero(lag > handoffs.lag))
    return HandoffStanding(communication, lag, slowed, talk, talk_or_one)


def _catch(world: World, checks: np.ndarray, handoffs: HandoffStanding) -> np.ndarray:
    catch = catch_chance(checks[world.handoffs.customer], handoffs.communication)
    read_only(catch)
    return catch


def _standing(world: World, departments: DepartmentStanding, handoffs: HandoffStanding) -> Standing:
    """The two parts together, with the catch chances they make: kept apart, as most changes
    to the departments' part leave their checks as they were."""
    checks = departments.checks
    catch = _kept(
        world, ("catch", checks.tobytes(), handoffs), lambda: _catch(world, checks, handoffs)
    )
    return Standing(departments, handoffs, catch)


Kept = ProblemLoads | DepartmentStanding | HandoffStanding | Standing | np.ndarray
"""What a world's standings keep."""

T = TypeVar("T", ProblemLoads, DepartmentStanding, HandoffStanding, Standing, np.ndarray)


def _kept(world: World, key: tuple[object, ...], make: Callable[[], T]) -> T:
    """What `make` makes, kept in the world's standings under `key`."""
    kept = world.standings.get(key)
    if kept is None:
        size = len(world.departments) + len(world.handoffs)
        if len(world.standings) >= max(STANDINGS_KEPT, STANDING_NUMBERS_KEPT // size):
            world.standings.clear()
        kept = world.standings[key] = make()
    return cast(T, kept)


def standing(world: World, totals: Totals) -> Standing:
    """The standing numbers for these effects' sums, made afresh only when no game of the
    scenario has made them from the same values before (an event that ends brings back the
    numbers from before it). They are kept in parts, as each changes without the others: the
    problems' loads, the departments' part, the hand-offs' part, and the catch chances
    those two make. The parts together are kept under the very parts (which compare as
    themselves, not by their numbers).

    Everything they are made of that can change during a game is in their keys: the
    effects' sums on departments and hand-offs, the problems' relief and fixes, and the
    measures departments work under."""
    problems = world.departments.problems
    on_departments, on_handoffs = _sums(totals["department"]), _sums(totals["handoff"])
    problem_key = ("problems", problems.relief.tobytes(), problems.fixed.tobytes())
    department_key = (
        "department",
        on_departments,
        problem_key,
        world.departments.measure_work.tobytes(),
    )

    def departments_part() -> DepartmentStanding:
        loads = _kept(world, problem_key, lambda: _problem_loads(world))
        return _department_standing(world, on_departments, loads)

    departments = _kept(world, department_key, departments_part)
    handoffs = _kept(world, ("handoff", on_handoffs), lambda: _handoff_standing(world, on_handoffs))
    return _kept(world, (departments, handoffs), lambda: _standing(world, departments, handoffs))
