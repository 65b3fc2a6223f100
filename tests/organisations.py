"""The benchmark organisation as plain scenario data, in core keys only: many parallel chains
of departments, each a line handing work on to the next, with one customer segment per chain
entering at its first department and served by its last. Capacity leaves headroom except at
every seventh department, which is a little short of demand so that queues form there;
every eleventh department is a little sloppier than the rest.

The benchmarks (`benchmarks/big_org.py`, `engine_vs_simpy.py`, `simpy_baseline.py`) and
their tests build it from here. It imports nothing of the game: the SimPy baseline imports
it too, and its start-up is part of the time measured (tests/factory.py imports the engine).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

TIGHT_EVERY = 7
"""Every seventh department (counted over the whole organisation) is short of capacity."""

SLOPPY_EVERY = 11
"""Every eleventh department works at SLOPPY_QUALITY."""

QUALITY = 0.99
"""The quality of most departments."""

SLOPPY_QUALITY = 0.97
"""The quality of the sloppier departments."""


def department_id(chain: int, step: int) -> str:
    """The id of the department at `step` of `chain`, both counted from 0: 'c07_d03'."""
    return f"c{chain:02d}_d{step:02d}"


def chain_demands(chains: int, demand_per_turn: int) -> list[int]:
    """Split the demand per turn over the chains as evenly as whole items allow."""
    base, extra = divmod(demand_per_turn, chains)
    return [base + (1 if chain < extra else 0) for chain in range(chains)]


def big_org(
    chains: int = 50,
    length: int = 10,
    demand_per_turn: int = 10_000,
    turns: int = 200,
    seed: int = 1,
) -> dict[str, Any]:
    """A scenario of `chains` chains of `length` departments, using only the core keys.

    With the defaults: 500 departments, 450 dependencies, 50 customer segments of 200 items
    a turn each (10,000 items entering every turn), 200 turns.
    """
    if chains < 1 or length < 1:
        raise ValueError("an organisation needs at least one chain of one department")
    if demand_per_turn < 0 or turns < 0:
        raise ValueError("demand and turns cannot be negative")
    departments: list[dict[str, Any]] = []
    dependencies: list[dict[str, Any]] = []
    customers: list[dict[str, Any]] = []
    for chain, demand in enumerate(chain_demands(chains, demand_per_turn)):
        headroom = demand + max(1, demand // 10)  # 220 for 200 a turn
        tight = max(0, demand - max(1, demand // 40))  # 195 for 200 a turn
        for step in range(length):
            number = chain * length + step + 1
            departments.append(
                {
                    "id": department_id(chain, step),
                    "name": f"Chain {chain + 1:02d} stage {step + 1:02d}",
                    "capacity": tight if number % TIGHT_EVERY == 0 else headroom,
                    "quality": SLOPPY_QUALITY if number % SLOPPY_EVERY == 0 else QUALITY,
                }
            )
            if step:
                dependencies.append(
                    {"from": department_id(chain, step - 1), "to": department_id(chain, step)}
                )
        customers.append(
            {
                "id": f"c{chain:02d}_customers",
                "name": f"Customers of chain {chain + 1:02d}",
                "enters_at": department_id(chain, 0),
                "served_by": department_id(chain, length - 1),
                "demand": demand,
            }
        )
    return {
        "title": f"Benchmark: {chains} chains of {length} departments",
        "turns": turns,
        "seed": seed,
        "departments": departments,
        "dependencies": dependencies,
        "customers": customers,
    }


def write_yaml(scenario: dict[str, Any], path: Path) -> Path:
    """Write `scenario` as a YAML scenario file at `path`, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as file:
        yaml.safe_dump(scenario, file, sort_keys=False, width=100)
    return path
