"""The pack a facilitator sends round: files, rows, pictures, summary, the command's messages."""

from __future__ import annotations

import argparse
import base64
import csv
import dataclasses
import html
import re
import shutil
import struct
from pathlib import Path

import pytest

from ripple.commands import export as command
from ripple.commands.export import export_pack
from ripple.engine import Game
from ripple.paths import DEFAULT_SCENARIO
from ripple.play.save import SavedGame, save_of, write_save
from ripple.report.charts import CHARTS, number
from ripple.report.culture import culture
from ripple.report.export import slug
from ripple.report.export_tables import (
    DECISION_COLUMNS,
    DEPARTMENT_COLUMNS,
    MONEY_COLUMNS,
    ROOT_CAUSE_COLUMNS,
    TURN_COLUMNS,
)
from ripple.report.facts import looked_after
from ripple.report.learner import QUESTIONS
from ripple.report.problems import root_causes
from ripple.report.record import play_out
from ripple.report.standings import MEASURE_WORDS, standings
from ripple.scenario.load import load_scenario, scenario_hash
from ripple.scenario.model import Scenario

INJECTED = ((), ("outage",))
"""The facilitator sets off the outage in turn 2."""

ONE_GAME_FILES = [
    "turns.csv",
    "decisions.csv",
    "departments.csv",
    "root-causes.csv",
    "money.csv",
    *(f"{chart}.png" for chart in CHARTS),
    "summary.md",
    "summary.html",
]
"""The pack of one game, in the order it is written."""


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(DEFAULT_SCENARIO)


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    """A copy of the shipped scenario that a test may edit."""
    path = tmp_path / "claims.yaml"
    shutil.copy(DEFAULT_SCENARIO, path)
    return path


def played(scenario: Scenario, policy: str, budget: int | None = None) -> Game:
    game = Game(scenario, budget=budget)
    play_out(game, policy, injected=INJECTED)
    return game


def single_save(scenario: Scenario, path: Path, note: str = "") -> SavedGame:
    saved = save_of(played(scenario, "customer"), str(path), scenario_hash(path))
    return dataclasses.replace(saved, note=note)


NOTE = "Talk with <Assessment> & thank Care before pushing for speed."
"""A learner's note, with characters HTML and Markdown must escape."""


def sources(page: str) -> list[str]:
    """Where each picture of an HTML page comes from."""
    return re.findall(r'<img src="([^"]*)"', page)


def without_pictures(page: str) -> str:
    """The page with its embedded pictures' data left out."""
    return re.sub(r'src="data:image/png;base64,[^"]*"', 'src="data:"', page)


def hotseat_save(
    scenario: Scenario, path: Path, teams: tuple[str, str] = ("Red", "Blue")
) -> SavedGame:
    red, blue = played(scenario, "customer"), played(scenario, "silo")
    return SavedGame(
        scenario=str(path),
        scenario_sha256=scenario_hash(path),
        seed=red.seed,
        turns=red.turns,
        decisions=(),
        injected=tuple(red.injected),
        teams=teams,
        team_decisions={teams[0]: tuple(red.decisions), teams[1]: tuple(blue.decisions)},
    )


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def decision_count(saved: SavedGame) -> int:
    per_team = saved.team_decisions.values() if saved.team_decisions else [saved.decisions]
    return sum(len(turn) for decisions in per_team for turn in decisions)


# --- the pack ----------------------------------------------------------------------


def test_one_game_pack_has_every_file(scenario: Scenario, tmp_path: Path) -> None:
    saved = single_save(scenario, DEFAULT_SCENARIO)
    written = export_pack(saved, scenario, tmp_path / "pack", size=(640, 360))
    assert [path.name for path in written] == ONE_GAME_FILES
    assert all(path.is_file() and path.stat().st_size for path in written)
    for chart in CHARTS:
        assert png_size(tmp_path / "pack" / f"{chart}.png") == (640, 360)


def test_turns_csv_has_a_row_per_turn_with_every_number(scenario: Scenario, tmp_path: Path) -> None:
    saved = single_save(scenario, DEFAULT_SCENARIO)
    export_pack(saved, scenario, tmp_path)
    rows = read_rows(tmp_path / "turns.csv")
    assert tuple(rows[0]) == TURN_COLUMNS
    assert [int(r["turn"]) for r in rows] == list(range(1, scenario.turns + 1))
    assert {r["team"] for r in rows} == {""}
    for row in rows:
        completed, lead = int(row["completed"]), int(row["lead_time_sum"])
        assert int(row["on_time"]) + int(row["late"]) == completed
        expected = f"{lead / completed:.4f}" if completed else ""
        assert (f"{float(row['mean_lead_time']):.4f}" if row["mean_lead_time"] else "") == expected
        assert row["log"]
    created = sum(int(r["created"]) for r in rows)
    out = sum(int(r["completed"]) + int(r["scrapped"]) for r in rows)
    assert created == out + int(rows[-1]["wip"])


def test_decisions_csv_names_every_choice_and_event(scenario: Scenario, tmp_path: Path) -> None:
    saved = single_save(scenario, DEFAULT_SCENARIO)
    export_pack(saved, scenario, tmp_path)
    rows = read_rows(tmp_path / "decisions.csv")
    assert tuple(rows[0]) == DECISION_COLUMNS
    decisions = [r for r in rows if r["kind"] == "decision"]
    events = [r for r in rows if r["kind"] == "event"]
    assert len(decisions) == decision_count(saved) > 0
    assert events == [
        {
            "team": "",
            "turn": "2",
            "kind": "event",
            "id": "outage",
            "name": "Claims system outage",
            "target": "intake",
            "target_name": "Claims Intake",
            "cost": "",
        }
    ]
    menu = Game(scenario).menu
    for row in decisions:
        intervention = menu.interventions[row["id"]]
        assert (row["name"], int(row["cost"])) == (intervention.name, intervention.cost)
        assert row["target_name"] == menu.target_name(row["target"] or None)
    assert any(" -> " in row["target_name"] for row in decisions)


def test_departments_csv_has_each_measure_own_number_and_who_left(
    scenario: Scenario, tmp_path: Path
) -> None:
    saved = single_save(scenario, DEFAULT_SCENARIO)
    export_pack(saved, scenario, tmp_path)
    game = saved.games(scenario)[""]
    rows = read_rows(tmp_path / "departments.csv")
    assert tuple(rows[0]) == DEPARTMENT_COLUMNS
    assert [r["department"] for r in rows] == [s.id for s in standings(game)]
    order = [d.id for d in game.snapshot().departments]
    for row, standing in zip(rows, standings(game), strict=True):
        k = order.index(row["department"])
        views = [game.snapshot(turn).departments[k] for turn in range(game.turn + 1)]
        scores = [view.score for view in views[1:]]
        assert float(row["own_number"]) == pytest.approx(sum(scores) / len(scores), abs=1e-6)
        assert row["measure_at_end"] == views[-1].measure
        measures = list(dict.fromkeys(view.measure for view in views))
        assert row["rewarded_on"] == standing.measure
        assert row["rewarded_on"].startswith(MEASURE_WORDS[measures[0]])
        assert row["rewarded_on"].count(", then ") == len(measures) - 1
        assert float(row["harm_share"]) == pytest.approx(standing.harm, abs=1e-6)
        assert int(row["people_left"]) == views[-1].left == len(row["left_on_turns"].split())


def test_root_causes_csv_tells_every_problem_hidden_or_not(
    scenario: Scenario, tmp_path: Path
) -> None:
    saved = single_save(scenario, DEFAULT_SCENARIO)
    export_pack(saved, scenario, tmp_path)
    game = saved.games(scenario)[""]
    rows = read_rows(tmp_path / "root-causes.csv")
    assert tuple(rows[0]) == ROOT_CAUSE_COLUMNS
    views = {(d.id, p.id): p for d in game.snapshot().departments for p in d.problems}
    assert sorted((r["department"], r["problem"]) for r in rows) == sorted(views)
    for row in rows:
        view = views[row["department"], row["problem"]]
        assert row["problem_name"] == view.name
        assert int(row["found_turn"]) == (view.known_turn if view.known else 0)
        assert row["found_by"] == (view.how if view.known else "")
        assert int(row["fixed_turn"]) == (view.fixing if view.fixed else 0)
        assert int(row["turns_at_work"]) == (view.fixing - 1 if view.fixed else game.turn)
        if view.fixed:
            assert row["status"] == "fixed"
        elif not view.known:
            assert row["status"] == "never found"


def test_money_csv_adds_up_to_the_games_money_total(scenario: Scenario, tmp_path: Path) -> None:
    saved = single_save(scenario, DEFAULT_SCENARIO)
    written = export_pack(saved, scenario, tmp_path, size=(480, 270))
    game = saved.games(scenario)[""]
    rows = read_rows(tmp_path / "money.csv")
    assert tuple(rows[0]) == MONEY_COLUMNS
    assert [int(r["turn"]) for r in rows] == list(range(1, game.turn + 1))
    total = game.snapshot().money_total
    for column in ("revenue", "rework", "complaints", "failure", "result", "lost"):
        summed = sum(float(r[column]) for r in rows)
        assert summed == pytest.approx(getattr(total, column), abs=1e-4), column
    assert tmp_path / "money.png" in written
    text = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "![Money per turn](money.png)" in text
    assert f"| Revenue | {number(total.revenue)} |" in text
    assert f"| What failure cost | {number(total.failure)} |" in text


def test_summary_has_own_numbers_root_causes_and_people(scenario: Scenario, tmp_path: Path) -> None:
    saved = single_save(scenario, DEFAULT_SCENARIO)
    export_pack(saved, scenario, tmp_path, size=(480, 270))
    game = saved.games(scenario)[""]
    text = (tmp_path / "summary.md").read_text(encoding="utf-8")
    page = (tmp_path / "summary.html").read_text(encoding="utf-8")
    for heading in ("Own numbers against the harm started", "Root causes", "Who left", "Money"):
        assert f"## {heading}\n" in text
        assert f"<h2>{heading}</h2>" in page
    for standing in standings(game):
        own = "-" if standing.own is None else f"{standing.own:.0%}"
        row = f"| {standing.name} | {standing.measure} | {own} | {standing.harm:.0%} |"
        assert row in text.replace("\\", "")  # as written, Markdown escapes aside
    for cause in root_causes(game):
        said = (cause.name, cause.found_words(), cause.fixed_words(), cause.kept_coming_back())
        assert "| " + " | ".join(said) + " |" in text
    assert '<td class="n">' in page and "| --- | --- | ---: | ---: |" in text


def test_hotseat_pack_has_each_teams_charts_and_a_comparison(
    scenario: Scenario, tmp_path: Path
) -> None:
    saved = hotseat_save(scenario, DEFAULT_SCENARIO)
    written = export_pack(saved, scenario, tmp_path, size=(800, 600))
    names = {path.name for path in written}
    for team in ("red", "blue"):
        assert {f"{team}-{chart}.png" for chart in CHARTS} <= names
    assert "teams-satisfaction.png" in names
    assert "satisfaction.png" not in names
    for path in written:
        if path.suffix == ".png":
            assert png_size(path) == (800, 600)
    turns = read_rows(tmp_path / "turns.csv")
    assert len(turns) == scenario.turns * 2
    assert [r["team"] for r in turns] == ["Red"] * scenario.turns + ["Blue"] * scenario.turns
    decisions = read_rows(tmp_path / "decisions.csv")
    assert sum(r["kind"] == "decision" for r in decisions) == decision_count(saved)
    assert [r["team"] for r in decisions if r["kind"] == "event"] == ["Red", "Blue"]


def test_summary_tells_each_team_the_ripples_and_the_questions(
    scenario: Scenario, tmp_path: Path
) -> None:
    saved = hotseat_save(scenario, DEFAULT_SCENARIO)
    export_pack(saved, scenario, tmp_path)
    text = (tmp_path / "summary.md").read_text(encoding="utf-8")
    page = (tmp_path / "summary.html").read_text(encoding="utf-8")
    assert text.startswith("# The Claims Ripple: results\n")
    for words in ("## Team Red", "## Team Blue", "Hot-seat", "Claims system outage (turn 2)"):
        assert words in text
    assert text.count("### Biggest ripples") == 2
    assert "-> Policyholders" in text or "-> Fleet Managers" in text
    assert "![Customer satisfaction](red-satisfaction.png)" in text
    assert "(teams-satisfaction.png)" in text
    assert scenario.debrief, "the scenario asks no debrief questions to look for"
    for question in scenario.debrief:
        assert question in text.replace("\\", "")
        assert html.escape(question) in page
    assert page.startswith("<!DOCTYPE html>")
    assert len(sources(page)) == 2 * len(CHARTS) + 1
    assert all(src.startswith("data:image/png;base64,") for src in sources(page))
    assert "http" not in without_pictures(page) and "<script" not in page
    assert "<h2>Team Red</h2>" in page and "<h2>Team Blue</h2>" in page
    assert "Reflection" not in text and "Culture read-out" not in text


def test_a_learners_summary_is_one_page_with_reflection_note_and_culture(
    scenario: Scenario, tmp_path: Path
) -> None:
    saved = single_save(scenario, DEFAULT_SCENARIO, NOTE)
    export_pack(saved, scenario, tmp_path, size=(480, 270))
    page = (tmp_path / "summary.html").read_text(encoding="utf-8")
    text = (tmp_path / "summary.md").read_text(encoding="utf-8")
    game = saved.games(scenario)[""]
    read = culture(game)
    for words in ("<h2>Reflection</h2>", "<h3>Your note</h3>", "<h2>Culture read-out</h2>"):
        assert words in page
    assert looked_after(game), "the learner looked after no department to look for"
    for department in looked_after(game):
        assert f"<h3>Looking after {game.menu.target_name(department)}</h3>" in page
    assert page.count(f"<h4>{html.escape(QUESTIONS[0])}</h4>") == len(looked_after(game))
    assert f"<p>{html.escape(NOTE)}</p>" in page
    assert f"You played at level {read.level} of 3: {read.name}." in page
    assert html.escape(read.evidence[0]) in page
    assert page.index("Reflection") < page.index("Your note") < page.index("Culture read-out")
    pictures = sources(page)
    assert len(pictures) == len(CHARTS)
    for src, chart in zip(pictures, CHARTS, strict=True):
        assert src.startswith("data:image/png;base64,")
        embedded = base64.b64decode(src.removeprefix("data:image/png;base64,"))
        assert embedded == (tmp_path / f"{chart}.png").read_bytes()
    assert "## Reflection" in text and "### Your note" in text and "## Culture read-out" in text
    assert "Talk with \\<Assessment> & thank Care" in text
    assert "![Customer satisfaction](satisfaction.png)" in text


def test_a_learner_with_no_note_gets_no_note_section(scenario: Scenario, tmp_path: Path) -> None:
    export_pack(single_save(scenario, DEFAULT_SCENARIO), scenario, tmp_path, size=(480, 270))
    page = (tmp_path / "summary.html").read_text(encoding="utf-8")
    assert "<h2>Reflection</h2>" in page and "Your note" not in page


def test_roles_pack_names_the_team_that_decided(scenario: Scenario, tmp_path: Path) -> None:
    budget = scenario.budget * 2
    game = played(scenario, "customer", budget=budget)
    roles = {
        "North": ("intake", "assessment"),
        "South": tuple(d.id for d in scenario.departments if d.id not in ("intake", "assessment")),
    }
    saved = SavedGame(
        str(DEFAULT_SCENARIO),
        scenario_hash(DEFAULT_SCENARIO),
        game.seed,
        game.turns,
        tuple(game.decisions),
        tuple(game.injected),
        teams=("North", "South"),
        roles=roles,
        budget=budget,
    )
    written = export_pack(saved, scenario, tmp_path)
    assert "teams-satisfaction.png" not in {path.name for path in written}
    assert {r["team"] for r in read_rows(tmp_path / "turns.csv")} == {""}
    for row in read_rows(tmp_path / "decisions.csv"):
        if row["kind"] == "decision" and row["target"]:  # everyone's is no one team's
            department = row["target"].split("->")[0]
            assert department in roles[row["team"]]
    text = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "North ran Claims Intake, Assessment" in text


@pytest.mark.parametrize("mode", ["hotseat", "single"])
def test_exporting_twice_gives_the_same_bytes(
    scenario: Scenario, tmp_path: Path, mode: str
) -> None:
    saved = (
        hotseat_save(scenario, DEFAULT_SCENARIO)
        if mode == "hotseat"
        else single_save(scenario, DEFAULT_SCENARIO, NOTE)
    )
    first = export_pack(saved, scenario, tmp_path / "a")
    second = export_pack(saved, scenario, tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second, strict=True):
        if a.suffix != ".png":
            assert a.read_bytes() == b.read_bytes(), a.name


def test_team_names_are_escaped_and_slugged(scenario: Scenario, tmp_path: Path) -> None:
    saved = hotseat_save(scenario, DEFAULT_SCENARIO, teams=("<R&D>", "r d"))
    written = {path.name for path in export_pack(saved, scenario, tmp_path)}
    assert {"r-d-satisfaction.png", "r-d-2-satisfaction.png"} <= written
    page = (tmp_path / "summary.html").read_text(encoding="utf-8")
    assert "<R&D>" not in page and "&lt;R&amp;D&gt;" in page
    assert "\\<R&D>" in (tmp_path / "summary.md").read_text(encoding="utf-8")


def test_slug() -> None:
    assert slug("Équipe Rouge!") == "equipe-rouge"
    assert slug("  Team 2 ") == "team-2"
    assert slug("???") == ""


# --- the command -------------------------------------------------------------------


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="ripple export")
    command.add(parser)
    return command.run(parser.parse_args(list(argv)))


def test_command_writes_beside_the_save_and_lists_the_files(
    scenario: Scenario, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save = scenario_file.parent / "workshop.json"
    write_save(single_save(scenario, scenario_file), save)
    assert run(str(save), "--size", "480x320") == 0
    out, err = capsys.readouterr()
    folder = scenario_file.parent / "workshop"
    assert out.splitlines() == [str(folder / name) for name in ONE_GAME_FILES]
    assert (folder / "summary.html").is_file() and err == ""
    assert png_size(folder / "satisfaction.png") == (480, 320)


def test_command_with_out_and_scenario(
    scenario: Scenario, scenario_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save = tmp_path / "game.json"
    write_save(hotseat_save(scenario, scenario_file), save)
    moved = tmp_path / "elsewhere" / "claims.yaml"
    moved.parent.mkdir()
    scenario_file.rename(moved)
    assert run(str(save), "--scenario", str(moved), "--out", str(tmp_path / "pack")) == 0
    out, err = capsys.readouterr()
    assert str(tmp_path / "pack" / "teams-satisfaction.png") in out.splitlines()
    assert err == ""


def test_bad_save_is_a_message_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save = tmp_path / "broken.json"
    save.write_text("{not json", encoding="utf-8")
    assert run(str(save)) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"error: {save}:1:2: not valid JSON")
    assert "Traceback" not in err
    assert not (tmp_path / "broken").exists()


def test_save_without_a_scenario_asks_for_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save = tmp_path / "decisions.json"
    save.write_text("[[], []]", encoding="utf-8")
    assert run(str(save)) == 1
    assert "--scenario FILE" in capsys.readouterr().err
    assert run(str(save), "--scenario", str(DEFAULT_SCENARIO)) == 0


def test_edited_scenario_warns_that_the_replay_may_differ(
    scenario: Scenario, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save = scenario_file.parent / "game.json"
    write_save(single_save(scenario, scenario_file), save)
    with scenario_file.open("a", encoding="utf-8") as stream:
        stream.write("\n# edited after the workshop\n")
    assert run(str(save)) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"warning: {scenario_file} has changed since {save} was saved")


def test_broken_scenario_prints_its_problems(
    scenario: Scenario, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save = scenario_file.parent / "game.json"
    write_save(single_save(scenario, scenario_file), save)
    scenario_file.write_text("title: Broken\n", encoding="utf-8")
    assert run(str(save)) == 1
    out = capsys.readouterr().out
    assert f"{scenario_file}:" in out and "error" in out
