"""The turn log: what happened this turn, in plain words a room can discuss."""

from __future__ import annotations

import heapq

import numpy as np

from ripple.engine.rules import CHURN_TOLD, LEAVE_AFTER, LEAVE_SHARE
from ripple.engine.state import HARM_WORDS, KINDS, Segment, World
from ripple.scenario.model import ItemWords


def _items(words: ItemWords, count: int) -> str:
    return f"{count} {words.one if count == 1 else words.many}"


MOST = 4
"""At most this many lines of one kind: a log is for reading aloud, not for auditing."""


def _biggest(values: np.ndarray) -> list[int]:
    """Indices of the largest positive values, largest first (ties by index), at most MOST."""
    positive = (values > 0).nonzero()[0]
    ranked = heapq.nsmallest(
        MOST, zip((-values[positive]).tolist(), positive.tolist(), strict=True)
    )
    return [index for _, index in ranked]


SEGMENTS = 8
"""At most this many customer segments are reported on: the ones with the most news."""


def _most_eventful(segments: list[Segment]) -> list[Segment]:
    """The segments worth a line this turn, most unhappy first, then in scenario order."""
    if len(segments) <= SEGMENTS:
        return segments
    news = [
        (-(s.delivered - s.good + s.lost + s.complaints), -s.delivered, s.index) for s in segments
    ]
    return [segments[i] for *_, i in sorted(news)[:SEGMENTS]]


def narrate(
    world: World, turn: int, words: ItemWords, queued: np.ndarray, churned: dict[str, float]
) -> tuple[list[str], list[str]]:
    """This turn in plain words, most telling first: what customers got and where their
    harm started; then the work: what was sent back, who is behind, what arrived."""
    segments = _most_eventful(world.segments)
    customers = [
        *(line for s in segments for line in _customer_lines(world, words, s, churned)),
        *_origin_lines(world, turn, words),
    ]
    work = [
        *_rework_lines(world, words),
        *_backlog_lines(world, words, queued),
        *(_arrival_line(world, words, s) for s in segments if s.arrived),
    ]
    return customers, work


def _customer_lines(
    world: World, words: ItemWords, segment: Segment, churned: dict[str, float]
) -> list[str]:
    name = segment.spec.name
    lines = []
    if segment.delivered:
        parts = [f"{segment.good} on time and right"]
        late = segment.late_only + segment.late_and_defective
        wrong = segment.defective_only + segment.late_and_defective
        if late:
            parts.append(f"{late} late")
        if wrong:
            parts.append(f"{wrong} with defects")
        lines.append(f"{name} received {_items(words, segment.delivered)}: {', '.join(parts)}.")
    if segment.lost:
        lines.append(f"{name} gave up on {_items(words, segment.lost)} that took too long.")
    if segment.complaints:
        desk = world.departments.names[world.departments.index[segment.complaints_to]]
        lines.append(
            f"{segment.complaints} of {name} complained; answering them is now work for {desk}."
        )
    if churned.get(segment.spec.id, 0.0) > CHURN_TOLD:
        lines.append(f"Some of {name} are leaving: {segment.remaining:.0%} remain.")
    return lines


def _rework_lines(world: World, words: ItemWords) -> list[str]:
    handoffs, names = world.handoffs, world.departments.names
    lines = []
    for h in _biggest(handoffs.caught):
        caught = int(handoffs.caught[h])
        template = (
            handoffs.rework_message[h]
            or "{customer} sent {count} {items} back to {supplier} for rework."
        )
        lines.append(
            template.format(
                customer=names[handoffs.customer[h]],
                supplier=names[handoffs.supplier[h]],
                count=caught,
                items=words.one if caught == 1 else words.many,
            )
        )
    return lines


def _backlog_lines(world: World, words: ItemWords, queued: np.ndarray) -> list[str]:
    capacity = world.departments.effective_capacity
    behind = np.where(queued > np.maximum(1.0, capacity), queued / np.maximum(1.0, capacity), 0)
    return [
        f"{world.departments.names[d]} is behind: {_items(words, int(queued[d]))} waiting "
        f"(it finishes about {capacity[d]:.0f} a turn)."
        for d in _biggest(behind)
    ]


def _arrival_line(world: World, words: ItemWords, segment: Segment) -> str:
    entry = world.departments.names[world.departments.index[segment.steps[0]]]
    return f"{segment.spec.name} brought {_items(words, segment.arrived)} to {entry}."


def _origin_lines(world: World, turn: int, words: ItemWords) -> list[str]:
    """Where this turn's harm to customers started: the biggest origins of each kind."""
    steps, valid = world.routes.valid_steps, world.routes.valid
    names = world.departments.names
    problems = world.departments.problems
    lines = []
    for kind, per_place in zip(KINDS, world.turn_ripples, strict=True):
        total = round(float(np.add.reduce(per_place, axis=None)))
        if not total:
            continue
        by_department = np.bincount(steps, weights=per_place[valid], minlength=len(names))
        for d in _biggest(by_department)[:2]:
            share = round(float(by_department[d]))
            if not share:
                continue
            known = [
                problems.names[p]
                for p in problems.of(d).tolist()
                if problems.known[p] and not problems.fixed[p]
            ]
            why = f" ('{known[0]}')" if known else ""
            pushing = _pushing(world, turn, world.departments.ids[d])
            harmed = f"{_items(words, total)} {HARM_WORDS[kind]}"
            which = (
                f"This turn's {harmed}"
                if total == 1
                else f"All {harmed} this turn"
                if share == total
                else f"{share} of this turn's {harmed}"
            )
            lines.append(f"{which} started at {names[d]}{why}{pushing}.")
    return lines


def _pushing(world: World, turn: int, department: str) -> str:
    """', while <choice> was on' when a choice that cuts corners is working there."""
    for effect in world.effects:
        cuts = (effect.effects.quality or 0) < 0 or (effect.effects.checks or 0) < 0
        if effect.target == ("department", department) and cuts and effect.strength(turn):
            return f", while '{effect.name}' was on"
    return ""


def leavers(world: World, leaving: list[int]) -> list[str]:
    """Who lost people this turn, and why."""
    return [
        f"People are leaving {world.departments.names[d]}: after {LEAVE_AFTER} hard turns "
        f"about {LEAVE_SHARE:.0%} of its staff left, and their training with them."
        for d in leaving
    ]
