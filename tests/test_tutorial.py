"""The guided first game: its scenario checks clean, a first-time learner is driven through
every step headless, Page Up and Page Down do what the callout says, the callout keeps
clear of what it points at, and the pictures in the docs can be made again.

Regenerate the tutorial's pictures in docs/screens/ with
`RIPPLE_REGENERATE_SCREENS=1 .venv/bin/pytest tests/test_tutorial.py`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest
from pydantic import ValidationError

from ripple.paths import ROOT, TUTORIAL_SCENARIO
from ripple.scenario.load import check_file, check_text, load_scenario
from ripple.scenario.model import TutorialStep
from ripple.ui.app import App
from ripple.ui.draw.callout import place_callout, spot
from ripple.ui.measure import text_width
from ripple.ui.pilot import Pilot
from ripple.ui.scenes.choose import start_game
from ripple.ui.scenes.play import PlayScene
from ripple.ui.tutorial import Guide

SHOTS = ROOT / "docs" / "screens"
STEPS = load_scenario(TUTORIAL_SCENARIO).tutorial


# The scenario ---------------------------------------------------------------------------


def test_the_tutorial_checks_clean_and_teaches_one_thing_a_step() -> None:
    assert check_file(TUTORIAL_SCENARIO, text_width) == []
    scenario = load_scenario(TUTORIAL_SCENARIO)
    assert 3 <= len(scenario.departments) <= 4 and 6 <= scenario.turns <= 8
    assert 10 <= len(scenario.tutorial) <= 14 and scenario.debrief
    kinds = {step.until for step in scenario.tutorial}
    assert kinds == {"next", "end_turn", "inspect", "choose", "turn"}


@pytest.mark.parametrize(
    ("step", "reason"),
    [
        ({"until": "turn"}, "until: turn needs 'turn'"),
        ({"until": "inspect"}, "until: inspect needs 'point_at'"),
        ({"turn": 3}, "'turn' is only for until: turn"),
        ({"intervention": "talk"}, "'intervention' is only for until: choose"),
        ({"until": "wait"}, "Input should be"),
        ({"say": "x" * 301}, "at most 300 characters"),
    ],
)
def test_the_model_refuses_a_step_that_cannot_work(step: dict[str, object], reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        TutorialStep.model_validate({"title": "A step", "say": "Some words.", **step})


SCENARIO = """\
title: Tiny
turns: 4
departments:
  - {id: desk, name: Desk, capacity: 10, quality: 0.9}
  - {id: bakery, name: Bakery, capacity: 10, quality: 0.9}
dependencies:
  - {from: desk, to: bakery}
customers:
  - {id: hosts, name: Hosts, enters_at: desk, served_by: bakery, demand: 5}
tutorial:
  - title: Look
    say: The bakery.
    point_at: bakry
  - title: Talk
    say: Talk it over.
    point_at: desk -> bakry
    until: choose
    intervention: tlak
  - title: Thank
    say: Thank the hand-off.
    point_at: desk -> bakery
    until: choose
    intervention: thank
  - title: Wait
    say: Wait.
    until: turn
    turn: 9
  - title: Inspect
    say: Inspect the log.
    point_at: log
    until: inspect
"""


def test_validate_places_a_wrong_reference_and_suggests_the_right_one() -> None:
    problems = [str(p) for p in check_text(SCENARIO, "tiny.yaml")]
    assert problems == [
        "tiny.yaml:13:15: error: tutorial step 1: point_at is 'bakry', which is not a "
        "department, a customer, a hand-off 'a -> b' or a part of the screen (end_turn, menu, "
        "score, log); did you mean 'bakery'?",
        "tiny.yaml:16:15: error: tutorial step 2: point_at: there is no dependency from "
        "'desk' to 'bakry'; did you mean 'desk -> bakery'?",
        "tiny.yaml:18:19: error: tutorial step 2: intervention is 'tlak', which is not an "
        "intervention on offer; did you mean 'talk'?",
        "tiny.yaml:21:15: error: tutorial step 3: 'thank' is aimed at a department, but "
        "'desk -> bakery' is a hand-off",
        "tiny.yaml:27:11: warning: tutorial step 4: turn: turn 9 never comes; the game ends "
        "after 4 turns",
        "tiny.yaml:30:15: error: tutorial step 5: until: inspect needs a department, a "
        "hand-off or a customer to inspect, but 'log' is a part of the screen",
    ]


# Playing it -------------------------------------------------------------------------------


@pytest.fixture
def tutorial() -> Iterator[tuple[App, PlayScene]]:
    """A new game of the tutorial at 1024x768, its first callout on screen."""
    app = App((1024, 768), sound=False)
    assert start_game(app, TUTORIAL_SCENARIO) == []
    scene = app.top
    assert isinstance(scene, PlayScene) and scene.guide is not None
    Pilot(app).frames(2)
    yield app, scene
    scene.session.close()


def settle(pilot: Pilot, scene: PlayScene) -> None:
    """Run frames until the turn has resolved and its animation has played."""
    pilot.until(lambda: not scene.session.resolving and not scene.animating)


def todo(scene: PlayScene) -> str:
    """What the callout on screen asks the learner to do, as one line."""
    assert scene.guide is not None
    return " ".join(place_callout(scene.theme, scene, scene.guide).todo)


def facts(scene: PlayScene) -> dict[str, object]:
    """What the callouts cite, read from the screen's latest snapshot."""
    after = scene.session.after
    handoff = next(h for h in after.handoffs if (h.supplier, h.customer) == ("desk", "bakery"))
    hosts = after.customers[0]
    desk = next(d for d in after.departments if d.id == "desk")
    return {
        "turn": after.turn,
        "sent back": handoff.caught,
        "delivered": hosts.delivered,
        "late": hosts.late,
        "wrong": hosts.defective,
        "complaints": hosts.complaints,
        "satisfaction": round(hosts.satisfaction, 2),
        "rating": round(handoff.satisfaction, 2),
        "desk behind": desk.queue > desk.capacity,
    }


CITED = {
    "Caught downstream: rework": {"turn": 3, "sent back": 4},
    "Late, and wrong": {"turn": 5, "delivered": 27, "late": 9, "wrong": 11, "complaints": 11},
    "Complaints come back as work": {"turn": 5, "complaints": 11, "desk behind": True},
    "It paid off": {"turn": 8, "wrong": 0, "complaints": 0, "satisfaction": 0.84, "rating": 0.79},
}
"""What some callouts say happened, step by step: the game must show the same."""


def learner_does_what_the_callout_asks(
    pilot: Pilot, scene: PlayScene, step: TutorialStep, number: int
) -> None:
    """One step as a first-time learner would take it: keys on some steps, the mouse on
    others, always what the callout's words say."""
    scenario = scene.session.scenario
    if step.until == "next":
        how = (pygame.K_RETURN, "guide:next", pygame.K_PAGEDOWN)[number % 3]
        pilot.press(how) if isinstance(how, int) else pilot.click(how)
    elif step.until == "end_turn":
        assert todo(scene) == "Press E, or click End turn."
        pilot.press(pygame.K_e) if number % 2 else pilot.click("end_turn")
        settle(pilot, scene)
    elif step.until == "inspect":
        name = spot(step.point_at, scenario)
        assert todo(scene).startswith("Click Order Desk, or press Tab")
        for _ in range(len(scene.hotspots)):
            if scene.inspected == name:
                break
            pilot.press(pygame.K_TAB)
    elif step.until == "choose":
        assert todo(scene) == "Click Talk it through in Decisions, then Order Desk → Bakery."
        pilot.click(f"intervention:{step.intervention}")
        assert todo(scene).startswith("Now click Order Desk → Bakery")
        pilot.click(spot(step.point_at, scenario) or "")
    elif step.until == "turn":
        assert f"until turn {step.turn} is over" in todo(scene)
        while scene.session.after.turn < (step.turn or 0):
            pilot.press(pygame.K_e)
            settle(pilot, scene)
    pilot.frames(2)


def test_a_first_time_learner_is_guided_to_the_end(tutorial: tuple[App, PlayScene]) -> None:
    app, scene = tutorial
    pilot = Pilot(app)
    guide = scene.guide
    assert guide is not None and len(guide.steps) == len(STEPS)
    for number, step in enumerate(STEPS):
        assert (guide.index, guide.done) == (number, False), step.title
        assert {"guide:next", "guide:again"} <= set(scene.hotspots)
        wanted = CITED.get(step.title, {})
        assert {k: v for k, v in facts(scene).items() if k in wanted} == wanted, step.title
        learner_does_what_the_callout_asks(pilot, scene, step, number)
    assert guide.done and scene.session.over
    assert todo(scene).startswith("Press D for the debrief")
    decisions = scene.session.game.decisions
    assert [d.intervention for turn in decisions for d in turn] == ["talk"]
    pilot.press(pygame.K_PAGEUP)
    assert (guide.index, guide.done) == (len(STEPS) - 1, False)
    pilot.press(pygame.K_RETURN)
    assert guide.done
    pilot.press(pygame.K_PAGEDOWN)
    assert guide.hidden and "guide:next" not in scene.hotspots
    pilot.press(pygame.K_d)
    assert type(app.top).__name__ == "DebriefScene"


def test_page_up_plays_a_step_again_and_takes_back_its_turns(
    tutorial: tuple[App, PlayScene],
) -> None:
    app, scene = tutorial
    pilot = Pilot(app)
    guide = scene.guide
    assert guide is not None
    playing = next(n for n, s in enumerate(STEPS) if s.until == "turn")
    while guide.index < playing:
        pilot.press(pygame.K_PAGEDOWN)
        settle(pilot, scene)
    pilot.frames(2)
    started = guide.started
    assert started is not None and started == scene.session.game.turn
    chosen = list(scene.session.chosen)
    pilot.press(pygame.K_e)
    settle(pilot, scene)
    assert scene.session.game.turn == started + 1 and guide.index == playing
    pilot.press(pygame.K_PAGEUP)
    assert scene.session.game.turn == started and guide.index == playing
    assert scene.session.chosen == chosen
    assert scene.message.startswith(f"Step {playing + 1} again")
    pilot.click("guide:again")
    assert scene.session.game.turn == started and guide.index == playing


def test_choices_the_steps_do_not_ask_for_wait_until_the_end(
    tutorial: tuple[App, PlayScene],
) -> None:
    app, scene = tutorial
    pilot = Pilot(app)
    pilot.click("intervention:thank")
    pilot.click("dept:bakery")
    assert scene.session.chosen == []
    assert "tutorial keeps your budget" in scene.message
    pilot.press(pygame.K_i)
    pilot.press(pygame.K_w)
    assert app.top is scene and "wait until the tutorial's last step" in scene.message


def test_page_down_shows_each_action_and_the_story_stays_true(
    tutorial: tuple[App, PlayScene],
) -> None:
    app, scene = tutorial
    pilot = Pilot(app)
    guide = scene.guide
    assert guide is not None
    for number, step in enumerate(STEPS):
        assert guide.index == number, step.title
        wanted = CITED.get(step.title, {})
        assert {k: v for k, v in facts(scene).items() if k in wanted} == wanted, step.title
        while guide.index == number and not guide.done:
            pilot.press(pygame.K_PAGEDOWN)
            settle(pilot, scene)
    assert guide.done and scene.session.over
    decisions = scene.session.game.decisions
    assert [(d.intervention, d.target) for turn in decisions for d in turn] == [
        ("talk", "desk->bakery")
    ]


def test_enter_reads_on_but_chooses_nothing_while_a_step_only_talks(
    tutorial: tuple[App, PlayScene],
) -> None:
    app, scene = tutorial
    pilot = Pilot(app)
    assert scene.guide is not None and STEPS[0].until == "next"
    pilot.press(pygame.K_RETURN)
    assert scene.guide.index == 1 and scene.targeting is None
    pilot.press(pygame.K_RETURN)  # an action step: Enter is the menu's again
    assert scene.guide.index == 1 and scene.targeting is not None


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_the_callout_stays_clear_of_end_turn_and_of_what_it_points_at(
    size: tuple[int, int],
) -> None:
    app = App(size, sound=False)
    assert start_game(app, TUTORIAL_SCENARIO) == []
    scene = app.top
    assert isinstance(scene, PlayScene) and scene.guide is not None
    pilot = Pilot(app)
    window = pygame.Rect((0, 0), size)
    for _ in range(len(STEPS) + 1):
        pilot.frames(2)
        callout = place_callout(scene.theme, scene, scene.guide)
        box = scene.hotspots["guide:box"]
        assert box == callout.box and window.contains(box)
        assert not box.colliderect(scene.hotspots["end_turn"])
        assert box.contains(scene.hotspots["guide:next"])
        assert box.contains(scene.hotspots["guide:again"])
        if callout.target is not None:
            assert not box.colliderect(callout.target)
        pilot.press(pygame.K_PAGEDOWN)
    scene.session.close()


def test_the_guide_counts_steps_then_closes_and_opens_its_last_word() -> None:
    assert Guide([]).done
    guide = Guide(STEPS)
    for number in range(len(STEPS)):
        assert (guide.index, guide.done, guide.step) == (number, False, STEPS[number])
        guide.skip()
    assert guide.done and guide.step is None and guide.index == len(STEPS) - 1
    guide.skip()
    assert guide.hidden
    guide.skip()
    assert not guide.hidden and guide.done


# Pictures for the docs ------------------------------------------------------------------

PICTURES = {
    "tutorial-1": "Caught downstream: rework",
    "tutorial-2": "Complaints come back as work",
    "tutorial-3": "It paid off",
}
"""The tutorial's pictures in docs/screens/, each the callout of one step."""


def test_the_pictures_in_the_docs_can_be_made_again(tmp_path: Path) -> None:
    app = App((1280, 720), sound=False)
    assert start_game(app, TUTORIAL_SCENARIO) == []
    scene = app.top
    assert isinstance(scene, PlayScene) and scene.guide is not None
    pilot = Pilot(app)
    pilot.frames(2)
    wanted = {title: name for name, title in PICTURES.items()}
    for number, step in enumerate(STEPS):
        if step.title in wanted:
            pilot.frames(240)  # the animation has played and the ring stopped pulsing
            app.save_png(str(tmp_path / f"{wanted[step.title]}.png"))
        learner_does_what_the_callout_asks(pilot, scene, step, number)
    scene.session.close()
    for name in PICTURES:
        made = tmp_path / f"{name}.png"
        assert pygame.image.load(str(made)).get_size() == (1280, 720)
        if os.environ.get("RIPPLE_REGENERATE_SCREENS"):
            (SHOTS / made.name).write_bytes(made.read_bytes())
        assert (SHOTS / made.name).exists(), f"RIPPLE_REGENERATE_SCREENS=1 makes {made.name}"
