"""The debrief: the story of a game, told so a room can see how a hand-off problem reached a
customer. Its pages — charts over turns, the biggest ripples, own numbers against the harm
started, root causes, people and money, and the scenario's questions, then a learner's own
pages or a workshop's teams — switch by the arrow keys, Tab or a click on a tab.

Each page is drawn once onto a cached surface (on entry, resize and page change); a frame
only blits it. A game that is not over yet shows what there is.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pygame

from ripple.engine import Game
from ripple.play.session import Session
from ripple.report.export import default_out, export_pack
from ripple.report.facts import looked_after
from ripple.ui import intents
from ripple.ui.app import App
from ripple.ui.draw.charts import Canvas
from ripple.ui.scene import Scene, named
from ripple.ui.scenes.debrief_charts import draw_charts
from ripple.ui.scenes.debrief_culture import draw_culture
from ripple.ui.scenes.debrief_layout import two_lines
from ripple.ui.scenes.debrief_learner import draw_reflection
from ripple.ui.scenes.debrief_pages import DRAWERS, LEARNER_PAGES, PAGES
from ripple.ui.scenes.debrief_teams import draw_teams
from ripple.ui.scenes.play import PlayScene
from ripple.ui.scenes.whatif import draw_what_if
from ripple.ui.widgets import choice_panel, panel

TAB_SCALE = 0.9
"""The size of a tab's name, when every name fits on one line."""

TWO_LINE_SCALE = 0.8
"""The size tabs are made tall enough for when their names take two lines."""

NOTE_LENGTH = 600
"""The longest note a learner can type on the reflection page."""

_EXPORTS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="export")
"""Writes packs aside from drawing: a pack takes longer than a frame. It never draws: only
the main thread may use pygame's fonts (SDL_ttf is not thread-safe)."""


@named("debrief")
class DebriefScene(Scene):
    """The debrief of a game (finished or not), page by page; the one shown is drawn once
    into `frame`, whose `texts` say where every word went."""

    def __init__(self, app: App, session: Session) -> None:
        super().__init__(app)
        self.session = session
        single = session.mode == "single"
        self.pages = PAGES + (LEARNER_PAGES if single else (("teams", "Teams"),))
        self.team = 0
        """In hot-seat play, the team whose game the other pages tell (Up and Down change it)."""
        self.page = self._index("whatif") if session.first is not None else 0
        self.typing = False
        """True while the learner types their note on the reflection page."""
        self.note = ""
        """What the footer says about the pack being written (X)."""
        self._export: Future[list[Path]] | None = None
        self.frame: Canvas | None = None
        self.content = pygame.Rect(0, 0, 0, 0)
        self.note_box = pygame.Rect(0, 0, 0, 0)

    def _index(self, name: str) -> int:
        return [p for p, _ in self.pages].index(name)

    @property
    def game(self) -> Game:
        """The engine game being told: the chosen team's, in hot-seat play."""
        games = list(self.session.games.values())
        return games[self.team % len(games)]

    @property
    def page_name(self) -> str:
        """The name of the page shown: charts, ripples, numbers, causes, money, questions, or
        a learner's or a workshop's own."""
        return self.pages[self.page][0]

    def layout(self, size: tuple[int, int]) -> None:
        w, h = size
        unit = self.theme.unit
        pad = unit // 2
        self.header = pygame.Rect(0, 0, w, round(unit * 2.6))
        self.footer = pygame.Rect(0, h - round(unit * 1.8), w, round(unit * 1.8))
        back_width = round(unit * 9)
        self.hotspots = {
            "back": pygame.Rect(w - back_width - pad, pad, back_width, self.header.height - pad * 2)
        }
        # Each tab as wide as its name asks, the room left over shared out evenly; when the
        # names do not fit on one line each, the tabs grow tall enough for two.
        room = w - 2 * unit - (len(self.pages) - 1) * pad
        needs = [self.theme.width(label, TAB_SCALE, "bold") + unit for _, label in self.pages]
        tall = round(unit * 2.2)
        if sum(needs) > room:
            needs = [
                two_lines(self.theme, label, "bold", TWO_LINE_SCALE) + unit
                for _, label in self.pages
            ]
            inner = 2 * self.theme.leading(TWO_LINE_SCALE, "bold") + 4 * self.theme.line
            tall = max(tall, inner + unit // 3)
        spare = (room - sum(needs)) / len(needs)
        x = unit
        for (name, _), need in zip(self.pages, needs, strict=True):
            width = max(unit, round(need + spare if spare > 0 else need * room / sum(needs)))
            self.hotspots[f"tab:{name}"] = pygame.Rect(x, self.header.bottom, width, tall)
            x += width + pad
        top = self.header.bottom + tall + pad
        self.content = pygame.Rect(unit, top, w - 2 * unit, self.footer.y - top - pad)
        self._build()

    def _build(self) -> None:
        """Draw the current page onto a fresh cached surface."""
        theme = self.theme
        canvas = Canvas(pygame.Surface(self.app.size), theme)
        canvas.surface.fill(theme.palette.background)
        self._draw_header(canvas)
        self._draw_tabs(canvas)
        self._draw_footer(canvas)
        self.hotspots.pop("note", None)
        if self.page_name == "teams":
            draw_teams(canvas, self.content, self.session)
        elif self.page_name == "whatif":
            words = self.session.scenario.item.many
            draw_what_if(canvas, self.content, self.session.what_if(), words)
        elif self.page_name == "reflection":
            self.note_box = draw_reflection(
                canvas,
                self.content,
                self.game,
                looked_after(self.game),
                self.session.note,
                self.typing,
            )
            self.hotspots["note"] = self.note_box
        elif self.page_name == "culture":
            draw_culture(canvas, self.content, self.game)
        else:
            DRAWERS[self.page_name](canvas, self.content, self.game)
        self.frame = canvas

    # --- input --------------------------------------------------------------------

    def handle(self, intent: intents.Intent) -> None:
        if self.typing:
            self._type(intent)
        elif self.page_name == "reflection" and isinstance(intent, intents.Confirm):
            self.typing = True
            self._build()
        elif isinstance(intent, intents.Back):
            self.app.pop()
        elif isinstance(intent, intents.WhatIf):
            self._what_if()
        elif isinstance(intent, intents.Move) and intent.dx:
            self.show(self.page + intent.dx)
        elif isinstance(intent, intents.Move) and intent.dy and len(self.session.games) > 1:
            self.team = (self.team + intent.dy) % len(self.session.games)
            self._build()
        elif isinstance(intent, intents.Cycle):
            self.show(self.page + intent.step)
        elif isinstance(intent, intents.Click):
            self._click(intent.pos)
        elif isinstance(intent, intents.Export):
            self.export()

    def _type(self, intent: intents.Intent) -> None:
        """The learner's note: typed text goes in, Enter or Esc keeps it (and saves)."""
        note = self.session.note
        if isinstance(intent, intents.Type):
            note = (note + intent.text)[:NOTE_LENGTH]
        elif isinstance(intent, intents.Remove):
            note = note[:-1]
        elif isinstance(intent, (intents.Confirm, intents.Back)) or (
            isinstance(intent, intents.Click) and not self.note_box.collidepoint(intent.pos)
        ):
            self.typing = False
            self.session.save()
        else:
            return
        self.session.note = note
        self._build()

    def _what_if(self) -> None:
        """W: go back to an earlier turn from here; the play screen below takes over."""
        if self.session.mode != "single" or self.session.resolving or self.game.turn == 0:
            self.note = "What if needs a game of one player with a turn played."
            self._build()
            return
        self.app.open("rewind", self.session, self._rewound)

    def _rewound(self, turn: int) -> None:
        self.app.pop()
        play = self.app.top
        if isinstance(play, PlayScene):
            play.rewound(turn)

    def export(self) -> None:
        """Write the pack (charts, CSV, decisions, summary) beside the save: its charts are
        drawn here, on the main thread, from the games on screen (a few milliseconds a
        chart); the rest is worked out, encoded and written in the background."""
        if self._export is not None:
            return
        session = self.session
        base = session.save_to or session.autosave_to
        out = default_out(base) if session.save_to else base.parent.parent / "exports" / base.stem
        saved, scenario = session.saved(), session.scenario
        pictures = draw_charts(session.games)
        self._export = _EXPORTS.submit(export_pack, saved, scenario, out, pictures=pictures)
        self.note = "Writing the pack…"
        self._build()

    def background(self) -> list[Future[Any]]:
        pending = self.session.background()
        return pending if self._export is None else [*pending, self._export]

    def update(self, dt: float) -> None:
        if self._export is None or not self._export.done():
            return
        try:
            files = self._export.result()
            self.note = f"Pack written: {len(files)} files in {files[0].parent}"
        except (OSError, ValueError) as error:
            self.note = f"Could not write the pack: {error}"
        self._export = None
        self._build()

    def _click(self, pos: tuple[int, int]) -> None:
        name = self.hit(pos)
        if name == "back":
            self.app.pop()
        elif name == "note":
            self.typing = True
            self._build()
        elif name and name.startswith("tab:"):
            self.show([p for p, _ in self.pages].index(name.removeprefix("tab:")))

    def show(self, page: int) -> None:
        """Turn to page number `page` (wrapping round), drawing it once."""
        page %= len(self.pages)
        if page != self.page or self.frame is None:
            self.page = page
            self._build()

    # --- drawing ------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        if self.frame is not None:
            surface.blit(self.frame.surface, (0, 0))

    def _draw_header(self, canvas: Canvas) -> None:
        theme = self.theme
        palette = theme.palette
        pygame.draw.rect(canvas.surface, palette.panel, self.header)
        back = self.hotspots["back"]
        panel(canvas.surface, back, palette.raised, edge=palette.edge)
        canvas.text("◀ Esc  back", back.center, scale=0.85, face="bold", anchor="center")
        y = self.header.centery
        room = back.x - 2 * theme.unit
        title = f"Debrief · {self.session.scenario.title}"
        x = canvas.line(
            title, (theme.unit, y), room, scale=1.3, face="bold", anchor="midleft"
        ).right
        game = self.game
        state = f"game over after {game.turns} turns"
        if not self.session.over:
            state = f"{game.turn} of {game.turns} turns played: the story so far"
        if len(self.session.games) > 1:
            team = list(self.session.games)[self.team % len(self.session.games)]
            state = f"team {team} (Up/Down: other teams) · {state}"
        room = back.x - x - 2 * theme.unit
        if room > theme.unit * 4:
            where = (x + theme.unit, y)
            canvas.line(state, where, room, scale=0.85, colour=palette.muted, anchor="midleft")

    def _draw_tabs(self, canvas: Canvas) -> None:
        theme = self.theme
        palette = theme.palette
        for k, (name, label) in enumerate(self.pages):
            rect = self.hotspots[f"tab:{name}"].inflate(0, -theme.unit // 3)
            chosen = k == self.page
            choice_panel(canvas.surface, rect, theme, chosen)
            face = "bold" if chosen else "regular"
            inner = rect.inflate(-theme.unit, -4 * theme.line)
            # shrunk, else wrapped
            laid = canvas.lay(label, inner.width, inner.height, TAB_SCALE, face)
            colour = palette.text if chosen else palette.muted
            canvas.label(laid, rect.center, colour=colour, anchor="center")

    def _draw_footer(self, canvas: Canvas) -> None:
        theme = self.theme
        palette = theme.palette
        pygame.draw.rect(canvas.surface, palette.panel, self.footer)
        y = self.footer.centery
        where = canvas.text(
            f"page {self.page + 1} of {len(self.pages)}",
            (self.footer.right - theme.unit, y),
            scale=0.8,
            colour=palette.muted,
            anchor="midright",
        )
        keys, room = self.note or self._keys(), where.x - 2 * theme.unit
        canvas.line(keys, (theme.unit, y), room, scale=0.8, colour=palette.muted, anchor="midleft")

    def _keys(self) -> str:
        """The footer's reminder of the keys that work on this page."""
        if self.typing:
            return "Type your note  ·  Enter or Esc: keep it  ·  Backspace: delete"
        what_if = "  ·  W: what if" if self.session.mode == "single" else ""
        note = "Enter: write your note  ·  " if self.page_name == "reflection" else ""
        return f"{note}← → or Tab: pages{what_if}  ·  X: write the pack  ·  Esc: back  ·  F1: keys"


# --- pages -------------------------------------------------------------------------
