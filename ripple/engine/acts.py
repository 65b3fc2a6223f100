"""What some choices do once, when they start: open a channel to an internal customer, bring
a department's problems to light, firefight, change what a department is rewarded on, and
fix a known problem for good."""

from __future__ import annotations

import numpy as np

from ripple.engine.effects import ActiveEffect
from ripple.engine.root_causes import VISITED
from ripple.engine.rules import MEASURE_WORK
from ripple.engine.state import World


def _quoted(world: World, problems: list[int]) -> str:
    names = world.departments.problems.names
    return ", ".join(f"'{names[p]}'" for p in problems)


def start_acts(world: World, turn: int) -> list[str]:
    """Do what effects starting on `turn` do once, and finish fixes that are done; returns
    what the turn log says about it."""
    departments, handoffs = world.departments, world.handoffs
    problems = departments.problems
    lines = []
    for effect in world.effects:
        if effect.start != turn:
            continue
        kind, key = effect.target
        does = effect.effects
        asked: int | np.ndarray  # the hand-offs whose internal customers are asked
        if kind == "handoff" and key in handoffs.index:
            asked = handoffs.index[key]
        elif kind == "department" and key in departments.index:
            d = departments.index[key]
            asked = handoffs.supplier == d  # every hand-off to its internal customers
            if does.discover:
                found = problems.bring_to_light(d, VISITED, turn, every=True)
                lines.append(_visit_line(world, d, effect.name, found))
            if does.relief:
                problems.relieve(d, does.relief * effect.scale)
            if does.measure is not None:
                departments.measure[d] = does.measure
                work = np.array(MEASURE_WORK[does.measure])
                departments.measure_work[d] = work / departments.stated_work[d]
        else:
            continue
        if does.listen:
            until = turn + does.listen - 1
            handoffs.listen_until[asked] = np.maximum(handoffs.listen_until[asked], until)
    for p in problems.finish_fixes(turn):
        name = departments.names[problems.department[p]]
        lines.append(f"{name} fixed '{problems.names[p]}' for good.")
    return lines


def _visit_line(world: World, department: int, visit: str, found: list[int]) -> str:
    """What a visit found, in the words of the choice or event that made it."""
    name = world.departments.names[department]
    if found:
        return f"{visit} at {name} brought to light: {_quoted(world, found)}."
    return f"{visit} at {name}: no hidden problem left to find."


def begin_fixes(world: World, effects: list[ActiveEffect]) -> list[str]:
    """A choice to fix a root cause picks the department's worst known problem now (it is
    gone once the choice's lag has passed), or is wasted when none is known."""
    departments = world.departments
    problems = departments.problems
    lines = []
    for effect in effects:
        kind, key = effect.target
        if not effect.effects.fix or kind != "department" or key not in departments.index:
            continue
        d = departments.index[key]
        name = departments.names[d]
        chosen = problems.start_fix(d, max(effect.start, 1))
        if chosen is None:
            lines.append(
                f"{name} wanted to fix a root cause, but none is known yet: ask its internal "
                "customers, or visit it, first."
            )
        else:
            lines.append(
                f"{name} is fixing '{problems.names[chosen]}' (gone from turn {effect.start})."
            )
    return lines
