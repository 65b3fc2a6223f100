"""Replaying a game: a game is fully described by its scenario, seed, decisions, the events
injected on each turn, its number of turns and its budget, so playing those again gives the
same game, bit for bit.

`replay_game` is the one way a game is played again from those values: saves
(`SavedGame.replay`, `SavedGame.games`, so the play screen, live reload, `ripple export` and
`ripple simulate --decisions`) and what if (`ripple.report.whatif.replay`) all go through it,
and `Game.rewind` plays its kept turns again with the same `Game.play_recorded`. It takes
plain values, so the engine knows nothing of save files; what a save leaves unknown (seed
or turns -1) is settled by the save before it gets here.
"""

from __future__ import annotations

from collections.abc import Sequence

from ripple.engine.game import Game
from ripple.engine.interventions import Decision
from ripple.scenario.model import Scenario


def replay_game(
    scenario: Scenario,
    seed: int | None,
    decisions: Sequence[Sequence[Decision]],
    injected: Sequence[Sequence[str]] = (),
    *,
    turns: int | None = None,
    budget: int | None = None,
    keep_snapshots: bool = True,
) -> Game:
    """A new game of `scenario` with the recorded turns played again.

    `seed`, `turns` and `budget` are the game's own, None for the scenario's. The game is
    `turns` long whatever the record holds: a record cut short leaves the game part played,
    one longer than the game is played only as far as its last turn.

    Raises DecisionError, naming the turn, when the record does not fit the scenario.
    """
    game = Game(scenario, seed, turns=turns, keep_snapshots=keep_snapshots, budget=budget)
    game.play_recorded(decisions, injected)
    return game
