"""The CSV files of the export pack: `turns.csv`, one row per team per turn, and
`decisions.csv`, a row per decision and per event the facilitator set off."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ripple.engine import Game, figures
from ripple.play.save import SavedGame
from ripple.scenario.model import parse_handoff

TURN_COLUMNS = (
    "team",
    "turn",
    "created",
    "completed",
    "scrapped",
    "wip",
    "on_time",
    "late",
    "defective",
    "complaints",
    "satisfaction",
    "lead_time_sum",
    "mean_lead_time",
    "log",
)
"""The columns of `turns.csv`: one row per team per turn."""

DECISION_COLUMNS = ("team", "turn", "kind", "id", "name", "target", "target_name", "cost")
"""The columns of `decisions.csv`: a row per decision (kind "decision") and per event the
facilitator set off (kind "event")."""


def turn_rows(games: Mapping[str, Game]) -> list[list[object]]:
    """One row per team per turn in the order of `TURN_COLUMNS` (team '' for one game)."""
    rows: list[list[object]] = []
    for team, game in games.items():
        for report in game.reports:
            numbers = report.as_dict()
            lead = figures.mean_lead_time(report.lead_time_sum, report.completed)
            mean = round(lead, 6) if report.completed else ""
            rows.append(
                [
                    team,
                    *(numbers[column] for column in TURN_COLUMNS[1:11]),
                    report.lead_time_sum,
                    mean,
                    "\n".join(report.log),
                ]
            )
    return rows


def decision_rows(saved: SavedGame, games: Mapping[str, Game]) -> list[list[object]]:
    """Every decision and every event the facilitator set off, turn by turn, in the order of
    `DECISION_COLUMNS`. Teams sharing one organisation are told apart by the departments
    each one runs."""
    rows: list[list[object]] = []
    for team, game in games.items():
        for turn, chosen in enumerate(game.decisions, start=1):
            for decision in chosen:
                intervention = game.menu.interventions[decision.intervention]
                rows.append(
                    [
                        team or _owner(saved.roles, decision.target),
                        turn,
                        "decision",
                        intervention.id,
                        intervention.name,
                        decision.target or "",
                        game.menu.target_name(decision.target),
                        intervention.cost,
                    ]
                )
            for event_id in game.injected[turn - 1]:
                event = game.events[event_id]
                where = _target_name(game, event.target)
                rows.append([team, turn, "event", event.id, event.name, event.target, where, ""])
    return rows


def _owner(roles: Mapping[str, Sequence[str]], target: str | None) -> str:
    """The team that runs the department (or the supplier of the hand-off) aimed at."""
    if target is None:
        return ""
    pair = parse_handoff(target)
    department = pair[0] if pair else target
    return next((team for team, owned in roles.items() if department in owned), "")


def _target_name(game: Game, target: str) -> str:
    """An event's target as players read it: a customer, a department, a hand-off, everyone."""
    named = {c.id: c.name for c in game.scenario.customers}
    return named.get(target) or game.menu.target_name(target)
