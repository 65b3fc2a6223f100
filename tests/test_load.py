"""Loading scenario files: the public API, YAML 1.2 values, and no traceback for any input."""

from __future__ import annotations

import hashlib
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ripple.scenario import yamlsafe
from ripple.scenario.load import (
    MAX_BYTES,
    UNCHECKED_MESSAGE,
    check_file,
    check_text,
    load_scenario,
    load_text,
    scenario_hash,
)
from ripple.scenario.model import Scenario
from ripple.scenario.problems import Problem, ScenarioError
from ripple.scenario.yamlsafe import read_yaml
from ripple.ui.measure import text_width
from tests.test_validate import CLAIMS, edit

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


def values(text: str) -> object:
    document, problems = read_yaml(text, "v.yaml")
    assert problems == []
    assert document is not None
    return document.data


# The API ----------------------------------------------------------------------------------


def test_load_scenario_reads_a_file(tmp_path: Path) -> None:
    file = tmp_path / "claims.yaml"
    file.write_text(CLAIMS, encoding="utf-8")
    scenario = load_scenario(file)
    assert isinstance(scenario, Scenario)
    assert scenario == load_scenario(str(file)) == load_text(CLAIMS)
    assert check_file(file, text_width) == check_file(str(file), text_width) == []


def test_load_scenario_raises_every_error_and_no_warning(tmp_path: Path) -> None:
    text = edit("served_by: payments", "served_by: payment", edit("turns: 12", "turns: 0"))
    text += "  - id: extra\n    name: Extra\n    enters_at: legal\n    served_by: legal\n"
    text += "    demand: 1\n"
    file = tmp_path / "broken.yaml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as raised:
        load_scenario(file)
    problems = raised.value.problems
    assert [(p.line, p.column) for p in problems] == [(2, 8), (26, 16), (30, 16), (31, 16)]
    assert all(p.severity == "error" for p in problems)
    assert str(raised.value).splitlines()[0] == (
        f"{file}:2:8: error: turns must be a whole number from 1 to 10000, not 0"
    )


def test_warnings_do_not_stop_a_scenario_from_loading() -> None:
    text = CLAIMS.replace("    demand: 30\n", "    demand: 30\n    promise: 1\n")
    [warning] = check_text(text)
    assert warning.severity == "warning"
    assert load_text(text).customers[0].promise == 1


def test_problem_reads_like_a_compiler_message() -> None:
    problem = Problem("claims.yaml", 3, 7, "error", "capacity must be a number")
    assert str(problem) == "claims.yaml:3:7: error: capacity must be a number"
    assert not Problem("a", 1, 1, "warning", "w").is_error


def test_check_text_names_the_text() -> None:
    [problem] = check_text("")
    assert problem.path == "<scenario>"
    [problem] = check_text("", "mine.yaml")
    assert str(problem).startswith("mine.yaml:1:1: error: the file is empty")


def test_scenario_hash_is_the_sha256_of_the_bytes(tmp_path: Path) -> None:
    file = tmp_path / "claims.yaml"
    file.write_bytes(CLAIMS.encode())
    assert scenario_hash(file) == hashlib.sha256(CLAIMS.encode()).hexdigest()


def test_a_missing_file(tmp_path: Path) -> None:
    [problem] = check_file(tmp_path / "nowhere.yaml")
    assert (problem.line, problem.column, problem.message) == (1, 1, "there is no such file")
    with pytest.raises(ScenarioError):
        load_scenario(tmp_path / "nowhere.yaml")


def test_a_path_no_file_can_have() -> None:
    [problem] = check_file("bad\0name.yaml")
    assert "cannot be read" in problem.message


def test_a_folder(tmp_path: Path) -> None:
    [problem] = check_file(tmp_path)
    assert "folder" in problem.message


def test_a_huge_file_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "huge.yaml"
    file.write_bytes(b"# padding\n" * (MAX_BYTES // 10 + 1))
    [problem] = check_file(file)
    assert "larger than 2 MB" in problem.message


def test_shipped_scenarios_have_no_errors() -> None:
    for file in sorted(SCENARIOS.glob("*.yaml")):
        errors = [p for p in check_file(file) if p.is_error]
        assert errors == [], "\n".join(map(str, errors))


# YAML values read as YAML 1.2 reads them ------------------------------------------------


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n", "Yes", "NO", "On"])
def test_yes_no_on_off_are_text(word: str) -> None:
    assert values(f"a: {word}\n") == {"a": word}


@pytest.mark.parametrize(("word", "value"), [("true", True), ("False", False), ("TRUE", True)])
def test_only_true_and_false_are_booleans(word: str, value: bool) -> None:
    assert values(f"a: {word}\n") == {"a": value}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("010", 10),
        ("-7", -7),
        ("+3", 3),
        ("2.5", 2.5),
        ("1e3", 1000.0),
        (".5", 0.5),
        ("1:20", "1:20"),
        ("0x1F", "0x1F"),
        ("0o17", "0o17"),
        ("1_000", "1_000"),
        ("2024-01-31", "2024-01-31"),
        ("'12'", "12"),
        ("!!str 12", "12"),
        ("~", None),
        ("null", None),
        ("", None),
    ],
)
def test_numbers_and_text(text: str, value: object) -> None:
    assert values(f"a: {text}\n") == {"a": value}


def test_infinity_and_not_a_number_are_numbers_the_model_refuses() -> None:
    data = values("a: [.inf, -.Inf, .nan]\n")
    assert isinstance(data, dict)
    infinity, minus, nan = data["a"]
    assert infinity == float("inf") and minus == float("-inf") and nan != nan


def test_keys_are_always_text() -> None:
    assert values("1: a\nno: b\ntrue: c\n") == {"1": "a", "no": "b", "true": "c"}


def test_positions_of_keys_and_values() -> None:
    document, _ = read_yaml("a:\n  - b: 1\n    c: [x, y]\n", "p.yaml")
    assert document is not None
    assert document.keys[("a", 0, "c")] == (3, 5)
    assert document.values[("a", 0, "c", 1)] == (3, 12)
    assert document.value_at(("a", 0, "missing")) == (2, 5)


@pytest.mark.parametrize(
    "text",
    [
        CLAIMS,
        edit("capacity: 40", "capacity: &c 40"),
        edit("    capacity: 40\n", "    capacity: 40\n    capacity: 41\n"),
        edit("Claims Ripple", "Claims: Ripple"),
        edit("seed: 7", "seed: no"),
        "title: x\n\tturns: 1\n",
    ],
)
def test_the_pure_python_parser_reads_the_same(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = check_text(text)
    monkeypatch.setattr(yamlsafe, "_FAST_PARSER", None)
    assert check_text(text) == fast


def test_a_second_document_does_not_hide_other_errors() -> None:
    text = edit("turns: 12", "turns: 0") + "---\ntitle: Another\n"
    assert [(p.line, p.column) for p in check_text(text)] == [(2, 8), (28, 1)]


# No input, however broken, gives a traceback ----------------------------------------------

NASTY = [
    "\0\0\0",
    "- 1\n- 2\n",
    "1: 2\n3: 4\n",
    "title:\nturns:\ndepartments:\ncustomers:\n",
    "title: ~\nturns: ~\ndepartments: [~, ~]\ncustomers: [{id: ~}]\n",
    "departments: " + "[" * 200 + "]" * 200 + "\n",
    "departments:\n" + "".join("  " * depth + "-\n" for depth in range(1, 300)),
    "turns: " + "9" * 5000 + "\n",
    "turns: " + "9" * 30 + "\nseed: -" + "9" * 30 + "\n",
    "turns: .nan\nseed: .inf\nbudget: -.inf\n",
    "turns: 1e400\n",
    "departments: {a: 1}\ncustomers: 5\n",
    "departments:\n  - {id: a, name: A, capacity: 1, quality: 1, position: [1, 2, 3]}\n",
    "? - a\n: b\n",
    "? {a: 1}\n: b\n",
    "&a x: *a\n",
    "a: *undefined\n",
    "%TAG ! tag:example.com,2000:\n---\na: !x 1\n",
    "title: a\n\ttitle: b\n",
    "{",
    "'",
    '"\\xZZ"',
    "a: \ud800\n",
    "a: |\n  text\n b",
    "--- !!map\n",
    "--- !!set {a, b}\n",
    "!!binary aGVsbG8=\n",
    "title: x\n...\n---\n",
    CLAIMS.replace("  - from: intake\n    to:", "  - from:\n     to:"),
]


@pytest.mark.parametrize("text", NASTY)
def test_broken_text_gives_problems_not_a_traceback(text: str) -> None:
    problems = checked(text)
    assert problems, "a broken scenario must give at least one problem"
    assert any(p.is_error for p in problems)


def test_a_broken_scenario_with_everything_nulled() -> None:
    nulled = "\n".join(
        line.split(":")[0] + ":" if ":" in line else line for line in CLAIMS.splitlines()
    )
    problems = checked(nulled)
    assert problems, "a scenario with every value nulled must give problems"
    assert all(p.is_error for p in problems)


def checked(text: str) -> list[Problem]:
    """The problems in `text`, each at a real place and none from a failure of the checks."""
    problems = check_text(text)
    for problem in problems:
        assert UNCHECKED_MESSAGE not in problem.message, problem
        assert problem.line >= 1 and problem.column >= 1
    return problems


YAMLISH = st.text(alphabet=string.printable + "äé\u00a0\ufeff", max_size=300)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_any_text_gives_problems_not_a_traceback(text: str) -> None:
    checked(text)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(CLAIMS) - 1), st.integers(0, 20), st.text(max_size=5))
def test_any_edit_of_a_good_scenario_gives_problems_not_a_traceback(
    start: int, length: int, inserted: str
) -> None:
    text = CLAIMS[:start] + inserted + CLAIMS[start + length :]
    problems = checked(text)
    assert problems == sorted(problems, key=lambda p: (p.line, p.column))
    if not any(p.is_error for p in problems):
        load_text(text)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_problems_not_a_traceback(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    file = tmp_path_factory.mktemp("bytes") / "scenario.yaml"
    file.write_bytes(data)
    assert all(UNCHECKED_MESSAGE not in p.message for p in check_file(file))
