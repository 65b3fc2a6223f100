"""Internal customers speak, but only when asked; and harm that reaches external customers
is traced home.

A hand-off's receiver always feels the service it gets (`people.rate_handoffs`), but its
supplier hears about it only while the channel is open (talking, a survey, a review): then
the rating is measured, the receiver says what went wrong, and it names the supplier's
worst hidden problem. Between askings the supplier sees only the rating it last heard.
"""

from __future__ import annotations

import numpy as np

from ripple.engine.root_causes import ASKED, TRACED
from ripple.engine.rules import TRACE_FINDS
from ripple.engine.state import World
from ripple.scenario.model import ItemWords


def hear(world: World, turn: int, words: ItemWords) -> list[str]:
    """Internal customers being asked rate this turn's service and say what went wrong;
    returns what the turn log says about it."""
    handoffs, departments = world.handoffs, world.departments
    problems = departments.problems
    names = departments.names
    lines = []
    for h in (handoffs.listen_until >= turn).nonzero()[0].tolist():
        handed = int(handoffs.handed[h])
        if not handed and not handoffs.total_handed[h]:
            handoffs.said[h] = "nothing came yet"  # no work yet, so no rating to give
            continue
        handoffs.heard[h] = handoffs.satisfaction[h]
        handoffs.heard_turn[h] = turn
        supplier, receiver = int(handoffs.supplier[h]), int(handoffs.customer[h])
        wrong, waited = int(handoffs.defective[h]), int(handoffs.waited[h])
        if not handed:
            handoffs.said[h] = "nothing came"
            continue
        if not wrong and not waited:
            handoffs.said[h] = "all on time and right"
            lines.append(
                f"{names[receiver]} told {names[supplier]}: all {handed} "
                f"{_word(words, handed)} came on time and right. Thank you."
            )
            continue
        parts = []
        if wrong:
            parts.append(f"{wrong} of {handed} came wrong or incomplete")
        if waited:
            parts.append(f"{waited} waited with you first")
        handoffs.said[h] = ", ".join(
            p for p in (f"{wrong} wrong" if wrong else "", f"{waited} late" if waited else "") if p
        )
        kind = "defects" if wrong else "delay"
        found = problems.bring_to_light(supplier, ASKED, turn, every=False, kind=kind)
        cause = f" It keeps happening because of '{problems.names[found[0]]}'." if found else ""
        lines.append(f"{names[receiver]} told {names[supplier]}: {'; '.join(parts)}.{cause}")
    return lines


def _word(words: ItemWords, count: int) -> str:
    return words.one if count == 1 else words.many


def harm_by_department(world: World) -> np.ndarray:
    """Weight of harm to external customers traced to each department, over the game."""
    routes = world.routes
    per_place = np.add.reduce(world.ripples, axis=0)
    return np.bincount(
        routes.valid_steps, weights=per_place[routes.valid], minlength=len(world.departments)
    )


def trace_finds(world: World, turn: int, words: ItemWords) -> list[str]:
    """Each `TRACE_FINDS` of harm traced to a department brings one more of its hidden
    problems to light; returns what the turn log says about it."""
    departments = world.departments
    problems = departments.problems
    if np.count_nonzero(problems.known) == len(problems):
        return []  # nothing left to bring to light (a fixed problem was known first)
    harm = harm_by_department(world)
    lines = []
    for d in (harm >= problems.trace_at).nonzero()[0].tolist():
        found = problems.bring_to_light(d, TRACED, turn, every=False)
        if not found:  # every problem there is known, and stays known: none to trace
            problems.trace_at[d] = np.inf
            continue
        problems.trace_at[d] += TRACE_FINDS
        lines.append(
            f"The trace of {round(harm[d])} unhappy customers' {words.many} led back to "
            f"{departments.names[d]}: '{problems.names[found[0]]}' keeps happening there."
        )
    return lines
