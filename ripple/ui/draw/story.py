"""The turn's story: the whole last turn told part by part, in a panel over the graph (L).

The turn log strip under the graph has room for a few lines; this panel has room for all of
them, each under a plain heading. Its text shrinks to a size still read from the back of a
room; what does not fit then goes on to another page, each sentence kept whole on one page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pygame

from ripple.ui.theme import Theme
from ripple.ui.widgets import blit, panel

HEADINGS = {
    "decisions": "You decided",
    "events": "What happened",
    "customers": "What reached customers, and where it started",
    "voices": "What internal customers said",
    "people": "Who left",
    "found": "Came to light",
    "work": "The work",
}
"""Each part of a turn's log (`ripple.engine.state.SECTIONS`) as the story heads it."""

SCALES = (1.0, 0.95, 0.9, 0.85)
"""The story's text sizes, largest first: the largest at which it fits on one page; else it
pages at the smallest (which still reads from the back of a room)."""

TITLE_SCALE = 1.3
HEADING_SCALE = 1.1
"""A heading's size, relative to the story's text."""
FOOT_SCALE = 0.8


@dataclass(frozen=True)
class StoryView:
    """What the story panel shows: its title, each part's heading and lines in the order
    told, and the page on screen (0: the first)."""

    title: str
    parts: tuple[tuple[str, tuple[str, ...]], ...]
    page: int = 0


@dataclass(frozen=True)
class Block:
    """One thing on a page: a heading, or one sentence of the story wrapped into lines."""

    lines: tuple[str, ...]
    heading: bool


@dataclass(frozen=True)
class Pages:
    """The story laid out: the size its text is drawn at, and its pages."""

    scale: float
    pages: tuple[tuple[Block, ...], ...]


def story_parts(
    sections: Iterable[tuple[str, Iterable[str]]], decided: str = HEADINGS["decisions"]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A turn's log parts under their headings, in the order told, leaving out parts with
    no lines; `decided` heads the decisions (whose decisions they were)."""
    headings = HEADINGS | {"decisions": decided}
    return tuple(
        (headings.get(section, section.capitalize()), tuple(lines))
        for section, lines in sections
        if lines
    )


def regions(theme: Theme, rect: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
    """Where the title, the story itself and the foot (page and keys) go inside `rect`."""
    pad = theme.unit
    inner = rect.inflate(-2 * pad, -pad)
    title = pygame.Rect(inner.x, inner.y, inner.width, theme.leading(TITLE_SCALE, "bold"))
    longest = _foot(8, 10)  # the longest foot there is: room is kept for it
    lines = len(theme.label(longest, inner.width, 10**4, FOOT_SCALE).lines)
    high = lines * theme.leading(FOOT_SCALE)
    foot = pygame.Rect(inner.x, inner.bottom - high, inner.width, high)
    top = title.bottom + pad // 2
    body = pygame.Rect(inner.x, top, inner.width, max(0, foot.y - pad // 2 - top))
    return title, body, foot


def lay_out(theme: Theme, rect: pygame.Rect, view: StoryView) -> Pages:
    """The story in `rect`: on one page at the largest size that fits, else paged at the
    smallest; a heading never ends a page, and a page that goes on with a part heads it
    again ("… (continued)")."""
    _, body, _ = regions(theme, rect)
    for scale in SCALES:
        pages = _paged(theme, body, view.parts, scale)
        if len(pages) == 1:
            break
    return Pages(scale, tuple(pages))


def _paged(
    theme: Theme,
    body: pygame.Rect,
    parts: tuple[tuple[str, tuple[str, ...]], ...],
    scale: float,
) -> list[tuple[Block, ...]]:
    pages: list[tuple[Block, ...]] = []
    page: list[Block] = []
    for heading, lines in parts:
        for k, line in enumerate(lines):
            told = _sentence(theme, line, body.width, scale)
            if page and _height(theme, [*page, told], scale) > body.height:
                pages.append(tuple(page))
                page = []
            if k == 0 or not page:
                said = heading if k == 0 else f"{heading} (continued)"
                head = _heading(theme, said, body.width, scale)
                if page and _height(theme, [*page, head, told], scale) > body.height:
                    pages.append(tuple(page))  # a heading never ends a page
                    page = []
                page.append(head)
            page.append(told)
    if page or not pages:
        pages.append(tuple(page))
    return pages


def _heading(theme: Theme, text: str, width: int, scale: float) -> Block:
    return Block(tuple(theme.wrap(text, width, scale * HEADING_SCALE, "bold")), heading=True)


def _sentence(theme: Theme, text: str, width: int, scale: float) -> Block:
    hang = theme.width("· ", scale)
    first, *more = theme.wrap(text, width - hang, scale)
    return Block(("· " + first, *more), heading=False)


def _gaps(theme: Theme, scale: float) -> tuple[int, int]:
    """The space before a heading (not at the top of a page) and after each sentence."""
    step = theme.leading(scale)
    return step // 2, step // 5


def _height(theme: Theme, blocks: list[Block], scale: float) -> int:
    """How tall `blocks` stand on a page, from its top."""
    before, after = _gaps(theme, scale)
    high = 0
    for k, block in enumerate(blocks):
        if block.heading:
            high += (before if k else 0) + len(block.lines) * theme.leading(
                scale * HEADING_SCALE, "bold"
            )
        else:
            high += len(block.lines) * theme.leading(scale) + after
    return high


def page_count(theme: Theme, rect: pygame.Rect, view: StoryView) -> int:
    """How many pages the story takes in `rect`."""
    return len(lay_out(theme, rect, view).pages)


def _foot(page: int, pages: int) -> str:
    """The foot: which page, and the keys that work here."""
    if pages <= 1:
        return "L, Esc or a click closes"
    where = f"Page {page + 1} of {pages}"
    if page < pages - 1:
        return f"{where}: ▼ or a click for more, ▲ back · L or Esc closes"
    return f"{where}: ▲ back · a click, L or Esc closes"


def draw_story(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, view: StoryView) -> None:
    """The story panel over the graph, on the page the view asks for (the last there is,
    if the window shrank under it)."""
    palette = theme.palette
    panel(surface, rect, palette.panel, edge=palette.focus, width=theme.line * 2)
    title, body, foot = regions(theme, rect)
    laid = lay_out(theme, rect, view)
    index = max(0, min(view.page, len(laid.pages) - 1))
    heading = theme.label(view.title, title.width, title.height, TITLE_SCALE, face="bold")
    blit(surface, theme, heading.lines[0], title.topleft, scale=heading.scale, face="bold")
    _draw_page(surface, theme, body, laid.pages[index], laid.scale)
    said = _foot(index, len(laid.pages))
    words = theme.label(said, foot.width, foot.height, FOOT_SCALE)
    y = foot.y
    for line in words.lines:
        y = blit(surface, theme, line, (foot.x, y), scale=words.scale, colour=palette.muted).bottom


def _draw_page(
    surface: pygame.Surface,
    theme: Theme,
    body: pygame.Rect,
    blocks: tuple[Block, ...],
    scale: float,
) -> None:
    palette = theme.palette
    before, after = _gaps(theme, scale)
    hang = theme.width("· ", scale)
    y = body.y
    for k, block in enumerate(blocks):
        if block.heading:
            y += before if k else 0
            for line in block.lines:
                y = blit(
                    surface,
                    theme,
                    line,
                    (body.x, y),
                    scale=scale * HEADING_SCALE,
                    face="bold",
                    colour=palette.info,
                ).bottom
            continue
        for n, line in enumerate(block.lines):
            x = body.x + (hang if n else 0)
            y = blit(surface, theme, line, (x, y), scale=scale, colour=palette.text).bottom
        y += after
