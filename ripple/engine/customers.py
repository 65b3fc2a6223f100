"""External customers: demand arriving, deliveries judged, satisfaction, complaints, churn.

Complaints come back as work (failure demand) at the department that handles them, and
churn lowers the demand that arrives later: the vicious circle the game is about.
"""

from __future__ import annotations

import numpy as np

from ripple.engine.rules import (
    SATISFACTION_STEP,
    SCORE_DEFECTIVE,
    SCORE_LATE,
    SCORE_LATE_AND_DEFECTIVE,
)
from ripple.engine.state import DEFECTIVE, LATE, Routes, Segment, World
from ripple.engine.ufuncs import some
from ripple.engine.work import DEAD, QUEUED


def charge_delay(world: World, rows: np.ndarray, kind: int) -> None:
    """Spread each row's unhappy items over the departments their delay is charged to.

    Each item carries a weight of 1, split in proportion to the turns of delay each
    department on its route caused; with no delay on record (a promise no route could
    keep) the whole weight goes to the department that serves the customer.
    """
    work, routes = world.work, world.routes
    delay = work.delay[rows]
    count = work.count[rows]
    total = np.add.reduce(delay, axis=1)
    blameless = total <= 0  # no delay on record: every share is 0, and 0 / 1 stays 0
    weights = delay * count[:, None] / np.where(blameless, 1.0, total)[:, None]
    route = work.route[rows]
    if some(blameless):
        unowned = blameless.nonzero()[0]
        weights[unowned, routes.length[route[unowned]] - 1] += count[unowned]
    add_by_route(world.turn_ripples[kind], route, weights)


def add_by_route(target: np.ndarray, route: np.ndarray, weights: np.ndarray) -> None:
    """target[route[i]] += weights[i] for every row i (routes may repeat)."""
    size, width = target.shape
    cells = (route[:, None] * width + np.arange(width)).ravel()
    target += np.bincount(cells, weights=weights.ravel(), minlength=size * width).reshape(
        size, width
    )


def deliver(world: World, turn: int, rows: np.ndarray) -> None:
    """These rows' items leave the organisation to their customers: judge and record them."""
    if not rows.size:
        return
    work, routes = world.work, world.routes
    route = work.route[rows]
    count = work.count[rows]
    defective = work.defective[rows]
    lead_time = turn - work.created[rows]
    late = lead_time > routes.promise[route]
    counts = world.turn_counts
    if len(rows) > MANY_ROWS:
        _record_many(world, rows, route, count, defective, lead_time, late)
        work.state[rows] = DEAD
        return
    items, bad, slow = count.tolist(), defective.tolist(), late.tolist()
    counts.completed += sum(items)
    counts.lead_time_sum += int(lead_time @ count)
    late_items = sum(n for n, is_late in zip(items, slow, strict=True) if is_late)
    counts.late += late_items
    counts.on_time += sum(items) - late_items
    counts.defective += sum(bad)
    if True in slow:
        charge_delay(world, rows[late], LATE)
    if any(bad):
        add_by_route(world.turn_ripples[DEFECTIVE], route, work.blame[rows])
    _judge(world.segments, route.tolist(), routes, items, bad, slow)
    work.state[rows] = DEAD


MANY_ROWS = 64
"""Above this many rows delivered in a turn, array operations beat a Python loop (a large
organisation); below it, the loop does (the shipped scenarios). Both give the same counts."""


def _record_many(
    world: World,
    rows: np.ndarray,
    route: np.ndarray,
    count: np.ndarray,
    defective: np.ndarray,
    lead_time: np.ndarray,
    late: np.ndarray,
) -> None:
    """`deliver` for many rows at once, with array operations."""
    routes, counts = world.routes, world.turn_counts
    counts.completed += int(count.sum())
    counts.lead_time_sum += int((lead_time * count).sum())
    counts.late += int(count[late].sum())
    counts.on_time += int(count[~late].sum())
    counts.defective += int(defective.sum())
    if late.any():
        charge_delay(world, rows[late], LATE)
    if defective.any():
        add_by_route(world.turn_ripples[DEFECTIVE], route, world.work.blame[rows])
    demand = ~routes.failure[route]
    segment = routes.segment[route[demand]]
    count, defective, late = count[demand], defective[demand], late[demand]
    right = count - defective
    size = len(world.segments)

    def per_segment(values: np.ndarray) -> list[int]:
        return np.bincount(segment, weights=values, minlength=size).astype(np.int64).tolist()

    outcomes = zip(
        world.segments,
        per_segment(count),
        per_segment(np.where(late, 0, right)),
        per_segment(np.where(late, right, 0)),
        per_segment(np.where(late, 0, defective)),
        per_segment(np.where(late, defective, 0)),
        strict=True,
    )
    for seg, delivered, good, late_only, defective_only, both in outcomes:
        seg.delivered += delivered
        seg.good += good
        seg.late_only += late_only
        seg.defective_only += defective_only
        seg.late_and_defective += both
        seg.revenue += delivered * seg.spec.value


def _judge(
    segments: list[Segment],
    route: list[int],
    routes: Routes,
    items: list[int],
    bad: list[int],
    slow: list[bool],
) -> None:
    """Each segment's deliveries (not its answered complaints), on time or late, right or
    defective. Summed as floats in row order and cut to whole numbers, as numpy's
    `bincount` does."""
    tallies = [[0.0] * 5 for _ in segments]
    failure, segment_of = routes.failure_list, routes.segment_list
    for r, n, wrong, is_late in zip(route, items, bad, slow, strict=True):
        if failure[r]:
            continue
        tally = tallies[segment_of[r]]
        tally[0] += n
        if is_late:
            tally[2] += n - wrong
            tally[4] += wrong
        else:
            tally[1] += n - wrong
            tally[3] += wrong
    for seg, (delivered, good, late_only, defective_only, both) in zip(
        segments, tallies, strict=True
    ):
        delivered = int(delivered)
        seg.delivered += delivered
        seg.good += int(good)
        seg.late_only += int(late_only)
        seg.defective_only += int(defective_only)
        seg.late_and_defective += int(both)
        seg.revenue += delivered * seg.spec.value


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
    routes, counts = [], []
    for segment in world.segments:
        arrived = demand_this_turn(world, segment, turn)
        segment.arrived = arrived
        for route, count in (
            (2 * segment.index, arrived),
            (2 * segment.index + 1, segment.complaints),
        ):
            if count:
                routes.append(route)
                counts.append(count)
        world.turn_counts.created += arrived + segment.complaints
    if routes:
        world.work.add(
            route=np.array(routes, dtype=np.int64),
            created=turn,
            position=0,
            entered=turn + 1,
            state=QUEUED,
            count=np.array(counts, dtype=np.int64),
        )


def react(world: World) -> None:
    """Each segment judges this turn's deliveries: satisfaction, complaints, churn."""
    segments = world.segments
    outcomes = [(s.late_only, s.defective_only, s.late_and_defective, s.lost) for s in segments]
    complaints = [0] * len(segments)
    if any(any(unhappy) for unhappy in outcomes):
        drawn = world.rng.binomial(np.array(outcomes, dtype=np.int64), world.complaint_chances)
        complaints = np.add.reduce(drawn, axis=1).tolist()
    for segment, complained in zip(segments, complaints, strict=True):
        spec = segment.spec
        judged = segment.delivered + segment.lost
        if judged:
            felt = (
                segment.good
                + SCORE_LATE * segment.late_only
                + SCORE_DEFECTIVE * segment.defective_only
                + SCORE_LATE_AND_DEFECTIVE * (segment.late_and_defective + segment.lost)
            ) / judged
            segment.satisfaction += SATISFACTION_STEP * (felt - segment.satisfaction)
        segment.complaints = int(complained)
        below = spec.churn.below
        if below > 0 and segment.satisfaction < below:
            leaving = spec.churn.rate * (below - segment.satisfaction) / below
            segment.remaining *= 1.0 - leaving
        segment.total_delivered += segment.delivered
        segment.total_complaints += segment.complaints
        segment.total_lost += segment.lost
