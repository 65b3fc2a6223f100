"""What the engine keeps or skips to play fast gives the numbers it would work out afresh, bit
for bit: the standing numbers kept while effects, problems and measures stay the same, the
player's remembered gains, the latest snapshot, a game played without its log, and numpy's
ufuncs called without their wrappers."""

from __future__ import annotations

import copy
import dataclasses
import math

import numpy as np
import pytest

from ripple.engine import Game
from ripple.engine.customer_player import _diminished
from ripple.engine.kept import KeptBy
from ripple.engine.people import refresh
from ripple.engine.policies import POLICIES
from ripple.engine.rules import GAIN_CAPS, diminishing
from ripple.engine.state import World
from ripple.engine.ufuncs import add_at, clip, some, sum_of
from ripple.paths import DEFAULT_SCENARIO
from ripple.scenario.load import load_scenario

KEPT = (
    ("departments", "effective_capacity"),
    ("departments", "effective_quality"),
    ("departments", "effective_checks"),
    ("departments", "defect_chance"),
    ("departments", "morale_shift"),
    ("handoffs", "effective_communication"),
    ("handoffs", "effective_lag"),
    ("handoffs", "talk"),
    ("handoffs", "catch"),
)


def _numbers(world: World) -> list[bytes]:
    return [getattr(getattr(world, part), name).tobytes() for part, name in KEPT]


@pytest.mark.parametrize("policy", ["customer", "silo", "random"])
def test_kept_standing_numbers_are_the_numbers_made_afresh(policy: str) -> None:
    game = Game(load_scenario(DEFAULT_SCENARIO), 3, keep_snapshots=False)
    choose = POLICIES[policy]
    while not game.over:
        game.play_turn(choose(game))
        world = copy.deepcopy(game._world)
        refresh(world, game.turn)
        kept = _numbers(world)
        world.standings.clear()
        refresh(world, game.turn)
        assert _numbers(world) == kept


def test_a_game_plays_the_same_with_its_kept_numbers_thrown_away_every_turn() -> None:
    scenario = load_scenario(DEFAULT_SCENARIO)
    kept, fresh = Game(scenario, 5), Game(scenario, 5)
    choose = POLICIES["customer"]
    while not kept.over:
        fresh._world.standings.clear()
        assert kept.play_turn(choose(kept)) == fresh.play_turn(choose(fresh))
    assert repr(kept.snapshot()) == repr(fresh.snapshot())


@pytest.mark.parametrize("cap", sorted(GAIN_CAPS.values()))
@pytest.mark.parametrize("total", [0.0, -0.0, -0.3, 1e-9, 0.05, 0.2, 0.2, 3.0, math.nan])
def test_the_players_remembered_gains_are_diminishing_itself(total: float, cap: float) -> None:
    expected = float(diminishing(total, cap))
    got = _diminished(total, cap)
    assert repr(got) == repr(expected)  # bit for bit, the sign of zero and NaN included


def test_the_ufuncs_give_what_numpys_wrappers_give() -> None:
    values = np.array([-0.0, 0.0, 0.5, -1.5, 2.0, np.nan, np.inf, -np.inf])
    assert clip(values, 0.0, 1.0).tobytes() == np.clip(values, 0.0, 1.0).tobytes()
    whole = np.array([-3, 0, 4, 9], dtype=np.int64)
    assert (
        clip(whole, 0, np.array([1, 1, 5, 5])).tobytes()
        == np.clip(whole, 0, [1, 1, 5, 5]).tobytes()
    )
    assert sum_of(values[2:5]) == values[2:5].sum()
    assert sum_of(whole) == whole.sum() and type(sum_of(whole)) is type(whole.sum())
    grid = np.arange(24.0).reshape(2, 3, 4) / 7
    assert np.add.reduce(grid, axis=0).tobytes() == grid.sum(axis=0).tobytes()
    places, counts = np.array([3, 0, 3, 1, 3]), np.array([5, 2, 7, 0, 2**40], dtype=np.int64)
    tallied = np.full(5, 4, dtype=np.int64)
    add_at(tallied, places, counts)
    expected = 4 + np.bincount(places, weights=counts, minlength=5).astype(np.int64)
    assert tallied.tobytes() == expected.tobytes()
    for mask in (np.zeros(3, dtype=bool), np.array([0, 2]), np.array([np.nan]), np.array([])):
        assert some(mask) is bool(mask.any())


def test_an_untold_game_is_the_told_game_without_its_log() -> None:
    scenario = load_scenario(DEFAULT_SCENARIO)
    told, untold = Game(scenario, 7), Game(scenario, 7, told=False)
    choose = POLICIES["customer"]
    while not told.over:
        report, quiet = told.play_turn(choose(told)), untold.play_turn(choose(untold))
        assert report.log and quiet.log == () and quiet.sections == ()
        assert dataclasses.replace(report, log=(), sections=()) == quiet
    last = dataclasses.replace(told.snapshot(), report=untold.reports[-1])
    assert repr(last) == repr(untold.snapshot())


def test_the_latest_snapshot_is_kept_until_the_game_moves() -> None:
    game = Game(load_scenario(DEFAULT_SCENARIO), 2, keep_snapshots=False)
    first = game.snapshot()
    assert game.snapshot() is first and first.turn == 0
    game.play_turn()
    after = game.snapshot()
    assert after is not first and after.turn == 1 and game.snapshot() is after
    game.play_turn()
    game.rewind(1)
    assert game.snapshot() is not after and repr(game.snapshot()) == repr(after)


def test_a_binomial_draw_of_nothing_takes_no_random_number() -> None:
    # Receivers check every arriving row at once: rows without defects, or hand-offs whose
    # receiver checks nothing, must not move the game's random numbers.
    every, only = np.random.default_rng(9), np.random.default_rng(9)
    drawn = every.binomial(np.array([0, 7, 4, 0]), np.array([0.3, 0.0, 0.4, 0.0]))
    assert drawn.tolist() == [0, 0, int(only.binomial(4, 0.4)), 0]
    assert every.random() == only.random()


def test_the_customers_kept_and_the_work_finished_are_what_the_snapshot_says() -> None:
    game = Game(load_scenario(DEFAULT_SCENARIO), 4, keep_snapshots=False)
    choose = POLICIES["silo"]
    while not game.over:
        game.play_turn(choose(game))
        snapshot = game.snapshot()
        assert game.kept() == [c.remaining for c in snapshot.customers]
        assert game.finished() == {
            d.id: (d.total_processed, d.base_capacity) for d in snapshot.departments
        }


def test_values_kept_by_identity_are_made_once_and_dropped_when_full() -> None:
    made: list[list[int]] = []

    def make(source: list[int]) -> int:
        made.append(source)
        return sum(source)

    kept: KeptBy[list[int], int] = KeptBy(2)
    one, twin = [1, 2], [1, 2]
    assert kept.get(one, make) == 3 and kept.get(one, make) == 3 and made == [one]
    assert kept.get(twin, make) == 3 and len(made) == 2  # equal, yet another object
    kept.get([5], make)  # a third: the two kept before are dropped
    kept.get(one, make)
    assert len(made) == 4
