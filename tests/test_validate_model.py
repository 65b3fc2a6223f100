"""`ripple validate` on the keys of the model's structure: recurring problems, measures, and
the effects that act on one department; and scenarios written before them."""

from __future__ import annotations

from tests.test_validate import CLAIMS, after, edit, only_problem, problems

INTAKE = "    quality: 0.95\n"


def test_problems_and_a_measure_are_understood() -> None:
    text = after(
        INTAKE,
        "    measure: handle_time\n"
        "    problems:\n"
        "      - {id: photos, name: Missing photos, defects: 0.03, delay: 0.1}\n",
    )
    assert problems(text) == []


def test_problems_that_make_more_defects_than_the_department() -> None:
    text = after(
        INTAKE,
        "    problems:\n"
        "      - {id: photos, name: Missing photos, defects: 0.04}\n"
        "      - {id: typing, name: Typed by hand, defects: 0.03}\n",
    )
    assert only_problem(text) == (
        10,
        7,
        "error",
        "department 1 (intake): problems: their defects add up to 0.07, more than the 0.05 "
        "this department makes in all (1 - quality); lower them, or lower quality",
    )


def test_a_problem_id_used_twice() -> None:
    text = after(
        INTAKE,
        "    problems:\n"
        "      - {id: photos, name: Missing photos, defects: 0.01}\n"
        "      - {id: photos, name: Typed by hand, defects: 0.01}\n",
    )
    line, _column, severity, message = only_problem(text)
    assert (line, severity) == (11, "error") and "the id 'photos' is used twice" in message


def test_an_unknown_measure_lists_the_measures() -> None:
    line, _, severity, message = only_problem(after(INTAKE, "    measure: speed\n"))
    assert (line, severity) == (9, "error")
    assert "throughput" in message and "right_first_time" in message


def test_a_fix_aimed_at_a_handoff_is_an_error() -> None:
    text = (
        CLAIMS
        + "interventions:\n"
        + "  - id: fix\n"
        + "    name: Fix it\n"
        + "    cost: 1\n"
        + "    target: handoff\n"
        + "    effects: {fix: true}\n"
    )
    _line, _, severity, message = only_problem(text)
    assert severity == "error" and "set target: department" in message


def test_an_event_cannot_fix_a_problem() -> None:
    text = (
        CLAIMS
        + "events:\n"
        + "  - id: audit\n"
        + "    name: Audit\n"
        + "    turn: 2\n"
        + "    target: intake\n"
        + "    effects: {fix: true}\n"
    )
    _, _, severity, message = only_problem(text)
    assert severity == "error" and "only a decision can fix a problem" in message


def test_a_scenario_written_before_problems_and_measures_still_loads() -> None:
    """No key of the old format changed: old files load, with a default problem each and
    throughput as their measure."""
    from ripple.engine import Game
    from ripple.scenario.load import load_text

    scenario = load_text(CLAIMS, "old.yaml")
    game = Game(scenario)
    intake = next(d for d in game.snapshot().departments if d.id == "intake")
    assert intake.measure == "throughput"
    assert [p.name for p in intake.problems] == ["Recurring mistakes"]
    assert intake.problems[0].defects == 0.5 * (1 - 0.95)


def test_a_step_that_asks_for_a_choice_the_menu_no_longer_has() -> None:
    """The standard menu lost 'Cut red tape': a guided game written for it is told so."""
    text = edit(
        "    demand: 30\n",
        "    demand: 30\n"
        "tutorial:\n"
        "  - title: Cut it\n"
        "    say: Cut the red tape.\n"
        "    until: choose\n"
        "    intervention: red_tape\n",
    )
    _line, _, severity, message = only_problem(text)
    assert severity == "error" and "red_tape" in message
