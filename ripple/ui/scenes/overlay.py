"""Overlays drawn over the dimmed screen below: the keys, an are-you-sure question, the
facilitator's events, and the problems of a scenario file saved while playing."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from ripple.play.session import Session
from ripple.ui import intents
from ripple.ui.app import App
from ripple.ui.input import KEY_HELP
from ripple.ui.scene import Scene, named
from ripple.ui.theme import Theme
from ripple.ui.widgets import Item, ListView, blit, panel


def card(size: tuple[int, int], width: float, height: float) -> pygame.Rect:
    """A centred rectangle of the given share of the window."""
    w, h = size
    rect = pygame.Rect(0, 0, round(w * width), round(h * height))
    rect.center = (w // 2, h // 2)
    return rect


def frame(
    surface: pygame.Surface,
    rect: pygame.Rect,
    theme: Theme,
    title: str,
    foot: str = "",
    *,
    warn: bool = False,
) -> int:
    """Draw a card with its title (and a muted line at its foot); returns where text may start."""
    palette = theme.palette
    edge = palette.warn if warn else palette.focus
    panel(surface, rect, palette.panel, edge=edge, width=theme.line * 2)
    pad = theme.unit
    top = blit(
        surface,
        theme,
        theme.fit(title, rect.width - 2 * pad, 1.4, "bold"),
        (rect.x + pad, rect.y + pad // 2),
        scale=1.4,
        face="bold",
        colour=palette.warn if warn else None,
    )
    if foot:
        blit(
            surface,
            theme,
            theme.fit(foot, rect.width - 2 * pad, 0.85),
            (rect.x + pad, rect.bottom - pad // 2),
            scale=0.85,
            colour=palette.muted,
            anchor="bottomleft",
        )
    return top.bottom + pad // 2


HELP_SCALES = (1.0, 0.95, 0.9, 0.85, 0.8, 0.75)
"""The key card's text sizes, largest first: one column at the largest size that fits, else
two columns, before any meaning has to be cut."""

KeyRow = tuple[str, tuple[str, ...]]
"""A key as the card names it, and what it does wrapped into lines."""


@named("help")
class HelpOverlay(Scene):
    """Every key, from the same table the input adapter uses."""

    opaque = False
    is_help = True

    def layout(self, size: tuple[int, int]) -> None:
        theme = self.theme
        pad = theme.unit
        self.card = card(size, 0.8, 0.9)
        self.hotspots = {"close": self.card}
        top = self.card.y + pad // 2 + theme.leading(1.4, "bold") + pad // 2  # under the title
        foot = theme.leading(0.85) + pad // 2 + pad // 3
        self.keys = pygame.Rect(
            self.card.x + pad, top, self.card.width - 2 * pad, self.card.bottom - foot - top
        )
        """Where the keys go: under the card's title, over its foot."""

    def handle(self, intent: intents.Intent) -> None:
        if isinstance(intent, (intents.Back, intents.Confirm, intents.Help, intents.Click)):
            self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        pad = theme.unit
        foot = "Everything works by mouse too. Esc or a click closes this card."
        frame(surface, self.card, theme, "Keys", foot)
        area = self.keys
        scale, columns = key_columns(theme, area)
        width = (area.width - pad * (len(columns) - 1)) // len(columns)
        for k, rows in enumerate(columns):
            x = area.x + k * (width + pad)
            key_width = _key_width(theme, width, scale)
            y = area.y
            for key, lines in rows:
                colour = theme.palette.focus
                blit(surface, theme, key, (x, y), scale=scale, face="bold", colour=colour)
                for line in lines:
                    y = blit(surface, theme, line, (x + key_width, y), scale=scale).bottom
                y += _gap(theme, scale)


def key_columns(theme: Theme, area: pygame.Rect) -> tuple[float, list[list[KeyRow]]]:
    """The keys laid out in `area`: in one column at the largest size at which they all fit,
    else in two; at the smallest size in two columns, what does not fit is cut."""
    pad = theme.unit
    for count in (1, 2):
        width = (area.width - pad * (count - 1)) // count
        for scale in HELP_SCALES:
            rows = _key_rows(theme, width, scale)
            size = -(-len(rows) // count)
            columns = [rows[k * size : (k + 1) * size] for k in range(count)]
            if all(_rows_height(theme, c, scale) <= area.height for c in columns):
                return scale, columns
    return scale, [_cut(theme, c, scale, area.height) for c in columns]


def _key_width(theme: Theme, width: int, scale: float) -> int:
    """How wide the keys' column is: the widest key, and never cut."""
    widest = max(theme.width(key, scale, "bold") for key, _ in KEY_HELP)
    return max(round(width * 0.27), widest + theme.unit)


def _key_rows(theme: Theme, width: int, scale: float) -> list[KeyRow]:
    room = width - _key_width(theme, width, scale)
    return [(key, tuple(theme.wrap(meaning, room, scale))) for key, meaning in KEY_HELP]


def _gap(theme: Theme, scale: float) -> int:
    return theme.leading(scale) // 6


def _rows_height(theme: Theme, rows: list[KeyRow], scale: float) -> int:
    return sum(len(lines) * theme.leading(scale) + _gap(theme, scale) for _, lines in rows)


def _cut(theme: Theme, rows: list[KeyRow], scale: float, height: int) -> list[KeyRow]:
    """As many rows as fit `height` (a last resort, on a window too small for the card)."""
    kept: list[KeyRow] = []
    for row in rows:
        if _rows_height(theme, [*kept, row], scale) > height:
            break
        kept.append(row)
    return kept


@named("confirm")
class ConfirmOverlay(Scene):
    """A yes-or-no question; `on_yes` runs after the overlay closes."""

    opaque = False

    def __init__(self, app: App, question: str, detail: str, on_yes: Callable[[], None]) -> None:
        super().__init__(app)
        self.question = question
        self.detail = detail
        self.on_yes = on_yes
        self.choices = ListView([Item("no", "No, stay"), Item("yes", "Yes")], "confirm")

    def layout(self, size: tuple[int, int]) -> None:
        theme = self.theme
        self.card = card(size, 0.6, 0.42)
        pad = theme.unit
        row = round(theme.unit * 2.2)
        gap = pad // 2
        height = 2 * row + gap
        area = pygame.Rect(
            self.card.x + pad, self.card.bottom - pad - height, self.card.width - 2 * pad, height
        )
        self.hotspots = self.choices.place(area, row, pad // 2)

    def handle(self, intent: intents.Intent) -> None:
        if isinstance(intent, intents.Back):
            self.app.pop()
            return
        chosen = self.choices.handle(intent)
        if chosen is not None:
            self.app.pop()
            if chosen.name == "yes":
                self.on_yes()

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        pad = theme.unit
        y = frame(surface, self.card, theme, self.question)
        for line in theme.wrap(self.detail, self.card.width - 2 * pad):
            y = blit(
                surface, theme, line, (self.card.x + pad, y), colour=theme.palette.muted
            ).bottom
        self.choices.draw(surface, theme)


@named("event")
class EventOverlay(Scene):
    """The facilitator sets off one of the scenario's events (I)."""

    opaque = False

    def __init__(self, app: App, session: Session) -> None:
        super().__init__(app)
        self.session = session
        self.events = ListView(
            [
                Item(e.id, e.name, e.message or e.description or f"on {e.target}")
                for e in session.scenario.events
            ],
            "event",
        )

    def layout(self, size: tuple[int, int]) -> None:
        theme = self.theme
        self.card = card(size, 0.7, 0.75)
        pad = theme.unit
        area = pygame.Rect(
            self.card.x + pad,
            self.card.y + round(pad * 3.2),
            self.card.width - 2 * pad,
            self.card.height - round(pad * 4.5),
        )
        self.hotspots = self.events.place(area, round(theme.unit * 3), pad // 2)

    def handle(self, intent: intents.Intent) -> None:
        if isinstance(intent, (intents.Back, intents.Inject)):
            self.app.pop()
            return
        chosen = self.events.handle(intent)
        if chosen is not None:
            self.session.inject(chosen.name)
            self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        foot = "It hits every team on the same turn. Esc: cancel."
        frame(surface, self.card, self.theme, "Set off an event", foot)
        self.events.draw(surface, self.theme)


@named("problems")
class ProblemsOverlay(Scene):
    """Why a saved scenario file could not be loaded: every problem, at its line."""

    opaque = False

    def __init__(self, app: App, problems: list[str]) -> None:
        super().__init__(app)
        self.problems = problems

    def layout(self, size: tuple[int, int]) -> None:
        self.card = card(size, 0.8, 0.7)
        self.hotspots = {"close": self.card}

    def handle(self, intent: intents.Intent) -> None:
        if isinstance(intent, (intents.Back, intents.Confirm, intents.Click)):
            self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        pad = theme.unit
        foot = "Fix the file and save it: the game reloads. Esc hides this card."
        y = frame(surface, self.card, theme, "The scenario file has errors", foot, warn=True)
        bottom = self.card.bottom - round(pad * 2)
        for problem in self.problems:
            for line in theme.wrap(problem, self.card.width - 2 * pad, 0.85):
                if y + theme.size(0.85) > bottom:
                    break
                y = blit(surface, theme, line, (self.card.x + pad, y), scale=0.85).bottom + 2
