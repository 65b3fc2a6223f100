"""Decisions: a player's choice of intervention and target, checked and turned into effects."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ripple.engine.effects import ActiveEffect, Target
from ripple.engine.kept import KeptBy
from ripple.scenario.model import Intervention, handoff_key, parse_handoff


class DecisionError(ValueError):
    """A decision the rules do not allow (unknown choice, wrong target, over budget)."""


@dataclass(frozen=True, slots=True)
class Decision:
    """One intervention on one target: a department id, a hand-off 'a->b', or None for everyone."""

    intervention: str
    target: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        """The decision as saved in a game file."""
        return {"intervention": self.intervention, "target": self.target}


@dataclass(frozen=True, slots=True)
class Option:
    """A choice on offer this turn, with its price."""

    intervention: Intervention
    target: str | None
    label: str


@dataclass(frozen=True, slots=True)
class Offers:
    """Every choice on a menu, and those each budget allows: the same for every game of a
    scenario, so worked out once and shared by all of them."""

    options: tuple[Option, ...]
    affordable: dict[int, tuple[Option, ...]] = field(default_factory=dict)
    """The options each budget allows, by budget, as budgets come up."""

    def within(self, budget: int) -> tuple[Option, ...]:
        """The options `budget` allows, in menu order."""
        found = self.affordable.get(budget)
        if found is None:
            found = tuple(o for o in self.options if o.intervention.cost <= budget)
            self.affordable[budget] = found
        return found


OFFERS_KEPT = 16
"""How many menus' offers are kept for the next game: a batch plays a few scenarios."""

_offers: dict[tuple[object, ...], tuple[tuple[Intervention, ...], Offers]] = {}
"""Offers by what they are made of: the interventions (by id: they are kept with their
offers, so no other intervention can have the id meanwhile), the departments and the
hand-offs."""


@lru_cache(maxsize=1024)
def _normalise(target: str) -> str:
    """A target as the menu names it: 'a->b' for a hand-off however it was written."""
    pair = parse_handoff(target)
    return handoff_key(*pair) if pair else target.strip()


class Menu:
    """The interventions a scenario offers and the targets each may be aimed at."""

    def __init__(
        self,
        interventions: tuple[Intervention, ...],
        departments: dict[str, str],
        handoffs: list[str],
    ) -> None:
        self.interventions = {i.id: i for i in interventions}
        self._departments = departments
        self._handoffs = handoffs
        self._offers: Offers | None = None
        self._targets: KeptBy[Intervention, list[str | None]] = KeptBy(1024)

    def targets(self, intervention: Intervention) -> list[str | None]:
        """Every target this intervention may be aimed at, in a stable order."""
        return list(self._kept_targets(intervention))

    def _kept_targets(self, intervention: Intervention) -> list[str | None]:
        """`targets`, worked out once per intervention (never to be changed)."""
        return self._targets.get(intervention, self._targets_of)

    def _targets_of(self, intervention: Intervention) -> list[str | None]:
        if intervention.target == "everyone":
            return [None]
        pool = list(self._departments) if intervention.target == "department" else self._handoffs
        if intervention.only is None:
            return list(pool)
        allowed = {_normalise(entry) for entry in intervention.only}
        return [t for t in pool if t in allowed]

    def options(self, budget: int) -> list[Option]:
        """Every (intervention, target) the budget allows, in menu order.

        The menu never changes during a game and is the same in every game of a scenario,
        so its options are worked out once for all of them.
        """
        if self._offers is None:
            self._offers = self._shared_offers()
        return list(self._offers.within(budget))

    def _shared_offers(self) -> Offers:
        """The offers of this menu, as an earlier menu of the same choices worked them out."""
        interventions = tuple(self.interventions.values())
        key = (
            tuple(map(id, interventions)),
            tuple(self._departments.items()),
            tuple(self._handoffs),
        )
        kept = _offers.get(key)
        if kept is not None:
            return kept[1]
        if len(_offers) >= OFFERS_KEPT:
            _offers.clear()
        offers = Offers(
            tuple(
                Option(i, target, self.describe(i, target))
                for i in interventions
                for target in self._kept_targets(i)
            )
        )
        _offers[key] = (interventions, offers)
        return offers

    def describe(self, intervention: Intervention, target: str | None) -> str:
        """'Train the team: Claims Intake' — what the choice reads like on screen."""
        return f"{intervention.name}: {self.target_name(target)}"

    def target_name(self, target: str | None) -> str:
        """A target as players read it: department names, 'A -> B' for hand-offs."""
        if target is None:
            return "everyone"
        if target in self._departments:
            return self._departments[target]
        pair = parse_handoff(target)
        if pair:
            supplier, customer = (self._departments.get(side, side) for side in pair)
            return f"{supplier} -> {customer}"
        return target

    def check(self, decisions: list[Decision], budget: int) -> None:
        """Raise DecisionError unless every decision is on the menu and all fit the budget."""
        spent = 0
        for decision in decisions:
            intervention = self.interventions.get(decision.intervention)
            if intervention is None:
                known = ", ".join(self.interventions) or "none"
                raise DecisionError(
                    f"'{decision.intervention}' is not on the menu (the menu has: {known})"
                )
            target = _normalise(decision.target) if decision.target else None
            if target not in self._kept_targets(intervention):
                raise DecisionError(f"'{intervention.name}' cannot be aimed at '{decision.target}'")
            spent += intervention.cost
        if spent > budget:
            raise DecisionError(f"these decisions cost {spent}, but the budget is {budget}")

    def effects(self, decision: Decision, turn: int) -> list[ActiveEffect]:
        """The effects a (checked) decision sets off, starting after the intervention's lag."""
        intervention = self.interventions[decision.intervention]
        target = _normalise(decision.target) if decision.target else None
        return [
            ActiveEffect(
                source="intervention",
                name=intervention.name,
                target=aim,
                effects=intervention.effects,
                start=turn + intervention.lag,
                duration=intervention.duration,
                fade=intervention.fade,
            )
            for aim in self.aims(target)
        ]

    def aims(self, target: str | None) -> list[Target]:
        """The engine targets a player's target stands for (everyone: every department)."""
        if target is None:
            return [("department", d) for d in self._departments]
        if target in self._departments:
            return [("department", target)]
        return [("handoff", target)]
