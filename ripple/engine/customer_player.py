"""The reference player, "everyone is my customer": it reads the game as a player at the
screen can, and spends where internal customers are hurt most.

What it reads: the ripple trace (harm to customers by where it started), what internal
customers said when asked and the ratings last heard, the problems that came to light, each
department's queue, morale and quality, and its own past choices. It never reads what is
hidden (an undiscovered problem, an unasked rating). It values each choice in customers'
items spared over the turns left, so a gain already at its cap is worth nothing to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial

from ripple.engine.game import Game
from ripple.engine.rules import (
    COMMUNICATION_ON_DEFECTS,
    CUSTOMER_HIDDEN,
    CUSTOMER_REWORK,
    GAIN_CAPS,
    LEAVE_BELOW,
    LEAVE_SHARE,
    MEASURE_WORK,
    MORALE_ON_CAPACITY,
    diminishing,
)
from ripple.engine.snapshot import DepartmentView, HandoffView, Snapshot
from ripple.scenario.model import Effects, Intervention, parse_handoff

Value = Callable[[str | None], float]
"""What a choice is worth on each of its targets."""


@dataclass(frozen=True)
class Reading:
    """What the player reads off the screen before it chooses."""

    snapshot: Snapshot
    turns_left: int
    delay_harm: dict[str, float]
    """Per department, harm by delay traced to it per turn played."""
    asked: set[str]
    """Departments already visited (all their problems are in the open)."""
    gains: dict[tuple[str, str], float]
    """Per (target, field), the gain the player's own choices still hold there (its own
    memory of what it did, at full strength, for the cap)."""
    departments: dict[str, DepartmentView]
    """The departments by id."""
    handoffs: dict[str, HandoffView]
    """The hand-offs by key ('supplier->customer')."""
    unexplained: dict[str, float]
    """Per department, `_unexplained`."""
    restless: set[str]
    """Departments whose people are thinking of leaving, or close to it."""


def _read(game: Game) -> Reading:
    snapshot = game.snapshot()
    played = max(1, game.turn)
    delay: dict[str, float] = {d.id: 0.0 for d in snapshot.departments}
    for (department, kind), weight in game.attribution().items():
        if kind != "defective":
            delay[department] += weight / played
    asked, gains = _memory(game)
    handoffs: dict[str, HandoffView] = {}
    for h in snapshot.handoffs:
        handoffs.setdefault(h.key, h)
    return Reading(
        snapshot,
        game.turns - game.turn,
        delay,
        asked,
        gains,
        departments={d.id: d for d in snapshot.departments},
        handoffs=handoffs,
        unexplained={d.id: _unexplained(d) for d in snapshot.departments},
        restless={d.id for d in snapshot.departments if _restless(d)},
    )


def _memory(game: Game) -> tuple[set[str], dict[tuple[str, str], float]]:
    """What the player remembers of its own choices: the departments it visited, and the
    gains its choices still hold (`Reading.asked` and `Reading.gains`)."""
    menu, now = game.menu, game.turn
    asked: set[str] = set()
    gains: dict[tuple[str, str], float] = {}
    sizes: dict[str, list[tuple[str, float]]] = {}  # `_lasting_gains` by intervention id
    for turn, decisions in enumerate(game.decisions, start=1):
        for decision in decisions:
            intervention = menu.interventions[decision.intervention]
            if intervention.effects.discover and decision.target:
                asked.add(decision.target)
            lasting = sizes.get(intervention.id)
            if lasting is None:
                lasting = sizes[intervention.id] = _lasting_gains(intervention.effects)
            if not lasting:
                continue
            kept = (1.0 - intervention.fade) ** max(0, now - turn)
            for _, target in menu.aims(decision.target):
                for name, value in lasting:
                    gains[(target, name)] = gains.get((target, name), 0.0) + value * kept
    return asked, gains


GAINS = ("quality", "communication", "capacity")
"""The gains the player remembers having bought, for their caps."""


def _lasting_gains(effects: Effects) -> list[tuple[str, float]]:
    """The gains among `GAINS` an intervention brings, with their sizes."""
    return [(name, value) for name in GAINS if (value := getattr(effects, name) or 0.0) > 0]


def _marginal(reading: Reading, target: str, name: str, step: float) -> float:
    """What one more step of a gain adds on this target, after what is stacked already."""
    return _added(reading.gains.get((target, name), 0.0), step, GAIN_CAPS[name])


@lru_cache(maxsize=4096)
def _added(held: float, step: float, cap: float) -> float:
    """What `step` more adds to the gain `held` (never -0.0: a sum of gains, or none) under
    `cap`, remembered: the same few steps come up turn after turn."""
    return _diminished(held + step, cap) - _diminished(held, cap)


@lru_cache(maxsize=4096)
def _diminished_gain(total: float, cap: float) -> float:
    return float(diminishing(total, cap))


def _diminished(total: float, cap: float) -> float:
    """`diminishing(total, cap)` as a float, remembered: the player asks for the same few
    sums over and over. What is not a gain is worth itself, as `diminishing` keeps it (and
    stays apart from the remembered gains, where 0.0 and -0.0 would be one key)."""
    if total > 0:
        return _diminished_gain(total, cap)
    return float(total)


def _defects(d: DepartmentView) -> float:
    """Defects the department makes a turn, as its quality and its work say."""
    return (1.0 - d.quality) * max(d.processed, 1)


def _restless(d: DepartmentView) -> bool:
    """True when the department's people are thinking of leaving, or close to it."""
    return d.morale < LEAVE_BELOW + 0.1 or d.low_turns > 0


def _valued(reading: Reading, intervention: Intervention) -> Value | None:
    """What the intervention, bought now, would spare customers over the game's rest on each
    of its targets; None when it is worth nothing on any: it would come too late, only
    relieves symptoms, or cuts corners (the defects go downstream)."""
    effects = intervention.effects
    left = reading.turns_left - intervention.lag
    if left <= 0 or (effects.relief or 0) > 0:
        return None
    if (effects.quality or 0) < 0 or (effects.checks or 0) < 0:
        return None
    if intervention.target == "everyone":
        return partial(_everyone, reading, intervention)
    if intervention.target == "handoff":
        return partial(_on_handoff, reading, intervention, left)
    return partial(_on_department, reading, intervention, left)


@lru_cache(maxsize=1024)
def _supplier(key: str) -> str:
    """The supplier of the hand-off `key` ('supplier->customer'), remembered: the menu's
    targets are the same every turn."""
    pair = parse_handoff(key)
    return pair[0] if pair else key


def _everyone(reading: Reading, intervention: Intervention, target: str | None) -> float:
    if intervention.effects.listen:
        stale = [h for h in reading.snapshot.handoffs if h.heard_turn == 0 and not h.listening]
        return 0.2 * len(stale)
    return 0.0


def _on_handoff(reading: Reading, intervention: Intervention, left: int, target: str) -> float:
    effects, supplier = intervention.effects, reading.departments[_supplier(target)]
    value = 0.0
    view = reading.handoffs.get(target)
    if effects.communication:
        gain = _marginal(reading, target, "communication", effects.communication)
        if view is not None:
            gain = min(gain, 1.0 - view.communication)  # talk cannot pass full understanding
        value += gain * COMMUNICATION_ON_DEFECTS * CUSTOMER_REWORK * _defects(supplier) * left
    if effects.listen and view is not None and not view.listening:
        unexplained = reading.unexplained[supplier.id]
        hidden = supplier.id not in reading.asked and unexplained > 0
        if hidden:
            value += CUSTOMER_HIDDEN * unexplained * max(supplier.processed, 1) * left
    if effects.lag and view is not None and view.lag > 0:
        value += -effects.lag * reading.delay_harm.get(supplier.id, 0.0) * left
    return value


THANKS = 0.15
"""A lift of morale that keeps people for as long as it lasts: the standard thank-you."""


def intervention_turns(intervention: Intervention) -> int:
    """Turns an intervention's effects last (a long time when they have no end)."""
    return intervention.duration or 12


def _unexplained(d: DepartmentView) -> float:
    """Defect chance the department's known problems do not account for."""
    known = sum([p.defects for p in d.problems if p.known and not p.fixed])
    return max(0.0, 1.0 - d.quality - known)


def _on_department(reading: Reading, intervention: Intervention, left: int, target: str) -> float:
    effects, d = intervention.effects, reading.departments[target]
    value = 0.0
    behind = d.queue > d.capacity
    if effects.fix:
        candidates = [p for p in d.problems if p.known and not p.fixed and not p.fixing]
        if candidates:
            worst = max(candidates, key=lambda p: p.defects + p.delay)
            value += CUSTOMER_REWORK * worst.defects * max(d.processed, 1) * left
            value += worst.delay * d.capacity * left * (1.0 if behind else 0.3)
    if effects.discover and d.id not in reading.asked:
        value += CUSTOMER_HIDDEN * reading.unexplained[d.id] * max(d.processed, 1) * left
    if effects.quality:
        gain = min(_marginal(reading, d.id, "quality", effects.quality), reading.unexplained[d.id])
        value += CUSTOMER_REWORK * gain * max(d.processed, 1) * left
    if effects.capacity:
        late = reading.delay_harm[d.id]
        if behind or late > 0:
            gain = _marginal(reading, d.id, "capacity", effects.capacity)
            value += min(gain * d.base_capacity, max(d.queue - d.capacity, late)) * left
    if effects.morale and effects.morale > 0:
        restless = d.id in reading.restless
        if restless or behind:
            lasts = min(left, intervention_turns(intervention))
            if restless:
                value += effects.morale / THANKS * LEAVE_SHARE * d.base_capacity * lasts
            else:
                value += effects.morale * MORALE_ON_CAPACITY * d.capacity * lasts
    if effects.measure is not None and effects.measure != d.measure:
        now, then = MEASURE_WORK[d.measure], MEASURE_WORK[effects.measure]
        spared = (1.0 - then[1] / now[1]) * _defects(d) * CUSTOMER_REWORK
        busy = behind or reading.delay_harm[d.id] > 0 or d.queue > d.capacity / 2
        slower = (1.0 - then[0] / now[0]) * d.capacity if busy else 0.0
        value += (spared - slower) * left
    return value


def reader(game: Game) -> Callable[[Intervention], Value | None]:
    """How the customer-minded player values each intervention on its targets this turn:
    items spared to customers over the game's rest. Asking, fixing what came to light and
    keeping people count; what is at its cap, cuts corners or only relieves symptoms is worth
    nothing."""
    return partial(_valued, _read(game))
