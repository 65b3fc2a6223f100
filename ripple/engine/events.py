"""Events: scripted (on a given turn) or random (a chance each turn) shocks to the organisation."""

from __future__ import annotations

from ripple.engine.effects import ActiveEffect, Target
from ripple.engine.state import World
from ripple.scenario.model import Event, handoff_key, parse_handoff


def event_targets(world: World, event: Event) -> list[Target]:
    """What an event lands on: a department, a hand-off, a customer, or every department."""
    target = event.target.strip()
    if target == "everyone":
        return [("department", d) for d in world.departments.ids]
    if target in world.departments.index:
        return [("department", target)]
    pair = parse_handoff(target)
    if pair:
        return [("handoff", handoff_key(*pair))]
    return [("customer", target)]


def start_event(world: World, event: Event, turn: int) -> None:
    """Make `event` happen from this turn on, and say so in the turn log."""
    for target in event_targets(world, event):
        world.effects.append(
            ActiveEffect(
                source="event",
                name=event.name,
                target=target,
                effects=event.effects,
                start=turn,
                duration=event.duration,
                fade=0.0,
            )
        )
    world.log.append(("events", event.message or f"Event: {event.name}."))


def due_events(world: World, events: list[Event], turn: int) -> list[Event]:
    """Events that happen this turn: scripted ones for this turn, random ones that come up.

    Every random event draws from the game's RNG every turn, in scenario order, so the
    draws do not depend on what happened earlier.
    """
    due = []
    for event in events:
        if event.turn is not None:
            if event.turn == turn:
                due.append(event)
        elif event.chance is not None and world.rng.random() < event.chance:
            due.append(event)
    return due
