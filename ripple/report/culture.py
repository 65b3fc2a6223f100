"""The culture read-out: where a learner's spending places their play on the three levels of
service culture, with the evidence. Customer service as a department (only the front line
gets attention); everyone serving the external customer (each department on its own); and
everyone treating colleagues as customers (investment in hand-offs across the organisation).
"""

from __future__ import annotations

from dataclasses import dataclass

from ripple.engine import Game
from ripple.report.facts import front_line, listed, spending, target_of
from ripple.scenario.model import parse_handoff

DUTIES = {
    "enters": "where {many} arrive",
    "served": "delivery to customers",
    "complaints": "complaints handling",
}
"""A front-line department's duty towards customers, as the culture read-out names it."""

LEVELS: tuple[tuple[str, str], ...] = (
    (
        "Customer service is a department",
        "Only the front line, where customers come in, are served and complain, gets "
        "attention; the work behind it is left as it is.",
    ),
    (
        "Everyone serves the external customer",
        "Departments across the organisation invest in doing their own part well for the "
        "paying customer, but each on its own.",
    ),
    (
        "Everyone treats colleagues as customers",
        "Teams invest in the hand-offs between them, serving the next colleague in line as a "
        "customer, across the organisation.",
    ),
)
"""The three levels of a service culture, lowest first: (name, what it means)."""

SPREAD = ("front line", "departments", "hand-offs")
"""Where budget can go: the departments customers meet, the others, the hand-offs."""

PLACES = {
    "front line": "the front line",
    "departments": "departments beyond the front line",
    "hand-offs": "hand-offs",
}
"""Each of SPREAD as the evidence names it."""

HANDOFF_SHARE = 0.5
"""Level 3 needs at least this share of the budget on hand-offs..."""

HANDOFFS_SPREAD = 2
"""...spread over at least this many different hand-offs (or all of them, if fewer)."""

BEYOND_SHARE = 0.25
"""Level 2 needs at least this share of the budget beyond the front line."""

EXAMPLES = 3
"""How many of the most invested targets the evidence names."""


@dataclass(frozen=True, slots=True)
class Culture:
    """The service culture a game's decisions showed: its level and the spending behind it."""

    level: int
    name: str
    meaning: str
    evidence: tuple[str, ...]
    shares: dict[str, float]
    """Share of the budget spent on each of SPREAD."""


def where(game: Game, aim: str | None) -> str:
    """Which of SPREAD a target belongs to ('everyone' counts as departments)."""
    if aim is not None and parse_handoff(aim) is not None:
        return "hand-offs"
    return "front line" if aim in front_line(game) else "departments"


def culture(game: Game) -> Culture:
    """The level the learner played at, from how they spent the budget.

    Level 3 when at least HANDOFF_SHARE of the budget went to hand-offs, over at least
    HANDOFFS_SPREAD different ones (all of them, in a scenario with fewer); else level 2 when
    at least BEYOND_SHARE went beyond the front line (departments customers do not meet, and
    hand-offs); else level 1, which is also where a game with nothing invested stands.
    """
    spent = spending(game)
    total = sum(spent.values())
    points = dict.fromkeys(SPREAD, 0)
    for aim, cost in spent.items():
        points[where(game, aim)] += cost
    shares = {kind: points[kind] / total if total else 0.0 for kind in SPREAD}
    handoffs = [aim for aim, cost in spent.items() if cost and where(game, aim) == "hand-offs"]
    spread = min(HANDOFFS_SPREAD, len(game.scenario.dependencies))
    if total and shares["hand-offs"] >= HANDOFF_SHARE and len(handoffs) >= max(1, spread):
        level = 3
    elif total and 1.0 - shares["front line"] >= BEYOND_SHARE:
        level = 2
    else:
        level = 1
    name, meaning = LEVELS[level - 1]
    return Culture(level, name, meaning, _spent_words(game, spent, points, level), shares)


def _spent_words(
    game: Game, spent: dict[str | None, int], points: dict[str, int], level: int
) -> tuple[str, ...]:
    """The evidence: what was spent, where, the biggest examples, and the rule the level met."""
    total = sum(spent.values())
    turns = game.turn
    if not total:
        return (f"Nothing was invested: no budget was spent in {turns} turns.",)
    choices = sum(len(chosen) for chosen in game.decisions)
    lines = [f"{total} budget points spent on {choices} choices over {turns} turns"]
    for kind in SPREAD:
        aims = [a for a, c in spent.items() if c and where(game, a) == kind]
        line = f"{points[kind]} of {total} went to {PLACES[kind]}"
        if kind == "hand-offs" and aims:
            line += f" ({len(aims)} different hand-off{'s' if len(aims) != 1 else ''})"
        elif aims:
            line += f" ({listed([game.menu.target_name(a) for a in aims])})"
        lines.append(line)
    ranked = sorted((a for a in spent if spent[a]), key=lambda a: -spent[a])
    lines += [_example(game, aim, spent[aim]) for aim in ranked[:EXAMPLES]]
    talks = sum(
        1
        for chosen in game.decisions
        for d in chosen
        if (game.menu.interventions[d.intervention].effects.communication or 0) > 0
        and where(game, target_of(d)) == "hand-offs"
    )
    if talks:
        lines.append(f"{talks} of {choices} choices opened two-way communication on a hand-off")
    lines.append(_rule(level))
    return tuple(lines)


def _example(game: Game, aim: str | None, points: int) -> str:
    """A target's spend in one line: 'Customer Care got 4 points: complaints handling, the
    front line (Push for throughput ×4)'."""
    names: dict[str, int] = {}
    for chosen in game.decisions:
        for decision in chosen:
            if target_of(decision) == aim:
                name = game.menu.interventions[decision.intervention].name
                names[name] = names.get(name, 0) + 1
    what = ", ".join(f"{name} ×{n}" if n > 1 else name for name, n in names.items())
    kind = where(game, aim)
    if kind == "hand-offs":
        place = "a hand-off"
    elif aim is None:
        place = "every department at once"
    elif kind == "front line":
        duties = dict.fromkeys(DUTIES[role] for _, role in front_line(game)[aim])
        place = f"{listed(list(duties)).format(many=game.scenario.item.many)}, the front line"
    else:
        place = "a department customers do not meet"
    plural = "s" if points != 1 else ""
    return f"{game.menu.target_name(aim)} got {points} point{plural}: {place} ({what})"


def _rule(level: int) -> str:
    """Why the level: the rule it met, in numbers."""
    if level == 3:
        return (
            f"Level 3: at least {HANDOFF_SHARE:.0%} of the budget on hand-offs, "
            f"over {HANDOFFS_SPREAD} or more of them"
        )
    if level == 2:
        return f"Level 2: at least {BEYOND_SHARE:.0%} of the budget beyond the front line"
    return f"Level 1: less than {BEYOND_SHARE:.0%} of the budget beyond the front line"
