"""`ripple validate`: every way a scenario can be wrong, each at its exact line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from ripple.paths import DEFAULT_SCENARIO
from ripple.scenario import check
from ripple.scenario.load import check_file, check_text, load_text
from ripple.scenario.model import Scenario
from ripple.scenario.problems import Problem
from ripple.ui.measure import text_width

# The scenario of DESIGN.md, completed with the departments it refers to. Line numbers in
# the tests below count from this text: line 5 is "  - id: intake", line 18 "  - from: intake".
CLAIMS = """\
title: Claims Ripple
turns: 12
seed: 7
departments:
  - id: intake
    name: Claims Intake
    capacity: 40
    quality: 0.95
  - id: assessment
    name: Assessment
    capacity: 35
    quality: 0.9
  - id: payments
    name: Payments
    capacity: 35
    quality: 0.97
dependencies:
  - from: intake
    to: assessment
  - from: assessment
    to: payments
customers:
  - id: policyholders
    name: Policyholders
    enters_at: intake
    served_by: payments
    demand: 30
"""

LAST_DEPARTMENT = "    quality: 0.97\n"
LAST_DEPENDENCY = "    to: payments\n"


def edit(old: str, new: str, text: str = CLAIMS) -> str:
    """The scenario with `old` (which must appear exactly once) replaced by `new`."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def after(anchor: str, addition: str, text: str = CLAIMS) -> str:
    """The scenario with `addition` inserted after the one occurrence of `anchor`."""
    return edit(anchor, anchor + addition, text)


def problems(text: str) -> list[tuple[int, int, str, str]]:
    """(line, column, severity, message) of every problem in `text`."""
    found = check_text(text, "s.yaml", text_width)
    return [(p.line, p.column, p.severity, p.message) for p in found]


def only_problem(text: str) -> tuple[int, int, str, str]:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def test_the_core_keys_scenario_has_no_problems() -> None:
    assert problems(CLAIMS) == []
    scenario = load_text(CLAIMS)
    assert [d.id for d in scenario.departments] == ["intake", "assessment", "payments"]
    assert scenario.dependencies[0].supplier == "intake"


# YAML that cannot be read -----------------------------------------------------------------


def test_yaml_syntax_error_points_at_the_colon() -> None:
    line, column, severity, message = only_problem(edit("Claims Ripple", "Claims: Ripple"))
    assert (line, column, severity) == (1, 14, "error")
    assert "':' is not allowed here" in message and "quotes" in message


def test_bad_indentation_says_check_the_indentation() -> None:
    line, column, _, message = only_problem(edit("    name: Assessment", "   name: Assessment"))
    assert (line, column) == (10, 4)
    assert "check the indentation" in message


def test_unclosed_quote_points_where_it_opens() -> None:
    line, column, _, message = only_problem(edit("name: Payments", 'name: "Payments'))
    assert (line, column) == (14, 11)
    assert "never closed" in message


def test_tab_in_indentation() -> None:
    line, column, _, message = only_problem(
        edit("    name: Claims Intake", "\tname: Claims Intake")
    )
    assert (line, column) == (6, 1)
    assert "tab" in message and "spaces" in message


@pytest.mark.parametrize("text", ["", "\n\n", "# nothing yet\n", "---\n", "~\n"])
def test_empty_file(text: str) -> None:
    assert only_problem(text) == (
        1,
        1,
        "error",
        "the file is empty; a scenario needs at least title, turns, departments and customers",
    )


def test_top_level_list() -> None:
    line, column, _, message = only_problem("\n- title: x\n- turns: 3\n")
    assert (line, column) == (2, 1)
    assert "top level" in message and "not a list" in message


def test_top_level_single_value() -> None:
    line, column, _, message = only_problem("just some words\n")
    assert (line, column) == (1, 1)
    assert "top level" in message


def test_binary_file_points_at_the_zero_byte(tmp_path: Path) -> None:
    file = tmp_path / "picture.yaml"
    file.write_bytes(b"title: x\nab\0cd\n")
    [problem] = check_file(file)
    assert (problem.line, problem.column) == (2, 3)
    assert "not a text file" in problem.message


def test_bad_utf8_points_at_the_bad_byte(tmp_path: Path) -> None:
    file = tmp_path / "latin1.yaml"
    file.write_bytes("turns: 3\ntitle: café\n".encode("latin-1"))
    [problem] = check_file(file)
    assert (problem.line, problem.column) == (2, 11)
    assert "UTF-8" in problem.message


def test_control_character() -> None:
    line, column, _, message = only_problem(edit("Claims Ripple", "Claims\x07Ripple"))
    assert (line, column) == (1, 14)
    assert "#x0007" in message


def test_two_documents() -> None:
    line, column, _, message = only_problem(CLAIMS + "---\ntitle: Another\n")
    assert (line, column) == (28, 1)
    assert "one document" in message


# Safe YAML only -------------------------------------------------------------------------


def test_duplicate_key() -> None:
    assert only_problem(after("    capacity: 40\n", "    capacity: 50\n")) == (
        8,
        5,
        "error",
        "key 'capacity' appears twice (first at line 7)",
    )


def test_anchor_and_alias() -> None:
    text = edit("capacity: 35\n    quality: 0.9\n", "capacity: &usual 35\n    quality: 0.9\n")
    text = edit("capacity: 35\n    quality: 0.97", "capacity: *usual\n    quality: 0.97", text)
    message = "anchors and aliases (&name, *name) are not allowed in scenario files"
    assert problems(text) == [(11, 15, "error", message), (15, 15, "error", message)]


def test_python_tag() -> None:
    text = edit("name: Payments", "name: !!python/object/apply:os.system [echo]")
    line, column, _, message = only_problem(text)
    assert (line, column) == (14, 11)
    assert "'!!python/object/apply:os.system' is not allowed" in message


def test_custom_tag() -> None:
    line, column, _, message = only_problem(edit("demand: 30", "demand: !dozens 3"))
    assert (line, column) == (27, 13)
    assert "'!dozens' is not allowed" in message


def test_an_id_no_stays_the_string_no() -> None:
    text = edit("id: policyholders", "id: no")
    text = edit("name: Policyholders", "name: yes", text)
    assert problems(text) == []
    customer = load_text(text).customers[0]
    assert (customer.id, customer.name) == ("no", "yes")


def test_yes_and_on_are_text_so_a_number_field_says_so() -> None:
    line, column, _, message = only_problem(edit("quality: 0.95", "quality: yes"))
    assert (line, column) == (8, 14)
    assert message == "department 1 (intake): quality must be a number from 0 to 1, not 'yes'"


def test_leading_zero_is_decimal_and_hex_is_text() -> None:
    assert load_text(edit("turns: 12", "turns: 012")).turns == 12
    line, column, _, message = only_problem(edit("seed: 7", "seed: 0x1F"))
    assert (line, column) == (3, 7)
    assert "seed must be a whole number" in message and "'0x1F'" in message


def test_a_bom_is_accepted_silently(tmp_path: Path) -> None:
    file = tmp_path / "bom.yaml"
    file.write_bytes(b"\xef\xbb\xbf" + CLAIMS.encode())
    assert check_file(file) == []
    assert problems("\ufeff" + CLAIMS) == []


# Values that do not fit the model ---------------------------------------------------------


def test_missing_required_key_points_at_the_mapping() -> None:
    assert only_problem(edit("    served_by: payments\n", "")) == (
        23,
        5,
        "error",
        "customer 1 (policyholders) is missing 'served_by'",
    )


def test_missing_top_level_key() -> None:
    assert only_problem(edit("turns: 12\n", "")) == (
        1,
        1,
        "error",
        "the scenario is missing 'turns'",
    )


def test_misspelt_key_suggests_the_right_one() -> None:
    found = problems(edit("    capacity: 40\n", "    capcity: 40\n"))
    assert found == [
        (5, 5, "error", "department 1 (intake) is missing 'capacity'"),
        (
            7,
            5,
            "error",
            "unknown key 'capcity' in department 1 (intake); did you mean 'capacity'?",
        ),
    ]


def test_misspelt_top_level_key() -> None:
    line, column, _, message = only_problem(edit("seed: 7", "sead: 7"))
    assert (line, column) == (3, 1)
    assert message == "unknown key 'sead'; did you mean 'seed'?"


def test_wrong_type() -> None:
    assert only_problem(
        edit("capacity: 35\n    quality: 0.9\n", "capacity: forty\n    quality: 0.9\n")
    ) == (
        11,
        15,
        "error",
        "department 2 (assessment): capacity must be a number of 0 or more, not 'forty'",
    )


def test_number_out_of_range() -> None:
    line, column, _, message = only_problem(edit("quality: 0.95", "quality: 1.5"))
    assert (line, column) == (8, 14)
    assert message == "department 1 (intake): quality must be a number from 0 to 1, not 1.5"


def test_whole_number_out_of_range() -> None:
    assert only_problem(edit("turns: 12", "turns: 0")) == (
        2,
        8,
        "error",
        "turns must be a whole number from 1 to 10000, not 0",
    )


def test_a_number_over_the_top() -> None:
    line, column, _, message = only_problem(edit("demand: 30", "demand: 5000000"))
    assert (line, column) == (27, 13)
    assert "demand must be a number of at most 1000000, not 5000000" in message


def test_empty_value() -> None:
    line, column, _, message = only_problem(edit("capacity: 40", "capacity:"))
    assert (line, column) == (7, 14)
    assert message == "department 1 (intake): capacity is empty; it must be a number of 0 or more"


def test_a_number_where_text_is_expected_suggests_quotes() -> None:
    line, column, _, message = only_problem(edit("name: Payments", "name: 1984"))
    assert (line, column) == (14, 11)
    assert "name must be text" in message and "put it in quotes" in message


def test_an_id_with_a_space() -> None:
    line, column, _, message = only_problem(edit("id: policyholders", "id: policy holders"))
    assert (line, column) == (23, 9)
    assert "id must be a short name" in message and "'policy holders'" in message


def test_not_a_number_and_infinity() -> None:
    found = problems(edit("quality: 0.95", "quality: .nan", edit("demand: 30", "demand: .inf")))
    assert [(line, column) for line, column, _, _ in found] == [(8, 14), (27, 13)]
    assert "not .nan" in found[0][3] and "not .inf" in found[1][3]


def test_wrong_choice_suggests_the_right_one() -> None:
    text = CLAIMS + (
        "interventions:\n"
        "  - id: coach\n"
        "    name: Coach\n"
        "    cost: 1\n"
        "    target: departmnet\n"
        "    effects: {quality: 0.1}\n"
    )
    line, column, _, message = only_problem(text)
    assert (line, column) == (32, 13)
    assert message == (
        "intervention 1 (coach): target must be one of 'department', 'handoff' or "
        "'everyone', not 'departmnet'; did you mean 'department'?"
    )


def test_a_list_item_that_is_not_a_mapping() -> None:
    line, column, _, message = only_problem(after(LAST_DEPARTMENT, "  - legal\n"))
    assert (line, column) == (17, 5)
    assert message.startswith("department 4 must be keys such as id, name, capacity")


# References, ids and hand-offs ------------------------------------------------------------


def test_unknown_department_in_a_dependency() -> None:
    assert only_problem(edit("    to: assessment", "    to: asessment")) == (
        19,
        9,
        "error",
        "dependency 1 (intake -> asessment) points to 'asessment', which is not a "
        "department; did you mean 'assessment'?",
    )


def test_unknown_customer_reference() -> None:
    assert only_problem(edit("served_by: payments", "served_by: payment")) == (
        26,
        16,
        "error",
        "customer 1 (policyholders): served_by names 'payment', which is not a department; "
        "did you mean 'payments'?",
    )


def test_a_reference_to_an_invalid_department_is_not_reported_twice() -> None:
    found = problems(edit("capacity: 35\n    quality: 0.9\n", "capacity: lots\n    quality: 0.9\n"))
    assert [(line, column) for line, column, _, _ in found] == [(11, 15)]


def test_unknown_department_in_a_route() -> None:
    line, column, _, message = only_problem(
        after("    demand: 30\n", "    route: [intake, asesment, payments]\n")
    )
    assert (line, column) == (28, 21)
    assert message == (
        "customer 1 (policyholders): route step 2 names 'asesment', which is not a "
        "department; did you mean 'assessment'?"
    )


def test_route_that_is_not_a_chain_of_dependencies() -> None:
    line, column, _, message = only_problem(
        after("    demand: 30\n", "    route: [intake, payments]\n")
    )
    assert (line, column) == (28, 21)
    assert message == (
        "customer 1 (policyholders): route goes from 'intake' to 'payments', but there is "
        "no dependency from 'intake' to 'payments'"
    )


def test_route_that_does_not_start_where_the_customer_enters() -> None:
    line, column, _, message = only_problem(
        after("    demand: 30\n", "    route: [assessment, payments]\n")
    )
    assert (line, column) == (28, 13)
    assert "must start at enters_at 'intake', not 'assessment'" in message


def test_no_route_at_all_is_an_error() -> None:
    line, column, severity, message = only_problem(
        edit("  - from: assessment\n    to: payments\n", "  - from: payments\n    to: assessment\n")
    )
    assert (line, column, severity) == (26, 16, "error")
    assert "no chain of dependencies leads from 'intake' to 'payments'" in message


def test_duplicate_id() -> None:
    text = after(
        LAST_DEPARTMENT, "  - id: intake\n    name: Again\n    capacity: 1\n    quality: 1\n"
    )
    assert only_problem(text) == (
        17,
        9,
        "error",
        "department 4 (intake): the id 'intake' is already used by department 1 at line 5",
    )


def test_self_dependency() -> None:
    line, column, _, message = only_problem(
        after(LAST_DEPENDENCY, "  - from: payments\n    to: payments\n")
    )
    assert (line, column) == (22, 5)
    assert message == (
        "dependency 3 (payments -> payments) goes from 'payments' to itself; a department "
        "cannot be its own internal customer"
    )


def test_duplicate_dependency() -> None:
    line, column, _, message = only_problem(
        after(LAST_DEPENDENCY, "  - from: intake\n    to: assessment\n    lag: 1\n")
    )
    assert (line, column) == (22, 5)
    assert message == (
        "dependency 3 (intake -> assessment) repeats dependency 1 at line 18: "
        "'assessment' already depends on 'intake'"
    )


def test_a_dependency_may_be_written_with_supplier_and_customer() -> None:
    text = edit(
        "  - from: intake\n    to: assessment", "  - supplier: intake\n    customer: asessment"
    )
    line, column, _, message = only_problem(text)
    assert (line, column) == (19, 15)
    assert "points to 'asessment'" in message


EVENT = """\
events:
  - id: outage
    name: System outage
    target: {target}
    effects: {{capacity: -0.5}}
"""


def with_event(target: str = "payments", extra: str = "    turn: 3\n") -> str:
    return CLAIMS + EVENT.format(target=target) + extra


def test_event_with_both_turn_and_chance() -> None:
    line, column, _, message = only_problem(with_event(extra="    turn: 3\n    chance: 0.1\n"))
    assert (line, column) == (34, 13)
    assert message.startswith("event 1 (outage) has both turn and chance")


def test_event_with_neither_turn_nor_chance() -> None:
    line, column, _, message = only_problem(with_event(extra=""))
    assert (line, column) == (29, 5)
    assert message == (
        "event 1 (outage) needs turn (for a scripted event) or chance (for a random one)"
    )


@pytest.mark.parametrize(
    "target", ["payments", "policyholders", "everyone", "intake -> assessment", "'a->b'"]
)
def test_event_targets(target: str) -> None:
    text = with_event(target)
    if target == "'a->b'":
        text = edit("id: intake", "id: a", edit("id: assessment", "id: b", text))
        text = text.replace("intake", "a").replace("assessment", "b")
    assert problems(text) == []


def test_bad_event_target() -> None:
    line, column, _, message = only_problem(with_event("paymnets"))
    assert (line, column) == (31, 13)
    assert message == (
        "event 1 (outage): target is 'paymnets', which is not a department, a customer, a "
        "hand-off 'a -> b' or 'everyone'; did you mean 'payments'?"
    )


def test_event_target_hand_off_that_does_not_exist() -> None:
    line, column, _, message = only_problem(with_event("'payments -> intake'"))
    assert (line, column) == (31, 13)
    assert "there is no dependency from 'payments' to 'intake'" in message


INTERVENTION = """\
interventions:
  - id: coach
    name: Coach
    cost: 1
    target: {target}
    only: {only}
    effects: {{quality: 0.1}}
"""


def with_intervention(target: str, only: str) -> str:
    return CLAIMS + INTERVENTION.format(target=target, only=only)


def test_only_lists_departments_that_exist() -> None:
    found = problems(with_intervention("department", "[intake, legl, 'intake -> assessment']"))
    assert [(line, column) for line, column, _, _ in found] == [(33, 20), (33, 26)]
    assert found[0][3] == (
        "intervention 1 (coach): only entry 2 names 'legl', which is not a department"
    )
    assert "is a hand-off, but this intervention's target is 'department'" in found[1][3]


def test_only_lists_hand_offs_that_exist() -> None:
    found = problems(
        with_intervention("handoff", "['intake -> assessment', 'intake -> payments', x]")
    )
    assert [(line, column) for line, column, _, _ in found] == [(33, 36), (33, 58)]
    assert "no dependency from 'intake' to 'payments'" in found[0][3]
    assert "'x' is not a hand-off; write it as 'supplier -> customer'" in found[1][3]


def test_only_has_no_meaning_for_everyone() -> None:
    line, column, _, message = only_problem(with_intervention("everyone", "[intake]"))
    assert (line, column) == (33, 11)
    assert "'only' has no meaning when target is 'everyone'" in message


def test_schedule_turn_twice() -> None:
    schedule = "    schedule:\n      - {turn: 4, demand: 40}\n      - {turn: 4, demand: 50}\n"
    line, column, _, message = only_problem(after("    demand: 30\n", schedule))
    assert (line, column) == (30, 16)
    assert message == (
        "customer 1 (policyholders): schedule entry 2: turn: turn 4 is in the schedule twice"
    )


def test_list_items_are_counted_from_one_and_keys_inside_them_are_dotted() -> None:
    text = after("    quality: 0.95\n", "    position: [0.5, high]\n")
    text = after(
        "    demand: 30\n",
        "    complaint_chance: {late: 2}\n    schedule:\n      - {turn: 3, demand: x}\n",
        text,
    )
    text += "debrief:\n  - Why?\n  - 3\n"
    assert [(line, column, message) for line, column, _, message in problems(text)] == [
        (9, 21, "department 1 (intake): position entry 2 must be a number, not 'high'"),
        (
            29,
            30,
            "customer 1 (policyholders): complaint_chance.late must be a number from 0 to 1, not 2",
        ),
        (
            31,
            27,
            "customer 1 (policyholders): schedule entry 1: demand must be a number of 0 or "
            "more, not 'x'",
        ),
        (
            34,
            5,
            "debrief question 2 must be text of 0 to 2000 characters, not 3; put it in quotes "
            "to use it as text",
        ),
    ]


# Warnings ---------------------------------------------------------------------------------


def warnings_in(text: str) -> list[tuple[int, int, str]]:
    found = problems(text)
    assert all(severity == "warning" for _, _, severity, _ in found), found
    return [(line, column, message) for line, column, _, message in found]


def test_a_department_that_is_not_connected() -> None:
    legal = "  - id: legal\n    name: Legal\n    capacity: 5\n    quality: 0.99\n"
    assert warnings_in(after(LAST_DEPARTMENT, legal)) == [
        (17, 9, "'legal' is not connected: nobody depends on it and it serves no customer")
    ]


def test_a_loop_with_no_way_out() -> None:
    review = "  - id: review\n    name: Review\n    capacity: 5\n    quality: 0.99\n"
    legal = "  - id: legal\n    name: Legal\n    capacity: 5\n    quality: 0.99\n"
    loop = "  - {from: review, to: legal}\n  - {from: legal, to: review}\n"
    text = after(LAST_DEPENDENCY, loop, after(LAST_DEPARTMENT, review + legal))
    assert warnings_in(text) == [
        (
            17,
            9,
            "'review' and 'legal' form a loop that leads to no customer: work that enters it "
            "never leaves",
        )
    ]


def test_a_loop_that_leads_to_a_customer_is_fine() -> None:
    assert problems(after(LAST_DEPENDENCY, "  - {from: assessment, to: intake}\n")) == []


def test_a_promise_shorter_than_the_fastest_time() -> None:
    text = after("    demand: 30\n", "    promise: 2\n")
    assert warnings_in(text) == [
        (
            28,
            14,
            "customer 1 (policyholders): the promise of 2 turns is shorter than the fastest "
            "possible time along its route (3 turns); every item will be late",
        )
    ]


def test_a_promise_counts_hand_off_lags() -> None:
    text = after(
        "    to: payments\n", "    lag: 2\n", after("    demand: 30\n", "    promise: 4\n")
    )
    assert "(5 turns)" in warnings_in(text)[0][2]


def test_an_event_after_the_last_turn() -> None:
    assert warnings_in(with_event(extra="    turn: 13\n")) == [
        (33, 11, "event 1 (outage): turn: turn 13 never comes; the game ends after 12 turns")
    ]


# Warnings about what would spoil a session ------------------------------------------------


def test_a_department_far_short_of_the_work_arriving() -> None:
    text = edit("capacity: 35\n    quality: 0.9\n", "capacity: 20\n    quality: 0.9\n")
    assert warnings_in(text) == [
        (
            11,
            15,
            "'Assessment' can finish 20 items a turn but about 30 arrive (Policyholders 30): "
            "its queue will grow every turn",
        )
    ]


def test_capacity_counts_every_customer_on_the_route_at_its_highest_scheduled_demand() -> None:
    fleets = (
        "  - id: fleets\n    name: Fleet Managers\n    enters_at: intake\n"
        "    served_by: payments\n    demand: 8\n"
    )
    text = edit("capacity: 35\n    quality: 0.9\n", "capacity: 20\n    quality: 0.9\n")
    schedule = "    demand: 20\n    schedule: [{turn: 4, demand: 28}, {turn: 6, demand: 24}]\n"
    text = edit("    demand: 30\n", schedule, text)
    text = edit("seed: 7\n", "seed: 7\nitem: {one: claim, many: claims}\n", text) + fleets
    assert warnings_in(text) == [
        (
            12,
            15,
            "'Assessment' can finish 20 claims a turn but about 36 arrive (Policyholders 28, "
            "Fleet Managers 8): its queue will grow every turn",
        )
    ]


def test_capacity_ignores_demand_scheduled_after_the_end() -> None:
    text = after("    demand: 30\n", "    schedule: [{turn: 13, demand: 90}]\n")
    assert [message for _, _, message in warnings_in(text)] == [
        "customer 1 (policyholders): schedule entry 1: turn: turn 13 never comes; the game "
        "ends after 12 turns"
    ]


def test_capacity_of_four_fifths_of_the_demand_is_enough() -> None:
    assert (
        problems(edit("capacity: 35\n    quality: 0.9\n", "capacity: 24\n    quality: 0.9\n")) == []
    )


def test_an_intervention_that_costs_more_than_the_budget() -> None:
    text = CLAIMS + INTERVENTION.format(target="department", only="[intake]").replace(
        "cost: 1", "cost: 5"
    )
    assert warnings_in(text) == [
        (
            31,
            11,
            "intervention 1 (coach) costs 5 but the budget is 3 a turn, so nobody can ever "
            "choose it; lower its cost to 3 or less, or raise budget to 5",
        )
    ]
    assert problems(edit("seed: 7\n", "seed: 7\nbudget: 5\n", text)) == []


def test_a_standard_menu_choice_the_budget_can_never_pay_for() -> None:
    """The standard menu is not written in the file: the warning points at the budget."""
    text = edit("seed: 7\n", "seed: 7\nbudget: 1\n")
    found = warnings_in(text)
    assert found and all((line, column) == (4, 9) for line, column, _ in found)
    assert found[0][2] == (
        "the standard menu's 'Fix a root cause' costs 2 but the budget is 1 a turn, so nobody "
        "can ever choose it; raise budget to 2, or write your own interventions"
    )
    assert str(check_text(text, "s.yaml")[0]).startswith("s.yaml:4:9: warning: ")


def test_every_standard_menu_choice_fits_the_default_budget_and_the_screen() -> None:
    from ripple.scenario.menu import STANDARD_MENU

    budget = Scenario.model_fields["budget"].default
    assert STANDARD_MENU and all(i.cost <= budget for i in STANDARD_MENU)
    assert check_text(edit("seed: 7\n", "seed: 7\nbudget: 3\n")) == []


def test_the_starter_scenario_validates_clean_and_every_choice_is_affordable(
    tmp_path: Path,
) -> None:
    from ripple.commands.new import starter_text
    from ripple.scenario.menu import STANDARD_MENU

    path = tmp_path / "mine.yaml"
    path.write_text(starter_text(path), encoding="utf-8")
    assert check_file(path) == []
    budget = load_text(path.read_text(encoding="utf-8")).budget
    assert STANDARD_MENU and all(i.cost <= budget for i in STANDARD_MENU)


def test_a_department_name_too_long_for_the_smallest_screen() -> None:
    text = edit("name: Claims Intake", "name: Customer Experience and Complaints")
    assert warnings_in(text) == [
        (
            6,
            11,
            "'Customer Experience and Complaints' is too long to show in full at 1024x768; "
            "keep it under about 16 characters",
        )
    ]


def test_customer_and_intervention_names_too_long_for_the_smallest_screen() -> None:
    text = edit("name: Policyholders", "name: Fleet Managers and Business Customers")
    text += INTERVENTION.format(target="department", only="[intake]").replace(
        "name: Coach", "name: Send a senior manager to cut red tape"
    )
    assert warnings_in(text) == [
        (
            24,
            11,
            "'Fleet Managers and Business Customers' is too long to show in full at 1024x768; "
            "keep it under about 17 characters",
        ),
        (
            30,
            11,
            "'Send a senior manager to cut red tape' is too long to show in full at 1024x768; "
            "keep it under about 23 characters",
        ),
    ]


def test_names_are_counted_in_characters_without_a_measure() -> None:
    text = edit("name: Claims Intake", "name: Customer Experience and Complaints")
    found = [(p.line, p.column, p.message) for p in check_text(text, "s.yaml")]
    assert found == [
        (
            6,
            11,
            "'Customer Experience and Complaints' is too long to show in full at 1024x768; "
            "keep it under about 17 characters",
        )
    ]
    assert check_text(edit("name: Claims Intake", "name: Claims Intake Hub")) == []


def test_the_rooms_for_names_are_those_of_the_play_screen_at_1024x768(app: object) -> None:
    """The limits in ROOMS, measured again on the screen itself: a change of layout that
    gives names less room shows up here."""
    from ripple.ui.app import App
    from ripple.ui.scenes.choose import start_game
    from ripple.ui.scenes.play import PlayScene

    assert isinstance(app, App)
    assert start_game(app, DEFAULT_SCENARIO) == []
    app.step(1 / 60)
    scene = app.top
    assert isinstance(scene, PlayScene)
    unit, rooms = scene.theme.unit, check.ROOMS
    assert (app.screen.get_size(), unit) == ((1024, 768), 17)
    pad = max(4, unit // 3)
    boxes, rows, choices = scene.graph.nodes, scene.graph.customers, scene.menu.rects
    assert boxes and rows and choices, "nothing on the play screen to measure"
    assert all(box.width - 2 * pad >= rooms["departments"].width for box in boxes.values())
    for row in rows.values():
        radius = min(row.height // 2 - 2, round(unit * 0.7))
        assert row.width - (2 + 2 * radius + unit // 3) == rooms["customers"].width
    for row in choices.values():
        assert row.width - 3 * (unit // 2) == rooms["interventions"].width
    name = "Fleet Managers and Business Customers"
    [warning] = check_text(edit("name: Policyholders", f"name: {name}"), measure=text_width)
    fitting = int(warning.message.split("about ")[1].split()[0])
    room = rooms["customers"].width
    assert scene.theme.fit(name[:fitting], room, 0.8, "bold") == name[:fitting]
    assert scene.theme.fit(name[: fitting + 1], room, 0.8, "bold").endswith("…")


def test_the_shipped_scenario_has_no_warnings() -> None:
    assert check_file(DEFAULT_SCENARIO, text_width) == []


# Everything at once -----------------------------------------------------------------------


def test_every_problem_at_once_in_line_order() -> None:
    text = edit("seed: 7", "sead: 7")
    text = edit("quality: 0.95", "quality: 2", text)
    text = edit("    to: assessment", "    to: asessment", text)
    text = edit("served_by: payments", "served_by: payment", text)
    found = check_text(text, "claims.yaml")
    assert [(p.line, p.column) for p in found] == [(3, 1), (8, 14), (19, 9), (26, 16)]
    assert found == sorted(found)
    assert str(found[0]) == "claims.yaml:3:1: error: unknown key 'sead'; did you mean 'seed'?"


def test_problems_are_problems() -> None:
    found = check_text(edit("turns: 12", "turns: -1"))
    assert found, "a negative number of turns must give a problem"
    assert all(isinstance(p, Problem) for p in found)
