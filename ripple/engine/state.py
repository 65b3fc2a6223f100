"""The mutable state of a game in progress, built from a scenario.

Departments and hand-offs are held as columns (numpy arrays indexed in id order), work
as a table of batches (`work.py`), customer segments as a short list of objects. What every game
of a scenario works on or starts from is worked out once per scenario (a `Layout`): the
graph and the routes, which no game changes, are shared; each game plays a copy of the
departments and hand-offs as they start.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from ripple.engine.effects import ActiveEffect
from ripple.engine.kept import KeptBy, read_only
from ripple.engine.root_causes import Problems
from ripple.engine.rules import COMPLAINT_PROMISE, INTERNAL_SATISFACTION_START, MEASURE_WORK
from ripple.engine.ufuncs import add_at, sum_of
from ripple.engine.work import MOVING, QUEUED, WorkTable
from ripple.scenario.model import Customer, Scenario, handoff_key
from ripple.scenario.organisation import Organisation, build_graph, fastest_time, route_for

if TYPE_CHECKING:
    from ripple.engine.standing import Kept

KINDS = ("late", "defective", "lost")
"""The kinds of harm the ripple trace follows, in the order of `World.ripples`."""

HARM_WORDS = {"late": "late", "defective": "with a defect", "lost": "given up on"}
"""How each kind of harm is said of the work that reached a customer, wherever it is told."""

LATE, DEFECTIVE, LOST = range(3)

SECTIONS = ("decisions", "events", "customers", "voices", "people", "found", "work")
"""The parts of a turn's log, in the order they are told: what was decided, what happened,
what reached customers and where its harm started, what internal customers said, who left,
what problems came to light or were fixed, and how the work went."""


def _zeros(n: int, dtype: type = float) -> np.ndarray:
    return np.zeros(n, dtype=dtype)


class Departments:
    """Every department's numbers, one array element per department in id order (the
    scenario's values, which no game changes, read-only)."""

    def __init__(self, scenario: Scenario) -> None:
        ordered = sorted(scenario.departments, key=lambda d: d.id)
        n = len(ordered)
        self.ids = [d.id for d in ordered]
        self.names = [d.name for d in ordered]
        self.index = {d: i for i, d in enumerate(self.ids)}
        self.capacity = np.array([d.capacity for d in ordered], dtype=float)
        self.planned = self.capacity.copy()
        """The capacity the scenario plans for: places left empty are filled toward it."""
        self.quality = np.array([d.quality for d in ordered], dtype=float)
        self.checks = np.array([d.checks for d in ordered], dtype=float)
        self.morale = np.array([d.morale for d in ordered], dtype=float)
        self.problems = Problems(ordered)
        load = np.bincount(self.problems.department, weights=self.problems.defects, minlength=n)
        self.skill = np.maximum(0.0, 1.0 - self.quality - load)
        """The defect chance that is down to skill, not to a recurring problem."""
        self.measure = [d.measure for d in ordered]
        self.score = np.ones(n)
        """Each department's own number this turn, 0 to 1, on the measure it is rewarded on."""
        self.low_turns = _zeros(n, np.int64)
        self.left = _zeros(n, np.int64)
        """How many times people left each department (each time a share of them)."""
        self.effective_capacity = self.capacity.copy()
        self.stated_work = np.array([MEASURE_WORK[m] for m in self.measure])
        """How each department works under the measure the scenario states: its stated
        capacity, quality and checks are what it does under that measure."""
        self.measure_work = np.ones((n, 3))
        """(capacity, defect chance, checks) multipliers of a changed measure, against the
        stated one: all 1 until somebody changes what a department is rewarded on."""
        self.effective_quality = self.quality.copy()
        self.effective_checks = self.checks.copy()
        self.morale_shift = _zeros(n)
        self.defect_chance = _zeros(n)
        self.credit = _zeros(n)
        self.processed = _zeros(n, np.int64)
        self.failure_processed = _zeros(n, np.int64)
        self.defects_made = _zeros(n, np.int64)
        self.sent_back = _zeros(n, np.int64)
        self.waited = _zeros(n, np.int64)
        self.total_processed = _zeros(n, np.int64)
        self.total_defects_made = _zeros(n, np.int64)
        self.total_sent_back = _zeros(n, np.int64)
        read_only(self.planned, self.quality, self.checks, self.skill, self.stated_work)

    def __len__(self) -> int:
        return len(self.ids)

    def new_turn(self) -> None:
        """Add this turn's counts to the totals and start counting afresh."""
        self.total_processed += self.processed
        self.total_defects_made += self.defects_made
        self.total_sent_back += self.sent_back
        for counts in (
            self.processed,
            self.failure_processed,
            self.defects_made,
            self.sent_back,
            self.waited,
        ):
            counts.fill(0)


class Handoffs:
    """Every dependency's numbers, one array element per hand-off in (supplier, customer)
    order (the scenario's values, which no game changes, read-only)."""

    def __init__(self, scenario: Scenario, departments: Departments) -> None:
        ordered = sorted(scenario.dependencies, key=lambda d: (d.supplier, d.customer))
        n = len(ordered)
        self.keys = [handoff_key(d.supplier, d.customer) for d in ordered]
        self.index = {key: i for i, key in enumerate(self.keys)}
        self.supplier = np.array([departments.index[d.supplier] for d in ordered], dtype=np.int64)
        self.customer = np.array([departments.index[d.customer] for d in ordered], dtype=np.int64)
        self.lag = np.array([d.lag for d in ordered], dtype=np.int64)
        self.communication = np.array([d.communication for d in ordered], dtype=float)
        self.rework_message = [d.rework_message for d in ordered]
        self.effective_lag = self.lag.copy()
        self.supplier_ids = [departments.ids[i] for i in self.supplier.tolist()]
        self.customer_ids = [departments.ids[i] for i in self.customer.tolist()]
        self.slowed = False
        """True when effects lengthen any hand-off's lag."""
        self.effective_communication = self.communication.copy()
        self.talk = np.ones(n)
        self.talk_or_one = np.ones(n + 1)
        """`talk` and a 1 after it: what work leaving its last step is told (none)."""
        self.catch = _zeros(n)
        self.satisfaction = np.full(n, INTERNAL_SATISFACTION_START)
        self.heard = np.full(n, INTERNAL_SATISFACTION_START)
        """The rating as last measured by asking; stale between askings."""
        self.heard_turn = _zeros(n, np.int64)
        """The turn the rating was last measured (0: never asked)."""
        self.listen_until = _zeros(n, np.int64)
        """The last turn the internal customer is being asked (0: not asked)."""
        self.said: list[str] = [""] * n
        """What each internal customer said this turn, when asked."""
        self.handed = _zeros(n, np.int64)
        self.defective = _zeros(n, np.int64)
        self.waited = _zeros(n, np.int64)
        self.caught = _zeros(n, np.int64)
        self.total_handed = _zeros(n, np.int64)
        self.total_defective = _zeros(n, np.int64)
        self.total_waited = _zeros(n, np.int64)
        self.total_caught = _zeros(n, np.int64)
        read_only(self.supplier, self.customer, self.lag, self.communication)

    def __len__(self) -> int:
        return len(self.keys)

    def new_turn(self) -> None:
        """Add this turn's counts to the totals and start counting afresh."""
        self.said = [""] * len(self.keys)
        for turn, total in (
            (self.handed, self.total_handed),
            (self.defective, self.total_defective),
            (self.waited, self.total_waited),
            (self.caught, self.total_caught),
        ):
            total += turn
            turn.fill(0)


class Routes:
    """The routes work takes: each customer segment's demand (route 2i) and complaints (2i+1).

    `steps[r, p]` is the department at position p, `handoff[r, p]` the hand-off after it
    (-1 after the last step). No game changes a route, so every game of a scenario shares
    its routes and their arrays are read-only.
    """

    def __init__(self, routes: list[tuple[list[int], list[int], int, int, bool, int]]) -> None:
        width = max(len(steps) for steps, *_ in routes)
        n = len(routes)
        self.width = width
        self.steps = np.full((n, width), -1, dtype=np.int64)
        self.handoff = np.full((n, width), -1, dtype=np.int64)
        self.length = _zeros(n, np.int64)
        self.promise = _zeros(n, np.int64)
        self.segment = _zeros(n, np.int64)
        self.failure = np.zeros(n, dtype=bool)
        self.patience = _zeros(n, np.int64)
        for r, (steps, links, promise, segment, failure, patience) in enumerate(routes):
            self.steps[r, : len(steps)] = steps
            self.handoff[r, : len(links)] = links
            self.length[r] = len(steps)
            self.promise[r] = promise
            self.segment[r] = segment
            self.failure[r] = failure
            self.patience[r] = patience
        self.failure_list: list[bool] = self.failure.tolist()
        self.segment_list: list[int] = self.segment.tolist()
        self.steps_list: list[list[int]] = self.steps.tolist()
        """`failure`, `segment` and `steps` as lists, for work on a few rows at a time."""
        self.valid = self.steps >= 0
        """The places on routes that are steps (each route's row is padded with -1)."""
        self.valid_steps = self.steps[self.valid]
        """The department at each of those places."""
        read_only(
            self.steps,
            self.handoff,
            self.length,
            self.promise,
            self.segment,
            self.failure,
            self.patience,
            self.valid,
            self.valid_steps,
        )


@dataclass(slots=True)
class Segment:
    """An external customer segment and how it feels about the organisation."""

    index: int
    spec: Customer
    steps: tuple[str, ...]
    complaints_to: str
    satisfaction: float
    remaining: float = 1.0
    demand_factor: float = 1.0
    carry: float = 0.0
    arrived: int = 0
    delivered: int = 0
    good: int = 0
    late_only: int = 0
    defective_only: int = 0
    late_and_defective: int = 0
    lost: int = 0
    complaints: int = 0
    revenue: float = 0.0
    total_delivered: int = 0
    total_complaints: int = 0
    total_lost: int = 0

    def new_turn(self) -> None:
        """Clear this turn's counts (complaints stay: they arrive as work at the turn's end)."""
        self.delivered = self.good = self.late_only = 0
        self.defective_only = self.late_and_defective = self.lost = 0


@dataclass(slots=True)
class Counters:
    """Totals the turn report and the conservation law are made of."""

    created: int = 0
    completed: int = 0
    scrapped: int = 0
    on_time: int = 0
    late: int = 0
    defective: int = 0
    lead_time_sum: int = 0

    def add(self, other: Counters) -> None:
        """Add another set of counts to these."""
        for name in self.__slots__:  # type: ignore[attr-defined]
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(slots=True)
class World:
    """Everything that changes during a game. One RNG, owned here, drives every chance."""

    departments: Departments
    handoffs: Handoffs
    routes: Routes
    segments: list[Segment]
    graph: Organisation
    rng: np.random.Generator
    work: WorkTable
    ripples: np.ndarray
    turn_ripples: np.ndarray
    complaint_chances: np.ndarray
    """Per customer segment, the chance of a complaint about an item that came late,
    defective, both, or not at all (the scenario's, read-only)."""
    effects: list[ActiveEffect] = field(default_factory=list)
    turn_counts: Counters = field(default_factory=Counters)
    totals: Counters = field(default_factory=Counters)
    log: list[tuple[str, str]] = field(default_factory=list)
    """This turn's log: (section, line), in the order told (see `SECTIONS`)."""
    money: list[tuple[float, float, float, float]] = field(default_factory=list)
    """Per turn played: revenue, rework cost, complaints cost, revenue lost to churn."""
    money_total: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    """`money` summed over the turns, in turn order."""
    standings: dict[tuple[object, ...], Kept] = field(default_factory=dict)
    """What effects, problems and measures made of the numbers, by what they were made
    from (`ripple.engine.standing`): shared by every game of the scenario."""

    def queued(self) -> np.ndarray:
        """Items waiting in each department's queue."""
        work, routes = self.work, self.routes
        rows = (work.state[: work.size] == QUEUED).nonzero()[0]
        queued = np.zeros(len(self.departments), dtype=np.int64)
        add_at(queued, routes.steps[work.route[rows], work.position[rows]], work.count[rows])
        return queued

    def in_transit(self) -> np.ndarray:
        """Items on each hand-off (rework on its way back counts on none)."""
        work, routes = self.work, self.routes
        n = work.size
        rows = ((work.state[:n] == MOVING) & ~work.returning[:n]).nonzero()[0]
        transit = np.zeros(len(self.handoffs), dtype=np.int64)
        add_at(transit, routes.handoff[work.route[rows], work.position[rows] - 1], work.count[rows])
        return transit

    def work_in_progress(self) -> int:
        """Items inside the organisation: queued, in transit, or on their way back for rework."""
        work = self.work
        return int(sum_of(work.count[: work.size][work.state[: work.size] != 0]))


@dataclass(frozen=True, slots=True)
class Layout:
    """What every game of a scenario works on or starts from, worked out once for all of
    them: the graph, the routes work takes and the customer segments' paths, which no game
    changes, and the departments and hand-offs each game starts a copy of."""

    graph: Organisation
    departments: Departments
    """The departments as every game starts them; each game plays a `fresh` copy."""
    handoffs: Handoffs
    """The hand-offs as every game starts them; each game plays a `fresh` copy."""
    customers: tuple[tuple[Customer, tuple[str, ...], str], ...]
    """Each customer segment's spec, the departments its items pass and where it complains."""
    routes: Routes
    complaint_chances: np.ndarray
    """Per customer segment (a row each), the chance of a complaint about an item that came
    late, defective, both, or not at all (read-only)."""
    standings: dict[tuple[object, ...], Kept] = field(default_factory=dict)
    """The standing numbers its games have made, by what they were made from: keyed by
    everything in them that can change during a game, so any game of the scenario may use
    them (`ripple.engine.standing`)."""


def lay_out(scenario: Scenario) -> Layout:
    """Work out what every game of `scenario` works on or starts from."""
    graph = build_graph(scenario)
    departments = Departments(scenario)
    handoffs = Handoffs(scenario, departments)
    customers: list[tuple[Customer, tuple[str, ...], str]] = []
    routes: list[tuple[list[int], list[int], int, int, bool, int]] = []
    for index, customer in enumerate(scenario.customers):
        steps = route_for(graph, customer)
        if steps is None:
            raise ValueError(
                f"customer '{customer.id}' has no route from '{customer.enters_at}' "
                f"to '{customer.served_by}'"
            )
        desk = customer.complaints_to or customer.enters_at
        links = [handoffs.index[handoff_key(a, b)] for a, b in itertools.pairwise(steps)]
        promise = customer.promise or fastest_time(graph, steps) + 1
        routes.append(
            (
                [departments.index[s] for s in steps],
                links,
                promise,
                index,
                False,
                customer.patience or 0,
            )
        )
        routes.append(([departments.index[desk]], [], COMPLAINT_PROMISE, index, True, 0))
        customers.append((customer, tuple(steps), desk))
    chances = np.array(
        [
            (c.late, c.defective, max(c.late, c.defective), c.lost)
            for c in (customer.complaint_chance for customer in scenario.customers)
        ],
        dtype=float,
    ).reshape(len(scenario.customers), 4)
    read_only(chances)
    return Layout(graph, departments, handoffs, tuple(customers), Routes(routes), chances)


Part = TypeVar("Part", Departments, Handoffs, Problems)


def fresh(part: Part) -> Part:
    """A copy of departments, hand-offs or problems as a game starts them, for a new game.
    It shares only what no game changes (read-only arrays, strings, numbers) and copies the
    rest: arrays a game writes, lists and dicts, and the problems within."""
    made = object.__new__(type(part))
    for name, value in vars(part).items():
        if isinstance(value, np.ndarray):
            value = value.copy() if value.flags.writeable else value
        elif isinstance(value, list | dict):
            value = value.copy()  # of strings, numbers or read-only arrays
        elif isinstance(value, Problems):
            value = fresh(value)
        elif not isinstance(value, str | int | float):
            raise TypeError(f"a new game has no rule for copying '{name}'")
        setattr(made, name, value)
    return made


_LAYOUTS: KeptBy[Scenario, Layout] = KeptBy(16)
"""Scenarios' layouts, kept for their next games: a batch plays a few scenarios."""


def layout_of(scenario: Scenario) -> Layout:
    """The layout of `scenario`, worked out on its first game and kept for the next ones."""
    return _LAYOUTS.get(scenario, lay_out)


def build_world(scenario: Scenario, seed: int) -> World:
    """A fresh world for `scenario`: no work yet, no effects, the RNG seeded."""
    layout = layout_of(scenario)
    routes = layout.routes
    shape = (len(KINDS), len(routes.length), routes.width)
    return World(
        departments=fresh(layout.departments),
        handoffs=fresh(layout.handoffs),
        routes=routes,
        segments=[
            Segment(index, customer, steps, desk, customer.satisfaction)
            for index, (customer, steps, desk) in enumerate(layout.customers)
        ],
        graph=layout.graph,
        rng=np.random.default_rng(seed),
        standings=layout.standings,
        work=WorkTable(routes.width),
        ripples=np.zeros(shape),
        turn_ripples=np.zeros(shape),
        complaint_chances=layout.complaint_chances,
    )
