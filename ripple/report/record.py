"""Playing a game headless and recording it as the JSON `ripple simulate --json` prints."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ripple.engine import Decision, Game, TurnReport
from ripple.engine.policies import policy_named


def play_out(
    game: Game,
    policy: str = "none",
    decisions: Sequence[Sequence[Decision]] = (),
    injected: Sequence[Sequence[str]] = (),
) -> None:
    """Play `game` to its end: recorded decisions first, then the policy decides."""
    choose = policy_named(policy)
    while not game.over:
        turn = game.turn
        chosen = decisions[turn] if turn < len(decisions) else choose(game)
        game.play_turn(chosen, injected[turn] if turn < len(injected) else ())


def turn_record(report: TurnReport) -> dict[str, Any]:
    """One turn as the JSON tells it: its numbers, then its log in plain words, and how many
    of the log's lines each part takes, in the order told (decisions, events, customers,
    voices, people, found, work; parts with no line left out): with "parts" {"decisions": 2,
    "customers": 3}, the log's first two lines are the decisions, the next three what
    reached customers."""
    return {
        **report.as_dict(),
        "log": list(report.log),
        "parts": {section: len(lines) for section, lines in report.sections},
    }


def record(game: Game, policy: str) -> dict[str, Any]:
    """The whole game as one JSON-ready object."""
    return {
        "scenario": game.scenario.title,
        "seed": game.seed,
        "policy": policy,
        "turns": [turn_record(report) for report in game.reports],
        "totals": game.totals(),
        "attribution": [
            {"department": department, "kind": kind, "share": round(weight, 6)}
            for (department, kind), weight in sorted(
                game.attribution().items(), key=lambda item: (-item[1], item[0])
            )
        ],
        "decisions": [[d.as_dict() for d in turn] for turn in game.decisions],
    }
