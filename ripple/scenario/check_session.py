"""The checks for what would spoil a session: a department with far too little capacity
for the work arriving at it, an intervention nobody can afford, and names too long to show
in full on the play screen at 1024x768 (with the helpers that measure them).

`check_meaning` in `ripple.scenario.check` calls these; they only warn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ripple.scenario.check_parts import Parts, Report
from ripple.scenario.model import Customer, Department, Intervention, Scenario
from ripple.scenario.organisation import Organisation, route_for

SHORT_OF_CAPACITY = 0.8
"""A department is warned about when its capacity is below this share of the work arriving."""


def check_capacity(scenario: Scenario, graph: Organisation, report: Report) -> None:
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
            f"{scenario.item.one if department.capacity == 1 else scenario.item.many} a turn "
            f"but about {_amount(total)} arrive ({parts}): "
            "its queue will grow every turn",
        )


def _highest_demand(customer: Customer, turns: int) -> float:
    """A customer's demand at its highest, counting the schedule's changes within the game."""
    scheduled = [change.demand for change in customer.schedule if change.turn <= turns]
    return max([customer.demand, *scheduled])


def _amount(value: float) -> str:
    """A number of items as a message says it: 36, or 2.5 when it is small and not whole."""
    return f"{value:.1f}" if value < 10 and not float(value).is_integer() else f"{value:.0f}"


def check_costs(parts: Parts, report: Report) -> None:
    """Warn about any choice on offer that costs more than the whole budget of a turn, so no
    player can ever afford it: at its cost, or at the budget for the standard menu's."""
    if parts.budget is None or parts.budget < 0:
        return
    budget = parts.budget
    for index, intervention in parts.interventions:
        if intervention.cost > budget:
            here = ("interventions", index)
            report.warning(
                (*here, "cost"),
                f"{report.name(here)} costs {intervention.cost} but the budget is {budget} a "
                f"turn, so nobody can ever choose it; lower its cost to {budget} or less, or "
                f"raise budget to {intervention.cost}",
            )
    if parts.standard_menu:
        for intervention in parts.menu.values():
            if intervention.cost > budget:
                report.warning(
                    ("budget",),
                    f"the standard menu's '{intervention.name}' costs {intervention.cost} but "
                    f"the budget is {budget} a turn, so nobody can ever choose it; raise budget "
                    f"to {intervention.cost}, or write your own interventions",
                )


SCREEN = "1024x768"
"""The smallest screen the game is made for; names are checked against its play screen."""


@dataclass(frozen=True)
class Room:
    """The room a kind of name gets on the play screen at 1024x768.

    `width` is in pixels of Inter SemiBold at `scale` times the body text size of that
    screen (`Theme(768).unit`, 17 px); `characters` is the limit used instead when the
    check is given no way to measure text.
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


def check_names(parts: Parts, report: Report, width: TextWidth | None) -> None:
    """Warn about a department, customer or intervention name cut short at 1024x768.

    `width` measures text on the play screen; the caller hands it over (the front end owns
    its fonts: `ripple.ui.measure.text_width`); None counts characters.
    """
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
