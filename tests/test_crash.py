"""Crash safety of saves: a checksum tells a damaged save from a good one, the save before is
kept beside it and used when the last is damaged or missing, and games killed with SIGKILL
while they play and save always leave a save that loads at the last turn saved."""

from __future__ import annotations

import contextlib
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks import kill_saves
from ripple.cli import main
from ripple.engine import Decision, Game
from ripple.engine.policies import POLICIES
from ripple.paths import DEFAULT_SCENARIO, data_dir
from ripple.play.atomic import STALE_AFTER, write_atomic
from ripple.play.save import (
    FORMAT,
    SavedGame,
    SaveError,
    checksum,
    parse_save,
    previous_of,
    read_save,
    read_save_or_previous,
    save_of,
    write_save,
)
from ripple.play.saved_games import autosaves
from ripple.scenario.load import load_scenario, scenario_hash
from ripple.ui.launch import Options, play

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "scenarios" / "claims.yaml"
RIPPLE_PLAY = (sys.executable, "-m", "ripple", "play", str(CLAIMS))
DAMAGED = "damaged|not valid JSON|not text"


def saved_at(turns: int) -> SavedGame:
    """A save of `turns` turns, one decision each (read back without replaying)."""
    return SavedGame(
        scenario=str(CLAIMS),
        scenario_sha256="0" * 64,
        seed=7,
        turns=12,
        decisions=tuple((Decision("training", f"d{turn}"),) for turn in range(turns)),
        injected=tuple(() for _ in range(turns)),
    )


def claims_save(turns: int) -> SavedGame:
    """The claims scenario played `turns` turns by the customer-first policy."""
    game = Game(load_scenario(CLAIMS), 7, keep_snapshots=False)
    for _ in range(turns):
        game.play_turn(POLICIES["customer"](game))
    return save_of(game, str(CLAIMS), scenario_hash(CLAIMS))


def cut_short(text: bytes) -> bytes:
    return text[: len(text) // 2]


def garbage(text: bytes) -> bytes:
    return random.Random(1).randbytes(len(text))


def zeros(text: bytes) -> bytes:
    """What some file systems show after a crash: the length written, the bytes not."""
    return bytes(len(text))


def seed_changed(text: bytes) -> bytes:
    """One bit of the seed flipped: still valid JSON, still a save, but not the one saved."""
    return text.replace(b'"seed": 7', b'"seed": 6')


def emptied(text: bytes) -> bytes:
    return b""


DAMAGES: list[Callable[[bytes], bytes]] = [cut_short, garbage, zeros, seed_changed, emptied]


@pytest.fixture
def two_saves(tmp_path: Path) -> Path:
    """A save of 3 turns written over one of 2 (kept as its previous)."""
    path = tmp_path / "game.json"
    write_save(saved_at(2), path)
    write_save(saved_at(3), path)
    return path


def test_a_save_carries_the_checksum_of_its_content(tmp_path: Path) -> None:
    path = tmp_path / "game.json"
    write_save(saved_at(2), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 2
    assert data["checksum"].startswith("sha256:") and len(data["checksum"]) == 7 + 64
    assert data["checksum"] == checksum(data) == checksum(saved_at(2).as_dict())
    assert read_save(path) == saved_at(2)


def test_a_version_1_save_without_a_checksum_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    old = saved_at(2).as_dict() | {"version": 1}
    path.write_text(json.dumps(old), encoding="utf-8")
    assert read_save(path) == saved_at(2)


def test_writing_keeps_the_save_before_beside_it(two_saves: Path) -> None:
    assert previous_of(two_saves).name == "game.json.previous"
    assert read_save(two_saves).played == 3
    assert read_save(previous_of(two_saves)).played == 2
    assert sorted(p.name for p in two_saves.parent.iterdir()) == ["game.json", "game.json.previous"]


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda damage: damage.__name__)
def test_a_damaged_save_is_reported_and_the_previous_one_used(
    two_saves: Path, damage: Callable[[bytes], bytes]
) -> None:
    two_saves.write_bytes(damage(two_saves.read_bytes()))
    with pytest.raises(SaveError, match=DAMAGED):
        read_save(two_saves)
    saved, note = read_save_or_previous(two_saves)
    assert saved == saved_at(2)
    assert note is not None and str(two_saves) in note
    assert "Going on from the save before it: game.json.previous, 2 turns played." in note


def test_the_checksum_names_the_damage(two_saves: Path) -> None:
    two_saves.write_bytes(seed_changed(two_saves.read_bytes()))
    with pytest.raises(SaveError, match=r"is damaged \(its checksum does not match\)"):
        read_save(two_saves)


def test_a_missing_save_falls_back_to_the_previous_one(two_saves: Path) -> None:
    two_saves.unlink()
    saved, note = read_save_or_previous(two_saves)
    assert saved.played == 2
    assert note is not None and note.startswith(f"{two_saves} is missing.")


def test_a_damaged_save_with_no_good_previous_is_an_error(two_saves: Path) -> None:
    two_saves.write_bytes(cut_short(two_saves.read_bytes()))
    previous_of(two_saves).write_bytes(b"{")
    with pytest.raises(SaveError, match="cut short"):
        read_save_or_previous(two_saves)
    previous_of(two_saves).unlink()
    with pytest.raises(SaveError, match="cut short"):
        read_save_or_previous(two_saves)


def test_every_bit_flipped_is_caught_or_changes_nothing(tmp_path: Path) -> None:
    """Each bit of a save flipped in turn: it is refused as damaged, or it reads as saved (a
    flip in the word "checksum" itself leaves the content whole and unchecked)."""
    path = tmp_path / "game.json"
    write_save(saved_at(3), path)
    whole = path.read_bytes()
    accepted = set()
    for at in range(len(whole)):
        for bit in range(8):
            flipped = bytearray(whole)
            flipped[at] ^= 1 << bit
            try:
                saved = parse_save(bytes(flipped), "game.json")
            except SaveError:
                continue
            assert saved == saved_at(3), f"bit {bit} of byte {at} flipped read as another game"
            accepted.add(at)
    assert accepted <= set(range(whole.index(b'"checksum"'), whole.index(b'"checksum"') + 10))


@pytest.mark.parametrize(
    "content",
    [
        b'{"format": "ripple-save", "seed": 1, "turns": 2, "roles": "sales"}',
        b'{"format": "ripple-save", "seed": 1e400, "turns": 2}',
        b'{"format": "ripple-save", "seed": 1, "turns": 2, "decisions": {"red": [[1]]}}',
    ],
    ids=["roles-not-a-mapping", "seed-too-large", "team-decision-not-a-choice"],
)
def test_a_hand_written_save_that_makes_no_sense_is_an_error_not_a_crash(content: bytes) -> None:
    with pytest.raises(SaveError, match=r"^hand\.json: (damaged save|turn 1)") as caught:
        parse_save(content, "hand.json")
    assert str(caught.value).count("hand.json") == 1


def test_no_flip_of_an_unchecked_save_crashes(tmp_path: Path) -> None:
    """A version 1 save (no checksum) with any one bit flipped: a save or a SaveError."""
    whole = json.dumps(saved_at(2).as_dict() | {"version": 1, "roles": {"red": ["d0"]}}).encode()
    for at in range(len(whole)):
        for bit in range(8):
            flipped = bytearray(whole)
            flipped[at] ^= 1 << bit
            with contextlib.suppress(SaveError):
                parse_save(bytes(flipped), "old.json")


def test_a_damaged_save_is_not_kept_as_the_previous_one(two_saves: Path) -> None:
    two_saves.write_bytes(b"garbage")
    write_save(saved_at(4), two_saves)
    assert read_save(two_saves).played == 4
    assert read_save(previous_of(two_saves)).played == 2


def test_a_write_that_fails_leaves_both_saves_whole(
    two_saves: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        write_save(saved_at(4), two_saves)
    monkeypatch.undo()
    assert read_save_or_previous(two_saves) == (saved_at(3), None)
    assert read_save(previous_of(two_saves)).played in (2, 3)
    assert not [p for p in two_saves.parent.iterdir() if p.name.startswith(".")]


def test_leftovers_of_killed_writes_are_swept_once_stale(tmp_path: Path) -> None:
    target = tmp_path / "records.json"
    stale, fresh = tmp_path / ".records.json.k1ll3d", tmp_path / ".records.json.wr1t1ng"
    for leftover in (stale, fresh):
        leftover.write_text("{", encoding="utf-8")
    long_ago = time.time() - STALE_AFTER - 5
    os.utime(stale, (long_ago, long_ago))
    write_atomic(target, "{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == [fresh.name, target.name]


def test_a_new_save_is_readable_by_others(tmp_path: Path) -> None:
    path = tmp_path / "game.json"
    write_save(saved_at(1), path)
    assert path.stat().st_mode & 0o777 == 0o644
    path.chmod(0o600)
    write_save(saved_at(2), path)
    assert path.stat().st_mode & 0o777 == 0o600


def test_the_title_lists_a_damaged_autosave_from_the_save_before() -> None:
    from ripple.ui.scenes.title import describe

    folder = data_dir() / "autosave"
    damaged, gone = folder / "claims.json", folder / "tutorial.json"
    for path in (damaged, gone):
        write_save(saved_at(2), path)
        write_save(saved_at(3), path)
    damaged.write_bytes(b'{"format": "' + FORMAT.encode())
    gone.unlink()
    entries = {entry.path.name: entry for entry in autosaves()}
    assert sorted(entries) == ["claims.json", "tutorial.json"]
    for entry in entries.values():
        assert entry.played == 2 and entry.restored
    assert "is missing" in entries["tutorial.json"].restored
    assert "(from the save before: the last could not be read)" in describe(entries["claims.json"])


def test_play_load_of_a_damaged_save_with_no_previous_exits_with_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "game.json"
    write_save(saved_at(2), path)
    path.write_bytes(seed_changed(path.read_bytes()))
    assert play(Options(CLAIMS, load=path, autoplay=0)) == 1
    assert "is damaged (its checksum does not match)" in capsys.readouterr().err


def test_ripple_play_load_of_a_damaged_save_goes_on_from_the_previous_one(tmp_path: Path) -> None:
    path = tmp_path / "game.json"
    write_save(claims_save(2), path)
    write_save(claims_save(3), path)
    path.write_bytes(cut_short(path.read_bytes()))
    picture = tmp_path / "resumed.png"
    finished = subprocess.run(
        [*RIPPLE_PLAY, "--load", str(path), "--autoplay", "1", "--screenshot", str(picture)],
        env=os.environ | {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stderr.startswith(f"warning: {path}:")
    assert "not valid JSON" in finished.stderr
    assert "Going on from the save before it: game.json.previous, 2 turns played." in (
        finished.stderr
    )
    assert picture.stat().st_size > 0
    autosave = data_dir() / "autosave" / "claims.json"
    resumed = read_save(autosave)
    assert resumed.played == 3 and resumed.decisions[:2] == claims_save(2).decisions


@pytest.mark.skipif(not hasattr(os, "fork"), reason="SIGKILL rounds need fork (POSIX)")
def test_games_killed_while_saving_always_leave_a_whole_save(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """30 players killed at random moments, each going on from the save the last one left,
    and a real `ripple play` killed mid-game, then resumed (`kill_saves.py --quick`)."""
    status = kill_saves.main(["--quick", "--into", str(tmp_path)])
    figures = json.loads(capsys.readouterr().out)
    assert figures["failures"] == [] and status == 0
    assert figures["rounds"] == 30 and figures["ripple_rounds"] == 1
    assert figures["turns_saved"] > 0


def test_export_and_replay_of_a_damaged_save_go_on_from_the_save_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    game = Game(load_scenario(DEFAULT_SCENARIO))
    path = tmp_path / "game.json"
    for _ in range(2):
        game.play_turn(())
        write_save(save_of(game, str(DEFAULT_SCENARIO), scenario_hash(DEFAULT_SCENARIO)), path)
    path.write_text(path.read_text()[:40])
    assert main(["export", str(path), "--out", str(tmp_path / "pack")]) == 0
    assert "warning:" in capsys.readouterr().err
    assert (tmp_path / "pack" / "summary.html").exists()
    assert main(["simulate", "--decisions", str(path)]) == 0
    assert "Going on from the save before it" in capsys.readouterr().err
