"""Saved games and records: every autosaved game, ready to go on with, and the record of
games played with the best result per scenario.

A save whose scenario file was edited since says so, and choosing it offers to start the
scenario again: its saved turns may no longer fit. A save whose scenario file is gone says
so and offers nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pygame

from ripple.play.records import Record, best_by_scenario, played_by_scenario, read_records
from ripple.play.save import SavedGame
from ripple.play.saved_games import (
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
from ripple.ui.scene import Scene, named
from ripple.ui.scenes.choose import start_game
from ripple.ui.theme import SCALES, Colour, Theme
from ripple.ui.widgets import Item, ListView, blit, footnote, panel, screen_title

LAST_GAMES = 8
"""How many of the latest games the record shows."""

MESSAGE_LINES = 2
"""Room under the saved games for why one cannot be opened."""

HEADINGS = ("when", "scenario", "satisfaction", "on time")
"""The record table's column headings."""

HEADING_SCALE = 0.75
"""The size of the table's headings."""

SHRINK = (0.85, 0.8, 0.75)
"""The sizes small text tries, largest first, before it wraps (0.75 still reads from the back of
a room); the table's cells try them before the games go on lines of their own."""


@named("saved")
class SavedGamesScene(Scene):
    """Saved games on the left (choose one to go on); the record of games on the right."""

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.message = ""
        self.list = ListView([], "save")
        self._record: tuple[object, Sheet] | None = None
        """The record panel's text, laid out for the window, the record and the time."""
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
        self._record = None  # laid out again for the new window
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
            self.app.open(
                "confirm",
                "Start again?",
                detail,
                lambda: self.start(entry.scenario, into=entry.path),
            )
        else:
            self.start(entry.scenario, entry.saved, into=entry.path)

    def start(self, scenario: Path, saved: SavedGame | None = None, *, into: Path) -> None:
        """Open the play screen on the scenario (going on with `saved`, if given), saving
        into the autosave `into`."""
        problems = start_game(self.app, scenario, saved=saved, autosave_to=into)
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
        scale, lines = self._message_lines(area.width)
        for line in lines:
            y = blit(surface, theme, line, (area.x, y), scale=scale, colour=palette.warn).bottom

    def _message_lines(self, room: int) -> tuple[float, list[str]]:
        """Why a save cannot be opened, on at most MESSAGE_LINES lines: shrunk, then wrapped,
        and only as a last resort cut, with an ellipsis, at the smallest size."""
        theme = self.theme
        lines: list[str] = []
        for scale in SHRINK:
            lines = wrapped(theme, self.message, room, scale) if self.message else []
            if len(lines) <= MESSAGE_LINES:
                return scale, lines
        keep = lines[: MESSAGE_LINES - 1]
        rest = " ".join(lines[MESSAGE_LINES - 1 :]) + "…"
        return scale, [*keep, theme.fit(rest, room, scale)]

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
        scale = largest(theme, text, room, 0.8, 0.75) or 0.75  # the row has one line for it
        blit(
            surface,
            theme,
            theme.fit(text, room, scale),
            (mark.right + pad // 2, mark.centery),
            scale=scale,
            colour=colour,
            anchor="midleft",
        )

    def _draw_record(self, surface: pygame.Surface) -> None:
        theme = self.theme
        panel(surface, self.record_area, theme.palette.panel, edge=theme.palette.edge)
        key = (id(theme), tuple(self.record_area), self.now, id(self.records))
        if self._record is None or self._record[0] != key:
            self._record = (key, self._lay_record())
        self._record[1].draw(surface)

    def _lay_record(self) -> Sheet:
        """The record panel's text: the count, the best per scenario, then the last games."""
        theme = self.theme
        palette = theme.palette
        pad = theme.unit
        inner = self.record_area.inflate(-2 * pad, -2 * pad)
        sheet = Sheet(theme)
        heading = sheet.put("Your record", inner.topleft, 1.1, palette.text, "bold")
        if not self.records:
            text = (
                "No games finished yet. Each game you finish is noted here, with your best "
                "result for each scenario."
            )
            lines = wrapped(theme, text, inner.width, 0.9)
            sheet.lines(lines, (inner.x, heading.bottom + pad), 0.9, palette.muted)
            return sheet
        count = plural(len(self.records), "game played", "games played")
        y = heading.bottom
        if width(theme, count, 0.85) <= inner.right - heading.right - pad:
            sheet.put(count, (inner.right, heading.centery), 0.85, palette.muted, anchor="midright")
        else:  # a narrow panel: the count goes under the heading rather than over it
            lines = wrapped(theme, count, inner.width, 0.85)
            y = sheet.lines(lines, (inner.x, y), 0.85, palette.muted)
        # the last games need room for their heading, the columns' and one game's line
        reserve = pad + step(theme, 0.85) + step(theme, HEADING_SCALE) + 2 * step(theme, 0.85)
        y = self._lay_best(sheet, inner, y + pad // 2, inner.bottom - reserve)
        self._lay_last(sheet, pygame.Rect(inner.x, y + pad, inner.width, inner.bottom - y - pad))
        return sheet

    def _lay_best(self, sheet: Sheet, inner: pygame.Rect, y: int, bottom: int) -> int:
        """The best game of each scenario, most recently played first (at most four): the
        first if it fits above `bottom`, the others if they also leave the last games two
        fifths of the panel; returns the bottom of what was laid out."""
        theme = self.theme
        palette = theme.palette
        y = sheet.put("Best per scenario", (inner.x, y), 0.85, palette.info).bottom
        y += theme.unit // 4
        best = best_by_scenario(self.records)
        counts = played_by_scenario(self.records)
        scenarios = list(dict.fromkeys(r.scenario for r in self.records))
        more = step(theme, 0.8)
        fair = min(bottom, y + (inner.bottom - y) * 3 // 5)
        shown = 0
        for scenario in scenarios[:4]:
            entry = self._lay_scenario(best[scenario], counts[scenario], inner, y)
            left = len(scenarios) - shown - 1
            if entry.bottom + (more if left else 0) > (fair if shown else bottom):
                break
            sheet.texts.extend(entry.texts)
            y = entry.bottom + theme.unit // 3
            shown += 1
        left = len(scenarios) - shown
        if left:  # say what is not shown rather than leave it out
            named = plural(left, "other scenario", "other scenarios")
            lines = wrapped(theme, f"and {named}" if shown else named, inner.width, 0.8)
            y = sheet.lines(lines, (inner.x, y), 0.8, palette.muted)
        return y

    def _lay_scenario(self, record: Record, games: int, inner: pygame.Rect, y: int) -> Sheet:
        """One scenario's best game: its name, with how many games were played of it at the
        right of its first line, then the result; shrunk, then wrapped, to show in full."""
        theme = self.theme
        palette = theme.palette
        sheet = Sheet(theme)
        played = plural(games, "game", "games")
        result = [
            f"best: {percent(record.satisfaction)} satisfaction",
            f"{percent(record.on_time)} on time",
            when(_moment(record), self.now),
        ]
        name = self.names[record.scenario]
        room = inner.width - width(theme, played, 0.8) - theme.unit
        scale = largest(theme, name, room, 0.95, 0.85, "bold")
        if scale is not None:
            lines = [name]
        else:  # the name flows round the count, then takes the whole width
            scale = 0.95
            lines = flowed(theme, name, room, inner.width, scale, "bold")
        beside = width(theme, lines[0], scale, "bold") <= room
        if not beside:  # too narrow to share a line with the name: the count leads the result
            lines = wrapped(theme, name, inner.width, scale, "bold")
            result.insert(0, played)
        top = sheet.lines(lines, (inner.x, y), scale, palette.text, "bold")
        if beside:
            middle = y + step(theme, scale, "bold") // 2
            sheet.put(played, (inner.right, middle), 0.8, palette.muted, anchor="midright")
        sheet.lines(phrased(theme, result, inner.width, 0.85), (inner.x, top), 0.85, palette.muted)
        return sheet

    def _lay_last(self, sheet: Sheet, area: pygame.Rect) -> None:
        """The latest games, newest first: a table when its columns fit, else each game on
        lines of its own; as many as fit in `area`, with a note of how many more there are."""
        theme = self.theme
        palette = theme.palette
        records = self.records[:LAST_GAMES]
        rows = [
            (
                when(_moment(r), self.now),
                self.names[r.scenario] + (f" · {r.team}" if r.team else ""),
                percent(r.satisfaction),
                percent(r.on_time),
            )
            for r in records
        ]
        y = sheet.put("Last games", area.topleft, 0.85, palette.info).bottom
        columns = Columns.of(theme, area, rows)
        if columns is not None:
            y = columns.row(sheet, HEADINGS, y, palette.muted, HEADING_SCALE)
        gap = theme.unit // 4
        shown = 0
        for record, cells in zip(records, rows, strict=True):
            game = Sheet(theme)
            tag = "what-if" * record.what_if
            if columns is not None:
                bottom = columns.row(game, cells, y, palette.text, columns.scale, tag=tag)
            else:
                bottom = self._lay_game(game, cells, area, y, tag)
            left = len(self.records) - shown - 1
            if bottom + (step(theme, 0.8) if left else 0) > area.bottom:
                break
            sheet.texts.extend(game.texts)
            y = bottom + gap
            shown += 1
        left = len(self.records) - shown
        if left:  # the count at the top says how many in all; this says how many are not here
            note = (
                f"and {plural(left, 'earlier game', 'earlier games')}"
                if shown
                else f"{plural(left, 'game', 'games')}: no room to list them here"
            )
            sheet.lines(wrapped(theme, note, area.width, 0.8), (area.x, y), 0.8, palette.muted)

    def _lay_game(
        self, sheet: Sheet, cells: tuple[str, str, str, str], area: pygame.Rect, y: int, tag: str
    ) -> int:
        """One game where the table's columns do not fit: the scenario (and team), then when
        and the shares, each wrapped to the panel's width; returns the bottom."""
        theme = self.theme
        palette = theme.palette
        date, name, first, second = cells
        y = _name_cell(sheet, name, tag, pygame.Rect(area.x, y, area.width, 0), 0.85)
        detail = phrased(
            theme, (date, f"{first} satisfaction", f"{second} on time"), area.width, 0.8
        )
        return sheet.lines(detail, (area.x, y), 0.8, palette.muted)


@dataclass(frozen=True)
class Text:
    """A piece of text laid out for drawing: what, where, how big and in which colour."""

    text: str
    pos: tuple[int, int]
    scale: float
    colour: Colour
    face: str = "regular"
    anchor: str = "topleft"


@dataclass
class Sheet:
    """Text laid out once (per window and record) and drawn every frame."""

    theme: Theme
    texts: list[Text] = field(default_factory=list)

    @property
    def bottom(self) -> int:
        """The lowest pixel any of the text reaches."""
        return max((self.rect(t).bottom for t in self.texts), default=0)

    def rect(self, text: Text) -> pygame.Rect:
        """Where a laid-out text goes."""
        image = self.theme.text(text.text, text.scale, text.colour, text.face)
        return image.get_rect(**{text.anchor: text.pos})

    def put(
        self,
        text: str,
        pos: tuple[int, int],
        scale: float,
        colour: Colour,
        face: str = "regular",
        *,
        anchor: str = "topleft",
    ) -> pygame.Rect:
        """Lay out one line of text; returns where it goes."""
        laid = Text(text, pos, scale, colour, face, anchor)
        self.texts.append(laid)
        return self.rect(laid)

    def lines(
        self,
        lines: Sequence[str],
        topleft: tuple[int, int],
        scale: float,
        colour: Colour | None = None,
        face: str = "regular",
    ) -> int:
        """Lay out lines one under another from `topleft`; returns their bottom."""
        x, y = topleft
        colour = colour or self.theme.palette.text
        for line in lines:
            y = self.put(line, (x, y), scale, colour, face).bottom
        return y

    def draw(self, surface: pygame.Surface) -> None:
        """Draw every laid-out text."""
        for t in self.texts:
            blit(
                surface,
                self.theme,
                t.text,
                t.pos,
                scale=t.scale,
                colour=t.colour,
                face=t.face,
                anchor=t.anchor,
            )


@dataclass(frozen=True)
class Columns:
    """Where the record's table puts its four columns: when, scenario and two shares."""

    scale: float
    """The size of the cells (the headings are HEADING_SCALE)."""
    x: tuple[int, int, int, int]
    """Left of the first two columns, right edges of the two shares."""
    room: int
    """The scenario's width: its cell wraps within it."""

    @classmethod
    def of(
        cls, theme: Theme, area: pygame.Rect, rows: Sequence[tuple[str, str, str, str]]
    ) -> Columns | None:
        """Columns as wide as their widest cell or heading, each measured at the size it is
        drawn at, the cells at the largest size that leaves the scenario a third of the width;
        None when even the smallest leaves less (a narrow panel with large text)."""
        gap = theme.unit
        for scale in SHRINK:
            date, first, second = (
                max(
                    width(theme, HEADINGS[k], HEADING_SCALE),
                    *(width(theme, row[k], scale) for row in rows),
                )
                for k in (0, 2, 3)
            )
            room = area.width - date - first - second - 3 * gap
            if room >= max(area.width // 3, width(theme, HEADINGS[1], HEADING_SCALE)):
                x = (area.x, area.x + date + gap, area.right - second - gap, area.right)
                return cls(scale, x, room)
        return None

    def row(
        self,
        sheet: Sheet,
        cells: tuple[str, str, str, str],
        y: int,
        colour: Colour,
        scale: float,
        *,
        tag: str = "",
    ) -> int:
        """Lay out one row at `y`, the scenario's cell wrapped within its column and ended by
        the tag (in the info colour); returns the row's bottom."""
        when_x, name_x, first_right, second_right = self.x
        date, name, first, second = cells
        bottom = sheet.put(date, (when_x, y), scale, colour).bottom
        for share, right in ((first, first_right), (second, second_right)):
            rect = sheet.put(share, (right, y), scale, colour, anchor="topright")
            bottom = max(bottom, rect.bottom)
        cell = pygame.Rect(name_x, y, self.room, 0)
        return max(bottom, _name_cell(sheet, name, tag, cell, scale, colour))


def _name_cell(
    sheet: Sheet,
    name: str,
    tag: str,
    cell: pygame.Rect,
    scale: float,
    colour: Colour | None = None,
) -> int:
    """A scenario's name wrapped within `cell`'s width from its top, then the tag beside the
    last line if it fits there, else under it; returns the bottom."""
    theme = sheet.theme
    lines = wrapped(theme, name, cell.width, scale)
    bottom = sheet.lines(lines, cell.topleft, scale, colour)
    if not tag:
        return bottom
    gap = theme.unit // 2
    last = theme.text(lines[-1], scale).get_rect(bottomleft=(cell.x, bottom))
    if last.width + gap + width(theme, tag, 0.75) <= cell.width:
        at, anchor = (last.right + gap, last.centery), "midleft"
    else:
        at, anchor = (cell.x, bottom), "topleft"
    return max(bottom, sheet.put(tag, at, 0.75, theme.palette.info, anchor=anchor).bottom)


def width(theme: Theme, text: str, scale: float, face: str = "regular") -> int:
    """How wide `text` is drawn at `scale`."""
    return theme.font(theme.size(scale), face).size(text)[0]


def step(theme: Theme, scale: float, face: str = "regular") -> int:
    """How tall a line of text at `scale` is."""
    return theme.font(theme.size(scale), face).get_height()


def largest(
    theme: Theme, text: str, room: int, scale: float, floor: float, face: str = "regular"
) -> float | None:
    """The largest size from `scale` down to `floor` at which `text` fits `room` on one line
    (None if none does)."""
    for size in (scale, *(s for s in reversed(SCALES) if floor <= s < scale)):
        if width(theme, text, size, face) <= room:
            return size
    return None


def wrapped(theme: Theme, text: str, room: int, scale: float, face: str = "regular") -> list[str]:
    """`text` on lines no wider than `room`; a word too long for a line (a file's name) is
    broken where it must be, after a hyphen, dot or slash where it can: nothing is cut."""
    lines: list[str] = []
    for line in theme.wrap(text, room, scale, face):
        while len(line) > 1 and width(theme, line, scale, face) > room:
            cut = len(line) - 1
            while cut > 1 and width(theme, line[:cut], scale, face) > room:
                cut -= 1
            mark = max(line.rfind(c, 0, cut) for c in "-_./") + 1
            cut = mark if mark > cut // 2 else cut
            lines.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        lines.append(line)
    return lines


def flowed(
    theme: Theme, text: str, first: int, room: int, scale: float, face: str = "regular"
) -> list[str]:
    """`text` wrapped with its first line `first` wide (beside a note) and the rest `room`."""
    text = " ".join(text.split())
    head = wrapped(theme, text, first, scale, face)[0]
    rest = text[len(head) :].strip()  # every wrapped line is a prefix of what is left
    return [head, *wrapped(theme, rest, room, scale, face)] if rest else [head]


def phrased(theme: Theme, phrases: Sequence[str], room: int, scale: float) -> list[str]:
    """Phrases joined by ' · ', a line broken between phrases rather than inside one, so
    '0% on time' stays together; a phrase too long for a line of its own is wrapped."""
    lines: list[str] = []
    line = ""
    for phrase in phrases:
        trial = f"{line} · {phrase}" if line else phrase
        if width(theme, trial, scale) <= room:
            line = trial
            continue
        if line:
            lines.append(line)
        *whole, line = wrapped(theme, phrase, room, scale)
        lines.extend(whole)
    return [*lines, line]


def _moment(record: Record) -> datetime:
    """When a recorded game ended (the epoch if its date cannot be read)."""
    try:
        moment = datetime.fromisoformat(record.finished)
    except ValueError:
        return datetime.fromtimestamp(0, UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
