"""UI robustness: random events across every screen raise nothing and leave every game
within the engine's laws; every screen, from 800x600 to 3840x2160, keeps its text inside
the window and apart.

The long monkey run is `benchmarks/monkey.py` (10,000 events); here it runs briefly.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pygame
import pytest

from benchmarks import monkey
from ripple.paths import DEFAULT_SCENARIO, TUTORIAL_SCENARIO
from ripple.play.session import Session
from ripple.ui.app import App
from ripple.ui.draw.callout import draw_callout
from ripple.ui.draw.panel_views import card_view, panels_view, places
from ripple.ui.draw.panels import draw_inspect
from ripple.ui.scene import Scene
from ripple.ui.scenes.choose import ChooseScene, start_game
from ripple.ui.scenes.debrief import DebriefScene
from ripple.ui.scenes.overlay import HelpOverlay
from ripple.ui.scenes.play import PlayScene
from ripple.ui.scenes.saved import SavedGamesScene
from ripple.ui.scenes.title import TitleScene
from ripple.ui.theme import Theme

# --- the monkey ------------------------------------------------------------------------


def test_random_events_across_every_screen_break_nothing() -> None:
    outcome = monkey.monkey(2000, seed=3, largest=(1280, 720))
    visited = {name for name, frames in outcome.visited.items() if frames}
    assert set(monkey.SCREENS) <= visited, f"never reached: {set(monkey.SCREENS) - visited}"
    pages = {name for name in visited if name.startswith("DebriefScene:")}
    assert len(pages) >= monkey.DEBRIEF_PAGES, f"debrief pages seen: {sorted(pages)}"
    assert outcome.events >= 2000 and outcome.sessions
    assert any(game.turn > 0 for s in outcome.sessions for game in monkey.games_of(s))


def test_the_quick_run_passes_and_a_replay_does_the_same(tmp_path: Path) -> None:
    assert monkey.main(["--events", "300", "--seed", "5"]) == 0
    runner = monkey.Monkey(5, largest=(1024, 768))
    try:
        first = runner.run(200)
    finally:
        runner.close()
    again = monkey.Monkey(first.seed)
    try:
        replayed = again.replay(first.actions)
    finally:
        again.close()
    assert replayed.events == first.events
    for session in [*first.sessions, *replayed.sessions]:
        session.close()


def test_a_failure_is_kept_with_its_seed_and_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: TitleScene, surface: pygame.Surface) -> None:
        raise RuntimeError("the title cannot be drawn")

    monkeypatch.setattr(TitleScene, "draw", broken)
    failure = tmp_path / "failure.json"
    assert monkey.main(["--events", "20", "--seed", "2", "--failure", str(failure)]) == 1
    kept = monkey.json.loads(failure.read_text())
    assert kept["seed"] == 2 and kept["actions"]


# --- text inside the window, and apart -----------------------------------------------------

SIZES = (
    (800, 600),
    (1024, 768),
    (1280, 720),
    (1920, 1080),
    (2560, 1440),
    (3840, 2160),
    (1000, 1400),
)


class Recording(pygame.Surface):
    """A window-sized surface that remembers where every piece of text was drawn on it."""

    texts: ClassVar[set[int]] = set()
    """The ids of the text images the theme has made (set by the `texts` fixture)."""

    def __init__(self, size: tuple[int, int]) -> None:
        super().__init__(size)
        self.rects: list[pygame.Rect] = []

    def blit(  # type: ignore[override]
        self, source: pygame.Surface, dest: Any, area: Any = None, special_flags: int = 0
    ) -> pygame.Rect:
        """Blit as ever; for a text, note where its ink went (a line's spacing may be a pixel
        less than its image is tall, and that is no overlap)."""
        rect = super().blit(source, dest, area, special_flags)
        if id(source) in Recording.texts and area is None:
            ink = source.get_bounding_rect()
            if ink.width:
                self.rects.append(ink.move(rect.topleft))
        return rect


@pytest.fixture
def texts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Note every text image the theme renders, so a Recording can tell text from pictures."""
    made: set[int] = set()
    render = Theme.text

    def noted(self: Theme, *args: Any, **kwargs: Any) -> pygame.Surface:
        image = render(self, *args, **kwargs)
        made.add(id(image))
        return image

    monkeypatch.setattr(Theme, "text", noted)
    monkeypatch.setattr(Recording, "texts", made)
    yield


def assert_text_fits(rects: list[pygame.Rect], size: tuple[int, int], where: str) -> None:
    """Every text lies inside the window and no two overlap."""
    assert rects, f"{where} at {size}: no text drawn"
    window = pygame.Rect((0, 0), size)
    outside = [r for r in rects if not window.contains(r)]
    assert not outside, f"{where} at {size}: text leaves the window at {outside[:3]}"
    touching = [(a, b) for a, b in itertools.combinations(rects, 2) if a.colliderect(b)]
    assert not touching, f"{where} at {size}: texts overlap at {touching[:3]}"


def assert_hotspots_fit(
    hotspots: dict[str, pygame.Rect], size: tuple[int, int], where: str
) -> None:
    """Every hotspot lies inside the window and no two overlap."""
    window = pygame.Rect((0, 0), size)
    outside = [n for n, r in hotspots.items() if not window.contains(r)]
    assert not outside, f"{where} at {size}: hotspots leave the window: {outside}"
    touching = [
        (a, b)
        for (a, ra), (b, rb) in itertools.combinations(hotspots.items(), 2)
        if ra.colliderect(rb)
    ]
    assert not touching, f"{where} at {size}: hotspots overlap: {touching[:3]}"


def drawn(scene: Scene, size: tuple[int, int]) -> list[pygame.Rect]:
    """Where the scene's texts go when it is drawn on a fresh window-sized surface."""
    surface = Recording(size)
    scene.draw(surface)
    return surface.rects


def played_out(path: Path) -> Session:
    """A whole game of `path`, played with no decisions (it leaves a save and a record)."""
    session = Session.open(path)
    while not session.over:
        session.end_turn()
        session.wait()
    return session


@pytest.fixture
def window() -> Iterator[App]:
    """An app with a finished game saved and recorded, so every screen has its content."""
    played_out(DEFAULT_SCENARIO).close()
    app = App((1024, 768), sound=False)
    app.push(TitleScene(app))
    yield app
    for scene in app.scenes:
        session = getattr(scene, "session", None)
        if session is not None:
            session.close()


def test_the_menus_and_help_fit_every_window(window: App, texts: None) -> None:
    app = window
    for size in SIZES:
        app.resize(size)
        for scene in (TitleScene(app), ChooseScene(app), SavedGamesScene(app), HelpOverlay(app)):
            app.push(scene)
            where = type(scene).__name__
            assert_hotspots_fit(scene.hotspots, size, where)
            assert_text_fits(drawn(scene, size), size, where)
            app.pop()


def test_the_play_screen_fits_every_window_with_a_card_and_a_callout_open(
    window: App, texts: None
) -> None:
    app = window
    assert start_game(app, TUTORIAL_SCENARIO) == []
    scene = app.top
    assert isinstance(scene, PlayScene) and scene.guide is not None
    for size in SIZES:
        app.resize(size)
        app.step(1 / 60)
        scene.inspected = next(name for name in scene.hotspots if name.startswith("dept:"))
        app.step(1 / 60)
        assert {"guide:box", "guide:next"} <= set(scene.hotspots), "no callout on screen"
        base = Recording(size)
        scene._draw_graph(base)
        scene._draw_panels(base, panels_view(scene))
        assert_text_fits(base.rects, size, "play screen")
        menu = {
            k: r
            for k, r in scene.hotspots.items()
            if k.startswith("intervention:") or k == "end_turn"
        }
        assert_hotspots_fit(menu, size, "play screen's decisions")
        graph = {k: r for k, r in scene.hotspots.items() if k.startswith(("dept:", "customer:"))}
        assert_hotspots_fit(graph, size, "play screen's graph")
        card = Recording(size)
        shown = card_view(scene)
        assert shown is not None, "no card open"
        draw_inspect(card, app.theme, places(scene), shown)
        assert_text_fits(card.rects, size, "inspect card")
        callout = Recording(size)
        draw_callout(callout, app.theme, scene)
        assert_text_fits(callout.rects, size, "tutorial callout")
        buttons = {k: r for k, r in scene.hotspots.items() if k in ("guide:again", "guide:next")}
        assert_hotspots_fit(buttons, size, "callout's buttons")


def test_every_debrief_page_fits_every_window(window: App) -> None:
    app = window
    session = played_out(DEFAULT_SCENARIO)
    try:
        scene = DebriefScene(app, session)
        app.push(scene)
        for size in SIZES:
            app.resize(size)
            for page in range(len(scene.pages)):
                scene.show(page)
                assert scene.frame is not None
                assert_hotspots_fit(scene.hotspots, size, f"debrief {scene.page_name}")
                assert_text_fits(scene.frame.texts, size, f"debrief {scene.page_name}")
    finally:
        session.close()
