"""A headless pilot for tests and automation: press keys, click named things, run frames.

The pilot posts real pygame events, so the input adapter is tested too, and advances the
app with a fixed `dt`, so what frames show is the same on every machine. Work done aside
from the frames (a turn resolving, a pack being written) takes wall-clock time, however
many frames run meanwhile: the pilot joins it rather than counting frames.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, wait

import pygame

from ripple.ui.app import App

DT = 1 / 60

SECONDS = 60.0
"""How long a pilot waits for something before it gives up: generous, for a busy machine."""


class Pilot:
    """Drives an App with no screen (SDL's dummy video driver)."""

    def __init__(self, app: App) -> None:
        self.app = app

    def frames(self, count: int = 1, dt: float = DT) -> None:
        """Run `count` frames of `dt` seconds each."""
        for _ in range(count):
            self.app.step(dt)

    def press(self, key: int, *, mod: int = 0, unicode: str = "", frames: int = 1) -> None:
        """Press and release a key, then run frames."""
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod))
        self.frames(frames)

    def click(self, name: str, *, frames: int = 1) -> None:
        """Click the middle of the top scene's hotspot called `name`."""
        top = self.app.top
        assert top is not None, "no scene to click on"
        if name not in top.hotspots:
            raise KeyError(f"no '{name}' on {type(top).__name__}: {sorted(top.hotspots)}")
        self.click_at(top.hotspots[name].center, frames=frames)

    def click_at(self, pos: tuple[int, int], *, frames: int = 1) -> None:
        """Click a window position, then run frames."""
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        self.frames(frames)

    def until(self, done: Callable[[], bool], *, seconds: float = SECONDS) -> None:
        """Run frames until `done()` is true. Between frames, background work is joined
        (so frames never race a thread); give up after `seconds` of wall-clock time."""
        deadline = time.monotonic() + seconds
        while not done():
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"not done after {seconds:g} s")
            pending = self.app.background()
            if pending:
                wait(pending, timeout=left, return_when=FIRST_COMPLETED)
            self.frames()

    def settle(self, *, seconds: float = SECONDS) -> None:
        """Run frames until no background work is left and every result is on screen."""
        self.until(lambda: not self.app.background(), seconds=seconds)
        self.frames()
