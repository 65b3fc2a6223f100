"""Geometry of the organisation drawing: where boxes go, how hand-offs run between them,
and the small shapes (arrowheads, dashes) lines are drawn with."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from ripple.ui.theme import Colour, Theme

Point = tuple[float, float]


def mix(a: float, b: float, t: float) -> float:
    """The value `t` of the way from a to b."""
    return a + (b - a) * t


@dataclass
class Link:
    """Where a hand-off is drawn: from the supplier's edge to the customer's, bowed out
    sideways by `bend` pixels (so a hand-off that skips a department goes round it)."""

    start: tuple[float, float]
    end: tuple[float, float]
    bend: float = 0.0

    def at(self, t: float) -> tuple[int, int]:
        """The point `t` of the way along."""
        (x0, y0), (x1, y1) = self.start, self.end
        length = math.dist(self.start, self.end) or 1.0
        nx, ny = -(y1 - y0) / length, (x1 - x0) / length
        lift = 4 * t * (1 - t) * self.bend
        return round(mix(x0, x1, t) + nx * lift), round(mix(y0, y1, t) + ny * lift)

    @property
    def middle(self) -> tuple[int, int]:
        """The point halfway."""
        return self.at(0.5)

    def points(self, steps: int = 16) -> list[tuple[int, int]]:
        """The line as a polyline."""
        if not self.bend:
            return [self.at(0.0), self.at(1.0)]
        return [self.at(k / steps) for k in range(steps + 1)]


def node_size(columns: int, rows: int, area: pygame.Rect, theme: Theme) -> tuple[int, int]:
    width = min(round(theme.unit * 12), round(area.width / columns * 0.8))
    height = min(round(theme.unit * 5.2), round(area.height / rows * 0.72))
    return width, height


def place_nodes(
    positions: dict[str, tuple[float, float]],
    area: pygame.Rect,
    theme: Theme,
    names: list[str],
    vertical: bool | None = None,
) -> tuple[dict[str, pygame.Rect], bool]:
    """Department boxes in `area`, flowing left to right, or top to bottom when that
    gives the boxes more room (a long chain on a small screen)."""
    xs = {round(x, 6) for x, _ in positions.values()}
    ys_per_column = [sum(1 for p in positions.values() if round(p[0], 6) == x) for x in xs]
    columns, rows = max(1, len(xs)), max(ys_per_column, default=1)
    ideal = (theme.unit * 12, theme.unit * 5.2)

    def room(size: tuple[int, int]) -> float:
        return min(size[0] / ideal[0], size[1] / ideal[1])

    across = node_size(columns, rows, area, theme)
    down = node_size(rows, columns, area, theme)
    font = theme.font(theme.size(1.0), "bold")
    needed = max((font.size(name)[0] for name in names), default=0) + theme.unit
    if vertical is None:
        vertical = across[0] < needed and room(down) > room(across)
    width, height = down if vertical else across
    if not vertical:
        width = max(width, min(needed, round(area.width / columns * 0.86)))
    for _ in range(12):
        nodes = _centre_nodes(positions, area, (width, height), vertical, theme.unit)
        boxes = [r.inflate(theme.unit // 2, theme.unit // 2) for r in nodes.values()]
        clashes = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.colliderect(b)]
        if not clashes:
            break
        side_by_side = any(
            abs(a.centerx - b.centerx) * height >= abs(a.centery - b.centery) * width
            for a, b in clashes
        )
        if side_by_side:
            width = round(width * 0.9)
        else:
            height = round(height * 0.9)
    return nodes, vertical


def _centre_nodes(
    positions: dict[str, tuple[float, float]],
    area: pygame.Rect,
    size: tuple[int, int],
    vertical: bool,
    unit: int,
) -> dict[str, pygame.Rect]:
    width, height = size
    inner = area.inflate(-(width + unit), -(height + unit))
    nodes = {}
    for department, (x, y) in positions.items():
        if vertical:
            x, y = y, x
        rect = pygame.Rect(0, 0, width, height)
        rect.center = (round(inner.x + x * inner.width), round(inner.y + y * inner.height))
        nodes[department] = rect
    return nodes


def edge_point(rect: pygame.Rect, towards: tuple[float, float]) -> tuple[float, float]:
    """Where the line from the rect's centre towards a point leaves the rect."""
    cx, cy = rect.center
    dx, dy = towards[0] - cx, towards[1] - cy
    if dx == 0 and dy == 0:
        return float(cx), float(cy)
    scale = min(
        (rect.width / 2) / abs(dx) if dx else math.inf,
        (rect.height / 2) / abs(dy) if dy else math.inf,
    )
    return cx + dx * scale, cy + dy * scale


def arrow(surface: pygame.Surface, colour: Colour, start: Point, end: Point, size: float) -> None:
    """An arrowhead at `end`, pointing away from `start`."""
    angle = math.atan2(end[1] - start[1], end[0] - start[0])
    points = [end]
    for side in (-0.45, 0.45):
        points.append(
            (end[0] - size * math.cos(angle + side), end[1] - size * math.sin(angle + side))
        )
    pygame.draw.polygon(surface, colour, points)


def dashed(
    surface: pygame.Surface, colour: Colour, start: Point, end: Point, width: int, dash: int
) -> None:
    """A dashed straight line."""
    length = math.dist(start, end)
    steps = max(1, int(length // dash))
    for k in range(0, steps, 2):
        a = k / steps
        b = min(1.0, (k + 1) / steps)
        pygame.draw.line(
            surface,
            colour,
            (mix(start[0], end[0], a), mix(start[1], end[1], a)),
            (mix(start[0], end[0], b), mix(start[1], end[1], b)),
            width,
        )
