"""ripple play: the game in a window, or N turns headless to a picture."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ripple.commands.options import count, positive, scenario_file, size
from ripple.engine.policies import POLICIES

NAME = "play"
HELP = "play in a window (the projector front end)"


def add(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    scenario_file(parser)
    parser.set_defaults(file=None)  # no FILE: the title screen; a FILE: straight into its game
    parser.add_argument(
        "--size",
        type=size,
        metavar="WxH",
        help="window size (default 1280x720, or less to fit the screen)",
    )
    parser.add_argument(
        "--projector",
        action="store_true",
        help="high-contrast colours and larger text for a projector",
    )
    parser.add_argument("--fullscreen", action="store_true", help="start fullscreen (F11 toggles)")
    parser.add_argument("--mute", action="store_true", help="no sound cues (M toggles)")
    parser.add_argument("--seed", type=count, help="seed (default: the scenario's)")
    parser.add_argument("--save", type=Path, metavar="PATH", help="save the game after every turn")
    parser.add_argument("--load", type=Path, metavar="PATH", help="continue a saved game")
    parser.add_argument(
        "--autoplay", type=count, metavar="N", help="play N turns headless (no window) and stop"
    )
    parser.add_argument(
        "--policy",
        choices=sorted(POLICIES),
        default="none",
        help="who decides in --autoplay (default: none)",
    )
    parser.add_argument(
        "--screen",
        choices=["title", "play", "debrief"],
        default="play",
        help="the screen to show at the end of --autoplay",
    )
    parser.add_argument(
        "--screenshot", type=Path, metavar="PATH", help="with --autoplay: save that screen as a PNG"
    )
    parser.add_argument(
        "--teams",
        type=team_names,
        default=(),
        metavar="A,B,...",
        help="teams taking turns on one laptop, each with its own copy of the organisation "
        "(same seed and events)",
    )
    parser.add_argument(
        "--roles",
        action="store_true",
        help="with --teams: one shared organisation, each team running a block of departments "
        "and deciding only for them",
    )
    parser.add_argument(
        "--timer",
        type=positive,
        metavar="SECONDS",
        help="seconds each team has to choose; then the turn ends with what is chosen",
    )


def run(args: argparse.Namespace) -> int:
    """Open the game (or play it headless)."""
    from ripple.ui.launch import Options, play

    if args.roles and not args.teams:
        print(
            "error: --roles shares the organisation among teams: give --teams too", file=sys.stderr
        )
        return 2

    return play(
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
            teams=args.teams,
            roles=args.roles,
            timer=args.timer,
        )
    )


def team_names(text: str) -> tuple[str, ...]:
    """Team names, comma-separated, each used once."""
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    if len(names) < 2 or len(set(names)) != len(names):
        raise argparse.ArgumentTypeError("give two or more different team names: Red,Blue,Green")
    return names
