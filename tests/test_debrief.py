"""The debrief screen, driven headless: pages change by keys and clicks, Esc goes back, every
page draws inside the window at a projector's size and at full HD, and a game that is not
over yet opens too."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame
import pytest

from ripple.paths import DEFAULT_SCENARIO
from ripple.play.session import Session
from ripple.report.standings import standings
from ripple.ui.app import App
from ripple.ui.draw.charts import Canvas, ticks
from ripple.ui.pilot import Pilot
from ripple.ui.scene import Scene
from ripple.ui.scenes.debrief import DebriefScene
from ripple.ui.scenes.debrief_pages import LEARNER_PAGES, PAGES
from ripple.ui.theme import ELLIPSIS

SMALL = (1024, 768)
LARGE = (1920, 1080)


def played(turns: int | None = None) -> Session:
    """A session of the default scenario with `turns` played (all of them by default)."""
    session = Session.open(DEFAULT_SCENARIO)
    while not session.over and (turns is None or session.game.turn < turns):
        session.end_turn()
        session.wait()
    return session


@pytest.fixture(scope="module")
def finished(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    """One finished game shared by the tests that only look at it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RIPPLE_DATA_DIR", str(tmp_path_factory.mktemp("data")))
        session = played()
    yield session
    session.close()


@pytest.fixture
def app(tmp_path, monkeypatch: pytest.MonkeyPatch) -> App:  # type: ignore[no-untyped-def]
    """A headless window at 1024x768, with a plain screen under the debrief to go back to."""
    monkeypatch.setenv("RIPPLE_DATA_DIR", str(tmp_path))
    window = App(SMALL, sound=False)
    window.push(Scene(window))
    return window


def debrief(app: App, session: Session) -> tuple[DebriefScene, Pilot]:
    """The debrief of `session` on top of `app`, and a pilot to drive it."""
    scene = DebriefScene(app, session)
    app.push(scene)
    pilot = Pilot(app)
    pilot.frames()
    return scene, pilot


def test_arrows_and_tab_turn_the_pages(app: App, finished: Session) -> None:
    scene, pilot = debrief(app, finished)
    seen = [scene.page_name]
    for _ in PAGES + LEARNER_PAGES:
        pilot.press(pygame.K_RIGHT)
        seen.append(scene.page_name)
    names = [
        "charts",
        "ripples",
        "numbers",
        "causes",
        "money",
        "questions",
        "reflection",
        "culture",
        "whatif",
    ]
    assert seen == [*names, "charts"]
    pilot.press(pygame.K_LEFT)
    assert scene.page_name == "whatif"
    pilot.press(pygame.K_TAB)
    assert scene.page_name == "charts"


def test_clicking_a_tab_opens_its_page(app: App, finished: Session) -> None:
    scene, pilot = debrief(app, finished)
    for name in ("numbers", "causes", "money", "ripples", "questions", "charts"):
        pilot.click(f"tab:{name}")
        assert scene.page_name == name


def test_esc_and_the_back_button_return_to_the_screen_below(app: App, finished: Session) -> None:
    below = app.top
    _, pilot = debrief(app, finished)
    pilot.press(pygame.K_ESCAPE)
    assert app.top is below and app.running
    debrief(app, finished)
    pilot.click("back")
    assert app.top is below


def test_the_charts_are_drawn(app: App, finished: Session) -> None:
    scene, _ = debrief(app, finished)
    area = app.screen.subsurface(scene.content)
    samples = [
        area.get_at((x, y))[:3]
        for x in range(0, area.get_width(), 7)
        for y in range(0, area.get_height(), 7)
    ]
    assert len(set(samples)) > 20, "the chart area looks blank"
    background = app.theme.palette.background
    covered = sum(colour != background for colour in samples) / len(samples)
    assert covered > 0.9, "the four charts should fill the page"


def _texts_fit(scene: DebriefScene, size: tuple[int, int]) -> None:
    """Every text the page drew is inside the window, and no two texts overlap."""
    assert scene.frame is not None
    window = pygame.Rect((0, 0), size)
    texts = scene.frame.texts
    assert texts, f"{scene.page_name} drew no text"
    outside = [r for r in texts if not window.contains(r)]
    assert not outside, f"{scene.page_name} at {size}: text leaves the window at {outside}"
    touching = [(a, b) for a, b in itertools.combinations(texts, 2) if a.colliderect(b)]
    assert not touching, f"{scene.page_name} at {size}: texts overlap at {touching[:3]}"


@pytest.mark.parametrize("turns", [None, 3, 0], ids=["finished", "three-turns", "not-started"])
def test_every_page_fits_at_both_sizes(app: App, finished: Session, turns: int | None) -> None:
    session = finished if turns is None else played(turns)
    scene, pilot = debrief(app, session)
    for size in (SMALL, LARGE):
        app.resize(size)
        for page in range(len(PAGES)):
            scene.show(page)
            pilot.frames()
            _texts_fit(scene, size)
    if session is not finished:
        session.close()


def test_a_partial_game_tells_the_story_so_far(app: App) -> None:
    session = played(3)
    scene, pilot = debrief(app, session)
    assert not session.over
    pilot.press(pygame.K_RIGHT)
    assert scene.page_name == "ripples"
    session.close()


@pytest.mark.parametrize("projector", [False, True], ids=["standard", "projector"])
def test_every_tab_name_is_whole_at_a_projectors_size(
    projector: bool, finished: Session, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Nine tabs across 1024 pixels: in the projector's larger text they take two lines in
    taller tabs rather than being cut, and the content starts below them."""
    monkeypatch.setenv("RIPPLE_DATA_DIR", str(tmp_path))
    drawn: list[str] = []
    text = Canvas.text

    def noted(self: Canvas, words: str, pos: tuple[int, int], **style: Any) -> pygame.Rect:
        drawn.append(words)
        return text(self, words, pos, **style)

    monkeypatch.setattr(Canvas, "text", noted)
    window = App(SMALL, sound=False, projector=projector)
    window.push(Scene(window))
    scene, _ = debrief(window, finished)
    said = " ".join(drawn)
    for name, label in scene.pages:
        assert label in said, f"the {name} tab does not say '{label}' whole"
        assert scene.hotspots[f"tab:{name}"].bottom < scene.content.top
    assert not any(words.endswith(ELLIPSIS) for words in drawn)


def test_the_good_on_their_own_number_but_harmful_come_first(finished: Session) -> None:
    rows = standings(finished.game)
    flagged = [row.flagged for row in rows]
    assert flagged == sorted(flagged, reverse=True)
    assert abs(sum(row.harm for row in rows) - 1.0) < 1e-9
    harm = [row.harm for row in rows if not row.flagged]
    assert harm == sorted(harm, reverse=True)


def test_axis_ticks_are_round_and_cover_the_values() -> None:
    assert ticks(0, 205) == [0, 50, 100, 150, 200, 250]
    assert ticks(0, 4.2) == [0, 1, 2, 3, 4, 5]
    assert [round(t, 2) for t in ticks(0.7, 1.0)] == [0.7, 0.8, 0.9, 1.0]
