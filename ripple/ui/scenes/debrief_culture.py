"""The debrief's culture read-out for a self-paced learner: a ladder of three levels of
service culture beside the spending that put the learner on a step."""

from __future__ import annotations

import pygame

from ripple.engine import Game
from ripple.report.culture import LEVELS, PLACES, SPREAD, Culture, culture
from ripple.ui.draw.charts import Canvas, fill
from ripple.ui.draw.text_blocks import SMALLEST, facts_that_fit, paragraph
from ripple.ui.widgets import choice_panel

SHARES: dict[str, tuple[str, str]] = {
    "hand-offs": ("good", "stripes"),
    "departments": ("info", "dots"),
    "front line": ("warn", "plain"),
}
"""Each share of the budget's palette colour and fill pattern (told apart without colour)."""


def draw_culture(canvas: Canvas, area: pygame.Rect, game: Game) -> None:
    """The three levels as a ladder (three stacked steps, the learner's level highlighted and
    marked 'You played here'), each with its meaning, and the evidence listed beside/below."""
    theme = canvas.theme
    read = culture(game)
    title = f"Your culture read-out: level {read.level} of {len(LEVELS)}, {read.name}"
    top = canvas.line(title, area.topleft, area.width, scale=1.2, face="bold").bottom
    top += theme.unit // 2
    ladder = pygame.Rect(area.x, top, round(area.width * 0.56), area.bottom - top)
    side = pygame.Rect(ladder.right + theme.unit, top, 0, ladder.height)
    side.width = area.right - side.x
    _ladder(canvas, ladder, read.level)
    _spending(canvas, side, read)


def _ladder(canvas: Canvas, area: pygame.Rect, level: int) -> None:
    """Three steps climbing to the right, the top one level 3; the learner's step stands out."""
    theme = canvas.theme
    gap = theme.unit // 2
    shift = theme.unit * 2
    height = (area.height - (len(LEVELS) - 1) * gap) // len(LEVELS)
    width = area.width - shift * (len(LEVELS) - 1)
    for number, (name, meaning) in enumerate(LEVELS, start=1):
        y = area.bottom - number * height - (number - 1) * gap
        step = pygame.Rect(area.x + (number - 1) * shift, y, width, height)
        _step(canvas, step, number, name, meaning, number == level)


def _step(
    canvas: Canvas, rect: pygame.Rect, number: int, name: str, meaning: str, here: bool
) -> None:
    """One step of the ladder: its number, name and meaning, centred in the step; 'You played
    here' above the name if it is the learner's."""
    theme = canvas.theme
    palette = theme.palette
    pad = theme.unit // 2
    choice_panel(canvas.surface, rect, theme, here)
    badge = theme.unit * 2
    x = rect.x + 2 * pad + badge
    width = rect.right - pad - x
    tag = canvas.height(1.0) if here else 0
    head = tag + canvas.height(1.1)
    for scale in (1.1, 1.0, 0.9, SMALLEST):
        words = paragraph(canvas, meaning, width, scale, tone="muted")
        if head + words.height(canvas) <= rect.height - pad:
            break
    words = words.cut(canvas, rect.height - pad - head)
    y = rect.centery - (head + words.height(canvas)) // 2
    centre = (rect.x + pad + badge // 2, y + head - canvas.height(1.1) // 2)
    pygame.draw.circle(canvas.surface, palette.focus if here else palette.info, centre, badge // 2)
    canvas.text(
        str(number), centre, scale=1.1, colour=palette.background, face="bold", anchor="center"
    )
    if here:
        mark = canvas.text("▶ You played here", (x, y), colour=palette.focus, face="bold")
        y = mark.bottom
    y = canvas.line(name, (x, y), width, scale=1.1, face="bold").bottom
    words.draw(canvas, x, y)


def _spending(canvas: Canvas, area: pygame.Rect, read: Culture) -> None:
    """How the learner spent the budget: a bar per share, then the evidence, as room allows."""
    theme = canvas.theme
    palette = theme.palette
    pad = theme.unit // 2
    heading = "How you spent your turns"
    y = canvas.line(heading, area.topleft, area.width, scale=1.1, face="bold").bottom + pad // 2
    for kind in reversed(SPREAD):
        tone, pattern = SHARES[kind]
        label = f"{PLACES[kind][0].upper()}{PLACES[kind][1:]}: {read.shares[kind]:.0%}"
        y = canvas.line(label, (area.x, y), area.width, scale=0.9).bottom
        track = pygame.Rect(area.x, y + 2, area.width, round(theme.unit * 0.8))
        pygame.draw.rect(canvas.surface, palette.background, track)
        filled = track.copy()
        filled.width = round(track.width * read.shares[kind])
        if filled.width:
            fill(canvas.surface, theme, filled, getattr(palette, tone), pattern)
        pygame.draw.rect(canvas.surface, palette.edge, track, 1)
        y = track.bottom + pad
    for text in facts_that_fit(canvas, read.evidence, area.width, area.bottom - y, "text"):
        y = text.draw(canvas, area.x, y)
