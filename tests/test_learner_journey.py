"""A first-time learner alone at a desk, driven headless from the title screen: the guided
tutorial, a full scenario with a hint, a rewind with both timelines compared, the reflection
with a typed note, the culture read-out, the export they keep, and the record of games."""

from __future__ import annotations

import pygame

from ripple.engine.policies import POLICIES
from ripple.paths import data_dir
from ripple.play.records import read_records
from ripple.ui.app import App
from ripple.ui.pilot import Pilot
from ripple.ui.scenes.debrief import DebriefScene
from ripple.ui.scenes.play import PlayScene
from ripple.ui.scenes.title import TitleScene
from ripple.ui.scenes.whatif import RewindOverlay

NOTE = "Talk to Assessment before pushing Intake."


def _settle(pilot: Pilot, scene: PlayScene) -> None:
    pilot.until(lambda: not scene.session.resolving and not scene.animating)


def _type(pilot: Pilot, text: str) -> None:
    """Type as a keyboard does: a key press and the text it makes, for every character."""
    for char in text:
        key = pygame.key.key_code(char) if char.isalpha() else pygame.K_SPACE
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=char))
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
    pilot.frames()


def _play_turn(pilot: Pilot, scene: PlayScene, policy: str) -> None:
    for decision in POLICIES[policy](scene.session.game):
        scene.choose(decision)
    pilot.press(pygame.K_e)
    _settle(pilot, scene)


def test_a_learner_from_the_tutorial_to_the_summary_they_keep(app: App) -> None:
    pilot = Pilot(app)
    title = app.top
    assert isinstance(title, TitleScene)

    # The guided tutorial, from the title screen: Page Down shows each step to its end.
    pilot.click("title:tutorial")
    tutorial = app.top
    assert isinstance(tutorial, PlayScene) and tutorial.guide is not None
    guide = tutorial.guide
    while not guide.done:
        pilot.press(pygame.K_PAGEDOWN)
        _settle(pilot, tutorial)
    assert tutorial.session.over
    pilot.press(pygame.K_ESCAPE)
    pilot.click("confirm:yes")
    assert app.top is title

    # The full scenario, with a hint along the way.
    pilot.click("title:play")
    scene = app.top
    assert isinstance(scene, PlayScene) and scene.guide is None
    session = scene.session
    for _ in range(8):
        _play_turn(pilot, scene, "silo")
    pilot.press(pygame.K_h)
    assert scene.message.startswith("Look at") and scene.inspected is not None
    while not session.over:
        _play_turn(pilot, scene, "silo")

    # What if: from the debrief, back to the end of turn 4, and on differently.
    pilot.press(pygame.K_d)
    debrief = app.top
    assert isinstance(debrief, DebriefScene)
    pilot.press(pygame.K_w)
    overlay = app.top
    assert isinstance(overlay, RewindOverlay)
    while overlay.turns.current is not None and overlay.turns.current.name != "4":
        pilot.press(pygame.K_DOWN)
    pilot.press(pygame.K_RETURN)
    assert app.top is scene and session.game.turn == 4
    while not session.over:
        _play_turn(pilot, scene, "customer")
    pilot.press(pygame.K_d)
    debrief = app.top
    assert isinstance(debrief, DebriefScene) and debrief.page_name == "whatif"
    what_if = session.what_if()
    assert what_if is not None and what_if.branched_at == 4
    assert what_if.first[:4] == what_if.second[:4] and what_if.first != what_if.second
    assert any(o.changed for o in what_if.outcomes) and what_if.chains

    # The reflection, with a note typed in: the game's keys do not fire while typing.
    pilot.click("tab:reflection")
    pilot.press(pygame.K_RETURN)
    assert debrief.typing
    _type(pilot, NOTE)
    assert session.note == NOTE and app.top is debrief and not session.resolving
    pilot.press(pygame.K_RETURN)
    assert not debrief.typing
    assert NOTE in (data_dir() / "autosave" / "claims-what-if.json").read_text()
    pilot.click("tab:culture")
    assert debrief.page_name == "culture"

    # The summary they keep: one HTML file with the charts inside, the reflection, the
    # note and the culture read-out.
    pilot.press(pygame.K_x)
    pilot.settle()
    assert debrief.note.startswith(("Pack written", "Could not")), debrief.note
    assert debrief.note.startswith("Pack written"), debrief.note
    html = (data_dir() / "exports" / "claims-what-if" / "summary.html").read_text()
    assert "Reflection" in html and "Culture read-out" in html
    assert NOTE in html and 'src="data:image/png;base64,' in html

    # The record of games: both endings are noted, and the title offers them.
    records = read_records()
    assert [r.what_if for r in records] == [True, False, False]
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_ESCAPE)
    pilot.click("confirm:yes")
    assert app.top is title
    assert "title:saved" in title.hotspots
