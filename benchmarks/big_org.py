"""Write the benchmark organisation as a YAML scenario file.

The organisation is many parallel chains of departments in core keys only; `big_org` in
tests/organisations.py builds it, for this script, the other benchmarks and their tests.

    python benchmarks/big_org.py [PATH]      # writes benchmarks/out/big_org.yaml by default
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a script: the shared generators are in tests/

from tests.organisations import big_org, write_yaml  # noqa: E402

DEFAULT_PATH = Path(__file__).resolve().parent / "out" / "big_org.yaml"
"""Where the organisation is written unless told otherwise."""


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
