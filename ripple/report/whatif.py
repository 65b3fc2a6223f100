"""What if: the game as first played beside a replay that went differently from an earlier
turn. Both timelines are compared turn for turn up to the same turn: the two satisfaction
curves, each customer's outcomes, and the ripple chains whose harm changed most.
"""

from __future__ import annotations

from dataclasses import dataclass

from ripple.engine import Decision, Game
from ripple.engine.replay import replay_game
from ripple.engine.state import HARM_WORDS

SMALLEST_CHANGE = 0.5
"""A chain's harm must change by at least this many items to count as changed."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """One customer segment in both timelines: (first, second) of each figure."""

    customer: str
    name: str
    satisfaction: tuple[float, float]
    good: tuple[int, int]
    """Deliveries on time and right."""
    unhappy: tuple[int, int]
    """Deliveries late or defective, and items given up on."""
    complaints: tuple[int, int]
    remaining: tuple[float, float]
    """The share of the segment still a customer (the rest has left)."""

    @property
    def changed(self) -> bool:
        """True if anything the customer felt differs between the timelines."""
        return (
            abs(self.satisfaction[0] - self.satisfaction[1]) >= 0.005
            or self.good[0] != self.good[1]
            or self.unhappy[0] != self.unhappy[1]
            or self.complaints[0] != self.complaints[1]
        )


@dataclass(frozen=True, slots=True)
class ChainChange:
    """A ripple whose harm differs between the timelines: (first, second) items."""

    customer: str
    origin: str
    kind: str
    chain: tuple[str, ...]
    """Department names from where the harm started to where the customer is served."""
    weight: tuple[float, float]

    @property
    def change(self) -> float:
        """Items of harm the second timeline has more (negative: fewer)."""
        return self.weight[1] - self.weight[0]


@dataclass(frozen=True, slots=True)
class WhatIf:
    """Both timelines, up to `turn`; they part after turn `branched_at`."""

    branched_at: int
    turn: int
    first: tuple[float, ...]
    """External satisfaction after each turn from 1 to `turn`, as first played."""
    second: tuple[float, ...]
    """The same, played differently."""
    outcomes: tuple[Outcome, ...]
    chains: tuple[ChainChange, ...]
    """Changed chains, biggest change first."""
    choices: tuple[tuple[int, str, str], ...] = ()
    """The turns chosen differently: (turn, as first played, what if), in words."""


def replay(game: Game, turn: int | None = None) -> Game:
    """A separate game with the same scenario, seed and decisions, played up to `turn`
    (default: as far as `game`)."""
    upto = game.turn if turn is None else turn
    return replay_game(
        game.scenario,
        game.seed,
        game.decisions[:upto],
        game.injected[:upto],
        turns=game.turns,
        budget=game.budget,
    )


def compare(first: Game, second: Game, branched_at: int) -> WhatIf:
    """Compare the first timeline with the second, both as far as the second has got."""
    turn = min(first.turn, second.turn)
    before = first if first.turn == turn else replay(first, turn)
    after = second if second.turn == turn else replay(second, turn)
    return WhatIf(
        branched_at=branched_at,
        turn=turn,
        first=tuple(r.satisfaction for r in before.reports),
        second=tuple(r.satisfaction for r in after.reports),
        outcomes=tuple(_outcomes(before, after)),
        chains=tuple(_chains(before, after)),
        choices=tuple(
            (turn, chosen(before, one), chosen(after, other))
            for turn, (one, other) in enumerate(
                zip(before.decisions, after.decisions, strict=True), start=1
            )
            if one != other
        ),
    )


def chosen(game: Game, decisions: tuple[Decision, ...]) -> str:
    """One turn's decisions in words: 'Train the team at Assessment; Talk with …'."""
    if not decisions:
        return "nothing"
    menu = game.menu
    return "; ".join(
        menu.interventions[d.intervention].name
        + (f" at {menu.target_name(d.target)}" if d.target else "")
        for d in decisions
    )


def _totals(game: Game) -> dict[str, tuple[int, int, int]]:
    """Per customer: deliveries on time and right, unhappy ones, complaints, over the game."""
    totals: dict[str, tuple[int, int, int]] = {}
    for turn in range(1, game.turn + 1):
        for view in game.snapshot(turn).customers:
            good, unhappy, said = totals.get(view.id, (0, 0, 0))
            bad = view.delivered - view.on_time_and_right + view.lost
            totals[view.id] = (good + view.on_time_and_right, unhappy + bad, said + view.complaints)
    return totals


def _outcomes(before: Game, after: Game) -> list[Outcome]:
    first, second = _totals(before), _totals(after)
    now = {view.id: view for view in before.snapshot().customers}
    then = {view.id: view for view in after.snapshot().customers}
    found = []
    for customer in before.scenario.customers:
        a, b = first.get(customer.id, (0, 0, 0)), second.get(customer.id, (0, 0, 0))
        found.append(
            Outcome(
                customer=customer.id,
                name=customer.name,
                satisfaction=(now[customer.id].satisfaction, then[customer.id].satisfaction),
                good=(a[0], b[0]),
                unhappy=(a[1], b[1]),
                complaints=(a[2], b[2]),
                remaining=(now[customer.id].remaining, then[customer.id].remaining),
            )
        )
    return found


def _chains(before: Game, after: Game) -> list[ChainChange]:
    name = before.menu.target_name
    customers = {c.id: c.name for c in before.scenario.customers}
    weights: dict[tuple[str, str, str], list[float]] = {}
    chains: dict[tuple[str, str, str], tuple[str, ...]] = {}
    for k, game in enumerate((before, after)):
        for ripple in game.ripples():
            key = (ripple.customer, ripple.origin, ripple.kind)
            weights.setdefault(key, [0.0, 0.0])[k] = ripple.weight
            chains[key] = ripple.chain
    found = [
        ChainChange(
            customer=customers[key[0]],
            origin=name(key[1]),
            kind=key[2],
            chain=tuple(name(d) for d in chains[key]),
            weight=(pair[0], pair[1]),
        )
        for key, pair in sorted(weights.items())
        if abs(pair[1] - pair[0]) >= SMALLEST_CHANGE
    ]
    found.sort(key=lambda c: -abs(c.change))
    return found


"""How each kind of harm reads in a sentence about a chain."""


def outcome_line(outcome: Outcome) -> str:
    """A customer's change in words: 'Policyholders: satisfaction 62% → 71%, 14 fewer
    unhappy deliveries, 3 fewer complaints'."""
    a, b = outcome.satisfaction
    parts = [f"satisfaction {a:.0%} → {b:.0%}"]
    for label, (x, y) in (
        ("unhappy deliveries", outcome.unhappy),
        ("complaints", outcome.complaints),
    ):
        if x != y:
            parts.append(f"{abs(y - x)} {'fewer' if y < x else 'more'} {label}")
    if abs(outcome.remaining[0] - outcome.remaining[1]) >= 0.005:
        parts.append(f"kept {outcome.remaining[0]:.0%} → {outcome.remaining[1]:.0%}")
    return f"{outcome.name}: " + ", ".join(parts)


def chain_line(change: ChainChange, item_words: str) -> str:
    """A chain's change in words: 'Claims Intake → Assessment → Payments: 12 → 4 claims
    reached Fleet Managers with a defect'."""
    a, b = change.weight
    return (
        f"{' → '.join(change.chain)}: {a:.0f} → {b:.0f} {item_words} reached "
        f"{change.customer} {HARM_WORDS[change.kind]}"
    )
