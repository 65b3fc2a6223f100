"""The turn log: what happened this turn, in plain words a room can discuss."""

from __future__ import annotations

from ripple.engine.state import World
from ripple.scenario.model import ItemWords


def _items(words: ItemWords, count: int) -> str:
    return f"{count} {words.one if count == 1 else words.many}"


def narrate(world: World, words: ItemWords, churned: dict[str, float]) -> list[str]:
    """Lines for this turn's log, after the ones events and decisions already wrote."""
    names = {d.id: d.name for d in world.departments.values()}
    lines: list[str] = []
    for handoff in world.handoffs.values():
        if not handoff.caught:
            continue
        template = (
            handoff.rework_message
            or "{customer} sent {count} {items} back to {supplier} for rework."
        )
        lines.append(
            template.format(
                customer=names[handoff.customer],
                supplier=names[handoff.supplier],
                count=handoff.caught,
                items=words.one if handoff.caught == 1 else words.many,
            )
        )
    for department in world.departments.values():
        waiting = department.queued
        if waiting > max(1.0, department.effective_capacity):
            lines.append(
                f"{department.name} is behind: {_items(words, waiting)} waiting "
                f"(it finishes about {department.effective_capacity:.0f} a turn)."
            )
    for segment in world.segments:
        name = segment.spec.name
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
            desk = names[segment.complaint_route.steps[0]]
            lines.append(
                f"{segment.complaints} of {name} complained; answering them is now work for {desk}."
            )
        if churned.get(segment.spec.id, 0.0) > 0.0005:
            lines.append(f"Some of {name} are leaving: {segment.remaining:.0%} remain.")
    return lines
