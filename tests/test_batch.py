"""Balancing runs: `ripple simulate --runs N` as a facilitator meets it, and the sums behind it.

Functional checks on small batches of the default scenario, and of several scenarios played
in one pool (as `ripple balance` plays them); the speed target belongs to
`benchmarks/batch_speed.py`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from concurrent.futures import ProcessPoolExecutor
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ripple.batch import runs
from ripple.batch.runs import OUTCOMES, Lineup, difference, play_batch, play_lineups, seeds
from ripple.cli import main
from ripple.paths import DEFAULT_SCENARIO, SCENARIOS
from ripple.scenario.load import load_scenario
from tests.factory import chain

RUNS = 20
DISTRIBUTION_KEYS = {"mean", "sd", "p5", "p50", "p95"}
CAUSE_KEYS = {"department", "name", "share", "late", "defective", "lost"}


def simulate(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    status = main(["simulate", *args])
    out, err = capsys.readouterr()
    assert status == 0, err
    return out


def batch_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    return json.loads(simulate(capsys, "--runs", str(RUNS), "--json", *args))


@pytest.fixture(scope="module")
def compared() -> dict:
    """none against customer, 20 games each, played once for the tests that read it."""
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["simulate", "--runs", str(RUNS), "--compare", "none,customer", "--json"]) == 0
    return json.loads(out.getvalue())


def test_json_has_a_distribution_per_policy_and_outcome(compared: dict) -> None:
    assert compared["runs"] == RUNS
    assert set(compared["policies"]) == {"none", "customer"}
    for outcomes in compared["policies"].values():
        assert set(outcomes) == set(OUTCOMES)
        for name, found in outcomes.items():
            assert set(found) == DISTRIBUTION_KEYS, name
            assert found["p5"] <= found["p50"] <= found["p95"], name
        for share in ("satisfaction", "on_time_share", "defective_share", "churn"):
            assert 0.0 <= outcomes[share]["p5"] <= outcomes[share]["p95"] <= 1.0
        on_time, late = outcomes["on_time_share"]["mean"], outcomes["late_share"]["mean"]
        assert on_time + late == pytest.approx(1.0, abs=1e-5)


def test_json_names_the_biggest_root_causes(compared: dict) -> None:
    departments = {"intake", "assessment", "repairs", "payments", "care"}
    for policy in ("none", "customer"):
        causes = compared["root_causes"][policy]
        assert 1 <= len(causes) <= 5
        assert all(set(cause) == CAUSE_KEYS for cause in causes)
        assert {cause["department"] for cause in causes} <= departments
        shares = [cause["share"] for cause in causes]
        assert shares == sorted(shares, reverse=True)
        # Each share is rounded to 6 decimals: the sum may pass 1 by half a millionth each.
        assert sum(shares) <= 1.0 + 5e-7 * len(shares) + 1e-12


def test_json_compares_paired_games(compared: dict) -> None:
    (comparison,) = compared["comparisons"]
    assert (comparison["baseline"], comparison["policy"]) == ("none", "customer")
    for name, found in comparison["outcomes"].items():
        assert found["low"] <= found["difference"] <= found["high"], name
        assert found["clear"] == (found["low"] > 0 or found["high"] < 0), name
    none, customer = compared["policies"]["none"], compared["policies"]["customer"]
    gap = customer["satisfaction"]["mean"] - none["satisfaction"]["mean"]
    assert comparison["outcomes"]["satisfaction"]["difference"] == pytest.approx(gap, abs=1e-5)


def test_results_do_not_depend_on_the_number_of_processes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    alone = batch_json(capsys, "--jobs", "1", "--policy", "silo")
    pooled = batch_json(capsys, "--jobs", "2", "--policy", "silo")
    assert alone == pooled


def test_seeds_come_from_the_scenario_seed(capsys: pytest.CaptureFixture[str]) -> None:
    first = simulate(capsys, "--runs", "6", "--csv", "--jobs", "1")
    assert simulate(capsys, "--runs", "6", "--csv", "--jobs", "1") == first
    assert simulate(capsys, "--runs", "6", "--csv", "--jobs", "1", "--seed", "7") == first
    assert simulate(capsys, "--runs", "6", "--csv", "--jobs", "1", "--seed", "8") != first
    assert seeds(7, 6) == seeds(7, 6)
    assert seeds(7, 3) == seeds(7, 6)[:3]
    assert len(set(seeds(7, 1000))) == 1000


def test_csv_has_one_row_per_game(capsys: pytest.CaptureFixture[str]) -> None:
    out = simulate(capsys, "--runs", "4", "--compare", "silo,customer,none", "--csv")
    table = list(csv.reader(io.StringIO(out)))
    assert table[0] == ["policy", "run", "seed", *OUTCOMES]
    assert len(table) == 1 + 4 * 3
    assert [row[0] for row in table[1:]] == ["silo"] * 4 + ["customer"] * 4 + ["none"] * 4
    silo_seeds = [row[2] for row in table[1:5]]
    assert silo_seeds == [row[2] for row in table[5:9]] == [str(s) for s in seeds(7, 4)]


def test_plain_compare_shows_both_policies_and_a_verdict(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = simulate(capsys, "--runs", str(RUNS), "--compare", "none,customer")
    assert "none: mean (p5-p95)" in out and "customer: mean (p5-p95)" in out
    assert "difference (customer - none)" in out
    assert re.search(r"clear, (better|worse)|within noise", out)
    assert "Where the harm started (customer):" in out


def test_plain_single_policy_shows_the_spread(capsys: pytest.CaptureFixture[str]) -> None:
    out = simulate(capsys, "--runs", "5", "--jobs", "1")
    assert "5 games a policy (none)" in out
    assert re.search(r"^outcome\s+mean\s+sd\s+p5\s+p50\s+p95$", out, re.MULTILINE)
    assert "difference" not in out
    assert "\r" not in out


def test_without_runs_one_game_is_played_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    record = json.loads(simulate(capsys, "--json"))
    assert record["seed"] == 7 and len(record["turns"]) == 12


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--compare", "none,customer"], "--compare needs --runs"),
        (["--csv"], "--csv needs --runs"),
        (["--runs", "3", "--policy", "silo", "--compare", "none,silo"], "not allowed with"),
        (["--runs", "3", "--compare", "none"], "two or more"),
        (["--runs", "3", "--compare", "none,selfish"], "no policy called 'selfish'"),
        (["--runs", "3", "--json", "--csv"], "not allowed with"),
        (["--runs", "3", "--save", "x.json"], "cannot go with --runs"),
        (["--runs", "0"], "must be 1 or more"),
    ],
)
def test_options_that_do_not_fit_are_refused(
    capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["simulate", *args])
    assert stopped.value.code == 2
    assert says in capsys.readouterr().err


def test_a_broken_scenario_is_reported_at_its_place(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    text = DEFAULT_SCENARIO.read_text(encoding="utf-8").replace("to: repairs", "to: repiars", 1)
    broken.write_text(text, encoding="utf-8")
    status = main(["simulate", str(broken), "--runs", "3"])
    out, _ = capsys.readouterr()
    assert status == 1
    assert re.search(rf"^{re.escape(str(broken))}:\d+:\d+: error: .*repiars", out, re.MULTILINE)


def test_a_difference_is_clear_only_when_its_interval_leaves_out_zero() -> None:
    rng = np.random.default_rng(1)
    base = rng.normal(0.8, 0.05, 400)
    better = difference(base, base + 0.01 + rng.normal(0, 0.01, 400))
    assert better.clear and better.low > 0
    noise = difference(base, base + rng.normal(0, 0.05, 400))
    assert noise.low < 0 < noise.high and not noise.clear
    same = difference(base, base.copy())
    assert (same.mean, same.low, same.high, same.clear) == (0.0, 0.0, 0.0, False)


def test_one_pool_plays_several_scenarios_as_each_would_be_played_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pools: list[ProcessPoolExecutor] = []

    class Counted(ProcessPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            pools.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(runs, "ProcessPoolExecutor", Counted)
    paths = [DEFAULT_SCENARIO, SCENARIOS / "hotel.yaml"]
    lineups = [
        Lineup(load_scenario(paths[0]), ("none", "only:talk")),
        Lineup(load_scenario(paths[1]), ("silo", "random", "customer")),
    ]
    heard: list[int] = []
    pooled = play_lineups(lineups, 6, turns=3, jobs=2, progress=lambda done, _: heard.append(done))
    assert len(pools) == 1
    assert heard[-1] == 6 * (2 + 3) and heard == sorted(heard)
    for path, lineup, batch in zip(paths, lineups, pooled, strict=True):
        alone = play_batch(path, lineup.scenario, lineup.policies, 6, turns=3, jobs=1)
        assert batch.seeds == alone.seeds == tuple(seeds(lineup.scenario.seed, 6))
        assert batch.policies == lineup.policies and batch.title == lineup.scenario.title
        for policy in lineup.policies:
            for games in ("outcomes", "harm", "own"):
                assert np.array_equal(
                    getattr(batch, games)[policy], getattr(alone, games)[policy]
                ), (path.name, policy, games)
    assert len(pools) == 1


def test_the_processes_play_the_scenario_they_are_handed_not_its_file() -> None:
    # Built in code, so there is no file to read: a file edited mid-run would be the same.
    made = chain(3, turns=3, quality=0.9)
    lineups = [Lineup(made, ("none", "customer"))]
    pooled, alone = (play_lineups(lineups, 4, jobs=jobs)[0] for jobs in (2, 1))
    for policy in ("none", "customer"):
        assert np.array_equal(pooled.outcomes[policy], alone.outcomes[policy]), policy
