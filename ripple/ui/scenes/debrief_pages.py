"""The debrief's four pages, each drawn onto a canvas: charts over turns, the biggest
ripples, own numbers against the harm started, and the scenario's questions."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from ripple.engine import Game
from ripple.engine.trace import Ripple
from ripple.report.standings import Standing, standings, summary
from ripple.ui.draw.charts import Canvas, draw_chart, fill
from ripple.ui.draw.graph import MOODS
from ripple.ui.scenes.debrief_charts import (
    defects_chart,
    lead_time_chart,
    satisfaction_chart,
    work_chart,
)
from ripple.ui.theme import Colour
from ripple.ui.widgets import panel

PAGES: tuple[tuple[str, str], ...] = (
    ("charts", "Charts"),
    ("ripples", "Biggest ripples"),
    ("numbers", "Own numbers"),
    ("questions", "Questions"),
)
"""The pages in order: hotspot name (tab:<name>) and tab label."""

LEARNER_PAGES: tuple[tuple[str, str], ...] = (
    ("reflection", "Reflection"),
    ("culture", "Culture"),
    ("whatif", "What if"),
)
"""The pages a game with one player gets as well: the four questions answered from the game,
the culture read-out, and both timelines of a what-if."""

KINDS: dict[str, tuple[str, str, str]] = {
    "late": ("◷", "late", "held up at"),
    "defective": ("✗", "with a defect", "made at"),
    "lost": ("⊘", "given up on", "held up at"),
}
"""Each kind of harm: its icon, how it reached the customer, and how it started."""

TOP_RIPPLES = 5
"""How many ripples the ripples page shows."""

QUESTION_GAP = 0.7
"""Space between two questions, in lines."""


# --- the pages ----------------------------------------------------------------


def draw_charts(canvas: Canvas, area: pygame.Rect, game: Game) -> None:
    """Four charts in a two by two grid."""
    charts = (
        satisfaction_chart(game),
        defects_chart(game),
        lead_time_chart(game),
        work_chart(game),
    )
    gap = canvas.theme.unit // 2
    width, height = (area.width - gap) // 2, (area.height - gap) // 2
    for k, chart in enumerate(charts):
        column, row = k % 2, k // 2
        rect = pygame.Rect(
            area.x + column * (width + gap), area.y + row * (height + gap), width, height
        )
        draw_chart(canvas, rect, chart)


def _ripple_sentence(game: Game, ripple: Ripple) -> str:
    _, reached, started = KINDS[ripple.kind]
    count = f"{ripple.weight:.0f}" if ripple.weight >= 1 else "less than 1"
    customer = next(c.name for c in game.scenario.customers if c.id == ripple.customer)
    return (
        f"{count} {game.scenario.item.many} reached {customer} {reached}, "
        f"{started} {game.menu.target_name(ripple.origin)}"
    )


def draw_ripples(canvas: Canvas, area: pygame.Rect, game: Game) -> None:
    """The biggest ripples: where harm started, the chain it travelled, who it reached."""
    theme = canvas.theme
    found = game.ripples()[:TOP_RIPPLES]
    felt: dict[str, float] = {}
    for (_, kind), weight in game.attribution().items():
        felt[kind] = felt.get(kind, 0.0) + weight
    said = ", ".join(f"{felt.get(k, 0.0):.0f} {KINDS[k][1]}" for k in KINDS)
    intro = f"What customers felt: {said}. Where it started, and how it travelled:"
    if not found:
        one, many = game.scenario.item.one, game.scenario.item.many
        intro = f"No ripples yet: every {one} reached its customer on time and right."
        if not game.totals()["completed"]:
            intro = f"No ripples yet: no {many} have reached a customer."
    y = canvas.text(theme.fit(intro, area.width, 0.9), area.topleft, scale=0.9).bottom
    y += theme.unit // 2
    if not found:
        return
    row = min(round(theme.unit * 6), (area.bottom - y) // len(found))
    biggest = found[0].weight
    moods = {c.id: c.mood for c in game.snapshot().customers}
    for k, ripple in enumerate(found):
        rect = pygame.Rect(area.x, y + k * row, area.width, row - theme.unit // 3)
        _draw_ripple(canvas, rect, game, ripple, ripple.weight / biggest, moods[ripple.customer])


def _draw_ripple(
    canvas: Canvas, rect: pygame.Rect, game: Game, ripple: Ripple, share: float, mood: str
) -> None:
    """One ripple: its size and kind on the left, a sentence and the chain on the right."""
    theme = canvas.theme
    palette = theme.palette
    pad = theme.unit // 2
    panel(canvas.surface, rect, palette.panel, edge=palette.edge)
    icon, reached, _ = KINDS[ripple.kind]
    tone = palette.warn if ripple.kind == "late" else palette.bad
    left = pygame.Rect(rect.x + pad, rect.y, round(theme.unit * 7), rect.height)
    count = f"{ripple.weight:.0f}" if ripple.weight >= 1 else "<1"
    block = canvas.height(2.0) + canvas.height(0.85)
    top = left.centery - block // 2
    top = canvas.text(count, (left.x, top), scale=2.0, face="bold").bottom
    symbol = canvas.text(icon, (left.x, top), scale=0.85, colour=tone, face="symbols")
    canvas.text(
        theme.fit(reached, left.right - symbol.right - pad // 2, 0.85),
        (symbol.right + pad // 2, top),
        scale=0.85,
        colour=tone,
    )
    meter = pygame.Rect(left.x, rect.bottom - theme.line * 4 - 2, 0, theme.line * 4)
    meter.width = max(theme.line, round((rect.right - pad - left.x) * share))
    pygame.draw.rect(canvas.surface, tone, meter)
    right = pygame.Rect(left.right + pad, rect.y, rect.right - left.right - 2 * pad, rect.height)
    boxes = min(round(theme.unit * 2.0), right.height - canvas.height() - pad)
    top = right.centery - (canvas.height() + pad // 2 + boxes) // 2
    sentence = theme.fit(_ripple_sentence(game, ripple), right.width)
    below = canvas.text(sentence, (right.x, top)).bottom + pad // 2
    _draw_chain(canvas, pygame.Rect(right.x, below, right.width, boxes), game, ripple, mood)


def _draw_chain(canvas: Canvas, area: pygame.Rect, game: Game, ripple: Ripple, mood: str) -> None:
    """Boxes for the departments from the root cause on, then the customer, joined by arrows.
    The root cause's box is outlined thick and named in bold; the customer's is round and
    shows its mood."""
    theme = canvas.theme
    palette = theme.palette
    customer = next(c.name for c in game.scenario.customers if c.id == ripple.customer)
    names = [game.menu.target_name(d) for d in ripple.chain] + [customer]
    gap = round(theme.unit * 1.6)
    width = min(round(theme.unit * 12), (area.width - gap * (len(names) - 1)) // len(names))
    for k, name in enumerate(names):
        box = pygame.Rect(area.x + k * (width + gap), area.y, width, area.height)
        origin, last = k == 0, k == len(names) - 1
        face = "bold" if origin else "regular"
        panel(
            canvas.surface,
            box,
            palette.raised if origin else palette.background,
            radius=box.height // 2 if last else 6,
            edge=palette.bad if origin else palette.edge,
            width=theme.line * (3 if origin else 1),
        )
        x = box.x + theme.unit // 2
        if last:
            icon, tone = MOODS[mood]
            mark = (x, box.centery)
            colour = getattr(palette, tone)
            x = canvas.text(
                icon, mark, scale=0.9, colour=colour, face="symbols", anchor="midleft"
            ).right
            x += theme.unit // 4
        text = theme.fit(name, box.right - x - theme.unit // 3, 0.9, face)
        canvas.text(text, (x, box.centery), scale=0.9, face=face, anchor="midleft")
        if not last:
            _arrow(canvas.surface, (box.right + 3, box.centery), gap - 6, palette.muted, theme.line)


def _arrow(
    surface: pygame.Surface, start: tuple[int, int], length: int, colour: Colour, width: int
) -> None:
    """A short arrow pointing right."""
    x, y = start
    head = max(4, length // 3)
    pygame.draw.line(surface, colour, (x, y), (x + length - head, y), width * 2)
    pygame.draw.polygon(
        surface,
        colour,
        [(x + length, y), (x + length - head, y - head), (x + length - head, y + head)],
    )


NUMBERS_HEADINGS = (
    "Department",
    "Own numbers: done, capacity used",
    "Harm to customers it started",
)


def draw_numbers(canvas: Canvas, area: pygame.Rect, game: Game) -> None:
    """Each department's own numbers against the share of customer harm it started."""
    theme = canvas.theme
    pad = theme.unit // 2
    rows = standings(game)
    intro = "Each department's own numbers next to the harm to customers it started."
    y = canvas.text(theme.fit(intro, area.width, 0.9), area.topleft, scale=0.9).bottom + pad
    columns = _numbers_columns(area)
    for rect, heading in zip(columns, NUMBERS_HEADINGS, strict=True):
        canvas.text(
            theme.fit(heading, rect.width - pad, 0.8, "bold"),
            (rect.x + pad, y),
            scale=0.8,
            colour=theme.palette.muted,
            face="bold",
        )
    y += canvas.height(0.8) + pad // 2
    height = min(round(theme.unit * 4.4), (area.bottom - y) // max(1, len(rows)))
    height = max(height, round(theme.unit * 3.2))
    shown = rows[: max(1, (area.bottom - y) // height)]
    for k, standing in enumerate(shown):
        rect = pygame.Rect(area.x, y + k * height, area.width, height - pad // 2)
        _draw_standing(canvas, rect, columns, standing)
    if len(shown) < len(rows):
        more = f"and {len(rows) - len(shown)} more with less harm"
        canvas.text(more, (area.right, area.bottom), scale=0.7, anchor="bottomright")


def _numbers_columns(area: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
    """Left to right: the department and verdict, its own numbers, the harm it started."""
    first = round(area.width * 0.36)
    second = round(area.width * 0.30)
    return (
        pygame.Rect(area.x, area.y, first, area.height),
        pygame.Rect(area.x + first, area.y, second, area.height),
        pygame.Rect(area.x + first + second, area.y, area.width - first - second, area.height),
    )


def _draw_standing(
    canvas: Canvas, rect: pygame.Rect, columns: tuple[pygame.Rect, ...], standing: Standing
) -> None:
    """One department's row: name and verdict, then its own numbers and its harm as bars."""
    theme = canvas.theme
    palette = theme.palette
    pad = theme.unit // 2
    icon, tone, words = standing.verdict()
    colour = getattr(palette, tone)
    panel(
        canvas.surface,
        rect,
        palette.raised if standing.flagged else palette.panel,
        edge=palette.warn if standing.flagged else palette.edge,
        width=theme.line * (3 if standing.flagged else 1),
    )
    first = columns[0]
    top = rect.centery - (canvas.height(1.1) + canvas.height(0.85)) // 2
    name = theme.fit(standing.name, first.width - 2 * pad, 1.1, "bold")
    below = canvas.text(name, (first.x + pad, top), scale=1.1, face="bold").bottom
    mark = canvas.text(icon, (first.x + pad, below), scale=0.85, colour=colour, face="symbols")
    canvas.text(
        theme.fit(words, first.right - mark.right - pad, 0.85),
        (mark.right + pad // 2, below),
        scale=0.85,
        colour=colour,
    )
    done = f"{standing.processed} done · {standing.used:.0%} of capacity"
    _labelled_bar(canvas, columns[1], rect, done, standing.used, palette.info, "plain")
    kinds = ", ".join(
        f"{w:.0f} {KINDS[k][1]}" for k, w in sorted(standing.kinds.items()) if w >= 0.5
    )
    harm = f"{standing.harm:.0%} of the harm" + (f": {kinds}" if kinds else "")
    _labelled_bar(canvas, columns[2], rect, harm, standing.harm, palette.bad, "stripes")


def _labelled_bar(
    canvas: Canvas,
    column: pygame.Rect,
    row: pygame.Rect,
    label: str,
    share: float,
    colour: Colour,
    pattern: str,
) -> None:
    """A line of words over a bar filled to `share`, in one column of a row."""
    theme = canvas.theme
    pad = theme.unit // 2
    width = column.width - 2 * pad
    height = round(theme.unit * 0.8)
    top = row.centery - (canvas.height(0.9) + height) // 2
    below = canvas.text(theme.fit(label, width, 0.9), (column.x + pad, top), scale=0.9).bottom
    track = pygame.Rect(column.x + pad, below + 1, width, height)
    pygame.draw.rect(canvas.surface, theme.palette.background, track)
    filled = track.copy()
    filled.width = round(track.width * max(0.0, min(1.0, share)))
    if filled.width:
        fill(canvas.surface, theme, filled, colour, pattern)
    pygame.draw.rect(canvas.surface, theme.palette.edge, track, 1)


def draw_questions(canvas: Canvas, area: pygame.Rect, game: Game) -> None:
    """The scenario's questions for the room, as large as they fit, under the game in numbers."""
    theme = canvas.theme
    palette = theme.palette
    top = canvas.text(theme.fit(summary(game), area.width, 0.9), area.topleft, scale=0.9).bottom
    heading = (area.x, top + theme.unit // 2)
    y = canvas.text("Questions for the room", heading, scale=1.2, face="bold").bottom
    y += theme.unit // 2
    questions = list(game.scenario.debrief) or [
        "Who are your internal customers, and what do they need from you?"
    ]
    badge = round(theme.unit * 2.8)
    scale, wrapped = _largest_fit(canvas, questions, area.width - badge, area.bottom - y)
    line = canvas.height(scale)
    for k, lines in enumerate(wrapped):
        if y + line > area.bottom:
            break
        centre = (area.x + badge // 2 - theme.unit // 4, y + line // 2)
        pygame.draw.circle(canvas.surface, palette.info, centre, min(badge, line) // 2)
        canvas.text(
            str(k + 1),
            centre,
            scale=scale * 0.8,
            colour=palette.background,
            face="bold",
            anchor="center",
        )
        for text in lines:
            if y + line > area.bottom:
                break
            y = canvas.text(text, (area.x + badge, y), scale=scale).bottom
        y += round(line * QUESTION_GAP)


def _largest_fit(
    canvas: Canvas, paragraphs: list[str], width: int, height: int
) -> tuple[float, list[list[str]]]:
    """The largest text scale (and the wrapped lines) at which the paragraphs fit; at the
    smallest, whatever does not fit is left for the caller to cut."""
    theme = canvas.theme
    for scale in (1.7, 1.5, 1.3, 1.15, 1.0, 0.9, 0.8):
        wrapped = [theme.wrap(p, width, scale) for p in paragraphs]
        line = canvas.height(scale)
        needed = sum(len(w) * line + round(line * QUESTION_GAP) for w in wrapped)
        if needed <= height + round(line * QUESTION_GAP):
            break
    return scale, wrapped


DRAWERS: dict[str, Callable[[Canvas, pygame.Rect, Game], None]] = {
    "charts": draw_charts,
    "ripples": draw_ripples,
    "numbers": draw_numbers,
    "questions": draw_questions,
}
"""How each page is drawn into the content area."""
