"""Screen behaviour that is not a whole game: resizing, opening a file, sound, themes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pygame

from ripple.paths import DEFAULT_SCENARIO
from ripple.ui import intents
from ripple.ui.app import App
from ripple.ui.pilot import Pilot
from ripple.ui.scenes.choose import ChooseScene, start_game
from ripple.ui.scenes.play import PlayScene
from ripple.ui.sound import RATE, tone


def test_resizing_lays_the_play_screen_out_again() -> None:
    app = App((1024, 768), sound=False)
    start_game(app, DEFAULT_SCENARIO)
    scene = app.top
    assert isinstance(scene, PlayScene)
    small = scene.hotspots["end_turn"].copy()
    app.send(intents.Resize((1600, 900)))
    Pilot(app).frames(1)
    assert app.size == (1600, 900)
    assert scene.hotspots["end_turn"].right > small.right
    assert app.theme.unit > 17
    scene.session.close()


def test_a_scenario_file_can_be_typed_in(app: App, tmp_path: Path) -> None:
    pilot = Pilot(app)
    pilot.click("title:choose")
    choose = app.top
    assert isinstance(choose, ChooseScene)
    assert any(item.name == "claims" for item in choose.list.items)
    pilot.click("scenario:open")
    assert choose.typing
    broken = tmp_path / "mine.yaml"
    broken.write_text("title: Mine\nturns: 3\n")
    for character in str(broken):
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=character))
    pilot.frames(1)
    assert choose.typed == str(broken)
    sound = app.sound.enabled
    pilot.press(pygame.K_m)
    assert app.sound.enabled is sound, "typing M into a file name must not mute"
    pilot.press(pygame.K_BACKSPACE)
    assert choose.typed == str(broken)[:-1]
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="l"))
    pilot.press(pygame.K_RETURN)
    assert isinstance(app.top, ChooseScene)
    assert any("missing 'departments'" in p for p in choose.problems)
    broken.write_text(DEFAULT_SCENARIO.read_text())
    pilot.press(pygame.K_RETURN)
    assert isinstance(app.top, PlayScene)


def test_m_mutes_and_cues_are_short_quiet_tones(app: App) -> None:
    pilot = Pilot(app)
    before = app.sound.enabled
    pilot.press(pygame.K_m)
    assert app.sound.enabled is not before
    samples = tone(((440.0, 0.1),))
    assert samples.shape == (int(RATE * 0.1), 2)
    assert np.abs(samples).max() < 0.25 * 32767


def test_the_projector_theme_is_larger_and_high_contrast() -> None:
    app = App((1024, 768), projector=True, sound=False)
    standard = App((1024, 768), sound=False)
    assert app.theme.unit > standard.theme.unit
    assert app.theme.palette.background == (0, 0, 0)
    assert app.theme.palette.text == (255, 255, 255)
