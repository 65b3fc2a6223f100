"""Saved games and records: every autosaved game, ready to go on with, and the record of
games played with the best result per scenario.

A save whose scenario file was edited since says so, and choosing it offers to start the
scenario again: its saved turns may no longer fit. A save whose scenario file is gone says
so and offers nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pygame

from ripple.records import Record, best_by_scenario, played_by_scenario, read_records
from ripple.save import SavedGame
from ripple.saved_games import (
    EDITED,
    GONE,
    SaveEntry,
    autosaves,
    percent,
    plural,
    progress,
    scenario_titles,
    shown_names,
    when,
)
from ripple.ui import intents
from ripple.ui.app import App
from ripple.ui.scene import Scene
from ripple.ui.scenes.choose import start_game
from ripple.ui.scenes.overlay import ConfirmOverlay
from ripple.ui.theme import Colour, Theme
from ripple.ui.widgets import Item, ListView, blit, footnote, panel, screen_title

LAST_GAMES = 8
"""How many of the latest games the record shows."""

MESSAGE_LINES = 2
"""Room under the saved games for why one cannot be opened."""


class SavedGamesScene(Scene):
    """Saved games on the left (choose one to go on); the record of games on the right."""

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.message = ""
        self.list = ListView([], "save")
        self._fill()

    def _fill(self) -> None:
        """Read the saves and the record again (they change while other screens play)."""
        self.now = datetime.now(UTC)
        self.saves = autosaves()
        self.records = read_records()
        self.titles = scenario_titles(self.saves)
        known = {r.scenario: r.title for r in self.records}
        known |= {
            e.saved.scenario: self.titles[e.saved.scenario] for e in self.saves if e.state != GONE
        }
        self.names = self.titles | shown_names(known)
        """What the screen calls each scenario file (a gone, unrecorded one by its name)."""
        focus = self.list.focus
        self.list = ListView(
            [
                Item(e.path.stem, self.names[e.saved.scenario], progress(e, self.now))
                for e in self.saves
            ],
            "save",
        )
        self.list.focus = min(focus, max(0, len(self.saves) - 1))

    def resume(self) -> None:
        self._fill()
        super().resume()

    # --- layout -------------------------------------------------------------------

    def layout(self, size: tuple[int, int]) -> None:
        w, h = size
        theme = self.theme
        unit = theme.unit
        width = min(w - 2 * unit, unit * 64)
        top = unit * 5
        height = h - top - round(unit * 2.5)
        left = round(width * 0.5)
        self.saves_area = pygame.Rect((w - width) // 2, top, left, height)
        self.record_area = pygame.Rect(
            self.saves_area.right + unit, top, width - left - unit, height
        )
        heading = theme.text("Ag", 1.1, face="bold").get_height() + unit // 2
        rows = pygame.Rect(
            self.saves_area.x,
            top + heading,
            self.saves_area.width,
            height - heading - unit - MESSAGE_LINES * theme.text("Ag", 0.85).get_height(),
        )
        self.hotspots = self.list.place(rows, self.row_height(), unit // 2)
        self.hotspots["back"] = pygame.Rect(unit, unit, unit * 6, unit * 2)

    def row_height(self) -> int:
        """Room for a save's title, its progress and a line about its scenario file."""
        theme = self.theme
        label = theme.text("Ag", 1.1, face="bold").get_height()
        note = theme.text("Ag", 0.8).get_height()
        return theme.unit // 4 + label + 2 + 2 * note + theme.unit // 2

    # --- input --------------------------------------------------------------------

    def handle(self, intent: intents.Intent) -> None:
        if isinstance(intent, intents.Back) or (
            isinstance(intent, intents.Click) and self.hit(intent.pos) == "back"
        ):
            self.app.pop()
            return
        chosen = self.list.handle(intent)
        if chosen is not None:
            self.choose(next(e for e in self.saves if e.path.stem == chosen.name))

    def choose(self, entry: SaveEntry) -> None:
        """Go on with a save; offer a fresh start if its scenario was edited since."""
        self.message = ""
        if entry.state == GONE:
            self.message = (
                f"This game cannot go on: its scenario file is gone ({entry.saved.scenario})."
            )
        elif entry.state == EDITED:
            title = self.titles[entry.saved.scenario]
            detail = (
                f'"{title}" was edited after this game was saved, so its turns may no '
                "longer fit. Start a new game of the scenario as it is now? The new game "
                "saves over this one once its first turn is played."
            )
            self.app.push(
                ConfirmOverlay(self.app, "Start again?", detail, lambda: self.start(entry.scenario))
            )
        else:
            self.start(entry.scenario, entry.saved)

    def start(self, scenario: Path, saved: SavedGame | None = None) -> None:
        """Open the play screen on the scenario (going on with `saved`, if given)."""
        problems = start_game(self.app, scenario, saved=saved)
        self.message = problems[0] if problems else ""

    # --- drawing ------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        palette = theme.palette
        surface.fill(palette.background)
        screen_title(surface, theme, "Saved games and records", self.hotspots["back"])
        self._draw_saves(surface)
        self._draw_record(surface)
        footnote(surface, theme, "Arrows and Enter, or the mouse  ·  Esc goes back")

    def _draw_saves(self, surface: pygame.Surface) -> None:
        theme = self.theme
        palette = theme.palette
        area = self.saves_area
        blit(surface, theme, "Saved games", area.topleft, scale=1.1, face="bold")
        if not self.saves:
            text = "None yet: every game is saved as you play, turn by turn."
            y = area.y + theme.unit * 2
            for line in theme.wrap(text, area.width, 0.9):
                y = blit(surface, theme, line, (area.x, y), scale=0.9, colour=palette.muted).bottom
            return
        self.list.draw(surface, theme)
        for index, rect in self.list.rects.items():
            self._draw_state(surface, rect, self.saves[index])
        y = self.list.bottom + theme.unit
        lines = theme.wrap(self.message, area.width, 0.85) if self.message else []
        for line in lines[:MESSAGE_LINES]:
            shown = theme.fit(line, area.width, 0.85)
            y = blit(surface, theme, shown, (area.x, y), scale=0.85, colour=palette.warn).bottom

    def _draw_state(self, surface: pygame.Surface, rect: pygame.Rect, entry: SaveEntry) -> None:
        """The line at the foot of a save's row about its scenario file, when it changed."""
        theme = self.theme
        palette = theme.palette
        if entry.state == EDITED:
            icon, text, colour = "⚠", "scenario edited since: choose to start again", palette.warn
        elif entry.state == GONE:
            icon, text, colour = "✗", "scenario file gone: cannot go on", palette.bad
        else:
            return
        pad = theme.unit // 2
        foot = (rect.x + pad, rect.bottom - theme.unit // 4)
        mark = blit(
            surface,
            theme,
            icon,
            foot,
            scale=0.8,
            colour=colour,
            face="symbols",
            anchor="bottomleft",
        )
        room = rect.right - pad - mark.right - pad // 2
        blit(
            surface,
            theme,
            theme.fit(text, room, 0.8),
            (mark.right + pad // 2, mark.centery),
            scale=0.8,
            colour=colour,
            anchor="midleft",
        )

    def _draw_record(self, surface: pygame.Surface) -> None:
        theme = self.theme
        palette = theme.palette
        area = self.record_area
        panel(surface, area, palette.panel, edge=palette.edge)
        pad = theme.unit
        inner = area.inflate(-2 * pad, -2 * pad)
        heading = blit(surface, theme, "Your record", inner.topleft, scale=1.1, face="bold")
        if not self.records:
            text = (
                "No games finished yet. Each game you finish is noted here, with your best "
                "result for each scenario."
            )
            y = heading.bottom + pad
            for line in theme.wrap(text, inner.width, 0.9):
                y = blit(surface, theme, line, (inner.x, y), scale=0.9, colour=palette.muted).bottom
            return
        count = plural(len(self.records), "game played", "games played")
        if theme.text(count, 0.85).get_width() < inner.right - heading.right - pad:
            blit(
                surface,
                theme,
                count,
                (inner.right, heading.centery),
                scale=0.85,
                colour=palette.muted,
                anchor="midright",
            )
        y = self._draw_best(surface, inner, heading.bottom + pad // 2)
        self._draw_last(surface, pygame.Rect(inner.x, y + pad, inner.width, inner.bottom - y - pad))

    def _draw_best(self, surface: pygame.Surface, inner: pygame.Rect, y: int) -> int:
        """The best game of each scenario, most recently played first; returns the bottom."""
        theme = self.theme
        palette = theme.palette
        y = (
            blit(
                surface, theme, "Best per scenario", (inner.x, y), scale=0.85, colour=palette.info
            ).bottom
            + theme.unit // 4
        )
        best = best_by_scenario(self.records)
        counts = played_by_scenario(self.records)
        shown = list(dict.fromkeys(r.scenario for r in self.records))
        for scenario in shown[:4]:
            record = best[scenario]
            games = theme.text(plural(counts[scenario], "game", "games"), 0.8, palette.muted)
            title = theme.fit(
                self.names[scenario], inner.width - games.get_width() - theme.unit, 0.95, "bold"
            )
            line = blit(surface, theme, title, (inner.x, y), scale=0.95, face="bold")
            surface.blit(games, games.get_rect(midright=(inner.right, line.centery)))
            result = (
                f"best: {percent(record.satisfaction)} satisfaction, "
                f"{percent(record.on_time)} on time · {when(_moment(record), self.now)}"
            )
            y = (
                blit(
                    surface,
                    theme,
                    theme.fit(result, inner.width, 0.85),
                    (inner.x, line.bottom),
                    scale=0.85,
                    colour=palette.muted,
                ).bottom
                + theme.unit // 3
            )
        if len(shown) > 4:
            more = f"and {plural(len(shown) - 4, 'other scenario', 'other scenarios')}"
            y = blit(surface, theme, more, (inner.x, y), scale=0.8, colour=palette.muted).bottom
        return y

    def _draw_last(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The latest games, newest first, as a small table."""
        theme = self.theme
        palette = theme.palette
        records = self.records[:LAST_GAMES]
        dates = [when(_moment(r), self.now) for r in records]
        columns = Columns.of(theme, area, dates)
        y = blit(surface, theme, "Last games", area.topleft, scale=0.85, colour=palette.info).bottom
        y = columns.row(
            surface, y, ("when", "scenario", "satisfaction", "on time"), palette.muted, 0.75
        )
        step = theme.text("Ag", 0.85).get_height() + theme.unit // 4
        for record, date in zip(records, dates, strict=True):
            if y + step > area.bottom:
                break
            name = self.names[record.scenario] + (f" · {record.team}" if record.team else "")
            cells = (date, name, percent(record.satisfaction), percent(record.on_time))
            columns.row(surface, y, cells, palette.text, 0.85, tag="what-if" * record.what_if)
            y += step


@dataclass(frozen=True)
class Columns:
    """Where the record's table puts its four columns: when, scenario and two shares."""

    theme: Theme
    x: tuple[int, int, int, int]
    """Left of the first two columns, right edges of the two shares."""

    @classmethod
    def of(cls, theme: Theme, area: pygame.Rect, dates: Sequence[str]) -> Columns:
        """Columns wide enough for the dates and the headings, the scenario taking the rest."""
        gap = theme.unit
        date = max(theme.text(d, 0.85).get_width() for d in [*dates, "when"])
        share = max(theme.text(h, 0.75).get_width() for h in ("satisfaction", "on time", "100%"))
        return cls(theme, (area.x, area.x + date + gap, area.right - share - gap, area.right))

    def row(
        self,
        surface: pygame.Surface,
        y: int,
        cells: tuple[str, str, str, str],
        colour: Colour,
        scale: float,
        *,
        tag: str = "",
    ) -> int:
        """Draw one row at `y`; a tag (in the info colour) ends the scenario's cell."""
        theme = self.theme
        when_x, name_x, first_right, second_right = self.x
        date, name, first, second = cells
        blit(surface, theme, date, (when_x, y), scale=scale, colour=colour)
        room = first_right - theme.text(first, scale).get_width() - theme.unit - name_x
        bottom = blit(
            surface, theme, first, (first_right, y), scale=scale, colour=colour, anchor="topright"
        ).bottom
        blit(
            surface, theme, second, (second_right, y), scale=scale, colour=colour, anchor="topright"
        )
        mark = theme.text(tag, 0.75, theme.palette.info) if tag else None
        if mark is not None:
            room -= mark.get_width() + theme.unit // 2
        name = theme.fit(name, max(0, room), scale)
        if theme.text(name, scale).get_width() > room:  # a narrow window: no room for it
            return bottom
        shown = blit(surface, theme, name, (name_x, y), scale=scale, colour=colour)
        if mark is not None:
            surface.blit(
                mark, mark.get_rect(midleft=(shown.right + theme.unit // 2, shown.centery))
            )
        return bottom


def _moment(record: Record) -> datetime:
    """When a recorded game ended (the epoch if its date cannot be read)."""
    try:
        moment = datetime.fromisoformat(record.finished)
    except ValueError:
        return datetime.fromtimestamp(0, UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
