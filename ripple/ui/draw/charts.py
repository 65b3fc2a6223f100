"""Charts over turns drawn from their model (`ripple.report.charts`): lines and stacked bars
with axes, labels, the last value at the end and a legend that tells series apart by line
style, marker and fill pattern as well as colour.

Charts are drawn once onto a surface that is then cached, so drawing them may take a few
milliseconds. A `Canvas` remembers where every piece of text went, so a screen can prove
that none of it leaves the window or overlaps; text given a width shrinks, then wraps, before
it is cut. `render_chart` draws a chart alone as a picture: the renderer the export is handed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from ripple.report.charts import Chart, Series
from ripple.ui.draw.chart_parts import (
    draw_legend,
    draw_line,
    draw_marker,
    fill,
    line_runs,
    series_colour,
)
from ripple.ui.theme import FLOOR, Colour, Label, Theme
from ripple.ui.widgets import blit, panel

_MARK = 9
"""Room for a marker before a value at the end, in tenths of the theme's unit."""


class Canvas:
    """A surface drawn on once (then cached) that remembers where every text went."""

    def __init__(self, surface: pygame.Surface, theme: Theme) -> None:
        self.surface = surface
        self.theme = theme
        self.texts: list[pygame.Rect] = []

    def text(
        self,
        text: str,
        pos: tuple[int, int],
        *,
        scale: float = 1.0,
        colour: Colour | None = None,
        face: str = "regular",
        anchor: str = "topleft",
    ) -> pygame.Rect:
        """Draw text with its `anchor` at `pos`; returns (and remembers) where it went."""
        rect = blit(
            self.surface,
            self.theme,
            text,
            pos,
            scale=scale,
            colour=colour,
            face=face,
            anchor=anchor,
        )
        self.texts.append(rect)
        return rect

    def line(
        self,
        text: str,
        pos: tuple[int, int],
        room: int,
        *,
        scale: float = 1.0,
        colour: Colour | None = None,
        face: str = "regular",
        anchor: str = "topleft",
        floor: float = FLOOR,
    ) -> pygame.Rect:
        """Draw `text` on one line no wider than `room`, its `anchor` at `pos`: at `scale`,
        else smaller down to `floor`, and only then cut with an ellipsis."""
        # a box as tall as one line at the floor never holds a second line
        laid = self.lay(text, room, self.theme.size(floor), scale, face, floor)
        return self.label(laid, pos, colour=colour, anchor=anchor)

    def lay(
        self,
        text: str,
        width: int,
        height: int,
        scale: float = 1.0,
        face: str = "regular",
        floor: float = FLOOR,
    ) -> Label:
        """`text` laid out by `Theme.label` for a box `width` by `height`: one line at the
        largest size down to `floor`, else wrapped, else cut. A word too wide for the box
        even at `floor` cannot be helped by wrapping: such text is cut on one line, which
        keeps to the width."""
        if any(self.theme.width(word, floor, face) > width for word in text.split()):
            height = self.theme.size(floor)
        return self.theme.label(text, width, height, scale, floor, face)

    def label(
        self,
        label: Label,
        pos: tuple[int, int],
        *,
        colour: Colour | None = None,
        anchor: str = "topleft",
    ) -> pygame.Rect:
        """Draw the lines of a label laid out by `Theme.label`, the block's `anchor` at `pos`
        and each line aligned to the same side; returns where the block went (every line is
        remembered)."""
        images = [self.theme.text(line, label.scale, colour, label.face) for line in label.lines]
        # each line under the last one's image (which may be a pixel taller than the font's
        # leading): lines never overlap
        block = pygame.Rect(0, 0, max((i.get_width() for i in images), default=0), 0)
        block.height = sum(image.get_height() for image in images)
        setattr(block, anchor, pos)
        side, x = ("midtop", block.centerx)
        if "left" in anchor:
            side, x = ("topleft", block.x)
        elif "right" in anchor:
            side, x = ("topright", block.right)
        y = block.y
        for line in label.lines:
            y = self.text(
                line, (x, y), scale=label.scale, colour=colour, face=label.face, anchor=side
            ).bottom
        return block

    def lines(self, count: int, scale: float = 1.0, face: str = "regular") -> int:
        """How tall a box `Theme.label` fills with `count` lines at `scale` is (the last line
        needs only its size: below that is no ink)."""
        return (count - 1) * self.theme.leading(scale, face) + self.theme.size(scale)

    def width(self, text: str, scale: float = 1.0, face: str = "regular") -> int:
        """How wide `text` would be."""
        return self.theme.text(text, scale, None, face).get_width()

    def height(self, scale: float = 1.0, face: str = "regular") -> int:
        """How tall one line of text is."""
        return self.theme.text("Ag", scale, None, face).get_height()


def ticks(low: float, high: float, most: int = 5) -> list[float]:
    """Evenly spaced round values from `low` up to at least `high` (1, 2 or 5 steps)."""
    span = max(high - low, 1e-9)
    power = 10 ** math.floor(math.log10(span / most))
    step = next(k * power for k in (1, 2, 5, 10) if span / (k * power) <= most)
    count = max(1, math.ceil(span / step - 1e-9))
    return [low + k * step for k in range(count + 1)]


def draw_chart(canvas: Canvas, rect: pygame.Rect, chart: Chart) -> None:
    """Draw `chart` in `rect`: a panel with the title, the legend and the plot."""
    theme = canvas.theme
    pad = theme.unit // 2
    panel(canvas.surface, rect, theme.palette.panel, edge=theme.palette.edge)
    inner = rect.inflate(-2 * pad, -2 * pad)
    # a long title shrinks, else takes a second line from the plot rather than being cut
    title = canvas.lay(chart.title, inner.width, canvas.lines(2, 1.0, "bold"), face="bold")
    top = canvas.label(title, inner.topleft).bottom + pad // 2
    if len(chart.series) > 1:
        top = draw_legend(canvas, pygame.Rect(inner.x, top, inner.width, 0), chart) + pad // 2
    area = pygame.Rect(inner.x, top, inner.width, inner.bottom - top)
    _draw_plot(canvas, area, chart)


def render_chart(chart: Chart, size: tuple[int, int]) -> bytes:
    """`chart` alone on a picture `size` pixels large, in the standard theme: its pixels, three
    bytes each (red, green, blue), row by row from the top. This is the renderer the export
    is handed; it needs no window, but it uses pygame's fonts, which are not thread-safe, so
    call it on the thread that draws the frames."""
    if not pygame.font.get_init():
        pygame.font.init()
    theme = Theme(size[1])
    canvas = Canvas(pygame.Surface(size), theme)
    canvas.surface.fill(theme.palette.background)
    margin = theme.unit // 2
    draw_chart(canvas, canvas.surface.get_rect().inflate(-2 * margin, -2 * margin), chart)
    return pygame.image.tobytes(canvas.surface, "RGB")


# --- plot --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Axes:
    """Where values and turns land in pixels."""

    plot: pygame.Rect
    count: int
    bottom: float
    top: float

    def x(self, index: int) -> float:
        """The middle of turn number `index` (0-based) along the axis."""
        return self.plot.x + (index + 0.5) * self.plot.width / max(1, self.count)

    def y(self, value: float) -> float:
        """The height of `value`."""
        return (
            self.plot.bottom - (value - self.bottom) / (self.top - self.bottom) * self.plot.height
        )

    @property
    def band(self) -> float:
        """The width one turn gets."""
        return self.plot.width / max(1, self.count)


def _draw_plot(canvas: Canvas, area: pygame.Rect, chart: Chart) -> None:
    """Axes, grid and labels, then the data (or a word saying there is none)."""
    theme = canvas.theme
    marks = [] if chart.blank else ticks(chart.bottom, chart.top or max(chart.peak, 1.0))
    small = canvas.height(0.7)
    left = max((canvas.width(chart.label(t), 0.7) for t in marks), default=0) + theme.unit // 3
    right = _end_width(canvas, chart) + theme.unit // 2
    plot = pygame.Rect(
        area.x + left,
        area.y + small // 2,
        max(1, area.width - left - right),
        max(1, area.height - small // 2 - small - theme.unit // 4),
    )
    axes = _Axes(plot, len(chart.turns), *((marks[0], marks[-1]) if marks else (0.0, 1.0)))
    _draw_grid(canvas, axes, chart, marks)
    _draw_turns(canvas, axes, chart.turns)
    if chart.blank:
        words = chart.empty if chart.turns else "no turns played yet"
        laid = canvas.lay(words, plot.width, plot.height, 0.8)
        canvas.label(laid, plot.center, colour=theme.palette.muted, anchor="center")
    elif chart.kind == "stacked":
        _draw_bars(canvas, axes, chart)
    else:
        _draw_lines(canvas, axes, chart)


def _end_width(canvas: Canvas, chart: Chart) -> int:
    """Room on the right for the values at the end."""
    if chart.kind == "stacked":
        return canvas.width(chart.label(chart.peak), 0.8, "bold")
    widths = [
        canvas.width(chart.label(s.last), 0.8, "bold") for s in chart.series if s.last is not None
    ]
    return max(widths, default=0) + _MARK * canvas.theme.unit // 10


def _draw_grid(canvas: Canvas, axes: _Axes, chart: Chart, marks: Sequence[float]) -> None:
    """Horizontal grid lines with their values, and the two axes."""
    theme = canvas.theme
    plot = axes.plot
    for tick in marks:
        y = round(axes.y(tick))
        pygame.draw.line(canvas.surface, theme.palette.raised, (plot.x, y), (plot.right, y))
        canvas.text(
            chart.label(tick),
            (plot.x - theme.unit // 4, y),
            scale=0.7,
            colour=theme.palette.muted,
            anchor="midright",
        )
    edge = theme.palette.edge
    pygame.draw.line(canvas.surface, edge, plot.bottomleft, plot.topleft, theme.line)
    pygame.draw.line(canvas.surface, edge, plot.bottomleft, plot.bottomright, theme.line)


def _draw_turns(canvas: Canvas, axes: _Axes, turns: Sequence[int]) -> None:
    """Turn numbers under the axis, as many as fit without touching."""
    theme = canvas.theme
    if not turns:
        return
    widest = max(canvas.width(str(t), 0.7) for t in turns) + theme.unit // 2
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 10**9) if s * axes.band >= widest)
    shown = [i for i, t in enumerate(turns) if t % step == 0 or i == 0]
    if len(turns) - 1 not in shown and (len(turns) - 1 - shown[-1]) * axes.band >= widest:
        shown.append(len(turns) - 1)
    for index in shown:
        canvas.text(
            str(turns[index]),
            (round(axes.x(index)), axes.plot.bottom + theme.line + 1),
            scale=0.7,
            colour=theme.palette.muted,
            anchor="midtop",
        )


def _draw_lines(canvas: Canvas, axes: _Axes, chart: Chart) -> None:
    """Each series as a styled line through marked points; its last value at the end."""
    ends: list[tuple[float, str, Series | None]] = []
    for series in chart.series:
        points = [
            (axes.x(i), axes.y(v)) if v is not None else None for i, v in enumerate(series.values)
        ]
        for run in line_runs(points):
            draw_line(canvas.surface, series, run, canvas.theme)
        for point in points:
            if point is not None:
                draw_marker(canvas.surface, canvas.theme, series, point)
        if series.last is not None:
            ends.append((axes.y(series.last), chart.label(series.last), series))
    _draw_ends(canvas, axes, ends)


def _draw_bars(canvas: Canvas, axes: _Axes, chart: Chart) -> None:
    """One stacked bar per turn, each layer in its colour and pattern; the last total at the end."""
    width = max(2, round(axes.band * 0.7))
    for index in range(len(chart.turns)):
        base = 0.0
        for series in chart.series:
            value = series.values[index] or 0.0
            if value <= 0:
                continue
            top, bottom = round(axes.y(base + value)), round(axes.y(base))
            rect = pygame.Rect(0, top, width, max(1, bottom - top))
            rect.centerx = round(axes.x(index))
            fill(canvas.surface, canvas.theme, rect, series_colour(series), series.pattern)
            base += value
    last = chart.totals()[-1]
    _draw_ends(canvas, axes, [(axes.y(last), chart.label(last), None)])


def _draw_ends(canvas: Canvas, axes: _Axes, ends: list[tuple[float, str, Series | None]]) -> None:
    """Values at the right of the plot, each after its series' marker (so it is not told by
    colour alone), nudged apart so they never overlap."""
    theme = canvas.theme
    height = canvas.height(0.8)
    plot = axes.plot
    ordered = sorted(ends, key=lambda end: end[0])
    heights: list[float] = []
    for y, _, _ in ordered:
        y = max(float(plot.y), y)
        heights.append(max(y, heights[-1] + height) if heights else y)
    shift = max(0.0, heights[-1] - plot.bottom) if heights else 0.0
    mark = _MARK * theme.unit // 10
    for (_, label, series), y in zip(ordered, heights, strict=True):
        x, y = plot.right + theme.unit // 3, round(y - shift)
        colour = theme.palette.text
        if series is not None:
            draw_marker(canvas.surface, theme, series, (x + mark // 2, y))
            x += mark
            colour = series_colour(series)
        canvas.text(label, (x, y), scale=0.8, colour=colour, face="bold", anchor="midleft")
