"""A self-paced learner's reflection and culture read-out: worked out from the game's own
numbers, kept in the save with their note, and drawn so that every word fits."""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pygame
import pytest

from ripple.engine import Decision, Game
from ripple.paths import DEFAULT_SCENARIO
from ripple.play.save import SavedGame, SaveError, read_save, save_of, write_save
from ripple.report.culture import LEVELS, culture
from ripple.report.facts import looked_after
from ripple.report.learner import QUESTIONS, reflection
from ripple.report.record import play_out
from ripple.scenario.load import load_scenario
from ripple.scenario.model import Scenario
from ripple.ui.draw.charts import Canvas
from ripple.ui.scenes.debrief_culture import draw_culture
from ripple.ui.scenes.debrief_learner import PROMPT, draw_reflection
from ripple.ui.theme import Theme
from tests.factory import chain


def organisation(**changes: Any) -> Scenario:
    """Intake hands claims to a left and a right desk, both hand on to Payout, which serves
    cars (through the left desk) and vans (through the right); complaints go to Care."""
    departments = [
        ("intake", "Intake"),
        ("left", "Left Desk"),
        ("right", "Right Desk"),
        ("out", "Payout"),
        ("care", "Care"),
    ]
    data: dict[str, Any] = {
        "title": "Fork",
        "turns": 8,
        "seed": 3,
        "departments": [
            {"id": d, "name": name, "capacity": 60, "quality": 0.95} for d, name in departments
        ],
        "dependencies": [
            {"from": "intake", "to": "left"},
            {"from": "intake", "to": "right"},
            {"from": "left", "to": "out"},
            {"from": "right", "to": "out"},
        ],
        "customers": [
            {
                "id": id_,
                "name": name,
                "enters_at": "intake",
                "served_by": "out",
                "route": ["intake", desk, "out"],
                "demand": 10,
                "complaints_to": "care",
            }
            for id_, name, desk in (("cars", "Car Owners", "left"), ("vans", "Van Fleets", "right"))
        ],
    }
    data.update(changes)
    return Scenario.model_validate(data)


def play(scenario: Scenario, *turns: Sequence[Decision], more: int = 0) -> Game:
    """A game of `scenario` with these decisions, one list per turn, then `more` idle turns."""
    game = Game(scenario)
    for chosen in turns:
        game.play_turn(chosen)
    for _ in range(more):
        game.play_turn(())
    return game


def answers(game: Game, department: str) -> dict[str, str]:
    """Each question's answer for `department`."""
    return {a.question: a.answer for a in reflection(game, department)}


# --- the culture read-out ----------------------------------------------------------


def test_talks_on_hand_offs_across_the_organisation_read_level_3() -> None:
    talks = [Decision("talk", "intake->left"), Decision("talk", "left->out")]
    talks.append(Decision("talk", "right->out"))
    read = culture(play(organisation(), *[talks] * 4))
    assert (read.level, read.name, read.meaning) == (3, *LEVELS[2])
    assert read.shares == {"front line": 0.0, "departments": 0.0, "hand-offs": 1.0}
    assert "12 of 12 went to hand-offs (3 different hand-offs)" in read.evidence


def test_spending_only_on_the_complaints_desk_reads_level_1() -> None:
    desk = [Decision("train", "care"), Decision("thank", "care")]
    read = culture(play(organisation(), *[desk] * 3))
    assert (read.level, read.name) == (1, LEVELS[0][0])
    assert read.shares["front line"] == 1.0
    assert any(
        line.startswith("Care got 9 points: complaints handling, the front line")
        for line in read.evidence
    )


def test_investing_beyond_the_front_line_on_each_department_reads_level_2() -> None:
    own = [Decision("train", "left"), Decision("thank", "right")]
    read = culture(play(organisation(), *[own] * 3))
    assert read.level == 2
    assert read.shares["departments"] == 1.0
    assert "9 of 9 went to departments beyond the front line (Left Desk and Right Desk)" in (
        read.evidence
    )


def test_hand_offs_need_spreading_to_reach_level_3() -> None:
    read = culture(play(organisation(), *[[Decision("talk", "intake->left")]] * 4))
    assert read.shares["hand-offs"] == 1.0
    assert read.level == 2


def test_a_game_with_no_decisions_is_level_1_with_nothing_invested() -> None:
    read = culture(play(organisation(), more=3))
    assert read.level == 1
    assert read.evidence == ("Nothing was invested: no budget was spent in 3 turns.",)
    assert set(read.shares.values()) == {0.0}


# --- who the learner looked after --------------------------------------------------


def test_looked_after_is_where_the_budget_went_biggest_first() -> None:
    turn = [Decision("train", "right"), Decision("talk", "intake->left")]
    game = play(organisation(), *[turn] * 4)
    assert looked_after(game) == ("right", "intake")
    assert looked_after(game, ("care", "nowhere")) == ("care",)


def test_with_nothing_aimed_the_department_that_started_most_harm_is_looked_after() -> None:
    sloppy = organisation()
    data = sloppy.model_dump(by_alias=True, exclude_unset=True)
    data["departments"][2]["quality"] = 0.5
    game = play(Scenario.model_validate(data), more=8)
    assert looked_after(game) == ("right",)


# --- the four answers --------------------------------------------------------------


def test_the_answers_come_in_the_order_of_the_questions() -> None:
    game = play(organisation(), more=4)
    assert tuple(a.question for a in reflection(game, "intake")) == QUESTIONS
    with pytest.raises(ValueError, match="no department called 'nobody'"):
        reflection(game, "nobody")


def test_reflection_names_the_internal_customers_and_their_real_ratings() -> None:
    game = play(organisation(), more=6)
    said = answers(game, "intake")
    handed = {
        h.customer: sum(
            v.handed
            for t in range(game.turn + 1)
            for v in game.snapshot(t).handoffs
            if (v.supplier, v.customer) == ("intake", h.customer)
        )
        for h in game.snapshot().handoffs
        if h.supplier == "intake"
    }
    who = said[QUESTIONS[0]]
    assert "Left Desk" in who and "Right Desk" in who and "Payout" not in who
    assert f"{handed['left']} " in who and f"{handed['right']} " in who
    assert "Car Owners and Van Fleets" in who
    rating = said[QUESTIONS[3]]
    for view in game.snapshot().handoffs:
        if view.supplier == "intake":
            assert f"{view.satisfaction:.0%}" in rating


def test_the_last_in_line_answers_with_the_external_customers_it_serves() -> None:
    said = answers(play(organisation(), more=6), "out")
    assert said[QUESTIONS[0]].startswith("Payout hands no work on to a colleague")
    assert "Car Owners and Van Fleets (it delivers to them)" in said[QUESTIONS[0]]


def test_busy_but_poorly_rated_looks_good_only_on_its_own_numbers() -> None:
    sloppy = chain(2, capacity=20, demand=20, turns=10)
    data = sloppy.model_dump(by_alias=True, exclude_unset=True)
    data["departments"][0]["quality"] = 0.2
    game = play(Scenario.model_validate(data), more=10)
    rating = answers(game, "d0")[QUESTIONS[3]]
    assert "looks good on its own numbers" in rating
    assert game.snapshot().handoffs[0].satisfaction < 0.7
    careful = play(chain(2, capacity=20, demand=20, turns=10), more=10)
    assert "looks good on its own numbers" not in answers(careful, "d0")[QUESTIONS[3]]


def test_defects_handed_on_say_the_customer_needs_work_right_first_time() -> None:
    sloppy = chain(2, capacity=100, demand=20, turns=8)
    data = sloppy.model_dump(by_alias=True, exclude_unset=True)
    data["departments"][0]["quality"] = 0.5
    needs = answers(play(Scenario.model_validate(data), more=8), "d0")[QUESTIONS[1]]
    assert needs.startswith("Dept 1 needed items right first time")
    assert "reached People" in needs


def test_two_way_communication_is_told_by_its_effect_not_its_name() -> None:
    menu = [
        {
            "id": "huddle",
            "name": "Huddle",
            "cost": 1,
            "target": "handoff",
            "effects": {"communication": 0.3},
        },
        {"id": "talk", "name": "Memo", "cost": 1, "target": "handoff", "effects": {"lag": 1}},
    ]
    scenario = chain(2, turns=6, interventions=menu)
    memo = play(scenario, [Decision("talk", "d0->d1")], more=3)
    assert answers(memo, "d0")[QUESTIONS[2]].startswith("No: you never chose to talk")
    huddle = play(scenario, [Decision("huddle", "d0->d1")], more=3)
    talked = answers(huddle, "d0")[QUESTIONS[2]]
    now = huddle.snapshot().handoffs[0].communication
    assert talked.startswith("Yes: you chose two-way talks with Dept 1")
    assert f"went from 50% to {now:.0%}" in talked and now > 0.5


def test_the_choices_that_opened_a_hand_off_are_named_as_the_culture_page_counts_them() -> None:
    menu = [
        {
            "id": "huddle",
            "name": "Huddle",
            "cost": 1,
            "target": "handoff",
            "effects": {"communication": 0.2},
        },
        {
            "id": "cut",
            "name": "Cut red tape",
            "cost": 1,
            "target": "handoff",
            "effects": {"communication": 0.1, "lag": -1},
        },
    ]
    scenario = chain(2, turns=6, interventions=menu)
    huddle, cut = Decision("huddle", "d0->d1"), Decision("cut", "d0->d1")
    game = play(scenario, [huddle], [huddle, cut], more=2)
    [answer] = [a for a in reflection(game, "d0") if a.question == QUESTIONS[2]]
    said = " ".join(answer.evidence)
    assert "Huddle ×2, Cut red tape ×1, first in turn 1" in said, said
    assert "talks" not in said


# --- the note in the save ----------------------------------------------------------


def saved_game(note: str = "") -> SavedGame:
    game = play(organisation(), more=2)
    return SavedGame("fork.yaml", "", game.seed, game.turns, tuple(game.decisions), note=note)


def test_the_note_round_trips_through_a_save(tmp_path: Path) -> None:
    note = "Talk with the left desk before pushing for throughput.\nThank Care."
    write_save(saved_game(note), tmp_path / "game.json")
    assert read_save(tmp_path / "game.json").note == note


def test_an_empty_note_is_left_out_of_the_file(tmp_path: Path) -> None:
    write_save(saved_game(), tmp_path / "game.json")
    assert "note" not in json.loads((tmp_path / "game.json").read_text(encoding="utf-8"))
    assert read_save(tmp_path / "game.json").note == ""


def test_a_note_that_is_not_text_is_refused(tmp_path: Path) -> None:
    data = saved_game().as_dict() | {"note": ["not", "text"]}
    (tmp_path / "game.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError, match="'note' must be text"):
        read_save(tmp_path / "game.json")


def test_save_of_a_game_starts_with_no_note() -> None:
    game = play(organisation(), more=1)
    assert save_of(game, "fork.yaml", "").note == ""


# --- the pages ---------------------------------------------------------------------


class Recording(Canvas):
    """A canvas that also keeps the words drawn."""

    def __init__(self, surface: pygame.Surface, theme: Theme) -> None:
        super().__init__(surface, theme)
        self.words: list[str] = []

    def text(self, text: str, pos: tuple[int, int], **style: Any) -> pygame.Rect:
        self.words.append(text)
        return super().text(text, pos, **style)


@pytest.fixture(scope="module")
def claims() -> dict[str, Game]:
    scenario = load_scenario(DEFAULT_SCENARIO)
    games = {}
    for policy in ("customer", "silo"):
        games[policy] = Game(scenario)
        play_out(games[policy], policy)
    games["unplayed"] = Game(scenario)
    return games


def page(size: tuple[int, int]) -> tuple[Recording, pygame.Rect]:
    """A canvas of `size` and the debrief's content area on it."""
    pygame.font.init()
    theme = Theme(size[1])
    unit = theme.unit
    top = round(unit * 2.6) + round(unit * 2.2) + unit // 2
    area = pygame.Rect(unit, top, size[0] - 2 * unit, size[1] - round(unit * 1.8) - top - unit // 2)
    return Recording(pygame.Surface(size), theme), area


def assert_fits(canvas: Canvas, area: pygame.Rect) -> None:
    """Every text lies inside `area` and no two overlap."""
    assert canvas.texts
    outside = [r for r in canvas.texts if not area.contains(r)]
    assert not outside, f"text leaves the page at {outside[:3]}"
    touching = [(a, b) for a, b in itertools.combinations(canvas.texts, 2) if a.colliderect(b)]
    assert not touching, f"texts overlap at {touching[:3]}"


SIZES = [(1024, 768), (1920, 1080)]


@pytest.mark.parametrize("size", SIZES, ids=["1024x768", "1920x1080"])
@pytest.mark.parametrize("policy", ["customer", "silo", "unplayed"])
def test_the_reflection_page_fits_with_one_or_two_departments(
    claims: dict[str, Game], size: tuple[int, int], policy: str
) -> None:
    game = claims[policy]
    for departments in (("intake",), ("intake", "assessment"), ()):
        canvas, area = page(size)
        box = draw_reflection(canvas, area, game, departments, "", False)
        assert area.contains(box) and box.bottom == area.bottom
        assert_fits(canvas, area)
        assert any(PROMPT.startswith(w.rstrip("…")) for w in canvas.words)
        assert any(w.startswith("Looking back as Claims Intake") for w in canvas.words)


@pytest.mark.parametrize("size", SIZES, ids=["1024x768", "1920x1080"])
def test_the_note_box_shows_the_end_of_the_note_and_a_cursor_while_typing(
    claims: dict[str, Game], size: tuple[int, int]
) -> None:
    canvas, area = page(size)
    note = "I will talk with Assessment every turn. " * 12 + "Then thank Care"
    box = draw_reflection(canvas, area, claims["customer"], (), note, True)
    inside = [w for w, r in zip(canvas.words, canvas.texts, strict=True) if box.contains(r)]
    assert inside[-1].endswith("Then thank Care|")
    assert_fits(canvas, area)


@pytest.mark.parametrize("size", SIZES, ids=["1024x768", "1920x1080"])
@pytest.mark.parametrize("policy", ["customer", "silo", "unplayed"])
def test_the_culture_page_marks_the_level_played(
    claims: dict[str, Game], size: tuple[int, int], policy: str
) -> None:
    canvas, area = page(size)
    draw_culture(canvas, area, claims[policy])
    assert_fits(canvas, area)
    assert canvas.words.count("▶ You played here") == 1
    level = culture(claims[policy]).level
    assert any(w.startswith(f"Your culture read-out: level {level} of 3") for w in canvas.words)
    for name, _ in LEVELS:
        assert name in canvas.words
