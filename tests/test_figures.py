"""Every headline figure is defined once (ripple/engine/figures.py), so a number a player
reads in one place is the number read anywhere else: the play screen's scoreboard, the
debrief's charts, the exported turns.csv, `ripple simulate --json`, the summary, batch runs
and the record."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pygame
import pytest

from ripple.batch.runs import OUTCOMES, measure
from ripple.cli import main
from ripple.commands.export import export_pack
from ripple.engine import Game, figures
from ripple.engine.policies import POLICIES
from ripple.paths import SCENARIOS
from ripple.play.records import record_of
from ripple.play.save import read_save
from ripple.report.charts import satisfaction_chart
from ripple.report.export_summary import outcomes
from ripple.scenario.load import load_scenario
from ripple.ui.app import App
from ripple.ui.draw.panel_views import status_view
from ripple.ui.pilot import Pilot
from ripple.ui.scenes.choose import start_game
from ripple.ui.scenes.play import PlayScene

SCENARIO = SCENARIOS / "hotel.yaml"
"""A scenario with several customer segments of different demand: where weighting shows."""


def scoreboard(scene: PlayScene) -> dict[str, tuple[str, float | None]]:
    """The scoreboard's entries by their first word."""
    return {text.split()[0]: (text, meter) for text, meter in status_view(scene).entries}


def test_the_scoreboard_the_debrief_the_export_and_simulate_agree_every_turn(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save = tmp_path / "game.json"
    app = App((1024, 768), sound=False)
    assert start_game(app, SCENARIO, save_to=save) == []
    scene = app.top
    assert isinstance(scene, PlayScene)
    pilot = Pilot(app)
    session = scene.session
    shown: list[dict[str, tuple[str, float | None]]] = []
    while not session.over:
        for decision in POLICIES["customer"](session.game):
            session.choose(decision)
        pilot.press(pygame.K_e)
        pilot.until(lambda: not session.resolving and not scene.animating)
        shown.append(scoreboard(scene))
    game = session.game
    session.close()

    assert main(["simulate", str(SCENARIO), "--decisions", str(save), "--json"]) == 0
    simulated = json.loads(capsys.readouterr().out)["turns"]
    export_pack(read_save(save), load_scenario(SCENARIO), tmp_path / "pack")
    with (tmp_path / "pack" / "turns.csv").open(encoding="utf-8") as rows:
        exported = list(csv.DictReader(rows))
    charted = satisfaction_chart(game).series[0].values
    demands = [c.demand for c in game.scenario.customers]

    assert len(shown) == len(simulated) == len(exported) == len(charted) == game.turns
    for turn, (board, json_turn, row) in enumerate(zip(shown, simulated, exported, strict=True)):
        snapshot = game.snapshot(turn + 1)
        report = game.reports[turn]
        satisfaction = board["Customers"][1]
        assert satisfaction == pytest.approx(report.satisfaction, abs=1e-12), turn
        assert round(report.satisfaction, 6) == json_turn["satisfaction"]
        assert float(row["satisfaction"]) == json_turn["satisfaction"]
        assert charted[turn] == report.satisfaction
        assert board["Complaints"][0] == f"Complaints {json_turn['complaints']}"
        assert int(row["complaints"]) == json_turn["complaints"]
        lost = figures.churn([c.remaining for c in snapshot.customers], demands)
        assert board["Churn"][0] == f"Churn {lost:.0%}"
        heard = [h.heard for h in snapshot.handoffs if h.heard_turn]
        internal = figures.internal_satisfaction(heard)
        told = f"Internal {internal:.0%}" if internal is not None else "Internal ?"
        assert board["Internal"][0] == told, "as last heard, by asking"

    got = figures.game_outcomes(game)
    summary = dict(outcomes(game))
    assert summary["Satisfaction at the end"] == f"{got.satisfaction:.0%}"
    assert summary["Customers lost (churn)"] == f"{got.churn:.0%}" == shown[-1]["Churn"][0][6:]
    assert summary["Complaints"] == str(got.complaints)
    measured = measure(game, [d.id for d in game.scenario.departments])[0]
    batch = dict(zip(OUTCOMES, measured, strict=True))
    assert batch["satisfaction"] == got.satisfaction and batch["churn"] == got.churn
    assert batch["on_time_share"] == got.on_time and batch["complaints"] == got.complaints
    record = record_of(SCENARIO, game)
    assert record.satisfaction == round(got.satisfaction, 6)
    assert record.on_time == round(got.on_time, 6)


def test_figures_weigh_segments_by_demand_and_say_nothing_of_nothing() -> None:
    assert figures.external_satisfaction([1.0, 0.0], [30, 10]) == 0.75
    assert figures.external_satisfaction([1.0, 0.5], [0, 0]) == 0.75
    assert figures.churn([1.0, 0.5], [10, 30]) == pytest.approx(0.375)
    assert figures.internal_satisfaction([]) is None
    assert figures.share(3, 0) == 0.0 and figures.mean_lead_time(5, 0) == 0.0
    game = Game(load_scenario(SCENARIO), 1)
    assert figures.game_outcomes(game).completed == 0


def test_words_agree_with_numbers() -> None:
    """Nothing said of what has not happened; a count of one is singular; the work said to be
    inside adds up with the queues on screen."""
    import re

    from ripple.report.record import play_out
    from ripple.report.standings import summary
    from ripple.ui.draw.panel_views import _inspect_lines
    from ripple.ui.scenes.debrief_teams import team_lines

    app = App((1024, 768), sound=False)
    assert start_game(app, SCENARIOS / "claims.yaml", teams=("Red", "Blue")) == []
    scene = app.top
    assert isinstance(scene, PlayScene)
    lines = " ".join(line for _, said in team_lines(scene.session) for line in said)
    assert "no claims delivered yet" in lines and "% on time" not in lines
    assert summary(scene.session.game).startswith("No claims delivered yet")
    scene.session.close()

    game = Game(load_scenario(SCENARIOS / "claims.yaml"), 7)
    play_out(game, "silo")
    said = summary(game)
    queued = sum(d.queue for d in game.snapshot().departments)
    wip = int(game.totals()["wip"])
    assert f"{wip} still inside: {queued} in queues, {wip - queued} on their way" in said

    app = App((1024, 768), sound=False)
    assert start_game(app, SCENARIOS / "claims.yaml") == []
    scene = app.top
    assert isinstance(scene, PlayScene)
    pilot = Pilot(app)
    checked = 0
    while not scene.session.over:
        pilot.press(pygame.K_e)
        pilot.until(lambda: not scene.session.resolving)
        for name in [k for k in scene.hotspots if k.startswith(("dept:", "customer:"))]:
            scene.inspected = name
            text = " ".join(_inspect_lines(scene)[1])
            assert not re.search(r"\b1 (defects|complaints)\b", text), text
            checked += 1
    assert checked
    scene.session.close()


@pytest.mark.parametrize("name", ["claims", "council", "hotel", "software"])
def test_harm_counted_in_parts_adds_up_to_the_total_shown(name: str) -> None:
    """The Biggest ripples page's "17 with a defect", the defects chart's notes by origin and
    the Own numbers page's counts by department are the same 17."""
    from ripple.report.charts import defects_chart
    from ripple.report.record import play_out
    from ripple.report.standings import standings

    checked = 0
    for seed, policy in ((1, "silo"), (2, "none"), (3, "customer")):
        game = Game(load_scenario(SCENARIOS / f"{name}.yaml"), seed)
        play_out(game, policy)
        felt: dict[str, float] = {}
        for (_, kind), weight in game.attribution().items():
            felt[kind] = felt.get(kind, 0.0) + weight
        notes = [int(s.note.strip("()")) for s in defects_chart(game).series]
        assert sum(notes) == round(felt.get("defective", 0.0)), (seed, notes, felt)
        for kind, total in felt.items():
            counted = sum(s.kinds.get(kind, 0) for s in standings(game))
            assert counted == round(total), (seed, kind, counted, total)
            checked += 1
    assert checked


def test_whole_numbers_round_parts_so_they_add_up() -> None:
    parts = {"a": 5.4, "b": 5.4, "c": 6.2}
    assert figures.whole_numbers(parts) == {"a": 6, "b": 5, "c": 6}  # a tie: the first name
    assert sum(figures.whole_numbers(parts).values()) == round(sum(parts.values()))
    assert figures.whole_numbers({}) == {}


def test_a_customer_line_reads_as_satisfaction_then_what_happened() -> None:
    from ripple.engine.snapshot import CustomerView
    from ripple.ui.draw.graph import mood_words

    def view(mood: str, **counts: int) -> CustomerView:
        numbers = {"late": 0, "complaints": 0} | counts
        return CustomerView(
            "c", "C", mood, 0.92, 1.0, 10, 10, 8, numbers["late"], 0, 0, numbers["complaints"], 0
        )

    assert mood_words(view("complaining", complaints=3)) == "92% · 3 complained"
    assert mood_words(view("waiting", late=4)) == "92% · 4 late"
    assert mood_words(view("delighted")) == "92% delighted"
