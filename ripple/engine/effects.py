"""Effects that interventions and events put on departments, hand-offs and customers.

An effect starts after its lag, may fade each turn, and may end after a duration. The
numbers a department works with on a turn are its scenario values plus every effect active
on that turn, so an effect that ends simply stops counting.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ripple.engine.kept import KeptBy
from ripple.scenario.model import Effects

Target = tuple[str, str]
"""What an effect lands on: ("department", id), ("handoff", "a->b") or ("customer", id)."""

MOVED = ("capacity", "quality", "morale", "checks", "communication", "lag", "demand")
"""The numbers an effect moves for as long as it is active (its other fields act once)."""

FINISHED_BELOW = 1e-3
"""Strength under which a fading effect is finished: it has faded away. Only an effect this
weak can be finished (one that ended has no strength left)."""


Moves = tuple[tuple[int, float], ...]
"""The `MOVED` numbers effects change, each as its place in `MOVED` and by how much."""


def _moves(effects: Effects) -> Moves:
    return tuple(
        (column, value)
        for column, name in enumerate(MOVED)
        if (value := getattr(effects, name)) is not None
    )


_MOVES: KeptBy[Effects, Moves] = KeptBy(1024)
"""`moves_of` each choice's or event's effects."""


def moves_of(effects: Effects) -> Moves:
    """The `MOVED` numbers these effects change, in `MOVED` order, worked out once: the
    same choices and events set them off again and again."""
    return _MOVES.get(effects, _moves)


@dataclass(frozen=True, slots=True)
class ActiveEffect:
    """One effect on one target, from `start` (a turn) for `duration` turns or for good."""

    source: str
    name: str
    target: Target
    effects: Effects
    start: int
    duration: int | None
    fade: float
    scale: float = 1.0
    """What is left of the effect after people who carried it left (training walks out)."""
    moves: Moves = field(init=False, repr=False, compare=False)
    """The `MOVED` numbers it changes at full strength (`moves_of` its effects)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "moves", moves_of(self.effects))

    def strength(self, turn: int) -> float:
        """How much of the effect counts on `turn`: 0 before it starts and after it ends."""
        if turn < self.start:
            return 0.0
        if self.duration is not None and turn >= self.start + self.duration:
            return 0.0
        return self.scale * (1.0 - self.fade) ** (turn - self.start)

    def finished(self, turn: int) -> bool:
        """True once the effect can no longer count on `turn` or any later turn."""
        if self.duration is not None and turn >= self.start + self.duration:
            return True
        return self.fade > 0 and turn >= self.start and self.strength(turn) < FINISHED_BELOW
