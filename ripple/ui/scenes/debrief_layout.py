"""What the debrief's pages share in laying out their words: a page's opening sentence, the
narrowest width that holds a name on two lines, and words over a bar filled to a share."""

from __future__ import annotations

import pygame

from ripple.ui.draw.charts import Canvas, fill
from ripple.ui.theme import FLOOR, Colour, Theme


def intro(canvas: Canvas, area: pygame.Rect, text: str) -> int:
    """A page's opening sentence across the top of `area`: smaller, else on two lines,
    before it is cut; returns its bottom."""
    laid = canvas.lay(text, area.width, canvas.lines(2, 0.9), 0.9)
    return canvas.label(laid, area.topleft).bottom


def two_lines(theme: Theme, name: str, face: str = "regular", scale: float = FLOOR) -> int:
    """The narrowest width that holds `name` on at most two lines at `scale` (the floor)."""
    words = name.split() or [""]
    return min(
        max(
            theme.width(" ".join(words[:k]), scale, face),
            theme.width(" ".join(words[k:]), scale, face),
        )
        for k in range(1, len(words) + 1)
    )


def labelled_bar(
    canvas: Canvas,
    column: pygame.Rect,
    row: pygame.Rect,
    label: str,
    share: float,
    colour: Colour,
    pattern: str,
) -> None:
    """Words over a bar filled to `share`, centred in one column of a row (inside its edge)."""
    theme = canvas.theme
    pad = theme.unit // 2
    width = column.width - 2 * pad
    thin = theme.line * 2
    # the words may take the row's spare height for a second line, over a thinner bar
    laid = canvas.lay(label, width, row.height - thin - 1, 0.9)
    words = canvas.height(laid.scale) * len(laid.lines)
    height = max(thin, min(round(theme.unit * 0.8), row.height - words - 1))
    top = row.centery - (words + height) // 2
    below = canvas.label(laid, (column.x + pad, top)).bottom
    track = pygame.Rect(column.x + pad, below + 1, width, height)
    pygame.draw.rect(canvas.surface, theme.palette.background, track)
    filled = track.copy()
    filled.width = round(track.width * max(0.0, min(1.0, share)))
    if filled.width:
        fill(canvas.surface, theme, filled, colour, pattern)
    pygame.draw.rect(canvas.surface, theme.palette.edge, track, 1)
