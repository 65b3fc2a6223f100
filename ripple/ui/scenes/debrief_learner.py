"""The debrief's reflection page for a self-paced learner: the four questions about internal
customers answered for the departments they looked after, over a box for their own note.

Text is laid out before it is drawn, so a page picks the largest size at which it fits and
never lets words run over each other or out of their boxes; body text stays at 0.85 or more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from ripple.engine import Game
from ripple.report.facts import looked_after
from ripple.report.learner import Answer, reflection
from ripple.ui.draw.charts import Canvas
from ripple.ui.draw.text_blocks import (
    SMALLEST,
    Text,
    fact,
    first_sentence,
    paragraph,
)
from ripple.ui.widgets import choice_panel, panel

SCALES = (1.2, 1.1, 1.0, 0.9, SMALLEST)
"""Text sizes a page tries, largest first; body text never goes below the last."""

FACTS = {1.2: 1.0, 1.1: 0.95}
"""The size of the facts under an answer of each size (SMALLEST for the others)."""

SIDE_BY_SIDE = 68
"""Width, in theme units, from which two departments' answers stand side by side."""

NOTE_LINES = 2
"""Lines of the learner's note the box shows (the last ones, where the cursor is)."""

PROMPT = (
    "Your note: press Enter (or click here) and type what you will do differently; "
    "Enter again to keep it"
)
"""What the empty note box says."""


# --- the reflection page ---------------------------------------------------------------


def draw_reflection(
    canvas: Canvas,
    area: pygame.Rect,
    game: Game,
    departments: Sequence[str],
    note: str,
    typing: bool,
) -> pygame.Rect:
    """The four questions answered for the looked-after departments (first one fully; if two,
    both side by side or stacked as space allows), and the learner's note box at the bottom;
    returns the note box's rect (the debrief makes it a click target). When `typing`, the box
    shows a focus edge and a text cursor '|' at the end; when the note is empty and not
    typing, the box says 'Your note: press Enter (or click here) and type what you will do
    differently; Enter again to keep it'."""
    theme = canvas.theme
    pad = theme.unit // 2
    chosen = list(departments)[:2] or list(looked_after(game))
    box = pygame.Rect(area.x, 0, area.width, NOTE_LINES * canvas.height(0.9) + 2 * pad)
    box.bottom = area.bottom
    body = pygame.Rect(area.x, area.y, area.width, box.y - pad - area.y)
    told = [(game.menu.target_name(d), reflection(game, d)) for d in chosen]
    if len(told) == 1:
        _department(canvas, body, *told[0])
    elif body.width >= SIDE_BY_SIDE * theme.unit:
        half = (body.width - theme.unit) // 2
        _department(canvas, pygame.Rect(body.x, body.y, half, body.height), *told[0])
        _department(canvas, pygame.Rect(body.right - half, body.y, half, body.height), *told[1])
    else:
        _stacked(canvas, body, told[0], told[1])
    _note_box(canvas, box, note, typing)
    return box


def _department(canvas: Canvas, area: pygame.Rect, name: str, answers: Sequence[Answer]) -> None:
    """A department's heading and its four answers in a two by two grid filling `area`, at
    the largest size that fits it."""
    top = _heading(canvas, area, name)
    grid = pygame.Rect(area.x, top, area.width, area.bottom - top)
    cards, heights, _ = _layout(canvas, grid, answers)
    heights = [grid.height * h // sum(heights) for h in heights]
    width, gap = _cells(grid)
    y = grid.y
    for row, height in enumerate(heights):
        for column in range(2):
            k = 2 * row + column
            rect = pygame.Rect(grid.x + column * (width + gap), y, width, height - gap)
            _draw_card(canvas, rect, cards[k], k + 1)
        y += height


def _heading(canvas: Canvas, area: pygame.Rect, name: str, *, draw: bool = True) -> int:
    """The 'Looking back as' heading at the top of `area`, smaller before it is cut; returns
    where the answers start."""
    theme = canvas.theme
    label = theme.label(
        f"Looking back as {name}", area.width, canvas.height(1.1), 1.1, SMALLEST, "bold"
    )
    for k, line in enumerate(label.lines if draw else ()):
        step = canvas.height(label.scale)
        canvas.text(line, (area.x, area.y + k * step), scale=label.scale, face="bold")
    return area.y + canvas.height(1.1) + theme.unit // 3


def _fits(canvas: Canvas, area: pygame.Rect, answers: Sequence[Answer]) -> bool:
    """True when a department's answers fit `area` whole, under their heading."""
    top = _heading(canvas, area, "", draw=False)
    return _layout(canvas, pygame.Rect(area.x, top, area.width, area.bottom - top), answers)[2]


def _stacked(
    canvas: Canvas,
    area: pygame.Rect,
    first: tuple[str, Sequence[Answer]],
    second: tuple[str, Sequence[Answer]],
) -> None:
    """Both departments, one above the other, when both fit whole; else the first fully and
    a line saying where the second's answers are."""
    theme = canvas.theme
    gap = theme.unit // 2
    half = (area.height - gap) // 2
    upper = pygame.Rect(area.x, area.y, area.width, half)
    lower = pygame.Rect(area.x, area.bottom - half, area.width, half)
    if _fits(canvas, upper, first[1]) and _fits(canvas, lower, second[1]):
        _department(canvas, upper, *first)
        _department(canvas, lower, *second)
        return
    words = f"Also looked after: {second[0]}. Its answers are in the summary the pack holds (X)."
    line = canvas.height(SMALLEST)
    also = theme.label(words, area.width, 2 * line, SMALLEST, SMALLEST)
    top = area.bottom - len(also.lines) * line
    _department(canvas, pygame.Rect(area.x, area.y, area.width, top - gap - area.y), *first)
    for k, text in enumerate(also.lines):
        at = (area.x, top + k * line)
        canvas.text(text, at, scale=also.scale, colour=theme.palette.muted)


def _cells(area: pygame.Rect) -> tuple[int, int]:
    """The width of a grid cell and the gap between cells."""
    gap = max(6, round(area.width * 0.012))
    return (area.width - gap) // 2, gap


@dataclass(frozen=True, slots=True)
class Card:
    """One answer laid out for its card: the question, the answer (and its first sentence, for
    when the whole does not fit) and the facts behind it."""

    question: Text
    answer: Text
    short: Text
    facts: tuple[Text, ...]

    def height(self, canvas: Canvas, *, facts: bool = True) -> int:
        """The height the card needs to show everything (or, without `facts`, the question
        and the answer, and a line saying more facts are in the pack)."""
        parts = (self.question, self.answer, *(self.facts if facts else ()))
        more = 0 if facts or not self.facts else canvas.height(SMALLEST)
        return sum(p.height(canvas) for p in parts) + more + 2 * canvas.theme.unit


def _card(canvas: Canvas, answer: Answer, width: int, scale: float) -> Card:
    """Lay out one answer at `scale` (its facts a little smaller, never under SMALLEST)."""
    theme = canvas.theme
    badge = canvas.height(scale) + theme.unit // 3
    smaller = FACTS.get(scale, SMALLEST)
    question = paragraph(canvas, answer.question, width - badge, scale, "bold")
    return Card(
        question,
        paragraph(canvas, answer.answer, width, scale),
        paragraph(canvas, first_sentence(answer.answer), width, scale),
        tuple(fact(canvas, f, width, smaller, "muted") for f in answer.evidence),
    )


def _layout(
    canvas: Canvas, grid: pygame.Rect, answers: Sequence[Answer]
) -> tuple[list[Card], list[int], bool]:
    """The cards at the largest size at which all four fit `grid` with their facts, else
    with the facts that fit (the rest marked), what each of the two rows needs (gap
    included), and whether they fit at all (if not, answers will be cut)."""
    width, gap = _cells(grid)
    inner = width - canvas.theme.unit
    for facts in (True, False):
        for scale in SCALES:
            cards = [_card(canvas, answer, inner, scale) for answer in answers]
            needs = [card.height(canvas, facts=facts) for card in cards]
            heights = [max(needs[0], needs[1]) + gap, max(needs[2], needs[3]) + gap]
            if sum(heights) <= grid.height:
                return cards, heights, True
    return cards, heights, False


def _draw_card(canvas: Canvas, rect: pygame.Rect, card: Card, number: int) -> None:
    """One question and its answer on a panel (its first sentence if the whole does not fit),
    the facts below as room allows."""
    theme = canvas.theme
    palette = theme.palette
    pad = theme.unit // 2
    panel(canvas.surface, rect, palette.panel, edge=palette.edge)
    x, y, bottom = rect.x + pad, rect.y + pad, rect.bottom - pad
    line = canvas.height(card.question.scale)
    centre = (x + line // 2, y + line // 2)
    pygame.draw.circle(canvas.surface, palette.info, centre, line // 2)
    canvas.text(
        str(number),
        centre,
        scale=card.question.scale * 0.75,
        colour=palette.background,
        face="bold",
        anchor="center",
    )
    y = card.question.cut(canvas, bottom - y).draw(canvas, x + line + theme.unit // 3, y)
    y += theme.unit // 4
    answer = card.answer
    if answer.height(canvas) > bottom - y:
        answer = card.short.cut(canvas, bottom - y)
    y = answer.draw(canvas, x, y) + theme.unit // 4
    mark = canvas.height(SMALLEST)
    for shown, text in enumerate(card.facts):
        left = len(card.facts) - shown
        if y + text.height(canvas) + (mark if left > 1 else 0) > bottom:
            # said only where it clears the card's edge: the pack holds the facts anyway
            if y + mark <= rect.bottom - 2 * theme.line:
                more = f"+ {left} more in the pack (X)"
                canvas.text(more, (x, y), scale=SMALLEST, colour=palette.muted)
            break
        y = text.draw(canvas, x, y)


def _note_box(canvas: Canvas, box: pygame.Rect, note: str, typing: bool) -> None:
    """The learner's note: the prompt when empty, else its last lines, a cursor when typing."""
    theme = canvas.theme
    pad = theme.unit // 2
    choice_panel(canvas.surface, box, theme, typing)
    inner = box.width - 2 * pad
    if not note and not typing:
        text = paragraph(canvas, PROMPT, inner, 0.9, tone="muted").cut(
            canvas, NOTE_LINES * canvas.height(0.9)
        )
    else:
        text = paragraph(canvas, f"Your note: {note}{'|' if typing else ''}", inner, 0.9)
        if len(text.lines) > NOTE_LINES:
            last = text.lines[-NOTE_LINES:]
            text = Text(("…" + last[0], *last[1:]), 0.9)
    Text(tuple(theme.fit(line, inner, 0.9) for line in text.lines), 0.9, tone=text.tone).draw(
        canvas, box.x + pad, box.y + pad
    )
