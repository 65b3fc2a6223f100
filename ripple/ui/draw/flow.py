"""Work visibly moving while a turn plays out: items along hand-offs, defects as pulsing
ripples, caught work going back, deliveries reaching customers and complaints coming back
as work. Everything is a function of the animation's progress `t` (0 to 1)."""

from __future__ import annotations

import pygame

from ripple.engine import Snapshot
from ripple.ui.draw.geometry import Link
from ripple.ui.draw.graph import GraphView
from ripple.ui.theme import Colour, Theme

DOTS = 6
"""At most this many markers per stream: enough to see a flow, few enough to count."""


def _markers(count: int, total: int) -> int:
    return 0 if count <= 0 else max(1, round(DOTS * min(1.0, count / max(1, total))))


def _along(link: Link, t: float, k: int, n: int, *, back: bool = False) -> tuple[int, int] | None:
    """Marker k of n: they set off one after another and all arrive by t = 1."""
    start = k / max(1, n) * 0.35
    progress = (t - start) / 0.65
    if not 0.0 <= progress <= 1.0:
        return None
    return link.at(1.0 - progress if back else progress)


def _dot(surface: pygame.Surface, colour: Colour, at: tuple[int, int], radius: int) -> None:
    pygame.draw.circle(surface, colour, at, radius)


def _defect(
    surface: pygame.Surface, colour: Colour, at: tuple[int, int], radius: int, t: float
) -> None:
    """A defect: a diamond with a ring that pulses as it travels."""
    x, y = at
    pygame.draw.polygon(
        surface, colour, [(x, y - radius), (x + radius, y), (x, y + radius), (x - radius, y)]
    )
    ring = radius + round(radius * 1.5 * ((t * 3) % 1.0))
    pygame.draw.circle(surface, colour, at, ring, width=max(1, radius // 3))


def _complaint(surface: pygame.Surface, theme: Theme, at: tuple[int, int], radius: int) -> None:
    pygame.draw.circle(surface, theme.palette.warn, at, radius)
    image = theme.text("!", 0.7, theme.palette.background, "bold")
    surface.blit(image, image.get_rect(center=at))


def draw_flow(
    surface: pygame.Surface, theme: Theme, graph: GraphView, after: Snapshot, t: float
) -> None:
    """Draw the markers of the turn that `after` is the result of."""
    if t >= 1.0 or after.report is None:
        return
    palette = theme.palette
    radius = max(3, theme.unit // 3)
    busiest = max([h.handed for h in after.handoffs] + [c.delivered for c in after.customers] + [1])
    for view in after.handoffs:
        link = graph.links[f"{view.supplier}->{view.customer}"]
        n = _markers(view.handed, busiest)
        bad = _markers(view.defective, busiest) if view.defective else 0
        for k in range(n):
            at = _along(link, t, k, n)
            if at is None:
                continue
            if k < bad:
                _defect(surface, palette.bad, at, radius, t)
            else:
                _dot(surface, palette.info, at, radius)
        for k in range(_markers(view.caught, busiest)):
            at = _along(link, max(0.0, t - 0.3) / 0.7, k, DOTS, back=True)
            if at is not None:
                _defect(surface, palette.warn, at, radius, t)
    served = {c.id: (c.served_by, c.complaints_to or c.enters_at) for c in graph.scenario.customers}
    for view in after.customers:
        target = graph.customers[view.id]
        icon = (target.x + target.height // 2, target.centery)
        source, desk = served[view.id]
        delivery = Link(graph.nodes[source].center, icon)
        n = _markers(view.delivered, busiest)
        unhappy = _markers(view.late + view.defective, busiest) if view.late + view.defective else 0
        for k in range(n):
            at = _along(delivery, t, k, n)
            if at is not None:
                colour = palette.warn if k < unhappy else palette.good
                _dot(surface, colour, at, radius)
        if view.complaints:
            back = Link(icon, graph.nodes[desk].center)
            for k in range(_markers(view.complaints, busiest)):
                at = _along(back, max(0.0, t - 0.4) / 0.6, k, DOTS)
                if at is not None:
                    _complaint(surface, theme, at, radius + 2)
