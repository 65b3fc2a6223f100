"""A self-paced learner's look back at a game: the four questions about internal customers,
answered for the departments they looked after (the culture read-out is in `culture.py`).

Every answer is worked out from the game's own numbers (the hand-offs' traffic and ratings,
the ripple trace and the decisions, gathered in `facts.py`), never canned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ripple.engine import Game
from ripple.engine.rules import COMMUNICATION_NEUTRAL
from ripple.report.facts import Facts, HandoffTotals, facts, listed, segments, target_of
from ripple.report.standings import BUSY, standings

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
    outside = segments(f)
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
    for segment in segments(f):
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
    who = _customers_of(f, f.outgoing) or listed([f.segment(s) for s in segments(f)])
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


def _talks(f: Facts, key: str) -> list[tuple[int, str]]:
    """(turn, choice's name) for each choice the learner made that raised communication on
    `key`: talking, and any other choice that opens the channel (cutting red tape, say)."""
    interventions = f.game.menu.interventions
    return [
        (turn, interventions[decision.intervention].name)
        for turn, chosen in enumerate(f.game.decisions, start=1)
        for decision in chosen
        if target_of(decision) == key
        and (interventions[decision.intervention].effects.communication or 0) > 0
    ]


def _chosen(talks: list[tuple[int, str]]) -> str:
    """The choices that opened a hand-off's channel, each by its own name and how often, as
    the culture page counts them: 'Talk it through ×5, Cut red tape ×2, first in turn 3'."""
    if not talks:
        return "nothing chosen to open it"
    counts = Counter(name for _, name in talks)
    named = ", ".join(f"{name} ×{count}" for name, count in counts.items())
    return f"{named}, first in turn {talks[0][0]}"


def _customers_of(f: Facts, handoffs: Sequence[HandoffTotals]) -> str:
    """The internal customers across these hand-offs, by name."""
    return listed([f.called(h.customer) for h in handoffs])


def _talk(f: Facts) -> tuple[str, tuple[str, ...]]:
    """Q3: the hand-offs' communication at the start and now, and the talks the learner chose."""
    if not f.outgoing:
        complaints = sum(f.customers.get(s, {}).get("complaints", 0) for s in segments(f))
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
        evidence.append(
            f"With {f.called(h.customer)}: communication {h.talk_start:.0%} at the start, "
            f"{h.talk:.0%} now; {_chosen(turns)}"
        )
    upstream = [talk for h in f.incoming for talk in _talks(f, h.key)]
    if upstream:
        evidence.append(f"With its own suppliers: {_chosen(sorted(upstream))}")
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
    if len(changes) > 2:
        # Many hand-offs: one short sentence, the evidence lists each of them.
        rose = [h for h in handoffs if round(h.talk, 2) > round(h.talk_start, 2)]
        lowest = min(h.talk for h in handoffs)
        return f"rose on {len(rose)} of {len(handoffs)} hand-offs, the lowest now {lowest:.0%}"
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
    for segment in segments(f):
        history = [
            v.satisfaction
            for t in range(f.game.turn + 1)
            for v in f.game.snapshot(t).customers
            if v.id == segment
        ]
        found.append(Rating(f.segment(segment), history[0], history[-1], min(history)))
    return found
