"""Starting the front end: in a window, or headless to play N turns and save a picture."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from ripple.engine.policies import POLICIES
from ripple.paths import DEFAULT_SCENARIO
from ripple.play.save import SavedGame, SaveError, read_save_or_previous
from ripple.play.saved_games import autosave_folder

NO_DISPLAY = (
    "ripple play needs a display to open its window, and none was found "
    "(no DISPLAY or WAYLAND_DISPLAY).\n"
    "Without a screen you can:\n"
    "  ripple simulate [FILE]                      play a game headless and read its story\n"
    "  ripple play [FILE] --autoplay 12 --screenshot play.png   draw a screen to a PNG file\n"
)


@dataclass(frozen=True)
class Options:
    """What `ripple play` was asked for."""

    file: Path | None = None
    """The scenario named on the command line (None: the title screen, then any scenario)."""
    size: tuple[int, int] | None = None
    """The window's size (None: 1280x720, or less to fit the screen)."""
    projector: bool = False
    fullscreen: bool = False
    sound: bool = True
    seed: int | None = None
    save: Path | None = None
    load: Path | None = None
    autoplay: int | None = None
    policy: str = "none"
    screen: str = "play"
    screenshot: Path | None = None
    teams: tuple[str, ...] = ()
    roles: bool = False
    timer: float | None = None

    @property
    def scenario(self) -> Path:
        """The scenario to play: the one named, else the shipped default."""
        return self.file or DEFAULT_SCENARIO

    @property
    def names_a_game(self) -> bool:
        """True when the command line asks for a particular game (a file, teams, a timer, a
        seed, a save), which then opens at once instead of the title screen."""
        return bool(self.file or self.teams or self.timer or self.seed is not None or self.save)


def has_display() -> bool:
    """True when a window can be opened (or the dummy driver was asked for)."""
    if os.environ.get("SDL_VIDEODRIVER") in ("dummy", "offscreen"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def _saved(options: Options) -> tuple[SavedGame | None, Path]:
    if options.load is None:
        return None, options.scenario
    saved, note = read_save_or_previous(options.load)
    if note:
        print(f"warning: {note}", file=sys.stderr)
    path = Path(saved.scenario) if saved.scenario else options.scenario
    return saved, path


def _autosave_of(load: Path | None) -> Path | None:
    """The autosave a loaded game goes on writing to: the file itself when it is one of the
    autosaves (continuing it), else a new one (a copy of another save goes on apart)."""
    if load is None:
        return None
    return load if load.resolve().parent == autosave_folder().resolve() else None


def play(options: Options) -> int:
    """Open the game and return the exit status: the title screen, or straight into the game
    the command line names (a file, teams, a timer, a seed, a save to write or to load)."""
    if options.autoplay is None and not has_display():
        print(NO_DISPLAY, file=sys.stderr, end="")
        return 2
    from ripple.scenario.load import load_scenario
    from ripple.scenario.problems import ScenarioError

    try:  # what is wrong with the files is said before a window opens
        saved, path = _saved(options)
        scenario = load_scenario(path)
    except SaveError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except ScenarioError as error:
        print("\n".join(str(problem) for problem in error.problems), file=sys.stderr)
        return 1
    if options.autoplay is not None:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from ripple.ui.app import App
    from ripple.ui.scenes.choose import NewGame
    from ripple.ui.scenes.title import TitleScene

    app = App(
        options.size,
        projector=options.projector,
        fullscreen=options.fullscreen,
        sound=options.sound and options.autoplay is None,
    )
    game = NewGame(path, options.seed, options.save, options.teams, options.roles, options.timer)
    # The title's Play starts this game again, without writing over its --save file.
    app.push(TitleScene(app, replace(game, save_to=None)))
    headless = options.autoplay is not None
    wanted = saved is not None or options.names_a_game or headless
    if wanted and not (headless and options.screen == "title"):
        game.start(app, saved=saved, autosave_to=_autosave_of(options.load), scenario=scenario)
    if options.autoplay is None:
        app.run()
        return 0
    return autoplay(app, options)


def autoplay(app: object, options: Options) -> int:
    """Play N turns with a policy through the play screen, then save a picture and stop."""
    from ripple.ui.app import App
    from ripple.ui.scenes.play import PlayScene

    assert isinstance(app, App)
    if options.screen == "title":
        return _picture(app, options)
    scene = app.top
    assert isinstance(scene, PlayScene)
    choose = POLICIES[options.policy]
    session = scene.session
    rounds = min(options.autoplay or 0, session.game.turns - session.game.turn)
    for _ in range(rounds * len(session.teams)):
        for decision in choose(session.game):
            session.choose(decision)
        session.end_turn()
        session.wait()
        session.show_current()
    scene.progress = 1.0
    if options.screen == "debrief":
        app.open("debrief", session)
    status = _picture(app, options)
    session.close()
    return status


def _picture(app: object, options: Options) -> int:
    """Draw one frame and save it where asked."""
    from ripple.ui.app import App

    assert isinstance(app, App)
    app.step(1 / 60)
    if options.screenshot is not None:
        options.screenshot.parent.mkdir(parents=True, exist_ok=True)
        app.save_png(str(options.screenshot))
    return 0
