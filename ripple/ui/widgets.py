"""Small drawing helpers and the one list widget every menu uses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from ripple.ui import intents
from ripple.ui.theme import Colour, Theme


def panel(
    surface: pygame.Surface,
    rect: pygame.Rect,
    colour: Colour,
    *,
    radius: int = 8,
    edge: Colour | None = None,
    width: int = 1,
) -> None:
    """A filled rounded rectangle, optionally outlined."""
    pygame.draw.rect(surface, colour, rect, border_radius=radius)
    if edge is not None:
        pygame.draw.rect(surface, edge, rect, width=width, border_radius=radius)


def choice_panel(surface: pygame.Surface, rect: pygame.Rect, theme: Theme, chosen: bool) -> None:
    """A panel that stands out when it is the chosen one: raised, with a thick focus edge."""
    palette = theme.palette
    panel(
        surface,
        rect,
        palette.raised if chosen else palette.panel,
        edge=palette.focus if chosen else palette.edge,
        width=theme.line * (3 if chosen else 1),
    )


def blit(
    surface: pygame.Surface,
    theme: Theme,
    text: str,
    pos: tuple[int, int],
    *,
    scale: float = 1.0,
    colour: Colour | None = None,
    face: str = "regular",
    anchor: str = "topleft",
) -> pygame.Rect:
    """Draw text with one of its corners or edges at `pos`; returns where it went."""
    image = theme.text(text, scale, colour, face)
    rect = image.get_rect(**{anchor: pos})
    surface.blit(image, rect)
    return rect


def screen_title(surface: pygame.Surface, theme: Theme, text: str, back: pygame.Rect) -> None:
    """A menu screen's title, centred at the top, and the way back at `back`."""
    w = surface.get_width()
    blit(surface, theme, text, (w // 2, theme.unit), scale=1.8, face="bold", anchor="midtop")
    blit(surface, theme, "◀ Esc", back.topleft, colour=theme.palette.muted)


def footnote(surface: pygame.Surface, theme: Theme, text: str) -> None:
    """A muted line centred at the foot of a screen: the keys that work there."""
    w, h = surface.get_size()
    blit(
        surface,
        theme,
        text,
        (w // 2, h - theme.unit),
        scale=0.85,
        colour=theme.palette.muted,
        anchor="midbottom",
    )


def bar(
    surface: pygame.Surface, rect: pygame.Rect, share: float, colour: Colour, theme: Theme
) -> None:
    """A horizontal bar filled to `share` (0 to 1), outlined so an empty bar still shows."""
    pygame.draw.rect(surface, theme.palette.raised, rect)
    filled = rect.copy()
    filled.width = round(rect.width * max(0.0, min(1.0, share)))
    if filled.width:
        pygame.draw.rect(surface, colour, filled)
    pygame.draw.rect(surface, theme.palette.edge, rect, width=1)


@dataclass
class Item:
    """One entry of a list: its name (for hotspots), its label and an optional note."""

    name: str
    label: str
    note: str = ""
    enabled: bool = True


class ListView:
    """A vertical list with a keyboard highlight; arrows move, Enter or a click chooses.

    When there are more rows than fit, the list shows a window of them that follows the
    highlight.
    """

    def __init__(self, items: Sequence[Item], prefix: str) -> None:
        self.items = list(items)
        self.prefix = prefix
        self.focus = 0
        self.first = 0
        self.rects: dict[int, pygame.Rect] = {}
        self._area: tuple[pygame.Rect, int, int] | None = None

    @property
    def current(self) -> Item | None:
        """The highlighted item."""
        return self.items[self.focus] if self.items else None

    def place(self, area: pygame.Rect, row_height: int, gap: int) -> dict[str, pygame.Rect]:
        """Lay the rows that fit out in `area`; returns their hotspots, named prefix:item."""
        self._area = (area, row_height, gap)
        visible = max(1, (area.height + gap) // (row_height + gap))
        if visible < len(self.items):
            visible = max(1, (area.height - row_height // 2 + gap) // (row_height + gap))
        self.focus = min(self.focus, max(0, len(self.items) - 1))
        self.first = min(max(self.first, self.focus - visible + 1), self.focus)
        self.first = max(0, min(self.first, len(self.items) - visible))
        self.rects = {
            index: pygame.Rect(area.x, area.y + k * (row_height + gap), area.width, row_height)
            for k, index in enumerate(range(self.first, min(len(self.items), self.first + visible)))
        }
        return self.hotspots

    @property
    def hotspots(self) -> dict[str, pygame.Rect]:
        """The shown rows' hotspots, named prefix:item (they follow the highlight)."""
        return {f"{self.prefix}:{self.items[i].name}": rect for i, rect in self.rects.items()}

    @property
    def bottom(self) -> int:
        """The lowest pixel the shown rows reach."""
        return max(
            (r.bottom for r in self.rects.values()), default=self._area[0].y if self._area else 0
        )

    def _follow(self) -> None:
        if self._area is not None:
            self.place(*self._area)

    def handle(self, intent: intents.Intent) -> Item | None:
        """Move the highlight, or return the item chosen by Enter or a click."""
        if not self.items:
            return None
        if isinstance(intent, intents.Move) and intent.dy:
            self.focus = (self.focus + intent.dy) % len(self.items)
            self._follow()
        elif isinstance(intent, intents.Scroll):
            self.focus = max(0, min(len(self.items) - 1, self.focus - intent.dy))
            self._follow()
        elif isinstance(intent, intents.Confirm):
            return self.current if self.current and self.current.enabled else None
        elif isinstance(intent, intents.Click):
            for index, rect in self.rects.items():
                if rect.collidepoint(intent.pos):
                    self.focus = index
                    item = self.items[index]
                    return item if item.enabled else None
        elif isinstance(intent, intents.Hover):
            for index, rect in self.rects.items():
                if rect.collidepoint(intent.pos):
                    self.focus = index
        return None

    def draw(
        self, surface: pygame.Surface, theme: Theme, *, scale: float = 1.1, note_scale: float = 0.8
    ) -> None:
        """Draw the shown rows; the highlighted one is outlined and marked, not only recoloured."""
        palette = theme.palette
        pad = theme.unit // 2
        for index, rect in self.rects.items():
            item = self.items[index]
            focused = index == self.focus
            choice_panel(surface, rect, theme, focused)
            colour = palette.text if item.enabled else palette.muted
            marker = "▶ " if focused else ""
            label = theme.fit(marker + item.label, rect.width - 2 * pad, scale, "bold")
            if item.note and rect.height < theme.size(scale) * 2.2:
                note = theme.text(item.note, note_scale, palette.muted)
                label = theme.fit(
                    marker + item.label, rect.width - 3 * pad - note.get_width(), scale, "bold"
                )
                surface.blit(note, note.get_rect(midright=(rect.right - pad, rect.centery)))
                blit(
                    surface,
                    theme,
                    label,
                    (rect.x + pad, rect.centery),
                    scale=scale,
                    colour=colour,
                    face="bold",
                    anchor="midleft",
                )
                continue
            top = blit(
                surface,
                theme,
                label,
                (rect.x + pad, rect.y + pad // 2),
                scale=scale,
                colour=colour,
                face="bold",
            )
            if item.note:
                note_text = theme.fit(item.note, rect.width - 2 * pad, note_scale)
                blit(
                    surface,
                    theme,
                    note_text,
                    (rect.x + pad, top.bottom + 2),
                    scale=note_scale,
                    colour=palette.muted,
                )
        if self.first > 0:
            first = self.rects[self.first]
            blit(
                surface,
                theme,
                "▲ more",
                (first.right, first.top - 2),
                scale=0.7,
                colour=palette.muted,
                anchor="bottomright",
            )
        last_index = max(self.rects, default=0)
        if last_index < len(self.items) - 1:
            last = self.rects[last_index]
            blit(
                surface,
                theme,
                "▼ more",
                (last.right, last.bottom + 2),
                scale=0.7,
                colour=palette.muted,
                anchor="topright",
            )
