"""`ripple balance`: does each scenario teach, against players who read nothing from the game?

The rule is checked first on games made up to order (known gains and spreads, known harm),
then on small real runs: a scenario no player can be beaten on, shipped scenarios with
shortened games, and the command's answers. No test plays 1,000 games a player: the full run
belongs to `benchmarks/balance.py`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

from ripple.batch import balance
from ripple.batch.balance import (
    BLIND,
    Gain,
    Verdict,
    blind_players,
    gain,
    games,
    judge,
    page,
    players,
    table,
    verdict,
)
from ripple.batch.runs import OUTCOMES, Batch
from ripple.cli import main
from ripple.commands.balance import COMMAND
from ripple.engine.state import KINDS
from ripple.paths import ROOT, SCENARIOS
from ripple.scenario.load import load_scenario
from ripple.scenario.menu import STANDARD_MENU
from tests.factory import chain

CLAIMS = SCENARIOS / "claims.yaml"
DEPARTMENTS = ("a", "b", "c", "d", "e", "f")
"""The departments of the made-up games: a and b look best on their own numbers."""


# --- the rule, on games made up to order ----------------------------------------------------


def test_a_gain_is_beyond_the_spread_only_when_it_is_larger() -> None:
    base = np.array([0.80, 0.70, 0.90, 0.75])
    steady = gain(base + 0.10, base)
    assert steady.mean == pytest.approx(0.10) and steady.spread == pytest.approx(0.0, abs=1e-12)
    assert steady.beyond_spread and steady.won == 1.0 and steady.lost == 0.0

    # Ahead on average, but within what another run on other seeds could undo.
    lucky = gain(base + np.array([0.2, -0.1, 0.2, -0.1]), base)
    assert lucky.mean == pytest.approx(0.05) and lucky.spread == pytest.approx(0.0866, abs=1e-4)
    assert not lucky.beyond_spread and lucky.won == 0.5 and lucky.lost == 0.5

    clear = gain(base + np.array([0.1, 0.2, 0.1, 0.2]), base)
    assert clear.beyond_spread and clear.mean > balance.MARGIN * clear.spread > 0

    assert not gain(base, base).beyond_spread  # no gain, no spread: a draw is not a win
    assert not gain(base - 0.1, base).beyond_spread
    assert not gain(np.array([0.9]), np.array([0.1])).beyond_spread  # one game has no spread
    assert not Gain(mean=0.03, spread=0.01, won=0.9, lost=0.1).beyond_spread  # 3 spreads, not more
    assert Gain(mean=0.031, spread=0.01, won=0.9, lost=0.1).beyond_spread
    # Far ahead on average, but worse in most games: a few big wins are not the lesson.
    assert not Gain(mean=0.1, spread=0.01, won=0.4, lost=0.6).beyond_spread


def made_batch(
    satisfaction: dict[str, list[float]],
    on_time: dict[str, list[float]],
    *,
    harmed: tuple[str, ...] = ("b", "c", "d"),
) -> Batch:
    """Games made to order: each player's satisfaction and on-time share game by game; under
    silo, a and b finish most work for their capacity and the harm starts in `harmed`,
    the first the most."""
    policies = tuple(satisfaction)
    runs = len(satisfaction[policies[0]])
    outcomes = {p: np.zeros((runs, len(OUTCOMES))) for p in policies}
    for p in policies:
        outcomes[p][:, OUTCOMES.index("satisfaction")] = satisfaction[p]
        outcomes[p][:, OUTCOMES.index("on_time_share")] = on_time[p]
    harm = {p: np.zeros((runs, len(DEPARTMENTS), len(KINDS))) for p in policies}
    for weight, department in zip((3.0, 2.0, 1.0), harmed, strict=False):
        harm["silo"][:, DEPARTMENTS.index(department), 0] = weight
    own = {p: np.full((runs, len(DEPARTMENTS)), 0.5) for p in policies}
    own["silo"][:, 0], own["silo"][:, 1] = 0.9, 0.8
    return Batch(
        title="Made up",
        base_seed=1,
        seeds=tuple(range(runs)),
        policies=policies,
        departments=DEPARTMENTS,
        names={d: f"Dept {d.upper()}" for d in DEPARTMENTS},
        outcomes=outcomes,
        harm=harm,
        own=own,
    )


CUSTOMER = [0.90, 0.92, 0.88, 0.90]
ON_TIME = [0.95, 0.96, 0.94, 0.95]


def judged(silo_satisfaction: list[float], harmed: tuple[str, ...] = ("b", "c", "d")) -> Verdict:
    """customer against none (clearly beaten) and silo (satisfaction as given)."""
    batch = made_batch(
        {
            "customer": CUSTOMER,
            "none": [s - 0.10 for s in CUSTOMER],
            "silo": silo_satisfaction,
        },
        {
            "customer": ON_TIME,
            "none": [s - 0.05 for s in ON_TIME],
            "silo": [s - 0.04 for s in ON_TIME],
        },
        harmed=harmed,
    )
    return verdict(CLAIMS, load_scenario(CLAIMS), batch)


def test_a_scenario_teaches_when_every_blind_player_is_beaten_and_pride_harms() -> None:
    found = judged([s - 0.15 for s in CUSTOMER])
    assert [r.name for r in found.rivals] == ["none", "silo"]
    assert all(r.beaten for r in found.rivals)
    assert found.reference["satisfaction"] == pytest.approx(0.90)
    assert found.rivals[1].means["satisfaction"] == pytest.approx(0.75)
    assert found.leaders == ("Dept A", "Dept B")
    assert found.causes == ("Dept B", "Dept C", "Dept D")
    assert found.proud_harm and found.teaches
    # silo trails by more than none on satisfaction, so none is the closest there.
    assert found.closest("satisfaction").name == "none"
    assert found.closest("on_time_share").name == "silo"


def test_one_blind_player_not_beaten_is_enough_to_fail() -> None:
    # silo is ahead of customer in two of the four games: a gain of +5 pts, spread 8.7.
    found = judged([c - d for c, d in zip(CUSTOMER, (0.2, -0.1, 0.2, -0.1), strict=True)])
    silo = found.rivals[1]
    assert silo.gains["satisfaction"].mean == pytest.approx(0.05)
    assert not silo.gains["satisfaction"].beyond_spread
    assert silo.gains["on_time_share"].beyond_spread
    assert found.rivals[0].beaten and not silo.beaten
    assert found.proud_harm and not found.teaches
    assert found.closest("satisfaction") is silo


def test_without_proud_harm_a_scenario_does_not_teach() -> None:
    found = judged([s - 0.15 for s in CUSTOMER], harmed=("c", "d", "e"))
    assert all(r.beaten for r in found.rivals)
    assert found.causes == ("Dept C", "Dept D", "Dept E")
    assert not found.proud_harm and not found.teaches


def summary_rows(text: str) -> list[str]:
    """The rows of the first table (the summary), header and rule left out."""
    first = text[text.index("| scenario |") :].split("\n\n")[0]
    return first.splitlines()[2:]


def player_rows(text: str, file: str) -> list[str]:
    """The rows of one scenario's table of blind players."""
    section = text[text.index("### ") :]
    section = section[section.index(f"(`{file}`)") :]
    table_text = section[section.index("| blind player |") :].split("\n\n")[0]
    return table_text.splitlines()[2:]


def test_the_table_shows_the_summary_then_every_blind_player() -> None:
    teaches = judged([s - 0.15 for s in CUSTOMER])
    fails = judged([c - d for c, d in zip(CUSTOMER, (0.2, -0.1, 0.2, -0.1), strict=True)])
    text = "\n".join(table([teaches, fails]))
    assert text.startswith("| scenario | difficulty | customer: satisfaction |")
    summary = summary_rows(text)
    assert len(summary) == 2
    assert summary[0].endswith("| yes |") and summary[1].endswith("| **no** |")
    assert "| 90.0% | 95.0% | `none`: +10.0 pts (spread 0.00) |" in summary[0]
    assert "`silo`: **+5.0 pts (spread 8.66)**" in summary[1]

    rows = player_rows(text, "claims.yaml")
    assert [row.split(" | ")[0] for row in rows] == ["| `none`", "| `silo`"]
    assert rows[0] == (
        "| `none` | 80.0% | 90.0% | +10.0 pts (spread 0.00), won 100%, lost 0% "
        "| +5.0 pts (spread 0.00), won 100%, lost 0% | yes |"
    )
    assert text.count("`customer` (the reference): satisfaction 90.0%, on time 95.0%") == 2
    assert text.rstrip().endswith(
        "| `silo` | 85.0% | 91.0% | **+5.0 pts (spread 8.66)**, won 50%, lost 50% "
        "| +4.0 pts (spread 0.00), won 100%, lost 0% | **no** |"
    )


def test_the_page_says_how_it_was_made_and_what_the_spread_means() -> None:
    text = page([judged([s - 0.15 for s in CUSTOMER])], COMMAND)
    assert text.startswith("# Balance: does each scenario teach?\n")
    assert f"Made by `{COMMAND}`" in text and "4 seeded games" in text
    for heading in (
        "## The players who read nothing",
        '## What "beyond the spread" means',
        "## When a scenario teaches",
        "## Summary",
        "## Every blind player",
        "### The Claims Ripple (`claims.yaml`)",
    ):
        assert f"\n{heading}\n" in text, heading
    for player in (*BLIND, "only:<id>"):
        assert f"- `{player}`" in text, player
    assert "standard error" in text and "999 times in 1,000" in text
    assert text.index("## Summary") < text.index("| scenario |") < text.index("| blind player |")


# --- who plays ------------------------------------------------------------------------------


def test_the_blind_players_are_the_fixed_four_and_one_per_intervention() -> None:
    standard = chain(3)
    assert standard.interventions is None
    assert blind_players(standard) == (*BLIND, *(f"only:{i.id}" for i in STANDARD_MENU))
    claims = load_scenario(CLAIMS)
    assert claims.interventions is not None
    assert blind_players(claims) == (*BLIND, *(f"only:{i.id}" for i in claims.interventions))
    assert players(claims) == ("customer", *blind_players(claims))
    assert games([standard, claims], 10) == 10 * (len(players(standard)) + len(players(claims)))


# --- real games, few of them ----------------------------------------------------------------


@pytest.fixture
def no_budget(tmp_path: Path) -> Path:
    """A scenario with nothing to spend: every player plays the same game as customer."""
    scenario = chain(4, turns=5, budget=0, capacity=18, quality=0.9, demand=20)
    path = tmp_path / "no_budget.yaml"
    data = scenario.model_dump(by_alias=True, exclude_unset=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_a_scenario_whose_blind_players_match_customer_does_not_teach(
    no_budget: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["balance", str(no_budget), "--runs", "20", "--jobs", "1"])
    out = capsys.readouterr().out
    assert status == 1
    (row,) = summary_rows(out)
    assert row.startswith("| Chain (`no_budget.yaml`) |") and row.endswith("| **no** |")
    rows = player_rows(out, "no_budget.yaml")
    assert len(rows) == len(blind_players(load_scenario(no_budget)))
    for line in rows:
        assert "**+0.0 pts (spread 0.00)**, won 0%, lost 0%" in line
        assert line.endswith("| **no** |")


def test_small_runs_of_shipped_scenarios_are_judged_as_the_rule_says() -> None:
    paths = [CLAIMS, SCENARIOS / "hotel.yaml"]
    scenarios = [(path, load_scenario(path)) for path in paths]
    heard: list[tuple[int, int]] = []
    alone = judge(scenarios, 12, turns=4, progress=lambda done, total: heard.append((done, total)))
    assert judge(scenarios, 12, turns=4, jobs=2) == alone
    total = games([scenario for _, scenario in scenarios], 12)
    assert heard[-1] == (total, total) and all(t == total for _, t in heard)
    assert [done for done, _ in heard] == sorted(done for done, _ in heard)
    for (_, scenario), found in zip(scenarios, alone, strict=True):
        assert found.runs == 12 and found.title == scenario.title
        assert tuple(r.name for r in found.rivals) == blind_players(scenario)
        for rival in found.rivals:
            for outcome, got in rival.gains.items():
                rule = got.mean > balance.MARGIN * got.spread and got.won > got.lost
                assert got.beyond_spread == rule, outcome
                assert 0.0 <= got.won + got.lost <= 1.0
            assert rival.beaten == all(g.beyond_spread for g in rival.gains.values())
        assert found.teaches == (all(r.beaten for r in found.rivals) and found.proud_harm)


# --- the command ----------------------------------------------------------------------------


def test_the_exit_status_says_whether_every_scenario_teaches(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    teaches = judged([s - 0.15 for s in CUSTOMER])
    fails = judged([c - d for c, d in zip(CUSTOMER, (0.2, -0.1, 0.2, -0.1), strict=True)])
    for verdicts, status in (([teaches], 0), ([teaches, fails], 1)):
        monkeypatch.setattr(balance, "judge", lambda *_, found=verdicts, **__: found)
        assert main(["balance", str(CLAIMS), "--runs", "4", "--jobs", "1"]) == status
        out, err = capsys.readouterr()
        assert out == "\n".join(table(verdicts)) + "\n"
        assert "a quick look; the verdict is made over 1,000" in err


def test_problems_in_every_file_are_shown_at_their_place_and_nothing_is_played(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = CLAIMS.read_text(encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("to: assessment", "to: asessment", 1), encoding="utf-8")
    short = tmp_path / "short.yaml"
    short.write_text("title: x\nturns: 3\n", encoding="utf-8")
    assert main(["balance", str(broken), str(CLAIMS), str(short), "--runs", "5"]) == 1
    out = capsys.readouterr().out
    assert re.search(rf"^{re.escape(str(broken))}:\d+:\d+: error: .*asessment", out, re.M)
    assert re.search(rf"^{re.escape(str(short))}:\d+:\d+: error: ", out, re.M)
    assert "| scenario |" not in out


def test_the_benchmark_times_the_whole_balance() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "balance.py"), "--runs", "2", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    shipped = [load_scenario(path) for path in balance.teaching_scenarios()]
    assert figures["games"] == games(shipped, 2) and figures["problem"] is None
    assert figures["scenarios"] == len(shipped)
    assert figures["wall_seconds"] > 0 and figures["games_per_second"] > 0
