"""The benchmark scripts build the organisation they claim and the SimPy model conserves work.

Functional checks only, on a tiny organisation: timings belong to `make bench`.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

Scenario = dict[str, Any]
BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
CORE_KEYS = {
    "top": {"title", "turns", "seed", "departments", "dependencies", "customers"},
    "departments": {"id", "name", "capacity", "quality"},
    "dependencies": {"from", "to"},
    "customers": {"id", "name", "enters_at", "served_by", "demand"},
}


def load_script(name: str) -> ModuleType:
    """Import benchmarks/<name>.py under its own name, as the scripts import each other."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


pytest.importorskip("simpy")
big_org = load_script("big_org")
simpy_baseline = load_script("simpy_baseline")


@pytest.fixture
def tiny() -> Scenario:
    """Three chains of four departments, 60 items a turn, five turns."""
    scenario: Scenario = big_org.big_org(chains=3, length=4, demand_per_turn=60, turns=5)
    return scenario


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
    scenario = big_org.big_org()
    capacities = {d["capacity"] for d in scenario["departments"]}
    assert len(scenario["departments"]) == 500
    assert len({d["id"] for d in scenario["departments"]}) == 500
    assert sum(c["demand"] for c in scenario["customers"]) == 10_000
    assert capacities == {220, 195}
    assert {d["quality"] for d in scenario["departments"]} == {0.99, 0.97}


def test_uneven_demand_is_split_to_the_item() -> None:
    assert big_org.chain_demands(3, 61) == [21, 20, 20]


def test_written_yaml_reads_back(tiny: Scenario, tmp_path: Path) -> None:
    path = big_org.write_yaml(tiny, tmp_path / "out" / "tiny.yaml")
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
