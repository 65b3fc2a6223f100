"""The title screen: what the game is about, and the way in."""

from __future__ import annotations

from pathlib import Path

import pygame

from ripple.paths import DEFAULT_SCENARIO
from ripple.save import SavedGame, SaveError, read_save
from ripple.scenario.load import scenario_hash
from ripple.ui import intents
from ripple.ui.app import App
from ripple.ui.scene import Scene
from ripple.ui.scenes.choose import ChooseScene, start_game
from ripple.ui.session import data_dir
from ripple.ui.widgets import Item, ListView, blit


def unfinished_game() -> tuple[Path, SavedGame] | None:
    """The most recently autosaved game that has turns left to play, if any."""
    folder = data_dir() / "autosave"
    saves = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for path in saves:
        try:
            saved = read_save(path)
        except SaveError:
            continue
        if played(saved) < saved.turns:
            return path, saved
    return None


def played(saved: SavedGame) -> int:
    """Turns played in a save (the furthest team's, in hot-seat play)."""
    turns = [len(d) for d in saved.team_decisions.values()] or [len(saved.decisions)]
    return max(turns)


def describe(path: Path, saved: SavedGame) -> str:
    """How the title screen names a saved game, and whether its scenario has changed."""
    note = f"{Path(saved.scenario).stem}: turn {played(saved) + 1} of {saved.turns}"
    if saved.teams:
        note += f", teams {', '.join(saved.teams)}"
    scenario = Path(saved.scenario)
    if not scenario.exists():
        return note + " (its scenario file is gone)"
    if saved.scenario_sha256 and scenario_hash(scenario) != saved.scenario_sha256:
        return note + " (the scenario was edited since: it may play differently)"
    return note


class TitleScene(Scene):
    """Title, tagline and a short menu."""

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.message = ""
        self.menu = ListView([], "title")
        self._fill_menu()

    def _fill_menu(self) -> None:
        """The menu, led by "Continue" when an unfinished game was saved."""
        self.saved = unfinished_game()
        items = [
            Item("play", "Play", "The Claims Ripple: the default scenario"),
            Item("choose", "Choose a scenario", "the shipped ones, or your own file"),
            Item("help", "Keys", "every key (F1 or ? at any time)"),
            Item("quit", "Quit", ""),
        ]
        if self.saved is not None:
            path, saved = self.saved
            items.insert(0, Item("continue", "Continue", describe(path, saved)))
        self.menu = ListView(items, "title")

    def resume(self) -> None:
        self._fill_menu()
        super().resume()

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
        if chosen.name == "continue" and self.saved is not None:
            _, saved = self.saved
            problems = start_game(self.app, Path(saved.scenario), saved=saved)
            self.message = problems[0] if problems else ""
        elif chosen.name == "play":
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
        if self.message:
            bottom = max(r.bottom for r in self.menu.rects.values())
            text = theme.fit(self.message, w - 2 * theme.unit, 0.85)
            blit(
                surface,
                theme,
                text,
                (w // 2, bottom + theme.unit),
                scale=0.85,
                colour=palette.warn,
                anchor="midtop",
            )
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
