"""Hints for a learner: which hand-off hurts customers most right now, and why.

Worked out from the ripple trace, not canned: every late or defective delivery so far is
followed back to the first hand-off it crossed after its root cause, and the hand-off that
carried the most harm is the hint.
"""

from __future__ import annotations

from dataclasses import dataclass

from ripple.engine.game import Game
from ripple.scenario.model import handoff_key, parse_handoff


@dataclass(frozen=True, slots=True)
class Hint:
    """What to look at (a hand-off 'a->b' or a department id) and what to say about it."""

    target: str
    text: str


def hint(game: Game) -> Hint | None:
    """The hand-off (or department) that has hurt customers most so far, or None if none has."""
    harm: dict[str, dict[str, float]] = {}
    origins: dict[str, dict[str, float]] = {}
    for ripple in game.ripples():
        key = handoff_key(*ripple.chain[:2]) if len(ripple.chain) > 1 else ripple.origin
        harm.setdefault(key, {}).setdefault(ripple.kind, 0.0)
        harm[key][ripple.kind] += ripple.weight
        origins.setdefault(key, {}).setdefault(ripple.customer, 0.0)
        origins[key][ripple.customer] += ripple.weight
    if not harm:
        return None
    target = max(sorted(harm), key=lambda k: sum(harm[k].values()))
    kinds = harm[target]
    name = game.menu.target_name
    customers = {c.id: c.name for c in game.scenario.customers}
    weights = origins[target]
    reached = ", ".join(customers[c] for c in sorted(weights, key=lambda c: -weights[c]))
    defects, late = kinds.get("defective", 0.0), kinds.get("late", 0.0) + kinds.get("lost", 0.0)
    what = "defects" if defects >= late else "delays"
    pair = parse_handoff(target)
    supplier = pair[0] if pair else target
    if pair is not None:
        view = game.snapshot().handoff(target)
        where = f"the hand-off {name(target)}"
        rating = f" Its internal customer rates it {view.satisfaction:.0%}."
        advice = (
            "Two-way communication on it, or training at the supplier, would catch and prevent "
            "them."
            if what == "defects"
            else "More capacity at the supplier, or cutting red tape on it, would shorten the wait."
        )
    else:
        where, rating = name(target), ""
        advice = (
            "Training or fixing a root cause there would help."
            if what == "defects"
            else "More capacity there would help."
        )
    count = round(sum(kinds.values()))
    text = (
        f"Look at {where}: about {count} unhappy deliveries to {reached} passed it, mostly "
        f"{what} that started at {name(supplier)}.{rating} {advice}"
    )
    return Hint(target, text)
