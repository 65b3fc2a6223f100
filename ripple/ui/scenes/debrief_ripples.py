"""The debrief's ripples page: the biggest ripples, each from the department where its harm
started, along the chain it travelled, to the customer it reached."""

from __future__ import annotations

import pygame

from ripple.engine import Game
from ripple.engine.state import HARM_WORDS
from ripple.engine.trace import Ripple
from ripple.ui.draw.charts import Canvas
from ripple.ui.draw.graph import MOODS
from ripple.ui.scenes.debrief_layout import intro, two_lines
from ripple.ui.theme import FLOOR, Colour
from ripple.ui.widgets import panel

KINDS: dict[str, tuple[str, str, str]] = {
    kind: (icon, HARM_WORDS[kind], started)
    for kind, icon, started in (
        ("late", "◷", "held up at"),
        ("defective", "✗", "made at"),
        ("lost", "⊘", "held up at"),
    )
}
"""Each kind of harm: its icon, how it reached the customer, and how it started."""

TOP_RIPPLES = 5
"""How many ripples the ripples page shows."""


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
    said = ", ".join(f"{round(felt.get(k, 0.0))} {KINDS[k][1]}" for k in KINDS)
    opening = f"What customers felt: {said}. Where it started, and how it travelled:"
    if not found:
        one, many = game.scenario.item.one, game.scenario.item.many
        opening = f"No ripples yet: every {one} reached its customer on time and right."
        if not game.totals()["completed"]:
            opening = f"No ripples yet: no {many} have reached a customer."
    y = intro(canvas, area, opening) + theme.unit // 2
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
    at = (symbol.right + pad // 2, top)
    canvas.line(reached, at, left.right - at[0], scale=0.85, colour=tone)
    meter = pygame.Rect(left.x, rect.bottom - theme.line * 4 - 2, 0, theme.line * 4)
    meter.width = max(theme.line, round((rect.right - pad - left.x) * share))
    pygame.draw.rect(canvas.surface, tone, meter)
    right = pygame.Rect(left.right + pad, rect.y, rect.right - left.right - 2 * pad, rect.height)
    customer = next(c.name for c in game.scenario.customers if c.id == ripple.customer)
    names = [game.menu.target_name(d) for d in ripple.chain] + [customer]
    usual = min(round(theme.unit * 2.0), right.height - canvas.height() - pad)
    # taller boxes, for names on two lines, stay clear of the meter at the foot
    tall = right.height - 2 * (meter.height + 2) - canvas.height() - pad // 2
    widths, boxes = _chain_boxes(canvas, names, right.width, (usual, tall), MOODS[mood][0])
    # the sentence may take a second line where the row is tall enough: the block is centred
    space = right.height - 2 * (meter.height + 2) - pad // 2 - boxes
    room = canvas.lines(max(1, min(2, space // canvas.height())))
    sentence = canvas.lay(_ripple_sentence(game, ripple), right.width, room)
    words = canvas.height(sentence.scale) * len(sentence.lines)
    top = right.centery - (words + pad // 2 + boxes) // 2
    below = canvas.label(sentence, (right.x, top)).bottom + pad // 2
    _draw_chain(canvas, pygame.Rect(right.x, below, right.width, boxes), names, widths, mood)


def _chain_face(k: int) -> str:
    """The face of the `k`th name of a chain: the root cause's, the first, is bold."""
    return "bold" if k == 0 else "regular"


def _chain_room(canvas: Canvas, k: int, count: int, icon: str) -> int:
    """What the `k`th of `count` boxes of a chain needs besides its name: the padding, and
    the customer's mood icon in the last."""
    theme = canvas.theme
    room = theme.unit // 2 + theme.unit // 3
    if k == count - 1:
        room += canvas.width(icon, 0.9, "symbols") + theme.unit // 4
    return room


def _chain_boxes(
    canvas: Canvas, names: list[str], width: int, heights: tuple[int, int], icon: str
) -> tuple[list[int], int]:
    """The width of each box of a chain across `width`, and their height (the usual of
    `heights`, up to the tallest when a name needs two lines): all as wide when every name
    fits so on one line; else each as wide as its name asks, out of a fair share of what
    there is, never narrower than its name needs at the floor; all as wide and the usual
    height again when not even that fits."""
    theme = canvas.theme
    usual, tall = heights
    room = width - round(theme.unit * 1.6) * (len(names) - 1)
    pads = [_chain_room(canvas, k, len(names), icon) for k in range(len(names))]
    faces = [_chain_face(k) for k in range(len(names))]
    needs = [p + canvas.width(n, 0.9, f) for n, p, f in zip(names, pads, faces, strict=True)]
    equal = min(round(theme.unit * 12), room // len(names))
    if max(needs) <= equal:
        return [equal] * len(names), usual
    two = canvas.lines(2, FLOOR, "bold") + 2 * _chain_edge(canvas, 0)
    height = max(usual, min(tall, two))
    if sum(needs) <= room:
        widths = [need + (room - sum(needs)) // len(names) for need in needs]
    else:
        # a box that holds two lines at the floor can be as narrow as its longer line
        least = [
            p + two_lines(canvas.theme, n, f)
            if height - 2 * _chain_edge(canvas, k) >= canvas.lines(2, FLOOR, f)
            else p + canvas.width(n, FLOOR, f)
            for k, (n, p, f) in enumerate(zip(names, pads, faces, strict=True))
        ]
        spare = room - sum(least)
        if spare < 0:  # names are cut whatever the widths: taller boxes would not help
            return [equal] * len(names), usual
        wanted = max(1, sum(need - low for need, low in zip(needs, least, strict=True)))
        widths = [
            low + (need - low) * spare // wanted for need, low in zip(needs, least, strict=True)
        ]
    one_line = all(
        theme.largest(n, w - p, 0.9, FLOOR, f) is not None
        for n, w, p, f in zip(names, widths, pads, faces, strict=True)
    )
    return widths, usual if one_line else height


def _chain_edge(canvas: Canvas, k: int) -> int:
    """How thick the edge of the `k`th box of a chain is: the root cause's is thick."""
    return canvas.theme.line * (3 if k == 0 else 1)


def _draw_chain(
    canvas: Canvas, area: pygame.Rect, names: list[str], widths: list[int], mood: str
) -> None:
    """Boxes for the departments from the root cause on, then the customer, joined by arrows.
    The root cause's box is outlined thick and named in bold; the customer's is round and
    shows its mood."""
    theme = canvas.theme
    palette = theme.palette
    gap = round(theme.unit * 1.6)
    x = area.x
    for k, (name, width) in enumerate(zip(names, widths, strict=True)):
        box = pygame.Rect(x, area.y, width, area.height)
        x = box.right + gap
        origin, last = k == 0, k == len(names) - 1
        face = _chain_face(k)
        panel(
            canvas.surface,
            box,
            palette.raised if origin else palette.background,
            radius=box.height // 2 if last else 6,
            edge=palette.bad if origin else palette.edge,
            width=_chain_edge(canvas, k),
        )
        start = box.x + theme.unit // 2
        if last:
            icon, tone = MOODS[mood]
            mark = (start, box.centery)
            colour = getattr(palette, tone)
            start = canvas.text(
                icon, mark, scale=0.9, colour=colour, face="symbols", anchor="midleft"
            ).right
            start += theme.unit // 4
        # a long name shrinks, then takes a second line of the box, before it is cut
        inside = box.height - 2 * _chain_edge(canvas, k)
        laid = canvas.lay(name, box.right - start - theme.unit // 3, inside, 0.9, face)
        canvas.label(laid, (start, box.centery), anchor="midleft")
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
