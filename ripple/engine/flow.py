"""Work moving: hand-offs arriving (and checked), departments processing, items leaving.

The order within a turn is fixed: arrivals, then every department processes up to its
capacity, first in first out, then cancellations. Each phase handles every batch at once
with array operations and draws its chances in row order, so a game is reproducible bit
for bit. An item is processed at most once per department per turn, so a cycle in the
organisation can never make a turn loop.
"""

from __future__ import annotations

import numpy as np

from ripple.engine.customers import charge_delay, deliver
from ripple.engine.state import LOST, World
from ripple.engine.ufuncs import add_at, clip, some, sum_of
from ripple.engine.work import DEAD, MOVING, QUEUED

QUEUE_SPAN = 1 << 40
"""More queue places than any game hands out: sorting by (department, place) in one key.
Queued rows never share a place, so any sort gives the same, first-in-first-out order."""


def arrive(world: World, turn: int) -> None:
    """Work due this turn joins its department's queue; the receiver checks it for defects
    and sends caught ones back to the supplier for rework."""
    work, routes, handoffs = world.work, world.routes, world.handoffs
    n = work.size
    rows = ((work.state[:n] == MOVING) & (work.entered[:n] == turn)).nonzero()[0]
    if not rows.size:
        return
    crossing = rows[~work.returning[rows]]
    crossed = routes.handoff[work.route[crossing], work.position[crossing] - 1]
    defective = work.defective[crossing]
    add_at(handoffs.handed, crossed, work.count[crossing])
    add_at(handoffs.waited, crossed, work.waited[crossing])
    add_at(handoffs.defective, crossed, defective)
    if some(defective):
        # A row without defects, or a receiver that checks nothing, draws no random number.
        caught = world.rng.binomial(defective, handoffs.catch[crossed])
        hit = caught > 0
        _send_back(world, turn, crossing[hit], crossed[hit], caught[hit])
    work.state[rows] = np.where(work.count[rows] > 0, QUEUED, DEAD)
    work.waited[rows] = 0
    work.returning[rows] = False
    work.order[rows] = work.orders(len(rows))


def _send_back(
    world: World, turn: int, rows: np.ndarray, crossed: np.ndarray, caught: np.ndarray
) -> None:
    """Caught items leave their batch for rework at the supplier, cleared of defects.

    The rework trip (back, redo, forth again) is charged as delay to the departments
    that made the defects.
    """
    if not rows.size:
        return
    work, handoffs, departments = world.work, world.handoffs, world.departments
    defect_share = caught / work.defective[rows]
    count_share = caught / work.count[rows]
    lag = handoffs.effective_lag[crossed]
    trip = 1 + 2 * lag
    delay, blame = work.delay[rows], work.blame[rows]
    rework_delay = delay * count_share[:, None] + blame * (defect_share * trip)[:, None]
    work.blame[rows] = blame * (1.0 - defect_share)[:, None]
    work.delay[rows] = delay * (1.0 - count_share)[:, None]
    work.count[rows] -= caught
    work.defective[rows] -= caught
    now = lag == 0
    work.add(
        route=work.route[rows],
        created=work.created[rows],
        position=work.position[rows] - 1,
        entered=turn + lag,  # rework with no lag back is queued at once
        state=np.where(now, QUEUED, MOVING),
        count=caught,
        delay=rework_delay,
        returning=~now,
    )
    add_at(departments.sent_back, handoffs.supplier[crossed], caught)
    add_at(handoffs.caught, crossed, caught)


def process(world: World, turn: int) -> None:
    """Every department works through its queue, first in first out, up to its capacity;
    then the defects it makes are drawn, and the work is handed on or delivered."""
    work, routes, departments = world.work, world.routes, world.departments
    n = work.size
    rows = (work.state[:n] == QUEUED).nonzero()[0]
    budget = departments.effective_capacity + departments.credit
    room = np.floor(budget).astype(np.int64)
    if not rows.size:
        departments.credit.fill(0.0)
        return
    where = routes.steps[work.route[rows], work.position[rows]]
    queue_order = (where * QUEUE_SPAN + work.order[rows]).argsort()
    rows, where = rows[queue_order], where[queue_order]
    counts = work.count[rows]
    waiting = np.bincount(where, weights=counts, minlength=len(departments))
    departments.credit = np.where(waiting > room, budget - room, 0.0)
    ahead = _ahead_in_queue(where, counts)
    taken = clip(room[where] - ahead, 0, counts)
    busy = taken > 0
    partial = busy & (taken < counts)
    if some(partial):
        work.split(rows[partial], taken[partial], world.rng)
    _finish(world, turn, rows[busy], where[busy])


def _ahead_in_queue(where: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """For rows sorted by department then queue order: items ahead of each in its queue."""
    before = counts.cumsum() - counts
    return before - before[where.searchsorted(where)]


def _finish(world: World, turn: int, rows: np.ndarray, where: np.ndarray) -> None:
    """Rows just processed: record waits and new defects, then hand on or deliver."""
    if not rows.size:
        return
    work, routes, departments, handoffs = (
        world.work,
        world.routes,
        world.departments,
        world.handoffs,
    )
    count = work.count[rows]
    route = work.route[rows]
    position = work.position[rows]
    cells = rows * work.width + position  # (row, position) in the flattened history
    wait = turn - work.entered[rows]
    work.delay.reshape(-1)[cells] += wait * count
    waited = count * (wait > 0)
    add_at(departments.processed, where, count)
    add_at(departments.failure_processed, where, count * routes.failure[route])
    add_at(departments.waited, where, waited)
    after = routes.handoff[route, position]
    onward = after >= 0
    talk = handoffs.talk_or_one[after]  # 1 after the last step
    chance = np.minimum(1.0, departments.defect_chance[where] * talk)
    defective = work.defective[rows]
    made = world.rng.binomial(count - defective, chance)
    work.defective[rows] = defective + made
    work.blame.reshape(-1)[cells] += made
    add_at(departments.defects_made, where, made)
    deliver(world, turn, rows[~onward])
    moving, link = rows[onward], after[onward]
    if handoffs.slowed:  # else every extra lag is 0, and adding 0 to a delay changes nothing
        extra_lag = np.maximum(0, handoffs.effective_lag[link] - handoffs.lag[link])
        work.delay.reshape(-1)[cells[onward]] += extra_lag * count[onward]
    work.position[moving] += 1
    work.state[moving] = MOVING
    work.entered[moving] = turn + 1 + handoffs.effective_lag[link]
    work.waited[moving] = waited[onward]


def cancel_overdue(world: World, turn: int) -> None:
    """Customers with a `patience` cancel items that have waited too long (scrapped)."""
    work, routes = world.work, world.routes
    if not some(routes.patience):
        return
    n = work.size
    patience = routes.patience[work.route[:n]]
    rows = (
        (work.state[:n] != DEAD) & (patience > 0) & (turn - work.created[:n] >= patience)
    ).nonzero()[0]
    if not rows.size:
        return
    queued = rows[work.state[rows] == QUEUED]
    work.delay[queued, work.position[queued]] += (turn - work.entered[queued] + 1) * work.count[
        queued
    ]
    charge_delay(world, rows, LOST)
    lost = np.bincount(
        routes.segment[work.route[rows]], weights=work.count[rows], minlength=len(world.segments)
    )
    for segment, count in zip(world.segments, lost.tolist(), strict=True):
        segment.lost += int(count)
    world.turn_counts.scrapped += int(sum_of(work.count[rows]))
    work.state[rows] = DEAD
