"""ripple play: the game in a window, or N turns headless to a picture."""

from __future__ import annotations

import argparse
from pathlib import Path

from ripple.commands.options import count, scenario_file, size
from ripple.engine.policies import POLICIES

NAME = "play"
HELP = "play in a window (the projector front end)"


def add(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    scenario_file(parser)
    parser.add_argument(
        "--size",
        type=size,
        default=(1280, 720),
        metavar="WxH",
        help="window size (default 1280x720)",
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


def run(args: argparse.Namespace) -> int:
    """Open the game (or play it headless)."""
    from ripple.ui.launch import Options, play

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
        )
    )
