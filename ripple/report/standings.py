"""Each department's own number against the harm to customers it started: the debrief's
"looked good on its own number, hurt customers downstream".

A department's own number is its score on the measure it is rewarded on (throughput, handle
time, utilisation, right first time or the customer's outcome), averaged over the turns
played; a choice that changes the measure shows as a second measure from its turn on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ripple.engine import Game, figures
from ripple.engine.figures import game_outcomes

HARMFUL = 0.2
"""A department that started this share of the harm customers felt is called out."""

SOME = 0.1
"""Below HARMFUL but at least this share: some of the harm started here."""

BUSY = 0.75
"""A department that used this share of its capacity looked busy on its own numbers."""

GOOD = 0.75
"""A department whose own number averaged this much over the game looked good on it."""

MEASURE_WORDS = {
    "throughput": "throughput",
    "handle_time": "handle time",
    "utilisation": "utilisation",
    "right_first_time": "right first time",
    "customer_outcome": "the customer's outcome",
}
"""How each measure a department is rewarded on reads on screen, in the debrief and the export."""

Measures = tuple[tuple[int, str], ...]
"""What a department was rewarded on: (from turn, measure), the first from turn 1."""


def measure_words(measures: Measures) -> str:
    """'throughput', or 'throughput, then right first time from turn 4' when it changed."""
    (_, first), *later = measures
    said = MEASURE_WORDS[first]
    for turn, measure in later:
        said += f", then {MEASURE_WORDS[measure]} from turn {turn}"
    return said


@dataclass(frozen=True, slots=True)
class Standing:
    """A department's own number against the harm to customers it started."""

    id: str
    name: str
    processed: int
    used: float
    """Share of its capacity it used over the game."""
    harm: float
    """Share of all the harm customers felt that started here."""
    kinds: dict[str, int]
    """The harm it started by kind, in whole items that add up across departments to the
    totals the debrief shows elsewhere."""
    measures: Measures = ((1, "throughput"),)
    """What it was rewarded on, and from which turn."""
    own: float | None = None
    """Its own number on that measure, 0 to 1, averaged over the turns played (None before
    the first)."""

    @property
    def measure(self) -> str:
        """What it was rewarded on, in words (with the turn it changed, if it did)."""
        return measure_words(self.measures)

    @property
    def flagged(self) -> bool:
        """Good on its own number, and a big source of harm downstream."""
        return self.own is not None and self.own >= GOOD and self.harm >= HARMFUL

    def verdict(self) -> tuple[str, str, str]:
        """(icon, palette colour name, one line) saying what its own number did not show."""
        if not self.processed:
            return "·", "muted", "No work has reached it yet"
        if self.flagged:
            return (
                "⚠",
                "warn",
                f"Looked good on its own number, yet started {self.harm:.0%} of the harm",
            )
        if self.harm >= HARMFUL:
            return (
                "⚠",
                "bad",
                f"Started {self.harm:.0%} of the harm, and its own number was low too",
            )
        if self.harm >= SOME:
            return "·", "info", f"Some of the harm started here: {self.harm:.0%}"
        if self.harm > 0:
            return "✓", "info", "Mostly clean: little of the harm started here"
        return "✓", "good", "No harm to customers traced to it"


def harm_by_kind(game: Game) -> dict[str, dict[str, float]]:
    """Weight of harm to customers each department started, by kind (late, defective, lost)."""
    kinds: dict[str, dict[str, float]] = {}
    for (department, kind), weight in game.attribution().items():
        kinds.setdefault(department, {})[kind] = weight
    return kinds


def harm_shares(game: Game) -> dict[str, float]:
    """Each department's share of all the harm customers felt (0 when there was none)."""
    kinds = harm_by_kind(game)
    total = sum(sum(k.values()) for k in kinds.values())
    return {d: sum(k.values()) / total if total else 0.0 for d, k in kinds.items()}


def rewarded_on(game: Game) -> dict[str, Measures]:
    """What each department was rewarded on over the turns played: its measure at the start,
    then each change from the turn it was first seen."""
    found: dict[str, Measures] = {v.id: ((1, v.measure),) for v in game.snapshot(0).departments}
    for turn in range(1, game.turn + 1):
        for view in game.snapshot(turn).departments:
            if view.measure != found[view.id][-1][1]:
                found[view.id] += ((turn, view.measure),)
    return found


def own_numbers(game: Game) -> dict[str, float]:
    """Each department's own number over the turns played: the mean of its score, turn by
    turn, on whatever it was rewarded on that turn (empty before the first turn)."""
    sums: dict[str, float] = {}
    for turn in range(1, game.turn + 1):
        for view in game.snapshot(turn).departments:
            sums[view.id] = sums.get(view.id, 0.0) + view.score
    return {department: total / game.turn for department, total in sums.items()}


def standings(game: Game) -> list[Standing]:
    """Every department, the good-on-its-own-number-but-harmful first, then by the share of
    harm it started.

    Capacity used, own numbers and measures are read from the snapshots of every turn, so the
    game must keep them.
    """
    kinds = harm_by_kind(game)
    counted: dict[str, dict[str, int]] = {}
    for kind in {k for weights in kinds.values() for k in weights}:
        by_department = {d: weights.get(kind, 0.0) for d, weights in kinds.items()}
        for department, count in figures.whole_numbers(by_department).items():
            counted.setdefault(department, {})[kind] = count
    shares = harm_shares(game)
    capacity: dict[str, float] = {}
    for turn in range(1, game.turn + 1):
        for view in game.snapshot(turn).departments:
            capacity[view.id] = capacity.get(view.id, 0.0) + view.capacity
    measures, own = rewarded_on(game), own_numbers(game)
    found = [
        Standing(
            view.id,
            view.name,
            view.total_processed,
            view.total_processed / capacity[view.id] if capacity.get(view.id) else 0.0,
            shares.get(view.id, 0.0),
            counted.get(view.id, {}),
            measures[view.id],
            own.get(view.id),
        )
        for view in game.snapshot().departments
    ]
    return sorted(found, key=lambda s: (not s.flagged, -s.harm, -s.processed, s.name))


def harm_order(game: Game, departments: Sequence[str]) -> list[str]:
    """`departments` in the order the debrief tells them: the one that started most harm
    first, then the scenario's order."""
    shares = harm_shares(game)
    order = [d.id for d in game.scenario.departments]
    return sorted(departments, key=lambda d: (-shares.get(d, 0.0), order.index(d)))


def summary(game: Game) -> str:
    """The game in one sentence of numbers."""
    got = game_outcomes(game)
    words = game.scenario.item.many
    inside = _inside(game)
    if not got.completed:
        return f"No {words} delivered yet; {inside}."
    return (
        f"{got.completed} {words} delivered: {got.on_time:.0%} on time, {got.defective:.0%} "
        f"with defects; mean lead time {got.lead_time:.1f} turns; {inside}."
    )


def _inside(game: Game) -> str:
    """The work inside the organisation, said so that it adds up with what the screen shows:
    the departments' queues, and the rest on its way along the hand-offs."""
    wip = int(game.totals()["wip"])
    queued = sum(d.queue for d in game.snapshot().departments)
    travelling = wip - queued
    if not travelling:
        return f"{wip} still inside, in the departments' queues"
    return f"{wip} still inside: {queued} in queues, {travelling} on their way between departments"
