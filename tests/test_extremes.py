"""Valid but extreme scenarios play to the end without error and keep the engine's laws.

Zero capacity, zero demand, one turn and five hundred, a thousand departments, loops of
hand-offs, every department a customer of every other, quality 0, checks and
communication at both ends, a million items a turn, variability 5, every event at once,
budgets of 0 and 1000; and `ripple simulate` and `ripple validate` on such files. Longer
runs live in benchmarks/extremes.py, which the last test runs in its quick mode.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

from ripple.cli import main
from ripple.engine import Game
from ripple.engine.policies import POLICIES
from ripple.engine.work import HYPERGEOMETRIC_LIMIT, defective_picked
from tests.factory import (
    chain,
    changed,
    complete,
    every_event,
    flood,
    loop,
    played,
    tree,
    with_customer,
)

ROOT = Path(__file__).resolve().parent.parent
EVERY_POLICY = sorted(POLICIES)


def delivered_to_customers(game: Game) -> dict[str, int]:
    """Items of demand (not complaints) delivered over the whole game, by customer."""
    delivered = {c.id: 0 for c in game.scenario.customers}
    for turn in range(1, game.turn + 1):
        for segment in game.snapshot(turn).customers:
            delivered[segment.id] += segment.delivered
    return delivered


@pytest.mark.parametrize("policy", EVERY_POLICY)
def test_zero_capacity_at_one_department_piles_work_up_there(policy: str) -> None:
    scenario = with_customer(
        changed(chain(4, capacity=30, turns=20), departments={1: {"capacity": 0}}), patience=5
    )
    game = played(scenario, policy)
    departments = {d.id: d for d in game.snapshot().departments}
    piled = [{d.id: d.queue for d in game.snapshot(t).departments}["d1"] for t in range(1, 21)]
    assert max(piled) > 0
    assert departments["d2"].total_processed == departments["d3"].total_processed == 0
    assert delivered_to_customers(game) == {"people": 0}
    assert game.totals()["scrapped"] > 0
    lost_at = {department for department, kind in game.attribution() if kind == "lost"}
    assert "d1" in lost_at and lost_at <= {"d0", "d1"}


@pytest.mark.parametrize("policy", EVERY_POLICY)
def test_zero_capacity_everywhere_keeps_every_item_inside(policy: str) -> None:
    game = played(chain(4, capacity=0, demand=20, turns=10), policy)
    totals = game.totals()
    assert totals["completed"] == totals["scrapped"] == 0
    assert totals["wip"] == totals["created"] == 200
    assert totals["satisfaction"] == pytest.approx(0.8)


@pytest.mark.parametrize("policy", EVERY_POLICY)
def test_zero_demand_leaves_the_organisation_quiet(policy: str) -> None:
    game = played(chain(4, demand=0, turns=10), policy)
    assert all(r.created == r.completed == r.wip == r.complaints == 0 for r in game.reports)
    assert [r.satisfaction for r in game.reports] == [pytest.approx(0.8)] * 10
    assert game.ripples() == []


@pytest.mark.parametrize("policy", EVERY_POLICY)
def test_a_one_turn_game_admits_its_demand_and_ends(policy: str) -> None:
    game = played(chain(4, demand=20, turns=1), policy)
    assert game.over and len(game.reports) == 1
    assert game.reports[0].created == game.reports[0].wip == 20


@pytest.mark.parametrize("policy", EVERY_POLICY)
def test_five_hundred_turns_of_a_small_organisation(policy: str) -> None:
    scenario = with_customer(chain(3, capacity=22, quality=0.95, turns=500), variability=0.3)
    game = played(scenario, policy)
    assert len(game.reports) == 500 and game.totals()["completed"] > 0


@pytest.mark.parametrize("policy", EVERY_POLICY)
def test_a_chain_of_a_thousand_departments(policy: str) -> None:
    game = played(chain(1000, capacity=30, quality=0.99, demand=20, turns=3), policy)
    assert len(game.snapshot().departments) == 1000
    assert game.totals()["wip"] == 60


@pytest.mark.parametrize("policy", EVERY_POLICY)
def test_a_wide_tree_of_a_thousand_departments_delivers(policy: str) -> None:
    game = played(tree(1000, turns=6), policy)
    assert game.totals()["completed"] > 0


@pytest.mark.parametrize("policy", EVERY_POLICY)
def test_routes_through_a_loop_of_hand_offs(policy: str) -> None:
    game = played(loop(), policy)
    delivered = delivered_to_customers(game)
    assert len(delivered) == 3, "across it, round it twice, halfway: three customers"
    assert all(delivered.values()), delivered


@pytest.mark.parametrize("policy", EVERY_POLICY)
def test_every_department_a_customer_of_every_other(policy: str) -> None:
    scenario = complete(12)
    assert len(scenario.dependencies) == 12 * 11
    game = played(scenario, policy)
    assert game.totals()["completed"] > 0


@pytest.mark.parametrize(
    ("checks", "communication"), [(1.0, 1.0), (0.0, 0.0), (1.0, 0.0), (0.0, 1.0)]
)
def test_a_department_of_quality_zero(checks: float, communication: float) -> None:
    scenario = changed(
        chain(4, capacity=40, demand=10, turns=15),
        departments={1: {"quality": 0.0}, 2: {"checks": checks}, 3: {"checks": checks}},
        dependencies={1: {"communication": communication}},
        customers={0: {"complaint_chance": {"late": 0, "defective": 0, "lost": 0}}},
    )
    game = played(scenario)
    totals = game.totals()
    assert game.snapshot().departments[1].total_defects_made > 0
    if checks == 1.0 and communication == 1.0:
        assert totals["defective"] == 0  # every defect is caught and reworked
    if checks == 0.0:
        assert {d for d, kind in game.attribution() if kind == "defective"} == {"d1"}
    if checks == 0.0 and communication == 0.0:
        assert totals["defective"] == totals["completed"] > 0  # nothing gets through right


@pytest.mark.parametrize("policy", EVERY_POLICY)
def test_a_million_items_a_turn_at_a_department_finishing_one(policy: str) -> None:
    scenario = with_customer(
        chain(3, capacity=1, demand=1_000_000, turns=8), variability=5.0, patience=3
    )
    game = played(scenario, policy)
    totals = game.totals()
    assert totals["created"] > 1_000_000 and totals["scrapped"] > 0
    assert totals["completed"] <= 3 * 8


@pytest.mark.parametrize("policy", EVERY_POLICY)
def test_demand_of_variability_five(policy: str) -> None:
    game = played(with_customer(chain(4, capacity=30, turns=30), variability=5.0), policy)
    created = [r.created for r in game.reports]
    assert len(set(created)) > 10


@pytest.mark.parametrize("policy", EVERY_POLICY)
def test_every_event_at_once(policy: str) -> None:
    scenario = every_event(chain(4, capacity=30, quality=0.9, turns=12))
    game = played(scenario, policy)
    assert game.totals()["created"] > 0


def test_every_event_injected_every_turn_too() -> None:
    scenario = every_event(chain(3, capacity=30, quality=0.9, turns=8))
    game = played(scenario, inject=tuple(e.id for e in scenario.events))
    assert sum("Event" in line for line in game.reports[0].log) >= len(scenario.events)


@pytest.mark.parametrize("budget", [0, 1000])
@pytest.mark.parametrize("policy", EVERY_POLICY)
def test_budgets_of_nothing_and_of_a_thousand(budget: int, policy: str) -> None:
    scenario = changed(chain(4, capacity=22, quality=0.9, turns=10), budget=budget)
    game = played(scenario, policy)
    chosen = sum(len(d) for d in game.decisions)
    assert chosen == 0 if budget == 0 or policy == "none" else chosen > 0


def test_batches_of_over_a_billion_items_split_without_error() -> None:
    """Regression: numpy's hypergeometric draw refuses a billion good items; splitting such
    a batch at a slow department raised ValueError on the third turn of `flood()`."""
    game = played(flood(3))
    assert game.reports[-1].wip > 4 * HYPERGEOMETRIC_LIMIT


def test_defective_picked_stays_within_what_each_batch_can_give() -> None:
    rng = np.random.default_rng(7)
    billion = HYPERGEOMETRIC_LIMIT
    count = np.array([10, 3 * billion, 3 * billion, 2 * billion])
    defective = np.array([4, billion, count[2] - 2, 5])
    picked = np.array([6, 1000, 1000, count[3] - 3])
    drawn = defective_picked(rng, defective, count, picked)
    assert (drawn >= np.maximum(0, picked - (count - defective))).all()
    assert (drawn <= np.minimum(picked, defective)).all()
    assert drawn[3] >= 2  # only 3 items are left behind, so at least 2 of 5 defects go along


EXTREME_FILES = {
    "zero-capacity": changed(chain(3, capacity=0, turns=4)),
    "zero-demand": chain(3, demand=0, turns=4),
    "one-turn": chain(3, turns=1),
    "flood": with_customer(chain(3, capacity=1, demand=1_000_000, turns=4), variability=5.0),
    "loop": loop(6),
    "complete": complete(12, turns=4),
    "every-event": every_event(chain(3, turns=4)),
    "budget-1000": changed(chain(3, turns=4), budget=1000),
}


@pytest.mark.parametrize("name", sorted(EXTREME_FILES))
def test_the_command_line_plays_and_checks_extreme_files(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = EXTREME_FILES[name]
    path = tmp_path / f"{name}.yaml"
    data = scenario.model_dump(by_alias=True, exclude_unset=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    checked = capsys.readouterr()
    assert "Traceback" not in checked.out + checked.err
    assert all(": warning: " in line for line in checked.out.splitlines())
    if name in ("zero-capacity", "flood"):
        assert "its queue will grow every turn" in checked.out
    assert main(["simulate", str(path), "--policy", "customer"]) == 0
    told = capsys.readouterr().out
    assert told.startswith(f"{scenario.title} - seed") and "turn" in told


def test_the_opt_in_extremes_benchmark_runs_in_quick_mode() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "extremes.py"), "--quick"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "cases" in result.stdout and "FAIL" not in result.stdout
