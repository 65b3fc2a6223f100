"""The meaning of a scenario: ids, references, routes, loops, promises, a guided game's
steps, and what would spoil a session (too little capacity, choices nobody can afford,
names cut on screen).

These checks run after the model: on the whole scenario when it is valid, otherwise on
the departments, customers, interventions and events that are valid on their own, so
one typo does not hide every other problem. The checks that need the whole organisation
(routes, loops, promises, lonely departments, capacity) run only when everything else is
right.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import Any

from ripple.scenario.check_parts import Parts, Report, after_the_end, check_handoff
from ripple.scenario.check_session import ROOMS as ROOMS  # still importable from here
from ripple.scenario.check_session import TextWidth, check_capacity, check_costs, check_names
from ripple.scenario.check_tutorial import check_tutorial
from ripple.scenario.model import Customer, Scenario, parse_handoff
from ripple.scenario.organisation import Organisation, build_graph, fastest_time, route_for
from ripple.scenario.problems import Problem
from ripple.scenario.spelling import did_you_mean
from ripple.scenario.yamlsafe import Document, Location, item_name


def check_meaning(
    scenario: Scenario | None,
    document: Document,
    filename: str,
    *,
    warnings: bool = True,
    measure: TextWidth | None = None,
) -> list[Problem]:
    """Errors and warnings about what a scenario means, beyond the shape of each value.

    With `warnings` off, the checks that can only warn and cost time (measuring names in
    the screen's font) are skipped. `measure` is how wide text is on the play screen, handed
    over by the caller; without it, names are counted in characters.
    """
    parts = Parts.of(scenario, document)
    report = Report(document, filename)
    _check_ids(parts, report)
    _check_dependencies(parts, report)
    _check_customers(parts, report)
    _check_problems(parts, report)
    _check_interventions(parts, report)
    _check_events(parts, report)
    check_tutorial(parts, report)
    check_costs(parts, report)
    if warnings:
        check_names(parts, report, measure)
    if scenario is not None and not report.has_errors:
        graph = build_graph(scenario)
        _check_routes(scenario, graph, report)
        _check_connections(scenario, report)
        _check_loops(scenario, graph, report)
        check_capacity(scenario, graph, report)
    return report.problems


def _check_ids(parts: Parts, report: Report) -> None:
    """Every department, customer, intervention and event has its own id."""
    lists: dict[str, Iterable[tuple[int, Any]]] = {
        "departments": parts.departments,
        "customers": parts.customers,
        "interventions": parts.interventions,
        "events": parts.events,
    }
    for key, items in lists.items():
        first: dict[str, int] = {}
        for index, item in items:
            if item.id not in first:
                first[item.id] = index
                continue
            line = report.document.value_at((key, first[item.id], "id"))[0]
            report.error(
                (key, index, "id"),
                f"{report.name((key, index))}: the id '{item.id}' is already used by "
                f"{item_name(key, first[item.id])} at line {line}",
            )


def _not_a_department(report: Report, location: Location, name: str, parts: Parts) -> bool:
    """Report `name` at `location` unless it is a department; True when it was reported."""
    if name in parts.department_ids:
        return False
    report.error(
        location,
        f"{report.name(location)} names '{name}', which is not a department"
        + did_you_mean(name, parts.department_ids),
    )
    return True


def _check_dependencies(parts: Parts, report: Report) -> None:
    """Each hand-off joins two different departments that exist, and is written once."""
    first: dict[tuple[str, str], int] = {}
    for index, dependency in parts.dependencies:
        here = ("dependencies", index)
        pair = (dependency.supplier, dependency.customer)
        for key, name, verb in (("from", pair[0], "comes from"), ("to", pair[1], "points to")):
            if name not in parts.department_ids:
                report.error(
                    (*here, key),
                    f"{report.name(here)} {verb} '{name}', which is not a department"
                    + did_you_mean(name, parts.department_ids),
                )
        if pair[0] == pair[1]:
            report.error(
                here,
                f"{report.name(here)} goes from '{pair[0]}' to itself; a department cannot be "
                "its own internal customer",
            )
        elif pair in first:
            line = report.document.value_at(("dependencies", first[pair]))[0]
            report.error(
                here,
                f"{report.name(here)} repeats {item_name('dependencies', first[pair])} "
                f"at line {line}: "
                f"'{pair[1]}' already depends on '{pair[0]}'",
            )
        else:
            first[pair] = index


def _check_customers(parts: Parts, report: Report) -> None:
    """Each customer names real departments, and its demand changes at distinct turns."""
    for index, customer in parts.customers:
        here = ("customers", index)
        for key in ("enters_at", "served_by", "complaints_to"):
            name = getattr(customer, key)
            if name is not None:
                _not_a_department(report, (*here, key), name, parts)
        for step, name in enumerate(customer.route or []):
            _not_a_department(report, (*here, "route", step), name, parts)
        seen: set[int] = set()
        for number, change in enumerate(customer.schedule):
            at = (*here, "schedule", number, "turn")
            if change.turn in seen:
                report.error(at, f"{report.name(at)}: turn {change.turn} is in the schedule twice")
            seen.add(change.turn)
            after_the_end(report, at, change.turn, parts.turns)


def _check_problems(parts: Parts, report: Report) -> None:
    """A department's recurring problems have their own ids and make no more defects than
    the department makes in all."""
    for index, department in parts.departments:
        problems = department.problems or []
        here = ("departments", index, "problems")
        seen: set[str] = set()
        for number, problem in enumerate(problems):
            if problem.id in seen:
                at = (*here, number, "id")
                report.error(at, f"{report.name(at)}: the id '{problem.id}' is used twice")
            seen.add(problem.id)
        defects = sum(p.defects for p in problems)
        if defects > 1.0 - department.quality + 1e-9:
            report.error(
                here,
                f"{report.name(here)}: their defects add up to {defects:.3g}, more than the "
                f"{1.0 - department.quality:.3g} this department makes in all (1 - quality); "
                "lower them, or lower quality",
            )
        delay = sum(p.delay for p in problems)
        if delay > 0.9:
            report.error(
                here,
                f"{report.name(here)}: together they eat {delay:.0%} of the capacity; keep "
                "their delay under 0.9 in all",
            )


ONE_DEPARTMENT = ("fix", "discover", "relief", "measure")
"""Effects that act on one department: on a hand-off they would do nothing."""


def _check_interventions(parts: Parts, report: Report) -> None:
    for index, intervention in parts.interventions:
        acts = [k for k in ONE_DEPARTMENT if getattr(intervention.effects, k) not in (None, False)]
        if acts and intervention.target == "handoff":
            at = ("interventions", index, "effects", acts[0])
            report.error(
                at,
                f"{report.name(at)} acts on a department, but this intervention's target is "
                "'handoff'; set target: department (or everyone)",
            )
    _check_only(parts, report)


def _check_only(parts: Parts, report: Report) -> None:
    """`only` lists departments or hand-offs that exist, matching the intervention's target."""
    for index, intervention in parts.interventions:
        if intervention.only is None:
            continue
        here = ("interventions", index, "only")
        if intervention.target == "everyone":
            report.error(
                here,
                f"{report.name(here)}: 'only' has no meaning when target is "
                "'everyone'; remove it or choose another target",
            )
            continue
        if not intervention.only:
            report.error(here, f"{report.name(here)} is empty, so nobody could receive it")
        for number, entry in enumerate(intervention.only):
            at = (*here, number)
            if intervention.target == "handoff":
                check_handoff(report, at, entry, parts)
            elif parse_handoff(entry) is not None:
                report.error(
                    at,
                    f"{report.name(at)}: '{entry}' is a hand-off, but this "
                    "intervention's target is 'department'; list department ids, or "
                    "set target: handoff",
                )
            else:
                _not_a_department(report, at, entry, parts)


def _check_events(parts: Parts, report: Report) -> None:
    """Each event is scripted or random (not both) and happens to something that exists."""
    for index, event in parts.events:
        here = ("events", index)
        if event.turn is not None and event.chance is not None:
            report.error(
                (*here, "chance"),
                f"{report.name(here)} has both turn and chance; "
                "give turn for a scripted event or chance for a random one",
            )
        elif event.turn is None and event.chance is None:
            report.error(
                here,
                f"{report.name(here)} needs turn (for a scripted event) or "
                "chance (for a random one)",
            )
        elif event.turn is not None:
            after_the_end(report, (*here, "turn"), event.turn, parts.turns)
        _check_event_target(report, (*here, "target"), event.target, parts)
        if event.effects.fix:
            at = (*here, "effects", "fix")
            report.error(
                at,
                f"{report.name(at)}: only a decision can fix a problem; remove fix, or offer "
                "it as an intervention",
            )


def _check_event_target(report: Report, location: Location, target: str, parts: Parts) -> None:
    if target == "everyone" or target in parts.department_ids | parts.customer_ids:
        return
    if parse_handoff(target) is not None:
        check_handoff(report, location, target, parts)
        return
    known = parts.department_ids | parts.customer_ids | {"everyone"}
    report.error(
        location,
        f"{report.name(location)} is '{target}', which is not a department, a customer, a "
        "hand-off 'a -> b' or 'everyone'" + did_you_mean(target, known),
    )


def _check_routes(scenario: Scenario, graph: Organisation, report: Report) -> None:
    """Each customer's work has a way through, and its promise can be kept."""
    for index, customer in enumerate(scenario.customers):
        here = ("customers", index)
        if customer.route is not None and not _route_is_a_chain(customer, here, graph, report):
            continue
        route = route_for(graph, customer)
        if route is None:
            report.error(
                (*here, "served_by"),
                f"{report.name(here)}: no chain of dependencies leads from '{customer.enters_at}' "
                f"to '{customer.served_by}', so its work could never be delivered",
            )
            continue
        fastest = fastest_time(graph, route)
        if customer.promise is not None and customer.promise < fastest:
            report.warning(
                (*here, "promise"),
                f"{report.name(here)}: the promise of {customer.promise} turns is shorter than "
                f"the fastest possible time along its route ({fastest} turns); every "
                f"{scenario.item.one} will be late",
            )


def _route_is_a_chain(
    customer: Customer, here: Location, graph: Organisation, report: Report
) -> bool:
    """Report an explicit route that is not a chain of dependencies; True when it is one."""
    route = customer.route or []
    where = (*here, "route")
    if not route:
        report.error(
            where,
            f"{report.name(where)} is empty; leave it out to use the shortest "
            "chain of dependencies",
        )
        return False
    ends = (
        (0, customer.enters_at, "start at enters_at"),
        (-1, customer.served_by, "end at served_by"),
    )
    for step, expected, rule in ends:
        if route[step] != expected:
            report.error(
                (*where, step % len(route)),
                f"{report.name(where)} must {rule} '{expected}', not '{route[step]}'",
            )
            return False
    for step, (supplier, receiver) in enumerate(pairwise(route), start=1):
        if not graph.has_edge(supplier, receiver):
            report.error(
                (*where, step),
                f"{report.name(where)} goes from '{supplier}' to "
                f"'{receiver}', but there is no dependency from '{supplier}' to "
                f"'{receiver}'",
            )
            return False
    return True


def _check_connections(scenario: Scenario, report: Report) -> None:
    """Warn about a department with no hand-offs that no customer uses."""
    used = {d.supplier for d in scenario.dependencies} | {d.customer for d in scenario.dependencies}
    for customer in scenario.customers:
        used |= {customer.enters_at, customer.served_by, customer.complaints_to or ""}
    for index, department in enumerate(scenario.departments):
        if department.id not in used:
            report.warning(
                ("departments", index, "id"),
                f"'{department.id}' is not connected: nobody depends on it and it serves no "
                "customer",
            )


def _check_loops(scenario: Scenario, graph: Organisation, report: Report) -> None:
    """Warn about a loop of departments from which work can reach no customer."""
    order = {department.id: index for index, department in enumerate(scenario.departments)}
    served = {customer.served_by for customer in scenario.customers}
    for loop in graph.loops():
        reachable = set(loop).union(*(graph.downstream(node) for node in loop))
        if reachable & served:
            continue
        members = sorted(loop, key=order.__getitem__)
        names = ", ".join(f"'{name}'" for name in members[:-1]) + f" and '{members[-1]}'"
        report.warning(
            ("departments", order[members[0]], "id"),
            f"{names} form a loop that leads to no customer: work that enters it never leaves",
        )
