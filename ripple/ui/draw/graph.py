"""The organisation on screen: departments, hand-offs and external customers.

Positions are worked out once per layout; each frame only draws, interpolating between the
snapshot before the turn and the one after it. Every state shows in more than colour:
bars with labels, line styles, icons and words.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import pygame

from ripple.engine import Snapshot
from ripple.engine.snapshot import DepartmentView
from ripple.scenario.model import Scenario
from ripple.ui.theme import Colour, Theme
from ripple.ui.widgets import bar, blit, panel

MOODS: dict[str, tuple[str, str]] = {
    "delighted": ("☺", "good"),
    "content": ("✓", "info"),
    "waiting": ("…", "focus"),
    "complaining": ("!", "warn"),
    "leaving": ("✗", "bad"),
}
"""Each customer mood's icon and palette colour: the icon and the word carry it, not colour."""


def mix(a: float, b: float, t: float) -> float:
    """The value `t` of the way from a to b."""
    return a + (b - a) * t


def rating_colour(theme: Theme, share: float) -> Colour:
    """Good, middling or poor service, as the palette colours it."""
    palette = theme.palette
    if share >= 0.8:
        return palette.good
    return palette.focus if share >= 0.6 else palette.bad


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


def _node_size(columns: int, rows: int, area: pygame.Rect, theme: Theme) -> tuple[int, int]:
    width = min(round(theme.unit * 12), round(area.width / columns * 0.8))
    height = min(round(theme.unit * 5.2), round(area.height / rows * 0.72))
    return width, height


def _place_nodes(
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

    across = _node_size(columns, rows, area, theme)
    down = _node_size(rows, columns, area, theme)
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


def _edge_point(rect: pygame.Rect, towards: tuple[float, float]) -> tuple[float, float]:
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


class GraphView:
    """Lays out and draws the organisation graph and the customer column."""

    def __init__(self, scenario: Scenario, positions: dict[str, tuple[float, float]]) -> None:
        self.scenario = scenario
        self.positions = positions
        self.names = {d.id: d.name for d in scenario.departments}
        self.nodes: dict[str, pygame.Rect] = {}
        self.links: dict[str, Link] = {}
        self.chips: dict[str, pygame.Rect] = {}
        self.customers: dict[str, pygame.Rect] = {}

    def place(self, area: pygame.Rect, column: pygame.Rect, theme: Theme) -> dict[str, pygame.Rect]:
        """Work out every rectangle; returns the hotspots (dept:, handoff:, customer:)."""
        area = pygame.Rect(area.x, area.y, area.width, area.height - theme.unit)
        linked = {d.supplier for d in self.scenario.dependencies}
        linked |= {d.customer for d in self.scenario.dependencies}
        loose = [d.id for d in self.scenario.departments if d.id not in linked]
        main = {d: p for d, p in self.positions.items() if d in linked or not linked}
        names = list(self.names.values())
        self.nodes, vertical = _place_nodes(main, area, theme, names)
        if loose and len(main) < len(self.positions):
            self._place_loose(loose, area, theme, names, vertical)
        self.links, self.chips = {}, {}
        pairs = {(d.supplier, d.customer) for d in self.scenario.dependencies}
        chip = (round(theme.unit * 2.9), round(theme.unit * 1.3))
        for supplier, customer in sorted(pairs):
            a, b = self.nodes[supplier], self.nodes[customer]
            shift = (0.0, 0.0)
            if (customer, supplier) in pairs:
                length = math.dist(a.center, b.center) or 1.0
                nx, ny = (b.centery - a.centery) / length, -(b.centerx - a.centerx) / length
                shift = (nx * theme.unit * 0.7, ny * theme.unit * 0.7)
            start = _edge_point(a, b.center)
            end = _edge_point(b, a.center)
            blocked = any(
                r.clipline(start, end)
                for d, r in self.nodes.items()
                if d not in (supplier, customer)
            )
            bend = (max(a.width, a.height) / 2 + theme.unit * 1.5) if blocked else 0.0
            ends = (
                (start[0] + shift[0], start[1] + shift[1]),
                (end[0] + shift[0], end[1] + shift[1]),
            )
            link = max(
                (Link(*ends, bend), Link(*ends, -bend)),
                key=lambda candidate: self._clearance(candidate.middle, area),
            )
            key = f"{supplier}->{customer}"
            self.links[key] = link
            self.chips[key] = pygame.Rect(0, 0, *chip)
            self.chips[key].center = link.middle
        self.customers = {}
        row = min(
            round(theme.unit * 3.6), column.height // max(1, len(self.scenario.customers) + 1)
        )
        top = column.y + round(theme.unit * 2.2)
        for index, customer in enumerate(self.scenario.customers):
            self.customers[customer.id] = pygame.Rect(
                column.x, top + index * row, column.width, row - 4
            )
        spots = {f"dept:{d}": r for d, r in self.nodes.items()}
        spots |= {f"handoff:{k}": r for k, r in self.chips.items()}
        spots |= {f"customer:{c}": r for c, r in self.customers.items()}
        return spots

    def _clearance(self, point: tuple[int, int], area: pygame.Rect) -> float:
        """How far a point is from the nearest department (negative outside the area)."""
        if not area.collidepoint(point):
            return -1.0
        return min((math.dist(point, r.center) for r in self.nodes.values()), default=0.0)

    def _place_loose(
        self, loose: list[str], area: pygame.Rect, theme: Theme, names: list[str], vertical: bool
    ) -> None:
        """Departments with no hand-offs get a strip of their own: along the foot of a
        left-to-right graph, down the right of a top-to-bottom one."""
        size = next(iter(self.nodes.values())).size
        gap = theme.unit // 2
        main = {d: p for d, p in self.positions.items() if d not in loose}
        if vertical:
            rest = pygame.Rect(area.x, area.y, area.width - size[0] - 2 * gap, area.height)
        else:
            rest = pygame.Rect(area.x, area.y, area.width, area.height - size[1] - 2 * gap)
        self.nodes, _ = _place_nodes(main, rest, theme, names, vertical)
        size = next(iter(self.nodes.values())).size
        corner = (area.right - gap, area.bottom - gap)
        for department in loose:
            rect = pygame.Rect((0, 0), size)
            rect.bottomright = corner
            self.nodes[department] = rect
            corner = (rect.right, rect.top - gap) if vertical else (rect.left - gap, rect.bottom)

    def draw_links(
        self,
        surface: pygame.Surface,
        theme: Theme,
        before: Snapshot,
        after: Snapshot,
        t: float,
        *,
        focus: str | None = None,
        lit: frozenset[str] = frozenset(),
    ) -> None:
        """Hand-off lines (and the faint lines to the customers they serve)."""
        for customer in self.scenario.customers:
            row = self.customers[customer.id]
            pygame.draw.line(
                surface,
                theme.palette.raised,
                self.nodes[customer.served_by].center,
                (row.x + row.height // 2, row.centery),
                theme.line * 2,
            )
        for key, link in self.links.items():
            self._draw_link(
                surface, theme, key, link, self._rating(key, before, after, t), focus, lit
            )

    def draw_nodes(
        self,
        surface: pygame.Surface,
        theme: Theme,
        before: Snapshot,
        after: Snapshot,
        t: float,
        *,
        focus: str | None = None,
        lit: frozenset[str] = frozenset(),
    ) -> None:
        """Department boxes."""
        for view_before, view in zip(before.departments, after.departments, strict=True):
            self._draw_department(surface, theme, view_before, view, t, focus, lit)

    def draw_chips(
        self,
        surface: pygame.Surface,
        theme: Theme,
        before: Snapshot,
        after: Snapshot,
        t: float,
        *,
        focus: str | None = None,
        lit: frozenset[str] = frozenset(),
    ) -> None:
        """The internal customer satisfaction label on every hand-off."""
        palette = theme.palette
        for key, chip in self.chips.items():
            rating = self._rating(key, before, after, t)
            chosen = key == focus
            edge = (
                palette.focus
                if chosen
                else palette.info
                if key in lit
                else rating_colour(theme, rating)
            )
            panel(
                surface,
                chip,
                palette.panel,
                radius=chip.height // 2,
                edge=edge,
                width=theme.line * (3 if chosen or key in lit else 1),
            )
            blit(
                surface,
                theme,
                f"{rating:.0%}",
                chip.center,
                scale=0.85,
                face="bold",
                anchor="center",
            )

    def draw_customers(
        self,
        surface: pygame.Surface,
        theme: Theme,
        after: Snapshot,
        column: pygame.Rect,
        *,
        focus: str | None = None,
        lit: frozenset[str] = frozenset(),
    ) -> None:
        """The external customers column."""
        self._draw_customers(surface, theme, after, column, focus, lit)

    @staticmethod
    def _rating(key: str, before: Snapshot, after: Snapshot, t: float) -> float:
        old = next(h for h in before.handoffs if f"{h.supplier}->{h.customer}" == key)
        new = next(h for h in after.handoffs if f"{h.supplier}->{h.customer}" == key)
        return mix(old.satisfaction, new.satisfaction, t)

    def _draw_link(
        self,
        surface: pygame.Surface,
        theme: Theme,
        key: str,
        link: Link,
        rating: float,
        focus: str | None,
        lit: frozenset[str],
    ) -> None:
        colour = rating_colour(theme, rating)
        width = theme.line * (4 if key == focus or key in lit else 2)
        points = link.points()
        if rating < 0.6:
            for a, b in itertools.pairwise(points):
                _dashed(surface, colour, a, b, width, theme.unit)
        else:
            pygame.draw.lines(surface, colour, False, points, width)
        _arrow(surface, colour, link.at(0.9), link.end, theme.unit * 0.6)

    def _draw_department(
        self,
        surface: pygame.Surface,
        theme: Theme,
        old: DepartmentView,
        view: DepartmentView,
        t: float,
        focus: str | None,
        lit: frozenset[str],
    ) -> None:
        palette = theme.palette
        rect = self.nodes[view.id]
        queue = mix(old.queue, view.queue, t)
        behind = view.queue > max(1.0, view.capacity)
        if view.id == focus:
            edge, width = palette.focus, theme.line * 4
        elif view.id in lit:
            edge, width = palette.info, theme.line * 2
        else:
            edge, width = (palette.warn if behind else palette.edge), theme.line
        panel(surface, rect, palette.panel, edge=edge, width=width)
        pad = max(4, theme.unit // 3)
        title = self._title(surface, theme, rect, view, behind, pad)
        bar_h = max(6, round((rect.bottom - title.bottom - pad) / 3) - 4)
        small = theme.font(theme.size(0.7))
        labelled = (
            small.size("quality")[0] + pad <= rect.width * 0.36 and small.get_height() <= bar_h + 5
        )
        label_w = round(rect.width * 0.36) if labelled else pad
        rows = (
            (
                "queue",
                queue / max(1.0, 2 * view.capacity),
                palette.warn if behind else palette.info,
            ),
            ("quality", view.quality, palette.info),
            ("morale", view.morale, palette.info),
        )
        y = title.bottom + 2
        for label, share, colour in rows:
            middle = y + bar_h // 2
            if labelled:
                blit(
                    surface,
                    theme,
                    label,
                    (rect.x + pad, middle),
                    scale=0.7,
                    colour=palette.muted,
                    anchor="midleft",
                )
            track = pygame.Rect(rect.x + label_w, y + 1, rect.width - label_w - pad, bar_h - 2)
            bar(surface, track, share, colour, theme)
            if label == "queue" and small.get_height() <= bar_h + 5:
                blit(
                    surface,
                    theme,
                    f"{queue:.0f}",
                    (track.right - 2, middle),
                    scale=0.7,
                    face="bold",
                    anchor="midright",
                )
            y += bar_h + 3

    @staticmethod
    def _title(
        surface: pygame.Surface,
        theme: Theme,
        rect: pygame.Rect,
        view: DepartmentView,
        behind: bool,
        pad: int,
    ) -> pygame.Rect:
        """The department's name, with its capacity (or a warning that it is behind)."""
        palette = theme.palette
        corner = (
            theme.text("⚠", 1.0, palette.warn, "symbols")
            if behind
            else theme.text(f"{view.capacity:.0f}/turn", 0.7, palette.muted)
        )
        room = rect.width - 2 * pad
        fits = theme.font(theme.size(1.0), "bold").size(view.name)[0] + corner.get_width() + pad
        show_corner = behind or fits <= room
        name = theme.fit(
            view.name, room - (corner.get_width() + pad if show_corner else 0), 1.0, "bold"
        )
        title = blit(surface, theme, name, (rect.x + pad, rect.y + pad // 2), face="bold")
        if show_corner:
            surface.blit(corner, corner.get_rect(topright=(rect.right - pad, rect.y + pad // 2)))
        return title

    def _draw_customers(
        self,
        surface: pygame.Surface,
        theme: Theme,
        after: Snapshot,
        column: pygame.Rect,
        focus: str | None,
        lit: frozenset[str],
    ) -> None:
        palette = theme.palette
        heading = "External customers"
        if theme.font(theme.size(0.85)).size(heading)[0] > column.width:
            heading = theme.fit("Customers", column.width, 0.85)
        blit(surface, theme, heading, (column.x, column.y), scale=0.85, colour=palette.muted)
        for view in after.customers:
            rect = self.customers[view.id]
            icon, tone = MOODS[view.mood]
            colour = getattr(palette, tone)
            radius = min(rect.height // 2 - 2, round(theme.unit * 0.7))
            centre = (rect.x + radius + 2, rect.centery)
            pygame.draw.circle(surface, colour, centre, radius)
            blit(
                surface,
                theme,
                icon,
                centre,
                face="symbols",
                colour=palette.background,
                anchor="center",
            )
            if view.id == focus or f"customer:{view.id}" in lit:
                pygame.draw.circle(
                    surface, palette.focus, centre, radius + theme.line * 2, width=theme.line * 2
                )
            x = centre[0] + radius + theme.unit // 3
            room = rect.right - x
            name = theme.fit(view.name, room, 0.8, "bold")
            top = blit(
                surface, theme, name, (x, rect.centery), scale=0.8, face="bold", anchor="bottomleft"
            )
            mood = theme.fit(f"{view.mood} {view.satisfaction:.0%}", room, 0.75)
            blit(surface, theme, mood, (x, top.bottom), scale=0.75, colour=colour)

    def draw_legend(self, surface: pygame.Surface, theme: Theme, area: pygame.Rect) -> None:
        """What the bars and the numbers on the graph mean, at the foot of the graph."""
        text = "Bars: queue · quality · morale    % on a hand-off: internal customer satisfaction"
        text = theme.fit(text, area.width - theme.unit, 0.7)
        blit(
            surface,
            theme,
            text,
            (area.x + theme.unit // 2, area.bottom - theme.unit // 4),
            scale=0.7,
            colour=theme.palette.muted,
            anchor="bottomleft",
        )


def _arrow(surface: pygame.Surface, colour: Colour, start, end, size: float) -> None:  # type: ignore[no-untyped-def]
    angle = math.atan2(end[1] - start[1], end[0] - start[0])
    points = [end]
    for side in (-0.45, 0.45):
        points.append(
            (end[0] - size * math.cos(angle + side), end[1] - size * math.sin(angle + side))
        )
    pygame.draw.polygon(surface, colour, points)


def _dashed(surface: pygame.Surface, colour: Colour, start, end, width: int, dash: int) -> None:  # type: ignore[no-untyped-def]
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
