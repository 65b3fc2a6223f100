"""Small drawing helpers and the one list widget every menu uses."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import pygame

from ripple.ui import intents
from ripple.ui.theme import FLOOR, Colour, Label, Theme
from ripple.ui.theme import SCALES as SIZES

SNUG = 0.85
"""Rows of a list shrink to this share of their height before the list has to scroll."""

SCALES = (1.1, 0.8)
"""The sizes a list's labels and notes are drawn at, unless it is placed with others."""


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


def outline(
    surface: pygame.Surface, rect: pygame.Rect, colour: Colour, width: int, *, radius: int = 8
) -> None:
    """A highlight drawn round the outside of `rect`, so it never covers what is inside."""
    ring = rect.inflate(2 * width, 2 * width)
    pygame.draw.rect(surface, colour, ring, width=width, border_radius=radius + width)


def choice_panel(
    surface: pygame.Surface,
    rect: pygame.Rect,
    theme: Theme,
    chosen: bool,
    *,
    edge: int | None = None,
) -> None:
    """A panel that stands out when it is the chosen one: raised, with a thick focus edge
    (`edge` pixels wide, if told)."""
    palette = theme.palette
    panel(
        surface,
        rect,
        palette.raised if chosen else palette.panel,
        edge=palette.focus if chosen else palette.edge,
        width=(edge or theme.line * 3) if chosen else theme.line,
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


def draw_label(
    surface: pygame.Surface,
    theme: Theme,
    label: Label,
    pos: tuple[int, int],
    *,
    colour: Colour | None = None,
    anchor: str = "topleft",
) -> pygame.Rect:
    """Draw a laid-out label's lines, the block's `anchor` at `pos`; returns where it went."""
    step = theme.leading(label.scale, label.face)
    images = [theme.text(line, label.scale, colour, label.face) for line in label.lines]
    block = pygame.Rect(0, 0, max((i.get_width() for i in images), default=0), 0)
    block.height = step * (len(images) - 1) + (images[-1].get_height() if images else 0)
    setattr(block, anchor, pos)
    for k, image in enumerate(images):
        surface.blit(image, (block.x, block.y + k * step))
    return block


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


@dataclass(frozen=True)
class _Placing:
    """How a list was last placed, so it can be placed again as its highlight moves."""

    area: pygame.Rect
    row_height: int
    gap: int
    theme: Theme | None
    keep: tuple[int, ...]
    tight: bool
    scales: tuple[float, float]


def _shrunk(
    heights: list[int], row_height: int, gap: int, room: int, span: tuple[int, int]
) -> list[int] | None:
    """`heights` less the fewest pixels each that make them fit `room`, so that a row of one
    line (`row_height` tall) is within `span` (fewest, most pixels); None if they cannot.
    Every row loses as much as the others: a row of two lines keeps its second."""
    if not heights:
        return []
    fewest, most = span
    over = sum(heights) + gap * (len(heights) - 1) - room
    less = max(row_height - most, -(-over // len(heights)))
    if row_height - less < fewest:
        return None
    return [h - less for h in heights]


def _edge(theme: Theme, *, tight: bool) -> int:
    """The width of the highlight's edge round a list's row: thinner on a tight row, so its
    text keeps its size."""
    return theme.line * (2 if tight else 3)


def _tick(theme: Theme, scale: float, width: int) -> pygame.Surface:
    """The tick of a row already chosen: as big as fits `width`, from a little larger than
    its label down to the label's size."""
    for grow in (1.4, 1.3, 1.2, 1.1):
        tick = theme.text("✓", scale * grow, theme.palette.good, "bold")
        if tick.get_width() <= width:
            return tick
    return theme.text("✓", scale, theme.palette.good, "bold")


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
        self.scales = SCALES
        """The sizes of a row's label and note, as placed and drawn."""
        self._placed: _Placing | None = None

    @property
    def current(self) -> Item | None:
        """The highlighted item."""
        return self.items[self.focus] if self.items else None

    def place(
        self,
        area: pygame.Rect,
        row_height: int,
        gap: int,
        theme: Theme | None = None,
        *,
        keep: Sequence[int] = (),
        tight: bool = False,
        scales: tuple[float, float] = SCALES,
    ) -> dict[str, pygame.Rect]:
        """Lay the rows that fit out in `area`; returns their hotspots, named prefix:item.

        Given the `theme`, a row whose label cannot show in full on one line (at `scales`,
        the sizes its label and note are drawn at) gets room for two. Every row in view comes
        first: `keep` asks for room under the rows (for a preview of the highlighted one),
        most wanted first. Rows shrink a little (to SNUG of their height) to leave the first;
        the rows of a `tight` list then shrink further, down to one line of the smallest
        readable text, to leave each of the others, then none. Only a list that does not fit
        even so scrolls, following the highlight, and leaves the first.
        """
        self._placed = _Placing(area, row_height, gap, theme, tuple(keep), tight, scales)
        self.scales = scales
        full = [self._height(theme, item, area.width, row_height) for item in self.items]
        snug = int(row_height * SNUG)
        least = min(snug, self.floor(theme)) if tight and theme is not None else snug
        wanted = list(keep) or [0]
        tries = [(wanted[0], row_height, snug), *((k, snug, least) for k in wanted[1:])]
        for room, most, fewest in [*tries, (0, snug, least)]:
            heights = _shrunk(full, row_height, gap, area.height - room, (fewest, most))
            if heights is not None:
                room = area.height
                break
        else:  # the last resort: a window of snug rows, with room for the mark of more
            heights = [h - (row_height - snug) for h in full]
            room = area.height - wanted[0] - row_height // 2

        def fits(first: int, last: int) -> bool:
            return sum(heights[first : last + 1]) + gap * (last - first) <= room

        self.focus = min(self.focus, max(0, len(self.items) - 1))
        self.first = min(self.first, self.focus)
        while self.first < self.focus and not fits(self.first, self.focus):
            self.first += 1
        last = self.first
        while last + 1 < len(self.items) and fits(self.first, last + 1):
            last += 1
        while self.first > 0 and fits(self.first - 1, last):
            self.first -= 1
        self.rects, y = {}, area.y
        for index in range(self.first, min(len(self.items), last + 1)):
            self.rects[index] = pygame.Rect(area.x, y, area.width, heights[index])
            y += heights[index] + gap
        return self.hotspots

    @staticmethod
    def floor(theme: Theme | None) -> int:
        """The lowest a row of a tight list goes: one line of the smallest readable text
        inside its highlight's edge."""
        if theme is None:
            return 0
        return theme.leading(FLOOR, "bold") + 2 * _edge(theme, tight=True)

    def _height(self, theme: Theme | None, item: Item, width: int, row_height: int) -> int:
        """A row's height: room for a second line when its label needs one (at the sizes
        rows are drawn at, so a label that fits here fits when drawn)."""
        if theme is None:
            return row_height
        scale, note_scale = self.scales
        pad = theme.unit // 2
        width -= 2 * pad + theme.width("▶ ", scale, "bold")
        if item.note and row_height < theme.size(scale) * 2.2:  # the note beside the label
            width -= theme.width(item.note, note_scale) + pad
        if theme.largest(item.label, width, FLOOR, FLOOR, "bold") is not None:
            return row_height
        return row_height + theme.leading(scale, "bold")

    @property
    def hotspots(self) -> dict[str, pygame.Rect]:
        """The shown rows' hotspots, named prefix:item (they follow the highlight)."""
        return {f"{self.prefix}:{self.items[i].name}": rect for i, rect in self.rects.items()}

    @property
    def bottom(self) -> int:
        """The lowest pixel the shown rows reach."""
        return max(
            (r.bottom for r in self.rects.values()),
            default=self._placed.area.y if self._placed else 0,
        )

    def _follow(self) -> None:
        was = self._placed
        if was is not None:
            self.place(
                was.area,
                was.row_height,
                was.gap,
                was.theme,
                keep=was.keep,
                tight=was.tight,
                scales=was.scales,
            )

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

    @staticmethod
    def _beside(theme: Theme, item: Item, rect: pygame.Rect, scale: float) -> bool:
        """True when the item's note goes at the right of its row (a row too low for two)."""
        return bool(item.note) and rect.height < theme.size(scale) * 2.2

    def _row(
        self, theme: Theme, index: int, indent: int, edge: int, scales: tuple[float, float]
    ) -> tuple[str, int, int]:
        """A row's label and the box it has: less the marker, the highlight and the note."""
        item, rect = self.items[index], self.rects[index]
        width = rect.width - indent - theme.unit // 2
        height = rect.height - 2 * edge
        scale, note_scale = scales
        if self._beside(theme, item, rect, scale):
            width -= theme.text(item.note, note_scale).get_width() + theme.unit // 2
        elif item.note:
            height -= theme.leading(note_scale)
        return item.label, width, height

    def draw(
        self,
        surface: pygame.Surface,
        theme: Theme,
        *,
        scale: float | None = None,
        note_scale: float | None = None,
        marked: Collection[str] = (),
    ) -> None:
        """Draw the shown rows; the highlighted one is outlined and marked, not only recoloured.
        The rows of items `marked` (chosen already) carry a tick where the highlight's marker
        goes. Labels and notes are drawn at the sizes the list was placed with, unless told.

        A label shrinks, then wraps, to show in full; every row lays its label out with room
        for the marker and inside the highlight's edge, so moving the highlight changes no
        label's size. On rows too low for the label's size inside the usual edge, the edge is
        thinner and the labels shrink to the height they have.
        """
        palette = theme.palette
        scale = scale or self.scales[0]
        note_scale = note_scale or self.scales[1]
        pad = theme.unit // 2
        lowest = min((r.height for r in self.rects.values()), default=0)
        tight = lowest - 2 * _edge(theme, tight=False) < theme.leading(scale, "bold")
        edge = _edge(theme, tight=tight)  # the highlight's edge: text stays inside it
        marker = theme.width("▶ ", scale, "bold")
        rows = {
            index: self._row(theme, index, pad + marker, edge, (scale, note_scale))
            for index in self.rects
        }
        # every row at the size the longest label needs and the lowest row holds, so the
        # list reads as one
        high = lowest - 2 * edge
        size = min(
            (theme.label(*box, scale, face="bold").scale for box in rows.values()), default=scale
        )
        smaller = [size, *(s for s in reversed(SIZES) if FLOOR <= s < size)]
        size = next((s for s in smaller if theme.leading(s, "bold") <= high), FLOOR)
        for index, rect in self.rects.items():
            item = self.items[index]
            focused = index == self.focus
            choice_panel(surface, rect, theme, focused, edge=edge)
            colour = palette.text if item.enabled else palette.muted
            label = theme.label(*rows[index], size, face="bold")
            ticked = item.name in marked and not focused
            x = rect.x + pad + (marker if focused or ticked else 0)
            beside = self._beside(theme, item, rect, scale)
            if beside:
                note = theme.text(item.note, note_scale, palette.muted)
                surface.blit(note, note.get_rect(midright=(rect.right - pad, rect.centery)))
            # a note below its label: the two lines stand together in the middle of the row
            below = 0 if beside or not item.note else theme.leading(note_scale) + 2
            at = (x, rect.centery - below // 2)
            top = draw_label(surface, theme, label, at, colour=colour, anchor="midleft")
            if focused:
                blit(
                    surface,
                    theme,
                    "▶",
                    (rect.x + pad, top.y),
                    scale=label.scale,
                    colour=colour,
                    face="bold",
                )
            elif ticked:  # as wide as the marker it stands for, by the label's first line
                middle = top.y + theme.leading(label.scale, "bold") // 2
                tick = _tick(theme, label.scale, marker - theme.width(" ", scale, "bold"))
                surface.blit(tick, tick.get_rect(midleft=(rect.x + pad, middle)))
            if item.note and not beside:
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
