"""The ripple trace: which departments' defects and delays reached which customers.

Every late, defective or cancelled item spreads a weight of 1 over its root causes (the
departments that introduced its defects, or in whose queues and hand-offs its delay
built up), so the weights of one kind add up to the number of such items.
"""

from __future__ import annotations

from dataclasses import dataclass

from ripple.engine.state import World

KINDS = ("late", "defective", "lost")


@dataclass(frozen=True, slots=True)
class Ripple:
    """Harm that started in `origin` and reached `customer`, through `chain`."""

    customer: str
    origin: str
    kind: str
    weight: float
    chain: tuple[str, ...]


def chain_from(world: World, segment: int, origin: str) -> tuple[str, ...]:
    """The departments from `origin` down the customer's route to where it is served."""
    steps = world.segments[segment].route.steps
    if origin in steps:
        return steps[steps.index(origin) :]
    return (origin,)


def ripples(
    world: World,
    *,
    customer: str | None = None,
    department: str | None = None,
    this_turn: bool = False,
) -> list[Ripple]:
    """The ripples so far (or this turn), biggest first, optionally for one customer or origin."""
    source = world.turn_ripples if this_turn else world.ripples
    found = []
    for (segment, origin, kind), weight in source.items():
        spec = world.segments[segment].spec
        if customer is not None and spec.id != customer:
            continue
        if department is not None and origin != department:
            continue
        found.append(Ripple(spec.id, origin, kind, weight, chain_from(world, segment, origin)))
    found.sort(key=lambda r: (-r.weight, r.customer, r.origin, r.kind))
    return found


def attribution(world: World) -> dict[tuple[str, str], float]:
    """Weight of harm per (department, kind), over all customers."""
    totals: dict[tuple[str, str], float] = {}
    for (_, origin, kind), weight in sorted(world.ripples.items()):
        totals[(origin, kind)] = totals.get((origin, kind), 0.0) + weight
    return totals
