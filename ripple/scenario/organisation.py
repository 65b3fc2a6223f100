"""The organisation as a graph: departments, hand-offs and the routes customers' work takes."""

from __future__ import annotations

import itertools

import networkx as nx

from ripple.scenario.model import Customer, Scenario


def build_graph(scenario: Scenario) -> nx.DiGraph:
    """The dependency graph, built in sorted order so every walk over it is deterministic."""
    graph: nx.DiGraph = nx.DiGraph()
    for department in sorted(scenario.departments, key=lambda d: d.id):
        graph.add_node(department.id)
    for dependency in sorted(scenario.dependencies, key=lambda d: (d.supplier, d.customer)):
        if dependency.supplier in graph and dependency.customer in graph:
            graph.add_edge(dependency.supplier, dependency.customer, lag=dependency.lag)
    return graph


def route_for(graph: nx.DiGraph, customer: Customer) -> list[str] | None:
    """The departments a customer's items pass, in order, or None if there is no way through.

    An explicit `route` is used as written when every step is a dependency; otherwise the
    shortest chain of dependencies from `enters_at` to `served_by` (ties broken by id).
    """
    if customer.route is not None:
        steps = list(customer.route)
        if not steps or steps[0] != customer.enters_at or steps[-1] != customer.served_by:
            return None
        if all(graph.has_edge(a, b) for a, b in itertools.pairwise(steps)):
            return steps
        return None
    if customer.enters_at not in graph or customer.served_by not in graph:
        return None
    try:
        return list(nx.shortest_path(graph, customer.enters_at, customer.served_by))
    except nx.NetworkXNoPath:
        return None


def fastest_time(graph: nx.DiGraph, route: list[str]) -> int:
    """Turns from arrival to delivery with no waiting: one turn per department plus lags."""
    lags = sum(graph.edges[a, b]["lag"] for a, b in itertools.pairwise(route))
    return len(route) + lags
