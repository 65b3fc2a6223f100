"""The play screen's panels: scoreboard, decisions, turn log and the inspect card."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pygame

from ripple.engine import Ripple
from ripple.ui.draw.graph import rating_colour
from ripple.ui.session import Session
from ripple.ui.theme import Theme
from ripple.ui.widgets import bar, blit, panel

if TYPE_CHECKING:
    from ripple.ui.scenes.play import PlayScene


def _scoreboard(scene: PlayScene) -> list[tuple[str, float | None]]:
    """The scoreboard's entries, most important first: (text, meter share or None)."""
    session = scene.session
    after = session.after
    entries: list[tuple[str, float | None]] = []
    if session.mode != "single":
        entries.append((f"{session.team}'s turn", None))
    if scene.time_left is not None and not session.over:
        seconds = max(0, int(scene.time_left))
        entries.append((f"{seconds // 60}:{seconds % 60:02d} left", None))
    if scene.paused:
        entries.append(("PAUSED", None))
    turn = (
        f"Game over: {after.turns} turns"
        if session.over
        else f"Turn {min(after.turn + 1, after.turns)} of {after.turns}"
    )
    entries += [(turn, None), (f"Budget {session.budget_left} of {session.budget}", None)]
    if scene.scores_hidden:
        return [*entries, ("scores hidden (S)", None)]
    customers = after.customers
    weights = [max(c.arrived, 1) for c in customers]
    satisfaction = sum(c.satisfaction * w for c, w in zip(customers, weights, strict=True)) / sum(
        weights
    )
    internal = [h.satisfaction for h in after.handoffs]
    lost = 1.0 - min((c.remaining for c in customers), default=1.0)
    return [
        *entries,
        (f"Customers {satisfaction:.0%}", satisfaction),
        (f"Complaints {sum(c.complaints for c in customers)}", None),
        (f"Churn {lost:.0%}", None),
        (f"Internal {sum(internal) / len(internal):.0%}" if internal else "Internal -", None),
    ]


def draw_status(surface: pygame.Surface, theme: Theme, scene: PlayScene) -> None:
    """Scoreboard, then the title if there is room: smaller text before anything is cut."""
    palette = theme.palette
    rect = scene.status
    pygame.draw.rect(surface, palette.panel, rect)
    pad = theme.unit
    entries = _scoreboard(scene)
    meter = round(theme.unit * 4)
    for scale in (1.0, 0.85, 0.72):
        font = theme.font(theme.size(scale), "bold")
        needed = sum(
            font.size(text)[0] + pad + (meter + pad // 2 if share is not None else 0)
            for text, share in entries
        )
        if needed <= rect.width - pad:
            break
    while len(entries) > 1 and needed > rect.width - pad:  # a narrow window: the least go
        text, share = entries.pop()
        needed -= font.size(text)[0] + pad + (meter + pad // 2 if share is not None else 0)
    title = scene.session.scenario.title
    if scene.session.first is not None:
        title = f"What if · {title}"
    room = rect.width - needed - pad
    x = pad
    if room > theme.unit * 5:
        shown = theme.fit(title, room, scale * 1.2, "bold")
        x = (
            blit(
                surface,
                theme,
                shown,
                (x, rect.centery),
                scale=scale * 1.2,
                face="bold",
                colour=palette.info,
                anchor="midleft",
            ).right
            + pad
        )
        x = max(x, rect.width - needed)
    for index, (text, share) in enumerate(entries):
        colour = palette.focus if index == 0 and scene.session.mode != "single" else None
        x = (
            blit(
                surface,
                theme,
                text,
                (x, rect.centery),
                scale=scale,
                face="bold",
                colour=colour,
                anchor="midleft",
            ).right
            + pad // 2
        )
        if share is not None:
            gauge = pygame.Rect(x, rect.centery - pad // 3, meter, round(2 * pad / 3))
            bar(surface, gauge, share, rating_colour(theme, share), theme)
            x = gauge.right + pad // 2
        x += pad // 2


def draw_banner(surface: pygame.Surface, theme: Theme, scene: PlayScene) -> None:
    """A big line over the graph for a moment: whose turn it is now, or that play is paused."""
    text = "Paused: P resumes" if scene.paused else scene.banner if scene.banner_time > 0 else ""
    if not text:
        return
    palette = theme.palette
    image = theme.text(text, 1.8, palette.background, "bold")
    box = image.get_rect().inflate(theme.unit * 2, theme.unit)
    box.midtop = (scene.area.centerx, scene.area.y + theme.unit)
    panel(surface, box, palette.focus, radius=box.height // 3)
    surface.blit(image, image.get_rect(center=box.center))


def draw_decisions(surface: pygame.Surface, theme: Theme, scene: PlayScene) -> None:
    """The decisions column: the menu (or the targets of one choice), a preview, End turn."""
    palette = theme.palette
    session = scene.session
    side = scene.side
    pygame.draw.rect(surface, palette.panel, side)
    pad = theme.unit // 2
    heading = "Aim it at…" if scene.targeting else "Decisions"
    blit(surface, theme, heading, (side.x + pad, side.y + pad), scale=1.2, face="bold")
    blit(
        surface,
        theme,
        f"left {session.budget_left}",
        (side.right - pad, side.y + pad),
        colour=palette.focus,
        face="bold",
        anchor="topright",
    )
    rows = scene.targets if scene.targeting else scene.menu
    rows.draw(surface, theme, scale=0.9, note_scale=0.75)
    area = scene.preview
    y = area.y
    width = area.width
    intervention = scene.targeting or (
        session.game.menu.interventions.get(rows.current.name) if rows.current else None
    )
    if intervention is not None:
        when = "this turn" if intervention.lag == 0 else f"after {intervention.lag} turn(s)"
        lasts = f", lasts {intervention.duration} turns" if intervention.duration else ""
        fades = ", fades without refreshers" if intervention.fade else ""
        y = blit(
            surface,
            theme,
            theme.fit(intervention.name, width, 0.8, "bold"),
            (area.x, y),
            scale=0.8,
            face="bold",
        ).bottom
        lines = theme.wrap(intervention.description, width, 0.75)[:3]
        lines += theme.wrap(f"cost {intervention.cost}, works {when}{lasts}{fades}", width, 0.75)
        for line in lines:
            y = blit(surface, theme, line, (area.x, y), scale=0.75, colour=palette.muted).bottom
    if session.chosen:
        y += pad // 2
        for decision in session.chosen[-4:]:
            name = session.game.menu.interventions[decision.intervention].name
            text = f"✓ {name}: {session.game.menu.target_name(decision.target)}"
            y = blit(
                surface,
                theme,
                theme.fit(text, width, 0.75),
                (area.x, y),
                scale=0.75,
                colour=palette.good,
            ).bottom
    end = scene.hotspots["end_turn"]
    if session.over:
        label, colour = "Debrief  [D]", palette.chosen
    elif session.resolving:
        label, colour = "Working…", palette.raised
    else:
        label, colour = "End turn  [E]", palette.good
    panel(surface, end, colour, edge=palette.text, width=theme.line)
    blit(
        surface,
        theme,
        label,
        end.center,
        scale=1.1,
        face="bold",
        anchor="center",
        colour=(255, 255, 255),
    )


def draw_log(
    surface: pygame.Surface, theme: Theme, rect: pygame.Rect, session: Session, message: str
) -> None:
    """The last turn in plain words (and any message for the player)."""
    palette = theme.palette
    pygame.draw.rect(surface, palette.panel, rect)
    pygame.draw.line(surface, palette.edge, rect.topleft, rect.topright, theme.line)
    pad = theme.unit
    y = rect.y + pad // 2
    report = session.after.report
    width = rect.width - 2 * pad
    said = theme.wrap(message, width, 0.95) if message else []
    lines = list(said)
    if report is None:
        lines.append("Choose your decisions for turn 1, then End turn (E). F1 lists every key.")
    else:
        lines += [f"Turn {report.turn}: {line}" for line in report.log] or [
            f"Turn {report.turn}: a quiet turn."
        ]
    step = theme.font(theme.size(0.95)).get_linesize() + 2
    fits = max(1, (rect.bottom - y) // step)
    for index, line in enumerate(lines[:fits]):
        colour = palette.warn if index < len(said) else palette.text
        text = theme.fit(line, width, 0.95)
        y = blit(surface, theme, text, (pad, y), scale=0.95, colour=colour).bottom + 2


def _inspect_lines(scene: PlayScene) -> tuple[str, list[str]]:
    session = scene.session
    after = session.after
    kind, _, key = (scene.inspected or "").partition(":")
    menu = session.game.menu
    if kind == "dept":
        d = next(v for v in after.departments if v.id == key)
        suppliers = [menu.target_name(h.supplier) for h in after.handoffs if h.customer == key]
        customers = [menu.target_name(h.customer) for h in after.handoffs if h.supplier == key]
        return d.name, [
            f"capacity {d.capacity:.0f} a turn (planned {d.base_capacity:.0f}), queue {d.queue}",
            f"quality {d.quality:.0%}, morale {d.morale:.0%}",
            f"this turn: finished {d.processed}, made {d.defects_made} defects, "
            f"got {d.sent_back} back for rework",
            "internal customers: " + (", ".join(customers) or "none (serves customers directly)"),
            "depends on: " + (", ".join(suppliers) or "nobody inside"),
            *_ripple_lines(session, session.ripples(department=key)[:3], "Ripples it started:"),
        ]
    if kind == "handoff":
        supplier, _, customer = key.partition("->")
        h = next(v for v in after.handoffs if v.supplier == supplier and v.customer == customer)
        return f"{menu.target_name(supplier)} → {menu.target_name(customer)}", [
            f"internal customer satisfaction {h.satisfaction:.0%}",
            f"this turn: {h.handed} handed on, {h.defective} with defects, {h.caught} sent back",
            f"in transit {h.in_transit}, lag {h.lag} turn(s), communication {h.communication:.0%}",
        ]
    c = next(v for v in after.customers if v.id == key)
    lines = [
        f"{c.mood}: satisfaction {c.satisfaction:.0%}, {c.remaining:.0%} still with you",
        f"this turn: {c.delivered} delivered, {c.on_time_and_right} on time and right, "
        f"{c.late} late, {c.defective} with defects, {c.complaints} complaints",
    ]
    ripples = session.ripples(customer=key)[:3]
    return c.name, lines + _ripple_lines(session, ripples, "Why? The biggest ripples so far:")


def _ripple_lines(session: Session, ripples: list[Ripple], heading: str) -> list[str]:
    """A heading and one line per ripple: how many, what kind, from where, along which chain."""
    if not ripples:
        return []
    menu = session.game.menu
    customers = {c.id: c.name for c in session.scenario.customers}
    what = {"late": "late", "defective": "defective", "lost": "given up"}
    return [heading] + [
        f"{r.weight:.0f} {what[r.kind]}: "
        + " → ".join([*(menu.target_name(d) for d in r.chain), customers[r.customer]])
        for r in ripples
    ]


def draw_inspect(surface: pygame.Surface, theme: Theme, scene: PlayScene) -> None:
    """A card about the inspected department, hand-off or customer, over the graph's foot."""
    palette = theme.palette
    title, lines = _inspect_lines(scene)
    pad = theme.unit // 2
    width = min(scene.area.width - 2 * pad, round(theme.unit * 30), round(scene.area.width * 0.62))
    wrapped = [w for line in lines for w in theme.wrap(line, width - 2 * pad, 0.8)]
    line = theme.text("Ag", 0.8).get_height() + 4
    height = pad + theme.text("Ag", 1.0, None, "bold").get_height() + 2 + len(wrapped) * line
    card = _beside(
        scene.hotspots[scene.inspected or ""],
        (width, height),
        scene.area.union(scene.column),
        pad,
        [*scene.graph.nodes.values(), *scene.graph.chips.values(), *scene.graph.customers.values()],
    )
    panel(surface, card, palette.raised, edge=palette.focus, width=theme.line * 2)
    y = (
        blit(
            surface,
            theme,
            theme.fit(title, width - 2 * pad, 1.0, "bold"),
            (card.x + pad, card.y + pad // 2),
            face="bold",
        ).bottom
        + 2
    )
    for line in wrapped:
        y = blit(surface, theme, line, (card.x + pad, y), scale=0.8).bottom + 4


def _beside(
    anchor: pygame.Rect,
    size: tuple[int, int],
    bounds: pygame.Rect,
    gap: int,
    avoid: list[pygame.Rect],
) -> pygame.Rect:
    """A card of `size` inside `bounds`: beside `anchor` or in a corner, wherever it covers
    least of `avoid` (the departments and hand-off labels), the nearest of those."""
    card = pygame.Rect((0, 0), size)
    spots = {
        "topleft": (anchor.right + gap, anchor.top),
        "topright": (anchor.left - gap, anchor.top),
        "midtop": (anchor.centerx, anchor.bottom + gap),
        "midbottom": (anchor.centerx, anchor.top - gap),
    }
    places = []
    for handle, point in spots.items():
        place = card.copy()
        setattr(place, handle, point)
        places.append(place.clamp(bounds))
    for corner in ("topleft", "topright", "bottomleft", "bottomright"):
        place = card.copy()
        setattr(place, corner, getattr(bounds.inflate(-2 * gap, -2 * gap), corner))
        places.append(place)

    def cost(place: pygame.Rect) -> tuple[int, float]:
        covered = sum(place.clip(r).width * place.clip(r).height for r in [*avoid, anchor])
        return covered, math.dist(place.center, anchor.center)

    return min(places, key=cost)
