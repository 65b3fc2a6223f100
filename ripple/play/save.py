"""Saved games: (scenario reference and hash, seed, decisions), small enough to mail round.

A game is fully described by its scenario, seed and decisions (with the events injected,
its number of turns and its budget), so a save holds exactly those; loading one replays the
decisions with `SavedGame.replay`, built on the engine's `replay_game`. Every way a save is
played again (the play screen, live reload, `ripple export`, `ripple simulate --decisions`)
goes through it, so a save replays as the same game everywhere: with its own seed, its own
number of turns (a save of `ripple simulate --turns 5` is a 5-turn game) and its own budget.
A bare decisions file knows neither seed nor turns (UNKNOWN): the scenario's are used.

A crash never costs more than the turn being saved: writes are atomic (a crash mid-save
leaves the previous save whole), the save before is kept beside it as `<name>.previous`, and
a checksum of the content tells a damaged file (cut short, scrambled on disk) from a good
one. Reading with `read_save_or_previous` falls back to the previous save and says so.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ripple.engine import Decision, Game
from ripple.engine.replay import replay_game
from ripple.play.atomic import keep_aside, write_atomic
from ripple.scenario.model import Scenario

FORMAT = "ripple-save"
VERSION = 2
"""2 added the checksum; a version 1 save (no checksum) still loads."""
CHECKSUM = "checksum"
PREVIOUS = ".previous"
UNKNOWN = -1
"""The seed and turns of a save that does not know them (a bare decisions file)."""


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
    def played(self) -> int:
        """Turns played (the furthest team's, in hot-seat play)."""
        return max([len(d) for d in self.team_decisions.values()] or [len(self.decisions)])

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

    @property
    def known_seed(self) -> int | None:
        """The save's seed, or None when it does not know it (UNKNOWN, or any seed below 0)."""
        return self.seed if self.seed >= 0 else None

    @property
    def known_turns(self) -> int | None:
        """The game's number of turns, or None when the save does not know it (UNKNOWN: a
        game has at least one turn)."""
        return self.turns if self.turns > 0 else None

    def replay(
        self,
        scenario: Scenario,
        team: str = "",
        *,
        seed: int | None = None,
        turns: int | None = None,
        keep_snapshots: bool = True,
    ) -> Game:
        """One game of the save played again on `scenario`: `team`'s own game in hot-seat
        play (KeyError if the save has no such team), else the one game (team '').

        The game has the save's seed, number of turns and budget; `seed` and `turns`, when
        given, stand in for the save's (`ripple simulate --seed/--turns`). What the save does
        not know is the scenario's. Raises DecisionError, naming the turn, when the decisions
        do not fit the scenario.
        """
        return replay_game(
            scenario,
            seed if seed is not None else self.known_seed,
            self.team_decisions[team] if self.team_decisions else self.decisions,
            self.injected,
            turns=turns if turns is not None else self.known_turns,
            budget=self.budget,
            keep_snapshots=keep_snapshots,
        )

    def games(self, scenario: Scenario) -> dict[str, Game]:
        """Replay the save: one game per team in hot-seat play, else one game (key '')."""
        return {team: self.replay(scenario, team) for team in self.team_decisions or [""]}


def save_of(game: Game, scenario_path: str, scenario_sha256: str) -> SavedGame:
    """The save of a game in progress (with its budget when it is not the scenario's)."""
    return SavedGame(
        scenario=scenario_path,
        scenario_sha256=scenario_sha256,
        seed=game.seed,
        turns=game.turns,
        decisions=tuple(game.decisions),
        injected=tuple(game.injected),
        budget=game.budget if game.budget != game.scenario.budget else None,
    )


def checksum(data: dict[str, Any]) -> str:
    """'sha256:<hex>' of a save's content: everything but the checksum, written canonically
    (sorted keys, no spaces), so the file's own layout does not matter."""
    content = {key: value for key, value in data.items() if key != CHECKSUM}
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def previous_of(path: str | Path) -> Path:
    """Where the save written before this one is kept: `<name>.previous` beside it."""
    target = Path(path)
    return target.with_name(target.name + PREVIOUS)


def write_save(saved: SavedGame, path: str | Path) -> None:
    """Write a save with its checksum, atomically, keeping the one it replaces (if that one
    is whole) as `<name>.previous`."""
    target = Path(path)
    data = saved.as_dict()
    data[CHECKSUM] = checksum(data)
    if _intact(target):
        keep_aside(target, previous_of(target))
    write_atomic(target, json.dumps(data, indent=1) + "\n")


def _intact(path: Path) -> bool:
    """True if a save file is there and reads whole (so it is worth keeping as previous)."""
    try:
        _parsed(_content(path), str(path))
    except SaveError:
        return False
    return True


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


def _parsed(content: bytes, where: str) -> Any:
    """A save's JSON, its checksum verified when it carries one (saves written by hand, and
    those of version 1, have none and are read as they are)."""
    try:
        raw = json.loads(content.decode("utf-8"))
    except UnicodeDecodeError:
        raise SaveError(f"{where} is damaged: it is not text") from None
    except json.JSONDecodeError as error:
        raise SaveError(
            f"{where}:{error.lineno}:{error.colno}: not valid JSON: {error.msg} "
            "(the file may have been cut short)"
        ) from None
    if isinstance(raw, dict) and CHECKSUM in raw and raw[CHECKSUM] != checksum(raw):
        raise SaveError(
            f"{where} is damaged (its checksum does not match): it was changed after it was "
            f'saved. If you edited it by hand, remove its "{CHECKSUM}" line.'
        )
    return raw


def _content(path: str | Path) -> bytes:
    """A save file's bytes."""
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise SaveError(f"{path}: cannot read: {error}") from None


def read_save(path: str | Path) -> SavedGame:
    """Read a save file, or a bare decisions file (a JSON list of per-turn lists).

    Raises SaveError if the file is missing, cut short, damaged (its checksum does not
    match) or not a save.
    """
    return parse_save(_content(path), str(path))


def parse_save(content: bytes, where: str) -> SavedGame:
    """A save from the bytes of its file (`where` names it in messages); see `read_save`."""
    raw = _parsed(content, where)
    if isinstance(raw, list):
        return SavedGame("", "", UNKNOWN, UNKNOWN, _decisions(raw, where))
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
    except SaveError:
        raise
    except (AttributeError, KeyError, OverflowError, TypeError, ValueError) as error:
        raise SaveError(f"{where}: damaged save: {error}") from None


def read_save_or_previous(path: str | Path) -> tuple[SavedGame, str | None]:
    """Read a save, or the previous one kept beside it when the save is damaged or missing.

    Returns the save and, when it is the previous one, a note for the player saying so.
    Raises the save's own SaveError when there is no good previous save either.
    """
    try:
        return read_save(path), None
    except SaveError as problem:
        previous = previous_of(path)
        if not previous.is_file():
            raise
        try:
            saved = read_save(previous)
        except SaveError:
            raise problem from None
        told = f"{path} is missing." if not Path(path).exists() else str(problem)
        return saved, (
            f"{told} Going on from the save before it: {previous.name}, "
            f"{saved.played} turns played."
        )
