"""The ripple trace: which departments' defects and delays reached which customers.

Every late, defective or cancelled item spreads a weight of 1 over its root causes (the
departments that introduced its defects, or in whose queues and hand-offs its delay
built up), so the weights of one kind add up to the number of such items.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ripple.engine.state import KINDS, Routes, World


@dataclass(frozen=True, slots=True)
class Ripple:
    """Harm that started in `origin` and reached `customer`, through `chain`."""

    customer: str
    origin: str
    kind: str
    weight: float
    chain: tuple[str, ...]


def chain_from(steps: tuple[str, ...], origin: str) -> tuple[str, ...]:
    """The departments from `origin` down a customer's route to where it is served."""
    return steps[steps.index(origin) :] if origin in steps else (origin,)


@lru_cache(maxsize=16)
def _places(routes: Routes, departments: tuple[str, ...]) -> list[tuple[int, str, str]]:
    """What each place of the ripple arrays stands for, in their flat order: (segment index,
    department, kind). No game changes the routes, so every game of a scenario shares these."""
    segment_of, steps = routes.segment_list, routes.steps_list
    return [
        (segment_of[route], departments[steps[route][position]], kind)
        for kind in KINDS
        for route in range(len(steps))
        for position in range(routes.width)
    ]


def harm(world: World, this_turn: bool = False) -> dict[tuple[int, str, str], float]:
    """Weight of harm per (segment index, root-cause department, kind), in a stable order."""
    source = (world.turn_ripples if this_turn else world.ripples).ravel()
    places = _places(world.routes, tuple(world.departments.ids))
    at = source.nonzero()[0]
    found: dict[tuple[int, str, str], float] = {}
    for place, weight in zip(at.tolist(), source[at].tolist(), strict=True):
        key = places[place]
        found[key] = found.get(key, 0.0) + weight
    return dict(sorted(found.items()))


def ripples(
    world: World,
    *,
    customer: str | None = None,
    department: str | None = None,
    this_turn: bool = False,
) -> list[Ripple]:
    """The ripples so far (or this turn), biggest first, optionally for one customer or origin."""
    found = []
    for (segment, origin, kind), weight in harm(world, this_turn).items():
        seg = world.segments[segment]
        if customer is not None and seg.spec.id != customer:
            continue
        if department is not None and origin != department:
            continue
        found.append(Ripple(seg.spec.id, origin, kind, weight, chain_from(seg.steps, origin)))
    found.sort(key=lambda r: (-r.weight, r.customer, r.origin, r.kind))
    return found


def attribution(world: World, this_turn: bool = False) -> dict[tuple[str, str], float]:
    """Weight of harm per (department, kind), over all customers (so far, or this turn)."""
    totals: dict[tuple[str, str], float] = {}
    for (_, origin, kind), weight in harm(world, this_turn).items():
        totals[(origin, kind)] = totals.get((origin, kind), 0.0) + weight
    return totals
