"""What if: going back to an earlier turn, playing on differently, and both timelines
compared, in the engine's numbers and on screen."""

from __future__ import annotations

import pygame

from ripple.engine import Decision, Game
from ripple.engine.policies import POLICIES
from ripple.paths import DEFAULT_SCENARIO
from ripple.report.whatif import chain_line, compare, outcome_line, replay
from ripple.scenario.load import load_scenario
from ripple.ui.app import App
from ripple.ui.pilot import Pilot
from ripple.ui.scenes.choose import start_game
from ripple.ui.scenes.debrief import DebriefScene
from ripple.ui.scenes.play import PlayScene
from ripple.ui.scenes.whatif import RewindOverlay


def _played(policy: str, upto: int | None = None) -> Game:
    game = Game(load_scenario(DEFAULT_SCENARIO))
    while not game.over and (upto is None or game.turn < upto):
        game.play_turn(POLICIES[policy](game))
    return game


def test_a_replay_is_the_same_game_and_a_separate_one() -> None:
    game = _played("silo", upto=5)
    copy = replay(game)
    assert copy is not game
    assert [r.as_dict() for r in copy.reports] == [r.as_dict() for r in game.reports]
    assert replay(game, 2).turn == 2
    copy.play_turn(())
    assert game.turn == 5


def test_the_same_choices_change_nothing() -> None:
    game = _played("customer")
    what_if = compare(game, replay(game), branched_at=3)
    assert what_if.first == what_if.second
    assert not any(o.changed for o in what_if.outcomes)
    assert what_if.chains == ()


def test_better_choices_after_a_turn_show_in_curves_customers_and_chains() -> None:
    first = _played("silo")
    second = replay(first, 3)
    while not second.over:
        second.play_turn(POLICIES["customer"](second))
    what_if = compare(first, second, branched_at=3)
    assert what_if.turn == first.turns
    assert what_if.first[:3] == what_if.second[:3]
    assert what_if.second[-1] > what_if.first[-1]
    drivers = next(o for o in what_if.outcomes if o.customer == "drivers")
    assert drivers.changed and drivers.unhappy[1] < drivers.unhappy[0]
    assert drivers.satisfaction[1] > drivers.satisfaction[0]
    assert "Policyholders: satisfaction" in outcome_line(drivers)
    assert "fewer unhappy deliveries" in outcome_line(drivers)
    biggest = what_if.chains[0]
    assert biggest.change < 0
    assert abs(biggest.change) == max(abs(c.change) for c in what_if.chains)
    line = chain_line(biggest, "claims")
    assert " → ".join(biggest.chain) in line and biggest.customer in line


def test_an_unfinished_branch_is_compared_at_the_same_turn() -> None:
    first = _played("silo")
    second = replay(first, 4)
    second.play_turn((Decision("talk", "intake->assessment"),))
    what_if = compare(first, second, branched_at=4)
    assert what_if.turn == 5
    assert len(what_if.first) == len(what_if.second) == 5


def _settle(pilot: Pilot, scene: PlayScene) -> None:
    pilot.until(lambda: not scene.session.resolving and not scene.animating)


def _start(app: App) -> tuple[Pilot, PlayScene]:
    pilot = Pilot(app)
    start_game(app, DEFAULT_SCENARIO)
    scene = app.top
    assert isinstance(scene, PlayScene)
    return pilot, scene


def test_rewinding_from_the_play_screen_keeps_the_first_timeline(app: App) -> None:
    pilot, scene = _start(app)
    pilot.press(pygame.K_w)
    assert app.top is scene and "Play a turn first" in scene.message
    for _ in range(3):
        pilot.press(pygame.K_e)
        _settle(pilot, scene)
    first = list(scene.session.game.decisions)
    pilot.press(pygame.K_w)
    overlay = app.top
    assert isinstance(overlay, RewindOverlay)
    assert [item.name for item in overlay.turns.items] == ["2", "1", "0"]
    pilot.press(pygame.K_DOWN)
    pilot.press(pygame.K_RETURN)
    assert app.top is scene
    session = scene.session
    assert session.game.turn == 1 and session.branched_at == 1
    assert session.first is not None and session.first.turn == 3
    assert "What if: back at the end of turn 1" in scene.message
    assert session.autosave_to.name == "claims-what-if.json"
    pilot.click("intervention:talk")
    pilot.click("handoff:intake->assessment")
    pilot.press(pygame.K_e)
    _settle(pilot, scene)
    assert session.game.decisions[:1] == first[:1]
    assert session.game.decisions[1] != first[1]
    what_if = session.what_if()
    assert what_if is not None and what_if.turn == 2 and what_if.branched_at == 1


def test_rewinding_from_the_debrief_and_comparing_there(app: App) -> None:
    pilot, scene = _start(app)
    session = scene.session
    while not session.over:
        pilot.press(pygame.K_e)
        _settle(pilot, scene)
    pilot.press(pygame.K_d)
    debrief = app.top
    assert isinstance(debrief, DebriefScene)
    assert "tab:whatif" in debrief.hotspots
    pilot.click("tab:whatif")
    assert debrief.page_name == "whatif"
    pilot.press(pygame.K_w)
    assert isinstance(app.top, RewindOverlay)
    overlay = app.top
    while overlay.turns.current is not None and overlay.turns.current.name != "2":
        pilot.press(pygame.K_DOWN)
    assert "rewind:2" in overlay.hotspots
    pilot.click("rewind:2")
    assert app.top is scene and session.game.turn == 2
    while not session.over:
        pilot.click("intervention:talk")
        pilot.click("handoff:intake->assessment")
        pilot.click("end_turn")
        _settle(pilot, scene)
    pilot.press(pygame.K_d)
    debrief = app.top
    assert isinstance(debrief, DebriefScene) and debrief.page_name == "whatif"
    what_if = session.what_if()
    assert what_if is not None and what_if.turn == session.game.turns
    assert what_if.second[-1] != what_if.first[-1]
    assert any(o.changed for o in what_if.outcomes) and what_if.chains
    frame = debrief.frame
    assert frame is not None
    window = pygame.Rect((0, 0), app.size)
    assert frame.texts, "no words on the what-if page"
    assert all(window.contains(rect) for rect in frame.texts)


def test_what_if_is_refused_in_a_workshop(app: App) -> None:
    pilot = Pilot(app)
    start_game(app, DEFAULT_SCENARIO, teams=("Red", "Blue"))
    scene = app.top
    assert isinstance(scene, PlayScene)
    assert scene.session.branch(0) is not None
    pilot.press(pygame.K_w)
    assert app.top is scene and "one player" in scene.message
