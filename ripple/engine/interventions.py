"""Decisions: a player's choice of intervention and target, checked and turned into effects."""

from __future__ import annotations

from dataclasses import dataclass

from ripple.engine.effects import ActiveEffect, Target
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
        self._options: list[Option] | None = None
        self._targets: dict[int, tuple[Intervention, list[str | None]]] = {}

    def targets(self, intervention: Intervention) -> list[str | None]:
        """Every target this intervention may be aimed at, in a stable order."""
        kept = self._targets.get(id(intervention))
        if kept is None or kept[0] is not intervention:
            kept = self._targets[id(intervention)] = (intervention, self._targets_of(intervention))
        return list(kept[1])

    def _targets_of(self, intervention: Intervention) -> list[str | None]:
        if intervention.target == "everyone":
            return [None]
        pool = list(self._departments) if intervention.target == "department" else self._handoffs
        if intervention.only is None:
            return list(pool)
        allowed = {self._normalise(entry) for entry in intervention.only}
        return [t for t in pool if t in allowed]

    def options(self, budget: int) -> list[Option]:
        """Every (intervention, target) the budget allows, in menu order.

        The menu never changes during a game, so the full list is worked out once.
        """
        if self._options is None:
            self._options = [
                Option(i, target, self.describe(i, target))
                for i in self.interventions.values()
                for target in self.targets(i)
            ]
        return [option for option in self._options if option.intervention.cost <= budget]

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
            target = self._normalise(decision.target) if decision.target else None
            if target not in self.targets(intervention):
                raise DecisionError(f"'{intervention.name}' cannot be aimed at '{decision.target}'")
            spent += intervention.cost
        if spent > budget:
            raise DecisionError(f"these decisions cost {spent}, but the budget is {budget}")

    def effects(self, decision: Decision, turn: int) -> list[ActiveEffect]:
        """The effects a (checked) decision sets off, starting after the intervention's lag."""
        intervention = self.interventions[decision.intervention]
        target = self._normalise(decision.target) if decision.target else None
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

    @staticmethod
    def _normalise(target: str) -> str:
        pair = parse_handoff(target)
        return handoff_key(*pair) if pair else target.strip()
