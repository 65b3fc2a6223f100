"""The turn log: what happened this turn, in plain words a room can discuss."""

from __future__ import annotations

import numpy as np

from ripple.engine.rules import CHURN_TOLD
from ripple.engine.state import Segment, World
from ripple.scenario.model import ItemWords


def _items(words: ItemWords, count: int) -> str:
    return f"{count} {words.one if count == 1 else words.many}"


MOST = 4
"""At most this many lines of one kind: a log is for reading aloud, not for auditing."""


def _biggest(values: np.ndarray) -> list[int]:
    """Indices of the largest positive values, largest first (ties by index), at most MOST."""
    positive = np.flatnonzero(values > 0)
    ranked = positive[np.lexsort((positive, -values[positive]))]
    return ranked[:MOST].tolist()


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
    world: World, words: ItemWords, queued: np.ndarray, churned: dict[str, float]
) -> list[str]:
    """This turn in plain words, most telling first: what customers got, what was sent
    back, who is behind, then what arrived. Events and decisions are told elsewhere."""
    segments = _most_eventful(world.segments)
    return [
        *(line for s in segments for line in _customer_lines(world, words, s, churned)),
        *_rework_lines(world, words),
        *_backlog_lines(world, words, queued),
        *(_arrival_line(world, words, s) for s in segments if s.arrived),
    ]


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
