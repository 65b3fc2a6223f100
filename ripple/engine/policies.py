"""Built-in players for headless games, each a mindset the workshop talks about.

- `none`: spends nothing; the organisation as it is.
- `silo`: every department spends on its own local numbers (its queue and throughput),
  blind to what its work does downstream.
- `customer`: "everyone is my customer": spend where internal customers are hurt most,
  on the hand-offs and root causes the ripple trace points at.

And players who read nothing from the game, against whom a scenario must prove it teaches:
- `random`: random choices the budget allows (its own seeded draw, never the game's);
- `priciest`: the most expensive choice it can afford every turn, its targets in turn;
- `only(id)`: one intervention spent every turn, round-robin over its targets.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter

import numpy as np

from ripple.engine.customer_player import Value, reader
from ripple.engine.game import Game
from ripple.engine.interventions import Decision
from ripple.engine.rules import SILO_MORALE, SILO_QUALITY
from ripple.scenario.model import Effects, Intervention

Policy = Callable[[Game], list[Decision]]


def no_interventions(game: Game) -> list[Decision]:
    """Spend nothing."""
    return []


def _spend(game: Game, valued: Callable[[Intervention], Value | None]) -> list[Decision]:
    """Greedy: buy the choices worth most per unit of cost until the budget runs out.

    `valued` says what an intervention is worth on each of its targets, or None when it is
    worth nothing on any: then its targets are not looked at."""
    menu, left = game.menu, game.budget
    scored: list[tuple[float, Intervention, str | None]] = []
    for intervention in menu.interventions.values():
        value = valued(intervention) if intervention.cost <= left else None
        if value is not None:
            cost = max(1, intervention.cost)
            scored += [
                (worth, intervention, target)
                for target in menu.targets(intervention)
                if (worth := value(target) / cost) > 0
            ]
    scored.sort(key=itemgetter(0), reverse=True)  # equals keep their menu order
    chosen: list[Decision] = []
    used: set[str | None] = set()
    for _, intervention, target in scored:
        if intervention.cost > left or target in used:
            continue
        chosen.append(Decision(intervention.id, target))
        used.add(target)
        left -= intervention.cost
    return chosen


def _size(effects: Effects, name: str) -> float:
    value = getattr(effects, name)
    return float(value) if value is not None else 0.0


SPEED = frozenset({"throughput", "handle_time", "utilisation"})
"""Measures of a department's own speed."""


def _speed_and_rework(effects: Effects) -> tuple[float, float]:
    """What an intervention does for a silo department's two worries, per unit of each: its
    speed (capacity, and morale for the throughput it brings) and the work sent back to it
    (quality, and relief from firefighting)."""
    speed = _size(effects, "capacity") + SILO_MORALE * _size(effects, "morale")
    rework = SILO_QUALITY * _size(effects, "quality") + _size(effects, "relief")
    return speed, rework


def silo(game: Game) -> list[Decision]:
    """Each department buys what raises its own measure, whatever that costs downstream:
    on a speed measure, what shrinks its queue; on right first time, what cuts the work
    sent back to it (a rework blitz will do); on the customer's outcome, both."""
    # Per department: its measure, its queue against its capacity, the work sent back to it.
    worries = {
        d.id: (d.measure, d.queue / max(1.0, d.capacity), d.sent_back / max(1, d.processed))
        for d in game.snapshot().departments
    }

    def valued(intervention: Intervention) -> Value | None:
        if intervention.target != "department":
            return None
        speed, rework = _speed_and_rework(intervention.effects)
        if speed <= 0 and rework <= 0:
            return None  # it helps neither worry anywhere

        def value(target: str | None) -> float:
            if target is None:
                return 0.0
            measure, pressure, sent_back = worries[target]
            if measure in SPEED:
                return max(0.0, speed * pressure)
            if measure == "right_first_time":
                return max(0.0, rework * sent_back)
            return max(0.0, speed * pressure + rework * sent_back)

        return value

    return _spend(game, valued)


def customer_first(game: Game) -> list[Decision]:
    """Spend where internal customers are hurt most (see `ripple.engine.customer_player`)."""
    return _spend(game, reader(game))


def random_choices(game: Game) -> list[Decision]:
    """Random choices the budget allows, one target once a turn. The draw is seeded by the
    game's seed and turn, apart from the game's own random numbers, so the game plays as it
    would and the same game gets the same choices."""
    draw = np.random.default_rng([game.seed, game.turn, 1])
    options = game.menu.options(game.budget)
    order = draw.permutation(len(options)).tolist()
    cheapest = min((i.cost for i in game.menu.interventions.values()), default=0)
    left, used, chosen = game.budget, set(), []
    for index in order:
        if left < cheapest:
            break  # nothing more is affordable
        option = options[index]
        if option.intervention.cost <= left and option.target not in used:
            chosen.append(Decision(option.intervention.id, option.target))
            used.add(option.target)
            left -= option.intervention.cost
    return chosen


def _in_turn(game: Game, intervention_id: str) -> list[Decision]:
    """The intervention aimed at its next target in turn (round-robin over the turns)."""
    intervention = game.menu.interventions[intervention_id]
    targets = game.menu.targets(intervention)
    if not targets or intervention.cost > game.budget:
        return []
    return [Decision(intervention.id, targets[game.turn % len(targets)])]


def priciest(game: Game) -> list[Decision]:
    """The most expensive choice the budget allows, every turn: the player who thinks the
    dearest must be the best. When several cost the most, it takes them in turn, each aimed
    at its next target once all have had a turn."""
    menu, budget = game.menu, game.budget
    affordable = [i for i in menu.interventions.values() if i.cost <= budget and menu.targets(i)]
    if not affordable:
        return []
    top = max(i.cost for i in affordable)
    dearest = [i for i in affordable if i.cost == top]
    chosen = dearest[game.turn % len(dearest)]
    targets = menu.targets(chosen)
    return [Decision(chosen.id, targets[(game.turn // len(dearest)) % len(targets)])]


def only(intervention_id: str) -> Policy:
    """A player who spends on one intervention every turn, round-robin over its targets."""

    def spend(game: Game) -> list[Decision]:
        return _in_turn(game, intervention_id)

    spend.__doc__ = f"Spend on '{intervention_id}' every turn, its targets in turn."
    return spend


POLICIES: dict[str, Policy] = {
    "none": no_interventions,
    "silo": silo,
    "customer": customer_first,
    "random": random_choices,
    "priciest": priciest,
}
"""The built-in policies by the names the command line uses."""

ONLY = "only:"
"""How a one-intervention player is named: 'only:fix' spends on 'fix' every turn."""


def policy_named(name: str) -> Policy:
    """The player called `name`: a built-in policy, or 'only:<intervention id>'.

    Raises KeyError for a name that is neither."""
    if name.startswith(ONLY) and len(name) > len(ONLY):
        return only(name[len(ONLY) :])
    return POLICIES[name]
