"""The `ripple` command as a user meets it: output formats, exit codes, saves and replays."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ripple.cli import main
from ripple.engine.state import SECTIONS
from ripple.paths import DEFAULT_SCENARIO, SCENARIOS

TURN_KEYS = {
    "turn",
    "created",
    "completed",
    "scrapped",
    "wip",
    "on_time",
    "late",
    "defective",
    "complaints",
    "satisfaction",
}
TOTAL_KEYS = (TURN_KEYS - {"turn", "complaints"}) | {"mean_lead_time"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def simulate_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    status, out, err = run(capsys, "simulate", *args, "--json")
    assert status == 0, err
    return json.loads(out)


def test_simulate_json_has_the_promised_shape(capsys: pytest.CaptureFixture[str]) -> None:
    record = simulate_json(capsys)
    assert record["scenario"] == "The Claims Ripple"
    assert record["seed"] == 7 and record["policy"] == "none"
    assert len(record["turns"]) == 12
    created = completed = scrapped = 0
    for turn in record["turns"]:
        assert set(turn) >= TURN_KEYS
        assert turn["on_time"] + turn["late"] == turn["completed"]
        assert turn["log"] and all(isinstance(line, str) for line in turn["log"])
        assert sum(turn["parts"].values()) == len(turn["log"]), "every line in one part"
        assert list(turn["parts"]) == [p for p in SECTIONS if p in turn["parts"]]
        created += turn["created"]
        completed += turn["completed"]
        scrapped += turn["scrapped"]
        assert created == completed + scrapped + turn["wip"]
    totals = record["totals"]
    assert set(totals) >= TOTAL_KEYS
    assert (totals["created"], totals["completed"]) == (created, completed)
    for kind in ("late", "defective"):
        shares = sum(a["share"] for a in record["attribution"] if a["kind"] == kind)
        assert shares == pytest.approx(totals[kind], abs=1e-3)
    assert {a["kind"] for a in record["attribution"]} <= {"late", "defective", "lost"}


def test_seed_turns_and_policy_change_the_game(capsys: pytest.CaptureFixture[str]) -> None:
    base = simulate_json(capsys)
    assert simulate_json(capsys) == base
    assert simulate_json(capsys, "--seed", "8")["turns"] != base["turns"]
    assert len(simulate_json(capsys, "--turns", "3")["turns"]) == 3
    customer = simulate_json(capsys, "--policy", "customer")
    assert customer["policy"] == "customer"
    assert any(customer["decisions"])


def test_a_saved_game_replays_exactly(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    save = tmp_path / "game.json"
    played = simulate_json(capsys, "--policy", "silo", "--seed", "3", "--save", str(save))
    saved = json.loads(save.read_text())
    assert saved["format"] == "ripple-save" and saved["seed"] == 3
    assert len(saved["decisions"]) == 12
    replayed = simulate_json(capsys, "--decisions", str(save))
    assert replayed["turns"] == played["turns"]
    assert replayed["decisions"] == played["decisions"]


def test_a_bare_decisions_file_is_replayed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    decisions = tmp_path / "choices.json"
    decisions.write_text(json.dumps([[{"intervention": "talk", "target": "intake -> assessment"}]]))
    record = simulate_json(capsys, "--decisions", str(decisions))
    assert record["decisions"][0] == [{"intervention": "talk", "target": "intake -> assessment"}]
    assert record["decisions"][1:] == [[]] * 11


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not valid JSON"),
        ('{"format": "other"}', "not a saved game"),
        ('[[{"intervention": "magic"}]]', "'magic' is not on the menu"),
        ('[[{"intervention": "train", "target": "mars"}]]', "cannot be aimed at 'mars'"),
        ('[{"oops": 1}]', "must be a list"),
    ],
)
def test_bad_decisions_get_a_clear_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, message: str
) -> None:
    decisions = tmp_path / "bad.json"
    decisions.write_text(content)
    status, out, err = run(capsys, "simulate", "--decisions", str(decisions))
    assert status == 1 and out == ""
    assert message in err and "Traceback" not in err


def test_an_edited_scenario_is_flagged_when_replaying(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    scenario = tmp_path / "claims.yaml"
    scenario.write_text(DEFAULT_SCENARIO.read_text())
    save = tmp_path / "game.json"
    assert run(capsys, "simulate", str(scenario), "--save", str(save))[0] == 0
    scenario.write_text(DEFAULT_SCENARIO.read_text().replace("capacity: 44", "capacity: 45"))
    status, _, err = run(capsys, "simulate", str(scenario), "--decisions", str(save))
    assert status == 0 and "has changed since" in err


def test_the_story_tells_where_ripples_started(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "simulate")
    assert status == 0
    for heading in (
        "Where the ripples started:",
        "What customers felt:",
        "Questions for the debrief:",
    ):
        assert heading in out
    assert "Claims Intake" in out and "Policyholders" in out


def test_a_broken_scenario_gets_every_problem_and_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        DEFAULT_SCENARIO.read_text()
        .replace("    to: assessment", "    to: asessment")
        .replace("capacity: 34", "capacity: thirty")
    )
    status, out, _ = run(capsys, "validate", str(broken))
    lines = out.strip().splitlines()
    assert status == 1 and len(lines) == 2
    assert all(line.startswith(f"{broken}:") and ": error: " in line for line in lines)
    assert "did you mean 'assessment'?" in out
    status, out, err = run(capsys, "simulate", str(broken))
    assert status == 1 and "did you mean 'assessment'?" in out and "Traceback" not in err


def test_validate_passes_every_shipped_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in SCENARIOS.glob("*.yaml"))
    status, out, _ = run(capsys, "validate", "--quiet", *files)
    assert status == 0 and out == ""


def test_schema_prints_the_committed_schema(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "schema")
    assert status == 0
    assert out == (SCENARIOS / "scenario.schema.json").read_text()


def test_every_file_argument_defaults_to_the_shipped_scenario(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(capsys, "validate")[0] == 0
    assert run(capsys, "simulate", "--turns", "1")[0] == 0


def test_python_dash_m_ripple_runs_with_no_display_and_no_input() -> None:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy"}
    result = subprocess.run(
        [sys.executable, "-m", "ripple", "simulate", "--json", "--turns", "2"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["turns"][1]["turn"] == 2


def test_unknown_policy_is_refused_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["simulate", "--policy", "greedy"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
