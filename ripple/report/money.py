"""The game's money as the debrief and the export tell it: revenue, what failure cost (rework
and complaints answered), and the revenue lost with customers who left, turn by turn and in
all. The figures are the engine's own (`ripple.engine.money.Money`, kept in each snapshot), so
the page, the chart, the tables and the summary can never disagree."""

from __future__ import annotations

from dataclasses import dataclass

from ripple.engine import Game
from ripple.engine.money import NO_MONEY, Money

REVENUE = "Revenue"
FAILURE = "What failure cost"
LOST = "Lost with customers who left"
"""The names of the three money lines, the same on the chart, the page and in the export."""


def per_turn(game: Game) -> list[Money]:
    """Each played turn's money, in turn order (read from the snapshots)."""
    return [game.snapshot(turn).money for turn in range(1, game.turn + 1)]


def total(game: Game) -> Money:
    """The game's money so far."""
    return game.snapshot().money_total if game.turn else NO_MONEY


@dataclass(frozen=True, slots=True)
class MoneyLine:
    """One line of the money told in words."""

    label: str
    value: float
    part: bool = False
    """True for a part of the line above (rework and complaints, of what failure cost)."""


def money_lines(money: Money) -> list[MoneyLine]:
    """The money in words, line by line: revenue, what failure cost and its parts, revenue
    less failure, and the revenue lost with customers who left."""
    return [
        MoneyLine(REVENUE, money.revenue),
        MoneyLine(FAILURE, money.failure),
        MoneyLine("rework", money.rework, part=True),
        MoneyLine("complaints answered", money.complaints, part=True),
        MoneyLine("Revenue less failure", money.result),
        MoneyLine(LOST, money.lost),
    ]
