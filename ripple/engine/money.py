"""Money: what served customers bring in, and what failure costs.

Revenue is each delivered item's value; failure costs are the work sent back for rework and
the complaints answered; customers who left take the revenue they would have brought. Good
internal service is good for business, and the game shows it in money too.
"""

from __future__ import annotations

from dataclasses import dataclass

from ripple.engine.state import World
from ripple.engine.ufuncs import sum_of
from ripple.scenario.model import Costs


@dataclass(frozen=True, slots=True)
class Money:
    """One turn's money (or the sum of several turns')."""

    revenue: float = 0.0
    rework: float = 0.0
    complaints: float = 0.0
    lost: float = 0.0

    @property
    def failure(self) -> float:
        """What failure cost: rework and complaints."""
        return self.rework + self.complaints

    @property
    def result(self) -> float:
        """Revenue less what failure cost."""
        return self.revenue - self.failure

    def __add__(self, other: Money) -> Money:
        return Money(
            self.revenue + other.revenue,
            self.rework + other.rework,
            self.complaints + other.complaints,
            self.lost + other.lost,
        )


NO_MONEY = Money()
"""Before the first turn: nothing earned, nothing spent."""


def account(world: World, costs: Costs) -> None:
    """Work out this turn's money and keep it in the world (`money` and `money_total`):
    revenue, rework cost, complaints cost and revenue lost to churn."""
    segments = world.segments
    revenue = sum(s.delivered * s.spec.value for s in segments)
    rework = float(sum_of(world.departments.sent_back)) * costs.rework
    complaints = sum(s.complaints for s in segments) * costs.complaint
    lost = sum((1.0 - s.remaining) * s.spec.demand * s.spec.value for s in segments)
    world.money.append((revenue, rework, complaints, lost))
    total = world.money_total
    world.money_total = (
        total[0] + revenue,
        total[1] + rework,
        total[2] + complaints,
        total[3] + lost,
    )
