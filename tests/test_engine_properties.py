"""Hypothesis-generated valid scenarios keep the engine's invariants."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ripple.engine import Game
from ripple.report.record import play_out, record
from ripple.scenario.model import MEASURES, Scenario
from ripple.scenario.organisation import build_graph, route_for
from tests.test_engine import assert_attributed, assert_conserved

shares = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    """A random organisation: a chain with extra forward and backward (cycle) hand-offs."""
    size = draw(st.integers(1, 6))
    ids = [f"d{i}" for i in range(size)]
    departments = [
        {
            "id": i,
            "name": i.upper(),
            "capacity": draw(st.floats(0.0, 60.0)),
            "quality": draw(shares),
            "morale": draw(shares),
            "checks": draw(shares),
            "measure": draw(st.sampled_from(MEASURES)),
        }
        for i in ids
    ]
    for department in departments:
        if draw(st.booleans()):
            room = (1.0 - department["quality"]) / 2
            department["problems"] = [
                {
                    "id": f"p{k}",
                    "name": f"Problem {k}",
                    "defects": draw(st.floats(0.0, room)),
                    "delay": draw(st.floats(0.0, 0.4)),
                }
                for k in range(draw(st.integers(0, 2)))
            ]
    pairs = {(ids[k], ids[k + 1]) for k in range(size - 1)}
    extra = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=4))
    pairs |= {(a, b) for a, b in extra if a != b}
    dependencies = [
        {"from": a, "to": b, "lag": draw(st.integers(0, 2)), "communication": draw(shares)}
        for a, b in sorted(pairs)
    ]
    customers = []
    for n in range(draw(st.integers(1, 3))):
        start = draw(st.integers(0, size - 1))
        end = draw(st.integers(start, size - 1))
        customer: dict[str, Any] = {
            "id": f"c{n}",
            "name": f"Customers {n}",
            "enters_at": ids[start],
            "served_by": ids[end],
            "demand": draw(st.floats(0.0, 40.0)),
            "variability": draw(st.floats(0.0, 1.0)),
            "complaints_to": draw(st.sampled_from(ids)),
        }
        if draw(st.booleans()):
            customer["patience"] = draw(st.integers(1, 8))
        customers.append(customer)
    events = []
    if draw(st.booleans()):
        events.append(
            {
                "id": "shock",
                "name": "Shock",
                "chance": draw(shares),
                "target": draw(st.sampled_from([*ids, "everyone", "c0"])),
                "duration": draw(st.integers(1, 3)),
                "effects": {"capacity": draw(st.floats(-1.0, 1.0)), "demand": 0.5},
            }
        )
    scenario = Scenario.model_validate(
        {
            "title": "Generated",
            "turns": draw(st.integers(1, 25)),
            "budget_follows_results": draw(st.booleans()),
            "seed": draw(st.integers(0, 2**32)),
            "departments": departments,
            "dependencies": dependencies,
            "customers": customers,
            "events": events,
        }
    )
    graph = build_graph(scenario)
    assert all(route_for(graph, c) for c in scenario.customers)
    return scenario


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    scenario=scenarios(),
    policy=st.sampled_from(
        ["none", "silo", "customer", "random", "priciest", "only:visit", "only:fix", "only:blitz"]
    ),
)
def test_generated_scenarios_keep_the_invariants(scenario: Scenario, policy: str) -> None:
    game = Game(scenario)
    play_out(game, policy)
    assert_conserved(game)
    assert_attributed(game)
    again = Game(scenario)
    play_out(again, policy)
    assert json.dumps(record(again, policy)) == json.dumps(record(game, policy))


@settings(max_examples=30, deadline=None)
@given(scenario=scenarios())
def test_generated_perfect_organisations_deliver_everything_on_time_and_right(
    scenario: Scenario,
) -> None:
    data = scenario.model_dump(by_alias=True)
    for department in data["departments"]:
        department.update(capacity=10_000, quality=1.0, problems=[])
    for customer in data["customers"]:
        customer.pop("patience", None)
    data["events"] = []
    game = Game(Scenario.model_validate(data))
    play_out(game, "none")
    totals = game.totals()
    assert totals["late"] == totals["defective"] == totals["scrapped"] == 0
    assert totals["on_time"] == totals["completed"]


@settings(max_examples=80, deadline=None)
@given(scenario=scenarios())
def test_the_organisation_walks_agree_with_networkx(scenario: Scenario) -> None:
    import networkx as nx

    organisation = build_graph(scenario)
    graph = organisation.to_networkx()
    loops = sorted(sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1)
    assert sorted(sorted(group) for group in organisation.loops()) == loops
    for department in organisation.departments:
        assert organisation.downstream(department) - {department} == nx.descendants(
            graph, department
        )
    for customer in scenario.customers:
        route = organisation.shortest_route(customer.enters_at, customer.served_by)
        assert route is not None
        assert (
            len(route) == nx.shortest_path_length(graph, customer.enters_at, customer.served_by) + 1
        )
