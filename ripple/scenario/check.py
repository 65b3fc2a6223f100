"""The meaning of a scenario: ids, references, routes, loops, promises, and what would
spoil a session (too little capacity, choices nobody can afford, names cut on screen).

These checks run after the model: on the whole scenario when it is valid, otherwise on
the departments, customers, interventions and events that are valid on their own, so
one typo does not hide every other problem. The checks that need the whole organisation
(routes, loops, promises, lonely departments, capacity) run only when everything else is
right.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ripple.paths import FONTS
from ripple.scenario.model import (
    Customer,
    Department,
    Dependency,
    Event,
    Intervention,
    Scenario,
    parse_handoff,
)
from ripple.scenario.organisation import Organisation, build_graph, fastest_time, route_for
from ripple.scenario.problems import Problem, Severity
from ripple.scenario.spelling import did_you_mean
from ripple.scenario.yamlsafe import Document, Location, item_name

Item = TypeVar("Item", bound=BaseModel)


def check_meaning(
    scenario: Scenario | None, document: Document, filename: str, *, warnings: bool = True
) -> list[Problem]:
    """Errors and warnings about what a scenario means, beyond the shape of each value.

    With `warnings` off, the checks that can only warn and cost time (measuring names in
    the screen's font) are skipped.
    """
    parts = Parts.of(scenario, document)
    report = Report(document, filename)
    _check_ids(parts, report)
    _check_dependencies(parts, report)
    _check_customers(parts, report)
    _check_interventions(parts, report)
    _check_events(parts, report)
    _check_costs(parts, report)
    if warnings:
        _check_names(parts, report)
    if scenario is not None and not report.has_errors:
        graph = build_graph(scenario)
        _check_routes(scenario, graph, report)
        _check_connections(scenario, report)
        _check_loops(scenario, graph, report)
        _check_capacity(scenario, graph, report)
    return report.problems


@dataclass
class Parts:
    """The items of a scenario that are valid on their own, each with its place in its list.

    The names come from everything written, valid or not, so a department with a bad
    capacity is still a department other items may refer to. A scenario without
    `interventions` gets the standard menu, which needs no checking.
    """

    departments: list[tuple[int, Department]]
    dependencies: list[tuple[int, Dependency]]
    customers: list[tuple[int, Customer]]
    interventions: list[tuple[int, Intervention]]
    events: list[tuple[int, Event]]
    department_ids: set[str]
    customer_ids: set[str]
    handoffs: set[tuple[str, str]]
    turns: int | None
    budget: int | None

    @classmethod
    def of(cls, scenario: Scenario | None, document: Document) -> Parts:
        """The items of the document that are valid on their own (all of them, if it is)."""
        data = document.data if isinstance(document.data, dict) else {}
        written = [
            (item.get("from", item.get("supplier")), item.get("to", item.get("customer")))
            for item in _mappings(data.get("dependencies"))
        ]
        turns = scenario.turns if scenario is not None else data.get("turns")
        budget = data.get("budget", Scenario.model_fields["budget"].default)
        return cls(
            departments=_valid(Department, data.get("departments")),
            dependencies=_valid(Dependency, data.get("dependencies")),
            customers=_valid(Customer, data.get("customers")),
            interventions=_valid(Intervention, data.get("interventions")),
            events=_valid(Event, data.get("events")),
            department_ids=_ids(data.get("departments")),
            customer_ids=_ids(data.get("customers")),
            handoffs={(a, b) for a, b in written if isinstance(a, str) and isinstance(b, str)},
            turns=_whole(turns),
            budget=_whole(budget),
        )


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _mappings(items: Any) -> list[dict[str, Any]]:
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _ids(items: Any) -> set[str]:
    return {item["id"] for item in _mappings(items) if isinstance(item.get("id"), str)}


def _valid(model: type[Item], items: Any) -> list[tuple[int, Item]]:
    if not isinstance(items, list):
        return []
    valid = []
    for index, item in enumerate(items):
        try:
            valid.append((index, model.model_validate(item)))
        except ValidationError:
            continue  # already reported, at its place, by the model check
    return valid


@dataclass
class Report:
    """Collects problems, placing each at the value it is about."""

    document: Document
    filename: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(problem.is_error for problem in self.problems)

    def error(self, location: Location, message: str) -> None:
        self._add(location, "error", message)

    def warning(self, location: Location, message: str) -> None:
        self._add(location, "warning", message)

    def _add(self, location: Location, severity: Severity, message: str) -> None:
        line, column = self.document.value_at(self.written(location))
        self.problems.append(Problem(self.filename, line, column, severity, message))

    def written(self, location: Location) -> Location:
        """The location as written: a dependency may use 'supplier' for 'from'."""
        spelled = {"from": "supplier", "to": "customer"}
        if location and location[-1] in spelled and location not in self.document.values:
            return (*location[:-1], spelled[str(location[-1])])
        return location

    def name(self, location: Location) -> str:
        return self.document.describe(location)


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
            _after_the_end(report, at, change.turn, parts.turns)


def _after_the_end(report: Report, location: Location, turn: int, turns: int | None) -> None:
    if turns is not None and turn > turns:
        report.warning(
            location,
            f"{report.name(location)}: turn {turn} never comes; the game ends after {turns} turns",
        )


def _check_interventions(parts: Parts, report: Report) -> None:
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
                _check_handoff(report, at, entry, parts)
            elif parse_handoff(entry) is not None:
                report.error(
                    at,
                    f"{report.name(at)}: '{entry}' is a hand-off, but this "
                    "intervention's target is 'department'; list department ids, or "
                    "set target: handoff",
                )
            else:
                _not_a_department(report, at, entry, parts)


def _check_handoff(report: Report, location: Location, text: str, parts: Parts) -> None:
    """Report `text` unless it is 'supplier -> customer' for a dependency that exists."""
    pair = parse_handoff(text)
    written = sorted(f"{a} -> {b}" for a, b in parts.handoffs)
    if pair is None:
        report.error(
            location,
            f"{report.name(location)}: '{text}' is not a hand-off; write "
            "it as 'supplier -> customer'" + did_you_mean(text, written),
        )
    elif pair not in parts.handoffs:
        wanted = f"{pair[0]} -> {pair[1]}"
        report.error(
            location,
            f"{report.name(location)}: there is no dependency from "
            f"'{pair[0]}' to '{pair[1]}'" + did_you_mean(wanted, written),
        )


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
            _after_the_end(report, (*here, "turn"), event.turn, parts.turns)
        _check_event_target(report, (*here, "target"), event.target, parts)


def _check_event_target(report: Report, location: Location, target: str, parts: Parts) -> None:
    if target == "everyone" or target in parts.department_ids | parts.customer_ids:
        return
    if parse_handoff(target) is not None:
        _check_handoff(report, location, target, parts)
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


# What would spoil a session ----------------------------------------------------------------

SHORT_OF_CAPACITY = 0.8
"""A department is warned about when its capacity is below this share of the work arriving."""


def _check_capacity(scenario: Scenario, graph: Organisation, report: Report) -> None:
    """Warn about a department that can finish far fewer items a turn than arrive at it.

    The work arriving is every customer's demand whose route passes the department (twice
    for a route that passes it twice), at the highest demand its schedule reaches within
    the game. Complaints come on top of that, so this is the least it will have to do.
    """
    arriving: dict[str, dict[int, float]] = {}
    for number, customer in enumerate(scenario.customers):
        route = route_for(graph, customer)
        if route is None:
            continue
        demand = _highest_demand(customer, scenario.turns)
        for step in route:
            shares = arriving.setdefault(step, {})
            shares[number] = shares.get(number, 0.0) + demand
    for index, department in enumerate(scenario.departments):
        shares = arriving.get(department.id, {})
        total = sum(shares.values())
        if department.capacity >= SHORT_OF_CAPACITY * total:
            continue
        parts = ", ".join(
            f"{scenario.customers[number].name} {_amount(demand)}"
            for number, demand in shares.items()
        )
        report.warning(
            ("departments", index, "capacity"),
            f"'{department.name}' can finish {_amount(department.capacity)} "
            f"{scenario.item.many} a turn but about {_amount(total)} arrive ({parts}): "
            "its queue will grow every turn",
        )


def _highest_demand(customer: Customer, turns: int) -> float:
    """A customer's demand at its highest, counting the schedule's changes within the game."""
    scheduled = [change.demand for change in customer.schedule if change.turn <= turns]
    return max([customer.demand, *scheduled])


def _amount(value: float) -> str:
    """A number of items as a message says it: 36, or 2.5 when it is small and not whole."""
    return f"{value:.1f}" if value < 10 and not float(value).is_integer() else f"{value:.0f}"


def _check_costs(parts: Parts, report: Report) -> None:
    """Warn about an intervention that costs more than the whole budget of a turn."""
    if parts.budget is None or parts.budget < 0:
        return
    for index, intervention in parts.interventions:
        if intervention.cost > parts.budget:
            here = ("interventions", index)
            report.warning(
                (*here, "cost"),
                f"{report.name(here)} costs {intervention.cost} but the budget is "
                f"{parts.budget} a turn, so nobody can ever choose it",
            )


SCREEN = "1024x768"
"""The smallest screen the game is made for; names are checked against its play screen."""


@dataclass(frozen=True)
class Room:
    """The room a kind of name gets on the play screen at 1024x768.

    `width` is in pixels of Inter SemiBold at `scale` times the body text size of that
    screen (`Theme(768).unit`, 17 px); `characters` is the limit used instead when pygame
    or the font cannot be loaded.
    """

    width: int
    scale: float
    characters: int


ROOMS: dict[str, Room] = {
    # A department's box is 204 px wide in a chain and about 160 px when three stand side
    # by side; less its padding, that leaves 150 px for the name at 17 px.
    "departments": Room(150, 1.0, 17),
    # The customers column is 156 px wide and a name starts 31 px in, after the mood icon.
    "customers": Room(125, 0.8, 16),
    # A decisions row is 240 px wide; less three paddings of 8 px, and less its note
    # ("cost 2") at 13 px, the rest shows the name at 15 px.
    "interventions": Room(216, 0.9, 21),
}
"""Where names are shown at 1024x768, measured on the play screen with the shipped scenario
(`tests/test_validate.py` checks these against the screen itself)."""

TextWidth = Callable[[str, float, str], int]


def _check_names(parts: Parts, report: Report) -> None:
    """Warn about a department, customer or intervention name cut short at 1024x768."""
    width = text_width()
    named: dict[str, Iterable[tuple[int, Department | Customer | Intervention]]] = {
        "departments": parts.departments,
        "customers": parts.customers,
        "interventions": parts.interventions,
    }
    for key, items in named.items():
        room = ROOMS[key]
        for index, item in items:
            pixels = room.width
            if isinstance(item, Intervention) and width is not None:
                pixels -= width(f"cost {item.cost}", 0.75, "regular")
            fitting = _fitting(item.name, pixels, room, width)
            if fitting < len(item.name):
                report.warning(
                    (key, index, "name"),
                    f"'{item.name}' is too long to show in full at {SCREEN}; keep it under "
                    f"about {fitting} characters",
                )


def _fitting(name: str, pixels: int, room: Room, width: TextWidth | None) -> int:
    """How many of the name's first characters fit in the room."""
    if width is None:
        return min(len(name), room.characters)
    low, high = 0, len(name)
    while low < high:  # the longest start of the name that fits
        middle = (low + high + 1) // 2
        if width(name[:middle], room.scale, "bold") <= pixels:
            low = middle
        else:
            high = middle - 1
    return low


@functools.cache
def text_width() -> TextWidth | None:
    """Width in pixels of text on the play screen at 1024x768, in the shipped fonts.

    pygame is loaded only here, the first time names are checked; without pygame or the
    font, None (and names are checked by their number of characters).
    """
    if not (FONTS / "Inter-SemiBold.otf").is_file():
        return None
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        import pygame

        from ripple.ui.theme import Theme

        pygame.font.init()
        theme = Theme(768)
        theme.font(theme.size(1.0), "bold")
    except (ImportError, OSError, RuntimeError):
        return None

    def width(text: str, scale: float, face: str) -> int:
        return int(theme.font(theme.size(scale), face).size(text)[0])

    return width
