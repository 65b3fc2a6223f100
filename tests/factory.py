"""Scenarios built in code for the engine's tests."""

from __future__ import annotations

import math
from typing import Any

from ripple.engine import Game
from ripple.scenario.model import Scenario


def chain(
    length: int = 4,
    *,
    capacity: float = 100,
    quality: float = 1.0,
    demand: float = 20,
    turns: int = 12,
    seed: int = 1,
    **extra: Any,
) -> Scenario:
    """A chain d0 -> d1 -> ... with one customer entering at d0 and served by the last."""
    data: dict[str, Any] = {
        "title": "Chain",
        "turns": turns,
        "seed": seed,
        "departments": [
            {"id": f"d{i}", "name": f"Dept {i}", "capacity": capacity, "quality": quality}
            for i in range(length)
        ],
        "dependencies": [{"from": f"d{i}", "to": f"d{i + 1}"} for i in range(length - 1)],
        "customers": [
            {
                "id": "people",
                "name": "People",
                "enters_at": "d0",
                "served_by": f"d{length - 1}",
                "demand": demand,
            }
        ],
    }
    data.update(extra)
    return Scenario.model_validate(data)


def with_customer(scenario: Scenario, **changes: Any) -> Scenario:
    """The scenario with its first customer's keys changed."""
    data = scenario.model_dump(by_alias=True, exclude_unset=True)
    data["customers"][0].update(changes)
    return Scenario.model_validate(data)


def changed(
    scenario: Scenario,
    *,
    departments: dict[int, dict[str, Any]] | None = None,
    dependencies: dict[int, dict[str, Any]] | None = None,
    customers: dict[int, dict[str, Any]] | None = None,
    **top: Any,
) -> Scenario:
    """The scenario with some departments', dependencies' and customers' keys changed (by
    their place in the file) and some top-level keys replaced."""
    data = scenario.model_dump(by_alias=True, exclude_unset=True)
    for kind, changes in (
        ("departments", departments),
        ("dependencies", dependencies),
        ("customers", customers),
    ):
        for index, keys in (changes or {}).items():
            data[kind][index].update(keys)
    data.update(top)
    return Scenario.model_validate(data)


def organisation(
    size: int,
    handoffs: list[tuple[int, int]],
    customers: list[dict[str, Any]],
    *,
    capacity: float = 40,
    quality: float = 0.95,
    turns: int = 12,
    seed: int = 1,
    **extra: Any,
) -> Scenario:
    """Departments d0 ... d(size-1) with hand-offs between the numbered pairs."""
    data: dict[str, Any] = {
        "title": "Organisation",
        "turns": turns,
        "seed": seed,
        "departments": [
            {"id": f"d{i}", "name": f"Dept {i}", "capacity": capacity, "quality": quality}
            for i in range(size)
        ],
        "dependencies": [{"from": f"d{a}", "to": f"d{b}"} for a, b in handoffs],
        "customers": customers,
    }
    data.update(extra)
    return Scenario.model_validate(data)


def customer(
    number: int, enters_at: int, served_by: int, demand: float, **keys: Any
) -> dict[str, Any]:
    """A customer segment's keys, entering at d`enters_at` and served by d`served_by`."""
    return {
        "id": f"c{number}",
        "name": f"Customers {number}",
        "enters_at": f"d{enters_at}",
        "served_by": f"d{served_by}",
        "demand": demand,
        **keys,
    }


def loop(turns: int = 24) -> Scenario:
    """A loop of hand-offs d0 -> d1 -> d2 -> d3 -> d0 (with a short cut d3 -> d1): one
    customer crosses it, one goes round it twice on an explicit route, one enters halfway
    round and is served before where it entered."""
    twice = ["d0", "d1", "d2", "d3", "d1", "d2", "d3"]
    return organisation(
        4,
        [(0, 1), (1, 2), (2, 3), (3, 0), (3, 1)],
        [
            customer(0, 0, 3, 10, patience=8),
            customer(1, 0, 3, 5, route=twice),
            customer(2, 2, 1, 5, complaints_to="d3"),
        ],
        turns=turns,
    )


def complete(size: int = 12, turns: int = 16) -> Scenario:
    """Every department a customer of every other; each customer's route takes a detour
    over three hand-offs of the complete graph."""
    customers = []
    for i in range(size):
        route = [i, (i + 1) % size, (i + 5) % size, (i + 8) % size]
        customers.append(customer(i, route[0], route[-1], 6, route=[f"d{s}" for s in route]))
    handoffs = [(a, b) for a in range(size) for b in range(size) if a != b]
    return organisation(size, handoffs, customers, turns=turns)


def tree(size: int = 1000, branching: int = 10, turns: int = 6) -> Scenario:
    """A wide tree: d0 hands work to `branching` departments, each of those to `branching`
    more, and so on; ten customers enter at the root and are served by leaves."""
    handoffs = [((i - 1) // branching, i) for i in range(1, size)]
    customers = [customer(k, 0, size - 1 - 97 * k, 5) for k in range(10)]
    return organisation(size, handoffs, customers, turns=turns)


def every_event(scenario: Scenario) -> Scenario:
    """The scenario with every kind of event at once: on every department, hand-off and
    customer and on everyone, each effect at both ends of its range, scripted for the first
    turn, scripted with the longest duration, and random with certainty every turn."""
    targets = [d.id for d in scenario.departments]
    targets += [f"{d.supplier} -> {d.customer}" for d in scenario.dependencies]
    targets += [c.id for c in scenario.customers] + ["everyone"]
    worst = {"capacity": -1.0, "quality": -1.0, "morale": -1.0, "checks": -1.0}
    worst |= {"communication": -1.0, "lag": 100, "demand": 100.0}
    best = {"capacity": 10.0, "quality": 1.0, "morale": 1.0, "checks": 1.0}
    best |= {"communication": 1.0, "lag": -100, "demand": -1.0}
    timings: list[dict[str, Any]] = [{"turn": 1}, {"turn": 2, "duration": 10_000}]
    timings.append({"chance": 1.0})
    events = [
        {"id": f"e{n}", "name": f"Event {n}", "target": target, "effects": effects, **timing}
        for n, (target, effects, timing) in enumerate(
            (t, e, w) for t in targets for e in (worst, best) for w in timings
        )
    ]
    return changed(scenario, events=events)


def flood(turns: int = 3) -> Scenario:
    """A flood: a billion items a turn met by a first department whose capacity a hundred
    scripted events multiply, so batches of over a billion items, some defective, queue at
    a second department that finishes one item a turn."""
    boosts = [
        {"id": f"boost{i}", "name": "Overtime", "turn": 1, "duration": 10_000, "target": "d0"}
        | {"effects": {"capacity": 10.0}}
        for i in range(100)
    ]
    rushes = [
        {"id": f"rush{i}", "name": "Rush", "turn": 1, "duration": 10_000, "target": "c0"}
        | {"effects": {"demand": 100.0}}
        for i in range(20)
    ]
    scenario = organisation(
        2, [(0, 1)], [customer(0, 0, 1, 1_000_000)], turns=turns, events=boosts + rushes
    )
    return changed(
        scenario,
        departments={
            0: {"capacity": 1_000_000, "quality": 0.99, "morale": 1.0},
            1: {"capacity": 1},
        },
    )


def assert_sane(game: Game) -> None:
    """Every number the screen draws is finite and within its range."""
    snapshot = game.snapshot()
    for department in snapshot.departments:
        assert math.isfinite(department.capacity) and department.capacity >= 0, department
        assert 0.0 <= department.morale <= 1.0 and 0.0 <= department.quality <= 1.0, department
        assert department.queue >= 0 and department.processed >= 0, department
    for handoff in snapshot.handoffs:
        assert 0.0 <= handoff.satisfaction <= 1.0 and handoff.in_transit >= 0, handoff
    for segment in snapshot.customers:
        assert 0.0 <= segment.satisfaction <= 1.0 and 0.0 <= segment.remaining <= 1.0, segment
    assert game.reports[-1].wip >= 0


def played(scenario: Scenario, policy: str = "none", inject: tuple[str, ...] = ()) -> Game:
    """The game played to its end by `policy` (with these events injected every turn), its
    laws checked after every turn: conservation, attribution, numbers in range, budget kept,
    and a story told at the end."""
    from ripple.engine.policies import POLICIES
    from ripple.report.story import story
    from tests.test_engine import assert_attributed, assert_conserved  # it imports this module

    game = Game(scenario)
    choose = POLICIES[policy]
    while not game.over:
        decisions = choose(game)
        assert sum(game.menu.interventions[d.intervention].cost for d in decisions) <= game.budget
        game.play_turn(decisions, inject)
        assert_attributed(game)
        assert_sane(game)
    assert_conserved(game)
    assert story(game, policy)
    return game
