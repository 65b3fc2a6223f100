"""What the play screen shows changes the moment the game does: the timer, pausing, hidden
scores, a banner and a team switch each change the pixels; workshop turns say whose turn is
on screen; the title's highlight stays put until a hand moves the mouse; a click on nothing
closes the inspect card; opening the turn's story redraws the frame once and closing it
brings the graph back; games and packs never overwrite each other's files."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from ripple.paths import DEFAULT_SCENARIO
from ripple.play.save import read_save
from ripple.ui.app import App
from ripple.ui.draw.panel_views import places, status_view
from ripple.ui.draw.panels import draw_banner
from ripple.ui.pilot import Pilot
from ripple.ui.scenes.choose import start_game
from ripple.ui.scenes.debrief import DebriefScene
from ripple.ui.scenes.play import PlayScene
from ripple.ui.scenes.title import TitleScene


def open_game(**options: object) -> tuple[App, Pilot, PlayScene]:
    app = App((1024, 768), sound=False)
    app.push(TitleScene(app))
    assert start_game(app, DEFAULT_SCENARIO, **options) == []  # type: ignore[arg-type]
    scene = app.top
    assert isinstance(scene, PlayScene)
    pilot = Pilot(app)
    pilot.frames(2)
    return app, pilot, scene


def frame(app: App) -> bytes:
    """The window's pixels as they are now."""
    return pygame.image.tobytes(app.screen, "RGB")


def entries(scene: PlayScene) -> list[str]:
    return [text for text, _ in status_view(scene).entries]


def test_every_visible_change_changes_the_frame() -> None:
    app, pilot, scene = open_game(teams=("Red", "Blue"), timer=60)
    start = frame(app)
    pilot.frames(70)  # a little over a second: the timer ticks
    assert "0:59 left" in entries(scene)
    ticking = frame(app)
    assert ticking != start, "the timer ticked but the frame stayed"

    pilot.press(pygame.K_p)
    paused = frame(app)
    assert "PAUSED" in entries(scene) and paused != ticking, "P did not show it paused"
    pilot.frames(120)
    assert frame(app) == paused, "a paused screen changed"

    pilot.press(pygame.K_s)
    hidden = frame(app)
    assert "scores hidden (S)" in entries(scene) and hidden != paused
    pilot.press(pygame.K_s)
    assert frame(app) == paused, "S twice did not bring the scores back as they were"

    pilot.press(pygame.K_p)
    assert frame(app) != paused, "P again did not take the pause away"

    pilot.press(pygame.K_e)  # Red's turn ends: it plays out, then Blue chooses
    pilot.until(lambda: not scene.session.resolving)
    pilot.frames(1)
    assert scene.animating and entries(scene)[0] == "Red: turn 1 played"
    assert not any("Blue" in text or text.startswith("Turn 2") for text in entries(scene))
    pilot.until(lambda: not scene.animating)
    pilot.frames(2)
    assert entries(scene)[:2] == ["Blue's turn", "1:00 left"]
    assert "Turn 1 of 12" in entries(scene)
    switched = frame(app)
    assert scene.banner_time > 0
    banner = draw_banner(app.screen.copy(), app.theme, places(scene), "Blue: your turn")
    assert banner is not None
    hidden_by_banner = [d for d, r in scene.graph.nodes.items() if r.colliderect(banner)]
    assert not hidden_by_banner, f"the banner covers {hidden_by_banner}"
    pilot.press(pygame.K_p)
    pilot.press(pygame.K_p)  # the clock stands still while the banner fades
    pilot.frames(160)
    assert scene.banner_time == 0 and frame(app) != switched, "the banner never went"
    scene.session.close()


def test_a_still_screen_is_drawn_once() -> None:
    _app, pilot, scene = open_game()
    drawn: list[object] = []
    original = scene._draw_still

    def counting(surface: pygame.Surface, view: object) -> None:
        drawn.append(view)
        original(surface, view)  # type: ignore[arg-type]

    scene._draw_still = counting  # type: ignore[method-assign]
    pilot.frames(30)
    assert drawn == [], "a still screen was drawn again"
    pilot.press(pygame.K_DOWN)
    assert len(drawn) == 1, "moving the highlight did not redraw"
    scene.session.close()


def test_the_titles_highlight_waits_for_a_hand_on_the_mouse() -> None:
    _app, pilot, scene = open_game()
    scene.session.end_turn()
    scene.session.wait()
    scene.session.close()
    app = App((1024, 768), sound=False)
    app.push(TitleScene(app))
    title = app.top
    assert isinstance(title, TitleScene)
    assert title.menu.current is not None and title.menu.current.name == "continue"
    tutorial = title.hotspots["title:tutorial"].center
    # SDL says where the pointer is when the window opens: no one moved it.
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=tutorial, rel=(0, 0)))
    pilot = Pilot(app)
    pilot.frames(1)
    assert title.menu.current.name == "continue", "the pointer's resting place moved the highlight"
    moved = title.hotspots["title:play"].center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=moved, rel=(0, 5)))
    pilot.frames(1)
    assert title.menu.current.name == "play", "a real move did not hover"


def test_a_click_on_nothing_closes_the_inspect_card() -> None:
    _app, pilot, scene = open_game()
    pilot.click("customer:drivers")
    assert scene.inspected == "customer:drivers"
    taken = list(scene.hotspots.values())
    empty = next(
        (x, y)
        for y in range(scene.area.bottom - 5, scene.area.y, -7)
        for x in range(scene.area.x + 5, scene.area.right, 7)
        if not any(r.collidepoint(x, y) for r in taken)
    )
    pilot.click_at(empty)
    assert scene.inspected is None
    scene.session.close()


def test_the_inspect_card_leaves_the_customers_in_view() -> None:
    from ripple.ui.draw.panel_views import card_view
    from ripple.ui.draw.panels import draw_inspect

    app, _pilot, scene = open_game()
    for name in [k for k in scene.hotspots if k.startswith(("dept:", "customer:"))]:
        scene.inspected = name
        card = card_view(scene)
        assert card is not None
        box = draw_inspect(app.screen.copy(), app.theme, places(scene), card)
        covered = [c for c, r in scene.graph.customers.items() if r.colliderect(box)]
        assert not covered, f"the card on {name} covers {covered}"
    scene.session.close()


def test_a_new_game_never_writes_over_another_games_save(tmp_path: Path) -> None:
    _app, _pilot, single = open_game()
    single.session.end_turn()
    single.session.wait()
    single.session.close()
    first = single.session.autosave_to
    kept = read_save(first)
    _app, _pilot, teams = open_game(teams=("Red", "Blue"))
    _app, _pilot, again = open_game()
    paths = {first, teams.session.autosave_to, again.session.autosave_to}
    assert len(paths) == 3, paths
    assert "teams-red-blue" in teams.session.autosave_to.name
    teams.session.end_turn()
    teams.session.wait()
    assert read_save(first) == kept
    teams.session.close()
    again.session.close()


def test_a_pack_written_again_holds_only_this_games_charts(tmp_path: Path) -> None:
    save = tmp_path / "room.json"
    out = tmp_path / "room"
    out.mkdir()
    stale = out / "old-team-satisfaction.png"
    stale.write_bytes(b"not this game's")
    mine = out / "my-notes.png"
    mine.write_bytes(b"the facilitator's own picture")
    app, pilot, scene = open_game(save_to=save)
    scene.session.end_turn()
    scene.session.wait()
    app.push(DebriefScene(app, scene.session))
    pilot.press(pygame.K_x)
    pilot.settle()
    assert (out / "satisfaction.png").exists()
    assert not stale.exists() and mine.exists()
    scene.session.close()


def test_the_turn_log_keeps_sentences_whole_and_counts_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ripple.ui.draw import panels
    from ripple.ui.draw.panel_views import LogView

    app = App((1024, 768), sound=False)
    drawn: list[str] = []
    blit = panels.blit

    def noting(
        surface: pygame.Surface, theme: object, text: str, *a: object, **k: object
    ) -> object:
        drawn.append(text)
        return blit(surface, theme, text, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(panels, "blit", noting)
    sentences = tuple(f"Turn 5: sentence {n} " + "and so on " * 14 + "end." for n in range(6))
    hint = "L: the whole turn"
    strip = pygame.Rect(0, 668, 1024, 100)
    panels.draw_log(app.screen, app.theme, strip, LogView("", sentences, hint))
    told = drawn[:-2]
    assert told and not any(text.endswith("…") for text in told), told
    assert " ".join(told).startswith(sentences[0]), "the first sentence is not whole"
    shown = sum(1 for n in range(len(sentences)) if f"sentence {n} " in " ".join(told))
    assert 0 < shown < len(sentences) and " ".join(told).endswith("end.")
    assert drawn[-2:] == [f"+{len(sentences) - shown} more · ", hint], drawn
    drawn.clear()
    panels.draw_log(app.screen, app.theme, strip, LogView("", sentences[:1], hint))
    assert drawn[-1] == hint, "the hint is missing when every sentence fits"
    assert not any(text.startswith("+") for text in drawn), "counted more than there was"


def test_opening_the_story_changes_the_frame_and_closing_it_brings_the_frame_back() -> None:
    app, pilot, scene = open_game()
    scene.session.end_turn()
    pilot.until(lambda: not scene.session.resolving and not scene.animating)
    pilot.frames(2)
    drawn: list[object] = []
    original = scene._draw_still

    def counting(surface: pygame.Surface, view: object) -> None:
        drawn.append(view)
        original(surface, view)  # type: ignore[arg-type]

    scene._draw_still = counting  # type: ignore[method-assign]
    closed = frame(app)
    pilot.press(pygame.K_l)
    opened = frame(app)
    assert len(drawn) == 1 and opened != closed, "L did not redraw the still frame"
    pilot.frames(30)
    assert len(drawn) == 1, "an open story was drawn again with nothing changed"
    pilot.press(pygame.K_s)
    assert len(drawn) == 2 and frame(app) != opened, "hiding the scores left the frame as it was"
    pilot.press(pygame.K_s)
    assert frame(app) == opened
    pilot.press(pygame.K_l)
    assert frame(app) == closed, "closing the story did not bring the graph back"
    scene.session.close()
