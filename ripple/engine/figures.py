"""The headline figures, each defined once.

Every view reads them from here: the engine's turn reports and totals (and so `ripple
simulate --json`), the play screen's scoreboard, the debrief, batch runs and the balance
check, the export and its summary, and the record of games played. A figure that two
screens show can therefore never disagree between them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ripple.engine.game import Game


def demand_weights(demands: Sequence[float]) -> list[float]:
    """How much each customer segment counts in a figure over all customers: its demand, or
    all alike when no segment has any."""
    weights = [float(d) for d in demands]
    return weights if sum(weights) > 0 else [1.0] * len(weights)


def external_satisfaction(satisfaction: Sequence[float], demands: Sequence[float]) -> float:
    """External customer satisfaction: the segments' satisfaction weighted by demand."""
    weights = demand_weights(demands)
    if not weights:
        return 0.0
    return sum(w * s for w, s in zip(weights, satisfaction, strict=True)) / sum(weights)


def churn(remaining: Sequence[float], demands: Sequence[float]) -> float:
    """The share of external customers lost, weighted by demand as satisfaction is."""
    weights = demand_weights(demands)
    if not weights:
        return 0.0
    kept = sum(w * r for w, r in zip(weights, remaining, strict=True)) / sum(weights)
    return 1.0 - kept


def internal_satisfaction(ratings: Sequence[float]) -> float | None:
    """Internal customer satisfaction: the mean rating over every hand-off (None without
    hand-offs)."""
    return sum(ratings) / len(ratings) if ratings else None


def share(part: float, completed: float) -> float:
    """A share of the work delivered (on time, late, with defects); 0 before any delivery."""
    return part / completed if completed else 0.0


def mean_lead_time(lead_time_sum: float, completed: float) -> float:
    """Turns from arrival to delivery, on average over the work delivered; 0 before any."""
    return lead_time_sum / completed if completed else 0.0


def whole_numbers(parts: Mapping[str, float]) -> dict[str, int]:
    """Parts of a total (harm by department, say, whose weights are fractions of items) as
    whole numbers that add up to the rounded total, so parts shown side by side agree with the
    total shown elsewhere: the largest remainders round up."""
    floors = {key: int(value // 1) for key, value in parts.items()}
    short = round(sum(parts.values())) - sum(floors.values())
    ranked = sorted(parts, key=lambda key: (-(parts[key] - floors[key]), key))
    for key in ranked[: max(0, short)]:
        floors[key] += 1
    return floors


@dataclass(frozen=True)
class Outcomes:
    """A game's outcomes so far, from its totals: what batch runs, the balance check, the
    summary and the record report."""

    satisfaction: float
    on_time: float
    late: float
    defective: float
    churn: float
    lead_time: float
    complaints: int
    completed: int


def outcomes(
    totals: Mapping[str, float],
    remaining: Sequence[float],
    demands: Sequence[float],
    complaints: int,
) -> Outcomes:
    """The outcomes of a game from its totals (`Game.totals()`), each segment's share of
    customers kept and its demand, and the complaints made so far."""
    completed = float(totals["completed"])
    return Outcomes(
        satisfaction=float(totals["satisfaction"]),
        on_time=share(totals["on_time"], completed),
        late=share(totals["late"], completed),
        defective=share(totals["defective"], completed),
        churn=churn(remaining, demands),
        lead_time=float(totals["mean_lead_time"]),
        complaints=int(complaints),
        completed=int(completed),
    )


def game_outcomes(game: Game) -> Outcomes:
    """The outcomes of `game` so far."""
    return outcomes(
        game.totals(),
        game.kept(),
        [c.demand for c in game.scenario.customers],
        sum(report.complaints for report in game.reports),
    )
