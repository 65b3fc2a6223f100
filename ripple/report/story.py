"""The story of a game in plain words: a turn-by-turn table, then where the ripples started
and what customers felt. Written for a terminal and for reading aloud in a debrief."""

from __future__ import annotations

from ripple.engine import Game, figures
from ripple.engine.state import HARM_WORDS
from ripple.report.standings import HARMFUL, harm_shares

_BAR = 20


def _bar(share: float) -> str:
    filled = round(max(0.0, min(1.0, share)) * _BAR)
    return "#" * filled + "." * (_BAR - filled)


def _percent(part: float, whole: float) -> str:
    return f"{figures.share(part, whole):.0%}" if whole else "-"


def table(game: Game) -> list[str]:
    """One line per turn: work in and out, how it arrived, and satisfaction as a bar."""
    lines = [
        "turn    new  done  on time  late  defective  complaints   wip  satisfaction",
    ]
    for r in game.reports:
        lines.append(
            f"{r.turn:>4} {r.created:>6} {r.completed:>5} {r.on_time:>8} {r.late:>5} "
            f"{r.defective:>10} {r.complaints:>11} {r.wip:>5}  {_bar(r.satisfaction)} "
            f"{r.satisfaction:.0%}"
        )
    return lines


def _name(game: Game, department: str) -> str:
    return game.menu.target_name(department)


def ripples(game: Game, top: int = 5) -> list[str]:
    """The biggest ripples: root cause, the chain it travelled, the customers it reached."""
    words = game.scenario.item
    customers = {c.id: c.name for c in game.scenario.customers}
    found = game.ripples()[:top]
    if not found:
        return ["No ripples: every item reached its customer on time and right."]
    lines = []
    for ripple in found:
        chain = " -> ".join(_name(game, d) for d in ripple.chain)
        count = str(round(ripple.weight)) if ripple.weight >= 1 else "less than 1"
        started = "made at" if ripple.kind == "defective" else "held up at"
        lines.append(
            f"- {count} {words.many} reached {customers[ripple.customer]} "
            f"{HARM_WORDS[ripple.kind]}, "
            f"{started} {_name(game, ripple.origin)}: {chain} -> {customers[ripple.customer]}"
        )
    return lines


def customers(game: Game) -> list[str]:
    """What each customer segment felt, from its first turn to its last."""
    snapshot = game.snapshot()
    start = {c.id: c.satisfaction for c in game.scenario.customers}
    lines = []
    for view in snapshot.customers:
        lines.append(
            f"- {view.name}: satisfaction {start[view.id]:.0%} -> {view.satisfaction:.0%} "
            f"({view.mood}); {view.remaining:.0%} of them still with you."
        )
    return lines


def own_numbers(game: Game) -> list[str]:
    """Departments that looked good on their own numbers but hurt customers downstream."""
    shares = harm_shares(game)
    lines = []
    for view in game.snapshot().departments:
        share = shares.get(view.id, 0.0)
        if view.total_processed and share >= HARMFUL:
            lines.append(
                f"- {view.name} finished {view.total_processed} {game.scenario.item.many} "
                f"yet started {share:.0%} of the harm customers felt."
            )
    return lines


def decided_by(game: Game, policy: str, source: str | None = None, recorded: int = 0) -> str:
    """Who made the game's decisions, for the heading: "policy 'silo'", or, for a replay of
    `recorded` turns from `source` (a save), "decisions from game.json" and, when the policy
    played on after them, "decisions from game.json for turns 1-3, then policy 'none'"."""
    if source is None:
        return f"policy '{policy}'"
    if recorded >= game.turns:
        return f"decisions from {source}"
    if recorded == 0:
        return f"policy '{policy}' ({source} has no decisions)"
    played = "turn 1" if recorded == 1 else f"turns 1-{recorded}"
    return f"decisions from {source} for {played}, then policy '{policy}'"


def story(game: Game, policy: str, *, source: str | None = None, recorded: int = 0) -> str:
    """The whole readable report of a played game; `source` and `recorded` say where the
    decisions of its first turns came from (see `decided_by`)."""
    totals = game.totals()
    completed = int(totals["completed"])
    words = game.scenario.item
    lines = [
        f"{game.scenario.title} - seed {game.seed}, {game.turns} turns, "
        + decided_by(game, policy, source, recorded),
        "",
        *table(game),
        "",
        f"{completed} {words.many} delivered: {_percent(totals['on_time'], completed)} on time, "
        f"{_percent(totals['defective'], completed)} with defects; "
        f"mean lead time {totals['mean_lead_time']:.1f} turns; "
        f"{totals['wip']} still inside, {totals['scrapped']} given up on.",
        "",
        "Where the ripples started:",
        *ripples(game),
        "",
        "What customers felt:",
        *customers(game),
    ]
    blind = own_numbers(game)
    if blind:
        lines += ["", "Busy is not the same as helpful:", *blind]
    if game.scenario.debrief:
        lines += ["", "Questions for the debrief:", *(f"- {q}" for q in game.scenario.debrief)]
    return "\n".join(lines) + "\n"
