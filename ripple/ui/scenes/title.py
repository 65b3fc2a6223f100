"""The title screen: what the game is about, and the way in."""

from __future__ import annotations

import pygame

from ripple.paths import DEFAULT_SCENARIO
from ripple.ui import intents
from ripple.ui.scene import Scene
from ripple.ui.scenes.choose import ChooseScene, start_game
from ripple.ui.widgets import Item, ListView, blit


class TitleScene(Scene):
    """Title, tagline and a short menu."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.menu = ListView(
            [
                Item("play", "Play", "The Claims Ripple: the default scenario"),
                Item("choose", "Choose a scenario", "the shipped ones, or your own file"),
                Item("help", "Keys", "every key (F1 or ? at any time)"),
                Item("quit", "Quit", ""),
            ],
            "title",
        )

    def layout(self, size: tuple[int, int]) -> None:
        w, h = size
        theme = self.theme
        width = min(w - 2 * theme.unit, theme.unit * 28)
        row = round(theme.unit * 3.0)
        gap = theme.unit // 2
        count = len(self.menu.items)
        area = pygame.Rect(
            (w - width) // 2, round(h * 0.42), width, count * row + (count - 1) * gap
        )
        self.hotspots = self.menu.place(area, row, gap)

    def handle(self, intent: intents.Intent) -> None:
        if isinstance(intent, intents.Back):
            self.app.running = False
            return
        chosen = self.menu.handle(intent)
        if chosen is None:
            return
        if chosen.name == "play":
            start_game(self.app, DEFAULT_SCENARIO)
        elif chosen.name == "choose":
            self.app.push(ChooseScene(self.app))
        elif chosen.name == "help":
            self.app.send(intents.Help())
        elif chosen.name == "quit":
            self.app.running = False

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        palette = theme.palette
        surface.fill(palette.background)
        w, h = surface.get_size()
        self._ripples(surface)
        blit(
            surface,
            theme,
            "The Ripple Effect",
            (w // 2, round(h * 0.16)),
            scale=3.2,
            face="bold",
            anchor="midtop",
        )
        blit(
            surface,
            theme,
            "Every job is a customer service job.",
            (w // 2, round(h * 0.30)),
            scale=1.4,
            colour=palette.info,
            anchor="midtop",
        )
        self.menu.draw(surface, theme)
        blit(
            surface,
            theme,
            "Arrows and Enter, or the mouse  ·  F1 keys  ·  Esc quits",
            (w // 2, h - theme.unit),
            scale=0.85,
            colour=palette.muted,
            anchor="midbottom",
        )

    def _ripples(self, surface: pygame.Surface) -> None:
        """Concentric rings behind the title: the game's one picture."""
        w, h = surface.get_size()
        centre = (w // 2, round(h * 0.21))
        for ring in range(1, 6):
            radius = round(h * 0.04 * ring)
            shade = tuple(max(0, c - 8 * ring) for c in self.theme.palette.raised)
            pygame.draw.circle(surface, shade, centre, radius, width=max(1, self.theme.line))
