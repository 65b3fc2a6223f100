"""Autosaved games as the title screen lists them: how far each got, when, and whether its
scenario file is still as it was played (UNCHANGED), was EDITED since, or is GONE."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ripple.paths import data_dir
from ripple.play.save import SavedGame, SaveError, previous_of, read_save_or_previous
from ripple.scenario.load import load_scenario, scenario_hash
from ripple.scenario.problems import ScenarioError

UNCHANGED = "unchanged"
EDITED = "edited"
GONE = "gone"


@dataclass(frozen=True)
class SaveEntry:
    """An autosaved game as the screens list it."""

    path: Path
    """The autosave file."""
    saved: SavedGame
    saved_at: datetime
    """When the file was last written (each turn played writes it)."""
    state: str
    """UNCHANGED, EDITED (the scenario file differs from the one played) or GONE."""
    restored: str = ""
    """Why the save before the last was read instead (the last was damaged or missing)."""

    @property
    def scenario(self) -> Path:
        """The scenario file the game was played from."""
        return Path(self.saved.scenario)

    @property
    def played(self) -> int:
        """Turns played (the furthest team's, in hot-seat play)."""
        return self.saved.played

    @property
    def finished(self) -> bool:
        """True once every turn has been played."""
        return self.played >= self.saved.turns


def scenario_state(saved: SavedGame) -> str:
    """Whether a save's scenario file is as it was played (UNCHANGED), EDITED or GONE."""
    scenario = Path(saved.scenario)
    if not scenario.is_file():
        return GONE
    try:
        edited = bool(saved.scenario_sha256) and scenario_hash(scenario) != saved.scenario_sha256
    except OSError:
        return GONE
    return EDITED if edited else UNCHANGED


def autosave_folder() -> Path:
    """Where games are saved after every turn: the autosave folder in the data folder."""
    return data_dir() / "autosave"


def autosaves() -> list[SaveEntry]:
    """Every readable autosave, newest first (the save before it when the last is damaged or
    missing)."""
    folder = autosave_folder()
    entries = []
    kept_aside = {path.with_suffix("") for path in folder.glob("*.json.previous")}
    for path in sorted(set(folder.glob("*.json")) | kept_aside):
        try:
            saved, restored = read_save_or_previous(path)
            read = previous_of(path) if restored else path
            moment = datetime.fromtimestamp(read.stat().st_mtime, UTC)
        except (SaveError, OSError):
            continue
        entries.append(SaveEntry(path, saved, moment, scenario_state(saved), restored or ""))
    return sorted(entries, key=lambda e: (e.saved_at, e.path.name), reverse=True)


def scenario_titles(entries: Sequence[SaveEntry]) -> dict[str, str]:
    """The title of each scenario file the saves were played from, each file loaded once
    (only the saved-games screen names them: the title screen needs no scenario loaded)."""
    titles: dict[str, str] = {}
    for entry in entries:
        if entry.saved.scenario not in titles:
            titles[entry.saved.scenario] = scenario_title(entry.scenario, entry.state)
    return titles


def scenario_title(path: Path, state: str) -> str:
    """The title a scenario file gives itself, or its file name if it cannot be loaded."""
    if state != GONE:
        try:
            return load_scenario(path).title
        except ScenarioError:
            pass
    return path.stem


def shown_names(titles: Mapping[str, str]) -> dict[str, str]:
    """How the screen names each scenario file: its title, with the file's name added when
    another file has the same title (a copy being edited, say)."""
    counts = Counter(titles.values())
    return {
        path: title if counts[title] == 1 else f"{title} ({Path(path).name})"
        for path, title in titles.items()
    }


def when(moment: datetime, now: datetime) -> str:
    """A moment as a person would say it: 'today 14:05', 'yesterday 09:30', '3 days ago',
    '2 Mar' (this year) or '2 Mar 2024', in local time."""
    local = moment.astimezone()
    days = (now.astimezone().date() - local.date()).days
    if days <= 0:
        return f"today {local:%H:%M}"
    if days == 1:
        return f"yesterday {local:%H:%M}"
    if days < 7:
        return f"{days} days ago"
    if local.year == now.astimezone().year:
        return f"{local.day} {local:%b}"
    return f"{local.day} {local:%b %Y}"


def progress(entry: SaveEntry, now: datetime) -> str:
    """How far a saved game got, when, and who played it."""
    reached = "finished" if entry.finished else f"turn {entry.played + 1} of {entry.saved.turns}"
    note = f"{reached} · {when(entry.saved_at, now)}"
    if entry.saved.teams:
        note += f" · teams {', '.join(entry.saved.teams)}"
    return note


def percent(share: float) -> str:
    """A share as a whole percentage."""
    return f"{share:.0%}"


def plural(count: int, one: str, many: str) -> str:
    """'1 saved game', '3 saved games'."""
    return f"{count} {one if count == 1 else many}"
