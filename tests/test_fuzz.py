"""Fuzzing `ripple validate` with mutated shipped scenarios, and files meant to do harm.

Every mutant must give exit status 0 or 1, no traceback, and nothing but lines of the
form FILE:LINE:COL: error|warning: message. Hostile files (alias bombs, python tags, huge,
deeply nested, devices, pipes, links) must be refused quickly, in bounded memory, in plain
words. The long run of the same mutations is `benchmarks/fuzz_validate.py`.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks import fuzz_validate
from benchmarks.fuzz_validate import Outcome, Shipped, mutant, validate
from ripple.scenario.load import NOT_A_FILE_MESSAGE
from ripple.scenario.problems import Problem, one_line
from ripple.scenario.yamlsafe import ALIAS_MESSAGE, MAX_DEPTH

SHIPPED = fuzz_validate.shipped_scenarios()
CLAIMS = next(seed for seed in SHIPPED if seed.name == "claims.yaml")
PEAK_BYTES = 50 * 1024 * 1024
QUICK_ENOUGH = 5.0  # seconds; generous, so only a hang or a blow-up fails, never a slow machine


def validated(file: Path) -> Outcome:
    """`ripple validate FILE`, with nothing wrong in how it answered."""
    outcome = validate(file)
    assert outcome.faults == [], (outcome.faults, outcome.stdout[:2000])
    return outcome


def refused(file: Path) -> str:
    """`ripple validate FILE` exits 1; its output, checked quick and small."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        outcome = validated(file)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert outcome.status == 1
    assert seconds < QUICK_ENOUGH, f"{file.name} took {seconds:.1f} s"
    assert peak < PEAK_BYTES, f"{file.name} used {peak / 1e6:.0f} MB"
    return outcome.stdout


# The mutation fuzzer ----------------------------------------------------------------------

FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@FUZZ
@given(st.sampled_from(SHIPPED), st.randoms(use_true_random=False))
def test_mutated_scenarios_give_problem_lines_only(
    tmp_path: Path, seed: Shipped, rng: fuzz_validate.Chooser
) -> None:
    file = tmp_path / "mutant.yaml"
    file.write_bytes(mutant(seed, rng))
    validated(file)


@FUZZ
@given(st.sampled_from(SHIPPED), st.randoms(use_true_random=False))
def test_structured_mutations_keep_valid_yaml_readable(
    tmp_path: Path, seed: Shipped, rng: fuzz_validate.Chooser
) -> None:
    """A tree changed but written by a YAML writer is still YAML: errors are about meaning."""
    tree = fuzz_validate.mutate_tree(seed.tree, rng)
    file = tmp_path / "tree.yaml"
    file.write_bytes(fuzz_validate.written(tree, rng))
    outcome = validated(file)
    assert "not valid YAML" not in outcome.stdout


@pytest.mark.parametrize("tree", [3, "text", None, [], {}, [[]], {"a": {}}])
def test_the_mutations_cope_with_trees_already_mutated_away(tree: object) -> None:
    rng = random.Random(7)
    for _ in range(200):
        fuzz_validate.mutate_tree(tree, rng)


def test_the_shipped_scenarios_pass_untouched(tmp_path: Path) -> None:
    for seed in SHIPPED:
        file = tmp_path / seed.name
        file.write_text(seed.text, encoding="utf-8")
        assert validated(file).status == 0, seed.name


# Inputs the fuzzer found: each broke the one-problem-one-line form -----------------------


@pytest.mark.parametrize(
    ("old", "new", "escaped"),
    [
        ("  - id: repairs\n", '  - id: "carriage\\rreturn"\n', "carriage\\rreturn"),
        ("  - from: intake\n", '  - from: "new\\nline"\n', "new\\nline"),
        ("  - id: repairs\n", '  - id: "bidi\\u202e\\u2028"\n', "bidi\\u202e\\u2028"),
    ],
    ids=["return-in-an-id", "line-end-in-a-hand-off", "bidi-override-in-an-id"],
)
def test_control_characters_in_values_stay_on_the_problem_line(
    tmp_path: Path, old: str, new: str, escaped: str
) -> None:
    file = tmp_path / "quoted.yaml"
    file.write_text(CLAIMS.text.replace(old, new, 1), encoding="utf-8")
    outcome = validated(file)
    assert outcome.status == 1
    assert escaped in outcome.stdout


def test_a_problem_is_always_one_line() -> None:
    problem = Problem("s.yaml", 1, 1, "error", "a\nb\rc\td\x1b[0m\x85\u2028\u202eé 部")
    assert str(problem) == "s.yaml:1:1: error: a\\nb\\rc\\td\\x1b[0m\\x85\\u2028\\u202eé 部"
    assert one_line("plain words, ünïcödé") == "plain words, ünïcödé"


# Hostile files ---------------------------------------------------------------------------

LAUGHS = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefghi", "bcdefghij", strict=True)
)


def deep_flow_lists(depth: int) -> str:
    return "title: x\ndepartments: " + "[" * depth + "]" * depth + "\n"


def deep_flow_mappings(depth: int) -> str:
    return "title: x\ndepartments: " + "{a: " * depth + "1" + "}" * depth + "\n"


def deep_block_lists(depth: int) -> str:
    return "title: x\ndepartments:\n" + "- " * depth + "x\n"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (LAUGHS, ALIAS_MESSAGE),
        ("title: !!python/object/apply:os.system ['echo owned']\n", "is not allowed"),
        ("title: !!python/name:os.system\n", "is not allowed"),
        (deep_flow_lists(10_000), f"nest more than {MAX_DEPTH} levels deep"),
        (deep_flow_mappings(10_000), f"nest more than {MAX_DEPTH} levels deep"),
        (deep_block_lists(10_000), f"nest more than {MAX_DEPTH} levels deep"),
    ],
    ids=["billion-laughs", "python-apply", "python-name", "lists", "mappings", "block-lists"],
)
def test_hostile_yaml_is_refused(tmp_path: Path, text: str, said: str) -> None:
    file = tmp_path / "hostile.yaml"
    file.write_text(text, encoding="utf-8")
    assert said in refused(file)


def test_the_pure_python_parser_refuses_deep_nesting_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ripple.scenario.yamlsafe._FAST_PARSER", None)
    for make in (deep_flow_lists, deep_flow_mappings, deep_block_lists):
        file = tmp_path / f"{make.__name__}.yaml"
        file.write_text(make(10_000), encoding="utf-8")
        assert f"nest more than {MAX_DEPTH} levels deep" in refused(file)


def test_a_python_tag_runs_nothing(tmp_path: Path) -> None:
    witness = tmp_path / "ran"
    file = tmp_path / "apply.yaml"
    file.write_text(f"title: !!python/object/apply:os.system ['touch {witness}']\n")
    refused(file)
    assert not witness.exists()


def test_a_three_megabyte_file_is_refused_unread(tmp_path: Path) -> None:
    file = tmp_path / "huge.yaml"
    file.write_bytes(CLAIMS.text.encode() * (3 * 1024 * 1024 // len(CLAIMS.text) + 1))
    assert "larger than 2 MB" in refused(file)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused_unread(tmp_path: Path) -> None:
    assert NOT_A_FILE_MESSAGE in refused(Path("/dev/zero"))
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    assert NOT_A_FILE_MESSAGE in refused(link)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_with_no_writer_is_refused_not_waited_on(tmp_path: Path) -> None:
    """In a child process with a timeout: a reader that waited would hang the suite."""
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    finished = subprocess.run(
        [sys.executable, "-m", "ripple", "validate", str(pipe)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert finished.returncode == 1
    assert finished.stdout == f"{pipe}:1:1: error: {NOT_A_FILE_MESSAGE}\n"


# Paths given on the command line ----------------------------------------------------------


def test_a_link_to_a_scenario_is_followed(tmp_path: Path) -> None:
    """A local tool reads what its user names: a link elsewhere is theirs to follow."""
    link = tmp_path / "claims.yaml"
    link.symlink_to(fuzz_validate.SCENARIOS / "claims.yaml")
    assert validated(link).stderr == f"{link}: ok\n"


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda folder: folder / ".." / ".." / "x", "there is no such file"),
        (lambda folder: Path("/nowhere/at/all/x.yaml"), "there is no such file"),
        (lambda folder: folder, "this is a folder"),
        (lambda folder: _linked(folder, folder / "gone.yaml"), "there is no such file"),
        (lambda folder: _linked(folder, folder / "link.yaml"), "cannot be read"),
    ],
    ids=["dot-dot", "absolute", "folder", "dangling-link", "link-loop"],
)
def test_paths_that_hold_no_scenario(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: Callable[[Path], Path], said: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert said in refused(make(tmp_path))


def test_a_relative_path_out_of_the_folder_is_reported_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    monkeypatch.chdir(inner)
    assert refused(Path("../../x")) == "../../x:1:1: error: there is no such file\n"


def _linked(folder: Path, target: Path) -> Path:
    link = folder / "link.yaml"
    link.symlink_to(target)
    return link


# The long run cannot rot ------------------------------------------------------------------


def test_the_long_fuzz_runs_quick(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = fuzz_validate.main(["--quick", "--seed", "3", "--keep", str(tmp_path / "kept")])
    printed = capsys.readouterr().out
    assert status == 0, printed
    assert f"cases: {fuzz_validate.QUICK_CASES}" in printed
    assert "failures: 0" in printed
    assert not (tmp_path / "kept").exists()


def test_the_long_fuzz_keeps_a_failing_input_for_replay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(fuzz_validate, "output_faults", lambda path, outcome: ["planted"])
    kept = tmp_path / "kept"
    assert fuzz_validate.main(["--cases", "2", "--keep", str(kept)]) == 1
    saved = sorted(kept.glob("case-*.yaml"))
    assert len(saved) == 2
    assert "failures: 2" in capsys.readouterr().out
    assert fuzz_validate.main(["--replay", str(saved[0])]) == 1
    assert "FAULT: planted" in capsys.readouterr().out
