"""The monkey: thousands of random key, mouse and resize events sent to the running game,
headless, across every screen; no event may raise, and every game played keeps the engine's
invariants.

    python benchmarks/monkey.py                  # 10,000 events, seed 1
    python benchmarks/monkey.py --quick          # 1,000 events
    python benchmarks/monkey.py --events 50000 --seed 7
    python benchmarks/monkey.py --replay monkey-failure.json

It prints the events sent, the screens visited and the time taken. On an exception, or a
game that breaks an invariant, it writes the seed and every action sent to a file
(`--failure`, default monkey-failure.json) that `--replay` plays again, and exits 1. A
replay sends the same events; a turn resolving on its worker may finish a frame earlier
or later than it did, so a replay is as faithful as the game's threads let it be.

The events are random but biased so that play gets somewhere: clicks mostly land on the
top screen's named hotspots, and the keys that move through the game (Enter, arrows, E,
D, W, H, X, Tab, Esc...) come up more often than the rest, and a fifth of the inputs are
the key or click that leads towards the screen seen least so far. Every key the game knows is
sent, F11 included. When the game stops (Esc or Quit on the title), a new one starts.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import string
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a script: the game and its engine checks

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from ripple.engine import Game  # noqa: E402
from ripple.play.session import Session  # noqa: E402
from ripple.ui.app import App  # noqa: E402
from ripple.ui.input import _KEYS  # noqa: E402
from ripple.ui.scenes.title import TitleScene  # noqa: E402

EVENTS = 10_000
QUICK_EVENTS = 1_000
DT = 1 / 60

SIZES = ((800, 600), (1024, 768), (1280, 720), (1920, 1080), (2560, 1440), (3840, 2160))
"""Window sizes the monkey favours; it also picks any size between the first and last."""

KEYS: tuple[int, ...] = tuple(
    sorted(
        set(_KEYS)
        | {pygame.K_TAB, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_F1, pygame.K_F11}
        | {getattr(pygame, f"K_{c}") for c in string.ascii_lowercase + string.digits}
    )
)
"""Every key the game knows, every letter and digit."""

MOVING = (
    (pygame.K_RETURN, 8),
    (pygame.K_DOWN, 5),
    (pygame.K_UP, 2),
    (pygame.K_RIGHT, 4),
    (pygame.K_LEFT, 2),
    (pygame.K_e, 6),
    (pygame.K_d, 3),
    (pygame.K_ESCAPE, 6),
    (pygame.K_TAB, 2),
    (pygame.K_SPACE, 2),
    (pygame.K_w, 2),
    (pygame.K_h, 2),
    (pygame.K_x, 1),
    (pygame.K_i, 1),
    (pygame.K_u, 1),
    (pygame.K_PAGEDOWN, 2),
    (pygame.K_F1, 1),
)
"""Keys that move through the game, and how much more often than the rest they come up."""

TYPED = (
    "A hand-off is a promise.",
    "we fixed intake first",
    "scenarios/claims.yaml",
    "scenarios/",
    "/",
    "~",
    "nowhere.yaml",
    "../",
    "é ☺ → 漢字",
    "?",
    " ",
)
"""Text the monkey types, besides random letters: notes, paths good and bad."""

SCREENS = (
    "TitleScene",
    "ChooseScene",
    "SavedGamesScene",
    "PlayScene",
    "DebriefScene",
    "HelpOverlay",
    "ConfirmOverlay",
    "RewindOverlay",
    "EventOverlay",
)
"""The screens every run should reach; a share of the inputs lead to the one seen least."""

DEBRIEF_PAGES = 4
"""How many of the debrief's pages every run should see: on the debrief, an input that leads
somewhere turns the page until it has."""

TITLE_WAYS = {
    "ChooseScene": "title:choose",
    "SavedGamesScene": "title:saved",
    "HelpOverlay": "title:help",
}
"""The title's way to a screen (any other screen is reached by way of Play)."""

Action = dict[str, Any]
"""One thing the monkey did: a pygame event posted, frames run, a wait, a resize, a restart."""


@dataclass
class Outcome:
    """What a run did and saw."""

    seed: int
    events: int = 0
    frames: int = 0
    games: int = 1
    visited: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    actions: list[Action] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)

    def summary(self) -> str:
        """Events, frames, new games, time and the screens visited, for a person to read."""
        screens = ", ".join(f"{name} {count}" for name, count in sorted(self.visited.items()))
        return (
            f"seed {self.seed}: {self.events} events, {self.frames} frames, {self.games} "
            f"app starts, {self.seconds:.1f} s ({len(self.sessions)} games checked)\n"
            f"screens visited (frames on top): {screens}"
        )


class Monkey:
    """Sends random events to an App and runs its frames; `run(events)` does it."""

    def __init__(
        self,
        seed: int,
        *,
        size: tuple[int, int] = (800, 600),
        largest: tuple[int, int] = SIZES[-1],
        errands: float = 0.2,
    ) -> None:
        self.rng = random.Random(seed)
        self.errands = errands
        """The share of inputs that lead towards the screen seen least so far."""
        self.largest = largest
        """The largest window the monkey resizes to."""
        self.outcome = Outcome(seed)
        self.app = self._new_app(size)

    # --- the app ------------------------------------------------------------------

    @staticmethod
    def _new_app(size: tuple[int, int]) -> App:
        app = App(size, sound=False)
        app.push(TitleScene(app))
        return app

    def _note_sessions(self) -> None:
        for scene in self.app.scenes:
            session = getattr(scene, "session", None)
            if isinstance(session, Session) and all(
                s is not session for s in self.outcome.sessions
            ):
                self.outcome.sessions.append(session)

    def _visit(self) -> None:
        top = self.app.top
        if top is None:
            return
        name = type(top).__name__
        self.outcome.visited[name] += 1
        page = getattr(top, "page_name", None)
        if page is not None:
            self.outcome.visited[f"{name}:{page}"] += 1

    # --- doing things ---------------------------------------------------------------

    def act(self, action: Action) -> None:
        """Do one action (as recorded, so a replay does the same)."""
        self.outcome.actions.append(action)
        kind = action["do"]
        if kind == "post":
            self.outcome.events += 1
            pygame.event.post(pygame.event.Event(action["type"], action["attrs"]))
        elif kind == "resize":
            self.outcome.events += 1
            self.app.resize(tuple(action["size"]))
        elif kind == "wait":
            for scene in self.app.scenes:
                session = getattr(scene, "session", None)
                if isinstance(session, Session) and session.resolving:
                    session.wait()
                    break
        elif kind == "frames":
            for _ in range(action["count"]):
                self.app.step(DT)
                self.outcome.frames += 1
                self._note_sessions()
                self._visit()
                if not self.app.running:
                    break
        elif kind == "restart":
            self.close()
            self.outcome.games += 1
            self.app = self._new_app(tuple(action["size"]))
        else:
            raise ValueError(f"unknown action {kind!r}")

    def close(self) -> None:
        """Stop the workers of the sessions on screen (a stopped app leaves them running)."""
        for scene in self.app.scenes:
            session = getattr(scene, "session", None)
            if isinstance(session, Session):
                session.close()

    def run(self, events: int) -> Outcome:
        """Send `events` random events (a key press is two: down and up), with frames between."""
        started = time.perf_counter()
        while self.outcome.events < events:
            for action in self.next_actions():
                self.act(action)
        self.act({"do": "wait"})
        self.act({"do": "frames", "count": 1})
        self.outcome.seconds = time.perf_counter() - started
        return self.outcome

    def replay(self, actions: Iterable[Action]) -> Outcome:
        """Do recorded actions again, in order."""
        started = time.perf_counter()
        for action in actions:
            self.act(action)
        self.outcome.seconds = time.perf_counter() - started
        return self.outcome

    # --- choosing what to do ----------------------------------------------------------

    def next_actions(self) -> list[Action]:
        """One random input, then a frame or a few; now and then, wait for a turn."""
        if not self.app.running:
            return [{"do": "restart", "size": list(self._size())}]
        rng = self.rng
        pick = rng.random()
        if pick < self.errands:
            actions = self._toward(self._goal())
        elif pick < 0.45:
            actions = self._key()
        elif pick < 0.72:
            actions = self._click(self._hotspot() if rng.random() < 0.8 else self._anywhere())
        elif pick < 0.82:
            actions = [
                self._post(pygame.MOUSEMOTION, pos=self._anywhere(), rel=(0, 0), buttons=(0, 0, 0))
            ]
        elif pick < 0.90:
            actions = [self._post(pygame.TEXTINPUT, text=self._text())]
        elif pick < 0.97:
            wheel = rng.choice((-3, -1, -1, 1, 1, 3))
            actions = [
                self._post(
                    pygame.MOUSEWHEEL,
                    x=0,
                    y=wheel,
                    flipped=False,
                    precise_x=0.0,
                    precise_y=float(wheel),
                )
            ]
        else:
            actions = self._resize()
        if rng.random() < 0.6:  # else the next input comes in the same frame
            frames = 1 if rng.random() < 0.9 else rng.choice((4, 4, 20, 60))
            actions.append({"do": "frames", "count": frames})
        if rng.random() < 0.3:
            actions.append({"do": "wait"})
        return actions

    @staticmethod
    def _post(kind: int, **attrs: Any) -> Action:
        return {"do": "post", "type": kind, "attrs": attrs}

    def _size(self) -> tuple[int, int]:
        rng = self.rng
        w, h = self.largest
        if rng.random() < 0.7:
            return rng.choice([s for s in SIZES if s[0] <= w and s[1] <= h])
        return rng.randint(SIZES[0][0], w), rng.randint(SIZES[0][1], h)

    def _goal(self) -> str:
        """The screen to make for: the one of `SCREENS` on top least often so far."""
        return min(SCREENS, key=lambda name: self.outcome.visited[name])

    def _pages_seen(self) -> int:
        visited = self.outcome.visited.items()
        return sum(1 for name, frames in visited if name.startswith("DebriefScene:") and frames)

    def _toward(self, goal: str) -> list[Action]:
        """One real key press or click that leads towards the screen `goal` (or, there,
        looks around it)."""
        top = self.app.top
        here = type(top).__name__
        press = self._press
        if here == "DebriefScene" and self._pages_seen() < DEBRIEF_PAGES:
            return press(pygame.K_RIGHT)
        if top is None or here == goal:
            return press(pygame.K_RIGHT if goal == "DebriefScene" else pygame.K_DOWN)
        if here == "TitleScene":
            wanted = TITLE_WAYS.get(goal, "title:play")
            spot = top.hotspots.get(wanted) or top.hotspots.get("title:play")
            return self._click(spot.center) if spot else press(pygame.K_RETURN)
        if here == "ConfirmOverlay":
            spot = top.hotspots.get("confirm:yes")
            return self._click(spot.center) if spot else press(pygame.K_ESCAPE)
        if here != "PlayScene":
            return press(pygame.K_ESCAPE)
        session = top.session  # type: ignore[attr-defined]
        guided = top.guide is not None and not top.guide.done  # type: ignore[attr-defined]
        played = session.game.turn > 0
        if goal == "DebriefScene":
            return press(pygame.K_d)
        if goal == "HelpOverlay":
            return press(pygame.K_F1)
        if goal == "SavedGamesScene" and not played:
            return press(pygame.K_e)  # a turn played makes a save to list
        if goal == "RewindOverlay" and not guided:
            return press(pygame.K_w if played else pygame.K_e)
        if goal == "EventOverlay" and not guided and session.scenario.events:
            return press(pygame.K_i)
        return press(pygame.K_ESCAPE)  # back towards the title, by way of "Leave this game?"

    def _press(self, key: int, *, mod: int = pygame.KMOD_NONE, unicode: str = "") -> list[Action]:
        down = self._post(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0)
        up = self._post(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0)
        return [down, up]

    def _key(self) -> list[Action]:
        rng = self.rng
        if rng.random() < 0.6:
            keys, weights = zip(*MOVING, strict=True)
            key = rng.choices(keys, weights)[0]
        else:
            key = rng.choice(KEYS)
        mod = pygame.KMOD_SHIFT if rng.random() < 0.15 else pygame.KMOD_NONE
        name = pygame.key.name(key)
        unicode = name.upper() if mod and len(name) == 1 else name if len(name) == 1 else ""
        if rng.random() < 0.02:
            key, mod, unicode = pygame.K_SLASH, pygame.KMOD_SHIFT, "?"
        down = self._post(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0)
        up = self._post(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0)
        return [down, up] if rng.random() < 0.95 else [down]

    def _hotspot(self) -> tuple[int, int]:
        top = self.app.top
        names = sorted(top.hotspots) if top is not None else []
        if not names:
            return self._anywhere()
        weights = [_weight(name) for name in names]
        rect = top.hotspots[self.rng.choices(names, weights)[0]] if top else None
        return rect.center if rect is not None else self._anywhere()

    def _anywhere(self) -> tuple[int, int]:
        w, h = self.app.size
        margin = 20 if self.rng.random() < 0.05 else 0  # now and then just outside
        return (
            self.rng.randint(-margin, w - 1 + margin),
            self.rng.randint(-margin, h - 1 + margin),
        )

    def _click(self, pos: tuple[int, int]) -> list[Action]:
        button = self.rng.choices((1, 2, 3, 4, 5), (20, 1, 2, 1, 1))[0]
        return [
            self._post(pygame.MOUSEBUTTONDOWN, pos=pos, button=button, touch=False),
            self._post(pygame.MOUSEBUTTONUP, pos=pos, button=button, touch=False),
        ]

    def _text(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            return rng.choice(TYPED)
        letters = string.ascii_letters + string.digits + string.punctuation + " "
        return "".join(rng.choice(letters) for _ in range(rng.randint(1, 12)))

    def _resize(self) -> list[Action]:
        size = self._size()
        if self.rng.random() < 0.5:
            return [{"do": "resize", "size": list(size)}]
        return [self._post(pygame.WINDOWSIZECHANGED, x=size[0], y=size[1])]


WEIGHTS = {
    "title:saved": 5.0,
    "title:choose": 3.0,
    "title:tutorial": 2.0,
    "title:help": 2.0,
    "title:quit": 0.3,
    "back": 0.5,
    "end_turn": 6.0,
    "confirm:yes": 6.0,
    "confirm:no": 2.0,
}
"""How often a hotspot is clicked, against 1 for the rest: the ways on through the game
more, Quit rarely."""


def _weight(hotspot: str) -> float:
    if hotspot in WEIGHTS:
        return WEIGHTS[hotspot]
    if hotspot.startswith(("guide:next", "tab:")):
        return 6.0
    if hotspot.startswith(("scenario:", "save:", "rewind:", "event:")):
        return 2.0
    return 1.0


# --- the games' invariants ---------------------------------------------------------------


def games_of(session: Session) -> list[Game]:
    """Every engine game a session holds: each team's, and the first timeline of a what-if."""
    return [*session.games.values(), *([session.first] if session.first is not None else [])]


def check_sessions(sessions: Iterable[Session], check: Callable[[Game], None]) -> int:
    """Finish any turn still resolving, then run `check` on every game and the session's own
    promises (budget kept, the screen shows the latest turn); returns the games checked."""
    checked = 0
    for session in sessions:
        session.wait()
        assert session.spent <= session.budget, "the turn's choices cost more than the budget"
        for game in games_of(session):
            check(game)
            assert 0 <= game.turn <= game.turns
            checked += 1
        board = session.showing
        assert session.views[board][1].turn == session.games[board].turn, "stale snapshot"
    return checked


def engine_invariants(game: Game) -> None:
    """Conservation and attribution, as the engine's own tests check them."""
    from tests.test_engine import assert_attributed, assert_conserved

    assert_conserved(game)
    assert_attributed(game)


def monkey(events: int, seed: int, *, largest: tuple[int, int] = SIZES[-1]) -> Outcome:
    """Run the monkey for `events` events (windows up to `largest`), check every game it
    played, and stop its workers."""
    runner = Monkey(seed, largest=largest)
    try:
        outcome = runner.run(events)
        check_sessions(outcome.sessions, engine_invariants)
    finally:
        runner.close()
        for session in runner.outcome.sessions:
            session.close()
    return outcome


# --- the command ----------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run the monkey (or a replay); 0 when nothing broke, 1 otherwise."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=EVENTS, help="events to send")
    parser.add_argument("--seed", type=int, default=1, help="the random seed")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_EVENTS:,} events")
    parser.add_argument("--replay", type=Path, help="play the actions of a failure file again")
    parser.add_argument(
        "--failure", type=Path, default=Path("monkey-failure.json"), help="where a failure goes"
    )
    options = parser.parse_args(argv)
    events = QUICK_EVENTS if options.quick else options.events
    if "RIPPLE_DATA_DIR" not in os.environ:  # saves and exports never touch the player's own
        os.environ["RIPPLE_DATA_DIR"] = tempfile.mkdtemp(prefix="ripple-monkey-")
    recorded = json.loads(options.replay.read_text()) if options.replay else None
    seed = recorded["seed"] if recorded else options.seed
    runner = Monkey(seed)
    try:
        outcome = runner.replay(recorded["actions"]) if recorded else runner.run(events)
        checked = check_sessions(outcome.sessions, engine_invariants)
    except Exception:  # any failure is the finding: keep it to replay
        traceback.print_exc()
        failure = {"seed": seed, "events": runner.outcome.events, "actions": runner.outcome.actions}
        options.failure.write_text(json.dumps(failure))
        print(f"FAILED after {runner.outcome.events} events; replay: --replay {options.failure}")
        return 1
    finally:
        runner.close()
        for session in runner.outcome.sessions:
            session.close()
    print(outcome.summary())
    print(f"{checked} engine games keep their invariants")
    return 0


if __name__ == "__main__":
    sys.exit(main())
