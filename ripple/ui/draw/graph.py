"""The organisation on screen: departments, hand-offs and external customers.

Positions are worked out once per layout; each frame only draws, interpolating between the
snapshot before the turn and the one after it. Every state shows in more than colour:
bars with labels, line styles, icons and words.
"""

from __future__ import annotations

import itertools
import math

import pygame

from ripple.engine import Snapshot
from ripple.engine.snapshot import CustomerView, DepartmentView
from ripple.scenario.model import Scenario, handoff_key
from ripple.ui.draw.geometry import Link, arrow, dashed, edge_point, mix, place_nodes
from ripple.ui.draw.said import Said, draw_said, place_said
from ripple.ui.theme import Colour, Theme
from ripple.ui.widgets import bar, blit, draw_label, outline, panel

MOODS: dict[str, tuple[str, str]] = {
    "delighted": ("☺", "good"),
    "content": ("✓", "info"),
    "waiting": ("…", "focus"),
    "complaining": ("!", "warn"),
    "leaving": ("✗", "bad"),
}
"""Each customer mood's icon and palette colour: the icon and the word carry it, not colour."""

LEGENDS = (
    "Bars: queue · quality · morale    % on a hand-off: its internal customer's rating, ? unasked",
    "Bars: queue · quality · morale    %: internal customer's rating, ? unasked",
    "Bars: queue, quality, morale · %: the next team's rating, ? not asked",
    "Bars: queue, quality, morale · %: next team's rating, ? unasked",
)
"""What the graph's bars and numbers mean, longest first: the longest that fits is shown.
Each says what a '?' on a hand-off means (nobody has asked its internal customer yet)."""

BARS_LEAST = 3 * 9
"""Height a department's three bars need at the least, in pixels: a title never takes it."""


def highlight(
    surface: pygame.Surface, theme: Theme, rect: pygame.Rect, chosen: bool, lit: bool
) -> None:
    """The ring round a chosen (focus colour, thicker) or lit (info colour) thing, drawn outside
    it so it never covers the words inside."""
    if chosen or lit:
        colour = theme.palette.focus if chosen else theme.palette.info
        radius = min(rect.height // 2, 8)
        outline(surface, rect, colour, theme.line * (3 if chosen else 2), radius=radius)


def rating_colour(theme: Theme, share: float | None) -> Colour:
    """Good, middling or poor service, as the palette colours it; muted when the internal
    customer was never asked."""
    palette = theme.palette
    if share is None:
        return palette.muted
    if share >= 0.8:
        return palette.good
    return palette.warn if share >= 0.6 else palette.bad


def mood_words(view: CustomerView) -> str:
    """A customer's line under its name: its satisfaction, then what it did this turn, so a
    high satisfaction beside a few complaints reads as both facts ("92% · 3 complained"),
    not as a contradiction ("complaining 92%")."""
    if view.mood == "complaining":
        return f"{view.satisfaction:.0%} · {view.complaints} complained"
    if view.mood == "waiting":
        return f"{view.satisfaction:.0%} · {view.late} late"
    return f"{view.satisfaction:.0%} {view.mood}"


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
        self.room = pygame.Rect(0, 0, 0, 0)
        """The graph's area above its legend: where what internal customers said may go."""
        self._said: tuple[Snapshot, Theme, pygame.Rect, list[Said]] | None = None
        """The bubbles last laid out, and the snapshot, theme and room they were laid out for."""

    def place(self, area: pygame.Rect, column: pygame.Rect, theme: Theme) -> dict[str, pygame.Rect]:
        """Work out every rectangle; returns the hotspots (dept:, handoff:, customer:)."""
        area = pygame.Rect(area.x, area.y, area.width, area.height - theme.unit)
        self.room = area
        self._said = None
        linked = {d.supplier for d in self.scenario.dependencies}
        linked |= {d.customer for d in self.scenario.dependencies}
        loose = [d.id for d in self.scenario.departments if d.id not in linked]
        main = {d: p for d, p in self.positions.items() if d in linked or not linked}
        names = list(self.names.values())
        self.nodes, vertical = place_nodes(main, area, theme, names)
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
            start = edge_point(a, b.center)
            end = edge_point(b, a.center)
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
            key = handoff_key(supplier, customer)
            self.links[key] = link
            self.chips[key] = pygame.Rect(0, 0, *chip)
            self.chips[key].center = link.middle
        self.customers = {}
        row = min(
            round(theme.unit * 3.6), column.height // max(1, len(self.scenario.customers) + 1)
        )
        top = column.y + round(theme.unit * 2.2)
        for index, segment in enumerate(self.scenario.customers):
            self.customers[segment.id] = pygame.Rect(
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
        self.nodes, _ = place_nodes(main, rest, theme, names, vertical)
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
        ratings = self._ratings(before, after, t)
        for key, link in self.links.items():
            self._draw_link(surface, theme, key, link, ratings[key], focus, lit)

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
        ratings = self._ratings(before, after, t)
        for key, chip in self.chips.items():
            rating = ratings[key]
            edge = rating_colour(theme, rating)
            panel(
                surface, chip, palette.panel, radius=chip.height // 2, edge=edge, width=theme.line
            )
            highlight(surface, theme, chip, key == focus, key in lit)
            inner = chip.inflate(-2 * theme.line - 2, -2 * theme.line)
            said = "?" if rating is None else f"{rating:.0%}"
            label = theme.label(said, inner.width, inner.height, 0.85, face="bold")
            draw_label(surface, theme, label, chip.center, anchor="center")

    def said(self, theme: Theme, after: Snapshot) -> list[Said]:
        """What each internal customer asked this turn said, in bubbles placed once a turn
        (see `ripple.ui.draw.said`)."""
        kept = self._said
        if kept is not None and kept[0] is after and kept[1] is theme and kept[2] == self.room:
            return kept[3]
        taken = [*self.nodes.values(), *self.chips.values(), *self.customers.values()]
        bubbles = place_said(theme, after, self.chips, self.links, self.room, taken)
        self._said = (after, theme, self.room.copy(), bubbles)
        return bubbles

    def draw_said(self, surface: pygame.Surface, theme: Theme, after: Snapshot) -> None:
        """The bubbles of what internal customers said this turn."""
        draw_said(surface, theme, self.said(theme, after))

    @staticmethod
    def _ratings(before: Snapshot, after: Snapshot, t: float) -> dict[str, float | None]:
        """Every hand-off's internal customer satisfaction as last heard, `t` of the way
        through the turn: None where the internal customer was never asked (players see
        only what they asked for)."""
        was = {h.key: h for h in before.handoffs}
        return {
            h.key: None
            if not h.heard_turn
            else h.heard
            if not was[h.key].heard_turn
            else mix(was[h.key].heard, h.heard, t)
            for h in after.handoffs
        }

    def _draw_link(
        self,
        surface: pygame.Surface,
        theme: Theme,
        key: str,
        link: Link,
        rating: float | None,
        focus: str | None,
        lit: frozenset[str],
    ) -> None:
        colour = rating_colour(theme, rating)
        width = theme.line * (4 if key == focus or key in lit else 2)
        points = link.points()
        if rating is not None and rating < 0.6:
            for a, b in itertools.pairwise(points):
                dashed(surface, colour, a, b, width, theme.unit)
        else:
            pygame.draw.lines(surface, colour, False, points, width)
        arrow(surface, colour, link.at(0.9), link.end, theme.unit * 0.6)

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
        edge = palette.warn if behind else palette.edge
        panel(surface, rect, palette.panel, edge=edge, width=theme.line)
        highlight(surface, theme, rect, view.id == focus, view.id in lit)
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
        """The department's name, with its capacity (or a warning that it is behind) when
        there is room: the name shrinks, then wraps, to show in full."""
        palette = theme.palette
        corner = (
            theme.text("⚠", 1.0, palette.warn, "symbols")
            if behind
            else theme.text(f"{view.capacity:.0f}/turn", 0.7, palette.muted)
        )
        room = rect.width - 2 * pad
        tall = rect.height - pad - BARS_LEAST
        beside = room - corner.get_width() - pad
        show_corner = behind or theme.width(view.name, 1.0, "bold") <= beside
        name = theme.label(view.name, beside if show_corner else room, tall, 1.0, face="bold")
        title = draw_label(surface, theme, name, (rect.x + pad, rect.y + pad // 2))
        if show_corner:
            surface.blit(corner, corner.get_rect(topright=(rect.right - pad, rect.y + pad // 2)))
        return title

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
        """The external customers column: each segment's mood as an icon and in words."""
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
            mood = theme.label(mood_words(view), room, rect.height, 0.75)
            below = theme.leading(mood.scale)
            name = theme.label(view.name, room, rect.height - below, 0.8, face="bold")
            high = theme.leading(name.scale, "bold") * len(name.lines) + below
            top = draw_label(surface, theme, name, (x, rect.centery - high // 2))
            draw_label(surface, theme, mood, (x, top.bottom), colour=colour)

    def draw_legend(self, surface: pygame.Surface, theme: Theme, area: pygame.Rect) -> None:
        """What the bars and the numbers on the graph mean, at the foot of the graph."""
        room = area.width - theme.unit
        text = next((t for t in LEGENDS if theme.width(t, 0.7) <= room), LEGENDS[-1])
        text = theme.fit(text, room, 0.7)
        blit(
            surface,
            theme,
            text,
            (area.x + theme.unit // 2, area.bottom - theme.unit // 4),
            scale=0.7,
            colour=theme.palette.muted,
            anchor="bottomleft",
        )
