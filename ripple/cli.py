"""The `ripple` command: one function per subcommand, each a thin layer over the package."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from ripple.paths import DEFAULT_SCENARIO


def _scenario_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        nargs="?",
        type=Path,
        default=DEFAULT_SCENARIO,
        help=f"scenario file (default: {DEFAULT_SCENARIO.name})",
    )


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _seed(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def simulate(args: argparse.Namespace) -> int:
    """Play one game headless and print its story (or its JSON record)."""
    from ripple.engine import DecisionError, Game
    from ripple.report.record import play_out, record
    from ripple.report.story import story
    from ripple.save import SaveError, read_save, save_of, write_save
    from ripple.scenario.load import load_scenario, scenario_hash
    from ripple.scenario.problems import ScenarioError

    try:
        scenario = load_scenario(args.file)
    except ScenarioError as error:
        _print_problems(error.problems)
        return 1
    seed, turns = args.seed, args.turns
    decisions: tuple = ()
    injected: tuple = ()
    if args.decisions is not None:
        try:
            saved = read_save(args.decisions)
        except SaveError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        if saved.scenario_sha256 and saved.scenario_sha256 != scenario_hash(args.file):
            print(
                f"warning: {args.file} has changed since {args.decisions} was saved; "
                "the replay may differ from the game that was played",
                file=sys.stderr,
            )
        seed = saved.seed if seed is None and saved.seed >= 0 else seed
        turns = saved.turns if turns is None and saved.turns > 0 else turns
        decisions, injected = saved.decisions, saved.injected
    game = Game(scenario, seed, turns=turns, keep_snapshots=False)
    try:
        play_out(game, args.policy, decisions, injected)
    except DecisionError as error:
        print(f"error: {args.decisions}: turn {game.turn + 1}: {error}", file=sys.stderr)
        return 1
    if args.save is not None:
        write_save(save_of(game, str(args.file), scenario_hash(args.file)), args.save)
    if args.json:
        print(json.dumps(record(game, args.policy)))
    else:
        print(story(game, args.policy), end="")
    return 0


def play(args: argparse.Namespace) -> int:
    """Open the game in a window (or play N turns headless and save a picture)."""
    from ripple.ui.launch import Options
    from ripple.ui.launch import play as launch

    return launch(
        Options(
            file=args.file,
            size=args.size,
            projector=args.projector,
            fullscreen=args.fullscreen,
            sound=not args.mute,
            seed=args.seed,
            save=args.save,
            load=args.load,
            autoplay=args.autoplay,
            policy=args.policy,
            screen=args.screen,
            screenshot=args.screenshot,
        )
    )


def bench(args: argparse.Namespace) -> int:
    """Measure the front end on this machine: frame times, first frame, memory."""
    from ripple.ui.bench import Unplayable
    from ripple.ui.bench import bench as measure

    try:
        result = measure(args.file, args.size, turns=args.turns)
    except Unplayable as error:
        print(error, file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result))
    else:
        print(_bench_table(result), end="")
    missed = any(t["result"] == "FAIL" for t in result["targets"].values())
    return 1 if args.strict and missed else 0


def _bench_table(result: dict) -> str:
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


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError("write the size as WIDTHxHEIGHT, e.g. 1920x1080") from None
    if not (320 <= width <= 8192 and 240 <= height <= 8192):
        raise argparse.ArgumentTypeError("the size must be from 320x240 to 8192x8192")
    return width, height


def validate(args: argparse.Namespace) -> int:
    """Check scenario files; print every problem as FILE:LINE:COL: severity: message."""
    from ripple.scenario.load import check_file

    failed = False
    for path in args.files or [DEFAULT_SCENARIO]:
        problems = check_file(path)
        _print_problems(problems)
        failed = failed or any(p.severity == "error" for p in problems)
        if not problems and not args.quiet:
            print(f"{path}: ok", file=sys.stderr)
    return 1 if failed else 0


def schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of scenario files."""
    from ripple.scenario.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def _print_problems(problems: Sequence[object]) -> None:
    for problem in problems:
        print(problem)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the `ripple` command."""
    from ripple.engine.policies import POLICIES

    parser = argparse.ArgumentParser(
        prog="ripple",
        description="The Ripple Effect: every job is a customer service job.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sim = commands.add_parser("simulate", help="play one game headless and tell its story")
    _scenario_arg(sim)
    sim.add_argument("--seed", type=_seed, help="seed (default: the scenario's)")
    sim.add_argument("--turns", type=_positive, help="number of turns (default: the scenario's)")
    sim.add_argument(
        "--policy",
        choices=sorted(POLICIES),
        default="none",
        help="who decides: none (no interventions), silo (each department for itself), "
        "customer (everyone is my customer); default: none",
    )
    sim.add_argument(
        "--decisions",
        type=Path,
        metavar="FILE",
        help="replay the decisions of a saved game (the policy decides any later turns)",
    )
    sim.add_argument("--save", type=Path, metavar="PATH", help="save the game played")
    sim.add_argument("--json", action="store_true", help="print one JSON object")
    sim.set_defaults(run=simulate)

    game = commands.add_parser("play", help="play in a window (the projector front end)")
    _scenario_arg(game)
    game.add_argument(
        "--size",
        type=_size,
        default=(1280, 720),
        metavar="WxH",
        help="window size (default 1280x720)",
    )
    game.add_argument(
        "--projector",
        action="store_true",
        help="high-contrast colours and larger text for a projector",
    )
    game.add_argument("--fullscreen", action="store_true", help="start fullscreen (F11 toggles)")
    game.add_argument("--mute", action="store_true", help="no sound cues (M toggles)")
    game.add_argument("--seed", type=_seed, help="seed (default: the scenario's)")
    game.add_argument("--save", type=Path, metavar="PATH", help="save the game after every turn")
    game.add_argument("--load", type=Path, metavar="PATH", help="continue a saved game")
    game.add_argument(
        "--autoplay", type=_seed, metavar="N", help="play N turns headless (no window) and stop"
    )
    game.add_argument(
        "--policy",
        choices=sorted(POLICIES),
        default="none",
        help="who decides in --autoplay (default: none)",
    )
    game.add_argument(
        "--screen",
        choices=["title", "play", "debrief"],
        default="play",
        help="the screen to show at the end of --autoplay",
    )
    game.add_argument(
        "--screenshot", type=Path, metavar="PATH", help="with --autoplay: save that screen as a PNG"
    )
    game.set_defaults(run=play)

    measure = commands.add_parser(
        "bench", help="measure the front end here: frame times, first frame, memory"
    )
    _scenario_arg(measure)
    measure.add_argument(
        "--size",
        type=_size,
        default=(1920, 1080),
        metavar="WxH",
        help="window size (default 1920x1080)",
    )
    measure.add_argument("--turns", type=_positive, help="play only the first N turns")
    measure.add_argument("--json", action="store_true", help="print one JSON object")
    measure.add_argument(
        "--strict", action="store_true", help="exit with status 1 if a target is missed"
    )
    measure.set_defaults(run=bench)

    check = commands.add_parser("validate", help="check scenario files")
    check.add_argument("files", nargs="*", type=Path, metavar="FILE")
    check.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    check.set_defaults(run=validate)

    schema_command = commands.add_parser("schema", help="print the JSON Schema of scenario files")
    schema_command.set_defaults(run=schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `ripple` command; returns its exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
