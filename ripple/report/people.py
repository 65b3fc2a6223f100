"""Who left: the departments people left after turns of low morale, and on which turns.

People leave a department after `LEAVE_AFTER` turns in a row of low morale, taking a share of
its capacity (and the training they had) with them; their places fill only slowly.
"""

from __future__ import annotations

from dataclasses import dataclass

from ripple.engine import Game
from ripple.engine.rules import LEAVE_AFTER, LEAVE_SHARE
from ripple.report.facts import turns_words

WHY = (
    f"People leave after {LEAVE_AFTER} turns in a row of low morale: about "
    f"{LEAVE_SHARE:.0%} of a department each time, and their places fill slowly."
)
"""Why people leave, in one sentence."""


@dataclass(frozen=True, slots=True)
class Leavers:
    """A department people left, and the turns they did."""

    department: str
    name: str
    turns: tuple[int, ...]

    def words(self) -> str:
        """'Claims Intake: people left on turns 6 and 10'."""
        return f"{self.name}: people left on {turns_words(self.turns)}"


def leavers(game: Game) -> list[Leavers]:
    """Every department people left over the turns played, the first to lose people first
    (then in the scenario's order). Read from the snapshots of every turn."""
    order = [d.id for d in game.scenario.departments]
    turns: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    before = {view.id: view.left for view in game.snapshot(0).departments}
    for turn in range(1, game.turn + 1):
        for view in game.snapshot(turn).departments:
            if view.left > before[view.id]:
                turns.setdefault(view.id, []).append(turn)
                names[view.id] = view.name
            before[view.id] = view.left
    ranked = sorted(turns, key=lambda d: (turns[d][0], order.index(d)))
    return [Leavers(d, names[d], tuple(turns[d])) for d in ranked]


def nobody_left(game: Game) -> str:
    """What to say when nobody left."""
    if not game.turn:
        return "Nobody has left: no turns played yet."
    return "Nobody left: morale held up in every department."
