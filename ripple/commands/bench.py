"""ripple bench: measure the front end on this machine (frame times, first frame, memory)."""

from __future__ import annotations

import argparse
import json
import sys

from ripple.commands.options import positive, scenario_file, size

NAME = "bench"
HELP = "measure the front end here: frame times, first frame, memory"


def add(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    scenario_file(parser)
    parser.add_argument(
        "--size",
        type=size,
        default=(1920, 1080),
        metavar="WxH",
        help="window size (default 1920x1080)",
    )
    parser.add_argument("--turns", type=positive, help="play only the first N turns")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--strict", action="store_true", help="exit with status 1 if a target is missed"
    )


def run(args: argparse.Namespace) -> int:
    """Measure, then print the figures (a missed target fails only with --strict)."""
    from ripple.ui.bench import Unplayable, bench

    try:
        result = bench(args.file, args.size, turns=args.turns)
    except Unplayable as error:
        print(error, file=sys.stderr)
        return 1
    print(json.dumps(result) if args.json else table(result), end="\n" if args.json else "")
    missed = any(t["result"] == "FAIL" for t in result["targets"].values())
    return 1 if args.strict and missed else 0


def table(result: dict) -> str:
    """The figures as a readable table with PASS or FAIL per target."""
    width, height = result["size"]
    lines = [
        f"{result['scenario']} at {width}x{height}: {result['turns']} turns, "
        f"{result['frames']} frames, Python {result['python']}",
        f"(first frame timed from the {result['first_frame_from']} start)",
        "",
        f"{'measure':<20} {'value':>10} {'target':>10}  result",
    ]
    units = {"_ms": "ms", "_s": "s", "_mb": "MB"}
    for name in ("frame_p50_ms", *result["targets"]):
        unit = next(u for suffix, u in units.items() if name.endswith(suffix))
        target = result["targets"].get(name)
        limit = f"{target['limit']:.2f} {unit}" if target else ""
        verdict = target["result"] if target else ""
        value = f"{result[name]:.2f} {unit}"
        lines.append(f"{name:<20} {value:>10} {limit:>10}  {verdict}".rstrip())
    return "\n".join(lines) + "\n"
