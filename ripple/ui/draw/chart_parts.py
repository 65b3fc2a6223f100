"""The pieces charts are drawn from: the colour of each colour role, the legend, and the
marks themselves (lines in a style, point markers, and patterned fills), so series are told
apart by more than colour.

`ripple.ui.draw.charts` lays a chart out and draws it with these.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from ripple.report.charts import Chart, Hue, Series
from ripple.ui.theme import BLUE, GREEN, ORANGE, PURPLE, SKY, VERMILLION, YELLOW, Colour, Theme

if TYPE_CHECKING:
    from ripple.ui.draw.charts import Canvas

Point = tuple[float, float]

HUES: dict[Hue, Colour] = {
    "sky": SKY,
    "orange": ORANGE,
    "green": GREEN,
    "purple": PURPLE,
    "yellow": YELLOW,
    "blue": BLUE,
    "vermillion": VERMILLION,
    "others": (150, 156, 168),
}
"""The colour of each colour role a chart names: the theme's Okabe-Ito hues, and a neutral
grey for the series that gathers the rest."""


def series_colour(series: Series) -> Colour:
    """The colour `series` is drawn in."""
    return HUES[series.hue]


# --- legend ------------------------------------------------------------------------


def _legend_key(canvas: Canvas, chart: Chart, series: Series, at: tuple[int, int]) -> None:
    """The little picture of a series: a patterned swatch, or a styled line with its marker."""
    size = canvas.height(0.75)
    x, y = at
    if chart.kind == "stacked":
        fill(
            canvas.surface,
            canvas.theme,
            pygame.Rect(x, y, size, size),
            series_colour(series),
            series.pattern,
        )
        return
    width = round(size * 2.2)
    middle = y + size // 2
    draw_line(canvas.surface, series, [(x, middle), (x + width, middle)], canvas.theme)
    draw_marker(canvas.surface, canvas.theme, series, (x + width // 2, middle))


def draw_legend(canvas: Canvas, area: pygame.Rect, chart: Chart) -> int:
    """Legend entries across `area`, wrapping onto more rows; returns the bottom."""
    theme = canvas.theme
    line = canvas.height(0.75)
    key = round(line * 2.2) if chart.kind == "lines" else line
    gap = theme.unit
    x, y = area.x, area.y
    room = area.width - key - theme.unit // 3
    for series in chart.series:
        label = f"{series.label} {series.note}".strip()
        # never wider than a whole row: an entry that needs more is cut to one
        width = key + theme.unit // 3 + min(canvas.width(label, 0.75), room)
        if x > area.x and x + width > area.right:
            x, y = area.x, y + line + 2
        _legend_key(canvas, chart, series, (x, y))
        at = (x + key + theme.unit // 3, y)
        canvas.line(label, at, room, scale=0.75, colour=theme.palette.muted)
        x += width + gap
    return y + line


# --- marks -------------------------------------------------------------------------


def line_runs(points: Sequence[Point | None]) -> list[list[Point]]:
    """The unbroken stretches of a line with gaps."""
    runs: list[list[Point]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if len(run) > 1]


def draw_line(
    surface: pygame.Surface, series: Series, points: Sequence[Point], theme: Theme
) -> None:
    """A polyline in the series' colour and style (solid, dashed or dotted)."""
    width = theme.line * (3 if series.style == "solid" else 2)
    ink = series_colour(series)
    if series.style == "solid":
        pygame.draw.lines(surface, ink, False, points, width)
        return
    dash, gap = (theme.unit * 0.6, theme.unit * 0.35)
    if series.style == "dotted":
        dash, gap = theme.line * 2.0, theme.unit * 0.3
    offset = 0.0
    for a, b in itertools.pairwise(points):
        offset = _dashes(surface, ink, a, b, width, (dash, gap), offset)


def _dashes(
    surface: pygame.Surface,
    colour: Colour,
    a: Point,
    b: Point,
    width: int,
    pattern: tuple[float, float],
    offset: float,
) -> float:
    """Dashes from a to b, continuing a pattern `offset` pixels in; returns the new offset."""
    dash, gap = pattern
    length = math.dist(a, b) or 1.0
    position = -offset
    while position < length:
        start, end = max(0.0, position), min(length, position + dash)
        if end > start:
            p = (a[0] + (b[0] - a[0]) * start / length, a[1] + (b[1] - a[1]) * start / length)
            q = (a[0] + (b[0] - a[0]) * end / length, a[1] + (b[1] - a[1]) * end / length)
            pygame.draw.line(surface, colour, p, q, width)
        position += dash + gap
    return (length + offset) % (dash + gap)


def draw_marker(surface: pygame.Surface, theme: Theme, series: Series, at: Point) -> None:
    """The series' marker shape at a point, outlined so it shows on any line."""
    r = max(3, round(theme.unit * 0.3))
    x, y = at
    shapes = {
        "square": [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)],
        "triangle": [(x, y - r * 1.2), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)],
        "diamond": [(x, y - r * 1.3), (x + r * 1.3, y), (x, y + r * 1.3), (x - r * 1.3, y)],
    }
    outline = theme.palette.background
    if series.marker in shapes:
        pygame.draw.polygon(surface, series_colour(series), shapes[series.marker])
        pygame.draw.polygon(surface, outline, shapes[series.marker], max(1, theme.line))
    else:
        pygame.draw.circle(surface, series_colour(series), (x, y), r)
        pygame.draw.circle(surface, outline, (x, y), r, max(1, theme.line))


def fill(
    surface: pygame.Surface, theme: Theme, rect: pygame.Rect, colour: Colour, pattern: str
) -> None:
    """A rectangle in `colour` with a pattern (a chart's `Pattern`) drawn over it, so it can
    be told apart without its colour."""
    pygame.draw.rect(surface, colour, rect)
    ink = theme.palette.background
    step = max(4, theme.unit // 3)
    clip = surface.get_clip()
    surface.set_clip(rect.clip(clip) if clip else rect)
    if pattern in ("stripes", "cross"):
        for k in range(-rect.height, rect.width, step):
            pygame.draw.line(
                surface, ink, (rect.x + k, rect.bottom), (rect.x + k + rect.height, rect.y)
            )
    if pattern == "cross":
        for k in range(0, rect.width + rect.height, step):
            pygame.draw.line(
                surface, ink, (rect.x + k, rect.bottom), (rect.x + k - rect.height, rect.y)
            )
    if pattern == "rungs":
        for y in range(rect.y + step // 2, rect.bottom, step):
            pygame.draw.line(surface, ink, (rect.x, y), (rect.right, y), max(1, theme.line))
    if pattern == "dots":
        for y in range(rect.y + step // 2, rect.bottom, step):
            for x in range(rect.x + step // 2, rect.right, step):
                pygame.draw.circle(surface, ink, (x, y), max(1, step // 5))
    surface.set_clip(clip)
    pygame.draw.rect(surface, ink, rect, 1)
