"""Saved games: (scenario reference and hash, seed, decisions), small enough to mail round.

A game is fully described by its scenario, seed and decisions, so a save holds exactly
those; loading one replays the decisions. Writes are atomic: a crash mid-save leaves the
previous save whole.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ripple.engine import Decision, Game
from ripple.scenario.model import Scenario

FORMAT = "ripple-save"
VERSION = 1


class SaveError(ValueError):
    """A save (or decisions) file that cannot be read, with a message for the player."""


@dataclass(frozen=True)
class SavedGame:
    """What a save file holds."""

    scenario: str
    scenario_sha256: str
    seed: int
    turns: int
    decisions: tuple[tuple[Decision, ...], ...]
    injected: tuple[tuple[str, ...], ...] = ()
    teams: tuple[str, ...] = field(default_factory=tuple)
    team_decisions: dict[str, tuple[tuple[Decision, ...], ...]] = field(default_factory=dict)
    """Hot-seat play: each team's own decisions (then `decisions` is empty)."""
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Teams sharing one organisation: the departments each team decides for."""
    budget: int | None = None
    """The budget per turn when it is not the scenario's (teams sharing one organisation)."""
    note: str = ""
    """What a learner typed in the debrief: what they will do differently."""

    @property
    def mode(self) -> str:
        """'hotseat' (each team its own copy), 'roles' (one shared organisation) or 'single'."""
        if self.team_decisions:
            return "hotseat"
        return "roles" if self.roles else "single"

    def as_dict(self) -> dict[str, Any]:
        """The save as JSON-ready data."""

        def turns(decisions: tuple[tuple[Decision, ...], ...]) -> list[list[dict]]:
            return [[d.as_dict() for d in turn] for turn in decisions]

        data: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "scenario": self.scenario,
            "scenario_sha256": self.scenario_sha256,
            "seed": self.seed,
            "turns": self.turns,
            "mode": self.mode,
            "teams": list(self.teams),
            "decisions": (
                {team: turns(d) for team, d in self.team_decisions.items()}
                if self.team_decisions
                else turns(self.decisions)
            ),
            "injected": [list(events) for events in self.injected],
        }
        if self.roles:
            data["roles"] = {team: list(ids) for team, ids in self.roles.items()}
        if self.budget is not None:
            data["budget"] = self.budget
        if self.note:
            data["note"] = self.note
        return data

    def games(self, scenario: Scenario) -> dict[str, Game]:
        """Replay the save: one game per team in hot-seat play, else one game (key '')."""

        def replay(decisions: tuple[tuple[Decision, ...], ...]) -> Game:
            game = Game(scenario, self.seed if self.seed >= 0 else None, budget=self.budget)
            for turn, chosen in enumerate(decisions):
                if game.over:
                    break
                injected = self.injected[turn] if turn < len(self.injected) else ()
                game.play_turn(chosen, injected)
            return game

        if self.team_decisions:
            return {team: replay(d) for team, d in self.team_decisions.items()}
        return {"": replay(self.decisions)}


def save_of(game: Game, scenario_path: str, scenario_sha256: str) -> SavedGame:
    """The save of a game in progress."""
    return SavedGame(
        scenario=scenario_path,
        scenario_sha256=scenario_sha256,
        seed=game.seed,
        turns=game.turns,
        decisions=tuple(game.decisions),
        injected=tuple(game.injected),
    )


def write_save(saved: SavedGame, path: str | Path) -> None:
    """Write a save atomically: a temporary file, flushed to disk, then renamed over."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(saved.as_dict(), indent=1) + "\n"
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _decisions(raw: Any, where: str) -> tuple[tuple[Decision, ...], ...]:
    if not isinstance(raw, list):
        raise SaveError(f"{where}: 'decisions' must be a list with one list of choices per turn")
    turns = []
    for number, turn in enumerate(raw, start=1):
        if not isinstance(turn, list):
            raise SaveError(f"{where}: decisions for turn {number} must be a list")
        chosen = []
        for entry in turn:
            if not isinstance(entry, dict) or not isinstance(entry.get("intervention"), str):
                raise SaveError(
                    f"{where}: turn {number}: each decision needs an 'intervention' "
                    "(and a 'target')"
                )
            target = entry.get("target")
            chosen.append(Decision(entry["intervention"], None if target is None else str(target)))
        turns.append(tuple(chosen))
    return tuple(turns)


def read_save(path: str | Path) -> SavedGame:
    """Read a save file, or a bare decisions file (a JSON list of per-turn lists)."""
    where = str(path)
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise SaveError(f"{where}: cannot read: {error}") from None
    except json.JSONDecodeError as error:
        raise SaveError(
            f"{where}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"
        ) from None
    if isinstance(raw, list):
        return SavedGame("", "", -1, -1, _decisions(raw, where))
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise SaveError(f'{where}: not a saved game (no "format": "{FORMAT}")')
    note = raw.get("note", "")
    if not isinstance(note, str):
        raise SaveError(f"{where}: 'note' must be text")
    try:
        decisions = raw.get("decisions", [])
        per_team = decisions if isinstance(decisions, dict) else {}
        budget = raw.get("budget")
        return SavedGame(
            scenario=str(raw.get("scenario", "")),
            scenario_sha256=str(raw.get("scenario_sha256", "")),
            seed=int(raw["seed"]),
            turns=int(raw["turns"]),
            decisions=() if per_team else _decisions(decisions, where),
            injected=tuple(tuple(str(e) for e in t) for t in raw.get("injected", [])),
            teams=tuple(str(t) for t in raw.get("teams", [])),
            team_decisions={str(t): _decisions(d, where) for t, d in per_team.items()},
            roles={str(t): tuple(str(i) for i in ids) for t, ids in raw.get("roles", {}).items()},
            budget=None if budget is None else int(budget),
            note=note,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise SaveError(f"{where}: damaged save: {error}") from None
