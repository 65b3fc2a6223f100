"""Each department's own numbers against the harm to customers it started: the debrief's
"looked good on its own numbers, hurt customers downstream"."""

from __future__ import annotations

from dataclasses import dataclass

from ripple.engine import Game, figures
from ripple.engine.figures import game_outcomes

HARMFUL = 0.2
"""A department that started this share of the harm customers felt is called out."""

SOME = 0.1
"""Below HARMFUL but at least this share: some of the harm started here."""

BUSY = 0.75
"""A department that used this share of its capacity looked busy on its own numbers."""


@dataclass(frozen=True, slots=True)
class Standing:
    """A department's own numbers against the harm to customers it started."""

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

    @property
    def flagged(self) -> bool:
        """Busy on its own numbers, and a big source of harm downstream."""
        return self.used >= BUSY and self.harm >= HARMFUL

    def verdict(self) -> tuple[str, str, str]:
        """(icon, palette colour name, one line) saying what its numbers did not show."""
        if not self.processed:
            return "·", "muted", "No work has reached it yet"
        if self.flagged:
            return "⚠", "warn", f"Looked busy, yet started {self.harm:.0%} of the harm"
        if self.harm >= HARMFUL:
            return "⚠", "bad", f"Started {self.harm:.0%} of the harm, with capacity to spare"
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


def standings(game: Game) -> list[Standing]:
    """Every department, the busy-but-harmful first, then by the share of harm it started.

    Capacity used is summed over the snapshots of every turn, so the game must keep them.
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
    found = [
        Standing(
            view.id,
            view.name,
            view.total_processed,
            view.total_processed / capacity[view.id] if capacity.get(view.id) else 0.0,
            shares.get(view.id, 0.0),
            counted.get(view.id, {}),
        )
        for view in game.snapshot().departments
    ]
    return sorted(found, key=lambda s: (not s.flagged, -s.harm, -s.processed, s.name))


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
