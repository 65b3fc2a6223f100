"""The players who read nothing from the game, against whom a scenario proves it teaches:
they play legal games, the same game gets the same choices, and their own random draw never
touches the game's."""

from __future__ import annotations

from pathlib import Path

import pytest

from ripple.engine import Game
from ripple.engine.policies import POLICIES, only, priciest, random_choices
from ripple.engine.replay import replay_game
from ripple.paths import SCENARIOS
from ripple.report.record import play_out
from ripple.scenario.load import load_scenario

SHIPPED = sorted(SCENARIOS.glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
@pytest.mark.parametrize("player", ["random", "priciest"])
def test_blind_players_play_whole_legal_games(path: Path, player: str) -> None:
    game = Game(load_scenario(path), 3)
    play_out(game, player)  # the game refuses any decision the menu or budget does not allow
    assert game.over and len(game.decisions) == game.turns
    assert any(game.decisions), f"{player} never chose anything in {path.stem}"


def test_random_choices_are_the_same_for_the_same_game_and_leave_its_draw_alone() -> None:
    scenario = load_scenario(SCENARIOS / "claims.yaml")
    first, again, other = Game(scenario, 5), Game(scenario, 5), Game(scenario, 6)
    for game in (first, again, other):
        play_out(game, "random")
    assert first.decisions == again.decisions and first.totals() == again.totals()
    assert first.decisions != other.decisions
    replayed = replay_game(scenario, 5, first.decisions)
    assert replayed.totals() == first.totals(), "the player's draw changed the game's"


def test_priciest_buys_the_dearest_choice_it_can_afford_its_targets_in_turn() -> None:
    scenario = load_scenario(SCENARIOS / "claims.yaml")
    game = Game(scenario, 1)
    dearest = max(
        (i for i in game.menu.interventions.values() if i.cost <= game.budget),
        key=lambda i: i.cost,
    )
    targets = game.menu.targets(dearest)
    aimed = []
    for _ in range(len(targets) + 1):
        [decision] = priciest(game)
        assert decision.intervention == dearest.id
        aimed.append(decision.target)
        game.play_turn([decision])
    assert aimed[: len(targets)] == targets and aimed[-1] == targets[0]


def test_one_intervention_every_turn_round_robin() -> None:
    game = Game(load_scenario(SCENARIOS / "claims.yaml"), 1)
    player = only("thank")
    seen = []
    for _ in range(3):
        [decision] = player(game)
        seen.append(decision.target)
        game.play_turn([decision])
    assert len(set(seen)) == 3 and all(d.intervention == "thank" for d in game.decisions[0])
    assert "random" in POLICIES and POLICIES["random"] is random_choices
