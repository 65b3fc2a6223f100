"""The debrief's people-and-money page: money turn by turn on a chart (revenue, what failure
cost, revenue lost with customers who left), the totals beside it, and who left."""

from __future__ import annotations

import pygame

from ripple.engine import Game
from ripple.report import money
from ripple.report.charts import money_chart, number
from ripple.report.people import WHY, leavers, nobody_left
from ripple.ui.draw.charts import Canvas, draw_chart
from ripple.ui.draw.text_blocks import facts_that_fit, paragraph
from ripple.ui.widgets import panel

CHART_SHARE = 0.58
"""The share of the page's width the chart takes."""


def draw_money(canvas: Canvas, area: pygame.Rect, game: Game) -> None:
    """The money chart on the left; the money over the game and who left on the right."""
    theme = canvas.theme
    gap = theme.unit // 2
    chart = pygame.Rect(area.x, area.y, round(area.width * CHART_SHARE), area.height)
    draw_chart(canvas, chart, money_chart(game))
    side = pygame.Rect(chart.right + gap, area.y, area.right - chart.right - gap, area.height)
    panel(canvas.surface, side, theme.palette.panel, edge=theme.palette.edge)
    inner = side.inflate(-2 * gap, -2 * gap)
    y = _draw_totals(canvas, inner, game) + theme.unit
    _draw_people(canvas, pygame.Rect(inner.x, y, inner.width, inner.bottom - y), game)


def _draw_totals(canvas: Canvas, area: pygame.Rect, game: Game) -> int:
    """The money over the game, a line each, values lined up on the right; returns the bottom."""
    theme = canvas.theme
    palette = theme.palette
    heading = f"Money over {_turns(game)}"
    y = canvas.line(heading, area.topleft, area.width, scale=1.2, face="bold").bottom
    y += theme.unit // 3
    indent = theme.unit
    for line in money.money_lines(money.total(game)):
        value = number(line.value)
        scale = 0.9 if line.part else 1.05
        face = "regular" if line.part else "bold"
        shown = canvas.text(value, (area.right, y), scale=scale, face=face, anchor="topright")
        x = area.x + (indent if line.part else 0)
        room = shown.x - theme.unit // 2 - x
        colour = palette.muted if line.part else palette.text
        canvas.line(line.label, (x, y), room, scale=scale, colour=colour, face=face)
        y = shown.bottom
    return y


def _turns(game: Game) -> str:
    """'12 turns', 'the first turn', 'no turns yet'."""
    if game.turn == 1:
        return "the first turn"
    return f"{game.turn} turns" if game.turn else "no turns yet"


def _draw_people(canvas: Canvas, area: pygame.Rect, game: Game) -> None:
    """Who left, department by department with the turns, and why people leave."""
    theme = canvas.theme
    y = canvas.line("Who left", area.topleft, area.width, scale=1.2, face="bold").bottom
    y += theme.unit // 3
    found = leavers(game)
    why = paragraph(canvas, WHY, area.width, 0.85, tone="muted")
    room = area.bottom - y - why.height(canvas) - theme.unit // 3
    lines = [leaving.words() for leaving in found] or [nobody_left(game)]
    tone = "warn" if found else "good"
    for text in facts_that_fit(canvas, lines, area.width, room, tone):
        y = text.draw(canvas, area.x, y)
    if y + theme.unit // 3 + why.height(canvas) <= area.bottom:
        why.draw(canvas, area.x, y + theme.unit // 3)
