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
from functools import cached_property, lru_cache

from ripple.engine.game import Game
from ripple.engine.interventions import Option
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
from ripple.scenario.model import parse_handoff


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

    def department(self, key: str) -> DepartmentView:
        """The department called `key`."""
        return self._departments[key]

    def handoff(self, key: str) -> HandoffView | None:
        """The hand-off called `key` ('supplier->customer'), or None."""
        return self._handoffs.get(key)

    def unexplained(self, d: DepartmentView) -> float:
        """`_unexplained(d)`, worked out once a reading."""
        return self._unexplained[d.id]

    @cached_property
    def _departments(self) -> dict[str, DepartmentView]:
        return {d.id: d for d in self.snapshot.departments}

    @cached_property
    def _handoffs(self) -> dict[str, HandoffView]:
        handoffs: dict[str, HandoffView] = {}
        for h in self.snapshot.handoffs:
            handoffs.setdefault(h.key, h)
        return handoffs

    @cached_property
    def _unexplained(self) -> dict[str, float]:
        return {d.id: _unexplained(d) for d in self.snapshot.departments}


def _read(game: Game) -> Reading:
    snapshot = game.snapshot()
    played = max(1, game.turn)
    delay: dict[str, float] = {d.id: 0.0 for d in snapshot.departments}
    for (department, kind), weight in game.attribution().items():
        if kind != "defective":
            delay[department] += weight / played
    asked: set[str] = set()
    gains: dict[tuple[str, str], float] = {}
    for turn, decisions in enumerate(game.decisions, start=1):
        for decision in decisions:
            intervention = game.menu.interventions[decision.intervention]
            effects = intervention.effects
            if effects.discover and decision.target:
                asked.add(decision.target)
            for aim in game.menu.aims(decision.target):
                for name in ("quality", "communication", "capacity"):
                    value = getattr(effects, name) or 0.0
                    if value > 0:
                        kept = (1.0 - intervention.fade) ** max(0, game.turn - turn)
                        gains[(aim[1], name)] = gains.get((aim[1], name), 0.0) + value * kept
    return Reading(snapshot, game.turns - game.turn, delay, asked, gains)


def _marginal(reading: Reading, target: str, name: str, step: float) -> float:
    """What one more step of a gain adds on this target, after what is stacked already."""
    held = reading.gains.get((target, name), 0.0)
    cap = GAIN_CAPS[name]
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


def _value(reading: Reading, option: Option) -> float:
    """Items spared to customers over the game's rest, were this option bought now."""
    intervention, target = option.intervention, option.target
    effects = intervention.effects
    left = reading.turns_left - intervention.lag
    if left <= 0 or (effects.relief or 0) > 0:
        return 0.0
    if (effects.quality or 0) < 0 or (effects.checks or 0) < 0:
        return 0.0  # never cut corners: the defects go downstream
    if target is None:
        return _everyone(reading, option, left)
    pair = _pair(target)
    if pair:
        return _on_handoff(reading, option, pair, left)
    return _on_department(reading, option, reading.department(target), left)


_pair = lru_cache(maxsize=1024)(parse_handoff)
"""`parse_handoff`, remembered: the menu's targets are the same every turn."""


def _everyone(reading: Reading, option: Option, left: int) -> float:
    effects = option.intervention.effects
    if effects.listen:
        stale = [h for h in reading.snapshot.handoffs if h.heard_turn == 0 and not h.listening]
        return 0.2 * len(stale)
    return 0.0


def _on_handoff(reading: Reading, option: Option, pair: tuple[str, str], left: int) -> float:
    effects = option.intervention.effects
    supplier = reading.department(pair[0])
    value = 0.0
    view = reading.handoff(option.target or "")
    if effects.communication:
        gain = _marginal(reading, option.target or "", "communication", effects.communication)
        if view is not None:
            gain = min(gain, 1.0 - view.communication)  # talk cannot pass full understanding
        value += gain * COMMUNICATION_ON_DEFECTS * CUSTOMER_REWORK * _defects(supplier) * left
    if effects.listen and view is not None and not view.listening:
        unexplained = reading.unexplained(supplier)
        hidden = supplier.id not in reading.asked and unexplained > 0
        if hidden:
            value += CUSTOMER_HIDDEN * unexplained * max(supplier.processed, 1) * left
    if effects.lag and view is not None and view.lag > 0:
        value += -effects.lag * reading.delay_harm.get(supplier.id, 0.0) * left
    return value


THANKS = 0.15
"""A lift of morale that keeps people for as long as it lasts: the standard thank-you."""


def intervention_turns(option: Option) -> int:
    """Turns an option's effects last (a long time when they have no end)."""
    return option.intervention.duration or 12


def _unexplained(d: DepartmentView) -> float:
    """Defect chance the department's known problems do not account for."""
    known = sum(p.defects for p in d.known_problems if not p.fixed)
    return max(0.0, 1.0 - d.quality - known)


def _on_department(reading: Reading, option: Option, d: DepartmentView, left: int) -> float:
    effects = option.intervention.effects
    value = 0.0
    behind = d.queue > d.capacity
    if effects.fix:
        candidates = [p for p in d.known_problems if not p.fixed and not p.fixing]
        if candidates:
            worst = max(candidates, key=lambda p: p.defects + p.delay)
            value += CUSTOMER_REWORK * worst.defects * max(d.processed, 1) * left
            value += worst.delay * d.capacity * left * (1.0 if behind else 0.3)
    if effects.discover and d.id not in reading.asked:
        value += CUSTOMER_HIDDEN * reading.unexplained(d) * max(d.processed, 1) * left
    if effects.quality:
        gain = min(_marginal(reading, d.id, "quality", effects.quality), reading.unexplained(d))
        value += CUSTOMER_REWORK * gain * max(d.processed, 1) * left
    late = reading.delay_harm.get(d.id, 0.0)
    if effects.capacity and (behind or late > 0):
        gain = _marginal(reading, d.id, "capacity", effects.capacity)
        value += min(gain * d.base_capacity, max(d.queue - d.capacity, late)) * left
    if effects.morale and effects.morale > 0:
        lasts = min(left, intervention_turns(option))
        strength = effects.morale / THANKS
        if d.morale < LEAVE_BELOW + 0.1 or d.low_turns > 0:
            value += strength * LEAVE_SHARE * d.base_capacity * lasts
        elif behind:
            value += effects.morale * MORALE_ON_CAPACITY * d.capacity * lasts
    if effects.measure is not None and effects.measure != d.measure:
        now, then = MEASURE_WORK[d.measure], MEASURE_WORK[effects.measure]
        spared = (1.0 - then[1] / now[1]) * _defects(d) * CUSTOMER_REWORK
        busy = behind or late > 0 or d.queue > d.capacity / 2
        slower = (1.0 - then[0] / now[0]) * d.capacity if busy else 0.0
        value += (spared - slower) * left
    return value


def reader(game: Game) -> Callable[[Option], float]:
    """How the customer-minded player values each option this turn: items spared to
    customers over the game's rest. Asking, fixing what came to light and keeping people
    count; what is at its cap, cuts corners or only relieves symptoms is worth nothing."""
    reading = _read(game)
    return lambda option: _value(reading, option)
