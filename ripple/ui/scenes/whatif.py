"""What if: go back to an earlier turn (W, on the play screen or the debrief), choose
differently, and compare both timelines on the debrief's What if page."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from ripple.play.session import Session
from ripple.report.charts import what_if_chart
from ripple.report.whatif import WhatIf, chain_line, chosen, outcome_line
from ripple.ui import intents
from ripple.ui.app import App
from ripple.ui.draw.charts import Canvas, draw_chart
from ripple.ui.scene import Scene, named
from ripple.ui.scenes.overlay import card, frame
from ripple.ui.theme import FLOOR
from ripple.ui.widgets import Item, ListView, panel

TOP_CHAINS = 4
"""How many changed chains the What if page tells."""

TOP_CHOICES = 3
"""How many turns chosen differently the What if page tells."""

STORY_SCALES = (1.2, 1.1, 1.0, 0.9, 0.85, 0.8, FLOOR)
"""Text sizes the What if page tries, largest first, down to the floor."""


@named("rewind")
class RewindOverlay(Scene):
    """Pick the turn to go back to; `on_branch(turn)` runs after play went back."""

    opaque = False

    def __init__(self, app: App, session: Session, on_branch: Callable[[int], None]) -> None:
        super().__init__(app)
        self.session = session
        self.on_branch = on_branch
        game = session.game
        items = [
            Item(
                str(turn),
                "Back to the start" if turn == 0 else f"Back to the end of turn {turn}",
                f"turn {turn + 1}: you chose {chosen(game, game.decisions[turn])}",
            )
            for turn in range(game.turn)
        ]
        self.turns = ListView(items[::-1], "rewind")

    def layout(self, size: tuple[int, int]) -> None:
        theme = self.theme
        self.card = card(size, 0.72, 0.8)
        pad = theme.unit
        area = pygame.Rect(
            self.card.x + pad,
            self.card.y + round(pad * 3.2),
            self.card.width - 2 * pad,
            self.card.height - round(pad * 4.8),
        )
        self.hotspots = self.turns.place(area, round(theme.unit * 3), pad // 2)

    def handle(self, intent: intents.Intent) -> None:
        if isinstance(intent, (intents.Back, intents.WhatIf)):
            self.app.pop()
            return
        chosen = self.turns.handle(intent)
        self.hotspots = self.turns.hotspots
        if chosen is None:
            return
        turn = int(chosen.name)
        problem = self.session.branch(turn)
        self.app.pop()
        if problem is None:
            self.on_branch(turn)

    def draw(self, surface: pygame.Surface) -> None:
        foot = "The game as played so far is kept: the debrief's What if page compares both."
        frame(surface, self.card, self.theme, "What if: go back to…", foot)
        self.turns.draw(surface, self.theme)


def draw_what_if(canvas: Canvas, area: pygame.Rect, what_if: WhatIf | None, words: str) -> None:
    """The two curves on the left; on the right, which customers' outcomes changed and the
    chains their harm came through."""
    theme = canvas.theme
    palette = theme.palette
    if what_if is None:
        lines = (
            "What if you had chosen differently?",
            "Press W (here or while playing) to go back to an earlier turn and play on with "
            "other choices. The game as you first played it is kept, and this page then "
            "shows both timelines side by side.",
        )
        y = area.y + theme.unit
        for k, line in enumerate(lines):
            for part in theme.wrap(line, area.width - 2 * theme.unit, 1.2 if k == 0 else 1.0):
                y = canvas.text(part, (area.x + theme.unit, y), scale=1.2 if k == 0 else 1.0).bottom
            y += theme.unit // 2
        return
    gap = theme.unit // 2
    left = pygame.Rect(area.x, area.y, (area.width - gap) // 2, area.height)
    right = pygame.Rect(left.right + gap, area.y, area.width - left.width - gap, area.height)
    draw_chart(canvas, left, what_if_chart(what_if))
    panel(canvas.surface, right, palette.panel, edge=palette.edge)
    inner = right.inflate(-2 * theme.unit, -theme.unit)
    _draw_story(canvas, inner, _story(what_if, words))


def _story(what_if: WhatIf, words: str) -> list[tuple[str, list[str]]]:
    """The right-hand column: (heading, lines) for the customers, the chains and the choices."""
    changed = [outcome_line(o) for o in what_if.outcomes if o.changed]
    chains = [chain_line(c, words) for c in what_if.chains[:TOP_CHAINS]]
    choices = [f"Turn {t}: {second}, instead of {first}" for t, first, second in what_if.choices][
        :TOP_CHOICES
    ]
    if len(what_if.choices) > TOP_CHOICES:
        choices.append(f"and {len(what_if.choices) - TOP_CHOICES} more turns chosen differently")
    nothing = "no change yet: play on, then look again"
    return [
        (f"Customers, after turn {what_if.turn}", changed or [nothing]),
        ("Through which chains", chains or [nothing]),
        ("What you chose differently", choices or ["the same choices so far"]),
    ]


def _draw_story(canvas: Canvas, area: pygame.Rect, story: list[tuple[str, list[str]]]) -> None:
    """Headings and lines at the largest size that fits; what does not fit at the floor is
    cut short where the room ends (with an ellipsis) and the rest left out."""
    theme = canvas.theme
    for scale in STORY_SCALES:
        line = canvas.height(scale)
        needed = sum(
            canvas.height(scale * 1.2)
            + sum(len(theme.wrap(text, area.width, scale)) for text in lines) * line
            + line
            for _, lines in story
        )
        if needed <= area.height:
            break
    y = area.y
    for heading, lines in story:
        if y + canvas.height(scale * 1.2) + line > area.bottom:
            return  # a heading with no room for a line under it says nothing
        y = canvas.text(heading, (area.x, y), scale=scale * 1.2, face="bold").bottom
        for text in lines:
            if y + theme.size(scale) > area.bottom:
                return
            # at the size chosen: cut only when even the floor left no room for all of it
            laid = canvas.lay(text, area.width, area.bottom - y, scale, floor=scale)
            y = canvas.label(laid, (area.x, y)).bottom + line // 4
        y += line // 2
