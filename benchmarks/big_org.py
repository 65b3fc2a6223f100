"""The benchmark organisation: many parallel chains of departments, in core keys only.

Each chain is a line of departments handing work on to the next; one customer segment per
chain enters at its first department and is served by its last. Capacity leaves headroom
except at every seventh department, which is a little short of demand so that queues form
there; every eleventh department is a little sloppier than the rest.

    python benchmarks/big_org.py [PATH]      # writes benchmarks/out/big_org.yaml by default
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import yaml

DEFAULT_PATH = Path(__file__).resolve().parent / "out" / "big_org.yaml"
TIGHT_EVERY = 7
SLOPPY_EVERY = 11
QUALITY = 0.99
SLOPPY_QUALITY = 0.97


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


def main(argv: list[str] | None = None) -> int:
    """Write the benchmark organisation as YAML; the path is the only required choice."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--chains", type=int, default=50)
    parser.add_argument("--length", type=int, default=10)
    parser.add_argument("--demand", type=int, default=10_000, help="items entering a turn")
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    scenario = big_org(args.chains, args.length, args.demand, args.turns, args.seed)
    path = write_yaml(scenario, args.path)
    print(
        f"{path}: {len(scenario['departments'])} departments, "
        f"{len(scenario['dependencies'])} dependencies, {len(scenario['customers'])} customers, "
        f"{args.demand:,} items a turn, {args.turns} turns"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
