"""The pure rules of The Ripple Effect: no pygame, no clock, one seeded RNG per game."""

from ripple.engine.game import Game, GameOver
from ripple.engine.interventions import Decision, DecisionError, Option
from ripple.engine.snapshot import Snapshot, TurnReport
from ripple.engine.trace import Ripple

__all__ = [
    "Decision",
    "DecisionError",
    "Game",
    "GameOver",
    "Option",
    "Ripple",
    "Snapshot",
    "TurnReport",
]
