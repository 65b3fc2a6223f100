"""The H hint agrees with the debrief and speaks the scenario's own menu: it names where the
harm customers felt started (the department the debrief ranks first, or the first hand-off
out of it) and only choices that are on the game's menu, chosen by what they do."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from ripple.engine import Game
from ripple.report.hints import hint
from ripple.report.record import play_out
from ripple.report.standings import harm_shares
from ripple.scenario.load import load_scenario
from ripple.scenario.menu import STANDARD_MENU
from ripple.scenario.model import Effects, Scenario, parse_handoff
from tests.factory import chain

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"

STANDARD_WORDING = (
    *(i.name.lower() for i in STANDARD_MENU),
    "two-way communication",
    "red tape",
    "training",
    "more capacity",
    "root cause",
)
"""How hints spoke of the standard menu: wrong wherever a scenario offers its own choices."""


def free_play(path: Path) -> bool:
    """A shipped scenario a learner plays freely: not a guided game that scripts its choices."""
    return not any(step.until == "choose" for step in load_scenario(path).tutorial)


FREE = sorted(p for p in SCENARIOS.glob("*.yaml") if free_play(p))

ALL_NAMES = {i.name for i in STANDARD_MENU} | {
    i.name for p in SCENARIOS.glob("*.yaml") for i in load_scenario(p).interventions or ()
}
"""Every choice's name on any shipped menu: a hint names none that is off its game's menu."""


def checkpoints(turns: int) -> list[int]:
    """Turns spread over a game, its last included, latest first (rewinding replays)."""
    return sorted({turns, 3 * turns // 4, turns // 2, turns // 4} - {0}, reverse=True)


def root_causes(game: Game) -> set[str]:
    """The departments the debrief ranks first as where harm started: the largest share of
    the harm customers felt (ties all count), as its own-numbers page and story say."""
    shares = harm_shares(game)
    top = max(shares.values())
    return {d for d, share in shares.items() if share >= top - 1e-9}


def cuts_corners(effects: Effects) -> bool:
    """The choice makes work worse somewhere: less care, fewer checks, less talk, lower morale
    or slower hand-offs."""
    worse = (effects.quality, effects.checks, effects.communication, effects.morale)
    return any(v is not None and v < 0 for v in worse) or (effects.lag or 0) > 0


def assert_speaks_the_menu(game: Game, text: str) -> list[str]:
    """Every quoted name is a choice on this game's menu that cuts no corners, and no words of
    the standard menu are left once those names are taken out. Returns the names."""
    menu = {i.name: i for i in game.menu.interventions.values()}
    named = re.findall(r'"([^"]+)"', text)
    for name in named:
        assert name in menu, f"{name!r} is not on the menu of {game.scenario.title}: {text}"
        assert not cuts_corners(menu[name].effects), f"{name!r} cuts corners: {text}"
    rest = re.sub(r'"[^"]+"', "", text).lower()
    assert not [w for w in STANDARD_WORDING if w in rest], text
    elsewhere = {n.lower() for n in ALL_NAMES} - {n.lower() for n in menu}
    assert not [n for n in elsewhere if n in text.lower()], text
    return named


@pytest.mark.parametrize("policy", ["silo", "none"])
@pytest.mark.parametrize("path", FREE, ids=lambda p: p.stem)
def test_every_hint_names_a_root_cause_and_only_choices_on_the_menu(
    path: Path, policy: str
) -> None:
    scenario = load_scenario(path)
    assert scenario.interventions is not None, "every shipped scenario has its own menu"
    named: list[str] = []
    for seed in (scenario.seed, scenario.seed + 1):
        game = Game(scenario, seed)
        play_out(game, policy)
        for turn in checkpoints(game.turns):
            game.rewind(turn)
            found = hint(game)
            where = f"{path.stem}, policy {policy}, seed {seed}, turn {turn}"
            if not game.attribution():
                assert found is None, where
                continue
            assert found is not None, where
            pair = parse_handoff(found.target)
            department = pair[0] if pair else found.target
            assert department in root_causes(game), f"{where}: {found.text}"
            assert game.menu.target_name(department) in found.text, where
            named += assert_speaks_the_menu(game, found.text)
    assert named, f"no hint in {path.stem} named a choice on its menu"


def faulty_chain(**extra: Any) -> Scenario:
    """Four departments in a row: Dept 1 makes defects and nobody after it checks."""
    data = chain(4, demand=20, turns=15, **extra).model_dump(by_alias=True, exclude_unset=True)
    data["departments"][1]["quality"] = 0.6
    data["departments"][2]["checks"] = 0.0
    data["departments"][3]["checks"] = 0.0
    return Scenario.model_validate(data)


def test_the_hint_names_the_root_cause_its_first_hand_off_and_what_would_help() -> None:
    game = Game(faulty_chain())
    assert hint(game) is None
    play_out(game, "none")
    found = hint(game)
    assert found is not None and found.target == "d1->d2"
    assert "Dept 1 started 100% of the harm" in found.text
    assert "mostly defects" in found.text
    named = assert_speaks_the_menu(game, found.text)
    assert named[0] == "Talk it through"  # talk on the hand-off: fewer made, more caught


def test_with_no_fitting_choice_the_hint_says_what_is_wrong_and_names_none() -> None:
    push = next(i for i in STANDARD_MENU if i.id == "overtime").model_dump(exclude_none=True)
    game = Game(faulty_chain(interventions=[push]))
    play_out(game, "none")
    found = hint(game)
    assert found is not None and found.target == "d1->d2"
    assert '"' not in found.text and "Push for throughput" not in found.text
    assert "defects" in found.text and "nothing on the menu" in found.text
