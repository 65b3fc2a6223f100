"""Hints for a learner (H on the play screen): where the harm customers felt started, and
which choice on this game's menu would help there.

Worked out from the ripple trace, as the debrief is: the hint is the department that started
the most harm so far (the root cause the debrief ranks first), seen at the first hand-off its
harm crossed. The advice is chosen by what each choice on the menu does and is named by the
choice's own name. A choice that cuts corners is never advised; when nothing on the menu
fits, the hint says what is wrong instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ripple.engine import Game, Ripple, Snapshot
from ripple.engine.rules import MORALE_NEUTRAL
from ripple.report.standings import harm_by_kind, harm_shares
from ripple.scenario.model import Effects, Intervention, handoff_key

ADVISED = 2
"""How many choices a hint names at most: one to try, and one besides."""


@dataclass(frozen=True, slots=True)
class Hint:
    """What to look at (a hand-off 'a->b' or a department id) and what to say about it."""

    target: str
    text: str


@dataclass(frozen=True, slots=True)
class Lever:
    """One way a choice can help with a problem: the effect it moves, where, and what that
    does, in the hint's words."""

    effect: str
    """A field of `Effects`; lag helps by going down, every other by going up."""
    place: Literal["handoff", "supplier", "receiver"]
    """Where it must be aimed: 'handoff' (the first hand-off the harm crossed), 'supplier'
    (the root cause) or 'receiver' (that hand-off's internal customer)."""
    does: str


LEVERS: dict[str, tuple[Lever, ...]] = {
    "defects": (
        Lever("communication", "handoff", "fewer defects made, more caught"),
        Lever("quality", "supplier", "fewer mistakes made"),
        Lever("checks", "receiver", "more caught sooner"),
    ),
    "delays": (
        Lever("capacity", "supplier", "a shorter queue"),
        Lever("lag", "handoff", "work crosses sooner"),
    ),
}
"""What helps with each problem, the likeliest help first, each said in a few words: the
play screen shows a hint in three lines."""

MORALE = Lever("morale", "supplier", "morale up: more speed and care")
"""Helps with either problem, where morale is below neutral."""

WRONG: dict[str, str] = {
    "defects": "The defects are made at {department} and travel on uncaught",
    "delays": "Work waits at {department} for longer than customers were promised",
}
"""Each problem said plainly, for when no choice on the menu fits."""


@dataclass(frozen=True, slots=True)
class Place:
    """Where the harm is seen: the root cause, and the first hand-off out of it (if any)."""

    department: str
    handoff: str | None
    receiver: str | None


def hint(game: Game) -> Hint | None:
    """The root cause that has hurt customers most so far, what it did and what on the menu
    would help; None until a customer has been hurt."""
    shares = harm_shares(game)
    if not any(shares.values()):
        return None
    # Ties go to the first id, so the same game always gives the same hint.
    root = max(sorted(shares), key=shares.__getitem__)
    kinds = harm_by_kind(game)[root]
    late = kinds.get("late", 0.0) + kinds.get("lost", 0.0)
    problem = "defects" if kinds.get("defective", 0.0) >= late else "delays"
    place = _place(root, game.ripples(department=root))
    snapshot = game.snapshot()
    name = game.menu.target_name
    harm = f"{shares[root]:.0%} of the harm customers felt, mostly {problem}"
    if place.handoff is None or place.receiver is None:
        said = f"Look at {name(root)}: it started {harm}."
    else:
        rating = snapshot.handoff(place.handoff).satisfaction
        said = (
            f"Look at {name(place.handoff)}: {name(root)} started {harm}, most of it crossing "
            f"here first; {name(place.receiver)} rates it {rating:.0%}."
        )
    return Hint(place.handoff or root, f"{said} {_advice(game, snapshot, place, problem)}")


def _place(root: str, found: list[Ripple]) -> Place:
    """The root cause and the hand-off out of it that most of its harm crossed first."""
    crossed: dict[tuple[str, str], float] = {}
    for ripple in found:
        if len(ripple.chain) > 1:
            pair = (ripple.chain[0], ripple.chain[1])
            crossed[pair] = crossed.get(pair, 0.0) + ripple.weight
    if not crossed:
        return Place(root, None, None)
    supplier, receiver = max(sorted(crossed), key=crossed.__getitem__)
    return Place(root, handoff_key(supplier, receiver), receiver)


def _advice(game: Game, snapshot: Snapshot, place: Place, problem: str) -> str:
    """Up to `ADVISED` choices on the menu that help with the problem where it is, each by
    its name, where it goes and what it does; else the problem said plainly."""
    levers = list(LEVERS[problem])
    morale = next(d.morale for d in snapshot.departments if d.id == place.department)
    if morale < MORALE_NEUTRAL:
        levers.append(MORALE)
    if place.handoff is not None:
        view = snapshot.handoff(place.handoff)
        # a hand-off already talking in full, or with no lag, has nothing left to give
        spent = {"communication": view.communication >= 1.0, "lag": view.lag <= 0}
        levers = [lever for lever in levers if not spent.get(lever.effect, False)]
    advised: list[str] = []
    named: set[str] = set()
    for lever in levers:
        target = {
            "handoff": place.handoff,
            "supplier": place.department,
            "receiver": place.receiver,
        }[lever.place]
        if target is None or len(advised) == ADVISED:
            continue
        choice = _best(game, lever, target, problem, named)
        if choice is not None:
            named.add(choice.id)
            advised.append(f'"{choice.name}" {_aimed(game, choice, target)} ({lever.does})')
    if not advised:
        wrong = WRONG[problem].format(department=game.menu.target_name(place.department))
        return f"{wrong}; nothing on the menu helps there without cutting corners."
    return f"Try {' or '.join(advised)}."


def _best(
    game: Game, lever: Lever, target: str, problem: str, named: set[str]
) -> Intervention | None:
    """The choice on the menu, not named yet and within a turn's budget, that moves `lever`
    most for its cost when aimed at `target`; the menu's order breaks ties."""
    best: Intervention | None = None
    most = 0.0
    for choice in game.menu.interventions.values():
        if choice.id in named or choice.cost > game.budget:
            continue
        if not _reaches(game, choice, target) or _makes_worse(choice.effects, problem):
            continue
        move = getattr(choice.effects, lever.effect) or 0.0
        gain = (-move if lever.effect == "lag" else move) / max(1, choice.cost)
        if gain > most:
            best, most = choice, gain
    return best


def _reaches(game: Game, choice: Intervention, target: str) -> bool:
    """Whether the choice can be aimed at `target` (a choice for everyone reaches every
    department)."""
    if choice.target == "everyone":
        return ("department", target) in game.menu.aims(None)
    return target in game.menu.targets(choice)


def _makes_worse(effects: Effects, problem: str) -> bool:
    """Cutting corners: less care, fewer checks, less talk, lower morale or slower hand-offs
    push problems downstream; and for delays, less capacity lengthens the queue."""
    worse = [effects.quality, effects.checks, effects.communication, effects.morale]
    if problem == "delays":
        worse.append(effects.capacity)
    return any(v is not None and v < 0 for v in worse) or (effects.lag or 0) > 0


def _aimed(game: Game, choice: Intervention, target: str) -> str:
    """Where a named choice goes, as the hint says it."""
    if choice.target == "everyone":
        return "for everyone"
    if choice.target == "handoff":
        return "on it"
    return f"at {game.menu.target_name(target)}"
