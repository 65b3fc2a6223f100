"""A self-paced learner's look back at a game: the four questions about internal customers,
answered for the departments they looked after, and a read-out of the service culture their
spending showed.

Every answer is worked out from the game's own numbers (the hand-offs' traffic and ratings,
the ripple trace and the decisions), never canned. Totals over the game are summed from the
snapshot of every turn, so the game must keep its snapshots (games do unless told otherwise).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ripple.engine import Decision, Game
from ripple.engine.rules import COMMUNICATION_NEUTRAL
from ripple.engine.snapshot import DepartmentView
from ripple.report.standings import BUSY, standings
from ripple.scenario.model import parse_handoff

QUESTIONS: tuple[str, str, str, str] = (
    "Who are your internal customers?",
    "What do they need from you?",
    "Are you in two-way communication with them?",
    "How would you rate your service to them?",
)
"""The four questions every department can ask itself, in the order they are answered."""

POORLY_RATED = 0.7
"""A rating under this share is a poor one (every hand-off starts the game at 80%)."""

WELL_RATED = 0.8
"""A rating of at least this share is a good one."""

SHOWN_DEFECTS = 0.05
"""Work handed on with at least this share of defects shows its customers need it right."""

ROLES = {
    "enters": "their {many} start here",
    "served": "it delivers to them",
    "complaints": "it answers their complaints",
}
"""How a front-line department meets an external customer segment."""


@dataclass(frozen=True, slots=True)
class Answer:
    """One question answered for one department: a sentence or two, and the facts behind it."""

    question: str
    answer: str
    evidence: tuple[str, ...]


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
        found[f"{start.supplier}->{start.customer}"] = HandoffTotals(
            key=f"{start.supplier}->{start.customer}",
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


def _segments(f: Facts) -> list[str]:
    """The segments a department meets at the front line, each once, in scenario order."""
    return list(dict.fromkeys(segment for segment, _ in f.roles))


# --- who looked after what --------------------------------------------------------------


def target_of(decision: Decision) -> str | None:
    """A decision's target as stored by the engine: a department id, 'a->b', or None."""
    if decision.target is None:
        return None
    pair = parse_handoff(decision.target)
    return f"{pair[0]}->{pair[1]}" if pair else decision.target.strip()


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
            department = aim.split("->")[0]
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


# --- the four answers -------------------------------------------------------------------


def reflection(game: Game, department: str) -> tuple[Answer, ...]:
    """The four answers for one department, in QUESTIONS order."""
    f = facts(game, department)
    return tuple(
        Answer(question, *answer(f))
        for question, answer in zip(QUESTIONS, (_who, _needs, _talk, _rating), strict=True)
    )


def _who(f: Facts) -> tuple[str, tuple[str, ...]]:
    """Q1: the departments downstream of its hand-offs, and the external segments it meets."""
    turns = max(1, f.game.turn)
    evidence = [
        f"{f.called(h.customer)}: {h.handed} {f.many} handed on, {h.handed / turns:.0f} a turn"
        for h in f.outgoing
    ]
    evidence += [_role_line(f, segment, role) for segment, role in f.roles]
    if f.incoming:
        suppliers = listed([f.called(h.supplier) for h in f.incoming])
        evidence.append(f"In turn, it is the internal customer of {suppliers}")
    return _who_sentence(f), tuple(evidence)


def _who_sentence(f: Facts) -> str:
    """Q1 in words: who it handed work on to and how much, and who it meets outside."""
    outside = _segments(f)
    if not f.outgoing and outside:
        return (
            f"{f.name} hands no work on to a colleague: its customers are external, "
            f"{_role_words(f)}."
        )
    if not f.outgoing:
        return f"Nobody depends on {f.name}'s work here: it hands nothing on and meets no customer."
    plural = "s" if len(f.outgoing) > 1 else ""
    first, *others = f.outgoing
    if not sum(h.handed for h in f.outgoing):
        answer = (
            f"{f.name} hands its {f.many} on to {_customers_of(f, f.outgoing)}: its internal "
            f"customer{plural}, though none has been handed on yet."
        )
    else:
        handed = listed(
            [f"{first.handed} {f.many} on to {f.called(first.customer)}"]
            + [f"{h.handed} to {f.called(h.customer)}" for h in others]
        )
        answer = f"{f.name} handed {handed}: its internal customer{plural}."
    if outside:
        names = listed([f.segment(s) for s in outside])
        answer += f" At the front line it also meets external customers: {names}."
    return answer


def _role_line(f: Facts, segment: str, role: str) -> str:
    """One external customer segment met at the front line, with the volume of that meeting."""
    sums = f.customers.get(segment, {})
    volume = {
        "enters": f"{sums.get('arrived', 0)} {f.many} arrived here",
        "served": f"{sums.get('delivered', 0)} {f.many} delivered by it",
        "complaints": f"{sums.get('complaints', 0)} complaints to answer",
    }[role]
    return f"{f.segment(segment)} (external): {volume}"


def _role_words(f: Facts) -> str:
    """'Policyholders and Fleet Managers (it answers their complaints)': the segments it meets,
    those it meets the same way named together."""
    meetings: dict[tuple[str, ...], list[str]] = {}
    for segment in _segments(f):
        roles = tuple(ROLES[role].format(many=f.many) for s, role in f.roles if s == segment)
        meetings.setdefault(roles, []).append(f.segment(segment))
    return listed([f"{listed(names)} ({'; '.join(roles)})" for roles, names in meetings.items()])


def _needs(f: Facts) -> tuple[str, tuple[str, ...]]:
    """Q2: on time or right first time, from the defects and delays it passed on, and which
    external customers the harm it started reached."""
    late = f.harm.get("late", 0.0) + f.harm.get("lost", 0.0)
    wrong = f.harm.get("defective", 0.0)
    evidence = [
        f"To {f.called(h.customer)}: {h.defective} of {h.handed} with a defect "
        f"({h.defective / max(1, h.handed):.0%}), {h.caught} sent back; "
        f"the hand-off takes {h.lag} turn{'s' if h.lag != 1 else ''}"
        for h in f.outgoing
    ]
    evidence.append(f"Harm started here: {late:.0f} late or given up on, {wrong:.0f} with a defect")
    if f.view.queue > f.view.capacity:
        evidence.append(f"Waiting in its queue now: {f.view.queue} {f.many}")
    answer = _need(f, late, wrong)
    reached = _reached(f)
    if reached:
        answer += f" The harm it started reached {reached}."
    return answer, tuple(evidence)


def _need(f: Facts, late: float, wrong: float) -> str:
    """What its customers needed most: right first time when defects did more harm (or the
    work it handed on was often wrong), else on time."""
    handed = sum(h.handed for h in f.outgoing)
    defective = sum(h.defective for h in f.outgoing)
    caught = sum(h.caught for h in f.outgoing)
    who = _customers_of(f, f.outgoing) or listed([f.segment(s) for s in _segments(f)])
    harmless = late + wrong < 0.5
    if not who:
        return f"Nobody takes work from {f.name}, so nobody needs anything from it here."
    if harmless and not (handed if f.outgoing else f.view.total_processed):
        return f"Nothing has reached {who} from {f.name} yet, so the game cannot tell."
    if harmless and defective < SHOWN_DEFECTS * max(1, handed):
        return (
            f"{who} needed work on time and right, and got it: no late or defective delivery "
            f"was traced back to {f.name}."
        )
    if wrong >= late or harmless:
        detail = (
            f"{defective} of {handed} handed on had a defect and {caught} were sent back."
            if handed
            else f"{wrong:.0f} deliveries with a defect started at {f.name}."
        )
        return f"{who} needed {f.many} right first time, accurate and complete: {detail}"
    return (
        f"{who} needed {f.many} on time: {late:.0f} deliveries late or given up on were "
        f"held up at {f.name}."
    )


def _reached(f: Facts) -> str:
    """'Policyholders (12) and Fleet Managers (3)': customers the harm started here reached."""
    weights: dict[str, float] = {}
    for ripple in f.game.ripples(department=f.id):
        weights[ripple.customer] = weights.get(ripple.customer, 0.0) + ripple.weight
    ranked = sorted((c for c in weights if weights[c] >= 0.5), key=lambda c: -weights[c])
    first = [f"{f.segment(c)} ({weights[c]:.0f} {f.many})" for c in ranked[:1]]
    return listed(first + [f"{f.segment(c)} ({weights[c]:.0f})" for c in ranked[1:]])


def _talks(f: Facts, key: str) -> list[int]:
    """The turns in which the learner chose an intervention raising communication on `key`."""
    interventions = f.game.menu.interventions
    return [
        turn
        for turn, chosen in enumerate(f.game.decisions, start=1)
        for decision in chosen
        if target_of(decision) == key
        and (interventions[decision.intervention].effects.communication or 0) > 0
    ]


def _customers_of(f: Facts, handoffs: Sequence[HandoffTotals]) -> str:
    """The internal customers across these hand-offs, by name."""
    return listed([f.called(h.customer) for h in handoffs])


def _talk(f: Facts) -> tuple[str, tuple[str, ...]]:
    """Q3: the hand-offs' communication at the start and now, and the talks the learner chose."""
    if not f.outgoing:
        complaints = sum(f.customers.get(s, {}).get("complaints", 0) for s in _segments(f))
        answer = (
            f"{f.name} hands nothing on to colleagues. Its external customers speak through "
            f"complaints: {complaints} in {f.game.turn} turns."
        )
        return answer, ()
    evidence: list[str] = []
    talked: list[HandoffTotals] = []
    silent: list[HandoffTotals] = []
    for h in f.outgoing:
        turns = _talks(f, h.key)
        (talked if turns else silent).append(h)
        chosen = f"{len(turns)} talks, first in turn {turns[0]}" if turns else "no talks chosen"
        evidence.append(
            f"With {f.called(h.customer)}: communication {h.talk_start:.0%} at the start, "
            f"{h.talk:.0%} now; {chosen}"
        )
    upstream = sum(len(_talks(f, h.key)) for h in f.incoming)
    if upstream:
        evidence.append(f"Talks with its own suppliers: {upstream}")
    ordinary = f"ordinary is {COMMUNICATION_NEUTRAL:.0%}"
    if not silent:
        answer = (
            f"Yes: you chose two-way talks with {_customers_of(f, talked)}; communication "
            f"{_changes(f, talked)} ({ordinary})."
        )
    elif talked:
        answer = (
            f"Partly: you talked with {_customers_of(f, talked)}, but not with "
            f"{_customers_of(f, silent)}, where communication {_changes(f, silent)} "
            f"({ordinary})."
        )
    else:
        answer = (
            f"No: you never chose to talk with {_customers_of(f, silent)}; communication "
            f"{_changes(f, silent)} ({ordinary})."
        )
    return answer, tuple(evidence)


def _changes(f: Facts, handoffs: Sequence[HandoffTotals]) -> str:
    """'went from 30% to 100%', or with several hand-offs 'went from 50% to 100% with Payments
    and stayed at 50% with Repair Network': communication at the start and now."""

    def change(h: HandoffTotals) -> str:
        if round(h.talk, 2) == round(h.talk_start, 2):
            return f"stayed at {h.talk:.0%}"
        return f"went from {h.talk_start:.0%} to {h.talk:.0%}"

    changes = [change(h) for h in handoffs]
    if len(set(changes)) == 1:
        every = {1: "", 2: " on both hand-offs"}.get(len(changes), f" on all {len(changes)}")
        return changes[0] + every
    return listed(
        [f"{c} with {f.called(h.customer)}" for c, h in zip(changes, handoffs, strict=True)]
    )


@dataclass(frozen=True, slots=True)
class Rating:
    """How one internal customer (or external segment) rated a department over the game."""

    who: str
    start: float
    now: float
    lowest: float


def _rating(f: Facts) -> tuple[str, tuple[str, ...]]:
    """Q4: the internal (or external) customers' ratings against the department's own numbers;
    says so when it looks good on its own numbers while they rate it poorly."""
    own = next((s for s in standings(f.game) if s.id == f.id), None)
    used = own.used if own else 0.0
    done = f.view.total_processed
    clean = 1.0 - f.view.total_defects_made / done if done else 1.0
    numbers = f"{done} {f.many} done, {used:.0%} of capacity used, {clean:.0%} without a defect"
    ratings = _ratings(f)
    evidence = [
        f"Rated by {r.who}: {r.now:.0%} now, {r.start:.0%} at the start, lowest {r.lowest:.0%}"
        for r in ratings
    ]
    evidence.append(f"Own numbers: {numbers}")
    if not ratings:
        return f"Nobody rates {f.name}'s service here; its own numbers: {numbers}.", tuple(evidence)
    kind = "internal" if f.outgoing else "external"
    given = listed([f"{r.now:.0%} ({r.who}, {_trend(r)})" for r in ratings])
    answer = f"Its {kind} customers rate it {given}."
    if not (sum(h.handed for h in f.outgoing) if f.outgoing else done):
        answer += " Nothing has reached them from it yet, so that is only where the rating starts."
        return answer, tuple(evidence)
    worst = min(r.now for r in ratings)
    kept_up = f.view.queue <= f.view.capacity
    if worst < POORLY_RATED and done and (used >= BUSY or kept_up):
        answer += (
            f" It looks good on its own numbers ({numbers}), yet they rate it only "
            f"{worst:.0%}: busy is not the same as serving them well."
        )
    elif worst < POORLY_RATED:
        answer += f" A poor rating, and its own numbers show the strain: {numbers}."
    elif worst >= WELL_RATED:
        answer += f" A good rating, and its own numbers agree: {numbers}."
    else:
        answer += f" A middling rating; its own numbers: {numbers}."
    return answer, tuple(evidence)


def _trend(rating: Rating) -> str:
    """'up from 80%', 'down from 80%' or 'as at the start'."""
    if round(rating.now, 2) == round(rating.start, 2):
        return "as at the start"
    return f"{'up' if rating.now > rating.start else 'down'} from {rating.start:.0%}"


def _ratings(f: Facts) -> list[Rating]:
    """Its internal customers' ratings across each hand-off; when it hands nothing on, the
    satisfaction of the external segments it meets."""
    if f.outgoing:
        return [
            Rating(f.called(h.customer), h.rating_start, h.rating, h.lowest) for h in f.outgoing
        ]
    found = []
    for segment in _segments(f):
        history = [
            v.satisfaction
            for t in range(f.game.turn + 1)
            for v in f.game.snapshot(t).customers
            if v.id == segment
        ]
        found.append(Rating(f.segment(segment), history[0], history[-1], min(history)))
    return found
