"""What every meaning check works on: the items of a scenario that are valid on their own
(`Parts`), and the `Report` that collects problems, each placed at the value it is about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ripple.scenario.menu import STANDARD_MENU
from ripple.scenario.model import (
    Customer,
    Department,
    Dependency,
    Event,
    Intervention,
    Scenario,
    TutorialStep,
    parse_handoff,
)
from ripple.scenario.problems import Problem, Severity
from ripple.scenario.spelling import did_you_mean
from ripple.scenario.yamlsafe import Document, Location

Item = TypeVar("Item", bound=BaseModel)


@dataclass
class Parts:
    """The items of a scenario that are valid on their own, each with its place in its list.

    The names come from everything written, valid or not, so a department with a bad
    capacity is still a department other items may refer to. A scenario without
    `interventions` gets the standard menu, which needs no checking (but a tutorial may
    name its interventions).
    """

    departments: list[tuple[int, Department]]
    dependencies: list[tuple[int, Dependency]]
    customers: list[tuple[int, Customer]]
    interventions: list[tuple[int, Intervention]]
    events: list[tuple[int, Event]]
    tutorial: list[tuple[int, TutorialStep]]
    department_ids: set[str]
    customer_ids: set[str]
    intervention_ids: set[str]
    """The ids of the interventions on offer: those written, or the standard menu's."""
    menu: dict[str, Intervention]
    """The interventions on offer that are valid on their own, by id."""
    handoffs: set[tuple[str, str]]
    turns: int | None
    budget: int | None
    standard_menu: bool = False
    """True when the scenario writes no interventions, so the standard menu is on offer."""

    @classmethod
    def of(cls, scenario: Scenario | None, document: Document) -> Parts:
        """The items of the document that are valid on their own (all of them, if it is)."""
        data = document.data if isinstance(document.data, dict) else {}
        written = [
            (item.get("from", item.get("supplier")), item.get("to", item.get("customer")))
            for item in _mappings(data.get("dependencies"))
        ]
        turns = scenario.turns if scenario is not None else data.get("turns")
        budget = data.get("budget", Scenario.model_fields["budget"].default)
        interventions = _valid(Intervention, data.get("interventions"))
        own_menu = data.get("interventions") is not None
        offered = [i for _, i in interventions] if own_menu else list(STANDARD_MENU)
        return cls(
            departments=_valid(Department, data.get("departments")),
            dependencies=_valid(Dependency, data.get("dependencies")),
            customers=_valid(Customer, data.get("customers")),
            interventions=interventions,
            events=_valid(Event, data.get("events")),
            tutorial=_valid(TutorialStep, data.get("tutorial")),
            department_ids=_ids(data.get("departments")),
            customer_ids=_ids(data.get("customers")),
            intervention_ids=_ids(data["interventions"]) if own_menu else {i.id for i in offered},
            menu={i.id: i for i in offered},
            handoffs={(a, b) for a, b in written if isinstance(a, str) and isinstance(b, str)},
            turns=_whole(turns),
            budget=_whole(budget),
            standard_menu=not own_menu,
        )


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _mappings(items: Any) -> list[dict[str, Any]]:
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _ids(items: Any) -> set[str]:
    return {item["id"] for item in _mappings(items) if isinstance(item.get("id"), str)}


def _valid(model: type[Item], items: Any) -> list[tuple[int, Item]]:
    if not isinstance(items, list):
        return []
    valid = []
    for index, item in enumerate(items):
        try:
            valid.append((index, model.model_validate(item)))
        except ValidationError:
            continue  # already reported, at its place, by the model check
    return valid


@dataclass
class Report:
    """Collects problems, placing each at the value it is about."""

    document: Document
    filename: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(problem.is_error for problem in self.problems)

    def error(self, location: Location, message: str) -> None:
        self._add(location, "error", message)

    def warning(self, location: Location, message: str) -> None:
        self._add(location, "warning", message)

    def _add(self, location: Location, severity: Severity, message: str) -> None:
        line, column = self.document.value_at(self.written(location))
        self.problems.append(Problem(self.filename, line, column, severity, message))

    def written(self, location: Location) -> Location:
        """The location as written: a dependency may use 'supplier' for 'from'."""
        spelled = {"from": "supplier", "to": "customer"}
        if location and location[-1] in spelled and location not in self.document.values:
            return (*location[:-1], spelled[str(location[-1])])
        return location

    def name(self, location: Location) -> str:
        return self.document.describe(location)


def check_handoff(report: Report, location: Location, text: str, parts: Parts) -> None:
    """Report `text` unless it is 'supplier -> customer' for a dependency that exists."""
    pair = parse_handoff(text)
    written = sorted(f"{a} -> {b}" for a, b in parts.handoffs)
    if pair is None:
        report.error(
            location,
            f"{report.name(location)}: '{text}' is not a hand-off; write "
            "it as 'supplier -> customer'" + did_you_mean(text, written),
        )
    elif pair not in parts.handoffs:
        wanted = f"{pair[0]} -> {pair[1]}"
        report.error(
            location,
            f"{report.name(location)}: there is no dependency from "
            f"'{pair[0]}' to '{pair[1]}'" + did_you_mean(wanted, written),
        )


def after_the_end(report: Report, location: Location, turn: int, turns: int | None) -> None:
    """Warn that a turn after the last one never comes."""
    if turns is not None and turn > turns:
        report.warning(
            location,
            f"{report.name(location)}: turn {turn} never comes; the game ends after {turns} turns",
        )
