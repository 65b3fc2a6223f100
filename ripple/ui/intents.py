"""What a player means, whatever key or click said it. Scenes act on intents, never on
pygame events (`input.py` is the one place that reads those)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Intent:
    """Base of every intent."""


@dataclass(frozen=True, slots=True)
class Quit(Intent):
    """The window was closed."""


@dataclass(frozen=True, slots=True)
class Back(Intent):
    """Esc: back out of the current screen or dialog."""


@dataclass(frozen=True, slots=True)
class Confirm(Intent):
    """Enter: choose the highlighted thing."""


@dataclass(frozen=True, slots=True)
class Move(Intent):
    """Arrow keys: move the highlight."""

    dx: int
    dy: int


@dataclass(frozen=True, slots=True)
class Cycle(Intent):
    """Tab (or Shift+Tab): inspect the next (previous) department, hand-off or customer."""

    step: int


@dataclass(frozen=True, slots=True)
class Help(Intent):
    """F1 or ?: show every key."""


@dataclass(frozen=True, slots=True)
class EndTurn(Intent):
    """E: resolve the turn with the decisions chosen."""


@dataclass(frozen=True, slots=True)
class Skip(Intent):
    """Space: finish the animation now."""


@dataclass(frozen=True, slots=True)
class Speed(Intent):
    """+ or -: animate faster or slower."""

    step: int


@dataclass(frozen=True, slots=True)
class Remove(Intent):
    """Backspace or Delete: take back the last decision chosen this turn."""


@dataclass(frozen=True, slots=True)
class Mute(Intent):
    """M: sound cues on or off."""


@dataclass(frozen=True, slots=True)
class Fullscreen(Intent):
    """F11: fullscreen on or off."""


@dataclass(frozen=True, slots=True)
class Debrief(Intent):
    """D: go to the debrief (once the game is over)."""


@dataclass(frozen=True, slots=True)
class Click(Intent):
    """A mouse click (left button) at a window position."""

    pos: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Hover(Intent):
    """The mouse moved to a window position."""

    pos: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Scroll(Intent):
    """The mouse wheel turned: positive is up."""

    dy: int


@dataclass(frozen=True, slots=True)
class Resize(Intent):
    """The window changed size."""

    size: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Type(Intent):
    """Text typed (for a file name)."""

    text: str


@dataclass(frozen=True, slots=True)
class Pause(Intent):
    """P (facilitator): pause or resume the animation and the turn timer."""


@dataclass(frozen=True, slots=True)
class Undo(Intent):
    """U (facilitator): take back the last turn played, to play it again."""


@dataclass(frozen=True, slots=True)
class Inject(Intent):
    """I (facilitator): set off one of the scenario's events."""


@dataclass(frozen=True, slots=True)
class HideScores(Intent):
    """S (facilitator): hide the scoreboard during play (the debrief shows it)."""


@dataclass(frozen=True, slots=True)
class Export(Intent):
    """X on the debrief: write the pack to send round (charts, CSV, decisions, summary)."""


@dataclass(frozen=True, slots=True)
class AskHint(Intent):
    """H: which hand-off hurts customers most right now, and why."""


@dataclass(frozen=True, slots=True)
class TurnStory(Intent):
    """L: the whole last turn told part by part, over the graph (L again closes it)."""


@dataclass(frozen=True, slots=True)
class WhatIf(Intent):
    """W: rewind to an earlier turn and play on differently, keeping the first timeline to
    compare with."""


@dataclass(frozen=True, slots=True)
class Guide(Intent):
    """Page Down / Page Up in the tutorial: the next step (skipping this one), or this step
    again from its start."""

    step: int
