"""Kill games with SIGKILL while they play and save, over and over, and check what they leave.

Two kinds of rounds, each ending in a SIGKILL at a random moment:

- a player: a forked process that goes on with the game in the save (replaying it), then
  plays a turn, saves it with `write_save` and reports the turns played, again and again. The
  save it leaves must load, not from the previous copy, at the last turn it reported or the
  one after (killed after saving but before reporting), and the previous copy must be the
  turn before. When a game reaches GAME_LENGTH turns a new one begins.
- a real `ripple play --autoplay --save` process, the front end saving on its worker thread
  after every turn, killed a random moment after its first save. Its save and autosave must
  load, their previous copies one turn behind; then `ripple play --load` goes on from it.

    python benchmarks/kill_saves.py                 # 500 player rounds, 20 ripple rounds
    python benchmarks/kill_saves.py --rounds 2000 --ripple-rounds 50
    python benchmarks/kill_saves.py --quick         # 30 and 1, as the test suite runs it

POSIX only (fork and SIGKILL). Prints the figures as JSON; exits 1 if any round failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import select
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ripple.scenario.model import Scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "claims.yaml"
GAME_LENGTH = 40
"""Turns after which a player's game is put away and a new one begun (replays stay short)."""
LONG_GAME = 10_000
"""The turns a player's game is given, so that it never ends by itself."""
RIPPLE_PLAY = (sys.executable, "-m", "ripple", "play", str(SCENARIO))
PATIENCE = 60.0
"""Seconds a round may take before it counts as hung."""


@dataclass
class Figures:
    """What a run did and found."""

    rounds: int = 0
    ripple_rounds: int = 0
    turns_saved: int = 0
    """Turns the players reported saved, over all rounds."""
    killed_before_report: int = 0
    """Rounds whose save was one turn ahead of the last report (killed after saving)."""
    killed_mid_write: int = 0
    """Rounds killed while a save was being written (they left a temporary file behind)."""
    ripple_killed_mid_game: int = 0
    """Ripple rounds killed before their last turn."""
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


def player(table: Table, save: Path, seed: int, report: int) -> None:
    """Go on with the game in `save` (or begin one), saving and reporting every turn."""
    from ripple.engine import Game
    from ripple.engine.policies import POLICIES
    from ripple.play.save import read_save_or_previous, save_of, write_save

    game = Game(table.scenario, seed, turns=LONG_GAME, keep_snapshots=False)
    if save.exists():
        saved, _ = read_save_or_previous(save)
        game = Game(table.scenario, saved.seed, turns=LONG_GAME, keep_snapshots=False)
        for turn, chosen in enumerate(saved.decisions):
            game.play_turn(chosen, saved.injected[turn] if turn < len(saved.injected) else ())
    choose = POLICIES["customer"]
    while True:
        game.play_turn(choose(game))
        write_save(save_of(game, str(table.path), table.digest), save)
        os.write(report, b"%d\n" % len(game.decisions))


@dataclass(frozen=True)
class Table:
    """The scenario the players play, loaded once before they are forked."""

    path: Path
    scenario: Scenario
    digest: str

    @classmethod
    def of(cls, path: Path) -> Table:
        """Load the scenario at `path`."""
        from ripple.scenario.load import load_scenario, scenario_hash

        return cls(path, load_scenario(path), scenario_hash(path))


def kill_player(table: Table, save: Path, seed: int, rng: random.Random) -> tuple[int, int]:
    """Fork a player, kill it after a random number of reports and a random pause; returns
    (the last turn it reported saved, or -1 for none; how many it reported)."""
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # the player
        os.close(reading)
        status = 0
        try:
            player(table, save, seed, writing)
        except BaseException:
            traceback.print_exc()
            status = 1
        finally:
            os._exit(status)
    os.close(writing)
    reports: list[int] = []
    pending = b""
    wanted = rng.randint(0, 4)
    deadline = time.monotonic() + PATIENCE
    with os.fdopen(reading, "rb") as stream:
        while len(reports) < wanted and time.monotonic() < deadline:
            if not select.select([stream], [], [], 1.0)[0]:
                continue
            chunk = os.read(stream.fileno(), 4096)
            if not chunk:
                break
            pending += chunk
            *lines, pending = pending.split(b"\n")
            reports += [int(line) for line in lines]
        time.sleep(rng.uniform(0.0, 0.004))
        os.kill(child, signal.SIGKILL)
        _, status = os.waitpid(child, 0)
        pending += stream.read()
    reports += [int(line) for line in pending.split(b"\n") if line]
    if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
        raise AssertionError(f"the player stopped by itself (status {status})")
    return (reports[-1] if reports else -1), len(reports)


def check_save(save: Path, at_least: int, figures: Figures) -> int:
    """The save a killed player left: whole, at `at_least` turns or one more, its previous
    copy one turn behind. Returns the turns it holds."""
    from ripple.play.save import previous_of, read_save_or_previous

    if at_least <= 0 and not save.exists() and not previous_of(save).exists():
        return 0  # killed before its first save
    saved, note = read_save_or_previous(save)
    if note is not None:
        raise AssertionError(f"the save was not whole: {note}")
    played = saved.played
    if played not in (at_least, at_least + 1):
        raise AssertionError(f"the save holds {played} turns; expected {at_least} or one more")
    figures.killed_before_report += played == at_least + 1 and at_least > 0
    if played > 1:
        require_previous(save, played)
    return played


def require_previous(save: Path, played: int) -> None:
    """The copy kept beside a save of `played` turns must be whole and one turn behind, or
    the same turn (killed after keeping the copy aside, before writing the new save)."""
    from ripple.play.save import previous_of, read_save

    previous = read_save(previous_of(save)).played
    if previous not in (played - 1, played):
        raise AssertionError(f"{save.name}: the previous save holds {previous} turns of {played}")


def leftovers(folder: Path) -> set[str]:
    """The temporary files that writes cut short left in `folder`."""
    return {path.name for path in folder.glob(".player.json*")}


def player_rounds(rounds: int, folder: Path, rng: random.Random, figures: Figures) -> None:
    """Kill a player `rounds` times, each going on from the save the last one left."""
    save = folder / "player.json"
    table = Table.of(SCENARIO)
    played = 0
    for number in range(1, rounds + 1):
        if played >= GAME_LENGTH:
            for old in folder.glob("player.json*"):
                old.unlink()
            played = 0
        try:
            before = leftovers(folder)
            reported, count = kill_player(table, save, 1 + number, rng)
            figures.killed_mid_write += bool(leftovers(folder) - before)
            figures.turns_saved += count
            played = check_save(save, max(played, reported), figures)
        except Exception as error:
            figures.failures.append(f"player round {number}: {error}")
            for old in folder.glob("player.json*"):
                old.unlink()
            played = 0
        figures.rounds += 1


def ripple_round(number: int, folder: Path, rng: random.Random, figures: Figures) -> None:
    """Kill a real `ripple play --autoplay --save` a random moment after its first save, check
    its save and autosave, then go on from the save with `ripple play --load`."""
    from ripple.play.save import read_save, read_save_or_previous

    here = folder / f"ripple-{number}"
    save = here / "game.json"
    environment = os.environ | {
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "RIPPLE_DATA_DIR": str(here / "data"),
        "PYTHONPATH": str(ROOT),
    }
    resumed = here / "resumed.png"
    command = [*RIPPLE_PLAY, "--autoplay", "12", "--seed", str(number), "--save", str(save)]
    command += ["--screenshot", str(here / "end.png")]
    process = subprocess.Popen(command, env=environment, stderr=subprocess.PIPE)
    deadline = time.monotonic() + PATIENCE
    while not save.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(rng.uniform(0.0, 0.06))
    finished = process.poll() is not None
    process.kill()
    _, errors = process.communicate()
    if finished and process.returncode != 0:
        raise AssertionError(f"ripple play failed: {errors.decode(errors='replace')}")
    autosave = here / "data" / "autosave" / "claims.json"
    for written in (save, autosave):
        saved, note = read_save_or_previous(written)
        if note is not None:
            raise AssertionError(f"{written.name} was not whole: {note}")
        if saved.played > 1:
            require_previous(written, saved.played)
    figures.ripple_killed_mid_game += read_save(save).played < 12
    resumed = subprocess.run(
        [*RIPPLE_PLAY, "--load", str(save), "--autoplay", "1", "--screenshot", str(resumed)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=PATIENCE,
    )
    if resumed.returncode != 0:
        raise AssertionError(f"ripple play --load failed: {resumed.stderr}")
    figures.ripple_rounds += 1


def run(rounds: int, ripple_rounds: int, folder: Path, seed: int = 0) -> Figures:
    """Both kinds of rounds in `folder`; the figures, failures listed rather than raised."""
    rng = random.Random(seed)
    figures = Figures()
    began = time.perf_counter()
    player_rounds(rounds, folder, rng, figures)
    for number in range(1, ripple_rounds + 1):
        try:
            ripple_round(number, folder, rng, figures)
        except Exception as error:
            figures.failures.append(f"ripple round {number}: {error}")
    figures.seconds = round(time.perf_counter() - began, 2)
    return figures


def main(argv: list[str] | None = None) -> int:
    """Run the rounds asked for and print the figures as JSON; 1 if any round failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=500, help="player rounds (500)")
    parser.add_argument("--ripple-rounds", type=int, default=20, help="ripple rounds (20)")
    parser.add_argument("--quick", action="store_true", help="30 player rounds, 1 ripple round")
    parser.add_argument("--seed", type=int, default=0, help="of the kill moments")
    parser.add_argument("--into", type=Path, help="the folder to play in (a new one if not)")
    args = parser.parse_args(argv)
    rounds, ripple_rounds = (30, 1) if args.quick else (args.rounds, args.ripple_rounds)
    if args.into is not None:
        args.into.mkdir(parents=True, exist_ok=True)
        figures = run(rounds, ripple_rounds, args.into, args.seed)
    else:
        with tempfile.TemporaryDirectory(prefix="kill-saves-") as folder:
            figures = run(rounds, ripple_rounds, Path(folder), args.seed)
    print(json.dumps(asdict(figures), indent=1))
    return 1 if figures.failures else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
