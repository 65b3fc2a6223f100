"""A headless pilot for tests and automation: press keys, click named things, run frames.

The pilot posts real pygame events, so the input adapter is tested too, and advances the
app with a fixed `dt`, so a test is the same on every machine.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from ripple.ui.app import App

DT = 1 / 60


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

    def until(self, done: Callable[[], bool], *, limit: int = 600) -> None:
        """Run frames until `done()` is true (at most `limit` frames)."""
        for _ in range(limit):
            if done():
                return
            self.frames()
        raise TimeoutError(f"not done after {limit} frames")
