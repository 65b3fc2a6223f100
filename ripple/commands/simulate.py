"""ripple simulate: play one game headless and tell its story (or print it as JSON).

With `--runs N` it plays N seeded games per policy in parallel processes instead and
reports the distribution of the outcomes, where the harm started, and (with `--compare`)
whether one policy is clearly better than another or the difference is within noise.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ripple.commands.options import count, positive, print_problems, read_saved_game, scenario_file
from ripple.engine.policies import ONLY, POLICIES

if TYPE_CHECKING:
    from ripple.engine import Game
    from ripple.scenario.model import Scenario

NAME = "simulate"
HELP = "play one game headless and tell its story, or many to balance a scenario"


def policy_list(text: str) -> list[str]:
    """Two or more policy names, written P1,P2,...: built-in ones, or only:<intervention id>
    for a player who spends on that one intervention every turn."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in POLICIES and not name.startswith(ONLY)]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"no policy called '{unknown[0]}' (choose from {', '.join(sorted(POLICIES))}, "
            f"or {ONLY}<intervention id>)"
        )
    if len(set(names)) != len(names) or len(names) < 2:
        raise argparse.ArgumentTypeError("name two or more different policies, e.g. silo,customer")
    return names


def processors() -> int:
    """The processors this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def add(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    scenario_file(parser)
    parser.add_argument("--seed", type=count, help="seed (default: the scenario's)")
    parser.add_argument("--turns", type=positive, help="number of turns (default: the scenario's)")
    who = parser.add_mutually_exclusive_group()
    who.add_argument(
        "--policy",
        choices=sorted(POLICIES),
        default="none",
        help="who decides: none (no interventions), silo (each department for itself), "
        "customer (everyone is my customer); default: none",
    )
    who.add_argument(
        "--compare",
        type=policy_list,
        metavar="P1,P2,...",
        help="with --runs: play every policy on the same seeds and compare each with the "
        "first; only:<id> is a player who buys only that intervention",
    )
    parser.add_argument(
        "--decisions",
        type=Path,
        metavar="FILE",
        help="replay the decisions of a saved game (the policy decides any later turns)",
    )
    parser.add_argument("--save", type=Path, metavar="PATH", help="save the game played")
    parser.add_argument(
        "--team",
        metavar="NAME",
        help="with --decisions from a workshop of teams: whose game to replay "
        "(default: the first team)",
    )
    parser.add_argument(
        "--runs",
        type=positive,
        metavar="N",
        help="play N games per policy, seeded from the scenario's seed (or --seed), and "
        "report the distribution of the outcomes",
    )
    parser.add_argument(
        "--jobs",
        type=positive,
        metavar="J",
        help="with --runs: processes to play in (default: one per processor; 1: no pool)",
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print one JSON object")
    output.add_argument(
        "--csv", action="store_true", help="with --runs: print one CSV row per game"
    )
    parser.set_defaults(simulate_parser=parser)


def _refuse(args: argparse.Namespace) -> None:
    """Options that make no sense together stop the command as argparse would (status 2)."""
    parser: argparse.ArgumentParser = getattr(
        args, "simulate_parser", argparse.ArgumentParser(prog="ripple simulate")
    )
    if args.runs is None:
        for given, option in (
            (args.compare, "--compare"),
            (args.csv, "--csv"),
            (args.jobs, "--jobs"),
        ):
            if given:
                parser.error(f"{option} needs --runs N: it works on many games")
    else:
        for given, option in ((args.decisions, "--decisions"), (args.save, "--save")):
            if given is not None:
                parser.error(f"{option} replays or saves one game; it cannot go with --runs")


def run(args: argparse.Namespace) -> int:
    """Play the game (or the games, with --runs) and print it."""
    _refuse(args)
    from ripple.engine import DecisionError, Game
    from ripple.play.save import save_of, write_save
    from ripple.report.record import play_out, record
    from ripple.report.story import story
    from ripple.scenario.load import load_scenario, scenario_hash
    from ripple.scenario.problems import ScenarioError

    try:
        scenario = load_scenario(args.file)
    except ScenarioError as error:
        print_problems(error.problems)
        return 1
    if args.runs is not None:
        return _run_batch(args, scenario)
    injected: tuple[tuple[str, ...], ...] = ()
    source = None
    if args.decisions is None:
        game = Game(scenario, args.seed, turns=args.turns, keep_snapshots=False)
    else:
        replayed = _replayed(args, scenario)
        if replayed is None:
            return 1
        game, injected, source = replayed
    recorded = game.turn
    try:
        play_out(game, args.policy, injected=injected)
    except DecisionError as error:
        print(f"error: {args.decisions}: turn {game.turn + 1}: {error}", file=sys.stderr)
        return 1
    if args.save is not None:
        write_save(save_of(game, str(args.file), scenario_hash(args.file)), args.save)
    if args.json:
        print(json.dumps(record(game, args.policy)))
    else:
        print(story(game, args.policy, source=source, recorded=recorded), end="")
    return 0


def _replayed(
    args: argparse.Namespace, scenario: Scenario
) -> tuple[Game, tuple[tuple[str, ...], ...], str] | None:
    """The game of the save named by --decisions, replayed as far as it was played (with its
    seed, turns and budget, --seed and --turns standing in for the save's): the game, the
    events injected on every turn (the policy's later turns get them too) and where the
    decisions came from, for the heading. None, with the error printed, if it cannot be."""
    from ripple.engine import DecisionError
    from ripple.scenario.load import scenario_hash

    saved = read_saved_game(args.decisions)
    if saved is None:
        return None
    if saved.scenario_sha256 and saved.scenario_sha256 != scenario_hash(args.file):
        print(
            f"warning: {args.file} has changed since {args.decisions} was saved; "
            "the replay may differ from the game that was played",
            file=sys.stderr,
        )
    team, source = "", str(args.decisions)
    if saved.team_decisions:
        team = args.team or next(iter(saved.team_decisions))
        if team not in saved.team_decisions:
            known = ", ".join(saved.team_decisions)
            print(f"error: no team '{team}' in {args.decisions} (teams: {known})", file=sys.stderr)
            return None
        print(f"replaying team {team}'s game", file=sys.stderr)
        source += f" (team {team})"
    try:
        game = saved.replay(scenario, team, seed=args.seed, turns=args.turns, keep_snapshots=False)
    except DecisionError as error:
        print(f"error: {args.decisions}: {error}", file=sys.stderr)
        return None
    return game, saved.injected, source


def _run_batch(args: argparse.Namespace, scenario: Scenario) -> int:
    """Many seeded games per policy: distributions, root causes and comparisons."""
    from ripple.batch.report import ProgressBar, describe, rows, summary
    from ripple.batch.runs import play_batch
    from ripple.scenario.menu import STANDARD_MENU

    policies = args.compare or [args.policy]
    menu = [i.id for i in scenario.interventions or STANDARD_MENU]
    for name in policies:
        if name.startswith(ONLY) and name[len(ONLY) :] not in menu:
            print(
                f"error: '{name}': this scenario's menu has no '{name[len(ONLY) :]}' "
                f"(it has: {', '.join(menu)})",
                file=sys.stderr,
            )
            return 2
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        batch = play_batch(
            args.file,
            scenario,
            policies,
            args.runs,
            seed=args.seed,
            turns=args.turns,
            jobs=args.jobs or processors(),
            progress=bar,
        )
    finally:
        if bar is not None:
            bar.clear()
    if args.json:
        print(json.dumps(summary(batch)))
    elif args.csv:
        csv.writer(sys.stdout, lineterminator="\n").writerows(rows(batch))
    else:
        print(describe(batch, args.turns or scenario.turns), end="")
    return 0
