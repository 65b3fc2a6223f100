"""The debrief's pages and how each is drawn onto a canvas: charts over turns, the biggest
ripples, own numbers against the harm started, root causes, people and money, and the
scenario's questions. The charts and questions pages are drawn here; the others each have a
module of their own."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from ripple.engine import Game
from ripple.report.charts import defects_chart, lead_time_chart, satisfaction_chart, work_chart
from ripple.report.standings import summary
from ripple.ui.draw.charts import Canvas, draw_chart
from ripple.ui.scenes.debrief_causes import draw_causes
from ripple.ui.scenes.debrief_layout import intro
from ripple.ui.scenes.debrief_money import draw_money
from ripple.ui.scenes.debrief_numbers import draw_numbers
from ripple.ui.scenes.debrief_ripples import draw_ripples

PAGES: tuple[tuple[str, str], ...] = (
    ("charts", "Charts"),
    ("ripples", "Biggest ripples"),
    ("numbers", "Own numbers"),
    ("causes", "Root causes"),
    ("money", "People & money"),
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


def draw_questions(canvas: Canvas, area: pygame.Rect, game: Game) -> None:
    """The scenario's questions for the room, as large as they fit, under the game in numbers."""
    theme = canvas.theme
    palette = theme.palette
    top = intro(canvas, area, summary(game))
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
    "causes": draw_causes,
    "money": draw_money,
    "questions": draw_questions,
}
"""How each page is drawn into the content area."""
