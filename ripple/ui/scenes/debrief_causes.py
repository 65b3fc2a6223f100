"""The debrief's root-causes page: every department's recurring problems, hidden ones
revealed, with what happened to each (found when and how, fixed when, still there, never
found) and a strip of the turns it kept coming back: the Groundhog Day of a problem that is
worked around instead of fixed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

import pygame

from ripple.engine import Game
from ripple.report.problems import LESSON, RootCause, root_causes, tally
from ripple.ui.draw.charts import Canvas, fill
from ripple.ui.scenes.debrief_layout import intro
from ripple.ui.theme import FLOOR, Label
from ripple.ui.widgets import panel

HEADINGS = ("Department", "Recurring problem", "Found", "Fixed", "Turn by turn", "Came back")
"""The table's columns, left to right."""

NAME, PROBLEM, FOUND, FIXED, STRIP, CAME_BACK = range(len(HEADINGS))
"""The columns, by what they hold."""

WIDEST = {NAME: 0.2, FOUND: 0.21, FIXED: 0.18, CAME_BACK: 0.14}
"""The most of the width each column of short words takes, however long its words."""

STRIP_SHARE = 0.15
"""The share of the width the strip takes."""

PROBLEM_LEAST = 0.24
"""The least share of the width the problems' names keep."""

SCALES = (1.1, 1.0, 0.95, 0.9, 0.85, 0.8, FLOOR)
"""Text sizes the table tries, largest first, until every row fits."""

ROW_SPARE = 0.8
"""The most a row grows, in theme units, when the table has room to spare."""

KEY = (
    ("plain", "at work"),
    ("stripes", "held back by firefighting"),
    ("found", "the turn it was found"),
    ("gone", "gone"),
)
"""The strip's key: how a turn is drawn, and what it means."""


@dataclass(frozen=True, slots=True)
class _Cell:
    """A cell's words and how they are drawn."""

    text: str
    tone: str = "text"
    face: str = "regular"


def _cells(cause: RootCause) -> list[_Cell]:
    """The words of a problem's row, in the columns after the department's name but the
    strip: the problem, when it was found, when fixed, and how long it came back."""
    found = _Cell(cause.found_words(), "text" if cause.found else "warn")
    fixed = _Cell(cause.fixed_words(), {"fixed": "good", "fixing": "info"}.get(cause.status, "bad"))
    return [_Cell(cause.name, face="bold"), found, fixed, _Cell(_came_back(cause))]


TEXT_COLUMNS = (PROBLEM, FOUND, FIXED, CAME_BACK)
"""The columns `_cells` fills, in order."""


def _came_back(cause: RootCause) -> str:
    """How many turns it came back: '9 turns' (then fixed), 'all 12 turns', '5 turns so far'."""
    turns = "1 turn" if cause.recurring == 1 else f"{cause.recurring} turns"
    if cause.fixed:
        return turns
    if not cause.over:
        return f"{turns} so far"
    return f"all {turns}" if cause.recurring > 1 else turns


def draw_causes(canvas: Canvas, area: pygame.Rect, game: Game) -> None:
    """The tally and the lesson, then a table of every department's recurring problems (the
    departments that started most harm first), and the strip's key under it."""
    theme = canvas.theme
    pad = theme.unit // 2
    causes = root_causes(game)
    opening = tally(causes)
    if causes:
        opening += " " + LESSON
    y = intro(canvas, area, opening) + pad
    if not causes:
        return
    key = canvas.lines(2, 0.8)
    body = pygame.Rect(area.x, y, area.width, area.bottom - y - key - pad // 2)
    below = _draw_table(canvas, body, causes, game.turn)
    _draw_key(canvas, pygame.Rect(area.x, below + pad // 2, area.width, key))


# --- the table's layout ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Group:
    """One department's problems laid out: its name, each row's cells and height."""

    causes: list[RootCause]
    name: Label
    rows: list[list[Label]]
    heights: list[int]
    name_line: int
    """How tall a line of its name is."""

    @property
    def name_height(self) -> int:
        """How tall its name is drawn."""
        return len(self.name.lines) * self.name_line

    @property
    def height(self) -> int:
        """How tall its rows are, or its name if that is taller."""
        return max(sum(self.heights), self.name_height)


@dataclass(frozen=True, slots=True)
class _Table:
    """The table laid out: its columns and its departments' rows."""

    columns: list[pygame.Rect]
    groups: list[_Group]


def _columns(
    canvas: Canvas, area: pygame.Rect, causes: list[RootCause], scale: float
) -> tuple[list[pygame.Rect], bool]:
    """The columns across `area`: each column of short words as wide as its longest words
    at `scale` ask (up to its widest share), the strip its share, the problems' names the
    rest, never less than their least share (the others give way evenly). Also says whether
    they had to give way."""
    pad = canvas.theme.unit // 2
    texts: dict[int, list[tuple[str, str]]] = {NAME: [(c.department_name, "bold") for c in causes]}
    for cause in causes:
        for column, cell in zip(TEXT_COLUMNS, _cells(cause), strict=True):
            texts.setdefault(column, []).append((cell.text, cell.face))
    widths = {
        column: min(
            round(area.width * widest),
            max(canvas.theme.width(text, scale, face) for text, face in texts[column])
            + 3 * pad // 2,
        )
        for column, widest in WIDEST.items()
    }
    widths[STRIP] = round(area.width * STRIP_SHARE)
    short = round(area.width * PROBLEM_LEAST) - (area.width - sum(widths.values()))
    if short > 0:
        words = sum(widths[c] for c in WIDEST)
        for column in WIDEST:
            widths[column] -= short * widths[column] // words + 1
    widths[PROBLEM] = area.width - sum(widths.values())
    rects, x = [], area.x
    for column in range(len(HEADINGS)):
        rects.append(pygame.Rect(x, area.y, widths[column], area.height))
        x += widths[column]
    return rects, short > 0


def _layout(canvas: Canvas, area: pygame.Rect, causes: list[RootCause], room: int) -> _Table:
    """The table at one size for every cell: the largest at which the short words keep to
    one line, each cell fits its column (on two lines at most) and all rows fit `room`; at
    the floor, as laid out there (cut only as a last resort). Rows then share out what room
    is left, a little each, so a short table does not huddle at the top."""
    departments = [list(rows) for _, rows in groupby(causes, key=lambda c: c.department)]
    # the last column keeps a margin inside the panels' right edge
    inside = pygame.Rect(area.x, area.y, area.width - canvas.theme.unit // 2, area.height)
    for scale in SCALES:
        columns, squeezed = _columns(canvas, inside, causes, scale)
        groups = [_lay(canvas, columns, rows, scale) for rows in departments]
        cut = any(label.cut for group in groups for row in group.rows for label in row)
        if not (cut or squeezed) and _height(canvas, groups) <= room:
            break
    rows = sum(len(group.heights) for group in groups)
    spare = (room - _height(canvas, groups)) // max(1, rows)
    extra = max(0, min(round(canvas.theme.unit * ROW_SPARE), spare))
    grown = [
        _Group(g.causes, g.name, g.rows, [h + extra for h in g.heights], g.name_line)
        for g in groups
    ]
    return _Table(columns, grown)


def _lay(
    canvas: Canvas, columns: Sequence[pygame.Rect], causes: list[RootCause], scale: float
) -> _Group:
    """One department's rows laid out at `scale`, no smaller: a cell that does not fit on two
    lines is cut, and the table tries a smaller size."""
    pad = canvas.theme.unit // 2
    rows = [
        [
            canvas.lay(
                cell.text,
                columns[column].width - pad,
                canvas.lines(2, scale, cell.face),
                scale,
                cell.face,
                floor=scale,
            )
            for column, cell in zip(TEXT_COLUMNS, _cells(cause), strict=True)
        ]
        for cause in causes
    ]
    heights = [max(_drawn(canvas, label) for label in row) + pad // 2 for row in rows]
    room = max(sum(heights), canvas.lines(2, scale, "bold"))
    name = canvas.lay(causes[0].department_name, columns[NAME].width - pad, room, scale, "bold")
    return _Group(causes, name, rows, heights, canvas.height(name.scale, "bold"))


def _drawn(canvas: Canvas, label: Label) -> int:
    """How tall a laid-out label is drawn."""
    return len(label.lines) * canvas.height(label.scale, label.face)


def _height(canvas: Canvas, groups: list[_Group]) -> int:
    """How tall the departments' panels are, with the gaps between them."""
    pad = canvas.theme.unit // 2
    return sum(group.height + pad // 2 + pad // 3 for group in groups)


# --- drawing -------------------------------------------------------------------------


def _draw_table(canvas: Canvas, area: pygame.Rect, causes: list[RootCause], turns: int) -> int:
    """The headings, then a panel per department holding a row per problem: as large as
    every row fits, else as many departments as fit and a note of the rest; returns the
    bottom of what it drew."""
    theme = canvas.theme
    palette = theme.palette
    pad = theme.unit // 2
    headings = canvas.lines(2, 0.8, "bold") + pad // 2
    table = _layout(canvas, area, causes, area.height - headings)
    below = area.y
    for rect, heading in zip(table.columns, HEADINGS, strict=True):
        laid = canvas.lay(heading, rect.width - pad, canvas.lines(2, 0.8, "bold"), 0.8, "bold")
        below = max(below, canvas.label(laid, (rect.x + pad, area.y), colour=palette.muted).bottom)
    y = below + pad // 2
    note = canvas.height(0.75) if _height(canvas, table.groups) > area.bottom - y else 0
    shown = 0
    for group in table.groups:
        rect = pygame.Rect(area.x, y, area.width, group.height + pad // 2)
        if rect.bottom > area.bottom - note:
            break
        _draw_group(canvas, rect, table.columns, group, turns)
        y = rect.bottom + pad // 3
        shown += len(group.causes)
    if shown < len(causes):
        more = f"and {len(causes) - shown} more problems in departments that started less harm"
        y = canvas.line(more, (area.right, y), area.width, scale=0.75, anchor="topright").bottom
    return y


def _draw_group(
    canvas: Canvas, rect: pygame.Rect, columns: Sequence[pygame.Rect], group: _Group, turns: int
) -> None:
    """One department's panel: its name on the left, a row per problem, each cell's words
    and the strip in the middle of the row's height."""
    theme = canvas.theme
    palette = theme.palette
    pad = theme.unit // 2
    panel(canvas.surface, rect, palette.panel, edge=palette.edge)
    y = rect.y + pad // 4
    for k, (cause, labels) in enumerate(zip(group.causes, group.rows, strict=True)):
        height = group.heights[k]
        if k:
            pygame.draw.line(
                canvas.surface, palette.raised, (columns[1].x, y), (rect.right - pad, y)
            )
        else:
            top = y + (height - _drawn(canvas, labels[0])) // 2
            canvas.label(
                group.name, (columns[NAME].x + pad, min(top, rect.bottom - group.name_height))
            )
        cells = _cells(cause)
        for column, label, cell in zip(TEXT_COLUMNS, labels, cells, strict=True):
            at = (columns[column].x + pad, y + (height - _drawn(canvas, label)) // 2)
            canvas.label(label, at, colour=getattr(palette, cell.tone))
        if turns:
            size = min(round(theme.unit * 0.9), height - pad // 2)
            strip = pygame.Rect(columns[STRIP].x + pad, y + (height - size) // 2, 0, size)
            strip.width = columns[STRIP].width - 2 * pad
            _draw_strip(canvas, strip, cause, turns)
        y += height


def _draw_strip(canvas: Canvas, strip: pygame.Rect, cause: RootCause, turns: int) -> None:
    """One problem's turns, left to right."""
    theme = canvas.theme
    palette = theme.palette
    step = strip.width / turns
    gap = 1 if step >= 4 else 0
    for turn in range(1, turns + 1):
        left = strip.x + round((turn - 1) * step)
        box = pygame.Rect(
            left, strip.y, max(1, strip.x + round(turn * step) - left - gap), strip.height
        )
        if turn in cause.active:
            pattern = "stripes" if turn in cause.firefought else "plain"
            fill(canvas.surface, theme, box, palette.bad, pattern)
        else:
            pygame.draw.rect(canvas.surface, palette.background, box)
            pygame.draw.rect(canvas.surface, palette.edge, box, 1)
        if turn == cause.found:
            pygame.draw.rect(canvas.surface, palette.focus, box.inflate(2, 2), theme.line * 2)


def _draw_key(canvas: Canvas, area: pygame.Rect) -> None:
    """What the strip's boxes mean, across the foot of the page."""
    theme = canvas.theme
    palette = theme.palette
    pad = theme.unit // 2
    size = canvas.height(0.8) * 2 // 3
    x, y = area.x, area.y
    for kind, words in KEY:
        width = size + pad // 2 + canvas.width(words, 0.8) + theme.unit
        if x > area.x and x + width > area.right:
            x, y = area.x, y + canvas.height(0.8)
        box = pygame.Rect(x, y + (canvas.height(0.8) - size) // 2, size, size)
        if kind in ("plain", "stripes", "found"):
            fill(canvas.surface, theme, box, palette.bad, "plain" if kind == "found" else kind)
        else:
            pygame.draw.rect(canvas.surface, palette.edge, box, 1)
        if kind == "found":
            pygame.draw.rect(canvas.surface, palette.focus, box.inflate(2, 2), theme.line * 2)
        room = area.right - box.right - pad // 2
        canvas.line(words, (box.right + pad // 2, y), room, scale=0.8, colour=palette.muted)
        x += width
