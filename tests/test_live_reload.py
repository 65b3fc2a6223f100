"""Live reload: saving the scenario while it is played reloads it, keeping the turn when the
decisions still fit, and shows errors on screen instead of closing."""

from __future__ import annotations

import os
from pathlib import Path

import pygame

from ripple.paths import DEFAULT_SCENARIO
from ripple.ui.app import App
from ripple.ui.pilot import Pilot
from ripple.ui.scenes.choose import start_game
from ripple.ui.scenes.play import PlayScene


def save_again(path: Path, text: str) -> None:
    """Write the file and move its modification time on, as an editor's save does."""
    path.write_text(text)
    stamp = path.stat().st_mtime_ns + 2_000_000_000
    os.utime(path, ns=(stamp, stamp))


def playing(tmp_path: Path) -> tuple[App, Pilot, Path]:
    path = tmp_path / "claims.yaml"
    path.write_text(DEFAULT_SCENARIO.read_text())
    app = App((1024, 768), sound=False)
    assert start_game(app, path) == []
    pilot = Pilot(app)
    scene = app.top
    assert isinstance(scene, PlayScene)
    pilot.click("intervention:train")
    pilot.click("dept:assessment")
    for _ in range(2):
        pilot.press(pygame.K_e)
        pilot.until(lambda: not scene.session.resolving and not scene.animating)
    return app, pilot, path


def test_a_change_that_fits_keeps_the_turn(tmp_path: Path) -> None:
    app, pilot, path = playing(tmp_path)
    old = app.top
    save_again(path, path.read_text().replace("capacity: 34", "capacity: 36"))
    pilot.frames(70)
    scene = app.top
    assert isinstance(scene, PlayScene) and scene is not old
    assert scene.session.game.turn == 2
    assert scene.session.game.decisions[0][0].target == "assessment"
    assert "goes on at turn 3" in scene.message
    assert any(d.capacity == 36 for d in scene.session.scenario.departments)
    scene.session.close()


def test_errors_show_on_screen_and_the_game_goes_on(tmp_path: Path) -> None:
    app, pilot, path = playing(tmp_path)
    old = app.top
    save_again(path, path.read_text().replace("    to: assessment", "    to: asessment"))
    pilot.frames(70)
    overlay = app.top
    assert type(overlay).__name__ == "ProblemsOverlay"
    assert any(":91:9: error:" in p and "did you mean 'assessment'" in p for p in overlay.problems)
    pilot.press(pygame.K_ESCAPE)
    assert app.top is old and old.session.game.turn == 2
    old.session.close()


def test_a_change_that_breaks_the_decisions_starts_again(tmp_path: Path) -> None:
    app, pilot, path = playing(tmp_path)
    text = path.read_text()
    save_again(
        path, text.replace("interventions", "interventions").replace("budget: 3", "budget: 1")
    )
    pilot.frames(70)
    scene = app.top
    assert isinstance(scene, PlayScene)
    assert scene.session.game.turn == 0
    assert "new one began" in scene.message
    scene.session.close()
