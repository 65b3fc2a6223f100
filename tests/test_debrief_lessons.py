"""What the debrief says about the new model, checked against the game's own snapshots: each
department's measure and own number beside the harm it started, every recurring problem and
what became of it, who left and when, and the money turn by turn; and that the pages show it."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"

import pytest

from ripple.engine import Decision, Game
from ripple.report.charts import money_chart, number
from ripple.report.money import total
from ripple.report.people import leavers
from ripple.report.problems import root_causes
from ripple.report.standings import GOOD, HARMFUL, Standing, standings
from ripple.scenario.model import Scenario
from ripple.ui.scenes.debrief_causes import draw_causes
from ripple.ui.scenes.debrief_money import draw_money
from ripple.ui.scenes.debrief_numbers import draw_numbers, own_words
from tests.factory import chain, changed
from tests.test_learner import Recording, page

PHOTOS = {"id": "photos", "name": "Missing photos", "defects": 0.2}
SLOW = {"id": "chasing", "name": "Chasing signatures", "delay": 0.15}
QUIET = {"id": "typos", "name": "Typos nobody mentions", "defects": 0.005}


def troubled() -> Scenario:
    """Three departments in a row: the first with two recurring problems, the last with one
    too small for the trace to find."""
    return changed(
        chain(3, capacity=60, demand=30, turns=12),
        departments={
            0: {"quality": 0.7, "problems": [PHOTOS, SLOW]},
            2: {"quality": 0.99, "problems": [QUIET]},
        },
    )


DECIDED: dict[int, list[Decision]] = {
    1: [Decision("visit", "d0")],
    2: [Decision("fix", "d0")],
    3: [Decision("reward", "d1")],
    5: [Decision("blitz", "d0")],
}
"""Visit the first department, fix its worst problem, reward the second on right first
time, and firefight once."""


@pytest.fixture(scope="module")
def game() -> Game:
    played = Game(troubled())
    while not played.over:
        played.play_turn(DECIDED.get(played.turn + 1, []))
    return played


def words(canvas: Recording) -> str:
    """Everything a page drew, a line after another."""
    return " ".join(canvas.words)


def standing(game: Game, department: str) -> Standing:
    return next(s for s in standings(game) if s.id == department)


# --- own numbers ------------------------------------------------------------------------


def test_the_measure_and_own_number_are_those_of_the_snapshots(game: Game) -> None:
    for k, view in enumerate(game.snapshot().departments):
        scores = [game.snapshot(turn).departments[k].score for turn in range(1, game.turn + 1)]
        found = standing(game, view.id)
        assert found.own == pytest.approx(sum(scores) / len(scores))
        assert found.measures[-1][1] == view.measure
    assert standing(game, "d0").measures == ((1, "throughput"),)
    assert standing(game, "d1").measures == ((1, "throughput"), (3, "right_first_time"))
    assert standing(game, "d1").measure == "throughput, then right first time from turn 3"


def test_the_own_numbers_page_shows_each_measure_and_own_number(game: Game) -> None:
    canvas, area = page((1024, 768))
    draw_numbers(canvas, area, game)
    drawn = words(canvas)
    for found in standings(game):
        assert own_words(found) in drawn
    assert "Throughput, then right first time from turn 3: " in drawn


def test_a_department_good_on_its_own_number_yet_harmful_is_called_out() -> None:
    harmful = Standing("d0", "Intake", 100, 0.9, HARMFUL, {}, ((1, "throughput"),), GOOD)
    assert harmful.flagged
    assert harmful.verdict()[2] == "Looked good on its own number, yet started 20% of the harm"
    low = Standing("d0", "Intake", 100, 0.9, 0.4, {}, ((1, "throughput"),), GOOD - 0.1)
    assert not low.flagged and "its own number was low too" in low.verdict()[2]


# --- root causes ----------------------------------------------------------------------


def test_a_fixed_problem_shows_the_turn_it_was_gone_from(game: Game) -> None:
    causes = {cause.id: cause for cause in root_causes(game)}
    photos, chasing = causes["photos"], causes["chasing"]
    view = next(p for p in game.snapshot().departments[0].problems if p.id == "photos")
    assert view.fixed and photos.fixed == view.fixing == 4
    assert (photos.found, photos.how, photos.fate()) == (1, "visited", "fixed")
    assert photos.active == (1, 2, 3), "it made defects every turn until it was gone"
    assert (photos.found_words(), photos.fixed_words()) == ("turn 1, by a visit", "turn 4")
    assert photos.kept_coming_back() == "made defects for 3 turns before it was fixed"
    assert chasing.fate() == "still there" and chasing.recurring == game.turn
    assert chasing.firefought == (5,), "the blitz held it back once; it came back"
    assert chasing.kept_coming_back() == "ate time all 12 turns; firefought on turn 5; it came back"


def test_a_problem_never_found_is_revealed_as_such(game: Game) -> None:
    view = next(p for p in game.snapshot().departments[2].problems if p.id == "typos")
    assert not view.known, "the trace found the quiet problem: make it quieter"
    typos = next(cause for cause in root_causes(game) if cause.id == "typos")
    assert (typos.found, typos.fate(), typos.recurring) == (0, "never found", game.turn)
    assert typos.found_words() == "never found"
    assert typos.kept_coming_back() == "made defects all 12 turns"


def test_the_root_causes_page_shows_found_fixed_and_never_found(game: Game) -> None:
    for size in ((1024, 768), (1920, 1080)):
        canvas, area = page(size)
        draw_causes(canvas, area, game)
        drawn = words(canvas)
        for name in ("Missing photos", "Chasing signatures", "Typos nobody mentions"):
            assert name in drawn
        assert "3 recurring problems: 2 found, 1 fixed, 1 never found." in drawn
        for said in ("turn 1, by a visit", "turn 4", "still there", "never found"):
            assert said in drawn
        assert "3 turns" in drawn and "all 12 turns" in drawn


# --- people and money -----------------------------------------------------------------


def leaving() -> Game:
    """A department so overworked that people leave it, more than once."""
    scenario = changed(
        chain(2, capacity=40, demand=60, turns=20),
        departments={0: {"morale": 0.2, "capacity": 20}},
    )
    played = Game(scenario)
    while not played.over:
        played.play_turn()
    return played


def test_who_left_is_read_turn_by_turn() -> None:
    game = leaving()
    turns = tuple(
        turn
        for turn in range(1, game.turn + 1)
        if game.snapshot(turn).departments[0].left > game.snapshot(turn - 1).departments[0].left
    )
    assert turns, "nobody left the overworked department"
    assert [(found.department, found.turns) for found in leavers(game)] == [("d0", turns)]
    canvas, area = page((1024, 768))
    draw_money(canvas, area, game)
    said = leavers(game)[0].words()
    assert said.startswith("Dept 0: people left on turn")
    assert said in words(canvas)


def test_the_money_chart_adds_up_to_the_games_money_total(game: Game) -> None:
    chart = money_chart(game)
    money = game.snapshot().money_total
    assert total(game) == money
    assert chart.turns == tuple(range(1, game.turn + 1))
    revenue, failure, lost = (sum(v or 0.0 for v in s.values) for s in chart.series)
    assert revenue == pytest.approx(money.revenue)
    assert failure == pytest.approx(money.failure)
    assert lost == pytest.approx(money.lost)
    notes = [s.note for s in chart.series]
    assert notes == [f"({number(v)} in all)" for v in (money.revenue, money.failure, money.lost)]
    revenues, failures = chart.series[0].values, chart.series[1].values
    for turn, (r, f) in enumerate(zip(revenues, failures, strict=True), start=1):
        assert (r, f) == (game.snapshot(turn).money.revenue, game.snapshot(turn).money.failure)


def test_the_money_page_shows_the_totals(game: Game) -> None:
    canvas, area = page((1024, 768))
    draw_money(canvas, area, game)
    drawn = words(canvas)
    money = game.snapshot().money_total
    for value in (money.revenue, money.failure, money.rework, money.result):
        assert number(value) in canvas.words
    assert "Money over 12 turns" in drawn and "Nobody left" in drawn


def test_before_the_first_turn_the_pages_say_so() -> None:
    game = Game(troubled())
    assert all(s.own is None for s in standings(game))
    assert all(c.fate() == "not found yet" and not c.active for c in root_causes(game))
    assert money_chart(game).blank and leavers(game) == []
    for draw in (draw_numbers, draw_causes, draw_money):
        canvas, area = page((1024, 768))
        draw(canvas, area, game)
        assert canvas.words
