"""Work items, held as batches: a count of items that travel together, with their history.

A batch is the items of one customer segment and kind (customer demand or failure demand)
that were created on the same turn, stand at the same place on their route and joined
their current queue on the same turn. Their history is kept in aggregate: how many are
defective and which department introduced each defect (`blame`, one weight per defective
item), and the item-turns of delay each department caused (`delay`). So a large
organisation costs in proportion to the variety of its work, not its volume.

A defective item's root cause is the department that introduced its first defect; rework
at the supplier clears it.
"""

from __future__ import annotations

import numpy as np

BatchKey = tuple[int, bool, int, int, int]
"""(segment, failure demand?, created turn, route position, turn it joined its queue)."""


def _scaled(weights: dict[str, float], share: float) -> dict[str, float]:
    if not weights or share == 0.0:
        return {}
    if share == 1.0:
        return dict(weights)
    return {name: weight * share for name, weight in weights.items()}


def add_to(weights: dict[str, float], extra: dict[str, float]) -> None:
    """Add `extra`'s weights into `weights`."""
    for name, weight in extra.items():
        weights[name] = weights.get(name, 0.0) + weight


class Batch:
    """Items that travel together (see the module's docstring)."""

    __slots__ = (
        "blame",
        "count",
        "created",
        "defective",
        "delay",
        "entered",
        "failure",
        "position",
        "segment",
        "waited",
    )

    def __init__(
        self,
        segment: int,
        failure: bool,
        created: int,
        position: int,
        entered: int,
        count: int,
        defective: int = 0,
        blame: dict[str, float] | None = None,
        delay: dict[str, float] | None = None,
    ) -> None:
        self.segment = segment
        self.failure = failure
        self.created = created
        self.position = position
        self.entered = entered
        self.count = count
        self.defective = defective
        self.blame = blame if blame is not None else {}
        self.delay = delay if delay is not None else {}
        self.waited = 0

    @property
    def key(self) -> BatchKey:
        """Batches with equal keys can merge."""
        return (self.segment, self.failure, self.created, self.position, self.entered)

    def absorb(self, other: Batch) -> None:
        """Merge `other` (with an equal key) into this batch."""
        self.count += other.count
        self.defective += other.defective
        self.waited += other.waited
        add_to(self.blame, other.blame)
        add_to(self.delay, other.delay)

    def split(self, count: int, rng: np.random.Generator) -> Batch:
        """Take `count` items (fewer than all) off this batch, chosen at random."""
        defective = self.defective
        if 0 < defective < self.count:
            taken_defective = int(rng.hypergeometric(defective, self.count - defective, count))
        else:
            taken_defective = count if defective else 0
        blame_share = taken_defective / defective if defective else 0.0
        count_share = count / self.count
        part = Batch(
            self.segment,
            self.failure,
            self.created,
            self.position,
            self.entered,
            count,
            taken_defective,
            _scaled(self.blame, blame_share),
            _scaled(self.delay, count_share),
        )
        self.count -= count
        self.defective -= taken_defective
        self.blame = _scaled(self.blame, 1.0 - blame_share)
        self.delay = _scaled(self.delay, 1.0 - count_share)
        return part

    def separate_defective(self, caught: int) -> tuple[Batch, dict[str, float]]:
        """Take `caught` defective items off, cleared of their defects, for rework.

        Returns the rework batch (with its share of the delay so far) and, per department,
        how many of the caught items it made defective: the rework trip is charged to them.
        """
        share = caught / self.defective
        count_share = caught / self.count
        rework = Batch(
            self.segment,
            self.failure,
            self.created,
            self.position,
            self.entered,
            caught,
            0,
            None,
            _scaled(self.delay, count_share),
        )
        culprits = _scaled(self.blame, share)
        self.count -= caught
        self.defective -= caught
        self.blame = _scaled(self.blame, 1.0 - share)
        self.delay = _scaled(self.delay, 1.0 - count_share)
        return rework, culprits
