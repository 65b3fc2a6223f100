"""ripple simulate: play one game headless and tell its story (or print it as JSON)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ripple.commands.options import count, positive, print_problems, scenario_file
from ripple.engine.policies import POLICIES

NAME = "simulate"
HELP = "play one game headless and tell its story"


def add(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    scenario_file(parser)
    parser.add_argument("--seed", type=count, help="seed (default: the scenario's)")
    parser.add_argument("--turns", type=positive, help="number of turns (default: the scenario's)")
    parser.add_argument(
        "--policy",
        choices=sorted(POLICIES),
        default="none",
        help="who decides: none (no interventions), silo (each department for itself), "
        "customer (everyone is my customer); default: none",
    )
    parser.add_argument(
        "--decisions",
        type=Path,
        metavar="FILE",
        help="replay the decisions of a saved game (the policy decides any later turns)",
    )
    parser.add_argument("--save", type=Path, metavar="PATH", help="save the game played")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> int:
    """Play the game and print it."""
    from ripple.engine import DecisionError, Game
    from ripple.report.record import play_out, record
    from ripple.report.story import story
    from ripple.save import SaveError, read_save, save_of, write_save
    from ripple.scenario.load import load_scenario, scenario_hash
    from ripple.scenario.problems import ScenarioError

    try:
        scenario = load_scenario(args.file)
    except ScenarioError as error:
        print_problems(error.problems)
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
