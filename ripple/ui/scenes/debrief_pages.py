"""The debrief's four pages, each drawn onto a canvas: charts over turns, the biggest
ripples, own numbers against the harm started, and the scenario's questions."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from ripple.engine import Game
from ripple.engine.state import HARM_WORDS
from ripple.engine.trace import Ripple
from ripple.report.charts import defects_chart, lead_time_chart, satisfaction_chart, work_chart
from ripple.report.standings import Standing, standings, summary
from ripple.ui.draw.charts import Canvas, draw_chart, fill
from ripple.ui.draw.graph import MOODS
from ripple.ui.theme import FLOOR, Colour
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


def _intro(canvas: Canvas, area: pygame.Rect, text: str) -> int:
    """A page's opening sentence across the top of `area`: smaller, else on two lines,
    before it is cut; returns its bottom."""
    laid = canvas.lay(text, area.width, canvas.lines(2, 0.9), 0.9)
    return canvas.label(laid, area.topleft).bottom


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
    intro = f"What customers felt: {said}. Where it started, and how it travelled:"
    if not found:
        one, many = game.scenario.item.one, game.scenario.item.many
        intro = f"No ripples yet: every {one} reached its customer on time and right."
        if not game.totals()["completed"]:
            intro = f"No ripples yet: no {many} have reached a customer."
    y = _intro(canvas, area, intro) + theme.unit // 2
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
            p + _two_lines(canvas, n, f)
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


def _two_lines(canvas: Canvas, name: str, face: str) -> int:
    """The narrowest width that holds `name` on at most two lines at the floor."""
    words = name.split() or [""]
    return min(
        max(
            canvas.width(" ".join(words[:k]), FLOOR, face),
            canvas.width(" ".join(words[k:]), FLOOR, face),
        )
        for k in range(1, len(words) + 1)
    )


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
    y = _intro(canvas, area, intro) + pad
    # the columns make room for the headings on one line, so the rows' height is known
    height = _row_height(canvas, area.bottom - y - canvas.height(0.8) - pad // 2, len(rows))
    columns = _numbers_columns(canvas, area, rows, height - pad // 2)
    below = y + canvas.height(0.8)
    for rect, heading in zip(columns, NUMBERS_HEADINGS, strict=True):
        laid = canvas.lay(heading, rect.width - pad, canvas.lines(2, 0.8, "bold"), 0.8, face="bold")
        at = (rect.x + pad, y)
        below = max(below, canvas.label(laid, at, colour=theme.palette.muted).bottom)
    y = below + pad // 2
    height = _row_height(canvas, area.bottom - y, len(rows))
    shown = rows[: max(1, (area.bottom - y) // height)]
    for k, standing in enumerate(shown):
        rect = pygame.Rect(area.x, y + k * height, area.width, height - pad // 2)
        _draw_standing(canvas, rect, columns, standing)
    if len(shown) < len(rows):
        more = f"and {len(rows) - len(shown)} more with less harm"
        canvas.text(more, (area.right, area.bottom), scale=0.7, anchor="bottomright")


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


def _own_words(standing: Standing) -> str:
    """What a department's own numbers say: the work it did and the capacity it used."""
    return f"{standing.processed} done · {standing.used:.0%} of capacity"


def _harm_words(standing: Standing) -> str:
    """The share of the harm a department started, and of what kinds."""
    kinds = ", ".join(
        f"{count} {KINDS[k][1]}" for k, count in sorted(standing.kinds.items()) if count
    )
    return f"{standing.harm:.0%} of the harm" + (f": {kinds}" if kinds else "")


def _numbers_columns(
    canvas: Canvas, area: pygame.Rect, rows: list[Standing], height: int
) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
    """Left to right: the department and verdict, its own numbers, the harm it started, in
    rows `height` tall. The first two widen from their usual share where the headings and
    own numbers need it to stay on one line at the floor, and the verdicts to fit on as many
    lines as their rows hold; the harm, which wraps over a thinner bar, keeps room for its
    heading."""
    theme = canvas.theme
    pad = theme.unit // 2
    headings = [theme.width(h, FLOOR, "bold") + pad for h in NUMBERS_HEADINGS]
    own = [theme.width(_own_words(r), FLOOR) + 2 * pad for r in rows]
    verdicts = []
    for row in rows:
        icon, _, words = row.verdict()
        two = _verdict_room(canvas, row, height) >= canvas.lines(2, FLOOR)
        need = _two_lines(canvas, words, "regular") if two else theme.width(words, FLOOR)
        verdicts.append(canvas.width(icon, 0.85, "symbols") + pad // 2 + need + 2 * pad)
    usual = round(area.width * 0.36), round(area.width * 0.30)
    second = max(usual[1], min(max([headings[1], *own]), area.width - usual[0] - headings[2]))
    first = max(usual[0], min(max([headings[0], *verdicts]), area.width - second - headings[2]))
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
    own = (_own_words(standing), standing.used, palette.info, "plain")
    _labelled_bar(canvas, columns[1], inside, *own)
    harm = (_harm_words(standing), standing.harm, palette.bad, "stripes")
    _labelled_bar(canvas, columns[2], inside, *harm)


def _labelled_bar(
    canvas: Canvas,
    column: pygame.Rect,
    row: pygame.Rect,
    label: str,
    share: float,
    colour: Colour,
    pattern: str,
) -> None:
    """Words over a bar filled to `share`, centred in one column of a row (inside its edge)."""
    theme = canvas.theme
    pad = theme.unit // 2
    width = column.width - 2 * pad
    thin = theme.line * 2
    # the words may take the row's spare height for a second line, over a thinner bar
    laid = canvas.lay(label, width, row.height - thin - 1, 0.9)
    words = canvas.height(laid.scale) * len(laid.lines)
    height = max(thin, min(round(theme.unit * 0.8), row.height - words - 1))
    top = row.centery - (words + height) // 2
    below = canvas.label(laid, (column.x + pad, top)).bottom
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
    top = _intro(canvas, area, summary(game))
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
