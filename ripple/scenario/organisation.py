"""The organisation as a directed graph: departments, hand-offs and the routes work takes.

A small graph of its own rather than networkx's, because the game starts on every command
and networkx alone takes longer to import than a whole game of most scenarios takes to
play; `to_networkx()` hands the same graph to code that wants networkx's algorithms
(drawing and layout), and the tests check these walks against networkx's.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from ripple.scenario.model import Customer, Scenario

if TYPE_CHECKING:
    import networkx as nx


class Organisation:
    """Who supplies whom: an edge `supplier -> customer` for every dependency.

    Departments and each department's internal customers are kept in id order, so every
    walk over the graph is deterministic.
    """

    def __init__(self, scenario: Scenario) -> None:
        self.departments: list[str] = sorted({d.id for d in scenario.departments})
        known = set(self.departments)
        self._lags: dict[tuple[str, str], int] = {}
        for dependency in scenario.dependencies:
            if dependency.supplier in known and dependency.customer in known:
                self._lags[(dependency.supplier, dependency.customer)] = dependency.lag
        self._next: dict[str, list[str]] = {d: [] for d in self.departments}
        for supplier, customer in sorted(self._lags):
            self._next[supplier].append(customer)

    def __contains__(self, department: object) -> bool:
        return department in self._next

    def has_edge(self, supplier: str, customer: str) -> bool:
        """True when `customer` depends on `supplier`."""
        return (supplier, customer) in self._lags

    def lag(self, supplier: str, customer: str) -> int:
        """Turns work spends in transit from `supplier` to `customer`."""
        return self._lags[(supplier, customer)]

    def customers_of(self, department: str) -> list[str]:
        """The internal customers of a department, in id order."""
        return self._next[department]

    def shortest_route(self, start: str, end: str) -> list[str] | None:
        """The shortest chain of hand-offs from `start` to `end` (ties: the lowest ids)."""
        previous: dict[str, str | None] = {start: None}
        frontier = [start]
        while frontier and end not in previous:
            following = []
            for department in frontier:
                for customer in self._next[department]:
                    if customer not in previous:
                        previous[customer] = department
                        following.append(customer)
            frontier = following
        if end not in previous:
            return None
        route = [end]
        while (step := previous[route[-1]]) is not None:
            route.append(step)
        return route[::-1]

    def downstream(self, department: str) -> set[str]:
        """Every department that work from `department` can reach (not itself, unless looped)."""
        seen: set[str] = set()
        stack = list(self._next[department])
        while stack:
            current = stack.pop()
            if current not in seen:
                seen.add(current)
                stack.extend(self._next[current])
        return seen

    def loops(self) -> list[set[str]]:
        """Groups of two or more departments whose work can come back round to each other."""
        reach = {d: self.downstream(d) for d in self.departments}
        groups: list[set[str]] = []
        placed: set[str] = set()
        for department in self.departments:
            if department in placed or department not in reach[department]:
                continue
            group = {department} | {d for d in reach[department] if department in reach[d]}
            placed |= group
            if len(group) > 1:
                groups.append(group)
        return groups

    def to_networkx(self) -> nx.DiGraph:
        """The same graph as a networkx DiGraph, with each edge's `lag`."""
        import networkx as nx

        graph = nx.DiGraph()
        graph.add_nodes_from(self.departments)
        for (supplier, customer), lag in sorted(self._lags.items()):
            graph.add_edge(supplier, customer, lag=lag)
        return graph


def build_graph(scenario: Scenario) -> Organisation:
    """The scenario's organisation."""
    return Organisation(scenario)


def route_for(graph: Organisation, customer: Customer) -> list[str] | None:
    """The departments a customer's items pass, in order, or None if there is no way through.

    An explicit `route` is used as written when it runs from `enters_at` to `served_by`
    along dependencies; otherwise the shortest chain of dependencies (ties broken by id).
    """
    if customer.route is not None:
        steps = list(customer.route)
        if not steps or steps[0] != customer.enters_at or steps[-1] != customer.served_by:
            return None
        if all(graph.has_edge(a, b) for a, b in pairwise(steps)):
            return steps
        return None
    if customer.enters_at not in graph or customer.served_by not in graph:
        return None
    return graph.shortest_route(customer.enters_at, customer.served_by)


def fastest_time(graph: Organisation, route: list[str]) -> int:
    """Turns from arrival to delivery with no waiting: one turn per department plus lags."""
    return len(route) + sum(graph.lag(a, b) for a, b in pairwise(route))
