"""A facilitator's whole journey, as the toolkit promises it: a new scenario, validated and
balanced, then a three-team session on one laptop with a timer, an undone turn, an event
set off, the team debrief and the pack written."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pygame
import pytest

from ripple.cli import main
from ripple.ui.app import App
from ripple.ui.pilot import Pilot
from ripple.ui.scenes.choose import start_game
from ripple.ui.scenes.play import PlayScene


def settle(pilot: Pilot, scene: PlayScene) -> None:
    pilot.until(lambda: not scene.session.resolving and not scene.animating)
    pilot.frames(2)


def test_from_a_new_scenario_to_the_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine.yaml"
    assert main(["new", str(mine)]) == 0
    assert main(["validate", "--quiet", str(mine)]) == 0
    capsys.readouterr()
    assert (
        main(
            [
                "simulate",
                str(mine),
                "--runs",
                "20",
                "--compare",
                "silo,customer",
                "--jobs",
                "1",
                "--json",
            ]
        )
        == 0
    )
    balance = json.loads(capsys.readouterr().out)
    assert set(balance["policies"]) == {"silo", "customer"}

    save = tmp_path / "room.json"
    app = App((1024, 768), sound=False)
    assert start_game(app, mine, teams=("Red", "Blue", "Green"), timer=3, save_to=save) == []
    scene = app.top
    assert isinstance(scene, PlayScene)
    pilot = Pilot(app)
    session = scene.session

    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_e)
    settle(pilot, scene)
    assert session.team == "Blue"
    pilot.frames(200)
    settle(pilot, scene)
    assert session.team == "Green" and session.games["Blue"].turn == 1
    pilot.press(pygame.K_e)
    settle(pilot, scene)
    assert session.team == "Red" and session.games["Green"].turn == 1

    pilot.press(pygame.K_u)
    assert session.team == "Green" and session.games["Green"].turn == 0
    pilot.press(pygame.K_i)
    event = next(iter(app.top.hotspots))
    pilot.click(event)
    pilot.press(pygame.K_e)
    settle(pilot, scene)

    while not session.over:
        session.end_turn()
        session.wait()
        session.show_current()
        pilot.frames(1)
    games = session.games
    injected = [game.injected for game in games.values()]
    assert injected[0] == injected[1] == injected[2]
    assert any(turn for turn in injected[0])

    pilot.press(pygame.K_d)
    debrief = app.top
    pilot.click("tab:teams")
    assert debrief.page_name == "teams"
    pilot.press(pygame.K_x)
    pilot.settle()
    assert debrief.note.startswith("Pack written"), debrief.note
    pack = tmp_path / "room"
    for name in (
        "summary.md",
        "summary.html",
        "turns.csv",
        "decisions.csv",
        "teams-satisfaction.png",
    ):
        assert (pack / name).exists(), name
    with (pack / "turns.csv").open(newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 3 * games["Red"].turns
    assert {row["team"] for row in rows} == {"Red", "Blue", "Green"}
    session.close()
