"""The record of games played: one line per finished game, and the best per scenario.

A learner on their own sees how they are doing over many games: what they played, how
their customers felt at the end and their best result per scenario. The record is a small
JSON file in the user's data folder, written atomically. A damaged file never stops a game:
it is kept aside (records.json.damaged) and a new record begins.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import MISSING, asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ripple.engine import Game
from ripple.engine.figures import game_outcomes
from ripple.paths import data_dir
from ripple.play.atomic import write_atomic

FORMAT = "ripple-records"
VERSION = 1
KEPT = 500
"""The most games the record keeps: the oldest go first."""


@dataclass(frozen=True, slots=True)
class Record:
    """One finished game, as the record keeps it."""

    scenario: str
    """The scenario file's absolute path."""
    title: str
    """The scenario's title."""
    finished: str
    """When the game ended: an ISO date and time in UTC, to the second."""
    seed: int
    turns: int
    """Turns played."""
    satisfaction: float
    """External customers' satisfaction at the end, 0 to 1."""
    on_time: float
    """Share of delivered items that arrived on time, right or not (as the debrief counts
    'on time'), 0 to 1; 0 when nothing was delivered."""
    complaints: int
    """Complaints over the whole game."""
    team: str = ""
    """The team, in a workshop; '' for a player on their own."""
    what_if: bool = False
    """A replayed branch (what-if) rather than a first game."""


class RecordsDamaged(ValueError):
    """The records file is there but is not a record this version can read."""


def records_file() -> Path:
    """Where the record is kept."""
    return data_dir() / "records.json"


def record_of(
    scenario_path: Path,
    game: Game,
    *,
    team: str = "",
    what_if: bool = False,
    now: datetime | None = None,
) -> Record:
    """The record of a game as it stands."""
    got = game_outcomes(game)
    finished = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    return Record(
        scenario=str(scenario_path.resolve()),
        title=game.scenario.title,
        finished=finished.isoformat(),
        seed=game.seed,
        turns=game.turn,
        satisfaction=round(got.satisfaction, 6),
        on_time=round(got.on_time, 6),
        complaints=got.complaints,
        team=team,
        what_if=what_if,
    )


def add_record(
    scenario_path: Path,
    game: Game,
    *,
    team: str = "",
    what_if: bool = False,
    now: datetime | None = None,
) -> Record:
    """Add a finished game to the record (keeping the last 500) and return its line.

    A damaged records file is kept aside as records.json.damaged and a new record begins.
    Raises OSError if the record cannot be written.
    """
    record = record_of(scenario_path, game, team=team, what_if=what_if, now=now)
    target = records_file()
    try:
        kept = _oldest_first(target)
    except RecordsDamaged:
        os.replace(target, target.with_name(target.name + ".damaged"))
        kept = []
    kept = [*kept, record][-KEPT:]
    data = {"format": FORMAT, "version": VERSION, "records": [asdict(r) for r in kept]}
    write_atomic(target, json.dumps(data, indent=1) + "\n")
    return record


def read_records() -> list[Record]:
    """Every game in the record, newest first ([] with no file or a damaged one)."""
    try:
        return _oldest_first(records_file())[::-1]
    except (RecordsDamaged, OSError):
        return []


def best_by_scenario(records: Sequence[Record]) -> dict[str, Record]:
    """The best game of each scenario (by path): highest satisfaction, then most on time.
    What-if games count too; of equal games, the first given wins."""
    best: dict[str, Record] = {}
    for record in records:
        held = best.get(record.scenario)
        if held is None or _score(record) > _score(held):
            best[record.scenario] = record
    return best


def played_by_scenario(records: Sequence[Record]) -> Counter[str]:
    """How many games of each scenario (by path) the record holds."""
    return Counter(record.scenario for record in records)


def _score(record: Record) -> tuple[float, float]:
    return record.satisfaction, record.on_time


def _oldest_first(path: Path) -> list[Record]:
    """The records in the file, in the order they were added ([] if there is no file)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RecordsDamaged(f"{path}: {error}") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise RecordsDamaged(f'{path}: not a record of games (no "format": "{FORMAT}")')
    entries = raw.get("records")
    if not isinstance(entries, list):
        raise RecordsDamaged(f"{path}: 'records' must be a list")
    return [_record(entry, path) for entry in entries]


_TYPES: dict[str, type] = {"str": str, "int": int, "float": float, "bool": bool}


def _record(entry: Any, path: Path) -> Record:
    """One record from its JSON, checked field by field."""
    if not isinstance(entry, dict):
        raise RecordsDamaged(f"{path}: a record must be an object")
    values = {}
    for field in fields(Record):
        if field.name not in entry:
            if field.default is not MISSING:
                continue
            raise RecordsDamaged(f"{path}: a record has no '{field.name}'")
        value = entry[field.name]
        kind = _TYPES[str(field.type)]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise RecordsDamaged(f"{path}: a record's '{field.name}' must be a {kind.__name__}")
        values[field.name] = value
    return Record(**values)
