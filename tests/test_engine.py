"""The engine's contract: conservation, determinism, attribution, Little's law, perfection."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ripple.engine import Decision, DecisionError, Game, GameOver
from ripple.engine.policies import POLICIES
from ripple.engine.rules import GAIN_CAPS, diminishing
from ripple.report.record import play_out, record
from ripple.scenario.menu import STANDARD_MENU
from tests.factory import chain, with_customer


def played(scenario, seed=None, policy="none", turns=None) -> Game:
    game = Game(scenario, seed, turns=turns)
    play_out(game, policy)
    return game


def assert_conserved(game: Game) -> None:
    created = completed = scrapped = 0
    for report in game.reports:
        created += report.created
        completed += report.completed
        scrapped += report.scrapped
        assert created == completed + scrapped + report.wip, f"turn {report.turn}"
        assert report.on_time + report.late == report.completed
        assert report.defective <= report.completed


def assert_attributed(game: Game) -> None:
    totals = game.totals()
    attribution = game.attribution()
    for kind in ("late", "defective"):
        shares = sum(w for (_, k), w in attribution.items() if k == kind)
        assert shares == pytest.approx(totals[kind], abs=1e-6), kind
    lost = sum(w for (_, k), w in attribution.items() if k == "lost")
    assert lost == pytest.approx(totals["scrapped"], abs=1e-6)


def troubled() -> object:
    """A chain with defects, a bottleneck, rework, complaints, lag and an event."""
    base = chain(5, capacity=30, quality=0.85, demand=24, turns=30, seed=3)
    data = base.model_dump(by_alias=True, exclude_unset=True)
    data["departments"][2]["capacity"] = 22
    data["dependencies"][1]["lag"] = 1
    data["dependencies"][2]["communication"] = 0.9
    data["customers"][0].update(variability=0.3, patience=12, complaints_to="d1")
    data["events"] = [
        {
            "id": "spike",
            "name": "Spike",
            "turn": 5,
            "target": "people",
            "duration": 3,
            "effects": {"demand": 0.8},
        },
        {"id": "bug", "name": "Bug", "chance": 0.2, "target": "d0", "effects": {"quality": -0.2}},
    ]
    return type(base).model_validate(data)


@pytest.mark.parametrize("policy", sorted(POLICIES))
def test_work_is_conserved_every_turn(policy: str) -> None:
    game = played(troubled(), policy=policy)
    assert_conserved(game)
    assert game.totals()["completed"] > 0


@pytest.mark.parametrize("policy", sorted(POLICIES))
def test_attribution_adds_up_to_the_late_and_defective_totals(policy: str) -> None:
    game = played(troubled(), policy=policy)
    totals = game.totals()
    assert totals["late"] > 0 and totals["defective"] > 0 and totals["scrapped"] > 0
    assert_attributed(game)


def test_same_inputs_give_the_same_game_and_another_seed_another() -> None:
    def run(seed: int) -> str:
        return json.dumps(record(played(troubled(), seed, "customer"), "customer"))

    assert run(5) == run(5)
    assert run(5) != run(6)


def test_perfect_organisation_delights_every_customer() -> None:
    game = played(chain(6, capacity=1000, quality=1.0, demand=50, turns=20))
    totals = game.totals()
    assert totals["late"] == 0 and totals["defective"] == 0 and totals["scrapped"] == 0
    assert totals["on_time"] == totals["completed"] > 0
    assert all(r.complaints == 0 for r in game.reports)
    assert game.snapshot().customers[0].mood == "delighted"
    assert totals["satisfaction"] > 0.99
    assert game.ripples() == []


def test_littles_law_holds_over_a_long_steady_run() -> None:
    scenario = with_customer(
        chain(4, capacity=26, quality=0.92, demand=20, turns=300, seed=11), variability=0.3
    )
    game = played(scenario)
    reports = game.reports[20:]
    mean_wip = sum(r.wip for r in reports) / len(reports)
    completed = sum(r.completed for r in reports)
    throughput = completed / len(reports)
    lead_time = sum(r.lead_time_sum for r in reports) / completed
    assert mean_wip == pytest.approx(throughput * lead_time, rel=0.05)


def test_fastest_delivery_takes_one_turn_per_department_plus_lags() -> None:
    data = chain(3, demand=5, turns=8).model_dump(by_alias=True, exclude_unset=True)
    data["dependencies"][0]["lag"] = 2
    game = played(type(chain()).model_validate(data))
    first = next(r for r in game.reports if r.completed)
    assert first.turn == 1 + 3 + 2
    assert game.totals()["mean_lead_time"] == 5


def test_a_bottleneck_makes_items_late_and_is_blamed_for_it() -> None:
    data = chain(3, capacity=50, demand=20, turns=20).model_dump(by_alias=True, exclude_unset=True)
    data["departments"][1]["capacity"] = 12
    game = played(type(chain()).model_validate(data))
    assert game.totals()["late"] > 0
    biggest = game.ripples()[0]
    assert (biggest.origin, biggest.kind) == ("d1", "late")
    assert biggest.chain == ("d1", "d2")


def test_defects_are_traced_to_the_department_that_made_them() -> None:
    data = chain(4, demand=20, turns=15).model_dump(by_alias=True, exclude_unset=True)
    data["departments"][1]["quality"] = 0.7
    data["departments"][2]["checks"] = 0.0
    data["departments"][3]["checks"] = 0.0
    game = played(type(chain()).model_validate(data))
    kinds = {(r.origin, r.kind) for r in game.ripples()}
    assert kinds == {("d1", "defective")}


def test_caught_defects_go_back_for_rework_and_cost_time() -> None:
    data = chain(3, demand=20, turns=15).model_dump(by_alias=True, exclude_unset=True)
    data["departments"][0]["quality"] = 0.6
    data["departments"][1]["checks"] = 1.0
    data["dependencies"][0]["communication"] = 1.0
    data["customers"][0]["complaint_chance"] = {"late": 0, "defective": 0, "lost": 0}
    game = played(type(chain()).model_validate(data))
    assert game.totals()["defective"] == 0
    assert any("sent" in line and "back" in line for r in game.reports for line in r.log)
    assert game.totals()["mean_lead_time"] > 3


def test_complaints_come_back_as_work_for_the_complaints_desk() -> None:
    scenario = with_customer(chain(3, quality=0.6, demand=30, turns=10, seed=2), complaints_to="d0")
    game = played(scenario)
    assert sum(r.complaints for r in game.reports) > 0
    demand = 30 * game.turns
    assert game.totals()["created"] > demand
    assert any(d.failure_work for d in game.snapshot(game.turn).departments) or any(
        "complained" in line for r in game.reports for line in r.log
    )


def test_churn_lowers_later_demand() -> None:
    scenario = with_customer(
        chain(3, quality=0.3, demand=40, turns=30, seed=4),
        churn={"below": 0.9, "rate": 0.3},
    )
    game = played(scenario)
    assert game.snapshot().customers[0].remaining < 0.8
    assert game.reports[-1].created < game.reports[2].created


def test_an_intervention_works_after_its_lag() -> None:
    scenario = chain(3, quality=0.8, demand=10, turns=6)
    game = Game(scenario)
    game.play_turn([Decision("train", "d1")])
    game.play_turn()
    assert game.snapshot().departments[1].quality == pytest.approx(0.8)
    game.play_turn()
    trained = diminishing(
        next(i for i in STANDARD_MENU if i.id == "train").effects.quality or 0.0,
        GAIN_CAPS["quality"],
    )
    assert game.snapshot().departments[1].quality == pytest.approx(0.8 + float(trained))


def test_decisions_are_checked_against_the_menu_and_budget() -> None:
    game = Game(chain(3))
    with pytest.raises(DecisionError, match="not on the menu"):
        game.play_turn([Decision("magic", "d1")])
    with pytest.raises(DecisionError, match="cannot be aimed"):
        game.play_turn([Decision("train", "nowhere")])
    with pytest.raises(DecisionError, match="budget"):
        game.play_turn([Decision("train", "d0"), Decision("train", "d1")])
    game.play_turn([Decision("talk", "d0 -> d1"), Decision("thank", "d2")])
    assert game.turn == 1


def test_rewind_then_replay_gives_the_same_game() -> None:
    game = Game(troubled())
    play_out(game, "customer")
    final = json.dumps(record(game, "customer"))
    game.rewind(10)
    assert game.turn == 10 and len(game.reports) == 10
    play_out(game, "customer")
    assert json.dumps(record(game, "customer")) == final


def test_rewind_lets_play_go_on_differently() -> None:
    game = Game(troubled())
    play_out(game, "none")
    untouched = game.totals()
    game.rewind(2)
    play_out(game, "customer")
    assert game.totals() != untouched
    assert game.snapshot(2) is not None


def test_playing_past_the_end_is_refused() -> None:
    game = played(chain(2, turns=2))
    with pytest.raises(GameOver):
        game.play_turn()


def test_snapshots_are_frozen() -> None:
    game = Game(chain(3))
    game.play_turn()
    snapshot = game.snapshot()
    with pytest.raises(AttributeError):
        snapshot.turn = 5  # type: ignore[misc]
    assert snapshot.turn == 1 and game.snapshot(0).turn == 0


def test_importing_the_engine_loads_no_pygame() -> None:
    code = "import sys, ripple.engine, ripple.cli; print('pygame' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
