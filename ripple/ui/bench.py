"""How the front end performs on this machine: frame times through a whole game, the
first frame after start, and peak memory, measured headless on the real app.

A game is played the way a room plays it: decisions chosen, the turn ended through the
play screen, and frames stepped at a fixed 1/60 s while the turn resolves in the background
and then animates. Along the way the inspect card, the help card and (when the game has
one) the debrief are shown. Each frame is timed from the start of `App.step` to the end of
`pygame.display.flip`.
"""

from __future__ import annotations

import math
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DT = 1 / 60
"""The fixed time step of every measured frame."""

TARGETS = {
    "frame_p95_ms": 8.0,
    "frame_max_ms": 1000 / 60,
    "turn_frames_max_ms": 1000 / 60,
    "first_frame_s": 1.0,
    "rss_mb": 150.0,
}
"""The upper limit of each figure (frames at 60 Hz with room to spare)."""

CHOOSING_FRAMES = 6
"""Frames shown each turn while decisions are being chosen, before the turn ends."""

INSPECT_TURNS = 2
"""The inspect card is opened mid-animation on every second turn."""

OVERLAY_FRAMES = 30
"""Frames with the help card open, and on the debrief."""

FRAME_LIMIT = 100_000
"""A turn that has not resolved and animated in this many frames is a fault."""


class Unplayable(Exception):
    """The scenario cannot be played, so there is nothing to measure; says why."""


def process_start() -> tuple[float, str]:
    """The wall-clock time this process started, and where that came from.

    On Linux the kernel knows (`/proc/self/stat` counts clock ticks since boot, and
    `/proc/uptime` says how long ago boot was); elsewhere the time of this call stands in.
    """
    try:
        stat = Path("/proc/self/stat").read_text()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        # The command name (field 2) may hold spaces; fields after it are plain numbers.
        started_ticks = int(stat.rsplit(")", 1)[1].split()[19])
        age = uptime - started_ticks / os.sysconf("SC_CLK_TCK")
        return time.time() - age, "process"
    except (OSError, ValueError, IndexError, AttributeError):
        return time.time(), "bench"


def peak_rss_mb() -> float:
    """The most resident memory this process has used, in MB."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux counts kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of `values` (share from 0 to 1)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _summary(times: list[float]) -> dict[str, float | int]:
    return {
        "frames": len(times),
        "p50_ms": round(percentile(times, 0.5), 3),
        "p95_ms": round(percentile(times, 0.95), 3),
        "max_ms": round(max(times), 3),
    }


class _Stopwatch:
    """Steps the app one frame at a time, paced at 60 frames a second as the real loop is
    (so a turn resolving in the background gets the idle time it would get), and keeps
    each frame's working time, by screen."""

    def __init__(self, app: Any, flip: Callable[[], None]) -> None:
        self.app = app
        self.flip = flip
        self.times: dict[str, list[float]] = {}

    def frames(self, screen: str, count: int = 1) -> None:
        for _ in range(count):
            self.frame(screen)

    def frame(self, screen: str) -> None:
        started = time.perf_counter()
        self.app.step(DT)
        self.flip()
        elapsed = time.perf_counter() - started
        self.times.setdefault(screen, []).append(elapsed * 1000)
        time.sleep(max(0.0, DT - elapsed))

    @property
    def all(self) -> list[float]:
        return [t for times in self.times.values() for t in times]


def bench(file: Path, size: tuple[int, int] = (1920, 1080), *, turns: int | None = None) -> dict:
    """Measure the front end playing the scenario at `file` in a window of `size`.

    `turns` plays only the first N turns (for quick checks); by default the whole game.
    Returns the figures, each target with PASS or FAIL, and what was measured where.
    """
    entered = time.time()
    started, started_from = process_start()
    if started_from == "bench":
        started = entered
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from ripple.engine.policies import POLICIES
    from ripple.ui import intents
    from ripple.ui.app import App
    from ripple.ui.scenes.choose import start_game
    from ripple.ui.scenes.play import PlayScene
    from ripple.ui.scenes.title import TitleScene

    app = App(size, sound=False)
    app.push(TitleScene(app))
    watch = _Stopwatch(app, pygame.display.flip)
    watch.frame("title")
    first_frame_s = time.time() - started
    watch.frames("title", OVERLAY_FRAMES - 1)

    # Autosaves go to a folder of their own, so a player's saved game is left alone.
    with tempfile.TemporaryDirectory(prefix="ripple-bench-") as saves:
        before = os.environ.get("RIPPLE_DATA_DIR")
        os.environ["RIPPLE_DATA_DIR"] = saves
        try:
            problems = start_game(app, file)
        finally:
            if before is None:
                del os.environ["RIPPLE_DATA_DIR"]
            else:
                os.environ["RIPPLE_DATA_DIR"] = before
        if problems:
            raise Unplayable("\n".join(problems))
        scene = app.top
        assert isinstance(scene, PlayScene)
        session = scene.session
        choose = POLICIES["customer"]
        left = session.game.turns - session.game.turn
        played = min(left, turns) if turns is not None else left
        screens = ["title", "play"]
        try:
            for turn in range(played):
                for decision in choose(session.game):
                    session.choose(decision)
                watch.frames("choosing", CHOOSING_FRAMES)
                if turn == 1:
                    _help(app, watch, intents)
                    screens.append("help")
                app.send(intents.EndTurn())
                _resolve(scene, watch, intents, inspect=turn % INSPECT_TURNS == 0)
            _debrief(app, scene, watch, intents)
            screens.append("debrief")
        finally:
            session.close()
    rss_mb = peak_rss_mb()
    driver = pygame.display.get_driver()
    pygame.display.quit()

    times = watch.all
    turn_times = watch.times.get("turn", []) + watch.times.get("turn+inspect", [])
    figures: dict[str, Any] = {
        "frame_p50_ms": round(percentile(times, 0.5), 3),
        "frame_p95_ms": round(percentile(times, 0.95), 3),
        "frame_max_ms": round(max(times), 3),
        "turn_frames_max_ms": round(max(turn_times), 3) if turn_times else 0.0,
        "first_frame_s": round(first_frame_s, 3),
        "rss_mb": round(rss_mb, 1),
    }
    return {
        **figures,
        "frames": len(times),
        "turns": played,
        "first_frame_from": started_from,
        "screens": screens,
        "by_screen": {name: _summary(t) for name, t in watch.times.items()},
        "targets": {
            name: {
                "limit": round(limit, 3),
                "value": figures[name],
                "result": "PASS" if figures[name] <= limit else "FAIL",
            }
            for name, limit in TARGETS.items()
        },
        "size": list(size),
        "scenario": str(file),
        "python": platform.python_version(),
        "pygame": pygame.version.ver,
        "video_driver": driver,
    }


def _resolve(scene: Any, watch: _Stopwatch, intents: Any, *, inspect: bool) -> None:
    """Step frames while the turn resolves and its animation plays to the end.

    With `inspect`, the inspect card is opened halfway through the animation (moving on
    to the next department, hand-off or customer a few times) and closed at the end.
    """
    session = scene.session
    screen = "turn"
    cycles = 0
    for _ in range(FRAME_LIMIT):
        if not session.resolving and not scene.animating:
            break
        if inspect and scene.progress >= 0.5 and cycles < 3 and scene.animating:
            scene.app.send(intents.Cycle(1))
            cycles += 1
            screen = "turn+inspect"
        watch.frame(screen)
    else:
        raise TimeoutError(f"the turn did not finish in {FRAME_LIMIT} frames")
    if scene.inspected:
        scene.app.send(intents.Back())
        watch.frame("play")


def _help(app: Any, watch: _Stopwatch, intents: Any) -> None:
    """The help card over the play screen, then closed again."""
    app.send(intents.Help())
    watch.frames("help", OVERLAY_FRAMES)
    app.send(intents.Back())
    watch.frame("play")


def _debrief(app: Any, scene: Any, watch: _Stopwatch, intents: Any) -> None:
    """The debrief: through the play screen once the game is over, else opened directly
    (as `ripple play --autoplay N --screen debrief` does)."""
    if scene.session.over:
        app.send(intents.Debrief())
    else:
        app.open("debrief", scene.session)
    watch.frames("debrief", OVERLAY_FRAMES)
