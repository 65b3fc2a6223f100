"""The game in a real window, started the way the README says, on a 1024x768 X screen.

Everything else in the suite runs under SDL's dummy driver; this file starts Xvfb (a
virtual X server) at the size of a classroom projector, runs `make play` and
`.venv/bin/ripple play` as a user would, finds the window with xwininfo, drives it with
xdotool and compares ImageMagick screenshots of the whole screen with reference pictures
(tests/screens/real-*.png, same tolerance and `RIPPLE_REGENERATE_SCREENS=1` as
tests/test_screens.py). On Debian: apt-get install xvfb xdotool x11-utils imagemagick.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import numpy as np
import pytest

from ripple.ui.app import WINDOW, App, default_window_size
from tests.test_screens import assert_like_reference, pixels

ROOT = Path(__file__).resolve().parents[1]
SCREEN = (1024, 768)
TITLE = "The Ripple Effect"
WAIT = 20.0
"""The longest any one wait may take, in seconds."""

TOOLS = {"Xvfb": "xvfb", "xdotool": "xdotool", "xwininfo": "x11-utils", "import": "imagemagick"}
"""The programs this file runs, and the Debian package each comes in."""

T = TypeVar("T")


@pytest.fixture
def display(tmp_path: Path) -> Iterator[str]:
    """A fresh Xvfb at 1024x768x24, black, on a free display number (Xvfb picks it and
    writes it to -displayfd once it is ready); stopped at the end."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        packages = " ".join(dict.fromkeys(TOOLS[tool] for tool in missing))
        message = f"{', '.join(missing)} not found; on Debian: apt-get install {packages}"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must install them (.ci/run does, as root)
        pytest.skip(message)
    read, write = os.pipe()
    log = tmp_path / "xvfb.log"
    size = "{}x{}x24".format(*SCREEN)
    with log.open("wb") as errors:
        server = subprocess.Popen(
            # -noreset: a short-lived client leaving must not reset the pointer we parked.
            ["Xvfb", "-displayfd", str(write), "-screen", "0", size, "-br", "-noreset"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
    os.close(write)
    number = b""
    deadline = time.monotonic() + WAIT
    while not number.endswith(b"\n") and time.monotonic() < deadline:
        if select.select([read], [], [], 0.1)[0]:
            chunk = os.read(read, 16)
            if not chunk:
                break  # Xvfb stopped
            number += chunk
    os.close(read)
    try:
        if not number.strip().isdigit():
            pytest.fail(f"Xvfb did not start (status {server.poll()}):\n{log.read_text()}")
        yield f":{number.decode().strip()}"
    finally:
        server.terminate()
        server.wait(timeout=WAIT)


class Player:
    """A user at the X screen: starts commands, looks at windows, presses keys."""

    def __init__(self, display: str, data: Path, log: Path) -> None:
        self.env = {**os.environ, "DISPLAY": display, "SDL_AUDIODRIVER": "dummy"}
        self.env["RIPPLE_DATA_DIR"] = str(data)  # no saved games: the title stays the same
        # A real X11 window; and a make of its own, not a part of the `make test` running us.
        for name in ("SDL_VIDEODRIVER", "WAYLAND_DISPLAY", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
            self.env.pop(name, None)
        self.log = log
        self.games: list[subprocess.Popen[bytes]] = []

    def wait_for(self, what: str, probe: Callable[[], T | None]) -> T:
        """Poll `probe` until it returns something; fail after WAIT seconds, or at once if
        the game stops (showing what it printed)."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            found = probe()
            if found is not None:
                return found
            if self.games and self.games[-1].poll() is not None:
                status = self.games[-1].returncode
                pytest.fail(
                    f"the game stopped (status {status}) while waiting for {what}:\n"
                    + self.log.read_text(errors="replace")[-3000:]
                )
            time.sleep(0.1)
        pytest.fail(f"gave up after {WAIT:.0f} s waiting for {what}")

    def x(self, *command: str) -> subprocess.CompletedProcess[bytes]:
        """Run an X tool on this display."""
        return subprocess.run(command, env=self.env, capture_output=True, timeout=WAIT)

    def start(self, *command: str) -> subprocess.Popen[bytes]:
        """Start a command from the repository's root, in its own process group."""
        with self.log.open("ab") as log:
            game = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.games.append(game)
        return game

    def stop(self) -> None:
        """End every command started, with whatever it started (make and its game)."""
        for game in self.games:
            if game.poll() is None:
                os.killpg(game.pid, signal.SIGTERM)
                try:
                    game.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    os.killpg(game.pid, signal.SIGKILL)
                    game.wait()

    def window(self) -> tuple[str, tuple[int, int, int, int]] | None:
        """The game's window, once it is shown: its id and (x, y, width, height)."""
        found = self.x("xwininfo", "-name", TITLE)
        text = found.stdout.decode()
        if found.returncode != 0 or "IsViewable" not in text:
            return None

        def field(label: str, pattern: str = r"-?\d+") -> str:
            match = re.search(rf"{label}:\s+({pattern})", text)
            assert match, text
            return match[1]

        x, y = int(field("Absolute upper-left X")), int(field("Absolute upper-left Y"))
        return field("Window id", "0x[0-9a-f]+"), (x, y, int(field("Width")), int(field("Height")))

    def screenshot(self, path: Path) -> bytes:
        """The whole screen as PNG bytes, also written to `path`."""
        shot = self.x("import", "-silent", "-window", "root", "png:-")
        assert shot.returncode == 0, shot.stderr.decode()
        path.write_bytes(shot.stdout)
        return shot.stdout

    def settled(self, what: str, path: Path, unlike: bytes = b"") -> bytes:
        """Wait until the screen shows something new (not `unlike`), drawn and holding still
        (two screenshots in a row the same, the window not one flat colour); keep it in
        `path` and return it."""
        last = b""

        def still() -> bytes | None:
            nonlocal last
            shot = self.screenshot(path)
            same, last = shot == last, shot
            if not same or shot == unlike:
                return None
            x, y, w, h = self.wait_for("the window", self.window)[1]
            drawn = pixels(path)[x : x + w, y : y + h]
            return shot if np.ptp(drawn) > 0 else None

        return self.wait_for(what, still)


RESTING = (SCREEN[0] // 2, round(SCREEN[1] * 0.43))
"""Where the pointer rests: over the title screen's first entry (Tutorial), as a pointer left
in the middle of a screen would be. SDL reports it as a move when the window opens; that must
not move the highlight away from Play."""


@pytest.fixture
def player(display: str, tmp_path: Path) -> Iterator[Player]:
    """A player at a fresh X screen, the pointer resting over the title's first entry, every
    command stopped at the end."""
    user = Player(display, tmp_path / "data", tmp_path / "game.log")
    assert user.x("xdotool", "mousemove", *map(str, RESTING)).returncode == 0
    yield user
    user.stop()


def assert_fits(window: tuple[int, int, int, int]) -> None:
    """The window lies wholly on the screen, at the size chosen for that screen."""
    x, y, w, h = window
    assert (w, h) == default_window_size(SCREEN)
    assert x >= 0 and y >= 0 and x + w <= SCREEN[0] and y + h <= SCREEN[1], window


def test_make_play_opens_the_title_screen_inside_a_1024x768_screen(
    player: Player, tmp_path: Path
) -> None:
    game = player.start("make", "play")
    _, geometry = player.wait_for(f"a window named {TITLE!r}", player.window)
    assert_fits(geometry)
    shot = tmp_path / "title.png"
    player.settled("the title screen", shot)
    assert_like_reference("real-title-1024x768", shot)
    assert game.poll() is None, player.log.read_text()


def test_enter_on_the_title_screen_starts_a_game(player: Player, tmp_path: Path) -> None:
    game = player.start(".venv/bin/ripple", "play")
    window, geometry = player.wait_for(f"a window named {TITLE!r}", player.window)
    assert_fits(geometry)
    title = player.settled("the title screen", tmp_path / "title.png")
    # Keys go to the focused window; with no window manager, nothing focuses it but us.
    assert player.x("xdotool", "windowfocus", "--sync", window).returncode == 0
    assert player.x("xdotool", "key", "Return").returncode == 0
    shot = tmp_path / "play.png"
    player.settled("the play screen after Enter", shot, unlike=title)
    assert_like_reference("real-play-1024x768", shot)
    assert game.poll() is None, player.log.read_text()


@pytest.mark.parametrize(
    ("desktop", "window"),
    [
        ((1920, 1080), (1280, 720)),
        ((1320, 816), (1280, 720)),  # just room for 1280x720 and the margins
        ((1366, 768), (1280, 672)),  # a laptop: full width, less height
        ((1024, 768), (984, 672)),  # a classroom projector
        ((800, 600), (760, 504)),
        (None, (1280, 720)),  # headless: no desktop to fit
    ],
)
def test_the_default_window_fits_the_desktop(
    desktop: tuple[int, int] | None, window: tuple[int, int]
) -> None:
    assert default_window_size(desktop) == window


def test_the_default_window_is_1280x720_headless() -> None:
    # The dummy driver's desktop (1024x768) is not a screen: pictures keep their size.
    assert App(sound=False).size == WINDOW == (1280, 720)
