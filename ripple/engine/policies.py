"""Built-in players for headless games, each a mindset the workshop talks about.

- `none`: spends nothing; the organisation as it is.
- `silo`: every department spends on its own local numbers (its queue and throughput),
  blind to what its work does downstream.
- `customer`: "everyone is my customer": spend where internal customers are hurt most,
  on the hand-offs and root causes the ripple trace points at.
"""

from __future__ import annotations

from collections.abc import Callable

from ripple.engine.game import Game
from ripple.engine.interventions import Decision, Option
from ripple.engine.rules import (
    CUSTOMER_CONTENT,
    CUSTOMER_MORALE,
    CUSTOMER_QUALITY,
    CUSTOMER_TALK,
    SILO_MORALE,
)
from ripple.scenario.model import Effects, parse_handoff

Policy = Callable[[Game], list[Decision]]


def no_interventions(game: Game) -> list[Decision]:
    """Spend nothing."""
    return []


def _spend(game: Game, value: Callable[[Option], float]) -> list[Decision]:
    """Greedy: buy the options worth most per unit of cost until the budget runs out."""
    scored = [
        (value(o) / max(1, o.intervention.cost), i, o)
        for i, o in enumerate(game.menu.options(game.budget))
    ]
    scored = [s for s in scored if s[0] > 0]
    scored.sort(key=lambda s: (-s[0], s[1]))
    left = game.budget
    chosen: list[Decision] = []
    used: set[str | None] = set()
    for _, _, option in scored:
        if option.intervention.cost > left or option.target in used:
            continue
        chosen.append(Decision(option.intervention.id, option.target))
        used.add(option.target)
        left -= option.intervention.cost
    return chosen


def _size(effects: Effects, name: str) -> float:
    value = getattr(effects, name)
    return float(value) if value is not None else 0.0


def silo(game: Game) -> list[Decision]:
    """Each department buys what shrinks its own queue, whatever that costs downstream."""
    snapshot = game.snapshot()
    pressure = {d.id: d.queue / max(1.0, d.capacity) for d in snapshot.departments}

    def value(option: Option) -> float:
        if option.intervention.target != "department" or option.target is None:
            return 0.0
        effects = option.intervention.effects
        own = _size(effects, "capacity") + SILO_MORALE * _size(effects, "morale")
        return max(0.0, own) * pressure.get(option.target, 0.0)

    return _spend(game, value)


def customer_first(game: Game) -> list[Decision]:
    """Spend where internal customers are hurt most: root causes and weak hand-offs."""
    snapshot = game.snapshot()
    harm: dict[str, dict[str, float]] = {
        d.id: {"defects": 0.0, "delay": 0.0} for d in snapshot.departments
    }
    for (department, kind), weight in game.attribution().items():
        harm[department]["defects" if kind == "defective" else "delay"] += weight
    for d in snapshot.departments:
        harm[d.id]["defects"] += d.defects_made + d.sent_back
        harm[d.id]["delay"] += max(0.0, d.queue - d.capacity)
    unhappy = {h.key: 1.0 - h.satisfaction for h in snapshot.handoffs}

    def value(option: Option) -> float:
        effects = option.intervention.effects
        fixes_defects = _size(effects, "quality") * CUSTOMER_QUALITY + _size(effects, "checks")
        fixes_delay = _size(effects, "capacity") + CUSTOMER_MORALE * _size(effects, "morale")
        if option.target is None:
            return sum(
                fixes_defects * h["defects"] + fixes_delay * h["delay"] for h in harm.values()
            )
        pair = parse_handoff(option.target)
        if pair:
            supplier = harm[pair[0]]
            talk = _size(effects, "communication") * CUSTOMER_TALK
            faster = -_size(effects, "lag")
            return (talk * supplier["defects"] + faster * supplier["delay"]) * (
                CUSTOMER_CONTENT + unhappy[option.target]
            )
        own = harm[option.target]
        return fixes_defects * own["defects"] + fixes_delay * own["delay"]

    return _spend(game, value)


POLICIES: dict[str, Policy] = {"none": no_interventions, "silo": silo, "customer": customer_first}
"""The built-in policies by the names the command line uses."""
