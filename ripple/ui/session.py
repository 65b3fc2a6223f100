"""A game on screen: the engine game, this turn's choices, resolving turns aside from
drawing, and saves after every turn. Scenes change the game only through this."""

from __future__ import annotations

import os
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from ripple.engine import Decision, DecisionError, Game, Snapshot, TurnReport
from ripple.engine.interventions import Option
from ripple.save import SavedGame, save_of, write_save
from ripple.scenario.load import load_scenario, scenario_hash
from ripple.scenario.model import Intervention, Scenario


def data_dir() -> Path:
    """Where autosaves and records go: the user's data folder (RIPPLE_DATA_DIR overrides)."""
    override = os.environ.get("RIPPLE_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / "ripple-effect"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "ripple-effect"
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "ripple-effect"


class Session:
    """One game being played in the window."""

    def __init__(
        self,
        scenario: Scenario,
        path: Path,
        *,
        seed: int | None = None,
        save_to: Path | None = None,
        saved: SavedGame | None = None,
    ) -> None:
        self.scenario = scenario
        self.path = path
        self.hash = scenario_hash(path)
        self.save_to = save_to
        self.autosave_to = data_dir() / "autosave" / f"{path.stem}.json"
        self.game = Game(scenario, saved.seed if saved and saved.seed >= 0 else seed)
        if saved:
            for decisions, injected in zip(saved.decisions, _padded(saved), strict=True):
                if self.game.over:
                    break
                self.game.play_turn(decisions, injected)
        self.chosen: list[Decision] = []
        self.before: Snapshot = self.game.snapshot(max(0, self.game.turn - 1))
        self.after: Snapshot = self.game.snapshot()
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="turn")
        self._pending: Future[TurnReport] | None = None
        self.save_problem = ""

    @classmethod
    def open(cls, path: Path, **options: object) -> Session:
        """A new game of the scenario file at `path` (raises ScenarioError if it is wrong)."""
        return cls(load_scenario(path), path, **options)  # type: ignore[arg-type]

    @property
    def interventions(self) -> list[Intervention]:
        """The menu, in scenario order."""
        return list(self.game.menu.interventions.values())

    @property
    def spent(self) -> int:
        """Budget spent on this turn's choices so far."""
        menu = self.game.menu.interventions
        return sum(menu[d.intervention].cost for d in self.chosen)

    @property
    def budget_left(self) -> int:
        """What is left to spend this turn."""
        return self.game.budget - self.spent

    @property
    def resolving(self) -> bool:
        """True while a turn is being worked out."""
        return self._pending is not None

    @property
    def over(self) -> bool:
        """True once the last turn has been played (and nothing is resolving)."""
        return self.after.turn >= self.after.turns and not self.resolving

    def targets(self, intervention: Intervention) -> list[Option]:
        """Where this intervention can be aimed, in the scenario's order, as players read it."""
        menu = self.game.menu
        order = {d.id: i for i, d in enumerate(self.scenario.departments)}
        order |= {
            f"{d.supplier}->{d.customer}": i for i, d in enumerate(self.scenario.dependencies)
        }
        targets = sorted(menu.targets(intervention), key=lambda t: order.get(t or "", 0))
        return [Option(intervention, t, menu.target_name(t)) for t in targets]

    def choose(self, decision: Decision) -> str | None:
        """Add a decision to this turn; returns why not, if it is not allowed."""
        if self.resolving or self.over:
            return "wait for the turn to finish"
        try:
            self.game.menu.check([*self.chosen, decision], self.game.budget)
        except DecisionError as error:
            return str(error)
        self.chosen.append(decision)
        return None

    def take_back(self) -> Decision | None:
        """Remove the last decision chosen this turn."""
        return self.chosen.pop() if self.chosen and not self.resolving else None

    def end_turn(self) -> bool:
        """Start resolving the turn with this turn's choices (in the background)."""
        if self.resolving or self.over:
            return False
        self._pending = self._worker.submit(self._resolve, tuple(self.chosen))
        return True

    def _resolve(self, decisions: tuple[Decision, ...]) -> TurnReport:
        """On the worker: play the turn, then save it, so no frame waits for either."""
        report = self.game.play_turn(decisions)
        self.save()
        return report

    def poll(self) -> TurnReport | None:
        """The report of a turn that has just finished resolving, once; else None."""
        if self._pending is None or not self._pending.done():
            return None
        report = self._pending.result()
        self._pending = None
        self.chosen = []
        self.before, self.after = self.after, self.game.snapshot()
        return report

    def wait(self) -> TurnReport | None:
        """Block until a resolving turn is done (for headless runs and tests)."""
        if self._pending is not None:
            self._pending.result()
        return self.poll()

    def save(self) -> None:
        """Write the game so far to the autosave and, if asked for, the save file.

        A save that fails does not stop the game; `save_problem` says what went wrong.
        """
        saved = save_of(self.game, str(self.path.resolve()), self.hash)
        self.save_problem = ""
        for target in (self.autosave_to, self.save_to):
            if target is not None:
                try:
                    write_save(saved, target)
                except OSError as error:
                    self.save_problem = f"could not save to {target}: {error.strerror or error}"

    def close(self) -> None:
        """Stop the background worker."""
        self._worker.shutdown(wait=True)


def _padded(saved: SavedGame) -> list[tuple[str, ...]]:
    injected = list(saved.injected)
    return injected + [()] * (len(saved.decisions) - len(injected))
