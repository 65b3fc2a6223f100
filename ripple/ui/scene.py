"""Scenes: the screens of the game, kept on a stack by the app.

Lifecycle: `enter()` when pushed, `pause()` when another scene goes on top, `resume()`
when it comes back to the top, `exit()` when popped. Every frame the top scene gets
`handle(intent)` for each intent and `update(dt)`; then visible scenes are drawn bottom up.
`draw()` never changes game state. `hotspots` name the clickable areas, so the mouse and
the test pilot can find them.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, TypeVar

import pygame

from ripple.ui.intents import Intent

if TYPE_CHECKING:
    from ripple.ui.app import App
    from ripple.ui.theme import Theme

S = TypeVar("S", bound="Scene")


SCENES: dict[str, type[Scene]] = {}
"""Every screen and overlay by name: scenes open one another by name through the app
(`App.open`), so no scene module has to import another."""


def named(name: str) -> Callable[[type[S]], type[S]]:
    """Register a scene class under `name` (a class decorator)."""

    def register(cls: type[S]) -> type[S]:
        SCENES[name] = cls
        return cls

    return register


class Scene:
    """Base of every screen and overlay."""

    opaque = True
    """False for overlays: the scenes below stay visible, dimmed and paused."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.hotspots: dict[str, pygame.Rect] = {}
        self.backdrop: pygame.Surface | None = None

    @property
    def theme(self) -> Theme:
        """The app's current theme (it changes when the window is resized)."""
        return self.app.theme

    def enter(self) -> None:
        """Pushed onto the stack."""
        self.layout(self.app.size)

    def exit(self) -> None:
        """Popped off the stack."""

    def pause(self) -> None:
        """Another scene went on top."""

    def resume(self) -> None:
        """Back on top."""
        self.layout(self.app.size)

    def layout(self, size: tuple[int, int]) -> None:
        """Work out where everything goes for a window of `size` (on entry and resize)."""

    def handle(self, intent: Intent) -> None:
        """React to one intent."""

    def update(self, dt: float) -> None:
        """Advance animations by `dt` seconds."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the scene; never changes game state."""

    def background(self) -> list[Future[Any]]:
        """Work this scene started aside from drawing and has not picked up yet (a turn
        resolving, a pack being written): what a test or a script waits for by joining it."""
        return []

    def hit(self, pos: tuple[int, int]) -> str | None:
        """The name of the hotspot at `pos`, if any (the last one registered wins)."""
        found = None
        for name, rect in self.hotspots.items():
            if rect.collidepoint(pos):
                found = name
        return found
