"""What games of one scenario share: the world's layout, worked out once per scenario, and
the menu's options. Only what no game changes is shared, so a game plays the same whatever
games of its scenario were played before it."""

from __future__ import annotations

import json

import numpy as np
import pytest

from ripple.engine import Game
from ripple.engine.state import World
from ripple.paths import DEFAULT_SCENARIO
from ripple.report.record import play_out, record
from ripple.scenario.load import load_scenario


def _played(game: Game, policy: str) -> str:
    """Everything a played game shows: its record, its snapshots and its ripple trace."""
    play_out(game, policy)
    snapshots = [game.snapshot(turn) for turn in range(game.turn + 1)]
    return json.dumps(record(game, policy), sort_keys=True) + repr(snapshots) + repr(game.ripples())


@pytest.mark.parametrize("policy", ["customer", "random", "silo"])
def test_a_game_set_up_after_another_was_played_plays_as_one_set_up_before(policy: str) -> None:
    scenario = load_scenario(DEFAULT_SCENARIO)
    before = Game(scenario, 11)
    _played(Game(scenario, 11), policy)
    after = Game(scenario, 11)
    assert after.snapshot(0) == before.snapshot(0)
    assert _played(after, policy) == _played(before, policy)


def _parts(world: World) -> dict[str, object]:
    """Every attribute of the world's departments, their problems and the hand-offs."""
    parts = {"departments": world.departments, "handoffs": world.handoffs}
    parts["problems"] = world.departments.problems
    return {
        f"{part}.{name}": value
        for part, held in parts.items()
        for name, value in vars(held).items()
    }


def test_games_of_one_scenario_share_only_what_no_game_changes() -> None:
    scenario = load_scenario(DEFAULT_SCENARIO)
    one, other = (Game(scenario, seed)._world for seed in (1, 2))
    for (name, mine), theirs in zip(_parts(one).items(), _parts(other).values(), strict=True):
        if isinstance(mine, np.ndarray):
            assert not mine.flags.writeable or not np.shares_memory(mine, theirs), name
        elif isinstance(mine, list | dict):
            assert mine is not theirs, name
    assert one.segments[0] is not other.segments[0]
    assert one.routes is other.routes
    assert not any(
        value.flags.writeable
        for value in vars(one.routes).values()
        if isinstance(value, np.ndarray)
    )


def test_a_shared_number_cannot_be_changed() -> None:
    world = Game(load_scenario(DEFAULT_SCENARIO), 1)._world
    with pytest.raises(ValueError, match="read-only"):
        world.departments.quality[0] = 0.5


def test_menus_of_one_scenario_offer_the_same_options_each_game_its_own_list() -> None:
    scenario = load_scenario(DEFAULT_SCENARIO)
    one, other = Game(scenario, 1).menu, Game(scenario, 2).menu
    offered = one.options(3)
    offered.clear()
    assert one.options(3) == other.options(3) != []
    assert one.options(1) == [o for o in other.options(3) if o.intervention.cost <= 1]
