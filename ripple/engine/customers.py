"""External customers: demand arriving, deliveries judged, satisfaction, complaints, churn.

Complaints come back as work (failure demand) at the department that handles them, and
churn lowers the demand that arrives later: the vicious circle the game is about.
"""

from __future__ import annotations

from ripple.engine.rules import (
    SATISFACTION_STEP,
    SCORE_DEFECTIVE,
    SCORE_LATE,
    SCORE_LATE_AND_DEFECTIVE,
)
from ripple.engine.state import Segment, World
from ripple.engine.work import Batch


def charge_delay(
    world: World, segment: int, kind: str, delay: dict[str, float], count: int, fallback: str
) -> None:
    """Spread `count` unhappy items over the departments their delay is charged to.

    Each item carries a weight of 1, split in proportion to the turns of delay each
    department caused; with no delay on record the whole weight goes to `fallback`.
    """
    total = sum(delay.values())
    if total <= 0:
        _add_ripple(world, (segment, fallback, kind), float(count))
        return
    for department in sorted(delay):
        _add_ripple(world, (segment, department, kind), count * delay[department] / total)


def _add_ripple(world: World, key: tuple[int, str, str], weight: float) -> None:
    world.ripples[key] = world.ripples.get(key, 0.0) + weight
    world.turn_ripples[key] = world.turn_ripples.get(key, 0.0) + weight


def deliver(world: World, turn: int, segment: Segment, batch: Batch) -> None:
    """A batch leaves the organisation to its customer: judge and record it."""
    route = segment.complaint_route if batch.failure else segment.route
    count, defective = batch.count, batch.defective
    lead_time = turn - batch.created
    late = lead_time > route.promise
    counts = world.turn_counts
    counts.completed += count
    counts.lead_time_sum += lead_time * count
    if late:
        counts.late += count
        charge_delay(world, segment.index, "late", batch.delay, count, route.steps[-1])
    else:
        counts.on_time += count
    if defective:
        counts.defective += defective
        for origin in sorted(batch.blame):
            _add_ripple(world, (segment.index, origin, "defective"), batch.blame[origin])
    if batch.failure:
        return
    segment.delivered += count
    segment.revenue += count * segment.spec.value
    if late:
        segment.late_and_defective += defective
        segment.late_only += count - defective
    else:
        segment.defective_only += defective
        segment.good += count - defective


def demand_this_turn(world: World, segment: Segment, turn: int) -> int:
    """Items this customer segment brings this turn: base demand, schedule, churn, events."""
    spec = segment.spec
    base = spec.demand
    for change in spec.schedule:
        if change.turn <= turn:
            base = change.demand
    mean = base * segment.remaining * segment.demand_factor
    if spec.variability > 0 and mean > 0:
        mean = max(0.0, float(world.rng.normal(mean, spec.variability * mean)))
    amount = mean + segment.carry
    count = int(amount)
    segment.carry = amount - count
    return count


def admit(world: World, turn: int) -> None:
    """New demand and this turn's complaints enter at the end of the turn (created now)."""
    departments = world.departments
    for segment in world.segments:
        count = demand_this_turn(world, segment, turn)
        if count:
            entry = departments[segment.route.steps[0]]
            entry.enqueue(Batch(segment.index, False, turn, 0, turn + 1, count))
        segment.arrived = count
        complaints = segment.complaints
        if complaints:
            desk = departments[segment.complaint_route.steps[0]]
            desk.enqueue(Batch(segment.index, True, turn, 0, turn + 1, complaints))
        world.turn_counts.created += count + complaints


def react(world: World) -> None:
    """Each segment judges this turn's deliveries: satisfaction, complaints, churn."""
    rng = world.rng
    for segment in world.segments:
        spec = segment.spec
        chances = spec.complaint_chance
        judged = segment.delivered + segment.lost
        if judged:
            felt = (
                segment.good
                + SCORE_LATE * segment.late_only
                + SCORE_DEFECTIVE * segment.defective_only
                + SCORE_LATE_AND_DEFECTIVE * (segment.late_and_defective + segment.lost)
            ) / judged
            segment.satisfaction += SATISFACTION_STEP * (felt - segment.satisfaction)
        complaints = 0
        for count, chance in (
            (segment.late_only, chances.late),
            (segment.defective_only, chances.defective),
            (segment.late_and_defective, max(chances.late, chances.defective)),
            (segment.lost, chances.lost),
        ):
            if count and chance > 0:
                complaints += int(rng.binomial(count, chance))
        segment.complaints = complaints
        below = spec.churn.below
        if below > 0 and segment.satisfaction < below:
            leaving = spec.churn.rate * (below - segment.satisfaction) / below
            segment.remaining *= 1.0 - leaving
        segment.total_delivered += segment.delivered
        segment.total_complaints += complaints
        segment.total_lost += segment.lost


def reset_turn(segment: Segment) -> None:
    """Clear a segment's counts for this turn (complaints stay: they arrive as work)."""
    segment.delivered = segment.good = segment.late_only = 0
    segment.defective_only = segment.late_and_defective = segment.lost = 0
