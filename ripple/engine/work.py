"""Work items, held as rows of one table: a row is a batch of items that travel together.

A batch is some items of one route (a customer segment's demand, or its complaints) that
were created on the same turn and stand at the same place. Their history is kept in
aggregate, by position on their route: `blame` counts, per position, the defective items
whose defect that department introduced (a defective item's root cause is its first
defect; rework clears it), and `delay` the item-turns of delay each department caused.
Columns are numpy arrays, so a turn costs a few array operations whatever the volume of
work: a large organisation stays fast.
"""

from __future__ import annotations

import numpy as np

DEAD, QUEUED, MOVING = 0, 1, 2
"""Row states: gone (delivered, cancelled), waiting in a queue, in transit."""

_INT_COLUMNS = (
    "route",
    "created",
    "position",
    "entered",
    "state",
    "count",
    "defective",
    "waited",
    "order",
)


HYPERGEOMETRIC_LIMIT = 10**9
"""numpy draws hypergeometric samples only while both kinds number fewer than this."""

FEW_DRAWS = 16
"""Up to this many hypergeometric samples are drawn one by one: numpy's checks on arrays cost
more than a few single draws, and single draws in row order give the very same numbers."""


def defective_picked(
    rng: np.random.Generator, defective: np.ndarray, count: np.ndarray, picked: np.ndarray
) -> np.ndarray:
    """How many of `picked` items, drawn without replacement from batches of `count` items
    of which `defective` are defective, are defective.

    Batches of a billion items or more (a flood of demand met by stacked capacity) are
    beyond numpy's hypergeometric draw; they are drawn binomially, which is as close at
    that size, and clipped to what the batch can give.
    """
    good = count - defective
    small = (defective < HYPERGEOMETRIC_LIMIT) & (good < HYPERGEOMETRIC_LIMIT)
    if np.count_nonzero(small) == len(small):
        if len(small) > FEW_DRAWS:
            return rng.hypergeometric(defective, good, picked)
        batches = zip(defective.tolist(), good.tolist(), picked.tolist(), strict=True)
        draw = rng.hypergeometric
        return np.array([draw(*batch) for batch in batches], dtype=np.int64)
    drawn = np.zeros(len(count), dtype=np.int64)
    if small.any():
        drawn[small] = rng.hypergeometric(defective[small], good[small], picked[small])
    big = ~small
    drawn[big] = np.clip(
        rng.binomial(picked[big], defective[big] / count[big]),
        np.maximum(0, picked[big] - good[big]),
        np.minimum(picked[big], defective[big]),
    )
    return drawn


class WorkTable:
    """Every batch of work in the organisation, one row each.

    `entered` is the turn a row joined its queue, or, in transit, the turn it arrives.
    `order` is handed out as rows join a queue, so it keeps queues first in first out.
    `returning` marks rework on its way back to a supplier (it crosses no hand-off).
    `waited` counts items that waited at their last department, for the next hand-off's
    internal customer rating.

    Rows past `size` are unused and all zero, so new rows need only their non-zero values.
    """

    route: np.ndarray
    created: np.ndarray
    position: np.ndarray
    entered: np.ndarray
    state: np.ndarray
    count: np.ndarray
    defective: np.ndarray
    waited: np.ndarray
    order: np.ndarray
    returning: np.ndarray
    blame: np.ndarray
    delay: np.ndarray

    def __init__(self, width: int, capacity: int = 64) -> None:
        self.width = width
        self.size = 0
        self.next_order = 0
        for name in _INT_COLUMNS:
            setattr(self, name, np.zeros(capacity, dtype=np.int64))
        self.returning = np.zeros(capacity, dtype=bool)
        self.blame = np.zeros((capacity, width))
        self.delay = np.zeros((capacity, width))

    def _reserve(self, extra: int) -> None:
        capacity = len(self.count)
        if self.size + extra <= capacity:
            return
        grown = max(2 * capacity, self.size + extra)
        for name in (*_INT_COLUMNS, "returning"):
            old = getattr(self, name)
            new = np.zeros(grown, dtype=old.dtype)
            new[: self.size] = old[: self.size]
            setattr(self, name, new)
        for name in ("blame", "delay"):
            old = getattr(self, name)
            new = np.zeros((grown, self.width))
            new[: self.size] = old[: self.size]
            setattr(self, name, new)

    def orders(self, count: int) -> np.ndarray:
        """`count` fresh queue positions, after every one handed out so far."""
        start = self.next_order
        self.next_order += count
        return np.arange(start, start + count, dtype=np.int64)

    def add(
        self,
        *,
        route: np.ndarray,
        created: np.ndarray | int,
        position: np.ndarray | int,
        entered: np.ndarray | int,
        state: np.ndarray | int,
        count: np.ndarray,
        defective: np.ndarray | None = None,
        blame: np.ndarray | None = None,
        delay: np.ndarray | None = None,
        returning: np.ndarray | None = None,
        order: np.ndarray | None = None,
    ) -> None:
        """Append rows (one per element of `route`). What is not given is zero (false), as
        the table's unused rows already are; `order` is fresh queue places."""
        k = len(route)
        start, end = self.size, self.size + k
        if end > len(self.count):
            self._reserve(k)
        self.route[start:end] = route
        self.created[start:end] = created
        self.position[start:end] = position
        self.entered[start:end] = entered
        self.state[start:end] = state
        self.count[start:end] = count
        self.order[start:end] = self.orders(k) if order is None else order
        if defective is not None:
            self.defective[start:end] = defective
        if returning is not None:
            self.returning[start:end] = returning
        if blame is not None:
            self.blame[start:end] = blame
        if delay is not None:
            self.delay[start:end] = delay
        self.size = end

    def split(self, rows: np.ndarray, keep: np.ndarray, rng: np.random.Generator) -> None:
        """Rows keep `keep` of their items, picked at random; the rest stay queued in new
        rows with the same place in the queue."""
        count = self.count[rows]
        defective = self.defective[rows]
        kept_defective = np.where(defective >= count, keep, 0)
        mixed = (defective > 0) & (defective < count)
        if np.count_nonzero(mixed):
            kept_defective[mixed] = defective_picked(
                rng, defective[mixed], count[mixed], keep[mixed]
            )
        blame_share = kept_defective / np.maximum(defective, 1)  # none kept of none
        count_share = keep / count
        blame, delay = self.blame[rows], self.delay[rows]
        rest_blame = blame * (1.0 - blame_share)[:, None]
        rest_delay = delay * (1.0 - count_share)[:, None]
        self.add(
            route=self.route[rows],
            created=self.created[rows],
            position=self.position[rows],
            entered=self.entered[rows],
            state=QUEUED,
            count=count - keep,
            defective=defective - kept_defective,
            blame=rest_blame,
            delay=rest_delay,
            order=self.order[rows],
        )
        self.count[rows] = keep
        self.defective[rows] = kept_defective
        self.blame[rows] = blame * blame_share[:, None]
        self.delay[rows] = delay * count_share[:, None]

    def compact(self) -> None:
        """Drop dead rows once they are most of the table (order is kept)."""
        if self.size < 256:
            return
        alive = (self.state[: self.size] != DEAD).nonzero()[0]
        if len(alive) * 2 > self.size:
            return
        for name in (*_INT_COLUMNS, "returning", "blame", "delay"):
            column = getattr(self, name)
            column[: len(alive)] = column[alive]
            column[len(alive) : self.size] = 0  # unused rows are zero, for `add`
        self.size = len(alive)
