"""The mechanisms that make the lesson emerge, each through the engine's public interface:
hidden root causes that only a fix removes, internal customers who speak only when asked,
measures that drive behaviour, people who leave, money, and gains that do not stack."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from ripple.engine import Decision, Game
from ripple.engine.policies import customer_first, silo
from ripple.engine.rules import GAIN_CAPS, LEAVE_AFTER, LEAVE_BELOW, diminishing
from ripple.engine.snapshot import DepartmentView, ProblemView
from ripple.scenario.model import Scenario
from tests.factory import chain, changed

PHOTOS = {"id": "photos", "name": "Missing photos", "defects": 0.2}
SLOW = {"id": "chasing", "name": "Chasing signatures", "delay": 0.15}


def troubled(turns: int = 12, **top: Any) -> Scenario:
    """Three departments in a row; the first has two recurring problems."""
    return changed(
        chain(3, capacity=60, demand=30, turns=turns),
        departments={0: {"quality": 0.7, "problems": [PHOTOS, SLOW]}},
        **top,
    )


def first(game: Game) -> DepartmentView:
    return game.snapshot().departments[0]


def problem(game: Game, key: str) -> ProblemView:
    return next(p for p in first(game).problems if p.id == key)


def test_problems_are_hidden_until_something_brings_them_to_light() -> None:
    game = Game(troubled())
    game.play_turn()
    assert first(game).known_problems == ()
    game.play_turn([Decision("visit", "d0")])
    assert {p.id for p in first(game).known_problems} == {"photos", "chasing"}
    assert problem(game, "photos").how == "visited"
    assert any("brought to light" in line for line in game.reports[-1].log)


def test_an_undiscovered_problem_cannot_be_fixed() -> None:
    game = Game(troubled())
    game.play_turn([Decision("fix", "d0")])
    for _ in range(4):
        game.play_turn()
    assert not any(p.fixed or p.fixing for p in first(game).problems)
    assert "none is known yet" in " ".join(game.reports[0].log)


def test_a_discovered_problem_fixed_stays_fixed() -> None:
    game = Game(troubled(turns=12))
    before = first(game).quality
    game.play_turn([Decision("visit", "d0")])
    game.play_turn([Decision("fix", "d0")])
    assert problem(game, "photos").fixing == 4, "the worst known problem, gone after the lag"
    for _ in range(8):
        game.play_turn()
    assert problem(game, "photos").fixed
    assert first(game).quality == pytest.approx(before + PHOTOS["defects"])
    assert any("fixed 'Missing photos' for good" in line for r in game.reports for line in r.log)


def test_a_fix_that_eats_time_gives_the_time_back() -> None:
    game = Game(troubled())
    game.play_turn([Decision("visit", "d0")])
    game.play_turn([Decision("fix", "d0")])
    game.play_turn([Decision("fix", "d0")])
    assert problem(game, "chasing").fixing == 5, "a second fix takes the next known problem"
    slow = first(game).capacity
    for _ in range(3):
        game.play_turn()
    assert first(game).capacity > slow / (1 - SLOW["delay"]) * 0.9


def test_firefighting_relief_fades_and_the_problem_comes_back() -> None:
    game = Game(troubled())
    game.play_turn()
    normal = first(game).quality
    game.play_turn([Decision("blitz", "d0")])
    relieved = [first(game).quality]
    for _ in range(5):
        game.play_turn()
        relieved.append(first(game).quality)
    assert relieved[0] > normal + 0.1, "the blitz holds the symptoms back at once"
    assert relieved == sorted(relieved, reverse=True), "then the relief fades turn by turn"
    assert relieved[-1] == pytest.approx(normal, abs=0.01), "and the problem is back"
    assert not problem(game, "photos").fixed


def test_internal_customers_speak_only_when_asked() -> None:
    game = Game(troubled())
    for _ in range(3):
        game.play_turn()
    handoff = game.snapshot().handoff("d0->d1")
    assert handoff.heard_turn == 0 and handoff.said == ""
    assert handoff.satisfaction < 0.8, "the receiver feels the defects all the same"
    game.play_turn([Decision("talk", "d0->d1")])
    handoff = game.snapshot().handoff("d0->d1")
    assert handoff.heard_turn == 4 and handoff.heard == handoff.satisfaction
    assert "wrong" in handoff.said
    said = [line for line in game.reports[-1].log if line.startswith("Dept 1 told Dept 0")]
    assert said and "Missing photos" in said[0], "asked, it names the worst hidden problem"
    assert problem(game, "photos").how == "asked"
    for _ in range(5):
        game.play_turn()
    stale = game.snapshot().handoff("d0->d1")
    assert stale.heard_turn == 6, "the channel stays open three turns, then the rating goes stale"
    assert stale.heard != stale.satisfaction


def test_the_rating_weighs_defects_above_waiting() -> None:
    def rating(**department: Any) -> float:
        scenario = changed(chain(2, capacity=40, demand=20, turns=6), departments={0: department})
        game = Game(scenario)
        for _ in range(6):
            game.play_turn()
        return game.snapshot().handoff("d0->d1").satisfaction

    slow = rating(capacity=12)  # most work waits at the supplier
    wrong = rating(quality=0.6)  # work is on time, but a third of it is wrong
    assert wrong < slow


def test_the_trace_brings_a_problem_to_light_once_harm_reaches_customers() -> None:
    scenario = changed(troubled(turns=20), departments={1: {"checks": 0.0}, 2: {"checks": 0.0}})
    game = Game(scenario)
    while not game.over and not first(game).known_problems:
        game.play_turn()
    assert first(game).known_problems, "the harm piles up until the trace leads home"
    assert first(game).known_problems[0].how == "traced"


def test_a_changed_measure_changes_silo_play() -> None:
    def silo_buys(measure: str) -> set[str]:
        scenario = changed(
            troubled(), departments={1: {"capacity": 20, "quality": 0.8, "measure": measure}}
        )
        game = Game(scenario)
        bought: set[str] = set()
        for _ in range(6):
            chosen = silo(game)
            bought |= {d.intervention for d in chosen if d.target == "d1"}
            game.play_turn(chosen)
        return bought

    assert "overtime" in silo_buys("throughput")
    assert "overtime" not in silo_buys("right_first_time")
    assert silo_buys("right_first_time") & {"train", "blitz"}


def test_rewarding_right_first_time_makes_fewer_defects_and_a_little_less_work() -> None:
    game = Game(troubled())
    game.play_turn()
    before = game.snapshot().departments[1]
    game.play_turn([Decision("reward", "d1")])
    after = game.snapshot().departments[1]
    assert after.measure == "right_first_time" and before.measure == "throughput"
    assert after.capacity < before.capacity


def test_low_morale_for_turns_makes_people_leave_and_hiring_takes_time() -> None:
    scenario = changed(
        chain(2, capacity=40, demand=60, turns=20),
        departments={0: {"morale": 0.2, "capacity": 20}},
    )
    game = Game(scenario)
    lows = 0
    while not game.over and first(game).left == 0:
        lows = lows + 1 if first(game).morale < LEAVE_BELOW else 0
        game.play_turn()
    assert first(game).left == 1
    assert lows >= LEAVE_AFTER - 1
    assert first(game).base_capacity < 20, "people left, and the capacity with them"
    assert any("People are leaving Dept 0" in line for line in game.reports[-1].log)


def test_recognition_keeps_people() -> None:
    scenario = changed(
        chain(2, capacity=40, demand=60, turns=12),
        departments={0: {"morale": 0.35, "capacity": 20}},
    )
    left_alone, thanked = Game(scenario), Game(scenario)
    for _ in range(12):
        left_alone.play_turn()
        thanked.play_turn([Decision("thank", "d0")])
    assert first(left_alone).left > 0
    assert first(thanked).left == 0


def test_stacked_gains_bring_less_each_and_never_pass_the_cap() -> None:
    scenario = changed(
        chain(3, capacity=20, demand=10, turns=12), dependencies={0: {"communication": 0.0}}
    )
    game = Game(scenario)
    steps = []
    for _ in range(8):
        game.play_turn([Decision("talk", "d0->d1")])
        steps.append(game.snapshot().handoff("d0->d1").communication)
    gains = [b - a for a, b in itertools.pairwise([0.0, *steps])]
    assert all(later < earlier for earlier, later in itertools.pairwise(gains))
    assert steps[-1] < GAIN_CAPS["communication"]
    assert float(diminishing(100.0, 0.3)) == pytest.approx(0.3)


def test_money_counts_revenue_and_what_failure_costs() -> None:
    game = Game(troubled())
    for _ in range(6):
        game.play_turn()
    money = game.snapshot().money_total
    assert money.revenue == sum(c.revenue for c in game.snapshot().customers)
    sent_back = sum(h.caught for t in range(1, 7) for h in game.snapshot(t).handoffs)
    assert money.rework == pytest.approx(sent_back * game.scenario.costs.rework)
    assert money.failure == money.rework + money.complaints
    assert money.result == money.revenue - money.failure


def test_a_budget_that_follows_results_grows_with_delighted_customers() -> None:
    happy = Game(changed(chain(3, capacity=100, demand=20, turns=6), budget_follows_results=True))
    unhappy = Game(
        changed(
            chain(3, capacity=15, quality=0.5, demand=20, turns=6),
            budget_follows_results=True,
        )
    )
    for _ in range(5):
        happy.play_turn()
        unhappy.play_turn()
    assert happy.budget == 4
    assert unhappy.budget == 2


def test_the_customer_player_never_buys_what_is_at_its_cap() -> None:
    """A hand-off already fully understood, and a department with nothing left to train, are
    worth no choice to the reference player, however much harm is elsewhere: it talks on
    that hand-off only to ask, while its supplier still has problems to find."""
    scenario = changed(
        troubled(turns=12),
        departments={1: {"quality": 1.0, "problems": []}, 2: {"quality": 0.8}},
        dependencies={0: {"communication": 1.0}},
    )
    game = Game(scenario)
    bought = []
    while not game.over:
        chosen = customer_first(game)
        all_known = all(p.known for p in first(game).problems)
        bought += [(d.intervention, d.target, all_known) for d in chosen]
        game.play_turn(chosen)
    assert bought, "it spends where there is harm"
    assert not [b for b in bought if b[:2] == ("train", "d1")], "d1 makes no defects"
    assert not [b for b in bought if b == ("talk", "d0->d1", True)], "nothing left to ask"


def test_an_internal_customer_with_no_work_yet_gives_no_rating() -> None:
    game = Game(troubled())
    game.play_turn([Decision("talk", "d1->d2")])  # nothing has reached d1 yet
    handoff = game.snapshot().handoff("d1->d2")
    assert handoff.said == "nothing came yet" and handoff.heard_turn == 0
    while not game.snapshot().handoff("d1->d2").handed:
        game.play_turn()
    game.play_turn([Decision("talk", "d1->d2")])
    assert game.snapshot().handoff("d1->d2").heard_turn == game.turn, "asked with work, it rates"
