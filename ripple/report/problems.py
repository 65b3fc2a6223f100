"""What happened to each department's recurring problems: the root causes behind its defects
and lost time, found (by asking, by a visit, or by the trace) or never found, fixed or still
there, and how many turns each kept coming back. The debrief reveals the hidden ones.

A recurring problem makes defects (or eats time) every turn until it is fixed for good:
firefighting only holds it back for a while. That is the lesson the root-causes page and the
export's table land: how long each one kept coming back.
"""

from __future__ import annotations

from dataclasses import dataclass

from ripple.engine import Game
from ripple.engine.root_causes import ASKED, TRACED, VISITED
from ripple.engine.rules import RELIEF_KEEP
from ripple.report.facts import turns_words
from ripple.report.standings import harm_order

HOW_WORDS = {ASKED: "by asking", VISITED: "by a visit", TRACED: "by the trace"}
"""How a problem came to light, in words: its internal customer named it when asked, a
manager's visit saw it, or the trace of harm to customers led to it."""

LESSON = (
    "A recurring problem comes back every turn until it is fixed for good; "
    "firefighting only holds it back for a while."
)
"""What the root causes teach, said after their tally."""

_FADED = 1e-3
"""Relief below this is gone (the engine forgets it)."""


@dataclass(frozen=True, slots=True)
class RootCause:
    """One recurring problem over the game: when it came to light and how, when it was fixed,
    and the turns it was at work."""

    department: str
    department_name: str
    id: str
    name: str
    defects: float
    delay: float
    how: str
    """'asked', 'visited', 'traced', or '' while it was never found."""
    found: int
    """The turn it came to light (0: never)."""
    fixed: int
    """The turn it was gone from (0: not fixed)."""
    fixing: int
    """While a fix is under way past the turns played, the turn it will be gone from (else 0)."""
    active: tuple[int, ...]
    """The turns it was at work: every turn before it was fixed."""
    firefought: tuple[int, ...]
    """The turns firefighting held its symptoms back (it came back after each)."""
    over: bool
    """True when the game is over: a problem not found by then was never found."""

    @property
    def status(self) -> str:
        """'fixed', 'fixing', 'known' (found, still there) or 'hidden'."""
        if self.fixed:
            return "fixed"
        if self.fixing:
            return "fixing"
        return "known" if self.found else "hidden"

    @property
    def recurring(self) -> int:
        """How many turns it kept coming back."""
        return len(self.active)

    @property
    def does(self) -> str:
        """What it did each turn it was at work: made defects, or ate time."""
        return "made defects" if self.defects > 0 else "ate time"

    def found_words(self) -> str:
        """'turn 5, by asking', 'never found', or 'not found yet' in a game still going."""
        if not self.found:
            return "never found" if self.over else "not found yet"
        return f"turn {self.found}, {HOW_WORDS.get(self.how, self.how)}"

    def fixed_words(self) -> str:
        """'turn 10', 'being fixed: gone from turn 13', or 'still there'."""
        if self.fixed:
            return f"turn {self.fixed}"
        if self.fixing:
            return f"being fixed: gone from turn {self.fixing}"
        return "still there"

    def fate(self) -> str:
        """What became of it: 'fixed', 'being fixed: gone from turn 13', 'still there',
        'never found' or 'not found yet'."""
        if self.fixed:
            return "fixed"
        if self.fixing or self.found:
            return self.fixed_words()
        return self.found_words()

    def came_back(self) -> str:
        """How long it kept coming back, the Groundhog Day of a problem nobody fixed: 'made
        defects for 9 turns before it was fixed', 'made defects all 12 turns'."""
        turns = "1 turn" if self.recurring == 1 else f"{self.recurring} turns"
        if self.fixed:
            if not self.recurring:
                return "fixed before it did any harm"
            return f"{self.does} for {turns} before it was fixed"
        if self.recurring <= 1:
            return f"{self.does} for {turns}"
        return f"{self.does} all {turns}"

    def firefought_words(self) -> str:
        """'firefought on turns 3 and 6; it came back each time', or ''."""
        if not self.firefought:
            return ""
        again = "it came back each time" if len(self.firefought) > 1 else "it came back"
        if self.fixed:
            again = "it came back until it was fixed"
        return f"firefought on {turns_words(self.firefought)}; {again}"

    def kept_coming_back(self) -> str:
        """How long it came back, and any firefighting that held it back for a while: 'made
        defects all 12 turns; firefought on turns 3 and 6; it came back each time'."""
        fought = self.firefought_words()
        return self.came_back() + (f"; {fought}" if fought else "")


def root_causes(game: Game) -> list[RootCause]:
    """Every department's recurring problems, hidden ones too: the departments that started
    most harm first, each one's problems in the scenario's order. Read from the snapshots of
    every turn, so the game must keep them."""
    snapshots = [game.snapshot(turn) for turn in range(game.turn + 1)]
    last = snapshots[-1]
    order = harm_order(game, [view.id for view in last.departments])
    found = []
    for department in order:
        k = next(i for i, view in enumerate(last.departments) if view.id == department)
        view = last.departments[k]
        for p, problem in enumerate(view.problems):
            history = [s.departments[k].problems[p] for s in snapshots]
            fixed = problem.fixing if problem.fixed else 0
            end = fixed - 1 if fixed else game.turn
            found.append(
                RootCause(
                    department=view.id,
                    department_name=view.name,
                    id=problem.id,
                    name=problem.name,
                    defects=problem.defects,
                    delay=problem.delay,
                    how=problem.how if problem.known else "",
                    found=problem.known_turn if problem.known else 0,
                    fixed=fixed,
                    fixing=0 if problem.fixed else problem.fixing,
                    active=tuple(range(1, end + 1)),
                    firefought=tuple(
                        turn
                        for turn in range(1, end + 1)
                        if history[turn].relief > _kept(history[turn - 1].relief) + 1e-9
                    ),
                    over=game.over,
                )
            )
    return found


def _kept(relief: float) -> float:
    """What is left of a turn's relief a turn later, without more firefighting."""
    kept = relief * RELIEF_KEEP
    return kept if kept >= _FADED else 0.0


def tally(causes: list[RootCause]) -> str:
    """The recurring problems in one sentence: how many, found, fixed, never found."""
    if not causes:
        return "No recurring problems in this organisation."
    total = len(causes)
    found = sum(1 for c in causes if c.found)
    fixed = sum(1 for c in causes if c.fixed)
    hidden = total - found
    over = causes[0].over
    said = (
        f"{total} recurring {'problem' if total == 1 else 'problems'}: {found} found, {fixed} fixed"
    )
    if hidden:
        said += f", {hidden} {'never found' if over else 'not found yet'}"
    return said + "."
