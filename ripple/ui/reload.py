"""Live reload: while a scenario is played, saving its file reloads it.

The game keeps its turn when the changed scenario can replay the decisions made so far;
otherwise a new game starts. A file with errors is not loaded: its problems are shown and
the game goes on as it was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from ripple.engine import DecisionError
from ripple.play.save import SavedGame
from ripple.play.session import Session
from ripple.scenario.load import check_file, load_scenario
from ripple.scenario.model import Scenario
from ripple.scenario.problems import ScenarioError
from ripple.ui.measure import text_width

CHECK_EVERY = 1.0
"""Seconds between two looks at the file: often enough to feel live, cheap enough to ignore."""


class Watch:
    """Notices when a file is saved again."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stamp = self._stamp()
        self.waited = 0.0

    def _stamp(self) -> int | None:
        try:
            return os.stat(self.path).st_mtime_ns
        except OSError:
            return None

    def changed(self, dt: float) -> bool:
        """True once after the file was saved (looked at every CHECK_EVERY seconds)."""
        self.waited += dt
        if self.waited < CHECK_EVERY:
            return False
        self.waited = 0.0
        stamp = self._stamp()
        if stamp is None or stamp == self.stamp:
            return False
        self.stamp = stamp
        return True


@dataclass(frozen=True)
class Reload:
    """What came of reloading: a new session (or None), the problems, and what to say."""

    session: Session | None
    problems: list[str]
    message: str


def _going_on(session: Session, scenario: Scenario) -> SavedGame:
    """The game so far as a save to replay on the reloaded scenario. A save replays with its
    own number of turns, so a game as long as the scenario it was played on is given the
    reloaded scenario's (the author may have just changed it); one with a length of its own
    (loaded from a save of `ripple simulate --turns`) keeps it."""
    saved = session.saved()
    if session.game.turns == session.scenario.turns:
        saved = replace(saved, turns=scenario.turns)
    return saved


def reload(session: Session) -> Reload:
    """The session again on the file as it is now, keeping the turn if the decisions still fit."""
    problems = check_file(session.path, text_width)
    errors = [str(p) for p in problems if p.severity == "error"]
    if errors:
        return Reload(None, errors, "The scenario file has errors: the game goes on unchanged.")
    try:
        scenario = load_scenario(session.path)
    except ScenarioError as error:
        return Reload(None, [str(p) for p in error.problems], "The scenario could not be loaded.")
    teams = session.teams if session.mode != "single" else ()
    roles = session.roles or None
    try:
        fresh = Session(
            scenario,
            session.path,
            saved=_going_on(session, scenario),
            save_to=session.save_to,
            teams=teams,
            roles=roles,
            autosave_to=session.autosave_to,
        )
        turn = fresh.game.turn
        message = f"Scenario reloaded; the game goes on at turn {turn + 1}."
    except (DecisionError, KeyError, ValueError):
        fresh = Session(
            scenario,
            session.path,
            seed=session.game.seed,
            save_to=session.save_to,
            teams=teams,
            roles=roles,
            autosave_to=session.autosave_to,
        )
        message = "Scenario reloaded; it changed too much to keep the game, so a new one began."
    return Reload(fresh, [], message)
