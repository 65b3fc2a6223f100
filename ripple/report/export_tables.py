"""The CSV files of the export pack: `turns.csv`, one row per team per turn; `decisions.csv`,
a row per decision and per event the facilitator set off; and what the debrief shows besides:
`departments.csv` (own numbers, the harm started, who left), `root-causes.csv` (every
recurring problem and what became of it) and `money.csv` (money turn by turn)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ripple.engine import Game, figures
from ripple.play.save import SavedGame
from ripple.report.money import per_turn
from ripple.report.people import leavers
from ripple.report.problems import root_causes
from ripple.report.standings import standings
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


# --- what the debrief shows besides: own numbers, root causes, people and money -----------

DEPARTMENT_COLUMNS = (
    "team",
    "department",
    "department_name",
    "rewarded_on",
    "measure_at_end",
    "own_number",
    "processed",
    "harm_share",
    "late",
    "defective",
    "lost",
    "people_left",
    "left_on_turns",
)
"""The columns of `departments.csv`: a row per team per department, the debrief's own
numbers (what it was rewarded on, its own number over the game, the harm it started) and who
left it (how many times, on which turns, separated by spaces)."""

ROOT_CAUSE_COLUMNS = (
    "team",
    "department",
    "department_name",
    "problem",
    "problem_name",
    "defects",
    "delay",
    "found_turn",
    "found_by",
    "fixed_turn",
    "status",
    "turns_at_work",
    "firefought_on_turns",
)
"""The columns of `root-causes.csv`: a row per team per recurring problem, hidden ones too:
when it came to light and how ('asked', 'visited', 'traced'; 0 and '' if never), the turn it
was gone from (0 if not fixed), what became of it ('fixed', 'being fixed: gone from turn
N', 'still there', 'never found' or 'not found yet'), how many turns it kept coming back,
and the turns firefighting held it back (separated by spaces)."""

MONEY_COLUMNS = ("team", "turn", "revenue", "rework", "complaints", "failure", "result", "lost")
"""The columns of `money.csv`: a row per team per turn: revenue, what failure cost (rework,
complaints answered, and both), revenue less failure, and revenue lost with customers who
left."""


def _number(value: float) -> float:
    """A number as the tables write it: six decimals at most."""
    return round(value, 6)


def department_rows(games: Mapping[str, Game]) -> list[list[object]]:
    """A row per team per department in the order of `DEPARTMENT_COLUMNS`, the departments
    as the debrief's own-numbers page ranks them."""
    rows: list[list[object]] = []
    for team, game in games.items():
        left = {leaving.department: leaving.turns for leaving in leavers(game)}
        for standing in standings(game):
            turns = left.get(standing.id, ())
            rows.append(
                [
                    team,
                    standing.id,
                    standing.name,
                    standing.measure,
                    standing.measures[-1][1],
                    "" if standing.own is None else _number(standing.own),
                    standing.processed,
                    _number(standing.harm),
                    *(standing.kinds.get(kind, 0) for kind in ("late", "defective", "lost")),
                    len(turns),
                    " ".join(str(turn) for turn in turns),
                ]
            )
    return rows


def root_cause_rows(games: Mapping[str, Game]) -> list[list[object]]:
    """A row per team per recurring problem in the order of `ROOT_CAUSE_COLUMNS`, as the
    debrief's root-causes page lists them."""
    rows: list[list[object]] = []
    for team, game in games.items():
        for cause in root_causes(game):
            rows.append(
                [
                    team,
                    cause.department,
                    cause.department_name,
                    cause.id,
                    cause.name,
                    _number(cause.defects),
                    _number(cause.delay),
                    cause.found,
                    cause.how,
                    cause.fixed,
                    cause.fate(),
                    cause.recurring,
                    " ".join(str(turn) for turn in cause.firefought),
                ]
            )
    return rows


def money_rows(games: Mapping[str, Game]) -> list[list[object]]:
    """A row per team per turn in the order of `MONEY_COLUMNS`."""
    rows: list[list[object]] = []
    for team, game in games.items():
        for turn, money in enumerate(per_turn(game), start=1):
            rows.append(
                [
                    team,
                    turn,
                    *(
                        _number(value)
                        for value in (
                            money.revenue,
                            money.rework,
                            money.complaints,
                            money.failure,
                            money.result,
                            money.lost,
                        )
                    ),
                ]
            )
    return rows
