"""What a learner's reflection and culture read-out are worked out from: each hand-off's
traffic and ratings over the game, what each customer segment received, which departments
meet customers at the front line, and where the learner's budget went.

Totals over the game are summed from the snapshot of every turn, so the game must keep its
snapshots (games do unless told otherwise).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ripple.engine import Decision, Game
from ripple.engine.snapshot import DepartmentView
from ripple.scenario.model import handoff_key, parse_handoff

# --- the game's numbers, gathered once per question ------------------------------------


@dataclass(frozen=True, slots=True)
class HandoffTotals:
    """One hand-off over the whole game: its traffic, and its ratings and talk then and now."""

    key: str
    supplier: str
    customer: str
    handed: int
    defective: int
    caught: int
    lag: int
    rating_start: float
    rating: float
    lowest: float
    talk_start: float
    talk: float


def handoff_totals(game: Game) -> dict[str, HandoffTotals]:
    """Every hand-off's totals, by key 'a->b'."""
    turns = [game.snapshot(t) for t in range(game.turn + 1)]
    found = {}
    for k, start in enumerate(turns[0].handoffs):
        views = [snapshot.handoffs[k] for snapshot in turns]
        now = views[-1]
        key = handoff_key(start.supplier, start.customer)
        found[key] = HandoffTotals(
            key=key,
            supplier=start.supplier,
            customer=start.customer,
            handed=sum(v.handed for v in views),
            defective=sum(v.defective for v in views),
            caught=sum(v.caught for v in views),
            lag=now.lag,
            rating_start=start.satisfaction,
            rating=now.satisfaction,
            lowest=min(v.satisfaction for v in views),
            talk_start=start.communication,
            talk=now.communication,
        )
    return found


def customer_totals(game: Game) -> dict[str, dict[str, int]]:
    """Each segment's work arrived, delivered and complaints made over the game."""
    found: dict[str, dict[str, int]] = {}
    for turn in range(1, game.turn + 1):
        for view in game.snapshot(turn).customers:
            sums = found.setdefault(view.id, {"arrived": 0, "delivered": 0, "complaints": 0})
            sums["arrived"] += view.arrived
            sums["delivered"] += view.delivered
            sums["complaints"] += view.complaints
    return found


def front_line(game: Game) -> dict[str, list[tuple[str, str]]]:
    """The departments customers meet: for each, (segment id, role) where role is 'enters',
    'served' or 'complaints', in the scenario's order."""
    found: dict[str, list[tuple[str, str]]] = {}
    for segment in game.scenario.customers:
        for department, role in (
            (segment.enters_at, "enters"),
            (segment.served_by, "served"),
            (segment.complaints_to or segment.enters_at, "complaints"),
        ):
            found.setdefault(department, []).append((segment.id, role))
    return found


@dataclass(frozen=True, slots=True)
class Facts:
    """What the four answers about one department draw on."""

    game: Game
    id: str
    name: str
    view: DepartmentView
    outgoing: tuple[HandoffTotals, ...]
    """Its hand-offs to internal customers, busiest first."""
    incoming: tuple[HandoffTotals, ...]
    roles: tuple[tuple[str, str], ...]
    customers: dict[str, dict[str, int]]
    harm: dict[str, float]
    """Harm to customers that started here, by kind: late, defective, lost."""

    def called(self, department: str) -> str:
        """A department's (or hand-off's) name as players read it."""
        return self.game.menu.target_name(department)

    def segment(self, segment: str) -> str:
        """A customer segment's name."""
        return next(c.name for c in self.game.scenario.customers if c.id == segment)

    @property
    def many(self) -> str:
        """What work items are called: claims, orders, tickets."""
        return self.game.scenario.item.many


def facts(game: Game, department: str) -> Facts:
    """Gather the numbers about `department`; ValueError if there is no such department."""
    view = next((d for d in game.snapshot().departments if d.id == department), None)
    if view is None:
        raise ValueError(f"no department called '{department}' in this scenario")
    handoffs = handoff_totals(game).values()
    harm = {kind: w for (origin, kind), w in game.attribution().items() if origin == department}
    return Facts(
        game=game,
        id=department,
        name=view.name,
        view=view,
        outgoing=tuple(
            sorted((h for h in handoffs if h.supplier == department), key=lambda h: -h.handed)
        ),
        incoming=tuple(h for h in handoffs if h.customer == department),
        roles=tuple(front_line(game).get(department, [])),
        customers=customer_totals(game),
        harm=harm,
    )


def listed(parts: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def turns_words(turns: Sequence[int]) -> str:
    """Turns as people say them: 'turn 3', 'turns 3 and 6', 'turns 2, 3 and 6'."""
    if len(turns) == 1:
        return f"turn {turns[0]}"
    return "turns " + listed([str(turn) for turn in turns])


def segments(f: Facts) -> list[str]:
    """The segments a department meets at the front line, each once, in scenario order."""
    return list(dict.fromkeys(segment for segment, _ in f.roles))


# --- who looked after what --------------------------------------------------------------


def target_of(decision: Decision) -> str | None:
    """A decision's target as stored by the engine: a department id, 'a->b', or None."""
    if decision.target is None:
        return None
    pair = parse_handoff(decision.target)
    return handoff_key(*pair) if pair else decision.target.strip()


def spending(game: Game) -> dict[str | None, int]:
    """Budget points spent on each target over the game, in the order first chosen."""
    spent: dict[str | None, int] = {}
    for turn in game.decisions:
        for decision in turn:
            aim = target_of(decision)
            spent[aim] = spent.get(aim, 0) + game.menu.interventions[decision.intervention].cost
    return spent


def looked_after(game: Game, owned: Sequence[str] = ()) -> tuple[str, ...]:
    """Department ids the learner looked after: `owned` if given (teams with roles); else the
    departments their decisions aimed at most (a hand-off counts for its supplier), at most two,
    biggest spend first; if they chose nothing aimed, the department that started most harm
    (and if nothing harmed a customer, the one where the first customer's work enters)."""
    order = [d.id for d in game.scenario.departments]
    known = [d for d in owned if d in order]
    if known:
        return tuple(known)
    points: dict[str, int] = {}
    for aim, spent in spending(game).items():
        if aim is not None:
            pair = parse_handoff(aim)
            department = pair[0] if pair else aim
            points[department] = points.get(department, 0) + spent
    chosen = sorted(
        (d for d in points if points[d] > 0), key=lambda d: (-points[d], order.index(d))
    )
    if chosen:
        return tuple(chosen[:2])
    harm: dict[str, float] = {}
    for (origin, _), weight in game.attribution().items():
        harm[origin] = harm.get(origin, 0.0) + weight
    if harm:
        return (max(order, key=lambda d: (harm.get(d, 0.0), -order.index(d))),)
    return (game.scenario.customers[0].enters_at,)
