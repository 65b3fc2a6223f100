"""Authoring a scenario: `ripple new` writes a starter file, `ripple preview` draws it."""

from __future__ import annotations

import re
from pathlib import Path
from types import UnionType
from typing import Annotated, Union, get_args, get_origin

import pygame
import pytest
from pydantic import BaseModel

from ripple.cli import main
from ripple.commands.new import schema_for, starter_text
from ripple.paths import ROOT, SCENARIOS
from ripple.scenario.load import check_file, check_text, load_scenario
from ripple.scenario.model import Scenario
from ripple.ui.measure import text_width


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def writable_keys(model: type[BaseModel]) -> set[str]:
    """Every key a scenario file may hold, at any depth: names and their aliases."""
    keys: set[str] = set()
    for name, info in model.model_fields.items():
        keys |= {name, info.alias or name}
        for inner in _models_in(info.annotation):
            keys |= writable_keys(inner)
    return keys


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    if get_origin(annotation) in (list, tuple, Union, UnionType, Annotated):
        return [model for arg in get_args(annotation) for model in _models_in(arg)]
    return []


# ripple new -------------------------------------------------------------------------------


def test_new_writes_a_scenario_that_validates_cleanly_and_plays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "workshop" / "mine.yaml"
    status, out, _ = run(capsys, "new", str(path))
    assert status == 0 and path.is_file()
    for command in ("validate", "preview", "simulate", "play"):
        assert f"ripple {command} {path}" in out
    assert "docs/facilitators.md" in out
    assert check_file(path, text_width) == []
    assert run(capsys, "validate", str(path))[0] == 0
    status, out, _ = run(capsys, "simulate", str(path), "--policy", "customer")
    assert status == 0 and "delivered" in out


def test_the_starter_is_a_small_complete_organisation(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(starter_text(path), encoding="utf-8")
    scenario = load_scenario(path)
    assert 4 <= len(scenario.departments) <= 6
    assert 1 <= len(scenario.customers) <= 2
    assert len(scenario.events) >= 2
    assert scenario.interventions is None  # the standard menu
    desks = {customer.complaints_to for customer in scenario.customers}
    routes = {step for customer in scenario.customers for step in customer.route or []}
    assert desks - routes - {None}, "a complaints desk of its own"


def test_every_key_a_facilitator_can_write_is_in_the_starter(tmp_path: Path) -> None:
    text = starter_text(tmp_path / "mine.yaml")
    keys = writable_keys(Scenario)
    assert {"title", "from", "supplier", "rework_message", "below", "lost", "demand"} <= keys
    missing = sorted(k for k in keys if not re.search(rf"(?<![\w.]){k}:", text))
    assert missing == []
    assert "interventions:" in text and "standard menu" in text


def test_the_first_line_points_editors_at_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    first = starter_text(path).splitlines()[0]
    assert (
        first
        == f"# yaml-language-server: $schema={(SCENARIOS / 'scenario.schema.json').as_posix()}"
    )
    assert (SCENARIOS / "scenario.schema.json").is_file()
    assert schema_for(ROOT / "scenarios" / "workshops" / "mine.yaml") == "../scenario.schema.json"
    assert schema_for(ROOT / "mine.yaml") == "scenarios/scenario.schema.json"


def test_new_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("title: my own work\n")
    status, _, err = run(capsys, "new", str(path))
    assert status == 1 and "already exists" in err and "--force" in err
    assert path.read_text() == "title: my own work\n"
    assert run(capsys, "new", str(path), "--force")[0] == 0
    assert check_file(path, text_width) == []


def test_new_refuses_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "new", str(tmp_path))
    assert status == 1 and "is a folder" in err


# ripple preview ---------------------------------------------------------------------------


def test_preview_draws_a_picture_of_the_requested_size(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = tmp_path / "shop.yaml"
    scenario.write_text(starter_text(scenario), encoding="utf-8")
    out = tmp_path / "slides" / "graph.png"
    status, _, err = run(capsys, "preview", str(scenario), "--out", str(out), "--size", "800x600")
    assert status == 0, err
    assert pygame.image.load(str(out)).get_size() == (800, 600)


def test_preview_writes_next_to_where_it_runs_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = tmp_path / "scenarios" / "shop.yaml"
    scenario.parent.mkdir()
    scenario.write_text(starter_text(scenario), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, "preview", str(scenario))
    assert status == 0, err
    assert pygame.image.load(str(tmp_path / "shop.png")).get_size() == (1280, 720)


def test_preview_of_a_broken_scenario_lists_its_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    text = starter_text(broken).replace("    to: warehouse\n", "    to: warehuose\n", 1)
    broken.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    to: warehuose") + 1
    out_png = tmp_path / "broken.png"
    status, out, err = run(capsys, "preview", str(broken), "--out", str(out_png))
    assert status == 1 and not out_png.exists()
    assert f"{broken}:{line}:9: error: dependency 3 (credit -> warehuose) points to" in out
    assert "did you mean 'warehouse'?" in out and "Traceback" not in err


# The facilitators' guide ------------------------------------------------------------------


def test_the_worked_example_in_the_guide_checks_as_the_guide_says() -> None:
    guide = (ROOT / "docs" / "facilitators.md").read_text(encoding="utf-8")
    example = "\n".join(re.findall(r"```yaml\n(.*?)```", guide, re.DOTALL))
    shown = re.search(r"gives two:\n\n```\n(.*?)```", guide, re.DOTALL)
    assert shown is not None
    found = check_text(example, "workshops/council.yaml")
    assert [str(problem) for problem in found] == shown.group(1).splitlines()
    fixed = example.replace("capacity: 10\n", "capacity: 15\n")
    fixed = fixed.replace("name: Highway Inspection Team", "name: Inspection")
    assert check_text(fixed) == []
