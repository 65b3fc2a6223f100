"""Work visibly moving while a turn plays out: items along hand-offs, defects as pulsing
ripples, caught work going back, deliveries reaching customers and complaints coming back
as work. Everything is a function of the animation's progress `t` (0 to 1).

Markers are big enough to see from the back of a room, spaced so they never bunch on a short
hand-off, and pass behind the departments and customers rather than over their words. Each kind
has its own shape, so none is told by colour alone: good work is a dot, defective work a
diamond that pulses, work sent back a triangle pointing back, an unhappy delivery a square,
and a complaint a dot with '!'.
"""

from __future__ import annotations

import math

import pygame

from ripple.engine import Snapshot
from ripple.ui.draw.geometry import Link
from ripple.ui.draw.graph import GraphView
from ripple.ui.theme import Colour, Theme

DOTS = 6
"""At most this many markers per stream: enough to see a flow, few enough to count."""

TRAVEL = 0.65
"""The share of the animation each marker takes to travel its line."""

SPACING = 3.0
"""The least distance between two markers on a line, in marker radii."""


def marker_radius(theme: Theme) -> int:
    """A marker's radius: about a fifth of a line of text tall, so it reads at a distance."""
    return max(6, round(theme.unit * 0.45))


def _markers(count: int, total: int, room: int = DOTS) -> int:
    """How many markers show `count` items of a turn whose busiest stream has `total`."""
    return 0 if count <= 0 else max(1, min(room, round(DOTS * min(1.0, count / max(1, total)))))


def _room(link: Link, radius: int) -> int:
    """How many markers a line holds, set off one after another, without bunching."""
    length = math.dist(link.start, link.end) + abs(link.bend)
    apart = (1.0 - TRAVEL) * length / (SPACING * radius * TRAVEL)
    return max(1, min(DOTS, int(apart)))


def _along(link: Link, t: float, k: int, n: int, *, back: bool = False) -> float | None:
    """How far along marker k of n is: they set off one after another, all arrive by t = 1."""
    start = k / max(1, n) * (1.0 - TRAVEL)
    progress = (t - start) / TRAVEL
    if not 0.0 <= progress <= 1.0:
        return None
    return 1.0 - progress if back else progress


class Markers:
    """Draws markers of one size on a surface, hiding any that would cover a box or a label."""

    def __init__(self, surface: pygame.Surface, theme: Theme, graph: GraphView) -> None:
        self.surface = surface
        self.theme = theme
        self.radius = marker_radius(theme)
        self.hidden = [*graph.nodes.values(), *graph.customers.values()]

    def clear(self, at: tuple[int, int], label: pygame.Rect | None = None) -> bool:
        """True when a marker at `at` covers no department or customer, nor `label`."""
        box = pygame.Rect(0, 0, 2 * self.radius, 2 * self.radius)
        box.center = at
        return box.collidelist(self.hidden) < 0 and not (label and box.colliderect(label))

    def behind(self, link: Link, chip: pygame.Rect) -> pygame.Rect | None:
        """The hand-off's label, when its line is long enough for markers to pass behind it
        and still be seen (on a short one they pass over it)."""
        length = math.dist(link.start, link.end) + abs(link.bend)
        return chip if length > chip.height + 8 * self.radius else None

    def draw(
        self,
        shape: str,
        colour: Colour,
        link: Link,
        where: float,
        t: float,
        label: pygame.Rect | None = None,
    ) -> None:
        """A marker of `shape` at `where` along `link` (0 to 1), heading along it; hidden
        while it would cover a department, a customer or `label`."""
        at = link.at(where)
        if not self.clear(at, label):
            return
        r = self.radius
        x, y = at
        dark = self.theme.palette.background
        if shape == "dot":
            pygame.draw.circle(self.surface, dark, at, r + self.theme.line)
            pygame.draw.circle(self.surface, colour, at, r)
            return
        points: list[tuple[float, float]]
        if shape == "square":
            points = [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)]
        elif shape == "back":
            ahead = link.at(max(0.0, where - 0.01))
            angle = math.atan2(ahead[1] - y, ahead[0] - x)
            points = [
                (x + r * 1.2 * math.cos(angle + turn), y + r * 1.2 * math.sin(angle + turn))
                for turn in (0.0, 2.4, -2.4)
            ]
        else:  # a diamond, with a ring that pulses as it travels
            points = [(x, y - r - 2), (x + r + 2, y), (x, y + r + 2), (x - r - 2, y)]
            ring = r + 2 + round(r * 0.8 * ((t * 3) % 1.0))
            pygame.draw.circle(self.surface, colour, at, ring, width=self.theme.line)
        pygame.draw.polygon(self.surface, colour, points)
        pygame.draw.polygon(self.surface, dark, points, width=self.theme.line)

    def complaint(self, link: Link, where: float) -> None:
        """A complaint: a warning dot with '!' in it, coming back as work."""
        at = link.at(where)
        if not self.clear(at):
            return
        theme = self.theme
        pygame.draw.circle(self.surface, theme.palette.background, at, self.radius + theme.line)
        pygame.draw.circle(self.surface, theme.palette.warn, at, self.radius)
        image = theme.text("!", 0.8, theme.palette.background, "bold")
        self.surface.blit(image, image.get_rect(center=at))


def draw_flow(
    surface: pygame.Surface, theme: Theme, graph: GraphView, after: Snapshot, t: float
) -> None:
    """Draw the markers of the turn that `after` is the result of."""
    if t >= 1.0 or after.report is None:
        return
    palette = theme.palette
    markers = Markers(surface, theme, graph)
    busiest = max([h.handed for h in after.handoffs] + [c.delivered for c in after.customers] + [1])
    for handoff in after.handoffs:
        key = handoff.key
        link = graph.links[key]
        label = markers.behind(link, graph.chips[key])
        room = _room(link, markers.radius)
        n = _markers(handoff.handed, busiest, room)
        bad = _markers(handoff.defective, busiest, n) if handoff.defective else 0
        for k in range(n):
            where = _along(link, t, k, n)
            if where is not None:
                shape, colour = ("diamond", palette.bad) if k < bad else ("dot", palette.info)
                markers.draw(shape, colour, link, where, t, label)
        back = _markers(handoff.caught, busiest, room)
        for k in range(back):
            where = _along(link, max(0.0, t - 0.3) / 0.7, k, back, back=True)
            if where is not None:
                markers.draw("back", palette.warn, link, where, t, label)
    served = {c.id: (c.served_by, c.complaints_to or c.enters_at) for c in graph.scenario.customers}
    for view in after.customers:
        target = graph.customers[view.id]
        icon = (target.x + target.height // 2, target.centery)
        source, desk = served[view.id]
        delivery = Link(graph.nodes[source].center, icon)
        room = _room(delivery, markers.radius)
        n = _markers(view.delivered, busiest, room)
        unhappy = view.late + view.defective
        sad = _markers(unhappy, busiest, n) if unhappy else 0
        for k in range(n):
            where = _along(delivery, t, k, n)
            if where is not None:
                shape, colour = ("square", palette.warn) if k < sad else ("dot", palette.good)
                markers.draw(shape, colour, delivery, where, t)
        if view.complaints:
            complaints = Link(icon, graph.nodes[desk].center)
            count = _markers(view.complaints, busiest, _room(complaints, markers.radius))
            for k in range(count):
                where = _along(complaints, max(0.0, t - 0.4) / 0.6, k, count)
                if where is not None:
                    markers.complaint(complaints, where)
