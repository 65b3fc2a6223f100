"""What internal customers said this turn, in bubbles beside their hand-offs' rating chips.

A bubble goes where it hides no department, customer, chip or other bubble and its pointer
crosses none: beside the chip if it can (on two lines, else on one), else a little further
off it or beside its line (nearest first, over no hand-off's line if it can). One that has
no such place is left to the inspect card and the turn's story.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import pygame

from ripple.engine import Snapshot
from ripple.ui.draw.geometry import Link
from ripple.ui.theme import Label, Theme
from ripple.ui.widgets import draw_label, panel

SAID_SCALE = 0.8
"""The size of what an internal customer said, in its bubble by the hand-off's rating."""


@dataclass(frozen=True)
class Said:
    """What an internal customer said this turn, laid out in a bubble beside its hand-off's
    rating chip: `tail` is the point on the chip's edge the bubble points at."""

    key: str
    box: pygame.Rect
    label: Label
    tail: tuple[int, int]


def place_said(
    theme: Theme,
    after: Snapshot,
    chips: dict[str, pygame.Rect],
    links: dict[str, Link],
    room: pygame.Rect,
    taken: list[pygame.Rect],
) -> list[Said]:
    """Each asked internal customer's words ("6 wrong · 3 late") in a bubble by its chip,
    placed as the module says; `taken` is what no bubble may cover (it grows as they go)."""
    taken = list(taken)
    bubbles: list[Said] = []
    lines = [line.points() for line in links.values()]
    for handoff in after.handoffs:
        chip = chips.get(handoff.key)
        if not handoff.said or chip is None:
            continue
        shapes = _said_shapes(theme, handoff.said.replace(", ", " · "))
        found = _bubble_place(chip, links[handoff.key], shapes, theme, room, taken, lines)
        if found is not None:
            label, place = found
            taken.append(place)
            bubbles.append(Said(handoff.key, place, label, _nearest(chip, place.center)))
    return bubbles


def _bubble_place(
    chip: pygame.Rect,
    link: Link,
    shapes: list[tuple[Label, pygame.Rect]],
    theme: Theme,
    room: pygame.Rect,
    taken: list[pygame.Rect],
    lines: list[list[tuple[int, int]]],
) -> tuple[Label, pygame.Rect] | None:
    """Which of the bubble's `shapes` goes where by `chip` (see `place_said`), or None."""
    others = [r for r in taken if r is not chip]
    gap = max(4, theme.unit // 3)

    def free(place: pygame.Rect) -> bool:
        if not room.contains(place) or place.collidelist(taken) >= 0:
            return False
        tail = _nearest(chip, place.center)
        return not any(r.clipline(_nearest(place, tail), tail) for r in others)

    near = (
        (label, place)
        for label, box in shapes
        for place in _beside_chip(chip, box, gap)
        if free(place)
    )
    found = next(near, None)
    if found is not None:
        return found
    far = [
        (label, place)
        for label, box in shapes
        for place in _off_chip(chip, box, gap, link, theme.unit)
        if free(place)
    ]
    far.sort(key=lambda shaped: _apart(shaped[1], chip))
    clear = (f for f in far if not any(_crosses(f[1], points) for points in lines))
    return next(clear, far[0] if far else None)


def draw_said(surface: pygame.Surface, theme: Theme, bubbles: list[Said]) -> None:
    """The bubbles, each pointing at its hand-off's rating chip."""
    palette = theme.palette
    inner = _said_pad(theme) + theme.line  # inside the edge, the same on either side
    for bubble in bubbles:
        box = bubble.box
        base = _nearest(box, bubble.tail)
        side = max(3, theme.unit // 4)
        along = (0, side) if base[0] in (box.left, box.right - 1) else (side, 0)
        tail = [
            (base[0] - along[0], base[1] - along[1]),
            bubble.tail,
            (base[0] + along[0], base[1] + along[1]),
        ]
        pygame.draw.polygon(surface, palette.muted, tail)
        panel(
            surface,
            box,
            palette.raised,
            radius=box.height // 3,
            edge=palette.muted,
            width=theme.line,
        )
        draw_label(surface, theme, bubble.label, (box.x + inner, box.centery), anchor="midleft")


def _beside_chip(chip: pygame.Rect, box: pygame.Rect, gap: int) -> list[pygame.Rect]:
    """Where a bubble of `box`'s size may go by `chip`, best first: right, left, below, above
    (centred, then flush with either end of the chip), then off its corners."""
    spots = (
        ("midleft", (chip.right + gap, chip.centery)),
        ("midright", (chip.left - gap, chip.centery)),
        ("midtop", (chip.centerx, chip.bottom + gap)),
        ("midbottom", (chip.centerx, chip.top - gap)),
        ("topright", (chip.right, chip.bottom + gap)),
        ("topleft", (chip.left, chip.bottom + gap)),
        ("bottomright", (chip.right, chip.top - gap)),
        ("bottomleft", (chip.left, chip.top - gap)),
        ("topleft", (chip.right + gap, chip.bottom)),
        ("topright", (chip.left - gap, chip.bottom)),
        ("bottomleft", (chip.right + gap, chip.top)),
        ("bottomright", (chip.left - gap, chip.top)),
    )
    return [_put(box, handle, point) for handle, point in spots]


SAID_REACH = 8
"""How far from its chip, in units, a bubble of what was said may go: further, and it no
longer reads as the hand-off's."""


def _off_chip(
    chip: pygame.Rect, box: pygame.Rect, gap: int, link: Link, unit: int
) -> list[pygame.Rect]:
    """Where a bubble of `box`'s size may go for the hand-off of `chip` when no place right
    by the chip is free: further below, above, right or left of it (to clear the departments
    either side), or beside its line; none further than SAID_REACH."""
    step = max(2, unit // 2)
    reach = SAID_REACH * unit
    spots = []
    for d in range(gap + step, reach, step):
        spots += [
            ("midtop", (chip.centerx, chip.bottom + d)),
            ("midbottom", (chip.centerx, chip.top - d)),
            ("midleft", (chip.right + d, chip.centery)),
            ("midright", (chip.left - d, chip.centery)),
            ("topleft", (chip.left, chip.bottom + d)),
            ("topright", (chip.right, chip.bottom + d)),
            ("bottomleft", (chip.left, chip.top - d)),
            ("bottomright", (chip.right, chip.top - d)),
        ]
    for t in (0.15, 0.25, 0.35, 0.65, 0.75, 0.85):
        x, y = link.at(t)
        spots += [
            ("midleft", (x + gap, y)),
            ("midright", (x - gap, y)),
            ("midtop", (x, y + gap)),
            ("midbottom", (x, y - gap)),
        ]
    places = [_put(box, handle, point) for handle, point in spots]
    return [p for p in places if _apart(p, chip) <= reach]


def _apart(a: pygame.Rect, b: pygame.Rect) -> float:
    """How far apart two boxes are: between their nearest points."""
    return math.dist(_nearest(a, b.center), _nearest(b, a.center))


def _crosses(box: pygame.Rect, points: list[tuple[int, int]]) -> bool:
    """True when the line through `points` passes under `box`."""
    return any(box.clipline(a, b) for a, b in itertools.pairwise(points))


def _said_shapes(theme: Theme, words: str) -> list[tuple[Label, pygame.Rect]]:
    """The shapes a bubble of `words` may take, each laid out with its box: on at most two
    lines, then (when that took two) on one longer line; none that would cut it short."""
    pad = _said_pad(theme)
    high = theme.leading(SAID_SCALE) + theme.size(SAID_SCALE)  # two lines at most
    shapes = []
    for width, height in ((7, high), (14, theme.size(SAID_SCALE))):
        label = theme.label(words, round(theme.unit * width), height, SAID_SCALE)
        if label.cut or any(label == shape for shape, _ in shapes):
            continue
        wide = max(theme.width(line, label.scale) for line in label.lines)
        lines = theme.leading(label.scale) * len(label.lines)
        shapes.append((label, pygame.Rect(0, 0, wide + 2 * (pad + theme.line), lines + pad)))
    return shapes


def _said_pad(theme: Theme) -> int:
    """The room round the words in a bubble of what was said (inside its edge)."""
    return max(3, theme.unit // 4)


def _put(box: pygame.Rect, handle: str, point: tuple[int, int]) -> pygame.Rect:
    """A copy of `box` with its `handle` (an edge or corner) at `point`."""
    place = box.copy()
    setattr(place, handle, point)
    return place


def _nearest(rect: pygame.Rect, point: tuple[int, int]) -> tuple[int, int]:
    """The point of `rect` nearest `point`."""
    x = max(rect.left, min(rect.right - 1, point[0]))
    y = max(rect.top, min(rect.bottom - 1, point[1]))
    return x, y
