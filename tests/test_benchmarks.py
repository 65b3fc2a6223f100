"""The benchmark scripts build the organisation they claim and the SimPy model conserves work.

Functional checks only, on a tiny organisation: timings belong to `make bench`. The scripts
run here as they do from the command line, in their quickest modes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.organisations import big_org, chain_demands, write_yaml

pytest.importorskip("simpy")
from benchmarks import simpy_baseline

Scenario = dict[str, Any]
ROOT = Path(__file__).resolve().parent.parent
CORE_KEYS = {
    "top": {"title", "turns", "seed", "departments", "dependencies", "customers"},
    "departments": {"id", "name", "capacity", "quality"},
    "dependencies": {"from", "to"},
    "customers": {"id", "name", "enters_at", "served_by", "demand"},
}
TINY = {"chains": 3, "length": 4, "demand_per_turn": 60, "turns": 5}
"""Three chains of four departments, 60 items a turn, five turns."""


def script(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`python benchmarks/<name>.py ARGS` from the repository root, as the README runs it."""
    command = [sys.executable, str(ROOT / "benchmarks" / f"{name}.py"), *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)


@pytest.fixture
def tiny() -> Scenario:
    """The tiny organisation."""
    return big_org(**TINY)


def test_tiny_org_has_the_promised_shape(tiny: Scenario) -> None:
    assert len(tiny["departments"]) == 12
    assert len(tiny["dependencies"]) == 9
    assert len(tiny["customers"]) == 3
    assert tiny["turns"] == 5
    assert [c["demand"] for c in tiny["customers"]] == [20, 20, 20]
    assert tiny["departments"][0]["id"] == "c00_d00"
    assert tiny["customers"][2]["enters_at"] == "c02_d00"
    assert tiny["customers"][2]["served_by"] == "c02_d03"


def test_tiny_org_uses_only_core_keys(tiny: Scenario) -> None:
    assert set(tiny) == CORE_KEYS["top"]
    for section in ("departments", "dependencies", "customers"):
        for entry in tiny[section]:
            assert set(entry) == CORE_KEYS[section], (section, entry)


def test_default_org_is_the_benchmark_size() -> None:
    scenario = big_org()
    capacities = {d["capacity"] for d in scenario["departments"]}
    assert len(scenario["departments"]) == 500
    assert len({d["id"] for d in scenario["departments"]}) == 500
    assert sum(c["demand"] for c in scenario["customers"]) == 10_000
    assert capacities == {220, 195}
    assert {d["quality"] for d in scenario["departments"]} == {0.99, 0.97}


def test_uneven_demand_is_split_to_the_item() -> None:
    assert chain_demands(3, 61) == [21, 20, 20]


def test_written_yaml_reads_back(tiny: Scenario, tmp_path: Path) -> None:
    path = write_yaml(tiny, tmp_path / "out" / "tiny.yaml")
    assert simpy_baseline.load(path) == tiny


def test_simpy_baseline_conserves_work(tiny: Scenario) -> None:
    outcome = simpy_baseline.simulate(tiny)
    assert outcome.created == 5 * 60
    assert outcome.created == outcome.delivered + outcome.queued
    # Items created in turn 0 need four turns (0 to 3) to cross four departments.
    assert outcome.delivered > 0
    assert outcome.queued > 0
    assert outcome.lead_time_total >= 3 * outcome.delivered


def test_simpy_baseline_is_deterministic(tiny: Scenario) -> None:
    assert simpy_baseline.simulate(tiny) == simpy_baseline.simulate(tiny)


def test_the_scripts_write_and_simulate_the_organisation(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    sizes = ("--chains", "3", "--length", "4", "--demand", "60", "--turns", "5")
    written = script("big_org", str(path), *sizes)
    assert written.returncode == 0, written.stderr
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == big_org(**TINY)
    once = script("simpy_baseline", str(path), "--once")
    assert once.returncode == 0, once.stderr
    totals = json.loads(once.stdout)
    assert totals["created"] == 5 * 60 == totals["delivered"] + totals["queued"]
    helped = script("engine_vs_simpy", "--help")
    assert helped.returncode == 0 and "--runs" in helped.stdout, helped.stderr
