"""The debrief's own-numbers page: what each department was rewarded on and its own number on
that measure over the game, against the share of the harm to customers it started. The
department that looked good on its own number yet started much of the harm stands out."""

from __future__ import annotations

import pygame

from ripple.engine import Game
from ripple.engine.state import HARM_WORDS
from ripple.report.standings import Standing, standings
from ripple.ui.draw.charts import Canvas
from ripple.ui.scenes.debrief_layout import intro, labelled_bar, two_lines
from ripple.ui.theme import FLOOR
from ripple.ui.widgets import panel

NUMBERS_HEADINGS = (
    "Department",
    "Rewarded on: its own number",
    "Harm to customers it started",
)
"""The headings of the page's three columns."""

OPENING = (
    "What each department was rewarded on, and its own number on that measure over the game, "
    "next to the harm to customers it started."
)
"""The page's opening sentence."""

USUAL = (0.36, 0.30, 0.34)
"""The usual shares of the width of the three columns: what is left over after each has
what its words need is shared out so."""


def draw_numbers(canvas: Canvas, area: pygame.Rect, game: Game) -> None:
    """Each department's measure and own number against the share of customer harm it
    started, the good-on-its-own-number-but-harmful first."""
    theme = canvas.theme
    pad = theme.unit // 2
    rows = standings(game)
    y = intro(canvas, area, OPENING) + pad
    # the rows' height is worked out as if the headings took two lines: never more than
    # they get, so a verdict laid out for it fits
    headings = canvas.lines(2, 0.8, "bold")
    height = _row_height(canvas, area.bottom - y - headings - pad // 2, len(rows))
    columns = _numbers_columns(canvas, area, rows, height - pad // 2)
    below = y + canvas.height(0.8)
    for rect, heading in zip(columns, NUMBERS_HEADINGS, strict=True):
        laid = canvas.lay(heading, rect.width - pad, headings, 0.8, face="bold")
        at = (rect.x + pad, y)
        below = max(below, canvas.label(laid, at, colour=theme.palette.muted).bottom)
    y = below + pad // 2
    height = _row_height(canvas, area.bottom - y, len(rows))
    shown = rows[: max(1, (area.bottom - y) // height)]
    if len(shown) < len(rows):
        shown = rows[: max(1, (area.bottom - y - canvas.height(0.75)) // height)]
    for k, standing in enumerate(shown):
        rect = pygame.Rect(area.x, y + k * height, area.width, height - pad // 2)
        _draw_standing(canvas, rect, columns, standing)
    if len(shown) < len(rows):
        more = f"and {len(rows) - len(shown)} more with less harm"
        canvas.text(more, (area.right, area.bottom), scale=0.75, anchor="bottomright")


def _row_height(canvas: Canvas, room: int, count: int) -> int:
    """How tall each of `count` department rows sharing `room` is, the gap under it included."""
    unit = canvas.theme.unit
    return max(round(unit * 3.2), min(round(unit * 4.4), room // max(1, count)))


def _row_edge(canvas: Canvas, standing: Standing) -> int:
    """How thick a department row's edge is: a flagged row's is thick."""
    return canvas.theme.line * (3 if standing.flagged else 1)


def _verdict_room(canvas: Canvas, standing: Standing, height: int) -> int:
    """The height a row `height` tall leaves for the verdict under the department's name."""
    return height - 2 * _row_edge(canvas, standing) - canvas.height(1.1)


def own_words(standing: Standing) -> str:
    """What a department was rewarded on and its own number: 'Throughput: 88%', or
    'Throughput, then right first time from turn 4: 85%'."""
    measure = standing.measure
    measure = measure[0].upper() + measure[1:]
    if standing.own is None:
        return measure
    return f"{measure}: {standing.own:.0%}"


def _harm_words(standing: Standing) -> str:
    """The share of the harm a department started, and of what kinds."""
    kinds = ", ".join(
        f"{count} {HARM_WORDS[k]}" for k, count in sorted(standing.kinds.items()) if count
    )
    return f"{standing.harm:.0%} of the harm" + (f": {kinds}" if kinds else "")


def _numbers_columns(
    canvas: Canvas, area: pygame.Rect, rows: list[Standing], height: int
) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
    """Left to right: the department and verdict, its own number, the harm it started, in
    rows `height` tall. Each column first gets what its words need at the floor: the names,
    and the verdicts on one line where they can be, else on as many lines as their rows
    hold; the own numbers on one line (up to their usual share: a measure that changed
    wraps), their heading too if there is room; the harm on one line where it can be, else
    on two over a thinner bar; each heading on two lines. What is left is shared out by the
    usual shares; when the needs do not fit, the verdicts give way (cut only as a last
    resort)."""
    theme = canvas.theme
    pad = theme.unit // 2
    heads = [two_lines(theme, h, "bold") + pad for h in NUMBERS_HEADINGS]
    names = [heads[0], *(theme.width(r.name, FLOOR, "bold") + 2 * pad for r in rows)]
    one, least = list(names), list(names)
    for row in rows:
        icon, _, words = row.verdict()
        beside = canvas.width(icon, 0.85, "symbols") + pad // 2 + 2 * pad
        one.append(beside + theme.width(words, FLOOR))
        two = _verdict_room(canvas, row, height) >= canvas.lines(2, FLOOR)
        least.append(beside + (two_lines(theme, words) if two else theme.width(words, FLOOR)))
    own = max([heads[1], *(theme.width(own_words(r), FLOOR) + 2 * pad for r in rows)])
    own = min(own, round(area.width * USUAL[1]))
    harms = [heads[2], *(theme.width(_harm_words(r), FLOOR) + 2 * pad for r in rows)]
    wrapped = [heads[2], *(two_lines(theme, _harm_words(r)) + 2 * pad for r in rows)]
    # the verdicts and the harm on one line where they can be, the harm first
    tries = [(one, harms), (least, harms), (one, wrapped), (least, wrapped)]
    first, harm = next(
        ((max(a), max(b)) for a, b in tries if max(a) + own + max(b) <= area.width),
        (max(least), max(wrapped)),
    )
    # room to spare puts the own number's heading on one line first
    heading = theme.width(NUMBERS_HEADINGS[1], FLOOR, "bold") + pad
    own = max(own, min(heading, area.width - first - harm))
    needs = [first, own, harm]
    spare = area.width - sum(needs)
    if spare >= 0:
        widths = [need + round(spare * share) for need, share in zip(needs, USUAL, strict=True)]
    else:
        widths = [area.width - own - harm, own, harm]
    left, middle = widths[0], widths[1]
    return (
        pygame.Rect(area.x, area.y, left, area.height),
        pygame.Rect(area.x + left, area.y, middle, area.height),
        pygame.Rect(area.x + left + middle, area.y, area.width - left - middle, area.height),
    )


def _draw_standing(
    canvas: Canvas, rect: pygame.Rect, columns: tuple[pygame.Rect, ...], standing: Standing
) -> None:
    """One department's row: name and verdict, then its own number and its harm as bars."""
    theme = canvas.theme
    palette = theme.palette
    pad = theme.unit // 2
    icon, tone, words = standing.verdict()
    colour = getattr(palette, tone)
    edge = _row_edge(canvas, standing)
    panel(
        canvas.surface,
        rect,
        palette.raised if standing.flagged else palette.panel,
        edge=palette.warn if standing.flagged else palette.edge,
        width=edge,
    )
    first = columns[0]
    # the verdict may take the row's spare height for a second line: the block is centred
    icon_width = canvas.width(icon, 0.85, "symbols") + pad // 2
    room = _verdict_room(canvas, standing, rect.height)
    said = canvas.lay(words, first.width - 2 * pad - icon_width, room, 0.85)
    top = rect.centery - (canvas.height(1.1) + canvas.height(said.scale) * len(said.lines)) // 2
    at = (first.x + pad, top)
    below = canvas.line(standing.name, at, first.width - 2 * pad, scale=1.1, face="bold").bottom
    mark = canvas.text(icon, (first.x + pad, below), scale=0.85, colour=colour, face="symbols")
    canvas.label(said, (mark.x + icon_width, below), colour=colour)
    inside = rect.inflate(0, -2 * (edge + theme.line))
    own = (own_words(standing), standing.own or 0.0, palette.info, "plain")
    labelled_bar(canvas, columns[1], inside, *own)
    harm = (_harm_words(standing), standing.harm, palette.bad, "stripes")
    labelled_bar(canvas, columns[2], inside, *harm)
