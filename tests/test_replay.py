"""One way to replay a game: a save, what if, rewind, `ripple simulate --decisions`, `ripple
export`, the play screen and live reload all give the game that was played, with the save's
seed, number of turns and budget."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from ripple.cli import main
from ripple.engine import Decision, DecisionError, Game
from ripple.engine.policies import POLICIES
from ripple.engine.replay import replay_game
from ripple.paths import DEFAULT_SCENARIO
from ripple.play.save import UNKNOWN, SavedGame, read_save, write_save
from ripple.play.session import Session
from ripple.report import whatif
from ripple.report.export_tables import TURN_COLUMNS, turn_rows
from ripple.report.record import turn_record
from ripple.scenario.load import load_scenario, scenario_hash
from ripple.scenario.model import Scenario
from ripple.ui.reload import reload

FLU = {2: ("flu",)}
"""The facilitator sets off the flu in turn 2."""


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(DEFAULT_SCENARIO)


def played(
    scenario: Scenario,
    seed: int | None,
    policy: str,
    *,
    turns: int | None = None,
    budget: int | None = None,
    inject: Mapping[int, tuple[str, ...]] = FLU,
) -> Game:
    """The game as it was first played, turn by turn: what every replay must give again."""
    game = Game(scenario, seed, turns=turns, budget=budget)
    while not game.over:
        game.play_turn(POLICIES[policy](game), inject.get(game.turn + 1, ()))
    return game


@dataclass(frozen=True)
class Case:
    """A save on disk and, per team ('' for one game), the game it records."""

    saved: SavedGame
    path: Path
    truth: dict[str, Game]


def single(scenario: Scenario, tmp: Path) -> Case:
    """One player, the scenario's 12 turns, a seed of its own."""
    game = played(scenario, 3, "customer")
    saved = SavedGame(
        str(DEFAULT_SCENARIO),
        scenario_hash(DEFAULT_SCENARIO),
        seed=3,
        turns=12,
        decisions=tuple(game.decisions),
        injected=tuple(game.injected),
    )
    write_save(saved, tmp / "single.json")
    return Case(saved, tmp / "single.json", {"": game})


def simulated_short(scenario: Scenario, tmp: Path) -> Case:
    """A save written by `ripple simulate --turns 5`: fewer turns than the scenario."""
    path = tmp / "short.json"
    assert (
        main(["simulate", "--policy", "silo", "--seed", "4", "--turns", "5", "--save", str(path)])
        == 0
    )
    return Case(read_save(path), path, {"": played(scenario, 4, "silo", turns=5, inject={})})


def unknown_seed(scenario: Scenario, tmp: Path) -> Case:
    """A save that does not know its seed (-1): the scenario's is used; 5 turns."""
    game = played(scenario, None, "customer", turns=5)
    saved = SavedGame(
        str(DEFAULT_SCENARIO),
        "",
        seed=UNKNOWN,
        turns=5,
        decisions=tuple(game.decisions),
        injected=tuple(game.injected),
    )
    write_save(saved, tmp / "unknown.json")
    return Case(saved, tmp / "unknown.json", {"": game})


def bare(scenario: Scenario, tmp: Path) -> Case:
    """A bare decisions file: neither seed nor turns, so the scenario's."""
    game = played(scenario, None, "silo", inject={})
    path = tmp / "bare.json"
    path.write_text(json.dumps([[d.as_dict() for d in turn] for turn in game.decisions]))
    return Case(read_save(path), path, {"": game})


def hotseat(scenario: Scenario, tmp: Path) -> Case:
    """Two teams on their own copies (team_decisions), 4 turns, same seed and events."""
    red = played(scenario, 5, "customer", turns=4)
    blue = played(scenario, 5, "silo", turns=4)
    saved = SavedGame(
        str(DEFAULT_SCENARIO),
        scenario_hash(DEFAULT_SCENARIO),
        seed=5,
        turns=4,
        decisions=(),
        injected=tuple(red.injected),
        teams=("Red", "Blue"),
        team_decisions={"Red": tuple(red.decisions), "Blue": tuple(blue.decisions)},
    )
    write_save(saved, tmp / "hotseat.json")
    return Case(saved, tmp / "hotseat.json", {"Red": red, "Blue": blue})


def roles(scenario: Scenario, tmp: Path) -> Case:
    """Two teams sharing one organisation: twice the scenario's budget, 6 turns."""
    budget = 2 * scenario.budget
    game = played(scenario, 6, "customer", turns=6, budget=budget)
    spent = [sum(game.menu.interventions[d.intervention].cost for d in t) for t in game.decisions]
    assert max(spent) > scenario.budget, "the shared budget must matter to the replay"
    ids = [d.id for d in scenario.departments]
    saved = SavedGame(
        str(DEFAULT_SCENARIO),
        scenario_hash(DEFAULT_SCENARIO),
        seed=6,
        turns=6,
        decisions=tuple(game.decisions),
        injected=tuple(game.injected),
        teams=("Red", "Blue"),
        roles={"Red": tuple(ids[:2]), "Blue": tuple(ids[2:])},
        budget=budget,
    )
    write_save(saved, tmp / "roles.json")
    return Case(saved, tmp / "roles.json", {"": game})


CASES: dict[str, Callable[[Scenario, Path], Case]] = {
    "single": single,
    "simulate --turns 5": simulated_short,
    "seed -1": unknown_seed,
    "bare decisions": bare,
    "hotseat": hotseat,
    "roles": roles,
}


@pytest.fixture(params=list(CASES))
def case(request: pytest.FixtureRequest, scenario: Scenario, tmp_path: Path) -> Case:
    return CASES[request.param](scenario, tmp_path)


def assert_same(game: Game, truth: Game) -> None:
    """Two games are the same: seed, length, decisions, events, every turn and the totals."""
    assert (game.seed, game.turns, game.turn) == (truth.seed, truth.turns, truth.turn)
    assert game.decisions == truth.decisions
    assert game.injected == truth.injected
    assert game.reports == truth.reports
    assert game.totals() == truth.totals()


def test_a_save_replays_as_played(case: Case, scenario: Scenario) -> None:
    games = case.saved.games(scenario)
    assert list(games) == list(case.truth)
    for team, truth in case.truth.items():
        assert_same(games[team], truth)
        assert_same(case.saved.replay(scenario, team), truth)


def test_what_if_replays_as_played(case: Case, scenario: Scenario) -> None:
    for team, truth in case.truth.items():
        assert_same(whatif.replay(case.saved.replay(scenario, team)), truth)
        assert whatif.replay(truth, 2).reports == truth.reports[:2]


def test_rewind_replays_in_the_same_game(case: Case, scenario: Scenario) -> None:
    for team, truth in case.truth.items():
        game = case.saved.replay(scenario, team)
        game.rewind(game.turn)
        assert_same(game, truth)
        game.rewind(2)
        assert_same(game, whatif.replay(truth, 2))
        game.play_recorded(truth.decisions, truth.injected)
        assert_same(game, truth)


def test_simulate_decisions_replays_as_played(
    case: Case, capsys: pytest.CaptureFixture[str]
) -> None:
    for team, truth in case.truth.items():
        chosen = ["--team", team] if team else []
        assert main(["simulate", "--decisions", str(case.path), *chosen, "--json"]) == 0
        record = json.loads(capsys.readouterr().out)
        assert record["seed"] == truth.seed
        assert record["turns"] == [turn_record(report) for report in truth.reports]
        assert record["totals"] == truth.totals()
        assert record["decisions"] == [[d.as_dict() for d in turn] for turn in truth.decisions]


def test_simulate_decisions_says_where_the_decisions_came_from(
    case: Case, capsys: pytest.CaptureFixture[str]
) -> None:
    team, truth = next(iter(case.truth.items()))
    chosen = ["--team", team] if team else []
    assert main(["simulate", "--decisions", str(case.path), *chosen]) == 0
    heading = capsys.readouterr().out.splitlines()[0]
    whose = f" (team {team})" if team else ""
    assert heading == (
        f"The Claims Ripple - seed {truth.seed}, {truth.turns} turns, "
        f"decisions from {case.path}{whose}"
    )


def test_export_replays_as_played(case: Case, tmp_path: Path) -> None:
    out = tmp_path / "pack"
    command = ["export", str(case.path), "--out", str(out), "--size", "320x240"]
    assert main([*command, "--scenario", str(DEFAULT_SCENARIO)]) == 0
    with (out / "turns.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == list(TURN_COLUMNS)
    assert rows[1:] == [[str(cell) for cell in row] for row in turn_rows(case.truth)]
    summary = (out / "summary.md").read_text(encoding="utf-8")
    for truth in case.truth.values():
        assert f"{truth.turn} of {truth.turns}" in summary


def test_the_play_screen_goes_on_from_a_save_as_played(case: Case, scenario: Scenario) -> None:
    session = Session(scenario, DEFAULT_SCENARIO, saved=case.saved)
    try:
        assert list(session.games) == list(case.truth)
        for team, truth in case.truth.items():
            assert_same(session.games[team], truth)
    finally:
        session.close()


def test_simulate_seed_and_turns_stand_in_for_the_saves(
    scenario: Scenario, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = single(scenario, tmp_path).saved
    truth = replay_game(scenario, 8, saved.decisions, saved.injected, turns=3)
    assert_same(saved.replay(scenario, seed=8, turns=3), truth)
    command = ["simulate", "--decisions", str(tmp_path / "single.json"), "--json"]
    assert main([*command, "--seed", "8", "--turns", "3"]) == 0
    assert json.loads(capsys.readouterr().out)["turns"] == [turn_record(r) for r in truth.reports]


def test_a_policy_plays_on_after_the_saves_last_turn(
    scenario: Scenario, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = single(scenario, tmp_path).saved
    short = replace(saved, decisions=saved.decisions[:3], injected=saved.injected[:3])
    write_save(short, tmp_path / "three.json")
    assert main(["simulate", "--decisions", str(tmp_path / "three.json")]) == 0
    heading = capsys.readouterr().out.splitlines()[0]
    assert heading.endswith(
        f"decisions from {tmp_path / 'three.json'} for turns 1-3, then policy 'none'"
    )
    assert short.replay(scenario).turn == 3


def test_decisions_that_no_longer_fit_name_their_turn(
    scenario: Scenario, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = single(scenario, tmp_path).saved
    wrong = (Decision("train", "mars"),)
    broken = replace(saved, decisions=(saved.decisions[0], wrong, *saved.decisions[2:]))
    with pytest.raises(DecisionError, match=r"^turn 2: .*'mars'"):
        broken.games(scenario)
    write_save(broken, tmp_path / "broken.json")
    assert main(["simulate", "--decisions", str(tmp_path / "broken.json")]) == 1
    assert "broken.json: turn 2: " in capsys.readouterr().err


def test_a_roles_save_needs_its_own_budget(scenario: Scenario, tmp_path: Path) -> None:
    saved = roles(scenario, tmp_path).saved
    with pytest.raises(DecisionError, match="budget"):
        replace(saved, budget=None).games(scenario)


def test_a_replayed_roles_game_saves_its_budget(
    scenario: Scenario, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roles(scenario, tmp_path)
    again = tmp_path / "again.json"
    assert (
        main(["simulate", "--decisions", str(tmp_path / "roles.json"), "--save", str(again)]) == 0
    )
    capsys.readouterr()
    assert read_save(again).budget == 2 * scenario.budget


def test_live_reload_keeps_a_saves_turns_and_follows_the_scenarios(
    scenario: Scenario, tmp_path: Path
) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(DEFAULT_SCENARIO.read_text())
    short = unknown_seed(scenario, tmp_path).saved
    own = Session(load_scenario(path), path, saved=short)
    usual = Session(load_scenario(path), path)
    usual.game.play_turn(())
    path.write_text(path.read_text().replace("turns: 12", "turns: 14", 1))
    try:
        kept, followed = reload(own).session, reload(usual).session
        assert kept is not None and followed is not None
        assert (kept.game.turns, kept.game.turn) == (5, 5)
        assert (followed.game.turns, followed.game.turn) == (14, 1)
        kept.close()
        followed.close()
    finally:
        own.close()
        usual.close()
