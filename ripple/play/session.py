"""A game being played: the engine games, this turn's choices, turns resolved and saved on a
worker thread, and the teams taking turns. Any front end (the window's scenes, or another)
changes the game only through this.

Three ways to play: one player or team (`single`); teams taking turns on one laptop, each
with its own copy of the organisation, same seed and events (`hotseat`); or teams sharing
one organisation, each deciding only for the departments it owns (`roles`), the turn
resolving once every team has chosen.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ripple.engine import Decision, DecisionError, Game, Ripple, Snapshot, TurnReport
from ripple.engine.interventions import Option
from ripple.play.records import add_record
from ripple.play.save import SavedGame, previous_of, write_save
from ripple.play.saved_games import autosave_folder
from ripple.report.export import slug
from ripple.report.whatif import WhatIf, compare, replay
from ripple.scenario.load import load_scenario, scenario_hash
from ripple.scenario.model import Intervention, Scenario, handoff_key, parse_handoff

SOLO = ""
"""The name of the one team of a single-player game."""


def new_autosave(path: Path, teams: tuple[str, ...], roles: bool) -> Path:
    """Where a new game of the scenario at `path` autosaves: named after the scenario and, in
    a workshop, its teams; numbered when that name is taken, so a new game never writes over
    another game's save (a finished one included)."""
    folder = autosave_folder()
    stem = path.stem
    if len(teams) > 1:
        stem += f"-{'roles' if roles else 'teams'}-" + "-".join(slug(t) or "team" for t in teams)
    candidate, number = folder / f"{stem}.json", 1
    while candidate.exists() or previous_of(candidate).exists():
        number += 1
        candidate = folder / f"{stem}-{number}.json"
    return candidate


class Session:
    """One game (or one game per team) being played."""

    def __init__(
        self,
        scenario: Scenario,
        path: Path,
        *,
        seed: int | None = None,
        save_to: Path | None = None,
        saved: SavedGame | None = None,
        teams: tuple[str, ...] = (),
        roles: dict[str, tuple[str, ...]] | None = None,
        autosave_to: Path | None = None,
    ) -> None:
        self.scenario = scenario
        self.path = path
        self.hash = scenario_hash(path)
        self.save_to = save_to
        if saved is not None:
            teams, roles = saved.teams, saved.roles or None
        self.autosave_to = autosave_to or new_autosave(path, teams, bool(roles))
        """Where the game is saved after every turn: the save it goes on from, or a new one."""
        self.teams: tuple[str, ...] = teams or (SOLO,)
        self.roles = dict(roles) if roles else {}
        self.mode = "roles" if self.roles else ("hotseat" if len(self.teams) > 1 else "single")
        budget = scenario.budget * len(self.teams) if self.roles else None
        names = self.teams if self.mode == "hotseat" else (SOLO,)
        if saved is None:
            self.games = {name: Game(scenario, seed, budget=budget) for name in names}
        else:  # the save's own seed when it knows it, else the one asked for
            seed = saved.known_seed if saved.known_seed is not None else seed
            self.games = {
                name: saved.replay(scenario, name if saved.team_decisions else "", seed=seed)
                for name in names
            }
        self.current = 0
        self.chosen: list[Decision] = []
        self.shared: list[Decision] = []
        """Roles: what the teams before the current one chose this turn."""
        self.injections: list[str] = []
        """Events a facilitator set off for this round: every team's game gets them."""
        self.next_injections: list[str] = []
        """Events set off after the round began: every team gets them next round."""
        self.traces = {name: game.ripples() for name, game in self.games.items()}
        """Each game's ripple trace as of its latest snapshot (worked out beside the turn)."""
        self.views = {
            name: (game.snapshot(max(0, game.turn - 1)), game.snapshot())
            for name, game in self.games.items()
        }
        self.showing = self._board(self.team)
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="turn")
        self._pending: Future[TurnReport] | None = None
        self.save_problem = ""
        self.note = saved.note if saved is not None else ""
        """The learner's own note on the debrief's reflection page (it goes into the save)."""
        self.first: Game | None = None
        """What if: the game as first played, kept when play went back to an earlier turn."""
        self.branched_at = 0
        """What if: the turn after which the two timelines part."""

    @classmethod
    def open(cls, path: Path, **options: Any) -> Session:
        """A new game of the scenario file at `path` (raises ScenarioError if it is wrong)."""
        return cls(load_scenario(path), path, **options)

    # --- who is playing -----------------------------------------------------------

    @property
    def team(self) -> str:
        """The team whose turn it is to choose ('' in a single-player game)."""
        return self.teams[self.current]

    def _board(self, team: str) -> str:
        """The game a team plays: its own in hot-seat play, else the one shared game."""
        return team if self.mode == "hotseat" else SOLO

    @property
    def game(self) -> Game:
        """The game the current team is deciding for."""
        return self.games[self._board(self.team)]

    @property
    def before(self) -> Snapshot:
        """The snapshot before the turn on screen (for animating)."""
        return self.views[self.showing][0]

    @property
    def after(self) -> Snapshot:
        """The snapshot after the turn on screen."""
        return self.views[self.showing][1]

    def ripples(
        self, *, customer: str | None = None, department: str | None = None
    ) -> list[Ripple]:
        """The ripple trace of the game on screen, biggest first, for one customer or origin."""
        return [
            r
            for r in self.traces[self.showing]
            if (customer is None or r.customer == customer)
            and (department is None or r.origin == department)
        ]

    def show_current(self) -> bool:
        """Put the current team's organisation on screen; True if that changed the view."""
        board = self._board(self.team)
        if board == self.showing:
            return False
        self.showing = board
        return True

    # --- choosing -----------------------------------------------------------------

    @property
    def interventions(self) -> list[Intervention]:
        """The menu, in scenario order (teams sharing an organisation cannot aim at everyone)."""
        menu = list(self.game.menu.interventions.values())
        return [i for i in menu if not (self.roles and i.target == "everyone")]

    @property
    def spent(self) -> int:
        """Budget the current team has spent this turn."""
        menu = self.game.menu.interventions
        return sum(menu[d.intervention].cost for d in self.chosen)

    @property
    def budget(self) -> int:
        """Each team's budget per turn."""
        return self.scenario.budget

    @property
    def budget_left(self) -> int:
        """What the current team has left to spend this turn."""
        return self.budget - self.spent

    def owns(self, target: str | None) -> bool:
        """True if the current team may aim at `target` (always, unless teams have roles)."""
        if not self.roles:
            return True
        if target is None:
            return False
        pair = parse_handoff(target)
        return (pair[0] if pair else target) in self.roles.get(self.team, ())

    def targets(self, intervention: Intervention) -> list[Option]:
        """Where this intervention can be aimed by the current team, in the scenario's order."""
        menu = self.game.menu
        order = {d.id: i for i, d in enumerate(self.scenario.departments)}
        order |= {
            handoff_key(d.supplier, d.customer): i for i, d in enumerate(self.scenario.dependencies)
        }
        targets = sorted(menu.targets(intervention), key=lambda t: order.get(t or "", 0))
        return [Option(intervention, t, menu.target_name(t)) for t in targets if self.owns(t)]

    def choose(self, decision: Decision) -> str | None:
        """Add a decision to the current team's turn; returns why not, if it is not allowed."""
        if self.resolving or self.over:
            return "wait for the turn to finish"
        if not self.owns(decision.target):
            return f"{self.team} does not run {self.game.menu.target_name(decision.target)}"
        try:
            self.game.menu.check([*self.chosen, decision], self.budget)
        except DecisionError as error:
            return str(error)
        self.chosen.append(decision)
        return None

    def take_back(self) -> Decision | None:
        """Remove the last decision chosen this turn."""
        return self.chosen.pop() if self.chosen and not self.resolving else None

    def inject(self, event: str) -> None:
        """A facilitator sets off one of the scenario's events. Every team gets it on the
        same turn: this round if no team has played it yet, else the next round."""
        queue = self.injections if self.current == 0 and not self.shared else self.next_injections
        if event not in queue:
            queue.append(event)

    # --- turns --------------------------------------------------------------------

    @property
    def resolving(self) -> bool:
        """True while a turn is being worked out."""
        return self._pending is not None

    @property
    def over(self) -> bool:
        """True once every game has played its last turn (and nothing is resolving)."""
        return not self.resolving and all(g.over for g in self.games.values()) and not self.shared

    def end_turn(self) -> bool:
        """The current team is done. With roles, the next team chooses; otherwise (or after
        the last team) the turn resolves in the background."""
        if self.resolving or self.over:
            return False
        if self.mode == "roles" and self.current < len(self.teams) - 1:
            self.shared += self.chosen
            self.chosen = []
            self.current += 1
            return True
        decisions = (*self.shared, *self.chosen)
        board = self._board(self.team)
        self._pending = self._worker.submit(self._resolve, board, decisions, tuple(self.injections))
        return True

    def _resolve(
        self, board: str, decisions: tuple[Decision, ...], events: tuple[str, ...]
    ) -> TurnReport:
        """On the worker: play the turn, trace its ripples and save, so no frame waits for
        any of it and no frame reads the game while it changes."""
        game = self.games[board]
        report = game.play_turn(decisions, events)
        self.traces[board] = game.ripples()
        self.save()
        if game.over:
            self._record(board, game)
        return report

    def _record(self, board: str, game: Game) -> None:
        """A game has ended: note its result in the player's record of games."""
        try:
            add_record(self.path, game, team=board, what_if=self.first is not None)
        except OSError as error:
            self.save_problem = f"could not note the result: {error.strerror or error}"

    def poll(self) -> TurnReport | None:
        """The report of a turn that has just finished resolving, once; else None."""
        if self._pending is None or not self._pending.done():
            return None
        report = self._pending.result()
        self._pending = None
        board = self._board(self.team)
        self.views[board] = (self.views[board][1], self.games[board].snapshot())
        self.showing = board
        self.chosen, self.shared = [], []
        self.current = (self.current + 1) % len(self.teams) if self.mode == "hotseat" else 0
        if self.current == 0:
            self.injections, self.next_injections = self.next_injections, []
        return report

    def background(self) -> list[Future[Any]]:
        """The turn resolving aside from drawing, if one is (to join, not to poll)."""
        return [self._pending] if self._pending is not None else []

    def wait(self) -> TurnReport | None:
        """Block until a resolving turn is done (for headless runs and tests)."""
        if self._pending is not None:
            self._pending.result()
        return self.poll()

    def undo(self) -> bool:
        """Take back the last turn played: the team that played it chooses again."""
        if self.resolving:
            return False
        last = (self.current - 1) % len(self.teams) if self.mode == "hotseat" else 0
        board = self._board(self.teams[last])
        game = self.games[board]
        if game.turn == 0:
            return False
        decisions = list(game.decisions[-1])
        game.rewind(game.turn - 1)
        self.traces[board] = game.ripples()
        self.views[board] = (game.snapshot(max(0, game.turn - 1)), game.snapshot())
        self.current, self.showing = last, board
        if self.mode == "roles":
            self.current = len(self.teams) - 1
            mine = [d for d in decisions if self.owns(d.target)]
            self.shared = [d for d in decisions if d not in mine]
            self.chosen = mine
        else:
            self.chosen, self.shared = decisions, []
        self.save()
        return True

    # --- what if -----------------------------------------------------------------

    def branch(self, turn: int) -> str | None:
        """What if: go back to the end of `turn` and play on differently, keeping the game
        as first played to compare with (a later rewind keeps that same first game).
        Returns why not, if it cannot."""
        if self.mode != "single":
            return "What if is for one player: a workshop's teams can undo a turn with U."
        if self.resolving:
            return "The turn is being worked out: try again in a moment."
        game = self.game
        if not 0 <= turn < game.turn:
            return "Play a turn first: what if goes back to a turn already played."
        if self.first is None:
            self.first = replay(game)
            self.branched_at = turn
            self.autosave_to = self.autosave_to.with_name(f"{self.autosave_to.stem}-what-if.json")
        self.branched_at = min(self.branched_at, turn)
        game.rewind(turn)
        self.traces[SOLO] = game.ripples()
        self.views[SOLO] = (game.snapshot(max(0, turn - 1)), game.snapshot())
        self.chosen, self.shared = [], []
        self.save()
        return None

    def what_if(self) -> WhatIf | None:
        """Both timelines compared, once play has gone back to an earlier turn."""
        if self.first is None or self.resolving:
            return None
        return compare(self.first, self.game, self.branched_at)

    # --- saving -------------------------------------------------------------------

    def saved(self) -> SavedGame:
        """The game(s) so far as a save."""
        first = self.games[self._board(self.teams[0])]
        hotseat = self.mode == "hotseat"
        return SavedGame(
            scenario=str(self.path.resolve()),
            scenario_sha256=self.hash,
            seed=first.seed,
            turns=first.turns,
            decisions=() if hotseat else tuple(first.decisions),
            injected=tuple(first.injected),
            teams=self.teams if self.teams != (SOLO,) else (),
            team_decisions={t: tuple(g.decisions) for t, g in self.games.items()}
            if hotseat
            else {},
            roles=self.roles,
            budget=first.budget if self.roles else None,
            note=self.note,
        )

    def save(self) -> None:
        """Write the game so far to the autosave and, if asked for, the save file.

        A save that fails does not stop the game; `save_problem` says what went wrong.
        """
        saved = self.saved()
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
