"""The players who read nothing from the game, against whom a scenario proves it teaches:
they play legal games, the same game gets the same choices, and their own random draw never
touches the game's."""

from __future__ import annotations

from pathlib import Path

import pytest

from ripple.cli import main
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


def test_priciest_takes_the_dearest_choices_in_turn_and_their_targets_in_turn() -> None:
    scenario = load_scenario(SCENARIOS / "claims.yaml")
    game = Game(scenario, 1)
    affordable = [i for i in game.menu.interventions.values() if i.cost <= game.budget]
    top = max(i.cost for i in affordable)
    dearest = [i.id for i in affordable if i.cost == top]
    assert len(dearest) > 1, "the claims menu has several choices at the top price"
    chosen = []
    for _ in range(2 * len(dearest)):
        [decision] = priciest(game)
        chosen.append((decision.intervention, decision.target))
        game.play_turn([decision])
    assert [c for c, _ in chosen] == dearest * 2, "each of the dearest in turn"
    first = game.menu.targets(game.menu.interventions[dearest[0]])
    assert [t for c, t in chosen if c == dearest[0]] == first[:2], "then its next target"


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


def test_simulate_compares_with_a_one_intervention_player(
    capsys: pytest.CaptureFixture[str],
) -> None:
    claims = str(SCENARIOS / "claims.yaml")
    argv = ["simulate", claims, "--runs", "3", "--jobs", "1", "--turns", "4", "--compare"]
    assert main([*argv, "customer,only:thank"]) == 0
    assert "only:thank" in capsys.readouterr().out
    assert main([*argv, "customer,only:bogus"]) == 2
    assert "menu has no 'bogus'" in capsys.readouterr().err
