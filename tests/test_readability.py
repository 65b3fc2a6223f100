"""Read from the back of a room: at 1024x768, and in projector mode, no label of the shipped
scenarios is cut short (the decisions and targets lists, the department boxes, the customers,
the turn's story on every page, the money, what internal customers said, the reflection
page), every decision is in view without scrolling, the legend says what '?' means,
highlights and the tutorial's ring never cover words, and moving work is big enough to see
and never bunches."""

from __future__ import annotations

import itertools
import math
import os
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame
import pytest

from ripple.engine import Game
from ripple.engine.policies import POLICIES
from ripple.paths import SCENARIOS, TUTORIAL_SCENARIO
from ripple.play.session import Session
from ripple.report.record import play_out
from ripple.scenario.load import load_scenario
from ripple.ui import widgets
from ripple.ui.app import App
from ripple.ui.draw import flow, graph, panel_views, panels, story
from ripple.ui.draw.callout import draw_callout
from ripple.ui.draw.charts import Canvas
from ripple.ui.draw.panel_views import places
from ripple.ui.pilot import Pilot
from ripple.ui.scene import Scene
from ripple.ui.scenes.choose import start_game
from ripple.ui.scenes.debrief import DebriefScene
from ripple.ui.scenes.debrief_learner import draw_reflection
from ripple.ui.scenes.debrief_pages import LEARNER_PAGES, PAGES
from ripple.ui.scenes.play import PlayScene
from ripple.ui.theme import ELLIPSIS, FLOOR, Label, Theme
from ripple.ui.widgets import ListView
from tests.test_learner import Recording

SHIPPED = sorted(p.stem for p in SCENARIOS.glob("*.yaml"))
MODES = {"1024x768": False, "projector": True}
SIZE = (1024, 768)


@pytest.fixture
def cuts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every text the screens shortened with an ellipsis while the test ran."""
    found: list[str] = []
    fit = Theme.fit

    def noted(self: Theme, text: str, width: int, *args: Any, **kwargs: Any) -> str:
        shown = fit(self, text, width, *args, **kwargs)
        if shown != text:
            found.append(text)
        return shown

    monkeypatch.setattr(Theme, "fit", noted)
    yield found


class Drawn(NamedTuple):
    """One thing a drawing function drew: what (a text or a label), at what scale, where."""

    what: Any
    scale: float
    rect: pygame.Rect


def noted(monkeypatch: pytest.MonkeyPatch, module: ModuleType, name: str) -> list[Drawn]:
    """Everything `module.name` (a function drawing text or a label: surface, theme, what,
    ...) draws from now on, in order; the list can be cleared between looks."""
    drawn: list[Drawn] = []
    draw = getattr(module, name)

    def noting(surface: pygame.Surface, theme: Theme, what: Any, *a: Any, **k: Any) -> Any:
        rect = draw(surface, theme, what, *a, **k)
        drawn.append(Drawn(what, k.get("scale", 1.0), rect))
        return rect

    monkeypatch.setattr(module, name, noting)
    return drawn


def play_screen(
    name: str,
    projector: bool,
    turns: int = 2,
    policy: str = "none",
    *,
    size: tuple[int, int] = SIZE,
    **options: Any,
) -> tuple[App, PlayScene, Pilot]:
    """The play screen of a shipped scenario (at 1024x768 unless `size` says otherwise),
    `turns` played with the choices `policy` makes; `options` go to the game's start."""
    app = App(size, sound=False, projector=projector)
    assert start_game(app, SCENARIOS / f"{name}.yaml", **options) == []
    scene = app.top
    assert isinstance(scene, PlayScene)
    pilot = Pilot(app)
    for _ in range(turns):
        for decision in POLICIES[policy](scene.session.game):
            scene.session.choose(decision)
        pilot.press(pygame.K_e)
        pilot.until(lambda: not scene.session.resolving and not scene.animating)
    pilot.frames(2)
    return app, scene, pilot


# --- nothing cut ----------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", SHIPPED)
def test_no_label_on_the_play_screen_is_cut(name: str, mode: str, cuts: list[str]) -> None:
    """The graph, the decisions list and every targets list, each row highlighted in turn."""
    _, scene, pilot = play_screen(name, MODES[mode])
    menu = scene.session.game.menu.interventions
    for _ in scene.menu.items:
        current = scene.menu.current
        assert current is not None
        if menu[current.name].target != "everyone":
            pilot.press(pygame.K_RETURN, frames=2)  # a tutorial may refuse: no targets then
            for _ in scene.targets.items if scene.targeting else ():
                pilot.press(pygame.K_DOWN, frames=2)
            pilot.press(pygame.K_ESCAPE, frames=2)
        pilot.press(pygame.K_DOWN, frames=2)
    scene.session.close()
    names = {i.name for i in menu.values()} | {d.name for d in scene.session.scenario.departments}
    names |= {c.name for c in scene.session.scenario.customers}
    labels = [cut for cut in cuts if "→" in cut or "->" in cut or cut in names]
    assert not labels, f"{name} ({mode}): cut short: {sorted(set(labels))}"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", SHIPPED)
def test_every_decision_is_in_view_before_the_preview_takes_room(
    name: str, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole menu, and every list of targets, in view at 1024x768 (a projector's too):
    nothing scrolled away wherever the highlight goes, no row lower than a line of the
    smallest readable text, and what the column writes (the preview, what is chosen) over no
    row and clear of the End turn button."""
    written = noted(monkeypatch, panels, "blit")
    labels = noted(monkeypatch, widgets, "draw_label")
    _, scene, pilot = play_screen(name, MODES[mode], turns=1)
    menu = scene.session.game.menu.interventions

    def all_in_view(rows: ListView, where: str) -> None:
        written.clear()
        labels.clear()
        view = panel_views.decisions_view(scene)
        panels.draw_decisions(pygame.Surface(SIZE), scene.theme, places(scene), rows, view)
        shown = sorted(rows.rects)
        assert shown == list(range(len(rows.items))), f"{where}: {len(shown)} in view"
        boxes = list(rows.rects.values())
        assert min(r.height for r in boxes) >= ListView.floor(scene.theme), f"{where}: rows"
        edge = 2 * scene.theme.line  # the highlight's edge at its thinnest
        for box in boxes:
            inside = box.inflate(-2 * edge, -2 * edge)
            label = next(r for _, _, r in labels if r.colliderect(box))
            assert inside.contains(label), f"{where}: a label runs into its row's edge"
        end = scene.hotspots["end_turn"]
        assert all(scene.side.contains(r) and r.bottom < end.top for r in boxes), where
        for text, _, rect in written:
            if scene.side.colliderect(rect) and text:
                assert rect.collidelist(boxes) < 0, f"{where}: {text!r} over a row"
                assert end.contains(rect) or not end.colliderect(rect), f"{where}: {text!r}"

    for _ in scene.menu.items:
        current = scene.menu.current
        assert current is not None
        all_in_view(scene.menu, f"{name} ({mode}), {current.name} highlighted")
        if menu[current.name].target != "everyone":
            pilot.press(pygame.K_RETURN, frames=2)  # a tutorial may refuse: no targets then
            for _ in scene.targets.items if scene.targeting else ():
                all_in_view(scene.targets, f"{name} ({mode}), aiming {current.name}")
                pilot.press(pygame.K_DOWN, frames=2)
            pilot.press(pygame.K_ESCAPE, frames=2)
        pilot.press(pygame.K_DOWN, frames=2)
    scene.session.close()


@pytest.mark.parametrize("mode", MODES)
def test_the_legend_says_what_a_question_mark_means_and_fits(
    mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every wording of the graph's legend says what '?' on a hand-off means; the one shown
    at 1024x768 is whole and inside the graph."""
    assert all("?" in legend for legend in graph.LEGENDS)
    shown = noted(monkeypatch, graph, "blit")
    _, scene, _ = play_screen("claims", MODES[mode], turns=1)
    shown.clear()
    scene._draw_graph(pygame.Surface(SIZE))
    legends = [(text, rect) for text, _, rect in shown if text.startswith("Bars:")]
    assert len(legends) == 1, legends
    text, rect = legends[0]
    assert text in graph.LEGENDS, f"{mode}: the legend is cut short: {text!r}"
    assert scene.area.contains(rect), f"{mode}: the legend runs out of the graph"
    scene.session.close()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", SHIPPED)
def test_no_line_of_the_reflection_page_is_cut(name: str, mode: str) -> None:
    """Every policy's game, with the departments it looked after and with two chosen."""
    pygame.font.init()
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    theme = Theme(SIZE[1], projector=MODES[mode])
    unit = theme.unit
    top = round(unit * 2.6) + round(unit * 2.2) + unit // 2
    area = pygame.Rect(unit, top, SIZE[0] - 2 * unit, SIZE[1] - round(unit * 1.8) - top - unit // 2)
    ids = [d.id for d in scenario.departments]
    for policy in ("customer", "silo", "none"):
        game = Game(scenario)
        play_out(game, policy)
        for chosen in ((), tuple(ids[:2]), tuple(ids[1:3])):
            canvas = Recording(pygame.Surface(SIZE), theme)
            draw_reflection(canvas, area, game, chosen, "", False)
            cut = [w for w in canvas.words if ELLIPSIS in w]
            assert not cut, f"{name} ({mode}, {policy}, {chosen}): cut short: {cut[:3]}"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", SHIPPED)
def test_the_turns_story_reads_whole_on_every_page(
    name: str, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The story panel (L) after a turn that tells a lot (a silo player's): on every page,
    nothing cut, nothing outside the panel, no two lines over each other, nothing smaller
    than the floor (the story itself no smaller than its smallest size), and every line of
    the turn told."""
    drawn = noted(monkeypatch, story, "blit")
    _, scene, pilot = play_screen(name, MODES[mode], turns=4, policy="silo")
    report = scene.session.after.report
    assert report is not None
    pilot.press(pygame.K_l)
    view = story.StoryView("", story.story_parts(report.sections))
    laid = story.lay_out(scene.theme, scene.story, view)
    assert laid.scale >= story.SCALES[-1]
    told: list[str] = []
    for page in range(len(laid.pages)):
        assert scene.story_page == page
        texts = [t for t in drawn if t[0]]
        assert texts, f"{name} ({mode}): page {page + 1} drew nothing"
        where = f"{name} ({mode}), page {page + 1} of {len(laid.pages)}"
        cut = [t for t, _, _ in texts if t.endswith(ELLIPSIS)]
        assert not cut, f"{where}: cut short: {cut}"
        out = [t for t, _, r in texts if not scene.story.contains(r)]
        assert not out, f"{where}: outside the panel: {out}"
        small = [t for t, size, _ in texts if size < FLOOR]
        assert not small, f"{where}: smaller than the floor: {small}"
        over = [(a[0], b[0]) for a, b in itertools.combinations(texts, 2) if a[2].colliderect(b[2])]
        assert not over, f"{where}: lines over each other: {over[:2]}"
        told += [t for t, _, _ in texts]
        drawn.clear()
        pilot.press(pygame.K_DOWN)
    text = " ".join(told)
    for _, lines in report.sections:
        missing = [line for line in lines if f"· {line}" not in text]
        assert not missing, f"{name} ({mode}): not told: {missing}"
    scene.session.close()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", SHIPPED)
def test_the_money_and_what_internal_customers_said_read_whole(
    name: str, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After each of a customer-minded player's first turns (who asks internal customers):
    the money under the customers whole and inside its place; each bubble of what an
    internal customer said whole, in the graph, hiding no department, chip, customer or
    other bubble."""
    laid = noted(monkeypatch, panels, "draw_label")
    _, scene, pilot = play_screen(name, MODES[mode], turns=0)
    for turn in range(1, 5):
        for decision in POLICIES["customer"](scene.session.game):
            scene.session.choose(decision)
        pilot.press(pygame.K_e)
        pilot.until(lambda: not scene.session.resolving and not scene.animating)
        laid.clear()
        pilot.press(pygame.K_s)
        pilot.press(pygame.K_s)  # the money drawn again, noted
        where = f"{name} ({mode}), turn {turn}"
        assert laid, f"{where}: no money drawn"
        cut = [" ".join(label.lines) for label, _, _ in laid if label.cut]
        assert not cut, f"{where}: money cut short: {cut}"
        out = [" ".join(label.lines) for label, _, r in laid if not scene.money.contains(r)]
        assert not out, f"{where}: money outside its place: {out}"
        graph = scene.graph
        taken = [*graph.nodes.values(), *graph.chips.values(), *graph.customers.values()]
        bubbles = graph.said(scene.theme, scene.session.after)
        for k, bubble in enumerate(bubbles):
            assert not bubble.label.cut, f"{where}: said cut short: {bubble.label.lines}"
            assert graph.room.contains(bubble.box), f"{where}: said outside the graph"
            others = taken + [b.box for b in bubbles[k + 1 :]]
            assert bubble.box.collidelist(others) < 0, f"{where}: said hides {bubble.key}'s view"
    scene.session.close()


def test_a_label_shrinks_then_wraps_and_is_cut_only_as_a_last_resort() -> None:
    pygame.font.init()
    theme = Theme(768)
    text = "Claims Intake → Assessment"
    wide = theme.width(text, 0.9, "bold")
    assert theme.largest(text, wide, 0.9, face="bold") == 0.9
    smaller = theme.largest(text, wide - 10, 0.9, face="bold")
    assert smaller is not None and smaller < 0.9
    assert theme.largest(text, 20, 0.9, face="bold") is None
    two = theme.label(text, wide // 2 + 20, 3 * theme.leading(0.9, "bold"), 0.9, face="bold")
    assert len(two.lines) == 2 and not two.cut and " ".join(two.lines) == text
    one = theme.label(text, wide // 2, theme.size(0.9), 0.9, face="bold")
    assert one.cut and len(one.lines) == 1
    assert theme.fit("Reward right first time", theme.width("Reward right first ti", 0.9), 0.9) == (
        "Reward right first…"
    )


# --- highlights and rings never cover words -------------------------------------------------


def _inside(surface: pygame.Surface, rect: pygame.Rect) -> bytes:
    return pygame.image.tobytes(surface.subsurface(rect), "RGB")


@pytest.mark.parametrize("mode", MODES)
def test_a_highlight_goes_round_a_box_or_a_label_and_not_over_it(mode: str) -> None:
    _, scene, _ = play_screen("claims", MODES[mode], turns=0)
    graph, theme = scene.graph, scene.theme
    now = scene.session.after
    for name in ("dept:intake", "handoff:intake->assessment"):
        plain = pygame.Surface(SIZE)
        graph.draw_nodes(plain, theme, now, now, 1.0)
        graph.draw_chips(plain, theme, now, now, 1.0)
        chosen = pygame.Surface(SIZE)
        key = name.partition(":")[2]
        graph.draw_nodes(chosen, theme, now, now, 1.0, focus=key, lit=frozenset({key}))
        graph.draw_chips(chosen, theme, now, now, 1.0, focus=key, lit=frozenset({key}))
        rect = scene.hotspots[name]
        corner = min(rect.height // 2, 8)  # rounded corners: nothing is written there
        for band in (rect.inflate(-2 * corner, 0), rect.inflate(0, -2 * corner)):
            assert _inside(plain, band) == _inside(chosen, band), f"{name}: its edge covers it"
        assert plain.get_at(rect.inflate(4, 4).midtop) != chosen.get_at(rect.inflate(4, 4).midtop)
    scene.session.close()


def test_the_tutorial_ring_passes_behind_the_labels_beside_what_it_points_at() -> None:
    app = App(SIZE, sound=False)
    assert start_game(app, TUTORIAL_SCENARIO) == []
    scene = app.top
    assert isinstance(scene, PlayScene) and scene.guide is not None
    pilot = Pilot(app)
    pilot.frames(2)
    while scene.guide.step is not None and scene.guide.step.point_at != "desk":
        pilot.press(pygame.K_PAGEDOWN)
        pilot.until(lambda: not scene.session.resolving and not scene.animating)
    pilot.frames(240)  # the ring has stopped pulsing
    chip = scene.hotspots["handoff:desk->bakery"]
    ring = scene.hotspots["dept:desk"].inflate(4 * scene.theme.unit, 4 * scene.theme.unit)
    assert ring.colliderect(chip), "the chip should sit where the ring goes"
    surface = pygame.Surface(SIZE)
    scene._draw_graph(surface)
    before = _inside(surface, chip)
    draw_callout(surface, scene.theme, scene)
    assert _inside(surface, chip) == before, "the ring is drawn across the hand-off's label"
    scene.session.close()


# --- moving work ----------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_work_markers_are_big_enough_to_see_at_a_distance(mode: str) -> None:
    _, scene, _ = play_screen("claims", MODES[mode], turns=5)
    theme = scene.theme
    radius = flow.marker_radius(theme)
    assert radius >= (9 if MODES[mode] else 7)
    background = (1, 2, 3)
    surface = pygame.Surface(SIZE)
    surface.fill(background)
    flow.draw_flow(surface, theme, scene.graph, scene.session.after, 0.5)
    mask = pygame.mask.from_threshold(surface, background, (1, 1, 1, 255))
    mask.invert()
    blobs = [r for r in mask.get_bounding_rects() if r.width * r.height > 4]
    assert blobs, "no work moving half-way through a turn"
    assert max(min(r.width, r.height) for r in blobs) >= 2 * radius
    scene.session.close()


@pytest.mark.parametrize("name", SHIPPED)
def test_work_markers_never_bunch_even_on_a_short_hand_off(name: str) -> None:
    _, scene, _ = play_screen(name, False, turns=0)
    radius = flow.marker_radius(scene.theme)
    assert scene.graph.links, f"{name}: no hand-offs to look at"
    for key, link in scene.graph.links.items():
        count = flow._room(link, radius)
        for step in range(101):
            at = [flow._along(link, step / 100, k, count) for k in range(count)]
            shown = [link.at(w) for w in at if w is not None]
            for a, b in itertools.pairwise(shown):
                assert math.dist(a, b) >= 2 * radius, f"{name}: markers bunch on {key}"
    scene.session.close()


def test_defective_and_returned_work_differ_by_shape_not_only_colour() -> None:
    pygame.font.init()
    theme = Theme(768)
    _, scene, _ = play_screen("claims", False, turns=0)
    markers = flow.Markers(pygame.Surface(SIZE), theme, scene.graph)
    link = next(iter(scene.graph.links.values()))
    shapes = {}
    for shape in ("dot", "diamond", "back", "square"):
        markers.surface = pygame.Surface(SIZE)
        markers.hidden = []
        markers.draw(shape, (255, 255, 255), link, 0.5, 0.0)
        mask = pygame.mask.from_threshold(markers.surface, (255, 255, 255), (1, 1, 1, 255))
        shapes[shape] = mask.count()
    assert len(set(shapes.values())) == len(shapes), shapes
    scene.session.close()


# --- the debrief's pages ----------------------------------------------------------------------

DEBRIEF_PAGES = [name for name, _ in PAGES + LEARNER_PAGES] + ["teams"]
"""Every page of the debrief: a game of one player's, and the Teams page of a workshop's."""


def _played_out(path: Path, teams: tuple[str, ...] = ()) -> Session:
    """A whole game of `path` (its teams' too), chosen as 'everyone is my customer' would."""
    session = Session.open(path, teams=teams)
    while not session.over:
        for decision in POLICIES["customer"](session.game):
            session.choose(decision)
        session.end_turn()
        session.wait()
        session.show_current()
    return session


def _with_what_if(path: Path) -> Session:
    """A whole game, then played again from turn 3 another way: the What if page has both."""
    session = _played_out(path)
    assert session.branch(3) is None
    while not session.over:
        for decision in POLICIES["silo"](session.game):
            session.choose(decision)
        session.end_turn()
        session.wait()
    return session


@pytest.fixture(scope="module")
def debrief_cuts(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[tuple[str, str, str], list[tuple[str, float]]]:
    """For every shipped scenario, mode and debrief page (turned with the Right key), the
    texts drawn ending in an ellipsis that are not a label's last resort: at the floor size,
    with no room to wrap onto."""
    found: dict[tuple[str, str, str], list[tuple[str, float]]] = {}
    drawn: list[tuple[str, float]] = []
    last_resort: set[tuple[str, float]] = set()
    text, label = Canvas.text, Theme.label

    def noted_text(self: Canvas, words: str, pos: tuple[int, int], **style: Any) -> pygame.Rect:
        if style.get("face") != "symbols":  # a waiting customer's mood icon is an ellipsis
            drawn.append((words, style.get("scale", 1.0)))
        return text(self, words, pos, **style)

    def noted_label(self: Theme, *args: Any, **kwargs: Any) -> Label:
        laid = label(self, *args, **kwargs)
        if laid.cut and laid.scale <= FLOOR:
            last_resort.add((laid.lines[-1], laid.scale))
        return laid

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RIPPLE_DATA_DIR", str(tmp_path_factory.mktemp("debrief")))
        patch.setattr(Canvas, "text", noted_text)
        patch.setattr(Theme, "label", noted_label)
        for name in SHIPPED:
            path = SCENARIOS / f"{name}.yaml"
            for session in (_with_what_if(path), _played_out(path, ("Red", "Blue"))):
                for mode, projector in MODES.items():
                    app = App(SIZE, sound=False, projector=projector)
                    app.push(Scene(app))
                    scene = DebriefScene(app, session)
                    app.push(scene)
                    pilot = Pilot(app)
                    for _ in scene.pages:
                        drawn.clear()
                        pilot.press(pygame.K_RIGHT)
                        cut = [t for t in drawn if t[0].endswith(ELLIPSIS)]
                        kept = found.setdefault((name, mode, scene.page_name), [])
                        kept += [t for t in cut if t not in last_resort]
                session.close()
    return found


@pytest.mark.parametrize("page", DEBRIEF_PAGES)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", SHIPPED)
def test_no_text_on_a_debrief_page_is_cut_unless_as_a_last_resort(
    name: str,
    mode: str,
    page: str,
    debrief_cuts: dict[tuple[str, str, str], list[tuple[str, float]]],
) -> None:
    """Every text on the canvas ends in an ellipsis only when it could neither shrink (it is
    at the floor size) nor wrap (its box holds no more lines): charts, ripples, own numbers,
    questions, reflection, culture, what if and a workshop's Teams page."""
    assert (name, mode, page) in debrief_cuts, f"{name} ({mode}): no {page} page drawn"
    cut = debrief_cuts[name, mode, page]
    assert not cut, f"{name} ({mode}, {page}): cut short: {cut[:4]}"
