"""The README's commands, run as written.

Every `ripple ...` line README.md shows, and every subcommand, option and make target it
names, is exercised here. The lines in COMMANDS run through the console script's
`main(argv)` (or, for `.venv/bin/ripple ...`, the installed script in a subprocess) in a
scratch folder, with a private data folder and no screen or sound, and the tests check what
they print and write. The first tests read the README, so a command or option added there
without a line here fails, and the failure names it.

Overlaps: tests/test_cli.py, test_batch.py, test_bench.py, test_library.py,
test_authoring.py, test_play.py and test_workshop.py test these commands' details in depth
(`python -m ripple` too, in test_cli.py); this file runs each README line once, end to end.
"""

from __future__ import annotations

import ast
import csv
import itertools
import json
import re
import shlex
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pygame
import pytest

from ripple.cli import build_parser, main
from ripple.paths import DEFAULT_SCENARIO, SCENARIOS
from ripple.ui.app import App
from ripple.ui.pilot import Pilot
from ripple.ui.scenes.play import PlayScene
from ripple.ui.scenes.title import TitleScene

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
INSTALLED = Path(sys.executable).with_name("ripple")
"""The `ripple` script next to this Python: .venv/bin/ripple."""

COMMANDS: tuple[str, ...] = (
    # ripple play, in a window (App.run is replaced by a few frames: see `window`)
    "ripple play",
    "ripple play --fullscreen",
    "ripple play mine.yaml",
    "ripple play mine.yaml --size 800x600 --projector --mute",
    "ripple play mine.yaml --teams A,B --timer 60",
    "ripple play mine.yaml --teams A,B --timer 60 --save first.json",
    "ripple play mine.yaml --teams A,B --roles",
    "ripple play mine.yaml --roles",
    "ripple play scenarios/tutorial.yaml",
    "ripple play mine.yaml --seed 5",
    "ripple play mine.yaml --save game.json",
    "ripple play --load game.json",
    "ripple play broken.yaml",
    # ripple play, headless to a picture
    "ripple play --autoplay 3 --policy customer --screen play --screenshot play.png --size 800x600",
    "ripple play --autoplay 0 --screen title --screenshot title.png --size 800x600",
    "ripple play --teams Red,Blue --autoplay 2 --policy silo --screen debrief"
    " --screenshot teams.png --save teams.json",
    # ripple bench (--turns 1 is its quickest run)
    "ripple bench scenarios/tutorial.yaml --size 640x480 --turns 1 --json",
    "ripple bench --size 640x480 --turns 1",
    # ripple simulate, one game
    ".venv/bin/ripple simulate --policy silo",
    ".venv/bin/ripple simulate --policy customer",
    "ripple simulate --policy random --json",
    "ripple simulate --policy priciest --json",
    "ripple simulate mine.yaml --seed 3 --turns 5 --policy none --json",
    "ripple simulate --policy silo --save game.json",
    "ripple simulate --decisions game.json",
    # ripple simulate, many games
    "ripple simulate --runs 20 --jobs 1 --compare silo,customer",
    "ripple simulate --runs 20 --jobs 1 --seed 4 --turns 6 --policy customer --json",
    "ripple simulate mine.yaml --runs 20 --jobs 1 --compare none,customer --csv",
    # writing and checking a scenario
    "ripple new mine.yaml",
    "ripple new mine.yaml --force",
    "ripple validate",
    "ripple validate mine.yaml",
    "ripple validate broken.yaml",
    "ripple validate mine.yaml broken.yaml",
    "ripple preview mine.yaml --out mine.png --size 1024x768",
    "ripple preview",
    "ripple schema",
    # after a game
    "ripple export game.json --out pack",
    "ripple export game.json",
    "ripple balance mine.yaml --runs 20 --jobs 1 --write balance.md",
    "ripple balance --runs 5 --jobs 2",
)
"""Concrete command lines, exactly as typed: the tests below run every one of them. Lines
naming scenarios/ run from the project folder, as the README shows them; the rest run in a
scratch folder holding mine.yaml (from `ripple new`) and broken.yaml (the README's typo)."""

RUNNERS = ("ripple", "installed", "window")
"""The helpers that run a line of COMMANDS (their first argument is the line)."""

MAKE_RECIPES = {
    # Running `make play` opens the real window: tests/test_real_window.py does that under
    # Xvfb, so here it is only checked as a target (make -n).
    "play": ".venv/bin/ripple play",
    # Never run from the tests: it runs the tests.
    "test": ".venv/bin/pytest",
    # Plays 1,000 games a policy (minutes): `ripple balance --write` runs below, smaller.
    "balance": ".venv/bin/ripple balance --write docs/balance.md",
    # Times a 500-department organisation (minutes); tests/test_benchmarks.py checks the
    # scripts on a tiny one.
    "bench": "benchmarks/engine_vs_simpy.py",
    # Rewrites the committed schema: `ripple schema` runs below instead.
    "schema": ".venv/bin/ripple schema > scenarios/scenario.schema.json",
}
"""What `make -n TARGET` must show for each make target the README names. No target is run
here: each would first bring .venv up to date with pip."""


# --- reading the README ---------------------------------------------------------------------


def readme_snippets() -> list[str]:
    """The README's code: each line of its code blocks, then each inline code span
    (table cells included), with `$ ` prompts, trailing comments and `\\|` escapes removed."""
    text = README.read_text(encoding="utf-8")
    fence = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
    lines = [line for block in fence.findall(text) for line in block.splitlines()]
    lines += re.findall(r"`([^`\n]+)`", fence.sub("", text))
    cleaned = (re.split(r"\s#", line.strip().removeprefix("$ "))[0] for line in lines)
    return [line.replace("\\|", "|").strip() for line in cleaned]


def readme_commands() -> list[str]:
    """Every `ripple ...` and `.venv/bin/ripple ...` command the README shows."""
    found = [s for s in readme_snippets() if re.match(r"(\.venv/bin/)?ripple\s+[a-z]", s)]
    return list(dict.fromkeys(found))


def readme_make_targets() -> list[str]:
    """Every make target the README names (`make play`, `RIPPLE_REGENERATE=1 make test`)."""
    found = [m.group(1) for s in readme_snippets() for m in re.finditer(r"\bmake ([a-z]\w*)", s)]
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class Line:
    """A command line taken apart: its subcommand, options and first positional argument."""

    text: str
    command: str
    flags: frozenset[str]
    choices: frozenset[tuple[str, str]]
    """(option, value) pairs a usage line offers as `--screen title|play|debrief`."""
    first: str | None
    """The word after the subcommand when it is not an option: FILE, [FILE], mine.yaml."""

    @property
    def usage(self) -> bool:
        """True for a usage line with placeholders (`ripple new PATH [--force]`)."""
        return bool(re.search(r"\[|\.\.\.|\b[A-Z]+\b|WxH", self.text))

    def option_values(self) -> set[tuple[str, str]]:
        """(option, value) pairs as typed: `--screen title` gives ("--screen", "title")."""
        return set(itertools.pairwise(self.text.split()))


def parse(text: str) -> Line:
    """Take a command line apart."""
    words = text.split()[1:]
    flags = frozenset(re.findall(r"--[a-z][a-z0-9-]*", text))
    offered = re.findall(r"(--[a-z][a-z0-9-]*) ([a-z]+(?:\|[a-z]+)+)", text)
    choices = frozenset((flag, value) for flag, values in offered for value in values.split("|"))
    first = words[1] if len(words) > 1 and not words[1].startswith("-") else None
    return Line(text, words[0], flags, choices, first)


def test_every_readme_command_and_option_has_a_line_here() -> None:
    """A maintainer adds a command, an option or an example to the README: this test names
    it until a line in COMMANDS (and a test running it) exercises it."""
    shown = [parse(text) for text in readme_commands()]
    assert {"play", "simulate", "validate", "schema"} <= {line.command for line in shown}
    ours = [parse(text) for text in COMMANDS]
    missing: list[str] = []
    for line in shown:
        mine = [o for o in ours if o.command == line.command]
        if not mine:
            missing.append(f"`{line.text}`: no line runs `ripple {line.command}`")
            continue
        if not line.usage and line.text not in COMMANDS:
            missing.append(f"`{line.text}`: the example is not in COMMANDS as written")
        covered = set().union(*(o.flags for o in mine))
        missing += [f"`{line.text}`: no line uses {flag}" for flag in sorted(line.flags - covered)]
        typed = set().union(*(o.option_values() for o in mine))
        missing += [
            f"`{line.text}`: no line uses {flag} {value}"
            for flag, value in sorted(line.choices - typed)
        ]
        if line.first and line.first.isupper() and line.first.strip("[]."):
            if not any(o.first for o in mine):
                missing.append(f"`{line.text}`: no line gives {line.first}")
            if line.first.startswith("[") and all(o.first for o in mine):
                missing.append(f"`{line.text}`: no line leaves out {line.first}")
    assert not missing, "README commands no test runs:\n" + "\n".join(missing)


def test_every_line_here_parses_and_is_run_by_a_test() -> None:
    """The list above is not a wish list: each line is accepted by the `ripple` parser and
    handed to `ripple`, `installed` or `window` by a test in this file."""
    parser = build_parser()
    for text in COMMANDS:
        try:
            parser.parse_args(shlex.split(text)[1:])
        except SystemExit:
            pytest.fail(f"the ripple parser refuses {text!r}")
    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    run: set[str] = set()
    for node in ast.walk(tree):
        match node:
            case ast.Call(func=ast.Name(id=name), args=[ast.Constant(value=str(text)), *_]):
                if name in RUNNERS:
                    run.add(text)
    assert set(COMMANDS) - run == set(), "lines no test runs"
    assert run - set(COMMANDS) == set(), "lines run but not listed in COMMANDS"


@pytest.mark.parametrize("target", readme_make_targets())
def test_each_make_target_the_readme_names_is_real(target: str) -> None:
    """A user types `make TARGET` as the README says: the Makefile has it, and it runs the
    command the README describes (a dry run: make -n runs nothing)."""
    assert target in MAKE_RECIPES, f"README names `make {target}`: add its recipe to MAKE_RECIPES"
    done = subprocess.run(
        ["make", "-n", target], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert MAKE_RECIPES[target] in done.stdout


# --- running the lines ----------------------------------------------------------------------


@dataclass(frozen=True)
class Ran:
    """What a command did: its exit status and what it printed."""

    status: int
    out: str
    err: str


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch working folder (the current one) with no screen, no sound and a data
    folder of its own, holding mine.yaml (written by `ripple new`) and broken.yaml
    (claims.yaml with the README's typo)."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("RIPPLE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    assert main(["new", "mine.yaml"]) == 0  # what it prints is checked in test_new_...
    typo = DEFAULT_SCENARIO.read_text(encoding="utf-8").replace(
        "    to: assessment", "    to: asessment", 1
    )
    (work / "broken.yaml").write_text(typo, encoding="utf-8")
    return work


@pytest.fixture
def ripple(capsys: pytest.CaptureFixture[str]) -> Iterator[Callable[[str], Ran]]:
    """Run a line of COMMANDS through `ripple.cli.main(argv)`; the display any of them
    opened is closed afterwards."""

    def run(text: str) -> Ran:
        assert text in COMMANDS, f"add {text!r} to COMMANDS"
        argv = shlex.split(text)
        assert argv[0] == "ripple"
        capsys.readouterr()
        try:
            status = main(argv[1:])
        except SystemExit as stop:  # the parser refused the line
            status = int(stop.code or 0)
        out, err = capsys.readouterr()
        return Ran(status, out, err)

    yield run
    pygame.display.quit()


def installed(text: str) -> Ran:
    """Run a `.venv/bin/ripple ...` line of COMMANDS with the installed script, in the
    current folder and environment."""
    assert text in COMMANDS, f"add {text!r} to COMMANDS"
    argv = shlex.split(text)
    assert argv[0] == ".venv/bin/ripple" and INSTALLED.is_file(), INSTALLED
    done = subprocess.run(
        [str(INSTALLED), *argv[1:]],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    return Ran(done.returncode, done.stdout, done.stderr)


@dataclass(frozen=True)
class Opened:
    """What `ripple play` did in a window: its exit status, output and the app it ran."""

    ran: Ran
    app: App | None

    @property
    def scene(self) -> PlayScene:
        """The play screen on top."""
        assert self.app is not None, f"no window opened: {self.ran.err}"
        top = self.app.top
        assert isinstance(top, PlayScene), f"{type(top).__name__} on top, not PlayScene"
        return top


FRAMES = 3
"""Frames a window runs before `ripple play` returns in these tests."""


@pytest.fixture
def window(
    ripple: Callable[[str], Ran], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[str], Opened]]:
    """Run an interactive `ripple play` line: App.run steps a few frames and returns instead
    of looping, and the app is kept for the test. Every game and the display are closed
    afterwards."""
    apps: list[App] = []

    def run(self: App, on_frame: Callable[[App], None] | None = None) -> None:
        apps.append(self)
        Pilot(self).frames(FRAMES)

    monkeypatch.setattr(App, "run", run)

    def open_window(text: str) -> Opened:
        before = len(apps)
        ran = ripple(text)
        return Opened(ran, apps[-1] if len(apps) > before else None)

    yield open_window
    for app in apps:
        for scene in app.scenes:
            session = getattr(scene, "session", None)
            if session is not None:
                session.close()
    pygame.display.quit()


def picture(path: Path) -> pygame.Surface:
    """A PNG as pygame reads it."""
    assert path.is_file(), f"{path} was not written"
    return pygame.image.load(str(path))


# --- ripple play in a window ----------------------------------------------------------------


def test_play_with_no_file_opens_the_title_screen(
    scratch: Path, window: Callable[[str], Opened]
) -> None:
    """A user types `ripple play`: the title screen opens, at the default size, with sound."""
    opened = window("ripple play")
    assert opened.ran.status == 0, opened.ran.err
    assert opened.app is not None
    assert [type(scene) for scene in opened.app.scenes] == [TitleScene]
    assert opened.app.size == (1280, 720) and opened.app.sound.enabled

    opened = window("ripple play --fullscreen")
    assert opened.ran.status == 0 and opened.app is not None
    assert isinstance(opened.app.top, TitleScene) and opened.app.fullscreen


def test_play_file_opens_that_game_at_once(scratch: Path, window: Callable[[str], Opened]) -> None:
    """A facilitator types `ripple play mine.yaml`: mine.yaml's game opens, no title first;
    --size, --projector and --mute shape the window."""
    opened = window("ripple play mine.yaml")
    assert opened.ran.status == 0, opened.ran.err
    scene = opened.scene
    assert scene.session.path.resolve() == (scratch / "mine.yaml").resolve()
    assert scene.session.mode == "single" and scene.session.game.turn == 0
    assert scene.guide is None and scene.timer is None

    opened = window("ripple play mine.yaml --size 800x600 --projector --mute")
    assert opened.ran.status == 0, opened.ran.err
    assert opened.app is not None and opened.app.size == (800, 600)
    assert opened.app.projector and not opened.app.sound.enabled
    assert opened.scene.session.path.name == "mine.yaml"


def test_play_teams_with_a_timer_is_a_timed_hotseat_game(
    scratch: Path, window: Callable[[str], Opened]
) -> None:
    """A workshop of two teams types `ripple play mine.yaml --teams A,B --timer 60`: each
    team plays its own copy, with 60 seconds to choose, and the clock runs."""
    opened = window("ripple play mine.yaml --teams A,B --timer 60")
    assert opened.ran.status == 0, opened.ran.err
    scene = opened.scene
    assert scene.session.path.name == "mine.yaml"
    assert scene.session.teams == ("A", "B") and scene.session.mode == "hotseat"
    assert set(scene.session.games) == {"A", "B"}
    assert scene.timer == 60
    assert scene.time_left is not None and scene.time_left < 60


def test_the_titles_play_starts_the_named_game_again(
    scratch: Path, window: Callable[[str], Opened]
) -> None:
    """After a workshop game, Esc leads to the title, whose Play starts the same workshop
    again (same file, teams and timer), without writing over the first game's save."""
    opened = window("ripple play mine.yaml --teams A,B --timer 60 --save first.json")
    assert opened.ran.status == 0, opened.ran.err
    app, first = opened.app, opened.scene
    assert app is not None
    first.session.end_turn()
    first.session.wait()
    kept = (scratch / "first.json").read_bytes()
    pilot = Pilot(app)
    pilot.press(pygame.K_ESCAPE)
    pilot.click("confirm:yes")  # "Leave this game?"
    title = app.top
    assert isinstance(title, TitleScene), type(title).__name__
    play = next(item for item in title.menu.items if item.name == "play")
    assert "mine.yaml" in play.note and "teams A, B" in play.note
    pilot.click("title:play")
    again = app.top
    assert isinstance(again, PlayScene) and again is not first
    assert again.session.path.name == "mine.yaml" and again.session.teams == ("A", "B")
    assert again.timer == 60 and again.session.save_to is None
    again.session.end_turn()
    again.session.wait()
    assert (scratch / "first.json").read_bytes() == kept


def test_play_teams_with_roles_share_one_organisation(
    scratch: Path, window: Callable[[str], Opened]
) -> None:
    """Teams type `--roles`: one shared organisation, each team running a block of
    departments; `--roles` alone is refused with a reason."""
    opened = window("ripple play mine.yaml --teams A,B --roles")
    assert opened.ran.status == 0, opened.ran.err
    session = opened.scene.session
    assert session.mode == "roles" and session.teams == ("A", "B")
    owned = [department for team in ("A", "B") for department in session.roles[team]]
    assert sorted(owned) == sorted(d.id for d in session.scenario.departments)

    refused = window("ripple play mine.yaml --roles")
    assert refused.ran.status == 2 and refused.app is None
    assert "error:" in refused.ran.err and "--teams" in refused.ran.err


def test_play_the_tutorial_from_the_project_folder(
    scratch: Path, window: Callable[[str], Opened], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A learner types `ripple play scenarios/tutorial.yaml` in the project folder, as the
    README says: the guided first game starts."""
    monkeypatch.chdir(ROOT)
    opened = window("ripple play scenarios/tutorial.yaml")
    assert opened.ran.status == 0, opened.ran.err
    scene = opened.scene
    assert scene.guide is not None
    assert scene.session.path.resolve() == SCENARIOS / "tutorial.yaml"


def test_play_with_a_seed_plays_that_seed(scratch: Path, window: Callable[[str], Opened]) -> None:
    """A facilitator types `ripple play mine.yaml --seed 5`: the game is seed 5's."""
    opened = window("ripple play mine.yaml --seed 5")
    assert opened.ran.status == 0, opened.ran.err
    assert opened.scene.session.game.seed == 5


def test_play_save_writes_each_turn_and_load_continues_it(
    scratch: Path, window: Callable[[str], Opened]
) -> None:
    """A user plays `ripple play mine.yaml --save game.json`, ends a turn with E, and later
    continues with `ripple play --load game.json` at the turn they reached."""
    opened = window("ripple play mine.yaml --save game.json")
    assert opened.ran.status == 0, opened.ran.err
    assert opened.app is not None
    assert not (scratch / "game.json").exists()
    pilot = Pilot(opened.app)
    pilot.press(pygame.K_e)
    pilot.settle()
    saved = json.loads((scratch / "game.json").read_text(encoding="utf-8"))
    assert saved["format"] == "ripple-save" and len(saved["decisions"]) == 1
    assert Path(saved["scenario"]) == (scratch / "mine.yaml").resolve()
    autosave = scratch.parent / "data" / "autosave" / "mine.json"
    assert json.loads(autosave.read_text(encoding="utf-8"))["decisions"] == saved["decisions"]

    opened = window("ripple play --load game.json")
    assert opened.ran.status == 0, opened.ran.err
    session = opened.scene.session
    assert session.path.resolve() == (scratch / "mine.yaml").resolve()
    assert session.game.turn == 1 and session.game.seed == saved["seed"]


def test_play_a_file_with_a_typo_names_the_problem(
    scratch: Path, window: Callable[[str], Opened]
) -> None:
    """A user plays a scenario with a typo: no window, exit status 1, and the problem at
    file:line:col on stderr, with no traceback."""
    opened = window("ripple play broken.yaml")
    assert opened.ran.status == 1 and opened.app is None
    assert re.search(r"^broken\.yaml:\d+:\d+: error: .*'asessment'", opened.ran.err, re.M)
    assert "did you mean 'assessment'?" in opened.ran.err
    assert "Traceback" not in opened.ran.err


# --- ripple play headless, ripple bench -----------------------------------------------------


def test_play_autoplay_saves_pictures_of_each_screen(
    scratch: Path, ripple: Callable[[str], Ran]
) -> None:
    """For a handout, a user plays N turns headless and saves the play and title screens."""
    ran = ripple(
        "ripple play --autoplay 3 --policy customer --screen play --screenshot play.png"
        " --size 800x600"
    )
    assert ran.status == 0, ran.err
    ran = ripple("ripple play --autoplay 0 --screen title --screenshot title.png --size 800x600")
    assert ran.status == 0, ran.err
    play, title = picture(scratch / "play.png"), picture(scratch / "title.png")
    assert play.get_size() == title.get_size() == (800, 600)
    assert pygame.image.tobytes(play, "RGB") != pygame.image.tobytes(title, "RGB")
    autosave = json.loads((scratch.parent / "data" / "autosave" / "claims.json").read_text())
    # The customer policy first spends on turn 3, once internal customers are hurt.
    assert len(autosave["decisions"]) == 3 and autosave["decisions"][2]


def test_play_autoplay_for_teams_shows_their_debrief(
    scratch: Path, ripple: Callable[[str], Ran]
) -> None:
    """A facilitator makes a debrief picture of two teams' game, and keeps the save."""
    ran = ripple(
        "ripple play --teams Red,Blue --autoplay 2 --policy silo --screen debrief"
        " --screenshot teams.png --save teams.json"
    )
    assert ran.status == 0, ran.err
    assert picture(scratch / "teams.png").get_size() == (1280, 720)
    saved = json.loads((scratch / "teams.json").read_text(encoding="utf-8"))
    assert (saved["mode"], saved["teams"]) == ("hotseat", ["Red", "Blue"])
    assert {team: len(turns) for team, turns in saved["decisions"].items()} == {
        "Red": 2,
        "Blue": 2,
    }


def test_bench_measures_the_front_end(
    scratch: Path, ripple: Callable[[str], Ran], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user measures the front end on their machine (each run takes a few seconds of real
    time, frames paced at 60 Hz): one turn of the smallest game as JSON, then one turn of
    the default scenario as a table."""
    monkeypatch.chdir(ROOT)
    ran = ripple("ripple bench scenarios/tutorial.yaml --size 640x480 --turns 1 --json")
    assert ran.status == 0, ran.err
    result = json.loads(ran.out)
    assert result["size"] == [640, 480] and result["turns"] == 1
    assert result["frames"] > 0 and result["rss_mb"] > 0
    assert {"frame_p95_ms", "first_frame_s", "rss_mb"} <= set(result["targets"])

    ran = ripple("ripple bench --size 640x480 --turns 1")
    assert ran.status == 0, ran.err
    assert ran.out.startswith(f"{DEFAULT_SCENARIO} at 640x480: 1 turns")
    assert re.search(r"^frame_p95_ms .* (PASS|FAIL)$", ran.out, re.M)


# --- ripple simulate and ripple export ------------------------------------------------------


def final_satisfaction(story: str) -> int:
    """The last turn's satisfaction in a story's turn table, in percent."""
    rows = re.findall(r"^\s+\d+\s.*?(\d+)%$", story, re.M)
    assert rows, story
    return int(rows[-1])


def test_simulate_compares_silo_and_customer_with_the_installed_script(scratch: Path) -> None:
    """A user runs the README's two `.venv/bin/ripple simulate` lines: each tells the story
    of one game of the default scenario, and the customer mindset ends better."""
    silo = installed(".venv/bin/ripple simulate --policy silo")
    customer = installed(".venv/bin/ripple simulate --policy customer")
    for ran, policy in ((silo, "silo"), (customer, "customer")):
        assert ran.status == 0, ran.err
        assert ran.out.startswith(f"The Claims Ripple - seed 7, 12 turns, policy '{policy}'")
        assert "Where the ripples started:" in ran.out and "What customers felt:" in ran.out
    assert final_satisfaction(customer.out) > final_satisfaction(silo.out)


def test_simulate_with_the_players_who_read_nothing(
    scratch: Path, ripple: Callable[[str], Ran]
) -> None:
    """A facilitator tries the blind players: each plays a whole game of legal choices."""
    runs = {
        "random": ripple("ripple simulate --policy random --json"),
        "priciest": ripple("ripple simulate --policy priciest --json"),
    }
    for policy, ran in runs.items():
        assert ran.status == 0, ran.err
        game = json.loads(ran.out)
        assert game["policy"] == policy and len(game["turns"]) == 12
        assert any(game["decisions"]), f"{policy} chose nothing"


def test_simulate_seed_turns_and_json(scratch: Path, ripple: Callable[[str], Ran]) -> None:
    """A user simulates their own file with a seed and a turn count, as one JSON object."""
    ran = ripple("ripple simulate mine.yaml --seed 3 --turns 5 --policy none --json")
    assert ran.status == 0, ran.err
    record = json.loads(ran.out)
    assert (record["seed"], record["policy"], len(record["turns"])) == (3, "none", 5)
    assert record["decisions"] == [[]] * 5


def test_simulate_save_replays_and_exports(scratch: Path, ripple: Callable[[str], Ran]) -> None:
    """A user saves a game, replays it with --decisions (the same game), and exports its
    pack, to a folder of their choosing or beside the save."""
    played = ripple("ripple simulate --policy silo --save game.json")
    assert played.status == 0, played.err
    saved = json.loads((scratch / "game.json").read_text(encoding="utf-8"))
    assert saved["seed"] == 7 and len(saved["decisions"]) == 12 and any(saved["decisions"])

    replayed = ripple("ripple simulate --decisions game.json")
    assert replayed.status == 0, replayed.err
    # The same game, turn by turn; only the heading's policy (who decides later turns) differs.
    assert replayed.out.splitlines()[1:] == played.out.splitlines()[1:]

    ran = ripple("ripple export game.json --out pack")
    assert ran.status == 0, ran.err
    written = [Path(line) for line in ran.out.splitlines()]
    assert all(path.is_file() and path.parent == Path("pack") for path in written)
    names = {path.name for path in written}
    assert {"turns.csv", "decisions.csv", "summary.md", "summary.html"} <= names
    with (scratch / "pack" / "turns.csv").open(encoding="utf-8", newline="") as file:
        assert [row["turn"] for row in csv.DictReader(file)] == [str(t) for t in range(1, 13)]
    with (scratch / "pack" / "decisions.csv").open(encoding="utf-8", newline="") as file:
        decisions = list(csv.DictReader(file))
    assert len(decisions) == sum(len(turn) for turn in saved["decisions"])
    summary = (scratch / "pack" / "summary.html").read_text(encoding="utf-8")
    assert "The Claims Ripple" in summary and '<img src="data:image/png;base64,' in summary
    assert picture(scratch / "pack" / "satisfaction.png").get_size() == (1280, 720)

    ran = ripple("ripple export game.json")
    assert ran.status == 0, ran.err
    assert {Path(line).parent for line in ran.out.splitlines()} == {Path("game")}
    assert (scratch / "game" / "summary.html").is_file()


def test_simulate_runs_balance_a_scenario(scratch: Path, ripple: Callable[[str], Ran]) -> None:
    """A facilitator plays 20 seeded games per policy: a comparison with a verdict, the
    figures as JSON, and every game as CSV."""
    ran = ripple("ripple simulate --runs 20 --jobs 1 --compare silo,customer")
    assert ran.status == 0, ran.err
    assert ran.out.startswith("The Claims Ripple - 20 games a policy")
    assert "Where the harm started (silo):" in ran.out
    assert "Where the harm started (customer):" in ran.out
    assert re.search(r"clear|within noise", ran.out)

    ran = ripple("ripple simulate --runs 20 --jobs 1 --seed 4 --turns 6 --policy customer --json")
    assert ran.status == 0, ran.err
    summary = json.loads(ran.out)
    assert (summary["runs"], summary["base_seed"], list(summary["policies"])) == (
        20,
        4,
        ["customer"],
    )
    satisfaction = summary["policies"]["customer"]["satisfaction"]
    assert satisfaction["p5"] <= satisfaction["mean"] <= satisfaction["p95"]

    ran = ripple("ripple simulate mine.yaml --runs 20 --jobs 1 --compare none,customer --csv")
    assert ran.status == 0, ran.err
    rows = list(csv.DictReader(ran.out.splitlines()))
    assert [row["policy"] for row in rows] == ["none"] * 20 + ["customer"] * 20
    assert len({row["seed"] for row in rows}) == 20


# --- writing and checking a scenario --------------------------------------------------------


def test_new_writes_a_starter_and_force_replaces_it(
    scratch: Path, ripple: Callable[[str], Ran]
) -> None:
    """A facilitator writes a starter scenario, is stopped from overwriting it by accident,
    and replaces it on purpose with --force."""
    (scratch / "mine.yaml").unlink()
    ran = ripple("ripple new mine.yaml")
    assert ran.status == 0, ran.err
    assert ran.out.startswith("Wrote mine.yaml") and "ripple validate mine.yaml" in ran.out
    text = (scratch / "mine.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")

    (scratch / "mine.yaml").write_text("title: mine, edited\n", encoding="utf-8")
    again = ripple("ripple new mine.yaml")
    assert again.status == 1 and "already exists" in again.err and "--force" in again.err
    assert (scratch / "mine.yaml").read_text(encoding="utf-8") == "title: mine, edited\n"
    forced = ripple("ripple new mine.yaml --force")
    assert forced.status == 0, forced.err
    assert (scratch / "mine.yaml").read_text(encoding="utf-8") == text


def readme_validate_output() -> str:
    """The line the README shows under `$ ripple validate broken.yaml`."""
    lines = README.read_text(encoding="utf-8").splitlines()
    return lines[lines.index("$ ripple validate broken.yaml") + 1]


def test_validate_answers_as_the_readme_shows(scratch: Path, ripple: Callable[[str], Ran]) -> None:
    """A facilitator checks files: a good one passes, the README's typo gets the README's
    message at file:line:col, and several files are checked at once."""
    ran = ripple("ripple validate mine.yaml")
    assert (ran.status, ran.out, ran.err) == (0, "", "mine.yaml: ok\n")

    ran = ripple("ripple validate broken.yaml")
    assert ran.status == 1
    location = re.compile(r"^broken\.yaml:\d+:\d+: ")
    shown = readme_validate_output()
    assert location.match(shown) and location.match(ran.out), ran.out
    # The message is the README's word for word (the line number depends on the file).
    assert location.sub("", ran.out.strip()) == location.sub("", shown)

    ran = ripple("ripple validate mine.yaml broken.yaml")
    assert ran.status == 1 and "mine.yaml: ok" in ran.err
    assert location.match(ran.out) and len(ran.out.splitlines()) == 1

    ran = ripple("ripple validate")
    assert ran.status == 0 and ran.out == "" and ran.err == f"{DEFAULT_SCENARIO}: ok\n"


def test_preview_draws_the_organisation(scratch: Path, ripple: Callable[[str], Ran]) -> None:
    """A facilitator draws their organisation for a slide, at a size and to a file they
    choose, or the default scenario beside them."""
    ran = ripple("ripple preview mine.yaml --out mine.png --size 1024x768")
    assert ran.status == 0, ran.err
    assert "mine.png: the organisation at turn 0, 1024x768" in ran.err
    assert picture(scratch / "mine.png").get_size() == (1024, 768)

    ran = ripple("ripple preview")
    assert ran.status == 0, ran.err
    assert picture(scratch / "claims.png").get_size() == (1280, 720)


def test_schema_prints_a_json_schema_of_scenarios(
    scratch: Path, ripple: Callable[[str], Ran]
) -> None:
    """An editor's user prints the JSON Schema of scenario files (the same as the copy in
    scenarios/, which tests/test_cli.py compares byte for byte)."""
    ran = ripple("ripple schema")
    assert ran.status == 0, ran.err
    schema = json.loads(ran.out)
    assert "json-schema.org" in schema["$schema"]
    assert {"title", "turns", "departments", "dependencies", "customers"} <= set(
        schema["properties"]
    )


# --- ripple balance -------------------------------------------------------------------------


def verdicts(table: str) -> list[bool]:
    """Each scenario row's 'teaches' column in balance's summary (its first table)."""
    summary = table[table.index("| scenario |") :].split("\n\n")[0]
    rows = summary.splitlines()[2:]
    assert rows, table
    return [row.rstrip().endswith("| yes |") for row in rows]


def test_balance_judges_a_file_and_writes_the_page(
    scratch: Path, ripple: Callable[[str], Ran]
) -> None:
    """A facilitator checks that their scenario teaches and keeps the page; the exit status
    says whether it does."""
    ran = ripple("ripple balance mine.yaml --runs 20 --jobs 1 --write balance.md")
    assert "(`mine.yaml`)" in ran.out
    assert ran.status == (0 if all(verdicts(ran.out)) else 1)
    page = (scratch / "balance.md").read_text(encoding="utf-8")
    assert page.startswith("# Balance") and "(`mine.yaml`)" in page
    assert "written: balance.md" in ran.err


def test_balance_judges_every_shipped_scenario_but_the_tutorial(
    scratch: Path, ripple: Callable[[str], Ran]
) -> None:
    """With no file, `ripple balance` judges every shipped scenario but the tutorial."""
    ran = ripple("ripple balance --runs 5 --jobs 2")
    files = set(re.findall(r"\(`(\w+\.yaml)`\)", ran.out))
    shipped = {path.name for path in SCENARIOS.glob("*.yaml")}
    assert files == shipped - {"tutorial.yaml"}
    assert ran.status == (0 if all(verdicts(ran.out)) else 1)
    assert not list(scratch.glob("*.md"))
