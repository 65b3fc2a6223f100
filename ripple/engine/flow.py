"""Work moving: hand-offs arriving (and checked), departments processing, items leaving.

The order within a turn is fixed: arrivals, then each department in id order processes
up to its capacity, first in first out. An item is processed at most once per department
per turn, so a cycle in the organisation can never make a turn loop.
"""

from __future__ import annotations

from ripple.engine.customers import charge_delay, deliver
from ripple.engine.rules import catch_chance, defect_chance
from ripple.engine.state import Cohort, Delay, Department, Handoff, InTransit, World


def add_delay(delay: Delay, department: str, turns: float) -> Delay:
    """`delay` with `turns` more charged to `department`, kept sorted by department."""
    charged = dict(delay)
    charged[department] = charged.get(department, 0.0) + turns
    return tuple(sorted(charged.items()))


def enqueue(department: Department, cohort: Cohort, count: int) -> None:
    """Add `count` items to the back of a department's queue (merging equal cohorts)."""
    queue = department.queue
    queue[cohort] = queue.get(cohort, 0) + count


def send(world: World, arrival: int, item: InTransit) -> None:
    """Put work in transit to arrive at the start of turn `arrival`."""
    world.transit.setdefault(arrival, []).append(item)


def arrive(world: World, turn: int) -> None:
    """Work due this turn reaches its department; the receiver checks it for defects."""
    departments = world.departments
    for destination, handoff, base, count, waited in world.transit.pop(turn, ()):
        receiver = departments[destination]
        if handoff is not None:
            handoff.handed += count
            if waited:
                handoff.waited += count
            if base[4]:
                handoff.defective += count
                count -= _catch(world, turn, receiver, handoff, base, count)
        if count:
            enqueue(receiver, (*base, turn), count)


def _catch(
    world: World,
    turn: int,
    receiver: Department,
    handoff: Handoff,
    base: tuple[int, bool, int, int, tuple[str, ...], Delay],
    count: int,
) -> int:
    """Defective items caught at a hand-off go back to the supplier; returns how many."""
    chance = catch_chance(receiver.effective_checks, handoff.effective_communication)
    caught = int(world.rng.binomial(count, chance)) if chance > 0 else 0
    if not caught:
        return 0
    segment, failure, created, position, origins, delay = base
    trip = 1 + 2 * handoff.effective_lag
    for origin in origins:
        delay = add_delay(delay, origin, trip / len(origins))
    rework = (segment, failure, created, position - 1, (), delay)
    supplier = world.departments[handoff.supplier]
    supplier.sent_back += caught
    handoff.caught += caught
    if handoff.effective_lag == 0:
        enqueue(supplier, (*rework, turn), caught)
    else:
        send(world, turn + handoff.effective_lag, (handoff.supplier, None, rework, caught, False))
    return caught


def process(world: World, turn: int) -> None:
    """Every department, in id order, works through its queue up to its capacity."""
    for department in world.departments.values():
        if department.queue:
            _work(world, turn, department)
        else:
            department.credit = 0.0


def _work(world: World, turn: int, department: Department) -> None:
    budget = department.effective_capacity + department.credit
    room = int(budget)
    department.credit = budget - room
    if room <= 0:
        return
    leftover: dict[Cohort, int] = {}
    for cohort, count in department.queue.items():
        if room <= 0:
            leftover[cohort] = count
            continue
        taken = count if count <= room else room
        room -= taken
        if taken < count:
            leftover[cohort] = count - taken
        _hand_on(world, turn, department, cohort, taken)
    if room > 0:
        department.credit = 0.0
    department.queue = leftover


def _hand_on(world: World, turn: int, department: Department, cohort: Cohort, count: int) -> None:
    """Finish `count` items of a cohort: maybe add defects, then pass them on or deliver."""
    segment_index, failure, created, position, origins, delay, entered = cohort
    segment = world.segments[segment_index]
    route = segment.complaint_route if failure else segment.route
    handoff = route.handoffs[position]
    wait = turn - entered
    if wait:
        delay = add_delay(delay, department.id, float(wait))
        department.waited += count
    department.processed += count
    if failure:
        department.failure_processed += count
    communication = handoff.effective_communication if handoff else 0.5
    chance = defect_chance(department.effective_quality, department.morale, communication)
    defects = int(world.rng.binomial(count, chance)) if chance > 0 else 0
    department.defects_made += defects
    batches: list[tuple[tuple[str, ...], int]] = []
    if count - defects:
        batches.append((origins, count - defects))
    if defects:
        marked = origins if department.id in origins else tuple(sorted((*origins, department.id)))
        batches.append((marked, defects))
    if handoff is None:
        for marks, n in batches:
            deliver(world, turn, segment, failure, created, marks, delay, n)
        return
    extra_lag = handoff.effective_lag - handoff.lag
    if extra_lag > 0:
        delay = add_delay(delay, department.id, float(extra_lag))
    arrival = turn + 1 + handoff.effective_lag
    for marks, n in batches:
        base = (segment_index, failure, created, position + 1, marks, delay)
        send(world, arrival, (handoff.customer, handoff, base, n, wait > 0))


def cancel_overdue(world: World, turn: int) -> None:
    """Customers with a `patience` cancel items that have waited too long (scrapped)."""
    impatient = {s.index: s.spec.patience for s in world.segments if s.spec.patience}
    if not impatient:
        return
    for department in world.departments.values():
        kept: dict[Cohort, int] = {}
        for cohort, count in department.queue.items():
            if _overdue(world, turn, impatient, cohort, count, department.id):
                continue
            kept[cohort] = count
        department.queue = kept
    for arrival, items in list(world.transit.items()):
        world.transit[arrival] = [
            item
            for item in items
            if not _overdue(world, turn, impatient, (*item[2], turn), item[3], item[0])
        ]


def _overdue(
    world: World, turn: int, impatient: dict[int, int], cohort: Cohort, count: int, where: str
) -> bool:
    segment_index, failure, created, _, _, delay, entered = cohort
    patience = impatient.get(segment_index)
    if failure or patience is None or turn - created < patience:
        return False
    segment = world.segments[segment_index]
    segment.lost += count
    world.turn_counts.scrapped += count
    if turn >= entered:
        delay = add_delay(delay, where, float(turn - entered + 1))
    charge_delay(world, segment_index, "lost", delay, count, segment.route.steps[-1])
    return True
