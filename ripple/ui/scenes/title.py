"""The title screen: what the game is about, and the way in."""

from __future__ import annotations

from pathlib import Path

import pygame

from ripple.paths import TUTORIAL_SCENARIO
from ripple.play.records import read_records
from ripple.play.saved_games import EDITED, GONE, SaveEntry, autosaves, plural
from ripple.ui import intents
from ripple.ui.app import App
from ripple.ui.scene import Scene, named
from ripple.ui.scenes.choose import NewGame, start_game
from ripple.ui.widgets import Item, ListView, blit


def unfinished_game(saves: list[SaveEntry]) -> SaveEntry | None:
    """The most recently saved game that has turns left to play, if any."""
    return next((entry for entry in saves if not entry.finished), None)


def describe(entry: SaveEntry) -> str:
    """How the title screen names a saved game, and whether its scenario has changed."""
    saved = entry.saved
    note = f"{entry.scenario.stem}: turn {entry.played + 1} of {saved.turns}"
    if saved.teams:
        note += f", teams {', '.join(saved.teams)}"
    if entry.restored:
        note += " (from the save before: the last could not be read)"
    if entry.state == GONE:
        return note + " (its scenario file is gone)"
    if entry.state == EDITED:
        return note + " (the scenario was edited since: it may play differently)"
    return note


def menu_items(saves: list[SaveEntry], played: int, play: NewGame | None = None) -> list[Item]:
    """The title's menu: Continue (when a game is unfinished), Tutorial, Play, Choose, Saved
    games and records (when there are any), Keys, Quit."""
    unfinished = unfinished_game(saves)
    tutorial = TUTORIAL_SCENARIO.exists()
    items = [
        Item("continue", "Continue", describe(unfinished)) if unfinished else None,
        Item(
            "tutorial",
            "Tutorial",
            "a guided first game, one step at a time" if tutorial else "not installed",
            enabled=tutorial,
        ),
        Item("play", "Play", (play or NewGame()).describe()),
        Item(
            "choose",
            "Choose a scenario",
            "every scenario, its difficulty and story, or your own file",
        ),
        Item(
            "saved",
            "Saved games and records",
            f"{plural(len(saves), 'saved game', 'saved games')} · {played} played",
        )
        if saves or played
        else None,
        Item("help", "Keys", "every key (F1 or ? at any time)"),
        Item("quit", "Quit", ""),
    ]
    return [item for item in items if item is not None]


@named("title")
class TitleScene(Scene):
    """Title, tagline and a short menu; Play starts `play` (by default the default scenario,
    else the game the command line named, again)."""

    def __init__(self, app: App, play: NewGame | None = None) -> None:
        super().__init__(app)
        self.play = play or NewGame()
        self.message = ""
        self.menu = ListView([], "title")
        self._fill_menu()

    def _fill_menu(self) -> None:
        """The menu, led by "Continue" when an unfinished game was saved; the highlight
        starts on Continue, else on Play."""
        saves = autosaves()
        self.saved = unfinished_game(saves)
        self.menu = ListView(menu_items(saves, len(read_records()), self.play), "title")
        names = [item.name for item in self.menu.items]
        self.menu.focus = names.index("continue" if self.saved else "play")

    def resume(self) -> None:
        self._fill_menu()
        super().resume()

    def layout(self, size: tuple[int, int]) -> None:
        w, h = size
        theme = self.theme
        width = min(w - 2 * theme.unit, theme.unit * 28)
        top = round(h * 0.38)
        room = h - 3 * theme.unit - top  # below: a line for a message, and the keys
        gap = theme.unit // 3
        count = len(self.menu.items)
        row = min(round(theme.unit * 3.0), (room - (count - 1) * gap) // count)
        area = pygame.Rect((w - width) // 2, top, width, count * row + (count - 1) * gap)
        self.hotspots = self.menu.place(area, row, gap)

    def handle(self, intent: intents.Intent) -> None:
        if isinstance(intent, intents.Back):
            self.app.running = False
            return
        chosen = self.menu.handle(intent)
        if chosen is None:
            return
        if chosen.name == "continue" and self.saved is not None:
            self._start(self.saved.scenario, self.saved)
        elif chosen.name == "tutorial":
            self._start(TUTORIAL_SCENARIO)
        elif chosen.name == "play":
            self.message = next(iter(self.play.start(self.app)), "")
        elif chosen.name == "saved":
            self.app.open("saved")
        elif chosen.name == "choose":
            self.app.open("choose")
        elif chosen.name == "help":
            self.app.send(intents.Help())
        elif chosen.name == "quit":
            self.app.running = False

    def _start(self, scenario: Path, entry: SaveEntry | None = None) -> None:
        """Open the play screen (going on with a saved game, if given)."""
        problems = start_game(
            self.app,
            scenario,
            saved=entry.saved if entry else None,
            autosave_to=entry.path if entry else None,
        )
        self.message = problems[0] if problems else ""

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
