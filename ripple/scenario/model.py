"""Typed models of a scenario file: the whole format, with every default in one place.

The core keys of DESIGN.md (title, turns, seed, departments, dependencies, customers)
are required; every other key has a default chosen so that a core-keys scenario with
quality 1.0 and ample capacity delivers every item on time and right.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_-]{0,39}$"),
    Field(description="A short name used in references: letters, digits, '_' or '-'."),
]
Text = Annotated[str, StringConstraints(max_length=2000)]
Share = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Count = Annotated[float, Field(ge=0.0, le=1_000_000.0, allow_inf_nan=False)]
Turns = Annotated[int, Field(ge=0, le=10_000)]

HANDOFF = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*->\s*([A-Za-z_][A-Za-z0-9_-]*)\s*$")


def handoff_key(supplier: str, customer: str) -> str:
    """The one way a hand-off is named in targets, lookups, saves and hotspots."""
    return f"{supplier}->{customer}"


def parse_handoff(text: str) -> tuple[str, str] | None:
    """Split 'supplier -> customer' into its two department ids, or None."""
    match = HANDOFF.match(text)
    return (match.group(1), match.group(2)) if match else None


class Strict(BaseModel):
    """Base of every scenario model: unknown keys are errors, values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


Measure = Literal[
    "throughput", "handle_time", "utilisation", "right_first_time", "customer_outcome"
]
"""What a department can be rewarded on: its own numbers, or how its work turns out."""

MEASURES: tuple[str, ...] = (
    "throughput",
    "handle_time",
    "utilisation",
    "right_first_time",
    "customer_outcome",
)
"""Every measure, in the order the docs and the schema list them."""


class RecurringProblem(Strict):
    """A root cause that keeps making defects or eating time until it is fixed."""

    id: Id
    name: Annotated[str, StringConstraints(min_length=1, max_length=60)] = Field(
        description="What the problem is, as the people who live with it say it."
    )
    defects: Share = Field(
        0.0,
        description="Chance per item that it adds a defect: part of the department's "
        "1 - quality, not on top of it.",
    )
    delay: Annotated[float, Field(ge=0.0, le=0.9, allow_inf_nan=False)] = Field(
        0.0, description="Share of the department's capacity it eats (work done twice, chasing)."
    )
    description: Text = ""


class Department(Strict):
    """A team in the organisation: somebody's supplier and somebody's internal customer."""

    id: Id
    name: Annotated[str, StringConstraints(min_length=1, max_length=80)] = Field(
        description="Shown on screen."
    )
    capacity: Count = Field(description="Work items it can finish per turn.")
    quality: Share = Field(description="Chance an item leaves without a new defect.")
    morale: Share = Field(0.7, description="Starting morale; 0.7 is neutral.")
    checks: Share = Field(
        0.5, description="How carefully it checks incoming work (chance to catch a defect)."
    )
    description: Text = ""
    position: tuple[float, float] | None = Field(
        None, description="Optional [x, y] for the graph drawing, each from 0 to 1."
    )
    measure: Measure = Field(
        "throughput",
        description="What the department is rewarded on: throughput, handle_time, "
        "utilisation, right_first_time or customer_outcome. It changes how the department "
        "works and what its silo player buys.",
    )
    problems: list[RecurringProblem] | None = Field(
        None,
        description="Its recurring problems, hidden until discovered. Default: one problem "
        "making half of its defects.",
    )


class Dependency(Strict):
    """A hand-off: `to` depends on the timing, quality and accuracy of `from`'s work."""

    supplier: Id = Field(alias="from", description="The department whose work is handed on.")
    customer: Id = Field(alias="to", description="The internal customer who depends on it.")
    lag: Turns = Field(0, description="Turns the work spends in transit on this hand-off.")
    communication: Share = Field(
        0.5,
        description="How well the two sides talk (0 to 1; 0.5 is ordinary). Better "
        "communication means fewer defects made and more of them caught here.",
    )
    description: Text = ""
    rework_message: Text | None = Field(
        None,
        description="Turn-log phrase when work is sent back, e.g. '{customer} sent {count} "
        "{items} back to {supplier}: missing photos'.",
    )


class DemandChange(Strict):
    """From `turn` on, the customer's base demand becomes `demand`."""

    turn: Annotated[int, Field(ge=1, le=10_000)]
    demand: Count


class ComplaintChances(Strict):
    """Chance that one unhappy delivery becomes a complaint."""

    late: Share = 0.3
    defective: Share = 0.6
    lost: Share = Field(0.9, description="An item cancelled because it waited too long.")


class Churn(Strict):
    """Customers leave while satisfaction stays below `below`."""

    below: Share = Field(0.5, description="Satisfaction under which customers start leaving.")
    rate: Share = Field(0.05, description="Share of customers lost per turn at zero satisfaction.")


class Customer(Strict):
    """An external customer segment: where its demand enters and where it is served."""

    id: Id
    name: Annotated[str, StringConstraints(min_length=1, max_length=80)]
    enters_at: Id
    served_by: Id
    demand: Count = Field(description="Work items per turn.")
    variability: Annotated[float, Field(ge=0.0, le=5.0, allow_inf_nan=False)] = Field(
        0.0, description="Spread of demand per turn, as a share of it (0 = steady)."
    )
    schedule: list[DemandChange] = Field(default_factory=list)
    route: list[Id] | None = Field(
        None,
        description="The departments its items pass, from enters_at to served_by. "
        "Default: the shortest chain of dependencies.",
    )
    promise: Annotated[int, Field(ge=1, le=10_000)] | None = Field(
        None,
        description="Turns from arrival to delivery before an item counts as late. "
        "Default: the fastest possible time along its route, plus one turn.",
    )
    patience: Annotated[int, Field(ge=1, le=10_000)] | None = Field(
        None, description="Turns after which an undelivered item is cancelled (lost)."
    )
    complaints_to: Id | None = Field(
        None, description="The department that handles complaints. Default: enters_at."
    )
    complaint_chance: ComplaintChances = Field(default_factory=ComplaintChances)
    churn: Churn = Field(default_factory=Churn)
    satisfaction: Share = Field(0.8, description="Starting satisfaction.")
    value: Count = Field(1.0, description="Revenue per item delivered.")
    description: Text = ""


class Effects(Strict):
    """What an intervention or event changes while it is active."""

    capacity: Annotated[float, Field(ge=-1.0, le=10.0, allow_inf_nan=False)] | None = Field(
        None, description="Relative change of capacity: 0.2 is +20%, -0.5 halves it."
    )
    quality: Annotated[float, Field(ge=-1.0, le=1.0, allow_inf_nan=False)] | None = None
    morale: Annotated[float, Field(ge=-1.0, le=1.0, allow_inf_nan=False)] | None = None
    checks: Annotated[float, Field(ge=-1.0, le=1.0, allow_inf_nan=False)] | None = None
    communication: Annotated[float, Field(ge=-1.0, le=1.0, allow_inf_nan=False)] | None = None
    lag: Annotated[int, Field(ge=-100, le=100)] | None = Field(
        None, description="Turns added to (or taken from) a hand-off's lag."
    )
    demand: Annotated[float, Field(ge=-1.0, le=100.0, allow_inf_nan=False)] | None = Field(
        None, description="Relative change of a customer's demand: 0.5 is +50%."
    )
    fix: bool | None = Field(
        None,
        description="Fix the department's worst known recurring problem for good, once the "
        "lag has passed. Does nothing while none is known.",
    )
    relief: Share | None = Field(
        None,
        description="Firefighting: relieve the symptoms of the department's recurring problems "
        "by this share now. The relief halves each turn and the problems come back.",
    )
    discover: bool | None = Field(
        None, description="Bring the department's recurring problems to light (a visit)."
    )
    listen: Annotated[int, Field(ge=1, le=100)] | None = Field(
        None,
        description="Turns the internal customer is asked: it rates the hand-off and says what "
        "went wrong. On a department: every hand-off to its internal customers.",
    )
    measure: Measure | None = Field(
        None, description="What the department is rewarded on from now on."
    )


TargetKind = Literal["department", "handoff", "everyone"]

Difficulty = Literal["introductory", "intermediate", "advanced"]


class Costs(Strict):
    """What failure costs, in the same money as a customer's `value` per item."""

    rework: Count = Field(0.5, description="Cost of each item sent back for rework.")
    complaint: Count = Field(2.0, description="Cost of answering each complaint.")


class Intervention(Strict):
    """A choice a player can spend budget on."""

    id: Id
    name: Annotated[str, StringConstraints(min_length=1, max_length=80)]
    description: Text = ""
    cost: Annotated[int, Field(ge=0, le=1000)]
    target: TargetKind = "department"
    only: list[str] | None = Field(
        None, description="Restrict to these departments (ids) or hand-offs ('a -> b')."
    )
    lag: Turns = Field(0, description="Turns before the effect starts.")
    duration: Annotated[int, Field(ge=1, le=10_000)] | None = Field(
        None, description="Turns the effect lasts. Default: it lasts (but may fade)."
    )
    fade: Share = Field(0.0, description="Share of the effect lost each turn once it started.")
    effects: Effects
    log: Text | None = Field(None, description="Turn-log phrase; {target} is replaced.")


class Event(Strict):
    """Something that happens to the organisation: scripted (turn) or random (chance)."""

    id: Id
    name: Annotated[str, StringConstraints(min_length=1, max_length=80)]
    description: Text = ""
    turn: Annotated[int, Field(ge=1, le=10_000)] | None = None
    chance: Share | None = Field(None, description="Chance per turn that it happens.")
    target: str = Field(
        description="A department id, a hand-off 'a -> b', a customer id, or 'everyone'."
    )
    duration: Annotated[int, Field(ge=1, le=10_000)] = 1
    effects: Effects
    message: Text | None = None


class ItemWords(Strict):
    """What one work item is called in the turn log: an order, a claim, a ticket."""

    one: Annotated[str, StringConstraints(min_length=1, max_length=30)] = "item"
    many: Annotated[str, StringConstraints(min_length=1, max_length=30)] = "items"


SCREEN_PARTS = ("end_turn", "menu", "score", "log")
"""Parts of the play screen a tutorial step can point at: the End turn button, the
decisions, the scoreboard and the turn log."""

Until = Literal["next", "end_turn", "inspect", "choose", "turn"]


class TutorialStep(Strict):
    """One step of a guided game: a callout that points at one thing and says one thing,
    and what the learner does to finish it."""

    title: Annotated[str, StringConstraints(min_length=1, max_length=40)] = Field(
        description="A short heading for the callout."
    )
    say: Annotated[str, StringConstraints(min_length=1, max_length=300)] = Field(
        description="What the callout says: one idea, in a few sentences."
    )
    point_at: str | None = Field(
        None,
        description="What the callout points at: a department id, a hand-off 'a -> b', a "
        "customer id, or a part of the screen: end_turn, menu, score or log.",
    )
    until: Until = Field(
        "next",
        description="What finishes the step: next (the learner reads on), end_turn (a turn "
        "is played), inspect (the learner inspects point_at), choose (the learner chooses "
        "an intervention, aimed at point_at) or turn (play on until `turn` is over).",
    )
    intervention: Id | None = Field(
        None, description="With until: choose, the intervention the learner should choose."
    )
    turn: Annotated[int, Field(ge=1, le=10_000)] | None = Field(
        None, description="With until: turn, the turn whose end finishes the step."
    )

    @model_validator(mode="after")
    def _until_has_what_it_needs(self) -> TutorialStep:
        if self.until == "turn" and self.turn is None:
            raise ValueError("until: turn needs 'turn', the turn whose end finishes the step")
        if self.turn is not None and self.until != "turn":
            raise ValueError(f"'turn' is only for until: turn, not until: {self.until}")
        if self.until == "inspect" and self.point_at is None:
            raise ValueError("until: inspect needs 'point_at', the thing to inspect")
        if self.intervention is not None and self.until != "choose":
            raise ValueError(f"'intervention' is only for until: choose, not until: {self.until}")
        return self


class Scenario(Strict):
    """A whole scenario file."""

    title: Annotated[str, StringConstraints(min_length=1, max_length=120)]
    summary: Text = ""
    difficulty: Difficulty = Field(
        "intermediate",
        description="How hard the scenario is to play well: introductory, intermediate or "
        "advanced. The scenario list shows it beside the summary.",
    )
    turns: Annotated[int, Field(ge=1, le=10_000)]
    seed: Annotated[int, Field(ge=0, le=2**63 - 1)] = 0
    budget: Annotated[int, Field(ge=0, le=1000)] = Field(3, description="Budget per turn.")
    budget_follows_results: bool = Field(
        False,
        description="Next turn's budget is one more after a turn that leaves customers "
        "delighted, one less after a turn that leaves them unhappy.",
    )
    costs: Costs = Field(default_factory=lambda: Costs())
    departments: Annotated[list[Department], Field(min_length=1)]
    dependencies: list[Dependency] = Field(default_factory=list)
    customers: Annotated[list[Customer], Field(min_length=1)]
    interventions: list[Intervention] | None = Field(
        None, description="The decisions on offer. Default: the standard menu."
    )
    events: list[Event] = Field(default_factory=list)
    item: ItemWords = Field(default_factory=ItemWords)
    debrief: list[Text] = Field(default_factory=list, description="Questions for the debrief.")
    tutorial: list[TutorialStep] = Field(
        default_factory=list,
        description="Steps of a guided game: each a callout on the play screen, one mechanic "
        "at a time.",
    )

    @field_validator("title")
    @classmethod
    def _title_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the title is blank")
        return value
