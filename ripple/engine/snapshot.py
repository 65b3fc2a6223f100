"""Frozen pictures of the game after each turn: what the UI draws and reports read.

Nothing here changes the game. A screen animates between two snapshots, so resolving a
turn never has to happen while a frame is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from ripple.engine.money import NO_MONEY, Money
from ripple.engine.rules import DELIGHTED
from ripple.engine.state import World
from ripple.engine.trace import attribution
from ripple.scenario.model import handoff_key


@dataclass(frozen=True, slots=True)
class ProblemView:
    """One of a department's recurring problems. Players see only the known ones; the
    debrief reveals the rest."""

    id: str
    name: str
    defects: float
    delay: float
    known: bool
    how: str
    """How it came to light: 'asked', 'visited', 'traced' (or '' while hidden)."""
    known_turn: int
    fixing: int
    """The turn it is gone from, while being fixed (0: nobody is fixing it)."""
    fixed: bool
    relief: float
    """How much firefighting is holding its symptoms back this turn (0 to 1)."""


@dataclass(frozen=True, slots=True)
class DepartmentView:
    """A department at the end of a turn."""

    id: str
    name: str
    capacity: float
    base_capacity: float
    quality: float
    morale: float
    queue: int
    processed: int
    defects_made: int
    sent_back: int
    failure_work: int
    total_processed: int
    total_defects_made: int
    measure: str = "throughput"
    score: float = 1.0
    """Its own number this turn, 0 to 1, on the measure it is rewarded on."""
    problems: tuple[ProblemView, ...] = ()
    low_turns: int = 0
    """Turns in a row its morale has been low enough for people to think of leaving."""
    left: int = 0
    """How many times people have left it."""

    @property
    def known_problems(self) -> tuple[ProblemView, ...]:
        """The problems players know of."""
        return tuple(p for p in self.problems if p.known)


@dataclass(frozen=True, slots=True)
class HandoffView:
    """A hand-off at the end of a turn: its internal customer satisfaction and its traffic."""

    supplier: str
    customer: str
    satisfaction: float
    in_transit: int
    handed: int
    defective: int
    caught: int
    lag: int
    communication: float
    heard: float = 0.8
    """The rating as last measured by asking the internal customer."""
    heard_turn: int = 0
    """The turn it was last asked (0: never)."""
    said: str = ""
    """What the internal customer said this turn, if asked."""
    listening: bool = False
    """True while the internal customer is being asked (this turn and any still to come)."""

    @property
    def key(self) -> str:
        """The hand-off's name in targets and lookups: 'supplier->customer'."""
        return handoff_key(self.supplier, self.customer)


@dataclass(frozen=True, slots=True)
class CustomerView:
    """An external customer segment at the end of a turn."""

    id: str
    name: str
    mood: str
    satisfaction: float
    remaining: float
    arrived: int
    delivered: int
    on_time_and_right: int
    late: int
    defective: int
    lost: int
    complaints: int
    revenue: float


@dataclass(frozen=True, slots=True)
class TurnReport:
    """The numbers of one turn, as `ripple simulate --json` prints them, and its log."""

    turn: int
    created: int
    completed: int
    scrapped: int
    wip: int
    on_time: int
    late: int
    defective: int
    complaints: int
    satisfaction: float
    lead_time_sum: int
    log: tuple[str, ...]
    sections: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """The log by part, in the order told: (section, lines) for each part with lines (see
    `ripple.engine.state.SECTIONS`)."""

    def as_dict(self) -> dict[str, int | float]:
        """The report's numbers (not its log) under the names of the JSON output."""
        return {
            "turn": self.turn,
            "created": self.created,
            "completed": self.completed,
            "scrapped": self.scrapped,
            "wip": self.wip,
            "on_time": self.on_time,
            "late": self.late,
            "defective": self.defective,
            "complaints": self.complaints,
            "satisfaction": round(self.satisfaction, 6),
        }


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The whole organisation after `turn` (0: before the first turn)."""

    turn: int
    turns: int
    budget: int
    departments: tuple[DepartmentView, ...]
    handoffs: tuple[HandoffView, ...]
    customers: tuple[CustomerView, ...]
    report: TurnReport | None
    active: tuple[str, ...]
    harm: tuple[tuple[str, str, float], ...] = ()
    """This turn's harm by root cause: (department, kind, weight), biggest first."""
    money: Money = NO_MONEY
    """This turn's money."""
    money_total: Money = NO_MONEY
    """The game's money so far."""

    def handoff(self, key: str) -> HandoffView:
        """The hand-off named `key` ('supplier->customer'); KeyError if there is none."""
        found = next((h for h in self.handoffs if h.key == key), None)
        if found is None:
            raise KeyError(key)
        return found


def mood(satisfaction: float, churn_below: float, late: int, complaints: int) -> str:
    """How a customer segment shows on screen: delighted, content, waiting, complaining, leaving."""
    if satisfaction < churn_below:
        return "leaving"
    if complaints:
        return "complaining"
    if late:
        return "waiting"
    return "delighted" if satisfaction >= DELIGHTED else "content"


def take_snapshot(
    world: World, turn: int, turns: int, budget: int, report: TurnReport | None
) -> Snapshot:
    """Freeze the world as it stands after `turn`."""
    d, h = world.departments, world.handoffs
    queued = world.queued().tolist()
    transit = world.in_transit().tolist()
    return Snapshot(
        turn=turn,
        turns=turns,
        budget=budget,
        departments=tuple(
            DepartmentView(*fields)
            for fields in zip(
                d.ids,
                d.names,
                d.effective_capacity.tolist(),
                d.capacity.tolist(),
                d.effective_quality.tolist(),
                d.morale.tolist(),
                queued,
                d.processed.tolist(),
                d.defects_made.tolist(),
                d.sent_back.tolist(),
                d.failure_processed.tolist(),
                (d.total_processed + d.processed).tolist(),
                (d.total_defects_made + d.defects_made).tolist(),
                d.measure,
                d.score.tolist(),
                _problems(world),
                d.low_turns.tolist(),
                d.left.tolist(),
                strict=True,
            )
        ),
        handoffs=tuple(
            HandoffView(*fields)
            for fields in zip(
                h.supplier_ids,
                h.customer_ids,
                h.satisfaction.tolist(),
                transit,
                h.handed.tolist(),
                h.defective.tolist(),
                h.caught.tolist(),
                h.effective_lag.tolist(),
                h.effective_communication.tolist(),
                h.heard.tolist(),
                h.heard_turn.tolist(),
                h.said,
                (h.listen_until > turn).tolist(),
                strict=True,
            )
        ),
        customers=tuple(
            CustomerView(
                id=s.spec.id,
                name=s.spec.name,
                mood=mood(
                    s.satisfaction,
                    s.spec.churn.below,
                    s.late_only + s.late_and_defective,
                    s.complaints,
                ),
                satisfaction=s.satisfaction,
                remaining=s.remaining,
                arrived=s.arrived,
                delivered=s.delivered,
                on_time_and_right=s.good,
                late=s.late_only + s.late_and_defective,
                defective=s.defective_only + s.late_and_defective,
                lost=s.lost,
                complaints=s.complaints,
                revenue=s.revenue,
            )
            for s in world.segments
        ),
        report=report,
        active=tuple(sorted({e.name for e in world.effects if e.strength(turn + 1) > 0})),
        harm=turn_harm(world),
        money=Money(*world.money[-1]) if world.money else NO_MONEY,
        money_total=Money(*world.money_total),
    )


def _problems(world: World) -> list[tuple[ProblemView, ...]]:
    """Each department's problems, in department order."""
    p = world.departments.problems
    views = [
        ProblemView(*fields)
        for fields in zip(
            p.ids,
            p.names,
            p.defects.tolist(),
            p.delay.tolist(),
            p.known.tolist(),
            p.how,
            p.known_turn.tolist(),
            p.fixing.tolist(),
            p.fixed.tolist(),
            p.relief.tolist(),
            strict=True,
        )
    ]
    grouped: list[list[ProblemView]] = [[] for _ in range(len(world.departments))]
    for department, view in zip(p.department.tolist(), views, strict=True):
        grouped[department].append(view)
    return [tuple(group) for group in grouped]


def turn_harm(world: World) -> tuple[tuple[str, str, float], ...]:
    """This turn's harm per (root-cause department, kind), over all customers."""
    ranked = sorted(
        attribution(world, this_turn=True).items(), key=lambda item: (-item[1], item[0])
    )
    return tuple((origin, kind, weight) for (origin, kind), weight in ranked)
