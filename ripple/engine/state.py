"""The mutable state of a game in progress, built from a scenario.

Work is held in batches (see `work.py`); departments keep a queue of batches, first in
first out, and hand-offs carry batches in transit.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from ripple.engine.effects import ActiveEffect, handoff_key
from ripple.engine.rules import COMPLAINT_PROMISE, INTERNAL_SATISFACTION_START
from ripple.engine.work import Batch, BatchKey
from ripple.scenario.model import Customer, Scenario
from ripple.scenario.organisation import build_graph, fastest_time, route_for

InTransit = tuple[str, "Handoff | None", Batch]
"""(destination, hand-off crossed or None for a rework trip back, the batch)."""


@dataclass(slots=True)
class Department:
    """A department as the engine sees it: scenario values, today's values, its queue."""

    id: str
    name: str
    capacity: float
    quality: float
    checks: float
    morale: float
    effective_capacity: float = 0.0
    effective_quality: float = 0.0
    effective_checks: float = 0.0
    morale_shift: float = 0.0
    defect_chance: float = 0.0
    credit: float = 0.0
    queue: dict[BatchKey, Batch] = field(default_factory=dict)
    queued: int = 0
    processed: int = 0
    failure_processed: int = 0
    defects_made: int = 0
    sent_back: int = 0
    waited: int = 0
    total_processed: int = 0
    total_defects_made: int = 0
    total_sent_back: int = 0

    def enqueue(self, batch: Batch) -> None:
        """Add a batch to the back of the queue (merging it into an equal one)."""
        key = (batch.segment, batch.failure, batch.created, batch.position, batch.entered)
        queued = self.queue.get(key)
        if queued is None:
            self.queue[key] = batch
        else:
            queued.absorb(batch)
        self.queued += batch.count


@dataclass(slots=True)
class Handoff:
    """A dependency between two departments, with the service measured across it."""

    supplier: str
    customer: str
    lag: int
    communication: float
    rework_message: str | None
    effective_lag: int = 0
    effective_communication: float = 0.0
    talk_factor: float = 1.0
    catch: float = 0.0
    satisfaction: float = INTERNAL_SATISFACTION_START
    handed: int = 0
    defective: int = 0
    waited: int = 0
    caught: int = 0
    total_handed: int = 0
    total_defective: int = 0
    total_waited: int = 0
    total_caught: int = 0

    @property
    def key(self) -> str:
        """'supplier->customer'."""
        return handoff_key(self.supplier, self.customer)


@dataclass(slots=True)
class Route:
    """The departments an item passes and the hand-off after each (None after the last)."""

    steps: tuple[str, ...]
    handoffs: tuple[Handoff | None, ...]
    promise: int


@dataclass(slots=True)
class Segment:
    """An external customer segment and how it feels about the organisation."""

    index: int
    spec: Customer
    route: Route
    complaint_route: Route
    satisfaction: float
    remaining: float = 1.0
    demand_factor: float = 1.0
    carry: float = 0.0
    arrived: int = 0
    delivered: int = 0
    good: int = 0
    late_only: int = 0
    defective_only: int = 0
    late_and_defective: int = 0
    lost: int = 0
    complaints: int = 0
    revenue: float = 0.0
    total_delivered: int = 0
    total_complaints: int = 0
    total_lost: int = 0


@dataclass(slots=True)
class Counters:
    """Totals the turn report and the conservation law are made of."""

    created: int = 0
    completed: int = 0
    scrapped: int = 0
    on_time: int = 0
    late: int = 0
    defective: int = 0
    lead_time_sum: int = 0

    def reset(self) -> None:
        """Zero every count (at the start of a turn)."""
        for name in self.__slots__:  # type: ignore[attr-defined]
            setattr(self, name, 0)


@dataclass(slots=True)
class World:
    """Everything that changes during a game. One RNG, owned here, drives every chance."""

    departments: dict[str, Department]
    handoffs: dict[str, Handoff]
    segments: list[Segment]
    graph: nx.DiGraph
    rng: np.random.Generator
    transit: dict[int, list[InTransit]] = field(default_factory=dict)
    effects: list[ActiveEffect] = field(default_factory=list)
    turn_counts: Counters = field(default_factory=Counters)
    totals: Counters = field(default_factory=Counters)
    ripples: dict[tuple[int, str, str], float] = field(default_factory=dict)
    turn_ripples: dict[tuple[int, str, str], float] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)


def _route(
    graph: nx.DiGraph, handoffs: dict[str, Handoff], steps: list[str], promise: int | None
) -> Route:
    links = tuple(handoffs[handoff_key(a, b)] for a, b in itertools.pairwise(steps))
    return Route(
        steps=tuple(steps),
        handoffs=(*links, None),
        promise=promise if promise is not None else fastest_time(graph, steps) + 1,
    )


def build_world(scenario: Scenario, seed: int) -> World:
    """A fresh world for `scenario`: queues empty, effects none, the RNG seeded."""
    graph = build_graph(scenario)
    departments = {
        d.id: Department(
            id=d.id,
            name=d.name,
            capacity=d.capacity,
            quality=d.quality,
            checks=d.checks,
            morale=d.morale,
        )
        for d in sorted(scenario.departments, key=lambda d: d.id)
    }
    handoffs = {
        handoff_key(d.supplier, d.customer): Handoff(
            supplier=d.supplier,
            customer=d.customer,
            lag=d.lag,
            communication=d.communication,
            rework_message=d.rework_message,
        )
        for d in sorted(scenario.dependencies, key=lambda d: (d.supplier, d.customer))
    }
    segments = []
    for index, customer in enumerate(scenario.customers):
        steps = route_for(graph, customer)
        if steps is None:
            raise ValueError(
                f"customer '{customer.id}' has no route from "
                f"'{customer.enters_at}' to '{customer.served_by}'"
            )
        complaints_to = customer.complaints_to or customer.enters_at
        segments.append(
            Segment(
                index=index,
                spec=customer,
                route=_route(graph, handoffs, steps, customer.promise),
                complaint_route=_route(graph, handoffs, [complaints_to], COMPLAINT_PROMISE),
                satisfaction=customer.satisfaction,
            )
        )
    return World(
        departments=departments,
        handoffs=handoffs,
        segments=segments,
        graph=graph,
        rng=np.random.default_rng(seed),
    )
