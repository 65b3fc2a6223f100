"""The play screen's panels: scoreboard, decisions, turn log and the inspect card."""

from __future__ import annotations

import math

import pygame

from ripple.ui.draw.graph import rating_colour
from ripple.ui.draw.panel_views import (
    CardView,
    DecisionsView,
    LogView,
    MoneyView,
    Places,
    StatusView,
)
from ripple.ui.theme import Theme
from ripple.ui.widgets import ListView, bar, blit, draw_label, panel

STATUS_SCALES = (1.0, 0.85, 0.72)
"""The status bar's text sizes, largest first: smaller text before anything is cut."""


def draw_status(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, view: StatusView) -> None:
    """Scoreboard, then the title if there is room: smaller text before anything is cut."""
    palette = theme.palette
    pygame.draw.rect(surface, palette.panel, rect)
    pad = theme.unit
    entries = list(view.entries)
    meter = round(theme.unit * 4)

    def width(scale: float) -> int:
        font = theme.font(theme.size(scale), "bold")
        return sum(
            font.size(text)[0] + pad + (meter + pad // 2 if share is not None else 0)
            for text, share in entries
        )

    def title_width(scale: float) -> int:
        return theme.font(theme.size(scale * 1.2), "bold").size(view.title)[0] + pad

    # The largest text at which the scores and the whole title fit; else the scores alone.
    scale = next(
        (s for s in STATUS_SCALES if width(s) + title_width(s) <= rect.width - pad),
        next((s for s in STATUS_SCALES if width(s) <= rect.width - pad), STATUS_SCALES[-1]),
    )
    font = theme.font(theme.size(scale), "bold")
    needed = width(scale)
    while len(entries) > 1 and needed > rect.width - pad:  # a narrow window: the least go
        text, share = entries.pop()
        needed -= font.size(text)[0] + pad + (meter + pad // 2 if share is not None else 0)
    title = view.title
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
        colour = palette.focus if index == 0 and view.lead else None
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


BANNER_SCALES = (1.8, 1.4, 1.1)
"""The banner's text sizes, largest first."""


def _places(box: pygame.Rect, area: pygame.Rect) -> list[pygame.Rect]:
    """Where a banner may go in `area`, best first: along the top, the foot, the middle."""
    places = []
    for y in ("top", "bottom", "centery"):
        for x in ("centerx", "right", "x"):
            place = box.copy()
            setattr(place, y, getattr(area, y))
            setattr(place, x, getattr(area, x))
            places.append(place)
    return places


def draw_banner(
    surface: pygame.Surface,
    theme: Theme,
    where: Places,
    text: str,
    avoid: tuple[pygame.Rect, ...] = (),
) -> pygame.Rect | None:
    """A big line for a moment (whose turn it is now, or that play is paused), where it hides
    no department or customer: at the top of the graph, else at its foot, else over the log.
    Returns where it went; it keeps clear of `avoid` too (an inspect card)."""
    if not text:
        return None
    palette = theme.palette
    area = where.area.inflate(-theme.unit, -theme.unit)
    taken = [*where.departments, *where.customers, *avoid]
    for scale in BANNER_SCALES:  # smaller before it covers anything
        image = theme.text(text, scale, palette.background, "bold")
        box = image.get_rect().inflate(theme.unit * 2, theme.unit)
        free = [
            place
            for place in _places(box, area)
            if area.contains(place) and place.collidelist(taken) < 0
        ]
        if free:
            box = free[0]
            break
    else:
        box.center = where.log.center
    panel(surface, box, palette.focus, radius=box.height // 3)
    surface.blit(image, image.get_rect(center=box.center))
    return box


BUTTONS = {"debrief": "Debrief  [D]", "working": "Working…", "end": "End turn  [E]"}
"""The End turn button's label in each state."""

ROW_SCALES = (0.9, 0.75)
"""The sizes of a decision's name and its cost in the list."""

PREVIEW_SCALES = (0.8, 0.75)
"""The sizes of the highlighted choice's name and of what it does, under the list."""


def preview_rooms(theme: Theme) -> tuple[int, int]:
    """The room the preview wants under the list, most first: the highlighted choice's name
    and two lines of what it does; at the least those two lines (its row names it)."""
    pad = theme.unit // 2
    name, line = theme.leading(PREVIEW_SCALES[0], "bold"), theme.leading(PREVIEW_SCALES[1])
    return pad + name + 2 * line, pad + 2 * line


def place_decisions(rows: ListView, space: pygame.Rect, theme: Theme) -> dict[str, pygame.Rect]:
    """Lay the decisions (or the targets of one) out in `space`, down to the End turn button:
    every choice in view comes first, so a projector's list does not scroll; the preview of
    the highlighted one takes the room left under them. Returns the rows' hotspots."""
    return rows.place(
        space,
        round(theme.unit * 1.9),
        3,
        theme,
        keep=preview_rooms(theme),
        tight=True,
        scales=ROW_SCALES,
    )


def draw_decisions(
    surface: pygame.Surface, theme: Theme, where: Places, rows: ListView, view: DecisionsView
) -> None:
    """The decisions column: the menu (or the targets of one choice) as `rows`, the choices
    already made ticked, a preview of the highlighted choice in the room the rows leave, what
    is chosen, End turn."""
    palette = theme.palette
    side = where.side
    pygame.draw.rect(surface, palette.panel, side)
    pad = theme.unit // 2
    blit(surface, theme, view.heading, (side.x + pad, side.y + pad), scale=1.2, face="bold")
    blit(
        surface,
        theme,
        f"left {view.left}",
        (side.right - pad, side.y + pad),
        colour=palette.focus,
        face="bold",
        anchor="topright",
    )
    rows.draw(surface, theme, marked=view.marked)
    top = max(where.preview.y, rows.bottom + pad)  # below the rows shown, wherever they end
    area = pygame.Rect(where.preview.x, top, where.preview.width, where.preview.bottom - top)
    named, told = PREVIEW_SCALES
    step = theme.leading(told)
    chosen = [w for text in view.chosen for w in theme.wrap(text, area.width, told)]
    kept = min(len(chosen) * step, area.height // 2)  # what is chosen keeps room of its own
    if view.preview is not None:
        room = pygame.Rect(area.x, area.y, area.width, area.height - kept - pad // 2)
        lines = [
            w
            for text in (view.preview.description, view.preview.terms)
            for w in theme.wrap(text, area.width, told)
        ]
        y = room.y
        if room.height >= theme.leading(named, "bold") + 2 * step:  # else its row names it
            name = theme.wrap(view.preview.name, area.width, named, "bold")
            y = _lines(surface, theme, name, room, named, palette.text, "bold")
        _lines(surface, theme, lines, room.clip(room.move(0, y - room.y)), told, palette.muted)
    if chosen:
        _lines(
            surface, theme, chosen, area.clip(area.move(0, area.height - kept)), told, palette.good
        )
    end = where.end
    colour = {"debrief": palette.chosen, "working": palette.raised}.get(view.button, palette.good)
    panel(surface, end, colour, edge=palette.text, width=theme.line)
    blit(
        surface,
        theme,
        BUTTONS[view.button],
        end.center,
        scale=1.1,
        face="bold",
        anchor="center",
        colour=(255, 255, 255),
    )


def _lines(
    surface: pygame.Surface,
    theme: Theme,
    lines: list[str],
    room: pygame.Rect,
    scale: float,
    colour: tuple[int, int, int],
    face: str = "regular",
) -> int:
    """Draw `lines` down `room`, none of them out of it. When they do not all fit, the last
    line that fits ends in "…", so nothing goes missing unmarked. Returns the y below the
    last line drawn."""
    y = room.y
    height = theme.leading(scale, face)
    for index, line in enumerate(lines):
        if y + height > room.bottom:
            break
        if index < len(lines) - 1 and y + 2 * height > room.bottom:
            line = theme.fit(f"{line} …", room.width, scale, face)
            return blit(
                surface, theme, line, (room.x, y), scale=scale, colour=colour, face=face
            ).bottom
        y = blit(surface, theme, line, (room.x, y), scale=scale, colour=colour, face=face).bottom
    return y


def draw_log(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, view: LogView) -> None:
    """The last turn's most telling lines (after any message for the player): each sentence
    whole, wrapped; the sentences with no room left are counted, not lost, and the end of the
    last row says where the whole turn is told."""
    palette = theme.palette
    pygame.draw.rect(surface, palette.panel, rect)
    pygame.draw.line(surface, palette.edge, rect.topleft, rect.topright, theme.line)
    pad = theme.unit
    top = rect.y + pad // 2
    step = theme.font(theme.size(0.95)).get_linesize() + 2
    rows = max(1, (rect.bottom - top) // step)
    width = rect.width - 2 * pad
    marks = f"+99 more · {view.hint}" if view.hint else "+99 more"
    mark = theme.width(marks, 0.8, "bold") + pad
    widths = [width] * (rows - 1) + [width - mark]  # the marks end the last row
    blocks = [(view.said, palette.warn)] if view.said else []
    blocks += [(line, palette.text) for line in view.lines]
    used = shown = 0
    for text, colour in blocks:
        parts = _wrap_rows(theme, text, widths[used:], 0.95)
        if parts is None:
            if used:
                break
            parts = theme.wrap(text, width - mark, 0.95)[:rows]  # no room even alone
            parts[-1] = theme.fit(parts[-1] + " …", width - mark, 0.95)
        for k, line in enumerate(parts):
            blit(surface, theme, line, (pad, top + (used + k) * step), scale=0.95, colour=colour)
        used += len(parts)
        shown += 1
    more = len(blocks) - shown
    if not more and not view.hint:
        return
    counted = f"+{more} more" + (" · " if view.hint else "") if more else ""
    x = rect.right - pad - theme.width(counted, 0.8) - theme.width(view.hint, 0.8, "bold")
    row = top + (rows - 1) * step  # on the last row's baseline
    y = row + theme.font(theme.size(0.95)).get_ascent() - theme.font(theme.size(0.8)).get_ascent()
    if counted:
        x = blit(surface, theme, counted, (x, y), scale=0.8, colour=palette.muted).right
    if view.hint:
        blit(surface, theme, view.hint, (x, y), scale=0.8, face="bold", colour=palette.info)


def _wrap_rows(theme: Theme, text: str, widths: list[int], scale: float) -> list[str] | None:
    """`text` wrapped onto rows of the given `widths`, in order; None if it needs more rows
    than there are."""
    if not widths:
        return None
    font = theme.font(theme.size(scale))
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if not line or font.size(trial)[0] <= widths[len(lines)]:
            line = trial
            continue
        lines.append(line)
        if len(lines) == len(widths):
            return None
        line = word
    lines.append(line)
    return lines if len(lines) <= len(widths) else None


def draw_money(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, view: MoneyView) -> None:
    """This turn's money under the external customers: a muted heading, what came in, what
    failure cost and what that failure was. Each line shrinks, then wraps, to show whole."""
    palette = theme.palette
    detail = [" · ".join(view.detail)]
    if theme.width(detail[0], 0.75) > rect.width:  # one item a line rather than one split
        detail = list(view.detail)
    y = rect.y
    for text, scale, colour, face in (
        (view.heading, 0.85, palette.muted, "regular"),
        (view.earned, 0.85, palette.good, "bold"),
        (view.lost, 0.85, palette.warn, "bold"),
        *((line, 0.75, palette.muted, "regular") for line in detail),
    ):
        label = theme.label(text, rect.width, max(0, rect.bottom - y), scale, face=face)
        y = draw_label(surface, theme, label, (rect.x, y), colour=colour).bottom + 2


def draw_inspect(
    surface: pygame.Surface, theme: Theme, where: Places, card: CardView
) -> pygame.Rect:
    """A card about the inspected department, hand-off or customer, beside it on the graph,
    clear of the external customers' column. Returns where it went."""
    palette = theme.palette
    pad = theme.unit // 2
    area = where.area
    anchor = pygame.Rect(card.anchor)
    beside = max(area.right - anchor.right, anchor.left - area.left) - 2 * pad
    widest = min(area.width - 2 * pad, round(theme.unit * 30), round(area.width * 0.62))
    width = max(min(widest, beside), min(widest, round(theme.unit * 16)))  # beside it if it can
    wrapped = [w for line in card.lines for w in theme.wrap(line, width - 2 * pad, 0.8)]
    titles = theme.wrap(card.title, width - 2 * pad, 1.0, "bold")
    line = theme.text("Ag", 0.8).get_height() + 4
    heading = theme.text("Ag", 1.0, None, "bold").get_height() * len(titles)
    height = pad + heading + 2 + len(wrapped) * line
    box = _beside(
        anchor,
        (width, height),
        area,
        pad,
        [*where.departments, *where.chips, *where.customers],
    )
    panel(surface, box, palette.raised, edge=palette.focus, width=theme.line * 2)
    y = box.y + pad // 2
    for text in titles:
        y = blit(surface, theme, text, (box.x + pad, y), face="bold").bottom
    y += 2
    for text in wrapped:
        y = blit(surface, theme, text, (box.x + pad, y), scale=0.8).bottom + 4
    return box


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
