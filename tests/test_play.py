"""The projector front end driven headless: a whole game by keyboard alone and by mouse
alone, saves, and the command line around it. State first, pixels second."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pygame
import pytest
import yaml

from ripple.cli import main
from ripple.paths import SCENARIOS, data_dir
from ripple.report.hints import hint
from ripple.scenario.model import parse_handoff
from ripple.ui.app import App
from ripple.ui.draw import panels
from ripple.ui.draw.panel_views import decisions_view
from ripple.ui.pilot import Pilot
from ripple.ui.scenes.choose import start_game
from ripple.ui.scenes.play import PlayScene
from ripple.ui.scenes.title import TitleScene


def scene_name(app: App) -> str:
    return type(app.top).__name__


def settle(pilot: Pilot, scene: PlayScene) -> None:
    """Run frames until the turn has resolved and its animation has played."""
    pilot.until(lambda: not scene.session.resolving and not scene.animating)


def highlight(pilot: Pilot, scene: PlayScene, intervention: str) -> None:
    """Move the menu's highlight down to `intervention` by keyboard, wherever the scenario
    lists it."""
    names = [item.name for item in scene.menu.items]
    assert intervention in names, names
    while scene.menu.current is None or scene.menu.current.name != intervention:
        pilot.press(pygame.K_DOWN)


def test_a_whole_game_by_keyboard_alone(app: App) -> None:
    pilot = Pilot(app)
    pilot.press(pygame.K_RETURN)
    assert scene_name(app) == "PlayScene"
    scene = app.top
    assert isinstance(scene, PlayScene)
    turns = scene.session.game.turns
    highlight(pilot, scene, "talk")
    for turn in range(turns):
        pilot.press(pygame.K_RETURN)
        assert scene.targeting is not None and scene.targeting.id == "talk"
        pilot.press(pygame.K_RETURN)
        assert scene.targeting is None
        assert len(scene.session.chosen) == 1
        pilot.press(pygame.K_e)
        assert scene.session.resolving or scene.session.after.turn == turn + 1
        settle(pilot, scene)
        pilot.press(pygame.K_SPACE)
        assert scene.session.after.turn == turn + 1
    game = scene.session.game
    assert game.over
    assert all(d[0].intervention == "talk" for d in game.decisions)
    assert game.decisions[0][0].target == "intake->assessment"
    pilot.press(pygame.K_d)
    assert scene_name(app) == "DebriefScene"
    pilot.press(pygame.K_ESCAPE)
    assert app.top is scene
    pilot.press(pygame.K_ESCAPE)
    assert scene_name(app) == "ConfirmOverlay"
    assert {"confirm:no", "confirm:yes"} <= set(app.top.hotspots)
    pilot.press(pygame.K_DOWN)
    pilot.press(pygame.K_RETURN)
    assert scene_name(app) == "TitleScene"
    pilot.press(pygame.K_ESCAPE)
    assert not app.running


def test_a_whole_game_by_mouse_alone(app: App) -> None:
    pilot = Pilot(app)
    pilot.click("title:play")
    scene = app.top
    assert isinstance(scene, PlayScene)
    for _ in range(scene.session.game.turns):
        pilot.click("intervention:train")
        assert scene.targeting is not None
        pilot.click("dept:assessment")
        assert [d.target for d in scene.session.chosen] == ["assessment"]
        pilot.click("end_turn")
        settle(pilot, scene)
    assert scene.session.over
    assert {d[0].target for d in scene.session.game.decisions} == {"assessment"}
    pilot.click("dept:intake")
    assert scene.inspected == "dept:intake"
    pilot.click("end_turn")
    assert scene_name(app) == "DebriefScene"


def test_choices_can_be_taken_back_and_the_budget_is_kept(app: App) -> None:
    pilot = Pilot(app)
    pilot.press(pygame.K_RETURN)
    scene = app.top
    assert isinstance(scene, PlayScene)
    highlight(pilot, scene, "train")
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_RETURN)
    assert scene.session.budget_left == 1
    pilot.click("intervention:fix")
    assert scene.targeting is None and scene.session.budget_left == 1
    pilot.press(pygame.K_BACKSPACE)
    assert scene.session.chosen == [] and scene.session.budget_left == 3


def test_tab_inspects_and_a_customer_lights_its_ripples(app: App) -> None:
    pilot = Pilot(app)
    pilot.press(pygame.K_RETURN)
    scene = app.top
    assert isinstance(scene, PlayScene)
    for _ in range(8):
        pilot.press(pygame.K_e)
        settle(pilot, scene)
    pilot.press(pygame.K_TAB)
    assert scene.inspected is not None and scene.inspected.startswith("dept:")
    pilot.click("customer:drivers")
    assert scene.inspected == "customer:drivers"
    lit = scene.lit()
    assert "customer:drivers" in lit and len(lit) > 2
    pilot.press(pygame.K_ESCAPE)
    assert scene.inspected is None


def test_help_overlay_lists_keys_and_closes(app: App) -> None:
    pilot = Pilot(app)
    pilot.press(pygame.K_F1)
    assert scene_name(app) == "HelpOverlay"
    pilot.press(pygame.K_ESCAPE)
    assert isinstance(app.top, TitleScene)
    pilot.press(pygame.K_SLASH, unicode="?")
    assert scene_name(app) == "HelpOverlay"


def test_every_turn_is_autosaved_and_can_be_continued(app: App, tmp_path: Path) -> None:
    pilot = Pilot(app)
    pilot.press(pygame.K_RETURN)
    scene = app.top
    assert isinstance(scene, PlayScene)
    highlight(pilot, scene, "train")
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_e)
    settle(pilot, scene)
    pilot.press(pygame.K_e)
    settle(pilot, scene)
    autosave = data_dir() / "autosave" / "claims.json"
    saved = json.loads(autosave.read_text())
    assert len(saved["decisions"]) == 2
    assert saved["decisions"][0] == [{"intervention": "train", "target": "intake"}]
    shot = tmp_path / "continued.png"
    status = main(["play", "--load", str(autosave), "--autoplay", "1", "--screenshot", str(shot)])
    assert status == 0 and shot.exists()
    assert len(json.loads(autosave.read_text())["decisions"]) == 3


def test_play_autoplay_writes_screenshots_and_a_save(tmp_path: Path) -> None:
    shot = tmp_path / "play.png"
    save = tmp_path / "game.json"
    status = main(
        [
            "play",
            "--autoplay",
            "4",
            "--policy",
            "customer",
            "--size",
            "800x600",
            "--screenshot",
            str(shot),
            "--save",
            str(save),
        ]
    )
    assert status == 0
    image = pygame.image.load(str(shot))
    assert image.get_size() == (800, 600)
    assert len(json.loads(save.read_text())["decisions"]) == 4


def test_play_without_a_display_says_what_to_do(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SDL_VIDEODRIVER", "x11")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert main(["play"]) == 2
    err = capsys.readouterr().err
    assert "needs a display" in err and "ripple simulate" in err and "--autoplay" in err


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080), (3840, 2160)])
def test_the_play_screen_scales(size: tuple[int, int]) -> None:
    from ripple.paths import DEFAULT_SCENARIO
    from ripple.ui.scenes.choose import start_game

    app = App(size, sound=False)
    assert start_game(app, DEFAULT_SCENARIO) == []
    scene = app.top
    assert isinstance(scene, PlayScene)
    Pilot(app).frames(2)
    width, height = size
    window = pygame.Rect(0, 0, width, height)
    for name, rect in scene.hotspots.items():
        assert window.contains(rect), name
    nodes = list(scene.graph.nodes.values())
    assert nodes, "no departments on the play screen"
    for a in nodes:
        assert scene.area.contains(a)
        assert sum(a.colliderect(b) for b in nodes) == 1
    assert scene.theme.unit >= 14
    scene.session.close()


def test_a_game_saved_on_screen_replays_headless(
    app: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save = tmp_path / "workshop.json"
    assert main(["play", "--autoplay", "3", "--policy", "silo", "--save", str(save)]) == 0
    capsys.readouterr()
    assert main(["simulate", "--decisions", str(save), "--turns", "3", "--json"]) == 0
    replayed = json.loads(capsys.readouterr().out)
    saved = json.loads(save.read_text())
    assert replayed["decisions"] == saved["decisions"]
    assert replayed["seed"] == saved["seed"]


def test_f11_toggles_fullscreen(app: App) -> None:
    pilot = Pilot(app)
    pilot.press(pygame.K_F11)
    assert app.fullscreen
    pilot.press(pygame.K_F11)
    assert not app.fullscreen and app.size == (1024, 768)


def test_h_gives_a_hint_from_the_trace(app: App) -> None:
    pilot = Pilot(app)
    pilot.press(pygame.K_RETURN)
    scene = app.top
    assert isinstance(scene, PlayScene)
    pilot.press(pygame.K_h)
    assert "No customer has been hurt yet" in scene.message
    for _ in range(8):
        pilot.press(pygame.K_e)
        settle(pilot, scene)
    pilot.press(pygame.K_h)
    found = hint(scene.session.game)
    assert found is not None and scene.message == found.text
    assert scene.message.startswith("Look at ")
    kind = "handoff" if parse_handoff(found.target) else "dept"
    assert scene.inspected == f"{kind}:{found.target}"


def test_the_title_offers_to_continue_an_unfinished_game(app: App, tmp_path: Path) -> None:
    from ripple.ui.scenes.choose import start_game

    scenario = tmp_path / "mine.yaml"
    scenario.write_text((Path(__file__).parents[1] / "scenarios" / "claims.yaml").read_text())
    pilot = Pilot(app)
    assert not any(i.name == "continue" for i in app.top.menu.items)
    start_game(app, scenario)
    scene = app.top
    assert isinstance(scene, PlayScene)
    for _ in range(2):
        pilot.press(pygame.K_e)
        settle(pilot, scene)
    scene.session.close()
    app.pop()
    title = app.top
    assert isinstance(title, TitleScene)
    item = title.menu.items[0]
    assert item.name == "continue" and "mine: turn 3 of 12" in item.note
    scenario.write_text(scenario.read_text().replace("capacity: 44", "capacity: 45"))
    title.resume()
    assert "edited since" in title.menu.items[0].note
    pilot.click("title:continue")
    resumed = app.top
    assert isinstance(resumed, PlayScene) and resumed.session.game.turn == 2
    resumed.session.close()


# --- the decisions column ---------------------------------------------------------------------


def test_a_choice_made_is_ticked_in_the_list_and_among_its_targets(app: App) -> None:
    """Where the preview has no room to say what is chosen (a long menu on a projector), the
    list still shows it: a tick where the highlight's marker goes, gone when taken back."""
    pilot = Pilot(app)
    pilot.press(pygame.K_RETURN)
    scene = app.top
    assert isinstance(scene, PlayScene)
    highlight(pilot, scene, "talk")
    pilot.press(pygame.K_RETURN)
    target = scene.targets.items[0].name
    pilot.press(pygame.K_RETURN)
    assert [d.intervention for d in scene.session.chosen] == ["talk"]
    assert decisions_view(scene).marked == ("talk",)
    pilot.press(pygame.K_DOWN)  # the highlight leaves the row: its tick shows
    row = scene.menu.rects[[i.name for i in scene.menu.items].index("talk")]
    good = scene.theme.palette.good

    def ticked() -> bool:
        slot = pygame.Rect(row.x, row.y, scene.theme.unit * 2, row.height)
        return any(
            app.screen.get_at((x, y))[:3] == good
            for x in range(slot.left, slot.right)
            for y in range(slot.top, slot.bottom)
        )

    assert ticked(), "the choice made has no tick"
    highlight(pilot, scene, "talk")
    pilot.press(pygame.K_RETURN)
    assert decisions_view(scene).marked == (target,), "the target chosen is not ticked"
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_BACKSPACE)
    pilot.press(pygame.K_DOWN)
    assert decisions_view(scene).marked == () and not ticked(), "a tick outlived its choice"


def test_only_a_very_long_menu_scrolls_and_it_keeps_the_preview(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A facilitator's menu three times the usual length on a projector at 1024x768: the
    list scrolls (the last resort), the highlight stays in view all the way down, and the
    preview under the rows shown keeps room for the highlighted choice's name and more."""
    data = yaml.safe_load((SCENARIOS / "claims.yaml").read_text())
    data["interventions"] += [
        copy.deepcopy({**i, "id": f"{i['id']}{k}", "name": f"{i['name']} {k}"})
        for k in (2, 3)
        for i in data["interventions"]
    ]
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    written: list[tuple[str, pygame.Rect]] = []
    blit = panels.blit

    def noting(surface: pygame.Surface, theme: object, text: str, *a: Any, **k: Any) -> Any:
        rect = blit(surface, theme, text, *a, **k)  # type: ignore[arg-type]
        written.append((text, rect))
        return rect

    monkeypatch.setattr(panels, "blit", noting)
    app = App((1024, 768), sound=False, projector=True)
    assert start_game(app, path) == []
    scene = app.top
    assert isinstance(scene, PlayScene)
    pilot = Pilot(app)
    pilot.frames(2)
    menu = scene.menu
    assert len(menu.rects) < len(menu.items), "thirty choices cannot all be in view"
    for _ in menu.items:
        current = menu.current
        assert current is not None and menu.focus in menu.rects, "the highlight scrolled away"
        below = [
            (text, rect)
            for text, rect in written
            if scene.side.colliderect(rect) and menu.bottom < rect.top < scene.preview.bottom
        ]
        assert below and below[0][0] == current.label, f"{current.label}: no preview named"
        assert len(below) >= 3, f"{current.label}: the preview has no room to tell it"
        written.clear()
        pilot.press(pygame.K_DOWN)
    assert menu.first == 0 and menu.focus == 0, "the list did not come back to the top"
    scene.session.close()
