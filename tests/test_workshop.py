"""Running a workshop: teams taking turns, teams sharing an organisation, and the
facilitator's keys (pause, timer, undo, events, hidden scores, the debrief any time)."""

from __future__ import annotations

import json

import pygame
import pytest

from ripple.paths import DEFAULT_SCENARIO
from ripple.play.save import read_save
from ripple.scenario.load import load_scenario
from ripple.ui.app import App
from ripple.ui.pilot import Pilot
from ripple.ui.scenes.choose import split_roles, start_game
from ripple.ui.scenes.play import PlayScene


def open_game(**options: object) -> tuple[App, Pilot, PlayScene]:
    app = App((1024, 768), sound=False)
    assert start_game(app, DEFAULT_SCENARIO, **options) == []  # type: ignore[arg-type]
    scene = app.top
    assert isinstance(scene, PlayScene)
    return app, Pilot(app), scene


def settle(pilot: Pilot, scene: PlayScene) -> None:
    pilot.until(lambda: not scene.session.resolving and not scene.animating)
    pilot.frames(2)


def test_three_teams_take_turns_on_their_own_copies() -> None:
    _app, pilot, scene = open_game(teams=("Red", "Blue", "Green"))
    session = scene.session
    assert session.mode == "hotseat" and session.team == "Red"
    for team, intervention in (("Red", "train"), ("Blue", "thank"), ("Green", None)):
        assert session.team == team
        if intervention:
            pilot.click(f"intervention:{intervention}")
            pilot.click("dept:intake")
        pilot.press(pygame.K_e)
        settle(pilot, scene)
    assert session.team == "Red"
    games = session.games
    assert [games[t].turn for t in ("Red", "Blue", "Green")] == [1, 1, 1]
    assert games["Red"].decisions[0][0].intervention == "train"
    assert games["Blue"].decisions[0][0].intervention == "thank"
    assert games["Green"].decisions == [()]
    assert games["Green"].reports[0].created == games["Red"].reports[0].created
    saved = read_save(session.autosave_to)
    assert saved.mode == "hotseat" and saved.teams == ("Red", "Blue", "Green")
    replayed = saved.games(load_scenario(DEFAULT_SCENARIO))
    assert replayed["Blue"].totals() == games["Blue"].totals()
    session.close()


def test_an_injected_event_hits_every_team_on_the_same_turn() -> None:
    app, pilot, scene = open_game(teams=("Red", "Blue"))
    pilot.press(pygame.K_i)
    assert type(app.top).__name__ == "EventOverlay"
    pilot.click("event:outage")
    assert isinstance(app.top, PlayScene)
    for _ in range(2):
        pilot.press(pygame.K_e)
        settle(pilot, scene)
    games = scene.session.games
    assert games["Red"].injected[0] == ("outage",) == games["Blue"].injected[0]
    assert any("claims system is down" in line for line in games["Blue"].reports[0].log)
    scene.session.close()


def test_teams_sharing_one_organisation_decide_only_for_their_departments() -> None:
    scenario = load_scenario(DEFAULT_SCENARIO)
    owned = split_roles(scenario, ("Front", "Back"))
    assert owned == {"Front": ("intake", "assessment", "repairs"), "Back": ("payments", "care")}
    _app, pilot, scene = open_game(teams=("Front", "Back"), roles=True)
    session = scene.session
    pilot.click("intervention:train")
    assert {item.name for item in scene.targets.items} == {"intake", "assessment", "repairs"}
    pilot.click("dept:intake")
    pilot.press(pygame.K_e)
    assert session.team == "Back" and session.game.turn == 0 and not session.resolving
    from ripple.engine import Decision

    assert session.choose(Decision("train", "intake")) == "Back does not run Claims Intake"
    assert session.choose(Decision("train", "payments")) is None
    pilot.press(pygame.K_e)
    settle(pilot, scene)
    assert session.game.turn == 1 and session.team == "Front"
    assert {d.target for d in session.game.decisions[0]} == {"intake", "payments"}
    assert read_save(session.autosave_to).roles == owned
    session.close()


def test_the_timer_ends_a_slow_teams_turn_with_what_it_chose() -> None:
    _app, pilot, scene = open_game(teams=("Red", "Blue"), timer=2)
    pilot.click("intervention:thank")
    pilot.click("dept:payments")
    pilot.frames(150)
    settle(pilot, scene)
    assert scene.session.games["Red"].decisions[0][0].target == "payments"
    assert scene.session.team == "Blue" and scene.time_left == pytest.approx(2, abs=0.1)
    scene.session.close()


def test_pause_stops_the_clock_and_the_animation() -> None:
    _app, pilot, scene = open_game(timer=5)
    pilot.press(pygame.K_p)
    assert scene.paused
    pilot.frames(400)
    assert scene.time_left == 5 and scene.session.game.turn == 0
    pilot.press(pygame.K_p)
    pilot.frames(10)
    assert scene.time_left < 5
    scene.session.close()


def test_undo_takes_back_the_last_turn_to_play_it_again() -> None:
    _app, pilot, scene = open_game()
    pilot.click("intervention:train")
    pilot.click("dept:assessment")
    pilot.press(pygame.K_e)
    settle(pilot, scene)
    first = scene.session.game.reports[0]
    pilot.press(pygame.K_e)
    settle(pilot, scene)
    assert scene.session.game.turn == 2
    pilot.press(pygame.K_u)
    assert scene.session.game.turn == 1 and scene.session.chosen == []
    pilot.press(pygame.K_u)
    assert scene.session.game.turn == 0
    assert [d.target for d in scene.session.chosen] == ["assessment"]
    pilot.press(pygame.K_e)
    settle(pilot, scene)
    assert scene.session.game.reports[0] == first
    scene.session.close()


def test_hidden_scores_and_the_debrief_at_any_time() -> None:
    app, pilot, scene = open_game()
    pilot.press(pygame.K_s)
    assert scene.scores_hidden
    pilot.press(pygame.K_d)
    assert type(app.top).__name__ == "DebriefScene"
    pilot.press(pygame.K_ESCAPE)
    assert app.top is scene
    scene.session.close()


def test_autoplay_with_teams_saves_every_team(tmp_path: object) -> None:
    from pathlib import Path

    from ripple.cli import main

    save = Path(str(tmp_path)) / "teams.json"
    assert main(["play", "--teams", "Red,Blue", "--autoplay", "3", "--save", str(save)]) == 0
    data = json.loads(save.read_text())
    assert data["mode"] == "hotseat"
    assert {team: len(turns) for team, turns in data["decisions"].items()} == {"Red": 3, "Blue": 3}


def test_the_team_debrief_compares_the_teams() -> None:
    from ripple.engine.policies import POLICIES
    from ripple.report.charts import teams_chart
    from ripple.ui.scenes.debrief import DebriefScene
    from ripple.ui.scenes.debrief_teams import team_lines

    app, pilot, scene = open_game(teams=("Red", "Blue"))
    session = scene.session
    while not session.over:
        policy = "silo" if session.team == "Red" else "customer"
        for decision in POLICIES[policy](session.game):
            session.choose(decision)
        session.end_turn()
        session.wait()
        session.show_current()
    chart = teams_chart(session.games)
    assert [s.label for s in chart.series] == ["Red", "Blue"]
    lines = dict(team_lines(session))
    assert "prevented" in " ".join(lines["Blue"]) and "more harmed" in " ".join(lines["Red"])
    app.push(DebriefScene(app, session))
    debrief = app.top
    pilot.click("tab:teams")
    assert debrief.page_name == "teams"
    pilot.press(pygame.K_LEFT)
    pilot.press(pygame.K_DOWN)
    assert debrief.game is session.games["Blue"]
    session.close()


def test_x_on_the_debrief_writes_the_pack(tmp_path: object) -> None:
    from pathlib import Path

    save = Path(str(tmp_path)) / "room.json"
    app, pilot, scene = open_game(teams=("Red", "Blue"), save_to=save)
    for _ in range(4):
        pilot.press(pygame.K_e)
        settle(pilot, scene)
    pilot.press(pygame.K_d)
    debrief = app.top
    pilot.press(pygame.K_x)
    pilot.settle()
    assert debrief.note.startswith("Pack written"), debrief.note
    out = Path(str(tmp_path)) / "room"
    assert (out / "summary.md").exists() and (out / "turns.csv").exists()
    assert (out / "teams-satisfaction.png").exists()
    scene.session.close()


def test_a_workshop_save_replays_each_team_headless(
    tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    from ripple.cli import main

    save = Path(str(tmp_path)) / "teams.json"
    assert (
        main(
            [
                "play",
                "--teams",
                "Red,Blue",
                "--autoplay",
                "2",
                "--policy",
                "customer",
                "--save",
                str(save),
            ]
        )
        == 0
    )
    capsys.readouterr()
    saved = json.loads(save.read_text())
    assert (
        main(["simulate", "--decisions", str(save), "--team", "Blue", "--turns", "2", "--json"])
        == 0
    )
    out = capsys.readouterr()
    assert "team Blue" in out.err
    assert json.loads(out.out)["decisions"] == saved["decisions"]["Blue"]
    assert main(["simulate", "--decisions", str(save), "--team", "Mauve"]) == 1
