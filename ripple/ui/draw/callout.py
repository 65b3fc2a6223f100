"""The tutorial's callout on the play screen: a box with the step, what it says and what to
do, two buttons, and an arrow to the thing the step points at, with a ring round it.

The box goes in the emptiest corner of the graph, so it never hides the thing it points at
nor the End turn button (which is beside the graph, not on it).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from ripple.scenario.model import SCREEN_PARTS, Scenario, handoff_key, parse_handoff
from ripple.ui.draw.geometry import arrow, edge_point
from ripple.ui.theme import Theme
from ripple.ui.widgets import blit, draw_label, panel

if TYPE_CHECKING:
    from ripple.scenario.model import TutorialStep
    from ripple.ui.scenes.play import PlayScene
    from ripple.ui.tutorial import Guide

TEXT = 0.9
"""Size of the callout's words, relative to the body text."""

PULSE_SECONDS = 3.0
"""How long the ring round the thing pointed at pulses when a step appears."""

DONE_TITLE = "That's the tutorial done"
DONE_SAY = (
    "Well done: you have followed a ripple from where it started to the customers who "
    "felt it. The debrief looks back at the whole game, with charts, the ripple trace and "
    "a few questions to think over. Then try a full scenario."
)


@dataclass(frozen=True)
class Callout:
    """Where the callout goes and what it says, for one frame."""

    box: pygame.Rect
    again: pygame.Rect
    next: pygame.Rect
    target: pygame.Rect | None
    """The thing pointed at: the arrow goes there, and a ring goes round it."""
    first: pygame.Rect | None
    """What to click first, when that is not the thing pointed at: ringed too."""
    heading: str
    title: str
    lines: tuple[str, ...]
    todo: tuple[str, ...]
    labels: tuple[str, str]


def spot(point_at: str | None, scenario: Scenario) -> str | None:
    """The play screen's hotspot for what a step points at ('dept:desk',
    'handoff:desk->bakery', 'customer:hosts', 'end_turn'), or None for a part of the
    screen with no hotspot of its own (menu, score, log) or nothing at all."""
    if point_at is None:
        return None
    if point_at == "end_turn":
        return point_at
    if point_at in SCREEN_PARTS:
        return None
    pair = parse_handoff(point_at)
    if pair is not None:
        return f"handoff:{handoff_key(*pair)}"
    if any(d.id == point_at for d in scenario.departments):
        return f"dept:{point_at}"
    return f"customer:{point_at}"


def place_callout(theme: Theme, scene: PlayScene, guide: Guide) -> Callout:
    """The callout for the guide's step (or the last word, once it is done)."""
    step = guide.step
    if step is None:
        heading, title, say = "Tutorial complete", DONE_TITLE, DONE_SAY
        todo = _done_todo(scene)
        labels = ("◀ Again (PgUp)", "Close (PgDn)")
        target = first = None
    else:
        heading = f"Step {guide.index + 1} of {len(guide.steps)}"
        title, say = step.title, step.say
        todo = _todo(step, scene)
        labels = ("◀ Again (PgUp)", "Next ▶ (PgDn)" if step.until == "next" else "Show me ▶ (PgDn)")
        target = _target(step.point_at, scene)
        first = _first(step, scene)
    pad = theme.unit // 2
    area = scene.area
    bounds = pygame.Rect(area.x, area.y, area.width, area.height - theme.unit).inflate(
        -2 * pad, -2 * pad
    )
    width = min(round(theme.unit * 22), bounds.width)
    inner = width - 2 * pad
    lines = tuple(theme.wrap(say, inner, TEXT))
    todo_lines = tuple(theme.wrap(todo, inner, TEXT, "bold")) if todo else ()
    button = round(theme.unit * 1.9)
    height = (
        pad
        + _line(theme, 0.75)
        + _line(theme, 1.1, "bold")
        + pad // 2
        + len(lines) * _line(theme, TEXT)
        + (pad // 2 + len(todo_lines) * _line(theme, TEXT, "bold") if todo_lines else 0)
        + pad
        + button
        + pad
    )
    graph = scene.graph
    avoid = [*graph.nodes.values(), *graph.chips.values(), *graph.customers.values()]
    keep = [rect for rect in (target, first) if rect is not None]
    box = _emptiest((width, min(height, bounds.height)), bounds, avoid, keep, target)
    half = (inner - pad) // 2
    again = pygame.Rect(box.x + pad, box.bottom - pad - button, half, button)
    onward = pygame.Rect(box.right - pad - half, again.y, half, button)
    return Callout(box, again, onward, target, first, heading, title, lines, todo_lines, labels)


def _line(theme: Theme, scale: float, face: str = "regular") -> int:
    return theme.font(theme.size(scale), face).get_linesize()


def _name(point_at: str, scene: PlayScene) -> str:
    """What a learner sees written on the thing pointed at."""
    scenario = scene.session.scenario
    names = {d.id: d.name for d in scenario.departments}
    names |= {c.id: c.name for c in scenario.customers}
    screen = {"end_turn": "End turn", "menu": "Decisions", "score": "the scoreboard"}
    pair = parse_handoff(point_at)
    if pair is not None:
        return f"{names.get(pair[0], pair[0])} → {names.get(pair[1], pair[1])}"
    return names.get(point_at) or screen.get(point_at) or "the turn log"


def _todo(step: TutorialStep, scene: PlayScene) -> str:
    """What the learner does to finish the step, in keys and clicks."""
    where = _name(step.point_at, scene) if step.point_at else ""
    if step.until == "end_turn":
        return "Press E, or click End turn."
    if step.until == "turn":
        left = max(1, (step.turn or 0) - scene.session.after.turn)
        more = "1 more turn" if left == 1 else f"{left} more turns"
        return f"Press E, or click End turn, until turn {step.turn} is over: {more}."
    if step.until == "inspect":
        return f"Click {where}, or press Tab until it is chosen."
    if step.until == "choose":
        menu = scene.session.game.menu.interventions
        wanted = menu.get(step.intervention or "")
        if scene.targeting is not None and (wanted is None or scene.targeting.id == wanted.id):
            return f"Now click {where}, or pick it in the list and press Enter."
        what = f"Click {wanted.name} in Decisions" if wanted else "Choose one of the Decisions"
        return f"{what}, then {where}." if where else f"{what}."
    return ""


def _done_todo(scene: PlayScene) -> str:
    if scene.session.over:
        return "Press D for the debrief, or Esc for the title screen and a full scenario."
    return "Play on to the last turn if you like, then press D for the debrief."


def _target(point_at: str | None, scene: PlayScene) -> pygame.Rect | None:
    """The rectangle of what a step points at, on this layout."""
    parts = {"menu": scene.side, "score": scene.status, "log": scene.log}
    if point_at in parts:
        return parts[point_at]
    name = spot(point_at, scene.session.scenario)
    return scene.hotspots.get(name) if name else None


def _first(step: TutorialStep, scene: PlayScene) -> pygame.Rect | None:
    """While a step asks for an intervention that is not yet being aimed: its menu row."""
    if step.until != "choose" or step.intervention is None or scene.targeting is not None:
        return None
    return scene.hotspots.get(f"intervention:{step.intervention}")


def _emptiest(
    size: tuple[int, int],
    bounds: pygame.Rect,
    avoid: list[pygame.Rect],
    keep: list[pygame.Rect],
    aim: pygame.Rect | None,
) -> pygame.Rect:
    """A box of `size` in a corner (or the middle of an edge) of `bounds`: the one that
    covers least of `keep` (what it points at), then least of `avoid` (counting what its
    arrow to `aim` would cross), then the nearest to `aim`."""
    places = []
    for handle in ("topleft", "topright", "bottomleft", "bottomright", "midtop", "midbottom"):
        place = pygame.Rect((0, 0), size)
        setattr(place, handle, getattr(bounds, handle))
        places.append(place.clamp(bounds))

    def covered(place: pygame.Rect, rects: list[pygame.Rect]) -> int:
        return sum(place.clip(r).width * place.clip(r).height for r in rects)

    def crossed(place: pygame.Rect) -> int:
        """The area of everything the arrow from this place would run across."""
        if aim is None:
            return 0
        line = (edge_point(place, aim.center), edge_point(aim, place.center))
        return sum(r.width * r.height for r in avoid if r.clipline(*line) and r != aim)

    def cost(place: pygame.Rect) -> tuple[int, int, float]:
        hidden = covered(place, [rect.inflate(8, 8) for rect in keep])
        near = math.dist(place.center, aim.center) if aim is not None else 0.0
        return hidden, covered(place, avoid) + crossed(place), near

    return min(places, key=cost)


def draw_callout(surface: pygame.Surface, theme: Theme, scene: PlayScene) -> None:
    """The guide's callout over the play screen (nothing when there is no guide)."""
    guide = getattr(scene, "guide", None)
    if guide is None or guide.hidden:
        return
    callout = place_callout(theme, scene, guide)
    palette = theme.palette
    pad = theme.unit // 2
    pulse = 0.0
    if guide.age < PULSE_SECONDS:
        pulse = (1 - math.cos(guide.age * 2 * math.pi)) / 2
    gap = 2 * (theme.line * 3 + 2 + round(pad * pulse))
    rings = [rect for rect in (callout.target, callout.first) if rect is not None]
    graph = scene.graph
    others = [*graph.nodes.values(), *graph.chips.values(), *graph.customers.values()]
    with _behind(surface, [r for r in others if r not in rings]):
        for rect in rings:
            _ring(surface, theme, rect.inflate(gap, gap))
    aim = callout.target
    if aim is not None and not callout.box.colliderect(aim):
        _arrow(surface, theme, callout.box, aim.inflate(gap + pad, gap + pad))
    box = callout.box
    shadow = box.move(pad // 2, pad // 2)
    panel(surface, shadow, palette.background, radius=pad)
    panel(surface, box, palette.raised, radius=pad, edge=palette.focus, width=theme.line * 2)
    x, y = box.x + pad, box.y + pad // 2
    y = blit(surface, theme, callout.heading, (x, y), scale=0.75, colour=palette.muted).bottom
    room = (box.width - 2 * pad, _line(theme, 1.1, "bold"))
    title = theme.label(callout.title, *room, 1.1, face="bold")
    y = draw_label(surface, theme, title, (x, y)).bottom + pad // 2
    step = _line(theme, TEXT)
    for line in callout.lines:
        blit(surface, theme, line, (x, y), scale=TEXT)
        y += step
    if callout.todo:
        y += pad // 2
        for line in callout.todo:
            blit(surface, theme, line, (x, y), scale=TEXT, face="bold", colour=palette.focus)
            y += _line(theme, TEXT, "bold")
    _button(surface, theme, callout.again, callout.labels[0], primary=False)
    _button(surface, theme, callout.next, callout.labels[1], primary=True)


@contextmanager
def _behind(surface: pygame.Surface, rects: list[pygame.Rect]) -> Iterator[None]:
    """What is drawn inside the block goes behind `rects`: a ring round one department never
    crosses the words of the hand-off label or the department beside it ("80%" stays 80%)."""
    bounds = surface.get_rect()
    kept = [(r.clip(bounds), surface.subsurface(r.clip(bounds)).copy()) for r in rects]
    yield
    for rect, image in kept:
        surface.blit(image, rect)


def _ring(surface: pygame.Surface, theme: Theme, rect: pygame.Rect) -> None:
    """A ring round the thing pointed at, drawn over a dark line so it shows on anything."""
    radius = theme.unit // 2
    pygame.draw.rect(
        surface,
        theme.palette.background,
        rect.inflate(2 * theme.line, 2 * theme.line),
        width=theme.line * 5,
        border_radius=radius,
    )
    pygame.draw.rect(surface, theme.palette.focus, rect, width=theme.line * 3, border_radius=radius)


def _arrow(surface: pygame.Surface, theme: Theme, box: pygame.Rect, aim: pygame.Rect) -> None:
    """A line from the box to the edge of the ring, with its head there."""
    start = edge_point(box, aim.center)
    end = edge_point(aim, box.center)
    head = theme.unit * 1.1
    for colour, width, grow in (
        (theme.palette.background, theme.line * 6, 1.35),
        (theme.palette.focus, theme.line * 3, 1.0),
    ):
        pygame.draw.line(surface, colour, start, end, width)
        arrow(surface, colour, start, end, head * grow)


def _button(
    surface: pygame.Surface, theme: Theme, rect: pygame.Rect, label: str, *, primary: bool
) -> None:
    palette = theme.palette
    fill = palette.chosen if primary else palette.panel
    panel(surface, rect, fill, radius=rect.height // 3, edge=palette.text, width=theme.line)
    text = theme.fit(label, rect.width - theme.unit // 2, 0.8, "bold")
    blit(
        surface,
        theme,
        text,
        rect.center,
        scale=0.8,
        face="bold",
        anchor="center",
        colour=(255, 255, 255),
    )
