"""Work moving: hand-offs arriving (and checked), departments processing, items leaving.

The order within a turn is fixed: arrivals, then each department in id order processes
up to its capacity, first in first out. An item is processed at most once per department
per turn, so a cycle in the organisation can never make a turn loop.
"""

from __future__ import annotations

from ripple.engine.customers import charge_delay, deliver
from ripple.engine.state import Department, Handoff, Segment, World
from ripple.engine.work import Batch


def send(
    world: World, arrival: int, destination: str, handoff: Handoff | None, batch: Batch
) -> None:
    """Put a batch in transit to join `destination`'s queue at the start of turn `arrival`."""
    batch.entered = arrival
    world.transit.setdefault(arrival, []).append((destination, handoff, batch))


def arrive(world: World, turn: int) -> None:
    """Work due this turn reaches its department; the receiver checks it for defects.

    The chances of catching defects are drawn for all arrivals at once, in arrival order.
    """
    arriving = world.transit.pop(turn, ())
    checked = [
        (destination, handoff, batch)
        for destination, handoff, batch in arriving
        if handoff is not None and batch.defective and handoff.catch > 0
    ]
    caught = iter(
        world.rng.binomial(
            [batch.defective for _, _, batch in checked],
            [handoff.catch for _, handoff, _ in checked],
        ).tolist()
        if checked
        else ()
    )
    departments = world.departments
    for destination, handoff, batch in arriving:
        if handoff is not None:
            handoff.handed += batch.count
            handoff.waited += batch.waited
            if batch.defective:
                handoff.defective += batch.defective
                if handoff.catch > 0:
                    _send_back(world, turn, handoff, batch, next(caught))
        batch.waited = 0
        if batch.count:
            departments[destination].enqueue(batch)


def _send_back(world: World, turn: int, handoff: Handoff, batch: Batch, caught: int) -> None:
    """Defective items caught at a hand-off go back to the supplier for rework."""
    if not caught:
        return
    rework, culprits = batch.separate_defective(caught)
    trip = 1 + 2 * handoff.effective_lag
    for origin, items in culprits.items():
        rework.delay[origin] = rework.delay.get(origin, 0.0) + items * trip
    rework.position -= 1
    supplier = world.departments[handoff.supplier]
    supplier.sent_back += caught
    handoff.caught += caught
    if handoff.effective_lag == 0:
        rework.entered = turn
        supplier.enqueue(rework)
    else:
        send(world, turn + handoff.effective_lag, handoff.supplier, None, rework)


Task = tuple[Department, Batch, Segment, "Handoff | None", float]


def process(world: World, turn: int) -> None:
    """Every department, in id order, works through its queue up to its capacity.

    First every department takes its work, then the defects it makes are drawn for all
    of it at once, then the work is handed on or delivered.
    """
    tasks: list[Task] = []
    segments = world.segments
    for department in world.departments.values():
        if not department.queue:
            department.credit = 0.0
            continue
        for batch in _take(world, department):
            segment = segments[batch.segment]
            route = segment.complaint_route if batch.failure else segment.route
            handoff = route.handoffs[batch.position]
            chance = department.defect_chance * (handoff.talk_factor if handoff else 1.0)
            tasks.append((department, batch, segment, handoff, min(1.0, chance)))
    if not tasks:
        return
    defects = world.rng.binomial(
        [batch.count - batch.defective for _, batch, _, _, _ in tasks],
        [chance for _, _, _, _, chance in tasks],
    ).tolist()
    for task, made in zip(tasks, defects, strict=True):
        _hand_on(world, turn, task, made)


def _take(world: World, department: Department) -> list[Batch]:
    """The batches a department works on this turn, first in first out, up to capacity."""
    budget = department.effective_capacity + department.credit
    room = int(budget)
    department.credit = budget - room
    if room <= 0:
        return []
    queue = department.queue
    taken: list[Batch] = []
    for key in list(queue):
        batch = queue[key]
        if batch.count <= room:
            del queue[key]
            taken.append(batch)
            room -= batch.count
        else:
            taken.append(batch.split(room, world.rng))
            room = 0
        department.queued -= taken[-1].count
        if room == 0:
            break
    if room > 0:
        department.credit = 0.0
    return taken


def _hand_on(world: World, turn: int, task: Task, defects: int) -> None:
    """Finish a batch: record its wait and new defects, then pass it on or deliver it."""
    department, batch, segment, handoff, _ = task
    count = batch.count
    wait = turn - batch.entered
    if wait:
        batch.delay[department.id] = batch.delay.get(department.id, 0.0) + wait * count
        department.waited += count
    department.processed += count
    if batch.failure:
        department.failure_processed += count
    if defects:
        department.defects_made += defects
        batch.defective += defects
        batch.blame[department.id] = batch.blame.get(department.id, 0.0) + defects
    if handoff is None:
        deliver(world, turn, segment, batch)
        return
    extra_lag = handoff.effective_lag - handoff.lag
    if extra_lag > 0:
        batch.delay[department.id] = batch.delay.get(department.id, 0.0) + extra_lag * count
    batch.position += 1
    batch.waited = count if wait else 0
    send(world, turn + 1 + handoff.effective_lag, handoff.customer, handoff, batch)


def cancel_overdue(world: World, turn: int) -> None:
    """Customers with a `patience` cancel items that have waited too long (scrapped)."""
    impatient = {s.index: s.spec.patience for s in world.segments if s.spec.patience}
    if not impatient:
        return
    for department in world.departments.values():
        for key in list(department.queue):
            batch = department.queue[key]
            if _overdue(world, turn, impatient, batch, department.id):
                del department.queue[key]
                department.queued -= batch.count
    for arrival, items in list(world.transit.items()):
        world.transit[arrival] = [
            item for item in items if not _overdue(world, turn, impatient, item[2], item[0])
        ]


def _overdue(world: World, turn: int, impatient: dict[int, int], batch: Batch, where: str) -> bool:
    patience = impatient.get(batch.segment)
    if batch.failure or patience is None or turn - batch.created < patience:
        return False
    segment = world.segments[batch.segment]
    segment.lost += batch.count
    world.turn_counts.scrapped += batch.count
    if turn >= batch.entered:
        wait = (turn - batch.entered + 1) * batch.count
        batch.delay[where] = batch.delay.get(where, 0.0) + wait
    charge_delay(world, batch.segment, "lost", batch.delay, batch.count, segment.route.steps[-1])
    return True
